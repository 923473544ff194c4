/* SPDX-License-Identifier: MIT */
/* names.h - discovering candidate people and organisations in text, for
 * curation into the entity dictionary (docs/entities.md): transliterated
 * names with a middle dot, a name followed by its Latin form in
 * brackets, a name after a title (CEO纳德拉), organisation suffixes and
 * CamelCase Latin names. */
#ifndef ENT_NAMES_H
#define ENT_NAMES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "aliases.h"
#include "status.h"

/* How a candidate was found. */
typedef enum ent_found {
    ENT_FOUND_DOT = 0,     /* 山姆·阿尔特曼, サム・アルトマン */
    ENT_FOUND_BRACKET = 1, /* 纳德拉（Satya Nadella）: the Latin form is the alias */
    ENT_FOUND_SUFFIX = 2,  /* 软银集团, OpenAI公司, CoreWeave Inc. */
    ENT_FOUND_CAMEL = 3,   /* OpenAI, CoreWeave in CJK text */
    ENT_FOUND_TITLE = 4    /* CEO纳德拉, 董事长王传福, 豊田章男社長は, 이재용 회장 */
} ent_found_t;

/* Options of discovery. The titles are borrowed and must outlive the
 * calls that use them. */
typedef struct ent_names_opts {
    bool builtin_titles;        /* the built-in titles (docs/entities.md) */
    const char *const *titles;  /* title_count more titles, as written */
    size_t title_count;
} ent_names_opts_t;

/** Sets the defaults: the built-in titles, no others. */
void ent_names_opts_init(ent_names_opts_t *o);

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
 * invalid UTF-8 never matches), with the options 'o' (NULL: defaults).
 * Candidates do not overlap. Return non-zero from 'fn' to stop.
 * Returns CN_OK. */
cn_status_t ent_names_discover_opts(const ent_names_opts_t *o, const char *text, size_t len,
                                    ent_candidate_fn fn, void *ctx);

/** ent_names_discover_opts() with the defaults. */
cn_status_t ent_names_discover(const char *text, size_t len, ent_candidate_fn fn, void *ctx);

/** The number of built-in titles, and the i-th (static storage; NULL
 * past the end), for listing them. */
size_t ent_names_builtin_title_count(void);
const char *ent_names_builtin_title(size_t i);

/** "dot", "bracket", "suffix", "camel" or "title". */
const char *ent_found_name(ent_found_t how);

/* A discovered name and how many passages hold it, to be grouped with
 * the same name written otherwise (entities/variants.c). */
typedef struct ent_variant {
    const char *name; /* borrowed */
    size_t len;
    uint32_t count;
    size_t rep; /* set by ent_variants_group(): its group's representative */
} ent_variant_t;

/** Groups the names that differ only by script or by name dot (纳德拉
 * and 納德拉, 山姆·阿尔特曼 and 山姆・阿尔特曼): each character folded as
 * the tokenizer folds it ('tok'; NULL: the defaults), every middle dot
 * taken as U+00B7. Sets v[i].rep to the index of the representative of
 * i's group: its most frequent name (of equal counts, the first in byte
 * order), itself when alone. Returns CN_OK or CN_E_NOMEM (then every rep
 * is its own index). */
cn_status_t ent_variants_group(const tok_options_t *tok, ent_variant_t *v, size_t n);

#endif
