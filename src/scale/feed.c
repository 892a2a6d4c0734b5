/*
 * feed.c - brief_feed: articles into brief:articles, in order, for the
 * ingest workers; sent a few dozen at a time, and held back (never dropped)
 * while the stream holds more than the backlog allowed. The ingest workers
 * trim what they have acknowledged, so the stream's length is the work
 * still waiting.
 */
#include "scale/scale.h"

#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  FEED_PIPE = 64,     /* articles sent in one round trip */
  WAIT_FIRST_MS = 20, /* waits while the backlog is full, doubling */
  WAIT_MAX_MS = 1000
};

struct brief_feed {
  brief_feed_options o;
  char url[1100];
  bf_redis *r;
  bf_cmd cmds[FEED_PIPE];
  size_t queued; /* commands built, not sent */
  size_t count;  /* articles sent */
  int said_waiting;
};

void brief_feed_options_init(brief_feed_options *o) {
  memset(o, 0, sizeof *o);
  o->max_backlog = BRIEF_FEED_MAX_BACKLOG;
  o->retry_seconds = BRIEF_REDIS_RETRY_SECONDS;
}

static void redis_log(void *ctx, const char *message) {
  const brief_feed *f = ctx;
  if (f->o.log)
    f->o.log(f->o.log_ctx, message);
}

brief_status brief_feed_open(const brief_feed_options *opts, brief_feed **out,
                             brief_error *err) {
  if (!opts || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_feed_open: NULL argument");
  *out = NULL;
  if (!opts->redis_url)
    return bf_fail(err, BRIEF_ERR_ARG, "feed: no Redis URL");
  if (opts->max_backlog < 1)
    return bf_fail(err, BRIEF_ERR_ARG, "feed: the backlog must be 1 or more");
  if (!(opts->retry_seconds >= 0 && opts->retry_seconds <= 86400))
    return bf_fail(err, BRIEF_ERR_ARG,
                   "feed: the retry time must be 0 to 86400 seconds");
  brief_feed *f = calloc(1, sizeof *f);
  if (!f)
    return bf_fail(err, BRIEF_ERR_NOMEM, "feed: out of memory");
  f->o = *opts;
  snprintf(f->url, sizeof f->url, "%s", opts->redis_url);
  f->o.redis_url = f->url;
  for (size_t i = 0; i < FEED_PIPE; i++)
    bf_cmd_init(&f->cmds[i]);
  bf_redis_config cfg = {f->o.retry_seconds, NULL, redis_log, f};
  brief_status st = bf_redis_open(f->url, &cfg, &f->r, err);
  if (st != BRIEF_OK) {
    brief_feed_close(f);
    return st;
  }
  *out = f;
  bf_ok(err);
  return BRIEF_OK;
}

/* ---- sending ----------------------------------------------------------------
 */

static brief_status backlog(brief_feed *f, uint64_t *n, brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XLEN", BF_KEY_ARTICLES, NULL);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(f->r, &c, &y, err);
  if (st == BRIEF_OK && !bf_reply_u64(y, n))
    st = bf_redis_reply_fail(f->r, y, "XLEN", err);
  bf_reply_free(y);
  bf_cmd_free(&c);
  return st;
}

/* How many articles may go now, waiting until at least one may. */
static brief_status wait_for_room(brief_feed *f, size_t *room,
                                  brief_error *err) {
  unsigned wait = WAIT_FIRST_MS;
  for (;;) {
    uint64_t n;
    brief_status st = backlog(f, &n, err);
    if (st != BRIEF_OK)
      return st;
    if (n < f->o.max_backlog) {
      *room = f->o.max_backlog - n;
      return BRIEF_OK;
    }
    if (!f->said_waiting && f->o.log) {
      char line[200];
      snprintf(line, sizeof line,
               "feed: %llu articles wait to be ingested; waiting for room",
               (unsigned long long)n);
      f->o.log(f->o.log_ctx, line);
    }
    f->said_waiting = 1;
    bf_sleep_ms(wait, NULL);
    wait = wait * 2 > WAIT_MAX_MS ? WAIT_MAX_MS : wait * 2;
  }
}

/* Sends the first `n` queued articles; the rest move to the front. */
static brief_status send_some(brief_feed *f, size_t n, brief_error *err) {
  bf_cmd *ptrs[FEED_PIPE];
  redisReply *y[FEED_PIPE];
  for (size_t i = 0; i < n; i++)
    ptrs[i] = &f->cmds[i];
  brief_status st = bf_redis_pipeline(f->r, ptrs, n, y, err);
  if (st != BRIEF_OK)
    return st;
  for (size_t i = 0; i < n; i++) {
    if (st == BRIEF_OK && y[i]->type != REDIS_REPLY_STRING)
      st = bf_redis_reply_fail(f->r, y[i], "XADD", err);
    bf_reply_free(y[i]);
  }
  if (st != BRIEF_OK)
    return st;
  for (size_t i = n; i < f->queued; i++) { /* rotate: commands are reused */
    bf_cmd sent = f->cmds[i - n];
    f->cmds[i - n] = f->cmds[i];
    f->cmds[i] = sent;
  }
  f->queued -= n;
  f->count += n;
  return BRIEF_OK;
}

brief_status brief_feed_flush(brief_feed *f, brief_error *err) {
  if (!f)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_feed_flush: NULL argument");
  brief_status st = BRIEF_OK;
  while (f->queued) {
    size_t room = 0;
    st = wait_for_room(f, &room, err);
    if (st == BRIEF_OK)
      st = send_some(f, room < f->queued ? room : f->queued, err);
    /* A connection lost on the way is opened again and the articles sent
     * again: one that got there twice is kept once (ids are the key). */
    if (st == BRIEF_ERR_IO && !bf_redis_lost(f->r)) {
      if (f->o.log)
        f->o.log(f->o.log_ctx, err ? err->message : "connection lost");
      continue;
    }
    if (st != BRIEF_OK)
      return st;
  }
  bf_ok(err);
  return BRIEF_OK;
}

/* What the ingest workers could never read is refused here. */
static brief_status check_article(const brief_article *a, const char *name,
                                  brief_error *err) {
  if (!a->id || !*a->id)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: article has no \"id\"", name);
  const char *meta[] = {a->id, a->source, a->url, a->title, a->date};
  for (size_t i = 0; i < 5; i++)
    if (meta[i] && strlen(meta[i]) > BF_ENTRY_FIELD_MAX)
      return bf_fail(err, BRIEF_ERR_TOO_LARGE, "%s: a field is over %d bytes",
                     name, BF_ENTRY_FIELD_MAX);
  if (!a->text && !a->html)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: article has neither text nor html",
                   name);
  size_t len = a->text ? a->text_len : a->html_len;
  if (len > BRIEF_MAX_ARTICLE_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %zu bytes is over the limit of %zu bytes per article",
                   name, len, BRIEF_MAX_ARTICLE_BYTES);
  return BRIEF_OK;
}

/* Queues an article check_article accepted. */
static brief_status queue_checked(brief_feed *f, const brief_article *a,
                                  const char *name, brief_error *err) {
  bf_cmd *c = &f->cmds[f->queued];
  bf_cmd_reset(c);
  bf_cmd_words(c, "XADD", BF_KEY_ARTICLES, "*", NULL);
  bf_entry_article_encode(c, a);
  if (c->oom || c->bytes.oom)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  if (++f->queued == FEED_PIPE)
    return brief_feed_flush(f, err);
  return BRIEF_OK;
}

static brief_status queue(brief_feed *f, const brief_article *a,
                          const char *name, brief_error *err) {
  brief_status st = check_article(a, name, err);
  return st == BRIEF_OK ? queue_checked(f, a, name, err) : st;
}

static void article_name(const brief_feed *f, const brief_article *a, size_t i,
                         char *name, size_t cap) {
  if (a->id && *a->id)
    snprintf(name, cap, "%.300s", a->id);
  else
    snprintf(name, cap, "article %zu", f->count + f->queued + i + 1);
}

/* Every article is checked before any is queued: a call is refused whole. */
brief_status brief_feed_add(brief_feed *f, const brief_article *articles,
                            size_t n, brief_error *err) {
  if (!f || (!articles && n))
    return bf_fail(err, BRIEF_ERR_ARG, "brief_feed_add: NULL argument");
  char name[320];
  brief_status st = BRIEF_OK;
  for (size_t i = 0; st == BRIEF_OK && i < n; i++) {
    article_name(f, &articles[i], i, name, sizeof name);
    st = check_article(&articles[i], name, err);
  }
  for (size_t i = 0; st == BRIEF_OK && i < n; i++) {
    article_name(f, &articles[i], 0, name, sizeof name);
    st = queue_checked(f, &articles[i], name, err);
  }
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}

/* ---- files ------------------------------------------------------------------
 */

static brief_status sink_article(void *ctx, const brief_article *a,
                                 const char *name, brief_error *err) {
  return queue(ctx, a, name, err);
}

static void sink_warn(void *ctx, const char *message) {
  const brief_feed *f = ctx;
  if (f->o.log)
    f->o.log(f->o.log_ctx, message);
}

static brief_status read_into(brief_feed *f, const char *path,
                              const brief_ingest_options *o, int jsonl,
                              brief_error *err) {
  if (!f || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_feed_add: NULL argument");
  bf_sink sink = {sink_article, sink_warn, NULL, f};
  brief_status st = jsonl ? bf_read_jsonl(path, &sink, err)
                          : bf_read_path(path, o, &sink, err);
  if (st == BRIEF_OK)
    st = brief_feed_flush(f, err);
  return st;
}

brief_status brief_feed_add_path(brief_feed *f, const char *path,
                                 const brief_ingest_options *o,
                                 brief_error *err) {
  return read_into(f, path, o, 0, err);
}

brief_status brief_feed_add_jsonl(brief_feed *f, const char *path,
                                  brief_error *err) {
  return read_into(f, path, NULL, 1, err);
}

size_t brief_feed_count(const brief_feed *f) {
  return f ? f->count : 0;
}

void brief_feed_close(brief_feed *f) {
  if (!f)
    return;
  brief_error ignored;
  if (f->r)
    brief_feed_flush(f, &ignored);
  for (size_t i = 0; i < FEED_PIPE; i++)
    bf_cmd_free(&f->cmds[i]);
  bf_redis_close(f->r);
  free(f);
}
