/* SPDX-License-Identifier: MIT */
/* utf8.c - UTF-8 decode/encode/sanitize. */
#include "utf8.h"

#include <utf8proc.h>

size_t
cn_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        goto bad;
    }
    if (n > len)
        goto bad;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return n;
bad:
    *cp = CN_UTF8_REPLACEMENT;
    return 1;
}

size_t
cn_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = CN_UTF8_REPLACEMENT;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t
cn_utf8_sanitize(const char *s, size_t len, cn_buf_t *out)
{
    size_t bad = 0, i = 0, run = 0;
    cn_buf_grow(out, len);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            uint32_t cp;
            size_t n = cn_utf8_decode(s + i, len - i, &cp);
            if (cp != CN_UTF8_REPLACEMENT || n != 1) {
                i += n;
                continue;
            }
            /* A literal U+FFFD in the input is 3 bytes, so n == 1 here
             * always means an invalid byte. */
            cn_buf_add(out, s + run, i - run);
            cn_buf_add(out, "\xEF\xBF\xBD", 3);
            bad++;
            run = ++i;
        } else if (c == 0) {
            cn_buf_add(out, s + run, i - run);
            cn_buf_addch(out, ' ');
            run = ++i;
        } else {
            i++;
        }
    }
    cn_buf_add(out, s + run, len - run);
    return bad;
}

int
cn_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = cn_utf8_decode(s + i, len - i, &cp);
        if (cp == CN_UTF8_REPLACEMENT && n == 1)
            return 0;
        i += n;
    }
    return 1;
}

int
cn_utf8_cp_width(uint32_t cp)
{
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w < 0 ? 0 : w;
}

size_t
cn_first_cluster_len(const char *s, size_t len)
{
    if (!len)
        return 0;
    uint32_t cp;
    size_t n = cn_utf8_decode(s, len, &cp);
    while (n < len) {
        size_t k = cn_utf8_decode(s + n, len - n, &cp);
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        if (cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
            cat != UTF8PROC_CATEGORY_ME)
            break;
        n += k;
    }
    return n;
}
