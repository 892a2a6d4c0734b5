/*
 * input.h - reading the article arguments shared by summarize and facts.
 */
#ifndef BRIEF_CLI_INPUT_H
#define BRIEF_CLI_INPUT_H

#include "brief.h"

typedef struct cli_input {
  const char *path;
  int jsonl;
} cli_input;

typedef struct cli_inputs {
  cli_input *v;
  size_t n, cap;
  const char *split;  /* --split SEP */
  const char *output; /* -o FILE, or NULL for stdout */
  int quiet;          /* -q */
} cli_inputs;

void cli_inputs_init(cli_inputs *in);
void cli_inputs_free(cli_inputs *in);
int cli_inputs_add(cli_inputs *in, const char *path, int jsonl);

/* Handles the options every article-reading command shares: --jsonl FILE,
 * --split SEP, -o/--output FILE, -q/--quiet, and plain paths; the command
 * tries its own options first. Returns the number of arguments used (1 or
 * 2), or -1 after printing an error prefixed with `cmd` (an unknown option,
 * a missing value). */
int cli_inputs_option(cli_inputs *in, const char *cmd, const char *arg,
                      const char *val);

/* Builds a story from every input; prints warnings (unless quiet) and the
 * first error. Returns 0 on success with *out the caller's. */
int cli_inputs_load(const cli_inputs *in, brief_story **out, int quiet);

/* Prints the story's warnings from number `from` on stderr, one line each. */
void cli_print_warnings(const brief_story *story, size_t from);

/* Reads a whole file ("-" is standard input) of at most
 * BRIEF_MAX_ARTICLE_BYTES and checks it is text (brief_check_text). Returns
 * a malloc'd NUL-terminated buffer and its length, or NULL with
 * "FILE: problem" in `why`. Safe to call from several threads. */
char *cli_read_text(const char *path, size_t *len_out, char *why,
                    size_t whylen);

/* Writes text to stdout, or to `path`. A regular file (or a new one) is
 * written through a temporary file created exclusively beside it and
 * renamed into place, keeping the old file's permission bits, so a failed
 * run never leaves half a file; a symbolic link is followed to its target
 * and stays a link; a device or FIFO is written as it is. Returns the exit
 * code. */
int cli_emit(const char *path, const char *text);

#endif
