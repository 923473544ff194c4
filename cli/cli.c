/* SPDX-License-Identifier: MIT */
/* cli.c - shared command-line plumbing. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char *prog = "cjknews";

void
cn_cli_set_prog(const char *name)
{
    prog = name;
}

void
cn_cli_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int
cn_cli_load_config(cfg_config_t *cfg, const char *path)
{
    char *err = NULL, *found = NULL;
    if (cfg_config_init(cfg) != CN_OK) {
        cn_cli_error("out of memory");
        return 1;
    }
    if (!path) {
        if (cfg_config_find(&found, &err) != CN_OK) {
            cn_cli_error("%s", err ? err : "cannot find the config file");
            free(err);
            return 1;
        }
        path = found;
    }
    if (path && cfg_config_load_file(cfg, path, &err) != CN_OK) {
        cn_cli_error("%s", err ? err : "cannot load config");
        free(err);
        free(found);
        return 1;
    }
    free(found);
    return 0;
}

int
cn_cli_exit_code(cn_status_t st)
{
    switch (st) {
    case CN_OK: return CN_EXIT_OK;
    case CN_E_DB_LOCKED: return CN_EXIT_TEMPFAIL;
    case CN_E_CANCELLED: return CN_EXIT_INTERRUPTED;
    case CN_E_DB: case CN_E_DB_CORRUPT: case CN_E_NOT_FOUND: return CN_EXIT_DB;
    case CN_E_BAD_CONFIG: case CN_E_INVALID_ARGUMENT: case CN_E_QUERY_SYNTAX:
        return CN_EXIT_USAGE;
    default: return CN_EXIT_INTERNAL;
    }
}
