/* SPDX-License-Identifier: MIT */
/* bug.h - internal invariant checks: report file:line and abort.
 * Never used to validate input; only for states the code itself rules out. */
#ifndef CN_BUG_H
#define CN_BUG_H

void cn_bug_report(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

#define CN_BUG(...) cn_bug_report(__FILE__, __LINE__, __VA_ARGS__)

#endif
