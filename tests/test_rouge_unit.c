/*
 * test_rouge_unit.c - the pieces of the ROUGE scorer one at a time: NLTK's
 * Porter variant, both tokenizers, the -l word cut, LCS backtracking,
 * several references, argument errors, and scorers used from two threads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "brief.h"
#include "eval/lcs.h"
#include "eval/porter_nltk.h"
#include "eval/porter_rouge.h"
#include "eval/rouge_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* NLTK Porter.                                                             */

static void expect_stem(const char *word, const char *stem) {
  char buf[64];
  size_t n = strlen(word);
  memcpy(buf, word, n);
  n = bf_porter_nltk(buf, n);
  buf[n] = '\0';
  if (strcmp(buf, stem) != 0)
    fail_msg("stem(%s) = %s, want %s", word, buf, stem);
}

static void test_porter_paper_rules(void **state) {
  (void)state;
  /* Step 1a-1c examples of the paper. */
  expect_stem("caresses", "caress");
  expect_stem("ponies", "poni");
  expect_stem("cats", "cat");
  expect_stem("feed", "feed");
  expect_stem("agreed", "agre");
  expect_stem("plastered", "plaster");
  expect_stem("motoring", "motor");
  expect_stem("sing", "sing");
  expect_stem("hopping", "hop");
  expect_stem("hoping", "hope");
  expect_stem("falling", "fall");
  expect_stem("hissing", "hiss");
  expect_stem("happy", "happi");
  /* Steps 2-5. */
  expect_stem("relational", "relat");
  expect_stem("conditional", "condit");
  expect_stem("digitizer", "digit");
  expect_stem("hopefulness", "hope");
  expect_stem("adjustment", "adjust");
  expect_stem("adoption", "adopt");
  expect_stem("controlling", "control");
  expect_stem("probate", "probat");
  expect_stem("rate", "rate");
}

static void test_porter_nltk_extensions(void **state) {
  (void)state;
  /* Irregular forms bypass the rules. */
  expect_stem("dying", "die");
  expect_stem("skies", "sky");
  expect_stem("news", "news");
  expect_stem("innings", "inning");
  expect_stem("exceed", "exceed");
  /* Four-letter -ies / -ied keep the e; libstemmer gives "di". */
  expect_stem("ties", "tie");
  expect_stem("died", "die");
  expect_stem("spied", "spi");
  /* y -> i only after a consonant; libstemmer gives "sai". */
  expect_stem("says", "say");
  expect_stem("days", "day");
  expect_stem("enjoy", "enjoy");
  expect_stem("trying", "tri");
  expect_stem("nearly", "nearli");
  /* A two-letter vowel-consonant stem counts as *o: "us" + e stays. */
  expect_stem("used", "use");
  /* -alli first, -fulli, and -logi keeping its l. */
  expect_stem("radically", "radic");
  expect_stem("hopefully", "hope");
  expect_stem("geology", "geolog");
  expect_stem("generously", "gener");
  /* -ement whose stem is too short blocks -ment and -ent. */
  expect_stem("statement", "statement");
  /* Short words and odd input do not crash. */
  expect_stem("us", "us");
  expect_stem("yyyy", "yyyi"); /* y, vowel y, y, vowel y: y -> i */
  expect_stem("1990s", "1990");
}

/* ------------------------------------------------------------------------ */
/* ROUGE-1.5.5's Porter port.                                               */

static void expect_rouge_stem(const bf_porter_rouge *p, const char *word,
                              const char *stem) {
  char buf[64], scratch[64];
  size_t n = strlen(word);
  memcpy(buf, word, n);
  n = bf_porter_rouge_stem(p, buf, n, scratch);
  buf[n] = '\0';
  if (strcmp(buf, stem) != 0)
    fail_msg("rouge stem(%s) = %s, want %s", word, buf, stem);
}

static void test_porter_rouge(void **state) {
  (void)state;
  bf_porter_rouge p;
  assert_int_equal(bf_porter_rouge_init(&p), 0);
  /* The paper's examples. */
  expect_rouge_stem(&p, "caresses", "caress");
  expect_rouge_stem(&p, "ponies", "poni");
  expect_rouge_stem(&p, "agreed", "agre");
  expect_rouge_stem(&p, "hopping", "hop");
  expect_rouge_stem(&p, "filing", "file");
  expect_rouge_stem(&p, "happy", "happi");
  expect_rouge_stem(&p, "relational", "relat");
  expect_rouge_stem(&p, "hopefulness", "hope");
  expect_rouge_stem(&p, "adoption", "adopt");
  expect_rouge_stem(&p, "controlling", "control");
  expect_rouge_stem(&p, "rate", "rate");
  /* The port's own rules, where libstemmer's porter differs: -ment and
   * -ent tried after the list, one after the other ... */
  expect_rouge_stem(&p, "statement", "statem");
  expect_rouge_stem(&p, "agreement", "agreem");
  expect_rouge_stem(&p, "fundamental", "fundam");
  expect_rouge_stem(&p, "commissioner", "commiss");
  /* ... -logi and -bli in step 2. */
  expect_rouge_stem(&p, "ideology", "ideolog");
  expect_rouge_stem(&p, "humbly", "humbl");
  /* An initial y is a consonant; short words stay. */
  expect_rouge_stem(&p, "yelling", "yell");
  expect_rouge_stem(&p, "us", "us");
  bf_porter_rouge_release(&p);
  bf_porter_rouge_release(&p); /* released twice: accepted */
}

/* ------------------------------------------------------------------------ */
/* Tokenizers.                                                              */

static brief_rouge *scorer(brief_rouge_flavour flavour, int stem, int words) {
  brief_rouge_options o;
  brief_rouge_options_init(&o);
  o.flavour = flavour;
  o.stem = stem;
  o.words = words;
  brief_rouge *r = NULL;
  brief_error err;
  if (brief_rouge_new(&o, &r, &err) != BRIEF_OK)
    fail_msg("brief_rouge_new: %s", err.message);
  return r;
}

static void expect_tokens(brief_rouge *r, const char *text, const char *want) {
  char *got = NULL;
  brief_error err;
  assert_int_equal(bf_rouge_tokenize(r, text, &got, &err), BRIEF_OK);
  if (strcmp(got, want) != 0)
    fail_msg("tokens(%s) = [%s], want [%s]", text, got, want);
  free(got);
}

static void test_tokenize_score(void **state) {
  (void)state;
  brief_rouge *r = scorer(BRIEF_ROUGE_SCORE, 0, 0);
  expect_tokens(r, "Well-known 1,000 it\xe2\x80\x99s caf\xc3\xa9",
                "well known 1 000 it s caf");
  /* Python lower(): dotted capital I gives i plus a combining dot; the
   * Kelvin sign gives k. */
  expect_tokens(r, "\xc4\xb0stanbul 5\xe2\x84\xaa", "i stanbul 5k");
  /* Lines: empty ones dropped, a punctuation line kept with no tokens. */
  expect_tokens(r, "A b.\n\n...\nC", "a b\n\nc");
  /* Invalid UTF-8 only separates words. */
  expect_tokens(r,
                "ab\xff"
                "cd",
                "ab cd");
  brief_rouge_free(r);

  r = scorer(BRIEF_ROUGE_SCORE, 1, 0);
  expect_tokens(r, "The cats were dying", "the cat were die");
  expect_tokens(r, "ran was has its", "ran was has its");
  brief_rouge_free(r);
}

static void test_tokenize_155(void **state) {
  (void)state;
  brief_rouge *r = scorer(BRIEF_ROUGE_155, 0, 0);
  /* Bytes: only ASCII letters lowered; UTF-8 bytes and hyphens separate. */
  expect_tokens(r, "Well-known CAF\xc3\x89; don't $5 \xc4\xb0stanbul",
                "well known caf don t 5 stanbul");
  brief_rouge_free(r);

  r = scorer(BRIEF_ROUGE_155, 1, 0);
  /* WordNet exceptions first (said, were, children, better), then
   * ROUGE's Porter port (says -> sai, unlike NLTK). */
  expect_tokens(r, "He said they were children, better says",
                "he say thei be child well sai");
  brief_rouge_free(r);
}

/* ------------------------------------------------------------------------ */
/* Word cut.                                                                */

static char *cut(const char *text, int words) {
  bf_span_vec v = {0};
  assert_int_equal(bf_rouge_cut_lines(text, strlen(text), words, &v), 0);
  char *out = calloc(1, strlen(text) + v.n + 1);
  for (size_t i = 0; i < v.n; i++) {
    if (i)
      strcat(out, "|");
    strncat(out, text + v.v[i].start, v.v[i].len);
  }
  BF_VEC_FREE(v);
  return out;
}

static void expect_cut(const char *text, int words, const char *want) {
  char *got = cut(text, words);
  if (strcmp(got, want) != 0)
    fail_msg("cut(%s, %d) = [%s], want [%s]", text, words, got, want);
  free(got);
}

static void test_word_cut(void **state) {
  (void)state;
  expect_cut("a b c\nd e f\n", 0, "a b c|d e f");
  expect_cut("a b c\nd e f\n", 4, "a b c|d");
  /* Reaching the limit exactly still ends reading. */
  expect_cut("a b c\nd e f\ng", 6, "a b c|d e f");
  /* A leading blank is an extra, empty word. */
  expect_cut(" a b\nc", 2, " a");
  expect_cut("  a b c\nd", 3, "  a b");
  /* Empty lines are skipped; blank lines count no word. */
  expect_cut("a\n\nb", 0, "a|b");
  expect_cut("   \na b c", 2, "   |a b");
  /* Words are whitespace chunks, before tokenization. */
  expect_cut("well-known $5 x", 2, "well-known $5");
}

/* ------------------------------------------------------------------------ */
/* LCS.                                                                     */

static void test_lcs(void **state) {
  (void)state;
  bf_lcs_scratch s = {0};
  const uint32_t a[] = {1, 2, 3, 4}, b[] = {2, 4, 3};
  size_t len = 99;
  assert_int_equal(bf_lcs_length(a, 4, b, 3, &s, &len), 0);
  assert_int_equal(len, 2);
  assert_int_equal(bf_lcs_length(a, 0, b, 3, &s, &len), 0);
  assert_int_equal(len, 0);

  /* Two LCS of length 1; on a tie the walk steps along ref, so the match
   * found is ref[0] (token 1), not ref[1]. */
  const uint32_t ref[] = {1, 2}, cand[] = {2, 1};
  unsigned char mark[2] = {0, 0};
  assert_int_equal(bf_lcs_mark(ref, 2, cand, 2, mark, &s), 0);
  assert_int_equal(mark[0], 1);
  assert_int_equal(mark[1], 0);

  const uint32_t r2[] = {5, 1, 2, 3, 6}, c2[] = {1, 9, 3};
  unsigned char m2[5] = {0};
  assert_int_equal(bf_lcs_mark(r2, 5, c2, 3, m2, &s), 0);
  assert_memory_equal(m2, ((unsigned char[]){0, 1, 0, 1, 0}), 5);
  bf_lcs_scratch_free(&s);
}

/* ------------------------------------------------------------------------ */
/* Scores.                                                                  */

static void expect_prf(brief_prf got, double p, double r, double f) {
  if (fabs(got.p - p) > 1e-9 || fabs(got.r - r) > 1e-9 ||
      fabs(got.f - f) > 1e-9)
    fail_msg("P/R/F %.6f %.6f %.6f, want %.6f %.6f %.6f", got.p, got.r, got.f,
             p, r, f);
}

static void test_multiple_references(void **state) {
  (void)state;
  brief_error err;
  brief_rouge_scores s;
  const char *refs[] = {"a dog ran home", "the cat sat"};

  /* rouge_score: each metric from the reference with the best F. */
  brief_rouge *r = scorer(BRIEF_ROUGE_SCORE, 1, 0);
  assert_int_equal(brief_rouge_score(r, "the cat sat", refs, 2, &s, &err),
                   BRIEF_OK);
  expect_prf(s.r1, 1, 1, 1);
  expect_prf(s.r2, 1, 1, 1);
  expect_prf(s.rl, 1, 1, 1);
  expect_prf(s.rlsum, 1, 1, 1);
  brief_rouge_free(r);

  /* ROUGE-1.5.5 -f A: hits and counts summed, the peer counted per ref. */
  r = scorer(BRIEF_ROUGE_155, 1, 0);
  assert_int_equal(brief_rouge_score(r, "the cat sat", refs, 2, &s, &err),
                   BRIEF_OK);
  double rr = 0.42857; /* 3 hits of 4 + 3 reference words */
  double pp = 0.5;     /* 3 hits of 2 x 3 candidate words */
  expect_prf(s.r1, pp, rr, bf_rouge_round5(pp * rr / (0.5 * pp + 0.5 * rr)));
  brief_rouge_free(r);
}

static void test_score_edges(void **state) {
  (void)state;
  brief_error err;
  brief_rouge_scores s;
  const char *ref = "the storm hit the coast";
  brief_rouge *r = scorer(BRIEF_ROUGE_SCORE, 1, 0);
  /* Empty candidate: all zero, not an error. */
  assert_int_equal(brief_rouge_score(r, "", &ref, 1, &s, &err), BRIEF_OK);
  expect_prf(s.r1, 0, 0, 0);
  expect_prf(s.rlsum, 0, 0, 0);
  /* Clipping: "the" matches at most twice. */
  assert_int_equal(brief_rouge_score(r, "the the the the", &ref, 1, &s, &err),
                   BRIEF_OK);
  expect_prf(s.r1, 0.5, 0.4, 2 * 0.5 * 0.4 / 0.9);
  /* Errors. */
  assert_int_equal(brief_rouge_score(r, "x", NULL, 0, &s, &err), BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "reference"));
  brief_rouge_free(r);

  /* The word cut applies to candidate and references. */
  r = scorer(BRIEF_ROUGE_SCORE, 1, 2);
  assert_int_equal(
      brief_rouge_score(r, "the storm came later", &ref, 1, &s, &err),
      BRIEF_OK);
  expect_prf(s.r1, 1, 1, 1);
  brief_rouge_free(r);
}

/* Texts with no word at all, on a fresh scorer (nothing tokenized yet):
 * every score is 0, in both flavours, and the sanitizers stay quiet. */
static void test_no_words(void **state) {
  (void)state;
  static const char *const texts[] = {"", "--- ---", "\n\n", "... !!"};
  brief_rouge_flavour flavours[] = {BRIEF_ROUGE_SCORE, BRIEF_ROUGE_155};
  for (size_t f = 0; f < 2; f++)
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
      brief_error err;
      brief_rouge_scores s;
      brief_rouge *r = scorer(flavours[f], 1, 0);
      assert_int_equal(brief_rouge_score(r, texts[i], &texts[i], 1, &s, &err),
                       BRIEF_OK);
      expect_prf(s.r1, 0, 0, 0);
      expect_prf(s.r2, 0, 0, 0);
      expect_prf(s.rl, 0, 0, 0);
      expect_prf(s.rlsum, 0, 0, 0);
      brief_rouge_free(r);
    }
}

static void test_155_rounding(void **state) {
  (void)state;
  brief_error err;
  brief_rouge_scores s;
  const char *ref = "a b c d e f g";
  brief_rouge *r = scorer(BRIEF_ROUGE_155, 1, 0);
  assert_int_equal(brief_rouge_score(r, "a b x", &ref, 1, &s, &err), BRIEF_OK);
  /* R = 2/7 and P = 2/3 printed to 5 decimals; F from the printed values. */
  double rr = 0.28571, pp = 0.66667;
  expect_prf(s.r1, pp, rr, bf_rouge_round5(pp * rr / (0.5 * pp + 0.5 * rr)));
  assert_true(s.rl.f == 0 && s.rlsum.f == 0);
  brief_rouge_free(r);
}

static void test_su4(void **state) {
  (void)state;
  brief_error err;
  brief_rouge_scores s;
  brief_rouge *r = scorer(BRIEF_ROUGE_155, 0, 0);
  /* Units: every token but the last, and pairs at most 4 tokens apart. In
   * "a b c d e f g" that is 6 unigrams and 5 + 5 + 4 + 3 + 2 + 1 pairs, 26;
   * "a g" has the unigram a and the pair (a g), which is 5 apart in the
   * reference, so only a matches. */
  const char *ref = "a b c d e f g";
  assert_int_equal(brief_rouge_score(r, "a g", &ref, 1, &s, &err), BRIEF_OK);
  expect_prf(s.su4, 0.5, bf_rouge_round5(1.0 / 26),
             bf_rouge_round5(0.5 * bf_rouge_round5(1.0 / 26) /
                             (0.25 + 0.5 * bf_rouge_round5(1.0 / 26))));
  /* Pairs run across lines; one token alone has no unit. */
  assert_int_equal(brief_rouge_score(r, "a\nb", &ref, 1, &s, &err), BRIEF_OK);
  expect_prf(s.su4, 1, bf_rouge_round5(2.0 / 26),
             bf_rouge_round5(bf_rouge_round5(2.0 / 26) /
                             (0.5 + 0.5 * bf_rouge_round5(2.0 / 26))));
  assert_int_equal(brief_rouge_score(r, "a", &ref, 1, &s, &err), BRIEF_OK);
  expect_prf(s.su4, 0, 0, 0);
  brief_rouge_free(r);
  /* rouge_score has no SU4. */
  r = scorer(BRIEF_ROUGE_SCORE, 1, 0);
  assert_int_equal(brief_rouge_score(r, "a b", &ref, 1, &s, &err), BRIEF_OK);
  expect_prf(s.su4, 0, 0, 0);
  brief_rouge_free(r);
}

static void test_new_errors(void **state) {
  (void)state;
  brief_rouge_options o;
  brief_rouge *r = (brief_rouge *)1;
  brief_error err;
  brief_rouge_options_init(&o);
  o.words = -1;
  assert_int_equal(brief_rouge_new(&o, &r, &err), BRIEF_ERR_ARG);
  assert_null(r);
  brief_rouge_options_init(&o);
  o.flavour = BRIEF_ROUGE_155;
  o.wordnet_dir = "/nonexistent/wordnet";
  assert_int_equal(brief_rouge_new(&o, &r, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "/nonexistent/wordnet/adj.exc"));
  /* Without stemming the lists are not needed. */
  o.stem = 0;
  assert_int_equal(brief_rouge_new(&o, &r, &err), BRIEF_OK);
  brief_rouge_free(r);
  brief_rouge_free(NULL);
}

/* ------------------------------------------------------------------------ */
/* Threads: one scorer each, same answers.                                  */

typedef struct job {
  brief_rouge_flavour flavour;
  double f1;
} job;

static void *run_job(void *arg) {
  job *j = arg;
  brief_rouge *r = scorer(j->flavour, 1, 0);
  const char *ref = "Hurricane Gilbert swept toward the Dominican Republic\n"
                    "The storm was approaching from the southeast";
  brief_rouge_scores s;
  for (int i = 0; i < 200; i++)
    brief_rouge_score(r, "The storm swept toward Jamaica\nGilbert was dying",
                      &ref, 1, &s, NULL);
  j->f1 = s.r1.f;
  brief_rouge_free(r);
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  job jobs[4] = {{BRIEF_ROUGE_SCORE, 0},
                 {BRIEF_ROUGE_SCORE, 0},
                 {BRIEF_ROUGE_155, 0},
                 {BRIEF_ROUGE_155, 0}};
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, run_job, &jobs[i]), 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  assert_true(jobs[0].f1 > 0 && jobs[0].f1 == jobs[1].f1);
  assert_true(jobs[2].f1 > 0 && jobs[2].f1 == jobs[3].f1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_porter_paper_rules),
      cmocka_unit_test(test_porter_nltk_extensions),
      cmocka_unit_test(test_porter_rouge),
      cmocka_unit_test(test_tokenize_score),
      cmocka_unit_test(test_tokenize_155),
      cmocka_unit_test(test_word_cut),
      cmocka_unit_test(test_lcs),
      cmocka_unit_test(test_multiple_references),
      cmocka_unit_test(test_score_edges),
      cmocka_unit_test(test_no_words),
      cmocka_unit_test(test_155_rounding),
      cmocka_unit_test(test_su4),
      cmocka_unit_test(test_new_errors),
      cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
