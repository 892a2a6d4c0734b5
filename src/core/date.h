/*
 * date.h - calendar dates in the forms news text and metadata use.
 */
#ifndef BRIEF_DATE_H
#define BRIEF_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef struct bf_date {
  int year, month, day; /* year 0 when unknown */
} bf_date;

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int32_t bf_days_from_civil(int y, int m, int d);
void bf_civil_from_days(int32_t z, bf_date *out);

/* 1..12 for an English month name or abbreviation ("Jan", "Sept.",
 * "july"), else 0. */
int bf_month_from_name(const char *s, size_t len);

/* 1 (Monday) .. 7 for an English weekday name or its three-letter
 * abbreviation ("Tue", "Tue."), else 0. */
int bf_weekday_from_name(const char *s, size_t len);

/* Parses a date at the start of s: "2018-07-05" (ISO, any time suffix),
 * "2018/07/05", "July 10, 2018", "Jul. 10 2018", "10 July 2018". Returns the
 * bytes consumed, or 0 when there is no complete date there. */
size_t bf_date_parse(const char *s, size_t len, bf_date *out);

/* Formats as "YYYY-MM-DD" into out (11 bytes). */
void bf_date_format(const bf_date *d, char out[11]);

/* How a reader is shown an ISO date ("2018-07-04", "2018-07", "2018"):
 * "July 4", "July 2018", "2018", with the year after a day only when it is
 * not `year` ("July 4, 2017"). Writes "" for anything else. `out` holds
 * BF_DATE_SHOWN_MAX bytes. */
#define BF_DATE_SHOWN_MAX 24
void bf_date_shown(const char *iso, int year, char out[BF_DATE_SHOWN_MAX]);

#endif
