/* SPDX-License-Identifier: MIT */
/* t-links.c - linking lone surnames to full names within an article
 * (entities/links.h), and ent_dict_add(), which the linker builds on. */
#include "aliases.h"
#include "buf.h"
#include "links.h"
#include "tap.h"

#include <string.h>

static const char DICT[] = "entities:\n"
                           "  - id: sam-altman\n"
                           "    type: person\n"
                           "    name: Sam Altman\n"
                           "    aliases: [山姆·奥特曼, 山姆·阿尔特曼]\n"
                           "  - id: microsoft\n"
                           "    type: org\n"
                           "    aliases: [微软·中国]\n";

static int
collect(void *ctx, const ent_link_t *l)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%s%s:%.*s", b->len ? " " : "", l->candidate ? "XP" : "P", (int)l->key_len,
                l->key);
    return 0;
}

/* Learns 'article' (parts separated by '|'), then matches 'passage'. */
static void
links_is(ent_linker_t *l, const char *article, const char *passage, const char *want)
{
    ent_linker_reset(l);
    for (const char *p = article; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        tap_ok(ent_linker_learn(l, p, n) == CN_OK, "learn %.*s", (int)n, p);
        p += n + (bar != NULL);
    }
    cn_buf_t got = CN_BUF_INIT;
    tap_ok(ent_linker_match(l, passage, strlen(passage), collect, &got) == CN_OK, "match %s",
           passage);
    tap_is_str(got.data, want, "%s ← %s", passage, article);
    cn_buf_release(&got);
}

static void
test_dict_add(void)
{
    ent_dict_t *d = NULL;
    ent_dict_create(NULL, &d);
    const char *good[] = { "纳德拉", "Nadella" };
    const char *one_cjk[] = { "纳" };
    const char *nothing[] = { "··" };
    tap_is_int(ent_dict_add(d, "nadella", ENT_PERSON, good, 2), CN_OK, "dict_add: adds");
    tap_is_int(ent_dict_add(d, "nadella", ENT_PERSON, good, 2), CN_E_INVALID_ARGUMENT,
               "dict_add: a duplicate id");
    tap_is_int(ent_dict_add(d, "Bad Id", ENT_PERSON, good, 2), CN_E_INVALID_ARGUMENT,
               "dict_add: a bad id");
    tap_is_int(ent_dict_add(d, "x", ENT_PERSON, one_cjk, 1), CN_E_INVALID_ARGUMENT,
               "dict_add: a single CJK character");
    tap_is_int(ent_dict_add(d, "y", ENT_PERSON, nothing, 1), CN_E_INVALID_ARGUMENT,
               "dict_add: no term");
    tap_is_int(ent_dict_add(d, "z", ENT_PERSON, good, 0), CN_E_INVALID_ARGUMENT,
               "dict_add: no alias");
    tap_is_int((long long)ent_dict_count(d), 1, "dict_add: refused entities are not kept");
    const ent_entity_t *e = ent_dict_lookup(d, "納德拉", strlen("納德拉"));
    tap_ok(e && !strcmp(e->id, "nadella") && !strcmp(e->name, "纳德拉"),
           "dict_add: found through folding, named by its first alias");
    ent_dict_destroy(d);
}

int
main(void)
{
    test_dict_add();
    ent_linker_t *l = NULL;
    tap_ok(ent_linker_create(NULL, NULL, NULL, &l) == CN_OK, "create");
    tap_is_int((long long)ent_linker_count(l), 0, "nothing learnt");
    /* zh-Hans: the dotted full name, then the last part alone */
    links_is(l, "OpenAI宣布，山姆·阿尔特曼回归。|阿尔特曼表示。", "阿尔特曼表示，他很高兴。",
             "XP:山姆·阿尔特曼");
    /* zh-Hant spelling of the same surname folds to the learnt form */
    links_is(l, "山姆·阿尔特曼回归。", "阿爾特曼表示。", "XP:山姆·阿尔特曼");
    /* a name after a title, named again alone */
    links_is(l, "微軟執行長納德拉宣布。", "納德拉表示，合作不變。", "XP:納德拉");
    /* en: the last word of a Latin name */
    links_is(l, "Microsoft CEO Satya Nadella said so.", "Nadella added more.",
             "XP:Satya Nadella");
    /* a bracketed Latin form and its last word */
    links_is(l, "纳德拉（Satya Nadella）宣布。", "NADELLA说。", "XP:纳德拉");
    /* ja, ko: the full name itself, named again */
    links_is(l, "トヨタ自動車の豊田章男社長は語った。", "豊田章男氏", "XP:豊田章男");
    links_is(l, "삼성전자 이재용 회장은 말했다.", "이재용 씨", "XP:이재용");
    /* negatives: no full form in the article, another article's names,
     * a one-character surname, an organisation */
    links_is(l, "阿尔特曼表示。", "阿尔特曼表示。", "");
    links_is(l, "山姆·阿尔特曼回归。", "布罗克曼表示。", "");
    links_is(l, "OpenAI与CoreWeave合作。", "CoreWeave表示。", "");
    links_is(l, "Microsoft CEO Satya Li said so.", "Li added.", "");
    /* reported once per passage */
    links_is(l, "山姆·阿尔特曼回归。", "阿尔特曼、阿尔特曼。", "XP:山姆·阿尔特曼");
    ent_linker_reset(l);
    tap_is_int((long long)ent_linker_count(l), 0, "reset forgets");
    ent_linker_destroy(l);

    /* With a dictionary: a surname links only after the full form. */
    ent_dict_t *d = NULL;
    ent_dict_create(NULL, &d);
    tap_ok(ent_dict_load_buffer(d, "t.yaml", DICT, strlen(DICT), NULL) == CN_OK, "dict loads");
    ent_linker_create(NULL, NULL, d, &l);
    links_is(l, "奥特曼主题展开幕。", "奥特曼很受欢迎。", "");
    links_is(l, "山姆·奥特曼投资能源。|奥特曼说。", "奥特曼说，这是最大的投资。",
             "XP:山姆·奥特曼 P:sam-altman");
    links_is(l, "Sam Altman returned.", "Altman said.", "P:sam-altman");
    links_is(l, "山姆·阿尔特曼回归。", "奥特曼说。", "P:sam-altman");
    links_is(l, "微软·中国宣布。", "中国宣布。", "");
    ent_linker_set_dict(l, NULL);
    links_is(l, "Sam Altman returned.", "Altman said.", "");
    ent_linker_destroy(l);
    ent_dict_destroy(d);
    ent_linker_destroy(NULL);
    return tap_done();
}
