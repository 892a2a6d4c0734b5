/*
 * test_weigh.c - the weigh stage: concept features and probabilities, and
 * sentence quality, on small stories written here.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "pipeline/pipeline.h"

#include <math.h>
#include <stdlib.h>

static const char *const fire_story[] = {
    "a",
    "A warehouse fire destroyed the grain depot on Tuesday. Crews fought the "
    "blaze for hours. A local bakery reopened after a renovation last year.",
    "b",
    "The grain depot was destroyed by a warehouse fire on Tuesday, officials "
    "said. Nobody was hurt.",
    "c",
    "A warehouse fire on Tuesday destroyed the town's grain depot. The mayor "
    "praised the crews.",
    NULL};

/* Mean probability of the bigram concepts of sentence i reported by
 * exactly df articles of the whole story; -1 when there are none. */
static double mean_bigram_p(const brief_story *st, const double *p, size_t i,
                            uint32_t df) {
  const bf_sentence *s = &st->sents.v[i];
  double sum = 0;
  int n = 0;
  for (uint32_t k = 0; k < s->concept_count; k++) {
    uint32_t c = st->concepts.v[s->concept_first + k] - 1;
    if ((st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) &&
        st->concept_df.v[c] == df) {
      sum += p[c];
      n++;
    }
  }
  return n ? sum / n : -1;
}

static brief_story *analysed(const char *const *pairs) {
  brief_story *st = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_analyse_story(st, &err), BRIEF_OK);
  return st;
}

/* The concept feature matrix over the first n_articles, and which concepts
 * occur there; both the caller's to free. */
static float *features(brief_story *st, size_t n_articles, uint8_t **present) {
  size_t nc = st->n_concepts;
  float *x = malloc((nc + 1) * BF_FEATURES * sizeof *x);
  *present = malloc(nc + 1);
  assert_non_null(x);
  assert_non_null(*present);
  assert_int_equal(bf_concept_features(st, n_articles, NULL, x, *present), 0);
  return x;
}

static double *probabilities(brief_story *st, size_t n_articles) {
  double *p = calloc(st->n_concepts + 1, sizeof *p);
  assert_non_null(p);
  assert_int_equal(
      bf_concept_probabilities(st, n_articles, NULL, bf_default_model(), p), 0);
  return p;
}

static void probabilities_are_probabilities(void **state) {
  (void)state;
  brief_story *st = analysed(fire_story);
  double *p = probabilities(st, st->articles.n);
  for (size_t c = 0; c < st->n_concepts; c++) {
    assert_true(p[c] > 0 && p[c] < 1);
    assert_false(isnan(p[c]));
  }
  free(p);
  brief_story_free(st);
}

/* What every source leads with outweighs an aside one source ends on. */
static void shared_lead_concept_outweighs_a_one_off(void **state) {
  (void)state;
  brief_story *st = analysed(fire_story);
  double *p = probabilities(st, st->articles.n);
  const bf_article *a = &st->articles.v[0];
  double shared = mean_bigram_p(st, p, a->sent_first, 3);
  double aside = mean_bigram_p(st, p, a->sent_first + a->sent_count - 1, 1);
  assert_true(shared > 0 && aside > 0);
  assert_true(shared > 2 * aside);
  free(p);
  brief_story_free(st);
}

/* Articles after the first n give concepts but no evidence: that is how
 * the training tool adds reference summaries to a story. */
static void later_articles_add_no_evidence(void **state) {
  (void)state;
  const char *const with_summary[] = {
      "a",       fire_story[1],
      "b",       fire_story[3],
      "summary", "Firefighters saved the neighbouring silo overnight.",
      NULL};
  brief_story *st = analysed(with_summary);
  uint8_t *present;
  float *x = features(st, 2, &present);
  double *p = probabilities(st, 2);
  const bf_sentence *in_summary = &st->sents.v[st->articles.v[2].sent_first];
  for (uint32_t k = 0; k < in_summary->concept_count; k++) {
    uint32_t c = st->concepts.v[in_summary->concept_first + k] - 1;
    assert_false(present[c]);
    assert_true(p[c] == 0.0);
  }
  /* Both articles lead with "grain depot": df over two articles is 2, and
   * feature 1 (df / articles) is 1. */
  const bf_sentence *lead = &st->sents.v[0];
  int found = 0;
  for (uint32_t k = 0; k < lead->concept_count; k++) {
    uint32_t c = st->concepts.v[lead->concept_first + k] - 1;
    assert_true(present[c]);
    if (st->concept_df.v[c] == 2 &&
        (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM)) {
      assert_float_equal(x[c * BF_FEATURES + 1], 1.0, 1e-6);
      found = 1;
    }
  }
  assert_true(found);
  free(p);
  free(x);
  free(present);
  brief_story_free(st);
}

/* An opening sentence on the shared event beats an off-topic closing one. */
static void lead_sentence_has_higher_quality(void **state) {
  (void)state;
  brief_story *st = analysed(fire_story);
  double *p = probabilities(st, st->articles.n);
  double *q = calloc(st->sents.n + 1, sizeof *q);
  assert_non_null(q);
  assert_int_equal(bf_sentence_qualities(st, bf_default_model(), NULL, p, q),
                   0);
  const bf_article *a = &st->articles.v[0];
  uint32_t lead = a->sent_first, aside = a->sent_first + a->sent_count - 1;
  assert_true(q[lead] > q[aside]);
  for (size_t i = 0; i < st->sents.n; i++)
    assert_true(q[i] > 0 && q[i] < 1);
  free(q);
  free(p);
  brief_story_free(st);
}

/* Feature 20 ranks a concept among those of its kind by the articles using
 * it: log(1 + concepts ahead + half the ties). Here the bigrams all three
 * articles use lead, and a bigram one article uses ranks behind them. */
static void concepts_rank_by_articles_using_them(void **state) {
  (void)state;
  enum { DF_RANK = 20 };
  brief_story *st = analysed(fire_story);
  size_t nc = st->n_concepts;
  uint8_t *present;
  float *x = features(st, st->articles.n, &present);
  double top = 0, behind = 0;
  for (size_t c = 0; c < nc; c++)
    if (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) {
      top += st->concept_df.v[c] == 3;
      behind += st->concept_df.v[c] > 1;
    }
  assert_true(top >= 2);
  for (size_t c = 0; c < nc; c++) {
    if (!(st->concept_kind.v[c] & BF_CONCEPT_BIGRAM))
      continue;
    float rank = x[c * BF_FEATURES + DF_RANK];
    if (st->concept_df.v[c] == 3)
      assert_float_equal(rank, log1p((top - 1) / 2), 1e-6);
    if (st->concept_df.v[c] == 1)
      assert_true(rank >= (float)log1p(behind));
  }
  free(x);
  free(present);
  brief_story_free(st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(probabilities_are_probabilities),
      cmocka_unit_test(shared_lead_concept_outweighs_a_one_off),
      cmocka_unit_test(later_articles_add_no_evidence),
      cmocka_unit_test(lead_sentence_has_higher_quality),
      cmocka_unit_test(concepts_rank_by_articles_using_them),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
