/* SPDX-License-Identifier: MIT */
/* t-config.c - unit tests of the YAML config loader (config/config.h). */
#include "config.h"
#include "tap.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Name every buffer is loaded under, so messages are predictable. */
#define NAME "t.yaml"

/* Returns the name of the first member that differs, or NULL. */
static const char *
config_diff(const cfg_config_t *a, const cfg_config_t *b)
{
#define SAME_STR(m)                                                            \
    if ((a->m == NULL) != (b->m == NULL) || (a->m && strcmp(a->m, b->m)))      \
        return #m;
#define SAME_NUM(m)                                                            \
    if (a->m != b->m)                                                          \
        return #m;
    SAME_STR(database);
    SAME_NUM(commit_every);
    SAME_NUM(commit_bytes);
    SAME_NUM(dictionary_sample_bytes);
    SAME_NUM(fold_traditional);
    SAME_STR(fields.id);
    SAME_STR(fields.title);
    SAME_STR(fields.body);
    SAME_STR(fields.date);
    SAME_STR(fields.source);
    SAME_STR(fields.url);
    SAME_STR(fields.lang);
    SAME_STR(encoding);
    SAME_NUM(passage_min_chars);
    SAME_NUM(passage_max_chars);
    SAME_NUM(limit);
    SAME_NUM(per_article);
    SAME_NUM(bm25_k1);
    SAME_NUM(bm25_b);
    SAME_NUM(bm25_k3);
    SAME_NUM(bm25_min_normlen);
    SAME_NUM(entity_dicts_set);
    SAME_NUM(entity_dicts.n);
    SAME_NUM(entity_titles.n);
    SAME_NUM(entity_builtin_titles);
    SAME_NUM(weight_entity);
    SAME_NUM(weight_date);
    SAME_NUM(facet_limit);
    SAME_NUM(proximity_candidates);
    SAME_NUM(proximity_weight);
    SAME_NUM(proximity_scale);
    return NULL;
#undef SAME_STR
#undef SAME_NUM
}

static cn_status_t
load(cfg_config_t *c, const char *yaml, char **err)
{
    return cfg_config_load_buffer(c, NAME, yaml, strlen(yaml), err);
}

/* Loads 'yaml' over defaults and expects CN_E_BAD_CONFIG and 'want'. */
static void
expect_error(const char *yaml, const char *want, const char *what)
{
    cfg_config_t c, before;
    char *err = NULL;
    cfg_config_init(&c);
    cfg_config_init(&before);
    tap_is_int(load(&c, yaml, &err), CN_E_BAD_CONFIG, "%s: status", what);
    tap_is_str(err, want, "%s: message", what);
    tap_is_str(config_diff(&c, &before), NULL, "%s: config unchanged", what);
    free(err);
    cfg_config_release(&c);
    cfg_config_release(&before);
}

static void
test_defaults(void)
{
    cfg_config_t c;
    tap_is_int(cfg_config_init(&c), CN_OK, "init");
    tap_ok(c.path == NULL, "defaults: no path");
    tap_is_str(c.database, "cjknews.db", "defaults: database");
    tap_is_int(c.commit_every, 5000, "defaults: index.commit_every");
    tap_is_int(c.commit_bytes, 1000000, "defaults: index.commit_bytes");
    tap_is_int(c.dictionary_sample_bytes, 4000000, "defaults: index.dictionary_sample_bytes");
    tap_ok(c.fold_traditional, "defaults: index.fold_traditional");
    tap_is_str(c.fields.id, "id", "defaults: input.fields.id");
    tap_is_str(c.fields.title, "title", "defaults: input.fields.title");
    tap_is_str(c.fields.body, "body", "defaults: input.fields.body");
    tap_is_str(c.fields.date, "date", "defaults: input.fields.date");
    tap_is_str(c.fields.source, "source", "defaults: input.fields.source");
    tap_is_str(c.fields.url, "url", "defaults: input.fields.url");
    tap_is_str(c.fields.lang, "lang", "defaults: input.fields.lang");
    tap_ok(c.encoding == NULL, "defaults: input.encoding is null (detect)");
    tap_is_int(c.passage_min_chars, 60, "defaults: passage.min_chars");
    tap_is_int(c.passage_max_chars, 300, "defaults: passage.max_chars");
    tap_is_int(c.limit, 10, "defaults: search.limit");
    tap_is_int(c.per_article, 2, "defaults: search.per_article");
    tap_ok(c.bm25_k1 == 0.2, "defaults: search.bm25.k1");
    tap_ok(c.bm25_b == 0.75, "defaults: search.bm25.b");
    tap_ok(c.bm25_k3 == 1.0, "defaults: search.bm25.k3");
    tap_ok(c.bm25_min_normlen == 0.25, "defaults: search.bm25.min_normlen");
    tap_ok(c.weight_entity == 8.0, "defaults: search.weights.entity");
    tap_ok(c.weight_date == 6.0, "defaults: search.weights.date");
    tap_ok(c.facet_limit == 10, "defaults: search.facet_limit");
    tap_is_int(c.proximity_candidates, 50, "defaults: search.proximity.candidates");
    tap_ok(c.proximity_weight == 0.05, "defaults: search.proximity.weight");
    tap_ok(c.proximity_scale == 8.0, "defaults: search.proximity.scale");
    cfg_config_release(&c);
    tap_ok(c.database == NULL && c.limit == 0, "release leaves it zeroed");
    cfg_config_release(&c);
    tap_ok(1, "release twice is harmless");
    cfg_config_release(NULL);
    tap_ok(1, "release(NULL) is a no-op");
}

static void
test_shipped_file(void)
{
    const char *srcdir = getenv("CJKNEWS_SRCDIR");
    char path[PATH_MAX];
    cfg_config_t c, d;
    char *err = NULL;

    snprintf(path, sizeof path, "%s/config/cjknews.yaml",
             srcdir && *srcdir ? srcdir : ".");
    cfg_config_init(&c);
    cfg_config_init(&d);
    /* Start from values that differ, so the file must set every key. */
    tap_is_int(load(&c,
                    "database: other\n"
                    "index: {commit_every: 7, fold_traditional: no}\n"
                    "input:\n"
                    "  encoding: GBK\n"
                    "  fields: {id: a, title: b, body: c, date: d,\n"
                    "           source: e, url: f, lang: g}\n"
                    "passage: {min_chars: 1, max_chars: 2}\n"
                    "search:\n"
                    "  limit: 3\n"
                    "  per_article: 4\n"
                    "  facet_limit: 8\n"
                    "  bm25: {k1: 5, b: 0.5, k3: 6, min_normlen: 7}\n"
                    "  weights: {entity: 9, date: 10}\n"
                    "entities: {dict: [.], titles: [x], builtin_titles: no}\n",
                    &err),
               CN_OK, "shipped file: set every key away from its default");
    tap_is_str(config_diff(&c, &d), "database",
               "shipped file: the starting point differs");
    tap_is_int(cfg_config_load_file(&c, path, &err), CN_OK,
               "shipped file: %s loads", path);
    if (err)
        tap_diag("%s", err);
    tap_is_str(config_diff(&c, &d), NULL,
               "shipped file: sets every key to its compiled-in default");
    tap_is_str(c.path, path, "shipped file: path is recorded");
    free(err);
    cfg_config_release(&c);
    cfg_config_release(&d);
}

static void
test_every_key(void)
{
    cfg_config_t c;
    char *err = NULL;
    cfg_config_init(&c);
    tap_is_int(load(&c,
                    "# all keys\n"
                    "database: /var/lib/news.db\n"
                    "index:\n"
                    "  commit_every: 1\n"
                    "  commit_bytes: 0\n"
                    "  dictionary_sample_bytes: 0\n"
                    "  fold_traditional: false\n"
                    "input:\n"
                    "  fields:\n"
                    "    id: meta.id\n"
                    "    title: meta.title\n"
                    "    body: content\n"
                    "    date: published\n"
                    "    source: 媒体\n"
                    "    url: link\n"
                    "    lang: \"language\"\n"
                    "  encoding: Big5\n"
                    "passage:\n"
                    "  min_chars: 0\n"
                    "  max_chars: 4294967295\n"
                    "search:\n"
                    "  limit: 50\n"
                    "  per_article: 1\n"
                    "  bm25:\n"
                    "    k1: 0\n"
                    "    b: 1\n"
                    "    k3: 1e3\n"
                    "    min_normlen: .125\n"
                    "  proximity:\n"
                    "    candidates: 0\n"
                    "    weight: 10\n"
                    "    scale: 0.5\n",
                    &err),
               CN_OK, "every key: loads");
    tap_is_str(err, NULL, "every key: no message");
    tap_is_str(c.path, NAME, "every key: path is the buffer name");
    tap_is_str(c.database, "/var/lib/news.db", "every key: database");
    tap_is_int(c.commit_every, 1, "every key: index.commit_every");
    tap_is_int(c.commit_bytes, 0, "every key: index.commit_bytes (0: articles only)");
    tap_is_int(c.dictionary_sample_bytes, 0, "every key: index.dictionary_sample_bytes");
    tap_ok(!c.fold_traditional, "every key: index.fold_traditional");
    tap_is_str(c.fields.id, "meta.id", "every key: input.fields.id");
    tap_is_str(c.fields.title, "meta.title", "every key: input.fields.title");
    tap_is_str(c.fields.body, "content", "every key: input.fields.body");
    tap_is_str(c.fields.date, "published", "every key: input.fields.date");
    tap_is_str(c.fields.source, "媒体", "every key: input.fields.source");
    tap_is_str(c.fields.url, "link", "every key: input.fields.url");
    tap_is_str(c.fields.lang, "language", "every key: input.fields.lang");
    tap_is_str(c.encoding, "Big5", "every key: input.encoding");
    tap_is_int(c.passage_min_chars, 0, "every key: passage.min_chars");
    tap_is_int(c.passage_max_chars, UINT_MAX, "every key: passage.max_chars");
    tap_is_int(c.limit, 50, "every key: search.limit");
    tap_is_int(c.per_article, 1, "every key: search.per_article");
    tap_ok(c.bm25_k1 == 0.0, "every key: search.bm25.k1");
    tap_ok(c.bm25_b == 1.0, "every key: search.bm25.b");
    tap_ok(c.bm25_k3 == 1000.0, "every key: search.bm25.k3");
    tap_ok(c.bm25_min_normlen == 0.125, "every key: search.bm25.min_normlen");
    tap_is_int(c.proximity_candidates, 0, "every key: search.proximity.candidates");
    tap_ok(c.proximity_weight == 10.0, "every key: search.proximity.weight");
    tap_ok(c.proximity_scale == 0.5, "every key: search.proximity.scale");

    /* A second load only changes what it names. */
    const char *second = "search: {limit: 5}\ninput: {encoding: ~}\n";
    tap_is_int(
        cfg_config_load_buffer(&c, "second.yaml", second, strlen(second), &err),
        CN_OK, "layered: second load");
    tap_is_int(c.limit, 5, "layered: search.limit replaced");
    tap_ok(c.encoding == NULL, "layered: encoding: ~ means detect");
    tap_is_int(c.per_article, 1, "layered: search.per_article kept");
    tap_is_str(c.fields.id, "meta.id", "layered: input.fields.id kept");
    tap_is_str(c.path, "second.yaml", "layered: path is the latest file");
    cfg_config_release(&c);
}

static void
test_nested_fields(void)
{
    cfg_config_t c;
    char *err = NULL;
    cfg_config_init(&c);
    tap_is_int(load(&c,
                    "input:\n"
                    "  fields: {title: headline.zh, body: 'text'}\n"
                    "search:\n"
                    "  bm25:\n"
                    "    b: 0.3\n",
                    &err),
               CN_OK, "nested: loads");
    tap_is_str(c.fields.title, "headline.zh", "nested: fields.title (flow)");
    tap_is_str(c.fields.body, "text", "nested: fields.body (quoted)");
    tap_is_str(c.fields.id, "id", "nested: fields.id keeps its default");
    tap_ok(c.bm25_b == 0.3, "nested: search.bm25.b");
    tap_ok(c.bm25_k1 == 0.2, "nested: search.bm25.k1 keeps its default");
    tap_is_int(c.limit, 10, "nested: search.limit keeps its default");
    cfg_config_release(&c);

    cfg_config_init(&c);
    tap_is_int(load(&c,
                    "base: &f {id: docid, url: href}\n"
                    "input: {fields: *f}\n",
                    &err),
               CN_E_BAD_CONFIG, "nested: anchors need a known key to live in");
    free(err);
    tap_is_int(load(&c,
                    "input: {fields: &f {id: docid, url: href}}\n"
                    "search: {bm25: ~, limit: 3}\n"
                    "passage:\n"
                    "index:\n",
                    &err),
               CN_OK, "nested: null sections are empty");
    tap_is_str(c.fields.url, "href", "nested: anchored mapping applied");
    tap_is_int(c.limit, 3, "nested: key after a null section");
    cfg_config_release(&c);
}

static void
test_unknown_keys(void)
{
    expect_error("index:\n  comit_every: 5\n",
                 NAME ":2:3: unknown key 'comit_every' in 'index'",
                 "unknown key in a section");
    expect_error("database: x\n\n\nindx:\n  commit_every: 5\n",
                 NAME ":4:1: unknown top-level key 'indx'",
                 "unknown top-level key");
    expect_error("search:\n  limit: 3\n  bm25:\n    k1: 1\n    k2: 1\n",
                 NAME ":5:5: unknown key 'k2' in 'search.bm25'",
                 "unknown key in search.bm25");
    expect_error("input:\n  fields: {id: a,   author: b}\n",
                 NAME ":2:21: unknown key 'author' in 'input.fields'",
                 "unknown key in input.fields (flow)");
    expect_error("Database: x\n", NAME ":1:1: unknown top-level key 'Database'",
                 "keys are case-sensitive");
    expect_error("index: {\"commit\\x01every\": 1}\n",
                 NAME ":1:9: unknown key 'commit\\x01every' in 'index'",
                 "control characters in a key are escaped");
    expect_error(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\n",
        NAME ":1:1: unknown top-level key "
             "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'",
        "long keys are cut");
    expect_error("? [a]\n: 1\n",
                 NAME ":1:3: a key must be a string, not a sequence",
                 "non-scalar key");
}

/* One bad value per key type, with the position of the value. */
static const struct error_case {
    const char *yaml;
    const char *want;
    const char *what;
} wrong_types[] = {
    { "entities:\n  dict: {a: b}\n",
      NAME ":2:9: 'entities.dict' must be a non-empty string or a list of them, not a mapping",
      "mapping for a path list" },
    { "entities:\n  titles: [CEO, \"\"]\n",
      NAME ":2:17: 'entities.titles' must be a non-empty string or a list of them, "
           "not the quoted string ''",
      "empty title" },
    { "entities:\n  titles: [[x]]\n",
      NAME ":2:12: 'entities.titles' must be a non-empty string or a list of them, "
           "not a sequence",
      "nested list" },
    { "entities:\n  builtin_titles: maybe\n",
      NAME ":2:19: 'entities.builtin_titles' must be true, false, yes or no, not 'maybe'",
      "bad boolean" },
    { "entities:\n  dictionary: x\n",
      NAME ":2:3: unknown key 'dictionary' in 'entities'",
      "unknown entities key" },
    { "search:\n  limit: ten\n",
      NAME ":2:10: 'search.limit' must be a positive integer, not 'ten'",
      "string for a count" },
    { "search:\n  limit: \"10\"\n",
      NAME ":2:10: 'search.limit' must be a positive integer, "
           "not the quoted string '10'",
      "quoted number for a count" },
    { "index:\n  commit_every: 0\n",
      NAME ":2:17: 'index.commit_every' must be at least 1, not '0'",
      "zero for a positive count" },
    { "index:\n  commit_every: -5\n",
      NAME ":2:17: 'index.commit_every' must be a positive integer, "
           "not '-5'",
      "negative count" },
    { "index:\n  commit_bytes: 1MB\n",
      NAME ":2:17: 'index.commit_bytes' must be a non-negative integer, not '1MB'",
      "a unit after commit_bytes" },
    { "search: {proximity: {scale: 0}}\n",
      NAME ":1:29: 'search.proximity.scale' must be between 0.01 and 1e+06, not '0'",
      "zero proximity scale" },
    { "search: {per_article: 0}\n",
      NAME ":1:23: 'search.per_article' must be at least 1, not '0'",
      "zero per_article" },
    { "passage: {min_chars: -1}\n",
      NAME ":1:22: 'passage.min_chars' must be a non-negative "
           "integer, not '-1'",
      "negative min_chars" },
    { "search: {limit: 1.5}\n",
      NAME ":1:17: 'search.limit' must be a positive integer, not '1.5'",
      "fraction for a count" },
    { "search: {limit: 4294967296}\n",
      NAME ":1:17: 'search.limit' must be at most 4294967295, "
           "not '4294967296'",
      "count just over UINT_MAX" },
    { "search: {limit: 99999999999999999999999}\n",
      NAME ":1:17: 'search.limit' must be at most 4294967295, "
           "not '99999999999999999999999'",
      "count over ULONG_MAX" },
    { "search: {limit: 0x10}\n",
      NAME ":1:17: 'search.limit' must be a positive integer, not '0x10'",
      "hex count" },
    { "search: {limit: 1_000}\n",
      NAME ":1:17: 'search.limit' must be a positive integer, not '1_000'",
      "count with underscore" },
    { "search: {limit: }\n",
      NAME ":1:17: 'search.limit' must be a positive integer, not empty",
      "empty count" },
    { "search: {limit: [1]}\n",
      NAME ":1:17: 'search.limit' must be a positive integer, "
           "not a sequence",
      "sequence for a count" },
    { "index:\n  fold_traditional: maybe\n",
      NAME ":2:21: 'index.fold_traditional' must be true, false, "
           "yes or no, not 'maybe'",
      "bad boolean" },
    { "index:\n  fold_traditional: 1\n",
      NAME ":2:21: 'index.fold_traditional' must be true, false, "
           "yes or no, not '1'",
      "number for a boolean" },
    { "index:\n  fold_traditional: \"true\"\n",
      NAME ":2:21: 'index.fold_traditional' must be true, false, "
           "yes or no, not the quoted string 'true'",
      "quoted boolean" },
    { "database: {path: x}\n",
      NAME ":1:11: 'database' must be a string, not a mapping",
      "mapping for a string" },
    { "database:\n", NAME ":1:10: 'database' must be a string, not empty",
      "null for a string" },
    { "database: ''\n",
      NAME ":1:11: 'database' must be a non-empty string, "
           "not the quoted string ''",
      "empty string for a string" },
    { "input: {fields: {id: ~}}\n",
      NAME ":1:22: 'input.fields.id' must be a string, not empty",
      "null for a field name" },
    { "database: \"a\\0b\"\n",
      NAME ":1:11: 'database' must be a string without NUL "
           "characters, not the quoted string 'a\\x00b'",
      "NUL inside a string" },
    { "input: {encoding: [GBK]}\n",
      NAME ":1:19: 'input.encoding' must be a string, not a sequence",
      "sequence for input.encoding" },
    { "input: {encoding: \"\"}\n",
      NAME ":1:19: 'input.encoding' must be a non-empty string, "
           "not the quoted string ''",
      "empty string for input.encoding" },
    { "index: 5\n", NAME ":1:8: 'index' must be a mapping, not '5'",
      "scalar for a section" },
    { "search:\n  bm25: [1, 2]\n",
      NAME ":2:9: 'search.bm25' must be a mapping, not a sequence",
      "sequence for a nested section" },
    { "input:\n  fields: id\n",
      NAME ":2:11: 'input.fields' must be a mapping, not 'id'",
      "scalar for input.fields" },
    { "- database\n",
      NAME ":1:1: the top level must be a mapping, not a sequence",
      "sequence at the top level" },
    { "just text\n",
      NAME ":1:1: the top level must be a mapping, not 'just text'",
      "scalar at the top level" },
};

static void
test_error_cases(const struct error_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++)
        expect_error(cases[i].yaml, cases[i].want, cases[i].what);
}

static void
test_numbers(void)
{
    static const struct {
        const char *yaml;
        const char *want;
    } bad[] = {
        { "search: {bm25: {k1: nan}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not 'nan'" },
        { "search: {bm25: {k1: .inf}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not '.inf'" },
        { "search: {bm25: {k1: 0x1p3}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not '0x1p3'" },
        { "search: {bm25: {k1: 1.2.3}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not '1.2.3'" },
        { "search: {bm25: {k1: 1e}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not '1e'" },
        { "search: {bm25: {k1: +}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, not '+'" },
        { "search: {bm25: {k1: 1e999}}", NAME
          ":1:21: 'search.bm25.k1' must be a number in range, not '1e999'" },
        /* A decimal comma splits a flow mapping: '5' becomes a key. */
        { "search: {bm25: {k1: 1,5}}",
          NAME ":1:23: unknown key '5' in 'search.bm25'" },
        { "search: {bm25: {k1: '1.2'}}",
          NAME ":1:21: 'search.bm25.k1' must be a number, "
               "not the quoted string '1.2'" },
        { "search: {bm25: {k1: -0.1}}",
          NAME ":1:21: 'search.bm25.k1' must be at least 0, not '-0.1'" },
        { "search: {bm25: {b: 1.01}}",
          NAME ":1:20: 'search.bm25.b' must be between 0 and 1, not '1.01'" },
        { "search: {bm25: {b: -1}}",
          NAME ":1:20: 'search.bm25.b' must be between 0 and 1, not '-1'" },
        { "search: {bm25: {k3: -1}}",
          NAME ":1:21: 'search.bm25.k3' must be at least 0, not '-1'" },
        { "search: {bm25: {min_normlen: -2e-1}}", NAME
          ":1:30: 'search.bm25.min_normlen' must be at least 0, not '-2e-1'" },
        { "search: {weights: {entity: -1}}", NAME
          ":1:28: 'search.weights.entity' must be between 0 and 1e+06, not '-1'" },
        { "search: {weights: {date: 2e6}}", NAME
          ":1:26: 'search.weights.date' must be between 0 and 1e+06, not '2e6'" },
        { "search: {facet_limit: 0}", NAME
          ":1:23: 'search.facet_limit' must be at least 1, not '0'" },
        { "passage:\n  min_chars: 301\n",
          NAME ":2:14: 'passage.min_chars' (301) must not be greater than "
               "'passage.max_chars' (300)" },
        { "passage:\n  min_chars: 50\n  max_chars: 40\n",
          NAME ":3:14: 'passage.min_chars' (50) must not be greater than "
               "'passage.max_chars' (40)" },
        { "passage:\n  max_chars: 40\n  min_chars: 50\n",
          NAME ":3:14: 'passage.min_chars' (50) must not be greater than "
               "'passage.max_chars' (40)" },
        { "passage: {max_chars: 0}",
          NAME ":1:22: 'passage.max_chars' must be at least 1, not '0'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "bad number %zu", i + 1);
        expect_error(bad[i].yaml, bad[i].want, what);
    }

    cfg_config_t c;
    char *err = NULL;
    cfg_config_init(&c);
    tap_is_int(load(&c,
                    "search: {bm25: {k1: +2, b: 0., k3: 5E-1, "
                    "min_normlen: 007}, limit: 0010}\n"
                    "passage: {min_chars: 300, max_chars: 300}\n",
                    &err),
               CN_OK, "numbers: accepted spellings");
    tap_ok(c.bm25_k1 == 2.0 && c.bm25_b == 0.0 && c.bm25_k3 == 0.5
               && c.bm25_min_normlen == 7.0,
           "numbers: values of the accepted spellings");
    tap_is_int(c.limit, 10, "numbers: leading zeros are decimal");
    tap_is_int(c.passage_min_chars, 300, "numbers: min_chars == max_chars");
    cfg_config_release(&c);
}

/* The program's locale must not change how "1.5" is read. */
static void
test_numbers_locale(void)
{
    cfg_config_t c;
    char *err = NULL;
    const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", NULL };
    const char *set = NULL;
    for (size_t i = 0; locales[i] && !set; i++)
        set = setlocale(LC_NUMERIC, locales[i]);
    if (!set) {
        tap_skip("no locale with a decimal comma is installed");
    } else {
        cfg_config_init(&c);
        tap_is_int(load(&c, "search: {bm25: {k1: 1.5}}", &err), CN_OK,
                   "numbers: load under %s", set);
        tap_ok(c.bm25_k1 == 1.5, "numbers: '1.5' is 1.5 under %s", set);
        cfg_config_release(&c);
        setlocale(LC_NUMERIC, "C");
    }
}

static void
test_booleans(void)
{
    static const struct {
        const char *text;
        int value;
    } cases[] = {
        { "true", 1 },  { "True", 1 }, { "TRUE", 1 },  { "yes", 1 },
        { "Yes", 1 },   { "YES", 1 },  { "false", 0 }, { "False", 0 },
        { "FALSE", 0 }, { "no", 0 },   { "No", 0 },    { "NO", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char yaml[64];
        cfg_config_t c;
        char *err = NULL;
        cfg_config_init(&c);
        c.fold_traditional = !cases[i].value;
        snprintf(yaml, sizeof yaml, "index: {fold_traditional: %s}",
                 cases[i].text);
        tap_ok(load(&c, yaml, &err) == CN_OK
                   && c.fold_traditional == (cases[i].value != 0),
               "boolean '%s'", cases[i].text);
        free(err);
        cfg_config_release(&c);
    }
    expect_error("index: {fold_traditional: on}",
                 NAME ":1:27: 'index.fold_traditional' must be true, false, "
                      "yes or no, not 'on'",
                 "boolean 'on' is refused");
}

static void
test_invalid_yaml(void)
{
    expect_error("index:\n  commit_every: [1, 2\n",
                 NAME ":3:1: invalid yaml: did not find expected ',' or ']' "
                      "(while parsing a flow sequence at line 2)",
                 "unclosed flow sequence");
    expect_error("index:\n  commit_every: 1\n bad: 2\n",
                 NAME ":3:2: invalid yaml: did not find expected key "
                      "(while parsing a block mapping at line 1)",
                 "bad indentation");
    expect_error("database: a: b\n",
                 NAME ":1:12: invalid yaml: mapping values are not allowed "
                      "in this context",
                 "mapping value in a plain scalar");
    expect_error("index:\n\tcommit_every: 5\n",
                 NAME ":2:1: invalid yaml: found character that cannot start "
                      "any token (while scanning for the next token at line 2)",
                 "tab indentation");
    expect_error("database: \"abc\n",
                 NAME ":2:1: invalid yaml: found unexpected end of stream "
                      "(while scanning a quoted scalar at line 1)",
                 "unterminated quote");
    expect_error("search:\n  limit: \xff\n",
                 NAME ":2:10: invalid yaml: invalid leading UTF-8 octet",
                 "invalid UTF-8 (reader error)");
    expect_error("database: 数据\x01\n",
                 NAME ":1:13: invalid yaml: control characters are not allowed",
                 "control character after CJK (column counts characters)");
    expect_error("database: *nope\n",
                 NAME ":1:11: invalid yaml: found undefined alias",
                 "undefined alias");
    expect_error("---\ndatabase: a\n---\ndatabase: b\n",
                 NAME ":3:1: only one yaml document is allowed",
                 "two documents");
    expect_error("database: a\n---\n[\n",
                 NAME ":4:1: invalid yaml: did not find expected node content "
                      "(while parsing a flow node at line 4)",
                 "syntax error in a second document");

    cfg_config_t c;
    char *err = NULL;
    cfg_config_init(&c);
    tap_is_int(cfg_config_load_buffer(&c, NAME, "database: x\0y", 13, &err),
               CN_E_BAD_CONFIG, "embedded NUL byte: status");
    tap_is_str(err,
               NAME ":1:12: invalid yaml: control characters are not allowed",
               "embedded NUL byte: message");
    free(err);
    cfg_config_release(&c);
}

static void
test_duplicates(void)
{
    expect_error("search:\n  limit: 3\n  per_article: 1\n  limit: 4\n",
                 NAME
                 ":4:3: duplicate key 'limit' in 'search' (first at line 2)",
                 "duplicate key in a section");
    expect_error("index: {}\ndatabase: a\nindex: {}\n",
                 NAME ":3:1: duplicate key 'index' (first at line 1)",
                 "duplicate section");
    expect_error("search: {bm25: {b: 0.1, \"b\": 0.2}}\n",
                 NAME
                 ":1:25: duplicate key 'b' in 'search.bm25' (first at line 1)",
                 "duplicate key, one quoted");
}

static void
test_empty(void)
{
    static const struct {
        const char *yaml;
        const char *what;
    } cases[] = {
        { "", "empty file" },
        { "\n\n", "blank lines" },
        { "# only a comment\n", "comments only" },
        { "---\n", "empty document" },
        { "---\n...\n", "empty document with end marker" },
        { "~\n", "null document" },
        { "{}\n", "empty mapping" },
        { "\xEF\xBB\xBF", "UTF-8 byte order mark only" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cfg_config_t c, d;
        char *err = NULL;
        cfg_config_init(&c);
        cfg_config_init(&d);
        tap_is_int(load(&c, cases[i].yaml, &err), CN_OK, "%s: loads",
                   cases[i].what);
        tap_is_str(config_diff(&c, &d), NULL, "%s: gives the defaults",
                   cases[i].what);
        free(err);
        cfg_config_release(&c);
        cfg_config_release(&d);
    }
    cfg_config_t c;
    cfg_config_init(&c);
    tap_is_int(cfg_config_load_buffer(&c, NULL, NULL, 0, NULL), CN_OK,
               "NULL buffer of length 0 is empty, errmsg NULL is fine");
    tap_ok(c.path == NULL, "no name: path stays NULL");
    tap_is_int(cfg_config_load_buffer(&c, NULL, "search: {limit: 0}", 18, NULL),
               CN_E_BAD_CONFIG, "error without errmsg");
    cfg_config_release(&c);
}

/* The scratch tree of the file tests, under a fresh /tmp directory. */
static struct {
    char *root;
    char *work;     /* the cwd during the tests */
    char *home;     /* $HOME */
    char *home_dir; /* $HOME/.config/cjknews */
    char *home_file;
    char *xdg; /* $XDG_CONFIG_HOME */
    char *xdg_dir;
    char *xdg_file;
    char *explicit_file; /* $CJKNEWS_CONFIG */
    char *missing;
} tmp;

static void
write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (!fp) {
        tap_diag("cannot write '%s': %s", path, strerror(errno));
        return;
    }
    fputs(text, fp);
    fclose(fp);
}

static char *
tmp_path(const char *rel)
{
    size_t n = strlen(tmp.root) + strlen(rel) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", tmp.root, rel);
    return p;
}

/* Makes the scratch tree and enters tmp.work; false if that failed. */
static bool
tmp_setup(char *cwd, size_t cwd_len)
{
    static char tmpl[] = "/tmp/t-config.XXXXXX";
    if (!getcwd(cwd, cwd_len) || !(tmp.root = mkdtemp(tmpl)))
        return false;
    tmp.work = tmp_path("work");
    tmp.home = tmp_path("home");
    tmp.home_dir = tmp_path("home/.config/cjknews");
    tmp.home_file = tmp_path("home/.config/cjknews/cjknews.yaml");
    tmp.xdg = tmp_path("xdg");
    tmp.xdg_dir = tmp_path("xdg/cjknews");
    tmp.xdg_file = tmp_path("xdg/cjknews/cjknews.yaml");
    tmp.explicit_file = tmp_path("explicit.yaml");
    tmp.missing = tmp_path("missing.yaml");
    return mkdir(tmp.work, 0700) == 0 && mkdir(tmp.home, 0700) == 0
           && chdir(tmp.work) == 0;
}

static void
tmp_teardown(const char *cwd)
{
    char *home_config = tmp.home ? tmp_path("home/.config") : NULL;
    if (chdir(cwd) != 0)
        tap_diag("cannot return to '%s': %s", cwd, strerror(errno));
    if (!tmp.root)
        return;
    static const char *const work_files[] = { "cjknews.yaml", "bad.yaml",
                                              "big.yaml" };
    for (size_t i = 0; i < sizeof work_files / sizeof work_files[0]; i++) {
        char *p = malloc(strlen(tmp.work) + strlen(work_files[i]) + 2);
        if (!p)
            abort();
        sprintf(p, "%s/%s", tmp.work, work_files[i]);
        unlink(p);
        free(p);
    }
    unlink(tmp.explicit_file);
    unlink(tmp.xdg_file);
    rmdir(tmp.xdg_dir);
    rmdir(tmp.xdg);
    unlink(tmp.home_file);
    rmdir(tmp.home_dir);
    rmdir(home_config);
    rmdir(tmp.home);
    rmdir(tmp.work);
    if (rmdir(tmp.root) != 0)
        tap_diag("left '%s' behind: %s", tmp.root, strerror(errno));
    free(home_config);
    free(tmp.work);
    free(tmp.home);
    free(tmp.home_dir);
    free(tmp.home_file);
    free(tmp.xdg);
    free(tmp.xdg_dir);
    free(tmp.xdg_file);
    free(tmp.explicit_file);
    free(tmp.missing);
}

static void
expect_find(cn_status_t want_st, const char *want_path, const char *what)
{
    char *path = NULL, *err = NULL;
    tap_is_int(cfg_config_find(&path, &err), want_st, "find: %s: status", what);
    tap_is_str(path, want_path, "find: %s: path", what);
    if (want_st == CN_OK)
        tap_is_str(err, NULL, "find: %s: no message", what);
    free(path);
    free(err);
}

/* Adds the candidates from last to first; each must win over the ones
 * before it. */
static void
test_find(void)
{
    unsetenv("CJKNEWS_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", tmp.home, 1);
    expect_find(CN_OK, NULL, "no file anywhere");

    char *home_config = tmp_path("home/.config");
    mkdir(home_config, 0700);
    free(home_config);
    mkdir(tmp.home_dir, 0700);
    write_file(tmp.home_file, "search: {limit: 1}\n");
    expect_find(CN_OK, tmp.home_file, "~/.config when XDG_CONFIG_HOME unset");
    setenv("XDG_CONFIG_HOME", "", 1);
    expect_find(CN_OK, tmp.home_file, "empty XDG_CONFIG_HOME is ignored");
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    expect_find(CN_OK, tmp.home_file, "relative XDG_CONFIG_HOME is ignored");

    setenv("XDG_CONFIG_HOME", tmp.xdg, 1);
    expect_find(CN_OK, NULL, "XDG_CONFIG_HOME without the file");
    mkdir(tmp.xdg, 0700);
    mkdir(tmp.xdg_dir, 0700);
    write_file(tmp.xdg_file, "search: {limit: 2}\n");
    expect_find(CN_OK, tmp.xdg_file, "XDG_CONFIG_HOME before ~/.config");

    write_file("cjknews.yaml", "search: {limit: 3}\n");
    expect_find(CN_OK, "cjknews.yaml", "./cjknews.yaml before XDG");

    setenv("CJKNEWS_CONFIG", "", 1);
    expect_find(CN_OK, "cjknews.yaml", "empty CJKNEWS_CONFIG is unset");
    write_file(tmp.explicit_file, "search: {limit: 4}\n");
    setenv("CJKNEWS_CONFIG", tmp.explicit_file, 1);
    expect_find(CN_OK, tmp.explicit_file, "CJKNEWS_CONFIG first");

    setenv("CJKNEWS_CONFIG", tmp.missing, 1);
    char *path = NULL, *err = NULL;
    tap_is_int(cfg_config_find(&path, &err), CN_E_NOT_FOUND,
               "find: CJKNEWS_CONFIG names a missing file");
    tap_ok(path == NULL, "find: no path on failure");
    tap_ok(err && strstr(err, tmp.missing) && strstr(err, "CJKNEWS_CONFIG"),
           "find: message names the variable and the path: %s",
           err ? err : "(null)");
    free(err);
    unsetenv("CJKNEWS_CONFIG");
}

static void
test_load_file(void)
{
    cfg_config_t c;
    char *err = NULL;
    cfg_config_init(&c);
    write_file("cjknews.yaml", "search: {limit: 3}\n");
    tap_is_int(cfg_config_load_file(&c, "cjknews.yaml", &err), CN_OK,
               "load_file: loads");
    tap_is_int(c.limit, 3, "load_file: value from the file");
    tap_is_str(c.path, "cjknews.yaml", "load_file: path recorded");

    tap_is_int(cfg_config_load_file(&c, tmp.missing, &err), CN_E_IO,
               "load_file: missing file is CN_E_IO");
    tap_ok(err && strstr(err, tmp.missing) && strstr(err, "No such file"),
           "load_file: message names the path: %s", err ? err : "(null)");
    free(err);
    tap_is_str(c.path, "cjknews.yaml", "load_file: failure keeps the config");

    mkdir(tmp.xdg, 0700);
    tap_is_int(cfg_config_load_file(&c, tmp.xdg, &err), CN_E_IO,
               "load_file: a directory is CN_E_IO");
    tap_ok(err && strstr(err, tmp.xdg), "load_file: message: %s",
           err ? err : "(null)");
    free(err);

    write_file("bad.yaml", "search:\n  limit: 3\n  limmit: 4\n");
    tap_is_int(cfg_config_load_file(&c, "bad.yaml", &err), CN_E_BAD_CONFIG,
               "load_file: bad key");
    tap_is_str(err, "bad.yaml:3:3: unknown key 'limmit' in 'search'",
               "load_file: message starts with the path");
    free(err);

    /* A file over the size limit (1 MiB) is refused before parsing. */
    FILE *fp = fopen("big.yaml", "w");
    for (int i = 0; fp && i < 120000; i++)
        fputs("# padding\n", fp);
    if (fp)
        fclose(fp);
    tap_is_int(cfg_config_load_file(&c, "big.yaml", &err), CN_E_BAD_CONFIG,
               "load_file: file over 1 MiB");
    tap_is_str(err, "big.yaml: file is too large (over 1048576 bytes)",
               "load_file: too large message");
    free(err);
    cfg_config_release(&c);
}

/* entities.dict, entities.titles, entities.builtin_titles and the
 * default dictionary next to the config file. */
static void
test_entities_keys(void)
{
    static char tmpl[] = "/tmp/t-config-ent.XXXXXX";
    char *root = mkdtemp(tmpl), conf[PATH_MAX], ents[PATH_MAX], mine[PATH_MAX],
         name[PATH_MAX], want[2 * PATH_MAX + 128];
    if (!root) {
        tap_ok(0, "cannot make a temporary directory: %s", strerror(errno));
        return;
    }
    snprintf(conf, sizeof conf, "%s/conf", root);
    snprintf(ents, sizeof ents, "%s/conf/entities", root);
    snprintf(mine, sizeof mine, "%s/conf/mine.yaml", root);
    snprintf(name, sizeof name, "%s/conf/c.yaml", root);
    mkdir(conf, 0700);
    mkdir(ents, 0700);
    FILE *f = fopen(mine, "w");
    if (f)
        fclose(f);

    cfg_config_t c;
    cfg_strings_t l;
    char *err = NULL;
    cfg_config_init(&c);
    tap_ok(!c.entity_dicts_set && c.entity_dicts.n == 0 && c.entity_titles.n == 0 &&
               c.entity_builtin_titles,
           "entities: defaults");
    tap_is_int(cfg_config_entity_dicts(&c, &l), CN_OK, "entities: default without a file");
    tap_is_int((long long)l.n, 0, "entities: no file, no default dictionary");

    const char *y = "entities:\n"
                    "  dict: [mine.yaml, entities]\n"
                    "  titles: [掌门人, 사무총장]\n"
                    "  builtin_titles: no\n";
    tap_is_int(cfg_config_load_buffer(&c, name, y, strlen(y), &err), CN_OK,
               "entities: every key loads");
    tap_ok(c.entity_dicts_set && c.entity_dicts.n == 2, "entities.dict: two paths, set");
    tap_is_str(c.entity_dicts.n ? c.entity_dicts.v[0] : NULL, mine,
               "entities.dict: relative to the config file");
    tap_is_str(c.entity_dicts.n > 1 ? c.entity_dicts.v[1] : NULL, ents,
               "entities.dict: a directory");
    tap_ok(c.entity_titles.n == 2 && !strcmp(c.entity_titles.v[1], "사무총장"),
           "entities.titles");
    tap_ok(!c.entity_builtin_titles, "entities.builtin_titles");
    tap_is_int(cfg_config_entity_dicts(&c, &l), CN_OK, "entities: the set list");
    tap_ok(l.n == 2 && !strcmp(l.v[0], mine), "entities: the set list is returned");
    cfg_strings_release(&l);

    /* A config copied and released keeps its lists (layering copies). */
    const char *one = "entities: {dict: mine.yaml}\n";
    tap_is_int(cfg_config_load_buffer(&c, name, one, strlen(one), &err), CN_OK,
               "entities.dict: one string");
    tap_ok(c.entity_dicts.n == 1 && c.entity_titles.n == 2,
           "entities.dict: replaced, titles kept");

    const char *none = "entities: {dict: []}\n";
    tap_is_int(cfg_config_load_buffer(&c, name, none, strlen(none), &err), CN_OK,
               "entities.dict: []");
    tap_is_int(cfg_config_entity_dicts(&c, &l), CN_OK, "entities.dict: [] resolves");
    tap_ok(c.entity_dicts_set && l.n == 0, "entities.dict: [] means no dictionary");
    cfg_strings_release(&l);

    const char *dflt = "entities: {dict: null}\n";
    tap_is_int(cfg_config_load_buffer(&c, name, dflt, strlen(dflt), &err), CN_OK,
               "entities.dict: null");
    tap_is_int(cfg_config_entity_dicts(&c, &l), CN_OK, "entities.dict: null resolves");
    tap_ok(!c.entity_dicts_set && l.n == 1 && !strcmp(l.v[0], ents),
           "entities.dict: null is entities/ next to the config file");
    cfg_strings_release(&l);
    rmdir(ents);
    tap_is_int(cfg_config_entity_dicts(&c, &l), CN_OK, "entities: default when absent");
    tap_is_int((long long)l.n, 0, "entities: no entities/ next to it, no dictionary");

    const char *missing = "entities:\n  dict: [mine.yaml, nope]\n";
    tap_is_int(cfg_config_load_buffer(&c, name, missing, strlen(missing), &err),
               CN_E_BAD_CONFIG, "entities.dict: a missing path");
    snprintf(want, sizeof want,
             "%s:2:21: 'entities.dict': cannot use '%s/conf/nope': No such file or directory",
             name, root);
    tap_is_str(err, want, "entities.dict: the message names file:line:col");
    free(err);
    err = NULL;
    tap_ok(!c.entity_dicts_set, "entities.dict: a failed load keeps the config");
    cfg_config_release(&c);
    unlink(mine);
    rmdir(conf);
    rmdir(root);
}

static void
test_files(void)
{
    char cwd[PATH_MAX];
    if (tmp_setup(cwd, sizeof cwd)) {
        test_find();
        test_load_file();
    } else {
        tap_ok(0, "cannot set up a temporary directory: %s", strerror(errno));
    }
    tmp_teardown(cwd);
}

int
main(void)
{
    test_defaults();
    test_shipped_file();
    test_every_key();
    test_nested_fields();
    test_unknown_keys();
    test_error_cases(wrong_types, sizeof wrong_types / sizeof wrong_types[0]);
    test_numbers();
    test_numbers_locale();
    test_booleans();
    test_invalid_yaml();
    test_duplicates();
    test_empty();
    test_files();
    test_entities_keys();
    return tap_done();
}
