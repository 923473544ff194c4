/* SPDX-License-Identifier: MIT */
/* yaml-error.c - the loader's messages: "NAME:LINE:COL: reason", with
 * 1-based positions from libyaml's 0-based marks and quoted names. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* locale_t in config-private.h */
#endif
#include "config-private.h"
#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

/* Longest part of a key or value quoted in a message, in bytes. */
#define QUOTE_MAX_BYTES 40

/*
 * Appends 's' in single quotes, with control bytes as \xNN so a message
 * stays on one line, cut (at a UTF-8 boundary) after QUOTE_MAX_BYTES.
 */
static void
add_quoted(cn_buf_t *b, const char *s, size_t len)
{
    bool cut = false;
    if (len > QUOTE_MAX_BYTES) {
        len = QUOTE_MAX_BYTES;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
        cut = true;
    }
    cn_buf_addch(b, '\'');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch < 0x20 || ch == 0x7F)
            cn_buf_addf(b, "\\x%02X", ch);
        else
            cn_buf_addch(b, ch);
    }
    cn_buf_addstr(b, cut ? "...'" : "'");
}

/* Appends the dotted name of key 'name' inside 'prefix' (NULL at top). */
void
cfg__add_key_path(cn_buf_t *b, const char *prefix, const char *name)
{
    if (prefix)
        cn_buf_addf(b, "%s.", prefix);
    cn_buf_addstr(b, name);
}

/*
 * Turns 'reason' into *errmsg as "NAME:LINE:COL: reason" (libyaml marks are
 * 0-based, messages 1-based) and releases it. Returns CN_E_BAD_CONFIG.
 */
cn_status_t
cfg__fail_at(cfg__loader_t *ld, size_t line0, size_t col0, cn_buf_t *reason)
{
    if (ld->errmsg) {
        cn_buf_t msg = CN_BUF_INIT;
        cn_buf_addf(&msg, "%s:%zu:%zu: %s", ld->name, line0 + 1, col0 + 1,
                    reason->data);
        *ld->errmsg = cn_buf_detach(&msg, NULL);
    }
    cn_buf_release(reason);
    return CN_E_BAD_CONFIG;
}

cn_status_t
cfg__fail_node(cfg__loader_t *ld, const yaml_node_t *node, cn_buf_t *reason)
{
    return cfg__fail_at(ld, node->start_mark.line, node->start_mark.column,
                        reason);
}

bool
cfg__yaml_is_null(const yaml_node_t *node)
{
    static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
    if (node->type != YAML_SCALAR_NODE
        || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (node->data.scalar.length == strlen(nulls[i])
            && memcmp(node->data.scalar.value, nulls[i],
                      node->data.scalar.length)
                   == 0)
            return true;
    return false;
}

/* Appends what 'node' is, for "must be X, not <this>". */
static void
add_node_description(cn_buf_t *b, const yaml_node_t *node)
{
    if (node->type == YAML_MAPPING_NODE)
        cn_buf_addstr(b, "a mapping");
    else if (node->type == YAML_SEQUENCE_NODE)
        cn_buf_addstr(b, "a sequence");
    else if (cfg__yaml_is_null(node))
        cn_buf_addstr(b, "empty");
    else {
        if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
            cn_buf_addstr(b, "the quoted string ");
        add_quoted(b, (const char *)node->data.scalar.value,
                   node->data.scalar.length);
    }
}

cn_status_t
cfg__fail_type(cfg__loader_t *ld, const yaml_node_t *node, const char *prefix,
               const char *name, const char *wanted)
{
    cn_buf_t reason = CN_BUF_INIT;
    cn_buf_addch(&reason, '\'');
    cfg__add_key_path(&reason, prefix, name);
    cn_buf_addf(&reason, "' must be %s, not ", wanted);
    add_node_description(&reason, node);
    return cfg__fail_node(ld, node, &reason);
}

/* "WHAT 'key' in 'prefix'", then 'note' if not NULL, at the key. */
cn_status_t
cfg__fail_key(cfg__loader_t *ld, const yaml_node_t *key, const char *prefix,
              const char *what, const char *note)
{
    cn_buf_t reason = CN_BUF_INIT;
    if (key->type != YAML_SCALAR_NODE) {
        cn_buf_addstr(&reason, "a key must be a string, not ");
        add_node_description(&reason, key);
    } else {
        cn_buf_addf(&reason, "%s ", what);
        add_quoted(&reason, (const char *)key->data.scalar.value,
                   key->data.scalar.length);
    }
    if (prefix)
        cn_buf_addf(&reason, " in '%s'", prefix);
    if (note)
        cn_buf_addf(&reason, " %s", note);
    return cfg__fail_node(ld, key, &reason);
}

/*
 * Reader errors (bad UTF-8, control characters) carry a byte offset and
 * no mark: count lines and characters up to it, as libyaml would have.
 */
static void
offset_to_mark(const char *yaml, size_t len, size_t off, size_t *line0,
               size_t *col0)
{
    *line0 = 0;
    *col0 = 0;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)yaml[i];
        if (ch == '\n'
            || (ch == '\r' && (i + 1 >= len || yaml[i + 1] != '\n'))) {
            (*line0)++;
            *col0 = 0;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            (*col0)++;
        }
    }
}

cn_status_t
cfg__fail_parser(cfg__loader_t *ld, const yaml_parser_t *parser,
                 const char *yaml, size_t len)
{
    if (parser->error == YAML_MEMORY_ERROR)
        return CN_E_NOMEM;
    cn_buf_t reason = CN_BUF_INIT;
    cn_buf_addf(&reason, "invalid yaml: %s",
                parser->problem ? parser->problem : "unknown error");
    if (parser->error == YAML_READER_ERROR) {
        size_t line0, col0;
        offset_to_mark(yaml, len, parser->problem_offset, &line0, &col0);
        return cfg__fail_at(ld, line0, col0, &reason);
    }
    if (parser->context)
        cn_buf_addf(&reason, " (%s at line %zu)", parser->context,
                    parser->context_mark.line + 1);
    return cfg__fail_at(ld, parser->problem_mark.line,
                        parser->problem_mark.column, &reason);
}

cn_status_t
cfg__fail_top_level(cfg__loader_t *ld, const yaml_node_t *node)
{
    cn_buf_t reason = CN_BUF_INIT;
    cn_buf_addstr(&reason, "the top level must be a mapping, not ");
    add_node_description(&reason, node);
    return cfg__fail_node(ld, node, &reason);
}
