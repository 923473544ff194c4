/* SPDX-License-Identifier: MIT */
/* t-plan.c - one writer in place or N writers and a merge (indexer/plan.h). */
#include "plan.h"
#include "tap.h"
#include "xapc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
test_choose(void)
{
    static const struct {
        size_t jobs;
        uint32_t docs;
        uint64_t index, input;
        size_t want;
        const char *what;
    } cases[] = {
        { 4, 0, 0, 10, 4, "a new index: all writers" },
        { 4, 0, 1 << 20, 10, 4, "an empty index: all writers" },
        { 1, 100, 4000, 4000, 1, "-j 1 stays 1" },
        { 0, 0, 0, 0, 1, "0 jobs means 1" },
        { 4, 100, 4000, 99, 1, "input under 1/40 of the index: one writer" },
        { 4, 100, 4000, 100, 4, "input of 1/40 of the index: all writers" },
        { 2, 100, 4000, 5000, 2, "input larger than the index: all writers" },
        { 4, 100, 4000, IDX_PLAN_UNKNOWN, 1, "stdin into a non-empty index: one writer" },
        { 4, 0, 0, IDX_PLAN_UNKNOWN, 4, "stdin into a new index: all writers" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        is_int((long long)idx_plan_choose(cases[i].jobs, cases[i].docs, cases[i].index,
                                          cases[i].input),
               (long long)cases[i].want, "%s", cases[i].what);
}

static void
write_file(const char *path, size_t n)
{
    FILE *f = fopen(path, "w");
    for (size_t i = 0; f && i < n; i++)
        fputc('x', f);
    if (f)
        fclose(f);
}

/* A database of 'ndocs' documents at 'path'. */
static int
make_db(const char *path, int ndocs)
{
    xapc_writer_t *w = NULL;
    xapc_document_t *d = NULL;
    if (xapc_writer_open(path, XAPC_WRITER_CREATE_OR_OPEN, &w, NULL) ||
        xapc_document_create(&d))
        return -1;
    int rc = 0;
    for (int i = 0; i < ndocs && !rc; i++) {
        char term[32];
        int n = snprintf(term, sizeof(term), "term%d", i);
        xapc_document_clear(d);
        rc = xapc_document_add_posting(d, term, (size_t)n, 1, 1) ||
             xapc_writer_add(w, d, NULL);
    }
    rc |= xapc_writer_close(w) != XAPC_OK;
    xapc_writer_destroy(w);
    xapc_document_destroy(d);
    return rc;
}

static void
test_writers(void)
{
    char dir[] = "/tmp/t-plan.XXXXXX";
    if (!mkdtemp(dir)) {
        ok(0, "mkdtemp");
        return;
    }
    char db[64], in[64], sub[64], subfile[80], big[64], cmd[96];
    snprintf(db, sizeof(db), "%s/db", dir);
    snprintf(in, sizeof(in), "%s/in.jsonl", dir);
    snprintf(big, sizeof(big), "%s/big.jsonl", dir);
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    snprintf(subfile, sizeof(subfile), "%s/sub/a.txt", dir);
    write_file(in, 10);
    mkdir(sub, 0755);
    write_file(subfile, 7);

    idx_plan_t p;
    char *err = NULL;
    const char *one[] = { in };
    is_int(idx_plan_writers(db, one, 1, 3, &p, &err), CN_OK, "missing target: ok");
    is_int((long long)p.writers, 3, "missing target: all writers");

    ok(make_db(db, 50) == 0, "a database of 50 documents");
    is_int(idx_plan_writers(db, one, 1, 3, &p, &err), CN_OK, "small input: ok");
    is_int((long long)p.writers, 1, "small input into it: one writer");
    is_int((long long)p.index_docs, 50, "its document count is read");
    ok(p.index_bytes > 40 * 17, "its size on disk is read (%llu bytes)",
       (unsigned long long)p.index_bytes);

    const char *two[] = { in, sub };
    idx_plan_writers(db, two, 2, 3, &p, &err);
    is_int((long long)p.input_bytes, 17, "a file and a directory: sizes summed");

    const char *with_stdin[] = { in, "-" };
    idx_plan_writers(db, with_stdin, 2, 3, &p, &err);
    ok(p.input_bytes == IDX_PLAN_UNKNOWN && p.writers == 1,
       "standard input: size unknown, one writer");

    write_file(big, (size_t)(p.index_bytes / IDX_PLAN_INDEX_PER_INPUT) + 1);
    const char *large[] = { big };
    idx_plan_writers(db, large, 1, 3, &p, &err);
    is_int((long long)p.writers, 3, "input of 1/%d of the index: all writers",
           IDX_PLAN_INDEX_PER_INPUT);

    idx_plan_writers(db, one, 1, 1, &p, &err);
    is_int((long long)p.writers, 1, "-j 1: one writer, nothing read");

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        tap_diag("cannot remove %s", dir);
}

int
main(void)
{
    test_choose();
    test_writers();
    return tap_done();
}
