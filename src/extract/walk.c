/*
 * walk.c - one walk of libxml2's tree that cuts the visible text into
 * blocks (blocks.h), with what scoring needs of each: words and linked
 * words (kana and ideographs count as half words, as Chinese and Japanese
 * put no spaces between words), sentence punctuation, and the hints of the
 * elements above it: tag, class and id ("comment", "sidebar", "article"),
 * captions, headings. Hidden elements, scripts, forms and ruby annotations
 * give no text. The walk needs no recursion, and refuses elements nested
 * deeper than BRIEF_MAX_HTML_DEPTH.
 */
#include "extract/blocks.h"

#include "core/text.h"

#include <string.h>

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

static int cached_hint(bf_blocks *x, const char *value) {
  size_t len = strlen(value);
  bf_hint_slot *slot = &x->hints[bf_hash(value, len) % HINT_CACHE];
  if (!slot->value || strcmp(slot->value, value) != 0) {
    slot->value = value;
    slot->hint = hint_of(value);
  }
  return slot->hint;
}

static uint16_t flags_of(bf_blocks *x, const xmlNode *node, const char *name,
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

static void add_text(bf_blocks *x, const char *s, size_t len) {
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
static void flush(bf_blocks *x) {
  uint32_t start = x->cur_start;
  size_t len = x->text.len - start;
  if (x->text.oom) {
    x->oom = 1;
    return;
  }
  if (len > 0) {
    const char *s = x->text.s + start;
    bf_block b = {0};
    b.start = start;
    b.len = (uint32_t)len;
    b.words = (x->cur_halves + 1) / 2;
    b.link_words = (x->cur_link_halves + 1) / 2;
    uint32_t top = x->stack.n ? x->stack.v[x->stack.n - 1] : 0;
    const bf_elem *r = &x->recs.v[x->recs.v[top].blk];
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
static int enter(bf_blocks *x, xmlNode *node) {
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
  bf_elem r = {0};
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

static void leave(bf_blocks *x) {
  uint32_t id = x->stack.v[x->stack.n - 1];
  bf_elem *r = &x->recs.v[id];
  if (is_block_kind(r->kind))
    flush(x); /* while the element is still open: the text is its own */
  x->stack.n--;
  if (r->flags & R_LINK)
    x->link_depth--;
  r = &x->recs.v[id];
  r->block_end = (uint32_t)x->blocks.n;
  r->rec_end = (uint32_t)x->recs.n;
}

static void add_node_text(bf_blocks *x, xmlNode *node) {
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
void bf_blocks_walk(bf_blocks *x, xmlNode *root) {
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

void bf_blocks_free(bf_blocks *x) {
  BF_VEC_FREE(x->recs);
  BF_VEC_FREE(x->blocks);
  BF_VEC_FREE(x->stack);
  bf_buf_free(&x->text);
}
