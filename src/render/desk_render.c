/*
 * desk_render.c - the story desk's outputs: story lists, a story's articles
 * and a story's brief, as text, markdown and JSON.
 */
#include "render/render.h"

#include "core/error.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void iso_time(int64_t t, char out[21]) {
  time_t tt = (time_t)t;
  struct tm tm;
  out[0] = '\0';
  if (t > 0 && gmtime_r(&tt, &tm))
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void dates_text(bf_buf *b, const brief_story_info *x) {
  if (!*x->first_date)
    return;
  bf_buf_printf(b, ", %s", x->first_date);
  if (strcmp(x->first_date, x->last_date) != 0)
    bf_buf_printf(b, " to %s", x->last_date);
}

static void names_text(bf_buf *b, const brief_story_info *x, const char *sep) {
  for (size_t k = 0; k < x->name_count; k++)
    bf_buf_printf(b, "%s%s", k ? ", " : sep, x->names[k]);
}

static void story_line_text(bf_buf *b, const brief_story_info *x) {
  bf_buf_printf(b, "#%llu  %s\n", (unsigned long long)x->id, x->headline);
  bf_buf_printf(b, "    %zu article%s, %zu outlet%s", x->articles,
                x->articles == 1 ? "" : "s", x->outlets,
                x->outlets == 1 ? "" : "s");
  dates_text(b, x);
  if (x->conflicts > 0)
    bf_buf_printf(b, "; %d figure conflict%s", x->conflicts,
                  x->conflicts == 1 ? "" : "s");
  names_text(b, x, "; ");
  bf_buf_putc(b, '\n');
}

static void md_cell(bf_buf *b, const char *s) {
  for (; *s; s++) {
    if (*s == '|')
      bf_buf_puts(b, "\\|");
    else
      bf_buf_putc(b, *s == '\n' ? ' ' : *s);
  }
}

static void story_row_md(bf_buf *b, const brief_story_info *x) {
  bf_buf_printf(b, "| %llu | ", (unsigned long long)x->id);
  md_cell(b, x->headline);
  bf_buf_printf(b, " | %zu | %zu | %s | %s | ", x->articles, x->outlets,
                x->first_date, x->last_date);
  for (size_t k = 0; k < x->name_count; k++) {
    if (k)
      bf_buf_puts(b, ", ");
    md_cell(b, x->names[k]);
  }
  bf_buf_puts(b, " |\n");
}

json_t *bf_story_info_json(const brief_story_info *x) {
  char first[21], last[21];
  iso_time(x->first_seen, first);
  iso_time(x->last_seen, last);
  json_t *names = json_array();
  for (size_t k = 0; k < x->name_count; k++)
    json_array_append_new(names, json_string(x->names[k]));
  return json_pack("{s:I, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:I, s:b, "
                   "s:o}",
                   "id", (json_int_t)x->id, "headline", x->headline, "articles",
                   (json_int_t)x->articles, "outlets", (json_int_t)x->outlets,
                   "first_date", x->first_date, "last_date", x->last_date,
                   "first_seen", first, "last_seen", last, "names", names,
                   "version", (json_int_t)x->version, "active", x->active,
                   "conflicts",
                   x->conflicts < 0 ? json_null() : json_integer(x->conflicts));
}

static brief_status finish(bf_buf *b, char **out, brief_error *err) {
  if (b->oom) {
    bf_buf_free(b);
    return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
  }
  *out = bf_buf_take(b);
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status dump(json_t *v, char **out, brief_error *err) {
  char *s = v ? bf_json_dump(v) : NULL;
  json_decref(v);
  if (!s)
    return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
  *out = s;
  bf_ok(err);
  return BRIEF_OK;
}

brief_status brief_render_story_list(const brief_story_list *l,
                                     brief_format format, char **out,
                                     brief_error *err) {
  if (!l || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "render: NULL argument");
  size_t n = brief_story_list_count(l);
  brief_story_info x;
  if (format == BRIEF_FORMAT_JSON) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
      if (brief_story_list_get(l, i, &x) == BRIEF_OK)
        json_array_append_new(arr, bf_story_info_json(&x));
    return dump(json_pack("{s:o, s:I}", "stories", arr, "total",
                          (json_int_t)brief_story_list_total(l)),
                out, err);
  }
  bf_buf b;
  bf_buf_init(&b);
  if (format == BRIEF_FORMAT_MARKDOWN)
    bf_buf_puts(&b, "| story | headline | articles | outlets | first | last "
                    "| names |\n|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < n; i++)
    if (brief_story_list_get(l, i, &x) == BRIEF_OK) {
      if (format == BRIEF_FORMAT_MARKDOWN)
        story_row_md(&b, &x);
      else
        story_line_text(&b, &x);
    }
  if (format == BRIEF_FORMAT_TEXT && n == 0)
    bf_buf_puts(&b, "no stories\n");
  return finish(&b, out, err);
}

brief_status brief_render_articles(const brief_story *story,
                                   brief_format format, char **out,
                                   brief_error *err) {
  if (!story || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "render: NULL argument");
  size_t n = brief_story_article_count(story);
  brief_article_view v;
  if (format == BRIEF_FORMAT_JSON) {
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
      if (brief_story_article(story, i, &v) == BRIEF_OK)
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I}", "number",
                           (json_int_t)i + 1, "id", v.id, "source", v.source,
                           "url", v.url, "title", v.title, "date", v.date,
                           "words", (json_int_t)v.word_count));
    return dump(json_pack("{s:o}", "articles", arr), out, err);
  }
  bf_buf b;
  bf_buf_init(&b);
  int md = format == BRIEF_FORMAT_MARKDOWN;
  for (size_t i = 0; i < n; i++) {
    if (brief_story_article(story, i, &v) != BRIEF_OK)
      continue;
    bf_buf_printf(&b, md ? "%zu. **%s**" : "[%zu] %s", i + 1, v.id);
    if (*v.title)
      bf_buf_printf(&b, " - %s", v.title);
    if (*v.source || *v.date)
      bf_buf_printf(&b, " (%s%s%s)", v.source, *v.source && *v.date ? ", " : "",
                    v.date);
    if (*v.url)
      bf_buf_printf(&b, md ? " <%s>" : " %s", v.url);
    bf_buf_putc(&b, '\n');
  }
  return finish(&b, out, err);
}

brief_status brief_desk_brief_render(const brief_desk_brief *h,
                                     brief_format format, char **out,
                                     brief_error *err) {
  if (!h || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "render: NULL argument");
  brief_story_info x;
  brief_desk_brief_info(h, &x);
  const brief_facts *facts = brief_desk_brief_facts(h);
  brief_options opts;
  brief_options_init(&opts);
  opts.facts = facts != NULL;
  char *body = NULL;
  brief_status st =
      brief_render(brief_desk_brief_story(h), brief_desk_brief_summary(h),
                   facts, &opts, format, &body, err);
  if (st != BRIEF_OK)
    return st;
  if (format == BRIEF_FORMAT_JSON) {
    json_t *obj = json_loads(body, 0, NULL);
    brief_free(body);
    if (!obj)
      return bf_fail(err, BRIEF_ERR_NOMEM, "render: out of memory");
    json_object_set_new(obj, "story", bf_story_info_json(&x));
    json_object_set_new(obj, "stale", json_boolean(brief_desk_brief_stale(h)));
    return dump(obj, out, err);
  }
  bf_buf b;
  bf_buf_init(&b);
  int md = format == BRIEF_FORMAT_MARKDOWN;
  bf_buf_printf(&b, md ? "# Story %llu: %s\n\n" : "Story %llu: %s\n",
                (unsigned long long)x.id, x.headline);
  bf_buf_printf(&b, "%zu article%s, %zu outlet%s", x.articles,
                x.articles == 1 ? "" : "s", x.outlets,
                x.outlets == 1 ? "" : "s");
  dates_text(&b, &x);
  names_text(&b, &x, "; ");
  bf_buf_puts(&b, brief_desk_brief_stale(h) ? " (stale)\n\n" : "\n\n");
  bf_buf_puts(&b, body);
  brief_free(body);
  return finish(&b, out, err);
}
