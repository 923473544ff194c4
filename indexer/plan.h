/* SPDX-License-Identifier: MIT */
/* plan.h - how many writers an indexing run uses.
 *
 * A parallel run (indexer/shards.h) copies the target and compacts all of
 * it at the end: its cost grows with the existing index. One writer
 * adding in place costs in proportion to the input. Adding a little to
 * a large index therefore uses one writer; building a new index, or
 * adding much to a small one, uses N (docs/indexing.md, "Adding to an
 * existing index"; measurements in docs/performance.md). */
#ifndef IDX_PLAN_H
#define IDX_PLAN_H
#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* Input size when it cannot be known before reading (standard input). */
#define IDX_PLAN_UNKNOWN UINT64_MAX

/* One writer in place while the input is smaller than the index on disk
 * divided by this. The break-even measured on the livedoor bench corpus
 * (docs/performance.md) was near 1/40 of the index's bytes, about a
 * quarter of the articles already indexed (the index is ~10x its raw
 * text). */
#define IDX_PLAN_INDEX_PER_INPUT 40

typedef struct idx_plan {
    size_t writers;       /* 1: write into the target in place */
    uint64_t input_bytes; /* sum of the input files' sizes, or IDX_PLAN_UNKNOWN */
    uint64_t index_bytes; /* size of the target's files (0: none) */
    uint32_t index_docs;  /* passages in the target's last commit */
} idx_plan_t;

/** The number of writers for 'jobs' allowed writers, an index holding
 * 'index_docs' passages in 'index_bytes' bytes, and 'input_bytes' of
 * input: 'jobs' for a new or empty index or an input of at least
 * index_bytes / IDX_PLAN_INDEX_PER_INPUT, else 1. An input of unknown
 * size added to a non-empty index gets 1: one writer costs at most 'jobs'
 * times the wall time of N, a merge costs the whole index however small
 * the input. */
size_t idx_plan_choose(size_t jobs, uint32_t index_docs, uint64_t index_bytes,
                       uint64_t input_bytes);

/** Fills 'plan' for indexing 'paths[0..npaths)' ("-" is standard input;
 * directories count every file below them) into 'target' with at most
 * 'jobs' writers. A target that is missing or cannot be read counts as
 * empty (opening it for writing reports the error); an input path that
 * cannot be read counts as empty (reading it reports the error). Returns
 * CN_OK or CN_E_NOMEM (then *errmsg is a malloc'd message). */
cn_status_t idx_plan_writers(const char *target, const char *const *paths, size_t npaths,
                             size_t jobs, idx_plan_t *plan, char **errmsg);

#endif
