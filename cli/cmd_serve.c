/*
 * cmd_serve.c - `brief serve`: options of the HTTP API and web page; the
 * server itself is under server/.
 */
#include "cli.h"
#include "server.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out, const srv_config *d) {
  fprintf(out,
          "usage: brief serve [--db FILE | --redis URL] [OPTIONS]\n"
          "\n"
          "Serves the API (POST /v1/brief; the story desk: POST\n"
          "/v1/articles, GET /v1/stories, /v1/stories/ID,\n"
          "/v1/stories/ID/articles, /v1/events; GET /healthz,\n"
          "/v1/version) and the web page at /. Stops on SIGINT or SIGTERM\n"
          "after the requests in flight; prints one access log line per\n"
          "request on stdout (Combined Log Format).\n"
          "\n"
          "      --db FILE           keep the desk in FILE (SQLite) and go on\n"
          "                          with it when FILE exists; default: a\n"
          "                          desk in memory\n"
          "      --redis URL         serve the desk brief's workers keep in\n"
          "                          Redis (brief worker): posts are fed to\n"
          "                          them (202, queued), reads and events\n"
          "                          follow what they write; any number of\n"
          "                          servers may share one Redis (URL:\n"
          "                          see brief worker --help)\n"
          "      --host ADDR         address to bind (default %s)\n"
          "      --port N            port, 0 for any free one (default %d)\n"
          "      --threads N         worker threads (default %d, the cores)\n"
          "      --queue N           requests waiting for a worker before\n"
          "                          503 (default %zu)\n"
          "      --max-body SIZE     largest request body, bytes or with a\n"
          "                          K or M suffix (default %zuM); over: 413\n"
          "      --max-articles N    articles per request (default %zu)\n"
          "      --max-words N       words of one request's articles\n"
          "                          (default %zu); over: 413\n"
          "      --max-sentences N   sentences of one request's articles\n"
          "                          (default %zu); over: 413\n"
          "      --timeout SECONDS   time limit of one request once uploaded\n"
          "                          (default %g); over: 503\n"
          "      --read-timeout S    time for a request, head and body, to\n"
          "                          arrive (default %g); over: closed\n"
          "      --idle-timeout S    close idle connections (default %u)\n"
          "      --max-connections N open connections at once (default %u)\n"
          "      --max-per-client N  open connections from one address\n"
          "                          (default %u)\n"
          "      --max-streams N     event streams open at once (default\n"
          "                          %zu); over: 503\n"
          "      --event-history N   events kept for clients that come back\n"
          "                          with Last-Event-ID (default %zu)\n"
          "  -q, --quiet             no access log\n",
          d->host, d->port, d->threads, d->queue, d->max_body >> 20,
          d->max_articles, d->max_words, d->max_sentences, d->timeout,
          d->read_timeout, d->idle_timeout, d->max_connections,
          d->max_per_client, d->max_streams, d->event_history);
}

/* Bytes with an optional K or M suffix (powers of 1024). */
static int parse_size(const char *s, size_t *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *s == '-')
    return -1;
  unsigned shift = 0;
  if (*end == 'K' || *end == 'k')
    shift = 10, end++;
  else if (*end == 'M' || *end == 'm')
    shift = 20, end++;
  if (*end || v == 0 || v > (1ull << 30) >> shift)
    return -1;
  *out = (size_t)(v << shift);
  return 0;
}

static int parse_seconds(const char *s, double *out) {
  char *end;
  double v = strtod(s, &end);
  if (!*s || *end || !(v > 0 && v <= 86400))
    return -1;
  *out = v;
  return 0;
}

/* How an option's value is read, and the field of srv_config it sets. */
typedef enum value_kind {
  VALUE_TEXT,     /* const char *, not empty */
  VALUE_INT,      /* int, from min to max */
  VALUE_UNSIGNED, /* unsigned, from min to max */
  VALUE_COUNT,    /* size_t, from min to max */
  VALUE_BYTES,    /* size_t, a size with an optional K or M suffix */
  VALUE_SECONDS   /* double, in (0, 86400] */
} value_kind;

typedef struct serve_option {
  const char *name;
  value_kind kind;
  size_t offset; /* of the field in srv_config */
  long min, max;
  const char *unit; /* words after "must be from MIN to MAX", or what a
                       text option needs */
} serve_option;

#define FIELD(f) offsetof(srv_config, f)

static const serve_option options[] = {
    {"--db", VALUE_TEXT, FIELD(db_path), 0, 0, "a file name"},
    {"--redis", VALUE_TEXT, FIELD(redis_url), 0, 0, "a URL"},
    {"--host", VALUE_TEXT, FIELD(host), 0, 0, "an address"},
    {"--port", VALUE_INT, FIELD(port), 0, 65535, ""},
    {"--threads", VALUE_INT, FIELD(threads), 1, 1024, ""},
    {"--queue", VALUE_COUNT, FIELD(queue), 1, 1000000, ""},
    {"--max-body", VALUE_BYTES, FIELD(max_body), 0, 0, ""},
    {"--max-articles", VALUE_COUNT, FIELD(max_articles), 1, BRIEF_MAX_ARTICLES,
     ""},
    {"--max-words", VALUE_COUNT, FIELD(max_words), 1, 100000000, ""},
    {"--max-sentences", VALUE_COUNT, FIELD(max_sentences), 1, 10000000, ""},
    {"--timeout", VALUE_SECONDS, FIELD(timeout), 0, 0, ""},
    {"--read-timeout", VALUE_SECONDS, FIELD(read_timeout), 0, 0, ""},
    {"--idle-timeout", VALUE_UNSIGNED, FIELD(idle_timeout), 1, 86400,
     " seconds"},
    {"--max-connections", VALUE_UNSIGNED, FIELD(max_connections), 1, 100000,
     ""},
    {"--max-per-client", VALUE_UNSIGNED, FIELD(max_per_client), 1, 100000, ""},
    {"--max-streams", VALUE_COUNT, FIELD(max_streams), 1, 100000, ""},
    {"--event-history", VALUE_COUNT, FIELD(event_history), 1, 1000000, ""},
};

static const serve_option *option_named(const char *name) {
  for (size_t i = 0; i < sizeof options / sizeof *options; i++)
    if (!strcmp(options[i].name, name))
      return &options[i];
  return NULL;
}

/* Reads `val` into the option's field of cfg; on a bad value, says what it
 * must be and returns -1. */
static int set_option(srv_config *cfg, const serve_option *o, const char *val) {
  char *field = (char *)cfg + o->offset;
  long n = 0;
  int range_ok = o->kind == VALUE_TEXT || o->kind == VALUE_BYTES ||
                 o->kind == VALUE_SECONDS ||
                 cli_parse_int(val, o->min, o->max, &n) == 0;
  if (!range_ok)
    return cli_error("serve: %s must be from %ld to %ld%s", o->name, o->min,
                     o->max, o->unit),
           -1;
  switch (o->kind) {
  case VALUE_TEXT:
    if (!*val)
      return cli_error("serve: %s needs %s", o->name, o->unit), -1;
    *(const char **)(void *)field = val;
    break;
  case VALUE_INT:
    *(int *)(void *)field = (int)n;
    break;
  case VALUE_UNSIGNED:
    *(unsigned *)(void *)field = (unsigned)n;
    break;
  case VALUE_COUNT:
    *(size_t *)(void *)field = (size_t)n;
    break;
  case VALUE_BYTES:
    if (parse_size(val, (size_t *)(void *)field))
      return cli_error("serve: %s must be a size from 1 byte to 1G (e.g. 4M)",
                       o->name),
             -1;
    break;
  case VALUE_SECONDS:
    if (parse_seconds(val, (double *)(void *)field))
      return cli_error("serve: %s must be a number of seconds in (0, 86400]",
                       o->name),
             -1;
    break;
  }
  return 0;
}

int cmd_serve(int argc, char **argv) {
  srv_config cfg;
  srv_config_init(&cfg);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout, &cfg);
      return 0;
    }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      cfg.access_log = 0;
      continue;
    }
    if (a[0] != '-' || !a[1]) {
      cli_error("serve: unexpected argument '%s' (try --help)", a);
      return 2;
    }
    const serve_option *o = option_named(a);
    if (!o) {
      cli_error("serve: unknown option '%s' (try --help)", a);
      return 2;
    }
    if (i + 1 >= argc) {
      cli_error("serve: %s needs a value (try --help)", a);
      return 2;
    }
    if (set_option(&cfg, o, argv[++i]))
      return 2;
  }
  if (cfg.db_path && cfg.redis_url) {
    cli_error("serve: --db and --redis are exclusive: the desk is kept in "
              "one place");
    return 2;
  }
  return srv_run(&cfg);
}
