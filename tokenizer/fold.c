/* SPDX-License-Identifier: MIT */
/* fold.c - fast lookup in the generated traditional -> simplified table. */
#include "fold.h"

#include <pthread.h>

/*
 * Two-level index, built once: the code space below PLANE_LIMIT is cut
 * into pages of 256 code points. page_of[cp >> 8] is 0 for a page without
 * any entry, else 1 + the page's slot in 'slots'; a slot holds, per code
 * point, 0 or 1 + the index of its pair in tok_fold_table. A Han character
 * thus costs two array reads instead of a 12-step bisection.
 *
 * Sizes: the table covers the CJK blocks up to plane 3 (PLANE_LIMIT). With
 * OpenCC 1.1.6 about 220 pages hold entries; MAX_PAGES leaves room, and
 * any page beyond it (or a table too long for 16-bit indexes) falls back
 * to bisection, so a bigger future table stays correct, only slower.
 */
#define PLANE_LIMIT 0x40000u
#define PAGE_BITS 8
#define PAGE_SIZE (1u << PAGE_BITS)
#define PAGE_COUNT (PLANE_LIMIT >> PAGE_BITS)
#define MAX_PAGES 320
#define PAGE_OVERFLOW 0xFFFFu

static uint16_t page_of[PAGE_COUNT];
static uint16_t slots[MAX_PAGES][PAGE_SIZE];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void
build_index(void)
{
    size_t used = 0;
    for (size_t i = 0; i < tok_fold_table_len; i++) {
        uint32_t cp = tok_fold_table[i].from;
        if (cp >= PLANE_LIMIT)
            continue;
        uint16_t *page = &page_of[cp >> PAGE_BITS];
        if (*page == 0)
            *page = used < MAX_PAGES && tok_fold_table_len < 0xFFFFu
                        ? (uint16_t)++used
                        : PAGE_OVERFLOW;
        if (*page != PAGE_OVERFLOW)
            slots[*page - 1][cp & (PAGE_SIZE - 1)] = (uint16_t)(i + 1);
    }
}

static uint32_t
bisect(uint32_t cp)
{
    size_t lo = 0, hi = tok_fold_table_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t from = tok_fold_table[mid].from;
        if (from < cp)
            lo = mid + 1;
        else if (from > cp)
            hi = mid;
        else
            return tok_fold_table[mid].to;
    }
    return cp;
}

uint32_t
tok__fold_lookup(uint32_t cp)
{
    /* The table starts at CJK Extension A; below it nothing folds. */
    if (cp < 0x3400)
        return cp;
    if (cp >= PLANE_LIMIT)
        return bisect(cp);
    pthread_once(&index_once, build_index);
    uint16_t page = page_of[cp >> PAGE_BITS];
    if (page == 0)
        return cp;
    if (page == PAGE_OVERFLOW)
        return bisect(cp);
    uint16_t slot = slots[page - 1][cp & (PAGE_SIZE - 1)];
    return slot ? tok_fold_table[slot - 1].to : cp;
}
