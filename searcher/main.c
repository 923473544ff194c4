/* SPDX-License-Identifier: MIT */
/* main.c - cjksearch: one-shot queries, scripted queries and the prompt.
 * The only searcher file that chooses an exit code. */
#include "buf.h"
#include "cli.h"
#include "config.h"
#include "printer.h"
#include "prompt.h"
#include "script.h"
#include "search.h"
#include "xapc.h"

#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CJKNEWS_VERSION "0.1.0"
#define MAX_SHARDS 64
#define MAX_DICTS 16

static void
usage(FILE *fp)
{
    fputs("usage: cjksearch [-d DB]... [OPTIONS] [--] QUERY...\n"
          "       cjksearch [-d DB]... [OPTIONS] --batch FILE|-\n"
          "       cjksearch [-d DB]...            (a terminal: interactive prompt)\n"
          "\n"
          "Ranks passages of a cjknews index. Words are ANDed; a CJK word is\n"
          "matched as a phrase of its bigrams; \"quoted words\" form a phrase,\n"
          "\"a b\"~N finds them within N more positions; OR, NOT and (...)\n"
          "combine; -word excludes; title:, source:, lang:, date: filter\n"
          "(date:2023-11, date:2023年11月19日, date:2023..2024-06), person:\n"
          "and org: (an entity id, or any alias with --dict). Options come\n"
          "before the query, so -word needs no quoting. With no QUERY and\n"
          "standard input not a terminal, each input line is a query, or a\n"
          "JSON object\n"
          "{\"q\":...,\"limit\":N,\"filters\":{...}} (scripted mode).\n"
          "\n"
          "  -d, --database DB     a database directory, or tcp:HOST:PORT for a\n"
          "                        xapian-tcpsrv shard; repeat to search shards together\n"
          "  -c, --config FILE     YAML config (see cjkindex --help)\n"
          "  -n, --limit N         results per query (default: config search.limit)\n"
          "      --dict PATH       entity dictionary (a YAML file or a directory, as given\n"
          "                        to cjkindex --dict; repeatable; default: the config's\n"
          "                        entities.dict): person:/org: take aliases, and a\n"
          "                        word that is an alias finds its entity\n"
          "      --sort ORDER      relevance (default) or date (newest first)\n"
          "      --match MODE      all (default): every word, a CJK word as a phrase;\n"
          "                        any: passages holding some of the words' terms,\n"
          "                        exact phrases first; auto: all, else any\n"
          "      --explain         each result's score split into its components\n"
          "                        (body, title, phrase, alias, entity, date)\n"
          "      --facets          the top people, organisations and mentioned dates\n"
          "                        of all the matching passages, with counts\n"
          "      --timeline [UNIT] matching passages per day, month (default) or year,\n"
          "                        as a bar chart (JSON: data); --timeline=UNIT too\n"
          "      --timeline-date WHICH  article (default) or mentioned: the date the\n"
          "                        timeline counts by\n"
          "      --since DATE      only passages dated DATE or later (YYYY[-MM[-DD]])\n"
          "      --until DATE      only passages dated DATE or earlier\n"
          "      --format FMT      text (default), json (JSON Lines) or tsv\n"
          "      --json            the same as --format json\n"
          "      --batch FILE      read queries from FILE ('-' = stdin)\n"
          "      --latency-log F   scripted mode: write each query's time in ms to F\n"
          "      --no-color        no ANSI colour even on a terminal (also NO_COLOR)\n"
          "      --no-pager        never page text output through less -R\n"
          "  -h, --help            this text\n"
          "      --version         print the version\n"
          "\n"
          "Exit status: 0 results, 1 no result, 2 usage or query error,\n"
          "3 database error, 4 internal error (docs/exit-codes.md).\n",
          fp);
}

/* Reports a failed one-shot query; a syntax error shows the query with a
 * caret under the faulty column. */
static int
report_error(cn_status_t st, const char *err, const char *query, size_t column)
{
    cn_cli_error("%s", err ? err : cn_status_to_string(st));
    if (st == CN_E_QUERY_SYNTAX && column)
        srch_print_caret(stderr, query, column);
    return cn_cli_exit_code(st);
}

/* Text output on a terminal goes through less -R (-F: output that fits
 * on one screen is just printed; -X: it stays on the screen). Returns the
 * pager's stream or NULL to print directly. */
static FILE *
open_pager(void)
{
    /* popen() succeeds even when the shell cannot find less, and the
     * output would be lost: look for it on PATH first. */
    const char *path = getenv("PATH");
    bool found = false;
    while (path && *path && !found) {
        size_t n = strcspn(path, ":");
        cn_buf_t b = CN_BUF_INIT;
        cn_buf_add(&b, path, n);
        cn_buf_addstr(&b, "/less");
        found = access(b.data, X_OK) == 0;
        cn_buf_release(&b);
        path += n + (path[n] == ':');
    }
    if (!found)
        return NULL;
    signal(SIGPIPE, SIG_IGN); /* quitting less early is not an error */
    return popen("less -R -F -X", "w");
}

static int
run_once(srch_session_t *s, srch_printer_t *p, const char *query,
         const srch_run_opts_t *o, bool page)
{
    srch_results_t res;
    char *err = NULL;
    cn_status_t st = srch_session_run(s, query, strlen(query), o, &res, &err);
    if (st != CN_OK) {
        int rc = report_error(st, err, query, res.error_column);
        free(err);
        return rc;
    }
    FILE *pager = page && res.count ? open_pager() : NULL;
    if (pager)
        p->fp = pager;
    srch_print_hits(p, &res);
    if (pager) {
        pclose(pager);
        p->fp = stdout;
    }
    int rc = res.count ? CN_EXIT_OK : CN_EXIT_NONE;
    /* Never just an empty screen: say what a miss means and what to try. */
    if (!res.count && o->match == SRCH_MATCH_ALL && p->format == SRCH_TEXT)
        cn_cli_error("no passage holds every word as typed (a CJK word must match "
                     "as a phrase); --match any ranks passages holding some of them");
    srch_results_release(&res);
    return rc;
}

/* Scripted mode over 'batch' (NULL or "-": standard input). */
static int
run_script(srch_session_t *s, const srch_printer_t *p, const srch_run_opts_t *o,
           const char *batch, const char *latency_path)
{
    FILE *in = stdin, *lat = NULL;
    char *err = NULL;
    int rc = CN_EXIT_OK;
    if (batch && strcmp(batch, "-") != 0 && !(in = fopen(batch, "r"))) {
        cn_cli_error("cannot open '%s': %m", batch);
        rc = CN_EXIT_USAGE;
    } else if (latency_path && !(lat = fopen(latency_path, "w"))) {
        cn_cli_error("cannot write '%s': %m", latency_path);
        rc = CN_EXIT_USAGE;
    } else {
        cn_status_t st = srch_script_run(s, p, in, o, lat, &err);
        if (st != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            rc = cn_cli_exit_code(st);
        }
        free(err);
    }
    if (in && in != stdin)
        fclose(in);
    if (lat)
        fclose(lat);
    return rc;
}

/* A --since/--until value must be a date the query language accepts. */
static bool
valid_date_option(const char *opt, const char *v)
{
    int is_range;
    char lo[11], hi[11];
    const char *why = NULL;
    if (strstr(v, "..") || srch_date_value(v, strlen(v), &is_range, lo, hi, &why) != CN_OK) {
        cn_cli_error("%s wants YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opt, v);
        return false;
    }
    return true;
}

int
main(int argc, char **argv)
{
    enum {
        OPT_JSON = 256, OPT_BATCH, OPT_LATENCY, OPT_NO_COLOR, OPT_VERSION, OPT_SORT,
        OPT_SINCE, OPT_UNTIL, OPT_FORMAT, OPT_NO_PAGER, OPT_MATCH, OPT_DICT,
        OPT_EXPLAIN, OPT_FACETS, OPT_TIMELINE, OPT_TIMELINE_DATE
    };
    static const struct option opts[] = {
        { "database", required_argument, NULL, 'd' },
        { "config", required_argument, NULL, 'c' },
        { "limit", required_argument, NULL, 'n' },
        { "json", no_argument, NULL, OPT_JSON },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "sort", required_argument, NULL, OPT_SORT },
        { "match", required_argument, NULL, OPT_MATCH },
        { "dict", required_argument, NULL, OPT_DICT },
        { "since", required_argument, NULL, OPT_SINCE },
        { "until", required_argument, NULL, OPT_UNTIL },
        { "no-pager", no_argument, NULL, OPT_NO_PAGER },
        { "explain", no_argument, NULL, OPT_EXPLAIN },
        { "facets", no_argument, NULL, OPT_FACETS },
        { "timeline", optional_argument, NULL, OPT_TIMELINE },
        { "timeline-date", required_argument, NULL, OPT_TIMELINE_DATE },
        { "batch", required_argument, NULL, OPT_BATCH },
        { "latency-log", required_argument, NULL, OPT_LATENCY },
        { "no-color", no_argument, NULL, OPT_NO_COLOR },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    /* Most runs are one query in a fresh process: see cli/heap.c. */
    cn_cli_prefault_heap(256 << 10);
    const char *dbs[MAX_SHARDS];
    size_t ndbs = 0;
    const char *dict_paths[MAX_DICTS];
    size_t ndicts = 0;
    const char *config_path = NULL, *batch = NULL, *latency_path = NULL;
    const char *since = NULL, *until = NULL;
    long limit = -1;
    int no_color = 0, no_pager = 0, c;
    bool explain = false, facets = false, timeline_mentioned = false;
    srch_timeline_unit_t timeline = SRCH_TIMELINE_NONE;
    srch_format_t format = SRCH_TEXT;
    srch_sort_t sort = SRCH_SORT_RELEVANCE;
    srch_match_t match = SRCH_MATCH_ALL;
    cn_cli_set_prog("cjksearch");
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
        case OPT_DICT:
            if (ndicts == MAX_DICTS) {
                cn_cli_error("at most %d --dict options", MAX_DICTS);
                return CN_EXIT_USAGE;
            }
            dict_paths[ndicts++] = optarg;
            break;
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
        case OPT_JSON: format = SRCH_JSON; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0) {
                format = SRCH_TEXT;
            } else if (strcmp(optarg, "json") == 0) {
                format = SRCH_JSON;
            } else if (strcmp(optarg, "tsv") == 0) {
                format = SRCH_TSV;
            } else {
                cn_cli_error("--format wants text, json or tsv, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
        case OPT_MATCH:
            if (strcmp(optarg, "all") == 0) {
                match = SRCH_MATCH_ALL;
            } else if (strcmp(optarg, "any") == 0) {
                match = SRCH_MATCH_ANY;
            } else if (strcmp(optarg, "auto") == 0) {
                match = SRCH_MATCH_AUTO;
            } else {
                cn_cli_error("--match wants all, any or auto, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
        case OPT_SORT:
            if (strcmp(optarg, "date") == 0) {
                sort = SRCH_SORT_DATE;
            } else if (strcmp(optarg, "relevance") == 0) {
                sort = SRCH_SORT_RELEVANCE;
            } else {
                cn_cli_error("--sort wants date or relevance, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
        case OPT_SINCE:
            if (!valid_date_option("--since", optarg))
                return CN_EXIT_USAGE;
            since = optarg;
            break;
        case OPT_UNTIL:
            if (!valid_date_option("--until", optarg))
                return CN_EXIT_USAGE;
            until = optarg;
            break;
        case OPT_NO_PAGER: no_pager = 1; break;
        case OPT_EXPLAIN: explain = true; break;
        case OPT_FACETS: facets = true; break;
        case OPT_TIMELINE: {
            /* "--timeline day" as well as "--timeline=day": a following
             * day, month or year is the unit, not the query. */
            const char *unit = optarg;
            if (!unit && optind < argc && srch_timeline_unit_parse(argv[optind], &timeline))
                unit = argv[optind++];
            if (!unit)
                timeline = SRCH_TIMELINE_MONTH;
            else if (!srch_timeline_unit_parse(unit, &timeline)) {
                cn_cli_error("--timeline wants day, month or year, not '%s'", unit);
                return CN_EXIT_USAGE;
            }
            break;
        }
        case OPT_TIMELINE_DATE:
            if (strcmp(optarg, "article") == 0) {
                timeline_mentioned = false;
            } else if (strcmp(optarg, "mentioned") == 0) {
                timeline_mentioned = true;
            } else {
                cn_cli_error("--timeline-date wants article or mentioned, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
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
    cfg_strings_t dicts = { NULL, 0 };
    if (st == CN_OK && cn_cli_dict_paths(&cfg, dict_paths, ndicts, &dicts))
        st = CN_E_NOMEM;
    for (size_t i = 0; st == CN_OK && i < dicts.n; i++)
        if ((st = srch_session_load_dict(s, dicts.v[i], &err)) == CN_E_IO)
            st = CN_E_BAD_CONFIG; /* a dictionary that cannot be read: a usage error */
    cfg_strings_release(&dicts);
    if (st != CN_OK) {
        srch_session_destroy(s);
        cn_cli_error("%s", err ? err : cn_status_to_string(st));
        free(err);
        cfg_config_release(&cfg);
        return cn_cli_exit_code(st);
    }
    srch_run_opts_t o;
    srch_run_opts_init(&o, n);
    o.sort = sort;
    o.match = match;
    o.since = since;
    o.until = until;
    o.explain = explain;
    o.facets = facets;
    o.timeline = timeline;
    o.timeline_mentioned = timeline_mentioned;
    bool tty_out = isatty(STDOUT_FILENO);
    srch_printer_t p = { stdout, format, false, 0 };
    const char *nc = getenv("NO_COLOR");
    p.color = format == SRCH_TEXT && !no_color && !(nc && *nc) && tty_out;

    int rc;
    if (optind < argc) {
        cn_buf_t q = CN_BUF_INIT;
        for (int i = optind; i < argc; i++) {
            if (i > optind)
                cn_buf_addch(&q, ' ');
            cn_buf_addstr(&q, argv[i]);
        }
        rc = run_once(s, &p, q.data, &o, format == SRCH_TEXT && tty_out && !no_pager);
        cn_buf_release(&q);
    } else if (!batch && isatty(STDIN_FILENO)) {
        /* libedit edits multibyte (CJK) input only in a UTF-8 LC_CTYPE; a
         * plain C locale falls back to C.UTF-8. Only LC_CTYPE changes: JSON
         * numbers must keep their '.' whatever LC_NUMERIC says. Nothing
         * else depends on the locale, so one-shot and scripted queries
         * skip loading it (docs/performance.md, "One-shot cjksearch"). */
        if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
            setlocale(LC_CTYPE, "C.UTF-8");
        rc = srch_prompt_run(s, &p, &o) ? CN_EXIT_DB : CN_EXIT_OK;
    } else {
        rc = run_script(s, &p, &o, batch, latency_path);
    }
    srch_session_destroy(s);
    cfg_config_release(&cfg);
    return rc;
}
