/* SPDX-License-Identifier: MIT */
/*
 * parts.cc - score components: constant-weight evidence, tagged parts of
 * a query, and xapc_reader_explain(), which weighs each tag alone.
 */
#include "xapc-private.h"

#include <new>

std::vector<xapc_query_part>
xapc__parts_combine(long long op, const xapc_query_t *const *subs, size_t n)
{
    std::vector<xapc_query_part> out;
    size_t upto = n;
    switch (op) {
    case XAPC_OP_AND_NOT:
    case XAPC_OP_FILTER:
        upto = n ? 1 : 0;
        break;
    case XAPC_OP_SYNONYM:
    case XAPC_OP_PHRASE:
    case XAPC_OP_NEAR:
        upto = 0;
        break;
    default:
        break;
    }
    for (size_t i = 0; i < upto; i++)
        out.insert(out.end(), subs[i]->parts.begin(), subs[i]->parts.end());
    return out;
}

std::vector<xapc_query_part>
xapc__parts_scale(const xapc_query_t *sub, double factor)
{
    std::vector<xapc_query_part> out;
    if (factor == 0.0)
        return out;
    for (const xapc_query_part &p : sub->parts)
        out.push_back({ p.tag, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, p.query,
                                             factor) });
    return out;
}

extern "C" xapc_status_t
xapc_query_const_weight(const xapc_query_t *sub, double weight, xapc_query_t **out,
                        char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    try {
        if (!sub || !out)
            xapc__invalid("xapc_query_const_weight", "NULL argument");
        if (!(weight >= 0.0) || weight > 1e300)
            xapc__invalid("xapc_query_const_weight", "weight must be finite and >= 0");
        Xapian::Query filter(Xapian::Query::OP_SCALE_WEIGHT, sub->query, 0.0);
        Xapian::Query query = filter;
        if (weight > 0.0) {
            /* Matches every document with 'weight'; the AND keeps those of
             * 'sub'. Query takes ownership of the released source. */
            Xapian::Query fixed((new Xapian::FixedWeightPostingSource(weight))->release());
            query = Xapian::Query(Xapian::Query::OP_AND, filter, fixed);
        }
        xapc_query_t *q = new (std::nothrow) xapc_query_t;
        if (!q)
            throw std::bad_alloc();
        q->query = query;
        *out = q;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_const_weight");
    }
}

extern "C" xapc_status_t
xapc_query_tag(const xapc_query_t *sub, const char *tag, xapc_query_t **out,
               char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    try {
        if (!sub || !tag || !*tag || !out)
            xapc__invalid("xapc_query_tag", "NULL query, out or empty tag");
        xapc_query_t *q = new (std::nothrow) xapc_query_t;
        if (!q)
            throw std::bad_alloc();
        q->query = sub->query;
        try {
            q->parts.push_back({ tag, sub->query });
        } catch (...) {
            delete q;
            throw;
        }
        *out = q;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_tag");
    }
}

/* The tags of 'q' in order of first appearance. */
static std::vector<std::string>
tags_of(const xapc_query_t *q)
{
    std::vector<std::string> tags;
    for (const xapc_query_part &p : q->parts) {
        bool seen = false;
        for (const std::string &t : tags)
            seen = seen || t == p.tag;
        if (!seen)
            tags.push_back(p.tag);
    }
    return tags;
}

extern "C" xapc_status_t
xapc_reader_explain(xapc_reader_t *r, const xapc_query_t *q,
                    const xapc_search_opts_t *opts, const xapc_query_t *docs,
                    uint32_t max_docs, xapc_explain_fn fn, void *ctx) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!q || !docs || !fn)
            xapc__invalid("xapc_reader_explain", "NULL query, docs or callback");
        if (r->shards.empty())
            return XAPC_OK;
        xapc_search_opts_t defaults;
        xapc_search_opts_init(&defaults);
        if (!opts)
            opts = &defaults;
        Xapian::Enquire enquire(r->db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(opts->bm25_k1, opts->bm25_k2,
                                                        opts->bm25_k3, opts->bm25_b,
                                                        opts->bm25_min_normlen));
        for (const std::string &tag : tags_of(q)) {
            std::vector<Xapian::Query> mine;
            for (const xapc_query_part &p : q->parts)
                if (p.tag == tag)
                    mine.push_back(p.query);
            Xapian::Query alone(Xapian::Query::OP_OR, mine.begin(), mine.end());
            enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, alone, docs->query));
            /* Room for every document of the filter, so that no pruning
             * by weight ever happens: the weights are those of a full
             * evaluation. */
            Xapian::MSet mset = enquire.get_mset(0, max_docs, max_docs);
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
                if (fn(ctx, *it, tag.c_str(), it.get_weight()))
                    return XAPC_OK;
        }
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_explain");
    }
}
