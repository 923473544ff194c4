/* SPDX-License-Identifier: MIT */
/* docset.h - sorted sets of document ids, stored in chunks.
 *
 * What a tombstone list is made of (xapian-c/tombstones.cc,
 * docs/index-schema.md "Tombstones"): document ids are grouped by chunk,
 * id >> CN_DOCSET_CHUNK_BITS, and each chunk is one metadata value, so
 * marking a few documents dead rewrites one or two small values, never
 * one value holding every dead id of the index.
 *
 * A chunk's value is a list of LEB128 varints: the first id's offset in
 * the chunk (id - chunk * CN_DOCSET_CHUNK_SIZE), then the gaps between
 * successive ids (each >= 1). An empty value is an empty chunk. Passages
 * of one article have consecutive ids, so a deleted article costs about
 * one byte per passage.
 *
 * Plain C with no Xapian in it, so the unit tests can reach it.
 */
#ifndef CN_DOCSET_H
#define CN_DOCSET_H
#include <stddef.h>
#include <stdint.h>

/* buf.h and status.h are plain C headers: C++ (xapian-c/tombstones.cc)
 * must see their functions with C linkage. */
#ifdef __cplusplus
extern "C" {
#endif
#include "buf.h"
#include "status.h"

#define CN_DOCSET_CHUNK_BITS 12
#define CN_DOCSET_CHUNK_SIZE (1u << CN_DOCSET_CHUNK_BITS)

/* A growable sorted array of distinct ids. CN_DOCSET_INIT or zeroing
 * initialises it; cn_docset_release() frees it. */
typedef struct cn_docset {
    uint32_t *ids;
    size_t n, alloc;
} cn_docset_t;
#define CN_DOCSET_INIT { NULL, 0, 0 }

void cn_docset_release(cn_docset_t *s);

/* Whether 'id' is in 's' (binary search). */
int cn_docset_has(const cn_docset_t *s, uint32_t id);

/* Adds 'id', keeping the order; *added (if not NULL) tells whether it
 * was new. CN_E_NOMEM when the array cannot grow. */
cn_status_t cn_docset_add(cn_docset_t *s, uint32_t id, int *added);

/* Appends "prefix" + 8 lower-case hex digits of 'chunk' to 'out': keys
 * sort in id order. */
void cn_docset_key(cn_buf_t *out, const char *prefix, uint32_t chunk);

/* The chunk number of a key made by cn_docset_key() with a prefix of
 * 'prefix_len' bytes; 0 (false) when the key is not one. */
int cn_docset_parse_key(const char *key, size_t len, size_t prefix_len, uint32_t *chunk);

/* Appends the encoding of the ids of 's' that fall in 'chunk' to 'out'. */
void cn_docset_encode_chunk(const cn_docset_t *s, uint32_t chunk, cn_buf_t *out);

/* Adds the ids encoded in the value of 'chunk' to 's'. CN_E_DB_CORRUPT
 * when the value is not a valid encoding (truncated varint, an id outside
 * the chunk, a zero gap); 's' then holds the ids read before the error. */
cn_status_t cn_docset_decode_chunk(const char *v, size_t len, uint32_t chunk, cn_docset_t *s);

#ifdef __cplusplus
}
#endif
#endif
