/* SPDX-License-Identifier: MIT */
/* main.c - cjksearch: one-shot queries, scripted queries and the prompt.
 * The only searcher file that chooses an exit code. */
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "printer.h"
#include "prompt.h"
#include "search.h"
#include "xapc.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CJKNEWS_VERSION "0.1.0"
#define MAX_SHARDS 64

static void
usage(FILE *fp)
{
    fputs("usage: cjksearch [-d DB]... [-n N] [--json] [--] QUERY...\n"
          "       cjksearch [-d DB]... [--json] --batch FILE|-\n"
          "       cjksearch [-d DB]...            (a terminal: interactive prompt)\n"
          "\n"
          "Ranks passages of a cjknews index. Words are ANDed; a CJK word is\n"
          "matched as a phrase of its bigrams; \"quoted words\" form a phrase;\n"
          "-word excludes. Options come before the query, so -word needs no\n"
          "quoting. With no QUERY and standard input not a terminal,\n"
          "each input line is a query (scripted mode).\n"
          "\n"
          "  -d, --database DB     a database directory, or tcp:HOST:PORT for a\n"
          "                        xapian-tcpsrv shard; repeat to search shards together\n"
          "  -c, --config FILE     YAML config (see cjkindex --help)\n"
          "  -n, --limit N         results per query (default: config search.limit)\n"
          "      --json            JSON Lines (schema: docs/schema-jsonl.md)\n"
          "      --batch FILE      read queries from FILE ('-' = stdin)\n"
          "      --latency-log F   scripted mode: write each query's time in ms to F\n"
          "      --no-color        no ANSI colour even on a terminal (also NO_COLOR)\n"
          "  -h, --help            this text\n"
          "      --version         print the version\n"
          "\n"
          "Exit status: 0 results, 1 no result, 2 usage or query error,\n"
          "3 database error.\n",
          fp);
}

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
run_batch(srch_session_t *s, const srch_printer_t *p, FILE *in, unsigned limit,
          FILE *latency)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = CN_EXIT_OK;
    while ((n = getline(&line, &cap, in)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        srch_results_t res;
        char *err = NULL;
        double t0 = now_ms();
        cn_status_t st = srch_session_run(s, line, (size_t)n, limit, &res, &err);
        double t1 = now_ms();
        if (latency)
            fprintf(latency, "%.4f\n", t1 - t0);
        srch_print_query_result(p, line, &res, st == CN_OK ? NULL : err);
        if (st != CN_OK && st != CN_E_QUERY_SYNTAX) {
            /* A database failure will fail every later query too. */
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            rc = cn_cli_exit_code(st);
            break;
        }
        srch_results_release(&res);
        free(err);
    }
    free(line);
    return rc;
}

static int
run_once(srch_session_t *s, const srch_printer_t *p, const char *query, unsigned limit)
{
    srch_results_t res;
    char *err = NULL;
    cn_status_t st = srch_session_run(s, query, strlen(query), limit, &res, &err);
    if (st != CN_OK) {
        cn_cli_error("%s", err ? err : cn_status_to_string(st));
        free(err);
        return cn_cli_exit_code(st);
    }
    srch_print_hits(p, &res);
    int rc = res.count ? CN_EXIT_OK : CN_EXIT_NONE;
    srch_results_release(&res);
    return rc;
}

int
main(int argc, char **argv)
{
    enum { OPT_JSON = 256, OPT_BATCH, OPT_LATENCY, OPT_NO_COLOR, OPT_VERSION };
    static const struct option opts[] = {
        { "database", required_argument, NULL, 'd' },
        { "config", required_argument, NULL, 'c' },
        { "limit", required_argument, NULL, 'n' },
        { "json", no_argument, NULL, OPT_JSON },
        { "batch", required_argument, NULL, OPT_BATCH },
        { "latency-log", required_argument, NULL, OPT_LATENCY },
        { "no-color", no_argument, NULL, OPT_NO_COLOR },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char *dbs[MAX_SHARDS];
    size_t ndbs = 0;
    const char *config_path = NULL, *batch = NULL, *latency_path = NULL;
    long limit = -1;
    int json = 0, no_color = 0, c;
    cn_cli_set_prog("cjksearch");
    /* libedit edits multibyte (CJK) input only in a UTF-8 LC_CTYPE; a
     * plain C locale falls back to C.UTF-8. Only LC_CTYPE changes: JSON
     * numbers must keep their '.' whatever LC_NUMERIC says. */
    if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    while ((c = getopt_long(argc, argv, "+d:c:n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (ndbs == MAX_SHARDS) {
                cn_cli_error("too many databases (at most %d)", MAX_SHARDS);
                return CN_EXIT_USAGE;
            }
            dbs[ndbs++] = optarg;
            break;
        case 'c': config_path = optarg; break;
        case 'n': {
            char *end;
            limit = strtol(optarg, &end, 10);
            if (*end || limit < 1 || limit > 100000) {
                cn_cli_error("-n wants a number from 1 to 100000, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
        }
        case 'h': usage(stdout); return CN_EXIT_OK;
        case OPT_JSON: json = 1; break;
        case OPT_BATCH: batch = optarg; break;
        case OPT_LATENCY: latency_path = optarg; break;
        case OPT_NO_COLOR: no_color = 1; break;
        case OPT_VERSION:
            printf("cjksearch %s (xapian %s)\n", CJKNEWS_VERSION, xapc_version_string());
            return CN_EXIT_OK;
        default: usage(stderr); return CN_EXIT_USAGE;
        }
    }
    cfg_config_t cfg;
    if (cn_cli_load_config(&cfg, config_path)) {
        cfg_config_release(&cfg);
        return CN_EXIT_USAGE;
    }
    if (ndbs == 0)
        dbs[ndbs++] = cfg.database;
    unsigned n = limit > 0 ? (unsigned)limit : cfg.limit;

    srch_session_t *s = NULL;
    char *err = NULL;
    cn_status_t st = srch_session_open(dbs, ndbs, &cfg, &s, &err);
    if (st != CN_OK) {
        cn_cli_error("%s", err ? err : cn_status_to_string(st));
        free(err);
        cfg_config_release(&cfg);
        return cn_cli_exit_code(st);
    }
    srch_printer_t p = { stdout, json ? SRCH_JSON : SRCH_TEXT, false };
    const char *nc = getenv("NO_COLOR");
    p.color = !json && !no_color && !(nc && *nc) && isatty(STDOUT_FILENO);

    int rc;
    if (optind < argc) {
        cn_buf_t q = CN_BUF_INIT;
        for (int i = optind; i < argc; i++) {
            if (i > optind)
                cn_buf_addch(&q, ' ');
            cn_buf_addstr(&q, argv[i]);
        }
        rc = run_once(s, &p, q.data, n);
        cn_buf_release(&q);
    } else if (!batch && isatty(STDIN_FILENO)) {
        rc = srch_prompt_run(s, &p, n) ? CN_EXIT_DB : CN_EXIT_OK;
    } else {
        FILE *in = stdin, *lat = NULL;
        if (batch && strcmp(batch, "-") != 0 && !(in = fopen(batch, "r"))) {
            cn_cli_error("cannot open '%s': %m", batch);
            rc = CN_EXIT_USAGE;
        } else if (latency_path && !(lat = fopen(latency_path, "w"))) {
            cn_cli_error("cannot write '%s': %m", latency_path);
            rc = CN_EXIT_USAGE;
        } else {
            rc = run_batch(s, &p, in, n, lat);
        }
        if (in && in != stdin)
            fclose(in);
        if (lat)
            fclose(lat);
    }
    srch_session_destroy(s);
    cfg_config_release(&cfg);
    return rc;
}
