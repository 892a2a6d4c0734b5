/*
 * cmd_facts.c - `brief facts`: figures, quotes, names and dates across a set
 * of articles, with where the sources agree and where they conflict.
 */
#include "cli.h"
#include "input.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out) {
  fputs(
      "usage: brief facts [OPTIONS] PATH...\n"
      "\n"
      "PATH is a folder of .txt/.html articles, a file, or - for stdin.\n"
      "\n"
      "  -f, --format FORMAT    text (default), json or markdown\n"
      "      --jsonl FILE       read articles from JSON lines (repeatable)\n"
      "      --split SEP        each file holds articles separated by SEP\n"
      "  -o, --output FILE      write to FILE (atomically) instead of stdout\n"
      "  -q, --quiet            do not print warnings\n",
      out);
}

int cmd_facts(int argc, char **argv) {
  brief_format format = BRIEF_FORMAT_TEXT;
  cli_inputs in;
  cli_inputs_init(&in);
  int rc = 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      rc = 0;
      goto done;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
      if (!val || cli_parse_format(val, &format)) {
        cli_error("facts: --format must be text, json or markdown");
        goto done;
      }
      i++;
    } else {
      int used = cli_inputs_option(&in, "facts", a, val);
      if (used < 0)
        goto done;
      i += used - 1;
    }
  }
  if (in.n == 0) {
    cli_error("facts: no input (give a folder, files, - or --jsonl)");
    usage(stderr);
    goto done;
  }
  rc = 1;
  brief_story *story = NULL;
  brief_facts *facts = NULL;
  char *text = NULL;
  brief_error err;
  brief_options opts;
  brief_options_init(&opts);
  if (cli_inputs_load(&in, &story, in.quiet))
    goto cleanup;
  size_t printed = brief_story_warning_count(story);
  if (brief_facts_extract(story, &opts, &facts, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    goto cleanup;
  }
  if (!in.quiet)
    cli_print_warnings(story, printed);
  if (brief_render_facts(story, facts, format, &text, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    goto cleanup;
  }
  rc = cli_emit(in.output, text);
cleanup:
  brief_free(text);
  brief_facts_free(facts);
  brief_story_free(story);
done:
  cli_inputs_free(&in);
  return rc;
}
