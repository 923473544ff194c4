/* SPDX-License-Identifier: MIT */
/* datewords.c - dates typed as query words -> weighted DM terms. */
#include "datewords.h"
#include "buf.h"
#include "dates.h"
#include "qparse.h"
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two reference days six months apart: a form whose month and day come
 * out the same against both named them itself, and only its year was
 * taken from the reference (11月19日); a bare 19日 takes its month from
 * the reference too and comes out different. */
static const ent_ymd_t ref_january = { 2001, 1, 15 };
static const ent_ymd_t ref_july = { 2001, 7, 15 };

static bool
yearless_day(const char *text, size_t len, char key[SRCH_DATE_KEY_MAX])
{
    ent_date_t a, b;
    if (ent_date_parse_query(text, len, &ref_january, &a) != CN_OK ||
        ent_date_parse_query(text, len, &ref_july, &b) != CN_OK)
        return false;
    unsigned odd = ENT_DATE_RANGE | ENT_DATE_RELATIVE | ENT_DATE_OPEN_START |
                   ENT_DATE_OPEN_END;
    if ((a.flags | b.flags) & odd || a.prec != ENT_PREC_DAY || b.prec != ENT_PREC_DAY)
        return false;
    if (a.start.m != b.start.m || a.start.d != b.start.d ||
        ent_ymd_days(&a.start) != ent_ymd_days(&a.end))
        return false;
    snprintf(key, SRCH_DATE_KEY_MAX, "--%02d-%02d", a.start.m, a.start.d);
    return true;
}

bool
srch_date_word_key(const char *text, size_t len, char key[SRCH_DATE_KEY_MAX])
{
    int is_range = 0;
    char lo[11], hi[11];
    const char *why;
    key[0] = '\0';
    if (!len)
        return false;
    if (srch_date_value(text, len, &is_range, lo, hi, &why) == CN_OK) {
        if (is_range)
            return false;
        memcpy(key, lo, strlen(lo) + 1);
        return true;
    }
    return yearless_day(text, len, key);
}

bool
srch_date_word_is_year(const char *key)
{
    return strlen(key) == 4;
}

size_t
srch_date_word_count(const char *key, size_t nyears)
{
    return key[0] == '-' ? nyears : 1;
}

void
srch_date_word_date(const char *key, const int *years, size_t i, char out[16])
{
    if (key[0] == '-')
        snprintf(out, 16, "%04d%s", years[i] % 10000, key + 1);
    else
        snprintf(out, 16, "%s", key);
}

static xapc_status_t
dm_term(const char *date, size_t len, xapc_query_t **out, char **errmsg)
{
    cn_buf_t t = CN_BUF_INIT;
    cn_buf_addstr(&t, CN_PREFIX_MENTIONED_DATE);
    cn_buf_add(&t, date, len);
    xapc_status_t xs = xapc_query_term(t.data, t.len, 1, 0, out, errmsg);
    cn_buf_release(&t);
    return xs;
}

xapc_status_t
srch_date_word_query(const char *key, double weight, const int *years, size_t nyears,
                     xapc_query_t **out, char **errmsg)
{
    *out = NULL;
    size_t n = srch_date_word_count(key, nyears);
    if (!n)
        return XAPC_OK;
    xapc_query_t **terms = calloc(n, sizeof(*terms));
    if (!terms)
        return XAPC_E_NOMEM;
    xapc_status_t xs = XAPC_OK;
    for (size_t i = 0; i < n && !xs; i++) {
        char day[16];
        srch_date_word_date(key, years, i, day);
        xs = dm_term(day, strlen(day), &terms[i], errmsg);
    }
    xapc_query_t *any = NULL, *weighted = NULL;
    if (!xs)
        xs = xapc_query_combine(XAPC_OP_OR, (const xapc_query_t *const *)terms, n, 0, &any,
                                errmsg);
    if (!xs)
        xs = xapc_query_const_weight(any, weight, &weighted, errmsg);
    if (!xs)
        xs = xapc_query_tag(weighted, "date", out, errmsg);
    xapc_query_destroy(any);
    xapc_query_destroy(weighted);
    for (size_t i = 0; i < n; i++)
        xapc_query_destroy(terms[i]);
    free(terms);
    return xs;
}

struct years_ctx {
    int *years;
    size_t n, alloc;
    bool nomem;
};

/* Keeps the DMYYYY terms: every mentioned date adds its year's. */
static int
keep_year(void *vctx, const char *term, size_t len, uint32_t freq)
{
    struct years_ctx *c = vctx;
    (void)freq;
    size_t plen = strlen(CN_PREFIX_MENTIONED_DATE);
    if (len != plen + 4)
        return 0;
    int y = 0;
    for (size_t i = plen; i < len; i++) {
        if (term[i] < '0' || term[i] > '9')
            return 0;
        y = y * 10 + (term[i] - '0');
    }
    if (c->n == c->alloc) {
        size_t na = c->alloc ? c->alloc * 2 : 16;
        int *v = realloc(c->years, na * sizeof(*v));
        if (!v) {
            c->nomem = true;
            return 1;
        }
        c->years = v;
        c->alloc = na;
    }
    c->years[c->n++] = y;
    return 0;
}

cn_status_t
srch_dm_years_read(xapc_reader_t *r, int **years, size_t *n, char **errmsg)
{
    struct years_ctx c = { NULL, 0, 0, false };
    *years = NULL;
    *n = 0;
    const char *prefix = CN_PREFIX_MENTIONED_DATE;
    xapc_status_t xs = xapc_reader_allterms(r, prefix, strlen(prefix), keep_year, &c);
    if (c.nomem) {
        free(c.years);
        return CN_E_NOMEM;
    }
    if (xs) {
        free(c.years);
        *errmsg = cn_strdupf("cannot list mentioned dates: %s", xapc_reader_last_error(r));
        return CN_E_DB;
    }
    *years = c.years;
    *n = c.n;
    return CN_OK;
}
