/* SPDX-License-Identifier: MIT */
/* printer.h - result output: human text (colour on a terminal) and JSON
 * Lines. The JSON schema is documented in docs/schema-jsonl.md. */
#ifndef SRCH_PRINTER_H
#define SRCH_PRINTER_H
#include <stdbool.h>
#include <stdio.h>
#include "search.h"

typedef enum srch_format { SRCH_TEXT, SRCH_JSON } srch_format_t;

typedef struct srch_printer {
    FILE *fp;
    srch_format_t format;
    bool color; /* ANSI highlighting; otherwise [brackets] */
} srch_printer_t;

/** One-shot output: one block (text) or one JSON object (json) per hit. */
void srch_print_hits(const srch_printer_t *p, const srch_results_t *res);

/** Scripted output for one query: text prints a "## query" header and the
 * hits; json prints one object {"query", "total", "results": [...]}. An
 * error (errmsg non-NULL) is printed as such in the same format. */
void srch_print_query_result(const srch_printer_t *p, const char *query,
                             const srch_results_t *res, const char *errmsg);

#endif
