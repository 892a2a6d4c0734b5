/*
 * cmd_extract.c - `brief extract`: the article text and metadata of saved
 * web pages.
 *
 *   brief extract [--metadata] [--format text|json|markdown] PAGE.html...
 *
 * Text prints the article alone, one paragraph per line, so it pipes into
 * other tools; --metadata puts "key: value" metadata lines and a blank line
 * above it. Several pages are separated by a blank line. JSON prints one
 * object per page, one per line (JSON Lines), with every field. "-" reads
 * standard input. A page with no article text, or with text only a
 * fallback found, is not an error: its warning goes to stderr. A page that
 * cannot be read, is over the size limit or nests too deep is reported as
 * "brief: FILE: problem" and the exit status is 1; usage errors exit 2.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out) {
  fprintf(out,
          "usage: brief extract [--metadata] [--format text|json|markdown] "
          "PAGE.html...\n"
          "\n"
          "Prints the main article of each saved web page, one paragraph a\n"
          "line.\n"
          "\n"
          "  -m, --metadata    text: title, byline, date, site, canonical "
          "URL\n"
          "                    and language lines above the article\n"
          "  -f, --format FMT  text (default), json (one object per line,\n"
          "                    every field) or markdown\n"
          "  -h, --help        this help\n"
          "\n"
          "'-' reads a page from standard input. Pages over %zu MiB are\n"
          "refused.\n",
          (size_t)(BRIEF_MAX_ARTICLE_BYTES >> 20));
}

static int extract_one(const char *path, brief_format format, unsigned parts,
                       int first) {
  brief_error err;
  char *html;
  size_t len;
  if (brief_read_file(path, BRIEF_MAX_ARTICLE_BYTES, &html, &len, &err) !=
      BRIEF_OK) {
    cli_error("%s", err.message);
    return 1;
  }
  brief_page *page;
  brief_status st = brief_extract_html(html, len, path, &page, &err);
  free(html);
  if (st != BRIEF_OK) {
    cli_error("%s", err.message);
    return 1;
  }
  brief_page_view view;
  brief_page_view_get(page, &view);
  if (*view.warning)
    cli_error("%s: %s", path, view.warning);
  char *text;
  st = brief_render_page(page, format, parts, &text, &err);
  brief_page_free(page);
  if (st != BRIEF_OK) {
    cli_error("%s", err.message);
    return 1;
  }
  int rc = 0;
  if (!first && format != BRIEF_FORMAT_JSON)
    rc = cli_write_stdout("\n");
  if (rc == 0)
    rc = cli_write_stdout(text);
  brief_free(text);
  return rc;
}

int cmd_extract(int argc, char **argv) {
  brief_format format = BRIEF_FORMAT_TEXT;
  unsigned parts = BRIEF_PAGE_TEXT;
  int i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      usage(stdout);
      return 0;
    }
    if (strcmp(a, "-m") == 0 || strcmp(a, "--metadata") == 0) {
      parts |= BRIEF_PAGE_METADATA;
      continue;
    }
    const char *value = NULL;
    if (strcmp(a, "-f") == 0 || strcmp(a, "--format") == 0) {
      if (i + 1 >= argc) {
        cli_error("extract: %s needs a value", a);
        return 2;
      }
      value = argv[++i];
    } else if (strncmp(a, "--format=", 9) == 0) {
      value = a + 9;
    } else if (a[0] == '-' && a[1] != '\0') {
      cli_error("extract: unknown option '%s' (try 'brief extract --help')", a);
      return 2;
    } else {
      break;
    }
    if (cli_parse_format(value, &format)) {
      cli_error("extract: unknown format '%s' (text, json or markdown)", value);
      return 2;
    }
  }
  if (i >= argc) {
    usage(stderr);
    return 2;
  }
  int rc = 0;
  for (int first = 1; i < argc; i++, first = 0)
    if (extract_one(argv[i], format, parts, first))
      rc = 1;
  return rc;
}
