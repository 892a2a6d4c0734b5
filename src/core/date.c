/*
 * date.c - parsing and day arithmetic for dates (see date.h).
 */
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int32_t bf_days_from_civil(int y, int m, int d) {
  /* Howard Hinnant's days-from-civil algorithm, in integer arithmetic. */
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (int32_t)(era * 146097 + doe - 719468);
}

void bf_civil_from_days(int32_t z, bf_date *out) {
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp + (mp < 10 ? 3 : -9);
  out->year = y + (m <= 2);
  out->month = m;
  out->day = d;
}

static const char *const month_names[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int bf_month_from_name(const char *s, size_t len) {
  if (len > 0 && s[len - 1] == '.')
    len--;
  if (len < 3)
    return 0;
  for (int m = 0; m < 12; m++) {
    size_t full = strlen(month_names[m]);
    if (len == full && strncasecmp(s, month_names[m], len) == 0)
      return m + 1;
    /* Abbreviations: the first three letters, and "Sept". */
    if ((len == 3 || (m == 8 && len == 4)) &&
        strncasecmp(s, month_names[m], len) == 0)
      return m + 1;
  }
  return 0;
}

int bf_weekday_from_name(const char *s, size_t len) {
  static const char *const days[] = {"monday",   "tuesday", "wednesday",
                                     "thursday", "friday",  "saturday",
                                     "sunday"};
  if (len > 0 && s[len - 1] == '.')
    len--;
  if (len < 3)
    return 0;
  for (int d = 0; d < 7; d++) {
    size_t full = strlen(days[d]);
    if ((len == full || len == 3) && strncasecmp(s, days[d], len) == 0)
      return d + 1;
  }
  return 0;
}

static int days_in_month(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dm[m - 1];
}

static int valid(int y, int m, int d) {
  return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
         d <= days_in_month(y, m);
}

static size_t read_int(const char *s, size_t len, size_t i, size_t maxd,
                       int *out) {
  size_t k = 0;
  int v = 0;
  while (i + k < len && k < maxd && isdigit((unsigned char)s[i + k])) {
    v = v * 10 + (s[i + k] - '0');
    k++;
  }
  *out = v;
  return k;
}

static size_t read_word(const char *s, size_t len, size_t i) {
  size_t k = 0;
  while (i + k < len && isalpha((unsigned char)s[i + k]))
    k++;
  if (k && i + k < len && s[i + k] == '.')
    k++;
  return k;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

static size_t parse_numeric(const char *s, size_t len, bf_date *out) {
  int y, m, d;
  size_t i = read_int(s, len, 0, 4, &y);
  if (i != 4 || i >= len || (s[i] != '-' && s[i] != '/'))
    return 0;
  char sep = s[i++];
  size_t k = read_int(s, len, i, 2, &m);
  if (!k || i + k >= len || s[i + k] != sep)
    return 0;
  i += k + 1;
  k = read_int(s, len, i, 2, &d);
  if (!k || !valid(y, m, d))
    return 0;
  out->year = y, out->month = m, out->day = d;
  return i + k;
}

/* "July 10, 2018" or "Jul. 10 2018". */
static size_t parse_month_first(const char *s, size_t len, bf_date *out) {
  size_t w = read_word(s, len, 0);
  int m = bf_month_from_name(s, w);
  if (!m)
    return 0;
  size_t i = skip_spaces(s, len, w);
  int d, y;
  size_t k = read_int(s, len, i, 2, &d);
  if (!k)
    return 0;
  i += k;
  if (i < len && s[i] == ',')
    i++;
  i = skip_spaces(s, len, i);
  k = read_int(s, len, i, 4, &y);
  if (k != 4 || !valid(y, m, d))
    return 0;
  out->year = y, out->month = m, out->day = d;
  return i + k;
}

/* "10 July 2018". */
static size_t parse_day_first(const char *s, size_t len, bf_date *out) {
  int d, y;
  size_t i = read_int(s, len, 0, 2, &d);
  if (!i)
    return 0;
  i = skip_spaces(s, len, i);
  size_t w = read_word(s, len, i);
  int m = bf_month_from_name(s + i, w);
  if (!m)
    return 0;
  i = skip_spaces(s, len, i + w);
  if (i < len && s[i] == ',')
    i = skip_spaces(s, len, i + 1);
  size_t k = read_int(s, len, i, 4, &y);
  if (k != 4 || !valid(y, m, d))
    return 0;
  out->year = y, out->month = m, out->day = d;
  return i + k;
}

size_t bf_date_parse(const char *s, size_t len, bf_date *out) {
  size_t n;
  if ((n = parse_numeric(s, len, out)) ||
      (n = parse_month_first(s, len, out)) ||
      (n = parse_day_first(s, len, out)))
    return n;
  return 0;
}

void bf_date_format(const bf_date *d, char out[11]) {
  if (!d->year) {
    out[0] = '\0';
    return;
  }
  unsigned y = (unsigned)d->year % 10000u, m = (unsigned)d->month % 13u,
           day = (unsigned)d->day % 32u;
  char buf[32];
  snprintf(buf, sizeof buf, "%04u-%02u-%02u", y, m, day);
  memcpy(out, buf, 10);
  out[10] = '\0';
}

void bf_date_shown(const char *iso, int year, char out[BF_DATE_SHOWN_MAX]) {
  static const char *const names[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  unsigned y = 0, m = 0, d = 0;
  size_t len = strlen(iso);
  out[0] = '\0';
  if (len == 4 && sscanf(iso, "%4u", &y) == 1)
    snprintf(out, BF_DATE_SHOWN_MAX, "%04u", y);
  else if (len == 7 && sscanf(iso, "%4u-%2u", &y, &m) == 2 && m >= 1 && m <= 12)
    snprintf(out, BF_DATE_SHOWN_MAX, "%s %04u", names[m - 1], y);
  else if (len == 10 && sscanf(iso, "%4u-%2u-%2u", &y, &m, &d) == 3 && m >= 1 &&
           m <= 12 && d >= 1 && d <= 31) {
    if ((int)y == year)
      snprintf(out, BF_DATE_SHOWN_MAX, "%s %u", names[m - 1], d);
    else
      snprintf(out, BF_DATE_SHOWN_MAX, "%s %u, %04u", names[m - 1], d, y);
  }
}
