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

/* Sets the article's day from `text`; returns -1 when a date was given
 * but is not one brief reads (the article then stays undated). */
static int set_date(bf_article *a, const char *text) {
  bf_date d;
  a->day = BF_NO_DAY;
  if (!text || !*text)
    return 0;
  if (!bf_date_parse(text, strlen(text), &d))
    return -1;
  bf_date_format(&d, a->date);
  a->day = bf_days_from_civil(d.year, d.month, d.day);
  return 0;
}

/* Metadata that came with the article, or else what extraction found. */
typedef struct meta {
  const char *source, *url, *title, *date;
} meta;

static brief_status store_article(brief_story *s, const char *name,
                                  const char *id, const meta *m,
                                  const char *text, size_t len,
                                  brief_error *err) {
  bf_clean_result c;
  if (bf_clean_text(text, len, &c))
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  if (c.len == 0) {
    bf_story_warn(s, "%s: no article text left after cleaning; skipped", name);
    free(c.text);
    bf_ok(err);
    return BRIEF_OK;
  }
  size_t words = bf_count_words(c.text, c.len);
  size_t max_words = s->limits.max_words;
  if (max_words && s->total_words + words > max_words) {
    free(c.text);
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: the story would have %zu words, over the limit of "
                   "%zu words",
                   name, s->total_words + words, max_words);
  }
  if (ensure_maps(s) || BF_VEC_RESERVE(s->articles, s->articles.n + 1))
    goto oom;
  bf_article a;
  memset(&a, 0, sizeof a);
  a.id = unique_id(s, id);
  a.source = bf_arena_strdup(&s->arena, m->source);
  a.url = bf_arena_strdup(&s->arena, m->url);
  a.title = bf_arena_strdup(&s->arena, m->title);
  a.text = bf_arena_strndup(&s->arena, c.text, c.len);
  if (!a.id || !a.source || !a.url || !a.title || !a.text)
    goto oom;
  a.len = (uint32_t)c.len;
  a.words = (uint32_t)words;
  if (set_date(&a, m->date))
    bf_story_warn(s,
                  "%s: date \"%.40s\" is not a date (expected YYYY-MM-DD); "
                  "the article is kept undated",
                  name, m->date);
  if (a.day == BF_NO_DAY && c.date.year) {
    bf_date_format(&c.date, a.date);
    a.day = bf_days_from_civil(c.date.year, c.date.month, c.date.day);
  }
  int is_new;
  uint32_t tid = bf_keymap_intern(&s->texts, bf_hash(c.text, c.len), &is_new);
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
  free(c.text);
  s->articles.v[s->articles.n++] = a;
  s->total_bytes += a.len;
  s->total_words += a.words;
  s->segmented = s->analysed = 0;
  bf_ok(err);
  return BRIEF_OK;
oom:
  free(c.text);
  return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
}

static brief_status add_html(brief_story *s, const char *name,
                             const brief_article *in, brief_error *err) {
  brief_page *page = NULL;
  brief_status st =
      brief_extract_html(in->html, in->html_len, name, &page, err);
  if (st != BRIEF_OK)
    return st;
  brief_page_view v;
  brief_page_view_get(page, &v);
  if (v.warning && *v.warning)
    bf_story_warn(s, "%s: %s", name, v.warning);
  meta m = {in->source && *in->source ? in->source : v.site_name,
            in->url && *in->url ? in->url : v.canonical_url,
            in->title && *in->title ? in->title : v.title,
            in->date && *in->date ? in->date : v.date};
  st = store_article(s, name, in->id, &m, v.text, v.text_len, err);
  brief_page_free(page);
  return st;
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
  int has_text = in->text != NULL;
  size_t len = has_text ? in->text_len : in->html_len;
  if (!has_text && !in->html)
    return bf_fail(err, BRIEF_ERR_ARG, "%s: article has neither text nor html",
                   name);
  if (len > BRIEF_MAX_ARTICLE_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %zu bytes is over the limit of %zu bytes per article",
                   name, len, BRIEF_MAX_ARTICLE_BYTES);
  if (s->total_bytes + len > BRIEF_MAX_STORY_BYTES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: the story would exceed %zu bytes", name,
                   BRIEF_MAX_STORY_BYTES);
  if (s->articles.n >= BRIEF_MAX_ARTICLES)
    return bf_fail(err, BRIEF_ERR_TOO_LARGE, "%s: over %u articles", name,
                   BRIEF_MAX_ARTICLES);
  if (!has_text)
    return add_html(s, name, in, err);
  brief_status st = brief_check_text(name, in->text, in->text_len, err);
  if (st != BRIEF_OK)
    return st;
  meta m = {in->source, in->url, in->title, in->date};
  return store_article(s, name, in->id, &m, in->text, in->text_len, err);
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

static brief_status add_buffer(brief_story *s, const char *name, const char *id,
                               const char *data, size_t len, int html,
                               brief_error *err) {
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
  brief_status st = brief_story_add(s, &a, err);
  /* Messages from brief_story_add name the article id; name the file. */
  if (st != BRIEF_OK)
    rename_error(err, name);
  return st;
}

/* Splits a Multi-News style text on `sep` into articles "ID#1", "ID#2"... */
static brief_status add_split(brief_story *s, const char *name, const char *id,
                              const char *data, size_t len, const char *sep,
                              brief_error *err) {
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
      st = add_buffer(s, pname, pid, data + b, e - b, 0, err);
      if (st != BRIEF_OK)
        return st;
    }
    if (at_sep)
      i += seplen - 1;
    start = i + 1;
  }
  return BRIEF_OK;
}

static brief_status add_file(brief_story *s, const char *path,
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
    bf_story_warn(s, "%s: empty file; skipped", name);
    free(data);
    bf_ok(err);
    return BRIEF_OK;
  }
  if (o && o->split && *o->split)
    st = add_split(s, name, id, data, len, o->split, err);
  else
    st = add_buffer(s, name, id, data, len,
                    is_html_name(path) || looks_like_html(data, len), err);
  free(data);
  return st;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static brief_status add_folder(brief_story *s, const char *path,
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
    st = add_file(s, names.v[i], o, max, err);
  for (size_t i = 0; i < names.n; i++)
    free(names.v[i]);
  BF_VEC_FREE(names);
  return st;
}

brief_status brief_story_add_path(brief_story *s, const char *path,
                                  const brief_ingest_options *o,
                                  brief_error *err) {
  if (!s || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_story_add_path: NULL argument");
  size_t max = (o && o->max_bytes) ? o->max_bytes : BRIEF_MAX_ARTICLE_BYTES;
  if (o && o->split && *o->split && max < BRIEF_MAX_ARTICLE_BYTES * 4)
    max = (o->max_bytes) ? o->max_bytes : BRIEF_MAX_ARTICLE_BYTES * 4;
  if (strcmp(path, "-") == 0)
    return add_file(s, path, o, max, err);
  struct stat sb;
  if (stat(path, &sb) != 0)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  if (S_ISDIR(sb.st_mode))
    return add_folder(s, path, o, max, err);
  return add_file(s, path, o, max, err);
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

/* A field brief does not read is most likely a misspelt one ("body" for
 * "text", "published" for "date"): say so, once per story, so that a
 * file of thousands of such lines does not give thousands of warnings. */
static void warn_unknown_fields(brief_story *s, json_t *obj, const char *name) {
  static const char *const known[] = {"id",   "source", "url", "title",
                                      "date", "text",   "html"};
  const char *key;
  json_t *v;
  if (s->warned_unknown_field)
    return;
  json_object_foreach(obj, key, v) {
    size_t k = 0;
    while (k < sizeof known / sizeof *known && strcmp(key, known[k]))
      k++;
    if (k == sizeof known / sizeof *known) {
      bf_story_warn(s,
                    "%s: unknown field \"%.60s\" ignored (fields read: id, "
                    "source, url, title, date, text, html); further unknown "
                    "fields are not reported",
                    name, key);
      s->warned_unknown_field = 1;
      return;
    }
  }
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

brief_status brief_story_add_jsonl(brief_story *s, const char *path,
                                   brief_error *err) {
  if (!s || !path)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_story_add_jsonl: NULL argument");
  int is_stdin = strcmp(path, "-") == 0;
  FILE *f = stdin;
  struct stat sb;
  if (!is_stdin) {
    brief_status st = bf_open_file(path, &f, &sb, err);
    if (st != BRIEF_OK)
      return st;
  }
  char *line = NULL;
  size_t cap = 0, lineno = 0, added = 0;
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
    size_t before = s->articles.n;
    brief_article a;
    char idnum[32];
    st = article_from_json(obj, where, &a, idnum, sizeof idnum, err);
    if (st == BRIEF_OK) {
      warn_unknown_fields(s, obj, where);
      st = brief_story_add_at(s, &a, where, err);
    }
    json_decref(obj);
    if (st != BRIEF_OK)
      break;
    added += s->articles.n - before;
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
  (void)added;
  return st;
}
