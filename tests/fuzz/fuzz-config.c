/* SPDX-License-Identifier: MIT */
/* fuzz-config.c - libFuzzer target: arbitrary bytes as a YAML config.
 *
 * `make fuzz` builds it with libFuzzer; `make check` replays its seeds
 * and regressions through tests/fuzz/replay.c.
 */
#include "config.h"
#include "bug.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inputs past 64 KiB only slow the fuzzer down (utf8proc's cap too). */
#define FUZZ_MAX_BYTES (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cfg_config_t c;
    char *err = NULL;

    if (size > FUZZ_MAX_BYTES)
        return 0;
    if (cfg_config_init(&c) != CN_OK)
        return 0;
    cn_status_t st =
        cfg_config_load_buffer(&c, "fuzz.yaml", (const char *)data, size, &err);
    /* Whatever the input, the result must keep the loader's promises. */
    if (st == CN_E_BAD_CONFIG && (!err || strncmp(err, "fuzz.yaml:", 10) != 0))
        CN_BUG("bad config without a 'fuzz.yaml:' message");
    if (st == CN_OK) {
        if (err)
            CN_BUG("message on success");
        if (!c.database || !c.fields.id || !c.fields.body || c.commit_every < 1
            || c.limit < 1 || c.per_article < 1
            || c.passage_min_chars > c.passage_max_chars
            || !(c.bm25_b >= 0 && c.bm25_b <= 1) || !(c.bm25_k1 >= 0))
            CN_BUG("loaded config breaks an invariant");
    }
    free(err);
    cfg_config_release(&c);
    return 0;
}
