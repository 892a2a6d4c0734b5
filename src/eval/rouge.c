/*
 * rouge.c - ROUGE scores of a candidate summary against references, in the
 * two flavours of brief.h, each reproducing a reference implementation:
 *
 *   BRIEF_ROUGE_SCORE  Google's rouge_score 0.1.2: rouge1, rouge2, rougeL
 *                      and rougeLsum, NLTK Porter stemming (porter_nltk.c).
 *                      With several references, each metric keeps the
 *                      reference with the best F (rouge_score's score_multi).
 *   BRIEF_ROUGE_155    ROUGE-1.5.5 -n 2 -m -x -f A -p 0.5 -t 0 (-l WORDS):
 *                      WordNet exceptions then ROUGE's own Porter port
 *                      (porter_rouge.c), hits and
 *                      counts summed over references, R and P rounded to 5
 *                      decimals and F computed from the rounded values.
 *                      ROUGE-SU4 as -2 4 -u: skip-bigrams (ordered token
 *                      pairs with at most BF_ROUGE_SKIP_GAP tokens between
 *                      them) and unigrams, counted together.
 *                      ROUGE-L is not computed (-x): rl and rlsum are 0.
 *
 * The scorer owns its stemmers, a cache from token to stem (both interned
 * in one lexicon, so tokens compare as integers) and scratch buffers reused
 * from call to call. Nothing is global, so scorers run in parallel.
 */
#include "eval/rouge_internal.h"

#include "core/arena.h"
#include "core/error.h"
#include "core/lexicon.h"
#include "core/text.h"
#include "eval/lcs.h"
#include "eval/porter_nltk.h"
#include "eval/porter_rouge.h"
#include "eval/wordnet_exc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* stem_of[] value of a token that has no stem to compare (rouge_score drops
 * tokens whose stem is empty). 0 means "not looked up yet". */
#define DROP UINT32_MAX

/* One tokenized text: a range of toks[] and a range of lines[]. */
typedef struct rtext {
  size_t tok_first, tok_count;
  size_t line_first, line_count;
} rtext;

typedef struct range {
  size_t first, count;
} range;

typedef BF_VEC(uint64_t) key_vec;

struct brief_rouge {
  brief_rouge_options opts;
  bf_porter_rouge porter; /* 155 flavour with stemming */
  BF_VEC(char) stem_scratch;
  bf_wn_exc exc;
  int have_exc;

  bf_arena arena;
  bf_lexicon lex;           /* tokens and stems -> id */
  BF_VEC(uint32_t) stem_of; /* token id -> stem id, 0 unknown, or DROP */

  /* Scratch of one brief_rouge_score call. */
  bf_span_vec spans;
  BF_VEC(char) word;     /* token being built */
  BF_VEC(uint32_t) toks; /* stem ids of every text */
  BF_VEC(range) lines;   /* token ranges of every kept line */
  BF_VEC(rtext) texts;   /* [0] candidate, then references */
  key_vec keys_c, keys_r;
  BF_VEC(uint32_t) cnt_c, cnt_r; /* by stem id; all zero between uses */
  BF_VEC(unsigned char) mark;
  bf_lcs_scratch lcs;
};

void brief_rouge_options_init(brief_rouge_options *opts) {
  memset(opts, 0, sizeof *opts);
  opts->flavour = BRIEF_ROUGE_SCORE;
  opts->stem = 1;
  opts->words = 0;
  opts->wordnet_dir = NULL;
}

/* ------------------------------------------------------------------------ */
/* Scorer life cycle.                                                       */

void brief_rouge_free(brief_rouge *r) {
  if (!r)
    return;
  bf_porter_rouge_release(&r->porter);
  BF_VEC_FREE(r->stem_scratch);
  if (r->have_exc)
    bf_wn_exc_release(&r->exc);
  bf_lexicon_release(&r->lex);
  bf_arena_release(&r->arena);
  BF_VEC_FREE(r->stem_of);
  BF_VEC_FREE(r->spans);
  BF_VEC_FREE(r->word);
  BF_VEC_FREE(r->toks);
  BF_VEC_FREE(r->lines);
  BF_VEC_FREE(r->texts);
  BF_VEC_FREE(r->keys_c);
  BF_VEC_FREE(r->keys_r);
  BF_VEC_FREE(r->cnt_c);
  BF_VEC_FREE(r->cnt_r);
  BF_VEC_FREE(r->mark);
  bf_lcs_scratch_free(&r->lcs);
  free(r);
}

brief_status brief_rouge_new(const brief_rouge_options *opts, brief_rouge **out,
                             brief_error *err) {
  if (!out)
    return bf_fail(err, BRIEF_ERR_ARG, "rouge: no place for the scorer");
  *out = NULL;
  brief_rouge_options o;
  if (opts)
    o = *opts;
  else
    brief_rouge_options_init(&o);
  if (o.flavour != BRIEF_ROUGE_SCORE && o.flavour != BRIEF_ROUGE_155)
    return bf_fail(err, BRIEF_ERR_ARG, "rouge: unknown flavour %d",
                   (int)o.flavour);
  if (o.words < 0)
    return bf_fail(err, BRIEF_ERR_ARG,
                   "rouge: word cut must be 0 (none) or positive, not %d",
                   o.words);
  brief_rouge *r = calloc(1, sizeof *r);
  if (!r)
    return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  r->opts = o;
  r->opts.wordnet_dir = NULL; /* borrowed for this call only */
  bf_arena_init(&r->arena);
  if (bf_lexicon_init(&r->lex, &r->arena)) {
    brief_rouge_free(r);
    return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  }
  if (o.flavour == BRIEF_ROUGE_155 && o.stem) {
    if (bf_porter_rouge_init(&r->porter)) {
      brief_rouge_free(r);
      return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
    }
    r->have_exc = 1;
    brief_status st = bf_wn_exc_load(
        &r->exc, o.wordnet_dir ? o.wordnet_dir : BRIEF_WORDNET_DIR, err);
    if (st != BRIEF_OK) {
      brief_rouge_free(r);
      return st;
    }
  }
  *out = r;
  bf_ok(err);
  return BRIEF_OK;
}

/* ------------------------------------------------------------------------ */
/* Reading: lines and the word cut.                                         */

/* Perl's \s on bytes. */
static int perl_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Fields of Perl split(/\s+/, line): the runs of non-blanks, plus one empty
 * leading field when the line starts blank (trailing empties are dropped,
 * so an all-blank line has none). With `keep` > 0, also returns in *end the
 * byte length of the line's first `keep` fields. */
static size_t perl_fields(const char *s, size_t len, size_t keep, size_t *end) {
  size_t n = 0, i = 0;
  int lead = len > 0 && perl_space((unsigned char)s[0]);
  *end = 0;
  while (i < len) {
    while (i < len && perl_space((unsigned char)s[i]))
      i++;
    if (i == len)
      break;
    while (i < len && !perl_space((unsigned char)s[i]))
      i++;
    n++;
    if (keep && n + (size_t)lead == keep)
      *end = i;
  }
  return n ? n + (size_t)lead : 0;
}

int bf_rouge_cut_lines(const char *text, size_t len, int words,
                       bf_span_vec *out) {
  size_t total = 0, i = 0;
  while (i < len) {
    const char *nl = memchr(text + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - text) : len;
    bf_span sp = {i, end - i};
    i = end + 1;
    if (sp.len == 0)
      continue;
    if (words > 0) {
      size_t cut;
      size_t n = perl_fields(text + sp.start, sp.len, 0, &cut);
      if (total + n >= (size_t)words) {
        perl_fields(text + sp.start, sp.len, (size_t)words - total, &cut);
        sp.len = cut;
        return BF_VEC_PUSH(*out, sp);
      }
      total += n;
    }
    if (BF_VEC_PUSH(*out, sp))
      return -1;
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* Tokens and stems.                                                        */

/* The stem of token w[0..n) as a lexicon id, DROP, or 0 when out of
 * memory. r->word holds a writable copy of the token. */
static uint32_t stem_token(brief_rouge *r, const char *w, size_t n) {
  if (!r->opts.stem || n <= 3)
    return bf_lexicon_intern(&r->lex, w, n);
  if (r->opts.flavour == BRIEF_ROUGE_SCORE) {
    size_t k = bf_porter_nltk(r->word.v, n);
    return k ? bf_lexicon_intern(&r->lex, r->word.v, k) : DROP;
  }
  size_t blen;
  const char *base = bf_wn_exc_find(&r->exc, w, n, &blen);
  if (base)
    return bf_lexicon_intern(&r->lex, base, blen);
  if (BF_VEC_RESERVE(r->stem_scratch, n + 1))
    return 0;
  size_t k = bf_porter_rouge_stem(&r->porter, r->word.v, n, r->stem_scratch.v);
  return bf_lexicon_intern(&r->lex, r->word.v, k);
}

/* Appends the stem id of the token in r->word to r->toks and empties the
 * word. Returns 0, or -1 when out of memory. */
static int flush_token(brief_rouge *r) {
  size_t n = r->word.n;
  if (n == 0)
    return 0;
  r->word.n = 0;
  uint32_t id = bf_lexicon_intern(&r->lex, r->word.v, n);
  if (!id)
    return -1;
  if (id >= r->stem_of.n) {
    if (BF_VEC_RESERVE(r->stem_of, (size_t)id + 1))
      return -1;
    memset(r->stem_of.v + r->stem_of.n, 0,
           ((size_t)id + 1 - r->stem_of.n) * sizeof *r->stem_of.v);
    r->stem_of.n = (size_t)id + 1;
  }
  uint32_t stem = r->stem_of.v[id];
  if (!stem) {
    /* The lexicon may move its strings' table, not the strings. */
    const char *w = bf_lexicon_str(&r->lex, id);
    stem = stem_token(r, w, n);
    if (!stem)
      return -1;
    r->stem_of.v[id] = stem;
  }
  return stem == DROP ? 0 : BF_VEC_PUSH(r->toks, stem);
}

static int put_char(brief_rouge *r, char c) {
  return BF_VEC_PUSH(r->word, c);
}

static int is_alnum_lower(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* rouge_score: Python's str.lower(), then runs of [a-z0-9]. Only two
 * non-ASCII characters lower-case into ASCII: KELVIN SIGN to k, and
 * CAPITAL I WITH DOT ABOVE to i plus a combining dot, which ends the run. */
static int tokenize_score(brief_rouge *r, const char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    int rc = 0;
    if (c < 0x80) {
      i++;
      if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c - 'A' + 'a');
      rc = is_alnum_lower(c) ? put_char(r, (char)c) : flush_token(r);
    } else {
      int32_t cp;
      i += bf_utf8_decode(s, len, i, &cp);
      if (cp == 0x212A)
        rc = put_char(r, 'k');
      else if (cp == 0x130)
        rc = put_char(r, 'i') ? -1 : flush_token(r);
      else
        rc = flush_token(r);
    }
    if (rc)
      return -1;
  }
  return flush_token(r);
}

/* ROUGE-1.5.5: bytes, A-Z lowered, every other byte outside [a-z0-9]
 * (hyphens included) separates tokens. */
static int tokenize_155(brief_rouge *r, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    if (is_alnum_lower(c) ? put_char(r, (char)c) : flush_token(r))
      return -1;
  }
  return flush_token(r);
}

/* Reads, cuts and tokenizes one text onto the end of r->texts. */
static int add_text(brief_rouge *r, const char *text) {
  rtext t = {r->toks.n, 0, r->lines.n, 0};
  r->spans.n = 0;
  if (bf_rouge_cut_lines(text, strlen(text), r->opts.words, &r->spans))
    return -1;
  for (size_t i = 0; i < r->spans.n; i++) {
    const char *s = text + r->spans.v[i].start;
    size_t len = r->spans.v[i].len, first = r->toks.n;
    int rc = r->opts.flavour == BRIEF_ROUGE_SCORE ? tokenize_score(r, s, len)
                                                  : tokenize_155(r, s, len);
    if (rc)
      return -1;
    range line = {first, r->toks.n - first};
    if (BF_VEC_PUSH(r->lines, line))
      return -1;
  }
  t.tok_count = r->toks.n - t.tok_first;
  t.line_count = r->lines.n - t.line_first;
  return BF_VEC_PUSH(r->texts, t);
}

static void reset_scratch(brief_rouge *r) {
  r->toks.n = r->lines.n = r->texts.n = r->word.n = 0;
}

brief_status bf_rouge_tokenize(brief_rouge *r, const char *text, char **out,
                               brief_error *err) {
  *out = NULL;
  reset_scratch(r);
  if (add_text(r, text))
    return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  bf_buf b;
  bf_buf_init(&b);
  const rtext *t = &r->texts.v[0];
  for (size_t i = 0; i < t->line_count; i++) {
    const range *ln = &r->lines.v[t->line_first + i];
    if (i)
      bf_buf_putc(&b, '\n');
    for (size_t k = 0; k < ln->count; k++) {
      if (k)
        bf_buf_putc(&b, ' ');
      bf_buf_puts(&b, bf_lexicon_str(&r->lex, r->toks.v[ln->first + k]));
    }
  }
  if (b.oom) {
    bf_buf_free(&b);
    return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  }
  *out = bf_buf_take(&b);
  if (!*out)
    *out = calloc(1, 1);
  return *out ? BRIEF_OK
              : bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
}

/* ------------------------------------------------------------------------ */
/* Counting.                                                                */

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* The tokens of toks[first, first + count). A text or line with no word
 * may come before any token was stored, when toks.v is still NULL: C has
 * no zero offset on a null pointer, so such a range is NULL. */
static const uint32_t *tokens_at(const brief_rouge *r, size_t first,
                                 size_t count) {
  return count ? r->toks.v + first : NULL;
}

/* The sorted n-gram keys (n = 1 or 2) of t[0..len). A unigram's key is its
 * stem id and a bigram's has the first id in its high half; ids are never
 * 0, so the two kinds never share a key. */
static int ngram_keys(const uint32_t *t, size_t len, int n, key_vec *keys) {
  keys->n = 0;
  if (len < (size_t)n)
    return 0;
  size_t count = len - (size_t)n + 1;
  if (BF_VEC_RESERVE(*keys, count))
    return -1;
  for (size_t i = 0; i < count; i++)
    keys->v[i] = n == 1 ? t[i] : ((uint64_t)t[i] << 32) | t[i + 1];
  keys->n = count;
  qsort(keys->v, count, sizeof *keys->v, cmp_u64);
  return 0;
}

/* Clipped matches of two sorted key lists: per n-gram, the smaller count. */
static size_t clipped_hits(const uint64_t *a, size_t na, const uint64_t *b,
                           size_t nb) {
  size_t i = 0, j = 0, hits = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j]) {
      i++;
    } else if (b[j] < a[i]) {
      j++;
    } else {
      uint64_t k = a[i];
      size_t ca = 0, cb = 0;
      while (i < na && a[i] == k)
        i++, ca++;
      while (j < nb && b[j] == k)
        j++, cb++;
      hits += ca < cb ? ca : cb;
    }
  }
  return hits;
}

/* The sorted ROUGE-SU keys of t[0..len): every ordered pair (t[i], t[j])
 * with j - i - 1 <= BF_ROUGE_SKIP_GAP, and every token but the last as a
 * unigram (ROUGE-1.5.5's loop stops one token short). The pairs run across
 * line breaks: ROUGE-1.5.5 reads a summary as one token sequence. */
static int skip_keys(const uint32_t *t, size_t len, key_vec *keys) {
  keys->n = 0;
  if (BF_VEC_RESERVE(*keys, len * (BF_ROUGE_SKIP_GAP + 2) + 1))
    return -1;
  for (size_t i = 0; i + 1 < len; i++) {
    size_t last = i + 1 + BF_ROUGE_SKIP_GAP;
    keys->v[keys->n++] = t[i];
    for (size_t j = i + 1; j < len && j <= last; j++)
      keys->v[keys->n++] = ((uint64_t)t[i] << 32) | t[j];
  }
  if (keys->n)
    qsort(keys->v, keys->n, sizeof *keys->v, cmp_u64);
  return 0;
}

typedef struct counts {
  size_t hits, cand, ref; /* matches, candidate units, reference units */
} counts;

static int ngram_counts(brief_rouge *r, const rtext *c, const rtext *ref, int n,
                        counts *out) {
  if (ngram_keys(tokens_at(r, c->tok_first, c->tok_count), c->tok_count, n,
                 &r->keys_c) ||
      ngram_keys(tokens_at(r, ref->tok_first, ref->tok_count), ref->tok_count,
                 n, &r->keys_r))
    return -1;
  out->cand = r->keys_c.n;
  out->ref = r->keys_r.n;
  out->hits = clipped_hits(r->keys_c.v, r->keys_c.n, r->keys_r.v, r->keys_r.n);
  return 0;
}

static int skip_counts(brief_rouge *r, const rtext *c, const rtext *ref,
                       counts *out) {
  if (skip_keys(tokens_at(r, c->tok_first, c->tok_count), c->tok_count,
                &r->keys_c) ||
      skip_keys(tokens_at(r, ref->tok_first, ref->tok_count), ref->tok_count,
                &r->keys_r))
    return -1;
  out->cand = r->keys_c.n;
  out->ref = r->keys_r.n;
  out->hits = clipped_hits(r->keys_c.v, r->keys_c.n, r->keys_r.v, r->keys_r.n);
  return 0;
}

static int lcs_counts(brief_rouge *r, const rtext *c, const rtext *ref,
                      counts *out) {
  out->cand = c->tok_count;
  out->ref = ref->tok_count;
  return bf_lcs_length(tokens_at(r, ref->tok_first, ref->tok_count),
                       ref->tok_count, tokens_at(r, c->tok_first, c->tok_count),
                       c->tok_count, &r->lcs, &out->hits);
}

/* Makes cnt_c and cnt_r cover every stem id, new entries zero. */
static int size_counters(brief_rouge *r) {
  size_t need = r->lex.n;
  if (BF_VEC_RESERVE(r->cnt_c, need) || BF_VEC_RESERVE(r->cnt_r, need))
    return -1;
  for (; r->cnt_c.n < need; r->cnt_c.n++)
    r->cnt_c.v[r->cnt_c.n] = 0;
  for (; r->cnt_r.n < need; r->cnt_r.n++)
    r->cnt_r.v[r->cnt_r.n] = 0;
  return 0;
}

/* Summary-level LCS (rougeLsum): for each reference line, the union of its
 * LCS positions with every candidate line; a token on the union scores a
 * hit while both texts have unused occurrences of it left, which clips
 * repeated words as ROUGE-1.5.5 does. Returns 0, -1 (memory) or -2 (a
 * line pair too large to backtrack). */
static int lsum_counts(brief_rouge *r, const rtext *c, const rtext *ref,
                       counts *out) {
  out->cand = c->tok_count;
  out->ref = ref->tok_count;
  out->hits = 0;
  if (!c->tok_count || !ref->tok_count)
    return 0;
  if (size_counters(r))
    return -1;
  const uint32_t *ct = r->toks.v + c->tok_first;
  const uint32_t *rt = r->toks.v + ref->tok_first;
  for (size_t i = 0; i < c->tok_count; i++)
    r->cnt_c.v[ct[i]]++;
  for (size_t i = 0; i < ref->tok_count; i++)
    r->cnt_r.v[rt[i]]++;
  int rc = 0;
  for (size_t s = 0; s < ref->line_count && !rc; s++) {
    const range *rl = &r->lines.v[ref->line_first + s];
    const uint32_t *rs = tokens_at(r, rl->first, rl->count);
    if (BF_VEC_RESERVE(r->mark, rl->count + 1)) {
      rc = -1;
      break;
    }
    memset(r->mark.v, 0, rl->count);
    for (size_t k = 0; k < c->line_count && !rc; k++) {
      const range *cl = &r->lines.v[c->line_first + k];
      rc = bf_lcs_mark(rs, rl->count, tokens_at(r, cl->first, cl->count),
                       cl->count, r->mark.v, &r->lcs);
    }
    for (size_t i = 0; i < rl->count && !rc; i++) {
      uint32_t t = rs[i];
      if (r->mark.v[i] && r->cnt_c.v[t] && r->cnt_r.v[t]) {
        out->hits++;
        r->cnt_c.v[t]--;
        r->cnt_r.v[t]--;
      }
    }
  }
  for (size_t i = 0; i < c->tok_count; i++)
    r->cnt_c.v[ct[i]] = 0;
  for (size_t i = 0; i < ref->tok_count; i++)
    r->cnt_r.v[rt[i]] = 0;
  return rc;
}

/* ------------------------------------------------------------------------ */
/* Scores.                                                                  */

/* rouge_score's Score: P and R over at least one unit, F1 (0 when both
 * are 0), in the same operation order as its Python for equal doubles. */
static brief_prf prf_score(const counts *k, int zero_if_empty) {
  brief_prf s = {0, 0, 0};
  if (zero_if_empty && (k->cand == 0 || k->ref == 0))
    return s;
  s.p = (double)k->hits / (double)(k->cand ? k->cand : 1);
  s.r = (double)k->hits / (double)(k->ref ? k->ref : 1);
  s.f = s.p + s.r > 0 ? 2 * s.p * s.r / (s.p + s.r) : 0;
  return s;
}

double bf_rouge_round5(double x) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.5f", x);
  return strtod(buf, NULL);
}

/* ROUGE-1.5.5 -f A -p 0.5 from counts summed over the references. */
static brief_prf prf_155(const counts *k) {
  brief_prf s;
  s.r = k->ref ? bf_rouge_round5((double)k->hits / (double)k->ref) : 0;
  s.p = k->cand ? bf_rouge_round5((double)k->hits / (double)k->cand) : 0;
  double den = 0.5 * s.p + 0.5 * s.r;
  s.f = den > 0 ? bf_rouge_round5(s.p * s.r / den) : 0;
  return s;
}

/* Keeps the better of two scores of one metric: the first best F wins. */
static void keep_best(brief_prf *best, brief_prf s, size_t i) {
  if (i == 0 || s.f > best->f)
    *best = s;
}

static brief_status fail_count(int rc, brief_error *err) {
  if (rc == -2)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "rouge: a line pair is too long for ROUGE-Lsum "
                   "(over %llu token pairs)",
                   (unsigned long long)BF_LCS_MAX_CELLS);
  return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
}

static brief_status score_google(brief_rouge *r, size_t nrefs,
                                 brief_rouge_scores *out, brief_error *err) {
  const rtext *c = &r->texts.v[0];
  for (size_t i = 0; i < nrefs; i++) {
    const rtext *ref = &r->texts.v[1 + i];
    counts k1, k2, kl, ks;
    int rc = ngram_counts(r, c, ref, 1, &k1);
    if (!rc)
      rc = ngram_counts(r, c, ref, 2, &k2);
    if (!rc)
      rc = lcs_counts(r, c, ref, &kl);
    if (!rc)
      rc = lsum_counts(r, c, ref, &ks);
    if (rc)
      return fail_count(rc, err);
    keep_best(&out->r1, prf_score(&k1, 0), i);
    keep_best(&out->r2, prf_score(&k2, 0), i);
    keep_best(&out->rl, prf_score(&kl, 1), i);
    keep_best(&out->rlsum, prf_score(&ks, 1), i);
  }
  return BRIEF_OK;
}

static brief_status score_155(brief_rouge *r, size_t nrefs,
                              brief_rouge_scores *out, brief_error *err) {
  const rtext *c = &r->texts.v[0];
  counts sum[3] = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
  for (size_t i = 0; i < nrefs; i++) {
    for (int m = 0; m < 3; m++) {
      const rtext *ref = &r->texts.v[1 + i];
      counts k;
      if (m < 2 ? ngram_counts(r, c, ref, m + 1, &k)
                : skip_counts(r, c, ref, &k))
        return fail_count(-1, err);
      sum[m].hits += k.hits;
      sum[m].ref += k.ref;
      sum[m].cand += k.cand; /* the peer counts once per reference */
    }
  }
  out->r1 = prf_155(&sum[0]);
  out->r2 = prf_155(&sum[1]);
  out->su4 = prf_155(&sum[2]);
  return BRIEF_OK;
}

brief_status brief_rouge_score(brief_rouge *r, const char *candidate,
                               const char *const *refs, size_t nrefs,
                               brief_rouge_scores *out, brief_error *err) {
  if (!r || !candidate || !out)
    return bf_fail(err, BRIEF_ERR_ARG, "rouge: missing scorer or candidate");
  memset(out, 0, sizeof *out);
  if (nrefs == 0 || !refs)
    return bf_fail(err, BRIEF_ERR_ARG, "rouge: no reference to score against");
  for (size_t i = 0; i < nrefs; i++)
    if (!refs[i])
      return bf_fail(err, BRIEF_ERR_ARG, "rouge: reference %zu is NULL", i + 1);
  reset_scratch(r);
  if (add_text(r, candidate))
    return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  for (size_t i = 0; i < nrefs; i++)
    if (add_text(r, refs[i]))
      return bf_fail(err, BRIEF_ERR_NOMEM, "rouge: out of memory");
  brief_status st = r->opts.flavour == BRIEF_ROUGE_SCORE
                        ? score_google(r, nrefs, out, err)
                        : score_155(r, nrefs, out, err);
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}
