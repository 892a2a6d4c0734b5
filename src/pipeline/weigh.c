/*
 * weigh.c - the weigh stage: what each concept is worth to a summary.
 *
 * Owns concept weights. A concept's weight is the probability that a
 * human summary of the story contains it, predicted by a logistic model
 * over evidence the story itself gives: how many articles report the
 * concept, how many lead with it, how early and how often it appears,
 * whether it is a name or a number. Maximising the summed weight of the
 * covered concepts is then maximising the expected number of summary
 * concepts covered, which is what ROUGE recall counts.
 *
 * The coefficients live in weigh_model.h. tools/train_weights.c fits them
 * on the development sets with the features computed here, so the
 * features the model was fitted on and the ones it is applied to cannot
 * drift apart.
 */
#include "pipeline/pipeline.h"
#include "pipeline/weigh_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sentences of an article that count as its lead. */
#define LEAD_SENTENCES 3
/* A longer lead window matters when there are few sources to compare. */
#define LONG_LEAD_SENTENCES 10
#define FEW_SOURCES 4

typedef struct tally {
  uint32_t df, lead, first, long_lead, tf, quoted, headline;
  uint32_t min_pos;
  uint32_t last_article; /* article + 1 of the last df count */
  uint32_t last_lead, last_first, last_long;
  double rel_pos; /* sum over occurrences of pos / sentences in article */
} tally;

static void count_occurrence(tally *t, const bf_sentence *s,
                             uint32_t sents_in_article) {
  uint32_t art = s->article + 1;
  t->tf++;
  if (s->flags & BF_SENT_HEADLINE)
    t->headline++;
  if (s->flags & BF_SENT_QUOTED)
    t->quoted++;
  if (s->pos < t->min_pos)
    t->min_pos = s->pos;
  t->rel_pos +=
      (double)s->pos / (double)(sents_in_article ? sents_in_article : 1);
  if (t->last_article != art) {
    t->last_article = art;
    t->df++;
  }
  if (s->pos < LEAD_SENTENCES && t->last_lead != art) {
    t->last_lead = art;
    t->lead++;
  }
  if (s->pos == 0 && t->last_first != art) {
    t->last_first = art;
    t->first++;
  }
  if (s->pos < LONG_LEAD_SENTENCES && t->last_long != art) {
    t->last_long = art;
    t->long_lead++;
  }
}

static void feature_row(const tally *t, uint8_t kind, double n,
                        double sentences, double cohesion, float *x) {
  double df = t->df;
  double few = n < FEW_SOURCES ? 1.0 : 0.0;
  x[0] = 1.0f;
  x[1] = (float)(df / n);
  x[2] = (float)log(df);
  x[3] = t->df == 1 ? 1.0f : 0.0f;
  x[4] = (float)(t->lead / n);
  x[5] = (float)(t->first / n);
  x[6] = (float)(t->long_lead / n);
  x[7] = (float)log1p((double)t->tf);
  x[8] = (float)(1.0 / (1.0 + t->min_pos));
  x[9] = (float)(t->rel_pos / (double)t->tf);
  x[10] = (float)((double)t->quoted / (double)t->tf);
  x[11] = (float)log(n);
  x[12] = (kind & BF_CONCEPT_STOP) ? 1.0f : 0.0f;
  x[13] = (kind & BF_CONCEPT_CAP) ? 1.0f : 0.0f;
  x[14] = (kind & BF_CONCEPT_NUM) ? 1.0f : 0.0f;
  x[15] = (float)(few * t->long_lead / n);
  x[16] = (float)(t->headline / n);
  x[17] = (float)(t->tf / sentences);
  x[18] = (float)cohesion;
  x[19] = (float)(cohesion * t->first / n);
}

int bf_concept_features(const brief_story *st, size_t n_articles, float *out,
                        uint8_t *present) {
  size_t nc = st->n_concepts;
  tally *t = calloc(nc + 1, sizeof *t);
  if (!t)
    return -1;
  for (size_t c = 0; c < nc; c++)
    t[c].min_pos = UINT32_MAX;
  double sentences = 0;
  for (size_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    if (s->article >= n_articles)
      continue;
    sentences++;
    uint32_t in_article = st->articles.v[s->article].sent_count;
    for (uint32_t k = 0; k < s->concept_count; k++)
      count_occurrence(&t[st->concepts.v[s->concept_first + k] - 1], s,
                       in_article);
  }
  double n = n_articles ? (double)n_articles : 1.0;
  double bigrams = 0, shared = 0;
  for (size_t c = 0; c < nc; c++)
    if (t[c].df > 0 && (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM)) {
      bigrams++;
      shared += t[c].df > 1;
    }
  double cohesion = bigrams > 0 ? shared / bigrams : 0;
  for (size_t c = 0; c < nc; c++) {
    present[c] = t[c].df > 0;
    if (present[c])
      feature_row(&t[c], st->concept_kind.v[c], n, sentences, cohesion,
                  out + c * BF_FEATURES);
    else
      memset(out + c * BF_FEATURES, 0, BF_FEATURES * sizeof *out);
  }
  free(t);
  return 0;
}

static double logistic(const double *w, const float *x, int n) {
  double z = 0;
  for (int k = 0; k < n; k++)
    z += w[k] * x[k];
  return 1.0 / (1.0 + exp(-z));
}

static const bf_model shipped_model = {bf_model_unigram, bf_model_bigram,
                                       bf_model_sentence};

const bf_model *bf_default_model(void) {
  return &shipped_model;
}

int bf_concept_probabilities(const brief_story *st, size_t n_articles,
                             const bf_model *m, double *p) {
  size_t nc = st->n_concepts;
  float *x = malloc((nc + 1) * BF_FEATURES * sizeof *x);
  uint8_t *present = malloc(nc + 1);
  int rc =
      (x && present) ? bf_concept_features(st, n_articles, x, present) : -1;
  for (size_t c = 0; rc == 0 && c < nc; c++) {
    const double *w =
        (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) ? m->bigram : m->unigram;
    p[c] = present[c] ? logistic(w, x + c * BF_FEATURES, BF_FEATURES) : 0.0;
  }
  free(x);
  free(present);
  return rc;
}

/* ---- sentences ----------------------------------------------------------- */

/* Cosine of the sentence's content stems with the story's centroid, whose
 * weight per stem is the number of articles using it. */
static double centroid_cosine(const brief_story *st, const bf_sentence *s,
                              const uint32_t *df, double norm, uint32_t *seen,
                              uint32_t stamp) {
  double dot = 0, k = 0;
  for (uint32_t j = 0; j < s->tok_count; j++) {
    const bf_token *t = &st->toks.v[s->tok_first + j];
    if (!t->stem || (t->flags & BF_TOK_STOP) || seen[t->stem] == stamp)
      continue;
    seen[t->stem] = stamp;
    dot += df[t->stem];
    k++;
  }
  return k > 0 && norm > 0 ? dot / (sqrt(k) * norm) : 0;
}

static void sentence_row(const brief_story *st, const bf_sentence *s,
                         const double *p, double n, double cosine,
                         double cohesion, float *x) {
  double sum_b = 0, max_b = 0, sum_u = 0;
  uint32_t nb = 0, nu = 0;
  for (uint32_t k = 0; k < s->concept_count; k++) {
    uint32_t c = st->concepts.v[s->concept_first + k] - 1;
    if (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) {
      sum_b += p[c];
      max_b = p[c] > max_b ? p[c] : max_b;
      nb++;
    } else {
      sum_u += p[c];
      nu++;
    }
  }
  uint32_t words = 0, quoted = 0, caps = 0, nums = 0;
  for (uint32_t k = 0; k < s->tok_count; k++) {
    const bf_token *t = &st->toks.v[s->tok_first + k];
    if (!(t->flags & (BF_TOK_WORD | BF_TOK_NUM)))
      continue;
    words++;
    quoted += (t->flags & BF_TOK_QUOTE) != 0;
    caps += (t->flags & BF_TOK_CAP) != 0;
    nums += (t->flags & BF_TOK_NUM) != 0;
  }
  double w = words ? words : 1;
  uint32_t in_article = st->articles.v[s->article].sent_count;
  x[0] = 1.0f;
  x[1] = s->pos == 0 ? 1.0f : 0.0f;
  x[2] = (float)(1.0 / (1.0 + s->pos));
  x[3] = (float)((double)s->pos / (in_article ? in_article : 1));
  x[4] = (float)log(w);
  x[5] = (float)(nb ? sum_b / nb : 0);
  x[6] = (float)max_b;
  x[7] = (float)(nu ? sum_u / nu : 0);
  x[8] = (float)(quoted / w);
  x[9] = nums ? 1.0f : 0.0f;
  x[10] = (s->flags & BF_SENT_DANGLING) ? 1.0f : 0.0f;
  x[11] = (float)(caps / w);
  x[12] = s->para == 0 ? 1.0f : 0.0f;
  x[13] = (float)log(n);
  x[14] = (float)cosine;
  x[15] = (float)log1p((double)st->articles.v[s->article].words);
  x[16] = (float)log1p(sum_b);
  x[17] = (float)cohesion;
  x[18] = (float)(cohesion * (s->pos == 0));
  x[19] = (float)(cohesion / (1.0 + s->pos));
  x[20] = (float)(quoted / w * log(n));
}

int bf_sentence_features(const brief_story *st, size_t n_articles,
                         const double *concept_p, float *out) {
  double n = n_articles ? (double)n_articles : 1.0;
  size_t nstems = st->lex.n + 1;
  uint32_t *df = calloc(nstems, sizeof *df);
  uint32_t *seen = calloc(nstems, sizeof *seen);
  if (!df || !seen) {
    free(df);
    free(seen);
    return -1;
  }
  /* Stem document frequencies over the first n_articles only. */
  uint32_t stamp = 0;
  for (size_t a = 0; a < n_articles && a < st->articles.n; a++) {
    const bf_article *ar = &st->articles.v[a];
    stamp++;
    for (uint32_t i = ar->sent_first; i < ar->sent_first + ar->sent_count; i++)
      for (uint32_t j = 0; j < st->sents.v[i].tok_count; j++) {
        const bf_token *t = &st->toks.v[st->sents.v[i].tok_first + j];
        if (t->stem && !(t->flags & BF_TOK_STOP) && seen[t->stem] != stamp) {
          seen[t->stem] = stamp;
          df[t->stem]++;
        }
      }
  }
  double norm = 0, used = 0, shared = 0;
  for (size_t k = 0; k < nstems; k++) {
    norm += (double)df[k] * df[k];
    used += df[k] > 0;
    shared += df[k] > 1;
  }
  norm = sqrt(norm);
  double cohesion = used > 0 ? shared / used : 0;
  for (size_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    float *x = out + i * BF_SENT_FEATURES;
    if (s->article < n_articles)
      sentence_row(st, s, concept_p, n,
                   centroid_cosine(st, s, df, norm, seen, ++stamp), cohesion,
                   x);
    else
      memset(x, 0, BF_SENT_FEATURES * sizeof *out);
  }
  free(df);
  free(seen);
  return 0;
}

int bf_sentence_qualities(const brief_story *st, const bf_model *m,
                          const double *concept_p, double *q) {
  float *x = malloc((st->sents.n + 1) * BF_SENT_FEATURES * sizeof *x);
  if (!x)
    return -1;
  if (bf_sentence_features(st, st->articles.n, concept_p, x)) {
    free(x);
    return -1;
  }
  for (size_t i = 0; i < st->sents.n; i++)
    q[i] = logistic(m->sentence, x + i * BF_SENT_FEATURES, BF_SENT_FEATURES);
  free(x);
  return 0;
}
