/* SPDX-License-Identifier: MIT */
/* names.c - candidate people and organisations in text (see names.h).
 * Heuristics, tuned for precision over recall: what they find is meant
 * for a curator, not trusted as it is. */
#include "names.h"
#include "names-private.h"
#include "utf8.h"

#include <stdint.h>
#include <string.h>

/* Characters common in Chinese transliterations of foreign names (our own
 * list). A name part next to a middle dot or a bracket is the longest run
 * of these, so 联合创始人埃米特·希尔 gives 埃米特·希尔. Simplified and
 * traditional forms both appear. */
static const char TRANSLIT[] =
    "阿埃艾安昂奥澳巴拜班邦保鲍贝本比彼毕波伯勃博布查彻达戴丹道德登邓迪蒂丁杜"
    "多厄恩尔法凡菲费芬丰弗福富盖甘冈高戈哥格葛根古瓜哈海汉豪赫黑亨洪侯胡华霍"
    "基吉加迦嘉贾杰金京卡凯坎康柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里利莉连林琳"
    "卢鲁伦罗洛马玛迈麦曼梅美蒙米敏明莫姆穆纳娜奈南内尼涅宁纽努诺欧帕派潘佩"
    "彭皮珀普齐奇琪恰乔切钦琼丘让热若萨塞赛桑瑟森沙莎尚舍圣施什史舒斯松苏索"
    "塔泰坦汤唐特提廷通图托瓦威韦维温文沃乌伍西希谢辛休雅亚扬耶伊因英尤约泽"
    "扎詹珍兹佐山翰茨夫鮑"
    "奧澳貝畢蒂爾費豐蓋剛戈葛漢華賈傑凱蘭勞雷賴蘭倫羅盧魯馬瑪邁麥蒙納紐諾歐"
    "龐齊喬欽瓊讓薩賽聖施蘇湯圖威維溫沃烏謝雅楊葉約澤紮詹";

int
ent__is_translit(uint32_t cp)
{
    char enc[4];
    size_t n = cn_utf8_encode(cp, enc);
    return cp >= 0x3400 && memmem(TRANSLIT, sizeof(TRANSLIT) - 1, enc, n) != NULL;
}

/* Katakana letters and the prolonged sound mark (ー). */
int
ent__is_katakana(uint32_t cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

int
ent__is_hiragana(uint32_t cp)
{
    return cp >= 0x3041 && cp <= 0x309F;
}

int
ent__is_dot(uint32_t cp)
{
    /* U+00B7 MIDDLE DOT, U+30FB KATAKANA MIDDLE DOT, U+2022 BULLET,
     * U+2027 HYPHENATION POINT, U+FF65 HALFWIDTH KATAKANA MIDDLE DOT */
    return cp == 0xB7 || cp == 0x30FB || cp == 0x2022 || cp == 0x2027 || cp == 0xFF65;
}

int
ent__is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

int
ent__is_hangul(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

static int
is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

uint32_t
ent__cp_at(const struct ent__text *t, size_t i, size_t *n)
{
    uint32_t cp = 0xFFFD;
    *n = i < t->len ? cn_utf8_decode(t->s + i, t->len - i, &cp) : 0;
    return *n ? cp : 0;
}

/* The code point ending just before i, and where it starts. */
uint32_t
ent__cp_before(const struct ent__text *t, size_t i, size_t *start)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && ((unsigned char)t->s[j] & 0xC0) == 0x80)
        j--;
    size_t n;
    uint32_t cp = ent__cp_at(t, j, &n);
    if (j + n != i)
        return 0;
    *start = j;
    return cp;
}

/* Walks back from i over at most 'max' characters of 'cls'. */
size_t
ent__back_over(const struct ent__text *t, size_t i, ent__class_fn cls, int max, size_t floor, int *count)
{
    size_t st;
    *count = 0;
    while (*count < max && i > floor) {
        uint32_t cp = ent__cp_before(t, i, &st);
        if (!cp || !cls(cp))
            break;
        i = st;
        (*count)++;
    }
    return i;
}

size_t
ent__fwd_over(const struct ent__text *t, size_t i, ent__class_fn cls, int max, int *count)
{
    size_t n;
    *count = 0;
    while (*count < max && i < t->len) {
        uint32_t cp = ent__cp_at(t, i, &n);
        if (!n || !cls(cp))
            break;
        i += n;
        (*count)++;
    }
    return i;
}

/* (Latin Name) or （Latin Name） at i: the inside, starting with a capital. */
size_t
ent__latin_bracket(const struct ent__text *t, size_t i, size_t *in_start, size_t *in_end)
{
    size_t n, j;
    uint32_t cp = ent__cp_at(t, i, &n);
    if (cp != '(' && cp != 0xFF08)
        return 0;
    j = i + n;
    *in_start = j;
    if (j >= t->len || t->s[j] < 'A' || t->s[j] > 'Z')
        return 0;
    while (j < t->len && j - *in_start < 60 &&
           (is_alnum(t->s[j]) || t->s[j] == ' ' || t->s[j] == '.' || t->s[j] == '-' ||
            t->s[j] == '\''))
        j++;
    *in_end = j;
    cp = ent__cp_at(t, j, &n);
    if (cp != ')' && cp != 0xFF09)
        return 0;
    return j + n;
}

/* Two or more capitalised words name a person, one word an organisation. */
static ent_type_t
latin_type(const char *s, size_t len)
{
    return memchr(s, ' ', len) ? ENT_PERSON : ENT_ORG;
}

static int
emit(ent_candidate_fn fn, void *ctx, const struct ent__text *t, ent_type_t type, ent_found_t how,
     size_t start, size_t end, size_t a_start, size_t a_end)
{
    ent_candidate_t c = { type, how, start, end, t->s + start, end - start,
                          a_end > a_start ? t->s + a_start : NULL, a_end - a_start };
    return fn(ctx, &c);
}

/* A dotted name around the dot at i; returns its end (0: none). */
static size_t
dotted(const struct ent__text *t, size_t i, size_t floor, ent_candidate_fn fn, void *ctx,
       int *stop)
{
    size_t st, n;
    uint32_t before = ent__cp_before(t, i, &st);
    ent__class_fn cls = ent__is_katakana(before) ? ent__is_katakana : ent__is_translit(before) ? ent__is_translit : NULL;
    if (!cls)
        return 0;
    int count;
    size_t start = ent__back_over(t, i, cls, cls == ent__is_katakana ? 10 : 5, floor, &count);
    size_t end = i, last = i;
    /* Invariant: [start, end) is a name of parts joined by dots; 'last'
     * is where its last part starts. */
    for (;;) {
        ent__cp_at(t, end, &n);
        size_t part = end + n;
        size_t e = ent__fwd_over(t, part, cls, cls == ent__is_katakana ? 10 : 6, &count);
        if (count == 0)
            break;
        last = part;
        end = e;
        uint32_t next = ent__cp_at(t, end, &n);
        if (!ent__is_dot(next))
            break;
    }
    if (end == i)
        return 0;
    size_t in_s, in_e, b = ent__latin_bracket(t, end, &in_s, &in_e);
    if (b) {
        *stop = emit(fn, ctx, t, ENT_PERSON, ENT_FOUND_BRACKET, start, end, in_s, in_e);
        return b;
    }
    ent__fwd_over(t, last, cls, 10, &count);
    *stop = emit(fn, ctx, t, ENT_PERSON, ENT_FOUND_DOT, start, end, last,
                 count >= 2 ? end : last);
    return end;
}

/* Characters that end an organisation name read backwards from its
 * suffix: function words, demonstratives and counters (该公司, 子公司). */
static int
not_org_stop(uint32_t cp)
{
    static const char STOP[] = "的在和与及是了将被对由向从为等个一上中下已也都但而或并给该本"
                               "这那此其各两多子母分家前后新旧大小到于與對為這從將們";
    char enc[4];
    size_t n = cn_utf8_encode(cp, enc);
    return ent__is_han(cp) && !memmem(STOP, sizeof(STOP) - 1, enc, n);
}

/* The suffixes with their lengths: suffixed() runs at every non-ASCII
 * character, where a strlen() of each was measurable. */
static const struct {
    const char *text;
    size_t len;
} ORG_SUFFIX[] = {
#define S(s) { s, sizeof(s) - 1 }
    S("公司"), S("集团"), S("集團"), S("银行"), S("銀行"), S("大学"),
    S("大學"), S("研究院"), S("株式会社"), S("주식회사"), { NULL, 0 },
#undef S
};

/* An organisation suffix at i: returns its end (0: none). */
static size_t
suffixed(const struct ent__text *t, size_t i, size_t floor, ent_candidate_fn fn, void *ctx,
         int *stop)
{
    for (size_t k = 0; ORG_SUFFIX[k].text; k++) {
        const char *sfx = ORG_SUFFIX[k].text;
        size_t n = ORG_SUFFIX[k].len;
        if (t->len - i < n || t->s[i] != sfx[0] || memcmp(t->s + i, sfx, n) != 0)
            continue;
        size_t start = i;
        int count = 0;
        if (i > floor && is_alnum(t->s[i - 1])) {
            while (start > floor && is_alnum(t->s[start - 1]))
                start--;
            count = 2;
        } else if (strcmp(sfx, "주식회사") == 0) {
            start = ent__back_over(t, i, ent__is_hangul, 8, floor, &count);
        } else if (strcmp(sfx, "公司") != 0) {
            start = ent__back_over(t, i, not_org_stop, 4, floor, &count);
        }
        /* 公司 after Chinese characters is left out: without word
         * segmentation it mostly gives verb phrases (出任公司). */
        if (count < 2)
            return 0;
        *stop = emit(fn, ctx, t, ENT_ORG, ENT_FOUND_SUFFIX, start, i + n, 0, 0);
        return i + n;
    }
    return 0;
}

/* A Latin word at i: "Word Inc." (and Corp., Ltd.) or a CamelCase name. */
static size_t
latin_word(const struct ent__text *t, size_t i, ent_candidate_fn fn, void *ctx, int *stop)
{
    size_t j = i;
    int upper_inside = 0, lower = 0;
    while (j < t->len && is_alnum(t->s[j])) {
        if (j > i && t->s[j] >= 'A' && t->s[j] <= 'Z')
            upper_inside = 1;
        if (t->s[j] >= 'a' && t->s[j] <= 'z')
            lower = 1;
        j++;
    }
    if (t->s[i] < 'A' || t->s[i] > 'Z')
        return j;
    static const char *const sfx[] = { " Inc.", " Corp.", " Ltd.", " Inc", " Corp", " Ltd",
                                       NULL };
    for (const char *const *s = sfx; *s; s++) {
        size_t n = strlen(*s);
        if (t->len - j >= n && memcmp(t->s + j, *s, n) == 0 &&
            (j + n == t->len || !is_alnum(t->s[j + n]))) {
            *stop = emit(fn, ctx, t, ENT_ORG, ENT_FOUND_SUFFIX, i, j + n, 0, 0);
            return j + n;
        }
    }
    if (upper_inside && lower && j - i >= 4)
        *stop = emit(fn, ctx, t, ENT_ORG, ENT_FOUND_CAMEL, i, j, 0, 0);
    return j;
}

/* A transliterated name or katakana word right before a Latin bracket. */
static size_t
bracketed(const struct ent__text *t, size_t i, size_t floor, ent_candidate_fn fn, void *ctx,
          int *stop)
{
    size_t in_s, in_e, b = ent__latin_bracket(t, i, &in_s, &in_e);
    if (!b)
        return 0;
    size_t st;
    uint32_t before = ent__cp_before(t, i, &st);
    ent__class_fn cls = ent__is_katakana(before) ? ent__is_katakana : ent__is_translit(before) ? ent__is_translit : NULL;
    int count;
    size_t start = cls ? ent__back_over(t, i, cls, cls == ent__is_katakana ? 10 : 6, floor, &count) : i;
    if (!cls || count < 2)
        return 0;
    *stop = emit(fn, ctx, t, latin_type(t->s + in_s, in_e - in_s), ENT_FOUND_BRACKET, start, i,
                 in_s, in_e);
    return b;
}

void
ent_names_opts_init(ent_names_opts_t *o)
{
    o->builtin_titles = true;
    o->titles = NULL;
    o->title_count = 0;
}

cn_status_t
ent_names_discover(const char *text, size_t len, ent_candidate_fn fn, void *ctx)
{
    return ent_names_discover_opts(NULL, text, len, fn, ctx);
}

cn_status_t
ent_names_discover_opts(const ent_names_opts_t *o, const char *text, size_t len,
                        ent_candidate_fn fn, void *ctx)
{
    ent_names_opts_t defaults;
    if (!o) {
        ent_names_opts_init(&defaults);
        o = &defaults;
    }
    struct ent__text t = { text, len };
    size_t i = 0, floor = 0, n;
    int stop = 0;
    /* Invariant: candidates reported so far end at or before 'floor' <= i,
     * and no new candidate starts before 'floor'. */
    while (i < len && !stop) {
        uint32_t cp = ent__cp_at(&t, i, &n);
        size_t e = 0;
        if (ent__is_dot(cp))
            e = dotted(&t, i, floor, fn, ctx, &stop);
        else if (cp == '(' || cp == 0xFF08)
            e = bracketed(&t, i, floor, fn, ctx, &stop);
        else if (cp < 0x80 && is_alnum((char)cp) && (i == 0 || !is_alnum(text[i - 1]))) {
            e = ent__titled(&t, i, floor, o, fn, ctx, &stop);
            if (!e && !stop)
                e = latin_word(&t, i, fn, ctx, &stop);
        } else if (cp >= 0x80) {
            e = ent__titled(&t, i, floor, o, fn, ctx, &stop);
            if (!e && !stop)
                e = suffixed(&t, i, floor, fn, ctx, &stop);
        }
        if (e > i) {
            i = e;
            floor = e;
        } else {
            i += n ? n : 1;
        }
    }
    return CN_OK;
}

const char *
ent_found_name(ent_found_t how)
{
    switch (how) {
    case ENT_FOUND_DOT: return "dot";
    case ENT_FOUND_BRACKET: return "bracket";
    case ENT_FOUND_SUFFIX: return "suffix";
    case ENT_FOUND_CAMEL: return "camel";
    case ENT_FOUND_TITLE: return "title";
    }
    return "?";
}
