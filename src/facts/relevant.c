/*
 * relevant.c - the facts that bear on a question: when a brief answers
 * one, the facts stage keeps what its sentences hold.
 *
 * A fact bears on the question when a sentence it comes from holds one of
 * the question's words (the focus stage's test): a figure group when one
 * of its figures does, a quote, an event by its first mention, and a name
 * mentioned in such a sentence or speaking a kept quote. Everything else
 * is dropped and the indices between the kept facts are renumbered.
 */
#include "core/error.h"
#include "facts/facts.h"
#include "pipeline/pipeline.h"

#include <stdint.h>
#include <stdlib.h>

static int relevant(const bf_focus *focus, uint32_t sent) {
  return focus->hits[sent] > 0;
}

static void keep_groups(brief_facts *f, const bf_focus *focus) {
  size_t n = 0;
  for (size_t g = 0; g < f->groups.n; g++) {
    bf_figgroup *gr = &f->groups.v[g];
    int keep = 0;
    for (size_t k = 0; k < gr->nfigs && !keep; k++)
      keep = relevant(focus, f->figs.v[gr->figs[k]].sent);
    for (size_t k = 0; k < gr->nfigs; k++)
      f->figs.v[gr->figs[k]].group = keep ? (uint32_t)n : UINT32_MAX;
    if (keep)
      f->groups.v[n++] = *gr;
  }
  f->groups.n = n;
}

static void keep_quotes(brief_facts *f, const bf_focus *focus,
                        uint8_t *speaks) {
  size_t n = 0;
  for (size_t q = 0; q < f->quotes.n; q++) {
    bf_quote *qu = &f->quotes.v[q];
    if (!relevant(focus, qu->sent))
      continue;
    if (qu->entity != SIZE_MAX)
      speaks[qu->entity] = 1;
    f->quotes.v[n++] = *qu;
  }
  f->quotes.n = n;
}

static void keep_events(brief_facts *f, const bf_focus *focus) {
  size_t n = 0;
  for (size_t e = 0; e < f->events.n; e++)
    if (relevant(focus, f->events.v[e].sent))
      f->events.v[n++] = f->events.v[e];
  f->events.n = n;
}

/* Keeps the names mentioned in a relevant sentence or speaking a kept
 * quote; `to` maps an old index to the new one or UINT32_MAX. */
static void keep_entities(brief_facts *f, const bf_focus *focus, uint8_t *keep,
                          uint32_t *to) {
  for (size_t m = 0; m < f->mentions.n; m++)
    if (relevant(focus, f->mentions.v[m].sent))
      keep[f->mentions.v[m].entity] = 1;
  size_t n = 0;
  for (size_t e = 0; e < f->ents.n; e++) {
    to[e] = keep[e] ? (uint32_t)n : UINT32_MAX;
    if (keep[e])
      f->ents.v[n++] = f->ents.v[e];
  }
  f->ents.n = n;
  size_t k = 0;
  for (size_t m = 0; m < f->mentions.n; m++) {
    bf_mention mt = f->mentions.v[m];
    if (to[mt.entity] == UINT32_MAX)
      continue;
    mt.entity = to[mt.entity];
    f->mentions.v[k++] = mt;
  }
  f->mentions.n = k;
  for (size_t q = 0; q < f->quotes.n; q++)
    if (f->quotes.v[q].entity != SIZE_MAX)
      f->quotes.v[q].entity = to[f->quotes.v[q].entity];
}

brief_status bf_facts_keep_relevant(brief_facts *f, const bf_focus *focus,
                                    brief_error *err) {
  if (!focus->nquery)
    return BRIEF_OK;
  uint8_t *keep = calloc(f->ents.n + 1, 1);
  uint32_t *to = malloc((f->ents.n + 1) * sizeof *to);
  if (!keep || !to) {
    free(keep);
    free(to);
    return bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  }
  keep_groups(f, focus);
  keep_quotes(f, focus, keep);
  keep_events(f, focus);
  keep_entities(f, focus, keep, to);
  free(keep);
  free(to);
  return BRIEF_OK;
}
