/*
 * test_ingest.c - bad input is refused with a clear message; good input in
 * every form (folder, file, JSONL, split text) becomes articles.
 */
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

static char tmpdir[64];

static int make_tmpdir(void **state) {
  (void)state;
  return make_test_dir(tmpdir, sizeof tmpdir, "ingest");
}

static int remove_tmpdir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *data, size_t len) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  fclose(f);
  return path;
}

static brief_status add_path(const char *path, brief_error *err,
                             size_t *articles) {
  brief_story *s = brief_story_new();
  brief_status st = brief_story_add_path(s, path, NULL, err);
  if (articles)
    *articles = brief_story_article_count(s);
  brief_story_free(s);
  return st;
}

static void missing_path(void **state) {
  (void)state;
  brief_error err;
  assert_int_equal(add_path("/nonexistent/brief", &err, NULL), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "/nonexistent/brief"));
  assert_non_null(strstr(err.message, "No such file"));
}

static void empty_folder(void **state) {
  (void)state;
  char dir[300];
  snprintf(dir, sizeof dir, "%s/empty", tmpdir);
  assert_int_equal(mkdir(dir, 0700), 0);
  brief_error err;
  assert_int_equal(add_path(dir, &err, NULL), BRIEF_ERR_EMPTY);
  assert_non_null(strstr(err.message, "no .txt or .html files"));
}

static void invalid_utf8_names_offset(void **state) {
  (void)state;
  const char *p = write_file("bad.txt", "Hello wor\xff\xfeld.\n", 15);
  brief_error err;
  assert_int_equal(add_path(p, &err, NULL), BRIEF_ERR_UTF8);
  assert_non_null(strstr(err.message, "bad.txt"));
  assert_non_null(strstr(err.message, "byte 9"));
}

static void binary_data(void **state) {
  (void)state;
  const char data[] = "\x7f"
                      "ELF\x02\x01\x01\x00\x00\x00\x00";
  const char *p = write_file("prog.txt", data, sizeof data - 1);
  brief_error err;
  assert_int_equal(add_path(p, &err, NULL), BRIEF_ERR_BINARY);
  assert_non_null(strstr(err.message, "prog.txt"));
}

static void empty_article_is_skipped_with_warning(void **state) {
  (void)state;
  brief_story *s = brief_story_new();
  brief_article a = {0};
  a.id = "blank";
  a.text = "COMMENTS\nSource link\n";
  a.text_len = strlen(a.text);
  brief_error err;
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  assert_int_equal(brief_story_article_count(s), 0);
  assert_int_equal(brief_story_warning_count(s), 1);
  assert_non_null(strstr(brief_story_warning(s, 0), "blank"));
  brief_summary *sum;
  assert_int_equal(brief_summarize(s, NULL, &sum, &err), BRIEF_ERR_EMPTY);
  brief_story_free(s);
}

static void oversized_article(void **state) {
  (void)state;
  brief_story *s = brief_story_new();
  brief_article a = {0};
  a.id = "huge";
  a.text = "x";
  a.text_len = BRIEF_MAX_ARTICLE_BYTES + 1; /* never read: refused first */
  brief_error err;
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_ERR_TOO_LARGE);
  assert_non_null(strstr(err.message, "huge"));
  brief_story_free(s);
}

static void jsonl_malformed_line_number(void **state) {
  (void)state;
  const char *data = "{\"id\":\"a\",\"text\":\"One sentence here.\"}\n"
                     "\n"
                     "{\"id\":\"b\",\"text\":\"Broken\n";
  const char *p = write_file("in.jsonl", data, strlen(data));
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(brief_story_add_jsonl(s, p, &err), BRIEF_ERR_PARSE);
  assert_non_null(strstr(err.message, "in.jsonl:3"));
  brief_story_free(s);
}

static void jsonl_missing_text(void **state) {
  (void)state;
  const char *data = "{\"id\":\"a\",\"title\":\"No body\"}\n";
  const char *p = write_file("notext.jsonl", data, strlen(data));
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(brief_story_add_jsonl(s, p, &err), BRIEF_ERR_PARSE);
  assert_non_null(strstr(err.message, "notext.jsonl:1"));
  assert_non_null(strstr(err.message, "\"text\""));
  brief_story_free(s);
}

static void jsonl_fields_are_kept(void **state) {
  (void)state;
  const char *data =
      "{\"id\":\"x1\",\"source\":\"Ledger\",\"url\":\"https://e.org/1\","
      "\"title\":\"Fire\",\"date\":\"2025-03-12T08:00:00Z\","
      "\"text\":\"A fire destroyed the terminal on Tuesday night.\"}\n";
  const char *p = write_file("ok.jsonl", data, strlen(data));
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(brief_story_add_jsonl(s, p, &err), BRIEF_OK);
  brief_article_view v;
  assert_int_equal(brief_story_article(s, 0, &v), BRIEF_OK);
  assert_string_equal(v.id, "x1");
  assert_string_equal(v.source, "Ledger");
  assert_string_equal(v.date, "2025-03-12");
  assert_string_equal(v.title, "Fire");
  brief_story_free(s);
}

static void split_text_makes_articles(void **state) {
  (void)state;
  const char *data = "First article text here. ||||| Second article text "
                     "here.|||||   |||||Third one.";
  const char *p = write_file("multi.txt", data, strlen(data));
  brief_story *s = brief_story_new();
  brief_ingest_options o = {"|||||", 0};
  brief_error err;
  assert_int_equal(brief_story_add_path(s, p, &o, &err), BRIEF_OK);
  assert_int_equal(brief_story_article_count(s), 3);
  brief_article_view v;
  brief_story_article(s, 1, &v);
  assert_string_equal(v.id, "multi#2");
  assert_string_equal(v.text, "Second article text here.\n");
  brief_story_free(s);
}

static void duplicate_ids_are_made_unique(void **state) {
  (void)state;
  const char *pairs[] = {"a", "One text here.", "a", "Another text here.",
                         NULL};
  brief_story *s = story_from(pairs);
  brief_article_view v;
  brief_story_article(s, 1, &v);
  assert_string_equal(v.id, "a~2");
  brief_story_free(s);
}

static void exact_copy_is_flagged(void **state) {
  (void)state;
  const char *pairs[] = {"a", "Same words in both.", "b", "Same words in both.",
                         NULL};
  brief_story *s = story_from(pairs);
  assert_int_equal(brief_story_article_count(s), 2);
  assert_int_equal(brief_story_warning_count(s), 1);
  assert_non_null(strstr(brief_story_warning(s, 0), "exact copy"));
  brief_story_free(s);
}

static void bad_budget_is_refused(void **state) {
  (void)state;
  brief_options o;
  brief_options_init(&o);
  brief_error err;
  o.words = 0;
  assert_int_equal(brief_options_check(&o, &err), BRIEF_ERR_ARG);
  o.words = -5;
  assert_int_equal(brief_options_check(&o, &err), BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "-5"));
  o.words = 100;
  assert_int_equal(brief_options_check(&o, &err), BRIEF_OK);
}

/* A capped story refuses the article that would pass its words, naming
 * the limit, and keeps what it had; sentences are refused when cut. */
static void story_limits(void **state) {
  (void)state;
  brief_story *s = brief_story_new();
  brief_story_limits caps = {12, 0};
  brief_story_set_limits(s, &caps);
  brief_article a = {0};
  brief_error err;
  a.id = "a";
  a.text = "One two three four five six seven eight.";
  a.text_len = strlen(a.text);
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  a.id = "b";
  a.text = "Nine ten eleven twelve thirteen.";
  a.text_len = strlen(a.text);
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_ERR_TOO_LARGE);
  assert_non_null(strstr(err.message, "limit of 12 words"));
  assert_int_equal(brief_story_article_count(s), 1);
  /* The refused id was never taken. */
  a.text = "Nine ten.";
  a.text_len = strlen(a.text);
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  brief_article_view v;
  brief_story_article(s, 1, &v);
  assert_string_equal(v.id, "b");
  brief_story_free(s);

  s = brief_story_new();
  caps = (brief_story_limits){0, 3};
  brief_story_set_limits(s, &caps);
  a.text = "The fire started. It spread. Crews came. The port shut.";
  a.text_len = strlen(a.text);
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  brief_options o;
  brief_options_init(&o);
  brief_summary *sum = NULL;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_ERR_TOO_LARGE);
  assert_null(sum);
  assert_non_null(strstr(err.message, "more than 3 sentences"));
  brief_facts *f = NULL;
  assert_int_equal(brief_facts_extract(s, &o, &f, &err), BRIEF_ERR_TOO_LARGE);
  assert_null(f);
  brief_story_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(missing_path),
      cmocka_unit_test(empty_folder),
      cmocka_unit_test(invalid_utf8_names_offset),
      cmocka_unit_test(binary_data),
      cmocka_unit_test(empty_article_is_skipped_with_warning),
      cmocka_unit_test(oversized_article),
      cmocka_unit_test(jsonl_malformed_line_number),
      cmocka_unit_test(jsonl_missing_text),
      cmocka_unit_test(jsonl_fields_are_kept),
      cmocka_unit_test(split_text_makes_articles),
      cmocka_unit_test(duplicate_ids_are_made_unique),
      cmocka_unit_test(exact_copy_is_flagged),
      cmocka_unit_test(bad_budget_is_refused),
      cmocka_unit_test(story_limits),
  };
  return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
