/*
 * test_server.c - `brief serve` over real HTTP: every status code of the
 * API, parallel requests against serial ones, shutdown while busy, and the
 * access log. Each test starts the brief binary (BRIEF_CLI_PATH) on a free
 * loopback port (--port 0, read back from its "listening on" line) and
 * talks to it with a minimal HTTP/1.1 client over sockets. Skips (77) when
 * the binary was built without libmicrohttpd.
 */
#include "server_client.h"

#include <dirent.h>
#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>

#define EXAMPLE_DIR BRIEF_SOURCE_DIR "/examples/harbour-fire"

/* ---- requests ----------------------------------------------------------- */

/* The example story as API articles, ids the file names as the CLI has
 * them; `copies` > 1 repeats it with distinct ids and a changed name, to
 * make a story that keeps a worker busy for a while. */
static json_t *example_articles(int copies) {
  struct dirent **names;
  int n = scandir(EXAMPLE_DIR, &names, NULL, alphasort);
  assert_true(n > 0);
  json_t *arr = json_array();
  for (int c = 0; c < copies; c++)
    for (int i = 0; i < n; i++) {
      const char *name = names[i]->d_name;
      size_t len = strlen(name);
      if (len < 5 || strcmp(name + len - 4, ".txt") != 0)
        continue;
      char path[1024], id[300];
      snprintf(path, sizeof path, "%s/%s", EXAMPLE_DIR, name);
      FILE *f = fopen(path, "rb");
      assert_non_null(f);
      char text[65536];
      size_t k = fread(text, 1, sizeof text - 1, f);
      fclose(f);
      text[k] = '\0';
      if (copies > 1) {
        snprintf(id, sizeof id, "%d-%.*s", c, (int)(len - 4), name);
        /* a different harbour per copy, so the copies are not duplicates */
        char *at = strstr(text, "Port Kessing");
        if (at)
          at[5] = (char)('A' + c % 26);
      } else {
        snprintf(id, sizeof id, "%.*s", (int)(len - 4), name);
      }
      json_array_append_new(arr,
                            json_pack("{s:s, s:s}", "id", id, "text", text));
    }
  for (int i = 0; i < n; i++)
    free(names[i]);
  free(names);
  return arr;
}

static char *request_json(int copies, int words, int facts, int first,
                          int count) {
  json_t *all = example_articles(copies);
  json_t *arr = json_array();
  size_t total = json_array_size(all);
  for (size_t i = 0; i < total && (count <= 0 || (int)i < first + count); i++)
    if ((int)i >= first)
      json_array_append(arr, json_array_get(all, i));
  json_t *root = json_pack("{s:o}", "articles", arr);
  if (words > 0)
    json_object_set_new(root, "words", json_integer(words));
  if (facts)
    json_object_set_new(root, "facts", json_true());
  char *s = json_dumps(root, JSON_COMPACT);
  json_decref(root);
  json_decref(all);
  assert_non_null(s);
  return s;
}

static char *run_cli(const char *cmd) {
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
    len += n;
    if (cap - len < 4096)
      buf = realloc(buf, cap *= 2);
  }
  buf[len] = '\0';
  assert_int_equal(pclose(p), 0);
  return buf;
}

/* ---- the shared server's tests ----------------------------------------- */

static int group_setup(void **state) {
  static const char *const args[] = {"--max-body", "512K", "--quiet", NULL};
  server *s = calloc(1, sizeof *s);
  if (!s || server_start(s, args) != 0)
    return -1;
  *state = s;
  return 0;
}

static int group_teardown(void **state) {
  server *s = *state;
  int rc = server_stop(s, SIGTERM);
  server_cleanup(s);
  free(s);
  return rc == 0 ? 0 : -1;
}

/* 200: the same bytes as `brief summarize --format json`. */
static void brief_matches_cli(void **state) {
  server *s = *state;
  char *body = request_json(1, 0, 0, 0, 0);
  response r;
  assert_int_equal(post(s->port, body, &r), 200);
  char ct[64];
  assert_string_equal(header(&r, "Content-Type", ct, sizeof ct),
                      "application/json");
  char *cli = run_cli(BRIEF_CLI_PATH " summarize --format json " EXAMPLE_DIR);
  assert_int_equal(r.len, strlen(cli));
  assert_memory_equal(r.body, cli, r.len);
  free(cli);
  response_free(&r);
  free(body);
}

/* facts:true always answers 200 with the summary: with a "facts" object,
 * or with a warning saying why there is none. */
static void facts_never_fail_the_request(void **state) {
  server *s = *state;
  char *body = request_json(1, 120, 1, 0, 0);
  response r;
  assert_int_equal(post(s->port, body, &r), 200);
  json_t *v = json_loadb(r.body, r.len, 0, NULL);
  assert_non_null(v);
  assert_true(json_array_size(json_object_get(v, "summary")) > 0);
  assert_true(
      json_is_true(json_object_get(json_object_get(v, "options"), "facts")));
  int warned = 0;
  size_t i;
  json_t *w;
  json_array_foreach(json_object_get(v, "warnings"), i, w) {
    warned |= strncmp(json_string_value(w), "facts unavailable", 17) == 0;
  }
  assert_true(json_is_object(json_object_get(v, "facts")) || warned);
  json_decref(v);
  response_free(&r);
  free(body);
}

static void health_and_version(void **state) {
  server *s = *state;
  response r;
  assert_int_equal(http(s->port, "GET", "/healthz", NULL, NULL, 0, 0, &r), 200);
  json_t *v = json_loadb(r.body, r.len, 0, NULL);
  assert_string_equal(json_string_value(json_object_get(v, "status")), "ok");
  assert_true(json_integer_value(json_object_get(v, "workers")) >= 1);
  json_decref(v);
  response_free(&r);
  assert_int_equal(http(s->port, "GET", "/v1/version", NULL, NULL, 0, 0, &r),
                   200);
  v = json_loadb(r.body, r.len, 0, NULL);
  assert_string_equal(json_string_value(json_object_get(v, "version")),
                      brief_version());
  json_decref(v);
  response_free(&r);
}

static void page_is_served(void **state) {
  server *s = *state;
  static const struct {
    const char *path, *type, *needle;
  } files[] = {{"/", "text/html", "<title>"},
               {"/index.html", "text/html", "app.js"},
               {"/app.js", "text/javascript", "/v1/brief"},
               {"/style.css", "text/css", "mark"}};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    response r;
    assert_int_equal(http(s->port, "GET", files[i].path, NULL, NULL, 0, 0, &r),
                     200);
    char ct[64];
    assert_non_null(header(&r, "Content-Type", ct, sizeof ct));
    assert_true(strncmp(ct, files[i].type, strlen(files[i].type)) == 0);
    assert_non_null(strstr(r.body, files[i].needle));
    /* no CDN: the page names no other host */
    assert_null(strstr(r.body, "https://"));
    response_free(&r);
  }
  response r;
  assert_int_equal(http(s->port, "HEAD", "/", NULL, NULL, 0, 0, &r), 200);
  assert_int_equal(r.len, 0);
  response_free(&r);
}

static void bad_requests_are_400(void **state) {
  server *s = *state;
  static const struct {
    const char *body, *code;
  } cases[] = {
      {"{\"articles\": [", "malformed_json"},
      {"", "malformed_json"},
      {"{\"a\": 1, \"a\": 2}", "malformed_json"}, /* duplicate keys */
      {"[1, 2]", "invalid_request"},
      {"{}", "invalid_request"},
      {"{\"articles\": []}", "invalid_request"},
      {"{\"articles\": {\"text\": \"x\"}}", "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"words\": 0}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"words\": \"many\"}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"words\": 2.5}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"facts\": \"yes\"}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"format\": \"text\"}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"query\": \" \\n\"}",
       "invalid_request"},
      {"{\"articles\": [{\"text\": \"A fire.\"}], \"query\": 5}",
       "invalid_request"},
      {"{\"articles\": [1]}", "invalid_article"},
      {"{\"articles\": [{\"id\": \"x\"}]}", "invalid_article"},
      {"{\"articles\": [{\"text\": 5}]}", "invalid_article"},
      /* a request cannot make the server read a file */
      {"{\"articles\": [{\"id\": \"x\", \"path\": \"/etc/passwd\"}]}",
       "invalid_article"},
      {"{\"articles\": [{\"text\": \"   \"}]}", "empty"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    response r;
    post(s->port, cases[i].body, &r);
    expect_error(&r, 400, cases[i].code);
    response_free(&r);
  }
  /* Bytes that are not UTF-8 */
  static const char bad_utf8[] = "{\"articles\": [{\"text\": \"caf\xe9\"}]}";
  response r;
  post(s->port, bad_utf8, &r);
  expect_error(&r, 400, "malformed_json");
  response_free(&r);
}

/* "query": the same bytes as `brief summarize --query`, the question
 * echoed in the options; one with no word in the story warns. */
static void query_matches_cli(void **state) {
  server *s = *state;
  char *plain = request_json(1, 0, 0, 0, 0);
  json_t *root = json_loads(plain, 0, NULL);
  free(plain);
  assert_non_null(root);
  json_object_set_new(root, "query", json_string("Were firefighters hurt?"));
  char *body = json_dumps(root, JSON_COMPACT);
  response r;
  assert_int_equal(post(s->port, body, &r), 200);
  char *cli = run_cli(BRIEF_CLI_PATH " summarize --format json --query "
                                     "'Were firefighters hurt?' " EXAMPLE_DIR);
  assert_int_equal(r.len, strlen(cli));
  assert_memory_equal(r.body, cli, r.len);
  assert_non_null(strstr(r.body, "\"query\": \"Were firefighters hurt?\""));
  free(cli);
  response_free(&r);
  free(body);
  json_object_set_new(root, "query", json_string("zebras"));
  body = json_dumps(root, JSON_COMPACT);
  assert_int_equal(post(s->port, body, &r), 200);
  assert_non_null(strstr(r.body, "none of its words is in the articles"));
  response_free(&r);
  free(body);
  json_decref(root);
}

/* A text naming a file is only text: the summary quotes it, never the
 * file's content. */
static void paths_are_not_opened(void **state) {
  server *s = *state;
  const char *body = "{\"articles\": [{\"text\": \"The harbour master read "
                     "the file /etc/passwd aloud to the assembled crowd of "
                     "dock workers on Tuesday.\"}]}";
  response r;
  assert_int_equal(post(s->port, body, &r), 200);
  assert_null(strstr(r.body, "root:"));
  response_free(&r);
}

static void too_large_is_413(void **state) {
  server *s = *state;
  size_t n = 600 << 10; /* over the 512K limit */
  char *big = malloc(n + 1);
  memset(big, ' ', n);
  big[n] = '\0';
  response r;
  /* Refused from the Content-Length, before the upload. */
  http(s->port, "POST", "/v1/brief", "application/json", big, n, EXPECT, &r);
  expect_error(&r, 413, "payload_too_large");
  response_free(&r);
  /* Without a length: refused before the upload, whatever its size. */
  http(s->port, "POST", "/v1/brief", "application/json", big, n, CHUNKED, &r);
  expect_error(&r, 411, "length_required");
  response_free(&r);
  free(big);
  /* Over the article count. */
  json_t *arr = json_array();
  for (int i = 0; i < 201; i++)
    json_array_append_new(arr, json_pack("{s:s}", "text", "A fire."));
  json_t *root = json_pack("{s:o}", "articles", arr);
  char *body = json_dumps(root, JSON_COMPACT);
  json_decref(root);
  post(s->port, body, &r);
  expect_error(&r, 413, "payload_too_large");
  response_free(&r);
  free(body);
}

static void wrong_type_is_415(void **state) {
  server *s = *state;
  const char *body = "{\"articles\": [{\"text\": \"A fire.\"}]}";
  response r;
  http(s->port, "POST", "/v1/brief", "text/plain", body, strlen(body), 0, &r);
  expect_error(&r, 415, "unsupported_media_type");
  response_free(&r);
  http(s->port, "POST", "/v1/brief", NULL, body, strlen(body), 0, &r);
  expect_error(&r, 415, "unsupported_media_type");
  response_free(&r);
  http(s->port, "POST", "/v1/brief", "application/jsonx", body, strlen(body), 0,
       &r);
  expect_error(&r, 415, "unsupported_media_type");
  response_free(&r);
  char *ok = request_json(1, 80, 0, 0, 2);
  assert_int_equal(http(s->port, "POST", "/v1/brief",
                        "Application/JSON; charset=utf-8", ok, strlen(ok), 0,
                        &r),
                   200);
  response_free(&r);
  free(ok);
}

static void unknown_is_404_and_wrong_method_405(void **state) {
  server *s = *state;
  response r;
  const char *missing[] = {"/nope", "/v1/brief/", "/v2/brief", "/../etc/passwd",
                           "/index.htm"};
  for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
    http(s->port, "GET", missing[i], NULL, NULL, 0, 0, &r);
    expect_error(&r, 404, "not_found");
    response_free(&r);
  }
  char allow[64];
  http(s->port, "GET", "/v1/brief", NULL, NULL, 0, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  assert_string_equal(header(&r, "Allow", allow, sizeof allow), "POST");
  response_free(&r);
  http(s->port, "PUT", "/v1/brief", "application/json", "{}", 2, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  response_free(&r);
  http(s->port, "POST", "/healthz", "application/json", "{}", 2, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  assert_string_equal(header(&r, "Allow", allow, sizeof allow), "GET, HEAD");
  response_free(&r);
  http(s->port, "DELETE", "/", NULL, NULL, 0, 0, &r);
  expect_error(&r, 405, "method_not_allowed");
  response_free(&r);
}

/* Requests whose framing cannot be trusted get 400 (411 for a chunked
 * body, which is never read, so no chunk size can hold the connection),
 * with the API's JSON error, at once. */
static void bad_framing_is_400(void **state) {
  server *s = *state;
  static const char body[] = "{\"articles\": [{\"text\": \"A fire.\"}]}";
  char req[1024];
  static const struct {
    const char *head;
    int status;
    const char *code;
  } cases[] = {
      {"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 400,
       "bad_request"},
      {"POST /v1/brief HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
       "Content-Type: application/json\r\nContent-Length: 35\r\n"
       "Content-Length: 5\r\n\r\n",
       400, "bad_request"},
      {"POST /v1/brief HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
       "Content-Type: application/json\r\nContent-Length: 35\r\n"
       "Transfer-Encoding: chunked\r\n\r\n",
       400, "bad_request"},
      {"POST /v1/brief HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
       "ffffffffffffffff\r\n",
       411, "length_required"},
      {"POST /v1/brief HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
       "fffffffffffffffffffffffff\r\n",
       411, "length_required"},
      {"GET /index.html%00.txt HTTP/1.1\r\nHost: x\r\nConnection: "
       "close\r\n\r\n",
       400, "bad_request"},
      {"GET /healthz%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400,
       "bad_request"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    snprintf(req, sizeof req, "%s%s", cases[i].head,
             strstr(cases[i].head, "Content-Length: 35") ? body : "");
    response r;
    double t0 = now_s();
    raw(s->port, req, &r);
    if (r.status != cases[i].status)
      print_error("case %zu: %s\n", i, cases[i].head);
    expect_error(&r, cases[i].status, cases[i].code);
    assert_true(now_s() - t0 < 5);
    response_free(&r);
  }
  /* HTTP/1.0 needs no Host. */
  response r;
  assert_int_equal(raw(s->port, "GET /healthz HTTP/1.0\r\n\r\n", &r), 200);
  response_free(&r);
}

/* A query of hundreds of arguments (no route reads one) is 414 at once,
 * however long; a few still pass. */
static void long_query_is_414(void **state) {
  server *s = *state;
  size_t counts[] = {500, 2000};
  for (size_t k = 0; k < 2; k++) {
    size_t cap = counts[k] * 4 + 256;
    char *req = malloc(cap);
    size_t n = (size_t)snprintf(req, cap, "GET /healthz?a=b");
    for (size_t i = 1; i < counts[k]; i++)
      n += (size_t)snprintf(req + n, cap - n, "&a=b");
    snprintf(req + n, cap - n,
             " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    response r;
    double t0 = now_s();
    raw(s->port, req, &r);
    expect_error(&r, 414, "uri_too_long");
    assert_true(now_s() - t0 < 5);
    response_free(&r);
    free(req);
  }
  response r;
  assert_int_equal(
      http(s->port, "GET", "/app.js?v=2&x=1", NULL, NULL, 0, 0, &r), 200);
  response_free(&r);
}

/* A request's words, sentences and JSON values are bounded: 413 naming the
 * limit, before the work. */
static void request_cost_is_bounded(void **state) {
  server *s = *state;
  /* JSON values: a 200 KB array of zeros in an unknown field. */
  size_t n = 100001;
  char *body = malloc(n * 2 + 64);
  size_t len =
      (size_t)sprintf(body, "{\"articles\": [{\"text\": \"A.\"}], \"x\": [0");
  for (size_t i = 1; i < n; i++)
    body[len++] = ',', body[len++] = '0';
  strcpy(body + len, "]}");
  response r;
  post(s->port, body, &r);
  expect_error(&r, 413, "payload_too_large");
  assert_non_null(strstr(r.body, "JSON values"));
  response_free(&r);
  free(body);
}

static void words_and_sentences_are_bounded(void **state) {
  static const char *const args[] = {
      "--max-words", "300", "--max-sentences", "20", "--quiet", NULL};
  server *s = own_server(state, args);
  char *body = request_json(1, 0, 0, 0, 0); /* about 900 words */
  response r;
  post(s->port, body, &r);
  expect_error(&r, 413, "payload_too_large");
  assert_non_null(strstr(r.body, "limit of 300 words"));
  response_free(&r);
  free(body);
  /* 25 short sentences, 100 words. */
  char text[2048] = "";
  for (int i = 0; i < 25; i++)
    strcat(text, "The harbour fire burned. ");
  json_t *root = json_pack("{s:[{s:s}]}", "articles", "text", text);
  body = json_dumps(root, JSON_COMPACT);
  json_decref(root);
  post(s->port, body, &r);
  expect_error(&r, 413, "payload_too_large");
  assert_non_null(strstr(r.body, "more than 20 sentences"));
  response_free(&r);
  free(body);
  assert_int_equal(server_stop(s, SIGTERM), 0);
}

/* Fields an article does not have are reported once, not per article. */
static void unknown_fields_warn_once(void **state) {
  server *s = *state;
  const char *body =
      "{\"articles\": [{\"id\": \"a\", \"body\": \"x\", \"text\": \"The "
      "harbour fire burned for hours on Tuesday night, officials said.\"}, "
      "{\"id\": \"b\", \"published\": \"2020\", \"text\": \"Firefighters "
      "fought the harbour fire through the night and into Wednesday.\"}]}";
  response r;
  assert_int_equal(post(s->port, body, &r), 200);
  json_t *v = json_loadb(r.body, r.len, 0, NULL);
  size_t i, found = 0;
  json_t *w;
  json_array_foreach(json_object_get(v, "warnings"), i, w) {
    found += strstr(json_string_value(w), "unknown field") != NULL;
  }
  assert_int_equal(found, 1);
  json_decref(v);
  response_free(&r);
}

/* ---- slow clients -------------------------------------------------------- */

enum { SLOW_CLIENTS = 300 };

/* Opens `n` connections from 127.0.0.1 that each start a request; returns
 * how many the server took (the others it closed at once). */
static int open_slow(int port, int *fds, int n) {
  int taken = 0;
  for (int i = 0; i < n; i++) {
    fds[i] = connect_port(port);
    if (fds[i] >= 0)
      send(fds[i], "G", 1, MSG_NOSIGNAL);
  }
  sleep_ms(300);
  for (int i = 0; i < n; i++) {
    char c;
    if (fds[i] >= 0 && recv(fds[i], &c, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN)
      taken++;
  }
  return taken;
}

/* Sends one more byte of the request line on every open connection. */
static void trickle(int *fds, int n) {
  for (int i = 0; i < n; i++)
    if (fds[i] >= 0)
      send(fds[i], "E", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
}

/* How many of the connections the server has closed. */
static int closed_by_server(int *fds, int n) {
  int closed = 0;
  for (int i = 0; i < n; i++) {
    char c;
    if (fds[i] < 0)
      continue;
    ssize_t k = recv(fds[i], &c, 1, MSG_DONTWAIT);
    closed += k == 0 || (k < 0 && errno != EAGAIN);
  }
  return closed;
}

static int health_from(int port, const char *from) {
  static const char req[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n"
                            "Connection: close\r\n\r\n";
  response r;
  int status = raw_from(port, from, req, sizeof req - 1, &r);
  response_free(&r);
  return status;
}

/* Hundreds of connections from one address, each sending a byte now and
 * then, hold at most --max-per-client connections: another address still
 * gets its health check at once. */
static void slow_clients_leave_room(void **state) {
  server *s = own_server(state, (const char *const[]){"--quiet", NULL});
  int fds[SLOW_CLIENTS];
  int taken = open_slow(s->port, fds, SLOW_CLIENTS);
  for (int round = 0; round < 3; round++) {
    trickle(fds, SLOW_CLIENTS);
    double t0 = now_s();
    assert_int_equal(health_from(s->port, "127.0.0.2"), 200);
    assert_true(now_s() - t0 < 5);
    sleep_ms(200);
  }
  for (int i = 0; i < SLOW_CLIENTS; i++)
    if (fds[i] >= 0)
      close(fds[i]);
  assert_true(taken <= 32);
  assert_int_equal(server_stop(s, SIGTERM), 0);
}

/* A request has --read-timeout to arrive, however steadily it trickles:
 * then its connection is closed and the address has room again. */
enum { LATE_CLIENTS = 10 };

static void late_requests_are_cut(void **state) {
  static const char *const args[] = {"--read-timeout", "3", NULL};
  server *s = own_server(state, args);
  int fds[LATE_CLIENTS];
  double t0 = now_s();
  assert_int_equal(open_slow(s->port, fds, LATE_CLIENTS), LATE_CLIENTS);
  int closed = 0;
  while (now_s() - t0 < 15 && closed < LATE_CLIENTS) {
    trickle(fds, LATE_CLIENTS);
    sleep_ms(250);
    closed = closed_by_server(fds, LATE_CLIENTS);
    /* held while their time lasts */
    assert_true(closed == 0 || now_s() - t0 > 2.5);
  }
  assert_int_equal(closed, LATE_CLIENTS);
  assert_true(now_s() - t0 < 8);
  assert_int_equal(health_from(s->port, "127.0.0.1"), 200);
  for (int i = 0; i < LATE_CLIENTS; i++)
    if (fds[i] >= 0)
      close(fds[i]);
  assert_int_equal(server_stop(s, SIGTERM), 0);
}

typedef struct trickler {
  int port;
  atomic_int stop;
} trickler;

/* A body of Content-Length 1000, one byte every 250 ms. */
static void *trickle_body(void *arg) {
  trickler *t = arg;
  int fd = connect_port(t->port);
  if (fd < 0)
    return NULL;
  static const char head[] =
      "POST /v1/brief HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 1000\r\n\r\n";
  send_all(fd, head, sizeof head - 1);
  for (int i = 0; i < 1000 && !atomic_load(&t->stop); i++) {
    if (send(fd, " ", 1, MSG_NOSIGNAL) != 1)
      break;
    sleep_ms(250);
  }
  close(fd);
  return NULL;
}

/* SIGTERM while a client trickles a body: the server gives it a short
 * grace period, then closes it and exits. */
static void shutdown_cuts_trickled_body(void **state) {
  server *s = own_server(state, NULL);
  trickler t = {s->port, 0};
  pthread_t th;
  assert_int_equal(pthread_create(&th, NULL, trickle_body, &t), 0);
  sleep_ms(1000);
  double t0 = now_s();
  kill(s->pid, SIGTERM);
  int rc = server_stop(s, 0);
  double took = now_s() - t0;
  atomic_store(&t.stop, 1);
  pthread_join(th, NULL);
  assert_int_equal(rc, 0);
  assert_true(took < 10);
  FILE *f = fopen(s->log, "r");
  char line[2048] = "";
  assert_non_null(fgets(line, sizeof line, f));
  fclose(f);
  assert_non_null(strstr(line, "\"POST /v1/brief HTTP/1.1\" 408 "));
}

/* ---- parallel requests ------------------------------------------------- */

typedef struct call {
  int port;
  const char *body;
  response res;
  atomic_int *done;
} call;

static void *call_run(void *arg) {
  call *c = arg;
  post(c->port, c->body, &c->res);
  if (c->done)
    atomic_fetch_add(c->done, 1);
  return NULL;
}

enum { NVARIANTS = 8, ROUNDS = 3 };

/* Many requests at once give exactly the answers they give one by one. */
static void parallel_equals_serial(void **state) {
  server *s = *state;
  char *bodies[NVARIANTS];
  response serial[NVARIANTS];
  for (int i = 0; i < NVARIANTS; i++) {
    bodies[i] = request_json(1, 60 + 30 * i, 0, i % 3, 5 - i % 3);
    assert_int_equal(post(s->port, bodies[i], &serial[i]), 200);
  }
  call calls[NVARIANTS * ROUNDS];
  pthread_t th[NVARIANTS * ROUNDS];
  for (int i = 0; i < NVARIANTS * ROUNDS; i++) {
    calls[i] = (call){s->port, bodies[i % NVARIANTS], {0}, NULL};
    assert_int_equal(pthread_create(&th[i], NULL, call_run, &calls[i]), 0);
  }
  for (int i = 0; i < NVARIANTS * ROUNDS; i++) {
    pthread_join(th[i], NULL);
    const response *want = &serial[i % NVARIANTS];
    assert_int_equal(calls[i].res.status, 200);
    assert_int_equal(calls[i].res.len, want->len);
    assert_memory_equal(calls[i].res.body, want->body, want->len);
    response_free(&calls[i].res);
  }
  for (int i = 0; i < NVARIANTS; i++) {
    response_free(&serial[i]);
    free(bodies[i]);
  }
}

/* ---- tests with a server of their own ---------------------------------- */

/* Fires `n` copies of `body` at once; returns how many answers had each
 * status (index: status / 100) and checks 503 answers carry `code`. */
static void burst(int port, const char *body, int n, int *by_class,
                  int *count_503, const char *code_503) {
  call *calls = calloc((size_t)n, sizeof *calls);
  pthread_t *th = calloc((size_t)n, sizeof *th);
  for (int i = 0; i < n; i++) {
    calls[i] = (call){port, body, {0}, NULL};
    assert_int_equal(pthread_create(&th[i], NULL, call_run, &calls[i]), 0);
  }
  for (int i = 0; i < n; i++) {
    pthread_join(th[i], NULL);
    by_class[calls[i].res.status / 100]++;
    if (calls[i].res.status == 503) {
      expect_error(&calls[i].res, 503, code_503);
      char ra[16];
      assert_non_null(header(&calls[i].res, "Retry-After", ra, sizeof ra));
      (*count_503)++;
    }
    response_free(&calls[i].res);
  }
  free(calls);
  free(th);
}

static void full_queue_is_503(void **state) {
  static const char *const args[] = {"--threads", "1",       "--queue",
                                     "1",         "--quiet", NULL};
  server *s = own_server(state, args);
  char *body = request_json(40, 0, 0, 0, 0);
  int by_class[6] = {0}, busy = 0;
  burst(s->port, body, 10, by_class, &busy, "busy");
  /* One runs, at most one waits, the rest are refused at once. */
  assert_true(busy >= 1);
  assert_true(by_class[2] >= 1);
  assert_int_equal(by_class[2] + busy, 10);
  free(body);
  assert_int_equal(server_stop(s, SIGTERM), 0);
}

static void slow_request_is_503(void **state) {
  static const char *const args[] = {"--threads", "1",       "--timeout",
                                     "0.05",      "--quiet", NULL};
  server *s = own_server(state, args);
  char *body = request_json(30, 0, 0, 0, 0);
  int by_class[6] = {0}, late = 0;
  burst(s->port, body, 8, by_class, &late, "timeout");
  /* Eight on one worker cannot all finish within 50 ms of arriving. */
  assert_true(late >= 1);
  assert_int_equal(by_class[2] + late, 8);
  free(body);
  assert_int_equal(server_stop(s, SIGTERM), 0);
}

static size_t pending(int port) {
  response r;
  if (http(port, "GET", "/healthz", NULL, NULL, 0, 0, &r) != 200)
    return 0;
  json_t *v = json_loadb(r.body, r.len, 0, NULL);
  size_t n = (size_t)(json_integer_value(json_object_get(v, "queued")) +
                      json_integer_value(json_object_get(v, "running")));
  json_decref(v);
  response_free(&r);
  return n;
}

enum { INFLIGHT = 6 };

/* SIGTERM while requests run: each still gets its full answer, then the
 * server exits 0 and the port is closed. */
static void shutdown_finishes_requests(void **state) {
  static const char *const args[] = {"--threads", "1", "--quiet", NULL};
  server *s = own_server(state, args);
  char *body = request_json(40, 0, 0, 0, 0);
  response want;
  assert_int_equal(post(s->port, body, &want), 200);
  atomic_int done;
  atomic_init(&done, 0);
  call calls[INFLIGHT];
  pthread_t th[INFLIGHT];
  for (int i = 0; i < INFLIGHT; i++) {
    calls[i] = (call){s->port, body, {0}, &done};
    assert_int_equal(pthread_create(&th[i], NULL, call_run, &calls[i]), 0);
  }
  /* Wait until the server holds every request (queued, running or done). */
  double limit = now_s() + 30;
  while (pending(s->port) + (size_t)atomic_load(&done) < INFLIGHT &&
         now_s() < limit)
    sleep_ms(2);
  int finished_before = atomic_load(&done);
  kill(s->pid, SIGTERM);
  for (int i = 0; i < INFLIGHT; i++) {
    pthread_join(th[i], NULL);
    assert_int_equal(calls[i].res.status, 200);
    assert_int_equal(calls[i].res.len, want.len);
    assert_memory_equal(calls[i].res.body, want.body, want.len);
    response_free(&calls[i].res);
  }
  assert_int_equal(server_stop(s, 0), 0);
  /* The signal came while work was left, and the server said so. */
  assert_true(finished_before < INFLIGHT);
  assert_non_null(strstr(s->errs, "SIGTERM, finishing"));
  assert_null(strstr(s->errs, "finishing 0 requests"));
  assert_non_null(strstr(s->errs, "stopped"));
  assert_int_equal(connect_port(s->port), -1);
  response_free(&want);
  free(body);
}

/* Every request leaves one line in the Combined Log Format. */
static void access_log_lines(void **state) {
  server *s = own_server(state, NULL);
  response r;
  http(s->port, "GET", "/", NULL, NULL, 0, 0, &r);
  response_free(&r);
  http(s->port, "GET", "/nope\"quoted", NULL, NULL, 0, 0, &r);
  response_free(&r);
  post(s->port, "{}", &r);
  response_free(&r);
  assert_int_equal(server_stop(s, SIGINT), 0);
  FILE *f = fopen(s->log, "r");
  assert_non_null(f);
  regex_t re;
  assert_int_equal(
      regcomp(&re,
              "^127\\.0\\.0\\.1 - - \\[[0-9]{2}/[A-Z][a-z]{2}/[0-9]{4}:"
              "[0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000\\] \"[A-Z]+ [^ \"]+ "
              "HTTP/1\\.[01]\" [0-9]{3} ([0-9]+|-) \"[^\"]*\" \"[^\"]*\"$",
              REG_EXTENDED | REG_NOSUB),
      0);
  char line[2048];
  int lines = 0;
  const char *want[] = {"\"GET / HTTP/1.1\" 200 ",
                        "\"GET /nope\\x22quoted HTTP/1.1\" 404 ",
                        "\"POST /v1/brief HTTP/1.1\" 400 "};
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    assert_int_equal(regexec(&re, line, 0, NULL, 0), 0);
    assert_true(lines < 3);
    assert_non_null(strstr(line, want[lines]));
    assert_non_null(strstr(line, "\"test_server\""));
    lines++;
  }
  assert_int_equal(lines, 3);
  regfree(&re);
  fclose(f);
}

static void busy_port_fails_to_start(void **state) {
  server *shared = *state;
  char port[16];
  snprintf(port, sizeof port, "%d", shared->port);
  char cmd[1200];
  snprintf(cmd, sizeof cmd, "%s serve --port %s 2>&1", BRIEF_CLI_PATH, port);
  FILE *p = popen(cmd, "r");
  char out[1024] = "";
  size_t n = fread(out, 1, sizeof out - 1, p);
  out[n] = '\0';
  assert_int_equal(WEXITSTATUS(pclose(p)), 1);
  assert_non_null(strstr(out, "cannot listen"));
}

int main(void) {
  skip_without_server();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(brief_matches_cli),
      cmocka_unit_test(facts_never_fail_the_request),
      cmocka_unit_test(query_matches_cli),
      cmocka_unit_test(health_and_version),
      cmocka_unit_test(page_is_served),
      cmocka_unit_test(bad_requests_are_400),
      cmocka_unit_test(paths_are_not_opened),
      cmocka_unit_test(too_large_is_413),
      cmocka_unit_test(bad_framing_is_400),
      cmocka_unit_test(long_query_is_414),
      cmocka_unit_test(request_cost_is_bounded),
      cmocka_unit_test(unknown_fields_warn_once),
      cmocka_unit_test(wrong_type_is_415),
      cmocka_unit_test(unknown_is_404_and_wrong_method_405),
      cmocka_unit_test(parallel_equals_serial),
      cmocka_unit_test(busy_port_fails_to_start),
      cmocka_unit_test_teardown(full_queue_is_503, own_teardown),
      cmocka_unit_test_teardown(slow_request_is_503, own_teardown),
      cmocka_unit_test_teardown(shutdown_finishes_requests, own_teardown),
      cmocka_unit_test_teardown(access_log_lines, own_teardown),
      cmocka_unit_test_teardown(words_and_sentences_are_bounded, own_teardown),
      cmocka_unit_test_teardown(slow_clients_leave_room, own_teardown),
      cmocka_unit_test_teardown(late_requests_are_cut, own_teardown),
      cmocka_unit_test_teardown(shutdown_cuts_trickled_body, own_teardown),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
