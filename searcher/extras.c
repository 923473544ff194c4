/* SPDX-License-Identifier: MIT */
/* extras.c - what a query can ask for beside its page of results:
 * explained scores, facets and a timeline (docs/searching.md). */
#include "search-private.h"
#include "buf.h"
#include "verify.h"

#include <stdlib.h>

/*
 * One more match over the whole match set, with no result kept, only the
 * spies: the page of results stops early, the counts must not. The spies
 * count what the results are made of: where the index query is a
 * superset of the query (a phrase is the AND of its terms), each
 * candidate is checked on its text first, as in the search itself. A
 * remote shard cannot run the check (xapian-tcpsrv knows no decider of
 * ours): over one, the candidates are counted (docs/searching.md).
 */
static cn_status_t
run_spies(srch_session_t *s, const srch_query_t *q, const xapc_query_t *xq,
          xapc_spy_t *const *spies, size_t nspies, char **errmsg)
{
    xapc_reader_t *r = srch__session_reader(s);
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.max_items = 0;
    o.spies = spies;
    o.nspies = nspies;
    srch_verify_t *v = NULL;
    if (!srch_query_exact(q) && !xapc_reader_has_remote(r)) {
        if (srch_verify_create(q, srch_session_tok(s), &v) != CN_OK)
            return CN_E_NOMEM;
        o.decider = srch_verify_decide;
        o.decider_ctx = v;
    }
    xapc_mset_t *m = NULL;
    xapc_status_t xs = XAPC_OK;
    for (int attempt = 0; attempt < 3; attempt++) {
        xs = xapc_reader_search(r, xq, &o, &m);
        if (xs == XAPC_E_MODIFIED && xapc_reader_reopen(r) == XAPC_OK)
            continue;
        break;
    }
    xapc_mset_destroy(m);
    cn_status_t vst = v ? srch_verify_error(v) : CN_OK;
    srch_verify_destroy(v);
    if (xs == XAPC_E_NOMEM)
        return CN_E_NOMEM;
    if (xs && vst != CN_OK) {
        *errmsg = cn_strdupf("checking a match failed: %s", cn_status_to_string(vst));
        return vst;
    }
    if (xs) {
        *errmsg = cn_strdupf("cannot count facets or the timeline (a remote shard cannot "
                             "count terms): %s",
                             xapc_reader_last_error(r));
        return CN_E_DB;
    }
    return CN_OK;
}

static cn_status_t
counts(srch_session_t *s, const srch_query_t *q, const xapc_query_t *xq,
       const srch_run_opts_t *o, srch_results_t *res, char **errmsg)
{
    xapc_spy_t *spies[2] = { NULL, NULL }, *facets = NULL, *timeline = NULL;
    size_t n = 0;
    xapc_status_t xs = XAPC_OK;
    char *xerr = NULL;
    if (o->facets && !(xs = srch_facets_spy(&facets, &xerr)))
        spies[n++] = facets;
    if (!xs && o->timeline != SRCH_TIMELINE_NONE &&
        !(xs = srch_timeline_spy(o->timeline_mentioned, &timeline, &xerr)))
        spies[n++] = timeline;
    free(xerr);
    cn_status_t st = xs ? CN_E_NOMEM : run_spies(s, q, xq, spies, n, errmsg);
    if (st == CN_OK && facets)
        st = srch_facets_from_spy(facets, srch__session_dict(s), srch_session_tok(s),
                                  srch__session_config(s)->facet_limit, &res->facets);
    if (st == CN_OK && timeline)
        st = srch_timeline_from_spy(timeline, o->timeline, o->timeline_mentioned,
                                    &res->timeline);
    xapc_spy_destroy(facets);
    xapc_spy_destroy(timeline);
    return st;
}

cn_status_t
srch__extras_run(srch_session_t *s, const srch_query_t *q, const xapc_query_t *xq,
                 const srch_run_opts_t *o, srch_results_t *res, char **errmsg)
{
    cn_status_t st = CN_OK;
    if (o->explain)
        st = srch_explain_hits(srch__session_reader(s), srch__session_config(s), xq, res,
                               errmsg);
    if (st == CN_OK && (o->facets || o->timeline != SRCH_TIMELINE_NONE))
        st = counts(s, q, xq, o, res, errmsg);
    return st;
}
