/* SPDX-License-Identifier: MIT */
/* query.c - parsing, building and highlighting queries. */
#include "query.h"
#include "buf.h"
#include "datewords.h"
#include "hot.h"
#include "literal.h"
#include "schema.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A one-character query must find every passage holding the character,
 * so its wildcard is not capped (0): a cap at the 200 most frequent terms
 * measured 35 ms instead of 90 ms for 的 but lost 11% of its passages
 * (docs/tokenizer.md, "Single-character queries"). */
#define SRCH_WILDCARD_MAX 0

/* Defaults of srch_query_t's entity_weight and date_weight: those of
 * search.weights in config/cjknews.yaml. */
#define SRCH_DEFAULT_ENTITY_BONUS 8.0
#define SRCH_DEFAULT_DATE_BONUS 6.0

/* The weight factor of the other aliases of a word that names an entity
 * (奥特曼 -> 阿尔特曼, Sam Altman): above 1 so that a passage naming the
 * entity outranks one that only shares some of the word's bigrams
 * (relaxed matching), docs/searching.md "People and companies". */
#define SRCH_ENTITY_WEIGHT 2.0

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
    srch_literal_release(c);
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
    return srch_literal_make(tok, s, len, c);
}

/* What collect_chunks() works with. */
struct collect_ctx {
    const tok_options_t *tok;
    const ent_dict_t *dict; /* NULL: no expansion, person:/org: take ids */
    srch_query_t *q;
    size_t alloc;
    size_t err_column;
    char *errmsg;
};

/* A new zeroed chunk at the end of q->chunks; its index in *at. */
static cn_status_t
new_chunk(struct collect_ctx *x, size_t *at)
{
    srch_query_t *q = x->q;
    if (q->count == x->alloc) {
        size_t m = x->alloc ? x->alloc * 2 : 4;
        srch_chunk_t *cs = realloc(q->chunks, m * sizeof(*cs));
        if (!cs)
            return CN_E_NOMEM;
        q->chunks = cs;
        x->alloc = m;
    }
    memset(&q->chunks[q->count], 0, sizeof(q->chunks[0]));
    *at = q->count++;
    return CN_OK;
}

static bool
same_elems(const srch_chunk_t *a, const srch_chunk_t *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (a->elems[i].term_len != b->elems[i].term_len ||
            memcmp(a->elems[i].term, b->elems[i].term, a->elems[i].term_len) != 0)
            return false;
    return true;
}

static char *
entity_term(const ent_entity_t *e)
{
    return cn_strdupf("%s%s", e->type == ENT_PERSON ? CN_PREFIX_PERSON : CN_PREFIX_ORG, e->id);
}

/* A bare word that is a whole alias of an entity: records the entity's
 * term and makes a chunk of each of its other aliases (their phrases give
 * the expansion a BM25 weight and their highlights). */
static cn_status_t
expand_word(struct collect_ctx *x, srch_node_t *n, bool negated)
{
    const ent_entity_t *e = ent_dict_lookup(x->dict, n->text, n->text_len);
    if (!e)
        return CN_OK;
    if (!(n->entity_term = entity_term(e)))
        return CN_E_NOMEM;
    n->alias_first = x->q->count;
    for (size_t i = 0; i < e->alias_count; i++) {
        size_t at;
        cn_status_t st = new_chunk(x, &at);
        if (st != CN_OK)
            return st;
        srch_chunk_t *c = &x->q->chunks[at];
        c->negated = negated;
        c->alias = true;
        st = make_chunk(x->tok, e->aliases[i], strlen(e->aliases[i]), c);
        if (st != CN_OK)
            return st;
        /* The alias as typed, or one giving no term, adds nothing. */
        if (!c->count || same_elems(c, &x->q->chunks[n->chunk])) {
            chunk_release(c);
            x->q->count--;
        }
    }
    n->alias_count = x->q->count - n->alias_first;
    return CN_OK;
}

static bool
is_entity_id(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
              ch == '_' || ch == '-'))
            return false;
    }
    return len > 0;
}

/* "column N: " for a node typed in the query text, "" for one added as
 * a filter (column 0). */
static const char *
at_column(const srch_node_t *n, char buf[32])
{
    buf[0] = '\0';
    if (n->column)
        snprintf(buf, 32, "column %zu: ", n->column);
    return buf;
}

/* person:/org: value -> P<id>/O<id>: an id, or an alias through the
 * dictionary. */
static cn_status_t
resolve_entity(struct collect_ctx *x, srch_node_t *n)
{
    ent_type_t want = n->field == SRCH_FIELD_PERSON ? ENT_PERSON : ENT_ORG;
    const char *name = srch_field_name(n->field);
    char col[32];
    const ent_entity_t *e = NULL;
    if (x->dict) {
        e = ent_dict_find_id(x->dict, n->text, n->text_len);
        if (!e)
            e = ent_dict_lookup(x->dict, n->text, n->text_len);
        if (!e) {
            x->errmsg = cn_strdupf("%s%s:%s: no such %s in the entity dictionary",
                                  at_column(n, col), name, n->text, name);
            goto syntax;
        }
        if (e->type != want) {
            x->errmsg = cn_strdupf("%s%s:%s: '%s' is %s, not %s", at_column(n, col), name,
                                  n->text, e->id,
                                  e->type == ENT_PERSON ? "a person" : "an org",
                                  want == ENT_PERSON ? "a person" : "an org");
            goto syntax;
        }
        return (n->entity_term = entity_term(e)) ? CN_OK : CN_E_NOMEM;
    }
    if (!is_entity_id(n->text, n->text_len)) {
        x->errmsg = cn_strdupf("%s%s:%s: a name needs the entity dictionary "
                              "(cjksearch --dict PATH); without it give an entity id",
                              at_column(n, col), name, n->text);
        goto syntax;
    }
    n->entity_term = cn_strdupf("%s%s", want == ENT_PERSON ? CN_PREFIX_PERSON : CN_PREFIX_ORG,
                               n->text);
    return n->entity_term ? CN_OK : CN_E_NOMEM;
syntax:
    x->err_column = n->column;
    return x->errmsg ? CN_E_QUERY_SYNTAX : CN_E_NOMEM;
}

/* Tokenizes every WORD, PHRASE and title: leaf of the tree into a chunk
 * (node->chunk is its index), marks the chunks under an odd number of
 * NOTs, resolves person:/org: and expands bare words that are aliases. */
static cn_status_t
collect_chunks(struct collect_ctx *x, srch_node_t *n, bool negated)
{
    if (n->kind == SRCH_NODE_AND || n->kind == SRCH_NODE_OR || n->kind == SRCH_NODE_NOT) {
        for (size_t i = 0; i < n->nkids; i++) {
            cn_status_t st = collect_chunks(x, n->kids[i], negated ^ (n->kind == SRCH_NODE_NOT));
            if (st != CN_OK)
                return st;
        }
        return CN_OK;
    }
    if (n->kind == SRCH_NODE_FIELD &&
        (n->field == SRCH_FIELD_PERSON || n->field == SRCH_FIELD_ORG))
        return resolve_entity(x, n);
    if (n->kind == SRCH_NODE_FIELD && n->field != SRCH_FIELD_TITLE)
        return CN_OK;
    cn_status_t st = new_chunk(x, &n->chunk);
    if (st != CN_OK)
        return st;
    srch_chunk_t *c = &x->q->chunks[n->chunk];
    c->negated = negated;
    c->title_only = n->kind == SRCH_NODE_FIELD;
    c->window = n->window;
    st = make_chunk(x->tok, n->text, n->text_len, c);
    if (st == CN_OK && n->kind == SRCH_NODE_WORD)
        srch_date_word_key(n->text, n->text_len, c->date_key);
    if (st == CN_OK && n->kind == SRCH_NODE_WORD && x->dict)
        st = expand_word(x, n, negated);
    return st;
}

cn_status_t
srch_query_parse_dict(const tok_options_t *tok, const ent_dict_t *dict, const char *text,
                      size_t len, srch_query_t *q, char **errmsg)
{
    memset(q, 0, sizeof(*q));
    q->entity_weight = SRCH_DEFAULT_ENTITY_BONUS;
    q->date_weight = SRCH_DEFAULT_DATE_BONUS;
    size_t column = 0;
    cn_status_t st = srch_qparse(text, len, &q->root, &column, errmsg);
    struct collect_ctx x = { tok, dict, q, 0, 0, NULL };
    if (st == CN_OK && q->root) {
        st = collect_chunks(&x, q->root, false);
        column = x.err_column;
        if (errmsg)
            *errmsg = x.errmsg;
        else
            free(x.errmsg);
    }
    if (st != CN_OK) {
        srch_query_release(q);
        q->error_column = column;
    }
    return st;
}

cn_status_t
srch_query_parse(const tok_options_t *tok, const char *text, size_t len,
                 srch_query_t *q, char **errmsg)
{
    return srch_query_parse_dict(tok, NULL, text, len, q, errmsg);
}

cn_status_t
srch_query_add_filter(srch_query_t *q, srch_field_t field, const char *value,
                      size_t len, char **errmsg)
{
    return srch_query_add_filter_dict(q, NULL, NULL, field, value, len, errmsg);
}

cn_status_t
srch_query_add_filter_dict(srch_query_t *q, const tok_options_t *tok, const ent_dict_t *dict,
                           srch_field_t field, const char *value, size_t len, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (field == SRCH_FIELD_DATE) {
        int is_range;
        char lo[11], hi[11];
        const char *why = NULL;
        if (srch_date_value(value, len, &is_range, lo, hi, &why) != CN_OK) {
            if (errmsg)
                *errmsg = cn_strdupf("date filter '%.*s': %s", (int)len, value, why);
            return CN_E_QUERY_SYNTAX;
        }
    }
    /* title: needs the tokenizer; without it (the old entry point) only
     * the boolean filters are taken. */
    bool needs_tok = field == SRCH_FIELD_TITLE || field == SRCH_FIELD_PERSON ||
                     field == SRCH_FIELD_ORG;
    if (field == SRCH_FIELD_NONE || (needs_tok && !tok) || len == 0) {
        if (errmsg)
            *errmsg = cn_strdupf(tok ? "a filter wants a value"
                                     : "a filter wants date, source or lang and a value");
        return CN_E_QUERY_SYNTAX;
    }
    srch_node_t *f = NULL;
    cn_status_t st = srch_node_field_create(field, value, len, &f);
    if (st != CN_OK)
        return st;
    /* --since, --until and scripted filters are about the article's own
     * date (docs/searching.md). */
    f->article_only = 1;
    f->column = 0; /* not typed in the query: messages name the filter */
    if (needs_tok) {
        /* The same resolution as the query language: title: becomes a
         * title-only chunk, person:/org: an entity term (column 0: the
         * value was not typed in the query text). */
        struct collect_ctx x = { tok, dict, q, q->count, 0, NULL };
        st = collect_chunks(&x, f, false);
        if (st != CN_OK) {
            if (errmsg)
                *errmsg = x.errmsg;
            else
                free(x.errmsg);
            srch_node_destroy(f);
            return st;
        }
    }
    if (!q->root) {
        q->root = f;
        return CN_OK;
    }
    return srch_node_and_create(q->root, f, &q->root);
}

void
srch_query_release(srch_query_t *q)
{
    for (size_t i = 0; i < q->count; i++)
        chunk_release(&q->chunks[i]);
    free(q->chunks);
    srch_node_destroy(q->root);
    memset(q, 0, sizeof(*q));
}

/* Replaces *q by itself tagged as the score component 'tag' (--explain). */
static xapc_status_t
retag(xapc_query_t **q, const char *tag, char **errmsg)
{
    xapc_query_t *tagged = NULL;
    xapc_status_t xs = xapc_query_tag(*q, tag, &tagged, errmsg);
    if (!xs) {
        xapc_query_destroy(*q);
        *q = tagged;
    }
    return xs;
}

/* The component a term or phrase over 'prefix' scores as. */
static const char *
prefix_tag(const char *prefix)
{
    return *prefix ? "title" : "body";
}

/* The index query of one element, its term already after 'prefix' in
 * 't': a one-character element (a one-character chunk, or the run_start
 * end of one) is the character's unigram where that finds every passage
 * it should: a hot character's, or for run_start the first-character term
 * a schema 5 index has. Else it is the wildcard over the terms starting
 * with it (tokenizer/hot.h). */
static xapc_status_t
elem_query(const srch_query_t *q, const srch_elem_t *e, const cn_buf_t *t, size_t pos,
           xapc_query_t **out, char **errmsg)
{
    bool one_term = !e->wildcard && !e->run_start;
    if (!one_term)
        one_term = tok_hot_has(q->hot, e->term, e->term_len) ||
                   (e->run_start && q->run_start_terms);
    if (!one_term)
        return xapc_query_wildcard(t->data, t->len, SRCH_WILDCARD_MAX, out, errmsg);
    return xapc_query_term(t->data, t->len, 1, (xapc_termpos_t)pos, out, errmsg);
}

/* The chunk over the terms with 'prefix' ("" for the body,
 * CN_PREFIX_TITLE for the title): the AND of its terms. The index stores
 * no positions, so this finds a superset of the passages where the terms
 * stand as a phrase (or, for "..."~N, within count + N positions); the
 * text check of verify.c keeps the true ones (docs/index-schema.md). */
static xapc_status_t
build_phrase(const srch_query_t *q, const srch_chunk_t *c, const char *prefix,
             xapc_query_t **out, char **errmsg)
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
        xs = elem_query(q, e, &t, i + 1, &subs[i], errmsg);
    }
    cn_buf_release(&t);
    if (!xs) {
        if (c->count == 1) {
            *out = subs[0];
            subs[0] = NULL;
        } else {
            xs = xapc_query_combine(XAPC_OP_AND, (const xapc_query_t *const *)subs,
                                    c->count, 0, out, errmsg);
        }
    }
    for (size_t i = 0; i < c->count; i++)
        xapc_query_destroy(subs[i]);
    free(subs);
    if (!xs)
        xs = retag(out, prefix_tag(prefix), errmsg);
    return xs;
}

/* A chunk matches in the passage or in its article's title. */
static xapc_status_t
build_exact(const srch_query_t *q, const srch_chunk_t *c, xapc_query_t **out, char **errmsg)
{
    if (c->title_only)
        return build_phrase(q, c, CN_PREFIX_TITLE, out, errmsg);
    xapc_query_t *parts[2] = { NULL, NULL };
    xapc_status_t xs = build_phrase(q, c, "", &parts[0], errmsg);
    if (!xs)
        xs = build_phrase(q, c, CN_PREFIX_TITLE, &parts[1], errmsg);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)parts, 2, 0, out,
                                errmsg);
    xapc_query_destroy(parts[0]);
    xapc_query_destroy(parts[1]);
    return xs;
}

/* Relaxed: any of the chunk's terms, in body or title, each weighted by
 * BM25 on its own. Passages holding the words as typed are ranked first
 * afterwards, on their text (rerank.c): without positions the index
 * cannot tell them apart. */
static xapc_status_t
build_relaxed(const srch_query_t *q, const srch_chunk_t *c, xapc_query_t **out, char **errmsg)
{
    if (c->count == 1)
        return build_exact(q, c, out, errmsg);
    const char *prefixes[2] = { "", CN_PREFIX_TITLE };
    size_t nprefix = c->title_only ? 1 : 2, n = 0;
    if (c->title_only)
        prefixes[0] = CN_PREFIX_TITLE;
    xapc_query_t **terms = calloc(c->count * 2, sizeof(*terms));
    if (!terms)
        return XAPC_E_NOMEM;
    xapc_status_t xs = XAPC_OK;
    cn_buf_t t = CN_BUF_INIT;
    for (size_t p = 0; p < nprefix && !xs; p++) {
        for (size_t i = 0; i < c->count && !xs; i++) {
            const srch_elem_t *e = &c->elems[i];
            cn_buf_clear(&t);
            cn_buf_addstr(&t, prefixes[p]);
            cn_buf_add(&t, e->term, e->term_len);
            xs = elem_query(q, e, &t, i + 1, &terms[n++], errmsg);
            if (!xs)
                xs = retag(&terms[n - 1], prefix_tag(prefixes[p]), errmsg);
        }
    }
    cn_buf_release(&t);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)terms, n, 0, out,
                                errmsg);
    for (size_t i = 0; i < n; i++)
        xapc_query_destroy(terms[i]);
    free(terms);
    return xs;
}

static xapc_status_t
build_chunk(const srch_query_t *q, const srch_chunk_t *c, xapc_query_t **out,
            char **errmsg)
{
    return q->relaxed ? build_relaxed(q, c, out, errmsg) : build_exact(q, c, out, errmsg);
}

/* BCP 47 canonical case, as the records' tags are written: language
 * lower case, 4-letter script title case, 2-letter region upper case
 * (zh-hant-tw -> zh-Hant-TW). */
static void
add_lang_tag(cn_buf_t *b, const char *v, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && v[i] != '-' && v[i] != '_')
            continue;
        size_t n = i - start;
        for (size_t k = start; k < i; k++) {
            char ch = v[k];
            bool upper = start > 0 && (n == 2 || (n == 4 && k == start));
            if (upper && ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 32);
            else if (!upper && ch >= 'A' && ch <= 'Z')
                ch = (char)(ch + 32);
            cn_buf_addch(b, ch);
        }
        if (i < len)
            cn_buf_addch(b, '-');
        start = i + 1;
    }
}

/* OR of two queries, both destroyed. */
static xapc_status_t
or2(xapc_query_t *a, xapc_query_t *b, xapc_query_t **out, char **errmsg)
{
    xapc_query_t *parts[2] = { a, b };
    xapc_status_t xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)parts, 2,
                                          0, out, errmsg);
    xapc_query_destroy(a);
    xapc_query_destroy(b);
    return xs;
}

/* 'sub' (destroyed) as evidence worth 'weight' per match, tagged 'tag';
 * with weight 0, a plain filter. */
static xapc_status_t
evidence(xapc_query_t *sub, double weight, const char *tag, xapc_query_t **out,
         char **errmsg)
{
    xapc_query_t *w = NULL;
    xapc_status_t xs = xapc_query_const_weight(sub, weight, &w, errmsg);
    xapc_query_destroy(sub);
    if (!xs)
        xs = xapc_query_tag(w, tag, out, errmsg);
    xapc_query_destroy(w);
    return xs;
}

/* 'sub' (destroyed) with no weight. */
static xapc_status_t
unweighted(xapc_query_t *sub, xapc_query_t **out, char **errmsg)
{
    xapc_status_t xs = xapc_query_scale(sub, 0, out, errmsg);
    xapc_query_destroy(sub);
    return xs;
}

/* date: matches the article's date (D terms, slot 0) or a date the
 * passage mentions (DM terms, slot 3), unless the filter is about the
 * article only (--since, --until, scripted filters). A mentioned day,
 * month or year adds q->date_weight (the DM term); the article's date
 * and ranges (value slots) only filter. */
static xapc_status_t
build_date(const srch_query_t *qq, const srch_node_t *n, xapc_query_t **out,
           char **errmsg)
{
    int is_range;
    char lo[11], hi[11];
    const char *why;
    if (srch_date_value(n->text, n->text_len, &is_range, lo, hi, &why) != CN_OK)
        return XAPC_E_INVALID_ARGUMENT; /* the parser checked it */
    xapc_query_t *art = NULL, *men = NULL;
    xapc_status_t xs;
    if (is_range) {
        xs = xapc_query_value_range(CN_SLOT_DATE, *lo ? lo : NULL, strlen(lo),
                                    *hi ? hi : NULL, strlen(hi), &art, errmsg);
        if (!xs && !n->article_only)
            xs = xapc_query_value_range(CN_SLOT_MENTIONED_DATE, *lo ? lo : NULL, strlen(lo),
                                        *hi ? hi : NULL, strlen(hi), &men, errmsg);
    } else {
        cn_buf_t t = CN_BUF_INIT;
        cn_buf_addf(&t, "%s%s", CN_PREFIX_DATE, lo);
        xs = xapc_query_term(t.data, t.len, 1, 0, &art, errmsg);
        cn_buf_clear(&t);
        cn_buf_addf(&t, "%s%s", CN_PREFIX_MENTIONED_DATE, lo);
        if (!xs && !n->article_only)
            xs = xapc_query_term(t.data, t.len, 1, 0, &men, errmsg);
        cn_buf_release(&t);
        if (!xs && men) {
            xapc_query_t *m = men;
            men = NULL;
            xs = evidence(m, qq->date_weight, "date", &men, errmsg);
        }
    }
    if (!xs && art) {
        xapc_query_t *a = art;
        art = NULL;
        xs = unweighted(a, &art, errmsg);
    }
    if (!xs && men && is_range) {
        xapc_query_t *m = men;
        men = NULL;
        xs = unweighted(m, &men, errmsg);
    }
    if (xs || !men) {
        xapc_query_destroy(men);
        if (xs)
            xapc_query_destroy(art);
        else
            *out = art;
        return xs;
    }
    return or2(art, men, out, errmsg);
}

cn_status_t
srch_filter_term(const srch_node_t *n, cn_buf_t *t)
{
    if (n->field == SRCH_FIELD_PERSON || n->field == SRCH_FIELD_ORG) {
        if (!n->entity_term)
            return CN_E_INVALID_ARGUMENT;
        cn_buf_addstr(t, n->entity_term);
    } else if (n->field == SRCH_FIELD_SOURCE) {
        cn_buf_addstr(t, CN_PREFIX_SOURCE);
        for (size_t i = 0; i < n->text_len; i++) {
            char ch = n->text[i];
            cn_buf_addch(t, ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch);
        }
    } else if (n->field == SRCH_FIELD_LANG) {
        cn_buf_addstr(t, CN_PREFIX_LANG);
        add_lang_tag(t, n->text, n->text_len);
    } else {
        return CN_E_INVALID_ARGUMENT;
    }
    return CN_OK;
}

/* source:, lang:, date:, person:, org: as boolean filters: source: and
 * lang: scaled to weight 0 so that they restrict without adding to the
 * score wherever they appear; person:/org: add q->entity_weight, a
 * mentioned date q->date_weight (build_date). */
static xapc_status_t
build_filter(const srch_query_t *qq, const srch_node_t *n, xapc_query_t **out,
             char **errmsg)
{
    cn_buf_t t = CN_BUF_INIT;
    xapc_query_t *q = NULL;
    xapc_status_t xs;
    if (n->field == SRCH_FIELD_DATE) {
        return build_date(qq, n, out, errmsg);
    } else {
        if (srch_filter_term(n, &t) != CN_OK)
            return XAPC_E_INVALID_ARGUMENT; /* collect_chunks resolved it */
        xs = xapc_query_term(t.data, t.len, 1, 0, &q, errmsg);
    }
    cn_buf_release(&t);
    if (xs)
        return xs;
    if (n->field == SRCH_FIELD_PERSON || n->field == SRCH_FIELD_ORG)
        return evidence(q, qq->entity_weight, "entity", out, errmsg);
    return unweighted(q, out, errmsg);
}

/* A bare word that is an alias: OR(the word as typed, its entity's term,
 * SRCH_ENTITY_WEIGHT * SYNONYM(the phrases of its other aliases)). The
 * entity term is a boolean term (no BM25 weight of its own); the alias
 * phrases carry the weight, as one synonym so that a passage naming the
 * person in three scripts does not count three times, docs/searching.md
 * "People and companies". */
static xapc_status_t
build_expanded(const srch_query_t *q, const srch_node_t *n, xapc_query_t *word,
               xapc_query_t **out, char **errmsg)
{
    size_t cap = n->alias_count + 3, np = 0;
    xapc_query_t **parts = calloc(cap, sizeof(*parts));
    xapc_query_t **alias = calloc(n->alias_count + 1, sizeof(*alias));
    size_t na = 0;
    xapc_status_t xs = parts && alias ? XAPC_OK : XAPC_E_NOMEM;
    if (!xs && word)
        parts[np++] = word;
    else
        xapc_query_destroy(word);
    xapc_query_t *ent = NULL;
    if (!xs)
        xs = xapc_query_term(n->entity_term, strlen(n->entity_term), 1, 0, &ent, errmsg);
    if (!xs)
        xs = evidence(ent, q->entity_weight, "entity", &parts[np++], errmsg);
    for (size_t i = 0; i < n->alias_count && !xs; i++)
        xs = build_exact(q, &q->chunks[n->alias_first + i], &alias[na++], errmsg);
    if (!xs && na) {
        xapc_query_t *any = NULL;
        xs = xapc_query_combine(XAPC_OP_SYNONYM, (const xapc_query_t *const *)alias, na, 0, &any,
                                errmsg);
        if (!xs)
            xs = retag(&any, "alias", errmsg);
        if (!xs)
            xs = xapc_query_scale(any, SRCH_ENTITY_WEIGHT, &parts[np++], errmsg);
        xapc_query_destroy(any);
    }
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)parts, np, 0, out,
                                errmsg);
    for (size_t i = 0; parts && i < np; i++)
        xapc_query_destroy(parts[i]);
    for (size_t i = 0; alias && i < na; i++)
        xapc_query_destroy(alias[i]);
    free(parts);
    free(alias);
    return xs;
}

/* A word that is a date (c->date_key): OR(the word, the passages that
 * mention the date), the mention weighing q->date_weight; a year only
 * boosts (AND_MAYBE): it is too wide a net to match by. *word is
 * replaced; NULL (nothing searchable in the word) stays the mention. */
static xapc_status_t
add_date_word(const srch_query_t *q, const srch_chunk_t *c, xapc_query_t **word,
              char **errmsg)
{
    xapc_query_t *men = NULL;
    xapc_status_t xs = srch_date_word_query(c->date_key, q->date_weight, q->dm_years,
                                            q->dm_year_count, &men, errmsg);
    if (xs || !men)
        return xs;
    if (!*word) {
        if (srch_date_word_is_year(c->date_key))
            xapc_query_destroy(men);
        else
            *word = men;
        return XAPC_OK;
    }
    xapc_query_t *parts[2] = { *word, men };
    xapc_query_t *both = NULL;
    xs = xapc_query_combine(srch_date_word_is_year(c->date_key) ? XAPC_OP_AND_MAYBE
                                                                : XAPC_OP_OR,
                            (const xapc_query_t *const *)parts, 2, 0, &both, errmsg);
    xapc_query_destroy(men);
    if (!xs) {
        xapc_query_destroy(*word);
        *word = both;
    }
    return xs;
}

static xapc_status_t build_node(const srch_query_t *q, const srch_node_t *n,
                                xapc_query_t **out, char **errmsg);

/* Whether a chunk's Xapian query matches exactly the passages where it
 * occurs: one term (or one wildcard) does; the AND of several terms is a
 * superset. Relaxed matching wants any of the terms and is not checked on
 * the text (its ranking is, rerank.c); the alias phrases it adds are then
 * the AND of their terms. */
static bool
chunk_exact(const srch_query_t *q, const srch_chunk_t *c)
{
    return q->relaxed || c->count <= 1;
}

static bool
node_exact(const srch_query_t *q, const srch_node_t *n)
{
    switch (n->kind) {
    case SRCH_NODE_FIELD:
        return n->field != SRCH_FIELD_TITLE || chunk_exact(q, &q->chunks[n->chunk]);
    case SRCH_NODE_WORD:
    case SRCH_NODE_PHRASE:
        for (size_t i = 0; n->entity_term && i < n->alias_count; i++)
            if (!chunk_exact(q, &q->chunks[n->alias_first + i]))
                return false;
        return chunk_exact(q, &q->chunks[n->chunk]);
    case SRCH_NODE_NOT:
        return node_exact(q, n->kids[0]);
    case SRCH_NODE_AND:
    case SRCH_NODE_OR:
        for (size_t i = 0; i < n->nkids; i++)
            if (!node_exact(q, n->kids[i]))
                return false;
        return true;
    }
    return false;
}

bool
srch_query_exact(const srch_query_t *q)
{
    return !q->root || node_exact(q, q->root);
}

/* Everything but 'sub': the NOT of a query. */
static xapc_status_t
build_not(xapc_query_t *sub, xapc_query_t **out, char **errmsg)
{
    xapc_query_t *parts[2] = { NULL, sub };
    xapc_status_t xs = xapc_query_match_all(&parts[0], errmsg);
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_AND_NOT, (const xapc_query_t *const *)parts, 2, 0,
                                out, errmsg);
    xapc_query_destroy(parts[0]);
    return xs;
}

static bool
is_filter(const srch_node_t *n)
{
    return n->kind == SRCH_NODE_FIELD && n->field != SRCH_FIELD_TITLE;
}

/* The positive parts of a relaxed AND: the scored ones ORed (any of them
 * will do), ANDed with the filters (source:, lang:, date:), which still
 * hold. filter[i] tells which pos[i] is a filter. */
static xapc_status_t
combine_relaxed_and(xapc_query_t **pos, const bool *filter, size_t npos,
                    xapc_query_t **out, char **errmsg)
{
    xapc_query_t **scored = calloc(npos, sizeof(*scored));
    xapc_query_t **must = calloc(npos + 1, sizeof(*must));
    size_t nscored = 0, nmust = 0;
    xapc_status_t xs = scored && must ? XAPC_OK : XAPC_E_NOMEM;
    for (size_t i = 0; i < npos && !xs; i++) {
        if (filter[i])
            must[nmust++] = pos[i];
        else
            scored[nscored++] = pos[i];
    }
    xapc_query_t *any = NULL;
    if (!xs && nscored)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)scored, nscored, 0,
                                &any, errmsg);
    if (!xs && any)
        must[nmust++] = any;
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_AND, (const xapc_query_t *const *)must, nmust, 0,
                                out, errmsg);
    xapc_query_destroy(any);
    free(scored);
    free(must);
    return xs;
}

/* AND: the positive kids ANDed (all documents when there are none), then
 * AND_NOT the negated ones. OR: the kids ORed. Kids with nothing
 * searchable drop out; if all do, so does the node. */
static xapc_status_t
build_list(const srch_query_t *q, const srch_node_t *n, xapc_query_t **out, char **errmsg)
{
    xapc_query_t **pos = calloc(n->nkids + 1, sizeof(*pos));
    xapc_query_t **neg = calloc(n->nkids + 1, sizeof(*neg));
    bool *filter = calloc(n->nkids + 1, sizeof(*filter));
    size_t npos = 0, nneg = 0, nskipped = 0;
    xapc_status_t xs = pos && neg && filter ? XAPC_OK : XAPC_E_NOMEM;
    bool is_and = n->kind == SRCH_NODE_AND;
    for (size_t i = 0; i < n->nkids && !xs; i++) {
        const srch_node_t *k = n->kids[i];
        xapc_query_t *sub = NULL;
        if (is_and && k->kind == SRCH_NODE_NOT && !node_exact(q, k->kids[0])) {
            /* Excluding on a superset would exclude too much: the text
             * check excludes it (verify.c). The node still stands for
             * "everything but", even when it is the only kid. */
            nskipped++;
        } else if (is_and && k->kind == SRCH_NODE_NOT) {
            xs = build_node(q, k->kids[0], &sub, errmsg);
            if (sub)
                neg[1 + nneg++] = sub;
        } else {
            xs = build_node(q, k, &sub, errmsg);
            if (sub) {
                filter[npos] = is_filter(k);
                pos[npos++] = sub;
            }
        }
    }
    xapc_query_t *all = NULL;
    if (!xs && is_and && q->relaxed && npos > 1) {
        xs = combine_relaxed_and(pos, filter, npos, &all, errmsg);
    } else if (!xs && npos == 1) {
        all = pos[0];
        pos[0] = NULL;
    } else if (!xs && npos > 1) {
        xs = xapc_query_combine(is_and ? XAPC_OP_AND : XAPC_OP_OR,
                                (const xapc_query_t *const *)pos, npos, 0, &all, errmsg);
    } else if (!xs && (nneg || nskipped)) {
        xs = xapc_query_match_all(&all, errmsg);
    }
    if (!xs && nneg) {
        neg[0] = all;
        xs = xapc_query_combine(XAPC_OP_AND_NOT, (const xapc_query_t *const *)neg, nneg + 1,
                                0, out, errmsg);
    } else if (!xs) {
        *out = all;
        all = NULL;
    }
    xapc_query_destroy(all);
    for (size_t i = 0; pos && i < npos; i++)
        xapc_query_destroy(pos[i]);
    for (size_t i = 1; neg && i <= nneg; i++)
        xapc_query_destroy(neg[i]);
    free(pos);
    free(neg);
    free(filter);
    return xs;
}

/* *out stays NULL for a node with nothing searchable. */
static xapc_status_t
build_node(const srch_query_t *q, const srch_node_t *n, xapc_query_t **out, char **errmsg)
{
    *out = NULL;
    switch (n->kind) {
    case SRCH_NODE_FIELD:
        if (n->field != SRCH_FIELD_TITLE)
            return build_filter(q, n, out, errmsg);
        if (!q->chunks[n->chunk].count)
            return XAPC_OK;
        return build_chunk(q, &q->chunks[n->chunk], out, errmsg);
    case SRCH_NODE_WORD:
    case SRCH_NODE_PHRASE: {
        xapc_query_t *word = NULL;
        xapc_status_t xs = XAPC_OK;
        if (q->chunks[n->chunk].count)
            xs = build_chunk(q, &q->chunks[n->chunk], &word, errmsg);
        if (!xs && n->entity_term)
            xs = build_expanded(q, n, word, &word, errmsg);
        if (!xs && q->chunks[n->chunk].date_key[0])
            xs = add_date_word(q, &q->chunks[n->chunk], &word, errmsg);
        *out = word;
        return xs;
    }
    case SRCH_NODE_NOT: {
        /* As in build_list: a superset is not excluded here but by the
         * text check, so the NOT matches everything for now. */
        if (!node_exact(q, n->kids[0]))
            return xapc_query_match_all(out, errmsg);
        xapc_query_t *sub = NULL;
        xapc_status_t xs = build_node(q, n->kids[0], &sub, errmsg);
        if (!xs && sub)
            xs = build_not(sub, out, errmsg);
        xapc_query_destroy(sub);
        return xs;
    }
    case SRCH_NODE_AND:
    case SRCH_NODE_OR:
        return build_list(q, n, out, errmsg);
    }
    return XAPC_E_INTERNAL;
}

cn_status_t
srch_query_build(const srch_query_t *q, xapc_query_t **out, char **errmsg)
{
    *out = NULL;
    if (!q->root)
        return CN_OK;
    xapc_status_t xs = build_node(q, q->root, out, errmsg);
    if (xs == XAPC_E_NOMEM)
        return CN_E_NOMEM;
    return xs ? CN_E_INTERNAL : CN_OK;
}
