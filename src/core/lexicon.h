/*
 * lexicon.h - interning: strings to dense ids, and 64-bit keys to dense ids.
 *
 * Stems are interned once per story so that every later stage compares and
 * counts integers. Ids start at 1; 0 means "none".
 */
#ifndef BRIEF_LEXICON_H
#define BRIEF_LEXICON_H

#include "core/arena.h"

#include <stddef.h>
#include <stdint.h>

typedef struct bf_lexicon {
  uint32_t *slots;   /* open addressing: id or 0 */
  size_t nslots;     /* power of two */
  const char **strs; /* id -> string (arena), strs[0] unused */
  uint32_t *lens;    /* id -> length */
  uint64_t *hashes;  /* id -> hash */
  size_t n, cap;     /* ids used (including the unused 0) */
  bf_arena *arena;   /* where strings are copied; not owned */
} bf_lexicon;

int bf_lexicon_init(bf_lexicon *lx, bf_arena *arena);
void bf_lexicon_release(bf_lexicon *lx);
/* Interns s[0..len); returns its id, or 0 when out of memory. */
uint32_t bf_lexicon_intern(bf_lexicon *lx, const char *s, size_t len);
/* Returns the id of s or 0 when absent. */
uint32_t bf_lexicon_find(const bf_lexicon *lx, const char *s, size_t len);
static inline const char *bf_lexicon_str(const bf_lexicon *lx, uint32_t id) {
  return lx->strs[id];
}
static inline size_t bf_lexicon_size(const bf_lexicon *lx) {
  return lx->n - 1;
}

/* 64-bit key -> dense id map (bigrams of stem ids, shingles...). */
typedef struct bf_keymap {
  uint64_t *keys;
  uint32_t *ids; /* 0 = empty slot */
  size_t nslots, n;
} bf_keymap;

int bf_keymap_init(bf_keymap *m, size_t expected);
void bf_keymap_release(bf_keymap *m);
/* Returns the id of key, assigning the next id (n + 1) when new; 0 on OOM.
 * *is_new is set when the key was added. */
uint32_t bf_keymap_intern(bf_keymap *m, uint64_t key, int *is_new);
uint32_t bf_keymap_find(const bf_keymap *m, uint64_t key);

#endif
