/* SPDX-License-Identifier: MIT */
/* verify.h - the phrase check at query time. The index stores no
 * positions, so a chunk of several terms is searched as the AND of its
 * terms (a superset); each candidate passage is then checked on its
 * stored text and title: the query tree is evaluated with every chunk
 * true only where it occurs as a contiguous token sequence (match.h).
 * docs/index-schema.md, "No positions". */
#ifndef SRCH_VERIFY_H
#define SRCH_VERIFY_H
#include <stdbool.h>
#include "query.h"
#include "schema.h"
#include "status.h"
#include "tokenizer.h"
#include "xapc.h"

typedef struct srch_verify srch_verify_t;

/** A checker for 'q' (borrowed, as 'tok', until _destroy). Returns CN_OK
 * or CN_E_NOMEM. */
cn_status_t srch_verify_create(const srch_query_t *q, const tok_options_t *tok,
                               srch_verify_t **out);

void srch_verify_destroy(srch_verify_t *v);

/** *ok = whether the candidate 'd' satisfies the query: its chunks on
 * the stored text and title, its filters (where the index alone did not
 * already guarantee them) on its terms and values. Returns CN_OK,
 * CN_E_NOMEM, CN_E_DB_CORRUPT (not a passage record) or CN_E_DB. */
cn_status_t srch_verify_doc(srch_verify_t *v, xapc_matchdoc_t *d, bool *ok);

/** A xapc_decider_fn over srch_verify_doc(), ctx being the checker: a
 * failure stops the search (-1) and is kept for srch_verify_error(). */
int srch_verify_decide(void *ctx, xapc_matchdoc_t *d);

/** The first failure of srch_verify_decide(), CN_OK if none. */
cn_status_t srch_verify_error(const srch_verify_t *v);

/** How many candidates were checked and how many kept (for the bench). */
void srch_verify_counts(const srch_verify_t *v, unsigned long *checked,
                        unsigned long *kept);

/** For relaxed matching: *exact = how many of the positive chunks of
 * several terms occur as typed in 'rec' (text or title), *total = how
 * many there are. Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_verify_exact_chunks(srch_verify_t *v, const cn_record_t *rec,
                                     unsigned *exact, unsigned *total);

#endif
