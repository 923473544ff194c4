/* SPDX-License-Identifier: MIT */
/*
 * reader.cc - xapc_reader_t: a read-only Xapian::Database made of local
 * and remote shards.
 */
#include "xapc-private.h"

#include <new>

extern "C" xapc_status_t
xapc_reader_create(xapc_reader_t **out) XAPC_NOEXCEPT
{
    if (!out)
        return XAPC_E_INVALID_ARGUMENT;
    *out = nullptr;
    try {
        xapc_reader_t *r = new (std::nothrow) xapc_reader_t;
        if (!r)
            return XAPC_E_NOMEM;
        *out = r;
        return XAPC_OK;
    } catch (...) {
        /* No handle to hold a message yet: only the status survives. */
        std::string lost;
        return xapc__fail(lost, "xapc_reader_create");
    }
}

extern "C" const char *
xapc_reader_last_error(const xapc_reader_t *r) XAPC_NOEXCEPT
{
    return r ? r->last_error.c_str() : "NULL reader";
}

/*
 * Adds an opened shard to both views, keeping them in step: if the second
 * step throws, the first is undone.
 */
static void
add_shard(xapc_reader_t *r, const Xapian::Database &shard)
{
    r->shards.push_back(shard);
    r->dead_loaded = false;
    r->unpack.reset();
    try {
        r->db.add_database(shard);
    } catch (...) {
        r->shards.pop_back();
        throw;
    }
}

extern "C" xapc_status_t
xapc_reader_add_path(xapc_reader_t *r, const char *path) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!path || !*path)
            xapc__invalid("xapc_reader_add_path", "empty path");
        /*
         * Xapian 1.4.22 throws DatabaseNotFoundError both for a missing
         * path and for a directory that holds no database, which
         * xapc__fail() maps to XAPC_E_NOT_FOUND.
         */
        add_shard(r, Xapian::Database(path));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_add_path");
    }
}

extern "C" xapc_status_t
xapc_reader_add_remote(xapc_reader_t *r, const char *host, unsigned port,
                       unsigned timeout_ms) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!host || !*host)
            xapc__invalid("xapc_reader_add_remote", "empty host");
        if (port == 0 || port > 65535)
            xapc__invalid("xapc_reader_add_remote", "port out of range");
        /* Xapian's timeouts are in milliseconds despite the useconds_t. */
        Xapian::Database shard =
            timeout_ms ? Xapian::Remote::open(host, port, timeout_ms, timeout_ms)
                       : Xapian::Remote::open(host, port);
        add_shard(r, shard);
        r->has_remote = true;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_add_remote");
    }
}

extern "C" size_t
xapc_reader_shard_count(const xapc_reader_t *r) XAPC_NOEXCEPT
{
    return r ? r->shards.size() : 0;
}

extern "C" bool
xapc_reader_has_remote(const xapc_reader_t *r) XAPC_NOEXCEPT
{
    return r && r->has_remote;
}

extern "C" xapc_status_t
xapc_reader_reopen(xapc_reader_t *r) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        /* The shard handles share their internals with 'db'. */
        r->db.reopen();
        r->dead_loaded = false; /* the tombstones may have changed too */
        r->unpack.reset();      /* and the dictionaries */
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_reopen");
    }
}

extern "C" xapc_status_t
xapc_reader_doccount(xapc_reader_t *r, uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!count_out)
            xapc__invalid("xapc_reader_doccount", "NULL count_out");
        *count_out = r->db.get_doccount();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_doccount");
    }
}

extern "C" xapc_status_t
xapc_reader_termfreq(xapc_reader_t *r, const char *term, size_t term_len,
                     uint32_t *freq_out) XAPC_NOEXCEPT
{
    if (freq_out)
        *freq_out = 0;
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!freq_out)
            xapc__invalid("xapc_reader_termfreq", "NULL freq_out");
        if (!term || !term_len)
            xapc__invalid("xapc_reader_termfreq", "empty term");
        *freq_out = r->db.get_termfreq(std::string(term, term_len));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_termfreq");
    }
}

/* Metadata 'key' of the shards [first, last): the first value set, ""
 * if none (or no shard). */
static xapc_status_t
metadata_of(xapc_reader_t *r, size_t first, size_t last, const char *key,
            char **value_out, size_t *len_out, const char *context)
{
    if (value_out)
        *value_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!key || !*key)
            xapc__invalid(context, "empty key");
        if (!value_out)
            xapc__invalid(context, "NULL value_out");
        if (last > r->shards.size())
            xapc__invalid(context, "no such shard");
        std::string value;
        for (size_t i = first; i < last && value.empty(); i++)
            value = r->shards[i].get_metadata(key);
        *value_out = xapc__strdup(value.data(), value.size());
        if (len_out)
            *len_out = value.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, context);
    }
}

extern "C" xapc_status_t
xapc_reader_get_metadata(xapc_reader_t *r, const char *key, char **value_out,
                         size_t *len_out) XAPC_NOEXCEPT
{
    return metadata_of(r, 0, r ? r->shards.size() : 0, key, value_out, len_out,
                       "xapc_reader_get_metadata");
}

extern "C" xapc_status_t
xapc_reader_shard_metadata(xapc_reader_t *r, size_t shard, const char *key,
                           char **value_out, size_t *len_out) XAPC_NOEXCEPT
{
    return metadata_of(r, shard, shard + 1, key, value_out, len_out,
                       "xapc_reader_shard_metadata");
}

extern "C" xapc_status_t
xapc_reader_allterms(xapc_reader_t *r, const char *prefix, size_t prefix_len,
                     xapc_term_fn fn, void *ctx) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!fn)
            xapc__invalid("xapc_reader_allterms", "NULL callback");
        if (!prefix && prefix_len)
            xapc__invalid("xapc_reader_allterms", "NULL prefix");
        std::string pfx = prefix ? std::string(prefix, prefix_len)
                                 : std::string();
        Xapian::TermIterator end = r->db.allterms_end(pfx);
        for (Xapian::TermIterator t = r->db.allterms_begin(pfx); t != end; ++t) {
            const std::string term = *t;
            if (fn(ctx, term.data(), term.size(), t.get_termfreq()))
                break;
        }
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_allterms");
    }
}

extern "C" void
xapc_reader_destroy(xapc_reader_t *r) XAPC_NOEXCEPT
{
    delete r;
}
