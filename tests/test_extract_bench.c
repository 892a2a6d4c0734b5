/*
 * test_extract_bench.c - guards the extractor's accuracy on the three sets
 * of web pages in shared/data, each with its own metric (see
 * bench/extraction_score.h): fails when a set's F1 or precision falls more
 * than 0.01 below the figure bench_extraction reports. Skipped (exit 77)
 * when shared/data is absent; a set missing from it is a failure.
 */
#include "helpers.h"

#include "../bench/extraction_sets.h"

#include <stdlib.h>

#define DATA BRIEF_SHARED_DIR "/data"
#define TOLERANCE 0.01

/* The figures bench_extraction reports; update both together when the
 * extractor improves. */
typedef struct reported {
  const char *name;
  int group; /* html/ only: which pages */
  double p, f1;
} reported;

static const reported html_figures[] = {
    {"L3S-GN1", XGROUP_L3S, 0.9710, 0.9730},
    {"Dragnet", XGROUP_DRAGNET, 0.9624, 0.9440},
    {"all", XGROUP_ALL, 0.9688, 0.9657},
};
static const reported trafilatura_figure = {"snippets", XGROUP_ALL, 0.9388,
                                            0.9195};
static const reported readability_figure = {"shingles", XGROUP_ALL, 0.9688,
                                            0.9345};

static void check(const xset *set, const xtally *t, const reported *want) {
  xscore s = xtally_result(t, set, want->group, 0);
  printf("%s %-8s P %.4f (reported %.4f)  F1 %.4f (reported %.4f)\n", set->name,
         want->name, s.p, want->p, s.f, want->f1);
  if (s.f < want->f1 - TOLERANCE)
    fail_msg("%s %s F1 %.4f is more than %.2f below the reported %.4f",
             set->name, want->name, s.f, TOLERANCE, want->f1);
  if (s.p < want->p - TOLERANCE)
    fail_msg("%s %s precision %.4f is more than %.2f below the reported %.4f",
             set->name, want->name, s.p, TOLERANCE, want->p);
}

static void score(xset_kind kind, size_t expect_pages, xset *set, xtally *t) {
  char err[4200];
  int missing;
  if (xset_load(kind, DATA, set, err, sizeof err, &missing))
    fail_msg("%s", err);
  assert_int_equal(set->n, expect_pages);
  memset(t, 0, sizeof *t);
  for (size_t i = 0; i < set->n; i++) {
    const xpage *p = &set->v[i];
    brief_page *page;
    brief_error e;
    if (brief_extract_html(p->html, p->html_len, p->id, &page, &e) != BRIEF_OK)
      fail_msg("%s", e.message);
    brief_page_view v;
    brief_page_view_get(page, &v);
    xtally_page(t, set, p, &v);
    brief_page_free(page);
  }
}

static void test_html(void **state) {
  (void)state;
  xset set;
  xtally t;
  score(XSET_HTML, 400, &set, &t);
  for (size_t i = 0; i < sizeof html_figures / sizeof *html_figures; i++)
    check(&set, &t, &html_figures[i]);
  xset_free(&set);
}

static void test_trafilatura(void **state) {
  (void)state;
  xset set;
  xtally t;
  score(XSET_TRAFILATURA, 949, &set, &t);
  check(&set, &t, &trafilatura_figure);
  xset_free(&set);
}

static void test_readability(void **state) {
  (void)state;
  xset set;
  xtally t;
  score(XSET_READABILITY, 130, &set, &t);
  check(&set, &t, &readability_figure);
  xset_free(&set);
}

int main(void) {
  if (access(DATA, F_OK) != 0) {
    printf("skipped: %s absent\n", DATA);
    return 77;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_html),
      cmocka_unit_test(test_trafilatura),
      cmocka_unit_test(test_readability),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
