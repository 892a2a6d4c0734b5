/*
 * ingest.c - the ingest stage: from bytes to articles in a story.
 *
 * Owns every check on input (size limits, binary data, UTF-8, JSON shape)
 * and the reading of files, folders, standard input, JSONL and split texts.
 * HTML goes through the extract stage first; all text then goes through the
 * clean stage before it is stored. Nothing is stored from an input that
 * fails a check, so a story never holds half an article.
 */
#include "core/error.h"
#include "core/file.h"
#include "core/text.h"
#include "pipeline/pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- adding one article ------------------------------------------------ */

static int ensure_maps(brief_story *s) {
  if (s->maps_ready)
    return 0;
  if (bf_keymap_init(&s->ids, 64) || bf_keymap_init(&s->texts, 64))
    return -1;
  s->maps_ready = 1;
  return 0;
}

/* A unique id: the given one, or its position, with "~2", "~3"... appended
 * when already taken. */
static const char *unique_id(brief_story *s, const char *want) {
  char buf[300];
  if (!want || !*want) {
    snprintf(buf, sizeof buf, "%zu", s->articles.n + 1);
    want = buf;
  }
  char cand[320];
  snprintf(cand, sizeof cand, "%.290s", want);
  for (unsigned k = 2;; k++) {
    int is_new;
    if (!bf_keymap_intern(&s->ids, bf_hash(cand, strlen(cand)), &is_new))
      return NULL;
    if (is_new)
      break;
    snprintf(cand, sizeof cand, "%.290s~%u", want, k);
  }
  return bf_arena_strdup(&s->arena, cand);
}

/* ---- one article, outside any story ------------------------------------ */

void bf_ingested_release(bf_ingested *x) {
  free(x->text);
  free(x->source);
  free(x->url);
  free(x->title);
  memset(x, 0, sizeof *x);
}

static char *dup_or_empty(const char *s) {
  return strdup(s ? s : "");
}

/* Cleans `text` and fills out's text, words and date (the given date, or
 * one the clean stage found on a dateline). */
static brief_status clean_into(const char *name, const char *text, size_t len,
                               const char *date, bf_ingested *out,
                               brief_error *err) {
  bf_clean_result c;
  if (bf_clean_text(text, len, &c))
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  out->text = c.text;
  out->len = c.len;
  out->words = (uint32_t)bf_count_words(c.text, c.len);
  bf_date d;
  out->day = BF_NO_DAY;
  out->date_unreadable =
      date && *date && !bf_date_parse(date, strlen(date), &d);
  if (date && *date && !out->date_unreadable)
    out->day = bf_days_from_civil(d.year, d.month, d.day);
  else if (c.date.year) {
    d = c.date;
    out->day = bf_days_from_civil(d.year, d.month, d.day);
    out->date_from_text = 1;
  }
  if (out->day != BF_NO_DAY)
    bf_date_format(&d, out->date);
  return BRIEF_OK;
}

/* Fills out's metadata: what came with the article, or else what
 * extraction found on the page. */
static int copy_meta(bf_ingested *out, const brief_article *in,
                     const brief_page_view *page) {
  const char *source = in->source, *url = in->url, *title = in->title;
  if (page) {
    source = source && *source ? source : page->site_name;
    url = url && *url ? url : page->canonical_url;
    title = title && *title ? title : page->title;
  }
  out->source = dup_or_empty(source);
  out->url = dup_or_empty(url);
  out->title = dup_or_empty(title);
  return out->source && out->url && out->title ? 0 : -1;
}

static brief_status ingest_html(const brief_article *in, const char *name,
                                bf_ingested *out, brief_error *err) {
  brief_page *page = NULL;
  brief_status st =
      brief_extract_html(in->html, in->html_len, name, &page, err);
  if (st != BRIEF_OK)
    return st;
  brief_page_view v;
  brief_page_view_get(page, &v);
  const char *date = in->date && *in->date ? in->date : v.date;
  if (copy_meta(out, in, &v))
    st = bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  else
    st = clean_into(name, v.text, v.text_len, date, out, err);
  if (st == BRIEF_OK && v.warning && *v.warning)
    snprintf(out->warning, sizeof out->warning, "%.200s: %.190s", name,
             v.warning);
  brief_page_free(page);
  return st;
}

brief_status bf_ingest_one(const brief_article *in, const char *name,
                           bf_ingested *out, brief_error *err) {
  memset(out, 0, sizeof *out);
  out->day = BF_NO_DAY;
  int has_text = in->text != NULL;
  size_t len = has_text ? in->text_len : in->html_len;
  brief_status st;
  if (!has_text && !in->html)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: article has neither text nor html",
                   name);
  if (len > BRIEF_MAX_ARTICLE_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %zu bytes is over the limit of %zu bytes per article",
                   name, len, BRIEF_MAX_ARTICLE_BYTES);
  if (!has_text)
    st = ingest_html(in, name, out, err);
  else if ((st = brief_check_text(name, in->text, in->text_len, err)) ==
           BRIEF_OK) {
    if (copy_meta(out, in, NULL))
      st = bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
    else
      st = clean_into(name, in->text, in->text_len, in->date, out, err);
  }
  if (st != BRIEF_OK)
    bf_ingested_release(out);
  else
    bf_ok(err);
  return st;
}

/* ---- one article into a story ------------------------------------------- */

/* Stores a checked, cleaned article; with keep_layers, the story's
 * segment and analyse layers stay as they are (it is only cited). */
static brief_status store_ingested(brief_story *s, const char *name,
                                   const char *id, const bf_ingested *in,
                                   int keep_layers, brief_error *err) {
  size_t max_words = s->limits.max_words;
  if (!keep_layers && max_words && s->total_words + in->words > max_words)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: the story would have %zu words, over the limit of "
                   "%zu words",
                   name, s->total_words + in->words, max_words);
  if (ensure_maps(s) || BF_VEC_RESERVE(s->articles, s->articles.n + 1))
    goto oom;
  bf_article a;
  memset(&a, 0, sizeof a);
  a.id = unique_id(s, id);
  a.source = bf_arena_strdup(&s->arena, in->source);
  a.url = bf_arena_strdup(&s->arena, in->url);
  a.title = bf_arena_strdup(&s->arena, in->title);
  a.text = bf_arena_strndup(&s->arena, in->text, in->len);
  if (!a.id || !a.source || !a.url || !a.title || !a.text)
    goto oom;
  a.len = (uint32_t)in->len;
  a.words = in->words;
  a.day = in->day;
  memcpy(a.date, in->date, sizeof a.date);
  int is_new;
  uint32_t tid =
      bf_keymap_intern(&s->texts, bf_hash(in->text, in->len), &is_new);
  if (!tid)
    goto oom;
  if (is_new) {
    if (BF_VEC_PUSH(s->text_owner, (uint32_t)s->articles.n))
      goto oom;
  } else {
    uint32_t owner = s->text_owner.v[tid - 1];
    a.dup_of = owner + 1;
    bf_story_warn(s, "%s: exact copy of article '%s'", name,
                  s->articles.v[owner].id);
  }
  if (s->segmented) {
    /* Added after segmentation, it only stands as a citation: no sentence
     * of it is in the layers already built. */
    a.sent_first = (uint32_t)s->sents.n;
    a.sent_count = 0;
  }
  s->articles.v[s->articles.n++] = a;
  s->total_bytes += a.len;
  s->total_words += a.words;
  if (!keep_layers)
    s->segmented = s->analysed = 0;
  bf_ok(err);
  return BRIEF_OK;
oom:
  return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
}

brief_status bf_story_add_ingested(brief_story *s, const char *name,
                                   const char *id, const bf_ingested *x,
                                   brief_error *err) {
  return store_ingested(s, name, id, x, 0, err);
}

brief_status bf_story_add_cited(brief_story *s, const char *name,
                                const char *id, const bf_ingested *x,
                                brief_error *err) {
  return store_ingested(s, name, id, x, 1, err);
}

brief_status brief_story_add(brief_story *s, const brief_article *in,
                             brief_error *err) {
  if (!s || !in)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_story_add: NULL argument");
  char fallback[64];
  const char *name = in->id;
  if (!name || !*name) {
    snprintf(fallback, sizeof fallback, "article %zu", s->articles.n + 1);
    name = fallback;
  }
  size_t len = in->text ? in->text_len : in->html_len;
  if (s->total_bytes + len > BRIEF_MAX_STORY_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: the story would exceed %zu bytes", name,
                   BRIEF_MAX_STORY_BYTES);
  if (s->articles.n >= BRIEF_MAX_ARTICLES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE, "%s: over %u articles", name,
                   BRIEF_MAX_ARTICLES);
  bf_ingested x;
  brief_status st = bf_ingest_one(in, name, &x, err);
  if (st != BRIEF_OK)
    return st;
  if (x.warning[0])
    bf_story_warn(s, "%s", x.warning);
  if (x.len && x.date_unreadable)
    bf_story_warn(s,
                  "%s: date \"%.40s\" is not a date (expected YYYY-MM-DD); "
                  "the article is kept undated",
                  name, in->date);
  if (x.len)
    st = store_ingested(s, name, in->id, &x, 0, err);
  else
    bf_story_warn(s, "%s: no article text left after cleaning; skipped", name);
  bf_ingested_release(&x);
  return st;
}

/* ---- files, folders and standard input --------------------------------- */

static int has_ext(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  return n > e && strcasecmp(name + n - e, ext) == 0;
}

static int is_html_name(const char *name) {
  return has_ext(name, ".html") || has_ext(name, ".htm") ||
         has_ext(name, ".xhtml");
}

static int looks_like_html(const char *data, size_t len) {
  size_t i = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' ||
                     data[i] == '\t'))
    i++;
  return (len - i >= 9 && strncasecmp(data + i, "<!doctype", 9) == 0) ||
         (len - i >= 5 && strncasecmp(data + i, "<html", 5) == 0);
}

/* The id of a file: its base name without extension. */
static void id_from_path(const char *path, char *out, size_t cap) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  snprintf(out, cap, "%s", base);
  char *dot = strrchr(out, '.');
  if (dot && dot != out)
    *dot = '\0';
}

/* Replaces the name before the first ": " of an error message by `name`. */
static void rename_error(brief_error *err, const char *name) {
  if (!err || strncmp(err->message, name, strlen(name)) == 0)
    return;
  char msg[sizeof err->message];
  const char *colon = strstr(err->message, ": ");
  snprintf(msg, sizeof msg, "%.200s: %.300s", name,
           colon ? colon + 2 : err->message);
  memcpy(err->message, msg, sizeof msg);
}

static void sink_warn(const bf_sink *sk, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sink_warn(const bf_sink *sk, const char *fmt, ...) {
  char msg[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (sk->warn)
    sk->warn(sk->ctx, msg);
}

static brief_status add_buffer(const bf_sink *sk, const char *name,
                               const char *id, const char *data, size_t len,
                               int html, brief_error *err) {
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = id;
  if (html) {
    a.html = data;
    a.html_len = len;
  } else {
    a.text = data;
    a.text_len = len;
  }
  brief_status st = sk->article(sk->ctx, &a, name, err);
  /* Messages from the sink name the article id; name the file. */
  if (st != BRIEF_OK)
    rename_error(err, name);
  return st;
}

/* Splits a Multi-News style text on `sep` into articles "ID#1", "ID#2"... */
static brief_status add_split(const bf_sink *sk, const char *name,
                              const char *id, const char *data, size_t len,
                              const char *sep, brief_error *err) {
  size_t seplen = strlen(sep), part = 0, start = 0;
  brief_status st = brief_check_text(name, data, len, err);
  if (st != BRIEF_OK)
    return st;
  for (size_t i = 0; i <= len; i++) {
    int at_sep = i + seplen <= len && memcmp(data + i, sep, seplen) == 0;
    if (!at_sep && i < len)
      continue;
    char pid[320], pname[600];
    part++;
    snprintf(pid, sizeof pid, "%.280s#%zu", id, part);
    snprintf(pname, sizeof pname, "%.400s (part %zu)", name, part);
    size_t b = start, e = i;
    while (b < e && (data[b] == ' ' || data[b] == '\n'))
      b++;
    if (e > b) {
      st = add_buffer(sk, pname, pid, data + b, e - b, 0, err);
      if (st != BRIEF_OK)
        return st;
    }
    if (at_sep)
      i += seplen - 1;
    start = i + 1;
  }
  return BRIEF_OK;
}

static brief_status add_file(const bf_sink *sk, const char *path,
                             const brief_ingest_options *o, size_t max,
                             brief_error *err) {
  char *data;
  size_t len;
  brief_status st;
  int is_stdin = strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  st = brief_read_file(path, max, &data, &len, err);
  if (st != BRIEF_OK)
    return st;
  char id[300];
  if (is_stdin)
    snprintf(id, sizeof id, "stdin");
  else
    id_from_path(path, id, sizeof id);
  if (len == 0) {
    sink_warn(sk, "%s: empty file; skipped", name);
    free(data);
    bf_ok(err);
    return BRIEF_OK;
  }
  if (o && o->split && *o->split)
    st = add_split(sk, name, id, data, len, o->split, err);
  else
    st = add_buffer(sk, name, id, data, len,
                    is_html_name(path) || looks_like_html(data, len), err);
  free(data);
  return st;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static brief_status add_folder(const bf_sink *sk, const char *path,
                               const brief_ingest_options *o, size_t max,
                               brief_error *err) {
  DIR *d = opendir(path);
  if (!d)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  BF_VEC(char *) names = {0};
  brief_status st = BRIEF_OK;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.')
      continue;
    if (!has_ext(e->d_name, ".txt") && !is_html_name(e->d_name))
      continue;
    char *full = malloc(strlen(path) + strlen(e->d_name) + 2);
    if (!full || BF_VEC_PUSH(names, full)) {
      free(full);
      st = bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", path);
      break;
    }
    sprintf(full, "%s/%s", path, e->d_name);
  }
  closedir(d);
  if (st == BRIEF_OK && names.n == 0)
    st = bf_fail(err, BRIEF_ERR_EMPTY, "%s: no .txt or .html files in folder",
                 path);
  if (names.n)
    qsort(names.v, names.n, sizeof *names.v, cmp_str);
  /* Every listed name is read: one that is not a regular file (a FIFO, a
   * folder named x.txt) is an error naming it, never a silent skip. */
  for (size_t i = 0; st == BRIEF_OK && i < names.n; i++)
    st = add_file(sk, names.v[i], o, max, err);
  for (size_t i = 0; i < names.n; i++)
    free(names.v[i]);
  BF_VEC_FREE(names);
  return st;
}

brief_status bf_read_path(const char *path, const brief_ingest_options *o,
                          const bf_sink *sk, brief_error *err) {
  size_t max = (o && o->max_bytes) ? o->max_bytes : BRIEF_MAX_ARTICLE_BYTES;
  if (o && o->split && *o->split && max < BRIEF_MAX_ARTICLE_BYTES * 4)
    max = (o->max_bytes) ? o->max_bytes : BRIEF_MAX_ARTICLE_BYTES * 4;
  if (strcmp(path, "-") == 0)
    return add_file(sk, path, o, max, err);
  struct stat sb;
  if (stat(path, &sb) != 0)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  if (S_ISDIR(sb.st_mode))
    return add_folder(sk, path, o, max, err);
  return add_file(sk, path, o, max, err);
}

/* ---- JSON -----------------------------------------------------------------
 */

/* Reads an optional string field; numbers are accepted for "id". Returns -1
 * when the field has another type. */
static int get_string(json_t *obj, const char *key, const char **out,
                      size_t *len, char *numbuf, size_t numcap) {
  json_t *v = json_object_get(obj, key);
  *out = NULL;
  if (len)
    *len = 0;
  if (!v || json_is_null(v))
    return 0;
  if (json_is_string(v)) {
    *out = json_string_value(v);
    if (len)
      *len = json_string_length(v);
    return 0;
  }
  if (numbuf && json_is_integer(v)) {
    snprintf(numbuf, numcap, "%lld", (long long)json_integer_value(v));
    *out = numbuf;
    return 0;
  }
  return -1;
}

/* The first field of an article object that brief does not read, or
 * NULL. */
static const char *unknown_field(json_t *obj) {
  static const char *const known[] = {"id",   "source", "url", "title",
                                      "date", "text",   "html"};
  const char *key;
  json_t *v;
  json_object_foreach(obj, key, v) {
    size_t k = 0;
    while (k < sizeof known / sizeof *known && strcmp(key, known[k]))
      k++;
    if (k == sizeof known / sizeof *known)
      return key;
  }
  return NULL;
}

brief_status brief_story_add_at(brief_story *s, const brief_article *in,
                                const char *where, brief_error *err) {
  brief_status st = brief_story_add(s, in, err);
  if (st == BRIEF_OK || !where || !in)
    return st;
  char name[600];
  if (in->id)
    snprintf(name, sizeof name, "%.300s (id %.200s)", where, in->id);
  else
    snprintf(name, sizeof name, "%.500s", where);
  rename_error(err, name);
  return st;
}

/* Reads one JSONL line's object into `a` (its strings borrowed from `obj`;
 * a numeric id is written into idnum). */
static brief_status article_from_json(json_t *obj, const char *where,
                                      brief_article *a, char *idnum,
                                      size_t idcap, brief_error *err) {
  if (!json_is_object(obj))
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: expected a JSON object", where);
  memset(a, 0, sizeof *a);
  static const char *const keys[] = {"source", "url", "title", "date"};
  const char **dst[] = {&a->source, &a->url, &a->title, &a->date};
  if (get_string(obj, "id", &a->id, NULL, idnum, idcap))
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: \"id\" must be a string", where);
  for (size_t i = 0; i < 4; i++)
    if (get_string(obj, keys[i], dst[i], NULL, NULL, 0))
      return bf_fail(err, BRIEF_ERR_PARSE, "%s: \"%s\" must be a string", where,
                     keys[i]);
  if (get_string(obj, "text", &a->text, &a->text_len, NULL, 0))
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: \"text\" must be a string",
                   where);
  if (get_string(obj, "html", &a->html, &a->html_len, NULL, 0))
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: \"html\" must be a string",
                   where);
  if (!a->text && !a->html)
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: no \"text\" or \"html\" field",
                   where);
  return BRIEF_OK;
}

static brief_status json_object_to_sink(const bf_sink *sk, json_t *obj,
                                        const char *where, brief_error *err) {
  brief_article a;
  char idnum[32];
  brief_status st = article_from_json(obj, where, &a, idnum, sizeof idnum, err);
  if (st != BRIEF_OK)
    return st;
  const char *unknown = sk->unknown ? unknown_field(obj) : NULL;
  if (unknown)
    sk->unknown(sk->ctx, unknown, where);
  char name[600];
  if (a.id)
    snprintf(name, sizeof name, "%.300s (id %.200s)", where, a.id);
  else
    snprintf(name, sizeof name, "%.500s", where);
  st = sk->article(sk->ctx, &a, name, err);
  if (st != BRIEF_OK)
    rename_error(err, name);
  return st;
}

brief_status bf_read_jsonl(const char *path, const bf_sink *sk,
                           brief_error *err) {
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f = stdin;
  struct stat sb;
  if (!is_stdin) {
    brief_status st = bf_open_file(path, &f, &sb, err);
    if (st != BRIEF_OK)
      return st;
  }
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  ssize_t n;
  brief_status st = BRIEF_OK;
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    char where[600];
    snprintf(where, sizeof where, "%.500s:%zu", path, lineno);
    size_t len = (size_t)n;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
                   line[len - 1] == ' '))
      len--;
    if (len == 0)
      continue;
    if (len > BRIEF_MAX_ARTICLE_BYTES * 2) {
      st = bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: line of %zu bytes is over the limit", where, len);
      break;
    }
    if ((st = brief_check_text(where, line, len, err)) != BRIEF_OK)
      break;
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
      st = bf_fail(err, BRIEF_ERR_PARSE, "%s: malformed JSON: %s (column %d)",
                   where, jerr.text, jerr.column);
      break;
    }
    st = json_object_to_sink(sk, obj, where, err);
    json_decref(obj);
    if (st != BRIEF_OK)
      break;
  }
  if (st == BRIEF_OK && ferror(f))
    st = bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  free(line);
  if (!is_stdin)
    fclose(f);
  if (st == BRIEF_OK && lineno == 0)
    st = bf_fail(err, BRIEF_ERR_EMPTY, "%s: no JSON lines", path);
  if (st == BRIEF_OK)
    bf_ok(err);
  return st;
}

/* ---- the story's readers --------------------------------------------------
 */

static brief_status story_sink_article(void *ctx, const brief_article *a,
                                       const char *name, brief_error *err) {
  (void)name;
  return brief_story_add(ctx, a, err);
}

static void story_sink_warn(void *ctx, const char *message) {
  bf_story_warn(ctx, "%s", message);
}

/* A field brief does not read is most likely a misspelt one ("body" for
 * "text", "published" for "date"): say so, once per story, so that a
 * file of thousands of such lines does not give thousands of warnings. */
static void story_sink_unknown(void *ctx, const char *field,
                               const char *where) {
  brief_story *s = ctx;
  if (s->warned_unknown_field)
    return;
  bf_story_warn(s,
                "%s: unknown field \"%.60s\" ignored (fields read: id, "
                "source, url, title, date, text, html); further unknown "
                "fields are not reported",
                where, field);
  s->warned_unknown_field = 1;
}

brief_status brief_story_add_path(brief_story *s, const char *path,
                                  const brief_ingest_options *o,
                                  brief_error *err) {
  if (!s || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_story_add_path: NULL argument");
  bf_sink sk = {story_sink_article, story_sink_warn, story_sink_unknown, s};
  return bf_read_path(path, o, &sk, err);
}

brief_status brief_story_add_jsonl(brief_story *s, const char *path,
                                   brief_error *err) {
  if (!s || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_story_add_jsonl: NULL argument");
  bf_sink sk = {story_sink_article, story_sink_warn, story_sink_unknown, s};
  return bf_read_jsonl(path, &sk, err);
}
