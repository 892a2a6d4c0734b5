/*
 * stories_fuzz.c - libFuzzer target for the story desk's input: a JSONL
 * stream added to a desk in memory and to a desk kept in a SQLite file,
 * through the public API only.
 *
 * The bytes are a JSONL file. Whatever loads is grouped into stories; every
 * story is listed, its articles read back (whole and by pages of its
 * article list) and its brief built and rendered in every format, all
 * output checked to be valid UTF-8. The kept desk is closed, reopened
 * read-only and reopened to add again (from its snapshot),
 * and must hold the same articles and stories each time. The sanitizers
 * catch the rest. Built and run by run.sh; `make test` replays the corpus
 * and regressions (replay.c).
 */
#include "fuzz.h"

#include "brief.h"

#include <stdio.h>
#include <unistd.h>

enum { BRIEFS_CHECKED = 4 };

static char input[64], db[80];

static void remove_files(void) {
  char side[96];
  unlink(input);
  unlink(db);
  snprintf(side, sizeof side, "%s-wal", db);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", db);
  unlink(side);
}

static void temp_names(void) {
  if (input[0])
    return;
  snprintf(input, sizeof input, "/tmp/brief-stories-fuzz-XXXXXX");
  int fd = mkstemp(input);
  if (fd < 0)
    abort();
  close(fd);
  snprintf(db, sizeof db, "%s.db", input);
  atexit(remove_files);
}

static void check_output(brief_status st, char **out) {
  if (st != BRIEF_OK)
    abort();
  fuzz_check_text(*out, strlen(*out));
  brief_free(*out);
}

/* Every output of a brief, a story's articles or a list, in every format. */
static void render_all(const brief_desk_brief *b, const brief_story *arts,
                       const brief_story_list *l) {
  brief_format formats[] = {BRIEF_FORMAT_TEXT, BRIEF_FORMAT_JSON,
                            BRIEF_FORMAT_MARKDOWN};
  brief_error err;
  char *out;
  for (size_t f = 0; f < 3; f++) {
    if (b)
      check_output(brief_desk_brief_render(b, formats[f], &out, &err), &out);
    if (arts)
      check_output(brief_render_articles(arts, formats[f], &out, &err), &out);
    if (l)
      check_output(brief_render_story_list(l, formats[f], &out, &err), &out);
  }
}

/* A story's article list: newest first, every article once, in pages;
 * rendered in every format. */
static void check_article_list(brief_desk *d, const brief_story_info *x) {
  brief_error err;
  brief_article_list *l;
  uint64_t before = 0;
  size_t seen = 0;
  for (;;) {
    if (brief_desk_article_list(d, x->id, before, 2, &l, &err) != BRIEF_OK ||
        brief_article_list_total(l) != x->articles)
      abort();
    size_t n = brief_article_list_count(l);
    for (size_t i = 0; i < n; i++) {
      brief_desk_article_info a;
      if (brief_article_list_get(l, i, &a) != BRIEF_OK ||
          (before && a.arrival >= before))
        abort();
      fuzz_check_text(a.id, strlen(a.id));
      before = a.arrival;
    }
    seen += n;
    brief_format formats[] = {BRIEF_FORMAT_TEXT, BRIEF_FORMAT_JSON,
                              BRIEF_FORMAT_MARKDOWN};
    for (size_t f = 0; f < 3; f++) {
      char *out;
      check_output(brief_render_article_list(l, formats[f], &out, &err), &out);
    }
    brief_article_list_free(l);
    if (n < 2)
      break;
  }
  if (seen != x->articles)
    abort();
}

/* Lists the desk's stories and reads a few of them whole. */
static size_t read_desk(brief_desk *d, int briefs) {
  brief_story_list *l;
  brief_error err;
  if (brief_desk_stories(d, NULL, &l, &err) != BRIEF_OK)
    abort();
  render_all(NULL, NULL, l);
  size_t n = brief_story_list_count(l), articles = 0;
  for (size_t i = 0; i < n; i++) {
    brief_story_info x;
    if (brief_story_list_get(l, i, &x) != BRIEF_OK)
      abort();
    fuzz_check_text(x.headline, strlen(x.headline));
    articles += x.articles;
    if (!briefs || i >= BRIEFS_CHECKED)
      continue;
    brief_story *arts;
    if (brief_desk_story_articles(d, x.id, &arts, &err) != BRIEF_OK)
      abort();
    if (brief_story_article_count(arts) != x.articles)
      abort();
    check_article_list(d, &x);
    brief_desk_brief *b;
    if (brief_desk_brief_get(d, x.id, NULL, 0, &b, &err) == BRIEF_OK) {
      render_all(b, arts, NULL);
      brief_desk_brief_free(b);
    } else if (err.status != BRIEF_ERR_EMPTY && err.status != BRIEF_ERR_TOO_LARGE) {
      abort();
    }
    brief_story_free(arts);
  }
  brief_story_list_free(l);
  if (articles != brief_desk_article_count(d))
    abort();
  return n;
}

static brief_desk *open_desk(const char *path, int read_only) {
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = path;
  o.read_only = read_only;
  brief_desk *d;
  brief_error err;
  if (brief_desk_open(&o, &d, &err) != BRIEF_OK)
    abort();
  return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  temp_names();
  remove_files();
  FILE *f = fopen(input, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
    abort();
  brief_error err;
  brief_desk *mem = open_desk(NULL, 0);
  if (brief_desk_add_jsonl(mem, input, &err) == BRIEF_OK)
    read_desk(mem, 1);
  brief_desk_close(mem);
  brief_desk *kept = open_desk(db, 0);
  brief_desk_add_jsonl(kept, input, &err);
  size_t articles = brief_desk_article_count(kept);
  size_t stories = read_desk(kept, 0);
  brief_desk_close(kept);
  if (!articles)
    return 0;
  brief_desk *ro = open_desk(db, 1);
  if (brief_desk_article_count(ro) != articles || read_desk(ro, 1) != stories)
    abort();
  brief_desk_close(ro);
  brief_desk *again = open_desk(db, 0);
  if (brief_desk_article_count(again) != articles ||
      read_desk(again, 0) != stories)
    abort();
  brief_desk_add_jsonl(again, input, &err); /* every id is known: skipped */
  if (brief_desk_article_count(again) != articles)
    abort();
  brief_desk_close(again);
  return 0;
}
