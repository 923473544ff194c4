/* SPDX-License-Identifier: MIT */
/* query.c - parsing, building and highlighting queries. */
#include "query.h"
#include "buf.h"
#include "schema.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A one-character query must find every passage holding the character,
 * so its wildcard is not capped (0): a cap at the 200 most frequent terms
 * measured 35 ms instead of 90 ms for 的 but lost 11% of its passages
 * (docs/tokenizer.md, "Single-character queries"). */
#define SRCH_WILDCARD_MAX 0

struct chunk_builder {
    srch_chunk_t *chunk;
    cn_status_t st;
    size_t alloc;
    unsigned last_flags;
};

static int
collect_token(void *vctx, const tok_token_t *t)
{
    struct chunk_builder *b = vctx;
    srch_chunk_t *c = b->chunk;
    if (c->count == b->alloc) {
        size_t n = b->alloc ? b->alloc * 2 : 8;
        srch_elem_t *e = realloc(c->elems, n * sizeof(*e));
        if (!e)
            goto nomem;
        c->elems = e;
        b->alloc = n;
    }
    srch_elem_t *e = &c->elems[c->count];
    e->term = malloc(t->term_len + 1);
    if (!e->term)
        goto nomem;
    memcpy(e->term, t->term, t->term_len);
    e->term[t->term_len] = '\0';
    e->term_len = t->term_len;
    e->wildcard = false;
    e->run_start = false;
    c->count++;
    b->last_flags = t->flags;
    return 0;
nomem:
    b->st = CN_E_NOMEM;
    return 1;
}

static void
chunk_release(srch_chunk_t *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->elems[i].term);
    free(c->elems);
    memset(c, 0, sizeof(*c));
}

/* Tokenizes one chunk and applies the end-of-chunk rules (see
 * docs/searching.md): the indexed text may continue the chunk's last run,
 * so its trailing unigram is dropped; a last run of one character matches
 * the first-character term of indexed runs; a chunk of one character
 * matches every term starting with it. */
static cn_status_t
make_chunk(const tok_options_t *tok, const char *s, size_t len, srch_chunk_t *c)
{
    struct chunk_builder b = { c, CN_OK, 0, 0 };
    cn_status_t st = tok_tokenize(tok, TOK_QUERY, s, len, collect_token, &b);
    if (st == CN_OK)
        st = b.st;
    if (st != CN_OK || c->count == 0)
        return st;
    if ((b.last_flags & TOK_RUN_END) && c->count > 1) {
        free(c->elems[c->count - 1].term);
        c->count--;
    } else if ((b.last_flags & TOK_UNIGRAM) && !(b.last_flags & TOK_RUN_END)) {
        if (c->count == 1)
            c->elems[0].wildcard = true;
        else
            c->elems[c->count - 1].run_start = true;
    }
    return CN_OK;
}

static cn_status_t
push_chunk(srch_query_t *q, size_t *alloc, const srch_chunk_t *c)
{
    if (q->count == *alloc) {
        size_t n = *alloc ? *alloc * 2 : 4;
        srch_chunk_t *cs = realloc(q->chunks, n * sizeof(*cs));
        if (!cs)
            return CN_E_NOMEM;
        q->chunks = cs;
        *alloc = n;
    }
    q->chunks[q->count++] = *c;
    return CN_OK;
}

static char *
fmt_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt_error(const char *fmt, ...)
{
    cn_buf_t m = CN_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cn_buf_vaddf(&m, fmt, ap);
    va_end(ap);
    return cn_buf_detach(&m, NULL);
}

static int
is_space(const char *s, size_t i, size_t len, size_t *n)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
        *n = 1;
        return 1;
    }
    uint32_t cp;
    size_t k = cn_utf8_decode(s + i, len - i, &cp);
    if (cp == 0x3000) { /* ideographic space, typed by CJK input methods */
        *n = k;
        return 1;
    }
    return 0;
}

static size_t
column_of(const char *s, size_t off)
{
    size_t col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

cn_status_t
srch_query_parse(const tok_options_t *tok, const char *text, size_t len,
                 srch_query_t *q, char **errmsg)
{
    memset(q, 0, sizeof(*q));
    size_t alloc = 0, i = 0, n;
    cn_status_t st = CN_OK;
    while (i < len && st == CN_OK) {
        if (is_space(text, i, len, &n)) {
            i += n;
            continue;
        }
        srch_chunk_t c;
        memset(&c, 0, sizeof(c));
        if (text[i] == '-' && i + 1 < len && !is_space(text, i + 1, len, &n)) {
            c.negated = true;
            i++;
        }
        size_t start, end;
        if (text[i] == '"') {
            size_t open = i;
            start = ++i;
            while (i < len && text[i] != '"')
                i++;
            if (i >= len) {
                if (errmsg)
                    *errmsg = fmt_error("column %zu: unterminated quote",
                                        column_of(text, open));
                st = CN_E_QUERY_SYNTAX;
                break;
            }
            end = i++;
        } else {
            start = i;
            while (i < len && !is_space(text, i, len, &n))
                i++;
            end = i;
        }
        st = make_chunk(tok, text + start, end - start, &c);
        if (st == CN_OK && c.count)
            st = push_chunk(q, &alloc, &c);
        else
            chunk_release(&c);
    }
    if (st != CN_OK)
        srch_query_release(q);
    return st;
}

void
srch_query_release(srch_query_t *q)
{
    for (size_t i = 0; i < q->count; i++)
        chunk_release(&q->chunks[i]);
    free(q->chunks);
    memset(q, 0, sizeof(*q));
}

/* The chunk as a phrase over the terms with 'prefix' ("" for the body,
 * CN_PREFIX_TITLE for the title). */
static xapc_status_t
build_phrase(const srch_chunk_t *c, const char *prefix, xapc_query_t **out,
             char **errmsg)
{
    xapc_query_t **subs = calloc(c->count, sizeof(*subs));
    if (!subs)
        return XAPC_E_NOMEM;
    xapc_status_t xs = XAPC_OK;
    cn_buf_t t = CN_BUF_INIT;
    for (size_t i = 0; i < c->count && !xs; i++) {
        const srch_elem_t *e = &c->elems[i];
        cn_buf_clear(&t);
        cn_buf_addstr(&t, prefix);
        cn_buf_add(&t, e->term, e->term_len);
        if (e->wildcard)
            xs = xapc_query_wildcard(t.data, t.len, SRCH_WILDCARD_MAX, &subs[i], errmsg);
        else
            xs = xapc_query_term(t.data, t.len, 1, (xapc_termpos_t)(i + 1), &subs[i],
                                 errmsg);
    }
    cn_buf_release(&t);
    if (!xs) {
        if (c->count == 1) {
            *out = subs[0];
            subs[0] = NULL;
        } else {
            xs = xapc_query_combine(XAPC_OP_PHRASE, (const xapc_query_t *const *)subs,
                                    c->count, (uint32_t)c->count, out, errmsg);
        }
    }
    for (size_t i = 0; i < c->count; i++)
        xapc_query_destroy(subs[i]);
    free(subs);
    return xs;
}

/* A chunk matches in the passage or in its article's title. */
static xapc_status_t
build_chunk(const srch_chunk_t *c, xapc_query_t **out, char **errmsg)
{
    xapc_query_t *parts[2] = { NULL, NULL };
    xapc_status_t xs = build_phrase(c, "", &parts[0], errmsg);
    if (!xs)
        xs = build_phrase(c, CN_PREFIX_TITLE, &parts[1], errmsg);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)parts, 2, 0, out,
                                errmsg);
    xapc_query_destroy(parts[0]);
    xapc_query_destroy(parts[1]);
    return xs;
}

cn_status_t
srch_query_build(const srch_query_t *q, xapc_query_t **out, char **errmsg)
{
    *out = NULL;
    xapc_query_t **pos = calloc(q->count + 1, sizeof(*pos));
    xapc_query_t **neg = calloc(q->count + 1, sizeof(*neg));
    size_t npos = 0, nneg = 0;
    xapc_status_t xs = pos && neg ? XAPC_OK : XAPC_E_NOMEM;
    for (size_t i = 0; i < q->count && !xs; i++) {
        xapc_query_t *sub = NULL;
        xs = build_chunk(&q->chunks[i], &sub, errmsg);
        if (!xs) {
            if (q->chunks[i].negated)
                neg[nneg++] = sub;
            else
                pos[npos++] = sub;
        }
    }
    xapc_query_t *all = NULL;
    if (!xs) {
        if (npos == 0)
            xs = xapc_query_match_all(&all, errmsg);
        else
            xs = xapc_query_combine(XAPC_OP_AND, (const xapc_query_t *const *)pos, npos, 0,
                                    &all, errmsg);
    }
    if (!xs && nneg) {
        xapc_query_t **parts = calloc(nneg + 1, sizeof(*parts));
        if (!parts) {
            xs = XAPC_E_NOMEM;
        } else {
            parts[0] = all;
            memcpy(parts + 1, neg, nneg * sizeof(*neg));
            xs = xapc_query_combine(XAPC_OP_AND_NOT, (const xapc_query_t *const *)parts,
                                    nneg + 1, 0, out, errmsg);
            free(parts);
        }
    } else if (!xs) {
        *out = all;
        all = NULL;
    }
    if (nneg)
        xapc_query_destroy(all);
    for (size_t i = 0; i < npos; i++)
        xapc_query_destroy(pos[i]);
    for (size_t i = 0; i < nneg; i++)
        xapc_query_destroy(neg[i]);
    free(pos);
    free(neg);
    if (xs == XAPC_E_NOMEM)
        return CN_E_NOMEM;
    return xs ? CN_E_INTERNAL : CN_OK;
}

/* ---- highlighting -------------------------------------------------- */

typedef struct doc_tok {
    char *term;
    size_t len, start, end;
    unsigned flags;
} doc_tok_t;

struct tok_list {
    doc_tok_t *v;
    size_t count, alloc;
    cn_status_t st;
};

static int
keep_token(void *vctx, const tok_token_t *t)
{
    struct tok_list *l = vctx;
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
    if (!(d->term = malloc(t->term_len ? t->term_len : 1))) {
        l->st = CN_E_NOMEM;
        return 1;
    }
    memcpy(d->term, t->term, t->term_len);
    d->len = t->term_len;
    d->start = t->start_off;
    d->end = t->end_off;
    d->flags = t->flags;
    l->count++;
    return 0;
}

static int
elem_matches(const srch_elem_t *e, const doc_tok_t *d)
{
    if (e->run_start && (d->flags & TOK_RUN_START) && !(d->flags & TOK_UNIGRAM))
        return cn_first_cluster_len(d->term, d->len) == e->term_len &&
               memcmp(d->term, e->term, e->term_len) == 0;
    if (e->wildcard)
        return d->len >= e->term_len && memcmp(d->term, e->term, e->term_len) == 0;
    return d->len == e->term_len && memcmp(d->term, e->term, e->term_len) == 0;
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

cn_status_t
srch_query_highlight(const srch_query_t *q, const tok_options_t *tok,
                     const char *text, size_t len, srch_span_t **spans,
                     size_t *count)
{
    *spans = NULL;
    *count = 0;
    struct tok_list l = { NULL, 0, 0, CN_OK };
    cn_status_t st = tok_tokenize(tok, TOK_DOCUMENT, text, len, keep_token, &l);
    if (st == CN_OK)
        st = l.st;
    srch_span_t *out = NULL;
    size_t n = 0, alloc = 0;
    for (size_t c = 0; c < q->count && st == CN_OK; c++) {
        const srch_chunk_t *ch = &q->chunks[c];
        if (ch->negated || !ch->count)
            continue;
        /* Doc positions are consecutive token indexes, so a phrase is a
         * run of consecutive tokens. */
        for (size_t i = 0; i + ch->count <= l.count; i++) {
            size_t k = 0;
            while (k < ch->count && elem_matches(&ch->elems[k], &l.v[i + k]))
                k++;
            if (k < ch->count)
                continue;
            if (n == alloc) {
                alloc = alloc ? alloc * 2 : 8;
                srch_span_t *o = realloc(out, alloc * sizeof(*o));
                if (!o) {
                    st = CN_E_NOMEM;
                    break;
                }
                out = o;
            }
            const doc_tok_t *last = &l.v[i + ch->count - 1];
            out[n].start = l.v[i].start;
            const srch_elem_t *le = &ch->elems[ch->count - 1];
            out[n].end = (le->wildcard || le->run_start) && !(last->flags & TOK_UNIGRAM)
                             ? first_char_end(text, last->start, last->end)
                             : last->end;
            n++;
        }
    }
    for (size_t i = 0; i < l.count; i++)
        free(l.v[i].term);
    free(l.v);
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
