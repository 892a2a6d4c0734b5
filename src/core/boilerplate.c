/*
 * boilerplate.c - the furniture phrases the extract and clean stages share
 * (see boilerplate.h).
 */
#include "core/boilerplate.h"

#include <stddef.h>

const char *const bf_boilerplate_phrases[] = {"advertisement",
                                              "advertising",
                                              "back to top",
                                              "close",
                                              "comment",
                                              "comments",
                                              "continue reading",
                                              "email",
                                              "follow us",
                                              "loading",
                                              "print",
                                              "read more",
                                              "related",
                                              "related articles",
                                              "related stories",
                                              "share",
                                              "share this",
                                              "share this article",
                                              "share this story",
                                              "skip to content",
                                              "sponsored",
                                              "subscribe",
                                              "tweet",
                                              "video",
                                              "story continues below",
                                              NULL};

const char *const bf_boilerplate_openings[] = {
    "photo:",     "image:",     "related:", "see also:",
    "click here", "share this", NULL};
