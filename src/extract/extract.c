/*
 * extract.c - finds the article in a web page (brief_extract_html): parses
 * it, has the blocks cut (walk.c), scored (score.c) and chosen (choose.c),
 * picks the title and writes the text, one paragraph a line.
 *
 * When the markup gives little or no text, the text comes from a fallback,
 * and the page's warning names it: the JSON-LD articleBody (after the
 * markup's blocks it lacks, such as a paywall's teaser), the page-state
 * JSON (page_state.c), then the densest text region.
 *
 * The title goes to the page's title field and is not repeated in the text.
 * Costs are linear in the page (one parse, one walk, ancestor credit capped
 * in score.c); memory is libxml2's tree, about 12 times the page on news
 * pages, plus the page's text twice.
 */
#include "extract/blocks.h"

#include "core/error.h"
#include "core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

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

/* The first of blocks [0, end) that is the page's headline: a heading the
 * <title>, og:title or JSON-LD headline repeats, h1 before h2; BF_NO_BLOCK
 * when none is. */
static uint32_t headline_block(const bf_blocks *x, const bf_meta *m,
                               uint32_t end) {
  const char *ref[] = {m->og_title, m->ld_headline, m->title};
  for (int level = 1; level <= 2; level++)
    for (uint32_t i = 0; i < end; i++) {
      const bf_block *b = &x->blocks.v[i];
      if (b->heading != level || b->words > 40)
        continue;
      for (size_t k = 0; k < 3; k++)
        if (heading_in(x->text.s + b->start, b->len, ref[k]))
          return i;
    }
  return BF_NO_BLOCK;
}

static const char *pick_title(const bf_blocks *x, bf_arena *a, const bf_meta *m,
                              uint32_t best, const uint8_t *keep) {
  uint32_t end = best ? x->recs.v[best].block_end : (uint32_t)x->blocks.n;
  uint32_t h = headline_block(x, m, end);
  if (h != BF_NO_BLOCK)
    return bf_arena_strndup(a, x->text.s + x->blocks.v[h].start,
                            x->blocks.v[h].len);
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
    const bf_block *b = &x->blocks.v[i];
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
static brief_status assemble(bf_blocks *x, brief_page *page,
                             const uint8_t *keep, uint8_t skip,
                             const char *body, size_t body_len) {
  bf_buf out;
  bf_buf_init(&out);
  size_t words = 0, paras = 0;
  for (uint32_t i = 0; i < x->blocks.n; i++) {
    const bf_block *b = &x->blocks.v[i];
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
static void debug_dump(const bf_blocks *x, uint32_t best, const uint8_t *keep) {
  const bf_elem *r = &x->recs.v[best];
  fprintf(stderr,
          "best element %u: good %.0f bad %.0f blocks [%u,%u) depth %u\n", best,
          r->good, r->bad, r->block_first, r->block_end, x->depth);
  for (size_t i = 0; i < x->blocks.n; i++) {
    const bf_block *b = &x->blocks.v[i];
    const bf_elem *e = &x->recs.v[b->el];
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

/* When the markup's blocks gave little or no text: the JSON-LD body, the
 * page's script data, then the densest text region. */
static brief_status fall_back(bf_blocks *x, xmlDoc *doc, brief_page *page,
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
    bf_choose_densest(x, keep);
    st = assemble(x, page, keep, 0, NULL, 0);
    if (page->text_len)
      src = FROM_DENSEST;
  }
  page->warning = source_warning[src];
  return st;
}

static brief_status extract_doc(xmlDoc *doc, brief_page *page, const char *name,
                                brief_error *err) {
  bf_blocks x;
  memset(&x, 0, sizeof x);
  bf_buf_init(&x.text);
  bf_elem sentinel = {0};
  brief_status st = BRIEF_ERR_NOMEM;
  bf_meta meta;
  uint8_t *keep = NULL;
  if (BF_VEC_PUSH(x.recs, sentinel))
    goto done;
  bf_meta_collect(doc, &page->arena, &meta);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root)
    bf_blocks_walk(&x, root);
  if (x.too_deep) {
    st = bf_fail(err, BRIEF_ERR_TOO_LARGE,
                 "%s: elements nested more than %u deep, over the limit", name,
                 BRIEF_MAX_HTML_DEPTH);
    goto done;
  }
  if (x.oom || x.text.oom)
    goto done;
  bf_mark_phrases(&x);
  bf_mark_in_body(&x, meta.article_body, meta.article_body_len);
  bf_credit(&x, bf_prose_words);
  uint32_t headline = headline_block(&x, &meta, (uint32_t)x.blocks.n);
  uint32_t best = bf_best_element(&x, headline);
  keep = calloc(x.blocks.n + 1, 1);
  if (!keep)
    goto done;
  if (best) {
    bf_choose(&x, best, headline, keep);
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
  bf_blocks_free(&x);
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
