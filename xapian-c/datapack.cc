/* SPDX-License-Identifier: MIT */
/*
 * datapack.cc - document data compressed with a zstd dictionary kept in
 * the database. Passages are a few hundred bytes each: zlib, which glass
 * applies to each record on its own, finds little to share inside one
 * (0.72 of the bytes on the bench slice), while a dictionary trained on
 * the corpus brings the same records to about 0.53 and inflates several
 * times faster at query time (docs/index-schema.md, "Document data").
 *
 * Format: data that begins with the zstd frame magic is a zstd frame
 * (its header names the dictionary by id); anything else is stored as
 * given. The writer compresses data that begins with the magic even
 * without a dictionary, so the two can never be confused.
 *
 * Metadata: XAPC_META_DICT holds the ids of the database's dictionaries
 * (8 hex digits each, space-separated, the one new data uses first);
 * XAPC_META_DICT + "." + id holds each dictionary, either whole (as first
 * written) or as "pieces N LEN", with the bytes under that key + "." +
 * 3-digit piece number. Pieces are what is written now: glass splits a
 * larger value into 2 KB items, and reassembling 112 KB of them cost a
 * one-shot search about 0.4 ms of reallocation and copying (perf, on the
 * bench index); pieces that each fit one item are read into one buffer.
 */
#include "xapc-private.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <sstream>
#include <stdexcept>

#include <zstd.h>

namespace {

const char dict_index[] = XAPC_META_DICT;

bool
is_frame(const std::string &data)
{
    if (data.size() < 4)
        return false;
    const unsigned char *p = (const unsigned char *)data.data();
    uint32_t magic = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                     (uint32_t)p[3] << 24;
    return magic == ZSTD_MAGICNUMBER;
}

std::string
dict_key(unsigned id)
{
    char buf[sizeof(dict_index) + 10];
    std::snprintf(buf, sizeof(buf), "%s.%08x", dict_index, id);
    return buf;
}

/* One glass item holds about 2,000 bytes with the default 8 KB blocks,
 * key and glass's own bytes included. (Smaller blocks split a piece in
 * turn, which reads back the same, only slower.) */
const size_t piece_size = 1800;
const char pieces_tag[] = "pieces ";

std::string
piece_key(const std::string &key, size_t i)
{
    char buf[24];
    std::snprintf(buf, sizeof(buf), ".%03zu", i);
    return key + buf;
}

/* Dictionary 'id' of 'db' (a Database or WritableDatabase), whole or in
 * pieces; a missing or damaged one is a corrupt database. */
template <class DB>
std::string
read_dict(const DB &db, unsigned id)
{
    std::string key = dict_key(id), head = db.get_metadata(key), dict;
    if (head.compare(0, sizeof(pieces_tag) - 1, pieces_tag) == 0) {
        unsigned long n = 0, len = 0;
        char tail;
        if (std::sscanf(head.c_str() + sizeof(pieces_tag) - 1, "%lu %lu%c", &n, &len, &tail) !=
                2 ||
            n == 0 || n > 1000 || len > n * piece_size)
            throw Xapian::DatabaseCorruptError("dictionary " + key + ": bad header '" + head + "'");
        dict.reserve(len);
        for (size_t i = 0; i < n; i++)
            dict += db.get_metadata(piece_key(key, i));
        if (dict.size() != len)
            throw Xapian::DatabaseCorruptError("dictionary " + key + " has " +
                                               std::to_string(dict.size()) + " bytes of " +
                                               std::to_string(len) + ": a piece is missing");
    } else {
        dict.swap(head);
    }
    if (dict.empty() || xapc__dict_id(dict) != id)
        throw Xapian::DatabaseCorruptError("dictionary " + key + " is missing or bad");
    return dict;
}

void
write_dict(Xapian::WritableDatabase &db, unsigned id, const std::string &dict)
{
    std::string key = dict_key(id);
    size_t n = (dict.size() + piece_size - 1) / piece_size;
    for (size_t i = 0; i < n; i++)
        db.set_metadata(piece_key(key, i), dict.substr(i * piece_size, piece_size));
    db.set_metadata(key, pieces_tag + std::to_string(n) + " " + std::to_string(dict.size()));
}

std::vector<unsigned>
dict_ids(const std::string &list)
{
    std::vector<unsigned> ids;
    std::istringstream in(list);
    std::string word;
    while (in >> word) {
        char *end;
        unsigned long id = std::strtoul(word.c_str(), &end, 16);
        if (*end || word.size() != 8 || id == 0)
            throw Xapian::DatabaseCorruptError("bad dictionary list '" + list + "'");
        ids.push_back((unsigned)id);
    }
    return ids;
}

std::string
ids_list(const std::vector<unsigned> &ids)
{
    std::string s;
    char buf[10];
    for (unsigned id : ids) {
        std::snprintf(buf, sizeof(buf), "%s%08x", s.empty() ? "" : " ", id);
        s += buf;
    }
    return s;
}

} // namespace

xapc__packer::~xapc__packer()
{
    ZSTD_freeCDict(cdict);
    ZSTD_freeCCtx(cctx);
}

void
xapc__packer::use(const std::string &d)
{
    ZSTD_CDict *c = ZSTD_createCDict(d.data(), d.size(), level);
    if (!c)
        throw std::bad_alloc();
    ZSTD_freeCDict(cdict);
    cdict = c;
    dict = d;
}

unsigned
xapc__dict_id(const std::string &dict)
{
    return ZSTD_getDictID_fromDict(dict.data(), dict.size());
}

const std::string *
xapc__packer::pack(const std::string &data)
{
    bool frame = is_frame(data);
    /* Too short to gain: left to glass as it is (a zstd frame header
     * alone is 6 bytes and more). */
    if (!frame && (!cdict || data.size() < 32))
        return nullptr;
    if (!cctx && !(cctx = ZSTD_createCCtx()))
        throw std::bad_alloc();
    out.resize(ZSTD_compressBound(data.size()));
    size_t n = cdict ? ZSTD_compress_usingCDict(cctx, &out[0], out.size(), data.data(),
                                                data.size(), cdict)
                     : ZSTD_compressCCtx(cctx, &out[0], out.size(), data.data(), data.size(),
                                         level);
    if (ZSTD_isError(n))
        throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(n));
    if (n >= data.size() && !frame)
        return nullptr;
    out.resize(n);
    return &out;
}

/* The writer's dictionary: the first the database lists, if any. */
void
xapc__writer_load_dict(xapc_writer_t *w)
{
    std::vector<unsigned> ids = dict_ids(w->db.get_metadata(dict_index));
    if (ids.empty())
        return;
    w->pack.use(read_dict(w->db, ids[0]));
}

void
xapc__unpacker::load(const Xapian::Database &shard)
{
    for (unsigned id : dict_ids(shard.get_metadata(dict_index))) {
        if (ddicts.count(id))
            continue;
        std::string bytes = read_dict(shard, id);
        prepared &d = ddicts[id];
        d.bytes = std::move(bytes);
        if (!(d.ddict = ZSTD_createDDict_byReference(d.bytes.data(), d.bytes.size()))) {
            ddicts.erase(id);
            throw std::bad_alloc();
        }
    }
}

xapc__unpacker::~xapc__unpacker()
{
    for (auto &kv : ddicts)
        ZSTD_freeDDict(kv.second.ddict);
    ZSTD_freeDCtx(dctx);
}

void
xapc__unpacker::unpack(std::string &data)
{
    if (!is_frame(data))
        return;
    unsigned id = ZSTD_getDictID_fromFrame(data.data(), data.size());
    const ZSTD_DDict *dict = nullptr;
    if (id) {
        auto it = ddicts.find(id);
        if (it == ddicts.end())
            throw Xapian::DatabaseCorruptError("document data needs dictionary " +
                                               dict_key(id) + ", which no shard holds");
        dict = it->second.ddict;
    }
    unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > (1u << 30))
        throw Xapian::DatabaseCorruptError("bad compressed document data");
    if (!dctx && !(dctx = ZSTD_createDCtx()))
        throw std::bad_alloc();
    buf.resize((size_t)size);
    size_t n = ZSTD_decompress_usingDDict(dctx, buf.empty() ? nullptr : &buf[0], buf.size(),
                                          data.data(), data.size(), dict);
    if (ZSTD_isError(n) || n != size)
        throw Xapian::DatabaseCorruptError("bad compressed document data");
    data.swap(buf);
}

std::shared_ptr<xapc__unpacker>
xapc__reader_unpacker(xapc_reader_t *r)
{
    if (!r->unpack) {
        auto u = std::make_shared<xapc__unpacker>();
        for (const Xapian::Database &shard : r->shards)
            u->load(shard);
        r->unpack = u;
    }
    return r->unpack;
}

/* The dictionaries of 'srcs' listed in 'dest', just compacted from them:
 * a metadata key in several sources keeps the first one's value, so a
 * second source's list would be lost (its dictionaries are copied). */
void
xapc__compact_dicts(const std::vector<Xapian::Database> &srcs, const char *dest)
{
    std::vector<unsigned> all;
    for (const Xapian::Database &src : srcs)
        for (unsigned id : dict_ids(src.get_metadata(dict_index)))
            if (std::find(all.begin(), all.end(), id) == all.end())
                all.push_back(id);
    Xapian::Database check(dest);
    if (check.get_metadata(dict_index) == ids_list(all))
        return;
    check.close();
    Xapian::WritableDatabase out(dest, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
    out.set_metadata(dict_index, ids_list(all));
    out.commit();
    out.close();
}

extern "C" xapc_status_t
xapc_writer_set_dictionary(xapc_writer_t *w, const void *dict, size_t len) XAPC_NOEXCEPT
{
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (w->closed)
            xapc__invalid("xapc_writer_set_dictionary", "writer is closed");
        if (!dict || !len)
            xapc__invalid("xapc_writer_set_dictionary", "empty dictionary");
        std::string d((const char *)dict, len);
        unsigned id = xapc__dict_id(d);
        if (!id)
            xapc__invalid("xapc_writer_set_dictionary", "not a zstd dictionary");
        std::vector<unsigned> ids = dict_ids(w->db.get_metadata(dict_index));
        auto at = std::find(ids.begin(), ids.end(), id);
        if (at != ids.end())
            ids.erase(at);
        ids.insert(ids.begin(), id);
        w->pack.use(d);
        write_dict(w->db, id, d);
        w->db.set_metadata(dict_index, ids_list(ids));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_set_dictionary");
    }
}

extern "C" int
xapc_writer_has_dictionary(const xapc_writer_t *w) XAPC_NOEXCEPT
{
    return w && w->pack.cdict != nullptr;
}

extern "C" xapc_status_t
xapc_writer_get_dictionary(xapc_writer_t *w, char **dict_out, size_t *len_out) XAPC_NOEXCEPT
{
    if (dict_out)
        *dict_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        if (!dict_out || !len_out)
            xapc__invalid("xapc_writer_get_dictionary", "NULL out");
        if (!w->pack.cdict)
            return XAPC_OK;
        const std::string &d = w->pack.dict;
        char *copy = (char *)std::malloc(d.size());
        if (!copy)
            throw std::bad_alloc();
        std::memcpy(copy, d.data(), d.size());
        *dict_out = copy;
        *len_out = d.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_get_dictionary");
    }
}
