/* SPDX-License-Identifier: MIT */
/* printer.c - text and JSON output of search results. */
#include "printer.h"
#include "buf.h"
#include "snippet.h"
#include "utf8.h"

#include <string.h>

#define HL_ON "\033[1;31m"
#define HL_OFF "\033[0m"
#define DIM_ON "\033[2m"

/* Appends text, indenting the lines after the first under the result. */
static void
add_indented(cn_buf_t *b, const char *t, size_t len)
{
    const char *nl;
    while (len && (nl = memchr(t, '\n', len)) != NULL) {
        cn_buf_add(b, t, (size_t)(nl - t));
        cn_buf_addstr(b, "\n   ");
        len -= (size_t)(nl - t) + 1;
        t = nl + 1;
    }
    cn_buf_add(b, t, len);
}

/* The snippet of the passage: the best window, "…" where it is cut, the
 * spans inside it highlighted (clipped at the window's ends). */
static void
add_highlighted(cn_buf_t *b, const srch_hit_t *h, bool color)
{
    const char *t = h->rec.text;
    size_t from, to;
    srch_snippet_window(t, h->rec.text_len, h->spans, h->nspans, SRCH_SNIPPET_COLUMNS,
                        &from, &to);
    if (from > 0)
        cn_buf_addstr(b, "…");
    size_t at = from;
    for (size_t i = 0; i < h->nspans; i++) {
        size_t s = h->spans[i].start < from ? from : h->spans[i].start;
        size_t e = h->spans[i].end > to ? to : h->spans[i].end;
        if (s >= e)
            continue;
        add_indented(b, t + at, s - at);
        cn_buf_addstr(b, color ? HL_ON : "[");
        add_indented(b, t + s, e - s);
        cn_buf_addstr(b, color ? HL_OFF : "]");
        at = e;
    }
    add_indented(b, t + at, to - at);
    if (to < h->rec.text_len)
        cn_buf_addstr(b, "…");
}

/* A TSV field: tabs and line breaks become spaces. */
static void
add_tsv_field(cn_buf_t *b, const char *t, size_t len)
{
    for (size_t i = 0; i < len; i++)
        cn_buf_addch(b, t[i] == '\t' || t[i] == '\n' || t[i] == '\r' ? ' ' : t[i]);
}

/* rank, score, date, source, article_id, passage_no, title, snippet */
static void
add_tsv_hit(cn_buf_t *b, const srch_hit_t *h)
{
    const cn_record_t *r = &h->rec;
    size_t from, to;
    srch_snippet_window(r->text, r->text_len, h->spans, h->nspans, SRCH_SNIPPET_COLUMNS,
                        &from, &to);
    cn_buf_addf(b, "%u\t%.4f\t", h->rank, h->score);
    add_tsv_field(b, r->date, r->date_len);
    cn_buf_addch(b, '\t');
    add_tsv_field(b, r->source, r->source_len);
    cn_buf_addch(b, '\t');
    add_tsv_field(b, r->article_id, r->article_id_len);
    cn_buf_addf(b, "\t%u\t", r->passage_no);
    add_tsv_field(b, r->title, r->title_len);
    cn_buf_addch(b, '\t');
    add_tsv_field(b, r->text + from, to - from);
    cn_buf_addch(b, '\n');
}

void
srch_print_caret(FILE *fp, const char *query, size_t column)
{
    size_t len = strlen(query), i = 0, width = 0;
    for (size_t col = 1; col < column && i < len; col++) {
        uint32_t cp;
        i += cn_utf8_decode(query + i, len - i, &cp);
        width += cp == '\t' ? 1 : (size_t)cn_utf8_cp_width(cp);
    }
    fprintf(fp, "  %s\n  %*s^\n", query, (int)width, "");
}

static void
add_text_hit(cn_buf_t *b, const srch_hit_t *h, bool color)
{
    const cn_record_t *r = &h->rec;
    cn_buf_addf(b, "%u. %s%.*s%s", h->rank, color ? "\033[1m" : "", (int)r->title_len,
                r->title, color ? HL_OFF : "");
    cn_buf_addf(b, "  %s(%.*s%s%.*s, score %.2f", color ? DIM_ON : "",
                (int)(r->date_len ? r->date_len : 7), r->date_len ? r->date : "no date",
                r->source_len ? ", " : "", (int)r->source_len, r->source, h->score);
    if (h->collapsed)
        cn_buf_addf(b, ", +%u more in this article", h->collapsed);
    size_t ncopies = 0;
    for (size_t i = 0; i < h->copies_len; i++)
        ncopies += h->copies[i] == '\x1e';
    if (ncopies)
        cn_buf_addf(b, ", %zu cop%s", ncopies, ncopies == 1 ? "y" : "ies");
    cn_buf_addf(b, ")%s\n", color ? HL_OFF : "");
    srch_print_explain_text(b, h);
    cn_buf_addstr(b, "   ");
    add_highlighted(b, h, color);
    cn_buf_addstr(b, "\n\n");
}

/* "copies":[{"id","source","url","date"}…] when the article has
 * duplicates recorded (docs/index-schema.md); nothing otherwise. */
static void
add_json_copies(cn_buf_t *b, const srch_hit_t *h)
{
    static const char *const names[] = { "id", "source", "url", "date" };
    const char *p = h->copies, *end = h->copies + h->copies_len;
    if (!h->copies_len)
        return;
    cn_buf_addstr(b, ",\"copies\":[");
    for (int n = 0; p < end; n++) {
        const char *rs = memchr(p, '\x1e', (size_t)(end - p));
        const char *e = rs ? rs : end;
        cn_buf_addstr(b, n ? ",{" : "{");
        for (int f = 0; f < 4; f++) {
            const char *z = memchr(p, '\0', (size_t)(e - p));
            const char *fe = z ? z : e;
            cn_buf_addf(b, "%s\"%s\":\"", f ? "," : "", names[f]);
            cn_buf_add_json_str(b, p, (size_t)(fe - p));
            cn_buf_addch(b, '"');
            p = fe < e ? fe + 1 : e;
        }
        cn_buf_addch(b, '}');
        p = e < end ? e + 1 : end;
    }
    cn_buf_addch(b, ']');
}

static void
add_json_hit(cn_buf_t *b, const srch_hit_t *h, bool relaxed)
{
    const cn_record_t *r = &h->rec;
    cn_buf_addf(b, "{\"rank\":%u,\"score\":%.6g,\"article_id\":\"", h->rank, h->score);
    cn_buf_add_json_str(b, r->article_id, r->article_id_len);
    cn_buf_addf(b, "\",\"passage_no\":%u,\"title\":\"", r->passage_no);
    cn_buf_add_json_str(b, r->title, r->title_len);
    cn_buf_addstr(b, "\",\"date\":");
    if (r->date_len) {
        cn_buf_addch(b, '"');
        cn_buf_add_json_str(b, r->date, r->date_len);
        cn_buf_addch(b, '"');
    } else {
        cn_buf_addstr(b, "null");
    }
    cn_buf_addstr(b, ",\"source\":\"");
    cn_buf_add_json_str(b, r->source, r->source_len);
    cn_buf_addstr(b, "\",\"url\":\"");
    cn_buf_add_json_str(b, r->url, r->url_len);
    cn_buf_addstr(b, "\",\"lang\":\"");
    cn_buf_add_json_str(b, r->lang, r->lang_len);
    cn_buf_addstr(b, "\",\"passage\":\"");
    cn_buf_add_json_str(b, r->text, r->text_len);
    cn_buf_addstr(b, "\",\"highlights\":[");
    for (size_t i = 0; i < h->nspans; i++)
        cn_buf_addf(b, "%s[%zu,%zu]", i ? "," : "", h->spans[i].start, h->spans[i].end);
    cn_buf_addf(b, "],\"more_in_article\":%u", h->collapsed);
    if (relaxed)
        cn_buf_addstr(b, ",\"match\":\"some\"");
    add_json_copies(b, h);
    srch_print_explain_json(b, h);
    cn_buf_addch(b, '}');
}

/* Text: facets and the timeline after the results. JSON: their objects
 * as members "facets" and "timeline" of the object being written, each
 * preceded by a comma. */
static void
add_extras(cn_buf_t *b, const srch_printer_t *p, const srch_results_t *res)
{
    if (p->format == SRCH_JSON) {
        if (res->facets) {
            cn_buf_addstr(b, ",\"facets\":");
            srch_print_facets_json(b, res->facets);
        }
        if (res->timeline) {
            cn_buf_addstr(b, ",\"timeline\":");
            srch_print_timeline_json(b, res->timeline);
        }
    } else if (p->format == SRCH_TEXT) {
        if (res->facets)
            srch_print_facets_text(b, res->facets);
        if (res->timeline)
            srch_print_timeline_text(b, res->timeline, p->color, srch_output_columns(p->fp));
    }
}

void
srch_print_hits(const srch_printer_t *p, const srch_results_t *res)
{
    cn_buf_t b = CN_BUF_INIT;
    if (res->relaxed && p->format == SRCH_TEXT)
        fputs("(no passage holds every word as typed: these hold some of them)\n\n", p->fp);
    for (size_t i = 0; i < res->count; i++) {
        cn_buf_clear(&b);
        if (p->format == SRCH_JSON) {
            add_json_hit(&b, &res->hits[i], res->relaxed);
            cn_buf_addch(&b, '\n');
        } else if (p->format == SRCH_TSV) {
            add_tsv_hit(&b, &res->hits[i]);
        } else {
            add_text_hit(&b, &res->hits[i], p->color);
        }
        fwrite(b.data, 1, b.len, p->fp);
    }
    /* One-shot JSON Lines: the extras come as one more line, an object
     * without "rank" (docs/schema-jsonl.md). */
    cn_buf_clear(&b);
    if (p->format == SRCH_JSON && (res->facets || res->timeline)) {
        cn_buf_addf(&b, "{\"total\":%zu", res->estimated);
        add_extras(&b, p, res);
        cn_buf_addstr(&b, "}\n");
    } else {
        add_extras(&b, p, res);
    }
    fwrite(b.data, 1, b.len, p->fp);
    cn_buf_release(&b);
    fflush(p->fp);
}

void
srch_print_query_result(const srch_printer_t *p, const char *query,
                        const srch_results_t *res, const char *errmsg,
                        size_t column)
{
    cn_buf_t b = CN_BUF_INIT;
    if (p->format == SRCH_TSV) {
        if (errmsg) {
            add_tsv_field(&b, query, strlen(query));
            cn_buf_addstr(&b, "\terror\t");
            add_tsv_field(&b, errmsg, strlen(errmsg));
            cn_buf_addch(&b, '\n');
        }
        for (size_t i = 0; !errmsg && i < res->count; i++) {
            add_tsv_field(&b, query, strlen(query));
            cn_buf_addch(&b, '\t');
            add_tsv_hit(&b, &res->hits[i]);
        }
    } else if (p->format == SRCH_JSON) {
        cn_buf_addstr(&b, "{\"query\":\"");
        cn_buf_add_json_str(&b, query, strlen(query));
        if (errmsg) {
            cn_buf_addstr(&b, "\",\"error\":\"");
            cn_buf_add_json_str(&b, errmsg, strlen(errmsg));
            cn_buf_addch(&b, '"');
            if (column)
                cn_buf_addf(&b, ",\"column\":%zu", column);
            if (p->line)
                cn_buf_addf(&b, ",\"line\":%zu", p->line);
            cn_buf_addstr(&b, "}\n");
        } else {
            cn_buf_addf(&b, "\",\"total\":%zu,\"results\":[", res->estimated);
            for (size_t i = 0; i < res->count; i++) {
                if (i)
                    cn_buf_addch(&b, ',');
                add_json_hit(&b, &res->hits[i], false);
            }
            cn_buf_addf(&b, "]%s", res->relaxed ? ",\"match\":\"some\"" : "");
            add_extras(&b, p, res);
            cn_buf_addstr(&b, "}\n");
        }
    } else {
        cn_buf_addf(&b, "## %s\n", query);
        if (errmsg)
            cn_buf_addf(&b, "error: %s\n", errmsg);
        else if (!res->count)
            cn_buf_addstr(&b, "(no match)\n\n");
        for (size_t i = 0; !errmsg && i < res->count; i++)
            add_text_hit(&b, &res->hits[i], p->color);
        if (!errmsg)
            add_extras(&b, p, res);
    }
    fwrite(b.data, 1, b.len, p->fp);
    cn_buf_release(&b);
    if (p->format == SRCH_TEXT && errmsg) {
        if (column)
            srch_print_caret(p->fp, query, column);
        fputc('\n', p->fp);
    }
    /* Scripts read answers as they come: one flush per query. */
    fflush(p->fp);
}
