/* SPDX-License-Identifier: MIT */
/* sigint.h - Ctrl-C as a flag: the prompt and scripted mode catch SIGINT
 * so that it cancels the running query (the session polls the flag while
 * Xapian matches) instead of killing the program. */
#ifndef SRCH_SIGINT_H
#define SRCH_SIGINT_H
#include <signal.h>

/** Installs a SIGINT handler that only sets the flag, without SA_RESTART
 * (a blocking read() returns EINTR, so readline() and getline() come
 * back), and clears the flag. Undo with srch_sigint_restore(). */
void srch_sigint_catch(void);

/** Puts back the SIGINT disposition srch_sigint_catch() replaced. */
void srch_sigint_restore(void);

/** The flag: non-zero once SIGINT came; the caller clears it. */
volatile sig_atomic_t *srch_sigint_flag(void);

#endif
