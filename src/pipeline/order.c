/*
 * order.c - the order stage: the chosen sentences as a story reads.
 *
 * Owns reading order. Sentences are grouped by their article, articles
 * ordered by date (undated ones keep their input order after dated ones
 * that precede them), and sentences within an article by position, so a
 * sentence that depends on the one before it follows it directly.
 */
#include "pipeline/pipeline.h"

#include <stdlib.h>

/* Orders picks by (article day, earliest pick of that article, position). */
void bf_order(const brief_story *st, bf_selection *sel) {
  size_t n = sel->n;
  for (size_t i = 1; i < n; i++) {
    bf_pick v = sel->picks[i];
    const bf_sentence *sv = &st->sents.v[v.sent];
    const bf_article *av = &st->articles.v[sv->article];
    size_t j = i;
    while (j > 0) {
      const bf_sentence *su = &st->sents.v[sel->picks[j - 1].sent];
      const bf_article *au = &st->articles.v[su->article];
      int before;
      if (au->day != av->day && au->day != BF_NO_DAY && av->day != BF_NO_DAY)
        before = au->day < av->day;
      else if (su->article != sv->article)
        before = su->article < sv->article;
      else
        before = su->pos < sv->pos;
      if (before)
        break;
      sel->picks[j] = sel->picks[j - 1];
      j--;
    }
    sel->picks[j] = v;
  }
}
