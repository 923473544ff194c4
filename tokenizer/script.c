/* SPDX-License-Identifier: MIT */
/* script.c - which class of run a code point belongs to. */
#include "script.h"

#include <stddef.h>
#include <utf8proc.h>

typedef struct script_range {
    uint32_t first, last;
    uint8_t script; /* tok_script_t */
    uint8_t mark;   /* 1: combining mark that continues the run */
} script_range_t;

/*
 * Ranges that the Unicode general category alone would class wrongly for
 * search, sorted and disjoint (tok_script_of() bisects them). Everything
 * not listed goes by category: letters and digits -> WORD, marks continue
 * a run, the rest separates.
 */
static const script_range_t ranges[] = {
    /* Soft hyphen: invisible hyphenation hint inside a word. */
    { 0x00AD, 0x00AD, TOK_SCRIPT_IGNORE, 0 },
    /* Combining grapheme joiner: no visible effect, only blocks reorder. */
    { 0x034F, 0x034F, TOK_SCRIPT_IGNORE, 0 },
    /* Hangul Jamo (conjoining; NFKC composes L V T into syllables). */
    { 0x1100, 0x11FF, TOK_SCRIPT_HANGUL, 0 },
    /* Mongolian free variation selectors and vowel separator. */
    { 0x180B, 0x180F, TOK_SCRIPT_IGNORE, 0 },
    /* ZWSP, ZWNJ, ZWJ: zero-width, often pasted inside CJK words. */
    { 0x200B, 0x200D, TOK_SCRIPT_IGNORE, 0 },
    /* Word joiner and invisible math operators. */
    { 0x2060, 0x2064, TOK_SCRIPT_IGNORE, 0 },
    /* CJK Radicals Supplement: radical forms used as characters. */
    { 0x2E80, 0x2EFF, TOK_SCRIPT_HAN, 0 },
    /* Kangxi Radicals (NFKC maps them to unified ideographs anyway). */
    { 0x2F00, 0x2FDF, TOK_SCRIPT_HAN, 0 },
    /* 々 ideographic iteration mark, 〆 closing mark, 〇 ideographic
     * zero: written inside kanji/hanzi words (人々, 〆切, 二〇二四). */
    { 0x3005, 0x3007, TOK_SCRIPT_HAN, 0 },
    /* Hangzhou numerals 〡..〩. */
    { 0x3021, 0x3029, TOK_SCRIPT_HAN, 0 },
    /* Vertical kana repeat marks 〱..〵. */
    { 0x3031, 0x3035, TOK_SCRIPT_KANA, 0 },
    /* Hangzhou numerals 〸〹〺 and 〻 vertical ideographic iteration. */
    { 0x3038, 0x303B, TOK_SCRIPT_HAN, 0 },
    /* 〼 masu mark, a kana ligature. */
    { 0x303C, 0x303C, TOK_SCRIPT_KANA, 0 },
    /* Hiragana, small kana included. */
    { 0x3041, 0x3096, TOK_SCRIPT_KANA, 0 },
    /* Combining (semi-)voiced sound marks: join the kana before them. */
    { 0x3099, 0x309A, TOK_SCRIPT_KANA, 1 },
    /* Spacing (semi-)voiced marks (the normaliser turns them into the
     * combining ones), hiragana iteration marks, ゟ digraph. */
    { 0x309B, 0x309F, TOK_SCRIPT_KANA, 0 },
    /* Katakana, small kana included (30A0 ゠ double hyphen is not). */
    { 0x30A1, 0x30FA, TOK_SCRIPT_KANA, 0 },
    /* ー prolonged sound mark, katakana iteration marks, ヿ digraph
     * (30FB ・ middle dot is punctuation and separates). */
    { 0x30FC, 0x30FF, TOK_SCRIPT_KANA, 0 },
    /* Bopomofo. */
    { 0x3105, 0x312F, TOK_SCRIPT_BOPOMOFO, 0 },
    /* Hangul Compatibility Jamo (NFKC maps them to conjoining jamo). */
    { 0x3131, 0x318E, TOK_SCRIPT_HANGUL, 0 },
    /* Bopomofo Extended. */
    { 0x31A0, 0x31BF, TOK_SCRIPT_BOPOMOFO, 0 },
    /* Katakana Phonetic Extensions (small ㇰ..ㇿ, Ainu). */
    { 0x31F0, 0x31FF, TOK_SCRIPT_KANA, 0 },
    /* CJK Unified Ideographs Extension A. */
    { 0x3400, 0x4DBF, TOK_SCRIPT_HAN, 0 },
    /* CJK Unified Ideographs (URO). */
    { 0x4E00, 0x9FFF, TOK_SCRIPT_HAN, 0 },
    /* Hangul Jamo Extended-A (archaic initials). */
    { 0xA960, 0xA97F, TOK_SCRIPT_HANGUL, 0 },
    /* Hangul Syllables. */
    { 0xAC00, 0xD7A3, TOK_SCRIPT_HANGUL, 0 },
    /* Hangul Jamo Extended-B (archaic medials and finals). */
    { 0xD7B0, 0xD7FF, TOK_SCRIPT_HANGUL, 0 },
    /* CJK Compatibility Ideographs (NFKC maps most to the URO; the
     * twelve unified ones among them stay). */
    { 0xF900, 0xFAFF, TOK_SCRIPT_HAN, 0 },
    /* Variation selectors VS1..VS16 (glyph choice, also emoji style). */
    { 0xFE00, 0xFE0F, TOK_SCRIPT_IGNORE, 0 },
    /* Byte order mark / zero-width no-break space. */
    { 0xFEFF, 0xFEFF, TOK_SCRIPT_IGNORE, 0 },
    /* Half-width katakana and ｰ (NFKC makes them full-width). */
    { 0xFF66, 0xFF9D, TOK_SCRIPT_KANA, 0 },
    /* Half-width (semi-)voiced marks: compose with the kana before. */
    { 0xFF9E, 0xFF9F, TOK_SCRIPT_KANA, 1 },
    /* Half-width Hangul compatibility jamo. */
    { 0xFFA0, 0xFFDC, TOK_SCRIPT_HANGUL, 0 },
    /* Kana Extended-B. */
    { 0x1AFF0, 0x1AFFF, TOK_SCRIPT_KANA, 0 },
    /* Kana Supplement, Kana Extended-A, Small Kana Extension. */
    { 0x1B000, 0x1B16F, TOK_SCRIPT_KANA, 0 },
    /* CJK Unified Ideographs Extension B. */
    { 0x20000, 0x2A6DF, TOK_SCRIPT_HAN, 0 },
    /* Extensions C, D, E and F (contiguous: 2A700..2EBEF). */
    { 0x2A700, 0x2EBEF, TOK_SCRIPT_HAN, 0 },
    /* Extension I. */
    { 0x2EBF0, 0x2EE5F, TOK_SCRIPT_HAN, 0 },
    /* CJK Compatibility Ideographs Supplement. */
    { 0x2F800, 0x2FA1F, TOK_SCRIPT_HAN, 0 },
    /* Extensions G and H. */
    { 0x30000, 0x323AF, TOK_SCRIPT_HAN, 0 },
    /* Language tag and tag characters (emoji flag sequences). */
    { 0xE0001, 0xE007F, TOK_SCRIPT_IGNORE, 0 },
    /* Variation Selectors Supplement VS17..VS256 (ideographic variants). */
    { 0xE0100, 0xE01EF, TOK_SCRIPT_IGNORE, 0 },
};

/* ASCII: letters and digits make words, everything else separates. */
static tok_script_t
ascii_class(uint32_t cp)
{
    if ((cp | 0x20) - 'a' < 26 || cp - '0' < 10)
        return TOK_SCRIPT_WORD;
    return TOK_SCRIPT_OTHER;
}

static tok_script_t
category_class(uint32_t cp, bool *is_mark)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return TOK_SCRIPT_WORD;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        *is_mark = true;
        return TOK_SCRIPT_WORD;
    default:
        return TOK_SCRIPT_OTHER;
    }
}

tok_script_t
tok__script_classify(uint32_t cp, bool *is_mark)
{
    *is_mark = false;
    /* The common cases first, without a search. */
    if (cp < 0x80)
        return ascii_class(cp);
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return TOK_SCRIPT_HAN;
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return TOK_SCRIPT_HANGUL;

    size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ranges[mid].last < cp) {
            lo = mid + 1;
        } else if (ranges[mid].first > cp) {
            hi = mid;
        } else {
            *is_mark = ranges[mid].mark != 0;
            return (tok_script_t)ranges[mid].script;
        }
    }
    return category_class(cp, is_mark);
}

tok_script_t
tok_script_of(uint32_t cp)
{
    bool is_mark;
    return tok__script_classify(cp, &is_mark);
}

bool
tok_script_is_cjk(tok_script_t s)
{
    return s == TOK_SCRIPT_HAN || s == TOK_SCRIPT_KANA || s == TOK_SCRIPT_HANGUL ||
           s == TOK_SCRIPT_BOPOMOFO;
}

bool
tok__script_is_ignorable(uint32_t cp)
{
    if (cp < 0xAD)
        return false;
    return cp == 0x00AD || cp == 0x034F || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) ||
           (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xE0001 && cp <= 0xE007F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}
