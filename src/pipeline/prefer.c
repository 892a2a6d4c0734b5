/*
 * prefer.c - the prefer stage: among sentences that carry the same facts,
 * the wording more outlets stand behind.
 *
 * Owns the choice of wording once selection has chosen the content. For
 * each chosen sentence, the sentences of other articles that state what it
 * states, and that it states in turn, are its alternatives. The one shown
 * is, in this order: the one more outlets state in full; the one whose
 * relative times its article's date resolves ("late on Tuesday" in a dated
 * article over "on Tuesday night" in an undated one); the one more outlets
 * state in part; the plainest, with the fewest words that no other outlet
 * uses ("unprecedented", "narco-terrorist"), so the brief does not speak in
 * one outlet's framing. An alternative must fit the budget, read on its own
 * and repeat no chosen sentence. Selection asks as it takes each sentence,
 * so the budget is spent on what is shown.
 */
#include "core/error.h"
#include "facts/facts.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

/* Alternatives weighed per chosen sentence, the best-supported first. */
#define MAX_ALTERNATIVES 8
/* An alternative sharing more of its content stems with another chosen
 * sentence repeats it. */
#define MAX_OVERLAP 0.6

struct bf_prefer {
  const brief_story *st;
  bf_support_index *ix;
  const bf_dups *dups;
  const brief_facts *facts;
  const brief_options *opts;
  bf_support *how; /* one per article */
};

typedef bf_prefer prefer_ctx;

/* What makes one wording preferable, compared in field order. */
typedef struct standing {
  uint32_t full, anchored, partial;
  double plain; /* minus the share of words no other article uses */
} standing;

static int better(const standing *a, const standing *b) {
  if (a->full != b->full)
    return a->full > b->full;
  if (a->anchored != b->anchored)
    return a->anchored > b->anchored;
  if (a->partial != b->partial)
    return a->partial > b->partial;
  return a->plain > b->plain + 1e-9;
}

/* Non-zero when every relative time of sentence si resolves. */
static int anchored(const prefer_ctx *c, uint32_t si) {
  const bf_date_mention *d;
  size_t n = bf_facts_dates_of(c->facts, si, &d);
  for (size_t i = 0; i < n; i++)
    if (d[i].relative && !*d[i].date)
      return 0;
  return 1;
}

/* Minus the share of sentence si's content words only its article uses. */
static double plainness(const prefer_ctx *c, uint32_t si) {
  const bf_sentence *s = &c->st->sents.v[si];
  size_t words = 0, lone = 0;
  for (uint32_t k = s->tok_first; k < s->tok_first + s->tok_count; k++) {
    const bf_token *t = &c->st->toks.v[k];
    if (!t->stem || (t->flags & (BF_TOK_STOP | BF_TOK_NUM)))
      continue;
    words++;
    lone += t->stem < c->st->stem_df.n && c->st->stem_df.v[t->stem] == 1;
  }
  return words ? -(double)lone / (double)words : 0;
}

/* Sentence si's standing; c->how holds its support afterwards. Returns 0,
 * or -1 when out of memory. */
static int standing_of(prefer_ctx *c, uint32_t si, standing *s) {
  *s = (standing){0, (uint32_t)anchored(c, si), 0, plainness(c, si)};
  if (bf_support_of(c->ix, si, c->how))
    return -1;
  for (uint32_t a = 0; a < c->st->articles.n; a++) {
    s->full += c->how[a].kind == BF_SUPPORT_FULL;
    s->partial += c->how[a].kind == BF_SUPPORT_PARTIAL;
  }
  return 0;
}

/* The words sentence i costs, compressed when compression is on. */
static uint32_t cost(const prefer_ctx *c, uint32_t i, bf_compressed *comp) {
  memset(comp, 0, sizeof *comp);
  if (!c->opts->compress)
    return c->st->sents.v[i].words;
  bf_compress_sentence(c->st, i, comp);
  return comp->ncuts ? comp->words : c->st->sents.v[i].words;
}

/* Sentence q can be taken: it reads on its own, fits what is left of the
 * budget and repeats no chosen sentence. */
static int fits(const prefer_ctx *c, uint32_t q, uint32_t words,
                const bf_selection *sel, size_t budget) {
  const bf_sentence *s = &c->st->sents.v[q];
  const brief_options *o = c->opts;
  if (s->words < (uint32_t)o->min_sentence_words ||
      s->words > (uint32_t)o->max_sentence_words ||
      (s->flags & (BF_SENT_FRAGMENT | BF_SENT_HEADLINE | BF_SENT_QUESTION |
                   BF_SENT_DANGLING | BF_SENT_BARE_QUOTE)) ||
      sel->words + words > budget)
    return 0;
  for (size_t j = 0; j < sel->n; j++) {
    uint32_t other = sel->picks[j].sent;
    if (c->dups->group[other] == c->dups->group[q] ||
        bf_sentence_overlap(c->st, other, q) > MAX_OVERLAP)
      return 0;
  }
  return 1;
}

/* Non-zero when support `h` states the whole sentence with sentence si
 * alone. */
static int through(const bf_support *h, uint32_t si) {
  return h->kind == BF_SUPPORT_FULL && h->nsents == 1 && h->sents[0] == si;
}

/* The alternatives to a sentence: the sentence by which another article
 * states all of it, best-supported articles first. */
static size_t alternatives(const prefer_ctx *c, uint32_t si, uint32_t *out) {
  size_t n = 0;
  for (uint32_t a = 0; a < c->st->articles.n; a++) {
    const bf_support *h = &c->how[a];
    if (a == c->st->sents.v[si].article || h->kind != BF_SUPPORT_FULL ||
        h->nsents != 1)
      continue;
    size_t at = n < MAX_ALTERNATIVES ? n++ : MAX_ALTERNATIVES;
    while (at > 0 &&
           c->how[c->st->sents.v[out[at - 1]].article].share < h->share) {
      if (at < MAX_ALTERNATIVES)
        out[at] = out[at - 1];
      at--;
    }
    if (at < MAX_ALTERNATIVES)
      out[at] = h->sents[0];
  }
  return n;
}

uint32_t bf_prefer_wording(bf_prefer *c, uint32_t si, const bf_selection *sel,
                           size_t budget) {
  const uint16_t leans = BF_SENT_DANGLING | BF_SENT_BARE_QUOTE;
  if (c->st->sents.v[si].flags & leans)
    return si; /* taken with the sentence it leans on */
  uint32_t own = c->st->sents.v[si].article;
  standing best, s;
  if (standing_of(c, si, &best))
    return si; /* out of memory: the sentence as selected */
  uint32_t alt[MAX_ALTERNATIVES], chosen = si;
  size_t n = alternatives(c, si, alt);
  bf_compressed comp;
  for (size_t i = 0; i < n; i++) {
    if (!fits(c, alt[i], cost(c, alt[i], &comp), sel, budget) ||
        standing_of(c, alt[i], &s))
      continue;
    /* the same facts: each sentence states all of the other */
    if (through(&c->how[own], si) && better(&s, &best)) {
      best = s;
      chosen = alt[i];
    }
  }
  return chosen;
}

brief_status bf_prefer_new(const brief_story *st, bf_support_index *ix,
                           const bf_dups *dups, const brief_facts *facts,
                           const brief_options *opts, bf_prefer **out,
                           brief_error *err) {
  bf_prefer *c = calloc(1, sizeof *c);
  if (c)
    c->how = malloc((st->articles.n + 1) * sizeof *c->how);
  if (!c || !c->how) {
    free(c);
    return bf_fail(err, BRIEF_ERR_NOMEM, "prefer: out of memory");
  }
  c->st = st;
  c->ix = ix;
  c->dups = dups;
  c->facts = facts;
  c->opts = opts;
  *out = c;
  return BRIEF_OK;
}

void bf_prefer_free(bf_prefer *c) {
  if (!c)
    return;
  free(c->how);
  free(c);
}
