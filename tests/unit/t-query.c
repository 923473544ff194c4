/* SPDX-License-Identifier: MIT */
/* t-query.c - query parsing rules and highlight spans. */
#include "query.h"
#include "buf.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Renders a parsed query as "elem elem* | -elem" for comparison. */
static char *
render(const char *text)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    static char out[512];
    if (srch_query_parse(&o, text, strlen(text), &q, &err) != CN_OK) {
        snprintf(out, sizeof(out), "error: %s", err);
        free(err);
        return out;
    }
    out[0] = '\0';
    for (size_t c = 0; c < q.count; c++) {
        if (c)
            strcat(out, " | ");
        if (q.chunks[c].negated)
            strcat(out, "-");
        for (size_t i = 0; i < q.chunks[c].count; i++) {
            if (i)
                strcat(out, " ");
            strcat(out, q.chunks[c].elems[i].term);
            if (q.chunks[c].elems[i].wildcard)
                strcat(out, "*");
            if (q.chunks[c].elems[i].run_start)
                strcat(out, "^");
        }
    }
    srch_query_release(&q);
    return out;
}

static void
test_parse(void)
{
    is_str(render("微软投资"), "微软 软投 投资", "a CJK run is its bigrams, trailing unigram dropped");
    is_str(render("微軟"), "微软", "folded to simplified");
    is_str(render("微"), "微*", "one character: a prefix wildcard");
    is_str(render("11月"), "11 月^", "a trailing one-character run: run-start term");
    is_str(render("11月19日"), "11 月 19 日^", "dates: digits and single characters");
    is_str(render("模型next"), "模型 型 next", "a run followed by a word keeps its unigram");
    is_str(render("微软 -投资"), "微软 | -投资", "-word negates");
    is_str(render("\"Sam Altman\""), "sam altman", "quoted phrase spans spaces");
    is_str(render("微软\u3000投资"), "微软 | 投资", "ideographic space separates");
    is_str(render("。、！"), "", "punctuation only gives nothing");
    is_str(render("a \"b"), "error: column 3: unterminated quote", "unterminated quote");
    is_str(render("-"), "", "a lone dash is nothing");
    is_str(render("a OR (b c)"), "a | b | c", "leaves of a tree are chunks");
    is_str(render("NOT (a -b)"), "-a | b", "double negation is positive");
    is_str(render("title:微软投资"), "微软 软投 投资", "title: is a chunk");
    is_str(render("date:2023 source:x"), "", "filters are no chunks");
}

/* Query text -> AST dump, or the error with its column. */
static const struct {
    const char *q, *want;
} ast_cases[] = {
    { "微软", "(WORD 微软)" },
    { "a b", "(AND (WORD a) (WORD b))" },
    { "a AND b", "(AND (WORD a) (WORD b))" },
    { "a OR b c", "(OR (WORD a) (AND (WORD b) (WORD c)))" },
    { "a b OR c", "(OR (AND (WORD a) (WORD b)) (WORD c))" },
    { "(a OR b) c", "(AND (OR (WORD a) (WORD b)) (WORD c))" },
    { "a NOT b", "(AND (WORD a) (NOT (WORD b)))" },
    { "-a", "(NOT (WORD a))" },
    { "-(a OR b)", "(NOT (OR (WORD a) (WORD b)))" },
    { "NOT NOT a", "(NOT (NOT (WORD a)))" },
    { "\"Sam Altman\"", "(PHRASE \"Sam Altman\")" },
    { "\"微软 投资\"~3", "(PHRASE~3 \"微软 投资\")" },
    { "title:微软", "(FIELD title 微软)" },
    { "title:\"Sam Altman\"", "(FIELD title Sam Altman)" },
    { "source:Reuters lang:zh-Hant", "(AND (FIELD source Reuters) (FIELD lang zh-Hant))" },
    { "date:2023-11-19", "(FIELD date 2023-11-19)" },
    { "date:2023..2024-02", "(FIELD date 2023..2024-02)" },
    { "date:..2019", "(FIELD date ..2019)" },
    { "and or not", "(AND (WORD and) (WORD or) (WORD not))" },
    { "http://x.y", "(WORD http://x.y)" },
    { "a-b", "(WORD a-b)" },
    { "a - b", "(AND (WORD a) (WORD -) (WORD b))" },
    { "(a)", "(WORD a)" },
    { "", "()" },
    { "   ", "()" },
    { "a\u3000b", "(AND (WORD a) (WORD b))" },
    /* errors: the column of the fault */
    { "a \"b", "error 3: column 3: unterminated quote" },
    { "(a b", "error 1: column 1: '(' is never closed" },
    { "a b)", "error 4: column 4: ')' without '('" },
    { "()", "error 1: column 1: empty parentheses" },
    { "a OR", "error 3: column 3: OR wants a term after it" },
    { "OR a", "error 1: column 1: OR wants a term before it" },
    { "a AND AND b", "error 3: column 3: AND wants a term after it" },
    { "NOT", "error 1: column 1: NOT wants a term after it" },
    { "微软 (", "error 4: column 4: '(' is never closed" },
    { "\"a\"~", "error 4: column 4: '~' wants a number of positions (\"a b\"~3)" },
    { "\"a\"~5000", "error 5: column 5: proximity is at most 1000" },
    { "title:", "error 1: column 1: title: wants a value" },
    { "date:2023-13", "error 6: column 6: date:2023-13: wants a date (YYYY, YYYY-MM, YYYY-MM-DD, 2023年11月19日, November 19, 2023, ...) or a range A..B" },
    { "date:..", "error 6: column 6: date:..: a range wants at least one end" },
    { "date:2024..2023", "error 6: column 6: date:2024..2023: the range ends before it starts" },
    { "date:2023..x", "error 6: column 6: date:2023..x: range ends must be dates (YYYY-MM-DD, 2023年11月19日, ...)" },
};

static void
test_ast(void)
{
    for (size_t i = 0; i < sizeof(ast_cases) / sizeof(ast_cases[0]); i++) {
        srch_node_t *n = NULL;
        size_t col = 0;
        char *err = NULL;
        const char *q = ast_cases[i].q;
        cn_buf_t b = CN_BUF_INIT;
        if (srch_qparse(q, strlen(q), &n, &col, &err) == CN_OK)
            srch_node_dump(n, &b);
        else
            cn_buf_addf(&b, "error %zu: %s", col, err);
        is_str(b.data ? b.data : "", ast_cases[i].want, "ast of '%s'", q);
        cn_buf_release(&b);
        free(err);
        srch_node_destroy(n);
    }
}

static void
test_depth(void)
{
    char deep[4 * SRCH_QPARSE_MAX_DEPTH];
    size_t k = 0;
    for (; k < 2 * SRCH_QPARSE_MAX_DEPTH; k++)
        deep[k] = '(';
    deep[k++] = 'a';
    srch_node_t *n = NULL;
    size_t col = 0;
    char *err = NULL;
    ok(srch_qparse(deep, k, &n, &col, &err) == CN_E_QUERY_SYNTAX && !n && col > 1,
       "deep nesting is an error, not a stack overflow: %s", err ? err : "");
    free(err);
    memset(deep, '-', sizeof(deep) - 1);
    deep[sizeof(deep) - 1] = 'a';
    err = NULL;
    ok(srch_qparse(deep, sizeof(deep), &n, &col, &err) == CN_E_QUERY_SYNTAX,
       "a long run of '-' is bounded too");
    free(err);
}

/* Query text -> xapc_query_describe(). */
static const struct {
    const char *q, *want;
} build_cases[] = {
    { "ab", "Query((ab@1 OR Sab@1))" },
    { "a b", "Query(((a@1 OR Sa@1) AND (b@1 OR Sb@1)))" },
    { "a OR b", "Query(((a@1 OR Sa@1) OR (b@1 OR Sb@1)))" },
    { "a -b", "Query(((a@1 OR Sa@1) AND_NOT (b@1 OR Sb@1)))" },
    { "-b", "Query((<alldocuments> AND_NOT (b@1 OR Sb@1)))" },
    { "a OR -b", "Query(((a@1 OR Sa@1) OR (<alldocuments> AND_NOT (b@1 OR Sb@1))))" },
    { "title:ab", "Query(Sab@1)" },
    /* No positions in the index: a phrase is the AND of its terms there,
     * checked on the text afterwards (verify.c). */
    { "\"a b\"", "Query(((a@1 AND b@2) OR (Sa@1 AND Sb@2)))" },
    { "\"a b\"~3", "Query(((a@1 AND b@2) OR (Sa@1 AND Sb@2)))" },
    /* A phrase under NOT is not excluded on that superset: the text
     * check excludes it. A one-term NOT still is, exactly. */
    { "a -\"b c\"", "Query((a@1 OR Sa@1))" },
    { "a -\"b c\" -d", "Query(((a@1 OR Sa@1) AND_NOT (d@1 OR Sd@1)))" },
    { "-\"b c\"", "Query(<alldocuments>)" },
    { "-\"b c\" -\"d e\"", "Query(<alldocuments>)" },
    { "a OR -\"b c\"", "Query(((a@1 OR Sa@1) OR <alldocuments>))" },
    { "source:Reuters", "Query(0 * XSreuters)" },
    { "lang:ZH-hant", "Query(0 * Lzh-Hant)" },
    { "date:2023-11", "Query((0 * D2023-11 OR (0 * DM2023-11 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
    { "date:2023..2024-02", "Query((VALUE_RANGE 0 2023-01-01 2024-02-31 OR VALUE_RANGE 3 2023-01-01 2024-02-31))" },
    { "date:..2019", "Query((VALUE_LE 0 2019-12-31 OR VALUE_LE 3 2019-12-31))" },
    { "date:2019-05..", "Query((VALUE_GE 0 2019-05-01 OR VALUE_GE 3 2019-05-01))" },
    { "。 ab", "Query((ab@1 OR Sab@1))" },
    { "。", "" },
    { "-。", "" },
};

static void
test_build_table(void)
{
    tok_options_t o;
    tok_options_init(&o);
    for (size_t i = 0; i < sizeof(build_cases) / sizeof(build_cases[0]); i++) {
        const char *t = build_cases[i].q;
        srch_query_t q;
        char *err = NULL, *desc = NULL;
        xapc_query_t *xq = NULL;
        if (srch_query_parse(&o, t, strlen(t), &q, &err) == CN_OK &&
            srch_query_build(&q, &xq, &err) == CN_OK && xq)
            xapc_query_describe(xq, &desc, NULL);
        is_str(desc ? desc : "", build_cases[i].want, "query of '%s'", t);
        free(desc);
        free(err);
        xapc_query_destroy(xq);
        srch_query_release(&q);
    }
}

static void
test_filters(void)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL, *desc = NULL;
    xapc_query_t *xq = NULL;
    ok(srch_query_parse(&o, "ab", 2, &q, &err) == CN_OK, "parse");
    ok(srch_query_add_filter(&q, SRCH_FIELD_DATE, "2023..", 6, &err) == CN_OK, "add date");
    ok(srch_query_add_filter(&q, SRCH_FIELD_SOURCE, "X", 1, &err) == CN_OK, "add source");
    ok(srch_query_add_filter(&q, SRCH_FIELD_DATE, "soon", 4, &err) == CN_E_QUERY_SYNTAX,
       "bad date filter: %s", err ? err : "");
    free(err);
    srch_query_build(&q, &xq, NULL);
    xapc_query_describe(xq, &desc, NULL);
    is_str(desc, "Query((((ab@1 OR Sab@1) AND VALUE_GE 0 2023-01-01) AND 0 * XSx))",
           "filters AND onto the query");
    free(desc);
    xapc_query_destroy(xq);
    srch_query_release(&q);
}

static void
test_build(void)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    const char *t = "微软投资 -股价";
    ok(srch_query_parse(&o, t, strlen(t), &q, &err) == CN_OK, "parse for build");
    xapc_query_t *xq = NULL;
    ok(srch_query_build(&q, &xq, &err) == CN_OK && xq, "build");
    char *desc = NULL;
    xapc_query_describe(xq, &desc, NULL);
    ok(desc && strstr(desc, "(微软@1 AND 软投@2 AND 投资@3)") && strstr(desc, "AND_NOT"),
       "AND of three bigrams, AND_NOT: %s", desc ? desc : "(null)");
    ok(!srch_query_exact(&q), "a phrase of several terms is not exact in the index");
    free(desc);
    xapc_query_destroy(xq);
    srch_query_release(&q);
}

static void
check_hl(const char *query, const char *text, const char *want)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    srch_span_t *spans = NULL;
    size_t n = 0;
    char got[512] = "";
    srch_query_parse(&o, query, strlen(query), &q, &err);
    srch_query_highlight(&q, &o, text, strlen(text), &spans, &n);
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(got);
        snprintf(got + l, sizeof(got) - l, "%s[%.*s]", i ? " " : "",
                 (int)(spans[i].end - spans[i].start), text + spans[i].start);
    }
    is_str(got, want, "highlight '%s' in '%s'", query, text);
    free(spans);
    srch_query_release(&q);
}

static void
test_highlight(void)
{
    check_hl("微软", "微軟和微软", "[微軟] [微软]");
    check_hl("微软投资", "微软投资，微软的投资", "[微软投资]");
    check_hl("微", "微软稍微", "[微] [微]");
    check_hl("ＯｐｅｎＡＩ", "OpenAI and openai", "[OpenAI] [openai]");
    check_hl("纳德拉 微软", "微软CEO纳德拉", "[微软] [纳德拉]");
    check_hl("不在", "完全没有", "");
    check_hl("11月", "11月份和11月", "[11月] [11月]");
    check_hl("A股", "A股市场", "[A股]");
}

/* A small dictionary for the entity tests. */
static const char test_dict_yaml[] =
    "entities:\n"
    "  - id: sam-altman\n"
    "    type: person\n"
    "    aliases: [奥特曼, 阿尔特曼, Sam Altman]\n"
    "  - id: microsoft\n"
    "    type: org\n"
    "    aliases: [微软, Microsoft]\n";

/* Query text with the test dictionary -> description, or "error: ...". */
static char *
describe_dict(const ent_dict_t *d, const char *text)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL, *desc = NULL;
    xapc_query_t *xq = NULL;
    cn_status_t st = srch_query_parse_dict(&o, d, text, strlen(text), &q, &err);
    if (st != CN_OK) {
        cn_buf_t b = CN_BUF_INIT;
        cn_buf_addf(&b, "error %zu: %s", q.error_column, err ? err : "?");
        free(err);
        return cn_buf_detach(&b, NULL);
    }
    if (srch_query_build(&q, &xq, &err) == CN_OK && xq)
        xapc_query_describe(xq, &desc, NULL);
    free(err);
    xapc_query_destroy(xq);
    srch_query_release(&q);
    return desc ? desc : strdup("");
}

static const struct {
    const char *q, *want;
} dict_cases[] = {
    { "person:sam-altman", "Query((0 * Psam-altman AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))))" },
    { "person:奧特曼", "Query((0 * Psam-altman AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))))" },
    { "org:微軟", "Query((0 * Omicrosoft AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))))" },
    { "org:MICROSOFT", "Query((0 * Omicrosoft AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))))" },
    { "ab person:谁谁谁", "error 4: column 4: person:谁谁谁: no such person in the entity dictionary" },
    { "org:sam-altman", "error 1: column 1: org:sam-altman: 'sam-altman' is a person, not an org" },
    /* the word as typed, the entity term, the other aliases weighted */
    { "奥特曼", "Query((((奥特@1 AND 特曼@2) OR (S奥特@1 AND S特曼@2)) OR (0 * Psam-altman AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))) "
               "OR 2 * (((阿尔@1 AND 尔特@2 AND 特曼@3) OR (S阿尔@1 AND S尔特@2 AND S特曼@3)) SYNONYM "
               "((sam@1 AND altman@2) OR (Ssam@1 AND Saltman@2)))))" },
    /* a quoted phrase and a part of an alias are not expanded */
    { "\"奥特曼\"", "Query(((奥特@1 AND 特曼@2) OR (S奥特@1 AND S特曼@2)))" },
    { "altman", "Query((altman@1 OR Saltman@1))" },
};

static void
test_entities(void)
{
    ent_dict_t *d = NULL;
    char *err = NULL;
    ok(ent_dict_create(NULL, &d) == CN_OK &&
           ent_dict_load_buffer(d, "test.yaml", test_dict_yaml, strlen(test_dict_yaml), &err) ==
               CN_OK,
       "test dictionary loads %s", err ? err : "");
    free(err);
    for (size_t i = 0; i < sizeof(dict_cases) / sizeof(dict_cases[0]); i++) {
        char *got = describe_dict(d, dict_cases[i].q);
        is_str(got, dict_cases[i].want, "with dictionary: '%s'", dict_cases[i].q);
        free(got);
    }
    char *got = describe_dict(NULL, "person:sam-altman");
    is_str(got, "Query((0 * Psam-altman AND PostingSource(Xapian::FixedWeightPostingSource(wt=8))))", "no dictionary: an id still works");
    free(got);
    got = describe_dict(NULL, "person:奥特曼");
    ok(strstr(got, "needs the entity dictionary") != NULL, "no dictionary: an alias is an error: %s",
       got);
    free(got);

    /* the other aliases are highlighted, also in relaxed mode */
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    const char *text = "微软延揽阿尔特曼，Sam Altman说";
    srch_span_t *spans = NULL;
    size_t n = 0;
    for (int relaxed = 0; relaxed < 2; relaxed++) {
        ok(srch_query_parse_dict(&o, d, "奥特曼", strlen("奥特曼"), &q, NULL) == CN_OK, "parse");
        q.relaxed = relaxed;
        srch_query_highlight(&q, &o, text, strlen(text), &spans, &n);
        char hl[256] = "";
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(hl);
            snprintf(hl + l, sizeof(hl) - l, "%s[%.*s]", i ? " " : "",
                     (int)(spans[i].end - spans[i].start), text + spans[i].start);
        }
        is_str(hl, "[阿尔特曼] [Sam Altman]",
               "aliases highlighted (relaxed %d)", relaxed);
        free(spans);
        srch_query_release(&q);
    }
    ent_dict_destroy(d);
}

/* Scripted filters with the tokenizer and the dictionary: the same terms
 * as the query language, errors without a column. */
static void
test_filters_dict(void)
{
    ent_dict_t *d = NULL;
    char *err = NULL, *desc = NULL;
    ok(ent_dict_create(NULL, &d) == CN_OK &&
           ent_dict_load_buffer(d, "test.yaml", test_dict_yaml, strlen(test_dict_yaml), &err) ==
               CN_OK,
       "test dictionary loads");
    free(err);
    err = NULL;
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    xapc_query_t *xq = NULL;
    ok(srch_query_parse(&o, "ab", 2, &q, &err) == CN_OK, "parse");
    ok(srch_query_add_filter_dict(&q, &o, d, SRCH_FIELD_TITLE, "微軟", strlen("微軟"), &err) ==
           CN_OK, "add title");
    ok(srch_query_add_filter_dict(&q, &o, d, SRCH_FIELD_PERSON, "奧特曼", strlen("奧特曼"), &err) ==
           CN_OK, "add person by alias");
    ok(srch_query_add_filter_dict(&q, &o, NULL, SRCH_FIELD_ORG, "microsoft", 9, &err) == CN_OK,
       "add org by id without a dictionary");
    srch_query_build(&q, &xq, NULL);
    xapc_query_describe(xq, &desc, NULL);
    is_str(desc, "Query(((((ab@1 OR Sab@1) AND S微软@1) AND (0 * Psam-altman AND "
           "PostingSource(Xapian::FixedWeightPostingSource(wt=8)))) AND (0 * Omicrosoft AND "
           "PostingSource(Xapian::FixedWeightPostingSource(wt=8)))))",
           "title scores in the title, person/org filter");
    free(desc);
    xapc_query_destroy(xq);
    srch_query_release(&q);

    ok(srch_query_parse(&o, "ab", 2, &q, &err) == CN_OK, "parse");
    ok(srch_query_add_filter_dict(&q, &o, d, SRCH_FIELD_PERSON, "谁谁谁", strlen("谁谁谁"), &err) ==
           CN_E_QUERY_SYNTAX, "unknown person: error");
    is_str(err, "person:谁谁谁: no such person in the entity dictionary", "no column in the message");
    free(err);
    err = NULL;
    ok(srch_query_add_filter_dict(&q, &o, d, SRCH_FIELD_ORG, "sam-altman", 10, &err) ==
           CN_E_QUERY_SYNTAX, "a person as org: error (%s)", err ? err : "");
    free(err);
    err = NULL;
    ok(srch_query_add_filter_dict(&q, &o, d, SRCH_FIELD_TITLE, "", 0, &err) == CN_E_QUERY_SYNTAX,
       "empty value: error (%s)", err ? err : "");
    free(err);
    err = NULL;
    ok(srch_query_add_filter(&q, SRCH_FIELD_TITLE, "x", 1, &err) == CN_E_QUERY_SYNTAX,
       "title without the tokenizer: refused (%s)", err ? err : "");
    free(err);
    srch_query_release(&q);
    ent_dict_destroy(d);
}

/* Dates typed in any supported form become the same terms. */
static void
test_date_forms(void)
{
    static const struct {
        const char *q, *want;
    } cases[] = {
        { "date:2023年11月19日", "Query((0 * D2023-11-19 OR (0 * DM2023-11-19 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:令和5年11月19日", "Query((0 * D2023-11-19 OR (0 * DM2023-11-19 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:\"2023년 11월 19일\"", "Query((0 * D2023-11-19 OR (0 * DM2023-11-19 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:\"November 19, 2023\"", "Query((0 * D2023-11-19 OR (0 * DM2023-11-19 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:2023年11月", "Query((0 * D2023-11 OR (0 * DM2023-11 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:2023/11/19", "Query((0 * D2023-11-19 OR (0 * DM2023-11-19 AND PostingSource(Xapian::FixedWeightPostingSource(wt=6)))))" },
        { "date:2023年11月17日..2023年11月20日",
          "Query((VALUE_RANGE 0 2023-11-17 2023-11-20 OR VALUE_RANGE 3 2023-11-17 2023-11-20))" },
        { "date:2016年至2020年",
          "Query((VALUE_RANGE 0 2016-01-01 2020-12-31 OR VALUE_RANGE 3 2016-01-01 2020-12-31))" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = describe_dict(NULL, cases[i].q);
        is_str(got, cases[i].want, "date form '%s'", cases[i].q);
        free(got);
    }
    char *got = describe_dict(NULL, "date:11月19日");
    ok(strncmp(got, "error 6: column 6: date:11月19日: wants a date", 45) == 0,
       "a date without a year is refused: %s", got);
    free(got);
}

int
main(void)
{
    test_entities();
    test_date_forms();
    test_parse();
    test_ast();
    test_depth();
    test_build();
    test_build_table();
    test_filters();
    test_filters_dict();
    test_highlight();
    return tap_done();
}
