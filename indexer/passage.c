/* SPDX-License-Identifier: MIT */
/* passage.c - paragraphs -> passages of bounded length. */
#include "passage.h"
#include "bug.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>

static void
push(idx_passages_t *p, size_t off, size_t len)
{
    if (p->count == p->alloc) {
        size_t n = p->alloc ? p->alloc * 2 : 16;
        idx_span_t *s = realloc(p->spans, n * sizeof(*s));
        if (!s)
            CN_BUG("out of memory splitting passages");
        p->spans = s;
        p->alloc = n;
    }
    p->spans[p->count].off = off;
    p->spans[p->count].len = len;
    p->count++;
}

static int
is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

static int
is_sentence_end(uint32_t cp, const char *s, size_t i, size_t len)
{
    switch (cp) {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case '!':
    case '?':
    case ';':
        return 1;
    case '.': /* only "x. y": 3.14 and U.S. stay whole */
        return i + 1 < len && (s[i + 1] == ' ' || s[i + 1] == '\n');
    }
    return 0;
}

static int
is_closing(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F ||
           cp == 0xFF09 || cp == ')' || cp == '"' || cp == '\'';
}

static size_t
count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Trims whitespace at both ends of s[*off, *off + *len). */
static void
trim(const char *s, size_t *off, size_t *len)
{
    size_t b = *off, e = *off + *len;
    while (b < e) {
        uint32_t cp;
        size_t n = cn_utf8_decode(s + b, e - b, &cp);
        if (!is_space_cp(cp))
            break;
        b += n;
    }
    while (e > b) {
        size_t k = e - 1;
        while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp;
        cn_utf8_decode(s + k, e - k, &cp);
        if (!is_space_cp(cp))
            break;
        e = k;
    }
    *off = b;
    *len = e - b;
}

/* Cuts one paragraph s[off, off+len) into pieces of at most max_chars
 * characters, preferring the last sentence end of each window, and calls
 * add() for each piece. */
static void
cut_long(idx_passages_t *out, const char *s, size_t off, size_t len,
         size_t max_chars)
{
    size_t end = off + len;
    while (off < end) {
        size_t i = off, chars = 0, last_end = 0;
        /* Invariant: s[off, i) holds 'chars' characters (< max_chars at the
         * loop test) and last_end is the byte just after the latest
         * sentence end seen in it, or 0. */
        while (i < end && chars < max_chars) {
            uint32_t cp;
            size_t n = cn_utf8_decode(s + i, end - i, &cp);
            int ends = is_sentence_end(cp, s, i, end);
            i += n;
            chars++;
            if (ends) {
                while (i < end) {
                    size_t m = cn_utf8_decode(s + i, end - i, &cp);
                    if (!is_closing(cp))
                        break;
                    i += m;
                    chars++;
                }
                last_end = i;
            }
        }
        size_t cut = i;
        /* Cut at the sentence end unless that leaves a tiny fragment. */
        if (i < end && last_end && count_chars(s + off, last_end - off) >= max_chars / 3)
            cut = last_end;
        size_t po = off, pl = cut - off;
        trim(s, &po, &pl);
        if (pl)
            push(out, po, pl);
        off = cut;
    }
}

void
idx_passages_split(idx_passages_t *p, const char *body, size_t len,
                   size_t min_chars, size_t max_chars)
{
    if (max_chars < 1)
        max_chars = 1;
    p->count = 0;
    /* First pass: paragraphs, long ones already cut. */
    size_t line = 0;
    while (line < len) {
        size_t nl = line;
        while (nl < len && body[nl] != '\n')
            nl++;
        size_t off = line, plen = nl - line;
        trim(body, &off, &plen);
        if (plen) {
            if (count_chars(body + off, plen) > max_chars)
                cut_long(p, body, off, plen, max_chars);
            else
                push(p, off, plen);
        }
        line = nl + 1;
    }
    /* Second pass: join short neighbours, in place. */
    size_t w = 0;
    for (size_t r = 0; r < p->count; r++) {
        if (w > 0) {
            idx_span_t *prev = &p->spans[w - 1];
            size_t prev_chars = count_chars(body + prev->off, prev->len);
            size_t joined_end = p->spans[r].off + p->spans[r].len;
            size_t joined_chars = count_chars(body + prev->off, joined_end - prev->off);
            if (prev_chars < min_chars && joined_chars <= max_chars) {
                prev->len = joined_end - prev->off;
                continue;
            }
        }
        p->spans[w++] = p->spans[r];
    }
    p->count = w;
}

void
idx_passages_release(idx_passages_t *p)
{
    free(p->spans);
    p->spans = NULL;
    p->count = p->alloc = 0;
}
