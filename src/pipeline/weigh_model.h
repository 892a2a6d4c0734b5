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
    2.468784, -0.864790, -0.986377, -0.525943,
    -0.182997, -0.200916, 0.243925, 1.293487,
    0.807291, -0.418714, 0.533656, -1.012182,
    0.000000, 0.101479, 0.341201, -0.010227,
    -0.476006, 0.385043, 0.439158, 0.536968,
    -0.561663, -0.142838, -0.033425,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.331258, -0.746635, -0.967052, -0.293595,
    -0.434451, -0.379732, 0.158391, 1.416204,
    0.990911, -0.515945, 0.928184, -1.011645,
    -0.063671, 0.138208, 0.271555, 0.068517,
    -0.445705, -0.264371, 0.576207, 0.349821,
    -0.505927, -0.137346, 0.004048,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.137570, 0.088636, -0.392189, -0.184711,
    -0.209497, 0.556146, 0.435995, 3.394389,
    0.820387, 0.045385, 0.008951, 0.109588,
    -0.204833, -0.122700, 0.390582, -0.110073,
    -0.018501, 0.443529, 0.218113, 0.558770,
    -0.476157, -0.063554, -0.081773,
};
/* clang-format on */

#endif
