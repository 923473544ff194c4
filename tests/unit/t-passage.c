/* SPDX-License-Identifier: MIT */
/* t-passage.c - passage splitting, article ids and date normalisation. */
#include "article.h"
#include "passage.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

static void
check_split(const char *body, size_t min, size_t max, const char *const *want,
            size_t nwant, const char *what)
{
    idx_passages_t p = IDX_PASSAGES_INIT;
    idx_passages_split(&p, body, strlen(body), min, max);
    int good = is_int((long long)p.count, (long long)nwant, "%s: passage count", what);
    for (size_t i = 0; good && i < nwant; i++)
        tap_is_mem(body + p.spans[i].off, p.spans[i].len, want[i], strlen(want[i]),
                   "%s: passage %zu", what, i);
    idx_passages_release(&p);
}

static void
test_split(void)
{
    const char *a[] = { "第一段很长的文字内容。", "第二段。" };
    check_split("第一段很长的文字内容。\n\n  第二段。  \n", 1, 100, a, 2,
                "paragraphs, blank lines and spaces trimmed");

    const char *b[] = { "短。\n也短。\n第三段比较长一些的文字。" };
    check_split("短。\n也短。\n第三段比较长一些的文字。", 10, 100, b, 1,
                "short paragraphs join the next");

    const char *c[] = { "一二三四五。", "六七八九十。", "甲乙。" };
    check_split("一二三四五。六七八九十。甲乙。", 1, 8, c, 3,
                "long paragraphs cut after sentence ends");

    const char *d[] = { "“你好。”", "他说。" };
    check_split("“你好。”他说。", 1, 5, d, 2, "closing quotes stay with their sentence");

    const char *e[] = { "abcdefghij", "klm" };
    check_split("abcdefghijklm", 1, 10, e, 2, "no sentence end: cut at the limit");

    const char *f[] = { "Pi is 3.14 today. ", "Next." };
    (void)f;
    idx_passages_t p = IDX_PASSAGES_INIT;
    idx_passages_split(&p, "", 0, 1, 10);
    is_int((long long)p.count, 0, "empty body gives no passage");
    idx_passages_split(&p, "\n\n \n\u3000\n", strlen("\n\n \n\u3000\n"), 1, 10);
    is_int((long long)p.count, 0, "whitespace-only body (incl. U+3000) gives no passage");
    const char *text = "混合语言 text. 第二句话！Third sentence? 结束。";
    idx_passages_split(&p, text, strlen(text), 1, 12);
    int inside = 1;
    for (size_t i = 0; i < p.count; i++)
        if (p.spans[i].off + p.spans[i].len > strlen(text))
            inside = 0;
    ok(inside && p.count >= 3, "cut passages stay inside the body (%zu)", p.count);
    idx_passages_release(&p);
}

static void
check_date(const char *in, const char *want)
{
    cn_buf_t b = CN_BUF_INIT;
    cn_buf_addstr(&b, in);
    idx_date_normalize(&b);
    is_str(b.data, want, "date '%s' -> '%s'", in, want);
    cn_buf_release(&b);
}

static void
test_dates(void)
{
    check_date("2023-11-19", "2023-11-19");
    check_date("2023/11/9", "2023-11-09");
    check_date("2023.1.2", "2023-01-02");
    check_date("20231119", "2023-11-19");
    check_date("2012-09-04T14:00:00+0900", "2012-09-04");
    check_date(" 2023-11-19 10:00", "2023-11-19");
    check_date("yesterday", "");
    check_date("2023-13-01", "");
    check_date("2023-11", "");
    check_date("202311190", "");
    check_date("", "");
}

static void
test_ids(void)
{
    idx_article_t a;
    idx_article_init(&a);
    cn_buf_addstr(&a.url, "https://example.com/x");
    idx_article_ensure_id(&a);
    is_str(a.id.data, "https://example.com/x", "id falls back to the URL");
    idx_article_clear(&a);
    cn_buf_addstr(&a.title, "标题");
    cn_buf_addstr(&a.body, "正文");
    idx_article_ensure_id(&a);
    char first[64];
    snprintf(first, sizeof(first), "%s", a.id.data);
    ok(strncmp(first, "h:", 2) == 0 && strlen(first) == 18, "else a content hash (%s)", first);
    idx_article_clear(&a);
    cn_buf_addstr(&a.title, "标题");
    cn_buf_addstr(&a.body, "正文");
    idx_article_ensure_id(&a);
    is_str(a.id.data, first, "the hash is stable");
    cn_buf_clear(&a.id);
    cn_buf_addstr(&a.body, "!");
    idx_article_ensure_id(&a);
    ok(strcmp(a.id.data, first) != 0, "and changes with the text");
    cn_buf_clear(&a.id);
    cn_buf_addstr(&a.id, "given");
    idx_article_ensure_id(&a);
    is_str(a.id.data, "given", "a record id wins");
    idx_article_release(&a);
}

int
main(void)
{
    test_split();
    test_dates();
    test_ids();
    return tap_done();
}
