/*
 * cues.h - what the facts extractors read a word by: the cue-word classes,
 * units and event classes of the vocabulary (cues.c), and the extraction
 * context every extractor is handed, with its small token tests.
 *
 * Per story the vocabulary becomes one array indexed by the lexicon id of a
 * token's folded form, so every test an extractor makes on a word is an
 * array read.
 */
#ifndef BRIEF_FACTS_CUES_H
#define BRIEF_FACTS_CUES_H

#include "facts/facts.h"

#include <string.h>

/* ---- cue words ---------------------------------------------------------- */

/* Classes of words the extractors look for, by folded form. */
enum bf_word_class {
  W_NUMWORD = 1u << 0,    /* one .. ninety; num = value */
  W_SCALE = 1u << 1,      /* hundred, thousand, million...; num = power of 10 */
  W_QUAL = 1u << 2,       /* nearly, some, about, over... */
  W_UNIT = 1u << 3,       /* percent, km, degrees...; unit = bf_unit */
  W_TIMEUNIT = 1u << 4,   /* hour(s), day(s)...; unit = bf_unit */
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

/* Units a figure may be measured in (W_UNIT and W_TIMEUNIT words). The
 * signs "$", "£" and "€" written before a number are units of their own. */
enum bf_unit {
  UNIT_NONE,
  UNIT_PERCENT,
  UNIT_SQ_KM,
  UNIT_KM,
  UNIT_MILE,
  UNIT_METRE,
  UNIT_FOOT,
  UNIT_DEGREE,
  UNIT_KG,
  UNIT_TONNE,
  UNIT_HECTARE,
  UNIT_ACRE,
  UNIT_DOLLAR_SIGN,
  UNIT_POUND_SIGN,
  UNIT_EURO_SIGN,
  UNIT_POINT,
  UNIT_MINUTE,
  UNIT_HOUR,
  UNIT_DAY,
  UNIT_WEEK,
  UNIT_MONTH,
  UNIT_YEAR,
  UNIT_SQ_MILE,
  UNIT_YEN,
  UNIT_BARREL,
  UNIT_EURO,
  UNIT_POUND,
  UNIT_DOLLAR,
  UNIT_MPH,
  UNIT_COUNT
};

/* Unit names, indexed by enum bf_unit ("" for UNIT_NONE). */
extern const char *const bf_unit_names[UNIT_COUNT];

/* ---- extraction context ------------------------------------------------- */

struct bf_fx {
  brief_story *st;
  brief_facts *f;
  bf_wordinfo *wi; /* by lexicon id of a folded form */
  size_t nwi;
  const brief_wordnet *wn; /* NULL when WordNet is not installed */
};

/* Fills x->wi: the classes of every vocabulary word in the story's lexicon
 * (possessives share their word's). Returns 0, or -1 when out of memory. */
int bf_cues_build(bf_fx *x);

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
/* Non-zero when the folded token equals `w`; asked of most tokens for a
 * few words each, so the first byte is compared before the call. */
static inline int bf_fx_is(const bf_fx *x, const bf_token *t, const char *w) {
  if (!t->norm)
    return 0;
  const char *s = bf_lexicon_str(&x->st->lex, t->norm);
  return s[0] == w[0] && strcmp(s, w) == 0;
}
/* Non-zero when a token ends a clause for the extractors: , ; : ( ) and
 * quotation marks, dashes and sentence ends. */
int bf_fx_clause_break(const bf_fx *x, uint32_t art, const bf_token *t);
/* Copies text into the facts arena (NUL-terminated); NULL on OOM. */
char *bf_fx_strndup(bf_fx *x, const char *s, size_t len);
/* Sorted, de-duplicated copy of `n` article indices into the arena. */
size_t *bf_fx_sources(bf_fx *x, const uint32_t *arts, size_t n, size_t *nout);
/* The records of sentence `sent` in `base`, n records of `size` bytes
 * sorted by the uint32_t sentence at byte `sent_at` of each: sets *first to
 * the first one's index and returns how many there are. */
size_t bf_fx_sent_range(const void *base, size_t n, size_t size, size_t sent_at,
                        uint32_t sent, size_t *first);

#endif
