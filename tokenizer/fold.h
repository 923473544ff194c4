/* SPDX-License-Identifier: MIT */
/* fold.h - traditional -> simplified folding of one character, from the
 * table that tools/gen-fold.c generates at build time from OpenCC's data. */
#ifndef TOK_FOLD_H
#define TOK_FOLD_H
#include <stddef.h>
#include <stdint.h>

typedef struct tok_fold_pair {
    uint32_t from, to;
} tok_fold_pair_t;

/* Generated (build/<variant>/gen/fold-table.c): sorted by 'from', strictly
 * increasing, every 'to' != 'from', and no 'to' is itself a 'from' (the
 * generator closes the map, so folding is idempotent). */
extern const tok_fold_pair_t tok_fold_table[];
extern const size_t tok_fold_table_len;
/* "opencc-<version>:<pairs>:<fnv1a of the pairs>", static storage. */
extern const char tok_fold_table_id_str[];

/** Returns the simplified form of 'cp', or 'cp' itself when the table has
 * no entry. Thread-safe; the first call builds an index (once). */
uint32_t tok__fold_lookup(uint32_t cp);

#endif
