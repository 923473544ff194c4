/* SPDX-License-Identifier: MIT */
/* words.c - letters and digits of non-CJK scripts become one word term. */
#include "runs.h"

#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

static bool
is_decimal_digit(uint32_t cp)
{
    if (cp < 0x80)
        return cp - '0' < 10;
    return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND;
}

void
tok__word_add(tok_state_t *st, const tok_nchar_t *ch, bool is_mark)
{
    if (st->kind != TOK_RUN_WORD) {
        st->kind = TOK_RUN_WORD;
        st->word_len = 0;
        st->word_start_off = ch->start_off;
        st->word_digits = true;
        st->word_full = false;
    }
    if (st->word_full)
        return;
    char enc[4];
    size_t n;
    if (ch->cp < 0x80) {
        enc[0] = (char)ch->cp;
        n = 1;
    } else {
        n = cn_utf8_encode(ch->cp, enc);
    }
    if (st->word_len + n > TOK_TERM_MAX) {
        st->word_full = true;
        return;
    }
    memcpy(st->word + st->word_len, enc, n);
    st->word_len += n;
    st->word_end_off = ch->end_off;
    if (is_mark || !is_decimal_digit(ch->cp))
        st->word_digits = false;
}

void
tok__word_end(tok_state_t *st)
{
    st->kind = TOK_RUN_NONE;
    unsigned flags = TOK_WORD;
    if (st->word_digits)
        flags |= TOK_NUMBER;
    tok__emit(st, st->word, st->word_len, st->word_start_off,
              st->word_end_off, flags);
    st->run++;
}
