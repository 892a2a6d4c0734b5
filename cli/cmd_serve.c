/*
 * cmd_serve.c - placeholder until the serve command lands.
 */
#include "cli.h"

int cmd_serve(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("serve: not built yet");
  return 1;
}
