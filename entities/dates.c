/* SPDX-License-Identifier: MIT */
/* dates.c - finding and normalising date expressions (see dates.h). The
 * scanner tries small hand-written parsers at each character and keeps
 * the longest match; every parser works on the original bytes, so the
 * offsets it reports are offsets into the passage. */
#include "dates.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Which parts of a date the text gave. */
#define HAVE_Y 1u
#define HAVE_M 2u
#define HAVE_D 4u

struct parts {
    int y, m, d;
    unsigned have;
};

/* The scanner's state: the text, the article date and the last day the
 * text named (当天 and 当日 refer to it; the article date before any). */
struct scan {
    const char *s;
    size_t len;
    const ent_ymd_t *art; /* NULL: no partial or relative dates */
    ent_ymd_t last_day;
    int anchored; /* the last match counted from last_day (次日): no new anchor */
    /* The non-ASCII characters a date can start with (first_chars()),
     * sorted: most characters of a text start none, and one binary
     * search rejects them before any parser runs. */
    uint32_t first[96];
    size_t nfirst;
};

/* ---- calendar ------------------------------------------------------ */

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
    static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

int
ent_ymd_valid(const ent_ymd_t *d)
{
    return d->y >= 1 && d->y <= 9999 && d->m >= 1 && d->m <= 12 && d->d >= 1 &&
           d->d <= month_days(d->y, d->m);
}

/* Counting from March makes the leap day the last of the counted year,
 * so the day number is a closed formula of (year, month, day). */
long
ent_ymd_days(const ent_ymd_t *d)
{
    long y = d->m <= 2 ? d->y - 1 : d->y;
    long mp = (d->m + 9) % 12; /* March = 0 ... February = 11 */
    long doy = (153 * mp + 2) / 5 + d->d - 1;
    return y * 365 + y / 4 - y / 100 + y / 400 + doy;
}

ent_ymd_t
ent_ymd_from_days(long days)
{
    /* Find the year by estimate and correction; days >= 0 here. */
    long y = (long)((double)days / 365.2425);
    ent_ymd_t t = { (int)y + 1, 3, 1 };
    while (y > 0 && ent_ymd_days(&(ent_ymd_t){ (int)y, 3, 1 }) > days)
        y--;
    while (ent_ymd_days(&(ent_ymd_t){ (int)y + 1, 3, 1 }) <= days)
        y++;
    long doy = days - ent_ymd_days(&(ent_ymd_t){ (int)y, 3, 1 });
    long mp = (5 * doy + 2) / 153;
    t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    t.y = (int)(t.m <= 2 ? y + 1 : y);
    return t;
}

static ent_ymd_t
add_days(const ent_ymd_t *d, long n)
{
    return ent_ymd_from_days(ent_ymd_days(d) + n);
}

/* Monday = 0 ... Sunday = 6. 0000-03-01 (day 0) was a Wednesday. */
static int
weekday(const ent_ymd_t *d)
{
    long w = (ent_ymd_days(d) + 2) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static void
add_months(int *y, int *m, int n)
{
    int t = *y * 12 + (*m - 1) + n;
    *y = t / 12;
    *m = t % 12 + 1;
}

size_t
ent_ymd_format(const ent_ymd_t *d, ent_date_prec_t prec, char out[11])
{
    int n;
    if (prec == ENT_PREC_YEAR)
        n = snprintf(out, 11, "%04d", d->y % 10000);
    else if (prec == ENT_PREC_MONTH)
        n = snprintf(out, 11, "%04d-%02d", d->y % 10000, d->m % 100);
    else
        n = snprintf(out, 11, "%04d-%02d-%02d", d->y % 10000, d->m % 100, d->d % 100);
    return n < 0 ? 0 : (size_t)n;
}

const char *
ent_date_prec_name(ent_date_prec_t p)
{
    return p == ENT_PREC_YEAR ? "year" : p == ENT_PREC_MONTH ? "month" : "day";
}

int
ent_ymd_parse_iso(const char *s, size_t len, ent_ymd_t *out)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    int v[3] = { 0, 0, 0 };
    static const int at[3] = { 0, 5, 8 }, n[3] = { 4, 2, 2 };
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < n[k]; j++) {
            char c = s[at[k] + j];
            if (c < '0' || c > '9')
                return 0;
            v[k] = v[k] * 10 + (c - '0');
        }
    ent_ymd_t d = { v[0], v[1], v[2] };
    if (!ent_ymd_valid(&d))
        return 0;
    *out = d;
    return 1;
}

/* ---- lexical helpers ----------------------------------------------- */

/* Length of 'w' when the text at i starts with it, else 0. */
static size_t
lit(const struct scan *sc, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i <= sc->len && sc->len - i >= n && memcmp(sc->s + i, w, n) == 0 ? n : 0;
}

/* The first of the words in 'ws' (NULL-terminated) found at i. */
static size_t
lit_any(const struct scan *sc, size_t i, const char *const *ws)
{
    for (; *ws; ws++) {
        size_t n = lit(sc, i, *ws);
        if (n)
            return n;
    }
    return 0;
}

/* ASCII or fullwidth digit at i: its value, and its byte length in *n. */
static int
digit_at(const struct scan *sc, size_t i, size_t *n)
{
    if (i < sc->len && sc->s[i] >= '0' && sc->s[i] <= '9') {
        *n = 1;
        return sc->s[i] - '0';
    }
    /* U+FF10..U+FF19 FULLWIDTH DIGIT ZERO..NINE: EF BC 90..99 */
    if (i + 2 < sc->len && (unsigned char)sc->s[i] == 0xEF &&
        (unsigned char)sc->s[i + 1] == 0xBC && (unsigned char)sc->s[i + 2] >= 0x90 &&
        (unsigned char)sc->s[i + 2] <= 0x99) {
        *n = 3;
        return (unsigned char)sc->s[i + 2] - 0x90;
    }
    return -1;
}

static int
is_ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A digit (ASCII or fullwidth) or ASCII letter ends just before i: a
 * number starting at i would be the tail of a longer token. */
static int
word_before(const struct scan *sc, size_t i)
{
    if (i == 0)
        return 0;
    char c = sc->s[i - 1];
    if ((c >= '0' && c <= '9') || is_ascii_alpha(c))
        return 1;
    size_t n;
    return i >= 3 && digit_at(sc, i - 3, &n) >= 0 && n == 3;
}

/* Reads up to 'max' digits at *i (at least one); more digits fail, so
 * 20231年 is no year. */
static int
read_num(const struct scan *sc, size_t *i, int max, int *val, int *ndig)
{
    size_t j = *i, n;
    int v = 0, k = 0, dg;
    while ((dg = digit_at(sc, j, &n)) >= 0) {
        if (++k > max)
            return 0;
        v = v * 10 + dg;
        j += n;
    }
    if (!k)
        return 0;
    *i = j;
    *val = v;
    *ndig = k;
    return 1;
}

/* Chinese numerals: 〇一二三四五六七八九 digit by digit (二〇二三) or
 * with 十 (十一, 二十, 三十一). */
static int
cjk_digit(const struct scan *sc, size_t i, size_t *n)
{
    static const char *const d[] = { "〇", "一", "二", "三", "四", "五",
                                     "六", "七", "八", "九", "零", "○" };
    for (int k = 0; k < 12; k++)
        if ((*n = lit(sc, i, d[k])))
            return k >= 10 ? 0 : k;
    return -1;
}

static int
read_cjk_num(const struct scan *sc, size_t *i, int *val, int *ndig)
{
    size_t j = *i, n;
    int v = 0, k = 0, dg, tens = 0;
    for (;;) {
        if ((n = lit(sc, j, "十"))) {
            if (tens)
                return 0;
            tens = 1;
            v = (k ? v : 1) * 10;
            j += n;
            continue;
        }
        if ((dg = cjk_digit(sc, j, &n)) < 0)
            break;
        if (tens) {
            v += dg;
            j += n;
            k++;
            break;
        }
        v = v * 10 + dg;
        j += n;
        if (++k > 4)
            return 0;
    }
    if (!k && !tens)
        return 0;
    /* 十 forms go up to 99 only after at most one leading digit. */
    if (tens && v > 99)
        return 0;
    *i = j;
    *val = v;
    *ndig = tens ? 0 : k;
    return 1;
}

static size_t
skip_spaces(const struct scan *sc, size_t i)
{
    for (int k = 0; k < 2 && i < sc->len && (sc->s[i] == ' ' || sc->s[i] == '\t'); k++)
        i++;
    return i;
}

/* ---- CJK forms: [era] Y年 M月 D日, Korean 년 월 일 ------------------------ */

static const char *const YEAR_UNIT[] = { "年", "년", NULL };
static const char *const MONTH_UNIT[] = { "月", "월", NULL };
static const char *const DAY_UNIT[] = { "日", "号", "號", "일", NULL };

/* Japanese eras: the year before each era's first year. */
static const struct era {
    const char *name;
    int base;
} ERAS[] = {
    { "令和", 2018 }, /* 令和元年 = 2019 */
    { "平成", 1988 }, /* 平成元年 = 1989 */
    { "昭和", 1925 }, /* 昭和元年 = 1926 */
    { "大正", 1911 }, /* 大正元年 = 1912 */
};

/* A year at i: era + number|元 + 年, or four digits + 年 (1000-2999),
 * or four Chinese digits + 年. */
static size_t
parse_year(const struct scan *sc, size_t i, int *y)
{
    size_t j = i, n;
    int v, nd;
    for (size_t e = 0; e < sizeof(ERAS) / sizeof(ERAS[0]); e++) {
        if (!(n = lit(sc, i, ERAS[e].name)))
            continue;
        j = i + n;
        if ((n = lit(sc, j, "元"))) {
            v = 1;
            j += n;
        } else if (!read_num(sc, &j, 2, &v, &nd) && !read_cjk_num(sc, &j, &v, &nd)) {
            return 0;
        }
        if (v < 1 || v > 99 || !(n = lit_any(sc, j, YEAR_UNIT)))
            return 0;
        *y = ERAS[e].base + v;
        return j + n;
    }
    if (read_num(sc, &j, 4, &v, &nd)) {
        if (nd != 4 || word_before(sc, i))
            return 0;
    } else if (!read_cjk_num(sc, &j, &v, &nd) || nd != 4) {
        return 0;
    }
    if (v < 1000 || v > 2999 || !(n = lit_any(sc, j, YEAR_UNIT)))
        return 0;
    /* 1990年代 is a decade, not a year. */
    if (lit(sc, j + n, "代"))
        return 0;
    *y = v;
    return j + n;
}

/* A number 1..max then one of 'units'. */
static size_t
parse_unit_num(const struct scan *sc, size_t i, int max, const char *const *units,
               int *out)
{
    size_t j = i, n;
    int v, nd;
    if (read_num(sc, &j, 2, &v, &nd)) {
        if (word_before(sc, i))
            return 0;
    } else if (!read_cjk_num(sc, &j, &v, &nd)) {
        return 0;
    }
    if (v < 1 || v > max || !(n = lit_any(sc, j, units)))
        return 0;
    *out = v;
    return j + n;
}

/* 19日 on its own is a date only where it cannot be a count of days
 * (3日内, 前5日, 30日均线, 5日元). */
static int
bare_day_ok(const struct scan *sc, size_t start, size_t end)
{
    static const char *const after[] = { "内", "內", "间", "間", "均", "以",
                                         "元", "圆", "后", "後", "前", "左",
                                         "之", "간", "이내", "동안", NULL };
    static const char *const before[] = { "第", "每", "数", "數", "几", "幾",
                                          "近", "多", "前", "连", "連", "续",
                                          "續", "约", "約", "逾", "超", "满",
                                          "滿", "共", "达", "達", NULL };
    if (lit_any(sc, end, after) || lit_any(sc, skip_spaces(sc, end), after))
        return 0;
    if (sc->s[start] < '0' || sc->s[start] > '9')
        return 0;
    for (const char *const *w = before; *w; w++) {
        size_t n = strlen(*w);
        if (start >= n && memcmp(sc->s + start - n, *w, n) == 0)
            return 0;
    }
    return 1;
}

static size_t
parse_cjk(const struct scan *sc, size_t i, int bare_day, struct parts *p)
{
    size_t j = i, k;
    p->have = 0;
    if ((k = parse_year(sc, j, &p->y))) {
        p->have |= HAVE_Y;
        j = k;
    }
    size_t mstart = p->have ? skip_spaces(sc, j) : j;
    if ((k = parse_unit_num(sc, mstart, 12, MONTH_UNIT, &p->m))) {
        p->have |= HAVE_M;
        j = k;
    }
    if (p->have && !(p->have & HAVE_M))
        return j; /* a year alone */
    size_t dstart = p->have ? skip_spaces(sc, j) : j;
    if ((k = parse_unit_num(sc, dstart, 31, DAY_UNIT, &p->d))) {
        if (!p->have && (!bare_day || !bare_day_ok(sc, dstart, k)))
            return 0;
        if (lit(sc, k, "元") || lit(sc, k, "圆"))
            return p->have ? j : 0; /* 5日元 is yen */
        p->have |= HAVE_D;
        j = k;
    }
    return p->have ? j : 0;
}

/* ---- ISO and slashed: 2023-11-19, 2023/11/19, 2023.11.19 --------------- */

static size_t
parse_iso(const struct scan *sc, size_t i, struct parts *p)
{
    size_t j = i;
    int v[3], nd;
    if (word_before(sc, i) || (i > 0 && (sc->s[i - 1] == '.' || sc->s[i - 1] == '/')))
        return 0;
    if (!read_num(sc, &j, 4, &v[0], &nd) || nd != 4 || j >= sc->len)
        return 0;
    char sep = sc->s[j];
    if (sep != '-' && sep != '/' && sep != '.')
        return 0;
    j++;
    if (!read_num(sc, &j, 2, &v[1], &nd) || j >= sc->len || sc->s[j] != sep)
        return 0;
    j++;
    if (!read_num(sc, &j, 2, &v[2], &nd))
        return 0;
    /* 2023.11.19.1 or 2023-11-19-2 is a version or a code, not a date. */
    if (j + 1 < sc->len && sc->s[j] == sep && sc->s[j + 1] >= '0' && sc->s[j + 1] <= '9')
        return 0;
    ent_ymd_t d = { v[0], v[1], v[2] };
    if (d.y < 1000 || d.y > 2999 || !ent_ymd_valid(&d))
        return 0;
    p->y = d.y;
    p->m = d.m;
    p->d = d.d;
    p->have = HAVE_Y | HAVE_M | HAVE_D;
    return j;
}

/* ---- English: November 19, 2023 / 19 Nov 2023 / November 2023 ----------- */

static const char *const MONTHS[12] = { "january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december" };

/* A capitalised month name or its three-letter (or "Sept") abbreviation,
 * with an optional full stop after the abbreviation. */
static size_t
parse_month_name(const struct scan *sc, size_t i, int *m)
{
    if (i >= sc->len || sc->s[i] < 'A' || sc->s[i] > 'Z' || word_before(sc, i))
        return 0;
    size_t n = 0;
    while (i + n < sc->len && is_ascii_alpha(sc->s[i + n]))
        n++;
    if (n < 3 || n > 9)
        return 0;
    char w[10];
    for (size_t k = 0; k < n; k++)
        w[k] = (char)(sc->s[i + k] | 0x20);
    w[n] = 0;
    for (int k = 0; k < 12; k++) {
        int full = strcmp(w, MONTHS[k]) == 0;
        int abbr = (n == 3 && memcmp(w, MONTHS[k], 3) == 0) ||
                   (k == 8 && strcmp(w, "sept") == 0);
        if (full || abbr) {
            *m = k + 1;
            if (!full && i + n < sc->len && sc->s[i + n] == '.')
                n++;
            return i + n;
        }
    }
    return 0;
}

static size_t
en_day(const struct scan *sc, size_t i, int *d)
{
    size_t j = i;
    int nd;
    if (!read_num(sc, &j, 2, d, &nd) || *d < 1 || *d > 31)
        return 0;
    static const char *const sfx[] = { "st", "nd", "rd", "th", NULL };
    j += lit_any(sc, j, sfx);
    if (j < sc->len && (is_ascii_alpha(sc->s[j]) || (sc->s[j] >= '0' && sc->s[j] <= '9')))
        return 0;
    return j;
}

static size_t
en_year(const struct scan *sc, size_t i, int *y)
{
    size_t j = i;
    int nd;
    if (!read_num(sc, &j, 4, y, &nd) || nd != 4 || *y < 1000 || *y > 2999)
        return 0;
    if (j < sc->len && is_ascii_alpha(sc->s[j]))
        return 0;
    return j;
}

static size_t
parse_en(const struct scan *sc, size_t i, struct parts *p)
{
    size_t j, k;
    p->have = 0;
    if ((j = parse_month_name(sc, i, &p->m))) {
        /* Month [Day[,]] [Year] */
        p->have = HAVE_M;
        if (j < sc->len && sc->s[j] == ' ' && (k = en_day(sc, j + 1, &p->d))) {
            p->have |= HAVE_D;
            j = k;
            if (j < sc->len && sc->s[j] == ',')
                j++;
        }
        if (j < sc->len && sc->s[j] == ' ' && (k = en_year(sc, j + 1, &p->y))) {
            p->have |= HAVE_Y;
            j = k;
        } else if (j > 0 && sc->s[j - 1] == ',') {
            j--;
        }
        return p->have == HAVE_M ? 0 : j; /* "May" alone is not a date */
    }
    /* Day Month [Year] */
    if (word_before(sc, i) || !(j = en_day(sc, i, &p->d)) || j >= sc->len || sc->s[j] != ' ')
        return 0;
    if (!(j = parse_month_name(sc, j + 1, &p->m)))
        return 0;
    p->have = HAVE_D | HAVE_M;
    if (j < sc->len && sc->s[j] == ',')
        j++;
    if (j < sc->len && sc->s[j] == ' ' && (k = en_year(sc, j + 1, &p->y))) {
        p->have |= HAVE_Y;
        j = k;
    }
    return j;
}

/* ---- from parts to a date ---------------------------------------- */

/* Fills a date from its parts, taking the missing year (and month) from
 * the article date; a partial date lands within half a year (half a month
 * for a bare day) of the article, so 12月28日 in an article of 2024-01-03
 * is in 2023 (the window is in the comment below). Returns 0 when the parts give no valid date. */
static int
resolve(const struct scan *sc, const struct parts *p, ent_date_t *out)
{
    int y = p->y, m = p->m, d = p->d;
    unsigned flags = 0;
    if (!(p->have & HAVE_Y)) {
        if (!sc->art)
            return 0;
        flags |= ENT_DATE_INFERRED;
        y = sc->art->y;
        if (!(p->have & HAVE_M))
            m = sc->art->m;
    }
    if (!(p->have & HAVE_D) && (p->have & HAVE_Y) && !(p->have & HAVE_M)) {
        out->start = (ent_ymd_t){ y, 1, 1 };
        out->end = (ent_ymd_t){ y, 12, 31 };
        out->prec = ENT_PREC_YEAR;
        out->flags = flags;
        return 1;
    }
    if (flags & ENT_DATE_INFERRED) {
        ent_ymd_t c = { y, m, (p->have & HAVE_D) ? d : 15 };
        if (!(p->have & HAVE_M)) {
            /* A bare day: the article's month, or the one before or after. */
            long diff = (long)d - sc->art->d;
            if (diff > 15)
                add_months(&y, &m, -1);
            else if (diff < -15)
                add_months(&y, &m, 1);
        } else {
            if (c.d > month_days(c.y, c.m))
                return 0;
            /* News looks back more than ahead: up to three quarters of a
             * year back, up to half a year ahead. */
            long diff = ent_ymd_days(&c) - ent_ymd_days(sc->art);
            if (diff > 183)
                y--;
            else if (diff < -274)
                y++;
        }
    }
    if (p->have & HAVE_D) {
        ent_ymd_t t = { y, m, d };
        if (!ent_ymd_valid(&t))
            return 0;
        out->start = out->end = t;
        out->prec = ENT_PREC_DAY;
    } else {
        out->start = (ent_ymd_t){ y, m, 1 };
        out->end = (ent_ymd_t){ y, m, month_days(y, m) };
        if (!ent_ymd_valid(&out->start))
            return 0;
        out->prec = ENT_PREC_MONTH;
    }
    out->flags = flags;
    return 1;
}

/* ---- relative expressions ------------------------------------------- */

/* REL_SAME_DAY counts from the last day the text named (当天, 次日);
 * the others from the article's date. */
enum rel_unit { REL_DAY, REL_WEEK, REL_MONTH, REL_YEAR, REL_SAME_DAY };

static const struct rel {
    const char *word;
    enum rel_unit unit;
    int offset;
} RELS[] = {
    /* Chinese (simplified and traditional) */
    { "今天", REL_DAY, 0 },       { "今日", REL_DAY, 0 },
    { "昨天", REL_DAY, -1 },      { "昨日", REL_DAY, -1 },
    { "前天", REL_DAY, -2 },      { "明天", REL_DAY, 1 },
    { "明日", REL_DAY, 1 },       { "后天", REL_DAY, 2 },
    { "後天", REL_DAY, 2 },       { "当天", REL_SAME_DAY, 0 },
    { "當天", REL_SAME_DAY, 0 },  { "当日", REL_SAME_DAY, 0 },
    { "當日", REL_SAME_DAY, 0 },  { "同日", REL_SAME_DAY, 0 },
    { "次日", REL_SAME_DAY, 1 },  { "翌日", REL_SAME_DAY, 1 },
    { "前一天", REL_SAME_DAY, -1 }, { "前一日", REL_SAME_DAY, -1 },
    { "本周", REL_WEEK, 0 },      { "本週", REL_WEEK, 0 },
    { "这周", REL_WEEK, 0 },      { "這週", REL_WEEK, 0 },
    { "上周", REL_WEEK, -1 },     { "上週", REL_WEEK, -1 },
    { "上星期", REL_WEEK, -1 },   { "下周", REL_WEEK, 1 },
    { "下週", REL_WEEK, 1 },      { "下星期", REL_WEEK, 1 },
    { "本月", REL_MONTH, 0 },     { "这个月", REL_MONTH, 0 },
    { "這個月", REL_MONTH, 0 },   { "上个月", REL_MONTH, -1 },
    { "上個月", REL_MONTH, -1 },  { "上月", REL_MONTH, -1 },
    { "下个月", REL_MONTH, 1 },   { "下個月", REL_MONTH, 1 },
    { "下月", REL_MONTH, 1 },     { "今年", REL_YEAR, 0 },
    { "去年", REL_YEAR, -1 },     { "前年", REL_YEAR, -2 },
    { "明年", REL_YEAR, 1 },
    /* Japanese */
    { "一昨日", REL_DAY, -2 },    { "今週", REL_WEEK, 0 },
    { "先週", REL_WEEK, -1 },     { "来週", REL_WEEK, 1 },
    { "今月", REL_MONTH, 0 },     { "先月", REL_MONTH, -1 },
    { "来月", REL_MONTH, 1 },     { "昨年", REL_YEAR, -1 },
    { "来年", REL_YEAR, 1 },
    /* Korean */
    { "오늘", REL_DAY, 0 },       { "어제", REL_DAY, -1 },
    { "이날", REL_SAME_DAY, 0 },  { "당일", REL_SAME_DAY, 0 },
    { "전날", REL_SAME_DAY, -1 }, { "다음날", REL_SAME_DAY, 1 },
    { "이달", REL_MONTH, 0 },
    { "그저께", REL_DAY, -2 },    { "내일", REL_DAY, 1 },
    { "이번 주", REL_WEEK, 0 },   { "이번주", REL_WEEK, 0 },
    { "지난주", REL_WEEK, -1 },   { "지난 주", REL_WEEK, -1 },
    { "다음 주", REL_WEEK, 1 },   { "다음주", REL_WEEK, 1 },
    { "이번 달", REL_MONTH, 0 },  { "이번달", REL_MONTH, 0 },
    { "지난달", REL_MONTH, -1 },  { "지난 달", REL_MONTH, -1 },
    { "다음 달", REL_MONTH, 1 },  { "다음달", REL_MONTH, 1 },
    { "올해", REL_YEAR, 0 },      { "지난해", REL_YEAR, -1 },
    { "작년", REL_YEAR, -1 },     { "내년", REL_YEAR, 1 },
    /* English (lower-case or capitalised) */
    { "today", REL_DAY, 0 },      { "Today", REL_DAY, 0 },
    { "yesterday", REL_DAY, -1 }, { "Yesterday", REL_DAY, -1 },
    { "tomorrow", REL_DAY, 1 },   { "Tomorrow", REL_DAY, 1 },
};

/* 上周三: a weekday after a week word (Monday = 0). */
static size_t
weekday_after(const struct scan *sc, size_t j, int *wd)
{
    static const char *const days[] = { "一", "二", "三", "四", "五", "六" };
    size_t n;
    for (int k = 0; k < 6; k++)
        if ((n = lit(sc, j, days[k]))) {
            *wd = k;
            return j + n;
        }
    if ((n = lit(sc, j, "日")) || (n = lit(sc, j, "天"))) {
        *wd = 6;
        return j + n;
    }
    return 0;
}

static size_t
parse_relative(struct scan *sc, size_t i, ent_date_t *out)
{
    if (!sc->art)
        return 0;
    const struct rel *r = NULL;
    size_t j = 0;
    for (size_t k = 0; k < sizeof(RELS) / sizeof(RELS[0]); k++)
        if ((j = lit(sc, i, RELS[k].word))) {
            r = &RELS[k];
            break;
        }
    if (!r)
        return 0;
    if (is_ascii_alpha(r->word[0]) &&
        (word_before(sc, i) || (i + j < sc->len && is_ascii_alpha(sc->s[i + j]))))
        return 0;
    j += i;
    const ent_ymd_t *a = sc->art;
    out->flags = ENT_DATE_RELATIVE;
    out->prec = ENT_PREC_DAY;
    switch (r->unit) {
    case REL_SAME_DAY:
        /* 当天, 次日, 이날, 전날: the last day named, or the article's. */
        out->start = out->end = add_days(&sc->last_day, r->offset);
        sc->anchored = 1;
        return j;
    case REL_DAY:
        out->start = out->end = add_days(a, r->offset);
        return j;
    case REL_WEEK: {
        ent_ymd_t mon = add_days(a, -weekday(a) + 7L * r->offset);
        int wd;
        size_t k = (r->word[0] & 0x80) ? weekday_after(sc, j, &wd) : 0;
        if (k) {
            out->start = out->end = add_days(&mon, wd);
            return k;
        }
        out->start = mon;
        out->end = add_days(&mon, 6);
        return j;
    }
    case REL_MONTH: {
        int y = a->y, m = a->m;
        add_months(&y, &m, r->offset);
        out->start = (ent_ymd_t){ y, m, 1 };
        out->end = (ent_ymd_t){ y, m, month_days(y, m) };
        out->prec = ENT_PREC_MONTH;
        return j;
    }
    case REL_YEAR: {
        /* 今年4月, 去年11月19日: the relative year with a month (and day). */
        struct parts p;
        size_t k = skip_spaces(sc, j);
        int m;
        if (parse_unit_num(sc, k, 12, MONTH_UNIT, &m)) {
            struct scan fixed = *sc;
            fixed.art = NULL;
            size_t e = parse_cjk(&fixed, k, 0, &p);
            if (e && (p.have & HAVE_M) && !(p.have & HAVE_Y)) {
                p.y = a->y + r->offset;
                p.have |= HAVE_Y;
                if (resolve(&fixed, &p, out)) {
                    out->flags |= ENT_DATE_RELATIVE;
                    return e;
                }
            }
        }
        int y = a->y + r->offset;
        out->start = (ent_ymd_t){ y, 1, 1 };
        out->end = (ent_ymd_t){ y, 12, 31 };
        out->prec = ENT_PREC_YEAR;
        return j;
    }
    }
    return 0;
}

/* ---- the scanner -------------------------------------------------- */

static void
add_first(struct scan *sc, const char *w)
{
    uint32_t cp;
    cn_utf8_decode(w, strlen(w), &cp);
    if (cp < 0x80 || sc->nfirst >= sizeof(sc->first) / sizeof(sc->first[0]))
        return;
    size_t k = sc->nfirst;
    while (k > 0 && sc->first[k - 1] > cp)
        k--;
    if (k > 0 && sc->first[k - 1] == cp)
        return;
    memmove(sc->first + k + 1, sc->first + k, (sc->nfirst - k) * sizeof(uint32_t));
    sc->first[k] = cp;
    sc->nfirst++;
}

/* Collects the first characters of every word a parser starts with. */
static void
first_chars(struct scan *sc)
{
    static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六",
                                          "七", "八", "九", "零", "○", "十" };
    sc->nfirst = 0;
    for (size_t k = 0; k < sizeof(RELS) / sizeof(RELS[0]); k++)
        add_first(sc, RELS[k].word);
    for (size_t k = 0; k < sizeof(ERAS) / sizeof(ERAS[0]); k++)
        add_first(sc, ERAS[k].name);
    for (size_t k = 0; k < sizeof(digits) / sizeof(digits[0]); k++)
        add_first(sc, digits[k]);
}

/* Whether a date can start at i: a digit, a letter (month names, today),
 * a fullwidth digit or one of the collected characters. */
static int
may_start(const struct scan *sc, size_t i)
{
    unsigned char c = (unsigned char)sc->s[i];
    /* Lower-case words: only today, tomorrow and yesterday. */
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == 't' || c == 'y';
    uint32_t cp;
    cn_utf8_decode(sc->s + i, sc->len - i, &cp);
    if (cp >= 0xFF10 && cp <= 0xFF19)
        return 1;
    size_t lo = 0, hi = sc->nfirst;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sc->first[mid] == cp)
            return 1;
        if (sc->first[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The longest absolute date at i, as parts. */
static size_t
parse_parts(const struct scan *sc, size_t i, int bare_day, struct parts *p)
{
    struct parts q;
    size_t best = 0, e;
    if ((e = parse_iso(sc, i, &q)) > best) {
        best = e;
        *p = q;
    }
    if ((e = parse_cjk(sc, i, bare_day, &q)) > best) {
        best = e;
        *p = q;
    }
    if ((e = parse_en(sc, i, &q)) > best) {
        best = e;
        *p = q;
    }
    return best;
}

static unsigned
finest(unsigned have)
{
    return (have & HAVE_D) ? HAVE_D : (have & HAVE_M) ? HAVE_M : HAVE_Y;
}

/* After a date ending at j: a connector and a second date of the same
 * precision, its missing year or month taken from the first
 * (11月17日到20日, 2016年至2020年). Returns the range's end or 0. */
static size_t
parse_range_tail(const struct scan *sc, size_t j, const struct parts *first,
                 ent_date_t *d)
{
    static const char *const conn[] = { "至", "到", "~", "～", "〜", "-", "－",
                                        "—", "–", "から", NULL };
    size_t k = skip_spaces(sc, j), n;
    if (!(n = lit_any(sc, k, conn)))
        return 0;
    k = skip_spaces(sc, k + n);
    struct parts p;
    size_t e = parse_parts(sc, k, 1, &p);
    if (!e || finest(p.have) != finest(first->have))
        return 0;
    if (!(p.have & HAVE_Y) && (first->have & HAVE_Y)) {
        p.y = first->y;
        p.have |= HAVE_Y;
        if (!(p.have & HAVE_M) && (first->have & HAVE_M)) {
            p.m = first->m;
            p.have |= HAVE_M;
        }
    } else if (!(p.have & HAVE_M) && (first->have & HAVE_M)) {
        p.m = first->m;
        p.have |= HAVE_M;
    }
    ent_date_t second;
    struct scan fixed = *sc;
    if (!(first->have & HAVE_Y) && !(p.have & HAVE_Y)) {
        /* Both partial: resolve the second in the first's year (and month,
         * for 17日到20日). */
        p.y = d->start.y;
        if (!(p.have & HAVE_M))
            p.m = d->start.m;
        p.have |= HAVE_Y | HAVE_M;
        fixed.art = NULL;
    }
    if (!resolve(&fixed, &p, &second) || ent_ymd_days(&second.end) < ent_ymd_days(&d->start))
        return 0;
    d->end = second.end;
    d->flags |= ENT_DATE_RANGE | second.flags;
    e += lit(sc, e, "まで");
    return e;
}

/* The date starting at i, if any: its end, with *d filled. */
static size_t
match_at(struct scan *sc, size_t i, ent_date_t *d)
{
    struct parts p;
    ent_date_t rel;
    sc->anchored = 0;
    size_t e = parse_parts(sc, i, 1, &p);
    size_t er = parse_relative(sc, i, &rel);
    if (er > e) {
        *d = rel;
        e = er;
    } else {
        /* The absolute date wins: it is an anchor whatever was tried. */
        sc->anchored = 0;
        if (!e || !resolve(sc, &p, d))
            return 0;
        size_t et = parse_range_tail(sc, e, &p, d);
        if (et)
            e = et;
    }
    /* Relative arithmetic can leave the calendar (去年 in year 1). */
    if (!ent_ymd_valid(&d->start) || !ent_ymd_valid(&d->end))
        return 0;
    d->start_off = i;
    d->end_off = e;
    return e;
}

cn_status_t
ent_dates_find(const char *text, size_t len, const ent_ymd_t *article,
               ent_date_emit_fn emit, void *ctx)
{
    if (article && !ent_ymd_valid(article))
        return CN_E_INVALID_ARGUMENT;
    struct scan sc;
    memset(&sc, 0, sizeof(sc));
    sc.s = text;
    sc.len = len;
    sc.art = article;
    if (article)
        sc.last_day = *article;
    first_chars(&sc);
    size_t i = 0;
    /* Invariant: every date reported so far ends at or before i, and i is
     * at the start of a UTF-8 sequence (or a stray byte). */
    while (i < len) {
        ent_date_t d;
        size_t e = may_start(&sc, i) ? match_at(&sc, i, &d) : 0;
        if (e > i) {
            if (d.prec == ENT_PREC_DAY && !sc.anchored &&
                ent_ymd_days(&d.start) == ent_ymd_days(&d.end))
                sc.last_day = d.start;
            if (emit(ctx, &d))
                return CN_OK;
            i = e;
            continue;
        }
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    }
    return CN_OK;
}

/* ---- query dates -------------------------------------------------- */

struct one_ctx {
    int count;
    ent_date_t d;
};

static int
take_whole(void *vctx, const ent_date_t *d)
{
    struct one_ctx *c = vctx;
    c->count++;
    c->d = *d;
    return 0;
}

/* ISO at any precision: 2023, 2023-11, 2023-11-19 ('/' or '.' too). */
static int
parse_query_iso(const char *s, size_t len, ent_date_t *out)
{
    struct scan sc;
    memset(&sc, 0, sizeof(sc));
    sc.s = s;
    sc.len = len;
    size_t j = 0;
    int v[3] = { 0, 1, 1 }, nd, k = 0;
    if (!read_num(&sc, &j, 4, &v[0], &nd) || nd != 4)
        return 0;
    char sep = j < len ? s[j] : 0;
    while (j < len && k < 2 && s[j] == sep && (sep == '-' || sep == '/' || sep == '.')) {
        j++;
        if (!read_num(&sc, &j, 2, &v[++k], &nd))
            return 0;
    }
    if (j != len)
        return 0;
    ent_ymd_t d = { v[0], v[1], v[2] };
    if (!ent_ymd_valid(&d))
        return 0;
    out->start = out->end = d;
    out->prec = k == 2 ? ENT_PREC_DAY : k == 1 ? ENT_PREC_MONTH : ENT_PREC_YEAR;
    if (k == 1)
        out->end.d = month_days(d.y, d.m);
    else if (k == 0)
        out->end = (ent_ymd_t){ d.y, 12, 31 };
    out->flags = 0;
    return 1;
}

static int
parse_query_one(const char *s, size_t len, const ent_ymd_t *today, ent_date_t *out)
{
    if (parse_query_iso(s, len, out))
        return 1;
    struct one_ctx c = { 0, { 0, 0, { 0, 0, 0 }, { 0, 0, 0 }, ENT_PREC_DAY, 0 } };
    if (ent_dates_find(s, len, today, take_whole, &c) != CN_OK)
        return 0;
    if (c.count != 1 || c.d.start_off != 0 || c.d.end_off != len)
        return 0;
    *out = c.d;
    return 1;
}

cn_status_t
ent_date_parse_query(const char *s, size_t len, const ent_ymd_t *today, ent_date_t *out)
{
    while (len && s[len - 1] == ' ')
        len--;
    size_t lead = 0;
    while (lead < len && s[lead] == ' ')
        lead++;
    const char *t = s + lead;
    size_t n = len - lead;
    if (today && !ent_ymd_valid(today))
        today = NULL;
    ent_date_t d;
    const char *dots = n >= 2 ? memmem(t, n, "..", 2) : NULL;
    if (!dots) {
        if (!parse_query_one(t, n, today, &d))
            return CN_E_QUERY_SYNTAX;
    } else {
        size_t l1 = (size_t)(dots - t), l2 = n - l1 - 2;
        ent_date_t a = { 0 }, b = { 0 };
        if (l1 == 0 && l2 == 0)
            return CN_E_QUERY_SYNTAX;
        if (l1 && !parse_query_one(t, l1, today, &a))
            return CN_E_QUERY_SYNTAX;
        if (l2 && !parse_query_one(dots + 2, l2, today, &b))
            return CN_E_QUERY_SYNTAX;
        d = l1 ? a : b;
        d.flags |= ENT_DATE_RANGE;
        if (!l1) {
            d.start = (ent_ymd_t){ 0, 1, 1 };
            d.flags |= ENT_DATE_OPEN_START;
        }
        if (l2) {
            d.end = b.end;
            if (l1 && b.prec > a.prec)
                d.prec = b.prec;
        } else {
            d.end = (ent_ymd_t){ 9999, 12, 31 };
            d.flags |= ENT_DATE_OPEN_END;
        }
        if (l1 && l2 && ent_ymd_days(&d.end) < ent_ymd_days(&d.start))
            return CN_E_QUERY_SYNTAX;
    }
    d.start_off = 0;
    d.end_off = len;
    *out = d;
    return CN_OK;
}
