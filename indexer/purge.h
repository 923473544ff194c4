/* SPDX-License-Identifier: MIT */
/* purge.h - rewriting an index without its tombstoned passages
 * (cjkindex --purge; docs/indexing.md, "Purging deleted passages").
 *
 * Deletes and replacements only tombstone passages: the index keeps them,
 * and Xapian's statistics (document count, term frequencies, average
 * length) keep counting them. A database without a termlist cannot copy
 * its documents elsewhere, so the purge re-indexes what it stores: each
 * live article's passages, as they were cut, with the current tokenizer,
 * entity dictionary and config (as re-indexing the input would), with
 * N writers into DB.tmp-w0.. (each article to the writer of its id, as in
 * a -j N run), all compacted into DB.tmp-new, which then replaces DB in
 * one atomic rename. DB is locked
 * and left as it was until then: a purge killed at any moment loses
 * nothing. */
#ifndef IDX_PURGE_H
#define IDX_PURGE_H
#include <stddef.h>
#include "aliases.h"
#include "config.h"
#include "status.h"

typedef struct idx_purge_stats {
    size_t articles;   /* live articles rewritten */
    size_t passages;   /* their passages */
    size_t dropped;    /* tombstoned passages left out */
    size_t metadata;   /* duplicate records (copies, copy-of) carried over */
} idx_purge_stats_t;

/** Rewrites the index at 'target' without its tombstones, indexing with
 * 'cfg' and 'dict' (borrowed, may be NULL) and 'jobs' writer threads
 * (0 counts as 1). Returns CN_OK,
 * CN_E_DB_LOCKED (another writer holds it), CN_E_BAD_CONFIG (the config
 * folds traditional characters and the index does not, or the reverse),
 * CN_E_DB_CORRUPT (a record that is not a cjknews passage, or an
 * article's passages out of order), CN_E_DB or CN_E_NOMEM; on failure
 * *errmsg is a malloc'd message and 'target' is unchanged. */
cn_status_t idx_purge(const char *target, const cfg_config_t *cfg, const ent_dict_t *dict,
                      size_t jobs, idx_purge_stats_t *stats, char **errmsg);

#endif
