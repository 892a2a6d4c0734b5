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
    -0.986329, -0.890507, 0.050567, -0.634359,
    -0.056782, -0.266733, 1.448210, 1.064974,
    1.056562, -0.144324, 0.546756, -1.574398,
    0.000000, 0.118436, 0.331002, -0.523383,
    -0.461550, 2.317184,
};
static const double bf_model_bigram[BF_FEATURES] = {
    -1.500092, -1.111962, 0.257222, -0.675578,
    -0.272132, -0.603579, 1.222516, 1.292888,
    1.322324, -0.245127, 0.918967, -1.673359,
    -0.092596, 0.151708, 0.281102, -0.313087,
    -0.442123, 0.780585,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.312674, 0.231259, -0.303318, -0.336929,
    -0.487129, 1.637119, 1.103502, 1.227365,
    0.434382, 0.062724, 0.058451, 0.014287,
    -0.178985, -0.258139, 1.434883, -0.302684,
    0.528368,
};
/* clang-format on */

#endif
