/*
 * test_eval.c - the eval library's tools interface (src/eval/eval.h): the
 * bootstrap interval against the C library's drand48, and the data set
 * loaders on small folders and JSON Lines written here.
 */
#define _XOPEN_SOURCE 700 /* drand48, nftw */

#include "helpers.h"

#include "eval/eval.h"

#include <ftw.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- bootstrap ---------------------------------------------------------- */

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* ROUGE-1.5.5's interval as its Perl computes it: srand(i) then rand()
 * for resample i, and the 25th and 975th of the 1000 sorted means. */
static void rouge_interval(const double *v, size_t n, double *lo, double *hi) {
  static double means[1000];
  for (int i = 0; i < 1000; i++) {
    srand48(i);
    double sum = 0;
    for (size_t k = 0; k < n; k++)
      sum += v[(size_t)(drand48() * (double)n)];
    means[i] = sum / (double)n;
  }
  qsort(means, 1000, sizeof *means, cmp_double);
  *lo = means[25];
  *hi = means[974];
}

static void bootstrap_is_rouges_interval(void **state) {
  (void)state;
  static const double v[] = {0.31, 0.42, 0.38, 0.27, 0.45, 0.39, 0.35,
                             0.29, 0.50, 0.33, 0.41, 0.36, 0.30};
  size_t n = sizeof v / sizeof *v;
  double lo, hi, want_lo, want_hi, mean = 0;
  assert_int_equal(bf_bootstrap(v, n, BF_BOOTSTRAP_RESAMPLES,
                                BF_BOOTSTRAP_CONFIDENCE, &lo, &hi),
                   0);
  rouge_interval(v, n, &want_lo, &want_hi);
  assert_true(lo == want_lo);
  assert_true(hi == want_hi);
  for (size_t i = 0; i < n; i++)
    mean += v[i] / (double)n;
  assert_true(lo < mean && mean < hi);
}

static void bootstrap_edges(void **state) {
  (void)state;
  static const double same[] = {0.25, 0.25, 0.25, 0.25};
  double lo = -1, hi = -1;
  assert_int_equal(bf_bootstrap(same, 4, 1000, 95, &lo, &hi), 0);
  assert_true(lo == 0.25 && hi == 0.25);
  assert_int_equal(bf_bootstrap(same, 0, 1000, 95, &lo, &hi), -1);
  assert_int_equal(bf_bootstrap(same, 4, 1, 95, &lo, &hi), -1);
  assert_int_equal(bf_bootstrap(same, 4, 1000, 100, &lo, &hi), -1);
  /* A wider confidence gives a wider interval. */
  static const double v[] = {0.1, 0.9, 0.4, 0.6, 0.2, 0.8};
  double lo90, hi90, lo99, hi99;
  assert_int_equal(bf_bootstrap(v, 6, 1000, 90, &lo90, &hi90), 0);
  assert_int_equal(bf_bootstrap(v, 6, 1000, 99, &lo99, &hi99), 0);
  assert_true(lo99 <= lo90 && hi90 <= hi99);
}

/* ---- data sets ---------------------------------------------------------- */

static char root[64];

static void write_file(const char *rel, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0700);
      *p = '/';
    }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw) {
  (void)sb, (void)flag, (void)ftw;
  return remove(path);
}

static int make_root(void **state) {
  (void)state;
  return make_test_dir(root, sizeof root, "eval");
}

static int remove_root(void **state) {
  (void)state;
  return nftw(root, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static const char *in_root(const char *rel) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  return path;
}

static void duc_folder(void **state) {
  (void)state;
  write_file("duc/clusters/b/AP880911-0016.txt", "A fire.\n");
  write_file("duc/clusters/b/X1.txt", "Another fire.\n");
  write_file("duc/clusters/b/notes.md", "not an article\n");
  write_file("duc/clusters/a/LA092389-0092.txt", "A flood.\n");
  write_file("duc/refs/a.A.100.txt", "a, 100 words\n");
  write_file("duc/refs/a.B.200.txt", "a, 200 words\n");
  write_file("duc/refs/b.C.100.txt", "b by C\n");
  write_file("duc/refs/b.A.100.txt", "b by A\n");
  write_file("duc/refs/b.A.50.txt", "b, 50 words\n");
  bf_dataset ds;
  brief_error err;
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), NULL, &err), BRIEF_OK);
  assert_true(ds.duc);
  assert_int_equal(ds.ref_len, 100);
  assert_int_equal(ds.n, 2);
  const bf_eval_cluster *a = &ds.clusters[0], *b = &ds.clusters[1];
  assert_string_equal(a->name, "a");
  assert_int_equal(a->ndocs, 1);
  assert_string_equal(a->docs[0].id, "LA092389-0092");
  assert_string_equal(a->docs[0].date, "1989-09-23"); /* LA numbers: MMDDYY */
  assert_int_equal(a->nrefs, 1);
  assert_non_null(strstr(a->refs[0], "/refs/a.A.100.txt"));
  assert_int_equal(b->ndocs, 2);
  assert_string_equal(b->docs[0].id, "AP880911-0016");
  assert_string_equal(b->docs[0].date, "1988-09-11");
  assert_null(b->docs[1].date);
  assert_non_null(strstr(b->docs[1].path, "/clusters/b/X1.txt"));
  assert_int_equal(b->nrefs, 2);
  assert_non_null(strstr(b->refs[0], "b.A.100.txt"));
  assert_non_null(strstr(b->refs[1], "b.C.100.txt"));
  bf_dataset_free(&ds);

  /* 60 words: the nearest length present is 50, which cluster a lacks. */
  bf_dataset_options o = {60, 0, 0};
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), &o, &err),
                   BRIEF_ERR_EMPTY);
  assert_non_null(strstr(err.message, "no reference a.<writer>.50.txt"));
  o.refs_optional = 1;
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), &o, &err), BRIEF_OK);
  assert_int_equal(ds.ref_len, 50);
  assert_int_equal(ds.clusters[0].nrefs, 0);
  assert_int_equal(ds.clusters[1].nrefs, 1);
  bf_dataset_free(&ds);

  /* docs.tsv, when present, gives the dates. */
  write_file("duc/docs.tsv", "cluster\tdocid\tdate\tseq\n"
                             "b\tX1\t19990102\t1\n");
  o = (bf_dataset_options){0, 1, 0};
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), &o, &err), BRIEF_OK);
  assert_int_equal(ds.n, 1); /* the limit */
  assert_null(ds.clusters[0].docs[0].date);
  bf_dataset_free(&ds);
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), NULL, &err), BRIEF_OK);
  assert_string_equal(ds.clusters[1].docs[1].date, "1999-01-02");
  assert_null(ds.clusters[0].query); /* no topics.tsv */
  bf_dataset_free(&ds);

  /* DUC 2006 writes ISO dates, and topics.tsv gives the questions: title
   * and question on two lines. */
  write_file("duc/docs.tsv", "cluster\tdocid\tdate\ttime\n"
                             "b\tX1\t1999-01-02\t08:30\n");
  write_file("duc/topics.tsv", "cluster\ttitle\tquestion\n"
                               "b\tfires\tWhat burned?\n"
                               "z\tno such cluster\tWhy?\n");
  assert_int_equal(bf_dataset_load(&ds, in_root("duc"), NULL, &err), BRIEF_OK);
  assert_string_equal(ds.clusters[1].docs[1].date, "1999-01-02");
  assert_null(ds.clusters[0].query);
  assert_string_equal(ds.clusters[1].query, "fires\nWhat burned?");
  bf_dataset_free(&ds);
  remove(in_root("duc/topics.tsv"));
}

/* One summary per cluster, refs/<cluster>.txt, as Multi-News folders. */
static void plain_references(void **state) {
  (void)state;
  write_file("plain/clusters/7/01.txt", "A storm.\n");
  write_file("plain/clusters/12/01.txt", "A quake.\n");
  write_file("plain/refs/7.txt", "The storm.\n");
  bf_dataset ds;
  brief_error err;
  assert_int_equal(bf_dataset_load_folder(&ds, in_root("plain"), NULL, &err),
                   BRIEF_ERR_EMPTY);
  assert_non_null(strstr(err.message, "no reference 12.txt for cluster 12"));
  bf_dataset_options o = {0, 0, 1};
  assert_int_equal(bf_dataset_load_folder(&ds, in_root("plain"), &o, &err),
                   BRIEF_OK);
  assert_int_equal(ds.ref_len, 0);
  assert_string_equal(ds.clusters[0].name, "12");
  assert_int_equal(ds.clusters[0].nrefs, 0);
  assert_int_equal(ds.clusters[1].nrefs, 1);
  assert_non_null(strstr(ds.clusters[1].refs[0], "/refs/7.txt"));
  bf_dataset_free(&ds);
}

static void multi_news_lines(void **state) {
  (void)state;
  write_file("mn.jsonl", "{\"id\": \"x\", \"documents\": [\"one\", \"two\"], "
                         "\"summary\": \"sum\"}\n"
                         "\n"
                         "{\"documents\": [\"three\"], \"summary\": \"s2\"}\n");
  bf_dataset ds;
  brief_error err;
  assert_int_equal(bf_dataset_load(&ds, in_root("mn.jsonl"), NULL, &err),
                   BRIEF_OK);
  assert_false(ds.duc);
  assert_int_equal(ds.n, 2);
  assert_string_equal(ds.clusters[0].name, "x");
  assert_int_equal(ds.clusters[0].ndocs, 2);
  assert_string_equal(ds.clusters[0].docs[1].id, "02");
  assert_string_equal(ds.clusters[0].docs[1].text, "two");
  assert_null(ds.clusters[0].docs[1].path);
  assert_string_equal(ds.clusters[0].refs[0], "sum");
  assert_string_equal(ds.clusters[1].name, "3"); /* its line number */
  bf_dataset_free(&ds);

  write_file("dir/examples.jsonl",
             "{\"documents\": [1], \"summary\": \"s\"}\n");
  assert_int_equal(bf_dataset_load(&ds, in_root("dir"), NULL, &err),
                   BRIEF_ERR_PARSE);
  assert_non_null(strstr(err.message, "examples.jsonl:1: document 1 is not"));
  write_file("empty/readme.txt", "nothing\n");
  assert_int_equal(bf_dataset_load(&ds, in_root("empty"), NULL, &err),
                   BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "neither a DUC folder"));
  assert_int_equal(bf_dataset_load(&ds, in_root("missing.jsonl"), NULL, &err),
                   BRIEF_ERR_IO);
  write_file("blank.jsonl", "\n\n");
  assert_int_equal(bf_dataset_load(&ds, in_root("blank.jsonl"), NULL, &err),
                   BRIEF_ERR_EMPTY);
  assert_non_null(strstr(err.message, "no cluster to evaluate"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bootstrap_is_rouges_interval),
      cmocka_unit_test(bootstrap_edges),
      cmocka_unit_test(duc_folder),
      cmocka_unit_test(plain_references),
      cmocka_unit_test(multi_news_lines),
  };
  return cmocka_run_group_tests(tests, make_root, remove_root);
}
