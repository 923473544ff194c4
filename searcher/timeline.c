/* SPDX-License-Identifier: MIT */
/* timeline.c - passages per day, month or year over all matches. */
#include "timeline.h"
#include "dates.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

bool
srch_timeline_unit_parse(const char *s, srch_timeline_unit_t *out)
{
    if (strcmp(s, "day") == 0)
        *out = SRCH_TIMELINE_DAY;
    else if (strcmp(s, "month") == 0)
        *out = SRCH_TIMELINE_MONTH;
    else if (strcmp(s, "year") == 0)
        *out = SRCH_TIMELINE_YEAR;
    else
        return false;
    return true;
}

const char *
srch_timeline_unit_name(srch_timeline_unit_t u)
{
    return u == SRCH_TIMELINE_DAY ? "day" : u == SRCH_TIMELINE_YEAR ? "year" : "month";
}

xapc_status_t
srch_timeline_spy(bool mentioned, xapc_spy_t **out, char **errmsg)
{
    return xapc_spy_values_create(mentioned ? CN_SLOT_MENTIONED_DATE : CN_SLOT_DATE, out,
                                  errmsg);
}

static size_t
unit_len(srch_timeline_unit_t u)
{
    return u == SRCH_TIMELINE_DAY ? 10 : u == SRCH_TIMELINE_YEAR ? 4 : 7;
}

struct collect {
    srch_timeline_t *t;
    size_t alloc;
    uint32_t dated;
    bool nomem;
};

/* Values arrive in byte order, which is date order for YYYY-MM-DD: a
 * bucket is the last one or a new one. */
static int
take_value(void *vctx, const char *v, size_t len, uint32_t count)
{
    struct collect *c = vctx;
    srch_timeline_t *t = c->t;
    ent_ymd_t day;
    if (!ent_ymd_parse_iso(v, len, &day))
        return 0;
    c->dated += count;
    size_t n = unit_len(t->unit);
    if (t->n && memcmp(t->v[t->n - 1].date, v, n) == 0) {
        t->v[t->n - 1].count += count;
        return 0;
    }
    if (t->n == c->alloc) {
        size_t na = c->alloc ? c->alloc * 2 : 32;
        srch_timeline_bucket_t *b = realloc(t->v, na * sizeof(*b));
        if (!b) {
            c->nomem = true;
            return 1;
        }
        t->v = b;
        c->alloc = na;
    }
    memcpy(t->v[t->n].date, v, n);
    t->v[t->n].date[n] = '\0';
    t->v[t->n].count = count;
    t->n++;
    return 0;
}

/* The bucket after 'd' (a bucket's first day). */
static ent_ymd_t
next_bucket(ent_ymd_t d, srch_timeline_unit_t u)
{
    if (u == SRCH_TIMELINE_DAY)
        return ent_ymd_from_days(ent_ymd_days(&d) + 1);
    if (u == SRCH_TIMELINE_YEAR)
        d.y++;
    else if (++d.m > 12) {
        d.m = 1;
        d.y++;
    }
    return d;
}

static ent_ymd_t
bucket_day(const char *date)
{
    ent_ymd_t d = { 0, 1, 1 };
    d.y = atoi(date);
    if (strlen(date) >= 7)
        d.m = atoi(date + 5);
    if (strlen(date) >= 10)
        d.d = atoi(date + 8);
    return d;
}

/* Inserts the empty buckets between the first and the last, when the
 * whole span stays within SRCH_TIMELINE_MAX_FILL buckets. */
static bool
fill_gaps(srch_timeline_t *t)
{
    if (t->n < 2)
        return true;
    ent_ymd_t d = bucket_day(t->v[0].date), last = bucket_day(t->v[t->n - 1].date);
    size_t span = 1;
    for (ent_ymd_t k = d; ent_ymd_days(&k) < ent_ymd_days(&last) &&
                          span <= SRCH_TIMELINE_MAX_FILL;
         k = next_bucket(k, t->unit))
        span++;
    if (span > SRCH_TIMELINE_MAX_FILL || span == t->n)
        return true;
    srch_timeline_bucket_t *v = calloc(span, sizeof(*v));
    if (!v)
        return false;
    size_t from = 0;
    ent_date_prec_t prec = t->unit == SRCH_TIMELINE_DAY     ? ENT_PREC_DAY
                           : t->unit == SRCH_TIMELINE_MONTH ? ENT_PREC_MONTH
                                                            : ENT_PREC_YEAR;
    for (size_t i = 0; i < span; i++, d = next_bucket(d, t->unit)) {
        ent_ymd_format(&d, prec, v[i].date);
        if (from < t->n && strcmp(t->v[from].date, v[i].date) == 0)
            v[i].count = t->v[from++].count;
    }
    free(t->v);
    t->v = v;
    t->n = span;
    return true;
}

cn_status_t
srch_timeline_from_spy(const xapc_spy_t *spy, srch_timeline_unit_t unit, bool mentioned,
                       srch_timeline_t **out)
{
    *out = NULL;
    srch_timeline_t *t = calloc(1, sizeof(*t));
    if (!t)
        return CN_E_NOMEM;
    t->unit = unit == SRCH_TIMELINE_NONE ? SRCH_TIMELINE_MONTH : unit;
    t->mentioned = mentioned;
    struct collect c = { t, 0, 0, false };
    xapc_status_t xs = xapc_spy_foreach(spy, take_value, &c);
    if (xs || c.nomem || !fill_gaps(t)) {
        srch_timeline_destroy(t);
        return CN_E_NOMEM;
    }
    /* The spy skips documents without a value; it counts them all. */
    t->total = xapc_spy_documents(spy);
    t->undated = t->total > c.dated ? t->total - c.dated : 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].count > t->max)
            t->max = t->v[i].count;
    *out = t;
    return CN_OK;
}

void
srch_timeline_destroy(srch_timeline_t *t)
{
    if (!t)
        return;
    free(t->v);
    free(t);
}
