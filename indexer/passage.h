/* SPDX-License-Identifier: MIT */
/* passage.h - cutting an article body into passages, the unit of search. */
#ifndef IDX_PASSAGE_H
#define IDX_PASSAGE_H
#include <stddef.h>

typedef struct idx_span {
    size_t off; /* byte offset into the body */
    size_t len; /* byte length */
} idx_span_t;

typedef struct idx_passages {
    idx_span_t *spans; /* owned; reused between calls */
    size_t count;
    size_t alloc;
} idx_passages_t;

#define IDX_PASSAGES_INIT { NULL, 0, 0 }

/* Splits body[0..len) (valid UTF-8) into passages and stores them in 'p'
 * (previous contents dropped):
 *  - paragraphs are the non-blank lines; surrounding whitespace is trimmed;
 *  - consecutive paragraphs shorter than 'min_chars' characters are joined
 *    with the following ones (the passage then spans the newline), up to
 *    'max_chars';
 *  - a paragraph longer than 'max_chars' characters is cut after the last
 *    sentence end (。！？!?；; or ". ") before the limit, else at the limit
 *    on a character boundary.
 * Lengths are counted in code points, not bytes, so the same text gives the
 * same passages in any script. */
void idx_passages_split(idx_passages_t *p, const char *body, size_t len,
                        size_t min_chars, size_t max_chars);

void idx_passages_release(idx_passages_t *p);

#endif
