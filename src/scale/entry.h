/*
 * entry.h - what travels on the streams: the fields of an article fed, of
 * an article ingested for the assigner (its features in a compact binary
 * form), and of a story update; encoders and decoders.
 *
 * Anything that can write to Redis can write an entry, so decoding is a
 * door from outside: every field is checked (known, not repeated, valid
 * UTF-8 without NUL, within its limit), every count and length against the
 * bytes that are there, every list of keys for the order the assign stage
 * relies on. A decoder never fails half-way with something kept: it fills
 * its output or says why not.
 */
#ifndef BRIEF_SCALE_ENTRY_H
#define BRIEF_SCALE_ENTRY_H

#include "brief.h"
#include "core/redis.h"
#include "stories/desk.h"

#include <stddef.h>
#include <stdint.h>

enum {
  BF_ENTRY_FIELD_MAX = 4096, /* bytes of an id, source, url, title, date */
  BF_ENTRY_ID_MAX = 48,      /* bytes of a stream entry id ("ms-seq") */
  BF_FEATURES_FORMAT = 1     /* of the features field and the "v" field */
};

/* One field of an entry; bytes borrowed from wherever the entry is. */
typedef struct bf_field {
  const char *key, *val;
  size_t klen, vlen;
} bf_field;

/* An entry of a stream: its id and fields (borrowed from a reply). */
typedef struct bf_entry {
  char id[BF_ENTRY_ID_MAX];
  bf_field *fields; /* into the list's own array */
  size_t nfields;
} bf_entry;

typedef struct bf_entries {
  BF_VEC(bf_entry) v;
  BF_VEC(bf_field) fields;
} bf_entries;

/* The entries of an [[id, [field, value, ...]], ...] reply (XRANGE,
 * XREADGROUP's one stream, XAUTOCLAIM's second element), appended to
 * `out`; an entry whose fields are missing (deleted) gets none. Returns 0,
 * or -1 when the reply is not such a list or memory is short. */
int bf_entries_from(const redisReply *list, bf_entries *out);
void bf_entries_release(bf_entries *e);

/* ---- brief:articles ------------------------------------------------------ */

/* Appends an article's fields (id, source, url, title, date, text or
 * html; absent ones left out) to a command (an XADD being built). */
void bf_entry_article_encode(bf_cmd *c, const brief_article *a);

/* The article of an entry (strings borrowed from the fields). On failure
 * `why` says what is wrong. Returns 0 or -1. */
int bf_entry_article_decode(const bf_field *f, size_t n, brief_article *out,
                            char *why, size_t cap);

/* ---- brief:features ------------------------------------------------------ */

/* Appends a prepared (non-empty) article's fields to a command. */
void bf_entry_features_encode(bf_cmd *c, const bf_prepared *p);

/* A prepared article from an entry: everything copied (the caller releases
 * it with bf_prepared_release). Returns 0, -1 with `why` for a bad entry,
 * or -2 when memory is short. */
int bf_entry_features_decode(const bf_field *f, size_t n, bf_prepared *out,
                             char *why, size_t cap);

/* ---- brief:story-updates ------------------------------------------------- */

int bf_entry_update_decode(const bf_field *f, size_t n, uint32_t *story,
                           uint32_t *version, char *why, size_t cap);

#endif
