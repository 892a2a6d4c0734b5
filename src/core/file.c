/*
 * file.c - whole-file reads for ingest, the CLI, the tools and the tests.
 *
 * One reader, so every caller refuses oversized input and reports I/O
 * errors the same way. A regular file is measured before it is read, so
 * a huge one costs nothing; standard input is read until it passes the
 * limit. A named path must be a regular file: a FIFO with no writer would
 * block forever, and a device may never end.
 */
#include "core/file.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What a path names, for the message refusing it. */
static const char *kind_of(mode_t mode) {
  if (S_ISDIR(mode))
    return "a folder";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a regular file";
}

brief_status bf_open_file(const char *path, FILE **out, struct stat *st,
                          brief_error *err) {
  /* Non-blocking, so that opening a FIFO with no writer returns at once
   * instead of waiting for one; a regular file ignores the flag. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  if (fstat(fd, st) != 0) {
    int e = errno;
    close(fd);
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(e));
  }
  if (!S_ISREG(st->st_mode)) {
    close(fd);
    return bf_fail(err, BRIEF_ERR_IO,
                   "%s: is %s, not a regular file (give a pipe's data on "
                   "standard input, as -)",
                   path, kind_of(st->st_mode));
  }
  FILE *f = NULL;
  int flags = fcntl(fd, F_GETFL);
  if (flags != -1 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != -1)
    f = fdopen(fd, "rb");
  if (!f) {
    int e = errno;
    close(fd);
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(e));
  }
  *out = f;
  return BRIEF_OK;
}

brief_status brief_read_file(const char *path, size_t max, char **out,
                             size_t *len, brief_error *err) {
  if (strcmp(path, "-") == 0)
    return read_stream(stdin, "<stdin>", max, out, len, err);
  FILE *f;
  struct stat st;
  brief_status s = bf_open_file(path, &f, &st, err);
  if (s != BRIEF_OK)
    return s;
  if ((size_t)st.st_size > max) {
    fclose(f);
    return bf_fail(err, BRIEF_ERR_TOO_LARGE,
                   "%s: %lld bytes is over the limit of %zu bytes", path,
                   (long long)st.st_size, max);
  }
  s = read_stream(f, path, max, out, len, err);
  fclose(f);
  return s;
}
