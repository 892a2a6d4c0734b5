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
    -0.968293, -0.884737, 0.069045, -0.638377,
    -0.050878, -0.297150, 1.424597, 1.058357,
    1.033585, -0.157590, 0.546536, -1.553286,
    0.000000, 0.116488, 0.331363, -0.498987,
    -0.451887, 2.313455, -0.257125, 0.496160,
};
static const double bf_model_bigram[BF_FEATURES] = {
    -1.468654, -1.089829, 0.291165, -0.693985,
    -0.273305, -0.593541, 1.196939, 1.279708,
    1.287574, -0.268531, 0.917648, -1.634004,
    -0.091348, 0.147869, 0.280197, -0.289931,
    -0.419392, 0.770878, -0.407412, 0.298397,
};
static const double bf_model_sentence[BF_SENT_FEATURES] = {
    -0.322348, 0.079007, -0.419412, -0.340692,
    -0.486646, 1.420972, 1.114231, 1.218475,
    1.188702, 0.055635, 0.069416, 0.082242,
    -0.200131, -0.237868, 1.395994, -0.313905,
    0.513243, 0.213982, 0.389651, 0.615504,
    -0.601909,
};
/* clang-format on */

#endif
