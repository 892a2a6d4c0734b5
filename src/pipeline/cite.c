/*
 * cite.c - the cite stage: every source that stands behind a chosen
 * sentence, and how.
 *
 * Owns citations. The support measure (support.c) says for every article
 * whether it states a chosen sentence in full, in part, or gives another
 * figure for the sentence's own figure. Full citations are the sentence's
 * sources; partial and conflicting ones are kept apart, so a full citation
 * always means the outlet says all of it.
 */
#include "core/error.h"
#include "pipeline/pipeline.h"

#include <stdlib.h>
#include <string.h>

/* One pick: the picked sentence's article first, then every other article
 * with a stand on it, by index. */
static int cite_pick(const brief_story *st, bf_support_index *ix, bf_pick *pk,
                     bf_support *how) {
  uint32_t own = st->sents.v[pk->sent].article;
  if (bf_support_of(ix, pk->sent, how))
    return -1;
  size_t n = 0, full = 0;
  for (uint32_t a = 0; a < st->articles.n; a++)
    if (how[a].kind != BF_SUPPORT_NONE) {
      n++;
      full += how[a].kind == BF_SUPPORT_FULL;
    }
  free(pk->sources);
  free(pk->cites);
  pk->sources = malloc((full + 1) * sizeof *pk->sources);
  pk->cites = malloc((n + 1) * sizeof *pk->cites);
  pk->nsources = pk->ncites = 0;
  if (!pk->sources || !pk->cites)
    return -1;
  pk->sources[pk->nsources++] = own;
  pk->cites[pk->ncites++] = (bf_citation){own, how[own]};
  for (uint32_t a = 0; a < st->articles.n; a++) {
    if (a == own || how[a].kind == BF_SUPPORT_NONE)
      continue;
    if (how[a].kind == BF_SUPPORT_FULL)
      pk->sources[pk->nsources++] = a;
    pk->cites[pk->ncites++] = (bf_citation){a, how[a]};
  }
  return 0;
}

brief_status bf_cite(const brief_story *st, bf_support_index *ix,
                     bf_selection *sel, brief_error *err) {
  bf_support *how = malloc((st->articles.n + 1) * sizeof *how);
  int rc = how ? 0 : -1;
  for (size_t p = 0; rc == 0 && p < sel->n; p++)
    rc = cite_pick(st, ix, &sel->picks[p], how);
  free(how);
  if (rc)
    return bf_fail(err, BRIEF_ERR_NOMEM, "cite: out of memory");
  return BRIEF_OK;
}
