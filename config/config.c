/* SPDX-License-Identifier: MIT */
/* config.c - defaults, lifecycle, file reading and lookup of the config;
 * the YAML itself is walked in yaml-load.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* locale_t in config-private.h */
#endif
#include "config.h"
#include "config-private.h"
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Every malloc'd string member, so copy and release cannot miss one. */
static const size_t string_members[] = {
    offsetof(cfg_config_t, path),          offsetof(cfg_config_t, database),
    offsetof(cfg_config_t, fields.id),     offsetof(cfg_config_t, fields.title),
    offsetof(cfg_config_t, fields.body),   offsetof(cfg_config_t, fields.date),
    offsetof(cfg_config_t, fields.source), offsetof(cfg_config_t, fields.url),
    offsetof(cfg_config_t, fields.lang),   offsetof(cfg_config_t, encoding),
    offsetof(cfg_config_t, format),        offsetof(cfg_config_t, body_markup),
};
#define STRING_MEMBER_COUNT (sizeof string_members / sizeof string_members[0])

/* Every list member, for the same reason. */
static const size_t list_members[] = {
    offsetof(cfg_config_t, entity_dicts),
    offsetof(cfg_config_t, entity_titles),
};
#define LIST_MEMBER_COUNT (sizeof list_members / sizeof list_members[0])

static cfg_strings_t *
list_slot(cfg_config_t *c, size_t i)
{
    return (cfg_strings_t *)((char *)c + list_members[i]);
}

void
cfg_strings_release(cfg_strings_t *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* Deep copy of 'src' into the zeroed 'dst'. */
static cn_status_t
strings_copy(cfg_strings_t *dst, const cfg_strings_t *src)
{
    dst->v = NULL;
    dst->n = 0;
    if (src->n == 0)
        return CN_OK;
    if (!(dst->v = calloc(src->n, sizeof(char *))))
        return CN_E_NOMEM;
    for (; dst->n < src->n; dst->n++)
        if (!(dst->v[dst->n] = strdup(src->v[dst->n])))
            return CN_E_NOMEM;
    return CN_OK;
}

static char **
string_slot(cfg_config_t *c, size_t i)
{
    return (char **)((char *)c + string_members[i]);
}

/* Sets *slot to a copy of 's' (NULL stays NULL). */
static cn_status_t
set_string(char **slot, const char *s)
{
    char *copy = NULL;
    if (s && !(copy = strdup(s)))
        return CN_E_NOMEM;
    free(*slot);
    *slot = copy;
    return CN_OK;
}

cn_status_t
cfg_config_init(cfg_config_t *c)
{
    static const struct {
        size_t off;
        const char *value;
    } defaults[] = {
        { offsetof(cfg_config_t, database), "cjknews.db" },
        { offsetof(cfg_config_t, fields.id), "id" },
        { offsetof(cfg_config_t, fields.title), "title" },
        { offsetof(cfg_config_t, fields.body), "body" },
        { offsetof(cfg_config_t, fields.date), "date" },
        { offsetof(cfg_config_t, fields.source), "source" },
        { offsetof(cfg_config_t, fields.url), "url" },
        { offsetof(cfg_config_t, fields.lang), "lang" },
        { offsetof(cfg_config_t, format), "auto" },
        { offsetof(cfg_config_t, body_markup), "text" },
    };
    memset(c, 0, sizeof *c);
    /* see commit_every and commit_bytes in cjknews.yaml */
    c->commit_every = 5000;
    c->commit_bytes = 1000000;
    c->dictionary_sample_bytes = 4000000;
    c->fold_traditional = true;
    c->passage_min_chars = 60;
    c->passage_max_chars = 300;
    c->clean = true;
    c->dedup = true;
    c->simhash_max_distance = 3;
    c->limit = 10;
    c->per_article = 2;
    /* k1 and min_normlen chosen on the evaluation's tuning half and
     * checked on its held-out half (docs/eval.md, "Tuning BM25"). */
    c->bm25_k1 = 0.2;
    c->bm25_b = 0.75;
    c->bm25_k3 = 1.0;
    c->bm25_min_normlen = 0.25;
    c->entity_builtin_titles = true;
    c->weight_entity = 8.0;
    c->weight_date = 6.0;
    c->facet_limit = 10;
    /* Chosen on `make eval` (docs/searching.md, "Ranking"). */
    c->proximity_candidates = 50;
    c->proximity_weight = 0.05;
    c->proximity_scale = 8.0;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        char **slot = (char **)((char *)c + defaults[i].off);
        if (set_string(slot, defaults[i].value) != CN_OK) {
            cfg_config_release(c);
            return CN_E_NOMEM;
        }
    }
    return CN_OK;
}

void
cfg_config_release(cfg_config_t *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < STRING_MEMBER_COUNT; i++)
        free(*string_slot(c, i));
    for (size_t i = 0; i < LIST_MEMBER_COUNT; i++)
        cfg_strings_release(list_slot(c, i));
    memset(c, 0, sizeof *c);
}

/* Deep copy; on failure 'dst' is zeroed and owns nothing. */
static cn_status_t
config_copy(cfg_config_t *dst, const cfg_config_t *src)
{
    *dst = *src;
    for (size_t i = 0; i < STRING_MEMBER_COUNT; i++)
        *string_slot(dst, i) = NULL;
    for (size_t i = 0; i < LIST_MEMBER_COUNT; i++)
        *list_slot(dst, i) = (cfg_strings_t){ NULL, 0 };
    for (size_t i = 0; i < STRING_MEMBER_COUNT; i++) {
        const char *s = *string_slot((cfg_config_t *)src, i);
        if (set_string(string_slot(dst, i), s) != CN_OK) {
            cfg_config_release(dst);
            return CN_E_NOMEM;
        }
    }
    for (size_t i = 0; i < LIST_MEMBER_COUNT; i++) {
        if (strings_copy(list_slot(dst, i), list_slot((cfg_config_t *)src, i)) != CN_OK) {
            cfg_config_release(dst);
            return CN_E_NOMEM;
        }
    }
    return CN_OK;
}

/* Sets *errmsg (if asked for) to "subject: reason", or NULL if that fails. */
static void
set_errmsg(char **errmsg, const char *subject, const char *reason)
{
    if (!errmsg)
        return;
    size_t n = strlen(subject) + strlen(reason) + 3;
    *errmsg = malloc(n);
    if (*errmsg)
        snprintf(*errmsg, n, "%s: %s", subject, reason);
}

cn_status_t
cfg_config_load_buffer(cfg_config_t *c, const char *name, const char *yaml,
                       size_t len, char **errmsg)
{
    const char *shown = name ? name : "<buffer>";
    cfg_config_t work;
    cn_status_t st;

    if (errmsg)
        *errmsg = NULL;
    if (!c || (!yaml && len)) {
        set_errmsg(errmsg, shown, "invalid argument");
        return CN_E_INVALID_ARGUMENT;
    }
    if (len > CFG__MAX_FILE_BYTES) {
        char reason[64];
        snprintf(reason, sizeof reason, "file is too large (over %zu bytes)",
                 CFG__MAX_FILE_BYTES);
        set_errmsg(errmsg, shown, reason);
        return CN_E_BAD_CONFIG;
    }
    /*
     * The file is applied to a copy and swapped in only on success, so a
     * failed load leaves 'c' exactly as it was.
     */
    st = config_copy(&work, c);
    if (st == CN_OK)
        st = cfg__yaml_apply(&work, shown, yaml ? yaml : "", len, errmsg);
    if (st == CN_OK && name)
        st = set_string(&work.path, name);
    if (st != CN_OK) {
        cfg_config_release(&work);
        if (st != CN_E_BAD_CONFIG && errmsg && !*errmsg)
            set_errmsg(errmsg, shown, cn_status_to_string(st));
        return st;
    }
    cfg_config_release(c);
    *c = work;
    return CN_OK;
}

/*
 * Reads the whole of 'path' into a malloc'd buffer. A file larger than
 * CFG__MAX_FILE_BYTES is read only one byte past the limit, which is
 * enough for cfg_config_load_buffer() to refuse it.
 */
static cn_status_t
read_file(const char *path, char **data_out, size_t *len_out, char **errmsg)
{
    FILE *fp = fopen(path, "rb");
    char *data = NULL;
    size_t len = 0, alloc = 0;
    cn_status_t st = CN_OK;

    *data_out = NULL;
    *len_out = 0;
    if (!fp)
        goto io_error;
    while (len <= CFG__MAX_FILE_BYTES) {
        if (len == alloc) {
            size_t grown = alloc ? alloc * 2 : 4096;
            char *p = realloc(data, grown);
            if (!p) {
                st = CN_E_NOMEM;
                goto out;
            }
            data = p;
            alloc = grown;
        }
        size_t want = alloc - len;
        if (want > CFG__MAX_FILE_BYTES + 1 - len)
            want = CFG__MAX_FILE_BYTES + 1 - len;
        size_t got = fread(data + len, 1, want, fp);
        len += got;
        if (got < want) {
            if (ferror(fp))
                goto io_error;
            break;
        }
    }
    *data_out = data;
    *len_out = len;
    data = NULL;
    goto out;

io_error:
    st = CN_E_IO;
    if (errmsg) {
        cn_buf_t msg = CN_BUF_INIT;
        cn_buf_addf(&msg, "cannot read '%s': %s", path, strerror(errno));
        *errmsg = cn_buf_detach(&msg, NULL);
    }
out:
    free(data);
    if (fp)
        fclose(fp);
    return st;
}

cn_status_t
cfg_config_load_file(cfg_config_t *c, const char *path, char **errmsg)
{
    char *data;
    size_t len;
    cn_status_t st;

    if (errmsg)
        *errmsg = NULL;
    if (!c || !path) {
        set_errmsg(errmsg, path ? path : "<null>", "invalid argument");
        return CN_E_INVALID_ARGUMENT;
    }
    st = read_file(path, &data, &len, errmsg);
    if (st == CN_E_NOMEM)
        set_errmsg(errmsg, path, cn_status_to_string(st));
    if (st != CN_OK)
        return st;
    st = cfg_config_load_buffer(c, path, data, len, errmsg);
    free(data);
    return st;
}

/* Joins 'dir' and 'rest' with a slash into a malloc'd string, or NULL. */
static char *
path_join(const char *dir, const char *rest)
{
    size_t n = strlen(dir) + strlen(rest) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, rest);
    return p;
}

cn_status_t
cfg_config_entity_dicts(const cfg_config_t *c, cfg_strings_t *out)
{
    out->v = NULL;
    out->n = 0;
    if (c->entity_dicts_set)
        return strings_copy(out, &c->entity_dicts);
    if (!c->path)
        return CN_OK;
    char *dir = cfg__path_dirname(c->path);
    char *p = dir ? path_join(dir, "entities") : NULL;
    free(dir);
    if (!p || !(out->v = malloc(sizeof(char *)))) {
        free(p);
        return CN_E_NOMEM;
    }
    struct stat sb;
    /* The default is used only where it exists: a config file without
     * an entities directory next to it means no dictionary. */
    if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        free(p);
        free(out->v);
        out->v = NULL;
        return CN_OK;
    }
    out->v[0] = p;
    out->n = 1;
    return CN_OK;
}

char *
cfg__path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/*
 * True if looking at 'path' found something or failed for a reason other
 * than absence: then it is the file to use, and reading it reports the
 * real problem (nothing is skipped silently).
 */
static bool
candidate_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

cn_status_t
cfg_config_find(char **path_out, char **errmsg)
{
    const char *env = getenv("CJKNEWS_CONFIG");
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *path = NULL;

    if (errmsg)
        *errmsg = NULL;
    if (!path_out)
        return CN_E_INVALID_ARGUMENT;
    *path_out = NULL;
    /* An empty variable counts as unset, as the shell idiom VAR= intends. */
    if (env && *env) {
        struct stat sb;
        if (stat(env, &sb) != 0) {
            if (errmsg) {
                cn_buf_t msg = CN_BUF_INIT;
                cn_buf_addf(&msg, "cannot use '%s' from CJKNEWS_CONFIG: %s",
                            env, strerror(errno));
                *errmsg = cn_buf_detach(&msg, NULL);
            }
            return CN_E_NOT_FOUND;
        }
        path = strdup(env);
    } else if (candidate_exists("cjknews.yaml")) {
        path = strdup("cjknews.yaml");
    } else {
        /* The XDG spec says to ignore a relative XDG_CONFIG_HOME. */
        if (xdg && xdg[0] == '/')
            path = path_join(xdg, "cjknews/cjknews.yaml");
        else if (home && *home)
            path = path_join(home, ".config/cjknews/cjknews.yaml");
        else
            return CN_OK;
        if (path && !candidate_exists(path)) {
            free(path);
            return CN_OK;
        }
    }
    if (!path) {
        set_errmsg(errmsg, "cjknews", cn_status_to_string(CN_E_NOMEM));
        return CN_E_NOMEM;
    }
    *path_out = path;
    return CN_OK;
}
