/*
 * file.h - opening an input file for reading, for the readers of the
 * library (brief_read_file, JSONL ingest).
 */
#ifndef BRIEF_FILE_H
#define BRIEF_FILE_H

#include "brief.h"

#include <stdio.h>
#include <sys/stat.h>

/* Opens `path` for reading, refusing anything but a regular file (a FIFO,
 * a device, a folder) with BRIEF_ERR_IO and a message naming what it is;
 * never blocks on a FIFO. Fills `st` with the file's status. The caller
 * closes *out with fclose(). */
brief_status bf_open_file(const char *path, FILE **out, struct stat *st,
                          brief_error *err);

#endif
