/* SPDX-License-Identifier: MIT */
/* script.h - scripted mode: one query per input line, as plain text or as
 * a JSON object, one answer per query, flushed per query, in input order. */
#ifndef SRCH_SCRIPT_H
#define SRCH_SCRIPT_H
#include <stdio.h>
#include "printer.h"
#include "search.h"

/** Runs every line of 'in' against 's' with the options 'base' (borrowed;
 * a JSON line may override limit, sort and the filters). Blank lines are
 * skipped. A bad line (query syntax, bad JSON) is answered with an error
 * object and the script goes on; a database error stops it. If 'latency'
 * is non-NULL, each query's time in ms goes there, one per line.
 * Returns CN_OK, or the status of the database error (*errmsg malloc'd). */
cn_status_t srch_script_run(srch_session_t *s, const srch_printer_t *p, FILE *in,
                            const srch_run_opts_t *base, FILE *latency,
                            char **errmsg);

#endif
