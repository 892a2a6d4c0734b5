/*
 * page.c - the brief_page object: its release and its read-only view. The
 * renderings of a page live with the other output formats, in src/render.
 */
#include "extract/extract.h"

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
    out->name = out->text = out->title = out->byline = out->date = "";
    out->site_name = out->canonical_url = out->language = out->warning = "";
    out->charset = "";
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
  out->name = page->name;
  out->charset = page->charset;
  out->word_count = page->words;
  out->paragraph_count = page->paragraphs;
}
