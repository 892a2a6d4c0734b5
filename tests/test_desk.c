/*
 * test_desk.c - the story desk (src/stories): assignment of a mixed stream
 * into stories, skipped and warned inputs, merges reported, lists and
 * briefs, readers while a writer adds, and the SQLite store: continuing a
 * stream, refusing files that are not brief databases (untouched), newer
 * schemas, read-only opens, and a process killed mid-stream.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "stories/desk.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STREAM BRIEF_SOURCE_DIR "/examples/stream.jsonl"

/* ---- helpers ------------------------------------------------------------ */

typedef struct seen {
  char ids[64][32];
  uint64_t story[64];
  size_t n, skipped, warnings, merges;
  char last_message[512];
} seen;

static void listen(void *ctx, const brief_desk_event *ev) {
  seen *s = ctx;
  switch (ev->kind) {
  case BRIEF_DESK_ASSIGNED:
    if (s->n < 64) {
      snprintf(s->ids[s->n], sizeof s->ids[s->n], "%s", ev->article_id);
      s->story[s->n++] = ev->story;
    }
    break;
  case BRIEF_DESK_SKIPPED:
    s->skipped++;
    snprintf(s->last_message, sizeof s->last_message, "%s", ev->message);
    break;
  case BRIEF_DESK_WARNING:
    s->warnings++;
    snprintf(s->last_message, sizeof s->last_message, "%s", ev->message);
    break;
  case BRIEF_DESK_MERGED:
    s->merges++;
    break;
  }
}

static uint64_t story_of(const seen *s, const char *id) {
  for (size_t i = 0; i < s->n; i++)
    if (!strcmp(s->ids[i], id))
      return s->story[i];
  return 0;
}

static brief_desk *open_desk(const char *db, seen *s) {
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = db;
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  if (s)
    brief_desk_set_listener(d, listen, s);
  return d;
}

static brief_article article(const char *id, const char *date,
                             const char *text) {
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = id;
  a.date = date;
  a.text = text;
  a.text_len = strlen(text);
  return a;
}

static void temp_path(char *out, size_t cap, const char *name) {
  snprintf(out, cap, "/tmp/brief-test-desk-%d-%s", (int)getpid(), name);
  char wal[600];
  unlink(out);
  snprintf(wal, sizeof wal, "%s-wal", out);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", out);
  unlink(wal);
}

/* ---- the example stream ------------------------------------------------- */

static void test_example_stream_makes_three_stories(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  assert_int_equal(s.n, 12);
  assert_int_equal(brief_desk_story_count(d), 3);
  /* Every story holds the articles of one event, whatever their order. */
  uint64_t fire = story_of(&s, "courier-1"), rail = story_of(&s, "nwa-rail"),
           lake = story_of(&s, "lakeside-algae");
  assert_true(fire && rail && lake && fire != rail && rail != lake);
  const char *fire_ids[] = {"ledger-1", "wire-1", "radio-1", "post-1"};
  for (size_t i = 0; i < 4; i++)
    assert_true(story_of(&s, fire_ids[i]) == fire);
  assert_true(story_of(&s, "star-rail") == rail);
  assert_true(story_of(&s, "daily-rail") == rail);
  assert_true(story_of(&s, "envweekly-algae") == lake);
  assert_true(story_of(&s, "lindby-water") == lake);
  brief_desk_close(d);
}

static void test_list_is_most_recent_first_and_pages(void **state) {
  (void)state;
  brief_desk *d = open_desk(NULL, NULL);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  brief_story_list *l;
  brief_story_query q;
  memset(&q, 0, sizeof q);
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_count(l), 3);
  brief_story_info a, b;
  assert_int_equal(brief_story_list_get(l, 0, &a), BRIEF_OK);
  assert_int_equal(brief_story_list_get(l, 1, &b), BRIEF_OK);
  assert_true(a.last_arrival > b.last_arrival);
  assert_int_equal(a.articles, 3); /* the lake's last article came last */
  assert_string_equal(a.first_date, "2025-03-14");
  assert_string_equal(a.last_date, "2025-03-17");
  assert_true(a.name_count > 0);
  brief_story_list_free(l);
  q.offset = 1;
  q.limit = 1;
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_count(l), 1);
  assert_int_equal(brief_story_list_total(l), 3);
  assert_int_equal(brief_story_list_get(l, 0, &a), BRIEF_OK);
  assert_true(a.id == b.id);
  brief_story_list_free(l);
  memset(&q, 0, sizeof q);
  q.match = "velrail";
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_count(l), 1);
  brief_story_list_free(l);
  q.match = NULL;
  q.since = "2025-03-15";
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_count(l), 1); /* only the lake */
  brief_story_list_free(l);
  q.since = "15 March";
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_ERR_ARG);
  brief_desk_close(d);
}

/* A page's last story gives the next page, and a story that moves to the
 * front while paging is not listed twice. */
static void test_cursor_pages_steadily(void **state) {
  (void)state;
  brief_desk *d = open_desk(NULL, NULL);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  brief_story_query q;
  memset(&q, 0, sizeof q);
  q.limit = 1;
  uint64_t ids[3];
  brief_story_list *l;
  brief_story_info x;
  for (size_t page = 0; page < 3; page++) {
    assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
    assert_int_equal(brief_story_list_count(l), 1);
    assert_int_equal(brief_story_list_get(l, 0, &x), BRIEF_OK);
    ids[page] = x.id;
    q.before = x.last_arrival;
    brief_story_list_free(l);
    if (page == 0) {
      /* The oldest story moves to the front meanwhile. */
      brief_article more = article(
          "lake-more", "2025-03-18",
          "The algae bloom on Lake Orsa reached the Lindby shore, and the "
          "council closed two more beaches while tests of the water go on.");
      assert_int_equal(brief_desk_add(d, &more, 1, &err), BRIEF_OK);
    }
  }
  assert_true(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
  assert_int_equal(brief_desk_stories(d, &q, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_count(l), 0);
  brief_story_list_free(l);
  brief_desk_close(d);
}

/* Each article of a batch is told what became of it, in input order. */
static void test_results_say_what_became_of_each_article(void **state) {
  (void)state;
  brief_desk *d = open_desk(NULL, NULL);
  brief_error err;
  brief_article a[5] = {
      article("lib-1", "2025-01-02",
              "The city opened a new library on Monday with 40,000 books and "
              "a reading room for 200 people, the mayor said."),
      article("lib-1", "2025-01-02", "A second article reusing the id."),
      article("empty", "", "Advertisement\n"),
      article("quake-1", "2025-01-03",
              "An earthquake of magnitude 6.1 struck the northern coast of "
              "Merland on Tuesday, damaging houses in three fishing towns."),
      article("lib-2", "2025-01-02",
              "A new city library opened on Monday with 40,000 books and a "
              "reading room for 200 people, the mayor said at the opening.")};
  brief_desk_result r[5];
  assert_int_equal(brief_desk_add_results(d, a, 5, r, &err), BRIEF_OK);
  assert_int_equal(r[0].skipped, BRIEF_DESK_KEPT);
  assert_true(r[0].story > 0 && r[0].new_story);
  assert_int_equal(r[1].skipped, BRIEF_DESK_SKIP_KNOWN);
  assert_int_equal(r[1].story, 0);
  assert_string_equal(brief_desk_skip_reason(r[1].skipped),
                      "the desk already has this id");
  assert_int_equal(r[2].skipped, BRIEF_DESK_SKIP_EMPTY);
  assert_string_equal(brief_desk_skip_reason(r[2].skipped),
                      "no article text left after cleaning");
  assert_int_equal(r[3].skipped, BRIEF_DESK_KEPT);
  assert_true(r[3].new_story && r[3].story != r[0].story);
  assert_int_equal(r[4].story, r[0].story);
  assert_false(r[4].new_story);
  assert_string_equal(brief_desk_skip_reason(BRIEF_DESK_KEPT), "");
  /* Known ids are skipped in a later batch too, never stored twice. */
  assert_int_equal(brief_desk_add_results(d, &a[3], 1, r, &err), BRIEF_OK);
  assert_int_equal(r[0].skipped, BRIEF_DESK_SKIP_KNOWN);
  assert_int_equal(brief_desk_article_count(d), 3);
  brief_desk_close(d);
}

/* Long articles: over the desk's cap they are skipped; within it, a brief
 * reads no more words than its budget, the newest article first. */
static void test_words_are_bounded(void **state) {
  (void)state;
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.max_article_words = 40;
  o.brief_words = 50;
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  static const char *const texts[] = {
      "A storm flooded the old harbour district of Tarvik on Sunday night, "
      "forcing about 600 families from their homes, the mayor said.",
      "About 600 families left their homes in Tarvik's old harbour district "
      "after a storm flooded it on Sunday night, officials said.",
      "The storm that flooded Tarvik's old harbour district on Sunday night "
      "forced about 600 families out, and the town opened two shelters.",
      "A storm flooded the old harbour district of Tarvik on Sunday night. "
      "About 600 families had to leave their homes. The mayor said the "
      "town would open two shelters and asked volunteers to help the "
      "families with food, blankets and transport on Monday morning."};
  brief_article a[4];
  char ids[4][8];
  for (int i = 0; i < 4; i++) {
    snprintf(ids[i], sizeof ids[i], "t%d", i);
    a[i] = article(ids[i], "2025-05-04", texts[i]);
  }
  brief_desk_result r[4];
  assert_int_equal(brief_desk_add_results(d, a, 4, r, &err), BRIEF_OK);
  assert_int_equal(r[3].skipped, BRIEF_DESK_SKIP_LONG);
  assert_non_null(strstr(brief_desk_skip_reason(r[3].skipped), "limit"));
  assert_int_equal(r[1].story, r[0].story);
  assert_int_equal(r[2].story, r[0].story);
  brief_desk_brief *b;
  assert_int_equal(brief_desk_brief_get(d, r[0].story, NULL, 0, &b, &err),
                   BRIEF_OK);
  /* Two articles of about 22 words fit 50; the newest two. */
  const brief_story *st = brief_desk_brief_story(b);
  assert_int_equal(brief_story_article_count(st), 2);
  brief_article_view v;
  assert_int_equal(brief_story_article(st, 1, &v), BRIEF_OK);
  assert_string_equal(v.id, "t2");
  brief_desk_brief_free(b);
  brief_desk_close(d);
}

/* The articles per day of each story, read back the same from a database
 * whether it is continued or opened read-only. */
static void check_activity(brief_desk *d, uint64_t id, const char *last,
                           const uint32_t *tail, size_t ntail) {
  brief_story_list *l;
  brief_error err;
  brief_story_info x;
  assert_int_equal(brief_desk_story(d, id, &l, &err), BRIEF_OK);
  assert_int_equal(brief_story_list_get(l, 0, &x), BRIEF_OK);
  assert_string_equal(x.activity_last, last);
  uint32_t sum = 0;
  for (size_t k = 0; k < BRIEF_STORY_ACTIVITY_DAYS; k++)
    sum += x.activity[k];
  assert_int_equal(sum, x.articles);
  for (size_t k = 0; k < ntail; k++)
    assert_int_equal(x.activity[BRIEF_STORY_ACTIVITY_DAYS - ntail + k],
                     tail[k]);
  brief_story_list_free(l);
}

static void test_activity_counts_articles_per_day(void **state) {
  (void)state;
  char db[512];
  temp_path(db, sizeof db, "activity.db");
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(db, &s);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  uint64_t fire = story_of(&s, "courier-1"), rail = story_of(&s, "nwa-rail"),
           lake = story_of(&s, "lakeside-algae");
  /* The fire: three on the 12th, two on the 13th. The rail strike: the
   * undated article counts on the stream's newest date when it came. */
  const uint32_t fire_days[] = {3, 2}, lake_days[] = {1, 1, 0, 1};
  for (int round = 0; round < 3; round++) {
    check_activity(d, fire, "2025-03-13", fire_days, 2);
    check_activity(d, lake, "2025-03-17", lake_days, 4);
    brief_story_list *l;
    brief_story_info x;
    assert_int_equal(brief_desk_story(d, rail, &l, &err), BRIEF_OK);
    assert_int_equal(brief_story_list_get(l, 0, &x), BRIEF_OK);
    assert_string_equal(x.activity_last, "2025-03-14");
    brief_story_list_free(l);
    brief_desk_close(d);
    brief_desk_options o;
    brief_desk_options_init(&o);
    o.db_path = db;
    o.read_only = round == 0;
    assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  }
  /* JSON shows the days from the first one with an article. */
  brief_story_list *l;
  char *json;
  assert_int_equal(brief_desk_story(d, fire, &l, &err), BRIEF_OK);
  assert_int_equal(brief_render_story_list(l, BRIEF_FORMAT_JSON, &json, &err),
                   BRIEF_OK);
  assert_non_null(strstr(json, "\"from\": \"2025-03-12\""));
  brief_free(json);
  brief_story_list_free(l);
  brief_desk_close(d);
  temp_path(db, sizeof db, "activity.db");
}

/* A story's articles, newest first, a page at a time, without texts. */
static void test_article_list_pages_newest_first(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  uint64_t fire = story_of(&s, "courier-1");
  brief_article_list *l;
  brief_desk_article_info x;
  assert_int_equal(brief_desk_article_list(d, fire, 0, 2, &l, &err), BRIEF_OK);
  assert_int_equal(brief_article_list_count(l), 2);
  assert_int_equal(brief_article_list_total(l), 5);
  assert_int_equal(brief_article_list_story(l), fire);
  assert_int_equal(brief_article_list_get(l, 0, &x), BRIEF_OK);
  uint64_t newest = x.arrival;
  assert_int_equal(brief_article_list_get(l, 1, &x), BRIEF_OK);
  assert_true(x.arrival < newest);
  uint64_t before = x.arrival;
  brief_article_list_free(l);
  /* The rest, after the cursor; the syndicated copy names its original. */
  assert_int_equal(brief_desk_article_list(d, fire, before, 0, &l, &err),
                   BRIEF_OK);
  assert_int_equal(brief_article_list_count(l), 3);
  int copies = 0;
  for (size_t i = 0; i < 3; i++) {
    assert_int_equal(brief_article_list_get(l, i, &x), BRIEF_OK);
    assert_true(x.arrival < before);
    assert_true(x.seen > 0);
    if (!strcmp(x.id, "wire-1")) {
      assert_string_equal(x.copy_of, "courier-1");
      assert_string_equal(x.source, "Kessing Wire (syndicated)");
      copies++;
    }
  }
  assert_int_equal(copies, 1);
  char *text;
  assert_int_equal(brief_render_article_list(l, BRIEF_FORMAT_JSON, &text, &err),
                   BRIEF_OK);
  assert_non_null(strstr(text, "\"copy_of\": \"courier-1\""));
  assert_non_null(strstr(text, "\"total\": 5"));
  brief_free(text);
  assert_int_equal(brief_render_article_list(l, BRIEF_FORMAT_TEXT, &text, &err),
                   BRIEF_OK);
  assert_non_null(strstr(text, "courier-1 - Fire destroys grain terminal"));
  brief_free(text);
  brief_article_list_free(l);
  assert_int_equal(brief_desk_article_list(d, 99, 0, 0, &l, &err),
                   BRIEF_ERR_ARG);
  assert_null(l);
  brief_desk_close(d);
}

static void test_brief_is_cached_until_the_story_changes(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  uint64_t rail = story_of(&s, "nwa-rail");
  brief_desk_brief *b1, *b2, *b3;
  assert_int_equal(brief_desk_brief_get(d, rail, NULL, 0, &b1, &err), BRIEF_OK);
  assert_false(brief_desk_brief_stale(b1));
  assert_true(brief_summary_sentence_count(brief_desk_brief_summary(b1)) > 0);
  /* The syndicated copy's sentences cite both outlets. */
  brief_sentence_view v;
  assert_int_equal(brief_summary_sentence(brief_desk_brief_summary(b1), 0, &v),
                   BRIEF_OK);
  assert_true(v.source_count >= 2);
  assert_int_equal(brief_desk_brief_get(d, rail, NULL, 0, &b2, &err), BRIEF_OK);
  assert_ptr_equal(brief_desk_brief_summary(b1), brief_desk_brief_summary(b2));
  brief_article more = article(
      "rail-5", "2025-03-18",
      "Velrail and the Velland Rail Workers' Union reached a pay deal on "
      "Tuesday after mediation, ending the dispute that led to the national "
      "rail strike. Union leader Agnes Holm said members would vote on the "
      "offer of 7 percent over two years.");
  assert_int_equal(brief_desk_add(d, &more, 1, &err), BRIEF_OK);
  assert_true(story_of(&s, "rail-5") == rail);
  /* A stale brief is served at once when the caller accepts it... */
  assert_int_equal(
      brief_desk_brief_get(d, rail, NULL, BRIEF_DESK_STALE_OK, &b3, &err),
      BRIEF_OK);
  assert_true(brief_desk_brief_stale(b3));
  brief_desk_brief_free(b3);
  /* ...and rebuilt otherwise, or by a refresh. */
  size_t rebuilt;
  assert_int_equal(brief_desk_refresh(d, 0, &rebuilt, &err), BRIEF_OK);
  assert_int_equal(rebuilt, 1);
  assert_int_equal(
      brief_desk_brief_get(d, rail, NULL, BRIEF_DESK_STALE_OK, &b3, &err),
      BRIEF_OK);
  assert_false(brief_desk_brief_stale(b3));
  brief_story_info info;
  brief_desk_brief_info(b3, &info);
  assert_int_equal(info.articles, 5);
  /* Briefs outlive the desk. */
  brief_desk_close(d);
  assert_true(brief_summary_sentence_count(brief_desk_brief_summary(b1)) > 0);
  brief_desk_brief_free(b1);
  brief_desk_brief_free(b2);
  brief_desk_brief_free(b3);
}

/* A story with more outlets than a brief reads: the outlets left out that
 * report a summary sentence are cited too. */
static void test_outlets_beyond_the_briefed_set_are_cited(void **state) {
  (void)state;
  enum { N = BRIEF_DESK_BRIEF_ARTICLES + 12 };
  brief_desk *d = open_desk(NULL, NULL);
  brief_error err;
  static const char *const asides[] = {
      "Residents gathered at the quay to watch.",
      "The coast guard sent two boats to help.",
      "Schools in the area stayed open.",
      "A local baker handed out bread to the crews.",
      "Traffic on the coast road was diverted for hours.",
      "Insurers said it was too early to estimate losses."};
  for (int i = 0; i < N; i++) {
    char id[16], source[32], text[600];
    snprintf(id, sizeof id, "o%d", i);
    snprintf(source, sizeof source, "Outlet %d", i);
    snprintf(text, sizeof text,
             "A storm flooded the old harbour district of Tarvik on Sunday "
             "night, forcing about 600 families from their homes.\n%s Reporter "
             "%d spoke to families at the shelter in the town hall, where "
             "volunteers served %d hot meals.",
             asides[i % 6], i, 100 + i);
    brief_article a = article(id, "2025-05-04", text);
    a.source = source;
    assert_int_equal(brief_desk_add(d, &a, 1, &err), BRIEF_OK);
  }
  assert_int_equal(brief_desk_story_count(d), 1);
  brief_desk_brief *b;
  assert_int_equal(brief_desk_brief_get(d, 1, NULL, 0, &b, &err), BRIEF_OK);
  const brief_summary *sum = brief_desk_brief_summary(b);
  size_t most = 0;
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    assert_int_equal(brief_summary_sentence(sum, i, &v), BRIEF_OK);
    if (v.source_count > most)
      most = v.source_count;
  }
  assert_int_equal(most, N);
  assert_int_equal(brief_story_article_count(brief_desk_brief_story(b)), N);
  brief_desk_brief_free(b);
  brief_desk_close(d);
}

/* ---- skipped and refused input ----------------------------------------- */

static void test_known_ids_and_empty_articles_are_skipped(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  brief_article a[3] = {
      article("x", "2025-01-02",
              "The city opened a new library on Monday with 40,000 books."),
      article("x", "2025-01-02", "A second article reusing the id."),
      article("empty", "", "Advertisement\n")};
  assert_int_equal(brief_desk_add(d, a, 3, &err), BRIEF_OK);
  assert_int_equal(s.n, 1);
  assert_int_equal(s.skipped, 2);
  assert_int_equal(brief_desk_article_count(d), 1);
  assert_int_equal(brief_desk_add(d, a, 1, &err), BRIEF_OK);
  assert_int_equal(s.skipped, 3);
  assert_non_null(strstr(s.last_message, "already has this id"));
  brief_desk_close(d);
}

static void test_bad_input_fails_the_batch(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  brief_article a[2] = {
      article("good", "2025-01-02", "A fine article about a new bridge."),
      article("bad", "2025-01-02", "caf\xe9 au lait")};
  assert_int_equal(brief_desk_add(d, a, 2, &err), BRIEF_ERR_UTF8);
  assert_non_null(strstr(err.message, "bad"));
  assert_int_equal(brief_desk_article_count(d), 0);
  brief_article noid = article(NULL, "", "An article without an id.");
  assert_int_equal(brief_desk_add(d, &noid, 1, &err), BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "no \"id\""));
  brief_desk_close(d);
}

static void test_unusable_dates_are_warned(void **state) {
  (void)state;
  seen s;
  memset(&s, 0, sizeof s);
  brief_desk *d = open_desk(NULL, &s);
  brief_error err;
  brief_article a[2] = {
      article("a", "not a date", "The harbour reopened on Monday morning."),
      article("b", "2090-01-01", "The harbour reopened to ships on Monday.")};
  assert_int_equal(brief_desk_add(d, a, 2, &err), BRIEF_OK);
  assert_int_equal(s.warnings, 2);
  assert_non_null(strstr(s.last_message, "future"));
  brief_desk_close(d);
}

/* ---- several threads ---------------------------------------------------- */

typedef struct reader_ctx {
  brief_desk *desk;
  int stop;
  int lists;
  int failures;
} reader_ctx;

static void *read_loop(void *arg) {
  reader_ctx *r = arg;
  while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
    brief_story_list *l;
    brief_error err;
    if (brief_desk_stories(r->desk, NULL, &l, &err) != BRIEF_OK) {
      r->failures++;
      continue;
    }
    brief_story_info x;
    if (brief_story_list_count(l) &&
        brief_story_list_get(l, 0, &x) == BRIEF_OK) {
      brief_desk_brief *b;
      if (brief_desk_brief_get(r->desk, x.id, NULL, BRIEF_DESK_STALE_OK, &b,
                               &err) == BRIEF_OK)
        brief_desk_brief_free(b);
      else
        r->failures++;
    }
    brief_story_list_free(l);
    r->lists++;
  }
  return NULL;
}

static void test_readers_while_a_writer_adds(void **state) {
  (void)state;
  brief_desk *d = open_desk(NULL, NULL);
  reader_ctx r = {d, 0, 0, 0};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    assert_int_equal(pthread_create(&t[i], NULL, read_loop, &r), 0);
  brief_error err;
  char id[32], text[256];
  for (int i = 0; i < 60; i++) {
    snprintf(id, sizeof id, "a%d", i);
    snprintf(text, sizeof text,
             "Story %d of the day: the council of town %d voted on a budget "
             "of %d million for new roads and schools in the district.",
             i % 5, i % 5, 10 + i);
    brief_article a = article(id, "2025-02-01", text);
    assert_int_equal(brief_desk_add(d, &a, 1, &err), BRIEF_OK);
  }
  __atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  assert_int_equal(r.failures, 0);
  assert_true(r.lists > 0);
  assert_int_equal(brief_desk_article_count(d), 60);
  brief_desk_close(d);
}

/* ---- the SQLite store --------------------------------------------------- */

static void test_database_continues_the_stream(void **state) {
  (void)state;
  char db[512];
  temp_path(db, sizeof db, "continue.db");
  seen one, two;
  memset(&one, 0, sizeof one);
  memset(&two, 0, sizeof two);
  brief_desk *d = open_desk(db, &one);
  brief_error err;
  /* The first half of the stream, then the rest in a second process. */
  FILE *f = fopen(STREAM, "r");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0;
  char first[600], rest[600];
  snprintf(first, sizeof first, "%s.first", db);
  snprintf(rest, sizeof rest, "%s.rest", db);
  FILE *a = fopen(first, "w"), *b = fopen(rest, "w");
  for (int i = 0; getline(&line, &cap, f) >= 0; i++)
    fputs(line, i < 6 ? a : b);
  free(line);
  fclose(f), fclose(a), fclose(b);
  assert_int_equal(brief_desk_add_jsonl(d, first, &err), BRIEF_OK);
  brief_desk_close(d);
  d = open_desk(db, &two);
  assert_int_equal(brief_desk_article_count(d), 6);
  assert_int_equal(brief_desk_add_jsonl(d, rest, &err), BRIEF_OK);
  assert_int_equal(brief_desk_story_count(d), 3);
  /* The same grouping as one run in memory. */
  seen mem;
  memset(&mem, 0, sizeof mem);
  brief_desk *m = open_desk(NULL, &mem);
  assert_int_equal(brief_desk_add_jsonl(m, STREAM, &err), BRIEF_OK);
  for (size_t i = 0; i < two.n; i++)
    assert_true(story_of(&mem, two.ids[i]) == two.story[i]);
  brief_desk_close(m);
  brief_desk_close(d);
  unlink(first);
  unlink(rest);
  temp_path(db, sizeof db, "continue.db");
}

static int file_equals(const char *path, const char *want, size_t len) {
  FILE *f = fopen(path, "rb");
  char buf[256];
  size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
  if (f)
    fclose(f);
  return n == len && memcmp(buf, want, len) == 0;
}

static void test_other_files_are_refused_untouched(void **state) {
  (void)state;
  char path[512];
  temp_path(path, sizeof path, "notes.txt");
  const char notes[] = "These are my notes, not a database.\n";
  FILE *f = fopen(path, "w");
  fputs(notes, f);
  fclose(f);
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = path;
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_ERR_PARSE);
  assert_non_null(strstr(err.message, "not a brief database"));
  assert_true(file_equals(path, notes, sizeof notes - 1));
  /* Another application's SQLite file. */
  temp_path(path, sizeof path, "other.db");
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", NULL, NULL,
               NULL);
  sqlite3_close(db);
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_ERR_PARSE);
  assert_non_null(strstr(err.message, "another application"));
  temp_path(path, sizeof path, "notes.txt");
  temp_path(path, sizeof path, "other.db");
}

static void test_newer_schema_and_read_only(void **state) {
  (void)state;
  char path[512];
  temp_path(path, sizeof path, "newer.db");
  brief_desk *d = open_desk(path, NULL);
  brief_error err;
  assert_int_equal(brief_desk_add_jsonl(d, STREAM, &err), BRIEF_OK);
  brief_desk_close(d);
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = path;
  o.read_only = 1;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  assert_int_equal(brief_desk_story_count(d), 3);
  brief_article a = article("z", "", "A new article for a read-only desk.");
  assert_int_equal(brief_desk_add(d, &a, 1, &err), BRIEF_ERR_ARG);
  brief_desk_close(d);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close(db);
  o.read_only = 0;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_ERR_UNSUPPORTED);
  assert_non_null(strstr(err.message, "newer brief"));
  temp_path(path, sizeof path, "newer.db");
}

static void test_locked_database_is_a_clear_error(void **state) {
  (void)state;
  char path[512];
  temp_path(path, sizeof path, "locked.db");
  brief_desk *d = open_desk(path, NULL);
  brief_desk_close(d);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
                   SQLITE_OK);
  d = open_desk(path, NULL);
  brief_error err;
  brief_article a = article("l", "", "The bridge reopened to traffic today.");
  assert_int_equal(brief_desk_add(d, &a, 1, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "locked"));
  brief_desk_close(d);
  sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close(db);
  temp_path(path, sizeof path, "locked.db");
}

/* A desk reopened goes on from the snapshot its last close stored, plus the
 * articles a process added after it and never closed: the grouping is the
 * one a single run in memory makes. */
static void test_snapshot_then_replay_continues(void **state) {
  (void)state;
  char path[512];
  temp_path(path, sizeof path, "snapshot.db");
  FILE *f = fopen(STREAM, "r");
  assert_non_null(f);
  char *lines[16];
  size_t n = 0, cap = 0;
  char *line = NULL;
  while (n < 16 && getline(&line, &cap, f) >= 0)
    lines[n++] = strdup(line);
  free(line);
  fclose(f);
  char part[3][600];
  for (int k = 0; k < 3; k++) {
    snprintf(part[k], sizeof part[k], "%s.part%d", path, k);
    FILE *o = fopen(part[k], "w");
    for (size_t i = 0; i < n; i++)
      if (i * 3 / n == (size_t)k)
        fputs(lines[i], o);
    fclose(o);
  }
  for (size_t i = 0; i < n; i++)
    free(lines[i]);
  brief_error err;
  brief_desk *d = open_desk(path, NULL);
  assert_int_equal(brief_desk_add_jsonl(d, part[0], &err), BRIEF_OK);
  brief_desk_close(d); /* stores a snapshot */
  pid_t pid = fork();
  if (pid == 0) {
    brief_desk *c = open_desk(path, NULL);
    _exit(brief_desk_add_jsonl(c, part[1], &err) == BRIEF_OK ? 0 : 1);
  }
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  seen got, want;
  memset(&got, 0, sizeof got);
  memset(&want, 0, sizeof want);
  d = open_desk(path, &got);
  assert_int_equal(brief_desk_add_jsonl(d, part[2], &err), BRIEF_OK);
  brief_desk *m = open_desk(NULL, &want);
  assert_int_equal(brief_desk_add_jsonl(m, STREAM, &err), BRIEF_OK);
  assert_true(got.n > 0);
  for (size_t i = 0; i < got.n; i++)
    assert_true(story_of(&want, got.ids[i]) == got.story[i]);
  assert_int_equal(brief_desk_story_count(d), brief_desk_story_count(m));
  brief_desk_close(m);
  brief_desk_close(d);
  for (int k = 0; k < 3; k++)
    unlink(part[k]);
  temp_path(path, sizeof path, "snapshot.db");
}

/* A child adds articles one batch at a time until it is killed; the
 * database it leaves opens, holds whole batches only, and goes on. */
static void test_killed_mid_stream_leaves_whole_batches(void **state) {
  (void)state;
  char path[512];
  temp_path(path, sizeof path, "killed.db");
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    brief_desk_options o;
    brief_desk_options_init(&o);
    o.db_path = path;
    brief_desk *d;
    brief_error err;
    if (brief_desk_open(&o, &d, &err) != BRIEF_OK)
      _exit(3);
    for (int i = 0;; i++) {
      brief_article a[4];
      char ids[4][32], texts[4][300];
      for (int k = 0; k < 4; k++) {
        snprintf(ids[k], sizeof ids[k], "b%d-%d", i, k);
        snprintf(texts[k], sizeof texts[k],
                 "Batch %d article %d: the district council %d approved a "
                 "plan for %d new homes near the river on Monday.",
                 i, k, i % 7, 100 + i);
        a[k] = article(ids[k], "2025-04-01", texts[k]);
      }
      if (brief_desk_add(d, a, 4, &err) != BRIEF_OK)
        _exit(4);
    }
  }
  struct timespec pause = {0, 700 * 1000 * 1000};
  nanosleep(&pause, NULL);
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  assert_true(WIFSIGNALED(status));
  /* Story versions go on from the stored ones, snapshot or replay. */
  sqlite3 *db;
  assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                   SQLITE_OK);
  sqlite3_stmt *q;
  assert_int_equal(sqlite3_prepare_v2(db,
                                      "SELECT id, version FROM stories WHERE "
                                      "merged_into IS NULL AND articles > 0",
                                      -1, &q, NULL),
                   SQLITE_OK);
  brief_desk *d = open_desk(path, NULL);
  size_t n = brief_desk_article_count(d), checked = 0;
  while (sqlite3_step(q) == SQLITE_ROW) {
    brief_story_list *l;
    brief_story_info info;
    brief_error e;
    assert_int_equal(
        brief_desk_story(d, (uint64_t)sqlite3_column_int64(q, 0), &l, &e),
        BRIEF_OK);
    assert_int_equal(brief_story_list_get(l, 0, &info), BRIEF_OK);
    assert_int_equal(info.version, (uint64_t)sqlite3_column_int64(q, 1));
    brief_story_list_free(l);
    checked++;
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  assert_true(checked > 0);
  assert_true(n > 0);
  assert_int_equal(n % 4, 0);
  brief_error err;
  brief_article a = article("after", "2025-04-02",
                            "The council approved the river homes plan.");
  assert_int_equal(brief_desk_add(d, &a, 1, &err), BRIEF_OK);
  assert_int_equal(brief_desk_article_count(d), n + 1);
  brief_desk_close(d);
  temp_path(path, sizeof path, "killed.db");
}

/* A desk that follows another files the merges of a look before its
 * articles, so a story may take another's articles before its own first
 * one: it still knows its first and last arrival. */
static void test_merge_into_a_story_not_filed_yet(void **state) {
  (void)state;
  brief_desk_options o;
  brief_desk_options_init(&o);
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  bf_stored_article x;
  memset(&x, 0, sizeof x);
  x.id = "old", x.source = "Gazette", x.url = "", x.title = "Old", x.date = "";
  x.day = BF_NO_DAY;
  x.seen = 1000;
  x.seq = 1;
  assert_int_equal(bf_desk_file_stored(d, &x, 1), 0);
  assert_int_equal(bf_desk_story_at(d, 2), 0);
  assert_int_equal(bf_desk_merge_records(d, 1, 2), 0);
  x.id = "new", x.seq = 2, x.seen = 2000;
  assert_int_equal(bf_desk_file_stored(d, &x, 2), 0);
  bf_story_fields f;
  bf_desk_story_fields(d, 2, &f);
  assert_int_equal(f.info.articles, 2);
  assert_int_equal(f.info.first_seen, 1000);
  assert_int_equal(f.info.last_seen, 2000);
  assert_int_equal(f.info.last_arrival, 2);
  brief_desk_close(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_example_stream_makes_three_stories),
      cmocka_unit_test(test_list_is_most_recent_first_and_pages),
      cmocka_unit_test(test_cursor_pages_steadily),
      cmocka_unit_test(test_results_say_what_became_of_each_article),
      cmocka_unit_test(test_words_are_bounded),
      cmocka_unit_test(test_activity_counts_articles_per_day),
      cmocka_unit_test(test_article_list_pages_newest_first),
      cmocka_unit_test(test_brief_is_cached_until_the_story_changes),
      cmocka_unit_test(test_outlets_beyond_the_briefed_set_are_cited),
      cmocka_unit_test(test_known_ids_and_empty_articles_are_skipped),
      cmocka_unit_test(test_bad_input_fails_the_batch),
      cmocka_unit_test(test_unusable_dates_are_warned),
      cmocka_unit_test(test_readers_while_a_writer_adds),
      cmocka_unit_test(test_database_continues_the_stream),
      cmocka_unit_test(test_other_files_are_refused_untouched),
      cmocka_unit_test(test_newer_schema_and_read_only),
      cmocka_unit_test(test_locked_database_is_a_clear_error),
      cmocka_unit_test(test_snapshot_then_replay_continues),
      cmocka_unit_test(test_killed_mid_stream_leaves_whole_batches),
      cmocka_unit_test(test_merge_into_a_story_not_filed_yet),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
