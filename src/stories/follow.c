/*
 * follow.c - a desk whose store other processes write (Redis): taking in
 * what they wrote since the last look, for the readers of brief_desk and
 * the brief workers.
 *
 * The store hands over the stories changed since and the articles added
 * since (store.h, follow); they are copied first and filed afterwards
 * under the lock in one go, so readers never see half of a look. Merges
 * go first (their members move), then the stories' own fields, then the
 * new articles, each filed in the story it is in now. The listener hears
 * of the new articles and the merges, as it would of articles added here.
 */
#include "stories/desk.h"

#include "core/arena.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct news {
  brief_desk *desk;
  bf_arena arena; /* the records' strings */
  BF_VEC(bf_stored_story) stories;
  BF_VEC(bf_stored_article) articles;
} news;

typedef struct heard {
  brief_desk_event_kind kind;
  uint32_t seq, story, other;
} heard;

typedef BF_VEC(heard) heard_list;

static uint64_t monotonic_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

/* ---- copying what the store hands over ----------------------------------- */

static brief_status note_story(void *ctx, const bf_stored_story *x,
                               brief_error *err) {
  news *n = ctx;
  bf_stored_story c = *x;
  c.headline = bf_arena_strdup(&n->arena, x->headline);
  c.names = bf_arena_strdup(&n->arena, x->names);
  if (!c.headline || !c.names || BF_VEC_PUSH(n->stories, c))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return BRIEF_OK;
}

static brief_status note_article(void *ctx, const bf_stored_article *x,
                                 brief_error *err) {
  news *n = ctx;
  if (x->seq != n->desk->articles.n + n->articles.n + 1 || !x->story)
    return bf_fail(err, BRIEF_ERR_PARSE, "desk: article %u out of order",
                   x->seq);
  bf_stored_article c = *x;
  c.id = bf_arena_strdup(&n->arena, x->id);
  c.source = bf_arena_strdup(&n->arena, x->source);
  c.url = bf_arena_strdup(&n->arena, x->url);
  c.title = bf_arena_strdup(&n->arena, x->title);
  c.date = bf_arena_strdup(&n->arena, x->date);
  c.text = NULL;
  c.len = 0;
  if (!c.id || !c.source || !c.url || !c.title || !c.date ||
      BF_VEC_PUSH(n->articles, c))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return BRIEF_OK;
}

/* ---- filing, under the lock ---------------------------------------------- */

static int hear(heard_list *h, brief_desk_event_kind kind, uint32_t seq,
                uint32_t story, uint32_t other) {
  heard e = {kind, seq, story, other};
  return BF_VEC_PUSH(*h, e);
}

/* Stories that joined another since the last look. */
static int file_merges(brief_desk *d, const news *n, heard_list *h) {
  for (size_t i = 0; i < n->stories.n; i++) {
    const bf_stored_story *x = &n->stories.v[i];
    uint32_t top = x->id > x->merged_into ? x->id : x->merged_into;
    if (bf_desk_story_at(d, top))
      return -1;
    if (!x->merged_into || d->stories.v[x->id - 1].merged_into)
      continue;
    uint32_t into = bf_desk_resolve(d, x->merged_into);
    if (!into || into == x->id)
      continue; /* a cycle would be damage: leave the story as it is */
    if (bf_desk_merge_records(d, x->id, into) ||
        hear(h, BRIEF_DESK_MERGED, 0, into, x->id))
      return -1;
    d->stories.v[x->id - 1].merged_into = x->merged_into;
  }
  return 0;
}

static void file_fields(brief_desk *d, const bf_stored_story *x) {
  bf_desk_story *s = &d->stories.v[x->id - 1];
  snprintf(s->headline, sizeof s->headline, "%s", x->headline);
  s->headline_from_title = x->headline_from_title;
  s->version = x->version;
  bf_desk_read_names(s, x->names);
}

static int file_news(brief_desk *d, const news *n, heard_list *h) {
  if (file_merges(d, n, h))
    return -1;
  for (size_t i = 0; i < n->stories.n; i++)
    file_fields(d, &n->stories.v[i]);
  for (size_t i = 0; i < n->articles.n; i++) {
    const bf_stored_article *x = &n->articles.v[i];
    if (bf_desk_story_at(d, x->story))
      return -1;
    uint32_t story = bf_desk_resolve(d, x->story);
    if (bf_desk_file_stored(d, x, story ? story : x->story) ||
        hear(h, BRIEF_DESK_ASSIGNED, x->seq, story, 0))
      return -1;
  }
  d->stored = (uint32_t)d->articles.n;
  return 0;
}

/* ---- telling the listener -------------------------------------------------
 */

static void tell(brief_desk *d, const heard_list *h) {
  if (!d->listener)
    return;
  for (size_t i = 0; i < h->n; i++) {
    const heard *e = &h->v[i];
    brief_desk_event ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = e->kind;
    ev.story = e->story;
    ev.other = e->other;
    if (e->kind == BRIEF_DESK_ASSIGNED) {
      const bf_desk_article *a = &d->articles.v[e->seq - 1];
      ev.article_id = a->id;
      ev.new_story = d->stories.v[e->story - 1].first_seq == e->seq;
      ev.copy_of = a->dup_of ? d->articles.v[a->dup_of - 1].id : NULL;
    }
    d->listener(d->listener_ctx, &ev);
  }
}

/* ---- following ------------------------------------------------------------
 */

brief_status bf_desk_follow(brief_desk *d, int force, brief_error *err) {
  if (!d->store->ops->follow)
    return BRIEF_OK;
  if (force) {
    pthread_mutex_lock(&d->writer);
  } else if (monotonic_ms() - atomic_load(&d->followed_ms) <
                 BF_DESK_FOLLOW_MS ||
             pthread_mutex_trylock(&d->writer)) {
    return BRIEF_OK;
  }
  news n;
  memset(&n, 0, sizeof n);
  n.desk = d;
  bf_arena_init(&n.arena);
  heard_list h = {0};
  bf_store_loader l = {note_story, note_article, &n};
  /* Only followers change the articles, and they hold `writer`. */
  brief_status st =
      d->store->ops->follow(d->store, (uint32_t)d->articles.n, &l, err);
  if (st == BRIEF_OK) {
    pthread_mutex_lock(&d->lock);
    int failed = file_news(d, &n, &h);
    pthread_mutex_unlock(&d->lock);
    if (failed)
      st = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  atomic_store(&d->followed_ms, monotonic_ms());
  if (st == BRIEF_OK)
    tell(d, &h);
  pthread_mutex_unlock(&d->writer);
  BF_VEC_FREE(h);
  BF_VEC_FREE(n.stories);
  BF_VEC_FREE(n.articles);
  bf_arena_release(&n.arena);
  return st;
}

void bf_desk_follow_soon(brief_desk *d) {
  brief_error err;
  bf_desk_follow(d, 0, &err);
}

brief_status brief_desk_follow(brief_desk *d, brief_error *err) {
  if (!d)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_follow: NULL argument");
  brief_status st = bf_desk_follow(d, 1, err);
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}
