/*
 * handlers.c - the API's answers: request JSON in, reply JSON out.
 *
 * Owns the request schema of POST /v1/brief and the mapping from library
 * statuses to HTTP statuses and error codes. The summary itself is rendered
 * by the library, so the server's JSON is byte for byte what the CLI prints.
 * Nothing here reads or writes a file: articles come from the body only.
 */
#include "handlers.h"

#include "brief.h"

#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reply when even an error reply cannot be allocated. */
static const char oom_body[] =
    "{\n  \"error\": {\n    \"code\": \"internal\",\n"
    "    \"message\": \"out of memory\"\n  }\n}";

static void reply_oom(srv_reply *r) {
  memset(r, 0, sizeof *r);
  r->status = 500;
  r->body = (char *)oom_body;
  r->len = sizeof oom_body - 1;
}

static char *dump(const json_t *v) {
  return json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
}

void srv_reply_json(srv_reply *r, unsigned status, json_t *v) {
  char *s = v ? dump(v) : NULL;
  json_decref(v);
  if (!s) {
    reply_oom(r);
    return;
  }
  memset(r, 0, sizeof *r);
  r->status = status;
  r->body = s;
  r->len = strlen(s);
  r->owned = 1;
}

void srv_reply_error(srv_reply *r, unsigned status, const char *code,
                     const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  /* Library messages quote the input; a cut may split a UTF-8 sequence,
   * which jansson would refuse, so fall back to a plain message. */
  json_t *m = json_string(msg);
  if (!m)
    m = json_string("the message could not be encoded");
  srv_reply_json(
      r, status,
      json_pack("{s:{s:s, s:o}}", "error", "code", code, "message", m));
}

void srv_reply_free(srv_reply *r) {
  if (r->owned)
    free(r->body);
  memset(r, 0, sizeof *r);
}

void srv_handle_version(srv_reply *out) {
  srv_reply_json(out, 200,
                 json_pack("{s:s, s:s, s:s}", "name", "brief", "version",
                           brief_version(), "api", "v1"));
}

void srv_handle_health(const srv_health *h, srv_reply *out) {
  srv_reply_json(out, h->draining ? 503 : 200,
                 json_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I}", "status",
                           h->draining ? "draining" : "ok", "workers",
                           h->workers, "queued", (json_int_t)h->queued,
                           "running", (json_int_t)h->running, "queue_capacity",
                           (json_int_t)h->queue_cap, "writing",
                           (json_int_t)h->writing, "streams",
                           (json_int_t)h->streams));
}

/* The HTTP status and error code of a library failure. Input problems are
 * the client's (4xx); anything else is ours (5xx). */
static unsigned status_of(brief_status st, const char **code) {
  switch (st) {
  case BRIEF_ERR_PARSE:
  case BRIEF_ERR_ARG:
  case BRIEF_ERR_UTF8:
  case BRIEF_ERR_BINARY:
    *code = "invalid_article";
    return 400;
  case BRIEF_ERR_EMPTY:
    *code = "empty";
    return 400;
  case BRIEF_ERR_TOO_LARGE:
    *code = "payload_too_large";
    return 413;
  case BRIEF_ERR_UNSUPPORTED:
    *code = "unsupported";
    return 501;
  default:
    *code = "internal";
    return 500;
  }
}

void srv_reply_status(srv_reply *r, const brief_error *err) {
  const char *code;
  unsigned http = status_of(err->status, &code);
  srv_reply_error(r, http, code, "%s", err->message);
}

/* Reads "words", "facts", "query" and checks "articles"; on a problem
 * fills `out` with a 400/413 reply and returns -1. */
static int parse_request(json_t *root, const srv_limits *lim,
                         brief_options *opts, json_t **articles,
                         srv_reply *out) {
  if (!json_is_object(root)) {
    srv_reply_error(out, 400, "invalid_request",
                    "the body must be a JSON object");
    return -1;
  }
  const char *key;
  json_t *v;
  json_object_foreach(root, key, v) {
    if (strcmp(key, "articles") && strcmp(key, "words") &&
        strcmp(key, "facts") && strcmp(key, "query")) {
      srv_reply_error(out, 400, "invalid_request",
                      "unknown field \"%.100s\" (expected articles, words, "
                      "facts, query)",
                      key);
      return -1;
    }
  }
  *articles = json_object_get(root, "articles");
  if (!json_is_array(*articles) || json_array_size(*articles) == 0) {
    srv_reply_error(out, 400, "invalid_request",
                    "\"articles\" must be a non-empty array of objects");
    return -1;
  }
  size_t n = json_array_size(*articles);
  if (n > lim->max_articles) {
    srv_reply_error(out, 413, "payload_too_large",
                    "%zu articles: the limit is %zu per request", n,
                    lim->max_articles);
    return -1;
  }
  v = json_object_get(root, "words");
  if (json_is_string(v) && strcmp(json_string_value(v), "auto") == 0) {
    opts->auto_words = 1;
  } else if (json_is_integer(v) && json_integer_value(v) > 0 &&
             json_integer_value(v) <= BRIEF_MAX_WORDS) {
    opts->words = (int)json_integer_value(v);
  } else if (v) {
    srv_reply_error(out, 400, "invalid_request",
                    "\"words\" must be a whole number from 1 to %d or "
                    "\"auto\"",
                    BRIEF_MAX_WORDS);
    return -1;
  }
  v = json_object_get(root, "facts");
  if (json_is_boolean(v)) {
    opts->facts = json_is_true(v);
  } else if (v) {
    srv_reply_error(out, 400, "invalid_request",
                    "\"facts\" must be true or false");
    return -1;
  }
  v = json_object_get(root, "query");
  if (json_is_string(v) &&
      strspn(json_string_value(v), " \t\r\n\f\v") < json_string_length(v)) {
    opts->query = json_string_value(v); /* borrowed from the request */
  } else if (v && !json_is_null(v)) {
    srv_reply_error(out, 400, "invalid_request",
                    "\"query\" must be a question: a string with a word in "
                    "it (or null for a generic brief)");
    return -1;
  }
  return 0;
}

/* The fields of an article object, in brief_article's order. */
static const char *const article_fields[] = {"id",   "source", "url", "title",
                                             "date", "text",   "html"};
enum { ARTICLE_FIELDS = sizeof article_fields / sizeof *article_fields };

/* The first field of article `obj` the API does not read, or NULL: most
 * likely a misspelt one ("body" for "text"). */
static const char *unknown_field(json_t *obj) {
  const char *key;
  json_t *v;
  json_object_foreach(obj, key, v) {
    size_t k = 0;
    while (k < ARTICLE_FIELDS && strcmp(key, article_fields[k]))
      k++;
    if (k == ARTICLE_FIELDS)
      return key;
  }
  return NULL;
}

int srv_read_article(json_t *obj, const char *where, brief_article *a,
                     char idnum[32], char *why, size_t cap) {
  const char *const *keys = article_fields;
  const char **field[ARTICLE_FIELDS] = {
      &a->id, &a->source, &a->url, &a->title, &a->date, &a->text, &a->html};
  memset(a, 0, sizeof *a);
  if (!json_is_object(obj)) {
    snprintf(why, cap, "%s: expected a JSON object", where);
    return -1;
  }
  for (size_t i = 0; i < ARTICLE_FIELDS; i++) {
    json_t *v = json_object_get(obj, keys[i]);
    if (json_is_string(v)) {
      *field[i] = json_string_value(v);
    } else if (field[i] == &a->id && json_is_integer(v)) {
      snprintf(idnum, 32, "%lld", (long long)json_integer_value(v));
      a->id = idnum;
    } else if (v && !json_is_null(v)) {
      snprintf(why, cap, "%s: \"%s\" must be a string", where, keys[i]);
      return -1;
    }
  }
  a->text_len = a->text ? json_string_length(json_object_get(obj, "text")) : 0;
  a->html_len = a->html ? json_string_length(json_object_get(obj, "html")) : 0;
  if (!a->text && !a->html) {
    snprintf(why, cap, "%s: no \"text\" or \"html\" field", where);
    return -1;
  }
  return 0;
}

/* Adds the request's articles; on a problem fills `out` and returns -1.
 * The first field no article has is reported once, in `unknown`. */
static int add_articles(brief_story *story, json_t *articles, char *unknown,
                        size_t cap, srv_reply *out) {
  size_t i;
  json_t *obj;
  json_array_foreach(articles, i, obj) {
    char where[48], idnum[32], why[300];
    brief_article a;
    brief_error err;
    snprintf(where, sizeof where, "articles[%zu]", i);
    if (srv_read_article(obj, where, &a, idnum, why, sizeof why)) {
      srv_reply_error(out, 400, "invalid_article", "%s", why);
      return -1;
    }
    const char *key = *unknown ? NULL : unknown_field(obj);
    if (key)
      snprintf(unknown, cap,
               "%s: unknown field \"%.60s\" ignored (fields read: id, "
               "source, url, title, date, text, html); further unknown "
               "fields are not reported",
               where, key);
    if (brief_story_add_at(story, &a, where, &err) != BRIEF_OK) {
      srv_reply_status(out, &err);
      return -1;
    }
  }
  return 0;
}

/* Runs the pipeline on a parsed request and renders it. */
static void srv_story_reply(json_t *articles, const brief_options *opts,
                            const srv_limits *lim, srv_reply *out) {
  brief_error err = {0};
  brief_story *story = brief_story_new();
  brief_story_limits caps = {lim->max_words, lim->max_sentences};
  brief_summary *sum = NULL;
  brief_facts *facts = NULL;
  char *text = NULL;
  char unknown[300] = "", warning[600] = "";
  const char *warnings[2];
  size_t nwarnings = 0;
  if (!story) {
    reply_oom(out);
    return;
  }
  brief_story_set_limits(story, &caps);
  if (add_articles(story, articles, unknown, sizeof unknown, out))
    goto done;
  if (brief_summarize(story, opts, &sum, &err)) {
    srv_reply_status(out, &err);
    goto done;
  }
  /* Facts are an extra: when the stage cannot give them, the summary is
   * still worth returning, with a warning that says why. */
  if (opts->facts && brief_facts_extract(story, opts, &facts, &err)) {
    if (err.status == BRIEF_ERR_NOMEM) {
      srv_reply_status(out, &err);
      goto done;
    }
    snprintf(warning, sizeof warning, "facts unavailable: %s", err.message);
    facts = NULL;
  }
  if (*unknown)
    warnings[nwarnings++] = unknown;
  if (*warning)
    warnings[nwarnings++] = warning;
  if (brief_render(story, sum, facts, opts, warnings, nwarnings,
                   BRIEF_FORMAT_JSON, &text, &err)) {
    srv_reply_status(out, &err);
    goto done;
  }
  memset(out, 0, sizeof *out);
  out->status = 200;
  out->body = text;
  out->len = strlen(text);
  out->owned = 1;
  text = NULL;
done:
  brief_free(text);
  brief_facts_free(facts);
  brief_summary_free(sum);
  brief_story_free(story);
}

/* An upper bound of the values in JSON text: one per comma, bracket and
 * brace outside strings, plus one. Counts malformed text too: the parser
 * says what is wrong with it. */
static size_t json_values_bound(const char *s, size_t len) {
  size_t n = 1;
  int in_string = 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        i++;
      else if (c == '"')
        in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == ',' || c == '[' || c == '{') {
      n++;
    }
  }
  return n;
}

int srv_parse_body(const char *body, size_t len, json_t **root,
                   srv_reply *out) {
  *root = NULL;
  if (!body || len == 0) {
    srv_reply_error(out, 400, "malformed_json",
                    "the body is empty: expected a JSON object");
    return -1;
  }
  if (json_values_bound(body, len) > SRV_MAX_JSON_VALUES) {
    srv_reply_error(out, 413, "payload_too_large",
                    "the body holds more than %d JSON values, the limit",
                    SRV_MAX_JSON_VALUES);
    return -1;
  }
  json_error_t jerr;
  *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
  if (!*root) {
    srv_reply_error(out, 400, "malformed_json",
                    "malformed JSON at line %d, column %d: %s", jerr.line,
                    jerr.column, jerr.text);
    return -1;
  }
  return 0;
}

void srv_handle_brief(const char *body, size_t len, const srv_limits *lim,
                      srv_reply *out) {
  json_t *root;
  if (srv_parse_body(body, len, &root, out) != 0)
    return;
  brief_options opts;
  brief_options_init(&opts);
  opts.wordnet = lim->wordnet;
  json_t *articles = NULL;
  brief_error err;
  if (parse_request(root, lim, &opts, &articles, out) == 0) {
    if (brief_options_check(&opts, &err))
      srv_reply_status(out, &err);
    else
      srv_story_reply(articles, &opts, lim, out);
  }
  json_decref(root);
}
