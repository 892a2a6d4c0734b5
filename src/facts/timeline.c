/*
 * timeline.c - dated events: every date expression of the story, resolved
 * against its article's date, grouped by date and put in order.
 *
 * Owns the facts' event list. Read in one pass over the tokens:
 *   - full dates ("July 10, 2018", "10 July 2018", "2018-07-05");
 *   - a month and a day ("June 19", "19 June"), the year taken from the
 *     article's date, or else from the story's latest dated article (a
 *     story spans days, not years), a year back when that would put the
 *     day more than a month after the anchor;
 *   - a month and year ("June 2018"), a month after "in", "since", "last";
 *   - weekdays ("on Wednesday"): the latest such day on or before the
 *     article's date, or the next one when the sentence speaks of the
 *     future ("will", "next", "expected");
 *   - "yesterday", "today", "last month", "last year", "three days ago";
 *   - years ("in 2011", "since 2015").
 * Expressions that need the article's date and have none stay unresolved:
 * they keep their words and are grouped by them, after the dated events.
 */
#include "facts/cues.h"

#include "core/date.h"
#include "core/error.h"
#include "core/text.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tctx {
  bf_fx *x;
  uint32_t art, sb, se;
  int32_t anchor;      /* the article's day, or BF_NO_DAY */
  int32_t year_anchor; /* day used only for the year of "June 19" */
  int future;          /* the sentence speaks of what will happen */
  int relative;        /* the expression being read needs the article's
                          date (see bf_date_mention) */
  bf_keymap map;
  BF_VEC(uint32_t) ev_art; /* pairs (event, article) */
  int oom;
} tctx;

static const bf_token *tok(const tctx *c, uint32_t k) {
  return &c->x->st->toks.v[k];
}
static uint32_t cls(const tctx *c, uint32_t k) {
  return k < c->se ? bf_fx_cls(c->x, tok(c, k)) : 0;
}
static int is(const tctx *c, uint32_t k, const char *w) {
  return k < c->se && bf_fx_is(c->x, tok(c, k), w);
}
static int cap(const tctx *c, uint32_t k) {
  return k < c->se && (tok(c, k)->flags & BF_TOK_CAP);
}
static const char *ttext(const tctx *c, uint32_t k) {
  return bf_fx_text(c->x, c->art) + tok(c, k)->start;
}

/* The leading integer of a number token ("19", "19th"); -1 if none. */
static long int_at(const tctx *c, uint32_t k, size_t *digits) {
  *digits = 0;
  if (k >= c->se || !(tok(c, k)->flags & BF_TOK_NUM))
    return -1;
  const char *s = ttext(c, k);
  long v = 0;
  size_t i = 0;
  while (i < tok(c, k)->len && isdigit((unsigned char)s[i]) && i < 9)
    v = v * 10 + (s[i++] - '0');
  *digits = i;
  /* only ordinal suffixes may follow: "19th" */
  if (i < tok(c, k)->len) {
    const char *r = s + i;
    size_t rl = tok(c, k)->len - i;
    if (!(rl == 2 && (!strncmp(r, "st", 2) || !strncmp(r, "nd", 2) ||
                      !strncmp(r, "rd", 2) || !strncmp(r, "th", 2))))
      return -1;
  }
  return v;
}

static int weekday_of(int32_t day) {
  /* 1970-01-01 was a Thursday; Monday is 0 */
  return (int)(((day % 7) + 7 + 3) % 7);
}

static void add_event(tctx *c, uint32_t si, uint32_t a, uint32_t b,
                      const char *date, int32_t day) {
  brief_facts *f = c->x->f;
  char key[128];
  size_t o;
  if (*date) {
    o = (size_t)snprintf(key, sizeof key, "%s", date);
  } else {
    /* unresolved: grouped by the folded words */
    o = 0;
    for (uint32_t k = a; k < b && o + 40 < sizeof key; k++)
      o += (size_t)snprintf(key + o, sizeof key - o, "?%s",
                            bf_fx_norm(c->x, tok(c, k)));
  }
  int is_new;
  uint32_t id = bf_keymap_intern(&c->map, bf_hash(key, o), &is_new);
  if (!id) {
    c->oom = 1;
    return;
  }
  if (is_new) {
    bf_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.date, sizeof e.date, "%s", date);
    e.day = *date ? day : INT32_MAX;
    e.art = c->art;
    e.sent = si;
    e.expr.start = tok(c, a)->start;
    e.expr.end = tok(c, b - 1)->start + tok(c, b - 1)->len;
    if (BF_VEC_PUSH(f->events, e)) {
      c->oom = 1;
      return;
    }
  }
  f->events.v[id - 1].mentions++;
  bf_date_mention m = {c->art, si, a, b, "", c->relative};
  snprintf(m.date, sizeof m.date, "%s", date);
  if (BF_VEC_PUSH(c->ev_art, id - 1) || BF_VEC_PUSH(c->ev_art, c->art) ||
      BF_VEC_PUSH(f->dates, m))
    c->oom = 1;
}

static void add_day(tctx *c, uint32_t si, uint32_t a, uint32_t b, int y, int m,
                    int d) {
  char date[11];
  bf_date dt = {y, m, d};
  bf_date_format(&dt, date);
  add_event(c, si, a, b, date, bf_days_from_civil(y, m, d));
}

/* "June 19" or "19 June" with no year: the anchor's year, or the year
 * before when the day would fall well after the anchor. */
static void add_month_day(tctx *c, uint32_t si, uint32_t a, uint32_t b, int m,
                          int d) {
  if (c->year_anchor == BF_NO_DAY) {
    add_event(c, si, a, b, "", 0);
    return;
  }
  bf_date an;
  bf_civil_from_days(c->year_anchor, &an);
  int y = an.year;
  if (bf_days_from_civil(y, m, d) > c->year_anchor + 31)
    y--;
  add_day(c, si, a, b, y, m, d);
}

static void add_month(tctx *c, uint32_t si, uint32_t a, uint32_t b, int y,
                      int m) {
  char date[16];
  snprintf(date, sizeof date, "%04d-%02d", y % 10000, m % 100);
  add_event(c, si, a, b, date, bf_days_from_civil(y, m, 1));
}

static void add_year(tctx *c, uint32_t si, uint32_t a, uint32_t b, int y) {
  char date[11];
  snprintf(date, sizeof date, "%04d", y);
  add_event(c, si, a, b, date, bf_days_from_civil(y, 1, 1));
}

/* Relative to the article's date: yesterday, last month, 3 days ago. */
static void add_relative(tctx *c, uint32_t si, uint32_t a, uint32_t b, int days,
                         int months, int years) {
  if (c->anchor == BF_NO_DAY) {
    add_event(c, si, a, b, "", 0);
    return;
  }
  if (!months && !years) {
    bf_date d;
    bf_civil_from_days(c->anchor + days, &d);
    add_day(c, si, a, b, d.year, d.month, d.day);
    return;
  }
  bf_date d;
  bf_civil_from_days(c->anchor, &d);
  if (years) {
    add_year(c, si, a, b, d.year + years);
    return;
  }
  int mi = d.year * 12 + (d.month - 1) + months;
  add_month(c, si, a, b, mi / 12, mi % 12 + 1);
}

/* "three days ago", "2 weeks ago": n units before the article's date, the
 * expression running from token k to k + 3. */
static void add_ago(tctx *c, uint32_t si, uint32_t k, int n, uint8_t unit) {
  if (unit == UNIT_DAY || unit == UNIT_WEEK)
    add_relative(c, si, k, k + 3, -n * (unit == UNIT_WEEK ? 7 : 1), 0, 0);
  else if (unit == UNIT_MONTH)
    add_relative(c, si, k, k + 3, 0, -n, 0);
  else if (unit == UNIT_YEAR)
    add_relative(c, si, k, k + 3, 0, 0, -n);
}

/* A full date at token k, read by the shared parser from the token's byte.
 * Returns the token after it, or 0 when there is none. */
static uint32_t full_date_at(tctx *c, uint32_t si, uint32_t k) {
  const bf_token *t = tok(c, k);
  const bf_article *ar = &c->x->st->articles.v[c->art];
  bf_date d;
  size_t used = bf_date_parse(bf_fx_text(c->x, c->art) + t->start,
                              ar->len - t->start, &d);
  if (!used || !d.year)
    return 0;
  uint32_t e = k;
  while (e < c->se && tok(c, e)->start < t->start + used)
    e++;
  add_day(c, si, k, e, d.year, d.month, d.day);
  return e;
}

/* A month name at token k: "June 19", "June 1988", "December, 1988",
 * "in June". Returns the token after the expression. */
static uint32_t month_at(tctx *c, uint32_t si, uint32_t k) {
  size_t dg;
  int m = bf_fx_info(c->x, tok(c, k))->num;
  long v = int_at(c, k + 1, &dg);
  if (v >= 1 && v <= 31 && dg <= 2) {
    add_month_day(c, si, k, k + 2, m, (int)v);
    return k + 2;
  }
  if (v >= 1900 && v <= 2100 && dg == 4) {
    add_month(c, si, k, k + 2, (int)v, m);
    return k + 2;
  }
  if (bf_fx_punct(c->x, c->art, tok(c, k + 1), ',')) { /* "December, 1988" */
    long y = int_at(c, k + 2, &dg);
    if (y >= 1900 && y <= 2100 && dg == 4) {
      add_month(c, si, k, k + 3, (int)y, m);
      return k + 3;
    }
  }
  /* "in June", "since June", "last June" ("May" alone is a verb) */
  if (k > c->sb && !is(c, k, "may") &&
      (is(c, k - 1, "in") || is(c, k - 1, "since") || is(c, k - 1, "until") ||
       is(c, k - 1, "early") || is(c, k - 1, "late") || is(c, k - 1, "mid") ||
       is(c, k - 1, "last") || is(c, k - 1, "during"))) {
    if (c->year_anchor == BF_NO_DAY) {
      add_event(c, si, k, k + 1, "", 0);
    } else {
      bf_date an;
      bf_civil_from_days(c->year_anchor, &an);
      int y = an.month >= m ? an.year : an.year - 1;
      add_month(c, si, k, k + 1, y, m);
    }
  }
  return k + 1;
}

/* A number at token k: "19 June", "1988", "3 days ago". Returns the token
 * after the expression. */
static uint32_t number_at(tctx *c, uint32_t si, uint32_t k) {
  size_t dg;
  long v = int_at(c, k, &dg);
  if (v >= 1 && v <= 31 && dg <= 2 && (cls(c, k + 1) & W_MONTH) &&
      cap(c, k + 1)) {
    add_month_day(c, si, k, k + 2, bf_fx_info(c->x, tok(c, k + 1))->num,
                  (int)v);
    return k + 2;
  }
  if (dg == 4 && v >= 1900 && v <= 2100 && tok(c, k)->len == 4) {
    add_year(c, si, k, k + 1, (int)v);
    return k + 1;
  }
  if (v > 0 && (cls(c, k + 1) & W_TIMEUNIT) && is(c, k + 2, "ago")) {
    add_ago(c, si, k, (int)v, bf_fx_info(c->x, tok(c, k + 1))->unit);
    return k + 3;
  }
  return k + 1;
}

/* A weekday at token k, resolved against the article's date: the one
 * before it, or after it for "next", "until" or a sentence in the future
 * tense. */
static void weekday_at(tctx *c, uint32_t si, uint32_t k) {
  int wd = bf_fx_info(c->x, tok(c, k))->num;
  int next = k > c->sb && is(c, k - 1, "next");
  int until = k > c->sb && (is(c, k - 1, "until") || is(c, k - 1, "till"));
  uint32_t a = next || (k > c->sb && is(c, k - 1, "last")) ? k - 1 : k;
  if (c->anchor == BF_NO_DAY) {
    add_event(c, si, k, k + 1, "", 0);
    return;
  }
  int aw = weekday_of(c->anchor);
  int32_t day;
  if (next || until || c->future) {
    int ahead = (wd - aw + 7) % 7;
    day = c->anchor + (ahead == 0 && next ? 7 : ahead);
  } else {
    day = c->anchor - (aw - wd + 7) % 7;
  }
  bf_date d;
  bf_civil_from_days(day, &d);
  add_day(c, si, a, k + 1, d.year, d.month, d.day);
}

/* "last month", "this year", "next month" at token k (dir -1, 0 or 1). */
static void this_unit_at(tctx *c, uint32_t si, uint32_t k, int dir) {
  uint8_t u = bf_fx_info(c->x, tok(c, k + 1))->unit;
  if (u != UNIT_MONTH && u != UNIT_YEAR)
    return;
  if (dir) {
    add_relative(c, si, k, k + 2, 0, u == UNIT_MONTH ? dir : 0,
                 u == UNIT_YEAR ? dir : 0);
  } else if (c->anchor == BF_NO_DAY) {
    add_event(c, si, k, k + 2, "", 0);
  } else {
    bf_date d;
    bf_civil_from_days(c->anchor, &d);
    if (u == UNIT_MONTH)
      add_month(c, si, k, k + 2, d.year, d.month);
    else
      add_year(c, si, k, k + 2, d.year);
  }
}

/* Reads a date expression at token k; returns the token after it, or k. */
static uint32_t date_at(tctx *c, uint32_t si, uint32_t k) {
  const bf_token *t = tok(c, k);
  uint32_t w = cls(c, k), e;
  int month = (w & W_MONTH) && cap(c, k);
  c->relative = 0;
  if (((t->flags & BF_TOK_NUM) || month) && (e = full_date_at(c, si, k)))
    return e;
  if (month)
    return month_at(c, si, k);
  if (t->flags & BF_TOK_NUM) {
    /* "three days ago" is relative; a bare year or "June 19" is not */
    c->relative = (cls(c, k + 1) & W_TIMEUNIT) && is(c, k + 2, "ago");
    return number_at(c, si, k);
  }
  c->relative = 1;
  if ((w & W_NUMWORD) && (cls(c, k + 1) & W_TIMEUNIT) && is(c, k + 2, "ago")) {
    add_ago(c, si, k, bf_fx_info(c->x, t)->num,
            bf_fx_info(c->x, tok(c, k + 1))->unit);
    return k + 3;
  }
  if ((w & W_WEEKDAY) && cap(c, k)) {
    weekday_at(c, si, k);
    return k + 1;
  }
  if (w & W_TIMEREL) {
    int off = is(c, k, "yesterday") ? -1 : is(c, k, "tomorrow") ? 1 : 0;
    add_relative(c, si, k, k + 1, off, 0, 0);
    return k + 1;
  }
  if ((is(c, k, "last") || is(c, k, "this") || is(c, k, "next")) &&
      (cls(c, k + 1) & W_TIMEUNIT)) {
    this_unit_at(c, si, k, is(c, k, "last") ? -1 : is(c, k, "next") ? 1 : 0);
    return k + 2;
  }
  return k + 1;
}

/* Future tense in the sentence moves weekdays forward. */
static int speaks_of_future(const tctx *c) {
  for (uint32_t k = c->sb; k < c->se; k++)
    if (tok(c, k)->flags & (BF_TOK_QUOTE | BF_TOK_OPENQ))
      continue; /* a quote's tense is the speaker's */
    else if (is(c, k, "will") || is(c, k, "expected") ||
             is(c, k, "scheduled") || is(c, k, "planned") ||
             is(c, k, "tomorrow"))
      return 1;
  return 0;
}

static int may_start_date(const tctx *c, uint32_t k) {
  uint32_t w = cls(c, k);
  return (tok(c, k)->flags & BF_TOK_NUM) ||
         (w & (W_MONTH | W_WEEKDAY | W_TIMEREL)) || is(c, k, "last") ||
         is(c, k, "this") || is(c, k, "next") ||
         ((w & W_NUMWORD) && is(c, k + 2, "ago"));
}

static int cmp_event(const void *pa, const void *pb) {
  const bf_event *a = pa, *b = pb;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  /* a year before its months, a month before its days */
  size_t la = strlen(a->date), lb = strlen(b->date);
  if (la != lb)
    return la < lb ? -1 : 1;
  if (a->art != b->art)
    return a->art < b->art ? -1 : 1;
  return a->sent < b->sent ? -1 : a->sent > b->sent;
}

/* Undated mentions join a dated event when their sentence tells what a
 * dated article's sentence tells with the same words for the day: this
 * share of the shorter sentence's content stems is in the other. */
#define SAME_EVENT_SHARE 0.6

/* Whether token t carries what a sentence tells, not when: the day words
 * both sentences share are the premise, not the evidence. */
static int tells_what(const tctx *c, const bf_token *t) {
  return t->stem && (t->flags & BF_TOK_WORD) && !(t->flags & BF_TOK_STOP) &&
         !(bf_fx_cls(c->x, t) & (W_WEEKDAY | W_MONTH | W_TIMEREL));
}

/* The share of the content stems of the shorter of sentences a and b
 * that the other holds. */
static double shared_stems(const tctx *c, uint32_t a, uint32_t b) {
  const bf_sentence *sa = &c->x->st->sents.v[a], *sb = &c->x->st->sents.v[b];
  if (sa->tok_count > sb->tok_count) {
    const bf_sentence *t = sa;
    sa = sb, sb = t;
  }
  size_t n = 0, held = 0;
  for (uint32_t i = sa->tok_first; i < sa->tok_first + sa->tok_count; i++) {
    const bf_token *t = tok(c, i);
    if (!tells_what(c, t))
      continue;
    n++;
    for (uint32_t j = sb->tok_first; j < sb->tok_first + sb->tok_count; j++)
      if (tok(c, j)->stem == t->stem) {
        held++;
        break;
      }
  }
  return n ? (double)held / (double)n : 0;
}

/* The one dated event the undated relative mention m tells of, or
 * UINT32_MAX when none or more than one does. */
static uint32_t dated_twin(const tctx *c, const bf_date_mention *m) {
  const brief_facts *f = c->x->f;
  uint32_t word = tok(c, m->tok_e - 1)->norm, found = UINT32_MAX;
  for (size_t k = 0; k < f->dates.n; k++) {
    const bf_date_mention *d = &f->dates.v[k];
    uint32_t e = c->ev_art.v[2 * k];
    if (!d->date[0] || !d->relative || d->art == m->art || e == found ||
        tok(c, d->tok_e - 1)->norm != word ||
        shared_stems(c, m->sent, d->sent) < SAME_EVENT_SHARE)
      continue;
    if (found != UINT32_MAX)
      return UINT32_MAX; /* two dated events: which one is not known */
    found = e;
  }
  return found;
}

/* Drops the events left without mentions and renumbers the pairs; an
 * event that lost its first mention is shown with its next one. */
static int compact_events(tctx *c) {
  brief_facts *f = c->x->f;
  size_t n = f->events.n;
  uint32_t *to = calloc(n + 1, sizeof *to);
  if (!to)
    return -1;
  for (size_t e = 0; e < n; e++)
    f->events.v[e].mentions = 0;
  for (size_t k = 0; k < f->dates.n; k++) {
    bf_event *e = &f->events.v[c->ev_art.v[2 * k]];
    const bf_date_mention *m = &f->dates.v[k];
    if (!e->mentions++ && !e->date[0]) {
      e->art = m->art;
      e->sent = m->sent;
      e->expr.start = tok(c, m->tok_b)->start;
      e->expr.end = tok(c, m->tok_e - 1)->start + tok(c, m->tok_e - 1)->len;
    }
  }
  size_t kept = 0;
  for (size_t e = 0; e < n; e++) {
    to[e] = (uint32_t)kept;
    if (f->events.v[e].mentions)
      f->events.v[kept++] = f->events.v[e];
  }
  f->events.n = kept;
  for (size_t k = 0; k < f->dates.n; k++)
    c->ev_art.v[2 * k] = to[c->ev_art.v[2 * k]];
  free(to);
  return 0;
}

/* Undated relative mentions ("on Tuesday" in an article without a date)
 * join the one dated event a dated article tells in the same words. */
static int join_undated(tctx *c) {
  brief_facts *f = c->x->f;
  int moved = 0;
  for (size_t k = 0; k < f->dates.n; k++) {
    const bf_date_mention *m = &f->dates.v[k];
    if (m->date[0] || !m->relative)
      continue;
    uint32_t e = dated_twin(c, m);
    if (e != UINT32_MAX) {
      c->ev_art.v[2 * k] = e;
      moved = 1;
    }
  }
  return moved ? compact_events(c) : 0;
}

static brief_status finish(tctx *c, brief_error *err) {
  brief_facts *f = c->x->f;
  size_t n = f->events.n;
  /* per event its articles (the pairs are in text order) */
  uint32_t *count = calloc(n + 1, sizeof *count);
  uint32_t *off = calloc(n + 1, sizeof *off);
  uint32_t *arts = malloc((c->ev_art.n / 2 + 1) * sizeof *arts);
  brief_status status = BRIEF_OK;
  if (!count || !off || !arts || join_undated(c)) {
    status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
    goto done;
  }
  n = f->events.n;
  for (size_t i = 0; i < c->ev_art.n; i += 2)
    count[c->ev_art.v[i]]++;
  for (size_t i = 1; i <= n; i++)
    off[i] = off[i - 1] + count[i - 1];
  memset(count, 0, (n + 1) * sizeof *count);
  for (size_t i = 0; i < c->ev_art.n; i += 2) {
    uint32_t e = c->ev_art.v[i];
    arts[off[e] + count[e]++] = c->ev_art.v[i + 1];
  }
  for (size_t i = 0; i < n; i++) {
    f->events.v[i].sources =
        bf_fx_sources(c->x, arts + off[i], count[i], &f->events.v[i].nsources);
    if (!f->events.v[i].sources) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
      goto done;
    }
  }
  if (n)
    qsort(f->events.v, n, sizeof *f->events.v, cmp_event);
done:
  free(count);
  free(off);
  free(arts);
  return status;
}

brief_status bf_facts_timeline(bf_fx *x, brief_error *err) {
  tctx c;
  memset(&c, 0, sizeof c);
  c.x = x;
  const brief_story *st = x->st;
  /* the story's latest dated article lends its year to undated ones */
  int32_t latest = BF_NO_DAY;
  for (size_t i = 0; i < st->articles.n; i++)
    if (st->articles.v[i].day != BF_NO_DAY &&
        (latest == BF_NO_DAY || st->articles.v[i].day > latest))
      latest = st->articles.v[i].day;
  if (bf_keymap_init(&c.map, 256))
    return bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  for (uint32_t si = 0; si < st->sents.n && !c.oom; si++) {
    const bf_sentence *s = &st->sents.v[si];
    c.art = s->article;
    c.sb = s->tok_first;
    c.se = s->tok_first + s->tok_count;
    c.anchor = st->articles.v[c.art].day;
    c.year_anchor = c.anchor != BF_NO_DAY ? c.anchor : latest;
    c.future = -1;
    for (uint32_t k = c.sb; k < c.se && !c.oom;) {
      if (!may_start_date(&c, k)) {
        k++;
        continue;
      }
      if (c.future < 0)
        c.future = speaks_of_future(&c);
      k = date_at(&c, si, k);
    }
  }
  brief_status status =
      c.oom ? bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory")
            : finish(&c, err);
  bf_keymap_release(&c.map);
  BF_VEC_FREE(c.ev_art);
  return status;
}

size_t bf_facts_dates_of(const brief_facts *f, uint32_t sent,
                         const bf_date_mention **first) {
  size_t lo;
  size_t n = bf_fx_sent_range(f->dates.v, f->dates.n, sizeof *f->dates.v,
                              offsetof(bf_date_mention, sent), sent, &lo);
  *first = n ? f->dates.v + lo : NULL; /* none: the vector may be NULL */
  return n;
}
