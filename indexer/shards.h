/* SPDX-License-Identifier: MIT */
/* shards.h - the directories of a parallel run (cjkindex -j N) and the
 * merge that ends it (docs/indexing.md, "Parallel writers").
 *
 * For a target DB the run uses DB.tmp-base (a copy of DB's files: its
 * deletes and duplicate metadata go there), DB.tmp-w0 .. DB.tmp-w<N-1>
 * (one shard per writer thread) and DB.tmp-new (the merge). DB itself is
 * only locked, never written, until the new index is swapped in with one
 * atomic rename, so a run killed at any moment leaves DB as it was. */
#ifndef IDX_SHARDS_H
#define IDX_SHARDS_H
#include <stddef.h>
#include "status.h"

typedef struct idx_shards {
    char *target;
    char *base;     /* DB.tmp-base */
    char *merged;   /* DB.tmp-new */
    char **shards;  /* DB.tmp-w0 .. */
    size_t nshards;
    struct xapc_writer *lock; /* a writer on DB, held for its lock only */
} idx_shards_t;

/** Takes the write lock of 'target' (creating an empty index if there is
 * none), removes the DB.tmp-* left by a killed run, and copies the
 * target's files to DB.tmp-base. Returns CN_E_DB_LOCKED when another
 * writer holds it. On failure *errmsg is a malloc'd message. */
cn_status_t idx_shards_prepare(idx_shards_t *s, const char *target, size_t nshards,
                               char **errmsg);

/** As idx_shards_prepare() without the copy to DB.tmp-base: the names,
 * the lock and the clean-up, for a run that writes the shards and
 * DB.tmp-new itself (--purge). */
cn_status_t idx_shards_lock(idx_shards_t *s, const char *target, size_t nshards,
                            char **errmsg);

/** Swaps DB.tmp-new (closed) with DB atomically (renameat2
 * RENAME_EXCHANGE); the old index is removed with the rest on release. */
cn_status_t idx_shards_swap(idx_shards_t *s, char **errmsg);

/** Compacts DB.tmp-base and the shards (all closed) into DB.tmp-new and
 * swaps it with DB atomically (renameat2 RENAME_EXCHANGE). */
cn_status_t idx_shards_merge(idx_shards_t *s, char **errmsg);

/** Releases the lock and removes every DB.tmp-* directory. */
void idx_shards_release(idx_shards_t *s);

#endif
