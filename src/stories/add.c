/*
 * add.c - the story desk's write path: a batch of articles in, each
 * checked and cleaned (ingest), described (features), assigned to a story
 * (assign), filed in the desk's records, and the batch stored at once.
 *
 * Ingest and features run without the desk's lock, assignment and filing
 * with it (microseconds per article), storing without it again: readers
 * are never held up by cleaning or by the disk. Within a batch, articles
 * are assigned in date order; an undated article keeps its place after the
 * dated one before it.
 */
#include "stories/desk.h"

#include "core/error.h"
#include "core/text.h"
#include "pipeline/pipeline.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Dates further ahead of the clock than this are taken for mistakes. */
#define FUTURE_DAYS 2

typedef struct prepared {
  bf_prepared p;
  int32_t when; /* day it is ordered by */
  brief_desk_skip skip;
  uint32_t seq; /* arrival number once filed */
  bf_assignment as;
} prepared;

typedef struct pending_event {
  brief_desk_event_kind kind;
  uint32_t seq;   /* the article, or 0 */
  uint32_t story; /* ASSIGNED, MERGED */
  uint32_t other; /* MERGED */
  char message[400];
} pending_event;

typedef struct batch {
  BF_VEC(prepared) items;
  BF_VEC(pending_event) events;
  BF_VEC(uint32_t) touched; /* story ids to store */
  BF_VEC(bf_merge) merges;  /* to apply in the store */
  BF_VEC(prepared *) filed; /* in arrival order */
} batch;

/* ---- outlets, headlines, names ---------------------------------------------
 */

uint64_t bf_desk_outlet(const char *source, const char *url) {
  if (source && *source)
    return bf_hash(source, strlen(source)) | 1;
  if (!url || !*url)
    return 0;
  const char *host = strstr(url, "://");
  host = host ? host + 3 : url;
  size_t len = strcspn(host, "/:?#");
  if (len > 4 && strncasecmp(host, "www.", 4) == 0)
    host += 4, len -= 4;
  return len ? bf_hash(host, len) | 1 : 0;
}

/* Copies at most cap - 1 bytes of s, cut at a character boundary. */
static void copy_cut(char *dst, size_t cap, const char *s, size_t len) {
  if (len >= cap) {
    len = cap - 1;
    while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(dst, s, len);
  dst[len] = '\0';
}

/* The lead sentence of a cleaned text, as a headline when there is no
 * title: its first paragraph up to the first sentence end. */
static void lead_headline(const char *text, size_t len, char *out, size_t cap) {
  size_t end = 0;
  while (end < len && text[end] != '\n')
    end++;
  for (size_t i = 0; i + 2 < end; i++) {
    char c = text[i];
    if ((c == '.' || c == '?' || c == '!') && text[i + 1] == ' ' &&
        (text[i + 2] >= 'A' && text[i + 2] <= 'Z') &&
        bf_count_words(text, i) >= 5) {
      end = i + 1;
      break;
    }
  }
  copy_cut(out, cap, text, end);
}

static void count_name(bf_desk_story *s, const bf_name_form *nf) {
  for (uint32_t i = 0; i < s->nnames; i++)
    if (s->names[i].key == nf->key) {
      s->names[i].count += nf->count;
      return;
    }
  uint32_t at = s->nnames;
  if (at == BF_DESK_NAMES_KEPT) {
    at = 0;
    for (uint32_t i = 1; i < s->nnames; i++)
      if (s->names[i].count < s->names[at].count)
        at = i;
    if (s->names[at].count >= nf->count)
      return;
  } else {
    s->nnames++;
  }
  s->names[at].key = nf->key;
  s->names[at].count = nf->count;
  snprintf(s->names[at].text, sizeof s->names[at].text, "%s", nf->text);
}

int bf_desk_add_outlet(bf_desk_story *s, uint64_t outlet) {
  if (!outlet)
    return 0;
  size_t lo = 0, hi = s->outlets.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (s->outlets.v[mid] < outlet)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < s->outlets.n && s->outlets.v[lo] == outlet)
    return 0;
  if (BF_VEC_RESERVE(s->outlets, s->outlets.n + 1))
    return -1;
  memmove(&s->outlets.v[lo + 1], &s->outlets.v[lo],
          (s->outlets.n - lo) * sizeof *s->outlets.v);
  s->outlets.v[lo] = outlet;
  s->outlets.n++;
  return 0;
}

/* ---- filing --------------------------------------------------------------
 */

int bf_desk_story_at(brief_desk *d, uint32_t id) {
  while (d->stories.n < id) {
    bf_desk_story s;
    memset(&s, 0, sizeof s);
    s.first_day = s.last_day = s.activity_day = BF_NO_DAY;
    s.conflicts = -1;
    if (BF_VEC_PUSH(d->stories, s))
      return -1;
  }
  return 0;
}

void bf_desk_note_days(bf_desk_story *s, int32_t first, int32_t last) {
  if (first != BF_NO_DAY && (s->first_day == BF_NO_DAY || first < s->first_day))
    s->first_day = first;
  if (last != BF_NO_DAY && (s->last_day == BF_NO_DAY || last > s->last_day))
    s->last_day = last;
}

int32_t bf_desk_activity_day(const brief_desk *d, const bf_desk_article *a) {
  if (a->day != BF_NO_DAY)
    return a->day;
  if (d->stream_day != BF_NO_DAY)
    return d->stream_day;
  return a->seen > 0 ? (int32_t)(a->seen / 86400) : BF_NO_DAY;
}

void bf_desk_note_activity(bf_desk_story *s, int32_t day, uint32_t n) {
  enum { N = BF_DESK_ACTIVITY_DAYS };
  if (day == BF_NO_DAY || !n)
    return;
  if (s->activity_day == BF_NO_DAY || day - s->activity_day >= N) {
    memset(s->activity, 0, sizeof s->activity);
    s->activity_day = day;
  } else if (day > s->activity_day) {
    size_t shift = (size_t)(day - s->activity_day);
    memmove(s->activity, s->activity + shift,
            (N - shift) * sizeof *s->activity);
    memset(s->activity + N - shift, 0, shift * sizeof *s->activity);
    s->activity_day = day;
  }
  int64_t back = (int64_t)s->activity_day - day;
  if (back < N)
    s->activity[N - 1 - back] += n;
}

/* Story `from` joined `into`: its articles, outlets, names and days move. */
int bf_desk_merge_records(brief_desk *d, uint32_t from, uint32_t into) {
  bf_desk_story *f = &d->stories.v[from - 1], *t = &d->stories.v[into - 1];
  BF_VEC(uint32_t) all = {0};
  if (BF_VEC_RESERVE(all, f->members.n + t->members.n))
    return -1;
  size_t i = 0, k = 0;
  while (i < t->members.n || k < f->members.n) {
    if (k == f->members.n ||
        (i < t->members.n && t->members.v[i] < f->members.v[k]))
      all.v[all.n++] = t->members.v[i++];
    else
      all.v[all.n++] = f->members.v[k++];
  }
  for (k = 0; k < f->members.n; k++)
    d->articles.v[f->members.v[k] - 1].story = into;
  for (k = 0; k < f->outlets.n; k++)
    if (bf_desk_add_outlet(t, f->outlets.v[k]))
      return -1;
  for (k = 0; k < f->nnames; k++) {
    bf_name_form nf;
    nf.key = f->names[k].key;
    nf.count = f->names[k].count;
    memcpy(nf.text, f->names[k].text, sizeof nf.text);
    count_name(t, &nf);
  }
  BF_VEC_FREE(t->members);
  t->members.v = all.v, t->members.n = all.n, t->members.cap = all.cap;
  bf_desk_note_days(t, f->first_day, f->last_day);
  for (int k = 0; f->activity_day != BF_NO_DAY && k < BF_DESK_ACTIVITY_DAYS;
       k++)
    bf_desk_note_activity(t, f->activity_day - (BF_DESK_ACTIVITY_DAYS - 1) + k,
                          f->activity[k]);
  /* A desk that follows another files merges before the articles of the
   * same look, so `into` may have none yet. */
  if (!t->first_seq || (f->first_seq && f->first_seq < t->first_seq))
    t->first_seq = f->first_seq;
  if (f->last_seq > t->last_seq)
    t->last_seq = f->last_seq;
  f->merged_into = into;
  BF_VEC_FREE(f->members);
  BF_VEC_FREE(f->outlets);
  return 0;
}

static void set_headline(bf_desk_story *s, const bf_desk_article *a,
                         const char *text, size_t len) {
  if (s->headline_from_title || (s->headline[0] && !*a->title))
    return;
  if (*a->title) {
    copy_cut(s->headline, sizeof s->headline, a->title, strlen(a->title));
    s->headline_from_title = 1;
  } else {
    lead_headline(text, len, s->headline, sizeof s->headline);
  }
}

int bf_desk_file(brief_desk *d, const bf_desk_article *a, const bf_features *f,
                 const char *text, size_t len, const bf_assignment *as) {
  uint32_t seq = (uint32_t)d->articles.n + 1;
  if (BF_VEC_PUSH(d->articles, *a) || bf_desk_story_at(d, as->story))
    return -1;
  d->articles.v[seq - 1].story = as->story;
  bf_desk_story *s = &d->stories.v[as->story - 1];
  if (BF_VEC_PUSH(s->members, seq) || bf_desk_add_outlet(s, a->outlet))
    return -1;
  if (s->members.n == 1)
    s->first_seq = seq;
  s->last_seq = seq;
  bf_desk_note_days(s, a->day, a->day);
  bf_desk_note_activity(s, bf_desk_activity_day(d, a), 1);
  set_headline(s, a, text, len);
  for (size_t i = 0; i < f->forms.n && i < BF_DESK_NAMES_SHOWN; i++)
    count_name(s, &f->forms.v[i]);
  return 0;
}

static int mark_touched(brief_desk *d, batch *b, uint32_t id) {
  bf_desk_story *s = &d->stories.v[id - 1];
  if (s->touched)
    return 0;
  s->touched = 1;
  return BF_VEC_PUSH(b->touched, id);
}

/* Applies the merges the assign stage made since the last call, noting
 * them in the batch when there is one. */
static int file_merges(brief_desk *d, batch *b) {
  size_t n;
  const bf_merge *m = bf_assigner_merges(d->assigner, &n);
  for (size_t i = 0; i < n; i++) {
    pending_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = BRIEF_DESK_MERGED;
    ev.story = m[i].into;
    ev.other = m[i].from;
    if (bf_desk_merge_records(d, m[i].from, m[i].into))
      return -1;
    if (b && (BF_VEC_PUSH(b->merges, m[i]) || BF_VEC_PUSH(b->events, ev) ||
              mark_touched(d, b, m[i].from) || mark_touched(d, b, m[i].into)))
      return -1;
  }
  bf_assigner_clear_merges(d->assigner);
  return 0;
}

int bf_desk_file_merges(brief_desk *d) {
  return file_merges(d, NULL);
}

/* ---- preparing a batch: ingest and features, without the lock ----------- */

static int32_t today(void) {
  return (int32_t)(time(NULL) / 86400);
}

static void batch_release(batch *b) {
  for (size_t i = 0; i < b->items.n; i++)
    bf_prepared_release(&b->items.v[i].p);
  BF_VEC_FREE(b->items);
  BF_VEC_FREE(b->events);
  BF_VEC_FREE(b->touched);
  BF_VEC_FREE(b->merges);
  BF_VEC_FREE(b->filed);
}

static int warn(batch *b, brief_desk_event_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int warn(batch *b, brief_desk_event_kind kind, const char *fmt, ...) {
  pending_event ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = kind;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ev.message, sizeof ev.message, fmt, ap);
  va_end(ap);
  return BF_VEC_PUSH(b->events, ev);
}

/* A date that was given but could not be used is noted, and the article
 * takes its place in the stream instead. */
static void check_date(const brief_article *in, const char *name,
                       bf_prepared *p) {
  if (p->x.date_unreadable) {
    snprintf(p->date_warning, sizeof p->date_warning,
             "%.200s: unreadable date '%.40s'; its arrival time is used", name,
             in->date);
  } else if (p->x.day != BF_NO_DAY && p->x.day > today() + FUTURE_DAYS) {
    snprintf(p->date_warning, sizeof p->date_warning,
             "%.200s: date %s is in the future; its arrival time is used", name,
             p->x.date);
    p->x.day = BF_NO_DAY;
    p->x.date[0] = '\0';
  }
  /* A date read off a dateline is shown but is no time of the stream: in
   * an undated feed such dates come from any year, in no order. */
  if (p->x.date_from_text)
    p->x.day = BF_NO_DAY;
}

void bf_prepared_release(bf_prepared *p) {
  bf_ingested_release(&p->x);
  bf_features_release(&p->f);
  free(p->id);
  memset(p, 0, sizeof *p);
}

brief_status bf_prepare_article(bf_featurizer *fz, const brief_article *in,
                                const char *name, bf_prepared *p,
                                brief_error *err) {
  memset(p, 0, sizeof *p);
  if (!in->id || !*in->id)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: article has no \"id\"", name);
  brief_status st = bf_ingest_one(in, name, &p->x, err);
  if (st != BRIEF_OK)
    return st;
  check_date(in, name, p);
  p->id = strdup(in->id);
  p->empty = p->x.len == 0;
  if (!p->id || (!p->empty && bf_featurize(fz, p->x.text, p->x.len, p->x.title,
                                           strlen(p->x.title), &p->f))) {
    bf_prepared_release(p);
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  }
  return BRIEF_OK;
}

/* Takes a prepared article into the batch (its warnings as events). */
static int take_prepared(const brief_desk *d, batch *b, bf_prepared *p) {
  prepared it;
  memset(&it, 0, sizeof it);
  it.p = *p;
  if (p->empty)
    it.skip = BRIEF_DESK_SKIP_EMPTY;
  else if (d->opts.max_article_words && p->x.words > d->opts.max_article_words)
    it.skip = BRIEF_DESK_SKIP_LONG;
  memset(p, 0, sizeof *p);
  if ((it.p.date_warning[0] &&
       warn(b, BRIEF_DESK_WARNING, "%s", it.p.date_warning)) ||
      (it.p.x.warning[0] &&
       warn(b, BRIEF_DESK_WARNING, "%s", it.p.x.warning)) ||
      BF_VEC_PUSH(b->items, it)) {
    bf_prepared_release(&it.p);
    return -1;
  }
  return 0;
}

static brief_status prepare(brief_desk *d, const brief_article *in,
                            const char *name, batch *b, brief_error *err) {
  bf_prepared p;
  brief_status st = bf_prepare_article(d->fz, in, name, &p, err);
  if (st != BRIEF_OK)
    return st;
  if (take_prepared(d, b, &p))
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  return BRIEF_OK;
}

static int by_when(const void *x, const void *y) {
  const prepared *a = *(prepared *const *)x, *b = *(prepared *const *)y;
  if (a->when != b->when)
    return a->when < b->when ? -1 : 1;
  return a < b ? -1 : a > b;
}

/* The batch in date order: an undated article is ordered with the dated
 * one before it (the stream's newest day when it comes first). A desk that
 * keeps the order given leaves it as it is. */
static prepared **in_date_order(brief_desk *d, batch *b) {
  prepared **order = malloc((b->items.n + 1) * sizeof *order);
  if (!order)
    return NULL;
  int32_t last = d->stream_day == BF_NO_DAY ? INT32_MIN : d->stream_day;
  for (size_t i = 0; i < b->items.n; i++) {
    prepared *p = &b->items.v[i];
    if (p->p.x.day != BF_NO_DAY && !d->opts.in_order)
      last = p->p.x.day;
    p->when = last;
    order[i] = p;
  }
  qsort(order, b->items.n, sizeof *order, by_when);
  return order;
}

/* ---- assigning, with the lock -------------------------------------------- */

static int known_id(brief_desk *d, const char *id) {
  uint32_t dense = bf_keymap_find(&d->ids, bf_hash(id, strlen(id)));
  return dense != 0;
}

static int remember_id(brief_desk *d, const char *id, uint32_t seq) {
  int is_new;
  uint32_t dense = bf_keymap_intern(&d->ids, bf_hash(id, strlen(id)), &is_new);
  if (!dense || (is_new && BF_VEC_PUSH(d->id_seq, seq)))
    return -1;
  return 0;
}

/* The desk's record of a prepared article (strings into the desk arena). */
static int record_of(brief_desk *d, const prepared *p, bf_desk_article *a) {
  const bf_ingested *x = &p->p.x;
  memset(a, 0, sizeof *a);
  a->id = bf_arena_strdup(&d->arena, p->p.id);
  a->source = bf_arena_strdup(&d->arena, x->source);
  a->url = bf_arena_strdup(&d->arena, x->url);
  a->title = bf_arena_strdup(&d->arena, x->title);
  memcpy(a->date, x->date, sizeof a->date);
  a->day = x->day;
  a->seen = (int64_t)time(NULL);
  a->outlet = bf_desk_outlet(x->source, x->url);
  return a->id && a->source && a->url && a->title ? 0 : -1;
}

const char *brief_desk_skip_reason(brief_desk_skip skip) {
  switch (skip) {
  case BRIEF_DESK_SKIP_EMPTY:
    return "no article text left after cleaning";
  case BRIEF_DESK_SKIP_KNOWN:
    return "the desk already has this id";
  case BRIEF_DESK_SKIP_LONG:
    return "over the desk's limit of words for one article";
  default:
    return "";
  }
}

static int skip_event(batch *b, prepared *p) {
  return warn(b, BRIEF_DESK_SKIPPED, "%.300s: %s; skipped", p->p.id,
              brief_desk_skip_reason(p->skip));
}

static int assign_one(brief_desk *d, batch *b, prepared *p) {
  if (p->skip != BRIEF_DESK_KEPT)
    return skip_event(b, p);
  if (known_id(d, p->p.id)) {
    p->skip = BRIEF_DESK_SKIP_KNOWN;
    return skip_event(b, p);
  }
  bf_desk_article a;
  if (record_of(d, p, &a) ||
      bf_assign(d->assigner, &p->p.f, a.day, NULL, NULL, &p->as))
    return -1;
  a.dup_of = p->as.dup_of;
  a.centrality = (float)bf_assigner_centrality(
      d->assigner, (uint32_t)bf_assigner_article_count(d->assigner));
  p->seq = (uint32_t)d->articles.n + 1;
  if (bf_desk_file(d, &a, &p->p.f, p->p.x.text, p->p.x.len, &p->as) ||
      remember_id(d, p->p.id, p->seq) || mark_touched(d, b, p->as.story))
    return -1;
  if (a.day != BF_NO_DAY &&
      (d->stream_day == BF_NO_DAY || a.day > d->stream_day))
    d->stream_day = a.day;
  if (BF_VEC_PUSH(b->filed, p))
    return -1;
  pending_event ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = BRIEF_DESK_ASSIGNED;
  ev.seq = p->seq;
  ev.story = p->as.story;
  return BF_VEC_PUSH(b->events, ev) || file_merges(d, b);
}

/* The lock is taken per article, so a reader waits for one assignment at
 * most, never for a whole batch. */
static int assign_batch(brief_desk *d, batch *b) {
  prepared **order = in_date_order(d, b);
  if (!order)
    return -1;
  int rc = 0;
  for (size_t i = 0; i < b->items.n && !rc; i++) {
    pthread_mutex_lock(&d->lock);
    rc = assign_one(d, b, order[i]);
    pthread_mutex_unlock(&d->lock);
  }
  free(order);
  return rc;
}

/* ---- storing, without the lock ------------------------------------------ */

/* Every name the story counts, "key<TAB>count<TAB>name" a line, so a
 * reopened desk counts on from the same figures. */
static void names_text(const bf_desk_story *s, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (uint32_t i = 0; i < s->nnames && o < cap; i++)
    o += (size_t)snprintf(out + o, cap - o, "%llx\t%u\t%s\n",
                          (unsigned long long)s->names[i].key,
                          s->names[i].count, s->names[i].text);
}

brief_status bf_desk_store_snapshot(brief_desk *d, brief_error *err) {
  bf_buf b;
  bf_buf_init(&b);
  if (bf_assigner_snapshot(d->assigner, &b)) {
    bf_buf_free(&b);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  uint32_t n = (uint32_t)bf_assigner_article_count(d->assigner);
  brief_status st = d->store->ops->put_snapshot(d->store, n, b.s, b.len, err);
  bf_buf_free(&b);
  if (st == BRIEF_OK)
    d->snapshot_seq = n;
  return st;
}

brief_status bf_desk_store_story(brief_desk *d, uint32_t id, brief_error *err) {
  const bf_desk_story *s = &d->stories.v[id - 1];
  char names[BF_DESK_NAMES_KEPT * 80];
  names_text(s, names, sizeof names);
  bf_stored_story x = {id,
                       s->version + (s->touched ? 1 : 0),
                       s->merged_into,
                       s->headline,
                       s->headline_from_title,
                       (uint32_t)s->members.n,
                       (uint32_t)s->outlets.n,
                       s->first_day,
                       s->last_day,
                       s->first_seq,
                       s->last_seq,
                       names};
  return d->store->ops->put_story(d->store, &x, err);
}

static brief_status store_article(brief_desk *d, const prepared *p,
                                  brief_error *err) {
  const bf_desk_article *a = &d->articles.v[p->seq - 1];
  bf_stored_article x = {p->seq,    a->id,     a->source,     a->url,
                         a->title,  a->date,   a->day,        a->seen,
                         a->story,  a->dup_of, a->centrality, p->p.x.text,
                         p->p.x.len};
  return d->store->ops->put_article(d->store, &x, err);
}

static brief_status store_batch(brief_desk *d, batch *b, brief_error *err) {
  const bf_store_ops *ops = d->store->ops;
  brief_status st = ops->begin(d->store, err);
  for (size_t i = 0; st == BRIEF_OK && i < b->filed.n; i++)
    st = store_article(d, b->filed.v[i], err);
  for (size_t i = 0; st == BRIEF_OK && i < b->merges.n; i++)
    st = ops->move_articles(d->store, b->merges.v[i].from, b->merges.v[i].into,
                            err);
  for (size_t i = 0; st == BRIEF_OK && i < b->touched.n; i++)
    st = bf_desk_store_story(d, b->touched.v[i], err);
  uint32_t snapshot_was = d->snapshot_seq;
  /* Snapshots grow with the desk: spacing them by a share of it keeps
   * their cost per article flat and a replay after a crash short. */
  size_t gap = d->snapshot_seq / BF_DESK_SNAPSHOT_SHARE;
  if (gap < BF_DESK_SNAPSHOT_EVERY)
    gap = BF_DESK_SNAPSHOT_EVERY;
  if (st == BRIEF_OK && d->articles.n >= (size_t)d->snapshot_seq + gap)
    st = bf_desk_store_snapshot(d, err);
  if (st == BRIEF_OK)
    st = ops->commit(d->store, err);
  if (st != BRIEF_OK)
    d->snapshot_seq = snapshot_was;
  if (st != BRIEF_OK)
    ops->rollback(d->store);
  /* Readers see the batch's articles in briefs, and the stories' new
   * versions, at once. */
  pthread_mutex_lock(&d->lock);
  for (size_t i = 0; i < b->touched.n; i++) {
    bf_desk_story *s = &d->stories.v[b->touched.v[i] - 1];
    s->touched = 0;
    s->version += st == BRIEF_OK;
  }
  if (st == BRIEF_OK)
    d->stored = (uint32_t)d->articles.n;
  pthread_mutex_unlock(&d->lock);
  return st;
}

/* ---- telling the listener -------------------------------------------------
 */

static void tell(brief_desk *d, const batch *b) {
  if (!d->listener)
    return;
  for (size_t i = 0; i < b->events.n; i++) {
    const pending_event *p = &b->events.v[i];
    brief_desk_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = p->kind;
    ev.story = p->story;
    ev.other = p->other;
    ev.message = p->message[0] ? p->message : NULL;
    if (p->kind == BRIEF_DESK_ASSIGNED) {
      const bf_desk_article *a = &d->articles.v[p->seq - 1];
      ev.article_id = a->id;
      ev.new_story = d->stories.v[p->story - 1].first_seq == p->seq;
      ev.copy_of = a->dup_of ? d->articles.v[a->dup_of - 1].id : NULL;
    }
    d->listener(d->listener_ctx, &ev);
  }
}

/* ---- the batch ------------------------------------------------------------
 */

static brief_status run_batch(brief_desk *d, batch *b, brief_error *err) {
  if (d->articles.n + b->items.n > BRIEF_DESK_MAX_ARTICLES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE, "desk: over %u articles",
                   BRIEF_DESK_MAX_ARTICLES);
  if (assign_batch(d, b)) {
    snprintf(d->failed, sizeof d->failed, "desk: out of memory");
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  brief_status st = store_batch(d, b, err);
  if (st != BRIEF_OK) {
    /* The store kept its last batch; the desk's memory moved on. */
    snprintf(d->failed, sizeof d->failed, "%.290s", err ? err->message : "");
    return st;
  }
  tell(d, b);
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status usable(brief_desk *d, brief_error *err) {
  if (d->failed[0])
    return bf_fail(err, BRIEF_ERR_IO,
                   "desk: an earlier write failed (%.200s); reopen it",
                   d->failed);
  if (d->opts.redis_url)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "desk: kept in Redis by brief's workers; feed articles to "
                   "it (brief feed, brief_feed_add)");
  if (d->opts.read_only)
    return bf_fail(err, BRIEF_ERR_ARG, "desk: opened read-only");
  return BRIEF_OK;
}

/* What became of each article of a stored batch, in input order. */
static void report_results(brief_desk *d, const batch *b,
                           brief_desk_result *results) {
  pthread_mutex_lock(&d->lock);
  for (size_t i = 0; i < b->items.n; i++) {
    const prepared *p = &b->items.v[i];
    brief_desk_result *r = &results[i];
    memset(r, 0, sizeof *r);
    r->skipped = p->skip;
    if (p->skip != BRIEF_DESK_KEPT)
      continue;
    uint32_t story = bf_desk_resolve(d, d->articles.v[p->seq - 1].story);
    r->story = story;
    r->new_story = story && d->stories.v[story - 1].first_seq == p->seq;
  }
  pthread_mutex_unlock(&d->lock);
}

brief_status brief_desk_add(brief_desk *d, const brief_article *arts, size_t n,
                            brief_error *err) {
  return brief_desk_add_results(d, arts, n, NULL, err);
}

brief_status brief_desk_add_results(brief_desk *d, const brief_article *arts,
                                    size_t n, brief_desk_result *results,
                                    brief_error *err) {
  if (!d || (!arts && n))
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_add: NULL argument");
  pthread_mutex_lock(&d->writer);
  brief_status st = usable(d, err);
  batch b;
  memset(&b, 0, sizeof b);
  for (size_t i = 0; st == BRIEF_OK && i < n; i++) {
    char name[320];
    if (arts[i].id && *arts[i].id)
      snprintf(name, sizeof name, "%.300s", arts[i].id);
    else
      snprintf(name, sizeof name, "article %zu", i + 1);
    st = prepare(d, &arts[i], name, &b, err);
  }
  if (st == BRIEF_OK)
    st = run_batch(d, &b, err);
  if (st == BRIEF_OK && results)
    report_results(d, &b, results);
  batch_release(&b);
  pthread_mutex_unlock(&d->writer);
  return st;
}

brief_status bf_desk_add_prepared(brief_desk *d, bf_prepared *items, size_t n,
                                  brief_error *err) {
  pthread_mutex_lock(&d->writer);
  brief_status st = usable(d, err);
  batch b;
  memset(&b, 0, sizeof b);
  for (size_t i = 0; i < n; i++) {
    if (st == BRIEF_OK && take_prepared(d, &b, &items[i]))
      st = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    bf_prepared_release(&items[i]);
  }
  if (st == BRIEF_OK)
    st = run_batch(d, &b, err);
  batch_release(&b);
  pthread_mutex_unlock(&d->writer);
  return st;
}

/* ---- files, folders and JSONL ------------------------------------------- */

typedef struct reader {
  brief_desk *desk;
  batch b;
  brief_error failure; /* a batch that could not be stored: the error is
                          the store's, not the line's being read */
  int failed;
} reader;

static brief_status reader_flush(reader *r, brief_error *err) {
  brief_status st = run_batch(r->desk, &r->b, err);
  batch_release(&r->b);
  memset(&r->b, 0, sizeof r->b);
  return st;
}

static brief_status reader_article(void *ctx, const brief_article *a,
                                   const char *name, brief_error *err) {
  reader *r = ctx;
  brief_status st = prepare(r->desk, a, name, &r->b, err);
  if (st == BRIEF_OK && r->b.items.n >= BF_DESK_BATCH) {
    st = reader_flush(r, &r->failure);
    r->failed = st != BRIEF_OK;
    if (err)
      *err = r->failure;
  }
  return st;
}

static void reader_warn(void *ctx, const char *message) {
  reader *r = ctx;
  warn(&r->b, BRIEF_DESK_WARNING, "%s", message);
}

static brief_status read_into(brief_desk *d, const char *path,
                              const brief_ingest_options *o, int jsonl,
                              brief_error *err) {
  if (!d || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_add: NULL argument");
  pthread_mutex_lock(&d->writer);
  reader r;
  memset(&r, 0, sizeof r);
  r.desk = d;
  bf_sink sink = {reader_article, reader_warn, NULL, &r};
  brief_status st = usable(d, err);
  if (st == BRIEF_OK)
    st = jsonl ? bf_read_jsonl(path, &sink, err)
               : bf_read_path(path, o, &sink, err);
  if (r.failed && err)
    *err = r.failure;
  if (st == BRIEF_OK && (r.b.items.n || r.b.events.n))
    st = reader_flush(&r, err);
  batch_release(&r.b);
  pthread_mutex_unlock(&d->writer);
  return st;
}

brief_status brief_desk_add_path(brief_desk *d, const char *path,
                                 const brief_ingest_options *o,
                                 brief_error *err) {
  return read_into(d, path, o, 0, err);
}

brief_status brief_desk_add_jsonl(brief_desk *d, const char *path,
                                  brief_error *err) {
  return read_into(d, path, NULL, 1, err);
}
