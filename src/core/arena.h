/*
 * arena.h - bump allocation for everything a story owns.
 *
 * A story's articles, sentences and strings live as long as the story, so
 * they come from one arena that is released in one call. Growable arrays that
 * are rebuilt during a stage use plain malloc (see vec.h) instead.
 */
#ifndef BRIEF_ARENA_H
#define BRIEF_ARENA_H

#include <stddef.h>

typedef struct bf_arena_block bf_arena_block;

typedef struct bf_arena {
  bf_arena_block *head;
  size_t used; /* bytes handed out, for memory reports */
} bf_arena;

void bf_arena_init(bf_arena *a);
void bf_arena_release(bf_arena *a);

/* Returns zeroed, 16-byte aligned memory, or NULL when out of memory. */
void *bf_arena_alloc(bf_arena *a, size_t size);

/* Copies `len` bytes and a terminating NUL; NULL `s` gives "". */
char *bf_arena_strndup(bf_arena *a, const char *s, size_t len);
char *bf_arena_strdup(bf_arena *a, const char *s);

#endif
