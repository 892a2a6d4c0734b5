/*
 * test_summarize.c - select, dedup, cite and order: the summary's promises.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>

static const char *const fire_story[] = {
    "a",
    "A fire destroyed the grain terminal at Port Kessing on Tuesday night.\n"
    "About 1,200 dock workers were evacuated from the harbour.\n"
    "Fire chief Daniel Okafor said crews fought the flames for nine hours.\n"
    "The terminal handles 40 percent of the region's grain exports.\n",
    "b",
    "A fire destroyed the grain terminal at Port Kessing on Tuesday night.\n"
    "Police opened an investigation into the cause of the terminal fire.\n"
    "The grain board put the damage to the terminal at 35 million euros.\n"
    "But nobody from the board would say more about the grain losses.\n",
    "c",
    "Exporters said grain shipments from Port Kessing would be delayed.\n"
    "About 1,200 dock workers were evacuated from the burning harbour.\n"
    "The grain board put the damage to the terminal at 50 million euros.\n",
    NULL};

static brief_summary *summarize(brief_story *s, int words) {
  brief_options o;
  brief_options_init(&o);
  o.words = words;
  o.min_sentence_words = 4;
  brief_summary *sum = NULL;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  return sum;
}

/* The first summary sentence holding needle, into v; 0 when none does. */
static int sentence_with(const brief_summary *sum, const char *needle,
                         brief_sentence_view *v) {
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, v);
    if (strstr(v->text, needle))
      return 1;
  }
  return 0;
}

static void budget_is_respected(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  for (int words = 5; words <= 80; words += 15) {
    brief_summary *sum = summarize(s, words);
    assert_true(brief_summary_word_count(sum) <= (size_t)words);
    /* The words a reader sees, counted between spaces, fit too. */
    size_t seen = 0;
    brief_sentence_view v;
    for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
      brief_summary_sentence(sum, i, &v);
      for (size_t k = 0; k < v.text_len; k++)
        seen += v.text[k] != ' ' && (k == 0 || v.text[k - 1] == ' ');
    }
    assert_true(seen <= (size_t)words);
    assert_true(seen > 0 || words < 10);
    brief_summary_free(sum);
  }
  brief_story_free(s);
}

/* A quotation newswire leaves open at a paragraph's end, to go on in the
 * next, is closed when the sentence is printed alone. */
static void quote_left_open_is_closed(void **state) {
  (void)state;
  const char *pairs[] = {
      "a",
      "Reagan said the emperor's long reign ``spanned an era of war, ruin "
      "and a remarkable recovery across the whole of Asia.\n"
      "``It was also an era of reconciliation between the two former "
      "enemies,'' Reagan said in a statement.\n",
      NULL};
  brief_story *s = story_from(pairs);
  brief_summary *sum = summarize(s, 100);
  brief_sentence_view v;
  assert_true(sentence_with(sum, "``spanned", &v));
  assert_string_equal(v.text + strlen(v.text) - 7, "Asia.''");
  brief_summary_free(sum);
  brief_story_free(s);
}

static void shared_sentence_is_kept_once_and_cited_to_all(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 60);
  int seen = 0;
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    if (strstr(v.text, "A fire destroyed the grain terminal")) {
      seen++;
      assert_int_equal(v.source_count, 2);
    }
    if (strstr(v.text, "dock workers were evacuated"))
      assert_int_equal(v.source_count, 2); /* a light rewrite in c */
  }
  assert_int_equal(seen, 1);
  brief_summary_free(sum);
  brief_story_free(s);
}

static void near_duplicates_are_grouped(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_error err;
  assert_int_equal(bf_analyse_story(s, &err), BRIEF_OK);
  bf_dups d;
  assert_int_equal(bf_find_duplicates(s, 0.5, &d, &err), BRIEF_OK);
  /* a:0 and b:0 are identical; a:1 and c:1 differ by one word. */
  uint32_t a0 = s->articles.v[0].sent_first, b0 = s->articles.v[1].sent_first;
  uint32_t a1 = a0 + 1, c1 = s->articles.v[2].sent_first + 1;
  assert_int_equal(d.group[a0], d.group[b0]);
  assert_int_equal(d.group[a1], d.group[c1]);
  assert_int_not_equal(d.group[a0], d.group[a1]);
  bf_dups_release(&d);
  brief_story_free(s);
}

static void dangling_sentence_needs_its_antecedent(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 200);
  brief_sentence_view v, prev;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    if (strncmp(v.text, "But ", 4) == 0) {
      assert_true(i > 0);
      brief_summary_sentence(sum, i - 1, &prev);
      assert_int_equal(prev.article, v.article);
      assert_int_equal(prev.position + 1, v.position);
    }
  }
  brief_summary_free(sum);
  brief_story_free(s);
}

/* The first article that carries a sentence: where it reads. */
static size_t anchor_of(const brief_sentence_view *v) {
  size_t a = v->article;
  for (size_t k = 0; k < v->source_count; k++)
    if (v->sources[k] < a)
      a = v->sources[k];
  return a;
}

/* Sentences follow the articles that first carry them, then positions:
 * a wording picked from a later copy ("evacuated from the burning
 * harbour", from c) reads where the first article reported it. */
static void order_follows_articles_and_positions(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 200);
  brief_sentence_view v, prev;
  for (size_t i = 1; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i - 1, &prev);
    brief_summary_sentence(sum, i, &v);
    size_t pa = anchor_of(&prev), va = anchor_of(&v);
    assert_true(pa < va || (pa == va && prev.position < v.position));
  }
  brief_summary_free(sum);
  brief_story_free(s);
}

static void dated_articles_come_first_by_date(void **state) {
  (void)state;
  brief_story *s = brief_story_new();
  const char *texts[] = {
      "Rescuers searched the rubble of the collapsed bridge on Friday.",
      "The bridge over the river collapsed on Monday after heavy rain."};
  const char *dates[] = {"2025-05-09", "2025-05-05"};
  for (int i = 0; i < 2; i++) {
    brief_article a = {0};
    a.text = texts[i];
    a.text_len = strlen(texts[i]);
    a.date = dates[i];
    brief_error err;
    assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  }
  brief_options o;
  brief_options_init(&o);
  o.min_sentence_words = 3;
  brief_summary *sum;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  assert_int_equal(brief_summary_sentence_count(sum), 2);
  brief_sentence_view v;
  brief_summary_sentence(sum, 0, &v);
  assert_non_null(strstr(v.text, "collapsed on Monday"));
  brief_summary_free(sum);
  brief_story_free(s);
}

/* Picks as given: (article, position, sources...) with sources ending in
 * UINT32_MAX; ordered by bf_order, returns the articles in reading order. */
static void order_picks(brief_story *st, const uint32_t (*spec)[4], size_t n,
                        uint32_t *articles, uint32_t *positions) {
  brief_error err;
  assert_int_equal(bf_analyse_story(st, &err), BRIEF_OK);
  bf_selection sel = {0};
  sel.picks = calloc(n, sizeof *sel.picks);
  assert_non_null(sel.picks);
  sel.n = n;
  for (size_t i = 0; i < n; i++) {
    const bf_article *a = &st->articles.v[spec[i][0]];
    sel.picks[i].sent = a->sent_first + spec[i][1];
    sel.picks[i].sources = calloc(2, sizeof(uint32_t));
    assert_non_null(sel.picks[i].sources);
    for (int k = 2; k < 4 && spec[i][k] != UINT32_MAX; k++)
      sel.picks[i].sources[sel.picks[i].nsources++] = spec[i][k];
  }
  bf_order(st, &sel);
  for (size_t i = 0; i < n; i++) {
    articles[i] = st->sents.v[sel.picks[i].sent].article;
    if (positions)
      positions[i] = st->sents.v[sel.picks[i].sent].pos;
  }
  bf_selection_release(&sel);
}

static brief_story *dated_story(const char *const *dates, size_t n) {
  brief_story *s = brief_story_new();
  for (size_t i = 0; i < n; i++) {
    brief_article a = {0};
    char text[80];
    snprintf(text, sizeof text, "Article %zu opens here. It closes here.", i);
    a.text = text;
    a.text_len = strlen(text);
    a.date = dates[i];
    brief_error err;
    assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  }
  return s;
}

/* An undated article reads after the dated one before it in input order,
 * whatever order the selector picked in: the order is a total one. */
static void undated_articles_follow_their_dated_predecessor(void **state) {
  (void)state;
  const char *dates[] = {NULL, "2025-05-09", NULL, "2025-05-05"};
  brief_story *st = dated_story(dates, 4);
  const uint32_t M = UINT32_MAX;
  const uint32_t picks[4][4] = {
      {2, 0, 2, M}, {1, 0, 1, M}, {0, 0, 0, M}, {3, 0, 3, M}};
  uint32_t got[4];
  order_picks(st, picks, 4, got, NULL);
  assert_int_equal(got[0], 0); /* undated before any dated article */
  assert_int_equal(got[1], 3); /* May 5 */
  assert_int_equal(got[2], 1); /* May 9 */
  assert_int_equal(got[3], 2); /* undated, after May 9 in input order */
  brief_story_free(st);
}

/* A sentence picked from a syndicated copy reads where the first article
 * carrying it stands. */
static void copy_reads_where_the_original_stands(void **state) {
  (void)state;
  const char *dates[] = {"2025-05-05", NULL, NULL};
  brief_story *st = dated_story(dates, 3);
  const uint32_t M = UINT32_MAX;
  const uint32_t picks[2][4] = {{1, 0, 1, M}, {2, 0, 2, 0}};
  uint32_t got[2];
  order_picks(st, picks, 2, got, NULL);
  assert_int_equal(got[0], 2); /* picked from the copy, carried by 0 */
  assert_int_equal(got[1], 1);
  brief_story_free(st);
}

/* A syndicated copy that leaves out the last paragraph: sentences both
 * carry are taken from the original, even where the shorter copy scores
 * higher. */
static void shared_sentences_come_from_the_original(void **state) {
  (void)state;
  const char *copy =
      "A fire destroyed the grain terminal at the port on Tuesday night.\n"
      "Crews fought the flames for nine hours before the blaze was out.\n"
      "The cause of the fire is still under investigation by the police.\n";
  char original[1024];
  snprintf(original, sizeof original,
           "%sShipping in the harbour stays halted until the weekend, the "
           "port authority said in a statement on Wednesday morning.\n",
           copy);
  const char *const pairs[] = {"original", original, "copy", copy, NULL};
  brief_story *st = story_from(pairs);
  brief_summary *sum = summarize(st, 100);
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_sentence_view v;
    assert_int_equal(brief_summary_sentence(sum, i, &v), BRIEF_OK);
    if (strstr(copy, v.text))
      assert_int_equal(v.article, 0);
  }
  brief_summary_free(sum);
  brief_story_free(st);
}

/* Every dependent sentence in a summary (a pronoun opener, a quotation
 * without its speaker) follows the sentence before it in its article, and
 * quotations naming their speaker are taken. Checked on the example and,
 * where present, the seeds, at several budgets. */
static void dependent_sentences_follow_their_antecedent_on(const char *path) {
  brief_story *st = brief_story_new();
  brief_error err;
  assert_int_equal(brief_story_add_path(st, path, NULL, &err), BRIEF_OK);
  int quotes = 0;
  for (int words = 60; words <= 400; words += 85) {
    brief_summary *sum = summarize(st, words);
    size_t prev_article = SIZE_MAX, prev_position = SIZE_MAX;
    for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
      brief_sentence_view v;
      assert_int_equal(brief_summary_sentence(sum, i, &v), BRIEF_OK);
      const bf_article *a = &st->articles.v[v.article];
      const bf_sentence *s = &st->sents.v[a->sent_first + v.position];
      if (s->flags & (BF_SENT_DANGLING | BF_SENT_BARE_QUOTE)) {
        if (prev_article != v.article || prev_position + 1 != v.position)
          fail_msg("dangling without its antecedent: %s", v.text);
      }
      quotes += (s->flags & BF_SENT_QUOTED) != 0;
      prev_article = v.article;
      prev_position = v.position;
    }
    brief_summary_free(sum);
  }
  assert_true(quotes > 0);
  brief_story_free(st);
}

static void dependent_sentences_follow_their_antecedent(void **state) {
  (void)state;
  dependent_sentences_follow_their_antecedent_on(BRIEF_SOURCE_DIR
                                                 "/examples/harbour-fire");
  if (shared_available())
    dependent_sentences_follow_their_antecedent_on(BRIEF_SHARED_DIR "/seeds");
}

/* A dependent sentence carried by an earlier article still reads right
 * after its antecedent. */
static void dependent_sentence_is_not_anchored_away(void **state) {
  (void)state;
  const char *dates[] = {"2025-05-05", NULL};
  brief_story *st = dated_story(dates, 2);
  brief_error err;
  assert_int_equal(bf_analyse_story(st, &err), BRIEF_OK);
  assert_true(st->sents.v[st->articles.v[1].sent_first + 1].flags &
              BF_SENT_DANGLING); /* "It closes here." */
  const uint32_t M = UINT32_MAX;
  const uint32_t picks[3][4] = {{1, 1, 1, 0}, {1, 0, 1, M}, {0, 0, 0, M}};
  uint32_t got[3], pos[3];
  order_picks(st, picks, 3, got, pos);
  assert_int_equal(got[0], 0);
  assert_int_equal(got[1], 1);
  assert_int_equal(pos[1], 0);
  assert_int_equal(got[2], 1);
  assert_int_equal(pos[2], 1);
  brief_story_free(st);
}

/* No sentence fit for a summary: an empty summary and one warning, however
 * often the story is summarized. */
static void empty_summary_warns_once(void **state) {
  (void)state;
  const char *const pairs[] = {"a", "Hello there.", NULL};
  brief_story *st = story_from(pairs);
  for (int i = 0; i < 2; i++) {
    brief_summary *sum = summarize(st, 100);
    assert_int_equal(brief_summary_sentence_count(sum), 0);
    brief_summary_free(sum);
  }
  assert_int_equal(brief_story_warning_count(st), 1);
  assert_non_null(strstr(brief_story_warning(st, 0), "no sentence qualifies"));
  brief_story_free(st);
}

static void summary_outlives_story(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 60);
  brief_story_free(s);
  brief_sentence_view v;
  assert_int_equal(brief_summary_sentence(sum, 0, &v), BRIEF_OK);
  assert_true(strlen(v.text) > 10);
  brief_summary_free(sum);
}

static void baselines(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_options o;
  brief_options_init(&o);
  o.words = 20;
  o.selector = BRIEF_SELECT_RR_OLDEST;
  brief_summary *sum;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  brief_sentence_view v;
  brief_summary_sentence(sum, 0, &v);
  assert_int_equal(v.article, 0);
  assert_int_equal(v.position, 0);
  brief_summary_sentence(sum, 1, &v);
  assert_int_equal(v.article, 1);
  brief_summary_free(sum);
  o.selector = BRIEF_SELECT_LEAD;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  brief_summary_sentence(sum, 0, &v);
  assert_int_equal(v.article, 2); /* undated: the last added is latest */
  brief_summary_free(sum);
  brief_story_free(s);
}

static void render_formats(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 60);
  char *out;
  brief_error err;
  assert_int_equal(
      brief_render(s, sum, NULL, NULL, NULL, 0, BRIEF_FORMAT_TEXT, &out, &err),
      BRIEF_OK);
  assert_non_null(strstr(out, "[1,2]"));
  assert_non_null(strstr(out, "Sources:\n[1] a\n"));
  brief_free(out);
  assert_int_equal(brief_render(s, sum, NULL, NULL, NULL, 0,
                                BRIEF_FORMAT_MARKDOWN, &out, &err),
                   BRIEF_OK);
  assert_non_null(strstr(out, "## Summary"));
  brief_free(out);
  assert_int_equal(
      brief_render(s, sum, NULL, NULL, NULL, 0, BRIEF_FORMAT_JSON, &out, &err),
      BRIEF_OK);
  assert_non_null(strstr(out, "\"source_numbers\""));
  assert_non_null(strstr(out, "\"summary\""));
  assert_non_null(strstr(out, "\"warnings\": []"));
  brief_free(out);
  /* The caller's warnings follow the story's in JSON only. */
  const char *const mine[] = {"facts unavailable: test"};
  assert_int_equal(
      brief_render(s, sum, NULL, NULL, mine, 1, BRIEF_FORMAT_JSON, &out, &err),
      BRIEF_OK);
  assert_non_null(strstr(out, "\"warnings\": [\n    \"facts unavailable: "
                              "test\"\n  ]"));
  brief_free(out);
  assert_int_equal(
      brief_render(s, sum, NULL, NULL, mine, 1, BRIEF_FORMAT_TEXT, &out, &err),
      BRIEF_OK);
  assert_null(strstr(out, "facts unavailable"));
  brief_free(out);
  assert_int_equal(
      brief_render(s, sum, NULL, NULL, NULL, 1, BRIEF_FORMAT_JSON, &out, &err),
      BRIEF_ERR_ARG);
  brief_summary_free(sum);
  brief_story_free(s);
}

/* On the seeds: every summary sentence is cited, and a sentence from 001
 * or 003 that the other article also carries is cited to both. */
static void seeds_shared_sentences_cited_to_001_and_003(void **state) {
  (void)state;
  if (!shared_available())
    skip();
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(
      brief_story_add_path(s, BRIEF_SHARED_DIR "/seeds", NULL, &err), BRIEF_OK);
  brief_summary *sum;
  assert_int_equal(brief_summarize(s, NULL, &sum, &err), BRIEF_OK);
  assert_true(brief_summary_word_count(sum) <= 250);
  brief_sentence_view v;
  size_t checked = 0;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    assert_true(v.source_count >= 1);
    if (v.article != 1 && v.article != 3)
      continue;
    size_t other = v.article == 1 ? 3 : 1;
    const bf_article *o = &s->articles.v[other];
    uint32_t me = s->articles.v[v.article].sent_first + (uint32_t)v.position;
    int carried = 0, cited = 0;
    for (uint32_t k = 0; k < o->sent_count; k++)
      carried |= bf_sentence_overlap(s, me, o->sent_first + k) >= 0.8;
    for (size_t k = 0; k < v.source_count; k++)
      cited |= v.sources[k] == other;
    if (carried) {
      checked++;
      assert_true(cited);
    }
  }
  brief_summary_free(sum);
  brief_story_free(s);
  (void)checked;
}

static void compression_cuts_connectives_attributions_asides(void **state) {
  (void)state;
  const char *pairs[] = {
      "a",
      "But the talks on the new border deal collapsed on Wednesday, "
      "officials said.\n"
      "The army (backed by Russian jets) retook the town of Saida.\n"
      "\"We will fight on,\" the rebel spokesman said.\n"
      "Officials in the province, hit hard by the storm, reported five "
      "dead.\n"
      "The port will stay closed until Friday, said the harbour master.\n",
      NULL};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  char out[256];
  bf_compressed c;
  bf_compress_sentence(s, 0, &c);
  bf_compressed_text(s, 0, &c, out);
  assert_string_equal(out, "The talks on the new border deal collapsed.");
  assert_int_equal(c.words, s->sents.v[0].words - 5);
  bf_compress_sentence(s, 1, &c);
  bf_compressed_text(s, 1, &c, out);
  assert_string_equal(out, "The army retook the town of Saida.");
  bf_compress_sentence(s, 2, &c); /* never cut into a quotation */
  assert_int_equal(c.ncuts, 0);
  bf_compress_sentence(s, 3, &c); /* the sentence's own verb */
  assert_int_equal(c.ncuts, 0);
  bf_compress_sentence(s, 4, &c);
  bf_compressed_text(s, 4, &c, out);
  assert_string_equal(out, "The port will stay closed until Friday.");
  brief_story_free(s);
}

/* The news day goes where what is left still reads, and stays where it is
 * part of a phrase, a name or a date. */
static void compression_cuts_the_news_day(void **state) {
  (void)state;
  const char *pairs[] = {"a",
                         "The minister said today that the plan would go "
                         "ahead.\n"
                         "Rescuers reached the flooded village on Monday "
                         "night.\n"
                         "The result of Monday's vote was delayed again.\n"
                         "Markets have not recovered since Monday at all.\n"
                         "The council meets on the first Monday of May.\n"
                         "It happened on Monday, March 3, in the old port.\n"
                         "Traders still speak of Black Monday with dread.\n",
                         NULL};
  const char *expected[] = {"The minister said that the plan would go ahead.",
                            "Rescuers reached the flooded village."};
  brief_story *s = story_from(pairs);
  brief_error err;
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK);
  assert_int_equal(s->sents.n, 7);
  char out[256];
  bf_compressed c;
  for (uint32_t i = 0; i < 2; i++) {
    bf_compress_sentence(s, i, &c);
    bf_compressed_text(s, i, &c, out);
    assert_string_equal(out, expected[i]);
  }
  for (uint32_t i = 2; i < 7; i++) {
    bf_compress_sentence(s, i, &c);
    assert_int_equal(c.ncuts, 0);
  }
  brief_story_free(s);
}

static uint32_t kept_count(const uint8_t *keep, uint32_t n) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++)
    k += keep[i] != 0;
  return k;
}

/* A cut takes its concepts with it, and only those: a compressed sentence
 * keeps as many concepts as its printed text has, a word it repeats
 * outside the cut included. */
static void compressed_sentence_keeps_the_concepts_it_prints(void **state) {
  (void)state;
  const char *pairs[] = {"a",
                         "The port will stay closed until Friday, said the "
                         "harbour master.\n"
                         "The port chief closed the old port, said the port "
                         "master.\n",
                         NULL};
  const char *printed[] = {"a",
                           "The port will stay closed until Friday.\n"
                           "The port chief closed the old port.\n",
                           NULL};
  brief_story *s = story_from(pairs), *p = story_from(printed);
  brief_error err;
  assert_int_equal(bf_analyse_story(s, &err), BRIEF_OK);
  assert_int_equal(bf_analyse_story(p, &err), BRIEF_OK);
  for (uint32_t i = 0; i < 2; i++) {
    uint8_t keep[64];
    uint32_t n = s->sents.v[i].concept_count;
    bf_compressed c;
    bf_compress_sentence(s, i, &c);
    assert_int_equal(c.ncuts, 1);
    assert_int_equal(bf_compressed_concepts(s, i, &c, keep), 0);
    assert_true(kept_count(keep, n) < n);
    assert_int_equal(kept_count(keep, n), p->sents.v[i].concept_count);
  }
  uint8_t none[64] = {0}, keep[64];
  assert_int_equal(bf_concepts_surviving(s, 0, none, keep), 0);
  assert_int_equal(kept_count(keep, s->sents.v[0].concept_count),
                   s->sents.v[0].concept_count);
  brief_story_free(s);
  brief_story_free(p);
}

static void compressed_summary_counts_compressed_words(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_options o;
  brief_options_init(&o);
  o.min_sentence_words = 4;
  o.compress = 1;
  o.words = 40;
  brief_summary *sum;
  brief_error err;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  size_t words = 0;
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    for (const char *p = v.text; *p;) {
      while (*p == ' ')
        p++;
      if (*p)
        words++;
      while (*p && *p != ' ')
        p++;
    }
  }
  assert_int_equal(words, brief_summary_word_count(sum));
  assert_true(words <= 40);
  brief_summary_free(sum);
  brief_story_free(s);
}

static void different_figures_are_not_one_sentence(void **state) {
  (void)state;
  brief_story *s = story_from(fire_story);
  brief_summary *sum = summarize(s, 200);
  brief_sentence_view v;
  int damage = 0;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    if (strstr(v.text, "million euros")) {
      damage++;
      assert_int_equal(v.source_count, 1); /* 35 (b) vs 50 (c) million */
    }
  }
  assert_true(damage >= 1);
  brief_summary_free(sum);
  brief_story_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(budget_is_respected),
      cmocka_unit_test(shared_sentence_is_kept_once_and_cited_to_all),
      cmocka_unit_test(near_duplicates_are_grouped),
      cmocka_unit_test(dangling_sentence_needs_its_antecedent),
      cmocka_unit_test(order_follows_articles_and_positions),
      cmocka_unit_test(dated_articles_come_first_by_date),
      cmocka_unit_test(undated_articles_follow_their_dated_predecessor),
      cmocka_unit_test(copy_reads_where_the_original_stands),
      cmocka_unit_test(shared_sentences_come_from_the_original),
      cmocka_unit_test(dependent_sentences_follow_their_antecedent),
      cmocka_unit_test(dependent_sentence_is_not_anchored_away),
      cmocka_unit_test(empty_summary_warns_once),
      cmocka_unit_test(summary_outlives_story),
      cmocka_unit_test(baselines),
      cmocka_unit_test(render_formats),
      cmocka_unit_test(different_figures_are_not_one_sentence),
      cmocka_unit_test(compression_cuts_connectives_attributions_asides),
      cmocka_unit_test(compression_cuts_the_news_day),
      cmocka_unit_test(compressed_sentence_keeps_the_concepts_it_prints),
      cmocka_unit_test(quote_left_open_is_closed),
      cmocka_unit_test(compressed_summary_counts_compressed_words),
      cmocka_unit_test(seeds_shared_sentences_cited_to_001_and_003),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
