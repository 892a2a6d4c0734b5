/*
 * porter_nltk.c - NLTK's variant of the Porter stemmer (see porter_nltk.h).
 *
 * The word is edited in place. Every rule only shortens the word or keeps
 * its length (a removed -ed/-ing makes room for a restored -e), so no
 * buffer beyond the word itself is needed.
 *
 * Rule lists follow one convention throughout, as in the paper: the first
 * suffix of a list that the word ends with decides. If its condition fails
 * the word is left alone and the later suffixes are not tried.
 */
#include "eval/porter_nltk.h"

#include <string.h>

static int is_vowel_letter(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Consonant flag of a letter given the flag of the letter before it: y is a
 * consonant at the start of a word or after a vowel, a vowel otherwise. */
static int cons_step(char c, size_t i, int prev_cons) {
  if (is_vowel_letter(c))
    return 0;
  if (c == 'y')
    return i == 0 ? 1 : !prev_cons;
  return 1;
}

/* Consonant flag of w[i]. A forward pass keeps runs of y linear. */
static int cons_at(const char *w, size_t i) {
  int c = 1;
  for (size_t k = 0; k <= i; k++)
    c = cons_step(w[k], k, c);
  return c;
}

/* Porter's m: the number of vowel-to-consonant transitions in w[0..n). */
static size_t measure(const char *w, size_t n) {
  size_t m = 0;
  int prev = 1;
  for (size_t i = 0; i < n; i++) {
    int c = cons_step(w[i], i, prev);
    if (i > 0 && !prev && c)
      m++;
    prev = c;
  }
  return m;
}

static int contains_vowel(const char *w, size_t n) {
  int prev = 1;
  for (size_t i = 0; i < n; i++) {
    prev = cons_step(w[i], i, prev);
    if (!prev)
      return 1;
  }
  return 0;
}

/* *d: ends with two equal consonants. */
static int ends_double_cons(const char *w, size_t n) {
  return n >= 2 && w[n - 1] == w[n - 2] && cons_at(w, n - 1);
}

/* *o: ends consonant-vowel-consonant, the last not w, x or y; NLTK also
 * counts a whole two-letter stem vowel-consonant. */
static int ends_cvc(const char *w, size_t n) {
  if (n >= 3) {
    char last = w[n - 1];
    return cons_at(w, n - 3) && !cons_at(w, n - 2) && cons_at(w, n - 1) &&
           last != 'w' && last != 'x' && last != 'y';
  }
  return n == 2 && !cons_at(w, 0) && cons_at(w, 1);
}

static int ends_with(const char *w, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

/* Replaces the last `cut` characters with `repl`; never grows the word
 * past its original length (see the file comment). */
static size_t replace_tail(char *w, size_t n, size_t cut, const char *repl) {
  size_t k = strlen(repl);
  memcpy(w + n - cut, repl, k);
  return n - cut + k;
}

enum cond {
  COND_NONE,
  COND_M_GT0, /* m(stem) > 0 */
  COND_M_GT1, /* m(stem) > 1 */
  COND_ION,   /* m(stem) > 1 and the stem ends in s or t */
  COND_LOGI,  /* m(stem + "l") > 0: the l of -logi stays with the stem */
  COND_LL     /* m(word minus one l) > 1 */
};

typedef struct rule {
  const char *suffix, *repl;
  enum cond cond;
} rule;

static int cond_holds(enum cond c, const char *w, size_t stem) {
  switch (c) {
  case COND_NONE:
    return 1;
  case COND_M_GT0:
    return measure(w, stem) > 0;
  case COND_M_GT1:
    return measure(w, stem) > 1;
  case COND_ION:
    return measure(w, stem) > 1 && (w[stem - 1] == 's' || w[stem - 1] == 't');
  case COND_LOGI:
    return measure(w, stem + 1) > 0;
  case COND_LL:
    return measure(w, stem + 1) > 1;
  }
  return 0;
}

static size_t apply_rules(char *w, size_t n, const rule *rules, size_t count) {
  for (size_t i = 0; i < count; i++) {
    size_t k = strlen(rules[i].suffix);
    if (!ends_with(w, n, rules[i].suffix))
      continue;
    if (cond_holds(rules[i].cond, w, n - k))
      return replace_tail(w, n, k, rules[i].repl);
    return n;
  }
  return n;
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Plurals. NLTK: a four-letter -ies word keeps its e (dies -> die). */
static size_t step1a(char *w, size_t n) {
  static const rule rules[] = {{"sses", "ss", COND_NONE},
                               {"ies", "i", COND_NONE},
                               {"ss", "ss", COND_NONE},
                               {"s", "", COND_NONE}};
  if (n == 4 && ends_with(w, n, "ies"))
    return replace_tail(w, n, 3, "ie");
  return apply_rules(w, n, rules, COUNT(rules));
}

/* After -ed or -ing came off: restore an e, undouble, or leave. */
static size_t step1b_tidy(char *w, size_t n) {
  if (ends_with(w, n, "at") || ends_with(w, n, "bl") || ends_with(w, n, "iz"))
    return replace_tail(w, n, 0, "e");
  if (ends_double_cons(w, n)) {
    char last = w[n - 1];
    return (last == 'l' || last == 's' || last == 'z') ? n : n - 1;
  }
  if (measure(w, n) == 1 && ends_cvc(w, n))
    return replace_tail(w, n, 0, "e");
  return n;
}

/* Past tenses and participles. NLTK: -ied is always cut (to -ie on
 * four-letter words), before the -eed rule is tried. */
static size_t step1b(char *w, size_t n) {
  if (ends_with(w, n, "ied"))
    return replace_tail(w, n, 3, n == 4 ? "ie" : "i");
  if (ends_with(w, n, "eed"))
    return measure(w, n - 3) > 0 ? n - 1 : n;
  if (ends_with(w, n, "ed") && contains_vowel(w, n - 2))
    return step1b_tidy(w, n - 2);
  if (ends_with(w, n, "ing") && contains_vowel(w, n - 3))
    return step1b_tidy(w, n - 3);
  return n;
}

/* Final y becomes i after a consonant that is not the whole stem. */
static size_t step1c(char *w, size_t n) {
  if (ends_with(w, n, "y") && n - 1 > 1 && cons_at(w, n - 2))
    return replace_tail(w, n, 1, "i");
  return n;
}

/* Double suffixes to single ones. NLTK tries -alli first and, when it
 * applies, runs the step again on the result. */
static size_t step2(char *w, size_t n) {
  static const rule rules[] = {
      {"ational", "ate", COND_M_GT0}, {"tional", "tion", COND_M_GT0},
      {"enci", "ence", COND_M_GT0},   {"anci", "ance", COND_M_GT0},
      {"izer", "ize", COND_M_GT0},    {"bli", "ble", COND_M_GT0},
      {"alli", "al", COND_M_GT0},     {"entli", "ent", COND_M_GT0},
      {"eli", "e", COND_M_GT0},       {"ousli", "ous", COND_M_GT0},
      {"ization", "ize", COND_M_GT0}, {"ation", "ate", COND_M_GT0},
      {"ator", "ate", COND_M_GT0},    {"alism", "al", COND_M_GT0},
      {"iveness", "ive", COND_M_GT0}, {"fulness", "ful", COND_M_GT0},
      {"ousness", "ous", COND_M_GT0}, {"aliti", "al", COND_M_GT0},
      {"iviti", "ive", COND_M_GT0},   {"biliti", "ble", COND_M_GT0},
      {"fulli", "ful", COND_M_GT0},   {"logi", "log", COND_LOGI}};
  while (ends_with(w, n, "alli") && measure(w, n - 4) > 0)
    n -= 2;
  return apply_rules(w, n, rules, COUNT(rules));
}

static size_t step3(char *w, size_t n) {
  static const rule rules[] = {
      {"icate", "ic", COND_M_GT0}, {"ative", "", COND_M_GT0},
      {"alize", "al", COND_M_GT0}, {"iciti", "ic", COND_M_GT0},
      {"ical", "ic", COND_M_GT0},  {"ful", "", COND_M_GT0},
      {"ness", "", COND_M_GT0}};
  return apply_rules(w, n, rules, COUNT(rules));
}

/* Suffix removal on long stems. -ement shadows -ment and -ent: a word
 * ending in -ement whose stem is too short keeps its whole suffix. */
static size_t step4(char *w, size_t n) {
  static const rule rules[] = {
      {"al", "", COND_M_GT1},    {"ance", "", COND_M_GT1},
      {"ence", "", COND_M_GT1},  {"er", "", COND_M_GT1},
      {"ic", "", COND_M_GT1},    {"able", "", COND_M_GT1},
      {"ible", "", COND_M_GT1},  {"ant", "", COND_M_GT1},
      {"ement", "", COND_M_GT1}, {"ment", "", COND_M_GT1},
      {"ent", "", COND_M_GT1},   {"ion", "", COND_ION},
      {"ou", "", COND_M_GT1},    {"ism", "", COND_M_GT1},
      {"ate", "", COND_M_GT1},   {"iti", "", COND_M_GT1},
      {"ous", "", COND_M_GT1},   {"ive", "", COND_M_GT1},
      {"ize", "", COND_M_GT1}};
  return apply_rules(w, n, rules, COUNT(rules));
}

/* A final e goes when m > 1, or when m == 1 and the stem is not *o (both
 * conditions are tried, unlike a rule list). */
static size_t step5a(char *w, size_t n) {
  if (!ends_with(w, n, "e"))
    return n;
  size_t m = measure(w, n - 1);
  if (m > 1 || (m == 1 && !ends_cvc(w, n - 1)))
    return n - 1;
  return n;
}

static size_t step5b(char *w, size_t n) {
  static const rule rules[] = {{"ll", "l", COND_LL}};
  return apply_rules(w, n, rules, COUNT(rules));
}

/* NLTK's irregular forms: matched whole, they bypass the rules. */
static const struct {
  const char *word, *stem;
} irregular[] = {
    {"skies", "sky"},      {"sky", "sky"},          {"dying", "die"},
    {"lying", "lie"},      {"tying", "tie"},        {"news", "news"},
    {"innings", "inning"}, {"inning", "inning"},    {"outings", "outing"},
    {"outing", "outing"},  {"cannings", "canning"}, {"canning", "canning"},
    {"howe", "howe"},      {"proceed", "proceed"},  {"exceed", "exceed"},
    {"succeed", "succeed"}};

size_t bf_porter_nltk(char *w, size_t n) {
  for (size_t i = 0; i < COUNT(irregular); i++) {
    size_t k = strlen(irregular[i].word);
    if (k == n && memcmp(w, irregular[i].word, n) == 0) {
      size_t s = strlen(irregular[i].stem);
      memcpy(w, irregular[i].stem, s);
      return s;
    }
  }
  if (n <= 2)
    return n;
  n = step1a(w, n);
  n = step1b(w, n);
  n = step1c(w, n);
  n = step2(w, n);
  n = step3(w, n);
  n = step4(w, n);
  n = step5a(w, n);
  n = step5b(w, n);
  return n;
}
