/*
 * stories.c - the story desk on a long synthetic stream: articles per second
 * and peak memory for each 10,000 articles, the assign stage alone, and the
 * rebuild time of one story's brief at 50, 500 and 5,000 articles.
 *
 * bench_stories [--db FILE] [--articles N] [--window DAYS] DEV.jsonl...
 * bench_stories --write OUT.jsonl [--articles N] DEV.jsonl...
 *
 * --write writes the synthetic stream as JSON lines (id, title, date,
 * text) and runs nothing: bench/serve posts it to a server's desk.
 *
 * The stream is built from the development streams' stories: each is
 * replayed many times as a new event ("replica") that starts on a random
 * day of a simulated period and runs for a few days, so stories overlap in
 * time as in a news feed. A replica's articles are rewritten: sentences
 * shuffled within paragraphs, one in five dropped, and its capitalised
 * words given a suffix of the replica's own, so replicas name different
 * people and places.
 */
#include "brief.h"
#include "core/corpus.h"
#include "core/date.h"
#include "core/vec.h"
#include "pipeline/pipeline.h"
#include "stories/assign.h"
#include "stories/features.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { CHECKPOINT = 10000, BATCH = 256, ARTICLES_PER_DAY = 1500 };

typedef struct dev_article {
  char *title, *text;
  uint32_t story;
} dev_article;

typedef struct dev_story {
  uint32_t first, count; /* into the articles, grouped by story */
} dev_story;

typedef struct slot {
  uint32_t replica, article; /* which rewrite of which dev article */
  int32_t day;
} slot;

static BF_VEC(dev_article) arts;
static BF_VEC(dev_story) stories;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

static uint64_t rng(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static void die(const char *what) {
  fprintf(stderr, "bench_stories: %s\n", what);
  exit(1);
}

/* ---- the development articles, grouped by gold story ------------------- */

typedef struct labelled {
  char *label;
  dev_article a;
} labelled;

typedef BF_VEC(labelled) labelled_vec;

static int by_label(const void *x, const void *y) {
  return strcmp(((const labelled *)x)->label, ((const labelled *)y)->label);
}

static void load(const char *path, labelled_vec *out) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die(path);
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, f) >= 0) {
    json_t *o = json_loads(line, 0, NULL);
    const char *text = json_string_value(json_object_get(o, "text"));
    const char *title = json_string_value(json_object_get(o, "title"));
    const char *story = json_string_value(json_object_get(o, "story"));
    if (o && text && story) {
      labelled l = {NULL, {strdup(title ? title : ""), strdup(text), 0}};
      size_t n = strlen(path) + strlen(story) + 2;
      l.label = malloc(n);
      snprintf(l.label, n, "%s/%s", path, story);
      if (BF_VEC_PUSH(*out, l))
        die("out of memory");
    }
    json_decref(o);
  }
  free(line);
  fclose(f);
}

static void group(labelled_vec *all) {
  qsort(all->v, all->n, sizeof *all->v, by_label);
  for (size_t i = 0; i < all->n; i++) {
    if (!i || strcmp(all->v[i].label, all->v[i - 1].label)) {
      dev_story s = {(uint32_t)i, 0};
      if (BF_VEC_PUSH(stories, s))
        die("out of memory");
    }
    stories.v[stories.n - 1].count++;
    all->v[i].a.story = (uint32_t)stories.n - 1;
    if (BF_VEC_PUSH(arts, all->v[i].a))
      die("out of memory");
    free(all->v[i].label);
  }
}

/* ---- the synthetic stream ----------------------------------------------- */

static int by_day(const void *x, const void *y) {
  const slot *a = x, *b = y;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  if (a->replica != b->replica)
    return a->replica < b->replica ? -1 : 1;
  return (a->article > b->article) - (a->article < b->article);
}

/* Replicas of random development stories until n articles, each starting
 * on a random day of the period and lasting up to four days. */
static slot *plan(size_t n, uint64_t *seed) {
  slot *s = malloc(n * sizeof *s);
  if (!s)
    die("out of memory");
  int32_t span = (int32_t)(n / ARTICLES_PER_DAY) + 7;
  size_t k = 0;
  for (uint32_t r = 0; k < n; r++) {
    const dev_story *st = &stories.v[rng(seed) % stories.n];
    int32_t start = (int32_t)(rng(seed) % (uint64_t)span);
    for (uint32_t i = 0; i < st->count && k < n; i++, k++) {
      s[k].replica = r;
      s[k].article = st->first + i;
      s[k].day = start + (int32_t)(rng(seed) % 4);
    }
  }
  qsort(s, n, sizeof *s, by_day);
  return s;
}

static void suffix(char *buf, size_t *o, size_t cap, uint32_t replica) {
  static const char *const syl[] = {"an", "ok", "ir", "ul", "es",
                                    "ar", "om", "ev", "id", "us"};
  for (int k = 0; k < 3 && *o + 2 < cap; k++) {
    const char *x = syl[replica % 10];
    replica /= 10;
    buf[(*o)++] = x[0];
    buf[(*o)++] = x[1];
  }
}

/* The replica's rewrite of a text: sentences (split at ". ") shuffled per
 * paragraph, one in five dropped, capitalised words suffixed. */
static char *rewrite(const char *text, uint32_t replica, uint64_t *seed) {
  size_t len = strlen(text), cap = len * 2 + 64, o = 0;
  char *out = malloc(cap);
  if (!out)
    die("out of memory");
  const char *p = text;
  while (*p) {
    const char *end = strchr(p, '.');
    end = end ? end + 1 : p + strlen(p);
    if (rng(seed) % 5 != 0 || o == 0) {
      for (const char *q = p; q < end && o + 8 < cap; q++) {
        out[o++] = *q;
        int word_end = (q[1] == ' ' || q[1] == ',' || q[1] == '.');
        if (word_end && q > p && *q >= 'a' && *q <= 'z') {
          const char *w = q;
          while (w > p && w[-1] != ' ' && w[-1] != '\n')
            w--;
          if (*w >= 'A' && *w <= 'Z' && q - w >= 3)
            suffix(out, &o, cap - 8, replica);
        }
      }
    }
    p = end;
  }
  out[o] = '\0';
  return out;
}

/* ---- runs -------------------------------------------------------------- */

/* The article of slot `s` as the stream gives it: id, date, rewritten
 * title and text (the caller frees those two). */
static void stream_article(const slot *s, uint64_t *seed, char id[32],
                           char date[11], char **title, char **text) {
  const dev_article *x = &arts.v[s->article];
  snprintf(id, 32, "r%u-a%u", s->replica, s->article);
  bf_date dt;
  bf_civil_from_days(20000 + s->day, &dt);
  bf_date_format(&dt, date);
  *text = rewrite(x->text, s->replica, seed);
  *title = rewrite(x->title, s->replica, seed);
}

/* The stream as JSON lines, for a server's desk. */
static void write_run(const char *path, size_t total) {
  FILE *f = fopen(path, "w");
  if (!f)
    die(path);
  uint64_t seed = 0x9E3779B97F4A7C15ULL;
  slot *s = plan(total, &seed);
  for (size_t i = 0; i < total; i++) {
    char id[32], date[11], *title, *text;
    stream_article(&s[i], &seed, id, date, &title, &text);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "date", date,
                          "title", title, "text", text);
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (!line || fprintf(f, "%s\n", line) < 0)
      die("cannot write the stream");
    free(line);
    json_decref(o);
    free(title);
    free(text);
  }
  free(s);
  if (fclose(f) != 0)
    die(path);
  printf("wrote %zu articles to %s\n", total, path);
}

/* Adds one batch; returns the seconds brief_desk_add took (wall, cpu). */
static void add_batch(brief_desk *d, const slot *s, size_t n, uint64_t *seed,
                      double *wall, double *cpu) {
  brief_article a[BATCH];
  char ids[BATCH][32], dates[BATCH][11];
  char *texts[BATCH], *titles[BATCH];
  for (size_t i = 0; i < n; i++) {
    memset(&a[i], 0, sizeof a[i]);
    stream_article(&s[i], seed, ids[i], dates[i], &titles[i], &texts[i]);
    a[i].id = ids[i];
    a[i].date = dates[i];
    a[i].title = titles[i];
    a[i].text = texts[i];
    a[i].text_len = strlen(texts[i]);
  }
  brief_error err;
  double t0 = now(), c0 = cpu_now();
  if (brief_desk_add(d, a, n, &err) != BRIEF_OK)
    die(err.message);
  *wall += now() - t0;
  *cpu += cpu_now() - c0;
  for (size_t i = 0; i < n; i++) {
    free(texts[i]);
    free(titles[i]);
  }
}

static void stream_run(const char *db, size_t total, double window) {
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.db_path = db;
  o.window_days = window;
  brief_desk *d;
  brief_error err;
  if (brief_desk_open(&o, &d, &err) != BRIEF_OK)
    die(err.message);
  uint64_t seed = 0x9E3779B97F4A7C15ULL;
  slot *s = plan(total, &seed);
  printf("desk %s, window %g days: %zu articles\n",
         db ? "with --db" : "in memory", window, total);
  printf("%10s %10s %12s %10s %10s\n", "articles", "stories", "articles/s",
         "cpu/s", "peak MiB");
  double wall = 0, cpu = 0, all_wall = 0;
  size_t since = 0, next = CHECKPOINT;
  for (size_t done = 0; done < total;) {
    size_t n = total - done < BATCH ? total - done : BATCH;
    if (done + n > next)
      n = next - done; /* batches end on the checkpoints */
    add_batch(d, s + done, n, &seed, &wall, &cpu);
    done += n;
    since += n;
    if (done == next || done == total) {
      next += CHECKPOINT;
      printf("%10zu %10zu %12.0f %10.0f %10ld\n", done,
             brief_desk_story_count(d), since / wall, since / cpu, peak_mib());
      fflush(stdout);
      all_wall += wall;
      wall = cpu = 0;
      since = 0;
    }
  }
  printf("all %zu articles in %.1f s: %.0f articles/s\n", total, all_wall,
         total / all_wall);
  free(s);
  brief_desk_close(d);
}

/* The stages apart, through the library's inside: ingest and clean, then
 * features, then assignment alone, on the same stream. */
static void stage_run(size_t total, double window) {
  uint64_t seed = 0x9E3779B97F4A7C15ULL;
  slot *s = plan(total, &seed);
  bf_featurizer *fz = bf_featurizer_new();
  bf_assign_config cfg;
  bf_assign_config_init(&cfg);
  cfg.window_days = window;
  bf_assigner *a = bf_assigner_new(&cfg);
  if (!fz || !a)
    die("out of memory");
  double t_ingest = 0, t_feat = 0, t_assign = 0;
  for (size_t i = 0; i < total; i++) {
    const dev_article *x = &arts.v[s[i].article];
    char *text = rewrite(x->text, s[i].replica, &seed);
    char *title = rewrite(x->title, s[i].replica, &seed);
    brief_article in;
    memset(&in, 0, sizeof in);
    in.id = "x";
    in.title = title;
    in.text = text;
    in.text_len = strlen(text);
    bf_ingested g;
    bf_features f;
    bf_features_init(&f);
    brief_error err;
    double c0 = cpu_now();
    if (bf_ingest_one(&in, "x", &g, &err) != BRIEF_OK)
      die(err.message);
    double c1 = cpu_now();
    if (bf_featurize(fz, g.text, g.len, g.title, strlen(g.title), &f))
      die("out of memory");
    double c2 = cpu_now();
    bf_assignment as;
    if (bf_assign(a, &f, 20000 + s[i].day, NULL, NULL, &as))
      die("out of memory");
    double c3 = cpu_now();
    t_ingest += c1 - c0, t_feat += c2 - c1, t_assign += c3 - c2;
    bf_features_release(&f);
    bf_ingested_release(&g);
    free(text);
    free(title);
  }
  printf("stages on %zu articles (cpu): ingest+clean %.0f/s, features %.0f/s, "
         "assign %.0f/s; %zu stories; assign state %.1f MiB\n",
         total, total / t_ingest, total / t_feat, total / t_assign,
         bf_assigner_story_count(a), bf_assigner_bytes(a) / 1048576.0);
  bf_assigner_free(a);
  bf_featurizer_free(fz);
  free(s);
}

/* One event reported over and over: its brief at 50, 500 and 5,000. */
static void rebuild_run(void) {
  const dev_story *big = &stories.v[0];
  for (size_t i = 1; i < stories.n; i++)
    if (stories.v[i].count > big->count)
      big = &stories.v[i];
  brief_desk_options o;
  brief_desk_options_init(&o);
  brief_desk *d;
  brief_error err;
  if (brief_desk_open(&o, &d, &err) != BRIEF_OK)
    die(err.message);
  uint64_t seed = 42;
  static const size_t sizes[] = {50, 500, 5000};
  size_t added = 0;
  slot batch[BATCH];
  double wall = 0, cpu = 0;
  for (size_t k = 0; k < 3; k++) {
    while (added < sizes[k]) {
      size_t n = 0;
      for (; n < BATCH && added < sizes[k]; n++, added++) {
        batch[n].replica = (uint32_t)(added / big->count) + 7;
        batch[n].article = big->first + (uint32_t)(added % big->count);
        batch[n].day = (int32_t)(added * 3 / sizes[2]);
      }
      add_batch(d, batch, n, &seed, &wall, &cpu);
    }
    brief_story_list *l;
    brief_story_query q;
    memset(&q, 0, sizeof q);
    q.limit = 1;
    brief_story_info x;
    uint64_t biggest = 0;
    size_t most = 0;
    if (brief_desk_stories(d, NULL, &l, &err) != BRIEF_OK)
      die(err.message);
    for (size_t i = 0; i < brief_story_list_count(l); i++)
      if (brief_story_list_get(l, i, &x) == BRIEF_OK && x.articles > most)
        most = x.articles, biggest = x.id;
    brief_story_list_free(l);
    brief_desk_brief *b;
    double c0 = cpu_now();
    if (brief_desk_brief_get(d, biggest, NULL, 0, &b, &err) != BRIEF_OK)
      die(err.message);
    double c1 = cpu_now();
    printf("brief of a story of %zu articles (%zu added): %.1f ms cpu\n", most,
           added, (c1 - c0) * 1000);
    brief_desk_brief_free(b);
  }
  brief_desk_close(d);
}

int main(int argc, char **argv) {
  const char *db = NULL, *write = NULL;
  size_t total = 100000;
  double window = 7;
  labelled_vec all = {0};
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--db") && i + 1 < argc)
      db = argv[++i];
    else if (!strcmp(argv[i], "--articles") && i + 1 < argc)
      total = (size_t)atol(argv[++i]);
    else if (!strcmp(argv[i], "--window") && i + 1 < argc)
      window = atof(argv[++i]);
    else if (!strcmp(argv[i], "--write") && i + 1 < argc)
      write = argv[++i];
    else
      load(argv[i], &all);
  }
  if (!all.n)
    die("usage: bench_stories [--db FILE | --write OUT.jsonl] [--articles N] "
        "DEV.jsonl...");
  group(&all);
  BF_VEC_FREE(all);
  if (write)
    write_run(write, total);
  else
    stream_run(db, total, window);
  if (!db && !write) {
    stage_run(total < 20000 ? total : 20000, window);
    rebuild_run();
  }
  for (size_t i = 0; i < arts.n; i++) {
    free(arts.v[i].title);
    free(arts.v[i].text);
  }
  BF_VEC_FREE(arts);
  BF_VEC_FREE(stories);
  return 0;
}
