/* SPDX-License-Identifier: MIT */
/* sigint.c - the SIGINT flag shared by the prompt and scripted mode. */
#include "sigint.h"

#include <string.h>

/* Set by the handler (async-signal-safe), read by the matcher's poll. */
static volatile sig_atomic_t interrupted;
static struct sigaction saved;

static void
on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

void
srch_sigint_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &saved);
}

void
srch_sigint_restore(void)
{
    sigaction(SIGINT, &saved, NULL);
}

volatile sig_atomic_t *
srch_sigint_flag(void)
{
    return &interrupted;
}
