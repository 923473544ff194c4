/* SPDX-License-Identifier: MIT */
/* literal.h - the fast accept of the phrase check (verify.h): a chunk
 * that is one run of plain CJK characters (ideographs, kana, Hangul
 * syllables: no mark, no compatibility form, nothing NFKC changes)
 * matches wherever its text, as typed or as normalised, occurs byte for
 * byte in a passage and is not followed by something that could join its
 * last character (a combining mark, a jamo, an ignorable). Such an
 * occurrence gives the chunk's bigrams at consecutive positions whatever
 * surrounds it, so the passage need not be tokenized. A miss is sure
 * only in a passage that nothing could fold into the chunk: one of
 * ASCII (but '(' and '?', which the tokenizer's repairs may drop from
 * inside a run), plain characters that folding leaves alone, and
 * separating punctuation. Elsewhere (微軟 for 微软, half-width kana,
 * marks, ignorables) a miss goes on to the tokenizing check (match.h).
 * docs/searching.md, "The phrase check". */
#ifndef SRCH_LITERAL_H
#define SRCH_LITERAL_H
#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "query.h"
#include "status.h"
#include "tokenizer.h"

/** Sets c->literal[] for the chunk 'c' just made from s[0..len) (its
 * elements built): the typed text, and its normalised form if that
 * differs, when they are one run of plain CJK characters whose
 * tokenization gives exactly c's elements; none otherwise (a chunk of
 * one term, a NEAR window, Latin words, punctuation...). Returns CN_OK
 * or CN_E_NOMEM. */
cn_status_t srch_literal_make(const tok_options_t *tok, const char *s, size_t len,
                              srch_chunk_t *c);

/** True if one of c's literals occurs safely in text[0..len) (see
 * above): then srch_text_has_chunk() would say true too. False says
 * nothing. */
bool srch_literal_in(const srch_chunk_t *c, const char *text, size_t len);

/** How far text[0..len) is made of characters that tokenize as
 * themselves (above): SRCH_PLAIN_NONE, SRCH_PLAIN_NO_HAN_FOLD (all
 * plain, but an ideograph that 'tok' folds to another one), or
 * SRCH_PLAIN_ALL. */
enum { SRCH_PLAIN_NONE = 1, SRCH_PLAIN_NO_HAN_FOLD, SRCH_PLAIN_ALL };
int srch_literal_plainness(const tok_options_t *tok, const char *text, size_t len);

/** True if a text of plainness 'plain' (srch_literal_plainness) in which
 * srch_literal_in(c, ...) found nothing surely does not hold the chunk
 * 'c': then srch_text_has_chunk() would say false too. False says
 * nothing. */
bool srch_literal_absent(const srch_chunk_t *c, int plain);

/** What the fast checks learn of one text, kept across the chunks
 * checked in it: its plainness, and for a text whose only non-plain
 * feature is ideographs that fold (SRCH_PLAIN_NO_HAN_FOLD), the text with
 * each of them folded, byte for byte as long (an ideograph and its fold
 * are both 3 bytes), which tokenizes as the text does. */
typedef struct srch_plain_text {
    int plain;      /* srch_literal_plainness(), 0: not yet */
    int fold_state; /* 1: 'folded' holds it, -1: none, 0: not yet */
    cn_buf_t folded;
} srch_plain_text_t;

#define SRCH_PLAIN_TEXT_INIT { 0, 0, CN_BUF_INIT }

/** Forgets the text (keeps the buffer for the next one). */
void srch_plain_text_reset(srch_plain_text_t *pt);

void srch_plain_text_release(srch_plain_text_t *pt);

/** The fast check of chunk 'c' in text[0..len), 'pt' caching what it
 * learns of the text (reset it for another text): 1 the text holds the
 * chunk, 0 it surely does not, -1 only tokenizing can tell. In a plain
 * text, folded if need be, the chunk's bigrams stand in a row exactly
 * where its normalised literal stands, so there the answer is never -1. */
int srch_literal_check(const tok_options_t *tok, const srch_chunk_t *c, const char *text,
                       size_t len, srch_plain_text_t *pt);

/** The text to find c's normalised literal in for highlights: 'text'
 * itself when it is plain with no ideograph that folds, its folded copy
 * in pt->folded when only folding ideographs keep it from that, NULL
 * when neither (then tokenize). */
const char *srch_literal_plain_form(const tok_options_t *tok, const char *text, size_t len,
                                    srch_plain_text_t *pt);

/** Frees c's literals. */
void srch_literal_release(srch_chunk_t *c);

#endif
