/* clang-format off */
/*
 * assign_model.h - coefficients of the models in assign.c: join (one per
 * enum bf_assign_feature) and merge (bf_merge_feature). Written by
 * tools/train_stories from:
 *
 *   duc2002.jsonl duc2006.jsonl multinews-dev.jsonl duc2003.jsonl
 */
#ifndef BRIEF_ASSIGN_MODEL_H
#define BRIEF_ASSIGN_MODEL_H

static const double bf_assign_model[BF_ASSIGN_FEATURES] = {
    10.598596, 5.399608, 3.884910, 1.799589,
    0.477358, 1.302448, 0.830777, 1.126348,
    -1.418107, 0.368353, 1.803406, -1.520236,
    2.726654, -2.434900,
};

static const double bf_merge_model[BF_MERGE_FEATURES] = {
    12.421827, 2.504902, 2.554711, 2.694173,
    0.523864, -1.318142, 0.605043, 1.753848,
    -2.850805, -1.011538, 3.136390, 8.224592,
    -0.957358, -1.235504, 0.121503,
};

#endif
