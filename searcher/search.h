/* SPDX-License-Identifier: MIT */
/* search.h - a search session: the databases opened once, queries run
 * against them, results decoded with their highlight spans. */
#ifndef SRCH_SEARCH_H
#define SRCH_SEARCH_H
#include <signal.h>
#include <stddef.h>
#include "buf.h"
#include "config.h"
#include "explain.h"
#include "facets.h"
#include "query.h"
#include "schema.h"
#include "status.h"
#include "timeline.h"

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
    xapc_docid_t docid;    /* in the session's reader */
    double proximity;      /* the term proximity bonus in score (rerank.h), else 0 */
    double *explain;       /* with srch_run_opts_t.explain: SRCH_PART_COUNT
                            * score components adding up to score (owned by
                            * the set), else NULL */
} srch_hit_t;

typedef struct srch_results {
    srch_hit_t *hits;
    size_t count;
    size_t estimated;      /* matches estimated */
    char **data;           /* owned copies of the documents' data */
    size_t error_column;   /* after CN_E_QUERY_SYNTAX: 1-based, else 0 */
    bool relaxed;          /* the hits match some, not all, of the words */
    srch_facets_t *facets;     /* with srch_run_opts_t.facets (owned), else NULL */
    srch_timeline_t *timeline; /* with srch_run_opts_t.timeline (owned), else NULL */
} srch_results_t;

/* How the words of a query must match (docs/searching.md, "Match modes"). */
typedef enum srch_match {
    SRCH_MATCH_AUTO, /* all words; if nothing matches, some of them (default) */
    SRCH_MATCH_ALL,  /* every word, each as typed */
    SRCH_MATCH_ANY   /* some of the words' terms, exact phrases ranked first */
} srch_match_t;

typedef enum srch_sort {
    SRCH_SORT_RELEVANCE, /* BM25, the default */
    SRCH_SORT_DATE       /* newest first (value slot 0), relevance breaks ties */
} srch_sort_t;

/* How to run a query: paging, order, and filters ANDed onto it (each
 * borrowed, NULL for none; values as after date:, source:, lang:). */
typedef struct srch_run_opts {
    unsigned limit;       /* results per page */
    unsigned first;       /* results to skip (:more) */
    srch_sort_t sort;
    srch_match_t match;
    const char *since;    /* --since DATE: date:DATE.. */
    const char *until;    /* --until DATE: date:..DATE */
    const char *date, *source, *lang;
    /* Scripted filters that need the tokenizer or the dictionary:
     * title: words, person:/org: ids or aliases (srch_query_add_filter_dict). */
    const char *title, *person, *org;
    /* Extras over the same query (docs/searching.md): each result's score
     * components; the people, organisations and dates of all matches;
     * matches per day/month/year (SRCH_TIMELINE_NONE: none) of the
     * article date, or of the mentioned date. */
    bool explain, facets;
    srch_timeline_unit_t timeline;
    bool timeline_mentioned;
} srch_run_opts_t;

/** Relevance order, no filter, 'limit' results from the first. */
void srch_run_opts_init(srch_run_opts_t *o, unsigned limit);

/** Opens the shards 'dbs[0..n)' (paths, or "tcp:HOST:PORT" for a
 * xapian-tcpsrv shard) with the settings of 'cfg' (borrowed). The
 * tokenizer settings come from the index's metadata, so queries fold the
 * way the index did. Returns CN_OK, CN_E_NOT_FOUND, CN_E_DB,
 * CN_E_DB_CORRUPT, CN_E_NOMEM; *errmsg (malloc'd) says which and why. */
cn_status_t srch_session_open(const char *const *dbs, size_t n,
                              const cfg_config_t *cfg, srch_session_t **out,
                              char **errmsg);

void srch_session_destroy(srch_session_t *s);

/** Adds the entity dictionary at 'path' (a YAML file or a directory of
 * them, as cjkindex --dict) to the session, normalised as the index is;
 * queries then resolve person:/org: aliases and expand bare words that
 * are aliases. The index does not record which dictionary built it: give
 * the same one. Returns as ent_dict_load_path(), *errmsg malloc'd. */
cn_status_t srch_session_load_dict(srch_session_t *s, const char *path, char **errmsg);

/** Makes the session's searches poll '*flag' (borrowed, e.g. set by a
 * SIGINT handler; NULL: never): once it is non-zero a running search
 * stops at the next candidate passage and srch_session_run() returns
 * CN_E_CANCELLED. Searches with a tcp: shard run to their end. */
void srch_session_set_cancel(srch_session_t *s, const volatile sig_atomic_t *flag);

const tok_options_t *srch_session_tok(const srch_session_t *s);

/** Appends to 'out' one line per database (as given to _open; the names
 * are borrowed from that call and must outlive the session) and a line
 * with the passage count. Returns CN_OK, or the status of a failed count
 * (the lines say so too). */
cn_status_t srch_session_describe(srch_session_t *s, cn_buf_t *out);

/** Runs 'text' with 'o' and fills 'res' with at most o->limit hits. A
 * query that cannot match (only punctuation) gives no hit and CN_OK.
 * Returns CN_OK, CN_E_QUERY_SYNTAX (res->error_column set when the query
 * text is at fault), CN_E_DB, CN_E_NOMEM, CN_E_CANCELLED (see
 * srch_session_set_cancel) with *errmsg set (malloc'd). */
cn_status_t srch_session_run(srch_session_t *s, const char *text, size_t len,
                             const srch_run_opts_t *o, srch_results_t *res,
                             char **errmsg);

/** The Xapian query 'text' and the filters of 'o' give, described
 * (Query::get_description(); "" for a query that cannot match) in *desc,
 * malloc'd, caller frees. Returns as srch_session_run(). */
cn_status_t srch_session_explain(srch_session_t *s, const char *text, size_t len,
                                 const srch_run_opts_t *o, char **desc,
                                 char **errmsg);

void srch_results_release(srch_results_t *res);

#endif
