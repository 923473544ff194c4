/* SPDX-License-Identifier: MIT */
/* gen-fold.c - build-time generator of the traditional -> simplified fold
 * table: asks libopencc, one code point at a time, and prints a C file.
 *
 * Usage: gen-fold CONFIG.json > fold-table.c
 *
 * CONFIG (tools/fold.json) is an OpenCC config whose chain is character
 * level only: HK/TW/JP variants -> OpenCC standard traditional, then
 * TSCharacters. Nothing of OpenCC's data is stored in our repository; the
 * table is rebuilt from the installed dictionaries.
 *
 * Rules, each with its reason:
 *  - Only single code point -> different single code point results are
 *    kept: the tokenizer folds characters, not phrases.
 *  - A character in GB2312 (the everyday simplified Chinese set) gets the
 *    TSCharacters step only, never the variant step: the variant tables
 *    were written for traditional text and, applied to simplified text,
 *    would merge distinct characters (沪 -> 滤, 予 -> 豫, 著 -> 着, 醋 -> 酢).
 *  - The result is closed under itself (a -> b and b -> c gives a -> c),
 *    so folding is idempotent and folded query text folds to itself.
 *
 * Exit status: 0 on success, 1 when OpenCC or iconv cannot be used, 2 on
 * bad usage. Only this program (a tool) prints; nothing here is library code.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <opencc.h>

#include "fold.h"
#include "utf8.h"

/* Where Debian installs OpenCC's compiled dictionaries; OPENCC_DATA_DIR in
 * the environment overrides it. Used only if OpenCC cannot resolve a bare
 * dictionary name by itself. */
#define DEFAULT_DATA_DIR "/usr/share/opencc"

/* The CJK ideograph blocks whose every code point is asked about. */
static const struct {
    uint32_t first, last;
} cjk_ranges[] = {
    { 0x3400, 0x4DBF },   /* Extension A */
    { 0x4E00, 0x9FFF },   /* Unified Ideographs (URO) */
    { 0xF900, 0xFAFF },   /* Compatibility Ideographs */
    { 0x20000, 0x3134F }, /* Extensions B..G and Compatibility Supplement */
};

typedef struct pair {
    uint32_t from, to;
} pair_t;

static pair_t *pairs;
static size_t pair_count, pair_alloc;

static int
add_pair(uint32_t from, uint32_t to)
{
    if (pair_count == pair_alloc) {
        size_t n = pair_alloc ? 2 * pair_alloc : 8192;
        pair_t *p = realloc(pairs, n * sizeof(*p));
        if (!p)
            return -1;
        pairs = p;
        pair_alloc = n;
    }
    pairs[pair_count].from = from;
    pairs[pair_count].to = to;
    pair_count++;
    return 0;
}

/* Pairs are appended in increasing 'from' order, so this can bisect. */
static const pair_t *
find_pair(uint32_t from)
{
    size_t lo = 0, hi = pair_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pairs[mid].from < from)
            lo = mid + 1;
        else if (pairs[mid].from > from)
            hi = mid;
        else
            return &pairs[mid];
    }
    return NULL;
}

static char *
read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t alloc = 4096, len = 0;
    char *s = malloc(alloc);
    while (s) {
        size_t n = fread(s + len, 1, alloc - len - 1, f);
        len += n;
        if (n == 0)
            break;
        if (alloc - len - 1 == 0) {
            char *t = realloc(s, alloc * 2);
            if (!t) {
                free(s);
                s = NULL;
                break;
            }
            s = t;
            alloc *= 2;
        }
    }
    fclose(f);
    if (s)
        s[len] = '\0';
    return s;
}

/* Writes 'json' to a temporary file and opens it as an OpenCC config. The
 * file is removed at once: OpenCC loads the dictionaries while opening. */
static opencc_t
open_config_text(const char *json)
{
    char path[] = "/tmp/gen-fold-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return (opencc_t)-1;
    size_t len = strlen(json);
    ssize_t w = write(fd, json, len);
    close(fd);
    opencc_t cc = (opencc_t)-1;
    if (w == (ssize_t)len)
        cc = opencc_open(path);
    unlink(path);
    return cc;
}

/* Returns a copy of 'json' in which every bare dictionary name
 * ("file": "X.ocd2") is prefixed with the data directory. */
static char *
absolutize(const char *json, const char *dir)
{
    size_t cap = strlen(json) * 2 + 4096, len = 0;
    char *out = malloc(cap);
    const char *p = json;
    if (!out)
        return NULL;
    while (*p) {
        const char *key = strstr(p, "\"file\"");
        if (!key)
            break;
        const char *q = strchr(key + 6, '"');
        if (!q)
            break;
        q++;
        size_t head = (size_t)(q - p);
        if (len + head + strlen(dir) + 2 >= cap)
            break;
        memcpy(out + len, p, head);
        len += head;
        if (*q != '/') {
            len += (size_t)snprintf(out + len, cap - len, "%s/", dir);
        }
        p = q;
    }
    snprintf(out + len, cap - len, "%s", p);
    return out;
}

/* Opens a config given by path; if OpenCC cannot resolve its dictionary
 * names, retries with a temporary copy that names them absolutely. */
static opencc_t
open_config(const char *path, const char *data_dir)
{
    opencc_t cc = opencc_open(path);
    if (cc != (opencc_t)-1)
        return cc;
    char *json = read_file(path);
    if (!json)
        return cc;
    char *abs = absolutize(json, data_dir);
    if (abs)
        cc = open_config_text(abs);
    free(abs);
    free(json);
    return cc;
}

/* A one-dictionary config: TSCharacters only. */
static opencc_t
open_ts_only(const char *data_dir)
{
    static const char fmt[] =
        "{\"name\":\"gen-fold TSCharacters\","
        "\"segmentation\":{\"type\":\"mmseg\",\"dict\":"
        "{\"type\":\"ocd2\",\"file\":\"%s%sTSCharacters.ocd2\"}},"
        "\"conversion_chain\":[{\"dict\":"
        "{\"type\":\"ocd2\",\"file\":\"%s%sTSCharacters.ocd2\"}}]}";
    char json[1024];
    snprintf(json, sizeof(json), fmt, "", "", "", "");
    opencc_t cc = open_config_text(json);
    if (cc != (opencc_t)-1)
        return cc;
    snprintf(json, sizeof(json), fmt, data_dir, "/", data_dir, "/");
    return open_config_text(json);
}

/* True if 'utf8' (one character) is encodable in GB2312. */
static int
in_gb2312(iconv_t cd, const char *utf8, size_t len)
{
    char in[8], out[16];
    memcpy(in, utf8, len);
    char *ip = in, *op = out;
    size_t il = len, ol = sizeof(out);
    iconv(cd, NULL, NULL, NULL, NULL);
    return iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0;
}

/* Converts one code point; returns the single code point it becomes, or
 * 'cp' itself when the result is empty, several characters or an error. */
static uint32_t
convert_one(opencc_t cc, uint32_t cp)
{
    char in[5];
    size_t n = cn_utf8_encode(cp, in);
    in[n] = '\0';
    char *res = opencc_convert_utf8(cc, in, n);
    if (!res)
        return cp;
    size_t rlen = strlen(res);
    uint32_t out = cp, got;
    if (rlen > 0) {
        size_t used = cn_utf8_decode(res, rlen, &got);
        if (used == rlen && got != CN_UTF8_REPLACEMENT)
            out = got;
    }
    opencc_convert_utf8_free(res);
    return out;
}

/* Version of the installed OpenCC, as pkg-config reports it. */
static void
opencc_version(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *p = popen("pkg-config --modversion opencc 2>/dev/null", "r");
    if (!p)
        return;
    char line[64];
    if (fgets(line, sizeof(line), p)) {
        line[strcspn(line, "\r\n \t")] = '\0';
        if (line[0])
            snprintf(out, size, "%s", line);
    }
    pclose(p);
}

static uint32_t
fnv1a_u32(uint32_t h, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (8 * i)) & 0xFFu;
        h *= 16777619u;
    }
    return h;
}

/* Prints tok_fold_page_of and tok_fold_slots (fold.h) for the pairs
 * sorted[0..n), in 'from' order. Slots are 16-bit: a table of 65,535
 * pairs or more is an error here rather than a silently wrong index. */
static int
print_index(const pair_t *sorted, size_t n)
{
    enum { PAGES = TOK_FOLD_PLANE_LIMIT >> TOK_FOLD_PAGE_BITS };
    static uint16_t page_of[PAGES];
    size_t rows = 0;
    if (n >= 0xFFFFu) {
        fprintf(stderr, "gen-fold: %zu pairs do not fit 16-bit slots\n", n);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        if (sorted[i].from < TOK_FOLD_PLANE_LIMIT && !page_of[sorted[i].from >> TOK_FOLD_PAGE_BITS])
            page_of[sorted[i].from >> TOK_FOLD_PAGE_BITS] = (uint16_t)++rows;
    printf("const uint16_t tok_fold_page_of[%u] = {", (unsigned)PAGES);
    for (size_t p = 0; p < PAGES; p++)
        printf("%s%u,", p % 16 ? " " : "\n    ", (unsigned)page_of[p]);
    printf("\n};\n");
    printf("const uint16_t tok_fold_slots[%zu][%u] = {\n", rows ? rows : 1,
           (unsigned)TOK_FOLD_PAGE_SIZE);
    size_t i = 0;
    for (size_t p = 0; p < PAGES; p++) {
        if (!page_of[p])
            continue;
        printf("    { /* U+%05X */", (unsigned)(p << TOK_FOLD_PAGE_BITS));
        for (uint32_t k = 0; k < TOK_FOLD_PAGE_SIZE; k++) {
            uint32_t cp = (uint32_t)(p << TOK_FOLD_PAGE_BITS) + k;
            while (i < n && sorted[i].from < cp)
                i++;
            unsigned v = i < n && sorted[i].from == cp ? (unsigned)(i + 1) : 0;
            printf("%s%u,", k % 16 ? " " : "\n        ", v);
        }
        printf("\n    },\n");
    }
    if (!rows)
        printf("    {0},\n");
    printf("};\n");
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen-fold CONFIG.json > fold-table.c\n");
        return 2;
    }
    const char *data_dir = getenv("OPENCC_DATA_DIR");
    if (!data_dir || !*data_dir)
        data_dir = DEFAULT_DATA_DIR;

    opencc_t chain = open_config(argv[1], data_dir);
    if (chain == (opencc_t)-1) {
        fprintf(stderr, "gen-fold: cannot open OpenCC config '%s': %s\n",
                argv[1], opencc_error());
        return 1;
    }
    opencc_t ts = open_ts_only(data_dir);
    if (ts == (opencc_t)-1) {
        fprintf(stderr, "gen-fold: cannot load 'TSCharacters.ocd2': %s\n",
                opencc_error());
        return 1;
    }
    iconv_t gb = iconv_open("GB2312", "UTF-8");
    if (gb == (iconv_t)-1) {
        fprintf(stderr, "gen-fold: iconv has no GB2312: %s\n",
                strerror(errno));
        return 1;
    }

    for (size_t r = 0; r < sizeof(cjk_ranges) / sizeof(cjk_ranges[0]); r++) {
        for (uint32_t cp = cjk_ranges[r].first; cp <= cjk_ranges[r].last;
             cp++) {
            char u[4];
            size_t n = cn_utf8_encode(cp, u);
            uint32_t to = convert_one(in_gb2312(gb, u, n) ? ts : chain, cp);
            if (to != cp && add_pair(cp, to) < 0) {
                fprintf(stderr, "gen-fold: out of memory\n");
                return 1;
            }
        }
    }
    iconv_close(gb);
    opencc_close(ts);
    opencc_close(chain);

    /*
     * Close the map under itself. A chain longer than a few steps would
     * be a cycle in the data; 8 steps is far more than any real chain.
     */
    size_t kept = 0;
    for (size_t i = 0; i < pair_count; i++) {
        uint32_t to = pairs[i].to;
        for (int step = 0; step < 8; step++) {
            const pair_t *next = find_pair(to);
            if (!next || next->to == to)
                break;
            to = next->to;
        }
        pairs[i].to = to;
    }
    for (size_t i = 0; i < pair_count; i++) {
        if (pairs[i].to != pairs[i].from)
            pairs[kept++] = pairs[i];
    }
    pair_count = kept;

    uint32_t sum = 2166136261u;
    for (size_t i = 0; i < pair_count; i++)
        sum = fnv1a_u32(fnv1a_u32(sum, pairs[i].from), pairs[i].to);
    char version[64];
    opencc_version(version, sizeof(version));

    printf("/* Generated by tools/gen-fold.c from the installed OpenCC "
           "data; do not edit. */\n");
    printf("#include \"fold.h\"\n\n");
    printf("const tok_fold_pair_t tok_fold_table[] = {\n");
    for (size_t i = 0; i < pair_count; i++)
        printf("    {0x%05X, 0x%05X},\n", (unsigned)pairs[i].from,
               (unsigned)pairs[i].to);
    if (pair_count == 0)
        printf("    {0, 0},\n");
    printf("};\n");
    printf("const size_t tok_fold_table_len = %zu;\n", pair_count);
    if (print_index(pairs, pair_count) != 0) {
        free(pairs);
        return 1;
    }
    printf("const char tok_fold_table_id_str[] = \"opencc-%s:%zu:%08x\";\n",
           version, pair_count, (unsigned)sum);
    free(pairs);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "gen-fold: write error: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
