/*
 * extraction_score.h - the three scores of an extracted text, shared by
 * bench_extraction and tests/test_extract_bench.c so both measure the same
 * thing, and the file reader both use.
 *
 * Bag of words (html/): both texts are case-folded (utf8proc) and cut into
 * tokens, maximal runs of Unicode letters (L*) and digits (N*). The overlap
 * is the multiset intersection of the two token bags. P = overlap /
 * extracted tokens, R = overlap / gold tokens, F1 = 2PR / (P + R); an empty
 * side gives 0.
 *
 * Snippets (html-trafilatura/, trafilatura's own evaluation): whitespace
 * runs collapse to one space in the output and in each snippet; a snippet
 * that must be in the text counts a true positive when found and a false
 * negative when not; one that must not be counts a false positive when
 * found and a true negative when not. Counts are summed over the set.
 *
 * Shingles (html-readability/, the Zyte article-extraction benchmark's
 * string_shingle_matching): tokens are Python's \w+ runs (letters, digits
 * and '_', case kept), shingles the multiset of 4-token windows (a text of
 * fewer tokens is one shingle, an empty one none). Per page tp, fp and fn
 * are the multiset overlap and the two remainders, divided by their sum;
 * precision is averaged over pages that extracted something and recall over
 * pages whose gold has text, and F1 is taken of the two means.
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
  if (a.n)
    qsort(a.v, a.n, sizeof *a.v, xcmp_str);
  if (b.n)
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

/* ---- snippets ---- */

/* Python's str.isspace(): what str.split() cuts at. */
static int xis_space(utf8proc_int32_t cp) {
  if (cp < 0x80)
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) ||
           (cp >= 0x1C && cp <= 0x1F);
  if (cp == 0x85)
    return 1;
  utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
         cat == UTF8PROC_CATEGORY_ZP;
}

/* A malloc'd copy of s with every whitespace run one space, trimmed. */
static char *xcollapse(const char *s, size_t len, size_t *out_len) {
  char *d = malloc(len + 1);
  if (!d) {
    perror("extraction_score");
    exit(1);
  }
  size_t n = 0, i = 0;
  int pending = 0;
  while (i < len) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (k < 1)
      k = 1, cp = 0xFFFD;
    if (xis_space(cp)) {
      pending = n > 0;
    } else {
      if (pending)
        d[n++] = ' ';
      pending = 0;
      memcpy(d + n, s + i, (size_t)k);
      n += (size_t)k;
    }
    i += (size_t)k;
  }
  d[n] = '\0';
  if (out_len)
    *out_len = n;
  return d;
}

typedef struct xsnip_counts {
  size_t tp, fn, fp, tn;
} xsnip_counts;

/* Adds one page's snippet counts to `c`: `with` must be found in the
 * extracted text, `without` must not. */
static void xsnip_score(const char *text, size_t len, char *const *with,
                        size_t n_with, char *const *without, size_t n_without,
                        xsnip_counts *c) {
  char *t = xcollapse(text, len, NULL);
  for (size_t i = 0; i < n_with; i++) {
    char *s = xcollapse(with[i], strlen(with[i]), NULL);
    if (strstr(t, s))
      c->tp++;
    else
      c->fn++;
    free(s);
  }
  for (size_t i = 0; i < n_without; i++) {
    char *s = xcollapse(without[i], strlen(without[i]), NULL);
    if (strstr(t, s))
      c->fp++;
    else
      c->tn++;
    free(s);
  }
  free(t);
}

static xscore xsnip_prf(const xsnip_counts *c) {
  xscore s = {0, 0, 0};
  if (c->tp + c->fp)
    s.p = (double)c->tp / (double)(c->tp + c->fp);
  if (c->tp + c->fn)
    s.r = (double)c->tp / (double)(c->tp + c->fn);
  if (s.p + s.r > 0)
    s.f = 2 * s.p * s.r / (s.p + s.r);
  return s;
}

/* ---- shingles ---- */

/* Python's \w: letters (L*), numbers (N*) and the underscore. */
static int xis_word(utf8proc_int32_t cp) {
  if (cp == '_')
    return 1;
  utf8proc_category_t cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

/* \w+ tokens, case kept. */
static void xword_tokens(const char *s, size_t len, xtoks *t) {
  size_t i = 0, start = 0;
  int in = 0;
  while (i <= len) {
    utf8proc_int32_t cp = ' ';
    utf8proc_ssize_t k = 1;
    if (i < len) {
      k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                           (utf8proc_ssize_t)(len - i), &cp);
      if (k < 1)
        k = 1, cp = ' ';
    }
    int w = i < len && xis_word(cp);
    if (w && !in)
      start = i;
    else if (!w && in)
      xtok_push(t, s + start, i - start);
    in = w;
    i += (size_t)k;
  }
}

enum { XSHINGLE_N = 4 };

/* The sorted multiset of shingles, each its tokens joined by a space. */
static void xshingles(const char *s, size_t len, xtoks *out) {
  xtoks w = {0};
  xword_tokens(s, len, &w);
  size_t windows = w.n > XSHINGLE_N ? w.n - XSHINGLE_N + 1 : (w.n ? 1 : 0);
  for (size_t i = 0; i < windows; i++) {
    size_t end = i + XSHINGLE_N < w.n ? i + XSHINGLE_N : w.n, n = 0;
    for (size_t j = i; j < end; j++)
      n += strlen(w.v[j]) + 1;
    char *joined = malloc(n);
    if (!joined) {
      perror("extraction_score");
      exit(1);
    }
    size_t at = 0;
    for (size_t j = i; j < end; j++) {
      size_t k = strlen(w.v[j]);
      memcpy(joined + at, w.v[j], k);
      at += k;
      joined[at++] = j + 1 < end ? ' ' : '\0';
    }
    xtok_push(out, joined, at - 1);
    free(joined);
  }
  xtoks_free(&w);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, xcmp_str);
}

/* One page's normalised shingle counts and whether its precision and
 * recall count towards the set's means. */
typedef struct xshingle_page {
  double tp, fp, fn;
  int has_p, has_r;
} xshingle_page;

static xshingle_page xshingle_score(const char *got, size_t got_len,
                                    const char *gold, size_t gold_len) {
  xtoks a = {0}, b = {0};
  xshingles(got, got_len, &a);
  xshingles(gold, gold_len, &b);
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
  xshingle_page r = {(double)hit, (double)(a.n - hit), (double)(b.n - hit), 0,
                     0};
  double sum = r.tp + r.fp + r.fn;
  if (sum > 0)
    r.tp /= sum, r.fp /= sum, r.fn /= sum;
  r.has_p = r.tp + r.fp > 0;
  r.has_r = r.tp + r.fn > 0;
  xtoks_free(&a);
  xtoks_free(&b);
  return r;
}

/* Precision and recall of one page, as the benchmark defines them. */
static double xshingle_p(const xshingle_page *s) {
  if (s->fp == 0 && s->fn == 0)
    return 1;
  return s->tp + s->fp > 0 ? s->tp / (s->tp + s->fp) : 0;
}

static double xshingle_r(const xshingle_page *s) {
  if (s->fp == 0 && s->fn == 0)
    return 1;
  return s->tp + s->fn > 0 ? s->tp / (s->tp + s->fn) : 0;
}

/* Running sums of a set's shingle scores; p_all counts a page that
 * extracted nothing as precision 0 instead of leaving it out. */
typedef struct xshingle_sums {
  double p, r, p_all;
  size_t np, nr, n;
} xshingle_sums;

static void xshingle_add(xshingle_sums *s, const xshingle_page *pg) {
  if (pg->has_p)
    s->p += xshingle_p(pg), s->np++;
  if (pg->has_r)
    s->r += xshingle_r(pg), s->nr++;
  s->p_all += pg->has_p ? xshingle_p(pg) : 0;
  s->n++;
}

static xscore xshingle_prf(const xshingle_sums *s) {
  xscore r = {0, 0, 0};
  if (s->np)
    r.p = s->p / (double)s->np;
  if (s->nr)
    r.r = s->r / (double)s->nr;
  if (r.p + r.r > 0)
    r.f = 2 * r.p * r.r / (r.p + r.r);
  return r;
}

#endif
