/* SPDX-License-Identifier: MIT */
/* t-titles.c - the title matcher (entities/titles.c) with its prefix
 * filter gives what trying every title at every position gave: both are
 * run at every character of the samples, the seeds and constructed
 * texts, with and without titles of the user's, and must return the
 * same end and report the same names. */
#include "buf.h"
#include "names-private.h"
#include "tap.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
collect(void *ctx, const ent_candidate_t *c)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%zu-%zu:%.*s=%.*s;", c->start_off, c->end_off, (int)c->name_len, c->name,
                (int)c->alias_len, c->alias ? c->alias : "");
    return 0;
}

static long positions, differences, found;

/* Runs both matchers at every character of text with options 'o'. */
static void
compare_text(const char *what, const char *text, size_t len, const ent_names_opts_t *o)
{
    struct ent__text t = { text, len };
    cn_buf_t fast = CN_BUF_INIT, ref = CN_BUF_INIT;
    size_t n;
    for (size_t i = 0; i < len; i += n ? n : 1) {
        ent__cp_at(&t, i, &n);
        /* floor 0, and floor at i as after a candidate ending there. */
        for (int f = 0; f < 2; f++) {
            size_t floor = f ? i : 0;
            int stop_fast = 0, stop_ref = 0;
            cn_buf_clear(&fast);
            cn_buf_clear(&ref);
            size_t e_fast = ent__titled(&t, i, floor, o, collect, &fast, &stop_fast);
            size_t e_ref = ent__titled_ref(&t, i, floor, o, collect, &ref, &stop_ref);
            positions++;
            found += e_ref != 0;
            if (e_fast != e_ref || stop_fast != stop_ref || fast.len != ref.len ||
                (ref.len && memcmp(fast.data, ref.data, ref.len) != 0)) {
                if (differences++ < 10)
                    tap_diag("%s: byte %zu floor %zu: %zu [%s] against %zu [%s]", what, i,
                             floor, e_fast, fast.data, e_ref,
                             ref.data);
            }
        }
    }
    cn_buf_release(&fast);
    cn_buf_release(&ref);
}

static const char *const USER_TITLES[] = { "CEO", "vp", "X", "", "局长", "부회장", "専務",
                                           "\xe9\xa6", NULL };

static void
compare_all(const char *what, const char *text, size_t len)
{
    ent_names_opts_t o;
    ent_names_opts_init(&o);
    compare_text(what, text, len, &o);
    o.titles = USER_TITLES;
    o.title_count = sizeof(USER_TITLES) / sizeof(USER_TITLES[0]);
    compare_text(what, text, len, &o);
    o.builtin_titles = false;
    compare_text(what, text, len, &o);
}

/* Every regular file below 'path'; returns how many were read. */
static int
compare_tree(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        int files = 0;
        if (!d)
            return 0;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char sub[4096];
            snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
            files += compare_tree(sub);
        }
        closedir(d);
        return files;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    cn_buf_t b = CN_BUF_INIT;
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
        cn_buf_add(&b, chunk, got);
    fclose(f);
    compare_all(path, b.data, b.len);
    cn_buf_release(&b);
    return 1;
}

int
main(void)
{
    /* Every built-in title in the places a name can stand, in both
     * letter cases, and cut short at the end of the text. */
    cn_buf_t b = CN_BUF_INIT;
    for (size_t k = 0; k < ent_names_builtin_title_count(); k++) {
        const char *title = ent_names_builtin_title(k);
        cn_buf_addf(&b, "微软%s纳德拉表示。比亚迪%s王传福说，", title, title);
        cn_buf_addf(&b, "豊田章男%sは、이재용 %s은 Microsoft %s Satya Nadella said. ", title,
                    title, title);
        for (const char *c = title; *c; c++)
            cn_buf_addch(&b, *c >= 'a' && *c <= 'z' ? (char)(*c - 'a' + 'A') : *c);
        cn_buf_addstr(&b, " Mary T. Barra, ");
    }
    compare_all("constructed", b.data, b.len);
    for (size_t k = 0; k < ent_names_builtin_title_count(); k++) {
        const char *title = ent_names_builtin_title(k);
        for (size_t cut = 1; cut <= strlen(title); cut++)
            compare_all("cut title", title, cut);
    }
    cn_buf_release(&b);

    int files = compare_tree("samples") + compare_tree("tests/corpora");
    const char *shared = getenv("CJKNEWS_SHARED");
    char seeds[4096];
    snprintf(seeds, sizeof(seeds), "%s/seeds", shared ? shared : "../shared");
    int seed_files = compare_tree(seeds);
    ok(files > 20, "read the samples and test corpora (%d files)", files);
    if (seed_files == 0)
        tap_diag("no seeds at %s: compared on the samples only", seeds);
    ok(found > 50, "titles with names were found (%ld positions of %ld)", found, positions);
    is_int(differences, 0, "the prefix filter changes no result (%d seed files)", seed_files);
    return tap_done();
}
