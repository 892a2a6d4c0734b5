/*
 * cmd_eval.c - `brief eval`: runs the summarizer (or a baseline) over every
 * cluster of a data set and reports mean ROUGE with bootstrap intervals.
 *
 * Two layouts are read:
 *   DUC         DATASET/clusters/<c>/<docid>.txt,
 * DATASET/refs/<c>.<W>.<len>.txt and DATASET/docs.tsv (dates); scored with
 * ROUGE-1.5.5 and the -l cut at the word budget by default. Multi-News  a JSONL
 * file (or DATASET/examples.jsonl) of objects with "documents" and "summary";
 * scored with rouge_score F1 and no cut by default.
 *
 * Clusters run in parallel on a small pthread pool; each thread owns one
 * ROUGE scorer. Only the public API of libbrief is used for summaries.
 */
#include "cli.h"
#include "input.h"

#include "core/arena.h"
#include "core/vec.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RESAMPLES 1000
#define CONFIDENCE 95

static void usage(FILE *out) {
  fputs(
      "usage: brief eval DATASET [OPTIONS]\n"
      "\n"
      "DATASET is a DUC folder (clusters/, refs/, docs.tsv) or a Multi-News\n"
      "JSONL file (\"documents\", \"summary\"), or a folder holding\n"
      "examples.jsonl. Prints mean ROUGE P/R/F (x100) over clusters, a 95%\n"
      "bootstrap interval (1000 resamples, seeded as ROUGE-1.5.5 does) for\n"
      "ROUGE-1 and ROUGE-2 (recall for DUC, F1 for Multi-News), mean summary\n"
      "words and time.\n"
      "\n"
      "  -w, --words N|auto   word budget (DUC: 100, also the ROUGE -l cut "
      "and\n"
      "                       the reference length; Multi-News: 250, no cut)\n"
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

/* ------------------------------------------------------------------------ */
/* The data set in memory.                                                  */

typedef struct doc {
  const char *id;   /* docid or document number */
  const char *date; /* "YYYY-MM-DD" or NULL */
  const char *path; /* DUC: read by the worker */
  const char *text; /* Multi-News: already loaded */
  size_t len;
} doc;

typedef struct cluster {
  const char *name;
  doc *docs;
  size_t ndocs;
  const char **refs; /* DUC: paths; Multi-News: texts */
  size_t nrefs;
  /* results */
  brief_rouge_scores s;
  size_t words;
  double ms;
  int empty; /* the summarizer had nothing to summarize */
} cluster;

typedef BF_VEC(cluster) cluster_vec;
typedef BF_VEC(doc) doc_vec;
typedef BF_VEC(const char *) str_vec;

typedef struct dataset {
  bf_arena arena; /* every string and array of the clusters */
  cluster_vec clusters;
  int duc;
  const char *where; /* folder or file, for the report */
  int ref_len;       /* DUC: the <len> of the references used */
} dataset;

static void dataset_free(dataset *ds) {
  for (size_t i = 0; i < ds->clusters.n; i++) {
    free(ds->clusters.v[i].docs);
    free(ds->clusters.v[i].refs);
  }
  BF_VEC_FREE(ds->clusters);
  bf_arena_release(&ds->arena);
}

static char *join_path(bf_arena *a, const char *dir, const char *name) {
  size_t n = strlen(dir) + strlen(name) + 2;
  char *p = bf_arena_alloc(a, n);
  if (p)
    snprintf(p, n, "%s/%s", dir, name);
  return p;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sorted entry names of `dir` (no dot files); with `suffix`, only names
 * ending in it. Returns 0, or -1 after printing an error. */
static int list_dir(bf_arena *a, const char *dir, const char *suffix,
                    str_vec *out) {
  DIR *d = opendir(dir);
  if (!d) {
    cli_error("%s: %s", dir, strerror(errno));
    return -1;
  }
  struct dirent *e;
  out->n = 0;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || (suffix && !has_suffix(e->d_name, suffix)))
      continue;
    const char *name = bf_arena_strdup(a, e->d_name);
    if (!name || BF_VEC_PUSH(*out, name)) {
      closedir(d);
      cli_error("eval: out of memory");
      return -1;
    }
  }
  closedir(d);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, cmp_str);
  return 0;
}

/* ------------------------------------------------------------------------ */
/* DUC folders.                                                             */

/* A docid -> date table from docs.tsv (cluster docid date seq ...). */
typedef struct dated {
  const char *docid, *date;
} dated;

typedef BF_VEC(dated) dated_vec;

static int cmp_dated(const void *a, const void *b) {
  return strcmp(((const dated *)a)->docid, ((const dated *)b)->docid);
}

/* "YYYY-MM-DD" from y, m, d when they make a calendar date, else NULL. */
static const char *iso_date(bf_arena *a, int y, int m, int d) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
    return NULL;
  char buf[40];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return bf_arena_strdup(a, buf);
}

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* The date a DOCNO encodes, for sets without docs.tsv: AP880911-0016 and
 * WSJ880912-0064 are YYMMDD, LA092389-0092 is MMDDYY, APW19981117.0597 is
 * YYYYMMDD; FT, FBIS and SJMN numbers carry no day. */
static const char *docid_date(bf_arena *a, const char *id) {
  size_t k = 0;
  while (id[k] >= 'A' && id[k] <= 'Z')
    k++;
  const char *d = id + k;
  if (k == 0 || !strncmp(id, "FT", 2) || !strncmp(id, "FBIS", 4) ||
      !strncmp(id, "SJMN", 4))
    return NULL;
  if (digits(d, 8) >= 0 && d[8] == '.')
    return iso_date(a, digits(d, 4), digits(d + 4, 2), digits(d + 6, 2));
  if (digits(d, 6) < 0 || d[6] != '-')
    return NULL;
  int x = digits(d, 2), y = digits(d + 2, 2), z = digits(d + 4, 2);
  if (k == 2 && !strncmp(id, "LA", 2))
    return iso_date(a, 1900 + z, x, y);
  return iso_date(a, x < 50 ? 2000 + x : 1900 + x, y, z);
}

/* Reads DATASET/docs.tsv if present. Returns 0, or -1 after an error. */
static int read_docs_tsv(dataset *ds, const char *dir, dated_vec *out) {
  char *path = join_path(&ds->arena, dir, "docs.tsv");
  size_t len;
  struct stat st;
  if (!path || stat(path, &st) != 0)
    return 0; /* dates then come from the docids */
  char why[1024];
  char *text = cli_read_text(path, &len, why, sizeof why);
  if (!text) {
    cli_error("%s", why);
    return -1;
  }
  int rc = 0;
  char *save = NULL;
  for (char *line = strtok_r(text, "\n", &save); line;
       line = strtok_r(NULL, "\n", &save)) {
    char *f[3] = {line, NULL, NULL};
    for (int i = 1; i < 3 && f[i - 1]; i++) {
      char *tab = strchr(f[i - 1], '\t');
      if (tab) {
        *tab = '\0';
        f[i] = tab + 1;
      }
    }
    if (!f[2] || !strcmp(f[0], "cluster"))
      continue;
    char *tab = strchr(f[2], '\t');
    if (tab)
      *tab = '\0';
    dated d = {bf_arena_strdup(&ds->arena, f[1]), NULL};
    if (strlen(f[2]) == 8 && digits(f[2], 8) >= 0)
      d.date = iso_date(&ds->arena, digits(f[2], 4), digits(f[2] + 4, 2),
                        digits(f[2] + 6, 2));
    if (!d.docid || BF_VEC_PUSH(*out, d)) {
      cli_error("eval: out of memory");
      rc = -1;
      break;
    }
  }
  free(text);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, cmp_dated);
  return rc;
}

/* The reference length to use: `want` when some reference has it, else
 * the nearest one present (the smaller on a tie). 0 when there is none. */
static int pick_ref_len(const str_vec *refs, int want) {
  int best = 0;
  for (size_t i = 0; i < refs->n; i++) {
    const char *name = refs->v[i];
    size_t n = strlen(name);
    const char *dot = n > 4 ? name + n - 4 : name; /* ".txt" */
    const char *p = dot;
    while (p > name && p[-1] != '.')
      p--;
    int len = (int)strtol(p, NULL, 10);
    if (len <= 0)
      continue;
    long d = labs((long)len - want), bd = labs((long)best - want);
    if (!best || d < bd || (d == bd && len < best))
      best = len;
  }
  return best;
}

/* Adds the references "<cluster>.<writer>.<len>.txt" of one cluster. */
static int add_duc_refs(dataset *ds, cluster *c, const char *refdir,
                        const str_vec *refs) {
  char tail[32];
  snprintf(tail, sizeof tail, ".%d.txt", ds->ref_len);
  size_t nl = strlen(c->name);
  str_vec v = {0};
  for (size_t i = 0; i < refs->n; i++) {
    const char *r = refs->v[i];
    /* <cluster>.<writer><tail>, the writer one or more characters */
    if (strncmp(r, c->name, nl) || r[nl] != '.' || !has_suffix(r, tail) ||
        strlen(r) <= nl + 1 + strlen(tail))
      continue;
    const char *path = join_path(&ds->arena, refdir, r);
    if (!path || BF_VEC_PUSH(v, path)) {
      BF_VEC_FREE(v);
      cli_error("eval: out of memory");
      return -1;
    }
  }
  if (v.n == 0) {
    cli_error("%s: no reference %s.<writer>%s for cluster %s", refdir, c->name,
              tail, c->name);
    return -1;
  }
  c->refs = v.v;
  c->nrefs = v.n;
  return 0;
}

static const char *doc_date(dataset *ds, const dated_vec *dates,
                            const char *id) {
  if (dates->n) {
    dated key = {id, NULL};
    dated *hit = bsearch(&key, dates->v, dates->n, sizeof *dates->v, cmp_dated);
    return hit ? hit->date : NULL;
  }
  return docid_date(&ds->arena, id);
}

static int load_duc_cluster(dataset *ds, const char *dir, const char *name,
                            const dated_vec *dates, str_vec *files) {
  const char *cdir = join_path(&ds->arena, dir, name);
  if (!cdir || list_dir(&ds->arena, cdir, ".txt", files))
    return -1;
  cluster c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.docs = calloc(files->n ? files->n : 1, sizeof *c.docs);
  if (!c.docs) {
    cli_error("eval: out of memory");
    return -1;
  }
  for (size_t i = 0; i < files->n; i++) {
    doc *d = &c.docs[c.ndocs++];
    const char *f = files->v[i];
    d->id = bf_arena_strndup(&ds->arena, f, strlen(f) - 4);
    d->path = join_path(&ds->arena, cdir, f);
    if (!d->id || !d->path) {
      free(c.docs);
      cli_error("eval: out of memory");
      return -1;
    }
    d->date = doc_date(ds, dates, d->id);
  }
  if (BF_VEC_PUSH(ds->clusters, c)) {
    free(c.docs);
    cli_error("eval: out of memory");
    return -1;
  }
  return 0;
}

static int load_duc(dataset *ds, const char *dir, int words) {
  str_vec names = {0}, refs = {0}, files = {0};
  dated_vec dates = {0};
  int rc = -1;
  const char *cdir = join_path(&ds->arena, dir, "clusters");
  const char *rdir = join_path(&ds->arena, dir, "refs");
  if (!cdir || !rdir || list_dir(&ds->arena, cdir, NULL, &names) ||
      list_dir(&ds->arena, rdir, ".txt", &refs) ||
      read_docs_tsv(ds, dir, &dates))
    goto done;
  ds->ref_len = pick_ref_len(&refs, words);
  if (!ds->ref_len) {
    cli_error("%s: no <cluster>.<writer>.<words>.txt references", rdir);
    goto done;
  }
  for (size_t i = 0; i < names.n; i++) {
    if (load_duc_cluster(ds, cdir, names.v[i], &dates, &files) ||
        add_duc_refs(ds, &ds->clusters.v[ds->clusters.n - 1], rdir, &refs))
      goto done;
  }
  rc = 0;
done:
  BF_VEC_FREE(names);
  BF_VEC_FREE(refs);
  BF_VEC_FREE(files);
  BF_VEC_FREE(dates);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Multi-News JSONL.                                                        */

static const char *arena_json_string(bf_arena *a, json_t *s, size_t *len) {
  *len = json_string_length(s);
  return bf_arena_strndup(a, json_string_value(s), *len);
}

/* One line: {"documents": [...], "summary": "...", "id": ...}. Returns 0,
 * or -1 with a message in `why`. */
static int parse_example(dataset *ds, json_t *obj, size_t lineno, char *why,
                         size_t whylen) {
  json_t *docs = json_object_get(obj, "documents");
  json_t *sum = json_object_get(obj, "summary");
  json_t *id = json_object_get(obj, "id");
  if (!json_is_array(docs) || !json_is_string(sum)) {
    snprintf(why, whylen, "needs \"documents\" (array) and \"summary\"");
    return -1;
  }
  cluster c;
  memset(&c, 0, sizeof c);
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", lineno);
  c.name = bf_arena_strdup(&ds->arena,
                           json_is_string(id) ? json_string_value(id) : buf);
  size_t n = json_array_size(docs), len;
  c.docs = calloc(n ? n : 1, sizeof *c.docs);
  c.refs = calloc(1, sizeof *c.refs);
  if (!c.name || !c.docs || !c.refs)
    goto nomem;
  for (size_t i = 0; i < n; i++) {
    json_t *t = json_array_get(docs, i);
    if (!json_is_string(t)) {
      snprintf(why, whylen, "document %zu is not a string", i + 1);
      free(c.docs);
      free(c.refs);
      return -1;
    }
    doc *d = &c.docs[c.ndocs++];
    snprintf(buf, sizeof buf, "%02zu", i + 1);
    d->id = bf_arena_strdup(&ds->arena, buf);
    d->text = arena_json_string(&ds->arena, t, &d->len);
    if (!d->id || !d->text)
      goto nomem;
  }
  c.refs[0] = arena_json_string(&ds->arena, sum, &len);
  c.nrefs = 1;
  if (!c.refs[0] || BF_VEC_PUSH(ds->clusters, c))
    goto nomem;
  return 0;
nomem:
  free(c.docs);
  free(c.refs);
  snprintf(why, whylen, "out of memory");
  return -1;
}

static int load_jsonl(dataset *ds, const char *path, size_t limit) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t got;
  int rc = 0;
  while (ds->clusters.n < limit && (got = getline(&line, &cap, f)) > 0) {
    lineno++;
    size_t len = (size_t)got;
    char why[256] = "";
    brief_error err;
    if (brief_check_text(path, line, len, &err) != BRIEF_OK) {
      cli_error("%s (line %zu)", err.message, lineno);
      rc = -1;
      break;
    }
    if (strspn(line, " \t\r\n") == len)
      continue;
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, 0, &jerr);
    if (!obj || !json_is_object(obj))
      snprintf(why, sizeof why, "%s", obj ? "not a JSON object" : jerr.text);
    else
      parse_example(ds, obj, lineno, why, sizeof why);
    json_decref(obj);
    if (why[0]) {
      cli_error("%s:%zu: %s", path, lineno, why);
      rc = -1;
      break;
    }
  }
  if (rc == 0 && ferror(f)) {
    cli_error("%s: read error", path);
    rc = -1;
  }
  free(line);
  fclose(f);
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Running clusters.                                                        */

typedef struct pool {
  dataset *ds;
  brief_options sopts;
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

/* The summary as one sentence per line, the candidate ROUGE reads. */
static char *summary_lines(const brief_summary *sum) {
  bf_buf b;
  bf_buf_init(&b);
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_sentence_view v;
    if (brief_summary_sentence(sum, i, &v) != BRIEF_OK)
      continue;
    size_t start = b.len;
    bf_buf_append(&b, v.text, v.text_len);
    for (size_t k = start; !b.oom && k < b.len; k++)
      if (b.s[k] == '\n' || b.s[k] == '\r')
        b.s[k] = ' ';
    bf_buf_putc(&b, '\n');
  }
  if (b.oom) {
    bf_buf_free(&b);
    return NULL;
  }
  char *s = bf_buf_take(&b);
  return s ? s : calloc(1, 1);
}

/* Builds the story of cluster c, or NULL after pool_fail. */
static brief_story *build_story(pool *p, const cluster *c, char **texts) {
  brief_story *story = brief_story_new();
  if (!story) {
    pool_fail(p, "eval: out of memory");
    return NULL;
  }
  for (size_t i = 0; i < c->ndocs; i++) {
    const doc *d = &c->docs[i];
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
static int load_texts(pool *p, const cluster *c, char **texts) {
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

static void run_cluster(pool *p, cluster *c, brief_rouge *rouge) {
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
  brief_status st = brief_summarize(story, &p->sopts, &sum, &err);
  c->ms = now_ms() - t0;
  if (st == BRIEF_ERR_EMPTY) {
    c->empty = 1; /* scored as an empty summary */
  } else if (st != BRIEF_OK) {
    pool_fail(p, "cluster %s: %s", c->name, err.message);
    goto done;
  } else {
    c->words = brief_summary_word_count(sum);
  }
  cand = sum ? summary_lines(sum) : calloc(1, 1);
  if (!cand) {
    pool_fail(p, "eval: out of memory");
    goto done;
  }
  if (brief_rouge_score(rouge, cand, (const char *const *)texts + c->ndocs,
                        c->nrefs, &c->s, &err) != BRIEF_OK)
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
    int stop = p->failed || i >= p->ds->clusters.n;
    pthread_mutex_unlock(&p->mu);
    if (stop)
      break;
    run_cluster(p, &p->ds->clusters.v[i], rouge);
  }
  brief_rouge_free(rouge);
  return NULL;
}

/* Runs every cluster on `jobs` threads. Returns 0, or 1 after an error. */
static int run_all(pool *p, int jobs) {
  if ((size_t)jobs > p->ds->clusters.n)
    jobs = (int)p->ds->clusters.n;
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
/* Statistics.                                                              */

/* drand48's generator as Perl 5.20+ implements it, seeded per resample
 * the way ROUGE-1.5.5 does (srand(i) for resample i), so intervals match
 * ROUGE's own for the same per-cluster scores. Written here; not rand(). */
typedef struct rng48 {
  uint64_t x;
} rng48;

static void rng48_seed(rng48 *r, uint32_t seed) {
  r->x = ((uint64_t)seed << 16) + 0x330E;
}

static double rng48_next(rng48 *r) {
  r->x = (r->x * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
  return (double)r->x / (double)(1ULL << 48);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

typedef struct interval {
  double lo, hi;
} interval;

/* ROUGE-1.5.5's bootstrap: RESAMPLES means of n draws with replacement,
 * sorted; the bounds are the order statistics at (100 - CONFIDENCE) / 2
 * percent from each end, interpolated as ROUGE does. */
static interval bootstrap(const double *v, size_t n) {
  interval ci = {0, 0};
  double *means = malloc(RESAMPLES * sizeof *means);
  if (!means || n == 0) {
    free(means);
    return ci;
  }
  for (int i = 0; i < RESAMPLES; i++) {
    rng48 r;
    rng48_seed(&r, (uint32_t)i);
    double sum = 0;
    for (size_t k = 0; k < n; k++)
      sum += v[(size_t)(rng48_next(&r) * (double)n)];
    means[i] = sum / (double)n;
  }
  qsort(means, RESAMPLES, sizeof *means, cmp_double);
  double delta = RESAMPLES * ((100 - CONFIDENCE) / 2.0) / 100.0;
  int ua = (int)(RESAMPLES - delta - 1), la = (int)delta;
  double ratio = RESAMPLES - delta - 1 - ua;
  ci.lo = means[la] + (means[la + 1] - means[la]) * ratio;
  ci.hi = means[ua] + (means[ua + 1] - means[ua]) * ratio;
  free(means);
  return ci;
}

enum { NMETRICS = 4 };

static const brief_prf *metric(const cluster *c, int m) {
  const brief_prf *all[NMETRICS] = {&c->s.r1, &c->s.r2, &c->s.rl, &c->s.rlsum};
  return all[m];
}

/* Which of P (0), R (1), F (2) the interval is for. */
static double pick(const brief_prf *s, int which) {
  return which == 0 ? s->p : which == 1 ? s->r : s->f;
}

typedef struct eval_args {
  const char *dataset;
  int words, auto_words, words_given;
  int compress;
  brief_selector selector;
  const char *system;
  int flavour_given;
  brief_rouge_flavour flavour;
  const char *per_cluster;
  int compare;
  int jobs;
  size_t limit;
} eval_args;

static void print_report(const eval_args *a, const dataset *ds, const pool *p,
                         double wall_ms, int jobs) {
  size_t n = ds->clusters.n, empty = 0;
  int is155 = p->ropts.flavour == BRIEF_ROUGE_155;
  int nmetrics = is155 ? 2 : NMETRICS, ci_of = ds->duc ? 1 : 2;
  static const char *const names[] = {"ROUGE-1", "ROUGE-2", "ROUGE-L",
                                      "ROUGE-Lsum"};
  double *v = malloc((n ? n : 1) * sizeof *v);
  double words = 0, ms = 0;
  for (size_t i = 0; i < n; i++) {
    words += (double)ds->clusters.v[i].words;
    ms += ds->clusters.v[i].ms;
    empty += (size_t)ds->clusters.v[i].empty;
  }
  if (ds->duc)
    printf("dataset   %s: DUC, %zu clusters, references *.%d.txt\n", ds->where,
           n, ds->ref_len);
  else
    printf("dataset   %s: Multi-News JSONL, %zu clusters\n", ds->where, n);
  if (a->auto_words)
    printf("system    %s, automatic budget; ", a->system);
  else
    printf("system    %s, %d words; ", a->system, a->words);
  if (is155)
    printf("ROUGE-1.5.5 -n 2 -m -f A%s", p->ropts.stem ? "" : " (no -m)");
  else
    printf("rouge_score%s", p->ropts.stem ? ", stemmed" : "");
  if (p->ropts.words)
    printf(" -l %d\n", p->ropts.words);
  else
    printf(", no cut\n");
  printf("%-10s %6s %6s %6s   %d%% CI of %s\n", "x100", "P", "R", "F",
         CONFIDENCE, ci_of == 1 ? "R" : "F");
  for (int m = 0; m < nmetrics; m++) {
    double sum[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++)
      for (int k = 0; k < 3; k++)
        sum[k] += pick(metric(&ds->clusters.v[i], m), k);
    printf("%-10s %6.2f %6.2f %6.2f", names[m], 100 * sum[0] / (double)n,
           100 * sum[1] / (double)n, 100 * sum[2] / (double)n);
    if (m < 2 && v) {
      for (size_t i = 0; i < n; i++)
        v[i] = pick(metric(&ds->clusters.v[i], m), ci_of);
      interval ci = bootstrap(v, n);
      printf("   %.2f-%.2f", 100 * ci.lo, 100 * ci.hi);
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
static void print_compare_row(const char *system, const dataset *ds) {
  size_t n = ds->clusters.n;
  int which = ds->duc ? 1 : 2;
  double *v = malloc((n ? n : 1) * sizeof *v), words = 0;
  printf("%-10s", system);
  for (int m = 0; m < 2 && v; m++) {
    double sum = 0;
    for (size_t i = 0; i < n; i++)
      sum += v[i] = pick(metric(&ds->clusters.v[i], m), which);
    interval ci = bootstrap(v, n);
    printf(" %6.2f (%5.2f-%5.2f)", 100 * sum / (double)n, 100 * ci.lo,
           100 * ci.hi);
  }
  for (size_t i = 0; i < n; i++)
    words += (double)ds->clusters.v[i].words;
  printf(" %7.1f\n", words / (double)n);
  free(v);
}

/* Runs brief and the baselines over the loaded set, one table. */
static int run_compare(const eval_args *a, dataset *ds, pool *p) {
  int is155 = p->ropts.flavour == BRIEF_ROUGE_155;
  printf("dataset   %s: %s, %zu clusters\n", ds->where,
         ds->duc ? "DUC" : "Multi-News JSONL", ds->clusters.n);
  printf("scoring   %s", is155 ? "ROUGE-1.5.5 -n 2 -m -f A" : "rouge_score");
  if (p->ropts.words)
    printf(" -l %d", p->ropts.words);
  printf(", %s; ", ds->duc ? "recall" : "F1");
  if (a->auto_words)
    printf("automatic budget");
  else
    printf("%d words", p->sopts.words);
  printf("; x100, %d%% bootstrap intervals\n", CONFIDENCE);
  printf("%-10s %-21s %-21s %7s\n", "system", " ROUGE-1", " ROUGE-2", "words");
  for (size_t k = 0; k < sizeof systems / sizeof *systems; k++) {
    p->sopts.selector = systems[k].sel;
    p->next = 0;
    if (run_all(p, a->jobs))
      return 1;
    print_compare_row(systems[k].name, ds);
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

static int write_csv(const char *path, const dataset *ds, int nmetrics,
                     int dec) {
  static const char *const cols[] = {"r1", "r2", "rl", "rlsum"};
  FILE *f = fopen(path, "w");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    return 1;
  }
  fputs("cluster,articles,words,ms", f);
  for (int m = 0; m < nmetrics; m++)
    fprintf(f, ",%s_p,%s_r,%s_f", cols[m], cols[m], cols[m]);
  fputc('\n', f);
  for (size_t i = 0; i < ds->clusters.n; i++) {
    const cluster *c = &ds->clusters.v[i];
    csv_field(f, c->name);
    fprintf(f, ",%zu,%zu,%.2f", c->ndocs, c->words, c->ms);
    for (int m = 0; m < nmetrics; m++) {
      const brief_prf *s = metric(c, m);
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

/* Recognises the layout and loads it. Returns 0, or 1 after an error. */
static int load_dataset(eval_args *a, dataset *ds, char *jsonl, size_t cap) {
  const char *path = a->dataset;
  if (is_dir(path)) {
    snprintf(jsonl, cap, "%s/examples.jsonl", path);
    struct stat st;
    char clusters[4096];
    snprintf(clusters, sizeof clusters, "%s/clusters", path);
    if (stat(jsonl, &st) == 0) {
      path = jsonl;
    } else if (is_dir(clusters)) {
      ds->duc = 1;
    } else {
      cli_error("%s: neither a DUC folder (clusters/, refs/) nor a folder "
                "with examples.jsonl",
                path);
      return 1;
    }
  } else if (access(path, R_OK) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    return 1;
  }
  ds->where = path;
  if (!a->words_given && !a->auto_words)
    a->words = ds->duc ? 100 : 250;
  if (!a->flavour_given)
    a->flavour = ds->duc ? BRIEF_ROUGE_155 : BRIEF_ROUGE_SCORE;
  if (ds->duc ? load_duc(ds, path, a->auto_words ? 100 : a->words)
              : load_jsonl(ds, path, a->limit))
    return 1;
  while (ds->clusters.n > a->limit) {
    cluster *c = &ds->clusters.v[--ds->clusters.n];
    free(c->docs);
    free(c->refs);
  }
  if (ds->clusters.n == 0) {
    cli_error("%s: no cluster to evaluate", path);
    return 1;
  }
  return 0;
}

int cmd_eval(int argc, char **argv) {
  eval_args a;
  int rc = parse_args(argc, argv, &a);
  if (rc)
    return rc < 0 ? 0 : rc;
  dataset ds;
  memset(&ds, 0, sizeof ds);
  bf_arena_init(&ds.arena);
  char jsonl[4096];
  pool p;
  memset(&p, 0, sizeof p);
  pthread_mutex_init(&p.mu, NULL);
  rc = 1;
  if (load_dataset(&a, &ds, jsonl, sizeof jsonl))
    goto done;
  p.ds = &ds;
  brief_options_init(&p.sopts);
  p.sopts.selector = a.selector;
  p.sopts.auto_words = a.auto_words;
  p.sopts.compress = a.compress;
  if (!a.auto_words)
    p.sopts.words = a.words;
  brief_rouge_options_init(&p.ropts);
  p.ropts.flavour = a.flavour;
  p.ropts.words = ds.duc ? (a.auto_words ? ds.ref_len : a.words) : 0;
  if (a.compare) {
    rc = run_compare(&a, &ds, &p) || fflush(stdout) != 0;
    goto done;
  }
  double t0 = now_ms();
  if (run_all(&p, a.jobs))
    goto done;
  double wall = now_ms() - t0;
  int jobs = a.jobs < (int)ds.clusters.n ? a.jobs : (int)ds.clusters.n;
  print_report(&a, &ds, &p, wall, jobs);
  rc = fflush(stdout) == 0 ? 0 : 1;
  if (a.per_cluster &&
      write_csv(a.per_cluster, &ds,
                p.ropts.flavour == BRIEF_ROUGE_155 ? 2 : NMETRICS,
                p.ropts.flavour == BRIEF_ROUGE_155 ? 5 : 6))
    rc = 1;
done:
  dataset_free(&ds);
  pthread_mutex_destroy(&p.mu);
  return rc;
}
