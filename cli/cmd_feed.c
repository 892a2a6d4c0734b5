/*
 * cmd_feed.c - `brief feed`: articles into the desk kept in Redis, for the
 * workers (brief worker) to ingest, assign and brief.
 */
#include "cli.h"
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fprintf(
      out,
      "usage: brief feed --redis URL [--jsonl FILE|-]... [PATH...]\n"
      "\n"
      "Adds the articles, in order, to the stream the workers read\n"
      "(brief:articles), waiting while too many wait already.\n"
      "\n"
      "      --redis URL        redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]\n"
      "                         or unix://PATH[?db=N]\n"
      "      --jsonl FILE       read articles from JSON lines (repeatable)\n"
      "      --split SEP        each file holds articles separated by SEP\n"
      "      --max-backlog N    wait while N articles wait to be ingested\n"
      "                         (default %u)\n"
      "      --retry SECONDS    keep trying an unreachable Redis this\n"
      "                         long, then exit (default %g)\n"
      "  -q, --quiet            no summary line and no warnings\n",
      BRIEF_FEED_MAX_BACKLOG, BRIEF_REDIS_RETRY_SECONDS);
}

static void log_line(void *ctx, const char *line) {
  (void)ctx;
  fprintf(stderr, "brief: %s\n", line);
}

static int own_option(brief_feed_options *o, const char *a, const char *v) {
  if (!strcmp(a, "--redis")) {
    if (!v || !*v)
      return cli_error("feed: --redis needs a URL"), -1;
    o->redis_url = v;
    return 2;
  }
  if (!strcmp(a, "--max-backlog")) {
    long n;
    if (cli_parse_int(v, 1, 100000000, &n))
      return cli_error("feed: --max-backlog must be from 1 to 100000000"), -1;
    o->max_backlog = (size_t)n;
    return 2;
  }
  if (!strcmp(a, "--retry")) {
    char *end;
    errno = 0;
    double s = v ? strtod(v, &end) : -1;
    if (!v || !*v || errno || *end || !(s >= 0 && s <= 86400))
      return cli_error("feed: --retry must be 0 to 86400 seconds"), -1;
    o->retry_seconds = s;
    return 2;
  }
  return 0;
}

static int feed_inputs(brief_feed *f, const cli_inputs *in) {
  brief_ingest_options io = {in->split, 0};
  brief_error err;
  for (size_t i = 0; i < in->n; i++) {
    const cli_input *x = &in->v[i];
    brief_status st = x->jsonl ? brief_feed_add_jsonl(f, x->path, &err)
                               : brief_feed_add_path(f, x->path, &io, &err);
    if (st != BRIEF_OK) {
      cli_error("%s (%zu articles fed before it)", err.message,
                brief_feed_count(f));
      return 1;
    }
  }
  return 0;
}

int cmd_feed(int argc, char **argv) {
  brief_feed_options o;
  brief_feed_options_init(&o);
  cli_inputs in;
  cli_inputs_init(&in);
  int rc = -1;
  for (int i = 1; i < argc && rc < 0; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      rc = 0;
      break;
    }
    int used = own_option(&o, a, v);
    if (!used)
      used = cli_inputs_option(&in, "feed", a, v);
    if (used < 0)
      rc = 2;
    else
      i += used - 1;
  }
  if (rc < 0 && !o.redis_url)
    rc = 2, cli_error("feed: give the Redis to feed (--redis URL)");
  if (rc < 0 && !in.n)
    rc = 2, cli_error("feed: no input (give a folder, files, - or --jsonl)");
  if (rc < 0 && in.output)
    rc = 2, cli_error("feed: no output to write (-o)");
  if (rc >= 0) {
    cli_inputs_free(&in);
    return rc;
  }
  if (!in.quiet)
    o.log = log_line;
  brief_feed *f;
  brief_error err;
  if (brief_feed_open(&o, &f, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    cli_inputs_free(&in);
    return 1;
  }
  rc = feed_inputs(f, &in);
  if (!rc && !in.quiet)
    fprintf(stderr, "brief: fed %zu articles\n", brief_feed_count(f));
  brief_feed_close(f);
  cli_inputs_free(&in);
  return rc;
}
