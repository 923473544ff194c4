/* SPDX-License-Identifier: MIT */
/* t-ties.c - equal results ordered by tie-break slots, not by docid
 * (xapc_search_opts_t.tiebreak_slots, xapian-c/ties.cc). */
#include "tap.h"
#include "xapc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Documents added in this docid order; every one holds "t" once, so all
 * have the same weight: only the slots decide. Slot 0 a date, slot 1 an
 * article id, slot 2 a passage number. */
static const struct {
    const char *date, *article, *passage;
} docs[] = {
    { "2024-01-01", "b", "10" }, /* docid 1 */
    { "2024-01-02", "b", "9" },  /* 2 */
    { "2024-01-01", "a", "2" },  /* 3 */
    { "2024-01-02", "c", "0" },  /* 4 */
    { "2024-01-01", "a", "1" },  /* 5 */
};
#define NDOCS (sizeof(docs) / sizeof(docs[0]))

static int
build(const char *path)
{
    xapc_writer_t *w = NULL;
    xapc_document_t *d = NULL;
    if (xapc_writer_open(path, XAPC_WRITER_OVERWRITE, &w, NULL) || xapc_document_create(&d))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < NDOCS && !rc; i++) {
        xapc_document_clear(d);
        rc = xapc_document_add_posting(d, "t", 1, 1, 1) ||
             xapc_document_set_value(d, 0, docs[i].date, strlen(docs[i].date)) ||
             xapc_document_set_value(d, 1, docs[i].article, strlen(docs[i].article)) ||
             xapc_document_set_value(d, 2, docs[i].passage, strlen(docs[i].passage)) ||
             xapc_writer_add(w, d, NULL);
    }
    rc |= xapc_writer_close(w) != XAPC_OK;
    xapc_writer_destroy(w);
    xapc_document_destroy(d);
    return rc;
}

/* The docids and ranks of a search, as "docid@rank ..." */
static void
run(xapc_reader_t *r, const xapc_query_t *q, const xapc_search_opts_t *o, char *out,
    size_t outlen)
{
    xapc_mset_t *m = NULL;
    out[0] = 0;
    if (xapc_reader_search(r, q, o, &m) != XAPC_OK) {
        snprintf(out, outlen, "error: %s", xapc_reader_last_error(r));
        return;
    }
    size_t n = 0;
    for (; xapc_mset_valid(m); xapc_mset_next(m))
        n += (size_t)snprintf(out + n, outlen - n, "%s%u@%u", n ? " " : "",
                              (unsigned)xapc_mset_docid(m), (unsigned)xapc_mset_rank(m));
    xapc_mset_destroy(m);
}

/* A decider that drops the document whose passage is ctx->drop and
 * counts how often each document (by passage number) is asked. */
struct asked {
    const char *drop;
    unsigned count[16];
};

static int
count_and_drop(void *ctx, xapc_matchdoc_t *d)
{
    struct asked *a = ctx;
    const char *v;
    size_t len;
    if (xapc_matchdoc_value(d, 2, &v, &len) != XAPC_OK)
        return -1;
    a->count[atoi(v) % 16]++;
    return !(strlen(a->drop) == len && memcmp(v, a->drop, len) == 0);
}

static unsigned
most_asked(const struct asked *a)
{
    unsigned m = 0;
    for (size_t i = 0; i < 16; i++)
        if (a->count[i] > m)
            m = a->count[i];
    return m;
}

/* With a decider: the order of its survivors, and each document asked
 * once, also when the page ends inside a run of equal results (one
 * match by relevance; repeated passes by date, their answers kept). */
static void
test_decider(xapc_reader_t *r, const xapc_query_t *q)
{
    char got[256];
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.tiebreak_slots[0] = 1;
    o.tiebreak_slots[1] = 2;
    o.max_items = 1;
    struct asked a = { "1", { 0 } };
    o.decider = count_and_drop;
    o.decider_ctx = &a;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "3@0", "a decider: the first survivor of the run");
    is_int(most_asked(&a), 1, "each document asked once");

    memset(&a.count, 0, sizeof(a.count));
    o.sort_slot = 0;
    o.sort_reverse = false;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "3@0", "by date: the first survivor of the run");
    is_int(most_asked(&a), 1, "each document asked once over the passes");
}

int
main(void)
{
    char dir[] = "/tmp/t-ties.XXXXXX", path[64], got[256];
    if (!mkdtemp(dir))
        return ok(0, "mkdtemp"), tap_done();
    snprintf(path, sizeof(path), "%s/db", dir);
    if (!ok(build(path) == 0, "a database of %zu equal documents", NDOCS))
        return tap_done();
    xapc_reader_t *r = NULL;
    xapc_query_t *q = NULL;
    ok(xapc_reader_create(&r) == XAPC_OK && xapc_reader_add_path(r, path) == XAPC_OK &&
           xapc_query_term("t", 1, 1, 1, &q, NULL) == XAPC_OK,
       "open it, query 't'");

    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    run(r, q, &o, got, sizeof(got));
    is_str(got, "1@0 2@1 3@2 4@3 5@4", "no tie-break slots: docid order");

    o.tiebreak_slots[0] = 1;
    o.tiebreak_slots[1] = 2;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "5@0 3@1 2@2 1@3 4@4", "article, then passage as a number (9 before 10)");

    o.first = 1;
    o.max_items = 2;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "3@1 2@2", "a page inside the run: the same order, ranks from first");

    o.first = 4;
    o.max_items = 10;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "4@4", "the last page");

    o.first = 0;
    o.sort_slot = 0;
    o.sort_reverse = true;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "2@0 4@1 5@2 3@3 1@4", "by date descending, then article and passage");

    o.sort_slot = -1;
    o.tiebreak_slots[0] = 7;
    o.tiebreak_slots[1] = -1;
    run(r, q, &o, got, sizeof(got));
    is_str(got, "1@0 2@1 3@2 4@3 5@4", "a slot no document has: ties stay in docid order");

    test_decider(r, q);

    o.tiebreak_slots[0] = 1;
    o.first = 0xffffffffu - 5;
    xapc_mset_t *m = NULL;
    is_int(xapc_reader_search(r, q, &o, &m), XAPC_E_INVALID_ARGUMENT,
           "first + max_items past the limit is refused");
    ok(m == NULL, "and gives no result set");

    xapc_query_destroy(q);
    xapc_reader_destroy(r);
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("cannot remove %s", dir);
    return tap_done();
}
