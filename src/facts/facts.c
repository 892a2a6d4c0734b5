/*
 * facts.c - placeholder until the facts stage lands.
 */
#include "core/error.h"
#include "render/render.h"

brief_status brief_facts_extract(brief_story *story, const brief_options *opts,
                                 brief_facts **out, brief_error *err) {
  (void)story;
  (void)opts;
  if (out)
    *out = NULL;
  return bf_fail(err, BRIEF_ERR_UNSUPPORTED, "facts: not built yet");
}

void brief_facts_free(brief_facts *facts) {
  (void)facts;
}

void bf_facts_render_text(bf_buf *b, const brief_story *st,
                          const brief_facts *f) {
  (void)b, (void)st, (void)f;
}

void bf_facts_render_markdown(bf_buf *b, const brief_story *st,
                              const brief_facts *f) {
  (void)b, (void)st, (void)f;
}

json_t *bf_facts_to_json(const brief_story *st, const brief_facts *f) {
  (void)st, (void)f;
  return json_object();
}

brief_status brief_render_facts(const brief_story *story,
                                const brief_facts *facts, brief_format format,
                                char **out, brief_error *err) {
  (void)story, (void)facts, (void)format;
  if (out)
    *out = NULL;
  return bf_fail(err, BRIEF_ERR_UNSUPPORTED, "facts: not built yet");
}
