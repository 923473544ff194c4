/* SPDX-License-Identifier: MIT */
/* search-private.h - what the files around search.c (extras.c) need of a
 * session; not for the programs' main.c, prompt.c or script.c. */
#ifndef SRCH_SEARCH_PRIVATE_H
#define SRCH_SEARCH_PRIVATE_H
#include "search.h"

/* The session's reader, config and dictionary (NULL if none): borrowed,
 * valid while the session lives. */
xapc_reader_t *srch__session_reader(srch_session_t *s);
const cfg_config_t *srch__session_config(const srch_session_t *s);
const ent_dict_t *srch__session_dict(const srch_session_t *s);

/* Runs the extras 'o' asks for (explain, facets, timeline) for the query
 * 'q' built as 'xq', whose hits are in 'res'. Returns CN_OK, CN_E_NOMEM,
 * or CN_E_DB with *errmsg malloc'd. */
cn_status_t srch__extras_run(srch_session_t *s, const srch_query_t *q, const xapc_query_t *xq,
                             const srch_run_opts_t *o, srch_results_t *res,
                             char **errmsg);

#endif
