/* SPDX-License-Identifier: MIT */
/* schema.c - record encoding and id terms. */
#include "schema.h"
#include "hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Layout: record version NUL passage_no NUL article_id NUL title NUL date NUL source
 * NUL url NUL lang NUL text. NUL separators are cheap to decode and the
 * fields never contain NUL. */
void
cn_record_encode(const cn_record_t *r, bool shared, cn_buf_t *out)
{
    cn_buf_addf(out, "%s%c%u%c", shared ? CN_RECORD_VERSION_SHARED : CN_RECORD_VERSION, 0,
                r->passage_no, 0);
    /* A later passage of a shared layout: its article's id, title and URL
     * are passage 0's. */
    bool later = shared && r->passage_no > 0;
    if (!later)
        cn_buf_add(out, r->article_id, r->article_id_len);
    cn_buf_addch(out, 0);
    if (!later)
        cn_buf_add(out, r->title, r->title_len);
    cn_buf_addch(out, 0);
    cn_buf_add(out, r->date, r->date_len);
    cn_buf_addch(out, 0);
    cn_buf_add(out, r->source, r->source_len);
    cn_buf_addch(out, 0);
    if (!later)
        cn_buf_add(out, r->url, r->url_len);
    cn_buf_addch(out, 0);
    cn_buf_add(out, r->lang, r->lang_len);
    cn_buf_addch(out, 0);
    cn_buf_add(out, r->text, r->text_len);
}

static int
next_field(const char **p, const char *end, const char **f, size_t *flen)
{
    const char *z = memchr(*p, 0, (size_t)(end - *p));
    if (!z)
        return 0;
    *f = *p;
    *flen = (size_t)(z - *p);
    *p = z + 1;
    return 1;
}

cn_status_t
cn_record_decode(const char *data, size_t len, cn_record_t *r)
{
    const char *p = data, *end = data + len, *f;
    size_t flen;
    memset(r, 0, sizeof(*r));
    if (!next_field(&p, end, &f, &flen) || flen != 1 ||
        (*f != CN_RECORD_VERSION[0] && *f != CN_RECORD_VERSION_SHARED[0]))
        return CN_E_DB_CORRUPT;
    bool shared = *f == CN_RECORD_VERSION_SHARED[0];
    if (!next_field(&p, end, &f, &flen) || flen == 0 || flen > 9)
        return CN_E_DB_CORRUPT;
    unsigned no = 0;
    for (size_t i = 0; i < flen; i++) {
        if (f[i] < '0' || f[i] > '9')
            return CN_E_DB_CORRUPT;
        no = no * 10 + (unsigned)(f[i] - '0');
    }
    r->passage_no = no;
    if (!next_field(&p, end, &r->article_id, &r->article_id_len) ||
        !next_field(&p, end, &r->title, &r->title_len) ||
        !next_field(&p, end, &r->date, &r->date_len) ||
        !next_field(&p, end, &r->source, &r->source_len) ||
        !next_field(&p, end, &r->url, &r->url_len) ||
        !next_field(&p, end, &r->lang, &r->lang_len))
        return CN_E_DB_CORRUPT;
    r->text = p;
    r->text_len = (size_t)(end - p);
    r->shared = shared && no > 0;
    return CN_OK;
}

cn_status_t
cn_record_inherit(cn_record_t *r, const cn_record_t *first)
{
    if (!r->shared)
        return CN_OK;
    if (first->passage_no != 0 || first->shared)
        return CN_E_DB_CORRUPT;
    r->article_id = first->article_id;
    r->article_id_len = first->article_id_len;
    r->title = first->title;
    r->title_len = first->title_len;
    r->url = first->url;
    r->url_len = first->url_len;
    r->shared = false;
    return CN_OK;
}

void
cn_article_key(const char *id, size_t id_len, unsigned char out[CN_ARTICLE_KEY_LEN])
{
    uint64_t h = cn_fnv1a(CN_FNV1A_INIT, id, id_len);
    for (int i = 0; i < CN_ARTICLE_KEY_LEN; i++)
        out[i] = (unsigned char)(h >> (56 - 8 * i));
}

void
cn_id_term(cn_buf_t *out, const char *prefix, const char *id, size_t id_len,
           const char *suffix)
{
    /* 245 is Xapian's term limit; 200 leaves room for prefix and suffix. */
    enum { KEEP = 160, LIMIT = 200 };
    cn_buf_addstr(out, prefix);
    if (id_len <= LIMIT) {
        cn_buf_add(out, id, id_len);
    } else {
        uint64_t h = cn_fnv1a(CN_FNV1A_INIT, id, id_len);
        size_t keep = KEEP;
        /* Cut on a UTF-8 boundary. */
        while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
            keep--;
        cn_buf_add(out, id, keep);
        cn_buf_addf(out, "~%016llx", (unsigned long long)h);
    }
    if (suffix)
        cn_buf_addstr(out, suffix);
}

bool
cn_article_key_is(const char *val, size_t len, const char *id, size_t id_len)
{
    unsigned char key[CN_ARTICLE_KEY_LEN];
    if (len == id_len && memcmp(val, id, len) == 0)
        return true;
    if (len != CN_ARTICLE_KEY_LEN)
        return false;
    cn_article_key(id, id_len, key);
    return memcmp(val, key, CN_ARTICLE_KEY_LEN) == 0;
}
