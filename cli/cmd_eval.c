/*
 * cmd_eval.c - `brief eval`: runs the summarizer (or a baseline) over every
 * cluster of a data set and reports mean ROUGE with bootstrap intervals.
 *
 * The data set is read by the eval library (src/eval/eval.h): DUC folders,
 * scored with ROUGE-1.5.5 and the -l cut at the word budget by default,
 * and Multi-News JSON Lines, scored with rouge_score F1 and no cut. This
 * file runs the clusters in parallel on a small pthread pool (each thread
 * owns one ROUGE scorer) and prints the report and the per-cluster CSV.
 * Summaries come from the public API only.
 */
#include "cli.h"
#include "input.h"

#include "eval/eval.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *out) {
  fputs(
      "usage: brief eval DATASET [OPTIONS]\n"
      "\n"
      "DATASET is a DUC folder (clusters/, refs/, docs.tsv and, for DUC\n"
      "2006, topics.tsv: the question each cluster's summaries answer) or a\n"
      "Multi-News JSONL file (\"documents\", \"summary\"), or a folder\n"
      "holding examples.jsonl. Prints mean ROUGE P/R/F (x100) over clusters\n"
      "(ROUGE-1, ROUGE-2 and ROUGE-SU4 for DUC; ROUGE-1, ROUGE-2, ROUGE-L\n"
      "and ROUGE-Lsum for Multi-News), a 95% bootstrap interval (1000\n"
      "resamples, seeded as ROUGE-1.5.5 does; recall for DUC, F1 for\n"
      "Multi-News), mean summary words and time. Clusters with a question\n"
      "are summarized to answer it.\n"
      "\n"
      "  -w, --words N|auto   word budget (DUC: the length of its references,\n"
      "                       100 when it has several, also the ROUGE -l\n"
      "                       cut; Multi-News: 250, no cut)\n"
      "      --generic        ignore the data set's questions\n"
      "      --system NAME    brief (default), lead, rr-oldest, rr-newest\n"
      "      --compare        run brief and the three baselines and print\n"
      "                       them side by side\n"
      "      --compress       summarize with light sentence compression\n"
      "      --flavour NAME   155 (DUC default) or score (Multi-News default)\n"
      "      --per-cluster F  write per-cluster scores to the CSV file F\n"
      "  -j, --jobs N         parallel clusters (default: online cores)\n"
      "      --limit N        only the first N clusters (by name for DUC)\n",
      out);
}

/* What running one cluster gave. */
typedef struct result {
  brief_rouge_scores s;
  size_t words;
  double ms;
  int empty; /* the summarizer had nothing to summarize */
} result;

/* ------------------------------------------------------------------------ */
/* Running clusters.                                                        */

typedef struct pool {
  const bf_dataset *ds;
  result *res; /* by cluster */
  brief_options sopts;
  int questions; /* summaries answer the clusters' questions */
  brief_rouge_options ropts;
  pthread_mutex_t mu;
  size_t next;
  int failed;
  char error[1024];
} pool;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Records the first failure; other workers stop at their next cluster. */
static void pool_fail(pool *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void pool_fail(pool *p, const char *fmt, ...) {
  pthread_mutex_lock(&p->mu);
  if (!p->failed) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->error, sizeof p->error, fmt, ap);
    va_end(ap);
    p->failed = 1;
  }
  pthread_mutex_unlock(&p->mu);
}

/* The summary as one sentence per line, line breaks inside a sentence
 * folded to spaces: the candidate ROUGE reads. NULL when out of memory. */
static char *summary_lines(const brief_summary *sum) {
  size_t n = brief_summary_sentence_count(sum), len = 0;
  brief_sentence_view v;
  for (size_t i = 0; i < n; i++)
    if (brief_summary_sentence(sum, i, &v) == BRIEF_OK)
      len += v.text_len + 1;
  char *s = malloc(len + 1), *o = s;
  if (!s)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    if (brief_summary_sentence(sum, i, &v) != BRIEF_OK)
      continue;
    for (size_t k = 0; k < v.text_len; k++)
      *o++ = v.text[k] == '\n' || v.text[k] == '\r' ? ' ' : v.text[k];
    *o++ = '\n';
  }
  *o = '\0';
  return s;
}

/* Builds the story of cluster c, or NULL after pool_fail. */
static brief_story *build_story(pool *p, const bf_eval_cluster *c,
                                char **texts) {
  brief_story *story = brief_story_new();
  if (!story) {
    pool_fail(p, "eval: out of memory");
    return NULL;
  }
  for (size_t i = 0; i < c->ndocs; i++) {
    const bf_eval_doc *d = &c->docs[i];
    brief_article a;
    memset(&a, 0, sizeof a);
    a.id = d->id;
    a.date = d->date;
    a.text = texts[i];
    a.text_len = strlen(texts[i]);
    brief_error err;
    if (brief_story_add(story, &a, &err) != BRIEF_OK) {
      pool_fail(p, "%s: %s", d->path ? d->path : c->name, err.message);
      brief_story_free(story);
      return NULL;
    }
  }
  return story;
}

/* Reads the files a DUC cluster needs (documents, then references) into
 * texts[]. Multi-News texts are already in memory. Returns 0 or -1. */
static int load_texts(pool *p, const bf_eval_cluster *c, char **texts) {
  for (size_t i = 0; i < c->ndocs + c->nrefs; i++) {
    const char *path = i < c->ndocs ? c->docs[i].path : c->refs[i - c->ndocs];
    const char *mem = i < c->ndocs ? c->docs[i].text : c->refs[i - c->ndocs];
    size_t len;
    char why[1024];
    if (p->ds->duc)
      texts[i] = cli_read_text(path, &len, why, sizeof why);
    else if (!(texts[i] = strdup(mem)))
      snprintf(why, sizeof why, "eval: out of memory");
    if (!texts[i]) {
      pool_fail(p, "%s", why);
      return -1;
    }
  }
  return 0;
}

static void run_cluster(pool *p, size_t ci, brief_rouge *rouge) {
  const bf_eval_cluster *c = &p->ds->clusters[ci];
  result *r = &p->res[ci];
  size_t n = c->ndocs + c->nrefs;
  char **texts = calloc(n, sizeof *texts);
  brief_story *story = NULL;
  brief_summary *sum = NULL;
  char *cand = NULL;
  brief_error err;
  if (!texts) {
    pool_fail(p, "eval: out of memory");
    return;
  }
  if (load_texts(p, c, texts))
    goto done;
  double t0 = now_ms();
  if (!(story = build_story(p, c, texts)))
    goto done;
  brief_options o = p->sopts;
  if (p->questions)
    o.query = c->query;
  brief_status st = brief_summarize(story, &o, &sum, &err);
  r->ms = now_ms() - t0;
  if (st == BRIEF_ERR_EMPTY) {
    r->empty = 1; /* scored as an empty summary */
  } else if (st != BRIEF_OK) {
    pool_fail(p, "cluster %s: %s", c->name, err.message);
    goto done;
  } else {
    r->words = brief_summary_word_count(sum);
  }
  cand = sum ? summary_lines(sum) : calloc(1, 1);
  if (!cand) {
    pool_fail(p, "eval: out of memory");
    goto done;
  }
  if (brief_rouge_score(rouge, cand, (const char *const *)texts + c->ndocs,
                        c->nrefs, &r->s, &err) != BRIEF_OK)
    pool_fail(p, "cluster %s: %s", c->name, err.message);
done:
  free(cand);
  brief_summary_free(sum);
  brief_story_free(story);
  for (size_t i = 0; i < n; i++)
    free(texts[i]);
  free(texts);
}

static void *worker(void *arg) {
  pool *p = arg;
  brief_rouge *rouge = NULL;
  brief_error err;
  if (brief_rouge_new(&p->ropts, &rouge, &err) != BRIEF_OK) {
    pool_fail(p, "%s", err.message);
    return NULL;
  }
  for (;;) {
    pthread_mutex_lock(&p->mu);
    size_t i = p->next++;
    int stop = p->failed || i >= p->ds->n;
    pthread_mutex_unlock(&p->mu);
    if (stop)
      break;
    run_cluster(p, i, rouge);
  }
  brief_rouge_free(rouge);
  return NULL;
}

/* Runs every cluster on `jobs` threads. Returns 0, or 1 after an error. */
static int run_all(pool *p, int jobs) {
  if ((size_t)jobs > p->ds->n)
    jobs = (int)p->ds->n;
  memset(p->res, 0, p->ds->n * sizeof *p->res);
  pthread_t *t = calloc((size_t)jobs, sizeof *t);
  if (!t) {
    cli_error("eval: out of memory");
    return 1;
  }
  int started = 0;
  for (; started < jobs; started++)
    if (pthread_create(&t[started], NULL, worker, p) != 0)
      break;
  if (started == 0)
    worker(p); /* no thread could start: run here */
  for (int i = 0; i < started; i++)
    pthread_join(t[i], NULL);
  free(t);
  if (p->failed) {
    cli_error("%s", p->error);
    return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The report.                                                              */

enum { M_R1, M_R2, M_RL, M_RLSUM, M_SU4, NMETRICS };

static const char *const metric_names[NMETRICS] = {
    "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum", "ROUGE-SU4"};
static const char *const metric_columns[NMETRICS] = {"r1", "r2", "rl", "rlsum",
                                                     "su4"};

static const brief_prf *metric(const result *r, int m) {
  const brief_prf *all[NMETRICS] = {&r->s.r1, &r->s.r2, &r->s.rl, &r->s.rlsum,
                                    &r->s.su4};
  return all[m];
}

/* The metrics a scoring reports, in order: ROUGE-1.5.5's n-grams and SU4
 * (it runs with -x), or all four of rouge_score's. Returns how many. */
static int reported_metrics(const pool *p, int out[4]) {
  if (p->ropts.flavour == BRIEF_ROUGE_155) {
    out[0] = M_R1, out[1] = M_R2, out[2] = M_SU4;
    return 3;
  }
  out[0] = M_R1, out[1] = M_R2, out[2] = M_RL, out[3] = M_RLSUM;
  return 4;
}

/* Metrics given a bootstrap interval: what each set's papers report. */
static int has_interval(int m) {
  return m == M_R1 || m == M_R2 || m == M_SU4;
}

/* Which of P (0), R (1), F (2) the interval is for. */
static double pick(const brief_prf *s, int which) {
  return which == 0 ? s->p : which == 1 ? s->r : s->f;
}

/* The bootstrap interval of `which` of metric m over the clusters; 0 to 0
 * when it cannot be computed. */
static void interval(const pool *p, int m, int which, double *v, double *lo,
                     double *hi) {
  for (size_t i = 0; i < p->ds->n; i++)
    v[i] = pick(metric(&p->res[i], m), which);
  if (bf_bootstrap(v, p->ds->n, BF_BOOTSTRAP_RESAMPLES, BF_BOOTSTRAP_CONFIDENCE,
                   lo, hi))
    *lo = *hi = 0;
}

typedef struct eval_args {
  const char *dataset;
  int words, auto_words, words_given;
  int compress;
  int generic; /* --generic: the questions are ignored */
  brief_selector selector;
  const char *system;
  int flavour_given;
  brief_rouge_flavour flavour;
  const char *per_cluster;
  int compare;
  int jobs;
  size_t limit;
} eval_args;

/* The data set, the system and the scoring, as the report's first lines. */
static void print_setup(const eval_args *a, const pool *p) {
  const bf_dataset *ds = p->ds;
  if (ds->duc)
    printf("dataset   %s: DUC, %zu clusters, references *.%d.txt\n", ds->where,
           ds->n, ds->ref_len);
  else
    printf("dataset   %s: Multi-News JSONL, %zu clusters\n", ds->where, ds->n);
  if (a->auto_words)
    printf("system    %s, automatic budget; ", a->system);
  else
    printf("system    %s, %d words; ", a->system, a->words);
  if (p->ropts.flavour == BRIEF_ROUGE_155)
    printf("ROUGE-1.5.5 -n 2 -m -2 4 -u -f A%s",
           p->ropts.stem ? "" : " (no -m)");
  else
    printf("rouge_score%s", p->ropts.stem ? ", stemmed" : "");
  if (p->ropts.words)
    printf(" -l %d\n", p->ropts.words);
  else
    printf(", no cut\n");
  size_t asked = 0;
  for (size_t i = 0; i < ds->n; i++)
    asked += ds->clusters[i].query != NULL;
  if (asked)
    printf("questions %zu of %zu clusters (topics.tsv)%s\n", asked, ds->n,
           p->questions ? "" : ", ignored (--generic)");
}

static void print_report(const eval_args *a, const pool *p, double wall_ms,
                         int jobs) {
  size_t n = p->ds->n, empty = 0;
  int shown[4], nm = reported_metrics(p, shown), ci_of = p->ds->duc ? 1 : 2;
  double *v = malloc((n ? n : 1) * sizeof *v);
  double words = 0, ms = 0;
  for (size_t i = 0; i < n; i++) {
    words += (double)p->res[i].words;
    ms += p->res[i].ms;
    empty += (size_t)p->res[i].empty;
  }
  print_setup(a, p);
  printf("%-10s %6s %6s %6s   %d%% CI of %s\n", "x100", "P", "R", "F",
         BF_BOOTSTRAP_CONFIDENCE, ci_of == 1 ? "R" : "F");
  for (int k = 0; k < nm; k++) {
    int m = shown[k];
    double sum[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
      for (int j = 0; j < 3; j++)
        sum[j] += pick(metric(&p->res[i], m), j);
    printf("%-10s %6.2f %6.2f %6.2f", metric_names[m], 100 * sum[0] / (double)n,
           100 * sum[1] / (double)n, 100 * sum[2] / (double)n);
    if (has_interval(m) && v) {
      double lo, hi;
      interval(p, m, ci_of, v, &lo, &hi);
      printf("   %.2f-%.2f", 100 * lo, 100 * hi);
    }
    printf("\n");
  }
  printf("words     %.1f per summary (mean)\n", words / (double)n);
  printf("time      %.1f ms per cluster (story and summary), %.2f s in all, "
         "%d job%s\n",
         ms / (double)n, wall_ms / 1e3, jobs, jobs == 1 ? "" : "s");
  if (empty)
    printf("note      %zu cluster%s had no text to summarize (scored 0)\n",
           empty, empty == 1 ? "" : "s");
  free(v);
}

/* The systems --system names and --compare runs, brief first. */
static const struct {
  const char *name;
  brief_selector sel;
} systems[] = {{"brief", BRIEF_SELECT_GREEDY},
               {"lead", BRIEF_SELECT_LEAD},
               {"rr-oldest", BRIEF_SELECT_RR_OLDEST},
               {"rr-newest", BRIEF_SELECT_RR_NEWEST}};

/* One line of the --compare table: mean R1 and R2 (recall for DUC, F1
 * otherwise) with their bootstrap intervals, and mean words. */
static void print_compare_row(const char *system, const pool *p) {
  size_t n = p->ds->n;
  int which = p->ds->duc ? 1 : 2, shown[4], nm = reported_metrics(p, shown);
  double *v = malloc((n ? n : 1) * sizeof *v), words = 0;
  printf("%-10s", system);
  for (int k = 0; k < nm && v; k++) {
    int m = shown[k];
    double sum = 0, lo, hi;
    if (!has_interval(m))
      continue;
    for (size_t i = 0; i < n; i++)
      sum += pick(metric(&p->res[i], m), which);
    interval(p, m, which, v, &lo, &hi);
    printf(" %6.2f (%5.2f-%5.2f)", 100 * sum / (double)n, 100 * lo, 100 * hi);
  }
  for (size_t i = 0; i < n; i++)
    words += (double)p->res[i].words;
  printf(" %7.1f\n", words / (double)n);
  free(v);
}

/* Runs brief and the baselines over the loaded set, one table. */
static int run_compare(const eval_args *a, pool *p) {
  const bf_dataset *ds = p->ds;
  int is155 = p->ropts.flavour == BRIEF_ROUGE_155;
  printf("dataset   %s: %s, %zu clusters\n", ds->where,
         ds->duc ? "DUC" : "Multi-News JSONL", ds->n);
  printf("scoring   %s",
         is155 ? "ROUGE-1.5.5 -n 2 -m -2 4 -u -f A" : "rouge_score");
  if (p->ropts.words)
    printf(" -l %d", p->ropts.words);
  printf(", %s; ", ds->duc ? "recall" : "F1");
  if (a->auto_words)
    printf("automatic budget");
  else
    printf("%d words", p->sopts.words);
  printf("; x100, %d%% bootstrap intervals\n", BF_BOOTSTRAP_CONFIDENCE);
  printf("%-10s %-21s %-21s ", "system", " ROUGE-1", " ROUGE-2");
  if (is155)
    printf("%-21s ", " ROUGE-SU4");
  printf("%7s\n", "words");
  for (size_t k = 0; k < sizeof systems / sizeof *systems; k++) {
    p->sopts.selector = systems[k].sel;
    p->next = 0;
    if (run_all(p, a->jobs))
      return 1;
    print_compare_row(systems[k].name, p);
  }
  return 0;
}

/* CSV field: quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *f, const char *s) {
  if (!strpbrk(s, ",\"\n\r")) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', f);
    fputc(*s, f);
  }
  fputc('"', f);
}

static int write_csv(const char *path, const pool *p, int dec) {
  int shown[4], nm = reported_metrics(p, shown);
  FILE *f = fopen(path, "w");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    return 1;
  }
  fputs("cluster,articles,words,ms", f);
  for (int k = 0; k < nm; k++) {
    const char *c = metric_columns[shown[k]];
    fprintf(f, ",%s_p,%s_r,%s_f", c, c, c);
  }
  fputc('\n', f);
  for (size_t i = 0; i < p->ds->n; i++) {
    const bf_eval_cluster *c = &p->ds->clusters[i];
    const result *r = &p->res[i];
    csv_field(f, c->name);
    fprintf(f, ",%zu,%zu,%.2f", c->ndocs, r->words, r->ms);
    for (int k = 0; k < nm; k++) {
      const brief_prf *s = metric(r, shown[k]);
      fprintf(f, ",%.*f,%.*f,%.*f", dec, s->p, dec, s->r, dec, s->f);
    }
    fputc('\n', f);
  }
  int bad = ferror(f);
  if (fclose(f) != 0 || bad) {
    cli_error("%s: write error", path);
    return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* The command.                                                             */

static int parse_system(const char *s, eval_args *a) {
  for (size_t i = 0; i < sizeof systems / sizeof *systems; i++)
    if (!strcmp(s, systems[i].name)) {
      a->selector = systems[i].sel;
      a->system = systems[i].name;
      return 0;
    }
  return -1;
}

/* Parses the arguments; returns 0, or the exit status to leave with. */
static int parse_args(int argc, char **argv, eval_args *a) {
  memset(a, 0, sizeof *a);
  a->system = "brief";
  a->selector = BRIEF_SELECT_GREEDY;
  a->limit = SIZE_MAX;
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  a->jobs = online > 0 ? (int)(online < 64 ? online : 64) : 1;
  for (int i = 1; i < argc; i++) {
    const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    long n;
    if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
      usage(stdout);
      return -1;
    } else if (!strcmp(o, "-w") || !strcmp(o, "--words")) {
      if (val && !strcmp(val, "auto")) {
        a->auto_words = 1;
      } else if (!val || cli_parse_int(val, 1, 100000, &n)) {
        cli_error("eval: --words needs a positive number or 'auto'");
        return 2;
      } else {
        a->words = (int)n;
        a->words_given = 1;
      }
      i++;
    } else if (!strcmp(o, "--system")) {
      if (!val || parse_system(val, a)) {
        cli_error("eval: --system must be brief, lead, "
                  "rr-oldest or rr-newest");
        return 2;
      }
      i++;
    } else if (!strcmp(o, "--compress")) {
      a->compress = 1;
    } else if (!strcmp(o, "--generic")) {
      a->generic = 1;
    } else if (!strcmp(o, "--compare")) {
      a->compare = 1;
    } else if (!strcmp(o, "--flavour") || !strcmp(o, "--flavor")) {
      if (val && !strcmp(val, "score"))
        a->flavour = BRIEF_ROUGE_SCORE;
      else if (val && !strcmp(val, "155"))
        a->flavour = BRIEF_ROUGE_155;
      else {
        cli_error("eval: --flavour must be score or 155");
        return 2;
      }
      a->flavour_given = 1;
      i++;
    } else if (!strcmp(o, "--per-cluster")) {
      if (!val) {
        cli_error("eval: --per-cluster needs a CSV file name");
        return 2;
      }
      a->per_cluster = val;
      i++;
    } else if (!strcmp(o, "-j") || !strcmp(o, "--jobs")) {
      if (!val || cli_parse_int(val, 1, 256, &n)) {
        cli_error("eval: --jobs needs a number from 1 to 256");
        return 2;
      }
      a->jobs = (int)n;
      i++;
    } else if (!strcmp(o, "--limit")) {
      if (!val || cli_parse_int(val, 1, LONG_MAX, &n)) {
        cli_error("eval: --limit needs a positive number of clusters");
        return 2;
      }
      a->limit = (size_t)n;
      i++;
    } else if (o[0] == '-' && o[1]) {
      cli_error("eval: unknown option '%s' (try 'brief eval --help')", o);
      return 2;
    } else if (a->dataset) {
      cli_error("eval: one DATASET only (got '%s' and '%s')", a->dataset, o);
      return 2;
    } else {
      a->dataset = o;
    }
  }
  if (!a->dataset) {
    cli_error("eval: needs a DATASET (try 'brief eval --help')");
    return 2;
  }
  if (a->compare && a->per_cluster) {
    cli_error("eval: --per-cluster scores one system; drop --compare");
    return 2;
  }
  return 0;
}

/* Loads the data set and fills the defaults that depend on its layout.
 * Returns 0, or 1 after an error. */
static int load_dataset(eval_args *a, bf_dataset *ds) {
  bf_dataset_options o = {a->words_given && !a->auto_words ? a->words : 0,
                          a->limit, 0};
  brief_error err;
  if (bf_dataset_load(ds, a->dataset, &o, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    return 1;
  }
  if (!a->words_given && !a->auto_words)
    a->words = !ds->duc ? 250 : ds->ref_len ? ds->ref_len : 100;
  if (!a->flavour_given)
    a->flavour = ds->duc ? BRIEF_ROUGE_155 : BRIEF_ROUGE_SCORE;
  return 0;
}

int cmd_eval(int argc, char **argv) {
  eval_args a;
  int rc = parse_args(argc, argv, &a);
  if (rc)
    return rc < 0 ? 0 : rc;
  bf_dataset ds;
  memset(&ds, 0, sizeof ds);
  pool p;
  memset(&p, 0, sizeof p);
  pthread_mutex_init(&p.mu, NULL);
  brief_wordnet *wordnet = NULL;
  rc = 1;
  if (load_dataset(&a, &ds))
    goto done;
  p.ds = &ds;
  if (!(p.res = calloc(ds.n, sizeof *p.res))) {
    cli_error("eval: out of memory");
    goto done;
  }
  brief_options_init(&p.sopts);
  p.sopts.selector = a.selector;
  p.sopts.auto_words = a.auto_words;
  p.sopts.compress = a.compress;
  p.questions = !a.generic;
  if (!a.auto_words)
    p.sopts.words = a.words;
  /* One WordNet for every cluster and thread; without it each summary
   * opens none and warns. */
  if (brief_wordnet_open(NULL, &wordnet, NULL) == BRIEF_OK)
    p.sopts.wordnet = wordnet;
  brief_rouge_options_init(&p.ropts);
  p.ropts.flavour = a.flavour;
  p.ropts.words = ds.duc ? (a.auto_words ? ds.ref_len : a.words) : 0;
  if (a.compare) {
    rc = run_compare(&a, &p) || fflush(stdout) != 0;
    goto done;
  }
  double t0 = now_ms();
  if (run_all(&p, a.jobs))
    goto done;
  double wall = now_ms() - t0;
  int jobs = a.jobs < (int)ds.n ? a.jobs : (int)ds.n;
  print_report(&a, &p, wall, jobs);
  rc = fflush(stdout) == 0 ? 0 : 1;
  int is155 = p.ropts.flavour == BRIEF_ROUGE_155;
  if (a.per_cluster && write_csv(a.per_cluster, &p, is155 ? 5 : 6))
    rc = 1;
done:
  brief_wordnet_close(wordnet);
  free(p.res);
  bf_dataset_free(&ds);
  pthread_mutex_destroy(&p.mu);
  return rc;
}
