/*
 * conns.h - the server's open connections and the deadlines of their
 * requests.
 *
 * libmicrohttpd restarts a connection's idle timer on every byte, so a
 * client sending one byte a second holds a connection for as long as it
 * likes, and a few hundred such clients hold them all. Here every
 * connection carries a deadline by which its current request, headers and
 * body, must have arrived; the main thread's sweep shuts the socket of a
 * late one down, which makes libmicrohttpd close it.
 *
 * Threads: libmicrohttpd's thread adds and removes connections and moves
 * their deadlines; the main thread sweeps. One mutex covers both, and a
 * connection leaves the registry before libmicrohttpd closes its socket
 * (its NOTIFY_CONNECTION "closed" comes first), so the sweep never shuts
 * down a descriptor that was closed and reused.
 */
#ifndef BRIEF_SERVER_CONNS_H
#define BRIEF_SERVER_CONNS_H

#include <stddef.h>

typedef struct srv_conn srv_conn;
typedef struct srv_conns srv_conns;

/* NULL when memory is exhausted. */
srv_conns *srv_conns_new(void);

/* Releases the registry and any connection still in it. */
void srv_conns_free(srv_conns *conns);

/* Registers a new connection on socket `fd` whose first request must have
 * arrived by `deadline` (srv_now() seconds). NULL when memory is
 * exhausted: the connection then has no deadline. */
srv_conn *srv_conns_add(srv_conns *conns, int fd, double deadline);

/* Forgets a connection, before its socket is closed. NULL is accepted. */
void srv_conns_remove(srv_conns *conns, srv_conn *conn);

/* Sets when the connection's current request must have arrived; 0 when it
 * has (the request's own time limit takes over). NULL is accepted. */
void srv_conns_set_deadline(srv_conns *conns, srv_conn *conn, double deadline);

/* Non-zero when the sweep cut the connection. NULL is accepted. */
int srv_conns_was_cut(srv_conns *conns, const srv_conn *conn);

/* Shuts down every connection whose deadline is before `now`; returns how
 * many. */
size_t srv_conns_expire(srv_conns *conns, double now);

/* Brings every pending deadline forward to `deadline` at the latest: at
 * shutdown, requests still arriving get a short grace period. */
void srv_conns_hurry(srv_conns *conns, double deadline);

#endif
