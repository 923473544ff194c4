/* SPDX-License-Identifier: MIT */
/* variants.c - one discovered name however it is written: the same
 * person found as 纳德拉 in simplified and 納德拉 in traditional text
 * counts once, under its commoner form (docs/entities.md). */
#include "names.h"
#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Name dots: middle dot, katakana middle dot, its halfwidth form,
 * bullet, hyphenation point, dot operator. */
static bool
is_name_dot(uint32_t cp)
{
    return cp == 0x00B7 || cp == 0x30FB || cp == 0xFF65 || cp == 0x2022 || cp == 0x2027 ||
           cp == 0x22C5;
}

static void
fold_key(const tok_options_t *tok, const char *s, size_t len, cn_buf_t *out)
{
    cn_buf_clear(out);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = cn_utf8_decode(s + i, len - i, &cp);
        if (n == 0) { /* not UTF-8: the byte stands for itself */
            cn_buf_addch(out, s[i++]);
            continue;
        }
        i += n;
        char enc[4];
        cp = is_name_dot(cp) ? 0x00B7 : tok_fold_cp(tok, cp);
        cn_buf_add(out, enc, cn_utf8_encode(cp, enc));
    }
}

struct keyed {
    char *key;
    size_t idx;
    const ent_variant_t *v;
};

/* By folded key; within a key, the representative first: most passages,
 * then the name's bytes. */
static int
by_key(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    if (a->v->count != b->v->count)
        return a->v->count > b->v->count ? -1 : 1;
    size_t n = a->v->len < b->v->len ? a->v->len : b->v->len;
    c = memcmp(a->v->name, b->v->name, n);
    if (c)
        return c;
    return a->v->len < b->v->len ? -1 : a->v->len > b->v->len;
}

cn_status_t
ent_variants_group(const tok_options_t *tok, ent_variant_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        v[i].rep = i;
    if (n < 2)
        return CN_OK;
    struct keyed *k = calloc(n, sizeof(*k));
    if (!k)
        return CN_E_NOMEM;
    cn_buf_t key = CN_BUF_INIT;
    cn_status_t st = CN_OK;
    for (size_t i = 0; i < n && st == CN_OK; i++) {
        fold_key(tok, v[i].name, v[i].len, &key);
        k[i].idx = i;
        k[i].v = &v[i];
        if (!(k[i].key = strdup(key.data)))
            st = CN_E_NOMEM;
    }
    if (st == CN_OK) {
        qsort(k, n, sizeof(*k), by_key);
        for (size_t i = 1; i < n; i++)
            if (strcmp(k[i].key, k[i - 1].key) == 0)
                v[k[i].idx].rep = v[k[i - 1].idx].rep;
    }
    for (size_t i = 0; i < n; i++)
        free(k[i].key);
    free(k);
    cn_buf_release(&key);
    return st;
}
