/* SPDX-License-Identifier: MIT */
/* snippet.h - the best window of a passage around its highlight spans,
 * cut at character (cluster) boundaries and measured in display columns
 * (CJK characters are two columns wide). */
#ifndef SRCH_SNIPPET_H
#define SRCH_SNIPPET_H
#include <stddef.h>
#include "query.h"

/* Two terminal lines of 80 columns: long enough to read a match in its
 * sentence, short enough to scan ten results on one screen. */
#define SRCH_SNIPPET_COLUMNS 160

/** Chooses the window text[*start..*end) of at most 'columns' display
 * columns that holds the most of spans[0..n) (sorted, disjoint byte
 * spans), starting a little before the first span it holds so the match
 * has context. Both ends fall on character-cluster boundaries. A text
 * that fits gives the whole text. Never fails. */
void srch_snippet_window(const char *text, size_t len, const srch_span_t *spans,
                         size_t n, size_t columns, size_t *start, size_t *end);

#endif
