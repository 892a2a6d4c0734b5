/*
 * facts.h - the facts stage's internal interface: figures, quotes, entities
 * and timeline, read from the story's tokens in single passes.
 *
 * Owns struct brief_facts. Every result refers to the story's article text
 * by byte spans; strings that are built (labels, names) live in the facts'
 * own arena. The stage runs in this order, each concern in its own file:
 *
 *   facts.c      vocabulary of cue words, the extraction context, accessors
 *   wordnet.c    WordNet as a list of names (places, people, groups)
 *   entities.c   people, organisations, places; variants merged
 *   quotes.c     direct quotes and their speakers (needs entities)
 *   figures.c    numbers with qualifier, unit, measure; grouped by measure
 *   timeline.c   dates resolved against article dates, ordered
 *
 * Their output formats are in src/render.
 */
#ifndef BRIEF_FACTS_H
#define BRIEF_FACTS_H

#include "core/corpus.h"

#include <stdio.h>

/* ---- cue words ---------------------------------------------------------- */

/* Classes of words the extractors look for, by folded form. */
enum bf_word_class {
  W_NUMWORD = 1u << 0,    /* one .. ninety; num = value */
  W_SCALE = 1u << 1,      /* hundred, thousand, million...; num = power of 10 */
  W_QUAL = 1u << 2,       /* nearly, some, about, over... */
  W_UNIT = 1u << 3,       /* percent, km, degrees...; unit = index */
  W_TIMEUNIT = 1u << 4,   /* hour(s), day(s)...; unit = index */
  W_MONTH = 1u << 5,      /* num = 1..12 */
  W_WEEKDAY = 1u << 6,    /* num = 0 (Monday) .. 6 */
  W_EVENT = 1u << 7,      /* killed, displaced, control...; event = class */
  W_SPEECH = 1u << 8,     /* said, told, warned... */
  W_ROLE = 1u << 9,       /* spokesman, minister, doctor... */
  W_TITLE = 1u << 10,     /* President, Mr, King: a person's name follows */
  W_ORGWORD = 1u << 11,   /* Observatory, Council, Army... */
  W_PLACECUE = 1u << 12,  /* town, city, province, border... */
  W_PLACEPREP = 1u << 13, /* in, at, near, from, across... */
  W_GENERIC = 1u << 14,   /* people, persons: no subject of its own */
  W_AUX = 1u << 15,       /* have, been, were, also, already... */
  W_CONNECT = 1u << 16,   /* for, of, de, bin: inside names */
  W_AGENCY = 1u << 17,    /* AFP, Reuters: news agencies */
  W_PRONOUN = 1u << 18,   /* he, she */
  W_TIMEREL = 1u << 19,   /* yesterday, today, tonight */
  W_SPANPREP = 1u << 20,  /* in, within, over, since, by, during */
  W_CLAUSE = 1u << 21,    /* which, who, while, but: a clause starts */
  W_TITLEMOD = 1u << 22,  /* Foreign, Deputy, High: part of a title */
  W_PLACESUFFIX = 1u << 23 /* Heights, River, Province: ends a place name */
};

typedef struct bf_wordinfo {
  uint32_t cls;
  uint8_t num, unit, event, pad;
} bf_wordinfo;

/* Event classes a figure may measure (W_EVENT). 0 is none. */
enum {
  EV_NONE,
  EV_KILLED,
  EV_INJURED,
  EV_DISPLACED,
  EV_EVACUATED,
  EV_ARRESTED,
  EV_MISSING,
  EV_RESCUED,
  EV_GATHERED,
  EV_CONTROL,
  EV_AFFECTED,
  EV_COUNT
};
extern const char *const bf_event_names[EV_COUNT];

/* Unit names by index (W_UNIT and W_TIMEUNIT share the table). */
extern const char *const bf_unit_names[];

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
};

/* ---- extraction context ------------------------------------------------- */

typedef struct bf_wordnet bf_wordnet;

typedef struct bf_fx {
  brief_story *st;
  brief_facts *f;
  bf_wordinfo *wi; /* by lexicon id of a folded form */
  size_t nwi;
  bf_wordnet *wn; /* NULL when WordNet is not installed */
} bf_fx;

static inline const bf_wordinfo *bf_fx_info(const bf_fx *x, const bf_token *t) {
  static const bf_wordinfo none = {0, 0, 0, 0, 0};
  return t->norm && t->norm < x->nwi ? &x->wi[t->norm] : &none;
}
static inline uint32_t bf_fx_cls(const bf_fx *x, const bf_token *t) {
  return bf_fx_info(x, t)->cls;
}
static inline const char *bf_fx_text(const bf_fx *x, uint32_t art) {
  return x->st->articles.v[art].text;
}
/* The folded form of a word or number token ("" for punctuation). */
static inline const char *bf_fx_norm(const bf_fx *x, const bf_token *t) {
  return t->norm ? bf_lexicon_str(&x->st->lex, t->norm) : "";
}
/* Non-zero when the token is exactly the one-byte punctuation c. */
static inline int bf_fx_punct(const bf_fx *x, uint32_t art, const bf_token *t,
                              char c) {
  return (t->flags & BF_TOK_PUNCT) && t->len == 1 &&
         bf_fx_text(x, art)[t->start] == c;
}
/* Non-zero when the folded token equals `w`. */
int bf_fx_is(const bf_fx *x, const bf_token *t, const char *w);
/* Non-zero when a token ends a clause for the extractors: , ; : ( ) and
 * quotation marks, dashes and sentence ends. */
int bf_fx_clause_break(const bf_fx *x, uint32_t art, const bf_token *t);
/* Copies text into the facts arena (NUL-terminated); NULL on OOM. */
char *bf_fx_strndup(bf_fx *x, const char *s, size_t len);
/* Sorted, de-duplicated copy of `n` article indices into the arena. */
size_t *bf_fx_sources(bf_fx *x, const uint32_t *arts, size_t n, size_t *nout);

/* ---- WordNet names (wordnet.c) ------------------------------------------ */

enum { WN_NONE = 0, WN_PERSON = 1, WN_GROUP = 2, WN_PLACE = 3, WN_COMMON = 4 };

typedef struct bf_wn_name {
  int kind;        /* WN_* of the first sense written with this case */
  uint32_t synset; /* its data.noun offset (a merge key), 0 when none */
  int adjective;   /* the lower-case form is an adjective ("Syrian") */
} bf_wn_name;

/* Opens WordNet's noun and adjective indexes in `dir`; NULL when absent. */
bf_wordnet *bf_wordnet_open(const char *dir);
void bf_wordnet_close(bf_wordnet *wn);
/* Looks a capitalised name up ("Hezbollah", "United Nations"): what kind of
 * thing its first matching sense is. Spaces may be given as spaces. */
void bf_wordnet_lookup(bf_wordnet *wn, const char *name, size_t len,
                       bf_wn_name *out);

/* ---- the concerns ------------------------------------------------------- */

brief_status bf_facts_entities(bf_fx *x, brief_error *err);
brief_status bf_facts_quotes(bf_fx *x, brief_error *err);
brief_status bf_facts_figures(bf_fx *x, brief_error *err);
brief_status bf_facts_timeline(bf_fx *x, brief_error *err);

/* The index of the last person mentioned in article `art` before story
 * token `tok`, or UINT32_MAX. Mentions are in text order. */
uint32_t bf_facts_last_person(const brief_facts *f, uint32_t art, uint32_t tok);

/* How many mentions start before token `tok` (mentions are in text order):
 * walking back from there visits the mentions before it, nearest first. */
size_t bf_facts_mentions_before(const brief_facts *f, uint32_t tok);
/* The mention covering story token `tok`, or NULL. */
const bf_mention *bf_facts_mention_at(const brief_facts *f, uint32_t tok);

#endif
