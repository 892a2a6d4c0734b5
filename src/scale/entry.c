/*
 * entry.c - the fields of stream entries (see entry.h), and the binary form
 * of an article's features: little-endian integers, each list its count
 * then its items, so any machine reads what any other wrote.
 *
 *   features := "bF" version:u8 words:u32 terms names title forms sig
 *   terms, names, title := n:u32 (key:u64 count:u32){n}   keys ascending
 *   forms := n:u32 (key:u64 count:u32 len:u8 text[len]){n}
 *   sig := u32{BF_DUP_HASHES}
 */
#include "scale/entry.h"

#include "core/corpus.h"
#include "core/error.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  FORMS_MAX = 1024,   /* full names an entry may carry */
  DAY_MIN = -1000000, /* about 800 BC */
  DAY_MAX = 1000000   /* about 4700 AD */
};

static int fail(char *why, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, cap, fmt, ap);
  va_end(ap);
  return -1;
}

/* ---- lists of entries ------------------------------------------------------
 */

void bf_entries_release(bf_entries *e) {
  BF_VEC_FREE(e->v);
  BF_VEC_FREE(e->fields);
}

static int add_entry(const redisReply *item, bf_entries *out) {
  if (item->type != REDIS_REPLY_ARRAY || item->elements != 2 ||
      item->element[0]->type != REDIS_REPLY_STRING ||
      item->element[0]->len >= BF_ENTRY_ID_MAX)
    return -1;
  bf_entry e;
  memset(&e, 0, sizeof e);
  memcpy(e.id, item->element[0]->str, item->element[0]->len);
  const redisReply *f = item->element[1];
  size_t first = out->fields.n;
  if (f->type == REDIS_REPLY_ARRAY) {
    if (f->elements % 2)
      return -1;
    for (size_t i = 0; i < f->elements; i += 2) {
      const redisReply *k = f->element[i], *v = f->element[i + 1];
      if (k->type != REDIS_REPLY_STRING || v->type != REDIS_REPLY_STRING)
        return -1;
      bf_field x = {k->str, v->str, k->len, v->len};
      if (BF_VEC_PUSH(out->fields, x))
        return -1;
    }
  } else if (f->type != REDIS_REPLY_NIL) {
    return -1;
  }
  e.nfields = out->fields.n - first;
  return BF_VEC_PUSH(out->v, e);
}

int bf_entries_from(const redisReply *list, bf_entries *out) {
  if (!list || list->type != REDIS_REPLY_ARRAY)
    return -1;
  for (size_t i = 0; i < list->elements; i++)
    if (add_entry(list->element[i], out))
      return -1;
  /* Entries' fields lie back to back; the array may have moved (and is
   * not there at all when every entry was deleted). */
  size_t at = 0;
  for (size_t i = 0; i < out->v.n; i++) {
    out->v.v[i].fields = out->fields.v ? out->fields.v + at : NULL;
    at += out->v.v[i].nfields;
  }
  return 0;
}

/* ---- fields ----------------------------------------------------------------
 */

static int is_key(const bf_field *f, const char *key) {
  size_t n = strlen(key);
  return f->klen == n && !memcmp(f->key, key, n);
}

/* Valid UTF-8 with no NUL, and NUL-terminated as entry.h says. */
static int text_ok(const char *s, size_t len) {
  return bf_utf8_invalid_at(s, len) == len && !memchr(s, 0, len) &&
         s[len] == '\0';
}

/* Finds each wanted key once; a repeated key is an error, others are left
 * for newer writers. */
static int pick(const bf_field *f, size_t n, const char *const *keys,
                size_t nkeys, const bf_field **out, char *why, size_t cap) {
  for (size_t k = 0; k < nkeys; k++)
    out[k] = NULL;
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < nkeys; k++) {
      if (!is_key(&f[i], keys[k]))
        continue;
      if (out[k])
        return fail(why, cap, "field \"%s\" given twice", keys[k]);
      out[k] = &f[i];
    }
  return 0;
}

/* A short text field: absent (when optional), or valid and within limit. */
static int short_text(const bf_field *f, const char *key, int required,
                      char *why, size_t cap) {
  if (!f)
    return required ? fail(why, cap, "no \"%s\" field", key) : 0;
  if (f->vlen > BF_ENTRY_FIELD_MAX)
    return fail(why, cap, "\"%s\" is over %d bytes", key, BF_ENTRY_FIELD_MAX);
  if (!text_ok(f->val, f->vlen))
    return fail(why, cap, "\"%s\" is not UTF-8 text", key);
  if (required && !f->vlen)
    return fail(why, cap, "\"%s\" is empty", key);
  return 0;
}

/* ---- brief:articles --------------------------------------------------------
 */

static const char *const article_keys[] = {"id",   "source", "url", "title",
                                           "date", "text",   "html"};
enum { A_ID, A_SOURCE, A_URL, A_TITLE, A_DATE, A_TEXT, A_HTML, A_KEYS };

void bf_entry_article_encode(bf_cmd *c, const brief_article *a) {
  const char *vals[] = {a->id, a->source, a->url, a->title, a->date};
  for (size_t i = 0; i < 5; i++)
    if (vals[i]) {
      bf_cmd_str(c, article_keys[i]);
      bf_cmd_str(c, vals[i]);
    }
  if (a->text) {
    bf_cmd_str(c, "text");
    bf_cmd_arg(c, a->text, a->text_len);
  } else if (a->html) {
    bf_cmd_str(c, "html");
    bf_cmd_arg(c, a->html, a->html_len);
  }
}

int bf_entry_article_decode(const bf_field *f, size_t n, brief_article *out,
                            char *why, size_t cap) {
  const bf_field *k[A_KEYS];
  memset(out, 0, sizeof *out);
  if (pick(f, n, article_keys, A_KEYS, k, why, cap) ||
      short_text(k[A_ID], "id", 1, why, cap))
    return -1;
  for (int i = A_SOURCE; i <= A_DATE; i++)
    if (short_text(k[i], article_keys[i], 0, why, cap))
      return -1;
  if (!k[A_TEXT] && !k[A_HTML])
    return fail(why, cap, "no \"text\" or \"html\" field");
  const bf_field *body = k[A_TEXT] ? k[A_TEXT] : k[A_HTML];
  if (body->vlen > BRIEF_MAX_ARTICLE_BYTES)
    return fail(why, cap,
                "%zu bytes is over the limit of %zu bytes per "
                "article",
                body->vlen, BRIEF_MAX_ARTICLE_BYTES);
  if (body->val[body->vlen] != '\0')
    return fail(why, cap, "the article's bytes are not NUL-terminated");
  const char **dst[] = {&out->id, &out->source, &out->url, &out->title,
                        &out->date};
  for (int i = A_ID; i <= A_DATE; i++)
    *dst[i] = k[i] ? k[i]->val : NULL;
  if (k[A_TEXT]) {
    out->text = body->val;
    out->text_len = body->vlen;
  } else {
    out->html = body->val;
    out->html_len = body->vlen;
  }
  return 0;
}

/* ---- the binary form of features -------------------------------------------
 */

static void put_u32(bf_buf *b, uint32_t v) {
  unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  bf_buf_append(b, (const char *)x, 4);
}

static void put_u64(bf_buf *b, uint64_t v) {
  put_u32(b, (uint32_t)v);
  put_u32(b, (uint32_t)(v >> 32));
}

static void put_keycounts(bf_buf *b, const bf_keycounts *k) {
  put_u32(b, (uint32_t)k->n);
  for (size_t i = 0; i < k->n; i++) {
    put_u64(b, k->v[i].key);
    put_u32(b, k->v[i].count);
  }
}

static void encode_features(bf_buf *b, const bf_features *f) {
  bf_buf_append(b, "bF", 2);
  unsigned char version = BF_FEATURES_FORMAT;
  bf_buf_append(b, (const char *)&version, 1);
  put_u32(b, f->words);
  put_keycounts(b, &f->terms);
  put_keycounts(b, &f->names);
  put_keycounts(b, &f->title);
  size_t nforms = f->forms.n < FORMS_MAX ? f->forms.n : FORMS_MAX;
  put_u32(b, (uint32_t)nforms);
  for (size_t i = 0; i < nforms; i++) {
    const bf_name_form *nf = &f->forms.v[i];
    size_t len = strnlen(nf->text, sizeof nf->text - 1);
    unsigned char l = (unsigned char)len;
    put_u64(b, nf->key);
    put_u32(b, nf->count);
    bf_buf_append(b, (const char *)&l, 1);
    bf_buf_append(b, nf->text, len);
  }
  for (size_t i = 0; i < BF_DUP_HASHES; i++)
    put_u32(b, f->dup_sig[i]);
}

typedef struct reader {
  const unsigned char *p, *end;
} reader;

static int get_bytes(reader *r, void *out, size_t n) {
  if ((size_t)(r->end - r->p) < n)
    return -1;
  memcpy(out, r->p, n);
  r->p += n;
  return 0;
}

static int get_u32(reader *r, uint32_t *v) {
  unsigned char x[4];
  if (get_bytes(r, x, 4))
    return -1;
  *v = (uint32_t)x[0] | (uint32_t)x[1] << 8 | (uint32_t)x[2] << 16 |
       (uint32_t)x[3] << 24;
  return 0;
}

static int get_u64(reader *r, uint64_t *v) {
  uint32_t lo, hi;
  if (get_u32(r, &lo) || get_u32(r, &hi))
    return -1;
  *v = (uint64_t)hi << 32 | lo;
  return 0;
}

/* A list of keys with counts: ascending distinct keys, counts >= 1 (the
 * assign stage takes logarithms of them and merges lists by key). */
static int get_keycounts(reader *r, bf_keycounts *k, const char *what,
                         char *why, size_t cap) {
  uint32_t n;
  if (get_u32(r, &n) || (size_t)(r->end - r->p) / 12 < n)
    return fail(why, cap, "features: the %s list is cut short", what);
  if (BF_VEC_RESERVE(*k, n ? n : 1))
    return -2;
  for (uint32_t i = 0; i < n; i++) {
    bf_keycount kc;
    get_u64(r, &kc.key);
    get_u32(r, &kc.count);
    if (!kc.count || (i && kc.key <= k->v[i - 1].key))
      return fail(why, cap, "features: the %s list is out of order", what);
    k->v[k->n++] = kc;
  }
  return 0;
}

static int get_forms(reader *r, bf_features *f, char *why, size_t cap) {
  uint32_t n;
  if (get_u32(r, &n) || n > FORMS_MAX || (size_t)(r->end - r->p) / 13 < n)
    return fail(why, cap, "features: the names are cut short");
  if (BF_VEC_RESERVE(f->forms, n ? n : 1))
    return -2;
  for (uint32_t i = 0; i < n; i++) {
    bf_name_form nf;
    unsigned char len;
    memset(&nf, 0, sizeof nf);
    if (get_u64(r, &nf.key) || get_u32(r, &nf.count) || get_bytes(r, &len, 1) ||
        len >= sizeof nf.text || get_bytes(r, nf.text, len))
      return fail(why, cap, "features: the names are cut short");
    if (!nf.count || !text_ok(nf.text, len))
      return fail(why, cap, "features: a name is not UTF-8 text");
    f->forms.v[f->forms.n++] = nf;
  }
  return 0;
}

static int decode_features(const bf_field *x, bf_features *f, char *why,
                           size_t cap) {
  reader r = {(const unsigned char *)x->val,
              (const unsigned char *)x->val + x->vlen};
  unsigned char head[3];
  if (get_bytes(&r, head, 3) || head[0] != 'b' || head[1] != 'F')
    return fail(why, cap, "features: not brief's features");
  if (head[2] != BF_FEATURES_FORMAT)
    return fail(why, cap, "features: format %u; this brief reads %d", head[2],
                BF_FEATURES_FORMAT);
  int rc;
  if (get_u32(&r, &f->words))
    return fail(why, cap, "features: cut short");
  if ((rc = get_keycounts(&r, &f->terms, "terms", why, cap)) ||
      (rc = get_keycounts(&r, &f->names, "names", why, cap)) ||
      (rc = get_keycounts(&r, &f->title, "title", why, cap)) ||
      (rc = get_forms(&r, f, why, cap)))
    return rc;
  for (size_t i = 0; i < BF_DUP_HASHES; i++)
    if (get_u32(&r, &f->dup_sig[i]))
      return fail(why, cap, "features: the signature is cut short");
  if (r.p != r.end)
    return fail(why, cap, "features: %zu bytes too many",
                (size_t)(r.end - r.p));
  return 0;
}

/* ---- brief:features --------------------------------------------------------
 */

static const char *const features_keys[] = {
    "v", "id", "source", "url", "title", "date", "day", "text", "features"};
enum {
  F_V,
  F_ID,
  F_SOURCE,
  F_URL,
  F_TITLE,
  F_DATE,
  F_DAY,
  F_TEXT,
  F_FEAT,
  F_KEYS
};

void bf_entry_features_encode(bf_cmd *c, const bf_prepared *p) {
  const bf_ingested *x = &p->x;
  bf_cmd_str(c, "v");
  bf_cmd_u64(c, BF_FEATURES_FORMAT);
  bf_cmd_words(c, "id", p->id, "source", x->source, "url", x->url, "title",
               x->title, "date", x->date, "day", NULL);
  if (x->day == BF_NO_DAY)
    bf_cmd_str(c, "");
  else
    bf_cmd_i64(c, x->day);
  bf_cmd_str(c, "text");
  bf_cmd_arg(c, x->text, x->len);
  bf_buf b;
  bf_buf_init(&b);
  encode_features(&b, &p->f);
  bf_cmd_str(c, "features");
  if (b.oom)
    c->oom = 1;
  else
    bf_cmd_arg(c, b.s, b.len);
  bf_buf_free(&b);
}

static int parse_day(const bf_field *f, int32_t *day, char *why, size_t cap) {
  if (!f->vlen) {
    *day = BF_NO_DAY;
    return 0;
  }
  char buf[16], *end;
  if (f->vlen >= sizeof buf)
    return fail(why, cap, "\"day\" is not a day number");
  memcpy(buf, f->val, f->vlen);
  buf[f->vlen] = '\0';
  long v = strtol(buf, &end, 10);
  if (*end || end == buf || v < DAY_MIN || v > DAY_MAX)
    return fail(why, cap, "\"day\" is not a day number");
  *day = (int32_t)v;
  return 0;
}

/* The text is checked as ingest checks an article: UTF-8, not binary. */
static int check_body(const bf_field *t, char *why, size_t cap) {
  if (!t->vlen)
    return fail(why, cap, "\"text\" is empty");
  if (t->vlen > BRIEF_MAX_ARTICLE_BYTES)
    return fail(why, cap, "\"text\" is over %zu bytes",
                BRIEF_MAX_ARTICLE_BYTES);
  brief_error err;
  if (brief_check_text("text", t->val, t->vlen, &err) != BRIEF_OK ||
      !text_ok(t->val, t->vlen))
    return fail(why, cap, "%s", err.message[0] ? err.message : "bad text");
  return 0;
}

static int check_fields(const bf_field *const *k, int32_t *day, char *why,
                        size_t cap) {
  if (!k[F_V])
    return fail(why, cap, "no \"v\" field (not a features entry)");
  if (k[F_V]->vlen != 1 || k[F_V]->val[0] != '0' + BF_FEATURES_FORMAT)
    return fail(why, cap,
                "\"v\" is not %d, the features format this brief "
                "reads",
                BF_FEATURES_FORMAT);
  if (short_text(k[F_ID], "id", 1, why, cap))
    return -1;
  for (int i = F_SOURCE; i <= F_FEAT; i++)
    if (!k[i])
      return fail(why, cap, "no \"%s\" field", features_keys[i]);
  for (int i = F_SOURCE; i <= F_DAY; i++)
    if (short_text(k[i], features_keys[i], 0, why, cap))
      return -1;
  if (k[F_DATE]->vlen > 10)
    return fail(why, cap, "\"date\" is not YYYY-MM-DD");
  if (parse_day(k[F_DAY], day, why, cap))
    return -1;
  return check_body(k[F_TEXT], why, cap);
}

static char *copy(const bf_field *f) {
  char *s = malloc(f->vlen + 1);
  if (s) {
    memcpy(s, f->val, f->vlen);
    s[f->vlen] = '\0';
  }
  return s;
}

int bf_entry_features_decode(const bf_field *f, size_t n, bf_prepared *out,
                             char *why, size_t cap) {
  const bf_field *k[F_KEYS];
  int32_t day = BF_NO_DAY;
  memset(out, 0, sizeof *out);
  why[0] = '\0';
  if (pick(f, n, features_keys, F_KEYS, k, why, cap) ||
      check_fields(k, &day, why, cap))
    return -1;
  int rc = decode_features(k[F_FEAT], &out->f, why, cap);
  bf_ingested *x = &out->x;
  if (!rc) {
    out->id = copy(k[F_ID]);
    x->source = copy(k[F_SOURCE]);
    x->url = copy(k[F_URL]);
    x->title = copy(k[F_TITLE]);
    x->text = copy(k[F_TEXT]);
    if (!out->id || !x->source || !x->url || !x->title || !x->text)
      rc = -2;
  }
  if (rc) {
    bf_prepared_release(out);
    return rc;
  }
  memcpy(x->date, k[F_DATE]->val, k[F_DATE]->vlen);
  x->date[k[F_DATE]->vlen] = '\0';
  x->day = day;
  x->len = k[F_TEXT]->vlen;
  x->words = (uint32_t)bf_count_words(x->text, x->len);
  return 0;
}

/* ---- brief:story-updates ---------------------------------------------------
 */

static int parse_u32(const bf_field *f, uint32_t *out) {
  if (!f || !f->vlen || f->vlen > 10)
    return -1;
  uint64_t v = 0;
  for (size_t i = 0; i < f->vlen; i++) {
    if (f->val[i] < '0' || f->val[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(f->val[i] - '0');
  }
  if (v > UINT32_MAX)
    return -1;
  *out = (uint32_t)v;
  return 0;
}

int bf_entry_update_decode(const bf_field *f, size_t n, uint32_t *story,
                           uint32_t *version, char *why, size_t cap) {
  static const char *const keys[] = {"story", "version"};
  const bf_field *k[2];
  if (pick(f, n, keys, 2, k, why, cap))
    return -1;
  if (parse_u32(k[0], story) || !*story)
    return fail(why, cap, "\"story\" is not a story id");
  if (parse_u32(k[1], version))
    return fail(why, cap, "\"version\" is not a version number");
  return 0;
}
