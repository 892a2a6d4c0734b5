/*
 * order.c - the order stage: the chosen sentences as a story reads.
 *
 * Owns reading order. Sentences are grouped by the first article that
 * carries them, articles ordered by date (undated ones keep their input
 * order after dated ones that precede them), and sentences within an
 * article by position, so a sentence that depends on the one before it
 * follows it directly. A sentence with a relative time its article's date
 * cannot resolve ("on Wednesday" in an undated article) does not open the
 * summary when another sentence can: out of context, its reader could not
 * place it.
 */
#include "pipeline/pipeline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An article's place in time: its own day, or for an undated article the
 * day of the nearest dated article before it in input order (before any
 * dated one, it sorts first). This makes the order a total one whatever
 * mix of dated and undated articles a story has. */
static int32_t effective_day(const brief_story *st, uint32_t article) {
  for (uint32_t a = article + 1; a-- > 0;)
    if (st->articles.v[a].day != BF_NO_DAY)
      return st->articles.v[a].day;
  return INT32_MIN;
}

typedef struct order_key {
  int32_t day;
  uint32_t article, pos;
  uint32_t after; /* how many dependent sentences precede it in its run */
} order_key;

static int key_before(const order_key *a, const order_key *b) {
  if (a->day != b->day)
    return a->day < b->day;
  if (a->article != b->article)
    return a->article < b->article;
  if (a->pos != b->pos)
    return a->pos < b->pos;
  return a->after < b->after;
}

/* A sentence that depends on the one before it (a pronoun opener, a
 * quotation without its speaker) was only picked together with that one;
 * it takes its antecedent's place plus one, so anchoring never splits the
 * two. Runs of several are settled in story order. */
static void keep_dependents_after_antecedents(const brief_story *st,
                                              const bf_selection *sel,
                                              order_key *key) {
  int changed = 1;
  for (size_t round = 0; changed && round < sel->n; round++) {
    changed = 0;
    for (size_t i = 0; i < sel->n; i++) {
      uint32_t si = sel->picks[i].sent;
      const bf_sentence *s = &st->sents.v[si];
      if (s->pos == 0 || !(s->flags & (BF_SENT_DANGLING | BF_SENT_BARE_QUOTE)))
        continue;
      for (size_t j = 0; j < sel->n; j++) {
        if (sel->picks[j].sent != si - 1)
          continue;
        order_key k = key[j];
        k.after++;
        if (memcmp(&k, &key[i], sizeof k) != 0) {
          key[i] = k;
          changed = 1;
        }
      }
    }
  }
}

/* Moves to the front the first pick that is anchored in time and depends
 * on no other, with the dependents that follow it, when the first pick is
 * unanchored. */
static void lead_with_anchored(bf_selection *sel, order_key *key) {
  size_t n = sel->n, j = 1;
  if (n < 2 || !sel->picks[0].unanchored)
    return;
  while (j < n && (sel->picks[j].unanchored || key[j].after))
    j++;
  if (j == n)
    return;
  size_t run = 1;
  while (j + run < n && key[j + run].after)
    run++;
  bf_pick *moved = malloc(run * sizeof *moved);
  if (!moved)
    return; /* out of memory: the order stays as sorted */
  memcpy(moved, sel->picks + j, run * sizeof *moved);
  memmove(sel->picks + run, sel->picks, j * sizeof *moved);
  memcpy(sel->picks, moved, run * sizeof *moved);
  free(moved);
}

/* Orders picks by (effective day, article, position), where a sentence
 * several articles carry belongs to the first of them: a syndicated copy
 * picked for its wording still reads where the original reported it. A summary
 * has few picks, so insertion sort. Out of memory, picks keep their
 * selection order. */
void bf_order(const brief_story *st, bf_selection *sel) {
  size_t n = sel->n;
  order_key *key = malloc((n + 1) * sizeof *key);
  if (!key)
    return;
  for (size_t i = 0; i < n; i++) {
    const bf_pick *p = &sel->picks[i];
    const bf_sentence *s = &st->sents.v[p->sent];
    uint32_t anchor = s->article;
    for (uint32_t k = 0; k < p->nsources; k++)
      if (p->sources[k] < anchor)
        anchor = p->sources[k];
    key[i] = (order_key){effective_day(st, anchor), anchor, s->pos, 0};
  }
  keep_dependents_after_antecedents(st, sel, key);
  for (size_t i = 1; i < n; i++) {
    bf_pick v = sel->picks[i];
    order_key kv = key[i];
    size_t j = i;
    while (j > 0 && key_before(&kv, &key[j - 1])) {
      sel->picks[j] = sel->picks[j - 1];
      key[j] = key[j - 1];
      j--;
    }
    sel->picks[j] = v;
    key[j] = kv;
  }
  lead_with_anchored(sel, key);
  free(key);
}
