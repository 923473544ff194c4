/* SPDX-License-Identifier: MIT */
/*
 * decider.cc - match deciders: a C callback that sees each candidate
 * document inside the matcher, and the xapc_matchdoc_t accessors it uses.
 *
 * Xapian 1.4 calls a MatchDecider (matcher/multimatch.cc) after a
 * candidate has passed the weight threshold and before collapsing, so the
 * counts, the collapse and the page only see what it keeps; it costs one
 * call (and usually one record read) per candidate that could still enter
 * the results.
 */
#include "xapc-private.h"

#include <stdexcept>

bool
xapc__decider::operator()(const Xapian::Document &doc) const
{
    struct release {
        xapc_matchdoc &d;
        ~release() { d.reset(nullptr); }
    } guard{cur_};
    cur_.reset(&doc);
    int keep = fn_(ctx_, &cur_);
    if (keep < 0)
        throw std::runtime_error("the match decider stopped the search");
    if (keep && kept_)
        kept_->keep(doc.get_docid(), cur_);
    return keep != 0;
}

void
xapc__kept_data::keep(Xapian::docid shard_did, const xapc_matchdoc &d)
{
    keep_data(shard_did, d.have_data ? &d.data : nullptr);
}

void
xapc__kept_data::keep_data(Xapian::docid shard_did, const std::string *data)
{
    auto ins = by_id.try_emplace(shard_did);
    entry &e = ins.first->second;
    if (!ins.second) {
        /* Seen before: the same document again (a second pass), or one
         * of another shard with the same id. */
        if (e.mixed || (e.have && data && e.data == *data))
            return;
        budget += e.data.size();
        std::string().swap(e.data);
        e.have = false;
        e.mixed = true;
        return;
    }
    if (data && data->size() <= budget) {
        e.data = *data;
        e.have = true;
        budget -= e.data.size();
    }
}

const std::string *
xapc__kept_data::find(Xapian::docid shard_did) const
{
    auto it = by_id.find(shard_did);
    return it != by_id.end() && it->second.have ? &it->second.data : nullptr;
}

extern "C" const char *
xapc_matchdoc_last_error(const xapc_matchdoc_t *d) XAPC_NOEXCEPT
{
    return d ? d->last_error.c_str() : "NULL matchdoc";
}

extern "C" xapc_status_t
xapc_matchdoc_data(xapc_matchdoc_t *d, const char **data,
                   size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!d || !d->doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data || !len)
            xapc__invalid("xapc_matchdoc_data", "NULL out");
        if (!d->have_data) {
            d->data = d->doc->get_data();
            if (d->unpack)
                d->unpack->unpack(d->data);
            d->have_data = true;
        }
        *data = d->data.data();
        *len = d->data.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(d->last_error, "xapc_matchdoc_data");
    }
}

extern "C" xapc_status_t
xapc_matchdoc_value(xapc_matchdoc_t *d, xapc_slot_t slot, const char **data,
                    size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!d || !d->doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data || !len)
            xapc__invalid("xapc_matchdoc_value", "NULL out");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_matchdoc_value", "slot 0xffffffff is reserved");
        auto it = d->values.find(slot);
        if (it == d->values.end())
            it = d->values.emplace(slot, d->doc->get_value(slot)).first;
        *data = it->second.data();
        *len = it->second.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(d->last_error, "xapc_matchdoc_value");
    }
}

/* Document 'did' of 'db' if it holds 'key' in 'slot' (any, key NULL). A
 * document of another shard, or none (an id past the shard's end), is told
 * apart by that value, so its existence need not be checked first. */
static bool
sibling_at(const Xapian::Database &db, Xapian::docid did, Xapian::valueno slot,
           const std::string *key, Xapian::Document &out)
{
    try {
        Xapian::Document doc = db.get_document(did, Xapian::DOC_ASSUME_VALID);
        if (key && doc.get_value(slot) != *key)
            return false;
        out = doc;
        return true;
    } catch (const Xapian::DocNotFoundError &) {
        return false;
    }
}

extern "C" xapc_status_t
xapc_matchdoc_sibling_data(xapc_matchdoc_t *d, uint32_t back, xapc_slot_t same_slot,
                           const char **data, size_t *len) XAPC_NOEXCEPT
{
    if (data)
        *data = nullptr;
    if (len)
        *len = 0;
    if (!d || !d->doc)
        return XAPC_E_INVALID_ARGUMENT;
    if (back == 0)
        return xapc_matchdoc_data(d, data, len);
    try {
        if (!data || !len)
            xapc__invalid("xapc_matchdoc_sibling_data", "NULL out");
        if (same_slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_matchdoc_sibling_data", "slot 0xffffffff is reserved");
        Xapian::Document found;
        bool ok = false;
        Xapian::docid keep_as = 0;
        if (d->combined) {
            /* Global id g is id (g - 1) / n + 1 of shard (g - 1) % n: the
             * same shard, 'back' of its ids earlier, is g - back * n. */
            uint64_t step = (uint64_t)back * d->nshards;
            const std::string *kept = d->kept_from && d->nshards == 1 && d->global > step
                                          ? d->kept_from->find(d->global - (Xapian::docid)step)
                                          : nullptr;
            if (kept) {
                d->sibling = *kept;
                *data = d->sibling.data();
                *len = d->sibling.size();
                return XAPC_OK;
            }
            if (d->global > step)
                ok = sibling_at(*d->combined, (Xapian::docid)(d->global - step), same_slot,
                                nullptr, found);
        } else if (d->shards && d->shards->size() == 1) {
            Xapian::docid did = d->doc->get_docid();
            ok = did > back && sibling_at((*d->shards)[0], did - back, same_slot, nullptr, found);
            keep_as = ok ? did - back : 0;
        } else if (d->shards) {
            /* Which shard the candidate is of, the decider is not told. */
            const char *k;
            size_t klen;
            xapc_status_t xs = xapc_matchdoc_value(d, same_slot, &k, &klen);
            if (xs)
                return xs;
            std::string key(k, klen);
            Xapian::docid did = d->doc->get_docid();
            for (size_t i = 0; !ok && did > back && i < d->shards->size(); i++)
                ok = sibling_at((*d->shards)[i], did - back, same_slot, &key, found);
        }
        if (!ok)
            throw Xapian::DatabaseCorruptError("no document " + std::to_string(back) +
                                               " ids before this one has its value in slot " +
                                               std::to_string(same_slot));
        d->sibling = found.get_data();
        if (d->unpack)
            d->unpack->unpack(d->sibling);
        /* Passage 0 of an article, read for a later passage's check, is
         * what the results shown of that article read again. */
        if (keep_as && d->keep_into)
            d->keep_into->keep_data(keep_as, &d->sibling);
        *data = d->sibling.data();
        *len = d->sibling.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(d->last_error, "xapc_matchdoc_sibling_data");
    }
}

/* Whether the term list 'v' (xapc_document_set_value_terms(): a length
 * byte, then the term, in term order) holds 't'. */
static bool
value_terms_have(const std::string &v, const std::string &t)
{
    size_t i = 0;
    while (i < v.size()) {
        size_t len = (unsigned char)v[i++];
        if (len > v.size() - i)
            throw Xapian::DatabaseCorruptError("bad term list value");
        int c = v.compare(i, len, t);
        if (c == 0)
            return true;
        if (c > 0)
            return false; /* sorted: 't' would have come before */
        i += len;
    }
    return false;
}

/*
 * The candidate's terms come from a value, not from its term list: the
 * database has none (DB_NO_TERMLIST), and a decider cannot look the term's
 * postings up either, since inside a match of several shards it is handed
 * the candidate's id in its own shard without saying which shard.
 */
extern "C" xapc_status_t
xapc_matchdoc_has_term(xapc_matchdoc_t *d, xapc_slot_t slot, const char *term,
                       size_t term_len, bool *has) XAPC_NOEXCEPT
{
    if (has)
        *has = false;
    if (!d || !d->doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!has || (!term && term_len))
            xapc__invalid("xapc_matchdoc_has_term", "NULL argument");
        const char *v;
        size_t len;
        xapc_status_t xs = xapc_matchdoc_value(d, slot, &v, &len);
        if (xs != XAPC_OK)
            return xs;
        *has = value_terms_have(std::string(v, len), std::string(term ? term : "", term_len));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(d->last_error, "xapc_matchdoc_has_term");
    }
}
