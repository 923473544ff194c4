/* SPDX-License-Identifier: MIT */
/* t-datadict.c - the dictionary of the stored passages (indexer/datadict.h):
 * the sampler, training that gives the same dictionary for the same
 * samples, and the indexer's use of it: trained once the sample is full,
 * none for a schema 3 index (docs/index-schema.md, "Document data"). */
#include "datadict.h"
#include "indexdb.h"
#include "schema.h"
#include "tap.h"
#include "xapc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const WORDS[] = { "微软", "投资", "董事会", "纳德拉", "阿尔特曼",
                                     "市场", "模型", "芯片", "股价", "宣布" };

static void
body(int i, cn_buf_t *b)
{
    cn_buf_clear(b);
    for (int k = 0; k < 30; k++)
        cn_buf_addf(b, "%s%s，", WORDS[(i * 3 + k * 7) % 10], WORDS[(i + k) % 10]);
    cn_buf_addf(b, "第%d篇。", i);
}

static void
test_sampler(void)
{
    idx_zdict_t *z = NULL, *z2 = NULL;
    tap_is_int(idx_zdict_create(0, &z), CN_E_INVALID_ARGUMENT, "a sample of 0 bytes: refused");
    tap_ok(z == NULL, "and nothing made");
    tap_ok(idx_zdict_create(20000, &z) == CN_OK && idx_zdict_create(20000, &z2) == CN_OK,
           "two samplers of 20000 bytes");
    const void *d;
    size_t len = 1;
    cn_buf_t b = CN_BUF_INIT;
    body(0, &b);
    idx_zdict_add(z, b.data, b.len);
    tap_ok(idx_zdict_train(z, &d, &len) == CN_OK && len == 0 && d == NULL,
           "one sample: no dictionary, not an error");
    idx_zdict_destroy(z);
    idx_zdict_create(20000, &z);
    int full = 0, full2 = 0, n = 0;
    for (int i = 0; !full && i < 1000; i++, n++) {
        body(i, &b);
        full = idx_zdict_add(z, b.data, b.len);
        full2 = idx_zdict_add(z2, b.data, b.len);
    }
    tap_ok(full && full2, "full after %d samples", n);
    tap_ok(idx_zdict_sampled(z) >= 20000, "%zu bytes sampled", idx_zdict_sampled(z));
    tap_is_int(idx_zdict_add(z, "x", 1), 1, "a full sampler takes no more");
    const void *d2;
    size_t len2 = 0;
    size_t sampled = idx_zdict_sampled(z);
    cn_status_t st = idx_zdict_train(z, &d, &len);
    tap_ok(st == CN_OK && len > 0, "trained: %zu bytes", len);
    st = idx_zdict_train(z2, &d2, &len2);
    tap_ok(st == CN_OK && len2 == len && memcmp(d, d2, len) == 0,
           "the same samples give the same dictionary");
    tap_ok(len <= sampled / 8, "at most an eighth of the sample");
    cn_buf_release(&b);
    idx_zdict_destroy(z);
    idx_zdict_destroy(z2);
    idx_zdict_destroy(NULL);
}

static void
add_articles(idx_db_t *db, int first, int n)
{
    idx_article_t a;
    cn_buf_t b = CN_BUF_INIT;
    int good = 1;
    for (int i = first; i < first + n; i++) {
        idx_article_init(&a);
        cn_buf_addf(&a.id, "a%d", i);
        cn_buf_addf(&a.title, "标题%d", i);
        cn_buf_addstr(&a.date, "2023-11-21");
        body(i, &b);
        cn_buf_add(&a.body, b.data, b.len);
        char *err = NULL;
        if (idx_db_add(db, &a, &err) != CN_OK) {
            tap_ok(0, "index a%d: %s", i, err ? err : "");
            good = 0;
        }
        free(err);
        idx_article_release(&a);
    }
    tap_ok(good, "indexed %d articles", n);
    cn_buf_release(&b);
}

static char *
schema_of(const char *path)
{
    xapc_reader_t *r = NULL;
    char *v = NULL;
    size_t len;
    xapc_reader_create(&r);
    if (xapc_reader_add_path(r, path) != XAPC_OK ||
        xapc_reader_get_metadata(r, CN_META_SCHEMA, &v, &len) != XAPC_OK)
        v = NULL;
    xapc_reader_destroy(r);
    return v;
}

/* "N3 M4": how many of the index's records are of record version 3 and 4,
 * and how many of the 4s leave the article's fields to passage 0. */
static char *
record_versions(const char *path)
{
    xapc_reader_t *r = NULL;
    xapc_query_t *q = NULL;
    xapc_mset_t *m = NULL;
    xapc_search_opts_t o;
    unsigned n3 = 0, n4 = 0, shared = 0;
    xapc_search_opts_init(&o);
    o.max_items = 1000;
    xapc_reader_create(&r);
    if (xapc_reader_add_path(r, path) == XAPC_OK && xapc_query_match_all(&q, NULL) == XAPC_OK &&
        xapc_reader_search(r, q, &o, &m) == XAPC_OK) {
        for (; xapc_mset_valid(m); xapc_mset_next(m)) {
            const char *data;
            size_t len;
            cn_record_t rec;
            if (xapc_mset_data(m, &data, &len) != XAPC_OK ||
                cn_record_decode(data, len, &rec) != CN_OK)
                continue;
            if (data[0] == '3')
                n3++;
            else
                n4++;
            shared += rec.shared;
        }
    }
    xapc_mset_destroy(m);
    xapc_query_destroy(q);
    xapc_reader_destroy(r);
    return cn_strdupf("%u v3, %u v4, %u shared", n3, n4, shared);
}

static void
test_indexer(const char *dir)
{
    char path[256];
    cfg_config_t cfg;
    cfg_config_init(&cfg);
    cfg.dictionary_sample_bytes = 8000;

    /* A new index: compressed from the article that fills the sample. */
    snprintf(path, sizeof(path), "%s/new", dir);
    idx_db_t *db = NULL;
    char *err = NULL;
    tap_ok(idx_db_open(path, &cfg, &db, &err) == CN_OK, "open a new index %s", err ? err : "");
    free(err);
    add_articles(db, 0, 2);
    tap_ok(!xapc_writer_has_dictionary(idx_db_writer(db)), "no dictionary before the sample is full");
    add_articles(db, 2, 40);
    tap_ok(xapc_writer_has_dictionary(idx_db_writer(db)), "one once it is");
    tap_ok(idx_db_close(db, NULL) == CN_OK, "close");
    char *v = schema_of(path);
    tap_is_str(v, CN_SCHEMA_VERSION, "a new index is schema " CN_SCHEMA_VERSION);
    free(v);

    /* No dictionary asked for. */
    cfg.dictionary_sample_bytes = 0;
    snprintf(path, sizeof(path), "%s/none", dir);
    idx_db_open(path, &cfg, &db, NULL);
    add_articles(db, 0, 42);
    tap_ok(!xapc_writer_has_dictionary(idx_db_writer(db)), "dictionary_sample_bytes 0: none");
    idx_db_close(db, NULL);

    /* The shared layout: passage 0 whole, the others leave id, title and URL
     * to it. */
    snprintf(path, sizeof(path), "%s/shared", dir);
    unsigned pmin = cfg.passage_min_chars, pmax = cfg.passage_max_chars;
    cfg.passage_min_chars = 10;
    cfg.passage_max_chars = 100;
    idx_db_open(path, &cfg, &db, NULL);
    add_articles(db, 0, 10);
    idx_db_close(db, NULL);
    v = record_versions(path);
    tap_ok(strncmp(v, "0 v3, ", 6) == 0 && strstr(v, " v4, ") && !strstr(v, " 0 shared"),
           "schema 5: records of version 4, later passages shared (%s)", v);
    free(v);

    /* A schema 4 index is added to with whole records, which its
     * searchers read. */
    snprintf(path, sizeof(path), "%s/four", dir);
    xapc_writer_t *w = NULL;
    xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, CN_META_SCHEMA, CN_SCHEMA_VERSION_FULL, 1);
    xapc_writer_set_metadata(w, CN_META_FOLD_TRADITIONAL, "1", 1);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    tap_ok(idx_db_open(path, &cfg, &db, &err) == CN_OK, "open a schema 4 index %s",
           err ? err : "");
    free(err);
    err = NULL;
    add_articles(db, 0, 10);
    idx_db_close(db, NULL);
    v = record_versions(path);
    tap_ok(strstr(v, " 0 v4, 0 shared") && strncmp(v, "0 ", 2) != 0,
           "schema 4: every record whole, version 3 (%s)", v);
    free(v);
    v = schema_of(path);
    tap_is_str(v, CN_SCHEMA_VERSION_FULL, "and it stays schema 4");
    free(v);
    cfg.passage_min_chars = pmin;
    cfg.passage_max_chars = pmax;

    /* A schema 3 index stays readable by the searchers that wrote it. */
    cfg.dictionary_sample_bytes = 8000;
    snprintf(path, sizeof(path), "%s/old", dir);
    xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, CN_META_SCHEMA, CN_SCHEMA_VERSION_PLAIN, 1);
    xapc_writer_set_metadata(w, CN_META_FOLD_TRADITIONAL, "1", 1);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    tap_ok(idx_db_open(path, &cfg, &db, &err) == CN_OK, "open a schema 3 index %s",
           err ? err : "");
    free(err);
    add_articles(db, 0, 42);
    tap_ok(!xapc_writer_has_dictionary(idx_db_writer(db)), "schema 3: no dictionary");
    idx_db_close(db, NULL);
    v = schema_of(path);
    tap_is_str(v, CN_SCHEMA_VERSION_PLAIN, "and it stays schema 3");
    free(v);

    /* Another version is refused. */
    snprintf(path, sizeof(path), "%s/future", dir);
    xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, CN_META_SCHEMA, "9", 1);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    err = NULL;
    cn_status_t st = idx_db_open(path, &cfg, &db, &err);
    tap_ok(st != CN_OK && err && strstr(err, "schema 9"), "schema 9: refused (%s)",
           err ? err : "");
    free(err);
    cfg_config_release(&cfg);
}

int
main(void)
{
    test_sampler();
    char dir[] = "/tmp/t-datadict.XXXXXX";
    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return tap_done();
    }
    test_indexer(dir);
    tap_remove_tree(dir);
    return tap_done();
}
