/*
 * porter_rouge.c - ROUGE-1.5.5's Porter stemmer (see porter_rouge.h).
 *
 * The word is copied into a terminated scratch buffer and edited there: no
 * rule makes it longer than it was (a removed -ed/-ing makes room for a
 * restored -e), and a pattern tests a prefix by terminating it for the
 * call. Suffix lists follow the port: the longest suffix of a list that
 * the word ends with decides, and if its condition fails the word is left
 * alone by that list.
 */
#include "eval/porter_rouge.h"

#include <string.h>

/* The port's classes: a consonant run opens with any letter but a, e, i,
 * o, u and goes on without y; a vowel run opens with any of aeiouy and
 * goes on with aeiou. */
#define C_RUN "[^aeiou][^aeiouy]*"
#define V_RUN "[aeiouy][aeiou]*"

int bf_porter_rouge_init(bf_porter_rouge *p) {
  static const char *const patterns[] = {
      "^(" C_RUN ")?" V_RUN C_RUN,
      "^(" C_RUN ")?" V_RUN C_RUN "(" V_RUN ")?$",
      "^(" C_RUN ")?" V_RUN C_RUN V_RUN C_RUN,
      "^(" C_RUN ")?[aeiouy]",
      "^" C_RUN "[aeiouy][^aeiouwxy]$",
  };
  regex_t *const slots[] = {&p->mgr0, &p->meq1, &p->mgr1, &p->vowel, &p->cvc};
  memset(p, 0, sizeof *p);
  for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
    if (regcomp(slots[i], patterns[i], REG_EXTENDED | REG_NOSUB) != 0) {
      while (i-- > 0)
        regfree(slots[i]);
      return -1;
    }
  p->ready = 1;
  return 0;
}

void bf_porter_rouge_release(bf_porter_rouge *p) {
  if (!p->ready)
    return;
  regfree(&p->mgr0);
  regfree(&p->meq1);
  regfree(&p->mgr1);
  regfree(&p->vowel);
  regfree(&p->cvc);
  p->ready = 0;
}

/* Whether s[0..n) matches `re`; s[n] is restored after the call. */
static int test(const regex_t *re, char *s, size_t n) {
  char keep = s[n];
  s[n] = '\0';
  int hit = regexec(re, s, 0, NULL, 0) == 0;
  s[n] = keep;
  return hit;
}

static int ends(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

typedef struct rule {
  const char *suffix, *with;
} rule;

/* The longest suffix of rules[] that s[0..n) ends with, or NULL. */
static const rule *longest(const rule *rules, size_t count, const char *s,
                           size_t n) {
  const rule *best = NULL;
  for (size_t i = 0; i < count; i++)
    if (ends(s, n, rules[i].suffix) &&
        (!best || strlen(rules[i].suffix) > strlen(best->suffix)))
      best = &rules[i];
  return best;
}

/* Replaces the longest suffix of `rules` when the stem before it matches
 * `cond`. */
static size_t replace(const regex_t *cond, const rule *rules, size_t count,
                      char *s, size_t n) {
  const rule *r = longest(rules, count, s, n);
  if (!r)
    return n;
  size_t stem = n - strlen(r->suffix);
  if (!test(cond, s, stem))
    return n;
  size_t k = strlen(r->with);
  memcpy(s + stem, r->with, k);
  return stem + k;
}

/* Step 1a: -sses, -ies, -s. Step 1b: -eed, -ed, -ing. Step 1c: -y. */
static size_t step1(const bf_porter_rouge *p, char *s, size_t n) {
  if (ends(s, n, "sses") || ends(s, n, "ies"))
    n -= 2;
  else if (n >= 2 && s[n - 1] == 's' && s[n - 2] != 's')
    n -= 1;
  size_t k = ends(s, n, "ed") ? 2 : ends(s, n, "ing") ? 3 : 0;
  if (ends(s, n, "eed")) {
    if (test(&p->mgr0, s, n - 3))
      n--;
  } else if (k && test(&p->vowel, s, n - k)) {
    n -= k;
    char last = n ? s[n - 1] : '\0';
    if (ends(s, n, "at") || ends(s, n, "bl") || ends(s, n, "iz"))
      s[n++] = 'e';
    else if (n >= 2 && last == s[n - 2] && !strchr("aeiouylsz", last))
      n--;
    else if (test(&p->cvc, s, n))
      s[n++] = 'e';
  }
  if (ends(s, n, "y") && test(&p->vowel, s, n - 1))
    s[n - 1] = 'i';
  return n;
}

static const rule step2_rules[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},
    {"anci", "ance"},   {"izer", "ize"},    {"bli", "ble"},
    {"alli", "al"},     {"entli", "ent"},   {"eli", "e"},
    {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
    {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},
    {"iviti", "ive"},   {"biliti", "ble"},  {"logi", "log"}};

static const rule step3_rules[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""}};

/* Step 4's first list: the paper's, without -ment and -ent, which the
 * port tries afterwards on their own. */
static const rule step4_rules[] = {
    {"al", ""},    {"ance", ""}, {"ence", ""}, {"er", ""},
    {"ic", ""},    {"able", ""}, {"ible", ""}, {"ant", ""},
    {"ement", ""}, {"ou", ""},   {"ism", ""},  {"ate", ""},
    {"iti", ""},   {"ous", ""},  {"ive", ""},  {"ize", ""}};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static size_t step4(const bf_porter_rouge *p, char *s, size_t n) {
  n = replace(&p->mgr1, step4_rules, COUNT(step4_rules), s, n);
  if (ends(s, n, "ment") && test(&p->mgr1, s, n - 4))
    n -= 4;
  if (ends(s, n, "ent")) {
    if (test(&p->mgr1, s, n - 3))
      n -= 3;
  } else if ((ends(s, n, "sion") || ends(s, n, "tion")) &&
             test(&p->mgr1, s, n - 3)) {
    n -= 3;
  }
  return n;
}

/* Step 5: a final -e, and -ll to -l. */
static size_t step5(const bf_porter_rouge *p, char *s, size_t n) {
  if (ends(s, n, "e")) {
    size_t stem = n - 1;
    if (test(&p->mgr1, s, stem) ||
        (test(&p->meq1, s, stem) && !test(&p->cvc, s, stem)))
      n = stem;
  }
  if (ends(s, n, "ll") && test(&p->mgr1, s, n))
    n--;
  return n;
}

size_t bf_porter_rouge_stem(const bf_porter_rouge *p, char *w, size_t len,
                            char *scratch) {
  if (len < 3)
    return len;
  char *s = scratch;
  memcpy(s, w, len);
  s[len] = '\0';
  /* An initial y is a consonant to every pattern. */
  int initial_y = s[0] == 'y';
  if (initial_y)
    s[0] = 'Y';
  size_t n = step1(p, s, len);
  n = replace(&p->mgr0, step2_rules, COUNT(step2_rules), s, n);
  n = replace(&p->mgr0, step3_rules, COUNT(step3_rules), s, n);
  n = step4(p, s, n);
  n = step5(p, s, n);
  if (initial_y)
    s[0] = 'y';
  memcpy(w, s, n);
  return n;
}
