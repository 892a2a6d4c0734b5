/*
 * summary.c - brief_summarize: runs the stages and owns the result.
 *
 * segment -> analyse -> dedup -> select -> cite -> order, then copies the
 * chosen sentences into a brief_summary that outlives the story.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct brief_summary {
  brief_sentence_view *sents; /* text and sources malloc'd per sentence */
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

static brief_status build_summary(const brief_story *st,
                                  const bf_selection *sel,
                                  brief_summary **out) {
  brief_summary *sum = calloc(1, sizeof *sum);
  if (!sum)
    return BRIEF_ERR_NOMEM;
  sum->sents = calloc(sel->n + 1, sizeof *sum->sents);
  if (!sum->sents)
    goto oom;
  for (size_t i = 0; i < sel->n; i++) {
    const bf_pick *p = &sel->picks[i];
    const bf_sentence *s = &st->sents.v[p->sent];
    brief_sentence_view *v = &sum->sents[i];
    const char *closer = unclosed_quote(st, p->sent);
    char *text = malloc(s->end - s->start + MAX_CLOSER_BYTES + 1);
    size_t *src = malloc((p->nsources + 1) * sizeof *src);
    if (!text || !src) {
      free(text);
      free(src);
      goto oom;
    }
    size_t len = s->end - s->start;
    if (p->comp.ncuts) {
      len = bf_compressed_text(st, p->sent, &p->comp, text);
    } else {
      memcpy(text, bf_sent_text(st, s), len);
      text[len] = '\0';
    }
    if (closer) {
      strcpy(text + len, closer);
      len += strlen(closer);
    }
    for (uint32_t k = 0; k < p->nsources; k++)
      src[k] = p->sources[k];
    v->text = text;
    v->text_len = len;
    v->article = s->article;
    v->position = s->pos;
    v->start = s->start;
    v->end = s->end;
    v->score = p->gain;
    v->sources = src;
    v->source_count = p->nsources;
    sum->n++;
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
  bf_dups dups;
  bf_selection sel;
  if ((status = bf_find_duplicates(st, o.dup_threshold, &dups, err)))
    return status;
  if ((status = bf_select(st, &dups, &o, &sel, err)) != BRIEF_OK) {
    bf_dups_release(&dups);
    return status;
  }
  status = bf_cite(st, &dups, &sel, err);
  if (status == BRIEF_OK) {
    bf_order(st, &sel);
    status = build_summary(st, &sel, out);
    if (status != BRIEF_OK)
      bf_fail(err, status, "summary: out of memory");
    else if (sel.n == 0)
      bf_story_warn_once(st, NO_SENTENCE_WARNING, o.min_sentence_words);
  }
  bf_selection_release(&sel);
  bf_dups_release(&dups);
  if (status == BRIEF_OK)
    bf_ok(err);
  return status;
}

int bf_summary_add_source(brief_summary *sum, size_t i, size_t article) {
  brief_sentence_view *v = &sum->sents[i];
  for (size_t k = 0; k < v->source_count; k++)
    if (v->sources[k] == article)
      return 0;
  size_t *src =
      realloc((size_t *)v->sources, (v->source_count + 1) * sizeof *src);
  if (!src)
    return -1;
  src[v->source_count++] = article;
  v->sources = src;
  return 0;
}

void brief_summary_free(brief_summary *sum) {
  if (!sum)
    return;
  for (size_t i = 0; i < sum->n; i++) {
    free((char *)sum->sents[i].text);
    free((size_t *)sum->sents[i].sources);
  }
  free(sum->sents);
  free(sum);
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
