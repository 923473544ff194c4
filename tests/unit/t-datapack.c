/* SPDX-License-Identifier: MIT */
/* t-datapack.c - document data compressed with a zstd dictionary kept in
 * the database (xapian-c/datapack.cc): what a reader hands out is what
 * was stored, through results and match deciders, over shards with
 * different dictionaries, after reopening and compacting; data that
 * looks like a zstd frame survives; the dictionary shrinks the table; it
 * is stored in pieces, and one stored whole (as indexes before pieces
 * have it) still reads. */
#include "tap.h"
#include "xapc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zdict.h>
#include <zstd.h>

static char tmpdir[4096];

static const char *
tmp_path(char *buf, size_t len, const char *name)
{
    snprintf(buf, len, "%s/%s", tmpdir, name);
    return buf;
}

/* Record 'i' of a family of news-like records sharing their wording;
 * returns its length (it holds NULs, as cjknews records do). */
static size_t
record(int family, int i, char *buf, size_t len)
{
    static const char *const words[] = { "微软", "投资", "OpenAI", "董事会", "纳德拉",
                                         "阿尔特曼", "市场", "模型", "芯片", "股价" };
    int n = snprintf(buf, len, "3%c%d%cid-%d-%d%c标题 %d%c2023-11-%02d%csource%c"
                     "https://example.com/news/%d%czh%c",
                     0, i % 5, 0, family, i, 0, i, 0, 1 + i % 28, 0, 0, i, 0, 0);
    for (int k = 0; n > 0 && (size_t)n < len - 40 && k < 40; k++)
        n += snprintf(buf + n, len - (size_t)n, "%s%s，",
                      words[(i * 7 + k * (family + 3)) % 10], words[(k + i) % 10]);
    return n > 0 ? (size_t)n : 0;
}

#define NREC 300

/* A dictionary trained on 'NREC' records of 'family' (malloc'd). */
static char *
train(int family, size_t *len)
{
    static char samples[NREC * 1024];
    static size_t sizes[NREC];
    size_t at = 0;
    for (int i = 0; i < NREC; i++) {
        char buf[1024];
        size_t n = record(family, i, buf, sizeof buf);
        sizes[i] = n;
        memcpy(samples + at, buf, n);
        at += n;
    }
    char *dict = malloc(16384);
    size_t n = ZDICT_trainFromBuffer(dict, 16384, samples, sizes, NREC);
    if (ZDICT_isError(n)) {
        free(dict);
        *len = 0;
        return NULL;
    }
    *len = n;
    return dict;
}

/* The data of document i: a record of 'family', or one of the odd cases. */
static size_t
data_of(int family, int i, char *buf, size_t len)
{
    if (i == 0)
        return 0; /* empty */
    if (i == 1) {
        memcpy(buf, "short", 5);
        return 5;
    }
    if (i == 2) { /* starts with the zstd frame magic, but is not one */
        static const char fake[] = "\x28\xb5\x2f\xfd not a frame at all";
        memcpy(buf, fake, sizeof fake - 1);
        return sizeof fake - 1;
    }
    return record(family, i, buf, len);
}

/* Writes 'count' documents of 'family' (term "all", and "f<family>"). */
static int
fill(const char *name, int family, int first, int count, const char *dict, size_t dict_len)
{
    char path[4200];
    xapc_writer_t *w = NULL;
    xapc_document_t *doc = NULL;
    char *err = NULL;
    xapc_status_t xs = xapc_writer_open(tmp_path(path, sizeof path, name),
                                        XAPC_WRITER_CREATE_OR_OPEN, &w, &err);
    free(err);
    if (!xs && dict)
        xs = xapc_writer_set_dictionary(w, dict, dict_len);
    if (!xs)
        xs = xapc_document_create(&doc);
    for (int i = first; !xs && i < first + count; i++) {
        char buf[1024], fam[8];
        size_t n = data_of(family, i, buf, sizeof buf);
        snprintf(fam, sizeof fam, "f%d", family);
        xapc_document_clear(doc);
        if (!(xs = xapc_document_add_term(doc, "all", 3, 1)) &&
            !(xs = xapc_document_add_term(doc, fam, strlen(fam), 1)) &&
            !(xs = xapc_document_set_value(doc, 0, (const char *)&i, sizeof i)) &&
            !(xs = xapc_document_set_value(doc, 1, (const char *)&family, sizeof family)))
            xs = xapc_document_set_data(doc, buf, n);
        if (!xs)
            xs = xapc_writer_add(w, doc, NULL);
    }
    if (!xs)
        xs = xapc_writer_close(w);
    xapc_document_destroy(doc);
    xapc_writer_destroy(w);
    return xs == XAPC_OK;
}

struct seen {
    int checked, bad;
};

/* Reads values 0 and 1: the document's number and family. */
static int
doc_ids(xapc_matchdoc_t *d, int *i, int *family)
{
    const char *v;
    size_t n;
    if (xapc_matchdoc_value(d, 0, &v, &n) != XAPC_OK || n != sizeof(int))
        return 0;
    memcpy(i, v, sizeof(int));
    if (xapc_matchdoc_value(d, 1, &v, &n) != XAPC_OK || n != sizeof(int))
        return 0;
    memcpy(family, v, sizeof(int));
    return 1;
}

static int
check_in_decider(void *ctx, xapc_matchdoc_t *d)
{
    struct seen *s = ctx;
    int i, family;
    const char *data;
    size_t len;
    char want[1024];
    s->checked++;
    if (!doc_ids(d, &i, &family) || xapc_matchdoc_data(d, &data, &len) != XAPC_OK) {
        s->bad++;
        return 1;
    }
    size_t n = data_of(family, i, want, sizeof want);
    if (n != len || memcmp(want, data, n) != 0)
        s->bad++;
    return 1;
}

/* Every document of the shards 'names' reads back as written, in the
 * decider and in the results. */
static void
check_all(const char *const *names, size_t n, int expect, const char *what)
{
    xapc_reader_t *r = NULL;
    xapc_query_t *q = NULL;
    xapc_mset_t *m = NULL;
    char path[4200];
    xapc_reader_create(&r);
    for (size_t i = 0; i < n; i++)
        xapc_reader_add_path(r, tmp_path(path, sizeof path, names[i]));
    xapc_query_term("all", 3, 1, 0, &q, NULL);
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    struct seen s = { 0, 0 };
    o.decider = check_in_decider;
    o.decider_ctx = &s;
    o.max_items = 10000;
    xapc_status_t xs = xapc_reader_search(r, q, &o, &m);
    tap_is_int(xs, XAPC_OK, "%s: search (%s)", what, xs ? xapc_reader_last_error(r) : "");
    tap_is_int(s.checked, expect, "%s: the decider saw every document", what);
    tap_is_int(s.bad, 0, "%s: and read each one's data as written", what);
    int results = 0, bad = 0;
    for (; m && xapc_mset_valid(m); xapc_mset_next(m)) {
        xapc_matchdoc_t *d;
        const char *data;
        size_t len;
        int i, family;
        char want[1024];
        results++;
        if (xapc_mset_matchdoc(m, &d) != XAPC_OK || !doc_ids(d, &i, &family) ||
            xapc_mset_data(m, &data, &len) != XAPC_OK) {
            bad++;
            continue;
        }
        size_t wn = data_of(family, i, want, sizeof want);
        if (wn != len || memcmp(want, data, wn) != 0)
            bad++;
    }
    tap_is_int(results, expect, "%s: every document is a result", what);
    tap_is_int(bad, 0, "%s: each result's data is as written", what);
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
    xapc_reader_destroy(r);
}

/* Runs "all" over shard 'name' and reads every result's data: the first
 * failing status, with the message in 'msg'. */
static xapc_status_t
read_every(const char *name, char *msg, size_t msg_len)
{
    char path[4200];
    xapc_reader_t *r = NULL;
    xapc_query_t *q = NULL;
    xapc_mset_t *m = NULL;
    xapc_reader_create(&r);
    xapc_reader_add_path(r, tmp_path(path, sizeof path, name));
    xapc_query_term("all", 3, 1, 0, &q, NULL);
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.max_items = 10000;
    xapc_status_t xs = xapc_reader_search(r, q, &o, &m);
    for (; !xs && xapc_mset_valid(m); xapc_mset_next(m)) {
        const char *data;
        size_t len;
        xs = xapc_mset_data(m, &data, &len);
    }
    snprintf(msg, msg_len, "%s", m ? xapc_mset_last_error(m) : xapc_reader_last_error(r));
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
    xapc_reader_destroy(r);
    return xs;
}

/* The dictionary of shard 'name' (id 'id'): stored in pieces; then
 * rewritten whole, as indexes made before pieces hold it, it still
 * reads; a missing piece is a clear error. */
static void
check_pieces(const char *name, unsigned id, const char *dict, size_t dict_len)
{
    char path[4200], key[64], pkey[96], msg[1024];
    xapc_writer_t *w = NULL;
    snprintf(key, sizeof key, "%s.%08x", XAPC_META_DICT, id);
    xapc_writer_open(tmp_path(path, sizeof path, name), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    char *head = NULL;
    size_t head_len = 0;
    xapc_writer_get_metadata(w, key, &head, &head_len);
    size_t want_n = (dict_len + 1799) / 1800;
    char want[64];
    snprintf(want, sizeof want, "pieces %zu %zu", want_n, dict_len);
    tap_ok(head && strcmp(head, want) == 0, "the dictionary is stored in pieces: '%s' ('%s')",
           head ? head : "(none)", want);
    free(head);
    size_t at = 0, n = 0;
    int same = 1;
    for (;; n++) {
        char *piece = NULL;
        size_t len = 0;
        snprintf(pkey, sizeof pkey, "%s.%03zu", key, n);
        if (xapc_writer_get_metadata(w, pkey, &piece, &len) != XAPC_OK || !piece || !len) {
            free(piece);
            break;
        }
        if (at + len > dict_len || memcmp(dict + at, piece, len) != 0)
            same = 0;
        at += len;
        free(piece);
    }
    tap_ok(same && at == dict_len && n == want_n, "%zu pieces of at most 1,800 bytes hold it",
           n);

    /* Whole, as before pieces. */
    for (size_t i = 0; i < n; i++) {
        snprintf(pkey, sizeof pkey, "%s.%03zu", key, i);
        xapc_writer_set_metadata(w, pkey, "", 0);
    }
    xapc_writer_set_metadata(w, key, dict, dict_len);
    tap_is_int(xapc_writer_close(w), XAPC_OK, "dictionary rewritten whole");
    xapc_writer_destroy(w);
    const char *one[] = { name };
    check_all(one, 1, NREC, "a dictionary stored whole");
    xapc_writer_open(tmp_path(path, sizeof path, name), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    char *got = NULL;
    size_t got_len = 0;
    tap_ok(xapc_writer_get_dictionary(w, &got, &got_len) == XAPC_OK && got_len == dict_len &&
               memcmp(got, dict, dict_len) == 0,
           "a writer reopened on it has it");
    free(got);

    /* In pieces again, one of them lost. */
    snprintf(want, sizeof want, "pieces %zu %zu", want_n, dict_len);
    for (size_t i = 0; i < want_n; i++) {
        snprintf(pkey, sizeof pkey, "%s.%03zu", key, i);
        size_t len = i + 1 < want_n ? 1800 : dict_len - i * 1800;
        xapc_writer_set_metadata(w, pkey, i == 1 ? "" : dict + i * 1800, i == 1 ? 0 : len);
    }
    xapc_writer_set_metadata(w, key, want, strlen(want));
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    tap_is_int(read_every(name, msg, sizeof msg), XAPC_E_CORRUPT,
               "a dictionary with a piece missing: CORRUPT");
    tap_ok(strstr(msg, key) && strstr(msg, "piece is missing"),
           "the message names the dictionary and the missing piece: %s", msg);

    char *err = NULL;
    tap_is_int(xapc_writer_open(tmp_path(path, sizeof path, name), XAPC_WRITER_CREATE_OR_OPEN, &w,
                                &err),
               XAPC_E_CORRUPT, "a writer will not open on it either");
    tap_ok(err && strstr(err, "piece is missing"), "and says why: %s", err ? err : "");
    free(err);
    xapc_writer_destroy(w);

    /* A header that is not one (the pieces present). */
    tap_ok(fill("badhead", 0, 0, NREC, dict, dict_len), "another shard with the dictionary");
    xapc_writer_open(tmp_path(path, sizeof path, "badhead"), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, key, "pieces 2x 10", 12);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    tap_is_int(read_every("badhead", msg, sizeof msg), XAPC_E_CORRUPT,
               "a bad pieces header: CORRUPT");
    tap_ok(strstr(msg, "bad header") != NULL, "the message says so: %s", msg);
}

static long
file_size(const char *name, const char *file)
{
    char path[4200], sub[4300];
    struct stat st;
    snprintf(sub, sizeof sub, "%s/%s", tmp_path(path, sizeof path, name), file);
    return stat(sub, &st) == 0 ? (long)st.st_size : -1;
}

int
main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/t-datapack.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        tap_ok(0, "mkdtemp '%s': %s", tmpdir, strerror(errno));
        return tap_done();
    }
    size_t l0, l1;
    char *d0 = train(0, &l0), *d1 = train(1, &l1);
    tap_ok(d0 && d1, "two dictionaries trained");
    if (!d0 || !d1)
        return tap_done();

    /* Bad dictionaries are refused. */
    char path[4200];
    xapc_writer_t *w = NULL;
    xapc_writer_open(tmp_path(path, sizeof path, "bad"), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    tap_is_int(xapc_writer_set_dictionary(w, "not a dictionary", 16), XAPC_E_INVALID_ARGUMENT,
               "not a zstd dictionary: INVALID_ARGUMENT");
    tap_is_int(xapc_writer_set_dictionary(w, NULL, 0), XAPC_E_INVALID_ARGUMENT,
               "no dictionary: INVALID_ARGUMENT");
    tap_ok(!xapc_writer_has_dictionary(w), "a new writer has none");
    char *got = NULL;
    size_t got_len = 1;
    tap_ok(xapc_writer_get_dictionary(w, &got, &got_len) == XAPC_OK && !got && got_len == 0,
           "get_dictionary without one: NULL, 0");
    xapc_writer_destroy(w);

    tap_ok(fill("plain", 0, 0, NREC, NULL, 0), "a shard without a dictionary");
    tap_ok(fill("packed", 0, 0, NREC, d0, l0), "the same shard with one");
    long plain = file_size("plain", "docdata.glass"), packed = file_size("packed", "docdata.glass");
    tap_ok(packed > 0 && plain > 0 && packed * 10 < plain * 8,
           "the dictionary shrinks the data table by more than 20%% (%ld vs %ld bytes)", packed,
           plain);
    const char *one[] = { "packed" };
    check_all(one, 1, NREC, "one shard with a dictionary");

    /* Reopened, the writer finds and keeps using its dictionary. */
    xapc_writer_open(tmp_path(path, sizeof path, "packed"), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    tap_ok(xapc_writer_has_dictionary(w), "a reopened writer has its dictionary");
    tap_ok(xapc_writer_get_dictionary(w, &got, &got_len) == XAPC_OK && got_len == l0 &&
               memcmp(got, d0, l0) == 0,
           "get_dictionary: the one set");
    free(got);
    xapc_writer_destroy(w);
    tap_ok(fill("packed", 2, 0, 50, NULL, 0), "50 more documents, another family");
    const char *again[] = { "packed" };
    check_all(again, 1, NREC + 50, "after reopening");

    /* A second shard with another dictionary, a third with none, and one
     * whose dictionary came after its first documents. */
    tap_ok(fill("other", 1, 0, NREC, d1, l1), "a shard with another dictionary");
    tap_ok(fill("late", 1, 0, 100, NULL, 0) && fill("late", 1, 100, 100, d1, l1),
           "a shard given its dictionary half way");
    const char *four[] = { "packed", "other", "plain", "late" };
    check_all(four, 4, NREC + 50 + NREC + NREC + 200, "four shards, two dictionaries");

    /* Compaction keeps both dictionaries listed. */
    const char *srcs[2];
    char p1[4200], p2[4200], dest[4200];
    char *err = NULL;
    srcs[0] = tmp_path(p1, sizeof p1, "packed");
    srcs[1] = tmp_path(p2, sizeof p2, "other");
    tap_is_int(xapc_compact(srcs, 2, tmp_path(dest, sizeof dest, "merged"), &err), XAPC_OK,
               "compact two shards with different dictionaries %s", err ? err : "");
    free(err);
    const char *merged[] = { "merged" };
    check_all(merged, 1, NREC + 50 + NREC, "compacted");

    tap_ok(fill("whole", 0, 0, NREC, d0, l0), "a shard to store its dictionary whole");
    check_pieces("whole", ZSTD_getDictID_fromDict(d0, l0), d0, l0);

    /* A missing dictionary is a clear error, not garbage. */
    xapc_writer_open(tmp_path(path, sizeof path, "other"), XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, XAPC_META_DICT, "", 0);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    char msg[1024];
    tap_is_int(read_every("other", msg, sizeof msg), XAPC_E_CORRUPT,
               "data whose dictionary is gone: CORRUPT");
    tap_ok(strstr(msg, "dictionary") != NULL, "the message names the dictionary: %s", msg);

    free(d0);
    free(d1);
    if (!getenv("T_DATAPACK_KEEP"))
        tap_remove_tree(tmpdir);
    return tap_done();
}
