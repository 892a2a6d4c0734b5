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
    2.476437, -0.863613, -0.994331, -0.525960,
    -0.183068, -0.220413, 0.256938, 1.294376,
    0.814478, -0.420230, 0.534749, -1.011407,
    0.000000, 0.099863, 0.338056, -0.027244,
    -0.470234, 0.394169, 0.437837, 0.519070,
    -0.563621, -0.141257, -0.034519,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.334999, -0.739954, -0.975703, -0.292658,
    -0.433023, -0.400514, 0.176808, 1.415944,
    0.997360, -0.518390, 0.928741, -1.010585,
    -0.063203, 0.136196, 0.269094, 0.045426,
    -0.434522, -0.260862, 0.575772, 0.348199,
    -0.508770, -0.135742, 0.004271,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.123636, 0.089728, -0.387303, -0.185309,
    -0.209238, 0.565407, 0.439894, 3.386145,
    0.823479, 0.045102, 0.009568, 0.100405,
    -0.201003, -0.122642, 0.398278, -0.110388,
    -0.024872, 0.439164, 0.213698, 0.544164,
    -0.477892, -0.066163, -0.080772,
};
/* clang-format on */

#endif
