/*
 * events.c - the event history (a ring of formatted SSE messages) and the
 * streams' cursors into it; see events.h. One mutex guards the ring and
 * every stream.
 */
#include "events.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct event {
  uint64_t n;
  char *text; /* the whole SSE message */
  size_t len;
} event;

struct srv_stream {
  srv_stream_hooks hooks;
  uint64_t next;  /* the number of the next event to send */
  int started;    /* the retry field was sent */
  int reset;      /* a reset event is due */
  int heartbeat;  /* a comment is due */
  int waiting;    /* suspended: its resume hook is owed */
  double written; /* when it last sent something */
  char *pending;  /* a message being handed over */
  size_t pending_len, pending_at;
  srv_stream *prev, *next_stream;
};

struct srv_events {
  pthread_mutex_t lock;
  event *ring; /* event n is at ring[(n - 1) % cap] */
  size_t cap;
  uint64_t newest, oldest; /* numbers held: oldest..newest (0: none) */
  uint64_t epoch;
  size_t max_streams, nstreams;
  srv_stream *streams;
  int closed;
};

srv_events *srv_events_new(size_t history, size_t max_streams, uint64_t epoch) {
  srv_events *ev = calloc(1, sizeof *ev);
  if (!ev || history < 1 || !(ev->ring = calloc(history, sizeof *ev->ring))) {
    free(ev);
    return NULL;
  }
  pthread_mutex_init(&ev->lock, NULL);
  ev->cap = history;
  ev->epoch = epoch;
  ev->max_streams = max_streams;
  return ev;
}

static void stream_free(srv_stream *st) {
  free(st->pending);
  free(st);
}

void srv_events_free(srv_events *ev) {
  if (!ev)
    return;
  for (size_t i = 0; i < ev->cap; i++)
    free(ev->ring[i].text);
  while (ev->streams) {
    srv_stream *next = ev->streams->next_stream;
    stream_free(ev->streams);
    ev->streams = next;
  }
  free(ev->ring);
  pthread_mutex_destroy(&ev->lock);
  free(ev);
}

/* ---- waking ------------------------------------------------------------- */

/* The hooks of the streams to resume, gathered under the lock and called
 * outside it: a suspended connection stays until its resume, so the hook's
 * context is still there. */
typedef struct wake_list {
  srv_stream_hooks *v;
  size_t n;
} wake_list;

/* Marks `st` woken and notes its hook. Called with the lock held. A list
 * that could not be allocated leaves the stream waiting for the next
 * wake. */
static void wake(wake_list *w, srv_stream *st) {
  if (!st->waiting || !w->v)
    return;
  st->waiting = 0;
  w->v[w->n++] = st->hooks;
}

static wake_list wake_start(srv_events *ev) {
  wake_list w = {malloc((ev->nstreams + 1) * sizeof *w.v), 0};
  return w;
}

static void wake_finish(wake_list *w) {
  for (size_t i = 0; i < w->n; i++)
    w->v[i].resume(w->v[i].ctx);
  free(w->v);
}

/* ---- publishing --------------------------------------------------------- */

static char *format_event(uint64_t epoch, uint64_t n, const char *type,
                          const char *data, size_t *len) {
  size_t cap = strlen(type) + strlen(data) + 96;
  char *text = malloc(cap);
  if (!text)
    return NULL;
  int k = snprintf(text, cap,
                   "id: %" PRIu64 "-%" PRIu64 "\nevent: %s\ndata: %s\n\n",
                   epoch, n, type, data);
  if (k < 0 || (size_t)k >= cap) {
    free(text);
    return NULL;
  }
  *len = (size_t)k;
  return text;
}

uint64_t srv_events_publish(srv_events *ev, const char *type,
                            const char *data) {
  pthread_mutex_lock(&ev->lock);
  uint64_t n = ev->newest + 1;
  size_t len = 0;
  char *text = format_event(ev->epoch, n, type, data, &len);
  event *slot = &ev->ring[(n - 1) % ev->cap];
  free(slot->text);
  *slot = (event){n, text, len};
  ev->newest = n;
  ev->oldest = n >= ev->cap ? n - ev->cap + 1 : 1;
  wake_list w = wake_start(ev);
  for (srv_stream *st = ev->streams; st; st = st->next_stream)
    wake(&w, st);
  pthread_mutex_unlock(&ev->lock);
  wake_finish(&w);
  return text ? n : 0;
}

uint64_t srv_events_newest(srv_events *ev) {
  pthread_mutex_lock(&ev->lock);
  uint64_t n = ev->newest;
  pthread_mutex_unlock(&ev->lock);
  return n;
}

size_t srv_events_streams(srv_events *ev) {
  pthread_mutex_lock(&ev->lock);
  size_t n = ev->nstreams;
  pthread_mutex_unlock(&ev->lock);
  return n;
}

/* ---- streams ------------------------------------------------------------ */

/* Where a stream that last saw `id` goes on: the event after it when the
 * history holds it, else a reset and the next event. Called with the lock
 * held. */
static void resume_after(srv_events *ev, srv_stream *st, const char *id) {
  st->next = ev->newest + 1;
  if (!id || !*id)
    return;
  uint64_t epoch, n;
  char tail;
  if (sscanf(id, "%" SCNu64 "-%" SCNu64 "%c", &epoch, &n, &tail) != 2 ||
      epoch != ev->epoch || n > ev->newest ||
      (ev->oldest && n + 1 < ev->oldest) || (!ev->oldest && n)) {
    st->reset = 1;
    return;
  }
  st->next = n + 1;
}

srv_subscribe_result srv_events_subscribe(srv_events *ev,
                                          const char *last_event_id,
                                          const srv_stream_hooks *hooks,
                                          double now, srv_stream **out) {
  *out = NULL;
  pthread_mutex_lock(&ev->lock);
  srv_subscribe_result r = ev->closed                        ? SRV_EVENTS_CLOSED
                           : ev->nstreams >= ev->max_streams ? SRV_STREAMS_FULL
                                                             : SRV_SUBSCRIBED;
  srv_stream *st = r == SRV_SUBSCRIBED ? calloc(1, sizeof *st) : NULL;
  if (st) {
    st->hooks = *hooks;
    st->written = now;
    resume_after(ev, st, last_event_id);
    st->next_stream = ev->streams;
    if (ev->streams)
      ev->streams->prev = st;
    ev->streams = st;
    ev->nstreams++;
  } else if (r == SRV_SUBSCRIBED) {
    r = SRV_STREAMS_FULL; /* out of memory: as busy */
  }
  pthread_mutex_unlock(&ev->lock);
  *out = st;
  return r;
}

void srv_stream_end(srv_events *ev, srv_stream *st) {
  if (!st)
    return;
  pthread_mutex_lock(&ev->lock);
  if (st->prev)
    st->prev->next_stream = st->next_stream;
  else
    ev->streams = st->next_stream;
  if (st->next_stream)
    st->next_stream->prev = st->prev;
  ev->nstreams--;
  pthread_mutex_unlock(&ev->lock);
  stream_free(st);
}

/* Sets the stream's next message to hand over; -1 when there is none or
 * it cannot be had. Called with the lock held. */
static int next_message(srv_events *ev, srv_stream *st) {
  char line[160];
  const char *text = NULL;
  size_t len = 0;
  if (!st->started) {
    len = (size_t)snprintf(line, sizeof line, "retry: %d\n\n",
                           SRV_EVENTS_RETRY_MS);
    text = line;
    st->started = 1;
  } else if (st->next <= ev->newest && st->next < ev->oldest) {
    st->reset = 1; /* fell behind the history */
    st->next = ev->newest + 1;
  }
  if (!text && st->reset) {
    len = (size_t)snprintf(line, sizeof line,
                           "id: %" PRIu64 "-%" PRIu64
                           "\nevent: reset\ndata: {}\n\n",
                           ev->epoch, ev->newest);
    text = line;
    st->reset = 0;
  } else if (!text && st->next <= ev->newest) {
    const event *e = &ev->ring[(st->next - 1) % ev->cap];
    st->next++;
    if (!e->text) { /* lost for want of memory */
      st->reset = 1;
      return next_message(ev, st);
    }
    text = e->text;
    len = e->len;
  } else if (!text && st->heartbeat) {
    len = (size_t)snprintf(line, sizeof line, ": keep-alive\n\n");
    text = line;
  }
  st->heartbeat = 0;
  if (!text || !(st->pending = malloc(len)))
    return -1;
  memcpy(st->pending, text, len);
  st->pending_len = len;
  st->pending_at = 0;
  return 0;
}

ssize_t srv_stream_read(srv_events *ev, srv_stream *st, char *buf, size_t max,
                        double now) {
  size_t n = 0;
  pthread_mutex_lock(&ev->lock);
  while (n < max) {
    if (st->pending) {
      size_t k = st->pending_len - st->pending_at;
      if (k > max - n)
        k = max - n;
      memcpy(buf + n, st->pending + st->pending_at, k);
      n += k;
      st->pending_at += k;
      if (st->pending_at < st->pending_len)
        break;
      free(st->pending);
      st->pending = NULL;
    }
    if (ev->closed || next_message(ev, st) != 0)
      break;
  }
  ssize_t result = (ssize_t)n;
  if (n)
    st->written = now;
  else if (ev->closed)
    result = -1;
  else {
    st->waiting = 1;
    st->hooks.suspend(st->hooks.ctx);
  }
  pthread_mutex_unlock(&ev->lock);
  return result;
}

void srv_events_tick(srv_events *ev, double now) {
  pthread_mutex_lock(&ev->lock);
  wake_list w = wake_start(ev);
  for (srv_stream *st = ev->streams; st; st = st->next_stream)
    if (st->waiting && now - st->written >= SRV_EVENTS_HEARTBEAT) {
      st->heartbeat = 1;
      wake(&w, st);
    }
  pthread_mutex_unlock(&ev->lock);
  wake_finish(&w);
}

void srv_events_close(srv_events *ev) {
  pthread_mutex_lock(&ev->lock);
  ev->closed = 1;
  wake_list w = wake_start(ev);
  for (srv_stream *st = ev->streams; st; st = st->next_stream)
    wake(&w, st);
  pthread_mutex_unlock(&ev->lock);
  wake_finish(&w);
}
