/* SPDX-License-Identifier: MIT */
/* titles.c - a person's name next to a title: CEO纳德拉, 董事长王传福,
 * Microsoft CEO Satya Nadella, 豊田章男社長は, 이재용 회장은 (names.h).
 * Without word segmentation the name's end is guessed from its script,
 * so each rule is narrow: precision over recall (docs/entities.md has
 * the measured precision). */
#include "names-private.h"
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* A built-in title; 'after_only' when the name comes first: in Japanese
 * 社長の孫正義 is no name after a title, and reading 社長 米国留学 the
 * Chinese way finds 米国留. */
struct title {
    const char *text;
    size_t len; /* strlen(text), known at compile time */
    int after_only;
};

#define T(s, a) { s, sizeof(s) - 1, a }

/* The built-in titles (docs/entities.md lists them). Chinese and English
 * ones are tried before the name and after it (首相 in 日本首相岸田文雄
 * and in 岸田文雄首相は); the name's script and context decide. */
static const struct title BUILTIN_TITLES[] = {
    /* zh-Hans */
    T("首席执行官", 0), T("执行长", 0), T("行政总裁", 0), T("首席技术官", 0),
    T("首席财务官", 0), T("首席运营官", 0), T("首席科学家", 0), T("创始人", 0),
    T("创办人", 0), T("董事长", 0), T("总裁", 0), T("总经理", 0), T("主席", 0),
    T("总统", 0), T("总理", 0), T("首相", 0), T("部长", 0), T("发言人", 0),
    /* zh-Hant */
    T("首席執行官", 0), T("執行長", 0), T("行政總裁", 0), T("首席技術官", 0),
    T("首席財務官", 0), T("創始人", 0), T("創辦人", 0), T("董事長", 0), T("總裁", 0),
    T("總經理", 0), T("總統", 0), T("總理", 0), T("部長", 0), T("發言人", 0),
    /* en (ASCII titles match in any letter case) */
    T("CEO", 0), T("CTO", 0), T("CFO", 0), T("COO", 0), T("founder", 0),
    T("co-founder", 0), T("chief executive", 0), T("President", 0), T("Chairman", 0),
    T("Chairwoman", 0),
    /* ja */
    T("社長", 1), T("会長", 1), T("最高経営責任者", 1), T("大統領", 1),
    T("代表取締役", 1),
    /* ko: every Hangul title follows the name */
    T("대표", 1), T("회장", 1), T("사장", 1), T("최고경영자", 1), T("대통령", 1),
    T("총리", 1), T("의장", 1), { NULL, 0, 0 }
};
#undef T

size_t
ent_names_builtin_title_count(void)
{
    return sizeof(BUILTIN_TITLES) / sizeof(BUILTIN_TITLES[0]) - 1;
}

const char *
ent_names_builtin_title(size_t i)
{
    return i < ent_names_builtin_title_count() ? BUILTIN_TITLES[i].text : NULL;
}

/* Whether 'c' is in the UTF-8 string 'set'. */
static int
in_set(const char *set, uint32_t cp)
{
    char enc[4];
    size_t n = cn_utf8_encode(cp, enc);
    return memmem(set, strlen(set), enc, n) != NULL;
}

/* Common Chinese surnames, simplified and traditional (our list), less
 * those that mostly start ordinary words after a title (于, 时, 全, 和,
 * 成, 常, 明, 文, 安, 高, 任, 方, 向, 单, 应, 党, 车, 路, 连, 项, 司). */
static int
is_zh_surname(uint32_t cp)
{
    return in_set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁"
                  "潘蔡蒋余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范廖石金韦贾夏付邱侯邹熊孟秦白"
                  "江阎薛尹段雷黎史龙陶贺顾毛郝龚邵钱覃武戴莫孔汤温康施牛樊葛邢齐乔伍庞颜"
                  "倪庄聂章鲁岳翟殷詹申欧耿焦俞柳祝舒阮柯纪梅童凌毕裴霍涂苗盛翁冉骆蓝辛靳"
                  "柴鲍喻祁蒲滕饶牟艾尤穆卓缪褚娄窦戚岑费卜冷晏卫米瞿佟臧闵苟邬卞姬仇栾隋"
                  "刁荣巫寇桑郎甄仲虞敖巩佘池邝习蔚"
                  "張劉陳楊黃趙吳孫馬許韓馮鄧蕭葉蘇呂盧鍾譚陸鄒龔錢嚴湯溫顏聶魯歐賈謝羅鄭"
                  "鄒賴蔣閻薛龐莊",
                  cp);
}

/* Two-character surnames: the name is then three or four characters. */
static int
zh_compound_surname(const struct ent__text *t, size_t i)
{
    static const char *const two[] = { "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛",
                                       "上官", "东方", "東方", "令狐", "皇甫", NULL };
    for (const char *const *s = two; *s; s++)
        if (t->len - i >= strlen(*s) && memcmp(t->s + i, *s, strlen(*s)) == 0)
            return 1;
    return 0;
}

/* Characters that end a Chinese name read after a title: particles, verbs
 * of saying and time words (的, 在, 表示, 说, 称, 今天 ...). */
static int
is_zh_stop(uint32_t cp)
{
    return in_set("的在和与及等也将已就还是对于曾说表称宣指认透强介回告接向被把并则会要都又"
                  "辞因关担离卸加获入带领携辭離帶領獲擔關"
                  "再日昨今近周月年提坦呼发亲率出来去到访为从以而但或所之其这那此该兼任了着"
                  "过谈道问答给让使令请與對為這從將們說稱會來發親訪過談問讓請",
                  cp);
}

/* Korean surnames (our list of the common ones). */
static int
is_ko_surname(uint32_t cp)
{
    return in_set("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차"
                  "주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육"
                  "인맹제모탁국어은편용",
                  cp);
}

static int
is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int
is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int
is_letter(char c)
{
    return is_upper(c) || is_lower(c);
}

/* Reports the name [start, end); a Latin form in brackets right after it
 * (CEO奧特曼(Sam Altman)) is its alias, and *next goes past it. */
static int
emit_person(ent_candidate_fn fn, void *ctx, const struct ent__text *t, size_t start, size_t end,
            size_t *next)
{
    size_t in_s = 0, in_e = 0, b = ent__latin_bracket(t, end, &in_s, &in_e);
    ent_candidate_t c = { ENT_PERSON, ENT_FOUND_TITLE, start, end, t->s + start, end - start,
                          b ? t->s + in_s : NULL, b ? in_e - in_s : 0 };
    if (b)
        *next = b;
    return fn(ctx, &c);
}

static unsigned char
fold_byte(unsigned char c)
{
    return is_upper((char)c) ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Whether 'title' (n bytes) is at byte i: ASCII letters in any case,
 * whole words when the title is Latin. Returns its end, or 0. */
static size_t
title_at(const struct ent__text *t, size_t i, const char *title, size_t n)
{
    if (n == 0 || t->len - i < n)
        return 0;
    int latin = 1;
    for (size_t k = 0; k < n; k++) {
        unsigned char a = fold_byte((unsigned char)t->s[i + k]);
        unsigned char b = fold_byte((unsigned char)title[k]);
        if (b >= 0x80)
            latin = 0;
        if (a != b)
            return 0;
    }
    /* CEOs, Presidential: not the title. */
    if (latin && ((i > 0 && is_letter(t->s[i - 1])) || (i + n < t->len && is_letter(t->s[i + n]))))
        return 0;
    return i + n;
}

/* Skips what may stand between a title and the name: one space, and an
 * abbreviation in brackets (首席执行官（CEO）纳德拉). */
static size_t
skip_between(const struct ent__text *t, size_t i)
{
    size_t n, j;
    uint32_t cp = ent__cp_at(t, i, &n);
    if (cp == '(' || cp == 0xFF08) {
        j = i + n;
        while (j < t->len && j - i < 12 && is_upper(t->s[j]))
            j++;
        cp = ent__cp_at(t, j, &n);
        if (j > i + 1 && (cp == ')' || cp == 0xFF09))
            i = j + n;
        cp = ent__cp_at(t, i, &n);
    }
    if (cp == ' ' || cp == 0x3000)
        i += n;
    return i;
}

/* Two or three capitalised Latin words from i (Satya Nadella, Mary T.
 * Barra): their end, or 0. An all-capital word (AI, GPU) ends the name. */
static size_t
latin_name(const struct ent__text *t, size_t i)
{
    size_t j = i, end = 0;
    int words = 0;
    while (words < 3 && j < t->len && is_upper(t->s[j])) {
        size_t w = j + 1;
        while (w < t->len && (is_letter(t->s[w]) || t->s[w] == '\'' || t->s[w] == '-'))
            w++;
        int initial = w == j + 1 && w < t->len && t->s[w] == '.';
        if (initial) {
            w++;
        } else {
            int lower = 0;
            for (size_t k = j + 1; k < w; k++)
                lower |= is_lower(t->s[k]);
            if (!lower || (w < t->len && (unsigned char)t->s[w] < 0x80 &&
                           (t->s[w] >= '0' && t->s[w] <= '9')))
                break;
        }
        words++;
        end = w;
        if (w + 1 >= t->len || t->s[w] != ' ')
            break;
        j = w + 1;
    }
    /* The last word may not be an initial alone. */
    return words >= 2 && t->s[end - 1] != '.' ? end : 0;
}

/* A Chinese name after a title, from i: a transliteration (马斯克,
 * 纳德拉: two to six characters common in them) or a surname and one or
 * two more characters (王传福, 李斌), ending before a particle. Returns
 * its end, or 0; a transliteration going on with a middle dot is left to
 * the dotted-name rule. */
static size_t
zh_name(const struct ent__text *t, size_t i)
{
    size_t n, e;
    int count;
    uint32_t cp = ent__cp_at(t, i, &n);
    if (ent__is_translit(cp)) {
        e = ent__fwd_over(t, i, ent__is_translit, 7, &count);
        uint32_t next = ent__cp_at(t, e, &n);
        if (ent__is_dot(next) || count > 6)
            return 0;
        /* 侯金龙 is a surname and a given name whose first character is
         * also common in transliterations: a short run is a name only
         * where the Chinese text around it stops. */
        if (count >= 3 || (count == 2 && (!ent__is_han(next) || is_zh_stop(next))))
            return e;
    }
    if (!is_zh_surname(cp) && !zh_compound_surname(t, i))
        return 0;
    int want = zh_compound_surname(t, i) ? 4 : 3, got = 0;
    e = i;
    /* Invariant: [i, e) holds 'got' characters of the name. */
    while (got < want) {
        cp = ent__cp_at(t, e, &n);
        if (!ent__is_han(cp) || (got > 0 && is_zh_stop(cp)))
            break;
        e += n;
        got++;
    }
    return got >= want - 1 ? e : 0;
}

/* A katakana name after a title (CEOのナデラ is left to others: the name
 * must follow directly). */
static size_t
kana_name(const struct ent__text *t, size_t i)
{
    int count;
    size_t n, e = ent__fwd_over(t, i, ent__is_katakana, 11, &count);
    if (count < 2 || count > 10 || ent__is_dot(ent__cp_at(t, e, &n)))
        return 0;
    return e;
}

/* The name after the title ending at 'te': its [start, end), or 0. */
static size_t
name_after(const struct ent__text *t, size_t te, size_t *start)
{
    size_t i = skip_between(t, te), n;
    *start = i;
    if (i >= t->len)
        return 0;
    if (is_upper(t->s[i]))
        return latin_name(t, i);
    uint32_t cp = ent__cp_at(t, i, &n);
    return ent__is_han(cp) ? zh_name(t, i) : ent__is_katakana(cp) ? kana_name(t, i) : 0;
}

/* Korean particles that may follow a title (회장은, 대표가, 회장의). */
static int
is_ko_particle(uint32_t cp)
{
    return in_set("은는이가을를의과와도에께", cp);
}

/* 이재용 회장: a Korean name of three syllables (four with a two-syllable
 * surname) starting with a surname, one space before the title, and the
 * title ending the word or followed by a particle. */
static size_t
ko_name_before(const struct ent__text *t, size_t ts, size_t te, size_t floor, size_t *start)
{
    static const char *const two[] = { "남궁", "황보", "선우", "제갈", "독고", "사공", NULL };
    size_t n, st;
    if (ts < 1 || t->s[ts - 1] != ' ' || ts - 1 <= floor)
        return 0;
    uint32_t after = ent__cp_at(t, te, &n);
    if (ent__is_hangul(after)) {
        if (!is_ko_particle(after) || ent__is_hangul(ent__cp_at(t, te + n, &n)))
            return 0;
    }
    int count;
    size_t s = ent__back_over(t, ts - 1, ent__is_hangul, 5, floor, &count);
    uint32_t left = ent__cp_before(t, s, &st);
    if (ent__is_hangul(left) || (left && left < 0x80 && is_letter((char)left)))
        return 0;
    int compound = 0;
    for (const char *const *c = two; *c; c++)
        compound |= ts - 1 - s >= strlen(*c) && memcmp(t->s + s, *c, strlen(*c)) == 0;
    if (count != (compound ? 4 : 3) || !(compound || is_ko_surname(ent__cp_at(t, s, &n))))
        return 0;
    /* 명절에, 오늘날: a word ending in a particle or 날 is no name. */
    uint32_t last = ent__cp_before(t, ts - 1, &st);
    if (is_ko_particle(last) || in_set("로날들적", last))
        return 0;
    *start = s;
    return ts - 1;
}

/* Characters that make a kanji run before a title an organisation or a
 * word, not a name (同社, 前社長, 経団連, 政府). */
static int
is_ja_not_name(uint32_t cp)
{
    return in_set("同前元副新現各両本当兼旧社省庁党会部局院所長府国県市町村団協連組署課室事業", cp);
}

/* 豊田章男社長は: two to four kanji between kana (or punctuation) and the
 * title, in Japanese context (hiragana on one side). */
static size_t
ja_name_before(const struct ent__text *t, size_t ts, size_t te, size_t floor, size_t *start)
{
    size_t n, st;
    int count;
    size_t s = ent__back_over(t, ts, ent__is_han, 5, floor, &count);
    if (count < 2 || count > 4)
        return 0;
    uint32_t left = ent__cp_before(t, s, &st);
    if (left && (ent__is_han(left) || (left < 0x80 && is_letter((char)left))))
        return 0;
    if (!ent__is_hiragana(left) && !ent__is_hiragana(ent__cp_at(t, te, &n)))
        return 0;
    for (size_t k = s; k < ts; k += n)
        if (is_ja_not_name(ent__cp_at(t, k, &n)))
            return 0;
    *start = s;
    return ts;
}

/* Characters that, right before a Chinese title, belong to it or to a
 * word, not to a name: 副总裁, 前董事长, 新任总理, 该公司总裁. */
static int
is_zh_not_name(uint32_t cp)
{
    return in_set("副前原代新老现首总该本各其任届名位兼暨及或和与的现現總該屆局会會部处處司院所厅廳非党黨",
                  cp);
}

/* Whether the character before byte s ends what stands before a Chinese
 * name: not a Han character, a few function words (的, 和, 由 ...), or
 * the floor. Verbs are no edge: 要出马竞选总统. */
static int
zh_left_edge(const struct ent__text *t, size_t s, size_t floor)
{
    size_t st;
    if (s <= floor)
        return 1;
    uint32_t left = ent__cp_before(t, s, &st);
    return !ent__is_han(left) || in_set("的等和与及由据在对向将被同跟與對將據", left);
}

/* Places of three characters starting with a common surname, which
 * stand before 总统 and 总理 as names do (同苏里南总统, 向卢旺达总统):
 * those found on the news and the like of them. Longer ones
 * (罗马尼亚总统) fail the left edge. */
static int
is_zh_place(const char *s, size_t len)
{
    static const char *const places[] = {
        "卢旺达", "卢森堡", "孟加拉", "杜尚别", "温哥华", "溫哥華", "盧旺達", "盧森堡", "苏里南",
        "莫斯科", "蘇里南", "馬其頓", "馬拉維", "馬耳他", "马其顿", "马尼拉", "马德里", "马拉维",
        "马耳他", "黎巴嫩", "金沙萨", "金夏沙", "马六甲", "馬六甲", "乔治亚", "喬治亞", "黎波里",
        "贝鲁特", "貝魯特", "毛里求", "汤加王", "湯加王", NULL
    };
    for (const char *const *p = places; *p; p++)
        if (strlen(*p) == len && memcmp(*p, s, len) == 0)
            return 1;
    return 0;
}

/* The titles a name may precede in Chinese: those of governments. Before
 * a company's titles (董事长, 创始人, CEO) the characters were mostly the
 * company (米哈游董事长, 辛巴达创始人): docs/entities.md, "Precision". */
static int
zh_title_after_name(const char *title)
{
    static const char *const ok[] = { "总统", "總統", "总理", "總理", "首相", "部长", "部長",
                                      "主席", "发言人", "發言人", NULL };
    for (const char *const *o = ok; *o; o++)
        if (strcmp(*o, title) == 0)
            return 1;
    return 0;
}

/* 蔡英文总统, 和王文涛部长: a Chinese name of a common surname and two
 * more characters right before a government title (zh_title_after_name),
 * starting where the text before it stops (zh_left_edge): without word
 * segmentation a name inside a longer run of characters
 * (中国商务部长王文涛) cannot be told from a word. Left out for
 * precision: names of two characters (白宫发言人, 金融部长 are words
 * starting with a surname), two-character surnames (东方财富董事长) and
 * transliterations, mostly countries there (坦桑尼亚总统). */
static size_t
zh_name_before(const struct ent__text *t, size_t ts, size_t floor, size_t *start)
{
    size_t pos[3], st, n;
    int count = 0;
    /* pos[k]: where the k+1-th character before the title starts. */
    for (size_t s = ts; count < 3 && s > floor; s = st) {
        uint32_t cp = ent__cp_before(t, s, &st);
        if (!ent__is_han(cp) || st < floor)
            break;
        pos[count++] = st;
    }
    if (count < 3)
        return 0;
    size_t s = pos[2];
    if (!is_zh_surname(ent__cp_at(t, s, &n)) || zh_compound_surname(t, s) ||
        !zh_left_edge(t, s, floor) || is_zh_place(t->s + s, ts - s))
        return 0;
    for (int k = 0; k < 2; k++) {
        uint32_t cp = ent__cp_at(t, pos[k], &n);
        if (is_zh_stop(cp) || is_zh_not_name(cp))
            return 0;
    }
    *start = s;
    return ts;
}

/* Tries one title at i: returns where scanning goes on, or 0. */
static size_t
one_title(const struct ent__text *t, size_t i, size_t floor, const char *title, size_t len,
          int after_only, ent_candidate_fn fn, void *ctx, int *stop)
{
    size_t te = title_at(t, i, title, len), start, end;
    if (!te)
        return 0;
    if (!after_only && (end = name_after(t, te, &start)) != 0) {
        size_t next = end;
        *stop = emit_person(fn, ctx, t, start, end, &next);
        return next;
    }
    if ((end = ko_name_before(t, i, te, floor, &start)) != 0 ||
        (end = ja_name_before(t, i, te, floor, &start)) != 0 ||
        (zh_title_after_name(title) && (end = zh_name_before(t, i, floor, &start)) != 0)) {
        size_t next = te;
        *stop = emit_person(fn, ctx, t, start, end, &next);
        return next > te ? next : te;
    }
    return 0;
}

/* ent__titled() is called at every character of every passage, and
 * trying each built-in title there was a tenth of cjkindex's CPU. A
 * title can only match where the text has its first two bytes (ASCII
 * letters folded), so one bit per two-byte prefix rules out almost every
 * position; the titles whose prefix matches are then tried in table
 * order, as before, so the first that yields a name still wins. Every
 * built-in title has at least three bytes. */
static uint64_t prefix_bits[65536 / 64];
static pthread_once_t prefix_once = PTHREAD_ONCE_INIT;

static unsigned
prefix_of(const char *s)
{
    return (unsigned)fold_byte((unsigned char)s[0]) << 8 | fold_byte((unsigned char)s[1]);
}

static void
prefix_init(void)
{
    for (const struct title *b = BUILTIN_TITLES; b->text; b++) {
        unsigned p = prefix_of(b->text);
        prefix_bits[p / 64] |= UINT64_C(1) << (p % 64);
    }
}

/* A title of the user's with kana or Hangul follows the name. */
static int
user_after_only(const char *title, size_t len)
{
    size_t n;
    struct ent__text tt = { title, len };
    for (size_t j = 0; j < len; j += n ? n : 1) {
        uint32_t cp = ent__cp_at(&tt, j, &n);
        if (ent__is_hangul(cp) || ent__is_katakana(cp) || ent__is_hiragana(cp))
            return 1;
    }
    return 0;
}

/* The titles of the user's, tried after the built-in ones; one with kana
 * or Hangul follows the name. */
static size_t
user_titled(const struct ent__text *t, size_t i, size_t floor, const ent_names_opts_t *o,
            ent_candidate_fn fn, void *ctx, int *stop)
{
    size_t e;
    unsigned char first = fold_byte((unsigned char)t->s[i]);
    for (size_t k = 0; k < o->title_count; k++) {
        const char *title = o->titles[k];
        /* A title not starting with this byte cannot match here. */
        if (!title || !title[0] || fold_byte((unsigned char)title[0]) != first)
            continue;
        size_t len = strlen(title);
        if ((e = one_title(t, i, floor, title, len, user_after_only(title, len), fn, ctx,
                           stop)))
            return e;
    }
    return 0;
}

size_t
ent__titled(const struct ent__text *t, size_t i, size_t floor, const ent_names_opts_t *o,
            ent_candidate_fn fn, void *ctx, int *stop)
{
    size_t e;
    if (i >= t->len)
        return 0;
    if (o->builtin_titles && t->len - i >= 3) {
        pthread_once(&prefix_once, prefix_init);
        unsigned p = prefix_of(t->s + i);
        if (prefix_bits[p / 64] & (UINT64_C(1) << (p % 64)))
            for (const struct title *b = BUILTIN_TITLES; b->text; b++)
                if (prefix_of(b->text) == p &&
                    (e = one_title(t, i, floor, b->text, b->len, b->after_only, fn, ctx, stop)))
                    return e;
    }
    return user_titled(t, i, floor, o, fn, ctx, stop);
}

size_t
ent__titled_ref(const struct ent__text *t, size_t i, size_t floor, const ent_names_opts_t *o,
                ent_candidate_fn fn, void *ctx, int *stop)
{
    size_t e;
    for (const struct title *b = BUILTIN_TITLES; o->builtin_titles && b->text; b++)
        if ((e = one_title(t, i, floor, b->text, strlen(b->text), b->after_only, fn, ctx,
                           stop)))
            return e;
    for (size_t k = 0; k < o->title_count; k++) {
        const char *title = o->titles[k];
        if (!title)
            continue;
        size_t len = strlen(title);
        if ((e = one_title(t, i, floor, title, len, user_after_only(title, len), fn, ctx,
                           stop)))
            return e;
    }
    return 0;
}
