/*
 * cite.c - the cite stage: every source that carries a chosen sentence.
 *
 * Owns citations. A chosen sentence is cited to the articles of its
 * near-duplicate group and to every other article with a sentence that
 * shares most of its content stems. Only stems of chosen sentences are
 * indexed, so one pass over the story's tokens finds the candidates.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

/* A sentence carries a chosen one when it holds this share of the chosen
 * sentence's distinct content stems (and at least a few of them). */
#define SUPPORT_OVERLAP 0.6
#define SUPPORT_MIN_SHARED 4

/* Adds article `art` to a pick's sources once: `last[art]` remembers the
 * pick (round) that last cited it, so the check costs O(1). Capacity grows
 * in powers of two. */
static int add_source(bf_pick *p, uint32_t art, uint32_t *last,
                      uint32_t round) {
  if (last[art] == round)
    return 0;
  last[art] = round;
  uint32_t n = p->nsources;
  if ((n & (n - 1)) == 0) {
    uint32_t *ns = realloc(p->sources, (n ? 2 * n : 4) * sizeof *ns);
    if (!ns)
      return -1;
    p->sources = ns;
  }
  p->sources[p->nsources++] = art;
  return 0;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Distinct content stems of each sentence, and of those how many are in
 * `mark` with the value `round` (when mark is not NULL). */
static size_t distinct_stems(const brief_story *st, uint32_t i, uint32_t *seen,
                             const uint32_t *mark, uint32_t round,
                             size_t *shared) {
  const bf_sentence *s = &st->sents.v[i];
  size_t n = 0;
  *shared = 0;
  for (size_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &st->toks.v[s->tok_first + k];
    if (!t->stem || (t->flags & BF_TOK_STOP) || seen[t->stem] == i + 1)
      continue;
    seen[t->stem] = i + 1;
    n++;
    if (mark && mark[t->stem] == round)
      (*shared)++;
  }
  return n;
}

/* Marks the pick's content stems with `round` in `mark`. */
static void mark_stems(const brief_story *st, const bf_pick *pk, uint32_t *mark,
                       uint32_t round) {
  const bf_sentence *ps = &st->sents.v[pk->sent];
  for (size_t k = 0; k < ps->tok_count; k++) {
    const bf_token *t = &st->toks.v[ps->tok_first + k];
    if (t->stem && !(t->flags & BF_TOK_STOP))
      mark[t->stem] = round;
  }
}

/* One pick: its own article, its near-duplicate group, then every article
 * with a sentence holding enough of its content stems. One pass over the
 * story's sentences. */
static int cite_pick(const brief_story *st, const bf_dups *dups, bf_pick *pk,
                     uint32_t round, uint32_t *last, uint32_t *mark,
                     uint32_t *seen, size_t nlex) {
  uint32_t group = dups->group[pk->sent];
  size_t shared;
  if (add_source(pk, st->sents.v[pk->sent].article, last, round))
    return -1;
  mark_stems(st, pk, mark, round);
  memset(seen, 0, nlex * sizeof *seen);
  size_t pn = distinct_stems(st, pk->sent, seen, NULL, 0, &shared);
  memset(seen, 0, nlex * sizeof *seen);
  for (uint32_t j = 0; j < st->sents.n; j++) {
    uint32_t a = st->sents.v[j].article;
    if (last[a] == round)
      continue;
    int carries = dups->group[j] == group;
    if (!carries && pn >= SUPPORT_MIN_SHARED) {
      distinct_stems(st, j, seen, mark, round, &shared);
      carries = shared >= SUPPORT_MIN_SHARED &&
                (double)shared >= SUPPORT_OVERLAP * (double)pn;
    }
    if (carries && add_source(pk, a, last, round))
      return -1;
  }
  /* The picked sentence's own article first, then by index. */
  if (pk->nsources > 2)
    qsort(pk->sources + 1, pk->nsources - 1, sizeof(uint32_t), cmp_u32);
  return 0;
}

brief_status bf_cite(const brief_story *st, const bf_dups *dups,
                     bf_selection *sel, brief_error *err) {
  size_t nlex = st->lex.n + 1;
  uint32_t *last = calloc(st->articles.n + 1, sizeof *last);
  uint32_t *mark = calloc(nlex, sizeof *mark);
  uint32_t *seen = calloc(nlex, sizeof *seen);
  int rc = (last && mark && seen) ? 0 : -1;
  for (size_t p = 0; rc == 0 && p < sel->n; p++)
    rc = cite_pick(st, dups, &sel->picks[p], (uint32_t)p + 1, last, mark, seen,
                   nlex);
  free(last);
  free(mark);
  free(seen);
  if (rc)
    return bf_fail(err, BRIEF_ERR_NOMEM, "cite: out of memory");
  return BRIEF_OK;
}
