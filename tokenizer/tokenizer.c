/* SPDX-License-Identifier: MIT */
/* tokenizer.c - tok_tokenize(): cuts normalised text into runs and hands
 * each run to the CJK window (bigram.c) or the word builder (words.c). */
#include "tokenizer.h"

#include "fold.h"
#include "normalize.h"
#include "runs.h"
#include "script.h"

void
tok_options_init(tok_options_t *o)
{
    o->fold_traditional = true;
    o->fold_case = true;
}

bool
tok__emit(tok_state_t *st, const char *term, size_t term_len,
          size_t start_off, size_t end_off, unsigned flags)
{
    tok_token_t tok;
    tok.term = term;
    tok.term_len = term_len;
    tok.start_off = start_off;
    tok.end_off = end_off;
    tok.pos = st->pos++;
    tok.flags = flags;
    tok.run = st->run;
    if (st->emit(st->ctx, &tok) != 0)
        st->stopped = true;
    return st->stopped;
}

static void
end_run(tok_state_t *st)
{
    if (st->kind == TOK_RUN_WORD)
        tok__word_end(st);
    else if (st->kind == TOK_RUN_CJK)
        tok__cjk_end(st);
}

/* Routes one normalised character. */
static void
take_char(tok_state_t *st, const tok_nchar_t *ch)
{
    bool is_mark;
    tok_script_t script = tok__script_classify(ch->cp, &is_mark);
    if (is_mark) {
        /* A mark continues the run before it; alone it is nothing. */
        if (st->kind == TOK_RUN_WORD)
            tok__word_add(st, ch, true);
        else if (st->kind == TOK_RUN_CJK)
            tok__cjk_add_mark(st, ch);
        return;
    }
    switch (script) {
    case TOK_SCRIPT_HAN:
    case TOK_SCRIPT_KANA:
    case TOK_SCRIPT_HANGUL:
    case TOK_SCRIPT_BOPOMOFO:
        if (st->kind == TOK_RUN_WORD)
            tok__word_end(st);
        if (!st->stopped)
            tok__cjk_add(st, ch);
        break;
    case TOK_SCRIPT_WORD:
        if (st->kind == TOK_RUN_CJK)
            tok__cjk_end(st);
        if (!st->stopped)
            tok__word_add(st, ch, false);
        break;
    case TOK_SCRIPT_IGNORE:
        /* Only from an NFKC expansion; the normaliser drops the rest. */
        break;
    case TOK_SCRIPT_OTHER:
    default:
        end_run(st);
        break;
    }
}

cn_status_t
tok_tokenize(const tok_options_t *o, tok_mode_t mode, const char *text,
             size_t len, tok_emit_fn emit, void *ctx)
{
    tok_options_t defaults;
    if (!emit || (len > 0 && !text) ||
        (mode != TOK_DOCUMENT && mode != TOK_QUERY))
        return CN_E_INVALID_ARGUMENT;
    if (!o) {
        tok_options_init(&defaults);
        o = &defaults;
    }

    tok_state_t st;
    st.emit = emit;
    st.ctx = ctx;
    st.stopped = false;
    st.pos = 0;
    st.run = 0;
    st.kind = TOK_RUN_NONE;
    st.cur = 0;
    st.run_chars = 0;

    /* Both modes give the same terms: the query side needs exactly the
     * document side's bigrams to find them. */
    tok_norm_t norm;
    tok__norm_init(&norm, text, len, o->fold_case, o->fold_traditional);
    tok_nchar_t ch;
    while (!st.stopped && tok__norm_next(&norm, &ch))
        take_char(&st, &ch);
    if (!st.stopped)
        end_run(&st);
    return CN_OK;
}

uint32_t
tok_fold_cp(const tok_options_t *o, uint32_t cp)
{
    tok_options_t defaults;
    if (!o) {
        tok_options_init(&defaults);
        o = &defaults;
    }
    if (o->fold_case)
        cp = tok__norm_casefold_cp(cp);
    if (o->fold_traditional)
        cp = tok__fold_lookup(cp);
    return cp;
}

const char *
tok_fold_table_id(void)
{
    return tok_fold_table_id_str;
}
