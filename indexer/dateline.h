/* SPDX-License-Identifier: MIT */
/* dateline.h - finding a publication date written somewhere in a string:
 * a record field that is not a plain date (an RFC 2822 pubDate, a URL
 * holding /20230130/ or story20230130), or the dateline in the first lines
 * of an article ("2023年11月20日", "2023-11-20", "(2023.11.20)"). Only a
 * complete, valid year-month-day is taken; nothing is guessed. */
#ifndef IDX_DATELINE_H
#define IDX_DATELINE_H
#include <stddef.h>
#include "buf.h"

enum {
    /* Also accept 8 bare digits YYYYMMDD not touching other digits (URLs,
     * file names). Without it they count only inside brackets. */
    IDX_DATE_COMPACT = 1,
};

/* Looks for the first date in s[0..len). On success sets 'out' to
 * "YYYY-MM-DD" and returns 1; otherwise leaves 'out' alone, returns 0. */
int idx_date_find(const char *s, size_t len, unsigned flags, cn_buf_t *out);

/* A date field of a record: normalised in place (idx_date_normalize), and
 * when that fails, the first date found inside the original value
 * (IDX_DATE_COMPACT); empty when none. */
void idx_date_from_field(cn_buf_t *date);

/* How many bytes of title and body are searched for a dateline. */
#define IDX_DATELINE_SPAN 320

#endif
