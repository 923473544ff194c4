/* SPDX-License-Identifier: MIT */
/* yaml-load.c - walks a libyaml document against the key table and fills
 * a cfg_config_t, reporting the first problem as "NAME:LINE:COL: reason". */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* strtod_l, newlocale */
#endif
#include "config-private.h"
#include "buf.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

typedef enum key_kind {
    KIND_SECTION,     /* a nested mapping; 'children' lists its keys */
    KIND_STRING,      /* non-empty string */
    KIND_STRING_NULL, /* string, or null for "unset" (stored as NULL) */
    KIND_COUNT,       /* decimal unsigned within [min, max] */
    KIND_BOOL,        /* true/false/yes/no */
    KIND_REAL,        /* finite decimal number within [min, max] */
    KIND_STRINGS,     /* a list of non-empty strings, one string, or null (none) */
    KIND_PATHS        /* as KIND_STRINGS, of paths that must exist; relative ones
                       * are resolved against the file's directory; sets the bool
                       * at 'flag' (null clears it: the default) */
} key_kind_t;

typedef struct key_spec {
    const char *name;
    key_kind_t kind;
    size_t off; /* offset of the member in cfg_config_t; not for sections */
    double min, max;
    const struct key_spec *children; /* sections only; ends at name NULL */
    size_t flag; /* KIND_PATHS: offset of its "was set" bool */
} key_spec_t;

/* A mapping never has more known keys than this (for duplicate tracking). */
#define MAX_SECTION_KEYS 16

/* clang-format off */
#define MEMBER(m) offsetof(cfg_config_t, m)
#define STR(name, m)          { name, KIND_STRING, MEMBER(m), 0, 0, NULL, 0 }
#define STR_NULL(name, m)     { name, KIND_STRING_NULL, MEMBER(m), 0, 0, NULL, 0 }
#define COUNT(name, m, lo)    { name, KIND_COUNT, MEMBER(m), lo, UINT_MAX, 0, 0 }
#define BOOL(name, m)         { name, KIND_BOOL, MEMBER(m), 0, 0, NULL, 0 }
#define REAL(name, m, lo, hi) { name, KIND_REAL, MEMBER(m), lo, hi, NULL, 0 }
#define STRINGS(name, m)      { name, KIND_STRINGS, MEMBER(m), 0, 0, NULL, 0 }
#define PATHS(name, m, set)   { name, KIND_PATHS, MEMBER(m), 0, 0, NULL, MEMBER(set) }
#define SECTION(name, keys)   { name, KIND_SECTION, 0, 0, 0, keys, 0 }
#define END                   { NULL, KIND_SECTION, 0, 0, 0, NULL, 0 }

static const key_spec_t fields_keys[] = {
    STR("id", fields.id),         STR("title", fields.title),
    STR("body", fields.body),     STR("date", fields.date),
    STR("source", fields.source), STR("url", fields.url),
    STR("lang", fields.lang),     END,
};

static const key_spec_t input_keys[] = {
    SECTION("fields", fields_keys),
    STR_NULL("encoding", encoding),
    STR("format", format),
    STR("body_markup", body_markup),
    END,
};

static const key_spec_t index_keys[] = {
    COUNT("commit_every", commit_every, 1),
    COUNT("commit_bytes", commit_bytes, 0),
    COUNT("dictionary_sample_bytes", dictionary_sample_bytes, 0),
    BOOL("fold_traditional", fold_traditional),
    END,
};

/* min_chars may be 0: it turns joining of short paragraphs off. */
static const key_spec_t passage_keys[] = {
    COUNT("min_chars", passage_min_chars, 0),
    COUNT("max_chars", passage_max_chars, 1),
    END,
};

/* Xapian's BM25Weight wants k1, k3 and min_normlen >= 0 and b in [0, 1]. */
static const key_spec_t bm25_keys[] = {
    REAL("k1", bm25_k1, 0, HUGE_VAL),
    REAL("b", bm25_b, 0, 1),
    REAL("k3", bm25_k3, 0, HUGE_VAL),
    REAL("min_normlen", bm25_min_normlen, 0, HUGE_VAL),
    END,
};

/* A bound well under Xapian's limits, far above any useful weight. */
static const key_spec_t weight_keys[] = {
    REAL("entity", weight_entity, 0, 1e6),
    REAL("date", weight_date, 0, 1e6),
    END,
};

/* The bonus multiplies a score by at most 1 + weight: 10 is far above
 * any useful value; a scale of 0 would divide by zero. */
static const key_spec_t proximity_keys[] = {
    COUNT("candidates", proximity_candidates, 0),
    REAL("weight", proximity_weight, 0, 10),
    REAL("scale", proximity_scale, 0.01, 1e6),
    END,
};

static const key_spec_t search_keys[] = {
    COUNT("limit", limit, 1),
    COUNT("per_article", per_article, 1),
    COUNT("facet_limit", facet_limit, 1),
    SECTION("bm25", bm25_keys),
    SECTION("weights", weight_keys),
    SECTION("proximity", proximity_keys),
    END,
};

static const key_spec_t clean_keys[] = {
    BOOL("enabled", clean),
    END,
};

static const key_spec_t dedup_keys[] = {
    BOOL("enabled", dedup),
    COUNT("simhash_max_distance", simhash_max_distance, 0),
    END,
};

static const key_spec_t entities_keys[] = {
    PATHS("dict", entity_dicts, entity_dicts_set),
    STRINGS("titles", entity_titles),
    BOOL("builtin_titles", entity_builtin_titles),
    END,
};

static const key_spec_t root_keys[] = {
    STR("database", database),
    SECTION("index", index_keys),
    SECTION("input", input_keys),
    SECTION("passage", passage_keys),
    SECTION("clean", clean_keys),
    SECTION("dedup", dedup_keys),
    SECTION("search", search_keys),
    SECTION("entities", entities_keys),
    END,
};
/* clang-format on */

static bool
scalar_is(const yaml_node_t *node, const char *s)
{
    return node->data.scalar.length == strlen(s)
           && memcmp(node->data.scalar.value, s, node->data.scalar.length) == 0;
}

static bool
is_plain_scalar(const yaml_node_t *node)
{
    return node->type == YAML_SCALAR_NODE
           && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static void *
member(cfg_config_t *cfg, const key_spec_t *spec)
{
    return (char *)cfg + spec->off;
}

static cn_status_t
apply_string(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
             const key_spec_t *spec)
{
    char **slot = member(ld->cfg, spec);
    if (spec->kind == KIND_STRING_NULL && cfg__yaml_is_null(node)) {
        free(*slot);
        *slot = NULL;
        return CN_OK;
    }
    if (node->type != YAML_SCALAR_NODE || cfg__yaml_is_null(node))
        return cfg__fail_type(ld, node, prefix, spec->name, "a string");
    if (node->data.scalar.length == 0)
        return cfg__fail_type(ld, node, prefix, spec->name,
                              "a non-empty string");
    if (memchr(node->data.scalar.value, '\0', node->data.scalar.length))
        return cfg__fail_type(ld, node, prefix, spec->name,
                              "a string without NUL characters");
    char *copy = strdup((const char *)node->data.scalar.value);
    if (!copy)
        return CN_E_NOMEM;
    free(*slot);
    *slot = copy;
    return CN_OK;
}

static cn_status_t
apply_bool(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
           const key_spec_t *spec)
{
    static const char *const yes[] = { "true", "True", "TRUE",
                                       "yes",  "Yes",  "YES" };
    static const char *const no[] = { "false", "False", "FALSE",
                                      "no",    "No",    "NO" };
    bool *slot = member(ld->cfg, spec);
    if (is_plain_scalar(node)) {
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
            if (scalar_is(node, yes[i])) {
                *slot = true;
                return CN_OK;
            }
            if (scalar_is(node, no[i])) {
                *slot = false;
                return CN_OK;
            }
        }
    }
    return cfg__fail_type(ld, node, prefix, spec->name,
                          "true, false, yes or no");
}

/* True if the scalar is non-empty and made only of bytes in 'allowed'. */
static bool
scalar_only(const yaml_node_t *node, const char *allowed)
{
    const char *s = (const char *)node->data.scalar.value;
    size_t len = node->data.scalar.length;
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\0' || !strchr(allowed, s[i]))
            return false;
    return true;
}

static cn_status_t
apply_count(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
            const key_spec_t *spec)
{
    const char *wanted =
        spec->min > 0 ? "a positive integer" : "a non-negative integer";
    if (!is_plain_scalar(node) || !scalar_only(node, "0123456789"))
        return cfg__fail_type(ld, node, prefix, spec->name, wanted);
    /* Only digits: strtoul cannot meet a sign, space or base prefix. */
    errno = 0;
    unsigned long v = strtoul((const char *)node->data.scalar.value, NULL, 10);
    char bound[64];
    if (errno == ERANGE || (double)v > spec->max) {
        snprintf(bound, sizeof bound, "at most %.0f", spec->max);
        return cfg__fail_type(ld, node, prefix, spec->name, bound);
    }
    if ((double)v < spec->min) {
        snprintf(bound, sizeof bound, "at least %.0f", spec->min);
        return cfg__fail_type(ld, node, prefix, spec->name, bound);
    }
    *(unsigned *)member(ld->cfg, spec) = (unsigned)v;
    return CN_OK;
}

static cn_status_t
apply_real(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
           const key_spec_t *spec)
{
    /*
     * The character check keeps out what strtod takes but YAML users do
     * not mean: "nan", "inf", hex floats, leading spaces.
     */
    if (!is_plain_scalar(node) || !scalar_only(node, "0123456789.eE+-")
        || !strpbrk((const char *)node->data.scalar.value, "0123456789"))
        return cfg__fail_type(ld, node, prefix, spec->name, "a number");
    /* The program's locale may write the decimal point as ','. */
    if (!ld->c_locale) {
        ld->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (!ld->c_locale)
            return CN_E_NOMEM;
    }
    const char *s = (const char *)node->data.scalar.value;
    char *end;
    errno = 0;
    double v = strtod_l(s, &end, ld->c_locale);
    if (end != s + node->data.scalar.length)
        return cfg__fail_type(ld, node, prefix, spec->name, "a number");
    if (errno == ERANGE || !isfinite(v))
        return cfg__fail_type(ld, node, prefix, spec->name,
                              "a number in range");
    if (v < spec->min || v > spec->max) {
        char range[80];
        if (isinf(spec->max))
            snprintf(range, sizeof range, "at least %g", spec->min);
        else
            snprintf(range, sizeof range, "between %g and %g", spec->min,
                     spec->max);
        return cfg__fail_type(ld, node, prefix, spec->name, range);
    }
    *(double *)member(ld->cfg, spec) = v;
    return CN_OK;
}

static cn_status_t apply_mapping(cfg__loader_t *ld, const yaml_node_t *node,
                                 const char *prefix, const key_spec_t *specs);

/* A path of entities.dict as the program will use it: relative ones are
 * taken from the directory of the file naming them, not the current one. */
static char *
resolve_path(const cfg__loader_t *ld, const char *path)
{
    if (path[0] == '/' || !strchr(ld->name, '/'))
        return strdup(path);
    char *dir = cfg__path_dirname(ld->name);
    if (!dir)
        return NULL;
    cn_buf_t b = CN_BUF_INIT;
    cn_buf_addf(&b, "%s/%s", dir, path);
    free(dir);
    return cn_buf_detach(&b, NULL);
}

/* One item of a KIND_STRINGS or KIND_PATHS list, appended to 'out'. */
static cn_status_t
apply_list_item(cfg__loader_t *ld, const yaml_node_t *item, const char *prefix,
                const key_spec_t *spec, cfg_strings_t *out)
{
    if (item->type != YAML_SCALAR_NODE || cfg__yaml_is_null(item) ||
        item->data.scalar.length == 0 ||
        memchr(item->data.scalar.value, '\0', item->data.scalar.length))
        return cfg__fail_type(ld, item, prefix, spec->name,
                              "a non-empty string or a list of them");
    const char *value = (const char *)item->data.scalar.value;
    char *copy = spec->kind == KIND_PATHS ? resolve_path(ld, value) : strdup(value);
    char **v = copy ? realloc(out->v, (out->n + 1) * sizeof(char *)) : NULL;
    if (!v) {
        free(copy);
        return CN_E_NOMEM;
    }
    out->v = v;
    out->v[out->n++] = copy;
    struct stat sb;
    if (spec->kind == KIND_PATHS && stat(copy, &sb) != 0) {
        cn_buf_t reason = CN_BUF_INIT;
        cn_buf_addch(&reason, '\'');
        cfg__add_key_path(&reason, prefix, spec->name);
        cn_buf_addf(&reason, "': cannot use '%s': %s", copy, strerror(errno));
        return cfg__fail_node(ld, item, &reason);
    }
    return CN_OK;
}

static cn_status_t
apply_list(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
           const key_spec_t *spec)
{
    cfg_strings_t list = { NULL, 0 };
    cn_status_t st = CN_OK;
    if (node->type == YAML_SEQUENCE_NODE) {
        for (const yaml_node_item_t *it = node->data.sequence.items.start;
             st == CN_OK && it < node->data.sequence.items.top; it++) {
            const yaml_node_t *item = yaml_document_get_node(ld->doc, *it);
            st = item ? apply_list_item(ld, item, prefix, spec, &list) : CN_E_INTERNAL;
        }
    } else if (!cfg__yaml_is_null(node)) {
        st = apply_list_item(ld, node, prefix, spec, &list);
    }
    if (st != CN_OK) {
        cfg_strings_release(&list);
        return st;
    }
    cfg_strings_t *slot = member(ld->cfg, spec);
    cfg_strings_release(slot);
    *slot = list;
    if (spec->kind == KIND_PATHS)
        *(bool *)((char *)ld->cfg + spec->flag) = !cfg__yaml_is_null(node);
    return CN_OK;
}

static cn_status_t
apply_value(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
            const key_spec_t *spec)
{
    switch (spec->kind) {
    case KIND_SECTION: {
        cn_buf_t path = CN_BUF_INIT;
        cfg__add_key_path(&path, prefix, spec->name);
        cn_status_t st = apply_mapping(ld, node, path.data, spec->children);
        cn_buf_release(&path);
        return st;
    }
    case KIND_STRING:
    case KIND_STRING_NULL:
        return apply_string(ld, node, prefix, spec);
    case KIND_COUNT:
        return apply_count(ld, node, prefix, spec);
    case KIND_BOOL:
        return apply_bool(ld, node, prefix, spec);
    case KIND_REAL:
        return apply_real(ld, node, prefix, spec);
    case KIND_STRINGS:
    case KIND_PATHS:
        return apply_list(ld, node, prefix, spec);
    }
    return CN_E_INTERNAL;
}

static const key_spec_t *
find_spec(const key_spec_t *specs, const yaml_node_t *key, size_t *index)
{
    if (key->type != YAML_SCALAR_NODE)
        return NULL;
    for (size_t i = 0; specs[i].name; i++) {
        if (scalar_is(key, specs[i].name)) {
            *index = i;
            return &specs[i];
        }
    }
    return NULL;
}

/*
 * Applies every pair of the mapping 'node' (the section 'prefix', NULL at
 * the top level), in document order, so the first problem in the file is
 * the one reported. A null value stands for an empty section.
 */
static cn_status_t
apply_mapping(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
              const key_spec_t *specs)
{
    const yaml_node_t *seen[MAX_SECTION_KEYS] = { NULL };
    if (cfg__yaml_is_null(node))
        return CN_OK;
    if (node->type != YAML_MAPPING_NODE) {
        if (prefix)
            return cfg__fail_type(ld, node, NULL, prefix, "a mapping");
        return cfg__fail_top_level(ld, node);
    }
    for (const yaml_node_pair_t *pair = node->data.mapping.pairs.start;
         pair < node->data.mapping.pairs.top; pair++) {
        const yaml_node_t *key = yaml_document_get_node(ld->doc, pair->key);
        const yaml_node_t *value = yaml_document_get_node(ld->doc, pair->value);
        size_t index = 0;
        if (!key || !value)
            return CN_E_INTERNAL;
        const key_spec_t *spec = find_spec(specs, key, &index);
        if (!spec)
            return cfg__fail_key(
                ld, key, prefix,
                prefix ? "unknown key" : "unknown top-level key", NULL);
        if (index >= MAX_SECTION_KEYS)
            return CN_E_INTERNAL;
        if (seen[index]) {
            char note[64];
            snprintf(note, sizeof note, "(first at line %zu)",
                     seen[index]->start_mark.line + 1);
            return cfg__fail_key(ld, key, prefix, "duplicate key", note);
        }
        seen[index] = key;
        cn_status_t st = apply_value(ld, value, prefix, spec);
        if (st != CN_OK)
            return st;
    }
    return CN_OK;
}

/* The value node of 'key' in mapping 'map', or NULL. */
static const yaml_node_t *
lookup(yaml_document_t *doc, const yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (const yaml_node_pair_t *pair = map->data.mapping.pairs.start;
         pair < map->data.mapping.pairs.top; pair++) {
        const yaml_node_t *k = yaml_document_get_node(doc, pair->key);
        if (k && k->type == YAML_SCALAR_NODE && scalar_is(k, key))
            return yaml_document_get_node(doc, pair->value);
    }
    return NULL;
}

/*
 * Checks between keys, run after the whole file is applied. The message
 * points at the value of the pair that comes last in this file, as that
 * is the one to fix; a pair the file does not touch is not checked here.
 */
/* The value of 'key' under input: must be one of 'allowed' (NULL-ended). */
static cn_status_t
check_choice(cfg__loader_t *ld, const yaml_node_t *root, const char *key,
             const char *value, const char *const *allowed)
{
    const yaml_node_t *at = lookup(ld->doc, lookup(ld->doc, root, "input"), key);
    if (!at)
        return CN_OK;
    cn_buf_t reason = CN_BUF_INIT;
    cn_buf_addf(&reason, "'input.%s' must be one of:", key);
    for (const char *const *a = allowed; *a; a++) {
        if (strcmp(value, *a) == 0) {
            cn_buf_release(&reason);
            return CN_OK;
        }
        cn_buf_addf(&reason, " %s", *a);
    }
    return cfg__fail_node(ld, at, &reason);
}

static cn_status_t
check_cross(cfg__loader_t *ld, const yaml_node_t *root)
{
    static const char *const formats[] = { "auto", "jsonl", "json", "text", "html",
                                           "markdown", "livedoor", "sogou-xml",
                                           "csv", NULL };
    static const char *const markups[] = { "text", "html", "escaped-html", NULL };
    cn_status_t st = check_choice(ld, root, "format", ld->cfg->format, formats);
    if (st == CN_OK)
        st = check_choice(ld, root, "body_markup", ld->cfg->body_markup, markups);
    if (st != CN_OK)
        return st;
    const yaml_node_t *passage = lookup(ld->doc, root, "passage");
    const yaml_node_t *min = lookup(ld->doc, passage, "min_chars");
    const yaml_node_t *max = lookup(ld->doc, passage, "max_chars");
    const cfg_config_t *c = ld->cfg;
    if ((min || max) && c->passage_min_chars > c->passage_max_chars) {
        const yaml_node_t *at = max ? max : min;
        if (min && max && min->start_mark.index > max->start_mark.index)
            at = min;
        cn_buf_t reason = CN_BUF_INIT;
        cn_buf_addf(&reason,
                    "'passage.min_chars' (%u) must not be greater than "
                    "'passage.max_chars' (%u)",
                    c->passage_min_chars, c->passage_max_chars);
        return cfg__fail_node(ld, at, &reason);
    }
    return CN_OK;
}

/*
 * Loads a second document to prove there is none: the stream must hold
 * at most one, and a syntax error after the first is still an error.
 */
static cn_status_t
check_single_document(cfg__loader_t *ld, yaml_parser_t *parser,
                      const char *yaml, size_t len)
{
    yaml_document_t extra;
    if (!yaml_parser_load(parser, &extra))
        return cfg__fail_parser(ld, parser, yaml, len);
    cn_status_t st = CN_OK;
    if (yaml_document_get_root_node(&extra)) {
        cn_buf_t reason = CN_BUF_INIT;
        cn_buf_addstr(&reason, "only one yaml document is allowed");
        st = cfg__fail_at(ld, extra.start_mark.line, extra.start_mark.column,
                          &reason);
    }
    yaml_document_delete(&extra);
    return st;
}

cn_status_t
cfg__yaml_apply(cfg_config_t *work, const char *name, const char *yaml,
                size_t len, char **errmsg)
{
    cfg__loader_t ld = { name, NULL, work, errmsg, (locale_t)0 };
    yaml_parser_t parser;
    yaml_document_t doc;
    cn_status_t st;

    if (!yaml_parser_initialize(&parser))
        return CN_E_NOMEM;
    /* UTF-8 only, so reader error offsets are offsets into 'yaml'. */
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    if (!yaml_parser_load(&parser, &doc)) {
        st = cfg__fail_parser(&ld, &parser, yaml, len);
        yaml_parser_delete(&parser);
        return st;
    }
    ld.doc = &doc;
    const yaml_node_t *root = yaml_document_get_root_node(&doc);
    st = CN_OK;
    if (root) {
        /* Syntax first: a broken second document outranks a bad key. */
        st = check_single_document(&ld, &parser, yaml, len);
        if (st == CN_OK)
            st = apply_mapping(&ld, root, NULL, root_keys);
        if (st == CN_OK)
            st = check_cross(&ld, root);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (ld.c_locale)
        freelocale(ld.c_locale);
    return st;
}
