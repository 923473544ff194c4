/* SPDX-License-Identifier: MIT */
/* postfilter.c - checking, capping and paging candidates after the match. */
#include "postfilter.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

/* Candidates fetched first, as a multiple of the page's end: most chunks
 * of several terms are true phrases in most candidates. */
#define SRCH_POSTFILTER_OVERFETCH 4
#define SRCH_POSTFILTER_MIN 50

void
srch_postfilter_release(srch_postfilter_t *pf)
{
    xapc_mset_destroy(pf->mset);
    free(pf->keep);
    free(pf->collapsed);
    free(pf->rank);
    memset(pf, 0, sizeof(*pf));
}

/* Per-article counts of kept passages: a small open list, pages are short. */
struct article_count {
    char *id;
    size_t len;
    unsigned kept;
    size_t last; /* candidate index of its last kept passage on the page */
    bool shown;
};

struct scan {
    struct article_count *a;
    size_t n, alloc;
};

static struct article_count *
article_of(struct scan *s, const char *id, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->a[i].len == len && memcmp(s->a[i].id, id, len) == 0)
            return &s->a[i];
    if (s->n == s->alloc) {
        size_t na = s->alloc ? s->alloc * 2 : 16;
        struct article_count *a = realloc(s->a, na * sizeof(*a));
        if (!a)
            return NULL;
        s->a = a;
        s->alloc = na;
    }
    struct article_count *c = &s->a[s->n];
    if (!(c->id = malloc(len ? len : 1)))
        return NULL;
    memcpy(c->id, id, len);
    c->len = len;
    c->kept = 0;
    c->shown = false;
    s->n++;
    return c;
}

static void
scan_release(struct scan *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->a[i].id);
    free(s->a);
}

/* One pass over the candidates of 'pf->mset'; *full when the page is. */
static cn_status_t
scan_candidates(srch_postfilter_t *pf, const xapc_search_opts_t *o, srch_verify_t *v,
                size_t *accepted, size_t *checked, bool *full)
{
    size_t n = xapc_mset_size(pf->mset), on_page = 0, seen = 0;
    struct scan s = { NULL, 0, 0 };
    cn_status_t st = CN_OK;
    *accepted = *checked = 0;
    *full = false;
    pf->keep = calloc(n ? n : 1, sizeof(*pf->keep));
    pf->collapsed = calloc(n ? n : 1, sizeof(*pf->collapsed));
    pf->rank = calloc(n ? n : 1, sizeof(*pf->rank));
    if (!pf->keep || !pf->collapsed || !pf->rank)
        return CN_E_NOMEM;
    size_t i = 0;
    for (xapc_mset_rewind(pf->mset); xapc_mset_valid(pf->mset) && st == CN_OK;
         xapc_mset_next(pf->mset), i++) {
        xapc_matchdoc_t *d;
        bool ok = false, dead = false;
        /* A remote shard cannot leave out tombstoned passages inside the
         * match (xapc.h, "Tombstones"): they are dropped here. */
        if (xapc_mset_dead(pf->mset, &dead) != XAPC_OK)
            st = CN_E_DB;
        else if (dead)
            ok = false;
        else if (!v)
            ok = true;
        else if (xapc_mset_matchdoc(pf->mset, &d) != XAPC_OK)
            st = CN_E_DB;
        else
            st = srch_verify_doc(v, d, &ok);
        (*checked)++;
        if (st != CN_OK || !ok)
            continue;
        const char *id = "";
        size_t idlen = 0;
        if (o->collapse_max && xapc_mset_value(pf->mset, o->collapse_slot, &id, &idlen))
            st = CN_E_DB;
        struct article_count *a = st == CN_OK && o->collapse_max ? article_of(&s, id, idlen)
                                                                  : NULL;
        if (st == CN_OK && o->collapse_max && !a)
            st = CN_E_NOMEM;
        if (st != CN_OK)
            break;
        if (a && a->kept >= o->collapse_max) {
            if (a->shown)
                pf->collapsed[a->last]++;
            continue;
        }
        if (a)
            a->kept++;
        (*accepted)++;
        if (seen++ < o->first || on_page >= o->max_items)
            continue;
        pf->keep[i] = true;
        pf->rank[i] = (unsigned)(o->first + ++on_page);
        if (a) {
            a->last = i;
            a->shown = true;
        }
    }
    scan_release(&s);
    *full = on_page >= o->max_items;
    return st;
}

cn_status_t
srch_postfilter_run(xapc_reader_t *r, const xapc_query_t *q, const xapc_search_opts_t *o,
                    srch_verify_t *v, srch_postfilter_t *out, char **errmsg)
{
    memset(out, 0, sizeof(*out));
    xapc_search_opts_t wide = *o;
    wide.collapse_max = 0;
    wide.first = 0;
    wide.decider = NULL;
    size_t want = ((size_t)o->first + o->max_items) * SRCH_POSTFILTER_OVERFETCH;
    if (want < SRCH_POSTFILTER_MIN)
        want = SRCH_POSTFILTER_MIN;
    for (;;) {
        wide.max_items = want > UINT32_MAX ? UINT32_MAX : (uint32_t)want;
        xapc_status_t xs = xapc_reader_search(r, q, &wide, &out->mset);
        if (xs) {
            *errmsg = cn_strdupf("search failed: %s", xapc_reader_last_error(r));
            return xs == XAPC_E_NOMEM ? CN_E_NOMEM : CN_E_DB;
        }
        size_t accepted, checked;
        bool full;
        cn_status_t st = scan_candidates(out, o, v, &accepted, &checked, &full);
        if (st != CN_OK) {
            srch_postfilter_release(out);
            return st;
        }
        bool exhausted = xapc_mset_size(out->mset) < wide.max_items;
        if (full || exhausted || want >= UINT32_MAX) {
            size_t total = xapc_mset_matches_estimated(out->mset);
            out->estimated = exhausted || !checked ? accepted
                                                   : (size_t)((double)total * accepted / checked);
            if (out->estimated < accepted)
                out->estimated = accepted;
            return CN_OK;
        }
        srch_postfilter_release(out);
        want *= 4;
    }
}
