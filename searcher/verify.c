/* SPDX-License-Identifier: MIT */
/* verify.c - evaluating the query tree on a candidate passage. */
#include "verify.h"
#include "buf.h"
#include "datewords.h"
#include "literal.h"
#include "match.h"

#include <stdlib.h>
#include <string.h>

struct srch_verify {
    const srch_query_t *q;
    const tok_options_t *tok;
    cn_status_t err;
    unsigned long checked, kept;
    /* The current candidate; its texts are tokenized when first needed. */
    const cn_record_t *rec;
    xapc_matchdoc_t *doc;
    srch_text_t *text, *title;
    srch_plain_text_t text_plain, title_plain; /* what the fast checks learnt */
    cn_status_t st;
    cn_buf_t term;
    /* The title of the last article whose passage 0 was read for it (a
     * record that leaves it there, schema.h), by article key: the matcher
     * sees candidates in id order, so an article's passages in a row. */
    cn_buf_t first_key, first_title;
    bool have_first;
};

/* Node values: a node with nothing searchable drops out of its parent,
 * as it does from the Xapian query (query.c, build_list). */
enum { V_FALSE = 0, V_TRUE = 1, V_NONE = -1 };

cn_status_t
srch_verify_create(const srch_query_t *q, const tok_options_t *tok, srch_verify_t **out)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return CN_E_NOMEM;
    (*out)->q = q;
    (*out)->tok = tok;
    cn_buf_init(&(*out)->term);
    cn_buf_init(&(*out)->first_key);
    cn_buf_init(&(*out)->first_title);
    cn_buf_init(&(*out)->text_plain.folded);
    cn_buf_init(&(*out)->title_plain.folded);
    return CN_OK;
}

static void
forget_candidate(srch_verify_t *v)
{
    srch_text_destroy(v->text);
    srch_text_destroy(v->title);
    v->text = v->title = NULL;
    srch_plain_text_reset(&v->text_plain);
    srch_plain_text_reset(&v->title_plain);
    v->rec = NULL;
    v->doc = NULL;
}

void
srch_verify_destroy(srch_verify_t *v)
{
    if (!v)
        return;
    forget_candidate(v);
    srch_plain_text_release(&v->text_plain);
    srch_plain_text_release(&v->title_plain);
    cn_buf_release(&v->term);
    cn_buf_release(&v->first_key);
    cn_buf_release(&v->first_title);
    free(v);
}

static bool
in_text(srch_verify_t *v, srch_text_t **t, srch_plain_text_t *plain, const char *s, size_t len,
        const srch_chunk_t *c)
{
    /* Most candidates of a common word hold it as typed, and most
     * others are plain text (folded if need be) that would have to:
     * either way found without tokenizing (literal.h). */
    if (!*t) {
        int fast = srch_literal_check(v->tok, c, s, len, plain);
        if (fast >= 0)
            return fast == 1;
    } else if (srch_literal_in(c, s, len)) {
        return true;
    }
    if (!*t && v->st == CN_OK)
        v->st = srch_text_create(v->tok, s, len, t);
    return *t && srch_text_has_chunk(*t, c);
}

/* The candidate's title when its record leaves it to its article's
 * passage 0: read from there once per article. False (v->st set) when it
 * cannot be read. */
static bool
shared_title(srch_verify_t *v, const char **title, size_t *len)
{
    const char *key, *data;
    size_t klen, dlen;
    if (xapc_matchdoc_value(v->doc, CN_SLOT_ARTICLE, &key, &klen)) {
        v->st = CN_E_DB;
        return false;
    }
    if (!v->have_first || v->first_key.len != klen || memcmp(v->first_key.data, key, klen)) {
        cn_record_t first;
        v->have_first = false;
        if (xapc_matchdoc_sibling_data(v->doc, v->rec->passage_no, CN_SLOT_ARTICLE, &data,
                                       &dlen)) {
            v->st = CN_E_DB;
            return false;
        }
        /* Its key: the id arithmetic found the right article. */
        if (cn_record_decode(data, dlen, &first) != CN_OK || first.passage_no ||
            first.shared || !cn_article_key_is(key, klen, first.article_id, first.article_id_len)) {
            v->st = CN_E_DB_CORRUPT;
            return false;
        }
        cn_buf_clear(&v->first_key);
        cn_buf_add(&v->first_key, key, klen);
        cn_buf_clear(&v->first_title);
        cn_buf_add(&v->first_title, first.title, first.title_len);
        v->have_first = true;
    }
    *title = v->first_title.data;
    *len = v->first_title.len;
    return true;
}

static bool
chunk_in_title(srch_verify_t *v, const srch_chunk_t *c)
{
    const char *title = v->rec->title;
    size_t len = v->rec->title_len;
    if (v->rec->shared && !shared_title(v, &title, &len))
        return false;
    return in_text(v, &v->title, &v->title_plain, title, len, c);
}

/* Body chunks match in the passage or in its article's title, as the
 * index query did (query.c, build_exact). */
static bool
chunk_anywhere(srch_verify_t *v, const srch_chunk_t *c)
{
    return in_text(v, &v->text, &v->text_plain, v->rec->text, v->rec->text_len, c) ||
           chunk_in_title(v, c);
}

static bool
has_prefix(const char *t, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(t, prefix, n) == 0;
}

/* The index keeps no termlist (docs/index-schema.md, "No termlist"): a
 * passage's filter terms are read from CN_SLOT_TERMS, except those that
 * the stored record and the date slot already hold (D, XS, L), which
 * would more than double that slot. */
static bool
has_term(srch_verify_t *v, const char *t, size_t len)
{
    bool has = false;
    if (v->st != CN_OK)
        return false;
    if (has_prefix(t, len, CN_PREFIX_DATE) && !has_prefix(t, len, CN_PREFIX_MENTIONED_DATE)) {
        /* D2023-11-19, D2023-11, D2023: a prefix of "YYYY-MM-DD". */
        const char *val;
        size_t vlen, n = len - strlen(CN_PREFIX_DATE);
        if (xapc_matchdoc_value(v->doc, CN_SLOT_DATE, &val, &vlen) != XAPC_OK) {
            v->st = CN_E_DB;
            return false;
        }
        return (n == 4 || n == 7 || n == 10) && vlen == 10 && memcmp(val, t + len - n, n) == 0;
    }
    if (has_prefix(t, len, CN_PREFIX_SOURCE)) {
        /* XS + the source, ASCII case-folded as the indexer does. */
        size_t n = len - strlen(CN_PREFIX_SOURCE);
        const char *want = t + len - n;
        if (n != v->rec->source_len)
            return false;
        for (size_t i = 0; i < n; i++) {
            char c = v->rec->source[i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != want[i])
                return false;
        }
        return true;
    }
    if (has_prefix(t, len, CN_PREFIX_LANG)) {
        size_t n = len - strlen(CN_PREFIX_LANG);
        return n == v->rec->lang_len && memcmp(v->rec->lang, t + len - n, n) == 0;
    }
    if (xapc_matchdoc_has_term(v->doc, CN_SLOT_TERMS, t, len, &has) != XAPC_OK)
        v->st = CN_E_DB;
    return has;
}

static bool
value_in(srch_verify_t *v, xapc_slot_t slot, const char *lo, const char *hi)
{
    const char *val;
    size_t len;
    if (v->st != CN_OK)
        return false;
    if (xapc_matchdoc_value(v->doc, slot, &val, &len) != XAPC_OK) {
        v->st = CN_E_DB;
        return false;
    }
    size_t nlo = strlen(lo), nhi = strlen(hi);
    if (!len)
        return false;
    /* String order, as Xapian's value range (query.c, build_date). */
    if (nlo) {
        int c = memcmp(val, lo, len < nlo ? len : nlo);
        if (c < 0 || (c == 0 && len < nlo))
            return false;
    }
    if (nhi) {
        int c = memcmp(val, hi, len < nhi ? len : nhi);
        if (c > 0 || (c == 0 && len > nhi))
            return false;
    }
    return true;
}

/* date: as query.c's build_date(): the article's date, or (unless
 * article_only) a date the passage mentions. */
static bool
date_matches(srch_verify_t *v, const srch_node_t *n)
{
    int is_range;
    char lo[11], hi[11];
    const char *why;
    if (srch_date_value(n->text, n->text_len, &is_range, lo, hi, &why) != CN_OK)
        return false;
    if (is_range)
        return value_in(v, CN_SLOT_DATE, lo, hi) ||
               (!n->article_only && value_in(v, CN_SLOT_MENTIONED_DATE, lo, hi));
    cn_buf_clear(&v->term);
    cn_buf_addf(&v->term, "%s%s", CN_PREFIX_DATE, lo);
    if (has_term(v, v->term.data, v->term.len))
        return true;
    if (n->article_only)
        return false;
    cn_buf_clear(&v->term);
    cn_buf_addf(&v->term, "%s%s", CN_PREFIX_MENTIONED_DATE, lo);
    return has_term(v, v->term.data, v->term.len);
}

static int
filter_value(srch_verify_t *v, const srch_node_t *n, bool must)
{
    /* Below ANDs only, the index query already required it exactly. */
    if (must)
        return V_TRUE;
    if (n->field == SRCH_FIELD_DATE)
        return date_matches(v, n);
    cn_buf_clear(&v->term);
    if (srch_filter_term(n, &v->term) != CN_OK)
        return V_FALSE;
    return has_term(v, v->term.data, v->term.len);
}

/* A date typed as a word (query.c, add_date_word): the passage mentions
 * it, whatever the form (its DM terms). A year only boosts, never
 * matches by itself. */
static bool
date_word_mentioned(srch_verify_t *v, const srch_chunk_t *c)
{
    if (!c->date_key[0] || srch_date_word_is_year(c->date_key))
        return false;
    size_t n = srch_date_word_count(c->date_key, v->q->dm_year_count);
    for (size_t i = 0; i < n && v->st == CN_OK; i++) {
        char day[16];
        srch_date_word_date(c->date_key, v->q->dm_years, i, day);
        cn_buf_clear(&v->term);
        cn_buf_addf(&v->term, "%s%s", CN_PREFIX_MENTIONED_DATE, day);
        if (has_term(v, v->term.data, v->term.len))
            return true;
    }
    return false;
}

/* A word: itself, a date it names mentioned in another form, or (a known
 * alias) its entity's term or another alias. */
static int
word_value(srch_verify_t *v, const srch_node_t *n)
{
    const srch_chunk_t *c = &v->q->chunks[n->chunk];
    if (!c->count && !n->entity_term && !c->date_key[0])
        return V_NONE;
    if (c->count && chunk_anywhere(v, c))
        return V_TRUE;
    if (date_word_mentioned(v, c))
        return V_TRUE;
    if (!n->entity_term)
        return V_FALSE;
    for (size_t i = 0; i < n->alias_count; i++)
        if (chunk_anywhere(v, &v->q->chunks[n->alias_first + i]))
            return V_TRUE;
    return has_term(v, n->entity_term, strlen(n->entity_term));
}

/* 'must': the node lies below ANDs only, so every exact part of it was
 * already required by the index query. */
static int
node_value(srch_verify_t *v, const srch_node_t *n, bool must)
{
    switch (n->kind) {
    case SRCH_NODE_FIELD:
        if (n->field != SRCH_FIELD_TITLE)
            return filter_value(v, n, must);
        if (!v->q->chunks[n->chunk].count)
            return V_NONE;
        return chunk_in_title(v, &v->q->chunks[n->chunk]);
    case SRCH_NODE_WORD:
    case SRCH_NODE_PHRASE:
        return word_value(v, n);
    case SRCH_NODE_NOT: {
        int k = node_value(v, n->kids[0], false);
        return k == V_NONE ? V_NONE : !k;
    }
    case SRCH_NODE_AND:
    case SRCH_NODE_OR: {
        bool is_and = n->kind == SRCH_NODE_AND;
        int r = V_NONE;
        for (size_t i = 0; i < n->nkids && v->st == CN_OK; i++) {
            int k = node_value(v, n->kids[i], must && is_and);
            if (k == V_NONE)
                continue;
            if (is_and && !k)
                return V_FALSE;
            if (!is_and && k)
                return V_TRUE;
            r = k;
        }
        return r;
    }
    }
    return V_FALSE;
}

cn_status_t
srch_verify_doc(srch_verify_t *v, xapc_matchdoc_t *d, bool *ok)
{
    *ok = false;
    const char *data;
    size_t len;
    if (xapc_matchdoc_data(d, &data, &len) != XAPC_OK)
        return CN_E_DB;
    cn_record_t rec;
    if (cn_record_decode(data, len, &rec) != CN_OK)
        return CN_E_DB_CORRUPT;
    forget_candidate(v);
    v->rec = &rec;
    v->doc = d;
    v->st = CN_OK;
    int r = v->q->root ? node_value(v, v->q->root, true) : V_NONE;
    cn_status_t st = v->st;
    forget_candidate(v);
    v->checked++;
    /* A tree with nothing searchable built no query: nothing to refuse. */
    *ok = st == CN_OK && r != V_FALSE;
    if (*ok)
        v->kept++;
    return st;
}

int
srch_verify_decide(void *ctx, xapc_matchdoc_t *d)
{
    srch_verify_t *v = ctx;
    bool ok;
    cn_status_t st = srch_verify_doc(v, d, &ok);
    if (st != CN_OK) {
        if (v->err == CN_OK)
            v->err = st;
        return -1;
    }
    return ok;
}

cn_status_t
srch_verify_error(const srch_verify_t *v)
{
    return v->err;
}

void
srch_verify_counts(const srch_verify_t *v, unsigned long *checked, unsigned long *kept)
{
    *checked = v->checked;
    *kept = v->kept;
}

cn_status_t
srch_verify_exact_chunks(srch_verify_t *v, const cn_record_t *rec, unsigned *exact,
                         unsigned *total)
{
    *exact = *total = 0;
    forget_candidate(v);
    v->rec = rec;
    v->st = CN_OK;
    for (size_t i = 0; i < v->q->count && v->st == CN_OK; i++) {
        const srch_chunk_t *c = &v->q->chunks[i];
        if (c->negated || c->alias || c->count < 2)
            continue;
        (*total)++;
        if (c->title_only ? chunk_in_title(v, c) : chunk_anywhere(v, c))
            (*exact)++;
    }
    cn_status_t st = v->st;
    forget_candidate(v);
    return st;
}
