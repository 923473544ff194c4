/* SPDX-License-Identifier: MIT */
/*
 * query.cc - xapc_query_t: immutable Xapian::Query trees built from terms
 * the caller has already tokenized.
 */
#include "xapc-private.h"

#include <new>
#include <vector>

/* Wraps 'query' in a new handle, or throws (bad_alloc) trying. */
static xapc_query_t *
wrap(const Xapian::Query &query)
{
    xapc_query_t *q = new (std::nothrow) xapc_query_t;
    if (!q)
        throw std::bad_alloc();
    q->query = query;
    return q;
}

/* The usual prologue for the functions that return a new query. */
static void
reset_out(xapc_query_t **out, char **errmsg)
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
}

static void
check_out(xapc_query_t **out, const char *context)
{
    if (!out)
        xapc__invalid(context, "NULL out");
}

extern "C" xapc_status_t
xapc_query_term(const char *term, size_t term_len, uint32_t wqf,
                xapc_termpos_t pos, xapc_query_t **out,
                char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_term");
        /* Xapian reads the empty term as "match everything": refuse it. */
        if (!term || !term_len)
            xapc__invalid("xapc_query_term", "empty term");
        *out = wrap(Xapian::Query(std::string(term, term_len), wqf, pos));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_term");
    }
}

extern "C" xapc_status_t
xapc_query_wildcard(const char *prefix, size_t prefix_len,
                    uint32_t max_expansion, xapc_query_t **out,
                    char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_wildcard");
        if (!prefix && prefix_len)
            xapc__invalid("xapc_query_wildcard", "NULL prefix");
        std::string pattern = prefix ? std::string(prefix, prefix_len)
                                     : std::string();
        /*
         * In 1.4.22 WILDCARD_LIMIT_MOST_FREQUENT with a limit of 0 expands
         * to no terms at all (checked by t-xapc), although 0 is documented
         * as "no limit". With no limit the policy does not matter, so
         * WILDCARD_LIMIT_ERROR, which can then never throw, is used.
         */
        int policy = max_expansion
                         ? int(Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT)
                         : int(Xapian::Query::WILDCARD_LIMIT_ERROR);
        *out = wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, pattern,
                                  max_expansion, policy,
                                  Xapian::Query::OP_SYNONYM));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_wildcard");
    }
}

static Xapian::Query::op
xapian_op(long long op)
{
    switch (op) {
    case XAPC_OP_AND:
        return Xapian::Query::OP_AND;
    case XAPC_OP_OR:
        return Xapian::Query::OP_OR;
    case XAPC_OP_AND_NOT:
        return Xapian::Query::OP_AND_NOT;
    case XAPC_OP_AND_MAYBE:
        return Xapian::Query::OP_AND_MAYBE;
    case XAPC_OP_FILTER:
        return Xapian::Query::OP_FILTER;
    case XAPC_OP_PHRASE:
        return Xapian::Query::OP_PHRASE;
    case XAPC_OP_NEAR:
        return Xapian::Query::OP_NEAR;
    case XAPC_OP_SYNONYM:
        return Xapian::Query::OP_SYNONYM;
    default:
        break;
    }
    xapc__invalid("xapc_query_combine", "unknown operator");
}

extern "C" xapc_status_t
xapc_query_combine(xapc_query_op_t op, const xapc_query_t *const *subs,
                   size_t n, uint32_t window, xapc_query_t **out,
                   char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_combine");
        long long op_value = xapc__enum_value(op);
        Xapian::Query::op xop = xapian_op(op_value);
        if (!n) {
            *out = wrap(Xapian::Query::MatchNothing);
            return XAPC_OK;
        }
        if (!subs)
            xapc__invalid("xapc_query_combine", "NULL subs");
        std::vector<Xapian::Query> parts;
        parts.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                xapc__invalid("xapc_query_combine", "NULL subquery");
            parts.push_back(subs[i]->query);
        }
        /* The window only means something to PHRASE and NEAR. */
        Xapian::termcount parameter =
            (op_value == XAPC_OP_PHRASE || op_value == XAPC_OP_NEAR) ? window
                                                                   : 0;
        std::vector<xapc_query_part> tagged = xapc__parts_combine(op_value, subs, n);
        *out = wrap(Xapian::Query(xop, parts.begin(), parts.end(), parameter));
        (*out)->parts = std::move(tagged);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_combine");
    }
}

extern "C" xapc_status_t
xapc_query_value_range(xapc_slot_t slot, const char *lo, size_t lo_len,
                       const char *hi, size_t hi_len, xapc_query_t **out,
                       char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_value_range");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_query_value_range", "slot 0xffffffff is reserved");
        Xapian::Query query;
        if (lo && hi)
            query = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                  std::string(lo, lo_len),
                                  std::string(hi, hi_len));
        else if (hi)
            query = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot,
                                  std::string(hi, hi_len));
        else
            /* ">= empty" is every document: Xapian makes it MatchAll. */
            query = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot,
                                  lo ? std::string(lo, lo_len) : std::string());
        *out = wrap(query);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_value_range");
    }
}

extern "C" xapc_status_t
xapc_query_scale(const xapc_query_t *sub, double factor, xapc_query_t **out,
                 char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_scale");
        if (!sub)
            xapc__invalid("xapc_query_scale", "NULL subquery");
        /* Written so that NaN fails too. */
        if (!(factor >= 0.0))
            xapc__invalid("xapc_query_scale", "factor must be >= 0");
        std::vector<xapc_query_part> tagged = xapc__parts_scale(sub, factor);
        *out = wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, sub->query,
                                  factor));
        (*out)->parts = std::move(tagged);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_scale");
    }
}

extern "C" xapc_status_t
xapc_query_match_all(xapc_query_t **out, char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_match_all");
        *out = wrap(Xapian::Query::MatchAll);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_match_all");
    }
}

extern "C" xapc_status_t
xapc_query_match_nothing(xapc_query_t **out, char **errmsg) XAPC_NOEXCEPT
{
    reset_out(out, errmsg);
    try {
        check_out(out, "xapc_query_match_nothing");
        *out = wrap(Xapian::Query::MatchNothing);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_match_nothing");
    }
}

extern "C" bool
xapc_query_is_empty(const xapc_query_t *q) XAPC_NOEXCEPT
{
    /* Query::empty() only tests a pointer; it cannot throw. */
    return !q || q->query.empty();
}

extern "C" xapc_status_t
xapc_query_describe(const xapc_query_t *q, char **out,
                    char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    try {
        if (!q)
            xapc__invalid("xapc_query_describe", "NULL query");
        if (!out)
            xapc__invalid("xapc_query_describe", "NULL out");
        std::string text = q->query.get_description();
        *out = xapc__strdup(text.data(), text.size());
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_query_describe");
    }
}

extern "C" void
xapc_query_destroy(xapc_query_t *q) XAPC_NOEXCEPT
{
    delete q;
}
