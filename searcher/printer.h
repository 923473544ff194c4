/* SPDX-License-Identifier: MIT */
/* printer.h - result output: human text (colour on a terminal), JSON
 * Lines and TSV. The JSON and TSV layouts are documented in
 * docs/schema-jsonl.md. */
#ifndef SRCH_PRINTER_H
#define SRCH_PRINTER_H
#include <stdbool.h>
#include <stdio.h>
#include "buf.h"
#include "search.h"

typedef enum srch_format { SRCH_TEXT, SRCH_JSON, SRCH_TSV } srch_format_t;

typedef struct srch_printer {
    FILE *fp;
    srch_format_t format;
    bool color; /* ANSI highlighting; otherwise [brackets] */
    size_t line; /* scripted mode: the input line being answered (JSON
                  * errors carry it as "line"), 0 otherwise */
} srch_printer_t;

/** One-shot output: one block (text: the best snippet of the passage),
 * one JSON object (json: the full passage) or one row (tsv) per hit. */
void srch_print_hits(const srch_printer_t *p, const srch_results_t *res);

/** Scripted output for one query: text prints a "## query" header and the
 * hits; json prints one object {"query", "total", "results": [...]}; tsv
 * prints one row per hit, the query first. An error (errmsg non-NULL) is
 * printed as such in the same format, with its 1-based query 'column'
 * when that is not 0 and, in JSON, the input line p->line when not 0. */
void srch_print_query_result(const srch_printer_t *p, const char *query,
                             const srch_results_t *res, const char *errmsg,
                             size_t column);

/* The extras (printer-extras.c). Each appends to 'b'; the JSON forms are
 * objects (schema in docs/schema-jsonl.md). */
void srch_print_explain_text(cn_buf_t *b, const srch_hit_t *h);
void srch_print_explain_json(cn_buf_t *b, const srch_hit_t *h);
void srch_print_facets_text(cn_buf_t *b, const srch_facets_t *f);
void srch_print_facets_json(cn_buf_t *b, const srch_facets_t *f);
/** A bar chart 'columns' wide (at least 40), coloured bars if 'color'. */
void srch_print_timeline_text(cn_buf_t *b, const srch_timeline_t *t, bool color,
                              unsigned columns);
void srch_print_timeline_json(cn_buf_t *b, const srch_timeline_t *t);

/** Width of the terminal 'fp' writes to, else $COLUMNS, else 80. */
unsigned srch_output_columns(FILE *fp);

/** Writes 'query' and under it a caret at display column of 'column'
 * (1-based code points; CJK characters are two columns wide). */
void srch_print_caret(FILE *fp, const char *query, size_t column);

#endif
