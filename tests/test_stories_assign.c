/*
 * test_stories_assign.c - the story desk's features and assign stages
 * (src/stories/features.c, assign.c) on small invented articles: different
 * events stay apart, rewordings of one event join, an exact copy joins its
 * original, idle stories leave the candidates, merges are reported, and the
 * same stream gives the same stories however it is fed.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "stories/assign.h"
#include "stories/features.h"

#include <stdlib.h>

/* Unrelated articles that open each stream, so that document frequencies
 * tell common words from the words of one event. */
static const char *const background[] = {
    "The city council of Arlow approved a budget for new cycle lanes on "
    "Thursday. Mayor Ines Varga said the lanes would open next spring and "
    "cost less than the old tram plan.",
    "A bakery in Hollin won the regional bread prize for the third year. "
    "Owner Piet Dassen said the secret was a slow rise and an old oven.",
    "Shares of the shipping group Nordline fell after it reported lower "
    "profits. Analysts said fuel costs and weak demand from Asia weighed on "
    "the company.",
    "The museum of Castrel reopened its west wing after repairs to the roof. "
    "Curator Lena Brisk said visitors could again see the textile "
    "collection.",
};

/* One event told twice in different words, and a second event. */
static const char *const fire_1 =
    "A fire swept through the harbour warehouses of Port Elna on Tuesday, "
    "destroying three grain stores. Fire chief Maren Holt said crews from "
    "Kessby and Drumlin fought the blaze for nine hours. No one was hurt, but "
    "the port authority closed the eastern quay.";
static const char *const fire_2 =
    "Firefighters from Kessby and Drumlin battled for nine hours to contain a "
    "blaze that destroyed three grain warehouses at the Port Elna harbour, "
    "fire chief Maren Holt said. The eastern quay stays closed while the port "
    "authority inspects the damage to the grain stores.";
static const char *const strike_1 =
    "Train drivers in Valmora walked out on Monday over pay, halting commuter "
    "services across the province. Union leader Tomas Ferreira said the "
    "strike would go on until the rail company improved its offer to the "
    "drivers.";
static const char *const strike_2 =
    "Commuter trains across Valmora province stood still as drivers went on "
    "strike over pay. Tomas Ferreira, who leads the drivers' union, said the "
    "walkout would last until the rail company made a better offer.";

static void featurize(bf_featurizer *fz, const char *text, bf_features *f) {
  bf_features_init(f);
  assert_int_equal(bf_featurize(fz, text, strlen(text), NULL, 0, f), 0);
}

/* Assigns `text` on `day`; returns the assignment. */
static bf_assignment add(bf_assigner *a, bf_featurizer *fz, const char *text,
                         int32_t day) {
  bf_features f;
  featurize(fz, text, &f);
  bf_assignment out;
  assert_int_equal(bf_assign(a, &f, day, NULL, NULL, &out), 0);
  bf_features_release(&f);
  return out;
}

static void add_background(bf_assigner *a, bf_featurizer *fz, int32_t day) {
  for (size_t i = 0; i < sizeof background / sizeof *background; i++)
    assert_true(add(a, fz, background[i], day).is_new);
}

static bf_assigner *new_assigner(double window_days) {
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.window_days = window_days;
  bf_assigner *a = bf_assigner_new(&cfg);
  assert_non_null(a);
  return a;
}

static void test_features_of_an_article(void **state) {
  (void)state;
  bf_featurizer *fz = bf_featurizer_new();
  assert_non_null(fz);
  bf_features f;
  featurize(fz, fire_1, &f);
  assert_true(f.words > 30);
  assert_true(f.terms.n > 15);
  for (size_t i = 1; i < f.terms.n; i++)
    assert_true(f.terms.v[i - 1].key < f.terms.v[i].key);
  /* Names: Port Elna, Maren Holt, Kessby, Drumlin; never "No" or "Fire"
   * (capitalised only where a sentence opens). */
  int elna = 0;
  for (size_t i = 0; i < f.forms.n; i++) {
    elna += !strcmp(f.forms.v[i].text, "Port Elna");
    assert_string_not_equal(f.forms.v[i].text, "No");
  }
  assert_int_equal(elna, 1);
  assert_true(f.names.n >= 6);
  bf_features_release(&f);
  bf_featurizer_free(fz);
}

static void test_events_apart_rewordings_join(void **state) {
  (void)state;
  bf_featurizer *fz = bf_featurizer_new();
  bf_assigner *a = new_assigner(7);
  add_background(a, fz, 100);
  bf_assignment f1 = add(a, fz, fire_1, 100);
  bf_assignment s1 = add(a, fz, strike_1, 100);
  bf_assignment f2 = add(a, fz, fire_2, 101);
  bf_assignment s2 = add(a, fz, strike_2, 101);
  assert_true(f1.is_new && s1.is_new);
  assert_int_not_equal(f1.story, s1.story);
  assert_false(f2.is_new);
  assert_int_equal(f2.story, f1.story);
  assert_true(f2.p > 0.5 && f2.p <= 1);
  assert_int_equal(f2.dup_of, 0); /* a rewording, not a copy */
  assert_false(s2.is_new);
  assert_int_equal(s2.story, s1.story);
  assert_int_equal(bf_assigner_article_count(a), 8);
  assert_int_equal(bf_assigner_story_count(a), 6);
  assert_int_equal(bf_assigner_story_of(a, 7), f1.story);
  assert_int_equal(bf_assigner_story_of(a, 99), 0);
  double c = bf_assigner_centrality(a, 7);
  assert_true(c > 0 && c <= 1.0 + 1e-6);
  assert_true(bf_assigner_bytes(a) > 0);
  bf_assigner_free(a);
  bf_featurizer_free(fz);
}

static void test_copy_joins_its_original(void **state) {
  (void)state;
  bf_featurizer *fz = bf_featurizer_new();
  bf_assigner *a = new_assigner(7);
  add_background(a, fz, 100);
  bf_assignment f1 = add(a, fz, fire_1, 100);
  add(a, fz, strike_1, 100);
  bf_assignment copy = add(a, fz, fire_1, 100);
  assert_false(copy.is_new);
  assert_int_equal(copy.story, f1.story);
  assert_int_equal(copy.dup_of, 5); /* fire_1 was the fifth article */
  assert_true(copy.p == 1.0);
  bf_assigner_free(a);
  bf_featurizer_free(fz);
}

/* A story idle longer than the window leaves the candidates: the same
 * event told again later starts a new story. With no window it joins. */
static void test_idle_story_expires(void **state) {
  (void)state;
  bf_featurizer *fz = bf_featurizer_new();
  for (int windowed = 0; windowed < 2; windowed++) {
    bf_assigner *a = new_assigner(windowed ? 7 : 0);
    add_background(a, fz, 100);
    bf_assignment f1 = add(a, fz, fire_1, 100);
    bf_assignment s1 = add(a, fz, strike_1, 106);
    assert_true(bf_assigner_story_active(a, f1.story));
    bf_assignment f2 = add(a, fz, fire_2, 112);
    if (windowed) {
      assert_false(bf_assigner_story_active(a, f1.story));
      assert_true(bf_assigner_story_active(a, s1.story));
      assert_true(f2.is_new);
    } else {
      assert_true(bf_assigner_story_active(a, f1.story));
      assert_int_equal(f2.story, f1.story);
    }
    /* The expired story keeps its articles. */
    assert_int_equal(bf_assigner_story_of(a, 5), f1.story);
    bf_assigner_free(a);
  }
  bf_featurizer_free(fz);
}

/* Models that never join an article to a story and merge two stories
 * whose centroids agree: every article starts a story and the merge pass
 * joins the two tellings of each event. */
static const double never_join[BF_ASSIGN_FEATURES] = {[BF_AF_BIAS] = -50};
static const double merge_alike[BF_MERGE_FEATURES] = {
    [BF_MF_BODY] = 40, [BF_MF_BIAS] = -20};

static void test_merges_reported(void **state) {
  (void)state;
  bf_featurizer *fz = bf_featurizer_new();
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.model = never_join;
  cfg.merge_model = merge_alike;
  cfg.merge_every = 4;
  bf_assigner *a = bf_assigner_new(&cfg);
  assert_non_null(a);
  add_background(a, fz, 100);
  size_t n;
  bf_assigner_merges(a, &n);
  assert_int_equal(n, 0); /* a pass ran: nothing alike yet */
  const char *const texts[] = {fire_1, strike_1, fire_2, strike_2};
  for (int i = 0; i < 4; i++)
    assert_true(add(a, fz, texts[i], 100).is_new);
  const bf_merge *m = bf_assigner_merges(a, &n);
  assert_int_equal(n, 2);
  /* The younger story goes into the older, oldest stories first. */
  assert_int_equal(m[0].from, 7);
  assert_int_equal(m[0].into, 5);
  assert_int_equal(m[1].from, 8);
  assert_int_equal(m[1].into, 6);
  assert_true(m[0].p > 0.5 && m[1].p > 0.5);
  assert_int_equal(bf_assigner_story_of(a, 7), 5);
  assert_int_equal(bf_assigner_story_of(a, 8), 6);
  assert_false(bf_assigner_story_active(a, 7));
  assert_true(bf_assigner_story_active(a, 5));
  bf_assigner_clear_merges(a);
  bf_assigner_merges(a, &n);
  assert_int_equal(n, 0);
  bf_assigner_free(a);
  bf_featurizer_free(fz);
}

/* A stream of three events, a copy and dates out of order. */
static const char *const stream_texts[] = {
    fire_1,
    strike_1,
    fire_2,
    strike_2,
    fire_1,
    "Lake Brenna turned green as an algae bloom spread along the northern "
    "shore. Water officials in Lindby warned swimmers and dog owners to keep "
    "out of the lake until tests came back clean.",
    "Water officials in Lindby told swimmers to stay out of Lake Brenna after "
    "a green algae bloom spread across its northern shore. Tests of the water "
    "are due next week.",
};
static const int32_t stream_days[] = {100, 101, 100, 102, 103, 104, 104};
enum { STREAM_N = sizeof stream_texts / sizeof *stream_texts };

typedef struct run_result {
  bf_assignment out[STREAM_N + 4];
  uint32_t story[STREAM_N + 4];
  bf_merge merges[STREAM_N + 4];
  size_t nmerges;
} run_result;

/* Runs the stream; `batch` articles are featurized before any of them is
 * assigned, and merges are read after each batch. `warm` first runs the
 * featurizer over unrelated text, so its cache differs. */
static void run_stream_snapshot(size_t batch, int warm, size_t snapshot_at,
                                run_result *r);

static void run_stream(size_t batch, int warm, run_result *r) {
  run_stream_snapshot(batch, warm, SIZE_MAX, r);
}

/* Snapshots the assigner after article `at` (1-based) and goes on with
 * the restored one. */
static bf_assigner *through_snapshot(bf_assigner *a,
                                     const bf_assign_config *c) {
  bf_buf b;
  bf_buf_init(&b);
  assert_int_equal(bf_assigner_snapshot(a, &b), 0);
  /* A snapshot cut short, or damaged, is refused. */
  assert_null(bf_assigner_restore(c, b.s, b.len - 1));
  b.s[b.len / 2] ^= 0x5a;
  bf_assigner *broken = bf_assigner_restore(c, b.s, b.len);
  b.s[b.len / 2] ^= 0x5a;
  bf_assigner_free(broken); /* a flipped weight may still read as valid */
  bf_assigner *copy = bf_assigner_restore(c, b.s, b.len);
  assert_non_null(copy);
  bf_buf again;
  bf_buf_init(&again);
  assert_int_equal(bf_assigner_snapshot(copy, &again), 0);
  assert_int_equal(again.len, b.len);
  assert_memory_equal(again.s, b.s, b.len);
  bf_buf_free(&again);
  bf_buf_free(&b);
  bf_assigner_free(a);
  return copy;
}

static void run_stream_snapshot(size_t batch, int warm, size_t snapshot_at,
                                run_result *r) {
  memset(r, 0, sizeof *r);
  bf_featurizer *fz = bf_featurizer_new();
  if (warm)
    for (size_t i = 0; i < 4; i++) {
      bf_features f;
      featurize(fz, background[3 - i], &f);
      bf_features_release(&f);
    }
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.merge_every = 3;
  bf_assigner *a = bf_assigner_new(&cfg);
  assert_non_null(a);
  const char *texts[STREAM_N + 4];
  int32_t days[STREAM_N + 4];
  size_t n = 0;
  for (size_t i = 0; i < 4; i++, n++)
    texts[n] = background[i], days[n] = 99;
  for (size_t i = 0; i < STREAM_N; i++, n++)
    texts[n] = stream_texts[i], days[n] = stream_days[i];
  bf_features f[STREAM_N + 4];
  for (size_t at = 0; at < n; at += batch) {
    size_t end = at + batch < n ? at + batch : n;
    for (size_t i = at; i < end; i++)
      featurize(fz, texts[i], &f[i]);
    for (size_t i = at; i < end; i++) {
      assert_int_equal(bf_assign(a, &f[i], days[i], NULL, NULL, &r->out[i]), 0);
      bf_features_release(&f[i]);
      if (i + 1 == snapshot_at)
        a = through_snapshot(a, &cfg);
    }
    size_t nm;
    const bf_merge *m = bf_assigner_merges(a, &nm);
    for (size_t k = 0; k < nm; k++)
      r->merges[r->nmerges++] = m[k];
    bf_assigner_clear_merges(a);
  }
  for (size_t i = 0; i < n; i++)
    r->story[i] = bf_assigner_story_of(a, (uint32_t)i + 1);
  bf_assigner_free(a);
  bf_featurizer_free(fz);
}

static void test_same_stories_however_fed(void **state) {
  (void)state;
  run_result one, all, warm;
  run_stream(1, 0, &one);
  run_stream(STREAM_N + 4, 0, &all);
  run_stream(3, 1, &warm);
  assert_memory_equal(one.story, all.story, sizeof one.story);
  assert_memory_equal(one.story, warm.story, sizeof one.story);
  assert_memory_equal(one.out, all.out, sizeof one.out);
  assert_memory_equal(one.out, warm.out, sizeof one.out);
  assert_int_equal(one.nmerges, all.nmerges);
  assert_int_equal(one.nmerges, warm.nmerges);
  assert_memory_equal(one.merges, warm.merges,
                      one.nmerges * sizeof *one.merges);
  /* And the stream itself comes out as three events and four others. */
  uint32_t fire = one.story[4], strike = one.story[5], lake = one.story[9];
  assert_int_equal(one.story[6], fire);
  assert_int_equal(one.story[7], strike);
  assert_int_equal(one.story[8], fire);
  assert_int_equal(one.out[8].dup_of, 5);
  assert_int_equal(one.story[10], lake);
  assert_true(fire != strike && strike != lake && fire != lake);
  for (size_t i = 0; i < 4; i++)
    assert_true(one.story[i] != fire && one.story[i] != strike &&
                one.story[i] != lake);
}

/* A snapshot taken anywhere in the stream, restored, decides the rest as
 * the assigner that never stopped. */
static void test_snapshot_continues_the_stream(void **state) {
  (void)state;
  run_result whole, cut;
  run_stream(1, 0, &whole);
  for (size_t at = 1; at <= STREAM_N + 4; at += 3) {
    run_stream_snapshot(1, 0, at, &cut);
    assert_memory_equal(whole.story, cut.story, sizeof whole.story);
    assert_memory_equal(whole.out, cut.out, sizeof whole.out);
    assert_int_equal(whole.nmerges, cut.nmerges);
  }
  /* Another model's snapshot is refused. */
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  bf_assigner *a = bf_assigner_new(&cfg);
  bf_buf b;
  bf_buf_init(&b);
  assert_int_equal(bf_assigner_snapshot(a, &b), 0);
  cfg.window_days = 30;
  assert_null(bf_assigner_restore(&cfg, b.s, b.len));
  bf_buf_free(&b);
  bf_assigner_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_features_of_an_article),
      cmocka_unit_test(test_events_apart_rewordings_join),
      cmocka_unit_test(test_copy_joins_its_original),
      cmocka_unit_test(test_idle_story_expires),
      cmocka_unit_test(test_merges_reported),
      cmocka_unit_test(test_same_stories_however_fed),
      cmocka_unit_test(test_snapshot_continues_the_stream),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
