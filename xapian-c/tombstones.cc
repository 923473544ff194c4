/* SPDX-License-Identifier: MIT */
/*
 * tombstones.cc - deleting documents of a database without a termlist:
 * their ids are recorded in the metadata (xapc.h, "Tombstones"; the
 * encoding is util/docset.h), read back by readers and carried over by
 * xapc_compact().
 */
#include "xapc-private.h"

#include <new>

static const std::string dead_prefix(XAPC_META_TOMBSTONES);
static const std::string dead_index(XAPC_META_TOMBSTONE_INDEX);

/*
 * The chunks holding tombstones are listed under one key (8 hex digits
 * each, space-separated), so a reader fetches the index and then each
 * chunk by name: a few round trips over xapian-tcpsrv, and no metadata key
 * iterator, which Xapian 1.4 leaks when it throws DatabaseModifiedError.
 */
static std::vector<uint32_t>
chunks_of_index(const std::string &v)
{
    std::vector<uint32_t> chunks;
    size_t i = 0;
    while (i < v.size()) {
        uint32_t c;
        if (v.size() - i < 8 || !cn_docset_parse_key(v.data() + i, 8, 0, &c) ||
            (v.size() - i > 8 && v[i + 8] != ' '))
            throw Xapian::DatabaseCorruptError("bad tombstone index");
        chunks.push_back(c);
        i += 9;
    }
    return chunks;
}

void
xapc__tombstones_load(const Xapian::Database &db, xapc__docset &out)
{
    const std::string index = db.get_metadata(dead_index);
    cn_buf_t key = CN_BUF_INIT;
    try {
        for (uint32_t chunk : chunks_of_index(index)) {
            cn_buf_clear(&key);
            cn_docset_key(&key, dead_prefix.c_str(), chunk);
            const std::string v = db.get_metadata(std::string(key.data, key.len));
            cn_status_t st = cn_docset_decode_chunk(v.data(), v.size(), chunk, &out.s);
            if (st == CN_E_NOMEM)
                throw std::bad_alloc();
            if (st != CN_OK)
                throw Xapian::DatabaseCorruptError("bad tombstone value '" +
                                                   std::string(key.data, key.len) + "'");
        }
    } catch (...) {
        cn_buf_release(&key);
        throw;
    }
    cn_buf_release(&key);
}

/* Writes the chunks of 's' numbered in 'chunks' (repeats are harmless)
 * into 'db', then the index of every chunk 's' has. */
static void
write_chunks(Xapian::WritableDatabase &db, const cn_docset_t &s,
             const std::vector<uint32_t> &chunks)
{
    cn_buf_t key = CN_BUF_INIT, val = CN_BUF_INIT;
    try {
        for (uint32_t c : chunks) {
            cn_buf_clear(&key);
            cn_buf_clear(&val);
            cn_docset_key(&key, dead_prefix.c_str(), c);
            cn_docset_encode_chunk(&s, c, &val);
            db.set_metadata(std::string(key.data, key.len), std::string(val.data, val.len));
        }
        std::string index;
        uint32_t last = 0;
        for (size_t i = 0; i < s.n; i++) {
            uint32_t c = s.ids[i] >> CN_DOCSET_CHUNK_BITS;
            if (!index.empty() && c == last)
                continue;
            cn_buf_clear(&key);
            cn_docset_key(&key, "", c);
            if (!index.empty())
                index += ' ';
            index.append(key.data, key.len);
            last = c;
        }
        db.set_metadata(dead_index, index);
    } catch (...) {
        cn_buf_release(&key);
        cn_buf_release(&val);
        throw;
    }
    cn_buf_release(&key);
    cn_buf_release(&val);
}

static void
writer_load_dead(xapc_writer_t *w)
{
    if (w->dead_loaded)
        return;
    cn_docset_release(&w->dead.s);
    xapc__tombstones_load(w->db, w->dead);
    w->dead_loaded = true;
}

static void
check_term(const xapc_writer_t *w, const char *term, size_t len, const char *context)
{
    if (w->closed)
        xapc__invalid(context, "writer is closed");
    if (!term || !len)
        xapc__invalid(context, "empty term");
}

uint32_t
xapc__writer_kill(xapc_writer_t *w, const std::string &term)
{
    writer_load_dead(w);
    std::vector<uint32_t> chunks;
    uint32_t n = 0;
    for (Xapian::PostingIterator p = w->db.postlist_begin(term); p != w->db.postlist_end(term);
         ++p) {
        int added = 0;
        if (cn_docset_add(&w->dead.s, *p, &added) != CN_OK)
            throw std::bad_alloc();
        if (added) {
            n++;
            uint32_t c = *p >> CN_DOCSET_CHUNK_BITS;
            if (chunks.empty() || chunks.back() != c)
                chunks.push_back(c);
        }
    }
    try {
        write_chunks(w->db, w->dead.s, chunks);
    } catch (...) {
        /* The cache may now be ahead of the database: read it again. */
        w->dead_loaded = false;
        throw;
    }
    return n;
}

extern "C" xapc_status_t
xapc_writer_delete_term(xapc_writer_t *w, const char *term, size_t term_len,
                        uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_term(w, term, term_len, "xapc_writer_delete_term");
        uint32_t n = xapc__writer_kill(w, std::string(term, term_len));
        if (count_out)
            *count_out = n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_delete_term");
    }
}

extern "C" xapc_status_t
xapc_writer_live_count(xapc_writer_t *w, const char *term, size_t term_len, const char *also,
                       size_t also_len, uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_term(w, term, term_len, "xapc_writer_live_count");
        if (!count_out)
            xapc__invalid("xapc_writer_live_count", "NULL count_out");
        if (also && !also_len)
            xapc__invalid("xapc_writer_live_count", "empty second term");
        writer_load_dead(w);
        const std::string t(term, term_len);
        const std::string a = also ? std::string(also, also_len) : std::string();
        Xapian::PostingIterator ap, aend;
        if (also) {
            ap = w->db.postlist_begin(a);
            aend = w->db.postlist_end(a);
        }
        uint32_t n = 0;
        for (Xapian::PostingIterator p = w->db.postlist_begin(t); p != w->db.postlist_end(t);
             ++p) {
            if (cn_docset_has(&w->dead.s, *p))
                continue;
            if (also) {
                ap.skip_to(*p);
                if (ap == aend)
                    break;
                if (*ap != *p)
                    continue;
            }
            n++;
        }
        *count_out = n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_live_count");
    }
}

extern "C" xapc_status_t
xapc_writer_term_data(xapc_writer_t *w, const char *term, size_t term_len, char **data_out,
                      size_t *len_out) XAPC_NOEXCEPT
{
    if (data_out)
        *data_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_term(w, term, term_len, "xapc_writer_term_data");
        if (!data_out || !len_out)
            xapc__invalid("xapc_writer_term_data", "NULL out");
        writer_load_dead(w);
        const std::string t(term, term_len);
        for (Xapian::PostingIterator p = w->db.postlist_begin(t); p != w->db.postlist_end(t);
             ++p) {
            if (cn_docset_has(&w->dead.s, *p))
                continue;
            std::string data = w->db.get_document(*p).get_data();
            /* The dictionaries as of now: a document stored with one
             * added since is found by a reload. */
            if (!w->unpack) {
                w->unpack = std::make_shared<xapc__unpacker>();
                w->unpack->load(w->db);
            }
            try {
                w->unpack->unpack(data);
            } catch (const Xapian::DatabaseCorruptError &) {
                w->unpack->load(w->db);
                w->unpack->unpack(data);
            }
            *data_out = xapc__strdup(data.data(), data.size());
            *len_out = data.size();
            return XAPC_OK;
        }
        throw Xapian::DocNotFoundError("no live document holds the term");
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_term_data");
    }
}

extern "C" xapc_status_t
xapc_writer_dead_count(xapc_writer_t *w, uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (w->closed)
            xapc__invalid("xapc_writer_dead_count", "writer is closed");
        if (!count_out)
            xapc__invalid("xapc_writer_dead_count", "NULL count_out");
        writer_load_dead(w);
        *count_out = (uint32_t)w->dead.s.n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_dead_count");
    }
}

/* ---- readers --------------------------------------------------------- */

void
xapc__reader_load_dead(xapc_reader_t *r)
{
    if (r->dead_loaded && r->dead.size() == r->shards.size())
        return;
    std::vector<std::shared_ptr<const xapc__docset>> all;
    for (const Xapian::Database &shard : r->shards) {
        std::shared_ptr<xapc__docset> d = std::make_shared<xapc__docset>();
        xapc__tombstones_load(shard, *d);
        all.push_back(d);
    }
    r->dead.swap(all);
    r->dead_loaded = true;
}

extern "C" xapc_status_t
xapc_reader_has_tombstones(xapc_reader_t *r, bool *has) XAPC_NOEXCEPT
{
    if (has)
        *has = false;
    if (!r || !has)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        xapc__reader_load_dead(r);
        for (const auto &d : r->dead)
            *has = *has || d->s.n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_has_tombstones");
    }
}

extern "C" xapc_status_t
xapc_reader_live_doccount(xapc_reader_t *r, uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!r || !count_out)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        xapc__reader_load_dead(r);
        Xapian::doccount n = r->shards.empty() ? 0 : r->db.get_doccount();
        for (const auto &d : r->dead)
            n -= (Xapian::doccount)d->s.n;
        *count_out = n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_live_doccount");
    }
}

extern "C" xapc_status_t
xapc_reader_live_termfreq(xapc_reader_t *r, const char *term, size_t term_len,
                          uint32_t *freq_out) XAPC_NOEXCEPT
{
    if (freq_out)
        *freq_out = 0;
    if (!r || !freq_out)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!term || !term_len)
            xapc__invalid("xapc_reader_live_termfreq", "empty term");
        xapc__reader_load_dead(r);
        const std::string t(term, term_len);
        uint32_t n = 0;
        /* Shard by shard, in each shard's own ids. */
        for (size_t i = 0; i < r->shards.size(); i++) {
            const Xapian::Database &db = r->shards[i];
            const cn_docset_t &dead = r->dead[i]->s;
            if (!dead.n) {
                n += db.get_termfreq(t);
                continue;
            }
            for (Xapian::PostingIterator p = db.postlist_begin(t); p != db.postlist_end(t); ++p)
                n += !cn_docset_has(&dead, *p);
        }
        *freq_out = n;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(r->last_error, "xapc_reader_live_termfreq");
    }
}

/* ---- compaction -------------------------------------------------------- */

/*
 * After Database::compact() of srcs into 'dest': the tombstones of every
 * source, at the ids compaction gave their documents. Xapian 1.4 renumbers
 * by concatenation (api/compactor.cc): a source's ids are shifted by the
 * total of the sources before it, after pruning the unused ids at its
 * start; its last id is get_lastdocid(), which holds because documents
 * are never deleted (only tombstoned). Metadata keys present in several
 * sources keep the first one's value, so every tombstone key of 'dest'
 * is rewritten.
 */
void
xapc__compact_tombstones(const std::vector<Xapian::Database> &srcs, const char *dest)
{
    xapc__docset all;
    bool any = false;
    Xapian::docid total = 0;
    for (const Xapian::Database &src : srcs) {
        if (src.get_doccount() == 0)
            continue;
        Xapian::docid first = *src.postlist_begin(std::string());
        Xapian::docid offset = total - (first - 1);
        xapc__docset d;
        xapc__tombstones_load(src, d);
        for (size_t i = 0; i < d.s.n; i++)
            if (cn_docset_add(&all.s, d.s.ids[i] + offset, nullptr) != CN_OK)
                throw std::bad_alloc();
        any = any || d.s.n;
        total = offset + src.get_lastdocid();
    }
    if (!any)
        return;
    Xapian::WritableDatabase out(dest, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
    /* Every source's chunks came through compaction, at their old ids
     * (and a key in several sources with the first one's value). This
     * writer is the only user of 'dest', so iterating its keys cannot
     * meet a DatabaseModifiedError. */
    std::vector<std::string> stale;
    for (Xapian::TermIterator k = out.metadata_keys_begin(dead_prefix);
         k != out.metadata_keys_end(dead_prefix); ++k)
        stale.push_back(*k);
    for (const std::string &k : stale)
        out.set_metadata(k, std::string());
    std::vector<uint32_t> chunks;
    for (size_t i = 0; i < all.s.n; i++) {
        uint32_t c = all.s.ids[i] >> CN_DOCSET_CHUNK_BITS;
        if (chunks.empty() || chunks.back() != c)
            chunks.push_back(c);
    }
    write_chunks(out, all.s, chunks);
    out.commit();
    out.close();
}
