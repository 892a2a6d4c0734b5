/*
 * file.h - reading a whole file into memory, with a size limit.
 */
#ifndef BRIEF_FILE_H
#define BRIEF_FILE_H

#include "brief.h"

#include <stddef.h>

/* Reads all of `path` ("-" is standard input) into a NUL-terminated buffer
 * that the caller frees with free(); refuses more than `max` bytes. On
 * failure *out is untouched and `err` names the file and the problem. */
brief_status bf_read_file(const char *path, size_t max, char **out, size_t *len,
                          brief_error *err);

#endif
