/*
 * weigh.c - the weigh stage: what each concept is worth to a summary.
 *
 * Owns concept weights and sentence quality. A concept's weight is the
 * probability that a human summary of the story contains it, predicted by
 * a logistic model over evidence the story itself gives: how many
 * articles report the concept, how many lead with it, how early and how
 * often it appears, whether it is a name or a number, and where it ranks
 * among the story's other concepts on those counts. Maximising the
 * summed weight of the covered concepts is then maximising the expected
 * number of summary concepts covered, which is what ROUGE recall counts.
 * A second model estimates, per sentence, the share of its concepts
 * (content words and bigrams) a summary would hold: where it stands, how long
 * it is, how probable its concepts are, how close it is to the story's
 * centroid, how much of it is quotation, and how it ranks among the story's
 * sentences.
 *
 * A brief that answers a question adds the question's evidence (the focus
 * stage's): a concept's share of words the question names, the company it
 * keeps with them in the articles (in sentences, and in articles: where it
 * ranks among the story's concepts by the articles that use it beside a
 * question word), and for a name that company alone; a sentence's count of
 * the question's words. Without a question these are 0 and an indicator
 * says so. Such briefs have their own model, fitted on summaries that
 * answer a question.
 *
 * The coefficients live in weigh_model.h. tools/train_weights.c fits them
 * on the development sets with the features computed here, so the
 * features the model was fitted on and the ones it is applied to cannot
 * drift apart.
 */
#include "pipeline/pipeline.h"
/* A cross-validation build compiles in a model fitted on part of the data
 * (scripts/cross-validate.sh); every other build ships the full fit. */
#ifdef BRIEF_WEIGH_MODEL
#include BRIEF_WEIGH_MODEL
#else
#include "pipeline/weigh_model.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sentences of an article that count as its lead. */
#define LEAD_SENTENCES 3
/* A longer lead window matters when there are few sources to compare. */
#define LONG_LEAD_SENTENCES 10
#define FEW_SOURCES 4

/* Concept features, in the order of the model's coefficients. */
enum concept_feature {
  CF_BIAS,
  CF_SOURCE_SHARE,     /* articles using it / articles */
  CF_LOG_SOURCES,      /* log of that count */
  CF_ONE_SOURCE,       /* only one article uses it */
  CF_LEAD_SHARE,       /* articles with it in their first 3 sentences */
  CF_FIRST_SHARE,      /* articles with it in their first sentence */
  CF_LONG_LEAD_SHARE,  /* articles with it in their first 10 sentences */
  CF_LOG_SENTENCES,    /* log(1 + sentences using it) */
  CF_EARLIEST,         /* 1 / (1 + its earliest sentence position) */
  CF_MEAN_PLACE,       /* mean relative position in its articles */
  CF_QUOTED_SHARE,     /* share of its sentences that are quotations */
  CF_LOG_ARTICLES,     /* log of the story's articles */
  CF_STOPWORD,         /* a bigram with a stopword */
  CF_NAME,             /* capitalised inside a sentence */
  CF_NUMBER,           /* holds a number */
  CF_FEW_SOURCES_LEAD, /* long-lead share, in stories of < 4 articles */
  CF_HEADLINE_SHARE,   /* articles with it in a headline-like line */
  CF_DENSITY,          /* sentences using it / sentences */
  CF_COHESION,         /* the story's share of bigrams used by 2+ articles */
  CF_COHESION_FIRST,   /* cohesion x first-sentence share */
  CF_DF_RANK,          /* log(1 + rank among its kind by articles using it) */
  CF_LEAD_RANK,        /* ... by articles with it in their first 10 */
  CF_PROMINENCE_RANK,  /* ... by articles + long leads + first sentences;
                          the three in the order of the RANK_ counts */
  CF_QUERY,            /* 1 when the brief answers a question */
  CF_QUERY_WORDS,      /* share of its stems the question names */
  CF_QUERY_COMPANY,    /* share of its sentences holding a question word */
  CF_QUERY_LIFT,       /* log of that share over the story's share */
  CF_QUERY_NAME,       /* the company share, for a name */
  CF_QUERY_SOURCES,    /* articles using it beside a question word / n */
  CF_QUERY_RANK,       /* log(1 + rank among its kind by those articles) */
  CONCEPT_FEATURES
};

/* Sentence features, in the order of the model's coefficients. */
enum sentence_feature {
  SF_BIAS,
  SF_FIRST, /* the article's first sentence */
  SF_EARLY, /* 1 / (1 + position) */
  SF_PLACE, /* position / sentences in the article */
  SF_LOG_WORDS,
  SF_MEAN_BIGRAM_P, /* mean probability of its bigram concepts */
  SF_MAX_BIGRAM_P,
  SF_MEAN_UNIGRAM_P,
  SF_QUOTED_SHARE, /* share of its words inside quotation marks */
  SF_NUMBER,
  SF_DANGLING,
  SF_CAPITAL_SHARE,
  SF_FIRST_PARAGRAPH,
  SF_LOG_ARTICLES,
  SF_CENTROID_COSINE, /* with the story's document-frequency centroid */
  SF_LOG_ARTICLE_WORDS,
  SF_LOG_BIGRAM_MASS, /* log(1 + summed bigram probability) */
  SF_COHESION,
  SF_COHESION_FIRST,
  SF_COHESION_EARLY,
  SF_QUOTED_SOURCES, /* quoted share x log of the story's articles */
  SF_MASS_RANK,      /* log(1 + rank among the story's sentences by mass) */
  SF_CENTROID_RANK,  /* ... by centroid cosine */
  SF_QUERY,          /* 1 when the brief answers a question */
  SF_QUERY_HITS,     /* log(1 + the question's words it holds) */
  SF_QUERY_SHARE,    /* share of the question's words it holds */
  SENTENCE_FEATURES
};

_Static_assert(CONCEPT_FEATURES == BF_FEATURES, "concept features");
_Static_assert(SENTENCE_FEATURES == BF_SENT_FEATURES, "sentence features");

typedef struct tally {
  uint32_t df, lead, first, long_lead, tf, quoted, headline;
  uint32_t focus_tf; /* sentences using it that hold a question word */
  uint32_t focus_df; /* articles with such a sentence */
  uint32_t last_focus;
  uint32_t min_pos;
  uint32_t last_article; /* article + 1 of the last df count */
  uint32_t last_lead, last_first, last_long;
  double rel_pos; /* sum over occurrences of pos / sentences in article */
} tally;

static void count_occurrence(tally *t, const bf_sentence *s,
                             uint32_t sents_in_article, int query_hit) {
  uint32_t art = s->article + 1;
  t->tf++;
  if (query_hit) {
    t->focus_tf++;
    if (t->last_focus != art) {
      t->last_focus = art;
      t->focus_df++;
    }
  }
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

/* Where a concept stands among the story's concepts of its kind. A summary
 * has room for a fixed number of concepts, so the tenth most reported
 * concept of a story is likely in it however many articles report it:
 * ranks carry what shares of a story's articles cannot. */
enum { RANK_DF, RANK_LEAD, RANK_PROMINENCE, RANK_FOCUS, RANKS };

typedef struct ranks {
  /* [bigram][which][count]: log(1 + concepts of the kind with a higher
   * count + half of those with the same) */
  double *of[2][RANKS];
  uint32_t max[2][RANKS];
} ranks;

static uint32_t rank_count(const tally *t, int which) {
  switch (which) {
  case RANK_DF:
    return t->df;
  case RANK_LEAD:
    return t->long_lead;
  case RANK_FOCUS:
    return t->focus_df;
  default:
    return t->df + t->long_lead + t->first;
  }
}

static void ranks_release(ranks *r) {
  for (int b = 0; b < 2; b++)
    for (int w = 0; w < RANKS; w++)
      free(r->of[b][w]);
}

/* Counts are small integers (articles), so one histogram per count gives
 * every rank without sorting. */
static int ranks_init(ranks *r, const tally *t, const brief_story *st) {
  memset(r, 0, sizeof *r);
  for (size_t c = 0; c < st->n_concepts; c++) {
    int b = (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) != 0;
    for (int w = 0; t[c].df && w < RANKS; w++)
      if (rank_count(&t[c], w) > r->max[b][w])
        r->max[b][w] = rank_count(&t[c], w);
  }
  for (int b = 0; b < 2; b++)
    for (int w = 0; w < RANKS; w++)
      if (!(r->of[b][w] = calloc(r->max[b][w] + 1, sizeof(double)))) {
        ranks_release(r);
        return -1;
      }
  for (size_t c = 0; c < st->n_concepts; c++) {
    int b = (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM) != 0;
    for (int w = 0; t[c].df && w < RANKS; w++)
      r->of[b][w][rank_count(&t[c], w)]++;
  }
  for (int b = 0; b < 2; b++)
    for (int w = 0; w < RANKS; w++) {
      double above = 0, *h = r->of[b][w];
      for (size_t k = (size_t)r->max[b][w] + 1; k-- > 0;) {
        double ties = h[k];
        h[k] = log1p(above + (ties > 0 ? (ties - 1) / 2 : 0));
        above += ties;
      }
    }
  return 0;
}

/* What every concept row needs from the story as a whole. */
typedef struct story_stats {
  double n;         /* articles */
  double sentences; /* sentences of those articles */
  double cohesion;  /* share of bigrams used by 2+ articles */
} story_stats;

/* The question's features of concept c (all 0 without a question). */
static void query_features(const tally *t, const brief_story *st, size_t c,
                           const bf_focus *f, const ranks *r, double n,
                           float *x) {
  if (!f || !f->nquery) {
    for (int k = CF_QUERY; k <= CF_QUERY_RANK; k++)
      x[k] = 0.0f;
    return;
  }
  uint8_t kind = st->concept_kind.v[c];
  uint64_t key = st->concept_key.v[c];
  uint32_t a = (uint32_t)(key >> 32), b = (uint32_t)key;
  double words = a ? (f->in_query[a] + f->in_query[b]) / 2.0 : f->in_query[b];
  /* One imagined sentence at the story's rate, as for stems. */
  double company = (t->focus_tf + f->base) / (t->tf + 1.0);
  x[CF_QUERY] = 1.0f;
  x[CF_QUERY_WORDS] = (float)words;
  x[CF_QUERY_COMPANY] = (float)company;
  x[CF_QUERY_LIFT] = (float)log((company + 0.01) / (f->base + 0.01));
  x[CF_QUERY_NAME] = (kind & BF_CONCEPT_CAP) ? (float)company : 0.0f;
  x[CF_QUERY_SOURCES] = (float)(t->focus_df / n);
  x[CF_QUERY_RANK] = (float)r->of[(kind & BF_CONCEPT_BIGRAM) != 0][RANK_FOCUS]
                                 [rank_count(t, RANK_FOCUS)];
}

static void feature_row(const tally *t, const brief_story *st, size_t c,
                        const story_stats *ss, const ranks *r,
                        const bf_focus *f, float *x) {
  uint8_t kind = st->concept_kind.v[c];
  double df = t->df, n = ss->n, cohesion = ss->cohesion;
  int b = (kind & BF_CONCEPT_BIGRAM) != 0;
  double few = n < FEW_SOURCES ? 1.0 : 0.0;
  x[CF_BIAS] = 1.0f;
  x[CF_SOURCE_SHARE] = (float)(df / n);
  x[CF_LOG_SOURCES] = (float)log(df);
  x[CF_ONE_SOURCE] = t->df == 1 ? 1.0f : 0.0f;
  x[CF_LEAD_SHARE] = (float)(t->lead / n);
  x[CF_FIRST_SHARE] = (float)(t->first / n);
  x[CF_LONG_LEAD_SHARE] = (float)(t->long_lead / n);
  x[CF_LOG_SENTENCES] = (float)log1p((double)t->tf);
  x[CF_EARLIEST] = (float)(1.0 / (1.0 + t->min_pos));
  x[CF_MEAN_PLACE] = (float)(t->rel_pos / (double)t->tf);
  x[CF_QUOTED_SHARE] = (float)((double)t->quoted / (double)t->tf);
  x[CF_LOG_ARTICLES] = (float)log(n);
  x[CF_STOPWORD] = (kind & BF_CONCEPT_STOP) ? 1.0f : 0.0f;
  x[CF_NAME] = (kind & BF_CONCEPT_CAP) ? 1.0f : 0.0f;
  x[CF_NUMBER] = (kind & BF_CONCEPT_NUM) ? 1.0f : 0.0f;
  x[CF_FEW_SOURCES_LEAD] = (float)(few * t->long_lead / n);
  x[CF_HEADLINE_SHARE] = (float)(t->headline / n);
  x[CF_DENSITY] = (float)(t->tf / ss->sentences);
  x[CF_COHESION] = (float)cohesion;
  x[CF_COHESION_FIRST] = (float)(cohesion * t->first / n);
  for (int w = RANK_DF; w <= RANK_PROMINENCE; w++)
    x[CF_DF_RANK + w] = (float)r->of[b][w][rank_count(t, w)];
  query_features(t, st, c, f, r, n, x);
}

/* Tallies every concept over the story's first n_articles articles, with
 * the story-wide counts the features need. NULL when out of memory. */
static tally *tally_concepts(const brief_story *st, size_t n_articles,
                             const bf_focus *f, story_stats *ss) {
  size_t nc = st->n_concepts;
  tally *t = calloc(nc + 1, sizeof *t);
  if (!t)
    return NULL;
  for (size_t c = 0; c < nc; c++)
    t[c].min_pos = UINT32_MAX;
  ss->n = n_articles ? (double)n_articles : 1.0;
  ss->sentences = 0;
  for (size_t i = 0; i < st->sents.n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    if (s->article >= n_articles)
      continue;
    ss->sentences++;
    uint32_t in_article = st->articles.v[s->article].sent_count;
    int hit = f && f->nquery && f->hits[i];
    for (uint32_t k = 0; k < s->concept_count; k++)
      count_occurrence(&t[st->concepts.v[s->concept_first + k] - 1], s,
                       in_article, hit);
  }
  double bigrams = 0, shared = 0;
  for (size_t c = 0; c < nc; c++)
    if (t[c].df > 0 && (st->concept_kind.v[c] & BF_CONCEPT_BIGRAM)) {
      bigrams++;
      shared += t[c].df > 1;
    }
  ss->cohesion = bigrams > 0 ? shared / bigrams : 0;
  return t;
}

int bf_concept_features(const brief_story *st, size_t n_articles,
                        const bf_focus *focus, float *out, uint8_t *present) {
  story_stats ss;
  tally *t = tally_concepts(st, n_articles, focus, &ss);
  ranks r;
  if (!t || ranks_init(&r, t, st)) {
    free(t);
    return -1;
  }
  for (size_t c = 0; c < st->n_concepts; c++) {
    present[c] = t[c].df > 0;
    if (present[c])
      feature_row(&t[c], st, c, &ss, &r, focus, out + c * BF_FEATURES);
    else
      memset(out + c * BF_FEATURES, 0, BF_FEATURES * sizeof *out);
  }
  ranks_release(&r);
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
static const bf_model focused_model = {bf_focused_model_unigram,
                                       bf_focused_model_bigram,
                                       bf_focused_model_sentence};

const bf_model *bf_default_model(void) {
  return &shipped_model;
}

const bf_model *bf_focused_model(void) {
  return &focused_model;
}

int bf_concept_probabilities(const brief_story *st, size_t n_articles,
                             const bf_focus *focus, const bf_model *m,
                             double *p) {
  story_stats ss;
  tally *t = tally_concepts(st, n_articles, focus, &ss);
  ranks r;
  if (!t || ranks_init(&r, t, st)) {
    free(t);
    return -1;
  }
  /* One row at a time: a large story's feature matrix would be larger
   * than the story. */
  for (size_t c = 0; c < st->n_concepts; c++) {
    uint8_t kind = st->concept_kind.v[c];
    float x[BF_FEATURES];
    p[c] = 0.0;
    if (t[c].df == 0)
      continue;
    feature_row(&t[c], st, c, &ss, &r, focus, x);
    p[c] = logistic((kind & BF_CONCEPT_BIGRAM) ? m->bigram : m->unigram, x,
                    BF_FEATURES);
  }
  ranks_release(&r);
  free(t);
  return 0;
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
  x[SF_BIAS] = 1.0f;
  x[SF_FIRST] = s->pos == 0 ? 1.0f : 0.0f;
  x[SF_EARLY] = (float)(1.0 / (1.0 + s->pos));
  x[SF_PLACE] = (float)((double)s->pos / (in_article ? in_article : 1));
  x[SF_LOG_WORDS] = (float)log(w);
  x[SF_MEAN_BIGRAM_P] = (float)(nb ? sum_b / nb : 0);
  x[SF_MAX_BIGRAM_P] = (float)max_b;
  x[SF_MEAN_UNIGRAM_P] = (float)(nu ? sum_u / nu : 0);
  x[SF_QUOTED_SHARE] = (float)(quoted / w);
  x[SF_NUMBER] = nums ? 1.0f : 0.0f;
  x[SF_DANGLING] = (s->flags & BF_SENT_DANGLING) ? 1.0f : 0.0f;
  x[SF_CAPITAL_SHARE] = (float)(caps / w);
  x[SF_FIRST_PARAGRAPH] = s->para == 0 ? 1.0f : 0.0f;
  x[SF_LOG_ARTICLES] = (float)log(n);
  x[SF_CENTROID_COSINE] = (float)cosine;
  x[SF_LOG_ARTICLE_WORDS] =
      (float)log1p((double)st->articles.v[s->article].words);
  x[SF_LOG_BIGRAM_MASS] = (float)log1p(sum_b);
  x[SF_COHESION] = (float)cohesion;
  x[SF_COHESION_FIRST] = (float)(cohesion * (s->pos == 0));
  x[SF_COHESION_EARLY] = (float)(cohesion / (1.0 + s->pos));
  x[SF_QUOTED_SOURCES] = (float)(quoted / w * log(n));
}

/* The question's features of sentence i (all 0 without a question). */
static void sentence_query_row(const bf_focus *f, size_t i, float *x) {
  int on = f && f->nquery;
  double hits = on ? f->hits[i] : 0;
  x[SF_QUERY] = on ? 1.0f : 0.0f;
  x[SF_QUERY_HITS] = (float)log1p(hits);
  x[SF_QUERY_SHARE] = on ? (float)(hits / f->nquery) : 0.0f;
}

/* What every sentence row needs from the story as a whole. */
typedef struct centroid {
  uint32_t *df;   /* per stem: articles using it (first n_articles only) */
  uint32_t *seen; /* per stem: stamp of the last sentence or article */
  uint32_t stamp;
  double norm;     /* length of the df vector */
  double cohesion; /* share of used stems that 2+ articles use */
  double n;        /* articles, for the features */
} centroid;

static void centroid_release(centroid *c) {
  free(c->df);
  free(c->seen);
}

static int centroid_init(centroid *c, const brief_story *st,
                         size_t n_articles) {
  size_t nstems = st->lex.n + 1;
  memset(c, 0, sizeof *c);
  c->n = n_articles ? (double)n_articles : 1.0;
  c->df = calloc(nstems, sizeof *c->df);
  c->seen = calloc(nstems, sizeof *c->seen);
  if (!c->df || !c->seen) {
    centroid_release(c);
    return -1;
  }
  for (size_t a = 0; a < n_articles && a < st->articles.n; a++) {
    const bf_article *ar = &st->articles.v[a];
    c->stamp++;
    for (uint32_t i = ar->sent_first; i < ar->sent_first + ar->sent_count; i++)
      for (uint32_t j = 0; j < st->sents.v[i].tok_count; j++) {
        const bf_token *t = &st->toks.v[st->sents.v[i].tok_first + j];
        if (t->stem && !(t->flags & BF_TOK_STOP) &&
            c->seen[t->stem] != c->stamp) {
          c->seen[t->stem] = c->stamp;
          c->df[t->stem]++;
        }
      }
  }
  double used = 0, shared = 0;
  for (size_t k = 0; k < nstems; k++) {
    c->norm += (double)c->df[k] * c->df[k];
    used += c->df[k] > 0;
    shared += c->df[k] > 1;
  }
  c->norm = sqrt(c->norm);
  c->cohesion = used > 0 ? shared / used : 0;
  return 0;
}

static void centroid_row(centroid *c, const brief_story *st, size_t i,
                         const double *concept_p, float *x) {
  const bf_sentence *s = &st->sents.v[i];
  double cosine = centroid_cosine(st, s, c->df, c->norm, c->seen, ++c->stamp);
  sentence_row(st, s, concept_p, c->n, cosine, c->cohesion, x);
}

typedef struct ranked {
  float value;
  uint32_t sent;
} ranked;

static int by_value_descending(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->value != y->value)
    return x->value > y->value ? -1 : 1;
  return (x->sent > y->sent) - (x->sent < y->sent);
}

/* Feature `to` of every row of the first n_articles articles becomes
 * log(1 + rank) of its feature `from` among those rows, ties sharing the
 * mean rank. */
static int rank_sentences(const brief_story *st, size_t n_articles, float *m,
                          int from, int to) {
  ranked *r = malloc((st->sents.n + 1) * sizeof *r);
  if (!r)
    return -1;
  size_t n = 0;
  for (size_t i = 0; i < st->sents.n; i++)
    if (st->sents.v[i].article < n_articles)
      r[n++] = (ranked){m[i * BF_SENT_FEATURES + from], (uint32_t)i};
  qsort(r, n, sizeof *r, by_value_descending);
  for (size_t k = 0, e; k < n; k = e) {
    for (e = k; e < n && r[e].value == r[k].value;)
      e++;
    float rank = (float)log1p((double)k + (double)(e - k - 1) / 2);
    for (size_t j = k; j < e; j++)
      m[r[j].sent * BF_SENT_FEATURES + to] = rank;
  }
  free(r);
  return 0;
}

int bf_sentence_features(const brief_story *st, size_t n_articles,
                         const bf_focus *focus, const double *concept_p,
                         float *out) {
  centroid c;
  if (centroid_init(&c, st, n_articles))
    return -1;
  for (size_t i = 0; i < st->sents.n; i++) {
    float *x = out + i * BF_SENT_FEATURES;
    if (st->sents.v[i].article < n_articles) {
      centroid_row(&c, st, i, concept_p, x);
      sentence_query_row(focus, i, x);
    } else {
      memset(x, 0, BF_SENT_FEATURES * sizeof *out);
    }
  }
  centroid_release(&c);
  return rank_sentences(st, n_articles, out, SF_LOG_BIGRAM_MASS,
                        SF_MASS_RANK) ||
                 rank_sentences(st, n_articles, out, SF_CENTROID_COSINE,
                                SF_CENTROID_RANK)
             ? -1
             : 0;
}

/* The ranks need every row first, so the rows are kept: a sentence row is
 * small next to the sentence's tokens. */
int bf_sentence_qualities(const brief_story *st, const bf_model *m,
                          const bf_focus *focus, const double *concept_p,
                          double *q) {
  float *x = malloc((st->sents.n + 1) * BF_SENT_FEATURES * sizeof *x);
  if (!x || bf_sentence_features(st, st->articles.n, focus, concept_p, x)) {
    free(x);
    return -1;
  }
  for (size_t i = 0; i < st->sents.n; i++)
    q[i] = logistic(m->sentence, x + i * BF_SENT_FEATURES, BF_SENT_FEATURES);
  free(x);
  return 0;
}
