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

/*
 * Generated too: a two-level index of the table, so that a Han character
 * costs two array reads instead of a 12-step bisection. Code points below
 * TOK_FOLD_PLANE_LIMIT are cut into pages of 2^TOK_FOLD_PAGE_BITS;
 * tok_fold_page_of[cp >> TOK_FOLD_PAGE_BITS] is 0 for a page without an
 * entry, else 1 + its row of tok_fold_slots, whose entry for cp is 0 or
 * 1 + the index of cp's pair in tok_fold_table. Generated rather than
 * built when the program starts: a one-shot search would otherwise write
 * about 110 KB of tables (and take their page faults) before its first
 * lookup; as constant data, only the pages a lookup reads are loaded.
 */
#define TOK_FOLD_PLANE_LIMIT 0x40000u
#define TOK_FOLD_PAGE_BITS 8
#define TOK_FOLD_PAGE_SIZE (1u << TOK_FOLD_PAGE_BITS)
extern const uint16_t tok_fold_page_of[TOK_FOLD_PLANE_LIMIT >> TOK_FOLD_PAGE_BITS];
extern const uint16_t tok_fold_slots[][TOK_FOLD_PAGE_SIZE];

/** Returns the simplified form of 'cp', or 'cp' itself when the table has
 * no entry. Thread-safe (reads constant data only). */
uint32_t tok__fold_lookup(uint32_t cp);

#endif
