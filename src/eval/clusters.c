/*
 * clusters.c - scores a clustering against gold labels: pairwise and
 * B-cubed precision, recall and F1 (Miranda et al. 2018; Bagga and Baldwin
 * 1998), as the story-clustering development sets are scored.
 *
 * Pairwise counts come from the sizes of the predicted clusters, the gold
 * clusters and their intersections (n(n-1)/2 pairs each), so the cost is a
 * few sorts, never all pairs.
 */
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct labelled {
  uint64_t gold, pred;
} labelled;

static int by_gold_then_pred(const void *a, const void *b) {
  const labelled *x = a, *y = b;
  if (x->gold != y->gold)
    return (x->gold > y->gold) - (x->gold < y->gold);
  return (x->pred > y->pred) - (x->pred < y->pred);
}

static int by_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

static double pairs(double n) {
  return n * (n - 1) / 2;
}

/* 0/0 counts as perfect: no pair predicted means no false pair. */
static double ratio(double num, double den) {
  return den > 0 ? num / den : 1.0;
}

static brief_prf prf(double p, double r) {
  brief_prf x = {p, r, p + r > 0 ? 2 * p * r / (p + r) : 0};
  return x;
}

/* The size of the predicted cluster `label` in the sorted labels. */
static size_t cluster_size(const uint64_t *sorted, size_t n, uint64_t label) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (sorted[mid] < label)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < n && sorted[end] == label)
    end++;
  return end - lo;
}

/* Number of distinct values in a sorted array, and the sum of their pairs. */
static size_t distinct(const uint64_t *sorted, size_t n, double *pair_sum) {
  size_t runs = 0;
  *pair_sum = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && sorted[j] == sorted[i])
      j++;
    *pair_sum += pairs((double)(j - i));
    runs++;
    i = j;
  }
  return runs;
}

static void score_sorted(const labelled *v, size_t n, const uint64_t *preds,
                         double pred_pairs, brief_cluster_scores *out) {
  double tp = 0, gold_pairs = 0, bp = 0, br = 0;
  for (size_t i = 0; i < n;) {
    size_t g = i;
    while (g < n && v[g].gold == v[i].gold)
      g++;
    gold_pairs += pairs((double)(g - i));
    out->gold_clusters++;
    for (size_t c = i; c < g;) {
      size_t e = c;
      while (e < g && v[e].pred == v[c].pred)
        e++;
      double cell = (double)(e - c);
      double psize = (double)cluster_size(preds, n, v[c].pred);
      tp += pairs(cell);
      bp += cell * (cell / psize);
      br += cell * (cell / (double)(g - i));
      c = e;
    }
    i = g;
  }
  out->pairwise = prf(ratio(tp, pred_pairs), ratio(tp, gold_pairs));
  out->bcubed = prf(bp / (double)n, br / (double)n);
}

brief_status brief_cluster_score(size_t n, const uint64_t *gold,
                                 const uint64_t *predicted,
                                 brief_cluster_scores *out, brief_error *err) {
  memset(out, 0, sizeof *out);
  if (n == 0 || !gold || !predicted)
    return bf_fail(err, BRIEF_ERR_EMPTY, "cluster score: no items");
  labelled *v = malloc(n * sizeof *v);
  uint64_t *preds = malloc(n * sizeof *preds);
  if (!v || !preds) {
    free(v);
    free(preds);
    return bf_fail(err, BRIEF_ERR_NOMEM, "cluster score: out of memory");
  }
  for (size_t i = 0; i < n; i++) {
    v[i].gold = gold[i];
    v[i].pred = preds[i] = predicted[i];
  }
  qsort(v, n, sizeof *v, by_gold_then_pred);
  qsort(preds, n, sizeof *preds, by_u64);
  double pred_pairs;
  out->items = n;
  out->clusters = distinct(preds, n, &pred_pairs);
  score_sorted(v, n, preds, pred_pairs, out);
  free(v);
  free(preds);
  bf_ok(err);
  return BRIEF_OK;
}
