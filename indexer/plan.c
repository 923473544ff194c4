/* SPDX-License-Identifier: MIT */
/* plan.c - one writer in place or N writers and a merge (plan.h). */
#include "plan.h"
#include "buf.h"
#include "xapc.h"

#include <dirent.h>
#include <ftw.h>
#include <string.h>
#include <sys/stat.h>

size_t
idx_plan_choose(size_t jobs, uint32_t index_docs, uint64_t index_bytes, uint64_t input_bytes)
{
    if (jobs <= 1 || index_docs == 0)
        return jobs ? jobs : 1;
    if (input_bytes == IDX_PLAN_UNKNOWN)
        return 1;
    return input_bytes >= index_bytes / IDX_PLAN_INDEX_PER_INPUT ? jobs : 1;
}

/* nftw() takes no context pointer: the walk runs in one thread at a time
 * (the main thread, before any writer starts). */
static uint64_t walk_total;

static int
add_file_size(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F && S_ISREG(sb->st_mode))
        walk_total += (uint64_t)sb->st_size;
    return 0;
}

static uint64_t
input_size(const char *path)
{
    if (strcmp(path, "-") == 0)
        return IDX_PLAN_UNKNOWN;
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISREG(st.st_mode))
        return (uint64_t)st.st_size;
    if (!S_ISDIR(st.st_mode))
        return IDX_PLAN_UNKNOWN; /* a pipe or a device: read until its end */
    walk_total = 0;
    nftw(path, add_file_size, 16, FTW_PHYS);
    return walk_total;
}

/* Bytes of the files directly in 'dir' (a Xapian database is flat). */
static uint64_t
dir_size(const char *dir)
{
    uint64_t total = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    cn_buf_t p = CN_BUF_INIT;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        cn_buf_clear(&p);
        cn_buf_addf(&p, "%s/%s", dir, e->d_name);
        if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode))
            total += (uint64_t)st.st_size;
    }
    closedir(d);
    cn_buf_release(&p);
    return total;
}

cn_status_t
idx_plan_writers(const char *target, const char *const *paths, size_t npaths, size_t jobs,
                 idx_plan_t *plan, char **errmsg)
{
    memset(plan, 0, sizeof(*plan));
    plan->writers = jobs ? jobs : 1;
    if (jobs <= 1)
        return CN_OK;
    xapc_reader_t *r = NULL;
    xapc_status_t xs = xapc_reader_create(&r);
    if (xs == XAPC_E_NOMEM) {
        if (errmsg)
            *errmsg = cn_strdupf("out of memory");
        return CN_E_NOMEM;
    }
    if (!xs)
        xs = xapc_reader_add_path(r, target);
    if (!xs)
        xs = xapc_reader_live_doccount(r, &plan->index_docs);
    xapc_reader_destroy(r);
    if (xs)
        plan->index_docs = 0;
    if (plan->index_docs == 0)
        return CN_OK;
    plan->index_bytes = dir_size(target);
    for (size_t i = 0; i < npaths && plan->input_bytes != IDX_PLAN_UNKNOWN; i++) {
        uint64_t n = input_size(paths[i]);
        plan->input_bytes = n == IDX_PLAN_UNKNOWN ? n : plan->input_bytes + n;
    }
    plan->writers = idx_plan_choose(jobs, plan->index_docs, plan->index_bytes,
                                    plan->input_bytes);
    return CN_OK;
}
