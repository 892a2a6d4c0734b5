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

static int add_source(bf_pick *p, uint32_t art) {
  for (uint32_t k = 0; k < p->nsources; k++)
    if (p->sources[k] == art)
      return 0;
  uint32_t *ns = realloc(p->sources, (p->nsources + 1) * sizeof *ns);
  if (!ns)
    return -1;
  p->sources = ns;
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

brief_status bf_cite(const brief_story *st, const bf_dups *dups,
                     bf_selection *sel, brief_error *err) {
  size_t n = st->sents.n;
  /* Group members of chosen sentences. */
  uint32_t *pick_of_group = malloc((n + 1) * sizeof *pick_of_group);
  if (!pick_of_group)
    return bf_fail(err, BRIEF_ERR_NOMEM, "cite: out of memory");
  for (size_t i = 0; i < n; i++)
    pick_of_group[i] = UINT32_MAX;
  for (size_t p = 0; p < sel->n; p++) {
    pick_of_group[dups->group[sel->picks[p].sent]] = (uint32_t)p;
    if (add_source(&sel->picks[p], st->sents.v[sel->picks[p].sent].article))
      goto oom;
  }
  for (size_t i = 0; i < n; i++) {
    uint32_t p = pick_of_group[dups->group[i]];
    if (p != UINT32_MAX && add_source(&sel->picks[p], st->sents.v[i].article))
      goto oom;
  }
  /* Supporting sentences: one pass over the story per pick, counting the
   * pick's stems in each sentence. */
  size_t nlex = st->lex.n + 1;
  uint32_t *mark = calloc(nlex, sizeof *mark);
  uint32_t *seen = calloc(nlex, sizeof *seen);
  if (!mark || !seen) {
    free(mark);
    free(seen);
    goto oom;
  }
  for (size_t p = 0; p < sel->n; p++) {
    bf_pick *pk = &sel->picks[p];
    uint32_t round = (uint32_t)p + 1;
    size_t shared;
    const bf_sentence *ps = &st->sents.v[pk->sent];
    for (size_t k = 0; k < ps->tok_count; k++) {
      const bf_token *t = &st->toks.v[ps->tok_first + k];
      if (t->stem && !(t->flags & BF_TOK_STOP))
        mark[t->stem] = round;
    }
    memset(seen, 0, nlex * sizeof *seen);
    size_t pn = distinct_stems(st, pk->sent, seen, NULL, 0, &shared);
    if (pn < SUPPORT_MIN_SHARED)
      continue;
    memset(seen, 0, nlex * sizeof *seen);
    for (uint32_t j = 0; j < n; j++) {
      uint32_t a = st->sents.v[j].article;
      size_t jn = distinct_stems(st, j, seen, mark, round, &shared);
      (void)jn;
      if (shared < SUPPORT_MIN_SHARED || (double)shared < SUPPORT_OVERLAP * pn)
        continue;
      if (add_source(pk, a)) {
        free(mark);
        free(seen);
        goto oom;
      }
    }
    /* The picked sentence's own article first, then by index. */
    if (pk->nsources > 2)
      qsort(pk->sources + 1, pk->nsources - 1, sizeof(uint32_t), cmp_u32);
  }
  free(mark);
  free(seen);
  free(pick_of_group);
  return BRIEF_OK;
oom:
  free(pick_of_group);
  return bf_fail(err, BRIEF_ERR_NOMEM, "cite: out of memory");
}
