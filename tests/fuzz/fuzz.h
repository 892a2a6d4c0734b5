/*
 * fuzz.h - what the fuzz targets share: the libFuzzer entry point and the
 * checks that turn a wrong output into a crash the fuzzer reports.
 */
#ifndef BRIEF_FUZZ_H
#define BRIEF_FUZZ_H

#include "core/text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless `s` is `len` bytes of valid UTF-8 with no NUL inside. */
static inline void fuzz_check_text(const char *s, size_t len) {
  if (!s || bf_utf8_invalid_at(s, len) != len || strlen(s) != len)
    abort();
}

#endif
