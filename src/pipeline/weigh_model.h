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
    2.469014, -0.864826, -0.986447, -0.525986,
    -0.182750, -0.200786, 0.243960, 1.293645,
    0.806703, -0.419035, 0.533621, -1.012181,
    0.000000, 0.101478, 0.341190, -0.010344,
    -0.476001, 0.385046, 0.439020, 0.537132,
    -0.561750, -0.142811, -0.033363,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.331482, -0.746705, -0.967232, -0.293623,
    -0.434318, -0.379290, 0.158731, 1.416475,
    0.990258, -0.516664, 0.928086, -1.011681,
    -0.063685, 0.138225, 0.271532, 0.068187,
    -0.445588, -0.264314, 0.576082, 0.349998,
    -0.506240, -0.137329, 0.004383,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.135381, 0.089912, -0.394173, -0.185036,
    -0.209179, 0.556441, 0.435759, 3.395405,
    0.820292, 0.045410, 0.008958, 0.109576,
    -0.204771, -0.122679, 0.392811, -0.109951,
    -0.020823, 0.444595, 0.218945, 0.558142,
    -0.476133, -0.064930, -0.081151,
};
/* clang-format on */

#endif
