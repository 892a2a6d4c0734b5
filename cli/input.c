/*
 * input.c - reading article arguments into a story, and writing results.
 */
#include "input.h"

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_inputs_init(cli_inputs *in) {
  memset(in, 0, sizeof *in);
}

void cli_inputs_free(cli_inputs *in) {
  free(in->v);
  memset(in, 0, sizeof *in);
}

int cli_inputs_add(cli_inputs *in, const char *path, int jsonl) {
  if (in->n == in->cap) {
    size_t cap = in->cap ? in->cap * 2 : 8;
    cli_input *v = realloc(in->v, cap * sizeof *v);
    if (!v)
      return -1;
    in->v = v;
    in->cap = cap;
  }
  in->v[in->n++] = (cli_input){path, jsonl};
  return 0;
}

int cli_inputs_option(cli_inputs *in, const char *cmd, const char *arg,
                      const char *val) {
  if (!strcmp(arg, "--jsonl") || !strcmp(arg, "--split") ||
      !strcmp(arg, "-o") || !strcmp(arg, "--output")) {
    if (!val || !*val) {
      cli_error("%s: %s needs a value", cmd, arg);
      return -1;
    }
    if (!strcmp(arg, "--jsonl")) {
      if (cli_inputs_add(in, val, 1)) {
        cli_error("out of memory");
        return -1;
      }
    } else if (!strcmp(arg, "--split")) {
      in->split = val;
    } else {
      in->output = val;
    }
    return 2;
  }
  if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
    in->quiet = 1;
    return 1;
  }
  if (arg[0] == '-' && arg[1]) {
    cli_error("%s: unknown option '%s' (try --help)", cmd, arg);
    return -1;
  }
  if (cli_inputs_add(in, arg, 0)) {
    cli_error("out of memory");
    return -1;
  }
  return 1;
}

int cli_inputs_load(const cli_inputs *in, brief_story **out, int quiet) {
  brief_story *story = brief_story_new();
  if (!story) {
    cli_error("out of memory");
    return -1;
  }
  brief_ingest_options io = {in->split, 0};
  brief_error err;
  for (size_t i = 0; i < in->n; i++) {
    brief_status st =
        in->v[i].jsonl ? brief_story_add_jsonl(story, in->v[i].path, &err)
                       : brief_story_add_path(story, in->v[i].path, &io, &err);
    if (st != BRIEF_OK) {
      cli_error("%s", err.message);
      brief_story_free(story);
      return -1;
    }
  }
  if (!quiet)
    cli_print_warnings(story, 0);
  if (brief_story_article_count(story) == 0) {
    cli_error("no article with text in the input");
    brief_story_free(story);
    return -1;
  }
  *out = story;
  return 0;
}

void cli_print_warnings(const brief_story *story, size_t from) {
  for (size_t i = from; i < brief_story_warning_count(story); i++)
    fprintf(stderr, "brief: warning: %s\n", brief_story_warning(story, i));
}

char *cli_read_text(const char *path, size_t *len_out, char *why,
                    size_t whylen) {
  char *buf;
  size_t len;
  brief_error err;
  if (brief_read_file(path, BRIEF_MAX_ARTICLE_BYTES, &buf, &len, &err) !=
      BRIEF_OK) {
    snprintf(why, whylen, "%s", err.message);
    return NULL;
  }
  if (brief_check_text(path, buf, len, &err) != BRIEF_OK) {
    snprintf(why, whylen, "%s", err.message);
    free(buf);
    return NULL;
  }
  *len_out = len;
  return buf;
}

/* ---- writing results ---------------------------------------------------- */

enum { MAX_LINK_HOPS = 40, MAX_TEMP_TRIES = 100 };

/* Where `-o PATH` really writes: symbolic links are followed to their final
 * target, which need not exist yet, so a link stays a link. Returns a
 * malloc'd path, or NULL with errno set (a loop, memory). */
static char *output_target(const char *path) {
  char *cur = strdup(path);
  for (int hop = 0; cur && hop < MAX_LINK_HOPS; hop++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
      return cur; /* a file, a device, or nothing yet: open() says which */
    char link[4096];
    ssize_t n = readlink(cur, link, sizeof link - 1);
    if (n < 0) {
      free(cur);
      return NULL;
    }
    link[n] = '\0';
    const char *slash = strrchr(cur, '/');
    size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
    char *next = malloc(dir + (size_t)n + 1);
    if (next) {
      memcpy(next, cur, dir);
      memcpy(next + dir, link, (size_t)n + 1);
    }
    free(cur);
    cur = next;
  }
  if (cur) {
    free(cur);
    errno = ELOOP;
  }
  return NULL;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0) {
      if (k == 0)
        errno = EIO;
      return -1;
    }
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* A device, FIFO or socket is written as it is: there is no file to
 * replace, and replacing the node would break whoever reads it. */
static int emit_in_place(const char *path, const char *target,
                         const char *text) {
  int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || write_all(fd, text, strlen(text)) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    if (fd >= 0)
      close(fd);
    return 1;
  }
  if (close(fd) != 0) {
    cli_error("%s: %s", path, strerror(errno));
    return 1;
  }
  return 0;
}

/* Creates the temporary file beside `target` exclusively, so it can be
 * neither a file planted there in advance nor a link to one; private until
 * it is complete. Returns the descriptor and the name in `tmp`. */
static int create_temp(const char *target, const struct stat *old, char *tmp,
                       size_t cap) {
  for (int i = 0; i < MAX_TEMP_TRIES; i++) {
    snprintf(tmp, cap, "%s.tmp.%ld.%d", target, (long)getpid(), i);
    int fd =
        open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, old ? 0600 : 0666);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1;
}

/* A regular file, or a new one, is written to a temporary file beside it
 * that takes the old file's permission bits, then renamed over it: a run
 * that fails leaves the old file whole. */
static int emit_replace(const char *path, const char *target,
                        const struct stat *old, const char *text) {
  size_t cap = strlen(target) + 64;
  char *tmp = malloc(cap);
  if (!tmp) {
    cli_error("out of memory");
    return 1;
  }
  int fd = create_temp(target, old, tmp, cap);
  if (fd < 0) {
    cli_error("%s: %s", path, strerror(errno));
    free(tmp);
    return 1;
  }
  /* Set-id bits are not carried over: the copy may have another owner. */
  int ok = (!old || fchmod(fd, old->st_mode & 0777) == 0) &&
           write_all(fd, text, strlen(text)) == 0 && fsync(fd) == 0;
  int why = ok ? 0 : errno;
  if (close(fd) != 0 && ok)
    ok = 0, why = errno;
  if (ok && rename(tmp, target) != 0)
    ok = 0, why = errno;
  if (!ok) {
    cli_error("%s: %s", path, strerror(why));
    unlink(tmp);
  }
  free(tmp);
  return !ok;
}

int cli_emit(const char *path, const char *text) {
  if (!path)
    return cli_write_stdout(text);
  char *target = output_target(path);
  if (!target) {
    cli_error("%s: %s", path, strerror(errno));
    return 1;
  }
  struct stat st;
  int exists = stat(target, &st) == 0;
  int rc;
  if (exists && S_ISDIR(st.st_mode)) {
    cli_error("%s: %s", path, strerror(EISDIR));
    rc = 1;
  } else if (exists && !S_ISREG(st.st_mode)) {
    rc = emit_in_place(path, target, text);
  } else {
    rc = emit_replace(path, target, exists ? &st : NULL, text);
  }
  free(target);
  return rc;
}
