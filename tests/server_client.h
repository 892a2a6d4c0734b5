/*
 * server_client.h - what the tests of `brief serve` share: the server
 * process (the brief binary, BRIEF_CLI_PATH, on a free loopback port,
 * --port 0, read back from its "listening on" line) and a minimal HTTP/1.1
 * client over sockets.
 */
#ifndef BRIEF_TEST_SERVER_CLIENT_H
#define BRIEF_TEST_SERVER_CLIENT_H

#include "helpers.h"

#include <jansson.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BRIEF_CLI_PATH
#error "BRIEF_CLI_PATH must name the brief binary"
#endif

/* ---- the server process ------------------------------------------------ */

typedef struct server {
  pid_t pid;
  int port;
  int err_fd;      /* the server's stderr */
  char errs[8192]; /* what it printed there */
  size_t errs_len;
  char log[64];       /* file holding its stdout: the access log */
  struct server *own; /* the shared server only: a test's own_server() */
} server;

static inline void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static inline double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Reads what the server printed on stderr, waiting up to `ms`. */
static inline void read_errs(server *s, int ms) {
  struct pollfd p = {s->err_fd, POLLIN, 0};
  while (s->errs_len + 1 < sizeof s->errs && poll(&p, 1, ms) > 0) {
    ssize_t n = read(s->err_fd, s->errs + s->errs_len,
                     sizeof s->errs - 1 - s->errs_len);
    if (n <= 0)
      break;
    s->errs_len += (size_t)n;
    s->errs[s->errs_len] = '\0';
    ms = 0;
  }
}

/* Starts `brief serve --port 0 ARGS...`; returns 0 when it listens. */
static inline int server_start(server *s, const char *const *args) {
  memset(s, 0, sizeof *s);
  int fds[2];
  if (pipe(fds) != 0)
    return -1;
  snprintf(s->log, sizeof s->log, "/tmp/brief-test-server-XXXXXX");
  int log = mkstemp(s->log);
  if (log < 0)
    return -1;
  const char *argv[32] = {BRIEF_CLI_PATH, "serve", "--port", "0"};
  size_t n = 4;
  for (size_t i = 0; args && args[i] && n < 31; i++)
    argv[n++] = args[i];
  argv[n] = NULL;
  s->pid = fork();
  if (s->pid == 0) {
    dup2(fds[1], 2);
    dup2(log, 1);
    close(fds[0]);
    execv(argv[0], (char *const *)argv);
    _exit(127);
  }
  close(fds[1]);
  close(log);
  s->err_fd = fds[0];
  double limit = now_s() + 20;
  while (now_s() < limit) {
    read_errs(s, 100);
    const char *at = strstr(s->errs, "listening on http://127.0.0.1:");
    if (at) {
      s->port = atoi(at + strlen("listening on http://127.0.0.1:"));
      return s->port > 0 ? 0 : -1;
    }
    int st;
    if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
      s->pid = 0;
      return -1;
    }
  }
  return -1;
}

/* Sends `sig` (0: none, the server is stopping already) and waits for the
 * exit; returns the exit status, or -1. */
static inline int server_stop(server *s, int sig) {
  if (s->pid <= 0)
    return -1;
  if (sig)
    kill(s->pid, sig);
  double limit = now_s() + 60;
  int st = 0;
  pid_t got = 0;
  while ((got = waitpid(s->pid, &st, WNOHANG)) == 0 && now_s() < limit)
    sleep_ms(10);
  if (got != s->pid) {
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &st, 0);
    s->pid = 0;
    return -1;
  }
  s->pid = 0;
  read_errs(s, 100);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline void server_cleanup(server *s) {
  if (s->pid > 0)
    server_stop(s, SIGKILL);
  if (s->err_fd > 0)
    close(s->err_fd);
  s->err_fd = -1;
  if (*s->log)
    unlink(s->log);
}

/* A server of the test's own, which the test's teardown stops even when an
 * assertion fails before the test does. */
static inline server *own_server(void **state, const char *const *args) {
  server *shared = *state;
  server *s = calloc(1, sizeof *s);
  assert_non_null(s);
  shared->own = s;
  assert_int_equal(server_start(s, args), 0);
  return s;
}

static inline int own_teardown(void **state) {
  server *shared = *state;
  if (shared->own) {
    server_cleanup(shared->own);
    free(shared->own);
    shared->own = NULL;
  }
  return 0;
}

/* ---- a minimal HTTP/1.1 client ----------------------------------------- */

enum { EXPECT = 1, CHUNKED = 2 };

typedef struct response {
  int status;
  char *raw; /* whole response; head and body point into it */
  const char *head;
  const char *body;
  size_t len;
} response;

static inline int send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k <= 0)
      return -1;
    p += k;
    n -= (size_t)k;
  }
  return 0;
}

/* Connects to the server from loopback address `from` (127.0.0.1 is the
 * usual; any 127.x.y.z is another client address to the server). */
static inline int connect_from(int port, const char *from) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  inet_pton(AF_INET, from, &a.sin_addr);
  if (strcmp(from, "127.0.0.1") != 0 &&
      bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct timeval tv = {60, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static inline int connect_port(int port) {
  return connect_from(port, "127.0.0.1");
}

/* Reads until the peer closes, or until a complete head when `head_only`. */
static inline void read_response(int fd, char **buf, size_t *len, size_t *cap,
                                 int head_only) {
  for (;;) {
    if (*len + 65536 > *cap) {
      *cap = (*cap + 65536) * 2;
      *buf = realloc(*buf, *cap + 1);
      assert_non_null(*buf);
    }
    if (head_only) {
      (*buf)[*len] = '\0';
      if (strstr(*buf, "\r\n\r\n"))
        return;
    }
    ssize_t n = recv(fd, *buf + *len, *cap - *len, 0);
    if (n <= 0)
      return;
    *len += (size_t)n;
  }
}

static inline void send_body(int fd, const char *body, size_t len, int flags) {
  if (!(flags & CHUNKED)) {
    send_all(fd, body, len);
    return;
  }
  for (size_t off = 0; off < len;) {
    size_t k = len - off < 16384 ? len - off : 16384;
    char size[32];
    snprintf(size, sizeof size, "%zx\r\n", k);
    if (send_all(fd, size, strlen(size)) || send_all(fd, body + off, k) ||
        send_all(fd, "\r\n", 2))
      return;
    off += k;
  }
  send_all(fd, "0\r\n\r\n", 5);
}

/* Splits what the server sent (`buf`, malloc'd, taken) into `out`: the
 * final answer after any 100 Continue. Returns its status, or 0. */
static inline int parse_response(char *buf, size_t got, response *out) {
  memset(out, 0, sizeof *out);
  if (!buf)
    return 0;
  buf[got] = '\0';
  char *p = buf;
  while (strncmp(p, "HTTP/1.1 100", 12) == 0 && strstr(p, "\r\n\r\n"))
    p = strstr(p, "\r\n\r\n") + 4;
  char *end = strstr(p, "\r\n\r\n");
  if (strncmp(p, "HTTP/1.", 7) != 0 || !end) {
    free(buf);
    return 0;
  }
  *end = '\0';
  out->raw = buf;
  out->head = p;
  out->body = end + 4;
  out->len = got - (size_t)(out->body - buf);
  out->status = atoi(p + 9);
  return out->status;
}

/* One request on a new connection (Connection: close). `type` NULL sends
 * no Content-Type. Returns the status, 0 when the exchange failed. */
static inline int http(int port, const char *method, const char *path,
                       const char *type, const char *body, size_t len,
                       int flags, response *out) {
  memset(out, 0, sizeof *out);
  int fd = connect_port(port);
  if (fd < 0)
    return 0;
  char head[1024];
  int n = snprintf(head, sizeof head,
                   "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "User-Agent: test_server\r\nConnection: close\r\n",
                   method, path);
  if (type)
    n += snprintf(head + n, sizeof head - (size_t)n, "Content-Type: %s\r\n",
                  type);
  if (body && (flags & CHUNKED))
    n += snprintf(head + n, sizeof head - (size_t)n,
                  "Transfer-Encoding: chunked\r\n");
  else if (body)
    n += snprintf(head + n, sizeof head - (size_t)n, "Content-Length: %zu\r\n",
                  len);
  if (flags & EXPECT)
    n +=
        snprintf(head + n, sizeof head - (size_t)n, "Expect: 100-continue\r\n");
  n += snprintf(head + n, sizeof head - (size_t)n, "\r\n");
  char *buf = NULL;
  size_t got = 0, cap = 0;
  if (send_all(fd, head, (size_t)n) == 0 && body) {
    if (flags & EXPECT) {
      /* The server answers 100 Continue, or its final word at once. */
      read_response(fd, &buf, &got, &cap, 1);
      if (got >= 12 && strncmp(buf + 9, "100", 3) == 0)
        send_body(fd, body, len, flags);
    } else {
      send_body(fd, body, len, flags);
    }
  }
  read_response(fd, &buf, &got, &cap, 0);
  close(fd);
  return parse_response(buf, got, out);
}

/* Sends `req` as it is on a new connection from `from` and reads the
 * answer until the server closes. Returns the status, 0 when none came. */
static inline int raw_from(int port, const char *from, const char *req,
                           size_t len, response *out) {
  memset(out, 0, sizeof *out);
  int fd = connect_from(port, from);
  if (fd < 0)
    return 0;
  char *buf = NULL;
  size_t got = 0, cap = 0;
  if (send_all(fd, req, len) == 0)
    read_response(fd, &buf, &got, &cap, 0);
  close(fd);
  return parse_response(buf, got, out);
}

static inline int raw(int port, const char *req, response *out) {
  return raw_from(port, "127.0.0.1", req, strlen(req), out);
}

static inline int post(int port, const char *body, response *out) {
  return http(port, "POST", "/v1/brief", "application/json", body, strlen(body),
              0, out);
}

static inline void response_free(response *r) {
  free(r->raw);
  memset(r, 0, sizeof *r);
}

/* The value of a response header, copied into `dst`, or NULL. */
static inline const char *header(const response *r, const char *name, char *dst,
                                 size_t cap) {
  size_t n = strlen(name);
  for (const char *p = strstr(r->head, "\r\n"); p; p = strstr(p, "\r\n")) {
    p += 2;
    if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
      const char *v = p + n + 1;
      while (*v == ' ')
        v++;
      size_t k = strcspn(v, "\r");
      snprintf(dst, cap, "%.*s", (int)k, v);
      return dst;
    }
  }
  return NULL;
}

/* Asserts an error answer: the status, JSON {"error": {code, message}}. */
static inline void expect_error(const response *r, int status,
                                const char *code) {
  if (r->status != status)
    print_error("expected %d, got %d: %s\n", status, r->status,
                r->body ? r->body : "");
  assert_int_equal(r->status, status);
  char ct[64];
  assert_non_null(header(r, "Content-Type", ct, sizeof ct));
  assert_string_equal(ct, "application/json");
  json_t *v = json_loadb(r->body, r->len, 0, NULL);
  assert_non_null(v);
  const char *c =
      json_string_value(json_object_get(json_object_get(v, "error"), "code"));
  const char *m = json_string_value(
      json_object_get(json_object_get(v, "error"), "message"));
  assert_non_null(c);
  assert_non_null(m);
  assert_true(strlen(m) > 0);
  assert_string_equal(c, code);
  json_decref(v);
}

/* Exits 77 (skipped) when the binary was built without libmicrohttpd, 1
 * when it cannot serve for another reason; returns when it serves. */
static inline void skip_without_server(void) {
  server probe;
  if (server_start(&probe, NULL) != 0) {
    if (strstr(probe.errs, "no libmicrohttpd")) {
      printf("skipped: brief was built without libmicrohttpd\n");
      exit(77);
    }
    fprintf(stderr, "cannot start %s serve: %s\n", BRIEF_CLI_PATH, probe.errs);
    exit(1);
  }
  server_stop(&probe, SIGTERM);
  server_cleanup(&probe);
}

#endif
