/* SPDX-License-Identifier: MIT */
/* utf8.h - UTF-8 decoding that never fails: bad bytes become U+FFFD. */
#ifndef CN_UTF8_H
#define CN_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

#define CN_UTF8_REPLACEMENT 0xFFFDu

/* Decodes one code point from s[0..len) (len > 0). Stores it in *cp and
 * returns the number of bytes consumed (1..4). An invalid, overlong,
 * surrogate or truncated sequence yields U+FFFD and consumes exactly one
 * byte, so that decoding resynchronises on the next byte. */
size_t cn_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes 'cp' (<= 0x10FFFF, not a surrogate; others become U+FFFD) into
 * out[0..4); returns the byte count. */
size_t cn_utf8_encode(uint32_t cp, char out[4]);

/* Appends s[0..len) to 'out' as valid UTF-8: each invalid byte becomes
 * U+FFFD and NUL becomes a space. Returns the number of replacements. */
size_t cn_utf8_sanitize(const char *s, size_t len, cn_buf_t *out);

/* True if s[0..len) is entirely valid UTF-8. */
int cn_utf8_valid(const char *s, size_t len);

/* Number of terminal columns 'cp' takes (0, 1 or 2; East Asian wide and
 * fullwidth characters take 2). */
int cn_utf8_cp_width(uint32_t cp);

/* Byte length of the first character of s[0..len) with the combining
 * marks that follow it (a grapheme-like cluster as the tokenizer builds
 * them); 0 for an empty string. */
size_t cn_first_cluster_len(const char *s, size_t len);

#endif
