/*
 * select_exact.c - the exact optimiser for the select stage.
 *
 * Solves the concept-coverage objective as an integer linear program
 * (Gillick and Favre's formulation): binary s_j per candidate sentence and
 * c_i per concept, maximise sum w_i c_i subject to the word budget, each
 * covered concept having a chosen sentence that contains it, and at most one
 * sentence per near-duplicate group. lp_solve (LGPL) does branch and bound.
 * It is meant for small stories or a final polish of the top candidates,
 * so the caller passes a bounded candidate list and the solve has a time
 * limit; the caller falls back to greedy when no solution comes back.
 */
#include "pipeline/select_exact.h"

#include <lpsolve/lp_lib.h>
#include <stdlib.h>
#include <string.h>

/* Seconds lp_solve may spend before the caller falls back to greedy. */
#define EXACT_TIMEOUT 2

typedef struct concept_index {
  int32_t *local; /* concept id - 1 -> local index or -1 */
  uint32_t *ids;  /* local index -> concept id - 1 */
  size_t n;
} concept_index;

static int index_concepts(const brief_story *st, const double *weight,
                          const uint32_t *cands, size_t ncands,
                          concept_index *ci) {
  ci->local = malloc((st->n_concepts + 1) * sizeof *ci->local);
  ci->ids = NULL;
  ci->n = 0;
  if (!ci->local)
    return -1;
  memset(ci->local, 0xff, (st->n_concepts + 1) * sizeof *ci->local);
  size_t cap = 0;
  for (size_t k = 0; k < ncands; k++) {
    const bf_sentence *s = &st->sents.v[cands[k]];
    for (uint32_t j = 0; j < s->concept_count; j++) {
      uint32_t c = st->concepts.v[s->concept_first + j] - 1;
      if (weight[c] <= 0 || ci->local[c] >= 0)
        continue;
      if (ci->n == cap) {
        cap = cap ? cap * 2 : 256;
        uint32_t *ids = realloc(ci->ids, cap * sizeof *ids);
        if (!ids)
          return -1;
        ci->ids = ids;
      }
      ci->local[c] = (int32_t)ci->n;
      ci->ids[ci->n++] = c;
    }
  }
  return 0;
}

/* Adds, for every concept, "sum of sentences containing it - c_i >= 0". */
static int add_cover_rows(lprec *lp, const brief_story *st,
                          const uint32_t *cands, size_t ncands,
                          const concept_index *ci) {
  /* Occurrence lists by concept: count, then fill. */
  size_t *start = calloc(ci->n + 1, sizeof *start);
  if (!start)
    return -1;
  for (size_t k = 0; k < ncands; k++) {
    const bf_sentence *s = &st->sents.v[cands[k]];
    for (uint32_t j = 0; j < s->concept_count; j++) {
      int32_t l = ci->local[st->concepts.v[s->concept_first + j] - 1];
      if (l >= 0)
        start[l + 1]++;
    }
  }
  for (size_t i = 0; i < ci->n; i++)
    start[i + 1] += start[i];
  int *occ = malloc((start[ci->n] + 1) * sizeof *occ);
  size_t *fill = calloc(ci->n + 1, sizeof *fill);
  int *cols = malloc((ncands + 2) * sizeof *cols);
  REAL *vals = malloc((ncands + 2) * sizeof *vals);
  int rc = (occ && fill && cols && vals) ? 0 : -1;
  for (size_t k = 0; rc == 0 && k < ncands; k++) {
    const bf_sentence *s = &st->sents.v[cands[k]];
    for (uint32_t j = 0; j < s->concept_count; j++) {
      int32_t l = ci->local[st->concepts.v[s->concept_first + j] - 1];
      if (l >= 0)
        occ[start[l] + fill[l]++] = (int)k + 1;
    }
  }
  for (size_t i = 0; rc == 0 && i < ci->n; i++) {
    int n = 0;
    for (size_t p = start[i]; p < start[i + 1]; p++) {
      cols[n] = occ[p];
      vals[n++] = 1;
    }
    cols[n] = (int)(ncands + i) + 1;
    vals[n++] = -1;
    if (!add_constraintex(lp, n, vals, cols, GE, 0))
      rc = -1;
  }
  free(start);
  free(occ);
  free(fill);
  free(cols);
  free(vals);
  return rc;
}

/* At most one sentence of each near-duplicate group. */
static int add_group_rows(lprec *lp, const bf_dups *dups, const uint32_t *cands,
                          size_t ncands) {
  int *cols = malloc((ncands + 1) * sizeof *cols);
  REAL *vals = malloc((ncands + 1) * sizeof *vals);
  uint8_t *done = calloc(ncands + 1, 1);
  int rc = (cols && vals && done) ? 0 : -1;
  for (size_t a = 0; rc == 0 && a < ncands; a++) {
    if (done[a])
      continue;
    int n = 0;
    for (size_t b = a; b < ncands; b++)
      if (dups->group[cands[b]] == dups->group[cands[a]]) {
        done[b] = 1;
        cols[n] = (int)b + 1;
        vals[n++] = 1;
      }
    if (n > 1 && !add_constraintex(lp, n, vals, cols, LE, 1))
      rc = -1;
  }
  free(cols);
  free(vals);
  free(done);
  return rc;
}

static int add_budget_row(lprec *lp, const brief_story *st,
                          const uint32_t *cands, size_t ncands, size_t budget) {
  int *cols = malloc((ncands + 1) * sizeof *cols);
  REAL *vals = malloc((ncands + 1) * sizeof *vals);
  int rc = (cols && vals) ? 0 : -1;
  for (size_t k = 0; rc == 0 && k < ncands; k++) {
    cols[k] = (int)k + 1;
    vals[k] = st->sents.v[cands[k]].words;
  }
  if (rc == 0 &&
      !add_constraintex(lp, (int)ncands, vals, cols, LE, (REAL)budget))
    rc = -1;
  free(cols);
  free(vals);
  return rc;
}

static int set_objective(lprec *lp, const double *weight, size_t ncands,
                         const concept_index *ci) {
  int *cols = malloc((ci->n + 1) * sizeof *cols);
  REAL *vals = malloc((ci->n + 1) * sizeof *vals);
  int rc = (cols && vals) ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < ci->n; i++) {
    cols[i] = (int)(ncands + i) + 1;
    vals[i] = weight[ci->ids[i]];
  }
  if (rc == 0 && !set_obj_fnex(lp, (int)ci->n, vals, cols))
    rc = -1;
  set_maxim(lp);
  free(cols);
  free(vals);
  return rc;
}

int bf_select_exact(const brief_story *st, const bf_dups *dups,
                    const double *weight, const uint32_t *cands, size_t ncands,
                    size_t budget, uint8_t *chosen) {
  concept_index ci;
  if (index_concepts(st, weight, cands, ncands, &ci)) {
    free(ci.local);
    free(ci.ids);
    return -1;
  }
  int rc = 1;
  int ncols = (int)(ncands + ci.n);
  lprec *lp = ncols > 0 ? make_lp(0, ncols) : NULL;
  if (lp) {
    set_verbose(lp, CRITICAL);
    for (int c = 1; c <= ncols; c++)
      set_binary(lp, c, TRUE);
    set_add_rowmode(lp, TRUE);
    if (add_budget_row(lp, st, cands, ncands, budget) ||
        add_cover_rows(lp, st, cands, ncands, &ci) ||
        add_group_rows(lp, dups, cands, ncands) ||
        set_objective(lp, weight, ncands, &ci))
      rc = -1;
    set_add_rowmode(lp, FALSE);
    set_timeout(lp, EXACT_TIMEOUT);
    if (rc == 1) {
      int status = solve(lp);
      if (status == OPTIMAL || status == SUBOPTIMAL || status == PRESOLVED) {
        REAL *vars;
        if (get_ptr_variables(lp, &vars)) {
          for (size_t k = 0; k < ncands; k++)
            chosen[k] = vars[k] > 0.5;
          rc = 0;
        }
      }
    }
    delete_lp(lp);
  }
  free(ci.local);
  free(ci.ids);
  return rc;
}
