/* SPDX-License-Identifier: MIT */
/* links.c - per-article linking of lone surnames to full names (links.h).
 * The forms of the article's people become a small dictionary of their
 * own, so a passage is searched with the same folding as the entity
 * dictionary: 阿爾特曼 finds 阿尔特曼, NADELLA finds Nadella. */
#include "links.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person {
    bool candidate;
    char *key;    /* the discovered name, or the dictionary id */
    char **forms; /* nforms surface forms, the first one the name */
    size_t nforms;
};

struct ent_linker {
    tok_options_t tok;
    ent_names_opts_t names;
    const ent_dict_t *dict;
    struct person *people;
    size_t npeople, apeople;
    ent_dict_t *forms;   /* the people's forms; NULL until the first match */
    unsigned char *seen; /* per person, during one match */
    bool nomem;
};

cn_status_t
ent_linker_create(const tok_options_t *tok, const ent_names_opts_t *names,
                  const ent_dict_t *dict, ent_linker_t **out)
{
    *out = calloc(1, sizeof(**out));
    if (!*out)
        return CN_E_NOMEM;
    if (tok)
        (*out)->tok = *tok;
    else
        tok_options_init(&(*out)->tok);
    if (names)
        (*out)->names = *names;
    else
        ent_names_opts_init(&(*out)->names);
    (*out)->dict = dict;
    return CN_OK;
}

void
ent_linker_reset(ent_linker_t *l)
{
    for (size_t i = 0; i < l->npeople; i++) {
        struct person *p = &l->people[i];
        free(p->key);
        for (size_t k = 0; k < p->nforms; k++)
            free(p->forms[k]);
        free(p->forms);
    }
    l->npeople = 0;
    ent_dict_destroy(l->forms);
    l->forms = NULL;
    l->nomem = false;
}

void
ent_linker_destroy(ent_linker_t *l)
{
    if (!l)
        return;
    ent_linker_reset(l);
    free(l->people);
    free(l->seen);
    free(l);
}

void
ent_linker_set_dict(ent_linker_t *l, const ent_dict_t *dict)
{
    l->dict = dict;
}

size_t
ent_linker_count(const ent_linker_t *l)
{
    return l->npeople;
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

/* The person with this key, added when new; NULL when out of memory. */
static struct person *
person(ent_linker_t *l, bool candidate, const char *key, size_t len)
{
    for (size_t i = 0; i < l->npeople; i++) {
        struct person *p = &l->people[i];
        if (p->candidate == candidate && strlen(p->key) == len && !memcmp(p->key, key, len))
            return p;
    }
    if (l->npeople == l->apeople) {
        size_t n = l->apeople ? l->apeople * 2 : 8;
        struct person *v = realloc(l->people, n * sizeof(*v));
        unsigned char *seen = realloc(l->seen, n);
        if (seen)
            l->seen = seen;
        if (!v || !seen) {
            if (v)
                l->people = v;
            return NULL;
        }
        l->people = v;
        l->apeople = n;
    }
    struct person *p = &l->people[l->npeople];
    memset(p, 0, sizeof(*p));
    p->candidate = candidate;
    if (!(p->key = dup_mem(key, len)))
        return NULL;
    l->npeople++;
    ent_dict_destroy(l->forms);
    l->forms = NULL;
    return p;
}

/* A form worth searching for alone: two characters or more in CJK, a
 * capitalised word of three letters or more in Latin (Li and the single
 * CJK surname are too ambiguous). */
static bool
form_ok(const char *s, size_t len)
{
    size_t chars = 0, n;
    bool ascii = true;
    for (size_t i = 0; i < len; i += n ? n : 1) {
        uint32_t cp;
        n = cn_utf8_decode(s + i, len - i, &cp);
        ascii &= cp < 0x80;
        chars++;
    }
    if (!ascii)
        return chars >= 2;
    return len >= 3 && s[0] >= 'A' && s[0] <= 'Z';
}

static void
add_form(ent_linker_t *l, struct person *p, const char *s, size_t len)
{
    if (!form_ok(s, len))
        return;
    for (size_t k = 0; k < p->nforms; k++)
        if (strlen(p->forms[k]) == len && !memcmp(p->forms[k], s, len))
            return;
    char **v = realloc(p->forms, (p->nforms + 1) * sizeof(char *));
    if (!v || !(v[p->nforms] = dup_mem(s, len))) {
        if (v)
            p->forms = v;
        l->nomem = true;
        return;
    }
    p->forms = v;
    p->nforms++;
    ent_dict_destroy(l->forms);
    l->forms = NULL;
}

/* The last part of a name of several (阿尔特曼 of 山姆·阿尔特曼, Nadella
 * of Satya Nadella); *len 0 when it has one part. */
static const char *
last_part(const char *s, size_t len, size_t *out_len)
{
    size_t i = len, n;
    *out_len = 0;
    while (i > 0) {
        size_t j = i - 1;
        while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
            j--;
        uint32_t cp;
        n = cn_utf8_decode(s + j, len - j, &cp);
        if (cp == ' ' || cp == 0xB7 || cp == 0x30FB || cp == 0x2022 || cp == 0x2027 ||
            cp == 0xFF65) {
            *out_len = len - (j + n);
            return s + j + n;
        }
        i = j;
    }
    return s;
}

static void
add_with_last_part(ent_linker_t *l, struct person *p, const char *s, size_t len)
{
    size_t lp_len;
    const char *lp = last_part(s, len, &lp_len);
    add_form(l, p, s, len);
    if (lp_len)
        add_form(l, p, lp, lp_len);
}

static int
learn_candidate(void *ctx, const ent_candidate_t *c)
{
    ent_linker_t *l = ctx;
    if (c->type != ENT_PERSON)
        return 0;
    struct person *p = person(l, true, c->name, c->name_len);
    if (!p) {
        l->nomem = true;
        return 1;
    }
    add_with_last_part(l, p, c->name, c->name_len);
    if (c->alias_len)
        add_with_last_part(l, p, c->alias, c->alias_len);
    return l->nomem;
}

/* A dictionary person named by an alias of several parts: the last parts
 * of all its aliases become forms. Named by a one-part alias only (奥特曼,
 * which is also Ultraman), it links nothing. */
static int
learn_entity(void *ctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    (void)start_off;
    (void)end_off;
    ent_linker_t *l = ctx;
    size_t lp_len;
    const char *a = e->aliases[alias];
    if (e->type != ENT_PERSON || (last_part(a, strlen(a), &lp_len), lp_len == 0))
        return 0;
    struct person *p = person(l, false, e->id, strlen(e->id));
    if (!p) {
        l->nomem = true;
        return 1;
    }
    for (size_t k = 0; k < e->alias_count; k++) {
        const char *lp = last_part(e->aliases[k], strlen(e->aliases[k]), &lp_len);
        if (lp_len)
            add_form(l, p, lp, lp_len);
    }
    return l->nomem;
}

cn_status_t
ent_linker_learn(ent_linker_t *l, const char *text, size_t len)
{
    ent_names_discover_opts(&l->names, text, len, learn_candidate, l);
    if (!l->nomem && l->dict && ent_dict_match(l->dict, text, len, learn_entity, l) != CN_OK)
        l->nomem = true;
    return l->nomem ? CN_E_NOMEM : CN_OK;
}

/* The people's forms as a dictionary: person i has the id "l<i>". */
static cn_status_t
build(ent_linker_t *l)
{
    cn_status_t st = ent_dict_create(&l->tok, &l->forms);
    for (size_t i = 0; st == CN_OK && i < l->npeople; i++) {
        const struct person *p = &l->people[i];
        char id[32];
        snprintf(id, sizeof(id), "l%zu", i);
        if (p->nforms == 0)
            continue;
        st = ent_dict_add(l->forms, id, ENT_PERSON, (const char *const *)p->forms, p->nforms);
        /* A form that gives no term (punctuation only) drops its person. */
        if (st == CN_E_INVALID_ARGUMENT)
            st = CN_OK;
    }
    if (st != CN_OK) {
        ent_dict_destroy(l->forms);
        l->forms = NULL;
    }
    return st;
}

struct match_ctx {
    ent_linker_t *l;
    ent_link_fn fn;
    void *ctx;
};

static int
on_form(void *vctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    (void)alias;
    (void)start_off;
    (void)end_off;
    struct match_ctx *m = vctx;
    size_t i = strtoul(e->id + 1, NULL, 10);
    if (i >= m->l->npeople || m->l->seen[i])
        return 0;
    m->l->seen[i] = 1;
    const struct person *p = &m->l->people[i];
    ent_link_t link = { p->candidate, p->key, strlen(p->key) };
    return m->fn(m->ctx, &link);
}

cn_status_t
ent_linker_match(ent_linker_t *l, const char *text, size_t len, ent_link_fn fn, void *ctx)
{
    if (l->npeople == 0)
        return CN_OK;
    if (!l->forms) {
        cn_status_t st = build(l);
        if (st != CN_OK)
            return st;
    }
    memset(l->seen, 0, l->npeople);
    struct match_ctx m = { l, fn, ctx };
    return ent_dict_match(l->forms, text, len, on_form, &m);
}
