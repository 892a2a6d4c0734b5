/*
 * wordnet.c - WordNet (Debian's wordnet-base) as a list of names.
 *
 * WordNet files every noun sense under a lexicographer file: 15 holds
 * locations, 18 people, 14 groups (organisations), 17 objects (rivers,
 * mountains). A capitalised name written with the same case in a synset is
 * a proper name of that kind, and names that share a synset are variants
 * ("UN", "United Nations"). It also gives the words that share a common
 * word's most frequent senses ("talks" and "negotiation"), with WordNet's
 * own rules for taking an inflection back to its lemma, and tells a
 * national capital, or a part of one, from the country it stands for
 * ("Moscow", "the Kremlin": Russia). Lookups binary-search the sorted index
 * and exception files mapped into memory, and read a synset's line from the
 * data files with pread, so nothing is loaded: a story touches the pages
 * its words lead to.
 *
 * Owns struct brief_wordnet, the public handle: its mappings and file
 * descriptors. Nothing changes it once open, so a caller opens it once and
 * every story on every thread reads it at once.
 */
#include "facts/facts.h"

#include "core/error.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A sorted WordNet file (an index or an exception list), searched by the
 * first field of its lines, mapped into memory: a search reads no more
 * than the lines it compares with, without a system call. */
typedef struct wn_sorted {
  const char *map; /* NULL when the file is missing or empty */
  size_t size;
} wn_sorted;

/* Synsets with the word "national_capital" told apart: WordNet has one. */
enum { CAPITAL_KINDS_MAX = 8 };

struct brief_wordnet {
  wn_sorted noun_index, adj_index;
  int noun_data;
  /* for synonyms; -1 when a file is missing */
  wn_sorted verb_index, noun_exc, verb_exc;
  int verb_data;
  /* the synsets a national capital is an instance of, found on opening:
   * telling a capital needs no read of the kinds of a place */
  uint32_t capital_kinds[CAPITAL_KINDS_MAX];
  size_t ncapital_kinds;
};

static void find_capital_kinds(brief_wordnet *wn);

static int open_file(const char *dir, const char *name, off_t *size) {
  char path[1024];
  if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
    return -1;
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    close(fd);
    return -1;
  }
  if (size)
    *size = sb.st_size;
  return fd;
}

static wn_sorted open_sorted(const char *dir, const char *name) {
  wn_sorted f = {NULL, 0};
  off_t size;
  int fd = open_file(dir, name, &size);
  if (fd < 0)
    return f;
  void *map = size > 0 ? mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0)
                       : MAP_FAILED;
  close(fd);
  if (map != MAP_FAILED) {
    f.map = map;
    f.size = (size_t)size;
  }
  return f;
}

static void close_sorted(wn_sorted *f) {
  if (f->map)
    munmap((void *)f->map, f->size);
}

brief_wordnet *bf_wordnet_open(const char *dir) {
  brief_wordnet *wn = calloc(1, sizeof *wn);
  if (!wn)
    return NULL;
  wn->noun_index = open_sorted(dir, "index.noun");
  wn->noun_data = open_file(dir, "data.noun", NULL);
  wn->adj_index = open_sorted(dir, "index.adj");
  wn->verb_index = open_sorted(dir, "index.verb");
  wn->verb_data = open_file(dir, "data.verb", NULL);
  wn->noun_exc = open_sorted(dir, "noun.exc");
  wn->verb_exc = open_sorted(dir, "verb.exc");
  if (!wn->noun_index.map || wn->noun_data < 0 || !wn->adj_index.map) {
    brief_wordnet_close(wn);
    return NULL;
  }
  find_capital_kinds(wn);
  return wn;
}

brief_status brief_wordnet_open(const char *dir, brief_wordnet **out,
                                brief_error *err) {
  if (!out)
    return bf_fail(err, BRIEF_ERR_ARG, "brief_wordnet_open: NULL argument");
  if (!dir)
    dir = BRIEF_WORDNET_DIR;
  *out = bf_wordnet_open(dir);
  if (!*out)
    return bf_fail(err, BRIEF_ERR_IO,
                   "WordNet not found in %.300s (Debian package "
                   "wordnet-base): index.noun, data.noun and index.adj are "
                   "needed",
                   dir);
  bf_ok(err);
  return BRIEF_OK;
}

void brief_wordnet_close(brief_wordnet *wn) {
  if (!wn)
    return;
  wn_sorted *sorted[] = {&wn->noun_index, &wn->adj_index, &wn->verb_index,
                         &wn->noun_exc, &wn->verb_exc};
  for (size_t i = 0; i < sizeof sorted / sizeof *sorted; i++)
    close_sorted(sorted[i]);
  if (wn->noun_data >= 0)
    close(wn->noun_data);
  if (wn->verb_data >= 0)
    close(wn->verb_data);
  free(wn);
}

/* Compares the first field of the line at `line` (of at most n bytes)
 * with key; like strcmp. */
static int cmp_lemma(const char *line, size_t n, const char *key) {
  size_t i = 0;
  for (; i < n && line[i] != ' ' && line[i] != '\n' && key[i]; i++)
    if (line[i] != key[i])
      return (unsigned char)line[i] - (unsigned char)key[i];
  int line_ended = i >= n || line[i] == ' ' || line[i] == '\n';
  if (line_ended && !key[i])
    return 0;
  return line_ended ? -1 : 1;
}

/* Binary search of a sorted WordNet file for the line whose first field
 * is `key`; copies the line into buf (NUL-terminated, cut to cap - 1
 * bytes) and returns 1 when found. A probe at an offset compares the line
 * that starts after it; licence lines (starting with a space) sort first.
 * Only a line found is read to its end: a probe reads no further than the
 * lemma it compares. */
static int find_line(const wn_sorted *f, const char *key, char *buf,
                     size_t cap) {
  const char *m = f->map;
  size_t lo = 0, hi = f->size;
  while (m && lo < hi) {
    size_t mid = lo + (hi - lo) / 2, b = mid;
    if (mid > 0) {
      const char *nl = memchr(m + mid, '\n', f->size - mid);
      if (!nl) {
        hi = mid;
        continue;
      }
      b = (size_t)(nl - m) + 1; /* the line after the partial one */
    }
    int c = b >= f->size  ? 1
            : m[b] == ' ' ? -1
                          : cmp_lemma(m + b, f->size - b, key);
    if (c < 0) { /* a probe from this line on finds a later one */
      lo = b > lo ? b : lo + 1;
      continue;
    }
    const char *end = c == 0 ? memchr(m + b, '\n', f->size - b) : NULL;
    if (!end) {
      hi = mid; /* a later lemma, or no whole line after mid */
      continue;
    }
    size_t len = (size_t)(end - m) - b;
    len = len < cap - 1 ? len : cap - 1;
    memcpy(buf, m + b, len);
    buf[len] = '\0';
    return 1;
  }
  return 0;
}

/* WordNet's numbers: decimal offsets and counts, hexadecimal word counts
 * and lexicographer ids, all unsigned. Reads the one at *p after any
 * spaces, and moves *p past it; *p stays when there is none, as strtoul
 * leaves it. */
static unsigned long read_number(const char **p, int base) {
  const char *s = *p;
  while (*s == ' ')
    s++;
  unsigned long v = 0;
  const char *digits = s;
  for (;; s++) {
    int d = *s >= '0' && *s <= '9'   ? *s - '0'
            : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
            : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
                                     : base;
    if (d >= base)
      break;
    v = v * (unsigned long)base + (unsigned long)d;
  }
  if (s > digits)
    *p = s;
  return v;
}

/* The next field of a line of space-separated fields, or NULL at its end;
 * *p moves past it. */
static const char *next_field(const char **p) {
  const char *s = *p;
  while (*s == ' ')
    s++;
  if (!*s)
    return NULL;
  const char *start = s;
  while (*s && *s != ' ')
    s++;
  *p = s;
  return start;
}

/* Fields of an index line looked at: the line is cut there. */
enum { INDEX_FIELDS_MAX = 512 };

/* The synset offsets on a lemma's index line ("lemma pos synset_cnt p_cnt
 * [ptr_symbol...] sense_cnt tagsense_cnt synset_offset..."), most frequent
 * sense first, into out (at most `max`) and *n. Returns -1 when the line
 * lacks its first four fields, else 0. */
static int index_senses(const char *line, uint32_t *out, size_t max,
                        size_t *n) {
  const char *p = line, *tok[4];
  *n = 0;
  for (size_t t = 0; t < 4; t++)
    if (!(tok[t] = next_field(&p)))
      return -1;
  size_t synsets = (size_t)read_number(&tok[2], 10);
  size_t first = 4 + (size_t)read_number(&tok[3], 10) + 2;
  for (size_t t = 4; t < first && t < INDEX_FIELDS_MAX; t++)
    if (!next_field(&p))
      return 0;
  for (size_t t = first; t < INDEX_FIELDS_MAX && *n < synsets && *n < max;
       t++) {
    const char *off = next_field(&p);
    if (!off)
      break;
    out[(*n)++] = (uint32_t)read_number(&off, 10);
  }
  return 0;
}

/* Reads the synset at `offset` in data.noun: its lexicographer file, and
 * whether `name` (with '_' for spaces) is one of its words, same case. */
static int synset_kind(const brief_wordnet *wn, long offset, const char *name,
                       int *same_case) {
  char buf[2048];
  ssize_t n = pread(wn->noun_data, buf, sizeof buf - 1, offset);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  const char *end = buf;
  read_number(&end, 10); /* offset */
  long lexfile = (long)read_number(&end, 10);
  while (*end == ' ')
    end++;
  end++; /* ss_type */
  unsigned long count = read_number(&end, 16);
  size_t name_len = strlen(name);
  *same_case = 0;
  for (unsigned long i = 0; i < count; i++) {
    while (*end == ' ')
      end++;
    const char *w = end;
    while (*end && *end != ' ')
      end++;
    size_t wl = (size_t)(end - w);
    /* adjective markers like "(a)" are not part of the word */
    const char *paren = memchr(w, '(', wl);
    if (paren)
      wl = (size_t)(paren - w);
    if (wl == name_len && memcmp(w, name, wl) == 0)
      *same_case = 1;
    read_number(&end, 16); /* lex_id */
  }
  return (int)lexfile;
}

static int lexfile_kind(int lexfile) {
  switch (lexfile) {
  case 15:
  case 17:
    return WN_PLACE;
  case 18:
    return WN_PERSON;
  case 14:
    return WN_GROUP;
  default:
    return WN_COMMON;
  }
}

void bf_wordnet_lookup(const brief_wordnet *wn, const char *name, size_t len,
                       bf_wn_name *out) {
  memset(out, 0, sizeof *out);
  if (!wn || len == 0 || len > 120)
    return;
  char key[128], exact[128];
  for (size_t i = 0; i < len; i++) {
    char c = name[i] == ' ' ? '_' : name[i];
    exact[i] = c;
    key[i] = (char)tolower((unsigned char)c);
  }
  key[len] = exact[len] = '\0';
  char line[4096];
  if (find_line(&wn->adj_index, key, line, sizeof line))
    out->adjective = 1;
  if (!find_line(&wn->noun_index, key, line, sizeof line))
    return;
  uint32_t off[INDEX_FIELDS_MAX];
  size_t synsets;
  if (index_senses(line, off, INDEX_FIELDS_MAX, &synsets))
    return;
  out->kind = WN_COMMON;
  for (size_t i = 0; i < synsets; i++) {
    int same;
    int lf = synset_kind(wn, off[i], exact, &same);
    if (lf < 0 || !same)
      continue;
    out->kind = lexfile_kind(lf);
    out->synset = off[i];
    return;
  }
}

/* ---- synonyms and capitals ---------------------------------------------- */

/* Senses of a common word looked at for its synonyms: its most frequent
 * ones, where WordNet's synonyms are reliable. Verbs have many senses for
 * one form ("collapse" is also "give way"), so fewer of them. */
enum { NOUN_SENSES = 2, VERB_SENSES = 1, MAX_SYNSETS = 64, WORD_MAX = 64 };

typedef struct wn_pos {
  const wn_sorted *index, *exc;
  int data;
} wn_pos;

static wn_pos pos_files(const brief_wordnet *wn, char pos) {
  if (pos == 'v')
    return (wn_pos){&wn->verb_index, &wn->verb_exc, wn->verb_data};
  return (wn_pos){&wn->noun_index, &wn->noun_exc, wn->noun_data};
}

/* Regular endings WordNet's morphy takes off (and what it puts back). */
typedef struct ending {
  const char *off, *on;
} ending;

static const ending noun_endings[] = {
    {"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
static const ending verb_endings[] = {{"s", ""},    {"ies", "y"}, {"es", "e"},
                                      {"es", ""},   {"ed", "e"},  {"ed", ""},
                                      {"ing", "e"}, {"ing", ""}};

/* The synset offsets on a lemma's index line, most frequent sense first;
 * returns how many (at most `max`). */
static size_t line_offsets(const char *line, uint32_t *out, size_t max) {
  size_t n;
  index_senses(line, out, max, &n);
  return n;
}

/* Copies the first word of `p` (after spaces) into key; returns 0 when
 * there is none. */
static int exception_base(const char *p, char key[WORD_MAX]) {
  while (isspace((unsigned char)*p))
    p++;
  size_t n = 0;
  while (p[n] && !isspace((unsigned char)p[n]) && n < WORD_MAX - 1) {
    key[n] = p[n];
    n++;
  }
  key[n] = '\0';
  return n > 0;
}

/* Finds `word`'s lemma as `pos`: the word itself, the word with a regular
 * ending changed, or its base in the exception list ("broke": "break").
 * Copies the lemma into `lemma` and returns its synsets. */
static size_t lemma_senses(const brief_wordnet *wn, char pos, const char *word,
                           char lemma[WORD_MAX], uint32_t *out, size_t max) {
  wn_pos f = pos_files(wn, pos);
  char line[4096], key[WORD_MAX];
  size_t len = strlen(word);
  if (len == 0 || len >= WORD_MAX)
    return 0;
  const ending *e = pos == 'v' ? verb_endings : noun_endings;
  size_t ne = pos == 'v' ? sizeof verb_endings / sizeof *verb_endings
                         : sizeof noun_endings / sizeof *noun_endings;
  int found = find_line(f.index, word, line, sizeof line);
  if (found)
    snprintf(key, sizeof key, "%s", word);
  for (size_t i = 0; i < ne && !found; i++) {
    size_t lo = strlen(e[i].off);
    if (len <= lo + 1 || strcmp(word + len - lo, e[i].off) != 0)
      continue;
    snprintf(key, sizeof key, "%.*s%s", (int)(len - lo), word, e[i].on);
    found = find_line(f.index, key, line, sizeof line);
  }
  if (!found && find_line(f.exc, word, line, sizeof line)) {
    /* "inflection base..." */
    const char *base = strchr(line, ' ');
    found = base && exception_base(base, key) &&
            find_line(f.index, key, line, sizeof line);
  }
  if (!found)
    return 0;
  snprintf(lemma, WORD_MAX, "%s", key);
  return line_offsets(line, out, max);
}

/* What is read of a synset's line: its words come first, and the places
 * asked about have their few pointers close behind; a line cut short only
 * loses what comes after. */
enum { SYNSET_WORDS_BYTES = 512, SYNSET_POINTERS_BYTES = 1024 };

/* Reads the synset at `offset` of a data file into buf; returns a pointer
 * just past its offset, lexicographer file and type, or NULL. */
static const char *synset_line(int fd, uint32_t offset, char *buf, size_t cap) {
  ssize_t n = pread(fd, buf, cap - 1, offset);
  if (n <= 0)
    return NULL;
  buf[n] = '\0';
  const char *end = buf;
  read_number(&end, 10); /* offset */
  read_number(&end, 10); /* lexicographer file */
  while (*end == ' ')
    end++;
  return *end ? end + 1 : NULL; /* past ss_type */
}

/* Calls fn for the words of the synset at `p` (from synset_line): each
 * as written, '_' for spaces, without an adjective marker. Returns the
 * text after the words. */
static const char *synset_words(const char *p,
                                void (*fn)(void *, const char *, size_t),
                                void *ctx) {
  unsigned long count = read_number(&p, 16);
  for (unsigned long i = 0; i < count; i++) {
    while (*p == ' ')
      p++;
    const char *w = p;
    while (*p && *p != ' ')
      p++;
    size_t wl = (size_t)(p - w);
    const char *paren = memchr(w, '(', wl);
    if (paren)
      wl = (size_t)(paren - w);
    fn(ctx, w, wl);
    read_number(&p, 16); /* lex_id */
  }
  return p;
}

typedef struct member_walk {
  const char *lemma;
  int lower; /* the lemma is one of the words as written in lower case */
  bf_wordnet_word_fn fn;
  void *ctx;
  int calling;
} member_walk;

static void note_member(void *ctx, const char *w, size_t n) {
  member_walk *m = ctx;
  if (!m->calling) {
    m->lower |= n == strlen(m->lemma) && memcmp(w, m->lemma, n) == 0;
    return;
  }
  /* single common words: no '_', no capital (a name) */
  if (n == 0 || memchr(w, '_', n) || isupper((unsigned char)w[0]) ||
      (n == strlen(m->lemma) && memcmp(w, m->lemma, n) == 0))
    return;
  m->fn(m->ctx, w, n);
}

void bf_wordnet_synonyms(const brief_wordnet *wn, char pos, const char *word,
                         bf_wordnet_word_fn fn, void *ctx) {
  if (!wn || (pos != 'n' && pos != 'v'))
    return;
  wn_pos f = pos_files(wn, pos);
  uint32_t off[MAX_SYNSETS];
  char lemma[WORD_MAX], buf[SYNSET_WORDS_BYTES];
  size_t n = lemma_senses(wn, pos, word, lemma, off, MAX_SYNSETS);
  size_t want = pos == 'v' ? VERB_SENSES : NOUN_SENSES, used = 0;
  for (size_t i = 0; i < n && used < want; i++) {
    const char *p = synset_line(f.data, off[i], buf, sizeof buf);
    if (!p)
      continue;
    /* a sense where the word is only a name ("Rebel", a Confederate
     * soldier) is not one of the common word's */
    member_walk m = {lemma, 0, fn, ctx, 0};
    synset_words(p, note_member, &m);
    if (!m.lower)
      continue;
    used++;
    m.calling = 1;
    synset_words(p, note_member, &m);
  }
}

/* The targets of the pointers `symbol` ("#p", "@i") of the synset at `p`
 * (past its words); returns how many (at most `max`). A pointer is
 * "symbol offset pos source/target"; the buffer may cut the last one
 * short. */
static size_t pointers(const char *p, const char *symbol, uint32_t *out,
                       size_t max) {
  unsigned long count = read_number(&p, 10);
  size_t n = 0, len = strlen(symbol);
  for (unsigned long i = 0; i < count && n < max; i++) {
    const char *sym = next_field(&p);
    size_t sym_len = sym ? (size_t)(p - sym) : 0;
    const char *off = sym ? next_field(&p) : NULL, *digits = off;
    unsigned long target = off ? read_number(&off, 10) : 0;
    const char *pos = off && off > digits ? next_field(&p) : NULL;
    if (!pos)
      break;
    if (*pos == 'n' && sym_len == len && memcmp(sym, symbol, len) == 0)
      out[n++] = (uint32_t)target;
    if (!next_field(&p))
      break; /* cut short: nothing follows */
  }
  return n;
}

static void ignore_word(void *ctx, const char *w, size_t n) {
  (void)ctx, (void)w, (void)n;
}

static void find_capital_word(void *ctx, const char *w, size_t n) {
  *(int *)ctx |= n == 16 && memcmp(w, "national_capital", 16) == 0;
}

/* The synsets with the word "national_capital" as written: those the index
 * lists for the lemma whose words hold it. */
static void find_capital_kinds(brief_wordnet *wn) {
  char line[4096], kind[SYNSET_WORDS_BYTES];
  uint32_t off[CAPITAL_KINDS_MAX];
  size_t n = find_line(&wn->noun_index, "national_capital", line, sizeof line)
                 ? line_offsets(line, off, CAPITAL_KINDS_MAX)
                 : 0;
  for (size_t i = 0; i < n; i++) {
    int capital = 0;
    const char *q = synset_line(wn->noun_data, off[i], kind, sizeof kind);
    if (q)
      synset_words(q, find_capital_word, &capital);
    if (capital)
      wn->capital_kinds[wn->ncapital_kinds++] = off[i];
  }
}

static int is_capital_kind(const brief_wordnet *wn, uint32_t off) {
  for (size_t i = 0; i < wn->ncapital_kinds; i++)
    if (wn->capital_kinds[i] == off)
      return 1;
  return 0;
}

/* The part holonyms of noun synset `off`, and whether it is a national
 * capital. Returns how many holonyms (at most `max`). */
static size_t holonyms(const brief_wordnet *wn, uint32_t off, uint32_t *out,
                       size_t max, int *capital) {
  char buf[SYNSET_POINTERS_BYTES];
  const char *p = synset_line(wn->noun_data, off, buf, sizeof buf);
  *capital = 0;
  if (!p)
    return 0;
  p = synset_words(p, ignore_word, NULL);
  uint32_t is_a[8];
  size_t ni = pointers(p, "@i", is_a, 8);
  for (size_t i = 0; i < ni && !*capital; i++)
    *capital = is_capital_kind(wn, is_a[i]);
  return pointers(p, "#p", out, max);
}

typedef struct first_word {
  char *out;
  int done;
} first_word;

static void take_first_word(void *ctx, const char *w, size_t n) {
  first_word *f = ctx;
  if (f->done || n >= WORD_MAX)
    return;
  for (size_t i = 0; i < n; i++)
    f->out[i] = w[i] == '_' ? ' ' : w[i];
  f->out[n] = '\0';
  f->done = 1;
}

/* The first word of noun synset `off`, spaces for '_'. */
static int synset_name(const brief_wordnet *wn, uint32_t off, char *out) {
  char buf[SYNSET_WORDS_BYTES];
  const char *p = synset_line(wn->noun_data, off, buf, sizeof buf);
  first_word f = {out, 0};
  if (p)
    synset_words(p, take_first_word, &f);
  return f.done;
}

int bf_wordnet_country_of(const brief_wordnet *wn, const char *name,
                          char out[BF_WORDNET_NAME_MAX]) {
  uint32_t mine[2], up[8], up2[8];
  char key[WORD_MAX];
  size_t len = strlen(name);
  if (!wn || len == 0 || len >= WORD_MAX)
    return 0;
  for (size_t i = 0; i <= len; i++)
    key[i] = name[i] == ' ' ? '_' : (char)tolower((unsigned char)name[i]);
  /* a name as written: no inflection to take off */
  char line[4096];
  size_t nm = find_line(&wn->noun_index, key, line, sizeof line)
                  ? line_offsets(line, mine, 2)
                  : 0;
  for (size_t i = 0; i < nm; i++) {
    int capital, capital2;
    size_t nu = holonyms(wn, mine[i], up, 8, &capital);
    for (size_t j = 0; j < nu; j++) {
      if (capital)
        return synset_name(wn, up[j], out);
      /* a part of the capital: the Kremlin of Moscow */
      size_t nu2 = holonyms(wn, up[j], up2, 8, &capital2);
      if (capital2 && nu2)
        return synset_name(wn, up2[0], out);
    }
  }
  return 0;
}
