/* clang-format off */
/*
 * weigh_model.h - coefficients of the models in weigh.c, in the order of
 * its features. Written by tools/train_weights from:
 *
 *   multinews-dev duc2002 duc2003
 */
#ifndef BRIEF_WEIGH_MODEL_H
#define BRIEF_WEIGH_MODEL_H

static const double bf_model_unigram[BF_FEATURES] = {
    2.473124, -0.865534, -0.986783, -0.528201,
    -0.155868, -0.182342, 0.240232, 1.291401,
    0.810326, -0.427969, 0.544761, -1.013921,
    0.000000, 0.097543, 0.338114, -0.021361,
    -0.470651, 0.419367, 0.431587, 0.490350,
    -0.569332, -0.150245, -0.016981,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.345376, -0.736099, -0.974818, -0.296289,
    -0.404768, -0.368017, 0.157421, 1.415614,
    0.989221, -0.527559, 0.936192, -1.010756,
    -0.064676, 0.129397, 0.268854, 0.045291,
    -0.436674, -0.241392, 0.570015, 0.330734,
    -0.511201, -0.141031, 0.012363,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.124795, 0.113492, -0.403287, -0.186590,
    -0.208214, 0.572075, 0.428687, 3.387018,
    0.804474, 0.045613, 0.009065, 0.101735,
    -0.217050, -0.121150, 0.386561, -0.112756,
    -0.010946, 0.430459, 0.207317, 0.550855,
    -0.466059, -0.063987, -0.079811,
};
/* clang-format on */

#endif
