/* SPDX-License-Identifier: MIT */
/* normalize.c - NFKC + case folding + T->S folding, one character at a
 * time, with an offset map back into the original bytes. */
#include "normalize.h"

#include <utf8proc.h>

#include "fold.h"
#include "script.h"
#include "utf8.h"

void
tok__norm_init(tok_norm_t *n, const char *text, size_t len, bool fold_case,
               bool fold_traditional)
{
    n->text = text;
    n->len = len;
    n->off = 0;
    n->fold_case = fold_case;
    n->fold_traditional = fold_traditional;
    n->seg_count = 0;
    n->ready_head = 0;
    n->ready_count = 0;
}

/*
 * Characters that NFKC + case folding leave unchanged and that never
 * compose with the character before them, so they skip utf8proc: most of
 * CJK text. Kana with a voiced mark (が) do have a canonical
 * decomposition, but NFC puts it back together, so they are fixed points
 * too. Each range checked against utf8proc in t-tokenizer.c.
 */
static bool
is_fixed_point(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || /* URO */
           (cp >= 0xAC00 && cp <= 0xD7A3) || /* Hangul syllables */
           (cp >= 0x3041 && cp <= 0x3096) || /* hiragana */
           (cp >= 0x30A1 && cp <= 0x30FA) || /* katakana */
           (cp >= 0x30FC && cp <= 0x30FE) || /* ー ヽ ヾ */
           (cp >= 0x3400 && cp <= 0x4DBF);   /* Extension A */
}

/* True if 'cp' (the first code point of a decomposition) must join the
 * open segment to compose with what is before it: combining marks, and
 * the Hangul vowel and final jamo, which are starters yet compose. */
static bool
joins_previous(uint32_t cp)
{
    if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2))
        return true;
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
           p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME;
}

static uint32_t
fold_han(const tok_norm_t *n, uint32_t cp)
{
    return n->fold_traditional ? tok__fold_lookup(cp) : cp;
}

/* Moves the open segment, composed and folded, to the ready queue (which
 * the caller has emptied). */
static void
flush_segment(tok_norm_t *n)
{
    size_t count = n->seg_count;
    n->ready_head = 0;
    n->ready_count = count;
    n->seg_count = 0;
    if (count == 1) {
        /* One code point after full decomposition is already NFC. */
        n->ready[0] = n->seg[0];
        n->ready[0].cp = fold_han(n, n->seg[0].cp);
        return;
    }
    utf8proc_int32_t buf[TOK_NORM_SEG_MAX];
    for (size_t i = 0; i < count; i++)
        buf[i] = (utf8proc_int32_t)n->seg[i].cp;
    utf8proc_ssize_t got =
        utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)count,
                                 UTF8PROC_COMPOSE);
    if (got <= 0 || (size_t)got > count) {
        /* Cannot happen with COMPOSE alone; keep the decomposed form. */
        for (size_t i = 0; i < count; i++)
            buf[i] = (utf8proc_int32_t)n->seg[i].cp;
        got = (utf8proc_ssize_t)count;
    }
    /*
     * If nothing composed, output i keeps input i's range. If some did,
     * we no longer know which output came from which input, so every
     * output gets the whole segment's range (still monotonic).
     */
    bool same = (size_t)got == count;
    size_t all_start = n->seg[0].start_off, all_end = n->seg[count - 1].end_off;
    for (size_t i = 0; i < (size_t)got; i++) {
        n->ready[i].cp = fold_han(n, (uint32_t)buf[i]);
        n->ready[i].start_off = same ? n->seg[i].start_off : all_start;
        n->ready[i].end_off = same ? n->seg[i].end_off : all_end;
    }
    n->ready_count = (size_t)got;
}

static void
push(tok_norm_t *n, uint32_t cp, size_t start_off, size_t end_off)
{
    tok_nchar_t *c = &n->seg[n->seg_count++];
    c->cp = cp;
    c->start_off = start_off;
    c->end_off = end_off;
}

/* Decomposes one character that missed the fast path and adds it to the
 * open segment, flushing the segment first when the character starts a
 * new one. */
static void
feed_slow(tok_norm_t *n, uint32_t cp, size_t start_off, size_t end_off)
{
    /* ゛ ゜ as written after kana: NFKC would make them a space plus a
     * combining mark; taking the combining mark at once lets か゛
     * compose to が like the half-width ｶﾞ does. */
    if (cp == 0x309B || cp == 0x309C)
        cp -= 2;
    utf8proc_int32_t d[TOK_NORM_SEG_MAX];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    if (n->fold_case)
        opt = (utf8proc_option_t)(opt | UTF8PROC_CASEFOLD);
    utf8proc_ssize_t k = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, d, TOK_NORM_SEG_MAX, opt, &boundclass);
    if (k <= 0 || k > TOK_NORM_SEG_MAX) {
        d[0] = (utf8proc_int32_t)cp;
        k = 1;
    }
    size_t count = (size_t)k;
    if (n->seg_count > 0 &&
        (!joins_previous((uint32_t)d[0]) ||
         n->seg_count + count > TOK_NORM_SEG_MAX))
        flush_segment(n);
    for (size_t i = 0; i < count; i++)
        push(n, (uint32_t)d[i], start_off, end_off);
}

/* Decodes one input character into the open segment. */
static void
feed_one(tok_norm_t *n)
{
    size_t start_off = n->off;
    unsigned char c = (unsigned char)n->text[start_off];
    uint32_t cp;
    if (c < 0x80) {
        cp = c;
        n->off++;
        if (n->fold_case && cp - 'A' < 26)
            cp += 'a' - 'A';
    } else {
        n->off += cn_utf8_decode(n->text + start_off, n->len - start_off, &cp);
        if (!is_fixed_point(cp)) {
            if (!tok__script_is_ignorable(cp))
                feed_slow(n, cp, start_off, n->off);
            return;
        }
    }
    /* A fixed point is a starter: it closes the open segment. */
    if (n->seg_count > 0)
        flush_segment(n);
    push(n, cp, start_off, n->off);
}

bool
tok__norm_next(tok_norm_t *n, tok_nchar_t *out)
{
    /*
     * Invariant: ready[ready_head..ready_count) precede seg[0..seg_count)
     * in the text, and both precede text[off..len). A segment is complete
     * only once the next starter (or the end) is seen, so the loop feeds
     * characters until something is ready.
     */
    for (;;) {
        if (n->ready_head < n->ready_count) {
            *out = n->ready[n->ready_head++];
            return true;
        }
        if (n->off < n->len)
            feed_one(n);
        else if (n->seg_count > 0)
            flush_segment(n);
        else
            return false;
    }
}

uint32_t
tok__norm_casefold_cp(uint32_t cp)
{
    /* Most CJK text: nothing to fold, no utf8proc call (the phrase
     * check's plainness scan asks this for every ideograph). */
    if (is_fixed_point(cp))
        return cp;
    utf8proc_int32_t d[4];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t k = utf8proc_decompose_char((utf8proc_int32_t)cp, d, 4,
                                                 UTF8PROC_CASEFOLD,
                                                 &boundclass);
    return k == 1 ? (uint32_t)d[0] : cp;
}
