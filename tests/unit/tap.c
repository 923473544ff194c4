/* SPDX-License-Identifier: MIT */
/* tap.c - TAP output for the unit tests: "ok N - what" / "not ok N - what". */
#include "tap.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static int tap_vreport(int cond, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static int
tap_vreport(int cond, const char *fmt, va_list ap)
{
    tap_count++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_count);
    vprintf(fmt, ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

int
tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vreport(cond, fmt, ap);
    va_end(ap);
    return cond;
}

int
tap_is_int(long long got, long long want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vreport(got == want, fmt, ap);
    va_end(ap);
    if (got != want)
        printf("#   got: %lld\n#  want: %lld\n", got, want);
    return got == want;
}

int
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
    int cond = got && want ? strcmp(got, want) == 0 : got == want;
    va_list ap;
    va_start(ap, fmt);
    tap_vreport(cond, fmt, ap);
    va_end(ap);
    if (!cond)
        printf("#   got: '%s'\n#  want: '%s'\n", got ? got : "(null)",
               want ? want : "(null)");
    return cond;
}

int
tap_is_mem(const char *got, size_t got_len, const char *want, size_t want_len,
           const char *fmt, ...)
{
    int cond = got_len == want_len && (!got_len || memcmp(got, want, got_len) == 0);
    va_list ap;
    va_start(ap, fmt);
    tap_vreport(cond, fmt, ap);
    va_end(ap);
    if (!cond)
        printf("#   got: '%.*s'\n#  want: '%.*s'\n", (int)got_len,
               got ? got : "", (int)want_len, want ? want : "");
    return cond;
}

void
tap_diag(const char *fmt, ...)
{
    va_list ap;
    printf("# ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void
tap_skip(const char *why)
{
    tap_count++;
    printf("ok %d # SKIP %s\n", tap_count, why);
}

int
tap_done(void)
{
    printf("1..%d\n", tap_count);
    if (tap_failed)
        printf("# %d of %d failed\n", tap_failed, tap_count);
    return tap_failed ? 1 : 0;
}

static int
remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

void
tap_remove_tree(const char *dir)
{
    if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
        tap_diag("could not remove %s", dir);
}
