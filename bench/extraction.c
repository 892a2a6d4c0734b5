/*
 * extraction.c - accuracy and speed of the HTML extractor (bench_extraction).
 *
 * Runs brief_extract_html over shared/data/html (400 news pages with a gold
 * main text) and prints precision, recall and F1 for the L3S-GN1 pages, the
 * Dragnet pages and all pages, then pages per second and MB/s on one core,
 * then the peak memory libxml2 used per page.
 *
 * Scoring. The data README gives no token-level definition, so this is the
 * usual bag-of-words one: both texts are case-folded and cut into tokens,
 * maximal runs of Unicode letters and digits; the overlap is the multiset
 * intersection; P = overlap / extracted tokens, R = overlap / gold tokens,
 * F1 = 2PR / (P + R), each computed per page and averaged over pages (an
 * empty extraction scores P = R = F1 = 0). The extracted text is the page's
 * title line followed by its text: the gold holds the headline and brief
 * keeps it in the title field instead of repeating it in the text. The
 * text-only figures are printed too.
 *
 * Speed counts brief_extract_html and brief_page_free only, over pages
 * already in memory, best of --repeat passes.
 *
 * usage: bench_extraction [--pages] [--repeat N] [--min-f1 X] [DATA_DIR]
 *   DATA_DIR   the html/ folder (default ../shared/data/html)
 *   --pages    also print one line per page: id P R F1 words
 *   --min-f1   exit 1 when the overall F1 is below X (for tests)
 */
#include "brief.h"

#include "extraction_score.h"

#include <libxml/xmlmemory.h>

#include <errno.h>
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

/* ---- files ---- */

/* ---- the run ---- */

typedef struct page {
  char id[128];
  int dragnet;
  char *html, *gold;
  size_t html_len, gold_len;
} page;

typedef struct sums {
  double p, r, f, tp, tr, tf;
  size_t n;
} sums;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_sums(const char *name, const sums *s) {
  double n = s->n ? (double)s->n : 1;
  printf("%-8s %4zu pages  P %.4f  R %.4f  F1 %.4f   (text only: P %.4f  R "
         "%.4f  F1 %.4f)\n",
         name, s->n, s->p / n, s->r / n, s->f / n, s->tp / n, s->tr / n,
         s->tf / n);
}

static int load(const char *dir, page **out, size_t *count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/index.tsv", dir);
  size_t len;
  char *index = xread_file(path, &len);
  if (!index) {
    fprintf(stderr, "bench_extraction: %s: %s\n", path, strerror(errno));
    return -1;
  }
  page *pages = NULL;
  size_t n = 0, cap = 0;
  char *line = strtok(index, "\n");
  for (line = strtok(NULL, "\n"); line; line = strtok(NULL, "\n")) {
    char *tab = strchr(line, '\t');
    if (!tab || (size_t)(tab - line) >= sizeof pages->id)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 512;
      pages = realloc(pages, cap * sizeof *pages);
      if (!pages)
        return -1;
    }
    page *p = &pages[n];
    memset(p, 0, sizeof *p);
    memcpy(p->id, line, (size_t)(tab - line));
    p->dragnet = strncmp(tab + 1, "dragnet", 7) == 0;
    snprintf(path, sizeof path, "%s/html/%s.html", dir, p->id);
    p->html = xread_file(path, &p->html_len);
    snprintf(path, sizeof path, "%s/truth/%s.txt", dir, p->id);
    p->gold = xread_file(path, &p->gold_len);
    if (!p->html || !p->gold) {
      fprintf(stderr, "bench_extraction: %s: cannot read\n", p->id);
      return -1;
    }
    n++;
  }
  free(index);
  *out = pages;
  *count = n;
  return 0;
}

int main(int argc, char **argv) {
  const char *dir = "../shared/data/html";
  int per_page = 0;
  long repeat = 3;
  double min_f1 = -1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--pages") == 0)
      per_page = 1;
    else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
      repeat = strtol(argv[++i], NULL, 10);
    else if (strcmp(argv[i], "--min-f1") == 0 && i + 1 < argc)
      min_f1 = strtod(argv[++i], NULL);
    else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: bench_extraction [--pages] [--repeat N] "
                      "[--min-f1 X] [DATA_DIR]\n");
      return 2;
    } else
      dir = argv[i];
  }
  if (repeat < 1)
    repeat = 1;
  xmlMemSetup(count_free, count_malloc, count_realloc, count_strdup);

  page *pages;
  size_t n;
  if (load(dir, &pages, &n))
    return 1;

  sums all = {0}, l3s = {0}, dn = {0};
  size_t total_bytes = 0, failures = 0;
  double worst_ratio = 0, sum_ratio = 0;
  for (size_t i = 0; i < n; i++) {
    page *p = &pages[i];
    brief_page *bp;
    brief_error err;
    total_bytes += p->html_len;
    mem_peak = mem_now;
    size_t base = mem_now;
    if (brief_extract_html(p->html, p->html_len, p->id, &bp, &err)) {
      fprintf(stderr, "bench_extraction: %s\n", err.message);
      failures++;
      continue;
    }
    double ratio = (double)(mem_peak - base) / (double)p->html_len;
    sum_ratio += ratio;
    if (ratio > worst_ratio)
      worst_ratio = ratio;
    brief_page_view v;
    brief_page_view_get(bp, &v);
    size_t tl = strlen(v.title);
    char *both = malloc(tl + 1 + v.text_len + 1);
    if (!both)
      return 1;
    memcpy(both, v.title, tl);
    both[tl] = '\n';
    memcpy(both + tl + 1, v.text, v.text_len);
    xscore s = xscore_texts(both, tl + 1 + v.text_len, p->gold, p->gold_len);
    xscore t = xscore_texts(v.text, v.text_len, p->gold, p->gold_len);
    free(both);
    sums *groups[] = {&all, p->dragnet ? &dn : &l3s};
    for (size_t g = 0; g < 2; g++) {
      groups[g]->p += s.p, groups[g]->r += s.r, groups[g]->f += s.f;
      groups[g]->tp += t.p, groups[g]->tr += t.r, groups[g]->tf += t.f;
      groups[g]->n++;
    }
    if (per_page)
      printf("%s\t%.3f\t%.3f\t%.3f\t%zu\n", p->id, s.p, s.r, s.f,
             (size_t)0 + v.text_len);
    brief_page_free(bp);
  }
  print_sums("L3S-GN1", &l3s);
  print_sums("Dragnet", &dn);
  print_sums("all", &all);

  double best = 0;
  for (long r = 0; r < repeat; r++) {
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
      brief_page *bp;
      if (brief_extract_html(pages[i].html, pages[i].html_len, pages[i].id, &bp,
                             NULL) == BRIEF_OK)
        brief_page_free(bp);
    }
    double t = now() - t0;
    if (r == 0 || t < best)
      best = t;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("speed    %.0f pages/s  %.1f MB/s  (%zu pages, %.1f MB, %.3f s, best "
         "of %ld)\n",
         (double)n / best, (double)total_bytes / 1e6 / best, n,
         (double)total_bytes / 1e6, best, repeat);
  printf("memory   libxml2 peak per page: mean %.1fx, max %.1fx page size; "
         "process max RSS %.1f MB\n",
         n ? sum_ratio / (double)n : 0, worst_ratio,
         (double)ru.ru_maxrss / 1024.0);
  for (size_t i = 0; i < n; i++) {
    free(pages[i].html);
    free(pages[i].gold);
  }
  free(pages);
  if (failures)
    return 1;
  double f = all.n ? all.f / (double)all.n : 0;
  if (min_f1 >= 0 && f < min_f1) {
    fprintf(stderr, "bench_extraction: F1 %.4f is below %.4f\n", f, min_f1);
    return 1;
  }
  return 0;
}
