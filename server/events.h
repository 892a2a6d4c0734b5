/*
 * events.h - the desk's events (GET /v1/events, Server-Sent Events): a
 * bounded history of what happened to the stories, and the streams that
 * follow it, with no socket and no clock of their own.
 *
 * An event is one SSE message, "id: EPOCH-N\nevent: TYPE\ndata: JSON\n\n".
 * N counts from 1 in each run of the server and EPOCH names the run, so a
 * client that comes back with a Last-Event-ID gets every event after it
 * that the history still holds, and one from another run, or older than
 * the history, gets a "reset" event (reload everything) instead of a gap
 * it cannot see.
 *
 * A stream never holds a thread. server.c reads it from libmicrohttpd's
 * content callback; when there is nothing to send the stream calls its
 * `suspend` hook (the connection is suspended) and returns 0, and the next
 * publish, heartbeat or close calls its `resume` hook exactly once. The
 * hooks are called under the history's lock (suspend) and outside it
 * (resume), so a resume always follows its suspend.
 */
#ifndef BRIEF_SERVER_EVENTS_H
#define BRIEF_SERVER_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A stream with nothing to send writes an SSE comment after this many
 * seconds: proxies keep it open, and a client gone away is noticed. */
#define SRV_EVENTS_HEARTBEAT 15.0

/* How long a client waits before reconnecting (the SSE "retry" field). */
enum { SRV_EVENTS_RETRY_MS = 2000 };

typedef struct srv_events srv_events;
typedef struct srv_stream srv_stream;

typedef struct srv_stream_hooks {
  void (*suspend)(void *ctx);
  void (*resume)(void *ctx);
  void *ctx;
} srv_stream_hooks;

/* A history of `history` events (at least 1) for at most `max_streams`
 * streams; `epoch` names this run in event ids. NULL when out of memory. */
srv_events *srv_events_new(size_t history, size_t max_streams, uint64_t epoch);

/* Releases the history. Every stream must have ended (srv_stream_end). */
void srv_events_free(srv_events *ev);

/* Adds an event of `type` ("story", "brief", "merged") with `data`, JSON
 * on one line, and wakes every waiting stream. Returns its number, or 0
 * when out of memory (the event is lost, and streams get a reset). */
uint64_t srv_events_publish(srv_events *ev, const char *type, const char *data);

/* The number of the newest event, 0 before the first. */
uint64_t srv_events_newest(srv_events *ev);

/* Open streams. */
size_t srv_events_streams(srv_events *ev);

typedef enum srv_subscribe_result {
  SRV_SUBSCRIBED = 0,
  SRV_STREAMS_FULL, /* max_streams are open */
  SRV_EVENTS_CLOSED /* shutting down */
} srv_subscribe_result;

/* Opens a stream that starts after `last_event_id` (NULL or "": with the
 * next event). `now` is srv_now() seconds. */
srv_subscribe_result srv_events_subscribe(srv_events *ev,
                                          const char *last_event_id,
                                          const srv_stream_hooks *hooks,
                                          double now, srv_stream **out);

/* Copies what the stream has to send into buf (at most `max` bytes):
 * returns the bytes, 0 when there is nothing (the stream is suspended
 * until its resume hook is called), or -1 when it has ended. */
ssize_t srv_stream_read(srv_events *ev, srv_stream *st, char *buf, size_t max,
                        double now);

/* Forgets a stream whose connection is gone. NULL is accepted. */
void srv_stream_end(srv_events *ev, srv_stream *st);

/* Wakes the streams that have sent nothing for SRV_EVENTS_HEARTBEAT
 * seconds, so they write a comment. */
void srv_events_tick(srv_events *ev, double now);

/* Ends every stream once it has handed over the message in progress,
 * and refuses new ones. */
void srv_events_close(srv_events *ev);

#endif
