/*
 * postings.h - an inverted index from dense keys to lists of dense ids.
 *
 * The story desk finds the stories an article may belong to through the
 * terms and names they share, so one assignment costs a few short list
 * walks however many stories there are. Lists grow at the end, so the
 * newest postings are last; a reader that wants bounded work walks only the
 * tail. Ids that stop mattering are dropped in bulk by bf_postings_filter.
 */
#ifndef BRIEF_POSTINGS_H
#define BRIEF_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

typedef struct bf_posting_list {
  uint32_t *ids;
  uint32_t n, cap;
} bf_posting_list;

typedef struct bf_postings {
  bf_posting_list *lists; /* indexed by key */
  size_t nlists;
  size_t total; /* postings held */
} bf_postings;

void bf_postings_init(bf_postings *p);
void bf_postings_release(bf_postings *p);

/* Appends id to key's list. Returns 0, or -1 when out of memory. */
int bf_postings_add(bf_postings *p, uint32_t key, uint32_t id);

/* Key's list, oldest first; *n is its length (0 for an unknown key). */
const uint32_t *bf_postings_get(const bf_postings *p, uint32_t key, size_t *n);

/* Keeps only the ids for which keep(ctx, id) is non-zero, in every list. */
void bf_postings_filter(bf_postings *p, int (*keep)(void *ctx, uint32_t id),
                        void *ctx);

#endif
