/* SPDX-License-Identifier: MIT */
/* fuzz-jsonl.c - libFuzzer target for the JSON Lines reader and the
 * passage splitter: any bytes as a dump. Every non-blank line must end up
 * as exactly one article or one reject; every article's fields must be
 * valid UTF-8 without NUL; passages must lie inside the body. */
#include "bug.h"
#include "config.h"
#include "indexdb.h"
#include "reader.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FUZZ_MAX_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct counts {
    size_t articles, rejects;
    const cfg_config_t *cfg;
    idx_passages_t p;
};

static void
check_text(const cn_buf_t *b, const char *what)
{
    if (!cn_utf8_valid(b->data, b->len) || memchr(b->data, 0, b->len))
        CN_BUG("%s is not clean UTF-8", what);
}

static int
on_article(void *ctx, idx_article_t *a)
{
    struct counts *c = ctx;
    c->articles++;
    check_text(&a->title, "title");
    check_text(&a->body, "body");
    check_text(&a->id, "id");
    if (a->date.len && a->date.len != 10)
        CN_BUG("date not normalised");
    int use_title;
    idx_article_passages(a, c->cfg, &c->p, &use_title);
    size_t len = use_title ? a->title.len : a->body.len;
    for (size_t i = 0; i < c->p.count; i++)
        if (c->p.spans[i].off + c->p.spans[i].len > len || !c->p.spans[i].len)
            CN_BUG("passage %zu outside its text", i);
    return 0;
}

static void
on_reject(void *ctx, const char *file, size_t line, size_t col, const char *reason)
{
    struct counts *c = ctx;
    (void)file;
    (void)line;
    (void)col;
    if (!reason || !*reason)
        CN_BUG("reject without a reason");
    c->rejects++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES || size == 0)
        return 0;
    cfg_config_t cfg;
    if (cfg_config_init(&cfg) != CN_OK)
        return 0;
    cfg.passage_min_chars = data[0] % 8;
    cfg.passage_max_chars = 1 + data[0] % 32;
    struct counts c = { 0, 0, &cfg, IDX_PASSAGES_INIT };
    idx_reader_t rd;
    memset(&rd, 0, sizeof(rd));
    rd.fields = &cfg.fields;
    rd.on_article = on_article;
    rd.on_reject = on_reject;
    rd.ctx = &c;
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (fp) {
        idx__read_jsonl_stream(&rd, "fuzz", fp);
        fclose(fp);
    }
    if (rd.records_seen != c.articles + c.rejects)
        CN_BUG("records seen %zu != articles %zu + rejects %zu", rd.records_seen,
               c.articles, c.rejects);
    idx_passages_release(&c.p);
    cfg_config_release(&cfg);
    return 0;
}
