/* SPDX-License-Identifier: MIT */
/* repair.c - recognises pinyin annotations and lost characters in the
 * original text, for the run cutter in tokenizer.c. */
#include "repair.h"

#include <string.h>

#include "utf8.h"

/* Reads one code point of text[*off..len) and advances *off; 0 at the
 * end (a NUL in the text also stops the scan, which is harmless). */
static uint32_t
next_cp(const char *text, size_t len, size_t *off)
{
    if (*off >= len)
        return 0;
    uint32_t cp;
    *off += cn_utf8_decode(text + *off, len - *off, &cp);
    return cp;
}

/* Lowercase pinyin vowel letters, with *toned set for a tone mark. */
static bool
is_vowel(uint32_t cp, bool *toned)
{
    switch (cp) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'v':
    case 0x00FC: /* ü */
    case 0x00EA: /* ê */
        return true;
    case 0x0101: case 0x00E1: case 0x01CE: case 0x00E0: /* ā á ǎ à */
    case 0x0113: case 0x00E9: case 0x011B: case 0x00E8: /* ē é ě è */
    case 0x012B: case 0x00ED: case 0x01D0: case 0x00EC: /* ī í ǐ ì */
    case 0x014D: case 0x00F3: case 0x01D2: case 0x00F2: /* ō ó ǒ ò */
    case 0x016B: case 0x00FA: case 0x01D4: case 0x00F9: /* ū ú ǔ ù */
    case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC: /* ǖ ǘ ǚ ǜ */
        *toned = true;
        return true;
    default:
        return false;
    }
}

/* Combining tone marks: macron, acute, caron, grave. */
static bool
is_tone_mark(uint32_t cp)
{
    return cp == 0x0304 || cp == 0x0301 || cp == 0x030C || cp == 0x0300;
}

/* Reads one syllable starting with 'cp' (already read, *off just past
 * it); on success returns true with 'cp' replaced by the character after
 * the syllable. */
static bool
read_syllable(const char *text, size_t len, size_t *off, uint32_t *cp,
              bool *toned)
{
    uint32_t c = *cp;
    /* Optional initial: one consonant, or zh ch sh. */
    if (c < 0x80 && c != 0 && strchr("bpmfdtnlgkhjqxrzcsyw", (int)c)) {
        uint32_t first = c;
        c = next_cp(text, len, off);
        if ((first == 'z' || first == 'c' || first == 's') && c == 'h')
            c = next_cp(text, len, off);
    }
    /* One to four vowels, each with an optional combining tone mark. */
    int vowels = 0;
    while (is_vowel(c, toned)) {
        if (++vowels > 4)
            return false;
        c = next_cp(text, len, off);
        if (is_tone_mark(c)) {
            *toned = true;
            c = next_cp(text, len, off);
        }
    }
    if (vowels == 0)
        return false;
    /* Optional final n, ng or r (n starting the next syllable of a
     * run-together annotation is read as this one's final: harmless,
     * the next syllable then needs no initial). */
    if (c == 'n') {
        c = next_cp(text, len, off);
        if (c == 'g')
            c = next_cp(text, len, off);
    } else if (c == 'r') {
        c = next_cp(text, len, off);
    }
    if (c >= '1' && c <= '5') {
        *toned = true;
        c = next_cp(text, len, off);
    }
    *cp = c;
    return true;
}

static bool
is_close(uint32_t cp)
{
    return cp == ')' || cp == 0xFF09;
}

size_t
tok__pinyin_annotation_end(const char *text, size_t len, size_t open_off)
{
    size_t off = open_off;
    uint32_t c = next_cp(text, len, &off);
    if (c != '(' && c != 0xFF08)
        return 0;
    c = next_cp(text, len, &off);
    bool toned = false;
    for (int n = 0; n < TOK_PINYIN_MAX_SYLLABLES; n++) {
        if (!read_syllable(text, len, &off, &c, &toned))
            return 0;
        if (is_close(c))
            return toned ? off : 0;
        if (c == ' ')
            c = next_cp(text, len, &off);
    }
    return 0;
}

bool
tok__is_lost_char(const char *text, const tok_nchar_t *ch)
{
    if (ch->cp == 0xFFFD)
        return true;
    return ch->cp == '?' && text[ch->start_off] == '?';
}
