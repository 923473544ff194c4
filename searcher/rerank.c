/* SPDX-License-Identifier: MIT */
/* rerank.c - the bonuses computed on the text of the best candidates:
 * the exact-phrase bonus of relaxed matching, and term proximity. */
#include "rerank.h"
#include "match.h"
#include "proximity.h"

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

/* A chunk proximity counts: one the passage text must or may hold.
 * Excluded words and title: values are not in the text; another alias
 * of a word stands for that word, which is counted already. */
static bool
positive(const srch_chunk_t *c)
{
    return c->count && !c->negated && !c->title_only && !c->alias;
}

unsigned
srch_rerank_proximity_depth(const cfg_config_t *cfg, const srch_query_t *q,
                            bool by_relevance)
{
    if (!by_relevance || cfg->proximity_weight <= 0)
        return 0;
    unsigned n = 0;
    for (size_t i = 0; i < q->count; i++)
        n += positive(&q->chunks[i]);
    return n >= 2 ? cfg->proximity_candidates : 0;
}

cn_status_t
srch_rerank_proximity(const srch_query_t *q, const tok_options_t *tok, const char *text,
                      size_t len, double scale, double *factor)
{
    *factor = 0;
    srch_text_t *t = NULL;
    cn_status_t st = srch_text_create(tok, text, len, &t);
    srch_occ_t *occ = NULL;
    size_t n = 0, alloc = 0;
    unsigned chunks = 0;
    for (size_t i = 0; i < q->count && st == CN_OK; i++) {
        if (!positive(&q->chunks[i]))
            continue;
        st = srch_text_chunk_occurrences(t, &q->chunks[i], chunks++, &occ, &n, &alloc);
    }
    srch_text_destroy(t);
    if (st == CN_OK && n) {
        /* Each chunk's occurrences are in order; the window wants them
         * all in order of start. Stable is not needed: equal starts of
         * different chunks make the same windows either way. */
        for (size_t i = 1; i < n; i++) {
            srch_occ_t x = occ[i];
            size_t j = i;
            for (; j > 0 && occ[j - 1].start > x.start; j--)
                occ[j] = occ[j - 1];
            occ[j] = x;
        }
        srch_window_t w;
        st = srch_proximity_window(occ, n, chunks, &w);
        if (st == CN_OK)
            *factor = srch_proximity_factor(&w, chunks, scale);
    }
    free(occ);
    return st;
}

cn_status_t
srch_rerank(srch_results_t *res, const srch_rerank_opts_t *o, unsigned first,
            unsigned limit)
{
    size_t n = res->count;
    struct ranked *r = calloc(n ? n : 1, sizeof(*r));
    if (!r)
        return CN_E_NOMEM;
    for (size_t i = 0; i < n; i++) {
        cn_status_t st = CN_OK;
        r[i].hit = res->hits[i];
        r[i].data = res->data[i];
        r[i].order = i;
        if (o->phrase) {
            unsigned exact, total;
            st = srch_verify_exact_chunks(o->phrase, &res->hits[i].rec, &exact, &total);
            if (st == CN_OK && total)
                r[i].hit.score *= 1.0 + (double)exact / total;
        }
        /* Only the first candidates: the bonus never lowers a score, so
         * those below them keep their order and every page agrees. */
        if (st == CN_OK && i < o->proximity_depth) {
            double f;
            st = srch_rerank_proximity(o->q, o->tok, r[i].hit.rec.text, r[i].hit.rec.text_len,
                                       o->proximity_scale, &f);
            r[i].hit.proximity = r[i].hit.score * o->proximity_weight * f;
            r[i].hit.score += r[i].hit.proximity;
        }
        if (st != CN_OK) {
            free(r);
            return st;
        }
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
