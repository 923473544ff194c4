/* SPDX-License-Identifier: MIT */
/* t-literal.c - the fast accept and the fast reject of the phrase check
 * (literal.c): which chunks get a literal, that a literal occurrence it
 * accepts is always a match of the tokenizing check (match.c), and that
 * a passage it calls plain and finds no literal in never is. */
#include "literal.h"
#include "match.h"
#include "query.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ok tap_ok

/* The literals of the first chunk of 'query', as "typed|normalised". */
static void
literals_of(const char *query, char *out, size_t len)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    out[0] = '\0';
    if (srch_query_parse(&o, query, strlen(query), &q, &err) == CN_OK && q.count) {
        const srch_chunk_t *c = &q.chunks[0];
        for (int k = 0; k < 2 && c->literal[k]; k++)
            snprintf(out + strlen(out), len - strlen(out), "%s%.*s", k ? "|" : "",
                     (int)c->literal_len[k], c->literal[k]);
        srch_query_release(&q);
    }
    free(err);
}

static void
test_make(void)
{
    static const struct {
        const char *query, *want;
    } cases[] = {
        { "微软投资", "微软投资" },
        { "微軟投資", "微軟投資|微软投资" }, /* as typed, and folded */
        { "ｿﾆｰ製品", "ソニー制品" },        /* half-width kana: the normalised form only */
        { "人々の声", "人々の声" },
        { "한국어", "한국어" },
        { "微软", "" },                      /* one bigram: exact in the index */
        { "微", "" },                        /* a wildcard */
        { "11月", "" },                      /* a run-start element */
        { "\"new york\"", "" },              /* Latin words need their boundaries */
        { "\"微软 投资\"", "" },             /* two runs */
        { "\"微软投资\"~1", "" },            /* a NEAR window */
        { "微软投资。", "微软投资" },        /* punctuation: the normalised run only */
    };
    char got[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        literals_of(cases[i].query, got, sizeof got);
        tap_is_str(got, cases[i].want, "literals of %s", cases[i].query);
    }
}

/* literal: srch_literal_in() on the first chunk; absent: the fast
 * reject as verify.c asks it (after a literal miss); full: the
 * tokenizing check. -1 on a setup failure. */
static void
check(const char *query, const char *text, int *literal, int *absent, int *full)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    srch_text_t *t = NULL;
    *literal = *absent = *full = -1;
    if (srch_query_parse(&o, query, strlen(query), &q, &err) == CN_OK && q.count &&
        srch_text_create(&o, text, strlen(text), &t) == CN_OK) {
        *literal = srch_literal_in(&q.chunks[0], text, strlen(text));
        *absent = !*literal &&
                  srch_literal_absent(&q.chunks[0],
                                      srch_literal_plainness(&o, text, strlen(text)));
        *full = srch_text_has_chunk(t, &q.chunks[0]);
    }
    srch_text_destroy(t);
    if (!err)
        srch_query_release(&q);
    free(err);
}

static void
test_in(void)
{
    static const struct {
        const char *query, *text;
        int literal, absent, full;
    } cases[] = {
        { "微软投资", "今天微软投资人工智能", 1, 0, 1 },
        { "微软投资", "微软投资", 1, 0, 1 },
        { "微软投资", "微软投资。", 1, 0, 1 },
        { "微软投资", "微软投资abc", 1, 0, 1 },
        /* Plain text without the literal: surely no match. */
        { "微软投资", "微软今天宣布投资", 0, 1, 0 },
        { "微软投资", "“微软”今天【周一】宣布……《投资》", 0, 1, 0 },
        /* （ is read as '(' by the pinyin repair: not plain. */
        { "微软投资", "微软（周一）投资", 0, 0, 0 },
        { "微軟投資", "微软投资人工智能", 1, 0, 1 },   /* the folded literal */
        { "微軟投資", "微軟投資人工智能", 1, 0, 1 },   /* the typed one */
        { "微軟投資", "微软今天宣布投资", 0, 1, 0 },
        /* Folded forms are found by the full check only. */
        { "微软投资", "微軟投資人工智能", 0, 0, 1 },
        { "微软投资", "微软投資人工智能", 0, 0, 1 },
        { "ソニー製品", "ｿﾆｰ製品の新型", 0, 0, 1 },
        /* An ideograph that folds cannot make kana or Hangul. */
        { "サービス", "國民のサービ ス", 0, 1, 0 },
        { "한국어", "韓國의 한국 어", 0, 1, 0 },
        /* What the tokenizer's repairs drop from inside a run: a pinyin
         * annotation, a lost character ('?', U+FFFD), an ignorable. */
        { "微软投资", "微软(wēi ruǎn)投资", 0, 0, 1 },
        { "微软投资", "微?软投资", 0, 0, 1 },
        { "微软投资", "微\xef\xbf\xbd软投资", 0, 0, 1 },
        { "微软投资", "微软\xe2\x80\x8b投资", 0, 0, 1 },
        /* A literal occurrence that is no match: the next character
         * joins the last one (か + U+3099 is が; 어 + jamo ᆫ is 언). */
        { "ひとか", "ひとか\xe3\x82\x99み", 0, 0, 0 },
        { "한국어", "한국어\xe1\x86\xab", 0, 0, 0 },
        /* ...also behind an ignorable: the full check decides. */
        { "ひとか", "ひとか\xe2\x80\x8b\xe3\x82\x99み", 0, 0, 0 },
        /* A later occurrence may still be safe. */
        { "ひとか", "ひとか\xe3\x82\x99み、ひとかけら", 1, 0, 1 },
        /* Punctuation after an occurrence of plain text. */
        { "중심으로", "“전문의 중심으로… 비용”", 1, 0, 1 },
        { "중심으로", "전문의 중심으로— 비용·", 1, 0, 1 },
        { "중심으로", "중심으로·비용", 1, 0, 1 },
        { "微软投资", "微软投资《报告》", 1, 0, 1 },
        { "微软投资", "微软投资…", 1, 0, 1 },
        /* Latin words never take the fast paths (boundaries). */
        { "\"new york\"", "renew yorks", 0, 0, 0 },
        { "\"new york\"", "new york", 0, 0, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int lit, absent, full;
        check(cases[i].query, cases[i].text, &lit, &absent, &full);
        tap_is_int(lit, cases[i].literal, "literal %s in %s", cases[i].query, cases[i].text);
        tap_is_int(absent, cases[i].absent, "absent %s in %s", cases[i].query, cases[i].text);
        ok(!absent || !full, "a fast reject is no match: %s in %s", cases[i].query,
           cases[i].text);
        tap_is_int(full, cases[i].full, "full check %s in %s", cases[i].query, cases[i].text);
        ok(!lit || full, "a literal accept is a match: %s in %s", cases[i].query,
           cases[i].text);
    }
}

int
main(void)
{
    test_make();
    test_in();
    return tap_done();
}
