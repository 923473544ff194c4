/* SPDX-License-Identifier: MIT */
/*
 * hot-chars.c - the characters that begin at least N distinct bigram
 * terms of an index (default 1024), in code point order on one line:
 * how tokenizer/hot.c's built-in set was chosen (docs/index-schema.md,
 * "Hot characters"). A one-character query on such a character merges N
 * or more posting lists unless the character is hot.
 *
 *   build/release/hot-chars DB [N]
 *
 * With -v, one line per character instead: the character and its count.
 */
#include "tokenizer.h"
#include "utf8.h"
#include "xapc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct count_ctx {
    char cur[8];
    size_t cur_len;
    unsigned long n;
    unsigned long min;
    int verbose;
    unsigned long printed;
};

static void
flush(struct count_ctx *c)
{
    if (c->cur_len && c->n >= c->min) {
        if (c->verbose)
            printf("%.*s\t%lu\n", (int)c->cur_len, c->cur, c->n);
        else
            fwrite(c->cur, 1, c->cur_len, stdout);
        c->printed++;
    }
    c->cur_len = 0;
    c->n = 0;
}

/* Body terms are unprefixed and sorted, so the bigrams that begin with
 * one character are consecutive. */
static int
count_term(void *ctx, const char *term, size_t len, uint32_t termfreq)
{
    (void)termfreq;
    struct count_ctx *c = ctx;
    uint32_t a, b;
    size_t n1 = cn_utf8_decode(term, len, &a);
    if (n1 >= len || !tok_script_is_cjk(tok_script_of(a)))
        return 0;
    size_t n2 = cn_utf8_decode(term + n1, len - n1, &b);
    if (n1 + n2 != len || !tok_script_is_cjk(tok_script_of(b)))
        return 0;
    if (c->cur_len != n1 || memcmp(c->cur, term, n1) != 0) {
        flush(c);
        memcpy(c->cur, term, n1);
        c->cur_len = n1;
    }
    c->n++;
    return 0;
}

int
main(int argc, char **argv)
{
    struct count_ctx c;
    memset(&c, 0, sizeof(c));
    c.min = 1024;
    int a = 1;
    if (a < argc && strcmp(argv[a], "-v") == 0) {
        c.verbose = 1;
        a++;
    }
    if (a >= argc || argc - a > 2) {
        fprintf(stderr, "usage: hot-chars [-v] DB [N]\n");
        return 2;
    }
    if (a + 1 < argc) {
        char *end;
        c.min = strtoul(argv[a + 1], &end, 10);
        if (*end || !c.min) {
            fprintf(stderr, "hot-chars: N must be a positive number\n");
            return 2;
        }
    }
    xapc_reader_t *r = NULL;
    if (xapc_reader_create(&r) != XAPC_OK) {
        fprintf(stderr, "hot-chars: out of memory\n");
        return 4;
    }
    xapc_status_t xs = xapc_reader_add_path(r, argv[a]);
    if (xs == XAPC_OK)
        xs = xapc_reader_allterms(r, "", 0, count_term, &c);
    if (xs != XAPC_OK) {
        fprintf(stderr, "hot-chars: %s: %s\n", argv[a], xapc_reader_last_error(r));
        xapc_reader_destroy(r);
        return 3;
    }
    flush(&c);
    if (!c.verbose)
        putchar('\n');
    xapc_reader_destroy(r);
    return 0;
}
