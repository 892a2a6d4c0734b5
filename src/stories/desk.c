/*
 * desk.c - the story desk object: options, opening (and continuing a stored
 * stream by replay), closing, the listener and counts.
 *
 * A stored desk is continued by replaying its articles, in arrival order,
 * through the features and assign stages: they are deterministic, so the
 * replay rebuilds the very state the stream had (document frequencies,
 * centroids, index, merges). If this brief assigns differently from the one
 * that wrote the database (its model changed), the database is brought in
 * line with the replay in one transaction.
 */
#include "stories/desk.h"

#include "core/error.h"
#include "core/redis.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void brief_desk_options_init(brief_desk_options *o) {
  memset(o, 0, sizeof *o);
  o->window_days = BRIEF_DESK_WINDOW_DAYS;
  o->merge = 1;
  o->redis_retry = BRIEF_REDIS_RETRY_SECONDS;
  brief_options_init(&o->brief);
}

/* ---- settings kept with a database --------------------------------------- */

/* A database keeps the window and merge setting it was created with: the
 * replay must see the stream exactly as it was assigned. */
static brief_status settle_settings(brief_desk *d, brief_error *err) {
  const bf_store_ops *ops = d->store->ops;
  const char *w = ops->setting(d->store, "window");
  if (w) {
    d->opts.window_days = atof(w);
    const char *m = ops->setting(d->store, "merge");
    d->opts.merge = m ? atoi(m) : 1;
    return BRIEF_OK;
  }
  if (d->opts.read_only)
    return BRIEF_OK;
  char buf[32];
  snprintf(buf, sizeof buf, "%.6g", d->opts.window_days);
  brief_status st = ops->set_setting(d->store, "window", buf, err);
  if (st == BRIEF_OK)
    st = ops->set_setting(d->store, "merge", d->opts.merge ? "1" : "0", err);
  return st;
}

/* ---- replay ----------------------------------------------------------------
 */

typedef struct replay {
  brief_desk *desk;
  BF_VEC(uint32_t) stored; /* the story each article had in the store */
  int failed;
} replay;

/* A replay rebuilds every story from its articles, but its version goes
 * on from the stored one: versions only grow, whoever writes next. */
static brief_status replay_story(void *ctx, const bf_stored_story *s,
                                 brief_error *err) {
  replay *r = ctx;
  if (bf_desk_story_at(r->desk, s->id))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  r->desk->stories.v[s->id - 1].version = s->version;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status replay_article(void *ctx, const bf_stored_article *x,
                                   brief_error *err) {
  replay *r = ctx;
  brief_desk *d = r->desk;
  if (x->seq != d->articles.n + 1)
    return bf_fail(err, BRIEF_ERR_PARSE, "desk: article %u out of order",
                   x->seq);
  bf_features f;
  bf_features_init(&f);
  bf_desk_article a;
  memset(&a, 0, sizeof a);
  a.id = bf_arena_strdup(&d->arena, x->id);
  a.source = bf_arena_strdup(&d->arena, x->source);
  a.url = bf_arena_strdup(&d->arena, x->url);
  a.title = bf_arena_strdup(&d->arena, x->title);
  snprintf(a.date, sizeof a.date, "%s", x->date);
  a.day = x->day;
  a.seen = x->seen;
  a.outlet = bf_desk_outlet(x->source, x->url);
  bf_assignment as;
  int is_new;
  int failed =
      !a.id || !a.source || !a.url || !a.title ||
      bf_featurize(d->fz, x->text, x->len, x->title, strlen(x->title), &f) ||
      bf_assign(d->assigner, &f, x->day, NULL, NULL, &as);
  if (!failed) {
    a.dup_of = as.dup_of;
    a.centrality = (float)bf_assigner_centrality(d->assigner, x->seq);
    failed =
        bf_desk_file(d, &a, &f, x->text, x->len, &as) ||
        !bf_keymap_intern(&d->ids, bf_hash(x->id, strlen(x->id)), &is_new) ||
        BF_VEC_PUSH(d->id_seq, x->seq) || BF_VEC_PUSH(r->stored, x->story) ||
        bf_desk_file_merges(d);
  }
  bf_features_release(&f);
  if (failed)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  if (x->day != BF_NO_DAY &&
      (d->stream_day == BF_NO_DAY || x->day > d->stream_day))
    d->stream_day = x->day;
  return BRIEF_OK;
}

/* Brings the store in line with the replay where they differ. */
static brief_status reconcile(brief_desk *d, const replay *r,
                              brief_error *err) {
  size_t differ = 0;
  for (size_t i = 0; i < r->stored.n; i++)
    differ += d->articles.v[i].story != r->stored.v[i];
  if (!differ || d->opts.read_only)
    return BRIEF_OK;
  const bf_store_ops *ops = d->store->ops;
  brief_status st = ops->begin(d->store, err);
  for (size_t i = 0; st == BRIEF_OK && i < r->stored.n; i++)
    if (d->articles.v[i].story != r->stored.v[i])
      st = ops->set_story_of(d->store, (uint32_t)i + 1, d->articles.v[i].story,
                             err);
  for (size_t i = 0; st == BRIEF_OK && i < d->stories.n; i++)
    st = bf_desk_store_story(d, (uint32_t)i + 1, err);
  if (st == BRIEF_OK)
    st = ops->commit(d->store, err);
  else
    ops->rollback(d->store);
  return st;
}

/* ---- reading without replay (read-only desks) ------------------------------
 */

/* The stored "key<TAB>count<TAB>name" lines back into the story. */
void bf_desk_read_names(bf_desk_story *s, const char *p) {
  s->nnames = 0;
  while (*p && s->nnames < BF_DESK_NAMES_KEPT) {
    size_t len = strcspn(p, "\n");
    bf_desk_name *nm = &s->names[s->nnames];
    unsigned long long key;
    unsigned count;
    int used = 0;
    if (sscanf(p, "%llx\t%u\t%n", &key, &count, &used) == 2 && used &&
        (size_t)used <= len) {
      nm->key = key;
      nm->count = count;
      snprintf(nm->text, sizeof nm->text, "%.*s", (int)(len - (size_t)used),
               p + used);
      s->nnames++;
    }
    p += len + (p[len] == '\n');
  }
}

static brief_status read_story(void *ctx, const bf_stored_story *x,
                               brief_error *err) {
  brief_desk *d = ctx;
  if (bf_desk_story_at(d, x->id))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  bf_desk_story *s = &d->stories.v[x->id - 1];
  snprintf(s->headline, sizeof s->headline, "%s", x->headline);
  s->headline_from_title = x->headline_from_title;
  s->version = x->version;
  s->merged_into = x->merged_into;
  bf_desk_read_names(s, x->names);
  bf_ok(err);
  return BRIEF_OK;
}

int bf_desk_file_stored(brief_desk *d, const bf_stored_article *x,
                        uint32_t story) {
  bf_desk_article a;
  memset(&a, 0, sizeof a);
  a.id = bf_arena_strdup(&d->arena, x->id);
  a.source = bf_arena_strdup(&d->arena, x->source);
  a.url = bf_arena_strdup(&d->arena, x->url);
  a.title = bf_arena_strdup(&d->arena, x->title);
  snprintf(a.date, sizeof a.date, "%s", x->date);
  a.day = x->day;
  a.seen = x->seen;
  a.story = story;
  a.dup_of = x->dup_of;
  a.centrality = x->centrality;
  a.outlet = bf_desk_outlet(x->source, x->url);
  int is_new;
  if (!a.id || !a.source || !a.url || !a.title || BF_VEC_PUSH(d->articles, a) ||
      bf_desk_story_at(d, story) ||
      !bf_keymap_intern(&d->ids, bf_hash(x->id, strlen(x->id)), &is_new) ||
      (is_new && BF_VEC_PUSH(d->id_seq, x->seq)))
    return -1;
  bf_desk_story *s = &d->stories.v[story - 1];
  if (BF_VEC_PUSH(s->members, x->seq) || bf_desk_add_outlet(s, a.outlet))
    return -1;
  if (!s->first_seq || x->seq < s->first_seq)
    s->first_seq = x->seq;
  if (x->seq > s->last_seq)
    s->last_seq = x->seq;
  bf_desk_note_days(s, x->day, x->day);
  bf_desk_note_activity(s, bf_desk_activity_day(d, &a), 1);
  if (x->day != BF_NO_DAY &&
      (d->stream_day == BF_NO_DAY || x->day > d->stream_day))
    d->stream_day = x->day;
  return 0;
}

static brief_status read_article(void *ctx, const bf_stored_article *x,
                                 brief_error *err) {
  brief_desk *d = ctx;
  if (x->seq != d->articles.n + 1 || !x->story)
    return bf_fail(err, BRIEF_ERR_PARSE, "desk: article %u out of order",
                   x->seq);
  if (bf_desk_file_stored(d, x, x->story))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return BRIEF_OK;
}

/* Continues from the stored snapshot of the assign stage when there is a
 * usable one: returns the articles it covers (0: replay them all). */
static uint32_t restore_snapshot(brief_desk *d, brief_error *err) {
  uint32_t covered;
  void *data;
  size_t len;
  if (d->store->ops->get_snapshot(d->store, &covered, &data, &len, err) !=
          BRIEF_OK ||
      !data)
    return 0;
  bf_assigner *a = bf_assigner_restore(&d->assign_cfg, data, len);
  free(data);
  if (!a || bf_assigner_article_count(a) != covered) {
    bf_assigner_free(a);
    return 0;
  }
  bf_assigner_free(d->assigner);
  d->assigner = a;
  d->snapshot_seq = covered;
  return covered;
}

/* Articles the snapshot covers are read back as they were stored; the
 * ones after it are replayed. */
static brief_status load_story(void *ctx, const bf_stored_story *x,
                               brief_error *err) {
  replay *r = ctx;
  return r->desk->snapshot_seq ? read_story(r->desk, x, err)
                               : replay_story(ctx, x, err);
}

static brief_status load_article(void *ctx, const bf_stored_article *x,
                                 brief_error *err) {
  replay *r = ctx;
  if (x->seq > r->desk->snapshot_seq)
    return replay_article(ctx, x, err);
  if (BF_VEC_PUSH(r->stored, x->story))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return read_article(r->desk, x, err);
}

static brief_status load(brief_desk *d, brief_error *err) {
  if (d->opts.read_only) {
    bf_store_loader l = {read_story, read_article, d};
    brief_status st = d->store->ops->load(d->store, &l, 0, err);
    d->stored = (uint32_t)d->articles.n;
    return st;
  }
  replay r;
  memset(&r, 0, sizeof r);
  r.desk = d;
  d->replayed = 1;
  uint32_t covered = restore_snapshot(d, err);
  bf_store_loader l = {load_story, load_article, &r};
  brief_status st = d->store->ops->load(d->store, &l, covered + 1, err);
  if (st == BRIEF_OK)
    st = reconcile(d, &r, err);
  d->stored = (uint32_t)d->articles.n;
  BF_VEC_FREE(r.stored);
  return st;
}

/* ---- life cycle ------------------------------------------------------------
 */

static brief_status open_store(brief_desk *d, brief_error *err) {
  if (d->store)
    return BRIEF_OK;
  if (d->opts.redis_url) {
    bf_redis_config cfg = {d->opts.redis_retry, NULL, NULL, NULL};
    return bf_store_redis_open(d->opts.redis_url, &cfg, 1, &d->store, err);
  }
  if (d->opts.db_path)
    return bf_store_sqlite_open(d->opts.db_path, d->opts.read_only, &d->store,
                                err);
  if (!(d->store = bf_store_memory_open()))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  return BRIEF_OK;
}

static brief_status open_parts(brief_desk *d, brief_error *err) {
  brief_status st = open_store(d, err);
  if (st == BRIEF_OK)
    st = settle_settings(d, err);
  if (st != BRIEF_OK)
    return st;
  bf_assign_config_init(&d->assign_cfg);
  d->assign_cfg.window_days = d->opts.window_days;
  d->assign_cfg.merge = d->opts.merge;
  d->fz = bf_featurizer_new();
  d->assigner = bf_assigner_new(&d->assign_cfg);
  if (!d->fz || !d->assigner || bf_keymap_init(&d->ids, 1024))
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  st = load(d, err);
  /* A store others write was read in parts: one follow makes it whole. */
  if (st == BRIEF_OK && d->store->ops->follow)
    st = bf_desk_follow(d, 1, err);
  return st;
}

static brief_status open_desk(const brief_desk_options *opts, bf_store *store,
                              brief_desk **out, brief_error *err) {
  if (!out) {
    if (store)
      store->ops->close(store);
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_open: NULL argument");
  }
  *out = NULL;
  brief_desk_options o;
  if (opts)
    o = *opts;
  else
    brief_desk_options_init(&o);
  brief_status st = BRIEF_OK;
  if (o.redis_url && o.db_path)
    st = bf_fail(err, BRIEF_ERR_ARG,
                 "desk: give a database or a Redis URL, "
                 "not both");
  else if (!(o.window_days >= 0) || !isfinite(o.window_days))
    st = bf_fail(err, BRIEF_ERR_ARG,
                 "desk: the window must be 0 or more days (got %g)",
                 o.window_days);
  else if (!(o.redis_retry >= 0) || !isfinite(o.redis_retry))
    st = bf_fail(err, BRIEF_ERR_ARG,
                 "desk: the Redis retry time must be 0 or more seconds");
  if (st == BRIEF_OK)
    st = brief_options_check(&o.brief, err);
  brief_desk *d = st == BRIEF_OK ? calloc(1, sizeof *d) : NULL;
  if (st == BRIEF_OK && !d)
    st = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  if (st != BRIEF_OK) {
    if (store)
      store->ops->close(store);
    return st;
  }
  if (o.redis_url)
    o.read_only = 1; /* the assign workers write it */
  d->opts = o;
  d->store = store;
  d->stream_day = BF_NO_DAY;
  d->wordnet = o.brief.wordnet;
  if (!d->wordnet && brief_wordnet_open(o.brief.wordnet_dir, &d->wordnet_owned,
                                        NULL) == BRIEF_OK)
    d->wordnet = d->wordnet_owned;
  bf_arena_init(&d->arena);
  pthread_mutex_init(&d->writer, NULL);
  pthread_mutex_init(&d->lock, NULL);
  pthread_cond_init(&d->built, NULL);
  st = open_parts(d, err);
  if (st != BRIEF_OK) {
    brief_desk_close(d);
    return st;
  }
  *out = d;
  bf_ok(err);
  return BRIEF_OK;
}

brief_status brief_desk_open(const brief_desk_options *opts, brief_desk **out,
                             brief_error *err) {
  return open_desk(opts, NULL, out, err);
}

brief_status bf_desk_open_store(const brief_desk_options *opts, bf_store *store,
                                brief_desk **out, brief_error *err) {
  return open_desk(opts, store, out, err);
}

/* A desk that goes on later starts from here, not from its last
 * snapshot. Best effort: the stored batches are whole either way. */
static void snapshot_on_close(brief_desk *d) {
  brief_error err;
  if (!d->store || !d->replayed || d->failed[0] || !d->store->durable ||
      d->articles.n <= d->snapshot_seq)
    return;
  const bf_store_ops *ops = d->store->ops;
  if (ops->begin(d->store, &err) != BRIEF_OK)
    return;
  if (bf_desk_store_snapshot(d, &err) != BRIEF_OK ||
      ops->commit(d->store, &err) != BRIEF_OK)
    ops->rollback(d->store);
}

void brief_desk_close(brief_desk *d) {
  if (!d)
    return;
  snapshot_on_close(d);
  for (size_t i = 0; i < d->stories.n; i++) {
    bf_desk_story *s = &d->stories.v[i];
    BF_VEC_FREE(s->members);
    BF_VEC_FREE(s->outlets);
    bf_cached_brief_release(s->brief);
  }
  BF_VEC_FREE(d->stories);
  BF_VEC_FREE(d->articles);
  BF_VEC_FREE(d->id_seq);
  if (d->ids.ids)
    bf_keymap_release(&d->ids);
  bf_assigner_free(d->assigner);
  bf_featurizer_free(d->fz);
  if (d->store)
    d->store->ops->close(d->store);
  bf_arena_release(&d->arena);
  brief_wordnet_close(d->wordnet_owned);
  pthread_cond_destroy(&d->built);
  pthread_mutex_destroy(&d->lock);
  pthread_mutex_destroy(&d->writer);
  free(d);
}

void brief_desk_set_listener(brief_desk *d, brief_desk_listener fn, void *ctx) {
  pthread_mutex_lock(&d->writer);
  d->listener = fn;
  d->listener_ctx = ctx;
  pthread_mutex_unlock(&d->writer);
}

size_t brief_desk_article_count(const brief_desk *d) {
  brief_desk *m = (brief_desk *)d;
  pthread_mutex_lock(&m->lock);
  size_t n = d->articles.n;
  pthread_mutex_unlock(&m->lock);
  return n;
}

size_t brief_desk_story_count(const brief_desk *d) {
  brief_desk *m = (brief_desk *)d;
  size_t n = 0;
  pthread_mutex_lock(&m->lock);
  for (size_t i = 0; i < d->stories.n; i++)
    n += !d->stories.v[i].merged_into;
  pthread_mutex_unlock(&m->lock);
  return n;
}
