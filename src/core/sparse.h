/*
 * sparse.h - sparse vectors of (id, weight), sorted by id.
 *
 * The story desk compares articles and stories as TF-IDF vectors over term
 * ids. Keeping entries sorted by id makes a dot product one merge walk and
 * lets a story's centroid absorb an article in one pass. Weights that change
 * over time (inverse document frequencies learned from the stream) are not
 * baked in: they are applied at comparison time through a `scale` array
 * indexed by id.
 */
#ifndef BRIEF_SPARSE_H
#define BRIEF_SPARSE_H

#include <stddef.h>
#include <stdint.h>

typedef struct bf_sparse_entry {
  uint32_t id;
  float w;
} bf_sparse_entry;

typedef struct bf_sparse {
  bf_sparse_entry *v; /* malloc'd, ascending ids, no repeats */
  uint32_t n, cap;
} bf_sparse;

void bf_sparse_release(bf_sparse *s);

/* Sorts entries [0, n) by id and sums the weights of repeated ids. */
void bf_sparse_normalise_order(bf_sparse *s);

/* Appends one entry without keeping order (call bf_sparse_normalise_order
 * before any other use). Returns 0, or -1 when out of memory. */
int bf_sparse_push(bf_sparse *s, uint32_t id, float w);

/* Copies src into dst (dst's old entries are dropped). 0, or -1 on OOM. */
int bf_sparse_copy(bf_sparse *dst, const bf_sparse *src);

/* Sum over shared ids of a[id] * b[id] * scale[id] (scale NULL: 1). */
double bf_sparse_dot(const bf_sparse *a, const bf_sparse *b,
                     const float *scale);

/* Euclidean norm of s with each weight multiplied by scale[id] (NULL: 1). */
double bf_sparse_norm(const bf_sparse *s, const float *scale);

/* acc += factor * x. Returns 0, or -1 when out of memory (acc unchanged). */
int bf_sparse_add(bf_sparse *acc, const bf_sparse *x, float factor);

/* Multiplies every weight by factor. */
void bf_sparse_scale(bf_sparse *s, float factor);

/* Keeps the `keep` entries with the largest |w * scale[id]| (scale NULL: 1),
 * still sorted by id, and gives back room the vector no longer needs. */
void bf_sparse_prune(bf_sparse *s, size_t keep, const float *scale);

#endif
