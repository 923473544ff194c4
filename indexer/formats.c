/* SPDX-License-Identifier: MIT */
/* formats.c - article files in decoded UTF-8: Markdown with YAML front
 * matter, livedoor text, Sogou pseudo-XML, CSV with a header row, HTML. */
#include "reader.h"
#include "dateline.h"
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Next line of s[*pos..len) without its "\n" or "\r\n"; 0 at the end. */
static int
next_line(const char *s, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return 0;
    const char *p = s + *pos, *nl = memchr(p, '\n', len - *pos);
    size_t m = nl ? (size_t)(nl - p) : len - *pos;
    *pos += m + (nl ? 1 : 0);
    if (m && p[m - 1] == '\r')
        m--;
    *line = p;
    *n = m;
    return 1;
}

static void
set_trimmed(cn_buf_t *b, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    cn_buf_clear(b);
    cn_buf_add(b, s, n);
}

static void
start(idx_article_t *a, const char *name, size_t line, size_t replaced)
{
    idx_article_init(a);
    a->origin_file = name;
    a->origin_line = line;
    a->replaced_bytes = replaced;
}

/* ---- Markdown ------------------------------------------------------ */

/* The buffer of the article that front-matter key 'key' maps to. */
static cn_buf_t *
fm_target(idx_reader_t *rd, idx_article_t *a, const char *key)
{
    const cfg_fields_t *f = rd->fields;
    struct { const char *field; cn_buf_t *dst; } map[] = {
        { f->id, &a->id },     { f->title, &a->title },   { f->date, &a->date },
        { f->url, &a->url },   { f->source, &a->source }, { f->lang, &a->lang },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (map[i].field && strcmp(map[i].field, key) == 0)
            return map[i].dst;
    return NULL;
}

/* Top-level scalars (and lists of scalars, joined by ", ") of the front
 * matter into the mapped fields. Returns 0 when it is not valid YAML. */
static int
front_matter(idx_reader_t *rd, idx_article_t *a, const char *y, size_t n)
{
    yaml_parser_t p;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&p))
        return 0;
    yaml_parser_set_input_string(&p, (const unsigned char *)y, n);
    int ok = yaml_parser_load(&p, &doc);
    yaml_parser_delete(&p);
    if (!ok)
        return 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
             pr < root->data.mapping.pairs.top; pr++) {
            yaml_node_t *k = yaml_document_get_node(&doc, pr->key);
            yaml_node_t *v = yaml_document_get_node(&doc, pr->value);
            if (!k || !v || k->type != YAML_SCALAR_NODE)
                continue;
            cn_buf_t *dst = fm_target(rd, a, (const char *)k->data.scalar.value);
            if (!dst)
                continue;
            cn_buf_clear(dst);
            if (v->type == YAML_SCALAR_NODE) {
                cn_buf_add(dst, v->data.scalar.value, v->data.scalar.length);
            } else if (v->type == YAML_SEQUENCE_NODE) {
                for (yaml_node_item_t *it = v->data.sequence.items.start;
                     it < v->data.sequence.items.top; it++) {
                    yaml_node_t *e = yaml_document_get_node(&doc, *it);
                    if (!e || e->type != YAML_SCALAR_NODE)
                        continue;
                    if (dst->len)
                        cn_buf_addstr(dst, ", ");
                    cn_buf_add(dst, e->data.scalar.value, e->data.scalar.length);
                }
            }
        }
    }
    yaml_document_delete(&doc);
    return 1;
}

/* Length of the heading marker "## " at the start of a line, else 0. */
static size_t
heading(const char *l, size_t n)
{
    size_t i = 0;
    while (i < n && i < 6 && l[i] == '#')
        i++;
    return i && i < n && l[i] == ' ' ? i + 1 : 0;
}

cn_status_t
idx__read_markdown(idx_reader_t *rd, const char *name, const char *s, size_t len,
                   size_t replaced)
{
    idx_article_t a;
    start(&a, name, 0, replaced);
    size_t pos = 0, fm_end = 0;
    const char *l;
    size_t n;
    /* Front matter: a first line "---", up to the next "---" or "...". */
    if (next_line(s, len, &pos, &l, &n) && n == 3 && memcmp(l, "---", 3) == 0) {
        size_t body = pos;
        while (next_line(s, len, &pos, &l, &n)) {
            if (n == 3 && (memcmp(l, "---", 3) == 0 || memcmp(l, "...", 3) == 0)) {
                fm_end = pos;
                break;
            }
        }
        if (fm_end && !front_matter(rd, &a, s + body, (size_t)(l - (s + body)))) {
            idx__reader_reject(rd, name, 1, 1, "front matter is not valid YAML");
            idx_article_release(&a);
            return CN_OK;
        }
    }
    pos = fm_end;
    /* The body: the first "# " heading is the title line (dropped when the
     * front matter named the title), other heading markers are removed. */
    cn_buf_t body = CN_BUF_INIT;
    int seen_h1 = 0, has_tag = 0;
    while (next_line(s, len, &pos, &l, &n)) {
        size_t h = heading(l, n);
        if (h == 2 && !seen_h1) {
            seen_h1 = 1;
            if (!a.title.len)
                set_trimmed(&a.title, l + h, n - h);
            continue;
        }
        if (!a.title.len && !h && n) {
            set_trimmed(&a.title, l, n);
            if (a.title.len)
                continue;
        }
        cn_buf_add(&body, l + h, n - h);
        cn_buf_addch(&body, '\n');
        if (memchr(l, '<', n) || memchr(l, '&', n))
            has_tag = 1;
    }
    /* Inline HTML (<p>, <figure> remnants, entities): through the parser,
     * keeping the Markdown's own line breaks. */
    cn_status_t st = CN_OK;
    if (has_tag)
        st = idx_html_to_text(body.data, body.len, 1, &a.body);
    else
        cn_buf_add(&a.body, body.data, body.len);
    cn_buf_release(&body);
    if (!a.id.len)
        cn_buf_addstr(&a.id, name);
    idx_date_from_field(&a.date);
    if (st == CN_OK)
        idx__reader_offer(rd, &a);
    idx_article_release(&a);
    return st;
}

/* ---- livedoor: URL, date, title, body ------------------------------ */

cn_status_t
idx__read_livedoor(idx_reader_t *rd, const char *name, const char *s, size_t len,
                   size_t replaced)
{
    idx_article_t a;
    start(&a, name, 0, replaced);
    size_t pos = 0;
    const char *l = NULL;
    size_t n = 0;
    if (next_line(s, len, &pos, &l, &n))
        set_trimmed(&a.url, l, n);
    if (next_line(s, len, &pos, &l, &n))
        set_trimmed(&a.date, l, n);
    if (next_line(s, len, &pos, &l, &n))
        set_trimmed(&a.title, l, n);
    if (pos < len)
        cn_buf_add(&a.body, s + pos, len - pos);
    cn_buf_addstr(&a.id, name);
    idx_date_from_field(&a.date);
    idx__reader_offer(rd, &a);
    idx_article_release(&a);
    return CN_OK;
}

/* ---- Sogou pseudo-XML: <doc><url><docno><contenttitle><content> ---- */

static void
tag_text(const char *d, size_t n, const char *tag, cn_buf_t *out)
{
    char open[32], close[32];
    snprintf(open, sizeof(open), "<%s>", tag);
    snprintf(close, sizeof(close), "</%s>", tag);
    const char *p = memmem(d, n, open, strlen(open));
    if (!p)
        return;
    p += strlen(open);
    const char *q = memmem(p, (size_t)(d + n - p), close, strlen(close));
    if (q)
        set_trimmed(out, p, (size_t)(q - p));
}

static size_t
count_lines(const char *s, size_t from, size_t to, size_t line)
{
    for (size_t i = from; i < to; i++)
        line += s[i] == '\n';
    return line;
}

cn_status_t
idx__read_sogou(idx_reader_t *rd, const char *name, const char *s, size_t len,
                size_t replaced)
{
    size_t pos = 0, line = 1, docs = 0;
    const char *p;
    while (!rd->stopped && (p = memmem(s + pos, len - pos, "<doc>", 5)) != NULL) {
        size_t at = (size_t)(p - s);
        line = count_lines(s, pos, at, line);
        const char *q = memmem(p, len - at, "</doc>", 6);
        size_t end = q ? (size_t)(q - s) + 6 : len;
        idx_article_t a;
        start(&a, name, line, docs ? 0 : replaced);
        tag_text(p, end - at, "url", &a.url);
        tag_text(p, end - at, "docno", &a.id);
        tag_text(p, end - at, "contenttitle", &a.title);
        tag_text(p, end - at, "content", &a.body);
        if (!q)
            idx__reader_reject(rd, name, line, 1, "<doc> without </doc>");
        else
            idx__reader_offer(rd, &a);
        idx_article_release(&a);
        line = count_lines(s, at, end, line);
        pos = end;
        docs++;
    }
    if (!docs)
        idx__reader_reject(rd, name, 0, 0, "no <doc> element");
    return CN_OK;
}

/* ---- CSV (RFC 4180) with a header row ------------------------------- */

/* Parses one record at s[*pos]; fields go to 'cells' separated by NUL
 * (count in *ncells). Returns 0 at the end of the input. */
static int
csv_record(const char *s, size_t len, size_t *pos, size_t *line, cn_buf_t *cells,
           size_t *ncells)
{
    size_t i = *pos;
    if (i >= len)
        return 0;
    cn_buf_clear(cells);
    *ncells = 1;
    int quoted = 0;
    while (i < len) {
        char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < len && s[i + 1] == '"') {
                cn_buf_addch(cells, '"');
                i += 2;
                continue;
            }
            if (c == '"')
                quoted = 0;
            else {
                if (c == '\n')
                    (*line)++;
                cn_buf_addch(cells, c);
            }
            i++;
            continue;
        }
        if (c == '"') {
            quoted = 1;
        } else if (c == ',') {
            cn_buf_addch(cells, '\0');
            (*ncells)++;
        } else if (c == '\n') {
            (*line)++;
            i++;
            break;
        } else if (c != '\r') {
            cn_buf_addch(cells, c);
        }
        i++;
    }
    *pos = i;
    return 1;
}

cn_status_t
idx__read_csv(idx_reader_t *rd, const char *name, const char *s, size_t len,
              size_t replaced)
{
    cn_buf_t head = CN_BUF_INIT, row = CN_BUF_INIT;
    size_t pos = 0, line = 1, nhead = 0, ncells;
    cn_status_t st = CN_OK;
    if (!csv_record(s, len, &pos, &line, &head, &nhead)) {
        idx__reader_reject(rd, name, 0, 0, "empty CSV file");
        goto out;
    }
    const cfg_fields_t *f = rd->fields;
    const char *want[] = { f->id, f->title, f->body, f->date, f->source, f->url, f->lang };
    int col[7];
    for (size_t k = 0; k < 7; k++) {
        col[k] = -1;
        const char *h = head.data;
        for (size_t c = 0; c < nhead; c++, h += strlen(h) + 1)
            if (want[k] && strcmp(h, want[k]) == 0)
                col[k] = (int)c;
    }
    while (st == CN_OK && !rd->stopped) {
        size_t at = line;
        if (!csv_record(s, len, &pos, &line, &row, &ncells))
            break;
        if (ncells == 1 && !row.len)
            continue; /* blank line */
        if (ncells != nhead) {
            idx__reader_reject(rd, name, at, 1, "%zu fields, the header has %zu",
                               ncells, nhead);
            continue;
        }
        idx_article_t a;
        start(&a, name, at, replaced);
        replaced = 0;
        cn_buf_t *dst[] = { &a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.lang };
        const char *cell = row.data;
        for (size_t c = 0; c < ncells; c++, cell += strlen(cell) + 1)
            for (size_t k = 0; k < 7; k++)
                if (col[k] == (int)c)
                    cn_buf_addstr(dst[k], cell);
        idx_date_from_field(&a.date);
        st = idx__body_markup(rd, &a.body);
        if (st == CN_OK)
            idx__reader_offer(rd, &a);
        idx_article_release(&a);
    }
out:
    cn_buf_release(&head);
    cn_buf_release(&row);
    return st;
}

/* ---- HTML pages ----------------------------------------------------- */

cn_status_t
idx__read_html(idx_reader_t *rd, const char *name, const char *s, size_t len,
               size_t replaced)
{
    idx_html_t h;
    idx_html_init(&h);
    cn_status_t st = idx_html_extract(s, len, &h);
    if (st == CN_OK) {
        idx_article_t a;
        start(&a, name, 0, replaced);
        cn_buf_add(&a.title, h.title.data, h.title.len);
        cn_buf_add(&a.body, h.text.data, h.text.len);
        cn_buf_add(&a.date, h.date.data, h.date.len);
        cn_buf_add(&a.url, h.url.data, h.url.len);
        cn_buf_addstr(&a.id, name);
        idx_date_from_field(&a.date);
        idx__reader_offer(rd, &a);
        idx_article_release(&a);
    }
    idx_html_release(&h);
    return st;
}
