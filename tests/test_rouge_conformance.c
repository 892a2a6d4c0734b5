/*
 * test_rouge_conformance.c - both ROUGE flavours against the reference
 * implementations' own numbers, row by row:
 *
 *   data/rouge-conformance.tsv     Google rouge_score, tolerance 1e-6
 *   data/rouge155-conformance.tsv  ROUGE-1.5.5 -l 100, equal at 5 decimals
 *   data/rouge155-su4-conformance.tsv
 *                                  ROUGE-1.5.5 -l 250 -2 4 -u (ROUGE-1,
 *                                  ROUGE-2 and ROUGE-SU4), the same
 *
 * The files live in the shared data folder (BRIEF_SHARED_DIR), which is not
 * part of the repository; without it the test reports a skip (exit 77).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "brief.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define DATA_DIR BRIEF_SHARED_DIR "/data"

/* ------------------------------------------------------------------------ */
/* TSV reading.                                                             */

static char *read_file(const char *path, size_t *len_out) {
  char *buf;
  size_t len;
  brief_error err;
  if (brief_read_file(path, (size_t)1 << 30, &buf, &len, &err) != BRIEF_OK)
    return NULL;
  if (len_out)
    *len_out = len;
  return buf;
}

/* Undoes the TSV escapes \n, \t and \\ in place, left to right. */
static void unescape(char *s) {
  char *w = s;
  for (char *p = s; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      *w++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
}

#define MAX_COLS 16

typedef struct row {
  char *col[MAX_COLS];
  int ncol;
} row;

/* Splits the file into rows of unescaped fields; skips the header. */
static row *read_tsv(const char *path, size_t *nrows, char **keep) {
  char *data = read_file(path, NULL);
  assert_non_null(data);
  *keep = data;
  size_t cap = 256, n = 0;
  row *rows = malloc(cap * sizeof *rows);
  assert_non_null(rows);
  char *line = strchr(data, '\n'); /* header */
  assert_non_null(line);
  line++;
  while (*line) {
    char *end = strchr(line, '\n');
    if (end)
      *end = '\0';
    if (n == cap) {
      cap *= 2;
      rows = realloc(rows, cap * sizeof *rows);
      assert_non_null(rows);
    }
    row *r = &rows[n];
    r->ncol = 0;
    char *f = line;
    for (;;) {
      char *tab = strchr(f, '\t');
      if (tab)
        *tab = '\0';
      assert_true(r->ncol < MAX_COLS);
      unescape(f);
      r->col[r->ncol++] = f;
      if (!tab)
        break;
      f = tab + 1;
    }
    if (r->ncol > 1)
      n++;
    if (!end)
      break;
    line = end + 1;
  }
  *nrows = n;
  return rows;
}

/* ------------------------------------------------------------------------ */
/* Comparison with per-column error report.                                 */

typedef struct tally {
  const char *names[12];
  double max_err[12];
  int ncols, decimals;
  int rows, failed;
} tally;

/* Compares got[] to the expected column texts: within `tol`, and printed
 * with the file's number of decimals, the very same digits. Prints the row
 * on failure. */
static void check_row(tally *t, const char *id, const double *got,
                      char *const *want, double tol) {
  int bad = 0;
  for (int c = 0; c < t->ncols; c++) {
    double w = strtod(want[c], NULL), e = fabs(got[c] - w);
    char text[64];
    snprintf(text, sizeof text, "%.*f", t->decimals, got[c]);
    if (e > t->max_err[c])
      t->max_err[c] = e;
    if (e > tol || strcmp(text, want[c]) != 0) {
      if (!bad)
        fprintf(stderr, "FAIL %s\n", id);
      fprintf(stderr, "  %-8s got %.6f want %s\n", t->names[c], got[c],
              want[c]);
      bad = 1;
    }
  }
  t->rows++;
  t->failed += bad;
}

static void report(const tally *t, const char *what) {
  printf("%s: %d/%d rows pass (same digits); max abs error:", what,
         t->rows - t->failed, t->rows);
  for (int c = 0; c < t->ncols; c++)
    printf(" %s %.1e", t->names[c], t->max_err[c]);
  printf("\n");
}

/* ------------------------------------------------------------------------ */

static void test_rouge_score_conformance(void **state) {
  (void)state;
  char *keep;
  size_t n;
  row *rows = read_tsv(DATA_DIR "/rouge-conformance.tsv", &n, &keep);
  assert_true(n >= 196);
  brief_rouge *rouge;
  brief_error err;
  assert_int_equal(brief_rouge_new(NULL, &rouge, &err), BRIEF_OK);
  tally t = {{"r1_p", "r1_r", "r1_f", "r2_p", "r2_r", "r2_f", "rL_p", "rL_r",
              "rL_f", "rLsum_p", "rLsum_r", "rLsum_f"},
             {0},
             12,
             6,
             0,
             0};
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(rows[i].ncol, 15);
    const char *ref = rows[i].col[2];
    brief_rouge_scores s;
    assert_int_equal(
        brief_rouge_score(rouge, rows[i].col[1], &ref, 1, &s, &err), BRIEF_OK);
    double got[12] = {s.r1.p, s.r1.r, s.r1.f, s.r2.p,    s.r2.r,    s.r2.f,
                      s.rl.p, s.rl.r, s.rl.f, s.rlsum.p, s.rlsum.r, s.rlsum.f};
    /* Values are printed with 6 decimals: half a unit plus rounding. */
    check_row(&t, rows[i].col[0], got, rows[i].col + 3, 5e-7 + 1e-12);
  }
  report(&t, "rouge-conformance.tsv (rouge_score)");
  brief_rouge_free(rouge);
  free(rows);
  free(keep);
  assert_int_equal(t.failed, 0);
}

/* The references of a ROUGE-1.5.5 row: `list` is ';'-separated paths
 * relative to the data folder. texts[] are the caller's to free. */
static size_t read_references(char *list, char **texts, const char **refs,
                              size_t max) {
  size_t nrefs = 0;
  for (char *p = list; p && *p && nrefs < max;) {
    char *semi = strchr(p, ';');
    if (semi)
      *semi = '\0';
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", DATA_DIR, p);
    texts[nrefs] = read_file(path, NULL);
    assert_non_null(texts[nrefs]);
    refs[nrefs] = texts[nrefs];
    nrefs++;
    p = semi ? semi + 1 : NULL;
  }
  return nrefs;
}

/* Runs every row of a ROUGE-1.5.5 file (id cluster candidate references,
 * then R/P/F columns): ROUGE-1 and ROUGE-2, and ROUGE-SU4 when `su4`. */
static void check_rouge155_file(const char *file, int words, int su4,
                                size_t min_rows) {
  char *keep;
  size_t n;
  row *rows = read_tsv(file, &n, &keep);
  assert_true(n >= min_rows);
  brief_rouge_options opts;
  brief_rouge_options_init(&opts);
  opts.flavour = BRIEF_ROUGE_155;
  opts.words = words;
  brief_rouge *rouge;
  brief_error err;
  assert_int_equal(brief_rouge_new(&opts, &rouge, &err), BRIEF_OK);
  tally t = {{"r1_r", "r1_p", "r1_f", "r2_r", "r2_p", "r2_f", "su4_r", "su4_p",
              "su4_f"},
             {0},
             su4 ? 9 : 6,
             5,
             0,
             0};
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(rows[i].ncol, 4 + t.ncols);
    char *texts[8];
    const char *refs[8];
    size_t nrefs = read_references(rows[i].col[3], texts, refs, 8);
    brief_rouge_scores s;
    assert_int_equal(
        brief_rouge_score(rouge, rows[i].col[2], refs, nrefs, &s, &err),
        BRIEF_OK);
    double got[9] = {s.r1.r, s.r1.p,  s.r1.f,  s.r2.r, s.r2.p,
                     s.r2.f, s.su4.r, s.su4.p, s.su4.f};
    check_row(&t, rows[i].col[0], got, rows[i].col + 4, 1e-9);
    for (size_t k = 0; k < nrefs; k++)
      free(texts[k]);
  }
  report(&t, file + strlen(DATA_DIR) + 1);
  brief_rouge_free(rouge);
  free(rows);
  free(keep);
  assert_int_equal(t.failed, 0);
}

static void test_rouge155_conformance(void **state) {
  (void)state;
  check_rouge155_file(DATA_DIR "/rouge155-conformance.tsv", 100, 0, 61);
}

static void test_rouge155_su4_conformance(void **state) {
  (void)state;
  check_rouge155_file(DATA_DIR "/rouge155-su4-conformance.tsv", 250, 1, 36);
}

int main(void) {
  struct stat st;
  if (stat(DATA_DIR "/rouge-conformance.tsv", &st) != 0 ||
      stat(DATA_DIR "/rouge155-conformance.tsv", &st) != 0 ||
      stat(DATA_DIR "/rouge155-su4-conformance.tsv", &st) != 0) {
    printf("skipped: ../shared absent (%s has no conformance files)\n",
           DATA_DIR);
    return 77;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rouge_score_conformance),
      cmocka_unit_test(test_rouge155_conformance),
      cmocka_unit_test(test_rouge155_su4_conformance),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
