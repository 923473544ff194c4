/* SPDX-License-Identifier: MIT */
/* fuzz-entities.c - libFuzzer target for the entity dictionary: the input
 * up to its first NUL byte is a YAML dictionary, the rest a passage to
 * match against it (or against the built-in one below when the YAML is
 * refused). Loading must fail cleanly or succeed; matches must lie inside
 * the text and name an entity of the dictionary; discovered candidates
 * (entities/names.h) must be ordered and inside the text; the linker
 * (entities/links.h), having learnt the text, must report only people it
 * learnt, each once. */
#include "aliases.h"
#include "bug.h"
#include "links.h"
#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char BUILTIN[] = "entities:\n"
                              "  - id: a\n    type: person\n    name: Sam Altman\n"
                              "    aliases: [奥特曼, 山姆·阿尔特曼, 올트먼]\n"
                              "  - id: b\n    type: org\n    aliases: [微软, OpenAI]\n";

struct check {
    const ent_dict_t *d;
    size_t len;
};

static int
on_match(void *vctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    struct check *c = vctx;
    if (start_off >= end_off || end_off > c->len)
        CN_BUG("match %zu-%zu outside the text", start_off, end_off);
    if (alias >= e->alias_count || ent_dict_find_id(c->d, e->id, strlen(e->id)) != e)
        CN_BUG("match names no entity of the dictionary");
    return 0;
}

struct cand_check {
    size_t len;
    size_t *last_end;
};

/* Candidates come in text order, inside the text, not overlapping. */
static int
on_candidate(void *vctx, const ent_candidate_t *c)
{
    struct cand_check *cc = vctx;
    if (c->start_off >= c->end_off || c->end_off > cc->len || c->start_off < *cc->last_end ||
        c->name_len != c->end_off - c->start_off)
        CN_BUG("candidate %zu-%zu out of order or bounds", c->start_off, c->end_off);
    *cc->last_end = c->end_off;
    return 0;
}

static int
on_link(void *vctx, const ent_link_t *link)
{
    size_t *count = vctx;
    if (!link->key || link->key_len == 0)
        CN_BUG("a link without a key");
    (*count)++;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES)
        return 0;
    const char *s = (const char *)data;
    const char *nul = memchr(s, '\0', size);
    size_t ylen = nul ? (size_t)(nul - s) : size;
    const char *text = nul ? nul + 1 : "";
    size_t tlen = nul ? size - ylen - 1 : 0;
    ent_dict_t *d = NULL;
    if (ent_dict_create(NULL, &d) != CN_OK)
        return 0;
    char *err = NULL;
    cn_status_t st = ent_dict_load_buffer(d, "fuzz.yaml", s, ylen, &err);
    if (st != CN_OK) {
        if (st != CN_E_BAD_CONFIG || !err)
            CN_BUG("load failed with %s", cn_status_to_string(st));
        free(err);
        if (ent_dict_count(d) != 0)
            CN_BUG("a refused document left entities");
        if (ent_dict_load_buffer(d, "builtin", BUILTIN, strlen(BUILTIN), NULL) != CN_OK)
            CN_BUG("the built-in dictionary failed");
    }
    struct check c = { d, tlen };
    if (ent_dict_match(d, text, tlen, on_match, &c) != CN_OK)
        CN_BUG("match failed");
    ent_dict_lookup(d, text, tlen);
    size_t last_end = 0;
    struct cand_check cc = { tlen, &last_end };
    ent_names_discover(text, tlen, on_candidate, &cc);
    ent_linker_t *l = NULL;
    if (ent_linker_create(NULL, NULL, d, &l) == CN_OK) {
        size_t links = 0;
        if (ent_linker_learn(l, text, tlen) == CN_OK &&
            ent_linker_match(l, text, tlen, on_link, &links) == CN_OK &&
            links > ent_linker_count(l))
            CN_BUG("%zu links for %zu people", links, ent_linker_count(l));
        ent_linker_destroy(l);
    }
    ent_dict_destroy(d);
    return 0;
}
