/* SPDX-License-Identifier: MIT */
/* archive.c - archives and compressed files through libarchive. */
#include "idx-archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A member larger than this is rejected rather than held in memory
 * (JSON Lines members are streamed and have no limit). */
#define MAX_MEMBER ((int64_t)512 << 20)

static const char *const compress_suffixes[] = {
    ".gz", ".zst", ".zstd", ".xz", ".bz2", ".lz4", ".lzma", ".Z", NULL,
};
static const char *const archive_suffixes[] = {
    ".tar", ".tgz", ".tbz2", ".txz", ".tzst", ".zip", ".cpio", ".7z", NULL,
};

static size_t
suffix_len(const char *s, const char *const *list)
{
    size_t n = strlen(s);
    for (; *list; list++) {
        size_t m = strlen(*list);
        if (n > m && strcasecmp(s + n - m, *list) == 0)
            return m;
    }
    return 0;
}

int
idx_archive_detect(const char *path, const unsigned char *h, size_t n)
{
    if (suffix_len(path, compress_suffixes) || suffix_len(path, archive_suffixes))
        return 1;
    if (n >= 2 && h[0] == 0x1f && h[1] == 0x8b)
        return 1; /* gzip */
    if (n >= 4 && memcmp(h, "\x28\xb5\x2f\xfd", 4) == 0)
        return 1; /* zstd */
    if (n >= 6 && memcmp(h, "\xfd" "7zXZ\0", 6) == 0)
        return 1; /* xz */
    if (n >= 4 && memcmp(h, "PK\3\4", 4) == 0)
        return 1; /* zip */
    if (n >= 3 && memcmp(h, "BZh", 3) == 0)
        return 1; /* bzip2 */
    if (n >= 262 && memcmp(h + 257, "ustar", 5) == 0)
        return 1; /* tar */
    return 0;
}

static ssize_t
cookie_read(void *c, char *buf, size_t size)
{
    la_ssize_t n = archive_read_data(c, buf, size);
    return n < 0 ? -1 : (ssize_t)n;
}

/* The member's data as a stdio stream (for streamed JSON Lines). */
static FILE *
member_stream(struct archive *a)
{
    cookie_io_functions_t io = { cookie_read, NULL, NULL, NULL };
    return fopencookie(a, "rb", io);
}

static int
hidden(const char *member)
{
    const char *base = strrchr(member, '/');
    base = base ? base + 1 : member;
    return base[0] == '.' || strstr(member, "/.") != NULL || member[0] == '.';
}

static cn_status_t
read_member(idx_reader_t *rd, struct archive *a, const char *name,
            const char *member, int64_t size)
{
    if (idx__is_jsonl_name(member)) {
        FILE *fp = member_stream(a);
        if (!fp)
            return CN_E_NOMEM;
        rd->files_read++;
        cn_status_t st = idx__read_jsonl_stream(rd, name, fp);
        fclose(fp);
        return st;
    }
    if (size > MAX_MEMBER) {
        idx__reader_reject(rd, name, 0, 0, "archive member larger than %lld bytes",
                           (long long)MAX_MEMBER);
        return CN_OK;
    }
    cn_buf_t data = CN_BUF_INIT;
    char tmp[65536];
    la_ssize_t n;
    while ((n = archive_read_data(a, tmp, sizeof(tmp))) > 0) {
        cn_buf_add(&data, tmp, (size_t)n);
        if ((int64_t)data.len > MAX_MEMBER)
            break;
    }
    cn_status_t st = CN_OK;
    if (n < 0) {
        idx__reader_reject(rd, name, 0, 0, "cannot read archive member: %s",
                           archive_error_string(a));
    } else if ((int64_t)data.len > MAX_MEMBER) {
        idx__reader_reject(rd, name, 0, 0, "archive member larger than %lld bytes",
                           (long long)MAX_MEMBER);
    } else {
        rd->files_read++;
        st = idx__read_buffer(rd, name, member, data.data, data.len);
    }
    cn_buf_release(&data);
    return st;
}

cn_status_t
idx_archive_read(idx_reader_t *rd, const char *path)
{
    struct archive *a = archive_read_new();
    if (!a)
        return CN_E_NOMEM;
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    archive_read_support_format_raw(a); /* a single compressed file */
    if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
        idx__reader_reject(rd, path, 0, 0, "cannot open archive: %s",
                           archive_error_string(a));
        archive_read_free(a);
        return CN_OK;
    }
    /* The raw format names its one entry "data": use the file's own name
     * without the compression suffix, so "x.jsonl.zst" reads as JSON Lines. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    cn_buf_t raw_name = CN_BUF_INIT;
    cn_buf_add(&raw_name, base, strlen(base) - suffix_len(base, compress_suffixes));
    cn_buf_t name = CN_BUF_INIT;
    cn_status_t st = CN_OK;
    struct archive_entry *e;
    int r = ARCHIVE_OK;
    while (st == CN_OK && !rd->stopped &&
           (r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
        int raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
        if (!raw && archive_entry_filetype(e) != AE_IFREG)
            continue;
        const char *member = raw ? raw_name.data : archive_entry_pathname(e);
        if (!member || (!raw && hidden(member)))
            continue;
        cn_buf_clear(&name);
        if (raw)
            cn_buf_addstr(&name, path);
        else
            cn_buf_addf(&name, "%s!%s", path, member);
        int64_t size = archive_entry_size_is_set(e) ? archive_entry_size(e) : 0;
        st = read_member(rd, a, name.data, member, size);
    }
    if (st == CN_OK && !rd->stopped && r != ARCHIVE_EOF && r != ARCHIVE_OK)
        idx__reader_reject(rd, path, 0, 0, "broken archive: %s",
                           archive_error_string(a));
    cn_buf_release(&name);
    cn_buf_release(&raw_name);
    archive_read_free(a);
    return st;
}
