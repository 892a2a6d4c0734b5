/*
 * pool.c - fixed worker threads, a bounded FIFO of jobs and deadlines.
 *
 * One mutex guards everything: the queue, the list of running jobs, every
 * job's state and reference count. Jobs are short (milliseconds) and the
 * lock is never held while a job runs or while a connection is woken, so a
 * single lock costs nothing measurable and keeps the state machine easy to
 * check: a job moves NEW -> QUEUED -> RUNNING -> DONE, or to EXPIRED from
 * QUEUED or RUNNING, and whoever makes the move out of QUEUED/RUNNING is
 * the one that calls wake().
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

typedef struct job_list {
  srv_job *head, *tail;
  size_t n;
} job_list;

struct srv_pool {
  pthread_mutex_t lock;
  pthread_cond_t work; /* signalled when a job is queued or on stop */
  job_list queue;      /* SRV_JOB_QUEUED, oldest first */
  job_list running;    /* on a worker, DONE not yet reached */
  size_t cap;
  int closed;   /* srv_pool_close: no more submissions, all jobs late */
  int stopping; /* srv_pool_free: workers exit once the queue is empty */
  int nthreads;
  pthread_t *threads;
};

double srv_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void list_push(job_list *l, srv_job *j) {
  j->next = NULL;
  j->prev = l->tail;
  if (l->tail)
    l->tail->next = j;
  else
    l->head = j;
  l->tail = j;
  l->n++;
}

static void list_remove(job_list *l, srv_job *j) {
  if (j->prev)
    j->prev->next = j->next;
  else
    l->head = j->next;
  if (j->next)
    j->next->prev = j->prev;
  else
    l->tail = j->prev;
  j->next = j->prev = NULL;
  l->n--;
}

void srv_job_init(srv_job *job) {
  job->state = SRV_JOB_NEW;
  job->refs = 1;
  job->next = job->prev = NULL;
}

/* Drops one reference; destroys the job, outside the lock, with the last. */
static void unref(srv_pool *p, srv_job *j) {
  pthread_mutex_lock(&p->lock);
  int last = --j->refs == 0;
  pthread_mutex_unlock(&p->lock);
  if (last)
    j->destroy(j);
}

void srv_pool_release(srv_pool *p, srv_job *job) {
  unref(p, job);
}

/* Called with the lock held. */
static int is_late(const srv_pool *p, const srv_job *j, double now) {
  return p->closed || (j->deadline > 0 && now >= j->deadline);
}

/* Takes the next job off the queue, marking it running, or returns NULL when
 * the pool is stopping and the queue is empty. Called with the lock held. */
static srv_job *next_job(srv_pool *p) {
  while (!p->queue.n && !p->stopping)
    pthread_cond_wait(&p->work, &p->lock);
  srv_job *j = p->queue.head;
  if (!j)
    return NULL;
  list_remove(&p->queue, j);
  list_push(&p->running, j);
  j->state = SRV_JOB_RUNNING;
  return j;
}

static void *worker(void *arg) {
  srv_pool *p = arg;
  pthread_mutex_lock(&p->lock);
  srv_job *j;
  while ((j = next_job(p)) != NULL) {
    /* A job that waited past its deadline is not worth starting. */
    int late = is_late(p, j, srv_now());
    pthread_mutex_unlock(&p->lock);
    if (!late)
      j->run(j);
    pthread_mutex_lock(&p->lock);
    list_remove(&p->running, j);
    int settle = j->state == SRV_JOB_RUNNING;
    if (settle)
      j->state = late ? SRV_JOB_EXPIRED : SRV_JOB_DONE;
    pthread_mutex_unlock(&p->lock);
    if (settle)
      j->wake(j);
    unref(p, j);
    pthread_mutex_lock(&p->lock);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

srv_pool *srv_pool_new(int threads, size_t queue_cap) {
  if (threads < 1 || queue_cap < 1)
    return NULL;
  srv_pool *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->threads = calloc((size_t)threads, sizeof *p->threads);
  if (!p->threads) {
    free(p);
    return NULL;
  }
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->work, NULL);
  p->cap = queue_cap;
  for (int i = 0; i < threads; i++) {
    if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
      srv_pool_free(p);
      return NULL;
    }
    p->nthreads++;
  }
  return p;
}

void srv_pool_free(srv_pool *p) {
  if (!p)
    return;
  pthread_mutex_lock(&p->lock);
  p->stopping = 1;
  pthread_cond_broadcast(&p->work);
  pthread_mutex_unlock(&p->lock);
  for (int i = 0; i < p->nthreads; i++)
    pthread_join(p->threads[i], NULL);
  pthread_cond_destroy(&p->work);
  pthread_mutex_destroy(&p->lock);
  free(p->threads);
  free(p);
}

int srv_pool_submit(srv_pool *p, srv_job *job) {
  pthread_mutex_lock(&p->lock);
  int ok = !p->closed && !p->stopping && p->queue.n < p->cap;
  if (ok) {
    job->refs++;
    job->state = SRV_JOB_QUEUED;
    list_push(&p->queue, job);
    pthread_cond_signal(&p->work);
  }
  pthread_mutex_unlock(&p->lock);
  return ok ? 0 : -1;
}

void srv_pool_expire(srv_pool *p, double now) {
  pthread_mutex_lock(&p->lock);
  size_t n = 0;
  for (srv_job *j = p->queue.head; j; j = j->next)
    n += is_late(p, j, now);
  for (srv_job *j = p->running.head; j; j = j->next)
    n += j->state == SRV_JOB_RUNNING && is_late(p, j, now);
  /* The jobs to wake are collected first: wake() runs outside the lock. If
   * the array cannot be had, the next sweep tries again. */
  srv_job **late = n ? malloc(n * sizeof *late) : NULL;
  size_t k = 0;
  for (srv_job *j = p->queue.head, *next; late && j; j = next) {
    next = j->next;
    if (is_late(p, j, now)) {
      /* Off the queue: the queue's reference becomes the sweeper's. */
      list_remove(&p->queue, j);
      j->state = SRV_JOB_EXPIRED;
      late[k++] = j;
    }
  }
  for (srv_job *j = p->running.head; late && j; j = j->next)
    if (j->state == SRV_JOB_RUNNING && is_late(p, j, now)) {
      /* Its worker keeps running it and keeps its reference; the result
       * will be thrown away. The sweeper takes a reference of its own. */
      j->state = SRV_JOB_EXPIRED;
      j->refs++;
      late[k++] = j;
    }
  pthread_mutex_unlock(&p->lock);
  for (size_t i = 0; i < k; i++) {
    late[i]->wake(late[i]);
    unref(p, late[i]);
  }
  free(late);
}

void srv_pool_close(srv_pool *p) {
  pthread_mutex_lock(&p->lock);
  p->closed = 1;
  pthread_mutex_unlock(&p->lock);
  srv_pool_expire(p, srv_now());
}

srv_job_state srv_pool_state(srv_pool *p, srv_job *job) {
  pthread_mutex_lock(&p->lock);
  srv_job_state s = job->state;
  pthread_mutex_unlock(&p->lock);
  return s;
}

void srv_pool_stats_get(srv_pool *p, srv_pool_stats *out) {
  pthread_mutex_lock(&p->lock);
  out->workers = p->nthreads;
  out->queued = p->queue.n;
  out->running = p->running.n;
  out->queue_cap = p->cap;
  pthread_mutex_unlock(&p->lock);
}
