/*
 * text.c - UTF-8 validation and decoding, binary sniffing, word counts, and
 * brief_check_text, the one gate every byte of input passes.
 */
#include "core/text.h"

#include "core/error.h"

#include <ctype.h>

size_t bf_utf8_decode(const char *str, size_t len, size_t i, int32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  unsigned c = s[i];
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  size_t n;
  int32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (i + n > len) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t k = 1; k < n; k++) {
    unsigned cc = s[i + k];
    if ((cc & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (int32_t)(cc & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = v;
  return n;
}

size_t bf_utf8_encode(int32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t bf_utf8_invalid_at(const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    int32_t cp;
    size_t n = bf_utf8_decode(s, len, i, &cp);
    if (cp == 0xFFFD && n == 1)
      return i;
    i += n;
  }
  return len;
}

int bf_looks_binary(const char *s, size_t len, size_t *where) {
  size_t controls = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0) {
      *where = i;
      return 1;
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' &&
        c != '\v') {
      if (++controls > 8 && controls * 100 > len) {
        *where = i;
        return 1;
      }
    }
  }
  return 0;
}

size_t bf_count_words(const char *s, size_t len) {
  size_t n = 0;
  int in = 0;
  for (size_t i = 0; i < len; i++) {
    int sp = isspace((unsigned char)s[i]);
    if (!sp && !in)
      n++;
    in = !sp;
  }
  return n;
}

uint64_t bf_hash(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 1099511628211ULL;
  }
  return h;
}

/* How many leading bytes bf_utf16_order looks at for NUL bytes. */
enum { UTF16_SNIFF_BYTES = 512 };

const char *bf_utf16_order(const char *data, size_t len) {
  const unsigned char *p = (const unsigned char *)data;
  if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    return "little-endian";
  if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    return "big-endian";
  /* No byte order mark: Latin letters in UTF-16 put a NUL in every other
   * byte, and binary data does not keep to one side. */
  size_t n = (len < UTF16_SNIFF_BYTES ? len : UTF16_SNIFF_BYTES) & ~(size_t)1;
  size_t nul[2] = {0, 0};
  for (size_t i = 0; i < n; i++)
    nul[i & 1] += p[i] == 0;
  size_t pairs = n / 2;
  if (pairs < 2)
    return NULL;
  if (nul[1] * 4 >= pairs * 3 && nul[0] == 0)
    return "little-endian";
  if (nul[0] * 4 >= pairs * 3 && nul[1] == 0)
    return "big-endian";
  return NULL;
}

brief_status brief_check_text(const char *name, const char *data, size_t len,
                              brief_error *err) {
  size_t where;
  if (!name)
    name = "input";
  const char *order = bf_utf16_order(data, len);
  if (order)
    return bf_fail(err, BRIEF_ERR_UTF8,
                   "%s: UTF-16 text (%s); brief reads UTF-8 (convert it "
                   "first, e.g. iconv -f UTF-16 -t UTF-8)",
                   name, order);
  if (bf_looks_binary(data, len, &where))
    return bf_fail(err, BRIEF_ERR_BINARY,
                   "%s: binary data (control byte 0x%02x at byte %zu)", name,
                   (unsigned char)data[where], where);
  where = bf_utf8_invalid_at(data, len);
  if (where < len)
    return bf_fail(err, BRIEF_ERR_UTF8,
                   "%s: invalid UTF-8 at byte %zu (0x%02x)", name, where,
                   (unsigned char)data[where]);
  bf_ok(err);
  return BRIEF_OK;
}
