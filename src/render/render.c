/*
 * render.c - the render stage: a summary (and facts) as text, markdown or
 * JSON. Owns the output formats; the JSON schema is documented in README.
 */
#include "render/render.h"

#include "core/error.h"

#include <stdlib.h>
#include <string.h>

void bf_render_citation(bf_buf *b, const brief_sentence_view *v) {
  /* Sources in ascending article order read best in a citation. */
  size_t *s = malloc((v->source_count + 1) * sizeof *s);
  if (!s) {
    b->oom = 1;
    return;
  }
  memcpy(s, v->sources, v->source_count * sizeof *s);
  for (size_t i = 1; i < v->source_count; i++)
    for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
      size_t t = s[j];
      s[j] = s[j - 1];
      s[j - 1] = t;
    }
  bf_buf_putc(b, '[');
  for (size_t i = 0; i < v->source_count; i++)
    bf_buf_printf(b, "%s%zu", i ? "," : "", s[i] + 1);
  bf_buf_putc(b, ']');
  free(s);
}

static void source_line(bf_buf *b, const bf_article *a, size_t i, int md) {
  if (md)
    bf_buf_printf(b, "%zu. **%s**", i + 1, a->id);
  else
    bf_buf_printf(b, "[%zu] %s", i + 1, a->id);
  if (*a->title)
    bf_buf_printf(b, " - %s", a->title);
  if (*a->source || *a->date) {
    bf_buf_puts(b, " (");
    bf_buf_puts(b, a->source);
    if (*a->source && *a->date)
      bf_buf_puts(b, ", ");
    bf_buf_puts(b, a->date);
    bf_buf_putc(b, ')');
  }
  if (*a->url)
    bf_buf_printf(b, md ? " <%s>" : " %s", a->url);
  bf_buf_putc(b, '\n');
}

static void render_text(bf_buf *b, const brief_story *st,
                        const brief_summary *sum, const brief_facts *f) {
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    bf_buf_append(b, v.text, v.text_len);
    bf_buf_putc(b, ' ');
    bf_render_citation(b, &v);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\nSources:\n");
  for (size_t i = 0; i < st->articles.n; i++)
    source_line(b, &st->articles.v[i], i, 0);
  if (f)
    bf_facts_render_text(b, st, f);
}

static void render_markdown(bf_buf *b, const brief_story *st,
                            const brief_summary *sum, const brief_facts *f) {
  brief_sentence_view v;
  bf_buf_puts(b, "## Summary\n\n");
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    bf_buf_puts(b, "- ");
    bf_buf_append(b, v.text, v.text_len);
    bf_buf_puts(b, " ");
    bf_render_citation(b, &v);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\n## Sources\n\n");
  for (size_t i = 0; i < st->articles.n; i++)
    source_line(b, &st->articles.v[i], i, 1);
  if (f)
    bf_facts_render_markdown(b, st, f);
}

static const char *selector_name(brief_selector s) {
  switch (s) {
  case BRIEF_SELECT_GREEDY:
    return "greedy";
  case BRIEF_SELECT_LEAD:
    return "lead";
  case BRIEF_SELECT_RR_OLDEST:
    return "rr-oldest";
  case BRIEF_SELECT_RR_NEWEST:
    return "rr-newest";
  }
  return "unknown";
}

static json_t *options_json(const brief_options *o) {
  return json_pack("{s:i, s:b, s:b, s:s, s:f, s:b, s:i, s:i}", "words",
                   o->words, "auto_words", o->auto_words, "facts", o->facts,
                   "selector", selector_name(o->selector), "dup_threshold",
                   o->dup_threshold, "compress", o->compress,
                   "min_sentence_words", o->min_sentence_words,
                   "max_sentence_words", o->max_sentence_words);
}

static json_t *sentence_json(const brief_story *st,
                             const brief_sentence_view *v) {
  json_t *ids = json_array(), *nums = json_array();
  for (size_t k = 0; k < v->source_count; k++) {
    json_array_append_new(ids, json_string(st->articles.v[v->sources[k]].id));
    json_array_append_new(nums, json_integer((json_int_t)v->sources[k] + 1));
  }
  return json_pack("{s:s%, s:o, s:o, s:s, s:I, s:I, s:I, s:f}", "text", v->text,
                   v->text_len, "sources", ids, "source_numbers", nums,
                   "article", st->articles.v[v->article].id, "position",
                   (json_int_t)v->position, "start", (json_int_t)v->start,
                   "end", (json_int_t)v->end, "score", v->score);
}

static json_t *sources_json(const brief_story *st) {
  json_t *arr = json_array();
  for (size_t i = 0; i < st->articles.n; i++) {
    const bf_article *a = &st->articles.v[i];
    json_array_append_new(
        arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I}", "number",
                       (json_int_t)i + 1, "id", a->id, "source", a->source,
                       "url", a->url, "title", a->title, "date", a->date,
                       "words", (json_int_t)a->words, "sentences",
                       (json_int_t)a->sent_count));
  }
  return arr;
}

static json_t *warnings_json(const brief_story *st) {
  json_t *arr = json_array();
  for (size_t i = 0; i < st->warnings.n; i++)
    json_array_append_new(arr, json_string(st->warnings.v[i]));
  return arr;
}

char *bf_json_dump(json_t *v) {
  return v ? json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                               JSON_ENSURE_ASCII * 0)
           : NULL;
}

static char *render_json(const brief_story *st, const brief_summary *sum,
                         const brief_facts *f, const brief_options *o) {
  brief_options defaults;
  if (!o) {
    brief_options_init(&defaults);
    o = &defaults;
  }
  json_t *sents = json_array();
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    json_array_append_new(sents, sentence_json(st, &v));
  }
  json_t *root =
      json_pack("{s:s, s:o, s:I, s:o, s:o, s:o}", "version", BRIEF_VERSION,
                "options", options_json(o), "words",
                (json_int_t)brief_summary_word_count(sum), "summary", sents,
                "sources", sources_json(st), "warnings", warnings_json(st));
  if (root && f)
    json_object_set_new(root, "facts", bf_facts_to_json(st, f));
  char *s = bf_json_dump(root);
  json_decref(root);
  return s;
}

brief_status brief_render(const brief_story *st, const brief_summary *sum,
                          const brief_facts *f, const brief_options *o,
                          brief_format format, char **out, brief_error *err) {
  if (!st || !sum || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render: NULL argument");
  *out = NULL;
  if (format == BRIEF_FORMAT_JSON) {
    char *s = render_json(st, sum, f, o);
    if (!s)
      return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
    /* jansson allocates with malloc by default: brief_free releases it. */
    *out = s;
    return BRIEF_OK;
  }
  bf_buf b;
  bf_buf_init(&b);
  if (format == BRIEF_FORMAT_MARKDOWN)
    render_markdown(&b, st, sum, f);
  else if (format == BRIEF_FORMAT_TEXT)
    render_text(&b, st, sum, f);
  else
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", format);
  *out = bf_buf_take(&b);
  if (!*out)
    return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
  return BRIEF_OK;
}
