/* SPDX-License-Identifier: MIT */
/* reader.c - walking input paths; plain text articles. */
#include "reader.h"
#include "encoding.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
idx__reader_reject(idx_reader_t *rd, const char *file, size_t line, size_t col,
                   const char *fmt, ...)
{
    cn_buf_t msg = CN_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    cn_buf_vaddf(&msg, fmt, ap);
    va_end(ap);
    rd->records_rejected++;
    rd->records_seen++;
    if (rd->on_reject)
        rd->on_reject(rd->ctx, file, line, col, msg.data);
    cn_buf_release(&msg);
}

static int
has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static cn_status_t
slurp(const char *path, cn_buf_t *out, int *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        *err = errno;
        return CN_E_IO;
    }
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof(tmp), fp)) > 0)
        cn_buf_add(out, tmp, n);
    int failed = ferror(fp);
    *err = errno;
    fclose(fp);
    return failed ? CN_E_IO : CN_OK;
}

/* A plain text article: the first non-blank line is the title, the rest
 * the body. The file path is its id, so re-indexing the file replaces it. */
static cn_status_t
read_text_file(idx_reader_t *rd, const char *path, const char *data, size_t len)
{
    cn_buf_t text = CN_BUF_INIT;
    idx_decoded_t info;
    char *err = NULL;
    cn_status_t st = idx_decode_to_utf8(data, len, rd->encoding, &text, &info, &err);
    if (st != CN_OK) {
        idx__reader_reject(rd, path, 0, 0, "%s", err ? err : cn_status_to_string(st));
        free(err);
        cn_buf_release(&text);
        return st == CN_E_NOMEM ? st : CN_OK;
    }
    /* NUL bytes would break stored records: they become spaces. */
    for (size_t i = 0; i < text.len; i++)
        if (text.data[i] == '\0')
            text.data[i] = ' ';
    const char *s = text.data, *end = text.data + text.len;
    while (s < end && (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t'))
        s++;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *title_end = nl ? nl : end;
    idx_article_t a;
    idx_article_init(&a);
    cn_buf_add(&a.title, s, (size_t)(title_end - s));
    while (a.title.len && (a.title.data[a.title.len - 1] == '\r' ||
                           a.title.data[a.title.len - 1] == ' '))
        cn_buf_setlen(&a.title, a.title.len - 1);
    if (nl)
        cn_buf_add(&a.body, nl + 1, (size_t)(end - nl - 1));
    cn_buf_addstr(&a.id, path);
    /* Scrapers often name files 2023-11-19-slug.txt: that date is the
     * file's own claim, not a guess, so it is used when it parses. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strlen(base) >= 10) {
        cn_buf_add(&a.date, base, 10);
        idx_date_normalize(&a.date);
    }
    a.origin_file = path;
    a.replaced_bytes = info.replaced;
    rd->replaced_bytes += info.replaced;
    if (!a.title.len && !a.body.len) {
        idx__reader_reject(rd, path, 0, 0, "empty article");
    } else {
        rd->records_seen++;
        if (rd->on_article(rd->ctx, &a))
            rd->stopped = 1;
    }
    idx_article_release(&a);
    cn_buf_release(&text);
    return CN_OK;
}

static cn_status_t
read_file(idx_reader_t *rd, const char *path)
{
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ||
        has_suffix(path, ".jl")) {
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            idx__reader_reject(rd, path, 0, 0, "cannot open: %s", strerror(errno));
            return CN_OK;
        }
        rd->files_read++;
        cn_status_t st = idx__read_jsonl_stream(rd, path, fp);
        fclose(fp);
        return st;
    }
    cn_buf_t data = CN_BUF_INIT;
    int err = 0;
    if (slurp(path, &data, &err) != CN_OK) {
        idx__reader_reject(rd, path, 0, 0, "cannot read: %s", strerror(err));
        cn_buf_release(&data);
        return CN_OK;
    }
    rd->files_read++;
    cn_status_t st;
    if (has_suffix(path, ".json")) {
        size_t i = 0;
        while (i < data.len && strchr(" \t\r\n", data.data[i]))
            i++;
        if (i < data.len && data.data[i] == '[') {
            st = idx__read_json_array(rd, path, data.data, data.len);
        } else {
            FILE *fp = fmemopen(data.data, data.len ? data.len : 1, "rb");
            st = fp ? idx__read_jsonl_stream(rd, path, fp) : CN_E_NOMEM;
            if (fp)
                fclose(fp);
        }
    } else {
        st = read_text_file(rd, path, data.data, data.len);
    }
    cn_buf_release(&data);
    return st;
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static cn_status_t
read_dir(idx_reader_t *rd, const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        idx__reader_reject(rd, path, 0, 0, "cannot open directory: %s", strerror(errno));
        return CN_OK;
    }
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 64;
            char **nn = realloc(names, alloc * sizeof(*nn));
            if (!nn)
                goto nomem;
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name)))
            goto nomem;
        n++;
    }
    closedir(d);
    d = NULL;
    /* Name order makes runs deterministic whatever the file system does. */
    qsort(names, n, sizeof(*names), cmp_names);
    cn_status_t st = CN_OK;
    for (size_t i = 0; i < n && st == CN_OK && !rd->stopped; i++) {
        cn_buf_t sub = CN_BUF_INIT;
        cn_buf_addf(&sub, "%s%s%s", path,
                    path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
        st = idx_reader_read_path(rd, sub.data);
        cn_buf_release(&sub);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
nomem:
    if (d)
        closedir(d);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return CN_E_NOMEM;
}

cn_status_t
idx_reader_read_path(idx_reader_t *rd, const char *path)
{
    if (strcmp(path, "-") == 0) {
        rd->files_read++;
        return idx__read_jsonl_stream(rd, "(stdin)", stdin);
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
        idx__reader_reject(rd, path, 0, 0, "cannot open: %s", strerror(errno));
        return CN_OK;
    }
    if (S_ISDIR(sb.st_mode))
        return read_dir(rd, path);
    return read_file(rd, path);
}
