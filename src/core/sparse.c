/*
 * sparse.c - sorted sparse vectors (see sparse.h).
 */
#include "core/sparse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bf_sparse_release(bf_sparse *s) {
  free(s->v);
  s->v = NULL;
  s->n = s->cap = 0;
}

static int reserve(bf_sparse *s, size_t need) {
  if (need <= s->cap)
    return 0;
  size_t cap = s->cap ? s->cap : 8;
  while (cap < need)
    cap *= 2;
  if (cap > UINT32_MAX)
    return -1;
  bf_sparse_entry *v = realloc(s->v, cap * sizeof *v);
  if (!v)
    return -1;
  s->v = v;
  s->cap = (uint32_t)cap;
  return 0;
}

int bf_sparse_push(bf_sparse *s, uint32_t id, float w) {
  if (reserve(s, (size_t)s->n + 1))
    return -1;
  s->v[s->n].id = id;
  s->v[s->n].w = w;
  s->n++;
  return 0;
}

static int by_id(const void *a, const void *b) {
  uint32_t x = ((const bf_sparse_entry *)a)->id;
  uint32_t y = ((const bf_sparse_entry *)b)->id;
  return (x > y) - (x < y);
}

void bf_sparse_normalise_order(bf_sparse *s) {
  if (s->n < 2)
    return;
  qsort(s->v, s->n, sizeof *s->v, by_id);
  uint32_t o = 0;
  for (uint32_t i = 0; i < s->n; i++) {
    if (o && s->v[o - 1].id == s->v[i].id)
      s->v[o - 1].w += s->v[i].w;
    else
      s->v[o++] = s->v[i];
  }
  s->n = o;
}

int bf_sparse_copy(bf_sparse *dst, const bf_sparse *src) {
  if (reserve(dst, src->n))
    return -1;
  if (src->n)
    memcpy(dst->v, src->v, src->n * sizeof *src->v);
  dst->n = src->n;
  return 0;
}

double bf_sparse_dot(const bf_sparse *a, const bf_sparse *b,
                     const float *scale) {
  double sum = 0;
  uint32_t i = 0, j = 0;
  while (i < a->n && j < b->n) {
    uint32_t x = a->v[i].id, y = b->v[j].id;
    if (x < y) {
      i++;
    } else if (x > y) {
      j++;
    } else {
      double p = (double)a->v[i].w * b->v[j].w;
      sum += scale ? p * scale[x] : p;
      i++, j++;
    }
  }
  return sum;
}

double bf_sparse_norm(const bf_sparse *s, const float *scale) {
  double sum = 0;
  for (uint32_t i = 0; i < s->n; i++) {
    double w = s->v[i].w;
    if (scale)
      w *= scale[s->v[i].id];
    sum += w * w;
  }
  return sqrt(sum);
}

int bf_sparse_add(bf_sparse *acc, const bf_sparse *x, float factor) {
  size_t need = (size_t)acc->n + x->n;
  bf_sparse_entry *out = malloc((need ? need : 1) * sizeof *out);
  if (!out)
    return -1;
  uint32_t i = 0, j = 0, o = 0;
  while (i < acc->n || j < x->n) {
    if (j == x->n || (i < acc->n && acc->v[i].id < x->v[j].id)) {
      out[o++] = acc->v[i++];
    } else if (i == acc->n || x->v[j].id < acc->v[i].id) {
      out[o].id = x->v[j].id;
      out[o++].w = factor * x->v[j++].w;
    } else {
      out[o].id = acc->v[i].id;
      out[o++].w = acc->v[i++].w + factor * x->v[j++].w;
    }
  }
  free(acc->v);
  acc->v = out;
  acc->n = o;
  acc->cap = (uint32_t)(need ? need : 1);
  return 0;
}

void bf_sparse_scale(bf_sparse *s, float factor) {
  for (uint32_t i = 0; i < s->n; i++)
    s->v[i].w *= factor;
}

typedef struct ranked {
  float key;
  uint32_t at;
} ranked;

static int by_key_descending(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? 1 : -1;
  return (x->at > y->at) - (x->at < y->at);
}

static int by_position(const void *a, const void *b) {
  uint32_t x = ((const ranked *)a)->at, y = ((const ranked *)b)->at;
  return (x > y) - (x < y);
}

void bf_sparse_prune(bf_sparse *s, size_t keep, const float *scale) {
  if (s->n <= keep)
    return;
  ranked *r = malloc(s->n * sizeof *r);
  if (!r) {
    s->n = (uint32_t)keep; /* still a valid, sorted vector */
    return;
  }
  for (uint32_t i = 0; i < s->n; i++) {
    float w = s->v[i].w * (scale ? scale[s->v[i].id] : 1.0f);
    r[i].key = fabsf(w);
    r[i].at = i;
  }
  qsort(r, s->n, sizeof *r, by_key_descending);
  qsort(r, keep, sizeof *r, by_position);
  for (size_t k = 0; k < keep; k++)
    s->v[k] = s->v[r[k].at];
  s->n = (uint32_t)keep;
  free(r);
}
