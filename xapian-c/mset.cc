/* SPDX-License-Identifier: MIT */
/*
 * mset.cc - running a query (Xapian::Enquire) and xapc_mset_t, the
 * results with their iterator.
 */
#include "xapc-private.h"

#include <cmath>
#include <new>

extern "C" void
xapc_search_opts_init(xapc_search_opts_t *o) XAPC_NOEXCEPT
{
    if (!o)
        return;
    /* The values of Xapian 1.4's BM25Weight() default constructor. */
    o->bm25_k1 = 1.0;
    o->bm25_k2 = 0.0;
    o->bm25_k3 = 1.0;
    o->bm25_b = 0.5;
    o->bm25_min_normlen = 0.5;
    o->collapse_slot = 0;
    o->collapse_max = 0;
    o->sort_slot = -1;
    o->sort_reverse = false;
    o->tiebreak_slots[0] = o->tiebreak_slots[1] = -1;
    o->first = 0;
    o->max_items = 10;
    o->check_at_least = 0;
    o->spies = nullptr;
    o->nspies = 0;
    o->decider = nullptr;
    o->decider_ctx = nullptr;
    o->decider_keep_bytes = 0;
}

static bool
non_negative(double v)
{
    return std::isfinite(v) && v >= 0.0;
}

/*
 * BM25Weight silently clamps out-of-range parameters; we reject them so a
 * typo in a config file is reported rather than searched with.
 */
static void
check_opts(const xapc_search_opts_t *o)
{
    static const char ctx[] = "xapc_reader_search";
    if (!non_negative(o->bm25_k1) || !non_negative(o->bm25_k2) ||
        !non_negative(o->bm25_k3) || !non_negative(o->bm25_min_normlen))
        xapc__invalid(ctx, "BM25 k1, k2, k3 and min_normlen must be >= 0");
    if (!non_negative(o->bm25_b) || o->bm25_b > 1.0)
        xapc__invalid(ctx, "BM25 b must be in [0, 1]");
    if (o->collapse_max && o->collapse_slot == Xapian::BAD_VALUENO)
        xapc__invalid(ctx, "collapse_slot 0xffffffff is reserved");
    if (o->sort_slot >= 0 &&
        static_cast<Xapian::valueno>(o->sort_slot) == Xapian::BAD_VALUENO)
        xapc__invalid(ctx, "sort_slot 0xffffffff is reserved");
    /* The ordered search fetches first + max_items + 1 results. */
    if (xapc__wants_ties_ordered(o) &&
        static_cast<uint64_t>(o->first) + o->max_items >= UINT32_MAX / 2)
        xapc__invalid(ctx, "first + max_items too large");
}

static void
configure(Xapian::Enquire &enquire, const xapc_query_t *q,
          const xapc_search_opts_t *o)
{
    /* get_mset() takes the decider itself, see xapc_reader_search(). */
    enquire.set_query(q->query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(
        o->bm25_k1, o->bm25_k2, o->bm25_k3, o->bm25_b, o->bm25_min_normlen));
    if (o->collapse_max)
        enquire.set_collapse_key(o->collapse_slot, o->collapse_max);
    if (o->sort_slot >= 0)
        enquire.set_sort_by_value_then_relevance(
            static_cast<Xapian::valueno>(o->sort_slot), o->sort_reverse);
}

extern "C" xapc_status_t
xapc_reader_search(xapc_reader_t *r, const xapc_query_t *q,
                   const xapc_search_opts_t *opts,
                   xapc_mset_t **out) XAPC_NOEXCEPT
{
    if (out)
        *out = nullptr;
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    xapc_mset_t *m = nullptr;
    try {
        if (!q)
            xapc__invalid("xapc_reader_search", "NULL query");
        if (!out)
            xapc__invalid("xapc_reader_search", "NULL out");
        xapc_search_opts_t defaults;
        if (!opts) {
            xapc_search_opts_init(&defaults);
            opts = &defaults;
        }
        check_opts(opts);
        /*
         * Enquire refuses a Database with no shards; an empty in-memory
         * one gives the documented "matches nothing" instead.
         */
        Xapian::Database db = r->db;
        if (r->shards.empty())
            db = Xapian::WritableDatabase(std::string(),
                                          Xapian::DB_BACKEND_INMEMORY);
        m = new (std::nothrow) xapc_mset_t(db);
        if (!m)
            throw std::bad_alloc();
        configure(m->enquire, q, opts);
        if (opts->decider && r->has_remote)
            xapc__invalid("xapc_reader_search",
                          "a match decider cannot run on remote shards");
        /*
         * The passes of a search sorted by value ask the decider once per
         * shard id (ties.cc, MemoDecider): over several shards it never
         * sees the second document of an id, so it cannot tell kept data
         * apart, and keeps none.
         */
        m->shards = db.size();
        bool memo = xapc__wants_ties_ordered(opts) && opts->sort_slot >= 0;
        m->kept.budget = memo && m->shards > 1 ? 0 : opts->decider_keep_bytes;
        m->unpack = xapc__reader_unpacker(r);
        xapc__decider decider(opts->decider, opts->decider_ctx,
                              m->kept.budget ? &m->kept : nullptr, m->unpack.get(),
                              &r->shards);
        if (opts->decider)
            m->hooks.deciders.push_back(&decider);
        m->hooks.cancel = r->cancel;
        m->hooks.has_remote = r->has_remote;
        xapc__reader_load_dead(r);
        m->dead = r->dead;
        for (const auto &d : r->dead)
            m->hooks.dead = m->hooks.dead || d->s.n;
        m->enquire.set_query(xapc__hooks_apply(m->hooks, m->enquire, q->query));
        Xapian::doccount check = xapc__spies_attach(m->enquire, db, opts);
        if (check < opts->check_at_least)
            check = opts->check_at_least;
        const Xapian::MatchDecider *composed = xapc__hooks_decider(m->hooks);
        if (xapc__wants_ties_ordered(opts))
            xapc__search_ordered(m, opts, check, composed);
        else
            m->mset = m->enquire.get_mset(opts->first, opts->max_items, check, nullptr,
                                          composed);
        /* The spies are the caller's and the decider lives on this stack:
         * the Enquire and the hooks must not keep them. */
        m->enquire.clear_matchspies();
        m->hooks.deciders.clear();
        m->hooks.all_of.reset();
        *out = m;
        return XAPC_OK;
    } catch (...) {
        delete m;
        return xapc__fail(r->last_error, "xapc_reader_search");
    }
}

extern "C" const char *
xapc_mset_last_error(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    return m ? m->last_error.c_str() : "NULL mset";
}

/*
 * MSet::size() returns the size of a vector and cannot throw. The other
 * accessors below also only read numbers the MSet holds, but Xapian does
 * not promise that they never throw, so they are wrapped.
 */
extern "C" uint32_t
xapc_mset_size(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    return m ? m->size() : 0;
}

extern "C" uint32_t
xapc_mset_matches_estimated(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    try {
        return m ? m->mset.get_matches_estimated() : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" uint32_t
xapc_mset_matches_lower_bound(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    try {
        return m ? m->mset.get_matches_lower_bound() : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" uint32_t
xapc_mset_matches_upper_bound(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    try {
        return m ? m->mset.get_matches_upper_bound() : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" bool
xapc_mset_valid(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    return m && m->pos < m->size();
}

/* Forgets the current result's document and the strings handed out for it. */
static void
drop_current(xapc_mset_t *m) noexcept
{
    m->have_doc = false;
    m->have_data = false;
    m->data.clear();
    m->values.clear();
    m->have_matchdoc = false;
    /*
     * 'doc' itself is overwritten on the next fetch: assigning an empty
     * Document here would allocate, and this must not throw.
     */
}

extern "C" void
xapc_mset_next(xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!xapc_mset_valid(m))
        return;
    m->pos++;
    drop_current(m);
}

extern "C" void
xapc_mset_rewind(xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!m)
        return;
    m->pos = 0;
    drop_current(m);
}

extern "C" xapc_docid_t
xapc_mset_docid(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!xapc_mset_valid(m))
        return 0;
    try {
        return *m->current();
    } catch (...) {
        return 0;
    }
}

extern "C" uint32_t
xapc_mset_rank(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!xapc_mset_valid(m))
        return 0;
    try {
        return m->ordered ? m->rank_base + m->pos : m->current().get_rank();
    } catch (...) {
        return 0;
    }
}

extern "C" double
xapc_mset_weight(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!xapc_mset_valid(m))
        return 0.0;
    try {
        return m->current().get_weight();
    } catch (...) {
        return 0.0;
    }
}

extern "C" uint32_t
xapc_mset_collapse_count(const xapc_mset_t *m) XAPC_NOEXCEPT
{
    if (!xapc_mset_valid(m))
        return 0;
    try {
        return m->current().get_collapse_count();
    } catch (...) {
        return 0;
    }
}

extern "C" xapc_status_t
xapc_mset_collapse_key(xapc_mset_t *m, const char **data, size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!m)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data || !len)
            xapc__invalid("xapc_mset_collapse_key", "NULL out");
        if (!xapc_mset_valid(m))
            xapc__invalid("xapc_mset_collapse_key", "no current result");
        m->collapse_key = m->current().get_collapse_key();
        *data = m->collapse_key.data();
        *len = m->collapse_key.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(m->last_error, "xapc_mset_collapse_key");
    }
}

/* The current result's document, fetched once per position. */
static const Xapian::Document &
current_doc(xapc_mset_t *m, const char *context)
{
    if (!xapc_mset_valid(m))
        xapc__invalid(context, "no current result");
    if (!m->have_doc) {
        m->doc = m->current().get_document();
        m->have_doc = true;
    }
    return m->doc;
}

extern "C" xapc_status_t
xapc_mset_data(xapc_mset_t *m, const char **data, size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!m)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data || !len)
            xapc__invalid("xapc_mset_data", "NULL out");
        if (!m->have_data) {
            /* Global id g is id (g - 1) / n + 1 of its shard. */
            Xapian::docid g = *m->current();
            const std::string *kept = m->kept.by_id.empty()
                                          ? nullptr
                                          : m->kept.find((g - 1) / m->shards + 1);
            if (kept)
                m->data = *kept;
            else {
                m->data = current_doc(m, "xapc_mset_data").get_data();
                m->unpack->unpack(m->data);
            }
            m->have_data = true;
        }
        *data = m->data.data();
        *len = m->data.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(m->last_error, "xapc_mset_data");
    }
}

extern "C" xapc_status_t
xapc_mset_value(xapc_mset_t *m, xapc_slot_t slot, const char **data,
                size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!m)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data || !len)
            xapc__invalid("xapc_mset_value", "NULL out");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_mset_value", "slot 0xffffffff is reserved");
        auto it = m->values.find(slot);
        if (it == m->values.end()) {
            std::string value = current_doc(m, "xapc_mset_value").get_value(slot);
            it = m->values.emplace(slot, std::move(value)).first;
        }
        *data = it->second.data();
        *len = it->second.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(m->last_error, "xapc_mset_value");
    }
}

extern "C" xapc_status_t
xapc_mset_matchdoc(xapc_mset_t *m, xapc_matchdoc_t **out) XAPC_NOEXCEPT
{
    if (out)
        *out = nullptr;
    if (!m)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!out)
            xapc__invalid("xapc_mset_matchdoc", "NULL out");
        if (!m->have_matchdoc) {
            m->matchdoc.reset(&current_doc(m, "xapc_mset_matchdoc"));
            m->matchdoc.unpack = m->unpack.get();
            m->matchdoc.combined = &m->db;
            m->matchdoc.global = *m->current();
            m->matchdoc.nshards = m->shards;
            m->matchdoc.kept_from = m->kept.by_id.empty() ? nullptr : &m->kept;
            m->have_matchdoc = true;
        }
        *out = &m->matchdoc;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(m->last_error, "xapc_mset_matchdoc");
    }
}

extern "C" xapc_status_t
xapc_mset_dead(xapc_mset_t *m, bool *dead) XAPC_NOEXCEPT
{
    if (dead)
        *dead = false;
    if (!m)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!dead)
            xapc__invalid("xapc_mset_dead", "NULL out");
        if (!xapc_mset_valid(m))
            xapc__invalid("xapc_mset_dead", "no current result");
        size_t n = m->dead.size();
        if (!n)
            return XAPC_OK;
        /* A combined database interleaves its shards' ids: global id g
         * is id (g - 1) / n + 1 of shard (g - 1) % n. */
        Xapian::docid g = *m->current();
        *dead = cn_docset_has(&m->dead[(g - 1) % n]->s, (g - 1) / n + 1);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(m->last_error, "xapc_mset_dead");
    }
}

extern "C" void
xapc_mset_destroy(xapc_mset_t *m) XAPC_NOEXCEPT
{
    delete m;
}
