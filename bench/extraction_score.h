/*
 * extraction_score.h - the bag-of-words score of an extracted text against
 * a gold text, shared by bench_extraction and tests/test_extract_bench.c so
 * both measure the same thing, and the file reader both use.
 *
 * Both texts are case-folded (utf8proc) and cut into tokens: maximal runs of
 * Unicode letters (L*) and digits (N*). The overlap is the multiset
 * intersection of the two token bags. P = overlap / extracted tokens,
 * R = overlap / gold tokens, F1 = 2PR / (P + R); an empty side gives 0.
 */
#ifndef BRIEF_EXTRACTION_SCORE_H
#define BRIEF_EXTRACTION_SCORE_H

#include "brief.h"

#include <utf8proc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file into a NUL-terminated malloc'd buffer (NULL on
 * failure). */
static char *xread_file(const char *path, size_t *len) {
  char *buf;
  brief_error err;
  return brief_read_file(path, (size_t)1 << 30, &buf, len, &err) == BRIEF_OK
             ? buf
             : NULL;
}

typedef struct xtoks {
  char **v;
  size_t n, cap;
} xtoks;

static void xtok_push(xtoks *t, const char *s, size_t len) {
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 256;
    t->v = realloc(t->v, t->cap * sizeof *t->v);
    if (!t->v) {
      perror("extraction_score");
      exit(1);
    }
  }
  char *c = malloc(len + 1);
  if (!c) {
    perror("extraction_score");
    exit(1);
  }
  memcpy(c, s, len);
  c[len] = '\0';
  t->v[t->n++] = c;
}

/* Case-folded runs of letters and digits. */
static void xtokenize(const char *s, size_t len, xtoks *t) {
  char word[1024];
  size_t wn = 0;
  size_t i = 0;
  while (i <= len) {
    utf8proc_int32_t cp = ' ';
    utf8proc_ssize_t n = 1;
    if (i < len) {
      n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                           (utf8proc_ssize_t)(len - i), &cp);
      if (n < 1) {
        n = 1;
        cp = ' ';
      }
    }
    utf8proc_category_t cat = utf8proc_category(cp);
    int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    if (alnum && wn + 4 < sizeof word) {
      wn += (size_t)utf8proc_encode_char(utf8proc_tolower(cp),
                                         (utf8proc_uint8_t *)word + wn);
    } else if (!alnum && wn) {
      xtok_push(t, word, wn);
      wn = 0;
    }
    i += (size_t)n;
  }
}

static int xcmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void xtoks_free(xtoks *t) {
  for (size_t i = 0; i < t->n; i++)
    free(t->v[i]);
  free(t->v);
  t->v = NULL;
  t->n = t->cap = 0;
}

typedef struct xscore {
  double p, r, f;
} xscore;

static xscore xscore_texts(const char *got, size_t got_len, const char *gold,
                           size_t gold_len) {
  xtoks a = {0}, b = {0};
  xtokenize(got, got_len, &a);
  xtokenize(gold, gold_len, &b);
  qsort(a.v, a.n, sizeof *a.v, xcmp_str);
  qsort(b.v, b.n, sizeof *b.v, xcmp_str);
  size_t i = 0, j = 0, hit = 0;
  while (i < a.n && j < b.n) {
    int c = strcmp(a.v[i], b.v[j]);
    if (c == 0)
      hit++, i++, j++;
    else if (c < 0)
      i++;
    else
      j++;
  }
  xscore s = {0, 0, 0};
  if (a.n)
    s.p = (double)hit / (double)a.n;
  if (b.n)
    s.r = (double)hit / (double)b.n;
  if (s.p + s.r > 0)
    s.f = 2 * s.p * s.r / (s.p + s.r);
  xtoks_free(&a);
  xtoks_free(&b);
  return s;
}

#endif
