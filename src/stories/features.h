/*
 * features.h - what the story desk knows of one article: its features.
 *
 * Computing features is the per-article, stateless half of the desk: any
 * number of workers can do it, and the result is plain data (hashes and
 * counts, no ids local to a process), so it can be stored, sent to another
 * machine and assigned there.
 */
#ifndef BRIEF_STORIES_FEATURES_H
#define BRIEF_STORIES_FEATURES_H

#include "core/lexicon.h"
#include "core/vec.h"

#include <stddef.h>
#include <stdint.h>

/* MinHash of the article's word shingles: near-duplicates and syndicated
 * copies are found by banding it. */
enum {
  BF_DUP_HASHES = 32,
  BF_DUP_ROWS = 4,
  BF_DUP_BANDS = BF_DUP_HASHES / BF_DUP_ROWS,
  BF_DUP_SHINGLE = 4 /* words per shingle */
};

/* A term or name word, by the 64-bit hash of its normalised string. */
typedef struct bf_keycount {
  uint64_t key;
  uint32_t count;
} bf_keycount;

typedef BF_VEC(bf_keycount) bf_keycounts;

/* A full name as written ("Bashar al-Assad"), for display. */
typedef struct bf_name_form {
  uint64_t key; /* hash of the folded name */
  uint32_t count;
  char text[48]; /* as first written, cut at a character boundary */
} bf_name_form;

typedef struct bf_features {
  bf_keycounts terms;         /* content-word stems, ascending keys */
  bf_keycounts names;         /* words of capitalised names, ascending keys */
  bf_keycounts title;         /* the title's content-word stems */
  BF_VEC(bf_name_form) forms; /* full names, most mentioned first */
  uint32_t dup_sig[BF_DUP_HASHES];
  uint32_t words; /* word tokens in the text */
} bf_features;

void bf_features_init(bf_features *f);
void bf_features_release(bf_features *f);

/* Tokenizer state reused across articles: a cache from folded word forms to
 * their stem hash, so each distinct word is stemmed once. One per thread. */
typedef struct bf_featurizer bf_featurizer;

/* NULL when out of memory. */
bf_featurizer *bf_featurizer_new(void);
void bf_featurizer_free(bf_featurizer *fz);

/* Features of a cleaned article (UTF-8, one paragraph per line) and its
 * title (may be NULL). Returns 0, or -1 when out of memory. */
int bf_featurize(bf_featurizer *fz, const char *text, size_t len,
                 const char *title, size_t title_len, bf_features *out);

#endif
