/* SPDX-License-Identifier: MIT */
/* tokenizer.h - the one tokenizer both the indexer and the searcher use.
 *
 * Pipeline per code point: UTF-8 decode (bad bytes -> U+FFFD), NFKC +
 * case folding (utf8proc), traditional -> simplified folding at character
 * level (a table generated from OpenCC's data at build time), then cutting
 * into runs by script class:
 *  - a CJK run (contiguous Han, kana, Hangul, bopomofo, mixed: Japanese
 *    kanji+kana and Korean stay one run) of n >= 2 characters gives the
 *    n-1 overlapping bigrams at positions p..p+n-2, then the run's LAST
 *    character as a unigram at p+n-1 (flag TOK_RUN_END); a run of one
 *    character gives that unigram alone. Every character of a run thus
 *    starts exactly one term, so a one-character query is the wildcard
 *    "C*" over terms, and no duplicate unigram is stored for the others.
 *  - a Latin/digit run (letters, digits, joined by nothing) is one word.
 *  - anything else (spaces, punctuation, symbols, emoji) separates runs and
 *    takes no position.
 * Positions increase by one per term. Byte offsets always point into the
 * ORIGINAL text given to tok_tokenize(), through every normalisation, so a
 * caller can highlight the source text of a folded term.
 * A term is at most 245 bytes (Xapian's limit): a longer word keeps its
 * first 245 bytes, cut back to a character boundary, and drops the rest.
 * Punctuation inside numbers splits them ("378.87" -> 378, 87); see
 * docs/tokenizer.md for the decisions and examples.
 * Two repairs of dirty text (repair.h): a pinyin annotation in brackets
 * right after a Han character ("創(chuàng)建") vanishes without cutting the
 * run, and a lone '?' or U+FFFD between two characters that are each CJK
 * or a digit ("3月?11?日", "微?软") is a lost character: nothing.
 */
#ifndef TOK_TOKENIZER_H
#define TOK_TOKENIZER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"

typedef enum tok_mode {
    TOK_DOCUMENT, /* index time */
    TOK_QUERY     /* query time: same terms, same positions */
} tok_mode_t;

typedef struct tok_options {
    bool fold_traditional; /* T->S at character level (default true) */
    bool fold_case;        /* Unicode case folding (default true) */
} tok_options_t;

/* Token kinds and flags (bit set in tok_token_t.flags). */
enum {
    TOK_CJK = 1u << 0,     /* from a CJK run (bigram or unigram) */
    TOK_UNIGRAM = 1u << 1, /* one CJK character */
    TOK_RUN_END = 1u << 2, /* the trailing unigram of a run of >= 2 chars */
    TOK_WORD = 1u << 3,    /* a Latin/other-alphabet word */
    TOK_NUMBER = 1u << 4,  /* a word made only of digits (with TOK_WORD) */
    TOK_RUN_START = 1u << 5 /* first term of its run (CJK) */
};

typedef struct tok_token {
    const char *term;  /* normalised UTF-8, NOT NUL-terminated; borrowed,
                          valid only during the callback */
    size_t term_len;
    size_t start_off;  /* byte offsets [start_off, end_off) of the source */
    size_t end_off;    /*   characters in the original text */
    uint32_t pos;      /* term position, from 0, +1 per term */
    unsigned flags;
    uint32_t run;      /* index of the run this term belongs to, from 0 */
} tok_token_t;

/* Called once per token in order. Return 0 to go on, non-zero to stop
 * (tok_tokenize then returns CN_OK). */
typedef int (*tok_emit_fn)(void *ctx, const tok_token_t *tok);

/** Fills 'o' with the defaults (all folding on). */
void tok_options_init(tok_options_t *o);

/** Tokenizes text[0..len) (any bytes, NULs included; invalid UTF-8 becomes
 * U+FFFD, which separates runs unless it is a lone lost character). Calls 'emit' for each token. 'o' is
 * borrowed; NULL means the defaults. 'text' may be NULL when len is 0.
 * Never allocates: all state is in fixed-size buffers on the stack.
 * Returns CN_OK (also when 'emit' stopped early), or
 * CN_E_INVALID_ARGUMENT if 'emit' is NULL, 'text' is NULL with len > 0,
 * or 'mode' is not a tok_mode_t. */
cn_status_t tok_tokenize(const tok_options_t *o, tok_mode_t mode,
                         const char *text, size_t len, tok_emit_fn emit,
                         void *ctx);

/** Folds one code point the way the tokenizer does (NFKC of a single
 * character is applied by tok_tokenize, not here): case fold and T->S.
 * A character whose case folding is several code points (ß -> ss) is
 * only T->S folded. 'o' is borrowed; NULL means the defaults.
 * Exposed for tests and for the searcher's highlighter. */
uint32_t tok_fold_cp(const tok_options_t *o, uint32_t cp);

/** Script class of a code point, as used to cut runs. Combining marks
 * (Mn, Mc, Me) report TOK_SCRIPT_WORD, or KANA for the kana voiced marks,
 * but never start or cut a run: they continue the one before them. */
typedef enum tok_script {
    TOK_SCRIPT_OTHER = 0, /* separators: space, punctuation, symbols */
    TOK_SCRIPT_HAN,
    TOK_SCRIPT_KANA,
    TOK_SCRIPT_HANGUL,
    TOK_SCRIPT_BOPOMOFO,
    TOK_SCRIPT_WORD,      /* letters and digits of non-CJK scripts */
    TOK_SCRIPT_IGNORE     /* vanish without splitting: ZW chars, VS, BOM */
} tok_script_t;
tok_script_t tok_script_of(uint32_t cp);

/** True for the classes whose characters form CJK runs (bigrams): Han,
 * kana, Hangul, bopomofo. */
bool tok_script_is_cjk(tok_script_t s);

/** Identifies the fold table ("opencc-<version>:<pairs>:<checksum>", e.g.
 * "opencc-1.1.5:4328:43b98e25"), for the index's metadata, so a query
 * never runs with a table different from the index. Static storage. */
const char *tok_fold_table_id(void);

#endif
