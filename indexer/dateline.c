/* SPDX-License-Identifier: MIT */
/* dateline.c - dates written inside fields and at the start of texts. */
#include "dateline.h"
#include "article.h"

#include <string.h>

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads 1..max digits at s[*i]; returns the count (0 when none). */
static int
digits(const char *s, size_t len, size_t *i, int max, int *val)
{
    int n = 0, v = 0;
    while (*i < len && n < max && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    *val = v;
    return n;
}

static int
valid(int y, int m, int d)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
           d <= mdays[m - 1];
}

static int
set(cn_buf_t *out, int y, int m, int d)
{
    if (!valid(y, m, d))
        return 0;
    cn_buf_clear(out);
    cn_buf_addf(out, "%04d-%02d-%02d", y, m, d);
    return 1;
}

/* Skips spaces (ASCII and the ideographic space) at s[*i]. */
static void
skip_spaces(const char *s, size_t len, size_t *i)
{
    for (;;) {
        if (*i < len && s[*i] == ' ')
            (*i)++;
        else if (*i + 3 <= len && memcmp(s + *i, "\xe3\x80\x80", 3) == 0)
            *i += 3;
        else
            return;
    }
}

/* Matches the UTF-8 marker 'm' at s[*i] (年/月/日 or 년/월/일). */
static int
marker(const char *s, size_t len, size_t *i, const char *const *alts)
{
    for (; *alts; alts++) {
        size_t n = strlen(*alts);
        if (*i + n <= len && memcmp(s + *i, *alts, n) == 0) {
            *i += n;
            return 1;
        }
    }
    return 0;
}

/* A date starting with 4 digits at s[at]: YYYY年M月D日, YYYY년 M월 D일,
 * YYYY-M-D, YYYY/M/D, YYYY.M.D, or (flag or brackets) YYYYMMDD. */
static int
date_at(const char *s, size_t len, size_t at, int compact, cn_buf_t *out)
{
    static const char *const year[] = { "\xe5\xb9\xb4", "\xeb\x85\x84", NULL };
    static const char *const month[] = { "\xe6\x9c\x88", "\xec\x9b\x94", NULL };
    static const char *const day[] = { "\xe6\x97\xa5", "\xec\x9d\xbc", NULL };
    size_t i = at;
    int y, m, d;
    if (digits(s, len, &i, 4, &y) != 4 || (i < len && is_digit(s[i]) && !compact))
        return 0;
    if (compact && i + 4 <= len && is_digit(s[i])) {
        size_t j = i;
        if (digits(s, len, &j, 2, &m) == 2 && digits(s, len, &j, 2, &d) == 2 &&
            !(j < len && is_digit(s[j])))
            return set(out, y, m, d);
        return 0;
    }
    if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i++];
        if (!digits(s, len, &i, 2, &m) || i >= len || s[i] != sep)
            return 0;
        i++;
        if (!digits(s, len, &i, 2, &d) || (i < len && is_digit(s[i])))
            return 0;
        return set(out, y, m, d);
    }
    skip_spaces(s, len, &i);
    if (!marker(s, len, &i, year))
        return 0;
    skip_spaces(s, len, &i);
    if (!digits(s, len, &i, 2, &m))
        return 0;
    skip_spaces(s, len, &i);
    if (!marker(s, len, &i, month))
        return 0;
    skip_spaces(s, len, &i);
    if (!digits(s, len, &i, 2, &d))
        return 0;
    skip_spaces(s, len, &i);
    if (!marker(s, len, &i, day))
        return 0;
    return set(out, y, m, d);
}

/* RFC 2822 style "10 Mar 1994" (as in RSS pubDate) at s[at]. */
static int
rfc2822_at(const char *s, size_t len, size_t at, cn_buf_t *out)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    size_t i = at;
    int d, y;
    if (!digits(s, len, &i, 2, &d) || i >= len || s[i] != ' ')
        return 0;
    i++;
    if (i + 4 > len || s[i + 3] != ' ')
        return 0;
    const char *p = NULL;
    for (int k = 0; k < 12 && !p; k++)
        if (strncasecmp(s + i, months + 3 * k, 3) == 0)
            p = months + 3 * k;
    if (!p)
        return 0;
    i += 4;
    if (digits(s, len, &i, 4, &y) != 4 || (i < len && is_digit(s[i])))
        return 0;
    return set(out, y, (int)((p - months) / 3) + 1, d);
}

int
idx_date_find(const char *s, size_t len, unsigned flags, cn_buf_t *out)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        int bracket = i > 0 && (s[i - 1] == '(' || s[i - 1] == '[');
        if (i >= 3 && (memcmp(s + i - 3, "\xef\xbc\x88", 3) == 0 || /* （ */
                       memcmp(s + i - 3, "\xe3\x80\x90", 3) == 0))  /* 【 */
            bracket = 1;
        if (date_at(s, len, i, (flags & IDX_DATE_COMPACT) || bracket, out))
            return 1;
        if (rfc2822_at(s, len, i, out))
            return 1;
    }
    return 0;
}

void
idx_date_from_field(cn_buf_t *date)
{
    if (!date->len)
        return;
    cn_buf_t orig = CN_BUF_INIT;
    cn_buf_add(&orig, date->data, date->len);
    idx_date_normalize(date);
    if (!date->len)
        idx_date_find(orig.data, orig.len, IDX_DATE_COMPACT, date);
    cn_buf_release(&orig);
}
