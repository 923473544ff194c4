/* SPDX-License-Identifier: MIT */
/* indexdb.c - writing passages into Xapian through the C wrapper. */
#include "indexdb.h"
#include "hash.h"
#include "hot.h"
#include "buf.h"
#include "dates.h"
#include "links.h"
#include "names.h"
#include "schema.h"
#include "utf8.h"
#include "xapc.h"
#include "datadict.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct idx_db {
    xapc_writer_t *w;
    xapc_document_t *doc;
    const cfg_config_t *cfg;
    tok_options_t tok;
    idx_passages_t passages;
    cn_buf_t term;   /* scratch for prefixed terms */
    cn_buf_t data;   /* scratch for the stored record */
    size_t since_commit;
    size_t since_commit_bytes; /* title and body bytes since the last commit */
    idx_stats_t stats;
    xapc_status_t post_err; /* first failure inside the token callback */
    const char *prefix;     /* "" for body terms, CN_PREFIX_TITLE for title */
    cn_buf_t pterm;         /* scratch for prefixed token terms */
    const ent_dict_t *entities; /* borrowed; NULL: no entity terms */
    ent_names_opts_t names;     /* discovery options (entities.titles) */
    ent_linker_t *linker;       /* the article's people, for lone surnames */
    struct idx_worker *workers; /* parallel writers (idx_db_start_workers) */
    size_t nworkers;
    /* Articles given with their passages go to the writers in turn: they
     * come in index order, which a -j N run grouped by shard_of(), so
     * hashing would send long runs of them to one writer. */
    size_t given_next;
    /* The dictionary the stored records are compressed with (datadict.h):
     * sampled from the first records while 'sampler' is set, then kept
     * in 'dict' and handed to the workers with their jobs. */
    idx_zdict_t *sampler;
    char *dict;
    size_t dict_len;
    int plain_only; /* a schema 3 index: no dictionary */
    /* A schema 5 index: the records of later passages leave the article's
     * fields to passage 0 (schema.h). Older ones are added to as such. */
    bool shared_records;
    /* Schema 6: the characters also indexed as unigrams at every
     * occurrence (tokenizer/hot.h); NULL for older indexes. */
    tok_hot_t *hot;
    /* Schema 5 and older: the first character of every run is a term of
     * its own (run_starts); schema 6 leaves that to the hot unigrams and,
     * for the other characters, to the query's wildcard. */
    bool run_starts;
};

/* One job for a parallel writer: an article to index, or an id to delete
 * from the writer's shard. */
struct idx_job {
    int del;
    idx_article_t a;
    /* Passages given whole (idx_db_add_passages), else none: cut by the
     * config. */
    bool given;
    int use_title;
    idx_passages_t spans;
    /* The dictionary to compress with, once there is one (borrowed from
     * the idx_db_t, which outlives its workers). */
    const char *dict;
    size_t dict_len;
    size_t bytes; /* title + body: what it holds in the queue */
};

/*
 * How much a writer's queue holds: jobs go to the writer hash(id) mod N,
 * so while one writer commits (a merge of its batch, a good part of a
 * second), the reader blocks on that writer's full queue and the others
 * run dry unless the queue holds more than a commit's worth of work. 32
 * jobs left the two writers of -j 2 idle a third of the time; 4 MB of
 * text (at most 8192 articles) keeps them busy (docs/performance.md) and
 * bounds the memory whatever the articles' sizes.
 */
#define WORKER_QUEUE 8192
#define WORKER_QUEUE_BYTES ((size_t)4 << 20)

/* A parallel writer: a thread with its own database (a shard) and a
 * bounded FIFO of jobs filled by the thread that owns the idx_db_t. */
struct idx_worker {
    pthread_t thread;
    int started;
    idx_db_t *db;
    pthread_mutex_t mu;
    pthread_cond_t can_put, can_get;
    struct idx_job *queue[WORKER_QUEUE];
    size_t head, count;
    size_t bytes; /* of the jobs queued */
    int done;
    cn_status_t st; /* first failure; later jobs are dropped */
    char *err;
};

cn_status_t
idx_db_status(xapc_status_t st)
{
    switch (st) {
    case XAPC_OK: return CN_OK;
    case XAPC_E_NOMEM: return CN_E_NOMEM;
    case XAPC_E_LOCKED: return CN_E_DB_LOCKED;
    case XAPC_E_CORRUPT: return CN_E_DB_CORRUPT;
    case XAPC_E_NOT_FOUND: return CN_E_NOT_FOUND;
    case XAPC_E_INVALID_ARGUMENT: return CN_E_INVALID_ARGUMENT;
    default: return CN_E_DB;
    }
}

static cn_status_t
writer_fail(idx_db_t *db, xapc_status_t st, const char *what, char **errmsg)
{
    if (errmsg) {
        cn_buf_t m = CN_BUF_INIT;
        cn_buf_addf(&m, "%s: %s", what, xapc_writer_last_error(db->w));
        *errmsg = cn_buf_detach(&m, NULL);
    }
    return idx_db_status(st);
}

/* The hot characters of a schema 6 index (tokenizer/hot.h). */
static cn_status_t
read_hot(idx_db_t *db, const char *path, char **errmsg)
{
    char *hot = NULL;
    size_t len;
    xapc_status_t xs = xapc_writer_get_metadata(db->w, CN_META_HOT_CHARS, &hot, &len);
    if (xs != XAPC_OK)
        return writer_fail(db, xs, "cannot read index metadata", errmsg);
    cn_status_t st = tok_hot_create(hot, len, &db->hot);
    free(hot);
    if (st == CN_E_INVALID_ARGUMENT) {
        if (errmsg)
            *errmsg = cn_strdupf("'%s': metadata " CN_META_HOT_CHARS " holds something "
                                 "other than CJK characters",
                                 path);
        st = CN_E_DB_CORRUPT;
    }
    return st;
}

/* Reads the tokenizer settings stored in an existing index, or stores
 * ours in a new one. */
static cn_status_t
check_metadata(idx_db_t *db, const char *path, char **errmsg)
{
    char *schema = NULL, *fold = NULL;
    size_t len;
    xapc_status_t xs = xapc_writer_get_metadata(db->w, CN_META_SCHEMA, &schema, &len);
    if (xs == XAPC_OK)
        xs = xapc_writer_get_metadata(db->w, CN_META_FOLD_TRADITIONAL, &fold, &len);
    if (xs != XAPC_OK) {
        free(schema);
        free(fold);
        return writer_fail(db, xs, "cannot read index metadata", errmsg);
    }
    cn_status_t st = CN_OK;
    const char *want = db->tok.fold_traditional ? "1" : "0";
    /* A version 3 index is added to as such: records stored as they are,
     * which its older searchers can read. */
    db->plain_only = strcmp(schema, CN_SCHEMA_VERSION_PLAIN) == 0;
    bool current = !*schema || strcmp(schema, CN_SCHEMA_VERSION) == 0;
    db->shared_records = current || strcmp(schema, CN_SCHEMA_VERSION_STARTS) == 0;
    db->run_starts = !current;
    if (*schema && !db->shared_records && !db->plain_only &&
        strcmp(schema, CN_SCHEMA_VERSION_FULL) != 0) {
        if (errmsg)
            *errmsg = cn_strdupf("'%s' has index schema %s; this version writes schema "
                                  CN_SCHEMA_VERSION ": index into a new database",
                                  path, schema);
        st = CN_E_DB;
    } else if (*fold && strcmp(fold, want) != 0) {
        if (errmsg)
            *errmsg = cn_strdupf("'%s' was built with index.fold_traditional %s; the "
                          "config asks for %s: use the same setting or a new database",
                          path, strcmp(fold, "1") == 0 ? "true" : "false",
                          strcmp(fold, "1") == 0 ? "false" : "true");
        st = CN_E_BAD_CONFIG;
    } else if (!*schema) {
        const char *table = tok_fold_table_id();
        const char *hot = tok_hot_default();
        if ((xs = xapc_writer_set_metadata(db->w, CN_META_SCHEMA, CN_SCHEMA_VERSION, 1)) ||
            (xs = xapc_writer_set_metadata(db->w, CN_META_FOLD_TRADITIONAL, want, 1)) ||
            (xs = xapc_writer_set_metadata(db->w, CN_META_FOLD_TABLE, table, strlen(table))) ||
            (xs = xapc_writer_set_metadata(db->w, CN_META_HOT_CHARS, hot, strlen(hot))))
            st = writer_fail(db, xs, "cannot write index metadata", errmsg);
        else
            st = tok_hot_create(hot, strlen(hot), &db->hot);
    } else if (current) {
        st = read_hot(db, path, errmsg);
    }
    free(schema);
    free(fold);
    return st;
}

/* Set once by main() before any database is opened. */
static int keep_termlist;

void
idx_db_keep_termlist(int on)
{
    keep_termlist = on;
}

int
idx_db_writer_mode(void)
{
    return XAPC_WRITER_CREATE_OR_OPEN | (keep_termlist ? XAPC_WRITER_TERMLIST : 0);
}

cn_status_t
idx_db_open(const char *path, const cfg_config_t *cfg, idx_db_t **out, char **errmsg)
{
    *out = NULL;
    idx_db_t *db = calloc(1, sizeof(*db));
    if (!db)
        return CN_E_NOMEM;
    db->cfg = cfg;
    tok_options_init(&db->tok);
    db->tok.fold_traditional = cfg->fold_traditional;
    cn_buf_init(&db->term);
    cn_buf_init(&db->data);
    cn_buf_init(&db->pterm);
    db->prefix = "";
    ent_names_opts_init(&db->names);
    db->names.builtin_titles = cfg->entity_builtin_titles;
    db->names.titles = (const char *const *)cfg->entity_titles.v;
    db->names.title_count = cfg->entity_titles.n;
    if (ent_linker_create(&db->tok, &db->names, NULL, &db->linker) != CN_OK) {
        free(db);
        return CN_E_NOMEM;
    }
    char *xerr = NULL;
    xapc_status_t xs = xapc_writer_open(path, idx_db_writer_mode(), &db->w, &xerr);
    if (xs != XAPC_OK) {
        if (errmsg)
            *errmsg = cn_strdupf("cannot open database '%s': %s", path, xerr ? xerr : "");
        free(xerr);
        ent_linker_destroy(db->linker);
        free(db);
        return idx_db_status(xs);
    }
    if ((xs = xapc_document_create(&db->doc)) != XAPC_OK) {
        idx_db_close(db, NULL);
        return CN_E_NOMEM;
    }
    cn_status_t st = check_metadata(db, path, errmsg);
    if (st == CN_OK && (xs = xapc_writer_get_dictionary(db->w, &db->dict, &db->dict_len)))
        st = writer_fail(db, xs, "cannot read the index's dictionary", errmsg);
    if (st == CN_OK && !db->dict && !db->plain_only && cfg->dictionary_sample_bytes)
        st = idx_zdict_create(cfg->dictionary_sample_bytes, &db->sampler);
    if (st != CN_OK) {
        xapc_writer_destroy(db->w);
        db->w = NULL;
        idx_db_close(db, NULL);
        return st;
    }
    *out = db;
    return CN_OK;
}

void
idx_article_passages(const idx_article_t *a, const cfg_config_t *cfg,
                     idx_passages_t *p, int *use_title)
{
    idx_passages_split(p, a->body.data, a->body.len, cfg->passage_min_chars,
                       cfg->passage_max_chars);
    *use_title = 0;
    if (p->count == 0 && a->title.len) {
        idx_passages_split(p, a->title.data, a->title.len, 1, (size_t)-1);
        *use_title = 1;
    }
}

/* Terms carry a wdf but no position: phrase adjacency is verified on the
 * stored passage text at query time (docs/index-schema.md, "No
 * positions"), which halves the index and the write path. */
static xapc_status_t
add_prefixed(idx_db_t *db, const char *term, size_t len)
{
    if (!*db->prefix)
        return xapc_document_add_term(db->doc, term, len, 1);
    cn_buf_clear(&db->pterm);
    cn_buf_addstr(&db->pterm, db->prefix);
    cn_buf_add(&db->pterm, term, len);
    /* A prefixed term at the length limit loses its tail characters. */
    size_t n = db->pterm.len;
    while (n > XAPC_MAX_TERM_LEN) {
        n--;
        while (n > 0 && ((unsigned char)db->pterm.data[n] & 0xC0) == 0x80)
            n--;
    }
    return xapc_document_add_term(db->doc, db->pterm.data, n, 1);
}

static int
add_token(void *ctx, const tok_token_t *t)
{
    idx_db_t *db = ctx;
    xapc_status_t xs = add_prefixed(db, t->term, t->term_len);
    /*
     * The first character of a bigram is also stored as a unigram when it
     * is hot (schema 6): with the run-end unigrams the tokenizer gives, its
     * unigram is then at every occurrence, with the occurrences as wdf, and
     * a one-character query reads that one list (tokenizer/hot.h).
     * Schema 5 and older stored the first character of every run instead,
     * for queries like 11月 whose last run is one character; schema 6
     * queries reach a cold one through the wildcard over terms starting
     * with it (docs/index-schema.md, "Hot characters").
     */
    if (xs == XAPC_OK && (t->flags & TOK_CJK) && !(t->flags & TOK_UNIGRAM)) {
        size_t first = cn_first_cluster_len(t->term, t->term_len);
        if (db->run_starts ? (t->flags & TOK_RUN_START) != 0
                           : tok_hot_has(db->hot, t->term, first)) {
            xs = add_prefixed(db, t->term, first);
            db->stats.terms++;
        }
    }
    if (xs != XAPC_OK) {
        db->post_err = xs;
        return 1;
    }
    db->stats.terms++;
    return 0;
}

static xapc_status_t
add_bool(idx_db_t *db, const char *prefix, const char *s, size_t len)
{
    cn_buf_clear(&db->term);
    cn_buf_addstr(&db->term, prefix);
    cn_buf_add(&db->term, s, len);
    if (db->term.len > XAPC_MAX_TERM_LEN)
        return XAPC_OK; /* an absurdly long source or lang is not filterable */
    return xapc_document_add_boolean_term(db->doc, db->term.data, db->term.len);
}

/* Adds the filter terms every passage of the article carries, and on
 * passage 0 ('no') the duplicate key. */
static xapc_status_t
add_article_terms(idx_db_t *db, const idx_article_t *a, unsigned no)
{
    xapc_status_t xs = XAPC_OK;
    cn_buf_clear(&db->term);
    cn_id_term(&db->term, CN_PREFIX_ARTICLE, a->id.data, a->id.len, NULL);
    if ((xs = xapc_document_add_boolean_term(db->doc, db->term.data, db->term.len)))
        return xs;
    if (a->date.len == 10) {
        /* D2023-11-19, D2023-11 and D2023, so a filter at any precision is
         * one term. */
        if ((xs = add_bool(db, CN_PREFIX_DATE, a->date.data, 10)) ||
            (xs = add_bool(db, CN_PREFIX_DATE, a->date.data, 7)) ||
            (xs = add_bool(db, CN_PREFIX_DATE, a->date.data, 4)))
            return xs;
        if ((xs = xapc_document_set_value(db->doc, CN_SLOT_DATE, a->date.data, 10)))
            return xs;
    }
    if (a->source.len) {
        cn_buf_t folded = CN_BUF_INIT;
        for (size_t i = 0; i < a->source.len; i++) {
            char c = a->source.data[i];
            cn_buf_addch(&folded, c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        xs = add_bool(db, CN_PREFIX_SOURCE, folded.data, folded.len);
        cn_buf_release(&folded);
        if (xs)
            return xs;
    }
    if (a->lang.len && (xs = add_bool(db, CN_PREFIX_LANG, a->lang.data, a->lang.len)))
        return xs;
    /* The H term on passage 0 only: its readers ask whether any live
     * passage holds it (dedup.c when it loads the keys, unchanged() below
     * with the article's A term), every article has a passage 0, and the
     * passages of an article are added and tombstoned together (by its A
     * term), so passage 0 is live exactly when the others are. Indexes
     * written before have it on every passage, which reads the same. */
    if (no == 0 && a->dedup_term.len &&
        (xs = xapc_document_add_boolean_term(db->doc, a->dedup_term.data, a->dedup_term.len)))
        return xs;
    unsigned char key[CN_ARTICLE_KEY_LEN];
    cn_article_key(a->id.data, a->id.len, key);
    return xapc_document_set_value(db->doc, CN_SLOT_ARTICLE, (const char *)key, sizeof key);
}

/* ---- dates the passage mentions (DM terms, value slot 3) ---------- */

/* A range adds a term for each day, month or year it covers up to these
 * counts (11月17日到20日: four days); a longer one adds its two ends, so
 * a passage about 2000年至2020年 gets no thousand terms. */
#define MAX_RANGE_DAYS 31
#define MAX_RANGE_MONTHS 24
#define MAX_RANGE_YEARS 30

struct date_ctx {
    idx_db_t *db;
    xapc_status_t xs;
    ent_date_t best; /* the first date of the finest precision */
    int have_best;
};

/* DM + the day, month or year of 'd' at precision 'prec' and coarser. */
static xapc_status_t
add_date_terms(idx_db_t *db, const ent_ymd_t *d, ent_date_prec_t prec)
{
    char buf[11];
    size_t n = ent_ymd_format(d, ENT_PREC_DAY, buf);
    xapc_status_t xs = XAPC_OK;
    if (prec == ENT_PREC_DAY)
        xs = add_bool(db, CN_PREFIX_MENTIONED_DATE, buf, n);
    if (!xs && prec <= ENT_PREC_MONTH)
        xs = add_bool(db, CN_PREFIX_MENTIONED_DATE, buf, 7);
    if (!xs)
        xs = add_bool(db, CN_PREFIX_MENTIONED_DATE, buf, 4);
    return xs;
}

static int
add_mentioned_date(void *vctx, const ent_date_t *d)
{
    struct date_ctx *c = vctx;
    long span;
    ent_ymd_t t = d->start;
    if (d->prec == ENT_PREC_DAY)
        span = ent_ymd_days(&d->end) - ent_ymd_days(&d->start) + 1;
    else if (d->prec == ENT_PREC_MONTH)
        span = (d->end.y - d->start.y) * 12L + d->end.m - d->start.m + 1;
    else
        span = d->end.y - d->start.y + 1;
    long cap = d->prec == ENT_PREC_DAY ? MAX_RANGE_DAYS
               : d->prec == ENT_PREC_MONTH ? MAX_RANGE_MONTHS : MAX_RANGE_YEARS;
    for (long k = 0; k < span && !c->xs; k++) {
        if (span > cap && k == 1) {
            t = d->end;
            k = span - 1;
        }
        c->xs = add_date_terms(c->db, &t, d->prec);
        if (d->prec == ENT_PREC_DAY)
            t = ent_ymd_from_days(ent_ymd_days(&t) + 1);
        else if (d->prec == ENT_PREC_MONTH)
            t = t.m == 12 ? (ent_ymd_t){ t.y + 1, 1, 1 } : (ent_ymd_t){ t.y, t.m + 1, 1 };
        else
            t.y++;
    }
    if (!c->have_best || d->prec < c->best.prec) {
        c->best = *d;
        c->have_best = 1;
    }
    return c->xs != XAPC_OK;
}

/* Indexes the dates the passage text mentions; partial and relative
 * ones are resolved against the article's date (docs/index-schema.md). */
static xapc_status_t
add_mentioned_dates(idx_db_t *db, const idx_article_t *a, const char *text, size_t len)
{
    ent_ymd_t art;
    int have_art = ent_ymd_parse_iso(a->date.data, a->date.len, &art);
    struct date_ctx c = { db, XAPC_OK, { 0 }, 0 };
    ent_dates_find(text, len, have_art ? &art : NULL, add_mentioned_date, &c);
    if (c.xs || !c.have_best)
        return c.xs;
    char buf[11];
    size_t n = ent_ymd_format(&c.best.start, ENT_PREC_DAY, buf);
    return xapc_document_set_value(db->doc, CN_SLOT_MENTIONED_DATE, buf, n);
}

/* ---- entities the passage names (P and O terms) ------------------- */

struct entity_ctx {
    idx_db_t *db;
    xapc_status_t xs;
};

static int
add_entity(void *vctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    (void)alias;
    (void)start_off;
    (void)end_off;
    struct entity_ctx *c = vctx;
    c->xs = add_bool(c->db, e->type == ENT_PERSON ? CN_PREFIX_PERSON : CN_PREFIX_ORG, e->id,
                     strlen(e->id));
    return c->xs != XAPC_OK;
}

static cn_status_t
add_entities(idx_db_t *db, const char *text, size_t len, xapc_status_t *xs)
{
    struct entity_ctx c = { db, XAPC_OK };
    cn_status_t st = ent_dict_match(db->entities, text, len, add_entity, &c);
    *xs = c.xs;
    return st;
}

/* Longest discovered name kept: longer ones are not names. */
#define MAX_CANDIDATE_BYTES 100

static int
add_candidate(void *vctx, const ent_candidate_t *cand)
{
    struct entity_ctx *c = vctx;
    if (cand->name_len > MAX_CANDIDATE_BYTES || cand->alias_len > MAX_CANDIDATE_BYTES)
        return 0;
    c->xs = add_bool(c->db, cand->type == ENT_PERSON ? CN_PREFIX_CAND_PERSON
                                                     : CN_PREFIX_CAND_ORG,
                     cand->name, cand->name_len);
    if (!c->xs && cand->alias_len) {
        cn_buf_t pair = CN_BUF_INIT;
        cn_buf_add(&pair, cand->name, cand->name_len);
        cn_buf_addch(&pair, '\t');
        cn_buf_add(&pair, cand->alias, cand->alias_len);
        c->xs = add_bool(c->db, CN_PREFIX_CAND_ALIAS, pair.data, pair.len);
        cn_buf_release(&pair);
    }
    return c->xs != XAPC_OK;
}

/* Candidate people and organisations found in the text (XP, XO, XA). */
static xapc_status_t
add_candidates(idx_db_t *db, const char *text, size_t len)
{
    struct entity_ctx c = { db, XAPC_OK };
    ent_names_discover_opts(&db->names, text, len, add_candidate, &c);
    return c.xs;
}

static int
add_link(void *vctx, const ent_link_t *link)
{
    struct entity_ctx *c = vctx;
    c->xs = add_bool(c->db, link->candidate ? CN_PREFIX_CAND_PERSON : CN_PREFIX_PERSON,
                     link->key, link->key_len);
    return c->xs != XAPC_OK;
}

/* The article's people this passage names only in part (a lone surname
 * after the full name elsewhere in the article: entities/links.h). */
static cn_status_t
add_links(idx_db_t *db, const char *text, size_t len, xapc_status_t *xs)
{
    struct entity_ctx c = { db, XAPC_OK };
    cn_status_t st = ent_linker_match(db->linker, text, len, add_link, &c);
    *xs = c.xs;
    return st;
}

bool
idx_db_shared_records(const idx_db_t *db)
{
    return db->shared_records;
}

void
idx_db_set_entities(idx_db_t *db, const ent_dict_t *dict)
{
    db->entities = dict;
    ent_linker_set_dict(db->linker, dict);
}

/* The stored record of passage 'no' of 'a', into db->data. */
static void
encode_record(idx_db_t *db, const idx_article_t *a, const char *text, size_t len, unsigned no)
{
    cn_record_t r = {
        a->id.data, a->id.len, a->title.data, a->title.len, a->date.data, a->date.len,
        a->source.data, a->source.len, a->url.data, a->url.len, a->lang.data,
        a->lang.len, text, len, no, false,
    };
    cn_buf_clear(&db->data);
    cn_record_encode(&r, db->shared_records, &db->data);
}

/* Trains the dictionary on what was sampled and compresses with it from
 * now on: in this database, and in the workers' shards from their next
 * job on. Too little or too uniform a sample gives none (not an error). */
static cn_status_t
train_dict(idx_db_t *db, char **errmsg)
{
    const void *dict;
    size_t len;
    cn_status_t st = idx_zdict_train(db->sampler, &dict, &len);
    if (st == CN_OK && len) {
        if (!(db->dict = malloc(len)))
            st = CN_E_NOMEM;
        else {
            memcpy(db->dict, dict, len);
            db->dict_len = len;
            xapc_status_t xs = xapc_writer_set_dictionary(db->w, db->dict, db->dict_len);
            if (xs)
                st = writer_fail(db, xs, "cannot store the dictionary", errmsg);
        }
    }
    idx_zdict_destroy(db->sampler);
    db->sampler = NULL;
    return st;
}

/* Samples the records of 'a' for the dictionary, in input order (this
 * runs before the article goes to a worker), and trains it once the
 * sample is full: the same input gives the same dictionary, and the same
 * articles stored with it, whatever -j says. */
static cn_status_t
sample_spans(idx_db_t *db, const idx_article_t *a, int use_title, const idx_passages_t *p,
             char **errmsg)
{
    int full = 0;
    const char *base = use_title ? a->title.data : a->body.data;
    for (size_t i = 0; i < p->count && !full; i++) {
        const idx_span_t *sp = &p->spans[i];
        encode_record(db, a, base + sp->off, sp->len, (unsigned)i);
        full = idx_zdict_add(db->sampler, db->data.data, db->data.len);
    }
    return full ? train_dict(db, errmsg) : CN_OK;
}

static cn_status_t
sample_article(idx_db_t *db, const idx_article_t *a, char **errmsg)
{
    int use_title = 0;
    idx_article_passages(a, db->cfg, &db->passages, &use_title);
    return sample_spans(db, a, use_title, &db->passages, errmsg);
}

static cn_status_t
add_passage(idx_db_t *db, const idx_article_t *a, const char *text, size_t len,
            unsigned no, char **errmsg)
{
    xapc_document_clear(db->doc);
    db->post_err = XAPC_OK;
    xapc_status_t xs = add_article_terms(db, a, no);
    char nobuf[16];
    int nolen = snprintf(nobuf, sizeof(nobuf), "%u", no);
    /* No unique passage term: A term and passage number (value slot) name
     * a passage (searcher/explain.c), and cost nothing more. */
    if (!xs)
        xs = xapc_document_set_value(db->doc, CN_SLOT_PASSAGE_NO, nobuf, (size_t)nolen);
    if (!xs)
        xs = add_mentioned_dates(db, a, text, len);
    if (!xs)
        xs = add_candidates(db, text, len);
    if (!xs && db->entities) {
        cn_status_t est = add_entities(db, text, len, &xs);
        if (est != CN_OK)
            return est;
    }
    if (!xs) {
        cn_status_t lst = add_links(db, text, len, &xs);
        if (lst != CN_OK)
            return lst;
    }
    if (xs) {
        if (errmsg)
            *errmsg = cn_strdupf("cannot build document: %s",
                                  xapc_document_last_error(db->doc));
        return CN_E_DB;
    }
    /* The title's terms go into every passage of the article, prefixed,
     * so that a word of the title finds the article's passages and a
     * title match adds to the score. */
    db->prefix = CN_PREFIX_TITLE;
    cn_status_t st = tok_tokenize(&db->tok, TOK_DOCUMENT, a->title.data, a->title.len,
                                  add_token, db);
    db->prefix = "";
    if (st == CN_OK && !db->post_err)
        st = tok_tokenize(&db->tok, TOK_DOCUMENT, text, len, add_token, db);
    if (st != CN_OK)
        return st;
    if (db->post_err) {
        if (errmsg)
            *errmsg = cn_strdupf("cannot add term: %s",
                                  xapc_document_last_error(db->doc));
        return idx_db_status(db->post_err);
    }
    static const char *const value_prefixes[] = CN_VALUE_TERM_PREFIXES;
    if ((xs = xapc_document_set_value_terms(db->doc, CN_SLOT_TERMS, value_prefixes,
                                            sizeof(value_prefixes) / sizeof(value_prefixes[0]))))
        return writer_fail(db, xs, "cannot add passage", errmsg);
    encode_record(db, a, text, len, no);
    if ((xs = xapc_document_set_data(db->doc, db->data.data, db->data.len)) ||
        (xs = xapc_writer_add(db->w, db->doc, NULL)))
        return writer_fail(db, xs, "cannot add passage", errmsg);
    db->stats.passages++;
    return CN_OK;
}

/* Tombstones the live passages of article 'id' (the index has no
 * termlist: xapc.h, "Tombstones"); they disappear from searches with the
 * commit that holds the adds. */
static cn_status_t
delete_local(idx_db_t *db, const char *id, size_t id_len, int *found, char **errmsg)
{
    cn_buf_clear(&db->term);
    cn_id_term(&db->term, CN_PREFIX_ARTICLE, id, id_len, NULL);
    uint32_t killed = 0;
    xapc_status_t xs = xapc_writer_delete_term(db->w, db->term.data, db->term.len, &killed);
    if (xs)
        return writer_fail(db, xs, "cannot delete", errmsg);
    if (found)
        *found = killed > 0;
    return CN_OK;
}

/* Whether article 'a' is indexed, live, with the same content: its
 * passages carry its duplicate key (H term: simhash and exact hash of
 * title and body, dedup.c), so re-indexing it can be skipped. Without
 * dedup there is no key and every re-index replaces. */
static cn_status_t
unchanged(idx_db_t *db, const idx_article_t *a, int *same, char **errmsg)
{
    *same = 0;
    if (!a->dedup_term.len)
        return CN_OK;
    cn_buf_clear(&db->term);
    cn_id_term(&db->term, CN_PREFIX_ARTICLE, a->id.data, a->id.len, NULL);
    uint32_t n = 0;
    xapc_status_t xs = xapc_writer_live_count(db->w, db->term.data, db->term.len,
                                              a->dedup_term.data, a->dedup_term.len, &n);
    if (xs)
        return writer_fail(db, xs, "cannot look the article up", errmsg);
    *same = n > 0;
    return CN_OK;
}

/* Adds the passages 'p' of 'a' (spans of its title if 'use_title', else
 * of its body) as documents, one writer in place. */
static cn_status_t
add_spans(idx_db_t *db, const idx_article_t *a, int use_title, const idx_passages_t *p,
          char **errmsg)
{
    const char *base = use_title ? a->title.data : a->body.data;
    cn_status_t st;
    ent_linker_reset(db->linker);
    if ((st = ent_linker_learn(db->linker, a->title.data, a->title.len)) != CN_OK ||
        (!use_title && (st = ent_linker_learn(db->linker, a->body.data, a->body.len)) != CN_OK))
        return st;
    for (size_t i = 0; i < p->count; i++) {
        const idx_span_t *sp = &p->spans[i];
        st = add_passage(db, a, base + sp->off, sp->len, (unsigned)i, errmsg);
        if (st != CN_OK)
            return st;
    }
    db->stats.articles++;
    db->since_commit_bytes += a->title.len + a->body.len;
    return CN_OK;
}

static cn_status_t dispatch(idx_db_t *db, int del, const idx_article_t *a, const char *id,
                            size_t id_len, int use_title, const idx_passages_t *spans,
                            char **errmsg);

cn_status_t
idx_db_delete(idx_db_t *db, const char *id, size_t id_len, int *found, char **errmsg)
{
    cn_status_t st = delete_local(db, id, id_len, found, errmsg);
    /* An article indexed earlier in this run lives in a shard. */
    if (st == CN_OK && db->nworkers)
        st = dispatch(db, 1, NULL, id, id_len, 0, NULL, errmsg);
    return st;
}

cn_status_t
idx_db_add(idx_db_t *db, const idx_article_t *a, char **errmsg)
{
    int existed = 0, use_title = 0, same = 0;
    /* Re-indexing what the index holds is a no-op (counted as replaced,
     * as before tombstones), so repeated runs add no tombstones. */
    cn_status_t st = unchanged(db, a, &same, errmsg);
    if (st == CN_OK && same) {
        db->stats.articles++;
        db->stats.replaced++;
        return idx_db_count_article(db, errmsg);
    }
    if (st == CN_OK)
        st = delete_local(db, a->id.data, a->id.len, &existed, errmsg);
    if (st == CN_OK && db->sampler)
        st = sample_article(db, a, errmsg);
    if (st != CN_OK)
        return st;
    if (db->nworkers) {
        if ((st = dispatch(db, 0, a, NULL, 0, 0, NULL, errmsg)) != CN_OK)
            return st;
        db->stats.articles++;
        db->stats.replaced += existed;
        db->since_commit_bytes += a->title.len + a->body.len;
        return idx_db_count_article(db, errmsg);
    }
    idx_article_passages(a, db->cfg, &db->passages, &use_title);
    if ((st = add_spans(db, a, use_title, &db->passages, errmsg)) != CN_OK)
        return st;
    db->stats.replaced += existed;
    return idx_db_count_article(db, errmsg);
}

cn_status_t
idx_db_add_passages(idx_db_t *db, const idx_article_t *a, int use_title,
                    const idx_passages_t *p, char **errmsg)
{
    cn_status_t st = db->sampler ? sample_spans(db, a, use_title, p, errmsg) : CN_OK;
    if (st == CN_OK && db->nworkers) {
        if ((st = dispatch(db, 0, a, NULL, 0, use_title, p, errmsg)) != CN_OK)
            return st;
        db->stats.articles++;
        db->since_commit_bytes += a->title.len + a->body.len;
    } else if (st == CN_OK) {
        st = add_spans(db, a, use_title, p, errmsg);
    }
    return st == CN_OK ? idx_db_count_article(db, errmsg) : st;
}

cn_status_t
idx_db_count_article(idx_db_t *db, char **errmsg)
{
    /* The text since the last commit is what Xapian holds in memory, so
     * it sizes the commits; the article count bounds batches of very
     * short articles (config/cjknews.yaml, index.commit_bytes). */
    if (++db->since_commit >= db->cfg->commit_every ||
        (db->cfg->commit_bytes && db->since_commit_bytes >= db->cfg->commit_bytes))
        return idx_db_commit(db, errmsg);
    return CN_OK;
}

struct xapc_writer *
idx_db_writer(idx_db_t *db)
{
    return db->w;
}

cn_status_t
idx_db_commit(idx_db_t *db, char **errmsg)
{
    xapc_status_t xs = xapc_writer_commit(db->w);
    if (xs)
        return writer_fail(db, xs, "cannot commit", errmsg);
    db->since_commit = 0;
    db->since_commit_bytes = 0;
    db->stats.commits++;
    return CN_OK;
}

cn_status_t
idx_db_close(idx_db_t *db, char **errmsg)
{
    if (!db)
        return CN_OK;
    cn_status_t st = CN_OK;
    /* A run too short to fill the sample still leaves a dictionary for
     * the next runs when it saw a quarter of it (its own passages stay
     * as they were stored). */
    if (db->sampler && db->w &&
        idx_zdict_sampled(db->sampler) >= db->cfg->dictionary_sample_bytes / 4)
        st = train_dict(db, errmsg);
    if (db->nworkers) {
        cn_status_t wst = idx_db_finish_workers(db, st == CN_OK ? errmsg : NULL);
        if (st == CN_OK)
            st = wst;
    }
    if (db->w) {
        xapc_status_t xs = xapc_writer_close(db->w);
        if (xs && st == CN_OK)
            st = writer_fail(db, xs, "cannot close database", errmsg);
        xapc_writer_destroy(db->w);
    }
    xapc_document_destroy(db->doc);
    ent_linker_destroy(db->linker);
    idx_passages_release(&db->passages);
    cn_buf_release(&db->term);
    cn_buf_release(&db->data);
    cn_buf_release(&db->pterm);
    idx_zdict_destroy(db->sampler);
    free(db->dict);
    tok_hot_destroy(db->hot);
    free(db);
    return st;
}

const idx_stats_t *
idx_db_stats(const idx_db_t *db)
{
    return &db->stats;
}

const tok_options_t *
idx_db_tok_options(const idx_db_t *db)
{
    return &db->tok;
}

/* ---- parallel writers ---------------------------------------------- */

/* Which shard an id goes to: a hash of its bytes, so the same id always
 * goes to the same shard, whatever the input order around it. */
static size_t
shard_of(const char *id, size_t len, size_t n)
{
    uint64_t h = cn_fnv1a(CN_FNV1A_INIT, id, len);
    h ^= h >> 29;
    return (size_t)(h % n);
}

static void
job_free(struct idx_job *j)
{
    if (!j)
        return;
    idx_article_release(&j->a);
    idx_passages_release(&j->spans);
    free(j);
}

static void *
worker_main(void *arg)
{
    struct idx_worker *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        while (!w->count && !w->done)
            pthread_cond_wait(&w->can_get, &w->mu);
        if (!w->count) {
            pthread_mutex_unlock(&w->mu);
            break;
        }
        struct idx_job *j = w->queue[w->head];
        w->head = (w->head + 1) % WORKER_QUEUE;
        w->count--;
        w->bytes -= j->bytes;
        int failed = w->st != CN_OK;
        pthread_cond_signal(&w->can_put);
        pthread_mutex_unlock(&w->mu);
        if (!failed) {
            char *err = NULL;
            cn_status_t st = CN_OK;
            if (j->dict_len && !xapc_writer_has_dictionary(w->db->w)) {
                xapc_status_t xs = xapc_writer_set_dictionary(w->db->w, j->dict, j->dict_len);
                if (xs)
                    st = writer_fail(w->db, xs, "cannot store the dictionary", &err);
            }
            if (st == CN_OK)
                st = j->del     ? delete_local(w->db, j->a.id.data, j->a.id.len, NULL, &err)
                     : j->given ? idx_db_add_passages(w->db, &j->a, j->use_title, &j->spans,
                                                      &err)
                                : idx_db_add(w->db, &j->a, &err);
            if (st != CN_OK) {
                pthread_mutex_lock(&w->mu);
                w->st = st;
                w->err = err;
                pthread_mutex_unlock(&w->mu);
            } else {
                free(err);
            }
        }
        job_free(j);
    }
    return NULL;
}

static void
copy_buf(cn_buf_t *dst, const cn_buf_t *src)
{
    cn_buf_clear(dst);
    if (src->len)
        cn_buf_add(dst, src->data, src->len);
}

static cn_status_t
worker_failure(struct idx_worker *w, char **errmsg)
{
    if (errmsg) {
        *errmsg = w->err;
        w->err = NULL;
    }
    return w->st;
}

/* Hands a copy of 'a' (or the id to delete) to the shard of its id;
 * with its passages 'spans' when given whole. */
static cn_status_t
dispatch(idx_db_t *db, int del, const idx_article_t *a, const char *id, size_t id_len,
         int use_title, const idx_passages_t *spans, char **errmsg)
{
    if (a) {
        id = a->id.data;
        id_len = a->id.len;
    }
    size_t k = spans ? db->given_next++ % db->nworkers : shard_of(id, id_len, db->nworkers);
    struct idx_worker *w = &db->workers[k];
    struct idx_job *j = calloc(1, sizeof(*j));
    if (!j)
        return CN_E_NOMEM;
    j->del = del;
    j->dict = db->dict;
    j->dict_len = db->dict_len;
    idx_article_init(&j->a);
    cn_buf_add(&j->a.id, id, id_len);
    if (a) {
        copy_buf(&j->a.title, &a->title);
        copy_buf(&j->a.body, &a->body);
        copy_buf(&j->a.date, &a->date);
        copy_buf(&j->a.source, &a->source);
        copy_buf(&j->a.url, &a->url);
        copy_buf(&j->a.lang, &a->lang);
        copy_buf(&j->a.dedup_term, &a->dedup_term);
    }
    if (spans) {
        j->given = true;
        j->use_title = use_title;
        if (spans->count &&
            !(j->spans.spans = malloc(spans->count * sizeof(*spans->spans)))) {
            job_free(j);
            return CN_E_NOMEM;
        }
        if (spans->count)
            memcpy(j->spans.spans, spans->spans, spans->count * sizeof(*spans->spans));
        j->spans.count = j->spans.alloc = spans->count;
    }
    j->bytes = j->a.title.len + j->a.body.len;
    pthread_mutex_lock(&w->mu);
    /* An empty queue takes a job of any size. */
    while ((w->count == WORKER_QUEUE ||
            (w->count && w->bytes + j->bytes > WORKER_QUEUE_BYTES)) &&
           w->st == CN_OK)
        pthread_cond_wait(&w->can_put, &w->mu);
    if (w->st != CN_OK) {
        cn_status_t st = worker_failure(w, errmsg);
        pthread_mutex_unlock(&w->mu);
        job_free(j);
        return st;
    }
    w->queue[(w->head + w->count) % WORKER_QUEUE] = j;
    w->count++;
    w->bytes += j->bytes;
    pthread_cond_signal(&w->can_get);
    pthread_mutex_unlock(&w->mu);
    return CN_OK;
}

/* A shard of a parallel run is new, but merges into the owner's index:
 * it is written in that index's layout, and leaves its metadata alone
 * (the merge keeps the first source's value of a key, the owner's, and
 * an older index has no hot characters to keep). */
static cn_status_t
inherit_layout(idx_db_t *shard, const idx_db_t *owner, char **errmsg)
{
    shard->shared_records = owner->shared_records;
    shard->run_starts = owner->run_starts;
    tok_hot_destroy(shard->hot);
    shard->hot = NULL;
    if (!owner->hot) {
        xapc_status_t xs = xapc_writer_set_metadata(shard->w, CN_META_HOT_CHARS, "", 0);
        return xs ? writer_fail(shard, xs, "cannot write index metadata", errmsg) : CN_OK;
    }
    size_t len;
    char *chars = tok_hot_serialize(owner->hot, &len);
    cn_status_t st = chars ? tok_hot_create(chars, len, &shard->hot) : CN_E_NOMEM;
    free(chars);
    return st;
}

cn_status_t
idx_db_start_workers(idx_db_t *db, const char *const *paths, size_t n, char **errmsg)
{
    if (db->nworkers || n == 0)
        return CN_E_INVALID_ARGUMENT;
    db->workers = calloc(n, sizeof(*db->workers));
    if (!db->workers)
        return CN_E_NOMEM;
    cn_status_t st = CN_OK;
    for (size_t i = 0; i < n && st == CN_OK; i++) {
        struct idx_worker *w = &db->workers[i];
        pthread_mutex_init(&w->mu, NULL);
        pthread_cond_init(&w->can_put, NULL);
        pthread_cond_init(&w->can_get, NULL);
        db->nworkers = i + 1;
        st = idx_db_open(paths[i], db->cfg, &w->db, errmsg);
        if (st != CN_OK)
            break;
        idx_db_set_entities(w->db, db->entities);
        /* The shards are new, but merge into this index: its layout. */
        st = inherit_layout(w->db, db, errmsg);
        if (st != CN_OK)
            break;
        /* Only the owner samples (input order); its dictionary reaches the
         * shards with the jobs. */
        idx_zdict_destroy(w->db->sampler);
        w->db->sampler = NULL;
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            if (errmsg)
                *errmsg = cn_strdupf("cannot start writer thread %zu", i);
            st = CN_E_NOMEM;
            break;
        }
        w->started = 1;
    }
    if (st != CN_OK)
        idx_db_finish_workers(db, NULL);
    return st;
}

cn_status_t
idx_db_finish_workers(idx_db_t *db, char **errmsg)
{
    cn_status_t first = CN_OK;
    for (size_t i = 0; i < db->nworkers; i++) {
        struct idx_worker *w = &db->workers[i];
        pthread_mutex_lock(&w->mu);
        w->done = 1;
        pthread_cond_signal(&w->can_get);
        pthread_mutex_unlock(&w->mu);
    }
    for (size_t i = 0; i < db->nworkers; i++) {
        struct idx_worker *w = &db->workers[i];
        if (w->started)
            pthread_join(w->thread, NULL);
        cn_status_t st = w->st;
        char *err = w->err;
        w->err = NULL;
        if (w->db) {
            const idx_stats_t *s = idx_db_stats(w->db);
            db->stats.passages += s->passages;
            db->stats.terms += s->terms;
            db->stats.commits += s->commits;
            char *cerr = NULL;
            cn_status_t cst = idx_db_close(w->db, &cerr);
            if (st == CN_OK && cst != CN_OK) {
                st = cst;
                err = cerr;
            } else {
                free(cerr);
            }
        }
        if (st != CN_OK && first == CN_OK) {
            first = st;
            if (errmsg)
                *errmsg = err;
            else
                free(err);
        } else {
            free(err);
        }
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->can_put);
        pthread_cond_destroy(&w->can_get);
    }
    free(db->workers);
    db->workers = NULL;
    db->nworkers = 0;
    return first;
}
