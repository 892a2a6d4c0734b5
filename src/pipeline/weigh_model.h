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
    2.470023, -0.864623, -0.987073, -0.526726,
    -0.184311, -0.199409, 0.243768, 1.294028,
    0.806284, -0.419555, 0.534008, -1.012156,
    0.000000, 0.101238, 0.341230, -0.010605,
    -0.476522, 0.386910, 0.439041, 0.536707,
    -0.561604, -0.143167, -0.033251,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.330803, -0.746269, -0.967774, -0.293556,
    -0.434712, -0.378935, 0.159102, 1.417177,
    0.990283, -0.517667, 0.928292, -1.011651,
    -0.063801, 0.137722, 0.271289, 0.067842,
    -0.445715, -0.263913, 0.576290, 0.349815,
    -0.506415, -0.137271, 0.004566,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.135765, 0.090124, -0.393792, -0.185009,
    -0.209389, 0.557522, 0.435415, 3.395848,
    0.820003, 0.045425, 0.008961, 0.108387,
    -0.204691, -0.122585, 0.392764, -0.109864,
    -0.020499, 0.444994, 0.218098, 0.557361,
    -0.476102, -0.065023, -0.081058,
};
/* clang-format on */

#endif
