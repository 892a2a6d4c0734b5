/*
 * wordnet_exc.c - loading and looking up WordNet exception lists (see
 * wordnet_exc.h). Each scorer loads its own copy, so lookups need no lock.
 */
#include "eval/wordnet_exc.h"

#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

/* Records "form base ..." from one line; other bases are ignored. */
static int add_line(bf_wn_exc *exc, const char *line, size_t len) {
  size_t i = 0, form, form_len, base, base_len;
  while (i < len && is_blank(line[i]))
    i++;
  form = i;
  while (i < len && !is_blank(line[i]))
    i++;
  form_len = i - form;
  while (i < len && is_blank(line[i]))
    i++;
  base = i;
  while (i < len && !is_blank(line[i]))
    i++;
  base_len = i - base;
  if (form_len == 0 || base_len == 0)
    return 0; /* malformed lines are skipped, as WordNet's own tools do */
  uint32_t id = bf_lexicon_intern(&exc->forms, line + form, form_len);
  if (!id)
    return -1;
  if (BF_VEC_RESERVE(exc->bases, (size_t)id + 1))
    return -1;
  while (exc->bases.n <= id)
    exc->bases.v[exc->bases.n++] = (bf_wn_base){NULL, 0};
  const char *copy = bf_arena_strndup(&exc->arena, line + base, base_len);
  if (!copy)
    return -1;
  exc->bases.v[id] = (bf_wn_base){copy, (uint32_t)base_len};
  return 0;
}

static brief_status load_file(bf_wn_exc *exc, const char *path,
                              brief_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  brief_status st = BRIEF_OK;
  while ((got = getline(&line, &cap, f)) > 0) {
    size_t len = (size_t)got;
    if (line[len - 1] == '\n')
      len--;
    if (add_line(exc, line, len)) {
      st = bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", path);
      break;
    }
  }
  if (st == BRIEF_OK && ferror(f))
    st = bf_fail(err, BRIEF_ERR_IO, "%s: read error", path);
  free(line);
  fclose(f);
  return st;
}

brief_status bf_wn_exc_load(bf_wn_exc *exc, const char *dir, brief_error *err) {
  static const char *const files[] = {"adj.exc", "adv.exc", "noun.exc",
                                      "verb.exc"};
  memset(exc, 0, sizeof *exc);
  bf_arena_init(&exc->arena);
  if (bf_lexicon_init(&exc->forms, &exc->arena))
    return bf_fail(err, BRIEF_ERR_NOMEM, "WordNet exceptions: out of memory");
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    if (n < 0 || (size_t)n >= sizeof path)
      return bf_fail(err, BRIEF_ERR_ARG, "%s: WordNet path too long", dir);
    brief_status st = load_file(exc, path, err);
    if (st != BRIEF_OK)
      return st;
  }
  return BRIEF_OK;
}

void bf_wn_exc_release(bf_wn_exc *exc) {
  bf_lexicon_release(&exc->forms);
  BF_VEC_FREE(exc->bases);
  bf_arena_release(&exc->arena);
}

const char *bf_wn_exc_find(const bf_wn_exc *exc, const char *s, size_t len,
                           size_t *base_len) {
  uint32_t id = bf_lexicon_find(&exc->forms, s, len);
  if (!id || id >= exc->bases.n || !exc->bases.v[id].s)
    return NULL;
  *base_len = exc->bases.v[id].len;
  return exc->bases.v[id].s;
}
