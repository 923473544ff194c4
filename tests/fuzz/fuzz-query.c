/* SPDX-License-Identifier: MIT */
/* fuzz-query.c - libFuzzer target for the query parser: any bytes as a
 * user query. Parsing must not crash or leak; a parsed query must build,
 * and highlighting it over the same bytes must give sorted, disjoint spans
 * inside the text. */
#include "bug.h"
#include "query.h"

#include <stdint.h>
#include <stdlib.h>

#define FUZZ_MAX_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES)
        return 0;
    const char *text = (const char *)data;
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    cn_status_t st = srch_query_parse(&o, text, size, &q, &err);
    if (st != CN_OK) {
        if (st != CN_E_QUERY_SYNTAX || !err)
            CN_BUG("parse failed with %s", cn_status_to_string(st));
        free(err);
        return 0;
    }
    for (size_t c = 0; c < q.count; c++)
        for (size_t i = 0; i < q.chunks[c].count; i++)
            if (q.chunks[c].elems[i].term_len == 0)
                CN_BUG("empty query term");
    if (q.count) {
        xapc_query_t *xq = NULL;
        if (srch_query_build(&q, &xq, &err) != CN_OK)
            CN_BUG("a parsed query did not build: %s", err ? err : "");
        xapc_query_destroy(xq);
    }
    srch_span_t *spans = NULL;
    size_t n = 0;
    if (srch_query_highlight(&q, &o, text, size, &spans, &n) != CN_OK)
        CN_BUG("highlight failed");
    for (size_t i = 0; i < n; i++) {
        if (spans[i].start >= spans[i].end || spans[i].end > size)
            CN_BUG("span %zu out of bounds", i);
        if (i && spans[i].start < spans[i - 1].end)
            CN_BUG("spans %zu and %zu overlap", i - 1, i);
    }
    free(spans);
    srch_query_release(&q);
    return 0;
}
