/*
 * store.h - where the story desk keeps what must outlive a process.
 *
 * One small interface, three implementations: memory (store_memory.c), an
 * embedded SQLite file (store_sqlite.c), and Redis (store_redis.c), where
 * the distributed assigner writes and any number of processes read while
 * it does. The desk writes in batches: begin,
 * any number of puts, commit; a batch is all or nothing, so a process
 * killed at any moment leaves the store as it was after the last commit.
 * Reading back (load) gives everything in the order it was written, which
 * is all the desk needs to rebuild its state by replay.
 */
#ifndef BRIEF_STORIES_STORE_H
#define BRIEF_STORIES_STORE_H

#include "brief.h"

#include <stddef.h>
#include <stdint.h>

/* One article as stored. Strings are borrowed for the call. */
typedef struct bf_stored_article {
  uint32_t seq; /* arrival order, 1-based */
  const char *id, *source, *url, *title, *date;
  int32_t day;  /* days since 1970-01-01, or BF_NO_DAY */
  int64_t seen; /* when the desk received it, seconds since 1970 */
  uint32_t story, dup_of;
  float centrality;
  const char *text;
  size_t len;
} bf_stored_article;

/* One story as stored: what the desk lists. `names` holds the names it
 * counts, one "key<TAB>count<TAB>name" line each. */
typedef struct bf_stored_story {
  uint32_t id, version, merged_into;
  const char *headline;
  int headline_from_title;
  uint32_t articles, outlets;
  int32_t first_day, last_day; /* BF_NO_DAY when undated */
  uint32_t first_seq, last_seq;
  const char *names;
} bf_stored_story;

/* What load calls back with: stories first, then articles by seq (their
 * text only from arrival number `texts_from` on). */
typedef struct bf_store_loader {
  brief_status (*story)(void *ctx, const bf_stored_story *s, brief_error *err);
  brief_status (*article)(void *ctx, const bf_stored_article *a,
                          brief_error *err);
  void *ctx;
} bf_store_loader;

typedef struct bf_store bf_store;

typedef struct bf_store_ops {
  brief_status (*begin)(bf_store *st, brief_error *err);
  brief_status (*put_article)(bf_store *st, const bf_stored_article *a,
                              brief_error *err);
  brief_status (*put_story)(bf_store *st, const bf_stored_story *s,
                            brief_error *err);
  /* Every article of story `from` now belongs to `into`. */
  brief_status (*move_articles)(bf_store *st, uint32_t from, uint32_t into,
                                brief_error *err);
  /* Article `seq` now belongs to `story` (a re-assignment on replay). */
  brief_status (*set_story_of)(bf_store *st, uint32_t seq, uint32_t story,
                               brief_error *err);
  brief_status (*commit)(bf_store *st, brief_error *err);
  void (*rollback)(bf_store *st);
  /* The text of article `seq`, malloc'd (NUL-terminated) for the caller.
   * Safe to call from reader threads while a writer works. */
  brief_status (*text)(bf_store *st, uint32_t seq, char **text, size_t *len,
                       brief_error *err);
  /* Stories, then articles by seq; an article before arrival number
   * `texts_from` comes without its text (text NULL); 0: no texts. */
  brief_status (*load)(bf_store *st, const bf_store_loader *l,
                       uint32_t texts_from, brief_error *err);
  /* The assign stage's state after `articles` articles (inside a batch);
   * and the last one kept: *data malloc'd, NULL when there is none. */
  brief_status (*put_snapshot)(bf_store *st, uint32_t articles,
                               const void *data, size_t len, brief_error *err);
  brief_status (*get_snapshot)(bf_store *st, uint32_t *articles, void **data,
                               size_t *len, brief_error *err);
  /* Desk settings the store was created with ("window", "merge"); NULL
   * when unset. Borrowed until the next call. */
  const char *(*setting)(bf_store *st, const char *key);
  brief_status (*set_setting)(bf_store *st, const char *key, const char *value,
                              brief_error *err);
  void (*close)(bf_store *st);

  /* The rest is for stores that other processes write (Redis); NULL in
   * the others. */

  /* What was written since the last load or follow: every story changed
   * since (the story callback, its record as it is now), then the
   * articles after arrival number `after` (without text). The stories are
   * read before the article count, so each story's articles are all among
   * the articles by then: a story's version never runs ahead of them.
   * BRIEF_ERR_IO when the store went back (fewer articles than `after`). */
  brief_status (*follow)(bf_store *st, uint32_t after, const bf_store_loader *l,
                         brief_error *err);
  /* Rendered briefs kept beside the desk: story `id`'s, with the story
   * version it was built at (*json malloc'd; NULL when there is none; with
   * `json` NULL only the version is read, 0 when there is none), and
   * storing one, which replaces only a brief of an older version. */
  brief_status (*get_brief)(bf_store *st, uint32_t id, uint32_t *version,
                            char **json, brief_error *err);
  brief_status (*put_brief)(bf_store *st, uint32_t id, uint32_t version,
                            uint32_t through, const char *json,
                            brief_error *err);
} bf_store_ops;

struct bf_store {
  const bf_store_ops *ops;
  int durable; /* outlives the process: a snapshot on close is worth it */
};

/* An empty store in memory. NULL when out of memory. */
bf_store *bf_store_memory_open(void);

/* Opens or creates a brief database. A file that is not a brief database,
 * or was written by a newer brief, is refused untouched. `read_only`:
 * nothing will be written (briefs of an existing database). */
brief_status bf_store_sqlite_open(const char *path, int read_only,
                                  bf_store **out, brief_error *err);

/* Opens the desk kept in Redis at `url` (see core/redis.h for the
 * connection and its retries). `read_only`: read and follow it; a store
 * opened for writing commits a batch only under the lease token given with
 * bf_store_redis_fence and only on top of the state it last saw, so a
 * writer that lost its lease, or a Redis that lost writes, fails the
 * commit (BRIEF_ERR_IO) and the desk must be opened again. */
struct bf_redis_config;
brief_status bf_store_redis_open(const char *url,
                                 const struct bf_redis_config *cfg,
                                 int read_only, bf_store **out,
                                 brief_error *err);
void bf_store_redis_fence(bf_store *st, const char *token);
/* The assigner's place in the features stream, as of the last commit;
 * and the place the next commit covers (committed with its work). */
const char *bf_store_redis_cursor(const bf_store *st);
void bf_store_redis_set_cursor(bf_store *st, const char *entry);
/* Adds one command to the next commit (copied): dead letters and other
 * writes that must land with the batch or not at all. */
struct bf_cmd;
int bf_store_redis_also(bf_store *st, const struct bf_cmd *c);

#endif
