/*
 * logistic.c - logistic regression by Newton's method (see logistic.h).
 */
#include "core/logistic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_K = BF_LOGISTIC_MAX_FEATURES, MAX_ITERATIONS = 50 };

/* Solves h step = g in place (g becomes step) for a symmetric positive
 * definite h, by Cholesky decomposition. */
static void solve(double h[MAX_K][MAX_K], double *g, int k) {
  for (int j = 0; j < k; j++) {
    for (int m = 0; m < j; m++)
      h[j][j] -= h[j][m] * h[j][m];
    h[j][j] = sqrt(h[j][j] > 1e-12 ? h[j][j] : 1e-12);
    for (int i = j + 1; i < k; i++) {
      for (int m = 0; m < j; m++)
        h[i][j] -= h[i][m] * h[j][m];
      h[i][j] /= h[j][j];
    }
  }
  for (int i = 0; i < k; i++) {
    for (int m = 0; m < i; m++)
      g[i] -= h[i][m] * g[m];
    g[i] /= h[i][i];
  }
  for (int i = k - 1; i >= 0; i--) {
    for (int m = i + 1; m < k; m++)
      g[i] -= h[m][i] * g[m];
    g[i] /= h[i][i];
  }
}

double bf_logistic_predict(const double *coef, const float *x, int k) {
  double z = 0;
  for (int j = 0; j < k; j++)
    z += coef[j] * x[j];
  return 1.0 / (1.0 + exp(-z));
}

/* One Newton step; returns the weighted mean log loss before it. */
static double newton_step(const float *x, const float *y, const float *w,
                          size_t n, int k, double l2, double *coef,
                          double *moved) {
  static const double eps = 1e-12;
  double g[MAX_K] = {0}, h[MAX_K][MAX_K];
  double total = 0, loss = 0;
  memset(h, 0, sizeof h);
  for (size_t i = 0; i < n; i++) {
    const float *row = x + i * (size_t)k;
    double wi = w ? w[i] : 1.0;
    double p = bf_logistic_predict(coef, row, k);
    loss -= wi * (y[i] * log(p + eps) + (1 - y[i]) * log(1 - p + eps));
    total += wi;
    for (int a = 0; a < k; a++) {
      g[a] += wi * (p - y[i]) * row[a];
      for (int b = 0; b <= a; b++)
        h[a][b] += wi * p * (1 - p) * row[a] * row[b];
    }
  }
  for (int a = 0; a < k; a++) {
    for (int b = 0; b < a; b++)
      h[b][a] = h[a][b];
    h[a][a] += l2 * total;
    g[a] += l2 * total * coef[a];
  }
  solve(h, g, k);
  *moved = 0;
  for (int a = 0; a < k; a++) {
    coef[a] -= g[a];
    *moved += g[a] * g[a];
  }
  return total > 0 ? loss / total : 0;
}

double bf_logistic_fit(const float *x, const float *y, const float *w, size_t n,
                       int k, double l2, double *coef) {
  if (k <= 0 || k > MAX_K)
    return -1;
  memset(coef, 0, (size_t)k * sizeof *coef);
  double loss = 0;
  for (int it = 0; it < MAX_ITERATIONS; it++) {
    double moved;
    loss = newton_step(x, y, w, n, k, l2, coef, &moved);
    if (sqrt(moved) < 1e-7)
      break;
  }
  return loss;
}
