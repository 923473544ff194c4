/* SPDX-License-Identifier: MIT */
/* t-heap.c - cn_cli_prefault_heap (cli/heap.c): the heap pages it
 * covers are resident at once, allocations go on working on them, and
 * what it leaves of malloc's settings holds. */
#include "cli.h"
#include "tap.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED_HEAP 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED_HEAP 1
#endif

#ifndef SANITIZED_HEAP
/* How many of the pages in [lo, hi) are resident (mincore), -1 on error. */
static long
resident(char *lo, char *hi)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (size_t)(hi - lo) / page;
    unsigned char *vec = malloc(n ? n : 1);
    if (!vec || mincore(lo, n * page, vec) != 0) {
        free(vec);
        return -1;
    }
    long r = 0;
    for (size_t i = 0; i < n; i++)
        r += vec[i] & 1;
    free(vec);
    return r;
}
#endif

int
main(void)
{
#ifdef SANITIZED_HEAP
    tap_skip("a sanitizer owns the heap: cn_cli_prefault_heap does nothing there");
    cn_cli_prefault_heap(256 << 10);
    return tap_done();
#else
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    /* Support for MADV_POPULATE_WRITE: a kernel before 5.14 says EINVAL. */
    char *m = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#ifdef MADV_POPULATE_WRITE
    int supported = m != MAP_FAILED && madvise(m, page, MADV_POPULATE_WRITE) == 0;
#else
    int supported = 0;
#endif
    if (m != MAP_FAILED)
        munmap(m, page);
    if (!supported) {
        tap_skip("this kernel or libc has no MADV_POPULATE_WRITE: nothing to prefault with");
        cn_cli_prefault_heap(256 << 10);
        return tap_done();
    }
    char *heap_lo = malloc(16); /* somewhere low in the brk heap */
    char *before = sbrk(0);
    cn_cli_prefault_heap(256 << 10);
    char *after = sbrk(0);
    tap_ok(after - before >= (ptrdiff_t)(256 << 10), "the heap grew by at least 256 KB (%td)",
           after - before);
    char *lo = (char *)(((uintptr_t)after - (256 << 10)) & ~(uintptr_t)(page - 1));
    long want = (long)((size_t)(after - lo) / page), got = resident(lo, after);
    tap_is_int(got, want, "its last 256 KB are resident before anything touches them");

    /* Allocations below the 1 MB mmap threshold come from that heap, and
     * freeing them keeps it (trim threshold 8 MB). */
    char *a = malloc(600 << 10);
    tap_ok(a && a > heap_lo && a + (600 << 10) <= (char *)sbrk(0),
           "a 600 KB block comes from the brk heap");
    if (a)
        memset(a, 'x', 600 << 10);
    char *top = sbrk(0);
    free(a);
    tap_ok(sbrk(0) == top, "freeing it does not give the heap back");
    char *b = malloc(2 << 20);
    tap_ok(b && (b < heap_lo || b >= (char *)sbrk(0)), "a 2 MB block is mmap'd, as before");
    free(b);
    free(heap_lo);
    return tap_done();
#endif
}
