/*
 * redis.c - a connection to Redis (see redis.h): the URL, connecting with
 * backoff, the server's checks, commands and pipelines over hiredis.
 */
#define _DEFAULT_SOURCE /* usleep */
#include "core/redis.h"

#include "core/error.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
  CONNECT_TIMEOUT_MS = 2000,
  COMMAND_TIMEOUT_MS = 60000, /* longer than any blocking read we send */
  BACKOFF_FIRST_MS = 100,
  BACKOFF_MAX_MS = 5000,
  NEED_MAJOR = 6, /* XAUTOCLAIM came with Redis 6.2 */
  NEED_MINOR = 2
};

struct bf_redis {
  bf_redis_url url;
  bf_redis_config cfg;
  redisContext *c;
  int lost;
};

/* ---- time ---------------------------------------------------------------- */

uint64_t bf_now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

uint64_t bf_wall_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

void bf_sleep_ms(unsigned ms, const atomic_int *stop) {
  while (ms > 0 && !(stop && atomic_load(stop))) {
    unsigned step = ms < 50 ? ms : 50;
    usleep(step * 1000u);
    ms -= step;
  }
}

/* ---- the URL ------------------------------------------------------------- */

static int hex_value(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = tolower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Copies s[0..len) into out (cap bytes), decoding %XX; -1 when it does not
 * fit or an escape is malformed or decodes to NUL. */
static int decode_part(const char *s, size_t len, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    int c = (unsigned char)s[i];
    if (c == '%') {
      if (i + 2 >= len)
        return -1;
      int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
        return -1;
      c = hi * 16 + lo;
      i += 2;
    }
    if (o + 1 >= cap)
      return -1;
    out[o++] = (char)c;
  }
  out[o] = '\0';
  return 0;
}

static int parse_number(const char *s, size_t len, long max, long *out) {
  if (len == 0 || len > 9)
    return -1;
  long v = 0;
  for (size_t i = 0; i < len; i++) {
    if (!isdigit((unsigned char)s[i]))
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  if (v > max)
    return -1;
  *out = v;
  return 0;
}

static brief_status url_fail(brief_error *err, const char *url,
                             const char *why) {
  return bf_fail(err, BRIEF_ERR_ARG,
                 "%.200s: %s (expected redis://[:PASSWORD@]HOST[:PORT][/DB] "
                 "or unix://PATH[?db=N])",
                 url, why);
}

static brief_status parse_unix(const char *url, const char *rest,
                               bf_redis_url *out, brief_error *err) {
  const char *q = strchr(rest, '?');
  size_t plen = q ? (size_t)(q - rest) : strlen(rest);
  if (plen == 0 || rest[0] != '/')
    return url_fail(err, url, "the socket path must be absolute");
  if (decode_part(rest, plen, out->socket, sizeof out->socket))
    return url_fail(err, url, "the socket path is too long or malformed");
  if (q) {
    long db;
    if (strncmp(q + 1, "db=", 3) ||
        parse_number(q + 4, strlen(q + 4), 1 << 20, &db))
      return url_fail(err, url, "the only query is db=N");
    out->db = (int)db;
  }
  snprintf(out->shown, sizeof out->shown, "unix://%s%s%.20s", out->socket,
           q ? "?" : "", q ? q + 1 : "");
  return BRIEF_OK;
}

/* USER:PASSWORD or :PASSWORD before the '@'. */
static brief_status parse_userinfo(const char *url, const char *s, size_t len,
                                   bf_redis_url *out, brief_error *err) {
  const char *colon = memchr(s, ':', len);
  size_t ulen = colon ? (size_t)(colon - s) : len;
  if (decode_part(s, ulen, out->user, sizeof out->user))
    return url_fail(err, url, "the user name is too long or malformed");
  if (colon && decode_part(colon + 1, len - ulen - 1, out->password,
                           sizeof out->password))
    return url_fail(err, url, "the password is too long or malformed");
  if (!colon || !out->password[0])
    return url_fail(
        err, url,
        "give the password after a ':' (redis://[USER]:PASSWORD@HOST)");
  return BRIEF_OK;
}

static brief_status parse_hostport(const char *url, const char *s, size_t len,
                                   bf_redis_url *out, brief_error *err) {
  const char *colon = NULL;
  size_t hlen = len;
  if (len && s[0] == '[') { /* an IPv6 address */
    const char *close = memchr(s, ']', len);
    if (!close)
      return url_fail(err, url, "an IPv6 address lacks its ']'");
    hlen = (size_t)(close - s) - 1;
    if (hlen == 0 || hlen >= sizeof out->host)
      return url_fail(err, url, "the host is empty or too long");
    memcpy(out->host, s + 1, hlen);
    out->host[hlen] = '\0';
    colon = close + 1 < s + len && close[1] == ':' ? close + 1 : NULL;
    if (!colon && close + 1 != s + len)
      return url_fail(err, url, "unexpected text after the host");
  } else {
    colon = memchr(s, ':', len);
    hlen = colon ? (size_t)(colon - s) : len;
    if (hlen == 0 || hlen >= sizeof out->host)
      return url_fail(err, url, "the host is empty or too long");
    memcpy(out->host, s, hlen);
    out->host[hlen] = '\0';
  }
  if (colon) {
    long port;
    size_t plen = (size_t)(s + len - colon - 1);
    if (parse_number(colon + 1, plen, 65535, &port) || port == 0)
      return url_fail(err, url, "the port must be a number from 1 to 65535");
    out->port = (int)port;
  }
  return BRIEF_OK;
}

brief_status bf_redis_url_parse(const char *url, bf_redis_url *out,
                                brief_error *err) {
  memset(out, 0, sizeof *out);
  out->port = 6379;
  if (!url || !*url)
    return url_fail(err, "redis URL", "empty");
  if (strlen(url) > 1000)
    return url_fail(err, "redis URL", "too long");
  if (!strncmp(url, "unix://", 7))
    return parse_unix(url, url + 7, out, err);
  if (!strncmp(url, "rediss://", 9))
    return url_fail(err, url, "TLS (rediss://) is not supported");
  if (strncmp(url, "redis://", 8))
    return url_fail(err, url, "not a redis:// URL");
  const char *s = url + 8;
  size_t auth_len = strcspn(s, "/?#");
  const char *at = NULL;
  for (size_t i = 0; i < auth_len; i++)
    if (s[i] == '@')
      at = s + i;
  brief_status st = BRIEF_OK;
  if (at)
    st = parse_userinfo(url, s, (size_t)(at - s), out, err);
  const char *hp = at ? at + 1 : s;
  if (st == BRIEF_OK)
    st = parse_hostport(url, hp, (size_t)(s + auth_len - hp), out, err);
  if (st != BRIEF_OK)
    return st;
  const char *rest = s + auth_len;
  if (*rest == '/' && rest[1]) {
    long db;
    if (parse_number(rest + 1, strlen(rest + 1), 1 << 20, &db))
      return url_fail(err, url, "the database must be a number");
    out->db = (int)db;
  } else if (*rest && strcmp(rest, "/")) {
    return url_fail(err, url, "unexpected text after the host");
  }
  snprintf(out->shown, sizeof out->shown, "redis://%s%s%s%s:%d/%d", out->user,
           out->password[0] ? ":***" : "",
           out->user[0] || out->password[0] ? "@" : "", out->host, out->port,
           out->db);
  return BRIEF_OK;
}

int bf_redis_version(const char *info, int *major, int *minor) {
  const char *p = info ? strstr(info, "redis_version:") : NULL;
  *major = *minor = 0;
  if (!p)
    return 0;
  return sscanf(p + 14, "%d.%d", major, minor) == 2;
}

/* ---- commands ------------------------------------------------------------ */

void bf_cmd_init(bf_cmd *c) {
  memset(c, 0, sizeof *c);
  bf_buf_init(&c->bytes);
}

void bf_cmd_free(bf_cmd *c) {
  bf_buf_free(&c->bytes);
  BF_VEC_FREE(c->start);
  BF_VEC_FREE(c->len);
}

void bf_cmd_reset(bf_cmd *c) {
  c->bytes.len = 0;
  if (c->bytes.s)
    c->bytes.s[0] = '\0';
  c->bytes.oom = 0;
  c->start.n = c->len.n = 0;
  c->oom = 0;
}

void bf_cmd_arg(bf_cmd *c, const void *data, size_t len) {
  size_t at = c->bytes.len;
  bf_buf_append(&c->bytes, len ? data : "", len);
  if (c->bytes.oom || BF_VEC_PUSH(c->start, at) || BF_VEC_PUSH(c->len, len))
    c->oom = 1;
}

void bf_cmd_str(bf_cmd *c, const char *s) {
  bf_cmd_arg(c, s ? s : "", s ? strlen(s) : 0);
}

void bf_cmd_u64(bf_cmd *c, uint64_t v) {
  char b[24];
  int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
  bf_cmd_arg(c, b, (size_t)n);
}

void bf_cmd_i64(bf_cmd *c, int64_t v) {
  char b[24];
  int n = snprintf(b, sizeof b, "%lld", (long long)v);
  bf_cmd_arg(c, b, (size_t)n);
}

void bf_cmd_printf(bf_cmd *c, const char *fmt, ...) {
  char b[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b, sizeof b, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof b)
    c->oom = 1;
  else
    bf_cmd_arg(c, b, (size_t)n);
}

void bf_cmd_words(bf_cmd *c, ...) {
  va_list ap;
  va_start(ap, c);
  const char *w;
  while ((w = va_arg(ap, const char *)))
    bf_cmd_str(c, w);
  va_end(ap);
}

size_t bf_cmd_argc(const bf_cmd *c) {
  return c->start.n;
}

/* ---- replies ------------------------------------------------------------- */

void bf_reply_free(redisReply *reply) {
  if (reply)
    freeReplyObject(reply);
}

const char *bf_reply_text(const redisReply *r, size_t *len) {
  if (r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS)) {
    if (len)
      *len = (size_t)r->len;
    return r->str;
  }
  if (len)
    *len = 0;
  return "";
}

int bf_reply_u64(const redisReply *r, uint64_t *out) {
  if (!r)
    return 0;
  if (r->type == REDIS_REPLY_INTEGER && r->integer >= 0) {
    *out = (uint64_t)r->integer;
    return 1;
  }
  if (r->type != REDIS_REPLY_STRING || r->len == 0 || r->len > 20)
    return 0;
  uint64_t v = 0;
  for (size_t i = 0; i < r->len; i++) {
    if (!isdigit((unsigned char)r->str[i]))
      return 0;
    v = v * 10 + (uint64_t)(r->str[i] - '0');
  }
  *out = v;
  return 1;
}

const redisReply *bf_reply_field(const redisReply *a, const char *field) {
  if (!a || a->type != REDIS_REPLY_ARRAY)
    return NULL;
  size_t flen = strlen(field);
  for (size_t i = 0; i + 1 < a->elements; i += 2) {
    const redisReply *k = a->element[i];
    if (k->type == REDIS_REPLY_STRING && k->len == flen &&
        !memcmp(k->str, field, flen))
      return a->element[i + 1];
  }
  return NULL;
}

brief_status bf_redis_reply_fail(const bf_redis *r, const redisReply *reply,
                                 const char *what, brief_error *err) {
  if (reply && reply->type == REDIS_REPLY_ERROR)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s: %.300s", r->url.shown, what,
                   reply->str);
  return bf_fail(err, BRIEF_ERR_IO, "%s: %s: unexpected reply", r->url.shown,
                 what);
}

/* ---- connecting ---------------------------------------------------------- */

int bf_redis_lost(const bf_redis *r) {
  return r->lost;
}

const char *bf_redis_name(const bf_redis *r) {
  return r->url.shown;
}

static void drop(bf_redis *r) {
  if (r->c)
    redisFree(r->c);
  r->c = NULL;
}

static redisReply *simple(redisContext *c, int argc, const char **argv) {
  return redisCommandArgv(c, argc, argv, NULL);
}

/* AUTH and SELECT; a refusal is for good. */
static brief_status login(bf_redis *r, int *permanent, brief_error *err) {
  if (r->url.password[0]) {
    const char *argv[] = {"AUTH", r->url.user, r->url.password};
    int with_user = r->url.user[0] != '\0';
    const char *args[] = {argv[0], with_user ? argv[1] : argv[2], argv[2]};
    redisReply *y = simple(r->c, with_user ? 3 : 2, args);
    if (!y)
      return bf_fail(err, BRIEF_ERR_IO, "%s: connection lost (%s)",
                     r->url.shown, r->c->errstr);
    int bad = y->type == REDIS_REPLY_ERROR;
    if (bad)
      bf_fail(err, BRIEF_ERR_IO, "%s: the server refused the password (%.200s)",
              r->url.shown, y->str);
    freeReplyObject(y);
    if (bad)
      return *permanent = 1, BRIEF_ERR_IO;
  }
  if (r->url.db) {
    char db[16];
    snprintf(db, sizeof db, "%d", r->url.db);
    const char *argv[] = {"SELECT", db};
    redisReply *y = simple(r->c, 2, argv);
    if (!y)
      return bf_fail(err, BRIEF_ERR_IO, "%s: connection lost (%s)",
                     r->url.shown, r->c->errstr);
    int bad = y->type == REDIS_REPLY_ERROR;
    if (bad)
      bf_fail(err, BRIEF_ERR_ARG, "%s: no database %d (%.200s)", r->url.shown,
              r->url.db, y->str);
    freeReplyObject(y);
    if (bad)
      return *permanent = 1, BRIEF_ERR_ARG;
  }
  return BRIEF_OK;
}

/* The server must have streams with XAUTOCLAIM and have its data loaded. */
static brief_status check_server(bf_redis *r, int *permanent,
                                 brief_error *err) {
  const char *argv[] = {"INFO"};
  redisReply *y = simple(r->c, 1, argv);
  if (!y)
    return bf_fail(err, BRIEF_ERR_IO, "%s: connection lost (%s)", r->url.shown,
                   r->c->errstr);
  brief_status st = BRIEF_OK;
  int major, minor;
  if (y->type == REDIS_REPLY_ERROR && !strncmp(y->str, "NOAUTH", 6)) {
    st = bf_fail(err, BRIEF_ERR_IO,
                 "%s: the server wants a password (redis://:PASSWORD@HOST)",
                 r->url.shown);
    *permanent = 1;
  } else if (y->type == REDIS_REPLY_ERROR && !strncmp(y->str, "LOADING", 7)) {
    st = bf_fail(err, BRIEF_ERR_IO, "%s: the server is loading its data",
                 r->url.shown);
  } else if (y->type != REDIS_REPLY_STRING) {
    st = bf_redis_reply_fail(r, y, "INFO", err);
    *permanent = 1;
  } else if (!bf_redis_version(y->str, &major, &minor)) {
    st = bf_fail(err, BRIEF_ERR_UNSUPPORTED,
                 "%s: the server does not say its version; brief needs Redis "
                 "%d.%d or newer",
                 r->url.shown, NEED_MAJOR, NEED_MINOR);
    *permanent = 1;
  } else if (major < NEED_MAJOR ||
             (major == NEED_MAJOR && minor < NEED_MINOR)) {
    st = bf_fail(err, BRIEF_ERR_UNSUPPORTED,
                 "%s: Redis %d.%d has no XAUTOCLAIM; brief needs Redis %d.%d "
                 "or newer",
                 r->url.shown, major, minor, NEED_MAJOR, NEED_MINOR);
    *permanent = 1;
  } else if (strstr(y->str, "\nloading:1")) {
    st = bf_fail(err, BRIEF_ERR_IO, "%s: the server is loading its data",
                 r->url.shown);
  }
  freeReplyObject(y);
  return st;
}

static brief_status connect_once(bf_redis *r, int *permanent,
                                 brief_error *err) {
  struct timeval tv = {CONNECT_TIMEOUT_MS / 1000,
                       (CONNECT_TIMEOUT_MS % 1000) * 1000};
  *permanent = 0;
  r->c = r->url.socket[0]
             ? redisConnectUnixWithTimeout(r->url.socket, tv)
             : redisConnectWithTimeout(r->url.host, r->url.port, tv);
  if (!r->c)
    return *permanent = 1,
           bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", r->url.shown);
  if (r->c->err) {
    bf_fail(err, BRIEF_ERR_IO, "%s: cannot connect (%s)", r->url.shown,
            r->c->errstr);
    drop(r);
    return BRIEF_ERR_IO;
  }
  struct timeval ctv = {COMMAND_TIMEOUT_MS / 1000, 0};
  redisSetTimeout(r->c, ctv);
  redisEnableKeepAlive(r->c);
  brief_status st = login(r, permanent, err);
  if (st == BRIEF_OK)
    st = check_server(r, permanent, err);
  if (st != BRIEF_OK)
    drop(r);
  return st;
}

static void say(const bf_redis *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void say(const bf_redis *r, const char *fmt, ...) {
  if (!r->cfg.log)
    return;
  char line[700];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  r->cfg.log(r->cfg.log_ctx, line);
}

/* Connects when not connected, retrying with doubling waits within the
 * configured time. */
static brief_status ensure(bf_redis *r, brief_error *err) {
  if (r->c)
    return BRIEF_OK;
  uint64_t start = bf_now_ms();
  uint64_t limit = (uint64_t)(r->cfg.retry_seconds * 1000.0);
  unsigned wait = BACKOFF_FIRST_MS;
  for (int tries = 1;; tries++) {
    int permanent;
    brief_status st = connect_once(r, &permanent, err);
    if (st == BRIEF_OK) {
      if (tries > 1)
        say(r, "%s: connected again", r->url.shown);
      r->lost = 0;
      return BRIEF_OK;
    }
    if (permanent) {
      r->lost = 1;
      return st;
    }
    uint64_t spent = bf_now_ms() - start;
    if (r->cfg.stop && atomic_load(r->cfg.stop))
      return st;
    if (spent + wait > limit) {
      r->lost = 1;
      char why[sizeof err->message];
      snprintf(why, sizeof why, "%s", err ? err->message : "");
      return bf_fail(err, BRIEF_ERR_IO,
                     "%.300s; gave up after %d tries in "
                     "%.1f s",
                     why, tries, (double)spent / 1000.0);
    }
    say(r, "%s; retrying in %.1f s", err ? err->message : r->url.shown,
        wait / 1000.0);
    bf_sleep_ms(wait, r->cfg.stop);
    wait = wait * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : wait * 2;
  }
}

brief_status bf_redis_open(const char *url, const bf_redis_config *cfg,
                           bf_redis **out, brief_error *err) {
  *out = NULL;
  bf_redis *r = calloc(1, sizeof *r);
  if (!r)
    return bf_fail(err, BRIEF_ERR_NOMEM, "redis: out of memory");
  if (cfg)
    r->cfg = *cfg;
  brief_status st = bf_redis_url_parse(url, &r->url, err);
  if (st == BRIEF_OK)
    st = ensure(r, err);
  if (st != BRIEF_OK) {
    bf_redis_close(r);
    return st;
  }
  *out = r;
  bf_ok(err);
  return BRIEF_OK;
}

void bf_redis_close(bf_redis *r) {
  if (!r)
    return;
  drop(r);
  free(r);
}

/* ---- running commands ---------------------------------------------------- */

static brief_status append(bf_redis *r, const bf_cmd *c, brief_error *err) {
  size_t n = c->start.n;
  if (c->oom || c->bytes.oom || n == 0)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", r->url.shown);
  const char **argv = malloc(n * sizeof *argv);
  if (!argv)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", r->url.shown);
  for (size_t i = 0; i < n; i++)
    argv[i] = c->bytes.s + c->start.v[i];
  int rc = redisAppendCommandArgv(r->c, (int)n, argv, c->len.v);
  free(argv);
  if (rc != REDIS_OK)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", r->url.shown);
  return BRIEF_OK;
}

brief_status bf_redis_pipeline(bf_redis *r, bf_cmd *const *cmds, size_t n,
                               redisReply **replies, brief_error *err) {
  for (size_t i = 0; i < n; i++)
    replies[i] = NULL;
  brief_status st = ensure(r, err);
  for (size_t i = 0; st == BRIEF_OK && i < n; i++)
    st = append(r, cmds[i], err);
  if (st != BRIEF_OK) {
    drop(r); /* commands half appended: start clean */
    return st;
  }
  for (size_t i = 0; i < n; i++) {
    void *y = NULL;
    if (redisGetReply(r->c, &y) != REDIS_OK || !y) {
      bf_fail(err, BRIEF_ERR_IO, "%s: connection lost (%s)", r->url.shown,
              r->c->errstr[0] ? r->c->errstr : "no reply");
      for (size_t k = 0; k < i; k++) {
        bf_reply_free(replies[k]);
        replies[k] = NULL;
      }
      bf_reply_free(y);
      drop(r);
      return BRIEF_ERR_IO;
    }
    replies[i] = y;
  }
  bf_ok(err);
  return BRIEF_OK;
}

brief_status bf_redis_run(bf_redis *r, const bf_cmd *c, redisReply **reply,
                          brief_error *err) {
  bf_cmd *one = (bf_cmd *)c;
  brief_status st = bf_redis_pipeline(r, &one, 1, reply, err);
  if (st != BRIEF_OK)
    return st;
  if ((*reply)->type == REDIS_REPLY_ERROR)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %.300s", r->url.shown,
                   (*reply)->str);
  return BRIEF_OK;
}
