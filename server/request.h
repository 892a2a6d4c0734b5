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
#include <stdint.h>

typedef enum srv_route {
  SRV_ROUTE_NONE = 0,
  SRV_ROUTE_ASSET,          /* the page: /, /index.html, /app.js, ... */
  SRV_ROUTE_HEALTH,         /* GET /healthz */
  SRV_ROUTE_VERSION,        /* GET /v1/version */
  SRV_ROUTE_BRIEF,          /* POST /v1/brief */
  SRV_ROUTE_ARTICLES,       /* POST /v1/articles: into the desk */
  SRV_ROUTE_STORIES,        /* GET /v1/stories */
  SRV_ROUTE_STORY,          /* GET /v1/stories/{id} */
  SRV_ROUTE_STORY_ARTICLES, /* GET /v1/stories/{id}/articles */
  SRV_ROUTE_EVENTS          /* GET /v1/events: Server-Sent Events */
} srv_route;

/* The desk's routes read a few query arguments, the page's files none
 * (cache busters, "/app.js?v=2", are let through). More than this is 414:
 * libmicrohttpd never parses a query (server.c cuts it), the routes read
 * the target as sent. */
enum { SRV_MAX_QUERY_ARGS = 32 };

/* Bytes of one decoded query value, at most, with its NUL: a question
 * (?query=) as long as a brief reads. */
enum { SRV_MAX_QUERY_VALUE = BRIEF_MAX_QUERY_BYTES + 1 };

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
  uint64_t story;    /* the {id} of a story route */
  int head_only;     /* HEAD: the answer has no body */
  size_t body_len;   /* the Content-Length, 0 without one */
  srv_reply refusal; /* status 0, or the answer to send at once, before
                        any body: the connection closes after it */
} srv_verdict;

/* Judges a request's head: 400 for broken framing (HTTP/1.1 without Host,
 * Content-Length given twice with different values or not a number, a NUL
 * byte in the target), 411 for a chunked body (only bodies with a
 * Content-Length are read), 413 for a body over rules->max_body, 414 for
 * more than SRV_MAX_QUERY_ARGS query arguments; then, for the routes that
 * take a body (POST /v1/brief, /v1/articles), 405, 503 while draining and
 * 415; for the desk's reads, 405 (and 503 for /v1/events while draining).
 * The refusal's body, when there is one, is owned by the verdict: release
 * it with srv_reply_free. */
void srv_judge_head(const srv_head *head, const srv_rules *rules,
                    srv_verdict *out);

/* The answer of a route that needs neither a worker nor the desk once its
 * request is complete: 404, 405, /healthz, /v1/version; for a page asset,
 * status 200 with no body (the server sends the embedded file). */
void srv_answer_route(const srv_verdict *v, const char *method,
                      const char *path, const srv_health *health,
                      srv_reply *out);

/* The case-insensitive value of header `name`, or NULL. */
const char *srv_header_value(const srv_head *head, const char *name);

/* Non-zero for the routes whose work runs on a worker: the summary and
 * the desk's but the event stream. */
int srv_route_needs_worker(srv_route route);

/* The query of `uri` (after its '?', "" without one). */
const char *srv_query_of(const char *uri);

/* Walks the arguments of `query`: at each call, the next argument's name
 * and value, percent-decoded ('+' is a space) into `name` and `value`
 * (NUL-terminated, at most SRV_MAX_QUERY_VALUE - 1 bytes each). Returns 1
 * for an argument, 0 at the end, -1 for one too long or holding a NUL.
 * `*at` starts at 0. */
int srv_query_next(const char *query, size_t *at,
                   char name[SRV_MAX_QUERY_VALUE],
                   char value[SRV_MAX_QUERY_VALUE]);

#endif
