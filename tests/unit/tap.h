/* SPDX-License-Identifier: MIT */
/* tap.h - a minimal TAP producer for the C unit tests. */
#ifndef CN_TAP_H
#define CN_TAP_H
#include <stddef.h>

/* Each returns its condition, so a test can stop early on failure. */
int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tap_is_int(long long got, long long want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tap_is_str(const char *got, const char *want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int tap_is_mem(const char *got, size_t got_len, const char *want,
               size_t want_len, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tap_skip(const char *why);
/* Removes the directory tree at 'dir' (a test's scratch directory). */
void tap_remove_tree(const char *dir);
/* Prints the plan and returns the exit status (0 if all passed). */
int tap_done(void);

#define ok tap_ok
#define is_int tap_is_int
#define is_str tap_is_str

#endif
