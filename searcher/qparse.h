/* SPDX-License-Identifier: MIT */
/* qparse.h - the query language's lexer and recursive-descent parser:
 * user text -> an abstract syntax tree. No tokenizer and no Xapian here;
 * query.c turns the tree into a Xapian query. Grammar in
 * docs/searching.md. */
#ifndef SRCH_QPARSE_H
#define SRCH_QPARSE_H
#include <stddef.h>
#include "buf.h"
#include "status.h"

/* Parentheses and NOT chains nest at most this deep: recursion is bounded
 * whatever the input (a fuzzed "((((..." gives a syntax error). */
#define SRCH_QPARSE_MAX_DEPTH 64

typedef enum srch_node_kind {
    SRCH_NODE_WORD,   /* a bare word; text = the word */
    SRCH_NODE_PHRASE, /* "quoted words"; text inside the quotes, window = ~N */
    SRCH_NODE_FIELD,  /* field:value; field and text = the value */
    SRCH_NODE_AND,    /* kids[0..nkids), nkids >= 2 */
    SRCH_NODE_OR,     /* kids[0..nkids), nkids >= 2 */
    SRCH_NODE_NOT     /* kids[0] excluded; "-x" and "NOT x" */
} srch_node_kind_t;

typedef enum srch_field {
    SRCH_FIELD_NONE,
    SRCH_FIELD_TITLE,  /* title:word, title:"phrase": S-prefixed terms */
    SRCH_FIELD_SOURCE, /* source:NAME: XS + ASCII-case-folded name */
    SRCH_FIELD_LANG,   /* lang:TAG: L + the BCP 47 tag, canonical case */
    SRCH_FIELD_DATE,   /* date:YYYY[-MM[-DD]], 2023年11月19日, ..., or a range */
    SRCH_FIELD_PERSON, /* person:ID or person:ALIAS: P<id> (entity dictionary) */
    SRCH_FIELD_ORG     /* org:ID or org:ALIAS: O<id> */
} srch_field_t;

typedef struct srch_node {
    srch_node_kind_t kind;
    srch_field_t field;   /* SRCH_FIELD_NONE unless kind is FIELD */
    char *text;           /* WORD/PHRASE/FIELD: NUL-terminated copy (owned) */
    size_t text_len;
    int quoted;           /* FIELD: the value was "quoted" */
    unsigned window;      /* PHRASE: the N of "..."~N, 0 for an exact phrase */
    size_t column;        /* 1-based code-point column of the node's start */
    struct srch_node **kids; /* AND/OR/NOT: owned children */
    size_t nkids;
    size_t chunk;         /* set by query.c: index of the leaf's chunk */
    /* Set by query.c: the entity term (P<id>/O<id>) a person:/org: filter
     * resolves to, or a WORD that is a known alias expands to; NULL if
     * none (owned). */
    char *entity_term;
    size_t alias_first, alias_count; /* WORD: chunks of the entity's other aliases */
    int article_only; /* FIELD date: match the article date only (D, slot 0) */
} srch_node_t;

/** Parses text[0..len) (UTF-8; the parser only looks at ASCII syntax, so
 * bad bytes pass through to the tokenizer, which replaces them). On
 * success *out is the tree (NULL for a query with no operand at all),
 * freed with srch_node_destroy(). On a syntax error *out is NULL, *column
 * is the 1-based code-point column of the fault and *errmsg (malloc'd,
 * caller frees) reads "column N: what". Returns CN_OK, CN_E_QUERY_SYNTAX
 * or CN_E_NOMEM. */
cn_status_t srch_qparse(const char *text, size_t len, srch_node_t **out,
                        size_t *column, char **errmsg);

/** Makes a FIELD node for 'field' with value[0..len) (copied), as if the
 * user had typed field:value; *out is NULL on failure. Returns CN_OK or
 * CN_E_NOMEM. */
cn_status_t srch_node_field_create(srch_field_t field, const char *value,
                                   size_t len, srch_node_t **out);

/** Makes an AND node of 'a' and 'b', taking ownership of both (both freed
 * on failure). Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_node_and_create(srch_node_t *a, srch_node_t *b,
                                 srch_node_t **out);

/** Frees 'n' and its children; NULL is a no-op. */
void srch_node_destroy(srch_node_t *n);

/** Appends an S-expression dump of the tree to 'b' (for tests and
 * :explain): (AND (WORD 微软) (NOT (PHRASE~2 "a b")) (FIELD date 2023)). */
void srch_node_dump(const srch_node_t *n, cn_buf_t *b);

/** Reads a date: value: YYYY, YYYY-MM or YYYY-MM-DD gives *is_range 0
 * and the value in lo (match the D term of the value); A..B, ..B and A..
 * give *is_range 1 and the inclusive bounds lo/hi as YYYY-MM-DD ("" for
 * an open end; partial bounds widen: ..2019 ends at 2019-12-31, 2019-02..
 * starts at 2019-02-01). Any other form ent_date_parse_query() reads
 * (2023年11月19日, 令和5年11月19日, 2023년 11월 19일, November 19, 2023,
 * 2016年至2020年, and ranges of them) is normalised the same way: a
 * single day, month or year gives *is_range 0 and lo at its precision,
 * anything wider a range. Partial and relative forms (11月19日, 昨天)
 * have no year to resolve against and are refused. Returns CN_OK or
 * CN_E_QUERY_SYNTAX (*why is a static message). */
cn_status_t srch_date_value(const char *v, size_t len, int *is_range,
                            char lo[11], char hi[11], const char **why);

/** The name of 'field' as typed in queries ("title", ...). */
const char *srch_field_name(srch_field_t field);

#endif
