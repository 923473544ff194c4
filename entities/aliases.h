/* SPDX-License-Identifier: MIT */
/* aliases.h - the entity dictionary: people and organisations with their
 * aliases in any script (the YAML files in config/entities/, docs/entities.md), and a
 * matcher that finds them in text through the tokenizer's normalisation
 * (NFKC, case folding, traditional -> simplified), so 奧特曼 matches the
 * alias 奥特曼 and "SAM ALTMAN" matches "Sam Altman". */
#ifndef ENT_ALIASES_H
#define ENT_ALIASES_H
#include <stddef.h>
#include "status.h"
#include "tokenizer.h"

typedef enum ent_type {
    ENT_PERSON = 0, /* indexed as P<id> */
    ENT_ORG = 1     /* companies and organisations: O<id> */
} ent_type_t;

/* One entity. Every string is owned by the dictionary and valid until it
 * is destroyed. */
typedef struct ent_entity {
    const char *id;    /* ASCII [a-z0-9._-]+, unique in the dictionary */
    ent_type_t type;
    const char *name;  /* display name (the first alias when not given) */
    const char *const *aliases; /* alias_count surface forms, as written */
    size_t alias_count;
    const char *file;  /* where it was defined, for messages */
    unsigned line;     /* 1-based */
} ent_entity_t;

typedef struct ent_dict ent_dict_t; /* opaque */

/** Creates an empty dictionary whose aliases are normalised with 'tok'
 * (copied; NULL = tok_options_init() defaults; use the index's options).
 * *out is freed with ent_dict_destroy(). Returns CN_OK or CN_E_NOMEM. */
cn_status_t ent_dict_create(const tok_options_t *tok, ent_dict_t **out);

/** Frees 'd' and everything it owns; NULL is a no-op. */
void ent_dict_destroy(ent_dict_t *d);

/** Adds the entities of a YAML document ('name' is used in messages).
 * On failure nothing of this document is kept and *errmsg (if errmsg is
 * non-NULL) is a malloc'd "NAME:LINE:COL: reason" the caller frees
 * (1-based line and column). Returns CN_OK, CN_E_BAD_CONFIG (YAML syntax,
 * unknown key, missing or wrong-typed value, bad id, duplicate id, an
 * alias that gives no term or only one CJK character), CN_E_NOMEM. */
cn_status_t ent_dict_load_buffer(ent_dict_t *d, const char *name, const char *buf,
                                 size_t len, char **errmsg);

/** Adds the entities of the YAML file at 'path', or of every *.yaml file
 * in the directory at 'path' (in name order). Errors as
 * ent_dict_load_buffer(), plus CN_E_IO when a file cannot be read
 * ("PATH: reason"). */
cn_status_t ent_dict_load_path(ent_dict_t *d, const char *path, char **errmsg);

/** Adds an entity built in code: 'id' as in the YAML files, and its n
 * aliases (copied), the first being its name. Returns CN_OK,
 * CN_E_INVALID_ARGUMENT (a bad or duplicate id, no alias, an alias that
 * gives no term or is a single CJK character: nothing is added) or
 * CN_E_NOMEM. */
cn_status_t ent_dict_add(ent_dict_t *d, const char *id, ent_type_t type,
                         const char *const *aliases, size_t n);

/** Number of entities, and the i-th (0 <= i < count), owned by 'd'. */
size_t ent_dict_count(const ent_dict_t *d);
const ent_entity_t *ent_dict_get(const ent_dict_t *d, size_t i);

/** The entity with id 'id', or NULL. */
const ent_entity_t *ent_dict_find_id(const ent_dict_t *d, const char *id, size_t len);

/** The first entity (in load order) one of whose aliases normalises
 * exactly to the same terms as text[0..len) (奧特曼, "sam altman"), or
 * NULL: the query side's alias expansion. */
const ent_entity_t *ent_dict_lookup(const ent_dict_t *d, const char *text, size_t len);

/* Called for each alias occurrence in text order of its start (an
 * occurrence may overlap another). 'e' is owned by the dictionary;
 * [start_off, end_off) are byte offsets in the text. Return non-zero to
 * stop. */
typedef int (*ent_match_fn)(void *ctx, const ent_entity_t *e, size_t alias_index,
                            size_t start_off, size_t end_off);

/** Finds every alias of every entity in text[0..len): an alias matches
 * where the text has its terms at the same relative positions (a CJK
 * alias is a phrase of its bigrams, so it also matches inside a longer
 * run). Returns CN_OK (also when 'fn' stopped) or CN_E_NOMEM.
 * It does not write to 'd': once loaded, one dictionary may be matched by
 * several threads at once (the indexer's workers share it). */
cn_status_t ent_dict_match(const ent_dict_t *d, const char *text, size_t len,
                           ent_match_fn fn, void *ctx);

/** "person" or "org". */
const char *ent_type_name(ent_type_t t);

#endif
