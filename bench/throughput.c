/*
 * throughput.c - words per second and peak memory of the summary pipeline.
 *
 * bench_throughput PATH         articles from a folder or file
 * bench_throughput --synthetic N  N generated articles of ~600 words about
 *                               one story: a pool of shared sentences that
 *                               articles repeat (syndication, rewrites) mixed
 *                               with sentences of their own.
 * Prints one line: articles, words, seconds (ingest+clean, summarize), words
 * per second, and the process's peak resident memory. Time is the best of
 * --repeat runs (default 3; 1 for large inputs). WordNet is opened once
 * and shared by the runs, as the server and brief eval do;
 * --wordnet-per-story lets each summary open it itself instead (options
 * with no handle).
 */
#include "brief.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* A vocabulary of pseudo-words drawn with a Zipf-like law, plus function
 * words, so that word frequencies look like news text rather than a tiny
 * repeated lexicon. */
enum { VOCAB = 6000 };
typedef struct vocab {
  char words[VOCAB][12];
} vocab;

static void make_vocab(uint64_t *s, vocab *v) {
  static const char *const syl[] = {"ka",  "ro",  "mi",  "ten", "sal", "bor",
                                    "lin", "dra", "ve",  "cus", "pla", "nor",
                                    "est", "ud",  "ham", "gri", "to",  "sen"};
  for (int i = 0; i < VOCAB; i++) {
    int n = 2 + (int)(rng(s) % 3);
    v->words[i][0] = '\0';
    for (int k = 0; k < n; k++)
      strcat(v->words[i], syl[rng(s) % (sizeof syl / sizeof *syl)]);
  }
}

static const char *zipf_word(uint64_t *s, const vocab *v) {
  /* rank = VOCAB^u - 1 for uniform u approximates a 1/r law. */
  double u = (double)(rng(s) % 1000000) / 1e6;
  int r = (int)(exp(u * log((double)VOCAB))) - 1;
  return v->words[r < 0 ? 0 : r >= VOCAB ? VOCAB - 1 : r];
}

static void make_sentence(uint64_t *s, const vocab *v, char *out, size_t cap) {
  static const char *const fn[] = {"the", "of",   "and", "in",  "to",
                                   "a",   "said", "on",  "for", "was"};
  size_t n = 0;
  int words = 10 + (int)(rng(s) % 16);
  n += (size_t)snprintf(out + n, cap - n, "The");
  for (int w = 0; w < words && n + 40 < cap; w++) {
    const char *tok = rng(s) % 3 == 0 ? fn[rng(s) % 10] : zipf_word(s, v);
    n += (size_t)snprintf(out + n, cap - n, " %s", tok);
  }
  snprintf(out + n, cap - n, " %llu.", (unsigned long long)(rng(s) % 5000));
}

static char **synthetic(size_t narticles, size_t *words) {
  uint64_t s = 0x9E3779B97F4A7C15ULL;
  enum { POOL = 400 };
  static char pool[POOL][400];
  static vocab v;
  make_vocab(&s, &v);
  for (int i = 0; i < POOL; i++)
    make_sentence(&s, &v, pool[i], sizeof pool[i]);
  char **texts = calloc(narticles, sizeof *texts);
  *words = 0;
  for (size_t a = 0; a < narticles; a++) {
    size_t cap = 12000, n = 0;
    char *t = malloc(cap);
    char own[400];
    while (n < 4000) {
      const char *src;
      if (rng(&s) % 3 == 0) {
        src = pool[rng(&s) % POOL];
      } else {
        make_sentence(&s, &v, own, sizeof own);
        src = own;
      }
      n += (size_t)snprintf(t + n, cap - n, "%s%s", src,
                            rng(&s) % 4 == 0 ? "\n" : " ");
    }
    texts[a] = t;
    for (char *p = t; *p; p++)
      *words += (*p == ' ' || *p == '\n');
  }
  return texts;
}

static double run(brief_story **out, size_t n, char **texts, const char *path,
                  const brief_options *opts, double *t_add, double *t_sum) {
  brief_error err;
  double t0 = now();
  brief_story *story = brief_story_new();
  if (path) {
    if (brief_story_add_path(story, path, NULL, &err)) {
      fprintf(stderr, "%s\n", err.message);
      exit(1);
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      brief_article a = {0};
      a.text = texts[i];
      a.text_len = strlen(texts[i]);
      if (brief_story_add(story, &a, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
      }
    }
  }
  double t1 = now();
  brief_summary *sum;
  if (brief_summarize(story, opts, &sum, &err)) {
    fprintf(stderr, "%s\n", err.message);
    exit(1);
  }
  double t2 = now();
  brief_summary_free(sum);
  *t_add = t1 - t0;
  *t_sum = t2 - t1;
  *out = story;
  return t2 - t0;
}

int main(int argc, char **argv) {
  const char *path = NULL;
  size_t n = 0, words = 0;
  int repeat = 3, per_story = 0;
  char **texts = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--wordnet-per-story"))
      per_story = 1;
    else if (!strcmp(argv[i], "--synthetic") && i + 1 < argc)
      n = (size_t)atol(argv[++i]);
    else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = atoi(argv[++i]);
    else
      path = argv[i];
  }
  if (!path && !n) {
    fprintf(stderr, "usage: bench_throughput [--repeat N] "
                    "[--wordnet-per-story] PATH | --synthetic N\n");
    return 2;
  }
  brief_options opts;
  brief_options_init(&opts);
  brief_wordnet *wordnet = NULL;
  brief_error err;
  if (!per_story) {
    if (brief_wordnet_open(NULL, &wordnet, &err)) {
      fprintf(stderr, "%s\n", err.message);
      return 1;
    }
    opts.wordnet = wordnet;
  }
  if (n)
    texts = synthetic(n, &words);
  double best = 1e30, add = 0, sum = 0;
  size_t articles = 0;
  for (int r = 0; r < (repeat > 0 ? repeat : 1); r++) {
    brief_story *story;
    double ta, ts;
    double t = run(&story, n, texts, path, &opts, &ta, &ts);
    if (t < best)
      best = t, add = ta, sum = ts;
    articles = brief_story_article_count(story);
    if (path) {
      words = 0;
      for (size_t i = 0; i < articles; i++) {
        brief_article_view v;
        brief_story_article(story, i, &v);
        words += v.word_count;
      }
    }
    brief_story_free(story);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("%-22s %6zu articles %9zu words  %8.2f ms (ingest+clean %.2f, "
         "summarize %.2f)  %11.0f words/s  peak RSS %.1f MiB\n",
         path ? path : "synthetic", articles, words, best * 1e3, add * 1e3,
         sum * 1e3, (double)words / best, (double)ru.ru_maxrss / 1024.0);
  for (size_t i = 0; i < n; i++)
    free(texts[i]);
  free(texts);
  brief_wordnet_close(wordnet);
  return 0;
}
