/* SPDX-License-Identifier: MIT */
/* fuzz-query.c - libFuzzer target for the query parser: any bytes as a
 * user query. Parsing must not crash, hang or leak (nesting is bounded);
 * a syntax error names a column inside the text (or just past its end);
 * a parsed query must build, its tree must dump, and highlighting it over
 * the same bytes must give sorted, disjoint spans inside the text. */
#include "buf.h"
#include "bug.h"
#include "query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
        if (q.error_column < 1 || q.error_column > size + 1)
            CN_BUG("error column %zu outside the query", q.error_column);
        if (strncmp(err, "column ", 7) != 0)
            CN_BUG("error message names no column: %s", err);
        free(err);
        return 0;
    }
    for (size_t c = 0; c < q.count; c++)
        for (size_t i = 0; i < q.chunks[c].count; i++)
            if (q.chunks[c].elems[i].term_len == 0)
                CN_BUG("empty query term");
    for (size_t c = 0; c < q.count; c++)
        if (q.chunks[c].window > 1000)
            CN_BUG("proximity window %u over the bound", q.chunks[c].window);
    cn_buf_t dump = CN_BUF_INIT;
    srch_node_dump(q.root, &dump);
    if (!dump.len || dump.data[0] != '(')
        CN_BUG("tree dump is not an S-expression");
    cn_buf_release(&dump);
    xapc_query_t *xq = NULL;
    if (srch_query_build(&q, &xq, &err) != CN_OK)
        CN_BUG("a parsed query did not build: %s", err ? err : "");
    xapc_query_destroy(xq);
    /* The relaxed reading (--match any) must build too. */
    q.relaxed = true;
    xq = NULL;
    if (srch_query_build(&q, &xq, &err) != CN_OK)
        CN_BUG("a parsed query did not build relaxed: %s", err ? err : "");
    xapc_query_destroy(xq);
    q.relaxed = false;
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
