/*
 * briefs.c - the brief role: story updates read in the consumer group
 * "brief", each changed story's brief rebuilt once per set of updates
 * (however many updates it had), rendered as JSON and kept in Redis beside
 * the story, keyed by story id and version.
 *
 * The worker reads the desk as any reader does (a desk opened on Redis,
 * following what the assigner writes), so a brief is built from the same
 * bounded set of articles as on one machine. A brief already as new as the
 * story is not built again, and a brief of an older version never replaces
 * a newer one, so two workers, or one update delivered twice, cost at most
 * a build.
 */
#include "scale/scale.h"

#include "core/error.h"
#include "stories/desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct briefer {
  bf_role *w;
  bf_group g;
  brief_desk *desk;
  size_t built, current, dead;
  BF_VEC(uint32_t) story;  /* per entry of the set: its story, 0 if bad */
  BF_VEC(uint32_t) failed; /* stories whose brief cannot be built */
  char why[600];           /* the last of those failures */
} briefer;

static brief_status open_desk(briefer *b, brief_error *err) {
  brief_desk_options o = b->w->o->desk;
  o.db_path = NULL;
  o.redis_url = b->w->o->redis_url;
  o.redis_retry = b->w->o->retry_seconds;
  return brief_desk_open(&o, &b->desk, err);
}

/* Builds and keeps story `id`'s brief unless a current one is kept. */
static brief_status build_brief(briefer *b, uint32_t id, brief_error *err) {
  uint32_t version, kept = 0, through;
  if (bf_desk_story_now(b->desk, id, &version) != id)
    return BRIEF_OK; /* merged into another, whose update comes too */
  const bf_store_ops *ops = b->desk->store->ops;
  char *json = NULL;
  brief_status st = ops->get_brief(b->desk->store, id, &kept, &json, err);
  int have = json != NULL;
  free(json);
  json = NULL;
  if (st != BRIEF_OK || (have && kept >= version)) {
    b->current += st == BRIEF_OK;
    return st;
  }
  brief_desk_brief *h;
  st = bf_desk_brief_build(b->desk, id, &h, &version, &through, err);
  if (st == BRIEF_OK) {
    st = brief_desk_brief_render(h, BRIEF_FORMAT_JSON, &json, err);
    brief_desk_brief_free(h);
  }
  if (st == BRIEF_OK)
    st = ops->put_brief(b->desk->store, id, version, through, json, err);
  brief_free(json);
  b->built += st == BRIEF_OK;
  return st;
}

static int seen_story(const uint32_t *v, size_t n, uint32_t id) {
  for (size_t i = 0; i < n; i++)
    if (v[i] == id)
      return 1;
  return 0;
}

/* The story of each entry; bad entries go to the dead letters. */
static int read_updates(briefer *b) {
  b->story.n = b->failed.n = 0;
  for (size_t i = 0; i < b->g.entries.v.n; i++) {
    const bf_entry *e = &b->g.entries.v.v[i];
    uint32_t story = 0, version;
    char why[300], msg[400];
    if (e->nfields && bf_entry_update_decode(e->fields, e->nfields, &story,
                                             &version, why, sizeof why)) {
      snprintf(msg, sizeof msg, "invalid story update: %s", why);
      bf_say(b->w, "entry %s: %s; moved to %s", e->id, msg, BF_KEY_DEAD);
      b->dead++;
      story = 0;
      if (bf_group_settle(&b->g, i, BF_DEAD, msg))
        return -1;
    }
    if (BF_VEC_PUSH(b->story, story))
      return -1;
  }
  return 0;
}

/* Each story of the set once; a story whose brief cannot be built from
 * its articles is remembered with why. */
static brief_status build_briefs(briefer *b, brief_error *err) {
  for (size_t i = 0; i < b->story.n; i++) {
    uint32_t id = b->story.v[i];
    if (!id || seen_story(b->story.v, i, id))
      continue;
    brief_status st = build_brief(b, id, err);
    if (st == BRIEF_ERR_IO || st == BRIEF_ERR_NOMEM)
      return st;
    if (st != BRIEF_OK) {
      snprintf(b->why, sizeof b->why, "story %u: %.500s", id, err->message);
      bf_say(b->w, "%s", b->why);
      if (BF_VEC_PUSH(b->failed, id))
        return bf_fail(err, BRIEF_ERR_NOMEM, "brief: out of memory");
    }
  }
  return BRIEF_OK;
}

static brief_status brief_set(briefer *b, brief_error *err) {
  if (!b->g.entries.v.n)
    return BRIEF_OK;
  brief_status st = b->desk ? BRIEF_OK : open_desk(b, err);
  if (st == BRIEF_OK && (st = bf_desk_follow(b->desk, 1, err)) != BRIEF_OK) {
    brief_desk_close(b->desk); /* read it again from the start */
    b->desk = NULL;
  }
  if (st == BRIEF_OK && read_updates(b))
    st = bf_fail(err, BRIEF_ERR_NOMEM, "brief: out of memory");
  if (st == BRIEF_OK)
    st = build_briefs(b, err);
  for (size_t i = 0; st == BRIEF_OK && i < b->story.n; i++) {
    uint32_t id = b->story.v[i];
    int dead = id && seen_story(b->failed.v, b->failed.n, id);
    if (id && dead)
      b->dead++;
    if (id && bf_group_settle(&b->g, i, dead ? BF_DEAD : BF_DONE, b->why))
      st = bf_fail(err, BRIEF_ERR_NOMEM, "brief: out of memory");
  }
  return st == BRIEF_OK ? bf_group_finish(&b->g, err) : st;
}

brief_status bf_role_brief(bf_role *w, brief_error *err) {
  bf_redis *r;
  brief_status st = bf_role_connect(w, &r, err);
  if (st != BRIEF_OK)
    return st;
  briefer b;
  memset(&b, 0, sizeof b);
  b.w = w;
  st = bf_group_open(&b.g, w, r, BF_KEY_UPDATES, BF_GROUP_BRIEF, err);
  if (st == BRIEF_OK)
    bf_say(w, "reading %s as %s", BF_KEY_UPDATES, w->consumer);
  while (st == BRIEF_OK && !bf_stopping(w)) {
    brief_status step = bf_group_next(&b.g, err);
    if (step == BRIEF_OK)
      step = brief_set(&b, err);
    if (step == BRIEF_OK)
      bf_group_trim(&b.g);
    else if (step == BRIEF_ERR_EMPTY)
      bf_sleep_ms(BF_BLOCK_MS, w->stop); /* no desk yet */
    else
      st = bf_role_survive(w, r, step, err);
    if (step != BRIEF_OK)
      b.g.history = 1; /* what was in hand is pending: read it again */
  }
  bf_say(w, "stopped: %zu briefs built, %zu were current, %zu dead-lettered",
         b.built, b.current, b.dead);
  brief_desk_close(b.desk);
  bf_group_close(&b.g);
  BF_VEC_FREE(b.story);
  BF_VEC_FREE(b.failed);
  bf_redis_close(r);
  return st;
}
