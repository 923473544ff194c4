/* SPDX-License-Identifier: MIT */
/* article.c - the article record: ids and dates. */
#include "article.h"
#include "hash.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void
idx_article_init(idx_article_t *a)
{
    memset(a, 0, sizeof(*a));
    cn_buf_init(&a->id);
    cn_buf_init(&a->title);
    cn_buf_init(&a->body);
    cn_buf_init(&a->date);
    cn_buf_init(&a->source);
    cn_buf_init(&a->url);
    cn_buf_init(&a->lang);
    cn_buf_init(&a->dedup_term);
}

void
idx_article_clear(idx_article_t *a)
{
    cn_buf_clear(&a->id);
    cn_buf_clear(&a->title);
    cn_buf_clear(&a->body);
    cn_buf_clear(&a->date);
    cn_buf_clear(&a->source);
    cn_buf_clear(&a->url);
    cn_buf_clear(&a->lang);
    cn_buf_clear(&a->dedup_term);
    a->origin_file = NULL;
    a->origin_line = 0;
    a->replaced_bytes = 0;
}

void
idx_article_release(idx_article_t *a)
{
    cn_buf_release(&a->id);
    cn_buf_release(&a->title);
    cn_buf_release(&a->body);
    cn_buf_release(&a->date);
    cn_buf_release(&a->source);
    cn_buf_release(&a->url);
    cn_buf_release(&a->lang);
    cn_buf_release(&a->dedup_term);
}

void
idx_article_ensure_id(idx_article_t *a)
{
    if (a->id.len)
        return;
    if (a->url.len) {
        cn_buf_add(&a->id, a->url.data, a->url.len);
        return;
    }
    uint64_t h = CN_FNV1A_INIT;
    h = cn_fnv1a(h, a->title.data, a->title.len);
    h = cn_fnv1a(h, "\n", 1);
    h = cn_fnv1a(h, a->body.data, a->body.len);
    cn_buf_addf(&a->id, "h:%016llx", (unsigned long long)h);
}

static int
take_digits(const char *s, size_t len, size_t *i, size_t n, int *out)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) {
        if (*i >= len || s[*i] < '0' || s[*i] > '9')
            return 0;
        v = v * 10 + (s[(*i)++] - '0');
    }
    *out = v;
    return 1;
}

void
idx_date_normalize(cn_buf_t *date)
{
    const char *s = date->data;
    size_t len = date->len, i = 0;
    int y, m, d;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (!take_digits(s, len, &i, 4, &y))
        goto unknown;
    if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i++];
        size_t st = i;
        m = 0;
        while (i < len && i - st < 2 && s[i] >= '0' && s[i] <= '9')
            m = m * 10 + (s[i++] - '0');
        if (i == st || i >= len || s[i] != sep)
            goto unknown;
        st = ++i;
        d = 0;
        while (i < len && i - st < 2 && s[i] >= '0' && s[i] <= '9')
            d = d * 10 + (s[i++] - '0');
        if (i == st)
            goto unknown;
    } else if (!take_digits(s, len, &i, 2, &m) || !take_digits(s, len, &i, 2, &d)) {
        goto unknown;
    }
    if (i < len && s[i] >= '0' && s[i] <= '9')
        goto unknown;
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
        goto unknown;
    cn_buf_clear(date);
    cn_buf_addf(date, "%04d-%02d-%02d", y, m, d);
    return;
unknown:
    cn_buf_clear(date);
}
