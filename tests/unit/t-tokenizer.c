/* SPDX-License-Identifier: MIT */
/* t-tokenizer.c - unit tests of the tokenizer: the golden cases in
 * tests/cases/tokenizer.cases, its invariants on random input, the fold
 * table, the script table and the error paths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "buf.h"
#include "fold.h"
#include "script.h"
#include "tap.h"
#include "tokenizer.h"
#include "utf8.h"

/* Terms are at most this long (Xapian's limit; see tokenizer/runs.h). */
#define TERM_MAX 245

typedef struct got_token {
    size_t term_off; /* into collect_t.terms */
    size_t term_len;
    size_t start_off, end_off;
    uint32_t pos;
    unsigned flags;
    uint32_t run;
} got_token_t;

typedef struct collect {
    cn_buf_t terms;
    got_token_t *toks;
    size_t count, alloc;
    size_t stop_after; /* 0: never stop */
} collect_t;

static void
collect_init(collect_t *c)
{
    cn_buf_init(&c->terms);
    c->toks = NULL;
    c->count = c->alloc = 0;
    c->stop_after = 0;
}

static void
collect_release(collect_t *c)
{
    cn_buf_release(&c->terms);
    free(c->toks);
    collect_init(c);
}

static int
collect_emit(void *ctx, const tok_token_t *t)
{
    collect_t *c = ctx;
    if (c->count == c->alloc) {
        c->alloc = c->alloc ? 2 * c->alloc : 64;
        c->toks = realloc(c->toks, c->alloc * sizeof(*c->toks));
        if (!c->toks)
            abort();
    }
    got_token_t *g = &c->toks[c->count++];
    g->term_off = c->terms.len;
    g->term_len = t->term_len;
    g->start_off = t->start_off;
    g->end_off = t->end_off;
    g->pos = t->pos;
    g->flags = t->flags;
    g->run = t->run;
    cn_buf_add(&c->terms, t->term, t->term_len);
    return c->stop_after && c->count >= c->stop_after;
}

static cn_status_t
run_tok(const tok_options_t *o, tok_mode_t mode, const char *s, size_t len,
        collect_t *c)
{
    collect_release(c);
    return tok_tokenize(o, mode, s, len, collect_emit, c);
}

static const char *
term_of(const collect_t *c, size_t i)
{
    return c->terms.data + c->toks[i].term_off;
}

/* Renders the terms as "t[pos] t[pos] ..." ; with_offsets[i] adds
 * "@start-end" to item i (NULL: never). */
static void
render(const collect_t *c, const unsigned char *with_offsets, size_t n_with,
       cn_buf_t *out)
{
    cn_buf_clear(out);
    for (size_t i = 0; i < c->count; i++) {
        const got_token_t *g = &c->toks[i];
        if (i)
            cn_buf_addch(out, ' ');
        cn_buf_add(out, term_of(c, i), g->term_len);
        cn_buf_addf(out, "[%u]", (unsigned)g->pos);
        if (with_offsets && i < n_with && with_offsets[i])
            cn_buf_addf(out, "@%zu-%zu", g->start_off, g->end_off);
    }
}

/* Checks the invariants every tokenization must keep. Returns NULL, or a
 * static message naming the first broken one. */
static const char *
check_invariants(const collect_t *c, size_t text_len)
{
    static char msg[160];
    for (size_t i = 0; i < c->count; i++) {
        const got_token_t *g = &c->toks[i];
        const char *t = term_of(c, i);
        const char *why = NULL;
        if (g->term_len == 0)
            why = "empty term";
        else if (g->term_len > TERM_MAX)
            why = "term longer than 245 bytes";
        else if (!cn_utf8_valid(t, g->term_len))
            why = "term not valid UTF-8";
        else if (memmem(t, g->term_len, "\xEF\xBF\xBD", 3))
            why = "U+FFFD inside a term";
        else if (memchr(t, '\0', g->term_len))
            why = "NUL inside a term";
        else if (g->pos != i)
            why = "positions not 0, 1, 2, ...";
        else if (!(g->start_off < g->end_off && g->end_off <= text_len))
            why = "offsets empty or out of bounds";
        else if (i > 0 && (g->start_off < c->toks[i - 1].start_off ||
                           g->end_off < c->toks[i - 1].end_off))
            why = "offsets not monotonic";
        else if (i > 0 && g->run < c->toks[i - 1].run)
            why = "run index decreasing";
        if (why) {
            snprintf(msg, sizeof(msg), "token %zu: %s", i, why);
            return msg;
        }
    }
    return NULL;
}

static int
same_tokens(const collect_t *a, const collect_t *b)
{
    if (a->count != b->count || a->terms.len != b->terms.len)
        return 0;
    if (memcmp(a->terms.data, b->terms.data, a->terms.len) != 0)
        return 0;
    for (size_t i = 0; i < a->count; i++) {
        const got_token_t *x = &a->toks[i], *y = &b->toks[i];
        if (x->term_len != y->term_len || x->pos != y->pos ||
            x->start_off != y->start_off || x->end_off != y->end_off ||
            x->flags != y->flags || x->run != y->run)
            return 0;
    }
    return 1;
}

/* ---- the golden cases ------------------------------------------------ */

static int
hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch |= 0x20;
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

/* Unescapes a case input: \xHH a raw byte, \u{HHHH} a code point,
 * \t \n \\ as usual. Returns 0, or -1 on a malformed escape. */
static int
unescape(const char *s, cn_buf_t *out)
{
    cn_buf_clear(out);
    while (*s) {
        if (*s != '\\') {
            cn_buf_addch(out, *s++);
            continue;
        }
        s++;
        if (*s == 'x' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
            cn_buf_addch(out, hexval(s[1]) * 16 + hexval(s[2]));
            s += 3;
        } else if (*s == 'u' && s[1] == '{') {
            uint32_t cp = 0;
            s += 2;
            while (hexval(*s) >= 0)
                cp = cp * 16 + (uint32_t)hexval(*s++);
            if (*s++ != '}')
                return -1;
            char enc[4];
            cn_buf_add(out, enc, cn_utf8_encode(cp, enc));
        } else if (*s == 't' || *s == 'n' || *s == '\\') {
            cn_buf_addch(out, *s == 't' ? '\t' : *s == 'n' ? '\n' : '\\');
            s++;
        } else {
            return -1;
        }
    }
    return 0;
}

/* Parses the mode field ("doc", "query", optionally ",notrad", ",nocase").
 * Returns 0 or -1. */
static int
parse_mode(const char *field, tok_mode_t *mode, tok_options_t *o)
{
    char copy[64];
    snprintf(copy, sizeof(copy), "%s", field);
    tok_options_init(o);
    int have_mode = 0;
    for (char *save = NULL, *w = strtok_r(copy, ",", &save); w;
         w = strtok_r(NULL, ",", &save)) {
        if (!strcmp(w, "doc")) {
            *mode = TOK_DOCUMENT;
            have_mode = 1;
        } else if (!strcmp(w, "query")) {
            *mode = TOK_QUERY;
            have_mode = 1;
        } else if (!strcmp(w, "notrad")) {
            o->fold_traditional = false;
        } else if (!strcmp(w, "nocase")) {
            o->fold_case = false;
        } else {
            return -1;
        }
    }
    return have_mode ? 0 : -1;
}

/* Marks which expected items carry "@start-end". */
static size_t
offset_marks(const char *expected, unsigned char *marks, size_t max)
{
    size_t n = 0;
    const char *p = expected;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, ' ');
        if (!end)
            end = p + strlen(p);
        marks[n++] = memchr(p, '@', (size_t)(end - p)) != NULL;
        p = end;
    }
    return n;
}

static void
run_case(const char *where, char *line, collect_t *c, collect_t *other,
         cn_buf_t *input, cn_buf_t *got)
{
    char *mode_field = line;
    char *in_field = strchr(line, '\t');
    if (!in_field) {
        tap_ok(0, "%s: malformed line (no tab)", where);
        return;
    }
    *in_field++ = '\0';
    char *expected = strchr(in_field, '\t');
    if (expected)
        *expected++ = '\0';
    else
        expected = (char *)"";

    tok_mode_t mode = TOK_DOCUMENT;
    tok_options_t o;
    if (parse_mode(mode_field, &mode, &o) < 0 || unescape(in_field, input) < 0) {
        tap_ok(0, "%s: bad mode or escape", where);
        return;
    }
    cn_status_t st = run_tok(&o, mode, input->data, input->len, c);
    unsigned char marks[512];
    size_t n_marks = offset_marks(expected, marks, sizeof(marks));
    render(c, marks, n_marks, got);
    tap_is_str(got->data, expected, "%s: %s", where, in_field);

    const char *broken = check_invariants(c, input->len);
    tap_ok(st == CN_OK && !broken, "%s: invariants%s%s", where,
           broken ? ": " : "", broken ? broken : "");
    tok_mode_t flip = mode == TOK_DOCUMENT ? TOK_QUERY : TOK_DOCUMENT;
    run_tok(&o, flip, input->data, input->len, other);
    tap_ok(same_tokens(c, other), "%s: query mode == document mode", where);
}

static void
test_cases_file(void)
{
    const char *dir = getenv("CASES_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/tokenizer.cases",
             dir && *dir ? dir : "tests/cases");
    FILE *f = fopen(path, "r");
    if (!tap_ok(f != NULL, "open %s (set CASES_DIR or run from the repo root)",
                path))
        return;
    collect_t c, other;
    collect_init(&c);
    collect_init(&other);
    cn_buf_t input = CN_BUF_INIT, got = CN_BUF_INIT;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0, cases = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char where[64];
        snprintf(where, sizeof(where), "tokenizer.cases:%u", lineno);
        run_case(where, line, &c, &other, &input, &got);
        cases++;
    }
    free(line);
    fclose(f);
    tap_ok(cases >= 40, "read %u cases", cases);
    collect_release(&c);
    collect_release(&other);
    cn_buf_release(&input);
    cn_buf_release(&got);
}

/* ---- direct tests ----------------------------------------------------- */

static void
test_traditional_equals_simplified(void)
{
    collect_t a, b;
    collect_init(&a);
    collect_init(&b);
    static const char *const pairs[][2] = {
        { "微軟收購奧特曼", "微软收购奥特曼" },
        { "納德拉談發展", "纳德拉谈发展" },
        { "國圖", "国图" },
        { "図書館", "图书馆" },
    };
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        run_tok(NULL, TOK_DOCUMENT, pairs[i][0], strlen(pairs[i][0]), &a);
        run_tok(NULL, TOK_QUERY, pairs[i][1], strlen(pairs[i][1]), &b);
        int same = a.count == b.count && a.terms.len == b.terms.len &&
                   !memcmp(a.terms.data, b.terms.data, a.terms.len);
        tap_ok(same, "%s and %s give the same terms", pairs[i][0],
               pairs[i][1]);
    }
    /* Offsets point into the original traditional text. */
    run_tok(NULL, TOK_DOCUMENT, "微軟", strlen("微軟"), &a);
    if (tap_is_int((long long)a.count, 2, "微軟: two terms")) {
        tap_is_mem(term_of(&a, 0), a.toks[0].term_len, "微软", 6,
                   "微軟: first term is 微软");
        tap_is_int((long long)a.toks[0].start_off, 0, "微软 starts at 0");
        tap_is_int((long long)a.toks[0].end_off, 6, "微软 ends at 6");
        tap_is_int((long long)a.toks[1].start_off, 3, "软 starts at 3");
        tap_ok(a.toks[0].flags == (TOK_CJK | TOK_RUN_START),
               "微软 flags: CJK, run start");
        tap_ok(a.toks[1].flags == (TOK_CJK | TOK_UNIGRAM | TOK_RUN_END),
               "软 flags: CJK, unigram, run end");
    }
    collect_release(&a);
    collect_release(&b);
}

static void
test_fold_table(void)
{
    tap_ok(strncmp(tok_fold_table_id(), "opencc-", 7) == 0,
           "fold table id '%s'", tok_fold_table_id());
    tap_ok(tok_fold_table_len > 1000, "fold table has %zu pairs",
           tok_fold_table_len);
    size_t unsorted = 0, identity = 0, not_closed = 0;
    for (size_t i = 0; i < tok_fold_table_len; i++) {
        const tok_fold_pair_t *p = &tok_fold_table[i];
        if (i && p->from <= tok_fold_table[i - 1].from)
            unsorted++;
        if (p->to == p->from)
            identity++;
        if (tok__fold_lookup(p->to) != p->to)
            not_closed++;
        if (tok__fold_lookup(p->from) != p->to)
            unsorted++;
    }
    tap_is_int((long long)unsorted, 0, "fold table sorted, lookup agrees");
    tap_is_int((long long)identity, 0, "fold table has no identity pairs");
    tap_is_int((long long)not_closed, 0, "folding is idempotent");

    /* The generated index against a search of the table itself, for
     * every code point of the indexed planes and a stretch above. */
    size_t wrong = 0;
    for (uint32_t cp = 0; cp < TOK_FOLD_PLANE_LIMIT + 0x1000; cp++) {
        size_t lo = 0, hi = tok_fold_table_len;
        uint32_t want_cp = cp;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (tok_fold_table[mid].from < cp)
                lo = mid + 1;
            else if (tok_fold_table[mid].from > cp)
                hi = mid;
            else {
                want_cp = tok_fold_table[mid].to;
                break;
            }
        }
        if (tok__fold_lookup(cp) != want_cp)
            wrong++;
    }
    tap_is_int((long long)wrong, 0, "the generated index agrees with the table everywhere");

    static const uint32_t want[][2] = {
        { 0x8EDF, 0x8F6F }, /* 軟 -> 软 */
        { 0x5967, 0x5965 }, /* 奧 -> 奥 */
        { 0x767C, 0x53D1 }, /* 發 -> 发 */
        { 0x7D0D, 0x7EB3 }, /* 納 -> 纳 */
        { 0x570B, 0x56FD }, /* 國 -> 国 */
        { 0x5716, 0x56FE }, /* 圖 -> 图 */
        { 0x56F3, 0x56FE }, /* 図 -> 图 (Japanese shinjitai) */
        { 0x99C5, 0x9A7F }, /* 駅 -> 驿 (Japanese shinjitai) */
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        tap_is_int(tok_fold_cp(NULL, want[i][0]), want[i][1],
                   "fold U+%04X -> U+%04X", (unsigned)want[i][0],
                   (unsigned)want[i][1]);

    /* Simplified characters in everyday use (including ones that the
     * HK/TW/JP variant tables would wrongly merge) fold to themselves. */
    static const char simplified[] =
        "微软发展纳德拉国图奥特曼收购的一是不了人我在有他这中大来上个到"
        "说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后"
        "小么心多天而能好都然没日于起还成事只作当想看文无开手十用主行方又"
        "如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把"
        "法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几"
        "很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气"
        "信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住"
        "员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何"
        "沪予著醋欠芸缶弁糸抬疏浜台干余";
    size_t bad = 0;
    for (size_t off = 0; off < sizeof(simplified) - 1;) {
        uint32_t cp;
        off += cn_utf8_decode(simplified + off, sizeof(simplified) - 1 - off,
                              &cp);
        if (tok_fold_cp(NULL, cp) != cp) {
            tap_diag("U+%04X folds to U+%04X", (unsigned)cp,
                     (unsigned)tok_fold_cp(NULL, cp));
            bad++;
        }
    }
    tap_is_int((long long)bad, 0, "simplified characters stay as they are");

    tok_options_t o;
    tok_options_init(&o);
    o.fold_traditional = false;
    tap_is_int(tok_fold_cp(&o, 0x570B), 0x570B, "fold_traditional off");
    tap_is_int(tok_fold_cp(NULL, 'A'), 'a', "case fold A");
    tap_is_int(tok_fold_cp(NULL, 0x0130), 0x0130, "İ folds to two: kept");
    o.fold_case = false;
    tap_is_int(tok_fold_cp(&o, 'A'), 'A', "fold_case off");
}

static void
test_script_table(void)
{
    static const struct {
        uint32_t cp;
        tok_script_t want;
    } cases[] = {
        { 'a', TOK_SCRIPT_WORD },      { '7', TOK_SCRIPT_WORD },
        { ' ', TOK_SCRIPT_OTHER },     { '-', TOK_SCRIPT_OTHER },
        { 0x044F, TOK_SCRIPT_WORD },   /* я */
        { 0x0E01, TOK_SCRIPT_WORD },   /* Thai ko kai */
        { 0x4E00, TOK_SCRIPT_HAN },    { 0x3400, TOK_SCRIPT_HAN },
        { 0x20000, TOK_SCRIPT_HAN },   { 0x2A700, TOK_SCRIPT_HAN },
        { 0x30000, TOK_SCRIPT_HAN },   { 0xF900, TOK_SCRIPT_HAN },
        { 0x3005, TOK_SCRIPT_HAN },    /* 々 */
        { 0x3007, TOK_SCRIPT_HAN },    /* 〇 */
        { 0x3042, TOK_SCRIPT_KANA },   { 0x30A2, TOK_SCRIPT_KANA },
        { 0x30FC, TOK_SCRIPT_KANA },   /* ー */
        { 0x3041, TOK_SCRIPT_KANA },   /* small ぁ */
        { 0x31F0, TOK_SCRIPT_KANA },   /* ㇰ */
        { 0x30FB, TOK_SCRIPT_OTHER },  /* ・ */
        { 0x3001, TOK_SCRIPT_OTHER },  /* 、 */
        { 0xAC00, TOK_SCRIPT_HANGUL }, { 0x1100, TOK_SCRIPT_HANGUL },
        { 0x3131, TOK_SCRIPT_HANGUL }, { 0x3105, TOK_SCRIPT_BOPOMOFO },
        { 0x31A0, TOK_SCRIPT_BOPOMOFO },
        { 0x200B, TOK_SCRIPT_IGNORE }, { 0x200D, TOK_SCRIPT_IGNORE },
        { 0x2060, TOK_SCRIPT_IGNORE }, { 0x00AD, TOK_SCRIPT_IGNORE },
        { 0xFEFF, TOK_SCRIPT_IGNORE }, { 0xFE0F, TOK_SCRIPT_IGNORE },
        { 0xE0100, TOK_SCRIPT_IGNORE },
        { 0xFFFD, TOK_SCRIPT_OTHER },  { 0x1F600, TOK_SCRIPT_OTHER },
    };
    size_t bad = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        tok_script_t got = tok_script_of(cases[i].cp);
        if (got != cases[i].want) {
            tap_diag("U+%04X: got %d, want %d", (unsigned)cases[i].cp,
                     (int)got, (int)cases[i].want);
            bad++;
        }
    }
    tap_is_int((long long)bad, 0, "script classes of %zu code points",
               sizeof(cases) / sizeof(cases[0]));

    /* The normaliser's cheap ignorable test matches the table. */
    size_t mismatch = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        bool table = tok_script_of(cp) == TOK_SCRIPT_IGNORE;
        if (table != tok__script_is_ignorable(cp))
            mismatch++;
    }
    tap_is_int((long long)mismatch, 0, "ignorable test agrees with table");
}

/* The normaliser skips utf8proc for these ranges; check that NFKC +
 * case folding really leaves every character in them alone. */
static void
test_fast_path_premise(void)
{
    static const uint32_t ranges[][2] = {
        { 0x4E00, 0x9FFF }, { 0xAC00, 0xD7A3 }, { 0x3041, 0x3096 },
        { 0x30A1, 0x30FA }, { 0x30FC, 0x30FE }, { 0x3400, 0x4DBF },
    };
    size_t bad = 0;
    for (size_t r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
        for (uint32_t cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
            char in[5];
            size_t n = cn_utf8_encode(cp, in);
            in[n] = '\0';
            utf8proc_uint8_t *out = NULL;
            utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n,
                         &out,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                             UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
            if (!out || strcmp((const char *)out, in) != 0)
                bad++;
            free(out);
        }
    }
    tap_is_int((long long)bad, 0, "fast-path ranges are NFKC_CF fixed points");
}

static void
test_limits(void)
{
    collect_t c;
    collect_init(&c);
    cn_buf_t s = CN_BUF_INIT;

    for (int i = 0; i < 300; i++)
        cn_buf_addch(&s, 'a');
    run_tok(NULL, TOK_DOCUMENT, s.data, s.len, &c);
    tap_ok(c.count == 1 && c.toks[0].term_len == TERM_MAX &&
               c.toks[0].end_off == TERM_MAX,
           "300-letter word cut to 245 bytes");

    cn_buf_clear(&s);
    for (int i = 0; i < 200; i++)
        cn_buf_addstr(&s, "é");
    cn_buf_addstr(&s, " x");
    run_tok(NULL, TOK_DOCUMENT, s.data, s.len, &c);
    tap_ok(c.count == 2 && c.toks[0].term_len == 244 &&
               cn_utf8_valid(term_of(&c, 0), 244),
           "long word of 2-byte letters cut at a character boundary");
    tap_ok(c.count == 2 && c.toks[1].pos == 1, "next word at position 1");

    /* A Han character under 300 combining marks. */
    cn_buf_clear(&s);
    cn_buf_addstr(&s, "中");
    for (int i = 0; i < 300; i++)
        cn_buf_addstr(&s, "\xCC\x81");
    cn_buf_addstr(&s, "文");
    run_tok(NULL, TOK_DOCUMENT, s.data, s.len, &c);
    const char *broken = check_invariants(&c, s.len);
    tap_ok(c.count == 2 && !broken, "stacked marks: 2 terms within limits");

    /* A long Thai run (no spaces) is one word, cut. */
    cn_buf_clear(&s);
    for (int i = 0; i < 200; i++)
        cn_buf_addstr(&s, "ก");
    run_tok(NULL, TOK_DOCUMENT, s.data, s.len, &c);
    tap_ok(c.count == 1 && c.toks[0].term_len == 243, "Thai run cut to 243");

    cn_buf_release(&s);
    collect_release(&c);
}

static void
test_api_edges(void)
{
    collect_t c;
    collect_init(&c);
    tap_is_int(tok_tokenize(NULL, TOK_DOCUMENT, "a", 1, NULL, NULL),
               CN_E_INVALID_ARGUMENT, "NULL emit");
    tap_is_int(tok_tokenize(NULL, TOK_DOCUMENT, NULL, 3, collect_emit, &c),
               CN_E_INVALID_ARGUMENT, "NULL text with len > 0");
    tap_is_int(tok_tokenize(NULL, (tok_mode_t)7, "a", 1, collect_emit, &c),
               CN_E_INVALID_ARGUMENT, "unknown mode");
    tap_is_int(run_tok(NULL, TOK_DOCUMENT, NULL, 0, &c), CN_OK,
               "NULL text, len 0");
    tap_is_int((long long)c.count, 0, "... gives no terms");

    c.stop_after = 2;
    const char *text = "甲乙丙丁 one two";
    cn_status_t st = tok_tokenize(NULL, TOK_DOCUMENT, text, strlen(text),
                                  collect_emit, &c);
    tap_ok(st == CN_OK && c.count == 2, "emit returning non-zero stops");
    c.stop_after = 0;

    /* Embedded NUL separates, it is not the end of the text. */
    run_tok(NULL, TOK_DOCUMENT, "ab\0cd", 5, &c);
    tap_ok(c.count == 2 && c.toks[1].start_off == 3, "NUL byte separates");

    tok_options_t o;
    tok_options_init(&o);
    tap_ok(o.fold_case && o.fold_traditional, "defaults: all folding on");
    o.fold_case = false;
    run_tok(&o, TOK_DOCUMENT, "OpenAI", 6, &c);
    tap_ok(c.count == 1 && !memcmp(term_of(&c, 0), "OpenAI", 6),
           "fold_case off keeps case");
    collect_release(&c);
}

/* A tiny deterministic generator, so a failure replays. */
static uint32_t rng_state = 12345;
static uint32_t
rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void
test_random_input(void)
{
    /* Pieces that exercise every path, glued with random bytes. */
    static const char *const pieces[] = {
        "微軟", "收购", "ｶ", "ﾞ", "ﾟ", "が", "\xE3\x82\x99", "゛", "ー",
        "가", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8", "ㄱ", "ㅏ",
        "\xE2\x80\x8B", "\xEF\xB8\x8F", "\xF3\xA0\x84\x80", "\xC2\xAD",
        "\xEF\xBB\xBF", "\xEF\xBF\xBD", "😀", "Ａ", "a", "Z", "9", "é",
        "\xCC\x81", "㈱", "ﬁ", "①", "ß", "İ", "ﷺ", " ", ".", ",", "-",
        "\xFF", "\xC3", "\xE4\xB8", "\xF0\x9F", "\x00", "々", "〇", "ㄅ",
    };
    const size_t n_pieces = sizeof(pieces) / sizeof(pieces[0]);
    collect_t c, q;
    collect_init(&c);
    collect_init(&q);
    cn_buf_t s = CN_BUF_INIT;
    size_t broken_count = 0, mode_diff = 0;
    const char *first = NULL;
    for (int iter = 0; iter < 10000; iter++) {
        cn_buf_clear(&s);
        size_t parts = rng() % 40;
        for (size_t p = 0; p < parts; p++) {
            if (rng() % 4 == 0) {
                cn_buf_addch(&s, (int)(rng() & 0xFF));
            } else {
                const char *piece = pieces[rng() % n_pieces];
                /* "\x00" is a one-byte piece. */
                cn_buf_add(&s, piece, piece[0] ? strlen(piece) : 1);
            }
        }
        run_tok(NULL, TOK_DOCUMENT, s.data, s.len, &c);
        const char *broken = check_invariants(&c, s.len);
        if (broken) {
            if (!first)
                first = broken;
            broken_count++;
        }
        run_tok(NULL, TOK_QUERY, s.data, s.len, &q);
        if (!same_tokens(&c, &q))
            mode_diff++;
    }
    tap_ok(broken_count == 0, "10000 random inputs keep the invariants%s%s",
           first ? ": " : "", first ? first : "");
    tap_is_int((long long)mode_diff, 0, "random inputs: query == document");
    cn_buf_release(&s);
    collect_release(&c);
    collect_release(&q);
}

int
main(void)
{
    test_cases_file();
    test_traditional_equals_simplified();
    test_fold_table();
    test_script_table();
    test_fast_path_premise();
    test_limits();
    test_api_edges();
    test_random_input();
    return tap_done();
}
