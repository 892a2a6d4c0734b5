/*
 * pool.h - the server's worker threads and their bounded job queue.
 *
 * The HTTP thread never runs a summary itself: it hands a job to the pool
 * and suspends the connection. A job is settled exactly once, either by the
 * worker that ran it (SRV_JOB_DONE) or by the deadline sweep when it took
 * too long (SRV_JOB_EXPIRED); settling calls job->wake so the HTTP side can
 * answer. Jobs are reference counted because an expired job may still be
 * running on a worker after its connection has gone.
 */
#ifndef BRIEF_SERVER_POOL_H
#define BRIEF_SERVER_POOL_H

#include <stddef.h>

typedef enum srv_job_state {
  SRV_JOB_NEW = 0, /* not submitted yet */
  SRV_JOB_QUEUED,
  SRV_JOB_RUNNING,
  SRV_JOB_DONE,   /* run() finished in time: its result is valid */
  SRV_JOB_EXPIRED /* the deadline passed first: run()'s result is ignored */
} srv_job_state;

typedef struct srv_job srv_job;

/* Embedded in the caller's request struct. Fields below the line are the
 * pool's: read them only through the functions of this header. */
struct srv_job {
  void (*run)(srv_job *job);     /* on a worker; writes the caller's result */
  void (*wake)(srv_job *job);    /* on the settling thread, outside locks */
  void (*destroy)(srv_job *job); /* when the last reference goes */
  double deadline;               /* srv_now() seconds; 0: none */
  /* ---- */
  srv_job_state state;
  int refs;
  srv_job *next, *prev;
};

typedef struct srv_pool srv_pool;

/* Monotonic clock in seconds. */
double srv_now(void);

/* Starts `threads` workers with room for `queue_cap` waiting jobs. Returns
 * NULL when threads cannot be created or memory is exhausted. */
srv_pool *srv_pool_new(int threads, size_t queue_cap);

/* Waits for every queued and running job to finish, stops the workers and
 * releases the pool. Jobs still referenced by their callers stay alive. */
void srv_pool_free(srv_pool *pool);

/* Initialises a job with one reference, the caller's. */
void srv_job_init(srv_job *job);

/* Queues a job. Returns 0, or -1 when the queue is full (the job is left
 * untouched, still SRV_JOB_NEW). The pool takes its own reference. */
int srv_pool_submit(srv_pool *pool, srv_job *job);

/* Refuses further submissions and settles every queued or running job as
 * SRV_JOB_EXPIRED, waking each: after this no worker calls wake() again.
 * Used when shutdown cannot wait any longer. */
void srv_pool_close(srv_pool *pool);

/* Settles every job whose deadline is before `now` as SRV_JOB_EXPIRED and
 * wakes it. Called periodically by the server's main thread. */
void srv_pool_expire(srv_pool *pool, double now);

/* The job's state, read under the pool's lock so that a DONE result written
 * by a worker is visible to the caller. */
srv_job_state srv_pool_state(srv_pool *pool, srv_job *job);

/* Drops the caller's reference; the job is destroyed with the last one. */
void srv_pool_release(srv_pool *pool, srv_job *job);

/* Counts for /healthz. */
typedef struct srv_pool_stats {
  int workers;
  size_t queued, running, queue_cap;
} srv_pool_stats;

void srv_pool_stats_get(srv_pool *pool, srv_pool_stats *out);

#endif
