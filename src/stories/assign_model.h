/* clang-format off */
/*
 * assign_model.h - coefficients of the join-or-new model in assign.c, one
 * per enum bf_assign_feature. Written by tools/train_stories from:
 *
 *   duc2002.jsonl duc2006.jsonl multinews-dev.jsonl duc2003.jsonl
 */
#ifndef BRIEF_ASSIGN_MODEL_H
#define BRIEF_ASSIGN_MODEL_H

static const double bf_assign_model[BF_ASSIGN_FEATURES] = {
    11.054837, 0.601060, 2.319614, 2.742869,
    0.599974, 0.866466, 0.588780, 0.905358,
    -0.942377, -0.199317, 6.881418, -0.614061,
    -3.667270,
};

static const double bf_merge_model[BF_MERGE_FEATURES] = {
    11.391496, 2.748479, 1.550876, 2.759192,
    0.653651, -0.047325, -0.020318, 1.487565,
    -1.184482, -1.440031, 3.414975, 7.446472,
    3.615704, -3.243726, -3.229821,
};

#endif
