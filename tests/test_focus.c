/*
 * test_focus.c - briefs that answer a question: the focus stage's reading
 * of a question, the summary's checks and warnings, and the facts that
 * bear on the question.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>

static const char *const fire_story[] = {
    "a",
    "A fire destroyed the grain terminal at Port Kessing on Tuesday night.\n"
    "About 1,200 dock workers were evacuated from the harbour.\n"
    "\"The dust in the silos made it dangerous,\" fire chief Daniel Okafor "
    "said.\n"
    "The terminal handles 40 percent of the region's grain exports.\n",
    "b",
    "A fire destroyed the grain terminal at Port Kessing on Tuesday night.\n"
    "Four firefighters were treated for smoke inhalation.\n"
    "The grain board put the damage to the terminal at 35 million euros.\n"
    "Union leader Samuel Ade said the union had warned about the dust.\n",
    "c",
    "Exporters said grain shipments from Port Kessing would be delayed.\n"
    "Five firefighters were treated for smoke inhalation on Wednesday.\n"
    "The grain board put the damage to the terminal at 50 million euros.\n",
    NULL};

static brief_story *analysed_story(void) {
  brief_story *s = story_from(fire_story);
  brief_error err;
  assert_int_equal(bf_analyse_story(s, &err), BRIEF_OK);
  return s;
}

/* The id the story gives the stem of `word`, or 0. */
static uint32_t stem_of(const brief_story *s, const char *word) {
  return bf_lexicon_find(&s->lex, word, strlen(word));
}

static void reads_the_question_words(void **state) {
  (void)state;
  brief_story *s = analysed_story();
  bf_focus f;
  brief_error err;
  /* "discuss" and "include" ask, "how", "were", "the" and "and" are
   * stopwords, "hurt" and "zebras" are not in the story: the query stems
   * are those of "firefighters" and "damage". */
  assert_int_equal(bf_focus_build(s,
                                  "Discuss how firefighters were hurt. "
                                  "Include the damage, and zebras.",
                                  s->articles.n, &f, &err),
                   BRIEF_OK);
  assert_int_equal(f.nquery, 2);
  assert_true(f.in_query[stem_of(s, "firefight")]);
  assert_true(f.in_query[stem_of(s, "damag")]);
  assert_false(f.in_query[stem_of(s, "includ")]);
  bf_focus_release(&f);
  brief_story_free(s);
}

static void counts_hits_and_company(void **state) {
  (void)state;
  brief_story *s = analysed_story();
  bf_focus f;
  brief_error err;
  assert_int_equal(
      bf_focus_build(s, "smoke inhalation", s->articles.n, &f, &err), BRIEF_OK);
  assert_int_equal(f.nquery, 2);
  uint32_t smoke = stem_of(s, "smoke"), grain = stem_of(s, "grain");
  assert_true(smoke && grain);
  assert_true(f.in_query[smoke] && !f.in_query[grain]);
  /* Two of the eleven sentences hold both words. */
  size_t with = 0;
  for (size_t i = 0; i < s->sents.n; i++) {
    with += f.hits[i] > 0;
    if (f.hits[i])
      assert_int_equal(f.hits[i], 2);
  }
  assert_int_equal(with, 2);
  assert_true(f.base > 0.17 && f.base < 0.19);
  /* "treated" keeps the question's company more than "grain" does. */
  uint32_t treat = stem_of(s, "treat");
  assert_true(treat && f.company[treat] > 0.5);
  assert_true(f.company[grain] < f.company[treat]);
  bf_focus_release(&f);
  /* No question, or only words the story lacks: no focus. */
  assert_int_equal(bf_focus_build(s, NULL, s->articles.n, &f, &err), BRIEF_OK);
  assert_int_equal(f.nquery, 0);
  bf_focus_release(&f);
  assert_int_equal(
      bf_focus_build(s, "zebras giraffes?", s->articles.n, &f, &err), BRIEF_OK);
  assert_int_equal(f.nquery, 0);
  bf_focus_release(&f);
  brief_story_free(s);
}

static void long_question_is_cut(void **state) {
  (void)state;
  brief_story *s = analysed_story();
  size_t n = BRIEF_MAX_QUERY_BYTES + 100;
  char *q = malloc(n + 1);
  assert_non_null(q);
  /* Words of five bytes: the cut falls after the last whole one. */
  for (size_t i = 0; i < n; i++)
    q[i] = i % 5 == 4 ? ' ' : 'x';
  memcpy(q + n - 5, "smoke", 5);
  q[n] = '\0';
  bf_focus f;
  brief_error err;
  assert_int_equal(bf_focus_build(s, q, s->articles.n, &f, &err), BRIEF_OK);
  assert_int_equal(f.query_bytes, n);
  assert_true(f.read_bytes <= BRIEF_MAX_QUERY_BYTES);
  assert_true(f.read_bytes > BRIEF_MAX_QUERY_BYTES - 5);
  assert_int_equal(f.nquery, 0); /* "smoke" was past the limit */
  bf_focus_release(&f);
  free(q);
  brief_story_free(s);
}

static int has_warning(const brief_story *s, const char *needle) {
  for (size_t i = 0; i < brief_story_warning_count(s); i++)
    if (strstr(brief_story_warning(s, i), needle))
      return 1;
  return 0;
}

static brief_status summarize_with(brief_story *s, const char *query, int words,
                                   brief_summary **sum, brief_error *err) {
  brief_options o;
  brief_options_init(&o);
  o.words = words;
  o.min_sentence_words = 4;
  o.query = query;
  return brief_summarize(s, &o, sum, err);
}

static void bad_questions(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = NULL;
  brief_error err;
  assert_int_equal(summarize_with(s, "", 40, &sum, &err), BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "query: empty"));
  assert_int_equal(summarize_with(s, " \t\n", 40, &sum, &err), BRIEF_ERR_ARG);
  assert_int_equal(summarize_with(s, "caf\xe9?", 40, &sum, &err),
                   BRIEF_ERR_UTF8);
  assert_non_null(strstr(err.message, "query"));
  assert_null(sum);
  /* A question the story cannot answer: the generic brief, and a warning
   * once however often it is asked. */
  brief_summary *generic = NULL;
  assert_int_equal(summarize_with(s, NULL, 40, &generic, &err), BRIEF_OK);
  assert_int_equal(summarize_with(s, "zebras?", 40, &sum, &err), BRIEF_OK);
  assert_true(has_warning(s, "none of its words is in the articles"));
  assert_int_equal(brief_summary_sentence_count(sum),
                   brief_summary_sentence_count(generic));
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_sentence_view a, b;
    brief_summary_sentence(sum, i, &a);
    brief_summary_sentence(generic, i, &b);
    assert_string_equal(a.text, b.text);
  }
  brief_summary_free(sum);
  size_t warnings = brief_story_warning_count(s);
  assert_int_equal(summarize_with(s, "zebras?", 40, &sum, &err), BRIEF_OK);
  assert_int_equal(brief_story_warning_count(s), warnings);
  brief_summary_free(sum);
  brief_summary_free(generic);
  /* Over the limit: read in part, with a warning naming the limit. */
  char q[BRIEF_MAX_QUERY_BYTES + 40];
  memset(q, 'a', sizeof q - 1);
  q[sizeof q - 1] = '\0';
  memcpy(q, "damage ", 7);
  assert_int_equal(summarize_with(s, q, 40, &sum, &err), BRIEF_OK);
  char limit[32];
  snprintf(limit, sizeof limit, "over the limit of %d", BRIEF_MAX_QUERY_BYTES);
  assert_true(has_warning(s, limit));
  brief_summary_free(sum);
  brief_story_free(s);
}

/* Every sentence of a brief that answers a question is still cited. */
static void answers_are_cited(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = NULL;
  brief_error err;
  assert_int_equal(summarize_with(s, "What damage did the grain board report?",
                                  30, &sum, &err),
                   BRIEF_OK);
  assert_true(brief_summary_sentence_count(sum) > 0);
  assert_true(brief_summary_word_count(sum) <= 30);
  int damage = 0;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_sentence_view v;
    brief_summary_sentence(sum, i, &v);
    assert_true(v.source_count > 0);
    damage |= strstr(v.text, "damage") != NULL;
  }
  assert_true(damage);
  brief_summary_free(sum);
  brief_story_free(s);
}

/* Facts with a question: only those of sentences holding its words, with
 * the indices between them renumbered. */
static void facts_bear_on_the_question(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_options o;
  brief_options_init(&o);
  brief_facts *all = NULL, *some = NULL;
  brief_error err;
  assert_int_equal(brief_facts_extract(s, &o, &all, &err), BRIEF_OK);
  o.query = "How much damage did the grain board report?";
  assert_int_equal(brief_facts_extract(s, &o, &some, &err), BRIEF_OK);
  assert_true(brief_facts_figure_group_count(some) > 0);
  assert_true(brief_facts_figure_group_count(some) <
              brief_facts_figure_group_count(all));
  for (size_t g = 0; g < brief_facts_figure_group_count(some); g++) {
    brief_figure_group_view gv;
    brief_figure_view v;
    assert_int_equal(brief_facts_figure_group(some, g, &gv), BRIEF_OK);
    assert_int_equal(brief_facts_figure(some, g, 0, &v), BRIEF_OK);
  }
  assert_true(brief_facts_entity_count(some) <= brief_facts_entity_count(all));
  for (size_t i = 0; i < brief_facts_quote_count(some); i++) {
    brief_quote_view q;
    assert_int_equal(brief_facts_quote(some, i, &q), BRIEF_OK);
    assert_true(q.speaker_entity == SIZE_MAX ||
                q.speaker_entity < brief_facts_entity_count(some));
  }
  /* The quote on dust holds no word of the question. */
  for (size_t i = 0; i < brief_facts_quote_count(some); i++) {
    brief_quote_view q;
    brief_facts_quote(some, i, &q);
    for (size_t k = 0; k + 4 <= q.text_len; k++)
      assert_false(memcmp(q.text + k, "dust", 4) == 0);
  }
  brief_facts_free(some);
  /* A blank question is refused here too. */
  o.query = "  ";
  assert_int_equal(brief_facts_extract(s, &o, &some, &err), BRIEF_ERR_ARG);
  brief_facts_free(all);
  brief_story_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_the_question_words),
      cmocka_unit_test(counts_hits_and_company),
      cmocka_unit_test(long_question_is_cut),
      cmocka_unit_test(bad_questions),
      cmocka_unit_test(answers_are_cited),
      cmocka_unit_test(facts_bear_on_the_question),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
