/* SPDX-License-Identifier: MIT */
/* rerank.c - the exact-phrase bonus of relaxed matching, on the text. */
#include "rerank.h"

#include <stdlib.h>
#include <string.h>

struct ranked {
    srch_hit_t hit;
    char *data;
    size_t order; /* Xapian's order: ties keep it */
};

static int
cmp_ranked(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->hit.score != y->hit.score)
        return x->hit.score > y->hit.score ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

cn_status_t
srch_rerank(srch_results_t *res, srch_verify_t *v, unsigned first, unsigned limit)
{
    size_t n = res->count;
    struct ranked *r = calloc(n ? n : 1, sizeof(*r));
    if (!r)
        return CN_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned exact, total;
        cn_status_t st = srch_verify_exact_chunks(v, &res->hits[i].rec, &exact, &total);
        if (st != CN_OK) {
            free(r);
            return st;
        }
        r[i].hit = res->hits[i];
        r[i].data = res->data[i];
        r[i].order = i;
        if (total)
            r[i].hit.score *= 1.0 + (double)exact / total;
    }
    qsort(r, n, sizeof(*r), cmp_ranked);
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (i >= first && out < limit) {
            res->hits[out] = r[i].hit;
            res->hits[out].rank = (unsigned)(first + out + 1);
            res->data[out] = r[i].data;
            out++;
        } else {
            free(r[i].hit.spans);
            free(r[i].hit.copies);
            free(r[i].data);
        }
    }
    res->count = out;
    free(r);
    return CN_OK;
}
