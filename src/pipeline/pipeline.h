/*
 * pipeline.h - the stages of the summary pipeline, in the order data flows:
 *
 *   ingest -> (extract) -> clean -> segment -> analyse -> (focus) -> weigh
 *          -> dedup -> (compress) -> select -> prefer -> cite -> order
 *          -> render
 *
 * The facts stage (src/facts) runs beside them; prefer and cite read its
 * names, figures and dates through the support measure.
 *
 * Each stage adds its own layer to the story (core/corpus.h) or returns a
 * plain result; none reaches into another stage's internals.
 */
#ifndef BRIEF_PIPELINE_H
#define BRIEF_PIPELINE_H

#include "core/corpus.h"
#include "core/date.h"

typedef struct bf_support_index bf_support_index;
typedef struct bf_prefer bf_prefer;

/* ingest.c -------------------------------------------------------------- */

/* One article read, extracted (HTML) and cleaned, outside any story. */
typedef struct bf_ingested {
  char *text; /* malloc'd cleaned text; len 0 when nothing was left */
  size_t len;
  uint32_t words;
  char *source, *url, *title; /* malloc'd, "" when unknown */
  char date[11];              /* "YYYY-MM-DD" or "" */
  int32_t day;                /* days since 1970-01-01 or BF_NO_DAY */
  int date_from_text;         /* the date was read off a dateline in the
                                 text, not given with the article */
  int date_unreadable;        /* a date was given but is not one brief
                                 reads */
  char warning[400];          /* "" or a note from extraction */
} bf_ingested;

/* Checks, extracts and cleans one article; `name` names it in messages. */
brief_status bf_ingest_one(const brief_article *in, const char *name,
                           bf_ingested *out, brief_error *err);
void bf_ingested_release(bf_ingested *x);

/* Adds an article already read and cleaned to a story (no limits checked,
 * no cleaning again): the story desk briefs stored articles this way. */
brief_status bf_story_add_ingested(brief_story *story, const char *name,
                                   const char *id, const bf_ingested *x,
                                   brief_error *err);

/* The same, after the story was summarized: the article only stands as a
 * source a summary sentence is cited to (see bf_summary_add_source); the
 * layers built already stay. */
brief_status bf_story_add_cited(brief_story *story, const char *name,
                                const char *id, const bf_ingested *x,
                                brief_error *err);

/* Where readers deliver articles: `article` gets each one (its fields
 * borrowed for the call), `warn` each warning (skipped empty files), and
 * `unknown`, when set, a JSON article's first field brief does not read. */
typedef struct bf_sink {
  brief_status (*article)(void *ctx, const brief_article *a, const char *name,
                          brief_error *err);
  void (*warn)(void *ctx, const char *message);
  void (*unknown)(void *ctx, const char *field, const char *where);
  void *ctx;
} bf_sink;

/* Reads a file, a folder or "-" (see brief_story_add_path) into a sink. */
brief_status bf_read_path(const char *path, const brief_ingest_options *o,
                          const bf_sink *sink, brief_error *err);

/* Reads every line of a JSONL file or "-" into a sink, in order. */
brief_status bf_read_jsonl(const char *path, const bf_sink *sink,
                           brief_error *err);

/* clean.c --------------------------------------------------------------- */

typedef struct bf_clean_result {
  char *text; /* malloc'd, NUL-terminated, one paragraph per line */
  size_t len;
  bf_date date;         /* a date found on a "Posted ..." or dateline line */
  size_t dropped_lines; /* boilerplate lines removed */
} bf_clean_result;

/* Removes boilerplate lines and fragments, invisible and control
 * characters, and normalises whitespace. Input must be valid UTF-8.
 * Returns 0, or -1 when out of memory. */
int bf_clean_text(const char *in, size_t len, bf_clean_result *out);

/* Non-zero when a whole (trimmed) line is boilerplate. Exposed for tests. */
int bf_clean_is_boilerplate(const char *line, size_t len);

/* segment.c ------------------------------------------------------------- */

/* Splits every article into paragraphs, sentences and tokens, and interns
 * folded forms and stems in the story's lexicon. Idempotent. */
brief_status bf_segment_story(brief_story *story, brief_error *err);

/* Non-zero when the folded word (lower case, UTF-8) is a stopword. */
int bf_is_stopword(const char *w, size_t len);

/* A word of some other text (a question), read as the articles' words are:
 * its folded form (borrowed for the callback), the id the story's lexicon
 * gives its stem (0 when no article uses it), whether it is a stopword and
 * whether it is written with a capital. */
typedef struct bf_text_word {
  const char *fold;
  size_t fold_len;
  uint32_t stem;
  int stop, cap;
} bf_text_word;

typedef int (*bf_word_fn)(void *ctx, const bf_text_word *w);

/* Calls fn for every word and number of text[0..len), a segmented story's
 * lexicon only read. Returns 0, fn's first non-zero return, or -1 when
 * the stemmer cannot be made or the story is not segmented. */
int bf_segment_words(const brief_story *story, const char *text, size_t len,
                     bf_word_fn fn, void *ctx);

/* analyse.c ------------------------------------------------------------- */

/* Builds per-sentence concepts (content stems and stem bigrams) and per
 * concept the number of articles using it. Idempotent. */
brief_status bf_analyse_story(brief_story *story, brief_error *err);

/* keep[k] (one per concept of sentence i, in its list's order) is 1 when
 * one occurrence of the k-th concept is made only of tokens the caller
 * keeps: dropped[j] is non-zero for the sentence's j-th token when it is
 * left out. Returns 0, or -1 when out of memory. */
int bf_concepts_surviving(const brief_story *story, uint32_t i,
                          const uint8_t *dropped, uint8_t *keep);

/* Concept keys: a unigram is (0, stem), a bigram (stem_a, stem_b). */
static inline uint64_t bf_concept_key(uint32_t a, uint32_t b) {
  return ((uint64_t)a << 32) | b;
}

/* focus.c --------------------------------------------------------------- */

/* What a question asks of a story (see focus.c). Without a question, or
 * when none of its words is in the articles, nquery is 0: a generic
 * brief. */
typedef struct bf_focus {
  uint32_t nquery;    /* distinct query stems the articles use */
  uint8_t *in_query;  /* per stem id: 1 for a query stem */
  float *company;     /* per stem id: share of its sentences that hold a
                         query stem */
  uint8_t *hits;      /* per sentence: query stems it holds (at most 255) */
  double base;        /* share of all sentences that hold a query stem */
  size_t n_articles;  /* the articles counted, as for the weigh stage */
  size_t query_bytes; /* the question's length */
  size_t read_bytes;  /* the bytes read: at most BRIEF_MAX_QUERY_BYTES */
} bf_focus;

/* BRIEF_OK when a question can be read: UTF-8 with a character that is not
 * white space; else BRIEF_ERR_ARG or BRIEF_ERR_UTF8 with a message. */
brief_status bf_focus_check_query(const char *query, brief_error *err);

/* The warning of a question none of whose words the articles use. */
#define BF_QUERY_NOT_FOUND_WARNING                                             \
  "query: none of its words is in the articles; the brief is generic"

/* The focus of `query` (NULL: none) on the story's first n_articles
 * articles; the story must be segmented. The caller releases it. */
brief_status bf_focus_build(const brief_story *story, const char *query,
                            size_t n_articles, bf_focus *out, brief_error *err);
void bf_focus_release(bf_focus *focus);

/* weigh.c --------------------------------------------------------------- */

#define BF_FEATURES 30

/* Writes BF_FEATURES features per concept (row c for concept id c + 1),
 * computed over the story's first n_articles articles only, and sets
 * present[c] when the concept occurs in them. Articles after those, such
 * as reference summaries while training, add concepts but no evidence.
 * `focus` (NULL: none) is a question's, built on the same articles.
 * Returns 0, or -1 when out of memory. */
int bf_concept_features(const brief_story *story, size_t n_articles,
                        const bf_focus *focus, float *out, uint8_t *present);

/* A fitted model: coefficients per feature (see weigh_model.h). */
typedef struct bf_model {
  const double *unigram, *bigram; /* BF_FEATURES each */
  const double *sentence;         /* BF_SENT_FEATURES */
} bf_model;

/* The models brief ships: for a generic brief, and for one that answers a
 * question (fitted on summaries that answer one). */
const bf_model *bf_default_model(void);
const bf_model *bf_focused_model(void);

/* p[c] for every concept: the probability that a summary holds it, from
 * the first n_articles articles (0 for concepts absent from them).
 * Returns 0, or -1 when out of memory. */
int bf_concept_probabilities(const brief_story *story, size_t n_articles,
                             const bf_focus *focus, const bf_model *model,
                             double *p);

/* What a content word is worth next to a bigram, in the select stage's
 * objective and in the sentence labels the quality model is fitted on: a
 * single word says less about shared content than a pair (tuned on the
 * development sets; README, Quality). */
#define BF_UNIGRAM_SCALE 0.7

/* A concept's worth per unit of probability: 1 for a bigram,
 * BF_UNIGRAM_SCALE for a content word. */
static inline double bf_concept_worth(uint8_t kind) {
  return (kind & BF_CONCEPT_BIGRAM) ? 1.0 : BF_UNIGRAM_SCALE;
}

#define BF_SENT_FEATURES 26

/* Writes BF_SENT_FEATURES features per sentence of the first n_articles
 * articles (zeros for the rest), given every concept's probability. */
int bf_sentence_features(const brief_story *story, size_t n_articles,
                         const bf_focus *focus, const double *concept_p,
                         float *out);

/* q[i] for every sentence: the model's estimate of the share of its
 * concepts a summary would hold, content words counting BF_UNIGRAM_SCALE
 * of a bigram. Returns 0, or -1 when out of memory. */
int bf_sentence_qualities(const brief_story *story, const bf_model *model,
                          const bf_focus *focus, const double *concept_p,
                          double *q);

/* dedup.c --------------------------------------------------------------- */

/* Near-duplicate groups over all sentences: group[i] is the index of the
 * group's representative sentence (i itself when alone). Found by MinHash
 * banding over content stems, so cost grows linearly with the story. */
typedef struct bf_dups {
  uint32_t *group; /* malloc'd, one per sentence */
  size_t n;
} bf_dups;

brief_status bf_find_duplicates(const brief_story *story, double threshold,
                                bf_dups *out, brief_error *err);
void bf_dups_release(bf_dups *d);

/* Similarity of two sentences: shared content stems over the smaller set. */
double bf_sentence_overlap(const brief_story *story, uint32_t a, uint32_t b);

/* compress.c ----------------------------------------------------------- */

#define BF_MAX_CUTS 4

typedef struct bf_compressed {
  struct {
    uint32_t start, end; /* byte span of the article text to leave out */
  } cuts[BF_MAX_CUTS];
  uint8_t ncuts;
  uint8_t capitalise; /* the first letter left needs upper case */
  uint32_t words;     /* words after the cuts */
} bf_compressed;

/* Finds what can be cut from sentence i (leading connective, trailing
 * attribution, short parenthetical asides). */
void bf_compress_sentence(const brief_story *st, uint32_t i, bf_compressed *c);

/* keep[k] for the k-th concept of sentence i: 1 when the sentence still
 * holds it after the cuts. Returns 0, or -1 when out of memory. */
int bf_compressed_concepts(const brief_story *st, uint32_t i,
                           const bf_compressed *c, uint8_t *keep);

/* Writes the sentence with its cuts applied into `out` (room for the
 * sentence's bytes + 1); returns the length. */
size_t bf_compressed_text(const brief_story *st, uint32_t i,
                          const bf_compressed *c, char *out);

/* The offset in that text of byte p of sentence i's article text (within
 * the sentence), or -1 when a cut takes it. */
long bf_compressed_offset(const brief_story *st, uint32_t i,
                          const bf_compressed *c, uint32_t p);

/* support.c ------------------------------------------------------------ */

/* How an article stands on a sentence. */
typedef enum bf_support_kind {
  BF_SUPPORT_NONE = 0,
  BF_SUPPORT_PARTIAL, /* states part of it */
  BF_SUPPORT_FULL,    /* states all of it, in whatever words */
  BF_SUPPORT_CONFLICT /* gives another figure for one of its figures */
} bf_support_kind;

typedef struct bf_support {
  uint8_t kind;   /* bf_support_kind */
  uint8_t nsents; /* 1 or 2 sentences say it (the figure's, for a conflict) */
  float share;    /* of the sentence's weight the article holds, 0..1 */
  uint32_t sents[2];
} bf_support;

/* The story's sentences as units of meaning (see support.c), built once
 * per summary from the facts, with WordNet's synonyms and capitals when
 * `wordnet` is open (NULL: words and names are compared as written). The
 * caller owns the index: release with bf_support_index_free, before the
 * facts and the WordNet it borrows. */
brief_status bf_support_index_new(const brief_story *story,
                                  const brief_facts *facts,
                                  const brief_wordnet *wordnet,
                                  bf_support_index **out, brief_error *err);
void bf_support_index_free(bf_support_index *ix);

/* out[a], for every article a of the story, says how a stands on sentence
 * si; the sentence's own article states it with that sentence. Costs the
 * sentences that share a unit with si, not the story. Returns 0, or -1
 * when out of memory. */
int bf_support_of(bf_support_index *ix, uint32_t si, bf_support *out);

/* select.c / prefer.c / cite.c / order.c -------------------------------- */

/* One article's stand on a chosen sentence: full, partial or conflicting. */
typedef struct bf_citation {
  uint32_t article;
  bf_support how;
} bf_citation;

typedef struct bf_pick {
  uint32_t sent; /* sentence index in the story */
  double gain;
  bf_compressed comp; /* ncuts 0 when not compressed */
  uint32_t *sources;  /* malloc'd: the articles stating it in full */
  uint32_t nsources;
  bf_citation *cites; /* malloc'd: every article with a stand on it, the
                         picked one's first, then by index */
  uint32_t ncites;
  uint8_t unanchored; /* speaks of a relative time ("on Wednesday") that
                         its article's unknown date leaves open */
} bf_pick;

typedef struct bf_selection {
  bf_pick *picks;
  size_t n;
  size_t words;
} bf_selection;

/* Chooses the summary's sentences; `prefer` (NULL: none) picks the
 * wording of each, `focus` (NULL: none) is the question they answer. */
brief_status bf_select(const brief_story *story, const bf_dups *dups,
                       bf_prefer *prefer, const brief_options *opts,
                       const bf_focus *focus, bf_selection *out,
                       brief_error *err);
void bf_selection_release(bf_selection *sel);

/* The wording of a fact (prefer.c): a sentence of another article that
 * states all of the one selection is taking, and that it states in turn,
 * when more outlets stand behind it, its relative times resolve, or its
 * wording is plainer. The caller owns the object: release with
 * bf_prefer_free, before what it borrows. */
brief_status bf_prefer_new(const brief_story *story, bf_support_index *support,
                           const bf_dups *dups, const brief_facts *facts,
                           const brief_options *opts, bf_prefer **out,
                           brief_error *err);
void bf_prefer_free(bf_prefer *prefer);

/* The sentence to take for sentence si, given the sentences `chosen` so far
 * and the word budget: si itself or one that says the same. */
uint32_t bf_prefer_wording(bf_prefer *prefer, uint32_t si,
                           const bf_selection *chosen, size_t budget);

/* Cites each pick: its sources are the articles stating it in full, first
 * the picked one's article, then by index; its cites add those stating
 * part of it and those giving another figure for its figure. */
brief_status bf_cite(const brief_story *story, bf_support_index *support,
                     bf_selection *sel, brief_error *err);

/* Cites article `article` for summary sentence i too (once). Returns 0, or
 * -1 when out of memory. */
int bf_summary_add_source(brief_summary *summary, size_t i, size_t article);

/* Orders picks for reading: by article date, then article, then position;
 * an unanchored pick does not open the summary when another can. */
void bf_order(const brief_story *story, bf_selection *sel);

#endif
