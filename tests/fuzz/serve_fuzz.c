/*
 * serve_fuzz.c - libFuzzer target for the server's request handling, from
 * bytes to reply, with no socket: what request.c, handlers.c, desk.c and
 * events.c make of a request.
 *
 * Bytes starting with '{' or '[' are a request body, straight to the
 * handler (the fuzzer's short way into the request JSON): POST /v1/brief's
 * when their length is even, POST /v1/articles' (into a desk in memory)
 * when it is odd. Any other bytes are an HTTP request: this file splits
 * them into a head the way libmicrohttpd hands one over (request line,
 * header fields, decoded path without its query, the body after the blank
 * line) and drives srv_judge_head, then the route: the summary, the desk's
 * post and reads (which read the query as sent), the event stream (read
 * until it has nothing more), or srv_answer_route. Every reply must have a
 * status from 200 to 599 and, but for a page file, a JSON body: an error
 * reply {"error": {"code", "message"}}. An event stream must hand over
 * whole "id:/event:/data:" messages whose data is JSON. The desk starts
 * afresh every DESK_RUNS inputs, so its memory stays bounded.
 */
#include "fuzz.h"

#include "desk.h"
#include "handlers.h"
#include "request.h"

#include <jansson.h>

enum { MAX_FIELDS = 64, MAX_BODY = 65536, DESK_RUNS = 256 };

/* Small caps keep every run short; the checks are the same. Each request
 * opens WordNet itself. */
static const srv_limits limits = {20, 5000, 500, NULL};

static srv_desk *desk;
static unsigned desk_runs;

static void close_desk(void) {
  srv_desk_close(desk);
  desk = NULL;
}

/* The desk, fresh every DESK_RUNS inputs. */
static srv_desk *the_desk(void) {
  if (desk && ++desk_runs % DESK_RUNS == 0)
    close_desk();
  if (!desk) {
    srv_desk_config cfg = {NULL, 16, 4, 1, 0, NULL};
    brief_error err;
    if (!(desk = srv_desk_open(&cfg, &err)))
      abort();
    static int registered;
    if (!registered++)
      atexit(close_desk);
  }
  return desk;
}

/* What a reply must look like: an embedded file (no body here), the
 * health report (JSON, 503 while draining) or JSON that is an error
 * object from 400 on. */
enum reply_kind { FILE_REPLY, HEALTH_REPLY, API_REPLY };

static void check_reply(const srv_reply *r, enum reply_kind kind) {
  if (r->status < 200 || r->status > 599)
    abort();
  if (kind == FILE_REPLY)
    return;
  if (!r->body || strlen(r->body) != r->len)
    abort();
  json_t *v = json_loadb(r->body, r->len, 0, NULL);
  if (!v)
    abort();
  if (r->status >= 400 && kind == API_REPLY) {
    json_t *e = json_object_get(v, "error");
    if (!json_is_string(json_object_get(e, "code")) ||
        !json_is_string(json_object_get(e, "message")))
      abort();
  }
  json_decref(v);
}

static void no_hook(void *ctx) {
  (void)ctx;
}

/* Checks an event stream's bytes: whole messages, each a comment, a retry
 * field, or id, event and one line of JSON data. */
static void check_stream(char *text) {
  for (char *msg = text, *end; *msg; msg = end + 2) {
    if (!(end = strstr(msg, "\n\n")))
      abort();
    *end = '\0';
    if (*msg == ':' || !strncmp(msg, "retry: ", 7))
      continue;
    char *data = strstr(msg, "\ndata: ");
    if (strncmp(msg, "id: ", 4) || !strstr(msg, "\nevent: ") || !data)
      abort();
    json_t *v = json_loads(data + 7, 0, NULL);
    if (!json_is_object(v))
      abort();
    json_decref(v);
  }
}

/* GET /v1/events: reads a stream as far as it goes, then ends it. */
static void read_stream(srv_events *ev, const char *last_event_id) {
  srv_stream_hooks hooks = {no_hook, no_hook, NULL};
  srv_stream *st;
  if (srv_events_subscribe(ev, last_event_id, &hooks, 0, &st) !=
      SRV_SUBSCRIBED)
    return;
  char buf[1 << 16];
  size_t len = 0;
  ssize_t n;
  while (len < sizeof buf - 1 &&
         (n = srv_stream_read(ev, st, buf + len, 97, 0)) > 0)
    len += (size_t)n;
  buf[len] = '\0';
  srv_stream_end(ev, st);
  if (len < sizeof buf - 1)
    check_stream(buf);
}

static int hex(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decodes `s` into `out` up to its query, as libmicrohttpd does:
 * a decoded NUL ends the path there. */
static void decode_path(const char *s, char *out, size_t cap) {
  size_t o = 0;
  for (; *s && *s != '?' && o + 1 < cap; s++) {
    int hi, lo;
    if (*s == '%' && (hi = hex(s[1])) >= 0 &&
        (lo = hex(s[2])) >= 0) {
      out[o++] = (char)(hi * 16 + lo);
      s += 2;
    } else {
      out[o++] = *s;
    }
  }
  out[o] = '\0';
}

/* Cuts `line` at the first `c`, returning what follows, or NULL. */
static char *cut(char *line, char c) {
  char *p = strchr(line, c);
  if (!p)
    return NULL;
  *p = '\0';
  return p + 1;
}

/* The head in `text` (NUL-terminated, modified): request line, then
 * header fields, one per "\r\n". Returns 0, or -1 when there is no
 * request line, which libmicrohttpd would not hand over either. */
static int split_head(char *text, srv_head *h, srv_header *fields,
                      char *path, size_t cap) {
  char *next = strstr(text, "\r\n");
  if (next)
    *next = '\0', next += 2;
  h->method = text;
  char *uri = cut(text, ' ');
  if (!uri || !*h->method)
    return -1;
  char *version = cut(uri, ' ');
  h->uri = uri;
  h->version = version ? version : "";
  decode_path(uri, path, cap);
  h->path = path;
  h->headers = fields;
  h->header_count = 0;
  while (next && *next && h->header_count < MAX_FIELDS) {
    char *line = next;
    next = strstr(line, "\r\n");
    if (next)
      *next = '\0', next += 2;
    char *value = cut(line, ':');
    if (!value)
      continue;
    while (*value == ' ' || *value == '\t')
      value++;
    fields[h->header_count++] = (srv_header){line, value};
  }
  return 0;
}

static void handle_request(const char *data, size_t size) {
  const char *blank = NULL;
  for (size_t i = 0; i + 4 <= size && !blank; i++)
    if (memcmp(data + i, "\r\n\r\n", 4) == 0)
      blank = data + i;
  size_t head_len = blank ? (size_t)(blank - data) : size;
  char *text = malloc(head_len + 1);
  if (!text)
    abort();
  memcpy(text, data, head_len);
  text[head_len] = '\0'; /* a NUL inside cuts the head, as in C strings */
  srv_head h;
  srv_header fields[MAX_FIELDS];
  char path[1024];
  if (split_head(text, &h, fields, path, sizeof path) == 0) {
    srv_rules rules = {MAX_BODY, size % 7 == 0};
    srv_verdict v;
    srv_judge_head(&h, &rules, &v);
    srv_reply out;
    if (v.refusal.status) {
      check_reply(&v.refusal, API_REPLY);
      srv_reply_free(&v.refusal);
    } else if (v.route == SRV_ROUTE_BRIEF || v.route == SRV_ROUTE_ARTICLES) {
      const char *body = blank ? blank + 4 : data + size;
      size_t have = (size_t)(data + size - body);
      have = have < v.body_len ? have : v.body_len;
      if (v.route == SRV_ROUTE_BRIEF)
        srv_handle_brief(body, have, &limits, &out);
      else
        srv_desk_post(the_desk(), body, have, &limits, &out);
      check_reply(&out, API_REPLY);
      srv_reply_free(&out);
    } else if (srv_route_needs_worker(v.route)) {
      srv_desk_get(the_desk(), v.route, v.story, srv_query_of(h.uri), &out);
      check_reply(&out, API_REPLY);
      srv_reply_free(&out);
    } else if (v.route == SRV_ROUTE_EVENTS) {
      read_stream(srv_desk_events(the_desk()),
                  srv_header_value(&h, "Last-Event-ID"));
    } else {
      srv_health health = {2,  size % 3,     size % 2, 64, size % 5 == 0,
                           size % 4, size % 6};
      srv_answer_route(&v, h.method, h.path, &health, &out);
      check_reply(&out, out.status == 200 && v.route == SRV_ROUTE_ASSET
                            ? FILE_REPLY
                        : v.route == SRV_ROUTE_HEALTH && out.status != 405
                            ? HEALTH_REPLY
                            : API_REPLY);
      srv_reply_free(&out);
    }
  }
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size && (data[0] == '{' || data[0] == '[')) {
    srv_reply out;
    if (size % 2)
      srv_desk_post(the_desk(), (const char *)data, size, &limits, &out);
    else
      srv_handle_brief((const char *)data, size, &limits, &out);
    check_reply(&out, API_REPLY);
    srv_reply_free(&out);
    return 0;
  }
  handle_request((const char *)data, size);
  return 0;
}
