/* SPDX-License-Identifier: MIT */
/* literal.c - the fast accept of the phrase check: finding a chunk's
 * literal text in a passage instead of tokenizing the passage. */
#include "literal.h"
#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Characters that NFKC, case folding and the tokenizer's repairs leave
 * alone and that never combine with a neighbour: ideographs (々 too),
 * kana without the iteration marks (ヾ is ヽ + a combining mark) and
 * Hangul syllables. A run of them tokenizes into the same bigrams at
 * consecutive positions wherever it stands (a character before it only
 * adds a bigram before them; the one after is checked by safe_after()).
 */
static bool
plain_cjk(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
           cp == 0x30FC || cp == 0x3005 || (cp >= 0xAC00 && cp <= 0xD7A3);
}

/*
 * Punctuation that separates runs, takes no position and that NFKC leaves
 * alone or makes ASCII other than '(' and '?' (so not （ U+FF08, which
 * the pinyin repair reads as '('): a text of these, ASCII and plain
 * characters tokenizes as its own characters.
 */
static bool
plain_separator(uint32_t cp)
{
    switch (cp) {
    case 0x3000: case 0x3001: case 0x3002: case 0x300A: case 0x300B: case 0x300C:
    case 0x300D: case 0x300E: case 0x300F: case 0x3010: case 0x3011: case 0x30FB:
    case 0x00B7: case 0x2014: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
    case 0x2026: case 0xFF01: case 0xFF0C: case 0xFF1A: case 0xFF1B: case 0xFF1F:
        return true;
    }
    return false;
}

/*
 * Any other character that cuts every run and never joins a neighbour,
 * vanishes or becomes CJK once normalised: what NFKC and case folding
 * make of it is punctuation, symbols, spaces, digits or letters of other
 * scripts, and does not begin with a combining mark (■ 〜 ※ → ♪ ＆ １ ％
 * Ａ é). Not U+FFFD (a lost character, which the repair may drop) nor an
 * ignorable (it vanishes and lets its neighbours meet). On the 50 slowest
 * latency queries of the bench, such characters (with （ and ( before
 * anything but pinyin) sent about 2,500 candidate passages to the
 * tokenizing check.
 */
static bool
plain_other(uint32_t cp)
{
    if (cp == 0xFFFD || tok_script_of(cp) == TOK_SCRIPT_IGNORE)
        return false;
    utf8proc_int32_t d[8];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        (utf8proc_int32_t)cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
        &last);
    if (n <= 0 || n > 8)
        return false;
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        /* Marks after its own base (é is e + U+0301) stay with it. */
        utf8proc_category_t cat = utf8proc_category(d[k]);
        if (k == 0 && (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
                       cat == UTF8PROC_CATEGORY_ME))
            return false;
        tok_script_t script = tok_script_of((uint32_t)d[k]);
        if (script != TOK_SCRIPT_OTHER && script != TOK_SCRIPT_WORD)
            return false;
    }
    return true;
}

/* Whether '(' or （ may open a pinyin annotation, which the tokenizer
 * drops to let the run go on (tok__pinyin_annotation_end): only if a
 * pinyin letter follows at once, lowercase ASCII or a Latin vowel with
 * its tone. */
static bool
may_open_pinyin(const char *next, size_t len)
{
    if (!len)
        return false;
    uint32_t cp;
    cn_utf8_decode(next, len, &cp);
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F);
}

/* Whether an ASCII '?' between 'prev' and the text at 'next' may be a
 * lost character, which the tokenizer drops when both neighbours are CJK
 * or digits (tokenizer.c, lost_is_nothing): anything but ASCII, or a
 * digit, on both sides. */
static bool
may_be_lost(uint32_t prev, const char *next, size_t len)
{
    if (!len || !(prev >= 0x80 || (prev >= '0' && prev <= '9')))
        return false;
    uint32_t cp;
    cn_utf8_decode(next, len, &cp);
    return cp >= 0x80 || (cp >= '0' && cp <= '9');
}

/*
 * What may follow an occurrence without changing its last character's
 * term: the end, ASCII (no combining character; a lost '?' only joins the
 * run to a CJK character or digit after it), another plain character, or
 * punctuation and symbols (plain_other). Not a combining mark (か +
 * U+3099 is が), a Hangul jamo (an LV syllable + T is another syllable),
 * an ignorable (it vanishes and lets a mark after it join), a
 * compatibility form, nor '(' or （ that may open a pinyin annotation
 * (it vanishes too, and a mark after it joins): the full check decides
 * those.
 */
static bool
safe_after(const char *text, size_t len)
{
    if (!len)
        return true;
    /* A pinyin annotation vanishes and what follows it (a mark, say)
     * joins the last character: the full check decides. */
    if (text[0] == '(')
        return !may_open_pinyin(text + 1, len - 1);
    if ((unsigned char)text[0] < 0x80)
        return true;
    uint32_t cp;
    size_t n = cn_utf8_decode(text, len, &cp);
    if (cp == 0xFF08)
        return !may_open_pinyin(text + n, len - n);
    /* Every character of a plain text (plain_separator) is safe here:
     * srch_literal_absent() relies on it. */
    return plain_cjk(cp) || plain_separator(cp) || plain_other(cp);
}

/* cn_utf8_decode(), with the three-byte sequences of CJK text first: the
 * plainness scan reads every character of every passage it checks. */
static inline size_t
decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t v = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) |
                     (uint32_t)(u[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    return cn_utf8_decode(s, len, cp);
}

static bool
is_ideograph(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static bool
all_plain(const char *s, size_t len)
{
    if (!len)
        return false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += cn_utf8_decode(s + i, len - i, &cp);
        if (!plain_cjk(cp))
            return false;
    }
    return true;
}

/* Compares the tokens of a candidate literal with the chunk's elements:
 * its bigrams, then the run's closing unigram (which the chunk drops). */
struct same_ctx {
    const srch_chunk_t *c;
    size_t n;
    bool same;
};

static int
same_token(void *vctx, const tok_token_t *t)
{
    struct same_ctx *x = vctx;
    const srch_chunk_t *c = x->c;
    if (x->n < c->count) {
        const srch_elem_t *e = &c->elems[x->n];
        if (t->run || (t->flags & TOK_UNIGRAM) || t->term_len != e->term_len ||
            memcmp(t->term, e->term, e->term_len) != 0)
            x->same = false;
    } else if (x->n > c->count || t->run || !(t->flags & TOK_RUN_END)) {
        x->same = false;
    }
    x->n++;
    return !x->same;
}

static bool
tokenizes_to_chunk(const tok_options_t *tok, const char *s, size_t len,
                   const srch_chunk_t *c)
{
    struct same_ctx x = { c, 0, true };
    if (tok_tokenize(tok, TOK_QUERY, s, len, same_token, &x) != CN_OK)
        return false;
    return x.same && x.n == c->count + 1;
}

static cn_status_t
add_literal(srch_chunk_t *c, const char *s, size_t len)
{
    size_t k = c->literal[0] ? 1 : 0;
    if (k && c->literal_len[0] == len && memcmp(c->literal[0], s, len) == 0)
        return CN_OK;
    if (!(c->literal[k] = malloc(len)))
        return CN_E_NOMEM;
    memcpy(c->literal[k], s, len);
    c->literal_len[k] = len;
    return CN_OK;
}

cn_status_t
srch_literal_make(const tok_options_t *tok, const char *s, size_t len, srch_chunk_t *c)
{
    if (c->count < 2 || c->window)
        return CN_OK;
    for (size_t i = 0; i < c->count; i++)
        if (c->elems[i].wildcard || c->elems[i].run_start)
            return CN_OK;
    cn_status_t st = CN_OK;
    if (all_plain(s, len) && tokenizes_to_chunk(tok, s, len, c))
        st = add_literal(c, s, len);
    /* The normalised form: the first bigram, then the second character
     * of each next one. */
    cn_buf_t norm;
    cn_buf_init(&norm);
    cn_buf_add(&norm, c->elems[0].term, c->elems[0].term_len);
    for (size_t i = 1; i < c->count; i++) {
        const srch_elem_t *e = &c->elems[i];
        size_t first = cn_first_cluster_len(e->term, e->term_len);
        cn_buf_add(&norm, e->term + first, e->term_len - first);
    }
    if (st == CN_OK && norm.data && all_plain(norm.data, norm.len) &&
        tokenizes_to_chunk(tok, norm.data, norm.len, c)) {
        st = add_literal(c, norm.data, norm.len);
        c->literal_whole = st == CN_OK;
    }
    cn_buf_release(&norm);
    return st;
}

bool
srch_literal_in(const srch_chunk_t *c, const char *text, size_t len)
{
    for (int k = 0; k < 2 && c->literal[k]; k++) {
        const char *lit = c->literal[k];
        size_t n = c->literal_len[k];
        const char *p = text, *end = text + len;
        while ((p = memmem(p, (size_t)(end - p), lit, n)) != NULL) {
            if (safe_after(p + n, (size_t)(end - p - n)))
                return true;
            p++;
        }
    }
    return false;
}

int
srch_literal_plainness(const tok_options_t *tok, const char *text, size_t len)
{
    int plain = SRCH_PLAIN_ALL;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        uint32_t cp = b;
        size_t n = b < 0x80 ? 1 : decode(text + i, len - i, &cp);
        if (cp == '(' || cp == 0xFF08) {
            if (may_open_pinyin(text + i + n, len - i - n))
                return SRCH_PLAIN_NONE;
        } else if (cp == '?') {
            if (may_be_lost(prev, text + i + n, len - i - n))
                return SRCH_PLAIN_NONE;
        } else if (b < 0x80) {
            /* ASCII: words, digits, spaces and punctuation, which cut a run */
        } else if (plain_cjk(cp)) {
            if (plain == SRCH_PLAIN_ALL && is_ideograph(cp) && tok_fold_cp(tok, cp) != cp)
                plain = SRCH_PLAIN_NO_HAN_FOLD;
        } else if (!plain_separator(cp) && !plain_other(cp)) {
            return SRCH_PLAIN_NONE;
        }
        prev = cp;
        i += n;
    }
    return plain;
}

bool
srch_literal_absent(const srch_chunk_t *c, int plain)
{
    if (!c->literal_whole || plain == SRCH_PLAIN_NONE)
        return false;
    if (plain == SRCH_PLAIN_ALL)
        return true;
    /* An ideograph of the text may fold into one of the chunk's: sure
     * only for a chunk without ideographs (kana, Hangul). */
    for (int k = 0; k < 2 && c->literal[k]; k++)
        for (size_t i = 0; i < c->literal_len[k];) {
            uint32_t cp;
            i += cn_utf8_decode(c->literal[k] + i, c->literal_len[k] - i, &cp);
            if (is_ideograph(cp))
                return false;
        }
    return true;
}

void
srch_plain_text_reset(srch_plain_text_t *pt)
{
    pt->plain = 0;
    pt->fold_state = 0;
    cn_buf_clear(&pt->folded);
}

void
srch_plain_text_release(srch_plain_text_t *pt)
{
    cn_buf_release(&pt->folded);
    pt->plain = pt->fold_state = 0;
}

/* The folded copy of a text of plainness SRCH_PLAIN_NO_HAN_FOLD: false
 * when an ideograph folds into something that is not a plain ideograph
 * folding to itself (the tokenizer would fold it again). */
static bool
fold_copy(const tok_options_t *tok, const char *text, size_t len, cn_buf_t *out)
{
    cn_buf_clear(out);
    cn_buf_add(out, text, len);
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = decode(text + i, len - i, &cp);
        if (is_ideograph(cp)) {
            uint32_t f = tok_fold_cp(tok, cp);
            if (f != cp) {
                /* Both in U+3400..U+9FFF: three bytes each. */
                if (n != 3 || !is_ideograph(f) || tok_fold_cp(tok, f) != f)
                    return false;
                out->data[i] = (char)(0xE0 | (f >> 12));
                out->data[i + 1] = (char)(0x80 | ((f >> 6) & 0x3F));
                out->data[i + 2] = (char)(0x80 | (f & 0x3F));
            }
        }
        i += n;
    }
    return true;
}

const char *
srch_literal_plain_form(const tok_options_t *tok, const char *text, size_t len,
                        srch_plain_text_t *pt)
{
    if (!pt->plain)
        pt->plain = srch_literal_plainness(tok, text, len);
    if (pt->plain == SRCH_PLAIN_ALL)
        return text;
    if (pt->plain != SRCH_PLAIN_NO_HAN_FOLD)
        return NULL;
    if (!pt->fold_state)
        pt->fold_state = fold_copy(tok, text, len, &pt->folded) ? 1 : -1;
    return pt->fold_state > 0 ? pt->folded.data : NULL;
}

int
srch_literal_check(const tok_options_t *tok, const srch_chunk_t *c, const char *text,
                   size_t len, srch_plain_text_t *pt)
{
    if (srch_literal_in(c, text, len))
        return 1;
    if (!c->literal_whole)
        return -1;
    if (!pt->plain)
        pt->plain = srch_literal_plainness(tok, text, len);
    if (srch_literal_absent(c, pt->plain))
        return 0;
    /* Folded, the text is plain: there a miss of the normalised literal
     * is a sure miss, and every occurrence is safe. */
    const char *plain = srch_literal_plain_form(tok, text, len, pt);
    if (!plain || plain == text)
        return -1;
    return srch_literal_in(c, plain, len) ? 1 : 0;
}

void
srch_literal_release(srch_chunk_t *c)
{
    c->literal_whole = false;
    for (int k = 0; k < 2; k++) {
        free(c->literal[k]);
        c->literal[k] = NULL;
        c->literal_len[k] = 0;
    }
}
