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
    2.473910, -0.865621, -0.986847, -0.528198,
    -0.155984, -0.182455, 0.240073, 1.291254,
    0.810455, -0.427470, 0.544635, -1.013922,
    0.000000, 0.097567, 0.338183, -0.021258,
    -0.470677, 0.419267, 0.431987, 0.490333,
    -0.569369, -0.150318, -0.017023,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.345712, -0.736166, -0.975016, -0.296287,
    -0.404936, -0.368186, 0.157534, 1.415613,
    0.989289, -0.527435, 0.936192, -1.010690,
    -0.064705, 0.129314, 0.268895, 0.045457,
    -0.436607, -0.241340, 0.570364, 0.330709,
    -0.511253, -0.141016, 0.012320,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.124913, 0.113556, -0.403407, -0.186705,
    -0.208206, 0.571635, 0.428698, 3.387288,
    0.804375, 0.045599, 0.009080, 0.101684,
    -0.217066, -0.121232, 0.387496, -0.112748,
    -0.011075, 0.430860, 0.207320, 0.550762,
    -0.466009, -0.064101, -0.079694,
};
/* clang-format on */

#endif
