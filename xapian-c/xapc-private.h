/* SPDX-License-Identifier: MIT */
/*
 * xapc-private.h - C++-only definitions shared by the .cc files of
 * xapian-c: the handle structs behind the opaque types of xapc.h and the one
 * helper that turns an in-flight exception into an xapc_status_t.
 */
#ifndef XAPC_PRIVATE_H
#define XAPC_PRIVATE_H
#ifndef __cplusplus
# error "xapc-private.h is C++ only; C code includes xapc.h"
#endif

#include <xapian.h>

#include <cstddef>
#include <cstring>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "xapc.h"

struct xapc_writer {
    Xapian::WritableDatabase db;
    /* Set by xapc_writer_close(); afterwards only _destroy is valid. */
    bool closed = false;
    std::string last_error;
};

struct xapc_reader {
    /* All shards combined: what searches, counts and term lists run on. */
    Xapian::Database db;
    /*
     * The same shards one by one (they share their internals with 'db'),
     * because Database::get_metadata() on a combined database only looks
     * at the first shard.
     */
    std::vector<Xapian::Database> shards;
    bool has_remote = false;
    std::string last_error;
};

struct xapc_document {
    Xapian::Document doc;
    std::string last_error;
};

struct xapc_query {
    Xapian::Query query;
};

/*
 * A document as a match decider sees it: the strings handed out live here
 * until the decider returns (or, inside an mset, until the cursor moves).
 */
struct xapc_matchdoc {
    /*
     * Borrowed, never copied: inside the matcher the document is a view on
     * its stack (ValueStreamDocument, matcher/multimatch.cc), and a copy
     * outliving get_mset() would release it a second time.
     */
    const Xapian::Document *doc = nullptr;
    bool have_data = false;
    std::string data;
    std::map<Xapian::valueno, std::string> values;
    std::string last_error;

    void reset(const Xapian::Document *d) noexcept
    {
        doc = d;
        have_data = false;
        data.clear();
        values.clear();
    }
};

/*
 * The Xapian::MatchDecider behind xapc_search_opts_t.decider: hands each
 * candidate to the C callback. A callback asking to stop (-1) becomes a
 * std::runtime_error, which get_mset() lets through to the catch of
 * xapc_reader_search() (XAPC_E_INTERNAL): nothing crosses into C.
 */
class xapc__decider : public Xapian::MatchDecider {
    xapc_decider_fn fn_;
    void *ctx_;
    mutable xapc_matchdoc cur_;

  public:
    xapc__decider(xapc_decider_fn fn, void *ctx) : fn_(fn), ctx_(ctx) {}
    bool operator()(const Xapian::Document &doc) const override;
};

struct xapc_mset {
    /*
     * A copy of the reader's database and the Enquire that produced
     * 'mset': get_matching_terms_begin() needs the Enquire, and holding
     * the database keeps documents fetchable even if the caller destroys
     * the reader first.
     */
    Xapian::Database db;
    Xapian::Enquire enquire;
    Xapian::MSet mset;
    /* Invariant: pos <= mset.size(); pos == mset.size() means "no current". */
    Xapian::doccount pos = 0;
    /*
     * Storage behind the pointers xapc_mset_data() and xapc_mset_value()
     * hand out; cleared by _next and _rewind, which is exactly when those
     * pointers are documented to expire. std::map nodes do not move, so
     * fetching another slot leaves earlier pointers valid.
     */
    bool have_doc = false;
    Xapian::Document doc;
    bool have_data = false;
    std::string data;
    std::map<Xapian::valueno, std::string> values;
    /* What xapc_mset_matchdoc() hands out; valid while have_matchdoc. */
    bool have_matchdoc = false;
    xapc_matchdoc matchdoc;
    std::string last_error;

    explicit xapc_mset(const Xapian::Database &database)
        : db(database), enquire(database)
    {
    }
};

/*
 * Classifies the exception being handled (call it only inside a catch
 * block), writes "context: Type: message" into 'last_error' and returns
 * the status. Xapian classes are matched from most to least specific, then
 * std::bad_alloc, std::exception and anything else; see error.cc for the
 * table. If the message itself cannot be stored, 'last_error' is left
 * empty and the status is still returned.
 */
xapc_status_t xapc__fail(std::string &last_error, const char *context) noexcept;

/*
 * The same for functions without a handle: on return *errmsg (if errmsg is
 * not NULL) is a malloc'd copy of the message, or NULL if even that
 * allocation failed.
 */
xapc_status_t xapc__fail(char **errmsg, const char *context) noexcept;

/*
 * Copies 'len' bytes into a malloc'd, NUL-terminated buffer; throws
 * std::bad_alloc when malloc fails so that xapc__fail() reports NOMEM.
 */
char *xapc__strdup(const char *data, size_t len);

/*
 * The integer a C caller put in an enum parameter. C may pass any int
 * there, but in C++ loading an enum outside its value range is undefined
 * (UBSan's -fsanitize=enum flags it), so the bytes are read instead.
 */
template <typename E>
inline long long
xapc__enum_value(const E &e) noexcept
{
    std::underlying_type_t<E> raw;
    static_assert(sizeof raw == sizeof e, "enum size");
    std::memcpy(&raw, &e, sizeof raw);
    return static_cast<long long>(raw);
}

/* Throws Xapian::InvalidArgumentError("context: what"). */
[[noreturn]] void xapc__invalid(const char *context, const char *what);

#endif
