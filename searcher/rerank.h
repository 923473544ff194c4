/* SPDX-License-Identifier: MIT */
/* rerank.h - relaxed matching ranks passages holding the words as typed
 * first. With positions this was an AND_MAYBE of the exact phrase, which
 * added its BM25 weight; without positions the top candidates are
 * reranked on their text instead (docs/searching.md, "Match modes"). */
#ifndef SRCH_RERANK_H
#define SRCH_RERANK_H
#include "search.h"
#include "verify.h"

/* How many of the best candidates are reranked (at least the page). */
#define SRCH_RERANK_DEPTH 100

/** Multiplies each hit's score by 1 + e/t (e of its t positive chunks of
 * several terms occur as typed: the old phrase bonus roughly doubled a
 * passage's score), sorts by it, keeps the hits [first, first + limit)
 * and renumbers them. Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_rerank(srch_results_t *res, srch_verify_t *v, unsigned first,
                        unsigned limit);

#endif
