/* SPDX-License-Identifier: MIT */
/* dedup.h - grouping exact and near-duplicate articles (docs/indexing.md,
 * "Duplicates"; stored form: docs/index-schema.md).
 *
 * Each article's title and body are reduced to the tokenizer's terms (NFKC, case and
 * T->S folded; CJK bigram shingles and words). Exact key: a 64-bit hash of
 * that term sequence. Near key: a 64-bit SimHash over the same terms.
 * Two articles are duplicates when their exact keys are equal, or when both
 * have at least IDX_DEDUP_MIN_TERMS terms and their SimHashes differ in at
 * most dedup.simhash_max_distance bits. The first article indexed is the
 * canonical one; a later duplicate is not indexed for ranking but recorded
 * with it (metadata, see the schema). */
#ifndef IDX_DEDUP_H
#define IDX_DEDUP_H
#include <stddef.h>
#include <stdint.h>
#include "article.h"
#include "config.h"
#include "indexdb.h"
#include "status.h"

#define IDX_DEDUP_MIN_TERMS 20

typedef struct idx_dedup idx_dedup_t;

/** Loads the keys of the articles already in the index at 'path' (its
 * last commit). 'cfg' is borrowed. */
cn_status_t idx_dedup_open(idx_dedup_t **out, const char *path, const cfg_config_t *cfg,
                           char **errmsg);
void idx_dedup_destroy(idx_dedup_t *d); /* NULL ok */

/** Indexes 'a' through 'db' as a canonical article, or records it as a
 * copy of the canonical it duplicates. Replaces what the index held for
 * the same id either way, so re-running on the same input changes nothing. */
cn_status_t idx_dedup_add(idx_dedup_t *d, idx_db_t *db, idx_article_t *a, char **errmsg);

/** Sets a->dedup_term to the key idx_dedup_add() would give 'a' in 'db'
 * (none when its title and body have no term), without looking for an
 * earlier copy: for articles known to be distinct, the live articles of
 * an index being rewritten (cjkindex --purge). */
void idx_dedup_term(const cfg_config_t *cfg, const idx_db_t *db, idx_article_t *a);

/** Number of articles recorded as copies in this run. */
size_t idx_dedup_copies(const idx_dedup_t *d);

/** Removes the copy record of article 'id' if it is one (*found set). */
cn_status_t idx_dedup_delete_copy(idx_db_t *db, const char *id, size_t id_len, int *found,
                                  char **errmsg);

/** Computes the keys of a text (exposed for tests). *nterms = terms seen. */
void idx_dedup_keys(const tok_options_t *tok, const char *text, size_t len,
                    uint64_t *simhash, uint64_t *exact, size_t *nterms);

#endif
