/* SPDX-License-Identifier: MIT */
/* config-private.h - what config.c, yaml-load.c and yaml-error.c share;
 * not installed. Files including it define _GNU_SOURCE first (locale_t). */
#ifndef CFG_CONFIG_PRIVATE_H
#define CFG_CONFIG_PRIVATE_H
#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>
#include "buf.h"
#include "config.h"

/*
 * A config file larger than this is refused before libyaml sees it: real
 * files are a few hundred bytes, and the document API keeps every node of
 * the file in memory at once.
 */
#define CFG__MAX_FILE_BYTES ((size_t)1 << 20)

/**
 * Parses 'yaml' (UTF-8, 'len' bytes, NUL not required) and stores every
 * key it sets into 'work', replacing malloc'd strings it owns. 'name' is
 * used in messages. On failure 'work' may hold some of the file's values
 * (the caller throws it away) and *errmsg, if errmsg is non-NULL, is a
 * malloc'd "NAME:LINE:COL: reason" the caller frees.
 * Returns CN_OK, CN_E_BAD_CONFIG or CN_E_NOMEM.
 */
cn_status_t cfg__yaml_apply(cfg_config_t *work, const char *name,
                            const char *yaml, size_t len, char **errmsg);

/* State of one cfg__yaml_apply() call; everything in it is borrowed. */
typedef struct cfg__loader {
    const char *name;     /* file name for messages */
    yaml_document_t *doc; /* the document being walked */
    cfg_config_t *cfg;    /* the working copy being filled */
    char **errmsg;        /* where the message goes; may be NULL */
    locale_t c_locale;    /* "C" LC_NUMERIC for strtod_l; 0 until needed */
} cfg__loader_t;

/*
 * The failure helpers below (yaml-error.c) all store "NAME:LINE:COL:
 * reason" in *ld->errmsg when errmsg is non-NULL and return
 * CN_E_BAD_CONFIG, except cfg__fail_parser(), which returns CN_E_NOMEM
 * without a message when libyaml ran out of memory. Those taking a
 * 'reason' release it.
 */

/* At a 0-based libyaml line and column. */
cn_status_t cfg__fail_at(cfg__loader_t *ld, size_t line0, size_t col0,
                         cn_buf_t *reason);
/* At the start of 'node'. */
cn_status_t cfg__fail_node(cfg__loader_t *ld, const yaml_node_t *node,
                           cn_buf_t *reason);
/* "'PREFIX.NAME' must be WANTED, not <what node is>", at 'node'. */
cn_status_t cfg__fail_type(cfg__loader_t *ld, const yaml_node_t *node,
                           const char *prefix, const char *name,
                           const char *wanted);
/* "WHAT 'key' in 'PREFIX' NOTE" at the key; 'prefix', 'note' may be NULL. */
cn_status_t cfg__fail_key(cfg__loader_t *ld, const yaml_node_t *key,
                          const char *prefix, const char *what,
                          const char *note);
/* "the top level must be a mapping, not <what node is>". */
cn_status_t cfg__fail_top_level(cfg__loader_t *ld, const yaml_node_t *node);
/* libyaml's own error, "invalid yaml: PROBLEM (CONTEXT at line N)";
 * 'yaml' and 'len' locate reader errors, which have only an offset. */
cn_status_t cfg__fail_parser(cfg__loader_t *ld, const yaml_parser_t *parser,
                             const char *yaml, size_t len);

/* The directory part of 'path' ("." when it has none), malloc'd; NULL
 * when out of memory. */
char *cfg__path_dirname(const char *path);

/* Appends "PREFIX.NAME", or "NAME" when 'prefix' is NULL. */
void cfg__add_key_path(cn_buf_t *b, const char *prefix, const char *name);
/* True for a plain "", "~", "null", "Null" or "NULL" scalar. */
bool cfg__yaml_is_null(const yaml_node_t *node);

#endif
