/* SPDX-License-Identifier: MIT */
/* names-private.h - what names.c and titles.c share: reading code points
 * around a byte offset and the character classes of name parts. Not a
 * public face: use names.h. */
#ifndef ENT_NAMES_PRIVATE_H
#define ENT_NAMES_PRIVATE_H
#include <stddef.h>
#include <stdint.h>
#include "names.h"

/* The text being scanned (borrowed). */
struct ent__text {
    const char *s;
    size_t len;
};

typedef int (*ent__class_fn)(uint32_t cp);

/* The code point at byte i and its length in *n (0 and *n = 0 at the end
 * or on invalid UTF-8). */
uint32_t ent__cp_at(const struct ent__text *t, size_t i, size_t *n);
/* The code point ending just before i, and where it starts (0: none). */
uint32_t ent__cp_before(const struct ent__text *t, size_t i, size_t *start);
/* Walks back from i (not below 'floor') or forward over at most 'max'
 * characters of 'cls'; *count says how many. */
size_t ent__back_over(const struct ent__text *t, size_t i, ent__class_fn cls, int max,
                      size_t floor, int *count);
size_t ent__fwd_over(const struct ent__text *t, size_t i, ent__class_fn cls, int max,
                     int *count);

/* (Latin Name) or （Latin Name） at i: returns its end and the inside in
 * [*in_start, *in_end), or 0. */
size_t ent__latin_bracket(const struct ent__text *t, size_t i, size_t *in_start,
                          size_t *in_end);

int ent__is_translit(uint32_t cp); /* common in Chinese transliterations */
int ent__is_katakana(uint32_t cp);
int ent__is_hiragana(uint32_t cp);
int ent__is_han(uint32_t cp);
int ent__is_hangul(uint32_t cp);
int ent__is_dot(uint32_t cp);

/* A title at byte i followed (or, in Japanese and Korean, preceded) by a
 * person's name (titles.c): reports the name and returns where scanning
 * goes on, or 0 when there is none. */
size_t ent__titled(const struct ent__text *t, size_t i, size_t floor,
                   const ent_names_opts_t *o, ent_candidate_fn fn, void *ctx, int *stop);
/* The same, trying every title at every position as it did before the
 * prefix filter: the reference tests/unit/t-titles.c compares it with. */
size_t ent__titled_ref(const struct ent__text *t, size_t i, size_t floor,
                       const ent_names_opts_t *o, ent_candidate_fn fn, void *ctx, int *stop);

#endif
