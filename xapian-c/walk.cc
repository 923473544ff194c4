/* SPDX-License-Identifier: MIT */
/*
 * walk.cc - every live document, and every metadata entry under a prefix,
 * of one local database: what rewriting an index without its tombstones
 * (cjkindex --purge) reads, since a database without a termlist cannot
 * hand its documents to another.
 */
#include "xapc-private.h"

/* The reader's one local shard, or throws InvalidArgumentError. */
static const Xapian::Database &
single_local(const xapc_reader_t *r, const char *context)
{
    if (r->shards.size() != 1 || r->has_remote)
        xapc__invalid(context, "needs a reader of one local database");
    return r->shards[0];
}

extern "C" xapc_status_t
xapc_reader_foreach_document(xapc_reader_t *r, xapc_doc_fn fn, void *ctx) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!fn)
            xapc__invalid("xapc_reader_foreach_document", "NULL callback");
        const Xapian::Database &db = single_local(r, "xapc_reader_foreach_document");
        xapc__reader_load_dead(r);
        std::shared_ptr<const xapc__docset> dead = r->dead[0];
        std::shared_ptr<xapc__unpacker> unpack = xapc__reader_unpacker(r);
        std::string data;
        /* The posting list of the empty term lists every document, in
         * id order: the records are then read in key order. */
        Xapian::PostingIterator end = db.postlist_end("");
        for (Xapian::PostingIterator p = db.postlist_begin(""); p != end; ++p) {
            Xapian::docid did = *p;
            if (cn_docset_has(&dead->s, did))
                continue;
            data = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_data();
            if (unpack)
                unpack->unpack(data);
            if (fn(ctx, did, data.data(), data.size()))
                break;
        }
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_foreach_document");
    }
}

extern "C" xapc_status_t
xapc_reader_foreach_metadata(xapc_reader_t *r, const char *prefix, xapc_meta_fn fn,
                             void *ctx) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!fn || !prefix)
            xapc__invalid("xapc_reader_foreach_metadata", "NULL argument");
        const Xapian::Database &db = single_local(r, "xapc_reader_foreach_metadata");
        std::string pfx(prefix);
        Xapian::TermIterator end = db.metadata_keys_end(pfx);
        for (Xapian::TermIterator k = db.metadata_keys_begin(pfx); k != end; ++k) {
            const std::string key = *k, value = db.get_metadata(key);
            if (fn(ctx, key.data(), key.size(), value.data(), value.size()))
                break;
        }
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_foreach_metadata");
    }
}
