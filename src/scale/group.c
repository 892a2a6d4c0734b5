/*
 * group.c - consumer groups as the workers read them (see scale.h): new
 * entries, a worker's own pending entries after a failure, entries claimed
 * from workers that died (XAUTOCLAIM), dead letters for entries delivered
 * too often, an outcome per set of entries sent as one transaction, and
 * trimming what every group has acknowledged.
 */
#include "scale/scale.h"

#include "core/error.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DEAD_LETTERS_KEPT = 100000 };

/* ---- transactions ---------------------------------------------------------
 */

void bf_txn_init(bf_txn *t) {
  memset(t, 0, sizeof *t);
}

void bf_txn_free(bf_txn *t) {
  for (size_t i = 0; i < t->cmds.n; i++) {
    bf_cmd_free(t->cmds.v[i]);
    free(t->cmds.v[i]);
  }
  BF_VEC_FREE(t->cmds);
}

bf_cmd *bf_txn_add(bf_txn *t) {
  bf_cmd *c = malloc(sizeof *c);
  if (!c)
    return NULL;
  bf_cmd_init(c);
  if (BF_VEC_PUSH(t->cmds, c)) {
    free(c);
    return NULL;
  }
  return c;
}

brief_status bf_txn_run(bf_redis *r, bf_txn *t, brief_error *err) {
  if (!t->cmds.n) {
    bf_ok(err);
    return BRIEF_OK;
  }
  size_t n = t->cmds.n + 2;
  bf_cmd multi, exec;
  bf_cmd_init(&multi);
  bf_cmd_init(&exec);
  bf_cmd_str(&multi, "MULTI");
  bf_cmd_str(&exec, "EXEC");
  bf_cmd **all = malloc(n * sizeof *all);
  redisReply **y = calloc(n, sizeof *y);
  brief_status st = BRIEF_OK;
  if (!all || !y) {
    st = bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", bf_redis_name(r));
  } else {
    all[0] = &multi;
    memcpy(all + 1, t->cmds.v, t->cmds.n * sizeof *all);
    all[n - 1] = &exec;
    st = bf_redis_pipeline(r, all, n, y, err);
  }
  const redisReply *done = st == BRIEF_OK ? y[n - 1] : NULL;
  if (st == BRIEF_OK &&
      (done->type != REDIS_REPLY_ARRAY || done->elements != t->cmds.n))
    st = bf_redis_reply_fail(r, done->type == REDIS_REPLY_ERROR ? done : y[1],
                             "a transaction", err);
  for (size_t i = 0; st == BRIEF_OK && i < done->elements; i++)
    if (done->element[i]->type == REDIS_REPLY_ERROR)
      st = bf_redis_reply_fail(r, done->element[i], "a transaction", err);
  for (size_t i = 0; y && i < n; i++)
    bf_reply_free(y[i]);
  free(y);
  free(all);
  bf_cmd_free(&multi);
  bf_cmd_free(&exec);
  return st;
}

/* ---- opening --------------------------------------------------------------
 */

brief_status bf_group_open(bf_group *g, const bf_role *w, bf_redis *r,
                           const char *stream, const char *group,
                           brief_error *err) {
  memset(g, 0, sizeof *g);
  g->w = w;
  g->r = r;
  g->stream = stream;
  g->group = group;
  snprintf(g->claim_from, sizeof g->claim_from, "0-0");
  g->history = 1; /* a worker of the same name may have left some */
  bf_txn_init(&g->txn);
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XGROUP", "CREATE", stream, group, "0", "MKSTREAM", NULL);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(r, &c, &y, err);
  if (st != BRIEF_OK && y && y->type == REDIS_REPLY_ERROR &&
      !strncmp(y->str, "BUSYGROUP", 9))
    st = BRIEF_OK; /* another worker made it */
  bf_reply_free(y);
  bf_cmd_free(&c);
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}

static void reset_set(bf_group *g) {
  bf_reply_free(g->reply);
  g->reply = NULL;
  bf_entries_release(&g->entries);
  BF_VEC_FREE(g->deliveries);
  bf_txn_free(&g->txn);
  bf_txn_init(&g->txn);
  g->ack = NULL;
}

void bf_group_close(bf_group *g) {
  reset_set(g);
}

/* ---- reading --------------------------------------------------------------
 */

/* The delivery counts of the set's entries, from the pending list of this
 * consumer over their range. */
static brief_status fetch_deliveries(bf_group *g, brief_error *err) {
  size_t n = g->entries.v.n;
  if (BF_VEC_RESERVE(g->deliveries, n + 1))
    return bf_fail(err, BRIEF_ERR_NOMEM, "out of memory");
  g->deliveries.n = n;
  for (size_t i = 0; i < n; i++)
    g->deliveries.v[i] = 1;
  if (!n)
    return BRIEF_OK;
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XPENDING", g->stream, g->group, g->entries.v.v[0].id,
               g->entries.v.v[n - 1].id, NULL);
  bf_cmd_u64(&c, n);
  bf_cmd_str(&c, g->w->consumer);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(g->r, &c, &y, err);
  bf_cmd_free(&c);
  for (size_t k = 0;
       st == BRIEF_OK && y->type == REDIS_REPLY_ARRAY && k < y->elements; k++) {
    const redisReply *p = y->element[k];
    uint64_t times;
    if (p->type != REDIS_REPLY_ARRAY || p->elements < 4 ||
        !bf_reply_u64(p->element[3], &times))
      continue;
    const char *id = bf_reply_text(p->element[0], NULL);
    for (size_t i = 0; i < n; i++)
      if (!strcmp(g->entries.v.v[i].id, id))
        g->deliveries.v[i] = times > UINT32_MAX ? UINT32_MAX : (uint32_t)times;
  }
  bf_reply_free(y);
  return st;
}

/* Entries pending longer than claim_ms, taken over from their worker. */
static brief_status claim(bf_group *g, brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XAUTOCLAIM", g->stream, g->group, g->w->consumer, NULL);
  bf_cmd_u64(&c, g->w->o->claim_ms);
  bf_cmd_str(&c, g->claim_from);
  bf_cmd_str(&c, "COUNT");
  bf_cmd_u64(&c, g->w->o->batch);
  brief_status st = bf_redis_run(g->r, &c, &g->reply, err);
  bf_cmd_free(&c);
  const redisReply *y = g->reply;
  if (st == BRIEF_OK && (y->type != REDIS_REPLY_ARRAY || y->elements < 2 ||
                         y->element[0]->type != REDIS_REPLY_STRING ||
                         y->element[0]->len >= sizeof g->claim_from ||
                         bf_entries_from(y->element[1], &g->entries)))
    st = bf_redis_reply_fail(g->r, y, "XAUTOCLAIM", err);
  if (st == BRIEF_OK) {
    memcpy(g->claim_from, y->element[0]->str, y->element[0]->len);
    g->claim_from[y->element[0]->len] = '\0';
    if (g->entries.v.n)
      /* the claim does not say whose they were: this worker's own too,
       * when it held them past the claim time (waiting for the desk) */
      bf_say(g->w,
             "claimed %zu entries of %s pending over %llu ms (a worker "
             "stopped, or held them that long)",
             g->entries.v.n, g->stream, (unsigned long long)g->w->o->claim_ms);
  }
  return st;
}

/* New entries, or this consumer's own pending ones (history). */
static brief_status read_group(bf_group *g, brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XREADGROUP", "GROUP", g->group, g->w->consumer, "COUNT",
               NULL);
  bf_cmd_u64(&c, g->w->o->batch);
  if (!g->history) {
    bf_cmd_str(&c, "BLOCK");
    bf_cmd_u64(&c, BF_BLOCK_MS);
  }
  bf_cmd_words(&c, "STREAMS", g->stream, g->history ? "0" : ">", NULL);
  brief_status st = bf_redis_run(g->r, &c, &g->reply, err);
  bf_cmd_free(&c);
  const redisReply *y = g->reply;
  if (st != BRIEF_OK || y->type == REDIS_REPLY_NIL)
    return st;
  if (y->type != REDIS_REPLY_ARRAY || y->elements != 1 ||
      y->element[0]->type != REDIS_REPLY_ARRAY ||
      y->element[0]->elements != 2 ||
      bf_entries_from(y->element[0]->element[1], &g->entries))
    return bf_redis_reply_fail(g->r, y, "XREADGROUP", err);
  if (g->history && !g->entries.v.n)
    g->history = 0;
  return BRIEF_OK;
}

/* The error last recorded for an entry, or a reason of our own. */
static void recorded_error(bf_group *g, const bf_entry *e, char *out,
                           size_t cap, uint32_t times) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HGET", BF_KEY_ERRORS, NULL);
  bf_cmd_printf(&c, "%s %s", g->stream, e->id);
  redisReply *y = NULL;
  brief_error ignored;
  size_t len = 0;
  const char *text = "";
  if (bf_redis_run(g->r, &c, &y, &ignored) == BRIEF_OK)
    text = bf_reply_text(y, &len);
  if (len)
    snprintf(out, cap, "%.*s (delivered %u times)", (int)len, text, times);
  else
    snprintf(out, cap,
             "delivered %u times and never acknowledged (its workers died or "
             "stopped on it)",
             times);
  bf_reply_free(y);
  bf_cmd_free(&c);
}

/* Entries delivered too often go to the dead letters at once; the rest
 * stay in the set, in order. */
static int give_up_overdue(bf_group *g) {
  size_t kept = 0;
  for (size_t i = 0; i < g->entries.v.n; i++) {
    uint32_t times = g->deliveries.v[i];
    if (times <= g->w->o->deliveries) {
      g->entries.v.v[kept] = g->entries.v.v[i];
      g->deliveries.v[kept++] = times;
      continue;
    }
    char why[600];
    recorded_error(g, &g->entries.v.v[i], why, sizeof why, times);
    g->entries.v.v[kept] = g->entries.v.v[i];
    g->deliveries.v[kept] = times;
    if (bf_group_settle(g, kept, BF_DEAD, why))
      return -1;
    bf_say(g->w, "%s entry %s: %s; moved to %s", g->stream,
           g->entries.v.v[kept].id, why, BF_KEY_DEAD);
  }
  g->entries.v.n = g->deliveries.n = kept;
  return 0;
}

brief_status bf_group_next(bf_group *g, brief_error *err) {
  reset_set(g);
  brief_status st = BRIEF_OK;
  uint64_t now = bf_now_ms();
  int claiming = now - g->claimed_at >= g->w->o->claim_ms / 2;
  if (claiming) {
    g->claimed_at = now;
    st = claim(g, err);
  }
  if (st == BRIEF_OK && !g->entries.v.n) {
    bf_reply_free(g->reply);
    g->reply = NULL;
    claiming = 0;
    st = read_group(g, err);
  }
  if (st == BRIEF_OK && (claiming || g->history))
    st = fetch_deliveries(g, err);
  else if (st == BRIEF_OK && BF_VEC_RESERVE(g->deliveries, g->entries.v.n + 1))
    st = bf_fail(err, BRIEF_ERR_NOMEM, "out of memory");
  else if (st == BRIEF_OK)
    for (g->deliveries.n = 0; g->deliveries.n < g->entries.v.n;)
      g->deliveries.v[g->deliveries.n++] = 1;
  if (st == BRIEF_OK && give_up_overdue(g))
    st = bf_fail(err, BRIEF_ERR_NOMEM, "out of memory");
  if (st != BRIEF_OK)
    g->history = 1;
  return st;
}

/* ---- outcomes -------------------------------------------------------------
 */

int bf_dead_letter(bf_txn *t, const char *stream, const bf_entry *e,
                   const char *error, uint32_t deliveries) {
  bf_cmd *c = bf_txn_add(t);
  if (!c)
    return -1;
  bf_cmd_words(c, "XADD", BF_KEY_DEAD, "MAXLEN", "~", NULL);
  bf_cmd_u64(c, DEAD_LETTERS_KEPT);
  bf_cmd_words(c, "*", "dead-stream", stream, "dead-entry", e->id, "dead-error",
               error, "dead-deliveries", NULL);
  bf_cmd_u64(c, deliveries);
  for (size_t i = 0; i < e->nfields; i++) {
    bf_cmd_arg(c, e->fields[i].key, e->fields[i].klen);
    bf_cmd_arg(c, e->fields[i].val, e->fields[i].vlen);
  }
  return c->oom ? -1 : 0;
}

static int forget_error(bf_group *g, const bf_entry *e) {
  bf_cmd *c = bf_txn_add(&g->txn);
  if (!c)
    return -1;
  bf_cmd_words(c, "HDEL", BF_KEY_ERRORS, NULL);
  bf_cmd_printf(c, "%s %s", g->stream, e->id);
  return c->oom ? -1 : 0;
}

int bf_group_settle(bf_group *g, size_t i, bf_fate fate, const char *error) {
  const bf_entry *e = &g->entries.v.v[i];
  uint32_t times = g->deliveries.v[i];
  if (fate == BF_RETRY) {
    bf_cmd *c = bf_txn_add(&g->txn);
    if (!c)
      return -1;
    bf_cmd_words(c, "HSET", BF_KEY_ERRORS, NULL);
    bf_cmd_printf(c, "%s %s", g->stream, e->id);
    bf_cmd_str(c, error ? error : "failed");
    return c->oom ? -1 : 0;
  }
  if (fate == BF_DEAD &&
      bf_dead_letter(&g->txn, g->stream, e, error ? error : "failed", times))
    return -1;
  if ((fate == BF_DEAD || times > 1) && forget_error(g, e))
    return -1;
  if (!g->ack) {
    if (!(g->ack = bf_txn_add(&g->txn)))
      return -1;
    bf_cmd_words(g->ack, "XACK", g->stream, g->group, NULL);
  }
  bf_cmd_str(g->ack, e->id);
  return g->ack->oom ? -1 : 0;
}

brief_status bf_group_finish(bf_group *g, brief_error *err) {
  brief_status st = bf_txn_run(g->r, &g->txn, err);
  if (st != BRIEF_OK)
    g->history = 1; /* whatever happened, look at our pending entries */
  return st;
}

/* ---- trimming -------------------------------------------------------------
 */

/* The id just after "ms-seq". */
static int next_id(const char *id, char *out, size_t cap) {
  uint64_t ms, seq;
  if (sscanf(id, "%" SCNu64 "-%" SCNu64, &ms, &seq) != 2)
    return -1;
  if (seq == UINT64_MAX)
    ms++, seq = 0;
  else
    seq++;
  snprintf(out, cap, "%" PRIu64 "-%" PRIu64, ms, seq);
  return 0;
}

/* The lowest id still needed: the group's oldest pending entry, else the
 * one after the last delivered. Empty when it cannot be told (another
 * group reads the stream too). */
static void keep_from(const redisReply *groups, const redisReply *pending,
                      char *out, size_t cap) {
  out[0] = '\0';
  if (groups->type != REDIS_REPLY_ARRAY || groups->elements != 1 ||
      pending->type != REDIS_REPLY_ARRAY || pending->elements < 2)
    return;
  uint64_t count;
  if (bf_reply_u64(pending->element[0], &count) && count &&
      pending->element[1]->type == REDIS_REPLY_STRING) {
    snprintf(out, cap, "%s", pending->element[1]->str);
    return;
  }
  const redisReply *last =
      bf_reply_field(groups->element[0], "last-delivered-id");
  if (last && last->type == REDIS_REPLY_STRING && next_id(last->str, out, cap))
    out[0] = '\0';
}

void bf_group_trim(bf_group *g) {
  uint64_t now = bf_now_ms();
  if (now - g->trimmed_at < BF_TRIM_EVERY_MS)
    return;
  g->trimmed_at = now;
  bf_txn t;
  bf_txn_init(&t);
  bf_cmd *info = bf_txn_add(&t), *pend = bf_txn_add(&t);
  if (!info || !pend) {
    bf_txn_free(&t);
    return;
  }
  bf_cmd_words(info, "XINFO", "GROUPS", g->stream, NULL);
  bf_cmd_words(pend, "XPENDING", g->stream, g->group, NULL);
  bf_cmd multi, exec, trim;
  bf_cmd_init(&multi);
  bf_cmd_init(&exec);
  bf_cmd_init(&trim);
  bf_cmd_str(&multi, "MULTI");
  bf_cmd_str(&exec, "EXEC");
  bf_cmd *all[] = {&multi, info, pend, &exec};
  redisReply *y[4];
  brief_error ignored;
  char from[BF_ENTRY_ID_MAX];
  if (bf_redis_pipeline(g->r, all, 4, y, &ignored) == BRIEF_OK) {
    const redisReply *done = y[3];
    if (done->type == REDIS_REPLY_ARRAY && done->elements == 2) {
      keep_from(done->element[0], done->element[1], from, sizeof from);
      if (from[0]) {
        redisReply *r = NULL;
        bf_cmd_words(&trim, "XTRIM", g->stream, "MINID", from, NULL);
        bf_redis_run(g->r, &trim, &r, &ignored);
        bf_reply_free(r);
      }
    }
    for (size_t i = 0; i < 4; i++)
      bf_reply_free(y[i]);
  }
  bf_cmd_free(&multi);
  bf_cmd_free(&exec);
  bf_cmd_free(&trim);
  bf_txn_free(&t);
}
