/*
 * render.c - the render stage's public calls and the parts its formats
 * share: citations, the grouping of figure values, and the walk over a
 * report that the line-oriented formats (text, markdown) dress each in
 * their own style.
 *
 * Owns which formats exist (the table below). The JSON schema is
 * documented in README.
 */
#include "render/render.h"

#include "core/error.h"

#include <stdlib.h>
#include <string.h>

/* Every output format, by brief_format. */
static const bf_format *const formats[] = {
    [BRIEF_FORMAT_TEXT] = &bf_format_text,
    [BRIEF_FORMAT_JSON] = &bf_format_json,
    [BRIEF_FORMAT_MARKDOWN] = &bf_format_markdown,
};

static const bf_format *format_of(brief_format format) {
  if ((unsigned)format >= sizeof formats / sizeof *formats)
    return NULL;
  return formats[format];
}

/* Hands the buffer's text to *out, or fails with BRIEF_ERR_NOMEM. */
static brief_status take(bf_buf *b, const char *what, char **out,
                         brief_error *err) {
  *out = b->oom ? NULL : bf_buf_take(b);
  bf_buf_free(b);
  if (!*out)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", what);
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status render_report(const bf_report *r, brief_format format,
                                  char **out, brief_error *err) {
  const bf_format *fmt = format_of(format);
  if (!fmt)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", (int)format);
  bf_buf b;
  bf_buf_init(&b);
  if (fmt->lines)
    bf_render_lines(&b, r, fmt->lines);
  else
    fmt->report(&b, r);
  return take(&b, "render", out, err);
}

brief_status brief_render(const brief_story *st, const brief_summary *sum,
                          const brief_facts *f, const brief_options *o,
                          const char *const *warnings, size_t warning_count,
                          brief_format format, char **out, brief_error *err) {
  if (!st || !sum || !out || (warning_count && !warnings))
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render: NULL argument");
  *out = NULL;
  brief_options defaults;
  if (!o) {
    brief_options_init(&defaults);
    o = &defaults;
  }
  bf_report r = {st, sum, f, o, warnings, warning_count, NULL, 0};
  return render_report(&r, format, out, err);
}

brief_status brief_render_facts(const brief_story *st, const brief_facts *f,
                                brief_format format, char **out,
                                brief_error *err) {
  if (!st || !f || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render_facts: NULL argument");
  *out = NULL;
  brief_options defaults;
  brief_options_init(&defaults);
  bf_report r = {st, NULL, f, &defaults, NULL, 0, NULL, 0};
  return render_report(&r, format, out, err);
}

brief_status brief_render_page(const brief_page *page, brief_format format,
                               unsigned parts, char **out, brief_error *err) {
  if (!page || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "render_page: no page given");
  *out = NULL;
  const bf_format *fmt = format_of(format);
  if (!fmt)
    return bf_fail(err, BRIEF_ERR_ARG, "render_page: unknown format %d",
                   (int)format);
  brief_page_view v;
  brief_page_view_get(page, &v);
  bf_buf b;
  bf_buf_init(&b);
  fmt->page(&b, &v, parts);
  return take(&b, v.name, out, err);
}

brief_status brief_desk_brief_render(const brief_desk_brief *h,
                                     brief_format format, char **out,
                                     brief_error *err) {
  if (!h || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_desk_brief_render: no brief");
  *out = NULL;
  brief_story_info info;
  brief_desk_brief_info(h, &info);
  bf_report r = {brief_desk_brief_story(h),
                 brief_desk_brief_summary(h),
                 brief_desk_brief_facts(h),
                 brief_desk_brief_options(h),
                 NULL,
                 0,
                 &info,
                 brief_desk_brief_stale(h)};
  return render_report(&r, format, out, err);
}

brief_status brief_render_story_list(const brief_story_list *l,
                                     brief_format format, char **out,
                                     brief_error *err) {
  if (!l || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render_story_list: no list");
  *out = NULL;
  const bf_format *fmt = format_of(format);
  if (!fmt)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", (int)format);
  bf_buf b;
  bf_buf_init(&b);
  fmt->stories(&b, l);
  return take(&b, "render", out, err);
}

brief_status brief_render_articles(const brief_story *st, brief_format format,
                                   char **out, brief_error *err) {
  if (!st || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render_articles: no story");
  *out = NULL;
  const bf_format *fmt = format_of(format);
  if (!fmt)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", (int)format);
  bf_buf b;
  bf_buf_init(&b);
  if (fmt->lines)
    bf_render_article_lines(&b, st, fmt->lines);
  else
    fmt->articles(&b, st);
  return take(&b, "render", out, err);
}

brief_status brief_render_article_list(const brief_article_list *l,
                                       brief_format format, char **out,
                                       brief_error *err) {
  if (!l || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_render_article_list: no list");
  *out = NULL;
  const bf_format *fmt = format_of(format);
  if (!fmt)
    return bf_fail(err, BRIEF_ERR_ARG, "unknown format %d", (int)format);
  bf_buf b;
  bf_buf_init(&b);
  if (fmt->lines)
    bf_render_article_list_lines(&b, l, fmt->lines);
  else
    fmt->article_list(&b, l);
  return take(&b, "render", out, err);
}

/* ---- parts every format shares ------------------------------------------ */

void bf_render_story_details(bf_buf *b, const brief_story_info *x) {
  bf_buf_printf(b, "%zu article%s, %zu outlet%s", x->articles,
                x->articles == 1 ? "" : "s", x->outlets,
                x->outlets == 1 ? "" : "s");
  if (*x->first_date && strcmp(x->first_date, x->last_date) != 0)
    bf_buf_printf(b, ", %s to %s", x->first_date, x->last_date);
  else if (*x->first_date)
    bf_buf_printf(b, ", %s", x->first_date);
  if (x->conflicts > 0)
    bf_buf_printf(b, "; %d figure conflict%s", x->conflicts,
                  x->conflicts == 1 ? "" : "s");
  for (size_t k = 0; k < x->name_count; k++)
    bf_buf_printf(b, "%s%s", k ? ", " : "; ", x->names[k]);
}

void bf_render_cite(bf_buf *b, const size_t *src, size_t n) {
  bf_buf_putc(b, '[');
  for (size_t i = 0; i < n; i++)
    bf_buf_printf(b, "%s%zu", i ? "," : "", src[i] + 1);
  bf_buf_putc(b, ']');
}

void bf_render_sentence(bf_buf *b, const brief_sentence_view *v) {
  size_t at = 0;
  for (size_t k = 0; k < v->time_count; k++) {
    const brief_time_view *t = &v->times[k];
    if (!*t->shown || t->end < at || t->end > v->text_len)
      continue;
    bf_buf_append(b, v->text + at, t->end - at);
    bf_buf_printf(b, " [%s]", t->shown);
    at = t->end;
  }
  bf_buf_append(b, v->text + at, v->text_len - at);
}

/* The numbers of `n` articles, ascending, comma-separated. */
static void numbers(bf_buf *b, const size_t *src, size_t n) {
  size_t *s = malloc((n + 1) * sizeof *s);
  if (!s) {
    b->oom = 1;
    return;
  }
  memcpy(s, src, n * sizeof *s);
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && s[j - 1] > s[j]; j--) {
      size_t t = s[j];
      s[j] = s[j - 1];
      s[j - 1] = t;
    }
  for (size_t i = 0; i < n; i++)
    bf_buf_printf(b, "%s%zu", i ? "," : "", s[i] + 1);
  free(s);
}

void bf_render_sentence_cite(bf_buf *b, const brief_sentence_view *v) {
  bf_buf_putc(b, '[');
  numbers(b, v->sources, v->source_count);
  if (v->partial_count) {
    bf_buf_puts(b, "; partly ");
    numbers(b, v->partial_sources, v->partial_count);
  }
  if (v->conflict_count) {
    bf_buf_puts(b, "; other figure ");
    numbers(b, v->conflict_sources, v->conflict_count);
  }
  bf_buf_putc(b, ']');
}

void bf_render_clean(bf_buf *b, const char *s, size_t n, int md_cell) {
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '\n' || c == '\r' || c == '\t')
      c = ' ';
    if (md_cell && c == '|')
      bf_buf_putc(b, '\\');
    bf_buf_putc(b, c);
  }
}

const char *bf_render_measure(const brief_figure_group_view *g) {
  return *g->measure ? g->measure : "-";
}

static int same_value(const brief_figure_view *a, const brief_figure_view *b) {
  return a->value == b->value && a->is_range == b->is_range &&
         (!a->is_range || a->high == b->high) &&
         strcmp(a->qualifier, b->qualifier) == 0 &&
         strcmp(a->unit, b->unit) == 0;
}

size_t bf_render_value_lines(const brief_facts *f, size_t g,
                             bf_value_line *out) {
  brief_figure_group_view gv;
  brief_facts_figure_group(f, g, &gv);
  size_t n = 0;
  for (size_t k = 0; k < gv.figure_count; k++) {
    brief_figure_view v, w;
    brief_facts_figure(f, g, k, &v);
    size_t i = 0;
    for (; i < n; i++) {
      brief_facts_figure(f, g, out[i].figure, &w);
      if (same_value(&v, &w))
        break;
    }
    if (i == n) {
      if (n == BF_MAX_VALUE_LINES)
        continue;
      out[n].figure = k;
      out[n].source_count = 0;
      n++;
    }
    bf_value_line *l = &out[i];
    int dup = 0;
    for (size_t j = 0; j < l->source_count; j++)
      dup |= l->sources[j] == v.article;
    if (!dup && l->source_count < sizeof l->sources / sizeof *l->sources)
      l->sources[l->source_count++] = v.article;
  }
  return n;
}

void bf_render_values(bf_buf *b, const brief_facts *f, size_t g, int md_cell) {
  bf_value_line lines[BF_MAX_VALUE_LINES];
  size_t n = bf_render_value_lines(f, g, lines);
  for (size_t i = 0; i < n; i++) {
    brief_figure_view v;
    brief_facts_figure(f, g, lines[i].figure, &v);
    if (i)
      bf_buf_puts(b, "; ");
    bf_render_clean(b, v.text, v.text_len, md_cell);
    if (v.span_len) {
      bf_buf_puts(b, " (");
      bf_render_clean(b, v.span, v.span_len, md_cell);
      bf_buf_putc(b, ')');
    }
    bf_buf_putc(b, ' ');
    bf_render_cite(b, lines[i].sources, lines[i].source_count);
  }
}

/* ---- the walk of the line-oriented formats ------------------------------ */

/* A section's title; every section but the report's first follows a blank
 * line. */
static void heading(bf_buf *b, const bf_lines_style *s, const char *title,
                    int first) {
  if (!first)
    bf_buf_putc(b, '\n');
  bf_buf_puts(b, s->heading.open);
  bf_buf_puts(b, title);
  bf_buf_puts(b, s->heading.close);
}

static void summary_lines(bf_buf *b, const bf_report *r,
                          const bf_lines_style *s) {
  bf_buf_puts(b, s->summary);
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(r->summary); i++) {
    brief_summary_sentence(r->summary, i, &v);
    bf_buf_puts(b, s->sentence);
    bf_render_sentence(b, &v);
    bf_buf_putc(b, ' ');
    bf_render_sentence_cite(b, &v);
    bf_buf_putc(b, '\n');
  }
}

/* One numbered source. Beside a summary it carries the outlet and the web
 * address too; beside facts alone, the title and date. */
static void source_line(bf_buf *b, const bf_lines_style *s, size_t i,
                        const brief_article_view *a, int full) {
  bf_buf_puts(b, s->number.open);
  bf_buf_printf(b, "%zu", i + 1);
  bf_buf_puts(b, s->number.close);
  bf_buf_puts(b, s->name.open);
  bf_buf_puts(b, a->id);
  bf_buf_puts(b, s->name.close);
  if (*a->title)
    bf_buf_printf(b, " - %s", a->title);
  if (full && (*a->source || *a->date))
    bf_buf_printf(b, " (%s%s%s)", a->source, *a->source && *a->date ? ", " : "",
                  a->date);
  else if (!full && *a->date)
    bf_buf_printf(b, " (%s)", a->date);
  if (full && *a->url) {
    bf_buf_puts(b, s->url.open);
    bf_buf_puts(b, a->url);
    bf_buf_puts(b, s->url.close);
  }
  bf_buf_putc(b, '\n');
}

static void source_lines(bf_buf *b, const bf_report *r,
                         const bf_lines_style *s) {
  int full = r->summary != NULL;
  heading(b, s, "Sources", !full);
  brief_article_view a;
  for (size_t i = 0; i < brief_story_article_count(r->story); i++) {
    brief_story_article(r->story, i, &a);
    source_line(b, s, i, &a, full);
  }
}

/* A facts section's heading, and its "none" line when it is empty. */
static void section(bf_buf *b, const bf_lines_style *s, const char *title,
                    size_t count) {
  heading(b, s, title, 0);
  if (!count)
    bf_buf_puts(b, s->none);
}

static void quote_line(bf_buf *b, const brief_facts *f, size_t i,
                       const bf_lines_style *s) {
  brief_quote_view q;
  brief_facts_quote(f, i, &q);
  bf_buf_putc(b, '"');
  bf_render_clean(b, q.text, q.text_len, 0);
  bf_buf_puts(b, "\" - ");
  bf_buf_puts(b, s->name.open);
  bf_buf_puts(b, *q.speaker ? q.speaker : s->unknown);
  bf_buf_puts(b, s->name.close);
  bf_buf_putc(b, ' ');
  bf_render_cite(b, q.sources, q.source_count);
}

static void name_line(bf_buf *b, const brief_facts *f, size_t i,
                      const bf_lines_style *s) {
  brief_entity_view e;
  brief_facts_entity(f, i, &e);
  bf_buf_puts(b, s->name.open);
  bf_buf_puts(b, e.name);
  bf_buf_puts(b, s->name.close);
  bf_buf_printf(b, " (%s)", brief_entity_type_name(e.type));
  bf_buf_puts(b, s->mentions.open);
  bf_buf_printf(b, "%zu", e.mention_count);
  bf_buf_puts(b, s->mentions.close);
  bf_buf_puts(b, e.mention_count == 1 ? "" : s->plural);
  bf_buf_putc(b, ' ');
  bf_render_cite(b, e.sources, e.source_count);
  for (size_t k = 0; k < e.variant_count; k++)
    bf_buf_printf(b, "%s%s", k ? ", " : "; also ", e.variants[k]);
}

static void event_line(bf_buf *b, const brief_facts *f, size_t i,
                       const bf_lines_style *s) {
  brief_event_view ev;
  brief_facts_event(f, i, &ev);
  bf_buf_puts(b, s->date.open);
  bf_buf_printf(b, "%-*s", s->date_width, *ev.date ? ev.date : "undated");
  bf_buf_puts(b, s->date.close);
  bf_render_clean(b, ev.expression, ev.expression_len, 0);
  bf_buf_putc(b, ' ');
  bf_render_cite(b, ev.sources, ev.source_count);
  bf_buf_puts(b, ": ");
  bf_render_clean(b, ev.text, ev.text_len, 0);
}

/* A section of the facts, one line per item. */
static void item_lines(bf_buf *b, const brief_facts *f, const bf_lines_style *s,
                       const char *title, size_t count,
                       void (*line)(bf_buf *, const brief_facts *, size_t,
                                    const bf_lines_style *)) {
  section(b, s, title, count);
  for (size_t i = 0; i < count; i++) {
    bf_buf_puts(b, s->item);
    line(b, f, i, s);
    bf_buf_putc(b, '\n');
  }
}

/* Above a desk story's brief: its id, headline and details. */
static void story_header(bf_buf *b, const bf_report *r,
                         const bf_lines_style *s) {
  const brief_story_info *x = r->story_info;
  bf_buf_puts(b, s->story.open);
  bf_buf_printf(b, "Story %llu: %s", (unsigned long long)x->id, x->headline);
  bf_buf_puts(b, s->story.close);
  bf_render_story_details(b, x);
  bf_buf_puts(b, r->stale ? " (stale)\n\n" : "\n\n");
}

void bf_render_article_lines(bf_buf *b, const brief_story *st,
                             const bf_lines_style *s) {
  brief_article_view a;
  for (size_t i = 0; i < brief_story_article_count(st); i++) {
    brief_story_article(st, i, &a);
    source_line(b, s, i, &a, 1);
  }
}

void bf_render_article_list_lines(bf_buf *b, const brief_article_list *l,
                                  const bf_lines_style *s) {
  brief_desk_article_info x;
  for (size_t i = 0; i < brief_article_list_count(l); i++) {
    if (brief_article_list_get(l, i, &x) != BRIEF_OK)
      continue;
    brief_article_view a;
    memset(&a, 0, sizeof a);
    a.id = x.id;
    a.source = x.source;
    a.url = x.url;
    a.title = x.title;
    a.date = x.date;
    a.text = "";
    source_line(b, s, (size_t)x.arrival - 1, &a, 1);
  }
}

void bf_render_lines(bf_buf *b, const bf_report *r, const bf_lines_style *s) {
  if (r->story_info)
    story_header(b, r, s);
  if (r->summary)
    summary_lines(b, r, s);
  source_lines(b, r, s);
  if (!r->facts)
    return;
  section(b, s, "Figures", brief_facts_figure_group_count(r->facts));
  s->figures(b, r->facts);
  const brief_facts *f = r->facts;
  item_lines(b, f, s, "Quotes", brief_facts_quote_count(f), quote_line);
  item_lines(b, f, s, "Names", brief_facts_entity_count(f), name_line);
  item_lines(b, f, s, "Timeline", brief_facts_event_count(f), event_line);
}
