/*
 * server.h - `brief serve`: the HTTP API, the story desk behind it and the
 * web page, as one blocking call.
 */
#ifndef BRIEF_SERVER_H
#define BRIEF_SERVER_H

#include <stddef.h>

typedef struct srv_config {
  const char *host;         /* address to bind; default "127.0.0.1" */
  int port;                 /* 0 picks a free port; default 8080 */
  int threads;              /* workers; default: online cores */
  size_t queue;             /* requests that may wait for a worker */
  size_t max_body;          /* bytes of one request body */
  size_t max_articles;      /* articles in one request */
  size_t max_words;         /* words of one request's story */
  size_t max_sentences;     /* sentences of one request's story */
  double timeout;           /* seconds from upload to answer */
  double read_timeout;      /* seconds for a request (head and body) to
                               arrive, from the connection or the previous
                               answer on it */
  unsigned idle_timeout;    /* seconds before an idle connection closes */
  unsigned max_connections; /* open connections at once */
  unsigned max_per_client;  /* open connections from one address */
  int access_log;           /* non-zero: one line per request on stdout */
  const char *db_path;      /* the desk's SQLite file; NULL: in memory */
  const char *redis_url;    /* instead: the desk brief's workers keep in
                               Redis (posts are fed to them) */
  size_t event_history;     /* events kept for clients that reconnect */
  size_t max_streams;       /* event streams open at once */
} srv_config;

/* Seconds a request still arriving when the server is told to stop has
 * to finish arriving before its connection is closed. */
#define SRV_SHUTDOWN_GRACE 2.0

/* Fills the defaults above. */
void srv_config_init(srv_config *cfg);

/* Non-zero when the binary was built with libmicrohttpd. */
int srv_available(void);

/* Serves until SIGINT or SIGTERM, then stops accepting connections, lets
 * the requests in flight finish (a second signal cuts this short; requests
 * still arriving get SRV_SHUTDOWN_GRACE seconds) and returns 0. Startup
 * problems are printed on stderr and give 1. Prints "brief serve: listening on
 * http://HOST:PORT/" on stderr once ready. Leaves SIGINT and SIGTERM blocked in
 * the calling thread and ignores SIGPIPE: meant to be the last thing a process
 * does. */
int srv_run(const srv_config *cfg);

#endif
