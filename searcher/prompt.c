/* SPDX-License-Identifier: MIT */
/* prompt.c - the interactive loop over libedit's readline interface. */
#include "prompt.h"
#include "buf.h"
#include "sigint.h"

#include <editline/readline.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help_text[] =
    "Type a query and press Enter. Words are ANDed; a CJK word matches as a\n"
    "phrase (微软投资 = those characters in that order); \"quoted words\" form\n"
    "a phrase, \"a b\"~N allows N positions between them; OR, NOT and (...)\n"
    "combine; -word excludes; title:, source:, lang:, date: filter\n"
    "(date:2023-11, date:2023..2024-06). Traditional and simplified match\n"
    "each other. Ctrl-C cancels the line or the query; Ctrl-D quits.\n"
    "Commands:\n"
    "  :help              this text\n"
    "  :limit N           show N results per query\n"
    "  :sort date|relevance  order of the results\n"
    "  :more              the next page of the last query\n"
    "  :explain           score components under each result: on/off (and the\n"
    "                     Xapian query of the last query)\n"
    "  :explain QUERY     the Xapian query built for QUERY\n"
    "  :facets            people, organisations and dates of all matches: on/off\n"
    "  :timeline [UNIT]   matches per day, month or year as a chart; :timeline off\n"
    "  :db                the databases searched\n"
    "  :quit              leave (Ctrl-D too)\n";

/* The prompt's state between lines. */
struct prompt {
    srch_session_t *s;
    const srch_printer_t *p;
    srch_run_opts_t o;
    char *last;          /* the last query run (for :more, :explain) */
    int rc;
};

/* Creates the parent directories of 'path' (mkdir -p of its dirname). */
static void
make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return;
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST)
                break;
            *s = '/';
        }
    }
    free(p);
}

char *
srch_history_path(void)
{
    cn_buf_t b = CN_BUF_INIT;
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (state && *state)
        cn_buf_addf(&b, "%s/cjknews/history", state);
    else if (home && *home)
        cn_buf_addf(&b, "%s/.local/state/cjknews/history", home);
    else
        return NULL;
    return cn_buf_detach(&b, NULL);
}

/* Runs the last query from result o.first on; prints a page. */
static void
run_query(struct prompt *pr)
{
    srch_results_t res;
    char *err = NULL;
    FILE *out = pr->p->fp;
    volatile sig_atomic_t *interrupted = srch_sigint_flag();
    *interrupted = 0;
    cn_status_t st = srch_session_run(pr->s, pr->last, strlen(pr->last), &pr->o, &res, &err);
    if (st == CN_E_CANCELLED || *interrupted) {
        /* Stopped in the match (the session polls the flag), or after it
         * (a tcp: shard, or Ctrl-C while the hits were read): either way
         * the answer is dropped. */
        *interrupted = 0;
        /* The terminal has echoed ^C on the query's line. */
        fputs("\ncancelled\n", out);
    } else if (st == CN_E_QUERY_SYNTAX) {
        fprintf(out, "query error: %s\n", err);
        if (res.error_column)
            srch_print_caret(out, pr->last, res.error_column);
    } else if (st != CN_OK) {
        fprintf(stderr, "cjksearch: %s\n", err ? err : cn_status_to_string(st));
        pr->rc = 1;
    } else if (!res.count) {
        fputs(pr->o.first ? "no more results\n" : "no match\n", out);
    } else {
        srch_print_hits(pr->p, &res);
        /* The count of a checked phrase is Xapian's estimate and can be
         * low (docs/searching.md): a full page may have more after it. */
        size_t shown = pr->o.first + res.count;
        bool more = shown < res.estimated || res.count >= pr->o.limit;
        fprintf(out, "(%u-%zu of about %zu passages%s)\n", pr->o.first + 1, shown,
                res.estimated > shown ? res.estimated : shown,
                more ? "; :more for the next" : "");
    }
    srch_results_release(&res);
    free(err);
}

/* Reads an on/off argument: "" toggles *flag. Returns false (after a
 * usage line) for anything else. */
static bool
switch_flag(FILE *out, const char *cmd, const char *arg, bool *flag)
{
    if (!*arg)
        *flag = !*flag;
    else if (strcmp(arg, "on") == 0 || strcmp(arg, "off") == 0)
        *flag = strcmp(arg, "on") == 0;
    else {
        fprintf(out, "usage: %s [on|off]\n", cmd);
        return false;
    }
    return true;
}

static void
explain(struct prompt *pr, const char *arg)
{
    FILE *out = pr->p->fp;
    bool toggle = !*arg || strcmp(arg, "on") == 0 || strcmp(arg, "off") == 0;
    if (toggle) {
        switch_flag(out, ":explain", arg, &pr->o.explain);
        fprintf(out, "explain: %s\n",
                pr->o.explain ? "on (each result's score components)" : "off");
    }
    const char *q = toggle ? pr->last : arg;
    if (!q)
        return;
    char *desc = NULL, *err = NULL;
    cn_status_t st = srch_session_explain(pr->s, q, strlen(q), &pr->o, &desc, &err);
    if (st == CN_OK)
        fprintf(out, "%s\n", *desc ? desc : "(nothing to search: no searchable term)");
    else
        fprintf(out, "query error: %s\n", err ? err : cn_status_to_string(st));
    free(desc);
    free(err);
}

/* True if the command word line[0..name_len) is 'name'. */
static bool
is_cmd(const char *line, size_t name_len, const char *name)
{
    return name_len == strlen(name) && strncmp(line, name, name_len) == 0;
}

static int
run_command(struct prompt *pr, const char *line)
{
    FILE *out = pr->p->fp;
    const char *arg = strchr(line, ' ');
    size_t name_len = arg ? (size_t)(arg - line) : strlen(line);
    arg = arg ? arg + strspn(arg, " \t") : "";
    if (is_cmd(line, name_len, ":quit") || is_cmd(line, name_len, ":q"))
        return 1;
    if (is_cmd(line, name_len, ":help") || is_cmd(line, name_len, ":h")) {
        fputs(help_text, out);
    } else if (is_cmd(line, name_len, ":limit")) {
        char *end;
        unsigned long n = strtoul(arg, &end, 10);
        if (n == 0 || n > 10000 || *end || !*arg)
            fprintf(out, "usage: :limit N (1..10000); now %u\n", pr->o.limit);
        else
            pr->o.limit = (unsigned)n;
    } else if (is_cmd(line, name_len, ":sort")) {
        if (strcmp(arg, "date") == 0)
            pr->o.sort = SRCH_SORT_DATE;
        else if (strcmp(arg, "relevance") == 0)
            pr->o.sort = SRCH_SORT_RELEVANCE;
        else
            fprintf(out, "usage: :sort date|relevance; now %s\n",
                    pr->o.sort == SRCH_SORT_DATE ? "date" : "relevance");
    } else if (is_cmd(line, name_len, ":more")) {
        if (!pr->last) {
            fputs("no query yet\n", out);
        } else {
            pr->o.first += pr->o.limit;
            run_query(pr);
        }
    } else if (is_cmd(line, name_len, ":explain")) {
        explain(pr, arg);
    } else if (is_cmd(line, name_len, ":facets")) {
        if (switch_flag(out, ":facets", arg, &pr->o.facets))
            fprintf(out, "facets: %s\n", pr->o.facets ? "on (after the results)" : "off");
    } else if (is_cmd(line, name_len, ":timeline")) {
        if (strcmp(arg, "off") == 0)
            pr->o.timeline = SRCH_TIMELINE_NONE;
        else if (!*arg)
            pr->o.timeline = SRCH_TIMELINE_MONTH;
        else if (!srch_timeline_unit_parse(arg, &pr->o.timeline))
            fputs("usage: :timeline [day|month|year|off]\n", out);
        if (pr->o.timeline == SRCH_TIMELINE_NONE)
            fputs("timeline: off\n", out);
        else
            fprintf(out, "timeline: per %s\n", srch_timeline_unit_name(pr->o.timeline));
    } else if (is_cmd(line, name_len, ":db")) {
        cn_buf_t b = CN_BUF_INIT;
        srch_session_describe(pr->s, &b);
        fwrite(b.data, 1, b.len, out);
        cn_buf_release(&b);
    } else {
        fprintf(out, "unknown command '%s' (try :help)\n", line);
    }
    return 0;
}

int
srch_prompt_run(srch_session_t *s, const srch_printer_t *p, const srch_run_opts_t *o)
{
    struct prompt pr = { s, p, *o, NULL, 0 };
    char *hist = srch_history_path();
    using_history();
    stifle_history(1000);
    if (hist)
        read_history(hist);
    /* Ctrl-C: libedit must not catch it (rl_catch_signals = 0); our
     * handler only sets a flag. Without SA_RESTART the read() under
     * readline() fails with EINTR, readline() returns NULL, and the loop
     * sees the flag: the line is dropped and a fresh prompt comes. During
     * a search the session polls the same flag and stops the match. */
    rl_catch_signals = 0;
    volatile sig_atomic_t *interrupted = srch_sigint_flag();
    srch_sigint_catch();
    srch_session_set_cancel(s, interrupted);
    fputs("cjksearch: type a query, :help for help, Ctrl-D to quit\n", p->fp);
    for (;;) {
        *interrupted = 0;
        char *line = readline("cjk> ");
        if (!line) {
            if (!*interrupted)
                break;
            fputs("^C\n", p->fp);
            continue;
        }
        char *q = line;
        while (*q == ' ' || *q == '\t')
            q++;
        size_t n = strlen(q);
        while (n && (q[n - 1] == ' ' || q[n - 1] == '\t'))
            q[--n] = '\0';
        if (!*q) {
            free(line);
            continue;
        }
        add_history(q);
        if (*q == ':') {
            int quit = run_command(&pr, q);
            free(line);
            if (quit)
                break;
            fflush(p->fp);
            continue;
        }
        free(pr.last);
        pr.last = strdup(q);
        free(line);
        if (!pr.last)
            break;
        pr.o.first = 0;
        run_query(&pr);
        fflush(p->fp);
    }
    srch_session_set_cancel(s, NULL);
    srch_sigint_restore();
    free(pr.last);
    if (hist) {
        make_parents(hist);
        write_history(hist);
        free(hist);
    }
    return pr.rc;
}
