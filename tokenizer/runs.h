/* SPDX-License-Identifier: MIT */
/* runs.h - private: state shared by the run cutter (tokenizer.c) and the
 * two kinds of run it feeds, CJK runs (bigram.c) and words (words.c). */
#ifndef TOK_RUNS_H
#define TOK_RUNS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "normalize.h"
#include "tokenizer.h"

/*
 * Longest term in bytes. Xapian rejects terms longer than 245 bytes
 * (its B-tree key limit), so a longer word keeps its first characters up
 * to 245 bytes and the rest of the word is dropped (the word still takes
 * one position). Cuts fall on character boundaries.
 */
#define TOK_TERM_MAX 245

/* A CJK character with the marks that follow it; half a bigram, so at
 * most TOK_TERM_MAX / 2 bytes (extra marks are dropped). */
#define TOK_CLUSTER_MAX (TOK_TERM_MAX / 2)

typedef struct tok_cluster {
    char bytes[TOK_CLUSTER_MAX];
    size_t len;
    size_t start_off, end_off;
} tok_cluster_t;

typedef enum tok_run_kind {
    TOK_RUN_NONE,
    TOK_RUN_WORD,
    TOK_RUN_CJK
} tok_run_kind_t;

typedef struct tok_state {
    tok_emit_fn emit;
    void *ctx;
    bool stopped;        /* emit asked to stop */
    uint32_t pos;        /* position of the next term */
    uint32_t run;        /* index of the current (or next) run */
    tok_run_kind_t kind; /* run in progress */

    /* Word run: normalised bytes so far. */
    char word[TOK_TERM_MAX];
    size_t word_len;
    size_t word_start_off, word_end_off;
    bool word_digits; /* only decimal digits so far */
    bool word_full;   /* hit TOK_TERM_MAX: later characters are dropped */

    /* CJK run: the last two clusters; clusters[cur] is the newest. */
    tok_cluster_t clusters[2];
    unsigned cur;
    size_t run_chars; /* clusters seen in this run */
    char term[TOK_TERM_MAX];
} tok_state_t;

/** Emits one term at the next position. Returns true if the caller asked
 * to stop (and records it in st->stopped). */
bool tok__emit(tok_state_t *st, const char *term, size_t term_len,
               size_t start_off, size_t end_off, unsigned flags);

/* CJK runs (bigram.c). */
void tok__cjk_add(tok_state_t *st, const tok_nchar_t *ch);
void tok__cjk_add_mark(tok_state_t *st, const tok_nchar_t *ch);
void tok__cjk_end(tok_state_t *st);

/* Words (words.c). */
void tok__word_add(tok_state_t *st, const tok_nchar_t *ch, bool is_mark);
void tok__word_end(tok_state_t *st);

#endif
