/*
 * input.c - reading article arguments into a story, and writing results.
 */
#include "input.h"

#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_inputs_init(cli_inputs *in) {
  memset(in, 0, sizeof *in);
}

void cli_inputs_free(cli_inputs *in) {
  free(in->v);
  memset(in, 0, sizeof *in);
}

int cli_inputs_add(cli_inputs *in, const char *path, int jsonl) {
  if (in->n == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 8;
    cli_input *v = realloc(in->v, cap * sizeof *v);
    if (!v)
      return -1;
    in->v = v;
    in->cap = cap;
  }
  in->v[in->n++] = (cli_input){path, jsonl};
  return 0;
}

int cli_inputs_option(cli_inputs *in, const char *cmd, const char *arg,
                      const char *val) {
  if (!strcmp(arg, "--jsonl") || !strcmp(arg, "--split") ||
      !strcmp(arg, "-o") || !strcmp(arg, "--output")) {
    if (!val || !*val) {
      cli_error("%s: %s needs a value", cmd, arg);
      return -1;
    }
    if (!strcmp(arg, "--jsonl")) {
      if (cli_inputs_add(in, val, 1)) {
        cli_error("out of memory");
        return -1;
      }
    } else if (!strcmp(arg, "--split")) {
      in->split = val;
    } else {
      in->output = val;
    }
    return 2;
  }
  if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
    in->quiet = 1;
    return 1;
  }
  if (arg[0] == '-' && arg[1]) {
    cli_error("%s: unknown option '%s' (try --help)", cmd, arg);
    return -1;
  }
  if (cli_inputs_add(in, arg, 0)) {
    cli_error("out of memory");
    return -1;
  }
  return 1;
}

int cli_inputs_load(const cli_inputs *in, brief_story **out, int quiet) {
  brief_story *story = brief_story_new();
  if (!story) {
    cli_error("out of memory");
    return -1;
  }
  brief_ingest_options io = {in->split, 0};
  brief_error err;
  for (size_t i = 0; i < in->n; i++) {
    brief_status st =
        in->v[i].jsonl ? brief_story_add_jsonl(story, in->v[i].path, &err)
                       : brief_story_add_path(story, in->v[i].path, &io, &err);
    if (st != BRIEF_OK) {
      cli_error("%s", err.message);
      brief_story_free(story);
      return -1;
    }
  }
  if (!quiet)
    cli_print_warnings(story, 0);
  if (brief_story_article_count(story) == 0) {
    cli_error("no article with text in the input");
    brief_story_free(story);
    return -1;
  }
  *out = story;
  return 0;
}

void cli_print_warnings(const brief_story *story, size_t from) {
  for (size_t i = from; i < brief_story_warning_count(story); i++)
    fprintf(stderr, "brief: warning: %s\n", brief_story_warning(story, i));
}

char *cli_read_text(const char *path, size_t *len_out, char *why,
                    size_t whylen) {
  char *buf;
  size_t len;
  brief_error err;
  if (brief_read_file(path, BRIEF_MAX_ARTICLE_BYTES, &buf, &len, &err) !=
      BRIEF_OK) {
    snprintf(why, whylen, "%s", err.message);
    return NULL;
  }
  if (brief_check_text(path, buf, len, &err) != BRIEF_OK) {
    snprintf(why, whylen, "%s", err.message);
    free(buf);
    return NULL;
  }
  *len_out = len;
  return buf;
}

int cli_emit(const char *path, const char *text) {
  if (!path)
    return cli_write_stdout(text);
  size_t n = strlen(path);
  char *tmp = malloc(n + 32);
  if (!tmp) {
    cli_error("out of memory");
    return 1;
  }
  snprintf(tmp, n + 32, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    cli_error("%s: %s", path, strerror(errno));
    free(tmp);
    return 1;
  }
  size_t len = strlen(text);
  int bad = fwrite(text, 1, len, f) != len;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    unlink(tmp);
    free(tmp);
    return 1;
  }
  free(tmp);
  return 0;
}
