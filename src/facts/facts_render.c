/*
 * facts_render.c - facts as text, markdown and JSON: the three hooks the
 * summary renderers call (render/render.h) and brief_render_facts.
 *
 * Owns the facts' output formats. Text and markdown show a figures table
 * (measure, values with their sources, verdict), a quotes list, an entity
 * list and a timeline; JSON carries every field of every view. Article
 * numbers in citations are 1-based, as in the summary.
 */
#include "facts/facts.h"

#include "core/error.h"
#include "render/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared ------------------------------------------------------------- */

static void cite(bf_buf *b, const size_t *src, size_t n) {
  bf_buf_putc(b, '[');
  for (size_t i = 0; i < n; i++)
    bf_buf_printf(b, "%s%zu", i ? "," : "", src[i] + 1);
  bf_buf_putc(b, ']');
}

/* Appends text with newlines folded to spaces; in markdown tables a pipe
 * is escaped. */
static void put_clean(bf_buf *b, const char *s, size_t n, int md_cell) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
    if (md_cell && c == '|')
      bf_buf_putc(b, '\\');
    bf_buf_putc(b, c);
  }
}

/* The distinct values of a group: figures with the same qualifier and
 * numbers share a line, citing every article that gives it. */
typedef struct value_line {
  size_t fig; /* first figure with the value */
  size_t src[64];
  size_t nsrc;
} value_line;

static int same_value(const brief_figure_view *a, const brief_figure_view *b) {
  return a->value == b->value && a->is_range == b->is_range &&
         (!a->is_range || a->high == b->high) &&
         strcmp(a->qualifier, b->qualifier) == 0 &&
         strcmp(a->unit, b->unit) == 0;
}

/* Fills up to `cap` value lines of group g; returns how many. */
static size_t value_lines(const brief_facts *f, size_t g, value_line *out,
                          size_t cap) {
  brief_figure_group_view gv;
  brief_facts_figure_group(f, g, &gv);
  size_t n = 0;
  for (size_t k = 0; k < gv.figure_count; k++) {
    brief_figure_view v, w;
    brief_facts_figure(f, g, k, &v);
    size_t i = 0;
    for (; i < n; i++) {
      brief_facts_figure(f, g, out[i].fig, &w);
      if (same_value(&v, &w))
        break;
    }
    if (i == n) {
      if (n == cap)
        continue;
      out[n].fig = k;
      out[n].nsrc = 0;
      n++;
    }
    value_line *l = &out[i];
    int dup = 0;
    for (size_t j = 0; j < l->nsrc; j++)
      dup |= l->src[j] == v.article;
    if (!dup && l->nsrc < sizeof l->src / sizeof *l->src)
      l->src[l->nsrc++] = v.article;
  }
  return n;
}

static void put_values(bf_buf *b, const brief_facts *f, size_t g, int md) {
  value_line lines[16];
  size_t n = value_lines(f, g, lines, 16);
  for (size_t i = 0; i < n; i++) {
    brief_figure_view v;
    brief_facts_figure(f, g, lines[i].fig, &v);
    if (i)
      bf_buf_puts(b, "; ");
    put_clean(b, v.text, v.text_len, md);
    if (v.span_len) {
      bf_buf_puts(b, " (");
      put_clean(b, v.span, v.span_len, md);
      bf_buf_putc(b, ')');
    }
    bf_buf_putc(b, ' ');
    cite(b, lines[i].src, lines[i].nsrc);
  }
}

static const char *measure_or_dash(const char *m) {
  return *m ? m : "-";
}

/* ---- text --------------------------------------------------------------- */

void bf_facts_render_text(bf_buf *b, const brief_story *st,
                          const brief_facts *f) {
  (void)st;
  size_t ng = brief_facts_figure_group_count(f);
  bf_buf_puts(b, "\nFigures:\n");
  if (!ng)
    bf_buf_puts(b, "  (none)\n");
  size_t width = 8;
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    size_t l = strlen(measure_or_dash(gv.measure));
    if (l > width)
      width = l > 28 ? 28 : l;
  }
  if (ng)
    bf_buf_printf(b, "  %-8s  %-*s  %s\n", "verdict", (int)width, "measure",
                  "values [sources]");
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    bf_buf_printf(b, "  %-8s  %-*s  ", brief_verdict_name(gv.verdict),
                  (int)width, measure_or_dash(gv.measure));
    put_values(b, f, g, 0);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\nQuotes:\n");
  if (!brief_facts_quote_count(f))
    bf_buf_puts(b, "  (none)\n");
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_quote_view q;
    brief_facts_quote(f, i, &q);
    bf_buf_puts(b, "  \"");
    put_clean(b, q.text, q.text_len, 0);
    bf_buf_printf(b, "\" - %s ", *q.speaker ? q.speaker : "(unknown)");
    cite(b, q.sources, q.source_count);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\nNames:\n");
  if (!brief_facts_entity_count(f))
    bf_buf_puts(b, "  (none)\n");
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    bf_buf_printf(b, "  %s (%s) x%zu ", e.name, brief_entity_type_name(e.type),
                  e.mention_count);
    cite(b, e.sources, e.source_count);
    for (size_t k = 0; k < e.variant_count; k++)
      bf_buf_printf(b, "%s%s", k ? ", " : "; also ", e.variants[k]);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\nTimeline:\n");
  if (!brief_facts_event_count(f))
    bf_buf_puts(b, "  (none)\n");
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view ev;
    brief_facts_event(f, i, &ev);
    bf_buf_printf(b, "  %-10s  ", *ev.date ? ev.date : "undated");
    put_clean(b, ev.expression, ev.expression_len, 0);
    bf_buf_putc(b, ' ');
    cite(b, ev.sources, ev.source_count);
    bf_buf_puts(b, ": ");
    put_clean(b, ev.text, ev.text_len, 0);
    bf_buf_putc(b, '\n');
  }
}

/* ---- markdown ----------------------------------------------------------- */

void bf_facts_render_markdown(bf_buf *b, const brief_story *st,
                              const brief_facts *f) {
  (void)st;
  size_t ng = brief_facts_figure_group_count(f);
  bf_buf_puts(b, "\n## Figures\n\n");
  if (!ng)
    bf_buf_puts(b, "None.\n");
  else
    bf_buf_puts(b, "| Measure | Values [sources] | Verdict |\n"
                   "|---|---|---|\n");
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    bf_buf_puts(b, "| ");
    put_clean(b, measure_or_dash(gv.measure),
              strlen(measure_or_dash(gv.measure)), 1);
    bf_buf_puts(b, " | ");
    put_values(b, f, g, 1);
    bf_buf_printf(b, " | %s |\n", brief_verdict_name(gv.verdict));
  }
  bf_buf_puts(b, "\n## Quotes\n\n");
  if (!brief_facts_quote_count(f))
    bf_buf_puts(b, "None.\n");
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_quote_view q;
    brief_facts_quote(f, i, &q);
    bf_buf_puts(b, "- \"");
    put_clean(b, q.text, q.text_len, 0);
    bf_buf_printf(b, "\" - **%s** ", *q.speaker ? q.speaker : "unknown");
    cite(b, q.sources, q.source_count);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\n## Names\n\n");
  if (!brief_facts_entity_count(f))
    bf_buf_puts(b, "None.\n");
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    bf_buf_printf(b, "- **%s** (%s), %zu mention%s ", e.name,
                  brief_entity_type_name(e.type), e.mention_count,
                  e.mention_count == 1 ? "" : "s");
    cite(b, e.sources, e.source_count);
    for (size_t k = 0; k < e.variant_count; k++)
      bf_buf_printf(b, "%s%s", k ? ", " : "; also ", e.variants[k]);
    bf_buf_putc(b, '\n');
  }
  bf_buf_puts(b, "\n## Timeline\n\n");
  if (!brief_facts_event_count(f))
    bf_buf_puts(b, "None.\n");
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view ev;
    brief_facts_event(f, i, &ev);
    bf_buf_printf(b, "- **%s** ", *ev.date ? ev.date : "undated");
    put_clean(b, ev.expression, ev.expression_len, 0);
    bf_buf_putc(b, ' ');
    cite(b, ev.sources, ev.source_count);
    bf_buf_puts(b, ": ");
    put_clean(b, ev.text, ev.text_len, 0);
    bf_buf_putc(b, '\n');
  }
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *str_n(const char *s, size_t n) {
  return json_stringn(s, n);
}

static json_t *number(double v) {
  /* "at least 20" has no upper bound: null */
  return isfinite(v) ? json_real(v) : json_null();
}

/* "sources": article ids, "source_numbers": 1-based numbers. */
static void set_sources(json_t *o, const brief_story *st, const size_t *src,
                        size_t n) {
  json_t *ids = json_array(), *nums = json_array();
  for (size_t i = 0; i < n; i++) {
    json_array_append_new(ids, json_string(st->articles.v[src[i]].id));
    json_array_append_new(nums, json_integer((json_int_t)src[i] + 1));
  }
  json_object_set_new(o, "sources", ids);
  json_object_set_new(o, "source_numbers", nums);
}

static json_t *figure_json(const brief_story *st, const brief_facts *f,
                           size_t g, size_t k) {
  brief_figure_view v;
  brief_facts_figure(f, g, k, &v);
  const bf_article *a = &st->articles.v[v.article];
  json_t *o = json_object();
  json_object_set_new(o, "article", json_string(a->id));
  json_object_set_new(o, "article_number",
                      json_integer((json_int_t)v.article + 1));
  json_object_set_new(o, "text", str_n(v.text, v.text_len));
  json_object_set_new(o, "value", number(v.value));
  json_object_set_new(o, "low", number(v.low));
  json_object_set_new(o, "high", number(v.high));
  json_object_set_new(o, "is_range", json_boolean(v.is_range));
  json_object_set_new(o, "qualifier", json_string(v.qualifier));
  json_object_set_new(o, "unit", json_string(v.unit));
  json_object_set_new(o, "noun", str_n(v.noun, v.noun_len));
  json_object_set_new(o, "verb", str_n(v.verb, v.verb_len));
  json_object_set_new(o, "span", str_n(v.span, v.span_len));
  json_object_set_new(o, "attribution",
                      str_n(v.attribution, v.attribution_len));
  json_object_set_new(
      o, "sentence",
      str_n(a->text + v.sentence_start, v.sentence_end - v.sentence_start));
  json_object_set_new(o, "position", json_integer((json_int_t)v.sentence));
  json_object_set_new(o, "start", json_integer((json_int_t)v.start));
  json_object_set_new(o, "end", json_integer((json_int_t)v.end));
  return o;
}

static json_t *figures_json(const brief_story *st, const brief_facts *f) {
  json_t *arr = json_array();
  for (size_t g = 0; g < brief_facts_figure_group_count(f); g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    json_t *o = json_object();
    json_object_set_new(o, "measure", json_string(gv.measure));
    json_object_set_new(o, "unit", json_string(gv.unit));
    json_object_set_new(o, "verdict",
                        json_string(brief_verdict_name(gv.verdict)));
    set_sources(o, st, gv.sources, gv.source_count);
    json_t *vals = json_array();
    value_line lines[16];
    size_t n = value_lines(f, g, lines, 16);
    for (size_t i = 0; i < n; i++) {
      brief_figure_view v;
      brief_facts_figure(f, g, lines[i].fig, &v);
      json_t *vo = json_object();
      json_object_set_new(vo, "text", str_n(v.text, v.text_len));
      json_object_set_new(vo, "value", number(v.value));
      json_object_set_new(vo, "low", number(v.low));
      json_object_set_new(vo, "high", number(v.high));
      json_object_set_new(vo, "qualifier", json_string(v.qualifier));
      set_sources(vo, st, lines[i].src, lines[i].nsrc);
      json_array_append_new(vals, vo);
    }
    json_object_set_new(o, "values", vals);
    json_t *reps = json_array();
    for (size_t k = 0; k < gv.figure_count; k++)
      json_array_append_new(reps, figure_json(st, f, g, k));
    json_object_set_new(o, "reports", reps);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *quotes_json(const brief_story *st, const brief_facts *f) {
  json_t *arr = json_array();
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_quote_view q;
    brief_facts_quote(f, i, &q);
    json_t *o = json_object();
    json_object_set_new(o, "text", str_n(q.text, q.text_len));
    json_object_set_new(o, "speaker", json_string(q.speaker));
    json_object_set_new(o, "said_by", json_string(q.said_by));
    json_object_set_new(o, "speaker_entity",
                        q.speaker_entity == SIZE_MAX
                            ? json_null()
                            : json_integer((json_int_t)q.speaker_entity));
    json_object_set_new(o, "partial", json_boolean(q.partial));
    json_object_set_new(o, "article",
                        json_string(st->articles.v[q.article].id));
    json_object_set_new(o, "article_number",
                        json_integer((json_int_t)q.article + 1));
    json_object_set_new(o, "start", json_integer((json_int_t)q.start));
    json_object_set_new(o, "end", json_integer((json_int_t)q.end));
    json_object_set_new(o, "mentions",
                        json_integer((json_int_t)q.mention_count));
    set_sources(o, st, q.sources, q.source_count);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *entities_json(const brief_story *st, const brief_facts *f) {
  json_t *arr = json_array();
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    json_t *o = json_object(), *vars = json_array(), *counts = json_array();
    json_object_set_new(o, "name", json_string(e.name));
    json_object_set_new(o, "type", json_string(brief_entity_type_name(e.type)));
    for (size_t k = 0; k < e.variant_count; k++)
      json_array_append_new(vars, json_string(e.variants[k]));
    json_object_set_new(o, "variants", vars);
    json_object_set_new(o, "mentions",
                        json_integer((json_int_t)e.mention_count));
    set_sources(o, st, e.sources, e.source_count);
    for (size_t k = 0; k < e.source_count; k++)
      json_array_append_new(counts,
                            json_integer((json_int_t)e.source_mentions[k]));
    json_object_set_new(o, "source_mentions", counts);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *timeline_json(const brief_story *st, const brief_facts *f) {
  json_t *arr = json_array();
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view ev;
    brief_facts_event(f, i, &ev);
    json_t *o = json_object();
    json_object_set_new(o, "date", json_string(ev.date));
    json_object_set_new(o, "resolved", json_boolean(*ev.date != '\0'));
    json_object_set_new(o, "expression",
                        str_n(ev.expression, ev.expression_len));
    json_object_set_new(o, "text", str_n(ev.text, ev.text_len));
    json_object_set_new(o, "article",
                        json_string(st->articles.v[ev.article].id));
    json_object_set_new(o, "article_number",
                        json_integer((json_int_t)ev.article + 1));
    json_object_set_new(o, "position", json_integer((json_int_t)ev.sentence));
    json_object_set_new(o, "mentions",
                        json_integer((json_int_t)ev.mention_count));
    set_sources(o, st, ev.sources, ev.source_count);
    json_array_append_new(arr, o);
  }
  return arr;
}

json_t *bf_facts_to_json(const brief_story *st, const brief_facts *f) {
  json_t *o = json_object();
  if (!o)
    return NULL;
  json_object_set_new(o, "figures", figures_json(st, f));
  json_object_set_new(o, "quotes", quotes_json(st, f));
  json_object_set_new(o, "entities", entities_json(st, f));
  json_object_set_new(o, "timeline", timeline_json(st, f));
  return o;
}

/* ---- brief_render_facts ------------------------------------------------- */

static json_t *sources_json(const brief_story *st) {
  json_t *arr = json_array();
  for (size_t i = 0; i < st->articles.n; i++) {
    const bf_article *a = &st->articles.v[i];
    json_array_append_new(
        arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "number",
                       (json_int_t)i + 1, "id", a->id, "source", a->source,
                       "url", a->url, "title", a->title, "date", a->date));
  }
  return arr;
}

static void source_lines(bf_buf *b, const brief_story *st, int md) {
  bf_buf_puts(b, md ? "## Sources\n\n" : "Sources:\n");
  for (size_t i = 0; i < st->articles.n; i++) {
    const bf_article *a = &st->articles.v[i];
    bf_buf_printf(b, md ? "%zu. **%s**" : "[%zu] %s", i + 1, a->id);
    if (*a->title)
      bf_buf_printf(b, " - %s", a->title);
    if (*a->date)
      bf_buf_printf(b, " (%s)", a->date);
    bf_buf_putc(b, '\n');
  }
}

brief_status brief_render_facts(const brief_story *st, const brief_facts *f,
                                brief_format format, char **out,
                                brief_error *err) {
  if (!st || !f || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render_facts: NULL argument");
  *out = NULL;
  if (format == BRIEF_FORMAT_JSON) {
    json_t *root = json_object();
    if (root) {
      json_object_set_new(root, "version", json_string(BRIEF_VERSION));
      json_object_set_new(root, "sources", sources_json(st));
      json_object_set_new(root, "facts", bf_facts_to_json(st, f));
    }
    *out = bf_json_dump(root);
    json_decref(root);
    if (!*out)
      return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
    return BRIEF_OK;
  }
  if (format != BRIEF_FORMAT_TEXT && format != BRIEF_FORMAT_MARKDOWN)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", (int)format);
  bf_buf b;
  bf_buf_init(&b);
  source_lines(&b, st, format == BRIEF_FORMAT_MARKDOWN);
  if (format == BRIEF_FORMAT_MARKDOWN)
    bf_facts_render_markdown(&b, st, f);
  else
    bf_facts_render_text(&b, st, f);
  *out = bf_buf_take(&b);
  if (!*out)
    return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
  return BRIEF_OK;
}
