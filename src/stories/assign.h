/*
 * assign.h - the assign stage of the story desk: article -> story.
 *
 * The only stage that holds state across stories: online document
 * frequencies, every story's vectors and times, an inverted index from
 * terms and names to the stories that use them, and MinHash bands of recent
 * articles. Given the same stream of features it makes the same decisions,
 * whatever the batching, so its state can be rebuilt by replay.
 */
#ifndef BRIEF_STORIES_ASSIGN_H
#define BRIEF_STORIES_ASSIGN_H

#include "core/corpus.h"
#include "core/vec.h"
#include "stories/features.h"

#include <stddef.h>
#include <stdint.h>

/* What the join-or-new model sees of an (article, story) pair. */
enum bf_assign_feature {
  BF_AF_BODY,        /* TF-IDF cosine, article vs story centroid */
  BF_AF_BODY_RECENT, /* best cosine with the story's latest articles */
  BF_AF_NAMES,       /* cosine of name words */
  BF_AF_TITLE,       /* cosine of titles, when both have one */
  BF_AF_HAS_TITLE,   /* 1 when both have a title */
  BF_AF_TIME_NEAR,   /* Gaussian decay of days to the story's newest */
  BF_AF_TIME_FAR,    /* slower decay of days to the story's mean day */
  BF_AF_HAS_TIME,    /* 1 when both are dated */
  BF_AF_SIZE,        /* log(1 + articles in the story) */
  BF_AF_BODY_SQ,     /* BF_AF_BODY squared: agreement is not linear */
  BF_AF_AVG_LINK,    /* mean cosine with the story's articles */
  BF_AF_COHESION,    /* the story's own mean pairwise agreement, as the
                        norm of its centroid over its size */
  BF_AF_TITLE_BODY,  /* cosine of the article's title with the story's body */
  BF_AF_BIAS,        /* constant 1 */
  BF_ASSIGN_FEATURES
};

/* What the merge model sees of two stories: the smaller one as "x". */
enum bf_merge_feature {
  BF_MF_BODY,           /* cosine of the two centroids */
  BF_MF_RECENT,         /* best cosine between their latest articles */
  BF_MF_NAMES,          /* cosine of name words */
  BF_MF_TITLE,          /* cosine of titles, when both have some */
  BF_MF_HAS_TITLE,      /* 1 when both have titles */
  BF_MF_TIME_NEAR,      /* Gaussian decay of days between their newest */
  BF_MF_TIME_FAR,       /* slower decay of days between their mean days */
  BF_MF_HAS_TIME,       /* 1 when both are dated */
  BF_MF_SIZE_SMALL,     /* log(1 + articles) of the smaller */
  BF_MF_SIZE_LARGE,     /* log(1 + articles) of the larger */
  BF_MF_BODY_SQ,        /* BF_MF_BODY squared */
  BF_MF_AVG_LINK,       /* mean cosine between their articles */
  BF_MF_COHESION_SMALL, /* each story's cohesion (see BF_AF_COHESION) */
  BF_MF_COHESION_LARGE,
  BF_MF_BIAS, /* constant 1 */
  BF_MERGE_FEATURES
};

/* Sees a candidate pair of stories of a merge pass with its features. */
typedef void (*bf_merge_probe)(void *ctx, uint32_t x, uint32_t y,
                               const double *features);

/* Stream time is in days since 1970-01-01 (BF_NO_DAY when unknown). */
typedef struct bf_assign_config {
  double window_days;   /* a story idle this long leaves the candidate index;
                           0 keeps every story a candidate */
  int merge;            /* non-zero: join stories that have converged */
  unsigned merge_every; /* articles between merge passes; 0: the default */
  const double *model;  /* BF_ASSIGN_FEATURES coefficients; NULL: shipped */
  const double *merge_model;  /* BF_MERGE_FEATURES; NULL: shipped */
  bf_merge_probe merge_probe; /* when set, sees every pair a merge pass
                                 weighs, even with merges off (training) */
  void *probe_ctx;
} bf_assign_config;

void bf_assign_config_init(bf_assign_config *cfg);

typedef struct bf_assigner bf_assigner;

/* NULL when out of memory. */
bf_assigner *bf_assigner_new(const bf_assign_config *cfg);
void bf_assigner_free(bf_assigner *a);

typedef struct bf_assignment {
  uint32_t story;  /* 1-based story id */
  uint32_t dup_of; /* 1-based article number of the original, or 0 */
  int is_new;      /* the article started the story */
  double p;        /* the model's join probability (1 for copies) */
} bf_assignment;

/* Sees each candidate story of an article with its features (training). */
typedef void (*bf_assign_probe)(void *ctx, uint32_t story, const double *x);

/* Assigns the next article of the stream (article numbers are 1, 2, ... in
 * call order). `day` is the article's day or BF_NO_DAY. `probe`, when not
 * NULL, sees every candidate weighed. Returns 0, or -1 when out of memory
 * (the state is then unusable). */
int bf_assign(bf_assigner *a, const bf_features *f, int32_t day,
              bf_assign_probe probe, void *ctx, bf_assignment *out);

/* The same, but the story is given: `story` (an existing id) or 0 for a new
 * one. Used to fit the model on gold stories. */
int bf_assign_forced(bf_assigner *a, const bf_features *f, int32_t day,
                     uint32_t story, bf_assign_probe probe, void *ctx,
                     bf_assignment *out);

/* A merge: every article of `from` now belongs to `into`. */
typedef struct bf_merge {
  uint32_t from, into;
  double p;
} bf_merge;

/* Merges made since the last call; the array is borrowed until the next
 * call to any function of the assigner. */
const bf_merge *bf_assigner_merges(bf_assigner *a, size_t *n);
void bf_assigner_clear_merges(bf_assigner *a);

size_t bf_assigner_article_count(const bf_assigner *a);
size_t bf_assigner_story_count(const bf_assigner *a);
/* The current story of article `article` (1-based), after merges. */
uint32_t bf_assigner_story_of(const bf_assigner *a, uint32_t article);
/* Non-zero while story `story` is a candidate for new articles. */
int bf_assigner_story_active(const bf_assigner *a, uint32_t story);
/* Cosine of article `article` with its story's centroid, for choosing the
 * articles that represent a story best; 0 when unknown. */
double bf_assigner_centrality(const bf_assigner *a, uint32_t article);

/* Appends the whole state to `out`, so that bf_assigner_restore gives an
 * assigner that decides every later article as this one would. Returns 0,
 * or -1 when out of memory. */
int bf_assigner_snapshot(const bf_assigner *a, bf_buf *out);

/* An assigner from a snapshot taken with the same configuration and
 * model; NULL when the snapshot is not one (damaged, another model or
 * byte order) or memory is short: the caller replays the stream instead. */
bf_assigner *bf_assigner_restore(const bf_assign_config *cfg, const void *data,
                                 size_t len);

/* Memory held, in bytes (approximate). */
size_t bf_assigner_bytes(const bf_assigner *a);

#endif
