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
    10.560409, 5.852707, 3.841930, 1.696157,
    0.378834, 1.390869, 0.859327, 1.345680,
    -1.343927, 0.256341, 0.955589, -1.269153,
    2.896822, -2.809764,
};

static const double bf_merge_model[BF_MERGE_FEATURES] = {
    11.401888, 1.433789, 3.564414, 3.307949,
    0.284554, -2.393003, 1.094974, 2.315804,
    -3.513758, -0.545793, 3.402903, 7.233333,
    -0.658805, -1.627369, -0.494412,
};

#endif
