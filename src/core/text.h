/*
 * text.h - byte-level UTF-8 helpers shared by every stage.
 */
#ifndef BRIEF_TEXT_H
#define BRIEF_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[i] (i < len). Returns its byte length (>= 1)
 * and stores the code point, or U+FFFD for an invalid sequence. */
size_t bf_utf8_decode(const char *s, size_t len, size_t i, int32_t *cp);

/* Encodes `cp` into out (4 bytes of room); returns the byte count. */
size_t bf_utf8_encode(int32_t cp, char *out);

/* Offset of the first invalid UTF-8 byte, or `len` when all are valid. */
size_t bf_utf8_invalid_at(const char *s, size_t len);

/* Non-zero when the bytes look binary: a NUL, or many C0 controls. */
int bf_looks_binary(const char *s, size_t len, size_t *where);

/* "little-endian" or "big-endian" when the bytes look like UTF-16 text (a
 * byte order mark, or a NUL in every other byte of the start), else NULL. */
const char *bf_utf16_order(const char *s, size_t len);

/* Counts whitespace-separated words. */
size_t bf_count_words(const char *s, size_t len);

/* FNV-1a 64-bit. */
uint64_t bf_hash(const void *data, size_t len);
static inline uint64_t bf_hash_mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

#endif
