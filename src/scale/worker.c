/*
 * worker.c - brief_worker: the roles a worker was given, one thread each,
 * until it is asked to stop; what the roles share (log lines, connections,
 * which failures end a role).
 */
#include "scale/scale.h"

#include "core/error.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { ROLES = 3 };

struct brief_worker {
  brief_worker_options o;
  char url[1100];
  char consumer[160];
  atomic_int stop;
};

void brief_worker_options_init(brief_worker_options *o) {
  memset(o, 0, sizeof *o);
  o->roles = BRIEF_ROLE_ALL;
  o->batch = BRIEF_WORKER_BATCH;
  o->lease_ms = BRIEF_WORKER_LEASE_MS;
  o->claim_ms = BRIEF_WORKER_CLAIM_MS;
  o->deliveries = BRIEF_WORKER_DELIVERIES;
  o->retry_seconds = BRIEF_REDIS_RETRY_SECONDS;
  brief_desk_options_init(&o->desk);
}

/* ---- what the roles share -------------------------------------------------
 */

void bf_say(const bf_role *w, const char *fmt, ...) {
  if (!w->o->log)
    return;
  char line[1200];
  int n = snprintf(line, sizeof line, "%s: ", w->name);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
  va_end(ap);
  w->o->log(w->o->log_ctx, line);
}

static void redis_log(void *ctx, const char *message) {
  bf_say(ctx, "%s", message);
}

bf_redis_config bf_role_redis_config(const bf_role *w) {
  bf_redis_config cfg = {w->o->retry_seconds, w->stop, redis_log, (void *)w};
  return cfg;
}

brief_status bf_role_connect(const bf_role *w, bf_redis **out,
                             brief_error *err) {
  bf_redis_config cfg = bf_role_redis_config(w);
  return bf_redis_open(w->o->redis_url, &cfg, out, err);
}

int bf_status_permanent(brief_status st) {
  return st != BRIEF_OK && st != BRIEF_ERR_NOMEM && st != BRIEF_ERR_IO;
}

brief_status bf_role_survive(const bf_role *w, bf_redis *r, brief_status st,
                             brief_error *err) {
  if (st == BRIEF_ERR_IO && !bf_redis_lost(r) && !bf_stopping(w)) {
    bf_say(w, "%s", err->message);
    bf_sleep_ms(BF_BLOCK_MS / 5, w->stop); /* not a busy loop */
    return BRIEF_OK;
  }
  if (bf_stopping(w))
    return BRIEF_OK;
  return st;
}

/* ---- the worker -----------------------------------------------------------
 */

static brief_status check_options(const brief_worker_options *o,
                                  brief_error *err) {
  bf_redis_url url;
  brief_status st = bf_redis_url_parse(o->redis_url, &url, err);
  if (st != BRIEF_OK)
    return st;
  if (!o->roles || (o->roles & ~(unsigned)BRIEF_ROLE_ALL))
    return bf_fail(err, BRIEF_ERR_ARG,
                   "worker: no role (ingest, assign, "
                   "brief or all)");
  if (o->batch < 1 || o->batch > 10000)
    return bf_fail(err, BRIEF_ERR_ARG, "worker: the batch must be 1 to 10000");
  if (o->lease_ms < 100 || o->lease_ms > 3600000)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "worker: the lease must be 100 ms to an hour");
  if (o->claim_ms < 100 || o->claim_ms > 86400000)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "worker: the claim time must be 100 ms to a day");
  if (o->deliveries < 1 || o->deliveries > 1000)
    return bf_fail(err, BRIEF_ERR_ARG, "worker: deliveries must be 1 to 1000");
  if (!(o->retry_seconds >= 0 && o->retry_seconds <= 86400))
    return bf_fail(err, BRIEF_ERR_ARG,
                   "worker: the retry time must be 0 to 86400 seconds");
  if (o->name &&
      (!*o->name || strlen(o->name) > 100 || strpbrk(o->name, " \t\r\n")))
    return bf_fail(err, BRIEF_ERR_ARG,
                   "worker: a name is 1 to 100 characters without spaces");
  return brief_options_check(&o->desk.brief, err);
}

brief_status brief_worker_new(const brief_worker_options *opts,
                              brief_worker **out, brief_error *err) {
  if (!opts || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_worker_new: NULL argument");
  *out = NULL;
  brief_status st = check_options(opts, err);
  if (st != BRIEF_OK)
    return st;
  brief_worker *w = calloc(1, sizeof *w);
  if (!w)
    return bf_fail(err, BRIEF_ERR_NOMEM, "worker: out of memory");
  w->o = *opts;
  snprintf(w->url, sizeof w->url, "%s", opts->redis_url);
  w->o.redis_url = w->url;
  if (opts->name) {
    snprintf(w->consumer, sizeof w->consumer, "%s", opts->name);
  } else {
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = '\0';
    snprintf(w->consumer, sizeof w->consumer, "%s-%ld", host, (long)getpid());
  }
  w->o.name = w->consumer;
  w->o.desk.db_path = w->o.desk.redis_url = NULL;
  atomic_init(&w->stop, 0);
  /* Refused now rather than in a thread: a bad password, an old Redis. */
  bf_role probe = {&w->o, "worker", w->consumer, &w->stop};
  bf_redis *r;
  st = bf_role_connect(&probe, &r, err);
  if (st != BRIEF_OK) {
    brief_worker_free(w);
    return st;
  }
  bf_redis_close(r);
  *out = w;
  bf_ok(err);
  return BRIEF_OK;
}

typedef struct thread {
  brief_worker *w;
  bf_role role;
  brief_status (*run)(bf_role *w, brief_error *err);
  brief_status st;
  brief_error err;
  pthread_t tid;
} thread;

static void *run_role(void *arg) {
  thread *t = arg;
  t->st = t->run(&t->role, &t->err);
  if (t->st != BRIEF_OK)
    atomic_store(&t->w->stop, 1); /* one role failing stops the worker */
  return NULL;
}

brief_status brief_worker_run(brief_worker *w, brief_error *err) {
  static const struct {
    unsigned bit;
    const char *name;
    brief_status (*run)(bf_role *, brief_error *);
  } roles[ROLES] = {{BRIEF_ROLE_INGEST, "ingest", bf_role_ingest},
                    {BRIEF_ROLE_ASSIGN, "assign", bf_role_assign},
                    {BRIEF_ROLE_BRIEF, "brief", bf_role_brief}};
  thread t[ROLES];
  size_t n = 0;
  memset(t, 0, sizeof t);
  brief_status st = BRIEF_OK;
  for (size_t i = 0; i < ROLES; i++) {
    if (!(w->o.roles & roles[i].bit))
      continue;
    t[n].w = w;
    t[n].role = (bf_role){&w->o, roles[i].name, w->consumer, &w->stop};
    t[n].run = roles[i].run;
    if (pthread_create(&t[n].tid, NULL, run_role, &t[n])) {
      st = bf_fail(err, BRIEF_ERR_NOMEM, "worker: cannot start a thread");
      atomic_store(&w->stop, 1);
      break;
    }
    n++;
  }
  for (size_t i = 0; i < n; i++) {
    pthread_join(t[i].tid, NULL);
    if (st == BRIEF_OK && t[i].st != BRIEF_OK) {
      st = t[i].st;
      if (err)
        *err = t[i].err;
    }
  }
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}

void brief_worker_stop(brief_worker *w) {
  if (w)
    atomic_store(&w->stop, 1);
}

void brief_worker_free(brief_worker *w) {
  free(w);
}
