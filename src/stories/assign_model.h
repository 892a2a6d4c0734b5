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
    10.650811, 5.718015, 3.862725, 1.526582,
    0.469989, 1.256342, 0.801643, 1.242332,
    -1.278483, 0.207544, 1.657283, -1.312010,
    2.727466, -2.923604,
};

static const double bf_merge_model[BF_MERGE_FEATURES] = {
    12.342057, 3.155439, 2.802464, 2.668870,
    0.513867, -1.557069, 0.760207, 2.541907,
    -3.045476, -0.829283, 3.287288, 8.616027,
    -1.132337, -1.348580, -0.741688,
};

#endif
