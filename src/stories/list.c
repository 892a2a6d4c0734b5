/*
 * list.c - reading the story desk: lists of stories (most recently active
 * first, with paging), one story's fields, and a story's articles.
 *
 * Lists are snapshots copied out under the desk's lock, so a reader keeps
 * them as long as it likes while the stream goes on.
 */
#include "stories/desk.h"

#include "core/corpus.h"
#include "core/date.h"
#include "core/error.h"
#include "core/text.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct list_entry {
  brief_story_info info;
  char headline[BF_DESK_HEADLINE_MAX];
  char first[11], last[11];
  char names[BF_DESK_NAMES_SHOWN][48];
  const char *name_ptrs[BF_DESK_NAMES_SHOWN];
} list_entry;

struct brief_story_list {
  list_entry *v;
  size_t n, total;
};

size_t bf_desk_top_names(const bf_desk_story *s, const char **out, size_t max) {
  uint8_t used[BF_DESK_NAMES_KEPT] = {0};
  size_t n = 0;
  while (n < max) {
    int best = -1;
    for (uint32_t i = 0; i < s->nnames; i++)
      if (!used[i] && (best < 0 || s->names[i].count > s->names[best].count))
        best = (int)i;
    if (best < 0)
      break;
    used[best] = 1;
    out[n++] = s->names[best].text;
  }
  return n;
}

uint32_t bf_desk_resolve(const brief_desk *d, uint32_t id) {
  while (id && id <= d->stories.n && d->stories.v[id - 1].merged_into)
    id = d->stories.v[id - 1].merged_into;
  return id && id <= d->stories.n ? id : 0;
}

static void day_text(int32_t day, char out[11]) {
  out[0] = '\0';
  if (day == BF_NO_DAY)
    return;
  bf_date dt;
  bf_civil_from_days(day, &dt);
  bf_date_format(&dt, out);
}

/* Whether a story still takes articles: the assign stage knows; a desk
 * opened read-only judges by its window. */
static int story_active(const brief_desk *d, const bf_desk_story *s,
                        uint32_t id) {
  if (d->replayed)
    return bf_assigner_story_active(d->assigner, id);
  if (s->merged_into)
    return 0;
  if (d->opts.window_days <= 0 || s->last_day == BF_NO_DAY ||
      d->stream_day == BF_NO_DAY)
    return 1;
  return d->stream_day - s->last_day <= d->opts.window_days;
}

/* Copies story `id`'s fields into an entry. Caller holds the lock. */
static void fill_entry(const brief_desk *d, uint32_t id, list_entry *e) {
  const bf_desk_story *s = &d->stories.v[id - 1];
  const char *names[BF_DESK_NAMES_SHOWN];
  size_t n = bf_desk_top_names(s, names, BF_DESK_NAMES_SHOWN);
  memset(e, 0, sizeof *e);
  snprintf(e->headline, sizeof e->headline, "%s", s->headline);
  day_text(s->first_day, e->first);
  day_text(s->last_day, e->last);
  for (size_t i = 0; i < n; i++) {
    snprintf(e->names[i], sizeof e->names[i], "%s", names[i]);
    e->name_ptrs[i] = e->names[i];
  }
  brief_story_info *x = &e->info;
  x->id = id;
  x->articles = s->members.n;
  x->outlets = s->outlets.n;
  x->first_seen = d->articles.v[s->first_seq - 1].seen;
  x->last_seen = d->articles.v[s->last_seq - 1].seen;
  x->last_arrival = s->last_seq;
  x->name_count = n;
  x->version = s->version;
  x->active = story_active(d, s, id);
  x->conflicts = s->conflicts;
}

/* Points an entry's fields at its own buffers (after it stops moving). */
static void link_entry(list_entry *e) {
  e->info.headline = e->headline;
  e->info.first_date = e->first;
  e->info.last_date = e->last;
  e->info.names = e->name_ptrs;
}

void bf_desk_story_info(const brief_desk *d, uint32_t id, const char **names,
                        char first[11], char last[11], brief_story_info *out) {
  list_entry e;
  fill_entry(d, id, &e);
  *out = e.info;
  out->headline = d->stories.v[id - 1].headline;
  memcpy(first, e.first, 11);
  memcpy(last, e.last, 11);
  out->first_date = first;
  out->last_date = last;
  bf_desk_top_names(&d->stories.v[id - 1], names, BF_DESK_NAMES_SHOWN);
  out->names = names;
}

typedef struct recency {
  uint32_t last_seq, id;
} recency;

static int most_recent_first(const void *a, const void *b) {
  const recency *x = a, *y = b;
  if (x->last_seq != y->last_seq)
    return x->last_seq < y->last_seq ? 1 : -1;
  return (x->id > y->id) - (x->id < y->id);
}

/* Case-insensitive (ASCII) substring test. */
static int contains(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0)
      return 1;
  return 0;
}

static int matches(const bf_desk_story *s, const char *match) {
  if (!match || !*match || contains(s->headline, match))
    return 1;
  for (uint32_t i = 0; i < s->nnames; i++)
    if (contains(s->names[i].text, match))
      return 1;
  return 0;
}

static int wanted(const brief_desk *d, const bf_desk_story *s,
                  const brief_story_query *q, int32_t since_day) {
  return !s->merged_into && s->members.n && s->first_seq <= d->stored &&
         s->last_seq > q->after &&
         (since_day == BF_NO_DAY ||
          (s->last_day != BF_NO_DAY && s->last_day >= since_day)) &&
         matches(s, q->match);
}

/* The stories named by q->ids, each once (merged-away ids resolved). */
static size_t named_stories(const brief_desk *d, const brief_story_query *q,
                            recency *r) {
  uint8_t *seen = calloc(d->stories.n + 1, 1);
  size_t n = 0;
  for (size_t k = 0; seen && k < q->id_count; k++) {
    uint32_t id =
        q->ids[k] <= UINT32_MAX ? bf_desk_resolve(d, (uint32_t)q->ids[k]) : 0;
    if (!id || seen[id] || n >= d->stories.n)
      continue;
    seen[id] = 1;
    r[n].last_seq = d->stories.v[id - 1].last_seq;
    r[n++].id = id;
  }
  free(seen);
  return n;
}

/* Stories matching the query, most recently active first. Caller holds
 * the lock. NULL when out of memory. */
static recency *ranked_stories(const brief_desk *d, const brief_story_query *q,
                               int32_t since_day, size_t *n) {
  recency *r = malloc((d->stories.n + 1) * sizeof *r);
  if (!r)
    return NULL;
  size_t all = 0;
  if (q->ids) {
    all = named_stories(d, q, r);
  } else {
    for (size_t i = 0; i < d->stories.n; i++) {
      r[all].last_seq = d->stories.v[i].last_seq;
      r[all++].id = (uint32_t)i + 1;
    }
  }
  *n = 0;
  for (size_t i = 0; i < all; i++)
    if (wanted(d, &d->stories.v[r[i].id - 1], q, since_day))
      r[(*n)++] = r[i];
  qsort(r, *n, sizeof *r, most_recent_first);
  return r;
}

static brief_status parse_since(const char *since, int32_t *day,
                                brief_error *err) {
  bf_date dt;
  *day = BF_NO_DAY;
  if (!since || !*since)
    return BRIEF_OK;
  size_t len = strlen(since);
  if (bf_date_parse(since, len, &dt) != len)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "desk: '%.40s' is not a date (YYYY-MM-DD)", since);
  *day = bf_days_from_civil(dt.year, dt.month, dt.day);
  return BRIEF_OK;
}

brief_status brief_desk_stories(brief_desk *d, const brief_story_query *query,
                                brief_story_list **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_stories: NULL argument");
  *out = NULL;
  bf_desk_follow_soon(d);
  brief_story_query q;
  memset(&q, 0, sizeof q);
  if (query)
    q = *query;
  int32_t since_day;
  brief_status st = parse_since(q.since, &since_day, err);
  if (st != BRIEF_OK)
    return st;
  brief_story_list *l = calloc(1, sizeof *l);
  pthread_mutex_lock(&d->lock);
  size_t n = 0;
  recency *r = l ? ranked_stories(d, &q, since_day, &n) : NULL;
  size_t from = q.offset < n ? q.offset : n;
  size_t count = n - from;
  if (q.limit && count > q.limit)
    count = q.limit;
  if (r && l && (l->v = malloc((count + 1) * sizeof *l->v))) {
    for (size_t i = 0; i < count; i++)
      fill_entry(d, r[from + i].id, &l->v[i]);
    l->n = count;
    l->total = n;
  }
  pthread_mutex_unlock(&d->lock);
  free(r);
  if (!l || !l->v) {
    brief_story_list_free(l);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  for (size_t i = 0; i < l->n; i++)
    link_entry(&l->v[i]);
  *out = l;
  bf_ok(err);
  return BRIEF_OK;
}

brief_status brief_desk_story(brief_desk *d, uint64_t id,
                              brief_story_list **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_story: NULL argument");
  *out = NULL;
  bf_desk_follow_soon(d);
  brief_story_list *l = calloc(1, sizeof *l);
  list_entry *e = malloc(sizeof *e);
  if (!l || !e) {
    free(l);
    free(e);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  pthread_mutex_lock(&d->lock);
  uint32_t at = id <= UINT32_MAX ? bf_desk_resolve(d, (uint32_t)id) : 0;
  if (at && d->stories.v[at - 1].members.n)
    fill_entry(d, at, e);
  pthread_mutex_unlock(&d->lock);
  if (!at) {
    free(l);
    free(e);
    return bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                   (unsigned long long)id);
  }
  link_entry(e);
  l->v = e;
  l->n = l->total = 1;
  *out = l;
  bf_ok(err);
  return BRIEF_OK;
}

size_t brief_story_list_count(const brief_story_list *l) {
  return l ? l->n : 0;
}

size_t brief_story_list_total(const brief_story_list *l) {
  return l ? l->total : 0;
}

brief_status brief_story_list_get(const brief_story_list *l, size_t i,
                                  brief_story_info *out) {
  if (!l || !out || i >= l->n)
    return BRIEF_ERR_ARG;
  *out = l->v[i].info;
  return BRIEF_OK;
}

void brief_story_list_free(brief_story_list *l) {
  if (!l)
    return;
  free(l->v);
  free(l);
}

/* ---- a story's articles ------------------------------------------------- */

brief_status brief_desk_story_articles(brief_desk *d, uint64_t id,
                                       brief_story **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_story_articles: NULL");
  *out = NULL;
  bf_desk_follow_soon(d);
  pthread_mutex_lock(&d->lock);
  uint32_t at = id <= UINT32_MAX ? bf_desk_resolve(d, (uint32_t)id) : 0;
  uint32_t *seqs = NULL;
  size_t n = 0;
  if (at) {
    const bf_desk_story *s = &d->stories.v[at - 1];
    seqs = malloc((s->members.n + 1) * sizeof *seqs);
    for (size_t i = 0; seqs && i < s->members.n; i++)
      if (s->members.v[i] <= d->stored)
        seqs[n++] = s->members.v[i];
  }
  pthread_mutex_unlock(&d->lock);
  if (!at)
    return bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                   (unsigned long long)id);
  if (!seqs)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  brief_status st = bf_desk_story_from(d, seqs, n, out, err);
  free(seqs);
  return st;
}

brief_status bf_desk_add_to_story(brief_desk *d, brief_story *story,
                                  uint32_t seq, int cited, brief_error *err) {
  bf_ingested x;
  memset(&x, 0, sizeof x);
  char id[320];
  pthread_mutex_lock(&d->lock);
  const bf_desk_article *a = &d->articles.v[seq - 1];
  snprintf(id, sizeof id, "%s", a->id);
  x.source = strdup(a->source);
  x.url = strdup(a->url);
  x.title = strdup(a->title);
  memcpy(x.date, a->date, sizeof x.date);
  x.day = a->day;
  pthread_mutex_unlock(&d->lock);
  brief_status st =
      x.source && x.url && x.title
          ? d->store->ops->text(d->store, seq, &x.text, &x.len, err)
          : bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  if (st == BRIEF_OK) {
    x.words = (uint32_t)bf_count_words(x.text, x.len);
    st = cited ? bf_story_add_cited(story, id, id, &x, err)
               : bf_story_add_ingested(story, id, id, &x, err);
  }
  bf_ingested_release(&x);
  return st;
}

brief_status bf_desk_story_from(brief_desk *d, const uint32_t *seqs, size_t n,
                                brief_story **out, brief_error *err) {
  brief_story *story = brief_story_new();
  if (!story)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  brief_status st = BRIEF_OK;
  for (size_t i = 0; i < n && st == BRIEF_OK; i++)
    st = bf_desk_add_to_story(d, story, seqs[i], 0, err);
  if (st != BRIEF_OK) {
    brief_story_free(story);
    return st;
  }
  *out = story;
  return BRIEF_OK;
}

/* ---- the assignment ------------------------------------------------------ */

brief_status brief_desk_assignment(brief_desk *d, char **out,
                                   brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_assignment: NULL argument");
  *out = NULL;
  bf_desk_follow_soon(d);
  bf_buf b;
  bf_buf_init(&b);
  bf_buf_puts(&b, "");
  pthread_mutex_lock(&d->lock);
  for (size_t i = 0; i < d->stored && !b.oom; i++) {
    const bf_desk_article *a = &d->articles.v[i];
    bf_buf_printf(&b, "%s\t%u\n", a->id, bf_desk_resolve(d, a->story));
  }
  pthread_mutex_unlock(&d->lock);
  if (b.oom) {
    bf_buf_free(&b);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  *out = bf_buf_take(&b);
  bf_ok(err);
  return BRIEF_OK;
}
