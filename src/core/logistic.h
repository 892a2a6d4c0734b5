/*
 * logistic.h - weighted, L2-regularised logistic regression by Newton's
 * method, for the small models brief fits on its development data (the
 * weigh stage's and the story desk's). Rows are dense float features; the
 * caller includes a constant column when it wants an intercept.
 */
#ifndef BRIEF_LOGISTIC_H
#define BRIEF_LOGISTIC_H

#include <stddef.h>

enum { BF_LOGISTIC_MAX_FEATURES = 64 };

/* Fits coef[0..k) to rows x[i*k .. i*k+k) with labels y[i] in [0, 1] and
 * weights w[i] (NULL: 1). The penalty is l2 * (sum of weights) * |coef|^2
 * / 2, applied to every coefficient. Returns the weighted mean log loss, or
 * a negative value when k is out of range or memory is short. */
double bf_logistic_fit(const float *x, const float *y, const float *w, size_t n,
                       int k, double l2, double *coef);

/* The fitted probability of one row. */
double bf_logistic_predict(const double *coef, const float *x, int k);

#endif
