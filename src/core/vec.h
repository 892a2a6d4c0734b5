/*
 * vec.h - growable arrays and a byte buffer, with malloc.
 *
 * BF_VEC_PUSH grows geometrically; every push reports allocation failure so
 * callers can return BRIEF_ERR_NOMEM instead of crashing.
 */
#ifndef BRIEF_VEC_H
#define BRIEF_VEC_H

#include <stdarg.h>
#include <stddef.h>

/* Makes room for `need` elements of `elem` bytes in *ptr (capacity *cap).
 * Returns 0 on success, -1 when out of memory (the array is unchanged). */
int bf_grow(void **ptr, size_t *cap, size_t need, size_t elem);

#define BF_VEC(T)                                                              \
  struct {                                                                     \
    T *v;                                                                      \
    size_t n, cap;                                                             \
  }

#define BF_VEC_RESERVE(vec, need)                                              \
  bf_grow((void **)&(vec).v, &(vec).cap, (need), sizeof *(vec).v)

/* Evaluates to 0 on success, -1 when out of memory. */
#define BF_VEC_PUSH(vec, val)                                                  \
  (BF_VEC_RESERVE(vec, (vec).n + 1) ? -1 : ((vec).v[(vec).n++] = (val), 0))

#define BF_VEC_FREE(vec)                                                       \
  do {                                                                         \
    free((vec).v);                                                             \
    (vec).v = NULL;                                                            \
    (vec).n = (vec).cap = 0;                                                   \
  } while (0)

/* A NUL-terminated growable byte string. After any failed append `oom` is
 * set and further appends do nothing, so a renderer checks once at the end. */
typedef struct bf_buf {
  char *s;
  size_t len, cap;
  int oom;
} bf_buf;

void bf_buf_init(bf_buf *b);
void bf_buf_free(bf_buf *b);
void bf_buf_append(bf_buf *b, const char *s, size_t len);
void bf_buf_puts(bf_buf *b, const char *s);
void bf_buf_putc(bf_buf *b, char c);
void bf_buf_printf(bf_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (free with free()); the buffer is reset. */
char *bf_buf_take(bf_buf *b);

#endif
