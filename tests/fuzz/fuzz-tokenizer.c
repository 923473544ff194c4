/* SPDX-License-Identifier: MIT */
/* fuzz-tokenizer.c - libFuzzer target: any bytes through tok_tokenize()
 * in both modes, asserting the invariants of tests/unit/t-tokenizer.c.
 *
 * `make fuzz` builds it with libFuzzer; `make check` replays its seeds
 * and regressions through tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bug.h"
#include "tokenizer.h"
#include "utf8.h"

/* utf8proc and the tokenizer work per character; larger inputs only slow
 * the fuzzer down without reaching new code. */
#define FUZZ_MAX_INPUT (64 * 1024)
#define TERM_MAX 245

typedef struct fuzz_state {
    size_t text_len;
    size_t count;
    size_t last_start, last_end;
    uint32_t last_run;
    uint64_t hash; /* of everything emitted, to compare the two modes */
} fuzz_state_t;

static uint64_t
mix(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static int
check_token(void *ctx, const tok_token_t *t)
{
    fuzz_state_t *s = ctx;
    if (t->term_len == 0 || t->term_len > TERM_MAX)
        CN_BUG("term length %zu", t->term_len);
    if (!cn_utf8_valid(t->term, t->term_len))
        CN_BUG("term is not valid UTF-8");
    if (memchr(t->term, '\0', t->term_len))
        CN_BUG("NUL inside a term");
    /* A '?' or U+FFFD is never part of a term: it separates, or (a lost
     * character between CJK characters or digits) vanishes. */
    if (memchr(t->term, '?', t->term_len) ||
        memmem(t->term, t->term_len, "\xEF\xBF\xBD", 3))
        CN_BUG("'?' or U+FFFD inside a term");
    if (t->pos != s->count)
        CN_BUG("position %u, expected %zu", (unsigned)t->pos, s->count);
    if (!(t->start_off < t->end_off && t->end_off <= s->text_len))
        CN_BUG("offsets %zu..%zu out of 0..%zu", t->start_off, t->end_off,
               s->text_len);
    if (s->count > 0 && (t->start_off < s->last_start ||
                         t->end_off < s->last_end || t->run < s->last_run))
        CN_BUG("offsets or run index going backwards");
    s->last_start = t->start_off;
    s->last_end = t->end_off;
    s->last_run = t->run;
    s->count++;
    s->hash = mix(s->hash, t->term, t->term_len);
    uint64_t meta[5] = { t->start_off, t->end_off, t->pos, t->flags, t->run };
    s->hash = mix(s->hash, meta, sizeof(meta));
    return 0;
}

static void
run_mode(const tok_options_t *o, tok_mode_t mode, const char *text,
         size_t len, fuzz_state_t *s)
{
    memset(s, 0, sizeof(*s));
    s->text_len = len;
    s->hash = 1469598103934665603u;
    if (tok_tokenize(o, mode, text, len, check_token, s) != CN_OK)
        CN_BUG("tok_tokenize failed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > FUZZ_MAX_INPUT)
        return 0;
    tok_options_t o;
    tok_options_init(&o);
    o.fold_case = !(data[0] & 1);
    o.fold_traditional = !(data[0] & 2);
    const char *text = (const char *)data + 1;
    fuzz_state_t doc, query;
    run_mode(&o, TOK_DOCUMENT, text, size - 1, &doc);
    run_mode(&o, TOK_QUERY, text, size - 1, &query);
    if (doc.count != query.count || doc.hash != query.hash)
        CN_BUG("query mode differs from document mode");
    return 0;
}
