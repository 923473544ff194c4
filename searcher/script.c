/* SPDX-License-Identifier: MIT */
/* script.c - scripted mode: plain or JSON query lines in, answers out. */
#include "script.h"
#include "sigint.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Same bound as -n: a script cannot ask for more per query. */
#define SCRIPT_LIMIT_MAX 100000

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* "explain": bool, "facets": bool, "timeline": "day"|"month"|"year"|false
 * of a JSON line, over the command line's. */
static int
read_extras(json_t *root, srch_run_opts_t *o, char **why)
{
    json_t *je = json_object_get(root, "explain"), *jf = json_object_get(root, "facets");
    json_t *jt = json_object_get(root, "timeline");
    if ((je && !json_is_boolean(je)) || (jf && !json_is_boolean(jf))) {
        *why = cn_strdupf("\"explain\" and \"facets\" must be true or false");
        return -1;
    }
    if (je)
        o->explain = json_is_true(je);
    if (jf)
        o->facets = json_is_true(jf);
    if (jt && json_is_false(jt)) {
        o->timeline = SRCH_TIMELINE_NONE;
    } else if (jt && !(json_is_string(jt) &&
                       srch_timeline_unit_parse(json_string_value(jt), &o->timeline))) {
        *why = cn_strdupf("\"timeline\" must be \"day\", \"month\", \"year\" or false");
        return -1;
    }
    return 0;
}

/* The keys of "filters": each a string, as after field: in the query
 * language (docs/searching.md, "Scripted mode"). */
static const char **
filter_slot(srch_run_opts_t *o, const char *key)
{
    static const struct {
        const char *key;
        size_t offset;
    } slots[] = {
        { "date", offsetof(srch_run_opts_t, date) },
        { "since", offsetof(srch_run_opts_t, since) },
        { "until", offsetof(srch_run_opts_t, until) },
        { "source", offsetof(srch_run_opts_t, source) },
        { "lang", offsetof(srch_run_opts_t, lang) },
        { "title", offsetof(srch_run_opts_t, title) },
        { "person", offsetof(srch_run_opts_t, person) },
        { "org", offsetof(srch_run_opts_t, org) },
    };
    for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++)
        if (strcmp(key, slots[i].key) == 0)
            return (const char **)(void *)((char *)o + slots[i].offset);
    return NULL;
}

/* since/until take one date (a range would make no sense as a bound). */
static bool
valid_bound(const char *v)
{
    int is_range;
    char lo[11], hi[11];
    const char *why;
    return !strstr(v, "..") && srch_date_value(v, strlen(v), &is_range, lo, hi, &why) == CN_OK;
}

/* The "filters" object of a line into 'o' (strings borrowed from 'jf'). */
static int
read_filters(json_t *jf, srch_run_opts_t *o, char **why)
{
    const char *key;
    json_t *val;
    json_object_foreach(jf, key, val) {
        const char **slot = filter_slot(o, key);
        if (!slot) {
            *why = cn_strdupf("unknown filter \"%s\" (known: date, since, until, source, "
                              "lang, title, person, org)", key);
            return -1;
        }
        const char *v = json_string_value(val);
        if (!v || !*v) {
            *why = cn_strdupf("filter \"%s\" wants a non-empty string", key);
            return -1;
        }
        if ((slot == &o->since || slot == &o->until) && !valid_bound(v)) {
            *why = cn_strdupf("filter \"%s\" wants one date (YYYY, YYYY-MM, YYYY-MM-DD or "
                              "another form date: reads), not '%s'", key, v);
            return -1;
        }
        *slot = v;
    }
    return 0;
}

/* A JSON line: {"q": "...", "limit": N, "sort": "date", "filters":
 * {...}}. On success *q borrows from 'root' and 'o' holds the line's
 * options (strings borrowed from 'root'); otherwise *why (malloc'd) says
 * what is wrong. */
static int
read_json_line(json_t *root, const char **q, srch_run_opts_t *o, char **why)
{
    if (!json_is_object(root)) {
        *why = cn_strdupf("a JSON query line must be an object");
        return -1;
    }
    json_t *jq = json_object_get(root, "q");
    if (!json_is_string(jq)) {
        *why = cn_strdupf("\"q\" (a string) is missing");
        return -1;
    }
    *q = json_string_value(jq);
    json_t *jl = json_object_get(root, "limit");
    if (jl) {
        if (!json_is_integer(jl) || json_integer_value(jl) < 1 ||
            json_integer_value(jl) > SCRIPT_LIMIT_MAX) {
            *why = cn_strdupf("\"limit\" must be an integer from 1 to %d", SCRIPT_LIMIT_MAX);
            return -1;
        }
        o->limit = (unsigned)json_integer_value(jl);
    }
    json_t *js = json_object_get(root, "sort");
    if (js) {
        const char *v = json_string_value(js);
        if (v && strcmp(v, "date") == 0) {
            o->sort = SRCH_SORT_DATE;
        } else if (v && strcmp(v, "relevance") == 0) {
            o->sort = SRCH_SORT_RELEVANCE;
        } else {
            *why = cn_strdupf("\"sort\" must be \"date\" or \"relevance\"");
            return -1;
        }
    }
    if (read_extras(root, o, why) != 0)
        return -1;
    json_t *jf = json_object_get(root, "filters");
    if (jf && !json_is_object(jf)) {
        *why = cn_strdupf("\"filters\" must be an object");
        return -1;
    }
    return jf ? read_filters(jf, o, why) : 0;
}

/* Runs one line; returns CN_OK unless the database failed or the line
 * was cancelled (then nothing is printed for it and *dberr says why). */
static cn_status_t
run_line(srch_session_t *s, const srch_printer_t *p, const char *line, size_t n,
         const srch_run_opts_t *base, FILE *latency, char **dberr)
{
    srch_run_opts_t o = *base;
    const char *q = line;
    char *why = NULL;
    size_t qlen = n;
    json_t *root = NULL;
    if (line[0] == '{') {
        json_error_t je;
        root = json_loadb(line, n, 0, &je);
        if (!root)
            why = cn_strdupf("not a JSON object: %s (column %d)", je.text, je.column);
        else if (read_json_line(root, &q, &o, &why) == 0)
            qlen = strlen(q);
        if (why || (!root || q == line)) {
            srch_print_query_result(p, root && q != line ? q : line, NULL,
                                    why ? why : "out of memory", 0);
            free(why);
            json_decref(root);
            return CN_OK;
        }
    }
    char *qs = strndup(q, qlen), *err = NULL;
    srch_results_t res;
    double t0 = now_ms();
    cn_status_t st = srch_session_run(s, q, qlen, &o, &res, &err);
    if (latency && st != CN_E_CANCELLED)
        fprintf(latency, "%.4f\n", now_ms() - t0);
    if (st == CN_OK || st == CN_E_QUERY_SYNTAX) {
        srch_print_query_result(p, qs ? qs : "", &res, st == CN_OK ? NULL : err,
                                res.error_column);
        st = CN_OK;
        free(err);
    } else {
        if (st != CN_E_CANCELLED)
            srch_print_query_result(p, qs ? qs : "", &res, err, 0);
        *dberr = err;
    }
    srch_results_release(&res);
    free(qs);
    json_decref(root);
    return st;
}

/* The loop; Ctrl-C (the flag) ends it between or inside queries. */
static cn_status_t
run_lines(srch_session_t *s, srch_printer_t *lp, FILE *in, const srch_run_opts_t *base,
          FILE *latency, volatile sig_atomic_t *interrupted, char **errmsg)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0, answered = 0;
    ssize_t n;
    cn_status_t st = CN_OK;
    while (st == CN_OK && !*interrupted && (n = getline(&line, &cap, in)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        lp->line = lineno;
        /* A database failure will fail every later query too: stop. */
        st = run_line(s, lp, line, (size_t)n, base, latency, errmsg);
        if (st == CN_OK)
            answered++;
        /* Each answer is whole on the output before the next query runs,
         * so that a Ctrl-C or a kill never leaves half an answer. */
        fflush(lp->fp);
    }
    free(line);
    if (*interrupted && (st == CN_OK || st == CN_E_CANCELLED)) {
        free(*errmsg);
        *errmsg = cn_strdupf("interrupted: %zu queries answered, stopped at line %zu",
                             answered, lineno);
        st = CN_E_CANCELLED;
    }
    return st;
}

cn_status_t
srch_script_run(srch_session_t *s, const srch_printer_t *p, FILE *in,
                const srch_run_opts_t *base, FILE *latency, char **errmsg)
{
    *errmsg = NULL;
    srch_printer_t lp = *p;
    /* SIGINT stops the batch cleanly: the running query is cancelled in
     * the match, the answers already printed stay whole and flushed, and
     * the caller exits 130. */
    volatile sig_atomic_t *interrupted = srch_sigint_flag();
    srch_sigint_catch();
    srch_session_set_cancel(s, interrupted);
    cn_status_t st = run_lines(s, &lp, in, base, latency, interrupted, errmsg);
    srch_session_set_cancel(s, NULL);
    srch_sigint_restore();
    return st;
}
