/* SPDX-License-Identifier: MIT */
/* xapc.h - a thin C API over libxapian. No C++ type or exception crosses it.
 *
 * Conventions (see docs/xapian-wrapper.md):
 *  - Every function that can fail returns xapc_status_t. Out-parameters come
 *    last and are set to NULL/0 on failure.
 *  - Handles are opaque. _create/_open make them, _destroy frees them;
 *    _destroy(NULL) is a no-op.
 *  - Handle functions keep the message of their last failure, readable with
 *    the handle's _last_error() (owned by the handle, valid until the next
 *    call on it, never NULL). Functions without a handle take 'char **errmsg'
 *    (may be NULL); on failure *errmsg is a malloc'd message the caller frees.
 *  - The wrapper knows nothing about CJK: terms arrive already tokenized.
 */
#ifndef XAPC_H
#define XAPC_H
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
# define XAPC_NOEXCEPT noexcept
extern "C" {
#else
# define XAPC_NOEXCEPT
#endif

typedef enum xapc_status {
    XAPC_OK = 0,
    XAPC_E_NOMEM,            /* std::bad_alloc */
    XAPC_E_INVALID_ARGUMENT, /* NULL handle, bad value, InvalidArgumentError */
    XAPC_E_NOT_FOUND,        /* DatabaseNotFoundError, DocNotFoundError, missing db */
    XAPC_E_LOCKED,           /* DatabaseLockError: another writer; caller may retry */
    XAPC_E_MODIFIED,         /* DatabaseModifiedError: reopen and retry the read */
    XAPC_E_CORRUPT,          /* DatabaseCorruptError */
    XAPC_E_VERSION,          /* DatabaseVersionError */
    XAPC_E_QUERY_SYNTAX,     /* QueryParserError, WildcardError */
    XAPC_E_IO,               /* other DatabaseError, NetworkError, opening error */
    XAPC_E_INTERNAL,         /* anything else, incl. std::exception and ... */
    XAPC_E_CANCELLED,        /* the search's cancel flag was set (xapc_reader_set_cancel_flag) */
    XAPC_STATUS_LAST
} xapc_status_t;

typedef uint32_t xapc_docid_t;
typedef uint32_t xapc_termpos_t;
typedef uint32_t xapc_slot_t;

typedef struct xapc_writer   xapc_writer_t;   /* one WritableDatabase */
typedef struct xapc_reader   xapc_reader_t;   /* one or several databases, read-only */
typedef struct xapc_document xapc_document_t; /* a document being built */
typedef struct xapc_query    xapc_query_t;    /* an immutable query tree */
typedef struct xapc_mset     xapc_mset_t;     /* search results + iterator */
typedef struct xapc_spy      xapc_spy_t;      /* counts over every match */

/** Static name of a status; never NULL. */
const char *xapc_status_to_string(xapc_status_t st) XAPC_NOEXCEPT;

/** Version string of the libxapian in use (static). */
const char *xapc_version_string(void) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Writing                                                             */

enum {
    XAPC_WRITER_CREATE_OR_OPEN = 0, /* open, creating it if missing */
    XAPC_WRITER_CREATE = 1,         /* fail if it exists */
    XAPC_WRITER_OPEN = 2,           /* fail (XAPC_E_NOT_FOUND) if missing */
    XAPC_WRITER_OVERWRITE = 3,      /* create, replacing what is there */
    /* OR'd into the mode: a database this open creates gets Xapian's
     * termlist table, which every other database goes without (below,
     * "Tombstones"). Xapian 1.4's remote protocol needs it: xapian-tcpsrv
     * cannot send a document of a database without one ("Database has no
     * termlist"). An existing database keeps the table it has. */
    XAPC_WRITER_TERMLIST = 0x100
};

/** Whether the database at 'path' has a termlist table (glass backend:
 * the file termlist.glass). False when there is no database there. */
bool xapc_database_has_termlist(const char *path) XAPC_NOEXCEPT;

/** Opens the database at 'path' for writing ('mode' is one of the
 * XAPC_WRITER_* values). Only one writer may hold a database: a second one
 * gets XAPC_E_LOCKED. On success *out is a handle the caller frees with
 * xapc_writer_destroy(), which commits pending changes first.
 * Returns XAPC_OK, XAPC_E_LOCKED, XAPC_E_NOT_FOUND, XAPC_E_IO (also when
 * XAPC_WRITER_CREATE finds a database), XAPC_E_CORRUPT, XAPC_E_VERSION,
 * XAPC_E_INVALID_ARGUMENT (NULL/empty path, unknown mode), XAPC_E_NOMEM,
 * XAPC_E_INTERNAL. */
xapc_status_t xapc_writer_open(const char *path, int mode, xapc_writer_t **out,
                               char **errmsg) XAPC_NOEXCEPT;

/** Message of the last failed call on 'w' (owned by 'w'). */
const char *xapc_writer_last_error(const xapc_writer_t *w) XAPC_NOEXCEPT;

/** Adds 'doc' (not consumed: it may be cleared and reused) under the unique
 * term 'id_term': the live documents already holding that term are marked
 * dead (xapc_writer_delete_term()) and 'doc' is added. The document must
 * itself contain 'id_term' (add it as a boolean term), else the call fails
 * with XAPC_E_INVALID_ARGUMENT. *docid_out may be NULL. */
xapc_status_t xapc_writer_replace(xapc_writer_t *w, const char *id_term,
                                  size_t id_term_len,
                                  const xapc_document_t *doc,
                                  xapc_docid_t *docid_out) XAPC_NOEXCEPT;

/** Adds 'doc' as a new document. *docid_out may be NULL. */
xapc_status_t xapc_writer_add(xapc_writer_t *w, const xapc_document_t *doc,
                              xapc_docid_t *docid_out) XAPC_NOEXCEPT;

/*
 * Tombstones. Databases are written without Xapian's termlist table
 * (DB_NO_TERMLIST: it was a third of the index), and without it Xapian
 * cannot delete or replace a document. A document is deleted instead by
 * recording its id in the metadata under XAPC_META_TOMBSTONES + 8 hex
 * digits of (docid >> 12), one delta-varint list per 4096 ids
 * (util/docset.h), listed under XAPC_META_TOMBSTONE_INDEX, written in the
 * same commit as the rest. Every search
 * of a reader leaves dead documents out (a filter inside the match on
 * local shards; xapc_mset_dead() for remote ones); Xapian's own counts
 * (doccount, termfreq, BM25 statistics) still include them until the
 * database is rebuilt. xapc_compact() carries the tombstones over,
 * renumbered as the documents are. No document is ever really deleted,
 * which the renumbering relies on (docs/index-schema.md, "Tombstones").
 */
#define XAPC_META_TOMBSTONES "xapc.dead."
/* The chunks that hold tombstones: 8 hex digits each, space-separated. */
#define XAPC_META_TOMBSTONE_INDEX "xapc.dead"

/** Marks every live document holding 'term' dead; *count_out (may be
 * NULL) = how many were newly marked (none is not an error). */
xapc_status_t xapc_writer_delete_term(xapc_writer_t *w, const char *term,
                                      size_t term_len,
                                      uint32_t *count_out) XAPC_NOEXCEPT;

/** The data of the first live document holding 'term' (pending changes
 * included), inflated like xapc_mset_data(): malloc'd into *data_out,
 * which the caller frees. XAPC_E_NOT_FOUND when no live document holds it. */
xapc_status_t xapc_writer_term_data(xapc_writer_t *w, const char *term, size_t term_len,
                                    char **data_out, size_t *len_out) XAPC_NOEXCEPT;

/** *count_out = number of live documents holding 'term' and, if 'also' is
 * not NULL, 'also' too (pending changes included). */
xapc_status_t xapc_writer_live_count(xapc_writer_t *w, const char *term,
                                     size_t term_len, const char *also,
                                     size_t also_len,
                                     uint32_t *count_out) XAPC_NOEXCEPT;

/** *count_out = number of dead documents (pending changes included). */
xapc_status_t xapc_writer_dead_count(xapc_writer_t *w,
                                     uint32_t *count_out) XAPC_NOEXCEPT;

/** *freq_out = number of documents holding 'term' in the writer's view
 * (pending changes included), dead ones too. */
xapc_status_t xapc_writer_termfreq(xapc_writer_t *w, const char *term,
                                   size_t term_len,
                                   uint32_t *freq_out) XAPC_NOEXCEPT;

/** *count_out = number of documents (pending changes included). */
xapc_status_t xapc_writer_doccount(xapc_writer_t *w,
                                   uint32_t *count_out) XAPC_NOEXCEPT;

/** Sets a user metadata entry (an empty value deletes it). */
xapc_status_t xapc_writer_set_metadata(xapc_writer_t *w, const char *key,
                                       const char *value,
                                       size_t value_len) XAPC_NOEXCEPT;

/** Reads a user metadata entry into a malloc'd, NUL-terminated buffer the
 * caller frees; a missing key gives an empty string, not an error. */
xapc_status_t xapc_writer_get_metadata(xapc_writer_t *w, const char *key,
                                       char **value_out,
                                       size_t *len_out) XAPC_NOEXCEPT;

/** Makes all changes so far durable and visible to new readers. */
xapc_status_t xapc_writer_commit(xapc_writer_t *w) XAPC_NOEXCEPT;

/** Commits and closes: after this only _destroy is valid on 'w'. */
xapc_status_t xapc_writer_close(xapc_writer_t *w) XAPC_NOEXCEPT;

/** Frees 'w'. If not closed, pending changes are committed; a failure then
 * is lost, so call xapc_writer_close() first to see it. NULL is a no-op. */
void xapc_writer_destroy(xapc_writer_t *w) XAPC_NOEXCEPT;

/*
 * Document data compression. A writer given a zstd dictionary stores it
 * in the database (metadata XAPC_META_DICT) and from then on compresses
 * the data of every document it adds with it, where that makes it
 * smaller; a writer opened on a database that has one uses it. Readers
 * inflate such data transparently (xapc_mset_data, xapc_matchdoc_data),
 * with the dictionaries of every shard, remote ones included. Data is
 * stored compressed from the add on: documents added before keep theirs.
 */
#define XAPC_META_DICT "xapc.zdict"

/** Makes 'dict' (a zstd dictionary, e.g. from ZDICT_trainFromBuffer) the
 * one new documents' data is compressed with, and records it in the
 * database with the next commit; earlier dictionaries stay readable.
 * XAPC_E_INVALID_ARGUMENT if it is not a zstd dictionary. */
xapc_status_t xapc_writer_set_dictionary(xapc_writer_t *w, const void *dict,
                                         size_t len) XAPC_NOEXCEPT;

/** True if 'w' compresses document data (a dictionary set or found). */
int xapc_writer_has_dictionary(const xapc_writer_t *w) XAPC_NOEXCEPT;

/** A malloc'd copy of the dictionary 'w' compresses with, which the
 * caller frees; *dict_out NULL and *len_out 0 when it has none. */
xapc_status_t xapc_writer_get_dictionary(xapc_writer_t *w, char **dict_out,
                                         size_t *len_out) XAPC_NOEXCEPT;

/** Merges the databases 'srcs[0..n)' into a new compacted database at
 * 'dest' (Xapian::Database::compact), without a termlist table; their
 * tombstones follow their documents' new ids, and their dictionaries
 * stay listed. */
xapc_status_t xapc_compact(const char *const *srcs, size_t n, const char *dest,
                           char **errmsg) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Documents                                                           */

/** Creates an empty document to fill; caller frees with
 * xapc_document_destroy(). */
xapc_status_t xapc_document_create(xapc_document_t **out) XAPC_NOEXCEPT;

/** Removes all terms, values and data, so the handle can be reused. */
void xapc_document_clear(xapc_document_t *doc) XAPC_NOEXCEPT;

const char *xapc_document_last_error(const xapc_document_t *doc) XAPC_NOEXCEPT;

/** Adds an occurrence of 'term' at position 'pos' (wdf += wdf_inc). Terms
 * longer than XAPC_MAX_TERM_LEN bytes give XAPC_E_INVALID_ARGUMENT. */
xapc_status_t xapc_document_add_posting(xapc_document_t *doc, const char *term,
                                        size_t term_len, xapc_termpos_t pos,
                                        uint32_t wdf_inc) XAPC_NOEXCEPT;

/** Adds 'term' without position (wdf += wdf_inc). */
xapc_status_t xapc_document_add_term(xapc_document_t *doc, const char *term,
                                     size_t term_len,
                                     uint32_t wdf_inc) XAPC_NOEXCEPT;

/** Adds a boolean (filter) term: wdf 0, no position. */
xapc_status_t xapc_document_add_boolean_term(xapc_document_t *doc,
                                             const char *term,
                                             size_t term_len) XAPC_NOEXCEPT;

/** Sets value slot 'slot' (bytes copied). */
xapc_status_t xapc_document_set_value(xapc_document_t *doc, xapc_slot_t slot,
                                      const char *data,
                                      size_t len) XAPC_NOEXCEPT;

/** Stores in value slot 'slot' the document's terms (so far) that start
 * with one of prefixes[0..n), in term order, each as one length byte and
 * its bytes: what xapc_matchdoc_has_term() and xapc_spy_terms_create()
 * read, since a database without a termlist cannot list a document's
 * terms. */
xapc_status_t xapc_document_set_value_terms(xapc_document_t *doc, xapc_slot_t slot,
                                            const char *const *prefixes,
                                            size_t n) XAPC_NOEXCEPT;

/** Sets the document data (opaque bytes, copied). */
xapc_status_t xapc_document_set_data(xapc_document_t *doc, const char *data,
                                     size_t len) XAPC_NOEXCEPT;

void xapc_document_destroy(xapc_document_t *doc) XAPC_NOEXCEPT;

/** Longest term Xapian's glass backend accepts, in bytes. */
#define XAPC_MAX_TERM_LEN 245

/** Writes Xapian::sortable_serialise(v) into out[0..*len_out); 'out' must
 * hold at least 9 bytes (the longest encoding). */
void xapc_sortable_serialise(double v, char out[9],
                             size_t *len_out) XAPC_NOEXCEPT;
double xapc_sortable_unserialise(const char *s, size_t len) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Reading                                                             */

/** Creates a reader with no database yet (searches then match nothing). */
xapc_status_t xapc_reader_create(xapc_reader_t **out) XAPC_NOEXCEPT;

const char *xapc_reader_last_error(const xapc_reader_t *r) XAPC_NOEXCEPT;

/** Adds a local database (a directory path) as a shard.
 * Returns XAPC_E_NOT_FOUND when there is no database there. */
xapc_status_t xapc_reader_add_path(xapc_reader_t *r,
                                   const char *path) XAPC_NOEXCEPT;

/** Adds a remote shard served by xapian-tcpsrv at host:port. timeout_ms
 * bounds each network operation (0 = Xapian's default). */
xapc_status_t xapc_reader_add_remote(xapc_reader_t *r, const char *host,
                                     unsigned port,
                                     unsigned timeout_ms) XAPC_NOEXCEPT;

/** Number of shards added. */
size_t xapc_reader_shard_count(const xapc_reader_t *r) XAPC_NOEXCEPT;

/** True if a shard was added with xapc_reader_add_remote(): such readers
 * cannot take a match decider (Xapian 1.4's remote protocol has none), so
 * callers filter the results themselves. */
bool xapc_reader_has_remote(const xapc_reader_t *r) XAPC_NOEXCEPT;

/** Brings the reader to the latest committed revision of every shard. */
xapc_status_t xapc_reader_reopen(xapc_reader_t *r) XAPC_NOEXCEPT;

xapc_status_t xapc_reader_doccount(xapc_reader_t *r,
                                   uint32_t *count_out) XAPC_NOEXCEPT;
xapc_status_t xapc_reader_termfreq(xapc_reader_t *r, const char *term,
                                   size_t term_len,
                                   uint32_t *freq_out) XAPC_NOEXCEPT;

/** The same, leaving out dead documents (tombstones, above). */
xapc_status_t xapc_reader_live_doccount(xapc_reader_t *r,
                                        uint32_t *count_out) XAPC_NOEXCEPT;
xapc_status_t xapc_reader_live_termfreq(xapc_reader_t *r, const char *term,
                                        size_t term_len,
                                        uint32_t *freq_out) XAPC_NOEXCEPT;

/** *has = whether any shard holds a tombstone. */
xapc_status_t xapc_reader_has_tombstones(xapc_reader_t *r, bool *has) XAPC_NOEXCEPT;

/** Metadata of the first shard that has 'key' (malloc'd, NUL-terminated,
 * caller frees; missing gives ""). */
xapc_status_t xapc_reader_get_metadata(xapc_reader_t *r, const char *key,
                                       char **value_out,
                                       size_t *len_out) XAPC_NOEXCEPT;

/** Metadata of shard 'shard' (0-based, in the order added), as
 * xapc_reader_get_metadata(); XAPC_E_INVALID_ARGUMENT past the last. */
xapc_status_t xapc_reader_shard_metadata(xapc_reader_t *r, size_t shard, const char *key,
                                         char **value_out, size_t *len_out) XAPC_NOEXCEPT;

/** Calls fn(ctx, term, len, termfreq) for each term starting with 'prefix'
 * in term order, until fn returns non-zero. */
typedef int (*xapc_term_fn)(void *ctx, const char *term, size_t len,
                            uint32_t termfreq);
xapc_status_t xapc_reader_allterms(xapc_reader_t *r, const char *prefix,
                                   size_t prefix_len, xapc_term_fn fn,
                                   void *ctx) XAPC_NOEXCEPT;

/** Calls fn(ctx, docid, data, len) for each live (not tombstoned)
 * document of the reader's one local database, in docid order, with its
 * data as given to xapc_document_set_data() (uncompressed), until fn
 * returns non-zero. XAPC_E_INVALID_ARGUMENT for a reader of several
 * databases or a remote one. */
typedef int (*xapc_doc_fn)(void *ctx, xapc_docid_t docid, const char *data, size_t len);
xapc_status_t xapc_reader_foreach_document(xapc_reader_t *r, xapc_doc_fn fn,
                                           void *ctx) XAPC_NOEXCEPT;

/** Calls fn(ctx, key, key_len, value, value_len) for each metadata entry
 * whose key starts with 'prefix' ("" for all) of the reader's one local
 * database, in key order, until fn returns non-zero. Same limits as
 * xapc_reader_foreach_document(). */
typedef int (*xapc_meta_fn)(void *ctx, const char *key, size_t key_len, const char *value,
                            size_t value_len);
xapc_status_t xapc_reader_foreach_metadata(xapc_reader_t *r, const char *prefix,
                                           xapc_meta_fn fn, void *ctx) XAPC_NOEXCEPT;

void xapc_reader_destroy(xapc_reader_t *r) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Queries: immutable trees. Combining functions copy their inputs, so the
 * caller still owns (and must destroy) every handle it passed in.       */

typedef enum xapc_query_op {
    XAPC_OP_AND,
    XAPC_OP_OR,
    XAPC_OP_AND_NOT,   /* first AND NOT (OR of the rest) */
    XAPC_OP_AND_MAYBE, /* first, weighted by the rest when they match */
    XAPC_OP_FILTER,    /* first, restricted to docs matching the rest, no weight */
    XAPC_OP_PHRASE,    /* subqueries in order within 'window' positions (0 = count) */
    XAPC_OP_NEAR,      /* subqueries in any order within 'window' */
    XAPC_OP_SYNONYM,   /* OR weighted as a single term */
    XAPC_OP_MAX
} xapc_query_op_t;

/** A term query. wqf is the within-query frequency (usually 1); pos is the
 * query position (0 if unknown). An empty term gives
 * XAPC_E_INVALID_ARGUMENT (Xapian would read it as "match all"). */
xapc_status_t xapc_query_term(const char *term, size_t term_len, uint32_t wqf,
                              xapc_termpos_t pos, xapc_query_t **out,
                              char **errmsg) XAPC_NOEXCEPT;

/** Matches every term that starts with 'prefix' (OP_WILDCARD, expanded at
 * search time; at most 'max_expansion' terms, the most frequent kept, 0 =
 * no limit), combined as a synonym. */
xapc_status_t xapc_query_wildcard(const char *prefix, size_t prefix_len,
                                  uint32_t max_expansion, xapc_query_t **out,
                                  char **errmsg) XAPC_NOEXCEPT;

/** Combines subs[0..n) with 'op'; 'window' is used by PHRASE and NEAR.
 * n == 0 gives a query matching nothing. */
xapc_status_t xapc_query_combine(xapc_query_op_t op,
                                 const xapc_query_t *const *subs, size_t n,
                                 uint32_t window, xapc_query_t **out,
                                 char **errmsg) XAPC_NOEXCEPT;

/** Documents whose value in 'slot' lies in [lo, hi] (string order). A NULL
 * bound is open. */
xapc_status_t xapc_query_value_range(xapc_slot_t slot, const char *lo,
                                     size_t lo_len, const char *hi,
                                     size_t hi_len, xapc_query_t **out,
                                     char **errmsg) XAPC_NOEXCEPT;

/** 'sub' with its weights multiplied by 'factor' (>= 0). */
xapc_status_t xapc_query_scale(const xapc_query_t *sub, double factor,
                               xapc_query_t **out,
                               char **errmsg) XAPC_NOEXCEPT;

/** 'sub' as a boolean filter with the constant weight 'weight' (>= 0)
 * for each document it matches, whatever its terms' frequencies: for
 * evidence stored as boolean terms (wdf 0), which BM25 weighs 0. Built on
 * Xapian's FixedWeightPostingSource, so it works on remote shards too. */
xapc_status_t xapc_query_const_weight(const xapc_query_t *sub, double weight,
                                      xapc_query_t **out,
                                      char **errmsg) XAPC_NOEXCEPT;

/** 'sub' tagged as one score component named 'tag' (copied; a short
 * name): xapc_reader_explain() reports the weight it adds to each result
 * under that name. Tags inside 'sub' are replaced by this one. The tag
 * survives AND, OR, AND_MAYBE and scaling; only the first operand of
 * AND_NOT and FILTER keeps its tags; SYNONYM, PHRASE and NEAR drop those
 * of their operands (their weight is no longer a sum). */
xapc_status_t xapc_query_tag(const xapc_query_t *sub, const char *tag,
                             xapc_query_t **out, char **errmsg) XAPC_NOEXCEPT;

/** Matches all documents (weight 0). */
xapc_status_t xapc_query_match_all(xapc_query_t **out,
                                   char **errmsg) XAPC_NOEXCEPT;

/** Matches nothing. */
xapc_status_t xapc_query_match_nothing(xapc_query_t **out,
                                       char **errmsg) XAPC_NOEXCEPT;

/** True if 'q' can match nothing (Query::empty()). */
bool xapc_query_is_empty(const xapc_query_t *q) XAPC_NOEXCEPT;

/** Query::get_description() as a malloc'd string the caller frees. */
xapc_status_t xapc_query_describe(const xapc_query_t *q, char **out,
                                  char **errmsg) XAPC_NOEXCEPT;

void xapc_query_destroy(xapc_query_t *q) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Searching                                                           */

/* A candidate document seen by a match decider (below), valid only during
 * the call; see xapc_matchdoc_*(). */
typedef struct xapc_matchdoc xapc_matchdoc_t;

/** A match decider: called by the matcher on each candidate that could
 * still enter the results (after the weight threshold, before collapsing,
 * counting and paging). Returns 1 to keep it, 0 to drop it, -1 to stop the
 * search: xapc_reader_search() then fails with XAPC_E_INTERNAL and the
 * callback is expected to have recorded why in its context. */
typedef int (*xapc_decider_fn)(void *ctx, xapc_matchdoc_t *doc);

/** Why the last xapc_matchdoc_*() call on 'd' failed. */
const char *xapc_matchdoc_last_error(const xapc_matchdoc_t *d) XAPC_NOEXCEPT;
/** The candidate's document data: *data valid until the callback returns. */
xapc_status_t xapc_matchdoc_data(xapc_matchdoc_t *d, const char **data,
                                 size_t *len) XAPC_NOEXCEPT;
/** Value 'slot' of the candidate ("" when missing), same lifetime. */
xapc_status_t xapc_matchdoc_value(xapc_matchdoc_t *d, xapc_slot_t slot,
                                  const char **data, size_t *len) XAPC_NOEXCEPT;
/** The data of the document 'back' ids before the candidate in its own
 * shard (written just before it, e.g. the first passage of its article),
 * inflated like xapc_matchdoc_data(); valid until the next call on 'd' or
 * until the callback returns. Inside a match of several shards the
 * decider is not told the candidate's shard: there it is the shard whose
 * document 'back' ids earlier holds the candidate's value in 'same_slot'.
 * Elsewhere the shard is known and nothing is compared: the caller checks
 * what it needs. XAPC_E_CORRUPT when there is no such document. back 0 is
 * the candidate itself. */
xapc_status_t xapc_matchdoc_sibling_data(xapc_matchdoc_t *d, uint32_t back,
                                         xapc_slot_t same_slot, const char **data,
                                         size_t *len) XAPC_NOEXCEPT;
/** *has = whether 'term' is in the term list stored in value 'slot'
 * (xapc_document_set_value_terms()): the database has no termlist. */
xapc_status_t xapc_matchdoc_has_term(xapc_matchdoc_t *d, xapc_slot_t slot,
                                     const char *term, size_t term_len,
                                     bool *has) XAPC_NOEXCEPT;

typedef struct xapc_search_opts {
    /* BM25Weight(k1, k2, k3, b, min_normlen). */
    double bm25_k1, bm25_k2, bm25_k3, bm25_b, bm25_min_normlen;
    /* Keep at most collapse_max results per distinct value in
     * collapse_slot; collapse_max 0 disables collapsing. */
    xapc_slot_t collapse_slot;
    uint32_t collapse_max;
    /* sort_slot < 0: by relevance. Else by the value in that slot (string
     * order), relevance breaking ties; sort_reverse: descending. */
    int sort_slot;
    bool sort_reverse;
    /* Results of equal sort value and weight in ascending order of the
     * values in these slots (-1: unused), a value made of decimal digits
     * comparing as a number; with all unused, Xapian's order (document
     * id), which depends on how the index was built. */
    int tiebreak_slots[2];
    uint32_t first;          /* results to skip */
    uint32_t max_items;      /* results to return */
    uint32_t check_at_least; /* see Enquire::get_mset */
    /* Match spies (borrowed, may be NULL) that see every matching
     * document: with any, check_at_least becomes the document count so
     * that their counts are exact (the whole match set is visited). */
    xapc_spy_t *const *spies;
    size_t nspies;
    /* NULL: every match is kept. Else called on candidates (see
     * xapc_decider_fn); a reader with a remote shard refuses it with
     * XAPC_E_INVALID_ARGUMENT. */
    xapc_decider_fn decider;
    void *decider_ctx;
    /* Up to this many bytes of the data the decider read of the
     * candidates it kept are kept for xapc_mset_data(), which then need
     * not read those results again (0: none kept). Not with a sort by
     * value over several shards, where the decider is asked once per
     * shard id. */
    size_t decider_keep_bytes;
} xapc_search_opts_t;

/** Xapian's defaults: BM25(1, 0, 1, 0.5, 0.5) (Xapian 1.4's BM25Weight()
 * uses k1 = 1), no collapse, relevance, no tie-break slots, first 0,
 * max_items 10, check_at_least 0, no spy, no decider. */
void xapc_search_opts_init(xapc_search_opts_t *o) XAPC_NOEXCEPT;

/** Runs 'q' on every shard of 'r' ('opts' NULL means the defaults). On
 * success *out holds the results; free with xapc_mset_destroy(), before 'r'
 * is destroyed. Returns XAPC_E_MODIFIED if a shard changed under the
 * reader: reopen and retry. BM25 parameters out of range (negative, or b
 * outside [0, 1]) give XAPC_E_INVALID_ARGUMENT rather than being clamped. */
xapc_status_t xapc_reader_search(xapc_reader_t *r, const xapc_query_t *q,
                                 const xapc_search_opts_t *opts,
                                 xapc_mset_t **out) XAPC_NOEXCEPT;

/** Makes every later xapc_reader_search() on 'r' poll '*flag' (borrowed;
 * NULL turns polling off) while it matches: once *flag is non-zero the
 * match stops at the next candidate document and the search returns
 * XAPC_E_CANCELLED with no results. Meant for a SIGINT handler that sets
 * the flag; the caller clears it. Polled on every candidate of the local
 * shards; a search with a remote (xapian-tcpsrv) shard cannot be stopped
 * this way and runs to its end (docs/xapian-wrapper.md, "Cancelling"). */
xapc_status_t xapc_reader_set_cancel_flag(xapc_reader_t *r,
                                          const volatile sig_atomic_t *flag) XAPC_NOEXCEPT;

const char *xapc_mset_last_error(const xapc_mset_t *m) XAPC_NOEXCEPT;

/** Number of results held (<= max_items). */
uint32_t xapc_mset_size(const xapc_mset_t *m) XAPC_NOEXCEPT;
/** Estimated number of matching documents (and bounds). */
uint32_t xapc_mset_matches_estimated(const xapc_mset_t *m) XAPC_NOEXCEPT;
uint32_t xapc_mset_matches_lower_bound(const xapc_mset_t *m) XAPC_NOEXCEPT;
uint32_t xapc_mset_matches_upper_bound(const xapc_mset_t *m) XAPC_NOEXCEPT;

/* Iteration (notmuch idiom): for (; xapc_mset_valid(m); xapc_mset_next(m)) */
bool xapc_mset_valid(const xapc_mset_t *m) XAPC_NOEXCEPT;
void xapc_mset_next(xapc_mset_t *m) XAPC_NOEXCEPT;
void xapc_mset_rewind(xapc_mset_t *m) XAPC_NOEXCEPT;

/** Of the current result: */
xapc_docid_t xapc_mset_docid(const xapc_mset_t *m) XAPC_NOEXCEPT;
uint32_t xapc_mset_rank(const xapc_mset_t *m) XAPC_NOEXCEPT;   /* 0-based */
double xapc_mset_weight(const xapc_mset_t *m) XAPC_NOEXCEPT;
/** How many other results were collapsed into this one (lower bound). */
uint32_t xapc_mset_collapse_count(const xapc_mset_t *m) XAPC_NOEXCEPT;
/** The current result's value in the collapse slot when the search
 * collapsed (collapse_max > 0), else empty: kept in the results, so no
 * read (MSetIterator::get_collapse_key()). *data valid until the next
 * call or move. */
xapc_status_t xapc_mset_collapse_key(xapc_mset_t *m, const char **data,
                                     size_t *len) XAPC_NOEXCEPT;

/** Document data of the current result: *data points into storage owned
 * by 'm', valid until the next _next/_rewind/_destroy on 'm'. */
xapc_status_t xapc_mset_data(xapc_mset_t *m, const char **data,
                             size_t *len) XAPC_NOEXCEPT;
/** Value 'slot' of the current result, same ownership as _data. Missing
 * values give an empty string. */
xapc_status_t xapc_mset_value(xapc_mset_t *m, xapc_slot_t slot,
                              const char **data, size_t *len) XAPC_NOEXCEPT;
/** The current result as a xapc_matchdoc_t (owned by 'm', valid until the
 * next _next/_rewind/_destroy), so that a decider's test can run after the
 * match where the reader cannot take a decider (remote shards). */
xapc_status_t xapc_mset_matchdoc(xapc_mset_t *m,
                                 xapc_matchdoc_t **out) XAPC_NOEXCEPT;

/** *dead = whether the current result is dead (tombstones, above). A
 * search leaves dead documents out of local shards inside the match;
 * results of a reader with a remote shard may hold some, which the
 * caller drops with this. */
xapc_status_t xapc_mset_dead(xapc_mset_t *m, bool *dead) XAPC_NOEXCEPT;

void xapc_mset_destroy(xapc_mset_t *m) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Match spies: exact counts over all the matches of a search           */

/** A spy counting, over the matching documents, each term that starts
 * with one of prefixes[0..n) (copied) in the term list stored in value
 * 'slot' (xapc_document_set_value_terms()). It reads that value of each
 * match, so its cost grows with the number of matches; it cannot run on a
 * remote shard (xapian-tcpsrv does not know it: the search then fails
 * with XAPC_E_INTERNAL). Caller frees with xapc_spy_destroy().
 * Returns XAPC_OK, XAPC_E_INVALID_ARGUMENT (no prefix, an empty one),
 * XAPC_E_NOMEM. */
xapc_status_t xapc_spy_terms_create(xapc_slot_t slot, const char *const *prefixes, size_t n,
                                    xapc_spy_t **out,
                                    char **errmsg) XAPC_NOEXCEPT;

/** A spy counting the values in 'slot' of the matching documents
 * (Xapian's ValueCountMatchSpy; works on remote shards). A document
 * without a value there is only counted by xapc_spy_documents(). */
xapc_status_t xapc_spy_values_create(xapc_slot_t slot, xapc_spy_t **out,
                                     char **errmsg) XAPC_NOEXCEPT;

/** Number of documents the spy saw in its last search. */
uint32_t xapc_spy_documents(const xapc_spy_t *spy) XAPC_NOEXCEPT;

/** Calls fn(ctx, key, len, count) for each term or value counted in the
 * last search, in byte order, until fn returns non-zero. */
xapc_status_t xapc_spy_foreach(const xapc_spy_t *spy, xapc_term_fn fn,
                               void *ctx) XAPC_NOEXCEPT;

void xapc_spy_destroy(xapc_spy_t *spy) XAPC_NOEXCEPT;

/* ------------------------------------------------------------------ */
/* Explaining scores                                                    */

/** Receives one score component of one document: the weight the parts
 * of the query tagged 'tag' (xapc_query_tag(), borrowed for the call)
 * add to its score. Return non-zero to stop. */
typedef int (*xapc_explain_fn)(void *ctx, xapc_docid_t docid, const char *tag,
                               double weight);

/** Splits the scores of the documents matching 'docs' (a filter, e.g. the
 * results shown, by terms and values; at most 'max_docs' of them) into
 * the components of 'q': for each tag, the tagged parts are run alone,
 * restricted to 'docs', with the weighting of 'opts' (NULL: defaults;
 * paging, sorting, collapsing and spies are ignored), and fn gets each
 * document's weight. With BM25 (k2 = 0) a subquery's weight in a
 * document does not depend on the rest of the query, so the components
 * add up to the score of the whole query, except for weight from
 * untagged parts, which the caller can compute as the difference.
 * Returns as xapc_reader_search(). */
xapc_status_t xapc_reader_explain(xapc_reader_t *r, const xapc_query_t *q,
                                  const xapc_search_opts_t *opts,
                                  const xapc_query_t *docs, uint32_t max_docs,
                                  xapc_explain_fn fn, void *ctx) XAPC_NOEXCEPT;

#ifdef __cplusplus
}
#endif
#endif
