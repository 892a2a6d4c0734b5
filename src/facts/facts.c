/*
 * facts.c - the facts stage's driver: brief_facts_extract runs the
 * extractors in order over one extraction context, and the public
 * accessors read their results.
 *
 * Owns struct brief_facts's life.
 */
#include "facts/cues.h"

#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

const brief_wordnet *bf_facts_wordnet(brief_story *story,
                                      const brief_options *opts,
                                      brief_wordnet **owned) {
  *owned = NULL;
  if (opts && opts->wordnet)
    return opts->wordnet;
  const char *dir =
      opts && opts->wordnet_dir ? opts->wordnet_dir : BRIEF_WORDNET_DIR;
  *owned = bf_wordnet_open(dir);
  if (!*owned)
    bf_story_warn_once(story,
                       "facts: WordNet not found in %.300s (Debian package "
                       "wordnet-base); people, places and organisations are "
                       "told apart by cue words only",
                       dir);
  return *owned;
}

brief_status bf_facts_extract_with(brief_story *story, const brief_wordnet *wn,
                                   brief_facts **out, brief_error *err) {
  *out = NULL;
  if (story->articles.n == 0)
    return bf_fail(err, BRIEF_ERR_EMPTY, "facts: the story has no article");
  brief_status s = bf_segment_story(story, err);
  if (s != BRIEF_OK)
    return s;
  brief_facts *f = calloc(1, sizeof *f);
  if (!f)
    return bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  bf_arena_init(&f->arena);
  f->story = story;
  bf_fx x = {story, f, NULL, 0, wn};
  if (bf_cues_build(&x))
    s = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  else if ((s = bf_facts_entities(&x, err)) == BRIEF_OK &&
           (s = bf_facts_quotes(&x, err)) == BRIEF_OK &&
           (s = bf_facts_figures(&x, err)) == BRIEF_OK)
    s = bf_facts_timeline(&x, err);
  free(x.wi);
  if (s != BRIEF_OK) {
    brief_facts_free(f);
    return s;
  }
  *out = f;
  return BRIEF_OK;
}

/* With a question in the options, drops the facts that do not bear on it.
 * A question none of whose words is in the story keeps them all, with the
 * warning a summary gives it. */
static brief_status keep_answering(brief_story *story, const brief_options *o,
                                   brief_facts *f, brief_error *err) {
  if (!o || !o->query)
    return BRIEF_OK;
  bf_focus focus;
  brief_status s =
      bf_focus_build(story, o->query, story->articles.n, &focus, err);
  if (s != BRIEF_OK)
    return s;
  if (!focus.nquery)
    bf_story_warn_once(story, BF_QUERY_NOT_FOUND_WARNING);
  s = bf_facts_keep_relevant(f, &focus, err);
  bf_focus_release(&focus);
  return s;
}

brief_status brief_facts_extract(brief_story *story, const brief_options *opts,
                                 brief_facts **out, brief_error *err) {
  if (!story || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_facts_extract: NULL argument");
  *out = NULL;
  if (story->articles.n == 0)
    return bf_fail(err, BRIEF_ERR_EMPTY, "facts: the story has no article");
  brief_status s =
      opts && opts->query ? bf_focus_check_query(opts->query, err) : BRIEF_OK;
  if (s != BRIEF_OK)
    return s;
  brief_wordnet *owned;
  const brief_wordnet *wn = bf_facts_wordnet(story, opts, &owned);
  s = bf_facts_extract_with(story, wn, out, err);
  brief_wordnet_close(owned);
  if (s == BRIEF_OK && (s = keep_answering(story, opts, *out, err))) {
    brief_facts_free(*out);
    *out = NULL;
  }
  return s;
}

void brief_facts_free(brief_facts *f) {
  if (!f)
    return;
  BF_VEC_FREE(f->figs);
  BF_VEC_FREE(f->groups);
  BF_VEC_FREE(f->quotes);
  BF_VEC_FREE(f->ents);
  BF_VEC_FREE(f->mentions);
  BF_VEC_FREE(f->events);
  BF_VEC_FREE(f->dates);
  bf_arena_release(&f->arena);
  free(f);
}

/* ---- accessors ---------------------------------------------------------- */

const char *brief_verdict_name(brief_verdict v) {
  switch (v) {
  case BRIEF_VERDICT_SINGLE:
    return "single";
  case BRIEF_VERDICT_AGREE:
    return "agree";
  case BRIEF_VERDICT_RANGE:
    return "range";
  case BRIEF_VERDICT_CONFLICT:
    return "conflict";
  }
  return "unknown";
}

const char *brief_entity_type_name(brief_entity_type t) {
  switch (t) {
  case BRIEF_ENTITY_OTHER:
    return "other";
  case BRIEF_ENTITY_PERSON:
    return "person";
  case BRIEF_ENTITY_ORGANIZATION:
    return "organization";
  case BRIEF_ENTITY_PLACE:
    return "place";
  }
  return "unknown";
}

static void span_out(const brief_facts *f, uint32_t art, bf_span32 sp,
                     const char **p, size_t *len) {
  *p = f->story->articles.v[art].text + sp.start;
  *len = sp.end - sp.start;
}

size_t brief_facts_figure_group_count(const brief_facts *f) {
  return f ? f->groups.n : 0;
}

brief_status brief_facts_figure_group(const brief_facts *f, size_t i,
                                      brief_figure_group_view *out) {
  if (!f || !out || i >= f->groups.n)
    return BRIEF_ERR_ARG;
  const bf_figgroup *g = &f->groups.v[i];
  out->measure = g->measure;
  out->unit = g->unit;
  out->verdict = g->verdict;
  out->figure_count = g->nfigs;
  out->sources = g->sources;
  out->source_count = g->nsources;
  return BRIEF_OK;
}

brief_status brief_facts_figure(const brief_facts *f, size_t group, size_t k,
                                brief_figure_view *out) {
  if (!f || !out || group >= f->groups.n || k >= f->groups.v[group].nfigs)
    return BRIEF_ERR_ARG;
  const bf_figure *g = &f->figs.v[f->groups.v[group].figs[k]];
  const bf_sentence *s = &f->story->sents.v[g->sent];
  out->value = g->value;
  out->low = g->low;
  out->high = g->high;
  out->is_range = g->is_range;
  out->qualifier = g->qual;
  out->unit = g->unit;
  span_out(f, g->art, g->text, &out->text, &out->text_len);
  span_out(f, g->art, g->noun, &out->noun, &out->noun_len);
  span_out(f, g->art, g->verb, &out->verb, &out->verb_len);
  span_out(f, g->art, g->span, &out->span, &out->span_len);
  span_out(f, g->art, g->attr, &out->attribution, &out->attribution_len);
  out->article = g->art;
  out->sentence = s->pos;
  out->sentence_start = s->start;
  out->sentence_end = s->end;
  out->start = g->text.start;
  out->end = g->text.end;
  return BRIEF_OK;
}

size_t brief_facts_quote_count(const brief_facts *f) {
  return f ? f->quotes.n : 0;
}

brief_status brief_facts_quote(const brief_facts *f, size_t i,
                               brief_quote_view *out) {
  if (!f || !out || i >= f->quotes.n)
    return BRIEF_ERR_ARG;
  const bf_quote *q = &f->quotes.v[i];
  span_out(f, q->art, q->text, &out->text, &out->text_len);
  out->speaker = q->speaker;
  out->said_by = q->said_by;
  out->speaker_entity = q->entity;
  out->partial = q->partial;
  out->article = q->art;
  out->start = q->text.start;
  out->end = q->text.end;
  out->mention_count = q->mentions;
  out->sources = q->sources;
  out->source_count = q->nsources;
  return BRIEF_OK;
}

size_t brief_facts_entity_count(const brief_facts *f) {
  return f ? f->ents.n : 0;
}

brief_status brief_facts_entity(const brief_facts *f, size_t i,
                                brief_entity_view *out) {
  if (!f || !out || i >= f->ents.n)
    return BRIEF_ERR_ARG;
  const bf_entity *e = &f->ents.v[i];
  out->name = e->name;
  out->type = e->type;
  out->variants = e->variants;
  out->variant_count = e->nvariants;
  out->mention_count = e->mentions;
  out->sources = e->sources;
  out->source_mentions = e->counts;
  out->source_count = e->nsources;
  return BRIEF_OK;
}

size_t brief_facts_event_count(const brief_facts *f) {
  return f ? f->events.n : 0;
}

brief_status brief_facts_event(const brief_facts *f, size_t i,
                               brief_event_view *out) {
  if (!f || !out || i >= f->events.n)
    return BRIEF_ERR_ARG;
  const bf_event *e = &f->events.v[i];
  const bf_sentence *s = &f->story->sents.v[e->sent];
  out->date = e->date;
  span_out(f, e->art, e->expr, &out->expression, &out->expression_len);
  out->text = f->story->articles.v[e->art].text + s->start;
  out->text_len = s->end - s->start;
  out->article = e->art;
  out->sentence = s->pos;
  out->mention_count = e->mentions;
  out->sources = e->sources;
  out->source_count = e->nsources;
  return BRIEF_OK;
}
