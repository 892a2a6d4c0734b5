/*
 * lexicon.c - string and key interning with open addressing (see lexicon.h).
 */
#include "core/lexicon.h"

#include "core/text.h"
#include "core/vec.h"

#include <stdlib.h>
#include <string.h>

int bf_lexicon_init(bf_lexicon *lx, bf_arena *arena) {
  memset(lx, 0, sizeof *lx);
  lx->arena = arena;
  lx->nslots = 1024;
  lx->slots = calloc(lx->nslots, sizeof *lx->slots);
  if (!lx->slots)
    return -1;
  if (bf_grow((void **)&lx->strs, &lx->cap, 256, sizeof *lx->strs))
    return -1;
  lx->lens = malloc(lx->cap * sizeof *lx->lens);
  lx->hashes = malloc(lx->cap * sizeof *lx->hashes);
  if (!lx->lens || !lx->hashes)
    return -1;
  lx->strs[0] = "";
  lx->lens[0] = 0;
  lx->hashes[0] = 0;
  lx->n = 1;
  return 0;
}

void bf_lexicon_release(bf_lexicon *lx) {
  free(lx->slots);
  free(lx->strs);
  free(lx->lens);
  free(lx->hashes);
  memset(lx, 0, sizeof *lx);
}

static size_t probe(const bf_lexicon *lx, const char *s, size_t len,
                    uint64_t h) {
  size_t mask = lx->nslots - 1;
  size_t i = (size_t)h & mask;
  for (;;) {
    uint32_t id = lx->slots[i];
    if (id == 0)
      return i;
    if (lx->hashes[id] == h && lx->lens[id] == len &&
        memcmp(lx->strs[id], s, len) == 0)
      return i;
    i = (i + 1) & mask;
  }
}

uint32_t bf_lexicon_find(const bf_lexicon *lx, const char *s, size_t len) {
  uint64_t h = bf_hash(s, len);
  return lx->slots[probe(lx, s, len, h)];
}

static int rehash(bf_lexicon *lx) {
  size_t nslots = lx->nslots * 2;
  uint32_t *slots = calloc(nslots, sizeof *slots);
  if (!slots)
    return -1;
  for (size_t id = 1; id < lx->n; id++) {
    size_t i = (size_t)lx->hashes[id] & (nslots - 1);
    while (slots[i])
      i = (i + 1) & (nslots - 1);
    slots[i] = (uint32_t)id;
  }
  free(lx->slots);
  lx->slots = slots;
  lx->nslots = nslots;
  return 0;
}

static int grow_tables(bf_lexicon *lx) {
  size_t cap = lx->cap;
  if (bf_grow((void **)&lx->strs, &lx->cap, lx->n + 1, sizeof *lx->strs))
    return -1;
  if (lx->cap != cap) {
    uint32_t *lens = realloc(lx->lens, lx->cap * sizeof *lens);
    if (!lens)
      return -1;
    lx->lens = lens;
    uint64_t *hashes = realloc(lx->hashes, lx->cap * sizeof *hashes);
    if (!hashes)
      return -1;
    lx->hashes = hashes;
  }
  return 0;
}

uint32_t bf_lexicon_intern(bf_lexicon *lx, const char *s, size_t len) {
  uint64_t h = bf_hash(s, len);
  size_t slot = probe(lx, s, len, h);
  if (lx->slots[slot])
    return lx->slots[slot];
  if (grow_tables(lx))
    return 0;
  char *copy = bf_arena_strndup(lx->arena, s, len);
  if (!copy)
    return 0;
  uint32_t id = (uint32_t)lx->n++;
  lx->strs[id] = copy;
  lx->lens[id] = (uint32_t)len;
  lx->hashes[id] = h;
  lx->slots[slot] = id;
  if (lx->n * 2 > lx->nslots && rehash(lx))
    return 0;
  return id;
}

int bf_keymap_init(bf_keymap *m, size_t expected) {
  size_t n = 64;
  while (n < expected * 2)
    n *= 2;
  m->keys = malloc(n * sizeof *m->keys);
  m->ids = calloc(n, sizeof *m->ids);
  m->nslots = n;
  m->n = 0;
  return (m->keys && m->ids) ? 0 : -1;
}

void bf_keymap_release(bf_keymap *m) {
  free(m->keys);
  free(m->ids);
  memset(m, 0, sizeof *m);
}

static int keymap_rehash(bf_keymap *m) {
  size_t nslots = m->nslots * 2;
  uint64_t *keys = malloc(nslots * sizeof *keys);
  uint32_t *ids = calloc(nslots, sizeof *ids);
  if (!keys || !ids) {
    free(keys);
    free(ids);
    return -1;
  }
  for (size_t i = 0; i < m->nslots; i++) {
    if (!m->ids[i])
      continue;
    size_t j = (size_t)bf_hash_mix(m->keys[i]) & (nslots - 1);
    while (ids[j])
      j = (j + 1) & (nslots - 1);
    keys[j] = m->keys[i];
    ids[j] = m->ids[i];
  }
  free(m->keys);
  free(m->ids);
  m->keys = keys;
  m->ids = ids;
  m->nslots = nslots;
  return 0;
}

uint32_t bf_keymap_find(const bf_keymap *m, uint64_t key) {
  size_t mask = m->nslots - 1;
  size_t i = (size_t)bf_hash_mix(key) & mask;
  while (m->ids[i]) {
    if (m->keys[i] == key)
      return m->ids[i];
    i = (i + 1) & mask;
  }
  return 0;
}

uint32_t bf_keymap_intern(bf_keymap *m, uint64_t key, int *is_new) {
  size_t mask = m->nslots - 1;
  size_t i = (size_t)bf_hash_mix(key) & mask;
  *is_new = 0;
  while (m->ids[i]) {
    if (m->keys[i] == key)
      return m->ids[i];
    i = (i + 1) & mask;
  }
  m->keys[i] = key;
  m->ids[i] = (uint32_t)++m->n;
  *is_new = 1;
  uint32_t id = m->ids[i];
  if (m->n * 2 > m->nslots && keymap_rehash(m))
    return 0;
  return id;
}
