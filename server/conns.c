/*
 * conns.c - the registry of open connections and their request deadlines;
 * see conns.h. A doubly-linked list under one mutex: a sweep visits every
 * connection, at most --max-connections of them, ten times a second.
 */
#include "conns.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>

struct srv_conn {
  int fd;
  double deadline; /* 0: none */
  int cut;
  srv_conn *prev, *next;
};

struct srv_conns {
  pthread_mutex_t lock;
  srv_conn *head;
};

srv_conns *srv_conns_new(void) {
  srv_conns *c = calloc(1, sizeof *c);
  if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
    free(c);
    return NULL;
  }
  return c;
}

void srv_conns_free(srv_conns *c) {
  if (!c)
    return;
  while (c->head) {
    srv_conn *next = c->head->next;
    free(c->head);
    c->head = next;
  }
  pthread_mutex_destroy(&c->lock);
  free(c);
}

srv_conn *srv_conns_add(srv_conns *c, int fd, double deadline) {
  srv_conn *k = calloc(1, sizeof *k);
  if (!k)
    return NULL;
  k->fd = fd;
  k->deadline = deadline;
  pthread_mutex_lock(&c->lock);
  k->next = c->head;
  if (c->head)
    c->head->prev = k;
  c->head = k;
  pthread_mutex_unlock(&c->lock);
  return k;
}

void srv_conns_remove(srv_conns *c, srv_conn *k) {
  if (!k)
    return;
  pthread_mutex_lock(&c->lock);
  if (k->prev)
    k->prev->next = k->next;
  else
    c->head = k->next;
  if (k->next)
    k->next->prev = k->prev;
  pthread_mutex_unlock(&c->lock);
  free(k);
}

void srv_conns_set_deadline(srv_conns *c, srv_conn *k, double deadline) {
  if (!k)
    return;
  pthread_mutex_lock(&c->lock);
  k->deadline = deadline;
  pthread_mutex_unlock(&c->lock);
}

int srv_conns_was_cut(srv_conns *c, const srv_conn *k) {
  if (!k)
    return 0;
  pthread_mutex_lock(&c->lock);
  int cut = k->cut;
  pthread_mutex_unlock(&c->lock);
  return cut;
}

size_t srv_conns_expire(srv_conns *c, double now) {
  size_t n = 0;
  pthread_mutex_lock(&c->lock);
  for (srv_conn *k = c->head; k; k = k->next)
    if (k->deadline > 0 && k->deadline <= now && !k->cut) {
      /* Shutting down, not closing: the descriptor stays libmicrohttpd's,
       * which sees the end of the stream and closes the connection. */
      shutdown(k->fd, SHUT_RDWR);
      k->cut = 1;
      n++;
    }
  pthread_mutex_unlock(&c->lock);
  return n;
}

void srv_conns_hurry(srv_conns *c, double deadline) {
  pthread_mutex_lock(&c->lock);
  for (srv_conn *k = c->head; k; k = k->next)
    if (k->deadline > deadline)
      k->deadline = deadline;
  pthread_mutex_unlock(&c->lock);
}
