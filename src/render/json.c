/*
 * json.c - the JSON format: what `--format json` prints and the HTTP API
 * answers.
 *
 * A report is one indented object: version, the options, the summary's
 * sentences with their sources and byte spans, the numbered sources,
 * warnings and, when given, the facts with every field of every view. The
 * facts alone drop the summary, options and warnings. A page is one object
 * on one line, so several pages make JSON Lines. A desk story's brief adds
 * "story" (its fields) and "stale"; a desk's list is {"stories", "total"}.
 * The schema is documented in README.
 */
#include "render/render.h"

#include "core/date.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* The id of article i. */
static const char *article_id(const brief_story *st, size_t i) {
  brief_article_view a;
  return brief_story_article(st, i, &a) == BRIEF_OK ? a.id : "";
}

/* A number of the facts, or null for an open bound ("at least 20" has no
 * upper one). */
static json_t *number(double v) {
  return isfinite(v) ? json_real(v) : json_null();
}

static json_t *integer(size_t v) {
  return json_integer((json_int_t)v);
}

/* "sources": article ids, "source_numbers": 1-based numbers. */
static void set_sources(json_t *o, const brief_story *st, const size_t *src,
                        size_t n) {
  json_t *ids = json_array(), *nums = json_array();
  for (size_t i = 0; i < n; i++) {
    json_array_append_new(ids, json_string(article_id(st, src[i])));
    json_array_append_new(nums, integer(src[i] + 1));
  }
  json_object_set_new(o, "sources", ids);
  json_object_set_new(o, "source_numbers", nums);
}

/* ---- the summary -------------------------------------------------------- */

static const char *selector_name(brief_selector s) {
  switch (s) {
  case BRIEF_SELECT_GREEDY:
    return "greedy";
  case BRIEF_SELECT_LEAD:
    return "lead";
  case BRIEF_SELECT_RR_OLDEST:
    return "rr-oldest";
  case BRIEF_SELECT_RR_NEWEST:
    return "rr-newest";
  }
  return "unknown";
}

static json_t *options_json(const brief_options *o) {
  /* A query that is not UTF-8 (unchecked options) shows as null. */
  return json_pack("{s:i, s:b, s:b, s:s, s:f, s:b, s:i, s:i, s:o?}", "words",
                   o->words, "auto_words", o->auto_words, "facts", o->facts,
                   "selector", selector_name(o->selector), "dup_threshold",
                   o->dup_threshold, "compress", o->compress,
                   "min_sentence_words", o->min_sentence_words,
                   "max_sentence_words", o->max_sentence_words, "query",
                   o->query ? json_string(o->query) : NULL);
}

/* The spans of article `art`'s text that state a summary sentence. */
static json_t *spans_json(const brief_story *st, const brief_support_view *sv) {
  json_t *arr = json_array();
  brief_article_view a;
  if (brief_story_article(st, sv->article, &a) != BRIEF_OK)
    return arr;
  for (size_t k = 0; k < sv->span_count && k < 2; k++)
    json_array_append_new(
        arr, json_pack("{s:I, s:I, s:s%}", "start", (json_int_t)sv->start[k],
                       "end", (json_int_t)sv->end[k], "text",
                       a.text + sv->start[k], sv->end[k] - sv->start[k]));
  return arr;
}

/* Every outlet's stand on the sentence, with the spans that say it. */
static json_t *support_json(const brief_story *st,
                            const brief_sentence_view *v) {
  json_t *arr = json_array();
  for (size_t k = 0; k < v->support_count; k++) {
    const brief_support_view *sv = &v->support[k];
    json_array_append_new(arr, json_pack("{s:s, s:I, s:s, s:f, s:o}", "article",
                                         article_id(st, sv->article),
                                         "article_number",
                                         (json_int_t)sv->article + 1, "support",
                                         brief_support_name(sv->support),
                                         "share", round(sv->share * 100) / 100,
                                         "spans", spans_json(st, sv)));
  }
  return arr;
}

/* The relative times of the sentence with the dates they stand for. */
static json_t *times_json(const brief_sentence_view *v) {
  json_t *arr = json_array();
  for (size_t k = 0; k < v->time_count; k++) {
    const brief_time_view *t = &v->times[k];
    json_array_append_new(
        arr, json_pack("{s:s%, s:I, s:I, s:s, s:s}", "expression",
                       v->text + t->start, t->end - t->start, "start",
                       (json_int_t)t->start, "end", (json_int_t)t->end, "date",
                       t->date, "shown", t->shown));
  }
  return arr;
}

/* What a sentence adds to its text and full sources: the text as shown
 * with its times resolved, the partial and conflicting outlets, every
 * outlet's stand with its spans, and the times. */
static void more_of_sentence(json_t *o, const brief_story *st,
                             const brief_sentence_view *v) {
  bf_buf shown;
  bf_buf_init(&shown);
  bf_render_sentence(&shown, v);
  json_object_set_new(o, "shown",
                      shown.oom ? json_string("")
                                : json_stringn(shown.s, shown.len));
  bf_buf_free(&shown);
  json_t *partial = json_object(), *conflict = json_object();
  set_sources(partial, st, v->partial_sources, v->partial_count);
  set_sources(conflict, st, v->conflict_sources, v->conflict_count);
  json_object_set(o, "partial_sources", json_object_get(partial, "sources"));
  json_object_set(o, "partial_source_numbers",
                  json_object_get(partial, "source_numbers"));
  json_object_set(o, "conflict_sources", json_object_get(conflict, "sources"));
  json_object_set(o, "conflict_source_numbers",
                  json_object_get(conflict, "source_numbers"));
  json_decref(partial);
  json_decref(conflict);
  json_object_set_new(o, "support", support_json(st, v));
  json_object_set_new(o, "times", times_json(v));
}

static json_t *sentence_json(const brief_story *st,
                             const brief_sentence_view *v) {
  json_t *ids = json_array(), *nums = json_array();
  for (size_t k = 0; k < v->source_count; k++) {
    json_array_append_new(ids, json_string(article_id(st, v->sources[k])));
    json_array_append_new(nums, integer(v->sources[k] + 1));
  }
  json_t *o = json_pack("{s:s%, s:o, s:o, s:s, s:I, s:I, s:I, s:f}", "text",
                        v->text, v->text_len, "sources", ids, "source_numbers",
                        nums, "article", article_id(st, v->article), "position",
                        (json_int_t)v->position, "start", (json_int_t)v->start,
                        "end", (json_int_t)v->end, "score", v->score);
  if (o)
    more_of_sentence(o, st, v);
  return o;
}

static json_t *summary_json(const brief_story *st, const brief_summary *sum) {
  json_t *arr = json_array();
  brief_sentence_view v;
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_summary_sentence(sum, i, &v);
    json_array_append_new(arr, sentence_json(st, &v));
  }
  return arr;
}

/* The numbered sources; beside a summary with their words and sentences. */
static json_t *sources_json(const brief_story *st, int counts) {
  json_t *arr = json_array();
  brief_article_view a;
  for (size_t i = 0; i < brief_story_article_count(st); i++) {
    brief_story_article(st, i, &a);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "number",
                          (json_int_t)i + 1, "id", a.id, "source", a.source,
                          "url", a.url, "title", a.title, "date", a.date);
    if (o && counts) {
      json_object_set_new(o, "words", integer(a.word_count));
      json_object_set_new(o, "sentences", integer(a.sentence_count));
    }
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *warnings_json(const bf_report *r) {
  json_t *arr = json_array();
  for (size_t i = 0; i < brief_story_warning_count(r->story); i++)
    json_array_append_new(arr, json_string(brief_story_warning(r->story, i)));
  for (size_t i = 0; i < r->warning_count; i++)
    json_array_append_new(arr, json_string(r->warnings[i]));
  return arr;
}

/* ---- the facts ---------------------------------------------------------- */

static json_t *figure_json(const brief_story *st, const brief_facts *f,
                           size_t g, size_t k) {
  brief_figure_view v;
  brief_article_view a;
  brief_facts_figure(f, g, k, &v);
  brief_story_article(st, v.article, &a);
  json_t *o = json_object();
  json_object_set_new(o, "article", json_string(a.id));
  json_object_set_new(o, "article_number", integer(v.article + 1));
  json_object_set_new(o, "text", json_stringn(v.text, v.text_len));
  json_object_set_new(o, "value", number(v.value));
  json_object_set_new(o, "low", number(v.low));
  json_object_set_new(o, "high", number(v.high));
  json_object_set_new(o, "is_range", json_boolean(v.is_range));
  json_object_set_new(o, "qualifier", json_string(v.qualifier));
  json_object_set_new(o, "unit", json_string(v.unit));
  json_object_set_new(o, "noun", json_stringn(v.noun, v.noun_len));
  json_object_set_new(o, "verb", json_stringn(v.verb, v.verb_len));
  json_object_set_new(o, "span", json_stringn(v.span, v.span_len));
  json_object_set_new(o, "attribution",
                      json_stringn(v.attribution, v.attribution_len));
  json_object_set_new(o, "sentence",
                      json_stringn(a.text + v.sentence_start,
                                   v.sentence_end - v.sentence_start));
  json_object_set_new(o, "position", integer(v.sentence));
  json_object_set_new(o, "start", integer(v.start));
  json_object_set_new(o, "end", integer(v.end));
  return o;
}

/* The distinct values of group g (see bf_render_value_lines). */
static json_t *values_json(const brief_story *st, const brief_facts *f,
                           size_t g) {
  json_t *arr = json_array();
  bf_value_line lines[BF_MAX_VALUE_LINES];
  size_t n = bf_render_value_lines(f, g, lines);
  for (size_t i = 0; i < n; i++) {
    brief_figure_view v;
    brief_facts_figure(f, g, lines[i].figure, &v);
    json_t *o = json_object();
    json_object_set_new(o, "text", json_stringn(v.text, v.text_len));
    json_object_set_new(o, "value", number(v.value));
    json_object_set_new(o, "low", number(v.low));
    json_object_set_new(o, "high", number(v.high));
    json_object_set_new(o, "qualifier", json_string(v.qualifier));
    set_sources(o, st, lines[i].sources, lines[i].source_count);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *figures_json(const brief_story *st, const brief_facts *f) {
  json_t *arr = json_array();
  for (size_t g = 0; g < brief_facts_figure_group_count(f); g++) {
    brief_figure_group_view gv;
    brief_facts_figure_group(f, g, &gv);
    json_t *o = json_object();
    json_object_set_new(o, "measure", json_string(gv.measure));
    json_object_set_new(o, "unit", json_string(gv.unit));
    json_object_set_new(o, "verdict",
                        json_string(brief_verdict_name(gv.verdict)));
    set_sources(o, st, gv.sources, gv.source_count);
    json_object_set_new(o, "values", values_json(st, f, g));
    json_t *reports = json_array();
    for (size_t k = 0; k < gv.figure_count; k++)
      json_array_append_new(reports, figure_json(st, f, g, k));
    json_object_set_new(o, "reports", reports);
    json_array_append_new(arr, o);
  }
  return arr;
}

static json_t *quote_json(const brief_story *st, const brief_quote_view *q) {
  json_t *o = json_object();
  json_object_set_new(o, "text", json_stringn(q->text, q->text_len));
  json_object_set_new(o, "speaker", json_string(q->speaker));
  json_object_set_new(o, "said_by", json_string(q->said_by));
  json_object_set_new(
      o, "speaker_entity",
      q->speaker_entity == SIZE_MAX ? json_null() : integer(q->speaker_entity));
  json_object_set_new(o, "partial", json_boolean(q->partial));
  json_object_set_new(o, "article", json_string(article_id(st, q->article)));
  json_object_set_new(o, "article_number", integer(q->article + 1));
  json_object_set_new(o, "start", integer(q->start));
  json_object_set_new(o, "end", integer(q->end));
  json_object_set_new(o, "mentions", integer(q->mention_count));
  set_sources(o, st, q->sources, q->source_count);
  return o;
}

static json_t *entity_json(const brief_story *st, const brief_entity_view *e) {
  json_t *o = json_object(), *variants = json_array(), *counts = json_array();
  json_object_set_new(o, "name", json_string(e->name));
  json_object_set_new(o, "type", json_string(brief_entity_type_name(e->type)));
  for (size_t k = 0; k < e->variant_count; k++)
    json_array_append_new(variants, json_string(e->variants[k]));
  json_object_set_new(o, "variants", variants);
  json_object_set_new(o, "mentions", integer(e->mention_count));
  set_sources(o, st, e->sources, e->source_count);
  for (size_t k = 0; k < e->source_count; k++)
    json_array_append_new(counts, integer(e->source_mentions[k]));
  json_object_set_new(o, "source_mentions", counts);
  return o;
}

static json_t *event_json(const brief_story *st, const brief_event_view *ev) {
  json_t *o = json_object();
  json_object_set_new(o, "date", json_string(ev->date));
  json_object_set_new(o, "resolved", json_boolean(*ev->date != '\0'));
  json_object_set_new(o, "expression",
                      json_stringn(ev->expression, ev->expression_len));
  json_object_set_new(o, "text", json_stringn(ev->text, ev->text_len));
  json_object_set_new(o, "article", json_string(article_id(st, ev->article)));
  json_object_set_new(o, "article_number", integer(ev->article + 1));
  json_object_set_new(o, "position", integer(ev->sentence));
  json_object_set_new(o, "mentions", integer(ev->mention_count));
  set_sources(o, st, ev->sources, ev->source_count);
  return o;
}

static json_t *facts_json(const brief_story *st, const brief_facts *f) {
  json_t *quotes = json_array(), *entities = json_array(),
         *timeline = json_array();
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_quote_view q;
    brief_facts_quote(f, i, &q);
    json_array_append_new(quotes, quote_json(st, &q));
  }
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    json_array_append_new(entities, entity_json(st, &e));
  }
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view ev;
    brief_facts_event(f, i, &ev);
    json_array_append_new(timeline, event_json(st, &ev));
  }
  return json_pack("{s:o, s:o, s:o, s:o}", "figures", figures_json(st, f),
                   "quotes", quotes, "entities", entities, "timeline",
                   timeline);
}

/* ---- writing ------------------------------------------------------------ */

static int append(const char *s, size_t n, void *data) {
  bf_buf *b = data;
  bf_buf_append(b, s, n);
  return b->oom ? -1 : 0;
}

/* Writes `v` (a new reference, released here) into the buffer. */
static void dump(bf_buf *b, json_t *v, size_t flags) {
  if (!v || json_dump_callback(v, append, b, flags | JSON_PRESERVE_ORDER))
    b->oom = 1;
  json_decref(v);
}

/* Seconds since 1970 as "2025-03-14T09:30:00Z", "" when unknown. */
static json_t *timestamp(int64_t t) {
  char s[24] = "";
  time_t tt = (time_t)t;
  struct tm tm;
  if (t > 0 && gmtime_r(&tt, &tm))
    strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return json_string(s);
}

/* A story's activity as {"from": DATE, "counts": [...]}: articles per
 * day from the first day of the window with one, to its last day; null
 * when nothing was counted. */
static json_t *activity_json(const brief_story_info *x) {
  enum { N = BRIEF_STORY_ACTIVITY_DAYS };
  bf_date last;
  size_t k = 0;
  if (!x->activity || !x->activity_last ||
      bf_date_parse(x->activity_last, strlen(x->activity_last), &last) != 10)
    return json_null();
  while (k < N && !x->activity[k])
    k++;
  if (k == N)
    return json_null();
  bf_date from;
  char from_text[11];
  bf_civil_from_days(bf_days_from_civil(last.year, last.month, last.day) -
                         (N - 1) + (int32_t)k,
                     &from);
  bf_date_format(&from, from_text);
  json_t *counts = json_array();
  for (; k < N; k++)
    json_array_append_new(counts, json_integer(x->activity[k]));
  return json_pack("{s:s, s:o}", "from", from_text, "counts", counts);
}

static json_t *story_json(const brief_story_info *x) {
  json_t *names = json_array();
  for (size_t k = 0; k < x->name_count; k++)
    json_array_append_new(names, json_string(x->names[k]));
  return json_pack(
      "{s:I, s:s, s:I, s:I, s:s, s:s, s:o, s:o, s:I, s:o, s:I, s:b, s:o, s:o}",
      "id", (json_int_t)x->id, "headline", x->headline, "articles",
      (json_int_t)x->articles, "outlets", (json_int_t)x->outlets, "first_date",
      x->first_date, "last_date", x->last_date, "first_seen",
      timestamp(x->first_seen), "last_seen", timestamp(x->last_seen),
      "last_arrival", (json_int_t)x->last_arrival, "names", names, "version",
      (json_int_t)x->version, "active", x->active, "conflicts",
      x->conflicts < 0 ? json_null() : json_integer(x->conflicts), "activity",
      activity_json(x));
}

static void stories(bf_buf *b, const brief_story_list *l) {
  json_t *arr = json_array();
  brief_story_info x;
  for (size_t i = 0; i < brief_story_list_count(l); i++)
    if (brief_story_list_get(l, i, &x) == BRIEF_OK)
      json_array_append_new(arr, story_json(&x));
  dump(b,
       json_pack("{s:o, s:I}", "stories", arr, "total",
                 (json_int_t)brief_story_list_total(l)),
       JSON_INDENT(2));
}

static void articles(bf_buf *b, const brief_story *st) {
  dump(b, json_pack("{s:o}", "articles", sources_json(st, 0)), JSON_INDENT(2));
}

static void article_list(bf_buf *b, const brief_article_list *l) {
  json_t *arr = json_array();
  brief_desk_article_info x;
  for (size_t i = 0; i < brief_article_list_count(l); i++)
    if (brief_article_list_get(l, i, &x) == BRIEF_OK)
      json_array_append_new(
          arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:I, s:s}", "id", x.id,
                         "source", x.source, "url", x.url, "title", x.title,
                         "date", x.date, "seen", timestamp(x.seen), "arrival",
                         (json_int_t)x.arrival, "copy_of", x.copy_of));
  dump(b,
       json_pack("{s:I, s:o, s:I}", "story",
                 (json_int_t)brief_article_list_story(l), "articles", arr,
                 "total", (json_int_t)brief_article_list_total(l)),
       JSON_INDENT(2));
}

static void report(bf_buf *b, const bf_report *r) {
  const brief_story *st = r->story;
  json_t *root;
  if (r->summary)
    root = json_pack("{s:s, s:o, s:I, s:o, s:o, s:o}", "version", BRIEF_VERSION,
                     "options", options_json(r->opts), "words",
                     (json_int_t)brief_summary_word_count(r->summary),
                     "summary", summary_json(st, r->summary), "sources",
                     sources_json(st, 1), "warnings", warnings_json(r));
  else
    root = json_pack("{s:s, s:o}", "version", BRIEF_VERSION, "sources",
                     sources_json(st, 0));
  if (root && r->facts)
    json_object_set_new(root, "facts", facts_json(st, r->facts));
  if (root && r->story_info) {
    json_object_set_new(root, "story", story_json(r->story_info));
    json_object_set_new(root, "stale", json_boolean(r->stale));
  }
  dump(b, root, JSON_INDENT(2));
}

static void page(bf_buf *b, const brief_page_view *p, unsigned parts) {
  (void)parts; /* JSON always has every field */
  json_t *o = json_object();
  int bad = !o;
  bad |= json_object_set_new(o, "name", json_string(p->name));
  bad |= json_object_set_new(o, "title", json_string(p->title));
  bad |= json_object_set_new(o, "byline", json_string(p->byline));
  bad |= json_object_set_new(o, "date", json_string(p->date));
  bad |= json_object_set_new(o, "site_name", json_string(p->site_name));
  bad |= json_object_set_new(o, "canonical_url", json_string(p->canonical_url));
  bad |= json_object_set_new(o, "language", json_string(p->language));
  bad |= json_object_set_new(o, "charset", json_string(p->charset));
  bad |= json_object_set_new(o, "words", integer(p->word_count));
  bad |= json_object_set_new(o, "paragraphs", integer(p->paragraph_count));
  bad |= json_object_set_new(o, "text", json_stringn(p->text, p->text_len));
  bad |= json_object_set_new(o, "warning", json_string(p->warning));
  if (bad) {
    json_decref(o);
    b->oom = 1;
    return;
  }
  dump(b, o, JSON_COMPACT);
  bf_buf_putc(b, '\n');
}

const bf_format bf_format_json = {NULL,    report,   page,
                                  stories, articles, article_list};
