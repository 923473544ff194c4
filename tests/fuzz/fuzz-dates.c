/* SPDX-License-Identifier: MIT */
/* fuzz-dates.c - libFuzzer target for the date finder and the query date
 * parser: any bytes as passage text (the first byte picks whether an
 * article date is given) and as a typed date. Found spans must be ordered,
 * inside the text and non-empty; every date must be a valid day range. */
#include "bug.h"
#include "dates.h"

#include <stdint.h>
#include <stdlib.h>

#define FUZZ_MAX_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
    size_t len, last_end, count;
};

static void
check_date(const ent_date_t *d)
{
    if (!ent_ymd_valid(&d->start) || !ent_ymd_valid(&d->end))
        CN_BUG("invalid day in a found date");
    if (ent_ymd_days(&d->end) < ent_ymd_days(&d->start))
        CN_BUG("date range ends before it starts");
}

static int
on_date(void *vctx, const ent_date_t *d)
{
    struct check *c = vctx;
    if (d->start_off >= d->end_off || d->end_off > c->len || d->start_off < c->last_end)
        CN_BUG("date span %zu-%zu out of order or bounds", d->start_off, d->end_off);
    check_date(d);
    c->last_end = d->end_off;
    c->count++;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES || size == 0)
        return 0;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    ent_ymd_t art = { 2023, 11, 21 };
    if (data[0] & 1)
        art = (ent_ymd_t){ 1, 1, 1 + data[0] % 28 };
    const ent_ymd_t *artp = (data[0] & 2) ? &art : NULL;
    struct check c = { len, 0, 0 };
    if (ent_dates_find(text, len, artp, on_date, &c) != CN_OK)
        CN_BUG("scan failed");
    ent_date_t d;
    cn_status_t st = ent_date_parse_query(text, len, artp, &d);
    if (st == CN_OK) {
        if (!(d.flags & ENT_DATE_OPEN_START) && !(d.flags & ENT_DATE_OPEN_END))
            check_date(&d);
    } else if (st != CN_E_QUERY_SYNTAX) {
        CN_BUG("query date parse failed with %s", cn_status_to_string(st));
    }
    return 0;
}
