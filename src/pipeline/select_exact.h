/*
 * select_exact.h - the exact optimiser of the select stage (lp_solve).
 */
#ifndef BRIEF_SELECT_EXACT_H
#define BRIEF_SELECT_EXACT_H

#include "pipeline/pipeline.h"

/* Chooses among `cands` (sentence indices) the set of at most `budget`
 * words that maximises the summed weight of covered concepts, one sentence
 * per near-duplicate group. Sets chosen[k] for cands[k]. Returns 0 when
 * solved, 1 when the solver gave no solution in time (use greedy), -1 when
 * out of memory. */
int bf_select_exact(const brief_story *st, const bf_dups *dups,
                    const double *weight, const uint32_t *cands, size_t ncands,
                    size_t budget, uint8_t *chosen);

#endif
