/*
 * file.c - whole-file reads for ingest, the CLI, the tools and the tests.
 *
 * One reader, so every caller refuses oversized input and reports I/O
 * errors the same way. A regular file is measured before it is read, so
 * a huge one costs nothing; a pipe is read until it passes the limit.
 */
#include "brief.h"
#include "core/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static brief_status read_stream(FILE *f, const char *name, size_t max,
                                char **out, size_t *len, brief_error *err) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
  for (;;) {
    if (n == cap) {
      if (cap > max) {
        free(buf);
        return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                       "%s: larger than the limit of %zu bytes", name, max);
      }
      char *nb = realloc(buf, cap * 2 + 1);
      if (!nb) {
        free(buf);
        return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", name);
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    int e = errno;
    free(buf);
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", name, strerror(e));
  }
  if (n > max) {
    free(buf);
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %zu bytes is over the limit of %zu bytes", name, n,
                   max);
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return BRIEF_OK;
}

brief_status brief_read_file(const char *path, size_t max, char **out,
                             size_t *len, brief_error *err) {
  if (strcmp(path, "-") == 0)
    return read_stream(stdin, "<stdin>", max, out, len, err);
  FILE *f = fopen(path, "rb");
  if (!f)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
      (size_t)st.st_size > max) {
    fclose(f);
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %lld bytes is over the limit of %zu bytes", path,
                   (long long)st.st_size, max);
  }
  brief_status s = read_stream(f, path, max, out, len, err);
  fclose(f);
  return s;
}
