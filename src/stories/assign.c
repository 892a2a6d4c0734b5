/*
 * assign.c - the assign stage of the story desk (see assign.h).
 *
 * For each article: count its terms and names into the online document
 * frequencies; make its log-TF vectors (body, names, title), which are
 * weighed by inverse document frequency only when compared, so that what
 * the stream learns later reaches the vectors of its first articles; find
 * candidate stories through the inverted index over the strongest terms and
 * names, and through MinHash bands for copies; score every candidate with
 * the join-or-new model over several views (body, latest articles, names,
 * title, time, size); join the most probable story when the model says so,
 * else start a new one. A copy joins its original's story directly.
 *
 * Periodically, stories idle for longer than the window leave the index,
 * and the stories changed since the last pass are merged with a story the
 * merge model pairs them with both ways (the younger into the older), each
 * merge reported. Every step depends only on the stream so far, never on
 * how it was batched.
 */
#include "stories/assign.h"

#include "core/lexicon.h"
#include "core/postings.h"
#include "core/sparse.h"
#include "core/text.h"
#include "core/vec.h"
#include "stories/assign_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  BODY_MAX = 300,      /* terms kept in a story's centroid */
  NAMES_MAX = 64,      /* name words kept per story */
  TITLE_MAX = 48,      /* title terms kept per story */
  RECENT = 3,          /* latest articles compared one by one */
  RECENT_MAX = 64,     /* terms kept of each of those */
  QUERY_TERMS = 12,    /* an article's terms used to find candidates */
  QUERY_NAMES = 6,     /* and its names */
  INDEX_TERMS = 10,    /* terms an article adds to its story's postings */
  INDEX_NAMES = 5,     /* names it adds */
  POSTINGS_SCAN = 256, /* newest postings read per query term */
  CANDIDATES = 12,     /* stories scored by the model per article */
  DUP_BUCKET = 4,      /* latest articles kept per MinHash band bucket */
  DUP_AGREE = BF_DUP_HASHES / 2, /* positions two copies agree on */
  MERGE_EVERY = 50,              /* articles between merge passes (default) */
  SWEEP_SHARE = 4,               /* filter the index when 1/4 of it is idle */
  /* The weights of terms an article does not use are recomputed when the
   * stream has grown by 1/IDF_GROWTH since: their idf has then moved by
   * at most log(1 + 1/IDF_GROWTH), about 0.03. */
  IDF_GROWTH = 32
};

#define TIME_NEAR_DAYS 3.0
#define TIME_FAR_DAYS 30.0

typedef struct recent_vec {
  uint32_t article;
  bf_sparse v;
} recent_vec;

typedef BF_VEC(uint32_t) u32_vec;

typedef struct story_state {
  bf_sparse body, names, title;
  recent_vec recent[RECENT];
  u32_vec indexed, indexed_names; /* sorted ids registered in postings */
  u32_vec members;
  int32_t newest_day, last_active;
  double day_sum;
  uint32_t dated, titled;
  uint32_t merged_into;
  uint8_t active, dirty;
} story_state;

typedef struct art_state {
  uint32_t story;
  int32_t day;
  float centrality;
  uint32_t sig[BF_DUP_HASHES];
} art_state;

typedef struct dup_bucket {
  uint32_t article[DUP_BUCKET]; /* 1-based, 0 empty; newest at [0] */
} dup_bucket;

typedef BF_VEC(float) float_vec;
typedef BF_VEC(uint8_t) u8_vec;

/* Term or name statistics: key -> dense id, with document frequencies and
 * the inverse document frequencies they give. Vectors hold log term
 * frequencies; the weights are applied when vectors are compared, so an
 * early article's vector is weighed with what the stream knows now, not
 * with the few documents there were when it came. */
typedef struct vocab {
  bf_keymap ids;
  u32_vec df;          /* id - 1 -> documents */
  float_vec idf, idf2; /* id -> weight and its square (0 unused) */
  BF_VEC(double) logs; /* k -> ln(1 + k), for k up to docs */
  size_t docs;
  size_t docs_weighed; /* documents when every weight was last computed */
} vocab;

struct bf_assigner {
  bf_assign_config cfg;
  vocab terms, name_words;
  BF_VEC(story_state) stories; /* id - 1 */
  BF_VEC(art_state) arts;      /* article number - 1 */
  bf_postings term_index, name_index;
  bf_keymap dup_ids;
  BF_VEC(dup_bucket) dup_buckets;
  BF_VEC(bf_merge) merges;
  u32_vec active; /* ids of active stories, for sweeps */
  u8_vec open;    /* id -> 1 while a candidate: the index's walks test
                     every posting, and this stays in cache */
  u32_vec dirty;  /* ids of stories changed since the last merge pass */
  int32_t stream_day;
  size_t idle_in_index; /* stories gone idle since the last filter */
  /* scratch, reused per article */
  BF_VEC(float) score;
  u32_vec touched;
  bf_sparse cur_body, cur_names, cur_title; /* the article at hand */
};

void bf_assign_config_init(bf_assign_config *cfg) {
  cfg->window_days = 7;
  cfg->merge = 1;
  cfg->merge_every = 0;
  cfg->model = NULL;
  cfg->merge_model = NULL;
  cfg->merge_probe = NULL;
  cfg->probe_ctx = NULL;
}

/* ---- life cycle ---------------------------------------------------------- */

static int vocab_init(vocab *v) {
  memset(v, 0, sizeof *v);
  return bf_keymap_init(&v->ids, 4096);
}

static void vocab_release(vocab *v) {
  bf_keymap_release(&v->ids);
  BF_VEC_FREE(v->df);
  BF_VEC_FREE(v->idf);
  BF_VEC_FREE(v->idf2);
  BF_VEC_FREE(v->logs);
}

bf_assigner *bf_assigner_new(const bf_assign_config *cfg) {
  bf_assigner *a = calloc(1, sizeof *a);
  if (!a)
    return NULL;
  if (cfg)
    a->cfg = *cfg;
  else
    bf_assign_config_init(&a->cfg);
  if (!a->cfg.model)
    a->cfg.model = bf_assign_model;
  if (!a->cfg.merge_model)
    a->cfg.merge_model = bf_merge_model;
  a->stream_day = BF_NO_DAY;
  bf_postings_init(&a->term_index);
  bf_postings_init(&a->name_index);
  if (vocab_init(&a->terms) || vocab_init(&a->name_words) ||
      bf_keymap_init(&a->dup_ids, 4096) ||
      BF_VEC_PUSH(a->open, 0) /* story ids start at 1 */) {
    bf_assigner_free(a);
    return NULL;
  }
  return a;
}

static void story_release(story_state *s) {
  bf_sparse_release(&s->body);
  bf_sparse_release(&s->names);
  bf_sparse_release(&s->title);
  for (int r = 0; r < RECENT; r++)
    bf_sparse_release(&s->recent[r].v);
  BF_VEC_FREE(s->indexed);
  BF_VEC_FREE(s->indexed_names);
  BF_VEC_FREE(s->members);
}

void bf_assigner_free(bf_assigner *a) {
  if (!a)
    return;
  for (size_t i = 0; i < a->stories.n; i++)
    story_release(&a->stories.v[i]);
  BF_VEC_FREE(a->stories);
  BF_VEC_FREE(a->arts);
  vocab_release(&a->terms);
  vocab_release(&a->name_words);
  bf_postings_release(&a->term_index);
  bf_postings_release(&a->name_index);
  if (a->dup_ids.ids)
    bf_keymap_release(&a->dup_ids);
  BF_VEC_FREE(a->dup_buckets);
  BF_VEC_FREE(a->merges);
  BF_VEC_FREE(a->active);
  BF_VEC_FREE(a->open);
  BF_VEC_FREE(a->dirty);
  BF_VEC_FREE(a->score);
  BF_VEC_FREE(a->touched);
  bf_sparse_release(&a->cur_body);
  bf_sparse_release(&a->cur_names);
  bf_sparse_release(&a->cur_title);
  free(a);
}

/* ---- vectors ------------------------------------------------------------- */

/* ln((1 + docs) / (1 + df)) + 1, from the table of logarithms: the
 * weights of every term are recomputed now and then, and a table lookup
 * is much cheaper than a logarithm. */
static double idf(const vocab *v, uint32_t id) {
  uint32_t df = id ? v->df.v[id - 1] : 0;
  return v->logs.v[v->docs] - v->logs.v[df] + 1.0;
}

static void set_weight(vocab *v, uint32_t id) {
  double w = idf(v, id);
  v->idf.v[id] = (float)w;
  v->idf2.v[id] = (float)(w * w);
}

/* Keeps the weights current: those of the ids just counted always, all of
 * them when the stream has grown enough since they were computed. */
static void weigh(vocab *v, const uint32_t *ids, size_t n) {
  if (v->docs >= v->docs_weighed + v->docs_weighed / IDF_GROWTH + 1) {
    for (uint32_t id = 1; id <= v->df.n; id++)
      set_weight(v, id);
    v->docs_weighed = v->docs;
    return;
  }
  for (size_t i = 0; i < n; i++)
    set_weight(v, ids[i]);
}

/* Counts a document's keys into v (each key once) and writes their ids. */
static int vocab_count(vocab *v, const bf_keycounts *keys, uint32_t *ids) {
  for (size_t i = 0; i < keys->n; i++) {
    int is_new;
    uint32_t id = bf_keymap_intern(&v->ids, keys->v[i].key, &is_new);
    if (!id || (is_new && BF_VEC_PUSH(v->df, 0)))
      return -1;
    v->df.v[id - 1]++;
    ids[i] = id;
  }
  v->docs++;
  while (v->logs.n <= v->docs) {
    double next = log1p((double)v->logs.n);
    if (BF_VEC_PUSH(v->logs, next))
      return -1;
  }
  if (BF_VEC_RESERVE(v->idf, v->df.n + 1) ||
      BF_VEC_RESERVE(v->idf2, v->df.n + 1))
    return -1;
  v->idf.n = v->idf2.n = v->df.n + 1;
  weigh(v, ids, keys->n);
  return 0;
}

/* Ids of keys already known, 0 for the others (titles add no counts). */
static void vocab_lookup(const vocab *v, const bf_keycounts *keys,
                         uint32_t *ids) {
  for (size_t i = 0; i < keys->n; i++)
    ids[i] = bf_keymap_find(&v->ids, keys->v[i].key);
}

static double weighted_norm(const vocab *v, const bf_sparse *x) {
  return bf_sparse_norm(x, v->idf.v);
}

/* Vector of 1 + ln count over the keys with an id, scaled to weigh 1 with
 * today's weights, so that every article counts alike in a centroid. */
static int term_vector(const vocab *v, const bf_keycounts *keys,
                       const uint32_t *ids, bf_sparse *out) {
  out->n = 0;
  for (size_t i = 0; i < keys->n; i++)
    if (ids[i] &&
        bf_sparse_push(out, ids[i], (float)(1.0 + log(keys->v[i].count))))
      return -1;
  bf_sparse_normalise_order(out);
  double norm = weighted_norm(v, out);
  if (norm > 0)
    bf_sparse_scale(out, (float)(1.0 / norm));
  return 0;
}

static int article_vectors(bf_assigner *a, const bf_features *f) {
  size_t most = f->terms.n;
  if (f->names.n > most)
    most = f->names.n;
  if (f->title.n > most)
    most = f->title.n;
  uint32_t *ids = malloc((most + 1) * sizeof *ids);
  int rc = !ids;
  if (!rc)
    rc = vocab_count(&a->terms, &f->terms, ids) ||
         term_vector(&a->terms, &f->terms, ids, &a->cur_body);
  if (!rc)
    rc = vocab_count(&a->name_words, &f->names, ids) ||
         term_vector(&a->name_words, &f->names, ids, &a->cur_names);
  if (!rc) {
    vocab_lookup(&a->terms, &f->title, ids);
    rc = term_vector(&a->terms, &f->title, ids, &a->cur_title);
  }
  free(ids);
  return rc ? -1 : 0;
}

/* The `k` heaviest entries of v under weights `scale`, heaviest first,
 * into top (room for k); their w is the weighted one. */
static size_t heaviest(const bf_sparse *v, const float *scale, size_t k,
                       bf_sparse_entry *top) {
  size_t n = 0;
  for (uint32_t i = 0; i < v->n; i++) {
    bf_sparse_entry e = {v->v[i].id, v->v[i].w * scale[v->v[i].id]};
    size_t at = n < k ? n++ : k;
    if (at == k && e.w <= top[k - 1].w)
      continue;
    if (at == k)
      at = k - 1;
    while (at > 0 && top[at - 1].w < e.w) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = e;
  }
  return n;
}

/* ---- candidates ---------------------------------------------------------- */

static int story_is_candidate(const bf_assigner *a, uint32_t id) {
  return a->open.v[id];
}

static int touch(bf_assigner *a, uint32_t story, float w) {
  if (BF_VEC_RESERVE(a->score, a->stories.n + 1))
    return -1;
  while (a->score.n <= a->stories.n)
    a->score.v[a->score.n++] = 0;
  if (a->score.v[story] == 0 && BF_VEC_PUSH(a->touched, story))
    return -1;
  a->score.v[story] += w;
  return 0;
}

static int scan_index(bf_assigner *a, const bf_postings *ix, const vocab *voc,
                      const bf_sparse *v, size_t k) {
  bf_sparse_entry top[QUERY_TERMS];
  size_t n = heaviest(v, voc->idf.v, k, top);
  for (size_t q = 0; q < n; q++) {
    size_t len;
    const uint32_t *ids = bf_postings_get(ix, top[q].id, &len);
    size_t from = len > POSTINGS_SCAN ? len - POSTINGS_SCAN : 0;
    for (size_t i = len; i-- > from;)
      if (story_is_candidate(a, ids[i]) && touch(a, ids[i], top[q].w))
        return -1;
  }
  return 0;
}

/* The touched stories with the highest scores, at most CANDIDATES. */
static size_t best_candidates(bf_assigner *a, uint32_t *out) {
  size_t n = 0;
  for (size_t i = 0; i < a->touched.n; i++) {
    uint32_t s = a->touched.v[i];
    float w = a->score.v[s];
    size_t at = n < CANDIDATES ? n++ : CANDIDATES;
    if (at == CANDIDATES) {
      if (w <= a->score.v[out[CANDIDATES - 1]])
        continue;
      at = CANDIDATES - 1;
    }
    while (at > 0 && (a->score.v[out[at - 1]] < w ||
                      (a->score.v[out[at - 1]] == w && out[at - 1] > s))) {
      out[at] = out[at - 1];
      at--;
    }
    out[at] = s;
  }
  for (size_t i = 0; i < a->touched.n; i++)
    a->score.v[a->touched.v[i]] = 0;
  a->touched.n = 0;
  return n;
}

static uint64_t dup_band_key(const uint32_t *sig, size_t band) {
  return bf_hash(&sig[band * BF_DUP_ROWS], BF_DUP_ROWS * sizeof *sig) ^
         ((uint64_t)band << 56);
}

static size_t sig_agreement(const uint32_t *x, const uint32_t *y) {
  size_t same = 0;
  for (size_t h = 0; h < BF_DUP_HASHES; h++)
    same += x[h] == y[h];
  return same;
}

/* The earliest article in an active story that this one copies, or 0. */
static uint32_t find_copy(const bf_assigner *a, const uint32_t *sig) {
  uint32_t best = 0;
  size_t best_same = DUP_AGREE - 1;
  for (size_t b = 0; b < BF_DUP_BANDS; b++) {
    uint32_t id = bf_keymap_find(&a->dup_ids, dup_band_key(sig, b));
    if (!id)
      continue;
    const dup_bucket *bk = &a->dup_buckets.v[id - 1];
    for (size_t k = 0; k < DUP_BUCKET && bk->article[k]; k++) {
      const art_state *o = &a->arts.v[bk->article[k] - 1];
      if (!story_is_candidate(a, o->story))
        continue;
      size_t same = sig_agreement(sig, o->sig);
      if (same > best_same ||
          (same == best_same && best && bk->article[k] < best)) {
        best = bk->article[k];
        best_same = same;
      }
    }
  }
  return best;
}

static int file_copy_bands(bf_assigner *a, uint32_t article,
                           const uint32_t *sig) {
  for (size_t b = 0; b < BF_DUP_BANDS; b++) {
    int is_new;
    uint32_t id = bf_keymap_intern(&a->dup_ids, dup_band_key(sig, b), &is_new);
    if (!id)
      return -1;
    if (is_new) {
      dup_bucket empty;
      memset(&empty, 0, sizeof empty);
      if (BF_VEC_PUSH(a->dup_buckets, empty))
        return -1;
    }
    dup_bucket *bk = &a->dup_buckets.v[id - 1];
    memmove(&bk->article[1], &bk->article[0],
            (DUP_BUCKET - 1) * sizeof bk->article[0]);
    bk->article[0] = article;
  }
  return 0;
}

/* ---- features of a pair ---------------------------------------------------
 */

/* A vector with its norm under today's weights, worked out once for all
 * the comparisons it takes part in. */
typedef struct normed {
  const bf_sparse *v;
  double norm;
} normed;

static normed weighed(const vocab *voc, const bf_sparse *v) {
  normed n = {v, weighted_norm(voc, v)};
  return n;
}

/* Cosine of two vectors under voc's weights; `dot`, when not NULL, gets
 * their weighted dot product. */
static double cosine_of(const vocab *voc, normed x, normed y, double *dot) {
  double d =
      x.norm > 0 && y.norm > 0 ? bf_sparse_dot(x.v, y.v, voc->idf2.v) : 0;
  if (dot)
    *dot = d;
  return d ? d / (x.norm * y.norm) : 0;
}

static double cosine(const vocab *voc, const bf_sparse *x, const bf_sparse *y) {
  return cosine_of(voc, weighed(voc, x), weighed(voc, y), NULL);
}

static double decay(double days, double scale) {
  return exp(-(days * days) / (2 * scale * scale));
}

/* The views of the article at hand, with their norms. */
typedef struct side {
  normed body, names, title;
  int32_t newest_day;
  double mean_day; /* NAN when undated */
} side;

static void pair_features(const bf_assigner *a, const side *x,
                          const story_state *s, double *out) {
  const vocab *t = &a->terms;
  memset(out, 0, BF_ASSIGN_FEATURES * sizeof *out);
  normed body = weighed(t, &s->body);
  double dot;
  out[BF_AF_BODY] = cosine_of(t, x->body, body, &dot);
  double best = 0;
  for (int r = 0; r < RECENT; r++) {
    if (!s->recent[r].article)
      continue;
    double c = cosine_of(t, x->body, weighed(t, &s->recent[r].v), NULL);
    if (c > best)
      best = c;
  }
  out[BF_AF_BODY_RECENT] = best;
  out[BF_AF_NAMES] = cosine_of(&a->name_words, x->names,
                               weighed(&a->name_words, &s->names), NULL);
  if (x->title.v->n && s->title.n) {
    out[BF_AF_TITLE] = cosine_of(t, x->title, weighed(t, &s->title), NULL);
    out[BF_AF_HAS_TITLE] = 1;
  }
  if (x->title.v->n)
    out[BF_AF_TITLE_BODY] = cosine_of(t, x->title, body, NULL);
  if (x->newest_day != BF_NO_DAY && s->dated) {
    double near = fabs((double)x->newest_day - s->newest_day);
    double far = fabs(x->mean_day - s->day_sum / s->dated);
    out[BF_AF_TIME_NEAR] = decay(near, TIME_NEAR_DAYS);
    out[BF_AF_TIME_FAR] = decay(far, TIME_FAR_DAYS);
    out[BF_AF_HAS_TIME] = 1;
  }
  out[BF_AF_SIZE] = log(1.0 + s->members.n);
  out[BF_AF_BODY_SQ] = out[BF_AF_BODY] * out[BF_AF_BODY];
  double n = (double)s->members.n;
  if (n && x->body.norm > 0) {
    out[BF_AF_AVG_LINK] = dot / (x->body.norm * n);
    out[BF_AF_COHESION] = body.norm / n;
  }
  out[BF_AF_BIAS] = 1;
}

static double join_probability(const bf_assigner *a, const double *x) {
  double z = 0;
  for (int k = 0; k < BF_ASSIGN_FEATURES; k++)
    z += a->cfg.model[k] * x[k];
  return 1.0 / (1.0 + exp(-z));
}

/* ---- joining ---------------------------------------------------------------
 */

static int insert_sorted(u32_vec *v, uint32_t id, int *added) {
  size_t lo = 0, hi = v->n;
  *added = 0;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v->v[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < v->n && v->v[lo] == id)
    return 0;
  if (BF_VEC_RESERVE(*v, v->n + 1))
    return -1;
  memmove(&v->v[lo + 1], &v->v[lo], (v->n - lo) * sizeof *v->v);
  v->v[lo] = id;
  v->n++;
  *added = 1;
  return 0;
}

/* Registers v's heaviest k ids for story `id` in the index. */
static int register_terms(bf_postings *ix, u32_vec *indexed, const vocab *voc,
                          const bf_sparse *v, size_t k, uint32_t id) {
  bf_sparse_entry top[INDEX_TERMS];
  size_t n = heaviest(v, voc->idf.v, k, top);
  for (size_t i = 0; i < n; i++) {
    int added;
    if (insert_sorted(indexed, top[i].id, &added) ||
        (added && bf_postings_add(ix, top[i].id, id)))
      return -1;
  }
  return 0;
}

static int absorb(const vocab *v, bf_sparse *into, const bf_sparse *x,
                  size_t keep) {
  if (bf_sparse_add(into, x, 1.0f))
    return -1;
  bf_sparse_prune(into, keep, v->idf.v);
  return 0;
}

static int keep_recent(const vocab *voc, story_state *s, uint32_t article,
                       const bf_sparse *v) {
  int slot = 0;
  for (int r = 1; r < RECENT; r++)
    if (s->recent[r].article < s->recent[slot].article)
      slot = r;
  if (bf_sparse_copy(&s->recent[slot].v, v))
    return -1;
  bf_sparse_prune(&s->recent[slot].v, RECENT_MAX, voc->idf.v);
  s->recent[slot].article = article;
  return 0;
}

static int new_story(bf_assigner *a, uint32_t *id) {
  story_state s;
  memset(&s, 0, sizeof s);
  s.newest_day = s.last_active = BF_NO_DAY;
  s.active = 1;
  if (BF_VEC_PUSH(a->stories, s) || BF_VEC_PUSH(a->open, 1))
    return -1;
  *id = (uint32_t)a->stories.n;
  return BF_VEC_PUSH(a->active, *id);
}

/* Files story `id` for the next merge pass. */
static int mark_dirty(bf_assigner *a, uint32_t id) {
  story_state *s = &a->stories.v[id - 1];
  if (s->dirty)
    return 0;
  s->dirty = 1;
  return BF_VEC_PUSH(a->dirty, id);
}

static int join_story(bf_assigner *a, uint32_t id, uint32_t article,
                      int32_t day) {
  story_state *s = &a->stories.v[id - 1];
  if (absorb(&a->terms, &s->body, &a->cur_body, BODY_MAX) ||
      absorb(&a->name_words, &s->names, &a->cur_names, NAMES_MAX) ||
      absorb(&a->terms, &s->title, &a->cur_title, TITLE_MAX) ||
      keep_recent(&a->terms, s, article, &a->cur_body) ||
      register_terms(&a->term_index, &s->indexed, &a->terms, &a->cur_body,
                     INDEX_TERMS, id) ||
      register_terms(&a->name_index, &s->indexed_names, &a->name_words,
                     &a->cur_names, INDEX_NAMES, id) ||
      BF_VEC_PUSH(s->members, article))
    return -1;
  if (a->cur_title.n)
    s->titled++;
  if (day != BF_NO_DAY) {
    if (s->newest_day == BF_NO_DAY || day > s->newest_day)
      s->newest_day = day;
    s->day_sum += day;
    s->dated++;
  }
  int32_t now = day != BF_NO_DAY ? day : a->stream_day;
  if (now != BF_NO_DAY && (s->last_active == BF_NO_DAY || now > s->last_active))
    s->last_active = now;
  return mark_dirty(a, id);
}

/* ---- idle stories and merges ------------------------------------------------
 */

static int keep_candidate(void *ctx, uint32_t id) {
  return story_is_candidate(ctx, id);
}

/* Stories idle longer than the window stop being candidates. */
/* An idle story is never weighed again: its vectors go, so memory follows
 * the stories still open, not all the stream ever held. */
static void forget_vectors(story_state *s) {
  bf_sparse_release(&s->body);
  bf_sparse_release(&s->names);
  bf_sparse_release(&s->title);
  for (int r = 0; r < RECENT; r++) {
    bf_sparse_release(&s->recent[r].v);
    s->recent[r].article = 0;
  }
  BF_VEC_FREE(s->indexed);
  BF_VEC_FREE(s->indexed_names);
}

static void sweep_idle(bf_assigner *a) {
  if (a->cfg.window_days <= 0 || a->stream_day == BF_NO_DAY)
    return;
  size_t o = 0;
  for (size_t i = 0; i < a->active.n; i++) {
    story_state *s = &a->stories.v[a->active.v[i] - 1];
    if (s->merged_into)
      continue;
    if (s->last_active != BF_NO_DAY &&
        a->stream_day - s->last_active > a->cfg.window_days) {
      s->active = 0;
      a->open.v[a->active.v[i]] = 0;
      a->idle_in_index++;
      forget_vectors(s);
      continue;
    }
    a->active.v[o++] = a->active.v[i];
  }
  a->active.n = o;
  if (a->idle_in_index * SWEEP_SHARE > a->stories.n) {
    bf_postings_filter(&a->term_index, keep_candidate, a);
    bf_postings_filter(&a->name_index, keep_candidate, a);
    a->idle_in_index = 0;
  }
}

static int merge_story(bf_assigner *a, uint32_t from, uint32_t into, double p);

/* A story's vectors with their norms, worked out once for all the stories
 * it is weighed against in a merge pass. */
typedef struct story_view {
  const story_state *s;
  normed body, names, title;
  normed recent[RECENT]; /* norm 0 where a slot is empty */
} story_view;

static void view_story(const bf_assigner *a, const story_state *s,
                       story_view *v) {
  v->s = s;
  v->body = weighed(&a->terms, &s->body);
  v->names = weighed(&a->name_words, &s->names);
  v->title = weighed(&a->terms, &s->title);
  for (int r = 0; r < RECENT; r++) {
    normed empty = {&s->recent[r].v, 0};
    v->recent[r] =
        s->recent[r].article ? weighed(&a->terms, &s->recent[r].v) : empty;
  }
}

static double best_recent_pair(const vocab *v, const story_view *x,
                               const story_view *y) {
  double best = 0;
  for (int i = 0; i < RECENT; i++)
    for (int k = 0; k < RECENT; k++) {
      double c = cosine_of(v, x->recent[i], y->recent[k], NULL);
      if (c > best)
        best = c;
    }
  return best;
}

static void merge_features(const bf_assigner *a, const story_view *vx,
                           const story_view *vy, double *out) {
  const vocab *t = &a->terms;
  if (vx->s->members.n > vy->s->members.n) {
    const story_view *swap = vx;
    vx = vy;
    vy = swap;
  }
  const story_state *x = vx->s, *y = vy->s;
  memset(out, 0, BF_MERGE_FEATURES * sizeof *out);
  double dot;
  out[BF_MF_BODY] = cosine_of(t, vx->body, vy->body, &dot);
  out[BF_MF_RECENT] = best_recent_pair(t, vx, vy);
  out[BF_MF_NAMES] = cosine_of(&a->name_words, vx->names, vy->names, NULL);
  if (x->title.n && y->title.n) {
    out[BF_MF_TITLE] = cosine_of(t, vx->title, vy->title, NULL);
    out[BF_MF_HAS_TITLE] = 1;
  }
  if (x->dated && y->dated) {
    double near = fabs((double)x->newest_day - y->newest_day);
    double far = fabs(x->day_sum / x->dated - y->day_sum / y->dated);
    out[BF_MF_TIME_NEAR] = decay(near, TIME_NEAR_DAYS);
    out[BF_MF_TIME_FAR] = decay(far, TIME_FAR_DAYS);
    out[BF_MF_HAS_TIME] = 1;
  }
  out[BF_MF_SIZE_SMALL] = log(1.0 + x->members.n);
  out[BF_MF_SIZE_LARGE] = log(1.0 + y->members.n);
  out[BF_MF_BODY_SQ] = out[BF_MF_BODY] * out[BF_MF_BODY];
  double nx = (double)x->members.n, ny = (double)y->members.n;
  if (nx && ny) {
    out[BF_MF_AVG_LINK] = dot / (nx * ny);
    out[BF_MF_COHESION_SMALL] = vx->body.norm / nx;
    out[BF_MF_COHESION_LARGE] = vy->body.norm / ny;
  }
  out[BF_MF_BIAS] = 1;
}

static double merge_probability(const bf_assigner *a, const double *x) {
  double z = 0;
  for (int k = 0; k < BF_MERGE_FEATURES; k++)
    z += a->cfg.merge_model[k] * x[k];
  return 1.0 / (1.0 + exp(-z));
}

/* The story most probably one with `id`, if the merge model says any (0).
 * Returns 0, or -1 when out of memory. */
static int merge_target(bf_assigner *a, uint32_t id, uint32_t *target,
                        double *p_out) {
  story_state *s = &a->stories.v[id - 1];
  uint32_t cand[CANDIDATES];
  int failed =
      scan_index(a, &a->term_index, &a->terms, &s->body, QUERY_TERMS) ||
      scan_index(a, &a->name_index, &a->name_words, &s->names, QUERY_NAMES);
  size_t n = best_candidates(a, cand);
  if (failed)
    return -1;
  uint32_t best = 0;
  double best_p = 0.5, f[BF_MERGE_FEATURES];
  story_view vs, vc;
  view_story(a, s, &vs);
  for (size_t i = 0; i < n; i++) {
    if (cand[i] == id)
      continue;
    view_story(a, &a->stories.v[cand[i] - 1], &vc);
    merge_features(a, &vs, &vc, f);
    if (a->cfg.merge_probe)
      a->cfg.merge_probe(a->cfg.probe_ctx, id, cand[i], f);
    double p = merge_probability(a, f);
    if (p > best_p) {
      best_p = p;
      best = cand[i];
    }
  }
  *p_out = best_p;
  *target = best;
  return 0;
}

static int cmp_u32(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

/* Each story changed since the last pass, oldest first, is merged with the
 * story the merge model finds most probably one with it, when that story,
 * judged the same way, finds it back: both sides must agree. A story that
 * grows by a merge is looked at again in the next pass. The work is the
 * stories changed, never all stories. */
static int merge_pass(bf_assigner *a) {
  u32_vec todo = a->dirty;
  memset(&a->dirty, 0, sizeof a->dirty);
  if (todo.n > 1)
    qsort(todo.v, todo.n, sizeof *todo.v, cmp_u32);
  int rc = 0;
  for (size_t i = 0; i < todo.n && !rc; i++) {
    uint32_t id = todo.v[i], t, back;
    story_state *s = &a->stories.v[id - 1];
    if (!s->dirty)
      continue;
    s->dirty = 0;
    if (!story_is_candidate(a, id))
      continue;
    double p, q;
    rc = merge_target(a, id, &t, &p);
    if (rc || !t || !a->cfg.merge)
      continue;
    rc = merge_target(a, t, &back, &q);
    if (rc || back != id)
      continue;
    uint32_t into = t < id ? t : id, from = t < id ? id : t;
    rc = merge_story(a, from, into, p < q ? p : q);
  }
  BF_VEC_FREE(todo);
  return rc;
}

static int merge_recent(story_state *into, story_state *from) {
  for (int r = 0; r < RECENT; r++) {
    recent_vec *x = &from->recent[r];
    int slot = 0;
    for (int k = 1; k < RECENT; k++)
      if (into->recent[k].article < into->recent[slot].article)
        slot = k;
    if (x->article <= into->recent[slot].article)
      continue;
    bf_sparse tmp = into->recent[slot].v;
    into->recent[slot] = *x;
    x->v = tmp;
    x->article = 0;
  }
  return 0;
}

static int merge_index(bf_postings *ix, u32_vec *into_ids, const u32_vec *ids,
                       uint32_t into) {
  for (size_t i = 0; i < ids->n; i++) {
    int added;
    if (insert_sorted(into_ids, ids->v[i], &added) ||
        (added && bf_postings_add(ix, ids->v[i], into)))
      return -1;
  }
  return 0;
}

static int merge_story(bf_assigner *a, uint32_t from, uint32_t into, double p) {
  story_state *f = &a->stories.v[from - 1], *t = &a->stories.v[into - 1];
  bf_merge m = {from, into, p};
  if (absorb(&a->terms, &t->body, &f->body, BODY_MAX) ||
      absorb(&a->name_words, &t->names, &f->names, NAMES_MAX) ||
      absorb(&a->terms, &t->title, &f->title, TITLE_MAX) ||
      merge_recent(t, f) ||
      merge_index(&a->term_index, &t->indexed, &f->indexed, into) ||
      merge_index(&a->name_index, &t->indexed_names, &f->indexed_names, into) ||
      BF_VEC_RESERVE(t->members, t->members.n + f->members.n) ||
      BF_VEC_PUSH(a->merges, m))
    return -1;
  for (size_t i = 0; i < f->members.n; i++) {
    t->members.v[t->members.n++] = f->members.v[i];
    a->arts.v[f->members.v[i] - 1].story = into;
  }
  if (f->newest_day != BF_NO_DAY &&
      (t->newest_day == BF_NO_DAY || f->newest_day > t->newest_day))
    t->newest_day = f->newest_day;
  if (f->last_active != BF_NO_DAY &&
      (t->last_active == BF_NO_DAY || f->last_active > t->last_active))
    t->last_active = f->last_active;
  t->day_sum += f->day_sum;
  t->dated += f->dated;
  t->titled += f->titled;
  story_release(f);
  memset(f, 0, sizeof *f);
  f->merged_into = into;
  a->open.v[from] = 0;
  a->idle_in_index++;
  return mark_dirty(a, into);
}

/* ---- one article ------------------------------------------------------------
 */

static int assign_common(bf_assigner *a, const bf_features *f, int32_t day,
                         int forced, uint32_t story, bf_assign_probe probe,
                         void *ctx, bf_assignment *out) {
  memset(out, 0, sizeof *out);
  if (day != BF_NO_DAY && (a->stream_day == BF_NO_DAY || day > a->stream_day)) {
    a->stream_day = day;
    sweep_idle(a);
  }
  if (article_vectors(a, f) || BF_VEC_RESERVE(a->arts, a->arts.n + 1))
    return -1;
  uint32_t article = (uint32_t)a->arts.n + 1;
  art_state st;
  memset(&st, 0, sizeof st);
  st.day = day;
  memcpy(st.sig, f->dup_sig, sizeof st.sig);
  uint32_t copy = f->words ? find_copy(a, f->dup_sig) : 0;
  uint32_t cand[CANDIDATES];
  int failed =
      scan_index(a, &a->term_index, &a->terms, &a->cur_body, QUERY_TERMS) ||
      scan_index(a, &a->name_index, &a->name_words, &a->cur_names, QUERY_NAMES);
  size_t n = best_candidates(a, cand);
  if (failed)
    return -1;
  side x = {weighed(&a->terms, &a->cur_body),
            weighed(&a->name_words, &a->cur_names),
            weighed(&a->terms, &a->cur_title), day, day};
  double fx[BF_ASSIGN_FEATURES], best_p = 0;
  uint32_t best = 0;
  for (size_t i = 0; i < n; i++) {
    const story_state *s = &a->stories.v[cand[i] - 1];
    pair_features(a, &x, s, fx);
    if (probe)
      probe(ctx, cand[i], fx);
    double p = join_probability(a, fx);
    if (p > best_p) {
      best_p = p;
      best = cand[i];
    }
    if (cand[i] == story)
      out->p = p;
  }
  if (!forced) {
    if (copy) {
      story = a->arts.v[copy - 1].story;
      out->dup_of = copy;
      out->p = 1;
    } else if (best_p > 0.5) {
      story = best;
      out->p = best_p;
    } else {
      story = 0;
      out->p = best_p;
    }
  }
  if (!story) {
    if (new_story(a, &story))
      return -1;
    out->is_new = 1;
  }
  if (story > a->stories.n)
    return -1;
  const story_state *s = &a->stories.v[story - 1];
  st.centrality =
      out->is_new ? 1.0f : (float)cosine(&a->terms, &a->cur_body, &s->body);
  st.story = story;
  a->arts.v[a->arts.n++] = st;
  if (join_story(a, story, article, day) ||
      file_copy_bands(a, article, f->dup_sig))
    return -1;
  out->story = story;
  size_t every = a->cfg.merge_every ? a->cfg.merge_every : MERGE_EVERY;
  if ((a->cfg.merge || a->cfg.merge_probe) && article % every == 0 &&
      merge_pass(a))
    return -1;
  return 0;
}

int bf_assign(bf_assigner *a, const bf_features *f, int32_t day,
              bf_assign_probe probe, void *ctx, bf_assignment *out) {
  return assign_common(a, f, day, 0, 0, probe, ctx, out);
}

int bf_assign_forced(bf_assigner *a, const bf_features *f, int32_t day,
                     uint32_t story, bf_assign_probe probe, void *ctx,
                     bf_assignment *out) {
  return assign_common(a, f, day, 1, story, probe, ctx, out);
}

/* ---- reading ------------------------------------------------------------- */

const bf_merge *bf_assigner_merges(bf_assigner *a, size_t *n) {
  *n = a->merges.n;
  return a->merges.v;
}

void bf_assigner_clear_merges(bf_assigner *a) {
  a->merges.n = 0;
}

size_t bf_assigner_article_count(const bf_assigner *a) {
  return a->arts.n;
}

size_t bf_assigner_story_count(const bf_assigner *a) {
  return a->stories.n;
}

uint32_t bf_assigner_story_of(const bf_assigner *a, uint32_t article) {
  return article && article <= a->arts.n ? a->arts.v[article - 1].story : 0;
}

int bf_assigner_story_active(const bf_assigner *a, uint32_t story) {
  return story && story <= a->stories.n && story_is_candidate(a, story);
}

double bf_assigner_centrality(const bf_assigner *a, uint32_t article) {
  return article && article <= a->arts.n ? a->arts.v[article - 1].centrality
                                         : 0;
}

static size_t sparse_bytes(const bf_sparse *v) {
  return v->cap * sizeof *v->v;
}

/* Document frequencies, weights and the table of logarithms. */
static size_t vocab_bytes(const vocab *v) {
  return v->ids.nslots * 12 + v->df.cap * 4 + (v->idf.cap + v->idf2.cap) * 4 +
         v->logs.cap * 8;
}

size_t bf_assigner_bytes(const bf_assigner *a) {
  size_t b =
      vocab_bytes(&a->terms) + vocab_bytes(&a->name_words) + a->open.cap +
      a->dirty.cap * 4 + a->active.cap * 4 +
      a->merges.cap * sizeof *a->merges.v + sizeof *a +
      a->arts.cap * sizeof *a->arts.v + a->stories.cap * sizeof *a->stories.v +
      a->dup_buckets.cap * sizeof *a->dup_buckets.v + a->dup_ids.nslots * 12 +
      a->term_index.total * 4 + a->name_index.total * 4 +
      (a->term_index.nlists + a->name_index.nlists) * sizeof(bf_posting_list);
  for (size_t i = 0; i < a->stories.n; i++) {
    const story_state *s = &a->stories.v[i];
    b += sparse_bytes(&s->body) + sparse_bytes(&s->names) +
         sparse_bytes(&s->title) + s->members.cap * 4 + s->indexed.cap * 4 +
         s->indexed_names.cap * 4;
    for (int r = 0; r < RECENT; r++)
      b += sparse_bytes(&s->recent[r].v);
  }
  return b;
}

/* ---- snapshots ---------------------------------------------------------
 *
 * Everything a later decision depends on, in the order it was built: keys
 * in id order (re-interning them in that order gives the same ids), every
 * posting list in order (a walk reads the newest), the pass lists in order.
 * Numbers are written as they are in memory; a snapshot from a machine of
 * another byte order, or from another model or format, is refused and the
 * stream is replayed instead.
 */

enum { SNAPSHOT_FORMAT = 1 };
#define SNAPSHOT_MAGIC 0x62667361u /* "bfsa" */

/* The model and the constants a snapshot's state was built with. */
static uint64_t model_fingerprint(const bf_assigner *a) {
  uint64_t h = bf_hash(a->cfg.model, BF_ASSIGN_FEATURES * sizeof(double));
  h ^= bf_hash_mix(
      bf_hash(a->cfg.merge_model, BF_MERGE_FEATURES * sizeof(double)));
  const uint32_t shape[] = {BODY_MAX,    NAMES_MAX,      TITLE_MAX,
                            RECENT,      RECENT_MAX,     INDEX_TERMS,
                            INDEX_NAMES, DUP_BUCKET,     BF_DUP_HASHES,
                            IDF_GROWTH,  SNAPSHOT_FORMAT};
  h ^= bf_hash_mix(bf_hash(shape, sizeof shape) + 1);
  double settings[] = {a->cfg.window_days, (double)a->cfg.merge,
                       (double)a->cfg.merge_every};
  return h ^ bf_hash_mix(bf_hash(settings, sizeof settings) + 2);
}

static void put(bf_buf *b, const void *p, size_t n) {
  bf_buf_append(b, p, n);
}
#define PUT(b, v) put((b), &(v), sizeof(v))

static void put_array(bf_buf *b, const void *p, size_t n, size_t elem) {
  uint64_t count = n;
  PUT(b, count);
  put(b, p, n * elem);
}

static void put_sparse(bf_buf *b, const bf_sparse *s) {
  put_array(b, s->v, s->n, sizeof *s->v);
}

static void put_keymap(bf_buf *b, const bf_keymap *m) {
  uint64_t *keys = calloc(m->n + 1, sizeof *keys);
  if (!keys) {
    b->oom = 1;
    return;
  }
  for (size_t i = 0; i < m->nslots; i++)
    if (m->ids[i])
      keys[m->ids[i] - 1] = m->keys[i];
  put_array(b, keys, m->n, sizeof *keys);
  free(keys);
}

static void put_vocab(bf_buf *b, const vocab *v) {
  put_keymap(b, &v->ids);
  put_array(b, v->df.v, v->df.n, sizeof *v->df.v);
  put_array(b, v->idf.v, v->idf.n, sizeof *v->idf.v);
  uint64_t docs = v->docs, weighed = v->docs_weighed;
  PUT(b, docs);
  PUT(b, weighed);
}

static void put_story(bf_buf *b, const story_state *s) {
  put_sparse(b, &s->body);
  put_sparse(b, &s->names);
  put_sparse(b, &s->title);
  for (int r = 0; r < RECENT; r++) {
    PUT(b, s->recent[r].article);
    put_sparse(b, &s->recent[r].v);
  }
  put_array(b, s->indexed.v, s->indexed.n, sizeof *s->indexed.v);
  put_array(b, s->indexed_names.v, s->indexed_names.n,
            sizeof *s->indexed_names.v);
  put_array(b, s->members.v, s->members.n, sizeof *s->members.v);
  PUT(b, s->newest_day);
  PUT(b, s->last_active);
  PUT(b, s->day_sum);
  PUT(b, s->dated);
  PUT(b, s->titled);
  PUT(b, s->merged_into);
  PUT(b, s->active);
  PUT(b, s->dirty);
}

static void put_postings(bf_buf *b, const bf_postings *p) {
  uint64_t lists = p->nlists;
  PUT(b, lists);
  for (size_t k = 0; k < p->nlists; k++)
    put_array(b, p->lists[k].ids, p->lists[k].n, sizeof *p->lists[k].ids);
}

int bf_assigner_snapshot(const bf_assigner *a, bf_buf *b) {
  uint32_t magic = SNAPSHOT_MAGIC;
  uint64_t print = model_fingerprint(a), idle = a->idle_in_index;
  PUT(b, magic);
  PUT(b, print);
  put_vocab(b, &a->terms);
  put_vocab(b, &a->name_words);
  uint64_t nstories = a->stories.n;
  PUT(b, nstories);
  for (size_t i = 0; i < a->stories.n; i++)
    put_story(b, &a->stories.v[i]);
  put_array(b, a->arts.v, a->arts.n, sizeof *a->arts.v);
  put_postings(b, &a->term_index);
  put_postings(b, &a->name_index);
  put_keymap(b, &a->dup_ids);
  put_array(b, a->dup_buckets.v, a->dup_buckets.n, sizeof *a->dup_buckets.v);
  put_array(b, a->active.v, a->active.n, sizeof *a->active.v);
  put_array(b, a->open.v, a->open.n, sizeof *a->open.v);
  put_array(b, a->dirty.v, a->dirty.n, sizeof *a->dirty.v);
  PUT(b, a->stream_day);
  PUT(b, idle);
  PUT(b, magic);
  return b->oom ? -1 : 0;
}

/* A reader over a snapshot: every read checks the bytes are there. */
typedef struct reader {
  const uint8_t *p, *end;
  int bad;
} reader;

static void get(reader *r, void *out, size_t n) {
  if (r->bad || (size_t)(r->end - r->p) < n) {
    r->bad = 1;
    memset(out, 0, n);
    return;
  }
  memcpy(out, r->p, n);
  r->p += n;
}
#define GET(r, v) get((r), &(v), sizeof(v))

/* Reads an array's count and items into *vec (a BF_VEC of `elem` items). */
static int get_array(reader *r, void **v, size_t *n, size_t *cap, size_t elem) {
  uint64_t count;
  GET(r, count);
  if (r->bad || count > (uint64_t)(r->end - r->p) / (elem ? elem : 1))
    return r->bad = 1, -1;
  if (bf_grow(v, cap, count ? count : 1, elem))
    return r->bad = 1, -1;
  get(r, *v, count * elem);
  *n = count;
  return r->bad ? -1 : 0;
}
#define GET_VEC(r, vec)                                                        \
  get_array((r), (void **)&(vec).v, &(vec).n, &(vec).cap, sizeof *(vec).v)

static int get_sparse(reader *r, bf_sparse *s) {
  size_t n = 0, cap = s->cap;
  if (get_array(r, (void **)&s->v, &n, &cap, sizeof *s->v))
    return -1;
  s->n = (uint32_t)n;
  s->cap = (uint32_t)cap;
  return 0;
}

static int get_keymap(reader *r, bf_keymap *m) {
  BF_VEC(uint64_t) keys = {0};
  if (GET_VEC(r, keys))
    return -1;
  int failed = 0;
  for (size_t i = 0; i < keys.n && !failed; i++) {
    int is_new;
    failed = bf_keymap_intern(m, keys.v[i], &is_new) != i + 1;
  }
  BF_VEC_FREE(keys);
  return failed ? (r->bad = 1, -1) : 0;
}

static int get_vocab(reader *r, vocab *v) {
  uint64_t docs, weighed;
  if (get_keymap(r, &v->ids) || GET_VEC(r, v->df) || GET_VEC(r, v->idf))
    return -1;
  GET(r, docs);
  GET(r, weighed);
  v->docs = docs;
  v->docs_weighed = weighed;
  if (r->bad || v->idf.n != v->df.n + 1 || BF_VEC_RESERVE(v->idf2, v->idf.n))
    return r->bad = 1, -1;
  for (size_t i = 0; i < v->idf.n; i++)
    v->idf2.v[i] = v->idf.v[i] * v->idf.v[i];
  v->idf2.n = v->idf.n;
  while (v->logs.n <= v->docs) {
    double next = log1p((double)v->logs.n);
    if (BF_VEC_PUSH(v->logs, next))
      return r->bad = 1, -1;
  }
  return 0;
}

static int get_story(reader *r, story_state *s) {
  if (get_sparse(r, &s->body) || get_sparse(r, &s->names) ||
      get_sparse(r, &s->title))
    return -1;
  for (int k = 0; k < RECENT; k++) {
    GET(r, s->recent[k].article);
    if (get_sparse(r, &s->recent[k].v))
      return -1;
  }
  if (GET_VEC(r, s->indexed) || GET_VEC(r, s->indexed_names) ||
      GET_VEC(r, s->members))
    return -1;
  GET(r, s->newest_day);
  GET(r, s->last_active);
  GET(r, s->day_sum);
  GET(r, s->dated);
  GET(r, s->titled);
  GET(r, s->merged_into);
  GET(r, s->active);
  GET(r, s->dirty);
  return r->bad ? -1 : 0;
}

static int get_postings(reader *r, bf_postings *p) {
  uint64_t lists;
  GET(r, lists);
  for (uint64_t k = 0; !r->bad && k < lists; k++) {
    BF_VEC(uint32_t) ids = {0};
    if (GET_VEC(r, ids))
      return -1;
    for (size_t i = 0; i < ids.n && !r->bad; i++)
      if (bf_postings_add(p, (uint32_t)k, ids.v[i]))
        r->bad = 1;
    BF_VEC_FREE(ids);
  }
  return r->bad ? -1 : 0;
}

static int get_stories(reader *r, bf_assigner *a) {
  uint64_t n;
  GET(r, n);
  if (r->bad || n > (uint64_t)(r->end - r->p) || BF_VEC_RESERVE(a->stories, n))
    return r->bad = 1, -1;
  for (uint64_t i = 0; i < n; i++) {
    story_state *s = &a->stories.v[a->stories.n++];
    memset(s, 0, sizeof *s);
    if (get_story(r, s))
      return -1;
  }
  return 0;
}

static int ids_below(const bf_sparse *v, size_t limit) {
  for (uint32_t i = 0; i < v->n; i++)
    if (!v->v[i].id || v->v[i].id >= limit)
      return 0;
  return 1;
}

static int all_below(const uint32_t *v, size_t n, size_t limit) {
  for (size_t i = 0; i < n; i++)
    if (!v[i] || v[i] >= limit)
      return 0;
  return 1;
}

/* A story's vectors name known terms, names and articles. */
static int story_consistent(const bf_assigner *a, const story_state *s) {
  size_t terms = a->terms.df.n + 1, names = a->name_words.df.n + 1;
  int ok = ids_below(&s->body, terms) && ids_below(&s->title, terms) &&
           ids_below(&s->names, names) &&
           all_below(s->indexed.v, s->indexed.n, terms) &&
           all_below(s->indexed_names.v, s->indexed_names.n, names) &&
           all_below(s->members.v, s->members.n, a->arts.n + 1) &&
           s->merged_into <= a->stories.n;
  for (int r = 0; r < RECENT && ok; r++)
    ok = ids_below(&s->recent[r].v, terms) && s->recent[r].article <= a->arts.n;
  return ok;
}

static int postings_consistent(const bf_postings *p, size_t stories) {
  for (size_t k = 0; k < p->nlists; k++)
    if (!all_below(p->lists[k].ids, p->lists[k].n, stories + 1))
      return 0;
  return 1;
}

/* Checks what the arrays say of each other, so no later index is out of
 * bounds. */
static int consistent(const bf_assigner *a) {
  if (a->open.n != a->stories.n + 1 ||
      !postings_consistent(&a->term_index, a->stories.n) ||
      !postings_consistent(&a->name_index, a->stories.n))
    return 0;
  for (size_t i = 0; i < a->stories.n; i++)
    if (!story_consistent(a, &a->stories.v[i]))
      return 0;
  for (size_t i = 0; i < a->arts.n; i++)
    if (!a->arts.v[i].story || a->arts.v[i].story > a->stories.n)
      return 0;
  for (size_t i = 0; i < a->active.n; i++)
    if (!a->active.v[i] || a->active.v[i] > a->stories.n)
      return 0;
  for (size_t i = 0; i < a->dirty.n; i++)
    if (!a->dirty.v[i] || a->dirty.v[i] > a->stories.n)
      return 0;
  if (a->dup_buckets.n != a->dup_ids.n)
    return 0;
  for (size_t i = 0; i < a->dup_buckets.n; i++)
    for (int k = 0; k < DUP_BUCKET; k++)
      if (a->dup_buckets.v[i].article[k] > a->arts.n)
        return 0;
  return 1;
}

bf_assigner *bf_assigner_restore(const bf_assign_config *cfg, const void *data,
                                 size_t len) {
  bf_assigner *a = bf_assigner_new(cfg);
  if (!a)
    return NULL;
  reader r = {data, (const uint8_t *)data + len, 0};
  uint32_t magic, end_magic;
  uint64_t print, idle;
  GET(&r, magic);
  GET(&r, print);
  a->open.n = 0;
  if (r.bad || magic != SNAPSHOT_MAGIC || print != model_fingerprint(a) ||
      get_vocab(&r, &a->terms) || get_vocab(&r, &a->name_words) ||
      get_stories(&r, a) || GET_VEC(&r, a->arts) ||
      get_postings(&r, &a->term_index) || get_postings(&r, &a->name_index) ||
      get_keymap(&r, &a->dup_ids) || GET_VEC(&r, a->dup_buckets) ||
      GET_VEC(&r, a->active) || GET_VEC(&r, a->open) || GET_VEC(&r, a->dirty)) {
    bf_assigner_free(a);
    return NULL;
  }
  GET(&r, a->stream_day);
  GET(&r, idle);
  GET(&r, end_magic);
  a->idle_in_index = idle;
  if (r.bad || end_magic != SNAPSHOT_MAGIC || r.p != r.end || !consistent(a)) {
    bf_assigner_free(a);
    return NULL;
  }
  return a;
}
