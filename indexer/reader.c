/* SPDX-License-Identifier: MIT */
/* reader.c - walking input paths; plain text articles. */
#include "reader.h"
#include "idx-archive.h"
#include "dateline.h"
#include "encoding.h"
#include "html.h"
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

int
idx__is_jsonl_name(const char *name)
{
    return has_suffix(name, ".jsonl") || has_suffix(name, ".ndjson") ||
           has_suffix(name, ".jl");
}

void
idx__reader_offer(idx_reader_t *rd, idx_article_t *a)
{
    /* A record without a usable date may still say it: its URL
     * (/2023/11/20/, story20231120), else a dateline in the first lines. */
    if (!a->date.len && a->url.len)
        idx_date_find(a->url.data, a->url.len, IDX_DATE_COMPACT, &a->date);
    if (!a->date.len) {
        cn_buf_t head = CN_BUF_INIT;
        cn_buf_add(&head, a->title.data, a->title.len);
        cn_buf_addch(&head, '\n');
        cn_buf_add(&head, a->body.data,
                   a->body.len < IDX_DATELINE_SPAN ? a->body.len : IDX_DATELINE_SPAN);
        idx_date_find(head.data, head.len, 0, &a->date);
        cn_buf_release(&head);
    }
    if (!a->title.len && !a->body.len) {
        idx__reader_reject(rd, a->origin_file, a->origin_line, 0, "empty article");
        return;
    }
    rd->records_seen++;
    if (rd->on_article(rd->ctx, a))
        rd->stopped = 1;
}

cn_status_t
idx__body_markup(idx_reader_t *rd, cn_buf_t *body)
{
    const char *m = rd->body_markup;
    if (!m || strcmp(m, "text") == 0 || !body->len)
        return CN_OK;
    int passes = strcmp(m, "escaped-html") == 0 ? 2 : 1;
    for (int i = 0; i < passes; i++) {
        cn_buf_t out = CN_BUF_INIT;
        cn_status_t st = idx_html_to_text(body->data, body->len, 0, &out);
        if (st != CN_OK) {
            cn_buf_release(&out);
            return st;
        }
        cn_buf_clear(body);
        cn_buf_add(body, out.data, out.len);
        cn_buf_release(&out);
    }
    return CN_OK;
}

/* A plain text article: the first non-blank line is the title, the rest
 * the body. The file path is its id, so re-indexing the file replaces it. */
static cn_status_t
read_text(idx_reader_t *rd, const char *name, const char *member, const char *s,
          size_t len, size_t replaced)
{
    const char *end = s + len;
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
    cn_buf_addstr(&a.id, name);
    /* Scrapers often name files 2023-11-19-slug.txt: that date is the
     * file's own claim, not a guess, so it is used when it parses. */
    const char *base = strrchr(member, '/');
    base = base ? base + 1 : member;
    if (strlen(base) >= 10) {
        cn_buf_add(&a.date, base, 10);
        idx_date_normalize(&a.date);
    }
    a.origin_file = name;
    a.replaced_bytes = replaced;
    idx__reader_offer(rd, &a);
    idx_article_release(&a);
    return CN_OK;
}

static int
starts_with_ci(const char *s, size_t len, const char *p)
{
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", s[i]))
        i++;
    if (i + 3 <= len && memcmp(s + i, "\xef\xbb\xbf", 3) == 0)
        i += 3;
    size_t m = strlen(p);
    return len - i >= m && strncasecmp(s + i, p, m) == 0;
}

/* The text format of a decoded file: input.format, else by name, else by
 * its first bytes. */
static const char *
text_format(idx_reader_t *rd, const char *member, const char *s, size_t len)
{
    if (rd->format && strcmp(rd->format, "auto") != 0)
        return rd->format;
    if (has_suffix(member, ".html") || has_suffix(member, ".htm") ||
        has_suffix(member, ".xhtml") || has_suffix(member, ".shtml") ||
        starts_with_ci(s, len, "<!doctype html") || starts_with_ci(s, len, "<html"))
        return "html";
    if (has_suffix(member, ".md") || has_suffix(member, ".markdown") ||
        (len >= 4 && memcmp(s, "---\n", 4) == 0) || (len >= 5 && memcmp(s, "---\r\n", 5) == 0))
        return "markdown";
    if (has_suffix(member, ".csv"))
        return "csv";
    if (starts_with_ci(s, len, "<doc>"))
        return "sogou-xml";
    return "text";
}

static cn_status_t
read_json_buffer(idx_reader_t *rd, const char *name, const char *data, size_t len,
                 int lines)
{
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", data[i]))
        i++;
    if (!lines && i < len && data[i] == '[')
        return idx__read_json_array(rd, name, data, len);
    FILE *fp = fmemopen((void *)data, len ? len : 1, "rb");
    if (!fp)
        return CN_E_NOMEM;
    cn_status_t st = idx__read_jsonl_stream(rd, name, fp);
    fclose(fp);
    return st;
}

cn_status_t
idx__read_buffer(idx_reader_t *rd, const char *name, const char *member,
                 const char *data, size_t len)
{
    const char *f = rd->format && strcmp(rd->format, "auto") != 0 ? rd->format : NULL;
    if (f ? strcmp(f, "jsonl") == 0 : idx__is_jsonl_name(member))
        return read_json_buffer(rd, name, data, len, 1);
    if (f ? strcmp(f, "json") == 0 : has_suffix(member, ".json"))
        return read_json_buffer(rd, name, data, len, 0);
    cn_buf_t text = CN_BUF_INIT;
    idx_decoded_t info;
    char *err = NULL;
    cn_status_t st = idx_decode_to_utf8(data, len, rd->encoding, &text, &info, &err);
    if (st != CN_OK) {
        idx__reader_reject(rd, name, 0, 0, "%s", err ? err : cn_status_to_string(st));
        free(err);
        cn_buf_release(&text);
        return st == CN_E_NOMEM ? st : CN_OK;
    }
    /* NUL bytes would break stored records: they become spaces. */
    for (size_t i = 0; i < text.len; i++)
        if (text.data[i] == '\0')
            text.data[i] = ' ';
    rd->replaced_bytes += info.replaced;
    const char *tf = text_format(rd, member, text.data, text.len);
    static const struct {
        const char *name;
        cn_status_t (*fn)(idx_reader_t *, const char *, const char *, size_t, size_t);
    } readers[] = {
        { "html", idx__read_html },         { "markdown", idx__read_markdown },
        { "livedoor", idx__read_livedoor }, { "sogou-xml", idx__read_sogou },
        { "csv", idx__read_csv },
    };
    st = CN_OK;
    int done = 0;
    for (size_t i = 0; i < sizeof(readers) / sizeof(readers[0]) && !done; i++)
        if (strcmp(tf, readers[i].name) == 0) {
            st = readers[i].fn(rd, name, text.data, text.len, info.replaced);
            done = 1;
        }
    if (!done)
        st = read_text(rd, name, member, text.data, text.len, info.replaced);
    cn_buf_release(&text);
    return st;
}

static cn_status_t
read_file(idx_reader_t *rd, const char *path)
{
    unsigned char head[512];
    size_t hn = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        idx__reader_reject(rd, path, 0, 0, "cannot open: %s", strerror(errno));
        return CN_OK;
    }
    hn = fread(head, 1, sizeof(head), fp);
    rewind(fp);
    if (idx_archive_detect(path, head, hn)) {
        fclose(fp);
        return idx_archive_read(rd, path);
    }
    const char *f = rd->format && strcmp(rd->format, "auto") != 0 ? rd->format : NULL;
    if (f ? strcmp(f, "jsonl") == 0 : idx__is_jsonl_name(path)) {
        rd->files_read++;
        cn_status_t st = idx__read_jsonl_stream(rd, path, fp);
        fclose(fp);
        return st;
    }
    fclose(fp);
    cn_buf_t data = CN_BUF_INIT;
    int err = 0;
    if (slurp(path, &data, &err) != CN_OK) {
        idx__reader_reject(rd, path, 0, 0, "cannot read: %s", strerror(err));
        cn_buf_release(&data);
        return CN_OK;
    }
    rd->files_read++;
    cn_status_t st = idx__read_buffer(rd, path, path, data.data, data.len);
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
