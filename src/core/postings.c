/*
 * postings.c - the inverted index (see postings.h).
 */
#include "core/postings.h"

#include "core/vec.h"

#include <stdlib.h>
#include <string.h>

void bf_postings_init(bf_postings *p) {
  memset(p, 0, sizeof *p);
}

void bf_postings_release(bf_postings *p) {
  for (size_t k = 0; k < p->nlists; k++)
    free(p->lists[k].ids);
  free(p->lists);
  memset(p, 0, sizeof *p);
}

static int ensure_key(bf_postings *p, uint32_t key) {
  if (key < p->nlists)
    return 0;
  size_t n = p->nlists ? p->nlists : 64;
  while (n <= key)
    n *= 2;
  bf_posting_list *l = realloc(p->lists, n * sizeof *l);
  if (!l)
    return -1;
  memset(l + p->nlists, 0, (n - p->nlists) * sizeof *l);
  p->lists = l;
  p->nlists = n;
  return 0;
}

int bf_postings_add(bf_postings *p, uint32_t key, uint32_t id) {
  if (ensure_key(p, key))
    return -1;
  bf_posting_list *l = &p->lists[key];
  size_t cap = l->cap;
  if (bf_grow((void **)&l->ids, &cap, (size_t)l->n + 1, sizeof *l->ids))
    return -1;
  l->cap = (uint32_t)cap;
  l->ids[l->n++] = id;
  p->total++;
  return 0;
}

const uint32_t *bf_postings_get(const bf_postings *p, uint32_t key, size_t *n) {
  if (key >= p->nlists) {
    *n = 0;
    return NULL;
  }
  *n = p->lists[key].n;
  return p->lists[key].ids;
}

void bf_postings_filter(bf_postings *p, int (*keep)(void *ctx, uint32_t id),
                        void *ctx) {
  size_t total = 0;
  for (size_t k = 0; k < p->nlists; k++) {
    bf_posting_list *l = &p->lists[k];
    uint32_t o = 0;
    for (uint32_t i = 0; i < l->n; i++)
      if (keep(ctx, l->ids[i]))
        l->ids[o++] = l->ids[i];
    l->n = o;
    if (o == 0 && l->cap > 16) { /* give back lists that emptied */
      free(l->ids);
      l->ids = NULL;
      l->cap = 0;
    }
    total += o;
  }
  p->total = total;
}
