/*
 * select.c - the select stage: which sentences make the summary.
 *
 * Owns content selection. The objective is concept coverage: the summary's
 * value is the sum of the weights of the distinct concepts it contains,
 * each weight being the weigh stage's probability that a human summary
 * holds the concept, plus a per-sentence quality term. Coverage is
 * monotone submodular and the quality term modular, so lazy
 * greedy by gain per word, compared with the best single sentence, keeps
 * the (1 - 1/e)/2 guarantee of budgeted maximum coverage (Khuller, Moss and
 * Naor 1999) while evaluating few sentences. Near-duplicate groups give one
 * candidate slot: once a member is chosen the others are not. A sentence
 * that opens with a connective or pronoun, or a quotation whose speaker is
 * not in it, is taken only right after the sentence it depends on. With
 * compression on, a sentence is worth the concepts its cuts leave and
 * costs the words they leave. The wording of each fact taken is the prefer
 * stage's choice. The lead baselines live here too.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Gain is divided by words^LENGTH_EXPONENT: below 1 it favours longer,
 * richer sentences over many short fragments (tuned on DUC 2002). */
#define LENGTH_EXPONENT 0.7
/* A candidate whose content stems are mostly in the summary already adds
 * words, not information. */
#define MAX_REDUNDANCY 0.6

typedef struct heap_item {
  double ratio;
  uint32_t sent;
  uint32_t stamp; /* selection round when the ratio was computed */
} heap_item;

typedef struct selector {
  const brief_story *st;
  const bf_dups *dups;
  const brief_options *opts;
  double *weight;       /* per concept id - 1 */
  uint8_t *covered;     /* per concept id - 1 */
  uint8_t *chosen;      /* per sentence */
  uint8_t *group_taken; /* per sentence (group root) */
  bf_compressed *comp;  /* per sentence when compressing, else NULL */
  uint8_t *kept;        /* per concept entry when compressing: not cut */
  uint32_t *stem_seen;  /* per stem: 1 when in the summary, else a stamp */
  double *quality;      /* per sentence: estimated share kept by a summary */
  uint32_t stamp;
  BF_VEC(heap_item) heap;
  uint32_t round;
  bf_prefer *prefer; /* chooses among wordings of a fact, or NULL */

  const bf_focus *focus; /* the question the brief answers, or NULL */
  double quality_weight; /* what a unit of quality per word is worth */
} selector;

/* Words a sentence costs: after compression when it is on. */
static uint32_t words_of(const selector *sl, uint32_t i) {
  return sl->comp ? sl->comp[i].words : sl->st->sents.v[i].words;
}

/* A dangling opener ("But", "He") needs its antecedent, unless compression
 * cut a connective and what is left opens with an article or a name. */
static int dangling(const selector *sl, uint32_t i) {
  const bf_sentence *s = &sl->st->sents.v[i];
  if (s->flags & BF_SENT_BARE_QUOTE)
    return 1; /* its speaker is named in the sentence before */
  if (!(s->flags & BF_SENT_DANGLING))
    return 0;
  if (!sl->comp || !sl->comp[i].capitalise)
    return 1;
  const char *text = sl->st->articles.v[s->article].text;
  for (uint32_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &sl->st->toks.v[s->tok_first + k];
    if (t->start < sl->comp[i].cuts[0].end || !(t->flags & BF_TOK_WORD))
      continue;
    int article = (t->len == 3 && strncmp(text + t->start, "the", 3) == 0) ||
                  (t->len == 1 && text[t->start] == 'a') ||
                  (t->len == 2 && strncmp(text + t->start, "an", 2) == 0);
    return !(article || ((t->flags & BF_TOK_CAP) && !(t->flags & BF_TOK_STOP)));
  }
  return 1;
}

/* ---- weights ------------------------------------------------------------- */

/* Concept weights are the weigh stage's probabilities; a unigram counts
 * BF_UNIGRAM_SCALE of a bigram. A sentence also earns its estimated
 * quality per word, which prefers the well-formed lead-like sentence among
 * those covering the same concepts; the weight was tuned on the
 * development sets (docs/quality.md). A brief that answers a question
 * leans more on it: its sentence model, fitted on answers, tells the
 * sentences that answer from those that only share the story's words. */
#define QUALITY_WEIGHT 0.3
#define FOCUSED_QUALITY_WEIGHT 0.5

static int compute_weights(selector *sl) {
  const brief_story *st = sl->st;
  size_t nc = st->n_concepts;
  int focused = sl->focus && sl->focus->nquery;
  const bf_model *m = focused ? bf_focused_model() : bf_default_model();
  sl->quality_weight = focused ? FOCUSED_QUALITY_WEIGHT : QUALITY_WEIGHT;
  double *p = malloc((nc + 1) * sizeof *p);
  sl->weight = malloc((nc + 1) * sizeof *sl->weight);
  sl->quality = malloc((st->sents.n + 1) * sizeof *sl->quality);
  int rc =
      (p && sl->weight && sl->quality &&
       bf_concept_probabilities(st, st->articles.n, sl->focus, m, p) == 0 &&
       bf_sentence_qualities(st, m, sl->focus, p, sl->quality) == 0)
          ? 0
          : -1;
  for (size_t c = 0; rc == 0 && c < nc; c++)
    sl->weight[c] = p[c] * bf_concept_worth(st->concept_kind.v[c]);
  free(p);
  return rc;
}

/* ---- eligibility -----------------------------------------------------------
 */

static int predecessor_chosen(const selector *sl, uint32_t i) {
  const bf_sentence *s = &sl->st->sents.v[i];
  return s->pos > 0 && sl->chosen[i - 1];
}

static int eligible(const selector *sl, uint32_t i) {
  const bf_sentence *s = &sl->st->sents.v[i];
  const brief_options *o = sl->opts;
  if (s->words < (uint32_t)o->min_sentence_words ||
      s->words > (uint32_t)o->max_sentence_words)
    return 0;
  /* Quotations are welcome: human summaries quote sources, and a quote
   * with its speaker reads on its own (a bare one is dangling). */
  if (s->flags & (BF_SENT_FRAGMENT | BF_SENT_HEADLINE | BF_SENT_QUESTION))
    return 0;
  return 1;
}

/* Whether the sentence as it will be printed still holds its k-th
 * concept: a cut takes its concepts with it. */
static int concept_kept(const selector *sl, const bf_sentence *s, uint32_t k) {
  return !sl->kept || sl->kept[s->concept_first + k];
}

static double gain_of(const selector *sl, uint32_t i) {
  const bf_sentence *s = &sl->st->sents.v[i];
  double g = 0;
  for (uint32_t k = 0; k < s->concept_count; k++) {
    uint32_t c = sl->st->concepts.v[s->concept_first + k] - 1;
    if (!sl->covered[c] && concept_kept(sl, s, k))
      g += sl->weight[c];
  }
  if (g > 0)
    g += sl->quality_weight * sl->quality[i] * words_of(sl, i);
  return g;
}

static double ratio_of(const selector *sl, uint32_t i, double gain) {
  double words = words_of(sl, i);
  return gain / pow(words > 0 ? words : 1, LENGTH_EXPONENT);
}

/* Share of a sentence's distinct content stems already in the summary.
 * Coverage alone lets a short sentence that repeats a chosen one in
 * other words slip in on one new bigram; this catches it. */
static double redundancy(selector *sl, uint32_t i) {
  const bf_sentence *s = &sl->st->sents.v[i];
  size_t total = 0, seen = 0;
  uint32_t stamp = ++sl->stamp + 1;
  for (uint32_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &sl->st->toks.v[s->tok_first + k];
    if (!t->stem || (t->flags & BF_TOK_STOP) || sl->stem_seen[t->stem] == stamp)
      continue;
    if (sl->stem_seen[t->stem] == 1)
      seen++;
    else
      sl->stem_seen[t->stem] = stamp;
    total++;
  }
  return total ? (double)seen / (double)total : 1.0;
}

/* ---- a max-heap of candidates ----------------------------------------------
 */

static int heap_push(selector *sl, heap_item it) {
  if (BF_VEC_PUSH(sl->heap, it))
    return -1;
  size_t i = sl->heap.n - 1;
  heap_item *h = sl->heap.v;
  while (i > 0) {
    size_t p = (i - 1) / 2;
    if (h[p].ratio > h[i].ratio ||
        (h[p].ratio == h[i].ratio && h[p].sent < h[i].sent))
      break;
    heap_item t = h[p];
    h[p] = h[i];
    h[i] = t;
    i = p;
  }
  return 0;
}

static heap_item heap_pop(selector *sl) {
  heap_item *h = sl->heap.v, top = h[0];
  h[0] = h[--sl->heap.n];
  size_t i = 0, n = sl->heap.n;
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < n && (h[l].ratio > h[m].ratio ||
                  (h[l].ratio == h[m].ratio && h[l].sent < h[m].sent)))
      m = l;
    if (r < n && (h[r].ratio > h[m].ratio ||
                  (h[r].ratio == h[m].ratio && h[r].sent < h[m].sent)))
      m = r;
    if (m == i)
      break;
    heap_item t = h[m];
    h[m] = h[i];
    h[i] = t;
    i = m;
  }
  return top;
}

/* ---- greedy
 * ------------------------------------------------------------------ */

/* The first copy of sentence i, word for word, in the story: a sentence a
 * syndicated copy repeats is taken from the article it came from. Copies
 * share i's near-duplicate group, whose root is its earliest member. */
static uint32_t first_copy(const selector *sl, uint32_t i) {
  const brief_story *st = sl->st;
  const bf_sentence *s = &st->sents.v[i];
  size_t len = s->end - s->start;
  for (uint32_t j = sl->dups->group[i]; j < i; j++) {
    const bf_sentence *c = &st->sents.v[j];
    if (sl->dups->group[j] != sl->dups->group[i] || c->end - c->start != len ||
        memcmp(bf_sent_text(st, c), bf_sent_text(st, s), len) != 0)
      continue;
    if (!dangling(sl, j) || predecessor_chosen(sl, j))
      return j;
  }
  return i;
}

static int take(selector *sl, bf_selection *out, uint32_t i, double gain) {
  const bf_sentence *s = &sl->st->sents.v[i];
  bf_pick p;
  memset(&p, 0, sizeof p);
  p.sent = i;
  p.gain = gain;
  if (sl->comp)
    p.comp = sl->comp[i];
  bf_pick *np = realloc(out->picks, (out->n + 1) * sizeof *np);
  if (!np)
    return -1;
  out->picks = np;
  out->picks[out->n++] = p;
  out->words += words_of(sl, i);
  sl->chosen[i] = 1;
  sl->group_taken[sl->dups->group[i]] = 1;
  for (uint32_t k = 0; k < s->concept_count; k++)
    if (concept_kept(sl, s, k))
      sl->covered[sl->st->concepts.v[s->concept_first + k] - 1] = 1;
  for (uint32_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &sl->st->toks.v[s->tok_first + k];
    if (t->stem && !(t->flags & BF_TOK_STOP))
      sl->stem_seen[t->stem] = 1;
  }
  sl->round++;
  /* A dependent next sentence becomes a candidate now. */
  uint32_t nx = i + 1;
  if (nx < sl->st->sents.n && sl->st->sents.v[nx].article == s->article &&
      dangling(sl, nx) && eligible(sl, nx)) {
    double g = gain_of(sl, nx);
    if (g > 0 && heap_push(sl, (heap_item){ratio_of(sl, nx, g), nx, 0}))
      return -1;
  }
  return 0;
}

static int greedy(selector *sl, bf_selection *out, size_t budget) {
  const brief_story *st = sl->st;
  for (uint32_t i = 0; i < st->sents.n; i++) {
    if (!eligible(sl, i) || dangling(sl, i))
      continue;
    double g = gain_of(sl, i);
    if (g > 0 && heap_push(sl, (heap_item){ratio_of(sl, i, g), i, 0}))
      return -1;
  }
  while (sl->heap.n) {
    heap_item it = heap_pop(sl);
    uint32_t i = it.sent;
    if (sl->chosen[i] || sl->group_taken[sl->dups->group[i]])
      continue;
    if (out->words + words_of(sl, i) > budget)
      continue;
    if (dangling(sl, i) && !predecessor_chosen(sl, i))
      continue;
    if (it.stamp != sl->round) {
      double g = gain_of(sl, i);
      if (g <= 0)
        continue;
      it.ratio = ratio_of(sl, i, g);
      it.stamp = sl->round;
      if (heap_push(sl, it))
        return -1;
      continue;
    }
    if (redundancy(sl, i) > MAX_REDUNDANCY)
      continue;
    i = first_copy(sl, i);
    if (sl->prefer)
      i = bf_prefer_wording(sl->prefer, i, out, budget);
    if (take(sl, out, i, gain_of(sl, i)))
      return -1;
  }
  return 0;
}

/* The best single sentence, when it beats the greedy set (the step that
 * gives greedy its guarantee under a budget). */
static int best_singleton(selector *sl, bf_selection *out, size_t budget) {
  const brief_story *st = sl->st;
  double total = 0, best = 0;
  uint32_t best_i = UINT32_MAX;
  for (size_t k = 0; k < out->n; k++)
    total += out->picks[k].gain;
  memset(sl->covered, 0, st->n_concepts);
  for (uint32_t i = 0; i < st->sents.n; i++) {
    if (!eligible(sl, i) || dangling(sl, i) || words_of(sl, i) > budget)
      continue;
    double g = gain_of(sl, i);
    if (g > best)
      best = g, best_i = i;
  }
  if (best_i == UINT32_MAX || best <= total)
    return 0;
  free(out->picks);
  out->picks = NULL;
  out->n = out->words = 0;
  memset(sl->chosen, 0, st->sents.n);
  memset(sl->stem_seen, 0, (st->lex.n + 1) * sizeof *sl->stem_seen);
  sl->stamp = 1;
  if (sl->prefer)
    best_i = bf_prefer_wording(sl->prefer, best_i, out, budget);
  return take(sl, out, best_i, best);
}

/* ---- lead baselines
 * ----------------------------------------------------------- */

/* Articles by date (unknown dates first), then by input order. */
static int articles_by_age(const brief_story *st, uint32_t **out) {
  uint32_t *order = malloc((st->articles.n + 1) * sizeof *order);
  if (!order)
    return -1;
  for (uint32_t i = 0; i < st->articles.n; i++)
    order[i] = i;
  /* Insertion sort: qsort's comparator could not see the story without a
   * global, and runs of equal or sorted dates make this near-linear. */
  for (size_t i = 1; i < st->articles.n; i++) {
    uint32_t v = order[i];
    size_t j = i;
    while (j > 0) {
      const bf_article *x = &st->articles.v[order[j - 1]];
      const bf_article *y = &st->articles.v[v];
      if (x->day < y->day || (x->day == y->day && order[j - 1] < v))
        break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = v;
  }
  *out = order;
  return 0;
}

static int push_plain(bf_selection *out, const brief_story *st, uint32_t i) {
  bf_pick *np = realloc(out->picks, (out->n + 1) * sizeof *np);
  if (!np)
    return -1;
  out->picks = np;
  bf_pick p;
  memset(&p, 0, sizeof p);
  p.sent = i;
  out->picks[out->n++] = p;
  out->words += st->sents.v[i].words;
  return 0;
}

/* Baselines fill the budget and may overrun it with their last sentence,
 * like "the first N words" that ROUGE then cuts. */
static int lead_baseline(const brief_story *st, size_t budget,
                         bf_selection *out) {
  uint32_t *order;
  if (articles_by_age(st, &order))
    return -1;
  const bf_article *a = &st->articles.v[order[st->articles.n - 1]];
  free(order);
  for (uint32_t k = 0; k < a->sent_count && out->words < budget; k++)
    if (push_plain(out, st, a->sent_first + k))
      return -1;
  return 0;
}

static int round_robin(const brief_story *st, size_t budget, int newest,
                       bf_selection *out) {
  uint32_t *order;
  if (articles_by_age(st, &order))
    return -1;
  size_t n = st->articles.n;
  for (uint32_t pos = 0; out->words < budget; pos++) {
    int any = 0;
    for (size_t k = 0; k < n && out->words < budget; k++) {
      const bf_article *a = &st->articles.v[order[newest ? n - 1 - k : k]];
      if (pos >= a->sent_count)
        continue;
      any = 1;
      if (push_plain(out, st, a->sent_first + pos)) {
        free(order);
        return -1;
      }
    }
    if (!any)
      break;
  }
  free(order);
  return 0;
}

/* Every sentence's cuts, and which of its concepts survive them. */
static int compress_all(selector *sl) {
  const brief_story *st = sl->st;
  sl->comp = malloc((st->sents.n + 1) * sizeof *sl->comp);
  sl->kept = malloc(st->concepts.n + 1);
  if (!sl->comp || !sl->kept)
    return -1;
  memset(sl->kept, 1, st->concepts.n + 1);
  for (uint32_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    bf_compress_sentence(st, i, &sl->comp[i]);
    if (sl->comp[i].ncuts &&
        bf_compressed_concepts(st, i, &sl->comp[i],
                               sl->kept + s->concept_first))
      return -1;
  }
  return 0;
}

/* ---- entry -----------------------------------------------------------------
 */

brief_status bf_select(const brief_story *st, const bf_dups *dups,
                       bf_prefer *prefer, const brief_options *opts,
                       const bf_focus *focus, bf_selection *out,
                       brief_error *err) {
  memset(out, 0, sizeof *out);
  size_t budget = (size_t)opts->words;
  int rc = 0;
  switch (opts->selector) {
  case BRIEF_SELECT_LEAD:
    rc = lead_baseline(st, budget, out);
    break;
  case BRIEF_SELECT_RR_OLDEST:
  case BRIEF_SELECT_RR_NEWEST:
    rc = round_robin(st, budget, opts->selector == BRIEF_SELECT_RR_NEWEST, out);
    break;
  case BRIEF_SELECT_GREEDY: {
    selector sl;
    memset(&sl, 0, sizeof sl);
    sl.st = st;
    sl.dups = dups;
    sl.prefer = prefer;
    sl.opts = opts;
    sl.focus = focus;
    sl.covered = calloc(st->n_concepts + 1, 1);
    sl.chosen = calloc(st->sents.n + 1, 1);
    sl.group_taken = calloc(st->sents.n + 1, 1);
    sl.stem_seen = calloc(st->lex.n + 1, sizeof *sl.stem_seen);
    if (opts->compress && compress_all(&sl))
      rc = -1;
    sl.stamp = 1;
    rc = (rc || !sl.covered || !sl.chosen || !sl.group_taken || !sl.stem_seen ||
          compute_weights(&sl) || greedy(&sl, out, budget) ||
          best_singleton(&sl, out, budget))
             ? -1
             : 0;
    free(sl.weight);
    free(sl.quality);
    free(sl.covered);
    free(sl.chosen);
    free(sl.group_taken);
    free(sl.stem_seen);
    free(sl.comp);
    free(sl.kept);
    BF_VEC_FREE(sl.heap);
    break;
  }
  default:
    return bf_fail(err, BRIEF_ERR_ARG, "unknown selector %d", opts->selector);
  }
  if (rc) {
    bf_selection_release(out);
    return bf_fail(err, BRIEF_ERR_NOMEM, "select: out of memory");
  }
  return BRIEF_OK;
}

void bf_selection_release(bf_selection *sel) {
  for (size_t i = 0; i < sel->n; i++) {
    free(sel->picks[i].sources);
    free(sel->picks[i].cites);
  }
  free(sel->picks);
  memset(sel, 0, sizeof *sel);
}
