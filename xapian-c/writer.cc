/* SPDX-License-Identifier: MIT */
/*
 * writer.cc - xapc_writer_t (one Xapian::WritableDatabase) and
 * xapc_compact().
 */
#include "xapc-private.h"

#include <new>

#include <sys/stat.h>

static int
writer_mode(int mode)
{
    switch (mode) {
    case XAPC_WRITER_CREATE_OR_OPEN:
        return Xapian::DB_CREATE_OR_OPEN;
    case XAPC_WRITER_CREATE:
        return Xapian::DB_CREATE;
    case XAPC_WRITER_OPEN:
        return Xapian::DB_OPEN;
    case XAPC_WRITER_OVERWRITE:
        return Xapian::DB_CREATE_OR_OVERWRITE;
    default:
        xapc__invalid("xapc_writer_open", "unknown mode");
    }
}

/*
 * Every database is written without a termlist table (DB_NO_TERMLIST):
 * nothing we run reads a document's term list, and the table was a third
 * of the index and an eighth of the indexing time (docs/performance.md).
 * Xapian then cannot delete or replace documents, hence tombstones
 * (tombstones.cc). The flag must be given on every open: a database made
 * without the table cannot be opened for writing without it.
 */
static int
writer_flags(int mode)
{
    if (mode & XAPC_WRITER_TERMLIST)
        return writer_mode(mode & ~XAPC_WRITER_TERMLIST);
    return Xapian::DB_NO_TERMLIST | writer_mode(mode);
}

extern "C" bool
xapc_database_has_termlist(const char *path) XAPC_NOEXCEPT
{
    if (!path || !*path)
        return false;
    try {
        std::string f = std::string(path) + "/termlist.glass";
        struct stat st;
        return stat(f.c_str(), &st) == 0;
    } catch (...) {
        return false;
    }
}

/* Every call after xapc_writer_close() is a caller bug, reported as such. */
static void
check_open(const xapc_writer_t *w, const char *context)
{
    if (w->closed)
        xapc__invalid(context, "writer is closed");
}

static std::string
term_arg(const char *term, size_t term_len, const char *context)
{
    if (!term || !term_len)
        xapc__invalid(context, "empty term");
    return std::string(term, term_len);
}

/* Adds 'doc' with its data compressed by the writer's dictionary, if it
 * has one; the caller's document keeps its data as given. */
static Xapian::docid
add_packed(xapc_writer_t *w, const Xapian::Document &doc)
{
    std::string data = doc.get_data();
    const std::string *packed = w->pack.pack(data);
    if (!packed)
        return w->db.add_document(doc);
    Xapian::Document d = doc; /* a handle on the same document */
    d.set_data(*packed);
    struct restore {
        Xapian::Document &d;
        std::string &data;
        ~restore() { d.set_data(data); }
    } r{ d, data };
    return w->db.add_document(d);
}

extern "C" xapc_status_t
xapc_writer_open(const char *path, int mode, xapc_writer_t **out,
                 char **errmsg) XAPC_NOEXCEPT
{
    xapc_writer_t *w = nullptr;
    if (errmsg)
        *errmsg = nullptr;
    if (out)
        *out = nullptr;
    try {
        if (!out)
            xapc__invalid("xapc_writer_open", "NULL out");
        if (!path || !*path)
            xapc__invalid("xapc_writer_open", "empty path");
        int flags = writer_flags(mode);
        w = new (std::nothrow) xapc_writer_t;
        if (!w)
            throw std::bad_alloc();
        w->db = Xapian::WritableDatabase(path, flags);
        xapc__writer_load_dict(w);
        *out = w;
        return XAPC_OK;
    } catch (...) {
        delete w;
        return xapc__fail(errmsg, "xapc_writer_open");
    }
}

extern "C" const char *
xapc_writer_last_error(const xapc_writer_t *w) XAPC_NOEXCEPT
{
    return w ? w->last_error.c_str() : "NULL writer";
}

extern "C" xapc_status_t
xapc_writer_replace(xapc_writer_t *w, const char *id_term, size_t id_term_len,
                    const xapc_document_t *doc,
                    xapc_docid_t *docid_out) XAPC_NOEXCEPT
{
    if (docid_out)
        *docid_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        static const char ctx[] = "xapc_writer_replace";
        check_open(w, ctx);
        std::string id = term_arg(id_term, id_term_len, ctx);
        if (!doc)
            xapc__invalid(ctx, "NULL document");
        /*
         * Without the id term in the document the next replace could not
         * find it, and the "unique" id would silently stop being unique.
         * (An unsaved document keeps its terms in memory: its term list
         * needs no termlist table.)
         */
        Xapian::TermIterator t = doc->doc.termlist_begin();
        t.skip_to(id);
        if (t == doc->doc.termlist_end() || *t != id)
            xapc__invalid(ctx, "document does not contain its id term");
        xapc__writer_kill(w, id);
        Xapian::docid did = add_packed(w, doc->doc);
        if (docid_out)
            *docid_out = did;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_replace");
    }
}

extern "C" xapc_status_t
xapc_writer_add(xapc_writer_t *w, const xapc_document_t *doc,
                xapc_docid_t *docid_out) XAPC_NOEXCEPT
{
    if (docid_out)
        *docid_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_add");
        if (!doc)
            xapc__invalid("xapc_writer_add", "NULL document");
        Xapian::docid did = add_packed(w, doc->doc);
        if (docid_out)
            *docid_out = did;
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_add");
    }
}

extern "C" xapc_status_t
xapc_writer_termfreq(xapc_writer_t *w, const char *term, size_t term_len,
                     uint32_t *freq_out) XAPC_NOEXCEPT
{
    if (freq_out)
        *freq_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_termfreq");
        if (!freq_out)
            xapc__invalid("xapc_writer_termfreq", "NULL freq_out");
        *freq_out = w->db.get_termfreq(
            term_arg(term, term_len, "xapc_writer_termfreq"));
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_termfreq");
    }
}

extern "C" xapc_status_t
xapc_writer_doccount(xapc_writer_t *w, uint32_t *count_out) XAPC_NOEXCEPT
{
    if (count_out)
        *count_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_doccount");
        if (!count_out)
            xapc__invalid("xapc_writer_doccount", "NULL count_out");
        *count_out = w->db.get_doccount();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_doccount");
    }
}

extern "C" xapc_status_t
xapc_writer_set_metadata(xapc_writer_t *w, const char *key, const char *value,
                         size_t value_len) XAPC_NOEXCEPT
{
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_set_metadata");
        if (!key || !*key)
            xapc__invalid("xapc_writer_set_metadata", "empty key");
        if (!value && value_len)
            xapc__invalid("xapc_writer_set_metadata", "NULL value");
        w->db.set_metadata(key, value ? std::string(value, value_len)
                                      : std::string());
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_set_metadata");
    }
}

extern "C" xapc_status_t
xapc_writer_get_metadata(xapc_writer_t *w, const char *key, char **value_out,
                         size_t *len_out) XAPC_NOEXCEPT
{
    if (value_out)
        *value_out = nullptr;
    if (len_out)
        *len_out = 0;
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_get_metadata");
        if (!key || !*key)
            xapc__invalid("xapc_writer_get_metadata", "empty key");
        if (!value_out)
            xapc__invalid("xapc_writer_get_metadata", "NULL value_out");
        std::string value = w->db.get_metadata(key);
        *value_out = xapc__strdup(value.data(), value.size());
        if (len_out)
            *len_out = value.size();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_get_metadata");
    }
}

extern "C" xapc_status_t
xapc_writer_commit(xapc_writer_t *w) XAPC_NOEXCEPT
{
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_commit");
        w->db.commit();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_commit");
    }
}

extern "C" xapc_status_t
xapc_writer_close(xapc_writer_t *w) XAPC_NOEXCEPT
{
    if (!w)
        return XAPC_E_INVALID_ARGUMENT;
    try {
        check_open(w, "xapc_writer_close");
        /*
         * close() would commit too, but an explicit commit() first makes a
         * failure to commit surface here rather than be swallowed.
         */
        w->db.commit();
        w->closed = true;
        w->db.close();
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(w->last_error, "xapc_writer_close");
    }
}

extern "C" void
xapc_writer_destroy(xapc_writer_t *w) XAPC_NOEXCEPT
{
    if (!w)
        return;
    if (!w->closed) {
        try {
            w->db.commit();
            w->db.close();
        } catch (...) {
            /* Documented: call xapc_writer_close() to see this failure. */
        }
    }
    delete w;
}

extern "C" xapc_status_t
xapc_compact(const char *const *srcs, size_t n, const char *dest,
             char **errmsg) XAPC_NOEXCEPT
{
    if (errmsg)
        *errmsg = nullptr;
    try {
        if (!srcs || !n)
            xapc__invalid("xapc_compact", "no source databases");
        if (!dest || !*dest)
            xapc__invalid("xapc_compact", "empty destination path");
        Xapian::Database all;
        std::vector<Xapian::Database> each;
        for (size_t i = 0; i < n; i++) {
            if (!srcs[i] || !*srcs[i])
                xapc__invalid("xapc_compact", "empty source path");
            each.emplace_back(srcs[i]);
            all.add_database(each.back());
        }
        /* Sources without a termlist give a result without one. */
        all.compact(dest);
        xapc__compact_tombstones(each, dest);
        xapc__compact_dicts(each, dest);
        return XAPC_OK;
    } catch (...) {
        return xapc__fail(errmsg, "xapc_compact");
    }
}
