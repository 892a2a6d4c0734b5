/*
 * summary.c - brief_summarize: runs the stages and owns the result.
 *
 * segment -> analyse -> facts -> (focus) -> dedup -> select -> prefer ->
 * cite -> order, then copies the chosen sentences, their citations with
 * the spans that support them, and their relative times resolved into a
 * brief_summary that outlives the story.
 */
#include "core/error.h"
#include "facts/facts.h"
#include "pipeline/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one summary sentence owns besides its view. */
typedef struct sentence_store {
  char *text;
  size_t *sources, *partial, *conflicts;
  brief_support_view *support;
  brief_time_view *times;
  char (*dates)[11];
  char (*shown)[BF_DATE_SHOWN_MAX];
} sentence_store;

struct brief_summary {
  brief_sentence_view *sents;
  sentence_store *store;
  size_t n;
  size_t words;
};

#define MAX_CLOSER_BYTES 3 /* ” and » are 3 and 2 bytes of UTF-8 */

/* The mark that closes a quotation sentence i leaves open at its
 * paragraph's end, or NULL. Newswire leaves a quote open there when the
 * speaker goes on in the next paragraph; the brief prints the sentence
 * alone, so it closes the quote. */
static const char *unclosed_quote(const brief_story *st, uint32_t i) {
  const bf_sentence *s = &st->sents.v[i];
  const bf_token *open = NULL;
  if (i + 1 < st->sents.n && st->sents.v[i + 1].article == s->article &&
      st->sents.v[i + 1].para == s->para)
    return NULL; /* the quote goes on in the paragraph's next sentence */
  for (uint32_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &st->toks.v[s->tok_first + k];
    if (t->flags & BF_TOK_OPENQ)
      open = t;
    else if (t->flags & BF_TOK_CLOSEQ)
      open = NULL;
  }
  if (!open)
    return NULL;
  const char *q = st->articles.v[s->article].text + open->start;
  if (open->len == 2 && q[0] == '`')
    return "''";
  if (open->len == 2 && (unsigned char)q[0] == 0xC2) /* « */
    return "\xc2\xbb";
  if (open->len == 3) /* “ or „ */
    return "\xe2\x80\x9d";
  return "\"";
}

void brief_options_init(brief_options *o) {
  memset(o, 0, sizeof *o);
  o->words = 250;
  o->auto_words = 0;
  o->facts = 0;
  o->selector = BRIEF_SELECT_GREEDY;
  o->dup_threshold = 0.5;
  o->compress = 0;
  o->min_sentence_words = 6;
  o->max_sentence_words = 60;
  o->wordnet_dir = NULL;
  o->query = NULL;
  o->wordnet = NULL;
}

brief_status brief_options_check(const brief_options *o, brief_error *err) {
  if (!o)
    return bf_fail(err, BRIEF_ERR_ARG, "options: NULL");
  if (o->words <= 0 && !o->auto_words)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "word budget must be a positive number (got %d)", o->words);
  if (o->words > BRIEF_MAX_WORDS)
    return bf_fail(err, BRIEF_ERR_ARG, "word budget %d is over %d", o->words,
                   BRIEF_MAX_WORDS);
  if (o->dup_threshold <= 0 || o->dup_threshold > 1)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "near-duplicate threshold must be in (0, 1] (got %g)",
                   o->dup_threshold);
  if (o->min_sentence_words < 1 ||
      o->max_sentence_words < o->min_sentence_words)
    return bf_fail(err, BRIEF_ERR_ARG, "sentence length bounds %d..%d invalid",
                   o->min_sentence_words, o->max_sentence_words);
  if (o->selector < BRIEF_SELECT_GREEDY || o->selector > BRIEF_SELECT_RR_NEWEST)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown selector %d", o->selector);
  if (o->query) {
    brief_status s = bf_focus_check_query(o->query, err);
    if (s != BRIEF_OK)
      return s;
  }
  bf_ok(err);
  return BRIEF_OK;
}

/* The budget --words auto picks. Human multi-document summaries grow
 * slowly with the input: on the Multi-News development set their length
 * follows about 62 * W^0.17 for W input words (correlation 0.38). ROUGE F1
 * peaks a little above the reference length, hence the factor 72. */
static int auto_budget(const brief_story *st) {
  size_t total = 0;
  for (size_t i = 0; i < st->articles.n; i++)
    total += st->articles.v[i].words;
  double w = 72.0 * pow((double)total + 1.0, 0.17);
  return (int)(w < 100 ? 100 : w > 400 ? 400 : w);
}

/* ---- relative times ------------------------------------------------------
 */

/* A relative time of a pick as the summary shows it. */
typedef struct pick_time {
  size_t start, end; /* in the sentence's text */
  const char *date;  /* the facts' resolution, "" when open */
} pick_time;

/* The relative times of pick p that a reader needs resolved: not cut by
 * compression, and not followed by the date itself ("Friday, July 6").
 * Writes up to `cap`; returns how many. */
static size_t relative_times(const brief_story *st, const brief_facts *f,
                             const bf_pick *p, pick_time *out, size_t cap) {
  const bf_date_mention *d;
  size_t nd = bf_facts_dates_of(f, p->sent, &d), n = 0;
  const bf_sentence *s = &st->sents.v[p->sent];
  for (size_t i = 0; i < nd && n < cap; i++) {
    if (!d[i].relative ||
        (i + 1 < nd && !d[i + 1].relative && d[i + 1].tok_b <= d[i].tok_e + 1))
      continue;
    const bf_token *a = &st->toks.v[d[i].tok_b];
    const bf_token *b = &st->toks.v[d[i].tok_e - 1];
    long ts = (long)a->start - s->start,
         te = (long)(b->start + b->len) - s->start;
    if (p->comp.ncuts) {
      ts = bf_compressed_offset(st, p->sent, &p->comp, a->start);
      te = bf_compressed_offset(st, p->sent, &p->comp, b->start + b->len - 1);
      if (ts < 0 || te < 0)
        continue;
      te++;
    }
    out[n++] = (pick_time){(size_t)ts, (size_t)te, d[i].date};
  }
  return n;
}

/* Marks the picks whose relative times stay open in a story that has
 * dates: they do not lead. When no article is dated, no sentence can be
 * placed in time and the most important one still opens the summary. */
static void mark_unanchored(const brief_story *st, const brief_facts *f,
                            bf_selection *sel) {
  pick_time t[8];
  int dated = 0;
  for (size_t a = 0; a < st->articles.n; a++)
    dated |= st->articles.v[a].day != BF_NO_DAY;
  for (size_t i = 0; dated && i < sel->n; i++) {
    bf_pick *p = &sel->picks[i];
    size_t n = relative_times(st, f, p, t, sizeof t / sizeof *t);
    p->unanchored = 0;
    for (size_t k = 0; k < n; k++)
      p->unanchored |= !*t[k].date;
  }
}

/* ---- the result -------------------------------------------------------------
 */

/* The sentence's text, cut when compressed, with a closing quote mark
 * when its quotation is left open. */
static char *sentence_text(const brief_story *st, const bf_pick *p,
                           size_t *len) {
  const bf_sentence *s = &st->sents.v[p->sent];
  const char *closer = unclosed_quote(st, p->sent);
  char *text = malloc(s->end - s->start + MAX_CLOSER_BYTES + 1);
  if (!text)
    return NULL;
  *len = s->end - s->start;
  if (p->comp.ncuts) {
    *len = bf_compressed_text(st, p->sent, &p->comp, text);
  } else {
    memcpy(text, bf_sent_text(st, s), *len);
    text[*len] = '\0';
  }
  if (closer) {
    strcpy(text + *len, closer);
    *len += strlen(closer);
  }
  return text;
}

static brief_support public_support(uint8_t kind) {
  return kind == BF_SUPPORT_PARTIAL    ? BRIEF_SUPPORT_PARTIAL
         : kind == BF_SUPPORT_CONFLICT ? BRIEF_SUPPORT_CONFLICT
                                       : BRIEF_SUPPORT_FULL;
}

/* Sources, partial and conflicting articles, and each stand's spans. */
static int fill_citations(const brief_story *st, const bf_pick *p,
                          brief_sentence_view *v, sentence_store *o) {
  o->sources = malloc((p->nsources + 1) * sizeof *o->sources);
  o->partial = malloc((p->ncites + 1) * sizeof *o->partial);
  o->conflicts = malloc((p->ncites + 1) * sizeof *o->conflicts);
  o->support = malloc((p->ncites + 1) * sizeof *o->support);
  if (!o->sources || !o->partial || !o->conflicts || !o->support)
    return -1;
  for (uint32_t k = 0; k < p->nsources; k++)
    o->sources[k] = p->sources[k];
  size_t np = 0, nc = 0;
  for (uint32_t k = 0; k < p->ncites; k++) {
    const bf_citation *c = &p->cites[k];
    brief_support_view *sv = &o->support[k];
    memset(sv, 0, sizeof *sv);
    sv->article = c->article;
    sv->support = public_support(c->how.kind);
    sv->share = c->how.share;
    sv->span_count = c->how.nsents;
    for (uint8_t j = 0; j < c->how.nsents && j < 2; j++) {
      sv->start[j] = st->sents.v[c->how.sents[j]].start;
      sv->end[j] = st->sents.v[c->how.sents[j]].end;
    }
    if (sv->support == BRIEF_SUPPORT_PARTIAL)
      o->partial[np++] = c->article;
    else if (sv->support == BRIEF_SUPPORT_CONFLICT)
      o->conflicts[nc++] = c->article;
  }
  v->sources = o->sources;
  v->source_count = p->nsources;
  v->partial_sources = o->partial;
  v->partial_count = np;
  v->conflict_sources = o->conflicts;
  v->conflict_count = nc;
  v->support = o->support;
  v->support_count = p->ncites;
  return 0;
}

/* The pick's relative times with the dates they resolve to. */
static int fill_times(const brief_story *st, const brief_facts *f,
                      const bf_pick *p, brief_sentence_view *v,
                      sentence_store *o) {
  pick_time t[8];
  size_t n = relative_times(st, f, p, t, sizeof t / sizeof *t);
  const bf_article *a = &st->articles.v[st->sents.v[p->sent].article];
  bf_date day = {0, 0, 0};
  if (a->day != BF_NO_DAY)
    bf_civil_from_days(a->day, &day);
  o->times = malloc((n + 1) * sizeof *o->times);
  o->dates = malloc((n + 1) * sizeof *o->dates);
  o->shown = malloc((n + 1) * sizeof *o->shown);
  if (!o->times || !o->dates || !o->shown)
    return -1;
  for (size_t k = 0; k < n; k++) {
    snprintf(o->dates[k], sizeof o->dates[k], "%s", t[k].date);
    bf_date_shown(o->dates[k], day.year, o->shown[k]);
    o->times[k] =
        (brief_time_view){t[k].start, t[k].end, o->dates[k], o->shown[k]};
  }
  v->times = o->times;
  v->time_count = n;
  return 0;
}

static brief_status build_summary(const brief_story *st, const brief_facts *f,
                                  const bf_selection *sel,
                                  brief_summary **out) {
  brief_summary *sum = calloc(1, sizeof *sum);
  if (!sum)
    return BRIEF_ERR_NOMEM;
  sum->sents = calloc(sel->n + 1, sizeof *sum->sents);
  sum->store = calloc(sel->n + 1, sizeof *sum->store);
  if (!sum->sents || !sum->store)
    goto oom;
  for (size_t i = 0; i < sel->n; i++) {
    const bf_pick *p = &sel->picks[i];
    const bf_sentence *s = &st->sents.v[p->sent];
    brief_sentence_view *v = &sum->sents[i];
    sentence_store *o = &sum->store[i];
    sum->n++;
    size_t len;
    if (!(o->text = sentence_text(st, p, &len)) ||
        fill_citations(st, p, v, o) || fill_times(st, f, p, v, o))
      goto oom;
    v->text = o->text;
    v->text_len = len;
    v->article = s->article;
    v->position = s->pos;
    v->start = s->start;
    v->end = s->end;
    v->score = p->gain;
    sum->words += p->comp.ncuts ? p->comp.words : s->words;
  }
  *out = sum;
  return BRIEF_OK;
oom:
  brief_summary_free(sum);
  return BRIEF_ERR_NOMEM;
}

#define NO_SENTENCE_WARNING                                                    \
  "no sentence qualifies for a summary (each is under %d words, a "            \
  "fragment, a headline, a question or a quotation without its speaker)"

/* The focus of the options' question, with the warnings it calls for: a
 * question cut at its limit, and one whose words are not in the story
 * (whose brief is then generic). */
static brief_status build_focus(brief_story *st, const brief_options *o,
                                bf_focus *focus, brief_error *err) {
  brief_status status =
      bf_focus_build(st, o->query, st->articles.n, focus, err);
  if (status != BRIEF_OK || !o->query)
    return status;
  if (focus->read_bytes < focus->query_bytes)
    bf_story_warn_once(st,
                       "query: %zu bytes, over the limit of %d: only its "
                       "first %zu bytes are read",
                       focus->query_bytes, BRIEF_MAX_QUERY_BYTES,
                       focus->read_bytes);
  if (!focus->nquery)
    bf_story_warn_once(st, BF_QUERY_NOT_FOUND_WARNING);
  return BRIEF_OK;
}

/* Chooses, cites and orders the summary's sentences, from the story's
 * facts, near-duplicate groups, WordNet (NULL: without it) and the
 * options' question. */
static brief_status choose(brief_story *st, const brief_facts *f,
                           const brief_wordnet *wn, const brief_options *o,
                           bf_selection *sel, brief_error *err) {
  bf_dups dups;
  bf_focus focus;
  bf_support_index *ix = NULL;
  bf_prefer *pf = NULL;
  brief_status status = build_focus(st, o, &focus, err);
  if (status != BRIEF_OK)
    return status;
  if ((status = bf_find_duplicates(st, o->dup_threshold, &dups, err))) {
    bf_focus_release(&focus);
    return status;
  }
  if ((status = bf_support_index_new(st, f, wn, &ix, err)) == BRIEF_OK &&
      (status = bf_prefer_new(st, ix, &dups, f, o, &pf, err)) == BRIEF_OK &&
      (status = bf_select(st, &dups, pf, o, &focus, sel, err)) == BRIEF_OK &&
      (status = bf_cite(st, ix, sel, err)) == BRIEF_OK) {
    mark_unanchored(st, f, sel);
    bf_order(st, sel);
  }
  bf_prefer_free(pf);
  bf_support_index_free(ix);
  bf_focus_release(&focus);
  bf_dups_release(&dups);
  return status;
}

brief_status brief_summarize(brief_story *st, const brief_options *opts,
                             brief_summary **out, brief_error *err) {
  brief_options defaults;
  if (!st || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_summarize: NULL argument");
  *out = NULL;
  if (!opts) {
    brief_options_init(&defaults);
    opts = &defaults;
  }
  brief_status status = brief_options_check(opts, err);
  if (status != BRIEF_OK)
    return status;
  if (st->articles.n == 0)
    return bf_fail(err, BRIEF_ERR_EMPTY, "no articles to summarize");
  brief_options o = *opts;
  if (o.auto_words)
    o.words = auto_budget(st);
  if ((status = bf_analyse_story(st, err)) != BRIEF_OK)
    return status;
  /* one WordNet for the facts' names and the citations' synonyms */
  brief_wordnet *owned;
  const brief_wordnet *wn = bf_facts_wordnet(st, &o, &owned);
  brief_facts *f = NULL;
  bf_selection sel;
  memset(&sel, 0, sizeof sel);
  if ((status = bf_facts_extract_with(st, wn, &f, err)) == BRIEF_OK)
    status = choose(st, f, wn, &o, &sel, err);
  if (status == BRIEF_OK) {
    status = build_summary(st, f, &sel, out);
    if (status != BRIEF_OK)
      bf_fail(err, status, "summary: out of memory");
    else if (sel.n == 0)
      bf_story_warn_once(st, NO_SENTENCE_WARNING, o.min_sentence_words);
  }
  bf_selection_release(&sel);
  brief_facts_free(f);
  brief_wordnet_close(owned);
  if (status == BRIEF_OK)
    bf_ok(err);
  return status;
}

int bf_summary_add_source(brief_summary *sum, size_t i, size_t article) {
  brief_sentence_view *v = &sum->sents[i];
  sentence_store *o = &sum->store[i];
  for (size_t k = 0; k < v->source_count; k++)
    if (v->sources[k] == article)
      return 0;
  size_t *src = realloc(o->sources, (v->source_count + 1) * sizeof *src);
  if (!src)
    return -1;
  o->sources = src;
  brief_support_view *sup =
      realloc(o->support, (v->support_count + 1) * sizeof *sup);
  if (!sup)
    return -1;
  o->support = sup;
  /* Found beyond the briefed articles: a full source, with no span of a
   * text the story holds. */
  memset(&sup[v->support_count], 0, sizeof *sup);
  sup[v->support_count].article = article;
  sup[v->support_count].support = BRIEF_SUPPORT_FULL;
  sup[v->support_count].share = 1.0;
  src[v->source_count++] = article;
  v->sources = src;
  v->support = sup;
  v->support_count++;
  return 0;
}

void brief_summary_free(brief_summary *sum) {
  if (!sum)
    return;
  for (size_t i = 0; sum->store && i < sum->n; i++) {
    sentence_store *o = &sum->store[i];
    free(o->text);
    free(o->sources);
    free(o->partial);
    free(o->conflicts);
    free(o->support);
    free(o->times);
    free(o->dates);
    free(o->shown);
  }
  free(sum->store);
  free(sum->sents);
  free(sum);
}

const char *brief_support_name(brief_support support) {
  switch (support) {
  case BRIEF_SUPPORT_FULL:
    return "full";
  case BRIEF_SUPPORT_PARTIAL:
    return "partial";
  case BRIEF_SUPPORT_CONFLICT:
    return "conflict";
  }
  return "unknown";
}

size_t brief_summary_sentence_count(const brief_summary *sum) {
  return sum ? sum->n : 0;
}

size_t brief_summary_word_count(const brief_summary *sum) {
  return sum ? sum->words : 0;
}

brief_status brief_summary_sentence(const brief_summary *sum, size_t i,
                                    brief_sentence_view *out) {
  if (!sum || !out || i >= sum->n)
    return BRIEF_ERR_ARG;
  *out = sum->sents[i];
  return BRIEF_OK;
}
