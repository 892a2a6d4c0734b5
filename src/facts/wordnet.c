/*
 * wordnet.c - WordNet (Debian's wordnet-base) as a list of names.
 *
 * WordNet files every noun sense under a lexicographer file: 15 holds
 * locations, 18 people, 14 groups (organisations), 17 objects (rivers,
 * mountains). A capitalised name written with the same case in a synset is
 * a proper name of that kind, and names that share a synset are variants
 * ("UN", "United Nations"). Lookups binary-search the sorted index files
 * with pread, so nothing is loaded: a story pays a few reads per distinct
 * name. Owns only its file descriptors.
 */
#include "facts/facts.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct bf_wordnet {
  int noun_index, noun_data, adj_index;
  off_t noun_size, adj_size;
};

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

bf_wordnet *bf_wordnet_open(const char *dir) {
  bf_wordnet *wn = calloc(1, sizeof *wn);
  if (!wn)
    return NULL;
  wn->noun_index = open_file(dir, "index.noun", &wn->noun_size);
  wn->noun_data = open_file(dir, "data.noun", NULL);
  wn->adj_index = open_file(dir, "index.adj", &wn->adj_size);
  if (wn->noun_index < 0 || wn->noun_data < 0 || wn->adj_index < 0) {
    bf_wordnet_close(wn);
    return NULL;
  }
  return wn;
}

void bf_wordnet_close(bf_wordnet *wn) {
  if (!wn)
    return;
  if (wn->noun_index >= 0)
    close(wn->noun_index);
  if (wn->noun_data >= 0)
    close(wn->noun_data);
  if (wn->adj_index >= 0)
    close(wn->adj_index);
  free(wn);
}

/* Compares the first field of `line` with key; like strcmp. */
static int cmp_lemma(const char *line, size_t n, const char *key) {
  size_t i = 0;
  for (; i < n && line[i] != ' ' && key[i]; i++)
    if (line[i] != key[i])
      return (unsigned char)line[i] - (unsigned char)key[i];
  int line_ended = i >= n || line[i] == ' ';
  if (line_ended && !key[i])
    return 0;
  return line_ended ? -1 : 1;
}

/* Binary search of a sorted WordNet index for `key`; copies its line into
 * buf (NUL-terminated) and returns 1 when found. Lines are found by reading
 * a window after a probe offset and skipping to the next line start. */
static int find_line(int fd, off_t size, const char *key, char *buf,
                     size_t cap) {
  off_t lo = 0, hi = size;
  while (lo < hi) {
    off_t mid = lo + (hi - lo) / 2;
    ssize_t n = pread(fd, buf, cap - 1, mid);
    if (n <= 0)
      return 0;
    size_t b = 0;
    if (mid > 0) {
      while (b < (size_t)n && buf[b] != '\n')
        b++;
      b++; /* the line after the partial one */
    }
    size_t e = b;
    while (e < (size_t)n && buf[e] != '\n')
      e++;
    if (b >= (size_t)n || e >= (size_t)n) {
      if (mid == lo)
        return 0; /* no complete line in the window: give up */
      hi = mid;
      continue;
    }
    int c = buf[b] == ' ' ? -1 : cmp_lemma(buf + b, e - b, key);
    if (c == 0) {
      memmove(buf, buf + b, e - b);
      buf[e - b] = '\0';
      return 1;
    }
    if (c < 0) /* resume at this line's newline: a probe there finds the
                  next line */
      lo = mid + (off_t)e > lo ? mid + (off_t)e : lo + 1;
    else
      hi = mid;
  }
  return 0;
}

/* Reads the synset at `offset` in data.noun: its lexicographer file, and
 * whether `name` (with '_' for spaces) is one of its words, same case. */
static int synset_kind(bf_wordnet *wn, long offset, const char *name,
                       int *same_case) {
  char buf[2048];
  ssize_t n = pread(wn->noun_data, buf, sizeof buf - 1, offset);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  char *p = buf, *end;
  strtol(p, &end, 10); /* offset */
  long lexfile = strtol(end, &end, 10);
  while (*end == ' ')
    end++;
  end++; /* ss_type */
  long count = strtol(end, &end, 16);
  *same_case = 0;
  for (long i = 0; i < count; i++) {
    while (*end == ' ')
      end++;
    char *w = end;
    while (*end && *end != ' ')
      end++;
    size_t wl = (size_t)(end - w);
    /* adjective markers like "(a)" are not part of the word */
    char *paren = memchr(w, '(', wl);
    if (paren)
      wl = (size_t)(paren - w);
    if (wl == strlen(name) && memcmp(w, name, wl) == 0)
      *same_case = 1;
    strtol(end, &end, 16); /* lex_id */
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

void bf_wordnet_lookup(bf_wordnet *wn, const char *name, size_t len,
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
  if (find_line(wn->adj_index, wn->adj_size, key, line, sizeof line))
    out->adjective = 1;
  if (!find_line(wn->noun_index, wn->noun_size, key, line, sizeof line))
    return;
  /* lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt
   * synset_offset... */
  char *tok[512];
  size_t nt = 0;
  char *save = NULL;
  for (char *s = strtok_r(line, " ", &save); s && nt < 512;
       s = strtok_r(NULL, " ", &save))
    tok[nt++] = s;
  if (nt < 4)
    return;
  size_t synsets = (size_t)strtoul(tok[2], NULL, 10);
  size_t pcnt = (size_t)strtoul(tok[3], NULL, 10);
  size_t first = 4 + pcnt + 2;
  out->kind = WN_COMMON;
  for (size_t i = 0; i < synsets && first + i < nt; i++) {
    long off = strtol(tok[first + i], NULL, 10);
    int same;
    int lf = synset_kind(wn, off, exact, &same);
    if (lf < 0 || !same)
      continue;
    out->kind = lexfile_kind(lf);
    out->synset = (uint32_t)off;
    return;
  }
}
