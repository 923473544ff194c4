/* SPDX-License-Identifier: MIT */
/*
 * document.cc - xapc_document_t (a Xapian::Document being built) and the
 * sortable number encoding used for values.
 */
#include "xapc-private.h"

#include <algorithm>

#include <new>

/*
 * Glass rejects longer terms only at add time, deep inside the writer;
 * checking here names the document call that caused it.
 */
static std::string
checked_term(const char *term, size_t term_len, const char *context)
{
    if (!term || !term_len)
        xapc__invalid(context, "empty term");
    if (term_len > XAPC_MAX_TERM_LEN)
        xapc__invalid(context, "term longer than XAPC_MAX_TERM_LEN bytes");
    return std::string(term, term_len);
}

extern "C" xapc_status_t
xapc_document_create(xapc_document_t **out) XAPC_NOEXCEPT
{
    if (!out)
        return XAPC_E_INVALID_ARGUMENT;
    *out = nullptr;
    try {
        xapc_document_t *doc = new (std::nothrow) xapc_document_t;
        if (!doc)
            return XAPC_E_NOMEM;
        *out = doc;
        return XAPC_OK;
    } catch (...) {
        /* No handle to hold a message yet: only the status survives. */
        std::string lost;
        return xapc__fail(lost, "xapc_document_create");
    }
}

extern "C" void
xapc_document_clear(xapc_document_t *doc) XAPC_NOEXCEPT
{
    if (!doc)
        return;
    try {
        /*
         * A fresh Document rather than clear_terms()/clear_values(): it
         * also drops the data and cannot share state with a document the
         * writer has already been given.
         */
        doc->doc = Xapian::Document();
        doc->last_error.clear();
    } catch (...) {
        xapc__fail(doc->last_error, "xapc_document_clear");
    }
}

extern "C" const char *
xapc_document_last_error(const xapc_document_t *doc) XAPC_NOEXCEPT
{
    return doc ? doc->last_error.c_str() : "NULL document";
}

extern "C" xapc_status_t
xapc_document_add_posting(xapc_document_t *doc, const char *term,
                          size_t term_len, xapc_termpos_t pos,
                          uint32_t wdf_inc) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        doc->doc.add_posting(
            checked_term(term, term_len, "xapc_document_add_posting"), pos,
            wdf_inc);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_add_posting");
    }
}

extern "C" xapc_status_t
xapc_document_add_term(xapc_document_t *doc, const char *term, size_t term_len,
                       uint32_t wdf_inc) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        doc->doc.add_term(checked_term(term, term_len, "xapc_document_add_term"),
                          wdf_inc);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_add_term");
    }
}

extern "C" xapc_status_t
xapc_document_add_boolean_term(xapc_document_t *doc, const char *term,
                               size_t term_len) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        doc->doc.add_boolean_term(
            checked_term(term, term_len, "xapc_document_add_boolean_term"));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_add_boolean_term");
    }
}

extern "C" xapc_status_t
xapc_document_set_value(xapc_document_t *doc, xapc_slot_t slot,
                        const char *data, size_t len) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid("xapc_document_set_value", "slot 0xffffffff is reserved");
        if (!data && len)
            xapc__invalid("xapc_document_set_value", "NULL data");
        doc->doc.add_value(slot, data ? std::string(data, len) : std::string());
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_set_value");
    }
}

extern "C" xapc_status_t
xapc_document_set_value_terms(xapc_document_t *doc, xapc_slot_t slot,
                              const char *const *prefixes, size_t n) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        static const char ctx[] = "xapc_document_set_value_terms";
        if (!prefixes && n)
            xapc__invalid(ctx, "NULL prefixes");
        if (slot == Xapian::BAD_VALUENO)
            xapc__invalid(ctx, "slot 0xffffffff is reserved");
        /* A document not read from a database keeps its terms in memory,
         * sorted: walking them needs no termlist table. One skip_to() per
         * prefix reads only the stretches that start with it. */
        std::vector<std::string> want;
        for (size_t i = 0; i < n; i++)
            if (prefixes[i] && *prefixes[i])
                want.emplace_back(prefixes[i]);
        std::sort(want.begin(), want.end());
        std::vector<std::string> terms;
        Xapian::TermIterator t = doc->doc.termlist_begin(), end = doc->doc.termlist_end();
        for (const std::string &prefix : want) {
            t.skip_to(prefix);
            for (; t != end; ++t) {
                std::string term = *t;
                if (term.compare(0, prefix.size(), prefix) != 0)
                    break;
                terms.push_back(std::move(term));
            }
            /* A prefix of another prefix ("D", "DM") walked its range too. */
            t = doc->doc.termlist_begin();
        }
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        std::string v;
        for (const std::string &term : terms) {
            /* Terms are at most XAPC_MAX_TERM_LEN (245) bytes. */
            v.push_back((char)(unsigned char)term.size());
            v += term;
        }
        doc->doc.add_value(slot, v);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_set_value_terms");
    }
}

extern "C" xapc_status_t
xapc_document_set_data(xapc_document_t *doc, const char *data,
                       size_t len) XAPC_NOEXCEPT
{
    if (!doc)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!data && len)
            xapc__invalid("xapc_document_set_data", "NULL data");
        doc->doc.set_data(data ? std::string(data, len) : std::string());
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(doc->last_error, "xapc_document_set_data");
    }
}

extern "C" void
xapc_document_destroy(xapc_document_t *doc) XAPC_NOEXCEPT
{
    delete doc;
}

extern "C" void
xapc_sortable_serialise(double v, char out[9], size_t *len_out) XAPC_NOEXCEPT
{
    /* sortable_serialise_() is XAPIAN_NOTHROW and writes at most 9 bytes. */
    size_t len = out ? Xapian::sortable_serialise_(v, out) : 0;
    if (len_out)
        *len_out = len;
}

extern "C" double
xapc_sortable_unserialise(const char *s, size_t len) XAPC_NOEXCEPT
{
    if (!s)
        return 0.0;
    try {
        return Xapian::sortable_unserialise(std::string(s, len));
    } catch (...) {
        /* Only the std::string copy can throw (bad_alloc); no status here. */
        return 0.0;
    }
}
