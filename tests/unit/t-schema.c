/* SPDX-License-Identifier: MIT */
/* t-schema.c - the stored passage record, id terms and the article key. */
#include "schema.h"
#include "tap.h"

#include <string.h>

int
main(void)
{
    cn_record_t r = { "a1", 2, "标题", 6, "2023-11-19", 10, "src", 3, "", 0, "zh", 2,
                      "正文\n第二行", 16, 7, false };
    cn_buf_t b = CN_BUF_INIT;
    cn_record_encode(&r, false, &b);
    cn_record_t d;
    ok(cn_record_decode(b.data, b.len, &d) == CN_OK, "a record decodes");
    tap_is_mem(d.article_id, d.article_id_len, "a1", 2, "article id");
    tap_is_mem(d.title, d.title_len, "标题", 6, "title");
    tap_is_mem(d.date, d.date_len, "2023-11-19", 10, "date");
    tap_is_mem(d.url, d.url_len, "", 0, "empty url");
    tap_is_mem(d.text, d.text_len, "正文\n第二行", 16, "text");
    is_int(d.passage_no, 7, "passage number");
    ok(!d.shared, "a version 3 record holds its article's fields");
    ok(cn_record_inherit(&d, &d) == CN_OK, "and inherits nothing");

    /* The shared layout (schema 5): passage 0 holds the article's id, title
     * and URL, a later passage leaves them to it. */
    cn_record_t p0 = r;
    p0.passage_no = 0;
    p0.url = "http://x/1";
    p0.url_len = 10;
    cn_buf_t b0 = CN_BUF_INIT, b1 = CN_BUF_INIT;
    cn_record_encode(&p0, true, &b0);
    cn_record_encode(&r, true, &b1);
    is_int(b0.data[0], '4', "shared layout: record version 4");
    ok(b1.len + 2 + 6 + 10 == b0.len, "a later passage leaves out id, title and URL (%zu vs %zu)",
       b1.len, b0.len);
    cn_record_t d0, d1;
    ok(cn_record_decode(b0.data, b0.len, &d0) == CN_OK && !d0.shared, "passage 0 decodes, whole");
    tap_is_mem(d0.title, d0.title_len, "标题", 6, "with its title");
    ok(cn_record_decode(b1.data, b1.len, &d1) == CN_OK && d1.shared, "passage 7 decodes, shared");
    ok(d1.article_id_len == 0 && d1.title_len == 0 && d1.url_len == 0,
       "with no id, title or URL of its own");
    tap_is_mem(d1.date, d1.date_len, "2023-11-19", 10, "but its date");
    tap_is_mem(d1.source, d1.source_len, "src", 3, "source");
    tap_is_mem(d1.lang, d1.lang_len, "zh", 2, "language");
    tap_is_mem(d1.text, d1.text_len, "正文\n第二行", 16, "and text");
    is_int(d1.passage_no, 7, "passage number");
    ok(cn_record_inherit(&d1, &d1) == CN_E_DB_CORRUPT, "a later passage is no passage 0");
    ok(cn_record_inherit(&d1, &d0) == CN_OK && !d1.shared, "inherits from passage 0");
    tap_is_mem(d1.article_id, d1.article_id_len, "a1", 2, "its article id");
    tap_is_mem(d1.title, d1.title_len, "标题", 6, "title");
    tap_is_mem(d1.url, d1.url_len, "http://x/1", 10, "and URL");
    cn_buf_release(&b0);
    cn_buf_release(&b1);

    ok(cn_record_decode("2\0", 2, &d) == CN_E_DB_CORRUPT, "another schema is refused");
    ok(cn_record_decode("5\0" "1\0\0\0\0\0\0\0x", 14, &d) == CN_E_DB_CORRUPT,
       "an unknown record version is refused");
    ok(cn_record_decode("1\0x\0", 4, &d) == CN_E_DB_CORRUPT, "a bad number is refused");
    ok(cn_record_decode(b.data, 10, &d) == CN_E_DB_CORRUPT, "a truncated record is refused");
    ok(cn_record_decode("", 0, &d) == CN_E_DB_CORRUPT, "empty data is refused");

    cn_buf_clear(&b);
    cn_id_term(&b, "Q", "abc", 3, "#0");
    is_str(b.data, "Qabc#0", "short ids are kept as they are");
    char longid[600];
    memset(longid, 'x', sizeof(longid));
    memcpy(longid + 150, "微软微软微软", 18);
    cn_buf_clear(&b);
    cn_id_term(&b, "A", longid, sizeof(longid), NULL);
    ok(b.len < 245, "long ids give terms under Xapian's limit (%zu)", b.len);
    cn_buf_t b2 = CN_BUF_INIT;
    longid[599] = 'y';
    cn_id_term(&b2, "A", longid, sizeof(longid), NULL);
    ok(strcmp(b.data, b2.data) != 0, "long ids differing at the end give different terms");
    cn_buf_release(&b);
    cn_buf_release(&b2);

    /* The article key is part of the index format: FNV-1a 64 ("a" is
     * 0xaf63dc4c8601ec8c, "" the offset basis), big-endian, so that
     * byte order is numeric order. */
    unsigned char key[CN_ARTICLE_KEY_LEN];
    cn_article_key("a", 1, key);
    tap_is_mem((const char *)key, sizeof key, "\xaf\x63\xdc\x4c\x86\x01\xec\x8c", 8,
               "article key of \"a\"");
    cn_article_key("", 0, key);
    tap_is_mem((const char *)key, sizeof key, "\xcb\xf2\x9c\xe4\x84\x22\x23\x25", 8,
               "article key of the empty id");
    return tap_done();
}
