/*
 * entries_fuzz.c - libFuzzer target for the stream entries the workers read
 * back from Redis (src/scale/entry.c): anything that can write to Redis can
 * write an entry, so what a reply holds is input from outside.
 *
 * Two forms of input, by the first byte:
 *   'R'  then a Redis reply as it comes over the wire (RESP), parsed by
 *        hiredis's reader into the reply an XRANGE, XREADGROUP or
 *        XAUTOCLAIM gives, whose entries bf_entries_from lists;
 *   else the fields of one entry, each a key length (1 byte), the key, a
 *        value length (2 bytes, little-endian) and the value, each
 *        NUL-terminated as hiredis hands them over.
 * Every entry goes through the three decoders: an article fed, an
 * article's features for the assigner, a story update. What a decoder
 * accepts must encode and decode again to the same fields (the encoders'
 * output is a fixed point), with valid UTF-8 where the format says so; a
 * refusal must say why. The sanitizers catch the rest. Built and run by
 * run.sh; `make test` replays the corpus and regressions (replay.c).
 */
#include "fuzz.h"

#include "core/redis.h"
#include "scale/entry.h"
#include "stories/desk.h"

#include <hiredis/read.h>
#include <stdio.h>

enum { FIELDS_MAX = 64, WHY = 300 };

/* Fields with their own NUL-terminated copies. */
typedef struct fields {
  bf_field f[FIELDS_MAX];
  char *copy[2 * FIELDS_MAX];
  size_t n, ncopies;
} fields;

static const char *keep(fields *x, const void *s, size_t len) {
  char *c = malloc(len + 1);
  if (!c)
    abort();
  memcpy(c, s, len);
  c[len] = '\0';
  x->copy[x->ncopies++] = c;
  return c;
}

static void fields_free(fields *x) {
  for (size_t i = 0; i < x->ncopies; i++)
    free(x->copy[i]);
  x->n = x->ncopies = 0;
}

/* The fields an encoder appended to a command. */
static void fields_of_cmd(const bf_cmd *c, fields *x) {
  if (c->oom)
    abort();
  for (size_t i = 0; i + 1 < bf_cmd_argc(c) && x->n < FIELDS_MAX; i += 2) {
    bf_field *f = &x->f[x->n++];
    f->klen = c->len.v[i];
    f->key = keep(x, c->bytes.s + c->start.v[i], f->klen);
    f->vlen = c->len.v[i + 1];
    f->val = keep(x, c->bytes.s + c->start.v[i + 1], f->vlen);
  }
}

static int same_cmd(const bf_cmd *a, const bf_cmd *b) {
  return a->bytes.len == b->bytes.len &&
         !memcmp(a->bytes.s, b->bytes.s, a->bytes.len) &&
         bf_cmd_argc(a) == bf_cmd_argc(b);
}

static void check_why(const char *why) {
  if (!why[0])
    abort(); /* a refusal says why */
  fuzz_check_text(why, strlen(why));
}

static void check_optional(const char *s) {
  if (s)
    fuzz_check_text(s, strlen(s));
}

/* ---- the three decoders ----------------------------------------------------
 */

/* One kind of entry's decoder and encoder, over a value of its own. */
typedef struct codec {
  int (*decode)(const bf_field *f, size_t n, void *value, char *why,
                size_t cap);
  void (*encode)(bf_cmd *c, const void *value);
  void (*release)(void *value);
} codec;

/* A value a decoder accepted, encoded, must decode again and encode to the
 * same bytes. Releases the value. */
static void round_trip(const codec *k, void *value) {
  bf_cmd once, twice;
  bf_cmd_init(&once);
  bf_cmd_init(&twice);
  k->encode(&once, value);
  k->release(value);
  fields x = {0};
  fields_of_cmd(&once, &x);
  char why[WHY] = "";
  if (k->decode(x.f, x.n, value, why, sizeof why))
    abort();
  k->encode(&twice, value);
  k->release(value);
  if (!same_cmd(&once, &twice))
    abort();
  fields_free(&x);
  bf_cmd_free(&once);
  bf_cmd_free(&twice);
}

static int article_decode(const bf_field *f, size_t n, void *a, char *why,
                          size_t cap) {
  return bf_entry_article_decode(f, n, a, why, cap);
}

static void article_encode(bf_cmd *c, const void *a) {
  bf_entry_article_encode(c, a);
}

static void article_release(void *a) {
  (void)a; /* its strings are borrowed */
}

static int features_decode(const bf_field *f, size_t n, void *p, char *why,
                           size_t cap) {
  return bf_entry_features_decode(f, n, p, why, cap);
}

static void features_encode(bf_cmd *c, const void *p) {
  bf_entry_features_encode(c, p);
}

static void features_release(void *p) {
  bf_prepared_release(p);
}

static void article(const bf_field *f, size_t n) {
  static const codec k = {article_decode, article_encode, article_release};
  brief_article a;
  char why[WHY] = "";
  if (bf_entry_article_decode(f, n, &a, why, sizeof why)) {
    check_why(why);
    return;
  }
  check_optional(a.id);
  check_optional(a.source);
  check_optional(a.url);
  check_optional(a.title);
  check_optional(a.date);
  round_trip(&k, &a);
}

static void features(const bf_field *f, size_t n) {
  static const codec k = {features_decode, features_encode, features_release};
  bf_prepared p;
  char why[WHY] = "";
  int rc = bf_entry_features_decode(f, n, &p, why, sizeof why);
  if (rc == -2)
    return; /* memory short */
  if (rc) {
    check_why(why);
    return;
  }
  fuzz_check_text(p.id, strlen(p.id));
  fuzz_check_text(p.x.text, p.x.len);
  round_trip(&k, &p);
}

static void update(const bf_field *f, size_t n) {
  uint32_t story = 0, version = 0;
  char why[WHY] = "";
  if (bf_entry_update_decode(f, n, &story, &version, why, sizeof why))
    check_why(why);
  else if (!story)
    abort();
}

static void every_decoder(const bf_field *f, size_t n) {
  article(f, n);
  features(f, n);
  update(f, n);
}

/* ---- the two forms of input ------------------------------------------------
 */

/* Whether every array the bytes could declare has at most as many items
 * as there are bytes: hiredis allocates an array when it reads its
 * header, so a header of a billion items would only find its malloc. */
static int arrays_fit(const uint8_t *p, size_t size) {
  for (size_t i = 0; i < size; i++) {
    if (p[i] != '*')
      continue;
    size_t items = 0;
    for (size_t k = i + 1; k < size && p[k] >= '0' && p[k] <= '9'; k++)
      if ((items = items * 10 + (size_t)(p[k] - '0')) > size)
        return 0;
  }
  return 1;
}

static void from_reply(const uint8_t *data, size_t size) {
  redisReader *r = arrays_fit(data, size) ? redisReaderCreate() : NULL;
  if (!r)
    return;
  void *reply = NULL;
  if (redisReaderFeed(r, (const char *)data, size) == REDIS_OK &&
      redisReaderGetReply(r, &reply) == REDIS_OK && reply) {
    bf_entries es;
    memset(&es, 0, sizeof es);
    if (bf_entries_from(reply, &es) == 0)
      for (size_t i = 0; i < es.v.n; i++) {
        const bf_entry *e = &es.v.v[i];
        if (strnlen(e->id, sizeof e->id) >= sizeof e->id)
          abort();
        every_decoder(e->fields, e->nfields);
      }
    bf_entries_release(&es);
    freeReplyObject(reply);
  }
  redisReaderFree(r);
}

static void from_fields(const uint8_t *p, size_t size) {
  fields x = {0};
  const uint8_t *end = p + size;
  while (x.n < FIELDS_MAX && end - p >= 1) {
    size_t klen = p[0];
    if ((size_t)(end - p) < 1 + klen + 2)
      break;
    const uint8_t *key = p + 1;
    size_t vlen = (size_t)key[klen] | (size_t)key[klen + 1] << 8;
    const uint8_t *val = key + klen + 2;
    if ((size_t)(end - val) < vlen)
      break;
    bf_field *f = &x.f[x.n++];
    f->key = keep(&x, key, klen);
    f->klen = klen;
    f->val = keep(&x, val, vlen);
    f->vlen = vlen;
    p = val + vlen;
  }
  every_decoder(x.f, x.n);
  fields_free(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size && data[0] == 'R')
    from_reply(data + 1, size - 1);
  else if (size)
    from_fields(data + 1, size - 1);
  return 0;
}
