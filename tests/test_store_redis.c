/*
 * test_store_redis.c - the desk kept in Redis (src/stories/store_redis.c,
 * follow.c) on a redis-server of the test's own (a free loopback port, a
 * temporary folder, the append-only file on): a writer writes only under
 * the assign lease and on top of the epoch it last saw; readers follow
 * what it writes; rendered briefs are kept by version; a writer opened
 * again goes on with the same stories and versions. Skips only when
 * redis-server is not installed.
 */
#include "helpers.h"

#include "core/redis.h"
#include "stories/desk.h"
#include "stories/store.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STREAM BRIEF_SOURCE_DIR "/examples/stream.jsonl"

static struct {
  pid_t pid;
  int port;
  char dir[128], url[64];
} server;

/* ---- a redis-server of our own
 * ----------------------------------------------- */

static int free_port(void) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = -1;
  if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
      getsockname(fd, (struct sockaddr *)&a, &len) == 0)
    port = ntohs(a.sin_port);
  if (fd >= 0)
    close(fd);
  return port;
}

static int answers(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
  if (fd >= 0)
    close(fd);
  return ok;
}

static int start_server(void) {
  if (system("command -v redis-server >/dev/null 2>&1") != 0)
    return -1;
  server.port = free_port();
  if (server.port < 0 ||
      make_test_dir(server.dir, sizeof server.dir, "redis") != 0)
    return -2;
  snprintf(server.url, sizeof server.url, "redis://127.0.0.1:%d", server.port);
  char port[16], log[200];
  snprintf(port, sizeof port, "%d", server.port);
  snprintf(log, sizeof log, "%s/redis.log", server.dir);
  server.pid = fork();
  if (server.pid == 0) {
    execlp("redis-server", "redis-server", "--port", port, "--bind",
           "127.0.0.1", "--dir", server.dir, "--appendonly", "yes", "--save",
           "", "--logfile", log, (char *)NULL);
    _exit(127);
  }
  for (int i = 0; i < 200 && !answers(server.port); i++) {
    struct timespec t = {0, 50 * 1000 * 1000};
    nanosleep(&t, NULL);
  }
  return answers(server.port) ? 0 : -2;
}

static void stop_server(void) {
  if (server.pid > 0) {
    kill(server.pid, SIGTERM);
    waitpid(server.pid, NULL, 0);
  }
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf %s", server.dir);
  if (server.dir[0] && system(cmd) != 0)
    fprintf(stderr, "could not remove %s\n", server.dir);
}

/* ---- helpers
 * ------------------------------------------------------------------ */

static bf_redis *connect_raw(void) {
  bf_redis_config cfg = {2.0, NULL, NULL, NULL};
  bf_redis *r;
  brief_error err;
  assert_int_equal(bf_redis_open(server.url, &cfg, &r, &err), BRIEF_OK);
  return r;
}

/* Runs a command of NULL-terminated words; returns its reply. */
static redisReply *run(bf_redis *r, ...) {
  bf_cmd c;
  bf_cmd_init(&c);
  va_list ap;
  va_start(ap, r);
  const char *w;
  while ((w = va_arg(ap, const char *)))
    bf_cmd_str(&c, w);
  va_end(ap);
  redisReply *y = NULL;
  brief_error err;
  bf_redis_run(r, &c, &y, &err);
  bf_cmd_free(&c);
  assert_non_null(y);
  return y;
}

static void command(bf_redis *r, const char *a, const char *b, const char *c) {
  bf_reply_free(run(r, a, b, c, (char *)NULL));
}

static brief_status open_writer(const char *token, brief_desk **out,
                                brief_error *err) {
  bf_redis_config cfg = {2.0, NULL, NULL, NULL};
  bf_store *store;
  brief_status st = bf_store_redis_open(server.url, &cfg, 0, &store, err);
  if (st != BRIEF_OK)
    return st;
  if (token)
    bf_store_redis_fence(store, token);
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.in_order = 1;
  return bf_desk_open_store(&o, store, out, err);
}

static brief_desk *open_reader(void) {
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.redis_url = server.url;
  o.redis_retry = 2.0;
  brief_desk *d;
  brief_error err;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_OK);
  return d;
}

static brief_article article(const char *id, const char *text) {
  brief_article a;
  memset(&a, 0, sizeof a);
  a.id = id;
  a.date = "2025-03-12";
  a.text = text;
  a.text_len = strlen(text);
  return a;
}

static void pause_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

static int setup(void **state) {
  (void)state;
  bf_redis *r = connect_raw();
  bf_reply_free(run(r, "FLUSHALL", (char *)NULL));
  command(r, "SET", BF_KEY_LEASE, "t1");
  bf_redis_close(r);
  return 0;
}

/* ---- tests
 * ------------------------------------------------------------------- */

static void test_writes_need_the_lease(void **state) {
  (void)state;
  brief_desk *d;
  brief_error err;
  assert_int_equal(open_writer(NULL, &d, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "no assign lease"));
  assert_int_equal(open_writer("someone-else", &d, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "lost the assign lease"));
  /* A reader of a Redis with no desk yet is told so. */
  brief_desk_options o;
  brief_desk_options_init(&o);
  o.redis_url = server.url;
  assert_int_equal(brief_desk_open(&o, &d, &err), BRIEF_ERR_EMPTY);
}

static void test_writer_and_reader(void **state) {
  (void)state;
  brief_desk *w;
  brief_error err;
  assert_int_equal(open_writer("t1", &w, &err), BRIEF_OK);
  assert_int_equal(brief_desk_add_jsonl(w, STREAM, &err), BRIEF_OK);
  brief_desk *r = open_reader();
  assert_int_equal(brief_desk_article_count(r), 12);
  assert_int_equal(brief_desk_story_count(r), 3);
  char *a, *b;
  assert_int_equal(brief_desk_assignment(w, &a, &err), BRIEF_OK);
  assert_int_equal(brief_desk_assignment(r, &b, &err), BRIEF_OK);
  assert_string_equal(a, b);
  brief_free(a);
  brief_free(b);
  /* Adding to a desk in Redis goes through the workers. */
  brief_article x = article("r1", "A reader cannot add this article.");
  assert_int_equal(brief_desk_add(r, &x, 1, &err), BRIEF_ERR_ARG);
  assert_non_null(strstr(err.message, "brief feed"));
  /* The writer goes on; the reader follows within a moment. */
  brief_article more = article(
      "courier-2", "Fire investigators at Port Kessing said on Thursday the "
                   "grain terminal fire started in a conveyor belt motor.");
  assert_int_equal(brief_desk_add(w, &more, 1, &err), BRIEF_OK);
  pause_ms(BF_DESK_FOLLOW_MS + 20);
  brief_story_list *l;
  assert_int_equal(brief_desk_stories(r, NULL, &l, &err), BRIEF_OK);
  assert_int_equal(brief_desk_article_count(r), 13);
  brief_story_info top;
  assert_int_equal(brief_story_list_get(l, 0, &top), BRIEF_OK);
  assert_int_equal(top.articles, 6); /* the fire story, most recent first */
  brief_story_list_free(l);
  brief_desk_close(r);
  brief_desk_close(w);
}

static void test_lease_and_epoch_fence_writers(void **state) {
  (void)state;
  brief_desk *w1, *w2;
  brief_error err;
  assert_int_equal(open_writer("t1", &w1, &err), BRIEF_OK);
  assert_int_equal(open_writer("t1", &w2, &err), BRIEF_OK);
  brief_article a = article("one", "The first writer writes this article.");
  assert_int_equal(brief_desk_add(w1, &a, 1, &err), BRIEF_OK);
  /* The second saw the desk before that batch: it must not write. */
  brief_article b = article("two", "The second writer tries this article.");
  assert_int_equal(brief_desk_add(w2, &b, 1, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "BRIEFSTATE"));
  brief_desk_close(w2);
  /* The lease moves to another writer: the first must stop. */
  bf_redis *r = connect_raw();
  command(r, "SET", BF_KEY_LEASE, "t2");
  brief_article c = article("three", "The first writer lost its lease.");
  assert_int_equal(brief_desk_add(w1, &c, 1, &err), BRIEF_ERR_IO);
  assert_non_null(strstr(err.message, "lost the assign lease"));
  brief_desk_close(w1);
  bf_redis_close(r);
  brief_desk *d = open_reader();
  assert_int_equal(brief_desk_article_count(d), 1);
  brief_desk_close(d);
}

static void test_reopened_writer_goes_on(void **state) {
  (void)state;
  brief_desk *w;
  brief_error err;
  assert_int_equal(open_writer("t1", &w, &err), BRIEF_OK);
  assert_int_equal(brief_desk_add_jsonl(w, STREAM, &err), BRIEF_OK);
  char *before;
  assert_int_equal(brief_desk_assignment(w, &before, &err), BRIEF_OK);
  brief_story_list *l;
  assert_int_equal(brief_desk_stories(w, NULL, &l, &err), BRIEF_OK);
  brief_story_info first;
  brief_story_list_get(l, 0, &first);
  uint64_t id = first.id, version = first.version;
  brief_story_list_free(l);
  brief_desk_close(w); /* keeps a snapshot */
  assert_int_equal(open_writer("t1", &w, &err), BRIEF_OK);
  char *after;
  assert_int_equal(brief_desk_assignment(w, &after, &err), BRIEF_OK);
  assert_string_equal(before, after);
  assert_int_equal(brief_desk_story(w, id, &l, &err), BRIEF_OK);
  brief_story_list_get(l, 0, &first);
  assert_int_equal(first.version, version);
  brief_story_list_free(l);
  /* Without the snapshot, a replay: the same stories and versions. */
  bf_redis *r = connect_raw();
  bf_reply_free(run(r, "DEL", BF_KEY_SNAPSHOT, (char *)NULL));
  bf_redis_close(r);
  brief_desk_close(w);
  assert_int_equal(open_writer("t1", &w, &err), BRIEF_OK);
  brief_free(after);
  assert_int_equal(brief_desk_assignment(w, &after, &err), BRIEF_OK);
  assert_string_equal(before, after);
  assert_int_equal(brief_desk_story(w, id, &l, &err), BRIEF_OK);
  brief_story_list_get(l, 0, &first);
  assert_true(first.version >= version);
  brief_story_list_free(l);
  brief_free(before);
  brief_free(after);
  brief_desk_close(w);
}

static void test_kept_briefs(void **state) {
  (void)state;
  brief_desk *w;
  brief_error err;
  assert_int_equal(open_writer("t1", &w, &err), BRIEF_OK);
  assert_int_equal(brief_desk_add_jsonl(w, STREAM, &err), BRIEF_OK);
  brief_desk *r = open_reader();
  brief_desk_brief *h;
  uint32_t version, through;
  assert_int_equal(bf_desk_brief_build(r, 1, &h, &version, &through, &err),
                   BRIEF_OK);
  assert_int_equal(through, 12);
  char *json;
  assert_int_equal(brief_desk_brief_render(h, BRIEF_FORMAT_JSON, &json, &err),
                   BRIEF_OK);
  brief_desk_brief_free(h);
  const bf_store_ops *ops = r->store->ops;
  assert_int_equal(ops->put_brief(r->store, 1, version, through, json, &err),
                   BRIEF_OK);
  /* An older brief never replaces a newer one. */
  assert_int_equal(ops->put_brief(r->store, 1, version - 1, 3, "{}", &err),
                   BRIEF_OK);
  char *kept;
  uint32_t kept_version;
  assert_int_equal(ops->get_brief(r->store, 1, &kept_version, &kept, &err),
                   BRIEF_OK);
  assert_int_equal(kept_version, version);
  assert_string_equal(kept, json);
  free(kept);
  assert_int_equal(brief_desk_brief_json(r, 1, 0, &kept, &err), BRIEF_OK);
  assert_string_equal(kept, json);
  brief_free(kept);
  /* The story changes: the kept brief is stale, served so only when
   * asked for. */
  brief_article more = article(
      "courier-2", "Fire investigators at Port Kessing said on Thursday the "
                   "grain terminal fire started in a conveyor belt motor.");
  assert_int_equal(brief_desk_add(w, &more, 1, &err), BRIEF_OK);
  pause_ms(BF_DESK_FOLLOW_MS + 20);
  assert_int_equal(
      brief_desk_brief_json(r, 1, BRIEF_DESK_STALE_OK, &kept, &err), BRIEF_OK);
  assert_non_null(strstr(kept, "\"stale\": true"));
  brief_free(kept);
  assert_int_equal(brief_desk_brief_json(r, 1, 0, &kept, &err), BRIEF_OK);
  assert_non_null(strstr(kept, "\"stale\": false"));
  assert_non_null(strstr(kept, "courier-2"));
  brief_free(kept);
  brief_free(json);
  brief_desk_close(r);
  brief_desk_close(w);
}

int main(void) {
  int st = start_server();
  if (st == -1) {
    printf("skipped: redis-server is not installed (scripts/install-deps.sh "
           "installs it)\n");
    return 77;
  }
  if (st != 0) {
    fprintf(stderr, "redis-server did not start\n");
    stop_server();
    return 1;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_writes_need_the_lease, setup),
      cmocka_unit_test_setup(test_writer_and_reader, setup),
      cmocka_unit_test_setup(test_lease_and_epoch_fence_writers, setup),
      cmocka_unit_test_setup(test_reopened_writer_goes_on, setup),
      cmocka_unit_test_setup(test_kept_briefs, setup),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  stop_server();
  return failed;
}
