/* SPDX-License-Identifier: MIT */
/* prompt.h - the interactive prompt (libedit): line editing, history kept
 * between runs, and ':' commands. */
#ifndef SRCH_PROMPT_H
#define SRCH_PROMPT_H
#include "printer.h"
#include "search.h"

/** Reads queries until :quit or end of input, printing results with 'p'.
 * 'o' gives the starting options (borrowed; :limit and :sort change a
 * copy). Ctrl-C cancels the line being typed or the query running.
 * Returns 0, or non-zero after a database error. */
int srch_prompt_run(srch_session_t *s, const srch_printer_t *p,
                    const srch_run_opts_t *o);

/** Path of the history file: $XDG_STATE_HOME/cjknews/history, else
 * ~/.local/state/cjknews/history (malloc'd; NULL if HOME is unset). */
char *srch_history_path(void);

#endif
