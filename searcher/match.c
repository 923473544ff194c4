/* SPDX-License-Identifier: MIT */
/* match.c - matching query chunks against passage text, and the
 * highlight spans built from it. */
#include "match.h"
#include "buf.h"
#include "literal.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* A token's term lives in srch_text.terms at 'at': one buffer for all,
 * because a malloc per token was the largest cost of the text check. */
typedef struct doc_tok {
    size_t at, len, start, end;
    unsigned flags;
} doc_tok_t;

struct srch_text {
    const char *text;
    doc_tok_t *v;
    size_t count, alloc;
    cn_buf_t terms;
    cn_status_t st;
};

static const char *
term_of(const srch_text_t *l, const doc_tok_t *d)
{
    return l->terms.data + d->at;
}

static int
keep_token(void *vctx, const tok_token_t *t)
{
    srch_text_t *l = vctx;
    if (l->count == l->alloc) {
        size_t n = l->alloc ? l->alloc * 2 : 64;
        doc_tok_t *v = realloc(l->v, n * sizeof(*v));
        if (!v) {
            l->st = CN_E_NOMEM;
            return 1;
        }
        l->v = v;
        l->alloc = n;
    }
    doc_tok_t *d = &l->v[l->count];
    d->at = l->terms.len;
    cn_buf_add(&l->terms, t->term, t->term_len);
    d->len = t->term_len;
    d->start = t->start_off;
    d->end = t->end_off;
    d->flags = t->flags;
    l->count++;
    return 0;
}

void
srch_text_destroy(srch_text_t *t)
{
    if (!t)
        return;
    cn_buf_release(&t->terms);
    free(t->v);
    free(t);
}

cn_status_t
srch_text_create(const tok_options_t *tok, const char *text, size_t len,
                 srch_text_t **out)
{
    *out = NULL;
    srch_text_t *l = calloc(1, sizeof(*l));
    if (!l)
        return CN_E_NOMEM;
    l->text = text;
    cn_buf_init(&l->terms);
    cn_status_t st = tok_tokenize(tok, TOK_DOCUMENT, text, len, keep_token, l);
    if (st == CN_OK)
        st = l->st;
    if (st != CN_OK) {
        srch_text_destroy(l);
        return st;
    }
    *out = l;
    return CN_OK;
}

static int
elem_matches(const srch_elem_t *e, const srch_text_t *l, const doc_tok_t *d)
{
    const char *term = term_of(l, d);
    if (e->run_start && (d->flags & TOK_RUN_START) && !(d->flags & TOK_UNIGRAM))
        return cn_first_cluster_len(term, d->len) == e->term_len &&
               memcmp(term, e->term, e->term_len) == 0;
    if (e->wildcard)
        return d->len >= e->term_len && memcmp(term, e->term, e->term_len) == 0;
    return d->len == e->term_len && memcmp(term, e->term, e->term_len) == 0;
}

/* True if elems[0..count) stand at positions i, i+1, ... of 'l'. */
static bool
phrase_at(const srch_elem_t *elems, size_t count, const srch_text_t *l, size_t i)
{
    if (i + count > l->count)
        return false;
    for (size_t k = 0; k < count; k++)
        if (!elem_matches(&elems[k], l, &l->v[i + k]))
            return false;
    return true;
}

/* True if every element of 'c' matches a distinct token of positions
 * [i, i + width). Elements are placed greedily, exact terms before
 * wildcards, so that a wildcard does not take the token an exact term
 * needs. */
static bool
near_at(const srch_chunk_t *c, const srch_text_t *l, size_t i, size_t width)
{
    size_t end = i + width < l->count ? i + width : l->count;
    bool used[256] = { false };
    if (end - i > sizeof(used))
        end = i + sizeof(used);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < c->count; k++) {
            const srch_elem_t *e = &c->elems[k];
            if ((pass == 0) == (e->wildcard || e->run_start))
                continue;
            size_t j = i;
            while (j < end && (used[j - i] || !elem_matches(e, l, &l->v[j])))
                j++;
            if (j == end)
                return false;
            used[j - i] = true;
        }
    }
    return true;
}

bool
srch_text_has_chunk(const srch_text_t *t, const srch_chunk_t *c)
{
    if (!c->count)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        if (c->window && c->count > 1 ? near_at(c, t, i, c->count + c->window)
                                      : phrase_at(c->elems, c->count, t, i))
            return true;
    }
    return false;
}

cn_status_t
srch_text_chunk_occurrences(const srch_text_t *t, const srch_chunk_t *c, unsigned tag,
                            srch_occ_t **occ, size_t *n, size_t *alloc)
{
    if (!c->count)
        return CN_OK;
    bool near = c->window && c->count > 1;
    size_t width = near ? c->count + c->window : c->count;
    for (size_t i = 0; i < t->count; i++) {
        if (!(near ? near_at(c, t, i, width) : phrase_at(c->elems, c->count, t, i)))
            continue;
        if (*n == *alloc) {
            size_t na = *alloc ? *alloc * 2 : 16;
            srch_occ_t *o = realloc(*occ, na * sizeof(*o));
            if (!o)
                return CN_E_NOMEM;
            *occ = o;
            *alloc = na;
        }
        /* A NEAR chunk is placed in [i, i + width): its extent is taken
         * as a whole, which only overstates the window a little. */
        size_t last = i + (near ? width : c->count) - 1;
        /* The unigram of a run's last character follows its last bigram
         * (tokenizer.h): it belongs to the word, it is no text between
         * the words. */
        if (last + 1 < t->count && (t->v[last + 1].flags & TOK_RUN_END) &&
            !(t->v[last].flags & TOK_UNIGRAM))
            last++;
        /* Likewise the bigram that straddles the word's first character
         * and the one before: words side by side in a CJK run are then
         * adjacent, and the gap counts the characters between them. */
        size_t first = i;
        if (first > 0 && (t->v[first - 1].flags & TOK_CJK) &&
            !(t->v[first - 1].flags & TOK_UNIGRAM) && t->v[first - 1].end > t->v[first].start)
            first--;
        (*occ)[*n].start = first;
        (*occ)[*n].end = last < t->count ? last : t->count - 1;
        (*occ)[*n].chunk = tag;
        (*n)++;
    }
    return CN_OK;
}

static int
cmp_span(const void *a, const void *b)
{
    const srch_span_t *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* A wildcard element matches a bigram, of which only the first character
 * belongs to the query: the span stops after that character. */
static size_t
first_char_end(const char *text, size_t start, size_t end)
{
    uint32_t cp;
    return start + cn_utf8_decode(text + start, end - start, &cp);
}

static cn_status_t
add_span(srch_span_t **out, size_t *n, size_t *alloc, size_t start, size_t end)
{
    if (*n == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 8;
        srch_span_t *o = realloc(*out, na * sizeof(*o));
        if (!o)
            return CN_E_NOMEM;
        *out = o;
        *alloc = na;
    }
    (*out)[*n].start = start;
    (*out)[*n].end = end;
    (*n)++;
    return CN_OK;
}

/* Appends the spans where elems[0..count) occur at consecutive positions
 * of the tokens in 'l' (doc positions are consecutive token indexes). */
static cn_status_t
add_matches(const srch_elem_t *elems, size_t count, const srch_text_t *l,
            srch_span_t **out, size_t *n, size_t *alloc)
{
    for (size_t i = 0; i + count <= l->count; i++) {
        if (!phrase_at(elems, count, l, i))
            continue;
        const doc_tok_t *last = &l->v[i + count - 1];
        const srch_elem_t *le = &elems[count - 1];
        cn_status_t st = add_span(out, n, alloc, l->v[i].start,
                                  (le->wildcard || le->run_start) && !(last->flags & TOK_UNIGRAM)
                                      ? first_char_end(l->text, last->start, last->end)
                                      : last->end);
        if (st != CN_OK)
            return st;
    }
    return CN_OK;
}

/*
 * The spans without tokenizing, when every chunk to highlight has a
 * normalised literal (literal.h) and the text is plain, its ideographs
 * folded if need be (the same length, byte for byte): there the chunk's
 * bigrams stand in a row exactly where its normalised text stands, each
 * occurrence from its first character to its last, overlapping ones
 * included. *done false: tokenize instead.
 */
static cn_status_t
literal_spans(const srch_query_t *q, const tok_options_t *tok, const char *text, size_t len,
              srch_span_t **out, size_t *n, size_t *alloc, bool *done)
{
    *done = false;
    if (q->relaxed)
        return CN_OK;
    bool any = false;
    for (size_t c = 0; c < q->count; c++) {
        const srch_chunk_t *ch = &q->chunks[c];
        if (ch->negated || ch->title_only || !ch->count)
            continue;
        if (!ch->literal_whole)
            return CN_OK;
        any = true;
    }
    srch_plain_text_t pt = SRCH_PLAIN_TEXT_INIT;
    const char *plain = any ? srch_literal_plain_form(tok, text, len, &pt) : NULL;
    if (!plain) {
        srch_plain_text_release(&pt);
        return CN_OK;
    }
    for (size_t c = 0; c < q->count; c++) {
        const srch_chunk_t *ch = &q->chunks[c];
        if (ch->negated || ch->title_only || !ch->count)
            continue;
        /* The normalised literal is the last one (literal.c). */
        int k = ch->literal[1] ? 1 : 0;
        const char *lit = ch->literal[k];
        size_t ln = ch->literal_len[k];
        const char *p = plain, *end = plain + len;
        while (ln && (p = memmem(p, (size_t)(end - p), lit, ln)) != NULL) {
            cn_status_t st = add_span(out, n, alloc, (size_t)(p - plain),
                                      (size_t)(p - plain) + ln);
            if (st != CN_OK) {
                srch_plain_text_release(&pt);
                return st;
            }
            /* Occurrences overlap (哈哈 in 哈哈哈): go on from the next
             * byte; a UTF-8 text cannot match inside a character. */
            p++;
        }
    }
    srch_plain_text_release(&pt);
    *done = true;
    return CN_OK;
}

cn_status_t
srch_query_highlight(const srch_query_t *q, const tok_options_t *tok,
                     const char *text, size_t len, srch_span_t **spans,
                     size_t *count)
{
    *spans = NULL;
    *count = 0;
    srch_text_t *l = NULL;
    srch_span_t *out = NULL;
    size_t n = 0, alloc = 0;
    bool done = false;
    cn_status_t st = literal_spans(q, tok, text, len, &out, &n, &alloc, &done);
    if (st == CN_OK && !done)
        st = srch_text_create(tok, text, len, &l);
    for (size_t c = 0; c < q->count && st == CN_OK && !done; c++) {
        const srch_chunk_t *ch = &q->chunks[c];
        if (ch->negated || ch->title_only || !ch->count)
            continue;
        if (!q->relaxed || ch->alias) {
            st = add_matches(ch->elems, ch->count, l, &out, &n, &alloc);
            continue;
        }
        /* Relaxed: each term where it stands on its own. */
        for (size_t k = 0; k < ch->count && st == CN_OK; k++)
            st = add_matches(&ch->elems[k], 1, l, &out, &n, &alloc);
    }
    srch_text_destroy(l);
    if (st != CN_OK) {
        free(out);
        return st;
    }
    /* Merge overlapping spans (bigram chains overlap by design). */
    if (n) {
        qsort(out, n, sizeof(*out), cmp_span);
        size_t w = 0;
        for (size_t r = 1; r < n; r++) {
            if (out[r].start < out[w].end) {
                if (out[r].end > out[w].end)
                    out[w].end = out[r].end;
            } else {
                out[++w] = out[r];
            }
        }
        n = w + 1;
    }
    *spans = out;
    *count = n;
    return CN_OK;
}
