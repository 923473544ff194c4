/* SPDX-License-Identifier: MIT */
/* postfilter.h - the phrase check after the match, for readers that
 * cannot run it inside the matcher (a xapian-tcpsrv shard: Xapian 1.4's
 * remote protocol takes no match decider). Candidates are fetched
 * uncollapsed, in order, a growing window at a time, checked, capped per
 * article and paged here, until the page is full or the candidates end. */
#ifndef SRCH_POSTFILTER_H
#define SRCH_POSTFILTER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "verify.h"
#include "xapc.h"

typedef struct srch_postfilter {
    xapc_mset_t *mset;   /* the candidates (owned) */
    bool *keep;          /* per candidate: on the page */
    uint32_t *collapsed; /* per candidate kept: checked passages of its
                          * article left out by the per-article cap */
    unsigned *rank;      /* per candidate kept: 1-based rank */
    size_t estimated;    /* checked matches (exact when all were seen) */
} srch_postfilter_t;

/** Runs 'q' on 'r' with 'o' (its collapse, first and max_items are taken
 * as the page wanted: collapse_max passages per value of collapse_slot,
 * o->max_items of them after o->first), keeping the candidates 'v'
 * accepts. Returns CN_OK, CN_E_NOMEM, CN_E_DB (*errmsg malloc'd) or the
 * checker's failure. */
cn_status_t srch_postfilter_run(xapc_reader_t *r, const xapc_query_t *q,
                                const xapc_search_opts_t *o, srch_verify_t *v,
                                srch_postfilter_t *out, char **errmsg);

void srch_postfilter_release(srch_postfilter_t *pf);

#endif
