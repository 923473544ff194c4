/* SPDX-License-Identifier: MIT */
/* tokenizer.c - tok_tokenize(): cuts normalised text into runs and hands
 * each run to the CJK window (bigram.c) or the word builder (words.c). */
#include "tokenizer.h"

#include "fold.h"
#include "normalize.h"
#include "repair.h"
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

/* Routes one normalised character of class 'script'. */
static void
take_char(tok_state_t *st, const tok_nchar_t *ch, tok_script_t script,
          bool is_mark)
{
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

/* The normalised stream with one character of push-back, for the
 * repairs' look-ahead. */
typedef struct tok_reader {
    tok_norm_t norm;
    tok_nchar_t held;
    bool has_held;
} tok_reader_t;

static bool
reader_next(tok_reader_t *r, tok_nchar_t *out)
{
    if (r->has_held) {
        *out = r->held;
        r->has_held = false;
        return true;
    }
    return tok__norm_next(&r->norm, out);
}

static void
reader_unget(tok_reader_t *r, const tok_nchar_t *ch)
{
    r->held = *ch;
    r->has_held = true;
}

/* What a character is to the repairs on either side of it. */
typedef enum tok_nb {
    TOK_NB_OTHER, /* cuts: separators, letters, lost characters */
    TOK_NB_HAN,
    TOK_NB_CJK,   /* kana, Hangul, bopomofo */
    TOK_NB_DIGIT  /* ASCII digit (after NFKC: full-width ones too) */
} tok_nb_t;

static tok_nb_t
neighbour_kind(uint32_t cp, tok_script_t script)
{
    if (cp - '0' < 10)
        return TOK_NB_DIGIT;
    switch (script) {
    case TOK_SCRIPT_HAN:
        return TOK_NB_HAN;
    case TOK_SCRIPT_KANA:
    case TOK_SCRIPT_HANGUL:
    case TOK_SCRIPT_BOPOMOFO:
        return TOK_NB_CJK;
    default:
        return TOK_NB_OTHER;
    }
}

/* True if the character after a lost one (already known to follow a CJK
 * character or a digit) is a CJK character or a digit too, so the lost
 * one is dropped: "3月?11?日" reads as "3月11日", "微?软" as "微软". A
 * second lost character ("??") is not: the pair separates. */
static bool
lost_is_nothing(tok_reader_t *r, const char *text)
{
    tok_nchar_t nx;
    if (!reader_next(r, &nx))
        return false;
    reader_unget(r, &nx);
    if (tok__is_lost_char(text, &nx))
        return false;
    bool is_mark;
    tok_script_t script = tok__script_classify(nx.cp, &is_mark);
    return !is_mark && neighbour_kind(nx.cp, script) != TOK_NB_OTHER;
}

static bool
is_bopomofo_tone(uint32_t cp)
{
    return cp == 0x02CA || cp == 0x02C7 || cp == 0x02CB || cp == 0x02D9 ||
           cp == 0x02C9;
}

/* Drops the characters that start before 'end' (a pinyin annotation). */
static void
skip_until(tok_reader_t *r, size_t end)
{
    tok_nchar_t ch;
    while (reader_next(r, &ch)) {
        if (ch.start_off >= end) {
            reader_unget(r, &ch);
            return;
        }
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
    tok_reader_t rd;
    rd.has_held = false;
    tok__norm_init(&rd.norm, text, len, o->fold_case, o->fold_traditional);
    tok_nchar_t ch;
    /* Invariant: 'prev' is the kind of the last character handed to
     * take_char() other than a mark (a mark stays with its character). */
    tok_nb_t prev = TOK_NB_OTHER;
    tok_script_t last_script = TOK_SCRIPT_OTHER;
    while (!st.stopped && reader_next(&rd, &ch)) {
        if (ch.cp == '(' && prev == TOK_NB_HAN) {
            size_t end = tok__pinyin_annotation_end(text, len, ch.start_off);
            if (end > 0) {
                skip_until(&rd, end);
                continue; /* the run goes on after the annotation */
            }
        }
        if (prev != TOK_NB_OTHER && tok__is_lost_char(text, &ch) &&
            lost_is_nothing(&rd, text))
            continue;
        bool is_mark;
        tok_script_t script = tok__script_classify(ch.cp, &is_mark);
        /* The bopomofo tone letters ˊ ˇ ˋ ˙ ˉ are spacing modifier letters
         * (script Common); after bopomofo they belong to the syllable. */
        if (last_script == TOK_SCRIPT_BOPOMOFO && is_bopomofo_tone(ch.cp))
            is_mark = true;
        take_char(&st, &ch, script, is_mark);
        if (!is_mark) {
            prev = neighbour_kind(ch.cp, script);
            last_script = script;
        }
    }
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
