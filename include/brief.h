/*
 * brief.h - the whole public API of libbrief.
 *
 * brief turns many news articles about one story into one cited brief: a
 * short non-redundant summary whose every sentence names the sources that
 * carry it, plus the figures, quotes, names and dates the sources report.
 *
 * Conventions, stated once here and relied on at every declaration:
 *   - Every fallible call returns a brief_status and, when `err` is not NULL,
 *     fills it with the same status and a one-line readable message.
 *   - Objects are opaque. Whatever a `_new` or `**out` call hands you is yours
 *     and is released with the matching `_free`. Strings returned by accessors
 *     are borrowed: they stay valid until the object they came from is freed.
 *   - No global mutable state. Separate objects may be used from separate
 *     threads at once; one object must not be used by two threads at once.
 */
#ifndef BRIEF_H
#define BRIEF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BRIEF_VERSION "0.1.0"

/* Inputs larger than these are refused with BRIEF_ERR_TOO_LARGE. */
#define BRIEF_MAX_ARTICLE_BYTES ((size_t)16 << 20) /* one article: 16 MiB */
#define BRIEF_MAX_STORY_BYTES ((size_t)1 << 30)    /* one story: 1 GiB */
#define BRIEF_MAX_ARTICLES 200000u
/* A web page whose elements nest deeper than this is refused (news pages
 * nest about 40 deep; browsers flatten past 512). */
#define BRIEF_MAX_HTML_DEPTH 1024u

/* The largest word budget brief_options_check accepts. */
#define BRIEF_MAX_WORDS 1000000

/* The longest question a summary answers (brief_options.query), in bytes.
 * A longer one is cut after its last whole word within the limit, and the
 * story gets a warning that says so. */
#define BRIEF_MAX_QUERY_BYTES 1024

/* Where WordNet's files are read from when no other folder is given: the
 * facts stage's names (index.noun, index.adj) and ROUGE-1.5.5's exception
 * lists (*.exc). Debian's wordnet-base installs them here. */
#define BRIEF_WORDNET_DIR "/usr/share/wordnet"

typedef enum brief_status {
  BRIEF_OK = 0,
  BRIEF_ERR_NOMEM,      /* allocation failed */
  BRIEF_ERR_ARG,        /* invalid argument or option */
  BRIEF_ERR_IO,         /* file could not be read or written */
  BRIEF_ERR_UTF8,       /* text is not valid UTF-8 */
  BRIEF_ERR_BINARY,     /* input looks like binary data */
  BRIEF_ERR_TOO_LARGE,  /* input over a documented limit */
  BRIEF_ERR_EMPTY,      /* nothing to work on */
  BRIEF_ERR_PARSE,      /* malformed JSON, JSONL, TSV or HTML */
  BRIEF_ERR_UNSUPPORTED /* feature not built in */
} brief_status;

typedef struct brief_error {
  brief_status status;
  char message[512];
} brief_error;

/* A static, readable name for a status ("invalid UTF-8", ...). */
const char *brief_status_string(brief_status status);

/* The library version string, BRIEF_VERSION of the build. */
const char *brief_version(void);

/* Releases memory that a brief_* call handed to the caller as a plain
 * pointer (rendered text, for example). NULL is accepted. */
void brief_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Validation helpers (shared by every face that reads bytes).              */

/* Checks that `len` bytes are text brief can read: not UTF-16
 * (BRIEF_ERR_UTF8, the message says UTF-16), no NUL or other binary control
 * bytes (BRIEF_ERR_BINARY) and valid UTF-8 (BRIEF_ERR_UTF8, the message
 * names the byte offset). `name` is used in the message. */
brief_status brief_check_text(const char *name, const char *data, size_t len,
                              brief_error *err);

/* Reads all of `path` ("-" is standard input) into a NUL-terminated buffer
 * the caller releases with brief_free; refuses more than `max` bytes
 * (BRIEF_ERR_TOO_LARGE), and a named path that is not a regular file (a
 * FIFO, a device, a folder: BRIEF_ERR_IO, at once). On failure *out is
 * untouched and `err` names the file and the problem. The bytes are not
 * checked: see brief_check_text. */
brief_status brief_read_file(const char *path, size_t max, char **out,
                             size_t *len, brief_error *err);

/* ------------------------------------------------------------------------ */
/* Stories: one corpus per story.                                           */

typedef struct brief_story brief_story;

/* One input article. Every field is borrowed for the duration of the call
 * and copied; NULL fields are unknown. Give `text` (plain UTF-8) or `html`
 * (a saved web page, any declared charset); if both are given, `text` wins.
 * `date` is ISO 8601 ("2018-07-05", "2018-07-05T10:00:00Z") when known;
 * one brief cannot read leaves the article undated, with a warning. */
typedef struct brief_article {
  const char *id;     /* unique within the story; defaults to "1", "2", ... */
  const char *source; /* outlet name, e.g. "AFP" */
  const char *url;
  const char *title;
  const char *date;
  const char *text;
  size_t text_len;
  const char *html;
  size_t html_len;
} brief_article;

/* A new, empty story. The caller owns it: release with brief_story_free.
 * Returns NULL only when memory is exhausted. */
brief_story *brief_story_new(void);

/* Releases the story and everything borrowed from it. NULL is accepted. */
void brief_story_free(brief_story *story);

/* Validates, copies and cleans one article. Bad input is refused with a
 * status and message. An article with no text left after cleaning is not an
 * error: it is skipped with a warning (see brief_story_warning). */
brief_status brief_story_add(brief_story *story, const brief_article *article,
                             brief_error *err);

/* What a story may cost, for callers that build it from input they do not
 * trust (brief serve caps every request with the defaults below). With a
 * cap, brief_story_add refuses an article that would take the story past
 * `max_words` words (as counted after cleaning), and brief_summarize and
 * brief_facts_extract refuse a story of more than `max_sentences`
 * sentences, before the costly stages; both with BRIEF_ERR_TOO_LARGE and a
 * message naming the limit. 0 means no cap, the default of a new story.
 * Working memory grows with both: about 140 bytes per word of input. */
typedef struct brief_story_limits {
  size_t max_words;
  size_t max_sentences;
} brief_story_limits;

#define BRIEF_REQUEST_MAX_WORDS 250000u
#define BRIEF_REQUEST_MAX_SENTENCES 20000u

/* Sets the story's caps; call before adding articles. */
void brief_story_set_limits(brief_story *story,
                            const brief_story_limits *limits);

/* Warnings collected while adding articles (skipped empty articles, pages
 * with no article text...) and summarizing (no sentence fit for a summary).
 * Borrowed strings. */
size_t brief_story_warning_count(const brief_story *story);
const char *brief_story_warning(const brief_story *story, size_t i);

/* Articles kept in the story, in the order they were added. */
size_t brief_story_article_count(const brief_story *story);

/* A read-only view of one kept article; all strings are borrowed from the
 * story and never NULL (unknown fields are ""). `text` is the cleaned text
 * every span in a summary or facts result points into. */
typedef struct brief_article_view {
  const char *id;
  const char *source;
  const char *url;
  const char *title;
  const char *date; /* normalised "YYYY-MM-DD" or "" */
  const char *text;
  size_t text_len;
  size_t sentence_count; /* 0 until the story has been analysed */
  size_t word_count;
} brief_article_view;

brief_status brief_story_article(const brief_story *story, size_t i,
                                 brief_article_view *out);

/* ------------------------------------------------------------------------ */
/* Summaries.                                                               */

typedef enum brief_format {
  BRIEF_FORMAT_TEXT = 0,
  BRIEF_FORMAT_JSON,
  BRIEF_FORMAT_MARKDOWN
} brief_format;

typedef enum brief_selector {
  BRIEF_SELECT_GREEDY = 0, /* lazy greedy on the coverage objective */
  BRIEF_SELECT_LEAD,       /* baseline: first sentences of the latest article */
  BRIEF_SELECT_RR_OLDEST,  /* baseline: round-robin leads, oldest first */
  BRIEF_SELECT_RR_NEWEST   /* baseline: round-robin leads, newest first */
} brief_selector;

/* Options for summaries and facts. Initialise with brief_options_init, then
 * change what you need. */
typedef struct brief_options {
  int words;               /* word budget, 1..BRIEF_MAX_WORDS; default 250 */
  int auto_words;          /* non-zero: predict the budget from the input */
  int facts;               /* non-zero: the caller asks for the facts too
                              (`--facts`, the API's "facts"); the library
                              only echoes it in JSON: brief_render shows
                              the facts it is given */
  brief_selector selector; /* default BRIEF_SELECT_GREEDY */
  double dup_threshold;    /* near-duplicate similarity, 0..1; default 0.5 */
  int compress;            /* non-zero: light sentence compression */
  int min_sentence_words;  /* shorter sentences are not selected; default 6 */
  int max_sentence_words;  /* longer sentences are not selected; default 60 */
  const char *wordnet_dir; /* facts: the folder of WordNet's index.noun,
                              data.noun and index.adj; NULL (default):
                              BRIEF_WORDNET_DIR. Borrowed for the call. */
  const char *query;       /* NULL (default): a generic brief. Otherwise
                              the question the brief answers, UTF-8 with
                              at least one word (BRIEF_ERR_ARG when blank):
                              what it names and what the story says
                              beside it weigh more, and the facts keep
                              what bears on it. Only its first
                              BRIEF_MAX_QUERY_BYTES bytes are read. When
                              none of its words is in the story the brief
                              is generic and the story gets a warning.
                              Borrowed for the call. */
  const struct brief_wordnet *wordnet; /* WordNet already open
                              (brief_wordnet_open), for a caller that
                              summarizes many stories; NULL (default): each
                              call opens wordnet_dir itself. Borrowed for
                              the call; wordnet_dir is then not read. */
} brief_options;

void brief_options_init(brief_options *opts);

/* WordNet's files, open for the lookups a summary and the facts make
 * (names, synonyms, capitals). A call given none opens and maps them
 * itself; a caller that summarizes many stories opens them once and gives
 * the handle to every call in brief_options.wordnet, so the files are
 * opened and their pages mapped once. Never changed once open: unlike
 * other objects, one handle may serve any number of calls on any number of
 * threads at once. */
typedef struct brief_wordnet brief_wordnet;

/* Opens WordNet in `dir` (NULL: BRIEF_WORDNET_DIR): index.noun, data.noun
 * and index.adj are needed, the verb files and exception lists read when
 * present. BRIEF_ERR_IO, with a message naming the folder, when they
 * cannot be opened. On success `*out` is the caller's: release with
 * brief_wordnet_close once no call uses it. */
brief_status brief_wordnet_open(const char *dir, brief_wordnet **out,
                                brief_error *err);

/* Releases the handle. NULL is accepted. */
void brief_wordnet_close(brief_wordnet *wordnet);

/* Checks an options struct; BRIEF_ERR_ARG with a message when a value is
 * out of range (a budget of 0 or fewer words, for example). */
brief_status brief_options_check(const brief_options *opts, brief_error *err);

typedef struct brief_summary brief_summary;

/* Summarizes the story. On success `*out` is the caller's: release with
 * brief_summary_free, before or after the story (the summary keeps no
 * pointer into it). BRIEF_ERR_EMPTY when the story has no article. A
 * summary with no sentence is not an error: the story gets a warning. */
brief_status brief_summarize(brief_story *story, const brief_options *opts,
                             brief_summary **out, brief_error *err);

void brief_summary_free(brief_summary *summary);

size_t brief_summary_sentence_count(const brief_summary *summary);
size_t brief_summary_word_count(const brief_summary *summary);

/* How an outlet stands behind a summary sentence. */
typedef enum brief_support {
  BRIEF_SUPPORT_FULL = 0, /* it states all of the sentence, in any words */
  BRIEF_SUPPORT_PARTIAL,  /* it states part of the sentence */
  BRIEF_SUPPORT_CONFLICT  /* it gives another figure for the sentence's
                             own figure ("270,000" against "320,000") */
} brief_support;

/* "full", "partial" or "conflict". */
const char *brief_support_name(brief_support support);

/* One outlet's stand on a summary sentence, with the sentences of its text
 * that say so: one, or two when it splits the sentence's facts over two.
 * For a conflict the span is the sentence with the other figure. */
typedef struct brief_support_view {
  size_t article; /* index of the outlet's article */
  brief_support support;
  double share;            /* of the sentence's content it states, 0..1 */
  size_t span_count;       /* 1 or 2 */
  size_t start[2], end[2]; /* byte spans in that article's text */
} brief_support_view;

/* A relative time in a summary sentence ("on Wednesday", "yesterday",
 * "four days ago", "last month"), resolved against the date of the
 * sentence's article. */
typedef struct brief_time_view {
  size_t start, end; /* byte span of the words in the sentence's `text` */
  const char *date;  /* "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when the
                        article's date is unknown */
  const char *shown; /* how the brief shows the date after the words
                        ("July 4", "June 2018", "2017"); "" when unknown */
} brief_time_view;

/* A view of one summary sentence, in reading order. Everything it points
 * to is owned by the summary. `text` may be a compressed form of the
 * article sentence. `sources` lists the articles stating all of the
 * sentence, in any words: the one it was taken from first, then by index.
 * `partial_sources` (by index) state part of it and `conflict_sources`
 * give another figure for its figure; neither is among `sources`.
 * `support` has one entry per article in those three lists, the sentence's
 * own article first, then by index. */
typedef struct brief_sentence_view {
  const char *text;
  size_t text_len;
  size_t article;  /* index of the article the text was taken from */
  size_t position; /* 0-based sentence index within that article */
  size_t start;    /* byte span of the sentence in that article's text */
  size_t end;
  double score; /* selection gain when chosen */
  const size_t *sources;
  size_t source_count;
  const size_t *partial_sources;
  size_t partial_count;
  const size_t *conflict_sources;
  size_t conflict_count;
  const brief_support_view *support;
  size_t support_count;
  const brief_time_view *times; /* in text order */
  size_t time_count;
} brief_sentence_view;

brief_status brief_summary_sentence(const brief_summary *summary, size_t i,
                                    brief_sentence_view *out);

/* ------------------------------------------------------------------------ */
/* Facts: figures, quotes, entities, timeline (see src/facts).              */

typedef struct brief_facts brief_facts;

/* Extracts facts from the story. On success `*out` is the caller's: release
 * with brief_facts_free (before the story: facts borrow its text). Of
 * `opts` (NULL: defaults) only `wordnet`, `wordnet_dir` and `query` are
 * read: with a question, only the facts of sentences that hold one of its
 * words are kept (a figure group when one of its figures is, the names
 * mentioned there and the speakers of kept quotes). Without WordNet the
 * facts still come, with people, places and organisations told apart by
 * cue words only, and the story gets a warning that says so. */
brief_status brief_facts_extract(brief_story *story, const brief_options *opts,
                                 brief_facts **out, brief_error *err);

void brief_facts_free(brief_facts *facts);

/* Every view below is filled by the facts object. Pointers with a `_len`
 * are borrowed from the story's article text (not NUL-terminated; "" with
 * length 0 when absent); other strings and arrays are owned by the facts.
 * All stay valid until brief_facts_free. Article numbers are indices into
 * the story (brief_story_article); `sources` arrays are ascending. */

typedef enum brief_verdict {
  BRIEF_VERDICT_SINGLE = 0, /* reported by one article only */
  BRIEF_VERDICT_AGREE,      /* every article gives the same number */
  BRIEF_VERDICT_RANGE,      /* different but compatible numbers */
  BRIEF_VERDICT_CONFLICT    /* two articles give incompatible numbers */
} brief_verdict;

/* "single", "agree", "range" or "conflict". */
const char *brief_verdict_name(brief_verdict verdict);

/* A group of figures about one measure ("people displaced"), across
 * articles. */
typedef struct brief_figure_group_view {
  const char *measure; /* readable label, "" when unknown */
  const char *unit;    /* "" for a count, "percent", "sq km", "$", ... */
  brief_verdict verdict;
  size_t figure_count; /* brief_facts_figure(facts, i, 0..figure_count-1) */
  const size_t *sources;
  size_t source_count;
} brief_figure_group_view;

/* One figure as one article reports it. `low` and `high` bound what it
 * claims given its qualifier ("nearly 150" is 150 with low < 150). */
typedef struct brief_figure_view {
  double value;          /* the number as written (the first of a range) */
  double low, high;      /* a range's ends; both `value` otherwise */
  int is_range;          /* "between 270,000 and 330,000" */
  const char *qualifier; /* "", "nearly", "more than", "at least", ... */
  const char *unit;      /* as in the group */
  const char *text;      /* the figure as written: "more than 320,000" */
  size_t text_len;
  const char *noun; /* head noun phrase: "civilian fatalities" */
  size_t noun_len;
  const char *verb; /* the verb it goes with: "displaced", "killed" */
  size_t verb_len;
  const char *span; /* time span: "in 15 hours", "since June 19" */
  size_t span_len;
  const char *attribution; /* "according to the United Nations" */
  size_t attribution_len;
  size_t article;
  size_t sentence;                     /* 0-based position in the article */
  size_t sentence_start, sentence_end; /* byte span of that sentence */
  size_t start, end;                   /* byte span of `text` */
} brief_figure_view;

size_t brief_facts_figure_group_count(const brief_facts *facts);
brief_status brief_facts_figure_group(const brief_facts *facts, size_t i,
                                      brief_figure_group_view *out);
brief_status brief_facts_figure(const brief_facts *facts, size_t group,
                                size_t k, brief_figure_view *out);

/* A direct quote, merged across the articles that carry it. */
typedef struct brief_quote_view {
  const char *text; /* the longest form, without its quotation marks */
  size_t text_len;
  const char *speaker;   /* resolved name, or "" when unknown */
  const char *said_by;   /* the words naming the speaker ("he", "Safadi") */
  size_t speaker_entity; /* index for brief_facts_entity, or SIZE_MAX */
  int partial;           /* a fragment inside reported speech */
  size_t article;        /* where `text` was taken from */
  size_t start, end;     /* byte span of `text` in that article */
  size_t mention_count;
  const size_t *sources;
  size_t source_count;
} brief_quote_view;

size_t brief_facts_quote_count(const brief_facts *facts);
brief_status brief_facts_quote(const brief_facts *facts, size_t i,
                               brief_quote_view *out);

typedef enum brief_entity_type {
  BRIEF_ENTITY_OTHER = 0,
  BRIEF_ENTITY_PERSON,
  BRIEF_ENTITY_ORGANIZATION,
  BRIEF_ENTITY_PLACE
} brief_entity_type;

/* "other", "person", "organization" or "place". */
const char *brief_entity_type_name(brief_entity_type type);

/* A person, organisation or place, with its spelling variants and short
 * forms merged ("Jabawi", "al-Jabbawi"; "the Observatory"). */
typedef struct brief_entity_view {
  const char *name;
  brief_entity_type type;
  const char *const *variants; /* other forms seen, most frequent first;
                                  for a person, then the surname alone
                                  ("Abazeed" for "Hussein Abazeed") */
  size_t variant_count;
  size_t mention_count;
  const size_t *sources;
  const size_t *source_mentions; /* mentions in each of `sources` */
  size_t source_count;
} brief_entity_view;

size_t brief_facts_entity_count(const brief_facts *facts);
brief_status brief_facts_entity(const brief_facts *facts, size_t i,
                                brief_entity_view *out);

/* A dated event: every mention of one date, in date order. */
typedef struct brief_event_view {
  const char *date;       /* "YYYY-MM-DD", "YYYY-MM", "YYYY"; "" unresolved */
  const char *expression; /* as first written: "June 19", "on Wednesday" */
  size_t expression_len;
  const char *text; /* the sentence of the first mention */
  size_t text_len;
  size_t article, sentence; /* first mention: article, position */
  size_t mention_count;
  const size_t *sources;
  size_t source_count;
} brief_event_view;

size_t brief_facts_event_count(const brief_facts *facts);
brief_status brief_facts_event(const brief_facts *facts, size_t i,
                               brief_event_view *out);

/* ------------------------------------------------------------------------ */
/* Rendering.                                                               */

/* Renders a summary (and facts, when not NULL) of `story` as text, JSON or
 * markdown. On success `*out` is a NUL-terminated string the caller releases
 * with brief_free. `opts` is echoed in the JSON output; it may be NULL.
 * `warnings` are the caller's own (`warning_count` of them, borrowed for
 * the call; NULL when there are none): JSON lists them after the story's
 * warnings. Text and markdown show no warnings. */
brief_status brief_render(const brief_story *story,
                          const brief_summary *summary,
                          const brief_facts *facts, const brief_options *opts,
                          const char *const *warnings, size_t warning_count,
                          brief_format format, char **out, brief_error *err);

/* Renders facts alone. Same ownership as brief_render. */
brief_status brief_render_facts(const brief_story *story,
                                const brief_facts *facts, brief_format format,
                                char **out, brief_error *err);

/* ------------------------------------------------------------------------ */
/* Reading inputs: files, folders, JSONL, split texts (src/pipeline/ingest). */

typedef struct brief_ingest_options {
  const char *split; /* non-NULL: each file holds articles separated by this */
  size_t max_bytes;  /* per file; 0 means BRIEF_MAX_ARTICLE_BYTES */
} brief_ingest_options;

/* Adds `path` to the story: a file (.txt, .html/.htm by extension or
 * content), a folder (its .txt/.html files, sorted by name), or "-" for
 * standard input. Article ids default to file names without extension.
 * A named file, also one listed in a folder, must be a regular file: a
 * FIFO, device or folder is refused with BRIEF_ERR_IO and a message saying
 * what it is (a pipe's data comes as standard input). */
brief_status brief_story_add_path(brief_story *story, const char *path,
                                  const brief_ingest_options *opts,
                                  brief_error *err);

/* Adds every line of a JSONL file (a regular file, or "-" for standard
 * input): objects with "text" or "html" and the optional fields "id",
 * "source", "url", "title", "date". Errors name the file and line number.
 * A date brief cannot read, and the first field it does not know, are
 * warnings (brief_story_warning), not errors. */
brief_status brief_story_add_jsonl(brief_story *story, const char *path,
                                   brief_error *err);

/* brief_story_add for an article read from a larger input (a JSONL line, a
 * request's array): an error message names it as `where`
 * ("feed.jsonl:7", "articles[2]"), followed by its id when it has one.
 * Warnings name it by id, as brief_story_add's do. */
brief_status brief_story_add_at(brief_story *story,
                                const brief_article *article, const char *where,
                                brief_error *err);

/* ------------------------------------------------------------------------ */
/* HTML extraction (src/extract).                                           */

typedef struct brief_page brief_page;

/* Extracts the main article of a saved web page. On success `*out` is the
 * caller's: release with brief_page_free. A page with no article text gives
 * BRIEF_OK and an empty text plus a warning; so does text found only by a
 * fallback (the JSON-LD body, page-state JSON, the densest text region),
 * with a warning naming it. Pages over BRIEF_MAX_ARTICLE_BYTES or nested
 * deeper than BRIEF_MAX_HTML_DEPTH are refused with BRIEF_ERR_TOO_LARGE,
 * bytes that look binary with BRIEF_ERR_BINARY; `name` names the page in
 * messages. */
brief_status brief_extract_html(const char *html, size_t len, const char *name,
                                brief_page **out, brief_error *err);

void brief_page_free(brief_page *page);

/* Borrowed from the page, never NULL ("" when unknown). `text` is UTF-8 with
 * one paragraph per line; the headline is in `title`, not repeated in
 * `text`. */
typedef struct brief_page_view {
  const char *text;
  size_t text_len;
  const char *title;
  const char *byline;
  const char *date; /* "YYYY-MM-DD" or "" */
  const char *site_name;
  const char *canonical_url;
  const char *language;
  const char *warning; /* "" or why the text is empty or from a fallback */
  const char *name;    /* the `name` given to brief_extract_html */
  const char *charset; /* the encoding the bytes were read as */
  size_t word_count;
  size_t paragraph_count;
} brief_page_view;

void brief_page_view_get(const brief_page *page, brief_page_view *out);

/* What brief_render_page writes of a page besides its text. */
typedef enum brief_page_parts {
  BRIEF_PAGE_TEXT = 0,         /* text: the article alone, a paragraph a line */
  BRIEF_PAGE_METADATA = 1 << 0 /* text: "key: value" lines and a blank line
                                  above it (title, byline, date, site, url,
                                  language, warning) */
} brief_page_parts;

/* Renders an extracted page; caller frees with brief_free. The text format
 * writes the article alone unless `parts` has BRIEF_PAGE_METADATA, so it
 * pipes into other tools; JSON always writes every field, markdown the title
 * as a heading and the byline, date and site line above the paragraphs. */
brief_status brief_render_page(const brief_page *page, brief_format format,
                               unsigned parts, char **out, brief_error *err);

/* ------------------------------------------------------------------------ */
/* ROUGE evaluation (src/eval).                                             */

typedef enum brief_rouge_flavour {
  BRIEF_ROUGE_SCORE = 0, /* Google rouge_score: NLTK Porter, F1 */
  BRIEF_ROUGE_155        /* ROUGE-1.5.5: Porter + WordNet exceptions, -f A */
} brief_rouge_flavour;

typedef struct brief_rouge_options {
  brief_rouge_flavour flavour;
  int stem;  /* non-zero (default): stem tokens longer than 3 characters */
  int words; /* > 0: cut candidate and references to this many words, as
                ROUGE-1.5.5 -l does (whitespace words, lines kept whole
                while under the limit); 0 (default): no cut */
  const char *wordnet_dir; /* BRIEF_ROUGE_155 with stem: the folder of
                              WordNet's {adj,adv,noun,verb}.exc; NULL
                              (default): the build's WordNet folder.
                              Borrowed during brief_rouge_new only. */
} brief_rouge_options;

/* Defaults: BRIEF_ROUGE_SCORE, stemming on, no cut. */
void brief_rouge_options_init(brief_rouge_options *opts);

typedef struct brief_prf {
  double p, r, f;
} brief_prf;

typedef struct brief_rouge_scores {
  brief_prf r1, r2, rl, rlsum;
  brief_prf su4; /* BRIEF_ROUGE_155 only (0 otherwise): ROUGE-SU4 as
                    ROUGE-1.5.5 -2 4 -u counts it, skip-bigrams with at
                    most 4 tokens between the two, plus unigrams */
} brief_rouge_scores;

typedef struct brief_rouge brief_rouge;

/* A scorer (stemmer state and exception lists). The caller owns it: release
 * with brief_rouge_free. One scorer per thread. `opts` NULL means defaults.
 * BRIEF_ERR_IO when the 155 flavour cannot read the WordNet lists. */
brief_status brief_rouge_new(const brief_rouge_options *opts, brief_rouge **out,
                             brief_error *err);

/* Releases a scorer and everything it holds. NULL is accepted. */
void brief_rouge_free(brief_rouge *rouge);

/* Scores one candidate against `nrefs` (>= 1) references: NUL-terminated
 * UTF-8, sentences on separate lines (bytes that are not UTF-8 only
 * separate words). Fills `out` (the caller's). BRIEF_ROUGE_SCORE: each
 * metric is taken from the reference with the best F, as rouge_score's
 * score_multi does. BRIEF_ROUGE_155: matches and counts are summed over the
 * references (-f A), values are rounded to 5 decimals like ROUGE's output,
 * su4 is filled and rl and rlsum are 0 (the reference settings use -x). */
brief_status brief_rouge_score(brief_rouge *rouge, const char *candidate,
                               const char *const *refs, size_t nrefs,
                               brief_rouge_scores *out, brief_error *err);

/* ------------------------------------------------------------------------ */
/* The story desk: a stream of articles grouped into stories, each with its */
/* brief kept current (src/stories).                                        */

/* A story brief is built from at most this many of the story's articles:
 * the ones that represent it best and the newest, so a brief costs about
 * the same at 50 articles and at 5,000. */
#define BRIEF_DESK_BRIEF_ARTICLES 40u
/* ...and of at most this many words (after cleaning), the most wanted
 * articles first, so a few very long articles cannot make a brief cost
 * more than this (about 14 MB of working memory at the peak). */
#define BRIEF_DESK_BRIEF_WORDS 100000u
/* Articles a desk holds at most. */
#define BRIEF_DESK_MAX_ARTICLES 50000000u
/* The default idle window: a story with no article for this many days of
 * stream time stops taking new articles (it stays readable). */
#define BRIEF_DESK_WINDOW_DAYS 7.0

typedef struct brief_desk brief_desk;

typedef struct brief_desk_options {
  const char *db_path;      /* SQLite file to open or create; NULL: in memory */
  const char *redis_url;    /* instead: the desk brief's workers keep in Redis
                               (see "Scaling out" below), only read; NULL */
  double redis_retry;       /* seconds to keep trying an unreachable Redis */
  int read_only;            /* non-zero: only read an existing database */
  double window_days;       /* idle window; 0: stories never go idle. A
                               database keeps the window it was created with */
  int merge;                /* non-zero (default): merge converged stories */
  int in_order;             /* non-zero: assign articles in the order given,
                               never re-sorted by date within a batch (the
                               order brief's distributed assigner keeps) */
  brief_options brief;      /* options of the briefs the desk builds; its
                               `wordnet`, when given, is read until the desk
                               closes, else the desk opens WordNet once for
                               all its briefs */
  size_t brief_words;       /* words a story's brief reads at most; 0 (default):
                               BRIEF_DESK_BRIEF_WORDS */
  size_t max_article_words; /* an article longer than this (after
                               cleaning) is skipped; 0 (default): no cap */
} brief_desk_options;

/* Defaults: in memory, BRIEF_DESK_WINDOW_DAYS, merging on, date order,
 * BRIEF_REDIS_RETRY_SECONDS, brief defaults. */
void brief_desk_options_init(brief_desk_options *opts);

/* Opens a desk. With db_path, the stories, articles and state of an
 * existing database are read back and the stream continues where it was
 * left. A file that is not a brief database, or was written by a newer
 * brief, is refused untouched (BRIEF_ERR_PARSE, BRIEF_ERR_UNSUPPORTED).
 * With redis_url, the desk in that Redis is read back (BRIEF_ERR_EMPTY
 * when there is none yet) and every read call follows what the workers
 * write meanwhile; adding is refused (feed articles with brief_feed_add).
 * An unreachable Redis is retried for redis_retry seconds (BRIEF_ERR_IO);
 * one older than 6.2 is refused (BRIEF_ERR_UNSUPPORTED).
 * On success `*out` is the caller's: release with brief_desk_close. */
brief_status brief_desk_open(const brief_desk_options *opts, brief_desk **out,
                             brief_error *err);

/* Releases the desk. Everything added has been stored already. */
void brief_desk_close(brief_desk *desk);

/* What happened to one article given to the desk, and story events. Strings
 * are borrowed for the duration of the callback. */
typedef enum brief_desk_event_kind {
  BRIEF_DESK_ASSIGNED = 0, /* an article joined `story` (new_story: it
                              started it; copy_of: it copies that article) */
  BRIEF_DESK_SKIPPED,      /* an article was not added: `message` says why */
  BRIEF_DESK_MERGED,       /* story `other` joined story `story` */
  BRIEF_DESK_WARNING       /* a note on the input: `message` */
} brief_desk_event_kind;

typedef struct brief_desk_event {
  brief_desk_event_kind kind;
  const char *article_id; /* ASSIGNED, SKIPPED; NULL otherwise */
  uint64_t story;         /* ASSIGNED, MERGED */
  uint64_t other;         /* MERGED: the story that joined */
  int new_story;          /* ASSIGNED */
  const char *copy_of;    /* ASSIGNED: id of the article this one copies */
  const char *message;    /* SKIPPED, WARNING */
} brief_desk_event;

/* Called by the adding thread, after each batch is stored, once per event
 * of that batch in order. NULL stops the calls. */
typedef void (*brief_desk_listener)(void *ctx, const brief_desk_event *event);
void brief_desk_set_listener(brief_desk *desk, brief_desk_listener fn,
                             void *ctx);

/* Adds a batch of articles: each is checked, cleaned and assigned to a
 * story in date order (undated articles keep their place and take the time
 * of the article before them), then the batch is stored at once. An
 * article whose id the desk already holds, or with no text left, is
 * skipped with an event. Bad input (invalid UTF-8, over a limit) fails the
 * whole batch before anything is stored. One thread adds at a time; others
 * may read meanwhile, and wait at most for one article's assignment. */
brief_status brief_desk_add(brief_desk *desk, const brief_article *articles,
                            size_t n, brief_error *err);

/* Why an article given to the desk was not added. */
typedef enum brief_desk_skip {
  BRIEF_DESK_KEPT = 0,   /* it was added */
  BRIEF_DESK_SKIP_EMPTY, /* no article text left after cleaning */
  BRIEF_DESK_SKIP_KNOWN, /* the desk already holds its id (also an id
                            given twice in one batch: the second) */
  BRIEF_DESK_SKIP_LONG   /* over the desk's max_article_words */
} brief_desk_skip;

/* A static, readable reason ("the desk already has this id"); "" for
 * BRIEF_DESK_KEPT. */
const char *brief_desk_skip_reason(brief_desk_skip skip);

/* What became of one article of a batch. */
typedef struct brief_desk_result {
  brief_desk_skip skipped; /* BRIEF_DESK_KEPT when it was added */
  uint64_t story;          /* the story it is in once the batch is stored
                              (merges made by the batch resolved); 0 when
                              skipped */
  int new_story;           /* it is that story's first article */
} brief_desk_result;

/* brief_desk_add, telling the caller what became of each article:
 * results[i] (the caller's array of n) for articles[i]. The events still
 * go to the listener. On failure the results are unspecified. */
brief_status brief_desk_add_results(brief_desk *desk,
                                    const brief_article *articles, size_t n,
                                    brief_desk_result *results,
                                    brief_error *err);

/* Adds every article of a file, folder or "-" (as brief_story_add_path) or
 * of a JSONL file (as brief_story_add_jsonl), in batches. Unknown JSONL
 * fields (a gold "story" label, say) are ignored. */
brief_status brief_desk_add_path(brief_desk *desk, const char *path,
                                 const brief_ingest_options *opts,
                                 brief_error *err);
brief_status brief_desk_add_jsonl(brief_desk *desk, const char *path,
                                  brief_error *err);

/* Counts, for progress reports. */
size_t brief_desk_article_count(const brief_desk *desk);
size_t brief_desk_story_count(const brief_desk *desk);

/* Days of a story's activity counted in brief_story_info.activity. */
#define BRIEF_STORY_ACTIVITY_DAYS 30

/* One story as listed. Strings are borrowed from the list it came from. */
typedef struct brief_story_info {
  uint64_t id;
  const char *headline;
  size_t articles;
  size_t outlets;           /* distinct sources (or web hosts) */
  const char *first_date;   /* "YYYY-MM-DD" of its earliest dated article,
                               or "" */
  const char *last_date;    /* of its latest */
  int64_t first_seen;       /* when the desk received its first and latest */
  int64_t last_seen;        /* article, in seconds since 1970 (UTC) */
  uint64_t last_arrival;    /* the arrival number (1-based, across the
                               desk) of its latest article */
  const char *const *names; /* its most mentioned names, most first */
  size_t name_count;
  uint64_t version; /* grows with every change to the story */
  int active;       /* still takes new articles */
  int conflicts;    /* figure conflicts in its last brief; -1 when
                       no brief was built yet */
  /* Its articles per day over the BRIEF_STORY_ACTIVITY_DAYS days that end
   * on `activity_last` ("YYYY-MM-DD"), oldest day first. An article counts
   * on its date; undated, on the stream's newest date when it came (the
   * day it was received if no article had a date). One older than the
   * window is not counted. */
  const uint32_t *activity;
  const char *activity_last;
} brief_story_info;

/* A snapshot of stories, most recently active first. The caller owns it:
 * release with brief_story_list_free. */
typedef struct brief_story_list brief_story_list;

/* Which stories to list, most recently active first. Zeroed: all. */
typedef struct brief_story_query {
  const char *since;   /* "YYYY-MM-DD": stories with an article dated on or
                          after it; NULL or "": any */
  uint64_t after;      /* stories whose latest article has a higher arrival
                          number; 0: any */
  uint64_t before;     /* stories whose latest article has a lower arrival
                          number; 0: any. The last_arrival of a page's last
                          story gives the next page, steady while the
                          stream goes on */
  const uint64_t *ids; /* only these stories (merged-away ones resolved);
                          NULL: any */
  size_t id_count;
  const char *match; /* stories whose headline or names contain this,
                        ignoring case; NULL or "": any */
  size_t offset;     /* skip this many of the matching stories */
  size_t limit;      /* at most this many; 0: no limit */
} brief_story_query;

/* Lists the stories matching `q` (NULL: all). Merged-away stories are not
 * listed. BRIEF_ERR_ARG for a malformed `since`. */
brief_status brief_desk_stories(brief_desk *desk, const brief_story_query *q,
                                brief_story_list **out, brief_error *err);
size_t brief_story_list_count(const brief_story_list *list);
/* Stories in the desk matching the query, before limit and offset. */
size_t brief_story_list_total(const brief_story_list *list);
brief_status brief_story_list_get(const brief_story_list *list, size_t i,
                                  brief_story_info *out);
void brief_story_list_free(brief_story_list *list);

/* One story's fields, in a list of one. BRIEF_ERR_ARG for an unknown id;
 * a merged-away id gives the story it joined. */
brief_status brief_desk_story(brief_desk *desk, uint64_t id,
                              brief_story_list **out, brief_error *err);

/* The articles of a story, in arrival order, as a story object whose
 * article views (brief_story_article) give their fields and cleaned text.
 * The caller owns it: release with brief_story_free. */
brief_status brief_desk_story_articles(brief_desk *desk, uint64_t id,
                                       brief_story **out, brief_error *err);

/* The articles of a story as the desk lists them, without their texts:
 * a snapshot the caller owns (brief_article_list_free). */
typedef struct brief_article_list brief_article_list;

/* One listed article. Strings are borrowed from the list, never NULL
 * (unknown fields are ""). */
typedef struct brief_desk_article_info {
  const char *id, *source, *url, *title;
  const char *date;    /* "YYYY-MM-DD" or "" */
  int64_t seen;        /* when the desk received it, seconds since 1970 */
  uint64_t arrival;    /* its arrival number across the desk */
  const char *copy_of; /* id of the article it copies, or "" */
} brief_desk_article_info;

/* The articles of story `id` (a merged-away id gives the story it joined),
 * newest arrival first: those that arrived before arrival number `before`
 * (0: from the newest), at most `limit` (0: all). BRIEF_ERR_ARG for an
 * unknown id. Reads no text: a page of a story of any size costs the same. */
brief_status brief_desk_article_list(brief_desk *desk, uint64_t id,
                                     uint64_t before, size_t limit,
                                     brief_article_list **out,
                                     brief_error *err);
size_t brief_article_list_count(const brief_article_list *list);
/* The story's articles stored, before `before` and `limit`. */
size_t brief_article_list_total(const brief_article_list *list);
/* The story the list is of (a merged-away id resolved). */
uint64_t brief_article_list_story(const brief_article_list *list);
brief_status brief_article_list_get(const brief_article_list *list, size_t i,
                                    brief_desk_article_info *out);
void brief_article_list_free(brief_article_list *list);

/* Renders an article list: one line each (text), a table (markdown), or
 * {"story": ID, "articles": [...], "total": N} (JSON). Caller frees *out
 * with brief_free. */
brief_status brief_render_article_list(const brief_article_list *list,
                                       brief_format format, char **out,
                                       brief_error *err);

/* A story's brief: summary and facts built from a bounded set of its
 * articles. Immutable; the caller owns its handle (brief_desk_brief_free);
 * it stays valid after the desk changes or closes. */
typedef struct brief_desk_brief brief_desk_brief;

enum brief_desk_brief_flags {
  BRIEF_DESK_STALE_OK = 1 << 0 /* return the last brief at once, marked
                                  stale, rather than rebuild it now */
};

/* The brief of story `id` with the desk's brief options, or with `opts`
 * when not NULL (briefs with other options are built, never cached). A
 * brief built since the story last changed is returned at once; else it
 * is rebuilt now, unless flags has BRIEF_DESK_STALE_OK and an older brief
 * exists: that one is returned, marked stale, and never waits for a
 * rebuild another thread is doing. */
brief_status brief_desk_brief_get(brief_desk *desk, uint64_t id,
                                  const brief_options *opts, int flags,
                                  brief_desk_brief **out, brief_error *err);

/* Rebuilds up to `max` stale cached briefs (0: all), the most recently
 * changed first; *rebuilt (may be NULL) is how many. For a worker thread.
 * A desk on Redis first takes in what the workers wrote since the last
 * call (the listener hears of it as of articles added). */
brief_status brief_desk_refresh(brief_desk *desk, size_t max, size_t *rebuilt,
                                brief_error *err);

void brief_desk_brief_free(brief_desk_brief *brief);

/* The brief of story `id` with the desk's options, rendered as JSON (as
 * brief_desk_brief_render renders it). On a desk in Redis, the one brief's
 * workers stored when it is current, or with BRIEF_DESK_STALE_OK the last
 * stored, marked stale; built here otherwise. On other desks, the brief of
 * brief_desk_brief_get. The caller frees *out with brief_free. */
brief_status brief_desk_brief_json(brief_desk *desk, uint64_t id, int flags,
                                   char **out, brief_error *err);

/* Whether the brief the desk keeps for story `id` (merged-away ids
 * resolved) was built at the story's version now: on a desk in Redis, the
 * one brief's workers stored (only its version is read); on other desks,
 * the cached one. BRIEF_ERR_ARG for an unknown id. */
brief_status brief_desk_brief_current(brief_desk *desk, uint64_t id,
                                      int *current, brief_error *err);

/* On a desk in Redis, takes in what the workers wrote since the last look
 * now (reads do, at most every 100 ms); the listener hears of
 * the new articles and merges, from the calling thread. On other desks,
 * nothing. */
brief_status brief_desk_follow(brief_desk *desk, brief_error *err);

/* Non-zero when the story has changed since the brief was built. */
int brief_desk_brief_stale(const brief_desk_brief *brief);
/* The story (its fields when the brief was built). Borrowed strings. */
void brief_desk_brief_info(const brief_desk_brief *brief,
                           brief_story_info *out);
/* The brief's parts, for the views of brief_summary and brief_facts.
 * Borrowed; facts is NULL unless the options asked for facts. */
const brief_story *brief_desk_brief_story(const brief_desk_brief *brief);
const brief_summary *brief_desk_brief_summary(const brief_desk_brief *brief);
const brief_facts *brief_desk_brief_facts(const brief_desk_brief *brief);
/* The options the brief was built with. Borrowed. */
const brief_options *brief_desk_brief_options(const brief_desk_brief *brief);

/* Renders the brief as text, markdown or JSON (the JSON of brief_render plus
 * "story" and "stale"). The caller frees *out with brief_free. */
brief_status brief_desk_brief_render(const brief_desk_brief *brief,
                                     brief_format format, char **out,
                                     brief_error *err);

/* Renders a list of stories: one line each (text), a table (markdown), or
 * {"stories": [...], "total": N} (JSON). Caller frees *out (brief_free). */
brief_status brief_render_story_list(const brief_story_list *list,
                                     brief_format format, char **out,
                                     brief_error *err);

/* Renders the articles of a story object (brief_desk_story_articles): one
 * line each, or {"articles": [...]} without their texts (JSON). */
brief_status brief_render_articles(const brief_story *story,
                                   brief_format format, char **out,
                                   brief_error *err);

/* The desk's assignment: one "article_id<TAB>story_id" line per article, in
 * arrival order, each with the story it belongs to now (after merges).
 * The caller frees *out with brief_free. */
brief_status brief_desk_assignment(brief_desk *desk, char **out,
                                   brief_error *err);

/* ------------------------------------------------------------------------ */
/* Scaling out: the desk over Redis Streams (src/scale).                    */
/*
 * Articles fed to Redis (brief_feed_*) are ingested by any number of
 * workers, assigned to stories by one active assigner while others stand
 * by, and briefed by any number of workers; a desk opened with redis_url
 * reads the result. Delivery is at least once and every write idempotent,
 * so a worker may die at any moment without an article lost or counted
 * twice. Streams, keys and guarantees: docs/scale.md.
 */

/* Defaults of the workers and the feed. */
#define BRIEF_REDIS_RETRY_SECONDS 30.0 /* keep trying an unreachable Redis */
#define BRIEF_FEED_MAX_BACKLOG                                                 \
  10000u                             /* articles waiting to be ingested        \
                                        before the feed waits */
#define BRIEF_WORKER_BATCH 64u       /* stream entries read at once */
#define BRIEF_WORKER_LEASE_MS 10000u /* the active assigner's lease */
#define BRIEF_WORKER_CLAIM_MS                                                  \
  30000u /* an entry left pending this long by                                 \
            its worker is claimed by another */
#define BRIEF_WORKER_DELIVERIES                                                \
  5u /* deliveries before an entry that                                        \
        keeps failing is dead-lettered */

/* Where workers and the feed say what they do: one line, no newline. */
typedef void (*brief_log_fn)(void *ctx, const char *line);

typedef enum brief_worker_role {
  BRIEF_ROLE_INGEST = 1 << 0, /* articles -> features (any number) */
  BRIEF_ROLE_ASSIGN = 1 << 1, /* features -> stories (one active) */
  BRIEF_ROLE_BRIEF = 1 << 2,  /* story updates -> briefs (any number) */
  BRIEF_ROLE_ALL = 7
} brief_worker_role;

typedef struct brief_worker_options {
  const char *redis_url;   /* redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] */
  unsigned roles;          /* brief_worker_role bits; one thread each */
  const char *name;        /* consumer name; NULL: HOST-PID */
  unsigned batch;          /* BRIEF_WORKER_BATCH */
  unsigned lease_ms;       /* BRIEF_WORKER_LEASE_MS */
  unsigned claim_ms;       /* BRIEF_WORKER_CLAIM_MS */
  unsigned deliveries;     /* BRIEF_WORKER_DELIVERIES */
  double retry_seconds;    /* BRIEF_REDIS_RETRY_SECONDS */
  brief_desk_options desk; /* window and merging of a new desk (a desk
                              keeps those it was created with) and the
                              briefs' options; the paths are not read */
  brief_log_fn log;        /* NULL: silent */
  void *log_ctx;
} brief_worker_options;

void brief_worker_options_init(brief_worker_options *opts);

typedef struct brief_worker brief_worker;

/* Checks the options and connects. The caller owns *out: release with
 * brief_worker_free (after brief_worker_run has returned). */
brief_status brief_worker_new(const brief_worker_options *opts,
                              brief_worker **out, brief_error *err);

/* Works until brief_worker_stop, then finishes the entries in hand (or
 * leaves them to be claimed) and returns BRIEF_OK; or returns an error
 * when Redis stays unreachable past retry_seconds. */
brief_status brief_worker_run(brief_worker *worker, brief_error *err);

/* Asks a running worker to stop. Safe from a signal handler. */
void brief_worker_stop(brief_worker *worker);

void brief_worker_free(brief_worker *worker);

typedef struct brief_feed_options {
  const char *redis_url;
  size_t max_backlog;   /* BRIEF_FEED_MAX_BACKLOG */
  double retry_seconds; /* BRIEF_REDIS_RETRY_SECONDS */
  brief_log_fn log;     /* NULL: silent */
  void *log_ctx;
} brief_feed_options;

void brief_feed_options_init(brief_feed_options *opts);

typedef struct brief_feed brief_feed;

/* Connects. The caller owns *out: release with brief_feed_close. */
brief_status brief_feed_open(const brief_feed_options *opts, brief_feed **out,
                             brief_error *err);

/* Queues articles for the ingest workers, in order, waiting (never
 * dropping) while max_backlog articles wait already. An article without
 * an id, or without text and html, or with a field over its limit, is
 * refused (BRIEF_ERR_ARG, BRIEF_ERR_TOO_LARGE) before any article of the
 * call is queued. Articles are checked and cleaned by the workers;
 * one they cannot read goes to the dead letters with its error. */
brief_status brief_feed_add(brief_feed *feed, const brief_article *articles,
                            size_t n, brief_error *err);

/* The same for every article of a file, folder or "-", or of a JSONL file
 * (as brief_desk_add_path and brief_desk_add_jsonl read them). */
brief_status brief_feed_add_path(brief_feed *feed, const char *path,
                                 const brief_ingest_options *opts,
                                 brief_error *err);
brief_status brief_feed_add_jsonl(brief_feed *feed, const char *path,
                                  brief_error *err);

/* Sends what is queued; articles queued so far. */
brief_status brief_feed_flush(brief_feed *feed, brief_error *err);
size_t brief_feed_count(const brief_feed *feed);

/* Flushes (best effort: call brief_feed_flush to know) and releases. */
void brief_feed_close(brief_feed *feed);

/* ------------------------------------------------------------------------ */
/* Scoring a clustering (src/eval/clusters.c).                              */

typedef struct brief_cluster_scores {
  brief_prf pairwise; /* over all pairs of items (Miranda et al. 2018) */
  brief_prf bcubed;   /* per item, averaged (Bagga and Baldwin 1998) */
  size_t items, clusters, gold_clusters;
} brief_cluster_scores;

/* Scores `predicted` cluster labels against `gold` labels, one of each per
 * item (any 64-bit values; equal values mean one cluster). A precision or
 * recall with nothing to count (no pair predicted) is 1. Fills `out` (the
 * caller's). BRIEF_ERR_EMPTY when n is 0. */
brief_status brief_cluster_score(size_t n, const uint64_t *gold,
                                 const uint64_t *predicted,
                                 brief_cluster_scores *out, brief_error *err);

#ifdef __cplusplus
}
#endif

#endif /* BRIEF_H */
