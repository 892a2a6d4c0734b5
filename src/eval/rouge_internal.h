/*
 * rouge_internal.h - pieces of the ROUGE scorer exposed for unit tests and
 * for debugging a score by hand. Not part of the public API.
 */
#ifndef BRIEF_ROUGE_INTERNAL_H
#define BRIEF_ROUGE_INTERNAL_H

#include "brief.h"
#include "core/vec.h"

/* ROUGE-SU4's skip: a skip-bigram's two tokens have at most this many
 * tokens between them (ROUGE-1.5.5 -2 4). */
enum { BF_ROUGE_SKIP_GAP = 4 };

/* A byte span of the input: one line kept by the reader. */
typedef struct bf_span {
  size_t start, len;
} bf_span;

typedef BF_VEC(bf_span) bf_span_vec;

/* Splits text[0..len) on '\n', drops empty lines and, when words > 0,
 * applies ROUGE-1.5.5's -l cut: a line counts Perl split(/\s+/) fields
 * (a leading blank adds an empty field); whole lines are kept while the
 * running total stays below `words`, then the first words - total fields
 * of the next line, and reading stops. Appends to `out` (not cleared).
 * Returns 0, or -1 when out of memory. */
int bf_rouge_cut_lines(const char *text, size_t len, int words,
                       bf_span_vec *out);

/* The scorer's view of a text: its kept lines, each as the space-separated
 * tokens (stems) the scorer compares, lines joined by '\n'. On success *out
 * is malloc'd and the caller frees it. */
brief_status bf_rouge_tokenize(brief_rouge *rouge, const char *text, char **out,
                               brief_error *err);

/* Perl's sprintf("%7.5f") read back as a number: ROUGE-1.5.5 rounds each
 * per-evaluation R, P and F to 5 decimals before using them. */
double bf_rouge_round5(double x);

#endif
