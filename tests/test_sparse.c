/*
 * test_sparse.c - sorted sparse vectors (src/core/sparse.c): dot products,
 * sums and pruning to the heaviest entries.
 */
#include "helpers.h"

#include "core/sparse.h"

#include <math.h>
#include <stdlib.h>

static void fill(bf_sparse *s, const uint32_t *ids, const float *w, size_t n) {
  s->n = 0;
  for (size_t i = 0; i < n; i++)
    assert_int_equal(bf_sparse_push(s, ids[i], w[i]), 0);
  bf_sparse_normalise_order(s);
}

static void test_dot_add_and_order(void **state) {
  (void)state;
  bf_sparse a = {0}, b = {0};
  const uint32_t ia[] = {9, 2, 5, 2};
  const float wa[] = {1, 2, 3, 1};
  fill(&a, ia, wa, 4); /* {2: 3, 5: 3, 9: 1} */
  assert_int_equal(a.n, 3);
  assert_int_equal(a.v[0].id, 2);
  assert_true(a.v[0].w == 3.0f);
  const uint32_t ib[] = {5, 7, 9};
  const float wb[] = {2, 4, 1};
  fill(&b, ib, wb, 3);
  assert_true(bf_sparse_dot(&a, &b, NULL) == 7.0);
  assert_int_equal(bf_sparse_add(&a, &b, 0.5f), 0);
  assert_int_equal(a.n, 4); /* {2: 3, 5: 4, 7: 2, 9: 1.5} */
  assert_true(a.v[1].w == 4.0f && a.v[2].id == 7 && a.v[3].w == 1.5f);
  assert_true(fabs(bf_sparse_norm(&a, NULL) - sqrt(9 + 16 + 4 + 2.25)) < 1e-9);
  bf_sparse_release(&a);
  bf_sparse_release(&b);
}

/* Pruning keeps the heaviest |w|, the earlier id on a tie, in id order. */
static void test_prune_keeps_heaviest_in_order(void **state) {
  (void)state;
  bf_sparse s = {0};
  const uint32_t ids[] = {1, 2, 3, 4, 5, 6};
  const float w[] = {0.5f, -3, 1, 1, 2, 1};
  fill(&s, ids, w, 6);
  bf_sparse_prune(&s, 4, NULL);
  assert_int_equal(s.n, 4);
  const uint32_t want[] = {2, 3, 4, 5};
  for (size_t i = 0; i < 4; i++)
    assert_int_equal(s.v[i].id, want[i]);
  bf_sparse_prune(&s, 0, NULL);
  assert_int_equal(s.n, 0);
  bf_sparse_release(&s);
}

/* The selection agrees with sorting everything, on many random vectors
 * full of ties. */
static void test_prune_matches_full_sort(void **state) {
  (void)state;
  srand(7);
  for (int round = 0; round < 2000; round++) {
    size_t n = (size_t)(rand() % 60), keep = (size_t)(rand() % 64);
    bf_sparse s = {0};
    float w[64];
    for (size_t i = 0; i < n; i++) {
      w[i] = (float)(rand() % 7 - 3);
      assert_int_equal(bf_sparse_push(&s, (uint32_t)(i * 3), w[i]), 0);
    }
    bf_sparse_prune(&s, keep, NULL);
    /* An entry is kept when fewer than `keep` entries rank before it. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
      size_t before = 0;
      for (size_t j = 0; j < n; j++)
        before +=
            fabsf(w[j]) > fabsf(w[i]) || (fabsf(w[j]) == fabsf(w[i]) && j < i);
      if (before >= keep)
        continue;
      assert_true(kept < s.n);
      assert_int_equal(s.v[kept].id, (uint32_t)(i * 3));
      kept++;
    }
    assert_int_equal(s.n, kept);
    bf_sparse_release(&s);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dot_add_and_order),
      cmocka_unit_test(test_prune_keeps_heaviest_in_order),
      cmocka_unit_test(test_prune_matches_full_sort),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
