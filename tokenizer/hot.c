/* SPDX-License-Identifier: MIT */
/* hot.c - the characters an index stores as unigrams everywhere (hot.h). */
#include "hot.h"
#include "tokenizer.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tok_hot {
    uint32_t *cps; /* sorted, no repeats */
    size_t count;
};

/*
 * The 115 characters that begin at least 1,024 distinct bigram terms in
 * the index of the bench corpus (110 MB of zh-Hant, zh-Hans, ja and ko
 * news, folded to simplified): `tools/hot-chars` over that index. Their
 * unigrams cost 2.9 M postings (8 MB, 0.075x the raw text); dropping the
 * first-character terms of the other characters, which the wildcard now
 * covers, saves 10 MB (docs/performance.md, "Hot characters").
 */
static const char default_chars[] =
    "いうがくたてでとなにのはもやらりるを一上"
    "下不与业东个中为了于人他以会但体作入其内"
    "出分到前力动化及发司合同名后向员和因国在"
    "地场多大天如子定家对将就市年度得心性成或"
    "括持新方日时是有期本来次海港然现理生用由"
    "的种系者而能行被要过部金长间面";

const char *
tok_hot_default(void)
{
    return default_chars;
}

static int
cmp_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

cn_status_t
tok_hot_create(const char *chars, size_t len, tok_hot_t **out)
{
    *out = NULL;
    tok_hot_t *h = calloc(1, sizeof(*h));
    if (!h)
        return CN_E_NOMEM;
    /* At most one code point per byte. */
    h->cps = malloc((len ? len : 1) * sizeof(*h->cps));
    if (!h->cps) {
        free(h);
        return CN_E_NOMEM;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = cn_utf8_decode(chars + i, len - i, &cp);
        /* U+FFFD is what a bad byte decodes to, and it is no CJK. */
        if (!tok_script_is_cjk(tok_script_of(cp))) {
            tok_hot_destroy(h);
            return CN_E_INVALID_ARGUMENT;
        }
        h->cps[h->count++] = cp;
        i += n;
    }
    qsort(h->cps, h->count, sizeof(*h->cps), cmp_cp);
    size_t k = 0;
    for (size_t i = 0; i < h->count; i++)
        if (k == 0 || h->cps[k - 1] != h->cps[i])
            h->cps[k++] = h->cps[i];
    h->count = k;
    *out = h;
    return CN_OK;
}

static bool
has_cp(const tok_hot_t *h, uint32_t cp)
{
    return h && h->count &&
           bsearch(&cp, h->cps, h->count, sizeof(*h->cps), cmp_cp) != NULL;
}

bool
tok_hot_has(const tok_hot_t *h, const char *c, size_t len)
{
    if (!h || !h->count || len == 0)
        return false;
    uint32_t cp;
    size_t n = cn_utf8_decode(c, len, &cp);
    return n == len && has_cp(h, cp);
}

size_t
tok_hot_count(const tok_hot_t *h)
{
    return h ? h->count : 0;
}

void
tok_hot_intersect(tok_hot_t *h, const tok_hot_t *other)
{
    if (!h)
        return;
    size_t k = 0;
    for (size_t i = 0; i < h->count; i++)
        if (has_cp(other, h->cps[i]))
            h->cps[k++] = h->cps[i];
    h->count = k;
}

char *
tok_hot_serialize(const tok_hot_t *h, size_t *len_out)
{
    size_t n = tok_hot_count(h);
    char *s = malloc(n * 4 + 1);
    if (!s)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += cn_utf8_encode(h->cps[i], s + len);
    s[len] = '\0';
    if (len_out)
        *len_out = len;
    return s;
}

void
tok_hot_destroy(tok_hot_t *h)
{
    if (!h)
        return;
    free(h->cps);
    free(h);
}
