/* SPDX-License-Identifier: MIT */
/* timeline.h - --timeline: matching passages per day, month or year of
 * the article's date (value slot 0) or of the first date the passage
 * mentions (slot 3), exact over all matches (Xapian's ValueCountMatchSpy). */
#ifndef SRCH_TIMELINE_H
#define SRCH_TIMELINE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"
#include "xapc.h"

typedef enum srch_timeline_unit {
    SRCH_TIMELINE_NONE,
    SRCH_TIMELINE_DAY,
    SRCH_TIMELINE_MONTH,
    SRCH_TIMELINE_YEAR
} srch_timeline_unit_t;

/* Gaps are filled with empty buckets only while the whole timeline has
 * at most this many (more than a year of days): past that, a terminal
 * chart would scroll away, so only the buckets with passages are kept. */
#define SRCH_TIMELINE_MAX_FILL 400

typedef struct srch_timeline_bucket {
    char date[11];  /* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
    uint32_t count;
} srch_timeline_bucket_t;

typedef struct srch_timeline {
    srch_timeline_unit_t unit;
    bool mentioned;    /* by the mentioned date (slot 3), not the article's */
    srch_timeline_bucket_t *v; /* in date order */
    size_t n;
    uint32_t undated;  /* matches without a date in the slot */
    uint32_t total;    /* all matches counted */
    uint32_t max;      /* the largest bucket */
} srch_timeline_t;

/** Parses "day", "month" or "year" into *out; returns false otherwise. */
bool srch_timeline_unit_parse(const char *s, srch_timeline_unit_t *out);

/** "day", "month", "year" (static). */
const char *srch_timeline_unit_name(srch_timeline_unit_t u);

/** A spy for the timeline (caller frees with xapc_spy_destroy()). */
xapc_status_t srch_timeline_spy(bool mentioned, xapc_spy_t **out, char **errmsg);

/** Reads the counts of 'spy' after a search into buckets of 'unit'
 * (*out: caller frees with srch_timeline_destroy()). Returns CN_OK or
 * CN_E_NOMEM. */
cn_status_t srch_timeline_from_spy(const xapc_spy_t *spy, srch_timeline_unit_t unit,
                                   bool mentioned, srch_timeline_t **out);

void srch_timeline_destroy(srch_timeline_t *t);

#endif
