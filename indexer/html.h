/* SPDX-License-Identifier: MIT */
/* html.h - what an article page says, through the gumbo HTML5 parser:
 * title, main text as paragraphs, publication date and canonical URL.
 * Character references are decoded by the parser; script, style, nav,
 * header, footer, aside, form, figure (and noscript, template, iframe,
 * svg, select, button) are dropped. */
#ifndef IDX_HTML_H
#define IDX_HTML_H
#include <stddef.h>
#include "buf.h"
#include "status.h"

typedef struct idx_html {
    cn_buf_t title; /* og:title, else <title>, else the first <h1> */
    cn_buf_t text;  /* block-level text, one paragraph per line */
    cn_buf_t date;  /* raw meta value (article:published_time, ...) */
    cn_buf_t url;   /* <link rel=canonical>, else og:url */
} idx_html_t;

void idx_html_init(idx_html_t *h);
void idx_html_release(idx_html_t *h);

/* Parses a UTF-8 HTML document (invalid bytes are the parser's U+FFFD).
 * Returns CN_OK or CN_E_NOMEM. */
cn_status_t idx_html_extract(const char *html, size_t len, idx_html_t *out);

/* Text of an HTML fragment (an RSS body): block elements and <br> break
 * lines; when 'keep_newlines' is set, newlines of the source text break
 * lines too (Markdown with inline HTML). Appends to 'out'. */
cn_status_t idx_html_to_text(const char *html, size_t len, int keep_newlines,
                             cn_buf_t *out);

#endif
