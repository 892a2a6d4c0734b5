/*
 * vec.c - growable arrays and byte buffers (see vec.h).
 */
#include "core/vec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bf_grow(void **ptr, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap)
    return 0;
  size_t ncap = *cap ? *cap : 8;
  while (ncap < need) {
    if (ncap > SIZE_MAX / 2)
      return -1;
    ncap *= 2;
  }
  if (ncap > SIZE_MAX / elem)
    return -1;
  void *p = realloc(*ptr, ncap * elem);
  if (!p)
    return -1;
  *ptr = p;
  *cap = ncap;
  return 0;
}

void bf_buf_init(bf_buf *b) {
  b->s = NULL;
  b->len = b->cap = 0;
  b->oom = 0;
}

void bf_buf_free(bf_buf *b) {
  free(b->s);
  bf_buf_init(b);
}

void bf_buf_append(bf_buf *b, const char *s, size_t len) {
  if (b->oom)
    return;
  if (bf_grow((void **)&b->s, &b->cap, b->len + len + 1, 1)) {
    b->oom = 1;
    return;
  }
  if (len)
    memcpy(b->s + b->len, s, len);
  b->len += len;
  b->s[b->len] = '\0';
}

void bf_buf_puts(bf_buf *b, const char *s) {
  bf_buf_append(b, s, strlen(s));
}

void bf_buf_putc(bf_buf *b, char c) {
  bf_buf_append(b, &c, 1);
}

void bf_buf_printf(bf_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->oom = 1;
    return;
  }
  if ((size_t)n < sizeof small) {
    bf_buf_append(b, small, (size_t)n);
    return;
  }
  char *big = malloc((size_t)n + 1);
  if (!big) {
    b->oom = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  bf_buf_append(b, big, (size_t)n);
  free(big);
}

char *bf_buf_take(bf_buf *b) {
  if (b->oom) {
    bf_buf_free(b);
    return NULL;
  }
  if (!b->s)
    bf_buf_append(b, "", 0);
  char *s = b->s;
  bf_buf_init(b);
  return s;
}
