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
    2.472833, -0.871883, -0.987190, -0.528198,
    -0.154899, -0.186488, 0.233942, 1.295566,
    0.814998, -0.428688, 0.545238, -1.014620,
    0.000000, 0.099390, 0.333982, -0.014541,
    -0.478739, 0.423578, 0.429263, 0.489342,
    -0.572924, -0.152034, -0.011436,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.341383, -0.739901, -0.976348, -0.298718,
    -0.404824, -0.366062, 0.156487, 1.419884,
    0.995624, -0.529106, 0.937228, -1.010840,
    -0.064888, 0.129367, 0.266632, 0.048106,
    -0.443521, -0.241868, 0.565050, 0.328998,
    -0.513959, -0.142377, 0.017410,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.404136, 0.058167, -0.350048, -0.240416,
    -0.474387, 1.585635, 0.866590, 1.603454,
    1.066061, 0.044809, 0.062450, -0.009635,
    -0.256311, -0.242305, -0.209430, -0.176895,
    0.444999, 0.657146, 0.267156, 0.538763,
    -0.553751, -0.115358, -0.078712,
};
/* clang-format on */

#endif
