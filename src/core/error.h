/*
 * error.h - filling brief_error and the status names.
 */
#ifndef BRIEF_ERROR_H
#define BRIEF_ERROR_H

#include "brief.h"

/* Sets `err` (when not NULL) to `status` and a printf-formatted message, and
 * returns `status`, so callers write `return bf_fail(err, ...)`. */
brief_status bf_fail(brief_error *err, brief_status status, const char *fmt,
                     ...) __attribute__((format(printf, 3, 4)));

/* Resets `err` to BRIEF_OK and an empty message. */
void bf_ok(brief_error *err);

#endif
