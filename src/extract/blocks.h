/*
 * blocks.h - the blocks of a page, shared by the stages of the extractor
 * that build and read them (walk.c, score.c, choose.c, extract.c).
 *
 * One walk of libxml2's tree cuts the visible text into blocks: the text
 * between two block-level boundaries (p, div, li, td, h1, br...), each with
 * its word and linked-word counts, punctuation, and the element that holds
 * it. Elements are numbered in document order, so every element's subtree
 * is a contiguous range of blocks and of element records. Scoring credits
 * each element with the prose and the boilerplate below it; choosing marks
 * the blocks that make the article.
 */
#ifndef BRIEF_EXTRACT_BLOCKS_H
#define BRIEF_EXTRACT_BLOCKS_H

#include "extract/extract.h"

/* ---- elements and blocks ---- */

enum kind {
  K_INLINE = 0, /* span, a, b, font, unknown elements: part of a block */
  K_SKIP,       /* script, style, forms controls...: never text */
  K_BLOCK,      /* div, section, table...: a block boundary */
  K_PARA,       /* p, pre, blockquote, dd: holds a paragraph */
  K_HEADING,    /* h1..h6 */
  K_ITEM,       /* li, dt, td, th */
  K_BR          /* br, hr: a line break inside a block */
};

enum rec_flags {
  R_NEG = 1 << 0,      /* class, id or tag says boilerplate */
  R_POS = 1 << 1,      /* class, id or tag says article */
  R_CAPTION = 1 << 2,  /* figure, figcaption, caption */
  R_PRE = 1 << 3,      /* inside pre: keep line breaks */
  R_BODYPROP = 1 << 4, /* itemprop="articleBody" */
  R_LINK = 1 << 5,     /* an <a href> */
  R_ROOT = 1 << 6      /* html or body: never scored by hints */
};

/* One element, in document order. Its descendants are records
 * (self, rec_end) and its text is blocks [block_first, block_end). */
typedef struct bf_elem {
  uint32_t parent, rec_end;
  uint32_t block_first, block_end;
  uint32_t blk;     /* nearest block-level ancestor-or-self */
  uint32_t neg_rec; /* deepest R_NEG ancestor-or-self, or 0 */
  uint8_t kind, heading, caption, pre;
  uint16_t flags;
  double good, bad; /* prose and boilerplate words in the subtree */
#ifdef BF_EXTRACT_DEBUG
  const xmlNode *node;
#endif
} bf_elem;

enum block_flags {
  B_CAPTION = 1 << 0,
  B_TERMINAL = 1 << 1, /* ends like a sentence */
  B_INBODY = 1 << 2,   /* found in the JSON-LD articleBody */
  B_BOILER = 1 << 3    /* a stock phrase: "Advertisement", "Share this" */
};

typedef struct bf_block {
  uint32_t start, len; /* span of the normalised text */
  uint32_t words, link_words;
  uint32_t el;      /* record of the innermost block-level element */
  uint32_t neg_rec; /* deepest R_NEG ancestor, or 0 */
  uint16_t commas, stops;
  uint8_t kind, heading, flags;
} bf_block;

/* Hints already worked out for a class or id value: pages repeat the same
 * few values on thousands of elements. Direct-mapped; a value points into
 * the parse tree, which outlives the walk. */
enum { HINT_CACHE = 256 };

typedef struct bf_hint_slot {
  const char *value;
  int hint;
} bf_hint_slot;

typedef struct bf_blocks {
  bf_hint_slot hints[HINT_CACHE];
  BF_VEC(bf_elem) recs; /* recs.v[0] is a sentinel "no element" */
  BF_VEC(bf_block) blocks;
  BF_VEC(uint32_t) stack;               /* open records */
  bf_buf text;                          /* all block texts, back to back */
  uint32_t cur_start;                   /* where the open block's text starts */
  uint32_t cur_halves, cur_link_halves; /* words of the open block, x2 */
  int space; /* a space is pending in the open block */
  int link_depth;
  uint32_t depth; /* the deepest element entered */
  int oom;
  int too_deep; /* an element nests deeper than BRIEF_MAX_HTML_DEPTH */
} bf_blocks;

/* What choosing says of a block: left out, kept between prose blocks, or
 * prose. keep[] arrays hold these. */
enum verdict { V_DROP, V_WEAK, V_STRONG };

static inline double bf_link_density(const bf_block *b) {
  return b->words ? (double)b->link_words / b->words : 1.0;
}

/* ---- walk.c ---- */

/* Cuts the visible text under `root` into x's blocks and element records
 * (x zeroed, its text buffer initialised and recs.v[0] a sentinel). Sets
 * x->oom or x->too_deep when it stops early. */
void bf_blocks_walk(bf_blocks *x, xmlNode *root);

void bf_blocks_free(bf_blocks *x);

/* ---- score.c ---- */

/* Whether a block reads as a heading: a title or sub-heading, not a
 * paragraph some theme set in a heading element. */
int bf_reads_as_heading(const bf_block *b);

/* Words a block counts for its ancestors: prose (its unlinked words when
 * it reads like text), or any plain text (for pages with no prose). */
double bf_prose_words(const bf_block *b);
double bf_plain_words(const bf_block *b);

/* No block: an index past any page's last. */
#define BF_NO_BLOCK UINT32_MAX

/* Credits every block's words, as `words_of` counts them, to its
 * ancestors; bf_best_element then picks the element that holds the most,
 * less the boilerplate it would drag in (0 when none), preferring one that
 * holds the page's headline (block `headline`, or BF_NO_BLOCK) or starts
 * right below it: on a page of several stories, the one the page is for. */
void bf_credit(bf_blocks *x, double (*words_of)(const bf_block *));
uint32_t bf_best_element(const bf_blocks *x, uint32_t headline);

/* Flags stock phrases ("Advertisement", "Share this") as boilerplate, and
 * blocks found verbatim in the JSON-LD articleBody as article text. */
void bf_mark_phrases(bf_blocks *x);
void bf_mark_in_body(bf_blocks *x, const char *body, size_t body_len);

/* ---- choose.c ---- */

/* Marks keep[] (one per block, zeroed) for the article around element
 * `best`: its prose, what lies between, the prose next to it, and the lead
 * below the page's headline (block `headline`, or BF_NO_BLOCK). */
void bf_choose(const bf_blocks *x, uint32_t best, uint32_t headline,
               uint8_t *keep);

/* Marks keep[] for the densest text region: the fallback for a page where
 * no block reads as prose. */
void bf_choose_densest(bf_blocks *x, uint8_t *keep);

#endif
