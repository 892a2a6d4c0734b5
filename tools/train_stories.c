/*
 * train_stories.c - fits the join-or-new and merge models of
 * src/stories/assign.c and scores the assign stage on development streams.
 *
 *   train_stories [-o assign_model.h] [--l2 X] [--folds K] [--dagger N]
 *                 [--window D]... [--shuffle SEED] [--fit-seed S]
 *                 [--fold-seed S] [--weights W,...] [--shipped]
 *                 [--dump FILE] STREAM.jsonl...
 *
 * Each STREAM is a story-clustering development set: JSON lines with
 * "id", "date", "title", "text" and the gold "story". The articles go
 * through the desk's own ingest and features, then through the assign stage
 * with the gold story forced (teacher forcing): every candidate story the
 * stage weighs for an article is one example, labelled 1 when it is the
 * article's gold story. N rounds (--dagger, default 2) then run the fitted
 * models themselves and add the examples of the states they reach, for
 * both the join model and the merge model. Examples are weighted so that
 * every stream counts alike. The models are logistic regressions with a
 * small L2 penalty.
 *
 * The tool then runs every stream unforced with the fitted models and prints
 * pairwise and B-cubed P/R/F1 for each idle window (--window, repeatable;
 * default 0 and 7 days), and the articles per second of those runs
 * (assignment alone: features are computed beforehand). --folds K (default
 * 2) also cross-validates: the gold stories of every stream are dealt into
 * K folds by a hash of their label; the models fitted on the other folds of
 * all streams assign the articles of one fold, and the scores are averaged
 * over folds (--fold-seed S deals them otherwise). The models are always
 * fitted with the undated articles of every stream in a random order
 * (--fit-seed, default 1; dated ones keep their date order), so that they
 * cannot learn from the order of the file; --shuffle SEED puts the runs'
 * undated articles in a random order too, so that a figure that leans on
 * the order of the file shows. --weights W,... sets how much each stream
 * counts in a fit (all alike by default). --shipped scores the model compiled
 * in (src/stories/assign_model.h) instead of fitting one; --dump writes the
 * in-sample assignment of the first window, one article a line (stream,
 * id, gold hash, final story, story when assigned, new, copy of, p).
 *
 * A development tool: not part of the library or the CLI.
 */
#include "brief.h"
#include "core/logistic.h"
#include "core/text.h"
#include "core/vec.h"
#include "pipeline/pipeline.h"
#include "stories/assign.h"
#include "stories/assign_model.h"
#include "stories/features.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { K = BF_ASSIGN_FEATURES, KM = BF_MERGE_FEATURES, MAX_STREAMS = 8 };

typedef struct item {
  bf_features f;
  char *id; /* the article's id, for --dump */
  int32_t day;
  uint64_t gold;
  uint8_t stream;
} item;

typedef BF_VEC(item) item_vec;
typedef BF_VEC(float) float_vec;

static const char *stream_names[MAX_STREAMS];
static FILE *dump;         /* --dump: stream, id, gold hash, predicted story */
static double dump_window; /* the window whose in-sample run is dumped */
static size_t nstreams;

static void die(const char *what, const char *msg) {
  fprintf(stderr, "train_stories: %s: %s\n", what, msg);
  exit(1);
}

static void read_item(bf_featurizer *fz, json_t *obj, const char *where,
                      uint8_t stream, item_vec *out) {
  json_t *story = json_object_get(obj, "story");
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = json_string_value(json_object_get(obj, "id"));
  a.date = json_string_value(json_object_get(obj, "date"));
  a.title = json_string_value(json_object_get(obj, "title"));
  a.text = json_string_value(json_object_get(obj, "text"));
  if (!a.text || !json_is_string(story))
    die(where, "needs \"text\" and a gold \"story\"");
  a.text_len = strlen(a.text);
  bf_ingested x;
  brief_error err;
  if (bf_ingest_one(&a, where, &x, &err) != BRIEF_OK)
    die(where, err.message);
  item it;
  memset(&it, 0, sizeof it);
  /* Stream time is the file's date: a date the clean stage reads off a
   * dateline in an undated set (31 Multi-News articles, 2009 to 2018, in
   * no order) is no time of the stream, and would expire stories at
   * random. */
  it.day = a.date && *a.date ? x.day : BF_NO_DAY;
  it.gold = bf_hash(json_string_value(story), strlen(json_string_value(story)));
  it.stream = stream;
  it.id = strdup(a.id ? a.id : "");
  if (!it.id)
    die(where, "out of memory");
  if (!x.len)
    free(it.id);
  if (x.len &&
      (bf_featurize(fz, x.text, x.len, x.title, strlen(x.title), &it.f) ||
       BF_VEC_PUSH(*out, it)))
    die(where, "out of memory");
  bf_ingested_release(&x);
}

static void read_stream(bf_featurizer *fz, const char *path, uint8_t stream,
                        item_vec *out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die(path, "cannot open");
  char *line = NULL, where[600];
  size_t cap = 0, lineno = 0;
  while (getline(&line, &cap, f) >= 0) {
    json_error_t jerr;
    snprintf(where, sizeof where, "%.500s:%zu", path, ++lineno);
    json_t *obj = json_loads(line, 0, &jerr);
    if (!obj)
      die(where, jerr.text);
    read_item(fz, obj, where, stream, out);
    json_decref(obj);
  }
  free(line);
  fclose(f);
}

/* --fold-seed: deals the gold stories into other folds. */
static uint64_t fold_seed;

/* Fold of a gold story: which part of the data it is left out in. */
static unsigned fold_of(uint64_t gold, unsigned folds) {
  return (unsigned)(bf_hash_mix(gold + fold_seed) % folds);
}

static int in_part(const item *it, unsigned folds, int fold, int keep) {
  if (fold < 0)
    return 1;
  return (fold_of(it->gold, folds) == (unsigned)fold) == keep;
}

/* ---- examples by teacher forcing -------------------------------------- */

/* The two models of the assign stage. */
typedef struct models {
  double join[K], merge[KM];
} models;

/* Examples of one model: rows of features, labels, and each row's stream
 * (turned into a weight before fitting). */
typedef struct examples {
  float_vec x, y, stream, w;
} examples;

typedef struct collect {
  examples join, merge;
  BF_VEC(uint64_t) founder; /* on-policy runs: story id -> its first gold */
  uint64_t gold;            /* on-policy runs: the article's gold story */
  int on_policy;
  uint32_t gold_story;
  uint8_t stream;
  int found;            /* the gold story was among the candidates */
  size_t joins, misses; /* articles of existing stories; not found */
} collect;

static void add_example(examples *e, const double *f, int k, int label,
                        uint8_t stream, double weight) {
  for (int i = 0; i < k; i++)
    if (BF_VEC_PUSH(e->x, (float)f[i]))
      die("examples", "out of memory");
  if (BF_VEC_PUSH(e->y, label ? 1.0f : 0.0f) ||
      BF_VEC_PUSH(e->stream, (float)stream) || BF_VEC_PUSH(e->w, (float)weight))
    die("examples", "out of memory");
}

static void examples_release(examples *e) {
  BF_VEC_FREE(e->x);
  BF_VEC_FREE(e->y);
  BF_VEC_FREE(e->stream);
  BF_VEC_FREE(e->w);
}

/* Whether story `story` is the article's at hand: its gold story when
 * forced, else a story whose first article has the article's gold. */
static int is_right(const collect *c, uint32_t story) {
  if (!c->on_policy)
    return story == c->gold_story;
  return story < c->founder.n && c->founder.v[story] == c->gold;
}

static void take_merge_example(void *ctx, uint32_t x, uint32_t y,
                               const double *f) {
  collect *c = ctx;
  if (x >= c->founder.n || y >= c->founder.n)
    return; /* a story this very article started: no founder filed yet */
  add_example(&c->merge, f, KM, c->founder.v[x] == c->founder.v[y], c->stream,
              1);
}

static void take_example(void *ctx, uint32_t story, const double *x) {
  collect *c = ctx;
  add_example(&c->join, x, K, is_right(c, story), c->stream, 1);
  if (story == c->gold_story)
    c->found = 1;
}

/* Story ids of the forced run, by gold label (linear probing). */
typedef struct gold_map {
  uint64_t *keys;
  uint32_t *story;
  size_t cap;
} gold_map;

static uint32_t *gold_slot(gold_map *m, uint64_t key) {
  size_t i = bf_hash_mix(key) & (m->cap - 1);
  while (m->story[i] && m->keys[i] != key)
    i = (i + 1) & (m->cap - 1);
  m->keys[i] = key;
  return &m->story[i];
}

static void forced_stream(const item_vec *items, uint8_t stream, unsigned folds,
                          int fold, collect *c) {
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.window_days = 0;
  cfg.merge = 0;
  bf_assigner *a = bf_assigner_new(&cfg);
  gold_map m = {calloc(8192, 8), calloc(8192, 4), 8192};
  if (!a || !m.keys || !m.story)
    die("forced run", "out of memory");
  for (size_t i = 0; i < items->n; i++) {
    const item *it = &items->v[i];
    if (it->stream != stream || !in_part(it, folds, fold, 0))
      continue;
    uint32_t *slot = gold_slot(&m, it->gold);
    bf_assignment out;
    c->gold_story = *slot;
    c->stream = stream;
    c->found = 0;
    if (bf_assign_forced(a, &it->f, it->day, *slot, take_example, c, &out))
      die("forced run", "out of memory");
    if (*slot) {
      c->joins++;
      c->misses += !c->found;
    }
    *slot = out.story;
  }
  free(m.keys);
  free(m.story);
  bf_assigner_free(a);
}

/* Examples from the states the models themselves reach: a candidate is
 * right when the story's first article has the article's gold story. */
static void on_policy_stream(const item_vec *items, uint8_t stream,
                             unsigned folds, int fold, const models *m,
                             int merge, collect *c) {
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.window_days = 0;
  cfg.merge = merge;
  cfg.model = m->join;
  cfg.merge_model = m->merge;
  cfg.merge_probe = take_merge_example;
  cfg.probe_ctx = c;
  bf_assigner *a = bf_assigner_new(&cfg);
  if (!a)
    die("on-policy run", "out of memory");
  c->founder.n = 0;
  if (BF_VEC_PUSH(c->founder, 0))
    die("on-policy run", "out of memory");
  c->on_policy = 1;
  c->gold_story = 0;
  for (size_t i = 0; i < items->n; i++) {
    const item *it = &items->v[i];
    if (it->stream != stream || !in_part(it, folds, fold, 0))
      continue;
    bf_assignment out;
    c->gold = it->gold;
    c->stream = stream;
    if (bf_assign(a, &it->f, it->day, take_example, c, &out))
      die("on-policy run", "out of memory");
    if (out.is_new && BF_VEC_PUSH(c->founder, it->gold))
      die("on-policy run", "out of memory");
    bf_assigner_clear_merges(a);
  }
  c->on_policy = 0;
  bf_assigner_free(a);
}

static int dagger_rounds = 2;

/* --weights: how much each stream counts in a fit (all 1 by default). */
static double stream_weight[MAX_STREAMS] = {1, 1, 1, 1, 1, 1, 1, 1};

/* Fits rows so that every stream weighs alike. */
static double fit_weighted(const examples *e, int k, double l2, double *coef) {
  double per[MAX_STREAMS] = {0};
  for (size_t i = 0; i < e->stream.n; i++)
    per[(size_t)e->stream.v[i]] += e->w.v[i];
  float *w = malloc((e->stream.n + 1) * sizeof *w);
  if (!w)
    die("fit", "out of memory");
  for (size_t i = 0; i < e->stream.n; i++)
    w[i] = (float)(e->w.v[i] * stream_weight[(size_t)e->stream.v[i]] /
                   per[(size_t)e->stream.v[i]]);
  double loss = bf_logistic_fit(e->x.v, e->y.v, w, e->y.n, k, l2, coef);
  free(w);
  return loss;
}

/* Fits on every stream, leaving out fold `fold` (-1: nothing): first the
 * join model on gold states, then both models again with the states the
 * fitted models reach themselves (no stories merge in the first round). */
static double fit(const item_vec *items, unsigned folds, int fold, double l2,
                  models *m) {
  collect c;
  memset(&c, 0, sizeof c);
  memset(m, 0, sizeof *m);
  for (size_t s = 0; s < nstreams; s++)
    forced_stream(items, (uint8_t)s, folds, fold, &c);
  double loss = fit_weighted(&c.join, K, l2, m->join);
  memcpy(m->merge, bf_merge_model, sizeof m->merge);
  for (int round = 1; round <= dagger_rounds; round++) {
    for (size_t s = 0; s < nstreams; s++)
      on_policy_stream(items, (uint8_t)s, folds, fold, m, round > 1, &c);
    loss = fit_weighted(&c.join, K, l2, m->join);
    fit_weighted(&c.merge, KM, l2, m->merge);
  }
  if (fold < 0)
    printf("candidates: gold story missed for %zu of %zu joining articles; "
           "%zu join and %zu merge examples\n",
           c.misses, c.joins, c.join.y.n, c.merge.y.n);
  BF_VEC_FREE(c.founder);
  examples_release(&c.join);
  examples_release(&c.merge);
  return loss;
}

/* ---- unforced runs ------------------------------------------------------ */

/* CPU time spent in unforced assignment, for the articles/s line: CPU
 * time, so that other jobs on the machine do not count. */
static double assign_seconds;
static size_t assign_articles;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static brief_cluster_scores run_stream(const item_vec *items, uint8_t stream,
                                       unsigned folds, int fold,
                                       const models *m, double window) {
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.window_days = window;
  cfg.model = m->join;
  cfg.merge_model = m->merge;
  bf_assigner *a = bf_assigner_new(&cfg);
  BF_VEC(const item *) run = {0};
  BF_VEC(uint64_t) gold = {0};
  BF_VEC(uint64_t) pred = {0};
  BF_VEC(bf_assignment) outs = {0};
  if (!a)
    die("run", "out of memory");
  for (size_t i = 0; i < items->n; i++) {
    const item *it = &items->v[i];
    if (it->stream == stream && in_part(it, folds, fold, 1) &&
        BF_VEC_PUSH(run, it))
      die("run", "out of memory");
  }
  if (BF_VEC_RESERVE(outs, run.n + 1))
    die("run", "out of memory");
  double t0 = now_seconds();
  for (size_t i = 0; i < run.n; i++)
    if (bf_assign(a, &run.v[i]->f, run.v[i]->day, NULL, NULL, &outs.v[i]))
      die("run", "out of memory");
  assign_seconds += now_seconds() - t0;
  assign_articles += run.n;
  for (uint32_t k = 1; k <= run.n; k++) {
    if (BF_VEC_PUSH(gold, run.v[k - 1]->gold) ||
        BF_VEC_PUSH(pred, bf_assigner_story_of(a, k)))
      die("run", "out of memory");
    if (dump && fold < 0 && window == dump_window)
      fprintf(dump, "%u\t%s\t%llx\t%llu\t%u\t%d\t%u\t%.3f\n", (unsigned)stream,
              run.v[k - 1]->id, (unsigned long long)gold.v[k - 1],
              (unsigned long long)pred.v[k - 1], outs.v[k - 1].story,
              outs.v[k - 1].is_new, outs.v[k - 1].dup_of, outs.v[k - 1].p);
  }
  brief_cluster_scores sc;
  brief_error err;
  memset(&sc, 0, sizeof sc);
  if (gold.n)
    brief_cluster_score(gold.n, gold.v, pred.v, &sc, &err);
  BF_VEC_FREE(run);
  BF_VEC_FREE(outs);
  BF_VEC_FREE(gold);
  BF_VEC_FREE(pred);
  bf_assigner_free(a);
  return sc;
}

static void print_scores(const char *label, const char *name,
                         const brief_cluster_scores *sc) {
  printf("%-14s %-20s pairwise P %.3f R %.3f F1 %.3f  B3 P %.3f R %.3f F1 "
         "%.3f  stories %zu (gold %zu)\n",
         label, name, sc->pairwise.p, sc->pairwise.r, sc->pairwise.f,
         sc->bcubed.p, sc->bcubed.r, sc->bcubed.f, sc->clusters,
         sc->gold_clusters);
}

static const char *base_name(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

static void write_array(FILE *f, const char *name, const char *size,
                        const double *coef, int k) {
  fprintf(f, "static const double %s[%s] = {\n", name, size);
  for (int i = 0; i < k; i++)
    fprintf(f, "%s%.6f,%s", i % 4 == 0 ? "    " : " ", coef[i],
            i % 4 == 3 || i == k - 1 ? "\n" : "");
  fprintf(f, "};\n");
}

static void write_model(const char *path, const models *m, char **names,
                        int n) {
  FILE *f = fopen(path, "w");
  if (!f)
    die(path, "cannot write");
  fprintf(f, "/* clang-format off */\n/*\n * assign_model.h - coefficients of "
             "the models in assign.c: join (one per\n * enum "
             "bf_assign_feature) and merge (bf_merge_feature). Written by\n"
             " * tools/train_stories from:\n *\n *  ");
  for (int i = 0; i < n; i++)
    fprintf(f, " %s", base_name(names[i]));
  fprintf(f, "\n */\n#ifndef BRIEF_ASSIGN_MODEL_H\n#define "
             "BRIEF_ASSIGN_MODEL_H\n\n");
  write_array(f, "bf_assign_model", "BF_ASSIGN_FEATURES", m->join, K);
  fprintf(f, "\n");
  write_array(f, "bf_merge_model", "BF_MERGE_FEATURES", m->merge, KM);
  fprintf(f, "\n#endif\n");
  if (fclose(f))
    die(path, "cannot write");
}

/* Moves the undated articles of each stream among the places undated
 * articles hold (Fisher-Yates, seeded), so that no signal can come from
 * their order; dated articles keep their date order. */
static void shuffle_undated(item_vec *items, unsigned long long seed) {
  uint64_t state = bf_hash_mix(seed + 1);
  for (size_t s = 0; s < nstreams; s++) {
    BF_VEC(size_t) at = {0};
    for (size_t i = 0; i < items->n; i++)
      if (items->v[i].stream == s && items->v[i].day == BF_NO_DAY &&
          BF_VEC_PUSH(at, i))
        die("shuffle", "out of memory");
    for (size_t k = at.n; k > 1; k--) {
      state = bf_hash_mix(state);
      size_t j = (size_t)(state % k);
      item t = items->v[at.v[k - 1]];
      items->v[at.v[k - 1]] = items->v[at.v[j]];
      items->v[at.v[j]] = t;
    }
    BF_VEC_FREE(at);
  }
}

static void print_coefs(const char *name, const double *coef, int k) {
  printf("%s:", name);
  for (int i = 0; i < k; i++)
    printf(" %.3f", coef[i]);
  printf("\n");
}

static void add_scores(brief_cluster_scores *h, const brief_cluster_scores *sc,
                       unsigned folds) {
  h->pairwise.p += sc->pairwise.p / folds;
  h->pairwise.r += sc->pairwise.r / folds;
  h->pairwise.f += sc->pairwise.f / folds;
  h->bcubed.p += sc->bcubed.p / folds;
  h->bcubed.r += sc->bcubed.r / folds;
  h->bcubed.f += sc->bcubed.f / folds;
  h->clusters += sc->clusters;
  h->gold_clusters += sc->gold_clusters;
}

enum { MAX_WINDOWS = 4 };

int main(int argc, char **argv) {
  const char *out = NULL;
  double l2 = 1e-4, windows[MAX_WINDOWS];
  unsigned folds = 2;
  char *files[MAX_STREAMS];
  int nfiles = 0, nwindows = 0, shipped = 0, shuffle = 0;
  unsigned long long seed = 0, fit_seed = 1;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-o") && i + 1 < argc)
      out = argv[++i];
    else if (!strcmp(argv[i], "--l2") && i + 1 < argc)
      l2 = atof(argv[++i]);
    else if (!strcmp(argv[i], "--folds") && i + 1 < argc)
      folds = (unsigned)atoi(argv[++i]);
    else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
      if (!(dump = fopen(argv[++i], "w")))
        die(argv[i], "cannot write");
    } else if (!strcmp(argv[i], "--dagger") && i + 1 < argc)
      dagger_rounds = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--window") && i + 1 < argc) {
      if (nwindows == MAX_WINDOWS)
        die("--window", "given too often");
      windows[nwindows++] = atof(argv[++i]);
    } else if (!strcmp(argv[i], "--shuffle") && i + 1 < argc) {
      shuffle = 1;
      seed = strtoull(argv[++i], NULL, 10);
    } else if (!strcmp(argv[i], "--weights") && i + 1 < argc) {
      char *p = argv[++i];
      for (int k = 0; k < MAX_STREAMS && *p; k++) {
        char *end;
        stream_weight[k] = strtod(p, &end);
        if (end == p || !(stream_weight[k] > 0))
          die("--weights", "needs positive numbers separated by commas");
        p = *end == ',' ? end + 1 : end;
      }
    } else if (!strcmp(argv[i], "--fit-seed") && i + 1 < argc)
      fit_seed = strtoull(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--fold-seed") && i + 1 < argc)
      fold_seed = strtoull(argv[++i], NULL, 10) * 0x9E3779B97F4A7C15ULL;
    else if (!strcmp(argv[i], "--shipped"))
      shipped = 1;
    else if (argv[i][0] == '-')
      die(argv[i], "unknown option");
    else if (nfiles < MAX_STREAMS)
      files[nfiles++] = argv[i];
    else
      die(argv[i], "too many streams");
  }
  if (!nfiles)
    die("usage", "train_stories [-o FILE] [--l2 X] [--folds K] [--dagger N] "
                 "[--window D]... [--shuffle SEED] [--fit-seed S] [--fold-seed "
                 "S] [--weights "
                 "W,...] [--shipped] [--dump FILE] "
                 "STREAM.jsonl...");
  if (!nwindows) {
    windows[nwindows++] = 0;
    windows[nwindows++] = 7;
  }
  dump_window = windows[0];
  bf_featurizer *fz = bf_featurizer_new();
  if (!fz)
    die("featurizer", "out of memory");
  item_vec items = {0};
  for (int i = 0; i < nfiles; i++) {
    stream_names[nstreams++] = base_name(files[i]);
    read_stream(fz, files[i], (uint8_t)i, &items);
  }
  /* The models are fitted with the undated articles in a random order,
   * so that they cannot lean on the order of the file (a Multi-News
   * story's articles are adjacent there); the runs use the file's order
   * unless --shuffle is given. */
  item_vec fit_items = {0};
  if (BF_VEC_RESERVE(fit_items, items.n + 1))
    die("items", "out of memory");
  memcpy(fit_items.v, items.v, items.n * sizeof *items.v);
  fit_items.n = items.n;
  shuffle_undated(&fit_items, fit_seed);
  if (shuffle)
    shuffle_undated(&items, seed);
  models m;
  if (shipped) {
    memcpy(m.join, bf_assign_model, sizeof m.join);
    memcpy(m.merge, bf_merge_model, sizeof m.merge);
    printf("shipped model (src/stories/assign_model.h)\n");
  } else {
    double loss = fit(&fit_items, folds, -1, l2, &m);
    printf("fit on all: log loss %.4f\n", loss);
  }
  print_coefs("join", m.join, K);
  print_coefs("merge", m.merge, KM);
  char label[32];
  for (int w = 0; w < nwindows; w++)
    for (size_t s = 0; s < nstreams; s++) {
      brief_cluster_scores sc =
          run_stream(&items, (uint8_t)s, folds, -1, &m, windows[w]);
      snprintf(label, sizeof label, "in-sample w%g", windows[w]);
      print_scores(label, stream_names[s], &sc);
    }
  brief_cluster_scores held[MAX_WINDOWS][MAX_STREAMS];
  memset(held, 0, sizeof held);
  for (unsigned fo = 0; folds > 1 && fo < folds; fo++) {
    models part;
    fit(&fit_items, folds, (int)fo, l2, &part);
    for (int w = 0; w < nwindows; w++)
      for (size_t s = 0; s < nstreams; s++) {
        brief_cluster_scores sc =
            run_stream(&items, (uint8_t)s, folds, (int)fo, &part, windows[w]);
        add_scores(&held[w][s], &sc, folds);
      }
  }
  for (int w = 0; folds > 1 && w < nwindows; w++)
    for (size_t s = 0; s < nstreams; s++) {
      snprintf(label, sizeof label, "held-out w%g", windows[w]);
      print_scores(label, stream_names[s], &held[w][s]);
    }
  printf("assignment: %zu articles in %.3f s of CPU, %.0f articles/s "
         "(unforced runs, features made beforehand)\n",
         assign_articles, assign_seconds,
         assign_seconds > 0 ? (double)assign_articles / assign_seconds : 0);
  if (out && !shipped)
    write_model(out, &m, files, nfiles);
  for (size_t i = 0; i < items.n; i++) {
    bf_features_release(&items.v[i].f);
    free(items.v[i].id);
  }
  BF_VEC_FREE(items);
  BF_VEC_FREE(fit_items);
  bf_featurizer_free(fz);
  if (dump)
    fclose(dump);
  return 0;
}
