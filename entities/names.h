/* SPDX-License-Identifier: MIT */
/* names.h - discovering candidate people and organisations in text, for
 * curation into the entity dictionary (docs/entities.md): transliterated
 * names with a middle dot, a name followed by its Latin form in
 * brackets, organisation suffixes and CamelCase Latin names. */
#ifndef ENT_NAMES_H
#define ENT_NAMES_H
#include <stddef.h>
#include "aliases.h"
#include "status.h"

/* How a candidate was found. */
typedef enum ent_found {
    ENT_FOUND_DOT = 0,     /* 山姆·阿尔特曼, サム・アルトマン */
    ENT_FOUND_BRACKET = 1, /* 纳德拉（Satya Nadella）: the Latin form is the alias */
    ENT_FOUND_SUFFIX = 2,  /* 软银集团, OpenAI公司, CoreWeave Inc. */
    ENT_FOUND_CAMEL = 3    /* OpenAI, CoreWeave in CJK text */
} ent_found_t;

/* A candidate. 'name' and 'alias' borrow from the text and are valid
 * during the callback only; alias_len is 0 when there is no second form
 * (for a dotted name, the alias is its last part: 阿尔特曼). */
typedef struct ent_candidate {
    ent_type_t type;
    ent_found_t how;
    size_t start_off, end_off; /* the name in the text */
    const char *name;
    size_t name_len;
    const char *alias;
    size_t alias_len;
} ent_candidate_t;

typedef int (*ent_candidate_fn)(void *ctx, const ent_candidate_t *c);

/** Reports the candidates of text[0..len) in text order (any bytes;
 * invalid UTF-8 never matches). Return non-zero from 'fn' to stop.
 * Returns CN_OK. */
cn_status_t ent_names_discover(const char *text, size_t len, ent_candidate_fn fn, void *ctx);

/** "dot", "bracket", "suffix" or "camel". */
const char *ent_found_name(ent_found_t how);

#endif
