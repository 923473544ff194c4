/* SPDX-License-Identifier: MIT */
/* fuzz-encoding.c - libFuzzer target for idx_decode_to_utf8(): the first
 * byte picks a forced charset (or detection), the rest is the document;
 * the result must be CN_OK and valid UTF-8 without NUL.
 *
 * `make fuzz` builds it with libFuzzer; `make check` replays its seeds
 * and regressions through tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "encoding.h"
#include "utf8.h"

/* Inputs are capped like the other targets: longer ones find nothing new
 * and slow the run (utf8proc's fuzzer uses the same cap). */
#define FUZZ_MAX_LEN (64 * 1024)

/* Labels as users and pages spell them, so the alias lookup is covered
 * too; first bytes past the end of the table mean "detect". */
static const char *const forced_names[] = {
    "UTF-8",     "GB18030",     "gbk",         "Big5",     "Shift_JIS",
    "EUC-JP",    "euc-kr",      "ISO-2022-JP", "ISO-2022-KR", "UTF-16LE",
    "UTF-16BE",  "UTF-16",      "UTF-32",      "EUC-TW",   "JOHAB",
    "ISO-2022-CN", "windows-1252",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > FUZZ_MAX_LEN)
        return 0;
    size_t pick = data[0];
    const char *forced = pick < sizeof forced_names / sizeof forced_names[0]
                             ? forced_names[pick]
                             : NULL;
    const char *doc = (const char *)data + 1;
    size_t doc_len = size - 1;

    cn_buf_t out = CN_BUF_INIT;
    idx_decoded_t info;
    char *errmsg = NULL;
    cn_buf_addstr(&out, "<");
    cn_status_t st =
        idx_decode_to_utf8(doc, doc_len, forced, &out, &info, &errmsg);
    if (st != CN_OK) {
        fprintf(stderr, "status %d: %s\n", (int)st, errmsg ? errmsg : "");
        abort();
    }
    /* One replacement per consumed byte at most, plus one for an
     * unfinished shift sequence flushed at the end. */
    if (out.data[0] != '<' || out.data[out.len] != '\0' || !info.encoding ||
        !cn_utf8_valid(out.data, out.len) || memchr(out.data, 0, out.len) ||
        info.replaced > doc_len + 1 ||
        info.detected_by < IDX_ENC_FORCED ||
        info.detected_by > IDX_ENC_FALLBACK)
        abort();
    free(errmsg);
    cn_buf_release(&out);
    return 0;
}
