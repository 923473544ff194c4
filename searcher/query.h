/* SPDX-License-Identifier: MIT */
/* query.h - user query text -> tokens -> a Xapian query, with the same
 * tokenizer as indexing, and the matcher that finds the query's spans in a
 * passage for highlighting. */
#ifndef SRCH_QUERY_H
#define SRCH_QUERY_H
#include <stdbool.h>
#include <stddef.h>
#include "aliases.h"
#include "buf.h"
#include "qparse.h"
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
     * 11月): it also matches where the run goes on (11月份), through the
     * character's unigram when it is hot, the first-character term of
     * runs in a schema 5 index, else the wildcard over terms starting
     * with it. */
    bool run_start;
} srch_elem_t;

/* A chunk: the tokens of one leaf of the query tree (a word, a "quoted
 * phrase", a title: value), matched as the phrase of its elements (a CJK
 * run as the phrase of its bigrams): in the index as the AND of its
 * terms, then on the passage text (verify.h). count may be 0
 * (punctuation only). */
typedef struct srch_chunk {
    srch_elem_t *elems;
    size_t count;
    bool negated;    /* under an odd number of NOT / -: not highlighted */
    bool title_only; /* title:...: S terms only, not highlighted */
    bool alias;      /* another alias of a WORD's entity: always an exact phrase */
    unsigned window; /* "..."~N: N, else 0 */
    /* A bare word that is a date (datewords.h): its key, else "". */
    char date_key[11];
    /* Its text as typed and as normalised, when a byte-for-byte
     * occurrence of either is a match (literal.h); NULL: none. */
    char *literal[2];
    size_t literal_len[2];
    /* literal[] holds the normalised form: a text of plain characters
     * that holds no literal cannot hold the chunk (literal.h). */
    bool literal_whole;
} srch_chunk_t;

typedef struct srch_query {
    srch_node_t *root;    /* the parsed tree (owned); NULL: empty query */
    srch_chunk_t *chunks; /* one per WORD, PHRASE and title: leaf */
    size_t count;
    size_t error_column;  /* after CN_E_QUERY_SYNTAX: 1-based column */
    /* Relaxed matching (set by the caller before building and
     * highlighting): a passage needs only some of the words' terms, each
     * word's exact phrase adds to the score, filters and exclusions still
     * hold. For questions typed as sentences, where the exact reading
     * matches nothing (docs/searching.md, "Match modes"). */
    bool relaxed;
    /* Score of the evidence stored as boolean terms (set by parse to the
     * config defaults; the caller may change them before building): a
     * person/org asked for that the passage names, a date asked for that
     * it mentions (docs/searching.md, "Ranking"). */
    double entity_weight, date_weight;
    /* Years that have DM terms in the index (borrowed; set by the caller
     * before building): a day typed without a year (11月19日) matches
     * that day in each of them. */
    const int *dm_years;
    size_t dm_year_count;
    /* What the index stores (set by the caller before building): the
     * characters indexed as unigrams wherever they occur (borrowed; NULL:
     * none), and whether the first character of every run is a term
     * (schema 5 and older). Without them a one-character element is the
     * wildcard over the terms starting with it, which every schema
     * answers (docs/index-schema.md, "Hot characters"). */
    const struct tok_hot *hot;
    bool run_start_terms;
} srch_query_t;

/** Parses 'text' (UTF-8; bad bytes are replaced) into 'q' (see
 * docs/searching.md for the language) and tokenizes its leaves. On
 * failure 'q' holds nothing but error_column, and *errmsg (malloc'd)
 * says why and names the column. Returns CN_OK, CN_E_QUERY_SYNTAX,
 * CN_E_NOMEM. */
cn_status_t srch_query_parse(const tok_options_t *tok, const char *text,
                             size_t len, srch_query_t *q, char **errmsg);

/** As srch_query_parse(), with the entity dictionary 'dict' (borrowed;
 * NULL: none): person:/org: values are resolved through it (an entity id
 * or any alias; an unknown one is a CN_E_QUERY_SYNTAX naming the column),
 * and a bare word that is a whole alias expands to its entity (its P/O
 * term and its other aliases, docs/searching.md "People and companies").
 * Without a dictionary person:/org: take an entity id only. */
cn_status_t srch_query_parse_dict(const tok_options_t *tok, const ent_dict_t *dict,
                                  const char *text, size_t len, srch_query_t *q,
                                  char **errmsg);

/** ANDs the filter field:value[0..len) onto the parsed 'q' (for
 * --since/--until and scripted filters; a date value is checked as in
 * the query language). Returns CN_OK, CN_E_QUERY_SYNTAX (*errmsg
 * malloc'd) or CN_E_NOMEM. */
cn_status_t srch_query_add_filter(srch_query_t *q, srch_field_t field,
                                  const char *value, size_t len,
                                  char **errmsg);

/** As srch_query_add_filter(), for every field the query language has:
 * title: (a title-only phrase, scored like title: words; needs 'tok'),
 * person:/org: (resolved through 'dict' as in the query language, NULL:
 * entity ids only), date (article date only), source, lang. A bad value
 * (unknown entity, bad date, empty) gives CN_E_QUERY_SYNTAX with a
 * message that names the filter and no column. */
cn_status_t srch_query_add_filter_dict(srch_query_t *q, const tok_options_t *tok,
                                       const ent_dict_t *dict, srch_field_t field,
                                       const char *value, size_t len, char **errmsg);

void srch_query_release(srch_query_t *q);

/** Builds the Xapian query; *out is NULL when nothing in 'q' can be
 * searched (only punctuation), with CN_OK. Field filters carry no weight,
 * except the entity and mentioned-date evidence (entity_weight,
 * date_weight). Its parts are tagged for xapc_reader_explain(): "body",
 * "title", "phrase" (the exact-phrase bonus of relaxed matching),
 * "alias" (other spellings of an entity), "entity", "date".
 * Returns CN_OK, CN_E_NOMEM or CN_E_INTERNAL. */
cn_status_t srch_query_build(const srch_query_t *q, xapc_query_t **out,
                             char **errmsg);

/** Appends to 't' the term a source:, lang:, person: or org: node
 * filters on (XS..., L..., P.../O...). Returns CN_OK, or CN_E_INVALID_ARGUMENT for
 * another node (or an unresolved person:/org:). */
cn_status_t srch_filter_term(const srch_node_t *n, cn_buf_t *t);

/** True if the query srch_query_build() gives for 'q' matches exactly
 * the passages 'q' means; false if it is a superset (a chunk of several
 * terms: the index stores no positions), to be narrowed down by the text
 * check of verify.h. */
bool srch_query_exact(const srch_query_t *q);

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
