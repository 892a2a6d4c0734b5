/*
 * cmd_rouge.c - `brief rouge`: ROUGE scores of one candidate summary
 * against one or more reference summaries, in either flavour of the
 * library's scorer (src/eval/rouge.c).
 */
#include "cli.h"
#include "input.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fputs("usage: brief rouge [OPTIONS] CANDIDATE REFERENCE...\n"
        "\n"
        "Scores CANDIDATE (a file, or - for stdin) against the REFERENCE\n"
        "files: precision, recall and F of ROUGE-1, ROUGE-2, ROUGE-L and\n"
        "ROUGE-Lsum (flavour score) or ROUGE-1, ROUGE-2 and ROUGE-SU4\n"
        "(flavour 155). Files are UTF-8 with one sentence per line.\n"
        "\n"
        "      --flavour NAME  score (default): Google rouge_score, NLTK\n"
        "                      Porter; with several references each metric\n"
        "                      takes the best one.\n"
        "                      155: ROUGE-1.5.5 -n 2 -m -2 4 -u -f A\n"
        "                      (WordNet exceptions + ROUGE's Porter,\n"
        "                      references averaged, 5 decimals); SU4 is\n"
        "                      skip-bigrams up to 4 words apart plus\n"
        "                      unigrams; ROUGE-L is not computed (-x).\n"
        "      --no-stem       compare words unstemmed\n"
        "  -w, --words N       cut candidate and references to N words\n"
        "                      (ROUGE-1.5.5 -l N; default 0: no cut)\n"
        "  -f, --format FMT    text (default) or json\n",
        out);
}

/* Reads a whole file ("-" is stdin) and checks it is text. Prints
 * "brief: FILE: problem" and returns NULL on failure. */
static char *read_text(const char *path) {
  char why[600];
  size_t len;
  char *text = cli_read_text(path, &len, why, sizeof why);
  if (!text)
    cli_error("%s", why);
  return text;
}

/* The metrics a flavour reports, in order: rouge_score's four, and
 * ROUGE-1.5.5's n-grams and SU4 (it runs with -x: no ROUGE-L). */
typedef struct metric {
  const char *name, *json;
  const brief_prf *value;
} metric;

static int metrics_of(const brief_rouge_options *o, const brief_rouge_scores *s,
                      metric out[4]) {
  if (o->flavour == BRIEF_ROUGE_155) {
    out[0] = (metric){"ROUGE-1", "rouge1", &s->r1};
    out[1] = (metric){"ROUGE-2", "rouge2", &s->r2};
    out[2] = (metric){"ROUGE-SU4", "rougeSU4", &s->su4};
    return 3;
  }
  out[0] = (metric){"ROUGE-1", "rouge1", &s->r1};
  out[1] = (metric){"ROUGE-2", "rouge2", &s->r2};
  out[2] = (metric){"ROUGE-L", "rougeL", &s->rl};
  out[3] = (metric){"ROUGE-Lsum", "rougeLsum", &s->rlsum};
  return 4;
}

static int print_text(const brief_rouge_options *o,
                      const brief_rouge_scores *s) {
  metric m[4];
  int n = metrics_of(o, s, m);
  int dec = o->flavour == BRIEF_ROUGE_155 ? 5 : 6;
  printf("%-11s %-*s %-*s %s\n", "metric", dec + 3, "P", dec + 3, "R", "F");
  for (int i = 0; i < n; i++)
    printf("%-11s %.*f  %.*f  %.*f\n", m[i].name, dec, m[i].value->p, dec,
           m[i].value->r, dec, m[i].value->f);
  return fflush(stdout) == 0 ? 0 : 1;
}

static json_t *prf_json(const brief_prf *p) {
  return json_pack("{s:f, s:f, s:f}", "p", p->p, "r", p->r, "f", p->f);
}

static int print_json(const brief_rouge_options *o, const char *cand,
                      char **refs, int nrefs, const brief_rouge_scores *s) {
  metric m[4];
  int n = metrics_of(o, s, m);
  json_t *root =
      json_pack("{s:s, s:b, s:i, s:s}", "flavour",
                o->flavour == BRIEF_ROUGE_155 ? "155" : "score", "stem",
                o->stem, "words", o->words, "candidate", cand);
  json_t *arr = json_array();
  if (!root || !arr) {
    json_decref(root);
    json_decref(arr);
    cli_error("rouge: out of memory");
    return 1;
  }
  for (int i = 0; i < nrefs; i++)
    json_array_append_new(arr, json_string(refs[i]));
  json_object_set_new(root, "references", arr);
  for (int i = 0; i < n; i++)
    json_object_set_new(root, m[i].json, prf_json(m[i].value));
  char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                    JSON_REAL_PRECISION(10));
  json_decref(root);
  if (!text) {
    cli_error("rouge: out of memory");
    return 1;
  }
  int rc = cli_write_stdout(text) || cli_write_stdout("\n");
  free(text);
  return rc;
}

static int parse_flavour(const char *s, brief_rouge_flavour *out) {
  if (!strcmp(s, "score") || !strcmp(s, "rouge_score"))
    *out = BRIEF_ROUGE_SCORE;
  else if (!strcmp(s, "155") || !strcmp(s, "1.5.5"))
    *out = BRIEF_ROUGE_155;
  else
    return -1;
  return 0;
}

/* Scores the files named in paths[0] (candidate) and paths[1..n). */
static int run(const brief_rouge_options *opts, brief_format format,
               char **paths, int n) {
  int rc = 1, loaded = 0;
  char **texts = calloc((size_t)n, sizeof *texts);
  brief_rouge *rouge = NULL;
  brief_error err;
  if (!texts) {
    cli_error("rouge: out of memory");
    return 1;
  }
  for (; loaded < n; loaded++)
    if (!(texts[loaded] = read_text(paths[loaded])))
      goto done;
  if (brief_rouge_new(opts, &rouge, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    goto done;
  }
  brief_rouge_scores s;
  if (brief_rouge_score(rouge, texts[0], (const char *const *)texts + 1,
                        (size_t)n - 1, &s, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    goto done;
  }
  rc = format == BRIEF_FORMAT_JSON
           ? print_json(opts, paths[0], paths + 1, n - 1, &s)
           : print_text(opts, &s);
done:
  for (int i = 0; i < loaded; i++)
    free(texts[i]);
  free(texts);
  brief_rouge_free(rouge);
  return rc;
}

int cmd_rouge(int argc, char **argv) {
  brief_rouge_options opts;
  brief_rouge_options_init(&opts);
  brief_format format = BRIEF_FORMAT_TEXT;
  int first = 0; /* index of the first file argument, once known */
  char **files = calloc((size_t)argc + 1, sizeof *files);
  int nfiles = 0, stdin_uses = 0;
  if (!files) {
    cli_error("rouge: out of memory");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (first || a[0] != '-' || !strcmp(a, "-")) {
      files[nfiles++] = argv[i];
      stdin_uses += !strcmp(a, "-");
    } else if (!strcmp(a, "--")) {
      first = i + 1;
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      free(files);
      return 0;
    } else if (!strcmp(a, "--flavour") || !strcmp(a, "--flavor")) {
      if (!val || parse_flavour(val, &opts.flavour)) {
        cli_error("rouge: --flavour needs 'score' or '155'");
        goto usage_error;
      }
      i++;
    } else if (!strcmp(a, "--no-stem")) {
      opts.stem = 0;
    } else if (!strcmp(a, "-w") || !strcmp(a, "--words")) {
      long n;
      if (!val || cli_parse_int(val, 0, INT_MAX, &n)) {
        cli_error("rouge: --words needs a number of words, 0 for no cut");
        goto usage_error;
      }
      opts.words = (int)n;
      i++;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
      if (!val || cli_parse_format(val, &format) ||
          format == BRIEF_FORMAT_MARKDOWN) {
        cli_error("rouge: --format needs 'text' or 'json'");
        goto usage_error;
      }
      i++;
    } else {
      cli_error("rouge: unknown option '%s' (try 'brief rouge --help')", a);
      goto usage_error;
    }
  }
  if (nfiles < 2) {
    cli_error("rouge: needs a CANDIDATE and at least one REFERENCE "
              "(try 'brief rouge --help')");
    goto usage_error;
  }
  if (stdin_uses > 1) {
    cli_error("rouge: standard input (-) can be read only once");
    goto usage_error;
  }
  int rc = run(&opts, format, files, nfiles);
  free(files);
  return rc;
usage_error:
  free(files);
  return 2;
}
