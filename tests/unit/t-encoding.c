/* SPDX-License-Identifier: MIT */
/* t-encoding.c - unit tests for indexer/encoding.c: the same text in every
 * encoding, declarations, forced charsets, bad and truncated input, and
 * detection on the shared fixture corpora. */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "encoding.h"
#include "tap.h"
#include "utf8.h"

#define FFFD "\xEF\xBF\xBD"

/*
 * Fixture detection floors. Measured with Debian 12's uchardet 0.0.7:
 * uchardet files 15/16 (Johab is unknown to uchardet), chardet files
 * 144/148 (3 Johab, 1 undeclared EUC-JP page read as windows-1252), the
 * same with declarations masked. One file of slack each for other
 * uchardet versions.
 */
#define MIN_UCHARDET_MATCHED 14
#define MIN_UCHARDET_MASKED 14
#define MIN_CHARDET_MATCHED 143
#define MIN_CHARDET_MASKED 143

/* The same news sentence in each script (written for these tests). */
static const char text_hans[] =
    "微软首席执行官纳德拉11月19日宣布，奥特曼和布罗克曼将加入微软，"
    "领导一个新的高级人工智能研究团队。此前两天，OpenAI董事会以沟通"
    "不够坦诚为由解除了奥特曼的首席执行官职务。";
static const char text_hant[] =
    "微軟執行長納德拉11月19日宣布，奧特曼與布羅克曼將加入微軟，領導"
    "新的先進人工智慧研究團隊。兩天前，OpenAI董事會以溝通不夠坦誠為由"
    "解除了奧特曼的執行長職務。";
static const char text_ja[] =
    "マイクロソフトのナデラCEOは11月19日、アルトマン氏とブロックマン氏"
    "が同社に加わり、新たな先端AI研究チームを率いると発表した。OpenAI"
    "の取締役会は2日前、アルトマン氏をCEOから解任していた。";
static const char text_ko[] =
    "마이크로소프트의 사티아 나델라 최고경영자는 11월 19일 올트먼과 "
    "브로크먼이 회사에 합류해 새로운 첨단 인공지능 연구팀을 이끌 것이라고 "
    "밝혔다. 이틀 전 오픈AI 이사회는 올트먼을 최고경영자 자리에서 해임했다.";
/* GB18030 only: 𠮷 (U+20BB7) needs a four-byte sequence. */
static const char text_gb18030[] =
    "𠮷野家的老板说，微软与OpenAI的合作在11月19日之后引起了更多关注。"
    "台积电和英伟达的股价当天小幅上涨，市场分析人士认为影响有限。";
/* CP949 only: 똠 (U+B620) is not in KS X 1001, so not in EUC-KR. */
static const char text_cp949[] =
    "똠방각하라는 별명의 기자가 마이크로소프트와 오픈AI의 관계를 취재했다. "
    "삼성전자와 엔비디아의 주가도 함께 움직였다고 전했다.";
static const char text_ascii_rich[] =
    "Microsoft CEO Satya Nadella said on 2023-11-19 that Sam Altman "
    "(奥特曼) would join Microsoft to lead a new advanced AI research team.";

/* Encodes a NUL-terminated UTF-8 string into 'charset' with iconv, after
 * 'prefix' bytes; the conversion must be lossless. */
static bool
encode(const char *utf8, const char *charset, const char *prefix,
       size_t prefix_len, cn_buf_t *out)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return false;
    size_t len = strlen(utf8);
    cn_buf_add(out, prefix, prefix_len);
    cn_buf_grow(out, len * 4 + 16);
    char *in = (char *)utf8, *o = out->data + out->len;
    size_t in_left = len, out_left = out->alloc - out->len - 1;
    size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
    if (rc != (size_t)-1)
        rc = iconv(cd, NULL, NULL, &o, &out_left);
    iconv_close(cd);
    cn_buf_setlen(out, (size_t)(o - out->data));
    return rc == 0 && in_left == 0;
}

/* Decodes and checks status, output, charset name, method and count. */
static void
check_decode(const char *what, const char *data, size_t len,
             const char *forced, const char *want, size_t want_len,
             const char *want_enc, int want_by, size_t want_replaced)
{
    cn_buf_t out = CN_BUF_INIT;
    idx_decoded_t info;
    char *msg = NULL;
    cn_status_t st = idx_decode_to_utf8(data, len, forced, &out, &info, &msg);
    is_int(st, CN_OK, "%s: status ok", what);
    tap_is_mem(out.data, out.len, want, want_len, "%s: text", what);
    if (want_enc)
        is_str(info.encoding, want_enc, "%s: charset", what);
    if (want_by)
        is_str(idx_enc_method_to_string(info.detected_by),
               idx_enc_method_to_string(want_by), "%s: detected by", what);
    is_int((long long)info.replaced, (long long)want_replaced,
           "%s: replacements", what);
    ok(cn_utf8_valid(out.data, out.len), "%s: valid UTF-8", what);
    free(msg);
    cn_buf_release(&out);
}

static const struct roundtrip {
    const char *charset; /* what the test encodes with */
    const char *bom;
    size_t bom_len;
    const char *text;
    const char *want_enc;
    int want_by;
} roundtrips[] = {
    { "GBK", "", 0, text_hans, "GB18030", IDX_ENC_DETECTOR },
    { "GB18030", "", 0, text_gb18030, "GB18030", IDX_ENC_DETECTOR },
    { "BIG5", "", 0, text_hant, "BIG5-HKSCS", IDX_ENC_DETECTOR },
    { "SHIFT_JIS", "", 0, text_ja, "CP932", IDX_ENC_DETECTOR },
    { "EUC-JP", "", 0, text_ja, "EUC-JP", IDX_ENC_DETECTOR },
    { "ISO-2022-JP", "", 0, text_ja, "ISO-2022-JP", IDX_ENC_DETECTOR },
    { "EUC-KR", "", 0, text_ko, "CP949", IDX_ENC_DETECTOR },
    { "UTF-16LE", "\xFF\xFE", 2, text_hans, "UTF-16LE", IDX_ENC_BOM },
    { "UTF-16BE", "\xFE\xFF", 2, text_ja, "UTF-16BE", IDX_ENC_BOM },
    { "UTF-16LE", "\xFF\xFE", 2, text_ko, "UTF-16LE", IDX_ENC_BOM },
    { "UTF-16BE", "\xFE\xFF", 2, text_hant, "UTF-16BE", IDX_ENC_BOM },
    { "UTF-32LE", "\xFF\xFE\0\0", 4, text_gb18030, "UTF-32LE", IDX_ENC_BOM },
    { "UTF-32BE", "\0\0\xFE\xFF", 4, text_ko, "UTF-32BE", IDX_ENC_BOM },
    { "UTF-8", "\xEF\xBB\xBF", 3, text_hant, "UTF-8", IDX_ENC_BOM },
    { "UTF-8", "", 0, text_hans, "UTF-8", IDX_ENC_UTF8_VALID },
    { "UTF-8", "", 0, text_ko, "UTF-8", IDX_ENC_UTF8_VALID },
    { "UTF-16LE", "", 0, text_ascii_rich, "UTF-16LE", IDX_ENC_DETECTOR },
    { "UTF-16BE", "", 0, text_ascii_rich, "UTF-16BE", IDX_ENC_DETECTOR },
};

static void
test_roundtrips(void)
{
    for (size_t i = 0; i < sizeof roundtrips / sizeof roundtrips[0]; i++) {
        const struct roundtrip *r = &roundtrips[i];
        char what[96];
        cn_buf_t raw = CN_BUF_INIT;
        snprintf(what, sizeof what, "round trip %zu (%s%s)", i, r->charset,
                 r->bom_len ? " with BOM" : "");
        if (!ok(encode(r->text, r->charset, r->bom, r->bom_len, &raw),
                "%s: test data encodes", what)) {
            cn_buf_release(&raw);
            continue;
        }
        check_decode(what, raw.data, raw.len, NULL, r->text, strlen(r->text),
                     r->want_enc, r->want_by, 0);
        cn_buf_release(&raw);
    }
}

/* Builds prefix + encode(body) + suffix, all in 'charset'. */
static bool
encode_html(const char *head, const char *body, const char *charset,
            cn_buf_t *raw, cn_buf_t *want)
{
    cn_buf_addstr(want, head);
    cn_buf_addstr(want, body);
    cn_buf_addstr(want, "</p>\n");
    cn_buf_addstr(raw, head);
    if (!encode(body, charset, "", 0, raw))
        return false;
    cn_buf_addstr(raw, "</p>\n");
    return true;
}

static void
check_declared(const char *what, const char *head, const char *body,
               const char *charset, const char *want_enc, int want_by)
{
    cn_buf_t raw = CN_BUF_INIT, want = CN_BUF_INIT;
    if (ok(encode_html(head, body, charset, &raw, &want),
           "%s: test data encodes", what))
        check_decode(what, raw.data, raw.len, NULL, want.data, want.len,
                     want_enc, want_by, 0);
    cn_buf_release(&raw);
    cn_buf_release(&want);
}

static void
test_declarations(void)
{
    check_declared("meta charset gb2312",
                   "<html><head><meta charset=\"gb2312\"></head><p>",
                   text_hans, "GBK", "GB18030", IDX_ENC_META);
    check_declared("meta http-equiv big5",
                   "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" "
                   "CONTENT=\"text/html; charset=big5\"></HEAD><p>",
                   text_hant, "BIG5", "BIG5-HKSCS", IDX_ENC_META);
    check_declared("xml declaration Shift_JIS",
                   "<?xml version=\"1.0\" encoding='Shift_JIS'?>\n<rss><p>",
                   text_ja, "SHIFT_JIS", "CP932", IDX_ENC_META);
    check_declared("meta x-euc-jp after other metas",
                   "<head><meta name=\"author\" content=\"desk\">"
                   "<meta charset = x-euc-jp ><p>",
                   text_ja, "EUC-JP", "EUC-JP", IDX_ENC_META);
    check_declared("meta utf-16 label on ASCII bytes is ignored",
                   "<meta charset=\"utf-16\"><p>", text_hans, "UTF-8",
                   "UTF-8", IDX_ENC_UTF8_VALID);
    /*
     * uchardet 0.0.7 reads EUC-KR text with UHC-only syllables (똠) as
     * GB18030; a euc-kr label, widened to CP949, decodes it.
     */
    check_declared("meta euc-kr on UHC-only Hangul",
                   "<meta charset=\"euc-kr\"><p>", text_cp949, "CP949",
                   "CP949", IDX_ENC_META);
    check_declared("meta with an unknown label is ignored",
                   "<meta charset=\"x-klingon\"><p>", text_ko, "EUC-KR",
                   "CP949", IDX_ENC_DETECTOR);

    /* The declaration wins over the detector, even when it is wrong. */
    cn_buf_t raw = CN_BUF_INIT;
    idx_decoded_t info;
    cn_buf_addstr(&raw, "<meta charset=\"euc-kr\">");
    encode(text_hans, "GBK", "", 0, &raw);
    cn_buf_t out = CN_BUF_INIT;
    is_int(idx_decode_to_utf8(raw.data, raw.len, NULL, &out, &info, NULL),
           CN_OK, "meta beats detector: status ok");
    is_str(info.encoding, "CP949", "meta beats detector: charset");
    is_int(info.detected_by, IDX_ENC_META, "meta beats detector: method");
    ok(cn_utf8_valid(out.data, out.len), "meta beats detector: valid UTF-8");
    cn_buf_release(&out);
    cn_buf_release(&raw);

    /* Declarations past the first 4 KiB are not looked at. */
    cn_buf_t pad = CN_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        cn_buf_addch(&pad, ' ');
    cn_buf_addstr(&pad, "<meta charset=\"big5\"><p>");
    check_declared("meta past 4 KiB is ignored", pad.data, text_hans,
                   "UTF-8", "UTF-8", IDX_ENC_UTF8_VALID);
    cn_buf_release(&pad);
}

static void
check_forced(const char *what, const char *text, const char *charset,
             const char *forced, const char *want_enc)
{
    cn_buf_t raw = CN_BUF_INIT;
    if (ok(encode(text, charset, "", 0, &raw), "%s: test data encodes",
           what))
        check_decode(what, raw.data, raw.len, forced, text, strlen(text),
                     want_enc, IDX_ENC_FORCED, 0);
    cn_buf_release(&raw);
}

static void
test_forced(void)
{
    check_forced("forced GBK", text_hans, "GBK", "GBK", "GB18030");
    check_forced("forced shift_jis", text_ja, "SHIFT_JIS", "shift_jis",
                 "CP932");
    check_forced("forced x-sjis", text_ja, "SHIFT_JIS", "x-sjis", "CP932");
    check_forced("forced EUC-KR", text_ko, "EUC-KR", "euc-kr", "CP949");
    check_forced("forced Big5", text_hant, "BIG5", "Big5", "BIG5-HKSCS");
    check_forced("forced CP949, UHC-only Hangul", text_cp949, "CP949",
                 "CP949", "CP949");
    /* Forced wins over the content: these bytes are also valid UTF-8. */
    check_decode("forced over UTF-8 validity", "\x4F\x60\x59\x7D", 4,
                 "UTF-16BE", "你好", 6, "UTF-16BE", IDX_ENC_FORCED, 0);
    check_decode("same bytes unforced", "\x4F\x60\x59\x7D", 4, NULL,
                 "O`Y}", 4, "UTF-8", IDX_ENC_UTF8_VALID, 0);

    /* A name iconv knows but the module does not is used as given. */
    static const char forced_ebcdic[] = "IBM037";
    cn_buf_t out = CN_BUF_INIT;
    idx_decoded_t info;
    is_int(idx_decode_to_utf8("\xC8\x85\x93\x93\x96", 5, forced_ebcdic, &out,
                              &info, NULL),
           CN_OK, "forced IBM037: status ok");
    is_str(out.data, "Hello", "forced IBM037: text");
    ok(info.encoding == forced_ebcdic,
       "forced IBM037: charset is the caller's string");
    cn_buf_release(&out);

    /* A BOM is dropped under a forced charset too. */
    check_decode("forced UTF-8 with BOM", "\xEF\xBB\xBF微软", 9, "utf8",
                 "微软", 6, "UTF-8", IDX_ENC_FORCED, 0);
    check_decode("forced UTF-16LE with BOM", "\xFF\xFE\xAE\x5F\x6F\x8F", 6,
                 "UTF-16LE", "微软", 6, "UTF-16LE", IDX_ENC_FORCED, 0);

    /* Every charset the module maps to opens in this iconv. */
    static const char *const names[] = {
        "GB18030", "BIG5-HKSCS", "CP950", "CP932", "SHIFT_JISX0213",
        "EUC-JP", "EUC-JP-MS", "CP949", "ISO-2022-JP", "ISO-2022-JP-2",
        "ISO-2022-KR", "ISO-2022-CN", "EUC-TW", "JOHAB", "WINDOWS-1252",
        "KOI8-R", "TIS-620", "VISCII",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        check_decode(names[i], "abc", 3, names[i], "abc", 3, NULL,
                     IDX_ENC_FORCED, 0);
}

static void
test_bad_bytes(void)
{
    check_decode("bad byte in UTF-8", "微软\xFF宣布", 13, NULL,
                 "微软" FFFD "宣布", 15, "UTF-8", 0, 1);
    check_decode("bad byte, forced UTF-8", "a\x80\x80z", 4, "UTF-8",
                 "a" FFFD FFFD "z", 8, "UTF-8", IDX_ENC_FORCED, 2);

    cn_buf_t raw = CN_BUF_INIT, want = CN_BUF_INIT;
    encode(text_hans, "GBK", "", 0, &raw);
    cn_buf_addch(&raw, '\xFF');
    encode(text_hans, "GBK", "", 0, &raw);
    cn_buf_addf(&want, "%s" FFFD "%s", text_hans, text_hans);
    check_decode("bad byte in detected GBK", raw.data, raw.len, NULL,
                 want.data, want.len, "GB18030", IDX_ENC_DETECTOR, 1);
    cn_buf_clear(&raw);
    cn_buf_clear(&want);

    /* 0x80 is not a Shift_JIS byte; 0x82 0x20 is a lead byte with a bad
     * trail: each becomes one U+FFFD and the space survives. */
    encode("前半", "SHIFT_JIS", "", 0, &raw);
    cn_buf_add(&raw, "\xA0\x82 ", 3);
    encode("後半", "SHIFT_JIS", "", 0, &raw);
    check_decode("bad bytes in Shift_JIS", raw.data, raw.len, "Shift_JIS",
                 "前半" FFFD FFFD " 後半", 19, "CP932", IDX_ENC_FORCED, 2);
    cn_buf_clear(&raw);

    /* A lone surrogate costs one code unit; alignment is kept. */
    check_decode("lone surrogate in UTF-16LE",
                 "\xFF\xFE\xAE\x5F\x00\xD8\x6F\x8F", 8, NULL,
                 "微" FFFD "软", 9, "UTF-16LE", IDX_ENC_BOM, 1);

    /* Big5 codes glibc's BIG5-HKSCS lacks are rescued with CP950. */
    check_decode("Big5 A1C3 and A3E1 via CP950", "\xA1\xC3 \xA3\xE1", 5,
                 "big5", "￣ €", 7, "BIG5-HKSCS", IDX_ENC_FORCED, 0);

    check_decode("NUL becomes space", "a\0b", 3, NULL, "a b", 3, "UTF-8",
                 IDX_ENC_UTF8_VALID, 0);
    cn_buf_release(&raw);
    cn_buf_release(&want);
}

static void
test_truncated(void)
{
    cn_buf_t raw = CN_BUF_INIT, want = CN_BUF_INIT;
    encode(text_hans, "GBK", "", 0, &raw);
    cn_buf_addch(&raw, '\xCE');
    cn_buf_addf(&want, "%s" FFFD, text_hans);
    check_decode("GBK cut after a lead byte", raw.data, raw.len, "GBK",
                 want.data, want.len, "GB18030", IDX_ENC_FORCED, 1);
    check_decode("GBK cut, detected", raw.data, raw.len, NULL, want.data,
                 want.len, "GB18030", IDX_ENC_DETECTOR, 1);
    cn_buf_clear(&raw);

    /* Three of the four bytes of a GB18030 sequence: one U+FFFD. */
    check_decode("GB18030 cut inside a 4-byte sequence", "ab\x95\x32\x82",
                 5, "GB18030", "ab" FFFD, 5, "GB18030", IDX_ENC_FORCED, 1);
    check_decode("UTF-16LE with an odd last byte", "\xFF\xFE\xAE\x5F\x6F",
                 5, NULL, "微" FFFD, 6, "UTF-16LE", IDX_ENC_BOM, 1);
    check_decode("ISO-2022-JP cut in an escape", "abc\x1B$", 5,
                 "ISO-2022-JP", "abc" FFFD, 6, "ISO-2022-JP",
                 IDX_ENC_FORCED, 1);
    /* UTF-8 follows cn_utf8_sanitize(): one U+FFFD per byte. */
    check_decode("UTF-8 cut inside a character", "微软\xE5\xAE", 8, "UTF-8",
                 "微软" FFFD FFFD, 12, "UTF-8", IDX_ENC_FORCED, 2);
    cn_buf_release(&raw);
    cn_buf_release(&want);
}

static void
test_empty_and_errors(void)
{
    check_decode("empty", "", 0, NULL, "", 0, "UTF-8", IDX_ENC_UTF8_VALID, 0);
    check_decode("NULL data, zero length", NULL, 0, NULL, "", 0, "UTF-8",
                 IDX_ENC_UTF8_VALID, 0);
    check_decode("empty, forced", "", 0, "GBK", "", 0, "GB18030",
                 IDX_ENC_FORCED, 0);
    check_decode("BOM only", "\xFE\xFF", 2, NULL, "", 0, "UTF-16BE",
                 IDX_ENC_BOM, 0);

    cn_buf_t out = CN_BUF_INIT;
    idx_decoded_t info;
    char *msg = NULL;
    cn_buf_addstr(&out, "kept");
    is_int(idx_decode_to_utf8("abc", 3, "NO-SUCH-CHARSET", &out, &info, &msg),
           CN_E_INVALID_ARGUMENT, "unknown forced charset: invalid argument");
    ok(msg && strstr(msg, "'NO-SUCH-CHARSET'"),
       "unknown forced charset: message names it (%s)", msg ? msg : "NULL");
    is_str(out.data, "kept", "unknown forced charset: output untouched");
    free(msg);
    is_int(idx_decode_to_utf8("abc", 3, "UTF-8//IGNORE", &out, &info, NULL),
           CN_E_INVALID_ARGUMENT, "iconv suffix in forced name is refused");
    is_int(idx_decode_to_utf8("abc", 3, "", &out, &info, NULL),
           CN_E_INVALID_ARGUMENT, "empty forced name is refused");
    is_int(idx_decode_to_utf8(NULL, 3, NULL, &out, &info, &msg),
           CN_E_INVALID_ARGUMENT, "NULL data with a length");
    ok(msg != NULL, "NULL data: message set");
    free(msg);
    is_int(idx_decode_to_utf8("abc", 3, NULL, NULL, &info, NULL),
           CN_E_INVALID_ARGUMENT, "NULL output buffer");
    is_int(idx_decode_to_utf8("abc", 3, NULL, &out, NULL, NULL),
           CN_E_INVALID_ARGUMENT, "NULL info");

    /* Output is appended. */
    is_int(idx_decode_to_utf8("\xFF\xFE\x41\x00", 4, NULL, &out, &info, &msg),
           CN_OK, "append: status ok");
    ok(msg == NULL, "append: no message on success");
    is_str(out.data, "keptA", "append: after existing contents");
    is_str(idx_enc_method_to_string(99), "unknown", "method name fallback");
    cn_buf_release(&out);
}

/*
 * Detection on real files: the uchardet test files (named after their
 * charset) and the python-chardet corpus (MANIFEST.tsv names the charset
 * directory). Both live outside the repository; CJKNEWS_CORPUS overrides
 * where.
 */
static const char *
corpus_dir(void)
{
    const char *dir = getenv("CJKNEWS_CORPUS");
    return dir && *dir ? dir : "../shared/corpus";
}

static bool
read_file(const char *path, cn_buf_t *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[8192];
    size_t n;
    if (!f)
        return false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        cn_buf_add(out, chunk, n);
    bool good = !ferror(f);
    fclose(f);
    return good;
}

/* The charset we should report for a fixture's labelled charset. */
static const char *
fixture_family(const char *label)
{
    static const struct {
        const char *label;
        const char *want;
    } families[] = {
        { "Big5", "BIG5-HKSCS" }, { "CP932", "CP932" },
        { "SHIFT_JIS", "CP932" }, { "CP949", "CP949" },
        { "EUC-KR", "CP949" }, { "EUC-JP", "EUC-JP" },
        { "EUC-TW", "EUC-TW" }, { "GB2312", "GB18030" },
        { "Johab", "JOHAB" }, { "iso-2022-jp", "ISO-2022-JP" },
        { "iso-2022-kr", "ISO-2022-KR" },
    };
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
        if (strcmp(families[i].label, label) == 0)
            return families[i].want;
    return NULL;
}

/* Tallies for one corpus. */
typedef struct fixture_score {
    size_t files, matched, masked_matched, replaced, read_errors;
} fixture_score_t;

/* Hides "encoding" and "charset" in the first 4 KiB, so only the
 * content speaks. */
static void
mask_declarations(cn_buf_t *raw)
{
    static const char *const words[] = { "encoding", "charset" };
    size_t window = raw->len < 4096 ? raw->len : 4096;
    for (size_t w = 0; w < 2; w++) {
        size_t n = strlen(words[w]);
        for (size_t i = 0; i + n <= window; i++)
            if (strncasecmp(raw->data + i, words[w], n) == 0)
                memset(raw->data + i, 'x', n);
    }
}

static void
score_fixture(const char *path, const char *want, fixture_score_t *score)
{
    cn_buf_t raw = CN_BUF_INIT, out = CN_BUF_INIT;
    idx_decoded_t info;
    score->files++;
    if (!read_file(path, &raw)) {
        score->read_errors++;
        tap_diag("cannot read '%s': %s", path, strerror(errno));
        cn_buf_release(&raw);
        return;
    }
    if (idx_decode_to_utf8(raw.data, raw.len, NULL, &out, &info, NULL) ==
            CN_OK &&
        strcmp(info.encoding, want) == 0) {
        score->matched++;
        score->replaced += info.replaced;
    } else {
        tap_diag("  %s: want %s, got %s by %s", path, want, info.encoding,
                 idx_enc_method_to_string(info.detected_by));
    }
    mask_declarations(&raw);
    cn_buf_clear(&out);
    if (idx_decode_to_utf8(raw.data, raw.len, NULL, &out, &info, NULL) ==
            CN_OK &&
        strcmp(info.encoding, want) == 0)
        score->masked_matched++;
    cn_buf_release(&raw);
    cn_buf_release(&out);
}

static void
score_uchardet_fixtures(const char *top, fixture_score_t *score)
{
    static const struct {
        const char *path;
        const char *want;
    } files[] = {
        { "zh/big5.txt", "BIG5-HKSCS" }, { "zh/euc-tw.txt", "EUC-TW" },
        { "zh/gb18030.txt", "GB18030" }, { "zh/utf-8.txt", "UTF-8" },
        { "ja/euc-jp.txt", "EUC-JP" }, { "ja/iso-2022-jp.txt", "ISO-2022-JP" },
        { "ja/shift_jis.txt", "CP932" }, { "ja/utf-8.txt", "UTF-8" },
        { "ja/utf-16be.txt", "UTF-16BE" }, { "ja/utf-16le.txt", "UTF-16LE" },
        { "ko/iso-2022-kr.txt", "ISO-2022-KR" }, { "ko/johab.txt", "JOHAB" },
        { "ko/uhc.smi", "CP949" }, { "ko/utf-16.le", "UTF-16LE" },
        { "ko/utf-32.be", "UTF-32BE" }, { "ko/utf-8.txt", "UTF-8" },
    };
    cn_buf_t path = CN_BUF_INIT;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        cn_buf_clear(&path);
        cn_buf_addf(&path, "%s/%s", top, files[i].path);
        score_fixture(path.data, files[i].want, score);
    }
    cn_buf_release(&path);
}

/* Returns false if the manifest cannot be read. */
static bool
score_chardet_fixtures(const char *top, fixture_score_t *score)
{
    char line[4096];
    cn_buf_t path = CN_BUF_INIT;
    cn_buf_addf(&path, "%s/MANIFEST.tsv", top);
    FILE *manifest = fopen(path.data, "r");
    if (!manifest) {
        cn_buf_release(&path);
        return false;
    }
    while (fgets(line, sizeof line, manifest)) {
        char *tab = strchr(line, '\t');
        if (!tab || strncmp(line, "path\t", 5) == 0)
            continue;
        *tab = '\0';
        char *label = tab + 1;
        label[strcspn(label, "\t\n")] = '\0';
        const char *want = fixture_family(label);
        if (!want) {
            tap_diag("  %s: no family for '%s'", line, label);
            continue;
        }
        cn_buf_clear(&path);
        cn_buf_addf(&path, "%s/%s", top, line);
        score_fixture(path.data, want, score);
    }
    fclose(manifest);
    cn_buf_release(&path);
    return true;
}

static void
report_score(const char *name, const fixture_score_t *s, size_t min_matched,
             size_t min_masked)
{
    tap_diag("%s: %zu/%zu files detected as their family (%.1f%%); "
             "%zu/%zu with declarations masked; %zu U+FFFD in the matches",
             name, s->matched, s->files,
             s->files ? 100.0 * (double)s->matched / (double)s->files : 0.0,
             s->masked_matched, s->files, s->replaced);
    is_int((long long)s->read_errors, 0, "%s: all files read", name);
    ok(s->matched >= min_matched, "%s: at least %zu detected right", name,
       min_matched);
    ok(s->masked_matched >= min_masked,
       "%s: at least %zu right without declarations", name, min_masked);
    is_int((long long)s->replaced, 0,
           "%s: files detected right decode without replacements", name);
}

static void
test_fixtures(void)
{
    fixture_score_t score = { 0 };
    cn_buf_t top = CN_BUF_INIT, probe = CN_BUF_INIT;
    cn_buf_addf(&top, "%s/enc-fixtures-uchardet", corpus_dir());
    cn_buf_addf(&probe, "%s/SOURCE.md", top.data);
    if (access(probe.data, R_OK) != 0) {
        tap_skip("uchardet fixtures not found under $CJKNEWS_CORPUS "
                 "(default ../shared/corpus, next to the repository)");
    } else {
        score_uchardet_fixtures(top.data, &score);
        report_score("uchardet fixtures", &score, MIN_UCHARDET_MATCHED,
                     MIN_UCHARDET_MASKED);
    }

    memset(&score, 0, sizeof score);
    cn_buf_clear(&top);
    cn_buf_addf(&top, "%s/enc-fixtures-chardet", corpus_dir());
    if (!score_chardet_fixtures(top.data, &score))
        tap_skip("chardet fixtures (MANIFEST.tsv) not found under "
                 "$CJKNEWS_CORPUS (default ../shared/corpus, next to the repository)");
    else
        report_score("chardet fixtures", &score, MIN_CHARDET_MATCHED,
                     MIN_CHARDET_MASKED);
    cn_buf_release(&top);
    cn_buf_release(&probe);
}

int
main(void)
{
    test_roundtrips();
    test_declarations();
    test_forced();
    test_bad_bytes();
    test_truncated();
    test_empty_and_errors();
    test_fixtures();
    return tap_done();
}
