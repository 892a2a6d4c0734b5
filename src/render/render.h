/*
 * render.h - the render stage's internal interface.
 *
 * The facts layer renders its own sections through these hooks, so the
 * summary renderers never look inside brief_facts.
 */
#ifndef BRIEF_RENDER_H
#define BRIEF_RENDER_H

#include "core/corpus.h"
#include "core/vec.h"

#include <jansson.h>

/* Implemented in src/facts: append the facts sections to a text or
 * markdown report, or build the "facts" JSON object (new reference, NULL
 * when out of memory). */
void bf_facts_render_text(bf_buf *b, const brief_story *st,
                          const brief_facts *f);
void bf_facts_render_markdown(bf_buf *b, const brief_story *st,
                              const brief_facts *f);
json_t *bf_facts_to_json(const brief_story *st, const brief_facts *f);

/* The citation label of a sentence: "[1,3]" with 1-based article numbers. */
void bf_render_citation(bf_buf *b, const brief_sentence_view *v);

/* Dumps a JSON value into a malloc'd string (caller frees), or NULL. */
char *bf_json_dump(json_t *v);

#endif
