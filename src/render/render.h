/*
 * render.h - the render stage's internal interface: one output format per
 * file (text.c, markdown.c, json.c) over the shared parts in render.c.
 *
 * A format reads the story, the summary, the facts and an extracted page
 * through the public views of brief.h only, and writes into a bf_buf. The
 * public calls (brief_render, brief_render_facts, brief_render_page) pick
 * the format from the table in render.c; adding a format is one new file
 * and one line there.
 */
#ifndef BRIEF_RENDER_H
#define BRIEF_RENDER_H

#include "brief.h"
#include "core/vec.h"

/* What one rendering shows. */
typedef struct bf_report {
  const brief_story *story;
  const brief_summary *summary; /* NULL: the facts alone */
  const brief_facts *facts;     /* NULL: no facts sections */
  const brief_options *opts;    /* echoed by JSON; never NULL */
  const char *const *warnings;  /* the caller's, after the story's own */
  size_t warning_count;
  const brief_story_info *story_info; /* a desk story's brief: its fields */
  int stale;                          /* ...and whether it has changed */
} bf_report;

/* ---- the line-oriented formats (text, markdown) ------------------------- */

/* How a line-oriented format dresses the parts of a report; bf_render_lines
 * writes the parts in order. Strings are written as they are. */
typedef struct bf_wrap {
  const char *open, *close;
} bf_wrap;

typedef struct bf_lines_style {
  const char *summary;  /* before the summary's sentences */
  const char *sentence; /* opens a summary sentence */
  const char *item;     /* opens a quote, name or timeline line */
  const char *none;     /* the line of a section with nothing in it */
  const char *unknown;  /* the speaker of an unattributed quote */
  bf_wrap heading;      /* around a section's title */
  bf_wrap number;       /* around a source's number */
  bf_wrap name;         /* around a source id, speaker or name */
  bf_wrap url;          /* around a source's web address */
  bf_wrap mentions;     /* around a name's number of mentions */
  const char *plural;   /* after it, unless the number is 1 */
  bf_wrap date;         /* around a timeline line's date */
  int date_width;       /* the date padded to this many bytes */
  bf_wrap story;        /* around "Story N: headline" above a desk brief */
  /* The figures table, heading and "none" line excepted. */
  void (*figures)(bf_buf *b, const brief_facts *f);
} bf_lines_style;

void bf_render_lines(bf_buf *b, const bf_report *r, const bf_lines_style *s);

/* The numbered articles of a story, one line each, as in a report's
 * sources. */
void bf_render_article_lines(bf_buf *b, const brief_story *st,
                             const bf_lines_style *s);

/* A desk's article list, one line each, numbered by arrival. */
void bf_render_article_list_lines(bf_buf *b, const brief_article_list *l,
                                  const bf_lines_style *s);

/* ---- the formats -------------------------------------------------------- */

/* One output format: a line-oriented one gives its style and the walk above
 * writes its reports; any other writes them itself. Out of memory is
 * reported through the buffer's oom. */
typedef struct bf_format {
  const bf_lines_style *lines;
  void (*report)(bf_buf *b, const bf_report *r); /* when lines is NULL */
  /* `parts` is brief_render_page's: which parts besides the text. */
  void (*page)(bf_buf *b, const brief_page_view *p, unsigned parts);
  void (*stories)(bf_buf *b, const brief_story_list *l); /* a desk's list */
  void (*articles)(bf_buf *b, const brief_story *st); /* when lines is NULL */
  void (*article_list)(bf_buf *b,
                       const brief_article_list *l); /* when lines is NULL */
} bf_format;

extern const bf_format bf_format_text;
extern const bf_format bf_format_markdown;
extern const bf_format bf_format_json;

/* ---- parts every format shares ------------------------------------------ */

/* A citation of 1-based article numbers, "[1,3]", in the order given. */
void bf_render_cite(bf_buf *b, const size_t *sources, size_t n);

/* A summary sentence as a reader sees it: its text with each relative time
 * followed by the date it stands for ("on Wednesday [July 4]"). */
void bf_render_sentence(bf_buf *b, const brief_sentence_view *v);

/* A summary sentence's citation: the outlets stating all of it in
 * ascending order, then those stating part of it and those giving another
 * figure for its figure: "[1,3; partly 4; other figure 5]". */
void bf_render_sentence_cite(bf_buf *b, const brief_sentence_view *v);

/* Appends text with line breaks and tabs folded to spaces; in a markdown
 * table cell a pipe is escaped. */
void bf_render_clean(bf_buf *b, const char *s, size_t n, int md_cell);

/* A desk story's counts, dates, conflicts and names after its headline:
 * "5 articles, 4 outlets, 2025-03-12 to 2025-03-14; Velrail, ...". */
void bf_render_story_details(bf_buf *b, const brief_story_info *x);

/* A figure group's measure, "-" when it has none. */
const char *bf_render_measure(const brief_figure_group_view *g);

/* The distinct values of a figure group: figures with the same qualifier
 * and numbers share a line, citing every article that gives it. */
typedef struct bf_value_line {
  size_t figure; /* the first figure with the value */
  size_t sources[64];
  size_t source_count;
} bf_value_line;

enum { BF_MAX_VALUE_LINES = 16 };

/* Fills up to BF_MAX_VALUE_LINES lines of group g; returns how many. */
size_t bf_render_value_lines(const brief_facts *f, size_t g,
                             bf_value_line *out);

/* The values of group g as "text (span) [sources]; ...". */
void bf_render_values(bf_buf *b, const brief_facts *f, size_t g, int md_cell);

#endif
