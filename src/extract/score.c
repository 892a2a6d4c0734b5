/*
 * score.c - credits each element with the prose and the boilerplate below
 * it, and picks the element that holds the article.
 *
 * A block's prose is its unlinked words when it reads like text; its
 * boilerplate, its links, or all of it when it is mostly links or a stock
 * phrase. Prose counts less the further it sits below an element, so a
 * far ancestor that also holds teasers loses to the article's own
 * container; text under a boilerplate element (by tag, class or id) counts
 * for that element alone. A JSON-LD articleBody, when the page has one,
 * marks the blocks it contains as article text.
 */
#include "extract/blocks.h"

#include "core/boilerplate.h"

#include <string.h>

/* ---- scoring ---- */

/* Boilerplate weighs this much against prose when choosing the article
 * element: a link list as long as a paragraph cancels it out. */
#define BAD_WEIGHT 1.0
/* Ancestors credited with a block's words; deeper nesting is not article
 * structure but markup noise, and the cap keeps the pass linear. */
#define MAX_CLIMB 48
/* A block counts fully for its element, parent and grandparent, then half
 * as much per level: the article is the element that holds its
 * paragraphs, not a far ancestor that also holds teasers elsewhere. */
#define FULL_LEVELS 2
#define DECAY 0.5
/* What a word inside a boilerplate element costs the elements above it. */
#define NEG_WEIGHT 0.2

/* Whether a block reads as a heading: a title or sub-heading, not a
 * paragraph some theme set in a heading element (a lead in an <h2>, a
 * story inside an unclosed one). */
int bf_reads_as_heading(const bf_block *b) {
  if (!b->heading)
    return 0;
  if (b->heading == 1)
    return b->words < 40;
  return b->words < 20 && !(b->words >= 12 && (b->flags & B_TERMINAL));
}

/* Words of prose a block contributes to its ancestors: its unlinked words
 * when it reads like text. */
double bf_prose_words(const bf_block *b) {
  if (b->flags & B_INBODY)
    return 3.0 * b->words;
  if (bf_reads_as_heading(b) || (b->flags & (B_CAPTION | B_BOILER)) ||
      b->words < 4 || bf_link_density(b) > 0.5)
    return 0;
  double w = b->words - b->link_words;
  if (!(b->flags & B_TERMINAL) && b->stops == 0 && b->words < 15)
    w *= 0.3; /* a label or a teaser title, not a sentence */
  return w;
}

/* Words of boilerplate a block would drag into its ancestors: its links,
 * or all of it when it is mostly links or a stock phrase. */
static double block_bad(const bf_block *b) {
  if (b->flags & B_INBODY)
    return 0;
  if (b->flags & B_BOILER)
    return b->words + 2.0;
  if (bf_link_density(b) > 0.5)
    return b->words;
  double bad = b->link_words;
  if (b->words < 4 && !b->heading)
    bad += 0.5 * (b->words - b->link_words);
  return bad;
}

/* Credits every block to its ancestors, its prose as `good_of` counts it. Below
 * a boilerplate element the block counts for that element's own score; above
 * it, it is neither prose nor much boilerplate: comments are prose but not the
 * article's, and a related-links box inside the article is cut out later
 * anyway. */
/* Words of any plain text a block holds, for pages with no prose at all
 * (a table of results, a list of short entries). */
double bf_plain_words(const bf_block *b) {
  if ((b->flags & (B_CAPTION | B_BOILER)) || bf_link_density(b) > 0.5)
    return 0;
  return b->words - b->link_words;
}

void bf_credit(bf_blocks *x, double (*good_of)(const bf_block *)) {
  for (uint32_t e = 0; e < x->recs.n; e++)
    x->recs.v[e].good = x->recs.v[e].bad = 0;
  for (size_t i = 0; i < x->blocks.n; i++) {
    const bf_block *b = &x->blocks.v[i];
    double good = good_of(b), bad = block_bad(b);
    int above_neg = 0, climb = 0;
    for (uint32_t e = b->el; e && climb < MAX_CLIMB;
         e = x->recs.v[e].parent, climb++) {
      bf_elem *r = &x->recs.v[e];
      if (climb > FULL_LEVELS)
        good *= DECAY;
      if (above_neg && !(b->flags & B_INBODY)) {
        r->bad += NEG_WEIGHT * b->words;
      } else {
        r->good += good;
        r->bad += bad;
      }
      if (e == b->neg_rec)
        above_neg = 1;
    }
  }
}

/* How much an element that holds the headline, or starts within
 * HEADLINE_REACH blocks below it, counts above one that does not. */
#define HEADLINE_BONUS 2.0
#define HEADLINE_REACH 8

static int near_headline(const bf_elem *r, uint32_t headline) {
  return headline != BF_NO_BLOCK && headline < r->block_end &&
         headline + HEADLINE_REACH >= r->block_first;
}

uint32_t bf_best_element(const bf_blocks *x, uint32_t headline) {
  uint32_t best = 0, most_good = 0;
  double best_score = 0, best_good = 0;
  for (uint32_t e = 1; e < x->recs.n; e++) {
    const bf_elem *r = &x->recs.v[e];
    /* Inline elements compete too: old pages wrap paragraphs in <font>. */
    if (r->good <= 0 || (r->flags & R_LINK))
      continue;
    double score = r->good - BAD_WEIGHT * r->bad;
    if (r->neg_rec)
      score *= 0.3; /* it is, or sits inside, boilerplate */
    else if (r->flags & R_POS)
      score *= 1.1;
    if (score > 0 && near_headline(r, headline))
      score *= HEADLINE_BONUS;
    if (score > best_score) {
      best_score = score;
      best = e;
    }
    if (r->good > best_good && !r->neg_rec) {
      best_good = r->good;
      most_good = e;
    }
  }
  /* A flat page (everything in <body>, blocks cut by <br>) nets negative:
   * take the element with the most prose and let the block rules trim. */
  return best ? best : most_good;
}

/* ---- stock phrases ---- */

/* A page's own furniture: navigation and sharing words; the phrases
 * article text shares are in core/boilerplate.c. */
static const char *const boiler_exact[] = {"e-mail",
                                           "print this",
                                           "print this article",
                                           "click here",
                                           "related links",
                                           "top",
                                           "next",
                                           "previous",
                                           "recommend",
                                           "sign up",
                                           "log in",
                                           "login",
                                           "more",
                                           "enlarge",
                                           "like",
                                           "reprints",
                                           "e-mail this",
                                           "email this",
                                           "font size",
                                           "text size",
                                           "skip to main content",
                                           "ad",
                                           "home",
                                           "menu",
                                           "search",
                                           "photos",
                                           "share on facebook",
                                           "share on twitter",
                                           "view comments",
                                           "post a comment",
                                           "add a comment",
                                           "reply",
                                           NULL};

static const char *const boiler_prefix[] = {"advertisement",
                                            "read more",
                                            "(ap photo",
                                            "copyright",
                                            "\xC2\xA9",
                                            "all rights reserved",
                                            "enlarge this image",
                                            "story continues",
                                            "reprints",
                                            "email this",
                                            "print this",
                                            "sponsored by",
                                            NULL};

/* Compares a block with a phrase, ignoring case and trailing punctuation
 * such as "Advertisement:" or "Share this »". */
static int phrase_eq(const char *s, size_t len, const char *phrase) {
  size_t n = strlen(phrase);
  if (len < n)
    return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z')
      c += 32;
    if (c != phrase[i])
      return 0;
  }
  for (size_t i = n; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
      return 0;
  }
  return 1;
}

/* Whether a block is one of the phrases of the NULL-terminated `list`. */
static int is_phrase(const char *s, size_t len, const char *const *list) {
  for (size_t k = 0; list[k]; k++)
    if (phrase_eq(s, len, list[k]))
      return 1;
  return 0;
}

/* Whether a block opens with one of the phrases of the NULL-terminated
 * `list`. */
static int opens_with(const char *s, const char *const *list) {
  for (size_t k = 0; list[k]; k++)
    if (bf_ascii_istarts(s, list[k]))
      return 1;
  return 0;
}

/* Whether needle occurs in hay (memmem is not in POSIX). */
static int contains(const char *hay, size_t hlen, const char *needle,
                    size_t nlen) {
  if (nlen == 0)
    return 1;
  const char *p = hay, *end = hay + hlen;
  while ((size_t)(end - p) >= nlen) {
    p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);
    if (!p)
      return 0;
    if (memcmp(p, needle, nlen) == 0)
      return 1;
    p++;
  }
  return 0;
}

/* A short line that holds a copyright sign is a credit: "Marco Odermatt,
 * ski star. (c) AFP / Marco Bertorello". */
#define MAX_CREDIT_WORDS 20

static int is_credit(const char *s, size_t len, uint32_t words) {
  return words <= MAX_CREDIT_WORDS && contains(s, len, "\xC2\xA9", 2);
}

void bf_mark_phrases(bf_blocks *x) {
  for (size_t i = 0; i < x->blocks.n; i++) {
    bf_block *b = &x->blocks.v[i];
    const char *s = x->text.s + b->start;
    if (is_credit(s, b->len, b->words))
      b->flags |= B_BOILER;
    if (b->words > 8)
      continue;
    if (is_phrase(s, b->len, bf_boilerplate_phrases) ||
        is_phrase(s, b->len, boiler_exact) ||
        opens_with(s, bf_boilerplate_openings) || opens_with(s, boiler_prefix))
      b->flags |= B_BOILER;
  }
}

/* Blocks found verbatim in the JSON-LD articleBody, unless mostly links: a
 * body may carry its "Read also: ..." lines. The search is capped so a huge
 * body on a huge page stays cheap. */
void bf_mark_in_body(bf_blocks *x, const char *body, size_t body_len) {
  size_t budget = (size_t)64 << 20;
  if (!body || bf_xtext_words(body, body_len) < 30)
    return;
  for (size_t i = 0; i < x->blocks.n; i++) {
    bf_block *b = &x->blocks.v[i];
    if (b->words < 5 || b->len > body_len || bf_link_density(b) > 0.5)
      continue;
    if (budget < body_len)
      break;
    budget -= body_len;
    if (contains(body, body_len, x->text.s + b->start, b->len))
      b->flags |= B_INBODY;
  }
}
