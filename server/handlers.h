/*
 * handlers.h - what the server answers, independent of HTTP plumbing.
 *
 * Each handler turns a request (a body, a few limits) into a reply: a
 * status code and a JSON body. None of them touches a socket, a file or a
 * global, so they run on any worker thread at once.
 */
#ifndef BRIEF_SERVER_HANDLERS_H
#define BRIEF_SERVER_HANDLERS_H

#include "brief.h"

#include <jansson.h>

#include <stdarg.h>
#include <stddef.h>

typedef struct srv_reply {
  unsigned status;   /* HTTP status code */
  char *body;        /* NUL-terminated JSON; malloc'd when `owned` */
  size_t len;        /* bytes of body, without the NUL */
  int owned;         /* body must be released with free() */
  const char *allow; /* methods for an Allow header (405), or NULL */
  int retry_after;   /* seconds for a Retry-After header (503), or 0 */
} srv_reply;

typedef struct srv_limits {
  size_t max_articles;          /* articles per request */
  size_t max_words;             /* words of one request's story */
  size_t max_sentences;         /* sentences of one request's story */
  const brief_wordnet *wordnet; /* open once for every request; NULL:
                                   each request opens WordNet itself */
} srv_limits;

/* A request body whose JSON holds more values than this (numbers, strings,
 * arrays...) is refused with 413 before it is parsed: a parsed value costs
 * about 50 bytes, so a body of "[0,0,0,...]" would otherwise cost 25 times
 * its size. A request of 200 articles with every field needs under 2,000. */
enum { SRV_MAX_JSON_VALUES = 100000 };

/* What GET /healthz reports. */
typedef struct srv_health {
  int workers;
  size_t queued, running, queue_cap;
  int draining;   /* shutting down: 503 "draining" */
  size_t writing; /* POST /v1/articles queued or running */
  size_t streams; /* open event streams */
} srv_health;

/* Sets `r` to {"error": {"code": CODE, "message": MESSAGE}}. Never fails:
 * when memory is exhausted the reply becomes a fixed 500. */
void srv_reply_error(srv_reply *r, unsigned status, const char *code,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Releases the body, if owned, and clears the reply. */
void srv_reply_free(srv_reply *r);

/* POST /v1/brief: the body is the request JSON; the reply is the same JSON
 * `brief summarize --format json` prints, or an error. */
void srv_handle_brief(const char *body, size_t len, const srv_limits *lim,
                      srv_reply *out);

/* ---- parts the desk's routes share (desk.c) ----------------------------- */

/* Sets `r` to the error reply of a library failure: input problems are
 * the client's (400, 413), anything else the server's (500, 501). */
void srv_reply_status(srv_reply *r, const brief_error *err);

/* Takes `v` (a new reference, NULL when out of memory) as the body of
 * `r`: indented JSON. */
void srv_reply_json(srv_reply *r, unsigned status, json_t *v);

/* Parses a request body into `*root`: 400 for an empty or malformed body,
 * 413 for more than SRV_MAX_JSON_VALUES values, each filled into `out`
 * with -1 returned. */
int srv_parse_body(const char *body, size_t len, json_t **root, srv_reply *out);

/* Reads article `obj` of a request into `a` (its strings borrowed from
 * `obj`; a numeric id is written into idnum). Returns 0, or -1 with the
 * reason, naming it as `where` ("articles[2]"), in `why`. */
int srv_read_article(json_t *obj, const char *where, brief_article *a,
                     char idnum[32], char *why, size_t cap);

/* GET /v1/version. */
void srv_handle_version(srv_reply *out);

/* GET /healthz: 200 {"status": "ok", ...}, or 503 "draining". */
void srv_handle_health(const srv_health *health, srv_reply *out);

#endif
