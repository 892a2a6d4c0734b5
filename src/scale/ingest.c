/*
 * ingest.c - the ingest role: articles fed to brief:articles, read in the
 * consumer group "ingest", checked, extracted, cleaned and described
 * (features), and written to brief:features for the assigner.
 *
 * Each set of entries ends in one transaction: the features entries, the
 * dead letters of the articles that cannot be read, and the
 * acknowledgement of every entry done; so an entry is acknowledged only
 * with its features written, and a worker that dies leaves its entries
 * pending for another to claim. An entry ingested twice (its worker died
 * after writing but before the acknowledgement was seen) reaches the
 * assigner twice, which keeps the first: article ids are the key.
 */
#include "scale/scale.h"

#include "core/error.h"

#include <stdio.h>
#include <string.h>

typedef struct ingest {
  bf_role *w;
  bf_group g;
  bf_featurizer *fz;
  size_t done, dead;
} ingest;

/* One entry: its features into the transaction, or its fate. */
static int ingest_entry(ingest *in, size_t i) {
  const bf_entry *e = &in->g.entries.v.v[i];
  char why[600];
  brief_article a;
  if (!e->nfields) /* deleted from the stream meanwhile */
    return bf_group_settle(&in->g, i, BF_DONE, NULL);
  if (bf_entry_article_decode(e->fields, e->nfields, &a, why, sizeof why)) {
    char msg[700];
    snprintf(msg, sizeof msg, "invalid article entry: %s", why);
    bf_say(in->w, "entry %s: %s; moved to %s", e->id, msg, BF_KEY_DEAD);
    in->dead++;
    return bf_group_settle(&in->g, i, BF_DEAD, msg);
  }
  bf_prepared p;
  brief_error err;
  brief_status st = bf_prepare_article(in->fz, &a, a.id, &p, &err);
  if (st != BRIEF_OK) {
    int permanent = bf_status_permanent(st);
    bf_say(in->w, "entry %s: %s%s", e->id, err.message,
           permanent ? "; moved to " BF_KEY_DEAD : "; will be retried");
    in->dead += permanent;
    return bf_group_settle(&in->g, i, permanent ? BF_DEAD : BF_RETRY,
                           err.message);
  }
  if (p.date_warning[0])
    bf_say(in->w, "%s", p.date_warning);
  if (p.x.warning[0])
    bf_say(in->w, "%s", p.x.warning);
  int rc = 0;
  if (p.empty) {
    bf_say(in->w, "%s: no article text left after cleaning; skipped", p.id);
  } else {
    bf_cmd *c = bf_txn_add(&in->g.txn);
    rc = !c;
    if (c) {
      bf_cmd_words(c, "XADD", BF_KEY_FEATURES, "*", NULL);
      bf_entry_features_encode(c, &p);
      rc = c->oom;
    }
  }
  bf_prepared_release(&p);
  in->done++;
  return rc ? -1 : bf_group_settle(&in->g, i, BF_DONE, NULL);
}

static brief_status ingest_set(ingest *in, brief_error *err) {
  for (size_t i = 0; i < in->g.entries.v.n; i++)
    if (ingest_entry(in, i))
      return bf_fail(err, BRIEF_ERR_NOMEM, "ingest: out of memory");
  return bf_group_finish(&in->g, err);
}

brief_status bf_role_ingest(bf_role *w, brief_error *err) {
  bf_redis *r;
  brief_status st = bf_role_connect(w, &r, err);
  if (st != BRIEF_OK)
    return st;
  ingest in;
  memset(&in, 0, sizeof in);
  in.w = w;
  in.fz = bf_featurizer_new();
  if (!in.fz) {
    bf_redis_close(r);
    return bf_fail(err, BRIEF_ERR_NOMEM, "ingest: out of memory");
  }
  st = bf_group_open(&in.g, w, r, BF_KEY_ARTICLES, BF_GROUP_INGEST, err);
  if (st == BRIEF_OK)
    bf_say(w, "reading %s as %s", BF_KEY_ARTICLES, w->consumer);
  while (st == BRIEF_OK && !bf_stopping(w)) {
    brief_status step = bf_group_next(&in.g, err);
    if (step == BRIEF_OK)
      step = ingest_set(&in, err);
    if (step == BRIEF_OK)
      bf_group_trim(&in.g);
    else
      st = bf_role_survive(w, r, step, err);
    if (step != BRIEF_OK)
      in.g.history = 1; /* what was in hand is pending: read it again */
  }
  bf_say(w, "stopped: %zu articles ingested, %zu dead-lettered", in.done,
         in.dead);
  bf_group_close(&in.g);
  bf_featurizer_free(in.fz);
  bf_redis_close(r);
  return st;
}
