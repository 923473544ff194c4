/* SPDX-License-Identifier: MIT */
/* bigram.c - a CJK run becomes overlapping bigrams plus its last
 * character, through a two-cluster sliding window. */
#include "runs.h"

#include <string.h>

#include "utf8.h"

/*
 * Loop invariant of the window, true between calls for a run of
 * k = run_chars clusters c1..ck:
 *   - clusters[cur] holds ck, and clusters[cur ^ 1] holds c(k-1) if k >= 2;
 *   - the bigrams c1c2 .. c(k-2)c(k-1) have been emitted, at consecutive
 *     positions; c(k-1)ck has not, because ck may still grow by a mark;
 *   - no unigram has been emitted for this run.
 * So each new cluster first emits the bigram that the previous one
 * completed, and the end of the run emits the last bigram and the
 * closing unigram. Terms never span two runs: a run ends at any
 * separator and wherever CJK characters meet word characters.
 */

static void
emit_bigram(tok_state_t *st)
{
    const tok_cluster_t *a = &st->clusters[st->cur ^ 1];
    const tok_cluster_t *b = &st->clusters[st->cur];
    memcpy(st->term, a->bytes, a->len);
    memcpy(st->term + a->len, b->bytes, b->len);
    unsigned flags = TOK_CJK;
    if (st->run_chars == 2)
        flags |= TOK_RUN_START;
    tok__emit(st, st->term, a->len + b->len, a->start_off, b->end_off, flags);
}

void
tok__cjk_add(tok_state_t *st, const tok_nchar_t *ch)
{
    if (st->kind != TOK_RUN_CJK) {
        st->kind = TOK_RUN_CJK;
        st->run_chars = 0;
    } else if (st->run_chars >= 2) {
        emit_bigram(st);
        if (st->stopped)
            return;
    }
    st->cur ^= 1;
    tok_cluster_t *c = &st->clusters[st->cur];
    c->len = cn_utf8_encode(ch->cp, c->bytes);
    c->start_off = ch->start_off;
    c->end_off = ch->end_off;
    st->run_chars++;
}

void
tok__cjk_add_mark(tok_state_t *st, const tok_nchar_t *ch)
{
    tok_cluster_t *c = &st->clusters[st->cur];
    char enc[4];
    size_t n = cn_utf8_encode(ch->cp, enc);
    if (c->len + n > TOK_CLUSTER_MAX)
        return;
    memcpy(c->bytes + c->len, enc, n);
    c->len += n;
    c->end_off = ch->end_off;
}

void
tok__cjk_end(tok_state_t *st)
{
    st->kind = TOK_RUN_NONE;
    if (st->run_chars >= 2) {
        emit_bigram(st);
        if (st->stopped)
            return;
    }
    const tok_cluster_t *last = &st->clusters[st->cur];
    unsigned flags = TOK_CJK | TOK_UNIGRAM;
    flags |= st->run_chars >= 2 ? TOK_RUN_END : TOK_RUN_START;
    tok__emit(st, last->bytes, last->len, last->start_off, last->end_off,
              flags);
    st->run++;
}
