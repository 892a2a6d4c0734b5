/*
 * extract_fuzz.c - libFuzzer target for the HTML extractor.
 *
 * Feeds arbitrary bytes to brief_extract_html, renders the page in every
 * format, and aborts when any output is not valid UTF-8 or a view string is
 * NULL: the sanitizers catch the rest. Built and run by run.sh.
 */
#include "brief.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_utf8(const char *s, size_t len) {
  if (!s || bf_utf8_invalid_at(s, len) != len)
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  brief_page *page;
  brief_error err;
  if (brief_extract_html((const char *)data, size, "fuzz", &page, &err) !=
      BRIEF_OK)
    return 0;
  brief_page_view v;
  brief_page_view_get(page, &v);
  check_utf8(v.text, v.text_len);
  if (strlen(v.text) != v.text_len)
    abort();
  const char *fields[] = {v.title,         v.byline,   v.date,   v.site_name,
                          v.canonical_url, v.language, v.warning};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    check_utf8(fields[i], fields[i] ? strlen(fields[i]) : 0);
  brief_format formats[] = {BRIEF_FORMAT_TEXT, BRIEF_FORMAT_JSON,
                            BRIEF_FORMAT_MARKDOWN};
  for (size_t i = 0; i < 3; i++)
    for (unsigned parts = 0; parts <= BRIEF_PAGE_METADATA; parts++) {
      char *out;
      if (brief_render_page(page, formats[i], parts, &out, &err) != BRIEF_OK)
        abort();
      check_utf8(out, strlen(out));
      brief_free(out);
    }
  brief_page_free(page);
  return 0;
}
