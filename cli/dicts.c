/* SPDX-License-Identifier: MIT */
/* dicts.c - which entity dictionaries and discovery titles a program
 * uses: --dict on the command line, else the config's entities keys. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void
cn_cli_names_opts(const cfg_config_t *cfg, ent_names_opts_t *o)
{
    ent_names_opts_init(o);
    o->builtin_titles = cfg->entity_builtin_titles;
    o->titles = (const char *const *)cfg->entity_titles.v;
    o->title_count = cfg->entity_titles.n;
}

int
cn_cli_dict_paths(const cfg_config_t *cfg, const char *const *given, size_t n,
                  cfg_strings_t *out)
{
    out->v = NULL;
    out->n = 0;
    if (n == 0) {
        if (cfg_config_entity_dicts(cfg, out) == CN_OK)
            return 0;
    } else if ((out->v = calloc(n, sizeof(char *))) != NULL) {
        /* --dict replaces the config's list rather than adding to it, as
         * -d replaces 'database'. */
        for (; out->n < n; out->n++)
            if (!(out->v[out->n] = strdup(given[out->n])))
                break;
        if (out->n == n)
            return 0;
    }
    cfg_strings_release(out);
    cn_cli_error("out of memory");
    return 1;
}
