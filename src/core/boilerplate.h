/*
 * boilerplate.h - the stock phrases of page furniture ("Advertisement",
 * "Share this", "Related:") that both the extract stage, on a web page's
 * blocks, and the clean stage, on an article's lines, drop.
 *
 * Each stage keeps only the phrases that are its own (navigation words for
 * pages, newswire and caption marks for text) and reads these for the rest,
 * each by its own rule of matching. Lower case; NULL ends each list.
 */
#ifndef BRIEF_BOILERPLATE_H
#define BRIEF_BOILERPLATE_H

/* A block or line that holds this phrase alone. */
extern const char *const bf_boilerplate_phrases[];

/* A block or line that opens with this. */
extern const char *const bf_boilerplate_openings[];

#endif
