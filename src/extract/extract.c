/*
 * extract.c - finds the article in a parsed web page (brief_extract_html).
 *
 * One walk of libxml2's tree cuts the visible text into blocks: the text
 * between two block-level boundaries (p, div, li, td, h1, br...), each with
 * its word and linked-word counts, punctuation, and the element that holds
 * it. Elements are numbered in document order, so every element's subtree
 * is a contiguous range of blocks and of element records.
 *
 * The article is then the element whose subtree holds the most text that
 * reads like prose, less the boilerplate it would drag in (link lists,
 * navigation, comments, share bars, anything whose class or id says so);
 * prose counts less the further it sits below an element, so a far
 * ancestor that also holds teasers loses to the article's own container.
 * Readers' comments without markup of their own are cut at a comment
 * heading or at repeated "Posted by" signatures.
 * Inside that element, blocks are kept when they read like prose; short
 * blocks (subheadings, one-line paragraphs, list items) are kept only
 * between prose blocks, which trims bylines, dates and share buttons at the
 * edges. A JSON-LD articleBody, when the page has one, marks the blocks it
 * contains as article text; it is never used alone unless the page's own
 * markup yields much less.
 *
 * The title goes to the page's title field and is not repeated in the text.
 * Costs are linear in the page (one parse, one walk, ancestor credit capped
 * at MAX_CLIMB levels); memory is libxml2's tree, about 12 times the page
 * on news pages, plus the page's text twice.
 */
#include "extract/extract.h"

#include "core/boilerplate.h"
#include "core/error.h"
#include "core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- element kinds ---- */

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
typedef struct xrec {
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
} xrec;

enum block_flags {
  B_CAPTION = 1 << 0,
  B_TERMINAL = 1 << 1, /* ends like a sentence */
  B_INBODY = 1 << 2,   /* found in the JSON-LD articleBody */
  B_BOILER = 1 << 3    /* a stock phrase: "Advertisement", "Share this" */
};

typedef struct xblock {
  uint32_t start, len; /* span of the normalised text */
  uint32_t words, link_words;
  uint32_t el;      /* record of the innermost block-level element */
  uint32_t neg_rec; /* deepest R_NEG ancestor, or 0 */
  uint16_t commas, stops;
  uint8_t kind, heading, flags;
} xblock;

/* Hints already worked out for a class or id value: pages repeat the same
 * few values on thousands of elements. Direct-mapped; a value points into
 * the parse tree, which outlives the walk. */
enum { HINT_CACHE = 256 };

typedef struct hint_slot {
  const char *value;
  int hint;
} hint_slot;

typedef struct xctx {
  hint_slot hints[HINT_CACHE];
  BF_VEC(xrec) recs; /* recs.v[0] is a sentinel "no element" */
  BF_VEC(xblock) blocks;
  BF_VEC(uint32_t) stack;               /* open records */
  bf_buf text;                          /* all block texts, back to back */
  uint32_t cur_start;                   /* where the open block's text starts */
  uint32_t cur_halves, cur_link_halves; /* words of the open block, x2 */
  int space; /* a space is pending in the open block */
  int link_depth;
  uint32_t depth; /* the deepest element entered */
  int oom;
  int too_deep; /* an element nests deeper than BRIEF_MAX_HTML_DEPTH */
} xctx;

typedef struct tag_kind {
  const char *name;
  uint8_t kind;
} tag_kind;

/* Sorted by name for bsearch. */
static const tag_kind tag_kinds[] = {
    {"address", K_PARA},    {"applet", K_SKIP},    {"area", K_SKIP},
    {"article", K_BLOCK},   {"aside", K_BLOCK},    {"audio", K_SKIP},
    {"blockquote", K_PARA}, {"body", K_BLOCK},     {"br", K_BR},
    {"button", K_SKIP},     {"canvas", K_SKIP},    {"caption", K_BLOCK},
    {"center", K_BLOCK},    {"datalist", K_SKIP},  {"dd", K_PARA},
    {"details", K_BLOCK},   {"dialog", K_SKIP},    {"dir", K_BLOCK},
    {"div", K_BLOCK},       {"dl", K_BLOCK},       {"dt", K_ITEM},
    {"embed", K_SKIP},      {"fieldset", K_BLOCK}, {"figcaption", K_BLOCK},
    {"figure", K_BLOCK},    {"footer", K_BLOCK},   {"form", K_BLOCK},
    {"frame", K_SKIP},      {"frameset", K_SKIP},  {"h1", K_HEADING},
    {"h2", K_HEADING},      {"h3", K_HEADING},     {"h4", K_HEADING},
    {"h5", K_HEADING},      {"h6", K_HEADING},     {"head", K_BLOCK},
    {"header", K_BLOCK},    {"hgroup", K_BLOCK},   {"hr", K_BR},
    {"html", K_BLOCK},      {"iframe", K_SKIP},    {"img", K_SKIP},
    {"input", K_SKIP},      {"label", K_SKIP},     {"legend", K_BLOCK},
    {"li", K_ITEM},         {"link", K_SKIP},      {"main", K_BLOCK},
    {"map", K_SKIP},        {"math", K_SKIP},      {"menu", K_BLOCK},
    {"meta", K_SKIP},       {"nav", K_BLOCK},      {"noembed", K_SKIP},
    {"noframes", K_SKIP},   {"noscript", K_BLOCK}, {"object", K_SKIP},
    {"ol", K_BLOCK},        {"optgroup", K_SKIP},  {"option", K_SKIP},
    {"output", K_SKIP},     {"p", K_PARA},         {"param", K_SKIP},
    {"picture", K_SKIP},    {"pre", K_PARA},       {"progress", K_SKIP},
    {"rp", K_SKIP},         {"rt", K_SKIP},        {"script", K_SKIP},
    {"section", K_BLOCK},   {"select", K_SKIP},    {"source", K_SKIP},
    {"style", K_SKIP},      {"summary", K_BLOCK},  {"svg", K_SKIP},
    {"table", K_BLOCK},     {"tbody", K_BLOCK},    {"td", K_ITEM},
    {"template", K_SKIP},   {"textarea", K_SKIP},  {"tfoot", K_BLOCK},
    {"th", K_ITEM},         {"thead", K_BLOCK},    {"title", K_SKIP},
    {"tr", K_BLOCK},        {"track", K_SKIP},     {"ul", K_BLOCK},
    {"video", K_SKIP},      {"xml", K_SKIP},
};

static int tag_cmp(const void *key, const void *elem) {
  return strcmp(key, ((const tag_kind *)elem)->name);
}

static uint8_t kind_of(const char *name) {
  const tag_kind *t =
      bsearch(name, tag_kinds, sizeof tag_kinds / sizeof *tag_kinds,
              sizeof *tag_kinds, tag_cmp);
  return t ? t->kind : K_INLINE;
}

/* ---- class and id hints ---- */

/* Words in a class or id that mark boilerplate wherever they appear. */
static const char *const neg_words[] = {
    "comment",     "disqus",     "share",      "sharing",    "social",
    "related",     "recommend",  "promo",      "sponsor",    "advert",
    "newsletter",  "subscri",    "cookie",     "consent",    "gdpr",
    "sidebar",     "footer",     "breadcrumb", "pagination", "pager",
    "outbrain",    "taboola",    "masthead",   "navbar",     "navigation",
    "menu",        "popular",    "trending",   "signup",     "sign-up",
    "login",       "banner",     "toolbar",    "tools",      "caption",
    "credit",      "rating",     "poll",       "skiplink",   "more-stories",
    "morestories", "read-more",  "readmore",   "modal",      "popup",
    "overlay",     "disclaimer", "copyright",  "byline",     "dateline",
    "timestamp",   "author",     "keyword",    "tagline",    "topics",
    "most-",       "mostread",   "headlines",  "blogroll",   "twitter",
    "facebook",    "adsense",    "advertis",   "sitemap",    "rss",
    "feedback",    "metadata",   "post-meta",  "entry-meta", "article-meta",
    "photo",       "gallery",    "thumb",      "slideshow",  NULL};

/* Tokens that mark boilerplate only as a whole token ("ad", not "head"). */
static const char *const neg_tokens[] = {
    "ad",       "ads",     "nav",       "tag",    "tags",     "meta",
    "aside",    "extra",   "hide",      "hidden", "links",    "more",
    "date",     "time",    "info",      "tool",   "adbox",    "col-right",
    "rightcol", "leftcol", "footnotes", "header", "masthead", "top",
    "bottom",   "login",   "print",     "email",  "video",    NULL};

static const char *const pos_words[] = {
    "article", "body", "content", "entry", "main",   "post", "story",
    "text",    "blog", "hentry",  "prose", "column", "news", NULL};

static int tokeq(const char *tok, size_t n, const char *w) {
  return strlen(w) == n && memcmp(tok, w, n) == 0;
}

/* Tokens such as "has-sidebar" or "no-comments" describe the page layout,
 * not the element: ignore them. */
static int layout_token(const char *t, size_t n) {
  return (n > 4 && memcmp(t, "has-", 4) == 0) ||
         (n > 3 && memcmp(t, "no-", 3) == 0) ||
         (n > 5 && memcmp(t, "with-", 5) == 0) ||
         (n > 3 && memcmp(t, "is-", 3) == 0);
}

/* Scores one class or id value: -1 boilerplate, +1 article, 0 neither. A
 * boilerplate word wins, so "comment-body" is boilerplate. */
static int hint_of(const char *value) {
  char low[256];
  size_t n = 0;
  for (; value[n] && n + 1 < sizeof low; n++) {
    char c = value[n];
    low[n] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c == '_' ? '-' : c);
  }
  low[n] = '\0';
  int pos = 0;
  for (size_t i = 0; i < n;) {
    while (i < n && (low[i] == ' ' || low[i] == '\t' || low[i] == '\n'))
      i++;
    size_t j = i;
    while (j < n && low[j] != ' ' && low[j] != '\t' && low[j] != '\n')
      j++;
    const char *t = low + i;
    size_t tn = j - i;
    if (tn && !layout_token(t, tn)) {
      char tok[256];
      memcpy(tok, t, tn);
      tok[tn] = '\0';
      for (size_t k = 0; neg_tokens[k]; k++)
        if (tokeq(t, tn, neg_tokens[k]))
          return -1;
      /* "commentary" and "comment-is-free" sections are articles. */
      for (size_t k = 0; neg_words[k]; k++)
        if (strstr(tok, neg_words[k]) && !strstr(tok, "commentary"))
          return -1;
      for (size_t k = 0; pos_words[k]; k++)
        if (strstr(tok, pos_words[k]))
          pos = 1;
    }
    i = j;
  }
  return pos;
}

static int has_hidden_style(const char *style) {
  char s[128];
  size_t n = 0;
  for (const char *p = style; *p && n + 1 < sizeof s; p++)
    if (*p != ' ' && *p != '\t')
      s[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
  s[n] = '\0';
  return strstr(s, "display:none") || strstr(s, "visibility:hidden");
}

/* Hidden elements never show their text. */
static int is_hidden(const xmlNode *node) {
  if (bf_attr(node, "hidden"))
    return 1;
  const char *style = bf_attr(node, "style");
  return style && has_hidden_style(style);
}

static int cached_hint(xctx *x, const char *value) {
  size_t len = strlen(value);
  hint_slot *slot = &x->hints[bf_hash(value, len) % HINT_CACHE];
  if (!slot->value || strcmp(slot->value, value) != 0) {
    slot->value = value;
    slot->hint = hint_of(value);
  }
  return slot->hint;
}

static uint16_t flags_of(xctx *x, const xmlNode *node, const char *name,
                         uint8_t kind) {
  uint16_t f = 0;
  if (strcmp(name, "html") == 0 || strcmp(name, "body") == 0)
    return R_ROOT;
  /* A <noscript> says "enable JavaScript", unless a stray tag in it made
   * libxml2 put the rest of the page inside: it is walked as boilerplate. */
  if (strcmp(name, "nav") == 0 || strcmp(name, "aside") == 0 ||
      strcmp(name, "footer") == 0 || strcmp(name, "menu") == 0 ||
      strcmp(name, "noscript") == 0)
    f |= R_NEG;
  if (strcmp(name, "figure") == 0 || strcmp(name, "figcaption") == 0 ||
      strcmp(name, "caption") == 0)
    f |= R_CAPTION;
  if (strcmp(name, "article") == 0 || strcmp(name, "main") == 0)
    f |= R_POS;
  if (strcmp(name, "pre") == 0)
    f |= R_PRE;
  if (strcmp(name, "a") == 0 && bf_attr(node, "href"))
    f |= R_LINK;
  if (kind == K_INLINE)
    return f; /* spans and links carry no block hints */
  const char *prop = bf_attr(node, "itemprop");
  if (prop && strstr(prop, "articleBody"))
    return f | R_BODYPROP | R_POS;
  const char *cls = bf_attr(node, "class");
  const char *id = bf_attr(node, "id");
  int h = 0, hc = cls ? cached_hint(x, cls) : 0;
  int hi = id ? cached_hint(x, id) : 0;
  h = (hc < 0 || hi < 0) ? -1 : (hc > 0 || hi > 0);
  if (h < 0 && !(f & R_POS))
    f |= R_NEG;
  else if (h > 0 && !(f & R_NEG))
    f |= R_POS;
  return f;
}

/* ---- the walk: text into blocks ---- */

/* Whether s starts a kana or a CJK ideograph (U+3040-30FF, U+3400-9FFF,
 * U+F900-FAFF): Chinese and Japanese put no spaces between words. */
static int is_cjk(const unsigned char *s, size_t n) {
  if (n < 3)
    return 0;
  if (s[0] == 0xE3)
    return (s[1] >= 0x81 && s[1] <= 0x83) || s[1] >= 0x90;
  return (s[0] >= 0xE4 && s[0] <= 0xE9) ||
         (s[0] == 0xEF && s[1] >= 0xA4 && s[1] <= 0xAB);
}

/* Counts half words: two for a run of other characters between spaces,
 * one for each kana or ideograph, whose words average about two of them. */
static uint32_t count_halves(const char *s, size_t len, int prev_space) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t halves = 0;
  for (size_t i = 0; i < len; i++) {
    if (is_cjk(u + i, len - i)) {
      halves++;
      i += 2;
      prev_space = 1;
      continue;
    }
    int sp = s[i] == ' ';
    if (!sp && prev_space)
      halves += 2;
    prev_space = sp;
  }
  return halves;
}

static void add_text(xctx *x, const char *s, size_t len) {
  size_t before = x->text.len;
  int prev_space =
      before == x->cur_start || x->space || x->text.s[before - 1] == ' ';
  bf_xtext_append(&x->text, x->cur_start, s, len, &x->space);
  if (x->text.len == before)
    return; /* only spaces (and the buffer may still be unallocated) */
  uint32_t h =
      count_halves(x->text.s + before, x->text.len - before, prev_space);
  x->cur_halves += h;
  if (x->link_depth > 0)
    x->cur_link_halves += h;
}

/* The full stop, exclamation and question marks of Chinese and Japanese
 * (U+3002, U+FF01, U+FF1F), three bytes each. */
static int wide_stop(const char *s) {
  return memcmp(s, "\xE3\x80\x82", 3) == 0 ||
         memcmp(s, "\xEF\xBC\x81", 3) == 0 || memcmp(s, "\xEF\xBC\x9F", 3) == 0;
}

/* Their comma and enumeration comma (U+FF0C, U+3001). */
static int wide_comma(const char *s) {
  return memcmp(s, "\xEF\xBC\x8C", 3) == 0 || memcmp(s, "\xE3\x80\x81", 3) == 0;
}

static int is_terminal(const char *s, size_t len) {
  /* Skip closing quotes and brackets to reach the real last character. */
  while (len > 0) {
    unsigned char c = (unsigned char)s[len - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
      len--;
    else if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 &&
             (unsigned char)s[len - 2] == 0x80 &&
             ((unsigned char)s[len - 1] == 0x9D ||
              (unsigned char)s[len - 1] == 0x99))
      len -= 3; /* ” or ’ */
    else
      break;
  }
  if (len == 0)
    return 0;
  char c = s[len - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' ||
         (len >= 3 && wide_stop(s + len - 3));
}

/* Closes the open block: keeps it when it has text. */
static void flush(xctx *x) {
  uint32_t start = x->cur_start;
  size_t len = x->text.len - start;
  if (x->text.oom) {
    x->oom = 1;
    return;
  }
  if (len > 0) {
    const char *s = x->text.s + start;
    xblock b = {0};
    b.start = start;
    b.len = (uint32_t)len;
    b.words = (x->cur_halves + 1) / 2;
    b.link_words = (x->cur_link_halves + 1) / 2;
    uint32_t top = x->stack.n ? x->stack.v[x->stack.n - 1] : 0;
    const xrec *r = &x->recs.v[x->recs.v[top].blk];
    b.el = x->recs.v[top].blk;
    b.kind = r->kind;
    b.heading = x->recs.v[top].heading;
    for (size_t i = 0; i < len; i++) {
      if (s[i] == ',' || (i + 3 <= len && wide_comma(s + i)))
        b.commas++;
      else if (((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
                (i + 1 == len || s[i + 1] == ' ')) ||
               (i + 3 <= len && wide_stop(s + i)))
        b.stops++;
    }
    if (is_terminal(s, len))
      b.flags |= B_TERMINAL;
    b.neg_rec = x->recs.v[top].neg_rec;
    if (x->recs.v[top].caption)
      b.flags |= B_CAPTION;
    if (BF_VEC_PUSH(x->blocks, b))
      x->oom = 1;
    x->text.len = start + len;
    bf_buf_putc(&x->text, '\n');
  }
  x->cur_start = (uint32_t)x->text.len;
  x->cur_halves = x->cur_link_halves = 0;
  x->space = 0;
}

static int is_block_kind(uint8_t k) {
  return k != K_INLINE && k != K_SKIP;
}

static int has_element_child(const xmlNode *node) {
  for (const xmlNode *c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      return 1;
  return 0;
}

/* Opens a record for an element; returns 0 when its subtree is skipped. */
static int enter(xctx *x, xmlNode *node) {
  const char *name = (const char *)node->name;
  uint8_t kind = kind_of(name);
  /* An unclosed <title> swallows the page in libxml2's tree: walk it. */
  if (kind == K_SKIP && strcmp(name, "title") == 0 && has_element_child(node))
    kind = K_BLOCK;
  if (kind == K_SKIP || is_hidden(node))
    return 0;
  if (x->stack.n >= BRIEF_MAX_HTML_DEPTH) {
    x->too_deep = 1;
    return 0;
  }
  if (kind == K_BR) {
    flush(x);
    return 0;
  }
  if (is_block_kind(kind))
    flush(x);
  uint32_t parent = x->stack.n ? x->stack.v[x->stack.n - 1] : 0;
  xrec r = {0};
  r.parent = parent;
  r.kind = kind;
  r.flags = flags_of(x, node, name, kind);
  r.heading =
      kind == K_HEADING ? (uint8_t)(name[1] - '0') : x->recs.v[parent].heading;
  r.block_first = (uint32_t)x->blocks.n;
  uint32_t id = (uint32_t)x->recs.n;
  r.neg_rec = (r.flags & R_NEG) ? id : x->recs.v[parent].neg_rec;
  r.caption = (r.flags & R_CAPTION) || x->recs.v[parent].caption;
  r.pre = (r.flags & R_PRE) || x->recs.v[parent].pre;
  r.blk = is_block_kind(kind) ? id : x->recs.v[parent].blk;
#ifdef BF_EXTRACT_DEBUG
  r.node = node;
#endif
  if (BF_VEC_PUSH(x->recs, r) || BF_VEC_PUSH(x->stack, id)) {
    x->oom = 1;
    return 0;
  }
  if (x->stack.n > x->depth)
    x->depth = (uint32_t)x->stack.n;
  if (r.flags & R_LINK)
    x->link_depth++;
  return 1;
}

static void leave(xctx *x) {
  uint32_t id = x->stack.v[x->stack.n - 1];
  xrec *r = &x->recs.v[id];
  if (is_block_kind(r->kind))
    flush(x); /* while the element is still open: the text is its own */
  x->stack.n--;
  if (r->flags & R_LINK)
    x->link_depth--;
  r = &x->recs.v[id];
  r->block_end = (uint32_t)x->blocks.n;
  r->rec_end = (uint32_t)x->recs.n;
}

static void add_node_text(xctx *x, xmlNode *node) {
  const char *s = (const char *)node->content;
  if (!s)
    return;
  size_t len = strlen(s);
  uint32_t top = x->stack.n ? x->stack.v[x->stack.n - 1] : 0;
  if (!x->recs.v[top].pre) {
    add_text(x, s, len);
    return;
  }
  /* In pre, each line is its own paragraph. */
  size_t i = 0;
  while (i <= len) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t j = nl ? (size_t)(nl - s) : len;
    add_text(x, s + i, j - i);
    if (!nl)
      break;
    flush(x);
    i = j + 1;
  }
}

/* Walks the tree without recursion: pages can nest thousands deep. We only
 * descend into entered elements, so every parent met on the way back up
 * has a record to close. */
static void walk(xctx *x, xmlNode *root) {
  xmlNode *node = root;
  while (node && !x->oom && !x->too_deep) {
    int entered = 0;
    if (node->type == XML_ELEMENT_NODE)
      entered = enter(x, node);
    else if (node->type == XML_TEXT_NODE ||
             node->type == XML_CDATA_SECTION_NODE)
      add_node_text(x, node);
    if (entered && node->children) {
      node = node->children;
      continue;
    }
    if (entered)
      leave(x);
    while (node != root && !node->next) {
      node = node->parent;
      leave(x);
    }
    if (node == root)
      break;
    node = node->next;
  }
  flush(x);
}

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

static double link_density(const xblock *b) {
  return b->words ? (double)b->link_words / b->words : 1.0;
}

/* Whether a block reads as a heading: a title or sub-heading, not a
 * paragraph some theme set in a heading element (a lead in an <h2>, a
 * story inside an unclosed one). */
static int reads_as_heading(const xblock *b) {
  if (!b->heading)
    return 0;
  if (b->heading == 1)
    return b->words < 40;
  return b->words < 20 && !(b->words >= 12 && (b->flags & B_TERMINAL));
}

/* Words of prose a block contributes to its ancestors: its unlinked words
 * when it reads like text. */
static double block_good(const xblock *b) {
  if (b->flags & B_INBODY)
    return 3.0 * b->words;
  if (reads_as_heading(b) || (b->flags & (B_CAPTION | B_BOILER)) ||
      b->words < 4 || link_density(b) > 0.5)
    return 0;
  double w = b->words - b->link_words;
  if (!(b->flags & B_TERMINAL) && b->stops == 0 && b->words < 15)
    w *= 0.3; /* a label or a teaser title, not a sentence */
  return w;
}

/* Words of boilerplate a block would drag into its ancestors: its links,
 * or all of it when it is mostly links or a stock phrase. */
static double block_bad(const xblock *b) {
  if (b->flags & B_INBODY)
    return 0;
  if (b->flags & B_BOILER)
    return b->words + 2.0;
  if (link_density(b) > 0.5)
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
static double block_plain(const xblock *b) {
  if ((b->flags & (B_CAPTION | B_BOILER)) || link_density(b) > 0.5)
    return 0;
  return b->words - b->link_words;
}

static void propagate(xctx *x, double (*good_of)(const xblock *)) {
  for (uint32_t e = 0; e < x->recs.n; e++)
    x->recs.v[e].good = x->recs.v[e].bad = 0;
  for (size_t i = 0; i < x->blocks.n; i++) {
    const xblock *b = &x->blocks.v[i];
    double good = good_of(b), bad = block_bad(b);
    int above_neg = 0, climb = 0;
    for (uint32_t e = b->el; e && climb < MAX_CLIMB;
         e = x->recs.v[e].parent, climb++) {
      xrec *r = &x->recs.v[e];
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

static uint32_t best_element(const xctx *x) {
  uint32_t best = 0, most_good = 0;
  double best_score = 0, best_good = 0;
  for (uint32_t e = 1; e < x->recs.n; e++) {
    const xrec *r = &x->recs.v[e];
    /* Inline elements compete too: old pages wrap paragraphs in <font>. */
    if (r->good <= 0 || (r->flags & R_LINK))
      continue;
    double score = r->good - BAD_WEIGHT * r->bad;
    if (r->neg_rec)
      score *= 0.3; /* it is, or sits inside, boilerplate */
    else if (r->flags & R_POS)
      score *= 1.1;
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

static void mark_boilerplate(xctx *x) {
  for (size_t i = 0; i < x->blocks.n; i++) {
    xblock *b = &x->blocks.v[i];
    if (b->words > 8)
      continue;
    const char *s = x->text.s + b->start;
    if (is_phrase(s, b->len, bf_boilerplate_phrases) ||
        is_phrase(s, b->len, boiler_exact) ||
        opens_with(s, bf_boilerplate_openings) || opens_with(s, boiler_prefix))
      b->flags |= B_BOILER;
  }
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

/* Blocks found verbatim in the JSON-LD articleBody. The search is capped so
 * a huge body on a huge page stays cheap. */
static void mark_in_body(xctx *x, const char *body, size_t body_len) {
  size_t budget = (size_t)64 << 20;
  if (!body || bf_xtext_words(body, body_len) < 30)
    return;
  for (size_t i = 0; i < x->blocks.n; i++) {
    xblock *b = &x->blocks.v[i];
    if (b->words < 5 || b->len > body_len)
      continue;
    if (budget < body_len)
      break;
    budget -= body_len;
    if (contains(body, body_len, x->text.s + b->start, b->len))
      b->flags |= B_INBODY;
  }
}

/* ---- comments ---- */

enum verdict { V_DROP, V_WEAK, V_STRONG };

/* "Posted by: Dom, London on 5:19pm": the signature readers' comments
 * carry when their markup says nothing. */
static int comment_signature(const xctx *x, const xblock *b) {
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
static int comment_heading(const xctx *x, const xblock *b) {
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

static size_t count_signatures(const xctx *x, uint32_t first, uint32_t end) {
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
static uint32_t cut_comments(const xctx *x, uint32_t best, uint8_t *keep) {
  const xrec *r = &x->recs.v[best];
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
    const xblock *b = &x->blocks.v[i];
    if (!comment_signature(x, b))
      continue;
    const xrec *c = &x->recs.v[b->el];
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

static enum verdict judge(const xctx *x, uint32_t best, const xblock *b) {
  if (b->flags & B_INBODY)
    return V_STRONG;
  if (b->neg_rec > best || (b->flags & (B_CAPTION | B_BOILER)))
    return V_DROP;
  double ld = link_density(b);
  if (ld > 0.4)
    return V_DROP;
  (void)x;
  if (!reads_as_heading(b) &&
      ((b->words >= 15 && ld < 0.3) ||
       (b->words >= 8 && (b->flags & B_TERMINAL) && ld < 0.2)))
    return V_STRONG;
  return V_WEAK;
}

/* A short block at the edge of the article is kept when it reads like the
 * end of a sentence: "The trial continues." */
static int edge_ok(const xblock *b) {
  return !b->heading && b->words >= 4 && (b->flags & B_TERMINAL) &&
         b->link_words == 0;
}

/* Whether rec a is e or one of its ancestors. */
static int is_ancestor(const xctx *x, uint32_t a, uint32_t e) {
  return a <= e && e < x->recs.v[a].rec_end;
}

/* What a block outside the article element says about the text next to
 * it: prose that continues the article, a short block the article may run
 * through, or the end of the article. */
enum around { A_STOP, A_SKIP, A_LINKS, A_ASIDE, A_SHORT, A_PROSE };

static enum around judge_around(const xctx *x, uint32_t best, const xblock *b) {
  if (b->neg_rec && !is_ancestor(x, b->neg_rec, best))
    return A_ASIDE;
  if (b->flags & B_CAPTION)
    return A_SKIP;
  if ((b->flags & B_BOILER) || (b->heading == 1 && reads_as_heading(b)))
    return A_STOP;
  double ld = link_density(b);
  if (ld > 0.4 || (b->link_words >= 3 && ld > 0.2))
    return b->link_words <= 2 ? A_ASIDE : A_LINKS;
  if (!reads_as_heading(b) &&
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
static int teaser_at(const xctx *x, uint32_t best, int64_t i, int step) {
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
static size_t extend(const xctx *x, uint32_t best, uint8_t *keep, uint32_t from,
                     int step) {
  size_t kept = 0, run = 0, links = 0;
  int64_t pending = -1;
  for (int64_t i = (int64_t)from + step; i >= 0 && i < (int64_t)x->blocks.n;
       i += step) {
    const xblock *b = &x->blocks.v[i];
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
        keep[j] = V_WEAK, kept++;
    pending = -1, run = 0;
  }
  return kept;
}

static int subheading(const xblock *b) {
  return b->heading >= 2 && reads_as_heading(b) && b->link_words == 0;
}

/* A label: a heading, or a short line that ends in a colon ("Read also:",
 * "Quellen:"). It belongs to what follows it. */
static int is_label(const xctx *x, const xblock *b) {
  if (b->words > 8)
    return 0;
  if (reads_as_heading(b))
    return 1;
  const char *s = x->text.s + b->start;
  return b->len > 0 && s[b->len - 1] == ':';
}

/* Drops kept labels whose next block is not kept: they head a list of
 * links or a section that was left out. */
static void drop_orphan_labels(const xctx *x, uint8_t *keep) {
  int next_kept = 0;
  for (size_t i = x->blocks.n; i-- > 0;) {
    const xblock *b = &x->blocks.v[i];
    if (b->flags & B_CAPTION && !keep[i])
      continue; /* a figure between a heading and its text */
    if (keep[i] == V_WEAK && !next_kept && is_label(x, b))
      keep[i] = V_DROP;
    next_kept = keep[i] != V_DROP;
  }
}

/* Marks keep[i] for blocks of [first, end). Returns the kept count. */
static size_t choose(const xctx *x, uint32_t best, uint8_t *keep) {
  const xrec *r = &x->recs.v[best];
  uint32_t first = r->block_first, end = r->block_end;
  for (uint32_t i = first; i < end; i++)
    keep[i] = (uint8_t)judge(x, best, &x->blocks.v[i]);
  uint32_t stop = cut_comments(x, best, keep);
  memset(keep + stop, V_DROP, end - stop);
  uint32_t fs = stop, ls = stop;
  for (uint32_t i = first; i < stop; i++)
    if (keep[i] == V_STRONG) {
      if (fs == stop)
        fs = i;
      ls = i;
    }
  if (fs == stop) {
    memset(keep + first, 0, end - first);
    return 0;
  }
  end = stop;
  size_t kept = 0;
  for (uint32_t i = first; i < end; i++) {
    if (keep[i] == V_WEAK && (i < fs || i > ls))
      keep[i] = V_DROP;
    kept += keep[i] != V_DROP;
  }
  /* Extend over sentence-like short blocks at both edges, and over the
   * sub-headings right above the first paragraph. */
  for (uint32_t i = fs; i-- > first && edge_ok(&x->blocks.v[i]);)
    keep[i] = V_WEAK, kept++;
  for (uint32_t i = fs; i-- > first && !keep[i] && subheading(&x->blocks.v[i]);)
    keep[i] = V_WEAK, kept++;
  for (uint32_t i = ls + 1; i < end && edge_ok(&x->blocks.v[i]); i++)
    keep[i] = V_WEAK, kept++;
  if (end == r->block_end) {
    kept += extend(x, best, keep, first, -1);
    kept += extend(x, best, keep, end - 1, +1);
  }
  return kept;
}

/* The densest text region, for a page where no block reads as prose:
 * the element with the most plain text, less its links, and in it every
 * block that is not boilerplate. */
static void choose_densest(xctx *x, uint8_t *keep) {
  propagate(x, block_plain);
  uint32_t best = best_element(x);
  if (!best)
    return;
  const xrec *r = &x->recs.v[best];
  for (uint32_t i = r->block_first; i < r->block_end; i++) {
    const xblock *b = &x->blocks.v[i];
    if (b->neg_rec <= best && block_plain(b) > 0)
      keep[i] = V_WEAK;
  }
}

/* ---- the title ---- */

static int text_ieq(const char *a, size_t alen, const char *b) {
  size_t blen = strlen(b);
  if (alen != blen)
    return 0;
  for (size_t i = 0; i < alen; i++) {
    char c = a[i], d = b[i];
    if (c >= 'A' && c <= 'Z')
      c += 32;
    if (d >= 'A' && d <= 'Z')
      d += 32;
    if (c != d)
      return 0;
  }
  return 1;
}

/* Non-zero when the heading text occurs in `title` (case-insensitive) and
 * is most of it: the <title> is usually the headline plus the site's name,
 * and a heading that is only the site's name is not the headline. */
static int heading_in(const char *h, size_t hlen, const char *title) {
  if (!title || hlen < 8 || 2 * hlen < strlen(title))
    return 0;
  char tmp[512];
  if (hlen >= sizeof tmp)
    return 0;
  memcpy(tmp, h, hlen);
  tmp[hlen] = '\0';
  return bf_ascii_istr(title, tmp) != NULL;
}

/* The longest part of a <title> split at " | ", " - ", " :: " and the like,
 * which drops the site name in "Headline - Site". */
static const char *clean_title(bf_arena *a, const char *t) {
  static const char *const seps[] = {
      " | ",  " - ",        " \xE2\x80\x93 ", " \xE2\x80\x94 ",
      " :: ", " \xC2\xBB ", " \xC2\xAB ",     " / ",
      NULL};
  const char *best = t;
  size_t best_len = strlen(t);
  for (size_t k = 0; seps[k]; k++) {
    if (!strstr(t, seps[k]))
      continue;
    size_t sl = strlen(seps[k]);
    const char *p = t;
    best = NULL, best_len = 0;
    while (p) {
      const char *q = strstr(p, seps[k]);
      size_t n = q ? (size_t)(q - p) : strlen(p);
      if (n > best_len)
        best = p, best_len = n;
      p = q ? q + sl : NULL;
    }
    break;
  }
  if (!best || bf_xtext_words(best, best_len) < 2)
    return t;
  return bf_arena_strndup(a, best, best_len);
}

static const char *pick_title(const xctx *x, bf_arena *a, const bf_meta *m,
                              uint32_t best, const uint8_t *keep) {
  const char *ref[] = {m->og_title, m->ld_headline, m->title};
  uint32_t end = best ? x->recs.v[best].block_end : (uint32_t)x->blocks.n;
  /* A heading the <title> or og:title repeats, h1 before h2. */
  for (int level = 1; level <= 2; level++)
    for (uint32_t i = 0; i < end; i++) {
      const xblock *b = &x->blocks.v[i];
      if (b->heading != level || b->words > 40)
        continue;
      const char *s = x->text.s + b->start;
      for (size_t k = 0; k < 3; k++)
        if (heading_in(s, b->len, ref[k]))
          return bf_arena_strndup(a, s, b->len);
    }
  if (m->og_title && *m->og_title)
    return clean_title(a, m->og_title);
  if (m->ld_headline && *m->ld_headline)
    return m->ld_headline;
  if (m->title && *m->title)
    return clean_title(a, m->title);
  /* No title at all: the heading nearest above the article's first kept
   * paragraph, else the first h1. */
  uint32_t first = best ? x->recs.v[best].block_first : 0;
  while (first < end && !keep[first])
    first++;
  for (uint32_t i = first, seen = 0; i-- > 0 && seen < 12; seen++) {
    const xblock *b = &x->blocks.v[i];
    if (b->heading >= 1 && b->heading <= 3 && b->words >= 2 && b->words <= 30 &&
        2 * b->link_words < b->words)
      return bf_arena_strndup(a, x->text.s + b->start, b->len);
  }
  for (uint32_t i = 0; i < x->blocks.n; i++)
    if (x->blocks.v[i].heading == 1)
      return bf_arena_strndup(a, x->text.s + x->blocks.v[i].start,
                              x->blocks.v[i].len);
  return "";
}

/* ---- assembling the page ---- */

/* The kept blocks, one paragraph a line, without the title's repeat and
 * without blocks flagged `skip`, then the lines of `body` when given. */
static brief_status assemble(xctx *x, brief_page *page, const uint8_t *keep,
                             uint8_t skip, const char *body, size_t body_len) {
  bf_buf out;
  bf_buf_init(&out);
  size_t words = 0, paras = 0;
  for (uint32_t i = 0; i < x->blocks.n; i++) {
    const xblock *b = &x->blocks.v[i];
    if (!keep[i] || (b->flags & skip))
      continue;
    const char *s = x->text.s + b->start;
    if (text_ieq(s, b->len, page->title))
      continue; /* the title has its own field */
    bf_buf_append(&out, s, b->len);
    bf_buf_putc(&out, '\n');
    words += b->words;
    paras++;
  }
  if (body) {
    bf_buf_append(&out, body, body_len);
    words += bf_xtext_words(body, body_len);
    for (size_t i = 0; i < body_len; i++)
      paras += body[i] == '\n';
  }
  if (out.oom) {
    bf_buf_free(&out);
    return BRIEF_ERR_NOMEM;
  }
  page->text = bf_arena_strndup(&page->arena, out.s ? out.s : "", out.len);
  page->text_len = out.len;
  page->words = words;
  page->paragraphs = paras;
  bf_buf_free(&out);
  return page->text ? BRIEF_OK : BRIEF_ERR_NOMEM;
}

/* ---- fallbacks ---- */

/* A structured body shorter than this is a teaser, not the article. */
#define MIN_BODY_WORDS 30

/* Where the text came from when the markup's blocks gave little or none,
 * and the warning that says so. */
enum text_source { FROM_MARKUP, FROM_LD_BODY, FROM_PAGE_STATE, FROM_DENSEST };

static const char *const source_warning[] = {
    [FROM_MARKUP] = "",
    [FROM_LD_BODY] = "article text taken from the page's JSON-LD articleBody: "
                     "its markup held little or none",
    [FROM_PAGE_STATE] = "article text taken from the page's script data "
                        "(__NEXT_DATA__ or the like): its markup held little "
                        "or none",
    [FROM_DENSEST] = "no article prose found: kept the page's densest text "
                     "region",
};

/* A structured body (lines of text) replaces the markup's text when it is
 * an article's length and at least twice as long: some pages render the
 * story with script from that very data. */
static int body_wins(const char *body, size_t len, size_t markup_words) {
  size_t words = body ? bf_xtext_words(body, len) : 0;
  return words >= MIN_BODY_WORDS && words >= 2 * markup_words;
}

#ifdef BF_EXTRACT_DEBUG
#include <stdio.h>
/* Build with -DBF_EXTRACT_DEBUG to see every block, its element, scores
 * and verdict on stderr when tuning the rules. */
static void debug_dump(const xctx *x, uint32_t best, const uint8_t *keep) {
  const xrec *r = &x->recs.v[best];
  fprintf(stderr,
          "best element %u: good %.0f bad %.0f blocks [%u,%u) depth %u\n", best,
          r->good, r->bad, r->block_first, r->block_end, x->depth);
  for (size_t i = 0; i < x->blocks.n; i++) {
    const xblock *b = &x->blocks.v[i];
    const xrec *e = &x->recs.v[b->el];
    fprintf(stderr,
            "%c%c %4zu el%-5u [%u,%u) p%-5u neg%-5u g%-5.0f b%-5.0f w%-3u "
            "l%-3u f%02x h%u | %.*s\n",
            keep[i] == 2 ? 'S'
            : keep[i]    ? 'w'
                         : '.',
            i >= r->block_first && i < r->block_end ? '+' : ' ', i, b->el,
            e->block_first, e->block_end, e->parent, b->neg_rec, e->good,
            e->bad, b->words, b->link_words, b->flags, b->heading, (int)b->len,
            x->text.s + b->start);
    if (b->neg_rec) {
      const xmlNode *n = x->recs.v[b->neg_rec].node;
      const char *c = bf_attr(n, "class"), *id = bf_attr(n, "id");
      fprintf(stderr, "      neg <%s class=\"%s\" id=\"%s\">\n", n->name,
              c ? c : "", id ? id : "");
    }
  }
}
#endif

/* ---- entry point ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* libxml2 wants one initialisation before threads parse at once. */
static void xml_init(void) {
  xmlInitParser();
}

xmlDoc *bf_html_parse(const char *utf8, size_t len) {
  pthread_once(&xml_once, xml_init);
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC |
             HTML_PARSE_NODEFDTD | XML_PARSE_HUGE | HTML_PARSE_NOBLANKS;
  return htmlReadMemory(utf8, (int)len, NULL, "UTF-8", opts);
}

static void xctx_free(xctx *x) {
  BF_VEC_FREE(x->recs);
  BF_VEC_FREE(x->blocks);
  BF_VEC_FREE(x->stack);
  bf_buf_free(&x->text);
}

/* When the markup's blocks gave little or no text: the JSON-LD body, the
 * page's script data, then the densest text region. */
static brief_status fall_back(xctx *x, xmlDoc *doc, brief_page *page,
                              const bf_meta *meta, uint8_t *keep) {
  enum text_source src = FROM_MARKUP;
  brief_status st = BRIEF_OK;
  if (body_wins(meta->article_body, meta->article_body_len, page->words)) {
    /* A paywall's teaser may show text the body lacks: it goes first. */
    st = assemble(x, page, keep, B_INBODY, meta->article_body,
                  meta->article_body_len);
    src = FROM_LD_BODY;
  } else if (page->words < MIN_BODY_WORDS) {
    size_t len;
    const char *state = bf_page_state_text(doc, &page->arena, &len);
    if (body_wins(state, len, page->words)) {
      memset(keep, V_DROP, x->blocks.n);
      st = assemble(x, page, keep, 0, state, len);
      src = FROM_PAGE_STATE;
    }
  }
  if (st == BRIEF_OK && page->text_len == 0) {
    choose_densest(x, keep);
    st = assemble(x, page, keep, 0, NULL, 0);
    if (page->text_len)
      src = FROM_DENSEST;
  }
  page->warning = source_warning[src];
  return st;
}

static brief_status extract_doc(xmlDoc *doc, brief_page *page, const char *name,
                                brief_error *err) {
  xctx x;
  memset(&x, 0, sizeof x);
  bf_buf_init(&x.text);
  xrec sentinel = {0};
  brief_status st = BRIEF_ERR_NOMEM;
  bf_meta meta;
  uint8_t *keep = NULL;
  if (BF_VEC_PUSH(x.recs, sentinel))
    goto done;
  bf_meta_collect(doc, &page->arena, &meta);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root)
    walk(&x, root);
  if (x.too_deep) {
    st = bf_fail(err, BRIEF_ERR_TOO_LARGE,
                 "%s: elements nested more than %u deep, over the limit", name,
                 BRIEF_MAX_HTML_DEPTH);
    goto done;
  }
  if (x.oom || x.text.oom)
    goto done;
  mark_boilerplate(&x);
  mark_in_body(&x, meta.article_body, meta.article_body_len);
  propagate(&x, block_good);
  uint32_t best = best_element(&x);
  keep = calloc(x.blocks.n + 1, 1);
  if (!keep)
    goto done;
  if (best) {
    choose(&x, best, keep);
    drop_orphan_labels(&x, keep);
  }
#ifdef BF_EXTRACT_DEBUG
  debug_dump(&x, best, keep);
#endif
  page->title = pick_title(&x, &page->arena, &meta, best, keep);
  if (!page->title)
    goto done;
  st = assemble(&x, page, keep, 0, NULL, 0);
  if (st == BRIEF_OK)
    st = fall_back(&x, doc, page, &meta, keep);
  if (st != BRIEF_OK)
    goto done;
  page->byline = meta.byline ? meta.byline : "";
  page->date = meta.date ? meta.date : "";
  page->site_name = meta.site_name ? meta.site_name : "";
  page->canonical_url = meta.canonical_url ? meta.canonical_url : "";
  page->language = meta.language ? meta.language : "";
done:
  free(keep);
  xctx_free(&x);
  if (st == BRIEF_ERR_NOMEM)
    return bf_fail(err, st, "%s: out of memory", name);
  return st;
}

brief_status brief_extract_html(const char *html, size_t len, const char *name,
                                brief_page **out, brief_error *err) {
  if (!name)
    name = "page";
  if (!out || (!html && len))
    return bf_fail(err, BRIEF_ERR_ARG, "%s: no page given", name);
  *out = NULL;
  if (len > BRIEF_MAX_ARTICLE_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: page of %zu bytes is over the %zu-byte limit", name,
                   len, (size_t)BRIEF_MAX_ARTICLE_BYTES);
  brief_page *page = calloc(1, sizeof *page);
  if (!page)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  bf_arena_init(&page->arena);
  page->name = bf_arena_strdup(&page->arena, name);
  if (!page->name) {
    brief_page_free(page);
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  }
  page->text = page->title = page->byline = page->date = "";
  page->site_name = page->canonical_url = page->language = "";
  page->warning = page->charset = "";
  bf_buf utf8;
  char charset[64];
  brief_status st = bf_html_to_utf8(html ? html : "", len, name, &utf8, charset,
                                    sizeof charset, err);
  if (st != BRIEF_OK) {
    brief_page_free(page);
    return st;
  }
  page->charset = bf_arena_strdup(&page->arena, charset);
  xmlDoc *doc = utf8.len ? bf_html_parse(utf8.s, utf8.len) : NULL;
  bf_buf_free(&utf8);
  if (doc) {
    st = extract_doc(doc, page, name, err);
    xmlFreeDoc(doc);
    if (st != BRIEF_OK) {
      brief_page_free(page);
      return st;
    }
  }
  if (page->text_len == 0)
    page->warning = doc ? "no article text found" : "empty page";
  *out = page;
  bf_ok(err);
  return BRIEF_OK;
}
