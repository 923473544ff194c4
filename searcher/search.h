/* SPDX-License-Identifier: MIT */
/* search.h - a search session: the databases opened once, queries run
 * against them, results decoded with their highlight spans. */
#ifndef SRCH_SEARCH_H
#define SRCH_SEARCH_H
#include <stddef.h>
#include "config.h"
#include "query.h"
#include "schema.h"
#include "status.h"

typedef struct srch_session srch_session_t;

typedef struct srch_hit {
    unsigned rank;         /* 1-based */
    double score;
    cn_record_t rec;       /* borrows from the result set */
    srch_span_t *spans;    /* highlight spans in rec.text (owned by the set) */
    size_t nspans;
    unsigned collapsed;    /* more passages of the same article not shown */
    char *copies;          /* duplicates of the article (owned by the set, NULL
                            * if none): records id NUL source NUL url NUL date
                            * RS, docs/index-schema.md */
    size_t copies_len;
} srch_hit_t;

typedef struct srch_results {
    srch_hit_t *hits;
    size_t count;
    size_t estimated;      /* matches estimated */
    char **data;           /* owned copies of the documents' data */
} srch_results_t;

/** Opens the shards 'dbs[0..n)' (paths, or "tcp:HOST:PORT" for a
 * xapian-tcpsrv shard) with the settings of 'cfg' (borrowed). The
 * tokenizer settings come from the index's metadata, so queries fold the
 * way the index did. Returns CN_OK, CN_E_NOT_FOUND, CN_E_DB,
 * CN_E_DB_CORRUPT, CN_E_NOMEM; *errmsg (malloc'd) says which and why. */
cn_status_t srch_session_open(const char *const *dbs, size_t n,
                              const cfg_config_t *cfg, srch_session_t **out,
                              char **errmsg);

void srch_session_destroy(srch_session_t *s);

const tok_options_t *srch_session_tok(const srch_session_t *s);

/** Runs 'text' and fills 'res' with at most 'limit' hits. A query that
 * cannot match (only punctuation) gives no hit and CN_OK. Returns CN_OK,
 * CN_E_QUERY_SYNTAX, CN_E_DB, CN_E_NOMEM with *errmsg set. */
cn_status_t srch_session_run(srch_session_t *s, const char *text, size_t len,
                             unsigned limit, srch_results_t *res, char **errmsg);

void srch_results_release(srch_results_t *res);

#endif
