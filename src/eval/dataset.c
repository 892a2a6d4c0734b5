/*
 * dataset.c - development data sets read into memory for the tools that
 * evaluate and fit brief (see eval.h).
 *
 * Two layouts are read:
 *   folder      DATASET/clusters/<c>/<docid>.txt, the human summaries
 *               DATASET/refs/<c>.<writer>.<len>.txt (DUC) or refs/<c>.txt,
 *               DATASET/docs.tsv (dates) and DATASET/topics.tsv (the
 *               question each cluster's summaries answer), when present
 *   Multi-News  a JSONL file (or DATASET/examples.jsonl) of objects with
 *               "documents" and "summary"
 * A folder's files are listed, not read: the tools read each cluster when
 * they run it.
 */
#include "eval/eval.h"

#include "core/arena.h"
#include "core/error.h"
#include "core/file.h"
#include "core/vec.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct bf_dataset_store {
  bf_arena arena; /* every string of the clusters */
  BF_VEC(bf_eval_cluster) clusters;
};

typedef BF_VEC(const char *) str_vec;

#define OUT_OF_MEMORY(err) bf_fail(err, BRIEF_ERR_NOMEM, "eval: out of memory")

void bf_dataset_free(bf_dataset *ds) {
  if (!ds)
    return;
  bf_dataset_store *st = ds->store;
  if (st) {
    for (size_t i = 0; i < st->clusters.n; i++) {
      free(st->clusters.v[i].docs);
      free(st->clusters.v[i].refs);
    }
    BF_VEC_FREE(st->clusters);
    bf_arena_release(&st->arena);
    free(st);
  }
  memset(ds, 0, sizeof *ds);
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
 * ending in it. */
static brief_status list_dir(bf_arena *a, const char *dir, const char *suffix,
                             str_vec *out, brief_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", dir, strerror(errno));
  struct dirent *e;
  out->n = 0;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || (suffix && !has_suffix(e->d_name, suffix)))
      continue;
    const char *name = bf_arena_strdup(a, e->d_name);
    if (!name || BF_VEC_PUSH(*out, name)) {
      closedir(d);
      return OUT_OF_MEMORY(err);
    }
  }
  closedir(d);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, cmp_str);
  return BRIEF_OK;
}

/* ---- dates -------------------------------------------------------------- */

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

/* One line of docs.tsv into the table; lines of fewer than three fields
 * and the header are skipped. Returns -1 when out of memory. */
static int add_dated_line(bf_arena *a, char *line, dated_vec *out) {
  char *f[3] = {line, NULL, NULL};
  for (int i = 1; i < 3 && f[i - 1]; i++) {
    char *tab = strchr(f[i - 1], '\t');
    if (tab) {
      *tab = '\0';
      f[i] = tab + 1;
    }
  }
  if (!f[2] || !strcmp(f[0], "cluster"))
    return 0;
  char *tab = strchr(f[2], '\t');
  if (tab)
    *tab = '\0';
  dated d = {bf_arena_strdup(a, f[1]), NULL};
  const char *x = f[2];
  if (strlen(x) == 8 && digits(x, 8) >= 0) /* 19880911 */
    d.date = iso_date(a, digits(x, 4), digits(x + 4, 2), digits(x + 6, 2));
  else if (strlen(x) == 10 && x[4] == '-' && x[7] == '-') /* 1999-07-07 */
    d.date = iso_date(a, digits(x, 4), digits(x + 5, 2), digits(x + 8, 2));
  return !d.docid || BF_VEC_PUSH(*out, d) ? -1 : 0;
}

/* Calls `fn` on every line of DATASET/<name> when the file is present (a
 * missing file is not an error: what it holds is optional). `fn` returns
 * -1 when out of memory. */
static brief_status read_tsv_lines(bf_arena *a, const char *dir,
                                   const char *name,
                                   int (*fn)(bf_arena *, char *, void *),
                                   void *ctx, brief_error *err) {
  char *path = join_path(a, dir, name);
  struct stat st;
  if (!path)
    return OUT_OF_MEMORY(err);
  if (stat(path, &st) != 0)
    return BRIEF_OK;
  char *text = NULL;
  size_t len;
  brief_status s =
      brief_read_file(path, BRIEF_MAX_ARTICLE_BYTES, &text, &len, err);
  if (s == BRIEF_OK &&
      (s = brief_check_text(path, text, len, err)) == BRIEF_OK) {
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && s == BRIEF_OK;
         line = strtok_r(NULL, "\n", &save))
      if (fn(a, line, ctx))
        s = OUT_OF_MEMORY(err);
  }
  free(text);
  return s;
}

static int add_dated(bf_arena *a, char *line, void *out) {
  return add_dated_line(a, line, out);
}

/* Reads DATASET/docs.tsv when present; without it dates come from the
 * docids. */
static brief_status read_docs_tsv(bf_arena *a, const char *dir, dated_vec *out,
                                  brief_error *err) {
  brief_status s = read_tsv_lines(a, dir, "docs.tsv", add_dated, out, err);
  if (out->n)
    qsort(out->v, out->n, sizeof *out->v, cmp_dated);
  return s;
}

/* ---- questions ---------------------------------------------------------- */

/* A cluster -> question table from topics.tsv (cluster title question). */
typedef struct topic {
  const char *cluster, *query;
} topic;

typedef BF_VEC(topic) topic_vec;

/* One line of topics.tsv: the query is the title and the question on two
 * lines, both being what the user asked. The header and lines without a
 * question are skipped. Returns -1 when out of memory. */
static int add_topic(bf_arena *a, char *line, void *ctx) {
  topic_vec *out = ctx;
  char *title = strchr(line, '\t');
  char *question = title ? strchr(title + 1, '\t') : NULL;
  if (!question || !strncmp(line, "cluster\t", 8))
    return 0;
  *title++ = '\0';
  *question++ = '\0';
  question[strcspn(question, "\t\r")] = '\0';
  size_t n = strlen(title) + strlen(question) + 2;
  char *q = bf_arena_alloc(a, n);
  topic t = {bf_arena_strdup(a, line), q};
  if (!q || !t.cluster)
    return -1;
  snprintf(q, n, "%s\n%s", title, question);
  return BF_VEC_PUSH(*out, t);
}

static const char *topic_query(const topic_vec *topics, const char *cluster) {
  for (size_t i = 0; i < topics->n; i++)
    if (!strcmp(topics->v[i].cluster, cluster))
      return topics->v[i].query;
  return NULL;
}

static const char *doc_date(bf_arena *a, const dated_vec *dates,
                            const char *id) {
  if (dates->n) {
    dated key = {id, NULL};
    dated *hit = bsearch(&key, dates->v, dates->n, sizeof *dates->v, cmp_dated);
    return hit ? hit->date : NULL;
  }
  return docid_date(a, id);
}

/* ---- folders ------------------------------------------------------------ */

/* The <len> of a DUC reference name "<cluster>.<writer>.<len>.txt", or 0
 * for any other name. */
static int ref_length(const char *name) {
  size_t n = strlen(name);
  if (n <= 4)
    return 0;
  const char *p = name + n - 4; /* ".txt" */
  while (p > name && p[-1] != '.')
    p--;
  if (p == name || !memchr(name, '.', (size_t)(p - 1 - name)))
    return 0;
  int len = (int)strtol(p, NULL, 10);
  return len > 0 ? len : 0;
}

/* The reference length to use: `want` when some reference has it, else
 * the nearest one present (the smaller on a tie). 0 when there is none. */
static int pick_ref_len(const str_vec *refs, int want) {
  int best = 0;
  for (size_t i = 0; i < refs->n; i++) {
    int len = ref_length(refs->v[i]);
    if (len <= 0)
      continue;
    long d = labs((long)len - want), bd = labs((long)best - want);
    if (!best || d < bd || (d == bd && len < best))
      best = len;
  }
  return best;
}

/* Whether `r` is "<c>.txt", the one reference of cluster `c`. */
static int is_plain_ref_of(const char *r, const char *c) {
  size_t nl = strlen(c);
  return !strncmp(r, c, nl) && !strcmp(r + nl, ".txt");
}

/* Whether `r` is a reference of cluster `c`: "<c>.txt", or
 * "<c>.<writer><tail>" with a writer of one or more characters. */
static int is_ref_of(const char *r, const char *c, const char *tail) {
  size_t nl = strlen(c);
  if (strncmp(r, c, nl) || r[nl] != '.')
    return 0;
  return is_plain_ref_of(r, c) ||
         (has_suffix(r, tail) && strlen(r) > nl + 1 + strlen(tail));
}

/* Adds the references of cluster c. */
static brief_status add_refs(bf_dataset *ds, bf_eval_cluster *c,
                             const char *refdir, const str_vec *refs,
                             const bf_dataset_options *o, brief_error *err) {
  char tail[32];
  snprintf(tail, sizeof tail, ".%d.txt", ds->ref_len);
  str_vec v = {0};
  for (size_t i = 0; i < refs->n; i++) {
    if (!is_ref_of(refs->v[i], c->name, tail))
      continue;
    const char *path = join_path(&ds->store->arena, refdir, refs->v[i]);
    if (!path || BF_VEC_PUSH(v, path)) {
      BF_VEC_FREE(v);
      return OUT_OF_MEMORY(err);
    }
  }
  if (v.n == 0 && !o->refs_optional && ds->ref_len)
    return bf_fail(err, BRIEF_ERR_EMPTY,
                   "%s: no reference %s.<writer>%s for cluster %s", refdir,
                   c->name, tail, c->name);
  if (v.n == 0 && !o->refs_optional)
    return bf_fail(err, BRIEF_ERR_EMPTY,
                   "%s: no reference %s.txt for cluster %s", refdir, c->name,
                   c->name);
  c->refs = v.v;
  c->nrefs = v.n;
  return BRIEF_OK;
}

/* Adds cluster `name`: the .txt files of its folder, in name order. */
static brief_status add_folder_cluster(bf_dataset *ds, const char *dir,
                                       const char *name, const dated_vec *dates,
                                       str_vec *files, brief_error *err) {
  bf_arena *a = &ds->store->arena;
  const char *cdir = join_path(a, dir, name);
  if (!cdir)
    return OUT_OF_MEMORY(err);
  brief_status s = list_dir(a, cdir, ".txt", files, err);
  if (s != BRIEF_OK)
    return s;
  bf_eval_cluster c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.docs = calloc(files->n ? files->n : 1, sizeof *c.docs);
  if (!c.docs)
    return OUT_OF_MEMORY(err);
  for (size_t i = 0; i < files->n; i++) {
    bf_eval_doc *d = &c.docs[c.ndocs++];
    const char *f = files->v[i];
    d->id = bf_arena_strndup(a, f, strlen(f) - 4);
    d->path = join_path(a, cdir, f);
    if (!d->id || !d->path) {
      free(c.docs);
      return OUT_OF_MEMORY(err);
    }
    d->date = doc_date(a, dates, d->id);
  }
  if (BF_VEC_PUSH(ds->store->clusters, c)) {
    free(c.docs);
    return OUT_OF_MEMORY(err);
  }
  return BRIEF_OK;
}

/* The clusters of a folder, each with its references. */
static brief_status
add_folder_clusters(bf_dataset *ds, const char *dir, const str_vec *names,
                    const str_vec *refs, const dated_vec *dates,
                    const bf_dataset_options *o, brief_error *err) {
  bf_dataset_store *st = ds->store;
  const char *cdir = join_path(&st->arena, dir, "clusters");
  const char *rdir = join_path(&st->arena, dir, "refs");
  if (!cdir || !rdir)
    return OUT_OF_MEMORY(err);
  str_vec files = {0};
  brief_status s = BRIEF_OK;
  for (size_t i = 0; s == BRIEF_OK && i < names->n; i++) {
    s = add_folder_cluster(ds, cdir, names->v[i], dates, &files, err);
    if (s == BRIEF_OK)
      s = add_refs(ds, &st->clusters.v[st->clusters.n - 1], rdir, refs, o, err);
  }
  BF_VEC_FREE(files);
  return s;
}

/* Whether any name is a reference "<cluster>.txt" of one of the clusters. */
static int has_plain_refs(const str_vec *names, const str_vec *refs) {
  for (size_t i = 0; i < names->n; i++)
    for (size_t k = 0; k < refs->n; k++)
      if (is_plain_ref_of(refs->v[k], names->v[i]))
        return 1;
  return 0;
}

/* Gives every cluster its question, when topics.tsv has one. */
static brief_status add_questions(bf_dataset *ds, const char *dir,
                                  brief_error *err) {
  topic_vec topics = {0};
  brief_status s = read_tsv_lines(&ds->store->arena, dir, "topics.tsv",
                                  add_topic, &topics, err);
  for (size_t i = 0; s == BRIEF_OK && i < ds->store->clusters.n; i++) {
    bf_eval_cluster *c = &ds->store->clusters.v[i];
    c->query = topic_query(&topics, c->name);
  }
  BF_VEC_FREE(topics);
  return s;
}

static brief_status load_folder(bf_dataset *ds, const char *dir,
                                const bf_dataset_options *o, brief_error *err) {
  bf_arena *a = &ds->store->arena;
  str_vec names = {0}, refs = {0};
  dated_vec dates = {0};
  const char *cdir = join_path(a, dir, "clusters");
  const char *rdir = join_path(a, dir, "refs");
  brief_status s = !cdir || !rdir ? OUT_OF_MEMORY(err) : BRIEF_OK;
  if (s == BRIEF_OK && (s = list_dir(a, cdir, NULL, &names, err)) == BRIEF_OK &&
      (s = list_dir(a, rdir, ".txt", &refs, err)) == BRIEF_OK &&
      (s = read_docs_tsv(a, dir, &dates, err)) == BRIEF_OK) {
    ds->duc = 1;
    ds->ref_len = pick_ref_len(&refs, o->words > 0 ? o->words : 100);
    if (!ds->ref_len && !o->refs_optional && !has_plain_refs(&names, &refs))
      s = bf_fail(err, BRIEF_ERR_EMPTY,
                  "%s: no <cluster>.<writer>.<words>.txt references", rdir);
    else
      s = add_folder_clusters(ds, dir, &names, &refs, &dates, o, err);
    if (s == BRIEF_OK)
      s = add_questions(ds, dir, err);
  }
  BF_VEC_FREE(names);
  BF_VEC_FREE(refs);
  BF_VEC_FREE(dates);
  return s;
}

/* ---- Multi-News JSONL --------------------------------------------------- */

static const char *arena_json_string(bf_arena *a, json_t *s, size_t *len) {
  *len = json_string_length(s);
  return bf_arena_strndup(a, json_string_value(s), *len);
}

/* The documents of one example into c->docs; -1 with `why` filled. */
static int example_docs(bf_arena *a, json_t *docs, bf_eval_cluster *c,
                        char *why, size_t whylen) {
  size_t n = json_array_size(docs);
  c->docs = calloc(n ? n : 1, sizeof *c->docs);
  if (!c->docs)
    goto nomem;
  for (size_t i = 0; i < n; i++) {
    json_t *t = json_array_get(docs, i);
    if (!json_is_string(t)) {
      snprintf(why, whylen, "document %zu is not a string", i + 1);
      return -1;
    }
    char num[32];
    bf_eval_doc *d = &c->docs[c->ndocs++];
    snprintf(num, sizeof num, "%02zu", i + 1);
    d->id = bf_arena_strdup(a, num);
    d->text = arena_json_string(a, t, &d->len);
    if (!d->id || !d->text)
      goto nomem;
  }
  return 0;
nomem:
  snprintf(why, whylen, "out of memory");
  return -1;
}

/* One line: {"documents": [...], "summary": "...", "id": ...}. Returns 0,
 * or -1 with a message in `why`. */
static int parse_example(bf_dataset *ds, json_t *obj, size_t lineno, char *why,
                         size_t whylen) {
  bf_arena *a = &ds->store->arena;
  json_t *docs = json_object_get(obj, "documents");
  json_t *sum = json_object_get(obj, "summary");
  json_t *id = json_object_get(obj, "id");
  if (!json_is_array(docs) || !json_is_string(sum)) {
    snprintf(why, whylen, "needs \"documents\" (array) and \"summary\"");
    return -1;
  }
  bf_eval_cluster c;
  memset(&c, 0, sizeof c);
  char buf[32];
  size_t len;
  snprintf(buf, sizeof buf, "%zu", lineno);
  c.name = bf_arena_strdup(a, json_is_string(id) ? json_string_value(id) : buf);
  c.refs = calloc(1, sizeof *c.refs);
  if (!c.name || !c.refs)
    snprintf(why, whylen, "out of memory");
  else if (example_docs(a, docs, &c, why, whylen) == 0) {
    c.refs[0] = arena_json_string(a, sum, &len);
    c.nrefs = 1;
    if (c.refs[0] && !BF_VEC_PUSH(ds->store->clusters, c))
      return 0;
    snprintf(why, whylen, "out of memory");
  }
  free(c.docs);
  free(c.refs);
  return -1;
}

/* Reads one line of a JSONL file; `why` says what is wrong with it. */
static brief_status read_example(bf_dataset *ds, const char *path,
                                 const char *line, size_t len, size_t lineno,
                                 brief_error *err) {
  if (brief_check_text(path, line, len, err) != BRIEF_OK) {
    char msg[sizeof err->message];
    snprintf(msg, sizeof msg, "%s", err->message);
    return bf_fail(err, err->status, "%s (line %zu)", msg, lineno);
  }
  if (strspn(line, " \t\r\n") == len)
    return BRIEF_OK;
  char why[256] = "";
  json_error_t jerr;
  json_t *obj = json_loadb(line, len, 0, &jerr);
  if (!obj || !json_is_object(obj))
    snprintf(why, sizeof why, "%s", obj ? "not a JSON object" : jerr.text);
  else
    parse_example(ds, obj, lineno, why, sizeof why);
  json_decref(obj);
  if (why[0])
    return bf_fail(err, BRIEF_ERR_PARSE, "%s:%zu: %s", path, lineno, why);
  return BRIEF_OK;
}

static brief_status load_jsonl(bf_dataset *ds, const char *path, size_t limit,
                               brief_error *err) {
  FILE *f;
  struct stat st;
  brief_status opened = bf_open_file(path, &f, &st, err);
  if (opened != BRIEF_OK)
    return opened;
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t got;
  brief_status s = BRIEF_OK;
  while (s == BRIEF_OK && ds->store->clusters.n < limit &&
         (got = getline(&line, &cap, f)) > 0)
    s = read_example(ds, path, line, (size_t)got, ++lineno, err);
  if (s == BRIEF_OK && ferror(f))
    s = bf_fail(err, BRIEF_ERR_IO, "%s: read error", path);
  free(line);
  fclose(f);
  return s;
}

/* ---- loading ------------------------------------------------------------ */

static brief_status begin(bf_dataset *ds, const char *where, brief_error *err) {
  memset(ds, 0, sizeof *ds);
  ds->store = calloc(1, sizeof *ds->store);
  if (!ds->store)
    return OUT_OF_MEMORY(err);
  bf_arena_init(&ds->store->arena);
  ds->where = bf_arena_strdup(&ds->store->arena, where);
  return ds->where ? BRIEF_OK : OUT_OF_MEMORY(err);
}

/* Keeps the first `limit` clusters and hands the clusters to `ds`. */
static brief_status finish(bf_dataset *ds, brief_status s, size_t limit,
                           brief_error *err) {
  bf_dataset_store *st = ds->store;
  while (s == BRIEF_OK && limit && st->clusters.n > limit) {
    bf_eval_cluster *c = &st->clusters.v[--st->clusters.n];
    free(c->docs);
    free(c->refs);
  }
  if (s == BRIEF_OK && st->clusters.n == 0)
    s = bf_fail(err, BRIEF_ERR_EMPTY, "%s: no cluster to evaluate", ds->where);
  if (s != BRIEF_OK) {
    bf_dataset_free(ds);
    return s;
  }
  ds->clusters = st->clusters.v;
  ds->n = st->clusters.n;
  bf_ok(err);
  return BRIEF_OK;
}

brief_status bf_dataset_load_folder(bf_dataset *ds, const char *dir,
                                    const bf_dataset_options *o,
                                    brief_error *err) {
  static const bf_dataset_options defaults = {0, 0, 0};
  if (!o)
    o = &defaults;
  brief_status s = begin(ds, dir, err);
  if (s == BRIEF_OK)
    s = load_folder(ds, dir, o, err);
  return finish(ds, s, o->limit, err);
}

brief_status bf_dataset_load(bf_dataset *ds, const char *path,
                             const bf_dataset_options *o, brief_error *err) {
  static const bf_dataset_options defaults = {0, 0, 0};
  if (!o)
    o = &defaults;
  char jsonl[4096], clusters[4096];
  if (is_dir(path)) {
    snprintf(jsonl, sizeof jsonl, "%s/examples.jsonl", path);
    snprintf(clusters, sizeof clusters, "%s/clusters", path);
    struct stat st;
    if (stat(jsonl, &st) == 0)
      path = jsonl;
    else if (is_dir(clusters))
      return bf_dataset_load_folder(ds, path, o, err);
    else
      return bf_fail(err, BRIEF_ERR_ARG,
                     "%s: neither a DUC folder (clusters/, refs/) nor a "
                     "folder with examples.jsonl",
                     path);
  } else if (access(path, R_OK) != 0) {
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  }
  brief_status s = begin(ds, path, err);
  if (s == BRIEF_OK)
    s = load_jsonl(ds, path, o->limit ? o->limit : SIZE_MAX, err);
  return finish(ds, s, o->limit, err);
}
