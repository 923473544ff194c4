/* SPDX-License-Identifier: MIT */
/* shards.c - temporary databases of a parallel run, and the final merge. */
#include "shards.h"
#include "indexdb.h"
#include "buf.h"
#include "xapc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static cn_status_t
fail(char **errmsg, cn_status_t st, char *msg)
{
    if (errmsg)
        *errmsg = msg;
    else
        free(msg);
    return st;
}

static int
remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path) != 0 && errno != ENOENT;
    return unlink(path) != 0 && errno != ENOENT;
}

/* rm -r 'path'; a missing path is not an error. */
static int
remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Removes every sibling of 'target' named "<target>.tmp-*". */
static int
remove_stale(const char *target)
{
    const char *slash = strrchr(target, '/');
    cn_buf_t dir = CN_BUF_INIT, prefix = CN_BUF_INIT, path = CN_BUF_INIT;
    if (slash)
        cn_buf_add(&dir, target, (size_t)(slash - target) + 1);
    else
        cn_buf_addstr(&dir, "./");
    cn_buf_addstr(&prefix, slash ? slash + 1 : target);
    cn_buf_addstr(&prefix, ".tmp-");
    int rc = 0;
    DIR *d = opendir(dir.data);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strncmp(e->d_name, prefix.data, prefix.len) != 0)
                continue;
            cn_buf_clear(&path);
            cn_buf_addstr(&path, dir.data);
            cn_buf_addstr(&path, e->d_name);
            rc |= remove_tree(path.data);
        }
        closedir(d);
    }
    cn_buf_release(&dir);
    cn_buf_release(&prefix);
    cn_buf_release(&path);
    return rc;
}

static int
copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        close(in);
        return -1;
    }
    static const size_t bufsize = 1 << 20;
    char *buf = malloc(bufsize);
    int rc = buf ? 0 : -1;
    for (ssize_t n; rc == 0 && (n = read(in, buf, bufsize)) != 0;) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rc = -1;
            break;
        }
        for (ssize_t off = 0; off < n;) {
            ssize_t k = write(out, buf + off, (size_t)(n - off));
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0) {
                rc = -1;
                break;
            }
            off += k;
        }
    }
    free(buf);
    close(in);
    if (close(out) != 0)
        rc = -1;
    return rc;
}

/* Copies the files of the database 'from' (a flat directory) but its
 * lock file into a new directory 'to'. The caller holds the lock, so no
 * commit can happen during the copy. */
static int
copy_db(const char *from, const char *to)
{
    if (mkdir(to, 0755) != 0)
        return -1;
    DIR *d = opendir(from);
    if (!d)
        return -1;
    cn_buf_t src = CN_BUF_INIT, dst = CN_BUF_INIT;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "flintlock") == 0)
            continue;
        cn_buf_clear(&src);
        cn_buf_addf(&src, "%s/%s", from, e->d_name);
        cn_buf_clear(&dst);
        cn_buf_addf(&dst, "%s/%s", to, e->d_name);
        struct stat st;
        if (stat(src.data, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        rc = copy_file(src.data, dst.data);
    }
    closedir(d);
    cn_buf_release(&src);
    cn_buf_release(&dst);
    return rc;
}

/* The names, the lock and the clean-up of idx_shards_prepare(). */
static cn_status_t
lock_target(idx_shards_t *s, const char *target, size_t nshards, char **errmsg)
{
    memset(s, 0, sizeof(*s));
    if (!(s->target = strdup(target)))
        return CN_E_NOMEM;
    for (size_t n = strlen(s->target); n > 1 && s->target[n - 1] == '/'; n--)
        s->target[n - 1] = 0;
    target = s->target;
    if ( !(s->base = cn_strdupf("%s.tmp-base", target)) ||
        !(s->merged = cn_strdupf("%s.tmp-new", target)) ||
        !(s->shards = calloc(nshards, sizeof(*s->shards))))
        return CN_E_NOMEM;
    for (size_t i = 0; i < nshards; i++, s->nshards++)
        if (!(s->shards[i] = cn_strdupf("%s.tmp-w%zu", target, i)))
            return CN_E_NOMEM;
    char *xerr = NULL;
    xapc_status_t xs = xapc_writer_open(target, idx_db_writer_mode(), &s->lock, &xerr);
    if (xs != XAPC_OK) {
        cn_status_t st = idx_db_status(xs);
        char *m = cn_strdupf("cannot open database '%s': %s", target, xerr ? xerr : "");
        free(xerr);
        return fail(errmsg, st, m);
    }
    /* Only now, holding the lock: what a killed run left behind. */
    if (remove_stale(target) != 0)
        return fail(errmsg, CN_E_DB, cn_strdupf("cannot remove '%s.tmp-*': %s", target,
                                          strerror(errno)));
    return CN_OK;
}

cn_status_t
idx_shards_prepare(idx_shards_t *s, const char *target, size_t nshards, char **errmsg)
{
    cn_status_t st = lock_target(s, target, nshards, errmsg);
    if (st == CN_OK && copy_db(s->target, s->base) != 0)
        return fail(errmsg, CN_E_DB, cn_strdupf("cannot copy '%s' to '%s': %s", s->target,
                                          s->base, strerror(errno)));
    return st;
}

cn_status_t
idx_shards_lock(idx_shards_t *s, const char *target, size_t nshards, char **errmsg)
{
    return lock_target(s, target, nshards, errmsg);
}

cn_status_t
idx_shards_swap(idx_shards_t *s, char **errmsg)
{
    /* One atomic step: readers that open DB from now on get the new
     * index; DB.tmp-new holds the old one until it is removed. */
    if (renameat2(AT_FDCWD, s->merged, AT_FDCWD, s->target, RENAME_EXCHANGE) != 0)
        return fail(errmsg, CN_E_DB, cn_strdupf("cannot swap '%s' and '%s': %s", s->merged,
                                          s->target, strerror(errno)));
    return CN_OK;
}

cn_status_t
idx_shards_merge(idx_shards_t *s, char **errmsg)
{
    const char **srcs = calloc(s->nshards + 1, sizeof(*srcs));
    if (!srcs)
        return CN_E_NOMEM;
    srcs[0] = s->base;
    for (size_t i = 0; i < s->nshards; i++)
        srcs[i + 1] = s->shards[i];
    char *xerr = NULL;
    xapc_status_t xs = xapc_compact(srcs, s->nshards + 1, s->merged, &xerr);
    free(srcs);
    if (xs != XAPC_OK) {
        char *m = cn_strdupf("cannot merge into '%s': %s", s->merged, xerr ? xerr : "");
        free(xerr);
        return fail(errmsg, xs == XAPC_E_NOMEM ? CN_E_NOMEM : CN_E_DB, m);
    }
    return idx_shards_swap(s, errmsg);
}

void
idx_shards_release(idx_shards_t *s)
{
    /* Only the holder of the lock may remove DB.tmp-*: they may be
     * another run's. The lock writer changed nothing, so closing it
     * writes nothing. */
    if (s->lock)
        remove_stale(s->target);
    xapc_writer_destroy(s->lock);
    s->lock = NULL;
    for (size_t i = 0; i < s->nshards; i++)
        free(s->shards[i]);
    free(s->shards);
    free(s->target);
    free(s->base);
    free(s->merged);
    memset(s, 0, sizeof(*s));
}
