/*
 * desk.h - the story desk's object, shared by its stages: desk.c (opening,
 * adding, listing) and brief.c (building and caching story briefs).
 *
 * The desk owns the per-article records and per-story records that faces
 * read, the features stage's state, the assign stage's state, and a store.
 * `lock` guards every field below it; `writer` lets one thread add at a
 * time, so features are computed and batches stored without `lock` held,
 * and readers wait only for the few microseconds of an assignment.
 */
#ifndef BRIEF_STORIES_DESK_H
#define BRIEF_STORIES_DESK_H

#include "brief.h"
#include "core/arena.h"
#include "core/lexicon.h"
#include "core/vec.h"
#include "pipeline/pipeline.h"
#include "stories/assign.h"
#include "stories/features.h"
#include "stories/store.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

enum {
  BF_DESK_HEADLINE_MAX = 200,    /* bytes of a story's headline */
  BF_DESK_NAMES_KEPT = 16,       /* names counted per story */
  BF_DESK_NAMES_SHOWN = 5,       /* names a story is listed with */
  BF_DESK_BATCH = 256,           /* articles stored per transaction when reading
                                    files */
  BF_DESK_SNAPSHOT_EVERY = 5000, /* articles between snapshots of the assign
                                    stage's state in a database, at least */
  BF_DESK_SNAPSHOT_SHARE = 4,    /* and at least a 1/4 of the desk */
  BF_DESK_FOLLOW_MS = 100,       /* a desk others write is looked at again
                                    by a read at most this often */
  BF_DESK_ACTIVITY_DAYS = BRIEF_STORY_ACTIVITY_DAYS
};

typedef struct bf_desk_article {
  const char *id, *source, *url, *title; /* desk arena */
  char date[11];
  int32_t day;
  int64_t seen;   /* when the desk received it */
  uint32_t story; /* current, after merges */
  uint32_t dup_of;
  float centrality;
  uint64_t outlet; /* hash of the outlet's name or web host; 0 unknown */
} bf_desk_article;

typedef struct bf_desk_name {
  uint64_t key;
  uint32_t count;
  char text[48];
} bf_desk_name;

struct bf_cached_brief;

typedef struct bf_desk_story {
  uint32_t version, merged_into;
  int32_t first_day, last_day;
  uint32_t first_seq, last_seq;
  char headline[BF_DESK_HEADLINE_MAX];
  int headline_from_title;
  BF_VEC(uint64_t) outlets; /* sorted, distinct */
  bf_desk_name names[BF_DESK_NAMES_KEPT];
  uint32_t nnames;
  BF_VEC(uint32_t) members; /* arrival numbers, ascending */
  int32_t activity_day;     /* the newest day counted, or BF_NO_DAY */
  uint32_t activity[BF_DESK_ACTIVITY_DAYS]; /* articles per day, the last
                                               entry activity_day's */
  int conflicts;                            /* in the last brief; -1 unknown */
  struct bf_cached_brief *brief;            /* built with the desk's options */
  int building;                             /* a thread is rebuilding it */
  uint8_t touched; /* changed in the batch being stored */
} bf_desk_story;

struct brief_desk {
  brief_desk_options opts;
  bf_store *store;
  bf_featurizer *fz; /* the writer's */
  bf_assigner *assigner;
  bf_assign_config assign_cfg;
  pthread_mutex_t writer;
  pthread_mutex_t lock;
  pthread_cond_t built; /* a brief rebuild finished */
  brief_desk_listener listener;
  void *listener_ctx;
  bf_arena arena;
  BF_VEC(bf_desk_article) articles; /* arrival number - 1 */
  BF_VEC(bf_desk_story) stories;    /* id - 1 */
  bf_keymap ids;                    /* hash of article id -> dense */
  BF_VEC(uint32_t) id_seq;          /* dense -> arrival number */
  int32_t stream_day;               /* the newest article day seen */
  uint32_t stored;                  /* articles 1..stored are in the store:
                                       readers brief only those */
  int replayed;          /* the assign stage holds the stream (not read-only) */
  char failed[300];      /* a store write failed: no more adds */
  uint32_t snapshot_seq; /* articles the stored snapshot covers */
  _Atomic uint64_t followed_ms; /* when a desk others write was last
                                   followed (monotonic milliseconds) */
  /* WordNet for every brief the desk builds: the options' own, or the
   * one the desk opened (owned; NULL when the options gave one or WordNet
   * is missing: each brief then opens it itself, and warns) */
  const brief_wordnet *wordnet;
  brief_wordnet *wordnet_owned;
};

/* desk.c: a desk on a store the caller opened (taken: closed with the
 * desk, or at once when opening fails). */
brief_status bf_desk_open_store(const brief_desk_options *opts, bf_store *store,
                                brief_desk **out, brief_error *err);

/* Files a stored article (read back, not assigned here) in story `story`.
 * Caller holds lock (or owns the desk alone). Returns 0, or -1 when out of
 * memory. */
int bf_desk_file_stored(brief_desk *desk, const bf_stored_article *x,
                        uint32_t story);

/* The stored "key<TAB>count<TAB>name" lines as the story's names. */
void bf_desk_read_names(bf_desk_story *s, const char *names);

/* follow.c: takes in what others wrote to the desk's store since the last
 * look (a store with follow only; others: BRIEF_OK at once). Without
 * `force`, only when BF_DESK_FOLLOW_MS have passed and no other thread is
 * following. The listener hears of new articles and merges. */
brief_status bf_desk_follow(brief_desk *desk, int force, brief_error *err);

/* What the desk's readers call first: a follow when due, its failure left
 * for the next (the last state read is served meanwhile). */
void bf_desk_follow_soon(brief_desk *desk);

/* add.c: one article made ready for the assign stage: checked, cleaned
 * and described. Making it reads no desk state, so any process may (the
 * ingest workers do, and send it to the assigner as plain data). */
typedef struct bf_prepared {
  char *id;
  bf_ingested x;          /* x.day: the day it is assigned by, BF_NO_DAY when
                             undated or dated only by a dateline in its text */
  bf_features f;          /* empty when the article is */
  int empty;              /* no text left after cleaning */
  char date_warning[300]; /* "" or why its date is not used */
} bf_prepared;

/* Prepares one article with a featurizer of the caller's (one per thread);
 * `name` names it in messages. Fails on bad input as brief_desk_add would;
 * an article with no text left is prepared, marked empty. */
brief_status bf_prepare_article(bf_featurizer *fz, const brief_article *in,
                                const char *name, bf_prepared *out,
                                brief_error *err);
void bf_prepared_release(bf_prepared *p);

/* Adds articles prepared elsewhere as one batch, as brief_desk_add does
 * (warnings and skips as events). Takes every item, whatever happens: each
 * is released and zeroed. */
brief_status bf_desk_add_prepared(brief_desk *desk, bf_prepared *items,
                                  size_t n, brief_error *err);

/* brief.c: cached briefs, released with the desk. */
void bf_cached_brief_release(struct bf_cached_brief *b);

/* The story `id` is now (merged-away ids resolved; 0 when unknown or
 * empty) and its version. Takes the lock itself. */
uint32_t bf_desk_story_now(brief_desk *desk, uint32_t id, uint32_t *version);

/* Builds story `id`'s brief now with the desk's options, never cached (for
 * a worker that keeps it elsewhere): *version is the story version it
 * shows and *through the articles the desk had stored. */
brief_status bf_desk_brief_build(brief_desk *desk, uint32_t id,
                                 brief_desk_brief **out, uint32_t *version,
                                 uint32_t *through, brief_error *err);

/* A story's fields as a list shows them, with the strings and counts
 * they point to. */
typedef struct bf_story_fields {
  brief_story_info info;
  char headline[BF_DESK_HEADLINE_MAX];
  char first[11], last[11], activity_last[11];
  char names[BF_DESK_NAMES_SHOWN][48];
  const char *name_ptrs[BF_DESK_NAMES_SHOWN];
  uint32_t activity[BF_DESK_ACTIVITY_DAYS];
} bf_story_fields;

/* Copies story `id`'s fields (caller holds lock). The strings are linked
 * with bf_story_fields_link once the struct stops moving. */
void bf_desk_story_fields(const brief_desk *desk, uint32_t id,
                          bf_story_fields *out);
void bf_story_fields_link(bf_story_fields *f);

/* Counts `n` articles on `day` in the story's activity. */
void bf_desk_note_activity(bf_desk_story *s, int32_t day, uint32_t n);

/* The day an article being filed counts on in its story's activity: its
 * date; undated, the stream's newest date so far, or the day it was
 * received when no article had a date. */
int32_t bf_desk_activity_day(const brief_desk *desk, const bf_desk_article *a);

/* list.c: the story's most mentioned names, most first (at most max). */
size_t bf_desk_top_names(const bf_desk_story *s, const char **out, size_t max);

/* A story object holding the given articles (arrival numbers), their
 * texts read from the store. Takes the lock itself. */
brief_status bf_desk_story_from(brief_desk *desk, const uint32_t *seqs,
                                size_t n, brief_story **out, brief_error *err);

/* Adds desk article `seq` (text from the store) to a story; `cited`: after
 * it was summarized, as a source only (bf_story_add_cited). Takes the
 * lock itself. */
brief_status bf_desk_add_to_story(brief_desk *desk, brief_story *story,
                                  uint32_t seq, int cited, brief_error *err);

/* The story a possibly merged-away id now is. Caller holds lock. */
uint32_t bf_desk_resolve(const brief_desk *desk, uint32_t id);

/* The story `id` resolves to when readers may see it (its first article
 * is stored), else 0. Caller holds lock. */
uint32_t bf_desk_visible(const brief_desk *desk, uint64_t id);

/* add.c: files one assigned article in the desk's records (article, story
 * fields, merges the assign stage made meanwhile). Caller holds lock.
 * Returns 0, or -1 when out of memory. */
int bf_desk_file(brief_desk *desk, const bf_desk_article *a,
                 const bf_features *f, const char *text, size_t len,
                 const bf_assignment *as);

/* Files the merges the assign stage made since the last call. Caller
 * holds lock. Returns 0, or -1 when out of memory. */
int bf_desk_file_merges(brief_desk *desk);

/* Story `from` joined `into`: its articles, outlets, names and days move.
 * Caller holds lock. Returns 0, or -1 when out of memory. */
int bf_desk_merge_records(brief_desk *desk, uint32_t from, uint32_t into);

/* Stores a snapshot of the assign stage's state (inside a store batch). */
brief_status bf_desk_store_snapshot(brief_desk *desk, brief_error *err);

/* Writes story `id`'s row in the store (inside a store batch). */
brief_status bf_desk_store_story(brief_desk *desk, uint32_t id,
                                 brief_error *err);

/* Makes sure stories 1..id exist. Returns 0, or -1 when out of memory. */
int bf_desk_story_at(brief_desk *desk, uint32_t id);
/* Widens a story's first and last days to include these. */
void bf_desk_note_days(bf_desk_story *s, int32_t first, int32_t last);
/* Counts an outlet once. Returns 0, or -1 when out of memory. */
int bf_desk_add_outlet(bf_desk_story *s, uint64_t outlet);

/* The outlet key of an article: its source, else its URL's host. */
uint64_t bf_desk_outlet(const char *source, const char *url);
#endif
