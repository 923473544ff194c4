/* SPDX-License-Identifier: MIT */
/* t-verify.c - the phrase check at query time (verify.c) and the chunk
 * matcher it shares with highlighting (match.c). */
#include "buf.h"
#include "match.h"
#include "query.h"
#include "schema.h"
#include "tap.h"
#include "verify.h"
#include "xapc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ok tap_ok

/* Whether the first chunk of 'query' occurs in 'text'. */
static int
has_chunk(const char *query, const char *text)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    srch_text_t *t = NULL;
    int r = -1;
    if (srch_query_parse(&o, query, strlen(query), &q, &err) == CN_OK && q.count &&
        srch_text_create(&o, text, strlen(text), &t) == CN_OK)
        r = srch_text_has_chunk(t, &q.chunks[0]);
    srch_text_destroy(t);
    srch_query_release(&q);
    free(err);
    return r;
}

static const struct {
    const char *query, *text;
    int want;
} chunk_cases[] = {
    { "微软投资", "微软投资人工智能", 1 },
    { "微软投资", "微软今天宣布投资", 0 },   /* all bigrams? no: 软投 missing */
    { "微软投资", "投资微软。软投", 0 },      /* every bigram, none in order */
    { "微软投资", "微軟投資", 1 },            /* traditional folds to simplified */
    { "11月", "11月份的数据", 1 },            /* run-start character */
    { "11月", "11日，月底", 0 },
    { "\"new york\"", "new york times", 1 },
    { "\"new york\"", "york new", 0 },
    { "\"new york\"~1", "york and the new", 0 },
    { "\"new york\"~1", "york and new", 1 },  /* within 2 + 1 positions */
    { "\"new york\"~1", "york new", 1 },     /* NEAR: any order */
    { "\"new york\"~2", "new big old york", 1 },
    { "\"new york\"~1", "new big old york", 0 },
    { "微", "卑微的人", 1 },                  /* one character: any term starting with it */
};

static void
test_chunks(void)
{
    for (size_t i = 0; i < sizeof chunk_cases / sizeof chunk_cases[0]; i++)
        tap_is_int(has_chunk(chunk_cases[i].query, chunk_cases[i].text), chunk_cases[i].want,
                   "chunk %s in %s", chunk_cases[i].query, chunk_cases[i].text);
}

/* ---- srch_verify_doc on stored passages ------------------------------ */

static char tmpdir[4096];

static const struct {
    const char *id, *title, *text, *source;
} docs[] = {
    { "p1", "新闻", "微软投资人工智能公司", "alpha" },
    { "p2", "新闻", "微软今天宣布，将投资人工智能", "alpha" },
    { "p3", "微软投资消息", "今天没有相关内容", "beta" },
    { "p4", "其他", "苹果公司发布手机", "foo" },
    { "p5", "其他", "new big old york", "alpha" },
};
#define NDOCS (sizeof docs / sizeof docs[0])

struct adder {
    xapc_document_t *d;
    const char *prefix;
    int failed;
};

/* Adds the tokens as the indexer does (no positions). */
static int
add_tok(void *vctx, const tok_token_t *t)
{
    struct adder *a = vctx;
    cn_buf_t b = CN_BUF_INIT;
    cn_buf_addstr(&b, a->prefix);
    cn_buf_add(&b, t->term, t->term_len);
    if (xapc_document_add_term(a->d, b.data, b.len, 1) != XAPC_OK)
        a->failed = 1;
    cn_buf_release(&b);
    return a->failed;
}

static int
add_text(xapc_document_t *d, const char *prefix, const char *text)
{
    tok_options_t o;
    tok_options_init(&o);
    struct adder a = { d, prefix, 0 };
    return tok_tokenize(&o, TOK_DOCUMENT, text, strlen(text), add_tok, &a) == CN_OK &&
           !a.failed;
}

static int
build(const char *path)
{
    xapc_writer_t *w = NULL;
    xapc_document_t *d = NULL;
    int okay = xapc_writer_open(path, XAPC_WRITER_OVERWRITE, &w, NULL) == XAPC_OK &&
               xapc_document_create(&d) == XAPC_OK;
    for (size_t i = 0; okay && i < NDOCS; i++) {
        cn_record_t r = { 0 };
        cn_buf_t b = CN_BUF_INIT, t = CN_BUF_INIT;
        r.article_id = docs[i].id;
        r.article_id_len = strlen(docs[i].id);
        r.title = docs[i].title;
        r.title_len = strlen(docs[i].title);
        r.text = docs[i].text;
        r.text_len = strlen(docs[i].text);
        r.date = "2023-11-19";
        r.date_len = 10;
        r.source = docs[i].source; /* the text check reads XS from the record */
        r.source_len = strlen(docs[i].source);
        cn_record_encode(&r, false, &b);
        static const char *const kept[] = CN_VALUE_TERM_PREFIXES;
        xapc_document_clear(d);
        cn_buf_addf(&t, "Q%s", docs[i].id);
        okay = xapc_document_add_boolean_term(d, t.data, t.len) == XAPC_OK;
        cn_buf_clear(&t);
        cn_buf_addf(&t, "%s%s", CN_PREFIX_SOURCE, docs[i].source);
        okay = okay && add_text(d, "", docs[i].text) &&
               add_text(d, CN_PREFIX_TITLE, docs[i].title) &&
               xapc_document_add_boolean_term(d, t.data, t.len) == XAPC_OK &&
               xapc_document_add_boolean_term(d, "D2023-11-19", 11) == XAPC_OK &&
               xapc_document_set_value(d, CN_SLOT_DATE, "2023-11-19", 10) == XAPC_OK &&
               xapc_document_set_value(d, CN_SLOT_ARTICLE, docs[i].id, 2) == XAPC_OK &&
               xapc_document_set_value_terms(d, CN_SLOT_TERMS, kept,
                                             sizeof(kept) / sizeof(kept[0])) == XAPC_OK &&
               xapc_document_set_data(d, b.data, b.len) == XAPC_OK &&
               xapc_writer_add(w, d, NULL) == XAPC_OK;
        cn_buf_release(&b);
        cn_buf_release(&t);
    }
    okay = okay && xapc_writer_close(w) == XAPC_OK;
    xapc_document_destroy(d);
    xapc_writer_destroy(w);
    return okay;
}

/* The ids of the documents 'query' accepts, in docid order. */
static void
accepted(xapc_reader_t *r, const char *query, char *out, size_t len)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    srch_verify_t *v = NULL;
    xapc_query_t *all = NULL;
    xapc_mset_t *m = NULL;
    xapc_search_opts_t so;
    out[0] = '\0';
    if (srch_query_parse(&o, query, strlen(query), &q, &err) != CN_OK) {
        snprintf(out, len, "parse error: %s", err ? err : "?");
        free(err);
        return;
    }
    xapc_search_opts_init(&so);
    so.max_items = 100;
    so.sort_slot = CN_SLOT_ARTICLE; /* stable order: by id */
    /* The query as the searcher runs it: the index query, a superset,
     * with the check as its match decider. */
    so.decider = srch_verify_decide;
    if (srch_verify_create(&q, &o, &v) == CN_OK && srch_query_build(&q, &all, &err) == CN_OK &&
        all) {
        so.decider_ctx = v;
        if (xapc_reader_search(r, all, &so, &m) != XAPC_OK)
            snprintf(out, len, "search error");
        for (; m && xapc_mset_valid(m); xapc_mset_next(m)) {
            const char *data;
            size_t n;
            cn_record_t rec;
            xapc_mset_data(m, &data, &n);
            if (cn_record_decode(data, n, &rec) == CN_OK)
                snprintf(out + strlen(out), len - strlen(out), "%s%.*s", out[0] ? " " : "",
                         (int)rec.article_id_len, rec.article_id);
        }
    }
    xapc_mset_destroy(m);
    xapc_query_destroy(all);
    srch_verify_destroy(v);
    srch_query_release(&q);
}

static const struct {
    const char *query, *want;
} verify_cases[] = {
    { "微软投资", "p1 p3" },                 /* text, or the title */
    { "title:微软投资", "p3" },
    { "微软 投资", "p1 p2 p3" },             /* two words: each anywhere */
    { "微软 -微软投资", "p2" },              /* NOT excludes only the phrase */
    { "微软 NOT title:微软投资", "p1 p2" },
    { "-微软投资", "p2 p4 p5" },
    { "\"new york\"", "" },                 /* the AND of both terms is not enough */
    { "\"new york\"~1", "" },
    { "\"new york\"~2", "p5" },
    { "-\"new york\"~2", "p1 p2 p3 p4" },
    { "微软投资 OR source:foo", "p1 p3 p4" }, /* a filter under OR: its term */
    { "(微软投资 OR 苹果公司) -source:beta", "p1 p4" },
    { "(微软投资 OR new) source:alpha", "p1 p5" },
    { "微软投资 date:2023-11-19", "p1 p3" },
    { "微软投资 OR date:2024", "p1 p3" },
};

static void
test_verify(void)
{
    const char *base = getenv("TMPDIR");
    char path[4200], got[256];
    xapc_reader_t *r = NULL;
    snprintf(tmpdir, sizeof tmpdir, "%s/t-verify.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        ok(0, "mkdtemp");
        return;
    }
    snprintf(path, sizeof path, "%s/db", tmpdir);
    ok(build(path), "build the test database");
    ok(xapc_reader_create(&r) == XAPC_OK && xapc_reader_add_path(r, path) == XAPC_OK,
       "open it");
    for (size_t i = 0; r && i < sizeof verify_cases / sizeof verify_cases[0]; i++) {
        accepted(r, verify_cases[i].query, got, sizeof got);
        tap_is_str(got, verify_cases[i].want, "verify %s", verify_cases[i].query);
    }
    xapc_reader_destroy(r);
    tap_remove_tree(tmpdir);
}

static void
test_exact(void)
{
    static const struct {
        const char *query;
        int exact;
    } cases[] = {
        { "微软", 1 }, { "微", 1 }, { "微软投资", 0 }, { "a b", 1 }, { "\"a b\"", 0 },
        { "a -\"b c\"", 0 }, { "source:x", 1 }, { "title:微软投资", 0 },
    };
    tok_options_t o;
    tok_options_init(&o);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        srch_query_t q;
        char *err = NULL;
        srch_query_parse(&o, cases[i].query, strlen(cases[i].query), &q, &err);
        tap_is_int(srch_query_exact(&q), cases[i].exact, "exact in the index: %s",
                   cases[i].query);
        q.relaxed = true;
        ok(srch_query_exact(&q), "relaxed %s needs no text check", cases[i].query);
        srch_query_release(&q);
        free(err);
    }
}

int
main(void)
{
    test_chunks();
    test_exact();
    test_verify();
    return tap_done();
}
