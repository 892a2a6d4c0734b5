/*
 * page_state.c - the article text a page keeps only in its page-state
 * JSON: the data that Next.js (__NEXT_DATA__), Nuxt, Redux or Apollo embed
 * in a <script> for the page's script to render. The extractor falls back
 * to it when the markup holds no article.
 *
 * Every string in that JSON is a candidate. A string that holds HTML is
 * parsed and read one block-level element a line; any other string is
 * read one line per line. A line is prose when it reads like a sentence
 * (see is_prose). Each object or array is credited with the prose of the
 * strings below it, fully for two levels and half as much for each level
 * further, as the extractor credits elements; the article is the value
 * with the most credit, and its text the lines from its first prose line
 * to its last, leaving out single words and addresses.
 */
#include "extract/extract.h"

#include <jansson.h>
#include <string.h>

/* Values nested deeper than this are not read: page state is shallow,
 * and the walk recurses. */
#define STATE_MAX_DEPTH 64
/* Levels of a string's ancestors credited with all of its prose. */
#define STATE_FULL_LEVELS 2

/* ---- a string's text ---- */

static int looks_like_html(const char *s) {
  const char *lt = strchr(s, '<');
  return lt && ((lt[1] >= 'a' && lt[1] <= 'z') || lt[1] == '/') &&
         strchr(lt, '>');
}

static int html_block(const char *name) {
  static const char *const blocks[] = {
      "p",  "div", "h1", "h2", "h3",         "h4",      "h5",
      "h6", "li",  "br", "tr", "blockquote", "section", "article",
      "ul", "ol",  "dd", "dt", "pre",        "figure",  NULL};
  for (size_t k = 0; blocks[k]; k++)
    if (strcmp(name, blocks[k]) == 0)
      return 1;
  return 0;
}

static int html_skipped(const char *name) {
  return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
         strcmp(name, "template") == 0 || strcmp(name, "figcaption") == 0;
}

static void new_line(bf_buf *b) {
  if (b->len && b->s[b->len - 1] != '\n')
    bf_buf_putc(b, '\n');
}

/* The text of an HTML fragment, a line for each block-level element. */
static void html_lines(const char *s, bf_buf *out) {
  xmlDoc *doc = bf_html_parse(s, strlen(s));
  xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
  int space = 0;
  for (xmlNode *n = root; n;) {
    const char *name = (const char *)n->name;
    int element = n->type == XML_ELEMENT_NODE;
    if (n->type == XML_TEXT_NODE && n->content) {
      size_t line = out->len;
      while (line && out->s[line - 1] != '\n')
        line--;
      bf_xtext_append(out, line, (const char *)n->content,
                      strlen((const char *)n->content), &space);
    } else if (element && html_block(name)) {
      new_line(out), space = 0;
    }
    if (element && n->children && !html_skipped(name)) {
      n = n->children;
      continue;
    }
    while (n != root && !n->next) {
      n = n->parent;
      if (n->type == XML_ELEMENT_NODE && html_block((const char *)n->name))
        new_line(out), space = 0;
    }
    n = n == root ? NULL : n->next;
  }
  new_line(out);
  if (doc)
    xmlFreeDoc(doc);
}

/* The text of a string value, normalised, one paragraph a line. */
static void string_lines(const char *s, bf_buf *out) {
  if (looks_like_html(s)) {
    html_lines(s, out);
    return;
  }
  while (*s) {
    const char *nl = strchr(s, '\n');
    size_t n = nl ? (size_t)(nl - s) : strlen(s);
    int space = 0;
    bf_xtext_append(out, out->len, s, n, &space);
    new_line(out);
    s += nl ? n + 1 : n;
  }
}

/* ---- lines ---- */

static int ends_sentence(const char *s, size_t n) {
  while (n && (s[n - 1] == '"' || s[n - 1] == ')' || s[n - 1] == '\''))
    n--;
  if (!n)
    return 0;
  char c = s[n - 1];
  return c == '.' || c == '!' || c == '?' ||
         (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x82", 3) == 0);
}

/* A line of prose: long, or a sentence of some length. */
static int is_prose(const char *s, size_t n, size_t words) {
  return words >= 15 || (words >= 8 && ends_sentence(s, n));
}

/* A line worth printing between prose lines: two words at least, and not
 * an address or a path. */
static int is_text(const char *s, size_t n, size_t words) {
  if (words < 2 || memchr(s, '{', n))
    return 0;
  for (size_t i = 0; i + 3 <= n; i++)
    if (memcmp(s + i, "://", 3) == 0)
      return 0;
  return 1;
}

/* The words of the prose lines of `text`. */
static size_t prose_words(const char *text, size_t len) {
  size_t words = 0;
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    size_t w = bf_xtext_words(p, n);
    if (is_prose(p, n, w))
      words += w;
    p += n + 1;
  }
  return words;
}

/* ---- the walk ---- */

typedef struct state_walk {
  json_t *path[STATE_MAX_DEPTH];
  double credit[STATE_MAX_DEPTH];
  json_t *best;
  double best_credit;
} state_walk;

static void credit_string(state_walk *w, const char *s, int depth) {
  bf_buf b;
  bf_buf_init(&b);
  string_lines(s, &b);
  double prose = b.oom || !b.len ? 0 : (double)prose_words(b.s, b.len);
  bf_buf_free(&b);
  for (int k = depth - 1, up = 1; k >= 0 && prose > 0; k--, up++) {
    if (up > STATE_FULL_LEVELS)
      prose *= 0.5;
    w->credit[k] += prose;
  }
}

static void score(state_walk *w, json_t *v, int depth) {
  if (depth >= STATE_MAX_DEPTH)
    return;
  if (json_is_string(v)) {
    credit_string(w, json_string_value(v), depth);
    return;
  }
  if (!json_is_object(v) && !json_is_array(v))
    return;
  w->path[depth] = v;
  w->credit[depth] = 0;
  size_t i;
  const char *key;
  json_t *c;
  if (json_is_array(v))
    json_array_foreach(v, i, c) score(w, c, depth + 1);
  else
    json_object_foreach(v, key, c) score(w, c, depth + 1);
  if (w->credit[depth] > w->best_credit) {
    w->best_credit = w->credit[depth];
    w->best = v;
  }
}

/* All lines of the strings below `v`, in order. */
static void collect(json_t *v, int depth, bf_buf *out) {
  if (depth >= STATE_MAX_DEPTH)
    return;
  size_t i;
  const char *key;
  json_t *c;
  if (json_is_string(v))
    string_lines(json_string_value(v), out);
  else if (json_is_array(v))
    json_array_foreach(v, i, c) collect(c, depth + 1, out);
  else if (json_is_object(v))
    json_object_foreach(v, key, c) collect(c, depth + 1, out);
}

/* The lines of `all` from the first prose line to the last, leaving out
 * those that are not text. */
static char *trim_to_prose(bf_arena *a, const bf_buf *all, size_t *len) {
  const char *first = NULL, *last_end = NULL;
  *len = 0;
  if (!all->len)
    return NULL;
  for (const char *p = all->s, *end = all->s + all->len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (is_prose(p, n, bf_xtext_words(p, n))) {
      if (!first)
        first = p;
      last_end = p + n;
    }
    p += n + 1;
  }
  bf_buf out;
  bf_buf_init(&out);
  for (const char *p = first; p && p < last_end;) {
    const char *nl = memchr(p, '\n', (size_t)(last_end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(last_end - p);
    if (is_text(p, n, bf_xtext_words(p, n))) {
      bf_buf_append(&out, p, n);
      bf_buf_putc(&out, '\n');
    }
    p += n + 1;
  }
  char *r = out.oom || !out.len ? NULL : bf_arena_strndup(a, out.s, out.len);
  *len = r ? out.len : 0;
  bf_buf_free(&out);
  return r;
}

/* ---- the scripts ---- */

/* The JSON of a page-state script, or NULL: a script typed JSON
 * (__NEXT_DATA__ and Nuxt's are), or "window.__NAME__ = {...}". */
static json_t *script_json(xmlNode *script) {
  const char *type = bf_attr(script, "type");
  const char *id = bf_attr(script, "id");
  xmlNode *c = script->children;
  if (!c || !c->content)
    return NULL;
  const char *s = (const char *)c->content;
  int typed = (type && bf_ascii_ieq(type, "application/json")) ||
              (id && strcmp(id, "__NEXT_DATA__") == 0);
  if (!typed) {
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      s++;
    if (!bf_ascii_istarts(s, "window.__"))
      return NULL;
    const char *eq = strchr(s, '=');
    s = eq ? eq + 1 : "";
  }
  size_t len = strlen(s), i = bf_json_start(s, len);
  json_error_t err;
  return i < len ? json_loadb(s + i, len - i, JSON_DISABLE_EOF_CHECK, &err)
                 : NULL;
}

const char *bf_page_state_text(xmlDoc *doc, bf_arena *a, size_t *len) {
  *len = 0;
  xmlNode *root = xmlDocGetRootElement(doc);
  const char *best_text = NULL;
  size_t best_words = 0;
  for (xmlNode *n = root; n;) {
    if (n->type == XML_ELEMENT_NODE &&
        strcmp((const char *)n->name, "script") == 0) {
      json_t *json = script_json(n);
      state_walk w;
      memset(&w, 0, sizeof w);
      if (json)
        score(&w, json, 0);
      if (w.best && w.best_credit > (double)best_words) {
        bf_buf all;
        bf_buf_init(&all);
        collect(w.best, 0, &all);
        size_t n_len;
        char *text = all.oom ? NULL : trim_to_prose(a, &all, &n_len);
        bf_buf_free(&all);
        if (text)
          best_text = text, *len = n_len, best_words = (size_t)w.best_credit;
      }
      json_decref(json);
    } else if (n->type == XML_ELEMENT_NODE && n->children) {
      n = n->children;
      continue;
    }
    while (n != root && !n->next)
      n = n->parent;
    n = n == root ? NULL : n->next;
  }
  return best_text;
}
