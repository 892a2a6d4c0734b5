/*
 * serve_fuzz.c - libFuzzer target for the server's request handling, from
 * bytes to reply, with no socket: what request.c and handlers.c make of
 * a request.
 *
 * Bytes starting with '{' or '[' are a POST /v1/brief body, straight to
 * srv_handle_brief (the fuzzer's short way into the request JSON). Any
 * other bytes are an HTTP request: this file splits them into a head the
 * way libmicrohttpd hands one over (request line, header fields, decoded
 * path without its query, the body after the blank line) and drives
 * srv_judge_head, then srv_handle_brief or srv_answer_route. Every reply
 * must have a status from 200 to 599 and, but for a page file, a JSON
 * body: an error reply {"error": {"code", "message"}}.
 */
#include "fuzz.h"

#include "handlers.h"
#include "request.h"

#include <jansson.h>

enum { MAX_FIELDS = 64, MAX_BODY = 65536 };

/* Small caps keep every run short; the checks are the same. Each request
 * opens WordNet itself. */
static const srv_limits limits = {20, 5000, 500, NULL};

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
    } else if (v.route == SRV_ROUTE_BRIEF) {
      const char *body = blank ? blank + 4 : data + size;
      size_t have = (size_t)(data + size - body);
      srv_handle_brief(body, have < v.body_len ? have : v.body_len, &limits,
                       &out);
      check_reply(&out, API_REPLY);
      srv_reply_free(&out);
    } else {
      srv_health health = {2, size % 3, size % 2, 64, size % 5 == 0};
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
    srv_handle_brief((const char *)data, size, &limits, &out);
    check_reply(&out, API_REPLY);
    srv_reply_free(&out);
    return 0;
  }
  handle_request((const char *)data, size);
  return 0;
}
