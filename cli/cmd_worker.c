/*
 * cmd_worker.c - `brief worker`: one process of a desk kept in Redis,
 * doing one role or all of them (ingest, assign, brief) until SIGTERM or
 * SIGINT, then finishing what it holds.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out) {
  fprintf(
      out,
      "usage: brief worker --redis URL [--role ROLE] [OPTIONS]\n"
      "\n"
      "Works on the desk kept in Redis until SIGTERM or SIGINT: ingests\n"
      "the articles fed (brief feed), assigns them to stories, keeps\n"
      "every story's brief current. Run any number on any machines.\n"
      "\n"
      "      --redis URL        redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]\n"
      "                         or unix://PATH[?db=N]\n"
      "      --role ROLE        ingest, assign, brief or all (default);\n"
      "                         several joined by commas\n"
      "      --name NAME        this worker's name in the consumer\n"
      "                         groups (default HOST-PID)\n"
      "      --batch N          stream entries taken at once (default "
      "%u)\n"
      "      --lease SECONDS    the active assigner's lease (default "
      "%g)\n"
      "      --claim SECONDS    an entry pending this long is claimed\n"
      "                         from its worker (default %g)\n"
      "      --deliveries N     deliveries before an entry that keeps\n"
      "                         failing goes to brief:dead (default %u)\n"
      "      --retry SECONDS    keep trying an unreachable Redis this\n"
      "                         long, then exit (default %g)\n"
      "      --window DAYS      a new desk's idle window (default 7)\n"
      "      --no-merge         a new desk never merges stories\n"
      "  -w, --words N          word budget of the briefs\n"
      "      --facts            briefs with figures, quotes, names\n"
      "  -q, --quiet            no log lines on stderr\n",
      BRIEF_WORKER_BATCH, BRIEF_WORKER_LEASE_MS / 1000.0,
      BRIEF_WORKER_CLAIM_MS / 1000.0, BRIEF_WORKER_DELIVERIES,
      BRIEF_REDIS_RETRY_SECONDS);
}

static brief_worker *running;

static void on_signal(int sig) {
  (void)sig;
  brief_worker_stop(running);
}

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_line(void *ctx, const char *line) {
  pthread_mutex_lock(&log_lock);
  fprintf(stderr, "brief: worker %s: %s\n", (const char *)ctx, line);
  pthread_mutex_unlock(&log_lock);
}

static int parse_roles(const char *s, unsigned *out) {
  static const struct {
    const char *name;
    unsigned bits;
  } names[] = {{"ingest", BRIEF_ROLE_INGEST},
               {"assign", BRIEF_ROLE_ASSIGN},
               {"brief", BRIEF_ROLE_BRIEF},
               {"all", BRIEF_ROLE_ALL}};
  *out = 0;
  while (s && *s) {
    size_t len = strcspn(s, ",");
    size_t i = 0;
    while (i < 4 &&
           (strlen(names[i].name) != len || strncmp(names[i].name, s, len)))
      i++;
    if (i == 4)
      return -1;
    *out |= names[i].bits;
    s += len + (s[len] == ',');
  }
  return *out ? 0 : -1;
}

static int parse_seconds(const char *s, double min, double max, double *out) {
  char *end;
  errno = 0;
  double v = s ? strtod(s, &end) : 0;
  if (!s || !*s || errno || *end || !(v >= min && v <= max))
    return -1;
  *out = v;
  return 0;
}

/* One option and its value; returns the arguments used, or -1. */
static int option(brief_worker_options *o, const char *a, const char *v) {
  long n;
  double secs;
  if (!strcmp(a, "--no-merge"))
    return o->desk.merge = 0, 1;
  if (!strcmp(a, "--facts"))
    return o->desk.brief.facts = 1, 1;
  if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
    return o->log = NULL, 1;
  if (!v)
    return cli_error("worker: %s needs a value (try --help)", a), -1;
  if (!strcmp(a, "--redis"))
    o->redis_url = v;
  else if (!strcmp(a, "--role")) {
    if (parse_roles(v, &o->roles))
      return cli_error("worker: --role is ingest, assign, brief or all"), -1;
  } else if (!strcmp(a, "--name"))
    o->name = v;
  else if (!strcmp(a, "--batch")) {
    if (cli_parse_int(v, 1, 10000, &n))
      return cli_error("worker: --batch must be from 1 to 10000"), -1;
    o->batch = (unsigned)n;
  } else if (!strcmp(a, "--lease")) {
    if (parse_seconds(v, 0.1, 3600, &secs))
      return cli_error("worker: --lease must be 0.1 to 3600 seconds"), -1;
    o->lease_ms = (unsigned)(secs * 1000);
  } else if (!strcmp(a, "--claim")) {
    if (parse_seconds(v, 0.1, 86400, &secs))
      return cli_error("worker: --claim must be 0.1 to 86400 seconds"), -1;
    o->claim_ms = (unsigned)(secs * 1000);
  } else if (!strcmp(a, "--deliveries")) {
    if (cli_parse_int(v, 1, 1000, &n))
      return cli_error("worker: --deliveries must be from 1 to 1000"), -1;
    o->deliveries = (unsigned)n;
  } else if (!strcmp(a, "--retry")) {
    if (parse_seconds(v, 0, 86400, &o->retry_seconds))
      return cli_error("worker: --retry must be 0 to 86400 seconds"), -1;
  } else if (!strcmp(a, "--window")) {
    if (parse_seconds(v, 0, 36500, &o->desk.window_days))
      return cli_error("worker: --window needs days, 0 to 36500"), -1;
  } else if (!strcmp(a, "-w") || !strcmp(a, "--words")) {
    if (cli_parse_int(v, 1, BRIEF_MAX_WORDS, &n))
      return cli_error("worker: --words needs a number from 1 to %d",
                       BRIEF_MAX_WORDS),
             -1;
    o->desk.brief.words = (int)n;
  } else {
    return cli_error("worker: unknown option '%s' (try --help)", a), -1;
  }
  return 2;
}

static void catch_signals(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
}

int cmd_worker(int argc, char **argv) {
  brief_worker_options o;
  brief_worker_options_init(&o);
  o.log = log_line;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
      return usage(stdout), 0;
    int used = option(&o, argv[i], i + 1 < argc ? argv[i + 1] : NULL);
    if (used < 0)
      return 2;
    i += used - 1;
  }
  if (!o.redis_url)
    return cli_error("worker: give the Redis to work on (--redis URL)"), 2;
  /* Log lines name the worker as the consumer groups do. */
  char name[160];
  if (o.name) {
    snprintf(name, sizeof name, "%s", o.name);
  } else {
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = '\0';
    snprintf(name, sizeof name, "%s-%ld", host, (long)getpid());
    o.name = name;
  }
  o.log_ctx = name;
  brief_worker *w;
  brief_error err;
  if (brief_worker_new(&o, &w, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  running = w;
  catch_signals();
  brief_status st = brief_worker_run(w, &err);
  running = NULL;
  brief_worker_free(w);
  if (st != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  return 0;
}
