/* SPDX-License-Identifier: MIT */
/* t-query.c - query parsing rules and highlight spans. */
#include "query.h"
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
    ok(desc && strstr(desc, "PHRASE 3") && strstr(desc, "AND_NOT"),
       "phrase of three bigrams, AND_NOT: %s", desc ? desc : "(null)");
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

int
main(void)
{
    test_parse();
    test_build();
    test_highlight();
    return tap_done();
}
