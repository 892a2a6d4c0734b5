/*
 * test_cite.c - the support measure, the prefer and cite stages, and the
 * relative times of a summary: which outlets state a sentence in whatever
 * words (split over two sentences, synonyms, a people for its country, a
 * capital for its country), in part, or with another figure; which wording
 * is shown; how the times read out of context; how citations render.
 */
#include "helpers.h"

#include "facts/facts.h"
#include "pipeline/pipeline.h"

/* A story from (id, date, text) triples; NULL date: unknown. */
static brief_story *dated_story(const char *const *triples) {
  brief_story *s = brief_story_new();
  assert_non_null(s);
  for (size_t i = 0; triples[i]; i += 3) {
    brief_article a;
    memset(&a, 0, sizeof a);
    a.id = triples[i];
    a.date = triples[i + 1];
    a.text = triples[i + 2];
    a.text_len = strlen(a.text);
    brief_error err;
    assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  }
  return s;
}

/* The support of every article for sentence `pos` of article 0. */
typedef struct measured {
  brief_wordnet *wn;
  brief_facts *facts;
  bf_support_index *ix;
  bf_support how[8];
} measured;

static void measure(brief_story *s, uint32_t pos, measured *m) {
  brief_error err;
  assert_int_equal(bf_analyse_story(s, &err), BRIEF_OK);
  assert_int_equal(brief_wordnet_open(NULL, &m->wn, &err), BRIEF_OK);
  assert_non_null(m->wn);
  assert_int_equal(bf_facts_extract_with(s, m->wn, &m->facts, &err), BRIEF_OK);
  assert_int_equal(bf_support_index_new(s, m->facts, m->wn, &m->ix, &err),
                   BRIEF_OK);
  assert_true(s->articles.n <= 8);
  assert_int_equal(
      bf_support_of(m->ix, s->articles.v[0].sent_first + pos, m->how), 0);
}

static void release(measured *m) {
  bf_support_index_free(m->ix);
  brief_facts_free(m->facts);
  brief_wordnet_close(m->wn);
}

/* The position in its article of the k-th sentence stating the measured
 * one in article a. */
static uint32_t span_pos(const brief_story *s, const measured *m, uint32_t a,
                         int k) {
  return s->sents.v[m->how[a].sents[k]].pos;
}

/* Another outlet says it in other words and over two sentences: talks are
 * negotiations, rebels insurgents, Russian officers Russia. */
static void stated_in_other_words_over_two_sentences(void **state) {
  (void)state;
  const char *t[] = {
      "a",
      NULL,
      "The talks between the rebels and Russia collapsed on Wednesday, and "
      "the army resumed its bombing of the southern towns.\n",
      "b",
      NULL,
      "Negotiations between the insurgents and Russian officers collapsed on "
      "Wednesday.\nThe weather in the capital stayed dry and warm all "
      "week.\nLater the army resumed its bombing of the southern towns.\n",
      "c",
      NULL,
      "The army resumed its bombing of the southern towns on Thursday.\n",
      NULL};
  brief_story *s = dated_story(t);
  measured m;
  measure(s, 0, &m);
  assert_int_equal(m.how[0].kind, BF_SUPPORT_FULL);
  assert_int_equal(m.how[1].kind, BF_SUPPORT_FULL);
  assert_int_equal(m.how[1].nsents, 2);
  assert_int_equal(span_pos(s, &m, 1, 0) + span_pos(s, &m, 1, 1), 0 + 2);
  /* c says the bombing resumed, not that talks collapsed: part of it */
  assert_int_equal(m.how[2].kind, BF_SUPPORT_PARTIAL);
  assert_int_equal(span_pos(s, &m, 2, 0), 0);
  release(&m);
  brief_story_free(s);
}

/* Words sharing a frequent sense in WordNet are one unit. */
static void synonyms_hold_each_other(void **state) {
  (void)state;
  const char *t[] = {
      "a", NULL, "The rebels quit the talks in the south.\n",
      "b", NULL, "The insurgents quit the negotiations in the south.\n",
      "c", NULL, "The weather stayed dry in the capital.\n",
      NULL};
  brief_story *s = dated_story(t);
  measured m;
  measure(s, 0, &m);
  assert_int_equal(m.how[1].kind, BF_SUPPORT_FULL);
  assert_true(m.how[1].share > 0.99f);
  assert_int_equal(m.how[2].kind, BF_SUPPORT_NONE);
  release(&m);
  brief_story_free(s);
}

/* The same figure written otherwise supports; another figure for it is a
 * conflict, never a citation. */
static void another_figure_is_a_conflict(void **state) {
  (void)state;
  const char *t[] = {
      "a",
      NULL,
      "The fighting in the south has displaced 320,000 people, the United "
      "Nations said.\n",
      "b",
      NULL,
      "The United Nations said the fighting in the south has displaced more "
      "than 320,000 people.\n",
      "c",
      NULL,
      "The fighting in the south has displaced some 270,000 people, the "
      "United Nations said.\n",
      "d",
      NULL,
      "The weather in the capital stayed dry and warm all week.\n",
      NULL};
  brief_story *s = dated_story(t);
  measured m;
  measure(s, 0, &m);
  assert_int_equal(m.how[1].kind, BF_SUPPORT_FULL);
  assert_int_equal(m.how[2].kind, BF_SUPPORT_CONFLICT);
  assert_int_equal(span_pos(s, &m, 2, 0), 0);
  assert_int_equal(m.how[3].kind, BF_SUPPORT_NONE);
  release(&m);
  brief_story_free(s);
}

/* A capital, or a part of it, stands for its country. */
static void the_kremlin_is_russia(void **state) {
  (void)state;
  const char *t[] = {
      "a", NULL, "The Kremlin rejected the plan for the border.\n",
      "b", NULL, "Russia rejected the plan for the border.\n",
      "c", NULL, "France rejected the plan for the border.\n",
      NULL};
  brief_story *s = dated_story(t);
  measured m;
  measure(s, 0, &m);
  assert_int_equal(m.how[1].kind, BF_SUPPORT_FULL);
  assert_true(m.how[1].share > 0.99f);
  assert_true(m.how[2].share < m.how[1].share);
  release(&m);
  brief_story_free(s);
}

static brief_summary *summarize_all(brief_story *s) {
  brief_options o;
  brief_options_init(&o);
  o.min_sentence_words = 3;
  brief_summary *sum;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  return sum;
}

static char *render(brief_story *s, brief_summary *sum, brief_format f) {
  char *out;
  brief_error err;
  assert_int_equal(brief_render(s, sum, NULL, NULL, NULL, 0, f, &out, &err),
                   BRIEF_OK);
  return out;
}

/* Full citations first, then the outlets stating part of a sentence and
 * those giving another figure, apart; JSON says which with their spans. */
static void citations_render_apart(void **state) {
  (void)state;
  const char *t[] = {
      "a",
      NULL,
      "The fighting in the south has displaced 320,000 people, and the "
      "border with Jordan remains closed to them.\n",
      "b",
      NULL,
      "The fighting in the south has displaced 320,000 people.\nThe border "
      "with Jordan remains closed to them, officials said.\n",
      "c",
      NULL,
      "The fighting in the south has displaced some 270,000 people.\n",
      "d",
      NULL,
      "The border with Jordan remains closed to them.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_summary *sum = summarize_all(s);
  brief_sentence_view v;
  assert_int_equal(brief_summary_sentence(sum, 0, &v), BRIEF_OK);
  assert_int_equal(v.source_count, 2);
  assert_int_equal(v.partial_count, 1);
  assert_int_equal(v.partial_sources[0], 3);
  assert_int_equal(v.conflict_count, 1);
  assert_int_equal(v.conflict_sources[0], 2);
  assert_int_equal(v.support_count, 4);
  assert_int_equal(v.support[1].article, 1);
  assert_int_equal(v.support[1].support, BRIEF_SUPPORT_FULL);
  assert_int_equal(v.support[1].span_count, 2);
  char *text = render(s, sum, BRIEF_FORMAT_TEXT);
  assert_non_null(strstr(text, "to them. [1,2; partly 4; other figure 3]\n"));
  brief_free(text);
  char *json = render(s, sum, BRIEF_FORMAT_JSON);
  assert_non_null(strstr(json, "\"partial_source_numbers\": [\n        4"));
  assert_non_null(strstr(json, "\"conflict_sources\": [\n        \"c\""));
  assert_non_null(strstr(json, "\"support\": \"conflict\""));
  assert_non_null(strstr(json, "\"text\": \"The border with Jordan remains "
                               "closed to them, officials said.\""));
  brief_free(json);
  assert_string_equal(brief_support_name(BRIEF_SUPPORT_PARTIAL), "partial");
  brief_summary_free(sum);
  brief_story_free(s);
}

/* "on Wednesday" in an article of Thursday, July 5 is July 4 and reads so;
 * "yesterday" in an undated article stays open, and that sentence does not
 * open the summary although its article comes first. */
static void relative_times_resolved_and_shown(void **state) {
  (void)state;
  const char *t[] = {
      "u",
      NULL,
      "The army resumed its bombing of the southern towns yesterday, the "
      "monitor said.\n",
      "d",
      "2018-07-05",
      "The talks between the rebels and the government collapsed on "
      "Wednesday after four hours.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_summary *sum = summarize_all(s);
  assert_int_equal(brief_summary_sentence_count(sum), 2);
  brief_sentence_view v;
  brief_summary_sentence(sum, 0, &v);
  assert_int_equal(v.article, 1);
  assert_int_equal(v.time_count, 1);
  assert_string_equal(v.times[0].date, "2018-07-04");
  assert_string_equal(v.times[0].shown, "July 4");
  assert_memory_equal(v.text + v.times[0].start, "Wednesday", 9);
  brief_summary_sentence(sum, 1, &v);
  assert_int_equal(v.article, 0);
  assert_int_equal(v.time_count, 1);
  assert_string_equal(v.times[0].date, "");
  char *text = render(s, sum, BRIEF_FORMAT_TEXT);
  assert_non_null(strstr(text, "collapsed on Wednesday [July 4] after four "
                               "hours."));
  assert_non_null(strstr(text, "towns yesterday, the"));
  brief_free(text);
  char *md = render(s, sum, BRIEF_FORMAT_MARKDOWN);
  assert_non_null(strstr(md, "- The talks between the rebels and the "
                             "government collapsed on Wednesday [July 4]"));
  brief_free(md);
  char *json = render(s, sum, BRIEF_FORMAT_JSON);
  assert_non_null(strstr(json, "\"expression\": \"Wednesday\""));
  assert_non_null(strstr(json, "\"shown\": \"July 4\""));
  brief_free(json);
  brief_summary_free(sum);
  brief_story_free(s);
}

/* Of two sentences saying the same, the one whose time its article's date
 * resolves is shown. */
static void the_wording_that_can_be_placed_in_time_is_shown(void **state) {
  (void)state;
  const char *t[] = {
      "u",
      NULL,
      "A fire destroyed the grain terminal at Port Kessing on Tuesday "
      "night.\n",
      "d",
      "2025-03-14",
      "A fire destroyed the grain terminal at Port Kessing late on "
      "Tuesday.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_options o;
  brief_options_init(&o);
  o.min_sentence_words = 3;
  o.words = 12;
  brief_summary *sum;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  assert_int_equal(brief_summary_sentence_count(sum), 1);
  brief_sentence_view v;
  brief_summary_sentence(sum, 0, &v);
  assert_int_equal(v.article, 1);
  assert_int_equal(v.source_count, 2);
  assert_string_equal(v.times[0].shown, "March 11");
  brief_summary_free(sum);
  brief_story_free(s);
}

/* How a date reads next to its words. */
static void dates_shown(void **state) {
  (void)state;
  char out[BF_DATE_SHOWN_MAX];
  bf_date_shown("2018-07-04", 2018, out);
  assert_string_equal(out, "July 4");
  bf_date_shown("2017-12-31", 2018, out);
  assert_string_equal(out, "December 31, 2017");
  bf_date_shown("2018-06", 2018, out);
  assert_string_equal(out, "June 2018");
  bf_date_shown("2017", 2018, out);
  assert_string_equal(out, "2017");
  bf_date_shown("", 2018, out);
  assert_string_equal(out, "");
  bf_date_shown("2018-13-01", 2018, out);
  assert_string_equal(out, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(stated_in_other_words_over_two_sentences),
      cmocka_unit_test(synonyms_hold_each_other),
      cmocka_unit_test(another_figure_is_a_conflict),
      cmocka_unit_test(the_kremlin_is_russia),
      cmocka_unit_test(citations_render_apart),
      cmocka_unit_test(relative_times_resolved_and_shown),
      cmocka_unit_test(the_wording_that_can_be_placed_in_time_is_shown),
      cmocka_unit_test(dates_shown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
