/*
 * extraction.c - accuracy and speed of the HTML extractor (bench_extraction).
 *
 * Runs brief_extract_html over the three development sets of web pages
 * under shared/data (bench/extraction_sets.h) and prints, for each, the
 * figures of its own metric (bench/extraction_score.h):
 *
 *   html/              bag-of-words P/R/F1 averaged over pages, for the
 *                      L3S-GN1 pages, the Dragnet pages and all; the
 *                      extracted text is the title line and the text (the
 *                      gold holds the headline), and the text alone is
 *                      printed too
 *   html-trafilatura/  trafilatura's snippet P/R/F1 over the set, with the
 *                      four counts
 *   html-readability/  the Zyte benchmark's 4-token shingle P/R/F1
 *
 * then the metadata of html-readability/ against Readability's expected
 * metadata, one line per field (see compare_meta below), then pages per
 * second and MB/s on one core for each set and all pages, and the peak
 * memory libxml2 used per page.
 *
 * Speed counts brief_extract_html and brief_page_free only, over pages
 * already in memory, best of --repeat passes, in CPU time of this one
 * thread, so other work on a shared machine changes it little.
 *
 * usage: bench_extraction [--pages] [--repeat N] [--set NAME] [DATA_DIR]
 *   DATA_DIR   the folder holding html/, html-trafilatura/ and
 *              html-readability/ (default ../shared/data)
 *   --pages    also print one line per page: set id P R F1 words
 *   --set      only this set (html, html-trafilatura or html-readability)
 */
#include "brief.h"

#include "extraction_sets.h"

#include <libxml/xmlmemory.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* ---- libxml2 memory accounting ---- */

typedef struct {
  size_t size;
  size_t pad;
} memhdr;

static size_t mem_now, mem_peak;

static void *count_malloc(size_t n) {
  memhdr *h = malloc(sizeof *h + n);
  if (!h)
    return NULL;
  h->size = n;
  mem_now += n;
  if (mem_now > mem_peak)
    mem_peak = mem_now;
  return h + 1;
}

static void count_free(void *p) {
  if (!p)
    return;
  memhdr *h = (memhdr *)p - 1;
  mem_now -= h->size;
  free(h);
}

static void *count_realloc(void *p, size_t n) {
  if (!p)
    return count_malloc(n);
  memhdr *h = (memhdr *)p - 1;
  size_t old = h->size;
  memhdr *nh = realloc(h, sizeof *nh + n);
  if (!nh)
    return NULL;
  nh->size = n;
  mem_now = mem_now - old + n;
  if (mem_now > mem_peak)
    mem_peak = mem_now;
  return nh + 1;
}

static char *count_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = count_malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

/* ---- metadata against Readability's ---- */

enum meta_field { M_TITLE, M_BYLINE, M_DATE, M_SITE, M_LANG, M_FIELDS };

static const char *const meta_names[M_FIELDS] = {"title", "byline", "date",
                                                 "site", "language"};

/* Per field: pages where Readability has a value, and of those the ones
 * brief matches exactly and leniently; pages where it has none, and of
 * those the ones where brief has none either. */
typedef struct meta_tally {
  size_t has[M_FIELDS], exact[M_FIELDS], lenient[M_FIELDS];
  size_t none[M_FIELDS], both_none[M_FIELDS];
} meta_tally;

/* Case-folded, whitespace collapsed and trimmed, without a leading "By "
 * when `byline`; a malloc'd string. */
static char *meta_norm(const char *s, int byline) {
  size_t n;
  char *c = xcollapse(s, strlen(s), &n);
  utf8proc_uint8_t *f = NULL;
  utf8proc_map((const utf8proc_uint8_t *)c, (utf8proc_ssize_t)n, &f,
               UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE);
  free(c);
  if (!f)
    return xstrdup("");
  char *r = (char *)f;
  if (byline && strncmp(r, "by ", 3) == 0)
    memmove(r, r + 3, strlen(r + 3) + 1);
  return r;
}

/* Exact: equal once normalised (dates: the same day; languages: the same
 * tag). Lenient: one contains the other (languages: the same primary
 * subtag), so "Headline | Site" against "Headline" counts. */
static void compare_meta(int field, const char *want, const char *got,
                         int *exact, int *lenient) {
  char *a = meta_norm(want, field == M_BYLINE);
  char *b = meta_norm(got, field == M_BYLINE);
  *exact = *lenient = 0;
  if (field == M_DATE) {
    *exact = *lenient =
        strlen(a) >= 10 && strlen(b) >= 10 && strncmp(a, b, 10) == 0;
  } else if (field == M_LANG) {
    *exact = strcmp(a, b) == 0;
    size_t pa = strcspn(a, "-"), pb = strcspn(b, "-");
    *lenient = pa == pb && strncmp(a, b, pa) == 0;
  } else {
    *exact = strcmp(a, b) == 0;
    *lenient = *b && (strstr(a, b) || strstr(b, a));
  }
  free(a);
  free(b);
}

static void tally_meta(meta_tally *t, const xpage *p,
                       const brief_page_view *v) {
  const char *want[M_FIELDS] = {p->meta.title, p->meta.byline,
                                p->meta.published, p->meta.site_name,
                                p->meta.lang};
  const char *got[M_FIELDS] = {v->title, v->byline, v->date, v->site_name,
                               v->language};
  for (int f = 0; f < M_FIELDS; f++) {
    if (!want[f] || !*want[f]) {
      t->none[f]++;
      t->both_none[f] += !*got[f];
      continue;
    }
    int exact, lenient;
    compare_meta(f, want[f], got[f], &exact, &lenient);
    t->has[f]++;
    t->exact[f] += exact;
    t->lenient[f] += lenient;
  }
}

static double ratio(size_t a, size_t b) {
  return b ? (double)a / (double)b : 0;
}

static void print_meta(const meta_tally *t) {
  printf("metadata of html-readability against Readability's expected "
         "metadata:\n");
  for (int f = 0; f < M_FIELDS; f++)
    printf("  %-8s exact %.3f  lenient %.3f  (%zu/%zu/%zu pages with a "
           "value)  none when it has none %zu/%zu\n",
           meta_names[f], ratio(t->exact[f], t->has[f]),
           ratio(t->lenient[f], t->has[f]), t->exact[f], t->lenient[f],
           t->has[f], t->both_none[f], t->none[f]);
}

/* ---- the run ---- */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct run_stats {
  size_t pages, bytes, failures, empty;
  double sum_ratio, worst_ratio;
} run_stats;

static void print_html(const xtally *t, const xset *set) {
  static const char *const names[XGROUPS] = {"all", "L3S-GN1", "Dragnet"};
  static const int order[] = {XGROUP_L3S, XGROUP_DRAGNET, XGROUP_ALL};
  for (size_t i = 0; i < 3; i++) {
    int g = order[i];
    xscore s = xtally_result(t, set, g, 0), o = xtally_result(t, set, g, 1);
    printf("  %-8s %4zu pages  P %.4f  R %.4f  F1 %.4f   (text only: P %.4f  "
           "R %.4f  F1 %.4f)\n",
           names[g], t->n[g], s.p, s.r, s.f, o.p, o.r, o.f);
  }
}

static void print_set(const xtally *t, const xset *set, const run_stats *st) {
  printf("%s/ (%zu pages, %zu with no text)\n", set->name, set->n, st->empty);
  if (set->kind == XSET_HTML) {
    print_html(t, set);
    return;
  }
  xscore s = xtally_result(t, set, XGROUP_ALL, 0);
  if (set->kind == XSET_TRAFILATURA)
    printf("  snippets P %.4f  R %.4f  F1 %.4f   (tp %zu fn %zu fp %zu tn "
           "%zu)\n",
           s.p, s.r, s.f, t->snip.tp, t->snip.fn, t->snip.fp, t->snip.tn);
  else {
    double p0 = t->shingle.n ? t->shingle.p_all / (double)t->shingle.n : 0;
    printf("  shingles P %.4f  R %.4f  F1 %.4f   (P over %zu pages, R over "
           "%zu; with empty pages as P 0: P %.4f  F1 %.4f)\n",
           s.p, s.r, s.f, t->shingle.np, t->shingle.nr, p0,
           p0 + s.r > 0 ? 2 * p0 * s.r / (p0 + s.r) : 0);
  }
}

/* Extracts and scores every page of the set once, measuring libxml2's
 * memory per page on the way. */
static void score_set(const xset *set, int per_page, xtally *t, meta_tally *mt,
                      run_stats *st) {
  for (size_t i = 0; i < set->n; i++) {
    const xpage *p = &set->v[i];
    brief_page *bp;
    brief_error err;
    st->pages++;
    st->bytes += p->html_len;
    mem_peak = mem_now;
    size_t base = mem_now;
    if (brief_extract_html(p->html, p->html_len, p->id, &bp, &err)) {
      fprintf(stderr, "bench_extraction: %s\n", err.message);
      st->failures++;
      continue;
    }
    double r = (double)(mem_peak - base) / (double)(p->html_len + 1);
    st->sum_ratio += r;
    if (r > st->worst_ratio)
      st->worst_ratio = r;
    brief_page_view v;
    brief_page_view_get(bp, &v);
    st->empty += v.text_len == 0;
    xscore s = xtally_page(t, set, p, &v);
    if (set->kind == XSET_READABILITY)
      tally_meta(mt, p, &v);
    if (per_page)
      printf("%s\t%s\t%.3f\t%.3f\t%.3f\t%zu\n", set->name, p->id, s.p, s.r, s.f,
             v.text_len);
    brief_page_free(bp);
  }
}

/* Best of `repeat` passes over the set, in seconds. */
static double time_set(const xset *set, long repeat) {
  double best = 0;
  for (long r = 0; r < repeat; r++) {
    double t0 = now();
    for (size_t i = 0; i < set->n; i++) {
      brief_page *bp;
      if (brief_extract_html(set->v[i].html, set->v[i].html_len, set->v[i].id,
                             &bp, NULL) == BRIEF_OK)
        brief_page_free(bp);
    }
    double t = now() - t0;
    if (r == 0 || t < best)
      best = t;
  }
  return best;
}

static void print_speed(const char *name, size_t pages, size_t bytes,
                        double secs, long repeat) {
  printf("  %-17s %5.0f pages/s  %5.1f MB/s  (%zu pages, %.1f MB, %.3f s, "
         "best of %ld)\n",
         name, secs > 0 ? (double)pages / secs : 0,
         secs > 0 ? (double)bytes / 1e6 / secs : 0, pages, (double)bytes / 1e6,
         secs, repeat);
}

static int usage(void) {
  fprintf(stderr, "usage: bench_extraction [--pages] [--repeat N] [--set "
                  "NAME] [DATA_DIR]\n");
  return 2;
}

int main(int argc, char **argv) {
  const char *dir = "../shared/data", *only = NULL;
  int per_page = 0;
  long repeat = 3;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--pages") == 0)
      per_page = 1;
    else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
      repeat = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc)
      only = argv[++i];
    else if (argv[i][0] == '-')
      return usage();
    else
      dir = argv[i];
  }
  if (repeat < 1)
    repeat = 1;
  xmlMemSetup(count_free, count_malloc, count_realloc, count_strdup);

  xset sets[3];
  size_t nsets = 0;
  for (int k = XSET_HTML; k <= XSET_READABILITY; k++) {
    if (only && strcmp(only, xset_dirs[k]) != 0)
      continue;
    char err[4200];
    int missing;
    if (xset_load((xset_kind)k, dir, &sets[nsets], err, sizeof err, &missing)) {
      fprintf(stderr, "bench_extraction: %s\n", err);
      return 1;
    }
    nsets++;
  }
  if (nsets == 0)
    return usage();

  run_stats all = {0};
  meta_tally mt;
  memset(&mt, 0, sizeof mt);
  int have_meta = 0;
  for (size_t k = 0; k < nsets; k++) {
    xtally t;
    run_stats st = {0};
    memset(&t, 0, sizeof t);
    score_set(&sets[k], per_page, &t, &mt, &st);
    print_set(&t, &sets[k], &st);
    have_meta |= sets[k].kind == XSET_READABILITY;
    all.pages += st.pages, all.bytes += st.bytes;
    all.failures += st.failures, all.sum_ratio += st.sum_ratio;
    if (st.worst_ratio > all.worst_ratio)
      all.worst_ratio = st.worst_ratio;
  }
  if (have_meta)
    print_meta(&mt);

  printf("speed on one core:\n");
  double total = 0;
  for (size_t k = 0; k < nsets; k++) {
    double secs = time_set(&sets[k], repeat);
    size_t bytes = 0;
    for (size_t i = 0; i < sets[k].n; i++)
      bytes += sets[k].v[i].html_len;
    print_speed(sets[k].name, sets[k].n, bytes, secs, repeat);
    total += secs;
  }
  if (nsets > 1)
    print_speed("all", all.pages, all.bytes, total, repeat);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("memory   libxml2 peak per page: mean %.1fx, max %.1fx page size; "
         "process max RSS %.1f MB\n",
         all.pages ? all.sum_ratio / (double)all.pages : 0, all.worst_ratio,
         (double)ru.ru_maxrss / 1024.0);
  for (size_t k = 0; k < nsets; k++)
    xset_free(&sets[k]);
  return all.failures ? 1 : 0;
}
