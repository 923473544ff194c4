/* SPDX-License-Identifier: MIT */
/* proximity.c - the smallest window holding each chunk present. */
#include "proximity.h"

#include <stdlib.h>
#include <string.h>

/* The window of occ[lo..hi]: its width, and the tokens in it that no
 * occurrence covers (the text between the words; a token is counted
 * once however many occurrences overlap it). Sorted by start, so one
 * pass with the furthest end seen suffices. */
static void
measure(const srch_occ_t *occ, size_t lo, size_t hi, size_t *width, size_t *gap)
{
    size_t reach = occ[lo].start, cover = 0; /* reach: first token not yet counted */
    for (size_t i = lo; i <= hi; i++) {
        size_t s = occ[i].start > reach ? occ[i].start : reach;
        if (occ[i].end + 1 > s) {
            cover += occ[i].end + 1 - s;
            reach = occ[i].end + 1;
        }
    }
    *width = reach - occ[lo].start;
    *gap = *width - cover;
}

cn_status_t
srch_proximity_window(const srch_occ_t *occ, size_t n, unsigned nchunks, srch_window_t *w)
{
    memset(w, 0, sizeof(*w));
    if (!n || !nchunks)
        return CN_OK;
    unsigned *have = calloc(nchunks, sizeof(*have));
    if (!have)
        return CN_E_NOMEM;
    unsigned present = 0;
    for (size_t i = 0; i < n; i++)
        if (occ[i].chunk < nchunks && !have[occ[i].chunk]++)
            present++;
    memset(have, 0, nchunks * sizeof(*have));
    /* Two pointers: [lo, hi] grows to the right until it holds every
     * chunk present, then shrinks from the left while it still does.
     * Each window so found is the smallest that ends at hi. */
    bool found = false;
    unsigned in = 0;
    size_t lo = 0;
    for (size_t hi = 0; hi < n; hi++) {
        if (occ[hi].chunk >= nchunks)
            continue;
        if (!have[occ[hi].chunk]++)
            in++;
        while (in == present) {
            size_t width, gap;
            measure(occ, lo, hi, &width, &gap);
            if (!found || width < w->width || (width == w->width && gap < w->gap)) {
                w->chunks = present;
                w->width = width;
                w->gap = gap;
                found = true;
            }
            if (occ[lo].chunk < nchunks && !--have[occ[lo].chunk])
                in--;
            lo++;
        }
    }
    free(have);
    return CN_OK;
}

double
srch_proximity_factor(const srch_window_t *w, unsigned nchunks, double scale)
{
    if (w->chunks < 2 || !nchunks || scale <= 0)
        return 0;
    return ((double)w->chunks / nchunks) / (1.0 + (double)w->gap / scale);
}
