/* SPDX-License-Identifier: MIT */
/* explain.h - --explain: each result's score split into its components
 * (BM25 of the body and title, the exact-phrase bonus, term proximity, other spellings of
 * an entity, entity and date evidence), which add up to the score. */
#ifndef SRCH_EXPLAIN_H
#define SRCH_EXPLAIN_H
#include <stddef.h>
#include "config.h"
#include "status.h"
#include "xapc.h"

/* The components, in display order; the indexes of srch_hit_t.explain. */
enum {
    SRCH_PART_BODY,   /* BM25 of the query's words in the passage */
    SRCH_PART_TITLE,  /* BM25 of the words in the article's title */
    SRCH_PART_PHRASE, /* relaxed matching: a word found as typed (a phrase) */
    SRCH_PART_PROXIMITY, /* the words standing close together (rerank.h) */
    SRCH_PART_ALIAS,  /* BM25 of the other spellings of an entity asked for */
    SRCH_PART_ENTITY, /* search.weights.entity per entity named */
    SRCH_PART_DATE,   /* search.weights.date per date mentioned */
    SRCH_PART_OTHER,  /* what no tag covers (the score minus the rest) */
    SRCH_PART_COUNT
};

/** The name of component 'i' ("body", ..., "other"); static. */
const char *srch_part_name(size_t i);

struct srch_results;

/** Fills each hit's explain[] for the built query 'xq' (tagged by
 * srch_query_build()), weighting as 'cfg' says. Returns CN_OK,
 * CN_E_NOMEM, or CN_E_DB with *errmsg malloc'd. */
cn_status_t srch_explain_hits(xapc_reader_t *r, const cfg_config_t *cfg,
                              const xapc_query_t *xq, struct srch_results *res,
                              char **errmsg);

#endif
