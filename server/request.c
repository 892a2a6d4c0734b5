/*
 * request.c - a request's head judged, routed and, for the routes that need
 * no worker, answered; see request.h. Pure functions of their arguments:
 * no socket, no clock, no global but the table of embedded files.
 */
#include "request.h"

#include "static.h"

#include <string.h>
#include <strings.h>

const char *srv_header_value(const srv_head *h, const char *name) {
  for (size_t i = 0; i < h->header_count; i++)
    if (strcasecmp(h->headers[i].name, name) == 0)
      return h->headers[i].value;
  return NULL;
}

/* A story id: 1 to 2^32 - 1, decimal digits without a leading zero. */
static int parse_story_id(const char *s, size_t len, uint64_t *out) {
  uint64_t v = 0;
  if (!len || len > 10 || s[0] == '0')
    return -1;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  if (v > UINT32_MAX)
    return -1;
  *out = v;
  return 0;
}

/* /v1/stories/{id} and /v1/stories/{id}/articles. */
static srv_route story_route(const char *path, uint64_t *story) {
  static const char prefix[] = "/v1/stories/";
  if (strncmp(path, prefix, sizeof prefix - 1) != 0)
    return SRV_ROUTE_NONE;
  const char *id = path + sizeof prefix - 1;
  size_t len = strcspn(id, "/");
  if (parse_story_id(id, len, story) != 0)
    return SRV_ROUTE_NONE;
  if (!id[len])
    return SRV_ROUTE_STORY;
  return strcmp(id + len, "/articles") == 0 ? SRV_ROUTE_STORY_ARTICLES
                                            : SRV_ROUTE_NONE;
}

static srv_route find_route(const char *path, size_t *asset, uint64_t *story) {
  static const struct {
    const char *path;
    srv_route route;
  } api[] = {
      {"/healthz", SRV_ROUTE_HEALTH},     {"/v1/version", SRV_ROUTE_VERSION},
      {"/v1/brief", SRV_ROUTE_BRIEF},     {"/v1/articles", SRV_ROUTE_ARTICLES},
      {"/v1/stories", SRV_ROUTE_STORIES}, {"/v1/events", SRV_ROUTE_EVENTS}};
  for (size_t i = 0; i < sizeof api / sizeof *api; i++)
    if (strcmp(path, api[i].path) == 0)
      return api[i].route;
  srv_route r = story_route(path, story);
  if (r != SRV_ROUTE_NONE)
    return r;
  if (strcmp(path, "/") == 0)
    path = "/index.html";
  for (size_t i = 0; i < srv_asset_count; i++)
    if (strcmp(path, srv_assets[i].path) == 0) {
      *asset = i;
      return SRV_ROUTE_ASSET;
    }
  return SRV_ROUTE_NONE;
}

/* Arguments of the query of `uri`: the '&'- or ';'-separated pieces after
 * the first '?', empty ones included (each costs a parser as much). */
static size_t query_args(const char *uri) {
  const char *q = strchr(uri, '?');
  if (!q)
    return 0;
  size_t n = 1;
  for (q++; *q; q++)
    n += *q == '&' || *q == ';';
  return n;
}

/* A NUL byte in the target, written as %00: decoding cuts the path there
 * ("/index.html%00.txt" would be served as "/index.html"). */
static int has_encoded_nul(const char *uri) {
  for (const char *p = strchr(uri, '%'); p; p = strchr(p + 1, '%'))
    if (p[1] == '0' && p[2] == '0')
      return 1;
  return 0;
}

/* A Content-Length: digits only, at most 19 of them. */
static int parse_length(const char *s, size_t *out) {
  size_t n = 0, digits = 0;
  for (; *s >= '0' && *s <= '9'; s++, digits++)
    n = n * 10 + (size_t)(*s - '0');
  if (!digits || digits > 19 || *s)
    return -1;
  *out = n;
  return 0;
}

/* The request's Content-Length in *len (0 without one); -1 when one is not
 * a number or two disagree. */
static int content_length(const srv_head *h, size_t *len) {
  int seen = 0;
  *len = 0;
  for (size_t i = 0; i < h->header_count; i++) {
    size_t v;
    if (strcasecmp(h->headers[i].name, "Content-Length") != 0)
      continue;
    if (parse_length(h->headers[i].value, &v) || (seen && v != *len))
      return -1;
    *len = v;
    seen = 1;
  }
  return 0;
}

/* "application/json", any case, optionally followed by parameters. */
static int is_json_type(const char *ct) {
  static const char want[] = "application/json";
  if (!ct)
    return 0;
  while (*ct == ' ' || *ct == '\t')
    ct++;
  if (strncasecmp(ct, want, sizeof want - 1) != 0)
    return 0;
  char c = ct[sizeof want - 1];
  return c == '\0' || c == ';' || c == ' ' || c == '\t';
}

/* Framing and target: what makes the request itself unreadable. */
static int judge_framing(const srv_head *h, const srv_rules *rules,
                         srv_verdict *v) {
  srv_reply *r = &v->refusal;
  if (strcmp(h->version, "HTTP/1.1") == 0 && !srv_header_value(h, "Host"))
    srv_reply_error(r, 400, "bad_request", "%s",
                    "an HTTP/1.1 request needs a Host header");
  else if (has_encoded_nul(h->uri))
    srv_reply_error(r, 400, "bad_request", "%s",
                    "the request target holds a NUL byte (%00)");
  else if (query_args(h->uri) > SRV_MAX_QUERY_ARGS)
    srv_reply_error(r, 414, "uri_too_long",
                    "the query has more than %d arguments, the limit",
                    SRV_MAX_QUERY_ARGS);
  else if (content_length(h, &v->body_len) != 0)
    srv_reply_error(r, 400, "bad_request", "%s",
                    "Content-Length is not one number");
  else if (srv_header_value(h, "Transfer-Encoding") &&
           srv_header_value(h, "Content-Length"))
    srv_reply_error(r, 400, "bad_request", "%s",
                    "a request with both Transfer-Encoding and "
                    "Content-Length has no one length");
  else if (srv_header_value(h, "Transfer-Encoding"))
    srv_reply_error(r, 411, "length_required", "%s",
                    "send the body with a Content-Length: chunked bodies "
                    "are not read");
  else if (v->body_len > rules->max_body)
    srv_reply_error(r, 413, "payload_too_large",
                    "the request body is over the limit of %zu bytes",
                    rules->max_body);
  return r->status ? -1 : 0;
}

/* What POST /v1/brief and /v1/articles refuse before reading the body:
 * sending the answer now spares the client the upload (Expect:
 * 100-continue). */
static void judge_post(const srv_head *h, const srv_rules *rules,
                       srv_verdict *v) {
  srv_reply *r = &v->refusal;
  const char *ct = srv_header_value(h, "Content-Type");
  if (strcmp(h->method, "POST") != 0) {
    srv_reply_error(r, 405, "method_not_allowed",
                    "%.32s is not allowed here: use POST", h->method);
    r->allow = "POST";
  } else if (rules->draining) {
    srv_reply_error(r, 503, "shutting_down", "%s",
                    "the server is shutting down");
    r->retry_after = 1;
  } else if (!is_json_type(ct)) {
    srv_reply_error(r, 415, "unsupported_media_type",
                    "the body must be application/json, not %.100s",
                    ct ? ct : "untyped");
  }
}

/* The desk's reads: GET (and HEAD but for the event stream). */
static void judge_read(const srv_head *h, const srv_rules *rules,
                       srv_verdict *v) {
  srv_reply *r = &v->refusal;
  int events = v->route == SRV_ROUTE_EVENTS;
  if (strcmp(h->method, "GET") != 0 && (events || !v->head_only)) {
    srv_reply_error(r, 405, "method_not_allowed",
                    "%.32s is not allowed here: use GET", h->method);
    r->allow = events ? "GET" : "GET, HEAD";
  } else if (events && rules->draining) {
    srv_reply_error(r, 503, "shutting_down", "%s",
                    "the server is shutting down");
    r->retry_after = 1;
  }
}

int srv_route_needs_worker(srv_route route) {
  switch (route) {
  case SRV_ROUTE_BRIEF:
  case SRV_ROUTE_ARTICLES:
  case SRV_ROUTE_STORIES:
  case SRV_ROUTE_STORY:
  case SRV_ROUTE_STORY_ARTICLES:
    return 1;
  default:
    return 0;
  }
}

void srv_judge_head(const srv_head *h, const srv_rules *rules, srv_verdict *v) {
  memset(v, 0, sizeof *v);
  v->head_only = strcmp(h->method, "HEAD") == 0;
  v->route = find_route(h->path, &v->asset, &v->story);
  if (judge_framing(h, rules, v) != 0)
    return;
  if (v->route == SRV_ROUTE_BRIEF || v->route == SRV_ROUTE_ARTICLES)
    judge_post(h, rules, v);
  else if (v->route == SRV_ROUTE_STORIES || v->route == SRV_ROUTE_STORY ||
           v->route == SRV_ROUTE_STORY_ARTICLES || v->route == SRV_ROUTE_EVENTS)
    judge_read(h, rules, v);
}

/* ---- query arguments ---------------------------------------------------- */

const char *srv_query_of(const char *uri) {
  const char *q = strchr(uri, '?');
  return q ? q + 1 : "";
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes query[from..to) into out; -1 when too long or a NUL. */
static int decode_part(const char *q, size_t from, size_t to, char *out) {
  size_t o = 0;
  for (size_t i = from; i < to; i++) {
    int c = (unsigned char)q[i], hi, lo;
    if (c == '+') {
      c = ' ';
    } else if (c == '%' && i + 2 < to && (hi = hex_digit(q[i + 1])) >= 0 &&
               (lo = hex_digit(q[i + 2])) >= 0) {
      c = hi * 16 + lo;
      i += 2;
    }
    if (c == 0 || o + 1 >= SRV_MAX_QUERY_VALUE)
      return -1;
    out[o++] = (char)c;
  }
  out[o] = '\0';
  return 0;
}

int srv_query_next(const char *q, size_t *at, char name[SRV_MAX_QUERY_VALUE],
                   char value[SRV_MAX_QUERY_VALUE]) {
  size_t i = *at;
  while (q[i] == '&' || q[i] == ';')
    i++;
  if (!q[i] || q[i] == '#') {
    *at = i;
    return 0;
  }
  size_t end = i + strcspn(q + i, "&;#");
  size_t eq = i + strcspn(q + i, "=&;#");
  *at = end;
  if (decode_part(q, i, eq, name) != 0)
    return -1;
  if (eq < end)
    return decode_part(q, eq + 1, end, value) != 0 ? -1 : 1;
  value[0] = '\0';
  return 1;
}

void srv_answer_route(const srv_verdict *v, const char *method,
                      const char *path, const srv_health *health,
                      srv_reply *out) {
  int get = strcmp(method, "GET") == 0 || v->head_only;
  if (v->route == SRV_ROUTE_NONE) {
    srv_reply_error(out, 404, "not_found", "no such resource: %.200s", path);
  } else if (!get) {
    srv_reply_error(out, 405, "method_not_allowed",
                    "%.32s is not allowed here: use GET", method);
    out->allow = "GET, HEAD";
  } else if (v->route == SRV_ROUTE_HEALTH) {
    srv_handle_health(health, out);
  } else if (v->route == SRV_ROUTE_VERSION) {
    srv_handle_version(out);
  } else {
    memset(out, 0, sizeof *out);
    out->status = 200; /* the embedded file, sent by the caller */
  }
}
