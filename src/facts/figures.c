/*
 * figures.c - numbers the articles report, what they measure, and whether
 * the articles agree on them.
 *
 * Owns the facts' figure list and figure groups. One pass over each
 * sentence's tokens reads every number, in digits ("320,000", "2.5",
 * "275sq", "60%") or words ("six", "twenty-four", "1.5 million"), skipping
 * dates, times, years and ordinals, with:
 *   - its qualifier ("nearly", "more than", "between ... and"), which gives
 *     the interval the figure claims ("nearly 150" is 127.5..150);
 *   - its unit ("percent", "sq km", "45-degree", "two-week");
 *   - what it measures: the head noun phrase after it ("civilian
 *     fatalities", "towns"), and an event word ("killed", "displaced",
 *     "control") from the verb after the phrase, the phrase itself, the verb
 *     before the number, or earlier in the clause;
 *   - its time span ("in 15 hours", "since June 19", "By midnight, ...")
 *     and the source the sentence gives ("according to the UN").
 *
 * Grouping: figures with the same measure key (unit + event + specific
 * subject, or unit + head noun) fall into one hash bucket. Inside a bucket,
 * values more than three times apart measure different things (a town's
 * dead and the whole war's), so each bucket is cut into clusters of
 * comparable values, and each cluster is a group with a verdict: agree,
 * range (compatible intervals) or conflict (two articles whose intervals do
 * not meet, unless both name different time spans).
 */
#include "facts/cues.h"

#include "core/error.h"
#include "core/text.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a qualifier bounds the number it precedes. */
enum qkind {
  Q_EXACT,
  Q_ABOUT,
  Q_NEARLY,
  Q_MORE,
  Q_ATLEAST,
  Q_UPTO,
  Q_LESS,
  Q_BETWEEN,
  Q_FROM
};

typedef struct qualifier {
  const char *words[3]; /* in reading order */
  const char *name;
  enum qkind kind;
} qualifier;

/* Longer phrases first so "well over" wins over "over". */
static const qualifier qualifiers[] = {
    {{"in", "excess", "of"}, "more than", Q_MORE},
    {{"as", "many", "as"}, "as many as", Q_UPTO},
    {{"an", "estimated", NULL}, "an estimated", Q_ABOUT},
    {{"more", "than", NULL}, "more than", Q_MORE},
    {{"well", "over", NULL}, "well over", Q_MORE},
    {{"upwards", "of", NULL}, "upwards of", Q_ATLEAST},
    {{"at", "least", NULL}, "at least", Q_ATLEAST},
    {{"at", "most", NULL}, "at most", Q_UPTO},
    {{"up", "to", NULL}, "up to", Q_UPTO},
    {{"less", "than", NULL}, "less than", Q_LESS},
    {{"fewer", "than", NULL}, "fewer than", Q_LESS},
    {{"close", "to", NULL}, "close to", Q_NEARLY},
    {{"just", "under", NULL}, "just under", Q_NEARLY},
    {{"nearly", NULL, NULL}, "nearly", Q_NEARLY},
    {{"almost", NULL, NULL}, "almost", Q_NEARLY},
    {{"about", NULL, NULL}, "about", Q_ABOUT},
    {{"around", NULL, NULL}, "around", Q_ABOUT},
    {{"roughly", NULL, NULL}, "roughly", Q_ABOUT},
    {{"approximately", NULL, NULL}, "approximately", Q_ABOUT},
    {{"some", NULL, NULL}, "some", Q_ABOUT},
    {{"estimated", NULL, NULL}, "estimated", Q_ABOUT},
    {{"over", NULL, NULL}, "over", Q_MORE},
    {{"under", NULL, NULL}, "under", Q_LESS},
    {{"between", NULL, NULL}, "between", Q_BETWEEN},
    {{"from", NULL, NULL}, "from", Q_FROM}};

/* Measure words that mean the same thing in news copy (by stem). */
static const char *const synonyms[][2] = {
    {"airstrik", "strike"}, {"raid", "strike"},    {"local", "town"},
    {"fatal", "death"},     {"casualti", "death"}, {"refuge", "refuge"}};

typedef struct number {
  double v;
  uint32_t end;  /* token after the number (and its scale word) */
  uint8_t unit;  /* from a suffix: "275sq", "5km", "3bn" */
  int word;      /* written in words */
  int suffix_sq; /* "275sq": the unit is completed by "km" */
  double scale;  /* product of the scale words read ("million") */
} number;

typedef struct fctx {
  bf_fx *x;
  uint32_t art, sb, se; /* current sentence's article and token range */
  bf_span32 lead_span;  /* "By midnight," opening the sentence */
  bf_span32 attr;       /* the sentence's attribution */
  uint32_t consumed;    /* tokens before this index are taken */
  uint32_t lead_end;
  int oom;
} fctx;

static const bf_token *tok(const fctx *c, uint32_t k) {
  return &c->x->st->toks.v[k];
}
static const char *ttext(const fctx *c, uint32_t k) {
  return bf_fx_text(c->x, c->art) + tok(c, k)->start;
}
static uint32_t cls(const fctx *c, uint32_t k) {
  return k < c->se ? bf_fx_cls(c->x, tok(c, k)) : 0;
}
static int is(const fctx *c, uint32_t k, const char *w) {
  return k < c->se && bf_fx_is(c->x, tok(c, k), w);
}
static int punct(const fctx *c, uint32_t k, char ch) {
  return k < c->se && bf_fx_punct(c->x, c->art, tok(c, k), ch);
}
static int is_word(const fctx *c, uint32_t k) {
  return k < c->se && (tok(c, k)->flags & BF_TOK_WORD);
}
static int is_break(const fctx *c, uint32_t k) {
  return k >= c->se || bf_fx_clause_break(c->x, c->art, tok(c, k));
}
static bf_span32 span_of(const fctx *c, uint32_t a, uint32_t b) {
  bf_span32 s = {0, 0};
  if (b > a) {
    s.start = tok(c, a)->start;
    s.end = tok(c, b - 1)->start + tok(c, b - 1)->len;
  }
  return s;
}
/* Is the hyphen at k written inside a word ("24-hour"), not a dash? */
static int tight_hyphen(const fctx *c, uint32_t k) {
  return punct(c, k, '-') && k > c->sb && k + 1 < c->se &&
         tok(c, k)->start == tok(c, k - 1)->start + tok(c, k - 1)->len &&
         tok(c, k + 1)->start == tok(c, k)->start + 1;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n > m && strcmp(s + n - m, suffix) == 0;
}

/* ---- reading numbers ---------------------------------------------------- */

static int suffix_unit(const char *s, size_t n, number *out) {
  static const struct {
    const char *suffix;
    uint8_t unit;
    double scale;
  } sfx[] = {{"sq", UNIT_SQ_KM, 1},   {"km", UNIT_KM, 1},
             {"kg", UNIT_KG, 1},      {"ft", UNIT_FOOT, 1},
             {"pc", UNIT_PERCENT, 1}, {"bn", UNIT_NONE, 1e9},
             {"m", UNIT_NONE, 1e6},   {"k", UNIT_NONE, 1e3},
             {"mln", UNIT_NONE, 1e6}, {"tn", UNIT_TONNE, 1}};
  for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++)
    if (strlen(sfx[i].suffix) == n && strncmp(s, sfx[i].suffix, n) == 0) {
      out->unit = sfx[i].unit;
      out->v *= sfx[i].scale;
      out->suffix_sq = sfx[i].unit == UNIT_SQ_KM;
      return 1;
    }
  return 0;
}

/* A number in digits at token k: "320,000", "2.5", "275sq". */
static int digits_at(const fctx *c, uint32_t k, number *out) {
  const char *s = bf_fx_norm(c->x, tok(c, k));
  char buf[64];
  size_t o = 0, i = 0;
  for (; s[i] && o + 1 < sizeof buf; i++) {
    if (isdigit((unsigned char)s[i]) || s[i] == '.')
      buf[o++] = s[i];
    else if (s[i] != ',')
      break;
  }
  buf[o] = '\0';
  if (!o)
    return 0;
  out->v = strtod(buf, NULL);
  if (s[i] && !suffix_unit(s + i, strlen(s + i), out))
    return 0; /* "19th", "1990s", "10pm", "F16" */
  out->end = k + 1;
  return 1;
}

/* A number in words at token k: "six", "twenty-four", "two hundred". */
static int words_at(const fctx *c, uint32_t k, number *out) {
  const bf_wordinfo *wi = bf_fx_info(c->x, tok(c, k));
  if (!(wi->cls & W_NUMWORD))
    return 0;
  double v = wi->num;
  uint32_t e = k + 1;
  if (wi->num >= 20 && wi->num % 10 == 0 && tight_hyphen(c, e) &&
      (cls(c, e + 1) & W_NUMWORD) &&
      bf_fx_info(c->x, tok(c, e + 1))->num < 10) {
    v += bf_fx_info(c->x, tok(c, e + 1))->num;
    e += 2;
  }
  if (wi->num == 12 && is(c, k, "dozen") && !(k > c->sb && is(c, k - 1, "a")))
    return 0; /* "dozen" alone is not a count */
  if (is(c, k, "one")) {
    /* "one of the", "the one", "one another": not a figure */
    if (is(c, e, "of") || is(c, e, "another") || !is_word(c, e) ||
        (k > c->sb && (is(c, k - 1, "the") || is(c, k - 1, "this") ||
                       is(c, k - 1, "that") || is(c, k - 1, "no"))))
      return 0;
  }
  out->v = v;
  out->end = e;
  out->word = 1;
  return 1;
}

/* Multiplies by "hundred", "thousand", "million" after the number. */
static void scale_words(const fctx *c, number *n) {
  n->scale = 1;
  while (n->end < c->se && (cls(c, n->end) & W_SCALE)) {
    n->scale *= pow(10, bf_fx_info(c->x, tok(c, n->end))->num);
    n->end++;
  }
  n->v *= n->scale;
}

static int read_number(const fctx *c, uint32_t k, number *out) {
  memset(out, 0, sizeof *out);
  const bf_token *t = tok(c, k);
  int ok = (t->flags & BF_TOK_NUM) ? digits_at(c, k, out) : words_at(c, k, out);
  if (ok)
    scale_words(c, out);
  return ok;
}

/* Numbers that are not counts: days of a month, years, clock times, names
 * ("Flight 103"), list numbers. */
static int not_a_figure(const fctx *c, uint32_t k, const number *n,
                        uint32_t lead) {
  const bf_token *t = tok(c, k);
  if (k > c->sb && (cls(c, k - 1) & W_MONTH) &&
      (tok(c, k - 1)->flags & BF_TOK_CAP))
    return 1; /* June 19 */
  if ((cls(c, n->end) & W_MONTH) && (tok(c, n->end)->flags & BF_TOK_CAP))
    return 1; /* 19 June */
  if ((t->flags & BF_TOK_NUM) && !n->unit && n->end == k + 1) {
    const char *s = ttext(c, k);
    int plain4 = t->len == 4 && isdigit((unsigned char)s[0]) &&
                 isdigit((unsigned char)s[3]);
    if (plain4 && n->v >= 1800 && n->v <= 2100)
      return 1; /* a year */
  }
  if (punct(c, n->end, ':') && n->end + 1 < c->se &&
      (tok(c, n->end + 1)->flags & BF_TOK_NUM))
    return 1; /* 10:30 */
  if (is(c, n->end, "pm") || is(c, n->end, "am") || is(c, n->end, "p.m") ||
      is(c, n->end, "a.m") || is(c, n->end, "gmt") || is(c, n->end, "o'clock"))
    return 1;
  if (punct(c, n->end, '&') || (k > c->sb && punct(c, k - 1, '&')))
    return 1; /* "Walton's 5&10" */
  if ((cls(c, n->end) & W_TIMEUNIT) && is(c, n->end + 1, "ago"))
    return 1; /* "400 years ago" is a date */
  /* an age: "Kathryn D. Sullivan, 38," */
  if (lead >= c->sb + 2 && punct(c, lead - 1, ',') &&
      (tok(c, lead - 2)->flags & BF_TOK_CAP) && n->v < 120 &&
      (n->end >= c->se || punct(c, n->end, ',') || punct(c, n->end, ';') ||
       (tok(c, n->end)->flags & BF_TOK_TERM) || is(c, n->end, "and")))
    return 1;
  if (is(c, k, "one") && !n->unit)
    return 2; /* kept only when it counts an event: "one person killed" */
  if (lead > c->sb) {
    const bf_token *p = tok(c, lead - 1);
    if (is(c, lead - 1, "no") || is(c, lead - 1, "number") ||
        punct(c, lead - 1, '#'))
      return 1;
    /* "Flight 103", "Resolution 242"; not a sentence's first word */
    if ((p->flags & BF_TOK_CAP) && !(p->flags & BF_TOK_STOP) &&
        lead - 1 != c->sb && !(cls(c, lead - 1) & (W_MONTH | W_WEEKDAY)))
      return 1;
    if (punct(c, lead - 1, '-') && lead >= c->sb + 2 && is_word(c, lead - 2))
      return 1; /* "pre-2011", "COVID-19" */
  }
  return 0;
}

/* ---- qualifier, range, unit --------------------------------------------- */

static int particle_verb(const fctx *c, uint32_t k) {
  static const char *const w[] = {
      "hand",   "handed", "handing", "hands",  "turn",    "turned", "turning",
      "take",   "took",   "taken",   "taking", "won",     "win",    "passed",
      "signed", "give",   "gave",    "given",  "handover"};
  for (size_t i = 0; i < sizeof w / sizeof *w; i++)
    if (is(c, k, w[i]))
      return 1;
  return 0;
}

/* The qualifier ending just before token k; sets *start to its first
 * token. */
static const qualifier *qualifier_before(const fctx *c, uint32_t k,
                                         uint32_t *start) {
  for (size_t i = 0; i < sizeof qualifiers / sizeof *qualifiers; i++) {
    const qualifier *q = &qualifiers[i];
    size_t n = q->words[2] ? 3 : q->words[1] ? 2 : 1;
    if (k < c->sb + n)
      continue;
    size_t j = 0;
    while (j < n && is(c, k - n + j, q->words[j]))
      j++;
    if (j == n) {
      uint32_t b = k - (uint32_t)n;
      /* "handed over 275sq km": a particle, not "more than" */
      if (q->kind == Q_MORE && n == 1 && b > c->sb && particle_verb(c, b - 1))
        return NULL;
      *start = b;
      return q;
    }
  }
  return NULL;
}

static void interval(enum qkind q, double v, double *lo, double *hi) {
  switch (q) {
  case Q_ABOUT:
    *lo = v * 0.9;
    *hi = v * 1.1;
    break;
  case Q_NEARLY:
    *lo = v * 0.85;
    *hi = v;
    break;
  case Q_MORE:
    *lo = v;
    *hi = v * 1.25;
    break;
  case Q_ATLEAST:
    *lo = v;
    *hi = INFINITY;
    break;
  case Q_UPTO:
  case Q_LESS:
    *lo = v * 0.7;
    *hi = v;
    break;
  default:
    *lo = *hi = v;
  }
}

typedef struct unit_read {
  uint8_t unit;
  uint32_t end;   /* token after the unit */
  int adjective;  /* "24-hour", "45-degree": a noun follows */
  int currency;   /* "$5": the symbol came first */
  uint32_t start; /* first token of the figure when a symbol leads */
} unit_read;

static int currency_symbol(const fctx *c, uint32_t k) {
  if (k >= c->se || !(tok(c, k)->flags & BF_TOK_PUNCT))
    return 0;
  const char *s = ttext(c, k);
  if (s[0] == '$')
    return UNIT_DOLLAR_SIGN;
  if (tok(c, k)->len == 2 && !memcmp(s, "\xc2\xa3", 2))
    return UNIT_POUND_SIGN;
  if (tok(c, k)->len == 3 && !memcmp(s, "\xe2\x82\xac", 3))
    return UNIT_EURO_SIGN;
  return 0;
}

static void read_unit(const fctx *c, uint32_t k, const number *n,
                      unit_read *u) {
  memset(u, 0, sizeof u[0]);
  u->end = n->end;
  u->start = k;
  u->unit = n->unit;
  if (k > c->sb && currency_symbol(c, k - 1)) {
    u->unit = (uint8_t)currency_symbol(c, k - 1);
    u->currency = 1;
    u->start = k - 1;
    return;
  }
  uint32_t e = n->end;
  if (n->suffix_sq) { /* "275sq km" */
    if (is(c, e, "km") || is(c, e, "kilometres") || is(c, e, "kilometers"))
      u->end = e + 1;
    return;
  }
  if (u->unit)
    return;
  if (punct(c, e, '%')) {
    u->unit = UNIT_PERCENT;
    u->end = e + 1;
    return;
  }
  if (is(c, e, "per") && is(c, e + 1, "cent")) {
    u->unit = UNIT_PERCENT;
    u->end = e + 2;
    return;
  }
  if ((is(c, e, "sq") || is(c, e, "square")) && (cls(c, e + 1) & W_UNIT)) {
    uint8_t base = bf_fx_info(c->x, tok(c, e + 1))->unit;
    u->unit = base == UNIT_MILE ? UNIT_SQ_MILE : UNIT_SQ_KM;
    u->end = e + 2;
    return;
  }
  if (tight_hyphen(c, e) && (cls(c, e + 1) & (W_UNIT | W_TIMEUNIT))) {
    u->unit = bf_fx_info(c->x, tok(c, e + 1))->unit;
    u->end = e + 2;
    u->adjective = 1;
    return;
  }
  if ((cls(c, e) & (W_UNIT | W_TIMEUNIT)) && !is(c, e, "per")) {
    u->unit = bf_fx_info(c->x, tok(c, e))->unit;
    u->end = e + 1;
    if (is(c, e, "percentage") || is(c, e + 1, "points"))
      u->end = e + 2;
  }
}

static int is_time_unit(uint8_t u) {
  switch (u) {
  case UNIT_MINUTE:
  case UNIT_HOUR:
  case UNIT_DAY:
  case UNIT_WEEK:
  case UNIT_MONTH:
  case UNIT_YEAR:
    return 1;
  default:
    return 0;
  }
}

/* ---- what the figure measures ------------------------------------------- */

typedef struct measure {
  uint32_t np_b, np_e; /* head noun phrase tokens */
  uint32_t verb;       /* verb token or UINT32_MAX */
  int event;           /* EV_* */
  uint32_t subject;    /* token whose stem is the specific subject */
  uint32_t head;       /* head noun token, or UINT32_MAX */
  uint32_t end;        /* last token read */
} measure;

/* "rose to", "reached", "stood at": the number is the subject's value. */
static int change_verb(const fctx *c, uint32_t k) {
  static const char *const w[] = {
      "rose",   "risen",   "rising",   "mounted",   "climbed",  "reached",
      "stood",  "stands",  "jumped",   "increased", "grew",     "hit",
      "topped", "totaled", "totalled", "surpassed", "exceeded", "passed",
      "fell",   "dropped", "declined", "put",       "is",       "was",
      "were",   "are",     "reaches",  "rises",     "climbs"};
  for (size_t i = 0; i < sizeof w / sizeof *w; i++)
    if (is(c, k, w[i]))
      return 1;
  return 0;
}

static int verb_like(const fctx *c, uint32_t k) {
  const char *w = bf_fx_norm(c->x, tok(c, k));
  return (cls(c, k) & W_EVENT) || ends_with(w, "ed");
}

static int adverb(const fctx *c, uint32_t k) {
  return ends_with(bf_fx_norm(c->x, tok(c, k)), "ly") || is(c, k, "not") ||
         is(c, k, "already") || is(c, k, "also") || is(c, k, "since");
}

static int preposition(const fctx *c, uint32_t k) {
  static const char *const w[] = {
      "beyond",  "across",  "near",  "within", "without", "including",
      "amid",    "despite", "along", "inside", "outside", "throughout",
      "earlier", "later",   "each",  "apiece"};
  for (size_t i = 0; i < sizeof w / sizeof *w; i++)
    if (is(c, k, w[i]))
      return 1;
  return 0;
}

/* The noun phrase after a figure: "civilian fatalities", "displaced
 * Syrians", "towns". Stops at function words, punctuation, other numbers
 * and a verb after a noun. */
static void noun_phrase(const fctx *c, uint32_t e, measure *m) {
  m->np_b = m->np_e = e;
  if (is(c, e, "of") &&
      (is(c, e + 1, "them") || is(c, e + 1, "those") || is(c, e + 1, "whom"))) {
    m->end = e + 2;
    return;
  }
  uint32_t k = e;
  while (k < c->se && k < e + 4) {
    const bf_token *t = tok(c, k);
    if (!(t->flags & BF_TOK_WORD) || (t->flags & BF_TOK_STOP) ||
        (cls(c, k) &
         (W_SPEECH | W_AUX | W_CLAUSE | W_MONTH | W_WEEKDAY | W_TIMEREL)))
      break;
    if (k > e && ((verb_like(c, k) && !(cls(c, k) & W_EVENT)) || adverb(c, k) ||
                  preposition(c, k) || ends_with(bf_fx_norm(c->x, t), "ing")))
      break; /* "towns agreed", "areas beyond", "war raging" */
    if (k > e && (cls(c, k) & W_EVENT) && !(cls(c, k - 1) & W_EVENT) &&
        !ends_with(bf_fx_norm(c->x, t), "s") &&
        !ends_with(bf_fx_norm(c->x, t), "ies"))
      break; /* "civilians killed": the verb, not the noun */
    k++;
    if (tight_hyphen(c, k) && is_word(c, k + 1))
      k += 2; /* "air-strikes" */
  }
  m->np_e = k;
  m->end = k;
}

/* Skips ", including a woman and four children," after a noun phrase. */
static uint32_t skip_including(const fctx *c, uint32_t k) {
  if (!punct(c, k, ',') || !is(c, k + 1, "including"))
    return k;
  for (uint32_t j = k + 2; j < c->se && j < k + 16; j++)
    if (punct(c, j, ','))
      return j + 1;
  return k;
}

/* The verb after the phrase: "have been displaced", "had gathered". */
static void verb_after_phrase(const fctx *c, measure *m) {
  uint32_t k = skip_including(c, m->end);
  for (uint32_t steps = 0; k < c->se && steps < 10; k++, steps++) {
    if (is_break(c, k) || (cls(c, k) & W_CLAUSE) ||
        (tok(c, k)->flags & BF_TOK_NUM) || (cls(c, k) & W_NUMWORD))
      break;
    if (cls(c, k) & W_EVENT) {
      m->verb = k;
      m->event = bf_fx_info(c->x, tok(c, k))->event;
      break;
    }
    if (!(cls(c, k) & W_AUX) && !adverb(c, k) && verb_like(c, k)) {
      m->verb = k; /* "towns have agreed": no event, but the verb */
      break;
    }
  }
}

/* The phrase's own event: "civilian fatalities", "displaced". */
static void phrase_event(const fctx *c, measure *m) {
  if (m->event)
    return;
  for (uint32_t j = m->np_e; j-- > m->np_b;)
    if (cls(c, j) & W_EVENT) {
      m->event = bf_fx_info(c->x, tok(c, j))->event;
      return;
    }
}

/* The verb before the number at `first`: "displaced more than 320,000".
 * A verb of change ("the death toll rose to 21") passes the question on
 * to its subject. Returns where the clause before it is to be read. */
static uint32_t verb_before_number(const fctx *c, uint32_t first, measure *m) {
  uint32_t b = first;
  if (b > c->sb && is(c, b - 1, "to"))
    b--;
  while (b > c->sb && (cls(c, b - 1) & W_AUX))
    b--;
  while (b > c->sb && adverb(c, b - 1))
    b--;
  uint32_t scan_from = first;
  if (b > c->sb && change_verb(c, b - 1)) {
    scan_from = b - 1;
    b = c->sb; /* no verb of its own */
  }
  if (b > c->sb && is_word(c, b - 1) &&
      !(tok(c, b - 1)->flags & (BF_TOK_STOP | BF_TOK_CAP))) {
    if (m->verb == UINT32_MAX || (!m->event && (cls(c, b - 1) & W_EVENT)))
      m->verb = b - 1;
    if (!m->event && (cls(c, b - 1) & W_EVENT))
      m->event = bf_fx_info(c->x, tok(c, b - 1))->event;
  }
  return scan_from;
}

/* An event earlier in the clause, before `scan_from`: "the regime's
 * control of Daraa province to more than 60 percent", "the death toll
 * rose to". */
static void clause_event(const fctx *c, uint32_t scan_from, measure *m) {
  for (uint32_t j = scan_from, steps = 0; !m->event && j-- > c->sb && steps < 8;
       steps++) {
    if (is_break(c, j) || (tok(c, j)->flags & BF_TOK_NUM) ||
        (cls(c, j) & (W_AUX | W_CLAUSE)))
      break;
    if (cls(c, j) & W_EVENT) {
      m->event = bf_fx_info(c->x, tok(c, j))->event;
      if (m->verb == UINT32_MAX)
        m->verb = j;
    } else if (verb_like(c, j)) {
      break; /* another verb's clause */
    }
  }
}

/* Head and subject: the last noun of the phrase that is not the event
 * word itself. */
static void head_and_subject(const fctx *c, measure *m) {
  for (uint32_t j = m->np_e; j-- > m->np_b;) {
    if (m->head == UINT32_MAX && !(m->event && (cls(c, j) & W_EVENT)))
      m->head = j;
  }
  if (m->head == UINT32_MAX && m->np_e > m->np_b && !m->event)
    m->head = m->np_e - 1;
  if (m->head != UINT32_MAX && !(cls(c, m->head) & W_GENERIC) &&
      !(tok(c, m->head)->flags & BF_TOK_CAP))
    m->subject = m->head;
}

static void find_measure(const fctx *c, uint32_t first, uint32_t e, int skip_np,
                         int adjective, measure *m) {
  memset(m, 0, sizeof *m);
  m->verb = m->subject = m->head = UINT32_MAX;
  if (skip_np) {
    m->np_b = m->np_e = m->end = e;
  } else {
    noun_phrase(c, e, m);
  }
  verb_after_phrase(c, m);
  phrase_event(c, m);
  /* A "24-hour" or "45-degree" describes its noun: no clause event. */
  if (!adjective)
    clause_event(c, verb_before_number(c, first, m), m);
  head_and_subject(c, m);
}

/* The stem of token k, through the synonym table. */
static const char *stem_of(const fctx *c, uint32_t k) {
  const bf_token *t = tok(c, k);
  const char *s = t->stem ? bf_lexicon_str(&c->x->st->lex, t->stem) : "";
  for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
    if (strcmp(s, synonyms[i][0]) == 0)
      return synonyms[i][1];
  return s;
}

/* Folded text of token k into buf at o (for labels). */
static size_t put_norm(const fctx *c, uint32_t k, char *buf, size_t o,
                       size_t cap) {
  const char *s = bf_fx_norm(c->x, tok(c, k));
  size_t n = strlen(s);
  if (o && o + 1 < cap)
    buf[o++] = ' ';
  if (o + n >= cap)
    n = cap - o - 1;
  memcpy(buf + o, s, n);
  return o + n;
}

/* The measure key and readable label of a figure. Returns 0 for a figure
 * that measures nothing we can name. */
static uint64_t measure_key(const fctx *c, const measure *m, uint8_t unit,
                            int duration, char *label, size_t cap) {
  char key[256];
  size_t o = 0;
  label[0] = '\0';
  if (duration)
    return 0; /* "four days", "for nine hours": how long, not how many */
  o += (size_t)snprintf(key, sizeof key, "%s|", bf_unit_names[unit]);
  size_t lo = 0;
  if (m->event) {
    const char *subj = m->subject != UINT32_MAX ? stem_of(c, m->subject) : "";
    o += (size_t)snprintf(key + o, sizeof key - o, "%s|%s",
                          bf_event_names[m->event], subj);
    /* "civilians killed", "people displaced" */
    if (m->subject != UINT32_MAX)
      lo = put_norm(c, m->subject, label, lo, cap);
    else if (m->head != UINT32_MAX)
      lo = put_norm(c, m->head, label, lo, cap);
    else if (unit == UNIT_NONE && m->event != EV_CONTROL)
      lo = (size_t)snprintf(label, cap, "people");
    lo += (size_t)snprintf(label + lo, cap - lo, "%s%s", lo ? " " : "",
                           bf_event_names[m->event]);
  } else if (m->head != UINT32_MAX) {
    o += (size_t)snprintf(key + o, sizeof key - o, "%s", stem_of(c, m->head));
    for (uint32_t j = m->np_b; j < m->np_e; j++)
      lo = put_norm(c, j, label, lo, cap);
  } else {
    return 0;
  }
  label[lo < cap ? lo : cap - 1] = '\0';
  return bf_hash(key, o < sizeof key ? o : sizeof key - 1) | 1;
}

/* ---- spans and attribution ---------------------------------------------- */

static int time_word(const fctx *c, uint32_t k) {
  static const char *const w[] = {"midnight", "noon",    "dawn",
                                  "dusk",     "morning", "evening",
                                  "night",    "weekend", "afternoon"};
  for (size_t i = 0; i < sizeof w / sizeof *w; i++)
    if (is(c, k, w[i]))
      return 1;
  return (cls(c, k) & (W_WEEKDAY | W_MONTH | W_TIMEUNIT)) != 0;
}

/* A time span starting at token k; returns its end token or k. */
static uint32_t span_at(const fctx *c, uint32_t k) {
  if (k >= c->se || !(cls(c, k) & W_SPANPREP))
    return k;
  uint32_t j = k + 1;
  if (is(c, k, "since")) {
    while (j < c->se && j < k + 12 && !is_break(c, j))
      j++;
    return j > k + 1 ? j : k;
  }
  if (is(c, k, "by")) {
    if (is(c, j, "the") && is(c, j + 1, "end") && is(c, j + 2, "of"))
      j += 3;
    if (j < c->se && (tok(c, j)->flags & BF_TOK_NUM))
      return is(c, j + 1, "pm") || is(c, j + 1, "am") || is(c, j + 1, "p.m") ||
                     is(c, j + 1, "a.m")
                 ? j + 2
                 : j + 1;
    return time_word(c, j) ? j + 1 : k;
  }
  /* in/within/over/during/for [the] [past|last|first] N units */
  if (is(c, j, "the"))
    j++;
  if (is(c, j, "past") || is(c, j, "last") || is(c, j, "first") ||
      is(c, j, "next"))
    j++;
  number n;
  if (j < c->se && read_number(c, j, &n))
    j = n.end;
  else if (is(c, j, "a"))
    j++;
  if (cls(c, j) & W_TIMEUNIT)
    return j + 1;
  if (is(c, k, "over") || is(c, k, "during")) {
    if (is(c, k + 1, "the") && time_word(c, k + 2))
      return k + 3;
  }
  return k;
}

/* "By midnight, ..." or "In the past 24 hours, ..." opening a sentence. */
static void lead_span(fctx *c) {
  c->lead_span = (bf_span32){0, 0};
  c->lead_end = c->sb;
  uint32_t e = span_at(c, c->sb);
  if (e > c->sb && punct(c, e, ',')) {
    c->lead_span = span_of(c, c->sb, e);
    c->lead_end = e;
  }
}

/* The sentence's source: "according to the UN", "the Observatory said",
 * "said Observatory chief Rami Abdel Rahman". */
static void attribution(fctx *c) {
  c->attr = (bf_span32){0, 0};
  for (uint32_t k = c->sb; k + 1 < c->se; k++)
    if (is(c, k, "according") && is(c, k + 1, "to")) {
      uint32_t e = k + 2;
      while (e < c->se && e < k + 12 && !is_break(c, e))
        e++;
      if (e > k + 2)
        c->attr = span_of(c, k, e);
      return;
    }
  for (uint32_t k = c->sb; k < c->se; k++) {
    if (!(cls(c, k) & W_SPEECH) || (tok(c, k)->flags & BF_TOK_QUOTE) ||
        is(c, k, "called") || is(c, k, "asked") || is(c, k, "urged"))
      continue;
    /* "said Observatory chief Rami Abdel Rahman" */
    if (k + 1 < c->se && (tok(c, k + 1)->flags & BF_TOK_CAP)) {
      uint32_t e = k + 1;
      while (e < c->se && e < k + 8 && is_word(c, e))
        e++;
      c->attr = span_of(c, k, e);
      return;
    }
    /* "the United Nations says", "the monitoring group said" */
    const bf_mention *m = NULL;
    for (uint32_t j = k; j-- > c->sb && j + 20 > k;) {
      m = bf_facts_mention_at(c->x->f, j);
      if (m)
        break;
      if (tok(c, j)->flags & (BF_TOK_QUOTE | BF_TOK_CLOSEQ))
        break;
    }
    int same_clause = m != NULL;
    for (uint32_t j = m ? m->tok_e : k; same_clause && j < k; j++)
      if (is_break(c, j) || (cls(c, j) & W_CLAUSE))
        same_clause = 0;
    if (m && same_clause && m->tok_b >= c->sb) {
      uint32_t b = m->tok_b;
      if (b > c->sb && is(c, b - 1, "the"))
        b--;
      c->attr = span_of(c, b, k + 1);
      return;
    }
    uint32_t b = k;
    while (b > c->sb && b + 4 > k && is_word(c, b - 1) &&
           !(cls(c, b - 1) & W_CLAUSE))
      b--;
    if (b < k)
      c->attr = span_of(c, b, k + 1);
    return;
  }
}

/* ---- one sentence ------------------------------------------------------- */

static int is_money(uint8_t u) {
  switch (u) {
  case UNIT_DOLLAR_SIGN:
  case UNIT_POUND_SIGN:
  case UNIT_EURO_SIGN:
  case UNIT_YEN:
  case UNIT_EURO:
  case UNIT_POUND:
  case UNIT_DOLLAR:
    return 1;
  default:
    return 0;
  }
}

/* The noun money measures, earlier in the clause: "the damage", "losses". */
static void value_noun(const fctx *c, uint32_t first, measure *m) {
  static const char *const w[] = {
      "damage",  "cost",         "costs",    "losses",  "loss",   "price",
      "bill",    "budget",       "deficit",  "fine",    "ransom", "reward",
      "revenue", "revenues",     "profit",   "profits", "sales",  "debt",
      "aid",     "compensation", "turnover", "value",   "bail",   "spending"};
  for (uint32_t j = first, steps = 0; j-- > c->sb && steps < 12; steps++) {
    if (is_break(c, j))
      return;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
      if (is(c, j, w[i])) {
        m->head = j;
        m->np_b = j;
        m->np_e = j + 1;
        return;
      }
  }
}

/* Reads a second number after "and", "to" or a hyphen into a range. */
static int range_end(const fctx *c, const qualifier *q, uint32_t k, number *n,
                     double *v2) {
  uint32_t e = n->end;
  int joiner = is(c, e, "and") ? (q && q->kind == Q_BETWEEN)
                               : is(c, e, "to") || punct(c, e, '-');
  number n2;
  if (!joiner || e + 1 >= c->se || !read_number(c, e + 1, &n2))
    return 0;
  if (punct(c, e, '-') && !(tok(c, e + 1)->flags & BF_TOK_NUM))
    return 0; /* "two-week" is a unit, not a range */
  /* "2 to 3 million": the scale belongs to both */
  if (n->scale == 1 && n2.scale > 1 && n->v * n2.scale <= n2.v)
    n->v *= n2.scale;
  if (n2.v <= n->v)
    return -1; /* "20-16", "10 to 9": a score or a vote */
  (void)k;
  *v2 = n2.v;
  n->end = n2.end;
  if (!n->unit) {
    n->unit = n2.unit;
    n->suffix_sq = n2.suffix_sq;
  }
  return 1;
}

/* Overrides the noun phrase with the one after "of": "60 percent of the
 * province". */
static void of_phrase(const fctx *c, uint32_t e, measure *m) {
  measure t;
  memset(&t, 0, sizeof t);
  uint32_t b = e + 1;
  if (is(c, b, "the") || is(c, b, "a"))
    b++;
  noun_phrase(c, b, &t);
  if (t.np_e == t.np_b)
    return;
  m->np_b = t.np_b;
  m->np_e = t.np_e;
  m->head = t.np_e - 1;
  m->subject = UINT32_MAX;
}

/* What the figure at `start` measures, up to its unit's end. */
static void measure_of(fctx *c, uint32_t start, const unit_read *u,
                       int duration, measure *m) {
  find_measure(c, start, u->end, duration, u->adjective, m);
  if (!u->adjective && u->unit && is(c, u->end, "of"))
    of_phrase(c, u->end, m);
  /* "put the damage to the terminal at 35 million euros": money measures
   * the value noun of its clause */
  if (is_money(u->unit) && m->head == UINT32_MAX && !m->event)
    value_noun(c, start, m);
  /* "retook some 30 towns" counts towns; control is a share or an area */
  if (m->event == EV_CONTROL && !u->unit && m->head != UINT32_MAX) {
    m->event = EV_NONE;
    m->subject = UINT32_MAX;
  }
}

/* The time span of figure f at token k: after the figure in its clause
 * (from token `after`), or opening the sentence. Sets what is consumed. */
static void time_span_of(fctx *c, uint32_t k, uint32_t after, bf_figure *f) {
  c->consumed = after;
  for (uint32_t j = after; j < c->se && j < after + 12; j++) {
    if (tok(c, j)->flags & (BF_TOK_TERM | BF_TOK_OPENQ))
      break;
    uint32_t se = span_at(c, j);
    if (se > j) {
      f->span = span_of(c, j, se);
      c->consumed = se;
      break;
    }
    if ((tok(c, j)->flags & BF_TOK_NUM) || (cls(c, j) & W_CLAUSE))
      break;
  }
  if (f->span.end == f->span.start && k >= c->lead_end)
    f->span = c->lead_span;
}

static void add_figure(fctx *c, uint32_t si, uint32_t k) {
  number n;
  if (!read_number(c, k, &n)) {
    c->consumed = k + 1;
    return;
  }
  uint32_t lead = k > c->sb && currency_symbol(c, k - 1) ? k - 1 : k;
  uint32_t start = lead;
  const qualifier *q = qualifier_before(c, lead, &start);
  int odd = not_a_figure(c, k, &n, start);
  if (odd == 1) {
    c->consumed = n.end > k ? n.end : k + 1;
    return;
  }
  double v2 = 0;
  int is_range = range_end(c, q, k, &n, &v2);
  if (is_range < 0) {
    c->consumed = n.end + 2; /* both numbers of the score */
    return;
  }
  if (!is_range && q && (q->kind == Q_BETWEEN || q->kind == Q_FROM)) {
    q = NULL; /* "between 5" without its pair, "from 3": plain numbers */
    start = lead;
  }
  unit_read u;
  read_unit(c, k, &n, &u);
  int duration = is_time_unit(u.unit) && !u.adjective;
  measure m;
  measure_of(c, start, &u, duration, &m);
  if (odd == 2 && !m.event) {
    c->consumed = k + 1; /* "in one go", "one of them" */
    return;
  }
  bf_figure f;
  memset(&f, 0, sizeof f);
  f.art = c->art;
  f.sent = si;
  f.text = span_of(c, start, u.end > n.end ? u.end : n.end);
  f.noun = span_of(c, m.np_b, m.np_e);
  if (m.verb != UINT32_MAX)
    f.verb = span_of(c, m.verb, m.verb + 1);
  f.value = n.v;
  f.is_range = is_range;
  f.qual = q ? q->name : "";
  if (is_range) {
    f.low = n.v;
    f.high = v2;
  } else {
    interval(q ? q->kind : Q_EXACT, n.v, &f.low, &f.high);
  }
  f.unit = bf_unit_names[u.unit];
  time_span_of(c, k, m.end > u.end ? m.end : u.end, &f);
  f.attr = c->attr;
  char label[128];
  f.key = measure_key(c, &m, u.unit, duration, label, sizeof label);
  f.event = m.event;
  f.label = bf_fx_strndup(c->x, label, strlen(label));
  if (!f.label || BF_VEC_PUSH(c->x->f->figs, f))
    c->oom = 1;
  if (c->consumed < u.end)
    c->consumed = u.end;
  if (c->consumed <= k)
    c->consumed = k + 1;
}

static void scan_sentence(fctx *c, uint32_t si) {
  const bf_sentence *s = &c->x->st->sents.v[si];
  c->art = s->article;
  c->sb = s->tok_first;
  c->se = s->tok_first + s->tok_count;
  c->consumed = c->sb;
  int any = 0;
  if (s->words < 3)
    return; /* "7." numbering a list */
  for (uint32_t k = c->sb; k < c->se && !any; k++)
    any = (tok(c, k)->flags & BF_TOK_NUM) || (cls(c, k) & W_NUMWORD);
  if (!any)
    return;
  lead_span(c);
  attribution(c);
  c->consumed = c->lead_end;
  for (uint32_t k = c->consumed; k < c->se && !c->oom; k++) {
    if (k < c->consumed)
      continue;
    if ((tok(c, k)->flags & BF_TOK_NUM) || (cls(c, k) & W_NUMWORD)) {
      add_figure(c, si, k);
      k = c->consumed - 1;
    }
  }
}

/* ---- grouping ----------------------------------------------------------- */

typedef struct member {
  uint64_t key;
  double low;
  uint32_t fig;
} member;

static int cmp_member(const void *pa, const void *pb) {
  const member *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  if (a->low != b->low)
    return a->low < b->low ? -1 : 1;
  return a->fig < b->fig ? -1 : a->fig > b->fig;
}

static int cmp_u32(const void *pa, const void *pb) {
  uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
  return a < b ? -1 : a > b;
}

static int same_span(const brief_facts *f, const bf_figure *a,
                     const bf_figure *b) {
  size_t la = a->span.end - a->span.start, lb = b->span.end - b->span.start;
  if (!la || !lb)
    return 1; /* a figure without a span is compared with every other */
  const char *sa = f->story->articles.v[a->art].text + a->span.start;
  const char *sb = f->story->articles.v[b->art].text + b->span.start;
  return la == lb && strncmp(sa, sb, la) == 0;
}

static brief_verdict verdict_of(const brief_facts *f, const uint32_t *figs,
                                size_t n, size_t nsources) {
  if (nsources < 2)
    return BRIEF_VERDICT_SINGLE;
  int same = 1, conflict = 0;
  const bf_figure *a0 = &f->figs.v[figs[0]];
  for (size_t i = 0; i < n; i++) {
    const bf_figure *a = &f->figs.v[figs[i]];
    if (a->value != a0->value || a->is_range != a0->is_range ||
        (a->is_range && a->high != a0->high))
      same = 0;
  }
  /* Pairs across articles; groups are small, and past 64 members only the
   * first 64 are compared, which keeps a huge group linear. */
  size_t cap = n < 64 ? n : 64;
  for (size_t i = 0; i < cap && !conflict; i++)
    for (size_t j = i + 1; j < cap && !conflict; j++) {
      const bf_figure *a = &f->figs.v[figs[i]], *b = &f->figs.v[figs[j]];
      if (a->art == b->art || !same_span(f, a, b))
        continue;
      double eps = 1e-9 * (fabs(a->value) + fabs(b->value));
      if (a->low > b->high + eps || b->low > a->high + eps)
        conflict = 1;
    }
  return conflict ? BRIEF_VERDICT_CONFLICT
         : same   ? BRIEF_VERDICT_AGREE
                  : BRIEF_VERDICT_RANGE;
}

typedef struct group_order {
  size_t nsources, nfigs;
  uint32_t first;
  uint32_t index;
} group_order;

static int cmp_group_order(const void *pa, const void *pb) {
  const group_order *a = pa, *b = pb;
  if (a->nsources != b->nsources)
    return a->nsources > b->nsources ? -1 : 1;
  if (a->nfigs != b->nfigs)
    return a->nfigs > b->nfigs ? -1 : 1;
  return a->first < b->first ? -1 : a->first > b->first;
}

static int push_group(bf_fx *x, uint32_t *figs, size_t n) {
  brief_facts *f = x->f;
  qsort(figs, n, sizeof *figs, cmp_u32); /* text order */
  uint32_t *arts = malloc(n * sizeof *arts);
  uint32_t *copy = bf_arena_alloc(&f->arena, n * sizeof *copy);
  if (!arts || !copy) {
    free(arts);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    arts[i] = f->figs.v[figs[i]].art;
    copy[i] = figs[i];
  }
  bf_figgroup g;
  memset(&g, 0, sizeof g);
  g.figs = copy;
  g.nfigs = n;
  g.sources = bf_fx_sources(x, arts, n, &g.nsources);
  free(arts);
  if (!g.sources)
    return -1;
  g.verdict = verdict_of(f, copy, n, g.nsources);
  g.measure = f->figs.v[copy[0]].label;
  g.unit = f->figs.v[copy[0]].unit;
  for (size_t i = 0; i < n; i++)
    f->figs.v[copy[i]].group = (uint32_t)f->groups.n;
  return BF_VEC_PUSH(f->groups, g);
}

/* The key figure i is grouped by. An unnamed measure with a unit ("nine
 * hours") joins only the same value in the same unit: repeated mentions,
 * never a conflict; other unnamed ones stay alone (even keys). */
static uint64_t group_key(const brief_facts *f, uint32_t i) {
  uint64_t key = f->figs.v[i].key;
  if (!key && *f->figs.v[i].unit) {
    char text[64];
    int len = snprintf(text, sizeof text, "%s|%.6g", f->figs.v[i].unit,
                       f->figs.v[i].low);
    key = bf_hash(text, len > 0 ? (size_t)len : 0) | 1;
  } else if (!key) {
    key = (uint64_t)i << 1;
  }
  return key;
}

/* Groups the members ms[i..j) of one key into clusters of comparable
 * values. Counts of an event ("killed") disagree within a factor of
 * three; plain nouns differ sooner because they often count different
 * sets ("two astronauts" went out of "five"), and small whole numbers of
 * them never conflict. `buf` holds j - i. */
static int group_one_key(bf_fx *x, const member *ms, size_t i, size_t j,
                         uint32_t *buf) {
  const brief_facts *f = x->f;
  size_t a = i;
  while (a < j) {
    double base = ms[a].low;
    int plain = !f->figs.v[ms[a].fig].event;
    double ratio = plain ? 1.5 : 3;
    size_t b = a + 1;
    while (b < j && !(base > 0 && ms[b].low > ratio * base) &&
           !(plain && base <= 12 && ms[b].low != base))
      b++;
    size_t m = 0;
    for (size_t k = a; k < b; k++)
      buf[m++] = ms[k].fig;
    if (push_group(x, buf, m))
      return -1;
    a = b;
  }
  return 0;
}

/* Most-reported measures first; each figure learns its group's place. */
static int order_groups(brief_facts *f) {
  group_order *ord = malloc((f->groups.n + 1) * sizeof *ord);
  bf_figgroup *sorted = malloc((f->groups.n + 1) * sizeof *sorted);
  if (!ord || !sorted) {
    free(ord);
    free(sorted);
    return -1;
  }
  for (size_t g = 0; g < f->groups.n; g++)
    ord[g] = (group_order){f->groups.v[g].nsources, f->groups.v[g].nfigs,
                           f->groups.v[g].figs[0], (uint32_t)g};
  qsort(ord, f->groups.n, sizeof *ord, cmp_group_order);
  for (size_t g = 0; g < f->groups.n; g++) {
    sorted[g] = f->groups.v[ord[g].index];
    for (size_t k = 0; k < sorted[g].nfigs; k++)
      f->figs.v[sorted[g].figs[k]].group = (uint32_t)g;
  }
  if (f->groups.n)
    memcpy(f->groups.v, sorted, f->groups.n * sizeof *sorted);
  free(ord);
  free(sorted);
  return 0;
}

static brief_status group_figures(bf_fx *x, brief_error *err) {
  brief_facts *f = x->f;
  size_t n = f->figs.n;
  member *ms = malloc((n + 1) * sizeof *ms);
  uint32_t *buf = malloc((n + 1) * sizeof *buf);
  int failed = !ms || !buf;
  for (uint32_t i = 0; !failed && i < n; i++)
    ms[i] = (member){group_key(f, i), f->figs.v[i].low, i};
  if (!failed)
    qsort(ms, n, sizeof *ms, cmp_member);
  for (size_t i = 0; !failed && i < n;) {
    size_t j = i + 1;
    while (j < n && ms[j].key == ms[i].key)
      j++;
    failed = group_one_key(x, ms, i, j, buf);
    i = j;
  }
  failed = failed || order_groups(f);
  free(ms);
  free(buf);
  return failed ? bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory")
                : BRIEF_OK;
}

/* ---- queries ------------------------------------------------------------ */

size_t bf_facts_figures_of(const brief_facts *f, uint32_t sent,
                           const bf_figure **first) {
  size_t lo;
  size_t n = bf_fx_sent_range(f->figs.v, f->figs.n, sizeof *f->figs.v,
                              offsetof(bf_figure, sent), sent, &lo);
  *first = n ? f->figs.v + lo : NULL; /* none: the vector may be NULL */
  return n;
}

/* Two numbers this close are one figure written two ways ("some 30" and
 * "more than 30"); qualifiers aside, farther ones are other figures. */
#define SAME_FIGURE_TOLERANCE 0.05

bf_figure_relation bf_facts_figure_relation(const brief_facts *f,
                                            const bf_figure *a,
                                            const bf_figure *b) {
  /* the same amount of a unit is the same figure whatever noun it goes
   * with: a "two-week assault" is the "two-week offensive" */
  if (a->group != b->group)
    return *a->unit && strcmp(a->unit, b->unit) == 0 && a->value == b->value &&
                   a->is_range == b->is_range &&
                   (!a->is_range || a->high == b->high)
               ? BF_FIGURES_SAME
               : BF_FIGURES_UNRELATED;
  if (!same_span(f, a, b))
    return BF_FIGURES_UNRELATED;
  double scale = fmax(fabs(a->value), fabs(b->value));
  double eps = 1e-9 * scale;
  if (a->is_range != b->is_range)
    return BF_FIGURES_DIFFER;
  if (a->is_range)
    return fabs(a->low - b->low) <= eps + SAME_FIGURE_TOLERANCE * scale &&
                   fabs(a->high - b->high) <=
                       eps + SAME_FIGURE_TOLERANCE * scale
               ? BF_FIGURES_SAME
               : BF_FIGURES_DIFFER;
  int meet = !(a->low > b->high + eps || b->low > a->high + eps);
  return meet && fabs(a->value - b->value) <=
                     eps + SAME_FIGURE_TOLERANCE * scale
             ? BF_FIGURES_SAME
             : BF_FIGURES_DIFFER;
}

brief_status bf_facts_figures(bf_fx *x, brief_error *err) {
  fctx c;
  memset(&c, 0, sizeof c);
  c.x = x;
  for (uint32_t si = 0; si < x->st->sents.n && !c.oom; si++)
    scan_sentence(&c, si);
  if (c.oom)
    return bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  return group_figures(x, err);
}
