/*
 * dedup.c - the dedup stage: near-duplicate sentences across sources.
 *
 * Owns the grouping of sentences that say the same thing in (nearly) the
 * same words: syndicated copies and light rewrites. Each sentence gets a
 * MinHash signature over its set of content stems; sentences that share a
 * band of the signature are compared exactly, and similar ones are joined
 * with union-find. Buckets are capped, so the cost stays linear in the size
 * of the story instead of growing with all pairs of sentences.
 */
#include "core/error.h"
#include "core/minhash.h"
#include "core/text.h"
#include "core/unionfind.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

#define SIG_HASHES 12
#define SIG_ROWS 2   /* rows per band: 6 bands */
#define BUCKET_CAP 8 /* members kept (and compared) per bucket */
#define MIN_STEMS 3

/* Sorted unique content stems of every sentence, in one flat array. */
typedef struct stem_sets {
  uint32_t *stems;
  uint32_t *first; /* per sentence; first[n] is the end */
} stem_sets;

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static int build_stem_sets(const brief_story *st, stem_sets *ss) {
  size_t n = st->sents.n;
  ss->first = malloc((n + 1) * sizeof *ss->first);
  ss->stems = malloc((st->toks.n + 1) * sizeof *ss->stems);
  if (!ss->first || !ss->stems)
    return -1;
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    const bf_sentence *s = &st->sents.v[i];
    size_t b = o;
    ss->first[i] = (uint32_t)o;
    for (size_t k = 0; k < s->tok_count; k++) {
      const bf_token *t = &st->toks.v[s->tok_first + k];
      if (t->stem && !(t->flags & BF_TOK_STOP))
        ss->stems[o++] = t->stem;
    }
    qsort(ss->stems + b, o - b, sizeof *ss->stems, cmp_u32);
    size_t u = b;
    for (size_t k = b; k < o; k++)
      if (k == b || ss->stems[k] != ss->stems[u - 1])
        ss->stems[u++] = ss->stems[k];
    o = u;
  }
  ss->first[n] = (uint32_t)o;
  return 0;
}

static size_t intersect(const uint32_t *a, size_t na, const uint32_t *b,
                        size_t nb) {
  size_t i = 0, j = 0, n = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j])
      i++;
    else if (a[i] > b[j])
      j++;
    else
      n++, i++, j++;
  }
  return n;
}

static double jaccard(const stem_sets *ss, uint32_t a, uint32_t b,
                      double *containment) {
  size_t na = ss->first[a + 1] - ss->first[a];
  size_t nb = ss->first[b + 1] - ss->first[b];
  if (!na || !nb) {
    *containment = 0;
    return 0;
  }
  size_t inter =
      intersect(ss->stems + ss->first[a], na, ss->stems + ss->first[b], nb);
  *containment = (double)inter / (double)(na < nb ? na : nb);
  return (double)inter / (double)(na + nb - inter);
}

double bf_sentence_overlap(const brief_story *st, uint32_t a, uint32_t b) {
  /* Used outside this stage on a few pairs; builds the two sets directly. */
  uint32_t sa[512], sb[512];
  size_t na = 0, nb = 0;
  const bf_sentence *x = &st->sents.v[a], *y = &st->sents.v[b];
  for (size_t k = 0; k < x->tok_count && na < 512; k++) {
    const bf_token *t = &st->toks.v[x->tok_first + k];
    if (t->stem && !(t->flags & BF_TOK_STOP))
      sa[na++] = t->stem;
  }
  for (size_t k = 0; k < y->tok_count && nb < 512; k++) {
    const bf_token *t = &st->toks.v[y->tok_first + k];
    if (t->stem && !(t->flags & BF_TOK_STOP))
      sb[nb++] = t->stem;
  }
  qsort(sa, na, sizeof *sa, cmp_u32);
  qsort(sb, nb, sizeof *sb, cmp_u32);
  size_t ua = 0, ub = 0;
  for (size_t k = 0; k < na; k++)
    if (!ua || sa[ua - 1] != sa[k])
      sa[ua++] = sa[k];
  for (size_t k = 0; k < nb; k++)
    if (!ub || sb[ub - 1] != sb[k])
      sb[ub++] = sb[k];
  if (!ua || !ub)
    return 0;
  return (double)intersect(sa, ua, sb, ub) / (double)(ua < ub ? ua : ub);
}

static void signature(const stem_sets *ss, uint32_t i, uint64_t sig[]) {
  bf_minhash_reset(sig, SIG_HASHES);
  for (uint32_t k = ss->first[i]; k < ss->first[i + 1]; k++)
    bf_minhash_add(sig, SIG_HASHES, ss->stems[k]);
}

static int similar(const stem_sets *ss, uint32_t a, uint32_t b, double thr) {
  double contain;
  double j = jaccard(ss, a, b, &contain);
  size_t na = ss->first[a + 1] - ss->first[a];
  size_t nb = ss->first[b + 1] - ss->first[b];
  size_t small = na < nb ? na : nb;
  /* A light rewrite that adds a clause keeps the other sentence inside. */
  return j >= thr || (small >= 5 && contain >= 0.85);
}

/* Two sentences that give figures in digits, none of them the same, report
 * different numbers: "35 million euros" and "50 million euros" are a
 * conflict to show, not one sentence to keep. */
static int figures_differ(const brief_story *st, uint32_t a, uint32_t b) {
  const bf_sentence *x = &st->sents.v[a], *y = &st->sents.v[b];
  int xa = 0, yb = 0;
  for (uint32_t i = 0; i < x->tok_count; i++) {
    const bf_token *t = &st->toks.v[x->tok_first + i];
    if (!(t->flags & BF_TOK_NUM))
      continue;
    xa = 1;
    for (uint32_t k = 0; k < y->tok_count; k++) {
      const bf_token *u = &st->toks.v[y->tok_first + k];
      if (u->flags & BF_TOK_NUM) {
        yb = 1;
        if (u->stem == t->stem)
          return 0;
      }
    }
  }
  return xa && yb;
}

/* Band buckets: per bucket the earliest members (a linked list through
 * `next`, one slot per sentence and band), capped at BUCKET_CAP. */
typedef struct bands {
  bf_keymap buckets;
  BF_VEC(uint32_t) head;  /* bucket id - 1 -> member sentence + 1 */
  BF_VEC(uint32_t) count; /* bucket id - 1 -> members kept */
  uint32_t *next;         /* (sentence, band) -> next member + 1 */
} bands;

enum { BANDS = SIG_HASHES / SIG_ROWS };

static int bands_init(bands *b, size_t n) {
  memset(b, 0, sizeof *b);
  b->next = malloc((n * BANDS + 1) * sizeof *b->next);
  return !b->next || bf_keymap_init(&b->buckets, n * 2 + 16) ? -1 : 0;
}

static void bands_release(bands *b) {
  free(b->next);
  if (b->buckets.ids)
    bf_keymap_release(&b->buckets);
  BF_VEC_FREE(b->head);
  BF_VEC_FREE(b->count);
}

/* Compares sentence i with the members of one of its band buckets, joins
 * the similar ones, then files i in the bucket while it has room. */
static int visit_bucket(const brief_story *st, const stem_sets *ss, bands *bd,
                        bf_uf *uf, uint32_t i, size_t band, uint64_t key,
                        double thr) {
  int is_new;
  uint32_t id = bf_keymap_intern(&bd->buckets, key, &is_new);
  if (!id)
    return -1;
  if (is_new && (BF_VEC_PUSH(bd->head, 0) || BF_VEC_PUSH(bd->count, 0)))
    return -1;
  uint32_t *slot = &bd->next[(size_t)i * BANDS + band];
  size_t seen = 0;
  for (uint32_t m = bd->head.v[id - 1]; m && seen < BUCKET_CAP; seen++) {
    uint32_t j = m - 1;
    if (st->sents.v[j].article != st->sents.v[i].article &&
        bf_uf_find(uf, i) != bf_uf_find(uf, j) && similar(ss, i, j, thr) &&
        !figures_differ(st, i, j))
      bf_uf_union(uf, i, j);
    m = bd->next[(size_t)j * BANDS + band];
  }
  /* Keep the earliest members: later ones are compared against them. */
  if (bd->count.v[id - 1] < BUCKET_CAP) {
    *slot = bd->head.v[id - 1];
    bd->head.v[id - 1] = i + 1;
    bd->count.v[id - 1]++;
  } else {
    *slot = 0;
  }
  return 0;
}

brief_status bf_find_duplicates(const brief_story *st, double thr, bf_dups *out,
                                brief_error *err) {
  size_t n = st->sents.n;
  stem_sets ss = {0};
  bands bd;
  bf_uf uf = {0};
  int failed =
      bands_init(&bd, n) || build_stem_sets(st, &ss) || bf_uf_init(&uf, n);
  memset(out, 0, sizeof *out);
  for (uint32_t i = 0; i < n && !failed; i++) {
    if (ss.first[i + 1] - ss.first[i] < MIN_STEMS)
      continue;
    uint64_t sig[SIG_HASHES];
    signature(&ss, i, sig);
    for (size_t b = 0; b < BANDS && !failed; b++)
      failed = visit_bucket(st, &ss, &bd, &uf, i, b,
                            bf_minhash_band_key(sig, b, SIG_ROWS), thr);
  }
  free(ss.first);
  free(ss.stems);
  bands_release(&bd);
  if (failed) {
    bf_uf_release(&uf);
    return bf_fail(err, BRIEF_ERR_NOMEM, "dedup: out of memory");
  }
  bf_uf_flatten(&uf);
  out->group = uf.parent;
  out->n = n;
  return BRIEF_OK;
}

void bf_dups_release(bf_dups *d) {
  free(d->group);
  d->group = NULL;
  d->n = 0;
}
