/* SPDX-License-Identifier: MIT */
/* explain.c - splitting result scores into their components. */
#include "explain.h"
#include "buf.h"
#include "schema.h"
#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const part_names[SRCH_PART_COUNT] = {
    "body", "title", "phrase", "proximity", "alias", "entity", "date", "other",
};

const char *
srch_part_name(size_t i)
{
    return i < SRCH_PART_COUNT ? part_names[i] : "?";
}

static size_t
part_index(const char *tag)
{
    for (size_t i = 0; i < SRCH_PART_OTHER; i++)
        if (strcmp(tag, part_names[i]) == 0)
            return i;
    return SRCH_PART_OTHER;
}

static int
add_part(void *ctx, xapc_docid_t docid, const char *tag, double weight)
{
    srch_results_t *res = ctx;
    for (size_t i = 0; i < res->count; i++)
        if (res->hits[i].docid == docid && res->hits[i].explain)
            res->hits[i].explain[part_index(tag)] += weight;
    return 0;
}

/* One passage shown: its article's A term and its number in value slot
 * CN_SLOT_PASSAGE_NO. Docids cannot be sent to remote shards, and the
 * index has no per-passage term (schema 3 stopped writing Q terms, which
 * were a seventh of the postings: docs/index-schema.md). */
static xapc_status_t
shown_passage(const cn_record_t *r, cn_buf_t *t, xapc_query_t **out, char **errmsg)
{
    xapc_query_t *sub[2] = { NULL, NULL };
    char no[16];
    int nolen = snprintf(no, sizeof(no), "%u", r->passage_no);
    cn_buf_clear(t);
    cn_id_term(t, CN_PREFIX_ARTICLE, r->article_id, r->article_id_len, NULL);
    xapc_status_t xs = xapc_query_term(t->data, t->len, 1, 0, &sub[0], errmsg);
    if (!xs)
        xs = xapc_query_value_range(CN_SLOT_PASSAGE_NO, no, (size_t)nolen, no,
                                    (size_t)nolen, &sub[1], errmsg);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_AND, (const xapc_query_t *const *)sub, 2, 0, out,
                                errmsg);
    xapc_query_destroy(sub[0]);
    xapc_query_destroy(sub[1]);
    return xs;
}

/* The passages shown: a filter that works on remote shards too. */
static xapc_status_t
shown_filter(const srch_results_t *res, xapc_query_t **out, char **errmsg)
{
    xapc_query_t **subs = calloc(res->count ? res->count : 1, sizeof(*subs));
    if (!subs)
        return XAPC_E_NOMEM;
    xapc_status_t xs = XAPC_OK;
    cn_buf_t t = CN_BUF_INIT;
    for (size_t i = 0; i < res->count && !xs; i++)
        xs = shown_passage(&res->hits[i].rec, &t, &subs[i], errmsg);
    cn_buf_release(&t);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)subs, res->count,
                                0, out, errmsg);
    for (size_t i = 0; i < res->count; i++)
        xapc_query_destroy(subs[i]);
    free(subs);
    return xs;
}

cn_status_t
srch_explain_hits(xapc_reader_t *r, const cfg_config_t *cfg, const xapc_query_t *xq,
                  srch_results_t *res, char **errmsg)
{
    for (size_t i = 0; i < res->count; i++)
        if (!(res->hits[i].explain = calloc(SRCH_PART_COUNT, sizeof(double))))
            return CN_E_NOMEM;
    if (!res->count)
        return CN_OK;
    xapc_query_t *docs = NULL;
    char *xerr = NULL;
    xapc_status_t xs = shown_filter(res, &docs, &xerr);
    free(xerr);
    if (xs)
        return xs == XAPC_E_NOMEM ? CN_E_NOMEM : CN_E_INTERNAL;
    /* The same weighting as the search (search.c). */
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.bm25_k1 = cfg->bm25_k1;
    o.bm25_b = cfg->bm25_b;
    o.bm25_k3 = cfg->bm25_k3;
    o.bm25_min_normlen = cfg->bm25_min_normlen;
    /* A passage id in several shards matches once in each. */
    uint32_t room = (uint32_t)(res->count * (xapc_reader_shard_count(r) + 1));
    xs = xapc_reader_explain(r, xq, &o, docs, room, add_part, res);
    xapc_query_destroy(docs);
    if (xs) {
        *errmsg = cn_strdupf("cannot explain the scores: %s", xapc_reader_last_error(r));
        return xs == XAPC_E_NOMEM ? CN_E_NOMEM : CN_E_DB;
    }
    for (size_t i = 0; i < res->count; i++) {
        srch_hit_t *h = &res->hits[i];
        double sum = 0;
        for (size_t k = 0; k < SRCH_PART_OTHER; k++)
            sum += h->explain[k];
        /* Rounding of the sums aside, only untagged weight is left, and
         * the bonuses rerank.c computes after the match (they are no query
         * part): proximity, which it records, and in relaxed matching the
         * exact-phrase bonus, the rest. */
        h->explain[SRCH_PART_PROXIMITY] = h->proximity;
        double rest = h->score - sum - h->proximity;
        if (fabs(rest) < 1e-9 * (1 + fabs(h->score)))
            rest = 0;
        h->explain[res->relaxed ? SRCH_PART_PHRASE : SRCH_PART_OTHER] += rest;
    }
    return CN_OK;
}
