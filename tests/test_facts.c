/*
 * test_facts.c - the facts stage on small inline stories, one concern at a
 * time: figures, quotes, entities, timeline, bad input and rendering.
 */
#include "helpers.h"

#include "facts/cues.h"
#include "pipeline/pipeline.h"

#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

/* A story from (id, date, text) triples; date may be NULL. */
static brief_story *dated_story(const char *const *t) {
  brief_story *s = brief_story_new();
  assert_non_null(s);
  for (size_t i = 0; t[i]; i += 3) {
    brief_article a;
    memset(&a, 0, sizeof a);
    a.id = t[i];
    a.date = t[i + 1];
    a.text = t[i + 2];
    a.text_len = strlen(t[i + 2]);
    brief_error err;
    assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  }
  return s;
}

static brief_facts *extract(brief_story *s) {
  brief_facts *f = NULL;
  brief_error err;
  assert_int_equal(brief_facts_extract(s, NULL, &f, &err), BRIEF_OK);
  assert_non_null(f);
  return f;
}

static int has_text(const char *p, size_t n, const char *want) {
  size_t m = strlen(want);
  for (size_t i = 0; i + m <= n; i++)
    if (strncmp(p + i, want, m) == 0)
      return 1;
  return 0;
}

/* The group holding a figure with this text, or -1; *k is its index. */
static long find_figure(const brief_facts *f, const char *text, size_t *k) {
  for (size_t g = 0; g < brief_facts_figure_group_count(f); g++) {
    brief_figure_group_view gv;
    assert_int_equal(brief_facts_figure_group(f, g, &gv), BRIEF_OK);
    for (size_t i = 0; i < gv.figure_count; i++) {
      brief_figure_view v;
      assert_int_equal(brief_facts_figure(f, g, i, &v), BRIEF_OK);
      if (v.text_len == strlen(text) && !strncmp(v.text, text, v.text_len)) {
        if (k)
          *k = i;
        return (long)g;
      }
    }
  }
  return -1;
}

static brief_figure_view figure(const brief_facts *f, const char *text) {
  size_t k = 0;
  long g = find_figure(f, text, &k);
  if (g < 0)
    fail_msg("no figure '%s'", text);
  brief_figure_view v;
  brief_facts_figure(f, (size_t)g, k, &v);
  return v;
}

static brief_verdict verdict(const brief_facts *f, long g) {
  brief_figure_group_view gv;
  assert_int_equal(brief_facts_figure_group(f, (size_t)g, &gv), BRIEF_OK);
  return gv.verdict;
}

/* ---- figures ------------------------------------------------------------ */

static void figures_digits_words_qualifiers_units(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL,
      "The fighting has displaced more than 320,000 people, the UN said.\n"
      "Nearly 150 civilians have died since the assault began.\n"
      "Six civilians were killed in strikes on the town.\n"
      "The regime holds 60% of the province after a two-week offensive.\n"
      "Rebels handed over 275sq km of the border area.\n"
      "Families struggled in 45-degree heat as 1.5 million people fled.\n"
      "Between 270,000 and 330,000 were displaced in June 2018.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_figure_view v = figure(f, "more than 320,000");
  assert_true(v.value == 320000);
  assert_string_equal(v.qualifier, "more than");
  assert_true(has_text(v.verb, v.verb_len, "displaced"));
  assert_true(has_text(v.noun, v.noun_len, "people"));
  assert_true(has_text(v.attribution, v.attribution_len, "the UN said"));
  v = figure(f, "Nearly 150");
  assert_string_equal(v.qualifier, "nearly");
  assert_true(v.low < 150 && v.high == 150);
  assert_true(has_text(v.span, v.span_len, "since the assault began"));
  v = figure(f, "Six");
  assert_true(v.value == 6);
  assert_true(has_text(v.verb, v.verb_len, "killed"));
  v = figure(f, "60%");
  assert_string_equal(v.unit, "percent");
  assert_true(has_text(v.noun, v.noun_len, "province"));
  v = figure(f, "two-week");
  assert_string_equal(v.unit, "week");
  v = figure(f, "275sq km");
  assert_string_equal(v.unit, "sq km");
  assert_true(v.value == 275);
  v = figure(f, "45-degree");
  assert_string_equal(v.unit, "degree");
  v = figure(f, "1.5 million");
  assert_true(v.value == 1500000);
  v = figure(f, "Between 270,000 and 330,000");
  assert_true(v.is_range && v.low == 270000 && v.high == 330000);
  /* a year and a month day are dates, not figures */
  assert_int_equal(find_figure(f, "2018", NULL), -1);
  brief_facts_free(f);
  brief_story_free(s);
}

/* Every unit of enum bf_unit has its own name; the table is indexed by the
 * enum, so a unit added without a name would leave a hole. */
static void every_unit_has_a_name(void **state) {
  (void)state;
  assert_string_equal(bf_unit_names[UNIT_NONE], "");
  assert_string_equal(bf_unit_names[UNIT_PERCENT], "percent");
  assert_string_equal(bf_unit_names[UNIT_WEEK], "week");
  assert_string_equal(bf_unit_names[UNIT_DOLLAR_SIGN], "$");
  for (int u = UNIT_NONE + 1; u < UNIT_COUNT; u++) {
    assert_non_null(bf_unit_names[u]);
    assert_true(*bf_unit_names[u]);
    for (int v = UNIT_NONE + 1; v < u; v++)
      assert_string_not_equal(bf_unit_names[u], bf_unit_names[v]);
  }
}

static void figures_skip_dates_times_and_names(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL,
      "On June 19 at 10 pm, Flight 103 left in one go, in 1988.\n"
      "One of the rebels said the 19th meeting failed.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  assert_int_equal(brief_facts_figure_group_count(f), 0);
  brief_facts_free(f);
  brief_story_free(s);
}

static void figures_span_consumes_its_number(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL,
      "The monitor reported 600 airstrikes in 15 hours.\n"
      "By midnight, the air force had carried out at least 20 air strikes.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_figure_view v = figure(f, "600");
  assert_true(has_text(v.span, v.span_len, "in 15 hours"));
  assert_int_equal(find_figure(f, "15", NULL), -1);
  v = figure(f, "at least 20");
  assert_true(has_text(v.span, v.span_len, "By midnight"));
  assert_true(isinf(v.high));
  /* 600 and 20 strikes are different measures, never a conflict */
  long a = find_figure(f, "600", NULL), b = find_figure(f, "at least 20", NULL);
  assert_true(a != b || verdict(f, a) != BRIEF_VERDICT_CONFLICT);
  brief_facts_free(f);
  brief_story_free(s);
}

static void figures_grouped_with_verdicts(void **state) {
  (void)state;
  static const char *const t[] = {
      "a",
      NULL,
      "The offensive has displaced more than 320,000 people.\n"
      "More than 30 towns have agreed to surrender.\n"
      "About 1,200 workers were evacuated.\n",
      "b",
      NULL,
      "The offensive has displaced 320,000 people.\n"
      "The army retook some 30 towns.\n"
      "Some 1,150 workers were evacuated.\n",
      "c",
      NULL,
      "Some 270,000 Syrians have been displaced by the fighting.\n"
      "Four towns were shelled.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  long g1 = find_figure(f, "more than 320,000", NULL);
  assert_true(g1 >= 0);
  assert_int_equal(find_figure(f, "320,000", NULL), g1);
  assert_int_equal(find_figure(f, "Some 270,000", NULL), g1);
  assert_int_equal(verdict(f, g1), BRIEF_VERDICT_CONFLICT);
  long g2 = find_figure(f, "More than 30", NULL);
  assert_int_equal(find_figure(f, "some 30", NULL), g2);
  assert_int_equal(verdict(f, g2), BRIEF_VERDICT_AGREE);
  /* four towns are another measure than thirty */
  assert_true(find_figure(f, "Four", NULL) != g2);
  long g3 = find_figure(f, "About 1,200", NULL);
  assert_int_equal(find_figure(f, "Some 1,150", NULL), g3);
  assert_int_equal(verdict(f, g3), BRIEF_VERDICT_RANGE);
  brief_figure_group_view gv;
  brief_facts_figure_group(f, (size_t)g1, &gv);
  assert_int_equal(gv.source_count, 3);
  assert_string_equal(gv.measure, "people displaced");
  brief_facts_free(f);
  brief_story_free(s);
}

/* ---- quotes ------------------------------------------------------------- */

static const brief_quote_view *
find_quote(const brief_facts *f, const char *part, brief_quote_view *q) {
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_facts_quote(f, i, q);
    if (has_text(q->text, q->text_len, part))
      return q;
  }
  return NULL;
}

static void quotes_speakers(void **state) {
  (void)state;
  static const char *const t[] = {
      "a",
      NULL,
      "\xe2\x80\x9cThe talks will resume,\xe2\x80\x9d Hussein Abazeed, "
      "spokesman for the rebel command, told AFP.\n"
      "Filippo Grandi, the UN refugee chief, spoke on Monday.\n"
      "\"Thousands of innocent lives are going to be lost,\" he warned.\n"
      "Jumana Ghunaimat, a spokesperson for the government, said, "
      "\"Our efforts succeeded in convincing the parties to meet.\"\n"
      "\"The negotiations did not produce any results,\" AFP told AFP. of a "
      "group of factions, Ibrahim al-Jabbawi.\n"
      "The region is a \"de-escalation zone\" agreed last year.\n",
      "b",
      NULL,
      "Hussein Abazeed said that \xe2\x80\x9ctalks will resume.\xe2\x80\x9d\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_quote_view q;
  assert_non_null(find_quote(f, "talks will resume", &q));
  assert_string_equal(q.speaker, "Hussein Abazeed");
  assert_int_equal(q.source_count, 2); /* the partial quote merged */
  assert_non_null(find_quote(f, "Thousands of innocent lives", &q));
  assert_string_equal(q.speaker, "Filippo Grandi");
  assert_string_equal(q.said_by, "he");
  assert_non_null(find_quote(f, "convincing the parties", &q));
  assert_string_equal(q.speaker, "Jumana Ghunaimat");
  assert_non_null(find_quote(f, "did not produce", &q));
  assert_string_equal(q.speaker, "Ibrahim al-Jabbawi");
  /* scare quotes are not quotes */
  assert_null(find_quote(f, "de-escalation", &q));
  brief_facts_free(f);
  brief_story_free(s);
}

static void quotes_unbalanced_stay_in_their_paragraph(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL,
      "He said \"this never closes and goes on for a while here.\n"
      "A new paragraph with 40 people and \"a real quote of words\" "
      "said Mr Smith.\n"
      "\"Spanning two. Sentences here,\" said Jane Doe.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_quote_view q;
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_facts_quote(f, i, &q);
    assert_false(has_text(q.text, q.text_len, "\n"));
    assert_false(has_text(q.text, q.text_len, "never closes"));
  }
  assert_non_null(find_quote(f, "a real quote of words", &q));
  assert_string_equal(q.speaker, "Smith");
  assert_non_null(find_quote(f, "Spanning two. Sentences here", &q));
  assert_string_equal(q.speaker, "Jane Doe");
  assert_non_null(figure(f, "40").text);
  brief_facts_free(f);
  brief_story_free(s);
}

/* ---- entities ----------------------------------------------------------- */

static long find_entity(const brief_facts *f, const char *name,
                        brief_entity_view *e) {
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_facts_entity(f, i, e);
    if (!strcmp(e->name, name))
      return (long)i;
    for (size_t k = 0; k < e->variant_count; k++)
      if (!strcmp(e->variants[k], name))
        return (long)i;
  }
  return -1;
}

static void entities_variants_and_types(void **state) {
  (void)state;
  static const char *const t[] = {
      "a",
      NULL,
      "Rebel spokesman Ibrahim Jabawi met President Bashar al-Assad in "
      "Daraa.\n"
      "The Syrian Observatory for Human Rights said the town of Saida was "
      "hit, the Observatory added.\n"
      "Reporters from Agence France-Presse (AFP) saw Assad in Damascus.\n",
      "b",
      NULL,
      "Spokesperson Ibrahim al-Jabbawi spoke in Deraa and the town of "
      "Sayda.\n"
      "Mr Assad was seen with Syrian troops, AFP reported.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_entity_view e, e2;
  long j = find_entity(f, "Ibrahim Jabawi", &e);
  assert_true(j >= 0);
  assert_int_equal(find_entity(f, "Ibrahim al-Jabbawi", &e2), j);
  assert_int_equal(e.type, BRIEF_ENTITY_PERSON);
  assert_int_equal(e.source_count, 2);
  long a = find_entity(f, "Bashar al-Assad", &e);
  assert_true(a >= 0);
  assert_int_equal(find_entity(f, "Assad", &e2), a);
  assert_int_equal(e.type, BRIEF_ENTITY_PERSON);
  assert_int_equal(e.mention_count, 3);
  long d = find_entity(f, "Daraa", &e);
  assert_true(d >= 0);
  assert_int_equal(find_entity(f, "Deraa", &e2), d);
  assert_int_equal(e.type, BRIEF_ENTITY_PLACE);
  long sa = find_entity(f, "Saida", &e);
  assert_int_equal(find_entity(f, "Sayda", &e2), sa);
  assert_int_equal(e.type, BRIEF_ENTITY_PLACE);
  long o = find_entity(f, "Syrian Observatory for Human Rights", &e);
  assert_int_equal(find_entity(f, "Observatory", &e2), o);
  assert_int_equal(e.type, BRIEF_ENTITY_ORGANIZATION);
  long afp = find_entity(f, "AFP", &e);
  assert_int_equal(find_entity(f, "Agence France-Presse", &e2), afp);
  /* nationalities are not names */
  assert_int_equal(find_entity(f, "Syrian", &e), -1);
  brief_facts_free(f);
  brief_story_free(s);
}

/* A sentence's capitalised first word that WordNet knows as a group is no
 * name when the story writes it in lower case too. */
static void entities_common_noun_opening_a_sentence(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL,
      "A fire destroyed the grain terminal at Port Kessing on Tuesday.\n"
      "Union spokesman Samuel Ade said the union had warned the port "
      "operator about dust in the silos.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  brief_entity_view e;
  assert_int_equal(find_entity(f, "Union", &e), -1);
  assert_true(find_entity(f, "Samuel Ade", &e) >= 0);
  assert_int_equal(e.type, BRIEF_ENTITY_PERSON);
  assert_true(find_entity(f, "Port Kessing", &e) >= 0);
  brief_facts_free(f);
  brief_story_free(s);
}

/* ---- timeline ----------------------------------------------------------- */

/* "Tuesday" in an undated article joins the dated article's Tuesday when
 * both sentences tell the same thing; told of something else, it stays
 * undated. */
static void timeline_undated_twin_joins_dated_event(void **state) {
  (void)state;
  static const char *const t[] = {
      "a",
      "2025-03-14",
      "A fire that broke out late on Tuesday destroyed the grain terminal "
      "at Port Kessing and halted shipping.\n",
      "b",
      NULL,
      "A fire destroyed the grain terminal at Port Kessing on Tuesday "
      "night, and shipping was halted.\n"
      "Exporters warned on Tuesday that shipments could be delayed for "
      "weeks.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  size_t dated = 0, undated = 0;
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view v;
    assert_int_equal(brief_facts_event(f, i, &v), BRIEF_OK);
    if (!strcmp(v.date, "2025-03-11")) {
      dated++;
      assert_int_equal(v.source_count, 2);
      assert_int_equal(v.mention_count, 2);
    } else if (!*v.date) {
      undated++;
      assert_int_equal(v.source_count, 1);
      assert_true(has_text(v.text, v.text_len, "Exporters warned"));
    }
  }
  assert_int_equal(dated, 1);
  assert_int_equal(undated, 1);
  brief_facts_free(f);
  brief_story_free(s);
}

static void timeline_resolves_against_article_date(void **state) {
  (void)state;
  static const char *const t[] = {
      "a",
      "2018-07-05",
      "Talks collapsed on Wednesday after the offensive began June 19.\n"
      "Yesterday the UN met; last month it warned, and in 2011 war began.\n"
      "A meeting is expected to take place Friday.\n",
      "b",
      NULL,
      "The offensive began on 19 June. Talks failed on Wednesday.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  const char *want[] = {"2011",       "2018-06",    "2018-06-19",
                        "2018-07-04", "2018-07-06", ""};
  size_t n = brief_facts_event_count(f), w = 0;
  brief_event_view ev;
  for (size_t i = 0; i < n; i++) {
    brief_facts_event(f, i, &ev);
    if (w < 6 && !strcmp(ev.date, want[w]))
      w++;
    if (!strcmp(ev.date, "2018-06-19"))
      assert_int_equal(ev.source_count, 2); /* "19 June" from b too */
  }
  assert_int_equal(w, 6); /* in order, the undated Wednesday last */
  brief_facts_free(f);
  brief_story_free(s);
}

/* ---- bad input, rendering ----------------------------------------------- */

static void no_facts_is_not_an_error(void **state) {
  (void)state;
  static const char *const t[] = {"a", NULL, "nothing here at all\n", NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  assert_int_equal(brief_facts_figure_group_count(f), 0);
  assert_int_equal(brief_facts_quote_count(f), 0);
  assert_int_equal(brief_facts_entity_count(f), 0);
  assert_int_equal(brief_facts_event_count(f), 0);
  char *out = NULL;
  brief_error err;
  for (int fmt = 0; fmt < 3; fmt++) {
    assert_int_equal(brief_render_facts(s, f, (brief_format)fmt, &out, &err),
                     BRIEF_OK);
    assert_non_null(out);
    brief_free(out);
  }
  brief_facts_free(f);
  brief_story_free(s);
  brief_story *empty = brief_story_new();
  assert_int_equal(brief_facts_extract(empty, NULL, &f, &err), BRIEF_ERR_EMPTY);
  assert_null(f);
  brief_story_free(empty);
}

/* Without WordNet the facts still come, and the story says why names are
 * typed by cue words only, once however often facts are extracted. */
static void missing_wordnet_is_a_warning(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", NULL, "Mayor Anna Berg said 40 homes burned in Kessing.\n", NULL};
  brief_story *s = dated_story(t);
  brief_options o;
  brief_options_init(&o);
  o.wordnet_dir = "/nonexistent/wordnet";
  brief_facts *f = NULL;
  brief_error err;
  for (int run = 0; run < 2; run++) {
    assert_int_equal(brief_facts_extract(s, &o, &f, &err), BRIEF_OK);
    assert_true(brief_facts_entity_count(f) >= 1);
    brief_facts_free(f);
  }
  assert_int_equal(brief_story_warning_count(s), 1);
  const char *w = brief_story_warning(s, 0);
  assert_non_null(strstr(w, "WordNet not found in /nonexistent/wordnet"));
  assert_non_null(strstr(w, "cue words only"));
  brief_story_free(s);
}

static void wordnet_open_names_a_missing_folder(void **state) {
  (void)state;
  brief_wordnet *wn = NULL;
  brief_error err;
  assert_int_equal(brief_wordnet_open("/nonexistent/wordnet", &wn, &err),
                   BRIEF_ERR_IO);
  assert_null(wn);
  assert_non_null(strstr(err.message, "/nonexistent/wordnet"));
  brief_wordnet_close(NULL);
}

/* The seeds' summary and facts in JSON, read with `wordnet` (NULL: each
 * call opens its own). */
static char *seeds_brief(const brief_wordnet *wordnet) {
  brief_story *s = brief_story_new();
  brief_error err;
  assert_int_equal(
      brief_story_add_path(s, BRIEF_SHARED_DIR "/seeds", NULL, &err), BRIEF_OK);
  brief_options o;
  brief_options_init(&o);
  o.facts = 1;
  o.wordnet = wordnet;
  brief_summary *sum = NULL;
  brief_facts *f = NULL;
  char *out = NULL;
  assert_int_equal(brief_summarize(s, &o, &sum, &err), BRIEF_OK);
  assert_int_equal(brief_facts_extract(s, &o, &f, &err), BRIEF_OK);
  assert_int_equal(
      brief_render(s, sum, f, &o, NULL, 0, BRIEF_FORMAT_JSON, &out, &err),
      BRIEF_OK);
  brief_facts_free(f);
  brief_summary_free(sum);
  brief_story_free(s);
  return out;
}

typedef struct seeds_run {
  const brief_wordnet *wordnet;
  char *out[3];
} seeds_run;

static void *seeds_thread(void *arg) {
  seeds_run *r = arg;
  for (int i = 0; i < 3; i++)
    r->out[i] = seeds_brief(r->wordnet);
  return NULL;
}

/* One WordNet opened once gives every story what each call opening its
 * own gives, from many threads at once. */
static void one_wordnet_serves_every_thread(void **state) {
  (void)state;
  if (!shared_available())
    skip();
  brief_wordnet *wn = NULL;
  brief_error err;
  assert_int_equal(brief_wordnet_open(NULL, &wn, &err), BRIEF_OK);
  char *alone = seeds_brief(NULL);
  assert_non_null(strstr(alone, "\"entities\""));
  enum { THREADS = 4 };
  pthread_t t[THREADS];
  seeds_run runs[THREADS];
  for (int i = 0; i < THREADS; i++) {
    runs[i].wordnet = wn;
    assert_int_equal(pthread_create(&t[i], NULL, seeds_thread, &runs[i]), 0);
  }
  for (int i = 0; i < THREADS; i++) {
    assert_int_equal(pthread_join(t[i], NULL), 0);
    for (int k = 0; k < 3; k++) {
      assert_string_equal(runs[i].out[k], alone);
      brief_free(runs[i].out[k]);
    }
  }
  brief_free(alone);
  brief_wordnet_close(wn);
}

static void json_carries_every_section(void **state) {
  (void)state;
  static const char *const t[] = {
      "a", "2018-07-05",
      "\"We will stay,\" said Mayor Anna Berg on Monday, as 40 homes burned "
      "in Kessing.\n",
      NULL};
  brief_story *s = dated_story(t);
  brief_facts *f = extract(s);
  char *out = NULL;
  brief_error err;
  assert_int_equal(brief_render_facts(s, f, BRIEF_FORMAT_JSON, &out, &err),
                   BRIEF_OK);
  json_error_t jerr;
  json_t *root = json_loads(out, 0, &jerr);
  assert_non_null(root);
  json_t *facts = json_object_get(root, "facts");
  json_t *fig = json_array_get(json_object_get(facts, "figures"), 0);
  assert_string_equal(json_string_value(json_object_get(fig, "verdict")),
                      "single");
  json_t *rep = json_array_get(json_object_get(fig, "reports"), 0);
  assert_true(json_real_value(json_object_get(rep, "value")) == 40);
  assert_non_null(json_object_get(rep, "sentence"));
  json_t *q = json_array_get(json_object_get(facts, "quotes"), 0);
  assert_string_equal(json_string_value(json_object_get(q, "speaker")),
                      "Anna Berg");
  json_t *ev = json_array_get(json_object_get(facts, "timeline"), 0);
  assert_string_equal(json_string_value(json_object_get(ev, "date")),
                      "2018-07-02");
  assert_true(json_array_size(json_object_get(facts, "entities")) >= 1);
  json_decref(root);
  brief_free(out);
  assert_int_equal(brief_render_facts(s, f, BRIEF_FORMAT_MARKDOWN, &out, &err),
                   BRIEF_OK);
  assert_non_null(strstr(out, "| Measure | Values [sources] | Verdict |"));
  brief_free(out);
  brief_facts_free(f);
  brief_story_free(s);
}

/* Builds an article of n paragraphs full of numbers, names and stray
 * quotation marks. */
static char *long_article(size_t n) {
  static const char para[] =
      "Officials in Daraa said \"about 1,200 people fled on Monday and Mr "
      "Hana Levi said more than 30 towns.\n";
  size_t len = sizeof para - 1;
  char *s = malloc(n * len + 1);
  assert_non_null(s);
  for (size_t i = 0; i < n; i++)
    memcpy(s + i * len, para, len);
  s[n * len] = '\0';
  return s;
}

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The processor time one extraction from an article of n paragraphs
 * takes: the least of five batches' means, each batch running at least
 * 50 ms, so that neither the clock's grain nor a busy machine decides. */
static double facts_seconds(size_t n) {
  char *text = long_article(n);
  brief_story *s = brief_story_new();
  brief_article a;
  memset(&a, 0, sizeof a);
  a.text = text;
  a.text_len = strlen(text);
  brief_error err;
  assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  assert_int_equal(bf_segment_story(s, &err), BRIEF_OK); /* not timed */
  double best = INFINITY;
  for (int batch = 0; batch < 5; batch++) {
    double t0 = cpu_seconds(), t;
    int runs = 0;
    do {
      brief_facts *f = NULL;
      assert_int_equal(brief_facts_extract(s, NULL, &f, &err), BRIEF_OK);
      assert_true(brief_facts_entity_count(f) >= 1);
      brief_facts_free(f);
      runs++;
    } while ((t = cpu_seconds() - t0) < 0.05);
    if (t / runs < best)
      best = t / runs;
  }
  brief_story_free(s);
  free(text);
  return best;
}

/* Four times the text takes about four times the time: a quadratic step
 * would take sixteen, so ten is the bound. */
static void long_articles_stay_linear(void **state) {
  (void)state;
  double small = facts_seconds(2000), big = facts_seconds(8000);
  assert_true(small > 0);
  assert_true(big < small * 10);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(figures_digits_words_qualifiers_units),
      cmocka_unit_test(every_unit_has_a_name),
      cmocka_unit_test(figures_skip_dates_times_and_names),
      cmocka_unit_test(figures_span_consumes_its_number),
      cmocka_unit_test(figures_grouped_with_verdicts),
      cmocka_unit_test(quotes_speakers),
      cmocka_unit_test(quotes_unbalanced_stay_in_their_paragraph),
      cmocka_unit_test(entities_variants_and_types),
      cmocka_unit_test(entities_common_noun_opening_a_sentence),
      cmocka_unit_test(timeline_resolves_against_article_date),
      cmocka_unit_test(timeline_undated_twin_joins_dated_event),
      cmocka_unit_test(no_facts_is_not_an_error),
      cmocka_unit_test(missing_wordnet_is_a_warning),
      cmocka_unit_test(wordnet_open_names_a_missing_folder),
      cmocka_unit_test(one_wordnet_serves_every_thread),
      cmocka_unit_test(json_carries_every_section),
      cmocka_unit_test(long_articles_stay_linear),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
