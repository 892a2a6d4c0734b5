/*
 * desk.c - the desk's routes, the events they publish and the refresher;
 * see desk.h.
 *
 * The JSON of a story, a list or a brief is the library's own rendering
 * (brief_render_story_list, brief_desk_brief_render, ...), so the API and
 * `brief stories -f json` agree field for field; this file only adds what
 * belongs to HTTP: paging cursors, per-article results, source texts.
 *
 * A desk in Redis (srv_desk_config.redis_url) is a following desk: posts
 * are fed to brief:articles for the workers, the reads serve what the
 * workers wrote (each story's brief as the brief workers keep it), and the
 * follower thread, in place of the refresher, takes in what they write
 * and publishes it: a "story" event per story that took articles, a
 * "merged" event per merge, and a "brief" event once the workers' brief
 * of a story that changed is current. Several servers may serve one
 * Redis: each publishes what it sees, in its own numbering.
 */
/* gettid: the refresher lowers its own priority (Linux's per-thread nice). */
#define _GNU_SOURCE

#include "desk.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  SRV_FOLLOW_MS = 200,       /* the follower looks at Redis this often */
  SRV_OPEN_EVERY = 5,        /* and for a desk not made yet every 5th time */
  SRV_BRIEFS_WATCHED = 4096, /* stories whose new brief is awaited, at most */
  SRV_REDIS_RETRY = 5        /* seconds a read waits for an unreachable Redis */
};

/* Story ids, each once, with a flag (a story the articles started). */
typedef struct id_list {
  uint64_t *id;
  int *flag;
  size_t n, cap;
} id_list;

/* What the listener gathers while a post is being added. */
typedef struct post_call {
  json_t *warnings; /* the desk's warnings on the input */
  json_t *merged;   /* [[from, into], ...] */
} post_call;

struct srv_desk {
  brief_desk *_Atomic desk; /* NULL while a desk in Redis is not made yet */
  brief_desk_options opts;
  brief_options brief; /* the desk's briefs' options */
  brief_feed *feed;    /* a desk in Redis: where posts go */
  char redis_url[1100];
  srv_events *events;
  pthread_mutex_t writing; /* one post at a time */
  post_call *call;         /* the post being added (writer only) */
  /* The refresher: stories whose brief is due, newest last. */
  pthread_mutex_t lock;
  pthread_cond_t due;
  uint64_t *dirty;
  size_t ndirty, dirty_cap;
  int stopping, started;
  pthread_t thread;
  /* The follower (a desk in Redis): what the listener heard, under `lock`,
   * and the stories whose brief the workers have yet to make current. */
  id_list heard, awaited;
  json_t *heard_merged; /* [[from, into], ...] */
  unsigned ticks;
};

static brief_desk *desk_of(srv_desk *sd) {
  return atomic_load(&sd->desk);
}

/* Adds `id` (once; its flag or-ed in). Out of memory: left out. */
static void id_list_put(id_list *l, uint64_t id, int flag) {
  for (size_t k = 0; k < l->n; k++)
    if (l->id[k] == id) {
      l->flag[k] |= flag;
      return;
    }
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    uint64_t *v = realloc(l->id, cap * sizeof *v);
    if (v)
      l->id = v;
    int *f = v ? realloc(l->flag, cap * sizeof *f) : NULL;
    if (!f)
      return;
    l->flag = f;
    l->cap = cap;
  }
  l->id[l->n] = id;
  l->flag[l->n++] = flag;
}

static void id_list_drop(id_list *l, size_t k) {
  memmove(&l->id[k], &l->id[k + 1], (l->n - k - 1) * sizeof *l->id);
  memmove(&l->flag[k], &l->flag[k + 1], (l->n - k - 1) * sizeof *l->flag);
  l->n--;
}

static void id_list_free(id_list *l) {
  free(l->id);
  free(l->flag);
  memset(l, 0, sizeof *l);
}

/* ---- JSON pieces -------------------------------------------------------- */

/* Parses JSON the library rendered; NULL when out of memory. Takes
 * `text`. */
static json_t *parse_rendered(char *text) {
  json_t *v = text ? json_loads(text, 0, NULL) : NULL;
  brief_free(text);
  return v;
}

/* One line of compact JSON for an event; NULL when out of memory. */
static char *event_data(const json_t *v) {
  return json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

/* A cursor: the arrival number a page ends at, as a string. */
static json_t *cursor_json(uint64_t arrival) {
  char s[32];
  snprintf(s, sizeof s, "%llu", (unsigned long long)arrival);
  return json_string(s);
}

/* ---- events ------------------------------------------------------------- */

/* Publishes `v` (borrowed) as an event of `type`. */
static void publish(srv_desk *sd, const char *type, const json_t *v) {
  char *data = v ? event_data(v) : NULL;
  if (data)
    srv_events_publish(sd->events, type, data);
  free(data);
}

/* A "story" or "brief" event per story of `ids`, with its fields;
 * `created` (may be NULL) marks those the post started. */
static void publish_stories(srv_desk *sd, const char *type, const uint64_t *ids,
                            size_t n, const int *created) {
  brief_story_query q;
  memset(&q, 0, sizeof q);
  q.ids = ids;
  q.id_count = n;
  brief_story_list *l;
  char *text = NULL;
  if (!n || brief_desk_stories(desk_of(sd), &q, &l, NULL) != BRIEF_OK)
    return;
  brief_render_story_list(l, BRIEF_FORMAT_JSON, &text, NULL);
  brief_story_list_free(l);
  json_t *root = parse_rendered(text);
  size_t i;
  json_t *story;
  json_array_foreach(json_object_get(root, "stories"), i, story) {
    if (created) {
      json_int_t id = json_integer_value(json_object_get(story, "id"));
      int is_new = 0;
      for (size_t k = 0; k < n && !is_new; k++)
        is_new = (json_int_t)ids[k] == id && created[k];
      json_object_set_new(story, "created", json_boolean(is_new));
    }
    publish(sd, type, story);
  }
  json_decref(root);
}

static void listen(void *ctx, const brief_desk_event *ev) {
  srv_desk *sd = ctx;
  post_call *c = sd->call;
  if (!c)
    return;
  if (ev->kind == BRIEF_DESK_WARNING && ev->message)
    json_array_append_new(c->warnings, json_string(ev->message));
  else if (ev->kind == BRIEF_DESK_MERGED)
    json_array_append_new(c->merged, json_pack("[I, I]", (json_int_t)ev->other,
                                               (json_int_t)ev->story));
}

/* What a desk in Redis hears as it follows the workers, on whichever
 * thread followed it (a read's or the follower's). */
static void hear(void *ctx, const brief_desk_event *ev) {
  srv_desk *sd = ctx;
  pthread_mutex_lock(&sd->lock);
  if (ev->kind == BRIEF_DESK_ASSIGNED)
    id_list_put(&sd->heard, ev->story, ev->new_story);
  else if (ev->kind == BRIEF_DESK_MERGED)
    json_array_append_new(
        sd->heard_merged,
        json_pack("[I, I]", (json_int_t)ev->other, (json_int_t)ev->story));
  pthread_mutex_unlock(&sd->lock);
}

/* ---- the refresher ------------------------------------------------------ */

/* Puts `id` last in the refresher's list, once. */
static void mark_due(srv_desk *sd, uint64_t id) {
  pthread_mutex_lock(&sd->lock);
  size_t k = 0;
  while (k < sd->ndirty && sd->dirty[k] != id)
    k++;
  if (k < sd->ndirty) {
    memmove(&sd->dirty[k], &sd->dirty[k + 1],
            (sd->ndirty - k - 1) * sizeof *sd->dirty);
    sd->ndirty--;
  }
  if (sd->ndirty == sd->dirty_cap) {
    size_t cap = sd->dirty_cap ? sd->dirty_cap * 2 : 64;
    uint64_t *v = realloc(sd->dirty, cap * sizeof *v);
    if (v) {
      sd->dirty = v;
      sd->dirty_cap = cap;
    }
  }
  if (sd->ndirty < sd->dirty_cap)
    sd->dirty[sd->ndirty++] = id;
  pthread_cond_signal(&sd->due);
  pthread_mutex_unlock(&sd->lock);
}

/* Rebuilds the briefs of the stories that changed, the most recently
 * changed first, and says so with a "brief" event: the page then fetches
 * the fresh brief. */
static void *refresher(void *arg) {
  srv_desk *sd = arg;
  /* Reads come first: a rebuild takes the cores they leave. Best effort. */
  setpriority(PRIO_PROCESS, (id_t)gettid(), SRV_REFRESHER_NICE);
  pthread_mutex_lock(&sd->lock);
  while (!sd->stopping) {
    if (!sd->ndirty) {
      pthread_cond_wait(&sd->due, &sd->lock);
      continue;
    }
    uint64_t id = sd->dirty[--sd->ndirty];
    pthread_mutex_unlock(&sd->lock);
    brief_desk_brief *b = NULL;
    if (brief_desk_brief_get(desk_of(sd), id, NULL, 0, &b, NULL) == BRIEF_OK) {
      brief_story_info info;
      brief_desk_brief_info(b, &info);
      uint64_t now_id = info.id;
      brief_desk_brief_free(b);
      publish_stories(sd, "brief", &now_id, 1, NULL);
    }
    pthread_mutex_lock(&sd->lock);
  }
  pthread_mutex_unlock(&sd->lock);
  return NULL;
}

/* ---- the follower (a desk in Redis) ------------------------------------- */

/* Opens the desk the workers keep; NULL while they have made none yet. */
static brief_desk *open_followed(srv_desk *sd, brief_error *err) {
  brief_desk *d = NULL;
  if (brief_desk_open(&sd->opts, &d, err) != BRIEF_OK)
    return NULL;
  brief_desk_set_listener(d, hear, sd);
  atomic_store(&sd->desk, d);
  return d;
}

/* Publishes what was heard since the last look: merges, then a "story"
 * event per story that took articles, whose new brief is then awaited. */
static void publish_heard(srv_desk *sd) {
  pthread_mutex_lock(&sd->lock);
  id_list heard = sd->heard;
  json_t *merged = sd->heard_merged;
  memset(&sd->heard, 0, sizeof sd->heard);
  sd->heard_merged = json_array();
  pthread_mutex_unlock(&sd->lock);
  size_t i;
  json_t *pair;
  json_array_foreach(merged, i, pair) {
    json_t *v = json_pack("{s:O, s:O}", "id", json_array_get(pair, 0), "into",
                          json_array_get(pair, 1));
    publish(sd, "merged", v);
    json_decref(v);
  }
  json_decref(merged);
  publish_stories(sd, "story", heard.id, heard.n, heard.flag);
  for (i = 0; i < heard.n; i++) {
    if (sd->awaited.n == SRV_BRIEFS_WATCHED)
      id_list_drop(&sd->awaited, 0); /* the oldest goes unannounced */
    id_list_put(&sd->awaited, heard.id[i], 0);
  }
  id_list_free(&heard);
}

/* A "brief" event per awaited story whose brief the workers made current
 * (a story gone, merged into another, is the other's). */
static void publish_briefs(srv_desk *sd) {
  brief_desk *d = desk_of(sd);
  for (size_t k = 0; k < sd->awaited.n;) {
    int current = 0;
    brief_error err;
    brief_status st =
        brief_desk_brief_current(d, sd->awaited.id[k], &current, &err);
    if (st == BRIEF_OK && current)
      publish_stories(sd, "brief", &sd->awaited.id[k], 1, NULL);
    if (st == BRIEF_ERR_ARG || (st == BRIEF_OK && current))
      id_list_drop(&sd->awaited, k);
    else if (st != BRIEF_OK)
      return; /* Redis is away: the next look tries again */
    else
      k++;
  }
}

/* A desk the workers made while the server ran is news to every client,
 * who saw none: a "story" event per story it holds. */
static void publish_made(srv_desk *sd, brief_desk *d) {
  brief_story_list *l;
  if (brief_desk_stories(d, NULL, &l, NULL) != BRIEF_OK)
    return;
  pthread_mutex_lock(&sd->lock);
  for (size_t i = 0; i < brief_story_list_count(l); i++) {
    brief_story_info x;
    if (brief_story_list_get(l, i, &x) == BRIEF_OK)
      id_list_put(&sd->heard, x.id, 1);
  }
  pthread_mutex_unlock(&sd->lock);
  brief_story_list_free(l);
}

static void follow_once(srv_desk *sd) {
  brief_error err;
  brief_desk *d = desk_of(sd);
  if (!d && sd->ticks++ % SRV_OPEN_EVERY == 0 &&
      (d = open_followed(sd, &err)) != NULL)
    publish_made(sd, d);
  if (d && brief_desk_follow(d, &err) == BRIEF_OK) {
    publish_heard(sd);
    publish_briefs(sd);
  }
}

static void *follower(void *arg) {
  srv_desk *sd = arg;
  pthread_mutex_lock(&sd->lock);
  while (!sd->stopping) {
    pthread_mutex_unlock(&sd->lock);
    follow_once(sd);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += SRV_FOLLOW_MS * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&sd->lock);
    if (!sd->stopping)
      pthread_cond_timedwait(&sd->due, &sd->lock, &until);
  }
  pthread_mutex_unlock(&sd->lock);
  return NULL;
}

/* The desk the workers keep (served empty until they make it) and the
 * feed posts go to. */
static int open_redis(srv_desk *sd, const srv_desk_config *cfg,
                      brief_error *err) {
  snprintf(sd->redis_url, sizeof sd->redis_url, "%s", cfg->redis_url);
  sd->opts.redis_url = sd->redis_url;
  sd->opts.redis_retry = SRV_REDIS_RETRY;
  sd->heard_merged = json_array();
  brief_feed_options fo;
  brief_feed_options_init(&fo);
  fo.redis_url = sd->redis_url;
  fo.retry_seconds = SRV_REDIS_RETRY;
  if (!sd->heard_merged || brief_feed_open(&fo, &sd->feed, err) != BRIEF_OK)
    return -1;
  if (!open_followed(sd, err) && err->status != BRIEF_ERR_EMPTY)
    return -1;
  return 0;
}

/* ---- opening and closing ------------------------------------------------ */

srv_desk *srv_desk_open(const srv_desk_config *cfg, brief_error *err) {
  srv_desk *sd = calloc(1, sizeof *sd);
  if (!sd) {
    if (err)
      snprintf(err->message, sizeof err->message, "out of memory");
    return NULL;
  }
  pthread_mutex_init(&sd->writing, NULL);
  pthread_mutex_init(&sd->lock, NULL);
  pthread_cond_init(&sd->due, NULL);
  brief_desk_options *o = &sd->opts;
  brief_desk_options_init(o);
  o->db_path = cfg->db_path;
  o->brief.facts = 1; /* the figures and their conflicts are the desk's */
  /* An article no brief could read whole is not taken. */
  o->max_article_words = BRIEF_DESK_BRIEF_WORDS;
  sd->brief = o->brief;
  brief_desk *d = NULL;
  if (cfg->redis_url ? open_redis(sd, cfg, err)
                     : brief_desk_open(o, &d, err) != BRIEF_OK) {
    srv_desk_close(sd);
    return NULL;
  }
  if (!cfg->redis_url)
    atomic_store(&sd->desk, d);
  sd->events = srv_events_new(cfg->history, cfg->max_streams, cfg->epoch);
  void *(*thread)(void *) = cfg->redis_url ? follower : refresher;
  if (!sd->events ||
      (cfg->refresher && pthread_create(&sd->thread, NULL, thread, sd) != 0)) {
    if (err)
      snprintf(err->message, sizeof err->message,
               "cannot start the desk: out of memory or threads");
    srv_desk_close(sd);
    return NULL;
  }
  sd->started = cfg->refresher;
  if (!cfg->redis_url)
    brief_desk_set_listener(d, listen, sd);
  return sd;
}

void srv_desk_close(srv_desk *sd) {
  if (!sd)
    return;
  if (sd->started) {
    pthread_mutex_lock(&sd->lock);
    sd->stopping = 1;
    pthread_cond_signal(&sd->due);
    pthread_mutex_unlock(&sd->lock);
    pthread_join(sd->thread, NULL);
  }
  brief_desk_close(desk_of(sd));
  brief_feed_close(sd->feed);
  srv_events_free(sd->events);
  free(sd->dirty);
  id_list_free(&sd->heard);
  id_list_free(&sd->awaited);
  json_decref(sd->heard_merged);
  pthread_cond_destroy(&sd->due);
  pthread_mutex_destroy(&sd->lock);
  pthread_mutex_destroy(&sd->writing);
  free(sd);
}

srv_events *srv_desk_events(srv_desk *sd) {
  return sd->events;
}

size_t srv_desk_articles(srv_desk *sd) {
  brief_desk *d = desk_of(sd);
  return d ? brief_desk_article_count(d) : 0;
}

/* ---- POST /v1/articles -------------------------------------------------- */

typedef struct post_input {
  brief_article *articles;
  char (*idnum)[32];
  size_t n;
} post_input;

/* The body's articles, checked; on a problem fills `out`, returns -1. */
static int read_post(json_t *root, const srv_limits *lim, post_input *in,
                     srv_reply *out) {
  const char *key;
  json_t *v;
  if (!json_is_object(root)) {
    srv_reply_error(out, 400, "invalid_request",
                    "the body must be a JSON object");
    return -1;
  }
  json_object_foreach(root, key, v) if (strcmp(key, "articles")) {
    srv_reply_error(out, 400, "invalid_request",
                    "unknown field \"%.100s\" (expected articles)", key);
    return -1;
  }
  json_t *arr = json_object_get(root, "articles");
  size_t n = json_array_size(arr);
  if (!json_is_array(arr) || n == 0) {
    srv_reply_error(out, 400, "invalid_request",
                    "\"articles\" must be a non-empty array of objects");
    return -1;
  }
  if (n > lim->max_articles) {
    srv_reply_error(out, 413, "payload_too_large",
                    "%zu articles: the limit is %zu per request", n,
                    lim->max_articles);
    return -1;
  }
  in->articles = calloc(n, sizeof *in->articles);
  in->idnum = calloc(n, sizeof *in->idnum);
  if (!in->articles || !in->idnum) {
    srv_reply_error(out, 500, "internal", "out of memory");
    return -1;
  }
  in->n = n;
  for (size_t i = 0; i < n; i++) {
    char where[48], why[300];
    snprintf(where, sizeof where, "articles[%zu]", i);
    brief_article *a = &in->articles[i];
    if (srv_read_article(json_array_get(arr, i), where, a, in->idnum[i], why,
                         sizeof why)) {
      srv_reply_error(out, 400, "invalid_article", "%s", why);
      return -1;
    }
    if (!a->id || !*a->id) {
      srv_reply_error(out, 400, "invalid_article",
                      "%s: no \"id\": the desk keeps each article by its id",
                      where);
      return -1;
    }
  }
  return 0;
}

/* The answer of a post, and the stories it touched (ids, whether it
 * started them), each once, in the order of their first article. */
static json_t *post_answer(const post_input *in, const brief_desk_result *r,
                           const post_call *c, uint64_t *touched, int *created,
                           size_t *ntouched) {
  json_t *arr = json_array();
  size_t added = 0;
  *ntouched = 0;
  for (size_t i = 0; i < in->n; i++) {
    const char *id = in->articles[i].id;
    if (r[i].skipped != BRIEF_DESK_KEPT) {
      json_array_append_new(arr,
                            json_pack("{s:s, s:s}", "id", id, "skipped",
                                      brief_desk_skip_reason(r[i].skipped)));
      continue;
    }
    added++;
    json_array_append_new(arr, json_pack("{s:s, s:I, s:b}", "id", id, "story",
                                         (json_int_t)r[i].story, "new_story",
                                         r[i].new_story));
    size_t k = 0;
    while (k < *ntouched && touched[k] != r[i].story)
      k++;
    if (k == *ntouched) {
      touched[k] = r[i].story;
      created[k] = 0;
      (*ntouched)++;
    }
    created[k] |= r[i].new_story;
  }
  return json_pack("{s:o, s:I, s:I, s:O}", "articles", arr, "added",
                   (json_int_t)added, "skipped", (json_int_t)(in->n - added),
                   "warnings", c->warnings);
}

/* Adds the articles; fills `out` with the answer or the error. */
static void add_post(srv_desk *sd, const post_input *in, srv_reply *out) {
  brief_desk_result *r = calloc(in->n, sizeof *r);
  uint64_t *touched = calloc(in->n, sizeof *touched);
  int *created = calloc(in->n, sizeof *created);
  post_call c = {json_array(), json_array()};
  brief_error err;
  if (!r || !touched || !created || !c.warnings || !c.merged) {
    srv_reply_error(out, 500, "internal", "out of memory");
    goto done;
  }
  pthread_mutex_lock(&sd->writing);
  sd->call = &c;
  brief_status st =
      brief_desk_add_results(desk_of(sd), in->articles, in->n, r, &err);
  sd->call = NULL;
  pthread_mutex_unlock(&sd->writing);
  if (st != BRIEF_OK) {
    srv_reply_status(out, &err);
    goto done;
  }
  size_t ntouched, i;
  json_t *pair;
  srv_reply_json(out, 200, post_answer(in, r, &c, touched, created, &ntouched));
  json_array_foreach(c.merged, i, pair) {
    json_t *v = json_pack("{s:O, s:O}", "id", json_array_get(pair, 0), "into",
                          json_array_get(pair, 1));
    publish(sd, "merged", v);
    json_decref(v);
  }
  publish_stories(sd, "story", touched, ntouched, created);
  for (i = 0; i < ntouched; i++)
    mark_due(sd, touched[i]);
done:
  json_decref(c.warnings);
  json_decref(c.merged);
  free(created);
  free(touched);
  free(r);
}

/* Feeds the articles to the workers of a desk in Redis, all or none. */
static void feed_post(srv_desk *sd, const post_input *in, srv_reply *out) {
  brief_error err;
  pthread_mutex_lock(&sd->writing);
  brief_status st = brief_feed_add(sd->feed, in->articles, in->n, &err);
  if (st == BRIEF_OK)
    st = brief_feed_flush(sd->feed, &err);
  pthread_mutex_unlock(&sd->writing);
  if (st == BRIEF_ERR_IO || st == BRIEF_ERR_NOMEM) {
    srv_reply_error(out, 503, "unavailable", "%s", err.message);
    out->retry_after = 1;
    return;
  }
  if (st != BRIEF_OK) {
    srv_reply_status(out, &err);
    return;
  }
  json_t *arr = json_array();
  for (size_t i = 0; i < in->n; i++)
    json_array_append_new(
        arr, json_pack("{s:s, s:b}", "id", in->articles[i].id, "queued", 1));
  json_t *v =
      json_pack("{s:o, s:I}", "articles", arr, "queued", (json_int_t)in->n);
  if (v)
    srv_reply_json(out, 202, v);
  else
    srv_reply_error(out, 500, "internal", "out of memory");
}

void srv_desk_post(srv_desk *sd, const char *body, size_t len,
                   const srv_limits *lim, srv_reply *out) {
  json_t *root;
  if (srv_parse_body(body, len, &root, out) != 0)
    return;
  post_input in = {NULL, NULL, 0};
  if (read_post(root, lim, &in, out) == 0) {
    if (sd->feed)
      feed_post(sd, &in, out);
    else
      add_post(sd, &in, out);
  }
  free(in.articles);
  free(in.idnum);
  json_decref(root);
}

/* ---- the reads ---------------------------------------------------------- */

/* The query arguments the reads take. */
enum {
  ARG_SINCE = 1 << 0,  /* "YYYY-MM-DD" */
  ARG_LIMIT = 1 << 1,  /* 1..the route's page limit */
  ARG_CURSOR = 1 << 2, /* a "next" of the page before */
  ARG_MATCH = 1 << 3,  /* q: a word or name */
  ARG_WORDS = 1 << 4,  /* 1..BRIEF_MAX_WORDS */
  ARG_TEXTS = 1 << 5,  /* true/false: the sources' texts */
  ARG_QUERY = 1 << 6   /* a question the brief answers */
};

static const struct {
  const char *name;
  int flag;
} arg_names[] = {{"since", ARG_SINCE},   {"limit", ARG_LIMIT},
                 {"cursor", ARG_CURSOR}, {"q", ARG_MATCH},
                 {"words", ARG_WORDS},   {"texts", ARG_TEXTS},
                 {"query", ARG_QUERY}};

typedef struct read_args {
  char since[SRV_MAX_QUERY_VALUE], match[SRV_MAX_QUERY_VALUE];
  char query[SRV_MAX_QUERY_VALUE];
  size_t limit;
  uint64_t cursor;
  int words, texts;
} read_args;

/* A whole number from 1 to max, digits only. */
static int parse_count(const char *s, uint64_t max, uint64_t *out) {
  uint64_t v = 0;
  size_t n = strlen(s);
  if (!n || n > 19 || strspn(s, "0123456789") != n)
    return -1;
  for (; *s; s++)
    v = v * 10 + (uint64_t)(*s - '0');
  if (v < 1 || v > max)
    return -1;
  *out = v;
  return 0;
}

/* The names of the arguments in `allowed`, for a message. */
static void arg_list(int allowed, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (size_t i = 0; i < sizeof arg_names / sizeof *arg_names; i++)
    if ((allowed & arg_names[i].flag) && o < cap)
      o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? ", " : "",
                            arg_names[i].name);
}

/* One argument's value into `a`; -1 when it is not one. */
static int read_value(int flag, const char *v, size_t page_max, read_args *a) {
  uint64_t n;
  switch (flag) {
  case ARG_SINCE:
    snprintf(a->since, sizeof a->since, "%s", v);
    return 0;
  case ARG_MATCH:
    snprintf(a->match, sizeof a->match, "%s", v);
    return 0;
  case ARG_QUERY: /* a question has a word in it */
    snprintf(a->query, sizeof a->query, "%s", v);
    return strspn(v, " \t\r\n\f\v") < strlen(v) ? 0 : -1;
  case ARG_LIMIT:
    if (parse_count(v, page_max, &n))
      return -1;
    a->limit = (size_t)n;
    return 0;
  case ARG_CURSOR:
    if (parse_count(v, UINT32_MAX, &n))
      return -1;
    a->cursor = n;
    return 0;
  case ARG_WORDS:
    if (parse_count(v, BRIEF_MAX_WORDS, &n))
      return -1;
    a->words = (int)n;
    return 0;
  default: /* ARG_TEXTS */
    a->texts = !strcmp(v, "1") || !strcmp(v, "true");
    return a->texts || !strcmp(v, "0") || !strcmp(v, "false") ? 0 : -1;
  }
}

static const char *value_expected(int flag) {
  switch (flag) {
  case ARG_LIMIT:
    return "a whole number from 1";
  case ARG_CURSOR:
    return "the \"next\" of the page before";
  case ARG_WORDS:
    return "a whole number of words";
  case ARG_QUERY:
    return "a question with a word in it";
  default:
    return "true or false";
  }
}

/* Reads the query's arguments, each one the route takes; on a problem
 * fills `out` with a 400 and returns -1. */
static int read_query(const char *query, int allowed, size_t page, size_t max,
                      read_args *a, srv_reply *out) {
  char name[SRV_MAX_QUERY_VALUE], value[SRV_MAX_QUERY_VALUE], list[128];
  size_t at = 0;
  int rc;
  memset(a, 0, sizeof *a);
  a->limit = page;
  while ((rc = srv_query_next(query, &at, name, value)) == 1) {
    int flag = 0;
    for (size_t i = 0; i < sizeof arg_names / sizeof *arg_names && !flag; i++)
      if (!strcmp(name, arg_names[i].name))
        flag = arg_names[i].flag & allowed;
    if (!flag) {
      arg_list(allowed, list, sizeof list);
      srv_reply_error(out, 400, "invalid_request",
                      "unknown query argument \"%.60s\" (this route reads %s)",
                      name, *list ? list : "none");
      return -1;
    }
    if (read_value(flag, value, max, a)) {
      char most[48] = "";
      if (flag == ARG_LIMIT || flag == ARG_WORDS)
        snprintf(most, sizeof most, " (at most %zu)",
                 flag == ARG_LIMIT ? max : (size_t)BRIEF_MAX_WORDS);
      srv_reply_error(out, 400, "invalid_request", "%s=%.60s: expected %s%s",
                      name, value, value_expected(flag), most);
      return -1;
    }
  }
  if (rc < 0) {
    srv_reply_error(out, 400, "invalid_request",
                    "a query argument is longer than %d bytes or holds a NUL",
                    SRV_MAX_QUERY_VALUE - 1);
    return -1;
  }
  return 0;
}

/* Sets `out` to the JSON `v` (taken). */
static void reply_body(srv_reply *out, json_t *v) {
  if (v)
    srv_reply_json(out, 200, v);
  else
    srv_reply_error(out, 500, "internal", "out of memory");
}

/* Answers a page the library rendered (`st`, `text` taken): keeps the
 * first `limit` items of its array `key` (one more was asked for, to know
 * whether a next page exists) and sets "next": the `field` of the last
 * item kept, or null. */
static void reply_page(brief_status st, char *text, const brief_error *err,
                       const char *key, const char *field, size_t limit,
                       srv_reply *out) {
  if (st != BRIEF_OK) {
    brief_free(text);
    srv_reply_status(out, err);
    return;
  }
  json_t *root = parse_rendered(text);
  json_t *arr = json_object_get(root, key);
  int more = json_array_size(arr) > limit;
  if (more)
    json_array_remove(arr, limit);
  json_t *last = json_array_get(arr, json_array_size(arr) - 1);
  json_int_t at = json_integer_value(json_object_get(last, field));
  if (root)
    json_object_set_new(
        root, "next", more && at > 0 ? cursor_json((uint64_t)at) : json_null());
  reply_body(out, root);
}

/* GET /v1/stories?since=&limit=&cursor=&q= */
static void get_stories(srv_desk *sd, const char *query, srv_reply *out) {
  read_args a;
  if (read_query(query, ARG_SINCE | ARG_LIMIT | ARG_CURSOR | ARG_MATCH,
                 SRV_STORIES_PAGE, SRV_STORIES_PAGE_MAX, &a, out))
    return;
  brief_story_query q;
  memset(&q, 0, sizeof q);
  q.since = a.since;
  q.match = a.match;
  q.before = a.cursor;
  q.limit = a.limit + 1;
  brief_story_list *l = NULL;
  brief_error err;
  char *text = NULL;
  brief_desk *d = desk_of(sd);
  if (!d) { /* a desk in Redis the workers have not made yet */
    reply_body(out,
               json_pack("{s:[], s:i, s:n}", "stories", "total", 0, "next"));
    return;
  }
  brief_status st = brief_desk_stories(d, &q, &l, &err);
  if (st == BRIEF_ERR_ARG) {
    srv_reply_error(out, 400, "invalid_request", "since=%.60s: %s", a.since,
                    "expected a date, YYYY-MM-DD");
    return;
  }
  if (st == BRIEF_OK)
    st = brief_render_story_list(l, BRIEF_FORMAT_JSON, &text, &err);
  brief_story_list_free(l);
  reply_page(st, text, &err, "stories", "last_arrival", a.limit, out);
}

/* Adds each source's text to a brief's JSON. */
static json_t *with_texts(char *text, const brief_desk_brief *b) {
  json_t *root = parse_rendered(text);
  const brief_story *story = brief_desk_brief_story(b);
  size_t i;
  json_t *src;
  json_array_foreach(json_object_get(root, "sources"), i, src) {
    brief_article_view v;
    if (brief_story_article(story, i, &v) == BRIEF_OK)
      json_object_set_new(src, "text", json_stringn(v.text, v.text_len));
  }
  return root;
}

static void no_story(srv_reply *out, uint64_t id) {
  srv_reply_error(out, 404, "not_found", "no story %llu",
                  (unsigned long long)id);
}

/* Sets `out` to JSON the library rendered (`text` taken). */
static void reply_text(srv_reply *out, char *text) {
  memset(out, 0, sizeof *out);
  out->status = 200;
  out->body = text;
  out->len = strlen(text);
  out->owned = 1;
}

/* A story's brief on a desk in Redis, as the brief workers keep it (marked
 * stale while they rebuild it; built here only before they kept one). */
static void reply_kept_brief(brief_desk *d, uint64_t id, srv_reply *out) {
  char *text = NULL;
  brief_error err;
  brief_status st =
      brief_desk_brief_json(d, id, BRIEF_DESK_STALE_OK, &text, &err);
  if (st == BRIEF_ERR_ARG)
    no_story(out, id);
  else if (st != BRIEF_OK)
    srv_reply_status(out, &err);
  else
    reply_text(out, text);
}

/* GET /v1/stories/{id}?words=&query=&texts= */
static void get_story(srv_desk *sd, uint64_t id, const char *query,
                      srv_reply *out) {
  read_args a;
  if (read_query(query, ARG_WORDS | ARG_QUERY | ARG_TEXTS, 0, 0, &a, out))
    return;
  brief_options opts = sd->brief;
  opts.words = a.words ? a.words : opts.words;
  opts.query = a.query[0] ? a.query : NULL;
  int own = a.words || opts.query; /* built for this request */
  brief_desk_brief *b = NULL;
  brief_error err;
  brief_desk *d = desk_of(sd);
  if (!d) {
    no_story(out, id);
    return;
  }
  if (sd->feed && !own && !a.texts) {
    reply_kept_brief(d, id, out);
    return;
  }
  brief_status st = brief_desk_brief_get(d, id, own ? &opts : NULL,
                                         BRIEF_DESK_STALE_OK, &b, &err);
  if (st == BRIEF_ERR_ARG) {
    no_story(out, id);
    return;
  }
  char *text = NULL;
  if (st == BRIEF_OK)
    st = brief_desk_brief_render(b, BRIEF_FORMAT_JSON, &text, &err);
  if (st != BRIEF_OK) {
    brief_desk_brief_free(b);
    srv_reply_status(out, &err);
    return;
  }
  if (a.texts)
    reply_body(out, with_texts(text, b));
  else
    reply_text(out, text);
  brief_desk_brief_free(b);
}

/* GET /v1/stories/{id}/articles?limit=&cursor= */
static void get_articles(srv_desk *sd, uint64_t id, const char *query,
                         srv_reply *out) {
  read_args a;
  if (read_query(query, ARG_LIMIT | ARG_CURSOR, SRV_ARTICLES_PAGE,
                 SRV_ARTICLES_PAGE_MAX, &a, out))
    return;
  brief_article_list *l = NULL;
  brief_error err;
  brief_desk *d = desk_of(sd);
  brief_status st =
      d ? brief_desk_article_list(d, id, a.cursor, a.limit + 1, &l, &err)
        : BRIEF_ERR_ARG;
  if (st == BRIEF_ERR_ARG) {
    no_story(out, id);
    return;
  }
  char *text = NULL;
  if (st == BRIEF_OK)
    st = brief_render_article_list(l, BRIEF_FORMAT_JSON, &text, &err);
  brief_article_list_free(l);
  reply_page(st, text, &err, "articles", "arrival", a.limit, out);
}

void srv_desk_get(srv_desk *sd, srv_route route, uint64_t story,
                  const char *query, srv_reply *out) {
  switch (route) {
  case SRV_ROUTE_STORIES:
    get_stories(sd, query, out);
    return;
  case SRV_ROUTE_STORY:
    get_story(sd, story, query, out);
    return;
  case SRV_ROUTE_STORY_ARTICLES:
    get_articles(sd, story, query, out);
    return;
  default:
    srv_reply_error(out, 404, "not_found", "no such resource");
  }
}
