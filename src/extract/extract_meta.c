/*
 * extract_meta.c - a page's metadata: title, byline, date, site, canonical
 * URL and language.
 *
 * Sources, strongest first: JSON-LD (the NewsArticle a page gives search
 * engines), then <meta> tags (Open Graph, article:published_time, author,
 * Dublin Core and the newsroom variants), then markup in the body (<time>,
 * itemprop, rel=author, byline and date classes), then the URL itself
 * (/2008/01/18/). Each field keeps the value of the strongest source seen,
 * so one walk over the tree fills them all.
 */
#include "extract/extract.h"

#include "core/date.h"
#include "core/vec.h"

#include <jansson.h>
#include <string.h>

/* A field filled from sources of different strength: lower rank wins. */
typedef struct field {
  const char *value;
  int rank;
} field;

typedef struct meta_walk {
  bf_arena *a;
  field title, og_title, ld_headline, byline, date, site, canonical, lang;
  const char *body;
  size_t body_len;
  int body_rank;
} meta_walk;

enum { RANK_NONE = 100 };

static void offer(field *f, const char *value, int rank) {
  if (value && *value && rank < f->rank) {
    f->value = value;
    f->rank = rank;
  }
}

const char *bf_attr(const xmlNode *node, const char *name) {
  for (const xmlAttr *a = node->properties; a; a = a->next) {
    if (strcmp((const char *)a->name, name) != 0)
      continue;
    const xmlNode *c = a->children;
    if (!c)
      return "";
    if (c->type == XML_TEXT_NODE && !c->next && c->content)
      return (const char *)c->content;
    return "";
  }
  return NULL;
}

static int skipped_element(const xmlNode *n) {
  const char *name = (const char *)n->name;
  return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
         strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0;
}

char *bf_node_text(bf_arena *a, xmlNode *node) {
  bf_buf b;
  int space = 0;
  bf_buf_init(&b);
  xmlNode *n = node->children;
  while (n && b.len < 2000) {
    if (n->type == XML_TEXT_NODE && n->content) {
      bf_xtext_append(&b, 0, (const char *)n->content,
                      strlen((const char *)n->content), &space);
    } else if (n->type == XML_ELEMENT_NODE && n->children &&
               !skipped_element(n)) {
      n = n->children;
      continue;
    }
    while (n != node && !n->next)
      n = n->parent;
    if (n == node)
      break;
    n = n->next;
  }
  char *r = b.oom ? NULL : bf_arena_strndup(a, b.s ? b.s : "", b.len);
  bf_buf_free(&b);
  return r;
}

/* ---- dates ---- */

static int plausible(const bf_date *d) {
  return d->year >= 1990 && d->year <= 2100;
}

int bf_meta_parse_date(const char *s, size_t len, char out[11]) {
  bf_date d;
  size_t limit = len < 200 ? len : 200;
  /* Try at the start, then at each word: "Friday, January 18, 2008". */
  for (size_t i = 0; i < limit; i++) {
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ',' && s[i - 1] != '|' &&
        s[i - 1] != ':' && s[i - 1] != '(')
      continue;
    if (bf_date_parse(s + i, len - i, &d) && plausible(&d)) {
      bf_date_format(&d, out);
      return 1;
    }
  }
  return 0;
}

static int digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int num(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

static int set_ymd(int y, int m, int d, char out[11]) {
  bf_date date = {y, m, d};
  if (!plausible(&date) || m < 1 || m > 12 || d < 1 || d > 31)
    return 0;
  bf_date_format(&date, out);
  return 1;
}

int bf_meta_url_date(const char *url, char out[11]) {
  const char *p = strstr(url, "://");
  p = p ? strchr(p + 3, '/') : url;
  for (; p && *p; p++) {
    if (*p != '/' && *p != '-' && *p != '_')
      continue;
    const char *s = p + 1;
    size_t n = strlen(s);
    /* /2008/01/18 or /2008-01-18 */
    if (n >= 10 && digits(s, 4) && (s[4] == '/' || s[4] == '-') &&
        digits(s + 5, 2) && s[7] == s[4] && digits(s + 8, 2) &&
        (n == 10 || !(s[10] >= '0' && s[10] <= '9')))
      if (set_ymd(num(s, 4), num(s + 5, 2), num(s + 8, 2), out))
        return 1;
    /* /20080118 or /20080118-story */
    if (n >= 8 && digits(s, 8) && (n == 8 || !(s[8] >= '0' && s[8] <= '9')))
      if (set_ymd(num(s, 4), num(s + 4, 2), num(s + 6, 2), out))
        return 1;
  }
  return 0;
}

static void offer_date(meta_walk *w, const char *s, int rank) {
  char d[11];
  if (s && rank < w->date.rank && bf_meta_parse_date(s, strlen(s), d))
    offer(&w->date, bf_arena_strdup(w->a, d), rank);
}

/* ---- small cleaners ---- */

static const char *clean(meta_walk *w, const char *s) {
  return s ? bf_xtext_dup(w->a, s, strlen(s)) : NULL;
}

static int is_url(const char *s) {
  return bf_ascii_istarts(s, "http://") || bf_ascii_istarts(s, "https://");
}

static int is_lower_word(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!(s[i] >= 'a' && s[i] <= 'z'))
      return 0;
  return n > 0;
}

static int has_digit(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] >= '0' && s[i] <= '9')
      return 1;
  return 0;
}

/* A byline's names without what pages print around them: a leading
 * lower-case word ("por", "von" before "César Salza"), and from a date, a
 * number, a handle or an address on ("Steven Musil January 18, 2017
 * @stevenmusil", "Aleš Vávra před 2 hodinami"), with the lower-case words
 * left just before the cut. Names carry no digits. */
static char *trim_byline(meta_walk *w, const char *s) {
  size_t n = strlen(s), cut = n, first = 0;
  int cutting = 0;
  for (size_t i = 0; i < n;) {
    while (i < n && s[i] == ' ')
      i++;
    size_t j = i;
    while (j < n && s[j] != ' ')
      j++;
    bf_date d;
    if (i < j && (bf_date_parse(s + i, n - i, &d) || has_digit(s + i, j - i) ||
                  s[i] == '@' || strstr(s + i, "://") == s + i + 4 ||
                  strstr(s + i, "://") == s + i + 5)) {
      cut = i, cutting = 1;
      break;
    }
    if (i == 0 && j < n && j <= 4 && is_lower_word(s, j) && s[j + 1] &&
        !(s[j + 1] >= 'a' && s[j + 1] <= 'z'))
      first = j + 1;
    i = j;
  }
  while (cutting && cut > first) {
    size_t end = cut;
    while (end > first && (s[end - 1] == ' ' || s[end - 1] == ',' ||
                           s[end - 1] == '|' || s[end - 1] == '-'))
      end--;
    size_t start = end;
    while (start > first && s[start - 1] != ' ')
      start--;
    cut = end;
    if (!is_lower_word(s + start, end - start))
      break;
    cut = start;
  }
  while (cut > first && (s[cut - 1] == ' ' || s[cut - 1] == ','))
    cut--;
  return bf_arena_strndup(w->a, s + first, cut - first);
}

/* "By Jane Doe" -> "Jane Doe"; refuses URLs and sentences. */
static void offer_byline(meta_walk *w, const char *raw, int rank) {
  if (!raw || rank >= w->byline.rank)
    return;
  const char *s = clean(w, raw);
  if (!s || !*s || is_url(s))
    return;
  if (bf_ascii_istarts(s, "by "))
    s += 3;
  while (*s == ' ' || *s == ':')
    s++;
  /* "Agencies on Friday, January 18, 2008": the date is not the name. */
  char d[11];
  const char *on = strstr(s, " on ");
  if (!on)
    on = strstr(s, " | ");
  if (on && bf_meta_parse_date(on + 4, strlen(on + 4), d)) {
    offer(&w->date, bf_arena_strdup(w->a, d), 6);
    s = bf_arena_strndup(w->a, s, (size_t)(on - s));
    if (!s)
      return;
  }
  s = trim_byline(w, s);
  size_t words = s ? bf_xtext_words(s, strlen(s)) : 0;
  if (words == 0 || words > 12)
    return;
  offer(&w->byline, s, rank);
}

static void offer_lang(meta_walk *w, const char *raw, int rank) {
  if (!raw || rank >= w->lang.rank)
    return;
  char tmp[36];
  size_t n = 0;
  while (*raw == ' ')
    raw++;
  for (; raw[n] && n + 1 < sizeof tmp; n++) {
    char c = raw[n];
    if (c == '_')
      c = '-';
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '-'))
      break;
    tmp[n] = c;
  }
  tmp[n] = '\0';
  if (n >= 2)
    offer(&w->lang, bf_arena_strdup(w->a, tmp), rank);
}

static void offer_url(meta_walk *w, const char *raw, int rank) {
  const char *s = clean(w, raw);
  if (s && is_url(s) && !strchr(s, ' '))
    offer(&w->canonical, s, rank);
}

/* ---- JSON-LD ---- */

static size_t skip_prefix(const char *s, size_t len, size_t i,
                          const char *prefix) {
  size_t n = strlen(prefix);
  return i + n <= len && memcmp(s + i, prefix, n) == 0 ? i + n : i;
}

size_t bf_json_start(const char *s, size_t len) {
  size_t i = 0;
  for (;;) {
    while (i < len &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
      i++;
    size_t j = skip_prefix(s, len, i, "<!--");
    j = skip_prefix(s, len, j, "//");
    j = skip_prefix(s, len, j, "<![CDATA[");
    if (j == i)
      break;
    i = j;
  }
  while (i < len && s[i] != '{' && s[i] != '[')
    i++;
  return i;
}

static const char *jstr(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static int article_type(json_t *type) {
  static const char *const types[] = {"Article",
                                      "NewsArticle",
                                      "ReportageNewsArticle",
                                      "BlogPosting",
                                      "AnalysisNewsArticle",
                                      "OpinionNewsArticle",
                                      "LiveBlogPosting",
                                      "BackgroundNewsArticle",
                                      "ReviewNewsArticle",
                                      "TechArticle",
                                      "Report",
                                      "SocialMediaPosting",
                                      NULL};
  if (json_is_array(type)) {
    size_t i;
    json_t *t;
    json_array_foreach(type, i, t) if (article_type(t)) return 1;
    return 0;
  }
  if (!json_is_string(type))
    return 0;
  const char *s = json_string_value(type);
  const char *slash = strrchr(s, '/'); /* "http://schema.org/NewsArticle" */
  if (slash)
    s = slash + 1;
  for (size_t k = 0; types[k]; k++)
    if (strcmp(s, types[k]) == 0)
      return 1;
  return 0;
}

/* Names of an author value: "Jane", {"name": "Jane"}, or a list. */
static void author_names(json_t *v, bf_buf *out, int depth) {
  if (depth > 3)
    return;
  if (json_is_string(v)) {
    if (out->len)
      bf_buf_puts(out, ", ");
    bf_buf_puts(out, json_string_value(v));
  } else if (json_is_object(v)) {
    const char *name = jstr(v, "name");
    if (name)
      author_names(json_object_get(v, "name"), out, depth + 1);
  } else if (json_is_array(v)) {
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) author_names(e, out, depth + 1);
  }
}

/* articleBody keeps its paragraph breaks: one normalised line each. */
static void take_body(meta_walk *w, const char *body) {
  bf_buf b;
  bf_buf_init(&b);
  const char *p = body;
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    int space = 0;
    size_t before = b.len;
    bf_xtext_append(&b, before, p, n, &space);
    if (b.len > before)
      bf_buf_putc(&b, '\n');
    p = nl ? nl + 1 : p + n;
  }
  if (!b.oom && b.len) {
    w->body = bf_arena_strndup(w->a, b.s, b.len);
    w->body_len = w->body ? b.len : 0;
  }
  bf_buf_free(&b);
}

static void ld_article(meta_walk *w, json_t *o) {
  offer(&w->ld_headline, clean(w, jstr(o, "headline")), 0);
  const char *body = jstr(o, "articleBody");
  if (body && !w->body)
    take_body(w, body);
  offer_date(w, jstr(o, "datePublished"), 0);
  offer_date(w, jstr(o, "dateCreated"), 1);
  bf_buf names;
  bf_buf_init(&names);
  author_names(json_object_get(o, "author"), &names, 0);
  if (!names.oom && names.len)
    offer_byline(w, names.s, 0);
  bf_buf_free(&names);
  json_t *pub = json_object_get(o, "publisher");
  if (json_is_object(pub))
    offer(&w->site, clean(w, jstr(pub, "name")), 1);
  offer_url(w, jstr(o, "url"), 2);
  json_t *main = json_object_get(o, "mainEntityOfPage");
  if (json_is_string(main))
    offer_url(w, json_string_value(main), 2);
  else if (json_is_object(main))
    offer_url(w, jstr(main, "@id"), 2);
  offer_lang(w, jstr(o, "inLanguage"), 2);
}

static void ld_walk(meta_walk *w, json_t *v, int depth) {
  if (depth > 6)
    return;
  if (json_is_array(v)) {
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) ld_walk(w, e, depth + 1);
    return;
  }
  if (!json_is_object(v))
    return;
  if (article_type(json_object_get(v, "@type")))
    ld_article(w, v);
  json_t *graph = json_object_get(v, "@graph");
  if (graph)
    ld_walk(w, graph, depth + 1);
}

static void ld_script(meta_walk *w, xmlNode *script) {
  bf_buf b;
  bf_buf_init(&b);
  for (xmlNode *c = script->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
        c->content)
      bf_buf_puts(&b, (const char *)c->content);
  if (!b.oom && b.len) {
    size_t i = bf_json_start(b.s, b.len);
    json_error_t jerr;
    json_t *root =
        json_loadb(b.s + i, b.len - i, JSON_DISABLE_EOF_CHECK, &jerr);
    if (root) {
      ld_walk(w, root, 0);
      json_decref(root);
    }
  }
  bf_buf_free(&b);
}

/* ---- <meta>, <link> and body markup ---- */

static void on_meta_key(meta_walk *w, const char *key, const char *content);

/* A <meta>: its property, name or itemprop may list several keys ("og:title
 * twitter:title"), each of which takes the content. */
static void on_meta(meta_walk *w, xmlNode *n) {
  const char *keys = bf_attr(n, "property");
  if (!keys || !*keys)
    keys = bf_attr(n, "name");
  if (!keys || !*keys)
    keys = bf_attr(n, "itemprop");
  const char *content = bf_attr(n, "content");
  const char *equiv = bf_attr(n, "http-equiv");
  if (equiv && content && bf_ascii_ieq(equiv, "content-language"))
    offer_lang(w, content, 3);
  if (!keys || !content)
    return;
  char key[64];
  for (const char *p = keys; *p;) {
    while (*p == ' ')
      p++;
    size_t n = strcspn(p, " ");
    if (n && n < sizeof key) {
      memcpy(key, p, n);
      key[n] = '\0';
      on_meta_key(w, key, content);
    }
    p += n;
  }
}

static void on_meta_key(meta_walk *w, const char *key, const char *content) {
  if (bf_ascii_ieq(key, "og:title"))
    offer(&w->og_title, clean(w, content), 0);
  else if (bf_ascii_ieq(key, "twitter:title"))
    offer(&w->og_title, clean(w, content), 1);
  else if (bf_ascii_ieq(key, "og:site_name"))
    offer(&w->site, clean(w, content), 0);
  else if (bf_ascii_ieq(key, "application-name"))
    offer(&w->site, clean(w, content), 2);
  else if (bf_ascii_ieq(key, "og:url"))
    offer_url(w, content, 1);
  else if (bf_ascii_ieq(key, "og:locale"))
    offer_lang(w, content, 4);
  else if (bf_ascii_ieq(key, "article:published_time") ||
           bf_ascii_ieq(key, "og:article:published_time") ||
           bf_ascii_ieq(key, "datePublished"))
    offer_date(w, content, 1);
  else if (bf_ascii_ieq(key, "date") || bf_ascii_ieq(key, "pubdate") ||
           bf_ascii_ieq(key, "publishdate") ||
           bf_ascii_ieq(key, "publish-date") ||
           bf_ascii_ieq(key, "dc.date.issued") ||
           bf_ascii_ieq(key, "dc.date") || bf_ascii_ieq(key, "dcterms.date") ||
           bf_ascii_ieq(key, "dcterms.created") ||
           bf_ascii_ieq(key, "sailthru.date") ||
           bf_ascii_ieq(key, "parsely-pub-date") ||
           bf_ascii_ieq(key, "article.published") ||
           bf_ascii_ieq(key, "original-publish-date") ||
           bf_ascii_ieq(key, "displaydate") ||
           bf_ascii_ieq(key, "creation_date") ||
           bf_ascii_ieq(key, "og:published_time"))
    offer_date(w, content, 2);
  else if (bf_ascii_ieq(key, "author") || bf_ascii_ieq(key, "byl") ||
           bf_ascii_ieq(key, "article:author") ||
           bf_ascii_ieq(key, "dc.creator") || bf_ascii_ieq(key, "dc:creator") ||
           bf_ascii_ieq(key, "dcterms.creator") ||
           bf_ascii_ieq(key, "sailthru.author") ||
           bf_ascii_ieq(key, "parsely-author"))
    offer_byline(w, content, 1);
}

/* The class and id of an element, lower-cased, a space between, in buf. */
static const char *class_id(const xmlNode *n, char *buf, size_t cap) {
  const char *parts[] = {bf_attr(n, "class"), bf_attr(n, "id")};
  size_t len = 0;
  for (size_t k = 0; k < 2; k++) {
    for (const char *p = parts[k]; p && *p && len + 2 < cap; p++)
      buf[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    if (len + 2 < cap)
      buf[len++] = ' ';
  }
  buf[len] = '\0';
  return buf;
}

/* An element whose class or id says it holds the byline or the date. */
static void on_hinted_element(meta_walk *w, xmlNode *n) {
  char buf[512];
  const char *c = class_id(n, buf, sizeof buf);
  if (w->byline.rank > 3 && (strstr(c, "byline") || strstr(c, "author")))
    offer_byline(w, bf_node_text(w->a, n), 3);
  if (w->date.rank > 6 &&
      (strstr(c, "date") || strstr(c, "timestamp") || strstr(c, "published")))
    offer_date(w, bf_node_text(w->a, n), 6);
}

static void on_body_element(meta_walk *w, xmlNode *n, const char *name) {
  const char *prop = bf_attr(n, "itemprop");
  if (strcmp(name, "time") == 0) {
    const char *dt = bf_attr(n, "datetime");
    int pub = bf_attr(n, "pubdate") || (prop && strstr(prop, "datePublished"));
    if (dt)
      offer_date(w, dt, pub ? 3 : 5);
    else if (pub && w->date.rank > 3)
      offer_date(w, bf_node_text(w->a, n), 3);
  } else if (prop && strstr(prop, "datePublished")) {
    const char *v = bf_attr(n, "content");
    offer_date(w, v ? v : bf_attr(n, "datetime"), 3);
    if (!v && w->date.rank > 3)
      offer_date(w, bf_node_text(w->a, n), 3);
  }
  if (w->byline.rank > 2 &&
      ((prop && strstr(prop, "author")) ||
       ((strcmp(name, "a") == 0 || strcmp(name, "span") == 0) &&
        bf_attr(n, "rel") && bf_ascii_ieq(bf_attr(n, "rel"), "author"))))
    offer_byline(w, bf_node_text(w->a, n), 2);
  else if (w->byline.rank > 3 || w->date.rank > 6)
    on_hinted_element(w, n);
}

/* The text of <title> up to its first element: an unclosed title holds the
 * rest of the page in libxml2's tree. */
static const char *title_text(meta_walk *w, xmlNode *title) {
  bf_buf b;
  int space = 0;
  bf_buf_init(&b);
  for (xmlNode *c = title->children; c && c->type != XML_ELEMENT_NODE;
       c = c->next)
    if (c->content && b.len < 2000)
      bf_xtext_append(&b, 0, (const char *)c->content,
                      strlen((const char *)c->content), &space);
  char *r = b.oom ? NULL : bf_arena_strndup(w->a, b.s ? b.s : "", b.len);
  bf_buf_free(&b);
  return r;
}

static void on_element(meta_walk *w, xmlNode *n) {
  const char *name = (const char *)n->name;
  if (strcmp(name, "meta") == 0) {
    on_meta(w, n);
  } else if (strcmp(name, "title") == 0) {
    if (w->title.rank > 0)
      offer(&w->title, title_text(w, n), 0);
  } else if (strcmp(name, "link") == 0) {
    const char *rel = bf_attr(n, "rel");
    if (rel && bf_ascii_ieq(rel, "canonical"))
      offer_url(w, bf_attr(n, "href"), 0);
  } else if (strcmp(name, "html") == 0) {
    offer_lang(w, bf_attr(n, "lang"), 1);
    offer_lang(w, bf_attr(n, "xml:lang"), 1);
  } else if (strcmp(name, "script") == 0) {
    const char *type = bf_attr(n, "type");
    if (type && bf_ascii_ieq(type, "application/ld+json"))
      ld_script(w, n);
  } else {
    on_body_element(w, n, name);
  }
}

void bf_meta_collect(xmlDoc *doc, bf_arena *a, bf_meta *meta) {
  meta_walk w;
  memset(&w, 0, sizeof w);
  w.a = a;
  field *fields[] = {&w.title, &w.og_title, &w.ld_headline, &w.byline,
                     &w.date,  &w.site,     &w.canonical,   &w.lang};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    fields[i]->rank = RANK_NONE;
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlNode *n = root;
  while (n) {
    if (n->type == XML_ELEMENT_NODE) {
      on_element(&w, n);
      if (n->children && !skipped_element(n)) {
        n = n->children;
        continue;
      }
    }
    while (n != root && !n->next)
      n = n->parent;
    if (n == root)
      break;
    n = n->next;
  }
  char d[11];
  if (w.date.rank > 4 && w.canonical.value &&
      bf_meta_url_date(w.canonical.value, d))
    offer(&w.date, bf_arena_strdup(a, d), 4);
  memset(meta, 0, sizeof *meta);
  meta->title = w.title.value;
  meta->og_title = w.og_title.value;
  meta->ld_headline = w.ld_headline.value;
  meta->byline = w.byline.value;
  meta->date = w.date.value;
  meta->site_name = w.site.value;
  meta->canonical_url = w.canonical.value;
  meta->language = w.lang.value;
  meta->article_body = w.body;
  meta->article_body_len = w.body_len;
}
