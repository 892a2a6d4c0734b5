/*
 * error.c - status names, error filling, version and brief_free.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *brief_status_string(brief_status status) {
  switch (status) {
  case BRIEF_OK:
    return "ok";
  case BRIEF_ERR_NOMEM:
    return "out of memory";
  case BRIEF_ERR_ARG:
    return "invalid argument";
  case BRIEF_ERR_IO:
    return "input/output error";
  case BRIEF_ERR_UTF8:
    return "invalid UTF-8";
  case BRIEF_ERR_BINARY:
    return "binary data";
  case BRIEF_ERR_TOO_LARGE:
    return "input too large";
  case BRIEF_ERR_EMPTY:
    return "empty input";
  case BRIEF_ERR_PARSE:
    return "malformed input";
  case BRIEF_ERR_UNSUPPORTED:
    return "not supported";
  }
  return "unknown status";
}

const char *brief_version(void) {
  return BRIEF_VERSION;
}

void brief_free(void *ptr) {
  free(ptr);
}

brief_status bf_fail(brief_error *err, brief_status status, const char *fmt,
                     ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = status;
  }
  return status;
}

void bf_ok(brief_error *err) {
  if (err) {
    err->status = BRIEF_OK;
    err->message[0] = '\0';
  }
}
