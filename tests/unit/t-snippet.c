/* SPDX-License-Identifier: MIT */
/* t-snippet.c - snippet windows: display width, character boundaries,
 * the window holding the most matches. */
#include "snippet.h"
#include "tap.h"

#include <stdio.h>
#include <string.h>

static void
check(const char *text, size_t span_start, size_t span_end, size_t cols,
      const char *want, const char *name)
{
    srch_span_t sp = { span_start, span_end };
    size_t a, b;
    srch_snippet_window(text, strlen(text), &sp, span_end > span_start, cols, &a, &b);
    char got[256];
    snprintf(got, sizeof(got), "%.*s", (int)(b - a), text + a);
    is_str(got, want, "%s", name);
}

int
main(void)
{
    check("short text", 0, 5, 20, "short text", "a text that fits is whole");
    /* 10 CJK characters = 20 columns; a window of 9 columns holds 4. */
    const char *cjk = "一二三四五六七八九十";
    check(cjk, 0, 3, 9, "一二三四", "wide characters count two columns");
    /* the match 八 (bytes 21..24): backs off 9/4 = 2 columns (one char) */
    check(cjk, 21, 24, 9, "七八九十", "the window moves to the match, with context");
    check("abcdefghij", 8, 9, 4, "hij", "ASCII near the end: the rest of the text");
    /* a combining mark is never separated from its base */
    check("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 0, 3, 2, "e\xCC\x81" "e\xCC\x81",
          "clusters stay whole");
    srch_span_t sp[2] = { { 0, 3 }, { 27, 30 } };
    size_t a, b;
    srch_snippet_window(cjk, strlen(cjk), sp, 2, 4, &a, &b);
    ok(a == 0 && b == 6, "ties keep the first window (%zu..%zu)", a, b);
    return tap_done();
}
