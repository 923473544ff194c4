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
#include <csignal>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

/* For ZSTD_createDDict_byReference: the searcher links libzstd
 * statically, and the shared library exports it too. */
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include "xapc.h"
#include "docset.h"

/* Compresses document data with the writer's zstd dictionary
 * (datapack.cc); without one it leaves the data as it is. */
struct xapc__packer {
    ZSTD_CDict *cdict = nullptr;
    ZSTD_CCtx *cctx = nullptr;
    int level = 3;
    std::string dict; /* the dictionary in use */
    std::string out;
    xapc__packer() = default;
    xapc__packer(const xapc__packer &) = delete;
    xapc__packer &operator=(const xapc__packer &) = delete;
    ~xapc__packer();
    /* Compresses with 'dict' from now on. */
    void use(const std::string &dict);
    /* What to store for 'data': its compressed form (in 'out') when a
     * dictionary is set and that is smaller, or when 'data' looks like a
     * frame (which must become one to be read back as given); NULL to
     * store 'data' as it is. */
    const std::string *pack(const std::string &data);
};

/* Inflates document data written by a packer, with the dictionaries of
 * every shard of a reader (a frame names its dictionary by id). */
struct xapc__unpacker {
    /* Each dictionary's bytes and the prepared dictionary that points
     * into them (a copy would cost a one-shot search its pages). */
    struct prepared {
        std::string bytes;
        ZSTD_DDict *ddict = nullptr;
    };
    std::map<unsigned, prepared> ddicts;
    ZSTD_DCtx *dctx = nullptr;
    std::string buf;
    xapc__unpacker() = default;
    xapc__unpacker(const xapc__unpacker &) = delete;
    xapc__unpacker &operator=(const xapc__unpacker &) = delete;
    ~xapc__unpacker();
    /* Adds the dictionaries 'shard' lists. */
    void load(const Xapian::Database &shard);
    /* Replaces 'data' by its uncompressed form if it is a zstd frame;
     * throws Xapian::DatabaseCorruptError if it cannot be inflated. */
    void unpack(std::string &data);
};

/* The id of a zstd dictionary (0: not one). */
unsigned xapc__dict_id(const std::string &dict);

/* A cn_docset_t (util/docset.h) that frees itself. */
struct xapc__docset {
    cn_docset_t s = CN_DOCSET_INIT;
    xapc__docset() = default;
    xapc__docset(const xapc__docset &) = delete;
    xapc__docset &operator=(const xapc__docset &) = delete;
    ~xapc__docset() { cn_docset_release(&s); }
};

/* Reads the tombstones of one database (a single shard) into 'out';
 * throws Xapian::DatabaseCorruptError on a bad value (tombstones.cc). */
void xapc__tombstones_load(const Xapian::Database &db, xapc__docset &out);

struct xapc_writer {
    Xapian::WritableDatabase db;
    /* Its tombstones, pending ones included: loaded on first use and kept
     * in step by xapc_writer_delete_term() (the only writer). */
    bool dead_loaded = false;
    xapc__docset dead;
    /* Set by xapc_writer_close(); afterwards only _destroy is valid. */
    bool closed = false;
    std::string last_error;
    /* Compresses what xapc_writer_add() stores (datapack.cc). */
    xapc__packer pack;
    /* Inflates what xapc_writer_term_data() reads, made on first use. */
    std::shared_ptr<xapc__unpacker> unpack;
};

/* Loads the dictionary an opened database lists first into w->pack. */
void xapc__writer_load_dict(xapc_writer_t *w);

struct xapc_reader {
    /* All shards combined: what searches, counts and term lists run on. */
    Xapian::Database db;
    /*
     * The same shards one by one (they share their internals with 'db'),
     * because Database::get_metadata() on a combined database only looks
     * at the first shard.
     */
    std::vector<Xapian::Database> shards;
    std::string last_error;
    /* xapc_reader_set_cancel_flag(): polled by searches, NULL for none. */
    const volatile sig_atomic_t *cancel = nullptr;
    /* A remote shard runs neither our PostingSource nor a MatchDecider
     * (neither can be serialised to xapian-tcpsrv). */
    bool has_remote = false;
    /* Tombstones of each shard, read on first use; reopen drops them. */
    bool dead_loaded = false;
    std::vector<std::shared_ptr<const xapc__docset>> dead;
    /* The shards' data dictionaries, read on first use; reopen drops them. */
    std::shared_ptr<xapc__unpacker> unpack;
};

/* r->unpack, loaded if not yet done. */
std::shared_ptr<xapc__unpacker> xapc__reader_unpacker(xapc_reader_t *r);

/* Lists in 'dest' the dictionaries of all of 'srcs' (datapack.cc). */
void xapc__compact_dicts(const std::vector<Xapian::Database> &srcs, const char *dest);

/* Loads r->dead if not yet done. */
void xapc__reader_load_dead(xapc_reader_t *r);

/* Marks the live holders of 'term' dead; returns how many (tombstones.cc). */
uint32_t xapc__writer_kill(xapc_writer_t *w, const std::string &term);

/* Rewrites the tombstones of 'dest', just compacted from 'srcs', at the
 * ids compaction gave their documents (tombstones.cc). */
void xapc__compact_tombstones(const std::vector<Xapian::Database> &srcs, const char *dest);

struct xapc_document {
    Xapian::Document doc;
    std::string last_error;
};

/*
 * A tagged part of a query (xapc_query_tag()): the subtree whose weight
 * xapc_reader_explain() reports under 'tag'. Parts travel up through
 * combinations (parts.cc says which operators keep them).
 */
struct xapc_query_part {
    std::string tag;
    Xapian::Query query;
};

struct xapc_query {
    Xapian::Query query;
    std::vector<xapc_query_part> parts;
};

/*
 * The parts of op(subs[0..n)) (op an xapc_query_op_t value): the union of
 * the kids' parts where the kids' weights add up (AND, OR, AND_MAYBE), the
 * first kid's where only it weighs (AND_NOT, FILTER), none where the kids'
 * weights merge into one (SYNONYM, PHRASE, NEAR: tag the result).
 */
std::vector<xapc_query_part> xapc__parts_combine(long long op,
                                                 const xapc_query_t *const *subs,
                                                 size_t n);

/* The parts of 'sub' with their weights multiplied by 'factor'. */
std::vector<xapc_query_part> xapc__parts_scale(const xapc_query_t *sub,
                                               double factor);

/*
 * What a match runs besides the query. An Enquire takes one MatchDecider
 * and any number of MatchSpies; features that each need one (phrase
 * checks, facets, cancelling) add theirs here and xapc__hooks_apply()
 * composes them: the deciders are ANDed into one (a document is kept when
 * every decider keeps it, in the order added), every spy is added, and
 * the cancel flag wraps the query (match-hooks.cc, cancel.cc). Deciders
 * and spies are borrowed and must outlive get_mset() (and the spies the
 * reading of their results).
 */
struct xapc__match_hooks {
    std::vector<const Xapian::MatchDecider *> deciders;
    std::vector<Xapian::MatchSpy *> spies;
    const volatile sig_atomic_t *cancel = nullptr;
    bool has_remote = false;
    /* Some shard holds tombstones: the match filters them out. */
    bool dead = false;
    /* Set by xapc__hooks_apply(): the composed decider of 2+ deciders. */
    std::unique_ptr<Xapian::MatchDecider> all_of;
};

/* Installs the spies of 'h' on 'enquire', composes its deciders and
 * returns the query to run instead of 'q'. */
Xapian::Query xapc__hooks_apply(xapc__match_hooks &h, Xapian::Enquire &enquire,
                                const Xapian::Query &q);

/* The one decider to pass to get_mset() (Xapian 1.4 takes it there), or
 * NULL; valid after xapc__hooks_apply(). */
const Xapian::MatchDecider *xapc__hooks_decider(const xapc__match_hooks &h);

/*
 * 'q' filtered by a PostingSource that matches every live document of
 * each shard (leaving out its tombstones when 'dead') and, if 'flag' is
 * not NULL, throws xapc__cancelled from next()/skip_to() once *flag is
 * set (cancel.cc). Local shards only.
 */
Xapian::Query xapc__live_filter(const Xapian::Query &q, const volatile sig_atomic_t *flag,
                                bool dead);

/* Thrown inside a match when the cancel flag is set; xapc__fail() maps it
 * to XAPC_E_CANCELLED. Not a Xapian::Error: nothing in Xapian catches it. */
struct xapc__cancelled {
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
    /* Inflates compressed data; borrowed from the match or the mset. */
    xapc__unpacker *unpack = nullptr;
    bool have_data = false;
    std::string data;
    std::map<Xapian::valueno, std::string> values;
    std::string last_error;
    /*
     * Where xapc_matchdoc_sibling_data() looks: from an mset, the combined
     * database and the result's id there ('global'); in a decider, the
     * reader's shards, the candidate's not being known when there are
     * several. Set by the owner, kept across reset().
     */
    const Xapian::Database *combined = nullptr;
    Xapian::docid global = 0;
    Xapian::doccount nshards = 1;
    const std::vector<Xapian::Database> *shards = nullptr;
    std::string sibling;
    /*
     * Over one shard only (an id names one document there): the records
     * the decider kept, where a sibling is looked up before it is read
     * ('kept_from', from an mset), and where a sibling read inside the
     * match is kept for the results ('keep_into', in a decider).
     */
    const struct xapc__kept_data *kept_from = nullptr;
    struct xapc__kept_data *keep_into = nullptr;

    void reset(const Xapian::Document *d) noexcept
    {
        doc = d;
        have_data = false;
        data.clear();
        values.clear();
    }
};

/*
 * The data the decider read of the candidates it kept
 * (xapc_search_opts_t.decider_keep_bytes), handed out again by
 * xapc_mset_data() instead of reading and inflating the record a second
 * time. Keyed by the candidate's id in its shard, all that a decider is
 * told inside a match of several shards: an id kept with two different
 * data (two shards) is 'mixed' and never answered, nor is one kept
 * without its data (over the budget, or not read).
 */
struct xapc__kept_data {
    struct entry {
        bool have = false, mixed = false;
        std::string data;
    };
    size_t budget = 0;
    std::unordered_map<Xapian::docid, entry> by_id;

    void keep(Xapian::docid shard_did, const xapc_matchdoc &d);
    /* Keeps 'data' (inflated; NULL: not read) of shard id 'shard_did',
     * within the budget. */
    void keep_data(Xapian::docid shard_did, const std::string *data);
    /* The data kept for shard id 'shard_did', or NULL. */
    const std::string *find(Xapian::docid shard_did) const;
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
    xapc__kept_data *kept_;
    mutable xapc_matchdoc cur_;

  public:
    xapc__decider(xapc_decider_fn fn, void *ctx, xapc__kept_data *kept = nullptr,
                  xapc__unpacker *unpack = nullptr,
                  const std::vector<Xapian::Database> *shards = nullptr)
        : fn_(fn), ctx_(ctx), kept_(kept)
    {
        cur_.unpack = unpack;
        cur_.shards = shards;
        if (shards && shards->size() == 1)
            cur_.keep_into = kept;
    }
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
    /* Invariant: pos <= size(); pos == size() means "no current". */
    Xapian::doccount pos = 0;
    /*
     * With tie-break slots (ties.cc): the page, as indices into 'mset'
     * (fetched from rank 0), in the final order, and the rank of its
     * first result. Without them 'mset' is the page.
     */
    bool ordered = false;
    std::vector<Xapian::doccount> order;
    Xapian::doccount rank_base = 0;
    Xapian::doccount size() const { return ordered ? order.size() : mset.size(); }
    Xapian::MSetIterator current() const { return mset[ordered ? order[pos] : pos]; }
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
    std::string collapse_key; /* xapc_mset_collapse_key()'s storage */
    std::map<Xapian::valueno, std::string> values;
    /* The reader's dictionaries, for compressed data. */
    std::shared_ptr<xapc__unpacker> unpack;
    /* What xapc_mset_matchdoc() hands out; valid while have_matchdoc. */
    bool have_matchdoc = false;
    xapc_matchdoc matchdoc;
    std::string last_error;
    /* Deciders, spies and the cancel flag of the match (xapc__hooks_apply). */
    xapc__match_hooks hooks;
    /* What the decider kept (decider_keep_bytes); 'shards' maps an id. */
    xapc__kept_data kept;
    Xapian::doccount shards = 1;
    /* The reader's tombstones per shard, for xapc_mset_dead(). */
    std::vector<std::shared_ptr<const xapc__docset>> dead;

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
/*
 * Adds the match spies of 'o' to 'enquire' and resets their counts; returns
 * the check_at_least that makes their counts exact (every match seen).
 */
Xapian::doccount xapc__spies_attach(Xapian::Enquire &enquire,
                                    const Xapian::Database &db,
                                    const xapc_search_opts_t *o);

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

/* ties.cc: whether 'o' asks for ties ordered by value slots; the key
 * of 'doc' for that order; running the search of 'm' with that order. */
bool xapc__wants_ties_ordered(const xapc_search_opts_t *o);
std::string xapc__tie_key(const Xapian::Document &doc, const xapc_search_opts_t *o);
void xapc__search_ordered(xapc_mset_t *m, const xapc_search_opts_t *o, Xapian::doccount check,
                          const Xapian::MatchDecider *decider);

/* Throws Xapian::InvalidArgumentError("context: what"). */
[[noreturn]] void xapc__invalid(const char *context, const char *what);

#endif
