/* SPDX-License-Identifier: MIT */
/* rerank.h - the bonuses computed on the text of the best candidates,
 * after the match (the index stores no positions, docs/searching.md,
 * "Ranking" and "Match modes"):
 * - relaxed matching ranks passages holding the words as typed first.
 *   With positions this was an AND_MAYBE of the exact phrase, which added
 *   its BM25 weight;
 * - term proximity: of two passages with the same words, the one where
 *   they stand closer together ranks first (proximity.h). */
#ifndef SRCH_RERANK_H
#define SRCH_RERANK_H
#include "config.h"
#include "search.h"
#include "verify.h"

/* How many of the best candidates relaxed matching reranks (at least the
 * page). */
#define SRCH_RERANK_DEPTH 100

typedef struct srch_rerank_opts {
    srch_verify_t *phrase; /* relaxed matching: the checker for the phrase
                            * bonus; NULL for none */
    const srch_query_t *q; /* the query, for proximity */
    const tok_options_t *tok;
    unsigned proximity_depth; /* proximity for the first this many hits (in
                               * Xapian's order); 0: none */
    double proximity_weight, proximity_scale;
} srch_rerank_opts_t;

/** How many candidates proximity reranks for query 'q' as run with
 * 'sort': the config's search.proximity.candidates when it is on and 'q'
 * has two positive chunks or more, else 0. */
unsigned srch_rerank_proximity_depth(const cfg_config_t *cfg, const srch_query_t *q,
                                     bool by_relevance);

/** With o->phrase, multiplies each hit's score by 1 + e/t (e of its t
 * positive chunks of several terms occur as typed: the old phrase bonus
 * roughly doubled a passage's score); then multiplies the score of each
 * of the first o->proximity_depth hits by 1 + weight * factor
 * (srch_proximity_factor(); the bonus is kept in hit.proximity). Sorts by
 * the new scores (ties keep Xapian's order), keeps the hits
 * [first, first + limit) and renumbers them. Returns CN_OK or
 * CN_E_NOMEM. */
cn_status_t srch_rerank(srch_results_t *res, const srch_rerank_opts_t *o, unsigned first,
                        unsigned limit);

/** The proximity factor of 'text' for the positive chunks of 'q' (in
 * [0, 1], srch_proximity_factor()): what srch_rerank() uses, for tests.
 * Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_rerank_proximity(const srch_query_t *q, const tok_options_t *tok,
                                  const char *text, size_t len, double scale,
                                  double *factor);

#endif
