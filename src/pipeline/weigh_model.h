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
    -0.975627, -0.876071, 0.066538, -0.638221,
    -0.055309, -0.300187, 1.425999, 1.057001,
    1.033881, -0.157798, 0.546954, -1.548877,
    0.000000, 0.115162, 0.330667, -0.499817,
    -0.459002, 2.330061, -0.259845, 0.507021,
};
static const double bf_model_bigram[BF_FEATURES] = {
    -1.469405, -1.089241, 0.294005, -0.694185,
    -0.268930, -0.600018, 1.201070, 1.275661,
    1.286031, -0.264791, 0.918861, -1.632929,
    -0.091464, 0.146724, 0.280657, -0.290738,
    -0.441381, 0.778811, -0.410136, 0.299268,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.319067, 0.086627, -0.421091, -0.341562,
    -0.484402, 1.421962, 1.120883, 1.225172,
    1.199863, 0.056188, 0.069061, 0.081797,
    -0.200018, -0.239799, 1.415420, -0.315174,
    0.503257, 0.217901, 0.392441, 0.607860,
    -0.607158,
};
/* clang-format on */

#endif
