/* SPDX-License-Identifier: MIT */
/*
 * t-xapc.c - unit tests for the C API over Xapian (xapian-c/xapc.h). Written
 * in C11 so that it also proves the header is plain C.
 */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE 1
#endif

#include "tap.h"
#include "xapc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TCPSRV "/usr/bin/xapian-tcpsrv"

/* Value slots used by the fixture articles. */
/* SLOT_TERMS: the S terms and 'microsoft', for xapc_matchdoc_has_term(). */
enum { SLOT_DATE = 0, SLOT_SOURCE = 1, SLOT_SCORE = 2, SLOT_TERMS = 3, SLOT_UNUSED = 7 };

static char tmpdir[4096];

/* Writes "<tmpdir>/<name>" into buf (PATH-sized). */
static const char *
tmp_path(char *buf, size_t buf_len, const char *name)
{
    snprintf(buf, buf_len, "%s/%s", tmpdir, name);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Fixture: a few short "articles", one term per word, in position order. */

struct article {
    const char *id;
    const char *text;
    const char *date;
    const char *source;
    double score;
};

static const struct article main_articles[] = {
    {"a1", "microsoft buys openai stake", "2023-11-19", "reuters", 3.5},
    {"a2", "openai board fires altman", "2023-11-17", "reuters", -1.0},
    {"a3", "microsoft hires altman", "2023-11-20", "bloomberg", 10.0},
    {"a4", "stake in microsoft grows", "2023-12-01", "reuters", 0.25},
    {"a5", "apple buys stake", "2023-10-05", "nikkei", 2.0},
};
#define MAIN_COUNT (sizeof main_articles / sizeof main_articles[0])

static const struct article shard_articles[] = {
    {"b1", "microsoft earnings beat", "2023-10-24", "nikkei", 1.0},
    {"b2", "microsoft microsoft microsoft cloud", "2023-10-25", "reuters", 4.0},
};
#define SHARD_COUNT (sizeof shard_articles / sizeof shard_articles[0])

/* Adds a prefixed boolean term ("Q" + id, "S" + source). */
static xapc_status_t
add_prefixed(xapc_document_t *doc, char prefix, const char *value)
{
    char term[64];
    int len = snprintf(term, sizeof term, "%c%s", prefix, value);
    return xapc_document_add_boolean_term(doc, term, (size_t)len);
}

/* Fills 'doc' (cleared first) from 'a'; the id term is "Q" + id. */
static xapc_status_t
fill_doc(xapc_document_t *doc, const struct article *a)
{
    xapc_status_t rc;
    const char *word = a->text;
    xapc_termpos_t pos = 1;
    char num[9];
    size_t num_len;

    xapc_document_clear(doc);
    while (*word) {
        size_t len = strcspn(word, " ");
        rc = xapc_document_add_posting(doc, word, len, pos++, 1);
        if (rc != XAPC_OK)
            return rc;
        word += len;
        word += strspn(word, " ");
    }
    xapc_sortable_serialise(a->score, num, &num_len);
    if ((rc = add_prefixed(doc, 'Q', a->id)) != XAPC_OK ||
        (rc = add_prefixed(doc, 'S', a->source)) != XAPC_OK ||
        (rc = xapc_document_set_value(doc, SLOT_DATE, a->date,
                                      strlen(a->date))) != XAPC_OK ||
        (rc = xapc_document_set_value(doc, SLOT_SOURCE, a->source,
                                      strlen(a->source))) != XAPC_OK ||
        (rc = xapc_document_set_value(doc, SLOT_SCORE, num, num_len)) != XAPC_OK)
        return rc;
    static const char *const kept[] = { "S", "microsoft" };
    if ((rc = xapc_document_set_value_terms(doc, SLOT_TERMS, kept, 2)) != XAPC_OK)
        return rc;
    return xapc_document_set_data(doc, a->id, strlen(a->id));
}

/* Indexes 'n' articles under their id terms; returns the first failure. */
static xapc_status_t
index_articles(xapc_writer_t *w, const struct article *arts, size_t n)
{
    xapc_document_t *doc = NULL;
    xapc_status_t rc = xapc_document_create(&doc);
    for (size_t i = 0; rc == XAPC_OK && i < n; i++) {
        char id_term[64];
        int len = snprintf(id_term, sizeof id_term, "Q%s", arts[i].id);
        rc = fill_doc(doc, &arts[i]);
        if (rc == XAPC_OK)
            rc = xapc_writer_replace(w, id_term, (size_t)len, doc, NULL);
    }
    xapc_document_destroy(doc);
    return rc;
}

/* Creates (overwriting) the database 'name' holding 'arts'. */
static int
build_db(const char *name, const struct article *arts, size_t n)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    /* "shard2" is also served by xapian-tcpsrv (test_remote), which
     * cannot send documents of a database without a termlist. */
    int termlist = strcmp(name, "shard2") == 0 ? XAPC_WRITER_TERMLIST : 0;
    xapc_status_t rc = xapc_writer_open(tmp_path(path, sizeof path, name),
                                        XAPC_WRITER_OVERWRITE | termlist, &w, NULL);
    if (rc == XAPC_OK)
        rc = index_articles(w, arts, n);
    if (rc == XAPC_OK)
        rc = xapc_writer_close(w);
    xapc_writer_destroy(w);
    return tap_is_int(rc, XAPC_OK, "build database '%s'", name);
}

static xapc_reader_t *
open_reader(const char *name)
{
    char path[4200];
    xapc_reader_t *r = NULL;
    if (xapc_reader_create(&r) != XAPC_OK)
        return NULL;
    if (name && xapc_reader_add_path(r, tmp_path(path, sizeof path, name)) !=
                    XAPC_OK) {
        xapc_reader_destroy(r);
        return NULL;
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* Query and result helpers */

static xapc_query_t *
qterm(const char *term)
{
    xapc_query_t *q = NULL;
    xapc_query_term(term, strlen(term), 1, 0, &q, NULL);
    return q;
}

/* Combines the 'n' queries that follow, then destroys them. */
static xapc_query_t *
qcombine(xapc_query_op_t op, uint32_t window, size_t n, ...)
{
    xapc_query_t *subs[8] = {NULL};
    xapc_query_t *q = NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 8; i++)
        subs[i] = va_arg(ap, xapc_query_t *);
    va_end(ap);
    xapc_query_combine(op, (const xapc_query_t *const *)subs, n, window, &q,
                       NULL);
    for (size_t i = 0; i < n && i < 8; i++)
        xapc_query_destroy(subs[i]);
    return q;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/*
 * Runs 'q' and writes the data (article ids) of the results, joined by
 * commas, into 'out'; sorted if 'sorted', else in rank order. Returns the
 * search status.
 */
static xapc_status_t
collect(xapc_reader_t *r, const xapc_query_t *q, const xapc_search_opts_t *o,
        int sorted, char *out, size_t out_len)
{
    char ids[32][16];
    size_t n = 0;
    xapc_mset_t *m = NULL;
    xapc_status_t rc = xapc_reader_search(r, q, o, &m);
    out[0] = '\0';
    if (rc != XAPC_OK)
        tap_diag("search: %s", xapc_reader_last_error(r));
    for (; rc == XAPC_OK && xapc_mset_valid(m) && n < 32; xapc_mset_next(m)) {
        const char *data;
        size_t len;
        rc = xapc_mset_data(m, &data, &len);
        if (rc == XAPC_OK)
            snprintf(ids[n++], sizeof ids[0], "%.*s", (int)len, data);
    }
    xapc_mset_destroy(m);
    if (sorted)
        qsort(ids, n, sizeof ids[0], cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, out_len - used, "%s%s", i ? "," : "", ids[i]);
    }
    return rc;
}

/* Runs 'q' (destroying it) and checks the sorted ids. */
static void
expect_ids(xapc_reader_t *r, xapc_query_t *q, const char *want,
           const char *what)
{
    char got[256];
    xapc_status_t rc = collect(r, q, NULL, 1, got, sizeof got);
    tap_is_int(rc, XAPC_OK, "%s: search ok", what);
    tap_is_str(got, want, "%s", what);
    xapc_query_destroy(q);
}

/* Weight of the first result of 'q' under 'o' (-1 if none). */
static double
top_weight(xapc_reader_t *r, const xapc_query_t *q, const xapc_search_opts_t *o)
{
    xapc_mset_t *m = NULL;
    double wt = -1.0;
    if (xapc_reader_search(r, q, o, &m) == XAPC_OK && xapc_mset_valid(m))
        wt = xapc_mset_weight(m);
    xapc_mset_destroy(m);
    return wt;
}

/* ------------------------------------------------------------------ */
/* Tests */

static void
test_status_strings(void)
{
    int all_named = 1;
    for (int st = XAPC_OK; st < XAPC_STATUS_LAST; st++) {
        const char *s = xapc_status_to_string((xapc_status_t)st);
        if (!s || !*s || strcmp(s, "unknown status") == 0)
            all_named = 0;
    }
    tap_ok(all_named, "every status has a name");
    tap_is_str(xapc_status_to_string(XAPC_OK), "ok", "XAPC_OK is 'ok'");
    tap_is_str(xapc_status_to_string(XAPC_STATUS_LAST), "unknown status",
               "out-of-range status still gives a string");
    tap_is_str(xapc_status_to_string((xapc_status_t)-1), "unknown status",
               "negative status still gives a string");
    tap_ok(strncmp(xapc_version_string(), "1.", 2) == 0,
           "version string '%s' looks like Xapian's", xapc_version_string());
}

static void
test_writer_modes(void)
{
    char path[4200];
    xapc_writer_t *w = (xapc_writer_t *)&w, *w2 = (xapc_writer_t *)&w2;
    char *err = NULL;
    uint32_t count = 99;
    xapc_status_t rc;

    tmp_path(path, sizeof path, "modes");
    rc = xapc_writer_open(path, XAPC_WRITER_OPEN, &w, &err);
    tap_is_int(rc, XAPC_E_NOT_FOUND, "OPEN of a missing database: NOT_FOUND");
    tap_ok(w == NULL, "failed open sets *out to NULL");
    tap_ok(err && *err, "failed open gives a message: %s", err ? err : "");
    free(err);
    err = NULL;

    rc = xapc_writer_open(path, XAPC_WRITER_CREATE, &w, &err);
    tap_is_int(rc, XAPC_OK, "CREATE of a new database");
    tap_ok(err == NULL, "success leaves *errmsg NULL");
    rc = xapc_writer_open(path, XAPC_WRITER_OPEN, &w2, &err);
    tap_is_int(rc, XAPC_E_LOCKED, "second writer on the same path: LOCKED");
    tap_ok(err && *err, "lock error has a message: %s", err ? err : "");
    free(err);
    err = NULL;
    tap_is_int(index_articles(w, main_articles, 2), XAPC_OK, "index two docs");
    tap_is_int(xapc_writer_close(w), XAPC_OK, "close the writer");
    tap_is_int(xapc_writer_commit(w), XAPC_E_INVALID_ARGUMENT,
               "commit after close: INVALID_ARGUMENT");
    tap_ok(*xapc_writer_last_error(w) != '\0', "and a message: %s",
           xapc_writer_last_error(w));
    xapc_writer_destroy(w);

    rc = xapc_writer_open(path, XAPC_WRITER_CREATE, &w, &err);
    tap_is_int(rc, XAPC_E_IO, "CREATE over an existing database: IO");
    free(err);
    err = NULL;

    rc = xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    tap_is_int(rc, XAPC_OK, "CREATE_OR_OPEN of an existing database");
    xapc_writer_doccount(w, &count);
    tap_is_int(count, 2, "it keeps its documents");
    xapc_writer_destroy(w);

    rc = xapc_writer_open(path, XAPC_WRITER_OVERWRITE, &w, NULL);
    tap_is_int(rc, XAPC_OK, "OVERWRITE of an existing database");
    xapc_writer_doccount(w, &count);
    tap_is_int(count, 0, "OVERWRITE empties it");
    xapc_writer_destroy(w);

    rc = xapc_writer_open(path, 42, &w, &err);
    tap_is_int(rc, XAPC_E_INVALID_ARGUMENT, "unknown mode: INVALID_ARGUMENT");
    free(err);
    rc = xapc_writer_open(NULL, XAPC_WRITER_OPEN, &w, NULL);
    tap_is_int(rc, XAPC_E_INVALID_ARGUMENT, "NULL path: INVALID_ARGUMENT");
    rc = xapc_writer_open(path, XAPC_WRITER_OPEN, NULL, NULL);
    tap_is_int(rc, XAPC_E_INVALID_ARGUMENT, "NULL out: INVALID_ARGUMENT");
}

static void
test_destroy_commits(void)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    xapc_reader_t *r;
    uint32_t count = 0;

    tmp_path(path, sizeof path, "destroy");
    xapc_writer_open(path, XAPC_WRITER_CREATE, &w, NULL);
    index_articles(w, main_articles, 3);
    xapc_writer_destroy(w); /* no close: destroy commits */
    r = open_reader("destroy");
    tap_ok(r != NULL, "database written by destroy() can be read");
    xapc_reader_doccount(r, &count);
    tap_is_int(count, 3, "destroy() committed pending documents");
    xapc_reader_destroy(r);
}

static void
test_document_errors(void)
{
    xapc_document_t *doc = NULL;
    char long_term[XAPC_MAX_TERM_LEN + 1];
    memset(long_term, 'x', sizeof long_term);

    tap_is_int(xapc_document_create(&doc), XAPC_OK, "document_create");
    tap_is_int(xapc_document_add_posting(doc, long_term, XAPC_MAX_TERM_LEN, 1, 1),
               XAPC_OK, "term of XAPC_MAX_TERM_LEN bytes accepted");
    tap_is_int(xapc_document_add_posting(doc, long_term, sizeof long_term, 2, 1),
               XAPC_E_INVALID_ARGUMENT, "longer term: INVALID_ARGUMENT");
    tap_ok(strstr(xapc_document_last_error(doc), "XAPC_MAX_TERM_LEN") != NULL,
           "message names the limit: %s", xapc_document_last_error(doc));
    tap_is_int(xapc_document_add_term(doc, long_term, sizeof long_term, 1),
               XAPC_E_INVALID_ARGUMENT, "add_term checks the limit too");
    tap_is_int(xapc_document_add_boolean_term(doc, "", 0),
               XAPC_E_INVALID_ARGUMENT, "empty boolean term: INVALID_ARGUMENT");
    tap_is_int(xapc_document_add_term(doc, NULL, 3, 1), XAPC_E_INVALID_ARGUMENT,
               "NULL term: INVALID_ARGUMENT");
    tap_is_int(xapc_document_set_value(doc, 0xffffffffu, "x", 1),
               XAPC_E_INVALID_ARGUMENT, "reserved value slot: INVALID_ARGUMENT");
    tap_is_int(xapc_document_set_data(doc, NULL, 4), XAPC_E_INVALID_ARGUMENT,
               "NULL data with a length: INVALID_ARGUMENT");
    tap_is_int(xapc_document_set_data(doc, NULL, 0), XAPC_OK,
               "NULL empty data is fine");
    xapc_document_clear(doc);
    tap_is_str(xapc_document_last_error(doc), "", "clear resets the message");
    xapc_document_destroy(doc);
}

static void
test_replace_delete(void)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    uint32_t count = 0, freq = 0;
    xapc_docid_t did = 0, did2 = 0;
    struct article changed = main_articles[0];

    xapc_writer_open(tmp_path(path, sizeof path, "replace"),
                     XAPC_WRITER_CREATE, &w, NULL);
    tap_is_int(index_articles(w, main_articles, MAIN_COUNT), XAPC_OK,
               "index the fixture");
    xapc_writer_doccount(w, &count);
    tap_is_int(count, MAIN_COUNT, "doccount counts pending documents");

    xapc_document_create(&doc);
    changed.text = "microsoft sells openai stake";
    fill_doc(doc, &changed);
    tap_is_int(xapc_writer_replace(w, "Qa1", 3, doc, &did), XAPC_OK,
               "replace by unique id");
    tap_ok(did != 0, "replace returns a docid");
    uint32_t dead = 0;
    xapc_writer_live_count(w, "Qa1", 3, NULL, 0, &freq);
    tap_is_int(freq, 1, "one live document holds the id term");
    xapc_writer_dead_count(w, &dead);
    tap_is_int(dead, 1, "the replaced one is a tombstone");
    xapc_writer_live_count(w, "sells", 5, NULL, 0, &freq);
    tap_is_int(freq, 1, "the new text is indexed");
    xapc_writer_live_count(w, "buys", 4, NULL, 0, &freq);
    tap_is_int(freq, 1, "the old text is dead (another article has 'buys')");
    xapc_writer_live_count(w, "Qa1", 3, "sells", 5, &freq);
    tap_is_int(freq, 1, "live_count of two terms");
    xapc_writer_live_count(w, "Qa1", 3, "buys", 4, &freq);
    tap_is_int(freq, 0, "... not counting the dead holder");
    tap_is_int(xapc_writer_replace(w, "Qzz", 3, doc, NULL),
               XAPC_E_INVALID_ARGUMENT, "document without its id term: "
               "INVALID_ARGUMENT");
    tap_is_int(xapc_writer_replace(w, "Qa1", 3, NULL, NULL),
               XAPC_E_INVALID_ARGUMENT, "NULL document: INVALID_ARGUMENT");

    tap_is_int(xapc_writer_add(w, doc, &did2), XAPC_OK, "plain add");
    tap_ok(did2 > did, "add gives a new docid");
    xapc_writer_live_count(w, "Qa1", 3, NULL, 0, &freq);
    tap_is_int(freq, 2, "add does not replace");
    uint32_t killed = 0;
    tap_is_int(xapc_writer_delete_term(w, "Qa1", 3, &killed), XAPC_OK, "delete_term");
    tap_is_int(killed, 2, "delete_term marks every live holder dead");
    xapc_writer_live_count(w, "Qa1", 3, NULL, 0, &freq);
    tap_is_int(freq, 0, "no live holder left");
    xapc_writer_dead_count(w, &dead);
    tap_is_int(dead, 3, "three tombstones");
    tap_is_int(xapc_writer_delete_term(w, "Qnone", 5, &killed), XAPC_OK,
               "deleting an absent term is not an error");
    tap_is_int(killed, 0, "... and kills nothing");
    tap_is_int(xapc_writer_delete_term(w, "", 0, NULL), XAPC_E_INVALID_ARGUMENT,
               "empty term: INVALID_ARGUMENT");
    tap_is_int(xapc_writer_commit(w), XAPC_OK, "commit");
    xapc_document_destroy(doc);
    xapc_writer_destroy(w);
}

static void
test_metadata(void)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    char *value = NULL;
    size_t len = 99;
    static const char bin[] = "v\0al";

    xapc_writer_open(tmp_path(path, sizeof path, "meta"), XAPC_WRITER_CREATE,
                     &w, NULL);
    tap_is_int(xapc_writer_set_metadata(w, "k", bin, 4), XAPC_OK,
               "set_metadata");
    tap_is_int(xapc_writer_get_metadata(w, "k", &value, &len), XAPC_OK,
               "get_metadata");
    tap_is_mem(value, len, bin, 4, "metadata round trip (embedded NUL)");
    tap_ok(value && value[len] == '\0', "value is NUL-terminated");
    free(value);
    xapc_writer_get_metadata(w, "missing", &value, &len);
    tap_ok(value && *value == '\0' && len == 0, "missing key gives \"\"");
    free(value);
    xapc_writer_set_metadata(w, "k", "", 0);
    xapc_writer_get_metadata(w, "k", &value, &len);
    tap_is_int((long long)len, 0, "an empty value deletes the key");
    free(value);
    tap_is_int(xapc_writer_set_metadata(w, "", "x", 1), XAPC_E_INVALID_ARGUMENT,
               "empty key: INVALID_ARGUMENT");
    tap_is_int(xapc_writer_get_metadata(w, "k", NULL, &len),
               XAPC_E_INVALID_ARGUMENT, "NULL value_out: INVALID_ARGUMENT");
    xapc_writer_destroy(w);
}

static void
test_sortable(void)
{
    static const double vals[] = {-1e300, -1.5, 0.0, 0.25, 3.25, 1e300};
    char prev[9], cur[9];
    size_t prev_len = 0, cur_len = 0;
    int round_trip = 1, ordered = 1;

    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        xapc_sortable_serialise(vals[i], cur, &cur_len);
        if (xapc_sortable_unserialise(cur, cur_len) != vals[i])
            round_trip = 0;
        if (i && (memcmp(prev, cur, prev_len < cur_len ? prev_len : cur_len) > 0 ||
                  (memcmp(prev, cur, prev_len < cur_len ? prev_len : cur_len) == 0 &&
                   prev_len >= cur_len)))
            ordered = 0;
        memcpy(prev, cur, cur_len);
        prev_len = cur_len;
    }
    tap_ok(round_trip, "sortable_serialise round trip");
    tap_ok(ordered, "serialised strings sort like the numbers");
    tap_ok(xapc_sortable_unserialise(NULL, 3) == 0.0, "NULL unserialises to 0");
}

static void
test_boolean_ops(xapc_reader_t *r)
{
    expect_ids(r, qcombine(XAPC_OP_AND, 0, 2, qterm("microsoft"), qterm("altman")),
               "a3", "AND");
    expect_ids(r, qcombine(XAPC_OP_OR, 0, 2, qterm("microsoft"), qterm("altman")),
               "a1,a2,a3,a4", "OR");
    expect_ids(r, qcombine(XAPC_OP_AND_NOT, 0, 2, qterm("microsoft"),
                           qterm("altman")),
               "a1,a4", "AND_NOT");
    expect_ids(r, qcombine(XAPC_OP_AND_NOT, 0, 3, qterm("microsoft"),
                           qterm("altman"), qterm("grows")),
               "a1", "AND_NOT takes the OR of the rest");
    expect_ids(r, qcombine(XAPC_OP_FILTER, 0, 2, qterm("stake"),
                           qterm("Sreuters")),
               "a1,a4", "FILTER");
    expect_ids(r, qcombine(XAPC_OP_SYNONYM, 0, 2, qterm("apple"),
                           qterm("microsoft")),
               "a1,a3,a4,a5", "SYNONYM");
    expect_ids(r, qcombine(XAPC_OP_AND_MAYBE, 0, 2, qterm("microsoft"),
                           qterm("altman")),
               "a1,a3,a4", "AND_MAYBE matches what the first matches");
    expect_ids(r, qcombine(XAPC_OP_OR, 0, 0), "", "combining nothing");
}

static void
test_and_maybe_rank(xapc_reader_t *r)
{
    char got[64];
    xapc_query_t *q = qcombine(XAPC_OP_AND_MAYBE, 0, 2, qterm("microsoft"),
                               qterm("altman"));
    collect(r, q, NULL, 0, got, sizeof got);
    tap_ok(strncmp(got, "a3,", 3) == 0, "AND_MAYBE ranks the doc with the "
           "optional term first: %s", got);
    xapc_query_destroy(q);
}

static void
test_positional(xapc_reader_t *r)
{
    expect_ids(r, qcombine(XAPC_OP_PHRASE, 0, 2, qterm("buys"), qterm("stake")),
               "a5", "PHRASE matches adjacent terms only");
    expect_ids(r, qcombine(XAPC_OP_PHRASE, 0, 2, qterm("stake"), qterm("buys")),
               "", "PHRASE respects order");
    expect_ids(r, qcombine(XAPC_OP_PHRASE, 3, 2, qterm("buys"), qterm("stake")),
               "a1,a5", "PHRASE with window 3");
    expect_ids(r, qcombine(XAPC_OP_NEAR, 3, 2, qterm("stake"), qterm("buys")),
               "a1,a5", "NEAR in any order within 3");
    expect_ids(r, qcombine(XAPC_OP_NEAR, 2, 2, qterm("stake"), qterm("buys")),
               "a5", "NEAR window 2 leaves out the distant pair");
}

static void
test_wildcard(xapc_reader_t *r)
{
    xapc_query_t *q = NULL;
    tap_is_int(xapc_query_wildcard("alt", 3, 0, &q, NULL), XAPC_OK,
               "wildcard query");
    expect_ids(r, q, "a2,a3", "wildcard 'alt' expands to altman");
    xapc_query_wildcard("S", 1, 0, &q, NULL);
    expect_ids(r, q, "a1,a2,a3,a4,a5", "wildcard 'S' matches every source");
    xapc_query_wildcard("S", 1, 1, &q, NULL);
    expect_ids(r, q, "a1,a2,a4", "max_expansion 1 keeps the most frequent");
    xapc_query_wildcard("zzz", 3, 0, &q, NULL);
    expect_ids(r, q, "", "wildcard without expansions matches nothing");
}

static void
test_value_range(xapc_reader_t *r)
{
    xapc_query_t *q = NULL;
    tap_is_int(xapc_query_value_range(SLOT_DATE, "2023-11-17", 10,
                                      "2023-11-19", 10, &q, NULL),
               XAPC_OK, "value_range query");
    expect_ids(r, q, "a1,a2", "closed date range");
    xapc_query_value_range(SLOT_DATE, NULL, 0, "2023-11-01", 10, &q, NULL);
    expect_ids(r, q, "a5", "open lower bound");
    xapc_query_value_range(SLOT_DATE, "2023-11-20", 10, NULL, 0, &q, NULL);
    expect_ids(r, q, "a3,a4", "open upper bound");
    xapc_query_value_range(SLOT_DATE, "2024", 4, "2025", 4, &q, NULL);
    expect_ids(r, q, "", "empty range");
}

static void
test_query_misc(xapc_reader_t *r)
{
    xapc_query_t *q = NULL, *t = qterm("microsoft"), *bad = NULL;
    char *desc = NULL, *err = NULL;
    double w1, w2;

    tap_is_int(xapc_query_scale(t, 2.0, &q, NULL), XAPC_OK, "scale");
    w1 = top_weight(r, t, NULL);
    w2 = top_weight(r, q, NULL);
    tap_ok(w1 > 0 && w2 > 1.999 * w1 && w2 < 2.001 * w1,
           "scale 2 doubles the weight (%g -> %g)", w1, w2);
    xapc_query_destroy(q);
    tap_is_int(xapc_query_scale(t, -1.0, &q, &err), XAPC_E_INVALID_ARGUMENT,
               "negative scale: INVALID_ARGUMENT");
    tap_ok(q == NULL && err != NULL, "with *out NULL and a message");
    free(err);

    tap_is_int(xapc_query_describe(t, &desc, NULL), XAPC_OK, "describe");
    tap_ok(desc && strstr(desc, "microsoft"), "description: %s", desc);
    free(desc);
    tap_ok(!xapc_query_is_empty(t), "a term query is not empty");
    xapc_query_match_nothing(&q, NULL);
    tap_ok(xapc_query_is_empty(q), "match_nothing is empty");
    expect_ids(r, q, "", "match_nothing matches nothing");
    xapc_query_match_all(&q, NULL);
    tap_ok(!xapc_query_is_empty(q), "match_all is not empty");
    expect_ids(r, q, "a1,a2,a3,a4,a5", "match_all matches everything");
    tap_ok(xapc_query_is_empty(NULL), "NULL query counts as empty");

    tap_is_int(xapc_query_term("", 0, 1, 0, &bad, &err), XAPC_E_INVALID_ARGUMENT,
               "empty query term: INVALID_ARGUMENT");
    tap_ok(bad == NULL && err && *err, "message: %s", err ? err : "");
    free(err);
    tap_is_int(xapc_query_combine(XAPC_OP_MAX, (const xapc_query_t *const *)&t,
                                  1, 0, &bad, NULL),
               XAPC_E_INVALID_ARGUMENT, "unknown operator: INVALID_ARGUMENT");
    tap_is_int(xapc_query_combine((xapc_query_op_t)-7,
                                  (const xapc_query_t *const *)&t, 1, 0, &bad,
                                  NULL),
               XAPC_E_INVALID_ARGUMENT, "garbage operator: INVALID_ARGUMENT");
    tap_is_int(xapc_query_combine(XAPC_OP_AND, NULL, 2, 0, &bad, NULL),
               XAPC_E_INVALID_ARGUMENT, "NULL subs: INVALID_ARGUMENT");
    tap_is_int(xapc_query_value_range(0xffffffffu, "a", 1, "b", 1, &bad, NULL),
               XAPC_E_INVALID_ARGUMENT, "reserved slot: INVALID_ARGUMENT");
    tap_is_int(xapc_query_match_all(NULL, NULL), XAPC_E_INVALID_ARGUMENT,
               "NULL out: INVALID_ARGUMENT");
    xapc_query_destroy(t);
}

static void
test_bm25(xapc_reader_t *r)
{
    xapc_search_opts_t o;
    xapc_query_t *q = qterm("microsoft");
    double w_default, w_flat, w_short;
    xapc_mset_t *m = NULL;

    xapc_search_opts_init(&o);
    tap_ok(o.bm25_k1 == 1.0 && o.bm25_b == 0.5 && o.sort_slot < 0 &&
               o.max_items == 10 && o.collapse_max == 0,
           "search_opts_init gives Xapian's defaults");
    w_default = top_weight(r, q, &o);
    o.bm25_k1 = 0.0;
    w_flat = top_weight(r, q, &o);
    tap_ok(w_default > 0 && w_flat > 0 && w_default != w_flat,
           "k1 changes the weight (%g vs %g)", w_default, w_flat);
    xapc_search_opts_init(&o);
    o.bm25_b = 1.0;
    o.bm25_min_normlen = 0.0;
    w_short = top_weight(r, q, &o);
    tap_ok(w_short > w_default, "full length normalisation favours the "
           "shortest document (%g > %g)", w_short, w_default);
    o.bm25_b = 1.5;
    tap_is_int(xapc_reader_search(r, q, &o, &m), XAPC_E_INVALID_ARGUMENT,
               "b > 1: INVALID_ARGUMENT");
    tap_ok(m == NULL, "failed search sets *out to NULL");
    xapc_search_opts_init(&o);
    o.bm25_k1 = -1.0;
    tap_is_int(xapc_reader_search(r, q, &o, &m), XAPC_E_INVALID_ARGUMENT,
               "negative k1: INVALID_ARGUMENT");
    tap_ok(*xapc_reader_last_error(r) != '\0', "message: %s",
           xapc_reader_last_error(r));
    xapc_query_destroy(q);
}

/* A set cancel flag stops the search with XAPC_E_CANCELLED; a clear one
 * (and none) changes nothing, weights included. */
static void
test_cancel(xapc_reader_t *r)
{
    static volatile sig_atomic_t flag;
    xapc_query_t *q = qterm("microsoft");
    xapc_search_opts_t o;
    xapc_mset_t *m = NULL;
    xapc_search_opts_init(&o);
    double w_plain = top_weight(r, q, &o);
    char plain[256], got[256];
    collect(r, q, &o, 0, plain, sizeof plain);

    tap_is_int(xapc_reader_set_cancel_flag(NULL, &flag), XAPC_E_INVALID_ARGUMENT,
               "set_cancel_flag(NULL reader): INVALID_ARGUMENT");
    tap_is_int(xapc_reader_set_cancel_flag(r, &flag), XAPC_OK, "set_cancel_flag");
    flag = 0;
    tap_is_int(collect(r, q, &o, 0, got, sizeof got), XAPC_OK, "flag clear: search runs");
    tap_is_str(got, plain, "flag clear: the same results in the same order");
    tap_ok(top_weight(r, q, &o) == w_plain, "flag clear: the same weights (filter adds none)");
    flag = 1;
    tap_is_int(xapc_reader_search(r, q, &o, &m), XAPC_E_CANCELLED, "flag set: XAPC_E_CANCELLED");
    tap_ok(m == NULL, "cancelled search sets *out to NULL");
    tap_ok(strstr(xapc_reader_last_error(r), "cancelled") != NULL, "message: %s",
           xapc_reader_last_error(r));
    tap_is_str(xapc_status_to_string(XAPC_E_CANCELLED), "cancelled", "status name");
    tap_is_int(xapc_reader_set_cancel_flag(r, NULL), XAPC_OK, "set_cancel_flag(NULL) turns it off");
    tap_is_int(collect(r, q, &o, 0, got, sizeof got), XAPC_OK, "flag still set, not polled: runs");
    flag = 0;
    xapc_query_destroy(q);
}

static void
test_collapse(xapc_reader_t *r)
{
    xapc_search_opts_t o;
    xapc_query_t *q = NULL;
    xapc_mset_t *m = NULL;
    char got[128];
    uint32_t reuters_max = 0, others_sum = 0;

    xapc_query_match_all(&q, NULL);
    xapc_search_opts_init(&o);
    o.collapse_slot = SLOT_SOURCE;
    o.collapse_max = 1;
    collect(r, q, &o, 1, got, sizeof got);
    tap_is_int((long long)strlen(got), 8, "collapse 1 per source keeps 3: %s",
               got);
    o.collapse_max = 2;
    xapc_reader_search(r, q, &o, &m);
    tap_is_int(xapc_mset_size(m), 4, "collapse 2 per source keeps 4");
    for (; xapc_mset_valid(m); xapc_mset_next(m)) {
        const char *src = NULL;
        size_t src_len = 0;
        uint32_t c = xapc_mset_collapse_count(m);
        xapc_mset_value(m, SLOT_SOURCE, &src, &src_len);
        if (src_len == 7 && memcmp(src, "reuters", 7) == 0)
            reuters_max = c > reuters_max ? c : reuters_max;
        else
            others_sum += c;
    }
    tap_is_int(reuters_max, 1, "a kept reuters article counts the collapsed one");
    tap_is_int(others_sum, 0, "nothing collapsed into the other sources");
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
}

static void
test_sort(xapc_reader_t *r)
{
    xapc_search_opts_t o;
    xapc_query_t *q = NULL;
    char got[128];

    xapc_query_match_all(&q, NULL);
    xapc_search_opts_init(&o);
    o.sort_slot = SLOT_DATE;
    collect(r, q, &o, 0, got, sizeof got);
    tap_is_str(got, "a5,a2,a1,a3,a4", "sort by date ascending");
    o.sort_reverse = true;
    collect(r, q, &o, 0, got, sizeof got);
    tap_is_str(got, "a4,a3,a1,a2,a5", "sort by date descending");
    o.sort_slot = SLOT_SCORE;
    o.sort_reverse = false;
    collect(r, q, &o, 0, got, sizeof got);
    tap_is_str(got, "a2,a4,a5,a1,a3", "sort by sortable_serialise'd score");
    o.first = 1;
    o.max_items = 2;
    collect(r, q, &o, 0, got, sizeof got);
    tap_is_str(got, "a4,a5", "first and max_items page the results");
    xapc_query_destroy(q);
}

struct term_list {
    char text[256];
    int calls, stop_after;
};

/* Appends each term (space-separated); stops after stop_after calls. */
static int
list_term(void *ctx, const char *term, size_t len, uint32_t freq)
{
    struct term_list *tl = ctx;
    size_t used = strlen(tl->text);
    snprintf(tl->text + used, sizeof tl->text - used, "%s%.*s:%u",
             used ? " " : "", (int)len, term, (unsigned)freq);
    tl->calls++;
    return tl->stop_after && tl->calls >= tl->stop_after;
}

static void
test_mset_access(xapc_reader_t *r)
{
    xapc_query_t *q = qcombine(XAPC_OP_OR, 0, 3, qterm("altman"),
                               qterm("hires"), qterm("zebra"));
    xapc_mset_t *m = NULL;
    const char *data = NULL, *date = NULL, *src = NULL, *none = NULL;
    size_t data_len = 0, date_len = 0, src_len = 0, none_len = 9;

    tap_is_int(xapc_reader_search(r, q, NULL, &m), XAPC_OK, "search, NULL opts");
    tap_is_int(xapc_mset_size(m), 2, "two results");
    tap_ok(xapc_mset_matches_estimated(m) == 2 &&
               xapc_mset_matches_lower_bound(m) == 2 &&
               xapc_mset_matches_upper_bound(m) == 2, "match counts");
    tap_is_int(xapc_mset_rank(m), 0, "rank is 0-based");
    tap_ok(xapc_mset_docid(m) != 0 && xapc_mset_weight(m) > 0, "docid, weight");
    xapc_mset_data(m, &data, &data_len);
    xapc_mset_value(m, SLOT_DATE, &date, &date_len);
    xapc_mset_value(m, SLOT_SOURCE, &src, &src_len);
    tap_is_int(xapc_mset_value(m, SLOT_UNUSED, &none, &none_len), XAPC_OK,
               "missing value is fine");
    tap_is_mem(data, data_len, "a3", 2, "data of the best result");
    tap_is_mem(date, date_len, "2023-11-20", 10, "first value still valid");
    tap_is_mem(src, src_len, "bloomberg", 9, "second value");
    tap_ok(none && none_len == 0, "missing value is empty");
    bool dead = true;
    tap_ok(xapc_mset_dead(m, &dead) == XAPC_OK && !dead, "no tombstone: not dead");

    xapc_mset_next(m);
    tap_is_int(xapc_mset_rank(m), 1, "next moves to rank 1");
    xapc_mset_next(m);
    tap_ok(!xapc_mset_valid(m), "iteration ends");
    tap_is_int(xapc_mset_data(m, &data, &data_len), XAPC_E_INVALID_ARGUMENT,
               "data past the end: INVALID_ARGUMENT");
    tap_ok(data == NULL && data_len == 0, "out-params cleared");
    tap_ok(*xapc_mset_last_error(m) != '\0', "message: %s",
           xapc_mset_last_error(m));
    xapc_mset_next(m);
    tap_ok(xapc_mset_docid(m) == 0 && xapc_mset_weight(m) == 0.0,
           "accessors past the end give 0");
    xapc_mset_rewind(m);
    xapc_mset_data(m, &data, &data_len);
    tap_is_mem(data, data_len, "a3", 2, "rewind goes back to the first");
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
}

static void
test_reader_basics(xapc_reader_t *r)
{
    uint32_t n = 0;
    struct term_list tl = {"", 0, 0};
    char path[4200];

    xapc_reader_doccount(r, &n);
    tap_is_int(n, MAIN_COUNT, "reader doccount");
    xapc_reader_termfreq(r, "microsoft", 9, &n);
    tap_is_int(n, 3, "reader termfreq");
    tap_is_int(xapc_reader_allterms(r, "S", 1, list_term, &tl), XAPC_OK,
               "allterms");
    tap_is_str(tl.text, "Sbloomberg:1 Snikkei:1 Sreuters:3",
               "allterms with prefix, in term order, with frequencies");
    memset(&tl, 0, sizeof tl);
    tl.stop_after = 2;
    xapc_reader_allterms(r, "S", 1, list_term, &tl);
    tap_is_int(tl.calls, 2, "allterms stops when fn returns non-zero");
    tap_is_int(xapc_reader_allterms(r, "S", 1, NULL, NULL),
               XAPC_E_INVALID_ARGUMENT, "NULL callback: INVALID_ARGUMENT");

    tap_is_int(xapc_reader_add_path(r, tmp_path(path, sizeof path, "nope")),
               XAPC_E_NOT_FOUND, "add_path of a missing path: NOT_FOUND");
    tap_ok(strstr(xapc_reader_last_error(r), "DatabaseNotFoundError") != NULL,
           "message names the error: %s", xapc_reader_last_error(r));
    mkdir(tmp_path(path, sizeof path, "emptydir"), 0700);
    tap_is_int(xapc_reader_add_path(r, path), XAPC_E_NOT_FOUND,
               "add_path of a directory without a database: NOT_FOUND");
    tap_is_int((long long)xapc_reader_shard_count(r), 1,
               "failed adds leave the shard count alone");
}

static void
test_empty_reader(void)
{
    xapc_reader_t *r = open_reader(NULL);
    xapc_query_t *q = NULL;
    xapc_mset_t *m = NULL;
    uint32_t n = 7;
    char *value = NULL;

    xapc_query_match_all(&q, NULL);
    tap_is_int(xapc_reader_search(r, q, NULL, &m), XAPC_OK,
               "search with no shards");
    tap_is_int(xapc_mset_size(m), 0, "matches nothing");
    tap_is_int(xapc_reader_doccount(r, &n), XAPC_OK, "doccount, no shards");
    tap_is_int(n, 0, "is 0");
    tap_is_int(xapc_reader_get_metadata(r, "k", &value, NULL), XAPC_OK,
               "get_metadata, no shards");
    tap_is_str(value, "", "gives \"\"");
    free(value);
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
    xapc_reader_destroy(r);
}

/* Reader over "main" + "shard2", plus metadata only in the second shard. */
static void
test_two_shards(void)
{
    char path[4200], got[256];
    xapc_writer_t *w = NULL;
    xapc_reader_t *r = open_reader("main");
    xapc_query_t *q = qterm("microsoft");
    char *value = NULL;
    size_t len = 0;
    uint32_t n = 0;

    build_db("shard2", shard_articles, SHARD_COUNT);
    xapc_writer_open(tmp_path(path, sizeof path, "shard2"), XAPC_WRITER_OPEN,
                     &w, NULL);
    xapc_writer_set_metadata(w, "only2", "second", 6);
    xapc_writer_close(w);
    xapc_writer_destroy(w);

    tap_is_int(xapc_reader_add_path(r, path), XAPC_OK, "add a second shard");
    tap_is_int((long long)xapc_reader_shard_count(r), 2, "two shards");
    xapc_reader_doccount(r, &n);
    tap_is_int(n, MAIN_COUNT + SHARD_COUNT, "doccount over both shards");
    collect(r, q, NULL, 1, got, sizeof got);
    tap_is_str(got, "a1,a3,a4,b1,b2", "search merges both shards");
    collect(r, q, NULL, 0, got, sizeof got);
    tap_ok(strncmp(got, "b2,", 3) == 0, "highest wdf ranks first: %s", got);
    xapc_reader_get_metadata(r, "only2", &value, &len);
    tap_is_mem(value, len, "second", 6, "metadata from the shard that has it");
    free(value);
    xapc_reader_shard_metadata(r, 0, "only2", &value, &len);
    tap_is_mem(value, len, "", 0, "shard 0 alone: not set there");
    free(value);
    xapc_reader_shard_metadata(r, 1, "only2", &value, &len);
    tap_is_mem(value, len, "second", 6, "shard 1 alone: its own");
    free(value);
    tap_is_int(xapc_reader_shard_metadata(r, 2, "only2", &value, &len),
               XAPC_E_INVALID_ARGUMENT, "past the last shard: refused");
    tap_ok(value == NULL && len == 0, "and nothing returned");
    xapc_query_destroy(q);
    xapc_reader_destroy(r);
}

/* Writes "tomb-NAME" with one document per id (term "Q" + id, and "x"),
 * then tombstones the ids in 'dead'. */
static void
build_tomb_db(const char *name, const char *const *ids, size_t n, const char *const *dead,
              size_t ndead)
{
    char path[4200], full[64];
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    snprintf(full, sizeof full, "tomb-%s", name);
    xapc_writer_open(tmp_path(path, sizeof path, full), XAPC_WRITER_OVERWRITE, &w, NULL);
    xapc_document_create(&doc);
    for (size_t i = 0; i < n; i++) {
        xapc_document_clear(doc);
        add_prefixed(doc, 'Q', ids[i]);
        xapc_document_add_term(doc, "x", 1, 1);
        xapc_document_set_data(doc, ids[i], strlen(ids[i]));
        xapc_writer_add(w, doc, NULL);
    }
    for (size_t i = 0; i < ndead; i++) {
        char t[32];
        int len = snprintf(t, sizeof t, "Q%s", dead[i]);
        xapc_writer_delete_term(w, t, (size_t)len, NULL);
    }
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    xapc_document_destroy(doc);
}

/* xapc_writer_term_data: the first live document's data, pending changes
 * included; none live is XAPC_E_NOT_FOUND. */
static void
test_writer_term_data(void)
{
    static const char *const ids[] = { "a1", "a2", "a3" }, *const dead[] = { "a1" };
    char path[4200];
    char *data = NULL;
    size_t len = 0;
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    build_tomb_db("data", ids, 3, dead, 1);
    xapc_writer_open(tmp_path(path, sizeof path, "tomb-data"), XAPC_WRITER_OPEN, &w, NULL);
    tap_is_int(xapc_writer_term_data(w, "x", 1, &data, &len), XAPC_OK, "term_data");
    tap_is_mem(data, len, "a2", 2, "the first live document's (a1 is dead)");
    free(data);
    tap_is_int(xapc_writer_term_data(w, "Qa1", 3, &data, &len), XAPC_E_NOT_FOUND,
               "only dead documents hold it: not found");
    tap_ok(data == NULL && len == 0, "and nothing returned");
    tap_is_int(xapc_writer_term_data(w, "nope", 4, &data, &len), XAPC_E_NOT_FOUND,
               "no document holds it: not found");
    xapc_document_create(&doc);
    add_prefixed(doc, 'Q', "new");
    xapc_document_set_data(doc, "pending", 7);
    xapc_writer_add(w, doc, NULL);
    tap_is_int(xapc_writer_term_data(w, "Qnew", 4, &data, &len), XAPC_OK,
               "a document not yet committed");
    tap_is_mem(data, len, "pending", 7, "its data");
    free(data);
    tap_is_int(xapc_writer_term_data(NULL, "x", 1, &data, &len), XAPC_E_INVALID_ARGUMENT,
               "term_data(NULL)");
    xapc_document_destroy(doc);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
}

/* xapc_reader_foreach_document / _foreach_metadata (walk.cc): the live
 * documents in docid order, the metadata under a prefix in key order. */
struct walked {
    char seen[256];
    int stop_after;
    int calls;
};

static int
walk_doc(void *ctx, xapc_docid_t did, const char *data, size_t len)
{
    struct walked *w = ctx;
    size_t n = strlen(w->seen);
    snprintf(w->seen + n, sizeof w->seen - n, "%s%u:%.*s", n ? "," : "", (unsigned)did,
             (int)len, data);
    return ++w->calls == w->stop_after;
}

static int
walk_meta(void *ctx, const char *key, size_t key_len, const char *value, size_t value_len)
{
    struct walked *w = ctx;
    size_t n = strlen(w->seen);
    snprintf(w->seen + n, sizeof w->seen - n, "%s%.*s=%.*s", n ? "," : "", (int)key_len, key,
             (int)value_len, value);
    return ++w->calls == w->stop_after;
}

static void
test_walk(void)
{
    static const char *const ids[] = { "a1", "a2", "a3", "a4" }, *const dead[] = { "a2", "a4" };
    char path[4200];
    build_tomb_db("walk", ids, 4, dead, 2);
    xapc_writer_t *w = NULL;
    xapc_writer_open(tmp_path(path, sizeof path, "tomb-walk"), XAPC_WRITER_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, "p.b", "2", 1);
    xapc_writer_set_metadata(w, "p.a", "1", 1);
    xapc_writer_set_metadata(w, "q.a", "3", 1);
    xapc_writer_close(w);
    xapc_writer_destroy(w);

    xapc_reader_t *r = open_reader("tomb-walk");
    struct walked wk = { "", 0, 0 };
    tap_is_int(xapc_reader_foreach_document(r, walk_doc, &wk), XAPC_OK, "foreach_document");
    tap_is_str(wk.seen, "1:a1,3:a3", "the live documents in id order, tombstones left out");
    struct walked one = { "", 1, 0 };
    xapc_reader_foreach_document(r, walk_doc, &one);
    tap_is_str(one.seen, "1:a1", "a non-zero return stops the walk");
    struct walked m = { "", 0, 0 };
    tap_is_int(xapc_reader_foreach_metadata(r, "p.", walk_meta, &m), XAPC_OK,
               "foreach_metadata");
    tap_is_str(m.seen, "p.a=1,p.b=2", "the keys under the prefix, in key order");
    struct walked none = { "", 0, 0 };
    xapc_reader_foreach_metadata(r, "zz", walk_meta, &none);
    tap_is_int(none.calls, 0, "no key under the prefix: no call");
    tap_is_int(xapc_reader_foreach_document(r, NULL, NULL), XAPC_E_INVALID_ARGUMENT,
               "NULL callback: INVALID_ARGUMENT");
    tap_is_int(xapc_reader_foreach_metadata(r, NULL, walk_meta, &m), XAPC_E_INVALID_ARGUMENT,
               "NULL prefix: INVALID_ARGUMENT");
    tap_is_int(xapc_reader_add_path(r, path), XAPC_OK, "a second shard");
    tap_is_int(xapc_reader_foreach_document(r, walk_doc, &wk), XAPC_E_INVALID_ARGUMENT,
               "two databases: refused");
    tap_ok(strstr(xapc_reader_last_error(r), "one local database") != NULL,
           "and said why: %s", xapc_reader_last_error(r));
    tap_is_int(xapc_reader_foreach_metadata(r, "", walk_meta, &m), XAPC_E_INVALID_ARGUMENT,
               "metadata of two databases: refused");
    tap_is_int(xapc_reader_foreach_document(NULL, walk_doc, &wk), XAPC_E_INVALID_ARGUMENT,
               "foreach_document(NULL)");
    xapc_reader_destroy(r);
}

/* Tombstones: searches leave them out, in one database, in several, and
 * after xapc_compact() renumbered the documents. */
static void
test_tombstones(void)
{
    static const char *const a[] = { "a1", "a2", "a3" }, *const b[] = { "b1", "b2" };
    static const char *const adead[] = { "a2" }, *const bdead[] = { "b1" };
    char pa[4200], pb[4200], pc[4200], got[256];
    build_tomb_db("a", a, 3, adead, 1);
    build_tomb_db("b", b, 2, bdead, 1);
    tap_ok(!xapc_database_has_termlist(tmp_path(pa, sizeof pa, "tomb-a")),
           "a database is written without a termlist");

    xapc_query_t *q = qterm("x");
    xapc_reader_t *r = open_reader("tomb-a");
    uint32_t n = 0;
    bool has = false;
    tap_ok(xapc_reader_has_tombstones(r, &has) == XAPC_OK && has, "has_tombstones");
    xapc_reader_doccount(r, &n);
    tap_is_int(n, 3, "doccount still counts the dead document");
    xapc_reader_live_doccount(r, &n);
    tap_is_int(n, 2, "live_doccount does not");
    xapc_reader_live_termfreq(r, "Qa2", 3, &n);
    tap_is_int(n, 0, "live_termfreq of the dead id");
    collect(r, q, NULL, 1, got, sizeof got);
    tap_is_str(got, "a1,a3", "a search leaves the dead document out");
    xapc_reader_destroy(r);

    r = open_reader("tomb-a");
    xapc_reader_add_path(r, tmp_path(pb, sizeof pb, "tomb-b"));
    collect(r, q, NULL, 1, got, sizeof got);
    tap_is_str(got, "a1,a3,b2", "two shards: each one's tombstones, in its own docids");
    xapc_reader_live_doccount(r, &n);
    tap_is_int(n, 3, "two shards: live_doccount");
    xapc_reader_destroy(r);

    const char *srcs[2] = { pa, pb };
    char *err = NULL;
    tap_is_int(xapc_compact(srcs, 2, tmp_path(pc, sizeof pc, "tomb-c"), &err), XAPC_OK,
               "compact databases with tombstones");
    free(err);
    tap_ok(!xapc_database_has_termlist(pc), "the compacted database has no termlist");
    r = open_reader("tomb-c");
    collect(r, q, NULL, 1, got, sizeof got);
    tap_is_str(got, "a1,a3,b2", "after compaction the tombstones follow their documents");
    xapc_reader_live_termfreq(r, "Qb1", 3, &n);
    tap_is_int(n, 0, "b1 (docid 1 of the second source, now 4) is still dead");
    xapc_reader_live_termfreq(r, "Qb2", 3, &n);
    tap_is_int(n, 1, "b2 is live");
    xapc_reader_destroy(r);
    xapc_query_destroy(q);
}

static void
test_compact(void)
{
    char p1[4200], p2[4200], dest[4200], got[256];
    const char *srcs[2];
    xapc_reader_t *r;
    xapc_query_t *q = qterm("microsoft");
    uint32_t n = 0;
    char *err = NULL;

    srcs[0] = tmp_path(p1, sizeof p1, "main");
    srcs[1] = tmp_path(p2, sizeof p2, "shard2");
    tmp_path(dest, sizeof dest, "compacted");
    tap_is_int(xapc_compact(srcs, 2, dest, &err), XAPC_OK, "compact two dbs");
    r = open_reader("compacted");
    tap_ok(r != NULL, "open the compacted db");
    xapc_reader_doccount(r, &n);
    tap_is_int(n, MAIN_COUNT + SHARD_COUNT, "it holds every document");
    collect(r, q, NULL, 1, got, sizeof got);
    tap_is_str(got, "a1,a3,a4,b1,b2", "search the compacted db");
    xapc_reader_destroy(r);
    xapc_query_destroy(q);

    srcs[1] = tmp_path(p2, sizeof p2, "nope");
    tmp_path(dest, sizeof dest, "compacted2");
    tap_is_int(xapc_compact(srcs, 2, dest, &err), XAPC_E_NOT_FOUND,
               "compact with a missing source: NOT_FOUND");
    tap_ok(err && *err, "message: %s", err ? err : "");
    free(err);
    tap_is_int(xapc_compact(srcs, 0, dest, NULL), XAPC_E_INVALID_ARGUMENT,
               "compact of nothing: INVALID_ARGUMENT");
}

static void
test_reopen(void)
{
    char path[4200];
    xapc_reader_t *r = open_reader("main");
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    uint32_t n = 0;
    static const struct article extra = {"a6", "late news", "2023-12-02",
                                         "nikkei", 0.0};

    xapc_writer_open(tmp_path(path, sizeof path, "main"), XAPC_WRITER_OPEN, &w,
                     NULL);
    xapc_document_create(&doc);
    fill_doc(doc, &extra);
    xapc_writer_replace(w, "Qa6", 3, doc, NULL);
    xapc_writer_commit(w);
    xapc_reader_doccount(r, &n);
    tap_is_int(n, MAIN_COUNT, "reader still sees its revision");
    tap_is_int(xapc_reader_reopen(r), XAPC_OK, "reopen");
    xapc_reader_doccount(r, &n);
    tap_is_int(n, MAIN_COUNT + 1, "reopen shows the new commit");
    xapc_writer_delete_term(w, "Qa6", 3, NULL);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    xapc_document_destroy(doc);
    xapc_reader_destroy(r);
}

/* Replaces docids 1..300 with 20 fresh positional terms each + "common". */
static xapc_status_t
churn(xapc_writer_t *w, xapc_document_t *doc, int round)
{
    xapc_status_t rc = XAPC_OK;
    for (int i = 0; rc == XAPC_OK && i < 300; i++) {
        char term[32], id[32];
        int id_len = snprintf(id, sizeof id, "Q%d", i);
        xapc_document_clear(doc);
        for (int j = 0; rc == XAPC_OK && j < 20; j++) {
            int len = snprintf(term, sizeof term, "r%d_%d", round, i * 20 + j);
            rc = xapc_document_add_posting(doc, term, (size_t)len,
                                           (xapc_termpos_t)j + 1, 1);
        }
        if (rc == XAPC_OK)
            rc = xapc_document_add_posting(doc, "common", 6, 21, 1);
        if (rc == XAPC_OK)
            rc = xapc_document_add_boolean_term(doc, id, (size_t)id_len);
        if (rc == XAPC_OK)
            rc = xapc_writer_replace(w, id, (size_t)id_len, doc, NULL);
    }
    return rc == XAPC_OK ? xapc_writer_commit(w) : rc;
}

/*
 * A reader left on an old revision while the writer commits three times:
 * glass reuses the blocks the reader still points at, so its next read
 * fails with DatabaseModifiedError; after reopen it works again.
 */
static void
test_modified(void)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    xapc_reader_t *r;
    xapc_query_t *q = qterm("common");
    char got[256];
    xapc_status_t rc;

    xapc_writer_open(tmp_path(path, sizeof path, "modified"),
                     XAPC_WRITER_CREATE, &w, NULL);
    xapc_document_create(&doc);
    tap_is_int(churn(w, doc, 0), XAPC_OK, "write 300 documents");
    r = open_reader("modified");
    for (int round = 1; round <= 3; round++)
        churn(w, doc, round);
    rc = collect(r, q, NULL, 0, got, sizeof got);
    tap_is_int(rc, XAPC_E_MODIFIED, "stale reader: MODIFIED");
    tap_ok(strstr(xapc_reader_last_error(r), "DatabaseModifiedError") != NULL,
           "message: %s", xapc_reader_last_error(r));
    tap_is_int(xapc_reader_reopen(r), XAPC_OK, "reopen");
    tap_is_int(collect(r, q, NULL, 0, got, sizeof got), XAPC_OK,
               "the retried search works");
    xapc_reader_destroy(r);
    xapc_query_destroy(q);
    xapc_document_destroy(doc);
    xapc_writer_destroy(w);
}

static void
test_corrupt(void)
{
    char path[4200], file[4300];
    xapc_reader_t *r = NULL;
    xapc_query_t *q = qterm("microsoft");
    xapc_mset_t *m = NULL;
    xapc_status_t rc;

    build_db("corrupt", main_articles, MAIN_COUNT);
    tmp_path(path, sizeof path, "corrupt");
    snprintf(file, sizeof file, "%s/postlist.glass", path);
    tap_is_int(truncate(file, 100), 0, "truncate postlist.glass");
    xapc_reader_create(&r);
    rc = xapc_reader_add_path(r, path);
    if (rc == XAPC_OK)
        rc = xapc_reader_search(r, q, NULL, &m);
    tap_ok(rc == XAPC_E_CORRUPT || rc == XAPC_E_IO,
           "truncated postlist gives CORRUPT or IO, got %s: %s",
           xapc_status_to_string(rc), xapc_reader_last_error(r));
    tap_ok(m == NULL, "and no results");
    xapc_mset_destroy(m);
    xapc_reader_destroy(r);
    xapc_query_destroy(q);
}

static void
test_null_handles(void)
{
    uint32_t n = 5;
    xapc_docid_t did = 5;
    char *value = (char *)&value;
    const char *data = "x";
    size_t len = 5;

    tap_ok(xapc_writer_commit(NULL) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_close(NULL) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_add(NULL, NULL, &did) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_replace(NULL, "Q", 1, NULL, NULL) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_delete_term(NULL, "Q", 1, NULL) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_termfreq(NULL, "Q", 1, &n) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_doccount(NULL, &n) == XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_set_metadata(NULL, "k", "v", 1) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_writer_get_metadata(NULL, "k", &value, &len) ==
                   XAPC_E_INVALID_ARGUMENT,
           "NULL writer: INVALID_ARGUMENT everywhere");
    tap_ok(did == 0 && n == 0 && value == NULL && len == 0,
           "and out-params are cleared");
    tap_ok(xapc_document_add_posting(NULL, "t", 1, 1, 1) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_document_add_term(NULL, "t", 1, 1) == XAPC_E_INVALID_ARGUMENT &&
               xapc_document_add_boolean_term(NULL, "t", 1) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_document_set_value(NULL, 0, "v", 1) == XAPC_E_INVALID_ARGUMENT &&
               xapc_document_set_data(NULL, "d", 1) == XAPC_E_INVALID_ARGUMENT &&
               xapc_document_create(NULL) == XAPC_E_INVALID_ARGUMENT,
           "NULL document: INVALID_ARGUMENT everywhere");
    tap_ok(xapc_reader_create(NULL) == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_add_path(NULL, "/") == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_add_remote(NULL, "h", 1, 0) == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_reopen(NULL) == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_doccount(NULL, &n) == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_termfreq(NULL, "t", 1, &n) == XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_get_metadata(NULL, "k", &value, &len) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_allterms(NULL, "", 0, list_term, NULL) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_search(NULL, NULL, NULL, NULL) ==
                   XAPC_E_INVALID_ARGUMENT &&
               xapc_reader_shard_count(NULL) == 0,
           "NULL reader: INVALID_ARGUMENT everywhere");
    tap_ok(xapc_mset_data(NULL, &data, &len) == XAPC_E_INVALID_ARGUMENT &&
               data == NULL &&
               xapc_mset_value(NULL, 0, &data, &len) == XAPC_E_INVALID_ARGUMENT &&
               xapc_mset_dead(NULL, NULL) == XAPC_E_INVALID_ARGUMENT &&
               !xapc_mset_valid(NULL) && xapc_mset_size(NULL) == 0 &&
               xapc_mset_matches_estimated(NULL) == 0 &&
               xapc_mset_docid(NULL) == 0 && xapc_mset_rank(NULL) == 0,
           "NULL mset: INVALID_ARGUMENT or 0");
    tap_is_int(xapc_query_describe(NULL, &value, NULL), XAPC_E_INVALID_ARGUMENT,
               "NULL query: INVALID_ARGUMENT");
    tap_ok(xapc_writer_last_error(NULL) && xapc_reader_last_error(NULL) &&
               xapc_document_last_error(NULL) && xapc_mset_last_error(NULL),
           "last_error(NULL) is never NULL");
    xapc_mset_next(NULL);
    xapc_mset_rewind(NULL);
    xapc_document_clear(NULL);
    xapc_search_opts_init(NULL);
    xapc_writer_destroy(NULL);
    xapc_reader_destroy(NULL);
    xapc_document_destroy(NULL);
    xapc_query_destroy(NULL);
    xapc_mset_destroy(NULL);
    tap_ok(1, "_destroy(NULL) and friends are no-ops");
}

/* ------------------------------------------------------------------ */
/* Remote shard via xapian-tcpsrv */

/* A port that was free a moment ago (the kernel picks it). */
static unsigned
free_port(void)
{
    struct sockaddr_in sa;
    socklen_t sa_len = sizeof sa;
    unsigned port = 0;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &sa_len) == 0)
        port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static pid_t
start_tcpsrv(const char *db, unsigned port)
{
    char port_arg[16];
    pid_t pid;
    snprintf(port_arg, sizeof port_arg, "%u", port);
    pid = fork();
    if (pid == 0) {
        int null_fd = open("/dev/null", O_WRONLY);
        if (null_fd >= 0) {
            dup2(null_fd, 1);
            dup2(null_fd, 2);
        }
        execl(TCPSRV, TCPSRV, "--quiet", "--one-shot", "--interface",
              "127.0.0.1", "--port", port_arg, db, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/*
 * Retries adding the remote shard until the server accepts (it needs a
 * moment to start listening) or 5 s pass. --one-shot serves exactly the
 * first accepted connection, so no separate probe connection is made.
 */
static xapc_status_t
add_remote_when_ready(xapc_reader_t *r, unsigned port, pid_t pid)
{
    xapc_status_t rc = XAPC_E_IO;
    struct timespec pause = {0, 50 * 1000 * 1000};
    for (int tries = 0; tries < 100 && rc != XAPC_OK; tries++) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            break;
        rc = xapc_reader_add_remote(r, "127.0.0.1", port, 5000);
        if (rc != XAPC_OK)
            nanosleep(&pause, NULL);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Siblings: the document 'back' ids before, in the candidate's shard */

/* For each candidate: "<id>:<sibling id or !status>" appended to buf. */
struct sibling_ctx {
    char buf[256];
};

static void
note_sibling(char *buf, size_t size, xapc_matchdoc_t *d)
{
    const char *id, *sib;
    size_t idlen, siblen;
    char one[64];
    if (xapc_matchdoc_data(d, &id, &idlen) != XAPC_OK)
        return;
    xapc_status_t xs = xapc_matchdoc_sibling_data(d, 1, SLOT_SOURCE, &sib, &siblen);
    if (xs == XAPC_OK)
        snprintf(one, sizeof one, "%s%.*s:%.*s", *buf ? "," : "", (int)idlen, id, (int)siblen,
                 sib);
    else
        snprintf(one, sizeof one, "%s%.*s:!%d", *buf ? "," : "", (int)idlen, id, (int)xs);
    strncat(buf, one, size - strlen(buf) - 1);
}

static int
cmp_item(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts the comma-separated items of 's' in place (the match sees
 * candidates in id order, the mset is in rank order). */
static void
sort_items(char *s, size_t size)
{
    char copy[256], *items[32], *save = NULL;
    size_t n = 0;
    snprintf(copy, sizeof copy, "%s", s);
    for (char *t = strtok_r(copy, ",", &save); t && n < 32; t = strtok_r(NULL, ",", &save))
        items[n++] = t;
    qsort(items, n, sizeof *items, cmp_item);
    *s = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(s, ",", size - strlen(s) - 1);
        strncat(s, items[i], size - strlen(s) - 1);
    }
}

static int
sibling_decider(void *vctx, xapc_matchdoc_t *d)
{
    struct sibling_ctx *c = vctx;
    note_sibling(c->buf, sizeof c->buf, d);
    return 1;
}

/* Runs 'q' on 'r' with the decider; *after gets the same, from the mset's
 * matchdocs, in id order. */
static void
siblings(xapc_reader_t *r, const char *term, char *in_match, char *after, size_t size)
{
    struct sibling_ctx c = { "" };
    xapc_search_opts_t o;
    xapc_mset_t *m = NULL;
    xapc_query_t *q = qterm(term);
    xapc_search_opts_init(&o);
    o.max_items = 100;
    o.decider = sibling_decider;
    o.decider_ctx = &c;
    *after = '\0';
    if (xapc_reader_search(r, q, &o, &m) == XAPC_OK)
        for (; xapc_mset_valid(m); xapc_mset_next(m)) {
            xapc_matchdoc_t *d;
            if (xapc_mset_matchdoc(m, &d) == XAPC_OK)
                note_sibling(after, size, d);
        }
    snprintf(in_match, size, "%s", c.buf);
    sort_items(in_match, size);
    sort_items(after, size);
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
}

static void
test_siblings(void)
{
    char in_match[256], after[256], path[4200];
    char want[128];
    xapc_reader_t *r = open_reader("main");
    /* One shard: the id says where; nothing is compared. */
    siblings(r, "stake", in_match, after, sizeof in_match);
    snprintf(want, sizeof want, "a1:!%d,a4:a3,a5:a4", (int)XAPC_E_CORRUPT);
    tap_is_str(in_match, want, "one shard, in the match: the document before, or none for id 1");
    tap_is_str(after, want, "one shard, from the mset: the same");
    /* Two shards: global ids interleave (a1 b1 a2 b2 a3 a4 a5). From the
     * mset the shard is known: b2's sibling is b1 (sources differ). In
     * the match it is not: the shard whose document holds the candidate's
     * value in the slot is taken (a2 and a1 are both "reuters"; a3,
     * "bloomberg", has none; b2 "reuters" takes a1 from the other shard). */
    xapc_reader_add_path(r, tmp_path(path, sizeof path, "shard2"));
    siblings(r, "microsoft", in_match, after, sizeof in_match);
    snprintf(want, sizeof want, "a1:!%d,a3:a2,a4:a3,b1:!%d,b2:b1", (int)XAPC_E_CORRUPT,
             (int)XAPC_E_CORRUPT);
    tap_is_str(after, want, "two shards, from the mset: the same shard's document");
    snprintf(want, sizeof want, "a1:!%d,a3:!%d,a4:!%d,b1:!%d,b2:a1", (int)XAPC_E_CORRUPT,
             (int)XAPC_E_CORRUPT, (int)XAPC_E_CORRUPT, (int)XAPC_E_CORRUPT);
    tap_is_str(in_match, want, "two shards, in the match: the shard holding the same value");
    xapc_matchdoc_t *none = NULL;
    const char *data;
    size_t len;
    tap_is_int(xapc_matchdoc_sibling_data(none, 1, SLOT_SOURCE, &data, &len),
               XAPC_E_INVALID_ARGUMENT, "sibling_data(NULL)");
    xapc_reader_destroy(r);
}

/* ------------------------------------------------------------------ */
/* Match deciders */

struct decider_ctx {
    const char *drop;  /* data of the document to refuse */
    int calls;
    int stop_after;    /* > 0: return -1 at that call */
    int bad_access;    /* accessor failures seen */
};

static int
drop_one(void *vctx, xapc_matchdoc_t *d)
{
    struct decider_ctx *c = vctx;
    const char *data, *v;
    size_t len, vlen;
    bool has = false;
    c->calls++;
    if (c->stop_after && c->calls >= c->stop_after)
        return -1;
    if (xapc_matchdoc_data(d, &data, &len) != XAPC_OK ||
        xapc_matchdoc_value(d, SLOT_DATE, &v, &vlen) != XAPC_OK || vlen != 10 ||
        xapc_matchdoc_has_term(d, SLOT_TERMS, "microsoft", 9, &has) != XAPC_OK || !has)
        c->bad_access++;
    return !(len == strlen(c->drop) && memcmp(data, c->drop, len) == 0);
}

static void
test_decider(xapc_reader_t *r)
{
    char got[256];
    xapc_query_t *q = qterm("microsoft");
    xapc_search_opts_t o;
    xapc_mset_t *m = NULL;
    struct decider_ctx dc = { "a3", 0, 0, 0 };
    bool has = true;

    xapc_search_opts_init(&o);
    tap_ok(o.decider == NULL && o.decider_ctx == NULL, "opts_init: no decider");
    o.decider = drop_one;
    o.decider_ctx = &dc;
    o.max_items = 10;
    tap_is_int(xapc_reader_search(r, q, &o, &m), XAPC_OK, "search with a decider");
    got[0] = '\0';
    for (; m && xapc_mset_valid(m); xapc_mset_next(m)) {
        const char *data;
        size_t len;
        xapc_mset_data(m, &data, &len);
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%.*s",
                 got[0] ? " " : "", (int)len, data);
    }
    tap_ok(strstr(got, "a1") && strstr(got, "a4") && !strstr(got, "a3"),
           "the decider's refusal is not in the results: '%s'", got);
    tap_is_int(dc.calls, 3, "called once per candidate");
    tap_is_int(dc.bad_access, 0, "data, value and has_term work inside the decider");
    tap_is_int((int)xapc_mset_matches_estimated(m), 2, "counts see only what it kept");

    /* The current result as a matchdoc, for checks after the match. */
    xapc_matchdoc_t *d = NULL;
    xapc_mset_rewind(m);
    tap_is_int(xapc_mset_matchdoc(m, &d), XAPC_OK, "mset_matchdoc");
    tap_ok(d && xapc_matchdoc_has_term(d, SLOT_TERMS, "Sreuters", 8, &has) == XAPC_OK && has,
           "matchdoc_has_term finds a boolean term");
    tap_ok(xapc_matchdoc_has_term(d, SLOT_TERMS, "Snikkei", 7, &has) == XAPC_OK && !has,
           "and not one the document lacks");
    xapc_mset_destroy(m);
    m = NULL;

    dc.calls = 0;
    dc.stop_after = 2;
    tap_is_int(xapc_reader_search(r, q, &o, &m), XAPC_E_INTERNAL,
               "a decider returning -1 stops the search");
    tap_ok(m == NULL && strstr(xapc_reader_last_error(r), "decider"),
           "with a message: %s", xapc_reader_last_error(r));
    tap_is_int(xapc_matchdoc_data(NULL, NULL, NULL), XAPC_E_INVALID_ARGUMENT,
               "matchdoc_data(NULL)");
    xapc_query_destroy(q);
}

/* Keeps every candidate without reading its data. */
static int
keep_blind(void *vctx, xapc_matchdoc_t *d)
{
    (void)d;
    ((struct decider_ctx *)vctx)->calls++;
    return 1;
}

/* The results of 'q' over 'r' with the data the decider kept
 * (decider_keep_bytes 'keep') equal those read from the database. */
static void
check_kept(xapc_reader_t *r, const xapc_query_t *q, xapc_search_opts_t *o, size_t keep,
           const char *what)
{
    char want[256], got[256];
    o->decider_keep_bytes = 0;
    tap_is_int(collect(r, q, o, 0, want, sizeof want), XAPC_OK, "%s: search", what);
    o->decider_keep_bytes = keep;
    tap_is_int(collect(r, q, o, 0, got, sizeof got), XAPC_OK, "%s: search, data kept", what);
    tap_is_str(got, want, "%s: kept data = data read", what);
}

/* "main" (a1..a5 at ids 1..5) + "shard2" (b1, b2 at ids 1..2): the
 * decider sees a1 and b1 both as id 1, a2 and b2 as id 2. */
static void
test_decider_keep(void)
{
    char path[4200];
    xapc_reader_t *one = open_reader("main"), *two = open_reader("main");
    xapc_query_t *q = qterm("microsoft");
    xapc_search_opts_t o;
    struct decider_ctx dc = { "a3", 0, 0, 0 };

    xapc_reader_add_path(two, tmp_path(path, sizeof path, "shard2"));
    xapc_search_opts_init(&o);
    tap_ok(o.decider_keep_bytes == 0, "opts_init: no data kept");
    o.decider = drop_one;
    o.decider_ctx = &dc;
    check_kept(one, q, &o, 1 << 20, "one shard");
    check_kept(two, q, &o, 1 << 20, "two shards, ids shared");
    check_kept(two, q, &o, 2, "a budget of one record");
    o.tiebreak_slots[0] = SLOT_SOURCE;
    check_kept(two, q, &o, 1 << 20, "ties ordered");
    o.sort_slot = SLOT_SOURCE;
    check_kept(one, q, &o, 1 << 20, "sorted by value, one shard");
    check_kept(two, q, &o, 1 << 20, "sorted by value, two shards");
    /* a1 and b1 share docid 1 in their shards: refusing a1 must not
     * refuse b1 (the sorted passes remember answers by docid). */
    char got[256];
    dc.drop = "a1";
    o.decider_keep_bytes = 0;
    tap_is_int(collect(two, q, &o, 1, got, sizeof got), XAPC_OK, "sorted, two shards, a1 refused");
    tap_ok(strstr(got, "b1") && !strstr(got, "a1"), "b1 is kept though a1 (same docid) is not: '%s'",
           got);
    dc.drop = "a3";
    o.sort_slot = -1;
    o.tiebreak_slots[0] = -1;
    o.decider = keep_blind;
    check_kept(two, q, &o, 1 << 20, "a decider that reads no data");
    tap_ok(dc.calls > 0, "the deciders ran");
    xapc_query_destroy(q);
    xapc_reader_destroy(one);
    xapc_reader_destroy(two);
}

static void
test_remote(void)
{
    char path[4200], local[256], remote[256];
    xapc_reader_t *lr, *rr = NULL;
    xapc_query_t *q;
    unsigned port;
    pid_t pid;

    if (access(TCPSRV, X_OK) != 0) {
        tap_skip("remote shard: " TCPSRV " not installed");
        return;
    }
    port = free_port();
    if (!port) {
        tap_skip("remote shard: no free TCP port on 127.0.0.1");
        return;
    }
    pid = start_tcpsrv(tmp_path(path, sizeof path, "shard2"), port);
    if (pid < 0) {
        tap_skip("remote shard: fork failed");
        return;
    }
    q = qterm("microsoft");
    lr = open_reader("shard2");
    xapc_reader_create(&rr);
    tap_is_int(add_remote_when_ready(rr, port, pid), XAPC_OK,
               "add_remote to xapian-tcpsrv on port %u", port);
    tap_ok(xapc_reader_has_remote(rr) && !xapc_reader_has_remote(lr),
           "has_remote tells remote readers from local ones");
    {
        xapc_search_opts_t o;
        xapc_mset_t *m = NULL;
        struct decider_ctx dc = { "b1", 0, 0, 0 };
        xapc_search_opts_init(&o);
        o.decider = drop_one;
        o.decider_ctx = &dc;
        tap_is_int(xapc_reader_search(rr, q, &o, &m), XAPC_E_INVALID_ARGUMENT,
                   "a decider on a remote reader is refused");
        tap_ok(m == NULL && dc.calls == 0, "and never called");
    }
    collect(lr, q, NULL, 0, local, sizeof local);
    tap_is_int(collect(rr, q, NULL, 0, remote, sizeof remote), XAPC_OK,
               "search the remote shard");
    tap_is_str(remote, local, "remote results equal local ones");
    tap_ok(top_weight(rr, q, NULL) == top_weight(lr, q, NULL),
           "and so do the weights");
    xapc_reader_destroy(rr);
    xapc_reader_destroy(lr);
    xapc_query_destroy(q);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);

    xapc_reader_create(&rr);
    tap_is_int(xapc_reader_add_remote(rr, "127.0.0.1", port, 1000), XAPC_E_IO,
               "remote with nobody listening: IO");
    tap_is_int(xapc_reader_add_remote(rr, "127.0.0.1", 0, 0),
               XAPC_E_INVALID_ARGUMENT, "port 0: INVALID_ARGUMENT");
    xapc_reader_destroy(rr);
}

/* ------------------------------------------------------------------ */

int
main(void)
{
    const char *base = getenv("TMPDIR");
    xapc_reader_t *r;

    snprintf(tmpdir, sizeof tmpdir, "%s/t-xapc.XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        tap_ok(0, "mkdtemp '%s': %s", tmpdir, strerror(errno));
        return tap_done();
    }
    test_status_strings();
    test_writer_modes();
    test_destroy_commits();
    test_document_errors();
    test_replace_delete();
    test_metadata();
    test_sortable();
    test_null_handles();
    test_empty_reader();

    if (build_db("main", main_articles, MAIN_COUNT) &&
        (r = open_reader("main")) != NULL) {
        test_reader_basics(r);
        test_boolean_ops(r);
        test_and_maybe_rank(r);
        test_positional(r);
        test_wildcard(r);
        test_value_range(r);
        test_query_misc(r);
        test_bm25(r);
        test_cancel(r);
        test_collapse(r);
        test_sort(r);
        test_mset_access(r);
        test_decider(r);
        xapc_reader_destroy(r);
        test_two_shards();
        test_siblings();
        test_decider_keep();
        test_compact();
        test_tombstones();
        test_writer_term_data();
        test_walk();
        test_reopen();
        test_remote();
    }
    test_modified();
    test_corrupt();

    if (!getenv("T_XAPC_KEEP"))
        tap_remove_tree(tmpdir);
    return tap_done();
}
