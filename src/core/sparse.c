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

/* The order of pruning: heavier first, then earlier; a total order, so the
 * entries kept never depend on how the selection walked. */
static int ranks_before(const ranked *x, const ranked *y) {
  return x->key > y->key || (x->key == y->key && x->at < y->at);
}

static void swap_ranked(ranked *x, ranked *y) {
  ranked t = *x;
  *x = *y;
  *y = t;
}

/* Partially orders r[0, n) so that r[k] is the entry of rank k and every
 * entry before it ranks before it (Hoare's selection, median-of-three). */
static void select_rank(ranked *r, size_t n, size_t k) {
  size_t lo = 0, hi = n - 1;
  while (hi > lo) {
    size_t mid = lo + (hi - lo) / 2;
    if (ranks_before(&r[mid], &r[lo]))
      swap_ranked(&r[mid], &r[lo]);
    if (ranks_before(&r[hi], &r[lo]))
      swap_ranked(&r[hi], &r[lo]);
    if (ranks_before(&r[hi], &r[mid]))
      swap_ranked(&r[hi], &r[mid]);
    ranked pivot = r[mid];
    size_t i = lo, j = hi;
    while (i <= j) {
      while (ranks_before(&r[i], &pivot))
        i++;
      while (ranks_before(&pivot, &r[j]))
        j--;
      if (i <= j) {
        swap_ranked(&r[i], &r[j]);
        i++;
        if (j == 0)
          break;
        j--;
      }
    }
    if (k <= j)
      hi = j;
    else if (k >= i)
      lo = i;
    else
      return;
  }
}

/* Gives back the room a pruned vector no longer needs: a story's vectors
 * live as long as the desk. */
static void shrink(bf_sparse *s) {
  if (s->cap <= 2 * (size_t)s->n + 8)
    return;
  bf_sparse_entry *v = realloc(s->v, (s->n ? s->n : 1) * sizeof *v);
  if (v) {
    s->v = v;
    s->cap = s->n ? s->n : 1;
  }
}

void bf_sparse_prune(bf_sparse *s, size_t keep, const float *scale) {
  if (s->n <= keep) {
    shrink(s);
    return;
  }
  if (keep == 0) {
    s->n = 0;
    shrink(s);
    return;
  }
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
  select_rank(r, s->n, keep - 1);
  ranked last = r[keep - 1];
  uint32_t o = 0;
  for (uint32_t i = 0; i < s->n; i++) {
    ranked x = {fabsf(s->v[i].w * (scale ? scale[s->v[i].id] : 1.0f)), i};
    if (!ranks_before(&last, &x))
      s->v[o++] = s->v[i];
  }
  s->n = o;
  free(r);
  shrink(s);
}
