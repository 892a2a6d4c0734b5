/*
 * replay.c - runs a fuzz target over the files of its seed corpus and
 * regressions folders without libFuzzer, so that `make test` (gcc, ASan,
 * UBSan) replays every input a fuzzer once crashed on.
 *
 *   usage: fuzz_NAME CORPUS [REGRESSIONS...]
 * Every folder must exist (an empty regressions folder keeps a .gitkeep,
 * which is skipped like every dot file); the seed corpus must not be
 * empty.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>

static int replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  size_t cap = 65536, len = 0, got;
  unsigned char *buf = malloc(cap);
  while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) {
      unsigned char *nb = realloc(buf, cap *= 2);
      if (!nb)
        free(buf);
      buf = nb;
    }
  }
  fclose(f);
  if (!buf)
    return -1;
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  return 0;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    DIR *d = opendir(argv[i]);
    if (!d) {
      fprintf(stderr, "%s: the fixture folder is missing\n", argv[i]);
      return 1;
    }
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.')
        continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
      if (replay_file(path) != 0) {
        fprintf(stderr, "%s: cannot read\n", path);
        closedir(d);
        return 1;
      }
      n++;
    }
    closedir(d);
    if (n == 0 && i == 1) {
      fprintf(stderr, "%s: no input to replay\n", argv[i]);
      return 1;
    }
    printf("%s: %zu inputs replayed\n", argv[i], n);
  }
  return 0;
}
