/* SPDX-License-Identifier: MIT */
/* links.h - linking a lone surname to the full name within one article:
 * 山姆·阿尔特曼 … later 阿尔特曼 alone, "Satya Nadella" … "Nadella", and
 * a name found after a title (CEO纳德拉) named again alone. The indexer
 * learns the article's names once, then asks, for each passage, which of
 * them the passage names in any of their forms (docs/entities.md). */
#ifndef ENT_LINKS_H
#define ENT_LINKS_H
#include <stdbool.h>
#include <stddef.h>
#include "aliases.h"
#include "names.h"
#include "status.h"
#include "tokenizer.h"

typedef struct ent_linker ent_linker_t; /* opaque */

/* A person a passage names. 'key' is owned by the linker and valid until
 * the next ent_linker_reset(). */
typedef struct ent_link {
    bool candidate;  /* true: 'key' is a discovered name (an XP term);
                      * false: the id of a dictionary entity (a P term) */
    const char *key;
    size_t key_len;
} ent_link_t;

typedef int (*ent_link_fn)(void *ctx, const ent_link_t *link);

/** Creates a linker whose forms fold as 'tok' says (copied), discovering
 * names with 'names' (copied; its titles are borrowed) and, when 'dict'
 * is not NULL (borrowed; must outlive the linker), linking the surnames
 * of its people too. Free *out with ent_linker_destroy(). Returns CN_OK
 * or CN_E_NOMEM. */
cn_status_t ent_linker_create(const tok_options_t *tok, const ent_names_opts_t *names,
                              const ent_dict_t *dict, ent_linker_t **out);

/** Frees 'l'; NULL is a no-op. */
void ent_linker_destroy(ent_linker_t *l);

/** Uses 'dict' (borrowed; NULL: none) from the next article on. */
void ent_linker_set_dict(ent_linker_t *l, const ent_dict_t *dict);

/** Forgets the article learnt so far. */
void ent_linker_reset(ent_linker_t *l);

/** Learns the names of text[0..len), a part of the article (its title,
 * its body): each discovered person with its forms (the name, its
 * bracketed or dotted alias, the last word of a Latin name, the last part
 * of a dotted one), and each dictionary person named in full (by an alias
 * of two or more parts, 山姆·阿尔特曼, Sam Altman) with the last parts of
 * its multi-part aliases. Returns CN_OK or CN_E_NOMEM. */
cn_status_t ent_linker_learn(ent_linker_t *l, const char *text, size_t len);

/** Reports once each learnt person that text[0..len) names in one of its
 * forms (after the tokenizer's folding: 阿爾特曼 names 阿尔特曼). Return
 * non-zero from 'fn' to stop. Returns CN_OK or CN_E_NOMEM. */
cn_status_t ent_linker_match(ent_linker_t *l, const char *text, size_t len, ent_link_fn fn,
                             void *ctx);

/** The number of people learnt since the last reset. */
size_t ent_linker_count(const ent_linker_t *l);

#endif
