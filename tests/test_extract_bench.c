/*
 * test_extract_bench.c - guards the extractor's accuracy on the 400 pages of
 * shared/data/html: fails when the bag-of-words F1 (title line + text
 * against the gold, averaged over pages; see bench/extraction_score.h)
 * falls more than 0.01 below the figure reported for bench_extraction.
 * Skipped (exit 77) when the shared data is absent.
 */
#include "helpers.h"

#include "../bench/extraction_score.h"

#include <stdlib.h>

/* The figure bench_extraction reports on the whole set; update both
 * together when the extractor improves. */
#define REPORTED_F1 0.9638
#define REPORTED_F1_L3S 0.9717
#define REPORTED_F1_DRAGNET 0.9402
#define TOLERANCE 0.01

#define DATA BRIEF_SHARED_DIR "/data/html"

typedef struct sums {
  double f;
  size_t n;
} sums;

static double page_f1(const char *id) {
  char path[1024];
  size_t html_len, gold_len;
  snprintf(path, sizeof path, DATA "/html/%s.html", id);
  char *html = xread_file(path, &html_len);
  snprintf(path, sizeof path, DATA "/truth/%s.txt", id);
  char *gold = xread_file(path, &gold_len);
  assert_non_null(html);
  assert_non_null(gold);
  brief_page *page;
  brief_error err;
  if (brief_extract_html(html, html_len, id, &page, &err) != BRIEF_OK)
    fail_msg("%s", err.message);
  brief_page_view v;
  brief_page_view_get(page, &v);
  size_t tl = strlen(v.title);
  char *both = malloc(tl + 1 + v.text_len + 1);
  assert_non_null(both);
  memcpy(both, v.title, tl);
  both[tl] = '\n';
  memcpy(both + tl + 1, v.text, v.text_len);
  xscore s = xscore_texts(both, tl + 1 + v.text_len, gold, gold_len);
  free(both);
  brief_page_free(page);
  free(html);
  free(gold);
  return s.f;
}

static void check(const char *name, const sums *s, double reported) {
  double f = s->n ? s->f / (double)s->n : 0;
  printf("%-8s %zu pages  F1 %.4f (reported %.4f)\n", name, s->n, f, reported);
  if (f < reported - TOLERANCE)
    fail_msg("%s F1 %.4f is more than %.2f below the reported %.4f", name, f,
             TOLERANCE, reported);
}

static void test_f1_floor(void **state) {
  (void)state;
  size_t len;
  char *index = xread_file(DATA "/index.tsv", &len);
  assert_non_null(index);
  sums all = {0, 0}, l3s = {0, 0}, dn = {0, 0};
  char *save = NULL;
  char *line = strtok_r(index, "\n", &save); /* header */
  while ((line = strtok_r(NULL, "\n", &save))) {
    char *tab = strchr(line, '\t');
    if (!tab)
      continue;
    *tab = '\0';
    double f = page_f1(line);
    sums *group = strncmp(tab + 1, "dragnet", 7) == 0 ? &dn : &l3s;
    group->f += f, group->n++;
    all.f += f, all.n++;
  }
  free(index);
  assert_int_equal(all.n, 400);
  check("L3S-GN1", &l3s, REPORTED_F1_L3S);
  check("Dragnet", &dn, REPORTED_F1_DRAGNET);
  check("all", &all, REPORTED_F1);
}

int main(void) {
  FILE *f = fopen(DATA "/index.tsv", "r");
  if (!f) {
    printf("skipped: %s absent\n", DATA);
    return 77;
  }
  fclose(f);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_f1_floor),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
