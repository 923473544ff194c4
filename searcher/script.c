/* SPDX-License-Identifier: MIT */
/* script.c - scripted mode: plain or JSON query lines in, answers out. */
#include "script.h"

#include <jansson.h>
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
read_extras(json_t *root, srch_run_opts_t *o, const char **why)
{
    json_t *je = json_object_get(root, "explain"), *jf = json_object_get(root, "facets");
    json_t *jt = json_object_get(root, "timeline");
    if ((je && !json_is_boolean(je)) || (jf && !json_is_boolean(jf))) {
        *why = "\"explain\" and \"facets\" must be true or false";
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
        *why = "\"timeline\" must be \"day\", \"month\", \"year\" or false";
        return -1;
    }
    return 0;
}

/* A JSON line: {"q": "...", "limit": N, "sort": "date", "filters":
 * {"date": ..., "source": ..., "lang": ...}}. On success *q borrows from
 * 'root' and 'o' holds the line's options (strings borrowed from 'root');
 * otherwise *why is a static message. */
static int
read_json_line(json_t *root, const char **q, srch_run_opts_t *o, const char **why)
{
    if (!json_is_object(root)) {
        *why = "a JSON query line must be an object";
        return -1;
    }
    json_t *jq = json_object_get(root, "q");
    if (!json_is_string(jq)) {
        *why = "\"q\" (a string) is missing";
        return -1;
    }
    *q = json_string_value(jq);
    json_t *jl = json_object_get(root, "limit");
    if (jl) {
        if (!json_is_integer(jl) || json_integer_value(jl) < 1 ||
            json_integer_value(jl) > SCRIPT_LIMIT_MAX) {
            *why = "\"limit\" must be an integer from 1 to 100000";
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
            *why = "\"sort\" must be \"date\" or \"relevance\"";
            return -1;
        }
    }
    if (read_extras(root, o, why) != 0)
        return -1;
    json_t *jf = json_object_get(root, "filters");
    if (jf && !json_is_object(jf)) {
        *why = "\"filters\" must be an object";
        return -1;
    }
    const char *key;
    json_t *val;
    json_object_foreach(jf, key, val) {
        const char **slot = strcmp(key, "date") == 0     ? &o->date
                            : strcmp(key, "source") == 0 ? &o->source
                            : strcmp(key, "lang") == 0   ? &o->lang
                                                         : NULL;
        if (!slot) {
            *why = "unknown filter (known: date, source, lang)";
            return -1;
        }
        if (!json_is_string(val)) {
            *why = "filter values must be strings";
            return -1;
        }
        *slot = json_string_value(val);
    }
    return 0;
}

/* Runs one line; returns CN_OK unless the database failed. */
static cn_status_t
run_line(srch_session_t *s, const srch_printer_t *p, const char *line, size_t n,
         const srch_run_opts_t *base, FILE *latency, char **dberr)
{
    srch_run_opts_t o = *base;
    const char *q = line, *why = NULL;
    size_t qlen = n;
    json_t *root = NULL;
    if (line[0] == '{') {
        json_error_t je;
        root = json_loadb(line, n, 0, &je);
        if (!root)
            why = "not a JSON object";
        else if (read_json_line(root, &q, &o, &why) == 0)
            qlen = strlen(q);
        if (why) {
            srch_print_query_result(p, root && q != line ? q : line, NULL, why, 0);
            json_decref(root);
            return CN_OK;
        }
    }
    char *qs = strndup(q, qlen), *err = NULL;
    srch_results_t res;
    double t0 = now_ms();
    cn_status_t st = srch_session_run(s, q, qlen, &o, &res, &err);
    if (latency)
        fprintf(latency, "%.4f\n", now_ms() - t0);
    if (st == CN_OK || st == CN_E_QUERY_SYNTAX) {
        srch_print_query_result(p, qs ? qs : "", &res, st == CN_OK ? NULL : err,
                                res.error_column);
        st = CN_OK;
        free(err);
    } else {
        srch_print_query_result(p, qs ? qs : "", &res, err, 0);
        *dberr = err;
    }
    srch_results_release(&res);
    free(qs);
    json_decref(root);
    return st;
}

cn_status_t
srch_script_run(srch_session_t *s, const srch_printer_t *p, FILE *in,
                const srch_run_opts_t *base, FILE *latency, char **errmsg)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    cn_status_t st = CN_OK;
    *errmsg = NULL;
    while (st == CN_OK && (n = getline(&line, &cap, in)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        /* A database failure will fail every later query too: stop. */
        st = run_line(s, p, line, (size_t)n, base, latency, errmsg);
    }
    free(line);
    return st;
}
