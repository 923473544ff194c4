/* SPDX-License-Identifier: MIT */
/* replay.c - a plain main() for the fuzz targets: feeds each file named
 * on the command line to LLVMFuzzerTestOneInput() once. Linked instead of
 * libFuzzer so that `make check` replays the seeds and every past crash
 * input (tests/corpora/fuzz-regressions/) with any compiler. Prints one
 * TAP line per input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The targets cap their own input; this only bounds the read. */
#define REPLAY_MAX_BYTES (1024 * 1024)

int
main(int argc, char **argv)
{
    static uint8_t buf[REPLAY_MAX_BYTES];
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            printf("not ok %d - cannot open %s\n", i, argv[i]);
            failed = 1;
            continue;
        }
        size_t n = fread(buf, 1, sizeof(buf), fp);
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, n);
        /* Reaching here means no crash and no failed check. */
        printf("ok %d - %s\n", i, argv[i]);
    }
    printf("1..%d\n", argc - 1);
    return failed;
}
