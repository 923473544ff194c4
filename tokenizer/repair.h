/* SPDX-License-Identifier: MIT */
/* repair.h - private: dirty-text repairs that belong to tokenization
 * (docs/tokenizer.md, "Dirty-text repairs"). Both look at the ORIGINAL
 * bytes, so a full-width bracket or a literal '?' is told apart from what
 * NFKC makes of other characters. */
#ifndef TOK_REPAIR_H
#define TOK_REPAIR_H
#include <stdbool.h>
#include <stddef.h>
#include "normalize.h"

/** If text[open_off..] is an opening bracket ASCII '(' or full-width
 * U+FF08 followed by a pinyin annotation and a closing ')' or U+FF09,
 * returns the offset just past the closing bracket, else 0. A pinyin
 * annotation is 1 to TOK_PINYIN_MAX_SYLLABLES syllables separated by one
 * space, each an optional initial (b p m f d t n l g k h j q x r z c s y w
 * zh ch sh), one to four lowercase vowels (a e i o u ü v ê, with or without
 * a tone mark, precomposed or combining), an optional final n, ng or r and
 * an optional tone digit 1-5; at least one syllable carries a tone (mark
 * or digit). Anything else (capitals, other letters, CJK, other digits)
 * is not an annotation: 米拉(Mira Murati), X(原Twitter), 型(x86) stay. */
size_t tok__pinyin_annotation_end(const char *text, size_t len,
                                  size_t open_off);

#define TOK_PINYIN_MAX_SYLLABLES 8

/** True if 'ch' is a character lost in a bad conversion: U+FFFD (from an
 * invalid byte or written as such) or a literal ASCII '?' in the source
 * (not a full-width ？, which is real punctuation). */
bool tok__is_lost_char(const char *text, const tok_nchar_t *ch);

#endif
