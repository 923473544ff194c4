/* SPDX-License-Identifier: MIT */
/* clean.h - boilerplate removal: which lines of an article are indexed.
 *
 * Each line of the title and body is classified from its own features
 * (link density, short-segment density, separator density, a short list of
 * known boilerplate phrases), its place (a footer marker in the second half
 * of the body drops what follows), repetition inside the article (a
 * paragraph seen earlier in the same article: the same text pasted twice)
 * and repetition across the run (a line already seen in
 * IDX_CLEAN_REPEAT_DOCS earlier documents of the same source). The rules
 * and their thresholds are described in docs/indexing.md ("Cleaning"). */
#ifndef IDX_CLEAN_H
#define IDX_CLEAN_H
#include <stddef.h>
#include "article.h"
#include "status.h"

/* A line already present in this many earlier documents of the same
 * source is dropped from the next ones. */
#define IDX_CLEAN_REPEAT_DOCS 3

typedef struct idx_cleaner idx_cleaner_t;

/** Reason a single line is boilerplate by its own features, or NULL to
 * keep it. Static string. 'line' is one line without its newline. */
const char *idx_clean_line_reason(const char *line, size_t len);

/** Called for every line looked at: field is "title" or "body"; reason is
 * NULL when the line is kept. */
typedef void (*idx_clean_fn)(void *ctx, const char *field, const char *line,
                             size_t len, const char *reason);

cn_status_t idx_cleaner_create(idx_cleaner_t **out);
void idx_cleaner_destroy(idx_cleaner_t *c); /* NULL ok */

/** Cleans 'a' in place: dropped body lines are removed (the body becomes
 * the kept lines joined by '\n'); a dropped title is replaced by the first
 * kept body line when that line is short (<= 60 characters, no sentence
 * end), which is then removed from the body, else the title is emptied.
 * 'fn' (may be NULL) sees every decision. Adds the number of dropped lines
 * to *dropped. Remembers the article's lines for the cross-document rule. */
cn_status_t idx_cleaner_article(idx_cleaner_t *c, idx_article_t *a, idx_clean_fn fn,
                                void *ctx, size_t *dropped);

#endif
