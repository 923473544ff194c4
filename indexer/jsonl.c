/* SPDX-License-Identifier: MIT */
/* jsonl.c - JSON Lines dumps and JSON arrays of articles (jansson). */
#include "reader.h"
#include "dateline.h"
#include "utf8.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Follows a dotted field name ("meta.title") through nested objects. */
static json_t *
get_field(json_t *obj, const char *name)
{
    if (!name || !*name)
        return NULL;
    const char *dot;
    while ((dot = strchr(name, '.')) != NULL) {
        char key[256];
        size_t n = (size_t)(dot - name);
        if (n >= sizeof(key))
            return NULL;
        memcpy(key, name, n);
        key[n] = '\0';
        obj = json_object_get(obj, key);
        if (!json_is_object(obj))
            return NULL;
        name = dot + 1;
    }
    return json_object_get(obj, name);
}

/* Appends a string with NUL turned into a space (jansson allows \u0000). */
static void
add_text(cn_buf_t *out, const char *s, size_t len)
{
    size_t start = out->len;
    cn_buf_add(out, s, len);
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '\0')
            out->data[i] = ' ';
}

/* Copies field 'name' into 'out'. Strings are taken as they are, numbers
 * as their text, an array of strings as lines (bodies split in paragraphs
 * by some scrapers). Returns 0 if the field has another type. */
static int
take_field(json_t *obj, const char *name, cn_buf_t *out)
{
    json_t *v = get_field(obj, name);
    if (!v || json_is_null(v))
        return 1;
    if (json_is_string(v)) {
        add_text(out, json_string_value(v), json_string_length(v));
        return 1;
    }
    if (json_is_integer(v)) {
        cn_buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return 1;
    }
    if (json_is_real(v)) {
        cn_buf_addf(out, "%.17g", json_real_value(v));
        return 1;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (!json_is_string(item))
                return 0;
            if (out->len)
                cn_buf_addch(out, '\n');
            add_text(out, json_string_value(item), json_string_length(item));
        }
        return 1;
    }
    return 0;
}

/* Turns one decoded JSON value into an article and hands it on. */
static void
offer_object(idx_reader_t *rd, const char *name, size_t line, json_t *obj,
             size_t replaced)
{
    if (!json_is_object(obj)) {
        idx__reader_reject(rd, name, line, 1, "record is not a JSON object");
        return;
    }
    const cfg_fields_t *f = rd->fields;
    idx_article_t a;
    idx_article_init(&a);
    struct { const char *field; cn_buf_t *dst; } map[] = {
        { f->id, &a.id },         { f->title, &a.title }, { f->body, &a.body },
        { f->date, &a.date },     { f->source, &a.source }, { f->url, &a.url },
        { f->lang, &a.lang },
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (!take_field(obj, map[i].field, map[i].dst)) {
            idx__reader_reject(rd, name, line, 1,
                               "field '%s' is not a string, number or list of strings",
                               map[i].field);
            goto out;
        }
    }
    if (!a.title.len && !a.body.len) {
        idx__reader_reject(rd, name, line, 1, "no text: fields '%s' and '%s' are empty or missing",
                           f->title, f->body);
        goto out;
    }
    /* Record ids can contain anything; newlines would break messages. */
    for (size_t i = 0; i < a.id.len; i++)
        if (a.id.data[i] == '\n' || a.id.data[i] == '\r' || a.id.data[i] == '\t')
            a.id.data[i] = ' ';
    idx_date_from_field(&a.date);
    a.origin_file = name;
    a.origin_line = line;
    a.replaced_bytes = replaced;
    if (idx__body_markup(rd, &a.body) != CN_OK) {
        idx__reader_reject(rd, name, line, 1, "out of memory parsing the body's HTML");
        goto out;
    }
    idx__reader_offer(rd, &a);
out:
    idx_article_release(&a);
}

static int
blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", s[i]))
            return 0;
    return 1;
}

cn_status_t
idx__read_jsonl_stream(idx_reader_t *rd, const char *name, void *stream)
{
    FILE *fp = stream;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    cn_buf_t clean = CN_BUF_INIT;
    while (!rd->stopped && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        if (blank(line, (size_t)n))
            continue;
        /* A bad byte must not cost the record: replace it, count it, and
         * parse the rest (jansson rejects invalid UTF-8 outright). */
        cn_buf_clear(&clean);
        size_t replaced = 0;
        const char *text = line;
        size_t text_len = (size_t)n;
        if (!cn_utf8_valid(line, (size_t)n)) {
            replaced = cn_utf8_sanitize(line, (size_t)n, &clean);
            text = clean.data;
            text_len = clean.len;
            rd->replaced_bytes += replaced;
        }
        json_error_t err;
        json_t *obj = json_loadb(text, text_len, JSON_ALLOW_NUL, &err);
        if (!obj) {
            idx__reader_reject(rd, name, lineno, err.column > 0 ? (size_t)err.column : 0,
                               "malformed JSON: %s", err.text);
            continue;
        }
        offer_object(rd, name, lineno, obj, replaced);
        json_decref(obj);
    }
    free(line);
    cn_buf_release(&clean);
    return CN_OK;
}

cn_status_t
idx__read_json_array(idx_reader_t *rd, const char *name, const char *data,
                     size_t len)
{
    cn_buf_t clean = CN_BUF_INIT;
    if (!cn_utf8_valid(data, len)) {
        rd->replaced_bytes += cn_utf8_sanitize(data, len, &clean);
        data = clean.data;
        len = clean.len;
    }
    json_error_t err;
    json_t *arr = json_loadb(data, len, JSON_ALLOW_NUL, &err);
    if (!arr) {
        idx__reader_reject(rd, name, (size_t)(err.line > 0 ? err.line : 0),
                           (size_t)(err.column > 0 ? err.column : 0),
                           "malformed JSON: %s", err.text);
    } else if (!json_is_array(arr)) {
        idx__reader_reject(rd, name, 1, 1, "not an array of articles");
    } else {
        size_t i;
        json_t *item;
        json_array_foreach(arr, i, item) {
            if (rd->stopped)
                break;
            /* Line numbers are lost inside one document: report the index. */
            offer_object(rd, name, 0, item, 0);
        }
    }
    json_decref(arr);
    cn_buf_release(&clean);
    return CN_OK;
}
