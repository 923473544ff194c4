/* SPDX-License-Identifier: MIT */
/* t-names.c - discovery of candidate people and organisations in text
 * (entities/names.c): what each heuristic finds and what it must not. */
#include "buf.h"
#include "names.h"
#include "tap.h"

#include <string.h>

static int
collect(void *ctx, const ent_candidate_t *c)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%s%s/%s:%.*s", b->len ? " | " : "", ent_type_name(c->type),
                ent_found_name(c->how), (int)c->name_len, c->name);
    if (c->alias_len)
        cn_buf_addf(b, "=%.*s", (int)c->alias_len, c->alias);
    if (c->name != NULL && (c->start_off >= c->end_off))
        cn_buf_addstr(b, "!bad-span");
    return 0;
}

int
main(void)
{
    static const char *const cases[][2] = {
        { "视频平台联合创始人埃米特·希尔（Emmett Shear）将出任",
          "person/bracket:埃米特·希尔=Emmett Shear" },
        { "山姆·阿尔特曼表示", "person/dot:山姆·阿尔特曼=阿尔特曼" },
        { "米拉·穆拉蒂(Mira Murati)", "person/bracket:米拉·穆拉蒂=Mira Murati" },
        { "纳德拉（Satya Nadella）", "person/bracket:纳德拉=Satya Nadella" },
        { "约翰·菲茨杰拉德·肯尼迪", "person/dot:约翰·菲茨杰拉德·肯尼迪=肯尼迪" },
        { "サム・アルトマン氏", "person/dot:サム・アルトマン=アルトマン" },
        { "OpenAI与软银集团和CoreWeave Inc.", "org/camel:OpenAI | org/suffix:软银集团 | "
                                              "org/suffix:CoreWeave Inc." },
        { "삼성전자주식회사", "org/suffix:삼성전자주식회사" },
        { "该公司出任公司要职", "" },
        { "子公司与该集团", "" },
        { "董事会·执行官", "" },
        { "CEO and GPU", "" },
        { "·（", "" },
        { "\xff\xfe·\xe3\x83", "" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cn_buf_t got = CN_BUF_INIT;
        tap_ok(ent_names_discover(cases[i][0], strlen(cases[i][0]), collect, &got) == CN_OK,
               "scan %zu", i);
        tap_is_str(got.data, cases[i][1], "%s", cases[i][0]);
        cn_buf_release(&got);
    }
    return tap_done();
}
