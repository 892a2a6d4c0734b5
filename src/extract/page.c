/*
 * page.c - the brief_page object: its view and its text, JSON and markdown
 * renderings (what `brief extract` prints).
 *
 * Text: "key: value" lines for the known metadata, a blank line, then the
 * article one paragraph per line. JSON: one object on one line, so several
 * pages make JSON Lines. Markdown: the title as a heading, the metadata in
 * italics, paragraphs separated by blank lines.
 */
#include "extract/extract.h"

#include "core/error.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void brief_page_free(brief_page *page) {
  if (!page)
    return;
  bf_arena_release(&page->arena);
  free(page);
}

void brief_page_view_get(const brief_page *page, brief_page_view *out) {
  if (!out)
    return;
  if (!page) {
    memset(out, 0, sizeof *out);
    out->text = out->title = out->byline = out->date = "";
    out->site_name = out->canonical_url = out->language = out->warning = "";
    return;
  }
  out->text = page->text;
  out->text_len = page->text_len;
  out->title = page->title;
  out->byline = page->byline;
  out->date = page->date;
  out->site_name = page->site_name;
  out->canonical_url = page->canonical_url;
  out->language = page->language;
  out->warning = page->warning;
}

static void field_line(bf_buf *b, const char *key, const char *value) {
  if (value && *value)
    bf_buf_printf(b, "%s: %s\n", key, value);
}

static void render_text(const brief_page *p, bf_buf *b) {
  field_line(b, "title", p->title);
  field_line(b, "byline", p->byline);
  field_line(b, "date", p->date);
  field_line(b, "site", p->site_name);
  field_line(b, "url", p->canonical_url);
  field_line(b, "language", p->language);
  field_line(b, "warning", p->warning);
  bf_buf_putc(b, '\n');
  bf_buf_append(b, p->text, p->text_len);
}

static void render_markdown(const brief_page *p, bf_buf *b) {
  if (*p->title)
    bf_buf_printf(b, "# %s\n\n", p->title);
  const char *parts[] = {p->byline, p->date, p->site_name};
  int any = 0;
  for (size_t i = 0; i < 3; i++) {
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

static int render_json(const brief_page *p, bf_buf *b) {
  json_t *o = json_object();
  if (!o)
    return -1;
  int bad = 0;
  bad |= json_object_set_new(o, "name", json_string(p->name));
  bad |= json_object_set_new(o, "title", json_string(p->title));
  bad |= json_object_set_new(o, "byline", json_string(p->byline));
  bad |= json_object_set_new(o, "date", json_string(p->date));
  bad |= json_object_set_new(o, "site_name", json_string(p->site_name));
  bad |= json_object_set_new(o, "canonical_url", json_string(p->canonical_url));
  bad |= json_object_set_new(o, "language", json_string(p->language));
  bad |= json_object_set_new(o, "charset", json_string(p->charset));
  bad |= json_object_set_new(o, "words", json_integer((json_int_t)p->words));
  bad |= json_object_set_new(o, "paragraphs",
                             json_integer((json_int_t)p->paragraphs));
  bad |= json_object_set_new(o, "text", json_stringn(p->text, p->text_len));
  bad |= json_object_set_new(o, "warning", json_string(p->warning));
  char *s = bad ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  json_decref(o);
  if (!s)
    return -1;
  bf_buf_puts(b, s);
  bf_buf_putc(b, '\n');
  free(s);
  return 0;
}

brief_status brief_render_page(const brief_page *page, brief_format format,
                               char **out, brief_error *err) {
  if (!page || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "render_page: no page given");
  *out = NULL;
  bf_buf b;
  bf_buf_init(&b);
  int failed = 0;
  switch (format) {
  case BRIEF_FORMAT_TEXT:
    render_text(page, &b);
    break;
  case BRIEF_FORMAT_JSON:
    failed = render_json(page, &b);
    break;
  case BRIEF_FORMAT_MARKDOWN:
    render_markdown(page, &b);
    break;
  default:
    return bf_fail(err, BRIEF_ERR_ARG, "render_page: unknown format %d",
                   (int)format);
  }
  char *s = failed ? NULL : bf_buf_take(&b);
  bf_buf_free(&b);
  if (!s)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", page->name);
  *out = s;
  bf_ok(err);
  return BRIEF_OK;
}
