/*
 * cmd_eval.c - placeholder until the eval command lands.
 */
#include "cli.h"

int cmd_eval(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("eval: not built yet");
  return 1;
}
