/*
 * test_segment.c - sentences, tokens, folding and stemming on news text.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>

/* Segments one article and checks its sentences against `want`. */
static void expect_sentences(const char *text, const char *const *want,
                             size_t n) {
  const char *pairs[] = {"a", text, NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  if (s->sents.n != n) {
    for (size_t i = 0; i < s->sents.n; i++)
      print_message("got: [%.*s]\n",
                    (int)(s->sents.v[i].end - s->sents.v[i].start),
                    bf_sent_text(s, &s->sents.v[i]));
    fail_msg("expected %zu sentences, got %zu", n, s->sents.n);
  }
  for (size_t i = 0; i < n; i++) {
    const bf_sentence *st = &s->sents.v[i];
    size_t len = st->end - st->start;
    if (len != strlen(want[i]) || memcmp(bf_sent_text(s, st), want[i], len))
      fail_msg("sentence %zu: got [%.*s] want [%s]", i, (int)len,
               bf_sent_text(s, st), want[i]);
  }
  brief_story_free(s);
}

#define EXPECT(text, ...)                                                      \
  do {                                                                         \
    const char *w_[] = {__VA_ARGS__};                                          \
    expect_sentences(text, w_, sizeof w_ / sizeof *w_);                        \
  } while (0)

static void abbreviations_do_not_split(void **state) {
  (void)state;
  EXPECT("Mr. Assad met Gen. Smith and Sen. Jones in Jan. 2018 at 10 a.m. "
         "on Friday. Talks went on.",
         "Mr. Assad met Gen. Smith and Sen. Jones in Jan. 2018 at 10 a.m. on "
         "Friday.",
         "Talks went on.");
}

static void initialisms_and_hyphens(void **state) {
  (void)state;
  EXPECT("The U.K.-based Syrian Observatory reported strikes. The U.S. "
         "Embassy was closed. He left the U.S. The next day he returned.",
         "The U.K.-based Syrian Observatory reported strikes.",
         "The U.S. Embassy was closed.", "He left the U.S.",
         "The next day he returned.");
}

static void initials_and_numbers(void **state) {
  (void)state;
  EXPECT("John F. Kennedy spoke. Resolution No. 5 passed with 2.5 percent "
         "and 320,000 votes. Then it ended.",
         "John F. Kennedy spoke.",
         "Resolution No. 5 passed with 2.5 percent and 320,000 votes.",
         "Then it ended.");
}

static void quotes_close_sentences(void **state) {
  (void)state;
  EXPECT("\xe2\x80\x9cThe talks will resume.\xe2\x80\x9d He said so on "
         "Thursday. \"Are you sure?\" she asked.",
         "\xe2\x80\x9cThe talks will resume.\xe2\x80\x9d",
         "He said so on Thursday.", "\"Are you sure?\" she asked.");
}

/* A quotation opened after its speaker runs the sentence on to its close;
 * one left open at the paragraph's end does not. */
static void quote_after_its_speaker_holds_its_sentences(void **state) {
  (void)state;
  EXPECT("Students marched, shouting ``Long live Hu! Long live democracy!'' "
         "About 1,000 sat in.",
         "Students marched, shouting ``Long live Hu! Long live democracy!''",
         "About 1,000 sat in.");
  EXPECT("Howard said: \xe2\x80\x9cThere is no contest. Major will lead "
         "us.\xe2\x80\x9d Then he left.",
         "Howard said: \xe2\x80\x9cThere is no contest. Major will lead "
         "us.\xe2\x80\x9d",
         "Then he left.");
  EXPECT("Reagan said his reign ``spanned an era. It was also an era of "
         "reconciliation.",
         "Reagan said his reign ``spanned an era.",
         "It was also an era of reconciliation.");
}

static void quote_spanning_sentences_is_marked(void **state) {
  (void)state;
  const char *pairs[] = {"a",
                         "\xe2\x80\x9cThe warplanes are bombing. We cannot "
                         "find a safe place,\xe2\x80\x9d he told AFP.",
                         NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 2);
  /* "We" in the second sentence is still inside the quotation. */
  const bf_sentence *second = &s->sents.v[1];
  const bf_token *we = &s->toks.v[second->tok_first];
  assert_true(we->flags & BF_TOK_QUOTE);
  brief_story_free(s);
}

static void ellipses_and_headlines(void **state) {
  (void)state;
  EXPECT("Bombs falling on Syrian town\nHe waited... and waited. It was "
         "late\xe2\x80\xa6 Nobody came.",
         "Bombs falling on Syrian town", "He waited... and waited.",
         "It was late\xe2\x80\xa6", "Nobody came.");
}

static void duc_quotes_and_dashes(void **state) {
  (void)state;
  EXPECT("``We will fight,'' he said _ and left. Then silence.",
         "``We will fight,'' he said _ and left.", "Then silence.");
}

/* A comma or semicolon typed after the full stop does not hide the end
 * of the sentence (LA Times and AP copy: "reported.," and ".; SUBHEAD"). */
static void stray_punctuation_after_a_stop(void **state) {
  (void)state;
  EXPECT("Troops invaded before dawn, officials reported.,\n"
         "The coup collapsed on Wednesday.; Bessmertnykh is out. He left.",
         "Troops invaded before dawn, officials reported.",
         "The coup collapsed on Wednesday.", "Bessmertnykh is out.",
         "He left.");
  const char *pairs[] = {"a",
                         "Troops invaded before dawn, officials "
                         "reported.,\n",
                         NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_false(s->sents.v[0].flags & BF_SENT_HEADLINE);
  brief_story_free(s);
}

static void sentence_flags(void **state) {
  (void)state;
  const char *pairs[] = {"a",
                         "Bombs falling on Syrian town\n"
                         "Why did the talks fail?\n"
                         "But the main prize remains in opposition hands.\n"
                         "\xe2\x80\x9cThe talks will resume,\xe2\x80\x9d "
                         "the spokesman said.\n",
                         NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 4);
  assert_true(s->sents.v[0].flags & BF_SENT_HEADLINE);
  assert_true(s->sents.v[1].flags & BF_SENT_QUESTION);
  assert_true(s->sents.v[2].flags & BF_SENT_DANGLING);
  assert_true(s->sents.v[3].flags & BF_SENT_QUOTED);
  assert_int_equal(s->sents.v[2].para, 2);
  brief_story_free(s);
}

/* Quotations: one naming its speaker stands alone; a bare one, one whose
 * speaker is a pronoun and one that began in the sentence before depend on
 * their context. */
static void quotation_flags(void **state) {
  (void)state;
  const char *pairs[] = {
      "a",
      "\"The port will reopen on Friday,\" harbour master Ingrid Vasquez "
      "said.\n"
      "\"We had no choice,\" she said.\n"
      "\"The damage is severe. We will need months to rebuild,\" the "
      "chairwoman told reporters.\n"
      "\"Nobody could have stopped it.\"\n",
      NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 5);
  const bf_sentence *v = s->sents.v;
  assert_false(v[0].flags & (BF_SENT_DANGLING | BF_SENT_BARE_QUOTE));
  assert_true(v[1].flags & BF_SENT_DANGLING); /* "she said" */
  assert_false(v[1].flags & BF_SENT_BARE_QUOTE);
  assert_true(v[2].flags & BF_SENT_BARE_QUOTE); /* "The damage is severe." */
  assert_true(v[3].flags & BF_SENT_DANGLING);   /* began in v[2] */
  assert_true(v[4].flags & BF_SENT_BARE_QUOTE);
  brief_story_free(s);
}

/* Eight or more words without a single stopword are not English prose; a
 * sentence holding a web address or a "|" is page furniture; a teaser cut
 * off with "..." is not a sentence; "Here is a transcript ..." points at
 * what follows. */
static void prose_without_stopwords_is_a_fragment(void **state) {
  (void)state;
  const char *pairs[] = {
      "a",
      "Zure webgunean edo aplikazioan Twitter-eko edukia kapsulatzean, "
      "Garatzaile Akordioa onartzen dituzu.\n"
      "Officials closed the port after the fire on Tuesday night.\n"
      "poster=\"http://example.com/a.jpg\" true Trump talks with reporters "
      "in New York.\n"
      "The attack compromised 40 million credit and debit card accounts "
      "and...\n"
      "The president sparred with reporters on Thursday. | Getty All the "
      "things he covered.\n"
      "Here is a transcript of the speech by the senator on Thursday "
      "night.\n"
      "Here the river rose four feet in an hour.\n",
      NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 7);
  assert_true(s->sents.v[0].flags & BF_SENT_FRAGMENT);
  assert_false(s->sents.v[1].flags & BF_SENT_FRAGMENT);
  assert_true(s->sents.v[2].flags & BF_SENT_FRAGMENT); /* a web address */
  assert_true(s->sents.v[3].flags & BF_SENT_FRAGMENT); /* a cut teaser */
  assert_true(s->sents.v[4].flags & BF_SENT_FRAGMENT); /* "|" furniture */
  assert_true(s->sents.v[5].flags & BF_SENT_FRAGMENT); /* a signpost */
  assert_false(s->sents.v[6].flags & BF_SENT_FRAGMENT);
  brief_story_free(s);
}

static const char *stem_of_word(brief_story *s, const char *word) {
  for (size_t i = 0; i < s->toks.n; i++) {
    const bf_token *t = &s->toks.v[i];
    const char *text = s->articles.v[0].text;
    if (t->len == strlen(word) && memcmp(text + t->start, word, t->len) == 0)
      return bf_lexicon_str(&s->lex, t->stem);
  }
  return NULL;
}

static void folding_and_stemming(void **state) {
  (void)state;
  const char *pairs[] = {"a",
                         "Displaced families in Daraa\xe2\x80\x99s "
                         "countryside were DISPLACING \xc3\x89MIGR\xc3\x89S "
                         "in 320,000 camps.",
                         NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_string_equal(stem_of_word(s, "Displaced"), "displac");
  assert_string_equal(stem_of_word(s, "DISPLACING"), "displac");
  assert_string_equal(stem_of_word(s, "Daraa\xe2\x80\x99s"), "daraa");
  assert_string_equal(stem_of_word(s, "320,000"), "320000");
  assert_string_equal(stem_of_word(s, "\xc3\x89MIGR\xc3\x89S"),
                      "\xc3\xa9migr\xc3\xa9");
  brief_story_free(s);
}

static void stopwords(void **state) {
  (void)state;
  assert_true(bf_is_stopword("the", 3));
  assert_true(bf_is_stopword("said", 4));
  assert_false(bf_is_stopword("rebels", 6));
  assert_false(bf_is_stopword("", 0));
}

static void long_paragraph_without_punctuation(void **state) {
  (void)state;
  /* One 200,000-word line: linear work, one sentence, no crash. */
  size_t n = 200000;
  char *text = malloc(n * 5 + 2);
  for (size_t i = 0; i < n; i++)
    memcpy(text + i * 5, "word ", 5);
  text[n * 5] = '\0';
  const char *pairs[] = {"a", text, NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 1);
  assert_int_equal(s->sents.v[0].words, n);
  brief_story_free(s);
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(abbreviations_do_not_split),
      cmocka_unit_test(initialisms_and_hyphens),
      cmocka_unit_test(initials_and_numbers),
      cmocka_unit_test(quotes_close_sentences),
      cmocka_unit_test(quote_after_its_speaker_holds_its_sentences),
      cmocka_unit_test(quote_spanning_sentences_is_marked),
      cmocka_unit_test(ellipses_and_headlines),
      cmocka_unit_test(duc_quotes_and_dashes),
      cmocka_unit_test(stray_punctuation_after_a_stop),
      cmocka_unit_test(sentence_flags),
      cmocka_unit_test(quotation_flags),
      cmocka_unit_test(prose_without_stopwords_is_a_fragment),
      cmocka_unit_test(folding_and_stemming),
      cmocka_unit_test(stopwords),
      cmocka_unit_test(long_paragraph_without_punctuation),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
