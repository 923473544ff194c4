/* SPDX-License-Identifier: MIT */
/* fold.c - fast lookup in the generated traditional -> simplified table. */
#include "fold.h"

/* Above the indexed planes (nothing folds there today): bisection. */
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
    if (cp >= TOK_FOLD_PLANE_LIMIT)
        return bisect(cp);
    uint16_t page = tok_fold_page_of[cp >> TOK_FOLD_PAGE_BITS];
    if (page == 0)
        return cp;
    uint16_t slot = tok_fold_slots[page - 1][cp & (TOK_FOLD_PAGE_SIZE - 1)];
    return slot ? tok_fold_table[slot - 1].to : cp;
}
