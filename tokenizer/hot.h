/* SPDX-License-Identifier: MIT */
/* hot.h - the characters an index stores as unigrams wherever they occur.
 *
 * Every character of a CJK run starts exactly one term (a bigram, or the
 * run's last character), so a one-character query is the OR of every term
 * starting with it. For the commonest characters that is thousands of
 * posting lists (の: 2,120 in the bench corpus), merged at every query.
 * A "hot" character is also indexed as its own unigram at each
 * occurrence, so that the query reads one list instead; other characters
 * keep the OR, which is short for them (docs/index-schema.md, "Hot
 * characters"). The set an index was built with is stored in it
 * (CN_META_HOT_CHARS) and read back by the indexer and the searcher, so
 * a later change of the built-in list never mismatches an index.
 */
#ifndef TOK_HOT_H
#define TOK_HOT_H
#include <stdbool.h>
#include <stddef.h>
#include "status.h"

typedef struct tok_hot tok_hot_t;

/* The built-in set given to new indexes: UTF-8, one character after
 * another, in code point order (tools/hot-chars.c made it). */
const char *tok_hot_default(void);

/* A set from 'chars' (UTF-8 characters, one after another, any order,
 * repeats allowed; may be empty). CN_E_INVALID_ARGUMENT if a byte is not
 * valid UTF-8 or a character is not a CJK one, CN_E_NOMEM. */
cn_status_t tok_hot_create(const char *chars, size_t len, tok_hot_t **out);

/* Whether the UTF-8 text 'c' (len bytes) is exactly one character of
 * the set. NULL 'h' is the empty set. */
bool tok_hot_has(const tok_hot_t *h, const char *c, size_t len);

/* Number of characters in the set (0 for NULL). */
size_t tok_hot_count(const tok_hot_t *h);

/* Keeps in 'h' only the characters 'other' also holds (the characters
 * hot in every shard of a search). */
void tok_hot_intersect(tok_hot_t *h, const tok_hot_t *other);

/* The set as stored: UTF-8 in code point order (malloc'd, NUL-terminated,
 * caller frees; *len_out its length). NULL when out of memory. */
char *tok_hot_serialize(const tok_hot_t *h, size_t *len_out);

void tok_hot_destroy(tok_hot_t *h);

#endif
