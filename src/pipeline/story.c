/*
 * story.c - the brief_story object: creation, release, warnings and the
 * read-only article views. The layers inside are built by the stages.
 */
#include "core/corpus.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

brief_story *brief_story_new(void) {
  brief_story *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  bf_arena_init(&s->arena);
  return s;
}

void brief_story_free(brief_story *s) {
  if (!s)
    return;
  for (size_t i = 0; i < s->warnings.n; i++)
    free(s->warnings.v[i]);
  BF_VEC_FREE(s->warnings);
  BF_VEC_FREE(s->articles);
  BF_VEC_FREE(s->sents);
  BF_VEC_FREE(s->toks);
  BF_VEC_FREE(s->concepts);
  BF_VEC_FREE(s->concept_df);
  BF_VEC_FREE(s->concept_kind);
  BF_VEC_FREE(s->concept_key);
  BF_VEC_FREE(s->stem_df);
  if (s->maps_ready) {
    bf_keymap_release(&s->ids);
    bf_keymap_release(&s->texts);
  }
  BF_VEC_FREE(s->text_owner);
  if (s->lex_ready)
    bf_lexicon_release(&s->lex);
  bf_arena_release(&s->arena);
  free(s);
}

/* Adds a formatted warning; with `once`, not when the story has it. */
static void add_warning(brief_story *s, int once, const char *fmt, va_list ap) {
  char buf[512];
  vsnprintf(buf, sizeof buf, fmt, ap);
  for (size_t i = 0; once && i < s->warnings.n; i++)
    if (strcmp(s->warnings.v[i], buf) == 0)
      return;
  char *copy = strdup(buf);
  if (copy && BF_VEC_PUSH(s->warnings, copy))
    free(copy);
}

void bf_story_warn(brief_story *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_warning(s, 0, fmt, ap);
  va_end(ap);
}

void bf_story_warn_once(brief_story *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  add_warning(s, 1, fmt, ap);
  va_end(ap);
}

void brief_story_set_limits(brief_story *s, const brief_story_limits *l) {
  if (s && l)
    s->limits = *l;
}

size_t brief_story_warning_count(const brief_story *s) {
  return s ? s->warnings.n : 0;
}

const char *brief_story_warning(const brief_story *s, size_t i) {
  return (s && i < s->warnings.n) ? s->warnings.v[i] : NULL;
}

size_t brief_story_article_count(const brief_story *s) {
  return s ? s->articles.n : 0;
}

brief_status brief_story_article(const brief_story *s, size_t i,
                                 brief_article_view *out) {
  if (!s || !out || i >= s->articles.n)
    return BRIEF_ERR_ARG;
  const bf_article *a = &s->articles.v[i];
  out->id = a->id;
  out->source = a->source;
  out->url = a->url;
  out->title = a->title;
  out->date = a->date;
  out->text = a->text;
  out->text_len = a->len;
  out->sentence_count = s->segmented ? a->sent_count : 0;
  out->word_count = a->words;
  return BRIEF_OK;
}
