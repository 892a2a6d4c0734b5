/*
 * scale.h - the workers of a desk kept in Redis, internals shared by the
 * roles (ingest.c, assigner.c, briefs.c), the consumer groups they read
 * (group.c) and the worker that runs them (worker.c).
 */
#ifndef BRIEF_SCALE_H
#define BRIEF_SCALE_H

#include "brief.h"
#include "core/redis.h"
#include "scale/entry.h"

#include <stdatomic.h>

enum {
  BF_BLOCK_MS = 500,      /* a read waits this long for entries: how soon a
                             worker notices it should stop */
  BF_TRIM_EVERY_MS = 1000 /* acknowledged entries are trimmed this often */
};

/* One role of a worker, in its own thread. */
typedef struct bf_role {
  const brief_worker_options *o;
  const char *name; /* "ingest", "assign" or "brief", for log lines */
  const char *consumer;
  atomic_int *stop;
} bf_role;

/* Says one line through the worker's log: "ROLE: message". */
void bf_say(const bf_role *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A connection for a role: its retries, stop flag and log. */
brief_status bf_role_connect(const bf_role *w, bf_redis **out,
                             brief_error *err);
bf_redis_config bf_role_redis_config(const bf_role *w);

/* After a failed step: BRIEF_OK to go on (a lost connection is opened
 * again by the next command, within the retry time), or the status that
 * ends the role (Redis gone for good, memory short). Says why. */
brief_status bf_role_survive(const bf_role *w, bf_redis *r, brief_status st,
                             brief_error *err);

static inline int bf_stopping(const bf_role *w) {
  return atomic_load(w->stop) != 0;
}

/* Whether a failure is the input's (never better on a retry). */
int bf_status_permanent(brief_status st);

/* ---- transactions ---------------------------------------------------------
 */

/* Commands sent as MULTI ... EXEC: all of them happen, or none. */
typedef struct bf_txn {
  BF_VEC(bf_cmd *) cmds;
} bf_txn;

void bf_txn_init(bf_txn *t);
void bf_txn_free(bf_txn *t);
/* A new empty command at the end; NULL when out of memory. */
bf_cmd *bf_txn_add(bf_txn *t);
/* Runs the commands (nothing when there are none). */
brief_status bf_txn_run(bf_redis *r, bf_txn *t, brief_error *err);

/* ---- consumer groups ------------------------------------------------------
 */

/* What became of an entry. */
typedef enum bf_fate {
  BF_DONE = 0, /* acknowledged */
  BF_DEAD,     /* given up on: to the dead letters with its error */
  BF_RETRY     /* left pending with its error, to be claimed again */
} bf_fate;

/* A stream read in a consumer group by one worker. */
typedef struct bf_group {
  const bf_role *w;
  bf_redis *r;
  const char *stream, *group;
  char claim_from[BF_ENTRY_ID_MAX]; /* where XAUTOCLAIM goes on */
  int history;         /* read this consumer's own pending entries next */
  uint64_t claimed_at; /* monotonic ms of the last claim */
  uint64_t trimmed_at;
  redisReply *reply; /* the last read; entries borrow from it */
  bf_entries entries;
  BF_VEC(uint32_t) deliveries; /* per entry: times delivered */
  bf_txn txn;                  /* the current set's outcome */
  bf_cmd *ack;                 /* its XACK, once one entry is done */
} bf_group;

/* Makes sure the group exists (reading the stream from its start). */
brief_status bf_group_open(bf_group *g, const bf_role *w, bf_redis *r,
                           const char *stream, const char *group,
                           brief_error *err);
void bf_group_close(bf_group *g);

/* The next entries to work on, in g->entries (maybe none): entries pending
 * longer than claim_ms claimed from whichever worker left them (those
 * delivered more than `deliveries` times are given up on at once), then
 * this worker's own pending entries after a failure, then new ones
 * (waiting up to BF_BLOCK_MS). Starts a new outcome in g->txn. */
brief_status bf_group_next(bf_group *g, brief_error *err);

/* Records what became of entry i of the set (its error for the dead and
 * the retried); bf_group_finish sends the set's outcome with whatever the
 * work added to g->txn. */
int bf_group_settle(bf_group *g, size_t i, bf_fate fate, const char *error);
brief_status bf_group_finish(bf_group *g, brief_error *err);

/* Trims entries every group has acknowledged, at most every
 * BF_TRIM_EVERY_MS. Best effort. */
void bf_group_trim(bf_group *g);

/* Appends a dead letter to a transaction: the entry's stream, id, error
 * and deliveries, then its own fields. */
int bf_dead_letter(bf_txn *t, const char *stream, const bf_entry *e,
                   const char *error, uint32_t deliveries);

/* ---- the roles ------------------------------------------------------------
 */

brief_status bf_role_ingest(bf_role *w, brief_error *err);
brief_status bf_role_assign(bf_role *w, brief_error *err);
brief_status bf_role_brief(bf_role *w, brief_error *err);

#endif
