/* SPDX-License-Identifier: MIT */
/* config.h - cjknews settings from YAML (libyaml), with documented defaults.
 *
 * The file format, every key and its default are in docs/config.md and in
 * config/cjknews.yaml. Unknown keys and wrong types are errors that name
 * the file, line and column (1-based).
 */
#ifndef CFG_CONFIG_H
#define CFG_CONFIG_H
#include <stdbool.h>
#include <stddef.h>
#include "status.h"

/* Names of the input fields of a JSON Lines record. A dotted name
 * ("meta.title") reaches into nested objects. Each is a malloc'd string
 * owned by the config. */
typedef struct cfg_fields {
    char *id;
    char *title;
    char *body;
    char *date;
    char *source;
    char *url;
    char *lang;
} cfg_fields_t;

/* A list of malloc'd strings owned by the config. */
typedef struct cfg_strings {
    char **v;
    size_t n;
} cfg_strings_t;

typedef struct cfg_config {
    char *path;              /* file it was loaded from, or NULL (defaults) */
    char *database;          /* database: default "cjknews.db" */
    /* index: */
    unsigned commit_every;   /* index.commit_every: articles per commit (5000) */
    unsigned commit_bytes;   /* index.commit_bytes: title and body bytes per commit
                              * (1000000); 0: articles only */
    unsigned dictionary_sample_bytes; /* index.dictionary_sample_bytes: passage bytes
                                       * a dictionary is trained on (4000000); 0: none */
    bool fold_traditional;   /* index.fold_traditional (true) */
    /* input: */
    cfg_fields_t fields;     /* input.fields.* (id, title, body, date, source, url, lang) */
    char *encoding;          /* input.encoding: NULL = detect */
    char *format;            /* input.format: "auto" (by name and content), jsonl, json,
                              * text, html, markdown, livedoor, sogou-xml, csv */
    char *body_markup;       /* input.body_markup: "text", "html", "escaped-html" */
    /* passage: */
    unsigned passage_min_chars; /* passage.min_chars (60): shorter paragraphs join the next */
    unsigned passage_max_chars; /* passage.max_chars (300): longer ones are cut at sentence ends */
    /* clean, dedup (docs/indexing.md): */
    bool clean;              /* clean.enabled (true): drop boilerplate lines */
    bool dedup;              /* dedup.enabled (true): group duplicate articles */
    unsigned simhash_max_distance; /* dedup.simhash_max_distance (3), at most 64 */
    /* search: */
    unsigned limit;          /* search.limit (10) */
    unsigned per_article;    /* search.per_article (2) */
    double bm25_k1;          /* search.bm25.k1 (0.2) */
    double bm25_b;           /* search.bm25.b (0.75) */
    double bm25_k3;          /* search.bm25.k3 (1.0) */
    double bm25_min_normlen; /* search.bm25.min_normlen (0.25) */
    /* Score added by evidence stored as boolean terms (docs/searching.md,
     * "Ranking"): */
    double weight_entity;    /* search.weights.entity (8.0): a P/O term asked for */
    double weight_date;      /* search.weights.date (6.0): a DM term asked for */
    unsigned facet_limit;    /* search.facet_limit (10): entries per facet */
    /* Term proximity on the text of the best candidates (docs/searching.md,
     * "Ranking"): */
    unsigned proximity_candidates; /* search.proximity.candidates (50); 0: off */
    double proximity_weight;       /* search.proximity.weight (0.05); 0: off */
    double proximity_scale;        /* search.proximity.scale (8.0): tokens between
                                    * the words that halve the bonus */
    /* entities (docs/entities.md): */
    cfg_strings_t entity_dicts; /* entities.dict: dictionary files or directories; a
                                 * relative path is resolved against the directory
                                 * of the file that names it, and must exist */
    bool entity_dicts_set;      /* false (entities.dict: null, the default): the
                                 * directory 'entities' next to the config file,
                                 * when there is one (cfg_config_entity_dicts) */
    cfg_strings_t entity_titles; /* entities.titles ([]): more titles for name discovery */
    bool entity_builtin_titles;  /* entities.builtin_titles (true) */
} cfg_config_t;

/** Fills 'c' with the defaults (strings allocated; free with
 * cfg_config_release()). Returns CN_OK or CN_E_NOMEM. */
cn_status_t cfg_config_init(cfg_config_t *c);

/** Frees what 'c' owns; 'c' is left zeroed. */
void cfg_config_release(cfg_config_t *c);

/** Loads the YAML file at 'path' over the values already in 'c' (keys not
 * in the file keep their value). On failure 'c' is unchanged in meaning
 * (it may hold some values of the file) and, if errmsg is non-NULL,
 * *errmsg is a malloc'd message "FILE:LINE:COL: reason" the caller frees.
 * Returns CN_OK, CN_E_IO (cannot read), CN_E_BAD_CONFIG, CN_E_NOMEM. */
cn_status_t cfg_config_load_file(cfg_config_t *c, const char *path,
                                 char **errmsg);

/** Same, from a buffer; 'name' is used in messages in place of a path. */
cn_status_t cfg_config_load_buffer(cfg_config_t *c, const char *name,
                                   const char *yaml, size_t len,
                                   char **errmsg);

/** The entity dictionaries the config names: entities.dict when set,
 * else '<directory of c->path>/entities' when c->path is set and that
 * directory exists, else none. On success *out holds malloc'd paths the
 * caller frees with cfg_strings_release(). Returns CN_OK or CN_E_NOMEM. */
cn_status_t cfg_config_entity_dicts(const cfg_config_t *c, cfg_strings_t *out);

/** Frees the strings of 'l' and zeroes it; NULL is a no-op. */
void cfg_strings_release(cfg_strings_t *l);

/** Finds the config file to use when none is given on the command line:
 * $CJKNEWS_CONFIG if set (it must exist), else ./cjknews.yaml, else
 * $XDG_CONFIG_HOME/cjknews/cjknews.yaml (~/.config when unset). On success
 * *path_out is a malloc'd path or NULL when no file exists (defaults).
 * Returns CN_OK, CN_E_NOT_FOUND ($CJKNEWS_CONFIG names a missing file),
 * CN_E_NOMEM. */
cn_status_t cfg_config_find(char **path_out, char **errmsg);

#endif
