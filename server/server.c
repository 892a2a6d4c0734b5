/*
 * server.c - `brief serve`: the libmicrohttpd daemon, the life of a
 * request, connection deadlines, event streams, the access log and
 * graceful shutdown.
 *
 * Threads. One MHD thread does all socket I/O and answers the cheap routes
 * (the page, /healthz, /v1/version) itself. A summary and the desk's reads
 * run on the worker pool (pool.c), and posts of articles on a pool of one
 * writer, so reads never queue behind a post, while their connection is
 * suspended; the worker, or the deadline sweep, resumes the connection and
 * MHD calls us again to send the answer. An event stream (events.c) holds
 * no thread: its connection is suspended while it has nothing to send and
 * resumed by the next event or heartbeat. The desk's refresher (desk.c)
 * rebuilds changed briefs on its own thread. The main thread sleeps in
 * sigtimedwait() and sweeps deadlines and heartbeats in between: the
 * pools', the connections' (conns.c) and the streams'. SIGINT and SIGTERM
 * are blocked in every thread and taken synchronously, so there is no
 * signal handler and no global variable.
 *
 * Routes:
 *   GET  /, /index.html, /app.js, /style.css  the page (embedded, static.h)
 *   GET  /healthz                             liveness and queue counts
 *   GET  /v1/version                          name, version, API version
 *   POST /v1/brief                            the summary (handlers.c)
 *   POST /v1/articles                         into the desk (desk.c), or
 *                                             to the workers (--redis)
 *   GET  /v1/stories, /v1/stories/{id},       the desk's stories, a brief,
 *        /v1/stories/{id}/articles            a story's articles
 *   GET  /v1/events                           Server-Sent Events
 * Errors are JSON {"error": {"code", "message"}}: 400 bad_request (framing:
 * no Host, two Content-Lengths, a NUL in the target), malformed_json,
 * invalid_request, invalid_article, empty; 404 not_found (also an unknown
 * story); 405 method_not_allowed (with Allow); 411 length_required (a
 * chunked body); 413 payload_too_large (body over --max-body, articles
 * over --max-articles, words over --max-words, sentences over
 * --max-sentences, JSON values over SRV_MAX_JSON_VALUES); 414
 * uri_too_long; 415 unsupported_media_type; 500 internal; 503 busy (queue
 * full, or --max-streams event streams open), timeout (over --timeout)
 * and shutting_down, each with Retry-After. What the head of a request
 * decides is request.c's, without MHD.
 *
 * Limits per request: its time to arrive (--read-timeout, headers and
 * body; a late connection is closed and logged 408), the body
 * (--max-body), its articles (--max-articles), the words and sentences of
 * its story (--max-words, --max-sentences) and its time once uploaded
 * (--timeout; the worker finishes an expired job but its answer is
 * dropped). Working memory is about 140 bytes per word at the peak, so the
 * word cap bounds it (35 MB at the default); each connection also holds
 * its body while it waits for a worker. Per client address, at most
 * --max-per-client connections are open at once; event streams, which
 * stay open, at most --max-streams in all.
 */
#include "server.h"

#include "brief.h"

#include <stdio.h>
#include <unistd.h>

void srv_config_init(srv_config *c) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  c->host = "127.0.0.1";
  c->port = 8080;
  c->threads = cores > 0 ? (int)cores : 1;
  c->queue = 64;
  c->max_body = (size_t)4 << 20;
  c->max_articles = 200;
  c->max_words = BRIEF_REQUEST_MAX_WORDS;
  c->max_sentences = BRIEF_REQUEST_MAX_SENTENCES;
  c->timeout = 30;
  c->read_timeout = 30;
  c->idle_timeout = 15;
  c->max_connections = 256;
  c->max_per_client = 32;
  c->access_log = 1;
  c->db_path = NULL;
  c->redis_url = NULL;
  c->event_history = 1000;
  c->max_streams = 64;
}

#ifndef BRIEF_HAVE_MHD

int srv_available(void) {
  return 0;
}

int srv_run(const srv_config *cfg) {
  (void)cfg;
  fprintf(stderr, "brief: serve: this build has no libmicrohttpd "
                  "(install libmicrohttpd-dev and rebuild)\n");
  return 1;
}

#else

#include "conns.h"
#include "desk.h"
#include "events.h"
#include "handlers.h"
#include "pool.h"
#include "request.h"
#include "static.h"

#include <jansson.h>
#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* The status the access log gives a request whose connection was closed
 * because it did not arrive in time (nothing is sent: the client is not
 * reading). */
enum { LOGGED_TOO_SLOW = 408 };

typedef struct server {
  srv_config cfg;
  srv_limits limits;
  srv_pool *pool;   /* summaries and the desk's reads */
  srv_pool *writer; /* posts of articles, one at a time */
  srv_desk *desk;
  srv_events *events; /* the desk's */
  srv_conns *conns;
  struct MHD_Daemon *daemon;
  struct MHD_Response **assets; /* one reusable response per static file */
  atomic_size_t open;           /* requests not yet completed */
  atomic_int draining;          /* shutting down: refuse new summaries */
} server;

/* One HTTP request, from its request line (on_uri) to its completion. The
 * job comes first so a srv_job pointer converts back to its request.
 * Fields after `reply` belong to the MHD thread only; the worker reads
 * `body` and writes `reply` while the job runs. */
typedef struct request {
  srv_job job;
  server *srv;
  srv_pool *pool; /* the one its job went to */
  struct MHD_Connection *conn;
  char *body;
  size_t body_len, body_cap;
  srv_reply reply; /* the worker's answer, valid once the job is DONE */
  char *uri;       /* the target as sent, before MHD cut or decoded it */
  struct stream_ctx *stream; /* GET /v1/events, until MHD frees its
                                response */
  srv_verdict verdict;
  int judged, submitted, busy, nomem;
  unsigned status; /* what was sent, for the log */
  size_t bytes;
  time_t started;
  char method[16], version[16], client[64];
  char path[256], agent[256], referer[256];
} request;

/* ---- the access log ---------------------------------------------------- */

/* Copies `s` for the log: bytes that could break a log line or a terminal
 * (controls, quotes, backslashes, non-ASCII) become \xHH. */
static void log_copy(char *dst, size_t cap, const char *s) {
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;
  if (!s || !*s)
    s = "-";
  for (; *s && n + 5 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      dst[n++] = '\\';
      dst[n++] = 'x';
      dst[n++] = hex[c >> 4];
      dst[n++] = hex[c & 15];
    } else {
      dst[n++] = (char)c;
    }
  }
  dst[n] = '\0';
}

static void client_address(struct MHD_Connection *conn, char *dst, size_t cap) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(dst, cap, "-");
  if (!ci || !ci->client_addr)
    return;
  const struct sockaddr *sa = ci->client_addr;
  if (sa->sa_family == AF_INET)
    inet_ntop(AF_INET,
              &((const struct sockaddr_in *)(const void *)sa)->sin_addr, dst,
              (socklen_t)cap);
  else if (sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6,
              &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, dst,
              (socklen_t)cap);
}

/* One line in the Combined Log Format of Apache and nginx:
 *   client - - [time] "METHOD path VERSION" status bytes "referer" "agent"
 * A request whose client went away before any answer is logged with 499,
 * as nginx does. The whole line goes out in one write so lines from
 * different requests never interleave. */
static void log_request(const request *r) {
  char when[64];
  struct tm tm;
  gmtime_r(&r->started, &tm);
  strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
  char bytes[32] = "-";
  if (r->status && r->bytes && !r->verdict.head_only)
    snprintf(bytes, sizeof bytes, "%zu", r->bytes);
  char line[1200];
  int n = snprintf(line, sizeof line,
                   "%s - - [%s] \"%s %s %s\" %u %s \"%s\" \"%s\"\n", r->client,
                   when, r->method, r->path, r->version,
                   r->status ? r->status : 499, bytes, r->referer, r->agent);
  if (n > 0)
    fwrite(line, 1, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1,
           stdout);
  fflush(stdout);
}

/* ---- answers ----------------------------------------------------------- */

static enum MHD_Result queue(request *r, unsigned status,
                             struct MHD_Response *resp, size_t len) {
  if (!resp)
    return MHD_NO;
  enum MHD_Result ok = MHD_queue_response(r->conn, status, resp);
  MHD_destroy_response(resp);
  if (ok == MHD_YES) {
    r->status = status;
    r->bytes = len;
  }
  return ok;
}

/* Sends a JSON reply; its body passes to MHD. */
static enum MHD_Result send_reply(request *r, srv_reply *rep) {
  struct MHD_Response *resp;
  if (rep->owned) {
    resp = MHD_create_response_from_buffer(rep->len, rep->body,
                                           MHD_RESPMEM_MUST_FREE);
    if (resp)
      rep->owned = 0; /* MHD frees it with the response */
  } else {
    resp = MHD_create_response_from_buffer(rep->len, rep->body,
                                           MHD_RESPMEM_PERSISTENT);
  }
  if (!resp)
    return MHD_NO;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "application/json");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  if (rep->allow)
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rep->allow);
  if (rep->retry_after) {
    char s[16];
    snprintf(s, sizeof s, "%d", rep->retry_after);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, s);
  }
  if (atomic_load(&r->srv->draining))
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
  size_t len = rep->len;
  unsigned status = rep->status ? rep->status : 500;
  srv_reply_free(rep);
  return queue(r, status, resp, len);
}

static enum MHD_Result send_error(request *r, unsigned status, const char *code,
                                  const char *fmt, const char *arg) {
  srv_reply rep;
  srv_reply_error(&rep, status, code, fmt, arg);
  if (status == 503)
    rep.retry_after = 1;
  return send_reply(r, &rep);
}

static enum MHD_Result send_asset(request *r) {
  /* The responses are built once and shared: MHD counts references. */
  struct MHD_Response *resp = r->srv->assets[r->verdict.asset];
  r->status = 200;
  r->bytes = srv_assets[r->verdict.asset].len;
  return MHD_queue_response(r->conn, 200, resp);
}

/* ---- the routes that run on a worker ------------------------------------ */

static request *job_request(srv_job *job) {
  return (request *)(void *)job;
}

static void job_run(srv_job *job) {
  request *r = job_request(job);
  server *s = r->srv;
  switch (r->verdict.route) {
  case SRV_ROUTE_BRIEF:
    srv_handle_brief(r->body, r->body_len, &s->limits, &r->reply);
    break;
  case SRV_ROUTE_ARTICLES:
    srv_desk_post(s->desk, r->body, r->body_len, &s->limits, &r->reply);
    break;
  default:
    srv_desk_get(s->desk, r->verdict.route, r->verdict.story,
                 srv_query_of(r->uri), &r->reply);
  }
}

static void job_wake(srv_job *job) {
  MHD_resume_connection(job_request(job)->conn);
}

static void job_destroy(srv_job *job) {
  request *r = job_request(job);
  free(r->body);
  free(r->uri);
  srv_reply_free(&r->reply);
  free(r);
}

/* Appends a piece of the body. The head promised at most --max-body bytes
 * (srv_judge_head) and MHD reads no more than promised; memory may still
 * run out, and the answer then waits for the end of the upload. */
static enum MHD_Result take_body(request *r, const char *data, size_t n) {
  if (r->nomem)
    return MHD_YES;
  if (n > r->srv->cfg.max_body - r->body_len)
    return MHD_NO; /* more than the head said: not HTTP */
  if (!r->body || r->body_len + n > r->body_cap) {
    size_t cap = r->body_cap > r->body_len + n ? r->body_cap : 65536;
    while (cap < r->body_len + n)
      cap *= 2;
    char *b = realloc(r->body, cap + 1);
    if (!b) {
      r->nomem = 1;
      return MHD_YES;
    }
    r->body = b;
    r->body_cap = cap;
  }
  memcpy(r->body + r->body_len, data, n);
  r->body_len += n;
  return MHD_YES;
}

/* The request is complete: hand it to a worker, or answer if the worker
 * (or the deadline) already settled it. */
static enum MHD_Result finish_on_worker(request *r) {
  if (r->nomem)
    return send_error(r, 500, "internal", "%s", "out of memory");
  if (r->busy)
    return send_error(r, 503, "busy", "%s",
                      "every worker is busy and the queue is full; retry "
                      "later");
  if (!r->submitted) {
    r->submitted = 1;
    r->job.deadline = srv_now() + r->srv->cfg.timeout;
    r->pool =
        r->verdict.route == SRV_ROUTE_ARTICLES ? r->srv->writer : r->srv->pool;
    /* Suspend first: a worker may finish and resume the connection before
     * srv_pool_submit even returns. */
    MHD_suspend_connection(r->conn);
    if (srv_pool_submit(r->pool, &r->job) != 0) {
      r->busy = 1;
      MHD_resume_connection(r->conn);
    }
    return MHD_YES;
  }
  switch (srv_pool_state(r->pool, &r->job)) {
  case SRV_JOB_DONE:
    return send_reply(r, &r->reply);
  case SRV_JOB_EXPIRED: {
    char limit[32];
    snprintf(limit, sizeof limit, "%g", r->srv->cfg.timeout);
    return send_error(r, 503, "timeout",
                      "the request took longer than the limit of %s s", limit);
  }
  default:
    /* Resumed while still pending cannot happen; do not answer twice. */
    return MHD_YES;
  }
}

/* ---- event streams ------------------------------------------------------ */

/* A stream's side of its connection. MHD frees the response, and with it
 * this, after the request is completed: the request's fields are reached
 * through `r` only while it lives (both run on the MHD thread). */
typedef struct stream_ctx {
  server *srv;
  struct MHD_Connection *conn;
  srv_stream *stream;
  request *r; /* NULL once the request is completed */
} stream_ctx;

static void stream_suspend(void *ctx) {
  MHD_suspend_connection(((stream_ctx *)ctx)->conn);
}

static void stream_resume(void *ctx) {
  MHD_resume_connection(((stream_ctx *)ctx)->conn);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  stream_ctx *c = cls;
  (void)pos;
  ssize_t n = srv_stream_read(c->srv->events, c->stream, buf, max, srv_now());
  if (n < 0)
    return MHD_CONTENT_READER_END_OF_STREAM;
  if (c->r)
    c->r->bytes += (size_t)n;
  return n;
}

/* MHD is done with the response: the connection has gone, or the stream
 * ended. */
static void stream_free(void *cls) {
  stream_ctx *c = cls;
  if (c->r)
    c->r->stream = NULL;
  srv_stream_end(c->srv->events, c->stream);
  free(c);
}

/* GET /v1/events: a stream from the client's Last-Event-ID on. */
static enum MHD_Result start_stream(request *r) {
  server *s = r->srv;
  stream_ctx *c = calloc(1, sizeof *c);
  if (!c)
    return send_error(r, 500, "internal", "%s", "out of memory");
  *c = (stream_ctx){s, r->conn, NULL, r};
  srv_stream_hooks hooks = {stream_suspend, stream_resume, c};
  const char *last =
      MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Last-Event-ID");
  srv_subscribe_result sub =
      srv_events_subscribe(s->events, last, &hooks, srv_now(), &c->stream);
  if (sub != SRV_SUBSCRIBED)
    free(c);
  switch (sub) {
  case SRV_STREAMS_FULL:
    return send_error(r, 503, "busy", "%s",
                      "as many event streams are open as the server keeps; "
                      "retry later");
  case SRV_EVENTS_CLOSED:
    return send_error(r, 503, "shutting_down", "%s",
                      "the server is shutting down");
  default:
    break;
  }
  struct MHD_Response *resp = MHD_create_response_from_callback(
      MHD_SIZE_UNKNOWN, 16384, stream_read, c, stream_free);
  if (!resp) {
    srv_stream_end(s->events, c->stream);
    free(c);
    return MHD_NO;
  }
  r->stream = c;
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "text/event-stream; charset=utf-8");
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "X-Accel-Buffering", "no");
  enum MHD_Result ok = MHD_queue_response(r->conn, 200, resp);
  MHD_destroy_response(resp);
  if (ok == MHD_YES)
    r->status = 200;
  return ok;
}

/* ---- dispatch ---------------------------------------------------------- */

static srv_conn *conn_of(struct MHD_Connection *conn) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

/* The request line is in: the request begins. MHD parses the query into
 * the connection's fixed memory pool and, when a long one fills the pool,
 * neither answers nor closes (0.9.75). So the query is cut here, before
 * MHD parses it; srv_judge_head judges, and the desk's routes read, the
 * copy kept in `uri`. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
  server *s = cls;
  request *r = calloc(1, sizeof *r);
  if (!r || !(r->uri = strdup(uri))) {
    free(r);
    return NULL;
  }
  char *query = strchr(uri, '?');
  if (query)
    query[1] = '\0'; /* MHD's own buffer, writable; its pointer is const */
  srv_job_init(&r->job);
  r->job.run = job_run;
  r->job.wake = job_wake;
  r->job.destroy = job_destroy;
  r->srv = s;
  r->conn = conn;
  r->started = time(NULL);
  client_address(conn, r->client, sizeof r->client);
  /* What the log shows if the head never arrives. */
  log_copy(r->method, sizeof r->method, NULL);
  log_copy(r->version, sizeof r->version, NULL);
  log_copy(r->path, sizeof r->path, r->uri);
  log_copy(r->agent, sizeof r->agent, NULL);
  log_copy(r->referer, sizeof r->referer, NULL);
  atomic_fetch_add(&s->open, 1);
  return r;
}

/* Counts the header fields, then copies their pointers (MHD keeps the
 * strings until the request completes). */
static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind,
                                  const char *name, const char *value) {
  srv_head *h = cls;
  (void)kind;
  srv_header *v = (srv_header *)h->headers;
  v[h->header_count++] = (srv_header){name, value ? value : ""};
  return MHD_YES;
}

/* The head is in: judge it (request.c), and answer at once when refused. */
static enum MHD_Result judge(request *r, const char *url, const char *method,
                             const char *version) {
  server *s = r->srv;
  r->judged = 1;
  log_copy(r->method, sizeof r->method, method);
  log_copy(r->version, sizeof r->version, version);
  log_copy(r->path, sizeof r->path, url);
  log_copy(r->agent, sizeof r->agent,
           MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                       MHD_HTTP_HEADER_USER_AGENT));
  log_copy(r->referer, sizeof r->referer,
           MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
                                       MHD_HTTP_HEADER_REFERER));
  int n = MHD_get_connection_values(r->conn, MHD_HEADER_KIND, NULL, NULL);
  srv_header *fields = calloc(n > 0 ? (size_t)n : 1, sizeof *fields);
  if (!fields)
    return MHD_NO;
  srv_head head = {method, r->uri, url, version, fields, 0};
  MHD_get_connection_values(r->conn, MHD_HEADER_KIND, add_header, &head);
  srv_rules rules = {s->cfg.max_body, atomic_load(&s->draining)};
  srv_judge_head(&head, &rules, &r->verdict);
  free(fields);
  if (r->verdict.refusal.status) {
    srv_conns_set_deadline(s->conns, conn_of(r->conn), 0);
    return send_reply(r, &r->verdict.refusal);
  }
  r->body_cap = r->verdict.body_len;
  return MHD_YES;
}

/* The routes answered at once, on the MHD thread. */
static enum MHD_Result answer_now(request *r, const char *method) {
  srv_pool_stats st, wr;
  srv_pool_stats_get(r->srv->pool, &st);
  srv_pool_stats_get(r->srv->writer, &wr);
  srv_health health = {st.workers,
                       st.queued,
                       st.running,
                       st.queue_cap,
                       atomic_load(&r->srv->draining),
                       wr.queued + wr.running,
                       srv_events_streams(r->srv->events)};
  srv_reply rep;
  srv_answer_route(&r->verdict, method, r->path, &health, &rep);
  if (r->verdict.route == SRV_ROUTE_ASSET && rep.status == 200)
    return send_asset(r);
  return send_reply(r, &rep);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  request *r = *con_cls;
  (void)cls;
  (void)conn;
  if (!r)
    return MHD_NO; /* on_uri ran out of memory */
  if (!r->judged)
    return judge(r, url, method, version);
  if (*upload_size) {
    size_t n = *upload_size;
    *upload_size = 0;
    /* A body sent to any other route, or after an answer, is dropped. */
    if ((r->verdict.route == SRV_ROUTE_BRIEF ||
         r->verdict.route == SRV_ROUTE_ARTICLES) &&
        !r->status)
      return take_body(r, upload, n);
    return MHD_YES;
  }
  if (r->status)
    return MHD_YES;
  /* The whole request has arrived: its own time limit takes over (an
   * event stream has none: it may stay open all day). */
  srv_conns_set_deadline(r->srv->conns, conn_of(r->conn), 0);
  if (srv_route_needs_worker(r->verdict.route))
    return finish_on_worker(r);
  if (r->verdict.route == SRV_ROUTE_EVENTS)
    return start_stream(r);
  return answer_now(r, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  server *s = cls;
  request *r = *con_cls;
  srv_conn *k = conn_of(conn);
  (void)toe; /* a request answered but cut while sending still logs its
                status, as other servers do */
  /* The next request on this connection has the same time to arrive. */
  srv_conns_set_deadline(s->conns, k, srv_now() + s->cfg.read_timeout);
  if (!r)
    return;
  *con_cls = NULL;
  if (r->stream)
    r->stream->r = NULL; /* the response outlives the request */
  if (!r->status && srv_conns_was_cut(s->conns, k))
    r->status = LOGGED_TOO_SLOW;
  if (s->cfg.access_log)
    log_request(r);
  srv_pool_release(r->pool ? r->pool : s->pool, &r->job);
  atomic_fetch_sub(&s->open, 1);
}

static void on_connection(void *cls, struct MHD_Connection *conn,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  server *s = cls;
  if (code == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    *socket_context = ci ? srv_conns_add(s->conns, ci->connect_fd,
                                         srv_now() + s->cfg.read_timeout)
                         : NULL;
  } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
    srv_conns_remove(s->conns, *socket_context);
    *socket_context = NULL;
  }
}

/* ---- startup and shutdown ---------------------------------------------- */

static const char page_policy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'";

static int make_assets(server *s) {
  s->assets = calloc(srv_asset_count + 1, sizeof *s->assets);
  if (!s->assets)
    return -1;
  for (size_t i = 0; i < srv_asset_count; i++) {
    const srv_asset *a = &srv_assets[i];
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
    if (!resp)
      return -1;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, a->type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Security-Policy", page_policy);
    s->assets[i] = resp;
  }
  return 0;
}

static void free_assets(server *s) {
  for (size_t i = 0; s->assets && i < srv_asset_count; i++)
    if (s->assets[i])
      MHD_destroy_response(s->assets[i]);
  free(s->assets);
  s->assets = NULL;
}

static int is_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET) {
    const struct sockaddr_in *in = (const void *)sa;
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const struct sockaddr_in6 *in6 = (const void *)sa;
    return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
  }
  return 0;
}

/* Binds and listens; the socket is ours, so bind errors can be reported
 * precisely and the port chosen for port 0 read back. Returns the socket,
 * or -1 after printing why. */
static int open_listener(const srv_config *cfg, char *url, size_t cap) {
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  char port[16];
  snprintf(port, sizeof port, "%d", cfg->port);
  int rc = getaddrinfo(cfg->host, port, &hints, &res);
  if (rc != 0) {
    fprintf(stderr, "brief: serve: %s: %s\n", cfg->host, gai_strerror(rc));
    return -1;
  }
  int fd = -1, saved = 0;
  for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      saved = errno;
      continue;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ai->ai_family == AF_INET6)
      setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
      saved = errno;
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(res);
  if (fd < 0) {
    fprintf(stderr, "brief: serve: cannot listen on %s port %d: %s\n",
            cfg->host, cfg->port, strerror(saved));
    return -1;
  }
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  char host[INET6_ADDRSTRLEN] = "?";
  int bound = cfg->port;
  if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
    const struct sockaddr *sa = (const struct sockaddr *)&ss;
    if (sa->sa_family == AF_INET6) {
      const struct sockaddr_in6 *in6 = (const void *)sa;
      inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
      bound = ntohs(in6->sin6_port);
      snprintf(url, cap, "http://[%s]:%d/", host, bound);
    } else {
      const struct sockaddr_in *in = (const void *)sa;
      inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
      bound = ntohs(in->sin_port);
      snprintf(url, cap, "http://%s:%d/", host, bound);
    }
    if (!is_loopback(sa))
      fprintf(stderr,
              "brief: serve: warning: %s is not a loopback address; "
              "the API has no authentication\n",
              host);
  }
  return fd;
}

static int start_daemon(server *s, int fd) {
  s->daemon = MHD_start_daemon(
      MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL,
      on_request, s, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_URI_LOG_CALLBACK,
      on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->cfg.idle_timeout,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)s->cfg.max_connections,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)s->cfg.max_per_client,
      MHD_OPTION_END);
  return s->daemon ? 0 : -1;
}

/* The main thread's sweep: requests over their time limit, connections
 * whose request is late in arriving. */
static void sweep(server *s) {
  double now = srv_now();
  srv_pool_expire(s->pool, now);
  srv_pool_expire(s->writer, now);
  srv_conns_expire(s->conns, now);
  srv_events_tick(s->events, now);
}

/* Waits up to `ms` for SIGINT/SIGTERM; returns the signal or 0. */
static int wait_signal(const sigset_t *set, long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  int sig = sigtimedwait(set, NULL, &ts);
  return sig > 0 ? sig : 0;
}

/* Lets the requests in flight finish: new connections are refused at once
 * (the listening socket closes), new requests on open connections get 503,
 * requests still arriving have SRV_SHUTDOWN_GRACE seconds to finish, and
 * the wait ends when none is left, at the drain limit, or on a second
 * signal. Then jobs still pending are expired so no worker touches a
 * connection after the daemon is gone. */
static void drain(server *s, const sigset_t *set, int sig) {
  atomic_store(&s->draining, 1);
  size_t open = atomic_load(&s->open);
  fprintf(stderr, "brief: serve: %s, finishing %zu request%s in flight\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM", open, open == 1 ? "" : "s");
  int fd = MHD_quiesce_daemon(s->daemon);
  if (fd >= 0)
    close(fd);
  /* Event streams end now: no suspended connection may outlive MHD. */
  srv_events_close(s->events);
  srv_conns_hurry(s->conns, srv_now() + SRV_SHUTDOWN_GRACE);
  double limit = srv_now() + s->cfg.timeout + SRV_SHUTDOWN_GRACE + 1;
  while (atomic_load(&s->open) > 0 && srv_now() < limit) {
    if (wait_signal(set, 20)) {
      fprintf(stderr, "brief: serve: second signal, stopping now\n");
      break;
    }
    sweep(s);
  }
  srv_pool_close(s->pool);
  srv_pool_close(s->writer);
}

/* What names this run in event ids: its start time, and a number of its
 * own, so servers that share a desk in Redis (and started in the same
 * second) never take each other's event ids for their own. */
static uint64_t run_epoch(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  uint64_t own = ((uint64_t)t.tv_nsec ^ (uint64_t)getpid() << 8) & 0xfffff;
  return (uint64_t)t.tv_sec << 20 | own;
}

/* The desk, before the socket: a database that cannot be read is a
 * startup problem. */
static int open_desk(server *s) {
  srv_desk_config dc = {
      s->cfg.db_path,  s->cfg.event_history, s->cfg.max_streams, run_epoch(), 1,
      s->cfg.redis_url};
  brief_error err;
  memset(&err, 0, sizeof err);
  s->desk = srv_desk_open(&dc, &err);
  if (!s->desk) {
    fprintf(stderr, "brief: serve: %s\n", err.message);
    return -1;
  }
  s->events = srv_desk_events(s->desk);
  return 0;
}

static int serve(server *s, const sigset_t *set) {
  char url[128] = "";
  if (open_desk(s) != 0)
    return 1;
  int fd = open_listener(&s->cfg, url, sizeof url);
  if (fd < 0)
    return 1;
  s->pool = srv_pool_new(s->cfg.threads, s->cfg.queue);
  s->writer = srv_pool_new(1, s->cfg.queue);
  s->conns = srv_conns_new();
  if (!s->pool || !s->writer || !s->conns || make_assets(s) ||
      start_daemon(s, fd)) {
    fprintf(stderr, "brief: serve: cannot start the server: %s\n",
            s->pool && s->writer && s->conns ? "libmicrohttpd refused to start"
                                             : strerror(errno));
    if (!s->daemon)
      close(fd);
    return 1;
  }
  fprintf(stderr,
          "brief: serve: listening on %s (%d workers, queue %zu, "
          "max body %zu bytes, timeout %g s; desk %s, %zu articles)\n",
          url, s->cfg.threads, s->cfg.queue, s->cfg.max_body, s->cfg.timeout,
          s->cfg.redis_url ? "kept in Redis"
          : s->cfg.db_path ? s->cfg.db_path
                           : "in memory",
          srv_desk_articles(s->desk));
  fflush(stderr);
  int sig;
  while (!(sig = wait_signal(set, 100)))
    sweep(s);
  drain(s, set, sig);
  return 0;
}

int srv_available(void) {
  return 1;
}

int srv_run(const srv_config *cfg) {
  server s;
  memset(&s, 0, sizeof s);
  s.cfg = *cfg;
  s.limits.max_articles = cfg->max_articles;
  s.limits.max_words = cfg->max_words;
  s.limits.max_sentences = cfg->max_sentences;
  /* Opened once, read by every worker; without it each request opens
   * WordNet itself and says in its warnings that it is missing. */
  brief_wordnet *wordnet = NULL;
  if (brief_wordnet_open(NULL, &wordnet, NULL) == BRIEF_OK)
    s.limits.wordnet = wordnet;
  atomic_init(&s.open, 0);
  atomic_init(&s.draining, 0);
  /* jansson seeds its hash function on first use; do it before threads. */
  json_object_seed(0);
  /* Block the stop signals before any thread starts: every thread inherits
   * the mask, and the main thread takes them with sigtimedwait. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  /* A client that hangs up must not kill the server with SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);
  int rc = serve(&s, &set);
  if (s.daemon)
    MHD_stop_daemon(s.daemon);
  srv_pool_free(s.pool);
  srv_pool_free(s.writer);
  srv_desk_close(s.desk);
  srv_conns_free(s.conns);
  free_assets(&s);
  brief_wordnet_close(wordnet);
  if (rc == 0)
    fprintf(stderr, "brief: serve: stopped\n");
  /* SIGINT and SIGTERM stay blocked: the caller is about to exit, and a
   * signal sent again while stopping must not kill it at the last moment
   * with the default action. */
  return rc;
}

#endif /* BRIEF_HAVE_MHD */
