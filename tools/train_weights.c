/*
 * train_weights.c - fits the concept model of src/pipeline/weigh.c.
 *
 *   train_weights [-o weigh_model.h] [-l2 X] [-folds K -holdout I] DATASET...
 *
 * A DATASET is a folder of clusters/<id>/NAME.txt articles and refs/ human
 * summaries (<id>.txt, or DUC's <id>.<writer>.<len>.txt, the length
 * nearest 100), with the question the summaries answer in topics.tsv when
 * they answer one (DUC 2006). Every concept of a cluster's articles is one
 * example: its features are weigh.c's, its label the share of the
 * cluster's summaries that contain it. Examples are weighted so that every
 * cluster counts alike within its data set and every data set alike
 * overall. The model is logistic regression with a small L2 penalty, one
 * for unigrams and one for bigrams, fitted by Newton's method, then the
 * sentence model on their probabilities; the tool prints the fit and
 * writes the header. Two such models are fitted: the generic one from the
 * clusters without a question, and the focused one, for briefs that
 * answer a question, from the clusters with one (their features include
 * the question's).
 *
 * -folds K -holdout I leaves out the clusters at places I, I + K, I + 2K...
 * of each set in name order (K is 2 unless given): fit on the rest, score
 * those, as scripts/cross-validate.sh does.
 *
 * A development tool: it reads only the data it is given and is not part
 * of the library or the CLI.
 */
#include "core/corpus.h"
#include "core/vec.h"
#include "eval/eval.h"
#include "pipeline/pipeline.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FEATURES                                                           \
  (BF_FEATURES > BF_SENT_FEATURES ? BF_FEATURES : BF_SENT_FEATURES)

typedef struct example {
  float x[MAX_FEATURES];
  float label;
  float weight;
  uint8_t set; /* 0 unigram, 1 bigram, 2 sentence */
} example;

typedef BF_VEC(example) example_vec;

/* Clusters left out for cross-validation: those at place holdout modulo
 * folds, or none when holdout is -1. */
static int holdout = -1, folds = 2;

/* Which model is being fitted: the generic one, from the clusters without
 * a question, or the focused one, for briefs that answer a question, from
 * the clusters whose summaries answer one. */
static int answering;

static void die(const char *msg, const char *what) {
  fprintf(stderr, "train_weights: %s: %s\n", what, msg);
  exit(1);
}

/* Adds a file to the story. */
static void add_text(brief_story *st, const char *path) {
  brief_error err;
  if (brief_story_add_path(st, path, NULL, &err) != BRIEF_OK)
    die(err.message, "cannot add");
}

/* Shares of the cluster's summaries holding each concept, or NULL. */
static float *summary_shares(const brief_story *st, size_t ndocs) {
  size_t nc = st->n_concepts, nrefs = st->articles.n - ndocs;
  float *share = calloc(nc + 1, sizeof *share);
  uint32_t *last = calloc(nc + 1, sizeof *last);
  if (!share || !last)
    die("out of memory", "labels");
  for (size_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    if (s->article < ndocs)
      continue;
    for (uint32_t k = 0; k < s->concept_count; k++) {
      uint32_t c = st->concepts.v[s->concept_first + k] - 1;
      if (last[c] != s->article + 1) {
        last[c] = s->article + 1;
        share[c] += 1.0f / (float)nrefs;
      }
    }
  }
  free(last);
  return share;
}

static void push(example_vec *out, const float *x, int n, float label,
                 uint8_t set) {
  example e;
  memset(&e, 0, sizeof e);
  memcpy(e.x, x, (size_t)n * sizeof *x);
  e.label = label;
  e.weight = 1.0f;
  e.set = set;
  if (BF_VEC_PUSH(*out, e))
    die("out of memory", "examples");
}

static void concept_examples(const brief_story *st, size_t ndocs,
                             const bf_focus *focus, const float *share,
                             example_vec *out) {
  size_t nc = st->n_concepts;
  float *x = malloc((nc + 1) * BF_FEATURES * sizeof *x);
  uint8_t *present = malloc(nc + 1);
  if (!x || !present || bf_concept_features(st, ndocs, focus, x, present))
    die("out of memory", "features");
  for (size_t c = 0; c < nc; c++)
    if (present[c])
      push(out, x + c * BF_FEATURES, BF_FEATURES, share[c],
           (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) ? 1 : 0);
  free(x);
  free(present);
}

/* A sentence's label: the mean summary share of its concepts, content
 * words weighted as the select stage weighs them (bigrams alone label a
 * sentence of common words in uncommon order as poorly as one off the
 * story; held-out Multi-News and DUC 2002 both prefer this). */
static void sentence_examples(const brief_story *st, size_t ndocs,
                              const bf_focus *focus, const float *share,
                              const bf_model *m, example_vec *out) {
  size_t nc = st->n_concepts;
  double *p = malloc((nc + 1) * sizeof *p);
  float *x = malloc((st->sents.n + 1) * BF_SENT_FEATURES * sizeof *x);
  if (!p || !x || bf_concept_probabilities(st, ndocs, focus, m, p) ||
      bf_sentence_features(st, ndocs, focus, p, x))
    die("out of memory", "features");
  for (size_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    double sum = 0;
    if (s->article >= ndocs || !s->concept_count)
      continue;
    double weights = 0;
    for (uint32_t k = 0; k < s->concept_count; k++) {
      uint32_t c = st->concepts.v[s->concept_first + k] - 1;
      double w = bf_concept_worth(st->concept_kind.v[c]);
      sum += w * share[c];
      weights += w;
    }
    push(out, x + i * BF_SENT_FEATURES, BF_SENT_FEATURES,
         (float)(sum / weights), 2);
  }
  free(p);
  free(x);
}

/* Adds the cluster's examples: concepts, or with a concept model given,
 * sentences. Returns how many, or 0 when the cluster has no summary. */
static size_t add_cluster(const bf_eval_cluster *c, const bf_model *m,
                          example_vec *out) {
  size_t before = out->n;
  brief_story *st = brief_story_new();
  if (!st)
    die("out of memory", c->name);
  for (size_t i = 0; i < c->ndocs; i++)
    add_text(st, c->docs[i].path); /* the articles, in name order */
  size_t ndocs = st->articles.n;   /* identical copies are merged */
  for (size_t i = 0; i < c->nrefs; i++)
    add_text(st, c->refs[i]);
  brief_error err;
  int skip = answering ? !c->query : c->query != NULL;
  if (!skip && st->articles.n > ndocs && ndocs > 0) {
    bf_focus focus;
    if (bf_analyse_story(st, &err) != BRIEF_OK ||
        bf_focus_build(st, answering ? c->query : NULL, ndocs, &focus, &err) !=
            BRIEF_OK)
      die(err.message, c->name);
    float *share = summary_shares(st, ndocs);
    if (m)
      sentence_examples(st, ndocs, &focus, share, m, out);
    else
      concept_examples(st, ndocs, &focus, share, out);
    free(share);
    bf_focus_release(&focus);
  }
  brief_story_free(st);
  return out->n - before;
}

/* Solves a x = b for a symmetric positive definite a (Cholesky). */
static void solve(double a[MAX_FEATURES][MAX_FEATURES], double *b, int n) {
  for (int j = 0; j < n; j++) {
    for (int k = 0; k < j; k++)
      a[j][j] -= a[j][k] * a[j][k];
    a[j][j] = sqrt(a[j][j] > 1e-12 ? a[j][j] : 1e-12);
    for (int i = j + 1; i < n; i++) {
      for (int k = 0; k < j; k++)
        a[i][j] -= a[i][k] * a[j][k];
      a[i][j] /= a[j][j];
    }
  }
  for (int i = 0; i < n; i++) {
    for (int k = 0; k < i; k++)
      b[i] -= a[i][k] * b[k];
    b[i] /= a[i][i];
  }
  for (int i = n - 1; i >= 0; i--) {
    for (int k = i + 1; k < n; k++)
      b[i] -= a[k][i] * b[k];
    b[i] /= a[i][i];
  }
}

static double dot(const double *w, const float *x, int n) {
  double z = 0;
  for (int k = 0; k < n; k++)
    z += w[k] * x[k];
  return z;
}

/* Weighted logistic regression by Newton's method over the examples of
 * one set; returns the mean log loss. */
static double fit(const example_vec *ex, uint8_t set, int n, double l2,
                  double *w) {
  memset(w, 0, (size_t)n * sizeof *w);
  double loss = 0;
  for (int iter = 0; iter < 30; iter++) {
    double g[MAX_FEATURES] = {0}, h[MAX_FEATURES][MAX_FEATURES] = {{0}};
    double total = 0;
    loss = 0;
    for (size_t i = 0; i < ex->n; i++) {
      const example *e = &ex->v[i];
      if (e->set != set)
        continue;
      double we = e->weight;
      double p = 1.0 / (1.0 + exp(-dot(w, e->x, n)));
      double y = e->label;
      loss -= we * (y * log(p + 1e-12) + (1 - y) * log(1 - p + 1e-12));
      total += we;
      for (int a = 0; a < n; a++) {
        g[a] += we * (p - y) * e->x[a];
        for (int b = 0; b <= a; b++)
          h[a][b] += we * p * (1 - p) * e->x[a] * e->x[b];
      }
    }
    if (total == 0)
      return 0; /* nothing to fit: the coefficients stay 0 */
    double step[MAX_FEATURES], size = 0;
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < a; b++)
        h[b][a] = h[a][b];
      h[a][a] += l2 * total;
      step[a] = g[a] + l2 * total * w[a];
    }
    solve(h, step, n);
    for (int a = 0; a < n; a++) {
      w[a] -= step[a];
      size += step[a] * step[a];
    }
    loss /= total;
    if (sqrt(size) < 1e-6)
      break;
  }
  return loss;
}

static void write_model(FILE *f, const char *name, const char *size,
                        const double *w, int n) {
  fprintf(f, "static const double %s[%s] = {\n", name, size);
  for (int k = 0; k < n; k++)
    fprintf(f, "%s%.6f,%s", k % 4 ? " " : "    ", w[k],
            (k % 4 == 3 || k == n - 1) ? "\n" : "");
  fprintf(f, "};\n");
}

/* "../shared/data/duc2002/" -> "duc2002/": the header names data sets,
 * not where they sat on the machine that fitted it. */
static const char *last_component(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/')
    n--;
  while (n > 0 && path[n - 1] != '/')
    n--;
  return path + n;
}

static int is_option(const char *arg) {
  return !strcmp(arg, "-o") || !strcmp(arg, "-l2") ||
         !strcmp(arg, "-holdout") || !strcmp(arg, "-folds");
}

/* Examples of every data set, weighted so that each cluster counts alike
 * within its set and each set alike overall. */
static void collect(int argc, char **argv, const bf_model *m,
                    example_vec *all) {
  for (int i = 1; i < argc; i++) {
    if (is_option(argv[i])) {
      i++;
      continue;
    }
    /* The 100-word summaries of a DUC set, or refs/<cluster>.txt. */
    bf_dataset ds;
    bf_dataset_options o = {100, 0, 1};
    brief_error err;
    if (bf_dataset_load_folder(&ds, argv[i], &o, &err) != BRIEF_OK)
      die(err.message, err.status == BRIEF_ERR_IO ? "cannot open folder"
                                                  : "cannot read data set");
    size_t first = all->n, clusters = 0;
    for (size_t c = 0; c < ds.n; c++) {
      if ((int)(c % (size_t)folds) == holdout)
        continue;
      size_t start = all->n, n = add_cluster(&ds.clusters[c], m, all);
      for (size_t k = start; k < all->n; k++)
        all->v[k].weight /= (float)n;
      clusters += n > 0;
    }
    for (size_t k = first; k < all->n; k++)
      all->v[k].weight /= (float)clusters;
    fprintf(stderr, "%s: %zu clusters, %zu %s\n", argv[i], clusters,
            all->n - first, m ? "sentences" : "concepts");
    bf_dataset_free(&ds);
  }
}

/* Fits the concept models, then the sentence model on their
 * probabilities, for the model `answering` says. With no cluster to fit
 * on (no question anywhere) the coefficients are 0. */
static void fit_models(int argc, char **argv, double l2, double *wu, double *wb,
                       double *ws) {
  example_vec ex = {0};
  collect(argc, argv, NULL, &ex);
  double lu = fit(&ex, 0, BF_FEATURES, l2, wu);
  double lb = fit(&ex, 1, BF_FEATURES, l2, wb);
  ex.n = 0;
  bf_model m = {wu, wb, NULL};
  collect(argc, argv, &m, &ex);
  double ls = fit(&ex, 2, BF_SENT_FEATURES, l2, ws);
  BF_VEC_FREE(ex);
  fprintf(stderr, "log loss: unigrams %.4f, bigrams %.4f, sentences %.4f\n", lu,
          lb, ls);
}

int main(int argc, char **argv) {
  const char *out_path = NULL;
  double l2 = 1e-4;
  int nsets = 0;
  for (int i = 1; i < argc; i++)
    if (!strcmp(argv[i], "-o") && i + 1 < argc)
      out_path = argv[++i];
    else if (!strcmp(argv[i], "-l2") && i + 1 < argc)
      l2 = atof(argv[++i]);
    else if (!strcmp(argv[i], "-holdout") && i + 1 < argc)
      holdout = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-folds") && i + 1 < argc)
      folds = atoi(argv[++i]);
    else
      nsets++;
  if (!nsets) {
    fprintf(stderr, "usage: train_weights [-o FILE] [-l2 X] "
                    "[-folds K -holdout I] DATASET...\n");
    return 2;
  }
  if (folds < 2 || holdout < -1 || holdout >= folds) {
    fprintf(stderr, "train_weights: -holdout needs 0 <= I < K, K >= 2\n");
    return 2;
  }
  double wu[2][BF_FEATURES], wb[2][BF_FEATURES], ws[2][BF_SENT_FEATURES];
  for (answering = 0; answering < 2; answering++) {
    fprintf(stderr, "%s model:\n", answering ? "focused" : "generic");
    fit_models(argc, argv, l2, wu[answering], wb[answering], ws[answering]);
  }
  FILE *f = out_path ? fopen(out_path, "w") : stdout;
  if (!f)
    die("cannot write", out_path);
  fprintf(f, "/* clang-format off */\n");
  fprintf(f, "/*\n * weigh_model.h - coefficients of the models in weigh.c, "
             "in the order of\n * its features. Written by "
             "tools/train_weights from:\n *\n *  ");
  for (int i = 1; i < argc; i++)
    if (is_option(argv[i]))
      i++;
    else
      fprintf(f, " %s", last_component(argv[i]));
  fprintf(f, "\n */\n#ifndef BRIEF_WEIGH_MODEL_H\n#define "
             "BRIEF_WEIGH_MODEL_H\n\n");
  write_model(f, "bf_model_unigram", "BF_FEATURES", wu[0], BF_FEATURES);
  write_model(f, "bf_model_bigram", "BF_FEATURES", wb[0], BF_FEATURES);
  write_model(f, "bf_model_sentence", "BF_SENT_FEATURES", ws[0],
              BF_SENT_FEATURES);
  write_model(f, "bf_focused_model_unigram", "BF_FEATURES", wu[1], BF_FEATURES);
  write_model(f, "bf_focused_model_bigram", "BF_FEATURES", wb[1], BF_FEATURES);
  write_model(f, "bf_focused_model_sentence", "BF_SENT_FEATURES", ws[1],
              BF_SENT_FEATURES);
  fprintf(f, "/* clang-format on */\n\n#endif\n");
  if (f != stdout)
    fclose(f);
  return 0;
}
