/*
 * text.c - the plain text format: what `brief summarize`, `brief facts` and
 * `brief extract` print by default.
 *
 * A report is the summary, one cited sentence a line, the numbered
 * sources, then the facts: a figures table in aligned columns (verdict,
 * measure, values with their sources), quotes, names and a timeline, each
 * line indented under its heading. A page is the article one paragraph a
 * line, under "key: value" lines for the known metadata and a blank line
 * when they are asked for. A desk's stories are two lines each: id and
 * headline, then the details.
 */
#include "render/render.h"

#include <string.h>

/* The measure column is as wide as the longest measure, within limits. */
enum { MEASURE_MIN_WIDTH = 8, MEASURE_MAX_WIDTH = 28 };

static void figures(bf_buf *b, const brief_facts *f) {
  size_t ng = brief_facts_figure_group_count(f), width = MEASURE_MIN_WIDTH;
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    size_t l = strlen(bf_render_measure(&gv));
    if (l > width)
      width = l > MEASURE_MAX_WIDTH ? MEASURE_MAX_WIDTH : l;
  }
  if (ng)
    bf_buf_printf(b, "  %-8s  %-*s  %s\n", "verdict", (int)width, "measure",
                  "values [sources]");
  for (size_t g = 0; g < ng; g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    bf_buf_printf(b, "  %-8s  %-*s  ", brief_verdict_name(gv.verdict),
                  (int)width, bf_render_measure(&gv));
    bf_render_values(b, f, g, 0);
    bf_buf_putc(b, '\n');
  }
}

/* clang-format off */
static const bf_lines_style style = {
    .summary = "", .sentence = "", .item = "  ", .none = "  (none)\n",
    .unknown = "(unknown)", .heading = {"", ":\n"}, .number = {"[", "] "},
    .name = {"", ""}, .url = {" ", ""}, .mentions = {" x", ""}, .plural = "",
    .date = {"", "  "}, .date_width = 10, .story = {"", "\n"},
    .figures = figures};
/* clang-format on */

static void field_line(bf_buf *b, const char *key, const char *value) {
  if (*value)
    bf_buf_printf(b, "%s: %s\n", key, value);
}

static void page(bf_buf *b, const brief_page_view *p, unsigned parts) {
  if (parts & BRIEF_PAGE_METADATA) {
    field_line(b, "title", p->title);
    field_line(b, "byline", p->byline);
    field_line(b, "date", p->date);
    field_line(b, "site", p->site_name);
    field_line(b, "url", p->canonical_url);
    field_line(b, "language", p->language);
    field_line(b, "warning", p->warning);
    bf_buf_putc(b, '\n');
  }
  bf_buf_append(b, p->text, p->text_len);
}

/* A desk's stories: "#id  headline", then its details indented. */
static void stories(bf_buf *b, const brief_story_list *l) {
  brief_story_info x;
  size_t n = brief_story_list_count(l);
  for (size_t i = 0; i < n; i++) {
    if (brief_story_list_get(l, i, &x) != BRIEF_OK)
      continue;
    bf_buf_printf(b, "#%llu  ", (unsigned long long)x.id);
    bf_render_clean(b, x.headline, strlen(x.headline), 0);
    bf_buf_puts(b, "\n    ");
    bf_render_story_details(b, &x);
    bf_buf_putc(b, '\n');
  }
  if (!n)
    bf_buf_puts(b, "no stories\n");
}

const bf_format bf_format_text = {&style, NULL, page, stories, NULL, NULL};
