/*
 * test_core.c - the algorithms shared by several layers (src/core):
 * union-find and MinHash.
 */
#include "helpers.h"

#include "core/minhash.h"
#include "core/unionfind.h"

#include <stdlib.h>

static void test_uf_singletons_and_unions(void **state) {
  (void)state;
  bf_uf uf;
  assert_int_equal(bf_uf_init(&uf, 6), 0);
  for (uint32_t i = 0; i < 6; i++)
    assert_int_equal(bf_uf_find(&uf, i), i);
  assert_int_equal(bf_uf_union(&uf, 4, 2), 2);
  assert_int_equal(bf_uf_union(&uf, 5, 4), 2);
  assert_int_equal(bf_uf_union(&uf, 3, 1), 1);
  assert_int_equal(bf_uf_find(&uf, 5), 2);
  assert_int_equal(bf_uf_find(&uf, 3), 1);
  assert_int_equal(bf_uf_find(&uf, 0), 0);
  /* Joining two groups keeps the smaller representative. */
  assert_int_equal(bf_uf_union(&uf, 5, 3), 1);
  assert_int_equal(bf_uf_find(&uf, 4), 1);
  assert_int_equal(bf_uf_union(&uf, 4, 2), 1); /* already one set */
  bf_uf_release(&uf);
}

static void test_uf_grows_and_flattens(void **state) {
  (void)state;
  bf_uf uf;
  assert_int_equal(bf_uf_init(&uf, 0), 0);
  enum { N = 10000 };
  for (uint32_t i = 0; i < N; i++) {
    assert_int_equal(bf_uf_push(&uf), 0);
    assert_int_equal(uf.n, i + 1);
    if (i)
      bf_uf_union(&uf, i, i - 1); /* one long chain */
  }
  bf_uf_flatten(&uf);
  for (uint32_t i = 0; i < N; i++)
    assert_int_equal(uf.parent[i], 0);
  bf_uf_release(&uf);
  assert_null(uf.parent);
}

enum { K = 64 };

static void signature_of(uint64_t first, uint64_t count, uint64_t *sig) {
  bf_minhash_reset(sig, K);
  for (uint64_t m = first; m < first + count; m++)
    bf_minhash_add(sig, K, m);
}

static void test_minhash_estimates_jaccard(void **state) {
  (void)state;
  uint64_t a[K], b[K], c[K], d[K];
  signature_of(0, 200, a);
  signature_of(0, 200, b);
  assert_true(bf_minhash_similarity(a, b, K) == 1.0);
  /* {0..199} and {100..299}: Jaccard 100/300. */
  signature_of(100, 200, c);
  double s = bf_minhash_similarity(a, c, K);
  assert_true(s > 0.15 && s < 0.55);
  /* Disjoint sets agree almost nowhere. */
  signature_of(1000, 200, d);
  assert_true(bf_minhash_similarity(a, d, K) < 0.1);
}

static void test_minhash_order_free_and_empty(void **state) {
  (void)state;
  uint64_t a[K], b[K], e[K];
  bf_minhash_reset(a, K);
  bf_minhash_reset(b, K);
  bf_minhash_reset(e, K);
  const uint64_t members[] = {7, 19, 3, 42, 19, 7};
  for (size_t i = 0; i < 6; i++)
    bf_minhash_add(a, K, members[i]);
  for (size_t i = 6; i-- > 0;)
    bf_minhash_add(b, K, members[i]);
  assert_memory_equal(a, b, sizeof a);
  assert_true(bf_minhash_similarity(a, e, K) == 0.0);
  assert_true(bf_minhash_similarity(e, e, K) == 0.0);
}

static void test_minhash_band_keys(void **state) {
  (void)state;
  uint64_t a[K], b[K];
  signature_of(0, 50, a);
  signature_of(0, 50, b);
  for (size_t band = 0; band < K / 4; band++)
    assert_true(bf_minhash_band_key(a, band, 4) ==
                bf_minhash_band_key(b, band, 4));
  /* The same rows in two bands give two keys. */
  uint64_t same[8] = {1, 2, 3, 4, 1, 2, 3, 4};
  assert_true(bf_minhash_band_key(same, 0, 4) !=
              bf_minhash_band_key(same, 1, 4));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_uf_singletons_and_unions),
      cmocka_unit_test(test_uf_grows_and_flattens),
      cmocka_unit_test(test_minhash_estimates_jaccard),
      cmocka_unit_test(test_minhash_order_free_and_empty),
      cmocka_unit_test(test_minhash_band_keys),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
