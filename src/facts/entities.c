/*
 * entities.c - people, organisations and places named in the story.
 *
 * Owns the facts' entity list and mention index. One pass over each
 * sentence's tokens finds runs of capitalised words (with name connectors:
 * "for", "al-", "bin"), splits titles off ("Foreign Minister Ayman
 * al-Safadi"), and scores each mention's type from its context: titles and
 * roles ("spokesman Ibrahim Jabbawi"), place cues ("the town of Saida",
 * "Daraa province"), organisation words ("Observatory", "Council") and
 * WordNet's kind for the name. A sentence's first word counts only when the
 * same name is also capitalised elsewhere, or WordNet knows it.
 *
 * Mentions are grouped by a spelling key (case, diacritics, apostrophes,
 * "al-" and doubled letters removed: Jabawi = al-Jabbawi, Dara'a = Daraa).
 * Keys are then merged when they share a WordNet synset ("UN", "United
 * Nations"), when an acronym follows a name in brackets ("(AFP)"), when
 * their consonant skeletons match within one edit (Daraa/Deraa,
 * Saida/Sayda), and when a short form names exactly one longer name
 * ("Assad", "the Observatory", "U.K. Observatory"). Every step hashes keys;
 * only names in one hash bucket are compared.
 */
#include "facts/cues.h"

#include "core/error.h"
#include "core/text.h"
#include "core/unionfind.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum { T_OTHER, T_PERSON, T_ORG, T_PLACE };

typedef struct form {
  const char *key; /* spelling key, facts arena */
  uint32_t klen, nwords;
  uint64_t last_hash, head_hash, first_hash;
  int32_t score[4];
  uint32_t strong, count;
  bf_wn_name wn;
  int acronym;
} form;

typedef struct surface {
  uint32_t art, start, len; /* the text as written, possessive trimmed */
  uint32_t form, count, first;
} surface;

typedef struct raw_mention {
  uint32_t art, sent, tok_b, tok_e, form;
  int weak;
} raw_mention;

typedef struct link {
  uint32_t a, b;
} link;

typedef struct ectx {
  bf_fx *x;
  BF_VEC(form) forms;
  bf_uf sets; /* one per form: forms naming one entity */
  BF_VEC(surface) surfs;
  BF_VEC(raw_mention) ms;
  BF_VEC(link) links;
  bf_keymap form_map, surf_map;
  int oom;
} ectx;

/* ---- spelling keys ------------------------------------------------------ */

static int is_apostrophe_cp(int32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
         cp == '`' || cp == '.';
}

/* Appends the key of one word (folded, no marks, no apostrophes or dots,
 * doubled letters collapsed) to buf; returns the new length. */
static size_t word_key(const char *s, size_t len, char *buf, size_t o,
                       size_t cap) {
  int32_t prev = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp;
    i += bf_utf8_decode(s, len, i, &cp);
    if (is_apostrophe_cp(cp) || cp == '-')
      continue;
    utf8proc_int32_t dec[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
        &last);
    for (utf8proc_ssize_t k = 0; k < n && k < 8; k++) {
      if (dec[k] == prev)
        continue; /* Jabbawi = Jabawi, Naseeb ~ Nasib */
      prev = dec[k];
      if (o + 4 < cap)
        o += bf_utf8_encode(dec[k], buf + o);
    }
  }
  return o;
}

/* Length of a possessive ending ('s, ’s, or a bare ’) on a token. */
static size_t possessive_len(const char *s, size_t len) {
  if (len > 2 && s[len - 1] == 's' && s[len - 2] == '\'')
    return 2;
  if (len > 4 && s[len - 1] == 's' && (unsigned char)s[len - 4] == 0xE2 &&
      (unsigned char)s[len - 3] == 0x80 && (unsigned char)s[len - 2] == 0x99)
    return 4;
  return 0;
}

static int tok_is_connector(const bf_fx *x, const bf_token *t) {
  return !(t->flags & BF_TOK_CAP) && (bf_fx_cls(x, t) & W_CONNECT);
}

static int is_hyphen(const bf_fx *x, uint32_t art, const bf_token *t) {
  return bf_fx_punct(x, art, t, '-');
}

/* An all-capital word of two or more letters ("AFP", "U.K.", "OSDH"). */
static int is_acronym(const char *s, size_t len) {
  size_t letters = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
      letters++;
    else if (c != '.')
      return 0;
  }
  return letters >= 2;
}

/* ---- forms and mentions ------------------------------------------------- */

static uint32_t find_root(ectx *e, uint32_t i) {
  return bf_uf_find(&e->sets, i);
}

static void unite(ectx *e, uint32_t a, uint32_t b) {
  /* The earlier form stays the root, so ids are stable in text order. */
  bf_uf_union(&e->sets, a, b);
}

/* Key and word hashes of the name in tokens [a, b). Connectors "al"/"el"
 * and hyphens vanish; other words are separated by one space. */
static size_t name_key(ectx *e, uint32_t art, uint32_t a, uint32_t b, char *buf,
                       size_t cap, uint32_t *nwords, uint64_t *last,
                       uint64_t *head, uint64_t *first) {
  const bf_fx *x = e->x;
  const char *text = bf_fx_text(x, art);
  const bf_token *tk = x->st->toks.v;
  size_t o = 0;
  *nwords = 0;
  *last = *head = *first = 0;
  int head_done = 0;
  for (uint32_t k = a; k < b; k++) {
    const bf_token *t = &tk[k];
    if (!(t->flags & (BF_TOK_WORD | BF_TOK_NUM)))
      continue;
    if (tok_is_connector(x, t)) {
      const char *n = bf_fx_norm(x, t);
      if (strcmp(n, "al") == 0 || strcmp(n, "el") == 0)
        continue;
      head_done = 1; /* "Observatory for Human Rights": head before "for" */
    }
    size_t len = t->len;
    if (k + 1 == b)
      len -= possessive_len(text + t->start, len);
    if (o && o + 1 < cap)
      buf[o++] = ' ';
    size_t w0 = o;
    o = word_key(text + t->start, len, buf, o, cap);
    if (tok_is_connector(x, t))
      continue;
    uint64_t h = bf_hash(buf + w0, o - w0);
    if (!*nwords)
      *first = h;
    if (!head_done)
      *head = h;
    *last = h;
    (*nwords)++;
  }
  return o;
}

static uint32_t intern_form(ectx *e, const char *key, size_t klen,
                            uint32_t nwords, uint64_t last, uint64_t head,
                            uint64_t first, const char *surface_text,
                            size_t slen) {
  int is_new;
  uint32_t id = bf_keymap_intern(&e->form_map, bf_hash(key, klen), &is_new);
  if (!id) {
    e->oom = 1;
    return UINT32_MAX;
  }
  if (!is_new)
    return id - 1;
  form f;
  memset(&f, 0, sizeof f);
  f.key = bf_fx_strndup(e->x, key, klen);
  f.klen = (uint32_t)klen;
  f.nwords = nwords;
  f.last_hash = last;
  f.head_hash = head;
  f.first_hash = first;
  f.acronym = nwords == 1 && is_acronym(surface_text, slen);
  /* WordNet knows acronyms without dots ("UK"), names with spaces. */
  char wn_name[128];
  size_t wl = 0;
  for (size_t i = 0; i < slen && wl + 1 < sizeof wn_name; i++)
    if (!(f.acronym && surface_text[i] == '.'))
      wn_name[wl++] = surface_text[i];
  bf_wordnet_lookup(e->x->wn, wn_name, wl, &f.wn);
  if (!f.key || bf_uf_push(&e->sets) || BF_VEC_PUSH(e->forms, f)) {
    e->oom = 1;
    return UINT32_MAX;
  }
  return id - 1;
}

static void intern_surface(ectx *e, uint32_t art, uint32_t start, size_t len,
                           uint32_t form_id) {
  const char *s = bf_fx_text(e->x, art) + start;
  uint64_t h = bf_hash(s, len) ^ bf_hash_mix(form_id + 1);
  int is_new;
  uint32_t id = bf_keymap_intern(&e->surf_map, h, &is_new);
  if (!id) {
    e->oom = 1;
    return;
  }
  if (is_new) {
    surface sf = {art, start, (uint32_t)len, form_id, 0, (uint32_t)e->ms.n};
    if (BF_VEC_PUSH(e->surfs, sf)) {
      e->oom = 1;
      return;
    }
  }
  e->surfs.v[id - 1].count++;
}

/* ---- type evidence from context ----------------------------------------- */

/* Scores what the tokens around the name [a, b) in sentence [sb, se) say
 * about its type. */
static void context_evidence(const ectx *e, uint32_t art, uint32_t sb,
                             uint32_t se, uint32_t a, uint32_t b,
                             int32_t score[4]) {
  const bf_fx *x = e->x;
  const bf_token *tk = x->st->toks.v;
  /* Inside the name: organisation words, place suffixes, agencies. */
  for (uint32_t k = a; k < b; k++) {
    uint32_t c = bf_fx_cls(x, &tk[k]);
    if (!(tk[k].flags & BF_TOK_CAP))
      continue;
    if (c & (W_ORGWORD | W_AGENCY))
      score[T_ORG] += 3;
    if ((c & W_PLACESUFFIX) && k + 1 == b && b - a > 1)
      score[T_PLACE] += 3;
  }
  /* Before: a role ("spokesperson Ibrahim Jabbawi"), a place cue ("the
   * town of Saida"), a place preposition ("in Daraa"). */
  if (a > sb) {
    const bf_token *p = &tk[a - 1];
    uint32_t c = bf_fx_cls(x, p);
    if ((c & W_ROLE) && !(p->flags & BF_TOK_CAP))
      score[T_PERSON] += 2;
    if (c & W_SPEECH) /* '," said Piotr Nowak' */
      score[T_PERSON] += 1;
    if ((c & W_PLACEPREP) && !(p->flags & BF_TOK_CAP))
      score[T_PLACE] += 1;
    if (bf_fx_is(x, p, "the") && a >= sb + 2 &&
        (bf_fx_cls(x, &tk[a - 2]) & W_PLACEPREP))
      score[T_PLACE] += 1;
    if (a >= sb + 2 && bf_fx_is(x, p, "of") &&
        (bf_fx_cls(x, &tk[a - 2]) & W_PLACECUE))
      score[T_PLACE] += 3;
  }
  if (b >= se)
    return;
  const bf_token *n = &tk[b];
  uint32_t c = bf_fx_cls(x, n);
  if ((c & W_PLACECUE) && !(n->flags & BF_TOK_CAP))
    score[T_PLACE] += 2; /* "Daraa province", "Nasib border crossing" */
  if (c & W_SPEECH)
    score[T_PERSON] += 1;
  /* An appositive: "Hussein Abazeed, spokesman for ...", "Daraa, the
   * divided provincial capital". */
  if (bf_fx_punct(x, art, n, ',')) {
    for (uint32_t k = b + 1; k < se && k < b + 7; k++) {
      if (bf_fx_clause_break(x, art, &tk[k]))
        break;
      uint32_t ck = bf_fx_cls(x, &tk[k]);
      if (ck & W_CLAUSE)
        break;
      if (ck & W_ROLE) {
        score[T_PERSON] += 2;
        break;
      }
      if (ck & W_PLACECUE) {
        score[T_PLACE] += 2;
        break;
      }
    }
  }
}

static void wordnet_evidence(const form *f, int32_t score[4]) {
  switch (f->wn.kind) {
  case WN_PLACE:
    score[T_PLACE] += 3;
    break;
  case WN_PERSON:
    score[T_PERSON] += 3;
    break;
  case WN_GROUP:
    score[T_ORG] += 3;
    break;
  default:
    break;
  }
}

/* ---- finding names ------------------------------------------------------ */

/* Is the word a nationality adjective in WordNet ("Syrian")? */
static int adjective_word(const ectx *e, const char *s, size_t n) {
  bf_wn_name w;
  bf_wordnet_lookup(e->x->wn, s, n, &w);
  return w.adjective && w.kind != WN_PLACE && w.kind != WN_GROUP;
}

/* "Syrian", "Israelis", "Syrian-Jordanian": nationalities, not names. */
static int is_nationality(const ectx *e, uint32_t art, uint32_t a, uint32_t b,
                          const form *f) {
  const bf_token *tk = e->x->st->toks.v;
  const char *text = bf_fx_text(e->x, art);
  if (f->nwords == 1) {
    if (f->wn.adjective && f->wn.kind != WN_PLACE && f->wn.kind != WN_GROUP)
      return 1;
    const char *s = text + tk[a].start;
    size_t n = tk[a].len;
    return f->wn.kind == WN_NONE && n > 3 && s[n - 1] == 's' &&
           adjective_word(e, s, n - 1);
  }
  for (uint32_t k = a + 1; k + 1 < b; k++)
    if (is_hyphen(e->x, art, &tk[k]) &&
        tk[k].start == tk[k - 1].start + tk[k - 1].len)
      return adjective_word(e, text + tk[a].start, tk[a].len);
  return 0;
}

/* Adds the mention of the name in tokens [a, b); `bonus` adds a type
 * (T_PERSON after a title) and `weak` marks a sentence-initial or headline
 * word that needs confirmation. */
static void add_mention(ectx *e, uint32_t art, uint32_t sent, uint32_t a,
                        uint32_t b, int bonus, int weak) {
  const bf_fx *x = e->x;
  const bf_token *tk = x->st->toks.v;
  const char *text = bf_fx_text(x, art);
  while (a < b && !(tk[a].flags & BF_TOK_CAP))
    a++; /* never start on a connector or a hyphen */
  while (b > a && !(tk[b - 1].flags & BF_TOK_WORD))
    b--;
  if (a >= b)
    return;
  uint32_t start = tk[a].start;
  uint32_t end = tk[b - 1].start + tk[b - 1].len;
  end -= (uint32_t)possessive_len(text + tk[b - 1].start, tk[b - 1].len);
  if (b - a == 1) {
    uint32_t c = bf_fx_cls(x, &tk[a]);
    if ((c &
         (W_TITLE | W_ROLE | W_MONTH | W_WEEKDAY | W_TITLEMOD | W_PRONOUN)) ||
        (tk[a].flags & BF_TOK_STOP) || end - start < 2)
      return;
  }
  char key[512];
  uint32_t nwords;
  uint64_t last, head, first;
  size_t klen =
      name_key(e, art, a, b, key, sizeof key, &nwords, &last, &head, &first);
  if (klen == 0 || nwords == 0)
    return;
  uint32_t id = intern_form(e, key, klen, nwords, last, head, first,
                            text + start, end - start);
  if (id == UINT32_MAX)
    return;
  form *f = &e->forms.v[id];
  if (is_nationality(e, art, a, b, f))
    return;
  const bf_sentence *s = &x->st->sents.v[sent];
  context_evidence(e, art, s->tok_first, s->tok_first + s->tok_count, a, b,
                   f->score);
  if (bonus)
    f->score[bonus] += 3;
  if (f->acronym)
    f->score[T_ORG] += 1;
  if (!weak)
    f->strong++;
  f->count++;
  intern_surface(e, art, start, end - start, id);
  raw_mention m = {art, sent, a, b, id, weak};
  if (BF_VEC_PUSH(e->ms, m))
    e->oom = 1;
}

/* Skips over the title in [a, b) ending at token t (a title word): the
 * words after it that belong to it ("for Refugees"). */
static uint32_t after_title(const ectx *e, uint32_t t, uint32_t b) {
  const bf_fx *x = e->x;
  const bf_token *tk = x->st->toks.v;
  uint32_t n = t + 1;
  if (n < b && tok_is_connector(x, &tk[n]) && !bf_fx_is(x, &tk[n], "al") &&
      !bf_fx_is(x, &tk[n], "el")) {
    n++;
    if (n < b)
      n++; /* the title's object: "Commissioner for Refugees" */
    while (n < b && b - n > 2 && (tk[n].flags & BF_TOK_CAP))
      n++;
  }
  return n;
}

/* A run of capitalised words [a, b): strip what is not a name, split a
 * title from the name it introduces, and add the mentions. */
static void add_run(ectx *e, uint32_t art, uint32_t sent, uint32_t a,
                    uint32_t b, int weak) {
  const bf_fx *x = e->x;
  const bf_token *tk = x->st->toks.v;
  while (a < b && ((tk[a].flags & BF_TOK_STOP) ||
                   (bf_fx_cls(x, &tk[a]) & (W_MONTH | W_WEEKDAY)))) {
    a++;
    weak = 0; /* what follows "The" or "On" is not sentence-initial */
  }
  /* a weekday or month inside cuts the run: "Earlier Saturday" */
  for (uint32_t k = a; k < b; k++)
    if (bf_fx_cls(x, &tk[k]) & (W_MONTH | W_WEEKDAY)) {
      if (k > a)
        add_run(e, art, sent, a, k, weak);
      add_run(e, art, sent, k + 1, b, 0);
      return;
    }
  /* "(R-Minn.)": a party and a state, not a name */
  if (b - a >= 3 && tk[a].len == 1 && is_hyphen(x, art, &tk[a + 1]))
    return;
  if (a >= b)
    return;
  /* The last title with a name after it. */
  uint32_t title = UINT32_MAX;
  for (uint32_t k = a; k < b; k++)
    if ((tk[k].flags & BF_TOK_CAP) && (bf_fx_cls(x, &tk[k]) & W_TITLE))
      title = k;
  if (title != UINT32_MAX) {
    uint32_t n = after_title(e, title, b);
    int orgish = 0;
    for (uint32_t k = n; k < b; k++)
      if (bf_fx_cls(x, &tk[k]) & (W_ORGWORD | W_AGENCY))
        orgish = 1;
    if (n < b && !orgish) {
      /* What comes before the title words is a name of its own
       * ("UN" in "UN High Commissioner"). */
      uint32_t p = title;
      while (p > a && (bf_fx_cls(x, &tk[p - 1]) & (W_TITLE | W_TITLEMOD)))
        p--;
      if (p > a)
        add_mention(e, art, sent, a, p, 0, weak);
      add_mention(e, art, sent, n, b, T_PERSON, 0);
      return;
    }
    if (n >= b && title == a && b - a <= 3)
      return; /* a title alone: "Foreign Minister" */
  }
  /* a sentence's first word needs confirming; anything in a headline or
   * opening a quotation does */
  add_mention(e, art, sent, a, b, 0, weak == 2 || (weak && b - a == 1));
}

/* Records "Agence France-Presse (AFP)": the acronym at token k names the
 * closest preceding name whose initials it shares. */
static void acronym_link(ectx *e, uint32_t k, uint32_t mention_before) {
  if (e->ms.n == 0 || mention_before == 0)
    return;
  const bf_fx *x = e->x;
  const raw_mention *acr = &e->ms.v[e->ms.n - 1];
  if (acr->tok_b != k)
    return;
  const bf_token *tk = x->st->toks.v;
  const char *text = bf_fx_text(x, acr->art);
  const char *as = text + tk[k].start;
  size_t alen = tk[k].len;
  for (size_t back = 1; back <= 3 && back <= mention_before; back++) {
    const raw_mention *m = &e->ms.v[mention_before - back];
    if (m->art != acr->art || m->tok_e + 12 < k)
      break;
    /* initials of the name's capitalised words */
    char ini[16];
    size_t ni = 0;
    for (uint32_t j = m->tok_b; j < m->tok_e && ni < sizeof ini; j++)
      if (tk[j].flags & BF_TOK_CAP)
        ini[ni++] = text[tk[j].start];
    if (ni < 2)
      continue;
    size_t letters = 0, hits = 0;
    for (size_t i = 0; i < alen; i++) {
      if (as[i] == '.')
        continue;
      letters++;
      if (memchr(ini, as[i], ni))
        hits++;
    }
    if (letters >= 2 && hits * 4 >= letters * 3) {
      link l = {m->form, acr->form};
      if (BF_VEC_PUSH(e->links, l))
        e->oom = 1;
      return;
    }
  }
}

/* Can token k continue a name run? Capitalised words, "al-" before a
 * capital, connectors between capitals, hyphens inside "France-Presse". */
static int institution_before(const bf_fx *x, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++) {
    const bf_token *t = &x->st->toks.v[k];
    if ((t->flags & BF_TOK_CAP) &&
        (bf_fx_cls(x, t) & (W_ORGWORD | W_PLACESUFFIX | W_TITLE | W_ROLE)))
      return 1;
  }
  return 0;
}

static uint32_t run_step(const ectx *e, uint32_t art, uint32_t start,
                         uint32_t k, uint32_t end) {
  const bf_fx *x = e->x;
  const bf_token *tk = x->st->toks.v;
  const char *text = bf_fx_text(x, art);
  const bf_token *t = &tk[k];
  if ((t->flags & BF_TOK_CAP) && (t->flags & BF_TOK_WORD))
    return 1;
  if (tok_is_connector(x, t)) {
    /* "for" and "of" join institutions and places ("Bank of England"),
     * not people ("Marty Blackman of Blackman & Co.") */
    if ((bf_fx_is(x, t, "of") || bf_fx_is(x, t, "for")) &&
        !(start < k && institution_before(x, start, k)))
      return 0;
    uint32_t j = k + 1;
    if (j < end && is_hyphen(x, art, &tk[j]) &&
        tk[j].start == t->start + t->len)
      j++;
    if (j < end && (tk[j].flags & BF_TOK_CAP) && (tk[j].flags & BF_TOK_WORD))
      return j - k;
    return 0;
  }
  if (is_hyphen(x, art, t) && k + 1 < end && t->start > 0 &&
      text[t->start - 1] != ' ' && (tk[k + 1].flags & BF_TOK_CAP) &&
      (tk[k + 1].flags & BF_TOK_WORD) && tk[k + 1].start == t->start + 1)
    return 1;
  return 0;
}

static void scan_sentence(ectx *e, uint32_t si) {
  const bf_fx *x = e->x;
  const bf_sentence *s = &x->st->sents.v[si];
  const bf_token *tk = x->st->toks.v;
  uint32_t art = s->article, end = s->tok_first + s->tok_count;
  const char *text = bf_fx_text(x, art);
  int headline = (s->flags & BF_SENT_HEADLINE) != 0;
  int initial = 1; /* the next word starts a sentence */
  int quoted = 0;  /* the next word opens a quotation: any case goes */
  for (uint32_t k = s->tok_first; k < end;) {
    const bf_token *t = &tk[k];
    if (!(t->flags & BF_TOK_WORD)) {
      if (t->flags & BF_TOK_OPENQ)
        quoted = 1;
      if (bf_fx_punct(x, art, t, ':'))
        initial = 1;
      k++;
      continue;
    }
    if (!(t->flags & BF_TOK_CAP)) {
      initial = quoted = 0;
      k++;
      continue;
    }
    uint32_t a = k, b = k;
    while (b < end) {
      uint32_t step = run_step(e, art, a, b, end);
      if (!step)
        break;
      b += step;
      /* a possessive ends the name: "Assad's Iranian allies" */
      if (possessive_len(text + tk[b - 1].start, tk[b - 1].len))
        break;
      if (b - a >= 10)
        break;
    }
    if (b == a)
      b = a + 1;
    size_t before = e->ms.n;
    add_run(e, art, si, a, b, headline || quoted ? 2 : initial);
    /* "(AFP)" or "(ISIS/ISIL)" right after a name */
    if (e->ms.n > before && b - a == 1 && a > s->tok_first &&
        (bf_fx_punct(x, art, &tk[a - 1], '(') ||
         bf_fx_punct(x, art, &tk[a - 1], '/')) &&
        is_acronym(text + tk[a].start, tk[a].len))
      acronym_link(e, a, (uint32_t)before);
    initial = quoted = 0;
    k = b;
  }
}

/* ---- merging ------------------------------------------------------------ */

static size_t edit_distance(const char *a, size_t n, const char *b, size_t m) {
  size_t row[64];
  if (n >= 63 || m >= 63)
    return 99;
  for (size_t j = 0; j <= m; j++)
    row[j] = j;
  for (size_t i = 1; i <= n; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[m];
}

static int is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* First letter and consonants: "daraa" and "dera" give "dr". */
static uint64_t skeleton_hash(const form *f) {
  char sk[256];
  size_t o = 0;
  for (size_t i = 0; i < f->klen && o < sizeof sk; i++) {
    char c = f->key[i];
    if (i == 0 || c == ' ' || !is_vowel(c))
      sk[o++] = c;
  }
  return bf_hash(sk, o);
}

static int strong_type(const int32_t s[4]) {
  int best = T_OTHER;
  int32_t v = 0;
  for (int t = T_PERSON; t <= T_PLACE; t++)
    if (s[t] > v) {
      v = s[t];
      best = t;
    }
  return v >= 3 ? best : T_OTHER;
}

/* Spelling variants: forms with one skeleton, close in edit distance. */
static void merge_spellings(ectx *e) {
  bf_keymap m;
  if (bf_keymap_init(&m, e->forms.n + 1)) {
    e->oom = 1;
    return;
  }
  uint32_t *head = calloc(e->forms.n + 1, sizeof *head);
  uint32_t *next = calloc(e->forms.n + 1, sizeof *next);
  if (!head || !next) {
    e->oom = 1;
    goto done;
  }
  for (uint32_t i = 0; i < e->forms.n; i++) {
    form *f = &e->forms.v[i];
    if (f->klen < 4 || f->acronym || !f->count)
      continue;
    int is_new;
    uint32_t b = bf_keymap_intern(&m, skeleton_hash(f), &is_new);
    if (!b) {
      e->oom = 1;
      break;
    }
    /* Compare with the bucket's first few members only: buckets of real
     * spelling variants are small, and this keeps the pass linear. */
    int tries = 0;
    for (uint32_t j = head[b]; j && tries < 16; j = next[j], tries++) {
      form *g = &e->forms.v[j - 1];
      if (g->nwords != f->nwords)
        continue;
      size_t d = edit_distance(f->key, f->klen, g->key, g->klen);
      size_t shorter = f->klen < g->klen ? f->klen : g->klen;
      size_t limit = shorter >= 8 ? 2 : 1;
      int tf = strong_type(f->score), tg = strong_type(g->score);
      if (d <= limit && (tf == T_OTHER || tg == T_OTHER || tf == tg)) {
        unite(e, i, j - 1);
        break;
      }
    }
    next[i + 1] = head[b];
    head[b] = i + 1;
  }
done:
  free(head);
  free(next);
  bf_keymap_release(&m);
}

/* Forms that share a WordNet synset name one thing ("UN", "United
 * Nations"; "Britain", "United Kingdom"). */
static void merge_synsets(ectx *e) {
  bf_keymap m;
  if (bf_keymap_init(&m, e->forms.n + 1)) {
    e->oom = 1;
    return;
  }
  uint32_t *owner = calloc(e->forms.n + 1, sizeof *owner);
  if (!owner) {
    e->oom = 1;
    bf_keymap_release(&m);
    return;
  }
  for (uint32_t i = 0; i < e->forms.n; i++) {
    if (!e->forms.v[i].wn.synset || e->forms.v[i].wn.kind == WN_COMMON ||
        !e->forms.v[i].count)
      continue;
    int is_new;
    uint32_t id = bf_keymap_intern(&m, e->forms.v[i].wn.synset, &is_new);
    if (!id)
      break;
    if (is_new)
      owner[id] = i;
    else
      unite(e, owner[id], i);
  }
  free(owner);
  bf_keymap_release(&m);
}

typedef struct word_ref {
  uint64_t hash;
  uint32_t form;
} word_ref;

static int cmp_word_ref(const void *a, const void *b) {
  const word_ref *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->form < y->form ? -1 : x->form > y->form;
}

/* Is the one-word key [p, p+n) the key of a place ("uk" for "U.K.")? */
static int word_is_place(const ectx *e, const char *p, size_t n) {
  uint32_t id = bf_keymap_find(&e->form_map, bf_hash(p, n));
  if (!id)
    return 0;
  const form *f = &e->forms.v[id - 1];
  return f->wn.kind == WN_PLACE || strong_type(f->score) == T_PLACE;
}

/* Is every word of short key s a word of long key l? With `places`, a word
 * that names a place may be extra ("U.K. Observatory"). */
static int words_within(const ectx *e, const form *s, const form *l,
                        int places) {
  const char *p = s->key, *end = s->key + s->klen;
  while (p < end) {
    const char *q = memchr(p, ' ', (size_t)(end - p));
    size_t n = q ? (size_t)(q - p) : (size_t)(end - p);
    int found = 0;
    const char *r = l->key, *lend = l->key + l->klen;
    while (r < lend && !found) {
      const char *rq = memchr(r, ' ', (size_t)(lend - r));
      size_t rn = rq ? (size_t)(rq - r) : (size_t)(lend - r);
      found = rn == n && memcmp(r, p, n) == 0;
      r += rn + 1;
    }
    if (!found && !(places && word_is_place(e, p, n)))
      return 0;
    p += n + 1;
  }
  return 1;
}

/* Is short key s "PLACE HEAD" for the long organisation l? */
static int place_and_head(const ectx *e, const form *s, const form *l) {
  const char *sp = memchr(s->key, ' ', s->klen);
  if (!sp ||
      bf_hash(sp + 1, s->klen - (size_t)(sp + 1 - s->key)) != l->head_hash)
    return 0;
  return word_is_place(e, s->key, (size_t)(sp - s->key));
}

/* Short forms: "Assad" for "Bashar al-Assad", "the Observatory" and "U.K.
 * Observatory" for "Syrian Observatory for Human Rights". A short form
 * joins a longer one when it holds the longer one's last word (people) or
 * head word (organisations) and no other longer name is as good. */
static void merge_short_forms(ectx *e) {
  size_t n = e->forms.n;
  word_ref *refs = malloc((2 * n + 1) * sizeof *refs);
  if (!refs) {
    e->oom = 1;
    return;
  }
  size_t nr = 0;
  for (uint32_t i = 0; i < n; i++) {
    const form *f = &e->forms.v[i];
    if (f->nwords < 2 || !f->count)
      continue;
    refs[nr++] = (word_ref){f->last_hash, i};
    if (f->head_hash != f->last_hash)
      refs[nr++] = (word_ref){f->head_hash, i};
  }
  qsort(refs, nr, sizeof *refs, cmp_word_ref);
  for (uint32_t i = 0; i < n; i++) {
    form *s = &e->forms.v[i];
    if (s->nwords > 2 || !s->count)
      continue;
    int ts = strong_type(s->score);
    uint32_t found = UINT32_MAX;
    int ambiguous = 0;
    uint64_t probes[2] = {s->last_hash, s->head_hash};
    for (int pi = 0; pi < 2 && !ambiguous; pi++) {
      if (pi == 1 && probes[1] == probes[0])
        break;
      size_t lo = 0, hi = nr;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (refs[mid].hash < probes[pi])
          lo = mid + 1;
        else
          hi = mid;
      }
      /* past 64 longer names sharing the word, it cannot be unique */
      if (lo + 64 < nr && refs[lo + 64].hash == probes[pi]) {
        ambiguous = 1;
        break;
      }
      for (size_t r = lo; r < nr && refs[r].hash == probes[pi]; r++) {
        const form *l = &e->forms.v[refs[r].form];
        if (l->nwords <= s->nwords)
          continue;
        int tl = strong_type(l->score);
        int person = tl == T_PERSON, org = tl == T_ORG;
        /* people by the last name, organisations by their head word */
        if (person && probes[pi] != l->last_hash)
          continue;
        if (org && probes[pi] != l->head_hash)
          continue;
        if (!person && !org && probes[pi] != l->last_hash)
          continue;
        if (ts != T_OTHER && tl != T_OTHER && ts != tl)
          continue;
        /* an organisation's short form is its head word, alone or after
         * a place: "Observatory", "U.K. Observatory" */
        if (org && s->nwords == 2 && !place_and_head(e, s, l))
          continue;
        if (!org && !words_within(e, s, l, 0))
          continue;
        uint32_t root = find_root(e, refs[r].form);
        if (found == UINT32_MAX)
          found = root;
        else if (found != root)
          ambiguous = 1;
      }
    }
    if (found != UINT32_MAX && !ambiguous)
      unite(e, i, found);
  }
  free(refs);
}

/* ---- entities ----------------------------------------------------------- */

static brief_entity_type to_public(int t) {
  switch (t) {
  case T_PERSON:
    return BRIEF_ENTITY_PERSON;
  case T_ORG:
    return BRIEF_ENTITY_ORGANIZATION;
  case T_PLACE:
    return BRIEF_ENTITY_PLACE;
  default:
    return BRIEF_ENTITY_OTHER;
  }
}

static int is_all_caps_word(const char *s, size_t len) {
  size_t letters = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
      return 0;
    if (c >= 'A' && c <= 'Z')
      letters++;
  }
  return letters > 4;
}

/* Two or three words, the first a person's name in WordNet ("Alexander")
 * or unknown to it, the last unknown to it ("Yakovlev"): a person. */
static int looks_like_person(const ectx *e, const surface *best) {
  const form *f = &e->forms.v[best->form];
  if (f->nwords < 2 || f->nwords > 3 || f->acronym)
    return 0;
  const char *s = bf_fx_text(e->x, best->art) + best->start;
  const char *sp = memchr(s, ' ', best->len);
  const char *last = s + best->len;
  while (last > s && last[-1] != ' ' && last[-1] != '-')
    last--;
  if (!sp || last <= sp)
    return 0;
  bf_wn_name first_w, last_w;
  bf_wordnet_lookup(e->x->wn, s, (size_t)(sp - s), &first_w);
  bf_wordnet_lookup(e->x->wn, last, (size_t)(s + best->len - last), &last_w);
  return (first_w.kind == WN_PERSON || first_w.kind == WN_NONE) &&
         !first_w.adjective &&
         (last_w.kind == WN_NONE || last_w.kind == WN_PERSON);
}

typedef struct agg {
  int32_t score[4];
  uint32_t entity; /* final index or UINT32_MAX */
  uint32_t best_surface;
  uint32_t mentions, strong;
  int all_common_single;
} agg;

static int surface_better(const ectx *e, const surface *a, const surface *b) {
  const form *fa = &e->forms.v[a->form], *fb = &e->forms.v[b->form];
  const char *ta = bf_fx_text(e->x, a->art) + a->start;
  const char *tb = bf_fx_text(e->x, b->art) + b->start;
  int capa = is_all_caps_word(ta, a->len), capb = is_all_caps_word(tb, b->len);
  if (capa != capb)
    return capb; /* "London" reads better than "LONDON" */
  if (fa->nwords != fb->nwords && !fa->acronym && !fb->acronym)
    return fa->nwords > fb->nwords;
  if (fa->acronym != fb->acronym)
    return fb->acronym;
  if (a->count != b->count)
    return a->count > b->count;
  return a->first < b->first;
}

typedef struct ent_order {
  uint32_t root, sources, mentions, first;
} ent_order;

static int cmp_ent_order(const void *pa, const void *pb) {
  const ent_order *a = pa, *b = pb;
  if (a->sources != b->sources)
    return a->sources > b->sources ? -1 : 1;
  if (a->mentions != b->mentions)
    return a->mentions > b->mentions ? -1 : 1;
  return a->first < b->first ? -1 : a->first > b->first;
}

/* ---- surnames ----------------------------------------------------------- */

/* Words that open a surname rather than end a given name ("Rami Abdel
 * Rahman", "Vincent van Gogh"), and suffixes that are not one ("Jr."). */
static int word_in(const char *w, size_t n, const char *const *list,
                   size_t count) {
  for (size_t i = 0; i < count; i++)
    if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
      return 1;
  return 0;
}

static int is_surname_particle(const char *w, size_t n) {
  static const char *const particles[] = {
      "Abdel", "Abdul", "Abd", "Abu", "Bin", "bin", "Ibn", "ibn", "bint",
      "van",   "von",   "der", "den", "de",  "da",  "di",  "del", "du"};
  return word_in(w, n, particles, sizeof particles / sizeof *particles);
}

static int is_name_suffix(const char *w, size_t n) {
  static const char *const suffixes[] = {"Jr.", "Jr",  "Sr.", "Sr",
                                         "II",  "III", "IV"};
  return word_in(w, n, suffixes, sizeof suffixes / sizeof *suffixes);
}

/* The surname of a person's written name: its last word with any particle
 * before it, without an Arabic article ("al-Assad" is "Assad" on a later
 * mention). Returns its length and start, or 0 for a one-word name. */
static size_t surname_of(const char *name, const char **out) {
  const char *end = name + strlen(name), *start = end;
  for (;;) {
    while (start > name && start[-1] != ' ')
      start--;
    if (start == name)
      return 0; /* one word left: no given name before it */
    if (!is_name_suffix(start, (size_t)(end - start)))
      break;
    end = start - 1; /* "King Jr.": the surname is the word before */
    start = end;
  }
  const char *first = start; /* the last word */
  while (first > name) {
    const char *w = first - 1;
    while (w > name && w[-1] != ' ')
      w--;
    if (w == name || !is_surname_particle(w, (size_t)(first - 1 - w)))
      break;
    first = w;
  }
  if (first == start && (end - start) > 3 && strchr("aAeE", start[0]) &&
      (start[1] == 'l' || start[1] == 'L') && start[2] == '-')
    first = start += 3;
  unsigned char c = (unsigned char)*start;
  if (end - start < 2 || !((c >= 'A' && c <= 'Z') || c >= 0xC0))
    return 0;
  *out = first;
  return (size_t)(end - first);
}

/* A person is called by the surname alone on later mentions ("Abazeed"
 * after "Hussein Abazeed"): each written form's surname joins the variants
 * after the forms seen, so that looking a person up by surname finds him
 * whether or not these articles wrote it alone. Returns -1 when memory is
 * exhausted. */
static int add_surnames(bf_fx *x, bf_entity *en) {
  size_t forms = en->nvariants + 1, n = en->nvariants;
  const char **v = bf_arena_alloc(&x->f->arena, (2 * forms) * sizeof *v);
  if (!v)
    return -1;
  memcpy(v, en->variants, n * sizeof *v);
  for (size_t i = 0; i < forms; i++) {
    const char *sur;
    size_t len = surname_of(i ? en->variants[i - 1] : en->name, &sur);
    int dup = len == 0 ||
              (strlen(en->name) == len && memcmp(en->name, sur, len) == 0);
    for (size_t k = 0; k < n && !dup; k++)
      dup = strlen(v[k]) == len && memcmp(v[k], sur, len) == 0;
    if (dup)
      continue;
    if (!(v[n] = bf_fx_strndup(x, sur, len)))
      return -1;
    n++;
  }
  en->variants = v;
  en->nvariants = n;
  return 0;
}

static int add_person_surnames(bf_fx *x, size_t nroots) {
  for (size_t i = 0; i < nroots; i++)
    if (x->f->ents.v[i].type == BRIEF_ENTITY_PERSON &&
        add_surnames(x, &x->f->ents.v[i]))
      return -1;
  return 0;
}

/* Sums the evidence of every form into its set's root. Returns the table
 * of roots by form index (the caller frees it), or NULL when out of
 * memory. */
static agg *aggregate_forms(ectx *e) {
  size_t nf = e->forms.n;
  agg *g = calloc(nf + 1, sizeof *g);
  if (!g)
    return NULL;
  for (uint32_t i = 0; i < nf; i++) {
    g[i].entity = UINT32_MAX;
    g[i].best_surface = UINT32_MAX;
    g[i].all_common_single = 1;
  }
  for (uint32_t i = 0; i < nf; i++) {
    form *fm = &e->forms.v[i];
    if (!fm->count)
      continue; /* a nationality, seen but not a name */
    agg *r = &g[find_root(e, i)];
    int32_t sc[4];
    memcpy(sc, fm->score, sizeof sc);
    wordnet_evidence(fm, sc);
    for (int t = 0; t < 4; t++)
      r->score[t] += sc[t];
    r->strong += fm->strong;
    if (fm->nwords > 1 || fm->wn.kind != WN_COMMON)
      r->all_common_single = 0;
  }
  return g;
}

/* The words the story writes in lower case somewhere, by lexicon id of
 * their folded form (NULL when out of memory: none). */
static uint8_t *lower_case_words(const ectx *e) {
  const brief_story *st = e->x->st;
  uint8_t *seen = calloc(bf_lexicon_size(&st->lex) + 1, 1);
  for (size_t k = 0; seen && k < st->toks.n; k++)
    if ((st->toks.v[k].flags & (BF_TOK_WORD | BF_TOK_CAP)) == BF_TOK_WORD)
      seen[st->toks.v[k].norm] = 1;
  return seen;
}

/* Drops the mentions a sentence's capital letter alone suggested, and
 * counts each root's mentions that are kept. */
static void drop_weak_mentions(ectx *e, agg *g) {
  const bf_token *tk = e->x->st->toks.v;
  uint8_t *lower = lower_case_words(e);
  size_t kept = 0;
  for (size_t i = 0; i < e->ms.n; i++) {
    raw_mention *m = &e->ms.v[i];
    const form *fm = &e->forms.v[m->form];
    uint32_t root = find_root(e, m->form);
    /* WordNet vouches for places and groups in running text only: a
     * fragment like "Man (OSDH)." is no place; and not for a single word
     * the story also writes in lower case ("Union spokesman Samuel Ade
     * said the union had warned"): that is a common noun */
    int known =
        (fm->wn.kind == WN_PLACE || fm->wn.kind == WN_GROUP) &&
        !(e->x->st->sents.v[m->sent].flags &
          (BF_SENT_HEADLINE | BF_SENT_FRAGMENT)) &&
        !(m->tok_e - m->tok_b == 1 && lower && lower[tk[m->tok_b].norm]);
    if (m->weak && !fm->strong && !known && !g[root].strong)
      continue;
    e->ms.v[kept++] = *m;
    g[root].mentions++;
  }
  e->ms.n = kept;
  free(lower);
}

/* The surface each root is named by. */
static void pick_names(ectx *e, agg *g) {
  for (uint32_t i = 0; i < e->surfs.n; i++) {
    surface *sf = &e->surfs.v[i];
    agg *r = &g[find_root(e, sf->form)];
    if (r->best_surface == UINT32_MAX ||
        surface_better(e, sf, &e->surfs.v[r->best_surface]))
      r->best_surface = i;
  }
}

/* Numbers the roots that become entities, in their final order: more
 * sources first, then more mentions, then first seen. Returns the order
 * (the caller frees it) with its length in *nroots, or NULL when out of
 * memory. */
static ent_order *order_entities(ectx *e, agg *g, size_t *nroots) {
  size_t nf = e->forms.n, n = 0;
  ent_order *order = calloc(nf + 1, sizeof *order);
  uint32_t *last_art = malloc((nf + 1) * sizeof *last_art);
  if (!order || !last_art) {
    free(order);
    free(last_art);
    return NULL;
  }
  for (uint32_t i = 0; i < nf; i++) {
    last_art[i] = UINT32_MAX;
    if (find_root(e, i) == i && g[i].mentions &&
        !(g[i].all_common_single && strong_type(g[i].score) == T_OTHER)) {
      order[n] = (ent_order){i, 0, g[i].mentions, UINT32_MAX};
      g[i].entity = (uint32_t)n++;
    }
  }
  for (size_t i = 0; i < e->ms.n; i++) {
    uint32_t root = find_root(e, e->ms.v[i].form);
    if (g[root].entity == UINT32_MAX)
      continue;
    ent_order *o = &order[g[root].entity];
    if (o->first == UINT32_MAX)
      o->first = (uint32_t)i;
    if (last_art[root] != e->ms.v[i].art) {
      /* mentions come in article order, so a change is a new source */
      last_art[root] = e->ms.v[i].art;
      o->sources++;
    }
  }
  free(last_art);
  qsort(order, n, sizeof *order, cmp_ent_order);
  for (size_t i = 0; i < n; i++)
    g[order[i].root].entity = (uint32_t)i;
  *nroots = n;
  return order;
}

/* Each entity's name, type and mention count. */
static void fill_entities(ectx *e, const agg *g, const ent_order *order,
                          size_t nroots) {
  bf_fx *x = e->x;
  for (size_t i = 0; i < nroots; i++) {
    uint32_t root = order[i].root;
    bf_entity *en = &x->f->ents.v[i];
    memset(en, 0, sizeof *en);
    const surface *best = &e->surfs.v[g[root].best_surface];
    en->name =
        bf_fx_strndup(x, bf_fx_text(x, best->art) + best->start, best->len);
    int t = T_OTHER;
    int32_t v = 0;
    for (int k = T_PERSON; k <= T_PLACE; k++)
      if (g[root].score[k] > v) {
        v = g[root].score[k];
        t = k;
      }
    if (t == T_OTHER && looks_like_person(e, best))
      t = T_PERSON;
    en->type = to_public(t);
    en->mentions = g[root].mentions;
    en->first = order[i].first;
  }
  x->f->ents.n = nroots;
}

/* The kept mentions of entities, in text order. */
static void record_mentions(ectx *e, const agg *g) {
  brief_facts *f = e->x->f;
  for (size_t i = 0; i < e->ms.n; i++) {
    const raw_mention *m = &e->ms.v[i];
    uint32_t ent = g[find_root(e, m->form)].entity;
    if (ent == UINT32_MAX)
      continue;
    bf_mention bm = {m->art, m->sent, m->tok_b, m->tok_e, ent, m->form};
    f->mentions.v[f->mentions.n++] = bm;
  }
}

/* Per entity the articles mentioning it, with their counts. One sweep per
 * entity over its mentions would be quadratic; instead count with a
 * running (entity -> last article) table, mentions being in article
 * order. Returns 0, or -1 when out of memory. */
static int count_sources(ectx *e, size_t nroots) {
  brief_facts *f = e->x->f;
  uint32_t *nsrc = calloc(nroots + 1, sizeof *nsrc);
  uint32_t *last = malloc((nroots + 1) * sizeof *last);
  if (!nsrc || !last) {
    free(nsrc);
    free(last);
    return -1;
  }
  for (size_t i = 0; i < nroots; i++)
    last[i] = UINT32_MAX;
  for (size_t i = 0; i < f->mentions.n; i++) {
    const bf_mention *m = &f->mentions.v[i];
    if (last[m->entity] != m->art) {
      last[m->entity] = m->art;
      nsrc[m->entity]++;
    }
  }
  for (size_t i = 0; i < nroots; i++) {
    bf_entity *en = &f->ents.v[i];
    en->sources = bf_arena_alloc(&f->arena, (nsrc[i] + 1) * sizeof(size_t));
    en->counts = bf_arena_alloc(&f->arena, (nsrc[i] + 1) * sizeof(size_t));
    last[i] = UINT32_MAX;
    if (!en->sources || !en->counts || !en->name)
      e->oom = 1;
  }
  for (size_t i = 0; i < f->mentions.n && !e->oom; i++) {
    const bf_mention *m = &f->mentions.v[i];
    bf_entity *en = &f->ents.v[m->entity];
    if (last[m->entity] != m->art) {
      last[m->entity] = m->art;
      en->sources[en->nsources] = m->art;
      en->counts[en->nsources++] = 0;
    }
    en->counts[en->nsources - 1]++;
  }
  free(nsrc);
  free(last);
  return 0;
}

/* Adds `s` to the entity's variants unless it is there already: the same
 * text may come from two forms (a case difference). */
static void add_variant(bf_entity *en, const char *s) {
  int dup = strcmp(s, en->name) == 0;
  for (size_t k = 0; k < en->nvariants && !dup; k++)
    dup = strcmp(en->variants[k], s) == 0;
  if (!dup)
    en->variants[en->nvariants++] = s;
}

/* Variants: every surface but an entity's name, most frequent first.
 * Returns 0, or -1 when out of memory. */
static int collect_variants(ectx *e, const agg *g, size_t nroots) {
  bf_fx *x = e->x;
  brief_facts *f = x->f;
  uint32_t *nvar = calloc(nroots + 1, sizeof *nvar);
  if (!nvar)
    return -1;
  for (uint32_t i = 0; i < e->surfs.n; i++) {
    uint32_t root = find_root(e, e->surfs.v[i].form);
    if (g[root].entity != UINT32_MAX && g[root].best_surface != i)
      nvar[g[root].entity]++;
  }
  for (size_t i = 0; i < nroots; i++) {
    f->ents.v[i].variants =
        bf_arena_alloc(&f->arena, (nvar[i] + 1) * sizeof(char *));
    if (!f->ents.v[i].variants)
      e->oom = 1;
  }
  for (uint32_t i = 0; i < e->surfs.n && !e->oom; i++) {
    const surface *sf = &e->surfs.v[i];
    uint32_t root = find_root(e, sf->form);
    if (g[root].entity == UINT32_MAX || g[root].best_surface == i)
      continue;
    const char *s =
        bf_fx_strndup(x, bf_fx_text(x, sf->art) + sf->start, sf->len);
    if (!s) {
      e->oom = 1;
      break;
    }
    add_variant(&f->ents.v[g[root].entity], s);
  }
  free(nvar);
  return 0;
}

/* Builds the final entity list from the merged forms. */
static brief_status build_entities(ectx *e, brief_error *err) {
  brief_facts *f = e->x->f;
  size_t nroots = 0;
  ent_order *order = NULL;
  agg *g = aggregate_forms(e);
  if (g) {
    drop_weak_mentions(e, g);
    pick_names(e, g);
    order = order_entities(e, g, &nroots);
  }
  int failed = !order || BF_VEC_RESERVE(f->ents, nroots + 1) ||
               BF_VEC_RESERVE(f->mentions, e->ms.n + 1);
  if (!failed) {
    fill_entities(e, g, order, nroots);
    record_mentions(e, g);
    failed = count_sources(e, nroots) || collect_variants(e, g, nroots) ||
             add_person_surnames(e->x, nroots);
  }
  free(order);
  free(g);
  if (failed || e->oom)
    return bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
  return BRIEF_OK;
}

brief_status bf_facts_entities(bf_fx *x, brief_error *err) {
  ectx e;
  memset(&e, 0, sizeof e);
  e.x = x;
  brief_status status = BRIEF_OK;
  if (bf_keymap_init(&e.form_map, 1024) || bf_keymap_init(&e.surf_map, 1024)) {
    status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
    goto done;
  }
  for (uint32_t si = 0; si < x->st->sents.n && !e.oom; si++)
    scan_sentence(&e, si);
  for (size_t i = 0; i < e.links.n; i++)
    unite(&e, e.links.v[i].a, e.links.v[i].b);
  merge_synsets(&e);
  merge_spellings(&e);
  merge_short_forms(&e);
  if (e.oom) {
    status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
    goto done;
  }
  status = build_entities(&e, err);
done:
  BF_VEC_FREE(e.forms);
  bf_uf_release(&e.sets);
  BF_VEC_FREE(e.surfs);
  BF_VEC_FREE(e.ms);
  BF_VEC_FREE(e.links);
  bf_keymap_release(&e.form_map);
  bf_keymap_release(&e.surf_map);
  return status;
}

/* ---- queries over the mentions ------------------------------------------ */

size_t bf_facts_mentions_before(const brief_facts *f, uint32_t tok) {
  size_t lo = 0, hi = f->mentions.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (f->mentions.v[mid].tok_b < tok)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

uint32_t bf_facts_last_person(const brief_facts *f, uint32_t art,
                              uint32_t tok) {
  /* The last mention starting before tok, then back within the article
   * to a person. */
  size_t lo = bf_facts_mentions_before(f, tok);
  for (size_t i = lo; i-- > 0;) {
    const bf_mention *m = &f->mentions.v[i];
    if (m->art != art)
      break;
    /* "he" is never someone the quotes themselves name */
    if (f->story->toks.v[m->tok_b].flags & BF_TOK_QUOTE)
      continue;
    if (f->ents.v[m->entity].type == BRIEF_ENTITY_PERSON)
      return m->entity;
  }
  return UINT32_MAX;
}

const bf_mention *bf_facts_mention_at(const brief_facts *f, uint32_t tok) {
  size_t lo = 0, hi = f->mentions.n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (f->mentions.v[mid].tok_e <= tok)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < f->mentions.n && f->mentions.v[lo].tok_b <= tok)
    return &f->mentions.v[lo];
  return NULL;
}
