/*
 * markdown.c - the markdown format.
 *
 * A report is a "Summary" section of cited bullet points, the numbered
 * sources, then the facts: a figures table (measure, values with their
 * sources, verdict; pipes in cells escaped), quotes, names and a timeline
 * as bullet lists. A page is its title as a heading, the byline, date and
 * site in italics, the web address, and the paragraphs separated by blank
 * lines. A desk's stories are a table.
 */
#include "render/render.h"

#include <string.h>

static void figures(bf_buf *b, const brief_facts *f) {
  size_t ng = brief_facts_figure_group_count(f);
  if (ng)
    bf_buf_puts(b, "| Measure | Values [sources] | Verdict |\n"
                   "|---|---|---|\n");
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    const char *measure = bf_render_measure(&gv);
    bf_buf_puts(b, "| ");
    bf_render_clean(b, measure, strlen(measure), 1);
    bf_buf_puts(b, " | ");
    bf_render_values(b, f, g, 1);
    bf_buf_printf(b, " | %s |\n", brief_verdict_name(gv.verdict));
  }
}

/* clang-format off */
static const bf_lines_style style = {
    .summary = "## Summary\n\n", .sentence = "- ", .item = "- ",
    .none = "None.\n", .unknown = "unknown", .heading = {"## ", "\n\n"},
    .number = {"", ". "}, .name = {"**", "**"}, .url = {" <", ">"},
    .mentions = {", ", " mention"}, .plural = "s", .date = {"**", "** "},
    .date_width = 0, .story = {"# ", "\n\n"}, .figures = figures};
/* clang-format on */

static void page(bf_buf *b, const brief_page_view *p, unsigned which) {
  (void)which; /* a markdown page always has its heading */
  if (*p->title)
    bf_buf_printf(b, "# %s\n\n", p->title);
  const char *parts[] = {p->byline, p->date, p->site_name};
  int any = 0;
  for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    if (!*parts[i])
      continue;
    bf_buf_puts(b, any ? " \xC2\xB7 " : "*");
    bf_buf_puts(b, parts[i]);
    any = 1;
  }
  if (any)
    bf_buf_puts(b, "*\n\n");
  if (*p->canonical_url)
    bf_buf_printf(b, "<%s>\n\n", p->canonical_url);
  const char *s = p->text, *end = p->text + p->text_len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    bf_buf_append(b, s, n);
    bf_buf_puts(b, "\n\n");
    s += n + 1;
  }
}

static void cell(bf_buf *b, const char *s) {
  bf_render_clean(b, s, strlen(s), 1);
}

/* A desk's stories as a table. */
static void stories(bf_buf *b, const brief_story_list *l) {
  bf_buf_puts(b, "| Story | Headline | Articles | Outlets | First | Last | "
                 "Names |\n|---|---|---|---|---|---|---|\n");
  brief_story_info x;
  for (size_t i = 0; i < brief_story_list_count(l); i++) {
    if (brief_story_list_get(l, i, &x) != BRIEF_OK)
      continue;
    bf_buf_printf(b, "| %llu | ", (unsigned long long)x.id);
    cell(b, x.headline);
    bf_buf_printf(b, " | %zu | %zu | %s | %s | ", x.articles, x.outlets,
                  x.first_date, x.last_date);
    for (size_t k = 0; k < x.name_count; k++) {
      bf_buf_puts(b, k ? ", " : "");
      cell(b, x.names[k]);
    }
    bf_buf_puts(b, " |\n");
  }
}

const bf_format bf_format_markdown = {&style, NULL, page, stories, NULL, NULL};
