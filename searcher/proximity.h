/* SPDX-License-Identifier: MIT */
/* proximity.h - term proximity on the passage text: the smallest window
 * of tokens that holds one occurrence of each query chunk the passage
 * has, and the bonus it earns (docs/searching.md, "Ranking"). The index
 * stores no positions, so the occurrences come from the one matcher
 * (match.h) run on the stored text of the best candidates only. */
#ifndef SRCH_PROXIMITY_H
#define SRCH_PROXIMITY_H
#include <stdbool.h>
#include <stddef.h>
#include "status.h"

/* One occurrence of a chunk: token positions [start, end]. */
typedef struct srch_occ {
    size_t start, end;
    unsigned chunk; /* 0 .. nchunks-1 */
} srch_occ_t;

typedef struct srch_window {
    unsigned chunks; /* distinct chunks in the window (those present) */
    size_t width;    /* tokens from the first start to the last end */
    size_t gap;      /* width minus the tokens of its occurrences (>= 0) */
} srch_window_t;

/** The smallest window of occ[0..n) (sorted by start, chunk < nchunks)
 * holding one occurrence of every chunk that occurs; ties go to the
 * window with the smallest gap, then the first. *w is zero when n is 0.
 * Returns CN_OK or CN_E_NOMEM. */
cn_status_t srch_proximity_window(const srch_occ_t *occ, size_t n, unsigned nchunks,
                                  srch_window_t *w);

/** The bonus factor of window 'w' for a query of 'nchunks' positive
 * chunks: (w.chunks / nchunks) / (1 + w.gap / scale), 0 when fewer than
 * two chunks stand in the window. In [0, 1]. */
double srch_proximity_factor(const srch_window_t *w, unsigned nchunks, double scale);

#endif
