/*
 * assigner.c - the assign role: one active assigner, the others standing
 * by. The active one holds a lease in Redis (SET NX PX, renewed by a
 * thread of its own), opens the desk kept in Redis (its snapshot of the
 * assign stage's state, then a replay of the articles after it), and
 * assigns brief:features in stream order from the entry its last commit
 * covered. Each set of entries is one batch of the desk: its articles,
 * stories and story updates, the new cursor and the dead letters land in
 * one fenced script (store_redis.c) or not at all.
 *
 * When the active assigner dies, its lease runs out and a standby takes
 * over from the committed cursor. An entry the assigner keeps dying on is
 * tried alone, then given up on (dead letters), so one bad entry cannot
 * stop the stream.
 */
#include "scale/scale.h"

#include "core/error.h"
#include "stories/desk.h"
#include "stories/store.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char renew_script[] =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then "
    "return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
static const char release_script[] =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then "
    "return redis.call('DEL', KEYS[1]) end return 0";

typedef struct assigner {
  bf_role *w;
  bf_redis *r;
  char token[128];
  atomic_int lost;     /* the lease is gone: stop writing */
  atomic_int renewing; /* the renewer runs while this is set */
  pthread_t renewer;
  brief_desk *desk;
  bf_store *store; /* the desk's */
  char cursor[BF_ENTRY_ID_MAX];
  size_t assigned, skipped, dead;
} assigner;

/* ---- the lease ------------------------------------------------------------
 */

static void make_token(assigner *a) {
  unsigned char rnd[12];
  int fd = open("/dev/urandom", O_RDONLY);
  ssize_t got = fd >= 0 ? read(fd, rnd, sizeof rnd) : -1;
  if (fd >= 0)
    close(fd);
  if (got != (ssize_t)sizeof rnd) {
    uint64_t t =
        (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^ bf_now_ms();
    for (size_t i = 0; i < sizeof rnd; i++, t = t * 6364136223846793005u + 1)
      rnd[i] = (unsigned char)(t >> 56);
  }
  int n = snprintf(a->token, sizeof a->token, "%.80s:", a->w->consumer);
  for (size_t i = 0; i < sizeof rnd && n + 2 < (int)sizeof a->token; i++)
    n += snprintf(a->token + n, sizeof a->token - (size_t)n, "%02x", rnd[i]);
}

/* Runs a lease script; *out is its integer. */
static brief_status lease_script(bf_redis *r, const char *script,
                                 const char *token, unsigned ms, int64_t *out,
                                 brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "EVAL", script, "1", BF_KEY_LEASE, token, NULL);
  bf_cmd_u64(&c, ms);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(r, &c, &y, err);
  *out = st == BRIEF_OK && y->type == REDIS_REPLY_INTEGER ? y->integer : 0;
  bf_reply_free(y);
  bf_cmd_free(&c);
  return st;
}

/* Takes the lease when it is free (or still ours); *got says whether. */
static brief_status acquire(assigner *a, int *got, brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "SET", BF_KEY_LEASE, a->token, "NX", "PX", NULL);
  bf_cmd_u64(&c, a->w->o->lease_ms);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(a->r, &c, &y, err);
  *got = st == BRIEF_OK && y->type == REDIS_REPLY_STATUS;
  bf_reply_free(y);
  bf_cmd_free(&c);
  int64_t ours = 0;
  if (st == BRIEF_OK && !*got)
    st = lease_script(a->r, renew_script, a->token, a->w->o->lease_ms, &ours,
                      err);
  if (ours)
    *got = 1;
  return st;
}

/* Renews the lease every third of its time, on a connection of its own,
 * until told to stop or the lease turns out to be gone. */
static void *renew(void *arg) {
  assigner *a = arg;
  bf_redis *r;
  brief_error err;
  if (bf_role_connect(a->w, &r, &err) != BRIEF_OK) {
    bf_say(a->w, "cannot renew the lease: %s", err.message);
    atomic_store(&a->lost, 1);
    return NULL;
  }
  unsigned every = a->w->o->lease_ms / 3;
  while (atomic_load(&a->renewing)) {
    for (unsigned t = 0; t < every && atomic_load(&a->renewing); t += 20)
      bf_sleep_ms(20, NULL);
    if (!atomic_load(&a->renewing))
      break;
    int64_t ok = 0;
    brief_status st =
        lease_script(r, renew_script, a->token, a->w->o->lease_ms, &ok, &err);
    if ((st == BRIEF_OK && !ok) || bf_redis_lost(r)) {
      bf_say(a->w, "lost the lease%s%s", st == BRIEF_OK ? "" : ": ",
             st == BRIEF_OK ? "" : err.message);
      atomic_store(&a->lost, 1);
      break;
    }
  }
  bf_redis_close(r);
  return NULL;
}

static void release(assigner *a) {
  int64_t done;
  brief_error err;
  if (lease_script(a->r, release_script, a->token, 0, &done, &err) ==
          BRIEF_OK &&
      done)
    bf_say(a->w, "lease released");
}

/* ---- the desk -------------------------------------------------------------
 */

static void on_event(void *ctx, const brief_desk_event *ev) {
  assigner *a = ctx;
  switch (ev->kind) {
  case BRIEF_DESK_ASSIGNED:
    a->assigned++;
    break;
  case BRIEF_DESK_SKIPPED:
    a->skipped++;
    bf_say(a->w, "%s", ev->message);
    break;
  case BRIEF_DESK_MERGED:
    bf_say(a->w, "story %llu merged into story %llu",
           (unsigned long long)ev->other, (unsigned long long)ev->story);
    break;
  case BRIEF_DESK_WARNING:
    bf_say(a->w, "%s", ev->message);
    break;
  }
}

static brief_status open_desk(assigner *a, brief_error *err) {
  bf_redis_config cfg = bf_role_redis_config(a->w);
  bf_store *store;
  uint64_t start = bf_now_ms();
  brief_status st =
      bf_store_redis_open(a->w->o->redis_url, &cfg, 0, &store, err);
  if (st != BRIEF_OK)
    return st;
  bf_store_redis_fence(store, a->token);
  brief_desk_options o = a->w->o->desk;
  o.db_path = o.redis_url = NULL;
  o.read_only = 0;
  o.in_order = 1; /* the stream's order is the order of record */
  st = bf_desk_open_store(&o, store, &a->desk, err);
  if (st != BRIEF_OK)
    return st;
  a->store = store;
  snprintf(a->cursor, sizeof a->cursor, "%s",
           *bf_store_redis_cursor(store) ? bf_store_redis_cursor(store)
                                         : "0-0");
  brief_desk_set_listener(a->desk, on_event, a);
  bf_say(a->w,
         "active: %zu articles in %zu stories, going on after entry %s "
         "(opened in %.2f s)",
         brief_desk_article_count(a->desk), brief_desk_story_count(a->desk),
         a->cursor, (double)(bf_now_ms() - start) / 1000.0);
  return BRIEF_OK;
}

static void close_desk(assigner *a) {
  brief_desk_close(a->desk); /* a last snapshot, when still the writer */
  a->desk = NULL;
  a->store = NULL;
}

/* ---- assigning ------------------------------------------------------------
 */

/* How many times the assigner started on entry `id`, this time included. */
static brief_status count_try(assigner *a, const char *id, uint64_t *tries,
                              brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "HINCRBY", BF_KEY_TRIES, id, "1", NULL);
  redisReply *y = NULL;
  brief_status st = bf_redis_run(a->r, &c, &y, err);
  if (st == BRIEF_OK && !bf_reply_u64(y, tries))
    st = bf_redis_reply_fail(a->r, y, "HINCRBY", err);
  bf_reply_free(y);
  bf_cmd_free(&c);
  return st;
}

/* Adds every command of a transaction to the next commit. */
static int commit_also(assigner *a, bf_txn *t) {
  int rc = 0;
  for (size_t i = 0; i < t->cmds.n && !rc; i++)
    rc = bf_store_redis_also(a->store, t->cmds.v[i]);
  return rc;
}

/* Decodes entries [0, n) into prepared articles; bad ones to the dead
 * letters (into t). Returns the number prepared, or -1 (memory). */
static long prepare_set(assigner *a, const bf_entries *es, size_t n,
                        uint64_t tries, bf_prepared *items, bf_txn *t) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const bf_entry *e = &es->v.v[i];
    char why[600];
    int rc = bf_entry_features_decode(e->fields, e->nfields, &items[k], why,
                                      sizeof why);
    if (rc == -2)
      return -1;
    if (rc == 0) {
      k++;
      continue;
    }
    char msg[700];
    snprintf(msg, sizeof msg, "invalid features entry: %s", why);
    bf_say(a->w, "entry %s: %s; moved to %s", e->id, msg, BF_KEY_DEAD);
    a->dead++;
    if (bf_dead_letter(t, BF_KEY_FEATURES, e, msg, (uint32_t)tries))
      return -1;
  }
  return (long)k;
}

/* One set of entries, as one batch of the desk. */
static brief_status assign_set(assigner *a, const bf_entries *es,
                               brief_error *err) {
  const bf_entry *first = &es->v.v[0];
  uint64_t tries;
  brief_status st = count_try(a, first->id, &tries, err);
  if (st != BRIEF_OK)
    return st;
  /* A set the assigner died in is taken one entry at a time, so the entry
   * it dies on is known; after `deliveries` tries it is given up on. */
  size_t n = tries > 1 ? 1 : es->v.n;
  bf_txn t;
  bf_txn_init(&t);
  bf_prepared *items = calloc(n, sizeof *items);
  long k = 0;
  if (tries > a->w->o->deliveries) {
    char msg[200];
    snprintf(msg, sizeof msg, "the assigner stopped %llu times on it",
             (unsigned long long)(tries - 1));
    bf_say(a->w, "entry %s: %s; moved to %s", first->id, msg, BF_KEY_DEAD);
    a->dead++;
    k = bf_dead_letter(&t, BF_KEY_FEATURES, first, msg, (uint32_t)tries);
  } else if (items) {
    k = prepare_set(a, es, n, tries, items, &t);
  }
  bf_cmd *forget = bf_txn_add(&t);
  if (forget)
    bf_cmd_words(forget, "HDEL", BF_KEY_TRIES, first->id, NULL);
  if (!items || k < 0 || !forget || forget->oom || commit_also(a, &t)) {
    for (long i = 0; items && i < k; i++)
      bf_prepared_release(&items[i]);
    free(items);
    bf_txn_free(&t);
    return bf_fail(err, BRIEF_ERR_NOMEM, "assign: out of memory");
  }
  bf_store_redis_set_cursor(a->store, es->v.v[n - 1].id);
  st = bf_desk_add_prepared(a->desk, items, (size_t)k, err);
  if (st == BRIEF_OK)
    snprintf(a->cursor, sizeof a->cursor, "%s", es->v.v[n - 1].id);
  free(items);
  bf_txn_free(&t);
  return st;
}

/* The entries after the cursor, waiting up to BF_BLOCK_MS. */
static brief_status read_features(assigner *a, redisReply **y, bf_entries *es,
                                  brief_error *err) {
  bf_cmd c;
  bf_cmd_init(&c);
  bf_cmd_words(&c, "XREAD", "COUNT", NULL);
  bf_cmd_u64(&c, a->w->o->batch);
  bf_cmd_str(&c, "BLOCK");
  bf_cmd_u64(&c, BF_BLOCK_MS);
  bf_cmd_words(&c, "STREAMS", BF_KEY_FEATURES, a->cursor, NULL);
  brief_status st = bf_redis_run(a->r, &c, y, err);
  bf_cmd_free(&c);
  const redisReply *r = *y;
  if (st != BRIEF_OK || r->type == REDIS_REPLY_NIL)
    return st;
  if (r->type != REDIS_REPLY_ARRAY || r->elements != 1 ||
      r->element[0]->type != REDIS_REPLY_ARRAY ||
      r->element[0]->elements != 2 ||
      bf_entries_from(r->element[0]->element[1], es))
    return bf_redis_reply_fail(a->r, r, "XREAD", err);
  return BRIEF_OK;
}

/* Assigns while the lease holds. Returns when stopping or the lease is
 * lost (BRIEF_OK), or on a failure (the desk is then closed and opened
 * again by the caller). */
static brief_status serve(assigner *a, brief_error *err) {
  brief_status st = open_desk(a, err);
  while (st == BRIEF_OK && !bf_stopping(a->w) && !atomic_load(&a->lost)) {
    redisReply *y = NULL;
    bf_entries es;
    memset(&es, 0, sizeof es);
    st = read_features(a, &y, &es, err);
    if (st == BRIEF_OK && es.v.n && !atomic_load(&a->lost))
      st = assign_set(a, &es, err);
    bf_entries_release(&es);
    bf_reply_free(y);
  }
  if (a->desk)
    close_desk(a);
  return st;
}

static void start_renewing(assigner *a) {
  atomic_store(&a->lost, 0);
  atomic_store(&a->renewing, 1);
  if (pthread_create(&a->renewer, NULL, renew, a)) {
    atomic_store(&a->renewing, 0);
    atomic_store(&a->lost, 1);
  }
}

static void stop_renewing(assigner *a, int started) {
  atomic_store(&a->renewing, 0);
  if (started)
    pthread_join(a->renewer, NULL);
}

brief_status bf_role_assign(bf_role *w, brief_error *err) {
  assigner a;
  memset(&a, 0, sizeof a);
  a.w = w;
  make_token(&a);
  brief_status st = bf_role_connect(w, &a.r, err);
  int said_standby = 0, held = 0;
  while (st == BRIEF_OK && !bf_stopping(w)) {
    int got = 0;
    brief_status step = acquire(&a, &got, err);
    if (step == BRIEF_OK && !got) {
      if (!said_standby)
        bf_say(w, "standing by: another assigner holds the lease");
      said_standby = 1;
      bf_sleep_ms(w->o->lease_ms / 4, w->stop);
      continue;
    }
    if (step == BRIEF_OK) {
      said_standby = 0;
      held = 1;
      start_renewing(&a);
      int started = atomic_load(&a.renewing);
      step = serve(&a, err);
      stop_renewing(&a, started);
      if (step == BRIEF_OK && atomic_load(&a.lost))
        held = 0;
    }
    if (step != BRIEF_OK && bf_status_permanent(step))
      st = step;
    else if (step != BRIEF_OK)
      st = bf_role_survive(w, a.r, step, err);
  }
  if (held && a.r)
    release(&a);
  bf_say(w, "stopped: %zu articles assigned, %zu skipped, %zu dead-lettered",
         a.assigned, a.skipped, a.dead);
  bf_redis_close(a.r);
  return st;
}
