/*
 * lcs.c - LCS length and LCS backtracking (see lcs.h).
 *
 * The backtrack needs, at every cell where the tokens differ, only the
 * answer to "is the cell on the left strictly larger than the one above?".
 * That answer is stored as one bit per cell while the table is filled with
 * two rolling rows, so a 1,000 by 1,000 sentence pair takes 125 kB instead
 * of 4 MB of table.
 */
#include "eval/lcs.h"

#include "core/vec.h"

#include <stdlib.h>
#include <string.h>

void bf_lcs_scratch_free(bf_lcs_scratch *s) {
  free(s->rows);
  free(s->bits);
  memset(s, 0, sizeof *s);
}

/* Two zeroed rows of nb + 1 counters. */
static uint32_t *two_rows(bf_lcs_scratch *s, size_t nb) {
  if (nb + 1 > SIZE_MAX / 2 / sizeof(uint32_t))
    return NULL;
  if (bf_grow((void **)&s->rows, &s->rows_cap, 2 * (nb + 1), sizeof *s->rows))
    return NULL;
  memset(s->rows, 0, 2 * (nb + 1) * sizeof *s->rows);
  return s->rows;
}

int bf_lcs_length(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                  bf_lcs_scratch *s, size_t *len) {
  *len = 0;
  if (na == 0 || nb == 0)
    return 0;
  uint32_t *prev = two_rows(s, nb);
  if (!prev)
    return -1;
  uint32_t *cur = prev + nb + 1;
  for (size_t i = 1; i <= na; i++) {
    cur[0] = 0;
    for (size_t j = 1; j <= nb; j++) {
      if (a[i - 1] == b[j - 1])
        cur[j] = prev[j - 1] + 1;
      else
        cur[j] = cur[j - 1] > prev[j] ? cur[j - 1] : prev[j];
    }
    uint32_t *t = prev;
    prev = cur;
    cur = t;
  }
  *len = prev[nb];
  return 0;
}

int bf_lcs_mark(const uint32_t *ref, size_t nref, const uint32_t *cand,
                size_t ncand, unsigned char *mark, bf_lcs_scratch *s) {
  if (nref == 0 || ncand == 0)
    return 0;
  if ((uint64_t)nref * ncand > BF_LCS_MAX_CELLS)
    return -2;
  size_t cells = nref * ncand, nbytes = (cells + 7) / 8;
  if (bf_grow((void **)&s->bits, &s->bits_cap, nbytes, 1))
    return -1;
  memset(s->bits, 0, nbytes);
  uint32_t *prev = two_rows(s, ncand);
  if (!prev)
    return -1;
  uint32_t *cur = prev + ncand + 1;
  for (size_t i = 1; i <= nref; i++) {
    cur[0] = 0;
    for (size_t j = 1; j <= ncand; j++) {
      if (ref[i - 1] == cand[j - 1]) {
        cur[j] = prev[j - 1] + 1;
      } else if (cur[j - 1] > prev[j]) {
        size_t k = (i - 1) * ncand + (j - 1);
        s->bits[k >> 3] |= (unsigned char)(1u << (k & 7));
        cur[j] = cur[j - 1];
      } else {
        cur[j] = prev[j];
      }
    }
    uint32_t *t = prev;
    prev = cur;
    cur = t;
  }
  size_t i = nref, j = ncand;
  while (i > 0 && j > 0) {
    size_t k = (i - 1) * ncand + (j - 1);
    if (ref[i - 1] == cand[j - 1]) {
      mark[i - 1] = 1;
      i--;
      j--;
    } else if (s->bits[k >> 3] & (1u << (k & 7))) {
      j--;
    } else {
      i--;
    }
  }
  return 0;
}
