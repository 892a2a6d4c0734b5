/*
 * test_scale.c - what the desk over Redis reads from outside, without a
 * Redis: URLs, the server's version, and the stream entries (an article
 * fed, an article's features for the assigner, a story update), encoded
 * and decoded, and every way a decoder must refuse one.
 */
#include "helpers.h"

#include "core/corpus.h"
#include "core/redis.h"
#include "scale/entry.h"
#include "stories/desk.h"

/* ---- helpers --------------------------------------------------------------
 */

/* The fields an encoder appended to a command after its first `skip`
 * words, each value copied and NUL-terminated as hiredis gives them. */
typedef struct fields {
  bf_field f[32];
  char *copies[64];
  size_t n, ncopies;
} fields;

static char *copy_bytes(fields *x, const char *s, size_t len) {
  char *c = malloc(len + 1);
  assert_non_null(c);
  memcpy(c, s, len);
  c[len] = '\0';
  x->copies[x->ncopies++] = c;
  return c;
}

static void fields_of(const bf_cmd *c, size_t skip, fields *x) {
  memset(x, 0, sizeof *x);
  assert_false(c->oom);
  for (size_t i = skip; i + 1 < bf_cmd_argc(c); i += 2) {
    bf_field *f = &x->f[x->n++];
    f->klen = c->len.v[i];
    f->key = copy_bytes(x, c->bytes.s + c->start.v[i], f->klen);
    f->vlen = c->len.v[i + 1];
    f->val = copy_bytes(x, c->bytes.s + c->start.v[i + 1], f->vlen);
  }
}

static void fields_free(fields *x) {
  for (size_t i = 0; i < x->ncopies; i++)
    free(x->copies[i]);
}

/* Replaces the value of `key` (which must be there). */
static void set_field(fields *x, const char *key, const char *val, size_t len) {
  for (size_t i = 0; i < x->n; i++)
    if (x->f[i].klen == strlen(key) &&
        !memcmp(x->f[i].key, key, x->f[i].klen)) {
      x->f[i].val = copy_bytes(x, val, len);
      x->f[i].vlen = len;
      return;
    }
  fail_msg("no field %s", key);
}

static void drop_field(fields *x, const char *key) {
  for (size_t i = 0; i < x->n; i++)
    if (x->f[i].klen == strlen(key) &&
        !memcmp(x->f[i].key, key, x->f[i].klen)) {
      x->f[i] = x->f[--x->n];
      return;
    }
}

static const char text[] =
    "Fire destroyed the grain terminal at Port Kessing on Wednesday night, "
    "the Kessing Fire Service said. Chief Ingrid Vasquez said 60 firefighters "
    "fought the blaze for six hours.\nNo one was hurt.";

static void prepare(bf_prepared *p) {
  bf_featurizer *fz = bf_featurizer_new();
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = "kessing-1";
  a.source = "Kessing Courier";
  a.url = "https://courier.example/fire";
  a.title = "Fire destroys grain terminal";
  a.date = "2025-03-12";
  a.text = text;
  a.text_len = strlen(text);
  brief_error err;
  assert_int_equal(bf_prepare_article(fz, &a, "kessing-1", p, &err), BRIEF_OK);
  bf_featurizer_free(fz);
}

static void features_fields(const bf_prepared *p, fields *x, bf_cmd *c) {
  bf_cmd_init(c);
  bf_entry_features_encode(c, p);
  fields_of(c, 0, x);
}

static int decode_features(fields *x, bf_prepared *out, char *why) {
  return bf_entry_features_decode(x->f, x->n, out, why, 300);
}

/* ---- URLs and versions ------------------------------------------------------
 */

static void test_urls(void **state) {
  (void)state;
  bf_redis_url u;
  brief_error err;
  assert_int_equal(bf_redis_url_parse("redis://localhost", &u, &err), BRIEF_OK);
  assert_string_equal(u.host, "localhost");
  assert_int_equal(u.port, 6379);
  assert_int_equal(u.db, 0);
  assert_int_equal(
      bf_redis_url_parse("redis://:p%40ss@10.0.0.2:6380/4", &u, &err),
      BRIEF_OK);
  assert_string_equal(u.password, "p@ss");
  assert_string_equal(u.user, "");
  assert_int_equal(u.port, 6380);
  assert_int_equal(u.db, 4);
  assert_null(strstr(u.shown, "p@ss")); /* never shown in messages */
  assert_int_equal(bf_redis_url_parse("redis://desk:pw@[::1]:7000/", &u, &err),
                   BRIEF_OK);
  assert_string_equal(u.user, "desk");
  assert_string_equal(u.host, "::1");
  assert_int_equal(u.port, 7000);
  assert_int_equal(bf_redis_url_parse("unix:///run/redis.sock?db=2", &u, &err),
                   BRIEF_OK);
  assert_string_equal(u.socket, "/run/redis.sock");
  assert_int_equal(u.db, 2);
  const char *bad[] = {"",
                       "http://host",
                       "rediss://host",
                       "redis://",
                       "redis://host:0",
                       "redis://host:65536",
                       "redis://host:port",
                       "redis://host/db",
                       "redis://user@host",
                       "redis://:@host",
                       "redis://:%zz@host",
                       "redis://:%00@host",
                       "redis://[::1",
                       "unix://relative.sock",
                       "unix:///s.sock?database=1"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    assert_int_equal(bf_redis_url_parse(bad[i], &u, &err), BRIEF_ERR_ARG);
    assert_non_null(strstr(err.message, "expected redis://"));
  }
}

static void test_versions(void **state) {
  (void)state;
  int major, minor;
  assert_true(
      bf_redis_version("# Server\r\nredis_version:7.0.15\r\n", &major, &minor));
  assert_int_equal(major, 7);
  assert_int_equal(minor, 0);
  assert_true(bf_redis_version("redis_version:6.2.1\r\n", &major, &minor));
  assert_int_equal(minor, 2);
  assert_false(bf_redis_version("# Server\r\n", &major, &minor));
}

/* ---- brief:articles
 * ---------------------------------------------------------- */

static void test_article_entries(void **state) {
  (void)state;
  brief_article a, b;
  memset(&a, 0, sizeof a);
  a.id = "x1";
  a.title = "A title";
  a.html = "<html><p>Hello</p></html>";
  a.html_len = strlen(a.html);
  bf_cmd c;
  bf_cmd_init(&c);
  bf_entry_article_encode(&c, &a);
  fields x;
  fields_of(&c, 0, &x);
  char why[300];
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), 0);
  assert_string_equal(b.id, "x1");
  assert_string_equal(b.title, "A title");
  assert_null(b.source);
  assert_null(b.text);
  assert_int_equal(b.html_len, a.html_len);
  /* A field of a newer writer is left alone; a repeated one is refused. */
  x.f[x.n++] = (bf_field){"lang", "en", 4, 2};
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), 0);
  x.f[x.n++] = (bf_field){"id", "x2", 2, 2};
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), -1);
  assert_string_equal(why, "field \"id\" given twice");
  x.n -= 2;
  set_field(&x, "title", "caf\xe9", 4);
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), -1);
  assert_string_equal(why, "\"title\" is not UTF-8 text");
  set_field(&x, "title", "a\0b", 3);
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), -1);
  set_field(&x, "title", "", 0);
  drop_field(&x, "html");
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), -1);
  assert_string_equal(why, "no \"text\" or \"html\" field");
  drop_field(&x, "id");
  assert_int_equal(bf_entry_article_decode(x.f, x.n, &b, why, sizeof why), -1);
  assert_string_equal(why, "no \"id\" field");
  fields_free(&x);
  bf_cmd_free(&c);
}

/* ---- brief:features
 * ---------------------------------------------------------- */

static void same_keys(const bf_keycounts *a, const bf_keycounts *b) {
  assert_int_equal(a->n, b->n);
  for (size_t i = 0; i < a->n; i++) {
    assert_true(a->v[i].key == b->v[i].key);
    assert_int_equal(a->v[i].count, b->v[i].count);
  }
}

static void test_features_round_trip(void **state) {
  (void)state;
  bf_prepared p, q;
  prepare(&p);
  assert_false(p.empty);
  assert_true(p.f.terms.n > 5 && p.f.names.n > 2 && p.f.forms.n > 1);
  bf_cmd c;
  fields x;
  features_fields(&p, &x, &c);
  char why[300];
  assert_int_equal(decode_features(&x, &q, why), 0);
  assert_string_equal(q.id, p.id);
  assert_string_equal(q.x.source, p.x.source);
  assert_string_equal(q.x.url, p.x.url);
  assert_string_equal(q.x.title, p.x.title);
  assert_string_equal(q.x.date, p.x.date);
  assert_int_equal(q.x.day, p.x.day);
  assert_int_equal(q.x.len, p.x.len);
  assert_memory_equal(q.x.text, p.x.text, p.x.len);
  same_keys(&q.f.terms, &p.f.terms);
  same_keys(&q.f.names, &p.f.names);
  same_keys(&q.f.title, &p.f.title);
  assert_int_equal(q.f.forms.n, p.f.forms.n);
  for (size_t i = 0; i < p.f.forms.n; i++)
    assert_string_equal(q.f.forms.v[i].text, p.f.forms.v[i].text);
  assert_memory_equal(q.f.dup_sig, p.f.dup_sig, sizeof p.f.dup_sig);
  assert_int_equal(q.f.words, p.f.words);
  bf_prepared_release(&q);
  /* An undated article: no day. */
  set_field(&x, "day", "", 0);
  assert_int_equal(decode_features(&x, &q, why), 0);
  assert_int_equal(q.x.day, BF_NO_DAY);
  bf_prepared_release(&q);
  fields_free(&x);
  bf_cmd_free(&c);
  bf_prepared_release(&p);
}

/* Each way a features entry is refused, the reason it gives. */
static void test_features_refused(void **state) {
  (void)state;
  bf_prepared p, q;
  prepare(&p);
  bf_cmd c;
  fields x;
  features_fields(&p, &x, &c);
  char why[300];
  const bf_field *feat = NULL;
  for (size_t i = 0; i < x.n; i++)
    if (x.f[i].klen == 8 && !memcmp(x.f[i].key, "features", 8))
      feat = &x.f[i];
  assert_non_null(feat);
  size_t len = feat->vlen;
  char *blob = malloc(len + 8);
  memcpy(blob, feat->val, len);
  struct {
    const char *key, *val;
    size_t len;
    const char *why;
  } cases[] = {
      {"v", "2", 1, "\"v\" is not 1, the features format this brief reads"},
      {"day", "soon", 4, "\"day\" is not a day number"},
      {"day", "99999999", 8, "\"day\" is not a day number"},
      {"date", "2025-03-12T10", 13, "\"date\" is not YYYY-MM-DD"},
      {"text", "", 0, "\"text\" is empty"},
      {"text", "caf\xe9", 4, "text: invalid UTF-8"},
      {"features", "bF\x02", 3, "features: format 2; this brief reads 1"},
      {"features", "xx", 2, "features: not brief's features"},
      {"features", blob, len - 1, "features: the signature is cut short"},
      {"features", blob, len + 1, "features: 1 bytes too many"},
  };
  blob[len] = 'x';
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    fields y;
    bf_cmd cy; /* y's values point into it */
    features_fields(&p, &y, &cy);
    set_field(&y, cases[k].key, cases[k].val, cases[k].len);
    assert_int_equal(decode_features(&y, &q, why), -1);
    if (!strstr(why, cases[k].why))
      fail_msg("case %zu: \"%s\" lacks \"%s\"", k, why, cases[k].why);
    fields_free(&y);
    bf_cmd_free(&cy);
  }
  /* Keys out of order, and a count of 0 (the first term's key and count
   * follow the 3-byte head, the words and the term count). */
  memcpy(blob, feat->val, len);
  size_t first = 3 + 4 + 4;
  blob[first + 8] = 0, blob[first + 9] = 0, blob[first + 10] = 0,
               blob[first + 11] = 0;
  set_field(&x, "features", blob, len);
  assert_int_equal(decode_features(&x, &q, why), -1);
  assert_string_equal(why, "features: the terms list is out of order");
  memcpy(blob, feat->val, len);
  memset(blob + first + 12, 0, 8); /* the second key below the first */
  set_field(&x, "features", blob, len);
  assert_int_equal(decode_features(&x, &q, why), -1);
  assert_string_equal(why, "features: the terms list is out of order");
  memcpy(blob, feat->val, len);
  memset(blob + 7, 0xff, 4); /* more terms than bytes */
  set_field(&x, "features", blob, len);
  assert_int_equal(decode_features(&x, &q, why), -1);
  assert_string_equal(why, "features: the terms list is cut short");
  drop_field(&x, "source");
  assert_int_equal(decode_features(&x, &q, why), -1);
  assert_string_equal(why, "no \"source\" field");
  drop_field(&x, "v");
  assert_int_equal(decode_features(&x, &q, why), -1);
  assert_string_equal(why, "no \"v\" field (not a features entry)");
  free(blob);
  fields_free(&x);
  bf_cmd_free(&c);
  bf_prepared_release(&p);
}

/* A decoded entry is an article the desk takes as it would its own. */
static void test_features_into_a_desk(void **state) {
  (void)state;
  bf_prepared p, q;
  prepare(&p);
  bf_cmd c;
  fields x;
  features_fields(&p, &x, &c);
  char why[300];
  assert_int_equal(decode_features(&x, &q, why), 0);
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.in_order = 1;
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  assert_int_equal(bf_desk_add_prepared(d, &q, 1, &err), BRIEF_OK);
  assert_null(q.id); /* taken */
  assert_int_equal(brief_desk_article_count(d), 1);
  brief_desk_brief *b;
  assert_int_equal(brief_desk_brief_get(d, 1, NULL, 0, &b, &err), BRIEF_OK);
  brief_desk_brief_free(b);
  char *tsv;
  assert_int_equal(brief_desk_assignment(d, &tsv, &err), BRIEF_OK);
  assert_string_equal(tsv, "kessing-1\t1\n");
  brief_free(tsv);
  brief_desk_close(d);
  fields_free(&x);
  bf_cmd_free(&c);
  bf_prepared_release(&p);
}

/* ---- brief:story-updates
 * ----------------------------------------------------- */

static void test_update_entries(void **state) {
  (void)state;
  uint32_t story, version;
  char why[300];
  bf_field ok[] = {{"story", "12", 5, 2}, {"version", "3", 7, 1}};
  assert_int_equal(bf_entry_update_decode(ok, 2, &story, &version, why, 300),
                   0);
  assert_int_equal(story, 12);
  assert_int_equal(version, 3);
  bf_field zero[] = {{"story", "0", 5, 1}, {"version", "3", 7, 1}};
  assert_int_equal(bf_entry_update_decode(zero, 2, &story, &version, why, 300),
                   -1);
  bf_field big[] = {{"story", "4294967296", 5, 10}, {"version", "3", 7, 1}};
  assert_int_equal(bf_entry_update_decode(big, 2, &story, &version, why, 300),
                   -1);
  bf_field none[] = {{"story", "7", 5, 1}};
  assert_int_equal(bf_entry_update_decode(none, 1, &story, &version, why, 300),
                   -1);
  assert_string_equal(why, "\"version\" is not a version number");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_urls),
      cmocka_unit_test(test_versions),
      cmocka_unit_test(test_article_entries),
      cmocka_unit_test(test_features_round_trip),
      cmocka_unit_test(test_features_refused),
      cmocka_unit_test(test_features_into_a_desk),
      cmocka_unit_test(test_update_entries),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
