/* SPDX-License-Identifier: MIT */
/* qparse.c - lexer and recursive-descent parser of the query language.
 *
 *   query   := [ or_expr ] EOF
 *   or_expr := and_expr ( "OR" and_expr )*
 *   and_expr:= unary ( [ "AND" ] unary )*       (juxtaposition is AND)
 *   unary   := ( "NOT" | "-" ) unary | primary
 *   primary := "(" or_expr ")" | PHRASE [ "~" N ] | FIELD ":" value | WORD
 */
#include "qparse.h"
#include "dates.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* "..."~N accepts N up to this: a window wider than a passage means
 * nothing, and a bound keeps the number in range of unsigned. */
#define SRCH_NEAR_MAX 1000

typedef enum tok_kind {
    T_EOF, T_WORD, T_PHRASE, T_FIELD, T_AND, T_OR, T_NOT, T_MINUS, T_LPAREN,
    T_RPAREN
} tok_kind_t;

typedef struct lexeme {
    tok_kind_t kind;
    size_t off;             /* byte offset of the lexeme's first byte */
    size_t val_off, val_len; /* WORD, PHRASE, FIELD: the value's bytes */
    srch_field_t field;
    int quoted;
    unsigned window;
} lexeme_t;

typedef struct parser {
    const char *s;
    size_t len, at; /* at: the lexer's read offset */
    lexeme_t look;  /* the current (lookahead) lexeme */
    cn_status_t st;
    size_t err_off;
    char *errmsg;
} parser_t;

static size_t
column_of(const char *s, size_t off)
{
    size_t col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

static void fail(parser_t *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first error only: later ones are consequences. */
static void
fail(parser_t *p, size_t off, const char *fmt, ...)
{
    if (p->st != CN_OK)
        return;
    cn_buf_t m = CN_BUF_INIT;
    cn_buf_addf(&m, "column %zu: ", column_of(p->s, off));
    va_list ap;
    va_start(ap, fmt);
    cn_buf_vaddf(&m, fmt, ap);
    va_end(ap);
    p->st = CN_E_QUERY_SYNTAX;
    p->err_off = off;
    p->errmsg = cn_buf_detach(&m, NULL);
}

/* Width in bytes of the space at s[i], or 0: ASCII blanks and U+3000,
 * the ideographic space CJK input methods type. */
static size_t
space_len(const char *s, size_t len, size_t i)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        return 1;
    if (len - i >= 3 && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

static int
ends_word(const char *s, size_t len, size_t i)
{
    return s[i] == '(' || s[i] == ')' || s[i] == '"' || space_len(s, len, i);
}

static const struct {
    const char *name;
    srch_field_t field;
} fields[] = {
    { "title", SRCH_FIELD_TITLE },
    { "source", SRCH_FIELD_SOURCE },
    { "lang", SRCH_FIELD_LANG },
    { "date", SRCH_FIELD_DATE },
    { "person", SRCH_FIELD_PERSON },
    { "org", SRCH_FIELD_ORG },
};

const char *
srch_field_name(srch_field_t field)
{
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
        if (fields[i].field == field)
            return fields[i].name;
    return "";
}

/* Reads a quoted string whose '"' is at p->at, then an optional ~N. */
static void
lex_quoted(parser_t *p, lexeme_t *t)
{
    size_t open = p->at++;
    while (p->at < p->len && p->s[p->at] != '"')
        p->at++;
    if (p->at >= p->len) {
        fail(p, open, "unterminated quote");
        return;
    }
    t->val_off = open + 1;
    t->val_len = p->at - open - 1;
    p->at++;
    if (p->at < p->len && p->s[p->at] == '~') {
        size_t tilde = p->at++;
        unsigned long n = 0;
        size_t digits = 0;
        while (p->at < p->len && p->s[p->at] >= '0' && p->s[p->at] <= '9') {
            if (n <= SRCH_NEAR_MAX)
                n = n * 10 + (unsigned long)(p->s[p->at] - '0');
            p->at++;
            digits++;
        }
        if (!digits)
            fail(p, tilde, "'~' wants a number of positions (\"a b\"~3)");
        else if (n > SRCH_NEAR_MAX)
            fail(p, tilde + 1, "proximity is at most %d", SRCH_NEAR_MAX);
        t->window = (unsigned)n;
    }
}

/* A word, a keyword, or field:value. */
static void
lex_word(parser_t *p, lexeme_t *t)
{
    size_t start = p->at;
    while (p->at < p->len && !ends_word(p->s, p->len, p->at))
        p->at++;
    size_t n = p->at - start;
    const char *w = p->s + start;
    t->kind = T_WORD;
    t->val_off = start;
    t->val_len = n;
    if (n == 3 && memcmp(w, "AND", 3) == 0)
        t->kind = T_AND;
    else if (n == 2 && memcmp(w, "OR", 2) == 0)
        t->kind = T_OR;
    else if (n == 3 && memcmp(w, "NOT", 3) == 0)
        t->kind = T_NOT;
    if (t->kind != T_WORD)
        return;
    for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        size_t k = strlen(fields[i].name);
        if (n < k + 1 || memcmp(w, fields[i].name, k) != 0 || w[k] != ':')
            continue;
        t->kind = T_FIELD;
        t->field = fields[i].field;
        t->val_off = start + k + 1;
        t->val_len = n - k - 1;
        if (t->val_len == 0 && p->at < p->len && p->s[p->at] == '"') {
            t->quoted = 1;
            lex_quoted(p, t);
            if (t->window)
                fail(p, start, "%s: takes no ~N", fields[i].name);
        }
        if (t->val_len == 0 && !t->quoted)
            fail(p, start, "%s: wants a value", fields[i].name);
        return;
    }
}

/* Reads the next lexeme into p->look. */
static void
lex_next(parser_t *p)
{
    lexeme_t *t = &p->look;
    memset(t, 0, sizeof(*t));
    size_t n;
    while (p->at < p->len && (n = space_len(p->s, p->len, p->at)) > 0)
        p->at += n;
    t->off = p->at;
    if (p->at >= p->len) {
        t->kind = T_EOF;
        return;
    }
    char c = p->s[p->at];
    if (c == '(' || c == ')') {
        t->kind = c == '(' ? T_LPAREN : T_RPAREN;
        p->at++;
    } else if (c == '"') {
        t->kind = T_PHRASE;
        lex_quoted(p, t);
    } else if (c == '-' && p->at + 1 < p->len && !space_len(p->s, p->len, p->at + 1) &&
               p->s[p->at + 1] != ')') {
        t->kind = T_MINUS;
        p->at++;
    } else {
        lex_word(p, t);
    }
    if (p->st != CN_OK)
        t->kind = T_EOF; /* stop the parser at the first error */
}

static srch_node_t *
node_new(parser_t *p, srch_node_kind_t kind, size_t off)
{
    srch_node_t *n = calloc(1, sizeof(*n));
    if (!n) {
        p->st = CN_E_NOMEM;
        return NULL;
    }
    n->kind = kind;
    n->column = column_of(p->s, off);
    return n;
}

static int
node_set_text(srch_node_t *n, const char *s, size_t len)
{
    if (!(n->text = malloc(len + 1)))
        return -1;
    memcpy(n->text, s, len);
    n->text[len] = '\0';
    n->text_len = len;
    return 0;
}

static int
node_add_kid(srch_node_t *n, srch_node_t *kid)
{
    srch_node_t **k = realloc(n->kids, (n->nkids + 1) * sizeof(*k));
    if (!k)
        return -1;
    n->kids = k;
    n->kids[n->nkids++] = kid;
    return 0;
}

static int
starts_operand(tok_kind_t k)
{
    return k == T_WORD || k == T_PHRASE || k == T_FIELD || k == T_NOT || k == T_MINUS ||
           k == T_LPAREN;
}

static const char *
op_name(tok_kind_t k)
{
    return k == T_AND ? "AND" : k == T_OR ? "OR" : k == T_NOT ? "NOT" : "-";
}

static srch_node_t *parse_or(parser_t *p, unsigned depth);

static srch_node_t *
parse_leaf(parser_t *p)
{
    lexeme_t t = p->look;
    srch_node_kind_t kind = t.kind == T_WORD     ? SRCH_NODE_WORD
                            : t.kind == T_PHRASE ? SRCH_NODE_PHRASE
                                                 : SRCH_NODE_FIELD;
    if (kind == SRCH_NODE_FIELD && t.field == SRCH_FIELD_DATE) {
        int is_range;
        char lo[11], hi[11];
        const char *why = NULL;
        if (srch_date_value(p->s + t.val_off, t.val_len, &is_range, lo, hi, &why) != CN_OK) {
            fail(p, t.val_off, "date:%.*s: %s", (int)t.val_len, p->s + t.val_off, why);
            return NULL;
        }
    }
    srch_node_t *n = node_new(p, kind, t.off);
    if (!n)
        return NULL;
    n->field = t.field;
    n->quoted = t.quoted;
    n->window = t.window;
    if (node_set_text(n, p->s + t.val_off, t.val_len)) {
        p->st = CN_E_NOMEM;
        srch_node_destroy(n);
        return NULL;
    }
    lex_next(p);
    return n;
}

static srch_node_t *
parse_unary(parser_t *p, unsigned depth)
{
    lexeme_t t = p->look;
    if (depth > SRCH_QPARSE_MAX_DEPTH) {
        fail(p, t.off, "nested too deep (more than %d levels)", SRCH_QPARSE_MAX_DEPTH);
        return NULL;
    }
    switch (t.kind) {
    case T_NOT:
    case T_MINUS: {
        lex_next(p);
        if (!starts_operand(p->look.kind)) {
            fail(p, t.off, "%s wants a term after it", op_name(t.kind));
            return NULL;
        }
        srch_node_t *kid = parse_unary(p, depth + 1);
        if (!kid)
            return NULL;
        srch_node_t *n = node_new(p, SRCH_NODE_NOT, t.off);
        if (!n || node_add_kid(n, kid)) {
            p->st = CN_E_NOMEM;
            srch_node_destroy(kid);
            srch_node_destroy(n);
            return NULL;
        }
        return n;
    }
    case T_LPAREN: {
        lex_next(p);
        if (p->look.kind == T_RPAREN || p->look.kind == T_EOF) {
            fail(p, t.off, p->look.kind == T_EOF ? "'(' is never closed" : "empty parentheses");
            return NULL;
        }
        srch_node_t *n = parse_or(p, depth + 1);
        if (n && p->look.kind != T_RPAREN) {
            fail(p, t.off, "'(' is never closed");
            srch_node_destroy(n);
            return NULL;
        }
        lex_next(p);
        return n;
    }
    case T_WORD:
    case T_PHRASE:
    case T_FIELD:
        return parse_leaf(p);
    case T_RPAREN:
        fail(p, t.off, "')' without '('");
        return NULL;
    case T_AND:
    case T_OR:
        fail(p, t.off, "%s wants a term before it", op_name(t.kind));
        return NULL;
    case T_EOF:
        break;
    }
    fail(p, t.off, "a term is missing here");
    return NULL;
}

/* Parses operands joined by 'op' (an explicit keyword, or juxtaposition
 * for AND) into one node; a single operand is returned as is. */
static srch_node_t *
parse_list(parser_t *p, unsigned depth, tok_kind_t op)
{
    srch_node_t *first = op == T_OR ? parse_list(p, depth, T_AND) : parse_unary(p, depth);
    if (!first)
        return NULL;
    srch_node_t *list = NULL;
    for (;;) {
        lexeme_t t = p->look;
        if (op == T_OR ? t.kind != T_OR : !(t.kind == T_AND || starts_operand(t.kind)))
            break;
        if (t.kind == op) {
            lex_next(p);
            if (!starts_operand(p->look.kind)) {
                fail(p, t.off, "%s wants a term after it", op_name(op));
                break;
            }
        }
        srch_node_t *next = op == T_OR ? parse_list(p, depth, T_AND) : parse_unary(p, depth);
        if (!next)
            break;
        if (!list) {
            list = node_new(p, op == T_OR ? SRCH_NODE_OR : SRCH_NODE_AND, 0);
            if (!list || node_add_kid(list, first)) {
                p->st = CN_E_NOMEM;
                srch_node_destroy(next);
                break;
            }
            list->column = first->column;
            first = NULL;
        }
        if (node_add_kid(list, next)) {
            p->st = CN_E_NOMEM;
            srch_node_destroy(next);
            break;
        }
    }
    if (p->st != CN_OK) {
        srch_node_destroy(first);
        srch_node_destroy(list);
        return NULL;
    }
    return list ? list : first;
}

static srch_node_t *
parse_or(parser_t *p, unsigned depth)
{
    return parse_list(p, depth, T_OR);
}

cn_status_t
srch_qparse(const char *text, size_t len, srch_node_t **out, size_t *column,
            char **errmsg)
{
    parser_t p = { text, len, 0, { 0 }, CN_OK, 0, NULL };
    *out = NULL;
    *column = 0;
    if (errmsg)
        *errmsg = NULL;
    lex_next(&p);
    srch_node_t *root = NULL;
    if (p.look.kind != T_EOF)
        root = parse_or(&p, 0);
    if (p.st == CN_OK && p.look.kind == T_RPAREN)
        fail(&p, p.look.off, "')' without '('");
    else if (p.st == CN_OK && p.look.kind != T_EOF)
        fail(&p, p.look.off, "unexpected %s", op_name(p.look.kind));
    if (p.st != CN_OK) {
        srch_node_destroy(root);
        if (p.st == CN_E_QUERY_SYNTAX)
            *column = column_of(text, p.err_off);
        if (errmsg)
            *errmsg = p.errmsg;
        else
            free(p.errmsg);
        return p.st;
    }
    *out = root;
    return CN_OK;
}

cn_status_t
srch_node_field_create(srch_field_t field, const char *value, size_t len,
                       srch_node_t **out)
{
    *out = NULL;
    srch_node_t *n = calloc(1, sizeof(*n));
    if (!n)
        return CN_E_NOMEM;
    n->kind = SRCH_NODE_FIELD;
    n->field = field;
    n->quoted = 1;
    n->column = 1;
    if (node_set_text(n, value, len)) {
        free(n);
        return CN_E_NOMEM;
    }
    *out = n;
    return CN_OK;
}

cn_status_t
srch_node_and_create(srch_node_t *a, srch_node_t *b, srch_node_t **out)
{
    *out = NULL;
    srch_node_t *n = calloc(1, sizeof(*n));
    if (!n || !(n->kids = calloc(2, sizeof(*n->kids)))) {
        free(n);
        srch_node_destroy(a);
        srch_node_destroy(b);
        return CN_E_NOMEM;
    }
    n->kind = SRCH_NODE_AND;
    n->column = 1;
    n->kids[0] = a;
    n->kids[1] = b;
    n->nkids = 2;
    *out = n;
    return CN_OK;
}

void
srch_node_destroy(srch_node_t *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        srch_node_destroy(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n->entity_term);
    free(n);
}

void
srch_node_dump(const srch_node_t *n, cn_buf_t *b)
{
    if (!n) {
        cn_buf_addstr(b, "()");
        return;
    }
    static const char *const names[] = { "WORD", "PHRASE", "FIELD", "AND", "OR", "NOT" };
    cn_buf_addf(b, "(%s", names[n->kind]);
    if (n->kind == SRCH_NODE_PHRASE && n->window)
        cn_buf_addf(b, "~%u", n->window);
    if (n->kind == SRCH_NODE_FIELD)
        cn_buf_addf(b, " %s", srch_field_name(n->field));
    if (n->text)
        cn_buf_addf(b, n->kind == SRCH_NODE_PHRASE ? " \"%s\"" : " %s", n->text);
    for (size_t i = 0; i < n->nkids; i++) {
        cn_buf_addch(b, ' ');
        srch_node_dump(n->kids[i], b);
    }
    cn_buf_addch(b, ')');
}

/* ---- date values ---------------------------------------------------- */

static int
digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A date of the forms YYYY, YYYY-MM, YYYY-MM-DD with a month 01-12 and a
 * day 01-31; returns its length class (4, 7, 10) or 0. */
static size_t
date_form(const char *s, size_t n)
{
    if (n != 4 && n != 7 && n != 10)
        return 0;
    if (!digits(s, 4))
        return 0;
    if (n >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return 0;
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return 0;
    }
    if (n == 10) {
        if (s[7] != '-' || !digits(s + 8, 2))
            return 0;
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31)
            return 0;
    }
    return n;
}

/* Widens a partial date to its first (low) or last (high) day. String
 * order is date order, so "-31" ends every month. */
static void
widen(const char *s, size_t n, int high, char out[11])
{
    memcpy(out, s, n);
    if (n == 4)
        memcpy(out + 4, high ? "-12-31" : "-01-01", 6);
    else if (n == 7)
        memcpy(out + 7, high ? "-31" : "-01", 3);
    out[10] = '\0';
}

/* A date in any form ent_date_parse_query() reads, whole string. */
static cn_status_t
date_other(const char *v, size_t len, int *is_range, char lo[11], char hi[11])
{
    ent_date_t d;
    if (ent_date_parse_query(v, len, NULL, &d) != CN_OK)
        return CN_E_QUERY_SYNTAX;
    /* One day, month or year: its own D/DM term, like ISO. */
    bool single = !(d.flags & (ENT_DATE_RANGE | ENT_DATE_OPEN_START | ENT_DATE_OPEN_END));
    if (single && d.prec == ENT_PREC_DAY)
        single = ent_ymd_days(&d.end) == ent_ymd_days(&d.start);
    else if (single && d.prec == ENT_PREC_MONTH)
        single = d.end.y == d.start.y && d.end.m == d.start.m;
    else if (single)
        single = d.end.y == d.start.y;
    if (single) {
        ent_ymd_format(&d.start, d.prec, lo);
        return CN_OK;
    }
    *is_range = 1;
    if (!(d.flags & ENT_DATE_OPEN_START))
        ent_ymd_format(&d.start, ENT_PREC_DAY, lo);
    if (!(d.flags & ENT_DATE_OPEN_END))
        ent_ymd_format(&d.end, ENT_PREC_DAY, hi);
    return CN_OK;
}

cn_status_t
srch_date_value(const char *v, size_t len, int *is_range, char lo[11],
                char hi[11], const char **why)
{
    lo[0] = hi[0] = '\0';
    *is_range = 0;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (v[i] == '.' && v[i + 1] == '.') {
            dots = v + i;
            break;
        }
    if (!dots) {
        if (date_form(v, len)) {
            memcpy(lo, v, len);
            lo[len] = '\0';
            return CN_OK;
        }
        if (date_other(v, len, is_range, lo, hi) == CN_OK)
            return CN_OK;
        *why = "wants a date (YYYY, YYYY-MM, YYYY-MM-DD, 2023年11月19日, "
               "November 19, 2023, ...) or a range A..B";
        return CN_E_QUERY_SYNTAX;
    }
    *is_range = 1;
    size_t a_len = (size_t)(dots - v), b_len = len - a_len - 2;
    const char *b = dots + 2;
    if (!a_len && !b_len) {
        *why = "a range wants at least one end";
        return CN_E_QUERY_SYNTAX;
    }
    if ((a_len && !date_form(v, a_len)) || (b_len && !date_form(b, b_len))) {
        if (date_other(v, len, is_range, lo, hi) == CN_OK)
            return CN_OK;
        lo[0] = hi[0] = '\0';
        *is_range = 1;
        *why = "range ends must be dates (YYYY-MM-DD, 2023年11月19日, ...)";
        return CN_E_QUERY_SYNTAX;
    }
    if (a_len)
        widen(v, a_len, 0, lo);
    if (b_len)
        widen(b, b_len, 1, hi);
    if (a_len && b_len && strcmp(lo, hi) > 0) {
        *why = "the range ends before it starts";
        return CN_E_QUERY_SYNTAX;
    }
    return CN_OK;
}
