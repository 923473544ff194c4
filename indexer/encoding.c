/* SPDX-License-Identifier: MIT */
/* encoding.c - charset detection (BOM, declarations, uchardet) and iconv
 * conversion to UTF-8 where every bad byte becomes a counted U+FFFD. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include "utf8.h"

/*
 * Declarations are looked for in the first 4 KiB only: HTML requires the
 * <meta> charset within the first 1024 bytes, and scraped pages with long
 * comment or script heads still fit in four times that.
 */
#define DECLARED_WINDOW_LEN 4096

/*
 * uchardet sees at most this much. Its answer settles long before that on
 * news articles; the cap bounds the cost on a huge mislabelled file.
 */
#define DETECT_MAX_LEN (256 * 1024)

/* Longest charset label we look up; the longest real one is ~25 bytes. */
#define LABEL_MAX_LEN 48

#define UTF8_REPLACEMENT "\xEF\xBF\xBD"
#define UTF8_BOM "\xEF\xBB\xBF"

/* How to decode one charset. */
typedef struct charset {
    const char *name;       /* iconv name; also what we report */
    const char *rescue;     /* iconv name retried per character where
                             * 'name' rejects one, or NULL */
    size_t unit_len;        /* bytes skipped after an invalid sequence */
} charset_t;

/*
 * Charsets we decode with. Supersets are preferred (see encoding.h); the
 * rescue charsets cover glibc's gaps: its BIG5-HKSCS lacks a few plain
 * Big5/CP950 codes (A1C3, A1FE, A3E1 euro), which real Big5 pages use.
 */
static const charset_t charsets[] = {
    { "UTF-8", NULL, 1 },
    { "GB18030", NULL, 1 },
    { "BIG5-HKSCS", "CP950", 1 },
    { "CP932", "SHIFT_JISX0213", 1 },
    { "EUC-JP", "EUC-JP-MS", 1 },
    { "CP949", NULL, 1 },
    { "ISO-2022-JP", NULL, 1 },
    { "ISO-2022-JP-2", NULL, 1 },
    { "ISO-2022-KR", NULL, 1 },
    { "ISO-2022-CN", NULL, 1 },
    { "EUC-TW", NULL, 1 },
    { "JOHAB", NULL, 1 },
    { "UTF-16", NULL, 2 },
    { "UTF-16LE", NULL, 2 },
    { "UTF-16BE", NULL, 2 },
    { "UTF-32", NULL, 4 },
    { "UTF-32LE", NULL, 4 },
    { "UTF-32BE", NULL, 4 },
    { "UCS-2LE", NULL, 2 },
    { "UCS-2BE", NULL, 2 },
    { "WINDOWS-1250", NULL, 1 },
    { "WINDOWS-1251", NULL, 1 },
    { "WINDOWS-1252", NULL, 1 },
    { "WINDOWS-1253", NULL, 1 },
    { "WINDOWS-1254", NULL, 1 },
    { "WINDOWS-1255", NULL, 1 },
    { "WINDOWS-1256", NULL, 1 },
    { "WINDOWS-1257", NULL, 1 },
    { "WINDOWS-1258", NULL, 1 },
    { "ISO-8859-2", NULL, 1 },
    { "ISO-8859-3", NULL, 1 },
    { "ISO-8859-4", NULL, 1 },
    { "ISO-8859-5", NULL, 1 },
    { "ISO-8859-6", NULL, 1 },
    { "ISO-8859-7", NULL, 1 },
    { "ISO-8859-8", NULL, 1 },
    { "ISO-8859-9", NULL, 1 },
    { "ISO-8859-10", NULL, 1 },
    { "ISO-8859-11", NULL, 1 },
    { "ISO-8859-13", NULL, 1 },
    { "ISO-8859-15", NULL, 1 },
    { "ISO-8859-16", NULL, 1 },
    { "KOI8-R", NULL, 1 },
    { "KOI8-U", NULL, 1 },
    { "IBM852", NULL, 1 },
    { "IBM855", NULL, 1 },
    { "IBM866", NULL, 1 },
    { "MAC-CYRILLIC", NULL, 1 },
    { "MAC-CENTRALEUROPE", NULL, 1 },
    { "TIS-620", NULL, 1 },
    { "VISCII", NULL, 1 },
};

/*
 * Labels as they appear in declarations, detector answers and user
 * options, folded by label_fold() (lowercase, letters and digits only), to
 * the charsets[] name we decode with.
 */
static const struct label_alias {
    const char *label;
    const char *name;
} label_aliases[] = {
    /* UTF-8, and ASCII, which it contains. */
    { "utf8", "UTF-8" }, { "unicode11utf8", "UTF-8" },
    { "unicode20utf8", "UTF-8" }, { "xunicode20utf8", "UTF-8" },
    { "ascii", "UTF-8" }, { "usascii", "UTF-8" },
    { "ansix341968", "UTF-8" },
    /* Simplified Chinese: GB18030 contains GBK, which contains GB2312. */
    { "gb18030", "GB18030" }, { "gbk", "GB18030" }, { "gb2312", "GB18030" },
    { "csgb2312", "GB18030" }, { "gb231280", "GB18030" },
    { "cp936", "GB18030" }, { "ms936", "GB18030" },
    { "windows936", "GB18030" }, { "euccn", "GB18030" },
    { "xeuccn", "GB18030" }, { "xgbk", "GB18030" }, { "chinese", "GB18030" },
    { "isoir58", "GB18030" },
    /* Traditional Chinese. */
    { "big5", "BIG5-HKSCS" }, { "big5hkscs", "BIG5-HKSCS" },
    { "cnbig5", "BIG5-HKSCS" }, { "xxbig5", "BIG5-HKSCS" },
    { "csbig5", "BIG5-HKSCS" }, { "cp950", "BIG5-HKSCS" },
    { "ms950", "BIG5-HKSCS" }, { "windows950", "BIG5-HKSCS" },
    { "euctw", "EUC-TW" }, { "xeuctw", "EUC-TW" },
    { "iso2022cn", "ISO-2022-CN" },
    /* Japanese: CP932 (Windows-31J) is what "Shift_JIS" pages really use. */
    { "shiftjis", "CP932" }, { "sjis", "CP932" }, { "xsjis", "CP932" },
    { "mskanji", "CP932" }, { "csshiftjis", "CP932" },
    { "windows31j", "CP932" }, { "cswindows31j", "CP932" },
    { "cp932", "CP932" }, { "ms932", "CP932" }, { "xmscp932", "CP932" },
    { "shiftjisx0213", "CP932" },
    { "eucjp", "EUC-JP" }, { "xeucjp", "EUC-JP" }, { "eucjpms", "EUC-JP" },
    { "cseucpkdfmtjapanese", "EUC-JP" },
    { "iso2022jp", "ISO-2022-JP" }, { "csiso2022jp", "ISO-2022-JP" },
    { "iso2022jp2", "ISO-2022-JP-2" },
    /* Korean: CP949 (UHC) contains EUC-KR. */
    { "euckr", "CP949" }, { "cseuckr", "CP949" }, { "ksc5601", "CP949" },
    { "ksc56011987", "CP949" }, { "ksc56011989", "CP949" },
    { "isoir149", "CP949" }, { "korean", "CP949" }, { "uhc", "CP949" },
    { "cp949", "CP949" }, { "ms949", "CP949" }, { "windows949", "CP949" },
    { "xwindows949", "CP949" },
    { "iso2022kr", "ISO-2022-KR" }, { "csiso2022kr", "ISO-2022-KR" },
    { "johab", "JOHAB" }, { "cp1361", "JOHAB" },
    /* UTF-16 and UTF-32 (code units of 2 and 4 bytes). */
    { "utf16", "UTF-16" }, { "utf16le", "UTF-16LE" },
    { "utf16be", "UTF-16BE" }, { "ucs2", "UTF-16" },
    { "ucs2le", "UCS-2LE" }, { "ucs2be", "UCS-2BE" },
    { "utf32", "UTF-32" }, { "utf32le", "UTF-32LE" },
    { "utf32be", "UTF-32BE" }, { "ucs4", "UTF-32" },
    /* Single-byte charsets uchardet may report; Latin-1 labels mean
     * windows-1252 on the web. */
    { "iso88591", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
    { "l1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
    { "windows1252", "WINDOWS-1252" }, { "cp1250", "WINDOWS-1250" },
    { "windows1250", "WINDOWS-1250" }, { "cp1251", "WINDOWS-1251" },
    { "windows1251", "WINDOWS-1251" }, { "windows1253", "WINDOWS-1253" },
    { "windows1254", "WINDOWS-1254" }, { "windows1255", "WINDOWS-1255" },
    { "windows1256", "WINDOWS-1256" }, { "windows1257", "WINDOWS-1257" },
    { "windows1258", "WINDOWS-1258" }, { "iso88592", "ISO-8859-2" },
    { "iso88593", "ISO-8859-3" }, { "iso88594", "ISO-8859-4" },
    { "iso88595", "ISO-8859-5" }, { "iso88596", "ISO-8859-6" },
    { "iso88597", "ISO-8859-7" }, { "iso88598", "ISO-8859-8" },
    { "iso88599", "ISO-8859-9" }, { "iso885910", "ISO-8859-10" },
    { "iso885911", "ISO-8859-11" }, { "iso885913", "ISO-8859-13" },
    { "iso885915", "ISO-8859-15" }, { "iso885916", "ISO-8859-16" },
    { "koi8r", "KOI8-R" }, { "koi8u", "KOI8-U" }, { "ibm852", "IBM852" },
    { "ibm855", "IBM855" }, { "ibm866", "IBM866" }, { "cp866", "IBM866" },
    { "maccyrillic", "MAC-CYRILLIC" }, { "xmaccyrillic", "MAC-CYRILLIC" },
    { "maccentraleurope", "MAC-CENTRALEUROPE" }, { "tis620", "TIS-620" },
    { "viscii", "VISCII" },
};

/* An iconv descriptor pair for one conversion. */
typedef struct converter {
    iconv_t cd;
    iconv_t rescue_cd;       /* opened on first use */
    const char *rescue_name; /* NULL once the rescue is known unusable */
    size_t unit_len;
} converter_t;

static const iconv_t no_iconv = (iconv_t)-1;

const char *
idx_enc_method_to_string(int method)
{
    switch (method) {
    case IDX_ENC_FORCED: return "forced";
    case IDX_ENC_BOM: return "bom";
    case IDX_ENC_META: return "meta";
    case IDX_ENC_UTF8_VALID: return "utf8-valid";
    case IDX_ENC_DETECTOR: return "detector";
    case IDX_ENC_FALLBACK: return "fallback";
    default: return "unknown";
    }
}

static cn_status_t
fail(char **errmsg, cn_status_t st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static cn_status_t
fail(char **errmsg, cn_status_t st, const char *fmt, ...)
{
    if (errmsg) {
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(errmsg, fmt, ap) < 0)
            *errmsg = NULL;
        va_end(ap);
    }
    return st;
}

/*
 * Folds a label to lowercase letters and digits into out[LABEL_MAX_LEN].
 * Returns false if it is empty, too long or holds bytes no charset name
 * has, so that a random string never reaches the lookup.
 */
static bool
label_fold(const char *label, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)label[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (n + 1 >= LABEL_MAX_LEN)
                return false;
            out[n++] = (char)c;
        } else if (!strchr("-_.:() ", c)) {
            return false;
        }
    }
    out[n] = '\0';
    return n > 0;
}

static const charset_t *
charset_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof charsets / sizeof charsets[0]; i++)
        if (strcmp(charsets[i].name, name) == 0)
            return &charsets[i];
    return NULL;
}

/* Maps a label to the charset we decode it with, or NULL if unknown. */
static const charset_t *
charset_lookup(const char *label, size_t len)
{
    char folded[LABEL_MAX_LEN];
    if (!label_fold(label, len, folded))
        return NULL;
    for (size_t i = 0; i < sizeof label_aliases / sizeof label_aliases[0];
         i++)
        if (strcmp(label_aliases[i].label, folded) == 0)
            return charset_by_name(label_aliases[i].name);
    return NULL;
}

/* Detects a byte order mark; sets *bom_len to its length. */
static const charset_t *
sniff_bom(const unsigned char *b, size_t len, size_t *bom_len)
{
    /* UTF-32LE before UTF-16LE: FF FE 00 00 starts with the UTF-16LE BOM. */
    static const struct {
        const char *bytes;
        size_t len;
        const char *name;
    } boms[] = {
        { UTF8_BOM, 3, "UTF-8" },
        { "\xFF\xFE\x00\x00", 4, "UTF-32LE" },
        { "\x00\x00\xFE\xFF", 4, "UTF-32BE" },
        { "\xFF\xFE", 2, "UTF-16LE" },
        { "\xFE\xFF", 2, "UTF-16BE" },
    };
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        if (len >= boms[i].len && memcmp(b, boms[i].bytes, boms[i].len) == 0) {
            *bom_len = boms[i].len;
            return charset_by_name(boms[i].name);
        }
    }
    return NULL;
}

/* Offset of 'needle' (lowercase ASCII) in hay[0..len), ignoring ASCII
 * case, or SIZE_MAX. */
static size_t
find_nocase(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++) {
        size_t j = 0;
        while (j < n) {
            char c = hay[i + j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != needle[j])
                break;
            j++;
        }
        if (j == n)
            return i;
    }
    return SIZE_MAX;
}

/*
 * Reads the value of 'attr' (encoding or charset) inside tag[0..len):
 * attr, optional spaces, '=', optional spaces and quote, then the label.
 * Returns the charset it names, or NULL.
 */
static const charset_t *
declared_value(const char *tag, size_t len, const char *attr)
{
    size_t off = find_nocase(tag, len, attr);
    if (off == SIZE_MAX)
        return NULL;
    size_t i = off + strlen(attr);
    while (i < len && (tag[i] == ' ' || tag[i] == '\t'))
        i++;
    if (i >= len || tag[i] != '=')
        return NULL;
    i++;
    while (i < len && strchr(" \t\"'", tag[i]))
        i++;
    size_t start = i;
    while (i < len && !strchr(" \t\r\n\"';>/?", tag[i]))
        i++;
    return charset_lookup(tag + start, i - start);
}

/*
 * Looks for an XML declaration's encoding or a <meta> charset in
 * data[0..len), the window already cut to DECLARED_WINDOW_LEN.
 */
static const charset_t *
sniff_declared(const char *data, size_t len)
{
    const charset_t *cs = NULL;
    size_t off = find_nocase(data, len, "<?xml");
    if (off != SIZE_MAX) {
        size_t end = find_nocase(data + off, len - off, "?>");
        cs = declared_value(data + off, end == SIZE_MAX ? len - off : end,
                            "encoding");
    }
    /* Loop invariant: data[0..off) holds no <meta> tag naming a charset. */
    off = 0;
    while (!cs && off < len) {
        size_t at = find_nocase(data + off, len - off, "<meta");
        if (at == SIZE_MAX)
            break;
        const char *tag = data + off + at;
        size_t rest = len - off - at;
        const char *gt = memchr(tag, '>', rest);
        size_t tag_len = gt ? (size_t)(gt - tag) : rest;
        cs = declared_value(tag, tag_len, "charset");
        off += at + tag_len;
    }
    /*
     * A UTF-16 or UTF-32 label we could read as ASCII is wrong (HTML
     * standard, "prescan"): ignore it rather than decode garbage.
     */
    if (cs && cs->unit_len != 1)
        return NULL;
    return cs;
}

/*
 * Recognises BOM-less UTF-16 by its NUL bytes: in ASCII-heavy UTF-16 one
 * byte of most code units is zero, always the same one. Valid UTF-8 text
 * almost never holds NULs, and such input would otherwise pass as UTF-8.
 * At least a quarter of the units must have a zero in one half and the
 * other half must be zero twenty times less often.
 */
static const charset_t *
sniff_utf16(const unsigned char *b, size_t len)
{
    size_t units = (len < DECLARED_WINDOW_LEN ? len : DECLARED_WINDOW_LEN) / 2;
    size_t zero_hi = 0, zero_lo = 0;
    if (units < 4)
        return NULL;
    for (size_t i = 0; i < units; i++) {
        if (b[2 * i] == 0 && b[2 * i + 1] != 0)
            zero_lo++;
        else if (b[2 * i] != 0 && b[2 * i + 1] == 0)
            zero_hi++;
    }
    if (zero_hi * 4 >= units && zero_lo * 20 <= zero_hi)
        return charset_by_name("UTF-16LE");
    if (zero_lo * 4 >= units && zero_hi * 20 <= zero_lo)
        return charset_by_name("UTF-16BE");
    return NULL;
}

/*
 * Asks uchardet. Returns CN_OK with *cs NULL when it has no answer or
 * names a charset we do not know.
 */
static cn_status_t
detect_charset(const char *data, size_t len, const charset_t **cs)
{
    *cs = NULL;
    uchardet_t ud = uchardet_new();
    if (!ud)
        return CN_E_NOMEM;
    if (uchardet_handle_data(ud, data,
                             len < DETECT_MAX_LEN ? len : DETECT_MAX_LEN)) {
        uchardet_delete(ud);
        return CN_E_NOMEM;
    }
    uchardet_data_end(ud);
    const char *name = uchardet_get_charset(ud);
    if (name)
        *cs = charset_lookup(name, strlen(name));
    uchardet_delete(ud);
    return CN_OK;
}

/* Returns CN_OK, CN_E_NOT_FOUND if iconv lacks the charset, CN_E_NOMEM. */
static cn_status_t
converter_open(converter_t *cv, const char *name, const char *rescue_name,
               size_t unit_len)
{
    cv->cd = iconv_open("UTF-8", name);
    cv->rescue_cd = no_iconv;
    cv->rescue_name = rescue_name;
    cv->unit_len = unit_len;
    if (cv->cd != no_iconv)
        return CN_OK;
    if (errno == ENOMEM)
        return CN_E_NOMEM;
    if (!rescue_name)
        return CN_E_NOT_FOUND;
    /* An iconv without the superset may still have the plainer charset. */
    cv->rescue_name = NULL;
    cv->cd = iconv_open("UTF-8", rescue_name);
    if (cv->cd != no_iconv)
        return CN_OK;
    return errno == ENOMEM ? CN_E_NOMEM : CN_E_NOT_FOUND;
}

static void
converter_close(converter_t *cv)
{
    if (cv->cd != no_iconv)
        iconv_close(cv->cd);
    if (cv->rescue_cd != no_iconv)
        iconv_close(cv->rescue_cd);
    cv->cd = cv->rescue_cd = no_iconv;
}

/*
 * Tries to decode the one character at *in with the rescue charset after
 * the main one rejected it: the shortest prefix of up to 4 bytes that
 * converts completely. On success appends it, advances *in and *in_left
 * and returns true.
 */
static bool
converter_rescue(converter_t *cv, char **in, size_t *in_left, cn_buf_t *out)
{
    if (!cv->rescue_name)
        return false;
    if (cv->rescue_cd == no_iconv) {
        cv->rescue_cd = iconv_open("UTF-8", cv->rescue_name);
        if (cv->rescue_cd == no_iconv) {
            cv->rescue_name = NULL;
            return false;
        }
    }
    size_t max_len = *in_left < 4 ? *in_left : 4;
    for (size_t try_len = 1; try_len <= max_len; try_len++) {
        /* 16 bytes: one character, possibly with a combining mark. */
        char tmp[16], *tmp_p = tmp, *p = *in;
        size_t tmp_left = sizeof tmp, p_left = try_len;
        iconv(cv->rescue_cd, NULL, NULL, NULL, NULL);
        size_t rc = iconv(cv->rescue_cd, &p, &p_left, &tmp_p, &tmp_left);
        if (rc != (size_t)-1 && p_left == 0 && tmp_p > tmp) {
            cn_buf_add(out, tmp, (size_t)(tmp_p - tmp));
            *in += try_len;
            *in_left -= try_len;
            return true;
        }
        if (rc == (size_t)-1 && errno != EINVAL)
            return false;
    }
    return false;
}

/*
 * Runs iconv(), growing 'out' on E2BIG. A NULL 'in' flushes the shift
 * state (and anything a converter holds back, as BIG5-HKSCS does for
 * composed pairs). Output is committed to out->len as it is produced.
 * Returns 0 or the errno iconv stopped with (EILSEQ, EINVAL, other).
 */
static int
converter_step(converter_t *cv, char **in, size_t *in_left, cn_buf_t *out)
{
    for (;;) {
        if (out->alloc - out->len < 64)
            cn_buf_grow(out, out->alloc > 64 ? out->alloc : 64);
        char *out_p = out->data + out->len;
        size_t out_left = out->alloc - out->len - 1;
        size_t rc = iconv(cv->cd, in, in_left, &out_p, &out_left);
        int err = rc == (size_t)-1 ? errno : 0;
        cn_buf_setlen(out, (size_t)(out_p - out->data));
        if (err != E2BIG)
            return err;
        cn_buf_grow(out, out->alloc);
    }
}

/*
 * Converts in[0..len) and appends UTF-8 to 'out', replacing bad input.
 * Loop invariant: in[0..len - in_left) has been converted or replaced,
 * and every replacement is counted in *replaced.
 */
static cn_status_t
converter_run(converter_t *cv, const char *in_data, size_t len,
              cn_buf_t *out, size_t *replaced)
{
    char *in = (char *)in_data; /* iconv's prototype lacks const */
    size_t in_left = len;
    /* CJK double-byte text grows by half; start there to avoid E2BIG. */
    cn_buf_grow(out, len / 2 < SIZE_MAX / 4 ? len + len / 2 + 16 : 16);
    while (in_left > 0) {
        int err = converter_step(cv, &in, &in_left, out);
        if (err == 0)
            break;
        if (err == EILSEQ) {
            if (converter_rescue(cv, &in, &in_left, out))
                continue;
            size_t skip_len = in_left < cv->unit_len ? in_left : cv->unit_len;
            in += skip_len;
            in_left -= skip_len;
        } else if (err == EINVAL) {
            /*
             * EINVAL only happens at the end of the input, and what is
             * left is one unfinished sequence: one U+FFFD for all of it,
             * as the WHATWG decoders do at end of stream.
             */
            in_left = 0;
        } else {
            return CN_E_INTERNAL;
        }
        cn_buf_add(out, UTF8_REPLACEMENT, 3);
        (*replaced)++;
    }
    int err = converter_step(cv, NULL, NULL, out);
    if (err == EILSEQ || err == EINVAL) {
        cn_buf_add(out, UTF8_REPLACEMENT, 3);
        (*replaced)++;
    } else if (err) {
        return CN_E_INTERNAL;
    }
    return CN_OK;
}

/*
 * Appends decoded text to 'out' as valid UTF-8: drops one leading U+FEFF,
 * and lets cn_utf8_sanitize() turn NUL into space and anything invalid
 * (which iconv should never produce) into a counted U+FFFD.
 */
static void
finish_text(const char *text, size_t len, cn_buf_t *out, idx_decoded_t *info)
{
    if (len >= 3 && memcmp(text, UTF8_BOM, 3) == 0) {
        text += 3;
        len -= 3;
    }
    info->replaced += cn_utf8_sanitize(text, len, out);
}

/*
 * Decodes with charset 'name' into 'out'. Returns CN_E_NOT_FOUND, leaving
 * 'out' untouched, if iconv does not know the charset.
 */
static cn_status_t
decode_with(const char *data, size_t len, const char *name,
            const char *rescue_name, size_t unit_len, cn_buf_t *out,
            idx_decoded_t *info)
{
    if (strcmp(name, "UTF-8") == 0) {
        finish_text(data, len, out, info);
        return CN_OK;
    }
    converter_t cv;
    cn_status_t st = converter_open(&cv, name, rescue_name, unit_len);
    if (st != CN_OK)
        return st;
    cn_buf_t scratch = CN_BUF_INIT;
    size_t replaced = 0;
    st = converter_run(&cv, data, len, &scratch, &replaced);
    converter_close(&cv);
    if (st == CN_OK) {
        info->replaced += replaced;
        finish_text(scratch.data, scratch.len, out, info);
    }
    cn_buf_release(&scratch);
    return st;
}

static cn_status_t
decode_forced(const char *data, size_t len, const char *forced,
              cn_buf_t *out, idx_decoded_t *info, char **errmsg)
{
    const charset_t *cs = charset_lookup(forced, strlen(forced));
    cn_status_t st;
    info->detected_by = IDX_ENC_FORCED;
    if (cs) {
        info->encoding = cs->name;
        st = decode_with(data, len, cs->name, cs->rescue, cs->unit_len, out,
                         info);
    } else {
        /*
         * Not a label we know: hand it to iconv as it is, unless it holds
         * characters no charset name has (iconv reads "//" suffixes).
         */
        char folded[LABEL_MAX_LEN];
        info->encoding = forced;
        st = label_fold(forced, strlen(forced), folded)
                 ? decode_with(data, len, forced, NULL, 1, out, info)
                 : CN_E_NOT_FOUND;
    }
    if (st == CN_E_NOT_FOUND)
        return fail(errmsg, CN_E_INVALID_ARGUMENT,
                    "unknown charset '%.64s'", forced);
    if (st != CN_OK)
        return fail(errmsg, st, "cannot decode as '%.64s': %s", forced,
                    cn_status_to_string(st));
    return CN_OK;
}

/*
 * Chooses the charset from the content (steps 2 to 6 in encoding.h) and
 * records how in info->detected_by. *cs is NULL when nothing fitted (the
 * fallback); *skip_len is the length of the BOM to skip. Returns CN_OK or
 * CN_E_NOMEM.
 */
static cn_status_t
choose_charset(const char *data, size_t len, const charset_t **cs,
               size_t *skip_len, idx_decoded_t *info)
{
    const unsigned char *bytes = (const unsigned char *)data;
    *skip_len = 0;
    if ((*cs = sniff_bom(bytes, len, skip_len))) {
        info->detected_by = IDX_ENC_BOM;
        return CN_OK;
    }
    size_t window_len = len < DECLARED_WINDOW_LEN ? len : DECLARED_WINDOW_LEN;
    if ((*cs = sniff_declared(data, window_len))) {
        info->detected_by = IDX_ENC_META;
        return CN_OK;
    }
    info->detected_by = IDX_ENC_DETECTOR;
    if ((*cs = sniff_utf16(bytes, len)))
        return CN_OK;
    cn_status_t st;
    if (cn_utf8_valid(data, len)) {
        /*
         * ISO-2022-JP/KR/CN are 7-bit, hence valid UTF-8; their escape
         * sequences give them away, and uchardet reads those reliably.
         */
        if (memchr(data, 0x1B, len)) {
            st = detect_charset(data, len, cs);
            if (st != CN_OK)
                return st;
            if (*cs && strncmp((*cs)->name, "ISO-2022-", 9) == 0)
                return CN_OK;
        }
        *cs = charset_by_name("UTF-8");
        info->detected_by = IDX_ENC_UTF8_VALID;
        return CN_OK;
    }
    st = detect_charset(data, len, cs);
    if (st == CN_OK && !*cs)
        info->detected_by = IDX_ENC_FALLBACK;
    return st;
}

cn_status_t
idx_decode_to_utf8(const char *data, size_t len, const char *forced,
                   cn_buf_t *out, idx_decoded_t *info, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (info) {
        info->encoding = "UTF-8";
        info->replaced = 0;
        info->detected_by = IDX_ENC_FALLBACK;
    }
    if (!out || !info || (!data && len))
        return fail(errmsg, CN_E_INVALID_ARGUMENT,
                    "idx_decode_to_utf8: %s", !out ? "no output buffer"
                    : !info ? "no info struct" : "NULL data");
    if (!data)
        data = "";
    if (forced)
        return decode_forced(data, len, forced, out, info, errmsg);

    const charset_t *cs;
    size_t skip_len;
    cn_status_t st = choose_charset(data, len, &cs, &skip_len, info);
    if (st == CN_OK && cs) {
        info->encoding = cs->name;
        st = decode_with(data + skip_len, len - skip_len, cs->name,
                         cs->rescue, cs->unit_len, out, info);
    }
    if (st == CN_E_NOT_FOUND || (st == CN_OK && !cs)) {
        /* No usable charset: keep what is UTF-8, replace the rest. */
        info->encoding = "UTF-8";
        info->detected_by = IDX_ENC_FALLBACK;
        info->replaced = 0;
        finish_text(data, len, out, info);
        st = CN_OK;
    }
    if (st != CN_OK)
        return fail(errmsg, st, "cannot decode document: %s",
                    cn_status_to_string(st));
    return CN_OK;
}
