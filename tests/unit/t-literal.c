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

/* srch_literal_check() of the first chunk: 1, 0, -1 (unknown); -2 on
 * a setup failure. */
static int
fast_check(const char *query, const char *text)
{
    tok_options_t o;
    tok_options_init(&o);
    srch_query_t q;
    char *err = NULL;
    int fast = -2;
    if (srch_query_parse(&o, query, strlen(query), &q, &err) == CN_OK) {
        srch_plain_text_t pt = SRCH_PLAIN_TEXT_INIT;
        if (q.count)
            fast = srch_literal_check(&o, &q.chunks[0], text, strlen(text), &pt);
        srch_plain_text_release(&pt);
        srch_query_release(&q);
    }
    free(err);
    return fast;
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
        /* （ and ( cut the run unless pinyin may follow them (the
         * pinyin repair drops an annotation); other symbols, full-width
         * forms and letters cut it too. */
        { "微软投资", "微软（周一）投资", 0, 1, 0 },
        { "微软投资", "微软(周一)投资", 0, 1, 0 },
        { "微软投资", "微软（wēi）投资", 0, 0, 1 },
        { "微软投资", "微软(ruan3)投资", 0, 0, 1 },
        { "微软投资", "■微软※投资〜♪→＆１Ａ％é×", 0, 1, 0 },
        { "微软投资", "微软投资■", 1, 0, 1 },
        { "微软投资", "微软投资（周一）", 1, 0, 1 },
        /* '?' between CJK characters or digits may be a lost one. */
        { "微软投资", "微软?投资", 0, 0, 1 },
        { "微软投资", "微软3?投资", 0, 0, 0 },
        { "微软投资", "微软 ? 投资", 0, 1, 0 },
        { "微软投资", "微软？投资", 0, 1, 0 },
        /* What normalises into CJK or a mark is not plain: half-width
         * kana, a circled or parenthesised ideograph, a compatibility
         * ideograph. */
        { "微软投资", "微软\xe3\x88\xa0投资", 0, 0, 0 },
        { "アイ", "ｱｲ", 0, 0, 1 },
        { "投资", "投\xef\xa4\x80资", 0, 0, 0 },
        { "微軟投資", "微软投资人工智能", 1, 0, 1 },   /* the folded literal */
        { "微軟投資", "微軟投資人工智能", 1, 0, 1 },   /* the typed one */
        { "微軟投資", "微软今天宣布投资", 0, 1, 0 },
        /* Folded forms are found by the full check, or on the folded
         * text (fold_check below). */
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
        /* ...also behind a pinyin annotation (found by the random
         * texts below). */
        { "今天微软", "今天微软(ruan3)\xcc\x81", 0, 0, 0 },
        { "今天微软", "今天微软(周)\xcc\x81", 1, 0, 1 },
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
        int fast = fast_check(cases[i].query, cases[i].text);
        ok(fast == -1 || fast == full, "the fast check (%d) agrees: %s in %s", fast,
           cases[i].query, cases[i].text);
        ok(!lit || full, "a literal accept is a match: %s in %s", cases[i].query,
           cases[i].text);
    }
}

/* The fast paths against the tokenizing check on random texts made of
 * the pieces that matter to them: a fast reject must never drop a match,
 * a literal accept never keep a non-match, and highlights found from the
 * literals must be those found from the tokens. Fixed seed: a failure
 * replays. */
static void
test_random(void)
{
    static const char *const pieces[] = {
        "微", "软", "投", "资", "軟", "資", "今天", "か", "な", "ひ", "と", "한", "국", "어",
        "ア", "イ", "ー", "々", "■", "〜", "※", "→", "♪", "（", "）", "＆", "１", "Ａ", "％",
        "？", "、", "。", "(", ")", "?", "a", "z", "3", " ", "(wēi)", "(ruan3)", "（chuàng）",
        "(周)", "\xe3\x82\x99", "\xcc\x81", "\xe1\x86\xab", "\xe2\x80\x8b",
        "\xef\xbb\xbf", "\xef\xbf\xbd", "ｱ", "ｲ", "\xef\xa4\x80", "\xe3\x88\xa0",
        "ˊ", "ㄅ", "é", "゛", "①", "㌔", "時", "时", "間", "间", "國", "国", "家", "後",
    };
    static const char *const queries[] = { "微软投资", "投资", "软投", "かな", "ひとか",
                                           "한국어", "アイ", "微軟投資", "今天微软",
                                           "时间", "國家", "時間後" };
    const size_t np = sizeof pieces / sizeof pieces[0];
    tok_options_t o;
    tok_options_init(&o);
    unsigned long seed = 12345;
    int rejects = 0, accepts = 0, bad_reject = 0, bad_accept = 0, texts = 0, bad_spans = 0;
    int folded = 0;
    size_t spans = 0;
    char first_bad[512] = "", first_bad_span[512] = "";
    for (size_t qi = 0; qi < sizeof queries / sizeof queries[0]; qi++) {
        srch_query_t q;
        char *err = NULL;
        if (srch_query_parse(&o, queries[qi], strlen(queries[qi]), &q, &err) != CN_OK ||
            !q.count) {
            free(err);
            ok(0, "parse %s", queries[qi]);
            continue;
        }
        for (int n = 0; n < 3000; n++) {
            char text[400];
            size_t len = 0;
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            int count = 1 + (int)((seed >> 33) % 12);
            for (int k = 0; k < count; k++) {
                seed = seed * 6364136223846793005UL + 1442695040888963407UL;
                /* Half the time a character of the query, sometimes
                 * all of it. */
                const char *p;
                if ((seed >> 44) % 8 == 0) {
                    p = queries[qi];
                } else if ((seed >> 40) % 2) {
                    p = pieces[(seed >> 20) % np];
                } else {
                    static char one[8];
                    const char *qs = queries[qi];
                    size_t qn = strlen(qs), at = (size_t)((seed >> 24) % qn);
                    while (at > 0 && ((unsigned char)qs[at] & 0xC0) == 0x80)
                        at--;
                    size_t l = 1;
                    while (at + l < qn && ((unsigned char)qs[at + l] & 0xC0) == 0x80)
                        l++;
                    memcpy(one, qs + at, l);
                    one[l] = 0;
                    p = one;
                }
                size_t pl = strlen(p);
                if (len + pl >= sizeof text)
                    break;
                memcpy(text + len, p, pl);
                len += pl;
            }
            text[len] = 0;
            srch_text_t *t = NULL;
            if (srch_text_create(&o, text, len, &t) != CN_OK) {
                ok(0, "tokenize %s", text);
                continue;
            }
            texts++;
            srch_plain_text_t pt = SRCH_PLAIN_TEXT_INIT;
            int fast = srch_literal_check(&o, &q.chunks[0], text, len, &pt);
            srch_plain_text_release(&pt);
            bool lit = fast == 1, absent = fast == 0;
            bool full = srch_text_has_chunk(t, &q.chunks[0]);
            rejects += absent;
            accepts += lit;
            folded += fast >= 0 && !srch_literal_in(&q.chunks[0], text, len) &&
                      srch_literal_plainness(&o, text, len) == SRCH_PLAIN_NO_HAN_FOLD &&
                      !srch_literal_absent(&q.chunks[0], SRCH_PLAIN_NO_HAN_FOLD);
            /* Highlights: an ignorable at the end changes no token but
             * makes the text not plain, so the spans come from the
             * tokens there; they must be the same. */
            char slow[420];
            memcpy(slow, text, len);
            memcpy(slow + len, "\xe2\x80\x8b", 3);
            srch_span_t *fs = NULL, *ss = NULL;
            size_t fn = 0, sn = 0;
            if (srch_query_highlight(&q, &o, text, len, &fs, &fn) != CN_OK ||
                srch_query_highlight(&q, &o, slow, len + 3, &ss, &sn) != CN_OK ||
                fn != sn || (fn && memcmp(fs, ss, fn * sizeof(*fs)) != 0)) {
                bad_spans++;
                if (!first_bad_span[0])
                    snprintf(first_bad_span, sizeof first_bad_span, "%s in '%s' (%zu vs %zu)",
                             queries[qi], text, fn, sn);
            }
            spans += fn;
            free(fs);
            free(ss);
            if ((absent && full) || (lit && !full)) {
                bad_reject += absent && full;
                bad_accept += lit && !full;
                if (!first_bad[0])
                    snprintf(first_bad, sizeof first_bad, "%s in '%s'", queries[qi], text);
            }
            srch_text_destroy(t);
        }
        srch_query_release(&q);
    }
    tap_diag("%d random texts: %d fast accepts, %d fast rejects, %d of them on the folded text",
             texts, accepts, rejects, folded);
    ok(folded > 500, "the folded text answered (%d)", folded);
    ok(bad_reject == 0, "no fast reject of a match (%d) %s", bad_reject, first_bad);
    ok(bad_accept == 0, "no fast accept of a non-match (%d) %s", bad_accept, first_bad);
    ok(rejects > 1000 && accepts > 1000, "both fast paths were taken (%d, %d)", accepts, rejects);
    ok(bad_spans == 0 && spans > 1000,
       "highlights from the literals are those from the tokens (%zu spans, %d differ) %s", spans,
       bad_spans, first_bad_span);
}

int
main(void)
{
    test_make();
    test_in();
    test_random();
    return tap_done();
}
