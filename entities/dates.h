/* SPDX-License-Identifier: MIT */
/* dates.h - date expressions in passage text and in queries (Chinese,
 * Japanese with era years, Korean, English, ISO), normalised to calendar
 * ranges with a precision. Shared by the indexer and the searcher. */
#ifndef ENT_DATES_H
#define ENT_DATES_H
#include <stddef.h>
#include "status.h"

/* A calendar day. Months 1-12, days 1-31. */
typedef struct ent_ymd {
    int y, m, d;
} ent_ymd_t;

/* What the text said precisely: a day (2023年11月19日, 昨天, 本周 as a
 * range of days), a month (2023年11月, 上个月) or a year (2016年, 去年). */
typedef enum ent_date_prec {
    ENT_PREC_DAY = 0,
    ENT_PREC_MONTH = 1,
    ENT_PREC_YEAR = 2
} ent_date_prec_t;

/* Flags of a found date. */
#define ENT_DATE_RANGE      0x01u /* two dates joined: 2016年至2020年 */
#define ENT_DATE_INFERRED   0x02u /* year or month taken from the article date */
#define ENT_DATE_RELATIVE   0x04u /* 昨天, 上周三, 去年: resolved against the article date */
#define ENT_DATE_OPEN_START 0x08u /* query "..2019": start is 0000-01-01 */
#define ENT_DATE_OPEN_END   0x10u /* query "2019..": end is 9999-12-31 */

/* One date expression. 'start' and 'end' are inclusive days: a month
 * expression covers its first to its last day, a year its 1 January to
 * its 31 December, so a filter can always compare days. */
typedef struct ent_date {
    size_t start_off, end_off; /* byte offsets of the expression in the text */
    ent_ymd_t start, end;
    ent_date_prec_t prec;
    unsigned flags;
} ent_date_t;

/* Called once per date, in text order, with non-overlapping spans. 'd' is
 * borrowed for the call. Return non-zero to stop the scan. */
typedef int (*ent_date_emit_fn)(void *ctx, const ent_date_t *d);

/** Finds the date expressions in 'text' ('len' bytes, UTF-8; invalid bytes
 * never match and never stop the scan). 'article' (borrowed, may be NULL)
 * is the article's date: partial dates (11月19日) take their year from it
 * and relative ones (昨天, 上周三, 去年) are resolved against it; without
 * it only complete dates are reported. Returns CN_OK, or
 * CN_E_INVALID_ARGUMENT when 'article' is not a valid day. The scan
 * stopped by 'emit' still returns CN_OK. */
cn_status_t ent_dates_find(const char *text, size_t len, const ent_ymd_t *article,
                           ent_date_emit_fn emit, void *ctx);

/** Parses a date typed in a query: any form ent_dates_find() accepts
 * covering the whole string ("2023年11月19日", "November 19, 2023",
 * "令和5年11月19日"), ISO at any precision ("2023", "2023-11",
 * "2023-11-19", also with '/' or '.'), and ranges "A..B", "..B", "A..".
 * 'today' (may be NULL) resolves partial and relative forms. Leading and
 * trailing ASCII spaces are ignored. On success fills *out (offsets span
 * the string) and returns CN_OK; returns CN_E_QUERY_SYNTAX when the string
 * is not a date (or a range ends before it starts), *out then unchanged. */
cn_status_t ent_date_parse_query(const char *s, size_t len, const ent_ymd_t *today,
                                 ent_date_t *out);

/** Parses exactly "YYYY-MM-DD" (an article's stored date) into *out.
 * Returns 1 when it is a valid day, 0 otherwise. */
int ent_ymd_parse_iso(const char *s, size_t len, ent_ymd_t *out);

/** Writes 'd' at precision 'prec' as "YYYY-MM-DD", "YYYY-MM" or "YYYY"
 * into 'out' (NUL-terminated; 11 bytes are enough). Returns the length. */
size_t ent_ymd_format(const ent_ymd_t *d, ent_date_prec_t prec, char out[11]);

/** Returns 1 when 'd' is a valid day of the proleptic Gregorian calendar,
 * years 1-9999. */
int ent_ymd_valid(const ent_ymd_t *d);

/** Days since 0000-03-01 (any monotonic count): for differences. */
long ent_ymd_days(const ent_ymd_t *d);

/** Inverse of ent_ymd_days(). */
ent_ymd_t ent_ymd_from_days(long days);

/** Returns the name of 'p': "day", "month" or "year". */
const char *ent_date_prec_name(ent_date_prec_t p);

#endif
