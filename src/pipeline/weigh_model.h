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
    2.471416, -0.870797, -0.985907, -0.527796,
    -0.155472, -0.186594, 0.233289, 1.293934,
    0.815954, -0.427668, 0.543668, -1.014112,
    0.000000, 0.098582, 0.333574, -0.013635,
    -0.472279, 0.426386, 0.427430, 0.490877,
    -0.572665, -0.152631, -0.010924,
};
static const double bf_model_bigram[BF_FEATURES] = {
    1.340881, -0.737864, -0.975409, -0.297450,
    -0.405719, -0.366213, 0.155198, 1.418608,
    0.996280, -0.529285, 0.935628, -1.010092,
    -0.064836, 0.128883, 0.266540, 0.048915,
    -0.436388, -0.241018, 0.563071, 0.329432,
    -0.513868, -0.143062, 0.017844,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -1.130049, 0.100501, -0.398283, -0.184514,
    -0.198393, 0.638651, 0.436709, 3.376192,
    0.799674, 0.046429, 0.008751, 0.082012,
    -0.217301, -0.122667, 0.361955, -0.113495,
    -0.021953, 0.434322, 0.183240, 0.547961,
    -0.463712, -0.063683, -0.082105,
};
/* clang-format on */

#endif
