/*
 * porter_rouge.h - the Porter stemmer as ROUGE-1.5.5 runs it (-m): the
 * Perl port of Martin Porter's algorithm that ships inside the script.
 *
 * It differs from the reference stemmer (libstemmer "porter") where the
 * Perl port differs from the paper: step 2 has -bli (not -abli) and -logi;
 * step 4 tries its list without -ment and -ent, then -ment, then -ent or
 * -ion, each on what the rule before left ("statement" -> "statem"); and
 * Porter's measure, the vowel test and the *o test are the port's regular
 * expressions, in which a y may count as either vowel or consonant where
 * that lets the pattern match. The measure tests are compiled POSIX
 * regular expressions, which agree with Perl's on whether a pattern
 * matches, so the port's reading of y is kept exactly.
 */
#ifndef BRIEF_PORTER_ROUGE_H
#define BRIEF_PORTER_ROUGE_H

#include <regex.h>
#include <stddef.h>

typedef struct bf_porter_rouge {
  regex_t mgr0;  /* [C]VC...: measure above 0 */
  regex_t meq1;  /* [C]VC[V]: measure exactly 1 */
  regex_t mgr1;  /* [C]VCVC...: measure above 1 */
  regex_t vowel; /* [C]v...: the stem holds a vowel */
  regex_t cvc;   /* CvC with the last not w, x or y: the whole stem */
  int ready;
} bf_porter_rouge;

/* Compiles the patterns. Returns 0, or -1 when out of memory. */
int bf_porter_rouge_init(bf_porter_rouge *p);

/* Releases the patterns; a zeroed or released stemmer is accepted. */
void bf_porter_rouge_release(bf_porter_rouge *p);

/* Stems the lower-case ASCII word w[0..len) in place and returns the
 * stem's length, never more than len; w is not terminated. Words of fewer
 * than 3 characters are returned unchanged. `scratch` has room for len + 1
 * bytes: the patterns need terminated strings. */
size_t bf_porter_rouge_stem(const bf_porter_rouge *p, char *w, size_t len,
                            char *scratch);

#endif
