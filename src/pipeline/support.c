/*
 * support.c - which articles state what a sentence states, in whatever
 * words.
 *
 * Owns the support measure that the prefer and cite stages read. A
 * sentence is a set of units, each weighted by how rare it is among the
 * story's sentences:
 *   - a content stem ("collaps", "displac");
 *   - a name as the facts stage merged it, one unit per mention whatever
 *     its spelling or short form ("UN" and "United Nations", "Jabawi" and
 *     "Ibrahim al-Jabbawi");
 *   - a figure, which another sentence holds only with the same figure of
 *     the same measure: "more than 320,000" holds "320,000"; "270,000" does
 *     not, and makes its article one that gives another figure;
 *   - a resolved date, which also holds the same day written otherwise
 *     ("on Wednesday" in a dated article and "July 4").
 * A word also holds its synonyms in WordNet's most frequent senses
 * ("talks", "negotiations"; "rebels", "insurgents"), and a name the entity
 * it stands for: a people for its country ("Russian", "Russia"), a capital
 * or a part of it for its country ("Moscow", "the Kremlin": Russia).
 *
 * A sentence is cut into clauses, each about one claim: at commas, colons,
 * dashes, quotation marks and words that open a clause ("after", "which",
 * "and"). An article states the sentence when one of its sentences, or two
 * together, hold most of the sentence's weight and every figure, and one
 * of them holds most of each clause, since outlets split over two
 * sentences what another says in one but say one claim in one sentence. A
 * clause giving the source ("according to the UN") may be left out. An
 * article states part of the sentence when one of its sentences holds a
 * whole clause.
 *
 * Each measure is one pass over the story's tokens with the sentence's
 * units marked in an array, so citing a summary stays linear in the story.
 */
#include "core/error.h"
#include "core/text.h"
#include "facts/facts.h"
#include "pipeline/pipeline.h"

#include <ctype.h>
#include <libstemmer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An article states a sentence when one or two of its sentences hold this
 * share of the sentence's weight, with at least MIN_UNITS units, and part
 * of it when one of its sentences holds this share of one clause. A second
 * sentence counts when it adds SECOND_SHARE. */
#define FULL_SHARE 0.6
#define MIN_UNITS 2
#define SECOND_SHARE 0.1
/* Every clause of a sentence stated in full holds this share. */
#define CLAUSE_SHARE 0.5
/* Sentences of one article tried in pairs, the heaviest first. */
#define MAX_PAIR_CANDIDATES 12
/* Units of one sentence the measure tracks: bits of a mask. */
#define MAX_UNITS 64

/* Words that open a clause of their own (clause_openers). */
#define NOPENERS 18

/* Kinds of units that are not stems, in the high bits of their key: a
 * figure's first token holds the key of its measure and, with a unit, the
 * key of its amount ("two-week"); only figures are compared with them. */
enum { KEY_ENTITY = 1, KEY_DATE = 2, KEY_MEASURE = 3, KEY_AMOUNT = 4 };
#define KEY_BITS(kind, value)                                                  \
  ((uint64_t)(kind) << 56 | ((uint64_t)(value) & ((1ull << 56) - 1)))

struct bf_support_index {
  const brief_story *st;
  const brief_facts *f;
  const brief_wordnet *wn;    /* borrowed; NULL: no synonyms */
  struct sb_stemmer *stemmer; /* for the synonyms' stems */
  uint32_t *syn_first;        /* per stem: 1 + its list in syn, 0 unread */
  BF_VEC(uint32_t) syn;       /* synonym stems, each list ending in 0 */
  uint32_t *actor; /* per entity: the one it stands for, or NO_ACTOR */
  /* units: stems (lexicon ids), then the keys of `keys` */
  size_t nunits;
  bf_keymap keys;       /* entity, date, measure and amount keys */
  uint32_t *unit;       /* per token: its unit, or 0 */
  uint32_t *alt;        /* per token: a second unit it also holds, or 0 */
  double *weight;       /* per unit */
  uint8_t *figure;      /* per unit: a figure's measure or amount */
  uint32_t *post_first; /* per unit: where its sentences start in `post` */
  uint32_t *post;       /* the sentences holding each unit, in story order */
  /* the measure being taken */
  uint32_t round;
  uint32_t *mark;           /* per unit: the measure that marked it */
  uint8_t *bit;             /* per unit: its bit in that measure */
  BF_VEC(uint32_t) marked;  /* the units marked */
  uint64_t *mask;           /* per sentence: the measured units it holds */
  BF_VEC(uint32_t) touched; /* the sentences with a mask */
  uint32_t *conflict; /* per article: 1 + a sentence giving another figure */
  uint32_t openers[NOPENERS]; /* the folded forms of clause_openers the
                                 story uses (0: not used) */
  uint32_t according;         /* the folded form "according", or 0 */
  int oom;                    /* the measure ran out of memory */
};

static void find_words(bf_support_index *ix);

/* ---- names that stand for one actor ---------------------------------------
 */

#define NO_ACTOR UINT32_MAX

/* The entity of the facts named `name`, or with it among its variants,
 * case aside; NO_ACTOR when none. */
static uint32_t entity_named(const brief_facts *f, const char *name) {
  for (size_t i = 0; i < brief_facts_entity_count(f); i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    if (strcasecmp(e.name, name) == 0)
      return (uint32_t)i;
    for (size_t k = 0; k < e.variant_count; k++)
      if (strcasecmp(e.variants[k], name) == 0)
        return (uint32_t)i;
  }
  return NO_ACTOR;
}

/* Endings that make a place's name the word for its people ("Russia",
 * "Russian"; "Jordan", "Jordanian"; "Israel", "Israeli"; "China",
 * "Chinese"), taken on the name or on the name without its last vowel. */
static const char *const demonym_endings[] = {"n", "an", "ian", "i", "ese"};

/* Marks in norm_actor the story's words for the people of place entity
 * e, singular and plural. */
static void demonyms(const brief_story *st, const char *name, uint32_t e,
                     uint32_t *norm_actor) {
  char base[64], form[80];
  size_t len = strlen(name);
  if (len < 3 || len >= sizeof base || strchr(name, ' '))
    return;
  for (size_t i = 0; i <= len; i++)
    base[i] = (char)tolower((unsigned char)name[i]);
  for (int cut = 0; cut < 2; cut++) {
    if (cut && !strchr("aeiouy", base[len - 1]))
      break;
    for (size_t i = 0; i < sizeof demonym_endings / sizeof *demonym_endings;
         i++)
      for (int plural = 0; plural < 2; plural++) {
        int n = snprintf(form, sizeof form, "%.*s%s%s", (int)(len - cut), base,
                         demonym_endings[i], plural ? "s" : "");
        uint32_t id = n > 0 ? bf_lexicon_find(&st->lex, form, (size_t)n) : 0;
        if (id && id < st->lex.n + 1 && norm_actor[id] == NO_ACTOR)
          norm_actor[id] = e;
      }
  }
}

/* The country `name` stands for when it is a capital or part of one
 * ("Moscow", "the Kremlin"), as an entity of the story; NO_ACTOR when
 * none. */
static uint32_t country_of(const bf_support_index *ix, const char *name) {
  char country[BF_WORDNET_NAME_MAX];
  if (!ix->wn || !bf_wordnet_country_of(ix->wn, name, country))
    return NO_ACTOR;
  return entity_named(ix->f, country);
}

/* Which entity each entity and each word of the story stands for, when it
 * is another: a capital for its country, a people for its place. */
static int find_actors(bf_support_index *ix, uint32_t *norm_actor) {
  const brief_facts *f = ix->f;
  size_t n = brief_facts_entity_count(f);
  ix->actor = malloc((n + 1) * sizeof *ix->actor);
  if (!ix->actor)
    return -1;
  for (size_t i = 0; i <= ix->st->lex.n; i++)
    norm_actor[i] = NO_ACTOR;
  for (size_t i = 0; i < n; i++) {
    brief_entity_view e;
    brief_facts_entity(f, i, &e);
    ix->actor[i] = NO_ACTOR;
    if (e.type != BRIEF_ENTITY_PLACE && e.type != BRIEF_ENTITY_ORGANIZATION)
      continue;
    uint32_t c = country_of(ix, e.name);
    if (c != (uint32_t)i)
      ix->actor[i] = c;
    if (e.type == BRIEF_ENTITY_PLACE)
      demonyms(ix->st, e.name, (uint32_t)i, norm_actor);
  }
  return 0;
}

/* A capitalised word inside a sentence that the facts did not take for a
 * name ("the Kremlin") may still stand for a country; asked once per
 * word. */
static uint32_t word_actor(bf_support_index *ix, const bf_token *t, int first,
                           uint32_t *norm_actor, uint8_t *asked) {
  if (!(t->flags & BF_TOK_CAP) || (t->flags & BF_TOK_STOP) || first ||
      !t->norm || asked[t->norm])
    return norm_actor[t->norm];
  asked[t->norm] = 1;
  uint32_t c = country_of(ix, bf_lexicon_str(&ix->st->lex, t->norm));
  if (c != NO_ACTOR)
    norm_actor[t->norm] = c;
  return norm_actor[t->norm];
}

/* ---- units of every token ---------------------------------------------------
 */

static uint32_t key_unit(bf_support_index *ix, uint64_t key) {
  int is_new;
  uint32_t id = bf_keymap_intern(&ix->keys, key, &is_new);
  return id ? (uint32_t)(ix->st->lex.n + 1) + id : 0;
}

/* The units a figure's first token holds: its measure, and the amount of
 * its unit when it has one. */
static uint64_t measure_key(const bf_figure *fig) {
  return KEY_BITS(KEY_MEASURE, fig->group);
}

static uint64_t amount_key(const bf_figure *fig) {
  char buf[96];
  int n = snprintf(buf, sizeof buf, "%s|%.9g|%d|%.9g", fig->unit, fig->value,
                   fig->is_range, fig->is_range ? fig->high : 0.0);
  return KEY_BITS(KEY_AMOUNT, bf_hash(buf, n > 0 ? (size_t)n : 0));
}

/* Non-zero when token k lies inside one of the n figures. */
static int in_figure(const bf_token *t, const bf_figure *fig, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t->start >= fig[i].text.start && t->start < fig[i].text.end)
      return 1;
  return 0;
}

typedef struct unit_ctx {
  uint32_t *norm_actor; /* per folded form: the entity it stands for */
  uint8_t *asked;       /* per folded form: WordNet was asked */
  BF_VEC(uint32_t) figure_units;
} unit_ctx;

static uint32_t entity_unit(bf_support_index *ix, uint32_t e) {
  return key_unit(ix, KEY_BITS(KEY_ENTITY, e));
}

/* A figure's first token holds its measure and amount. */
static int figure_units(bf_support_index *ix, unit_ctx *u, uint32_t si,
                        const bf_figure *fig, size_t nfig) {
  const bf_sentence *s = &ix->st->sents.v[si];
  for (size_t i = 0; i < nfig; i++) {
    uint32_t k = s->tok_first;
    while (k < s->tok_first + s->tok_count &&
           ix->st->toks.v[k].start < fig[i].text.start)
      k++;
    if (k == s->tok_first + s->tok_count || ix->unit[k])
      continue;
    ix->unit[k] = key_unit(ix, measure_key(&fig[i]));
    ix->alt[k] = *fig[i].unit ? key_unit(ix, amount_key(&fig[i])) : 0;
    if (!ix->unit[k] || (*fig[i].unit && !ix->alt[k]) ||
        BF_VEC_PUSH(u->figure_units, ix->unit[k]) ||
        (ix->alt[k] && BF_VEC_PUSH(u->figure_units, ix->alt[k])))
      return -1;
  }
  return 0;
}

/* A sentence's tokens: a name's first token carries its entity, the rest
 * of the name nothing; other content words their stem; a figure's first
 * token its measure and amount, which only figures are compared with. A
 * name or word that stands for another entity also holds that one, and a
 * resolved date's first token its date. Returns 0, or -1 when out of
 * memory. */
static int sentence_units(bf_support_index *ix, unit_ctx *u, uint32_t si) {
  const brief_story *st = ix->st;
  const bf_sentence *s = &st->sents.v[si];
  const bf_figure *fig;
  size_t nfig = bf_facts_figures_of(ix->f, si, &fig);
  for (uint32_t k = s->tok_first; k < s->tok_first + s->tok_count; k++) {
    const bf_token *t = &st->toks.v[k];
    const bf_mention *m = bf_facts_mention_at(ix->f, k);
    uint32_t actor = NO_ACTOR;
    if (m && m->tok_b == k) {
      if (!(ix->unit[k] = entity_unit(ix, m->entity)))
        return -1;
      actor = ix->actor[m->entity];
    } else if (!m && t->stem && !(t->flags & BF_TOK_STOP) &&
               !in_figure(t, fig, nfig)) {
      ix->unit[k] = t->stem;
      actor = word_actor(ix, t, k == s->tok_first, u->norm_actor, u->asked);
    }
    if (actor != NO_ACTOR && !(ix->alt[k] = entity_unit(ix, actor)))
      return -1;
  }
  if (figure_units(ix, u, si, fig, nfig))
    return -1;
  const bf_date_mention *d;
  size_t nd = bf_facts_dates_of(ix->f, si, &d);
  for (size_t i = 0; i < nd; i++) {
    if (!*d[i].date || ix->alt[d[i].tok_b])
      continue;
    uint64_t h = bf_hash(d[i].date, strlen(d[i].date));
    if (!(ix->alt[d[i].tok_b] = key_unit(ix, KEY_BITS(KEY_DATE, h))))
      return -1;
  }
  return 0;
}

/* Every unit's sentences, and its weight: log((N + 1) / n) for a unit n
 * of the story's N sentences hold, since sharing "320,000" or "Saida" says
 * more than sharing "Syria". */
static int postings_and_weights(bf_support_index *ix) {
  const brief_story *st = ix->st;
  size_t n = ix->nunits;
  uint32_t *last = calloc(n, sizeof *last);
  ix->post_first = calloc(n + 1, sizeof *ix->post_first);
  ix->weight = calloc(n, sizeof *ix->weight);
  if (!last || !ix->post_first || !ix->weight) {
    free(last);
    return -1;
  }
  for (int pass = 0; pass < 2; pass++) {
    memset(last, 0, n * sizeof *last);
    for (uint32_t si = 0; si < st->sents.n; si++) {
      const bf_sentence *s = &st->sents.v[si];
      for (uint32_t k = s->tok_first; k < s->tok_first + s->tok_count; k++) {
        uint32_t us[2] = {ix->unit[k], ix->alt[k]};
        for (int j = 0; j < 2; j++) {
          if (!us[j] || last[us[j]] == si + 1)
            continue;
          last[us[j]] = si + 1;
          if (pass == 0)
            ix->post_first[us[j] + 1]++;
          else
            ix->post[ix->post_first[us[j]] + ix->mark[us[j]]++] = si;
        }
      }
    }
    if (pass == 0) {
      for (size_t u = 0; u < n; u++) {
        uint32_t sf = ix->post_first[u + 1];
        ix->weight[u] = sf ? log(((double)st->sents.n + 1) / sf) : 0;
        ix->post_first[u + 1] += ix->post_first[u];
      }
      ix->post = malloc(((size_t)ix->post_first[n] + 1) * sizeof *ix->post);
      if (!ix->post) {
        free(last);
        return -1;
      }
    }
  }
  memset(ix->mark, 0, n * sizeof *ix->mark); /* used as counts above */
  free(last);
  return 0;
}

/* Units of every token, per sentence; then which units are figures'. */
static int all_units(bf_support_index *ix) {
  const brief_story *st = ix->st;
  unit_ctx u;
  memset(&u, 0, sizeof u);
  u.norm_actor = malloc((st->lex.n + 1) * sizeof *u.norm_actor);
  u.asked = calloc(st->lex.n + 1, 1);
  int rc =
      u.norm_actor && u.asked && find_actors(ix, u.norm_actor) == 0 ? 0 : -1;
  for (uint32_t si = 0; rc == 0 && si < st->sents.n; si++)
    rc = sentence_units(ix, &u, si);
  ix->nunits = st->lex.n + 1 + ix->keys.n + 1;
  ix->mark = calloc(ix->nunits, sizeof *ix->mark);
  ix->bit = calloc(ix->nunits, 1);
  ix->figure = calloc(ix->nunits, 1);
  if (rc == 0 && ix->mark && ix->bit && ix->figure) {
    for (size_t i = 0; i < u.figure_units.n; i++)
      ix->figure[u.figure_units.v[i]] = 1;
    rc = postings_and_weights(ix);
  } else {
    rc = -1;
  }
  BF_VEC_FREE(u.figure_units);
  free(u.norm_actor);
  free(u.asked);
  return rc;
}

brief_status bf_support_index_new(const brief_story *st, const brief_facts *f,
                                  const brief_wordnet *wn,
                                  bf_support_index **out, brief_error *err) {
  *out = NULL;
  bf_support_index *ix = calloc(1, sizeof *ix);
  if (!ix)
    return bf_fail(err, BRIEF_ERR_NOMEM, "support: out of memory");
  ix->st = st;
  ix->f = f;
  ix->wn = wn;
  find_words(ix);
  ix->stemmer = sb_stemmer_new("english", NULL);
  ix->unit = calloc(st->toks.n + 1, sizeof *ix->unit);
  ix->alt = calloc(st->toks.n + 1, sizeof *ix->alt);
  ix->mask = calloc(st->sents.n + 1, sizeof *ix->mask);
  ix->conflict = calloc(st->articles.n + 1, sizeof *ix->conflict);
  ix->syn_first = calloc(st->lex.n + 1, sizeof *ix->syn_first);
  int rc = ix->stemmer && ix->unit && ix->alt && ix->mask && ix->conflict &&
                   ix->syn_first && bf_keymap_init(&ix->keys, 1024) == 0 &&
                   all_units(ix) == 0
               ? 0
               : -1;
  if (rc) {
    bf_support_index_free(ix);
    return bf_fail(err, BRIEF_ERR_NOMEM, "support: out of memory");
  }
  *out = ix;
  return BRIEF_OK;
}

void bf_support_index_free(bf_support_index *ix) {
  if (!ix)
    return;
  free(ix->unit);
  free(ix->alt);
  free(ix->weight);
  free(ix->post_first);
  free(ix->post);
  free(ix->mark);
  free(ix->bit);
  free(ix->figure);
  BF_VEC_FREE(ix->marked);
  BF_VEC_FREE(ix->touched);
  bf_keymap_release(&ix->keys);
  free(ix->mask);
  free(ix->conflict);
  free(ix->syn_first);
  free(ix->actor);
  BF_VEC_FREE(ix->syn);
  if (ix->stemmer)
    sb_stemmer_delete(ix->stemmer);
  free(ix);
}

/* ---- one measure ------------------------------------------------------------
 */

/* Clauses of the measured sentence, each about one claim; at most this
 * many are told apart. */
#define MAX_CLAUSES 16

/* The units of the measured sentence: one bit each, its weight, and which
 * clause it belongs to; figures take bits 0..nfig-1. */
typedef struct units {
  size_t n, nfig, nclauses;
  uint32_t optional; /* clauses an outlet may leave out: "according to" */
  double w[MAX_UNITS], total;
  uint64_t clause[MAX_CLAUSES]; /* the bits of each clause */
  double clause_w[MAX_CLAUSES]; /* the weight of each clause */
  const bf_figure *fig;
} units;

/* The weight of the units in m, added lowest bit first (the order keeps
 * every sum the same to the last bit). */
static double mask_weight(const units *u, uint64_t m) {
  double w = 0;
  for (; m; m &= m - 1)
    w += u->w[__builtin_ctzll(m)];
  return w;
}

static int popcount64(uint64_t m) {
  return __builtin_popcountll(m);
}

/* Words that open a clause of their own: one claim ends before them. */
static const char *const clause_openers[] = {
    "after",  "before",  "while",  "when",  "because", "although",
    "though", "whereas", "unless", "until", "which",   "who",
    "whom",   "whose",   "where",  "but",   "and",     "or"};
_Static_assert(sizeof clause_openers / sizeof *clause_openers == NOPENERS,
               "NOPENERS counts clause_openers");

/* The folded forms of the words a measure looks for, found once per story:
 * a measure then compares ids, not strings. */
static void find_words(bf_support_index *ix) {
  const bf_lexicon *lex = &ix->st->lex;
  for (size_t i = 0; i < NOPENERS; i++)
    ix->openers[i] =
        bf_lexicon_find(lex, clause_openers[i], strlen(clause_openers[i]));
  ix->according = bf_lexicon_find(lex, "according", 9);
}

static int opens_clause(const bf_support_index *ix, const char *text,
                        const bf_token *t) {
  if (t->flags & (BF_TOK_OPENQ | BF_TOK_CLOSEQ))
    return 1;
  if (t->flags & BF_TOK_PUNCT) {
    const char *p = text + t->start;
    if (t->len == 1)
      return strchr(",;:()", *p) != NULL;
    /* an en or em dash */
    return t->len == 3 && (unsigned char)p[0] == 0xE2 &&
           (unsigned char)p[1] == 0x80 &&
           ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94);
  }
  if (!t->norm || !(t->flags & BF_TOK_STOP))
    return 0;
  for (size_t i = 0; i < NOPENERS; i++)
    if (t->norm == ix->openers[i])
      return 1;
  return 0;
}

/* Ends the clause being read when it holds units, folding a clause of one
 * unit into the one before it. A clause that gives the source ("according
 * to the fire service") is one an outlet may leave out or word otherwise:
 * the claim is the same. */
static void close_clause(units *u, uint64_t *open, int attribution) {
  if (!*open)
    return;
  if (popcount64(*open) < MIN_UNITS && u->nclauses)
    u->clause[u->nclauses - 1] |= *open;
  else if (u->nclauses < MAX_CLAUSES) {
    u->optional |= (uint32_t)(attribution != 0) << u->nclauses;
    u->clause[u->nclauses++] = *open;
  } else
    u->clause[MAX_CLAUSES - 1] |= *open;
  *open = 0;
}

/* Gives unit `un` bit b in the current measure and lists it, so the
 * sentences holding it are found through its postings. */
static void mark(bf_support_index *ix, uint32_t un, int b, uint32_t round) {
  ix->mark[un] = round;
  ix->bit[un] = (uint8_t)b;
  if (BF_VEC_PUSH(ix->marked, un))
    ix->oom = 1;
}

/* ---- synonyms -------------------------------------------------------------
 */

typedef struct syn_ctx {
  bf_support_index *ix;
  uint32_t stem;
  int oom;
} syn_ctx;

/* Adds a synonym's stem to the list being built, when the story uses it. */
static void add_synonym(void *ctx, const char *w, size_t n) {
  syn_ctx *c = ctx;
  bf_support_index *ix = c->ix;
  const sb_symbol *out =
      sb_stemmer_stem(ix->stemmer, (const sb_symbol *)w, (int)n);
  if (!out) {
    c->oom = 1;
    return;
  }
  uint32_t id = bf_lexicon_find(&ix->st->lex, (const char *)out,
                                (size_t)sb_stemmer_length(ix->stemmer));
  if (id && id != c->stem && BF_VEC_PUSH(ix->syn, id))
    c->oom = 1;
}

/* The stems of the story that share a frequent sense with token t's word,
 * as an index into ix->syn of a list ending in 0; read once per stem. */
static uint32_t synonyms(bf_support_index *ix, const bf_token *t) {
  if (!ix->wn || !t->norm || t->stem > ix->st->lex.n || (t->flags & BF_TOK_NUM))
    return 0;
  if (ix->syn_first[t->stem])
    return ix->syn_first[t->stem] - 1;
  size_t first = ix->syn.n;
  syn_ctx c = {ix, t->stem, 0};
  const char *w = bf_lexicon_str(&ix->st->lex, t->norm);
  bf_wordnet_synonyms(ix->wn, 'n', w, add_synonym, &c);
  bf_wordnet_synonyms(ix->wn, 'v', w, add_synonym, &c);
  if (c.oom || BF_VEC_PUSH(ix->syn, 0)) {
    ix->syn.n = first; /* out of memory: this word has no synonyms */
    return 0;
  }
  ix->syn_first[t->stem] = (uint32_t)first + 1;
  return (uint32_t)first;
}

/* Lets the synonyms of token k's word hold the unit of bit b. */
static void mark_synonyms(bf_support_index *ix, uint32_t si, uint32_t k, int b,
                          uint32_t round) {
  const bf_token *t = &ix->st->toks.v[k];
  const bf_sentence *s = &ix->st->sents.v[si];
  /* a capital inside a sentence makes a name, not a common word */
  if (ix->unit[k] != t->stem || ((t->flags & BF_TOK_CAP) && k > s->tok_first))
    return;
  for (uint32_t i = synonyms(ix, t); ix->syn.v && ix->syn.v[i]; i++)
    if (ix->mark[ix->syn.v[i]] != round)
      mark(ix, ix->syn.v[i], b, round);
}

/* Gives token k's unit a bit, the bit of the unit it stands for when that
 * one has one ("the Kremlin" after "Russia"), and the same to the unit it
 * stands for; returns the bit, or -1 past MAX_UNITS units. */
static int unit_bit(bf_support_index *ix, units *u, uint32_t k,
                    uint32_t round) {
  uint32_t un = ix->unit[k], alt = ix->alt[k];
  int b;
  if (ix->mark[un] == round)
    b = ix->bit[un];
  else if (alt && ix->mark[alt] == round)
    b = ix->bit[alt];
  else if (u->n < MAX_UNITS) {
    b = (int)u->n++;
    u->w[b] = ix->weight[un];
  } else
    return -1;
  if (ix->mark[un] != round)
    mark(ix, un, b, round);
  if (alt && ix->mark[alt] != round)
    mark(ix, alt, b, round);
  return b;
}

/* Marks the units of sentence si and splits them into clauses. */
static void mark_units(bf_support_index *ix, uint32_t si, units *u) {
  const brief_story *st = ix->st;
  const bf_sentence *s = &st->sents.v[si];
  uint32_t round = ++ix->round;
  memset(u, 0, sizeof *u);
  ix->marked.n = 0;
  u->nfig = bf_facts_figures_of(ix->f, si, &u->fig);
  if (u->nfig > MAX_UNITS / 2)
    u->nfig = MAX_UNITS / 2;
  u->n = u->nfig;
  uint64_t open = 0;
  size_t next_fig = 0;
  int attribution = 0;
  for (uint32_t k = s->tok_first; k < s->tok_first + s->tok_count; k++) {
    const bf_token *t = &st->toks.v[k];
    if (opens_clause(ix, st->articles.v[s->article].text, t)) {
      close_clause(u, &open, attribution);
      attribution = 0;
    }
    if (!open && t->norm && t->norm == ix->according)
      attribution = 1;
    while (next_fig < u->nfig && u->fig[next_fig].text.start <= t->start)
      open |= 1ull << next_fig++;
    int b = ix->unit[k] && !ix->figure[ix->unit[k]] ? unit_bit(ix, u, k, round)
                                                    : -1;
    if (b >= 0) {
      open |= 1ull << b;
      mark_synonyms(ix, si, k, b, round);
    }
  }
  while (next_fig < u->nfig)
    open |= 1ull << next_fig++;
  close_clause(u, &open, attribution);
  double heaviest = 0;
  for (size_t b = u->nfig; b < u->n; b++)
    heaviest = u->w[b] > heaviest ? u->w[b] : heaviest;
  /* a figure is a sentence's most telling unit */
  for (size_t b = 0; b < u->nfig; b++)
    u->w[b] = heaviest > 0 ? heaviest : 1;
  for (size_t b = 0; b < u->n; b++)
    u->total += u->w[b];
  for (size_t c = 0; c < u->nclauses; c++)
    u->clause_w[c] = mask_weight(u, u->clause[c]);
}

/* Adds sentence j to the sentences the measure looked at. */
static void touch(bf_support_index *ix, uint32_t j) {
  if (!ix->mask[j] && BF_VEC_PUSH(ix->touched, j))
    ix->oom = 1;
}

/* Sets in the masks of the sentences of other articles the units of the
 * measured sentence they hold, through the postings of its marked units. */
static void hold_units(bf_support_index *ix, uint32_t own) {
  const brief_story *st = ix->st;
  for (size_t i = 0; i < ix->marked.n; i++) {
    uint32_t un = ix->marked.v[i];
    uint64_t bit = 1ull << ix->bit[un];
    for (uint32_t p = ix->post_first[un]; p < ix->post_first[un + 1]; p++) {
      uint32_t j = ix->post[p];
      if (st->sents.v[j].article == own)
        continue;
      touch(ix, j);
      ix->mask[j] |= bit;
    }
  }
}

/* Compares the measured sentence's figures with the figures of the same
 * measure or amount in other articles: the same figure sets its bit;
 * another one notes its article in ix->conflict. */
static void hold_figures(bf_support_index *ix, const units *u, uint32_t own) {
  const brief_story *st = ix->st;
  for (size_t i = 0; i < u->nfig; i++) {
    uint64_t keys[2] = {measure_key(&u->fig[i]), amount_key(&u->fig[i])};
    for (int kk = 0; kk < 2; kk++) {
      uint32_t id = bf_keymap_find(&ix->keys, keys[kk]);
      uint32_t un = id ? (uint32_t)(st->lex.n + 1) + id : 0;
      for (uint32_t p = un ? ix->post_first[un] : 0;
           un && p < ix->post_first[un + 1]; p++) {
        uint32_t j = ix->post[p], art = st->sents.v[j].article;
        const bf_figure *fig;
        size_t nfig = bf_facts_figures_of(ix->f, j, &fig);
        for (size_t k = 0; k < nfig && art != own; k++) {
          bf_figure_relation r =
              bf_facts_figure_relation(ix->f, &u->fig[i], &fig[k]);
          if (r == BF_FIGURES_SAME) {
            touch(ix, j);
            ix->mask[j] |= 1ull << i;
          } else if (r == BF_FIGURES_DIFFER && !ix->conflict[art]) {
            ix->conflict[art] = j + 1;
          }
        }
      }
    }
  }
}

/* The share of clause c that mask m holds. */
static double clause_share(const units *u, size_t c, uint64_t m) {
  double w = u->clause_w[c];
  return w > 0 ? mask_weight(u, m & u->clause[c]) / w : 0;
}

/* One or two sentences (masks a and b; b 0 for one) state the measured
 * sentence when together they hold FULL_SHARE of its weight and every
 * figure, and one of them holds most of each clause: a claim is said in
 * one sentence, a sentence's claims may be spread over two. `held_w` is
 * the weight of a | b. */
static int states_all(const units *u, uint64_t a, uint64_t b, double held_w) {
  uint64_t held = a | b, figs = u->nfig ? (1ull << u->nfig) - 1 : 0;
  if ((held & figs) != figs || popcount64(held) < MIN_UNITS ||
      held_w < FULL_SHARE * u->total)
    return 0;
  for (size_t c = 0; c < u->nclauses; c++)
    if (!(u->optional >> c & 1) && clause_share(u, c, a) < CLAUSE_SHARE &&
        clause_share(u, c, b) < CLAUSE_SHARE)
      return 0;
  return 1;
}

/* An article's best sentence, or best two, among the n it holds units in
 * (`sents`), for the measured sentence: the pair that states it when one
 * does, else the heaviest. */
static void best_pair(const bf_support_index *ix, const units *u,
                      const uint32_t *sents, size_t n, bf_support *out,
                      uint64_t *held) {
  uint32_t cand[MAX_PAIR_CANDIDATES];
  double cw[MAX_PAIR_CANDIDATES]; /* their weights */
  size_t nc = 0;
  /* the heaviest sentences, kept sorted */
  for (size_t i = 0; i < n; i++) {
    uint32_t j = sents[i];
    if (!ix->mask[j])
      continue;
    double w = mask_weight(u, ix->mask[j]);
    size_t at = nc < MAX_PAIR_CANDIDATES ? nc++ : MAX_PAIR_CANDIDATES;
    while (at > 0 && cw[at - 1] < w) {
      if (at < MAX_PAIR_CANDIDATES)
        cand[at] = cand[at - 1], cw[at] = cw[at - 1];
      at--;
    }
    if (at < MAX_PAIR_CANDIDATES)
      cand[at] = j, cw[at] = w;
  }
  *held = 0;
  if (!nc)
    return;
  uint32_t bi = cand[0], bj = UINT32_MAX;
  double best_w = cw[0];
  int best_states = states_all(u, ix->mask[bi], 0, best_w);
  for (size_t x = 0; x < nc && !best_states; x++)
    for (size_t y = x + 1; y < nc; y++) {
      uint64_t m = ix->mask[cand[x]] | ix->mask[cand[y]];
      double w = mask_weight(u, m);
      double add = w - fmax(cw[x], cw[y]);
      if (add < SECOND_SHARE * u->total)
        continue;
      int states = states_all(u, ix->mask[cand[x]], ix->mask[cand[y]], w);
      if (states > best_states || (states == best_states && w > best_w)) {
        bi = cand[x], bj = cand[y], best_w = w, best_states = states;
      }
    }
  out->sents[0] = bi;
  out->nsents = 1;
  *held = ix->mask[bi];
  if (bj != UINT32_MAX) {
    out->sents[out->nsents++] = bj;
    *held |= ix->mask[bj];
  }
}

/* One of an article's n sentences stating one clause of the measured
 * sentence in full: the article states part of it. Returns the sentence,
 * or UINT32_MAX. */
static uint32_t states_a_clause(const bf_support_index *ix, const units *u,
                                const uint32_t *sents, size_t n) {
  uint32_t best = UINT32_MAX;
  double best_w = 0;
  for (size_t c = 0; c < u->nclauses; c++) {
    if (popcount64(u->clause[c]) < MIN_UNITS)
      continue;
    for (size_t i = 0; i < n; i++) {
      uint32_t j = sents[i];
      uint64_t m = ix->mask[j] & u->clause[c];
      if (popcount64(m) < MIN_UNITS || clause_share(u, c, m) < FULL_SHARE)
        continue;
      double w = mask_weight(u, m);
      if (w > best_w)
        best_w = w, best = j;
    }
  }
  return best;
}

/* How article a stands on the measured sentence, from the masks of its n
 * sentences that hold any of it. */
static void judge(const bf_support_index *ix, const units *u, uint32_t a,
                  const uint32_t *sents, size_t n, bf_support *out) {
  uint64_t held;
  memset(out, 0, sizeof *out);
  best_pair(ix, u, sents, n, out, &held);
  uint64_t figs = u->nfig ? (1ull << u->nfig) - 1 : 0;
  if (ix->conflict[a] && (held & figs) != figs) {
    *out = (bf_support){BF_SUPPORT_CONFLICT, 1, 0, {ix->conflict[a] - 1, 0}};
    return;
  }
  double held_w = mask_weight(u, held);
  out->share = u->total > 0 ? (float)(held_w / u->total) : 0;
  if (out->nsents &&
      states_all(u, ix->mask[out->sents[0]],
                 out->nsents > 1 ? ix->mask[out->sents[1]] : 0, held_w)) {
    out->kind = BF_SUPPORT_FULL;
    return;
  }
  uint32_t part = states_a_clause(ix, u, sents, n);
  if (part != UINT32_MAX)
    *out = (bf_support){BF_SUPPORT_PARTIAL, 1, out->share, {part, 0}};
  else
    out->nsents = 0;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Judges every article with a sentence holding any of the measured one,
 * or a figure against it; the sentences are in story order, so each
 * article's are one run. Clears the masks and conflicts it read. */
static void judge_all(bf_support_index *ix, const units *u, bf_support *out) {
  const brief_story *st = ix->st;
  uint32_t *t = ix->touched.v;
  size_t n = ix->touched.n;
  if (n > 1)
    qsort(t, n, sizeof *t, cmp_u32);
  for (size_t i = 0; i < n;) {
    uint32_t a = st->sents.v[t[i]].article;
    size_t e = i;
    while (e < n && st->sents.v[t[e]].article == a)
      e++;
    judge(ix, u, a, t + i, e - i, &out[a]);
    for (size_t k = i; k < e; k++)
      ix->mask[t[k]] = 0;
    ix->conflict[a] = 0;
    i = e;
  }
  /* an article giving another figure and holding nothing else */
  for (uint32_t a = 0; a < st->articles.n; a++)
    if (ix->conflict[a]) {
      out[a] =
          (bf_support){BF_SUPPORT_CONFLICT, 1, 0, {ix->conflict[a] - 1, 0}};
      ix->conflict[a] = 0;
    }
  ix->touched.n = 0;
}

int bf_support_of(bf_support_index *ix, uint32_t si, bf_support *out) {
  const brief_story *st = ix->st;
  uint32_t own = st->sents.v[si].article;
  units u;
  mark_units(ix, si, &u);
  memset(out, 0, st->articles.n * sizeof *out);
  hold_units(ix, own);
  hold_figures(ix, &u, own);
  judge_all(ix, &u, out);
  out[own] = (bf_support){BF_SUPPORT_FULL, 1, 1.0f, {si, 0}};
  if (!ix->oom)
    return 0;
  /* a sentence left out of `touched` keeps its mask: clear them all */
  memset(ix->mask, 0, st->sents.n * sizeof *ix->mask);
  memset(ix->conflict, 0, st->articles.n * sizeof *ix->conflict);
  ix->touched.n = 0;
  ix->oom = 0;
  return -1;
}
