/* SPDX-License-Identifier: MIT */
/* t-proximity.c - the smallest window holding each chunk present, its
 * bonus factor, and both on real text through the one matcher. */
#include "proximity.h"
#include "query.h"
#include "rerank.h"
#include "tap.h"
#include "tokenizer.h"

#include <stdlib.h>
#include <string.h>

static void
window(const srch_occ_t *occ, size_t n, unsigned nchunks, unsigned chunks, size_t width,
       size_t gap, const char *name)
{
    srch_window_t w;
    is_int(srch_proximity_window(occ, n, nchunks, &w), CN_OK, "%s: ok", name);
    ok(w.chunks == chunks && w.width == width && w.gap == gap,
       "%s (chunks %u width %zu gap %zu)", name, w.chunks, w.width, w.gap);
}

static double
factor_of(const char *query, const char *text)
{
    tok_options_t tok;
    tok_options_init(&tok);
    srch_query_t q;
    char *err = NULL;
    double f = -1;
    if (srch_query_parse(&tok, query, strlen(query), &q, &err) != CN_OK) {
        free(err);
        return -1;
    }
    if (srch_rerank_proximity(&q, &tok, text, strlen(text), 8.0, &f) != CN_OK)
        f = -1;
    srch_query_release(&q);
    return f;
}

int
main(void)
{
    window(NULL, 0, 2, 0, 0, 0, "no occurrence: an empty window");
    const srch_occ_t one[] = { { 3, 4, 0 }, { 9, 10, 0 } };
    window(one, 2, 2, 1, 2, 0, "one chunk present: its own width");
    /* A at 0-1, B at 10-11 and again at 3-4: the closer B wins. */
    const srch_occ_t two[] = { { 0, 1, 0 }, { 3, 4, 1 }, { 10, 11, 1 } };
    window(two, 3, 2, 2, 5, 1, "two chunks: the closest pair");
    const srch_occ_t adj[] = { { 0, 1, 0 }, { 2, 3, 1 } };
    window(adj, 2, 2, 2, 4, 0, "adjacent chunks: no gap");
    /* Overlapping occurrences count their shared token once. */
    const srch_occ_t ovl[] = { { 0, 2, 0 }, { 2, 3, 1 } };
    window(ovl, 2, 2, 2, 4, 0, "overlapping chunks: no gap, width of the union");
    /* Three chunks, a far triple first and a tight one later. */
    const srch_occ_t three[] = { { 0, 0, 0 }, { 20, 20, 1 }, { 40, 40, 2 },
                                 { 50, 50, 0 }, { 52, 52, 1 }, { 53, 53, 2 } };
    window(three, 6, 3, 3, 4, 1, "three chunks: the later tight window");
    /* Only two of three chunks occur: the window of those two. */
    const srch_occ_t part[] = { { 0, 0, 0 }, { 30, 30, 2 }, { 31, 31, 0 } };
    window(part, 3, 3, 2, 2, 0, "two of three present");

    srch_window_t w = { 2, 4, 0 };
    ok(srch_proximity_factor(&w, 2, 8.0) == 1.0, "all chunks adjacent: factor 1");
    w.gap = 8;
    ok(srch_proximity_factor(&w, 2, 8.0) == 0.5, "a gap of 'scale' tokens halves it");
    w.chunks = 2, w.gap = 0;
    ok(srch_proximity_factor(&w, 4, 8.0) == 0.5, "half the chunks: half the factor");
    w.chunks = 1;
    ok(srch_proximity_factor(&w, 2, 8.0) == 0, "one chunk: no proximity");

    /* On text, through match.c: the same words, near and far apart. */
    double near = factor_of("纳德拉 OpenAI", "纳德拉宣布OpenAI的新消息。"
                                             "今天天气很好，我们去公园散步吧。");
    double far = factor_of("纳德拉 OpenAI", "纳德拉宣布今天天气很好，我们去公园散步吧，"
                                            "OpenAI的新消息。");
    ok(near > far && far > 0, "close words earn more (%.3f > %.3f)", near, far);
    /* 宣布 stands between them: a gap of a token or two of 8. */
    ok(near > 0.5 && near < 1.0, "close but not adjacent (%.3f)", near);
    ok(factor_of("纳德拉 OpenAI", "纳德拉OpenAI") == 1.0, "adjacent words: factor 1");
    ok(factor_of("纳德拉", "纳德拉 OpenAI") == 0, "one word: no proximity");
    ok(factor_of("纳德拉 -OpenAI", "纳德拉 OpenAI") == 0, "an excluded word does not count");
    ok(factor_of("纳德拉 微软", "纳德拉说了很多") == 0, "one of two words present: none");
    double three_w = factor_of("微软 投资 11月", "微软投资11月");
    ok(three_w == 1.0, "three words side by side (%.3f)", three_w);
    return tap_done();
}
