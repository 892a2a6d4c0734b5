/*
 * test_server_desk.c - the story desk behind `brief serve`, over real HTTP:
 * every route and status of POST /v1/articles, GET /v1/stories,
 * /v1/stories/{id} and /v1/stories/{id}/articles, paging by cursor, the
 * event stream (GET /v1/events) with Last-Event-ID resume and its reset,
 * streams that outlive the arrival deadline, reads while a writer posts,
 * a desk kept in a database across restarts, and merged ids resolved (on
 * a development stream of ../shared). Each test starts its own server (the
 * brief binary, BRIEF_CLI_PATH) with a fresh desk. Skips (77) when the
 * binary was built without libmicrohttpd.
 */
#include "server_client.h"

#include <pthread.h>
#include <stdatomic.h>

#define STREAM BRIEF_SOURCE_DIR "/examples/stream.jsonl"
#define DUC2002 BRIEF_SHARED_DIR "/data/stories/duc2002.jsonl"

/* ---- helpers ------------------------------------------------------------ */

/* A server of the test's own; the teardown stops it. */
static server *desk_server(void **state, const char *const *args) {
  server *s = calloc(1, sizeof *s);
  assert_non_null(s);
  *state = s;
  const char *argv[24] = {"--quiet"};
  size_t n = 1;
  for (size_t i = 0; args && args[i] && n < 23; i++)
    argv[n++] = args[i];
  argv[n] = NULL;
  assert_int_equal(server_start(s, argv), 0);
  return s;
}

static int desk_teardown(void **state) {
  server *s = *state;
  if (s) {
    server_cleanup(s);
    free(s);
  }
  *state = NULL;
  return 0;
}

/* The articles of a JSONL file, `from` to `from + n` (n 0: all). */
static json_t *jsonl_articles(const char *path, size_t from, size_t n) {
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  json_t *arr = json_array();
  char *line = NULL;
  size_t cap = 0, at = 0;
  while (getline(&line, &cap, f) > 0) {
    if (at++ < from || (n && json_array_size(arr) == n))
      continue;
    json_t *a = json_loads(line, 0, NULL);
    assert_non_null(a);
    json_object_del(a, "story"); /* a gold label: the API reads none */
    json_array_append_new(arr, a);
  }
  free(line);
  fclose(f);
  return arr;
}

/* POSTs {"articles": arr} (taken) to /v1/articles; returns the status. */
static int post_articles(int port, json_t *arr, response *out) {
  json_t *body = json_pack("{s:o}", "articles", arr);
  char *text = json_dumps(body, JSON_COMPACT);
  json_decref(body);
  int status = http(port, "POST", "/v1/articles", "application/json", text,
                    strlen(text), 0, out);
  free(text);
  return status;
}

static int post_text(int port, const char *body, response *out) {
  return http(port, "POST", "/v1/articles", "application/json", body,
              strlen(body), 0, out);
}

static int get(int port, const char *path, response *out) {
  return http(port, "GET", path, NULL, NULL, 0, 0, out);
}

/* The JSON body of a 200 answer. */
static json_t *ok_json(const response *r) {
  if (r->status != 200)
    print_error("expected 200, got %d: %s\n", r->status,
                r->body ? r->body : "");
  assert_int_equal(r->status, 200);
  json_t *v = json_loadb(r->body, r->len, 0, NULL);
  assert_non_null(v);
  return v;
}

/* GETs `path` and returns its JSON (200 expected). */
static json_t *get_json(int port, const char *path) {
  response r;
  get(port, path, &r);
  json_t *v = ok_json(&r);
  response_free(&r);
  return v;
}

static json_int_t int_at(const json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  assert_true(json_is_integer(v));
  return json_integer_value(v);
}

/* One article of the example stream's fire story, made new. */
static json_t *fire_article(const char *id, const char *date) {
  return json_pack(
      "{s:s, s:s, s:s, s:s}", "id", id, "source", "Port Gazette", "date", date,
      "text",
      "Investigators said on Friday that the fire which destroyed the grain "
      "terminal at Port Kessing started in a conveyor gallery, and the "
      "Kessing Fire Service said about 1,200 dock workers had been "
      "evacuated. Port director Lotte Brandt said shipping would resume "
      "within a week.");
}

/* ---- the event stream: a client over a socket --------------------------- */

typedef struct sse {
  int fd;
  char *buf;
  size_t len, cap, seen; /* bytes read; bytes already taken as events */
} sse;

static void sse_open(sse *e, int port, const char *last_id) {
  memset(e, 0, sizeof *e);
  e->fd = connect_port(port);
  assert_true(e->fd >= 0);
  char req[512];
  int n = snprintf(req, sizeof req,
                   "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Accept: text/event-stream\r\n%s%s%s\r\n",
                   last_id ? "Last-Event-ID: " : "", last_id ? last_id : "",
                   last_id ? "\r\n" : "");
  assert_int_equal(send_all(e->fd, req, (size_t)n), 0);
}

static void sse_close(sse *e) {
  if (e->fd >= 0)
    close(e->fd);
  free(e->buf);
  memset(e, 0, sizeof *e);
  e->fd = -1;
}

/* Reads until `want` appears after what was taken, or `ms` pass; returns
 * non-zero when it appeared (and takes everything up to it). */
static int sse_wait(sse *e, const char *want, int ms) {
  double limit = now_s() + ms / 1000.0;
  for (;;) {
    if (e->buf) {
      e->buf[e->len] = '\0';
      char *at = strstr(e->buf + e->seen, want);
      if (at) {
        e->seen = (size_t)(at - e->buf) + strlen(want);
        return 1;
      }
    }
    double left = limit - now_s();
    if (left <= 0)
      return 0;
    struct pollfd p = {e->fd, POLLIN, 0};
    if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
      return 0;
    if (e->len + 4096 > e->cap) {
      e->cap = (e->cap + 4096) * 2;
      e->buf = realloc(e->buf, e->cap + 1);
      assert_non_null(e->buf);
    }
    ssize_t n = recv(e->fd, e->buf + e->len, e->cap - e->len, 0);
    if (n <= 0)
      return 0;
    e->len += (size_t)n;
  }
}

/* The next event of `type` (taken): its id into `id`, its data parsed. */
static json_t *sse_event(sse *e, const char *type, char *id, size_t cap,
                         int ms) {
  char want[64];
  snprintf(want, sizeof want, "\nevent: %s\n", type);
  if (!sse_wait(e, want, ms))
    return NULL;
  /* The id line comes just before. */
  const char *line = e->buf + e->seen - strlen(want);
  const char *start = line;
  while (start > e->buf && start[-1] != '\n')
    start--;
  if (id && !strncmp(start, "id: ", 4))
    snprintf(id, cap, "%.*s", (int)(line - start - 4), start + 4);
  if (!sse_wait(e, "data: ", ms))
    return NULL;
  const char *data = e->buf + e->seen;
  if (!sse_wait(e, "\n\n", ms))
    return NULL;
  return json_loadb(data, (size_t)(e->buf + e->seen - 2 - data), 0, NULL);
}

/* ---- POST /v1/articles -------------------------------------------------- */

/* Each article answered in order: its story, or why it was skipped; a
 * known id is never stored twice. */
static void articles_are_assigned_in_order(void **state) {
  server *s = desk_server(state, NULL);
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  json_t *v = ok_json(&r);
  response_free(&r);
  json_t *arts = json_object_get(v, "articles");
  assert_int_equal(json_array_size(arts), 12);
  assert_int_equal(int_at(v, "added"), 12);
  assert_int_equal(int_at(v, "skipped"), 0);
  json_int_t fire = int_at(json_array_get(arts, 0), "story");
  json_int_t rail = int_at(json_array_get(arts, 1), "story");
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(arts, 5), "id")),
      "wire-1");
  assert_int_equal(int_at(json_array_get(arts, 5), "story"), fire);
  assert_int_equal(int_at(json_array_get(arts, 4), "story"), rail);
  assert_true(
      json_is_true(json_object_get(json_array_get(arts, 0), "new_story")));
  assert_true(
      json_is_false(json_object_get(json_array_get(arts, 2), "new_story")));
  json_decref(v);

  /* A known id, an id twice in one batch, an article with no text left. */
  json_t *again = json_pack(
      "[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "id", "courier-1",
      "text", "Anything at all about the fire at the port.", "id", "new-1",
      "text",
      "The harbour master of Port Kessing said on Monday that the grain "
      "terminal fire had cost the port its busiest berth.",
      "id", "new-1", "text", "The same id again.", "id", "blank", "text",
      "Advertisement\n");
  assert_int_equal(post_articles(s->port, again, &r), 200);
  v = ok_json(&r);
  response_free(&r);
  arts = json_object_get(v, "articles");
  const char *why0 =
      json_string_value(json_object_get(json_array_get(arts, 0), "skipped"));
  assert_non_null(why0);
  assert_non_null(strstr(why0, "already has this id"));
  assert_true(int_at(json_array_get(arts, 1), "story") > 0);
  assert_non_null(json_object_get(json_array_get(arts, 2), "skipped"));
  const char *why3 =
      json_string_value(json_object_get(json_array_get(arts, 3), "skipped"));
  assert_non_null(why3);
  assert_non_null(strstr(why3, "no article text"));
  assert_int_equal(int_at(v, "added"), 1);
  assert_int_equal(int_at(v, "skipped"), 3);
  json_decref(v);
  v = get_json(s->port, "/v1/stories?limit=500");
  json_int_t total = 0;
  size_t i;
  json_t *st;
  json_array_foreach(json_object_get(v, "stories"), i, st) total +=
      int_at(st, "articles");
  assert_int_equal(total, 13);
  json_decref(v);
}

/* Every refusal of a post, and nothing stored by one. */
static void bad_posts_are_refused(void **state) {
  static const char *const args[] = {"--max-articles", "2", "--max-body", "64K",
                                     NULL};
  server *s = desk_server(state, args);
  response r;
  static const struct {
    const char *body;
    int status;
    const char *code;
  } cases[] = {
      {"", 400, "malformed_json"},
      {"{\"articles\": [", 400, "malformed_json"},
      {"[]", 400, "invalid_request"},
      {"{\"articles\": []}", 400, "invalid_request"},
      {"{\"articles\": [{\"id\": \"a\", \"text\": \"x y z\"}], \"words\": 5}",
       400, "invalid_request"},
      {"{\"articles\": [{\"text\": \"An article with no id at all.\"}]}", 400,
       "invalid_article"},
      {"{\"articles\": [{\"id\": \"a\"}]}", 400, "invalid_article"},
      {"{\"articles\": [{\"id\": \"a\", \"text\": 5}]}", 400,
       "invalid_article"},
      {"{\"articles\": [{\"id\": \"a\", \"text\": \"x\"}, {\"id\": \"b\", "
       "\"text\": \"y\"}, {\"id\": \"c\", \"text\": \"z\"}]}",
       413, "payload_too_large"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    post_text(s->port, cases[i].body, &r);
    expect_error(&r, cases[i].status, cases[i].code);
    response_free(&r);
  }
  /* Bytes that are not UTF-8 in an article. */
  const char bad[] = "{\"articles\": [{\"id\": \"a\", \"text\": \"caf\xe9\"}]}";
  http(s->port, "POST", "/v1/articles", "application/json", bad, sizeof bad - 1,
       0, &r);
  assert_true(r.status == 400);
  response_free(&r);
  http(s->port, "POST", "/v1/articles", "text/plain", "{}", 2, 0, &r);
  expect_error(&r, 415, "unsupported_media_type");
  response_free(&r);
  get(s->port, "/v1/articles", &r);
  expect_error(&r, 405, "method_not_allowed");
  char allow[32];
  assert_string_equal(header(&r, "Allow", allow, sizeof allow), "POST");
  response_free(&r);
  char big[70000];
  memset(big, ' ', sizeof big);
  big[0] = '{';
  big[sizeof big - 1] = '}';
  http(s->port, "POST", "/v1/articles", "application/json", big, sizeof big,
       EXPECT, &r);
  expect_error(&r, 413, "payload_too_large");
  response_free(&r);
  json_t *v = get_json(s->port, "/v1/stories");
  assert_int_equal(int_at(v, "total"), 0);
  assert_true(json_is_null(json_object_get(v, "next")));
  json_decref(v);
}

/* ---- GET /v1/stories ---------------------------------------------------- */

/* Most recently active first; each page's "next" gives the next one, and a
 * story that moves to the front meanwhile is not listed twice. */
static void stories_page_by_cursor(void **state) {
  server *s = desk_server(state, NULL);
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  response_free(&r);
  json_t *v = get_json(s->port, "/v1/stories");
  json_t *list = json_object_get(v, "stories");
  assert_int_equal(json_array_size(list), 3);
  assert_int_equal(int_at(v, "total"), 3);
  assert_true(json_is_null(json_object_get(v, "next")));
  json_int_t newest = int_at(json_array_get(list, 0), "last_arrival");
  assert_true(newest > int_at(json_array_get(list, 1), "last_arrival"));
  json_t *first = json_array_get(list, 0);
  static const char *const fields[] = {
      "id",         "headline",   "articles",  "outlets",
      "first_seen", "last_seen",  "conflicts", "names",
      "activity",   "first_date", "last_date", "last_arrival"};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    assert_non_null(json_object_get(first, fields[i]));
  json_decref(v);

  json_int_t seen[3];
  char path[128] = "/v1/stories?limit=1";
  for (int page = 0; page < 3; page++) {
    v = get_json(s->port, path);
    list = json_object_get(v, "stories");
    assert_int_equal(json_array_size(list), 1);
    seen[page] = int_at(json_array_get(list, 0), "id");
    json_t *next = json_object_get(v, "next");
    if (page < 2) {
      assert_true(json_is_string(next));
      snprintf(path, sizeof path, "/v1/stories?limit=1&cursor=%s",
               json_string_value(next));
    } else {
      assert_true(json_is_null(next));
    }
    json_decref(v);
    if (page == 0) { /* the story just listed moves to the front */
      json_t *more = json_array();
      json_array_append_new(
          more,
          json_pack("{s:s, s:s, s:s}", "id", "lake-more", "date", "2025-03-18",
                    "text",
                    "The algae bloom on Lake Orsa reached the Lindby shore, "
                    "and the council closed two more beaches while tests of "
                    "the water go on."));
      assert_int_equal(post_articles(s->port, more, &r), 200);
      response_free(&r);
    }
  }
  assert_true(seen[0] != seen[1] && seen[1] != seen[2] && seen[0] != seen[2]);

  v = get_json(s->port, "/v1/stories?since=2025-03-16");
  assert_int_equal(json_array_size(json_object_get(v, "stories")), 1);
  json_decref(v);
  v = get_json(s->port, "/v1/stories?q=velrail");
  assert_int_equal(json_array_size(json_object_get(v, "stories")), 1);
  json_decref(v);
  v = get_json(s->port, "/v1/stories?q=Lake+Orsa&limit=5");
  assert_int_equal(json_array_size(json_object_get(v, "stories")), 1);
  json_decref(v);

  static const char *const bad[] = {
      "/v1/stories?since=March", "/v1/stories?limit=0",
      "/v1/stories?limit=501",   "/v1/stories?limit=ten",
      "/v1/stories?cursor=-3",   "/v1/stories?words=10",
      "/v1/stories?colour=blue"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    get(s->port, bad[i], &r);
    expect_error(&r, 400, "invalid_request");
    response_free(&r);
  }
  http(s->port, "POST", "/v1/stories", "application/json", "{}", 2, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  response_free(&r);
  http(s->port, "HEAD", "/v1/stories", NULL, NULL, 0, 0, &r);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.len, 0);
  response_free(&r);
}

/* ---- GET /v1/stories/{id} and its articles ------------------------------ */

/* A story's brief: the JSON of POST /v1/brief, with its fields and
 * whether it is stale; ?words, ?query, ?texts; 404 for what is not a
 * story. */
static void a_story_is_its_brief(void **state) {
  server *s = desk_server(state, NULL);
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  json_t *v = ok_json(&r);
  response_free(&r);
  json_int_t fire =
      int_at(json_array_get(json_object_get(v, "articles"), 0), "story");
  json_decref(v);
  char path[128];
  snprintf(path, sizeof path, "/v1/stories/%lld", (long long)fire);
  v = get_json(s->port, path);
  static const char *const keys[] = {"version", "options", "words",
                                     "summary", "sources", "warnings",
                                     "facts",   "story",   "stale"};
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    assert_non_null(json_object_get(v, keys[i]));
  json_t *story = json_object_get(v, "story");
  assert_int_equal(int_at(story, "id"), fire);
  assert_int_equal(int_at(story, "articles"), 5);
  assert_true(json_is_boolean(json_object_get(v, "stale")));
  /* Every sentence cites its sources; the figures show the conflict of
   * the example (the terminal's damage). */
  size_t i;
  json_t *sent;
  json_array_foreach(json_object_get(v, "summary"), i, sent)
      assert_true(json_array_size(json_object_get(sent, "sources")) > 0);
  int conflict = 0;
  json_t *fig;
  json_array_foreach(json_object_get(json_object_get(v, "facts"), "figures"), i,
                     fig) conflict |=
      !strcmp(json_string_value(json_object_get(fig, "verdict")), "conflict");
  assert_true(conflict);
  assert_null(json_object_get(json_array_get(json_object_get(v, "sources"), 0),
                              "text"));
  json_int_t words = int_at(v, "words");
  json_decref(v);

  snprintf(path, sizeof path, "/v1/stories/%lld?words=40&texts=true",
           (long long)fire);
  v = get_json(s->port, path);
  assert_true(int_at(v, "words") < words);
  json_t *src;
  json_array_foreach(json_object_get(v, "sources"), i, src) {
    const char *text = json_string_value(json_object_get(src, "text"));
    assert_non_null(text);
    assert_true(strlen(text) > 100);
  }
  json_decref(v);

  static const char *const missing[] = {
      "/v1/stories/99",          "/v1/stories/0",
      "/v1/stories/abc",         "/v1/stories/1/nope",
      "/v1/stories/99/articles", "/v1/stories/99999999999"};
  for (i = 0; i < sizeof missing / sizeof *missing; i++) {
    get(s->port, missing[i], &r);
    expect_error(&r, 404, "not_found");
    response_free(&r);
  }
  /* A question: the brief answers it, built for the request. */
  snprintf(path, sizeof path,
           "/v1/stories/%lld?query=How+much+damage%%3F&words=60",
           (long long)fire);
  v = get_json(s->port, path);
  assert_string_equal(json_string_value(json_object_get(
                          json_object_get(v, "options"), "query")),
                      "How much damage?");
  json_decref(v);
  snprintf(path, sizeof path, "/v1/stories/%lld", (long long)fire);
  v = get_json(s->port, path);
  assert_true(
      json_is_null(json_object_get(json_object_get(v, "options"), "query")));
  json_decref(v);
  snprintf(path, sizeof path, "/v1/stories/%lld?query=+", (long long)fire);
  get(s->port, path, &r);
  expect_error(&r, 400, "invalid_request");
  response_free(&r);
  snprintf(path, sizeof path, "/v1/stories/%lld?words=0", (long long)fire);
  get(s->port, path, &r);
  expect_error(&r, 400, "invalid_request");
  response_free(&r);
  snprintf(path, sizeof path, "/v1/stories/%lld?texts=maybe", (long long)fire);
  get(s->port, path, &r);
  expect_error(&r, 400, "invalid_request");
  response_free(&r);
  http(s->port, "DELETE", "/v1/stories/1", NULL, NULL, 0, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  response_free(&r);
}

/* A story's articles, newest first, by pages; the syndicated copy names
 * its original. */
static void story_articles_page_newest_first(void **state) {
  server *s = desk_server(state, NULL);
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  response_free(&r);
  json_t *v = get_json(s->port, "/v1/stories/1/articles?limit=2");
  assert_int_equal(int_at(v, "story"), 1);
  assert_int_equal(int_at(v, "total"), 5);
  json_t *arts = json_object_get(v, "articles");
  assert_int_equal(json_array_size(arts), 2);
  assert_true(int_at(json_array_get(arts, 0), "arrival") >
              int_at(json_array_get(arts, 1), "arrival"));
  assert_non_null(json_object_get(json_array_get(arts, 0), "seen"));
  assert_null(json_object_get(json_array_get(arts, 0), "text"));
  char path[128];
  snprintf(path, sizeof path, "/v1/stories/1/articles?cursor=%s",
           json_string_value(json_object_get(v, "next")));
  json_decref(v);
  v = get_json(s->port, path);
  arts = json_object_get(v, "articles");
  assert_int_equal(json_array_size(arts), 3);
  assert_true(json_is_null(json_object_get(v, "next")));
  int copy = 0;
  size_t i;
  json_t *a;
  json_array_foreach(arts, i,
                     a) if (!strcmp(json_string_value(json_object_get(a, "id")),
                                    "wire-1")) copy =
      !strcmp(json_string_value(json_object_get(a, "copy_of")), "courier-1");
  assert_true(copy);
  json_decref(v);
  get(s->port, "/v1/stories/1/articles?limit=1001", &r);
  expect_error(&r, 400, "invalid_request");
  response_free(&r);
}

/* ---- GET /v1/events ----------------------------------------------------- */

/* A post's stories arrive as events with their fields; a client that comes
 * back with Last-Event-ID gets what it missed; one from too far back, or
 * from another run, gets a reset. */
static void events_follow_the_desk(void **state) {
  static const char *const args[] = {"--event-history", "8", NULL};
  server *s = desk_server(state, args);
  sse e;
  sse_open(&e, s->port, NULL);
  assert_true(sse_wait(&e, "retry: ", 10000));
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  response_free(&r);
  char id[64] = "";
  json_t *ev = sse_event(&e, "story", id, sizeof id, 10000);
  assert_non_null(ev);
  assert_true(int_at(ev, "id") > 0);
  assert_true(int_at(ev, "articles") > 0);
  assert_non_null(json_object_get(ev, "headline"));
  assert_true(json_is_true(json_object_get(ev, "created")));
  json_decref(ev);
  assert_non_null(strchr(id, '-'));
  char first_id[64];
  snprintf(first_id, sizeof first_id, "%s", id);
  /* The refresher says when a story's fresh brief is ready. */
  ev = sse_event(&e, "brief", NULL, 0, 60000);
  assert_non_null(ev);
  json_decref(ev);
  sse_close(&e);

  /* Missed while away: one more article for the fire story. */
  json_t *more = json_array();
  json_array_append_new(more, fire_article("gazette-1", "2025-03-18"));
  assert_int_equal(post_articles(s->port, more, &r), 200);
  response_free(&r);
  sse_open(&e, s->port, first_id);
  ev = sse_event(&e, "story", id, sizeof id, 10000);
  assert_non_null(ev);
  json_decref(ev);
  /* ...until the one just posted, which says the fire story grew. */
  int grew = 0;
  while (!grew && (ev = sse_event(&e, "story", id, sizeof id, 10000))) {
    grew = int_at(ev, "articles") == 6 &&
           json_is_false(json_object_get(ev, "created"));
    json_decref(ev);
  }
  assert_true(grew);
  sse_close(&e);

  /* Too far back for a history of 8, and another run's id: a reset. */
  for (int k = 0; k < 6; k++) {
    char aid[32];
    snprintf(aid, sizeof aid, "gazette-%d", k + 2);
    more = json_array();
    json_array_append_new(more, fire_article(aid, "2025-03-18"));
    assert_int_equal(post_articles(s->port, more, &r), 200);
    response_free(&r);
  }
  static const char *const lost[2] = {NULL, "12345-1"};
  for (int k = 0; k < 2; k++) {
    sse_open(&e, s->port, k ? lost[k] : first_id);
    ev = sse_event(&e, "reset", NULL, 0, 10000);
    assert_non_null(ev);
    json_decref(ev);
    sse_close(&e);
  }
  json_t *health = get_json(s->port, "/healthz");
  assert_true(json_is_integer(json_object_get(health, "streams")));
  json_decref(health);
}

/* A stream stays open past the arrival deadline, holds no worker, and is
 * capped; other methods are refused. */
static void streams_stay_open_and_are_capped(void **state) {
  static const char *const args[] = {
      "--max-streams", "1", "--read-timeout", "1", "--threads", "1", NULL};
  server *s = desk_server(state, args);
  sse e;
  sse_open(&e, s->port, NULL);
  assert_true(sse_wait(&e, "retry: ", 10000));
  response r;
  get(s->port, "/v1/events", &r);
  expect_error(&r, 503, "busy");
  char retry[16];
  assert_non_null(header(&r, "Retry-After", retry, sizeof retry));
  response_free(&r);
  sleep_ms(2500); /* over --read-timeout */
  /* The one worker is free: the stream holds none. */
  json_t *v = get_json(s->port, "/v1/stories");
  json_decref(v);
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 3), &r),
                   200);
  response_free(&r);
  json_t *ev = sse_event(&e, "story", NULL, 0, 10000);
  assert_non_null(ev);
  json_decref(ev);
  sse_close(&e);
  http(s->port, "POST", "/v1/events", "application/json", "{}", 2, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  char allow[16];
  assert_string_equal(header(&r, "Allow", allow, sizeof allow), "GET");
  response_free(&r);
}

/* A server stopped while a stream is open ends the stream and exits. */
static void shutdown_ends_streams(void **state) {
  server *s = desk_server(state, NULL);
  sse e;
  sse_open(&e, s->port, NULL);
  assert_true(sse_wait(&e, "retry: ", 10000));
  assert_int_equal(server_stop(s, SIGTERM), 0);
  assert_non_null(strstr(s->errs, "stopped"));
  /* The chunked stream was ended properly. */
  assert_true(sse_wait(&e, "0\r\n\r\n", 5000));
  sse_close(&e);
}

/* ---- reads while writing ------------------------------------------------ */

typedef struct reader {
  int port;
  atomic_int *stop;
  int reads, failures, stale;
} reader;

static void *read_loop(void *arg) {
  reader *rd = arg;
  while (!atomic_load(rd->stop)) {
    response r;
    const char *path = rd->reads % 2 ? "/v1/stories?limit=5" : "/v1/stories/1";
    int status = get(rd->port, path, &r);
    /* Story 1 may not exist yet at the very start. */
    if (status != 200 && !(status == 404 && rd->reads % 2 == 0)) {
      rd->failures++;
      print_error("%s: %d %.200s\n", path, status, r.body ? r.body : "");
    }
    if (status == 200 && rd->reads % 2 == 0) {
      json_t *v = json_loadb(r.body, r.len, 0, NULL);
      if (!v || !json_is_boolean(json_object_get(v, "stale")))
        rd->failures++;
      rd->stale += json_is_true(json_object_get(v, "stale"));
      json_decref(v);
    }
    response_free(&r);
    rd->reads++;
  }
  return NULL;
}

/* Readers are answered, every time, while batches go in; at the end the
 * desk holds every article once. */
static void reads_while_writing(void **state) {
  server *s = desk_server(state, NULL);
  atomic_int stop = 0;
  enum { READERS = 4, BATCHES = 8 };
  reader rd[READERS];
  pthread_t th[READERS];
  for (int i = 0; i < READERS; i++) {
    rd[i] = (reader){s->port, &stop, 0, 0, 0};
    pthread_create(&th[i], NULL, read_loop, &rd[i]);
  }
  json_t *all = jsonl_articles(STREAM, 0, 0);
  for (int b = 0; b < BATCHES; b++) {
    json_t *batch = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(all, i, a) {
      json_t *copy = json_deep_copy(a);
      char id[64];
      snprintf(id, sizeof id, "%s-%d",
               json_string_value(json_object_get(a, "id")), b);
      json_object_set_new(copy, "id", json_string(id));
      json_array_append_new(batch, copy);
    }
    response r;
    assert_int_equal(post_articles(s->port, batch, &r), 200);
    response_free(&r);
  }
  json_decref(all);
  atomic_store(&stop, 1);
  int reads = 0, failures = 0;
  for (int i = 0; i < READERS; i++) {
    pthread_join(th[i], NULL);
    failures += rd[i].failures;
    reads += rd[i].reads;
  }
  assert_int_equal(failures, 0);
  assert_true(reads >= READERS);
  json_t *v = get_json(s->port, "/v1/stories?limit=500");
  json_int_t total = 0;
  size_t i;
  json_t *st;
  json_array_foreach(json_object_get(v, "stories"), i, st) total +=
      int_at(st, "articles");
  assert_int_equal(total, 12 * BATCHES);
  json_decref(v);
}

/* ---- a kept desk -------------------------------------------------------- */

/* --db keeps the desk across runs; the new run's events are told apart. */
static void the_desk_is_kept_in_its_database(void **state) {
  char db[128];
  snprintf(db, sizeof db, "/tmp/brief-test-server-desk-%d.db", (int)getpid());
  unlink(db);
  const char *args[] = {"--db", db, NULL};
  server *s = desk_server(state, args);
  response r;
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 0), &r),
                   200);
  response_free(&r);
  sse e;
  sse_open(&e, s->port, NULL);
  char id[64];
  json_t *ev = sse_event(&e, "brief", id, sizeof id, 60000);
  assert_non_null(ev);
  json_decref(ev);
  sse_close(&e);
  assert_int_equal(server_stop(s, SIGTERM), 0);
  server_cleanup(s);
  sleep_ms(1100); /* a new second names the new run */
  assert_int_equal(
      server_start(s, (const char *const[]){"--quiet", "--db", db, NULL}), 0);
  assert_non_null(strstr(s->errs, "12 articles"));
  json_t *v = get_json(s->port, "/v1/stories");
  assert_int_equal(int_at(v, "total"), 3);
  json_decref(v);
  assert_int_equal(post_articles(s->port, jsonl_articles(STREAM, 0, 1), &r),
                   200);
  v = ok_json(&r);
  response_free(&r);
  assert_int_equal(int_at(v, "skipped"), 1);
  json_decref(v);
  sse_open(&e, s->port, id);
  ev = sse_event(&e, "reset", NULL, 0, 10000);
  assert_non_null(ev);
  json_decref(ev);
  sse_close(&e);
  char side[160];
  unlink(db);
  snprintf(side, sizeof side, "%s-wal", db);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", db);
  unlink(side);
}

/* A file that is not a brief database stops the server at once. */
static void a_bad_database_is_a_startup_error(void **state) {
  (void)state;
  char db[128];
  snprintf(db, sizeof db, "/tmp/brief-test-server-notdb-%d", (int)getpid());
  FILE *f = fopen(db, "w");
  assert_non_null(f);
  fputs("not a database, just some text\n", f);
  fclose(f);
  char cmd[512];
  snprintf(cmd, sizeof cmd, "%s serve --port 0 --db %s 2>&1", BRIEF_CLI_PATH,
           db);
  FILE *p = popen(cmd, "r");
  char out[1024] = "";
  size_t n = fread(out, 1, sizeof out - 1, p);
  out[n] = '\0';
  assert_int_equal(WEXITSTATUS(pclose(p)), 1);
  assert_non_null(strstr(out, "not a brief database"));
  unlink(db);
}

/* ---- merges ------------------------------------------------------------- */

/* On DUC 2002 the desk merges two stories: the event says so, and the
 * merged-away id answers with the story it joined. */
static void merged_ids_resolve(void **state) {
  if (!shared_available())
    skip();
  server *s = desk_server(state, NULL);
  sse e;
  sse_open(&e, s->port, NULL);
  assert_true(sse_wait(&e, "retry: ", 10000));
  for (size_t from = 0;; from += 200) {
    json_t *arr = jsonl_articles(DUC2002, from, 200);
    if (!json_array_size(arr)) {
      json_decref(arr);
      break;
    }
    response r;
    assert_int_equal(post_articles(s->port, arr, &r), 200);
    response_free(&r);
  }
  json_t *m = sse_event(&e, "merged", NULL, 0, 30000);
  assert_non_null(m);
  json_int_t gone = int_at(m, "id"), into = int_at(m, "into");
  json_decref(m);
  sse_close(&e);
  char path[128];
  snprintf(path, sizeof path, "/v1/stories/%lld", (long long)gone);
  json_t *v = get_json(s->port, path);
  assert_int_equal(int_at(json_object_get(v, "story"), "id"), into);
  json_decref(v);
  snprintf(path, sizeof path, "/v1/stories/%lld/articles", (long long)gone);
  v = get_json(s->port, path);
  assert_int_equal(int_at(v, "story"), into);
  json_decref(v);
  v = get_json(s->port, "/v1/stories?limit=500");
  size_t i;
  json_t *st;
  json_array_foreach(json_object_get(v, "stories"), i, st)
      assert_true(int_at(st, "id") != gone);
  json_decref(v);
}

#define DESK_TEST(f) cmocka_unit_test_teardown(f, desk_teardown)

int main(void) {
  skip_without_server();
  const struct CMUnitTest tests[] = {
      DESK_TEST(articles_are_assigned_in_order),
      DESK_TEST(bad_posts_are_refused),
      DESK_TEST(stories_page_by_cursor),
      DESK_TEST(a_story_is_its_brief),
      DESK_TEST(story_articles_page_newest_first),
      DESK_TEST(events_follow_the_desk),
      DESK_TEST(streams_stay_open_and_are_capped),
      DESK_TEST(shutdown_ends_streams),
      DESK_TEST(reads_while_writing),
      DESK_TEST(the_desk_is_kept_in_its_database),
      DESK_TEST(a_bad_database_is_a_startup_error),
      DESK_TEST(merged_ids_resolve),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
