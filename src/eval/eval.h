/*
 * eval.h - the eval library's interface for the tools that measure and fit
 * brief: `brief eval` (cli/cmd_eval.c) and tools/train_weights.c. Not part
 * of the public API; it names no type of the library's internals.
 *
 *   dataset.c    development data sets read into memory: DUC folders
 *                (clusters/, refs/, docs.tsv) and Multi-News JSON Lines
 *   bootstrap.c  ROUGE-1.5.5's bootstrap interval of a mean
 */
#ifndef BRIEF_EVAL_H
#define BRIEF_EVAL_H

#include "brief.h"

/* ---- data sets (dataset.c) ---------------------------------------------- */

/* One article of a cluster: a DUC folder's file, or a Multi-News document
 * already in memory. */
typedef struct bf_eval_doc {
  const char *id;   /* the file name without ".txt", or "01", "02"... */
  const char *date; /* "YYYY-MM-DD", or NULL when unknown */
  const char *path; /* the file, or NULL when `text` holds the article */
  const char *text;
  size_t len;
} bf_eval_doc;

/* A cluster: articles about one story and its human summaries. */
typedef struct bf_eval_cluster {
  const char *name;
  bf_eval_doc *docs;
  size_t ndocs;
  const char **refs; /* folder: file paths; Multi-News: the texts */
  size_t nrefs;
  const char *query; /* the question the summaries answer (topics.tsv:
                        its title and question on two lines), or NULL */
} bf_eval_cluster;

typedef struct bf_dataset_store bf_dataset_store;

/* A data set in memory; every string and array is the data set's. */
typedef struct bf_dataset {
  bf_eval_cluster *clusters; /* folders: by name; JSONL: in line order */
  size_t n;
  int duc;           /* a folder of clusters/ and refs/ */
  const char *where; /* the folder or file read */
  int ref_len;       /* folder: the <len> of the references used, or 0 */
  bf_dataset_store *store;
} bf_dataset;

typedef struct bf_dataset_options {
  int words;         /* folder: use the references nearest this length;
                        0 means 100 */
  size_t limit;      /* at most this many clusters; 0: all */
  int refs_optional; /* folder: keep a cluster that has no reference */
} bf_dataset_options;

/* Reads DATASET as `brief eval` takes it: a folder of clusters/ and refs/,
 * a folder holding examples.jsonl, or a Multi-News JSONL file (objects
 * with "documents" and "summary"). A folder's references are
 * refs/<cluster>.<writer>.<len>.txt (DUC) or refs/<cluster>.txt; its
 * dates come from docs.tsv, or else from the DUC document numbers, and
 * its questions, when it has them, from topics.tsv (cluster, title,
 * question; DUC 2006). On
 * success `ds` is the caller's (bf_dataset_free); a set with no cluster
 * is BRIEF_ERR_EMPTY. `o` may be NULL. */
brief_status bf_dataset_load(bf_dataset *ds, const char *path,
                             const bf_dataset_options *o, brief_error *err);

/* Reads a folder of clusters/ and refs/ whatever else it holds. */
brief_status bf_dataset_load_folder(bf_dataset *ds, const char *dir,
                                    const bf_dataset_options *o,
                                    brief_error *err);

/* Releases a data set; a zeroed one is accepted. */
void bf_dataset_free(bf_dataset *ds);

/* ---- statistics (bootstrap.c) ------------------------------------------- */

/* What ROUGE-1.5.5 reports: a 95% interval from 1000 resamples. */
enum { BF_BOOTSTRAP_RESAMPLES = 1000, BF_BOOTSTRAP_CONFIDENCE = 95 };

/* ROUGE-1.5.5's bootstrap interval of the mean of v[0..n): `resamples`
 * means of n draws with replacement, resample i drawn by drand48 seeded
 * with i (as Perl's srand(i) does), sorted; the bounds are the order
 * statistics (100 - confidence) / 2 percent from each end, interpolated
 * as ROUGE does. So the interval is ROUGE's own for the same scores.
 * Returns 0, or -1 when n is 0, `resamples` is too small for
 * `confidence`, or memory is out. */
int bf_bootstrap(const double *v, size_t n, int resamples, int confidence,
                 double *lo, double *hi);

#endif
