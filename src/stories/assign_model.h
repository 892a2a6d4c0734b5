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
    10.892802, 5.519989, 3.897390, 2.712494,
    0.600367, 1.314131, 0.796548, 1.157468,
    -1.414229, 0.582317, 1.675827, -1.507310,
    -2.509037,
};

static const double bf_merge_model[BF_MERGE_FEATURES] = {
    12.247874, 2.581488, 2.932238, 2.724054,
    0.562204, -1.312658, 0.577765, 1.765313,
    -2.922841, -0.967350, 3.028358, 8.137435,
    -0.930058, -1.195891, 0.055014,
};

#endif
