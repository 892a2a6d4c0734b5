/*
 * arena.c - bump allocator owned by a story (see arena.h).
 */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

#define BF_ARENA_BLOCK ((size_t)64 * 1024)

struct bf_arena_block {
  bf_arena_block *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
};

void bf_arena_init(bf_arena *a) {
  a->head = NULL;
  a->used = 0;
}

void bf_arena_release(bf_arena *a) {
  bf_arena_block *b = a->head;
  while (b) {
    bf_arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
  a->used = 0;
}

static bf_arena_block *new_block(size_t min_size) {
  size_t size = min_size > BF_ARENA_BLOCK ? min_size : BF_ARENA_BLOCK;
  bf_arena_block *b = malloc(sizeof *b + size);
  if (!b)
    return NULL;
  b->size = size;
  b->used = 0;
  b->next = NULL;
  return b;
}

void *bf_arena_alloc(bf_arena *a, size_t size) {
  size = (size + 15) & ~(size_t)15;
  if (size == 0)
    size = 16;
  bf_arena_block *b = a->head;
  if (!b || b->size - b->used < size) {
    bf_arena_block *nb = new_block(size);
    if (!nb)
      return NULL;
    if (b && size > BF_ARENA_BLOCK / 4) {
      /* A large request gets its own block behind the current one, so the
       * space left in the current block is not wasted. */
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      a->head = nb;
    }
    b = nb;
  }
  void *p = b->data + b->used;
  b->used += size;
  a->used += size;
  memset(p, 0, size);
  return p;
}

char *bf_arena_strndup(bf_arena *a, const char *s, size_t len) {
  if (!s)
    len = 0;
  char *p = bf_arena_alloc(a, len + 1);
  if (!p)
    return NULL;
  if (len)
    memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *bf_arena_strdup(bf_arena *a, const char *s) {
  return bf_arena_strndup(a, s, s ? strlen(s) : 0);
}
