/*
 * wordnet_exc.h - WordNet's morphological exception lists, as ROUGE-1.5.5
 * uses them for -m: an irregular form maps to its base form before Porter
 * stemming is tried (said -> say, children -> child, better -> well).
 *
 * The lists are the four `*.exc` files of a WordNet installation. They are
 * read in the order adj, adv, noun, verb; a form listed in several files
 * takes the base of the last one, and each line's first base form is used.
 */
#ifndef BRIEF_WORDNET_EXC_H
#define BRIEF_WORDNET_EXC_H

#include "brief.h"
#include "core/arena.h"
#include "core/lexicon.h"
#include "core/vec.h"

typedef struct bf_wn_base {
  const char *s; /* arena string */
  uint32_t len;
} bf_wn_base;

typedef struct bf_wn_exc {
  bf_arena arena;
  bf_lexicon forms;         /* irregular form -> id */
  BF_VEC(bf_wn_base) bases; /* id -> base form; [0] unused */
} bf_wn_exc;

/* Loads {adj,adv,noun,verb}.exc from `dir`. On failure the message names
 * the file; the table is left empty but may still be released. */
brief_status bf_wn_exc_load(bf_wn_exc *exc, const char *dir, brief_error *err);
void bf_wn_exc_release(bf_wn_exc *exc);

/* The base form of s[0..len), or NULL when the form is not listed. */
const char *bf_wn_exc_find(const bf_wn_exc *exc, const char *s, size_t len,
                           size_t *base_len);

#endif
