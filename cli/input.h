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
  const char *split;
} cli_inputs;

void cli_inputs_init(cli_inputs *in);
void cli_inputs_free(cli_inputs *in);
int cli_inputs_add(cli_inputs *in, const char *path, int jsonl);

/* Builds a story from every input; prints warnings (unless quiet) and the
 * first error. Returns 0 on success with *out the caller's. */
int cli_inputs_load(const cli_inputs *in, brief_story **out, int quiet);

/* Writes text to stdout, or to `path` through a temporary file renamed into
 * place, so a failed run never leaves half a file. Returns the exit code. */
int cli_emit(const char *path, const char *text);

#endif
