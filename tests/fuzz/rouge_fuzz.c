/*
 * rouge_fuzz.c - libFuzzer target for `brief rouge`: its reader's check of
 * each text (brief_check_text, as cli_read_text does) and the scorer in
 * both flavours, stemmed or not, with and without the -l word cut.
 *
 * The bytes are a candidate and one or more references separated by NUL
 * bytes (a NUL can never be inside a text the reader accepts). Texts the
 * reader refuses are skipped, as the command would stop there. Every score
 * must be a number from 0 to 1, and the tokenizer's view valid UTF-8.
 */
#include "fuzz.h"

#include "brief.h"
#include "eval/rouge_internal.h"

#include <math.h>

enum { MAX_TEXTS = 8, SCORERS = 6 };

/* Scorers are costly to build (WordNet's exception lists), so a set
 * serves many runs; it is rebuilt now and then because a scorer keeps
 * every word it has seen. A flavour that cannot be built (no WordNet) is
 * left out. */
enum { RUNS_PER_SET = 20000 };

static brief_rouge **scorers(void) {
  static brief_rouge *r[SCORERS];
  static int built, runs;
  if (built && ++runs == RUNS_PER_SET) {
    for (int i = 0; i < SCORERS; i++)
      brief_rouge_free(r[i]);
    built = runs = 0;
  }
  if (!built) {
    static const struct {
      brief_rouge_flavour flavour;
      int stem, words;
    } kinds[SCORERS] = {{BRIEF_ROUGE_SCORE, 1, 0}, {BRIEF_ROUGE_SCORE, 0, 0},
                        {BRIEF_ROUGE_SCORE, 1, 7}, {BRIEF_ROUGE_155, 1, 0},
                        {BRIEF_ROUGE_155, 0, 0},   {BRIEF_ROUGE_155, 1, 7}};
    for (int i = 0; i < SCORERS; i++) {
      brief_rouge_options o;
      brief_rouge_options_init(&o);
      o.flavour = kinds[i].flavour;
      o.stem = kinds[i].stem;
      o.words = kinds[i].words;
      brief_error err;
      if (brief_rouge_new(&o, &r[i], &err) != BRIEF_OK)
        r[i] = NULL;
    }
    built = 1;
  }
  return r;
}

static void check_prf(const brief_prf *m) {
  const double v[3] = {m->p, m->r, m->f};
  for (int i = 0; i < 3; i++)
    if (isnan(v[i]) || v[i] < 0 || v[i] > 1.0000001)
      abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* NUL-separated texts, each made a C string. */
  char *copy = malloc(size + 1);
  if (!copy)
    abort();
  memcpy(copy, data, size);
  copy[size] = '\0';
  const char *texts[MAX_TEXTS];
  size_t n = 0;
  for (size_t at = 0; at <= size && n < MAX_TEXTS;) {
    size_t len = strlen(copy + at);
    brief_error err;
    if (brief_check_text("fuzz", copy + at, len, &err) != BRIEF_OK)
      goto done; /* the reader refuses the file: nothing is scored */
    texts[n++] = copy + at;
    at += len + 1;
  }
  if (n < 2)
    goto done;
  brief_rouge **r = scorers();
  for (int i = 0; i < SCORERS; i++) {
    if (!r[i])
      continue;
    brief_rouge_scores s;
    brief_error err;
    if (brief_rouge_score(r[i], texts[0], texts + 1, n - 1, &s, &err) !=
        BRIEF_OK)
      abort();
    check_prf(&s.r1);
    check_prf(&s.r2);
    check_prf(&s.rl);
    check_prf(&s.rlsum);
    char *view;
    if (bf_rouge_tokenize(r[i], texts[0], &view, &err) != BRIEF_OK)
      abort();
    fuzz_check_text(view, strlen(view));
    free(view);
  }
done:
  free(copy);
  return 0;
}
