/*
 * cmd_facts.c - placeholder until the facts command lands.
 */
#include "cli.h"

int cmd_facts(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("facts: not built yet");
  return 1;
}
