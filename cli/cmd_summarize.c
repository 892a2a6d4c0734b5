/*
 * cmd_summarize.c - `brief summarize`: a cited summary of a set of articles.
 */
#include "cli.h"
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fprintf(
      out,
      "usage: brief summarize [OPTIONS] PATH...\n"
      "\n"
      "PATH is a folder of .txt/.html articles, a file, or - for stdin.\n"
      "\n"
      "  -w, --words N|auto     word budget (default 250; auto predicts one)\n"
      "      --query TEXT       a question the brief answers: what it asks\n"
      "                         about weighs more, and --facts keeps the\n"
      "                         facts that bear on it (first %d bytes)\n"
      "  -f, --format FORMAT    text (default), json or markdown\n"
      "      --facts            add figures, quotes, names and timeline\n"
      "      --jsonl FILE       read articles from JSON lines (repeatable)\n"
      "      --split SEP        each file holds articles separated by SEP\n"
      "                         (Multi-News: --split '|||||')\n"
      "      --selector NAME    greedy (default), lead, rr-oldest,\n"
      "                         rr-newest\n"
      "      --dup-threshold X  near-duplicate similarity, 0..1 (default 0.5)\n"
      "      --compress         trim leading connectives, trailing\n"
      "                         attributions, short asides and the\n"
      "                         news day (\"said today\")\n"
      "  -o, --output FILE      write to FILE (atomically) instead of stdout\n"
      "  -q, --quiet            do not print warnings\n",
      BRIEF_MAX_QUERY_BYTES);
}

static int parse_selector(const char *s, brief_selector *out) {
  static const struct {
    const char *name;
    brief_selector sel;
  } names[] = {{"greedy", BRIEF_SELECT_GREEDY},
               {"lead", BRIEF_SELECT_LEAD},
               {"rr-oldest", BRIEF_SELECT_RR_OLDEST},
               {"rr-newest", BRIEF_SELECT_RR_NEWEST}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(s, names[i].name) == 0) {
      *out = names[i].sel;
      return 0;
    }
  return -1;
}

static int parse_fraction(const char *s, double lo, double hi, double *out) {
  char *end;
  double v = strtod(s, &end);
  if (!*s || *end || !(v >= lo && v <= hi))
    return -1;
  *out = v;
  return 0;
}

/* --words N|auto; returns 0, or -1 after printing why not. */
static int parse_words(const char *val, brief_options *opts) {
  long n;
  if (val && !strcmp(val, "auto")) {
    opts->auto_words = 1;
  } else if (!val || cli_parse_int(val, -1000000000L, BRIEF_MAX_WORDS, &n)) {
    cli_error("summarize: --words needs a number from 1 to %d or 'auto'",
              BRIEF_MAX_WORDS);
    return -1;
  } else if (n <= 0) {
    cli_error("summarize: --words must be a positive number of words "
              "(got %ld)",
              n);
    return -1;
  } else {
    opts->words = (int)n;
  }
  return 0;
}

/* Parses the arguments. Returns 0, 2 after a usage error, or -1 when the
 * help was asked for (and printed). */
static int parse_args(int argc, char **argv, brief_options *opts,
                      brief_format *format, cli_inputs *in) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      return -1;
    } else if (!strcmp(a, "-w") || !strcmp(a, "--words")) {
      if (parse_words(val, opts))
        return 2;
      i++;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
      if (!val || cli_parse_format(val, format)) {
        cli_error("summarize: --format must be text, json or markdown");
        return 2;
      }
      i++;
    } else if (!strcmp(a, "--query")) {
      if (!val) {
        cli_error("summarize: --query needs a question");
        return 2;
      }
      opts->query = val;
      i++;
    } else if (!strcmp(a, "--facts")) {
      opts->facts = 1;
    } else if (!strcmp(a, "--selector")) {
      if (!val || parse_selector(val, &opts->selector)) {
        cli_error("summarize: --selector must be greedy, lead, "
                  "rr-oldest or rr-newest");
        return 2;
      }
      i++;
    } else if (!strcmp(a, "--dup-threshold")) {
      if (!val || parse_fraction(val, 0.01, 1, &opts->dup_threshold)) {
        cli_error("summarize: --dup-threshold must be in (0, 1]");
        return 2;
      }
      i++;
    } else if (!strcmp(a, "--compress")) {
      opts->compress = 1;
    } else {
      int used = cli_inputs_option(in, "summarize", a, val);
      if (used < 0)
        return 2;
      i += used - 1;
    }
  }
  if (in->n == 0) {
    cli_error("summarize: no input (give a folder, files, - or --jsonl)");
    usage(stderr);
    return 2;
  }
  brief_error err;
  if (brief_options_check(opts, &err) != BRIEF_OK) {
    cli_error("summarize: %s", err.message);
    return 2;
  }
  return 0;
}

/* Reads the articles, summarizes them (with the facts when asked) and
 * writes the result. Returns the exit status. */
static int summarize(const cli_inputs *in, const brief_options *opts,
                     brief_format format) {
  int rc = 1;
  brief_story *story = NULL;
  brief_summary *sum = NULL;
  brief_facts *facts = NULL;
  char *text = NULL;
  brief_error err;
  if (cli_inputs_load(in, &story, in->quiet))
    goto done;
  size_t printed = brief_story_warning_count(story);
  if (brief_summarize(story, opts, &sum, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    goto done;
  }
  /* Warnings summarizing added (those of loading are printed already). */
  if (!in->quiet)
    cli_print_warnings(story, printed);
  printed = brief_story_warning_count(story);
  if (opts->facts && brief_facts_extract(story, opts, &facts, &err)) {
    cli_error("%s", err.message);
    goto done;
  }
  if (!in->quiet)
    cli_print_warnings(story, printed);
  if (brief_render(story, sum, facts, opts, NULL, 0, format, &text, &err)) {
    cli_error("%s", err.message);
    goto done;
  }
  rc = cli_emit(in->output, text);
done:
  brief_free(text);
  brief_facts_free(facts);
  brief_summary_free(sum);
  brief_story_free(story);
  return rc;
}

int cmd_summarize(int argc, char **argv) {
  brief_options opts;
  brief_options_init(&opts);
  brief_format format = BRIEF_FORMAT_TEXT;
  cli_inputs in;
  cli_inputs_init(&in);
  int rc = parse_args(argc, argv, &opts, &format, &in);
  /* The summary and the facts read one WordNet; without it the library
   * opens none and warns. */
  brief_wordnet *wordnet = NULL;
  if (rc == 0 &&
      brief_wordnet_open(opts.wordnet_dir, &wordnet, NULL) == BRIEF_OK)
    opts.wordnet = wordnet;
  if (rc == 0)
    rc = summarize(&in, &opts, format);
  else if (rc < 0)
    rc = 0;
  brief_wordnet_close(wordnet);
  cli_inputs_free(&in);
  return rc;
}
