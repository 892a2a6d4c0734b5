/*
 * desk_load.c - the desk run of bench/serve: load on a running `brief
 * serve`'s story desk, over loopback, for a fixed time.
 *
 * bench_desk_load --port N --stream FILE.jsonl [--seconds 20] [--readers 16]
 *                 [--batch 20] [--rate 0]
 *
 * One client posts the stream's articles to POST /v1/articles in batches,
 * one request after the other (--rate > 0: at that many articles a second,
 * else as fast as the server accepts them); --readers clients read the
 * desk, each alternating GET /v1/stories?limit=20 and GET /v1/stories/{id}
 * of a story the posts have made; one client follows GET /v1/events. Every
 * client keeps one connection open. Prints the articles accepted per
 * second, the reads' latency percentiles (all, and per route), the reads
 * that were not 200, and the events delivered against the story events
 * the posts caused.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_READERS = 256, MAX_STORIES = 1 << 20 };

typedef struct options {
  int port;
  const char *stream;
  double seconds, rate;
  int readers, batch;
} options;

static options opt = {0, NULL, 20, 0, 16, 20};
static atomic_int stopping, unfollow;

/* The stream's lines, as they are: JSON objects. */
static char **lines;
static size_t nlines;

/* Stories the posts made, for the readers to ask for. */
static atomic_uint_fast64_t story_max;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_us(long us) {
  struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
  nanosleep(&ts, NULL);
}

static void die(const char *what) {
  fprintf(stderr, "bench_desk_load: %s\n", what);
  exit(1);
}

static uint64_t rng(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* ---- a keep-alive HTTP/1.1 connection ---------------------------------- */

typedef struct conn {
  int fd;
  char *buf;
  size_t len, cap;
} conn;

static int conn_open(conn *c) {
  c->fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)opt.port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&a, sizeof a) != 0) {
    if (c->fd >= 0)
      close(c->fd);
    c->fd = -1;
    return -1;
  }
  c->len = 0;
  return 0;
}

static void conn_close(conn *c) {
  if (c->fd >= 0)
    close(c->fd);
  c->fd = -1;
}

static int send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k <= 0)
      return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* Reads more into the buffer; -1 when the peer closed. */
static int fill(conn *c) {
  if (c->len + 65536 > c->cap) {
    c->cap = (c->cap + 65536) * 2;
    if (!(c->buf = realloc(c->buf, c->cap + 1)))
      die("out of memory");
  }
  ssize_t n = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
  if (n <= 0)
    return -1;
  c->len += (size_t)n;
  c->buf[c->len] = '\0';
  return 0;
}

/* One request; the answer's body (NUL-terminated, in c->buf) and status.
 * Returns the status, 0 when the exchange failed (the connection is then
 * reopened for the next one). */
static int request(conn *c, const char *method, const char *path,
                   const char *body, size_t blen, const char **out,
                   size_t *out_len) {
  if (c->fd < 0 && conn_open(c) != 0)
    return 0;
  char head[512];
  int n = body ? snprintf(head, sizeof head,
                          "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\n\r\n",
                          method, path, blen)
               : snprintf(head, sizeof head,
                          "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", method,
                          path);
  c->len = 0;
  if (c->buf)
    c->buf[0] = '\0';
  if (send_all(c->fd, head, (size_t)n) || (body && send_all(c->fd, body, blen)))
    goto fail;
  char *end;
  while (!c->buf || !(end = strstr(c->buf, "\r\n\r\n")))
    if (fill(c))
      goto fail;
  const char *cl = strstr(c->buf, "Content-Length: ");
  if (!cl || cl > end)
    cl = strstr(c->buf, "content-length: ");
  size_t want = cl && cl < end ? (size_t)atol(cl + 16) : 0;
  size_t at = (size_t)(end + 4 - c->buf);
  while (c->len < at + want)
    if (fill(c))
      goto fail;
  *out = c->buf + at;
  *out_len = want;
  c->buf[at + want] = '\0';
  return atoi(c->buf + 9);
fail:
  conn_close(c);
  return 0;
}

/* ---- latencies ---------------------------------------------------------- */

typedef struct samples {
  double *v;
  size_t n, cap;
} samples;

static void sample(samples *s, double x) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 4096;
    if (!(s->v = realloc(s->v, s->cap * sizeof *s->v)))
      die("out of memory");
  }
  s->v[s->n++] = x;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double percentile(samples *s, double p) {
  if (!s->n)
    return 0;
  qsort(s->v, s->n, sizeof *s->v, by_value);
  size_t k = (size_t)(p * (double)(s->n - 1) + 0.5);
  return s->v[k];
}

/* ---- the poster --------------------------------------------------------- */

typedef struct poster {
  size_t accepted, skipped, refused_posts, posts;
  size_t story_events; /* stories touched, post by post */
  double seconds;
} poster;

/* The stories a post's answer names, each once. */
static size_t touched(const char *body, uint64_t *max) {
  uint64_t seen[512];
  size_t n = 0;
  for (const char *p = strstr(body, "\"story\": "); p;
       p = strstr(p + 1, "\"story\": ")) {
    uint64_t id = strtoull(p + 9, NULL, 10);
    size_t k = 0;
    while (k < n && seen[k] != id)
      k++;
    if (k == n && n < 512)
      seen[n++] = id;
    if (id > *max)
      *max = id;
  }
  return n;
}

static void *post_loop(void *arg) {
  poster *p = arg;
  conn c = {-1, NULL, 0, 0};
  size_t cap = 1 << 20, next = 0;
  char *body = malloc(cap);
  double t0 = now();
  while (!atomic_load(&stopping) && next < nlines) {
    size_t len = (size_t)snprintf(body, cap, "{\"articles\":[");
    size_t first = next;
    for (int k = 0; k < opt.batch && next < nlines; k++, next++) {
      size_t l = strlen(lines[next]);
      if (len + l + 8 > cap && !(body = realloc(body, cap = (cap + l) * 2)))
        die("out of memory");
      if (next > first)
        body[len++] = ',';
      memcpy(body + len, lines[next], l);
      len += l;
    }
    len += (size_t)snprintf(body + len, cap - len, "]}");
    const char *ans;
    size_t alen;
    int status = request(&c, "POST", "/v1/articles", body, len, &ans, &alen);
    p->posts++;
    if (status != 200) {
      p->refused_posts++;
      continue;
    }
    const char *a = strstr(ans, "\"added\": ");
    const char *sk = strstr(ans, "\"skipped\": ");
    p->accepted += a ? (size_t)atol(a + 9) : 0;
    p->skipped += sk ? (size_t)atol(sk + 11) : 0;
    uint64_t max = atomic_load(&story_max);
    p->story_events += touched(ans, &max);
    if (max > atomic_load(&story_max))
      atomic_store(&story_max, max);
    if (opt.rate > 0) { /* keep the pace */
      double due = t0 + (double)next / opt.rate;
      while (!atomic_load(&stopping) && now() < due)
        sleep_us(1000);
    }
  }
  p->seconds = now() - t0;
  free(body);
  free(c.buf);
  conn_close(&c);
  return NULL;
}

/* ---- the readers -------------------------------------------------------- */

typedef struct reader {
  samples all, list, story;
  size_t errors;
  uint64_t seed;
} reader;

static void *read_loop(void *arg) {
  reader *r = arg;
  conn c = {-1, NULL, 0, 0};
  for (size_t k = 0; !atomic_load(&stopping); k++) {
    uint64_t max = atomic_load(&story_max);
    char path[64];
    int is_story = (k % 2) && max;
    if (is_story)
      snprintf(path, sizeof path, "/v1/stories/%llu",
               (unsigned long long)(rng(&r->seed) % max + 1));
    else
      snprintf(path, sizeof path, "/v1/stories?limit=20");
    const char *ans;
    size_t alen;
    double t0 = now();
    int status = request(&c, "GET", path, NULL, 0, &ans, &alen);
    double ms = (now() - t0) * 1000;
    if (status != 200) {
      r->errors++;
      if (!status)
        sleep_us(10000);
      continue;
    }
    sample(&r->all, ms);
    sample(is_story ? &r->story : &r->list, ms);
  }
  free(c.buf);
  conn_close(&c);
  return NULL;
}

/* ---- the event stream --------------------------------------------------- */

typedef struct follower {
  size_t story, brief, merged, reset, bytes;
} follower;

static size_t count(const char *s, size_t len, const char *what) {
  size_t n = 0, w = strlen(what);
  for (size_t i = 0; i + w <= len; i++)
    n += memcmp(s + i, what, w) == 0;
  return n;
}

/* The stream's body de-chunked as it comes; events are counted once the
 * whole of each message ("\n\n") is in. */
static void *follow_loop(void *arg) {
  follower *f = arg;
  conn c = {-1, NULL, 0, 0};
  if (conn_open(&c) != 0)
    die("cannot open the event stream");
  const char req[] = "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  send_all(c.fd, req, sizeof req - 1);
  char *text = NULL;
  size_t tlen = 0, tcap = 0, done = 0, at = 0, chunk = 0;
  int in_body = 0;
  if (!(text = malloc(tcap = 1 << 16)))
    die("out of memory");
  text[0] = '\0';
  while (!atomic_load(&unfollow)) {
    struct pollfd p = {c.fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0)
      continue;
    if (fill(&c))
      break;
    if (!in_body) {
      char *end = strstr(c.buf, "\r\n\r\n");
      if (!end)
        continue;
      at = (size_t)(end + 4 - c.buf);
      in_body = 1;
    }
    for (;;) { /* de-chunk what is in */
      if (!chunk) {
        char *nl = memchr(c.buf + at, '\n', c.len - at);
        if (!nl)
          break;
        chunk = strtoul(c.buf + at, NULL, 16) + 2;
        at = (size_t)(nl + 1 - c.buf);
        if (chunk == 2)
          break; /* the end */
      }
      size_t k = c.len - at < chunk ? c.len - at : chunk;
      if (tlen + k + 1 > tcap &&
          !(text = realloc(text, tcap = (tcap + k) * 2 + 1)))
        die("out of memory");
      memcpy(text + tlen, c.buf + at, k);
      tlen += k;
      at += k;
      chunk -= k;
      if (at == c.len)
        break;
    }
    text[tlen] = '\0';
    /* Count the whole messages; the chunks' trailing CRLFs are noise. */
    char *last = NULL;
    for (char *m = text + done; (m = strstr(m, "\n\n")); m += 2)
      last = m;
    if (last) {
      size_t upto = (size_t)(last - text) + 2;
      f->story += count(text + done, upto - done, "event: story\n");
      f->brief += count(text + done, upto - done, "event: brief\n");
      f->merged += count(text + done, upto - done, "event: merged\n");
      f->reset += count(text + done, upto - done, "event: reset\n");
      done = upto;
    }
    f->bytes = tlen;
    if (at == c.len)
      c.len = at = 0; /* all consumed: start the buffer over */
  }
  free(text);
  free(c.buf);
  conn_close(&c);
  return NULL;
}

/* ---- main --------------------------------------------------------------- */

static void load_stream(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    die(path);
  char *line = NULL;
  size_t cap = 0, lcap = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n)
      continue;
    if (nlines == lcap &&
        !(lines = realloc(lines, (lcap = lcap * 2 + 1024) * sizeof *lines)))
      die("out of memory");
    if (!(lines[nlines++] = strdup(line)))
      die("out of memory");
  }
  free(line);
  fclose(f);
  if (!nlines)
    die("the stream is empty");
}

static void parse_args(int argc, char **argv) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const char *a = argv[i], *v = argv[i + 1];
    if (!strcmp(a, "--port"))
      opt.port = atoi(v);
    else if (!strcmp(a, "--stream"))
      opt.stream = v;
    else if (!strcmp(a, "--seconds"))
      opt.seconds = atof(v);
    else if (!strcmp(a, "--readers"))
      opt.readers = atoi(v);
    else if (!strcmp(a, "--batch"))
      opt.batch = atoi(v);
    else if (!strcmp(a, "--rate"))
      opt.rate = atof(v);
    else
      die("usage: bench_desk_load --port N --stream FILE.jsonl [--seconds S] "
          "[--readers N] [--batch N] [--rate ARTICLES_PER_S]");
  }
  if (opt.port <= 0 || !opt.stream || opt.readers < 1 ||
      opt.readers > MAX_READERS || opt.batch < 1 || opt.seconds <= 0)
    die("bad arguments (try without any)");
}

static void report(poster *p, reader *r, follower *f, double seconds) {
  samples all = {0}, list = {0}, story = {0};
  size_t errors = 0;
  for (int i = 0; i < opt.readers; i++) {
    for (size_t k = 0; k < r[i].all.n; k++)
      sample(&all, r[i].all.v[k]);
    for (size_t k = 0; k < r[i].list.n; k++)
      sample(&list, r[i].list.v[k]);
    for (size_t k = 0; k < r[i].story.n; k++)
      sample(&story, r[i].story.v[k]);
    errors += r[i].errors;
  }
  printf("articles accepted  %zu in %.1f s: %.0f articles/s (%zu skipped, "
         "%zu of %zu posts refused)\n",
         p->accepted, p->seconds, (double)p->accepted / p->seconds, p->skipped,
         p->refused_posts, p->posts);
  printf("reads              %zu in %.1f s: %.0f/s, p50 %.1f ms, p99 %.1f ms,"
         " %zu not 200\n",
         all.n, seconds, (double)all.n / seconds, percentile(&all, 0.5),
         percentile(&all, 0.99), errors);
  printf("  GET /v1/stories?limit=20  %zu: p50 %.1f ms, p99 %.1f ms\n", list.n,
         percentile(&list, 0.5), percentile(&list, 0.99));
  printf("  GET /v1/stories/{id}      %zu: p50 %.1f ms, p99 %.1f ms\n", story.n,
         percentile(&story, 0.5), percentile(&story, 0.99));
  printf("events delivered   %zu story (of %zu the posts caused), %zu brief, "
         "%zu merged, %zu reset; %zu bytes\n",
         f->story, p->story_events, f->brief, f->merged, f->reset, f->bytes);
  free(all.v);
  free(list.v);
  free(story.v);
}

int main(int argc, char **argv) {
  parse_args(argc, argv);
  load_stream(opt.stream);
  poster p;
  memset(&p, 0, sizeof p);
  follower f;
  memset(&f, 0, sizeof f);
  reader *r = calloc((size_t)opt.readers, sizeof *r);
  pthread_t tp, tf, tr[MAX_READERS];
  if (!r)
    die("out of memory");
  pthread_create(&tf, NULL, follow_loop, &f);
  sleep_us(200000); /* the stream is open before the first post */
  double t0 = now();
  pthread_create(&tp, NULL, post_loop, &p);
  for (int i = 0; i < opt.readers; i++) {
    r[i].seed = 0x9E3779B97F4A7C15ULL + (uint64_t)i;
    pthread_create(&tr[i], NULL, read_loop, &r[i]);
  }
  while (now() - t0 < opt.seconds)
    sleep_us(50000);
  atomic_store(&stopping, 1);
  double seconds = now() - t0;
  pthread_join(tp, NULL);
  for (int i = 0; i < opt.readers; i++)
    pthread_join(tr[i], NULL);
  sleep(2); /* the events of the last posts are on their way */
  atomic_store(&unfollow, 1);
  pthread_join(tf, NULL);
  printf("desk run: %.0f s, 1 client posting batches of %d%s, %d readers, "
         "1 event stream; stream %s (%zu articles)\n",
         opt.seconds, opt.batch, opt.rate > 0 ? " at a set pace" : "",
         opt.readers, opt.stream, nlines);
  report(&p, r, &f, seconds);
  for (int i = 0; i < opt.readers; i++) {
    free(r[i].all.v);
    free(r[i].list.v);
    free(r[i].story.v);
  }
  free(r);
  for (size_t i = 0; i < nlines; i++)
    free(lines[i]);
  free(lines);
  return 0;
}
