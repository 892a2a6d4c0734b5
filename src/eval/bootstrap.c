/*
 * bootstrap.c - ROUGE-1.5.5's bootstrap confidence interval of a mean (see
 * eval.h), so that `brief eval` reports the intervals ROUGE itself would
 * for the same per-cluster scores.
 */
#include "eval/eval.h"

#include <stdint.h>
#include <stdlib.h>

/* drand48's generator as Perl 5.20+ implements it, seeded the way srand(i)
 * seeds it; written here because the C library's drand48 keeps one global
 * state. */
typedef struct rng48 {
  uint64_t x;
} rng48;

static void rng48_seed(rng48 *r, uint32_t seed) {
  r->x = ((uint64_t)seed << 16) + 0x330E;
}

static double rng48_next(rng48 *r) {
  r->x = (r->x * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
  return (double)r->x / (double)(1ULL << 48);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The mean of n values drawn from v with replacement, resample i. */
static double resample_mean(const double *v, size_t n, int i) {
  rng48 r;
  rng48_seed(&r, (uint32_t)i);
  double sum = 0;
  for (size_t k = 0; k < n; k++)
    sum += v[(size_t)(rng48_next(&r) * (double)n)];
  return sum / (double)n;
}

int bf_bootstrap(const double *v, size_t n, int resamples, int confidence,
                 double *lo, double *hi) {
  double delta = resamples * ((100 - confidence) / 2.0) / 100.0;
  int ua = (int)(resamples - delta - 1), la = (int)delta;
  double ratio = resamples - delta - 1 - ua;
  if (n == 0 || confidence <= 0 || confidence >= 100 || la < 0 ||
      ua + 1 >= resamples || la + 1 >= resamples)
    return -1;
  double *means = malloc((size_t)resamples * sizeof *means);
  if (!means)
    return -1;
  for (int i = 0; i < resamples; i++)
    means[i] = resample_mean(v, n, i);
  qsort(means, (size_t)resamples, sizeof *means, cmp_double);
  *lo = means[la] + (means[la + 1] - means[la]) * ratio;
  *hi = means[ua] + (means[ua + 1] - means[ua]) * ratio;
  free(means);
  return 0;
}
