/* SPDX-License-Identifier: MIT */
/* buf.h - growable byte buffer (git strbuf model).
 *
 * Invariants: after cn_buf_init() or CN_BUF_INIT, 'data' is never NULL and
 * data[len] == '\0'; alloc is 0 while data points at a shared empty string.
 * Allocation failure aborts through CN_BUG-style reporting: buffers hold
 * small per-document data, and a failed malloc there leaves nothing sane
 * to do.
 */
#ifndef CN_BUF_H
#define CN_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct cn_buf {
    size_t len;
    size_t alloc;
    char *data;
} cn_buf_t;

extern char cn_buf_empty[];
#define CN_BUF_INIT { 0, 0, cn_buf_empty }

void cn_buf_init(cn_buf_t *b);
/* Frees the storage; the buffer is left empty and reusable. */
void cn_buf_release(cn_buf_t *b);
/* Empties the buffer, keeping its storage. */
void cn_buf_clear(cn_buf_t *b);
/* Ensures room for 'extra' more bytes plus the terminating NUL. */
void cn_buf_grow(cn_buf_t *b, size_t extra);
void cn_buf_add(cn_buf_t *b, const void *data, size_t len);
void cn_buf_addstr(cn_buf_t *b, const char *s);
void cn_buf_addch(cn_buf_t *b, int c);
void cn_buf_addf(cn_buf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cn_buf_vaddf(cn_buf_t *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Appends 'len' bytes as the inside of a JSON string (no quotes): escapes
 * quote, backslash and control characters; bytes are copied as they are,
 * so the input must already be valid UTF-8. */
void cn_buf_add_json_str(cn_buf_t *b, const char *s, size_t len);
/* Detaches the data: the caller frees it with free(). The buffer is reset. */
char *cn_buf_detach(cn_buf_t *b, size_t *len_out);
void cn_buf_setlen(cn_buf_t *b, size_t len);

/* A formatted string in new storage (malloc'd, caller frees): the one
 * helper for building error messages handed out through char **errmsg. */
char *cn_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
