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

static srv_route find_route(const char *path, size_t *asset) {
  if (strcmp(path, "/healthz") == 0)
    return SRV_ROUTE_HEALTH;
  if (strcmp(path, "/v1/version") == 0)
    return SRV_ROUTE_VERSION;
  if (strcmp(path, "/v1/brief") == 0)
    return SRV_ROUTE_BRIEF;
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

/* What POST /v1/brief refuses before reading the body: sending the answer
 * now spares the client the upload (Expect: 100-continue). */
static void judge_brief(const srv_head *h, const srv_rules *rules,
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

void srv_judge_head(const srv_head *h, const srv_rules *rules, srv_verdict *v) {
  memset(v, 0, sizeof *v);
  v->head_only = strcmp(h->method, "HEAD") == 0;
  v->route = find_route(h->path, &v->asset);
  if (judge_framing(h, rules, v) == 0 && v->route == SRV_ROUTE_BRIEF)
    judge_brief(h, rules, v);
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
