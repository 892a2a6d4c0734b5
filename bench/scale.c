/*
 * scale.c - the measures of bench/scale on a desk kept in Redis, with the
 * workers already running (the script starts them):
 *
 *   bench_scale --redis URL --throughput STREAM.jsonl
 *     feeds the stream (brief_feed) and waits until the ingest workers
 *     have acknowledged every article, the assigner has committed the last
 *     features entry and the brief workers have acknowledged every story
 *     update (so every touched story's brief is stored); prints the
 *     articles and the seconds from the first article fed.
 *
 *   bench_scale --redis URL --delay STREAM.jsonl [--rate N]
 *     feeds the articles one by one, N a second (default 10), each on its
 *     own; for each, the time from its feed to its story's brief stored at
 *     a version that counts it (the story's version once the article is
 *     seen assigned, merges followed); prints p50, p90, p99 and max.
 *
 * Redis is read directly (the keys of core/redis.h), every few
 * milliseconds, so the figures are the workers' and not a reader's.
 */
#include "core/redis.h"

#include "brief.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  POLL_MS = 5,       /* how often the delay probe looks */
  DONE_POLL_MS = 20, /* how often the throughput probe looks */
  MERGE_STEPS = 16,  /* merges followed from a story */
  TIMEOUT_S = 3600,  /* a run that takes longer has failed */
  DELAY_MAX = 100000 /* articles the delay probe follows */
};

static void die(const char *what, const brief_error *err) {
  fprintf(stderr, "bench_scale: %s%s%s\n", what, err ? ": " : "",
          err ? err->message : "");
  exit(1);
}

static bf_redis *connect(const char *url) {
  bf_redis_config cfg = {5, NULL, NULL, NULL};
  bf_redis *r;
  brief_error err;
  if (bf_redis_open(url, &cfg, &r, &err) != BRIEF_OK)
    die("cannot connect", &err);
  return r;
}

static brief_feed *open_feed(const char *url) {
  brief_feed_options o;
  brief_feed_options_init(&o);
  o.redis_url = url;
  brief_feed *f;
  brief_error err;
  if (brief_feed_open(&o, &f, &err) != BRIEF_OK)
    die("cannot feed", &err);
  return f;
}

/* One command's reply, the caller's; dies on a lost connection. */
static redisReply *run(bf_redis *r, bf_cmd *c) {
  redisReply *y = NULL;
  brief_error err;
  if (bf_redis_run(r, c, &y, &err) != BRIEF_OK && !y)
    die("redis", &err);
  bf_cmd_reset(c);
  return y;
}

static uint64_t reply_u64(const redisReply *y) {
  uint64_t v = 0;
  return y && bf_reply_u64(y, &v) ? v : 0;
}

/* ---- throughput -----------------------------------------------------------
 */

/* A field of an XINFO reply (a flat [name, value, ...] array). */
static const char *info_text(const redisReply *y, const char *field) {
  const redisReply *v = y ? bf_reply_field(y, field) : NULL;
  return v ? bf_reply_text(v, NULL) : "";
}

/* The last entry id of `stream` ("" when it has none). */
static void last_id(bf_redis *r, const char *stream, char *out, size_t cap) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XINFO", "STREAM", stream, NULL);
  redisReply *y = run(r, &c);
  snprintf(out, cap, "%s", info_text(y, "last-generated-id"));
  bf_reply_free(y);
  bf_cmd_free(&c);
}

/* Whether consumer group `group` has taken every entry of `stream` and
 * acknowledged it. */
static int group_done(bf_redis *r, const char *stream, const char *group) {
  char last[64];
  last_id(r, stream, last, sizeof last);
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XINFO", "GROUPS", stream, NULL);
  redisReply *g = run(r, &c);
  int done = 0;
  for (size_t i = 0; g && g->type == REDIS_REPLY_ARRAY && i < g->elements; i++)
    if (!strcmp(info_text(g->element[i], "name"), group))
      done = reply_u64(bf_reply_field(g->element[i], "pending")) == 0 &&
             !strcmp(info_text(g->element[i], "last-delivered-id"), last);
  bf_reply_free(g);
  bf_cmd_free(&c);
  return done;
}

/* Whether every stage is done, looked at in the stream's order: the
 * ingest workers have every article fed, the assigner's committed cursor
 * is the last features entry, and the brief workers have every story
 * update (each stage's input is whole once the stage before is done). */
static int all_done(bf_redis *r) {
  if (!group_done(r, BF_KEY_ARTICLES, BF_GROUP_INGEST))
    return 0;
  char last[64];
  last_id(r, BF_KEY_FEATURES, last, sizeof last);
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HGET", BF_KEY_DESK, "cursor", NULL);
  redisReply *y = run(r, &c);
  int assigned = !strcmp(bf_reply_text(y, NULL), last);
  bf_reply_free(y);
  bf_cmd_free(&c);
  return assigned && group_done(r, BF_KEY_UPDATES, BF_GROUP_BRIEF);
}

static void throughput(const char *url, const char *path) {
  bf_redis *r = connect(url);
  brief_feed *f = open_feed(url);
  brief_error err;
  uint64_t start = bf_now_ms();
  if (brief_feed_add_jsonl(f, path, &err) != BRIEF_OK)
    die("feeding", &err);
  uint64_t fed = bf_now_ms();
  size_t n = brief_feed_count(f);
  brief_feed_close(f);
  while (!all_done(r)) {
    if (bf_now_ms() - start > TIMEOUT_S * 1000u)
      die("the workers did not finish within the time limit", NULL);
    bf_sleep_ms(DONE_POLL_MS, NULL);
  }
  double secs = (double)(bf_now_ms() - start) / 1000.0;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HGET", BF_KEY_DESK, "articles", NULL);
  redisReply *y = run(r, &c);
  printf("%zu articles fed, %llu assigned (the rest skipped) in %.2f s: "
         "%.1f articles/s (fed in %.2f s)\n",
         n, (unsigned long long)reply_u64(y), secs, (double)n / secs,
         (double)(fed - start) / 1000.0);
  bf_reply_free(y);
  bf_cmd_free(&c);
  bf_redis_close(r);
}

/* ---- delay ----------------------------------------------------------------
 */

typedef struct probe {
  json_t *article;
  const char *id;
  uint64_t fed_ms, done_ms;
  uint32_t story, version; /* once seen assigned */
  int skipped;             /* never assigned: the desk skipped it */
} probe;

/* The story `id` is in now (merges followed) and its version; 0 when the
 * story is not readable. */
static uint32_t story_now(bf_redis *r, uint32_t id, uint32_t *version) {
  bf_cmd c;
  bf_cmd_init(&c);
  for (int i = 0; i < MERGE_STEPS && id; i++) {
    bf_cmd_str(&c, "HMGET");
    bf_cmd_printf(&c, BF_KEY_STORY "%u", id);
    bf_cmd_words(&c, "version", "merged_into", NULL);
    redisReply *y = run(r, &c);
    uint32_t into = 0;
    if (y && y->type == REDIS_REPLY_ARRAY && y->elements == 2) {
      *version = (uint32_t)reply_u64(y->element[0]);
      into = (uint32_t)reply_u64(y->element[1]);
    }
    bf_reply_free(y);
    if (!into)
      break;
    id = into;
  }
  bf_cmd_free(&c);
  return id;
}

/* The story article `id` was assigned to, 0 while it is not. */
static uint32_t story_of(bf_redis *r, const char *id) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HGET", BF_KEY_IDS, id, NULL);
  redisReply *y = run(r, &c);
  uint64_t seq = reply_u64(y);
  bf_reply_free(y);
  uint32_t story = 0;
  if (seq) {
    bf_cmd_str(&c, "HGET");
    bf_cmd_printf(&c, BF_KEY_ARTICLE "%llu", (unsigned long long)seq);
    bf_cmd_str(&c, "story");
    y = run(r, &c);
    story = (uint32_t)reply_u64(y);
    bf_reply_free(y);
  }
  bf_cmd_free(&c);
  return story;
}

/* Looks at probe p once; sets done_ms when its brief is stored. */
static void look(bf_redis *r, probe *p) {
  if (!p->story) {
    uint32_t s = story_of(r, p->id);
    if (!s || !(p->story = story_now(r, s, &p->version)))
      return;
  }
  uint32_t version = 0, story = story_now(r, p->story, &version);
  if (story != p->story) { /* merged meanwhile: the other's brief counts */
    p->story = story;
    p->version = version;
  }
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_str(&c, "HGET");
  bf_cmd_printf(&c, BF_KEY_BRIEF "%u", story);
  bf_cmd_str(&c, "version");
  redisReply *y = run(r, &c);
  if (reply_u64(y) >= p->version)
    p->done_ms = bf_now_ms();
  bf_reply_free(y);
  bf_cmd_free(&c);
}

static int by_delay(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static probe *read_probes(const char *path, size_t *n) {
  FILE *in = fopen(path, "r");
  if (!in)
    die("cannot read the delay stream", NULL);
  probe *p = calloc(DELAY_MAX, sizeof *p);
  char *line = NULL;
  size_t cap = 0;
  *n = 0;
  while (p && *n < DELAY_MAX && getline(&line, &cap, in) > 0) {
    json_t *a = json_loads(line, 0, NULL);
    const char *id = json_string_value(json_object_get(a, "id"));
    if (!id)
      die("a line of the delay stream is not an article with an id", NULL);
    p[*n].article = a;
    p[(*n)++].id = id;
  }
  free(line);
  fclose(in);
  if (!p || !*n)
    die("the delay stream is empty", NULL);
  return p;
}

static const char *field(const json_t *a, const char *key) {
  return json_string_value(json_object_get(a, key));
}

/* Feeds one article on its own. */
static void feed_one(brief_feed *f, const json_t *x) {
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = field(x, "id");
  a.source = field(x, "source");
  a.url = field(x, "url");
  a.title = field(x, "title");
  a.date = field(x, "date");
  a.text = field(x, "text");
  a.text_len = a.text ? strlen(a.text) : 0;
  brief_error err;
  if (brief_feed_add(f, &a, 1, &err) != BRIEF_OK ||
      brief_feed_flush(f, &err) != BRIEF_OK)
    die("feeding", &err);
}

static void delay(const char *url, const char *path, double rate) {
  size_t n;
  probe *p = read_probes(path, &n);
  bf_redis *r = connect(url);
  brief_feed *f = open_feed(url);
  uint64_t start = bf_now_ms(), every = (uint64_t)(1000.0 / rate);
  size_t fed = 0, done = 0;
  size_t skipped = 0;
  while (done + skipped < n) {
    uint64_t now = bf_now_ms();
    if (fed < n && now >= start + fed * every) {
      p[fed].fed_ms = bf_now_ms();
      feed_one(f, p[fed].article);
      fed++;
    }
    /* Once every stage is done, an article still in no story was skipped
     * (a known id, no text left): it has no delay. */
    int drained = fed == n && all_done(r);
    for (size_t i = 0; i < fed; i++)
      if (!p[i].done_ms && !p[i].skipped) {
        look(r, &p[i]);
        done += p[i].done_ms != 0;
        p[i].skipped = drained && !p[i].story;
        skipped += p[i].skipped;
      }
    if (now - start > TIMEOUT_S * 1000u)
      die("the workers did not finish within the time limit", NULL);
    bf_sleep_ms(POLL_MS, NULL);
  }
  uint64_t *ms = malloc(n * sizeof *ms);
  if (!ms || !done)
    die(ms ? "every article was skipped" : "out of memory", NULL);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (p[i].done_ms)
      ms[k++] = p[i].done_ms - p[i].fed_ms;
  qsort(ms, k, sizeof *ms, by_delay);
  printf("%zu articles (%zu skipped) at %.1f/s: delay p50 %llu ms, p90 %llu "
         "ms, p99 %llu ms, max %llu ms\n",
         k, skipped, rate, (unsigned long long)ms[k / 2],
         (unsigned long long)ms[k * 9 / 10],
         (unsigned long long)ms[k * 99 / 100], (unsigned long long)ms[k - 1]);
  for (size_t i = 0; i < n; i++)
    json_decref(p[i].article);
  free(p);
  free(ms);
  brief_feed_close(f);
  bf_redis_close(r);
}

int main(int argc, char **argv) {
  const char *url = NULL, *tp = NULL, *dl = NULL;
  double rate = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--redis"))
      url = argv[i + 1];
    else if (!strcmp(argv[i], "--throughput"))
      tp = argv[i + 1];
    else if (!strcmp(argv[i], "--delay"))
      dl = argv[i + 1];
    else if (!strcmp(argv[i], "--rate"))
      rate = atof(argv[i + 1]);
    else
      break;
  }
  if (!url || (!tp == !dl) || !(rate > 0 && rate <= 10000))
    die("usage: bench_scale --redis URL (--throughput STREAM.jsonl | --delay "
        "STREAM.jsonl [--rate N])",
        NULL);
  if (tp)
    throughput(url, tp);
  else
    delay(url, dl, rate);
  return 0;
}
