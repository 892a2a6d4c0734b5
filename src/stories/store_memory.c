/*
 * store_memory.c - the story desk's store in memory (see store.h).
 *
 * The desk keeps its state itself; this store only holds what it would
 * otherwise read back from disk: every article's text and the settings.
 * Texts are appended under a mutex, so reader threads can copy one while
 * the writer adds more. Batches cannot fail half-way in memory: begin and
 * commit only bracket the puts.
 */
#include "stories/store.h"

#include "core/error.h"
#include "core/vec.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
  char *s;
  size_t len;
} text;

typedef struct memory_store {
  bf_store base;
  pthread_mutex_t lock;
  BF_VEC(text) texts; /* seq - 1 */
  size_t committed;   /* texts of committed batches */
  char window[32], merge[8];
} memory_store;

static brief_status mem_begin(bf_store *st, brief_error *err) {
  (void)st;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status mem_put_article(bf_store *st, const bf_stored_article *a,
                                    brief_error *err) {
  memory_store *m = (memory_store *)st;
  text t = {malloc(a->len + 1), a->len};
  if (!t.s)
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  memcpy(t.s, a->text, a->len);
  t.s[a->len] = '\0';
  pthread_mutex_lock(&m->lock);
  int failed = a->seq != m->texts.n + 1 || BF_VEC_PUSH(m->texts, t);
  pthread_mutex_unlock(&m->lock);
  if (failed) {
    free(t.s);
    return bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
  }
  return BRIEF_OK;
}

static brief_status mem_put_story(bf_store *st, const bf_stored_story *s,
                                  brief_error *err) {
  (void)st, (void)s;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status mem_move(bf_store *st, uint32_t from, uint32_t into,
                             brief_error *err) {
  (void)st, (void)from, (void)into;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status mem_set_story_of(bf_store *st, uint32_t seq, uint32_t story,
                                     brief_error *err) {
  (void)st, (void)seq, (void)story;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status mem_commit(bf_store *st, brief_error *err) {
  memory_store *m = (memory_store *)st;
  pthread_mutex_lock(&m->lock);
  m->committed = m->texts.n;
  pthread_mutex_unlock(&m->lock);
  bf_ok(err);
  return BRIEF_OK;
}

static void mem_rollback(bf_store *st) {
  memory_store *m = (memory_store *)st;
  pthread_mutex_lock(&m->lock);
  while (m->texts.n > m->committed)
    free(m->texts.v[--m->texts.n].s);
  pthread_mutex_unlock(&m->lock);
}

static brief_status mem_text(bf_store *st, uint32_t seq, char **out,
                             size_t *len, brief_error *err) {
  memory_store *m = (memory_store *)st;
  brief_status status = BRIEF_OK;
  pthread_mutex_lock(&m->lock);
  if (seq == 0 || seq > m->texts.n) {
    status = bf_fail(err, BRIEF_ERR_ARG, "desk: no article %u", seq);
  } else {
    const text *t = &m->texts.v[seq - 1];
    *out = malloc(t->len + 1);
    if (*out) {
      memcpy(*out, t->s, t->len + 1);
      *len = t->len;
    } else {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    }
  }
  pthread_mutex_unlock(&m->lock);
  return status;
}

static brief_status mem_load(bf_store *st, const bf_store_loader *l,
                             uint32_t texts_from, brief_error *err) {
  (void)st, (void)l, (void)texts_from;
  bf_ok(err);
  return BRIEF_OK;
}

/* A desk in memory is never reopened: no snapshot to keep. */
static brief_status mem_put_snapshot(bf_store *st, uint32_t articles,
                                     const void *data, size_t len,
                                     brief_error *err) {
  (void)st, (void)articles, (void)data, (void)len;
  bf_ok(err);
  return BRIEF_OK;
}

static brief_status mem_get_snapshot(bf_store *st, uint32_t *articles,
                                     void **data, size_t *len,
                                     brief_error *err) {
  (void)st;
  *articles = 0;
  *data = NULL;
  *len = 0;
  bf_ok(err);
  return BRIEF_OK;
}

static const char *mem_setting(bf_store *st, const char *key) {
  memory_store *m = (memory_store *)st;
  const char *v = strcmp(key, "window") == 0  ? m->window
                  : strcmp(key, "merge") == 0 ? m->merge
                                              : "";
  return *v ? v : NULL;
}

static brief_status mem_set_setting(bf_store *st, const char *key,
                                    const char *value, brief_error *err) {
  memory_store *m = (memory_store *)st;
  if (strcmp(key, "window") == 0)
    snprintf(m->window, sizeof m->window, "%s", value);
  else if (strcmp(key, "merge") == 0)
    snprintf(m->merge, sizeof m->merge, "%s", value);
  bf_ok(err);
  return BRIEF_OK;
}

static void mem_close(bf_store *st) {
  memory_store *m = (memory_store *)st;
  for (size_t i = 0; i < m->texts.n; i++)
    free(m->texts.v[i].s);
  BF_VEC_FREE(m->texts);
  pthread_mutex_destroy(&m->lock);
  free(m);
}

static const bf_store_ops memory_ops = {
    .begin = mem_begin,
    .put_article = mem_put_article,
    .put_story = mem_put_story,
    .move_articles = mem_move,
    .set_story_of = mem_set_story_of,
    .commit = mem_commit,
    .rollback = mem_rollback,
    .text = mem_text,
    .load = mem_load,
    .put_snapshot = mem_put_snapshot,
    .get_snapshot = mem_get_snapshot,
    .setting = mem_setting,
    .set_setting = mem_set_setting,
    .close = mem_close,
};

bf_store *bf_store_memory_open(void) {
  memory_store *m = calloc(1, sizeof *m);
  if (!m)
    return NULL;
  m->base.ops = &memory_ops;
  pthread_mutex_init(&m->lock, NULL);
  return &m->base;
}
