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

/* ent_variants_group (entities/variants.c): one group per name however
 * written, its most frequent form representing it. */
static void
test_variants(void)
{
    ent_variant_t v[] = {
        { "納德拉", strlen("納德拉"), 5, 0 },
        { "山姆·阿尔特曼", strlen("山姆·阿尔特曼"), 3, 0 },
        { "纳德拉", strlen("纳德拉"), 15, 0 },
        { "山姆・阿尔特曼", strlen("山姆・阿尔特曼"), 3, 0 },
        { "OpenAI", 6, 2, 0 },
        { "奥特曼", strlen("奥特曼"), 7, 0 },
        { "奧特曼", strlen("奧特曼"), 7, 0 },
        { "OPENAI", 6, 1, 0 },
        { "纳德", strlen("纳德"), 9, 0 },
    };
    size_t n = sizeof(v) / sizeof(v[0]);
    tap_is_int(ent_variants_group(NULL, v, n), CN_OK, "group");
    tap_is_int((long long)v[0].rep, 2, "納德拉 goes with 纳德拉, the commoner form");
    tap_is_int((long long)v[2].rep, 2, "纳德拉 represents itself");
    tap_ok(v[1].rep == v[3].rep, "the name dots · and ・ are one");
    tap_is_int((long long)v[1].rep, 1, "of equal counts, the first in byte order (· < ・)");
    tap_is_int((long long)v[5].rep, 5, "奥特曼 and 奧特曼, equal counts: the smaller bytes");
    tap_is_int((long long)v[6].rep, 5, "... represents 奧特曼");
    tap_is_int((long long)v[7].rep, 4, "case folds too: OPENAI goes with OpenAI");
    tap_is_int((long long)v[8].rep, 8, "a shorter name is another name");
    tok_options_t raw;
    tok_options_init(&raw);
    raw.fold_traditional = false;
    tap_is_int(ent_variants_group(&raw, v, n), CN_OK, "group without T->S folding");
    tap_is_int((long long)v[0].rep, 0, "an index that keeps the scripts apart keeps them apart");
    tap_is_int(ent_variants_group(NULL, v, 1), CN_OK, "one name");
    tap_is_int((long long)v[0].rep, 0, "is its own group");
    tap_is_int(ent_variants_group(NULL, NULL, 0), CN_OK, "no name");
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
        /* title plus name: zh-Hans */
        { "微软CEO纳德拉宣布", "person/title:纳德拉" },
        { "首席执行官（CEO）纳德拉表示", "person/title:纳德拉" },
        { "创始人马斯克在推特上说", "person/title:马斯克" },
        { "比亚迪董事长王传福表示", "person/title:王传福" },
        { "总裁李明说", "person/title:李明" },
        { "华为公司董事兼数字能源总裁侯金龙预测", "person/title:侯金龙" },
        { "CEO萨提亚·纳德拉", "person/dot:萨提亚·纳德拉=纳德拉" },
        { "OpenAI首席执行官Sam Altman", "org/camel:OpenAI | person/title:Sam Altman" },
        { "CEO奧特曼(Sam Altman)", "person/title:奧特曼=Sam Altman" },
        { "总裁表示", "" },
        { "董事长一职", "" },
        { "总统大选", "" },
        { "董事会主席团", "" },
        { "刘冲辞去董事长", "" },
        /* zh-Hant */
        { "微軟執行長納德拉宣布", "person/title:納德拉" },
        { "前匯豐亞太區主席艾爾敦（David Eldon）", "person/title:艾爾敦=David Eldon" },
        { "行政總裁梁振英表示", "person/title:梁振英" },
        { "總裁辭職", "" },
        /* zh: a name before a government title */
        { "很懂面面討好的蔡英文總統又發話", "person/title:蔡英文" },
        { "王文涛部长与美国商务部长雷蒙多会谈", "person/title:王文涛 | person/title:雷蒙多" },
        { "习近平主席和武契奇总统共同引领", "person/title:武契奇" },
        { "主席夫人彭丽媛、夏巴兹总理", "person/title:夏巴兹" },
        { "习近平同苏里南总统会谈", "" },
        { "向卢旺达总统致慰问电", "" },
        { "。白宫发言人说", "" },
        { "希拉莉要出馬競選總統", "" },
        { "出任賽馬會董事局主席", "" },
        { "四周年党庆，蓝绿党主席致赠花篮", "" },
        { "罗马尼亚总统", "" },
        { "刘副总理", "" },
        { "王传福董事长表示", "" },
        { "米哈游董事长", "" },
        { "东方财富董事长回应", "" },
        /* ja */
        { "トヨタ自動車の豊田章男社長は", "person/title:豊田章男" },
        { "孫社長 米国留学支援", "" },
        { "同社社長は", "" },
        { "社長スゴイ", "" },
        { "事業部長に", "" },
        /* ko */
        { "삼성전자 이재용 회장은 말했다", "person/title:이재용" },
        { "남궁민수 대표가", "person/title:남궁민수" },
        { "대표팀 감독", "" },
        { "부회장 선거에", "" },
        { "명절에 회장은", "" },
        { "이재용 회장님", "" },
        /* en */
        { "Microsoft CEO Satya Nadella said", "person/title:Satya Nadella" },
        { "chief executive Mary T. Barra", "person/title:Mary T. Barra" },
        { "CEO of Microsoft", "" },
        { "the Chairmanship Satya Nadella", "" },
        { "President Biden", "" },
        { "CEO AI Labs", "" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cn_buf_t got = CN_BUF_INIT;
        tap_ok(ent_names_discover(cases[i][0], strlen(cases[i][0]), collect, &got) == CN_OK,
               "scan %zu", i);
        tap_is_str(got.data, cases[i][1], "%s", cases[i][0]);
        cn_buf_release(&got);
    }
    /* Titles of the user's, and the built-in ones turned off. */
    static const char *const mine[] = { "掌门人", "사무총장" };
    ent_names_opts_t o;
    ent_names_opts_init(&o);
    o.titles = mine;
    o.title_count = 2;
    static const char *const opt_cases[][2] = {
        { "YC掌门人奥特曼宣布", "person/title:奥特曼" },
        { "반기문 사무총장은", "person/title:반기문" },
        { "사무총장 반기문은", "" },
        { "微软CEO纳德拉", "person/title:纳德拉" },
    };
    for (size_t i = 0; i < sizeof(opt_cases) / sizeof(opt_cases[0]); i++) {
        cn_buf_t got = CN_BUF_INIT;
        ent_names_discover_opts(&o, opt_cases[i][0], strlen(opt_cases[i][0]), collect, &got);
        tap_is_str(got.data, opt_cases[i][1], "with more titles: %s", opt_cases[i][0]);
        cn_buf_release(&got);
    }
    o.builtin_titles = false;
    cn_buf_t got = CN_BUF_INIT;
    ent_names_discover_opts(&o, "微软CEO纳德拉", strlen("微软CEO纳德拉"), collect, &got);
    tap_is_str(got.data, "", "built-in titles off");
    cn_buf_release(&got);
    tap_is_str(ent_names_builtin_title(0), "首席执行官", "first built-in title");
    tap_ok(ent_names_builtin_title(ent_names_builtin_title_count()) == NULL,
           "no title past the end");
    test_variants();
    return tap_done();
}
