/* SPDX-License-Identifier: MIT */
/* t-clean.c - boilerplate line rules and duplicate keys, on handmade text. */
#include "article.h"
#include "clean.h"
#include "dedup.h"
#include "tap.h"
#include "tokenizer.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *line;
    const char *reason; /* NULL: kept */
} lines[] = {
    { "微软宣布向人工智能公司追加投资，市场反应积极。", NULL },
    { "OpenAI-微软", NULL },
    { "2024-2028年发展规划", NULL },
    { "首页 - 新闻 - 体育 - 财经 - 娱乐", "short-segment list" },
    { "视频甲-视频乙-社区丙-在线丁-软件戊", "short-segment list" },
    { "首页 | 新闻 | 体育 | 财经", "short-segment list" },
    { "http://example.com/a/b/c http://example.com/d", "link density" },
    { "更多：https://example.com/news/2024/01/01/article-123456.html", "link density" },
    /* Prose with long links in it (Markdown, archived URLs) stays. */
    { "據報道，[微軟](https://web.archive.org/web/20231120000000/https://example.com/about/"
      "microsoft-corporation) 週一宣布聘請前OpenAI執行長奧特曼領導新的人工智能研究團隊，"
      "[詳見原文](https://web.archive.org/web/20231120000000/https://example.com/news/2023/11/20/"
      "altman-joins-microsoft.html)",
      NULL },
    /* Short labels between links are still a link list. */
    { "新闻一 https://example.com/a/2024/01/01/1.html 新闻二 https://example.com/a/2024/01/01/2.html "
      "新闻三 https://example.com/a/2024/01/01/3.html", "link density" },
    { "![博客 | 某甲](https://web.archive.org/web/20210712002335im_/https://example.com/"
      "uploads/avatars/6c8287d1-8acf-425a-9ebe-f4dfc29c2c06.png?1988588415)", "link density" },
    /* One linked headline is a teaser, however long the headline. */
    { "[微軟聘請奧特曼領導新的人工智能團隊，OpenAI董事會面臨員工聯名信壓力](https://web.archive.org/web/"
      "20231120000000/https://example.com/article/13457/%E5%BE%AE%E8%BB%9F-%E5%A5%A7)",
      "link density" },
    { "![博客 | 一位寫了很多年時事評論的專欄作者的個人頭像](https://web.archive.org/web/20210712020401im_/"
      "https://example.com/uploads/avatars/36892c70-d433-488e-8c94-aaffe3d1d930.png)",
      "link density" },
    { "责任编辑：张三", "boilerplate phrase" },
    { "本文来自微信公众号：某某（ID：abc）", "boilerplate phrase" },
    { "Copyright 2024 Example Inc. All rights reserved", "boilerplate phrase" },
    { "我是创始人：给自己产品做个广告，点击进来看看。", "boilerplate phrase" },
    { "（完）", "boilerplate line" },
    { "  (完)  ", "boilerplate line" },
    { "a/b/c/d/e/f/g/h/i", "short-segment list" },
    { "", NULL },
};

static void
test_lines(void)
{
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        const char *got = idx_clean_line_reason(lines[i].line, strlen(lines[i].line));
        is_str(got ? got : "(kept)", lines[i].reason ? lines[i].reason : "(kept)", "'%s'",
               lines[i].line);
    }
}

static void
clean(idx_cleaner_t *c, idx_article_t *a, const char *source, const char *title,
      const char *body, size_t *dropped)
{
    idx_article_clear(a);
    cn_buf_addstr(&a->source, source);
    cn_buf_addstr(&a->title, title);
    cn_buf_addstr(&a->body, body);
    ok(idx_cleaner_article(c, a, NULL, NULL, dropped) == CN_OK, "cleaned");
}

static void
test_articles(void)
{
    idx_cleaner_t *c;
    idx_article_t a;
    size_t dropped = 0;
    idx_article_init(&a);
    ok(idx_cleaner_create(&c) == CN_OK, "cleaner created");

    clean(c, &a, "s", "视频甲-视频乙-社区丙-在线丁-软件戊",
          "真正的标题\n第一段正文，内容足够长。\n第二段正文，也足够长。", &dropped);
    is_str(a.title.data, "真正的标题", "a spam title gives way to the first short line");
    is_str(a.body.data, "第一段正文，内容足够长。\n第二段正文，也足够长。",
           "which leaves the body");
    is_int((long long)dropped, 1, "one line dropped");

    dropped = 0;
    clean(c, &a, "s", "标题",
          "第一段正文，内容足够长。\n第二段正文，也足够长。\n\n第一段正文，内容足够长。\n"
          "第二段正文，也足够长。",
          &dropped);
    is_str(a.body.data, "第一段正文，内容足够长。\n第二段正文，也足够长。",
           "the same text pasted twice is kept once");
    is_int((long long)dropped, 2, "two repeated lines dropped");

    dropped = 0;
    clean(c, &a, "s", "标题",
          "第一段正文，内容足够长。\n第二段正文，也足够长。\n第三段。\n相关推荐\n"
          "别的文章的标题\n又一篇别的文章",
          &dropped);
    is_str(a.body.data, "第一段正文，内容足够长。\n第二段正文，也足够长。\n第三段。",
           "a footer marker late in the body drops what follows");
    is_int((long long)dropped, 3, "three footer lines dropped");

    dropped = 0;
    clean(c, &a, "s", "标题", "本文来自一位读者的投稿，经过整理。\n正文第二段在这里，比较长。\n第三段。", &dropped);
    is_int((long long)dropped, 0, "a footer phrase early in the body drops nothing");

    /* A line in IDX_CLEAN_REPEAT_DOCS documents of a source is then dropped. */
    for (int i = 0; i < IDX_CLEAN_REPEAT_DOCS; i++) {
        dropped = 0;
        char body[128];
        snprintf(body, sizeof(body), "第%d篇的正文，各不相同。\n欢迎订阅本站早报", i);
        clean(c, &a, "站点", "标题", body, &dropped);
        is_int((long long)dropped, 0, "document %d keeps the shared line", i);
    }
    dropped = 0;
    clean(c, &a, "站点", "标题", "又一篇的正文，也不相同。\n欢迎订阅本站早报", &dropped);
    is_str(a.body.data, "又一篇的正文，也不相同。", "then the shared line is dropped");
    dropped = 0;
    clean(c, &a, "别的站点", "标题", "别处的正文。\n欢迎订阅本站早报", &dropped);
    is_int((long long)dropped, 0, "but only for that source");

    idx_cleaner_destroy(c);
    idx_article_release(&a);
}

static int
distance(uint64_t a, uint64_t b)
{
    int n = 0;
    for (uint64_t x = a ^ b; x; x &= x - 1)
        n++;
    return n;
}

/* Writes into buf a text of 200 three-syllable Hangul words: two stem
 * syllables that depend on 'which', then one of five endings. */
static void
korean_like(char *buf, size_t size, int which)
{
    static const unsigned endings[] = {0xB2E4, 0xC744, 0xB294, 0xC5D0, 0xC758}; /* 다을는에의 */
    size_t len = 0;
    uint32_t x = which ? 0x9E3779B9u : 0x7F4A7C15u;
    for (int w = 0; w < 200 && len + 16 < size; w++) {
        unsigned cps[3];
        for (int i = 0; i < 2; i++) {
            x = x * 1664525u + 1013904223u;
            cps[i] = 0xAC00 + (x >> 8) % 11172;
        }
        cps[2] = endings[w % 5];
        for (int i = 0; i < 3; i++) {
            buf[len++] = (char)(0xE0 | (cps[i] >> 12));
            buf[len++] = (char)(0x80 | ((cps[i] >> 6) & 0x3F));
            buf[len++] = (char)(0x80 | (cps[i] & 0x3F));
        }
        buf[len++] = ' ';
    }
    buf[len] = 0;
}

static void
test_keys(void)
{
    tok_options_t o;
    tok_options_init(&o);
    const char *t1 = "微软宣布向人工智能公司追加投资一百亿美元，市场反应积极，股价上涨。"
                     "分析人士认为，这笔交易将加速云计算业务的发展。";
    const char *t2 = "微软宣布向人工智能公司追加投資一百亿美元，市场反应积极，股价上涨。"
                     "分析人士认为，这笔交易将加速云计算业务的发展。";
    const char *t3 = "微软宣布向人工智能公司追加投资一百亿美元，市场反应积极，股价上扬。"
                     "分析人士认为，这笔交易将加速云计算业务的发展。";
    const char *t4 = "东京股市周一收盘下跌，日经指数跌幅超过百分之二，"
                     "汽车和电子类股票领跌，投资者担心出口放缓。";
    uint64_t s1, e1, s2, e2, s3, e3, s4, e4;
    size_t n1, n2, n3, n4;
    idx_dedup_keys(&o, t1, strlen(t1), &s1, &e1, &n1);
    idx_dedup_keys(&o, t2, strlen(t2), &s2, &e2, &n2);
    idx_dedup_keys(&o, t3, strlen(t3), &s3, &e3, &n3);
    idx_dedup_keys(&o, t4, strlen(t4), &s4, &e4, &n4);
    ok(n1 >= IDX_DEDUP_MIN_TERMS, "enough terms for near matching (%zu)", n1);
    ok(e1 == e2 && s1 == s2, "traditional and simplified spellings are exact duplicates");
    ok(e1 != e3, "one word changed: not exact");
    ok(distance(s1, s3) <= 8, "but near (distance %d)", distance(s1, s3));
    ok(distance(s1, s4) > 10, "another text is far (distance %d)", distance(s1, s4));

    /* Two unrelated texts in the shape of Korean news: every word ends in
     * one of a few particles or endings (다 을 는 에 의), indexed as run-end
     * unigrams, while the stems differ. Counted at every occurrence, the
     * endings outweighed the stems and such texts came within 3 bits of
     * each other (docs/bench.md: 149 of 174 Korean copies in the bench
     * corpus were other articles). */
    char k1[8192], k2[8192];
    korean_like(k1, sizeof(k1), 0);
    korean_like(k2, sizeof(k2), 1);
    uint64_t sk1, ek1, sk2, ek2;
    size_t nk1, nk2;
    idx_dedup_keys(&o, k1, strlen(k1), &sk1, &ek1, &nk1);
    idx_dedup_keys(&o, k2, strlen(k2), &sk2, &ek2, &nk2);
    ok(nk1 >= IDX_DEDUP_MIN_TERMS && nk2 >= IDX_DEDUP_MIN_TERMS, "Korean-like: enough terms");
    ok(distance(sk1, sk2) > 10, "two unrelated Korean-like texts are far (distance %d)",
       distance(sk1, sk2));
}

int
main(void)
{
    test_lines();
    test_articles();
    test_keys();
    return tap_done();
}
