/*
 * extract.h - internals of the HTML extraction stage (src/extract).
 *
 * The stage turns a saved web page into a brief_page: the article's text,
 * one paragraph per line, and its metadata. It is split by concern:
 *
 *   charset.c       any declared charset -> clean UTF-8 for the parser
 *   extract_text.c  normalising text runs (spaces, entities, invisible chars)
 *   walk.c          the parse tree's visible text cut into blocks (blocks.h)
 *   score.c         elements credited with prose; the article's element
 *   choose.c        the article's blocks around that element
 *   extract.c       parsing, the title, the text, the fallbacks
 *   extract_meta.c  title, byline, date, site, canonical URL, language
 *   page_state.c    article text kept only in page-state JSON
 *   page.c          the brief_page object and its view (src/render writes
 *                   it out)
 *
 * Everything a page owns lives in its arena; the parse tree and the scoring
 * tables are released before brief_extract_html returns.
 */
#ifndef BRIEF_EXTRACT_H
#define BRIEF_EXTRACT_H

#include "brief.h"
#include "core/arena.h"
#include "core/vec.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <stddef.h>
#include <stdint.h>

struct brief_page {
  bf_arena arena; /* every string below */
  const char *name;
  const char *text;
  size_t text_len;
  size_t words;
  size_t paragraphs;
  const char *title, *byline, *date, *site_name, *canonical_url, *language;
  const char *charset; /* the encoding the bytes were read as */
  const char *warning;
};

/* ---- charset.c ---- */

/* Converts the page bytes to UTF-8 with no NUL or other C0 control bytes
 * (tab, newline and carriage return stay). A byte-order mark wins, then an
 * XML declaration or <meta> charset. Pages that are valid UTF-8 are read as
 * UTF-8 whatever they declare (re-encoded pages often keep a stale Latin-1
 * declaration); bytes that are not valid UTF-8 in an undeclared or Latin-1
 * page are read as Windows-1252. On success `out` (initialised here)
 * holds the text and `charset` the name of what was used. */
brief_status bf_html_to_utf8(const char *in, size_t len, const char *name,
                             bf_buf *out, char *charset, size_t cap,
                             brief_error *err);

/* The Windows-1252 meaning of a byte or C1 code point 0x80..0x9F (as HTML
 * reads numeric references in that range), or 0 when undefined. */
int32_t bf_cp1252_c1(unsigned c);

/* ---- extract_text.c ---- */

/* Appends `s` to `b` normalised: whitespace runs (including no-break and
 * other Unicode spaces) become one space, zero-width and control characters
 * are dropped, C1 controls read as Windows-1252 and invalid bytes become
 * U+FFFD. `*space` carries "a space is pending" across calls so runs split
 * over several text nodes collapse too; no space is written before offset
 * `start` of `b` (where the current paragraph begins). */
void bf_xtext_append(bf_buf *b, size_t start, const char *s, size_t len,
                     int *space);

/* Normalises `s` into a new arena string, trimmed. */
char *bf_xtext_dup(bf_arena *a, const char *s, size_t len);

/* Counts words: runs of non-space bytes. */
size_t bf_xtext_words(const char *s, size_t len);

/* Case-insensitive ASCII comparisons on NUL-terminated strings. */
int bf_ascii_ieq(const char *a, const char *b);
int bf_ascii_istarts(const char *s, const char *prefix);
const char *bf_ascii_istr(const char *hay, const char *needle);

/* ---- extract_meta.c ---- */

/* What the metadata pass found; strings are page-arena copies or NULL. */
typedef struct bf_meta {
  const char *title;    /* <title>, og:title or JSON-LD headline */
  const char *og_title; /* kept apart: usually free of the site suffix */
  const char *ld_headline;
  const char *byline, *date, *site_name, *canonical_url, *language;
  const char *article_body; /* JSON-LD articleBody, normalised */
  size_t article_body_len;
} bf_meta;

/* Where the JSON of a script starts: past the "<!--", "//" and
 * "<![CDATA[" wrappers pages put around it, at the first '{' or '['
 * (len when there is none). */
size_t bf_json_start(const char *s, size_t len);

/* Reads <head> metadata, JSON-LD and the URL of the page. */
void bf_meta_collect(xmlDoc *doc, bf_arena *a, bf_meta *meta);

/* Parses a date at the start of `s` in any form pages use (ISO 8601,
 * "January 18, 2008", "18 Jan 2008", "2008/01/18") into "YYYY-MM-DD" in
 * `out`; returns non-zero on success. */
int bf_meta_parse_date(const char *s, size_t len, char out[11]);

/* Finds a date in a URL path: /2008/01/18/, /2008-01-18, /20080118. */
int bf_meta_url_date(const char *url, char out[11]);

/* The value of attribute `name` (lower case) of an element, borrowed from
 * the tree, or NULL when absent. The HTML parser stores each value as one
 * decoded text node, so no copy is needed. */
const char *bf_attr(const xmlNode *node, const char *name);

/* The concatenated, normalised text of a subtree, skipping scripts and
 * styles; an arena string. */
char *bf_node_text(bf_arena *a, xmlNode *node);

/* ---- extract.c ---- */

/* Parses UTF-8 HTML with the extractor's options; NULL when libxml2 gives
 * no tree. The caller frees it with xmlFreeDoc. */
xmlDoc *bf_html_parse(const char *utf8, size_t len);

/* ---- page_state.c ---- */

/* The article text of the page's page-state JSON (__NEXT_DATA__ and the
 * like), one paragraph a line, as an arena string with its length in
 * *len; NULL when the page has none. */
const char *bf_page_state_text(xmlDoc *doc, bf_arena *a, size_t *len);

#endif
