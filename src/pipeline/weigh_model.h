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
    -0.973342, -0.876927, 0.066621, -0.638240,
    -0.056232, -0.298469, 1.424317, 1.057476,
    1.034980, -0.159580, 0.546174, -1.549861,
    0.000000, 0.116329, 0.331746, -0.499798,
    -0.459400, 2.322664, -0.259371, 0.505726,
};
static const double bf_model_bigram[BF_FEATURES] = {
    -1.466943, -1.088454, 0.293719, -0.694434,
    -0.269842, -0.597037, 1.198039, 1.276505,
    1.285125, -0.268340, 0.917628, -1.633536,
    -0.091138, 0.147762, 0.280997, -0.291409,
    -0.440284, 0.771190, -0.410073, 0.299111,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.313773, 0.087988, -0.425411, -0.344457,
    -0.484198, 1.419416, 1.122898, 1.221404,
    1.193729, 0.056188, 0.069081, 0.083921,
    -0.199065, -0.240911, 1.406765, -0.315236,
    0.503088, 0.218971, 0.392367, 0.610101,
    -0.603476,
};
/* clang-format on */

#endif
