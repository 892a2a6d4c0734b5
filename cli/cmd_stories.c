/*
 * cmd_stories.c - `brief stories`: a stream of articles grouped into
 * stories on a desk (in memory, or kept in a database with --db), and the
 * subcommands that read a kept desk: list, show and articles.
 */
#include "cli.h"
#include "input.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *out) {
  fputs(
      "usage: brief stories [OPTIONS] [--jsonl FILE|-]... [PATH...]\n"
      "       brief stories list DESK [--since DATE] [--limit N]\n"
      "       brief stories show DESK STORY_ID [--facts] [--words N]\n"
      "                          [--query TEXT]\n"
      "       brief stories articles DESK STORY_ID\n"
      "       brief stories tsv DESK\n"
      "  (DESK: --db FILE, or --redis URL for a desk brief's workers keep)\n"
      "\n"
      "Adds the articles to a desk, grouped into stories as they arrive,\n"
      "and prints the stories they touched. tsv prints every article with\n"
      "the story it is in now: article_id<TAB>story_id, in arrival order.\n"
      "\n"
      "      --db FILE          keep the desk in FILE (SQLite) and continue\n"
      "                         it when FILE exists; default: in memory\n"
      "      --redis URL        read the desk kept in Redis by brief worker\n"
      "                         (redis://[[USER]:PASSWORD@]HOST[:PORT][/DB])\n"
      "      --retry SECONDS    keep trying an unreachable Redis this long\n"
      "                         (default 30)\n"
      "      --in-order         assign in the order given, never re-sorted\n"
      "                         by date within a batch (as the workers do)\n"
      "      --jsonl FILE       read articles from JSON lines (repeatable)\n"
      "      --split SEP        each file holds articles separated by SEP\n"
      "      --window DAYS      a story idle this long takes no more\n"
      "                         articles (default 7; 0: never idle)\n"
      "      --no-merge         never merge stories that converge\n"
      "  -f, --format FORMAT    text (default), json, markdown or tsv\n"
      "                         (tsv: article_id<TAB>story_id per article)\n"
      "      --since DATE       list: stories with an article on or after\n"
      "      --limit N          list: at most N stories\n"
      "      --facts            show: add figures, quotes, names, timeline\n"
      "  -w, --words N          show: word budget of the brief\n"
      "      --query TEXT       show: a question the brief answers\n"
      "  -o, --output FILE      write to FILE (atomically) instead of stdout\n"
      "  -q, --quiet            no warnings and no progress line\n",
      out);
}

enum sub { SUB_ADD, SUB_LIST, SUB_SHOW, SUB_ARTICLES, SUB_TSV };
enum { FORMAT_TSV = 100 }; /* beyond brief_format: this command's own */

typedef struct opts {
  enum sub sub;
  cli_inputs in;
  brief_desk_options desk;
  int format; /* brief_format or FORMAT_TSV */
  const char *since;
  long limit;
  uint64_t story;
  int have_story;
} opts;

/* ---- options ---------------------------------------------------------- */

static int parse_story_id(const char *s, uint64_t *out) {
  long v;
  if (cli_parse_int(s, 1, LONG_MAX, &v))
    return -1;
  *out = (uint64_t)v;
  return 0;
}

static int parse_window(const char *val, double *out) {
  char *end;
  errno = 0;
  double v = val ? strtod(val, &end) : -1;
  if (!val || errno || *end || !(v >= 0) || v > 36500)
    return -1;
  *out = v;
  return 0;
}

/* This command's own options; returns the arguments used, 0 when the
 * argument is not one of them, -1 after an error. */
static int own_option(opts *o, const char *a, const char *val) {
  if (!strcmp(a, "--db")) {
    if (!val || !*val)
      return cli_error("stories: --db needs a file"), -1;
    o->desk.db_path = val;
    return 2;
  }
  if (!strcmp(a, "--window")) {
    if (parse_window(val, &o->desk.window_days))
      return cli_error("stories: --window needs days, 0 to 36500"), -1;
    return 2;
  }
  if (!strcmp(a, "--redis")) {
    if (!val || !*val)
      return cli_error("stories: --redis needs a URL"), -1;
    o->desk.redis_url = val;
    return 2;
  }
  if (!strcmp(a, "--retry")) {
    if (parse_window(val, &o->desk.redis_retry) || o->desk.redis_retry > 86400)
      return cli_error("stories: --retry must be 0 to 86400 seconds"), -1;
    return 2;
  }
  if (!strcmp(a, "--in-order"))
    return o->desk.in_order = 1, 1;
  if (!strcmp(a, "--no-merge"))
    return o->desk.merge = 0, 1;
  if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
    brief_format f;
    if (val && !strcmp(val, "tsv"))
      o->format = FORMAT_TSV;
    else if (val && !cli_parse_format(val, &f))
      o->format = (int)f;
    else
      return cli_error("stories: --format must be text, json, markdown or "
                       "tsv"),
             -1;
    return 2;
  }
  if (!strcmp(a, "--since")) {
    if (!val || !*val)
      return cli_error("stories: --since needs a date (YYYY-MM-DD)"), -1;
    o->since = val;
    return 2;
  }
  if (!strcmp(a, "--limit")) {
    if (cli_parse_int(val, 1, 1000000000L, &o->limit))
      return cli_error("stories: --limit needs a positive number"), -1;
    return 2;
  }
  if (!strcmp(a, "--facts"))
    return o->desk.brief.facts = 1, 1;
  if (!strcmp(a, "--query")) {
    if (!val || strspn(val, " \t\r\n") == strlen(val))
      return cli_error("stories: --query needs a question"), -1;
    o->desk.brief.query = val;
    return 2;
  }
  if (!strcmp(a, "-w") || !strcmp(a, "--words")) {
    long w;
    if (cli_parse_int(val, 1, BRIEF_MAX_WORDS, &w))
      return cli_error("stories: --words needs a number from 1 to %ld",
                       (long)BRIEF_MAX_WORDS),
             -1;
    o->desk.brief.words = (int)w;
    return 2;
  }
  return 0;
}

static int parse(opts *o, int argc, char **argv) {
  int i = 1;
  if (argc > 1 && !strcmp(argv[1], "list"))
    o->sub = SUB_LIST, i++;
  else if (argc > 1 && !strcmp(argv[1], "show"))
    o->sub = SUB_SHOW, i++;
  else if (argc > 1 && !strcmp(argv[1], "articles"))
    o->sub = SUB_ARTICLES, i++;
  else if (argc > 1 && !strcmp(argv[1], "tsv"))
    o->sub = SUB_TSV, i++;
  for (; i < argc; i++) {
    const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help"))
      return usage(stdout), 0;
    int used = own_option(o, a, val);
    if (used < 0)
      return 2;
    if (!used && (o->sub == SUB_SHOW || o->sub == SUB_ARTICLES) &&
        a[0] != '-' && !o->have_story) {
      if (parse_story_id(a, &o->story))
        return cli_error("stories: '%s' is not a story id", a), 2;
      o->have_story = 1;
      used = 1;
    }
    if (!used && (used = cli_inputs_option(&o->in, "stories", a, val)) < 0)
      return 2;
    i += used - 1;
  }
  return -1;
}

static int check_usage(const opts *o) {
  if (o->sub == SUB_ADD && o->in.n == 0)
    return cli_error("stories: no input (give a folder, files, - or --jsonl)"),
           2;
  if (o->desk.db_path && o->desk.redis_url)
    return cli_error("stories: give --db or --redis, not both"), 2;
  if (o->sub == SUB_ADD && o->desk.redis_url)
    return cli_error("stories: brief's workers add to a desk in Redis; feed "
                     "articles to it with brief feed"),
           2;
  if (o->sub != SUB_ADD && !o->desk.db_path && !o->desk.redis_url)
    return cli_error("stories: this subcommand reads a desk kept with --db or "
                     "--redis"),
           2;
  if (o->sub != SUB_ADD && o->in.n)
    return cli_error("stories: unexpected argument '%s'", o->in.v[0].path), 2;
  if ((o->sub == SUB_SHOW || o->sub == SUB_ARTICLES) && !o->have_story)
    return cli_error("stories: give a story id"), 2;
  return -1;
}

/* ---- adding ------------------------------------------------------------ */

/* What an adding run saw, through the desk's listener. */
typedef struct run {
  brief_desk *desk;
  int quiet, progress;
  FILE *tsv; /* tsv format: one line per article added */
  uint64_t *touched;
  size_t ntouched, cap;
  size_t added, skipped;
  struct timespec start, shown;
  int oom;
} run;

static double seconds_since(const struct timespec *t) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

static void touch(run *r, uint64_t story) {
  for (size_t i = r->ntouched; i-- > 0 && i + 8 >= r->ntouched;)
    if (r->touched[i] == story)
      return;
  if (r->ntouched == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    uint64_t *v = realloc(r->touched, cap * sizeof *v);
    if (!v) {
      r->oom = 1;
      return;
    }
    r->touched = v;
    r->cap = cap;
  }
  r->touched[r->ntouched++] = story;
}

static void progress(run *r, int last) {
  if (!r->progress || (!last && seconds_since(&r->shown) < 0.5))
    return;
  clock_gettime(CLOCK_MONOTONIC, &r->shown);
  double s = seconds_since(&r->start);
  fprintf(stderr, "\r%zu articles, %zu stories, %.0f articles/s%s", r->added,
          brief_desk_story_count(r->desk), s > 0 ? r->added / s : 0.0,
          last ? "\n" : "");
}

static void on_event(void *ctx, const brief_desk_event *ev) {
  run *r = ctx;
  switch (ev->kind) {
  case BRIEF_DESK_ASSIGNED:
    r->added++;
    touch(r, ev->story);
    if (r->tsv)
      fprintf(r->tsv, "%s\t%llu\n", ev->article_id,
              (unsigned long long)ev->story);
    break;
  case BRIEF_DESK_MERGED:
    touch(r, ev->story);
    if (!r->quiet)
      fprintf(stderr, "%sbrief: story %llu merged into story %llu\n",
              r->progress ? "\n" : "", (unsigned long long)ev->other,
              (unsigned long long)ev->story);
    break;
  case BRIEF_DESK_SKIPPED:
    r->skipped++;
    /* fall through */
  case BRIEF_DESK_WARNING:
    if (!r->quiet)
      fprintf(stderr, "%sbrief: %s\n", r->progress ? "\n" : "", ev->message);
    break;
  }
  progress(r, 0);
}

static int add_inputs(const opts *o, run *r) {
  brief_ingest_options io = {o->in.split, 0};
  brief_error err;
  for (size_t i = 0; i < o->in.n; i++) {
    const cli_input *x = &o->in.v[i];
    brief_status st = x->jsonl
                          ? brief_desk_add_jsonl(r->desk, x->path, &err)
                          : brief_desk_add_path(r->desk, x->path, &io, &err);
    if (st != BRIEF_OK) {
      progress(r, 1);
      cli_error("%s", err.message);
      return 1;
    }
  }
  progress(r, 1);
  return 0;
}

/* The stories the run touched, most recently active first, still there
 * (not merged away), rendered in the chosen format. */
static int print_touched(const opts *o, run *r) {
  brief_story_list *all;
  brief_error err;
  brief_story_query q;
  memset(&q, 0, sizeof q);
  static const uint64_t none = 0; /* story 0 does not exist: list nothing */
  q.ids = r->ntouched ? r->touched : &none;
  q.id_count = r->ntouched ? r->ntouched : 1;
  if (brief_desk_stories(r->desk, &q, &all, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  char *text = NULL;
  brief_status st =
      brief_render_story_list(all, (brief_format)o->format, &text, &err);
  brief_story_list_free(all);
  if (st != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

static int run_add(const opts *o, brief_desk *desk) {
  run r;
  memset(&r, 0, sizeof r);
  r.desk = desk;
  r.quiet = o->in.quiet;
  r.progress = !o->in.quiet && isatty(STDERR_FILENO);
  char *tsv_text = NULL;
  size_t tsv_len = 0;
  if (o->format == FORMAT_TSV)
    r.tsv = o->in.output ? open_memstream(&tsv_text, &tsv_len) : stdout;
  clock_gettime(CLOCK_MONOTONIC, &r.start);
  r.shown = r.start;
  brief_desk_set_listener(desk, on_event, &r);
  int rc = add_inputs(o, &r);
  brief_desk_set_listener(desk, NULL, NULL);
  if (!rc && r.oom)
    rc = 1, cli_error("out of memory");
  if (!rc && o->format != FORMAT_TSV)
    rc = print_touched(o, &r);
  if (r.tsv && r.tsv != stdout) {
    fclose(r.tsv);
    if (!rc)
      rc = cli_emit(o->in.output, tsv_text ? tsv_text : "");
    free(tsv_text);
  }
  free(r.touched);
  return rc;
}

/* ---- reading a kept desk ------------------------------------------------ */

static int run_list(const opts *o, brief_desk *desk) {
  brief_story_query q;
  memset(&q, 0, sizeof q);
  q.since = o->since;
  q.limit = o->limit > 0 ? (size_t)o->limit : 0;
  brief_story_list *l;
  brief_error err;
  if (brief_desk_stories(desk, &q, &l, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  char *text = NULL;
  brief_status st =
      brief_render_story_list(l, (brief_format)o->format, &text, &err);
  brief_story_list_free(l);
  if (st != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

/* The brief the workers keep in Redis, when it is the one asked for. */
static int show_kept(const opts *o, brief_desk *desk) {
  char *text = NULL;
  brief_error err;
  if (brief_desk_brief_json(desk, o->story, 0, &text, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

static int same_briefs(const brief_options *a, const brief_options *b) {
  return a->words == b->words && a->facts == b->facts;
}

static int run_show(const opts *o, brief_desk *desk) {
  brief_options defaults;
  brief_options_init(&defaults);
  if (o->desk.redis_url && o->format == BRIEF_FORMAT_JSON &&
      same_briefs(&o->desk.brief, &defaults))
    return show_kept(o, desk);
  brief_desk_brief *b;
  brief_error err;
  if (brief_desk_brief_get(desk, o->story, &o->desk.brief, 0, &b, &err) !=
      BRIEF_OK)
    return cli_error("%s", err.message), 1;
  char *text = NULL;
  brief_status st =
      brief_desk_brief_render(b, (brief_format)o->format, &text, &err);
  brief_desk_brief_free(b);
  if (st != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

static int run_articles(const opts *o, brief_desk *desk) {
  brief_story *story;
  brief_error err;
  if (brief_desk_story_articles(desk, o->story, &story, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  char *text = NULL;
  brief_status st =
      brief_render_articles(story, (brief_format)o->format, &text, &err);
  brief_story_free(story);
  if (st != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

static int run_tsv(const opts *o, brief_desk *desk) {
  char *text = NULL;
  brief_error err;
  if (brief_desk_assignment(desk, &text, &err) != BRIEF_OK)
    return cli_error("%s", err.message), 1;
  int rc = cli_emit(o->in.output, text);
  brief_free(text);
  return rc;
}

int cmd_stories(int argc, char **argv) {
  opts o;
  memset(&o, 0, sizeof o);
  cli_inputs_init(&o.in);
  brief_desk_options_init(&o.desk);
  o.format = BRIEF_FORMAT_TEXT;
  int rc = parse(&o, argc, argv);
  if (rc < 0)
    rc = check_usage(&o);
  if (rc < 0 && o.format == FORMAT_TSV && o.sub != SUB_ADD)
    rc = 2, cli_error("stories: --format tsv is for adding articles (the "
                      "tsv subcommand prints a kept desk's)");
  if (rc >= 0) {
    cli_inputs_free(&o.in);
    return rc;
  }
  o.desk.read_only = o.sub != SUB_ADD;
  brief_desk *desk;
  brief_error err;
  if (brief_desk_open(&o.desk, &desk, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    cli_inputs_free(&o.in);
    return 1;
  }
  switch (o.sub) {
  case SUB_ADD:
    rc = run_add(&o, desk);
    break;
  case SUB_LIST:
    rc = run_list(&o, desk);
    break;
  case SUB_SHOW:
    rc = run_show(&o, desk);
    break;
  case SUB_ARTICLES:
    rc = run_articles(&o, desk);
    break;
  case SUB_TSV:
    rc = run_tsv(&o, desk);
    break;
  }
  brief_desk_close(desk);
  cli_inputs_free(&o.in);
  return rc;
}
