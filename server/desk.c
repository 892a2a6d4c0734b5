/*
 * desk.c - the desk's routes, the events they publish and the refresher;
 * see desk.h.
 *
 * The JSON of a story, a list or a brief is the library's own rendering
 * (brief_render_story_list, brief_desk_brief_render, ...), so the API and
 * `brief stories -f json` agree field for field; this file only adds what
 * belongs to HTTP: paging cursors, per-article results, source texts.
 */
/* gettid: the refresher lowers its own priority (Linux's per-thread nice). */
#define _GNU_SOURCE

#include "desk.h"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the listener gathers while a post is being added. */
typedef struct post_call {
  json_t *warnings; /* the desk's warnings on the input */
  json_t *merged;   /* [[from, into], ...] */
} post_call;

struct srv_desk {
  brief_desk *desk;
  brief_options brief; /* the desk's briefs' options */
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
};

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
  if (!n || brief_desk_stories(sd->desk, &q, &l, NULL) != BRIEF_OK)
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
    if (brief_desk_brief_get(sd->desk, id, NULL, 0, &b, NULL) == BRIEF_OK) {
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
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = cfg->db_path;
  o.brief.facts = 1; /* the figures and their conflicts are the desk's */
  /* An article no brief could read whole is not taken. */
  o.max_article_words = BRIEF_DESK_BRIEF_WORDS;
  sd->brief = o.brief;
  if (brief_desk_open(&o, &sd->desk, err) != BRIEF_OK) {
    srv_desk_close(sd);
    return NULL;
  }
  sd->events = srv_events_new(cfg->history, cfg->max_streams, cfg->epoch);
  if (!sd->events || (cfg->refresher &&
                      pthread_create(&sd->thread, NULL, refresher, sd) != 0)) {
    if (err)
      snprintf(err->message, sizeof err->message,
               "cannot start the desk: out of memory or threads");
    srv_desk_close(sd);
    return NULL;
  }
  sd->started = cfg->refresher;
  brief_desk_set_listener(sd->desk, listen, sd);
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
  brief_desk_close(sd->desk);
  srv_events_free(sd->events);
  free(sd->dirty);
  pthread_cond_destroy(&sd->due);
  pthread_mutex_destroy(&sd->lock);
  pthread_mutex_destroy(&sd->writing);
  free(sd);
}

srv_events *srv_desk_events(srv_desk *sd) {
  return sd->events;
}

size_t srv_desk_articles(srv_desk *sd) {
  return brief_desk_article_count(sd->desk);
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
      brief_desk_add_results(sd->desk, in->articles, in->n, r, &err);
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

void srv_desk_post(srv_desk *sd, const char *body, size_t len,
                   const srv_limits *lim, srv_reply *out) {
  json_t *root;
  if (srv_parse_body(body, len, &root, out) != 0)
    return;
  post_input in = {NULL, NULL, 0};
  if (read_post(root, lim, &in, out) == 0)
    add_post(sd, &in, out);
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
  brief_status st = brief_desk_stories(sd->desk, &q, &l, &err);
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
  brief_status st = brief_desk_brief_get(sd->desk, id, own ? &opts : NULL,
                                         BRIEF_DESK_STALE_OK, &b, &err);
  if (st == BRIEF_ERR_ARG) {
    srv_reply_error(out, 404, "not_found", "no story %llu",
                    (unsigned long long)id);
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
  if (a.texts) {
    reply_body(out, with_texts(text, b));
  } else {
    memset(out, 0, sizeof *out);
    out->status = 200;
    out->body = text;
    out->len = strlen(text);
    out->owned = 1;
  }
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
  brief_status st =
      brief_desk_article_list(sd->desk, id, a.cursor, a.limit + 1, &l, &err);
  if (st == BRIEF_ERR_ARG) {
    srv_reply_error(out, 404, "not_found", "no story %llu",
                    (unsigned long long)id);
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
