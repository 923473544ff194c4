/* SPDX-License-Identifier: MIT */
/* printer-extras.c - output of the extras: explained scores, facets and
 * the timeline bar chart (text) or their JSON objects. */
#include "printer.h"
#include "buf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BAR_ON "\033[36m"
#define BAR_OFF "\033[0m"
/* Narrower than this, a bar chart says nothing. */
#define MIN_COLUMNS 40

void
srch_print_explain_text(cn_buf_t *b, const srch_hit_t *h)
{
    if (!h->explain)
        return;
    cn_buf_addf(b, "   score %.3f =", h->score);
    int n = 0;
    for (size_t i = 0; i < SRCH_PART_COUNT; i++) {
        if (h->explain[i] == 0)
            continue;
        cn_buf_addf(b, "%s %s %.3f", n++ ? " +" : "", srch_part_name(i), h->explain[i]);
    }
    if (!n)
        cn_buf_addstr(b, " 0 (filters only)");
    cn_buf_addch(b, '\n');
}

void
srch_print_explain_json(cn_buf_t *b, const srch_hit_t *h)
{
    if (!h->explain)
        return;
    cn_buf_addstr(b, ",\"explain\":{");
    for (size_t i = 0; i < SRCH_PART_COUNT; i++)
        cn_buf_addf(b, "%s\"%s\":%.9g", i ? "," : "", srch_part_name(i), h->explain[i]);
    cn_buf_addch(b, '}');
}

static void
add_json_facet(cn_buf_t *b, size_t k, const srch_facet_t *f)
{
    cn_buf_addf(b, "%s\"%s\":[", k ? "," : "", srch_facet_name(k));
    for (size_t i = 0; i < f->n; i++) {
        cn_buf_addstr(b, i ? ",{\"key\":\"" : "{\"key\":\"");
        cn_buf_add_json_str(b, f->v[i].key, strlen(f->v[i].key));
        cn_buf_addstr(b, "\",\"name\":\"");
        cn_buf_add_json_str(b, f->v[i].label, strlen(f->v[i].label));
        cn_buf_addf(b, "\",\"count\":%u}", f->v[i].count);
    }
    cn_buf_addch(b, ']');
}

void
srch_print_facets_json(cn_buf_t *b, const srch_facets_t *f)
{
    cn_buf_addf(b, "{\"passages\":%u,", f->passages);
    for (size_t k = 0; k < SRCH_FACET_COUNT; k++)
        add_json_facet(b, k, &f->f[k]);
    cn_buf_addf(b, ",\"people_discovered\":%s,\"orgs_discovered\":%s}",
                f->f[SRCH_FACET_PEOPLE].discovered ? "true" : "false",
                f->f[SRCH_FACET_ORGS].discovered ? "true" : "false");
}

void
srch_print_facets_text(cn_buf_t *b, const srch_facets_t *f)
{
    static const char *const titles[SRCH_FACET_COUNT] = {
        "people", "organisations", "days mentioned", "months mentioned",
    };
    cn_buf_addf(b, "Facets of %u matching passage%s:\n", f->passages,
                f->passages == 1 ? "" : "s");
    for (size_t k = 0; k < SRCH_FACET_COUNT; k++) {
        const srch_facet_t *x = &f->f[k];
        cn_buf_addf(b, "  %s%s:", titles[k], x->discovered ? " (discovered)" : "");
        if (!x->n)
            cn_buf_addstr(b, " none");
        for (size_t i = 0; i < x->n; i++)
            cn_buf_addf(b, "%s %s %u", i ? "," : "", x->v[i].label, x->v[i].count);
        cn_buf_addch(b, '\n');
    }
    cn_buf_addch(b, '\n');
}

void
srch_print_timeline_json(cn_buf_t *b, const srch_timeline_t *t)
{
    cn_buf_addf(b, "{\"unit\":\"%s\",\"date\":\"%s\",\"passages\":%u,\"undated\":%u,"
                   "\"buckets\":[",
                srch_timeline_unit_name(t->unit), t->mentioned ? "mentioned" : "article",
                t->total, t->undated);
    for (size_t i = 0; i < t->n; i++)
        cn_buf_addf(b, "%s{\"date\":\"%s\",\"count\":%u}", i ? "," : "", t->v[i].date,
                    t->v[i].count);
    cn_buf_addstr(b, "]}");
}

unsigned
srch_output_columns(FILE *fp)
{
    struct winsize ws;
    if (isatty(fileno(fp)) && ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    long n = c ? strtol(c, NULL, 10) : 0;
    return n > 0 && n < 10000 ? (unsigned)n : 80;
}

/* A bar of value/max of 'width' columns, in eighths of a column. */
static void
add_bar(cn_buf_t *b, uint32_t value, uint32_t max, unsigned width)
{
    static const char *const eighths[8] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
    unsigned long long units = max ? (unsigned long long)value * width * 8 / max : 0;
    if (value && !units)
        units = 1; /* a bucket with passages never looks empty */
    for (unsigned long long i = 0; i < units / 8; i++)
        cn_buf_addstr(b, "█");
    cn_buf_addstr(b, eighths[units % 8]);
}

void
srch_print_timeline_text(cn_buf_t *b, const srch_timeline_t *t, bool color, unsigned columns)
{
    cn_buf_addf(b, "Matching passages per %s (%s date): %u", srch_timeline_unit_name(t->unit),
                t->mentioned ? "first mentioned" : "article", t->total);
    if (t->undated)
        cn_buf_addf(b, ", %u without one", t->undated);
    cn_buf_addstr(b, "\n");
    int count_w = snprintf(NULL, 0, "%u", t->max);
    size_t label_w = t->unit == SRCH_TIMELINE_DAY ? 10 : t->unit == SRCH_TIMELINE_YEAR ? 4 : 7;
    if (columns < MIN_COLUMNS)
        columns = MIN_COLUMNS;
    /* label, two spaces, count, a space, the bar, one column spare */
    unsigned bar_w = columns - (unsigned)label_w - (unsigned)count_w - 4;
    for (size_t i = 0; i < t->n; i++) {
        cn_buf_addf(b, "%-*s  %*u", (int)label_w, t->v[i].date, count_w, t->v[i].count);
        if (!t->v[i].count) {
            cn_buf_addch(b, '\n');
            continue;
        }
        cn_buf_addch(b, ' ');
        if (color)
            cn_buf_addstr(b, BAR_ON);
        add_bar(b, t->v[i].count, t->max, bar_w);
        if (color)
            cn_buf_addstr(b, BAR_OFF);
        cn_buf_addch(b, '\n');
    }
    cn_buf_addch(b, '\n');
}
