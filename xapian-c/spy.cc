/* SPDX-License-Identifier: MIT */
/*
 * spy.cc - match spies: exact counts of prefixed terms (facets) and of
 * values (timelines) over every document a search matches.
 */
#include "xapc-private.h"

#include <algorithm>
#include <new>

namespace {

/*
 * Counts the terms with the given prefixes in each matching document, by
 * reading the term list stored in a value slot
 * (xapc_document_set_value_terms()): the database has no termlist table,
 * and values are read from a stream in docid order, which is cheap.
 */
class TermPrefixSpy : public Xapian::MatchSpy {
  public:
    Xapian::valueno slot = 0;
    std::vector<std::string> prefixes;
    std::map<std::string, Xapian::doccount> counts;
    Xapian::doccount docs = 0;

    void operator()(const Xapian::Document &doc, double) override
    {
        docs++;
        const std::string v = doc.get_value(slot);
        size_t i = 0;
        while (i < v.size()) {
            size_t len = (unsigned char)v[i++];
            if (len > v.size() - i)
                throw Xapian::DatabaseCorruptError("bad term list value");
            for (const std::string &prefix : prefixes)
                if (len >= prefix.size() && v.compare(i, prefix.size(), prefix) == 0) {
                    counts[v.substr(i, len)]++;
                    break;
                }
            i += len;
        }
    }
};

} // namespace

struct xapc_spy {
    /* Exactly one of the two is set. */
    TermPrefixSpy *terms = nullptr;
    Xapian::ValueCountMatchSpy *values = nullptr;
    Xapian::valueno slot = 0;

    ~xapc_spy()
    {
        delete terms;
        delete values;
    }
};

Xapian::doccount
xapc__spies_attach(Xapian::Enquire &enquire, const Xapian::Database &db,
                   const xapc_search_opts_t *o)
{
    if (!o->nspies)
        return 0;
    if (!o->spies)
        xapc__invalid("xapc_reader_search", "NULL spies");
    for (size_t i = 0; i < o->nspies; i++) {
        xapc_spy_t *s = o->spies[i];
        if (!s)
            xapc__invalid("xapc_reader_search", "NULL spy");
        if (s->terms) {
            s->terms->counts.clear();
            s->terms->docs = 0;
            enquire.add_matchspy(s->terms);
        } else {
            /* ValueCountMatchSpy has no reset: a fresh one per search. */
            Xapian::ValueCountMatchSpy *fresh = new Xapian::ValueCountMatchSpy(s->slot);
            delete s->values;
            s->values = fresh;
            enquire.add_matchspy(s->values);
        }
    }
    return db.get_doccount();
}

extern "C" xapc_status_t
xapc_spy_terms_create(xapc_slot_t slot, const char *const *prefixes, size_t n,
                      xapc_spy_t **out, char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    xapc_spy_t *s = nullptr;
    try {
        if (!out || !prefixes || !n)
            xapc__invalid("xapc_spy_terms_create", "no prefix");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_spy_terms_create", "slot 0xffffffff is reserved");
        s = new xapc_spy_t;
        s->terms = new TermPrefixSpy;
        s->terms->slot = slot;
        for (size_t i = 0; i < n; i++) {
            if (!prefixes[i] || !*prefixes[i])
                xapc__invalid("xapc_spy_terms_create", "empty prefix");
            s->terms->prefixes.push_back(prefixes[i]);
        }
        std::sort(s->terms->prefixes.begin(), s->terms->prefixes.end());
        *out = s;
        return XAPC_OK;
    } catch (...) {
        delete s;
        return xapc__fail(errmsg, "xapc_spy_terms_create");
    }
}

extern "C" xapc_status_t
xapc_spy_values_create(xapc_slot_t slot, xapc_spy_t **out, char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    xapc_spy_t *s = nullptr;
    try {
        if (!out)
            xapc__invalid("xapc_spy_values_create", "NULL out");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_spy_values_create", "slot 0xffffffff is reserved");
        s = new xapc_spy_t;
        s->values = new Xapian::ValueCountMatchSpy(slot);
        s->slot = slot;
        *out = s;
        return XAPC_OK;
    } catch (...) {
        delete s;
        return xapc__fail(errmsg, "xapc_spy_values_create");
    }
}

extern "C" uint32_t
xapc_spy_documents(const xapc_spy_t *s) XAPC_NOEXCEPT
{
    if (!s)
        return 0;
    try {
        return s->terms ? s->terms->docs : s->values->get_total();
    } catch (...) {
        return 0;
    }
}

extern "C" xapc_status_t
xapc_spy_foreach(const xapc_spy_t *s, xapc_term_fn fn, void *ctx) XAPC_NOEXCEPT
{
    std::string ignored;
    try {
        if (!s || !fn)
            xapc__invalid("xapc_spy_foreach", "NULL spy or callback");
        if (s->terms) {
            for (const auto &kv : s->terms->counts)
                if (fn(ctx, kv.first.data(), kv.first.size(), kv.second))
                    break;
            return XAPC_OK;
        }
        for (Xapian::TermIterator t = s->values->values_begin();
             t != s->values->values_end(); ++t) {
            const std::string v = *t;
            if (fn(ctx, v.data(), v.size(), t.get_termfreq()))
                break;
        }
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(ignored, "xapc_spy_foreach");
    }
}

extern "C" void
xapc_spy_destroy(xapc_spy_t *s) XAPC_NOEXCEPT
{
    delete s;
}
