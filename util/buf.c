/* SPDX-License-Identifier: MIT */
/* buf.c - growable byte buffer. */
#include "buf.h"
#include "bug.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char cn_buf_empty[1];

void
cn_buf_init(cn_buf_t *b)
{
    b->len = 0;
    b->alloc = 0;
    b->data = cn_buf_empty;
}

void
cn_buf_release(cn_buf_t *b)
{
    if (b->alloc)
        free(b->data);
    cn_buf_init(b);
}

void
cn_buf_clear(cn_buf_t *b)
{
    b->len = 0;
    if (b->alloc)
        b->data[0] = '\0';
}

void
cn_buf_grow(cn_buf_t *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need < b->len)
        CN_BUG("buffer size overflow");
    if (need <= b->alloc)
        return;
    size_t n = b->alloc ? b->alloc : 64;
    while (n < need)
        n = n * 2 > n ? n * 2 : need;
    char *p = b->alloc ? realloc(b->data, n) : malloc(n);
    if (!p)
        CN_BUG("out of memory growing a buffer to %zu bytes", n);
    if (!b->alloc)
        p[0] = '\0';
    b->data = p;
    b->alloc = n;
}

void
cn_buf_add(cn_buf_t *b, const void *data, size_t len)
{
    if (!len)
        return;
    cn_buf_grow(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void
cn_buf_addstr(cn_buf_t *b, const char *s)
{
    cn_buf_add(b, s, strlen(s));
}

void
cn_buf_addch(cn_buf_t *b, int c)
{
    cn_buf_grow(b, 1);
    b->data[b->len++] = (char)c;
    b->data[b->len] = '\0';
}

void
cn_buf_vaddf(cn_buf_t *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(b->data + b->len, b->alloc ? b->alloc - b->len : 0,
                      fmt, cp);
    va_end(cp);
    if (n < 0)
        CN_BUG("vsnprintf failed");
    if ((size_t)n >= (b->alloc ? b->alloc - b->len : 0)) {
        cn_buf_grow(b, (size_t)n);
        n = vsnprintf(b->data + b->len, b->alloc - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void
cn_buf_addf(cn_buf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cn_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void
cn_buf_add_json_str(cn_buf_t *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        cn_buf_add(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': cn_buf_add(b, "\\\"", 2); break;
        case '\\': cn_buf_add(b, "\\\\", 2); break;
        case '\n': cn_buf_add(b, "\\n", 2); break;
        case '\t': cn_buf_add(b, "\\t", 2); break;
        case '\r': cn_buf_add(b, "\\r", 2); break;
        default: {
            char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            cn_buf_add(b, esc, 6);
        }
        }
    }
    cn_buf_add(b, s + run, len - run);
}

char *
cn_buf_detach(cn_buf_t *b, size_t *len_out)
{
    char *p;
    if (len_out)
        *len_out = b->len;
    if (b->alloc) {
        p = b->data;
    } else {
        p = malloc(1);
        if (!p)
            CN_BUG("out of memory");
        p[0] = '\0';
    }
    cn_buf_init(b);
    return p;
}

void
cn_buf_setlen(cn_buf_t *b, size_t len)
{
    if (len > (b->alloc ? b->alloc - 1 : 0))
        CN_BUG("cn_buf_setlen beyond allocation");
    b->len = len;
    b->data[len] = '\0';
}

char *
cn_strdupf(const char *fmt, ...)
{
    cn_buf_t m = CN_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cn_buf_vaddf(&m, fmt, ap);
    va_end(ap);
    return cn_buf_detach(&m, NULL);
}
