/*
 * cmd_serve.c - `brief serve`: options of the HTTP API and web page; the
 * server itself is under server/.
 */
#include "cli.h"
#include "server.h"

#include <errno.h>
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

int cmd_serve(int argc, char **argv) {
  srv_config cfg;
  srv_config_init(&cfg);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    long n;
    double secs;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout, &cfg);
      return 0;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      cfg.access_log = 0;
      continue;
    } else if (a[0] != '-' || !a[1]) {
      cli_error("serve: unexpected argument '%s' (try --help)", a);
      return 2;
    } else if (!val) {
      cli_error("serve: %s needs a value (try --help)", a);
      return 2;
    } else if (!strcmp(a, "--db")) {
      if (!*val) {
        cli_error("serve: --db needs a file name");
        return 2;
      }
      cfg.db_path = val;
    } else if (!strcmp(a, "--redis")) {
      if (!*val) {
        cli_error("serve: --redis needs a URL");
        return 2;
      }
      cfg.redis_url = val;
    } else if (!strcmp(a, "--max-streams")) {
      if (cli_parse_int(val, 1, 100000, &n)) {
        cli_error("serve: --max-streams must be from 1 to 100000");
        return 2;
      }
      cfg.max_streams = (size_t)n;
    } else if (!strcmp(a, "--event-history")) {
      if (cli_parse_int(val, 1, 1000000, &n)) {
        cli_error("serve: --event-history must be from 1 to 1000000");
        return 2;
      }
      cfg.event_history = (size_t)n;
    } else if (!strcmp(a, "--host")) {
      if (!*val) {
        cli_error("serve: --host needs an address");
        return 2;
      }
      cfg.host = val;
    } else if (!strcmp(a, "--port")) {
      if (cli_parse_int(val, 0, 65535, &n)) {
        cli_error("serve: --port must be from 0 to 65535");
        return 2;
      }
      cfg.port = (int)n;
    } else if (!strcmp(a, "--threads")) {
      if (cli_parse_int(val, 1, 1024, &n)) {
        cli_error("serve: --threads must be from 1 to 1024");
        return 2;
      }
      cfg.threads = (int)n;
    } else if (!strcmp(a, "--queue")) {
      if (cli_parse_int(val, 1, 1000000, &n)) {
        cli_error("serve: --queue must be from 1 to 1000000");
        return 2;
      }
      cfg.queue = (size_t)n;
    } else if (!strcmp(a, "--max-body")) {
      if (parse_size(val, &cfg.max_body)) {
        cli_error("serve: --max-body must be a size from 1 byte to 1G "
                  "(e.g. 4M)");
        return 2;
      }
    } else if (!strcmp(a, "--max-articles")) {
      if (cli_parse_int(val, 1, BRIEF_MAX_ARTICLES, &n)) {
        cli_error("serve: --max-articles must be from 1 to %u",
                  BRIEF_MAX_ARTICLES);
        return 2;
      }
      cfg.max_articles = (size_t)n;
    } else if (!strcmp(a, "--max-words")) {
      if (cli_parse_int(val, 1, 100000000, &n)) {
        cli_error("serve: --max-words must be from 1 to 100000000");
        return 2;
      }
      cfg.max_words = (size_t)n;
    } else if (!strcmp(a, "--max-sentences")) {
      if (cli_parse_int(val, 1, 10000000, &n)) {
        cli_error("serve: --max-sentences must be from 1 to 10000000");
        return 2;
      }
      cfg.max_sentences = (size_t)n;
    } else if (!strcmp(a, "--read-timeout")) {
      if (parse_seconds(val, &secs)) {
        cli_error("serve: --read-timeout must be a number of seconds in "
                  "(0, 86400]");
        return 2;
      }
      cfg.read_timeout = secs;
    } else if (!strcmp(a, "--max-per-client")) {
      if (cli_parse_int(val, 1, 100000, &n)) {
        cli_error("serve: --max-per-client must be from 1 to 100000");
        return 2;
      }
      cfg.max_per_client = (unsigned)n;
    } else if (!strcmp(a, "--timeout")) {
      if (parse_seconds(val, &secs)) {
        cli_error("serve: --timeout must be a number of seconds in "
                  "(0, 86400]");
        return 2;
      }
      cfg.timeout = secs;
    } else if (!strcmp(a, "--idle-timeout")) {
      if (cli_parse_int(val, 1, 86400, &n)) {
        cli_error("serve: --idle-timeout must be from 1 to 86400 seconds");
        return 2;
      }
      cfg.idle_timeout = (unsigned)n;
    } else if (!strcmp(a, "--max-connections")) {
      if (cli_parse_int(val, 1, 100000, &n)) {
        cli_error("serve: --max-connections must be from 1 to 100000");
        return 2;
      }
      cfg.max_connections = (unsigned)n;
    } else {
      cli_error("serve: unknown option '%s' (try --help)", a);
      return 2;
    }
    i++;
  }
  if (cfg.db_path && cfg.redis_url) {
    cli_error("serve: --db and --redis are exclusive: the desk is kept in "
              "one place");
    return 2;
  }
  return srv_run(&cfg);
}
