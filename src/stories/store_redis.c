/*
 * store_redis.c - the story desk's store in Redis (see store.h): written by
 * the one active assigner, read by any number of processes meanwhile.
 *
 * Keys (core/redis.h): the desk hash (epoch, counts, the assigner's cursor,
 * settings, schema), one hash per article (by arrival number) and per
 * story, article id -> arrival number, the stories scored by the epoch they
 * last changed at, the snapshot, and one entry per story version on the
 * story-updates stream for the brief workers.
 *
 * A batch is one Lua script: it runs only while the writer holds the assign
 * lease and the desk is still at the epoch this writer last committed, so
 * a batch lands whole or not at all, a writer that lost its lease cannot
 * write, and a Redis that lost its last writes (restarted from an older
 * file) is noticed instead of being written over. Every write is keyed by
 * arrival number, article id, story id and version: a batch replayed after
 * a failover writes the same values again.
 *
 * A merged story keeps its articles' records: its own record names the
 * story it joined, and readers resolve it.
 */
#include "stories/store.h"

#include "core/corpus.h"
#include "core/error.h"
#include "core/redis.h"
#include "core/text.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  SCHEMA = 1,
  CHUNK = 512,        /* records read per round trip */
  RESOLVE_STEPS = 64, /* merges followed at most from one story */
  SETTINGS = 8
};

/* KEYS[1] the lease, KEYS[2] the desk; ARGV[1] the writer's token, ARGV[2]
 * the epoch it expects, then each command as its word count and words. */
static const char commit_script[] =
    "if redis.call('GET', KEYS[1]) ~= ARGV[1] then "
    "return redis.error_reply('BRIEFLEASE this writer lost the assign "
    "lease') end "
    "local e = redis.call('HGET', KEYS[2], 'epoch') or '0' "
    "if e ~= ARGV[2] then "
    "return redis.error_reply('BRIEFSTATE the desk is at epoch ' .. e .. "
    "', not ' .. ARGV[2]) end "
    "local i = 3 "
    "while i <= #ARGV do "
    "local n = tonumber(ARGV[i]) "
    "redis.call(unpack(ARGV, i + 1, i + n)) "
    "i = i + n + 1 end "
    "return 'OK'";

/* KEYS[1] the desk, KEYS[2] the changed stories; ARGV[1] the epoch last
 * seen. The epoch and stories first, the article count last. */
static const char follow_script[] =
    "local out = {redis.call('HGET', KEYS[1], 'epoch') or '0'} "
    "local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ARGV[1], "
    "'+inf') "
    "local stories = {} "
    "for _, id in ipairs(ids) do "
    "stories[#stories + 1] = id "
    "stories[#stories + 1] = redis.call('HGETALL', 'brief:story:' .. id) end "
    "out[2] = redis.call('HGET', KEYS[1], 'articles') or '0' "
    "out[3] = stories "
    "return out";

/* KEYS[1] the brief; ARGV: version, articles through, built at, JSON. */
static const char put_brief_script[] =
    "local v = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1') "
    "if v >= tonumber(ARGV[1]) then return 0 end "
    "redis.call('HSET', KEYS[1], 'version', ARGV[1], 'through', ARGV[2], "
    "'built', ARGV[3], 'json', ARGV[4]) "
    "return 1";

typedef struct setting {
  char key[16], value[48];
} setting;

typedef struct redis_store {
  bf_store base;
  bf_redis *w; /* batches, loads, follows */
  bf_redis *r; /* texts and briefs, for reader threads */
  pthread_mutex_t r_lock;
  int read_only;
  bf_cmd batch; /* the commit script being built */
  bf_cmd also;  /* commands for the next commit, counted as in batch */
  int in_batch;
  uint64_t epoch; /* as of the last commit, load or follow */
  uint32_t articles, stories;
  uint32_t batch_articles, batch_stories;
  char token[64];
  char cursor[48], next_cursor[48];
  setting settings[SETTINGS];
  size_t nsettings;
  char setting_value[48];
} redis_store;

static const char *name_of(const redis_store *s) {
  return bf_redis_name(s->w);
}

/* ---- parsing what Redis holds ------------------------------------------ */

static int parse_u32(const redisReply *y, uint32_t *out) {
  uint64_t v;
  if (!bf_reply_u64(y, &v) || v > UINT32_MAX)
    return -1;
  *out = (uint32_t)v;
  return 0;
}

/* A string reply of 1 to cap - 1 bytes copied to buf, NUL-terminated;
 * NULL for anything else. */
static const char *number_text(const redisReply *y, char *buf, size_t cap) {
  size_t len;
  const char *s = bf_reply_text(y, &len);
  if (!y || y->type != REDIS_REPLY_STRING || !len || len >= cap)
    return NULL;
  memcpy(buf, s, len);
  buf[len] = '\0';
  return buf;
}

/* "" is no day; else a signed day number. */
static int parse_day(const redisReply *y, int32_t *out) {
  if (y && y->type == REDIS_REPLY_STRING && y->len == 0) {
    *out = BF_NO_DAY;
    return 0;
  }
  char buf[16], *end;
  if (!number_text(y, buf, sizeof buf))
    return -1;
  errno = 0;
  long v = strtol(buf, &end, 10);
  if (errno || *end || v <= BF_NO_DAY || v > INT32_MAX)
    return -1;
  *out = (int32_t)v;
  return 0;
}

static int parse_i64(const redisReply *y, int64_t *out) {
  char buf[24], *end;
  if (!number_text(y, buf, sizeof buf))
    return -1;
  errno = 0;
  long long v = strtoll(buf, &end, 10);
  if (errno || *end)
    return -1;
  *out = v;
  return 0;
}

static int parse_float(const redisReply *y, float *out) {
  char buf[40], *end;
  if (!number_text(y, buf, sizeof buf))
    return -1;
  double v = strtod(buf, &end);
  if (*end || !(v >= -1.0 && v <= 1.0))
    return -1;
  *out = (float)v;
  return 0;
}

/* A text field: valid UTF-8 without NUL (NUL-terminated by hiredis). */
static const char *text_of(const redisReply *y) {
  if (!y || y->type != REDIS_REPLY_STRING ||
      bf_utf8_invalid_at(y->str, y->len) != y->len || strlen(y->str) != y->len)
    return NULL;
  return y->str;
}

static const char *const story_fields[] = {
    "version",   "merged_into", "headline",  "from_title",
    "articles",  "outlets",     "first_day", "last_day",
    "first_seq", "last_seq",    "names"};

static int parse_story(const redisReply *h, uint32_t id, bf_stored_story *x) {
  const redisReply *f[11];
  for (size_t i = 0; i < 11; i++)
    if (!(f[i] = bf_reply_field(h, story_fields[i])))
      return -1;
  uint32_t from_title;
  memset(x, 0, sizeof *x);
  x->id = id;
  x->headline = text_of(f[2]);
  x->names = text_of(f[10]);
  if (parse_u32(f[0], &x->version) || parse_u32(f[1], &x->merged_into) ||
      parse_u32(f[3], &from_title) || parse_u32(f[4], &x->articles) ||
      parse_u32(f[5], &x->outlets) || parse_day(f[6], &x->first_day) ||
      parse_day(f[7], &x->last_day) || parse_u32(f[8], &x->first_seq) ||
      parse_u32(f[9], &x->last_seq) || !x->headline || !x->names ||
      x->merged_into == id)
    return -1;
  x->headline_from_title = from_title != 0;
  return 0;
}

static const char *const article_fields[] = {
    "id",   "source", "url",    "title",      "date", "day",
    "seen", "story",  "dup_of", "centrality", "text"};
enum { ARTICLE_FIELDS = 11, ARTICLE_TEXT = 10 };

/* An HMGET of article_fields (the text last, when asked for). */
static int parse_article(const redisReply *y, uint32_t seq, int with_text,
                         bf_stored_article *a) {
  size_t want = with_text ? ARTICLE_FIELDS : ARTICLE_FIELDS - 1;
  if (!y || y->type != REDIS_REPLY_ARRAY || y->elements != want)
    return -1;
  redisReply **f = y->element;
  memset(a, 0, sizeof *a);
  a->seq = seq;
  a->id = text_of(f[0]);
  a->source = text_of(f[1]);
  a->url = text_of(f[2]);
  a->title = text_of(f[3]);
  a->date = text_of(f[4]);
  if (!a->id || !*a->id || !a->source || !a->url || !a->title || !a->date ||
      strlen(a->date) > 10 || parse_day(f[5], &a->day) ||
      parse_i64(f[6], &a->seen) || parse_u32(f[7], &a->story) || !a->story ||
      parse_u32(f[8], &a->dup_of) || a->dup_of >= seq ||
      parse_float(f[9], &a->centrality))
    return -1;
  if (with_text) {
    a->text = text_of(f[ARTICLE_TEXT]);
    if (!a->text || f[ARTICLE_TEXT]->len > BRIEF_MAX_ARTICLE_BYTES)
      return -1;
    a->len = f[ARTICLE_TEXT]->len;
  }
  return 0;
}

static brief_status damaged(const redis_store *s, const char *what, uint32_t n,
                            brief_error *err) {
  return bf_fail(err, BRIEF_ERR_PARSE, "%s: the desk is damaged (%s %u)",
                 name_of(s), what, n);
}

/* ---- batches --------------------------------------------------------------
 */

/* Starts one command of the script: its word count, then its words. */
static void group(redis_store *s, size_t words) {
  bf_cmd_u64(&s->batch, words);
}

static brief_status writable(redis_store *s, brief_error *err) {
  if (s->read_only)
    return bf_fail(err, BRIEF_ERR_IO, "%s: opened read-only", name_of(s));
  if (!s->token[0])
    return bf_fail(err, BRIEF_ERR_IO, "%s: no assign lease to write under",
                   name_of(s));
  return BRIEF_OK;
}

static brief_status rds_begin(bf_store *st, brief_error *err) {
  redis_store *s = (redis_store *)st;
  brief_status status = writable(s, err);
  if (status != BRIEF_OK)
    return status;
  bf_cmd_reset(&s->batch);
  bf_cmd_words(&s->batch, "EVAL", commit_script, "2", BF_KEY_LEASE, BF_KEY_DESK,
               NULL);
  bf_cmd_str(&s->batch, s->token);
  bf_cmd_u64(&s->batch, s->epoch);
  s->batch_articles = s->articles;
  s->batch_stories = s->stories;
  s->in_batch = 1;
  bf_ok(err);
  return BRIEF_OK;
}

static void day_arg(bf_cmd *c, int32_t day) {
  if (day == BF_NO_DAY)
    bf_cmd_str(c, "");
  else
    bf_cmd_i64(c, day);
}

static brief_status rds_put_article(bf_store *st, const bf_stored_article *a,
                                    brief_error *err) {
  redis_store *s = (redis_store *)st;
  bf_cmd *c = &s->batch;
  group(s, 2 + 2 * ARTICLE_FIELDS);
  bf_cmd_str(c, "HSET");
  bf_cmd_printf(c, BF_KEY_ARTICLE "%u", a->seq);
  const char *strings[] = {a->id, a->source, a->url, a->title, a->date};
  for (size_t i = 0; i < 5; i++) {
    bf_cmd_str(c, article_fields[i]);
    bf_cmd_str(c, strings[i]);
  }
  bf_cmd_str(c, "day");
  day_arg(c, a->day);
  bf_cmd_str(c, "seen");
  bf_cmd_i64(c, a->seen);
  bf_cmd_str(c, "story");
  bf_cmd_u64(c, a->story);
  bf_cmd_str(c, "dup_of");
  bf_cmd_u64(c, a->dup_of);
  bf_cmd_str(c, "centrality");
  bf_cmd_printf(c, "%.9g", (double)a->centrality);
  bf_cmd_str(c, "text");
  bf_cmd_arg(c, a->text, a->len);
  group(s, 4);
  bf_cmd_words(c, "HSET", BF_KEY_IDS, a->id, NULL);
  bf_cmd_u64(c, a->seq);
  if (a->seq > s->batch_articles)
    s->batch_articles = a->seq;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status rds_put_story(bf_store *st, const bf_stored_story *x,
                                  brief_error *err) {
  redis_store *s = (redis_store *)st;
  bf_cmd *c = &s->batch;
  group(s, 2 + 2 * 11);
  bf_cmd_str(c, "HSET");
  bf_cmd_printf(c, BF_KEY_STORY "%u", x->id);
  const uint32_t nums[] = {x->version, x->merged_into,
                           (uint32_t)x->headline_from_title, x->articles,
                           x->outlets};
  const int num_at[] = {0, 1, 3, 4, 5};
  for (size_t i = 0; i < 5; i++) {
    bf_cmd_str(c, story_fields[num_at[i]]);
    bf_cmd_u64(c, nums[i]);
  }
  bf_cmd_words(c, "headline", x->headline, "names", x->names, NULL);
  bf_cmd_str(c, "first_day");
  day_arg(c, x->first_day);
  bf_cmd_str(c, "last_day");
  day_arg(c, x->last_day);
  bf_cmd_str(c, "first_seq");
  bf_cmd_u64(c, x->first_seq);
  bf_cmd_str(c, "last_seq");
  bf_cmd_u64(c, x->last_seq);
  group(s, 4);
  bf_cmd_words(c, "ZADD", BF_KEY_CHANGED, NULL);
  bf_cmd_u64(c, s->epoch + 1);
  bf_cmd_u64(c, x->id);
  group(s, 7);
  bf_cmd_words(c, "XADD", BF_KEY_UPDATES, "*", "story", NULL);
  bf_cmd_u64(c, x->id);
  bf_cmd_str(c, "version");
  bf_cmd_u64(c, x->version);
  if (x->id > s->batch_stories)
    s->batch_stories = x->id;
  bf_ok(err);
  return BRIEF_OK;
}

/* Articles keep the story they joined; the record of story `from` names
 * `into` (put_story), and readers resolve it. */
static brief_status rds_move(bf_store *st, uint32_t from, uint32_t into,
                             brief_error *err) {
  (void)st, (void)from, (void)into;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status rds_set_story_of(bf_store *st, uint32_t seq, uint32_t story,
                                     brief_error *err) {
  redis_store *s = (redis_store *)st;
  group(s, 4);
  bf_cmd_str(&s->batch, "HSET");
  bf_cmd_printf(&s->batch, BF_KEY_ARTICLE "%u", seq);
  bf_cmd_str(&s->batch, "story");
  bf_cmd_u64(&s->batch, story);
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status rds_put_snapshot(bf_store *st, uint32_t articles,
                                     const void *data, size_t len,
                                     brief_error *err) {
  redis_store *s = (redis_store *)st;
  group(s, 3);
  bf_cmd_words(&s->batch, "SET", BF_KEY_SNAPSHOT, NULL);
  bf_cmd_arg(&s->batch, data, len);
  group(s, 4);
  bf_cmd_words(&s->batch, "HSET", BF_KEY_DESK, "snapshot", NULL);
  bf_cmd_u64(&s->batch, articles);
  bf_ok(err);
  return BRIEF_OK;
}

int bf_store_redis_also(bf_store *st, const bf_cmd *c) {
  redis_store *s = (redis_store *)st;
  if (c->oom)
    return -1;
  bf_cmd_u64(&s->also, bf_cmd_argc(c));
  for (size_t i = 0; i < bf_cmd_argc(c); i++)
    bf_cmd_arg(&s->also, c->bytes.s + c->start.v[i], c->len.v[i]);
  return s->also.oom ? -1 : 0;
}

/* The commands given for this commit, and the desk's own fields. */
static void close_batch(redis_store *s) {
  bf_cmd *c = &s->batch;
  for (size_t i = 0; i < bf_cmd_argc(&s->also); i++)
    bf_cmd_arg(c, s->also.bytes.s + s->also.start.v[i], s->also.len.v[i]);
  if (s->also.oom)
    c->oom = 1;
  bf_cmd_reset(&s->also);
  int cursor = s->next_cursor[0] != '\0';
  group(s, 12 + (cursor ? 2 : 0));
  bf_cmd_words(c, "HSET", BF_KEY_DESK, "schema", NULL);
  bf_cmd_u64(c, SCHEMA);
  bf_cmd_str(c, "epoch");
  bf_cmd_u64(c, s->epoch + 1);
  bf_cmd_str(c, "articles");
  bf_cmd_u64(c, s->batch_articles);
  bf_cmd_str(c, "stories");
  bf_cmd_u64(c, s->batch_stories);
  bf_cmd_str(c, "committed");
  bf_cmd_u64(c, bf_wall_ms());
  if (cursor) {
    bf_cmd_words(c, "cursor", s->next_cursor, NULL);
    /* Everything before the cursor is in the desk: the stream can go. */
    group(s, 4);
    bf_cmd_words(c, "XTRIM", BF_KEY_FEATURES, "MINID", s->next_cursor, NULL);
  }
}

static brief_status rds_commit(bf_store *st, brief_error *err) {
  redis_store *s = (redis_store *)st;
  if (!s->in_batch)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: commit without a batch",
                   name_of(s));
  close_batch(s);
  s->in_batch = 0;
  redisReply *y = NULL;
  brief_status status = bf_redis_run(s->w, &s->batch, &y, err);
  bf_reply_free(y);
  if (status != BRIEF_OK)
    return status;
  s->epoch++;
  s->articles = s->batch_articles;
  s->stories = s->batch_stories;
  if (s->next_cursor[0])
    memcpy(s->cursor, s->next_cursor, sizeof s->cursor);
  s->next_cursor[0] = '\0';
  return BRIEF_OK;
}

static void rds_rollback(bf_store *st) {
  redis_store *s = (redis_store *)st;
  s->in_batch = 0;
  s->next_cursor[0] = '\0';
  bf_cmd_reset(&s->also);
}

/* ---- settings ------------------------------------------------------------ */

static const char *rds_setting(bf_store *st, const char *key) {
  redis_store *s = (redis_store *)st;
  for (size_t i = 0; i < s->nsettings; i++)
    if (!strcmp(s->settings[i].key, key)) {
      memcpy(s->setting_value, s->settings[i].value, sizeof s->setting_value);
      return s->setting_value;
    }
  return NULL;
}

static void remember_setting(redis_store *s, const char *key,
                             const char *value) {
  size_t i = 0;
  while (i < s->nsettings && strcmp(s->settings[i].key, key))
    i++;
  if (i == SETTINGS)
    return;
  snprintf(s->settings[i].key, sizeof s->settings[i].key, "%s", key);
  snprintf(s->settings[i].value, sizeof s->settings[i].value, "%s", value);
  if (i == s->nsettings)
    s->nsettings++;
}

/* A setting outside a batch is a batch of its own. */
static brief_status rds_set_setting(bf_store *st, const char *key,
                                    const char *value, brief_error *err) {
  redis_store *s = (redis_store *)st;
  int own = !s->in_batch;
  brief_status status = own ? rds_begin(st, err) : BRIEF_OK;
  if (status != BRIEF_OK)
    return status;
  char field[32];
  snprintf(field, sizeof field, "setting:%.20s", key);
  group(s, 4);
  bf_cmd_words(&s->batch, "HSET", BF_KEY_DESK, field, value, NULL);
  status = own ? rds_commit(st, err) : BRIEF_OK;
  if (status == BRIEF_OK)
    remember_setting(s, key, value);
  return status;
}

/* ---- reading ------------------------------------------------------------- */

/* Reads the desk hash: epoch, counts, cursor and settings. */
static brief_status read_desk(redis_store *s, int *exists, brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HGETALL", BF_KEY_DESK, NULL);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(s->w, &c, &y, err);
  bf_cmd_free(&c);
  if (st != BRIEF_OK) {
    bf_reply_free(y);
    return st;
  }
  *exists = y->type == REDIS_REPLY_ARRAY && y->elements > 0;
  uint64_t schema = 0, epoch = 0;
  uint32_t articles = 0, stories = 0;
  const redisReply *cur = bf_reply_field(y, "cursor");
  if (*exists && (!bf_reply_u64(bf_reply_field(y, "schema"), &schema) ||
                  !bf_reply_u64(bf_reply_field(y, "epoch"), &epoch) ||
                  parse_u32(bf_reply_field(y, "articles"), &articles) ||
                  parse_u32(bf_reply_field(y, "stories"), &stories)))
    st = bf_fail(err, BRIEF_ERR_PARSE,
                 "%s: " BF_KEY_DESK " is not a brief desk", name_of(s));
  else if (schema > SCHEMA)
    st = bf_fail(err, BRIEF_ERR_UNSUPPORTED,
                 "%s: the desk was written by a newer brief (schema %llu; this "
                 "brief reads up to %d)",
                 name_of(s), (unsigned long long)schema, SCHEMA);
  for (size_t i = 0; st == BRIEF_OK && *exists && i + 1 < y->elements; i += 2) {
    const char *k = bf_reply_text(y->element[i], NULL);
    if (!strncmp(k, "setting:", 8))
      remember_setting(s, k + 8, bf_reply_text(y->element[i + 1], NULL));
  }
  if (st == BRIEF_OK) {
    s->epoch = epoch;
    s->articles = articles;
    s->stories = stories;
    snprintf(s->cursor, sizeof s->cursor, "%s", bf_reply_text(cur, NULL));
  }
  bf_reply_free(y);
  return st;
}

/* The story a merged story joined, followed to the one it is in now. */
static uint32_t resolve(const uint32_t *merged, uint32_t n, uint32_t id) {
  for (int i = 0; i < RESOLVE_STEPS && id <= n && merged[id]; i++)
    id = merged[id];
  return id;
}

/* Runs `n` commands built by `fill` (one per record from `first`) and
 * hands each reply to `take`. */
typedef void (*fill_fn)(bf_cmd *c, uint32_t key, void *ctx);
typedef brief_status (*take_fn)(redisReply *y, uint32_t key, void *ctx,
                                brief_error *err);

static brief_status each_record(bf_redis *conn, uint32_t first, uint32_t last,
                                fill_fn fill, take_fn take, void *ctx,
                                brief_error *err) {
  bf_cmd cmds[CHUNK];
  bf_cmd *ptrs[CHUNK];
  redisReply *replies[CHUNK];
  for (size_t i = 0; i < CHUNK; i++) {
    bf_cmd_init(&cmds[i]);
    ptrs[i] = &cmds[i];
  }
  brief_status st = BRIEF_OK;
  for (uint32_t at = first; st == BRIEF_OK && at <= last && at >= first;) {
    size_t n = last - at + 1 < CHUNK ? last - at + 1 : CHUNK;
    for (size_t i = 0; i < n; i++) {
      bf_cmd_reset(&cmds[i]);
      fill(&cmds[i], at + (uint32_t)i, ctx);
    }
    st = bf_redis_pipeline(conn, ptrs, n, replies, err);
    for (size_t i = 0; i < n && st == BRIEF_OK; i++)
      st = take(replies[i], at + (uint32_t)i, ctx, err);
    for (size_t i = 0; i < n; i++)
      bf_reply_free(replies[i]);
    if ((uint64_t)at + n > UINT32_MAX)
      break;
    at += (uint32_t)n;
  }
  for (size_t i = 0; i < CHUNK; i++)
    bf_cmd_free(&cmds[i]);
  return st;
}

typedef struct loading {
  redis_store *s;
  const bf_store_loader *l;
  uint32_t texts_from;
  uint32_t *merged; /* story -> the story it joined (0), by id */
  uint32_t nstories;
  int resolve; /* give articles the story they are in now */
} loading;

static void fill_story(bf_cmd *c, uint32_t id, void *ctx) {
  (void)ctx;
  bf_cmd_str(c, "HGETALL");
  bf_cmd_printf(c, BF_KEY_STORY "%u", id);
}

static brief_status take_story(redisReply *y, uint32_t id, void *ctx,
                               brief_error *err) {
  loading *g = ctx;
  bf_stored_story x;
  if (parse_story(y, id, &x))
    return damaged(g->s, "story", id, err);
  if (g->merged && id <= g->nstories)
    g->merged[id] = x.merged_into <= g->nstories ? x.merged_into : 0;
  return g->l->story(g->l->ctx, &x, err);
}

static void fill_article(bf_cmd *c, uint32_t seq, void *ctx) {
  loading *g = ctx;
  int with_text = g->texts_from && seq >= g->texts_from;
  bf_cmd_str(c, "HMGET");
  bf_cmd_printf(c, BF_KEY_ARTICLE "%u", seq);
  for (size_t i = 0; i < (with_text ? ARTICLE_FIELDS : ARTICLE_FIELDS - 1); i++)
    bf_cmd_str(c, article_fields[i]);
}

static brief_status take_article(redisReply *y, uint32_t seq, void *ctx,
                                 brief_error *err) {
  loading *g = ctx;
  bf_stored_article a;
  if (parse_article(y, seq, g->texts_from && seq >= g->texts_from, &a))
    return damaged(g->s, "article", seq, err);
  if (g->resolve)
    a.story = resolve(g->merged, g->nstories, a.story);
  return g->l->article(g->l->ctx, &a, err);
}

static brief_status rds_load(bf_store *st, const bf_store_loader *l,
                             uint32_t texts_from, brief_error *err) {
  redis_store *s = (redis_store *)st;
  int exists;
  brief_status status = read_desk(s, &exists, err);
  if (status != BRIEF_OK)
    return status;
  loading g = {s, l, texts_from, NULL, s->stories, 1};
  g.merged = calloc((size_t)s->stories + 1, sizeof *g.merged);
  if (!g.merged)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name_of(s));
  status = each_record(s->w, 1, s->stories, fill_story, take_story, &g, err);
  if (status == BRIEF_OK)
    status =
        each_record(s->w, 1, s->articles, fill_article, take_article, &g, err);
  free(g.merged);
  return status;
}

static brief_status rds_follow(bf_store *st, uint32_t after,
                               const bf_store_loader *l, brief_error *err) {
  redis_store *s = (redis_store *)st;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "EVAL", follow_script, "2", BF_KEY_DESK, BF_KEY_CHANGED,
               NULL);
  bf_cmd_u64(&c, s->epoch);
  redisReply *y = NULL;
  brief_status status = bf_redis_run(s->w, &c, &y, err);
  bf_cmd_free(&c);
  uint64_t epoch = 0;
  uint32_t articles = 0;
  if (status == BRIEF_OK && (y->type != REDIS_REPLY_ARRAY || y->elements != 3 ||
                             !bf_reply_u64(y->element[0], &epoch) ||
                             parse_u32(y->element[1], &articles) ||
                             y->element[2]->type != REDIS_REPLY_ARRAY))
    status = bf_redis_reply_fail(s->w, y, "following the desk", err);
  if (status == BRIEF_OK && (epoch < s->epoch || articles < after))
    status = bf_fail(err, BRIEF_ERR_IO,
                     "%s: the desk went back (epoch %llu, %u articles; had "
                     "seen %llu, %u): Redis lost its last writes",
                     name_of(s), (unsigned long long)epoch, articles,
                     (unsigned long long)s->epoch, after);
  loading g = {s, l, 0, NULL, 0, 0};
  const redisReply *stories = status == BRIEF_OK ? y->element[2] : NULL;
  for (size_t i = 0; stories && status == BRIEF_OK && i + 1 < stories->elements;
       i += 2) {
    uint32_t id;
    if (parse_u32(stories->element[i], &id) || !id)
      status = damaged(s, "story", 0, err);
    else
      status = take_story(stories->element[i + 1], id, &g, err);
  }
  if (status == BRIEF_OK && articles > after)
    status = each_record(s->w, after + 1, articles, fill_article, take_article,
                         &g, err);
  if (status == BRIEF_OK)
    s->epoch = epoch;
  bf_reply_free(y);
  return status;
}

static brief_status rds_text(bf_store *st, uint32_t seq, char **out,
                             size_t *len, brief_error *err) {
  redis_store *s = (redis_store *)st;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_str(&c, "HGET");
  bf_cmd_printf(&c, BF_KEY_ARTICLE "%u", seq);
  bf_cmd_str(&c, "text");
  redisReply *y = NULL;
  pthread_mutex_lock(&s->r_lock);
  brief_status status = bf_redis_run(s->r, &c, &y, err);
  pthread_mutex_unlock(&s->r_lock);
  bf_cmd_free(&c);
  const char *t = status == BRIEF_OK ? text_of(y) : NULL;
  if (status == BRIEF_OK && !t)
    status =
        y->type == REDIS_REPLY_NIL
            ? bf_fail(err, BRIEF_ERR_ARG, "%s: no article %u", name_of(s), seq)
            : damaged(s, "article", seq, err);
  if (status == BRIEF_OK) {
    *out = malloc(y->len + 1);
    if (!*out) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    } else {
      memcpy(*out, t, y->len + 1);
      *len = y->len;
    }
  }
  bf_reply_free(y);
  return status;
}

static brief_status rds_get_snapshot(bf_store *st, uint32_t *articles,
                                     void **data, size_t *len,
                                     brief_error *err) {
  redis_store *s = (redis_store *)st;
  *articles = 0;
  *data = NULL;
  *len = 0;
  bf_cmd a, b;
  bf_cmd_init(&a);
  bf_cmd_init(&b);
  bf_cmd_words(&a, "HGET", BF_KEY_DESK, "snapshot", NULL);
  bf_cmd_words(&b, "GET", BF_KEY_SNAPSHOT, NULL);
  bf_cmd *cmds[] = {&a, &b};
  redisReply *y[2];
  brief_status status = bf_redis_pipeline(s->w, cmds, 2, y, err);
  bf_cmd_free(&a);
  bf_cmd_free(&b);
  if (status != BRIEF_OK)
    return status;
  uint32_t n;
  if (y[1]->type == REDIS_REPLY_STRING && !parse_u32(y[0], &n)) {
    *data = malloc(y[1]->len ? y[1]->len : 1);
    if (!*data) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    } else {
      memcpy(*data, y[1]->str, y[1]->len);
      *len = y[1]->len;
      *articles = n;
    }
  }
  bf_reply_free(y[0]);
  bf_reply_free(y[1]);
  return status;
}

/* ---- briefs ---------------------------------------------------------------
 */

static brief_status rds_get_brief(bf_store *st, uint32_t id, uint32_t *version,
                                  char **json, brief_error *err) {
  redis_store *s = (redis_store *)st;
  if (json)
    *json = NULL;
  *version = 0;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_str(&c, "HMGET");
  bf_cmd_printf(&c, BF_KEY_BRIEF "%u", id);
  bf_cmd_words(&c, "version", json ? "json" : NULL, NULL);
  redisReply *y = NULL;
  pthread_mutex_lock(&s->r_lock);
  brief_status status = bf_redis_run(s->r, &c, &y, err);
  pthread_mutex_unlock(&s->r_lock);
  bf_cmd_free(&c);
  if (status == BRIEF_OK && !json && y->type == REDIS_REPLY_ARRAY &&
      y->elements == 1 && y->element[0]->type != REDIS_REPLY_NIL &&
      parse_u32(y->element[0], version))
    status = damaged(s, "brief of story", id, err);
  if (status == BRIEF_OK && json && y->type == REDIS_REPLY_ARRAY &&
      y->elements == 2 && y->element[1]->type == REDIS_REPLY_STRING) {
    const char *t = text_of(y->element[1]);
    if (!t || parse_u32(y->element[0], version))
      status = damaged(s, "brief of story", id, err);
    else if (!(*json = strdup(t)))
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  bf_reply_free(y);
  return status;
}

static brief_status rds_put_brief(bf_store *st, uint32_t id, uint32_t version,
                                  uint32_t through, const char *json,
                                  brief_error *err) {
  redis_store *s = (redis_store *)st;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "EVAL", put_brief_script, "1", NULL);
  bf_cmd_printf(&c, BF_KEY_BRIEF "%u", id);
  bf_cmd_u64(&c, version);
  bf_cmd_u64(&c, through);
  bf_cmd_u64(&c, bf_wall_ms());
  bf_cmd_str(&c, json);
  redisReply *y = NULL;
  pthread_mutex_lock(&s->r_lock);
  brief_status status = bf_redis_run(s->r, &c, &y, err);
  pthread_mutex_unlock(&s->r_lock);
  bf_cmd_free(&c);
  bf_reply_free(y);
  return status;
}

/* ---- life cycle -----------------------------------------------------------
 */

static void rds_close(bf_store *st) {
  redis_store *s = (redis_store *)st;
  bf_redis_close(s->w);
  bf_redis_close(s->r);
  bf_cmd_free(&s->batch);
  bf_cmd_free(&s->also);
  pthread_mutex_destroy(&s->r_lock);
  free(s);
}

static const bf_store_ops redis_ops = {
    .begin = rds_begin,
    .put_article = rds_put_article,
    .put_story = rds_put_story,
    .move_articles = rds_move,
    .set_story_of = rds_set_story_of,
    .commit = rds_commit,
    .rollback = rds_rollback,
    .text = rds_text,
    .load = rds_load,
    .put_snapshot = rds_put_snapshot,
    .get_snapshot = rds_get_snapshot,
    .setting = rds_setting,
    .set_setting = rds_set_setting,
    .close = rds_close,
    .follow = rds_follow,
    .get_brief = rds_get_brief,
    .put_brief = rds_put_brief,
};

brief_status bf_store_redis_open(const char *url,
                                 const struct bf_redis_config *cfg,
                                 int read_only, bf_store **out,
                                 brief_error *err) {
  *out = NULL;
  redis_store *s = calloc(1, sizeof *s);
  if (!s)
    return bf_fail(err, BRIEF_ERR_NOMEM, "redis: out of memory");
  s->base.ops = &redis_ops;
  s->base.durable = 1;
  s->read_only = read_only;
  pthread_mutex_init(&s->r_lock, NULL);
  bf_cmd_init(&s->batch);
  bf_cmd_init(&s->also);
  brief_status st = bf_redis_open(url, cfg, &s->w, err);
  if (st == BRIEF_OK)
    st = bf_redis_open(url, cfg, &s->r, err);
  int exists = 0;
  if (st == BRIEF_OK)
    st = read_desk(s, &exists, err);
  if (st == BRIEF_OK && read_only && !exists)
    st = bf_fail(err, BRIEF_ERR_EMPTY,
                 "%s: no desk yet (no article has been assigned there)",
                 name_of(s));
  if (st != BRIEF_OK) {
    rds_close(&s->base);
    return st;
  }
  *out = &s->base;
  bf_ok(err);
  return BRIEF_OK;
}

void bf_store_redis_fence(bf_store *st, const char *token) {
  redis_store *s = (redis_store *)st;
  snprintf(s->token, sizeof s->token, "%s", token ? token : "");
}

const char *bf_store_redis_cursor(const bf_store *st) {
  return ((const redis_store *)st)->cursor;
}

void bf_store_redis_set_cursor(bf_store *st, const char *entry) {
  redis_store *s = (redis_store *)st;
  snprintf(s->next_cursor, sizeof s->next_cursor, "%s", entry ? entry : "");
}
