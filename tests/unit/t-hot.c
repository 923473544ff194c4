/* SPDX-License-Identifier: MIT */
/* t-hot.c - hot characters (tokenizer/hot.h): the set, the terms a schema 6
 * index stores for them and for the other characters, what a schema 5
 * index keeps, and searches over either and both (docs/index-schema.md,
 * "Hot characters"). */
#include "hot.h"
#include "indexdb.h"
#include "schema.h"
#include "search.h"
#include "shards.h"
#include "tap.h"
#include "tokenizer.h"
#include "utf8.h"
#include "xapc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
test_set(void)
{
    const char *def = tok_hot_default();
    tok_hot_t *h = NULL;
    tap_ok(tok_hot_create(def, strlen(def), &h) == CN_OK, "the built-in set parses");
    size_t chars = 0;
    int sorted = 1;
    uint32_t prev = 0;
    for (size_t i = 0, n; i < strlen(def); i += n, chars++) {
        uint32_t cp;
        n = cn_utf8_decode(def + i, strlen(def) - i, &cp);
        sorted = sorted && cp > prev;
        prev = cp;
    }
    tap_ok(sorted, "in code point order, no repeats");
    tap_is_int((long)tok_hot_count(h), (long)chars, "%zu characters", chars);
    tap_ok(tok_hot_has(h, "的", 3) && tok_hot_has(h, "の", 3) && tok_hot_has(h, "国", 3),
           "的, の and 国 are hot");
    tap_ok(!tok_hot_has(h, "鑫", 3) && !tok_hot_has(h, "月", 3) && !tok_hot_has(h, "國", 3),
           "鑫, 月 and 國 (folded to 国 before any lookup) are not");
    tap_ok(!tok_hot_has(h, "的的", 6) && !tok_hot_has(h, "的", 2) && !tok_hot_has(h, "", 0),
           "only exactly one character is looked up");
    size_t len = 0;
    char *back = tok_hot_serialize(h, &len);
    tap_is_str(back, def, "serialised as given");
    free(back);
    tok_hot_destroy(h);

    tap_ok(tok_hot_create("的中的中", 12, &h) == CN_OK && tok_hot_count(h) == 2,
           "repeats are one character");
    tok_hot_t *o = NULL;
    tok_hot_create("中の", 6, &o);
    tok_hot_intersect(h, o);
    back = tok_hot_serialize(h, &len);
    tap_is_str(back, "中", "the intersection keeps what both hold");
    free(back);
    tok_hot_intersect(h, NULL);
    tap_is_int((long)tok_hot_count(h), 0, "with nothing: empty");
    tok_hot_destroy(h);
    tok_hot_destroy(o);

    tap_ok(tok_script_is_cjk(TOK_SCRIPT_HAN) && tok_script_is_cjk(TOK_SCRIPT_KANA) &&
               tok_script_is_cjk(TOK_SCRIPT_HANGUL) && tok_script_is_cjk(TOK_SCRIPT_BOPOMOFO) &&
               !tok_script_is_cjk(TOK_SCRIPT_WORD) && !tok_script_is_cjk(TOK_SCRIPT_OTHER) &&
               !tok_script_is_cjk(TOK_SCRIPT_IGNORE),
           "the CJK script classes");
    tap_is_int(tok_hot_create("中a", 4, &h), CN_E_INVALID_ARGUMENT, "a Latin letter is refused");
    tap_ok(h == NULL, "and nothing is made");
    tap_is_int(tok_hot_create("\xe4\xb8", 2, &h), CN_E_INVALID_ARGUMENT,
               "a cut UTF-8 sequence is refused");
    tap_ok(tok_hot_create("", 0, &h) == CN_OK && tok_hot_count(h) == 0, "an empty set");
    tap_ok(!tok_hot_has(h, "的", 3) && !tok_hot_has(NULL, "的", 3), "holds nothing");
    tok_hot_destroy(h);
    tok_hot_destroy(NULL);
}

/* Creates an empty index at 'path' marked as schema 'schema'. */
static void
make_schema(const char *path, const char *schema, const char *hot)
{
    xapc_writer_t *w = NULL;
    xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL);
    xapc_writer_set_metadata(w, CN_META_SCHEMA, schema, strlen(schema));
    xapc_writer_set_metadata(w, CN_META_FOLD_TRADITIONAL, "1", 1);
    if (hot)
        xapc_writer_set_metadata(w, CN_META_HOT_CHARS, hot, strlen(hot));
    xapc_writer_close(w);
    xapc_writer_destroy(w);
}

static void
add_one(idx_db_t *db, const char *id, const char *body, cn_status_t *st, char **err)
{
    if (*st != CN_OK)
        return;
    idx_article_t a;
    idx_article_init(&a);
    cn_buf_addstr(&a.id, id);
    cn_buf_addstr(&a.date, "2023-11-19");
    cn_buf_addstr(&a.body, body);
    *st = idx_db_add(db, &a, err);
    idx_article_release(&a);
}

/* Articles 'id'1 and 'id'2 with bodies a and b into the index at 'path',
 * by one writer in place, or by 'jobs' writers with their shards merged
 * into it as cjkindex -j does. */
static void
index_two(const char *path, const char *id, const char *a, const char *b, size_t jobs)
{
    cfg_config_t cfg;
    cfg_config_init(&cfg);
    idx_shards_t shards;
    memset(&shards, 0, sizeof(shards));
    idx_db_t *db = NULL;
    char *err = NULL;
    cn_status_t st = jobs > 1 ? idx_shards_prepare(&shards, path, jobs, &err) : CN_OK;
    if (st == CN_OK)
        st = idx_db_open(jobs > 1 ? shards.base : path, &cfg, &db, &err);
    if (st == CN_OK && jobs > 1)
        st = idx_db_start_workers(db, (const char *const *)shards.shards, jobs, &err);
    char ida[64], idb[64];
    snprintf(ida, sizeof(ida), "%s1", id);
    snprintf(idb, sizeof(idb), "%s2", id);
    add_one(db, ida, a, &st, &err);
    add_one(db, idb, b, &st, &err);
    if (st == CN_OK && jobs > 1)
        st = idx_db_finish_workers(db, &err);
    cn_status_t cst = idx_db_close(db, st == CN_OK ? &err : NULL);
    if (st == CN_OK)
        st = cst;
    if (st == CN_OK && jobs > 1)
        st = idx_shards_merge(&shards, &err);
    idx_shards_release(&shards);
    cfg_config_release(&cfg);
    tap_ok(st == CN_OK, "index %s1 and %s2 into %s with %zu writer(s) %s", id, id, path, jobs,
           err ? err : "");
    free(err);
}

static unsigned
termfreq(const char *path, const char *term)
{
    xapc_reader_t *r = NULL;
    uint32_t tf = 0;
    xapc_reader_create(&r);
    if (xapc_reader_add_path(r, path) != XAPC_OK ||
        xapc_reader_termfreq(r, term, strlen(term), &tf) != XAPC_OK)
        tf = 9999;
    xapc_reader_destroy(r);
    return tf;
}

static char *
metadata(const char *path, const char *key)
{
    xapc_reader_t *r = NULL;
    char *v = NULL;
    size_t len;
    xapc_reader_create(&r);
    if (xapc_reader_add_path(r, path) != XAPC_OK ||
        xapc_reader_get_metadata(r, key, &v, &len) != XAPC_OK)
        v = NULL;
    xapc_reader_destroy(r);
    return v;
}

/* How many passages the query finds over the shards (-1: an error, whose
 * message goes to *errmsg when errmsg is not NULL). */
static long
found_err(const char *const *dbs, size_t n, const char *query, char **errmsg)
{
    cfg_config_t cfg;
    cfg_config_init(&cfg);
    srch_session_t *s = NULL;
    char *err = NULL;
    long count = -1;
    if (srch_session_open(dbs, n, &cfg, &s, &err) == CN_OK) {
        srch_run_opts_t o;
        srch_run_opts_init(&o, 50);
        o.match = SRCH_MATCH_ALL;
        srch_results_t res;
        if (srch_session_run(s, query, strlen(query), &o, &res, &err) == CN_OK)
            count = (long)res.count;
        srch_results_release(&res);
    }
    srch_session_destroy(s);
    cfg_config_release(&cfg);
    if (errmsg)
        *errmsg = err;
    else
        free(err);
    return count;
}

static long
found(const char *const *dbs, size_t n, const char *query)
{
    return found_err(dbs, n, query, NULL);
}

/* 的 mid-run (我的书, 好的人), never at a run's ends; 月 starting runs
 * (月份, 月举行) after 11; 鑫 starting 鑫源. */
static const char BODY_A[] = "我的书在这里，好的人来了。11月份的消息很多。";
static const char BODY_B[] = "会议定于11月举行，鑫源公司出席。";

static void
check_pair(const char *six, const char *five)
{
    tap_is_int(termfreq(six, "的"), 1, "schema 6: 的 (hot) is a term where it is mid-run");
    tap_is_int(termfreq(six, "月"), 0, "schema 6: no first-character term for 月 (not hot)");
    tap_is_int(termfreq(six, "鑫"), 0, "nor for 鑫");
    tap_is_int(termfreq(five, "的"), 0, "schema 5: no unigram of 的 mid-run");
    tap_is_int(termfreq(five, "月"), 2, "schema 5: the first character of 月's runs");
    tap_is_int(termfreq(five, "鑫"), 1, "and of 鑫源's");

    const char *s6[] = { six }, *s5[] = { five }, *both[] = { six, five };
    tap_is_int(found(s6, 1, "的"), 1, "schema 6: 的 finds the passage holding it mid-run");
    tap_is_int(found(s5, 1, "的"), 1, "schema 5: so does its wildcard");
    tap_is_int(found(both, 2, "的"), 2, "both shards: 2");
    tap_is_int(found(s6, 1, "鑫"), 1, "schema 6: 鑫 (not hot) by its wildcard");
    tap_is_int(found(both, 2, "鑫"), 2, "both shards: 2");
    tap_is_int(found(s6, 1, "11月"), 2, "schema 6: 11月 finds 11月份 and 11月举行");
    tap_is_int(found(s5, 1, "11月"), 2, "schema 5: through the first-character term");
    tap_is_int(found(both, 2, "11月"), 4, "both shards: 4");
    tap_is_int(found(both, 2, "11鑫"), 0, "11鑫: nowhere");
    tap_is_int(found(both, 2, "的书"), 2, "的书 as a phrase: 2");
    tap_is_int(found(both, 2, "书的"), 0, "书的: nowhere");
}

static void
test_index(const char *dir)
{
    char six[256], five[256];
    snprintf(six, sizeof(six), "%s/six", dir);
    snprintf(five, sizeof(five), "%s/five", dir);
    index_two(six, "a", BODY_A, BODY_B, 1);
    make_schema(five, CN_SCHEMA_VERSION_STARTS, NULL);
    index_two(five, "b", BODY_A, BODY_B, 1);
    char *v = metadata(six, CN_META_HOT_CHARS);
    tap_is_str(v, tok_hot_default(), "a new index stores the built-in set");
    free(v);
    v = metadata(five, CN_META_SCHEMA);
    tap_is_str(v, CN_SCHEMA_VERSION_STARTS, "a schema 5 index stays schema 5");
    free(v);
    check_pair(six, five);

    /* The same with two writers and a merge: the shards take the target's
     * layout. */
    snprintf(six, sizeof(six), "%s/six-j2", dir);
    snprintf(five, sizeof(five), "%s/five-j2", dir);
    index_two(six, "a", BODY_A, BODY_B, 2);
    make_schema(five, CN_SCHEMA_VERSION_STARTS, NULL);
    index_two(five, "b", BODY_A, BODY_B, 2);
    v = metadata(six, CN_META_HOT_CHARS);
    tap_is_str(v, tok_hot_default(), "-j 2: a new index stores the built-in set");
    free(v);
    v = metadata(five, CN_META_HOT_CHARS);
    tap_is_str(v, "", "-j 2 into schema 5: the shards leave no set behind");
    free(v);
    v = metadata(five, CN_META_SCHEMA);
    tap_is_str(v, CN_SCHEMA_VERSION_STARTS, "and it stays schema 5");
    free(v);
    check_pair(six, five);

    /* An index made with another set is added to and searched with its
     * own. */
    char own[256];
    snprintf(own, sizeof(own), "%s/own", dir);
    make_schema(own, CN_SCHEMA_VERSION, "鑫");
    index_two(own, "c", BODY_A, BODY_B, 2);
    tap_is_int(termfreq(own, "鑫"), 1, "its own set: 鑫 is a unigram");
    tap_is_int(termfreq(own, "的"), 0, "and 的 is not");
    const char *so[] = { own };
    tap_is_int(found(so, 1, "的"), 1, "的 by its wildcard");
    tap_is_int(found(so, 1, "鑫"), 1, "鑫 by its unigram");
    tap_is_int(found(so, 1, "11月"), 2, "11月 by the wildcard of 月");

    /* A damaged set: both programs say where. */
    char bad[256];
    snprintf(bad, sizeof(bad), "%s/bad", dir);
    make_schema(bad, CN_SCHEMA_VERSION, "abc");
    cfg_config_t cfg;
    cfg_config_init(&cfg);
    idx_db_t *db = NULL;
    char *err = NULL;
    tap_is_int(idx_db_open(bad, &cfg, &db, &err), CN_E_DB_CORRUPT, "cjkindex refuses it");
    tap_ok(err && strstr(err, CN_META_HOT_CHARS) && strstr(err, bad), "naming key and index: %s",
           err ? err : "");
    free(err);
    cfg_config_release(&cfg);
    const char *sb[] = { bad };
    err = NULL;
    tap_is_int(found_err(sb, 1, "的", &err), -1, "cjksearch too");
    tap_ok(err && strstr(err, CN_META_HOT_CHARS) && strstr(err, bad), "naming key and index: %s",
           err ? err : "");
    free(err);
}

int
main(void)
{
    test_set();
    char dir[] = "/tmp/t-hot.XXXXXX";
    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return tap_done();
    }
    test_index(dir);
    tap_remove_tree(dir);
    return tap_done();
}
