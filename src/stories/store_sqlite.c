/*
 * store_sqlite.c - the story desk's store in an embedded SQLite file (see
 * store.h).
 *
 * Owns the schema and every statement. A file is checked before anything
 * is written to it: it must be empty, or a database whose application id
 * is brief's and whose schema version this build reads. The journal is
 * WAL, so readers (a second connection, used for article texts) never wait
 * for the writer, and a batch is one transaction: a process killed at any
 * moment leaves the last committed batch.
 */
#include "stories/store.h"

#include "core/corpus.h"
#include "core/error.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
  APPLICATION_ID = 0x62726966, /* "brif" */
  SCHEMA_VERSION = 1,
  BUSY_MS = 2000 /* how long to wait for another process's lock */
};

static const char schema[] =
    "CREATE TABLE articles ("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE,"
    " source TEXT NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL,"
    " date TEXT NOT NULL,"
    " day INTEGER,"
    " seen INTEGER NOT NULL,"
    " story INTEGER NOT NULL,"
    " dup_of INTEGER,"
    " centrality REAL NOT NULL,"
    " text TEXT NOT NULL);"
    "CREATE INDEX articles_by_story ON articles(story, seq);"
    "CREATE TABLE stories ("
    " id INTEGER PRIMARY KEY,"
    " version INTEGER NOT NULL,"
    " merged_into INTEGER,"
    " headline TEXT NOT NULL,"
    " headline_from_title INTEGER NOT NULL,"
    " articles INTEGER NOT NULL, outlets INTEGER NOT NULL,"
    " first_day INTEGER, last_day INTEGER,"
    " first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,"
    " names TEXT NOT NULL);"
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE snapshot ("
    " k INTEGER PRIMARY KEY CHECK (k = 1),"
    " articles INTEGER NOT NULL,"
    " state BLOB NOT NULL);";

enum stmt {
  ST_BEGIN,
  ST_COMMIT,
  ST_ROLLBACK,
  ST_PUT_ARTICLE,
  ST_PUT_STORY,
  ST_MOVE,
  ST_SET_STORY,
  ST_SET,
  ST_PUT_SNAPSHOT,
  ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "INSERT INTO articles (seq, id, source, url, title, date, day, seen,"
    " story, dup_of, centrality, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT OR REPLACE INTO stories (id, version, merged_into, headline,"
    " headline_from_title, articles, outlets, first_day, last_day, first_seq,"
    " last_seq, names) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
    "UPDATE articles SET story = ? WHERE story = ?",
    "UPDATE articles SET story = ? WHERE seq = ?",
    "INSERT OR REPLACE INTO settings (key, value) VALUES (?,?)",
    "INSERT OR REPLACE INTO snapshot (k, articles, state) VALUES (1,?,?)"};

typedef struct sqlite_store {
  bf_store base;
  sqlite3 *db;     /* the writer's connection */
  sqlite3 *reader; /* texts for reader threads */
  pthread_mutex_t reader_lock;
  sqlite3_stmt *stmt[ST_COUNT];
  sqlite3_stmt *text_stmt;
  char path[400];
  char setting_value[64];
  int read_only;
} sqlite_store;

static brief_status db_fail(sqlite_store *s, sqlite3 *db, brief_error *err,
                            const char *what) {
  int code = sqlite3_extended_errcode(db) & 0xff;
  brief_status status = BRIEF_ERR_IO;
  const char *why = sqlite3_errmsg(db);
  if (code == SQLITE_NOTADB)
    return bf_fail(err, BRIEF_ERR_PARSE, "%s: not a brief database", s->path);
  if (code == SQLITE_IOERR)
    why = "the disk refused a write (full, or failing)";
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    why = "the database is locked by another process";
  else if (code == SQLITE_FULL)
    why = "the disk is full";
  else if (code == SQLITE_READONLY)
    why = "the database is read-only";
  else if (code == SQLITE_CORRUPT)
    status = BRIEF_ERR_PARSE, why = "the database is damaged";
  else if (code == SQLITE_NOMEM)
    status = BRIEF_ERR_NOMEM;
  return bf_fail(err, status, "%s: %s: %s", s->path, what, why);
}

static brief_status exec(sqlite_store *s, const char *sql, const char *what,
                         brief_error *err) {
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(s, s->db, err, what);
  return BRIEF_OK;
}

/* An integer PRAGMA's value, or -1 when it cannot be read. */
static long pragma_int(sqlite3 *db, const char *sql) {
  sqlite3_stmt *q;
  long v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(q) == SQLITE_ROW)
    v = (long)sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return v;
}

/* Refuses a database that is not brief's or is newer than this build;
 * sets *fresh for an empty one. Reads only. */
static brief_status check_database(sqlite_store *s, int *fresh,
                                   brief_error *err) {
  long tables = pragma_int(s->db, "SELECT count(*) FROM sqlite_master");
  if (tables < 0)
    return db_fail(s, s->db, err, "cannot open");
  long app = pragma_int(s->db, "PRAGMA application_id");
  long version = pragma_int(s->db, "PRAGMA user_version");
  *fresh = tables == 0 && app == 0;
  if (*fresh)
    return BRIEF_OK;
  if (app != APPLICATION_ID)
    return bf_fail(err, BRIEF_ERR_PARSE,
                   "%s: not a brief database (another application's SQLite "
                   "file)",
                   s->path);
  if (version > SCHEMA_VERSION)
    return bf_fail(err, BRIEF_ERR_UNSUPPORTED,
                   "%s: written by a newer brief (schema %ld; this brief reads "
                   "up to %d)",
                   s->path, version, SCHEMA_VERSION);
  return BRIEF_OK;
}

static brief_status create_schema(sqlite_store *s, brief_error *err) {
  char sql[sizeof schema + 200];
  snprintf(sql, sizeof sql,
           "BEGIN IMMEDIATE;%sPRAGMA application_id = %d;"
           "PRAGMA user_version = %d;COMMIT;",
           schema, APPLICATION_ID, SCHEMA_VERSION);
  brief_status st = exec(s, sql, "cannot create the schema", err);
  if (st != BRIEF_OK)
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

static brief_status prepare_all(sqlite_store *s, brief_error *err) {
  for (int i = 0; i < ST_COUNT && !s->read_only; i++)
    if (sqlite3_prepare_v2(s->db, stmt_sql[i], -1, &s->stmt[i], NULL) !=
        SQLITE_OK)
      return db_fail(s, s->db, err, "cannot prepare");
  if (sqlite3_prepare_v2(s->reader, "SELECT text FROM articles WHERE seq = ?",
                         -1, &s->text_stmt, NULL) != SQLITE_OK)
    return db_fail(s, s->reader, err, "cannot prepare");
  return BRIEF_OK;
}

/* ---- batches ------------------------------------------------------------ */

static brief_status run(sqlite_store *s, enum stmt which, const char *what,
                        brief_error *err) {
  sqlite3_stmt *q = s->stmt[which];
  int rc = sqlite3_step(q);
  sqlite3_reset(q);
  sqlite3_clear_bindings(q);
  if (rc != SQLITE_DONE)
    return db_fail(s, s->db, err, what);
  return BRIEF_OK;
}

static brief_status writable(sqlite_store *s, brief_error *err) {
  if (s->read_only)
    return bf_fail(err, BRIEF_ERR_IO, "%s: opened read-only", s->path);
  return BRIEF_OK;
}

static brief_status sql_begin(bf_store *st, brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  brief_status status = writable(s, err);
  return status != BRIEF_OK ? status : run(s, ST_BEGIN, "cannot write", err);
}

static void bind_text(sqlite3_stmt *q, int i, const char *v) {
  sqlite3_bind_text(q, i, v ? v : "", -1, SQLITE_STATIC);
}

static brief_status sql_put_article(bf_store *st, const bf_stored_article *a,
                                    brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_stmt *q = s->stmt[ST_PUT_ARTICLE];
  sqlite3_bind_int64(q, 1, a->seq);
  bind_text(q, 2, a->id);
  bind_text(q, 3, a->source);
  bind_text(q, 4, a->url);
  bind_text(q, 5, a->title);
  bind_text(q, 6, a->date);
  if (a->day != BF_NO_DAY)
    sqlite3_bind_int64(q, 7, a->day);
  sqlite3_bind_int64(q, 8, a->seen);
  sqlite3_bind_int64(q, 9, a->story);
  if (a->dup_of)
    sqlite3_bind_int64(q, 10, a->dup_of);
  sqlite3_bind_double(q, 11, a->centrality);
  sqlite3_bind_text(q, 12, a->text, (int)a->len, SQLITE_STATIC);
  return run(s, ST_PUT_ARTICLE, "cannot store an article", err);
}

static brief_status sql_put_story(bf_store *st, const bf_stored_story *x,
                                  brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_stmt *q = s->stmt[ST_PUT_STORY];
  sqlite3_bind_int64(q, 1, x->id);
  sqlite3_bind_int64(q, 2, x->version);
  if (x->merged_into)
    sqlite3_bind_int64(q, 3, x->merged_into);
  bind_text(q, 4, x->headline);
  sqlite3_bind_int(q, 5, x->headline_from_title);
  sqlite3_bind_int64(q, 6, x->articles);
  sqlite3_bind_int64(q, 7, x->outlets);
  if (x->first_day != BF_NO_DAY)
    sqlite3_bind_int64(q, 8, x->first_day);
  if (x->last_day != BF_NO_DAY)
    sqlite3_bind_int64(q, 9, x->last_day);
  sqlite3_bind_int64(q, 10, x->first_seq);
  sqlite3_bind_int64(q, 11, x->last_seq);
  bind_text(q, 12, x->names);
  return run(s, ST_PUT_STORY, "cannot store a story", err);
}

static brief_status sql_move(bf_store *st, uint32_t from, uint32_t into,
                             brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_bind_int64(s->stmt[ST_MOVE], 1, into);
  sqlite3_bind_int64(s->stmt[ST_MOVE], 2, from);
  return run(s, ST_MOVE, "cannot merge stories", err);
}

static brief_status sql_set_story_of(bf_store *st, uint32_t seq, uint32_t story,
                                     brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_bind_int64(s->stmt[ST_SET_STORY], 1, story);
  sqlite3_bind_int64(s->stmt[ST_SET_STORY], 2, seq);
  return run(s, ST_SET_STORY, "cannot re-assign an article", err);
}

static brief_status sql_commit(bf_store *st, brief_error *err) {
  return run((sqlite_store *)st, ST_COMMIT, "cannot commit", err);
}

static void sql_rollback(bf_store *st) {
  sqlite_store *s = (sqlite_store *)st;
  if (!sqlite3_get_autocommit(s->db)) {
    sqlite3_step(s->stmt[ST_ROLLBACK]);
    sqlite3_reset(s->stmt[ST_ROLLBACK]);
  }
}

/* ---- reading ------------------------------------------------------------ */

static brief_status sql_text(bf_store *st, uint32_t seq, char **out,
                             size_t *len, brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  brief_status status = BRIEF_OK;
  pthread_mutex_lock(&s->reader_lock);
  sqlite3_bind_int64(s->text_stmt, 1, seq);
  int rc = sqlite3_step(s->text_stmt);
  if (rc == SQLITE_ROW) {
    const char *t = (const char *)sqlite3_column_text(s->text_stmt, 0);
    size_t n = (size_t)sqlite3_column_bytes(s->text_stmt, 0);
    *out = malloc(n + 1);
    if (*out) {
      memcpy(*out, t ? t : "", n);
      (*out)[n] = '\0';
      *len = n;
    } else {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    }
  } else if (rc == SQLITE_DONE) {
    status = bf_fail(err, BRIEF_ERR_ARG, "%s: no article %u", s->path, seq);
  } else {
    status = db_fail(s, s->reader, err, "cannot read an article");
  }
  sqlite3_reset(s->text_stmt);
  pthread_mutex_unlock(&s->reader_lock);
  return status;
}

static const char *column(sqlite3_stmt *q, int i) {
  const char *v = (const char *)sqlite3_column_text(q, i);
  return v ? v : "";
}

static int32_t optional_day(sqlite3_stmt *q, int i) {
  return sqlite3_column_type(q, i) == SQLITE_NULL
             ? BF_NO_DAY
             : (int32_t)sqlite3_column_int64(q, i);
}

static brief_status load_stories(sqlite_store *s, const bf_store_loader *l,
                                 brief_error *err) {
  sqlite3_stmt *q;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT id, version, merged_into, headline, "
                         "headline_from_title, articles, outlets, first_day, "
                         "last_day, first_seq, last_seq, names FROM stories "
                         "ORDER BY id",
                         -1, &q, NULL) != SQLITE_OK)
    return db_fail(s, s->db, err, "cannot read stories");
  brief_status status = BRIEF_OK;
  int rc;
  while (status == BRIEF_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    bf_stored_story x;
    x.id = (uint32_t)sqlite3_column_int64(q, 0);
    x.version = (uint32_t)sqlite3_column_int64(q, 1);
    x.merged_into = (uint32_t)sqlite3_column_int64(q, 2);
    x.headline = column(q, 3);
    x.headline_from_title = sqlite3_column_int(q, 4);
    x.articles = (uint32_t)sqlite3_column_int64(q, 5);
    x.outlets = (uint32_t)sqlite3_column_int64(q, 6);
    x.first_day = optional_day(q, 7);
    x.last_day = optional_day(q, 8);
    x.first_seq = (uint32_t)sqlite3_column_int64(q, 9);
    x.last_seq = (uint32_t)sqlite3_column_int64(q, 10);
    x.names = column(q, 11);
    status = l->story(l->ctx, &x, err);
  }
  if (status == BRIEF_OK && rc != SQLITE_DONE)
    status = db_fail(s, s->db, err, "cannot read stories");
  sqlite3_finalize(q);
  return status;
}

static brief_status load_articles(sqlite_store *s, const bf_store_loader *l,
                                  uint32_t texts_from, brief_error *err) {
  sqlite3_stmt *q;
  const char *sql = "SELECT seq, id, source, url, title, date, day, seen, "
                    "story, dup_of, centrality, CASE WHEN ?1 > 0 AND seq >= "
                    "?1 THEN text END FROM articles ORDER BY seq";
  if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
    return db_fail(s, s->db, err, "cannot read articles");
  sqlite3_bind_int64(q, 1, texts_from);
  brief_status status = BRIEF_OK;
  int rc;
  while (status == BRIEF_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    bf_stored_article a;
    a.seq = (uint32_t)sqlite3_column_int64(q, 0);
    a.id = column(q, 1);
    a.source = column(q, 2);
    a.url = column(q, 3);
    a.title = column(q, 4);
    a.date = column(q, 5);
    a.day = optional_day(q, 6);
    a.seen = sqlite3_column_int64(q, 7);
    a.story = (uint32_t)sqlite3_column_int64(q, 8);
    a.dup_of = (uint32_t)sqlite3_column_int64(q, 9);
    a.centrality = (float)sqlite3_column_double(q, 10);
    int has_text = sqlite3_column_type(q, 11) != SQLITE_NULL;
    a.text = has_text ? column(q, 11) : NULL;
    a.len = has_text ? (size_t)sqlite3_column_bytes(q, 11) : 0;
    status = l->article(l->ctx, &a, err);
  }
  if (status == BRIEF_OK && rc != SQLITE_DONE)
    status = db_fail(s, s->db, err, "cannot read articles");
  sqlite3_finalize(q);
  return status;
}

static brief_status sql_load(bf_store *st, const bf_store_loader *l,
                             uint32_t texts_from, brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  /* One read transaction: stories and articles from the same commit. */
  if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(s, s->db, err, "cannot read");
  brief_status status = load_stories(s, l, err);
  if (status == BRIEF_OK)
    status = load_articles(s, l, texts_from, err);
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  return status;
}

static brief_status sql_put_snapshot(bf_store *st, uint32_t articles,
                                     const void *data, size_t len,
                                     brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_bind_int64(s->stmt[ST_PUT_SNAPSHOT], 1, articles);
  sqlite3_bind_blob64(s->stmt[ST_PUT_SNAPSHOT], 2, data, len, SQLITE_STATIC);
  return run(s, ST_PUT_SNAPSHOT, "cannot store the desk's state", err);
}

static brief_status sql_get_snapshot(bf_store *st, uint32_t *articles,
                                     void **data, size_t *len,
                                     brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_stmt *q;
  *articles = 0;
  *data = NULL;
  *len = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT articles, state FROM snapshot", -1, &q,
                         NULL) != SQLITE_OK)
    return db_fail(s, s->db, err, "cannot read the desk's state");
  brief_status status = BRIEF_OK;
  if (sqlite3_step(q) == SQLITE_ROW) {
    size_t n = (size_t)sqlite3_column_bytes(q, 1);
    *data = malloc(n ? n : 1);
    if (!*data) {
      status = bf_fail(err, BRIEF_ERR_NOMEM, "desk: out of memory");
    } else {
      memcpy(*data, sqlite3_column_blob(q, 1), n);
      *len = n;
      *articles = (uint32_t)sqlite3_column_int64(q, 0);
    }
  }
  sqlite3_finalize(q);
  return status;
}

static const char *sql_setting(bf_store *st, const char *key) {
  sqlite_store *s = (sqlite_store *)st;
  sqlite3_stmt *q;
  const char *found = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT value FROM settings WHERE key = ?", -1,
                         &q, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(q) == SQLITE_ROW) {
    snprintf(s->setting_value, sizeof s->setting_value, "%s", column(q, 0));
    found = s->setting_value;
  }
  sqlite3_finalize(q);
  return found;
}

static brief_status sql_set_setting(bf_store *st, const char *key,
                                    const char *value, brief_error *err) {
  sqlite_store *s = (sqlite_store *)st;
  brief_status status = writable(s, err);
  if (status != BRIEF_OK)
    return status;
  bind_text(s->stmt[ST_SET], 1, key);
  bind_text(s->stmt[ST_SET], 2, value);
  return run(s, ST_SET, "cannot store a setting", err);
}

static void sql_close(bf_store *st) {
  sqlite_store *s = (sqlite_store *)st;
  for (int i = 0; i < ST_COUNT; i++)
    sqlite3_finalize(s->stmt[i]);
  sqlite3_finalize(s->text_stmt);
  sqlite3_close(s->reader);
  sqlite3_close(s->db);
  pthread_mutex_destroy(&s->reader_lock);
  free(s);
}

static const bf_store_ops sqlite_ops = {
    .begin = sql_begin,
    .put_article = sql_put_article,
    .put_story = sql_put_story,
    .move_articles = sql_move,
    .set_story_of = sql_set_story_of,
    .commit = sql_commit,
    .rollback = sql_rollback,
    .text = sql_text,
    .load = sql_load,
    .put_snapshot = sql_put_snapshot,
    .get_snapshot = sql_get_snapshot,
    .setting = sql_setting,
    .set_setting = sql_set_setting,
    .close = sql_close,
};

/* ---- opening ------------------------------------------------------------ */

static brief_status open_connection(sqlite_store *s, sqlite3 **db, int flags,
                                    brief_error *err) {
  if (sqlite3_open_v2(s->path, db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK) {
    if (!*db)
      return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", s->path);
    return db_fail(s, *db, err, "cannot open");
  }
  sqlite3_busy_timeout(*db, BUSY_MS);
  return BRIEF_OK;
}

static brief_status open_both(sqlite_store *s, brief_error *err) {
  int rw = s->read_only ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  brief_status st = open_connection(s, &s->db, rw, err);
  int fresh = 0;
  if (st == BRIEF_OK)
    st = check_database(s, &fresh, err);
  if (st == BRIEF_OK && fresh && s->read_only)
    st = bf_fail(err, BRIEF_ERR_EMPTY, "%s: no stories yet (empty database)",
                 s->path);
  if (st == BRIEF_OK && !s->read_only)
    st = exec(s, "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
              "cannot open", err);
  if (st == BRIEF_OK && fresh)
    st = create_schema(s, err);
  if (st == BRIEF_OK)
    st = open_connection(s, &s->reader, SQLITE_OPEN_READONLY, err);
  if (st == BRIEF_OK)
    st = prepare_all(s, err);
  return st;
}

brief_status bf_store_sqlite_open(const char *path, int read_only,
                                  bf_store **out, brief_error *err) {
  *out = NULL;
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
    return bf_fail(err, BRIEF_ERR_IO, "%s: not a regular file", path);
  if (read_only && stat(path, &sb) != 0)
    return bf_fail(err, BRIEF_ERR_IO, "%s: %s", path, strerror(errno));
  sqlite_store *s = calloc(1, sizeof *s);
  if (!s)
    return bf_fail(err, BRIEF_ERR_NOMEM, "%s: out of memory", path);
  s->base.ops = &sqlite_ops;
  s->base.durable = 1;
  s->read_only = read_only;
  snprintf(s->path, sizeof s->path, "%s", path);
  pthread_mutex_init(&s->reader_lock, NULL);
  brief_status st = open_both(s, err);
  if (st != BRIEF_OK) {
    sql_close(&s->base);
    return st;
  }
  *out = &s->base;
  bf_ok(err);
  return BRIEF_OK;
}
