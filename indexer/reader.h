/* SPDX-License-Identifier: MIT */
/* reader.h - turning input paths into articles: directory walking, plain
 * text files and JSON Lines dumps. Every record is either handed to the
 * article callback or to the reject callback with a reason; nothing is
 * dropped silently. */
#ifndef IDX_READER_H
#define IDX_READER_H
#include <stddef.h>
#include "article.h"
#include "config.h"
#include "status.h"

/* Returns 0 to go on, non-zero to stop reading (e.g. a database error). */
typedef int (*idx_article_fn)(void *ctx, idx_article_t *a);
/* A record or file that could not be read. 'line' and 'col' are 1-based,
 * 0 when they do not apply. 'reason' is borrowed for the call. */
typedef void (*idx_reject_fn)(void *ctx, const char *file, size_t line,
                              size_t col, const char *reason);

typedef struct idx_reader {
    const cfg_fields_t *fields; /* JSON field names (borrowed) */
    const char *encoding;       /* forced input charset, or NULL to detect */
    const char *format;         /* input.format: NULL or "auto" = by name/content */
    const char *body_markup;    /* input.body_markup: NULL/"text", "html", "escaped-html" */
    idx_article_fn on_article;
    idx_reject_fn on_reject;
    void *ctx;
    /* Counters, updated as reading goes. */
    size_t files_read;
    size_t records_seen;   /* articles offered + records rejected */
    size_t records_rejected;
    size_t replaced_bytes; /* invalid bytes turned into U+FFFD */
    int stopped;           /* on_article asked to stop */
} idx_reader_t;

/* Reads 'path': a directory (recursively, in name order, skipping hidden
 * entries), a file ending in .jsonl/.ndjson/.jl (JSON Lines), .json (JSON
 * Lines, or one array of article objects), any other file (plain text:
 * first non-blank line is the title), or "-" (JSON Lines on stdin).
 * Problems with single records are rejects; an unreadable file is a
 * reject too (reason: the OS error), and reading goes on. Returns CN_OK, or
 * CN_E_NOMEM. */
cn_status_t idx_reader_read_path(idx_reader_t *rd, const char *path);

/* Internal to the reader's files. */
void idx__reader_reject(idx_reader_t *rd, const char *file, size_t line,
                        size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
cn_status_t idx__read_jsonl_stream(idx_reader_t *rd, const char *name, void *fp);
int idx__is_jsonl_name(const char *name);
/* One file's (or archive member's) bytes: 'name' for ids and messages,
 * 'member' (its own path) for the type. Dispatches by input.format. */
cn_status_t idx__read_buffer(idx_reader_t *rd, const char *name, const char *member,
                             const char *data, size_t len);
/* Hands a filled article on: date fallbacks (URL, dateline in the first
 * lines), the "no text" reject, counters. */
void idx__reader_offer(idx_reader_t *rd, idx_article_t *a);
/* Applies input.body_markup to a record's body (JSON, CSV). */
cn_status_t idx__body_markup(idx_reader_t *rd, cn_buf_t *body);
/* Readers of decoded UTF-8 text formats (formats.c). */
cn_status_t idx__read_markdown(idx_reader_t *rd, const char *name, const char *s,
                               size_t len, size_t replaced);
cn_status_t idx__read_livedoor(idx_reader_t *rd, const char *name, const char *s,
                               size_t len, size_t replaced);
cn_status_t idx__read_sogou(idx_reader_t *rd, const char *name, const char *s,
                            size_t len, size_t replaced);
cn_status_t idx__read_csv(idx_reader_t *rd, const char *name, const char *s,
                          size_t len, size_t replaced);
cn_status_t idx__read_html(idx_reader_t *rd, const char *name, const char *s,
                           size_t len, size_t replaced);
cn_status_t idx__read_json_array(idx_reader_t *rd, const char *name,
                                 const char *data, size_t len);

#endif
