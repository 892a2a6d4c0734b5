/*
 * analyse.c - the analyse stage: concepts and how widely each is reported.
 *
 * Owns the concept layer. A sentence's concepts are its content stems
 * (unigrams) and the bigrams of adjacent stems that are not both stopwords,
 * each counted once per sentence. For every concept and every stem it
 * records in how many distinct articles it occurs: the evidence that
 * several sources report the same thing.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

typedef struct analyser {
  brief_story *st;
  bf_keymap keys;                /* concept key -> concept id */
  BF_VEC(uint32_t) last_article; /* concept id -> last article + 1 */
  BF_VEC(uint32_t) stem_last;    /* stem id -> last article + 1 */
  BF_VEC(uint32_t) last_sent;    /* concept id -> last sentence + 1 */
  uint32_t sent;                 /* current sentence + 1 */
} analyser;

static int count_stem(analyser *an, uint32_t stem, uint32_t art) {
  brief_story *st = an->st;
  if (BF_VEC_RESERVE(an->stem_last, stem + 1) ||
      BF_VEC_RESERVE(st->stem_df, stem + 1))
    return -1;
  while (an->stem_last.n <= stem) {
    an->stem_last.v[an->stem_last.n++] = 0;
    st->stem_df.v[st->stem_df.n++] = 0;
  }
  if (an->stem_last.v[stem] != art + 1) {
    an->stem_last.v[stem] = art + 1;
    st->stem_df.v[stem]++;
  }
  return 0;
}

/* Kind flags one token contributes to the concepts it is part of. A
 * capital only says "name" away from the sentence start. */
static uint8_t token_kind(const bf_token *t, int first_word) {
  uint8_t kind = 0;
  if (t->flags & BF_TOK_STOP)
    kind |= BF_CONCEPT_STOP;
  if (t->flags & BF_TOK_NUM)
    kind |= BF_CONCEPT_NUM;
  if ((t->flags & BF_TOK_CAP) && !first_word)
    kind |= BF_CONCEPT_CAP;
  return kind;
}

/* Adds a concept to the current sentence unless it is already there. */
static int add_concept(analyser *an, uint64_t key, uint32_t art, uint8_t kind) {
  brief_story *st = an->st;
  int is_new;
  uint32_t id = bf_keymap_intern(&an->keys, key, &is_new);
  if (!id)
    return -1;
  if (is_new) {
    if (BF_VEC_PUSH(an->last_article, 0) || BF_VEC_PUSH(st->concept_df, 0) ||
        BF_VEC_PUSH(an->last_sent, 0) || BF_VEC_PUSH(st->concept_kind, 0))
      return -1;
  }
  st->concept_kind.v[id - 1] |= kind;
  if (an->last_sent.v[id - 1] == an->sent)
    return 0;
  an->last_sent.v[id - 1] = an->sent;
  if (BF_VEC_PUSH(st->concepts, id))
    return -1;
  if (an->last_article.v[id - 1] != art + 1) {
    an->last_article.v[id - 1] = art + 1;
    st->concept_df.v[id - 1]++;
  }
  return 0;
}

static int analyse_sentence(analyser *an, bf_sentence *s) {
  brief_story *st = an->st;
  const bf_token *t = st->toks.v + s->tok_first;
  size_t first = st->concepts.n;
  uint32_t prev = 0;
  int prev_stop = 1;
  uint8_t prev_kind = 0;
  int first_word = 1;
  s->concept_first = (uint32_t)first;
  for (size_t k = 0; k < s->tok_count; k++) {
    if (!t[k].stem) {
      /* Punctuation breaks bigrams, except quotes and apostrophes. */
      if (!(t[k].flags & (BF_TOK_OPENQ | BF_TOK_CLOSEQ)))
        prev = 0;
      continue;
    }
    int stop = (t[k].flags & BF_TOK_STOP) != 0;
    uint8_t kind = token_kind(&t[k], first_word);
    first_word = 0;
    if (count_stem(an, t[k].stem, s->article))
      return -1;
    if (!stop &&
        add_concept(an, bf_concept_key(0, t[k].stem), s->article, kind))
      return -1;
    if (prev && !(stop && prev_stop) &&
        add_concept(an, bf_concept_key(prev, t[k].stem), s->article,
                    (uint8_t)(BF_CONCEPT_BIGRAM | kind | prev_kind)))
      return -1;
    prev = t[k].stem;
    prev_stop = stop;
    prev_kind = kind;
  }
  s->concept_count = (uint32_t)(st->concepts.n - first);
  return 0;
}

brief_status bf_analyse_story(brief_story *st, brief_error *err) {
  if (st->analysed)
    return BRIEF_OK;
  brief_status status = bf_segment_story(st, err);
  if (status != BRIEF_OK)
    return status;
  analyser an;
  memset(&an, 0, sizeof an);
  an.st = st;
  st->concepts.n = st->concept_df.n = st->stem_df.n = 0;
  st->concept_kind.n = 0;
  if (bf_keymap_init(&an.keys, st->toks.n))
    status = bf_fail(err, BRIEF_ERR_NOMEM, "analyse: out of memory");
  for (size_t i = 0; status == BRIEF_OK && i < st->sents.n; i++) {
    an.sent = (uint32_t)i + 1;
    if (analyse_sentence(&an, &st->sents.v[i]))
      status = bf_fail(err, BRIEF_ERR_NOMEM, "analyse: out of memory");
  }
  st->n_concepts = an.keys.n;
  bf_keymap_release(&an.keys);
  BF_VEC_FREE(an.last_article);
  BF_VEC_FREE(an.stem_last);
  BF_VEC_FREE(an.last_sent);
  if (status == BRIEF_OK)
    st->analysed = 1;
  return status;
}
