/* SPDX-License-Identifier: MIT */
/* fuzz-hot.c - libFuzzer target for the hot characters an index stores
 * (tokenizer/hot.h, metadata cjknews.hot_chars): any bytes are either
 * refused or give a set that serialises to UTF-8 in code point order,
 * reads back as the same set, holds each character it was made of, and
 * intersects with itself and with the built-in set without growing. */
#include "bug.h"
#include "hot.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_BYTES (16 * 1024)

/* An invariant the set must keep, else a bug report and abort. */
#define MUST(cond) ((cond) ? (void)0 : CN_BUG("%s", #cond))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES)
        return 0;
    const char *in = (const char *)data;
    tok_hot_t *h = NULL;
    cn_status_t st = tok_hot_create(in, size, &h);
    if (st != CN_OK) {
        MUST(h == NULL);
        MUST(st == CN_E_INVALID_ARGUMENT || st == CN_E_NOMEM);
        return 0;
    }
    /* Every character given is in the set. */
    for (size_t i = 0, n; i < size; i += n) {
        uint32_t cp;
        n = cn_utf8_decode(in + i, size - i, &cp);
        MUST(tok_hot_has(h, in + i, n));
    }
    size_t len = 0;
    char *s = tok_hot_serialize(h, &len);
    MUST(s && strlen(s) == len && cn_utf8_valid(s, len));
    /* Code point order, no repeats, as many characters as the set. */
    uint32_t prev = 0;
    size_t count = 0;
    for (size_t i = 0, n; i < len; i += n, count++) {
        uint32_t cp;
        n = cn_utf8_decode(s + i, len - i, &cp);
        MUST(count == 0 || cp > prev);
        prev = cp;
    }
    MUST(count == tok_hot_count(h));
    tok_hot_t *back = NULL;
    MUST(tok_hot_create(s, len, &back) == CN_OK);
    char *s2 = tok_hot_serialize(back, NULL);
    MUST(s2 && strcmp(s, s2) == 0);
    tok_hot_intersect(back, h);
    MUST(tok_hot_count(back) == count);
    const char *def = tok_hot_default();
    tok_hot_t *d = NULL;
    MUST(tok_hot_create(def, strlen(def), &d) == CN_OK);
    tok_hot_intersect(back, d);
    MUST(tok_hot_count(back) <= count && tok_hot_count(back) <= tok_hot_count(d));
    tok_hot_destroy(d);
    tok_hot_destroy(back);
    free(s2);
    free(s);
    tok_hot_destroy(h);
    return 0;
}
