/*
 * main.c - the brief command: dispatches to one command per file.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} commands[] = {
    {"summarize", cmd_summarize, "cited summary of articles about one story"},
    {"facts", cmd_facts, "figures, quotes, people, places and timeline"},
    {"extract", cmd_extract, "main article text and metadata of a web page"},
    {"rouge", cmd_rouge, "ROUGE scores of a candidate against references"},
    {"eval", cmd_eval, "evaluate the summarizer on a data set"},
    {"serve", cmd_serve, "HTTP API and web page"},
    {"stories", cmd_stories, "group a stream of articles into stories"},
    {"eval-stories", cmd_eval_stories,
     "score story grouping against gold labels"},
    {"feed", cmd_feed, "add articles to a desk kept in Redis"},
    {"worker", cmd_worker, "ingest, assign or brief a desk kept in Redis"},
};

static void usage(FILE *out) {
  fprintf(out, "usage: brief COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
  fprintf(out, "\n'brief COMMAND --help' shows a command's options.\n");
}

void cli_error(const char *fmt, ...) {
  va_list ap;
  fputs("brief: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int cli_write_stdout(const char *text) {
  size_t len = strlen(text);
  if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
    cli_error("stdout: %s", strerror(errno));
    return 1;
  }
  return 0;
}

int cli_parse_int(const char *s, long min, long max, long *out) {
  if (!s || !*s)
    return -1;
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || v < min || v > max)
    return -1;
  *out = v;
  return 0;
}

int cli_parse_format(const char *s, brief_format *out) {
  if (strcmp(s, "text") == 0)
    *out = BRIEF_FORMAT_TEXT;
  else if (strcmp(s, "json") == 0)
    *out = BRIEF_FORMAT_JSON;
  else if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
    *out = BRIEF_FORMAT_MARKDOWN;
  else
    return -1;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return 2;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
      strcmp(name, "help") == 0) {
    usage(stdout);
    return 0;
  }
  if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
    printf("brief %s\n", brief_version());
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (strcmp(name, commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  cli_error("unknown command '%s' (try 'brief --help')", name);
  return 2;
}
