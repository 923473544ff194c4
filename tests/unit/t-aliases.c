/* SPDX-License-Identifier: MIT */
/* t-aliases.c - the entity dictionary: YAML loading with file:line:col
 * errors, matching aliases across scripts, query-side lookup. */
#include "aliases.h"
#include "buf.h"
#include "tap.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char GOOD[] =
    "entities:\n"
    "  - id: sam-altman\n"
    "    type: person\n"
    "    name: Sam Altman\n"
    "    aliases: [阿尔特曼, 奥特曼, 山姆·阿尔特曼, アルトマン, 올트먼]\n"
    "  - id: microsoft\n"
    "    type: company\n"
    "    aliases: [微软, Microsoft]\n";

static int
collect(void *ctx, const ent_entity_t *e, size_t alias, size_t start_off, size_t end_off)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%s%s:%s@%zu-%zu", b->len ? " " : "", ent_type_name(e->type), e->id,
                start_off, end_off);
    (void)alias;
    return 0;
}

static void
match_is(const ent_dict_t *d, const char *text, const char *want, const char *what)
{
    cn_buf_t got = CN_BUF_INIT;
    tap_ok(ent_dict_match(d, text, strlen(text), collect, &got) == CN_OK, "match %s", what);
    tap_is_str(got.data, want, "%s", what);
    cn_buf_release(&got);
}

static void
error_is(const char *yaml, const char *want, const char *what)
{
    ent_dict_t *d = NULL;
    ent_dict_create(NULL, &d);
    char *err = NULL;
    cn_status_t st = ent_dict_load_buffer(d, "x.yaml", yaml, strlen(yaml), &err);
    tap_ok(st == CN_E_BAD_CONFIG, "%s: refused", what);
    tap_ok(err && strstr(err, want) != NULL, "%s: '%s' names '%s'", what, err ? err : "",
           want);
    tap_is_int((long long)ent_dict_count(d), 0, "%s: nothing kept", what);
    free(err);
    ent_dict_destroy(d);
}

/*
 * The indexer's workers match one shared dictionary at once. It used to
 * sort itself on the first match, so two threads could sort and read the
 * same array together and miss entities (a flaky facet count under
 * -j 2). Several threads now match a freshly loaded dictionary, many
 * entities so that a sort would take long, each comparing every answer
 * with the one-thread answer.
 */
struct racer {
    const ent_dict_t *d;
    const char *text;
    const char *want;
    int bad;
};

static void *
race(void *arg)
{
    struct racer *r = arg;
    for (int i = 0; i < 20; i++) {
        cn_buf_t got = CN_BUF_INIT;
        if (ent_dict_match(r->d, r->text, strlen(r->text), collect, &got) != CN_OK ||
            strcmp(got.data ? got.data : "", r->want) != 0)
            r->bad++;
        cn_buf_release(&got);
    }
    return NULL;
}

static void
test_shared_by_threads(void)
{
    cn_buf_t y = CN_BUF_INIT;
    cn_buf_addstr(&y, "entities:\n");
    /* Loaded in reverse name order, so that a dictionary left in load
     * order cannot be searched. */
    for (int i = 3000; i > 0; i--)
        cn_buf_addf(&y, "  - id: co-%d\n    type: company\n    aliases: [Firm%05d Group]\n",
                    i, i);
    cn_buf_addstr(&y, GOOD + strlen("entities:\n"));
    const char *text = "Firm00007 Group和微软、奥特曼, then firm02999 group, Firm03000 Group";
    const char *want = "org:co-7@0-15 org:microsoft@18-24 person:sam-altman@27-36 "
                       "org:co-2999@43-58 org:co-3000@60-75";
    for (int round = 0; round < 5; round++) {
        ent_dict_t *d = NULL;
        char *err = NULL;
        ent_dict_create(NULL, &d);
        if (ent_dict_load_buffer(d, "many.yaml", y.data, y.len, &err) != CN_OK) {
            tap_ok(0, "3,003 entities load: %s", err ? err : "");
            free(err);
            ent_dict_destroy(d);
            break;
        }
        struct racer r[4];
        pthread_t t[4];
        int started = 0;
        for (int i = 0; i < 4; i++) {
            r[i] = (struct racer){ d, text, want, 0 };
            if (pthread_create(&t[i], NULL, race, &r[i]) == 0)
                started++;
        }
        int bad = 0;
        for (int i = 0; i < started; i++) {
            pthread_join(t[i], NULL);
            bad += r[i].bad;
        }
        tap_ok(started == 4 && bad == 0, "round %d: 4 threads matching one new dictionary: "
               "%d of 80 answers wrong", round, bad);
        if (round == 0)
            match_is(d, text, want, "the many-entity dictionary, one thread");
        ent_dict_destroy(d);
    }
    cn_buf_release(&y);
}

int
main(void)
{
    ent_dict_t *d = NULL;
    tap_ok(ent_dict_create(NULL, &d) == CN_OK, "create");
    char *err = NULL;
    tap_ok(ent_dict_load_buffer(d, "good.yaml", GOOD, strlen(GOOD), &err) == CN_OK,
           "a good dictionary loads %s", err ? err : "");
    free(err);
    tap_is_int((long long)ent_dict_count(d), 2, "two entities");
    const ent_entity_t *e = ent_dict_get(d, 0);
    tap_is_str(e->name, "Sam Altman", "name");
    tap_is_int((long long)e->alias_count, 6, "the name is the first alias");
    tap_is_int(e->line, 2, "entity line");
    tap_is_str(ent_dict_get(d, 1)->name, "微软", "without a name, the first alias names it");
    tap_ok(ent_dict_get(d, 1)->type == ENT_ORG, "company is an org");
    tap_ok(ent_dict_get(d, 2) == NULL, "past the end is NULL");

    match_is(d, "奧特曼和納德拉", "person:sam-altman@0-9", "traditional text, simplified alias");
    match_is(d, "微軟投資OpenAI，SAM ALTMAN", "org:microsoft@0-6 person:sam-altman@21-31",
             "case and script folding");
    match_is(d, "山姆・阿尔特曼表示", "person:sam-altman@0-21 person:sam-altman@9-21",
             "katakana middle dot for the Chinese one; the short alias too");
    match_is(d, "アルトマン氏と올트먼", "person:sam-altman@0-15 person:sam-altman@21-30",
             "Japanese and Korean aliases");
    match_is(d, "Samuel Altmann", "", "no partial Latin words");
    match_is(d, "", "", "empty text");

    tap_ok(ent_dict_lookup(d, "奧特曼", strlen("奧特曼")) == ent_dict_get(d, 0),
           "lookup: a traditional spelling finds the entity");
    tap_ok(ent_dict_lookup(d, " sam  altman ", 13) == ent_dict_get(d, 0),
           "lookup: case and spaces do not matter");
    tap_ok(ent_dict_lookup(d, "奥特曼表示", strlen("奥特曼表示")) == NULL,
           "lookup: only a whole alias");
    tap_ok(ent_dict_find_id(d, "microsoft", 9) == ent_dict_get(d, 1), "find by id");
    tap_ok(ent_dict_find_id(d, "micro", 5) == NULL, "no prefix id match");

    err = NULL;
    tap_ok(ent_dict_load_buffer(d, "dup.yaml", GOOD, strlen(GOOD), &err) == CN_E_BAD_CONFIG,
           "loading the same ids again fails");
    tap_ok(err && strstr(err, "dup.yaml:2:9: duplicate id 'sam-altman' (first defined at "
                              "good.yaml:2)"),
           "duplicate id names both places: %s", err ? err : "");
    free(err);
    tap_is_int((long long)ent_dict_count(d), 2, "a failed document leaves the dictionary as it was");
    match_is(d, "奥特曼", "person:sam-altman@0-9", "and matching still works");
    ent_dict_destroy(d);
    ent_dict_destroy(NULL);

    error_is("entities: [\n", "x.yaml:2:1:", "YAML syntax error");
    error_is("people: []\n", "x.yaml:1:1: unknown key", "unknown top-level key");
    error_is("entities:\n  - id: x\n    type: robot\n", "x.yaml:3:11: type 'robot'", "bad type");
    error_is("entities:\n  - id: X Y\n    type: person\n", "x.yaml:2:9: id 'X Y'", "bad id");
    error_is("entities:\n  - type: person\n    name: a\n", "x.yaml:2:5: entity without an 'id'",
             "missing id");
    /* Found by the fuzzer: a second name replaced (and leaked) the first. */
    error_is("entities:\n  - id: x\n    type: person\n    name: a\n    name: b\n",
             "x.yaml:5:5: duplicate key 'name'", "a repeated name");
    error_is("entities:\n  - id: x\n    id: y\n    type: person\n",
             "x.yaml:3:5: duplicate key 'id'", "a repeated id");
    error_is("entities:\n  - id: x\n    type: person\n    type: org\n",
             "x.yaml:4:5: duplicate key 'type'", "a repeated type");
    error_is("entities:\n  - id: a\n    name: b\n", "without a 'type'", "missing type");
    error_is("entities:\n  - id: a\n    type: person\n    colour: red\n",
             "x.yaml:4:5: unknown key 'colour'", "unknown entity key");
    error_is("entities:\n  - id: a\n    type: person\n    aliases: [微]\n",
             "x.yaml:4:15: alias '微' is a single CJK character", "one-character alias");
    error_is("entities:\n  - id: a\n    type: person\n    aliases: [\"..\"]\n",
             "gives no searchable term", "punctuation alias");
    error_is("entities:\n  - id: a\n    type: person\n    aliases: [[x]]\n",
             "x.yaml:4:15: an alias must be a string", "nested list alias");
    error_is("entities:\n  - id: a\n    type: person\n", "has no name and no aliases",
             "no alias at all");

    /* The shipped starter set loads. */
    const char *dir = getenv("CASES_DIR");
    char path[4096];
    snprintf(path, sizeof(path), "%s/../../config/entities", dir && *dir ? dir : "tests/cases");
    ent_dict_create(NULL, &d);
    err = NULL;
    tap_ok(ent_dict_load_path(d, path, &err) == CN_OK, "config/entities loads %s",
           err ? err : "");
    free(err);
    tap_ok(ent_dict_count(d) >= 15, "starter set has %zu entities", ent_dict_count(d));
    match_is(d, "納德拉與黃仁勳", "person:satya-nadella@0-9 person:jensen-huang@12-21",
             "starter set, traditional text");
    err = NULL;
    tap_ok(ent_dict_load_path(d, "/nonexistent/x.yaml", &err) == CN_E_IO && err &&
               strstr(err, "/nonexistent/x.yaml: "),
           "a missing file is an I/O error naming it");
    free(err);
    ent_dict_destroy(d);
    test_shared_by_threads();

    /* An empty document or list adds nothing (and sorts no NULL array:
     * the fuzzer's empty input under UBSan). */
    static const char *const empties[] = { "", "entities: []\n", "# nothing\n" };
    for (size_t i = 0; i < sizeof(empties) / sizeof(empties[0]); i++) {
        ent_dict_t *ed = NULL;
        ent_dict_create(NULL, &ed);
        char *msg = NULL;
        cn_status_t est = ent_dict_load_buffer(ed, "empty.yaml", empties[i], strlen(empties[i]),
                                               &msg);
        tap_ok(est == CN_OK || est == CN_E_BAD_CONFIG, "empty document %zu: %s", i,
               msg ? msg : "loads");
        tap_is_int((long long)ent_dict_count(ed), 0, "empty document %zu: no entity", i);
        match_is(ed, "微软", "", "empty dictionary: no match");
        free(msg);
        ent_dict_destroy(ed);
    }
    return tap_done();
}
