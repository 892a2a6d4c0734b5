/*
 * lcs.h - longest common subsequences of token-id sequences, for ROUGE-L
 * and the summary-level union LCS of ROUGE-Lsum.
 */
#ifndef BRIEF_LCS_H
#define BRIEF_LCS_H

#include <stddef.h>
#include <stdint.h>

/* Reusable buffers; zero-initialise, release with bf_lcs_scratch_free. */
typedef struct bf_lcs_scratch {
  uint32_t *rows;
  size_t rows_cap;
  unsigned char *bits;
  size_t bits_cap;
} bf_lcs_scratch;

void bf_lcs_scratch_free(bf_lcs_scratch *s);

/* The largest ref-by-candidate table bf_lcs_mark builds, in cells (one bit
 * each): 2^31 cells, 256 MiB. */
#define BF_LCS_MAX_CELLS ((uint64_t)1 << 31)

/* Length of an LCS of a and b, in O(na * nb) time and O(nb) memory.
 * Returns 0 and sets *len, or -1 when out of memory. */
int bf_lcs_length(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                  bf_lcs_scratch *s, size_t *len);

/* Marks (sets to 1) the positions of `ref` on one LCS of ref and cand: the
 * one found by walking back from the end, taking a match when the tokens
 * are equal, else stepping along cand when that keeps a strictly longer
 * LCS and along ref otherwise (rouge_score's and ROUGE-1.5.5's rule).
 * `mark` has nref entries and is not cleared. Returns 0, -1 when out of
 * memory, or -2 when nref * ncand exceeds BF_LCS_MAX_CELLS. */
int bf_lcs_mark(const uint32_t *ref, size_t nref, const uint32_t *cand,
                size_t ncand, unsigned char *mark, bf_lcs_scratch *s);

#endif
