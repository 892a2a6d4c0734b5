/*
 * extraction_sets.h - the three development sets of web pages with what the
 * extractor should find in them, loaded into memory for bench_extraction
 * and tests/test_extract_bench.c (see ../shared/data/README.md):
 *
 *   html/               400 news pages and their gold main text
 *                       (index.tsv, html/<id>.html, truth/<id>.txt)
 *   html-trafilatura/   949 pages and snippets that must or must not be in
 *                       the text (evaldata.json, pages/<file>)
 *   html-readability/   130 pages, the text and metadata of Readability's
 *                       expected output (<name>/source.html, expected.txt,
 *                       expected-metadata.json)
 *
 * A set that cannot be read in full is an error naming the file: a partial
 * set would give figures that look real and are not.
 */
#ifndef BRIEF_EXTRACTION_SETS_H
#define BRIEF_EXTRACTION_SETS_H

#include "extraction_score.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <unistd.h>

typedef enum xset_kind {
  XSET_HTML,
  XSET_TRAFILATURA,
  XSET_READABILITY
} xset_kind;

/* Readability's expected metadata of a page; NULL where it has none. */
typedef struct xmeta {
  char *title, *byline, *published, *site_name, *lang;
} xmeta;

typedef struct xpage {
  char *id;
  char *html;
  size_t html_len;
  char *gold; /* html/ truth or html-readability expected.txt */
  size_t gold_len;
  int dragnet; /* html/: a Dragnet page, not L3S-GN1 */
  char **with, **without;
  size_t n_with, n_without;
  xmeta meta;
} xpage;

typedef struct xset {
  xset_kind kind;
  const char *name; /* the folder under data/ */
  xpage *v;
  size_t n, cap;
} xset;

static const char *const xset_dirs[] = {"html", "html-trafilatura",
                                        "html-readability"};

static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (!d) {
    perror("extraction_sets");
    exit(1);
  }
  return memcpy(d, s, n);
}

/* snprintf into a path or message buffer; a path too long for it is cut,
 * and then names no file, so reading it fails with that name. */
static void xfmt(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
}

static xpage *xset_push(xset *set, const char *id) {
  if (set->n == set->cap) {
    set->cap = set->cap ? 2 * set->cap : 256;
    set->v = realloc(set->v, set->cap * sizeof *set->v);
    if (!set->v) {
      perror("extraction_sets");
      exit(1);
    }
  }
  xpage *p = &set->v[set->n++];
  memset(p, 0, sizeof *p);
  p->id = xstrdup(id);
  return p;
}

/* Reads path into *out; on failure writes the reason to err. */
static int xread_into(const char *path, char **out, size_t *len, char *err,
                      size_t cap) {
  *out = xread_file(path, len);
  if (!*out)
    xfmt(err, cap, "%s: cannot read", path);
  return *out ? 0 : -1;
}

static int xload_html(const char *dir, xset *set, char *err, size_t cap) {
  char path[4096];
  size_t len;
  xfmt(path, sizeof path, "%s/index.tsv", dir);
  char *index;
  if (xread_into(path, &index, &len, err, cap))
    return -1;
  char *save = NULL;
  char *line = strtok_r(index, "\n", &save); /* header */
  int rc = 0;
  while (rc == 0 && (line = strtok_r(NULL, "\n", &save))) {
    char *tab = strchr(line, '\t');
    if (!tab)
      continue;
    *tab = '\0';
    xpage *p = xset_push(set, line);
    p->dragnet = strncmp(tab + 1, "dragnet", 7) == 0;
    xfmt(path, sizeof path, "%s/html/%s.html", dir, p->id);
    rc = xread_into(path, &p->html, &p->html_len, err, cap);
    xfmt(path, sizeof path, "%s/truth/%s.txt", dir, p->id);
    if (rc == 0)
      rc = xread_into(path, &p->gold, &p->gold_len, err, cap);
  }
  free(index);
  return rc;
}

/* A JSON array of strings as a malloc'd vector. */
static char **xstrings(json_t *arr, size_t *n) {
  *n = json_is_array(arr) ? json_array_size(arr) : 0;
  char **v = calloc(*n + 1, sizeof *v);
  if (!v) {
    perror("extraction_sets");
    exit(1);
  }
  size_t k = 0;
  for (size_t i = 0; i < *n; i++) {
    json_t *s = json_array_get(arr, i);
    if (json_is_string(s))
      v[k++] = xstrdup(json_string_value(s));
  }
  *n = k;
  return v;
}

static int xload_trafilatura(const char *dir, xset *set, char *err,
                             size_t cap) {
  char path[4096];
  xfmt(path, sizeof path, "%s/evaldata.json", dir);
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr);
  if (!json_is_object(root)) {
    xfmt(err, cap, "%s: %s", path, root ? "not an object" : jerr.text);
    json_decref(root);
    return -1;
  }
  const char *url;
  json_t *item;
  int rc = 0;
  json_object_foreach(root, url, item) {
    const char *file = json_string_value(json_object_get(item, "file"));
    if (!file) {
      xfmt(err, cap, "%s: %s has no file", path, url);
      rc = -1;
      break;
    }
    xpage *p = xset_push(set, file);
    p->with = xstrings(json_object_get(item, "with"), &p->n_with);
    p->without = xstrings(json_object_get(item, "without"), &p->n_without);
    char page_path[4096];
    xfmt(page_path, sizeof page_path, "%s/pages/%s", dir, file);
    if ((rc = xread_into(page_path, &p->html, &p->html_len, err, cap)))
      break;
  }
  json_decref(root);
  return rc;
}

static char *xmeta_field(json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? xstrdup(s) : NULL;
}

static int xcmp_cstr(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int xload_readability_page(const char *dir, xpage *p, char *err,
                                  size_t cap) {
  char path[4096];
  xfmt(path, sizeof path, "%s/%s/source.html", dir, p->id);
  if (xread_into(path, &p->html, &p->html_len, err, cap))
    return -1;
  xfmt(path, sizeof path, "%s/%s/expected.txt", dir, p->id);
  if (xread_into(path, &p->gold, &p->gold_len, err, cap))
    return -1;
  xfmt(path, sizeof path, "%s/%s/expected-metadata.json", dir, p->id);
  json_error_t jerr;
  json_t *m = json_load_file(path, 0, &jerr);
  if (!json_is_object(m)) {
    xfmt(err, cap, "%s: %s", path, m ? "not an object" : jerr.text);
    json_decref(m);
    return -1;
  }
  p->meta.title = xmeta_field(m, "title");
  p->meta.byline = xmeta_field(m, "byline");
  p->meta.published = xmeta_field(m, "publishedTime");
  p->meta.site_name = xmeta_field(m, "siteName");
  p->meta.lang = xmeta_field(m, "lang");
  json_decref(m);
  return 0;
}

static int xload_readability(const char *dir, xset *set, char *err,
                             size_t cap) {
  DIR *d = opendir(dir);
  if (!d) {
    xfmt(err, cap, "%s: %s", dir, strerror(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0, ncap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    char path[4096];
    xfmt(path, sizeof path, "%s/%s/source.html", dir, e->d_name);
    if (e->d_name[0] == '.' || access(path, F_OK) != 0)
      continue;
    if (n == ncap) {
      ncap = ncap ? 2 * ncap : 256;
      names = realloc(names, ncap * sizeof *names);
      if (!names) {
        perror("extraction_sets");
        exit(1);
      }
    }
    names[n++] = xstrdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, xcmp_cstr); /* readdir order is arbitrary */
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rc == 0)
      rc = xload_readability_page(dir, xset_push(set, names[i]), err, cap);
    free(names[i]);
  }
  free(names);
  return rc;
}

/* Loads set `kind` from data_dir/<its folder>. Returns 0, or -1 with the
 * reason in err; *missing says the folder itself is absent. */
static int xset_load(xset_kind kind, const char *data_dir, xset *set, char *err,
                     size_t cap, int *missing) {
  memset(set, 0, sizeof *set);
  set->kind = kind;
  set->name = xset_dirs[kind];
  char dir[4096];
  xfmt(dir, sizeof dir, "%s/%s", data_dir, set->name);
  *missing = access(dir, F_OK) != 0;
  if (*missing) {
    xfmt(err, cap, "%s: absent", dir);
    return -1;
  }
  switch (kind) {
  case XSET_HTML:
    return xload_html(dir, set, err, cap);
  case XSET_TRAFILATURA:
    return xload_trafilatura(dir, set, err, cap);
  case XSET_READABILITY:
    return xload_readability(dir, set, err, cap);
  }
  return -1;
}

static void xstrings_free(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static void xset_free(xset *set) {
  for (size_t i = 0; i < set->n; i++) {
    xpage *p = &set->v[i];
    free(p->id);
    free(p->html);
    free(p->gold);
    xstrings_free(p->with, p->n_with);
    xstrings_free(p->without, p->n_without);
    free(p->meta.title);
    free(p->meta.byline);
    free(p->meta.published);
    free(p->meta.site_name);
    free(p->meta.lang);
  }
  free(set->v);
  memset(set, 0, sizeof *set);
}

/* ---- scoring a set ---- */

enum { XGROUP_ALL, XGROUP_L3S, XGROUP_DRAGNET, XGROUPS };

/* A set's running scores. html/ keeps bag-of-words means per group, of the
 * title line plus the text and of the text alone; the other two sets score
 * the text alone, as `brief extract` prints it. */
typedef struct xtally {
  double p[XGROUPS], r[XGROUPS], f[XGROUPS];
  double tp[XGROUPS], tr[XGROUPS], tf[XGROUPS];
  size_t n[XGROUPS];
  xsnip_counts snip;
  xshingle_sums shingle;
} xtally;

/* Scores one extracted page of `set` into `t`; returns the page's own
 * P/R/F1 (for the snippets: of that page's snippets alone). */
static xscore xtally_page(xtally *t, const xset *set, const xpage *p,
                          const brief_page_view *v) {
  xscore s = {0, 0, 0};
  if (set->kind == XSET_TRAFILATURA) {
    xsnip_counts c = {0, 0, 0, 0};
    xsnip_score(v->text, v->text_len, p->with, p->n_with, p->without,
                p->n_without, &c);
    t->snip.tp += c.tp, t->snip.fn += c.fn;
    t->snip.fp += c.fp, t->snip.tn += c.tn;
    return xsnip_prf(&c);
  }
  if (set->kind == XSET_READABILITY) {
    xshingle_page pg =
        xshingle_score(v->text, v->text_len, p->gold, p->gold_len);
    xshingle_add(&t->shingle, &pg);
    s.p = xshingle_p(&pg), s.r = xshingle_r(&pg);
    s.f = s.p + s.r > 0 ? 2 * s.p * s.r / (s.p + s.r) : 0;
    return s;
  }
  size_t tl = strlen(v->title);
  char *both = malloc(tl + 1 + v->text_len + 1);
  if (!both) {
    perror("extraction_sets");
    exit(1);
  }
  memcpy(both, v->title, tl);
  both[tl] = '\n';
  memcpy(both + tl + 1, v->text, v->text_len);
  s = xscore_texts(both, tl + 1 + v->text_len, p->gold, p->gold_len);
  xscore o = xscore_texts(v->text, v->text_len, p->gold, p->gold_len);
  free(both);
  int groups[] = {XGROUP_ALL, p->dragnet ? XGROUP_DRAGNET : XGROUP_L3S};
  for (size_t g = 0; g < 2; g++) {
    int k = groups[g];
    t->p[k] += s.p, t->r[k] += s.r, t->f[k] += s.f;
    t->tp[k] += o.p, t->tr[k] += o.r, t->tf[k] += o.f;
    t->n[k]++;
  }
  return s;
}

/* The set's figure: for html/ the mean over `group` (title line and text,
 * or text only), for the others the metric over the whole set. */
static xscore xtally_result(const xtally *t, const xset *set, int group,
                            int text_only) {
  xscore s = {0, 0, 0};
  if (set->kind == XSET_TRAFILATURA)
    return xsnip_prf(&t->snip);
  if (set->kind == XSET_READABILITY)
    return xshingle_prf(&t->shingle);
  double n = t->n[group] ? (double)t->n[group] : 1;
  s.p = (text_only ? t->tp[group] : t->p[group]) / n;
  s.r = (text_only ? t->tr[group] : t->r[group]) / n;
  s.f = (text_only ? t->tf[group] : t->f[group]) / n;
  return s;
}

#endif
