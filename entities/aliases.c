/* SPDX-License-Identifier: MIT */
/* aliases.c - loading the entity dictionary (libyaml) and matching its
 * aliases in text as sequences of tokenizer terms. */
#include "aliases.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

/* One term of a normalised alias: bytes in d->bytes, position relative to
 * the alias's first term. */
struct term {
    size_t off, len;
    uint32_t rel;
};

/* An alias as terms: seq_terms[first .. first + n). */
struct seq {
    size_t entity, alias, first, n;
};

struct entity_rec {
    ent_entity_t pub;
    char **aliases;
};

struct ent_dict {
    tok_options_t tok;
    struct entity_rec *ents;
    size_t nents, aents;
    struct seq *seqs;
    size_t nseqs, aseqs;
    struct term *terms;
    size_t nterms, aterms;
    cn_buf_t bytes;
};

const char *
ent_type_name(ent_type_t t)
{
    return t == ENT_ORG ? "org" : "person";
}

cn_status_t
ent_dict_create(const tok_options_t *tok, ent_dict_t **out)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return CN_E_NOMEM;
    if (tok)
        (*out)->tok = *tok;
    else
        tok_options_init(&(*out)->tok);
    cn_buf_init(&(*out)->bytes);
    return CN_OK;
}

static void
entity_free(struct entity_rec *e)
{
    free((char *)e->pub.id);
    free((char *)e->pub.name);
    free((char *)e->pub.file);
    for (size_t k = 0; k < e->pub.alias_count; k++)
        free(e->aliases[k]);
    free(e->aliases);
}

void
ent_dict_destroy(ent_dict_t *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nents; i++)
        entity_free(&d->ents[i]);
    free(d->ents);
    free(d->seqs);
    free(d->terms);
    cn_buf_release(&d->bytes);
    free(d);
}

size_t
ent_dict_count(const ent_dict_t *d)
{
    return d->nents;
}

const ent_entity_t *
ent_dict_get(const ent_dict_t *d, size_t i)
{
    return i < d->nents ? &d->ents[i].pub : NULL;
}

const ent_entity_t *
ent_dict_find_id(const ent_dict_t *d, const char *id, size_t len)
{
    for (size_t i = 0; i < d->nents; i++)
        if (d->ents[i].pub.id && strlen(d->ents[i].pub.id) == len &&
            memcmp(d->ents[i].pub.id, id, len) == 0)
            return &d->ents[i].pub;
    return NULL;
}

/* Grows an array of 'size'-byte items to hold one more. */
static int
grow(void **arr, size_t *alloc, size_t count, size_t size)
{
    if (count < *alloc)
        return 1;
    size_t n = *alloc ? *alloc * 2 : 16;
    void *p = realloc(*arr, n * size);
    if (!p)
        return 0;
    *arr = p;
    *alloc = n;
    return 1;
}

/* ---- normalising an alias ------------------------------------------ */

struct collect {
    ent_dict_t *d;
    size_t count;
    uint32_t first_pos;
    int cjk_unigram; /* the only term is one CJK character */
    int nomem;
};

/* Keeps every term but the trailing unigram of a CJK run: the text may go
 * on after the alias (奥特曼表示 has 曼表, not the unigram 曼). */
static int
collect_term(void *ctx, const tok_token_t *t)
{
    struct collect *c = ctx;
    if (t->flags & TOK_RUN_END)
        return 0;
    ent_dict_t *d = c->d;
    if (!grow((void **)&d->terms, &d->aterms, d->nterms, sizeof(struct term))) {
        c->nomem = 1;
        return 1;
    }
    if (c->count == 0)
        c->first_pos = t->pos;
    c->cjk_unigram = c->count == 0 && (t->flags & TOK_UNIGRAM);
    d->terms[d->nterms++] = (struct term){ d->bytes.len, t->term_len, t->pos - c->first_pos };
    cn_buf_add(&d->bytes, t->term, t->term_len);
    c->count++;
    return 0;
}

/* Appends the terms of 'alias' to d->terms; returns how many in *n. */
static cn_status_t
normalise(ent_dict_t *d, const char *alias, size_t len, size_t *n, int *cjk_unigram)
{
    struct collect c = { d, 0, 0, 0, 0 };
    cn_status_t st = tok_tokenize(&d->tok, TOK_QUERY, alias, len, collect_term, &c);
    if (c.nomem)
        return CN_E_NOMEM;
    *n = c.count;
    *cjk_unigram = c.count == 1 && c.cjk_unigram;
    return st;
}

/* ---- YAML ---------------------------------------------------------- */

struct loader {
    ent_dict_t *d;
    const char *name;
    yaml_document_t *doc;
    char **errmsg;
};

static cn_status_t fail_at(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static cn_status_t
fail_at(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
{
    if (l->errmsg) {
        cn_buf_t m = CN_BUF_INIT;
        cn_buf_addf(&m, "%s:%zu:%zu: ", l->name, n ? n->start_mark.line + 1 : 1,
                    n ? n->start_mark.column + 1 : 1);
        va_list ap;
        va_start(ap, fmt);
        cn_buf_vaddf(&m, fmt, ap);
        va_end(ap);
        *l->errmsg = cn_buf_detach(&m, NULL);
    }
    return CN_E_BAD_CONFIG;
}

/* *len is set on every path: GCC 12 with -O1 -fsanitize=thread cannot see
 * that a NULL result keeps the caller from reading it, and warns
 * (-Wmaybe-uninitialized, an error with -Werror) in load_entity. */
static const char *
scalar(const yaml_node_t *n, size_t *len)
{
    *len = 0;
    if (!n || n->type != YAML_SCALAR_NODE)
        return NULL;
    *len = n->data.scalar.length;
    return (const char *)n->data.scalar.value;
}

static int
id_ok(const char *s, size_t len)
{
    if (len == 0 || len > 100)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.'))
            return 0;
    }
    return 1;
}

static char *
dup_mem(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* Adds alias s[0..len) to 'e' (the last entity of d->ents). On
 * CN_E_BAD_CONFIG *why says what is wrong with it. */
static cn_status_t
add_alias_text(ent_dict_t *d, struct entity_rec *e, const char *s, size_t len,
               const char **why)
{
    size_t nterms;
    int unigram;
    size_t first = d->nterms;
    cn_status_t st = normalise(d, s, len, &nterms, &unigram);
    if (st != CN_OK)
        return st;
    *why = nterms == 0 ? "gives no searchable term"
           : unigram   ? "is a single CJK character: too ambiguous"
                       : NULL;
    if (*why)
        return CN_E_BAD_CONFIG;
    char **a = realloc(e->aliases, (e->pub.alias_count + 1) * sizeof(char *));
    if (!a)
        return CN_E_NOMEM;
    e->aliases = a;
    e->pub.aliases = (const char *const *)a;
    if (!(a[e->pub.alias_count] = dup_mem(s, len)))
        return CN_E_NOMEM;
    if (!grow((void **)&d->seqs, &d->aseqs, d->nseqs, sizeof(struct seq)))
        return CN_E_NOMEM;
    d->seqs[d->nseqs++] =
        (struct seq){ (size_t)(e - d->ents), e->pub.alias_count, first, nterms };
    e->pub.alias_count++;
    return CN_OK;
}

/* Adds one alias of the entity being built (the last in d->ents). */
static cn_status_t
add_alias(struct loader *l, struct entity_rec *e, const yaml_node_t *n)
{
    size_t len;
    const char *s = scalar(n, &len), *why = NULL;
    if (!s)
        return fail_at(l, n, "an alias must be a string");
    cn_status_t st = add_alias_text(l->d, e, s, len, &why);
    if (st == CN_E_BAD_CONFIG)
        return fail_at(l, n, "alias '%.*s' %s", (int)len, s, why);
    return st;
}

static cn_status_t
load_entity(struct loader *l, const yaml_node_t *map)
{
    ent_dict_t *d = l->d;
    if (map->type != YAML_MAPPING_NODE)
        return fail_at(l, map, "an entity must be a mapping with id, type, name, aliases");
    if (!grow((void **)&d->ents, &d->aents, d->nents, sizeof(struct entity_rec)))
        return CN_E_NOMEM;
    struct entity_rec *e = &d->ents[d->nents++];
    memset(e, 0, sizeof(*e));
    e->pub.line = (unsigned)map->start_mark.line + 1;
    if (!(e->pub.file = dup_mem(l->name, strlen(l->name))))
        return CN_E_NOMEM;
    int have_type = 0;
    const yaml_node_t *aliases = NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(l->doc, p->value);
        size_t klen, vlen;
        const char *key = scalar(k, &klen), *val = scalar(v, &vlen);
        if (!key)
            return fail_at(l, k, "keys must be strings");
        if (klen == 7 && !memcmp(key, "aliases", 7)) {
            if (!v || v->type != YAML_SEQUENCE_NODE)
                return fail_at(l, v, "'aliases' must be a list of strings");
            aliases = v;
            continue;
        }
        if (!val)
            return fail_at(l, v, "'%.*s' must be a string", (int)klen, key);
        /* A second id or name would replace (and leak) the first. */
        if ((klen == 2 && !memcmp(key, "id", 2) && e->pub.id) ||
            (klen == 4 && !memcmp(key, "name", 4) && e->pub.name) ||
            (klen == 4 && !memcmp(key, "type", 4) && have_type))
            return fail_at(l, k, "duplicate key '%.*s'", (int)klen, key);
        if (klen == 2 && !memcmp(key, "id", 2)) {
            if (!id_ok(val, vlen))
                return fail_at(l, v, "id '%.*s': use 1-100 of a-z 0-9 . _ -", (int)vlen, val);
            const ent_entity_t *other = ent_dict_find_id(d, val, vlen);
            if (other)
                return fail_at(l, v, "duplicate id '%.*s' (first defined at %s:%u)",
                               (int)vlen, val, other->file, other->line);
            if (!(e->pub.id = dup_mem(val, vlen)))
                return CN_E_NOMEM;
        } else if (klen == 4 && !memcmp(key, "type", 4)) {
            if (vlen == 6 && !memcmp(val, "person", 6))
                e->pub.type = ENT_PERSON;
            else if ((vlen == 3 && !memcmp(val, "org", 3)) ||
                     (vlen == 7 && !memcmp(val, "company", 7)) ||
                     (vlen == 12 && !memcmp(val, "organisation", 12)))
                e->pub.type = ENT_ORG;
            else
                return fail_at(l, v, "type '%.*s': use person, org, company or organisation",
                               (int)vlen, val);
            have_type = 1;
        } else if (klen == 4 && !memcmp(key, "name", 4)) {
            if (!(e->pub.name = dup_mem(val, vlen)))
                return CN_E_NOMEM;
        } else if (klen == 4 && !memcmp(key, "note", 4)) {
            /* free text for curators */
        } else {
            return fail_at(l, k, "unknown key '%.*s' (id, type, name, aliases, note)",
                           (int)klen, key);
        }
    }
    if (!e->pub.id)
        return fail_at(l, map, "entity without an 'id'");
    if (!have_type)
        return fail_at(l, map, "entity '%s' without a 'type'", e->pub.id);
    /* The name is an alias too, and the first one. */
    if (e->pub.name) {
        yaml_node_t name_node = *map;
        name_node.type = YAML_SCALAR_NODE;
        name_node.data.scalar.value = (yaml_char_t *)e->pub.name;
        name_node.data.scalar.length = strlen(e->pub.name);
        cn_status_t st = add_alias(l, e, &name_node);
        if (st != CN_OK)
            return st;
    }
    for (yaml_node_item_t *it = aliases ? aliases->data.sequence.items.start : NULL;
         aliases && it < aliases->data.sequence.items.top; it++) {
        cn_status_t st = add_alias(l, e, yaml_document_get_node(l->doc, *it));
        if (st != CN_OK)
            return st;
    }
    if (e->pub.alias_count == 0)
        return fail_at(l, map, "entity '%s' has no name and no aliases", e->pub.id);
    if (!e->pub.name && !(e->pub.name = dup_mem(e->aliases[0], strlen(e->aliases[0]))))
        return CN_E_NOMEM;
    return CN_OK;
}

static cn_status_t
load_document(struct loader *l)
{
    const yaml_node_t *root = yaml_document_get_root_node(l->doc);
    if (!root)
        return CN_OK; /* an empty file */
    if (root->type != YAML_MAPPING_NODE)
        return fail_at(l, root, "expected a mapping with the key 'entities'");
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = yaml_document_get_node(l->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(l->doc, p->value);
        size_t klen;
        const char *key = scalar(k, &klen);
        if (!key || klen != 8 || memcmp(key, "entities", 8) != 0)
            return fail_at(l, k, "unknown key (the file has one key, 'entities')");
        if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0)
            continue; /* entities: (empty) */
        if (v->type != YAML_SEQUENCE_NODE)
            return fail_at(l, v, "'entities' must be a list");
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            cn_status_t st = load_entity(l, yaml_document_get_node(l->doc, *it));
            if (st != CN_OK)
                return st;
        }
    }
    return CN_OK;
}

/* Forgets every entity, alias and term added after the counts given. */
static void
rollback(ent_dict_t *d, size_t nents, size_t nseqs, size_t nterms, size_t nbytes)
{
    for (size_t i = nents; i < d->nents; i++)
        entity_free(&d->ents[i]);
    d->nents = nents;
    d->nseqs = nseqs;
    d->nterms = nterms;
    cn_buf_setlen(&d->bytes, nbytes);
}

static void sort_seqs(ent_dict_t *d);

cn_status_t
ent_dict_add(ent_dict_t *d, const char *id, ent_type_t type, const char *const *aliases,
             size_t n)
{
    size_t nents = d->nents, nseqs = d->nseqs, nterms = d->nterms, nbytes = d->bytes.len;
    if (!id_ok(id, strlen(id)) || ent_dict_find_id(d, id, strlen(id)) || n == 0)
        return CN_E_INVALID_ARGUMENT;
    if (!grow((void **)&d->ents, &d->aents, d->nents, sizeof(struct entity_rec)))
        return CN_E_NOMEM;
    struct entity_rec *e = &d->ents[d->nents++];
    memset(e, 0, sizeof(*e));
    cn_status_t st = CN_OK;
    if (!(e->pub.id = dup_mem(id, strlen(id))) || !(e->pub.file = dup_mem("", 0)) ||
        !(e->pub.name = dup_mem(aliases[0], strlen(aliases[0]))))
        st = CN_E_NOMEM;
    e->pub.type = type;
    for (size_t i = 0; st == CN_OK && i < n; i++) {
        const char *why;
        st = add_alias_text(d, e, aliases[i], strlen(aliases[i]), &why);
    }
    if (st != CN_OK) {
        rollback(d, nents, nseqs, nterms, nbytes);
        return st == CN_E_BAD_CONFIG ? CN_E_INVALID_ARGUMENT : st;
    }
    sort_seqs(d);
    return CN_OK;
}

cn_status_t
ent_dict_load_buffer(ent_dict_t *d, const char *name, const char *buf, size_t len,
                     char **errmsg)
{
    size_t nents = d->nents, nseqs = d->nseqs, nterms = d->nterms, nbytes = d->bytes.len;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        return CN_E_NOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    struct loader l = { d, name, &doc, errmsg };
    cn_status_t st = CN_OK;
    if (!yaml_parser_load(&parser, &doc)) {
        if (errmsg) {
            cn_buf_t m = CN_BUF_INIT;
            cn_buf_addf(&m, "%s:%zu:%zu: %s", name, parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1,
                        parser.problem ? parser.problem : "invalid YAML");
            *errmsg = cn_buf_detach(&m, NULL);
        }
        yaml_parser_delete(&parser);
        return CN_E_BAD_CONFIG;
    }
    st = load_document(&l);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (st != CN_OK)
        rollback(d, nents, nseqs, nterms, nbytes); /* keep nothing of a failed document */
    else
        sort_seqs(d);
    return st;
}

static cn_status_t
load_file(ent_dict_t *d, const char *path, char **errmsg)
{
    FILE *f = fopen(path, "rb");
    cn_buf_t b = CN_BUF_INIT;
    char chunk[8192];
    size_t n;
    if (!f)
        goto io_error;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        cn_buf_add(&b, chunk, n);
    if (ferror(f)) {
        fclose(f);
        goto io_error;
    }
    fclose(f);
    cn_status_t st = ent_dict_load_buffer(d, path, b.data, b.len, errmsg);
    cn_buf_release(&b);
    return st;
io_error:
    if (errmsg) {
        cn_buf_t m = CN_BUF_INIT;
        cn_buf_addf(&m, "%s: %s", path, strerror(errno));
        *errmsg = cn_buf_detach(&m, NULL);
    }
    cn_buf_release(&b);
    return CN_E_IO;
}

static int
yaml_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0;
}

cn_status_t
ent_dict_load_path(ent_dict_t *d, const char *path, char **errmsg)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        struct dirent **list = NULL;
        int n = scandir(path, &list, yaml_name, alphasort);
        if (n < 0)
            return load_file(d, path, errmsg); /* reports the error */
        cn_status_t st = CN_OK;
        for (int i = 0; i < n; i++) {
            if (st == CN_OK) {
                cn_buf_t p = CN_BUF_INIT;
                cn_buf_addf(&p, "%s/%s", path, list[i]->d_name);
                st = load_file(d, p.data, errmsg);
                cn_buf_release(&p);
            }
            free(list[i]);
        }
        free(list);
        return st;
    }
    return load_file(d, path, errmsg);
}

/* ---- matching ------------------------------------------------------- */

static int
term_cmp(const ent_dict_t *d, const struct term *a, const char *s, size_t len)
{
    size_t n = a->len < len ? a->len : len;
    int c = memcmp(d->bytes.data + a->off, s, n);
    return c ? c : (a->len < len ? -1 : a->len > len ? 1 : 0);
}

static int
seq_cmp(const void *pa, const void *pb, void *vd)
{
    const ent_dict_t *d = vd;
    const struct seq *a = pa, *b = pb;
    const struct term *tb = &d->terms[b->first];
    int c = term_cmp(d, &d->terms[a->first], d->bytes.data + tb->off, tb->len);
    if (c)
        return c;
    return a->entity != b->entity ? (a->entity < b->entity ? -1 : 1)
                                  : (a->alias < b->alias ? -1 : a->alias > b->alias);
}

/*
 * Sorted when a load or an add succeeds, never by a match: the indexer's
 * workers match one shared dictionary at once, and a lazy sort on first
 * use raced between them (two qsorts of one array; a match reading it
 * half sorted missed entities).
 */
static void
sort_seqs(ent_dict_t *d)
{
    if (d->nseqs > 1) /* seqs is NULL until the first alias */
        qsort_r(d->seqs, d->nseqs, sizeof(struct seq), seq_cmp, d);
}

struct text_tok {
    size_t off, len; /* term bytes in the text buffer */
    size_t start_off, end_off;
    uint32_t pos;
};

struct text_toks {
    struct text_tok *v;
    size_t n, alloc;
    cn_buf_t bytes;
    int nomem;
};

static int
collect_text(void *ctx, const tok_token_t *t)
{
    struct text_toks *tt = ctx;
    if (!grow((void **)&tt->v, &tt->alloc, tt->n, sizeof(struct text_tok))) {
        tt->nomem = 1;
        return 1;
    }
    tt->v[tt->n++] = (struct text_tok){ tt->bytes.len, t->term_len, t->start_off, t->end_off,
                                        t->pos };
    cn_buf_add(&tt->bytes, t->term, t->term_len);
    return 0;
}

/* The index of the first seq whose first term is >= (s, len). */
static size_t
lower_bound(const ent_dict_t *d, const char *s, size_t len)
{
    size_t lo = 0, hi = d->nseqs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (term_cmp(d, &d->terms[d->seqs[mid].first], s, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether the rest of seq 'q' follows text token i; *end_off its end. */
static int
seq_matches(const ent_dict_t *d, const struct seq *q, const struct text_toks *tt, size_t i,
            size_t *end_off)
{
    size_t j = i;
    *end_off = tt->v[i].end_off;
    for (size_t k = 1; k < q->n; k++) {
        const struct term *t = &d->terms[q->first + k];
        uint32_t want = tt->v[i].pos + t->rel;
        while (j < tt->n && tt->v[j].pos < want)
            j++;
        if (j >= tt->n || tt->v[j].pos != want ||
            term_cmp(d, t, tt->bytes.data + tt->v[j].off, tt->v[j].len) != 0)
            return 0;
        *end_off = tt->v[j].end_off;
    }
    return 1;
}

cn_status_t
ent_dict_match(const ent_dict_t *d, const char *text, size_t len, ent_match_fn fn, void *ctx)
{
    if (d->nseqs == 0 || len == 0)
        return CN_OK;
    struct text_toks tt = { NULL, 0, 0, CN_BUF_INIT, 0 };
    cn_status_t st = tok_tokenize(&d->tok, TOK_DOCUMENT, text, len, collect_text, &tt);
    if (tt.nomem)
        st = CN_E_NOMEM;
    /* Invariant: every match starting before token i has been reported. */
    for (size_t i = 0; st == CN_OK && i < tt.n; i++) {
        const char *s = tt.bytes.data + tt.v[i].off;
        for (size_t q = lower_bound(d, s, tt.v[i].len);
             q < d->nseqs && term_cmp(d, &d->terms[d->seqs[q].first], s, tt.v[i].len) == 0;
             q++) {
            size_t end_off;
            if (!seq_matches(d, &d->seqs[q], &tt, i, &end_off))
                continue;
            const struct seq *m = &d->seqs[q];
            if (fn(ctx, &d->ents[m->entity].pub, m->alias, tt.v[i].start_off, end_off)) {
                i = tt.n;
                break;
            }
        }
    }
    free(tt.v);
    cn_buf_release(&tt.bytes);
    return st;
}

struct lookup {
    const ent_dict_t *d;
    size_t start_off, end_off, len;
    const ent_entity_t *found;
};

static int
whole(void *ctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    (void)alias;
    struct lookup *l = ctx;
    if (start_off == l->start_off && end_off == l->end_off) {
        if (!l->found || e < l->found)
            l->found = e;
    }
    return 0;
}

struct span {
    size_t first, last;
    int any;
};

static int
text_span(void *ctx, const tok_token_t *t)
{
    struct span *s = ctx;
    if (!s->any)
        s->first = t->start_off;
    s->last = t->end_off;
    s->any = 1;
    return 0;
}

const ent_entity_t *
ent_dict_lookup(const ent_dict_t *d, const char *text, size_t len)
{
    struct span sp = { 0, 0, 0 };
    tok_tokenize(&d->tok, TOK_DOCUMENT, text, len, text_span, &sp);
    if (!sp.any)
        return NULL;
    struct lookup l = { d, sp.first, sp.last, len, NULL };
    if (ent_dict_match(d, text, len, whole, &l) != CN_OK)
        return NULL;
    return l.found;
}
