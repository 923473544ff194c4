/* SPDX-License-Identifier: MIT */
/* dedup.c - exact and SimHash near-duplicate grouping. */
#include "dedup.h"
#include "hash.h"
#include "buf.h"
#include "schema.h"
#include "tokenizer.h"
#include "xapc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define META_COPYOF CN_META_COPYOF
#define META_COPIES CN_META_COPIES

/* A canonical article known to the run: its keys and its id term body.
 * Entries are never removed, only marked dead (replaced or turned copy).
 * 'id' is NULL for one loaded from a key without the id (schema 5, below):
 * read from the index when it first matches (resolve()). */
struct entry {
    uint64_t sim, exact;
    char *id;
    uint32_t next[4]; /* band chains: index + 1, 0 ends */
    int live, near;   /* near: enough terms for SimHash matching */
};

struct idx_dedup {
    const cfg_config_t *cfg;
    tok_options_t tok;
    struct entry *e;
    size_t n, cap;
    uint32_t *heads[4]; /* 65536 chain heads per 16-bit band */
    uint32_t *idmap;    /* open addressing, index + 1 */
    size_t idcap, idused;
    size_t copies;
    cn_buf_t id, key, val;
};

static uint64_t
mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* The SimHash is taken over the set of distinct terms, each counted once:
 * over every occurrence, the few terms that recur in every text of a
 * language (Korean particles and endings as run-end unigrams: 다, 을, 는)
 * outweighed the rest, and unrelated articles of one source came within
 * 3 bits of each other (docs/bench.md, "What the misses were"). */
struct keys_ctx {
    uint64_t *h; /* term hashes */
    size_t n, cap;
    int32_t v[64]; /* when h could not grow: every occurrence counts */
    int nomem;
    uint64_t exact;
};

static void
add_bits(int32_t *v, uint64_t h)
{
    for (int b = 0; b < 64; b++)
        v[b] += (h >> b) & 1 ? 1 : -1;
}

static int
key_token(void *vctx, const tok_token_t *t)
{
    struct keys_ctx *k = vctx;
    uint64_t h = mix(cn_fnv1a(CN_FNV1A_INIT, t->term, t->term_len));
    k->exact = cn_fnv1a(k->exact, t->term, t->term_len);
    k->exact = cn_fnv1a(k->exact, "\x1f", 1);
    if (k->n == k->cap && !k->nomem) {
        size_t ncap = k->cap ? k->cap * 2 : 256;
        uint64_t *nh = realloc(k->h, ncap * sizeof(*nh));
        if (nh) {
            k->h = nh;
            k->cap = ncap;
        } else {
            k->nomem = 1;
        }
    }
    if (k->n < k->cap)
        k->h[k->n] = h;
    else
        add_bits(k->v, h);
    k->n++;
    return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void
idx_dedup_keys(const tok_options_t *tok, const char *text, size_t len, uint64_t *simhash,
               uint64_t *exact, size_t *nterms)
{
    struct keys_ctx k;
    memset(&k, 0, sizeof(k));
    k.exact = CN_FNV1A_INIT;
    tok_tokenize(tok, TOK_DOCUMENT, text, len, key_token, &k);
    size_t stored = k.n < k.cap ? k.n : k.cap;
    if (stored)
        qsort(k.h, stored, sizeof(*k.h), cmp_u64);
    for (size_t i = 0; i < stored; i++)
        if (i == 0 || k.h[i] != k.h[i - 1])
            add_bits(k.v, k.h[i]);
    free(k.h);
    uint64_t s = 0;
    for (int b = 0; b < 64; b++)
        if (k.v[b] > 0)
            s |= 1ULL << b;
    *simhash = s;
    *exact = k.exact;
    *nterms = k.n;
}

static size_t
id_slot(const idx_dedup_t *d, const char *id)
{
    size_t i = (size_t)mix(cn_fnv1a(CN_FNV1A_INIT, id, strlen(id))) & (d->idcap - 1);
    while (d->idmap[i] && strcmp(d->e[d->idmap[i] - 1].id, id) != 0)
        i = (i + 1) & (d->idcap - 1);
    return i;
}

static void
kill_id(idx_dedup_t *d, const char *id)
{
    if (!d->idcap)
        return;
    size_t s = id_slot(d, id);
    if (d->idmap[s])
        d->e[d->idmap[s] - 1].live = 0;
}

/* Puts entry 'at' (index + 1), whose id is set, in the id map: the entry
 * the id had before is dead. */
static cn_status_t
map_id(idx_dedup_t *d, uint32_t at)
{
    if ((d->idused + 1) * 2 > d->idcap) {
        size_t ncap = d->idcap ? d->idcap * 2 : 1024;
        uint32_t *old = d->idmap;
        size_t ocap = d->idcap;
        if (!(d->idmap = calloc(ncap, sizeof(*d->idmap)))) {
            d->idmap = old;
            return CN_E_NOMEM;
        }
        d->idcap = ncap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i])
                d->idmap[id_slot(d, d->e[old[i] - 1].id)] = old[i];
        free(old);
    }
    size_t s = id_slot(d, d->e[at - 1].id);
    if (d->idmap[s])
        d->e[d->idmap[s] - 1].live = 0;
    else
        d->idused++;
    d->idmap[s] = at;
    return CN_OK;
}

/* A new entry; 'id' NULL: not known yet (a key without the id). */
static cn_status_t
remember(idx_dedup_t *d, uint64_t sim, uint64_t exact, int near, const char *id, size_t len)
{
    if (d->n == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 256;
        struct entry *ne = realloc(d->e, ncap * sizeof(*ne));
        if (!ne)
            return CN_E_NOMEM;
        d->e = ne;
        d->cap = ncap;
    }
    struct entry *e = &d->e[d->n];
    e->id = NULL;
    if (id && !(e->id = strndup(id, len)))
        return CN_E_NOMEM;
    e->sim = sim;
    e->exact = exact;
    e->live = 1;
    e->near = near;
    for (int b = 0; b < 4; b++) {
        uint32_t band = (uint32_t)(sim >> (16 * b)) & 0xFFFF;
        e->next[b] = d->heads[b][band];
        d->heads[b][band] = (uint32_t)(d->n + 1);
    }
    d->n++;
    return e->id ? map_id(d, (uint32_t)d->n) : CN_OK;
}

struct load_ctx {
    idx_dedup_t *d;
    xapc_reader_t *r;
    bool dead;   /* the index holds tombstones */
    xapc_status_t xs;
};

/* DUPKEY_BIN_LEN: "H" + simhash + exact hash (8 bytes each, big-endian) +
 * (s|x), the key of a schema 5 index: the id is left to the passage that
 * holds it (51 bytes fewer per article on the bench corpus). */
#define DUPKEY_BIN_LEN 18

static uint64_t
be64(const char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | (unsigned char)p[i];
    return v;
}

static void
dupkey_bin(cn_buf_t *out, uint64_t sim, uint64_t exact, int near)
{
    char k[DUPKEY_BIN_LEN];
    k[0] = CN_PREFIX_DUPKEY[0];
    for (int i = 0; i < 8; i++) {
        k[1 + i] = (char)(sim >> (56 - 8 * i));
        k[9 + i] = (char)(exact >> (56 - 8 * i));
    }
    k[17] = near ? 's' : 'x';
    cn_buf_add(out, k, sizeof(k));
}

/* Parses "H" + 16 hex simhash + 16 hex exact + (s|n|x) + ":" + id. 's':
 * a SimHash over distinct terms, for near matching; 'n' (written before
 * that) and 'x': exact matching only, as their SimHash is not comparable.
 * A key whose passages are all tombstoned (a deleted or replaced article)
 * is not a canonical any more. */
static int
load_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
    struct load_ctx *c = vctx;
    idx_dedup_t *d = c->d;
    int bin = len == DUPKEY_BIN_LEN && (term[17] == 's' || term[17] == 'x');
    if (!bin && (len < 36 || term[34] != ':'))
        return 0;
    if (c->dead && (c->xs = xapc_reader_live_termfreq(c->r, term, len, &freq)) != XAPC_OK)
        return 1;
    if (!freq)
        return 0;
    if (bin)
        return remember(d, be64(term + 1), be64(term + 9), term[17] == 's', NULL, 0) != CN_OK;
    char hex[17];
    memcpy(hex, term + 1, 16);
    hex[16] = 0;
    uint64_t sim = strtoull(hex, NULL, 16);
    memcpy(hex, term + 17, 16);
    uint64_t exact = strtoull(hex, NULL, 16);
    return remember(d, sim, exact, term[33] == 's', term + 35, len - 35) != CN_OK;
}

cn_status_t
idx_dedup_open(idx_dedup_t **out, const char *path, const cfg_config_t *cfg, char **errmsg)
{
    *out = NULL;
    idx_dedup_t *d = calloc(1, sizeof(*d));
    if (!d)
        return CN_E_NOMEM;
    d->cfg = cfg;
    tok_options_init(&d->tok);
    d->tok.fold_traditional = cfg->fold_traditional;
    cn_buf_init(&d->id);
    cn_buf_init(&d->key);
    cn_buf_init(&d->val);
    for (int b = 0; b < 4; b++)
        if (!(d->heads[b] = calloc(65536, sizeof(uint32_t)))) {
            idx_dedup_destroy(d);
            return CN_E_NOMEM;
        }
    xapc_reader_t *r = NULL;
    xapc_status_t xs = xapc_reader_create(&r);
    if (!xs)
        xs = xapc_reader_add_path(r, path);
    struct load_ctx lc = { d, r, false, XAPC_OK };
    if (!xs)
        xs = xapc_reader_has_tombstones(r, &lc.dead);
    if (!xs)
        xs = xapc_reader_allterms(r, CN_PREFIX_DUPKEY, strlen(CN_PREFIX_DUPKEY), load_term, &lc);
    if (!xs)
        xs = lc.xs;
    if (xs) {
        if (errmsg)
            *errmsg = cn_strdupf("cannot read duplicate keys of '%s': %s", path,
                           r ? xapc_reader_last_error(r) : "out of memory");
        xapc_reader_destroy(r);
        idx_dedup_destroy(d);
        return xs == XAPC_E_NOMEM ? CN_E_NOMEM : CN_E_DB;
    }
    xapc_reader_destroy(r);
    *out = d;
    return CN_OK;
}

void
idx_dedup_destroy(idx_dedup_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->e[i].id);
    free(d->e);
    free(d->idmap);
    for (int b = 0; b < 4; b++)
        free(d->heads[b]);
    cn_buf_release(&d->id);
    cn_buf_release(&d->key);
    cn_buf_release(&d->val);
    free(d);
}

size_t
idx_dedup_copies(const idx_dedup_t *d)
{
    return d->copies;
}

static cn_status_t
meta_fail(idx_db_t *db, const char *what, char **errmsg)
{
    if (errmsg)
        *errmsg = cn_strdupf("%s: %s", what, xapc_writer_last_error(idx_db_writer(db)));
    return CN_E_DB;
}

/* Removes the record of copy 'id' (id term body) from the list of
 * canonical 'canon' (value of its copyof key). */
static cn_status_t
unlist_copy(idx_db_t *db, const char *canon, const char *id, char **errmsg)
{
    xapc_writer_t *w = idx_db_writer(db);
    cn_buf_t key = CN_BUF_INIT, keep = CN_BUF_INIT;
    cn_id_term(&key, META_COPIES, canon, strlen(canon), NULL);
    char *list = NULL;
    size_t len = 0;
    cn_status_t st = CN_OK;
    if (xapc_writer_get_metadata(w, key.data, &list, &len)) {
        st = meta_fail(db, "cannot read copies", errmsg);
        goto out;
    }
    /* Records: id NUL source NUL url NUL date RS. */
    for (size_t i = 0; i < len;) {
        const char *rs = memchr(list + i, '\x1e', len - i);
        size_t e = rs ? (size_t)(rs - list) + 1 : len;
        size_t idl = strnlen(list + i, e - i);
        if (!(idl == strlen(id) && memcmp(list + i, id, idl) == 0))
            cn_buf_add(&keep, list + i, e - i);
        i = e;
    }
    if (xapc_writer_set_metadata(w, key.data, keep.data ? keep.data : "", keep.len))
        st = meta_fail(db, "cannot write copies", errmsg);
out:
    free(list);
    cn_buf_release(&key);
    cn_buf_release(&keep);
    return st;
}

cn_status_t
idx_dedup_delete_copy(idx_db_t *db, const char *id, size_t id_len, int *found, char **errmsg)
{
    xapc_writer_t *w = idx_db_writer(db);
    cn_buf_t key = CN_BUF_INIT, idt = CN_BUF_INIT;
    cn_id_term(&key, META_COPYOF, id, id_len, NULL);
    cn_id_term(&idt, "", id, id_len, NULL);
    char *canon = NULL;
    size_t len = 0;
    cn_status_t st = CN_OK;
    *found = 0;
    if (xapc_writer_get_metadata(w, key.data, &canon, &len)) {
        st = meta_fail(db, "cannot read copy record", errmsg);
    } else if (len) {
        *found = 1;
        st = unlist_copy(db, canon, idt.data, errmsg);
        if (st == CN_OK && xapc_writer_set_metadata(w, key.data, "", 0))
            st = meta_fail(db, "cannot write copy record", errmsg);
    }
    free(canon);
    cn_buf_release(&key);
    cn_buf_release(&idt);
    return st;
}

/* Records 'a' (id term body 'id') as a copy of 'canon'. */
static cn_status_t
record_copy(idx_dedup_t *d, idx_db_t *db, const idx_article_t *a, const char *id,
            const char *canon, char **errmsg)
{
    xapc_writer_t *w = idx_db_writer(db);
    int found;
    cn_status_t st = idx_dedup_delete_copy(db, a->id.data, a->id.len, &found, errmsg);
    if (st == CN_OK)
        st = idx_db_delete(db, a->id.data, a->id.len, &found, errmsg);
    if (st != CN_OK)
        return st;
    kill_id(d, id);
    cn_buf_clear(&d->key);
    cn_id_term(&d->key, META_COPYOF, a->id.data, a->id.len, NULL);
    if (xapc_writer_set_metadata(w, d->key.data, canon, strlen(canon)))
        return meta_fail(db, "cannot write copy record", errmsg);
    cn_buf_clear(&d->key);
    cn_id_term(&d->key, META_COPIES, canon, strlen(canon), NULL);
    char *list = NULL;
    size_t len = 0;
    if (xapc_writer_get_metadata(w, d->key.data, &list, &len))
        return meta_fail(db, "cannot read copies", errmsg);
    cn_buf_clear(&d->val);
    cn_buf_add(&d->val, list, len);
    free(list);
    cn_buf_addstr(&d->val, id);
    cn_buf_addch(&d->val, 0);
    cn_buf_add(&d->val, a->source.data, a->source.len);
    cn_buf_addch(&d->val, 0);
    cn_buf_add(&d->val, a->url.data, a->url.len);
    cn_buf_addch(&d->val, 0);
    cn_buf_add(&d->val, a->date.data, a->date.len);
    cn_buf_addch(&d->val, '\x1e');
    if (xapc_writer_set_metadata(w, d->key.data, d->val.data, d->val.len))
        return meta_fail(db, "cannot write copies", errmsg);
    d->copies++;
    return idx_db_count_article(db, errmsg);
}

static int
popcount64(uint64_t x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Reads the id of entry 'e', loaded without it, from the record of the
 * live passage 0 holding its key. None: the article was replaced or
 * deleted since it was loaded, and the entry is dead. */
static cn_status_t
resolve(idx_dedup_t *d, idx_db_t *db, struct entry *e, char **errmsg)
{
    cn_buf_t key = CN_BUF_INIT, id = CN_BUF_INIT;
    char *data = NULL;
    size_t len = 0;
    cn_record_t r;
    cn_status_t st = CN_OK;
    dupkey_bin(&key, e->sim, e->exact, e->near);
    xapc_status_t xs = xapc_writer_term_data(idx_db_writer(db), key.data, key.len, &data, &len);
    if (xs == XAPC_E_NOT_FOUND) {
        e->live = 0;
    } else if (xs) {
        st = meta_fail(db, "cannot read an article a duplicate key names", errmsg);
    } else if (cn_record_decode(data, len, &r) != CN_OK || r.shared) {
        if (errmsg)
            *errmsg = cn_strdupf("a duplicate key is on a passage that is no article's first");
        st = CN_E_DB_CORRUPT;
    } else {
        cn_id_term(&id, "", r.article_id, r.article_id_len, NULL);
        if (!(e->id = strdup(id.data)))
            st = CN_E_NOMEM;
        else
            st = map_id(d, (uint32_t)(e - d->e) + 1);
    }
    free(data);
    cn_buf_release(&key);
    cn_buf_release(&id);
    return st;
}

/* The canonical 'a' duplicates, or NULL, into *canon. Among the candidates,
 * the one recorded earlier for this id wins (so a re-run decides as the
 * first run did), then the smallest distance, then the smallest id. */
static cn_status_t
find_canonical(idx_dedup_t *d, idx_db_t *db, const char *id, const idx_article_t *a,
               uint64_t sim, uint64_t exact, int near, const char **canon, char **errmsg)
{
    const struct entry *best = NULL;
    int bestd = 0;
    char *prev = NULL;
    size_t plen = 0;
    cn_status_t st = CN_OK;
    *canon = NULL;
    cn_buf_clear(&d->key);
    cn_id_term(&d->key, META_COPYOF, a->id.data, a->id.len, NULL);
    if (xapc_writer_get_metadata(idx_db_writer(db), d->key.data, &prev, &plen))
        plen = 0;
    int maxd = (int)d->cfg->simhash_max_distance;
    for (int b = 0; b < 4 && st == CN_OK; b++) {
        uint32_t band = (uint32_t)(sim >> (16 * b)) & 0xFFFF;
        for (uint32_t i = d->heads[b][band]; i && st == CN_OK; i = d->e[i - 1].next[b]) {
            struct entry *e = &d->e[i - 1];
            if (!e->live)
                continue;
            int dist = e->exact == exact ? -1 : popcount64(e->sim ^ sim);
            if (dist >= 0 && (!near || !e->near || dist > maxd))
                continue;
            if (!e->id && ((st = resolve(d, db, e, errmsg)) != CN_OK || !e->live))
                continue;
            if (strcmp(e->id, id) == 0)
                continue;
            if (plen && strcmp(e->id, prev) == 0) {
                free(prev);
                *canon = e->id;
                return CN_OK;
            }
            if (!best || dist < bestd || (dist == bestd && strcmp(e->id, best->id) < 0)) {
                best = e;
                bestd = dist;
            }
        }
    }
    free(prev);
    *canon = best && st == CN_OK ? best->id : NULL;
    return st;
}

/* a->dedup_term: binary in a database of shared records (schema 5 on),
 * else hex and the id term 'id'. */
static void
set_key(const idx_db_t *db, idx_article_t *a, uint64_t sim, uint64_t exact, int near,
        const cn_buf_t *id)
{
    cn_buf_clear(&a->dedup_term);
    if (idx_db_shared_records(db)) {
        dupkey_bin(&a->dedup_term, sim, exact, near);
    } else {
        cn_buf_addf(&a->dedup_term, CN_PREFIX_DUPKEY "%016llx%016llx%c:",
                    (unsigned long long)sim, (unsigned long long)exact, near ? 's' : 'x');
        cn_buf_add(&a->dedup_term, id->data, id->len);
    }
}

void
idx_dedup_term(const cfg_config_t *cfg, const idx_db_t *db, idx_article_t *a)
{
    tok_options_t tok;
    tok_options_init(&tok);
    tok.fold_traditional = cfg->fold_traditional;
    cn_buf_t val = CN_BUF_INIT, id = CN_BUF_INIT;
    cn_buf_add(&val, a->title.data, a->title.len);
    cn_buf_addch(&val, '\n');
    cn_buf_add(&val, a->body.data, a->body.len);
    uint64_t sim, exact;
    size_t nterms;
    idx_dedup_keys(&tok, val.data, val.len, &sim, &exact, &nterms);
    cn_buf_clear(&a->dedup_term);
    if (nterms) {
        cn_id_term(&id, "", a->id.data, a->id.len, NULL);
        set_key(db, a, sim, exact, nterms >= IDX_DEDUP_MIN_TERMS, &id);
    }
    cn_buf_release(&val);
    cn_buf_release(&id);
}

cn_status_t
idx_dedup_add(idx_dedup_t *d, idx_db_t *db, idx_article_t *a, char **errmsg)
{
    uint64_t sim, exact;
    size_t nterms;
    /* The title counts: a series under one template differs mostly there. */
    cn_buf_clear(&d->val);
    cn_buf_add(&d->val, a->title.data, a->title.len);
    cn_buf_addch(&d->val, '\n');
    cn_buf_add(&d->val, a->body.data, a->body.len);
    idx_dedup_keys(&d->tok, d->val.data, d->val.len, &sim, &exact, &nterms);
    cn_buf_clear(&d->id);
    cn_id_term(&d->id, "", a->id.data, a->id.len, NULL);
    int near = nterms >= IDX_DEDUP_MIN_TERMS;
    cn_buf_clear(&a->dedup_term);
    const char *canon = NULL;
    cn_status_t st = nterms ? find_canonical(d, db, d->id.data, a, sim, exact, near, &canon,
                                             errmsg)
                            : CN_OK;
    if (st != CN_OK)
        return st;
    if (canon)
        return record_copy(d, db, a, d->id.data, canon, errmsg);
    int found;
    st = idx_dedup_delete_copy(db, a->id.data, a->id.len, &found, errmsg);
    if (st != CN_OK)
        return st;
    kill_id(d, d->id.data);
    if (nterms == 0) /* nothing to compare: indexed, never a canonical */
        return idx_db_add(db, a, errmsg);
    set_key(db, a, sim, exact, near, &d->id);
    st = idx_db_add(db, a, errmsg);
    if (st == CN_OK)
        st = remember(d, sim, exact, near, d->id.data, d->id.len);
    return st;
}
