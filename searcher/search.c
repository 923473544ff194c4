/* SPDX-License-Identifier: MIT */
/* search.c - running queries over one or several shards. */
#include "search.h"
#include "buf.h"
#include "datewords.h"
#include "hot.h"
#include "search-private.h"
#include "postfilter.h"
#include "rerank.h"
#include "verify.h"
#include "xapc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The records the phrase check read of the candidates it kept, kept for
 * the results (docs/searching.md, "Read once"): a few thousand passages. */
#define SRCH_KEEP_DATA_BYTES (4u << 20)

struct srch_session {
    xapc_reader_t *reader;
    const cfg_config_t *cfg;
    tok_options_t tok;
    const char *const *dbs; /* borrowed from the caller of _open */
    size_t ndbs;
    ent_dict_t *dict; /* NULL until srch_session_load_dict() */
    /* The years with DM terms (datewords.h), read at the first query
     * that needs them. */
    int *dm_years;
    size_t dm_year_count;
    bool dm_years_read;
    /* The characters hot in every shard (tokenizer/hot.h; NULL: none),
     * and whether every shard stores the first character of each run
     * (schema 5 and older): what srch_query_t needs to build. */
    tok_hot_t *hot;
    bool run_start_terms;
};

static cn_status_t
from_xapc(xapc_status_t st)
{
    switch (st) {
    case XAPC_OK: return CN_OK;
    case XAPC_E_NOMEM: return CN_E_NOMEM;
    case XAPC_E_NOT_FOUND: return CN_E_NOT_FOUND;
    case XAPC_E_CORRUPT: return CN_E_DB_CORRUPT;
    case XAPC_E_QUERY_SYNTAX: return CN_E_QUERY_SYNTAX;
    case XAPC_E_CANCELLED: return CN_E_CANCELLED;
    default: return CN_E_DB;
    }
}

static xapc_status_t
add_shard(xapc_reader_t *r, const char *spec)
{
    if (strncmp(spec, "tcp:", 4) == 0) {
        const char *host = spec + 4, *colon = strrchr(host, ':');
        if (!colon || colon == host)
            return XAPC_E_INVALID_ARGUMENT;
        char *h = strndup(host, (size_t)(colon - host));
        if (!h)
            return XAPC_E_NOMEM;
        unsigned port = (unsigned)strtoul(colon + 1, NULL, 10);
        xapc_status_t xs = xapc_reader_add_remote(r, h, port, 10000);
        free(h);
        return xs;
    }
    return xapc_reader_add_path(r, spec);
}

static cn_status_t
metadata_fail(srch_session_t *s, xapc_status_t xs, char **errmsg)
{
    *errmsg = cn_strdupf("cannot read index metadata: %s", xapc_reader_last_error(s->reader));
    return from_xapc(xs);
}

/* Shard i's schema and hot characters: the set of characters hot in all
 * shards narrows to its own (an older shard has none), and a schema 6
 * shard has no first-character terms of runs. */
static cn_status_t
read_shard_layout(srch_session_t *s, size_t i, char **errmsg)
{
    char *schema = NULL, *chars = NULL;
    size_t len;
    xapc_status_t xs = xapc_reader_shard_metadata(s->reader, i, CN_META_SCHEMA, &schema, &len);
    if (xs)
        return metadata_fail(s, xs, errmsg);
    cn_status_t st = CN_OK;
    bool current = strcmp(schema, CN_SCHEMA_VERSION) == 0;
    if (*schema && !current && strcmp(schema, CN_SCHEMA_VERSION_STARTS) != 0 &&
        strcmp(schema, CN_SCHEMA_VERSION_FULL) != 0 &&
        strcmp(schema, CN_SCHEMA_VERSION_PLAIN) != 0) {
        *errmsg = cn_strdupf("index schema %s is not the one this version reads (%s): re-index",
                             schema, CN_SCHEMA_VERSION);
        st = CN_E_DB;
    } else if (!current) {
        /* An empty shard (no schema yet) has no runs to find either way. */
        s->run_start_terms = s->run_start_terms && *schema;
        tok_hot_destroy(s->hot);
        s->hot = NULL;
    } else if ((xs = xapc_reader_shard_metadata(s->reader, i, CN_META_HOT_CHARS, &chars,
                                                &len))) {
        st = metadata_fail(s, xs, errmsg);
    } else {
        s->run_start_terms = false;
        tok_hot_t *h = NULL;
        st = tok_hot_create(chars, len, &h);
        if (st == CN_E_INVALID_ARGUMENT) {
            *errmsg = cn_strdupf("index metadata " CN_META_HOT_CHARS " of '%s' holds something "
                                 "other than CJK characters",
                                 i < s->ndbs ? s->dbs[i] : "a shard");
            st = CN_E_DB_CORRUPT;
        } else if (st == CN_OK && i == 0) {
            s->hot = h;
            h = NULL;
        } else if (st == CN_OK) {
            tok_hot_intersect(s->hot, h);
        }
        tok_hot_destroy(h);
    }
    free(schema);
    free(chars);
    return st;
}

/* Reads the index's own tokenizer settings: queries must fold as the
 * index did, whatever the config says now, and be built for what every
 * shard stores. */
static cn_status_t
read_settings(srch_session_t *s, char **errmsg)
{
    char *fold = NULL;
    size_t len;
    xapc_status_t xs = xapc_reader_get_metadata(s->reader, CN_META_FOLD_TRADITIONAL, &fold, &len);
    if (xs)
        return metadata_fail(s, xs, errmsg);
    if (*fold)
        s->tok.fold_traditional = strcmp(fold, "1") == 0;
    free(fold);
    cn_status_t st = CN_OK;
    s->run_start_terms = true;
    size_t n = xapc_reader_shard_count(s->reader);
    for (size_t i = 0; st == CN_OK && i < n; i++)
        st = read_shard_layout(s, i, errmsg);
    return st;
}

cn_status_t
srch_session_open(const char *const *dbs, size_t n, const cfg_config_t *cfg,
                  srch_session_t **out, char **errmsg)
{
    *out = NULL;
    srch_session_t *s = calloc(1, sizeof(*s));
    if (!s)
        return CN_E_NOMEM;
    s->cfg = cfg;
    s->dbs = dbs;
    s->ndbs = n;
    tok_options_init(&s->tok);
    s->tok.fold_traditional = cfg->fold_traditional;
    xapc_status_t xs = xapc_reader_create(&s->reader);
    if (xs) {
        free(s);
        return CN_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if ((xs = add_shard(s->reader, dbs[i])) != XAPC_OK) {
            *errmsg = xs == XAPC_E_NOT_FOUND
                          ? cn_strdupf("no database at '%s' (index something first: cjkindex -d %s PATH)",
                                 dbs[i], dbs[i])
                          : cn_strdupf("cannot open database '%s': %s", dbs[i],
                                 xs == XAPC_E_INVALID_ARGUMENT ? "expected tcp:HOST:PORT"
                                 : xapc_reader_last_error(s->reader));
            srch_session_destroy(s);
            return from_xapc(xs);
        }
    }
    cn_status_t st = read_settings(s, errmsg);
    if (st != CN_OK) {
        srch_session_destroy(s);
        return st;
    }
    *out = s;
    return CN_OK;
}

void
srch_session_destroy(srch_session_t *s)
{
    if (!s)
        return;
    xapc_reader_destroy(s->reader);
    ent_dict_destroy(s->dict);
    free(s->dm_years);
    tok_hot_destroy(s->hot);
    free(s);
}

cn_status_t
srch_session_load_dict(srch_session_t *s, const char *path, char **errmsg)
{
    *errmsg = NULL;
    if (!s->dict && ent_dict_create(&s->tok, &s->dict) != CN_OK)
        return CN_E_NOMEM;
    return ent_dict_load_path(s->dict, path, errmsg);
}

void
srch_session_set_cancel(srch_session_t *s, const volatile sig_atomic_t *flag)
{
    /* Cannot fail for a live reader. */
    (void)xapc_reader_set_cancel_flag(s->reader, flag);
}

const tok_options_t *
srch_session_tok(const srch_session_t *s)
{
    return &s->tok;
}

cn_status_t
srch_session_describe(srch_session_t *s, cn_buf_t *out)
{
    uint32_t docs = 0;
    xapc_status_t xs = xapc_reader_doccount(s->reader, &docs);
    for (size_t i = 0; i < s->ndbs; i++)
        cn_buf_addf(out, "database %zu: %s\n", i + 1, s->dbs[i]);
    if (xs)
        cn_buf_addf(out, "cannot count passages: %s\n", xapc_reader_last_error(s->reader));
    else
        cn_buf_addf(out, "%u passages in %zu shard%s; traditional folded to simplified: %s\n",
                    docs, s->ndbs, s->ndbs == 1 ? "" : "s",
                    s->tok.fold_traditional ? "yes" : "no");
    return from_xapc(xs);
}

void
srch_results_release(srch_results_t *res)
{
    for (size_t i = 0; i < res->count; i++) {
        free(res->hits[i].spans);
        free(res->hits[i].copies);
        free(res->hits[i].explain);
        free(res->data[i]);
    }
    srch_facets_destroy(res->facets);
    srch_timeline_destroy(res->timeline);
    free(res->hits);
    free(res->data);
    memset(res, 0, sizeof(*res));
}

/* The record of the current result of 'm' into *buf (malloc'd), with the
 * article's fields of its passage 0 when it leaves them to it (schema.h):
 * the two records one after the other in *buf. */
static cn_status_t
read_hit(xapc_mset_t *m, char **buf, cn_record_t *rec, char **errmsg)
{
    const char *data, *first = NULL;
    size_t len, first_len = 0;
    xapc_status_t xs = xapc_mset_data(m, &data, &len);
    if (xs) {
        *errmsg = cn_strdupf("cannot read a result: %s", xapc_mset_last_error(m));
        return from_xapc(xs);
    }
    if (cn_record_decode(data, len, rec) != CN_OK) {
        *errmsg = cn_strdupf("result %u is not a cjknews passage (index schema mismatch?)",
                             xapc_mset_rank(m) + 1);
        return CN_E_DB_CORRUPT;
    }
    xapc_matchdoc_t *d = NULL;
    if (rec->shared &&
        ((xs = xapc_mset_matchdoc(m, &d)) ||
         (xs = xapc_matchdoc_sibling_data(d, rec->passage_no, CN_SLOT_ARTICLE, &first,
                                          &first_len)))) {
        *errmsg = cn_strdupf("cannot read the first passage of result %u: %s",
                             xapc_mset_rank(m) + 1,
                             d ? xapc_matchdoc_last_error(d) : xapc_mset_last_error(m));
        return from_xapc(xs);
    }
    if (!(*buf = malloc(len + first_len + 2)))
        return CN_E_NOMEM;
    memcpy(*buf, data, len);
    (*buf)[len] = '\0';
    if (first)
        memcpy(*buf + len + 1, first, first_len);
    (*buf)[len + 1 + first_len] = '\0';
    /* The article key of the result, to check that passage 0 is of its
     * article: kept in the results when they were collapsed on it. */
    const char *key = NULL;
    size_t klen = 0;
    if (first && !(xs = xapc_mset_collapse_key(m, &key, &klen)) && !klen)
        xs = xapc_mset_value(m, CN_SLOT_ARTICLE, &key, &klen);
    cn_record_t head;
    cn_status_t st = CN_OK;
    if (xs) {
        *errmsg = cn_strdupf("cannot read result %u: %s", xapc_mset_rank(m) + 1,
                             xapc_mset_last_error(m));
        st = from_xapc(xs);
    } else if (cn_record_decode(*buf, len, rec) != CN_OK ||
               (first && (cn_record_decode(*buf + len + 1, first_len, &head) != CN_OK ||
                          !cn_article_key_is(key, klen, head.article_id, head.article_id_len) ||
                          cn_record_inherit(rec, &head) != CN_OK))) {
        *errmsg = cn_strdupf("result %u (passage %u): the document %u ids before it is not "
                             "its article's passage 0",
                             xapc_mset_rank(m) + 1, rec->passage_no, rec->passage_no);
        st = CN_E_DB_CORRUPT;
    }
    if (st != CN_OK) {
        free(*buf);
        *buf = NULL;
    }
    return st;
}

/* 'pf' NULL: every result of 'm' is a hit; else the ones it keeps. */
static cn_status_t
collect(xapc_mset_t *m, const srch_postfilter_t *pf, srch_results_t *res, char **errmsg)
{
    size_t n = xapc_mset_size(m), at = 0;
    res->estimated = pf ? pf->estimated : xapc_mset_matches_estimated(m);
    res->hits = calloc(n ? n : 1, sizeof(*res->hits));
    res->data = calloc(n ? n : 1, sizeof(*res->data));
    if (!res->hits || !res->data)
        return CN_E_NOMEM;
    for (xapc_mset_rewind(m); xapc_mset_valid(m); xapc_mset_next(m), at++) {
        if (pf && !pf->keep[at])
            continue;
        size_t i = res->count;
        srch_hit_t *h = &res->hits[i];
        cn_status_t st = read_hit(m, &res->data[i], &h->rec, errmsg);
        if (st != CN_OK)
            return st;
        res->count++;
        h->rank = xapc_mset_rank(m) + 1;
        h->docid = xapc_mset_docid(m);
        h->score = xapc_mset_weight(m);
        h->collapsed = xapc_mset_collapse_count(m);
        if (pf) {
            h->rank = pf->rank[at];
            h->collapsed = pf->collapsed[at];
        }
    }
    return CN_OK;
}

/* The copies and highlight spans of the hits shown: after collect() and
 * any reranking, so that candidates reranked away cost neither. */
static cn_status_t
finish_hits(srch_session_t *s, const srch_query_t *q, srch_results_t *res, char **errmsg)
{
    for (size_t i = 0; i < res->count; i++) {
        srch_hit_t *h = &res->hits[i];
        cn_buf_t key = CN_BUF_INIT;
        cn_id_term(&key, CN_META_COPIES, h->rec.article_id, h->rec.article_id_len, NULL);
        xapc_status_t xs = xapc_reader_get_metadata(s->reader, key.data, &h->copies,
                                                    &h->copies_len);
        cn_buf_release(&key);
        if (xs == XAPC_OK && !h->copies_len) {
            free(h->copies);
            h->copies = NULL;
        } else if (xs) {
            *errmsg = cn_strdupf("cannot read copies: %s", xapc_reader_last_error(s->reader));
            return from_xapc(xs);
        }
        cn_status_t st = srch_query_highlight(q, &s->tok, h->rec.text, h->rec.text_len,
                                              &h->spans, &h->nspans);
        if (st != CN_OK)
            return st;
    }
    return CN_OK;
}

void
srch_run_opts_init(srch_run_opts_t *o, unsigned limit)
{
    memset(o, 0, sizeof(*o));
    o->limit = limit;
    o->sort = SRCH_SORT_RELEVANCE;
}

/* The evidence weights of the config, and the index's DM years when a
 * word is a day without a year (read once per session). */
static cn_status_t
tune_query(srch_session_t *s, srch_query_t *q, char **errmsg)
{
    q->entity_weight = s->cfg->weight_entity;
    q->date_weight = s->cfg->weight_date;
    bool yearless = false;
    for (size_t i = 0; i < q->count; i++)
        yearless = yearless || q->chunks[i].date_key[0] == '-';
    if (yearless && !s->dm_years_read) {
        cn_status_t st = srch_dm_years_read(s->reader, &s->dm_years, &s->dm_year_count,
                                            errmsg);
        if (st != CN_OK)
            return st;
        s->dm_years_read = true;
    }
    q->dm_years = s->dm_years;
    q->dm_year_count = s->dm_year_count;
    q->hot = s->hot;
    q->run_start_terms = s->run_start_terms;
    return CN_OK;
}

/* Parses 'text', ANDs the filters of 'o' onto it and builds the Xapian
 * query (*xq NULL: nothing can match). */
static cn_status_t
prepare(srch_session_t *s, const char *text, size_t len, const srch_run_opts_t *o,
        srch_query_t *q, xapc_query_t **xq, size_t *column, char **errmsg)
{
    *xq = NULL;
    *column = 0;
    cn_status_t st = srch_query_parse_dict(&s->tok, s->dict, text, len, q, errmsg);
    if (st != CN_OK) {
        *column = q->error_column;
        return st;
    }
    cn_buf_t v = CN_BUF_INIT;
    if (o->since) {
        cn_buf_addf(&v, "%s..", o->since);
        st = srch_query_add_filter(q, SRCH_FIELD_DATE, v.data, v.len, errmsg);
    }
    if (st == CN_OK && o->until) {
        cn_buf_clear(&v);
        cn_buf_addf(&v, "..%s", o->until);
        st = srch_query_add_filter(q, SRCH_FIELD_DATE, v.data, v.len, errmsg);
    }
    cn_buf_release(&v);
    if (st == CN_OK && o->date)
        st = srch_query_add_filter(q, SRCH_FIELD_DATE, o->date, strlen(o->date), errmsg);
    if (st == CN_OK && o->source)
        st = srch_query_add_filter(q, SRCH_FIELD_SOURCE, o->source, strlen(o->source),
                                   errmsg);
    if (st == CN_OK && o->lang)
        st = srch_query_add_filter(q, SRCH_FIELD_LANG, o->lang, strlen(o->lang), errmsg);
    const struct { srch_field_t field; const char *value; } more[] = {
        { SRCH_FIELD_TITLE, o->title },
        { SRCH_FIELD_PERSON, o->person },
        { SRCH_FIELD_ORG, o->org },
    };
    for (size_t i = 0; st == CN_OK && i < sizeof(more) / sizeof(more[0]); i++)
        if (more[i].value)
            st = srch_query_add_filter_dict(q, &s->tok, s->dict, more[i].field, more[i].value,
                                            strlen(more[i].value), errmsg);
    if (st == CN_OK)
        st = tune_query(s, q, errmsg);
    if (st == CN_OK)
        st = srch_query_build(q, xq, errmsg);
    if (st != CN_OK)
        srch_query_release(q);
    return st;
}

cn_status_t
srch_session_explain(srch_session_t *s, const char *text, size_t len,
                     const srch_run_opts_t *o, char **desc, char **errmsg)
{
    *desc = NULL;
    *errmsg = NULL;
    srch_query_t q;
    xapc_query_t *xq = NULL;
    size_t column;
    cn_status_t st = prepare(s, text, len, o, &q, &xq, &column, errmsg);
    if (st != CN_OK)
        return st;
    if (!xq)
        *desc = strdup("");
    else if (xapc_query_describe(xq, desc, NULL) != XAPC_OK)
        *desc = NULL;
    if (!*desc)
        st = CN_E_NOMEM;
    xapc_query_destroy(xq);
    srch_query_release(&q);
    return st;
}

/* Runs the built query 'xq' for the parsed 'q' and collects the hits. */
static cn_status_t
run_built(srch_session_t *s, const xapc_query_t *xq, const srch_query_t *q,
          const srch_run_opts_t *ro, srch_results_t *res, char **errmsg)
{
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.bm25_k1 = s->cfg->bm25_k1;
    o.bm25_b = s->cfg->bm25_b;
    o.bm25_k3 = s->cfg->bm25_k3;
    o.bm25_min_normlen = s->cfg->bm25_min_normlen;
    o.collapse_slot = CN_SLOT_ARTICLE;
    o.collapse_max = s->cfg->per_article;
    o.first = ro->first;
    o.max_items = ro->limit;
    /* Equal results in the order of their article key (schema.h), not
     * in docid order: the same whatever number of writers built the
     * index. Within an article Xapian's own docid order is passage order
     * (its passages are always added together, in order, to one shard,
     * and merging keeps their order), so the passage number need not be
     * read for each candidate: the key maker runs before the check on
     * every candidate above the weight threshold, and each slot it reads
     * is a value-stream seek. */
    o.tiebreak_slots[0] = CN_SLOT_ARTICLE;
    if (ro->sort == SRCH_SORT_DATE) {
        o.sort_slot = CN_SLOT_DATE;
        o.sort_reverse = true;
    }
    /* No positions in the index: phrases are checked on the text
     * (verify.h), inside the matcher where it can, after it for remote
     * shards; relaxed matching reranks its best candidates instead. */
    srch_verify_t *v = NULL;
    bool check = !srch_query_exact(q);
    bool phrase = q->relaxed && ro->sort == SRCH_SORT_RELEVANCE;
    unsigned prox = srch_rerank_proximity_depth(s->cfg, q, ro->sort == SRCH_SORT_RELEVANCE);
    bool rerank = phrase || prox;
    if ((check || phrase) && srch_verify_create(q, &s->tok, &v) != CN_OK)
        return CN_E_NOMEM;
    /* The candidates reranked on their text are fetched only for the
     * queries that need them (the cap per article still applies: the
     * rerank only reorders what the collapse kept). */
    if (rerank) {
        unsigned depth = phrase && SRCH_RERANK_DEPTH > prox ? SRCH_RERANK_DEPTH : prox;
        o.first = 0;
        o.max_items = ro->first + ro->limit > depth ? ro->first + ro->limit : depth;
    }
    srch_rerank_opts_t ropt = {
        .phrase = phrase ? v : NULL,
        .q = q,
        .tok = &s->tok,
        .proximity_depth = prox,
        .proximity_weight = s->cfg->proximity_weight,
        .proximity_scale = s->cfg->proximity_scale,
    };
    /* Over a remote shard the match keeps tombstoned passages (and runs
     * no text check): both are done on the candidates afterwards. */
    bool dead = false;
    if (xapc_reader_has_remote(s->reader) &&
        xapc_reader_has_tombstones(s->reader, &dead) != XAPC_OK) {
        srch_verify_destroy(v);
        *errmsg = cn_strdupf("cannot read deleted passages: %s",
                             xapc_reader_last_error(s->reader));
        return CN_E_DB;
    }
    if ((check || dead) && xapc_reader_has_remote(s->reader)) {
        srch_postfilter_t pf;
        cn_status_t st = srch_postfilter_run(s->reader, xq, &o, v, &pf, errmsg);
        if (st == CN_OK)
            st = collect(pf.mset, &pf, res, errmsg);
        if (st == CN_OK && rerank)
            st = srch_rerank(res, &ropt, ro->first, ro->limit);
        if (st == CN_OK)
            st = finish_hits(s, q, res, errmsg);
        srch_postfilter_release(&pf);
        srch_verify_destroy(v);
        return st;
    }
    if (check) {
        o.decider = srch_verify_decide;
        o.decider_ctx = v;
        /* The results shown were all read by the check: collect() takes
         * their records from it instead of reading them again. */
        o.decider_keep_bytes = SRCH_KEEP_DATA_BYTES;
    }
    cn_status_t st = CN_OK;
    xapc_mset_t *m = NULL;
    /* A writer committing between our reads makes Xapian throw
     * DatabaseModifiedError: reopen and retry a few times. */
    for (int attempt = 0; attempt < 3; attempt++) {
        xapc_status_t xs = xapc_reader_search(s->reader, xq, &o, &m);
        if (xs == XAPC_E_MODIFIED && xapc_reader_reopen(s->reader) == XAPC_OK)
            continue;
        if (xs == XAPC_E_CANCELLED) {
            *errmsg = cn_strdupf("cancelled");
            st = CN_E_CANCELLED;
        } else if (xs && v && srch_verify_error(v) != CN_OK) {
            st = srch_verify_error(v);
            *errmsg = cn_strdupf("checking a result failed: %s", cn_status_to_string(st));
        } else if (xs) {
            *errmsg = cn_strdupf("search failed: %s", xapc_reader_last_error(s->reader));
            st = from_xapc(xs);
        }
        break;
    }
    if (st == CN_OK && m)
        st = collect(m, NULL, res, errmsg);
    if (st == CN_OK && m && rerank)
        st = srch_rerank(res, &ropt, ro->first, ro->limit);
    if (st == CN_OK && m)
        st = finish_hits(s, q, res, errmsg);
    xapc_mset_destroy(m);
    srch_verify_destroy(v);
    return st;
}

cn_status_t
srch_session_run(srch_session_t *s, const char *text, size_t len,
                 const srch_run_opts_t *ro, srch_results_t *res, char **errmsg)
{
    memset(res, 0, sizeof(*res));
    *errmsg = NULL;
    srch_query_t q;
    xapc_query_t *xq = NULL;
    size_t column;
    cn_status_t st = prepare(s, text, len, ro, &q, &xq, &column, errmsg);
    if (st != CN_OK) {
        res->error_column = column;
        return st;
    }
    if (xq && ro->match == SRCH_MATCH_ANY) {
        xapc_query_destroy(xq);
        xq = NULL;
        q.relaxed = true;
        st = srch_query_build(&q, &xq, errmsg);
    }
    if (st == CN_OK && xq)
        st = run_built(s, xq, &q, ro, res, errmsg);
    /* Nothing at all matches every word (not merely past the last page):
     * a question typed as a sentence, or one word the index lacks. Rank
     * the passages that match some of the words, and say so. */
    if (st == CN_OK && xq && ro->match == SRCH_MATCH_AUTO && !q.relaxed &&
        res->count == 0 && res->estimated == 0) {
        xapc_query_destroy(xq);
        xq = NULL;
        srch_results_release(res);
        q.relaxed = true;
        st = srch_query_build(&q, &xq, errmsg);
        if (st == CN_OK && xq)
            st = run_built(s, xq, &q, ro, res, errmsg);
    }
    res->relaxed = q.relaxed && res->count > 0;
    if (st == CN_OK && xq)
        st = srch__extras_run(s, &q, xq, ro, res, errmsg);
    xapc_query_destroy(xq);
    srch_query_release(&q);
    if (st != CN_OK) {
        srch_results_release(res);
        if (!*errmsg)
            *errmsg = cn_strdupf("%s", cn_status_to_string(st));
    }
    return st;
}

xapc_reader_t *
srch__session_reader(srch_session_t *s)
{
    return s->reader;
}

const cfg_config_t *
srch__session_config(const srch_session_t *s)
{
    return s->cfg;
}

const ent_dict_t *
srch__session_dict(const srch_session_t *s)
{
    return s->dict;
}
