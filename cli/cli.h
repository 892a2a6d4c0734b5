/*
 * cli.h - the commands of the brief tool, one file each under cli/.
 *
 * Each command parses its own options, prints its result on stdout, prints
 * errors as one line "brief: FILE: problem" on stderr, and returns the exit
 * status: 0 success, 1 bad input or failure, 2 wrong usage.
 */
#ifndef BRIEF_CLI_H
#define BRIEF_CLI_H

#include "brief.h"

int cmd_summarize(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_rouge(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_eval_stories(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_worker(int argc, char **argv);

/* Prints "brief: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes the whole of `text` to stdout; returns 0, or 1 after an error. */
int cli_write_stdout(const char *text);

/* Parses a positive integer option value; returns 0 and sets *out, or -1. */
int cli_parse_int(const char *s, long min, long max, long *out);

/* Parses "text", "json" or "markdown"/"md". */
int cli_parse_format(const char *s, brief_format *out);

#endif
