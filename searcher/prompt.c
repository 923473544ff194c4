/* SPDX-License-Identifier: MIT */
/* prompt.c - the interactive loop over libedit's readline interface. */
#include "prompt.h"
#include "buf.h"

#include <editline/readline.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help_text[] =
    "Type a query and press Enter. Words are ANDed; a CJK word matches as a\n"
    "phrase (微软投资 = those characters in that order); \"quoted words\" form\n"
    "a phrase; -word excludes. Traditional and simplified match each other.\n"
    "Commands:\n"
    "  :help         this text\n"
    "  :limit N      show N results per query\n"
    "  :quit         leave (Ctrl-D too)\n";

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

static int
run_command(const char *line, unsigned *limit, FILE *out)
{
    if (strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0)
        return 1;
    if (strcmp(line, ":help") == 0 || strcmp(line, ":h") == 0) {
        fputs(help_text, out);
    } else if (strncmp(line, ":limit", 6) == 0) {
        char *end;
        unsigned long n = strtoul(line + 6, &end, 10);
        if (n == 0 || n > 10000 || *end)
            fprintf(out, "usage: :limit N (1..10000); now %u\n", *limit);
        else
            *limit = (unsigned)n;
    } else {
        fprintf(out, "unknown command '%s' (try :help)\n", line);
    }
    return 0;
}

int
srch_prompt_run(srch_session_t *s, const srch_printer_t *p, unsigned limit)
{
    char *hist = srch_history_path();
    using_history();
    stifle_history(1000);
    if (hist)
        read_history(hist);
    fputs("cjksearch: type a query, :help for help, Ctrl-D to quit\n", p->fp);
    int rc = 0;
    char *line;
    while ((line = readline("cjk> ")) != NULL) {
        char *q = line;
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q) {
            free(line);
            continue;
        }
        add_history(q);
        if (*q == ':') {
            int quit = run_command(q, &limit, p->fp);
            free(line);
            if (quit)
                break;
            continue;
        }
        srch_results_t res;
        char *err = NULL;
        cn_status_t st = srch_session_run(s, q, strlen(q), limit, &res, &err);
        if (st == CN_E_QUERY_SYNTAX) {
            fprintf(p->fp, "query error: %s\n", err);
        } else if (st != CN_OK) {
            fprintf(stderr, "cjksearch: %s\n", err ? err : cn_status_to_string(st));
            rc = 1;
        } else if (!res.count) {
            fputs("no match\n", p->fp);
        } else {
            srch_print_hits(p, &res);
            fprintf(p->fp, "(%zu of about %zu passages)\n", res.count, res.estimated);
        }
        srch_results_release(&res);
        free(err);
        free(line);
    }
    if (hist) {
        make_parents(hist);
        write_history(hist);
        free(hist);
    }
    return rc;
}
