/*
 * stopwords.c - the English stopword list used by segment and analyse.
 *
 * Function words that carry no topic: articles, pronouns, auxiliaries,
 * prepositions, conjunctions and the commonest adverbs, plus reporting verbs
 * that every news story repeats ("said", "says"). Sorted for bsearch.
 */
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

static const char *const stopwords[] = {
    "a",       "about",   "above",     "after",   "again",      "against",
    "ago",     "all",     "also",      "am",      "among",      "an",
    "and",     "another", "any",       "are",     "around",     "as",
    "at",      "be",      "became",    "because", "been",       "before",
    "being",   "below",   "between",   "both",    "but",        "by",
    "can",     "could",   "did",       "do",      "does",       "doing",
    "done",    "down",    "during",    "each",    "either",     "else",
    "even",    "ever",    "every",     "few",     "for",        "from",
    "further", "had",     "has",       "have",    "having",     "he",
    "her",     "here",    "hers",      "herself", "him",        "himself",
    "his",     "how",     "however",   "i",       "if",         "in",
    "into",    "is",      "it",        "its",     "itself",     "just",
    "last",    "least",   "less",      "like",    "made",       "many",
    "may",     "me",      "might",     "more",    "most",       "much",
    "must",    "my",      "myself",    "neither", "no",         "nor",
    "not",     "now",     "of",        "off",     "often",      "on",
    "once",    "one",     "only",      "or",      "other",      "others",
    "our",     "ours",    "ourselves", "out",     "over",       "own",
    "per",     "perhaps", "quite",     "rather",  "really",     "said",
    "same",    "say",     "says",      "she",     "should",     "since",
    "so",      "some",    "still",     "such",    "than",       "that",
    "the",     "their",   "theirs",    "them",    "themselves", "then",
    "there",   "these",   "they",      "this",    "those",      "though",
    "through", "thus",    "to",        "told",    "too",        "toward",
    "towards", "under",   "until",     "up",      "upon",       "us",
    "very",    "via",     "was",       "we",      "well",       "were",
    "what",    "when",    "where",     "whether", "which",      "while",
    "who",     "whom",    "whose",     "why",     "will",       "with",
    "within",  "without", "would",     "yet",     "you",        "your",
    "yours",   "yourself"};

static int cmp(const void *key, const void *elem) {
  return strcmp((const char *)key, *(const char *const *)elem);
}

int bf_is_stopword(const char *w, size_t len) {
  char buf[16];
  if (len == 0 || len >= sizeof buf)
    return 0;
  memcpy(buf, w, len);
  buf[len] = '\0';
  return bsearch(buf, stopwords, sizeof stopwords / sizeof *stopwords,
                 sizeof *stopwords, cmp) != NULL;
}
