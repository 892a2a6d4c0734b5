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

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A sentence carries a chosen one when it holds this share of the chosen
 * sentence's content stems, weighted by IDF, and at least a few of them. */
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

/* A sentence's distinct content stems, and how many of them (and what
 * weight) the current pick shares: stems marked with `round` in `mark`. */
typedef struct overlap {
  size_t n, shared;
  size_t nums, shared_nums; /* figures in digits */
  double weight, shared_weight;
} overlap;

static overlap measure(const brief_story *st, uint32_t i, uint32_t *seen,
                       const double *idf, const uint32_t *mark,
                       uint32_t round) {
  const bf_sentence *s = &st->sents.v[i];
  overlap o = {0, 0, 0, 0, 0, 0};
  for (size_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &st->toks.v[s->tok_first + k];
    if (!t->stem || (t->flags & BF_TOK_STOP) || seen[t->stem] == i + 1)
      continue;
    seen[t->stem] = i + 1;
    int num = (t->flags & BF_TOK_NUM) != 0, shared = mark[t->stem] == round;
    o.n++;
    o.nums += num;
    o.weight += idf[t->stem];
    if (shared) {
      o.shared++;
      o.shared_nums += num;
      o.shared_weight += idf[t->stem];
    }
  }
  return o;
}

/* Inverse sentence frequency of every stem: sharing "320,000" or "Saida"
 * says more about carrying the same fact than sharing "Syria". */
static double *stem_idf(const brief_story *st, uint32_t *seen, size_t nlex) {
  double *idf = calloc(nlex, sizeof *idf);
  if (!idf)
    return NULL;
  for (uint32_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    for (size_t k = 0; k < s->tok_count; k++) {
      uint32_t stem = st->toks.v[s->tok_first + k].stem;
      if (stem && seen[stem] != i + 1) {
        seen[stem] = i + 1;
        idf[stem] += 1;
      }
    }
  }
  double n = (double)st->sents.n + 1;
  for (size_t k = 0; k < nlex; k++)
    idf[k] = idf[k] > 0 ? log(n / idf[k]) : 0;
  return idf;
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
 * with a sentence holding enough of its content, by IDF weight. One pass
 * over the story's sentences. */
static int cite_pick(const brief_story *st, const bf_dups *dups, bf_pick *pk,
                     uint32_t round, uint32_t *last, uint32_t *mark,
                     uint32_t *seen, const double *idf, size_t nlex) {
  uint32_t group = dups->group[pk->sent];
  if (add_source(pk, st->sents.v[pk->sent].article, last, round))
    return -1;
  mark_stems(st, pk, mark, round);
  memset(seen, 0, nlex * sizeof *seen);
  overlap self = measure(st, pk->sent, seen, idf, mark, round);
  memset(seen, 0, nlex * sizeof *seen);
  for (uint32_t j = 0; j < st->sents.n; j++) {
    uint32_t a = st->sents.v[j].article;
    if (last[a] == round)
      continue;
    int carries = dups->group[j] == group;
    if (!carries && self.n >= SUPPORT_MIN_SHARED) {
      overlap o = measure(st, j, seen, idf, mark, round);
      /* Giving other figures for the same thing is a conflict for the
       * facts table, not support: 35 vs 50 million euros. */
      int other_figures = self.nums && o.nums && !o.shared_nums;
      carries = o.shared >= SUPPORT_MIN_SHARED && !other_figures &&
                o.shared_weight >= SUPPORT_OVERLAP * self.weight;
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
  double *idf = seen ? stem_idf(st, seen, nlex) : NULL;
  int rc = (last && mark && seen && idf) ? 0 : -1;
  for (size_t p = 0; rc == 0 && p < sel->n; p++)
    rc = cite_pick(st, dups, &sel->picks[p], (uint32_t)p + 1, last, mark, seen,
                   idf, nlex);
  free(last);
  free(mark);
  free(seen);
  free(idf);
  if (rc)
    return bf_fail(err, BRIEF_ERR_NOMEM, "cite: out of memory");
  return BRIEF_OK;
}
