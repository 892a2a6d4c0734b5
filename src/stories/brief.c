/*
 * brief.c - story briefs on the desk: which articles brief a story, building
 * the brief, caching it, and serving it without making readers wait.
 *
 * A story of thousands of articles is briefed from a bounded set of them:
 * its newest articles, the most central article of each outlet, then the
 * most central of the rest, up to BRIEF_DESK_BRIEF_ARTICLES. The brief with
 * the desk's options is cached per story and stays until the story changes;
 * then a reader that accepts a stale brief gets the last one at once, and
 * only one thread rebuilds it.
 */
#include "stories/desk.h"

#include "core/corpus.h"
#include "core/error.h"
#include "core/text.h"
#include "core/vec.h"
#include "pipeline/pipeline.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  BRIEF_NEWEST = 8,   /* newest articles always in a story's brief */
  EXTRA_OUTLETS = 64, /* outlets left out of the briefed set that are still
                         checked for the summary's sentences */
  CITE_MIN_STEMS = 4  /* a shorter sentence is cited by its own articles */
};

/* An article outside the briefed set reports a summary sentence when one of
 * its sentences holds this share of the summary sentence's content stems
 * (the citation stage's own measure). */
#define CITE_SHARE 0.6

typedef struct bf_cached_brief {
  atomic_int refs;
  uint32_t *extra; /* while building: outlets' articles outside the set */
  size_t nextra;
  uint32_t version; /* of the story it was built from */
  uint32_t through; /* the desk's stored articles when it was built */
  brief_story *story;
  brief_summary *summary;
  brief_facts *facts;
  brief_options opts; /* its strings are the copies below */
  char *query, *wordnet_dir;
  const brief_wordnet *wordnet; /* while building: the WordNet it reads */
  bf_story_fields fields;       /* the story's, when the build started */
  int conflicts;
} cached_brief;

struct brief_desk_brief {
  cached_brief *b;
  int stale;
};

static cached_brief *ref(cached_brief *b) {
  atomic_fetch_add(&b->refs, 1);
  return b;
}

void bf_cached_brief_release(cached_brief *b) {
  if (!b || atomic_fetch_sub(&b->refs, 1) != 1)
    return;
  brief_facts_free(b->facts);
  free(b->query);
  free(b->wordnet_dir);
  brief_summary_free(b->summary);
  brief_story_free(b->story);
  free(b);
}

/* ---- which articles ------------------------------------------------------ */

typedef struct candidate {
  uint32_t seq;
  float centrality;
  uint64_t outlet;
} candidate;

static int more_central(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->centrality != y->centrality)
    return x->centrality < y->centrality ? 1 : -1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

static int by_seq(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static void take(candidate *c, uint32_t *out, size_t *n) {
  out[(*n)++] = c->seq;
  c->seq = 0;
}

/* The newest `k` of the first `n` members, newest first. */
static size_t newest(const bf_desk_story *s, size_t n, size_t k,
                     uint32_t *out) {
  for (size_t i = 0; i < k; i++)
    out[i] = s->members.v[n - 1 - i];
  return k;
}

/* Chooses at most BRIEF_DESK_BRIEF_ARTICLES members (caller holds lock);
 * writes their arrival numbers to out, the most wanted first: the newest,
 * then the most central of each outlet, then the most central. */
static size_t choose_articles(const brief_desk *d, const bf_desk_story *s,
                              uint32_t *out) {
  size_t n = s->members.n, k = 0;
  while (n && s->members.v[n - 1] > d->stored)
    n--; /* not stored yet: in the next brief */
  if (n <= BRIEF_DESK_BRIEF_ARTICLES)
    return newest(s, n, n, out);
  candidate *c = malloc(n * sizeof *c);
  if (!c) /* the newest alone still make a brief */
    return newest(s, n, BRIEF_DESK_BRIEF_ARTICLES, out);
  for (size_t i = 0; i < n; i++) {
    const bf_desk_article *a = &d->articles.v[s->members.v[i] - 1];
    c[i].seq = s->members.v[i];
    c[i].centrality = a->centrality;
    c[i].outlet = a->outlet;
  }
  for (size_t i = n; i > n - BRIEF_NEWEST; i--)
    take(&c[i - 1], out, &k);
  qsort(c, n, sizeof *c, more_central);
  /* The most central article of each outlet not yet in. */
  for (size_t i = 0; i < n && k < BRIEF_DESK_BRIEF_ARTICLES; i++) {
    if (!c[i].seq || !c[i].outlet)
      continue;
    int seen = 0;
    for (size_t j = 0; j < k && !seen; j++)
      seen = d->articles.v[out[j] - 1].outlet == c[i].outlet;
    if (!seen)
      take(&c[i], out, &k);
  }
  for (size_t i = 0; i < n && k < BRIEF_DESK_BRIEF_ARTICLES; i++)
    if (c[i].seq)
      take(&c[i], out, &k);
  free(c);
  return k;
}

/* Keeps, the most wanted first, the articles of `seqs` whose words fit the
 * desk's brief budget together (the first always), and puts them in
 * arrival order. Reads their texts from the store, without the lock. */
static brief_status fit_words(brief_desk *d, uint32_t *seqs, size_t *n,
                              brief_error *err) {
  size_t budget =
      d->opts.brief_words ? d->opts.brief_words : BRIEF_DESK_BRIEF_WORDS;
  size_t total = 0, k = 0;
  for (size_t i = 0; i < *n; i++) {
    char *text;
    size_t len;
    brief_status st = d->store->ops->text(d->store, seqs[i], &text, &len, err);
    if (st != BRIEF_OK)
      return st;
    size_t words = bf_count_words(text, len);
    free(text);
    if (k && total + words > budget)
      continue;
    seqs[k++] = seqs[i];
    total += words;
  }
  *n = k;
  qsort(seqs, k, sizeof *seqs, by_seq);
  return BRIEF_OK;
}

/* For each outlet of the story with no article in `chosen`, its most
 * central stored article, most central first, at most EXTRA_OUTLETS.
 * Caller holds lock. */
static size_t outlets_left_out(const brief_desk *d, const bf_desk_story *s,
                               const uint32_t *chosen, size_t k,
                               uint32_t **out) {
  size_t n = s->members.n, m = 0;
  *out = NULL;
  if (s->outlets.n <= k)
    return 0; /* every outlet may well be in */
  candidate *c = malloc((n + 1) * sizeof *c);
  if (!c)
    return 0;
  for (size_t i = 0; i < n; i++) {
    const bf_desk_article *a = &d->articles.v[s->members.v[i] - 1];
    int in = s->members.v[i] > d->stored || !a->outlet;
    for (size_t j = 0; j < k && !in; j++)
      in = d->articles.v[chosen[j] - 1].outlet == a->outlet;
    if (!in)
      c[m++] = (candidate){s->members.v[i], a->centrality, a->outlet};
  }
  qsort(c, m, sizeof *c, more_central);
  size_t kept = 0;
  for (size_t i = 0; i < m && kept < EXTRA_OUTLETS; i++) {
    int seen = 0;
    for (size_t j = 0; j < kept && !seen; j++)
      seen = c[j].outlet == c[i].outlet;
    if (!seen)
      c[kept++] = c[i];
  }
  *out = malloc((kept + 1) * sizeof **out);
  for (size_t i = 0; *out && i < kept; i++)
    (*out)[i] = c[i].seq;
  free(c);
  return *out ? kept : 0;
}

/* ---- building ------------------------------------------------------------ */

static int count_conflicts(const brief_facts *f) {
  int n = 0;
  for (size_t i = 0; f && i < brief_facts_figure_group_count(f); i++) {
    brief_figure_group_view g;
    if (brief_facts_figure_group(f, i, &g) == BRIEF_OK &&
        g.verdict == BRIEF_VERDICT_CONFLICT)
      n++;
  }
  return n;
}

static void copy_info(cached_brief *b, const brief_desk *d, uint32_t id) {
  bf_desk_story_fields(d, id, &b->fields);
  bf_story_fields_link(&b->fields);
}

/* Sorted distinct content stems of sentence i of a segmented story. */
static size_t stem_set(const brief_story *st, uint32_t i, uint32_t *out,
                       size_t cap) {
  const bf_sentence *s = &st->sents.v[i];
  size_t n = 0;
  for (uint32_t k = 0; k < s->tok_count && n < cap; k++) {
    const bf_token *t = &st->toks.v[s->tok_first + k];
    if (!t->stem || (t->flags & BF_TOK_STOP))
      continue;
    size_t at = n;
    while (at > 0 && out[at - 1] > t->stem)
      at--;
    if (at > 0 && out[at - 1] == t->stem)
      continue;
    memmove(&out[at + 1], &out[at], (n - at) * sizeof *out);
    out[at] = t->stem;
    n++;
  }
  return n;
}

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b,
                     size_t nb) {
  size_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else
      n++, i++, j++;
  }
  return n;
}

enum { STEMS_MAX = 256 };

/* Whether article `art` of the scratch story reports `want` (a summary
 * sentence's stems): one of its sentences holds CITE_SHARE of them. */
static int reports(const brief_story *t, uint32_t art, const uint32_t *want,
                   size_t nwant) {
  const bf_article *a = &t->articles.v[art];
  uint32_t have[STEMS_MAX];
  for (uint32_t i = a->sent_first; i < a->sent_first + a->sent_count; i++) {
    size_t nh = stem_set(t, i, have, STEMS_MAX);
    if ((double)shared(want, nwant, have, nh) >= CITE_SHARE * (double)nwant)
      return 1;
  }
  return 0;
}

/* A scratch story: the summary's sentences (one a line, as article 0) and
 * the outlets' articles left out of the brief, segmented together so
 * their stems compare. */
static brief_status scratch_story(brief_desk *d, const cached_brief *b,
                                  brief_story **out, brief_error *err) {
  brief_story *t = brief_story_new();
  bf_buf lines;
  bf_buf_init(&lines);
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(b->summary); i++) {
    brief_summary_sentence(b->summary, i, &v);
    bf_buf_append(&lines, v.text, v.text_len);
    bf_buf_putc(&lines, '\n');
  }
  bf_ingested x;
  memset(&x, 0, sizeof x);
  x.text = lines.s;
  x.len = lines.len;
  x.source = x.url = x.title = "";
  x.day = BF_NO_DAY;
  brief_status st =
      !t || lines.oom ? bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory")
                      : bf_story_add_ingested(t, "summary", "summary", &x, err);
  bf_buf_free(&lines);
  for (size_t i = 0; st == BRIEF_OK && i < b->nextra; i++)
    st = bf_desk_add_to_story(d, t, b->extra[i], 0, err);
  if (st == BRIEF_OK)
    st = bf_segment_story(t, err);
  if (st != BRIEF_OK) {
    brief_story_free(t);
    return st;
  }
  *out = t;
  return BRIEF_OK;
}

/* The summary sentence a scratch sentence of article 0 belongs to: the
 * line it starts on. */
static size_t line_of(const brief_story *t, uint32_t i) {
  const bf_sentence *s = &t->sents.v[i];
  size_t line = 0;
  for (uint32_t k = 0; k < s->start; k++)
    line += t->articles.v[0].text[k] == '\n';
  return line;
}

/* Cites, beyond the briefed articles, the outlets left out of them that
 * report a summary sentence too. */
static brief_status cite_beyond(brief_desk *d, cached_brief *b,
                                brief_error *err) {
  brief_story *t;
  brief_status st = scratch_story(d, b, &t, err);
  if (st != BRIEF_OK)
    return st;
  size_t nsum = brief_summary_sentence_count(b->summary);
  uint32_t want[STEMS_MAX];
  const bf_article *sa = &t->articles.v[0];
  for (uint32_t i = sa->sent_first;
       st == BRIEF_OK && i < sa->sent_first + sa->sent_count; i++) {
    size_t k = line_of(t, i), nwant = stem_set(t, i, want, STEMS_MAX);
    if (k >= nsum || nwant < CITE_MIN_STEMS)
      continue;
    for (size_t j = 0; st == BRIEF_OK && j < b->nextra; j++) {
      if (!reports(t, (uint32_t)j + 1, want, nwant))
        continue;
      size_t at = brief_story_article_count(b->story);
      brief_article_view have;
      for (size_t q = 0; q < at; q++)
        if (brief_story_article(b->story, q, &have) == BRIEF_OK &&
            !strcmp(have.id, t->articles.v[j + 1].id))
          at = q;
      if (at == brief_story_article_count(b->story))
        st = bf_desk_add_to_story(d, b->story, b->extra[j], 1, err);
      if (st == BRIEF_OK && bf_summary_add_source(b->summary, k, at))
        st = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    }
  }
  brief_story_free(t);
  return st;
}

/* Builds a brief of the given articles, the most wanted first, within
 * the word budget (the outlets' articles left out, cited beyond the brief,
 * have a budget of their own); b holds the story's fields. */
static brief_status build(brief_desk *d, cached_brief *b, uint32_t *seqs,
                          size_t n, brief_error *err) {
  brief_options o = b->opts;
  o.wordnet = b->wordnet;
  brief_status st = fit_words(d, seqs, &n, err);
  if (st == BRIEF_OK && b->nextra)
    st = fit_words(d, b->extra, &b->nextra, err);
  if (st == BRIEF_OK)
    st = bf_desk_story_from(d, seqs, n, &b->story, err);
  if (st == BRIEF_OK)
    st = brief_summarize(b->story, &o, &b->summary, err);
  if (st == BRIEF_OK)
    st = brief_facts_extract(b->story, &o, &b->facts, err);
  if (st == BRIEF_OK) {
    b->conflicts = count_conflicts(b->facts);
    b->fields.info.conflicts = b->conflicts;
  }
  if (st == BRIEF_OK && b->nextra)
    st = cite_beyond(d, b, err);
  free(b->extra);
  b->extra = NULL;
  b->wordnet = NULL;
  return st;
}

static int same_text(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

/* Snapshot of what a build needs, taken under the lock. */
static cached_brief *start_build(brief_desk *d, uint32_t id,
                                 const brief_options *opts, uint32_t **seqs,
                                 size_t *n) {
  const bf_desk_story *s = &d->stories.v[id - 1];
  cached_brief *b = calloc(1, sizeof *b);
  *seqs = malloc((s->members.n + 1) * sizeof **seqs);
  if (!b || !*seqs) {
    free(b);
    free(*seqs);
    *seqs = NULL;
    return NULL;
  }
  atomic_init(&b->refs, 1);
  b->version = s->version;
  b->through = d->stored;
  b->opts = *opts;
  /* The brief outlives the call whose options it was built with. */
  b->query = opts->query ? strdup(opts->query) : NULL;
  b->wordnet_dir = opts->wordnet_dir ? strdup(opts->wordnet_dir) : NULL;
  if ((opts->query && !b->query) || (opts->wordnet_dir && !b->wordnet_dir)) {
    free(b->query);
    free(b);
    free(*seqs);
    *seqs = NULL;
    return NULL;
  }
  b->opts.query = b->query;
  b->opts.wordnet_dir = b->wordnet_dir;
  /* the options' WordNet, else the desk's unless they name another
   * folder; the handle is not kept past the build */
  b->wordnet = opts->wordnet ? opts->wordnet
               : same_text(opts->wordnet_dir, d->opts.brief.wordnet_dir)
                   ? d->wordnet
                   : NULL;
  b->opts.wordnet = NULL;
  copy_info(b, d, id);
  *n = choose_articles(d, s, *seqs);
  b->nextra = outlets_left_out(d, s, *seqs, *n, &b->extra);
  return b;
}

static int same_options(const brief_options *a, const brief_options *b) {
  return same_text(a->query, b->query) &&
         same_text(a->wordnet_dir, b->wordnet_dir) && a->words == b->words &&
         a->auto_words == b->auto_words && a->facts == b->facts &&
         a->selector == b->selector && a->dup_threshold == b->dup_threshold &&
         a->compress == b->compress &&
         a->min_sentence_words == b->min_sentence_words &&
         a->max_sentence_words == b->max_sentence_words;
}

static brief_desk_brief *handle(cached_brief *b, int stale) {
  brief_desk_brief *h = malloc(sizeof *h);
  if (!h) {
    bf_cached_brief_release(b);
    return NULL;
  }
  h->b = b;
  h->stale = stale;
  return h;
}

/* Builds story `id` now; with `cache`, installs the result as its cached
 * brief. Caller holds the lock (released during the build). */
static brief_status rebuild(brief_desk *d, uint32_t id,
                            const brief_options *opts, int cache,
                            cached_brief **out, brief_error *err) {
  uint32_t *seqs;
  size_t n;
  cached_brief *b = start_build(d, id, opts, &seqs, &n);
  if (!b)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  bf_desk_story *s = &d->stories.v[id - 1];
  if (cache)
    s->building = 1;
  pthread_mutex_unlock(&d->lock);
  brief_status st = build(d, b, seqs, n, err);
  free(seqs);
  pthread_mutex_lock(&d->lock);
  s = &d->stories.v[id - 1];
  if (cache) {
    s->building = 0;
    pthread_cond_broadcast(&d->built);
  }
  if (st != BRIEF_OK) {
    bf_cached_brief_release(b);
    return st;
  }
  if (cache && (!s->brief || s->brief->version <= b->version)) {
    bf_cached_brief_release(s->brief);
    s->brief = ref(b);
    s->conflicts = b->conflicts;
  }
  *out = b;
  return BRIEF_OK;
}

/* The cached brief of story `id` (caller holds the lock). */
static brief_status cached(brief_desk *d, uint32_t id, int flags,
                           cached_brief **out, int *stale, brief_error *err) {
  for (;;) {
    bf_desk_story *s = &d->stories.v[id - 1];
    cached_brief *b = s->brief;
    *stale = b && b->version != s->version;
    if (b && (!*stale || (flags & BRIEF_DESK_STALE_OK))) {
      *out = ref(b);
      return BRIEF_OK;
    }
    if (!s->building)
      return rebuild(d, id, &d->opts.brief, 1, out, err);
    pthread_cond_wait(&d->built, &d->lock);
  }
}

brief_status brief_desk_brief_get(brief_desk *d, uint64_t id,
                                  const brief_options *opts, int flags,
                                  brief_desk_brief **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_brief_get: NULL argument");
  *out = NULL;
  bf_desk_follow_soon(d);
  if (opts) {
    brief_status st = brief_options_check(opts, err);
    if (st != BRIEF_OK)
      return st;
  }
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_visible(d, id);
  if (!at) {
    pthread_mutex_unlock(&d->lock);
    return bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                   (unsigned long long)id);
  }
  cached_brief *b = NULL;
  int stale = 0;
  brief_status st = opts && !same_options(opts, &d->opts.brief)
                        ? rebuild(d, at, opts, 0, &b, err)
                        : cached(d, at, flags, &b, &stale, err);
  pthread_mutex_unlock(&d->lock);
  if (st != BRIEF_OK)
    return st;
  if (!(*out = handle(b, stale)))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  bf_ok(err);
  return BRIEF_OK;
}

typedef struct due {
  uint32_t last_seq, id;
} due;

static int newest_first(const void *a, const void *b) {
  const due *x = a, *y = b;
  return (x->last_seq < y->last_seq) - (x->last_seq > y->last_seq);
}

brief_status brief_desk_refresh(brief_desk *d, size_t max, size_t *rebuilt,
                                brief_error *err) {
  if (rebuilt)
    *rebuilt = 0;
  bf_desk_follow_soon(d);
  pthread_mutex_lock(&d->lock);
  due *list = malloc((d->stories.n + 1) * sizeof *list);
  size_t n = 0;
  for (size_t i = 0; list && i < d->stories.n; i++) {
    const bf_desk_story *s = &d->stories.v[i];
    if (s->brief && s->brief->version != s->version && !s->building &&
        !s->merged_into) {
      list[n].last_seq = s->last_seq;
      list[n++].id = (uint32_t)i + 1;
    }
  }
  brief_status st =
      list ? BRIEF_OK : bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  if (list)
    qsort(list, n, sizeof *list, newest_first);
  for (size_t i = 0; st == BRIEF_OK && i < n && (!max || i < max); i++) {
    cached_brief *b;
    if (d->stories.v[list[i].id - 1].building)
      continue;
    st = rebuild(d, list[i].id, &d->opts.brief, 1, &b, err);
    if (st == BRIEF_OK) {
      bf_cached_brief_release(b);
      if (rebuilt)
        (*rebuilt)++;
    }
  }
  pthread_mutex_unlock(&d->lock);
  free(list);
  return st;
}

/* ---- for workers and stores of rendered briefs ----------------------------
 */

uint32_t bf_desk_story_now(brief_desk *d, uint32_t id, uint32_t *version) {
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_resolve(d, id);
  if (at && !d->stories.v[at - 1].members.n)
    at = 0;
  *version = at ? d->stories.v[at - 1].version : 0;
  pthread_mutex_unlock(&d->lock);
  return at;
}

brief_status bf_desk_brief_build(brief_desk *d, uint32_t id,
                                 brief_desk_brief **out, uint32_t *version,
                                 uint32_t *through, brief_error *err) {
  *out = NULL;
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_resolve(d, id);
  cached_brief *b = NULL;
  brief_status st = at && d->stories.v[at - 1].members.n
                        ? rebuild(d, at, &d->opts.brief, 0, &b, err)
                        : bf_fail(err, BRIEF_ERR_ARG, "desk: no story %u", id);
  pthread_mutex_unlock(&d->lock);
  if (st != BRIEF_OK)
    return st;
  *version = b->version;
  *through = b->through;
  if (!(*out = handle(b, 0)))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return BRIEF_OK;
}

/* A rendered brief marked stale: its root's last field is "stale" (and a
 * quote inside a JSON string is escaped, so the text matches only it). */
static void mark_stale(char *json) {
  static const char was[] = "\"stale\": false";
  char *at = NULL;
  for (char *p = strstr(json, was); p; p = strstr(p + 1, was))
    at = p;
  if (!at)
    return;
  memcpy(at, "\"stale\": true", sizeof "\"stale\": true" - 1);
  memmove(at + sizeof "\"stale\": true" - 1, at + sizeof was - 1,
          strlen(at + sizeof was - 1) + 1);
}

/* The brief the store keeps for story `at` when it will do: current, or
 * any with BRIEF_DESK_STALE_OK. */
static char *kept_brief(brief_desk *d, uint32_t at, int flags) {
  uint32_t version, now;
  char *json = NULL;
  brief_error ignored;
  if (!d->store->ops->get_brief || !bf_desk_story_now(d, at, &now) ||
      d->store->ops->get_brief(d->store, at, &version, &json, &ignored) !=
          BRIEF_OK ||
      !json)
    return NULL;
  if (version < now && !(flags & BRIEF_DESK_STALE_OK)) {
    free(json);
    return NULL;
  }
  if (version < now)
    mark_stale(json);
  return json;
}

brief_status brief_desk_brief_json(brief_desk *d, uint64_t id, int flags,
                                   char **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_brief_json: NULL argument");
  *out = NULL;
  bf_desk_follow_soon(d);
  pthread_mutex_lock(&d->lock);
  uint32_t at = id <= UINT32_MAX ? bf_desk_resolve(d, (uint32_t)id) : 0;
  pthread_mutex_unlock(&d->lock);
  char *kept = at ? kept_brief(d, at, flags) : NULL;
  if (kept) {
    *out = kept;
    bf_ok(err);
    return BRIEF_OK;
  }
  brief_desk_brief *h;
  brief_status st = brief_desk_brief_get(d, id, NULL, flags, &h, err);
  if (st != BRIEF_OK)
    return st;
  st = brief_desk_brief_render(h, BRIEF_FORMAT_JSON, out, err);
  brief_desk_brief_free(h);
  return st;
}

brief_status brief_desk_brief_current(brief_desk *d, uint64_t id, int *current,
                                      brief_error *err) {
  if (!d || !current)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "brief_desk_brief_current: NULL argument");
  *current = 0;
  uint32_t now, kept = 0;
  uint32_t at = id <= UINT32_MAX ? bf_desk_story_now(d, (uint32_t)id, &now) : 0;
  if (!at)
    return bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                   (unsigned long long)id);
  if (d->store->ops->get_brief) {
    brief_status st = d->store->ops->get_brief(d->store, at, &kept, NULL, err);
    if (st != BRIEF_OK)
      return st;
    *current = kept && kept >= now;
  } else {
    pthread_mutex_lock(&d->lock);
    const bf_desk_story *s = &d->stories.v[at - 1];
    *current = s->brief && s->brief->version == s->version;
    pthread_mutex_unlock(&d->lock);
  }
  bf_ok(err);
  return BRIEF_OK;
}

/* ---- the handle ---------------------------------------------------------- */

void brief_desk_brief_free(brief_desk_brief *h) {
  if (!h)
    return;
  bf_cached_brief_release(h->b);
  free(h);
}

int brief_desk_brief_stale(const brief_desk_brief *h) {
  return h ? h->stale : 0;
}

void brief_desk_brief_info(const brief_desk_brief *h, brief_story_info *out) {
  *out = h->b->fields.info;
}

const brief_story *brief_desk_brief_story(const brief_desk_brief *h) {
  return h->b->story;
}

const brief_summary *brief_desk_brief_summary(const brief_desk_brief *h) {
  return h->b->summary;
}

const brief_facts *brief_desk_brief_facts(const brief_desk_brief *h) {
  return h->b->opts.facts ? h->b->facts : NULL;
}

const brief_options *brief_desk_brief_options(const brief_desk_brief *h) {
  return &h->b->opts;
}
