/* SPDX-License-Identifier: MIT */
/* t-dates.c - unit tests of entities/dates.c: the golden cases in
 * tests/cases/dates.cases, the calendar arithmetic, and invariants on
 * random input. */
#include "buf.h"
#include "dates.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Renders a found date as the cases file writes it. */
static void
render(cn_buf_t *out, const char *text, const ent_date_t *d)
{
    char a[11], b[11];
    ent_ymd_format(&d->start, ENT_PREC_DAY, a);
    ent_ymd_format(&d->end, ENT_PREC_DAY, b);
    if (text)
        cn_buf_addf(out, "%s%.*s=", out->len ? " | " : "",
                    (int)(d->end_off - d->start_off), text + d->start_off);
    if (strcmp(a, b) == 0)
        cn_buf_addf(out, "%s/%s", a, ent_date_prec_name(d->prec));
    else
        cn_buf_addf(out, "%s..%s/%s", a, b, ent_date_prec_name(d->prec));
}

struct render_ctx {
    const char *text;
    cn_buf_t *out;
};

static int
render_one(void *vctx, const ent_date_t *d)
{
    struct render_ctx *c = vctx;
    render(c->out, c->text, d);
    return 0;
}

static void
run_case(const char *where, char *line)
{
    char *f[4];
    int n = 0;
    for (char *p = line; n < 4; n++) {
        f[n] = p;
        char *tab = strchr(p, '\t');
        if (!tab) {
            n++;
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    if (!tap_ok(n == 4, "%s: four fields", where))
        return;
    ent_ymd_t art, *artp = NULL;
    if (strcmp(f[1], "-") != 0) {
        if (!tap_ok(ent_ymd_parse_iso(f[1], strlen(f[1]), &art), "%s: article date", where))
            return;
        artp = &art;
    }
    cn_buf_t got = CN_BUF_INIT;
    if (strcmp(f[0], "text") == 0) {
        struct render_ctx c = { f[2], &got };
        tap_ok(ent_dates_find(f[2], strlen(f[2]), artp, render_one, &c) == CN_OK,
               "%s: scan", where);
        if (!got.len)
            cn_buf_addstr(&got, "-");
    } else {
        ent_date_t d;
        cn_status_t st = ent_date_parse_query(f[2], strlen(f[2]), artp, &d);
        if (st == CN_OK)
            render(&got, NULL, &d);
        else
            cn_buf_addstr(&got, st == CN_E_QUERY_SYNTAX ? "error" : "bad-status");
    }
    tap_is_str(got.data, f[3], "%s: %s", where, f[2]);
    cn_buf_release(&got);
}

static void
test_cases_file(void)
{
    const char *dir = getenv("CASES_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/dates.cases", dir && *dir ? dir : "tests/cases");
    FILE *f = fopen(path, "r");
    if (!tap_ok(f != NULL, "open %s (set CASES_DIR or run from the repo root)", path))
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0, cases = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char where[64];
        snprintf(where, sizeof(where), "dates.cases:%u", lineno);
        run_case(where, line);
        cases++;
    }
    free(line);
    fclose(f);
    tap_ok(cases >= 50, "read %u cases", cases);
}

static void
test_calendar(void)
{
    /* Every day from 1900 to 2100 round-trips and days are consecutive. */
    ent_ymd_t d = { 1900, 1, 1 };
    long first = ent_ymd_days(&d), bad = 0;
    for (long k = 0; k < 73415; k++) {
        ent_ymd_t t = ent_ymd_from_days(first + k);
        if (!ent_ymd_valid(&t) || ent_ymd_days(&t) != first + k)
            bad++;
    }
    tap_is_int(bad, 0, "days round-trip from 1900 to 2100");
    ent_ymd_t t = ent_ymd_from_days(ent_ymd_days(&(ent_ymd_t){ 2024, 2, 28 }) + 1);
    tap_ok(t.y == 2024 && t.m == 2 && t.d == 29, "2024-02-28 + 1 is 2024-02-29");
    tap_ok(!ent_ymd_valid(&(ent_ymd_t){ 1900, 2, 29 }), "1900 is no leap year");
    tap_ok(ent_ymd_valid(&(ent_ymd_t){ 2000, 2, 29 }), "2000 is a leap year");
    ent_ymd_t a;
    tap_ok(!ent_ymd_parse_iso("2023-13-01", 10, &a), "month 13 is refused");
    tap_ok(!ent_ymd_parse_iso("2023-1-011", 10, &a), "a malformed date is refused");
    char buf[11];
    tap_is_int((long long)ent_ymd_format(&(ent_ymd_t){ 2023, 11, 19 }, ENT_PREC_MONTH, buf),
               7, "month format length");
    tap_is_str(buf, "2023-11", "month format");
    ent_ymd_t bogus = { 2023, 2, 30 };
    tap_ok(ent_dates_find("x", 1, &bogus, render_one, NULL) == CN_E_INVALID_ARGUMENT,
           "an invalid article date is refused");
}

static int
check_span(void *vctx, const ent_date_t *d)
{
    size_t *st = vctx; /* st[0]: text length, st[1]: last end, st[2]: errors */
    if (d->start_off >= d->end_off || d->end_off > st[0] || d->start_off < st[1] ||
        !ent_ymd_valid(&d->start) || !ent_ymd_valid(&d->end) ||
        ent_ymd_days(&d->end) < ent_ymd_days(&d->start))
        st[2]++;
    st[1] = d->end_off;
    return 0;
}

/* Random mixes of date pieces and junk: spans ordered, in bounds, valid. */
static void
test_random(void)
{
    static const char *const pieces[] = { "2023", "年", "11", "月", "19", "日", "至", "到",
                                          "-", " ", "令和", "元", "十", "二", "〇", "号",
                                          "\xff", "\xe5", "Nov", ", ", "昨天", "上周", "三",
                                          "今年", "년", "월", "일", "31", "0", "..", "2" };
    size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
    ent_ymd_t art = { 2023, 11, 21 };
    srand(5);
    size_t errors = 0;
    for (int round = 0; round < 3000; round++) {
        char text[256];
        size_t len = 0;
        int k = rand() % 16;
        for (int j = 0; j < k; j++) {
            const char *p = pieces[(size_t)rand() % npieces];
            size_t n = strlen(p);
            if (len + n >= sizeof(text))
                break;
            memcpy(text + len, p, n);
            len += n;
        }
        size_t st[3] = { len, 0, 0 };
        ent_dates_find(text, len, (round & 1) ? &art : NULL, check_span, st);
        errors += st[2];
        ent_date_t d;
        if (ent_date_parse_query(text, len, &art, &d) == CN_OK &&
            ent_ymd_days(&d.end) < ent_ymd_days(&d.start))
            errors++;
    }
    tap_is_int((long long)errors, 0, "random input: spans ordered, dates valid");
}

int
main(void)
{
    test_cases_file();
    test_calendar();
    test_random();
    return tap_done();
}
