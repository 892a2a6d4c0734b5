/*
 * focus.c - the focus stage: what a question asks of the story.
 *
 * Owns the focus of a brief that answers a question. The question's content
 * words that the articles use are its query stems: not stopwords, and not
 * the words that make a request of the writer ("discuss", "include",
 * "information"). Every sentence counts the query stems it holds, and
 * every stem of the story the company it keeps: the share of the sentences
 * using it that hold a query stem. That share is how the story itself
 * widens the question, to the words that go with its words and the names
 * they point at. The weigh stage turns the focus into features of concepts
 * and sentences; the facts stage keeps what bears on the question.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

/* Words that ask for something rather than name it, as folded forms.
 * Sorted for bsearch. */
static const char *const request_words[] = {
    "concerning", "describe", "described", "details",   "discuss",
    "discussed",  "example",  "examples",  "explain",   "give",
    "identify",   "include",  "included",  "including", "information",
    "kind",       "kinds",    "know",      "known",     "list",
    "mention",    "note",     "outline",   "possible",  "provide",
    "regarding",  "specify",  "summarize", "tell",      "type",
    "types",      "various"};

static int cmp_word(const void *key, const void *elem) {
  const bf_text_word *w = key;
  const char *s = *(const char *const *)elem;
  size_t n = strlen(s);
  int c = strncmp(w->fold, s, w->fold_len < n ? w->fold_len : n);
  if (c)
    return c;
  return (w->fold_len > n) - (w->fold_len < n);
}

static int is_request_word(const bf_text_word *w) {
  return bsearch(w, request_words, sizeof request_words / sizeof *request_words,
                 sizeof *request_words, cmp_word) != NULL;
}

/* The bytes of the query read: all of it, or what ends at its last white
 * space within BRIEF_MAX_QUERY_BYTES (or, with no space there, at the
 * last character boundary). */
static size_t query_length(const char *q) {
  size_t len = strlen(q);
  if (len <= BRIEF_MAX_QUERY_BYTES)
    return len;
  size_t cut = BRIEF_MAX_QUERY_BYTES;
  while (cut > 0 && q[cut] != ' ' && q[cut] != '\t' && q[cut] != '\n')
    cut--;
  if (cut == 0)
    for (cut = BRIEF_MAX_QUERY_BYTES; cut > 0 && (q[cut] & 0xC0) == 0x80;)
      cut--;
  return cut;
}

brief_status bf_focus_check_query(const char *q, brief_error *err) {
  if (q[strspn(q, " \t\r\n\f\v")] == '\0')
    return bf_fail(err, BRIEF_ERR_ARG,
                   "query: empty (give a question, or "
                   "no query for a generic brief)");
  return brief_check_text("query", q, strlen(q), err);
}

static int mark_query_word(void *ctx, const bf_text_word *w) {
  bf_focus *f = ctx;
  if (w->stem && !w->stop && !is_request_word(w))
    f->in_query[w->stem] = 1;
  return 0;
}

/* Counts, over the first n_articles articles, each sentence's query stems
 * and each stem's sentences with and without one; keeps as query stems
 * only those the articles use. */
static int count_company(bf_focus *f, const brief_story *st) {
  size_t nstems = st->lex.n + 1;
  uint32_t *used = calloc(nstems, sizeof *used);
  uint32_t *with = calloc(nstems, sizeof *with);
  uint32_t *seen = calloc(nstems, sizeof *seen);
  size_t sentences = 0, hit_sentences = 0;
  if (!used || !with || !seen) {
    free(used), free(with), free(seen);
    return -1;
  }
  for (uint32_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    const bf_token *t = st->toks.v + s->tok_first;
    if (s->article >= f->n_articles)
      continue;
    uint32_t hits = 0;
    for (uint32_t k = 0; k < s->tok_count; k++)
      if (t[k].stem && seen[t[k].stem] != i + 1) {
        seen[t[k].stem] = i + 1;
        used[t[k].stem]++;
        hits += f->in_query[t[k].stem];
      }
    f->hits[i] = (uint8_t)(hits < UINT8_MAX ? hits : UINT8_MAX);
    sentences++;
    hit_sentences += hits > 0;
    for (uint32_t k = 0; hits && k < s->tok_count; k++)
      if (t[k].stem && seen[t[k].stem] == i + 1) {
        seen[t[k].stem] = 0; /* once per sentence */
        with[t[k].stem]++;
      }
  }
  f->base = sentences ? (double)hit_sentences / (double)sentences : 0;
  for (size_t k = 1; k < nstems; k++) {
    if (f->in_query[k] && !used[k])
      f->in_query[k] = 0;
    f->nquery += f->in_query[k];
    /* One imagined sentence at the story's rate keeps a stem used once
     * from claiming all or nothing. */
    f->company[k] = (float)(((double)with[k] + f->base) / (used[k] + 1.0));
  }
  free(used), free(with), free(seen);
  return 0;
}

brief_status bf_focus_build(const brief_story *st, const char *query,
                            size_t n_articles, bf_focus *out,
                            brief_error *err) {
  memset(out, 0, sizeof *out);
  if (!query)
    return BRIEF_OK;
  size_t nstems = st->lex.n + 1;
  out->n_articles = n_articles;
  out->query_bytes = strlen(query);
  out->read_bytes = query_length(query);
  out->in_query = calloc(nstems, 1);
  out->company = calloc(nstems, sizeof *out->company);
  out->hits = calloc(st->sents.n + 1, 1);
  if (!out->in_query || !out->company || !out->hits ||
      bf_segment_words(st, query, out->read_bytes, mark_query_word, out) ||
      count_company(out, st)) {
    bf_focus_release(out);
    return bf_fail(err, BRIEF_ERR_NOMEM, "focus: out of memory");
  }
  return BRIEF_OK;
}

void bf_focus_release(bf_focus *f) {
  free(f->in_query);
  free(f->company);
  free(f->hits);
  memset(f, 0, sizeof *f);
}
