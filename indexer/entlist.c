/* SPDX-License-Identifier: MIT */
/* entlist.c - cjkindex --entities. */
#include "entlist.h"
#include "buf.h"
#include "cli.h"
#include "names.h"
#include "schema.h"
#include "xapc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct list_ctx {
    const char *type;
    const ent_dict_t *dict;
    xapc_reader_t *r; /* for live counts when 'dead' */
    bool dead;
    xapc_status_t xs;
};

static int
print_indexed_entity(void *vctx, const char *term, size_t len, uint32_t freq)
{
    struct list_ctx *c = vctx;
    /* Passages of deleted articles do not count. */
    if (c->dead && (c->xs = xapc_reader_live_termfreq(c->r, term, len, &freq)) != XAPC_OK)
        return 1;
    if (!freq)
        return 0;
    const ent_entity_t *e = c->dict ? ent_dict_find_id(c->dict, term + 1, len - 1) : NULL;
    printf("%s\t%.*s\t%u\t%s\n", c->type, (int)(len - 1), term + 1, freq, e ? e->name : "");
    return 0;
}

/* The candidates of one type (XP or XO terms) with live passages. */
struct cand_ctx {
    xapc_reader_t *r;
    bool dead;
    xapc_status_t xs;
    cn_buf_t names;   /* the names, NUL-terminated one after another */
    ent_variant_t *v; /* .name holds an offset into 'names' until all are read */
    size_t n, alloc;
    bool nomem;
};

static int
collect_candidate(void *vctx, const char *term, size_t len, uint32_t freq)
{
    struct cand_ctx *c = vctx;
    /* Passages of deleted articles do not count. */
    if (c->dead && (c->xs = xapc_reader_live_termfreq(c->r, term, len, &freq)) != XAPC_OK)
        return 1;
    if (!freq)
        return 0;
    if (c->n == c->alloc) {
        size_t na = c->alloc ? c->alloc * 2 : 64;
        ent_variant_t *v = realloc(c->v, na * sizeof(*v));
        if (!v) {
            c->nomem = true;
            return 1;
        }
        c->v = v;
        c->alloc = na;
    }
    c->v[c->n].name = (const char *)(uintptr_t)c->names.len;
    c->v[c->n].len = len - 2;
    c->v[c->n].count = freq;
    c->n++;
    cn_buf_add(&c->names, term + 2, len - 2);
    cn_buf_addch(&c->names, '\0');
    return 0;
}

/* A YAML double-quoted scalar: the loader must read back exactly the
 * bytes of the name, whatever they are. */
static void
add_yaml_str(cn_buf_t *b, const char *s, size_t len)
{
    cn_buf_addch(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\')
            cn_buf_addf(b, "\\%c", ch);
        else if (ch < 0x20 || ch == 0x7f)
            cn_buf_addf(b, "\\x%02x", ch);
        else
            cn_buf_addch(b, (char)ch);
    }
    cn_buf_addch(b, '"');
}

static void
add_alias(cn_buf_t *line, int yaml, int *n, const char *alias, size_t len)
{
    cn_buf_addstr(line, *n ? ", " : "");
    if (yaml)
        add_yaml_str(line, alias, len);
    else
        cn_buf_add(line, alias, len);
    ++*n;
}

/* The aliases seen with 'name' (XA terms: name TAB alias, in 'pairs'). */
static void
add_pair_aliases(cn_buf_t *line, int yaml, int *n, const cn_buf_t *pairs, const char *name,
                 size_t name_len)
{
    for (size_t off = 0; off < pairs->len;) {
        const char *p = pairs->data + off;
        size_t plen = strlen(p);
        if (plen > name_len && memcmp(p, name, name_len) == 0 && p[name_len] == '\t')
            add_alias(line, yaml, n, p + name_len + 1, plen - name_len - 1);
        off += plen + 1;
    }
}

/* Prints each group of candidates (one name however written) once, in
 * the byte order of its representative: the group's passages added up,
 * its other forms and every member's aliases as aliases. */
static void
print_candidates(struct cand_ctx *c, const char *type, const cn_buf_t *pairs, int yaml,
                 unsigned *count)
{
    cn_buf_t line = CN_BUF_INIT;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].rep != i)
            continue;
        uint32_t total = 0;
        for (size_t j = 0; j < c->n; j++)
            if (c->v[j].rep == i)
                total += c->v[j].count;
        const ent_variant_t *e = &c->v[i];
        cn_buf_clear(&line);
        if (yaml) {
            cn_buf_addf(&line, "  - id: candidate-%u\n    type: %s\n    note: seen in %u passages\n"
                        "    name: ", ++*count, type, total);
            add_yaml_str(&line, e->name, e->len);
            cn_buf_addstr(&line, "\n    aliases: [");
        } else {
            cn_buf_addf(&line, "candidate\t%s\t%.*s\t%u\t", type, (int)e->len, e->name, total);
        }
        int n = 0;
        for (size_t j = 0; j < c->n; j++)
            if (c->v[j].rep == i && j != i)
                add_alias(&line, yaml, &n, c->v[j].name, c->v[j].len);
        for (size_t j = 0; j < c->n; j++)
            if (c->v[j].rep == i)
                add_pair_aliases(&line, yaml, &n, pairs, c->v[j].name, c->v[j].len);
        cn_buf_addstr(&line, yaml ? "]\n" : "\n");
        fwrite(line.data, 1, line.len, stdout);
    }
    cn_buf_release(&line);
}

static int
collect_pair(void *vctx, const char *term, size_t len, uint32_t freq)
{
    (void)freq;
    cn_buf_t *pairs = vctx;
    cn_buf_add(pairs, term + 2, len - 2);
    cn_buf_addch(pairs, '\0');
    return 0;
}

/* The index's tokenizer folding, which decides what counts as one name. */
static xapc_status_t
index_tok(xapc_reader_t *r, tok_options_t *tok)
{
    tok_options_init(tok);
    char *fold = NULL;
    size_t len;
    xapc_status_t xs = xapc_reader_get_metadata(r, CN_META_FOLD_TRADITIONAL, &fold, &len);
    if (!xs && *fold)
        tok->fold_traditional = strcmp(fold, "1") == 0;
    free(fold);
    return xs;
}

/* Lists the discovered candidates (XP, XO terms) with their aliases (XA). */
static xapc_status_t
list_candidates(xapc_reader_t *r, int yaml)
{
    cn_buf_t pairs = CN_BUF_INIT;
    xapc_status_t xs = xapc_reader_allterms(r, CN_PREFIX_CAND_ALIAS, 2, collect_pair, &pairs);
    tok_options_t tok;
    bool dead = false;
    if (!xs)
        xs = index_tok(r, &tok);
    if (!xs)
        xs = xapc_reader_has_tombstones(r, &dead);
    if (!xs && yaml)
        fputs("# Candidates discovered by cjkindex: check each, give it an id, merge\n"
              "# duplicates, and move it into a file of config/entities/.\nentities:\n",
              stdout);
    static const char *const prefixes[] = { CN_PREFIX_CAND_PERSON, CN_PREFIX_CAND_ORG };
    static const char *const types[] = { "person", "org" };
    unsigned count = 0;
    for (size_t k = 0; k < 2 && !xs; k++) {
        struct cand_ctx c = { .r = r, .dead = dead, .xs = XAPC_OK };
        cn_buf_init(&c.names);
        xs = xapc_reader_allterms(r, prefixes[k], 2, collect_candidate, &c);
        if (!xs)
            xs = c.nomem ? XAPC_E_NOMEM : c.xs;
        if (!xs) {
            for (size_t i = 0; i < c.n; i++)
                c.v[i].name = c.names.data + (uintptr_t)c.v[i].name;
            if (ent_variants_group(&tok, c.v, c.n) != CN_OK)
                xs = XAPC_E_NOMEM;
            else
                print_candidates(&c, types[k], &pairs, yaml, &count);
        }
        free(c.v);
        cn_buf_release(&c.names);
    }
    cn_buf_release(&pairs);
    return xs;
}

int
idx_list_entities(const char *db_path, const ent_dict_t *dict, int yaml)
{
    xapc_reader_t *r = NULL;
    xapc_status_t xs = xapc_reader_create(&r);
    if (!xs)
        xs = xapc_reader_add_path(r, db_path);
    struct list_ctx person = { "person", dict, r, false, XAPC_OK },
                    org = { "org", dict, r, false, XAPC_OK };
    if (!xs)
        xs = xapc_reader_has_tombstones(r, &person.dead);
    org.dead = person.dead;
    if (!xs && !yaml)
        xs = xapc_reader_allterms(r, CN_PREFIX_PERSON, 1, print_indexed_entity, &person);
    if (!xs)
        xs = person.xs;
    if (!xs && !yaml)
        xs = xapc_reader_allterms(r, CN_PREFIX_ORG, 1, print_indexed_entity, &org);
    if (!xs)
        xs = org.xs;
    if (!xs)
        xs = list_candidates(r, yaml);
    if (xs) {
        cn_cli_error("cannot read '%s': %s", db_path, r ? xapc_reader_last_error(r) : "");
        xapc_reader_destroy(r);
        return xs == XAPC_E_NOMEM ? CN_EXIT_INTERNAL : CN_EXIT_DB;
    }
    xapc_reader_destroy(r);
    return CN_EXIT_OK;
}
