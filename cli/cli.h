/* SPDX-License-Identifier: MIT */
/* cli.h - what both command-line programs share: loading the config the
 * same way, exit codes, and error printing. Only program code uses it. */
#ifndef CN_CLI_H
#define CN_CLI_H
#include <stddef.h>

#include "config.h"
#include "names.h"
#include "status.h"

/* Exit codes, documented in docs/exit-codes.md. */
enum {
    CN_EXIT_OK = 0,
    CN_EXIT_NONE = 1,      /* search: no result; index: some records rejected */
    CN_EXIT_USAGE = 2,     /* bad option, bad config, query syntax error */
    CN_EXIT_DB = 3,        /* database missing, corrupt or failing */
    CN_EXIT_INTERNAL = 4,  /* out of memory, a bug */
    CN_EXIT_TEMPFAIL = 75, /* database locked by another writer: retry later */
    CN_EXIT_INTERRUPTED = 130 /* stopped by SIGINT (128 + 2, as a shell reports it) */
};

/* Prints "PROG: message" on stderr (git style: lowercase, no full stop). */
void cn_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Sets the program name used in messages. */
void cn_cli_set_prog(const char *name);

/* Loads defaults, then the file named by -c (or found by cfg_config_find).
 * Prints the error and returns non-zero on failure. */
int cn_cli_load_config(cfg_config_t *cfg, const char *path);

/* The entity dictionaries to load (cli/dicts.c): the 'n' paths of
 * --dict when n > 0, else those the config names (entities.dict, or its
 * default: cfg_config_entity_dicts). 'out' is freed with
 * cfg_strings_release(). Prints the error and returns non-zero when out
 * of memory. */
int cn_cli_dict_paths(const cfg_config_t *cfg, const char *const *given, size_t n,
                      cfg_strings_t *out);

/* Discovery options from the config (entities.titles, builtin_titles);
 * 'o' borrows the config's strings. */
void cn_cli_names_opts(const cfg_config_t *cfg, ent_names_opts_t *o);

/* Faults in 'bytes' of heap, and the pad malloc adds, in one system call
 * (cli/heap.c): for a short-lived program, cheaper than the page faults
 * of touching them one by one. Leaves malloc's mmap threshold at 1 MB and
 * its trim threshold at 8 MB. Does nothing where it cannot help. */
void cn_cli_prefault_heap(size_t bytes);

/* Maps a status to an exit code. */
int cn_cli_exit_code(cn_status_t st);

#endif
