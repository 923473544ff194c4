/* SPDX-License-Identifier: MIT */
/* script.h - private: code point -> script class, with the mark bit the
 * run cutter needs. The public entry point is tok_script_of(). */
#ifndef TOK_SCRIPT_H
#define TOK_SCRIPT_H
#include <stdbool.h>
#include <stdint.h>
#include "tokenizer.h"

/** Classifies 'cp' as tok_script_of() does and sets *is_mark when 'cp' is
 * a combining mark (Mn, Mc, Me): a mark continues the run it follows
 * instead of starting or cutting one. */
tok_script_t tok__script_classify(uint32_t cp, bool *is_mark);

/** True for the code points that vanish without cutting a run (class
 * TOK_SCRIPT_IGNORE): soft hyphen, zero-width characters, variation
 * selectors, BOM, tags. Cheap enough to call on every character. */
bool tok__script_is_ignorable(uint32_t cp);

#endif
