/*
 * facts.h - the facts stage's internal interface: figures, quotes, entities
 * and timeline, read from the story's tokens in single passes.
 *
 * Owns struct brief_facts. Every result refers to the story's article text
 * by byte spans; strings that are built (labels, names) live in the facts'
 * own arena. The stage runs in this order, each concern in its own file:
 *
 *   facts.c      the driver: runs the concerns below; the accessors
 *   cues.c       the vocabulary of cue words and the extraction context
 *                every concern reads (cues.h)
 *   wordnet.c    WordNet as a list of names (places, people, groups)
 *   entities.c   people, organisations, places; variants merged
 *   quotes.c     direct quotes and their speakers (needs entities)
 *   figures.c    numbers with qualifier, unit, measure; grouped by measure
 *   timeline.c   dates resolved against article dates, ordered
 *   relevant.c   with a question, only the facts that bear on it
 *
 * Their output formats are in src/render.
 */
#ifndef BRIEF_FACTS_H
#define BRIEF_FACTS_H

#include "core/corpus.h"

/* ---- results ------------------------------------------------------------ */

typedef struct bf_span32 {
  uint32_t start, end; /* byte span in an article; start == end: none */
} bf_span32;

typedef struct bf_figure {
  uint32_t art, sent; /* article index; story sentence index */
  bf_span32 text, noun, verb, span, attr;
  double value, low, high;
  int is_range;
  const char *qual, *unit; /* static strings, "" when none */
  uint64_t key;            /* measure key hash; 0: no measure */
  int event;               /* EV_* the figure counts, 0 for a plain noun */
  const char *label;       /* measure label (facts arena) */
  uint32_t group;
} bf_figure;

typedef struct bf_figgroup {
  const char *measure, *unit;
  brief_verdict verdict;
  uint32_t *figs; /* indices into figs, by article then position */
  size_t nfigs;
  size_t *sources;
  size_t nsources;
} bf_figgroup;

typedef struct bf_mention {
  uint32_t art, sent;
  uint32_t tok_b, tok_e; /* story token range, end exclusive */
  uint32_t entity;       /* final entity index */
  uint32_t form;         /* candidate (surface key) index */
} bf_mention;

typedef struct bf_entity {
  const char *name;
  brief_entity_type type;
  const char **variants;
  size_t nvariants;
  size_t mentions;
  size_t *sources, *counts;
  size_t nsources;
  uint32_t first; /* first mention, for stable ordering */
} bf_entity;

typedef struct bf_quote {
  uint32_t art, sent;
  bf_span32 text; /* without the quotation marks */
  uint32_t tok_b, tok_e;
  const char *speaker; /* resolved (arena) or "" */
  const char *said_by; /* arena copy of the naming words, or "" */
  size_t entity;       /* SIZE_MAX when none */
  int partial;
  size_t mentions;
  size_t *sources;
  size_t nsources;
  uint32_t merged_into; /* UINT32_MAX for a kept quote */
} bf_quote;

/* One date expression as written in one sentence: the timeline's events
 * group these by date. */
typedef struct bf_date_mention {
  uint32_t art, sent;
  uint32_t tok_b, tok_e; /* story token range, end exclusive */
  char date[11];         /* as in bf_event; "" when unresolved */
  int relative;          /* needs the article's date: "on Wednesday",
                            "yesterday", "four days ago", "last month" */
} bf_date_mention;

typedef struct bf_event {
  char date[11]; /* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
  int32_t day;   /* sort key: first day covered; INT32_MAX unresolved */
  uint32_t art, sent;
  bf_span32 expr;
  uint64_t key;
  size_t mentions;
  size_t *sources;
  size_t nsources;
} bf_event;

struct brief_facts {
  bf_arena arena;
  const brief_story *story;
  BF_VEC(bf_figure) figs;
  BF_VEC(bf_figgroup) groups;
  BF_VEC(bf_quote) quotes; /* kept quotes only, after merging */
  BF_VEC(bf_entity) ents;
  BF_VEC(bf_mention) mentions; /* in text order; entity set */
  BF_VEC(bf_event) events;
  BF_VEC(bf_date_mention) dates; /* every expression, in text order */
};

typedef struct bf_fx bf_fx; /* the extraction context: facts/cues.h */

/* ---- WordNet names (wordnet.c) ------------------------------------------ */

/* struct brief_wordnet (the public handle) is opened and read here; every
 * lookup below only reads it, so one handle serves many threads. */

enum { WN_NONE = 0, WN_PERSON = 1, WN_GROUP = 2, WN_PLACE = 3, WN_COMMON = 4 };

typedef struct bf_wn_name {
  int kind;        /* WN_* of the first sense written with this case */
  uint32_t synset; /* its data.noun offset (a merge key), 0 when none */
  int adjective;   /* the lower-case form is an adjective ("Syrian") */
} bf_wn_name;

/* Opens WordNet's noun and adjective indexes in `dir`; NULL when absent. */
brief_wordnet *bf_wordnet_open(const char *dir);
/* Looks a capitalised name up ("Hezbollah", "United Nations"): what kind of
 * thing its first matching sense is. Spaces may be given as spaces. */
void bf_wordnet_lookup(const brief_wordnet *wn, const char *name, size_t len,
                       bf_wn_name *out);

/* Calls fn with every single common word that shares one of the most
 * frequent senses of `word` (lower case, any inflection) as a noun (pos
 * 'n') or a verb ('v'): "talks" gives "negotiation" and "dialogue". The
 * words are borrowed for the call. */
typedef void (*bf_wordnet_word_fn)(void *ctx, const char *word, size_t len);
void bf_wordnet_synonyms(const brief_wordnet *wn, char pos, const char *word,
                         bf_wordnet_word_fn fn, void *ctx);

/* When the place `name` is a national capital, or a part of one, writes
 * the name of its country into `out` and returns 1: "Moscow" and
 * "Kremlin" give "Russia". */
#define BF_WORDNET_NAME_MAX 64
int bf_wordnet_country_of(const brief_wordnet *wn, const char *name,
                          char out[BF_WORDNET_NAME_MAX]);

/* ---- the driver (facts.c) ----------------------------------------------- */

/* The WordNet a call reads: opts->wordnet when given; else WordNet opened
 * from opts->wordnet_dir (NULL opts or dir: BRIEF_WORDNET_DIR) into
 * *owned, which the caller closes with brief_wordnet_close (*owned is NULL
 * otherwise). Without it the facts still come, with names typed by cue
 * words alone, and the story says so once: NULL then. */
const brief_wordnet *bf_facts_wordnet(brief_story *story,
                                      const brief_options *opts,
                                      brief_wordnet **owned);

/* brief_facts_extract with WordNet already open (NULL: without it), for a
 * caller that reads WordNet too; `wn` stays the caller's. */
brief_status bf_facts_extract_with(brief_story *story, const brief_wordnet *wn,
                                   brief_facts **out, brief_error *err);

/* ---- the concerns ------------------------------------------------------- */

brief_status bf_facts_entities(bf_fx *x, brief_error *err);
brief_status bf_facts_quotes(bf_fx *x, brief_error *err);
brief_status bf_facts_figures(bf_fx *x, brief_error *err);
brief_status bf_facts_timeline(bf_fx *x, brief_error *err);

struct bf_focus;
/* Keeps only the facts whose sentences hold a word of the question (see
 * relevant.c); nothing changes when `focus` found none. */
brief_status bf_facts_keep_relevant(brief_facts *f,
                                    const struct bf_focus *focus,
                                    brief_error *err);

/* ---- queries over the entities' mentions (entities.c) ------------------- */

/* The index of the last person mentioned in article `art` before story
 * token `tok`, or UINT32_MAX. Mentions are in text order. */
uint32_t bf_facts_last_person(const brief_facts *f, uint32_t art, uint32_t tok);

/* How many mentions start before token `tok` (mentions are in text order):
 * walking back from there visits the mentions before it, nearest first. */
size_t bf_facts_mentions_before(const brief_facts *f, uint32_t tok);
/* The mention covering story token `tok`, or NULL. */
const bf_mention *bf_facts_mention_at(const brief_facts *f, uint32_t tok);

/* ---- queries for the stages that compare sentences ---------------------- */

/* The figures read in story sentence `sent`: *first points at the first of
 * the returned count (figures are in text order). */
size_t bf_facts_figures_of(const brief_facts *f, uint32_t sent,
                           const bf_figure **first);

/* How two figures relate: the same figure of one measure ("more than
 * 320,000" and "320,000"), or the same amount of one unit ("two-week");
 * another figure of one measure ("270,000"; a range against one number);
 * or not comparable (other measures, or time spans that differ). */
typedef enum bf_figure_relation {
  BF_FIGURES_UNRELATED = 0,
  BF_FIGURES_SAME,
  BF_FIGURES_DIFFER
} bf_figure_relation;

bf_figure_relation bf_facts_figure_relation(const brief_facts *f,
                                            const bf_figure *a,
                                            const bf_figure *b);

/* The date expressions of story sentence `sent`, in text order: *first
 * points at the first of the returned count. */
size_t bf_facts_dates_of(const brief_facts *f, uint32_t sent,
                         const bf_date_mention **first);

#endif
