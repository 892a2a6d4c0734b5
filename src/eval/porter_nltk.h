/*
 * porter_nltk.h - the Porter stemmer as NLTK's PorterStemmer runs it in its
 * default NLTK_EXTENSIONS mode, which Google's rouge_score uses.
 *
 * It differs from Martin Porter's reference stemmer (libstemmer "porter") in
 * a handful of rules: a table of irregular forms (dying -> die, news ->
 * news), -ies/-ied on four-letter words (dies -> die), y -> i only after a
 * consonant (enjoy stays), -alli handled before the other step 2 rules,
 * -fulli and a stem-keeping -logi, and a two-letter vowel-consonant stem
 * counting as *o (so "us" + e). Written from the published rules.
 */
#ifndef BRIEF_PORTER_NLTK_H
#define BRIEF_PORTER_NLTK_H

#include <stddef.h>

/* Stems the lower-case ASCII word w[0..len) in place and returns the stem's
 * length. The stem is never longer than the word, and w is not terminated.
 * Words of two characters or fewer are returned unchanged. */
size_t bf_porter_nltk(char *w, size_t len);

#endif
