/*
 * redis.h - a connection to Redis for the layers that keep the desk there
 * (the Redis store, src/stories/store_redis.c, and the workers, src/scale):
 * the URL, connecting with retries, commands built from binary-safe
 * arguments, pipelines, and the names of every key they share.
 *
 * A connection that breaks is opened again by the next command, retrying
 * with backoff for as long as its configuration allows; the command that
 * saw it break fails, so the caller decides what to send again. A Redis
 * that refuses the password, has no such database or is older than 6.2 (no
 * XAUTOCLAIM) is refused at once, never retried.
 */
#ifndef BRIEF_CORE_REDIS_H
#define BRIEF_CORE_REDIS_H

#include "brief.h"
#include "core/vec.h"

#include <hiredis/hiredis.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* ---- keys ----------------------------------------------------------------
 * Streams, their consumer groups, and the desk the active assigner writes.
 */
#define BF_KEY_ARTICLES "brief:articles"     /* fed articles, group ingest */
#define BF_KEY_FEATURES "brief:features"     /* ingested, for the assigner */
#define BF_KEY_UPDATES "brief:story-updates" /* story versions, group brief */
#define BF_KEY_DEAD "brief:dead"             /* entries given up on */
#define BF_GROUP_INGEST "ingest"
#define BF_GROUP_BRIEF "brief"
#define BF_KEY_DESK "brief:desk"         /* counts, cursor, settings (a hash) */
#define BF_KEY_SNAPSHOT "brief:snapshot" /* the assign stage's state */
#define BF_KEY_IDS "brief:ids"           /* article id -> arrival number */
#define BF_KEY_CHANGED "brief:changed"   /* story id scored by its last epoch */
#define BF_KEY_ARTICLE "brief:article:"  /* + arrival number (a hash) */
#define BF_KEY_STORY "brief:story:"      /* + story id (a hash) */
#define BF_KEY_BRIEF "brief:brief:"      /* + story id: its rendered brief */
#define BF_KEY_LEASE "brief:assign:lease" /* the active assigner's token */
#define BF_KEY_TRIES                                                           \
  "brief:assign:tries"               /* entry -> times the assigner            \
                                        started on it */
#define BF_KEY_ERRORS "brief:errors" /* "stream entry" -> its last error */

/* ---- the URL ------------------------------------------------------------- */

typedef struct bf_redis_url {
  char host[256]; /* "" for a Unix socket */
  int port;
  char socket[256]; /* path of a Unix socket, or "" */
  char user[128];   /* "" for the default user */
  char password[256];
  int db;
  char shown[600]; /* the URL without its password, for messages */
} bf_redis_url;

/* Reads redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] (port 6379, database 0
 * by default; a password may be percent-encoded) or unix://PATH[?db=N].
 * BRIEF_ERR_ARG with a message saying what is wrong. */
brief_status bf_redis_url_parse(const char *url, bf_redis_url *out,
                                brief_error *err);

/* The major and minor version in the text of INFO server; 0 when absent. */
int bf_redis_version(const char *info, int *major, int *minor);

/* ---- commands ------------------------------------------------------------ */

/* One command: its arguments copied back to back. After a failed append
 * `oom` is set and the command is refused when sent. */
typedef struct bf_cmd {
  bf_buf bytes;
  BF_VEC(size_t) start;
  BF_VEC(size_t) len;
  int oom;
} bf_cmd;

void bf_cmd_init(bf_cmd *c);
void bf_cmd_free(bf_cmd *c);
void bf_cmd_reset(bf_cmd *c);
void bf_cmd_arg(bf_cmd *c, const void *data, size_t len);
void bf_cmd_str(bf_cmd *c, const char *s);
void bf_cmd_u64(bf_cmd *c, uint64_t v);
void bf_cmd_i64(bf_cmd *c, int64_t v);
void bf_cmd_printf(bf_cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A whole command from NUL-terminated words, NULL-terminated. */
void bf_cmd_words(bf_cmd *c, ...);
size_t bf_cmd_argc(const bf_cmd *c);

/* ---- the connection ------------------------------------------------------ */

typedef struct bf_redis_config {
  double retry_seconds;   /* keep trying an unreachable Redis this long */
  const atomic_int *stop; /* when it becomes non-zero, retries give up */
  void (*log)(void *ctx, const char *message); /* "retrying in ..." */
  void *log_ctx;
} bf_redis_config;

typedef struct bf_redis bf_redis;

/* Connects (retrying with backoff within cfg->retry_seconds), authenticates,
 * selects the database and checks the server's version. The caller owns
 * *out: release with bf_redis_close. */
brief_status bf_redis_open(const char *url, const bf_redis_config *cfg,
                           bf_redis **out, brief_error *err);
void bf_redis_close(bf_redis *r);

/* Non-zero once connecting has failed for good: the retry time ran out,
 * or the server refused us (password, database, version). */
int bf_redis_lost(const bf_redis *r);

/* The URL without its password. */
const char *bf_redis_name(const bf_redis *r);

/* Runs one command. On success *reply is the caller's (bf_reply_free). An
 * error reply is returned too, with BRIEF_ERR_IO and its text in `err`; a
 * broken connection gives *reply NULL and BRIEF_ERR_IO. */
brief_status bf_redis_run(bf_redis *r, const bf_cmd *c, redisReply **reply,
                          brief_error *err);

/* Sends n commands at once and reads their replies in order into
 * replies[0..n-1] (each the caller's, error replies included). Fails only
 * when the connection breaks (every reply NULL then). */
brief_status bf_redis_pipeline(bf_redis *r, bf_cmd *const *cmds, size_t n,
                               redisReply **replies, brief_error *err);

/* Sets err from an error reply (or a reply of an unexpected type). */
brief_status bf_redis_reply_fail(const bf_redis *r, const redisReply *reply,
                                 const char *what, brief_error *err);

void bf_reply_free(redisReply *reply);

/* Reply helpers: a string or status reply's text ("" otherwise); an
 * integer reply, or a string reply holding one. */
const char *bf_reply_text(const redisReply *reply, size_t *len);
int bf_reply_u64(const redisReply *reply, uint64_t *out);

/* A field's value in a flat [field, value, ...] array reply; NULL when
 * absent. */
const redisReply *bf_reply_field(const redisReply *array, const char *field);

/* Sleeps ms milliseconds, or less when *stop becomes non-zero. */
void bf_sleep_ms(unsigned ms, const atomic_int *stop);

/* Milliseconds of a monotonic clock, and since 1970 (UTC). */
uint64_t bf_now_ms(void);
uint64_t bf_wall_ms(void);

#endif
