/* SPDX-License-Identifier: MIT */
/* match.h - the one matcher of query chunks against passage text: a text
 * is tokenized as at index time, then a chunk matches where its elements
 * stand at consecutive token positions (or, for "..."~N, all within
 * count + N positions). Highlighting (srch_query_highlight) and the
 * phrase check at query time (verify.h) both use it, so what is
 * highlighted and what is counted as a match cannot disagree. */
#ifndef SRCH_MATCH_H
#define SRCH_MATCH_H
#include <stdbool.h>
#include <stddef.h>
#include "proximity.h"
#include "query.h"
#include "status.h"
#include "tokenizer.h"

typedef struct srch_text srch_text_t; /* a tokenized text */

/** Tokenizes text[0..len) (borrowed until _destroy) as the indexer does.
 * Returns CN_OK or CN_E_NOMEM (*out NULL). */
cn_status_t srch_text_create(const tok_options_t *tok, const char *text,
                             size_t len, srch_text_t **out);

void srch_text_destroy(srch_text_t *t);

/** True if chunk 'c' (count > 0) occurs in 't': its elements at
 * consecutive positions, or with c->window > 0 all of them at distinct
 * positions within a window of c->count + c->window, in any order (what
 * Xapian's NEAR meant when positions were stored). */
bool srch_text_has_chunk(const srch_text_t *t, const srch_chunk_t *c);

/** Appends to *occ (*n used, *alloc allocated; realloc'd) each place
 * where chunk 'c' occurs in 't', as srch_text_has_chunk() finds it: its
 * first and last token positions, tagged 'tag'. In position order.
 * Returns CN_OK or CN_E_NOMEM (*occ kept, for the caller to free). */
cn_status_t srch_text_chunk_occurrences(const srch_text_t *t, const srch_chunk_t *c,
                                        unsigned tag, srch_occ_t **occ, size_t *n,
                                        size_t *alloc);

#endif
