/*
 * desk.h - the story desk behind the server: what POST /v1/articles, GET
 * /v1/stories, /v1/stories/{id} and /v1/stories/{id}/articles answer, the
 * events they publish (events.h), and the worker thread that rebuilds the
 * briefs of the stories that changed. Through the public brief_desk API
 * only, with no socket: the fuzz target drives it as the server does.
 *
 * Threads: one thread posts at a time (the server's writer); any number
 * read at once, and a read never waits for a post or a brief rebuild: it
 * gets the story's last brief, marked stale, while the refresher rebuilds
 * it.
 */
#ifndef BRIEF_SERVER_DESK_H
#define BRIEF_SERVER_DESK_H

#include "events.h"
#include "handlers.h"
#include "request.h"

#include <stddef.h>
#include <stdint.h>

/* Stories and articles a page lists, by default and at most. */
enum {
  SRV_STORIES_PAGE = 50,
  SRV_STORIES_PAGE_MAX = 500,
  SRV_ARTICLES_PAGE = 100,
  SRV_ARTICLES_PAGE_MAX = 1000
};

/* The refresher's nice value: rebuilding briefs yields the cores to the
 * reads and the posts, and still goes on under load. */
enum { SRV_REFRESHER_NICE = 10 };

typedef struct srv_desk srv_desk;

typedef struct srv_desk_config {
  const char *db_path;   /* SQLite file to open or create; NULL: in memory */
  size_t history;        /* events kept for clients that reconnect */
  size_t max_streams;    /* event streams open at once */
  uint64_t epoch;        /* names this run in event ids */
  int refresher;         /* non-zero: a thread rebuilds changed briefs (with
                            redis_url: follows what the workers write) */
  const char *redis_url; /* instead of db_path: the desk brief's workers
                            keep in Redis, followed; posts are fed to it */
} srv_desk_config;

/* Opens the desk (the database's problems are the library's messages)
 * and, when asked, starts the refresher. A desk in Redis that the workers
 * have not made yet is served empty until they do. NULL with `err` filled
 * on failure. */
srv_desk *srv_desk_open(const srv_desk_config *cfg, brief_error *err);

/* Stops the refresher and closes the desk. Every event stream must have
 * ended. NULL is accepted. */
void srv_desk_close(srv_desk *sd);

/* The events the desk publishes. Borrowed. */
srv_events *srv_desk_events(srv_desk *sd);

/* Articles the desk holds. */
size_t srv_desk_articles(srv_desk *sd);

/* POST /v1/articles: {"articles": [...]} in, up to lim->max_articles;
 * {"articles": [{"id", "story", "new_story"} or {"id", "skipped"}, ...],
 * "added", "skipped", "warnings"} out, in the order given. Publishes a
 * "merged" event per merge and a "story" event per story touched.
 * On a desk in Redis the articles are fed to the workers instead, all or
 * none: 202 {"articles": [{"id", "queued": true}, ...], "queued"}; the
 * events come when the desk followed sees them assigned. */
void srv_desk_post(srv_desk *sd, const char *body, size_t len,
                   const srv_limits *lim, srv_reply *out);

/* The desk's reads: `route` one of SRV_ROUTE_STORIES, _STORY,
 * _STORY_ARTICLES; `story` the {id}; `query` the target's query as sent
 * (percent-encoded, without '?'). */
void srv_desk_get(srv_desk *sd, srv_route route, uint64_t story,
                  const char *query, srv_reply *out);

#endif
