/* SPDX-License-Identifier: MIT */
/* fuzz-literal.c - libFuzzer target for the phrase check's fast paths
 * (searcher/literal.c): the input is a query, a newline, then a passage
 * of valid UTF-8. For every chunk, a fast answer (srch_literal_check)
 * must be the tokenizing check's (srch_text_has_chunk), and the
 * highlights must be those found from the tokens: an ignorable appended
 * at the end changes no token but sends the highlighter to them. */
#include "bug.h"
#include "literal.h"
#include "match.h"
#include "query.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_BYTES (16 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES)
        return 0;
    const char *in = (const char *)data, *nl = memchr(in, '\n', size);
    if (!nl)
        return 0;
    size_t qlen = (size_t)(nl - in), len = size - qlen - 1;
    const char *text = nl + 1;
    /* Passages are valid UTF-8: the indexer stores nothing else. */
    if (!cn_utf8_valid(text, len))
        return 0;
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    if (srch_query_parse(&o, in, qlen, &q, &err) != CN_OK) {
        free(err);
        return 0;
    }
    srch_text_t *t = NULL;
    if (srch_text_create(&o, text, len, &t) != CN_OK)
        CN_BUG("tokenizing the passage failed");
    srch_plain_text_t pt = SRCH_PLAIN_TEXT_INIT;
    for (size_t c = 0; c < q.count; c++) {
        int fast = srch_literal_check(&o, &q.chunks[c], text, len, &pt);
        if (fast >= 0 && fast != (int)srch_text_has_chunk(t, &q.chunks[c]))
            CN_BUG("chunk %zu: the fast check says %d, the tokens say otherwise", c, fast);
    }
    srch_plain_text_release(&pt);
    srch_text_destroy(t);

    char *slow = malloc(len + 3);
    if (!slow)
        CN_BUG("out of memory");
    memcpy(slow, text, len);
    memcpy(slow + len, "\xe2\x80\x8b", 3);
    srch_span_t *fs = NULL, *ss = NULL;
    size_t fn = 0, sn = 0;
    if (srch_query_highlight(&q, &o, text, len, &fs, &fn) != CN_OK ||
        srch_query_highlight(&q, &o, slow, len + 3, &ss, &sn) != CN_OK)
        CN_BUG("highlight failed");
    if (fn != sn || (fn && memcmp(fs, ss, fn * sizeof(*fs)) != 0))
        CN_BUG("highlights differ: %zu spans from the literal, %zu from the tokens", fn, sn);
    free(fs);
    free(ss);
    free(slow);
    srch_query_release(&q);
    return 0;
}
