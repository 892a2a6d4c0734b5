/*
 * extract_text.c - normalising the text runs of a parsed page.
 *
 * libxml2 has already decoded entities (&amp; &#8217; &nbsp;). What is left
 * is what a reader never sees: runs of layout whitespace, no-break and other
 * Unicode spaces, zero-width and bidi marks, soft hyphens, control
 * characters, and C1 code points that old pages meant as Windows-1252
 * (&#146; for a right quote). This file owns that cleanup and a few ASCII
 * string helpers the extractor shares.
 */
#include "extract/extract.h"

#include "core/text.h"

#include <string.h>

typedef enum cp_class { CP_KEEP, CP_SPACE, CP_DROP } cp_class;

static cp_class classify_cp(int32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
        cp == '\v')
      return CP_SPACE;
    return cp < 0x20 || cp == 0x7F ? CP_DROP : CP_KEEP;
  }
  if (cp == 0xA0 || cp == 0x85 || cp == 0x1680 ||
      (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
      cp == 0x202F || cp == 0x205F || cp == 0x3000)
    return CP_SPACE;
  if (cp <= 0x9F || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
      cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF || cp == 0x180E)
    return CP_DROP;
  return CP_KEEP;
}

void bf_xtext_append(bf_buf *b, size_t start, const char *s, size_t len,
                     int *space) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    /* Fast path: a run of printable ASCII. */
    if (c > 0x20 && c < 0x7F) {
      size_t j = i + 1;
      while (j < len && (unsigned char)s[j] > 0x20 &&
             (unsigned char)s[j] < 0x7F)
        j++;
      if (*space && b->len > start)
        bf_buf_putc(b, ' ');
      *space = 0;
      bf_buf_append(b, s + i, j - i);
      i = j;
      continue;
    }
    int32_t cp;
    size_t n = bf_utf8_decode(s, len, i, &cp);
    i += n;
    if (cp >= 0x80 && cp <= 0x9F) {
      int32_t w = bf_cp1252_c1((unsigned)cp);
      if (w)
        cp = w;
    }
    switch (classify_cp(cp)) {
    case CP_SPACE:
      *space = 1;
      break;
    case CP_DROP:
      break;
    case CP_KEEP: {
      char tmp[4];
      if (*space && b->len > start)
        bf_buf_putc(b, ' ');
      *space = 0;
      bf_buf_append(b, tmp, bf_utf8_encode(cp, tmp));
      break;
    }
    }
  }
}

char *bf_xtext_dup(bf_arena *a, const char *s, size_t len) {
  bf_buf b;
  int space = 0;
  bf_buf_init(&b);
  bf_xtext_append(&b, 0, s, len, &space);
  char *r = b.oom ? NULL : bf_arena_strndup(a, b.s, b.len);
  bf_buf_free(&b);
  return r;
}

size_t bf_xtext_words(const char *s, size_t len) {
  size_t n = 0;
  int in = 0;
  for (size_t i = 0; i < len; i++) {
    int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
    if (!sp && !in)
      n++;
    in = !sp;
  }
  return n;
}

static int lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int bf_ascii_ieq(const char *a, const char *b) {
  while (*a && *b && lower((unsigned char)*a) == lower((unsigned char)*b))
    a++, b++;
  return *a == '\0' && *b == '\0';
}

int bf_ascii_istarts(const char *s, const char *prefix) {
  while (*prefix && lower((unsigned char)*s) == lower((unsigned char)*prefix))
    s++, prefix++;
  return *prefix == '\0';
}

const char *bf_ascii_istr(const char *hay, const char *needle) {
  if (!*needle)
    return hay;
  for (; *hay; hay++)
    if (bf_ascii_istarts(hay, needle))
      return hay;
  return NULL;
}
