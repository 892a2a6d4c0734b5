/*
 * choose.c - the article's blocks, around the element that scoring chose.
 *
 * Inside the element, blocks are kept when they read like prose; short
 * blocks (sub-headings, one-line paragraphs, list items) only between prose
 * blocks, which trims bylines, dates and share buttons at the edges.
 * Readers' comments without markup of their own are cut at a comment
 * heading or at repeated "Posted by" signatures. The article then runs on
 * through prose next to its element: a lead paragraph above the body's
 * container, a body split over sibling containers, past short lines, small
 * asides and, going up, a box of related links, but not into teasers. A
 * label (a heading, "Read also:") with nothing kept after it goes.
 */
#include "extract/blocks.h"

#include <string.h>

/* ---- comments ---- */

/* "Posted by: Dom, London on 5:19pm": the signature readers' comments
 * carry when their markup says nothing. */
static int comment_signature(const bf_blocks *x, const bf_block *b) {
  static const char *const starts[] = {
      "posted by",  "posted on",    "posted at", "submitted by",
      "comment by", "commented by", "reply by",  NULL};
  if (b->words > 25)
    return 0;
  const char *s = x->text.s + b->start;
  for (size_t k = 0; starts[k]; k++)
    if (bf_ascii_istarts(s, starts[k]))
      return 1;
  return 0;
}

/* Short blocks that open a comment section: the article ends there. */
static int comment_heading(const bf_blocks *x, const bf_block *b) {
  static const char *const starts[] = {"comments",
                                       "reader comments",
                                       "readers' comments",
                                       "your comments",
                                       "have your say",
                                       "thanks for your comments",
                                       "add your comment",
                                       "add a comment",
                                       "post a comment",
                                       "leave a comment",
                                       "leave a reply",
                                       "join the discussion",
                                       "comments are closed",
                                       "write a comment",
                                       "discuss this",
                                       "readers respond",
                                       "comment on this",
                                       "share your thoughts",
                                       "what do you think",
                                       "most recent comments",
                                       "show comments",
                                       "view comments",
                                       NULL};
  if (b->words > 12)
    return 0;
  const char *s = x->text.s + b->start;
  for (size_t k = 0; starts[k]; k++)
    if (bf_ascii_istarts(s, starts[k]))
      return 1;
  /* "12 comments", "3 responses" */
  size_t i = 0;
  while (i < b->len && s[i] >= '0' && s[i] <= '9')
    i++;
  return i > 0 && i + 1 < b->len && s[i] == ' ' &&
         (bf_ascii_istarts(s + i + 1, "comment") ||
          bf_ascii_istarts(s + i + 1, "response") ||
          bf_ascii_istarts(s + i + 1, "repl"));
}

static size_t count_signatures(const bf_blocks *x, uint32_t first,
                               uint32_t end) {
  size_t n = 0;
  for (uint32_t i = first; i < end; i++)
    n += comment_signature(x, &x->blocks.v[i]);
  return n;
}

/* Drops readers' comments inside the article element and returns where
 * the article ends: at a comment heading, or at the first comment
 * signature when there are several. A comment that has an element of its
 * own (one signature inside) is dropped whole. Comments follow the
 * article's prose: a "Posted on" line above it is the post's own. */
static uint32_t cut_comments(const bf_blocks *x, uint32_t best, uint8_t *keep) {
  const bf_elem *r = &x->recs.v[best];
  uint32_t first = r->block_first, end = r->block_end;
  while (first < end && keep[first] != V_STRONG)
    first++;
  for (uint32_t i = first; i < end; i++)
    if (keep[i] == V_WEAK && x->blocks.v[i].link_words == 0 &&
        comment_heading(x, &x->blocks.v[i]))
      return i; /* a linked "53 Comments" is a button, not a heading */
  if (count_signatures(x, first, end) < 2)
    return end;
  for (uint32_t i = first; i < end; i++) {
    const bf_block *b = &x->blocks.v[i];
    if (!comment_signature(x, b))
      continue;
    const bf_elem *c = &x->recs.v[b->el];
    uint32_t size = c->block_end - c->block_first;
    if (b->el != best && size >= 2 && size < (end - first) / 2 &&
        count_signatures(x, c->block_first, c->block_end) == 1) {
      memset(keep + c->block_first, V_DROP, c->block_end - c->block_first);
      continue;
    }
    /* Flat comments: keep what came before, minus its dateline. */
    while (i > first && x->blocks.v[i - 1].words <= 6)
      i--;
    return i;
  }
  return end;
}

/* ---- choosing the article's blocks ---- */

static enum verdict judge(const bf_blocks *x, uint32_t best,
                          const bf_block *b) {
  if (b->flags & B_INBODY)
    return V_STRONG;
  if (b->neg_rec > best || (b->flags & (B_CAPTION | B_BOILER)))
    return V_DROP;
  double ld = bf_link_density(b);
  if (ld > 0.4)
    return V_DROP;
  (void)x;
  if (!bf_reads_as_heading(b) &&
      ((b->words >= 15 && ld < 0.3) ||
       (b->words >= 8 && (b->flags & B_TERMINAL) && ld < 0.2)))
    return V_STRONG;
  return V_WEAK;
}

/* A short block at the edge of the article is kept when it reads like the
 * end of a sentence: "The trial continues." */
static int edge_ok(const bf_block *b) {
  return !b->heading && b->words >= 4 && (b->flags & B_TERMINAL) &&
         b->link_words == 0;
}

/* Whether rec a is e or one of its ancestors. */
static int is_ancestor(const bf_blocks *x, uint32_t a, uint32_t e) {
  return a <= e && e < x->recs.v[a].rec_end;
}

/* What a block outside the article element is to the article's run. The
 * order matters: from A_SHORT on, a block between two prose blocks is
 * kept. */
enum around {
  A_STOP,  /* the end: the headline, a stock phrase */
  A_SKIP,  /* a caption: passed, never kept */
  A_LINKS, /* a list of links: passed going up, within MAX_LINKS_PASSED */
  A_ASIDE, /* boilerplate, a linked byline: passed, never kept */
  A_SHORT, /* a short line, a sub-heading: passed, kept between prose */
  A_PROSE  /* prose: kept */
};

static enum around judge_around(const bf_blocks *x, uint32_t best,
                                const bf_block *b) {
  if (b->neg_rec && !is_ancestor(x, b->neg_rec, best))
    return A_ASIDE;
  if (b->flags & B_CAPTION)
    return A_SKIP;
  if ((b->flags & B_BOILER) || (b->heading == 1 && bf_reads_as_heading(b)))
    return A_STOP;
  double ld = bf_link_density(b);
  if (ld > 0.4 || (b->link_words >= 3 && ld > 0.2))
    return b->link_words <= 2 ? A_ASIDE : A_LINKS;
  if (!bf_reads_as_heading(b) &&
      ((b->words >= 15 && ld < 0.2) ||
       (b->words >= 8 && (b->flags & B_TERMINAL) && ld < 0.1)))
    return A_PROSE;
  return A_SHORT;
}

/* Blocks the article may run through between two prose blocks outside
 * its element: a sub-heading, a dateline, a caption. */
#define MAX_SHORT_RUN 4

/* Linked words the article's run may pass: a box of related links between
 * the lead and the body. */
#define MAX_LINKS_PASSED 60

/* Whether the prose block at i is a teaser: the next block on, past
 * captions and short lines, is a list of links or a linked title, as in a
 * column of teasers. */
static int teaser_at(const bf_blocks *x, uint32_t best, int64_t i, int step) {
  for (int64_t j = i + step, seen = 0;
       j >= 0 && j < (int64_t)x->blocks.n && seen < 3; j += step, seen++) {
    enum around a = judge_around(x, best, &x->blocks.v[j]);
    if (a == A_LINKS)
      return 1;
    if (a == A_PROSE || a == A_STOP)
      return 0;
  }
  return 0;
}

/* Extends the kept blocks from `from` one way (`step` -1 or +1) over
 * prose outside the article element: a lead paragraph above the body's
 * container, a body split over sibling containers. Once it has passed a
 * list of links it stops at teasers. */
static void extend(const bf_blocks *x, uint32_t best, uint8_t *keep,
                   uint32_t from, int step) {
  size_t run = 0, links = 0;
  int64_t pending = -1;
  for (int64_t i = (int64_t)from + step; i >= 0 && i < (int64_t)x->blocks.n;
       i += step) {
    const bf_block *b = &x->blocks.v[i];
    enum around a = judge_around(x, best, b);
    if (a == A_STOP)
      break;
    if (a == A_SKIP)
      continue;
    if (a == A_LINKS &&
        (step > 0 || (links += b->link_words) > MAX_LINKS_PASSED))
      break;
    if (a != A_PROSE) {
      if (pending < 0)
        pending = i;
      if (++run > MAX_SHORT_RUN)
        break;
      continue;
    }
    if (links && teaser_at(x, best, i, step))
      break;
    for (int64_t j = pending < 0 ? i : pending; j != i + step; j += step)
      if (judge_around(x, best, &x->blocks.v[j]) >= A_SHORT)
        keep[j] = V_WEAK;
    pending = -1, run = 0;
  }
}

static int subheading(const bf_block *b) {
  return b->heading >= 2 && bf_reads_as_heading(b) && b->link_words == 0;
}

/* A label: a heading, or a short line that ends in a colon ("Read also:",
 * "Quellen:"). It belongs to what follows it. */
static int is_label(const bf_blocks *x, const bf_block *b) {
  if (b->words > 8)
    return 0;
  if (bf_reads_as_heading(b))
    return 1;
  const char *s = x->text.s + b->start;
  return b->len > 0 && s[b->len - 1] == ':';
}

/* Drops kept labels whose next block is not kept: they head a list of
 * links or a section that was left out. */
static void drop_orphan_labels(const bf_blocks *x, uint8_t *keep) {
  int next_kept = 0;
  for (size_t i = x->blocks.n; i-- > 0;) {
    const bf_block *b = &x->blocks.v[i];
    if (b->flags & B_CAPTION && !keep[i])
      continue; /* a figure between a heading and its text */
    if (keep[i] == V_WEAK && !next_kept && is_label(x, b))
      keep[i] = V_DROP;
    next_kept = keep[i] != V_DROP;
  }
}

/* Judges the blocks of element `best` into keep[]. Returns 0, with nothing
 * kept, when none reads as prose; else sets [*fs, *ls] to the first and
 * last prose block and *stop to where the article ends in the element (at
 * readers' comments). */
static int judge_element(const bf_blocks *x, uint32_t best, uint8_t *keep,
                         uint32_t *fs, uint32_t *ls, uint32_t *stop) {
  const bf_elem *r = &x->recs.v[best];
  uint32_t first = r->block_first, end = r->block_end;
  for (uint32_t i = first; i < end; i++)
    keep[i] = (uint8_t)judge(x, best, &x->blocks.v[i]);
  *stop = cut_comments(x, best, keep);
  memset(keep + *stop, V_DROP, end - *stop);
  *fs = *ls = *stop;
  for (uint32_t i = first; i < *stop; i++)
    if (keep[i] == V_STRONG) {
      if (*fs == *stop)
        *fs = i;
      *ls = i;
    }
  if (*fs == *stop) {
    memset(keep + first, V_DROP, end - first);
    return 0;
  }
  return 1;
}

/* Keeps the short blocks between the first and last prose block of the
 * element, sentence-like lines at both edges ("The trial continues."), and
 * the sub-headings right above the first prose block. */
static void keep_within(const bf_blocks *x, uint32_t first, uint32_t fs,
                        uint32_t ls, uint32_t stop, uint8_t *keep) {
  for (uint32_t i = first; i < stop; i++)
    if (keep[i] == V_WEAK && (i < fs || i > ls))
      keep[i] = V_DROP;
  for (uint32_t i = fs; i-- > first && edge_ok(&x->blocks.v[i]);)
    keep[i] = V_WEAK;
  for (uint32_t i = fs; i-- > first && !keep[i] && subheading(&x->blocks.v[i]);)
    keep[i] = V_WEAK;
  for (uint32_t i = ls + 1; i < stop && edge_ok(&x->blocks.v[i]); i++)
    keep[i] = V_WEAK;
}

/* Blocks between the headline and the article's first kept block that
 * are searched for its lead. */
#define LEAD_REACH 200

/* Keeps the prose between the page's headline and the article's first
 * kept block: the lead, whatever bylines, pictures and share bars stand
 * between it and the body. */
static void keep_lead(const bf_blocks *x, uint32_t best, uint32_t headline,
                      uint8_t *keep) {
  uint32_t first = 0;
  while (first < x->blocks.n && !keep[first])
    first++;
  if (headline == BF_NO_BLOCK || headline >= first ||
      first - headline > LEAD_REACH)
    return;
  for (uint32_t i = headline + 1; i < first; i++)
    if (judge_around(x, best, &x->blocks.v[i]) == A_PROSE ||
        (subheading(&x->blocks.v[i]) &&
         judge_around(x, best, &x->blocks.v[i]) == A_SHORT))
      keep[i] = V_WEAK;
}

void bf_choose(const bf_blocks *x, uint32_t best, uint32_t headline,
               uint8_t *keep) {
  const bf_elem *r = &x->recs.v[best];
  uint32_t fs, ls, stop;
  if (!judge_element(x, best, keep, &fs, &ls, &stop))
    return;
  keep_within(x, r->block_first, fs, ls, stop, keep);
  if (stop == r->block_end) { /* no comments cut the article short */
    extend(x, best, keep, r->block_first, -1);
    extend(x, best, keep, r->block_end - 1, +1);
  }
  keep_lead(x, best, headline, keep);
  drop_orphan_labels(x, keep);
}

/* The densest text region, for a page where no block reads as prose:
 * the element with the most plain text, less its links, and in it every
 * block that is not boilerplate. */
void bf_choose_densest(bf_blocks *x, uint8_t *keep) {
  bf_credit(x, bf_plain_words);
  uint32_t best = bf_best_element(x, BF_NO_BLOCK);
  if (!best)
    return;
  const bf_elem *r = &x->recs.v[best];
  for (uint32_t i = r->block_first; i < r->block_end; i++) {
    const bf_block *b = &x->blocks.v[i];
    if (b->neg_rec <= best && bf_plain_words(b) > 0)
      keep[i] = V_WEAK;
  }
}
