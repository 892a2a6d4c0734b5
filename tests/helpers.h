/*
 * helpers.h - small helpers shared by the cmocka tests.
 */
#ifndef BRIEF_TEST_HELPERS_H
#define BRIEF_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "brief.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A story from NULL-terminated (id, text) pairs. */
static inline brief_story *story_from(const char *const *pairs) {
  brief_story *s = brief_story_new();
  assert_non_null(s);
  for (size_t i = 0; pairs[i]; i += 2) {
    brief_article a;
    memset(&a, 0, sizeof a);
    a.id = pairs[i];
    a.text = pairs[i + 1];
    a.text_len = strlen(pairs[i + 1]);
    brief_error err;
    assert_int_equal(brief_story_add(s, &a, &err), BRIEF_OK);
  }
  return s;
}

/* Makes a new empty folder /tmp/brief-TAG-XXXXXX and writes its path into
 * dir (of `cap` bytes); returns 0, or -1 when it cannot. */
static inline int make_test_dir(char *dir, size_t cap, const char *tag) {
  if ((size_t)snprintf(dir, cap, "/tmp/brief-%s-XXXXXX", tag) >= cap)
    return -1;
  return mkdtemp(dir) ? 0 : -1;
}

/* Non-zero when the shared data folder is present; prints why tests skip. */
static inline int shared_available(void) {
  struct stat sb;
  if (stat(BRIEF_SHARED_DIR "/seeds", &sb) == 0)
    return 1;
  printf("skipped: ../shared absent (%s)\n", BRIEF_SHARED_DIR);
  return 0;
}

#endif
