/* SPDX-License-Identifier: MIT */
/* facets.h - --facets: the people, organisations and mentioned dates of
 * all the passages a query matches, with exact counts (a match spy reads
 * the P, O, XP, XO and DM terms of every match). */
#ifndef SRCH_FACETS_H
#define SRCH_FACETS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "aliases.h"
#include "status.h"
#include "xapc.h"

typedef struct srch_facet_entry {
    char *key;     /* entity id, candidate name, or date (owned) */
    char *label;   /* display name (owned): the dictionary name, else key */
    uint32_t count; /* matching passages holding it */
} srch_facet_entry_t;

typedef struct srch_facet {
    srch_facet_entry_t *v; /* most passages first, then by key */
    size_t n;
    /* people/orgs: the entries are names discovered in the text (XP/XO),
     * shown because no dictionary entity (P/O) occurs in the matches. */
    bool discovered;
} srch_facet_t;

enum { SRCH_FACET_PEOPLE, SRCH_FACET_ORGS, SRCH_FACET_DAYS, SRCH_FACET_MONTHS,
       SRCH_FACET_COUNT };

typedef struct srch_facets {
    uint32_t passages; /* matching passages counted */
    srch_facet_t f[SRCH_FACET_COUNT];
} srch_facets_t;

/** The facet's name: "people", "orgs", "days", "months" (static). */
const char *srch_facet_name(size_t i);

/** A spy for the facets (caller frees with xapc_spy_destroy()). */
xapc_status_t srch_facets_spy(xapc_spy_t **out, char **errmsg);

/** Reads the counts of 'spy' after a search into *out (caller frees with
 * srch_facets_destroy()), keeping the 'limit' largest of each facet;
 * 'dict' (borrowed, may be NULL) gives entity names. Discovered names
 * written in either Chinese script or with other name dots are one entry
 * (ent_variants_group(), folded by 'tok', the index's tokenizer; NULL:
 * the defaults), under the commoner form, with the counts added.
 * Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_facets_from_spy(const xapc_spy_t *spy, const ent_dict_t *dict,
                                 const tok_options_t *tok, unsigned limit,
                                 srch_facets_t **out);

void srch_facets_destroy(srch_facets_t *f);

#endif
