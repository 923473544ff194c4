/* SPDX-License-Identifier: MIT */
/* article.h - one input article as the indexer sees it, after decoding. */
#ifndef IDX_ARTICLE_H
#define IDX_ARTICLE_H
#include <stddef.h>
#include "buf.h"

/* Every text field is valid UTF-8 (the reader sanitizes it) without NUL.
 * An empty buffer means "absent". The buffers are owned by the article;
 * the reader reuses one article for every record (cleared in between). */
typedef struct idx_article {
    cn_buf_t id;       /* record id, else URL, else content hash */
    cn_buf_t title;
    cn_buf_t body;     /* paragraphs separated by '\n' */
    cn_buf_t date;     /* YYYY-MM-DD when known, else empty */
    cn_buf_t source;
    cn_buf_t url;
    cn_buf_t lang;
    /* Where it came from, for messages: "FILE" or "FILE:LINE". */
    const char *origin_file; /* borrowed */
    size_t origin_line;      /* 0 when the whole file is the article */
    size_t replaced_bytes;   /* invalid sequences replaced by U+FFFD */
    cn_buf_t dedup_term;     /* set by dedup.c: boolean term stored with it */
} idx_article_t;

void idx_article_init(idx_article_t *a);
void idx_article_clear(idx_article_t *a);
void idx_article_release(idx_article_t *a);

/* When 'id' is empty, derives it: the URL if any, else "h:" + a 64-bit
 * hash of title and body in hex, so re-indexing the same text gives the
 * same id. */
void idx_article_ensure_id(idx_article_t *a);

/* Normalises a date string in place to YYYY-MM-DD if it starts with a
 * recognisable date (YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, or
 * ISO 8601 with a time part); otherwise empties it: an unknown date stays
 * unknown, never invented. */
void idx_date_normalize(cn_buf_t *date);

#endif
