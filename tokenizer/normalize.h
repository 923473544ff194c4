/* SPDX-License-Identifier: MIT */
/* normalize.h - private: per-character NFKC + case folding + T->S folding
 * of UTF-8 text, keeping for every output character the byte range of
 * the input character(s) it came from (Groonga's offset map). */
#ifndef TOK_NORMALIZE_H
#define TOK_NORMALIZE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One normalised character and its source bytes [start_off, end_off). */
typedef struct tok_nchar {
    uint32_t cp;
    size_t start_off;
    size_t end_off;
} tok_nchar_t;

/*
 * Longest run of code points composed together: a starter and the marks
 * (or Hangul vowel/final jamo) after it. Hostile input can stack marks
 * without end; past this many the segment is cut and composition across
 * the cut is lost, which only matters for nonsense text. 32 also holds the
 * longest single NFKC expansion (U+FDFA, 18 code points).
 */
#define TOK_NORM_SEG_MAX 32

/* Iterator state. Lives on the caller's stack; owns no memory. */
typedef struct tok_norm {
    const char *text; /* borrowed input */
    size_t len;
    size_t off;       /* next byte of 'text' to decode */
    bool fold_case;
    bool fold_traditional;
    /* Characters decomposed but not yet composed: the open segment. */
    tok_nchar_t seg[TOK_NORM_SEG_MAX];
    size_t seg_count;
    bool seg_simple;  /* one fast-path char: nothing to compose */
    /* Characters ready to hand out: ready[ready_head..ready_count). */
    tok_nchar_t ready[TOK_NORM_SEG_MAX];
    size_t ready_head, ready_count;
} tok_norm_t;

/** Starts iterating over text[0..len). 'text' is borrowed and must stay
 * valid while the iterator is used. Never fails, never allocates. */
void tok__norm_init(tok_norm_t *n, const char *text, size_t len,
                    bool fold_case, bool fold_traditional);

/** Stores the next normalised character in *out and returns true, or
 * returns false at the end of the text. Invalid UTF-8 comes out as
 * U+FFFD (one per bad byte); ignorable characters (see
 * tok__script_is_ignorable) never come out. Source ranges are
 * non-decreasing: start_off of each character >= start_off of the one
 * before, and end_off likewise. */
bool tok__norm_next(tok_norm_t *n, tok_nchar_t *out);

/** Case folding of one code point when it folds to exactly one code
 * point, else 'cp' unchanged (ß, for one, folds to "ss"). */
uint32_t tok__norm_casefold_cp(uint32_t cp);

#endif
