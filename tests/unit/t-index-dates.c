/* SPDX-License-Identifier: MIT */
/* t-index-dates.c - the dates a passage mentions become DM terms and the
 * mentioned-date value (docs/index-schema.md), next to the article's own
 * D terms. */
#include "indexdb.h"
#include "schema.h"
#include "tap.h"
#include "xapc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
collect_term(void *ctx, const char *term, size_t len, uint32_t freq)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%s%.*s:%u", b->len ? " " : "", (int)len, term, freq);
    return 0;
}

static void
add(idx_db_t *db, const char *id, const char *date, const char *body)
{
    idx_article_t a;
    idx_article_init(&a);
    cn_buf_addstr(&a.id, id);
    cn_buf_addstr(&a.title, "标题");
    cn_buf_addstr(&a.date, date);
    cn_buf_addstr(&a.body, body);
    char *err = NULL;
    tap_ok(idx_db_add(db, &a, &err) == CN_OK, "index %s %s", id, err ? err : "");
    free(err);
    idx_article_release(&a);
}

int
main(void)
{
    char dir[] = "/tmp/t-index-dates.XXXXXX";
    if (!mkdtemp(dir)) {
        tap_ok(0, "mkdtemp: %s", strerror(errno));
        return tap_done();
    }
    char path[64];
    snprintf(path, sizeof(path), "%s/db", dir);
    cfg_config_t cfg;
    cfg_config_init(&cfg);
    idx_db_t *db = NULL;
    char *err = NULL;
    if (!tap_ok(idx_db_open(path, &cfg, &db, &err) == CN_OK, "open %s", err ? err : "")) {
        free(err);
        return tap_done();
    }
    add(db, "a1", "2023-11-21", "新华社北京11月19日电 会议11月17日到20日举行。");
    add(db, "a2", "2024-01-03", "12月28日和2016年至2018年");
    add(db, "a3", "", "2023年11月19日，当天下午");
    add(db, "a4", "2023-11-21", "没有日期的段落");
    tap_ok(idx_db_close(db, NULL) == CN_OK, "close");

    xapc_reader_t *r = NULL;
    xapc_reader_create(&r);
    tap_ok(xapc_reader_add_path(r, path) == XAPC_OK, "reader opens the index");
    cn_buf_t got = CN_BUF_INIT;
    xapc_reader_allterms(r, CN_PREFIX_MENTIONED_DATE, strlen(CN_PREFIX_MENTIONED_DATE),
                         collect_term, &got);
    tap_is_str(got.data,
               "DM2016:1 DM2017:1 DM2018:1 DM2023:3 DM2023-11:2 DM2023-11-17:1 "
               "DM2023-11-18:1 DM2023-11-19:2 DM2023-11-20:1 DM2023-12:1 DM2023-12-28:1",
               "mentioned dates at every precision, ranges expanded");
    cn_buf_clear(&got);
    xapc_reader_allterms(r, "D2", 2, collect_term, &got);
    tap_is_str(got.data, "D2023:2 D2023-11:2 D2023-11-21:2 D2024:1 D2024-01:1 D2024-01-03:1",
               "the article dates stay as they were");
    cn_buf_release(&got);
    xapc_reader_destroy(r);
    cfg_config_release(&cfg);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    tap_ok(system(cmd) == 0, "clean up");
    return tap_done();
}
