/*
 * compress.c - the compress stage: light, grammar-keeping sentence trims.
 *
 * Owns what may be cut from a sentence without changing what it says or
 * breaking its grammar: a leading connective ("But", "However,"), a trailing
 * attribution after a comma (", officials said", ", according to the UN"),
 * short parenthetical asides, and the news day ("said today", "on Monday
 * night"), which a reader of a brief drawn from several days cannot place. Cuts
 * are byte spans of the article text, so the sentence still points back into
 * its source; the summary builder applies them. Quotations are never cut into.
 */
#include "pipeline/pipeline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ATTRIBUTION_WORDS 6
#define MAX_ASIDE_TOKENS 10

static int token_in(const char *text, const bf_token *t,
                    const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t->len == strlen(list[i]) &&
        strncasecmp(text + t->start, list[i], t->len) == 0)
      return 1;
  return 0;
}

static const char *const connectives[] = {
    "but",          "and",     "however",      "meanwhile",
    "also",         "still",   "yet",          "moreover",
    "furthermore",  "instead", "nevertheless", "nonetheless",
    "additionally", "besides", "thus",         "therefore"};

static const char *const reporting[] = {
    "said",      "says",     "say",       "told",    "added",
    "reported",  "stated",   "announced", "noted",   "warned",
    "explained", "insisted", "confirmed", "claimed", "according"};

#define IS(tok, list) token_in(text, (tok), list, sizeof list / sizeof *list)

static int is_punct(const char *text, const bf_token *t, char c) {
  return (t->flags & BF_TOK_PUNCT) && t->len == 1 && text[t->start] == c;
}

static void add_cut(bf_compressed *c, uint32_t start, uint32_t end) {
  if (c->ncuts < BF_MAX_CUTS && end > start) {
    c->cuts[c->ncuts].start = start;
    c->cuts[c->ncuts].end = end;
    c->ncuts++;
  }
}

/* "But the talks..." -> "The talks...". */
static void cut_connective(const brief_story *st, const bf_sentence *s,
                           const char *text, bf_compressed *c) {
  const bf_token *t = st->toks.v + s->tok_first;
  if (s->tok_count < 4 || !(t[0].flags & BF_TOK_WORD) ||
      !token_in(text, &t[0], connectives,
                sizeof connectives / sizeof *connectives))
    return;
  size_t next = 1;
  if (is_punct(text, &t[1], ','))
    next = 2;
  if (!(t[next].flags & (BF_TOK_WORD | BF_TOK_NUM)))
    return;
  add_cut(c, t[0].start, t[next].start);
  c->capitalise = 1;
}

static const char *const inverted[] = {"said", "says", "added"};
static const char *const determiners[] = {"the", "a",   "an",   "his",
                                          "her", "its", "their"};

/* ", reported five dead." is the sentence's own verb, not an attribution:
 * a reporting verb may open one only as "according to ..." or inverted
 * before its speaker (", said the spokesman", ", added Smith"). */
static int opens_with_predicate(const char *text, const bf_token *t,
                                size_t words) {
  if (!IS(&t[0], reporting))
    return 0;
  if (t[0].len == 9 && strncasecmp(text + t[0].start, "according", 9) == 0)
    return 0;
  if (words < 2 || !IS(&t[0], inverted))
    return 1;
  return !((t[1].flags & BF_TOK_CAP) || IS(&t[1], determiners));
}

/* "..., officials said." and "..., according to the UN." at the end. */
static void cut_attribution(const brief_story *st, const bf_sentence *s,
                            const char *text, bf_compressed *c) {
  const bf_token *t = st->toks.v + s->tok_first;
  size_t n = s->tok_count;
  if (n < 6 || !(t[n - 1].flags & BF_TOK_TERM) || (s->flags & BF_SENT_QUOTED))
    return;
  for (size_t k = n - 2; k > 2; k--) {
    if (t[k].flags & (BF_TOK_QUOTE | BF_TOK_OPENQ | BF_TOK_CLOSEQ))
      return;
    if (!is_punct(text, &t[k], ','))
      continue;
    size_t words = n - 2 - k;
    if (words == 0 || words > MAX_ATTRIBUTION_WORDS)
      return;
    if (t[k - 1].flags & BF_TOK_CLOSEQ)
      return;
    int reported = 0;
    for (size_t j = k + 1; j < n - 1; j++) {
      if (!(t[j].flags & (BF_TOK_WORD | BF_TOK_NUM)))
        return; /* another clause or punctuation: not a plain attribution */
      reported |= token_in(text, &t[j], reporting,
                           sizeof reporting / sizeof *reporting);
    }
    if (reported && opens_with_predicate(text, t + k + 1, n - 2 - k))
      return;
    if (reported && k >= 4)
      add_cut(c, t[k].start, t[n - 1].start);
    return;
  }
}

static const char *const relative_days[] = {
    "today",     "yesterday", "tonight", "monday",   "tuesday",
    "wednesday", "thursday",  "friday",  "saturday", "sunday"};
static const char *const day_openers[] = {"on",   "early", "late",    "last",
                                          "next", "this",  "earlier", "later"};
/* Words that make the day part of a phrase ("the first Monday"). */
static const char *const day_keepers[] = {"first",  "second", "third",
                                          "fourth", "past",   "coming"};
static const char *const day_parts[] = {"morning", "afternoon", "evening",
                                        "night"};

/* "said today", "died early Wednesday", "on Monday night". Only where
 * what is left still reads: not at the start, not in a quotation, not a
 * possessive ("Monday's vote"), not a name ("Black Monday"), not before a
 * date ("on Monday, March 3"), and not after punctuation or a word that
 * would be left hanging ("since Monday", "the first Monday"). */
static void cut_relative_days(const brief_story *st, const bf_sentence *s,
                              const char *text, bf_compressed *c) {
  const bf_token *t = st->toks.v + s->tok_first;
  size_t n = s->tok_count;
  for (size_t k = 2; k + 1 < n; k++) {
    if (!(t[k].flags & BF_TOK_WORD) || (t[k].flags & BF_TOK_QUOTE) ||
        !IS(&t[k], relative_days))
      continue;
    size_t first = k, last = k;
    if (k + 2 < n && IS(&t[k + 1], day_parts))
      last = k + 1;
    const bf_token *next = &t[last + 1];
    if (memchr(text + next->start, '\'', next->len) ||
        (next->len > 1 && (unsigned char)text[next->start] == 0xE2))
      continue; /* a possessive, straight or curly: "Monday night's" */
    if (is_punct(text, next, ',') && last + 2 < n &&
        (t[last + 2].flags & (BF_TOK_NUM | BF_TOK_CAP)))
      continue; /* a date follows */
    const bf_token *before = &t[k - 1];
    if (!(before->flags & BF_TOK_WORD) || (before->flags & BF_TOK_CAP) ||
        IS(before, day_keepers))
      continue;
    if (IS(before, day_openers))
      first = k - 1;
    else if ((before->flags & BF_TOK_STOP) && !IS(before, reporting))
      continue; /* "since", "by", "is": the sentence needs the day */
    uint32_t start = t[first].start;
    while (start > s->start && text[start - 1] == ' ')
      start--;
    add_cut(c, start, t[last].start + t[last].len);
    k = last;
  }
}

/* Short asides in parentheses, not at the start. */
static void cut_asides(const brief_story *st, const bf_sentence *s,
                       const char *text, bf_compressed *c) {
  const bf_token *t = st->toks.v + s->tok_first;
  for (size_t k = 1; k < s->tok_count; k++) {
    if (!is_punct(text, &t[k], '('))
      continue;
    size_t e = k + 1;
    while (e < s->tok_count && e - k <= MAX_ASIDE_TOKENS &&
           !is_punct(text, &t[e], ')') && !is_punct(text, &t[e], '('))
      e++;
    if (e >= s->tok_count || !is_punct(text, &t[e], ')'))
      continue;
    uint32_t start = t[k].start;
    if (start > s->start && text[start - 1] == ' ')
      start--;
    add_cut(c, start, t[e].start + t[e].len);
    k = e;
  }
}

/* The first byte at or after p that no cut covers. */
static uint32_t skip_cuts(const bf_compressed *c, uint32_t p) {
  for (int moved = 1; moved;) {
    moved = 0;
    for (uint8_t k = 0; k < c->ncuts; k++)
      if (p == c->cuts[k].start) {
        p = c->cuts[k].end;
        moved = 1;
      }
  }
  return p;
}

/* Whitespace-separated words of the sentence once the cuts are applied. */
static uint32_t count_kept_words(const bf_sentence *s, const char *text,
                                 const bf_compressed *c) {
  uint32_t words = 0;
  int in_word = 0;
  for (uint32_t p = skip_cuts(c, s->start); p < s->end; p = skip_cuts(c, p)) {
    int space = isspace((unsigned char)text[p]);
    if (!space && !in_word)
      words++;
    in_word = !space;
    p++;
  }
  return words;
}

void bf_compress_sentence(const brief_story *st, uint32_t i, bf_compressed *c) {
  const bf_sentence *s = &st->sents.v[i];
  const char *text = st->articles.v[s->article].text;
  memset(c, 0, sizeof *c);
  cut_connective(st, s, text, c);
  cut_asides(st, s, text, c);
  cut_attribution(st, s, text, c);
  cut_relative_days(st, s, text, c);
  if (c->ncuts)
    c->words = count_kept_words(s, text, c);
  else
    c->words = s->words;
}

static int token_cut(const bf_compressed *c, const bf_token *t) {
  for (uint8_t k = 0; k < c->ncuts; k++)
    if (t->start >= c->cuts[k].start && t->start < c->cuts[k].end)
      return 1;
  return 0;
}

int bf_compressed_concepts(const brief_story *st, uint32_t i,
                           const bf_compressed *c, uint8_t *keep) {
  const bf_sentence *s = &st->sents.v[i];
  uint8_t *dropped = malloc((size_t)s->tok_count + 1);
  if (!dropped)
    return -1;
  for (uint32_t k = 0; k < s->tok_count; k++)
    dropped[k] = (uint8_t)token_cut(c, &st->toks.v[s->tok_first + k]);
  int rc = bf_concepts_surviving(st, i, dropped, keep);
  free(dropped);
  return rc;
}

size_t bf_compressed_text(const brief_story *st, uint32_t i,
                          const bf_compressed *c, char *out) {
  const bf_sentence *s = &st->sents.v[i];
  const char *text = st->articles.v[s->article].text;
  size_t o = 0;
  for (uint32_t p = skip_cuts(c, s->start); p < s->end; p = skip_cuts(c, p))
    out[o++] = text[p++];
  out[o] = '\0';
  if (c->capitalise && o && islower((unsigned char)out[0]))
    out[0] = (char)toupper((unsigned char)out[0]);
  return o;
}

long bf_compressed_offset(const brief_story *st, uint32_t i,
                          const bf_compressed *c, uint32_t p) {
  const bf_sentence *s = &st->sents.v[i];
  long o = 0;
  for (uint32_t q = skip_cuts(c, s->start); q < s->end; q = skip_cuts(c, q)) {
    if (q == p)
      return o;
    if (q > p)
      return -1;
    o++, q++;
  }
  return p == s->end ? o : -1;
}
