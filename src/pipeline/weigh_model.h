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
    -0.972818, -0.879681, 0.066911, -0.637623,
    -0.057240, -0.293775, 1.424299, 1.057850,
    1.036835, -0.158361, 0.546381, -1.550856,
    0.000000, 0.115980, 0.330900, -0.498462,
    -0.448102, 2.314825, -0.257189, 0.502403,
};
static const double bf_model_bigram[BF_FEATURES] = {
    -1.467611, -1.090927, 0.291381, -0.694309,
    -0.270644, -0.593882, 1.197253, 1.279874,
    1.286200, -0.268021, 0.917811, -1.634420,
    -0.091582, 0.147867, 0.280425, -0.290219,
    -0.420727, 0.768771, -0.408069, 0.297900,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.317522, 0.087108, -0.429262, -0.342874,
    -0.486100, 1.421305, 1.113376, 1.218617,
    1.188699, 0.056010, 0.069677, 0.081024,
    -0.198515, -0.238348, 1.397189, -0.314474,
    0.512642, 0.215848, 0.393251, 0.612952,
    -0.601702,
};
/* clang-format on */

#endif
