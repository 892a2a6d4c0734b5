/*
 * cmd_eval_stories.c - `brief eval-stories`: runs a story-clustering stream
 * (JSON lines with a gold "story" label) through a fresh desk in memory and
 * scores the stories it makes: pairwise and B-cubed precision, recall and
 * F1, the number of stories, and articles per second.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void usage(FILE *out) {
  fputs(
      "usage: brief eval-stories [OPTIONS] STREAM.jsonl\n"
      "\n"
      "STREAM.jsonl holds one article a line with \"id\", \"text\" and its\n"
      "gold \"story\" (any other field is read as brief stories reads it).\n"
      "\n"
      "      --window DAYS      idle window of the desk (default 7; 0: none)\n"
      "      --no-merge         never merge stories that converge\n"
      "      --per-article FILE write article_id<TAB>gold<TAB>story lines\n"
      "  -q, --quiet            do not print warnings\n",
      out);
}

typedef struct gold_item {
  char *id;
  char *label;
  uint64_t story; /* predicted, 0 until assigned */
} gold_item;

typedef struct gold {
  gold_item *v;
  size_t n, cap;
  uint64_t *merged_into; /* story id -> the story it joined, or 0 */
  size_t nmerged;
  int quiet, oom;
} gold;

static int by_id(const void *a, const void *b) {
  return strcmp(((const gold_item *)a)->id, ((const gold_item *)b)->id);
}

static char *label_of(json_t *v) {
  char buf[64];
  if (json_is_string(v))
    return strdup(json_string_value(v));
  if (json_is_integer(v)) {
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
    return strdup(buf);
  }
  return NULL;
}

static int push_item(gold *g, const char *id, char *label) {
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 1024;
    gold_item *v = realloc(g->v, cap * sizeof *v);
    if (!v)
      return -1;
    g->v = v;
    g->cap = cap;
  }
  g->v[g->n].id = strdup(id);
  g->v[g->n].label = label;
  g->v[g->n].story = 0;
  return g->v[g->n++].id ? 0 : -1;
}

/* Reads every line's id and gold label. */
static int read_gold(const char *path, gold *g) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return cli_error("%s: %s", path, strerror(errno)), 1;
  char *line = NULL;
  size_t cap = 0, lineno = 0;
  int rc = 0;
  while (!rc && getline(&line, &cap, f) >= 0) {
    lineno++;
    if (strspn(line, " \r\n") == strlen(line))
      continue;
    json_error_t je;
    json_t *o = json_loads(line, 0, &je);
    json_t *id = o ? json_object_get(o, "id") : NULL;
    char *label = o ? label_of(json_object_get(o, "story")) : NULL;
    if (!o || !json_is_string(id) || !label) {
      cli_error("%s:%zu: needs a string \"id\" and a gold \"story\"", path,
                lineno);
      rc = 1;
    } else if (push_item(g, json_string_value(id), label)) {
      cli_error("out of memory");
      rc = 1;
      label = NULL;
    } else {
      label = NULL;
    }
    free(label);
    json_decref(o);
  }
  free(line);
  fclose(f);
  if (!rc && g->n == 0)
    rc = 1, cli_error("%s: no articles", path);
  if (!rc)
    qsort(g->v, g->n, sizeof *g->v, by_id);
  return rc;
}

static gold_item *find(gold *g, const char *id) {
  gold_item key = {(char *)id, NULL, 0};
  return bsearch(&key, g->v, g->n, sizeof *g->v, by_id);
}

static void note_merge(gold *g, uint64_t from, uint64_t into) {
  if (from >= g->nmerged) {
    size_t n = g->nmerged ? g->nmerged : 1024;
    while (n <= from)
      n *= 2;
    uint64_t *v = realloc(g->merged_into, n * sizeof *v);
    if (!v) {
      g->oom = 1;
      return;
    }
    memset(v + g->nmerged, 0, (n - g->nmerged) * sizeof *v);
    g->merged_into = v;
    g->nmerged = n;
  }
  g->merged_into[from] = into;
}

static void on_event(void *ctx, const brief_desk_event *ev) {
  gold *g = ctx;
  if (ev->kind == BRIEF_DESK_ASSIGNED) {
    gold_item *it = find(g, ev->article_id);
    if (it)
      it->story = ev->story;
  } else if (ev->kind == BRIEF_DESK_MERGED) {
    note_merge(g, ev->other, ev->story);
  } else if (!g->quiet) {
    fprintf(stderr, "brief: %s\n", ev->message);
  }
}

static uint64_t final_story(const gold *g, uint64_t s) {
  while (s < g->nmerged && g->merged_into[s])
    s = g->merged_into[s];
  return s;
}

static uint64_t hash_label(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static int write_per_article(const char *path, const gold *g) {
  FILE *f = fopen(path, "w");
  if (!f)
    return cli_error("%s: %s", path, strerror(errno)), 1;
  fprintf(f, "article_id\tgold\tstory\n");
  for (size_t i = 0; i < g->n; i++)
    if (g->v[i].story)
      fprintf(f, "%s\t%s\t%llu\n", g->v[i].id, g->v[i].label,
              (unsigned long long)final_story(g, g->v[i].story));
  if (fclose(f) != 0)
    return cli_error("%s: %s", path, strerror(errno)), 1;
  return 0;
}

static int score_and_print(const char *path, gold *g, size_t stories,
                           double seconds, const brief_desk_options *o) {
  uint64_t *gl = malloc(g->n * sizeof *gl), *pr = malloc(g->n * sizeof *pr);
  size_t n = 0, skipped = 0;
  for (size_t i = 0; gl && pr && i < g->n; i++) {
    if (!g->v[i].story) {
      skipped++;
      continue;
    }
    gl[n] = hash_label(g->v[i].label);
    pr[n++] = final_story(g, g->v[i].story);
  }
  brief_cluster_scores sc, gold_sc;
  brief_error err;
  int rc = 0;
  if (!gl || !pr || brief_cluster_score(n, gl, pr, &sc, &err) != BRIEF_OK ||
      brief_cluster_score(n, gl, gl, &gold_sc, &err) != BRIEF_OK) {
    rc = 1;
    cli_error("%s: nothing to score", path);
  } else {
    printf("stream    %s: %zu articles scored, %zu skipped, %zu gold stories\n",
           path, n, skipped, gold_sc.clusters);
    printf("desk      window %g days, merging %s\n", o->window_days,
           o->merge ? "on" : "off");
    printf("pairwise  P %.3f  R %.3f  F1 %.3f\n", sc.pairwise.p, sc.pairwise.r,
           sc.pairwise.f);
    printf("B-cubed   P %.3f  R %.3f  F1 %.3f\n", sc.bcubed.p, sc.bcubed.r,
           sc.bcubed.f);
    printf("stories   %zu (gold %zu)\n", stories, gold_sc.clusters);
    printf("time      %.2f s, %.0f articles/s (ingest, clean, features, "
           "assign; one thread)\n",
           seconds, seconds > 0 ? (double)(n + skipped) / seconds : 0.0);
  }
  free(gl);
  free(pr);
  return rc;
}

static void free_gold(gold *g) {
  for (size_t i = 0; i < g->n; i++) {
    free(g->v[i].id);
    free(g->v[i].label);
  }
  free(g->v);
  free(g->merged_into);
}

static int parse(int argc, char **argv, brief_desk_options *o,
                 const char **stream, const char **per_article, int *quiet) {
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
    char *end;
    if (!strcmp(a, "-h") || !strcmp(a, "--help"))
      return usage(stdout), 0;
    if (!strcmp(a, "--window")) {
      errno = 0;
      o->window_days = val ? strtod(val, &end) : -1;
      if (!val || errno || *end || !(o->window_days >= 0))
        return cli_error("eval-stories: --window needs days, 0 or more"), 2;
      i++;
    } else if (!strcmp(a, "--no-merge")) {
      o->merge = 0;
    } else if (!strcmp(a, "--per-article")) {
      if (!val)
        return cli_error("eval-stories: --per-article needs a file"), 2;
      *per_article = val;
      i++;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      *quiet = 1;
    } else if (a[0] == '-' || *stream) {
      return cli_error("eval-stories: unexpected argument '%s'", a), 2;
    } else {
      *stream = a;
    }
  }
  if (!*stream)
    return cli_error("eval-stories: give a STREAM.jsonl"), usage(stderr), 2;
  return -1;
}

int cmd_eval_stories(int argc, char **argv) {
  brief_desk_options o;
  brief_desk_options_init(&o);
  const char *stream = NULL, *per_article = NULL;
  gold g;
  memset(&g, 0, sizeof g);
  int rc = parse(argc, argv, &o, &stream, &per_article, &g.quiet);
  if (rc >= 0)
    return rc;
  if ((rc = read_gold(stream, &g))) {
    free_gold(&g);
    return rc;
  }
  brief_desk *desk;
  brief_error err;
  struct timespec t0, t1;
  if (brief_desk_open(&o, &desk, &err) != BRIEF_OK) {
    cli_error("%s", err.message);
    free_gold(&g);
    return 1;
  }
  brief_desk_set_listener(desk, on_event, &g);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  brief_status st = brief_desk_add_jsonl(desk, stream, &err);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  size_t stories = brief_desk_story_count(desk);
  brief_desk_close(desk);
  double secs =
      (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  if (st != BRIEF_OK)
    rc = 1, cli_error("%s", err.message);
  else if (g.oom)
    rc = 1, cli_error("out of memory");
  else
    rc = score_and_print(stream, &g, stories, secs, &o);
  if (!rc && per_article)
    rc = write_per_article(per_article, &g);
  free_gold(&g);
  return rc;
}
