/*
 * quotes.c - direct quotes, their speakers, and one entry per quote however
 * many articles carry it.
 *
 * Owns the facts' quote list. A quote is the text between an opening and a
 * closing quotation mark of one paragraph (the segmenter resets quoting at
 * each paragraph end, so an unbalanced mark never swallows the rest of an
 * article); a quote left open at a paragraph end is kept only when the next
 * paragraph opens a quote too, as multi-paragraph quotes are written.
 *
 * The speaker is looked for after the quote ('"...," Safadi told', '"...,"
 * said Observatory chief Rami Abdel Rahman') and then before it ('Jumana
 * Ghunaimat, a spokesperson for ..., said, "...'), as an entity mention, a
 * pronoun resolved to the article's last named person, "the spokesman"
 * resolved to the last person given that role, or a description ("an
 * unnamed commander"). A news agency is a carrier, not a speaker, when the
 * sentence also names a person. A quote with no speaker of its own
 * continues the previous one when it follows it directly.
 *
 * Quotes merge when one's words (folded) occur inside another's: partial
 * quotes join the full one. Candidates come from a hash of word 3-grams,
 * so merging is linear in the quoted words.
 */
#include "facts/cues.h"

#include "core/error.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

typedef struct qctx {
  bf_fx *x;
  BF_VEC(bf_quote) qs;
  BF_VEC(uint32_t) words; /* folded ids of quoted words, per quote a range */
  BF_VEC(uint32_t) wfirst;
  BF_VEC(uint32_t) wcount;
  int oom;
} qctx;

static int is_word(const bf_token *t) {
  return (t->flags & (BF_TOK_WORD | BF_TOK_NUM)) != 0;
}

/* The sentence holding story token k, searching forward from hint. */
static uint32_t sentence_of(const brief_story *st, uint32_t hint, uint32_t k) {
  while (hint + 1 < st->sents.n &&
         st->sents.v[hint].tok_first + st->sents.v[hint].tok_count <= k)
    hint++;
  return hint;
}

/* ---- speakers ----------------------------------------------------------- */

typedef struct speaker {
  uint32_t entity;   /* UINT32_MAX: none */
  uint32_t from, to; /* tokens naming the speaker; from == to: none */
  int pronoun;
} speaker;

/* "the spokesman": the last person in the article mentioned with that role
 * next to the name. */
static uint32_t person_with_role(const qctx *q, uint32_t art, uint32_t tok,
                                 uint32_t role_norm) {
  const brief_facts *f = q->x->f;
  const bf_token *tk = q->x->st->toks.v;
  size_t lo = bf_facts_mentions_before(f, tok);
  for (size_t i = lo, seen = 0; i-- > 0 && seen < 64; seen++) {
    const bf_mention *m = &f->mentions.v[i];
    if (m->art != art)
      break;
    if (f->ents.v[m->entity].type != BRIEF_ENTITY_PERSON)
      continue;
    const bf_sentence *s = &q->x->st->sents.v[m->sent];
    uint32_t sb = s->tok_first, se = s->tok_first + s->tok_count;
    uint32_t b = m->tok_b > sb + 4 ? m->tok_b - 4 : sb;
    uint32_t e = m->tok_e + 8 < se ? m->tok_e + 8 : se;
    for (uint32_t k = b; k < e; k++)
      if (tk[k].norm == role_norm)
        return m->entity;
  }
  return UINT32_MAX;
}

/* "issued", "backs": a verb ends a description of the speaker. */
static int is_verb_form(const bf_fx *x, const bf_token *t) {
  const char *w = bf_fx_norm(x, t);
  size_t n = strlen(w);
  return n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd';
}

/* Reads a subject at token k (a mention, a pronoun, "the ROLE" or a short
 * lower-case description ending before `limit`). */
static int subject_at(const qctx *q, uint32_t art, uint32_t k, uint32_t limit,
                      speaker *sp) {
  const bf_fx *x = q->x;
  const bf_token *tk = x->st->toks.v;
  const bf_mention *m = bf_facts_mention_at(x->f, k);
  if (m && m->tok_b == k) {
    sp->entity = m->entity;
    sp->from = m->tok_b;
    sp->to = m->tok_e;
    return 1;
  }
  uint32_t c = bf_fx_cls(x, &tk[k]);
  if (c & W_PRONOUN) {
    sp->pronoun = 1;
    sp->entity = bf_facts_last_person(x->f, art, k);
    sp->from = k;
    sp->to = k + 1;
    return 1;
  }
  /* A description up to the verb: "an unnamed commander", "the
   * spokesman", "rebels". */
  uint32_t e = k;
  while (e < limit && e < k + 8 && is_word(&tk[e]) &&
         !(bf_fx_cls(x, &tk[e]) & (W_SPEECH | W_CLAUSE | W_AUX)) &&
         !(e > k + 1 && is_verb_form(x, &tk[e])))
    e++;
  if (e == k)
    return 0;
  /* "the grouping", "an unnamed commander", or bare words right before the
   * verb ("Rebels said"); never "to reach a truce" or "has begun". */
  int det = bf_fx_is(x, &tk[k], "the") || bf_fx_is(x, &tk[k], "a") ||
            bf_fx_is(x, &tk[k], "an");
  if (!det && ((tk[k].flags & BF_TOK_STOP) || e >= limit ||
               !(bf_fx_cls(x, &tk[e]) & W_SPEECH)))
    return 0;
  sp->from = k;
  sp->to = e;
  for (uint32_t j = k; j < e; j++)
    if (bf_fx_cls(x, &tk[j]) & W_ROLE) {
      sp->entity = person_with_role(q, art, k, tk[j].norm);
      break;
    }
  return 1;
}

static int is_agency(const qctx *q, uint32_t entity) {
  const bf_fx *x = q->x;
  const bf_entity *en = &x->f->ents.v[entity];
  if (en->type == BRIEF_ENTITY_PERSON)
    return 0;
  char low[64];
  size_t n = strlen(en->name);
  if (n >= sizeof low)
    return strstr(en->name, "Press") != NULL;
  for (size_t i = 0; i <= n; i++)
    low[i] = (char)(en->name[i] >= 'A' && en->name[i] <= 'Z'
                        ? en->name[i] - 'A' + 'a'
                        : en->name[i]);
  uint32_t lid = bf_lexicon_find(&x->st->lex, low, n);
  return (lid && lid < x->nwi && (x->wi[lid].cls & W_AGENCY)) ||
         strstr(en->name, "Press") != NULL || strstr(en->name, "News") != NULL;
}

/* After the quote: '," NAME (, appositive,) said' or '," said NAME'. */
static int speaker_after(const qctx *q, uint32_t art, uint32_t k, uint32_t se,
                         speaker *sp) {
  const bf_fx *x = q->x;
  const bf_token *tk = x->st->toks.v;
  while (k < se &&
         (bf_fx_punct(x, art, &tk[k], ',') || (tk[k].flags & BF_TOK_CLOSEQ)))
    k++;
  if (k >= se || !is_word(&tk[k]))
    return 0;
  if (bf_fx_cls(x, &tk[k]) & W_SPEECH) {
    /* '," said Observatory chief Rami Abdel Rahman' */
    for (uint32_t j = k + 1; j < se && j < k + 6; j++) {
      const bf_mention *m = bf_facts_mention_at(x->f, j);
      if (m && m->tok_b == j &&
          (x->f->ents.v[m->entity].type == BRIEF_ENTITY_PERSON ||
           x->f->ents.v[m->entity].type == BRIEF_ENTITY_OTHER))
        return subject_at(q, art, j, se, sp);
    }
    return k + 1 < se && subject_at(q, art, k + 1, se, sp);
  }
  speaker cand = {UINT32_MAX, 0, 0, 0};
  if (!subject_at(q, art, k, se, &cand))
    return 0;
  /* a speech verb must follow, past an appositive */
  for (uint32_t j = cand.to; j < se && j < cand.to + 20; j++) {
    if (bf_fx_cls(x, &tk[j]) & W_SPEECH) {
      *sp = cand;
      return 1;
    }
    if ((tk[j].flags & (BF_TOK_OPENQ | BF_TOK_TERM)))
      break;
  }
  return 0;
}

/* Before the quote: 'NAME (, appositive,) said(,) "...'. */
static int speaker_before(const qctx *q, uint32_t art, uint32_t sb,
                          uint32_t open, speaker *sp) {
  const bf_fx *x = q->x;
  const bf_token *tk = x->st->toks.v;
  uint32_t v = UINT32_MAX;
  for (uint32_t k = open; k-- > sb && k + 16 > open;) {
    if (tk[k].flags & (BF_TOK_CLOSEQ))
      break;
    if (bf_fx_cls(x, &tk[k]) & W_SPEECH) {
      v = k;
      break;
    }
  }
  if (v == UINT32_MAX)
    return 0;
  uint32_t k = v;
  /* skip an appositive: ", a spokesperson for the Jordanian government," */
  if (k > sb && bf_fx_punct(x, art, &tk[k - 1], ',')) {
    uint32_t j = k - 1;
    while (j > sb && j + 20 > k && !bf_fx_punct(x, art, &tk[j - 1], ','))
      j--;
    if (j > sb && bf_fx_punct(x, art, &tk[j - 1], ','))
      k = j - 1;
  }
  /* the nearest subject before the verb, within the clause */
  for (uint32_t j = k; j-- > sb && j + 14 > k;) {
    if (bf_fx_clause_break(x, art, &tk[j]) && j + 1 < k)
      return subject_at(q, art, j + 1, v, sp);
    const bf_mention *m = bf_facts_mention_at(x->f, j);
    if (m) {
      /* skip "On Thursday" style openers: a mention is a subject */
      return subject_at(q, art, m->tok_b, v, sp);
    }
    if (bf_fx_cls(x, &tk[j]) & W_PRONOUN)
      return subject_at(q, art, j, v, sp);
    if (j == sb)
      return subject_at(q, art, j, v, sp);
  }
  return 0;
}

/* A news agency carries quotes: prefer a person the sentence names. */
static void prefer_person(const qctx *q, uint32_t sb, uint32_t se,
                          speaker *sp) {
  if (sp->entity == UINT32_MAX || !is_agency(q, sp->entity))
    return;
  const brief_facts *f = q->x->f;
  for (uint32_t k = se; k-- > sb;) {
    const bf_mention *m = bf_facts_mention_at(f, k);
    if (m && m->entity != sp->entity &&
        (f->ents.v[m->entity].type == BRIEF_ENTITY_PERSON ||
         f->ents.v[m->entity].type == BRIEF_ENTITY_OTHER)) {
      sp->entity = m->entity;
      sp->from = m->tok_b;
      sp->to = m->tok_e;
      sp->pronoun = 0;
      return;
    }
  }
}

/* ---- finding quotes ----------------------------------------------------- */

static void add_quote(qctx *q, uint32_t art, uint32_t sent, uint32_t b,
                      uint32_t e, uint32_t close_sent) {
  bf_fx *x = q->x;
  const bf_token *tk = x->st->toks.v;
  const char *text = bf_fx_text(x, art);
  /* trim punctuation that belongs to the sentence, not the words */
  while (e > b && (tk[e - 1].flags & BF_TOK_PUNCT) &&
         (bf_fx_punct(x, art, &tk[e - 1], ',') ||
          bf_fx_punct(x, art, &tk[e - 1], ';') ||
          bf_fx_punct(x, art, &tk[e - 1], ':')))
    e--;
  uint32_t nwords = 0, first_word = e;
  for (uint32_t k = b; k < e; k++)
    if (is_word(&tk[k])) {
      if (first_word == e)
        first_word = k;
      nwords++;
    }
  if (nwords < 3)
    return; /* scare quotes: "unprecedented", "de-escalation zone" */
  const brief_story *st = x->st;
  const bf_sentence *so = &st->sents.v[sent], *sc = &st->sents.v[close_sent];
  speaker sp = {UINT32_MAX, 0, 0, 0};
  int found = speaker_after(q, art, e, sc->tok_first + sc->tok_count, &sp);
  if (!found)
    found = speaker_before(q, art, so->tok_first, b - 1, &sp);
  if (found)
    prefer_person(q, sc->tok_first, sc->tok_first + sc->tok_count, &sp);
  if (!found && nwords < 6)
    return; /* a short phrase nobody is said to have said */
  bf_quote qt;
  memset(&qt, 0, sizeof qt);
  qt.art = art;
  qt.sent = sent;
  qt.tok_b = b;
  qt.tok_e = e;
  qt.text.start = tk[b].start;
  qt.text.end = tk[e - 1].start + tk[e - 1].len;
  qt.entity = SIZE_MAX;
  qt.speaker = qt.said_by = "";
  qt.partial = !(tk[first_word].flags & BF_TOK_CAP) &&
               !(tk[first_word].flags & BF_TOK_NUM);
  qt.merged_into = UINT32_MAX;
  if (found) {
    if (sp.to > sp.from) {
      uint32_t s0 = tk[sp.from].start;
      uint32_t s1 = tk[sp.to - 1].start + tk[sp.to - 1].len;
      qt.said_by = bf_fx_strndup(x, text + s0, s1 - s0);
    }
    if (sp.entity != UINT32_MAX) {
      qt.entity = sp.entity;
      qt.speaker = x->f->ents.v[sp.entity].name;
    } else if (!sp.pronoun) {
      qt.speaker = qt.said_by;
    }
  } else if (q->qs.n && b == so->tok_first + 1 && !qt.partial) {
    /* a sentence of quote right after a quote goes on with it */
    const bf_quote *prev = &q->qs.v[q->qs.n - 1];
    if (prev->art == art && prev->sent + 1 >= sent) {
      qt.entity = prev->entity;
      qt.speaker = prev->speaker;
      qt.said_by = prev->said_by;
    }
  }
  if (!qt.said_by || !qt.speaker) {
    q->oom = 1;
    return;
  }
  uint32_t w0 = (uint32_t)q->words.n;
  for (uint32_t k = b; k < e; k++)
    if (is_word(&tk[k]) && BF_VEC_PUSH(q->words, tk[k].norm))
      q->oom = 1;
  if (BF_VEC_PUSH(q->qs, qt) || BF_VEC_PUSH(q->wfirst, w0) ||
      BF_VEC_PUSH(q->wcount, (uint32_t)q->words.n - w0))
    q->oom = 1;
}

/* Walks one article's tokens, pairing quotation marks per paragraph. */
static void scan_article(qctx *q, uint32_t art) {
  const brief_story *st = q->x->st;
  const bf_article *a = &st->articles.v[art];
  if (!a->sent_count)
    return;
  const bf_token *tk = st->toks.v;
  uint32_t s0 = a->sent_first, s_end = a->sent_first + a->sent_count;
  uint32_t tb = st->sents.v[s0].tok_first;
  uint32_t te =
      st->sents.v[s_end - 1].tok_first + st->sents.v[s_end - 1].tok_count;
  uint32_t open = UINT32_MAX, open_sent = 0, sent = s0;
  for (uint32_t k = tb; k < te; k++) {
    uint32_t ks = sentence_of(st, sent, k);
    if (ks != sent && st->sents.v[ks].para != st->sents.v[sent].para &&
        open != UINT32_MAX) {
      /* a paragraph ended inside a quote: keep it only when the next
       * paragraph goes on quoting */
      if (tk[k].flags & BF_TOK_OPENQ)
        add_quote(q, art, open_sent, open + 1, k, sent);
      open = UINT32_MAX;
    }
    sent = ks;
    if (tk[k].flags & BF_TOK_OPENQ) {
      open = k;
      open_sent = sent;
    } else if ((tk[k].flags & BF_TOK_CLOSEQ) && open != UINT32_MAX) {
      if (k > open + 1)
        add_quote(q, art, open_sent, open + 1, k, sent);
      open = UINT32_MAX;
    }
  }
}

/* ---- merging ------------------------------------------------------------ */

static uint32_t qroot(qctx *q, uint32_t i) {
  while (q->qs.v[i].merged_into != UINT32_MAX)
    i = q->qs.v[i].merged_into;
  return i;
}

static uint64_t gram_key(const uint32_t *w) {
  return bf_hash_mix(((uint64_t)w[0] << 42) ^ ((uint64_t)w[1] << 21) ^ w[2]);
}

/* Does quote a's word sequence occur inside quote b's? */
static int occurs_in(const qctx *q, uint32_t a, uint32_t b, uint32_t at) {
  uint32_t na = q->wcount.v[a], nb = q->wcount.v[b];
  if (at + na > nb)
    return 0;
  return memcmp(q->words.v + q->wfirst.v[a], q->words.v + q->wfirst.v[b] + at,
                na * sizeof(uint32_t)) == 0;
}

static void merge_quotes(qctx *q) {
  size_t n = q->qs.n;
  bf_keymap m;
  if (bf_keymap_init(&m, q->words.n + 1)) {
    q->oom = 1;
    return;
  }
  /* chains of (quote, offset) per 3-gram */
  BF_VEC(uint32_t) head = {0}, next = {0}, who = {0}, where = {0};
  for (uint32_t i = 0; i < n && !q->oom; i++) {
    const uint32_t *w = q->words.v + q->wfirst.v[i];
    for (uint32_t k = 0; k + 3 <= q->wcount.v[i]; k++) {
      int is_new;
      uint32_t id = bf_keymap_intern(&m, gram_key(w + k), &is_new);
      if (!id || BF_VEC_RESERVE(head, id + 1)) {
        q->oom = 1;
        break;
      }
      while (head.n <= id)
        head.v[head.n++] = UINT32_MAX;
      if (BF_VEC_PUSH(next, head.v[id]) || BF_VEC_PUSH(who, i) ||
          BF_VEC_PUSH(where, k)) {
        q->oom = 1;
        break;
      }
      head.v[id] = (uint32_t)who.n - 1;
    }
  }
  for (uint32_t i = 0; i < n && !q->oom; i++) {
    uint32_t id = bf_keymap_find(&m, gram_key(q->words.v + q->wfirst.v[i]));
    int tries = 0;
    for (uint32_t c = id ? head.v[id] : UINT32_MAX;
         c != UINT32_MAX && tries < 32; c = next.v[c], tries++) {
      uint32_t j = who.v[c];
      if (j == i)
        continue;
      uint32_t ni = q->wcount.v[i], nj = q->wcount.v[j];
      /* the shorter joins the longer; equal ones join the earlier */
      if (nj < ni || (nj == ni && j > i))
        continue;
      if (!occurs_in(q, i, j, where.v[c]))
        continue;
      uint32_t r = qroot(q, j);
      if (r != i)
        q->qs.v[i].merged_into = r;
      break;
    }
  }
  BF_VEC_FREE(head);
  BF_VEC_FREE(next);
  BF_VEC_FREE(who);
  BF_VEC_FREE(where);
  bf_keymap_release(&m);
}

static brief_status build_quotes(qctx *q, brief_error *err) {
  bf_fx *x = q->x;
  brief_facts *f = x->f;
  size_t n = q->qs.n;
  uint32_t *slot = malloc((n + 1) * sizeof *slot);
  uint32_t *arts = malloc((n + 1) * sizeof *arts);
  uint32_t *count = calloc(n + 1, sizeof *count);
  uint32_t *fill = calloc(n + 1, sizeof *fill);
  uint32_t *first = malloc((n + 1) * sizeof *first);
  brief_status status = BRIEF_OK;
  if (!slot || !arts || !count || !fill || !first) {
    status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
    goto done;
  }
  /* Kept quotes in text order; members counted per root. */
  for (uint32_t i = 0; i < n; i++) {
    uint32_t r = qroot(q, i);
    q->qs.v[i].merged_into = r == i ? UINT32_MAX : r;
    count[r]++;
  }
  for (uint32_t i = 0; i < n; i++) {
    slot[i] = UINT32_MAX;
    if (q->qs.v[i].merged_into == UINT32_MAX) {
      slot[i] = (uint32_t)f->quotes.n;
      if (BF_VEC_PUSH(f->quotes, q->qs.v[i])) {
        status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
        goto done;
      }
    }
  }
  /* first[r]: offset of root r's member list inside arts */
  uint32_t off = 0;
  for (uint32_t i = 0; i < n; i++)
    if (slot[i] != UINT32_MAX) {
      first[i] = off;
      off += count[i];
    }
  for (uint32_t i = 0; i < n; i++) {
    const bf_quote *m = &q->qs.v[i];
    uint32_t r = m->merged_into == UINT32_MAX ? i : m->merged_into;
    arts[first[r] + fill[r]++] = m->art;
    bf_quote *kept = &f->quotes.v[slot[r]];
    /* a speaker found for any copy names them all */
    if (kept->entity == SIZE_MAX && m->entity != SIZE_MAX) {
      kept->entity = m->entity;
      kept->speaker = m->speaker;
      kept->said_by = m->said_by;
    } else if (!*kept->speaker && *m->speaker) {
      kept->speaker = m->speaker;
      kept->said_by = m->said_by;
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    if (slot[i] == UINT32_MAX)
      continue;
    bf_quote *kept = &f->quotes.v[slot[i]];
    kept->mentions = count[i];
    kept->sources =
        bf_fx_sources(x, arts + first[i], count[i], &kept->nsources);
    if (!kept->sources) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory");
      goto done;
    }
  }
done:
  free(slot);
  free(arts);
  free(count);
  free(fill);
  free(first);
  return status;
}

brief_status bf_facts_quotes(bf_fx *x, brief_error *err) {
  qctx q;
  memset(&q, 0, sizeof q);
  q.x = x;
  for (uint32_t a = 0; a < x->st->articles.n && !q.oom; a++)
    scan_article(&q, a);
  if (!q.oom)
    merge_quotes(&q);
  brief_status status =
      q.oom ? bf_fail(err, BRIEF_ERR_NOMEM, "facts: out of memory")
            : build_quotes(&q, err);
  BF_VEC_FREE(q.qs);
  BF_VEC_FREE(q.words);
  BF_VEC_FREE(q.wfirst);
  BF_VEC_FREE(q.wcount);
  return status;
}
