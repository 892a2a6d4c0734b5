/*
 * unionfind.c - disjoint sets with path halving (see unionfind.h).
 */
#include "core/unionfind.h"

#include "core/vec.h"

#include <stdlib.h>

int bf_uf_init(bf_uf *uf, size_t n) {
  uf->parent = NULL;
  uf->n = uf->cap = 0;
  if (bf_grow((void **)&uf->parent, &uf->cap, n ? n : 1, sizeof *uf->parent))
    return -1;
  for (size_t i = 0; i < n; i++)
    uf->parent[i] = (uint32_t)i;
  uf->n = n;
  return 0;
}

void bf_uf_release(bf_uf *uf) {
  free(uf->parent);
  uf->parent = NULL;
  uf->n = uf->cap = 0;
}

int bf_uf_push(bf_uf *uf) {
  if (uf->n >= UINT32_MAX ||
      bf_grow((void **)&uf->parent, &uf->cap, uf->n + 1, sizeof *uf->parent))
    return -1;
  uf->parent[uf->n] = (uint32_t)uf->n;
  uf->n++;
  return 0;
}

uint32_t bf_uf_find(bf_uf *uf, uint32_t i) {
  uint32_t *p = uf->parent;
  while (p[i] != i) {
    p[i] = p[p[i]];
    i = p[i];
  }
  return i;
}

uint32_t bf_uf_union(bf_uf *uf, uint32_t a, uint32_t b) {
  a = bf_uf_find(uf, a);
  b = bf_uf_find(uf, b);
  if (a == b)
    return a;
  if (a < b) {
    uf->parent[b] = a;
    return a;
  }
  uf->parent[a] = b;
  return b;
}

void bf_uf_flatten(bf_uf *uf) {
  for (size_t i = 0; i < uf->n; i++)
    uf->parent[i] = bf_uf_find(uf, (uint32_t)i);
}
