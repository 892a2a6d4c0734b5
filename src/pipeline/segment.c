/*
 * segment.c - the segment stage: paragraphs, sentences and tokens.
 *
 * Owns the story's sentence and token layers and the folded and stemmed
 * forms in its lexicon. A paragraph is a line of cleaned text. Tokens are
 * found with utf8proc's character categories; sentences end at . ! ? and
 * ellipses unless an abbreviation, an initial, a decimal or a following
 * lower-case word says otherwise, and always at a paragraph's end, so
 * headlines without final punctuation stand alone.
 */
#include "core/error.h"
#include "core/text.h"
#include "pipeline/pipeline.h"

#include <ctype.h>
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Words that take a period without ending a sentence. Sorted. */
static const char *const abbreviations[] = {
    "adm",  "approx", "apr",  "aug", "ave", "blvd", "brig", "capt", "cmdr",
    "co",   "col",    "corp", "cpl", "dec", "dept", "dr",   "e.g",  "est",
    "etc",  "feb",    "fig",  "fla", "ft",  "gen",  "gov",  "hon",  "i.e",
    "inc",  "jan",    "jr",   "jul", "jun", "lt",   "ltd",  "maj",  "mar",
    "mass", "messrs", "mr",   "mrs", "ms",  "mt",   "no",   "nov",  "oct",
    "p.m",  "pres",   "prof", "rep", "rev", "sen",  "sep",  "sept", "sgt",
    "sr",   "st",     "supt", "vs",  "a.m"};

/* Titles never end a sentence: the name follows. */
static const char *const titles[] = {
    "adm",  "brig", "capt", "cmdr", "col",    "cpl", "dr",  "gen",
    "gov",  "hon",  "lt",   "maj",  "messrs", "mr",  "mrs", "ms",
    "pres", "prof", "rep",  "rev",  "sen",    "sgt", "supt"};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static int in_list(const char *const *list, size_t n, const char *w,
                   size_t len) {
  char buf[16];
  if (len == 0 || len >= sizeof buf)
    return 0;
  for (size_t i = 0; i < len; i++)
    buf[i] = (char)tolower((unsigned char)w[i]);
  buf[len] = '\0';
  for (size_t i = 0; i < n; i++)
    if (strcmp(buf, list[i]) == 0)
      return 1;
  return 0;
}

static int is_letter(int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int is_digit(int32_t cp) {
  utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
}

static int is_alnum(int32_t cp) {
  return is_letter(cp) || is_digit(cp);
}

static int is_space(int32_t cp) {
  return cp == ' ' || cp == '\t' ||
         utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

static int is_apostrophe(int32_t cp) {
  return cp == '\'' || cp == 0x2019;
}

/* Segmentation state for one story. */
typedef struct segmenter {
  brief_story *story;
  struct sb_stemmer *stemmer;
  /* per lexicon id of a folded form: its stem id (0 unknown) and flags */
  BF_VEC(uint32_t) stem_of;
  BF_VEC(uint8_t) stop_of;
  char fold[256];
} segmenter;

static int32_t cp_at(const char *s, size_t len, size_t i, size_t *n) {
  int32_t cp;
  *n = bf_utf8_decode(s, len, i, &cp);
  return cp;
}

static int32_t peek(const char *s, size_t len, size_t i) {
  size_t n;
  return i < len ? cp_at(s, len, i, &n) : 0;
}

/* Scans a word or number starting at i; returns its end. */
static size_t scan_word(const char *s, size_t len, size_t i, int *initialism) {
  size_t n;
  int32_t prev = 0;
  int run = 0;
  *initialism = 0;
  while (i < len) {
    int32_t cp = cp_at(s, len, i, &n);
    if (is_alnum(cp)) {
      run++;
      prev = cp;
      i += n;
      continue;
    }
    int32_t next = peek(s, len, i + n);
    if (is_apostrophe(cp) && is_letter(prev) && is_letter(next)) {
      i += n;
      continue;
    }
    if ((cp == '.' || cp == ',') && is_digit(prev) && is_digit(next)) {
      i += n;
      continue;
    }
    /* Initialisms: U.S., a.m., U.K. - letters one at a time between dots. */
    if (cp == '.' && is_letter(prev) && run == 1 &&
        (is_letter(next) && peek(s, len, i + n + 1) == '.')) {
      *initialism = 1;
      run = 0;
      i += n;
      continue;
    }
    if (cp == '.' && *initialism && run == 1) {
      i += n; /* the final dot of "U.S." belongs to the word */
      break;
    }
    break;
  }
  return i;
}

/* Case-folds a token into sg->fold; returns the length. Apostrophes become
 * ASCII so "Daraa’s" and "Daraa's" share a form. */
static size_t fold_token(segmenter *sg, const char *s, size_t len) {
  size_t o = 0;
  for (size_t i = 0; i < len && o + 4 < sizeof sg->fold;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      sg->fold[o++] = (char)tolower(c);
      i++;
      continue;
    }
    int32_t cp;
    i += bf_utf8_decode(s, len, i, &cp);
    if (cp == 0x2019 || cp == 0x2018)
      cp = '\'';
    else
      cp = utf8proc_tolower(cp);
    o += bf_utf8_encode(cp, sg->fold + o);
  }
  return o;
}

/* The stem id for a folded form id, computed once per form. */
static uint32_t stem_for(segmenter *sg, uint32_t norm, const char *f,
                         size_t flen, int is_num) {
  brief_story *st = sg->story;
  if (BF_VEC_RESERVE(sg->stem_of, norm + 1) ||
      BF_VEC_RESERVE(sg->stop_of, norm + 1))
    return 0;
  while (sg->stem_of.n <= norm) {
    sg->stem_of.v[sg->stem_of.n++] = 0;
    sg->stop_of.v[sg->stop_of.n++] = 0;
  }
  if (sg->stem_of.v[norm])
    return sg->stem_of.v[norm];
  uint32_t stem;
  char buf[256];
  if (is_num) {
    size_t o = 0;
    for (size_t i = 0; i < flen; i++)
      if (f[i] != ',')
        buf[o++] = f[i];
    stem = bf_lexicon_intern(&st->lex, buf, o);
  } else {
    size_t l = flen;
    if (l > 2 && f[l - 2] == '\'' && f[l - 1] == 's')
      l -= 2;
    const sb_symbol *out =
        sb_stemmer_stem(sg->stemmer, (const sb_symbol *)f, (int)l);
    if (out)
      stem = bf_lexicon_intern(&st->lex, (const char *)out,
                               (size_t)sb_stemmer_length(sg->stemmer));
    else
      stem = bf_lexicon_intern(&st->lex, f, l);
    sg->stop_of.v[norm] = (uint8_t)bf_is_stopword(f, flen);
  }
  sg->stem_of.v[norm] = stem;
  return stem;
}

static int add_token(segmenter *sg, const char *text, size_t start, size_t end,
                     uint16_t flags) {
  brief_story *st = sg->story;
  bf_token t = {(uint32_t)start, (uint32_t)(end - start), 0, 0, flags};
  if (flags & (BF_TOK_WORD | BF_TOK_NUM)) {
    size_t flen = fold_token(sg, text + start, end - start);
    size_t keep = flen;
    if (flags & BF_TOK_ABBR) /* the dot is not part of the word's form */
      while (keep && sg->fold[keep - 1] == '.')
        keep--;
    t.norm = bf_lexicon_intern(&st->lex, sg->fold, keep);
    if (!t.norm)
      return -1;
    t.stem = stem_for(sg, t.norm, sg->fold, keep, (flags & BF_TOK_NUM) != 0);
    if (!t.stem)
      return -1;
    if (sg->stop_of.v[t.norm])
      t.flags |= BF_TOK_STOP;
  }
  return BF_VEC_PUSH(st->toks, t);
}

static uint16_t quote_flags(int32_t cp, int *inside) {
  switch (cp) {
  case 0x201C: /* “ */
  case 0x201E: /* „ */
  case 0x00AB: /* « */
    *inside = 1;
    return BF_TOK_OPENQ;
  case 0x201D: /* ” */
  case 0x00BB: /* » */
    *inside = 0;
    return BF_TOK_CLOSEQ;
  case '"':
    *inside = !*inside;
    return *inside ? BF_TOK_OPENQ : BF_TOK_CLOSEQ;
  default:
    return 0;
  }
}

/* Tokenizes one paragraph [b, e) of article text. */
static int tokenize_paragraph(segmenter *sg, const char *text, size_t b,
                              size_t e) {
  int inside = 0;
  size_t i = b;
  while (i < e) {
    size_t n;
    int32_t cp = cp_at(text, e, i, &n);
    if (is_space(cp)) {
      i += n;
      continue;
    }
    uint16_t flags;
    size_t end;
    if (is_alnum(cp)) {
      int initialism;
      end = scan_word(text, e, i, &initialism);
      flags = is_digit(cp) ? BF_TOK_NUM : BF_TOK_WORD;
      int32_t c0 = cp;
      if (utf8proc_category(c0) == UTF8PROC_CATEGORY_LU)
        flags |= BF_TOK_CAP;
      if (initialism) {
        flags |= BF_TOK_ABBR;
      } else if (end < e && text[end] == '.' &&
                 (in_list(abbreviations, COUNT(abbreviations), text + i,
                          end - i) ||
                  (end - i == 1 && (flags & BF_TOK_CAP)))) {
        /* "Gen." or an initial "J." keeps its dot. "No." only before a
         * number. */
        int is_no = end - i == 2 &&
                    in_list((const char *const[]){"no"}, 1, text + i, 2);
        size_t k = end + 1;
        while (k < e && text[k] == ' ')
          k++;
        if (!is_no || (k < e && isdigit((unsigned char)text[k]))) {
          end++;
          flags |= BF_TOK_ABBR;
        }
      }
    } else if (cp == '.' && peek(text, e, i + 1) == '.' &&
               peek(text, e, i + 2) == '.') {
      end = i + 3;
      while (end < e && text[end] == '.')
        end++;
      flags = BF_TOK_PUNCT | BF_TOK_TERM;
    } else if (cp == '`' && peek(text, e, i + 1) == '`') {
      end = i + 2;
      inside = 1;
      flags = BF_TOK_PUNCT | BF_TOK_OPENQ;
    } else if (cp == '\'' && peek(text, e, i + 1) == '\'') {
      end = i + 2;
      inside = 0;
      flags = BF_TOK_PUNCT | BF_TOK_CLOSEQ;
    } else {
      end = i + n;
      flags = BF_TOK_PUNCT | quote_flags(cp, &inside);
      if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
        flags |= BF_TOK_TERM;
    }
    if (inside && !(flags & BF_TOK_OPENQ))
      flags |= BF_TOK_QUOTE;
    if (add_token(sg, text, i, end, flags))
      return -1;
    i = end;
  }
  return 0;
}

static int is_ellipsis(const char *text, const bf_token *t) {
  return (t->len >= 3 && memcmp(text + t->start, "...", 3) == 0) ||
         (t->len == 3 && memcmp(text + t->start, "\xe2\x80\xa6", 3) == 0);
}

static int is_closer(const brief_story *st, const char *text,
                     const bf_token *t) {
  (void)st;
  if (t->flags & BF_TOK_CLOSEQ)
    return 1;
  char c = text[t->start];
  return t->len == 1 && (c == ')' || c == ']' || c == '\'');
}

/* Does a sentence end after token k (a terminal or an abbreviation)? The
 * next token decides: lower case continues the sentence. */
static int ends_sentence(const brief_story *st, const char *text,
                         const bf_token *toks, size_t k, size_t end) {
  const bf_token *t = &toks[k];
  size_t j = k + 1;
  while (j < end &&
         (is_closer(st, text, &toks[j]) || (toks[j].flags & BF_TOK_TERM)))
    j++;
  if (j >= end)
    return 1;
  const bf_token *nx = &toks[j];
  if (t->flags & BF_TOK_ABBR) {
    if (in_list(titles, COUNT(titles), text + t->start, t->len - 1))
      return 0;
    /* "the U.S. The next day": split only before a capitalised function
     * word, since a name after "U.S." is far more common. */
    return (nx->flags & BF_TOK_CAP) && (nx->flags & BF_TOK_STOP);
  }
  if (nx->flags & (BF_TOK_CAP | BF_TOK_NUM | BF_TOK_OPENQ))
    return 1;
  if (nx->flags & BF_TOK_WORD) {
    int32_t cp;
    bf_utf8_decode(text, nx->start + nx->len, nx->start, &cp);
    /* Lower case continues; caseless scripts split. */
    return utf8proc_category(cp) != UTF8PROC_CATEGORY_LL;
  }
  char c = text[nx->start];
  return c == '(' || c == '[' || c == '-' || (unsigned char)c >= 0x80;
}

/* Words that make a sentence depend on the one before it. */
static int is_dangling_opener(const char *w, size_t len) {
  static const char *const openers[] = {
      "but",          "and",         "or",       "so",        "yet",
      "however",      "also",        "he",       "she",       "they",
      "it",           "this",        "that",     "these",     "those",
      "his",          "her",         "their",    "its",       "him",
      "them",         "meanwhile",   "instead",  "moreover",  "furthermore",
      "besides",      "then",        "thus",     "therefore", "hence",
      "nevertheless", "nonetheless", "likewise", "similarly", "otherwise",
      "still",        "such",        "both",     "another",   "later",
      "afterwards",   "earlier",     "indeed",   "nor",       "while"};
  return in_list(openers, COUNT(openers), w, len);
}

/* "Here is a transcript of ...", "Following are highlights ...": a
 * signpost to what follows, which says nothing of the story itself. */
static int is_signpost(const char *text, const bf_token *t, size_t n,
                       size_t first_word) {
  static const char *const leads[] = {"here", "following"};
  static const char *const verbs[] = {"is", "are"};
  size_t k = first_word + 1;
  while (k < n && !(t[k].flags & BF_TOK_WORD))
    k++;
  return k < n &&
         in_list(leads, COUNT(leads), text + t[first_word].start,
                 t[first_word].len) &&
         in_list(verbs, COUNT(verbs), text + t[k].start, t[k].len);
}

static int is_pronoun(const char *w, size_t len) {
  static const char *const pronouns[] = {"he", "she", "they", "it", "we"};
  return in_list(pronouns, COUNT(pronouns), w, len);
}

/* A quotation depends on the sentence before when it began there (its
 * first word is quoted with no opening mark in this sentence) or when its
 * speaker is a pronoun ("...," he said). */
static int quote_depends_on_context(const char *text, const bf_token *t,
                                    size_t n) {
  size_t k = 0;
  while (k < n && !(t[k].flags & (BF_TOK_WORD | BF_TOK_NUM)) &&
         !(t[k].flags & BF_TOK_OPENQ))
    k++;
  if (k < n && (t[k].flags & BF_TOK_QUOTE) && !(t[k].flags & BF_TOK_OPENQ) &&
      (t[k].flags & (BF_TOK_WORD | BF_TOK_NUM)))
    return 1;
  for (k = 0; k < n; k++)
    if ((t[k].flags & (BF_TOK_WORD | BF_TOK_NUM)) &&
        !(t[k].flags & BF_TOK_QUOTE))
      return is_pronoun(text + t[k].start, t[k].len);
  return 0;
}

static uint16_t sentence_flags(const brief_story *st, const char *text,
                               const bf_sentence *s) {
  const bf_token *t = st->toks.v + s->tok_first;
  size_t n = s->tok_count, words = 0, quoted = 0, stops = 0;
  uint16_t flags = 0;
  size_t first_word = n;
  for (size_t k = 0; k < n; k++) {
    if (!(t[k].flags & (BF_TOK_WORD | BF_TOK_NUM)))
      continue;
    if (first_word == n)
      first_word = k;
    words++;
    if (t[k].flags & BF_TOK_QUOTE)
      quoted++;
    if (t[k].flags & BF_TOK_STOP)
      stops++;
  }
  /* A quotation's own first word ("This terminal is...") refers inside
   * the quote, not back to the sentence before. */
  if (first_word < n && !(t[first_word].flags & BF_TOK_QUOTE) &&
      is_dangling_opener(text + t[first_word].start, t[first_word].len))
    flags |= BF_SENT_DANGLING;
  if (words && quoted * 2 > words)
    flags |= BF_SENT_QUOTED;
  if (quoted && quote_depends_on_context(text, t, n))
    flags |= BF_SENT_DANGLING;
  /* Fewer than two words outside the marks cannot name who speaks. */
  if (words && words - quoted < 2 && quoted > 0)
    flags |= BF_SENT_BARE_QUOTE;
  size_t last = n;
  while (last > 0 && is_closer(st, text, &t[last - 1]))
    last--;
  if (last > 0 && text[t[last - 1].start] == '?')
    flags |= BF_SENT_QUESTION;
  if (last == 0 || !(t[last - 1].flags & (BF_TOK_TERM | BF_TOK_ABBR)))
    flags |= BF_SENT_HEADLINE;
  if (words < 4 || (last > 0 && text[t[last - 1].start] == ':') ||
      (first_word < n && is_signpost(text, t, n, first_word)))
    flags |= BF_SENT_FRAGMENT;
  /* Eight words of English prose without one stopword are a list, a
   * caption's credits or another language. */
  if (words >= 8 && stops == 0)
    flags |= BF_SENT_FRAGMENT;
  /* A teaser cut off mid-thought ("... accounts and...") ends in an
   * ellipsis glued to its last word. */
  if (last > 1 && is_ellipsis(text, &t[last - 1]) &&
      (t[last - 2].flags & (BF_TOK_WORD | BF_TOK_NUM)) &&
      t[last - 2].start + t[last - 2].len == t[last - 1].start)
    flags |= BF_SENT_FRAGMENT;
  /* A web address or a "|" separator marks page furniture or markup left
   * in the text (poster="http://...", "... | AP Photo"), never a summary
   * sentence. */
  for (uint32_t i = s->start; i < s->end; i++)
    if (text[i] == '|' || (i + 2 < s->end && text[i] == ':' &&
                           text[i + 1] == '/' && text[i + 2] == '/')) {
      flags |= BF_SENT_FRAGMENT;
      break;
    }
  return flags;
}

/* A comma or semicolon after the final stop ("... officials reported.,")
 * is a typing slip: the sentence ends at its stop. */
static size_t drop_stray_tail(const brief_story *st, const char *text,
                              size_t tok_b, size_t tok_e) {
  size_t e = tok_e;
  while (e - tok_b > 1) {
    const bf_token *t = &st->toks.v[e - 1];
    if (!(t->flags & BF_TOK_PUNCT) || t->len != 1 ||
        (text[t->start] != ',' && text[t->start] != ';'))
      break;
    e--;
  }
  if (e == tok_e)
    return tok_e;
  size_t last = e;
  while (last > tok_b + 1 && is_closer(st, text, &st->toks.v[last - 1]))
    last--;
  return (st->toks.v[last - 1].flags & BF_TOK_TERM) ? e : tok_e;
}

static int push_sentence(segmenter *sg, uint32_t art, const char *text,
                         uint32_t para, size_t tok_b, size_t tok_e) {
  brief_story *st = sg->story;
  if (tok_e <= tok_b)
    return 0;
  tok_e = drop_stray_tail(st, text, tok_b, tok_e);
  bf_article *a = &st->articles.v[art];
  bf_sentence s;
  memset(&s, 0, sizeof s);
  s.article = art;
  s.start = st->toks.v[tok_b].start;
  s.end = st->toks.v[tok_e - 1].start + st->toks.v[tok_e - 1].len;
  s.para = para;
  s.pos = a->sent_count;
  s.tok_first = (uint32_t)tok_b;
  s.tok_count = (uint32_t)(tok_e - tok_b);
  s.words = (uint32_t)bf_count_words(text + s.start, s.end - s.start);
  s.flags = sentence_flags(st, text, &s);
  if (BF_VEC_PUSH(st->sents, s))
    return -1;
  a->sent_count++;
  return 0;
}

/* A full stop glued to a comma or semicolon and followed by a capital. */
static int stray_after_stop(const brief_story *st, const char *text, size_t k,
                            size_t end) {
  const bf_token *t = st->toks.v;
  if (k + 2 >= end || text[t[k].start] != '.' || t[k].len != 1)
    return 0;
  const bf_token *slip = &t[k + 1];
  return slip->start == t[k].start + 1 && slip->len == 1 &&
         (text[slip->start] == ';' || text[slip->start] == ',') &&
         (t[k + 2].flags & BF_TOK_CAP);
}

/* A quotation that opened inside the current sentence, after the words
 * that name its speaker, and closes a few words after token k holds more
 * than one sentence of the speaker's: shouting ``Long live Hu! Long live
 * democracy!'' Cut at k and the first half, which reads as a sentence with
 * its speaker, ends inside an open quote. So the sentence runs on to the
 * close. A quotation that opens the sentence is split as usual, its halves
 * marked as depending on each other; one that stays open to the
 * paragraph's end (newswire's style when it goes on in the next) or runs
 * long is split too. */
#define MAX_QUOTE_RUN 40

static int inside_short_quote(const bf_token *t, size_t start, size_t k,
                              size_t end) {
  int open = 0, words = 0;
  for (size_t j = start; j <= k; j++) {
    if (t[j].flags & BF_TOK_OPENQ)
      open = words > 0;
    else if (t[j].flags & BF_TOK_CLOSEQ)
      open = 0;
    else
      words += (t[j].flags & (BF_TOK_WORD | BF_TOK_NUM)) != 0;
  }
  if (!open)
    return 0;
  words = 0;
  for (size_t j = k + 1; j < end && j <= k + MAX_QUOTE_RUN; j++) {
    if (t[j].flags & BF_TOK_OPENQ)
      return 0;
    if (t[j].flags & BF_TOK_CLOSEQ)
      return words > 0; /* none: the quote closes with this sentence */
    words += (t[j].flags & (BF_TOK_WORD | BF_TOK_NUM)) != 0;
  }
  return 0;
}

static int split_paragraph(segmenter *sg, uint32_t art, const char *text,
                           uint32_t para, size_t tok_b) {
  brief_story *st = sg->story;
  size_t end = st->toks.n, start = tok_b;
  for (size_t k = tok_b; k < end; k++) {
    const bf_token *t = &st->toks.v[k];
    if (!(t->flags & (BF_TOK_TERM | BF_TOK_ABBR)))
      continue;
    if (k + 1 < end && (st->toks.v[k + 1].flags & BF_TOK_TERM))
      continue; /* "?!" or "..." followed by more: decide at the last */
    if (stray_after_stop(st, text, k, end)) {
      /* "... the ouster attempt.; Bessmertnykh is out": the slip goes. */
      if (push_sentence(sg, art, text, para, start, k + 1))
        return -1;
      start = k + 2;
      k++;
      continue;
    }
    if (!ends_sentence(st, text, st->toks.v, k, end) ||
        inside_short_quote(st->toks.v, start, k, end))
      continue;
    size_t j = k + 1;
    while (j < end && is_closer(st, text, &st->toks.v[j]))
      j++;
    if (push_sentence(sg, art, text, para, start, j))
      return -1;
    start = j;
    k = j - 1;
  }
  return push_sentence(sg, art, text, para, start, end);
}

static int segment_article(segmenter *sg, uint32_t art) {
  brief_story *st = sg->story;
  bf_article *a = &st->articles.v[art];
  const char *text = a->text;
  a->sent_first = (uint32_t)st->sents.n;
  a->sent_count = 0;
  uint32_t para = 0;
  for (size_t i = 0; i < a->len;) {
    size_t e = i;
    while (e < a->len && text[e] != '\n')
      e++;
    size_t tok_b = st->toks.n;
    if (tokenize_paragraph(sg, text, i, e) ||
        split_paragraph(sg, art, text, para, tok_b))
      return -1;
    if (st->toks.n > tok_b)
      para++;
    i = e + 1;
  }
  return 0;
}

brief_status bf_segment_story(brief_story *st, brief_error *err) {
  if (st->segmented)
    return BRIEF_OK;
  if (st->lex_ready)
    bf_lexicon_release(&st->lex);
  st->lex_ready = 0;
  st->sents.n = st->toks.n = 0;
  if (bf_lexicon_init(&st->lex, &st->arena))
    return bf_fail(err, BRIEF_ERR_NOMEM, "segment: out of memory");
  st->lex_ready = 1;
  segmenter sg;
  memset(&sg, 0, sizeof sg);
  sg.story = st;
  sg.stemmer = sb_stemmer_new("english", NULL);
  if (!sg.stemmer)
    return bf_fail(err, BRIEF_ERR_NOMEM, "segment: cannot create stemmer");
  brief_status status = BRIEF_OK;
  size_t max = st->limits.max_sentences;
  for (uint32_t i = 0; i < st->articles.n; i++) {
    if (segment_article(&sg, i)) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "segment: out of memory");
      break;
    }
    /* Checked as articles are cut, so a story far over the cap stops
     * costing memory early. */
    if (max && st->sents.n > max) {
      status = bf_fail(err, BRIEF_ERR_TOO_LARGE,
                       "the story has more than %zu sentences, the limit", max);
      break;
    }
  }
  sb_stemmer_delete(sg.stemmer);
  BF_VEC_FREE(sg.stem_of);
  BF_VEC_FREE(sg.stop_of);
  if (status == BRIEF_OK) {
    st->segmented = 1;
    st->analysed = 0;
  }
  return status;
}

/* ---- words of other text ------------------------------------------------ */

/* The stem id the story gives a folded word, or 0 when no article uses
 * the stem: the lexicon is only read. */
static uint32_t find_stem(const brief_story *st, struct sb_stemmer *stemmer,
                          const char *f, size_t flen, int is_num) {
  char buf[256];
  if (is_num) {
    size_t o = 0;
    for (size_t i = 0; i < flen; i++)
      if (f[i] != ',')
        buf[o++] = f[i];
    return bf_lexicon_find(&st->lex, buf, o);
  }
  size_t l = flen;
  if (l > 2 && f[l - 2] == '\'' && f[l - 1] == 's')
    l -= 2;
  const sb_symbol *out = sb_stemmer_stem(stemmer, (const sb_symbol *)f, (int)l);
  if (!out)
    return 0;
  return bf_lexicon_find(&st->lex, (const char *)out,
                         (size_t)sb_stemmer_length(stemmer));
}

int bf_segment_words(const brief_story *st, const char *text, size_t len,
                     bf_word_fn fn, void *ctx) {
  segmenter sg; /* only its fold buffer is used: the story is not changed */
  memset(&sg, 0, sizeof sg);
  struct sb_stemmer *stemmer = sb_stemmer_new("english", NULL);
  if (!stemmer || !st->lex_ready) {
    if (stemmer)
      sb_stemmer_delete(stemmer);
    return -1;
  }
  int rc = 0;
  for (size_t i = 0; i < len && rc == 0;) {
    size_t n;
    int32_t cp = cp_at(text, len, i, &n);
    if (!is_alnum(cp)) {
      i += n;
      continue;
    }
    int initialism;
    size_t end = scan_word(text, len, i, &initialism);
    size_t flen = fold_token(&sg, text + i, end - i);
    while (flen && sg.fold[flen - 1] == '.')
      flen--;
    bf_text_word w = {sg.fold, flen, 0, bf_is_stopword(sg.fold, flen),
                      utf8proc_category(cp) == UTF8PROC_CATEGORY_LU};
    w.stem = find_stem(st, stemmer, sg.fold, flen, is_digit(cp));
    rc = fn(ctx, &w);
    i = end;
  }
  sb_stemmer_delete(stemmer);
  return rc;
}
