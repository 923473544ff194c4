/* SPDX-License-Identifier: MIT */
/* query.h - user query text -> tokens -> a Xapian query, with the same
 * tokenizer as indexing, and the matcher that finds the query's spans in a
 * passage for highlighting. */
#ifndef SRCH_QUERY_H
#define SRCH_QUERY_H
#include <stdbool.h>
#include <stddef.h>
#include "status.h"
#include "tokenizer.h"
#include "xapc.h"

/* One element of a chunk: a term, or (wildcard, for a one-character
 * query) every term starting with it. */
typedef struct srch_elem {
    char *term;
    size_t term_len;
    bool wildcard;
    /* A one-character run closing a chunk after other tokens (the 月 of
     * 11月): matched through the first-character term the index stores at
     * the start of every run, so it also matches where the run goes on. */
    bool run_start;
} srch_elem_t;

/* A chunk: a whitespace-free word or a "quoted phrase", matched as the
 * phrase of its elements (a CJK run as the phrase of its bigrams). */
typedef struct srch_chunk {
    srch_elem_t *elems;
    size_t count;
    bool negated; /* -word */
} srch_chunk_t;

typedef struct srch_query {
    srch_chunk_t *chunks;
    size_t count;
} srch_query_t;

/** Parses 'text' (UTF-8; bad bytes are replaced) into 'q'. Words are ANDed;
 * "-word" excludes; "..." groups a phrase. A query with no searchable
 * token gives q->count == 0. On failure *errmsg (malloc'd) says why and
 * names the column. Returns CN_OK, CN_E_QUERY_SYNTAX, CN_E_NOMEM. */
cn_status_t srch_query_parse(const tok_options_t *tok, const char *text,
                             size_t len, srch_query_t *q, char **errmsg);

void srch_query_release(srch_query_t *q);

/** Builds the Xapian query. Returns CN_OK, CN_E_NOMEM or CN_E_INTERNAL. */
cn_status_t srch_query_build(const srch_query_t *q, xapc_query_t **out,
                             char **errmsg);

typedef struct srch_span {
    size_t start, end; /* byte offsets into the passage */
} srch_span_t;

/** Finds where the positive chunks of 'q' occur in text[0..len) (tokenized
 * as at index time) and stores the merged, sorted byte spans in *spans
 * (malloc'd, caller frees; *count may be 0). */
cn_status_t srch_query_highlight(const srch_query_t *q, const tok_options_t *tok,
                                 const char *text, size_t len,
                                 srch_span_t **spans, size_t *count);

#endif
