/* SPDX-License-Identifier: MIT */
/* t-dateline.c - dates in fields and datelines; HTML extraction. */
#include "dateline.h"
#include "html.h"
#include "tap.h"

#include <string.h>

static const struct {
    const char *in;
    unsigned flags;
    const char *want; /* "" = no date */
} cases[] = {
    { "2023年11月20日 新華社電", 0, "2023-11-20" },
    { "【2023年 1月 2日】", 0, "2023-01-02" },
    { "2024년 3월 5일 서울", 0, "2024-03-05" },
    { "東京 2023-11-20 共同", 0, "2023-11-20" },
    { "(2023.11.20) 記者", 0, "2023-11-20" },
    { "(20220924)", 0, "2022-09-24" },
    { "No 20220924 bare", 0, "" },
    { "/realtime/china/story20230130-1357871", IDX_DATE_COMPACT, "2023-01-30" },
    { "Thu, 10 Mar 1994 15:00:00 +0000", 0, "1994-03-10" },
    { "https://www.chosun.com/national/2021/03/16/X/", 0, "2021-03-16" },
    { "2023-02-30", 0, "" },
    { "12023-11-20", 0, "" },
    { "web/20230326111606/", IDX_DATE_COMPACT, "" },
    { "共有300人参加", 0, "" },
    { "2023年11月", 0, "" },
};

int
main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cn_buf_t out = CN_BUF_INIT;
        idx_date_find(cases[i].in, strlen(cases[i].in), cases[i].flags, &out);
        tap_is_str(out.data, cases[i].want, "date in '%s'", cases[i].in);
        cn_buf_release(&out);
    }
    cn_buf_t d = CN_BUF_INIT;
    cn_buf_addstr(&d, "Thu, 10 Mar 1994 15:00:00 +0000");
    idx_date_from_field(&d);
    tap_is_str(d.data, "1994-03-10", "RFC 2822 field");
    cn_buf_clear(&d);
    cn_buf_addstr(&d, "soon");
    idx_date_from_field(&d);
    tap_is_str(d.data, "", "no date stays unknown");
    cn_buf_release(&d);

    static const char page[] =
        "<html><head><title>Site | T</title>"
        "<link rel=canonical href=\"https://x.example/a\">"
        "<meta name=pubdate content=\"2020-01-02\"></head><body>"
        "<header>LOGO</header><nav>Home</nav><h1>Head &amp; line</h1>"
        "<div><p>One&nbsp;two</p><p>三</p></div><aside>ad</aside>"
        "<footer>(c)</footer><style>p{}</style></body></html>";
    idx_html_t h;
    idx_html_init(&h);
    tap_ok(idx_html_extract(page, strlen(page), &h) == CN_OK, "html parses");
    tap_is_str(h.title.data, "Site | T", "<title> without og:title");
    tap_is_str(h.text.data, "Head & line\nOne\xc2\xa0two\n\xe4\xb8\x89", "main text blocks");
    tap_is_str(h.date.data, "2020-01-02", "meta pubdate");
    tap_is_str(h.url.data, "https://x.example/a", "canonical url");
    idx_html_release(&h);

    cn_buf_t t = CN_BUF_INIT;
    const char *esc = "&lt;p&gt;a&amp;amp;b&lt;br&gt;c&lt;/p&gt;";
    idx_html_to_text(esc, strlen(esc), 0, &t);
    tap_is_str(t.data, "<p>a&amp;b<br>c</p>", "first pass unescapes");
    cn_buf_t t2 = CN_BUF_INIT;
    idx_html_to_text(t.data, t.len, 0, &t2);
    tap_is_str(t2.data, "a&b\nc", "second pass drops tags");
    cn_buf_release(&t);
    cn_buf_release(&t2);
    return tap_done();
}
