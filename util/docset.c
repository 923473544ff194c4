/* SPDX-License-Identifier: MIT */
/* docset.c - sorted sets of document ids in delta-varint chunks (docset.h). */
#include "docset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
cn_docset_release(cn_docset_t *s)
{
    free(s->ids);
    s->ids = NULL;
    s->n = s->alloc = 0;
}

/* Index of the first id >= 'id'. */
static size_t
lower_bound(const cn_docset_t *s, uint32_t id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int
cn_docset_has(const cn_docset_t *s, uint32_t id)
{
    size_t i = lower_bound(s, id);
    return i < s->n && s->ids[i] == id;
}

cn_status_t
cn_docset_add(cn_docset_t *s, uint32_t id, int *added)
{
    if (added)
        *added = 0;
    /* Ids mostly arrive in increasing order: append without a search. */
    size_t i = s->n && s->ids[s->n - 1] < id ? s->n : lower_bound(s, id);
    if (i < s->n && s->ids[i] == id)
        return CN_OK;
    if (s->n == s->alloc) {
        size_t na = s->alloc ? s->alloc * 2 : 64;
        uint32_t *v = realloc(s->ids, na * sizeof(*v));
        if (!v)
            return CN_E_NOMEM;
        s->ids = v;
        s->alloc = na;
    }
    memmove(s->ids + i + 1, s->ids + i, (s->n - i) * sizeof(*s->ids));
    s->ids[i] = id;
    s->n++;
    if (added)
        *added = 1;
    return CN_OK;
}

void
cn_docset_key(cn_buf_t *out, const char *prefix, uint32_t chunk)
{
    cn_buf_addf(out, "%s%08x", prefix, (unsigned)chunk);
}

int
cn_docset_parse_key(const char *key, size_t len, size_t prefix_len, uint32_t *chunk)
{
    if (len != prefix_len + 8)
        return 0;
    uint32_t c = 0;
    for (size_t i = prefix_len; i < len; i++) {
        char ch = key[i];
        unsigned d = ch >= '0' && ch <= '9' ? (unsigned)(ch - '0')
                     : ch >= 'a' && ch <= 'f' ? (unsigned)(ch - 'a' + 10)
                                              : 16;
        if (d == 16)
            return 0;
        c = c << 4 | d;
    }
    *chunk = c;
    return 1;
}

static void
put_varint(cn_buf_t *out, uint32_t v)
{
    while (v >= 0x80) {
        cn_buf_addch(out, (int)(v & 0x7f) | 0x80);
        v >>= 7;
    }
    cn_buf_addch(out, (int)v);
}

void
cn_docset_encode_chunk(const cn_docset_t *s, uint32_t chunk, cn_buf_t *out)
{
    uint64_t base = (uint64_t)chunk << CN_DOCSET_CHUNK_BITS;
    size_t i = lower_bound(s, (uint32_t)base);
    uint64_t prev = base;
    for (; i < s->n && s->ids[i] - base < CN_DOCSET_CHUNK_SIZE; i++) {
        /* The first offset may be 0, the gaps after it are >= 1. */
        put_varint(out, (uint32_t)(s->ids[i] - prev));
        prev = s->ids[i];
    }
}

cn_status_t
cn_docset_decode_chunk(const char *v, size_t len, uint32_t chunk, cn_docset_t *s)
{
    uint64_t base = (uint64_t)chunk << CN_DOCSET_CHUNK_BITS;
    uint64_t id = base;
    size_t i = 0;
    int first = 1;
    while (i < len) {
        uint64_t x = 0;
        int shift = 0;
        for (;;) {
            if (i == len || shift > 28)
                return CN_E_DB_CORRUPT;
            unsigned char b = (unsigned char)v[i++];
            x |= (uint64_t)(b & 0x7f) << shift;
            shift += 7;
            if (!(b & 0x80))
                break;
        }
        if (!first && x == 0)
            return CN_E_DB_CORRUPT;
        id += x;
        if (id - base >= CN_DOCSET_CHUNK_SIZE || id == 0)
            return CN_E_DB_CORRUPT;
        cn_status_t st = cn_docset_add(s, (uint32_t)id, NULL);
        if (st != CN_OK)
            return st;
        first = 0;
    }
    return CN_OK;
}
