/*
 * features.c - the features stage of the story desk: one article's content
 * stems, name words, title stems, full names and near-duplicate signature.
 *
 * One pass tokenizes the text (letters and digits, inner apostrophes), folds
 * case, and looks the folded form up in the featurizer's cache, which
 * stems each distinct form once with Snowball and remembers whether it is a
 * stopword. A second pass over the tokens finds capitalised names: runs of
 * capitalised words, bridged by a few lower-case connectors ("al-", "bin",
 * "of"). A capitalised word that opens a sentence counts only when the
 * article also capitalises it elsewhere, so "Officials said" is no name but
 * "Assad said" is. Everything leaves as 64-bit hashes of strings, never as
 * ids local to this process.
 */
#include "stories/features.h"

#include "core/arena.h"
#include "core/date.h"
#include "core/minhash.h"
#include "core/text.h"
#include "pipeline/pipeline.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum {
  FOLD_MAX = 64, /* longer words are not words a story is told with */
  NAME_MAX_WORDS = 6,
  ABBREVIATION_MAX = 3, /* bytes of a capitalised word a dot abbreviates */
  FORMS_MAX = 128       /* full names kept per article, for display */
};

/* Per cached form. */
enum form_flags {
  FORM_STOP = 1 << 0,    /* a stopword */
  FORM_CONTENT = 1 << 1, /* a content word: a term */
  FORM_CONNECT = 1 << 2  /* may stand inside a name: al, bin, de, of */
};

/* Name words and full names live in their own key space. */
#define NAME_SALT 0x6e616d65u

struct bf_featurizer {
  bf_arena arena;
  bf_lexicon forms;
  BF_VEC(uint64_t) stem_key; /* form id -> hash of its stem (terms) */
  BF_VEC(uint8_t) flags;     /* form id -> form_flags */
  BF_VEC(uint8_t)
  cap_seen; /* form id -> capitalised inside a sentence in
               the article at hand; cleared after it */
  struct sb_stemmer *stemmer;
};

enum tok_flags {
  TOK_CAP = 1 << 0,     /* starts with a capital letter */
  TOK_INITIAL = 1 << 1, /* opens a sentence */
  TOK_NUM = 1 << 2      /* starts with a digit */
};

typedef struct tok {
  uint32_t start, len, form;
  uint8_t flags;
} tok;

typedef struct scan {
  bf_featurizer *fz;
  BF_VEC(tok) toks;
  BF_VEC(uint64_t) keys;
  char fold[FOLD_MAX * 4 + 8];
} scan;

void bf_features_init(bf_features *f) {
  memset(f, 0, sizeof *f);
}

void bf_features_release(bf_features *f) {
  BF_VEC_FREE(f->terms);
  BF_VEC_FREE(f->names);
  BF_VEC_FREE(f->title);
  BF_VEC_FREE(f->forms);
  memset(f, 0, sizeof *f);
}

bf_featurizer *bf_featurizer_new(void) {
  bf_featurizer *fz = calloc(1, sizeof *fz);
  if (!fz)
    return NULL;
  bf_arena_init(&fz->arena);
  fz->stemmer = sb_stemmer_new("english", NULL);
  if (!fz->stemmer || bf_lexicon_init(&fz->forms, &fz->arena)) {
    bf_featurizer_free(fz);
    return NULL;
  }
  return fz;
}

void bf_featurizer_free(bf_featurizer *fz) {
  if (!fz)
    return;
  if (fz->stemmer)
    sb_stemmer_delete(fz->stemmer);
  if (fz->forms.slots)
    bf_lexicon_release(&fz->forms);
  BF_VEC_FREE(fz->stem_key);
  BF_VEC_FREE(fz->flags);
  BF_VEC_FREE(fz->cap_seen);
  bf_arena_release(&fz->arena);
  free(fz);
}

/* ---- tokens --------------------------------------------------------------
 */

static int is_word_cp(int32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_MN;
}

static int is_apostrophe(int32_t cp) {
  return cp == '\'' || cp == 0x2019;
}

/* End of the word starting at i: word characters, with apostrophes
 * between letters ("don't", "Daraa's"). */
static size_t word_end(const char *s, size_t len, size_t i) {
  while (i < len) {
    int32_t cp;
    size_t n = bf_utf8_decode(s, len, i, &cp);
    if (is_word_cp(cp)) {
      i += n;
      continue;
    }
    int32_t next = 0;
    if (is_apostrophe(cp) && i + n < len)
      bf_utf8_decode(s, len, i + n, &next);
    if (next && is_word_cp(next)) {
      i += n;
      continue;
    }
    break;
  }
  return i;
}

/* Folds a word into sc->fold; returns its length (0 when too long). */
static size_t fold_word(scan *sc, const char *s, size_t len) {
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    if (o + 4 >= sizeof sc->fold)
      return 0;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      sc->fold[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      i++;
      continue;
    }
    int32_t cp;
    i += bf_utf8_decode(s, len, i, &cp);
    cp = cp == 0x2019 ? '\'' : utf8proc_tolower(cp);
    o += bf_utf8_encode(cp, sc->fold + o);
  }
  return o;
}

static int is_connector(const char *w, size_t len) {
  static const char *const words[] = {"al",  "el",  "bin", "ibn", "de",
                                      "van", "von", "of",  "la",  "le"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (strlen(words[i]) == len && memcmp(words[i], w, len) == 0)
      return 1;
  return 0;
}

/* Fills the cache entries of a new form: its stem's hash and flags. */
static int describe_form(bf_featurizer *fz, uint32_t id, const char *f,
                         size_t len, int numeric) {
  if (BF_VEC_RESERVE(fz->stem_key, id + 1) || BF_VEC_RESERVE(fz->flags, id + 1))
    return -1;
  while (fz->stem_key.n <= id) {
    fz->stem_key.v[fz->stem_key.n++] = 0;
    fz->flags.v[fz->flags.n++] = 0;
  }
  uint8_t flags = 0;
  if (bf_is_stopword(f, len))
    flags |= FORM_STOP;
  if (is_connector(f, len))
    flags |= FORM_CONNECT;
  if (!numeric && !(flags & FORM_STOP) && len >= 2) {
    size_t l = len;
    if (l > 2 && f[l - 2] == '\'' && f[l - 1] == 's')
      l -= 2;
    const sb_symbol *st =
        sb_stemmer_stem(fz->stemmer, (const sb_symbol *)f, (int)l);
    if (!st)
      return -1;
    fz->stem_key.v[id] = bf_hash(st, (size_t)sb_stemmer_length(fz->stemmer));
    flags |= FORM_CONTENT;
  }
  fz->flags.v[id] = flags;
  return 0;
}

static int push_token(scan *sc, const char *s, size_t b, size_t e,
                      int initial) {
  int32_t first;
  bf_utf8_decode(s, e, b, &first);
  size_t flen = fold_word(sc, s + b, e - b);
  if (!flen)
    return 0;
  bf_featurizer *fz = sc->fz;
  size_t before = bf_lexicon_size(&fz->forms);
  uint32_t id = bf_lexicon_intern(&fz->forms, sc->fold, flen);
  if (!id)
    return -1;
  int numeric = first >= '0' && first <= '9';
  if (bf_lexicon_size(&fz->forms) != before &&
      describe_form(fz, id, sc->fold, flen, numeric))
    return -1;
  utf8proc_category_t cat = utf8proc_category(first);
  tok t = {(uint32_t)b, (uint32_t)(e - b), id, 0};
  if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
    t.flags |= TOK_CAP;
  if (initial)
    t.flags |= TOK_INITIAL;
  if (numeric)
    t.flags |= TOK_NUM;
  return BF_VEC_PUSH(sc->toks, t);
}

/* A dot right after a short capitalised word is an abbreviation's ("Dr.",
 * "Gen.", "St."), not a sentence's end. */
static int abbreviation_dot(const scan *sc, size_t at) {
  if (!sc->toks.n)
    return 0;
  const tok *t = &sc->toks.v[sc->toks.n - 1];
  return (t->flags & TOK_CAP) && t->len <= ABBREVIATION_MAX &&
         t->start + t->len == at;
}

/* Tokenizes text; a word opens a sentence at a paragraph's start or after
 * . ! or ? (with closing quotes and brackets between). */
static int tokenize(scan *sc, const char *s, size_t len) {
  int initial = 1;
  sc->toks.n = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    size_t n = bf_utf8_decode(s, len, i, &cp);
    if (is_word_cp(cp)) {
      size_t e = word_end(s, len, i);
      if (push_token(sc, s, i, e, initial))
        return -1;
      initial = 0;
      i = e;
      continue;
    }
    if (cp == '\n' || cp == '!' || cp == '?' ||
        (cp == '.' && !abbreviation_dot(sc, i)))
      initial = 1;
    i += n;
  }
  return 0;
}

/* ---- vectors ---------------------------------------------------------------
 */

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* Sorts sc->keys and appends each distinct key with its count to out. */
static int count_keys(scan *sc, bf_keycounts *out) {
  out->n = 0;
  if (sc->keys.n)
    qsort(sc->keys.v, sc->keys.n, sizeof *sc->keys.v, cmp_u64);
  for (size_t i = 0; i < sc->keys.n; i++) {
    if (out->n && out->v[out->n - 1].key == sc->keys.v[i]) {
      out->v[out->n - 1].count++;
      continue;
    }
    bf_keycount kc = {sc->keys.v[i], 1};
    if (BF_VEC_PUSH(*out, kc))
      return -1;
  }
  return 0;
}

static int collect_terms(scan *sc, bf_keycounts *out) {
  bf_featurizer *fz = sc->fz;
  sc->keys.n = 0;
  for (size_t i = 0; i < sc->toks.n; i++) {
    uint32_t id = sc->toks.v[i].form;
    if ((fz->flags.v[id] & FORM_CONTENT) &&
        BF_VEC_PUSH(sc->keys, fz->stem_key.v[id]))
      return -1;
  }
  return count_keys(sc, out);
}

static void sign_shingles(scan *sc, bf_features *out) {
  uint64_t sig[BF_DUP_HASHES];
  bf_minhash_reset(sig, BF_DUP_HASHES);
  size_t n = sc->toks.n;
  size_t width = n < BF_DUP_SHINGLE ? n : BF_DUP_SHINGLE;
  for (size_t i = 0; width && i + width <= n; i++) {
    uint64_t h = 0;
    for (size_t k = 0; k < width; k++)
      h = h * 0x100000001B3ULL + sc->fz->forms.hashes[sc->toks.v[i + k].form];
    bf_minhash_add(sig, BF_DUP_HASHES, h);
  }
  for (size_t h = 0; h < BF_DUP_HASHES; h++)
    out->dup_sig[h] = (uint32_t)(sig[h] >> 32);
}

/* ---- names ---------------------------------------------------------------
 */

/* Non-zero when token i can be part of a name. */
static int name_word(const scan *sc, const uint8_t *cap_seen, size_t i) {
  const tok *t = &sc->toks.v[i];
  uint8_t ff = sc->fz->flags.v[t->form];
  if (!(t->flags & TOK_CAP) || (t->flags & TOK_NUM) || (ff & FORM_STOP))
    return 0;
  return !(t->flags & TOK_INITIAL) || cap_seen[t->form];
}

static int add_form(bf_features *out, const char *text, const tok *b,
                    const tok *e, uint64_t key) {
  for (size_t k = 0; k < out->forms.n; k++)
    if (out->forms.v[k].key == key) {
      out->forms.v[k].count++;
      return 0;
    }
  if (out->forms.n >= FORMS_MAX)
    return 0;
  bf_name_form nf;
  memset(&nf, 0, sizeof nf);
  nf.key = key;
  nf.count = 1;
  size_t len = e->start + e->len - b->start;
  if (len >= sizeof nf.text) {
    len = sizeof nf.text - 1;
    while (len && ((unsigned char)text[b->start + len] & 0xC0) == 0x80)
      len--;
  }
  memcpy(nf.text, text + b->start, len);
  return BF_VEC_PUSH(out->forms, nf);
}

/* Records the name in tokens [b, e]: its words, and the whole as a form
 * to show, unless it is one word opening a sentence ("Health officials
 * said"): a name's part more often than a name. */
static int add_name(scan *sc, const char *text, size_t b, size_t e,
                    bf_features *out) {
  uint64_t whole = NAME_SALT;
  for (size_t k = b; k <= e; k++) {
    uint64_t h = sc->fz->forms.hashes[sc->toks.v[k].form];
    whole = bf_hash_mix(whole ^ h);
    if (!(sc->fz->flags.v[sc->toks.v[k].form] & FORM_CONNECT) &&
        BF_VEC_PUSH(sc->keys, h ^ NAME_SALT))
      return -1;
  }
  if (b == e && (sc->toks.v[b].flags & TOK_INITIAL))
    return 0;
  return add_form(out, text, &sc->toks.v[b], &sc->toks.v[e], whole);
}

static int by_count(const void *a, const void *b) {
  const bf_name_form *x = a, *y = b;
  return (x->count < y->count) - (x->count > y->count);
}

/* The last token of the name that starts at token i: capitalised words,
 * bridged by a lower-case connector, never across a sentence's end. */
static size_t name_end(const scan *sc, const uint8_t *cap_seen, size_t i) {
  size_t e = i, n = sc->toks.n;
  while (e + 1 < n && e - i + 1 < NAME_MAX_WORDS) {
    const tok *next = &sc->toks.v[e + 1];
    if (next->flags & TOK_INITIAL)
      break;
    if (name_word(sc, cap_seen, e + 1))
      e++;
    else if (e + 2 < n && (sc->fz->flags.v[next->form] & FORM_CONNECT) &&
             !(next->flags & TOK_CAP) &&
             !(sc->toks.v[e + 2].flags & TOK_INITIAL) &&
             name_word(sc, cap_seen, e + 2))
      e += 2;
    else
      break;
  }
  return e;
}

/* A weekday or month alone is a date, not a name ("on Tuesday"). */
static int is_calendar_word(const char *text, const tok *t) {
  return bf_weekday_from_name(text + t->start, t->len) ||
         bf_month_from_name(text + t->start, t->len);
}

static int collect_names(scan *sc, const char *text, bf_features *out) {
  bf_featurizer *fz = sc->fz;
  size_t nforms = bf_lexicon_size(&fz->forms) + 1;
  if (BF_VEC_RESERVE(fz->cap_seen, nforms))
    return -1;
  while (fz->cap_seen.n < nforms)
    fz->cap_seen.v[fz->cap_seen.n++] = 0;
  uint8_t *cap_seen = fz->cap_seen.v;
  for (size_t i = 0; i < sc->toks.n; i++) {
    const tok *t = &sc->toks.v[i];
    if ((t->flags & TOK_CAP) && !(t->flags & TOK_INITIAL))
      cap_seen[t->form] = 1;
  }
  sc->keys.n = 0;
  out->forms.n = 0;
  int rc = 0;
  for (size_t i = 0; i < sc->toks.n && !rc;) {
    if (!name_word(sc, cap_seen, i)) {
      i++;
      continue;
    }
    size_t e = name_end(sc, cap_seen, i);
    if (e > i || !is_calendar_word(text, &sc->toks.v[i]))
      rc = add_name(sc, text, i, e, out);
    i = e + 1;
  }
  for (size_t i = 0; i < sc->toks.n; i++)
    cap_seen[sc->toks.v[i].form] = 0;
  if (rc || count_keys(sc, &out->names))
    return -1;
  if (out->forms.n > 1)
    qsort(out->forms.v, out->forms.n, sizeof *out->forms.v, by_count);
  return 0;
}

int bf_featurize(bf_featurizer *fz, const char *text, size_t len,
                 const char *title, size_t title_len, bf_features *out) {
  scan sc;
  memset(&sc, 0, sizeof sc);
  sc.fz = fz;
  int rc = -1;
  out->terms.n = out->names.n = out->title.n = out->forms.n = 0;
  if (title && title_len) {
    if (tokenize(&sc, title, title_len) || collect_terms(&sc, &out->title))
      goto done;
  }
  if (tokenize(&sc, text, len) || collect_terms(&sc, &out->terms) ||
      collect_names(&sc, text, out))
    goto done;
  sign_shingles(&sc, out);
  out->words = (uint32_t)sc.toks.n;
  rc = 0;
done:
  BF_VEC_FREE(sc.toks);
  BF_VEC_FREE(sc.keys);
  return rc;
}
