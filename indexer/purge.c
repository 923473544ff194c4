/* SPDX-License-Identifier: MIT */
/* purge.c - an index rewritten from its live passages. */
#include "purge.h"
#include "article.h"
#include "buf.h"
#include "dedup.h"
#include "indexdb.h"
#include "passage.h"
#include "schema.h"
#include "shards.h"
#include "xapc.h"

#include <stdlib.h>
#include <string.h>

struct purge {
    const cfg_config_t *cfg;
    idx_db_t *db;
    idx_article_t a;      /* the article being gathered */
    idx_passages_t spans; /* its passages, as spans of a.body */
    bool open;            /* a.id holds an article */
    xapc_docid_t first;   /* docid of its passage 0, for messages */
    idx_purge_stats_t *stats;
    cn_status_t st;
    char *err;
};

static int
fail(struct purge *p, cn_status_t st, char *msg)
{
    p->st = st;
    p->err = msg;
    return 1;
}

/* Adds the gathered article to the new index. Its body is its passages
 * joined by '\n', as they were cut from it; an article whose only
 * passage is its title had no body (indexdb.h, idx_article_passages). */
static cn_status_t
flush(struct purge *p)
{
    if (!p->open)
        return CN_OK;
    p->open = false;
    idx_article_t *a = &p->a;
    int use_title = p->spans.count == 1 && a->body.len == a->title.len &&
                    memcmp(a->body.data, a->title.data, a->title.len) == 0;
    if (use_title)
        cn_buf_clear(&a->body);
    if (p->cfg->dedup)
        idx_dedup_term(p->cfg, p->db, a);
    else
        cn_buf_clear(&a->dedup_term);
    char *err = NULL;
    cn_status_t st = idx_db_add_passages(p->db, a, use_title, &p->spans, &err);
    if (st != CN_OK) {
        p->err = cn_strdupf("article '%s': %s", a->id.data, err ? err : cn_status_to_string(st));
        free(err);
        return st;
    }
    p->stats->articles++;
    p->stats->passages += p->spans.count;
    return CN_OK;
}

static void
set_field(cn_buf_t *b, const char *s, size_t len)
{
    cn_buf_clear(b);
    cn_buf_add(b, s, len);
}

static int
on_passage(void *ctx, xapc_docid_t did, const char *data, size_t len)
{
    struct purge *p = ctx;
    cn_record_t rec;
    if (cn_record_decode(data, len, &rec) != CN_OK)
        return fail(p, CN_E_DB_CORRUPT,
                    cn_strdupf("document %u is not a cjknews passage", (unsigned)did));
    idx_article_t *a = &p->a;
    if (rec.passage_no == 0) {
        if ((p->st = flush(p)) != CN_OK)
            return 1;
        idx_article_clear(a);
        set_field(&a->id, rec.article_id, rec.article_id_len);
        set_field(&a->title, rec.title, rec.title_len);
        set_field(&a->date, rec.date, rec.date_len);
        set_field(&a->source, rec.source, rec.source_len);
        set_field(&a->url, rec.url, rec.url_len);
        set_field(&a->lang, rec.lang, rec.lang_len);
        a->origin_file = "purge";
        p->spans.count = 0;
        p->open = true;
        p->first = did;
    } else if (!p->open || rec.passage_no != p->spans.count ||
               (!rec.shared && (rec.article_id_len != a->id.len ||
                                memcmp(rec.article_id, a->id.data, a->id.len) != 0))) {
        /* An article's passages are written together, in order, and
         * deleted together: anything else is not an index of ours. */
        return fail(p, CN_E_DB_CORRUPT,
                    cn_strdupf("document %u: passage %u does not follow passage %zu of the "
                               "article at document %u",
                               (unsigned)did, rec.passage_no,
                               p->open ? p->spans.count - 1 : 0, (unsigned)p->first));
    }
    if (p->spans.count == p->spans.alloc) {
        size_t n = p->spans.alloc ? p->spans.alloc * 2 : 16;
        idx_span_t *v = realloc(p->spans.spans, n * sizeof(*v));
        if (!v)
            return fail(p, CN_E_NOMEM, NULL);
        p->spans.spans = v;
        p->spans.alloc = n;
    }
    if (p->spans.count)
        cn_buf_addch(&a->body, '\n');
    p->spans.spans[p->spans.count].off = a->body.len;
    p->spans.spans[p->spans.count].len = rec.text_len;
    p->spans.count++;
    cn_buf_add(&a->body, rec.text, rec.text_len);
    return 0;
}

/* Carries a duplicate record (dedup.c: which articles were folded into
 * which) over as it is. */
static int
on_metadata(void *ctx, const char *key, size_t key_len, const char *value, size_t value_len)
{
    struct purge *p = ctx;
    cn_buf_t k = CN_BUF_INIT;
    cn_buf_add(&k, key, key_len);
    xapc_writer_t *w = idx_db_writer(p->db);
    xapc_status_t xs = xapc_writer_set_metadata(w, k.data, value, value_len);
    cn_buf_release(&k);
    if (xs)
        return fail(p, CN_E_DB,
                    cn_strdupf("cannot copy metadata: %s", xapc_writer_last_error(w)));
    p->stats->metadata++;
    return 0;
}

/* The old index's fold setting against the config's (indexdb.c refuses
 * to add to an index with the other one; a purge must not switch it). */
static cn_status_t
check_fold(xapc_reader_t *r, const char *target, const cfg_config_t *cfg, char **errmsg)
{
    char *fold = NULL;
    size_t len;
    if (xapc_reader_get_metadata(r, CN_META_FOLD_TRADITIONAL, &fold, &len) != XAPC_OK) {
        *errmsg = cn_strdupf("cannot read '%s': %s", target, xapc_reader_last_error(r));
        return CN_E_DB;
    }
    cn_status_t st = CN_OK;
    if (*fold && strcmp(fold, cfg->fold_traditional ? "1" : "0") != 0) {
        *errmsg = cn_strdupf("'%s' was built with index.fold_traditional %s; the config asks "
                             "for %s: purge with the same setting",
                             target, cfg->fold_traditional ? "false" : "true",
                             cfg->fold_traditional ? "true" : "false");
        st = CN_E_BAD_CONFIG;
    }
    free(fold);
    return st;
}

/* Fills the new database p->db from 'r'. */
static cn_status_t
rewrite(struct purge *p, xapc_reader_t *r, const char *target)
{
    uint32_t all = 0, live = 0;
    xapc_status_t xs = xapc_reader_doccount(r, &all);
    if (!xs)
        xs = xapc_reader_live_doccount(r, &live);
    if (!xs)
        xs = xapc_reader_foreach_document(r, on_passage, p);
    if (!xs && p->st == CN_OK)
        p->st = flush(p);
    if (!xs && p->st == CN_OK) {
        xs = xapc_reader_foreach_metadata(r, CN_META_COPIES, on_metadata, p);
        if (!xs && p->st == CN_OK)
            xs = xapc_reader_foreach_metadata(r, CN_META_COPYOF, on_metadata, p);
    }
    if (xs) {
        free(p->err);
        p->err = cn_strdupf("cannot read '%s': %s", target, xapc_reader_last_error(r));
        return idx_db_status(xs);
    }
    p->stats->dropped = all - live;
    return p->st;
}

cn_status_t
idx_purge(const char *target, const cfg_config_t *cfg, const ent_dict_t *dict, size_t jobs,
          idx_purge_stats_t *stats, char **errmsg)
{
    memset(stats, 0, sizeof(*stats));
    *errmsg = NULL;
    /* Taking the lock would create a missing index: look first. The
     * index is read again under the lock, so that no commit slips in
     * between. */
    xapc_reader_t *r = NULL;
    xapc_status_t xs = xapc_reader_create(&r);
    if (!xs)
        xs = xapc_reader_add_path(r, target);
    if (xs) {
        *errmsg = cn_strdupf("cannot open '%s': %s", target,
                             r ? xapc_reader_last_error(r) : "out of memory");
        xapc_reader_destroy(r);
        return idx_db_status(xs);
    }
    xapc_reader_destroy(r);
    r = NULL;
    idx_shards_t sh;
    cn_status_t st = idx_shards_lock(&sh, target, jobs ? jobs : 1, errmsg);
    if (st != CN_OK) {
        idx_shards_release(&sh);
        return st;
    }
    struct purge p;
    memset(&p, 0, sizeof(p));
    p.cfg = cfg;
    p.stats = stats;
    idx_article_init(&p.a);
    xs = xapc_reader_create(&r);
    if (!xs)
        xs = xapc_reader_add_path(r, sh.target);
    if (xs) {
        *errmsg = cn_strdupf("cannot open '%s': %s", sh.target,
                             r ? xapc_reader_last_error(r) : "out of memory");
        st = idx_db_status(xs);
    }
    if (st == CN_OK)
        st = check_fold(r, sh.target, cfg, errmsg);
    /* A new, empty DB.tmp-base reads the passages in index order (its
     * dictionary sample too) and hands each article to the writer of its
     * id, as a -j N run does; the merge then compacts them all. */
    if (st == CN_OK && (st = idx_db_open(sh.base, cfg, &p.db, errmsg)) == CN_OK) {
        idx_db_set_entities(p.db, dict);
        st = idx_db_start_workers(p.db, (const char *const *)sh.shards, sh.nshards, errmsg);
        if (st == CN_OK)
            st = rewrite(&p, r, sh.target);
        if (st != CN_OK) {
            *errmsg = p.err ? p.err : cn_strdupf("%s", cn_status_to_string(st));
            p.err = NULL;
        }
        /* Closing stops the writers and commits; on failure the DB.tmp-*
         * are removed unused. */
        char *cerr = NULL;
        cn_status_t cst = idx_db_close(p.db, &cerr);
        if (st == CN_OK && cst != CN_OK) {
            st = cst;
            *errmsg = cerr;
        } else {
            free(cerr);
        }
    }
    xapc_reader_destroy(r);
    if (st == CN_OK)
        st = idx_shards_merge(&sh, errmsg);
    idx_shards_release(&sh);
    idx_article_release(&p.a);
    idx_passages_release(&p.spans);
    free(p.err);
    return st;
}
