/* SPDX-License-Identifier: MIT */
/* clean.c - boilerplate line classification (rules: docs/indexing.md). */
#include "clean.h"
#include "hash.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lines longer than this (in characters) are never matched against the
 * phrase list: a real paragraph may quote "版权所有". */
#define PATTERN_MAX_CHARS 120
/* Cross-document repetition looks at lines of this many characters. */
#define REPEAT_MIN_CHARS 4
#define REPEAT_MAX_CHARS 200
/* Bound on remembered (source, line) pairs: 16 bytes each. */
#define REPEAT_MAX_ENTRIES (1u << 20)
/* Repetition inside an article: lines of at least this many characters. */
#define SELF_REPEAT_MIN_CHARS 8

/* Known boilerplate phrases, simplified and traditional spellings: ads,
 * reposting credits, editor and copyright lines, share widgets, "related"
 * and "previous/next" navigation. */
static const char *const patterns[] = {
    "点击进来看看", "點擊進來看看", "给自己产品做个广告", "給自己產品做個廣告",
    "本文来自于微信公众号", "本文来自微信公众号", "本文來自微信公眾號",
    "本文來自於微信公眾號", "责任编辑", "責任編輯", "版权所有", "版權所有",
    "Copyright", "copyright", "All rights reserved", "\xc2\xa9" /* © */,
    "转载请注明", "轉載請註明", "未经授权", "未經授權", "分享给好友", "分享給好友",
    "扫一扫", "掃一掃", "打赏", "打賞", "提交建议", "提交建議", "本文被转载",
    "本文被轉載", "上一篇", "下一篇", "相关推荐", "相關推薦", "相关阅读", "相關閱讀",
    "推荐阅读", "推薦閱讀", "延伸阅读", "延伸閱讀", "免责声明", "免責聲明", "蜘蛛池",
    "文章内容仅供阅读", "本文链接", "本文鏈接",
};

/* Whole lines that are boilerplate (after trimming spaces). */
static const char *const whole_lines[] = {
    "（完）", "(完)", "【完】", "(0)", "完",
};

/* Footer markers: such a line in the second half of the body ends the
 * article; what follows is link lists and other pages' teasers. */
static const char *const footers[] = {
    "本文来自", "本文來自", "本文链接", "本文鏈接", "声明:", "聲明:", "声明：", "聲明：",
    "文章内容仅供阅读", "相关推荐", "相關推薦", "相关阅读", "相關閱讀", "推荐阅读",
    "推薦閱讀", "上一篇", "责任编辑", "責任編輯", "蜘蛛池", "免责声明", "免責聲明",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct idx_cleaner {
    uint64_t *keys; /* 0 = empty slot */
    uint32_t *counts;
    size_t cap, used;
    uint64_t *doc_keys; /* scratch: this document's line keys */
    size_t ndoc, doc_cap;
    cn_buf_t out;
};

/* Decodes one code point of valid UTF-8 at s[*i] and advances *i. */
static uint32_t
next_cp(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    if (*i + n > len)
        n = len - *i;
    uint32_t cp = n == 1 ? p[0] : n == 2 ? (p[0] & 0x1Fu) : n == 3 ? (p[0] & 0x0Fu) : (p[0] & 0x07u);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3Fu);
    *i += n;
    return cp;
}

static int
is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
           cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF;
}

static int
is_separator(uint32_t cp)
{
    return cp == '-' || cp == '|' || cp == '_' || cp == '/' || cp == '>' || cp == 0xB7 ||
           cp == 0xBB || cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0x4E28 ||
           cp == 0xFF5C || cp == 0x30FB;
}

static int
contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    return n <= len && memmem(s, len, needle, n) != NULL;
}

static size_t
count_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Trims ASCII and ideographic spaces at both ends. */
static void
trim(const char **s, size_t *len)
{
    while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r')) {
        (*s)++;
        (*len)--;
    }
    while (*len >= 3 && memcmp(*s, "\xe3\x80\x80", 3) == 0) {
        *s += 3;
        *len -= 3;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
        (*len)--;
    while (*len >= 3 && memcmp(*s + *len - 3, "\xe3\x80\x80", 3) == 0)
        *len -= 3;
}

/* A line keeps a stretch of this many characters of text between its
 * URLs, it is prose with links in it, not a link list: 著名的北京作家
 * [許知遠](https://web.archive.org/…) 先生發表在… (hkcnews, in Markdown)
 * was dropped when only the URL bytes counted (docs/bench.md). */
#define LINK_PROSE_CHARS 20

/* Bytes of the line inside URLs (from http://, https:// or www. to the
 * next space or non-ASCII character); *prose the longest stretch of
 * non-space characters between two of them, leaving out the text of a
 * Markdown link ([text](url), ![alt](url)): a line that is one linked
 * headline is a teaser, however long the headline. */
static size_t
url_bytes(const char *s, size_t len, size_t *prose)
{
    size_t n = 0, run = 0, before_link = 0;
    int in_link = 0;
    *prose = 0;
    for (size_t i = 0; i < len;) {
        if ((len - i >= 7 && memcmp(s + i, "http://", 7) == 0) ||
            (len - i >= 8 && memcmp(s + i, "https://", 8) == 0) ||
            (len - i >= 4 && memcmp(s + i, "www.", 4) == 0)) {
            size_t r = in_link && i >= 2 && s[i - 1] == '(' && s[i - 2] == ']' ? before_link
                                                                                : run;
            if (r > *prose)
                *prose = r;
            size_t j = i;
            while (j < len && (unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x80)
                j++;
            n += j - i;
            i = j;
            run = 0;
            in_link = 0;
        } else {
            uint32_t cp = next_cp(s, len, &i);
            if (is_space(cp))
                continue;
            if (cp == '[' && !in_link) {
                before_link = run;
                in_link = 1;
            }
            run++;
        }
    }
    if (run > *prose)
        *prose = run;
    return n;
}

const char *
idx_clean_line_reason(const char *line, size_t len)
{
    trim(&line, &len);
    if (!len)
        return NULL;
    for (size_t k = 0; k < NELEM(whole_lines); k++)
        if (len == strlen(whole_lines[k]) && memcmp(line, whole_lines[k], len) == 0)
            return "boilerplate line";
    size_t chars = 0, seps = 0, segs = 0, seg_chars = 0, cur = 0, nonspace_bytes = 0;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t cp = next_cp(line, len, &i);
        if (is_space(cp))
            continue;
        nonspace_bytes += i - at;
        chars++;
        if (is_separator(cp)) {
            seps++;
            if (cur) {
                segs++;
                seg_chars += cur;
            }
            cur = 0;
        } else {
            cur++;
        }
    }
    if (cur) {
        segs++;
        seg_chars += cur;
    }
    if (chars <= PATTERN_MAX_CHARS)
        for (size_t k = 0; k < NELEM(patterns); k++)
            if (contains(line, len, patterns[k]))
                return "boilerplate phrase";
    size_t prose;
    if (nonspace_bytes && url_bytes(line, len, &prose) * 2 > nonspace_bytes &&
        prose < LINK_PROSE_CHARS)
        return "link density";
    if (segs >= 4 && seps >= 3 && seg_chars <= 8 * segs)
        return "short-segment list";
    if (seps >= 3 && chars >= 8 && seps * 4 >= chars)
        return "separator density";
    return NULL;
}

static int
is_footer(const char *line, size_t len)
{
    if (count_chars(line, len) > PATTERN_MAX_CHARS)
        return 0;
    for (size_t k = 0; k < NELEM(footers); k++)
        if (contains(line, len, footers[k]))
            return 1;
    return 0;
}

static uint64_t
mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x ? x : 1;
}

cn_status_t
idx_cleaner_create(idx_cleaner_t **out)
{
    *out = NULL;
    idx_cleaner_t *c = calloc(1, sizeof(*c));
    if (!c)
        return CN_E_NOMEM;
    c->cap = 1024;
    c->keys = calloc(c->cap, sizeof(*c->keys));
    c->counts = calloc(c->cap, sizeof(*c->counts));
    if (!c->keys || !c->counts) {
        idx_cleaner_destroy(c);
        return CN_E_NOMEM;
    }
    cn_buf_init(&c->out);
    *out = c;
    return CN_OK;
}

void
idx_cleaner_destroy(idx_cleaner_t *c)
{
    if (!c)
        return;
    free(c->keys);
    free(c->counts);
    free(c->doc_keys);
    cn_buf_release(&c->out);
    free(c);
}

/* Slot of 'key' in the table: where it is, or the empty slot for it. */
static size_t
slot_of(const idx_cleaner_t *c, uint64_t key)
{
    size_t i = (size_t)key & (c->cap - 1);
    while (c->keys[i] && c->keys[i] != key)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static int
grow(idx_cleaner_t *c)
{
    size_t ncap = c->cap * 2;
    uint64_t *ok = c->keys;
    uint32_t *oc = c->counts;
    size_t ocap = c->cap;
    c->keys = calloc(ncap, sizeof(*c->keys));
    c->counts = calloc(ncap, sizeof(*c->counts));
    if (!c->keys || !c->counts) {
        free(c->keys);
        free(c->counts);
        c->keys = ok;
        c->counts = oc;
        return -1;
    }
    c->cap = ncap;
    for (size_t i = 0; i < ocap; i++) {
        if (ok[i]) {
            size_t s = slot_of(c, ok[i]);
            c->keys[s] = ok[i];
            c->counts[s] = oc[i];
        }
    }
    free(ok);
    free(oc);
    return 0;
}

static uint32_t
seen_count(const idx_cleaner_t *c, uint64_t key)
{
    size_t s = slot_of(c, key);
    return c->keys[s] ? c->counts[s] : 0;
}

/* Counts each distinct key of the document once. */
static cn_status_t
remember_doc(idx_cleaner_t *c)
{
    for (size_t k = 0; k < c->ndoc; k++) {
        uint64_t key = c->doc_keys[k];
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++)
            dup = c->doc_keys[j] == key;
        if (dup)
            continue;
        if ((c->used + 1) * 2 > c->cap) {
            if (c->used >= REPEAT_MAX_ENTRIES)
                return CN_OK; /* full: only known lines are counted on */
            if (grow(c))
                return CN_E_NOMEM;
        }
        size_t s = slot_of(c, key);
        if (!c->keys[s]) {
            c->keys[s] = key;
            c->used++;
        }
        c->counts[s]++;
    }
    return CN_OK;
}

static int
add_doc_key(idx_cleaner_t *c, uint64_t key)
{
    if (c->ndoc == c->doc_cap) {
        size_t n = c->doc_cap ? c->doc_cap * 2 : 64;
        uint64_t *k = realloc(c->doc_keys, n * sizeof(*k));
        if (!k)
            return -1;
        c->doc_keys = k;
        c->doc_cap = n;
    }
    c->doc_keys[c->ndoc++] = key;
    return 0;
}

/* Has the trimmed line (>= SELF_REPEAT_MIN_CHARS) appeared earlier in the
 * body? A linear scan over the kept lines: articles are small. */
static int
repeated_in_body(const char *body, size_t upto, const char *line, size_t len)
{
    if (count_chars(line, len) < SELF_REPEAT_MIN_CHARS)
        return 0;
    size_t i = 0;
    while (i < upto) {
        const char *nl = memchr(body + i, '\n', upto - i);
        size_t e = nl ? (size_t)(nl - body) : upto;
        const char *l = body + i;
        size_t ll = e - i;
        trim(&l, &ll);
        if (ll == len && memcmp(l, line, len) == 0)
            return 1;
        i = e + 1;
    }
    return 0;
}

/* Letters: ASCII letters and any non-ASCII character. */
static size_t
count_letters(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = next_cp(s, len, &i);
        n += (cp >= 0x80 && !is_space(cp)) || (cp | 0x20) - 'a' < 26;
    }
    return n;
}

static int
is_title_like(const char *line, size_t len)
{
    return count_chars(line, len) <= 60 && count_letters(line, len) >= 2 &&
           !contains(line, len, "。") && !idx_clean_line_reason(line, len);
}

cn_status_t
idx_cleaner_article(idx_cleaner_t *c, idx_article_t *a, idx_clean_fn fn, void *ctx,
                    size_t *dropped)
{
    const char *body = a->body.data;
    size_t blen = a->body.len;
    uint64_t src = cn_fnv1a(CN_FNV1A_INIT, a->source.data, a->source.len);
    const char *title_reason = a->title.len ? idx_clean_line_reason(a->title.data, a->title.len) : NULL;
    if (fn && a->title.len)
        fn(ctx, "title", a->title.data, a->title.len, title_reason);
    if (title_reason)
        (*dropped)++;
    int need_title = title_reason != NULL, promoted = 0;
    c->ndoc = 0;
    cn_buf_clear(&c->out);
    size_t footer_line = 0, lineno = 0;
    for (size_t i = 0; i < blen;) {
        const char *nl = memchr(body + i, '\n', blen - i);
        size_t e = nl ? (size_t)(nl - body) : blen;
        const char *line = body + i, *t = line;
        size_t len = e - i, tlen = len;
        size_t start = i;
        i = e + 1;
        lineno++;
        trim(&t, &tlen);
        if (!tlen)
            continue;
        const char *reason = NULL;
        size_t chars = count_chars(t, tlen);
        uint64_t key = 0;
        if (chars >= REPEAT_MIN_CHARS && chars <= REPEAT_MAX_CHARS) {
            key = mix(cn_fnv1a(src, t, tlen));
            if (add_doc_key(c, key))
                return CN_E_NOMEM;
        }
        if (footer_line)
            reason = "after footer line";
        else if ((reason = idx_clean_line_reason(t, tlen)) != NULL) {
            if (start * 10 >= blen * 4 && is_footer(t, tlen))
                footer_line = lineno;
        } else if (start * 10 >= blen * 4 && is_footer(t, tlen)) {
            footer_line = lineno;
            reason = "footer marker";
        } else if (repeated_in_body(c->out.data, c->out.len, t, tlen)) {
            reason = "repeated in article";
        } else if (key && seen_count(c, key) >= IDX_CLEAN_REPEAT_DOCS) {
            reason = "repeated across documents of the source";
        }
        if (!reason && need_title && is_title_like(t, tlen)) {
            if (fn)
                fn(ctx, "body", line, len, "promoted to title");
            cn_buf_clear(&a->title);
            cn_buf_add(&a->title, t, tlen);
            need_title = 0;
            promoted = 1;
            continue;
        }
        /* A date or number line before the headline does not end the
         * search for one (livedoor: URL, date, then title). */
        if (count_letters(t, tlen) >= 2)
            need_title = 0;
        if (fn)
            fn(ctx, "body", line, len, reason);
        if (reason) {
            (*dropped)++;
            continue;
        }
        if (c->out.len)
            cn_buf_addch(&c->out, '\n');
        cn_buf_add(&c->out, t, tlen);
    }
    if (title_reason && !promoted)
        cn_buf_clear(&a->title);
    cn_buf_clear(&a->body);
    cn_buf_add(&a->body, c->out.data ? c->out.data : "", c->out.len);
    return remember_doc(c);
}
