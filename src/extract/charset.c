/*
 * charset.c - reads a saved page's bytes as UTF-8 before parsing.
 *
 * libxml2 would honour a <meta> charset on its own, but saved news pages lie
 * about their encoding often enough (re-encoded to UTF-8 with the Latin-1
 * declaration left in place, or a UTF-8 page with a few Windows-1252 bytes
 * pasted in) that brief decides here, once, and hands the parser UTF-8 with
 * HTML_PARSE_IGNORE_ENC. Rare multi-byte legacy charsets (Shift_JIS, GBK,
 * KOI8-R...) go through iconv. The output never holds NUL or C0 controls.
 */
#include "extract/extract.h"

#include "core/error.h"
#include "core/text.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int32_t bf_cp1252_c1(unsigned c) {
  if (c < 0x80 || c > 0x9F)
    return 0;
  return cp1252_high[c - 0x80];
}

typedef enum charset_kind {
  CS_NONE,  /* nothing declared */
  CS_UTF8,  /* utf-8 or plain ASCII */
  CS_LATIN, /* iso-8859-1, windows-1252, latin1: read as cp1252 */
  CS_UTF16LE,
  CS_UTF16BE,
  CS_OTHER /* anything else: iconv */
} charset_kind;

static int is_ws(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copies a charset label at s[i..] into `label` (lower case). */
static size_t read_label(const char *s, size_t len, size_t i, char *label,
                         size_t cap) {
  while (i < len && (is_ws((unsigned char)s[i]) || s[i] == '=' || s[i] == '"' ||
                     s[i] == '\''))
    i++;
  size_t n = 0;
  while (i < len && n + 1 < cap) {
    unsigned char c = (unsigned char)s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
          c == ':'))
      break;
    label[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    i++;
  }
  label[n] = '\0';
  return n;
}

static int ascii_ncase_eq(const char *s, const char *lit, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      c += 32;
    if (c != (unsigned char)lit[i])
      return 0;
  }
  return 1;
}

/* Finds the charset a page declares in its first bytes: the XML declaration's
 * encoding, or "charset" inside a <meta ...> tag. Stops at <body. */
static size_t sniff_declared(const char *s, size_t len, char *label,
                             size_t cap) {
  size_t end = len < 16384 ? len : 16384;
  label[0] = '\0';
  if (end > 5 && memcmp(s, "<?xml", 5) == 0) {
    for (size_t i = 5; i + 8 < end && s[i] != '>'; i++)
      if (ascii_ncase_eq(s + i, "encoding", 8))
        return read_label(s, end, i + 8, label, cap);
  }
  for (size_t i = 0; i + 5 < end; i++) {
    if (s[i] != '<')
      continue;
    if (ascii_ncase_eq(s + i + 1, "body", 4))
      break;
    if (!ascii_ncase_eq(s + i + 1, "meta", 4))
      continue;
    for (size_t j = i + 5; j + 7 < end && s[j] != '>'; j++)
      if (ascii_ncase_eq(s + j, "charset", 7)) {
        size_t n = read_label(s, end, j + 7, label, cap);
        if (n)
          return n;
      }
  }
  return 0;
}

static charset_kind classify(const char *label) {
  static const char *const utf8[] = {
      "utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8", NULL};
  static const char *const latin[] = {
      "iso-8859-1",  "iso8859-1",    "latin1",  "latin-1",
      "l1",          "windows-1252", "cp1252",  "x-cp1252",
      "iso_8859-1",  "cp819",        "ibm819",  "iso-ir-100",
      "iso-8859-15", "iso8859-15",   "latin-9", NULL};
  if (!label[0])
    return CS_NONE;
  for (size_t i = 0; utf8[i]; i++)
    if (strcmp(label, utf8[i]) == 0)
      return CS_UTF8;
  for (size_t i = 0; latin[i]; i++)
    if (strcmp(label, latin[i]) == 0)
      return CS_LATIN;
  if (strcmp(label, "utf-16") == 0 || strcmp(label, "utf-16le") == 0)
    return CS_UTF16LE;
  if (strcmp(label, "utf-16be") == 0)
    return CS_UTF16BE;
  return CS_OTHER;
}

/* Writes one code point, dropping NUL and C0 controls other than tab, line
 * feed and carriage return, which the parser and every later stage would
 * only stumble on. */
static void put_cp(bf_buf *out, int32_t cp) {
  char tmp[4];
  if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
    return;
  if (cp < 0x80) {
    bf_buf_putc(out, (char)cp);
    return;
  }
  bf_buf_append(out, tmp, bf_utf8_encode(cp, tmp));
}

static int32_t latin_cp(unsigned char c) {
  int32_t cp = bf_cp1252_c1(c);
  return cp ? cp : (int32_t)c;
}

/* UTF-8 where the bytes are valid, Windows-1252 for each byte that is not:
 * right for UTF-8 pages, for Latin-1 pages and for the mixtures between. */
static void decode_mixed(const char *s, size_t len, bf_buf *out) {
  size_t i = 0;
  while (i < len) {
    /* Copy what stays as it is in one go: printable ASCII, tab and line
     * breaks, and valid multi-byte sequences. */
    size_t run = i;
    while (run < len) {
      unsigned char c = (unsigned char)s[run];
      if ((c >= 0x20 && c < 0x80) || c == '\t' || c == '\n' || c == '\r') {
        run++;
        continue;
      }
      int32_t cp;
      size_t n = c >= 0x80 ? bf_utf8_decode(s, len, run, &cp) : 1;
      if (n == 1)
        break;
      run += n;
    }
    if (run > i) {
      bf_buf_append(out, s + i, run - i);
      i = run;
      continue;
    }
    int32_t cp;
    size_t n = bf_utf8_decode(s, len, i, &cp);
    if (cp == 0xFFFD && n == 1 && (unsigned char)s[i] >= 0x80)
      cp = latin_cp((unsigned char)s[i]);
    put_cp(out, cp);
    i += n;
  }
}

static void decode_latin(const char *s, size_t len, bf_buf *out) {
  for (size_t i = 0; i < len; i++)
    put_cp(out, latin_cp((unsigned char)s[i]));
}

static void decode_utf16(const char *str, size_t len, int big, bf_buf *out) {
  const unsigned char *s = (const unsigned char *)str;
  for (size_t i = 0; i + 1 < len; i += 2) {
    unsigned u = big ? (unsigned)(s[i] << 8 | s[i + 1])
                     : (unsigned)(s[i + 1] << 8 | s[i]);
    int32_t cp = (int32_t)u;
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
      unsigned lo = big ? (unsigned)(s[i + 2] << 8 | s[i + 3])
                        : (unsigned)(s[i + 3] << 8 | s[i + 2]);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + (int32_t)(((u - 0xD800) << 10) | (lo - 0xDC00));
        i += 2;
      } else {
        cp = 0xFFFD;
      }
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      cp = 0xFFFD;
    }
    put_cp(out, cp);
  }
}

/* Converts with iconv; an undecodable byte becomes U+FFFD and is skipped.
 * Returns -1 when iconv does not know the label. */
static int decode_iconv(const char *label, const char *s, size_t len,
                        bf_buf *out) {
  iconv_t cd = iconv_open("UTF-8", label);
  if (cd == (iconv_t)-1)
    return -1;
  char chunk[4096];
  char *in = (char *)s;
  size_t left = len;
  while (left > 0 && !out->oom) {
    char *o = chunk;
    size_t room = sizeof chunk;
    size_t r = iconv(cd, &in, &left, &o, &room);
    size_t got = (size_t)(o - chunk);
    /* Reuse the mixed decoder to drop control characters. */
    decode_mixed(chunk, got, out);
    if (r == (size_t)-1 && errno != E2BIG) {
      put_cp(out, 0xFFFD); /* EILSEQ or a truncated final sequence */
      in++;
      left--;
    }
  }
  iconv_close(cd);
  return 0;
}

/* Many NUL or control bytes in the first 8 KiB: an image, an archive... */
static int looks_binary(const char *s, size_t len) {
  size_t end = len < 8192 ? len : 8192, bad = 0;
  for (size_t i = 0; i < end; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 && !is_ws(c) && c != '\v')
      bad++;
  }
  return end > 0 && bad * 10 > end;
}

static void set_name(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap)
    n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

brief_status bf_html_to_utf8(const char *in, size_t len, const char *name,
                             bf_buf *out, char *charset, size_t cap,
                             brief_error *err) {
  const unsigned char *u = (const unsigned char *)in;
  charset_kind kind;
  char label[64] = "";
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    in += 3, len -= 3;
    kind = CS_UTF8;
  } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    in += 2, len -= 2;
    kind = CS_UTF16LE;
  } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    in += 2, len -= 2;
    kind = CS_UTF16BE;
  } else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] != 0) {
    kind = CS_UTF16LE; /* "<\0!\0" without a byte-order mark */
  } else if (len >= 4 && u[0] == 0 && u[1] == '<') {
    kind = CS_UTF16BE;
  } else {
    sniff_declared(in, len, label, sizeof label);
    kind = classify(label);
    if (kind == CS_UTF16LE || kind == CS_UTF16BE)
      kind = CS_NONE; /* a byte-wise page cannot really be UTF-16 */
  }
  int utf16 = kind == CS_UTF16LE || kind == CS_UTF16BE;
  if (!utf16 && looks_binary(in, len))
    return bf_fail(err, BRIEF_ERR_BINARY, "%s: binary data, not a web page",
                   name);
  bf_buf_init(out);
  /* Room for the common case up front; growth is geometric anyway. */
  if (bf_grow((void **)&out->s, &out->cap, len + len / 8 + 16, 1))
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  out->s[0] = '\0';
  int valid = utf16 ? 0 : bf_utf8_invalid_at(in, len) == len;
  if (utf16) {
    decode_utf16(in, len, kind == CS_UTF16BE, out);
    set_name(charset, cap, kind == CS_UTF16BE ? "UTF-16BE" : "UTF-16LE");
  } else if (valid) {
    /* Valid UTF-8 is UTF-8 whatever the label says: a Latin-1 label on
     * valid multi-byte sequences is a page re-encoded after saving. */
    decode_mixed(in, len, out);
    set_name(charset, cap, "UTF-8");
  } else if (kind == CS_LATIN) {
    decode_latin(in, len, out);
    set_name(charset, cap, "windows-1252");
  } else if (kind == CS_OTHER && decode_iconv(label, in, len, out) == 0) {
    set_name(charset, cap, label);
  } else {
    decode_mixed(in, len, out);
    set_name(charset, cap, "UTF-8+windows-1252");
  }
  if (out->oom) {
    bf_buf_free(out);
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  }
  return BRIEF_OK;
}
