/*
 * jsonl_fuzz.c - libFuzzer target for JSONL ingest and the whole summary
 * with facts, through the public API only.
 *
 * The bytes are a JSONL file (brief_story_add_jsonl reads a path, so they
 * are written to one temporary file, reused). A story that loads is
 * summarized with facts under options drawn from the input's length (half
 * the runs with a question: the input's last bytes, whatever they are),
 * rendered in every format, and every summary sentence and fact is checked
 * against the story: spans inside the article text, sources in range, all
 * text valid UTF-8. The sanitizers catch the rest. Built and run by
 * run.sh; `make test` replays the corpus and regressions (replay.c).
 */
#include "fuzz.h"

#include "brief.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The most of the input's tail a question takes: past
 * BRIEF_MAX_QUERY_BYTES, so that the cut is exercised too. */
#define QUERY_BYTES (BRIEF_MAX_QUERY_BYTES + 64)

/* One file for every run of the process, rewritten each time and removed
 * at exit. */
static char input[64];

static void remove_input(void) {
  unlink(input);
}

static const char *input_path(void) {
  if (!input[0]) {
    snprintf(input, sizeof input, "/tmp/brief-jsonl-fuzz-XXXXXX");
    int fd = mkstemp(input);
    if (fd < 0)
      abort();
    close(fd);
    atexit(remove_input);
  }
  return input;
}

static void write_input(const char *path, const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
    abort();
}

static void check_sources(const brief_story *story, const size_t *src,
                          size_t n) {
  size_t articles = brief_story_article_count(story);
  for (size_t i = 0; i < n; i++)
    if (src[i] >= articles)
      abort();
}

static void check_summary(const brief_story *story, const brief_summary *sum) {
  for (size_t i = 0; i < brief_summary_sentence_count(sum); i++) {
    brief_sentence_view s;
    brief_article_view a;
    if (brief_summary_sentence(sum, i, &s) != BRIEF_OK ||
        brief_story_article(story, s.article, &a) != BRIEF_OK ||
        s.start > s.end || s.end > a.text_len || !s.source_count)
      abort();
    fuzz_check_text(s.text, s.text_len);
    check_sources(story, s.sources, s.source_count);
  }
}

static void check_facts(const brief_story *story, const brief_facts *f) {
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    if (brief_facts_entity(f, i, &e) != BRIEF_OK)
      abort();
    fuzz_check_text(e.name, strlen(e.name));
    for (size_t k = 0; k < e.variant_count; k++)
      fuzz_check_text(e.variants[k], strlen(e.variants[k]));
    check_sources(story, e.sources, e.source_count);
  }
  for (size_t i = 0; i < brief_facts_quote_count(f); i++) {
    brief_quote_view q;
    brief_article_view a;
    if (brief_facts_quote(f, i, &q) != BRIEF_OK ||
        brief_story_article(story, q.article, &a) != BRIEF_OK ||
        q.start > q.end || q.end > a.text_len)
      abort();
    check_sources(story, q.sources, q.source_count);
  }
  for (size_t g = 0; g < brief_facts_figure_group_count(f); g++) {
    brief_figure_group_view gv;
    if (brief_facts_figure_group(f, g, &gv) != BRIEF_OK)
      abort();
    for (size_t k = 0; k < gv.figure_count; k++) {
      brief_figure_view v;
      brief_article_view a;
      if (brief_facts_figure(f, g, k, &v) != BRIEF_OK ||
          brief_story_article(story, v.article, &a) != BRIEF_OK ||
          v.start > v.end || v.end > a.text_len)
        abort();
    }
  }
  for (size_t i = 0; i < brief_facts_event_count(f); i++) {
    brief_event_view ev;
    if (brief_facts_event(f, i, &ev) != BRIEF_OK)
      abort();
    check_sources(story, ev.sources, ev.source_count);
  }
}

static void render_all(const brief_story *story, const brief_summary *sum,
                       const brief_facts *facts, const brief_options *opts) {
  brief_format formats[] = {BRIEF_FORMAT_TEXT, BRIEF_FORMAT_JSON,
                            BRIEF_FORMAT_MARKDOWN};
  for (size_t i = 0; i < 3; i++) {
    char *out;
    brief_error err;
    if (brief_render(story, sum, facts, opts, NULL, 0, formats[i], &out,
                     &err) !=
        BRIEF_OK)
      abort();
    fuzz_check_text(out, strlen(out));
    brief_free(out);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = input_path();
  write_input(path, data, size);
  brief_story *story = brief_story_new();
  brief_error err;
  if (!story)
    abort();
  /* The server's caps keep a run short whatever the input. */
  brief_story_limits caps = {BRIEF_REQUEST_MAX_WORDS,
                             BRIEF_REQUEST_MAX_SENTENCES};
  brief_story_set_limits(story, &caps);
  brief_options opts;
  brief_options_init(&opts);
  opts.facts = 1;
  opts.selector = (brief_selector)(size % 4);
  opts.compress = (size / 4) % 2;
  opts.auto_words = (size / 8) % 2;
  opts.words = 20 + (int)(size % 300);
  char query[QUERY_BYTES + 1];
  if ((size / 16) % 2) {
    size_t n = size < QUERY_BYTES ? size : QUERY_BYTES;
    memcpy(query, data + size - n, n);
    query[n] = '\0';
    opts.query = query; /* a NUL inside only shortens it */
  }
  brief_summary *sum = NULL;
  brief_facts *facts = NULL;
  if (brief_story_add_jsonl(story, path, &err) == BRIEF_OK &&
      brief_story_article_count(story) > 0 &&
      brief_summarize(story, &opts, &sum, &err) == BRIEF_OK) {
    check_summary(story, sum);
    if (brief_facts_extract(story, &opts, &facts, &err) == BRIEF_OK)
      check_facts(story, facts);
    render_all(story, sum, facts, &opts);
  }
  brief_facts_free(facts);
  brief_summary_free(sum);
  brief_story_free(story);
  return 0;
}
