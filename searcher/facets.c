/* SPDX-License-Identifier: MIT */
/* facets.c - counting people, organisations and dates over all matches. */
#include "facets.h"
#include "buf.h"
#include "names.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const char *const facet_names[SRCH_FACET_COUNT] = {
    "people", "orgs", "days", "months",
};

const char *
srch_facet_name(size_t i)
{
    return i < SRCH_FACET_COUNT ? facet_names[i] : "?";
}

xapc_status_t
srch_facets_spy(xapc_spy_t **out, char **errmsg)
{
    const char *prefixes[] = {
        CN_PREFIX_PERSON, CN_PREFIX_ORG, CN_PREFIX_CAND_PERSON, CN_PREFIX_CAND_ORG,
        CN_PREFIX_MENTIONED_DATE,
    };
    return xapc_spy_terms_create(CN_SLOT_TERMS, prefixes, sizeof(prefixes) / sizeof(prefixes[0]),
                                 out, errmsg);
}

/* Everything the spy counted, sorted into lists before the cut. */
struct gather {
    srch_facet_t all[SRCH_FACET_COUNT];
    srch_facet_t cand[2]; /* XP, XO */
    size_t alloc[SRCH_FACET_COUNT + 2];
    const ent_dict_t *dict;
    bool nomem;
};

static bool
starts(const char *t, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(t, prefix, n) == 0;
}

static void
push(struct gather *g, srch_facet_t *f, size_t *alloc, const char *key, size_t key_len,
     const char *label, uint32_t count)
{
    if (f->n == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 16;
        srch_facet_entry_t *v = realloc(f->v, na * sizeof(*v));
        if (!v) {
            g->nomem = true;
            return;
        }
        f->v = v;
        *alloc = na;
    }
    srch_facet_entry_t *e = &f->v[f->n];
    e->key = strndup(key, key_len);
    e->label = label ? strdup(label) : strndup(key, key_len);
    e->count = count;
    if (!e->key || !e->label) {
        free(e->key);
        free(e->label);
        g->nomem = true;
        return;
    }
    f->n++;
}

/* A dictionary entity's display name, if the dictionary knows the id. */
static const char *
entity_name(const ent_dict_t *d, const char *id, size_t len)
{
    const ent_entity_t *e = d ? ent_dict_find_id(d, id, len) : NULL;
    return e ? e->name : NULL;
}

static int
take_term(void *vctx, const char *t, size_t len, uint32_t count)
{
    struct gather *g = vctx;
    size_t dm = strlen(CN_PREFIX_MENTIONED_DATE);
    if (starts(t, len, CN_PREFIX_MENTIONED_DATE)) {
        /* DMYYYY-MM-DD and DMYYYY-MM; the years are left out. */
        size_t k = len - dm == 10 ? SRCH_FACET_DAYS : len - dm == 7 ? SRCH_FACET_MONTHS
                                                                     : SRCH_FACET_COUNT;
        if (k < SRCH_FACET_COUNT)
            push(g, &g->all[k], &g->alloc[k], t + dm, len - dm, NULL, count);
    } else if (starts(t, len, CN_PREFIX_CAND_PERSON) || starts(t, len, CN_PREFIX_CAND_ORG)) {
        size_t k = starts(t, len, CN_PREFIX_CAND_PERSON) ? 0 : 1;
        push(g, &g->cand[k], &g->alloc[SRCH_FACET_COUNT + k], t + 2, len - 2, NULL, count);
    } else if (starts(t, len, CN_PREFIX_PERSON) || starts(t, len, CN_PREFIX_ORG)) {
        size_t k = starts(t, len, CN_PREFIX_PERSON) ? SRCH_FACET_PEOPLE : SRCH_FACET_ORGS;
        push(g, &g->all[k], &g->alloc[k], t + 1, len - 1, entity_name(g->dict, t + 1, len - 1),
             count);
    }
    return g->nomem;
}

static int
by_count(const void *a, const void *b)
{
    const srch_facet_entry_t *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->key, y->key);
}

static void
facet_release(srch_facet_t *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].key);
        free(f->v[i].label);
    }
    free(f->v);
    memset(f, 0, sizeof(*f));
}

/* Discovered names written in both scripts (纳德拉, 納德拉) or with other
 * name dots count as one, under their commoner form. A passage holding
 * two forms counts twice; passages are written in one script, so this
 * is rare. */
static cn_status_t
merge_variants(srch_facet_t *f, const tok_options_t *tok)
{
    if (f->n < 2)
        return CN_OK;
    ent_variant_t *v = calloc(f->n, sizeof(*v));
    if (!v)
        return CN_E_NOMEM;
    for (size_t i = 0; i < f->n; i++) {
        v[i].name = f->v[i].key;
        v[i].len = strlen(f->v[i].key);
        v[i].count = f->v[i].count;
    }
    cn_status_t st = ent_variants_group(tok, v, f->n);
    size_t out = 0;
    for (size_t i = 0; i < f->n; i++)
        if (v[i].rep != i)
            f->v[v[i].rep].count += f->v[i].count;
    for (size_t i = 0; i < f->n; i++) {
        if (v[i].rep == i) {
            f->v[out++] = f->v[i];
        } else {
            free(f->v[i].key);
            free(f->v[i].label);
        }
    }
    f->n = out;
    free(v);
    return st;
}

/* Sorts 'f' and keeps its 'limit' first entries. */
static void
cut(srch_facet_t *f, unsigned limit)
{
    if (f->n)
        qsort(f->v, f->n, sizeof(f->v[0]), by_count);
    while (f->n > limit) {
        f->n--;
        free(f->v[f->n].key);
        free(f->v[f->n].label);
    }
}

cn_status_t
srch_facets_from_spy(const xapc_spy_t *spy, const ent_dict_t *dict, const tok_options_t *tok,
                     unsigned limit, srch_facets_t **out)
{
    *out = NULL;
    struct gather g;
    memset(&g, 0, sizeof(g));
    g.dict = dict;
    xapc_status_t xs = xapc_spy_foreach(spy, take_term, &g);
    srch_facets_t *f = calloc(1, sizeof(*f));
    for (size_t k = 0; k < 2 && !xs && !g.nomem; k++)
        g.nomem = merge_variants(&g.cand[k], tok) != CN_OK;
    if (xs || g.nomem || !f) {
        for (size_t k = 0; k < SRCH_FACET_COUNT; k++)
            facet_release(&g.all[k]);
        facet_release(&g.cand[0]);
        facet_release(&g.cand[1]);
        free(f);
        return CN_E_NOMEM;
    }
    f->passages = xapc_spy_documents(spy);
    for (size_t k = 0; k < SRCH_FACET_COUNT; k++)
        f->f[k] = g.all[k];
    /* No dictionary entity among the matches: show the discovered names. */
    for (size_t k = 0; k < 2; k++) {
        if (f->f[k].n == 0 && g.cand[k].n) {
            f->f[k] = g.cand[k];
            f->f[k].discovered = true;
        } else {
            facet_release(&g.cand[k]);
        }
    }
    for (size_t k = 0; k < SRCH_FACET_COUNT; k++)
        cut(&f->f[k], limit);
    *out = f;
    return CN_OK;
}

void
srch_facets_destroy(srch_facets_t *f)
{
    if (!f)
        return;
    for (size_t k = 0; k < SRCH_FACET_COUNT; k++)
        facet_release(&f->f[k]);
    free(f);
}
