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

struct brief_story_list {
  bf_story_fields *v;
  size_t n, total;
};

/* Whether `name` ends another of the story's names as its last words
 * ("Okafor" of "Daniel Okafor"): the short form of a name listed whole. */
static int short_form(const bf_desk_story *s, const char *name) {
  size_t len = strlen(name);
  for (uint32_t j = 0; j < s->nnames; j++) {
    const char *t = s->names[j].text;
    size_t tl = strlen(t);
    if (tl > len + 1 && t[tl - len - 1] == ' ' && !strcmp(t + tl - len, name))
      return 1;
  }
  return 0;
}

size_t bf_desk_top_names(const bf_desk_story *s, const char **out, size_t max) {
  uint8_t used[BF_DESK_NAMES_KEPT] = {0};
  for (uint32_t i = 0; i < s->nnames; i++)
    used[i] = (uint8_t)short_form(s, s->names[i].text);
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

uint32_t bf_desk_visible(const brief_desk *d, uint64_t id) {
  uint32_t at = id <= UINT32_MAX ? bf_desk_resolve(d, (uint32_t)id) : 0;
  if (!at)
    return 0;
  const bf_desk_story *s = &d->stories.v[at - 1];
  return s->members.n && s->first_seq <= d->stored ? at : 0;
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

void bf_desk_story_fields(const brief_desk *d, uint32_t id,
                          bf_story_fields *e) {
  const bf_desk_story *s = &d->stories.v[id - 1];
  const char *names[BF_DESK_NAMES_SHOWN];
  size_t n = bf_desk_top_names(s, names, BF_DESK_NAMES_SHOWN);
  memset(e, 0, sizeof *e);
  snprintf(e->headline, sizeof e->headline, "%s", s->headline);
  day_text(s->first_day, e->first);
  day_text(s->last_day, e->last);
  day_text(s->activity_day, e->activity_last);
  memcpy(e->activity, s->activity, sizeof e->activity);
  for (size_t i = 0; i < n; i++)
    snprintf(e->names[i], sizeof e->names[i], "%s", names[i]);
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

void bf_story_fields_link(bf_story_fields *e) {
  for (size_t i = 0; i < e->info.name_count; i++)
    e->name_ptrs[i] = e->names[i];
  e->info.headline = e->headline;
  e->info.first_date = e->first;
  e->info.last_date = e->last;
  e->info.names = e->name_ptrs;
  e->info.activity = e->activity;
  e->info.activity_last = e->activity_last;
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
         s->last_seq > q->after && (!q->before || s->last_seq < q->before) &&
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
      bf_desk_story_fields(d, r[from + i].id, &l->v[i]);
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
    bf_story_fields_link(&l->v[i]);
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
  bf_story_fields *e = malloc(sizeof *e);
  if (!l || !e) {
    free(l);
    free(e);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_visible(d, id);
  if (at)
    bf_desk_story_fields(d, at, e);
  pthread_mutex_unlock(&d->lock);
  if (!at) {
    free(l);
    free(e);
    return bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                   (unsigned long long)id);
  }
  bf_story_fields_link(e);
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

struct brief_article_list {
  bf_arena arena; /* the strings */
  brief_desk_article_info *v;
  size_t n, total;
  uint64_t story;
};

/* The newest `limit` members of story `s` that arrived before `before`
 * and are stored, newest first, into a list. Caller holds the lock.
 * Returns 0, or -1 when out of memory. */
static int list_members(const brief_desk *d, const bf_desk_story *s,
                        uint64_t before, size_t limit, brief_article_list *l) {
  size_t end = s->members.n;
  while (end && s->members.v[end - 1] > d->stored)
    end--;
  l->total = end;
  while (end && before && s->members.v[end - 1] >= before)
    end--;
  size_t count = limit && limit < end ? limit : end;
  l->v = calloc(count + 1, sizeof *l->v);
  if (!l->v)
    return -1;
  for (size_t i = 0; i < count; i++) {
    uint32_t seq = s->members.v[end - 1 - i];
    const bf_desk_article *a = &d->articles.v[seq - 1];
    brief_desk_article_info *x = &l->v[i];
    x->id = bf_arena_strdup(&l->arena, a->id);
    x->source = bf_arena_strdup(&l->arena, a->source);
    x->url = bf_arena_strdup(&l->arena, a->url);
    x->title = bf_arena_strdup(&l->arena, a->title);
    x->date = bf_arena_strdup(&l->arena, a->date);
    x->copy_of = bf_arena_strdup(
        &l->arena, a->dup_of ? d->articles.v[a->dup_of - 1].id : "");
    x->seen = a->seen;
    x->arrival = seq;
    if (!x->id || !x->source || !x->url || !x->title || !x->date || !x->copy_of)
      return -1;
    l->n++;
  }
  return 0;
}

brief_status brief_desk_article_list(brief_desk *d, uint64_t id,
                                     uint64_t before, size_t limit,
                                     brief_article_list **out,
                                     brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_article_list: NULL");
  *out = NULL;
  brief_article_list *l = calloc(1, sizeof *l);
  if (!l)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  bf_arena_init(&l->arena);
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_visible(d, id);
  int failed = at && list_members(d, &d->stories.v[at - 1], before, limit, l);
  pthread_mutex_unlock(&d->lock);
  if (!at || failed) {
    brief_article_list_free(l);
    return !at ? bf_fail(err, BRIEF_ERR_ARG, "desk: no story %llu",
                         (unsigned long long)id)
               : bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  l->story = at;
  *out = l;
  bf_ok(err);
  return BRIEF_OK;
}

size_t brief_article_list_count(const brief_article_list *l) {
  return l ? l->n : 0;
}

size_t brief_article_list_total(const brief_article_list *l) {
  return l ? l->total : 0;
}

uint64_t brief_article_list_story(const brief_article_list *l) {
  return l ? l->story : 0;
}

brief_status brief_article_list_get(const brief_article_list *l, size_t i,
                                    brief_desk_article_info *out) {
  if (!l || !out || i >= l->n)
    return BRIEF_ERR_ARG;
  *out = l->v[i];
  return BRIEF_OK;
}

void brief_article_list_free(brief_article_list *l) {
  if (!l)
    return;
  free(l->v);
  bf_arena_release(&l->arena);
  free(l);
}

brief_status brief_desk_story_articles(brief_desk *d, uint64_t id,
                                       brief_story **out, brief_error *err) {
  if (!d || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_story_articles: NULL");
  *out = NULL;
  bf_desk_follow_soon(d);
  pthread_mutex_lock(&d->lock);
  uint32_t at = bf_desk_visible(d, id);
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
