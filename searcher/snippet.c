/* SPDX-License-Identifier: MIT */
/* snippet.c - choosing the best window of a passage for text output. */
#include "snippet.h"
#include "utf8.h"

#include <stdlib.h>

/* The window starts up to a quarter of its width before the first span
 * it holds, so the reader sees what leads into the match. */
#define CONTEXT_DIVISOR 4

typedef struct cluster {
    size_t off;   /* byte offset of the cluster */
    size_t width; /* display columns */
} cluster_t;

static size_t
cluster_width(const char *s, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        i += cn_utf8_decode(s + i, len - i, &cp);
        w += (size_t)cn_utf8_cp_width(cp);
    }
    return w;
}

/* Splits text into clusters; *count of them, plus a sentinel at 'len'. */
static cluster_t *
split_clusters(const char *text, size_t len, size_t *count)
{
    cluster_t *c = malloc((len + 1) * sizeof(*c));
    if (!c)
        return NULL;
    size_t n = 0, i = 0;
    while (i < len) {
        size_t k = cn_first_cluster_len(text + i, len - i);
        if (k == 0)
            k = 1;
        c[n].off = i;
        /* A newline shows as a line break in the indented output; count it
         * as one column so a window never grows unbounded over blank lines. */
        c[n].width = text[i] == '\n' ? 1 : cluster_width(text + i, k);
        n++;
        i += k;
    }
    c[n].off = len;
    c[n].width = 0;
    *count = n;
    return c;
}

/* Index of the cluster holding byte 'off' (clusters sorted by offset). */
static size_t
cluster_at(const cluster_t *c, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (c[mid].off <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void
srch_snippet_window(const char *text, size_t len, const srch_span_t *spans, size_t n,
                    size_t columns, size_t *start, size_t *end)
{
    *start = 0;
    *end = len;
    size_t nc = 0;
    cluster_t *c = split_clusters(text, len, &nc);
    if (!c)
        return; /* out of memory: the whole passage is still correct output */
    size_t total = 0;
    for (size_t i = 0; i < nc; i++)
        total += c[i].width;
    if (total <= columns || nc == 0) {
        free(c);
        return;
    }
    size_t best_a = 0, best_b = 0, best_hits = 0, best_bytes = 0;
    int have = 0;
    /* Candidates: the start, and each span's start backed off by the
     * context width. For each, the window grows while it fits. */
    for (size_t k = 0; k <= n; k++) {
        size_t a = 0;
        if (k < n) {
            a = cluster_at(c, nc, spans[k].start);
            size_t back = 0;
            while (a > 0 && back + c[a - 1].width <= columns / CONTEXT_DIVISOR)
                back += c[--a].width;
        }
        size_t b = a, w = 0;
        while (b < nc && w + c[b].width <= columns)
            w += c[b++].width;
        size_t lo = c[a].off, hi = c[b].off, hits = 0, bytes = 0;
        for (size_t j = 0; j < n; j++)
            if (spans[j].start >= lo && spans[j].end <= hi) {
                hits++;
                bytes += spans[j].end - spans[j].start;
            }
        if (!have || hits > best_hits || (hits == best_hits && bytes > best_bytes)) {
            have = 1;
            best_a = a;
            best_b = b;
            best_hits = hits;
            best_bytes = bytes;
        }
    }
    *start = c[best_a].off;
    *end = c[best_b].off;
    free(c);
}
