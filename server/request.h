/*
 * request.h - what the server makes of a request, with no socket and no
 * libmicrohttpd: the checks of a request's head (framing, target, size),
 * its route, and the answer of every route but the summary's (handlers.h).
 * server.c feeds it what libmicrohttpd parsed; tests/fuzz/serve_fuzz.c
 * feeds it bytes.
 */
#ifndef BRIEF_SERVER_REQUEST_H
#define BRIEF_SERVER_REQUEST_H

#include "handlers.h"

#include <stddef.h>

typedef enum srv_route {
  SRV_ROUTE_NONE = 0,
  SRV_ROUTE_ASSET,   /* the page: /, /index.html, /app.js, /style.css */
  SRV_ROUTE_HEALTH,  /* GET /healthz */
  SRV_ROUTE_VERSION, /* GET /v1/version */
  SRV_ROUTE_BRIEF    /* POST /v1/brief */
} srv_route;

/* No route reads a query argument; a few are let through for cache
 * busters ("/app.js?v=2"). More is 414. */
enum { SRV_MAX_QUERY_ARGS = 32 };

typedef struct srv_header {
  const char *name, *value;
} srv_header;

/* A request's head, every string borrowed and NUL-terminated. */
typedef struct srv_head {
  const char *method;
  const char *uri;     /* the target as sent: percent-encoded, with query */
  const char *path;    /* the target decoded, without its query */
  const char *version; /* "HTTP/1.1", "HTTP/1.0" */
  const srv_header *headers;
  size_t header_count;
} srv_head;

typedef struct srv_rules {
  size_t max_body; /* bytes of a request body */
  int draining;    /* shutting down: no new summary */
} srv_rules;

typedef struct srv_verdict {
  srv_route route;
  size_t asset;      /* index into srv_assets for SRV_ROUTE_ASSET */
  int head_only;     /* HEAD: the answer has no body */
  size_t body_len;   /* the Content-Length, 0 without one */
  srv_reply refusal; /* status 0, or the answer to send at once, before
                        any body: the connection closes after it */
} srv_verdict;

/* Judges a request's head: 400 for broken framing (HTTP/1.1 without Host,
 * Content-Length given twice with different values or not a number, a NUL
 * byte in the target), 411 for a chunked body (only bodies with a
 * Content-Length are read), 413 for a body over rules->max_body, 414 for
 * more than SRV_MAX_QUERY_ARGS query arguments; then, for POST /v1/brief,
 * 405, 503 while draining and 415. The refusal's body, when there is one,
 * is owned by the verdict: release it with srv_reply_free. */
void srv_judge_head(const srv_head *head, const srv_rules *rules,
                    srv_verdict *out);

/* The answer of a route other than POST /v1/brief once its request is
 * complete: 404, 405, /healthz, /v1/version; for a page asset, status 200
 * with no body (the server sends the embedded file). */
void srv_answer_route(const srv_verdict *v, const char *method,
                      const char *path, const srv_health *health,
                      srv_reply *out);

/* The case-insensitive value of header `name`, or NULL. */
const char *srv_header_value(const srv_head *head, const char *name);

#endif
