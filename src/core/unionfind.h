/*
 * unionfind.h - disjoint sets over dense indices (union-find).
 *
 * Owns one parent array that grows as elements are added. Paths are halved
 * on every find, and a union keeps the smaller index as the root, so a
 * group's representative is its earliest member and stays stable as later
 * members join: dedup, entities and the story desk all rely on that.
 */
#ifndef BRIEF_UNIONFIND_H
#define BRIEF_UNIONFIND_H

#include <stddef.h>
#include <stdint.h>

typedef struct bf_uf {
  uint32_t *parent;
  size_t n, cap;
} bf_uf;

/* Starts `n` singletons 0..n-1. Returns 0, or -1 when out of memory. */
int bf_uf_init(bf_uf *uf, size_t n);
void bf_uf_release(bf_uf *uf);

/* Adds one singleton, index uf->n before the call. Returns 0, or -1 when
 * out of memory (the sets are unchanged). */
int bf_uf_push(bf_uf *uf);

/* The representative of i's set: its smallest index. */
uint32_t bf_uf_find(bf_uf *uf, uint32_t i);

/* Joins the sets of a and b; returns the representative of the result. */
uint32_t bf_uf_union(bf_uf *uf, uint32_t a, uint32_t b);

/* Points every element straight at its representative, so parent[i] is
 * the representative without a find. */
void bf_uf_flatten(bf_uf *uf);

#endif
