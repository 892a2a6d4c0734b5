/*
 * analyse.c - the analyse stage: concepts and how widely each is reported.
 *
 * Owns the concept layer. A sentence's concepts are its content stems
 * (unigrams) and the bigrams of adjacent stems that are not both stopwords,
 * each counted once per sentence. For every concept and every stem it
 * records in how many distinct articles it occurs: the evidence that
 * several sources report the same thing. It also tells later stages which
 * of a sentence's concepts survive when some of its tokens are left out.
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
        BF_VEC_PUSH(an->last_sent, 0) || BF_VEC_PUSH(st->concept_kind, 0) ||
        BF_VEC_PUSH(st->concept_key, key))
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

/* One occurrence of a concept: its key, kind and the sentence-relative
 * tokens it spans (the same token for a unigram). */
typedef int (*concept_fn)(void *ctx, uint64_t key, uint8_t kind, uint32_t first,
                          uint32_t last);

/* Calls fn for every concept occurrence in a sentence's tokens, in order:
 * each content stem, and each bigram of adjacent stems that are not both
 * stopwords. Punctuation breaks bigrams, except quotes and apostrophes.
 * The single definition of a concept, for the analyse stage and for
 * those that must know which concepts a shortened sentence keeps. */
static int walk_concepts(const bf_token *t, uint32_t n, concept_fn fn,
                         void *ctx) {
  uint32_t prev = 0, prev_k = 0;
  int prev_stop = 1, first_word = 1;
  uint8_t prev_kind = 0;
  for (uint32_t k = 0; k < n; k++) {
    if (!t[k].stem) {
      if (!(t[k].flags & (BF_TOK_OPENQ | BF_TOK_CLOSEQ)))
        prev = 0;
      continue;
    }
    int stop = (t[k].flags & BF_TOK_STOP) != 0;
    uint8_t kind = token_kind(&t[k], first_word);
    first_word = 0;
    if (!stop && fn(ctx, bf_concept_key(0, t[k].stem), kind, k, k))
      return -1;
    if (prev && !(stop && prev_stop) &&
        fn(ctx, bf_concept_key(prev, t[k].stem),
           (uint8_t)(BF_CONCEPT_BIGRAM | kind | prev_kind), prev_k, k))
      return -1;
    prev = t[k].stem;
    prev_k = k;
    prev_stop = stop;
    prev_kind = kind;
  }
  return 0;
}

typedef struct sentence_ctx {
  analyser *an;
  uint32_t article;
} sentence_ctx;

static int add_occurrence(void *ctx, uint64_t key, uint8_t kind, uint32_t first,
                          uint32_t last) {
  sentence_ctx *c = ctx;
  (void)first;
  (void)last;
  return add_concept(c->an, key, c->article, kind);
}

static int analyse_sentence(analyser *an, bf_sentence *s) {
  brief_story *st = an->st;
  const bf_token *t = st->toks.v + s->tok_first;
  size_t first = st->concepts.n;
  s->concept_first = (uint32_t)first;
  for (uint32_t k = 0; k < s->tok_count; k++)
    if (t[k].stem && count_stem(an, t[k].stem, s->article))
      return -1;
  sentence_ctx c = {an, s->article};
  if (walk_concepts(t, s->tok_count, add_occurrence, &c))
    return -1;
  s->concept_count = (uint32_t)(st->concepts.n - first);
  return 0;
}

/* The sentence's distinct concept keys in first-occurrence order, which
 * is the order of its concept list, and whether an occurrence survives. */
typedef struct survival {
  const uint8_t *dropped; /* per sentence token */
  uint64_t *keys;
  uint8_t *keep;
  uint32_t n, cap;
} survival;

static int note_survival(void *ctx, uint64_t key, uint8_t kind, uint32_t first,
                         uint32_t last) {
  survival *v = ctx;
  (void)kind;
  uint32_t j = 0;
  while (j < v->n && v->keys[j] != key)
    j++;
  if (j == v->n) {
    if (v->n == v->cap)
      return -1; /* more concepts than the sentence has: cannot happen */
    v->keys[v->n] = key;
    v->keep[v->n++] = 0;
  }
  if (!v->dropped[first] && !v->dropped[last])
    v->keep[j] = 1;
  return 0;
}

int bf_concepts_surviving(const brief_story *st, uint32_t i,
                          const uint8_t *dropped, uint8_t *keep) {
  const bf_sentence *s = &st->sents.v[i];
  survival v = {dropped, malloc((s->concept_count + 1) * sizeof *v.keys), keep,
                0, s->concept_count};
  int rc = v.keys &&
                   walk_concepts(st->toks.v + s->tok_first, s->tok_count,
                                 note_survival, &v) == 0 &&
                   v.n == s->concept_count
               ? 0
               : -1;
  free(v.keys);
  return rc;
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
  st->concept_kind.n = st->concept_key.n = 0;
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
