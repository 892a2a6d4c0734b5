/*
 * corpus.h - the one representation of a story that every stage reads.
 *
 * A story owns its articles' cleaned text; every later layer refers to that
 * text by byte spans and to words by interned ids, never by copies:
 *
 *   brief_story
 *     articles[]   metadata + cleaned UTF-8 text            (ingest, clean)
 *     sents[]      byte spans, paragraph, position, tokens   (segment)
 *     toks[]       byte spans, folded stem id, flags         (segment)
 *     concepts     per sentence concept ids, per concept df  (analyse)
 *
 * Layers are built in that order and each stage only adds its own layer.
 * Offsets are 32-bit: an article is at most BRIEF_MAX_ARTICLE_BYTES.
 */
#ifndef BRIEF_CORPUS_H
#define BRIEF_CORPUS_H

#include "brief.h"
#include "core/arena.h"
#include "core/lexicon.h"
#include "core/vec.h"

#include <stdint.h>

#define BF_NO_DAY INT32_MIN

typedef struct bf_article {
  const char *id, *source, *url, *title; /* arena strings, "" if unknown */
  char date[11];                         /* "YYYY-MM-DD" or "" */
  int32_t day;      /* days since 1970-01-01 or BF_NO_DAY */
  const char *text; /* cleaned text, arena-owned */
  uint32_t len;
  uint32_t words;
  uint32_t sent_first, sent_count; /* segment layer */
  uint32_t dup_of;                 /* ingest: index+1 of an identical article */
} bf_article;

enum bf_token_flags {
  BF_TOK_WORD = 1 << 0,   /* contains a letter */
  BF_TOK_NUM = 1 << 1,    /* starts with a digit (320,000; 2.5; 19th) */
  BF_TOK_PUNCT = 1 << 2,  /* punctuation or symbol */
  BF_TOK_STOP = 1 << 3,   /* stopword */
  BF_TOK_CAP = 1 << 4,    /* starts with an upper-case letter */
  BF_TOK_QUOTE = 1 << 5,  /* inside a direct quotation */
  BF_TOK_OPENQ = 1 << 6,  /* an opening quotation mark */
  BF_TOK_CLOSEQ = 1 << 7, /* a closing quotation mark */
  BF_TOK_ABBR = 1 << 8,   /* abbreviation or initial with its dot: "Gen." */
  BF_TOK_TERM = 1 << 9    /* sentence-final punctuation: . ! ? ... */
};

typedef struct bf_token {
  uint32_t start, len; /* byte span in the article text */
  uint32_t norm;       /* lexicon id of the case-folded form */
  uint32_t stem;       /* lexicon id of the stem (words and numbers), or 0 */
  uint16_t flags;
} bf_token;

enum bf_sentence_flags {
  BF_SENT_QUESTION = 1 << 0,  /* ends with '?' */
  BF_SENT_QUOTED = 1 << 1,    /* mostly a direct quotation */
  BF_SENT_DANGLING = 1 << 2,  /* opens with a connective or pronoun */
  BF_SENT_HEADLINE = 1 << 3,  /* a paragraph without final punctuation */
  BF_SENT_FRAGMENT = 1 << 4,  /* too short or no verb-like content */
  BF_SENT_BARE_QUOTE = 1 << 5 /* quoted, with no speaker named outside */
};

enum bf_concept_kind {
  BF_CONCEPT_BIGRAM = 1 << 0, /* two stems, else one content stem */
  BF_CONCEPT_STOP = 1 << 1,   /* a bigram with a stopword in it */
  BF_CONCEPT_CAP = 1 << 2,    /* capitalised inside some sentence: a name */
  BF_CONCEPT_NUM = 1 << 3     /* holds a number */
};

typedef struct bf_sentence {
  uint32_t article;
  uint32_t start, end; /* byte span in the article text */
  uint32_t para;       /* paragraph index in the article */
  uint32_t pos;        /* sentence index in the article */
  uint32_t tok_first, tok_count;
  uint32_t words;                        /* whitespace-separated words */
  uint32_t concept_first, concept_count; /* analyse layer */
  uint16_t flags;
} bf_sentence;

struct brief_story {
  bf_arena arena;
  BF_VEC(bf_article) articles;
  BF_VEC(char *) warnings; /* malloc'd */
  size_t total_bytes;
  size_t total_words;
  brief_story_limits limits;   /* 0: no cap */
  bf_keymap ids;               /* hash of article id -> dense id (uniqueness) */
  bf_keymap texts;             /* hash of cleaned text -> dense id */
  BF_VEC(uint32_t) text_owner; /* dense text id -> article index */
  int maps_ready;
  int warned_unknown_field; /* a JSON article had a field brief ignores */

  /* segment layer (rebuilt when articles change) */
  int segmented;
  BF_VEC(bf_sentence) sents;
  BF_VEC(bf_token) toks;
  bf_lexicon lex;
  int lex_ready;

  /* analyse layer */
  int analysed;
  BF_VEC(uint32_t) concepts;    /* per sentence ranges, see bf_sentence */
  BF_VEC(uint32_t) concept_df;  /* concept id - 1 -> number of articles */
  BF_VEC(uint8_t) concept_kind; /* concept id - 1 -> bf_concept_kind */
  BF_VEC(uint64_t)
  concept_key;              /* concept id - 1 -> its stems, as
                               bf_concept_key makes them */
  BF_VEC(uint32_t) stem_df; /* stem id -> number of articles */
  size_t n_concepts;
};

/* Adds a warning (formatted); silently dropped when out of memory. */
void bf_story_warn(brief_story *story, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same, unless the story has that warning already: running a stage
 * again must not repeat it. */
void bf_story_warn_once(brief_story *story, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static inline const char *bf_sent_text(const brief_story *s,
                                       const bf_sentence *st) {
  return s->articles.v[st->article].text + st->start;
}

#endif
