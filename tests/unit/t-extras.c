/* SPDX-License-Identifier: MIT */
/* t-extras.c - unit tests for the ranking evidence and the extras:
 * constant-weight queries, tagged parts and xapc_reader_explain(), match
 * spies (xapian-c), dates typed as words (searcher/datewords.c), facets
 * and timelines from spies, and the timeline chart's width. */
#include "buf.h"
#include "datewords.h"
#include "facets.h"
#include "printer.h"
#include "tap.h"
#include "timeline.h"
#include "utf8.h"
#include "xapc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/t-extras.XXXXXX";

static void
add(xapc_document_t *d, const char *term, int boolean)
{
    xapc_status_t xs = boolean ? xapc_document_add_boolean_term(d, term, strlen(term))
                               : xapc_document_add_term(d, term, strlen(term), 1);
    if (xs)
        tap_diag("cannot add %s", term);
}

/* The value slot holding each document's P, O, XP and DM terms. */
#define TERMS_SLOT 4

/* Three passages: q1 (a, Px, DM 2023-11-19, dated 2023-11-20), q2 (a b,
 * Px Oy, XPfoo, DM 2022-11-19, dated 2023-11-22), q3 (b, Oy, undated). */
static const char *
make_db(void)
{
    static char path[4200];
    snprintf(path, sizeof path, "%s/db", tmpdir);
    xapc_writer_t *w = NULL;
    xapc_document_t *d = NULL;
    char *err = NULL;
    if (xapc_writer_open(path, XAPC_WRITER_CREATE, &w, &err) || xapc_document_create(&d)) {
        tap_diag("cannot create %s: %s", path, err ? err : "?");
        exit(1);
    }
    static const char *const docs[3][8] = {
        { "a", "!Qq1", "!Px", "!DM2023-11-19", "!DM2023-11", "!DM2023", NULL },
        { "a", "b", "!Qq2", "!Px", "!Oy", "!XPfoo", "!DM2022-11-19", NULL },
        { "b", "!Qq3", "!Oy", NULL },
    };
    static const char *const dates[3] = { "2023-11-20", "2023-11-22", NULL };
    for (int i = 0; i < 3; i++) {
        xapc_document_clear(d);
        for (int k = 0; docs[i][k]; k++)
            add(d, docs[i][k] + (docs[i][k][0] == '!'), docs[i][k][0] == '!');
        if (dates[i])
            xapc_document_set_value(d, 0, dates[i], strlen(dates[i]));
        /* What the spies read: the index keeps no termlist. */
        static const char *const kept[] = { "P", "O", "XP", "DM" };
        xapc_document_set_value_terms(d, TERMS_SLOT, kept, 4);
        xapc_writer_add(w, d, NULL);
    }
    xapc_document_destroy(d);
    xapc_writer_close(w);
    xapc_writer_destroy(w);
    return path;
}

static xapc_query_t *
term(const char *t)
{
    xapc_query_t *q = NULL;
    xapc_query_term(t, strlen(t), 1, 0, &q, NULL);
    return q;
}

static xapc_query_t *
combine(xapc_query_op_t op, xapc_query_t *a, xapc_query_t *b)
{
    xapc_query_t *parts[2] = { a, b }, *q = NULL;
    xapc_query_combine(op, (const xapc_query_t *const *)parts, 2, 0, &q, NULL);
    xapc_query_destroy(a);
    xapc_query_destroy(b);
    return q;
}

static xapc_query_t *
tagged(xapc_query_t *sub, const char *tag)
{
    xapc_query_t *q = NULL;
    xapc_query_tag(sub, tag, &q, NULL);
    xapc_query_destroy(sub);
    return q;
}

static xapc_query_t *
weighted(xapc_query_t *sub, double w)
{
    xapc_query_t *q = NULL;
    xapc_query_const_weight(sub, w, &q, NULL);
    xapc_query_destroy(sub);
    return q;
}

/* docid -> weight of the last search, for up to 8 documents. */
struct weights {
    double w[8][3]; /* [docid][0 total, 1 body, 2 entity] */
    int other_tags; /* calls with another tag */
};

static int
take_part(void *ctx, xapc_docid_t docid, const char *tag, double weight)
{
    struct weights *ws = ctx;
    if (strcmp(tag, "body") != 0 && strcmp(tag, "entity") != 0)
        ws->other_tags++;
    else if (docid < 8)
        ws->w[docid][strcmp(tag, "body") == 0 ? 1 : 2] += weight;
    return 0;
}

static void
test_weights_and_explain(xapc_reader_t *r)
{
    /* a (BM25) OR 5 per passage naming x. */
    xapc_query_t *q = combine(XAPC_OP_OR, tagged(term("a"), "body"),
                              tagged(weighted(term("Px"), 5.0), "entity"));
    xapc_mset_t *m = NULL;
    tap_is_int(xapc_reader_search(r, q, NULL, &m), XAPC_OK, "search with constant weight");
    struct weights ws;
    memset(&ws, 0, sizeof(ws));
    for (; xapc_mset_valid(m); xapc_mset_next(m))
        ws.w[xapc_mset_docid(m) % 8][0] = xapc_mset_weight(m);
    tap_is_int(xapc_mset_size(m), 2, "the two passages with a or Px match");
    xapc_mset_destroy(m);

    xapc_query_t *only = weighted(term("Px"), 5.0);
    tap_is_int(xapc_reader_search(r, only, NULL, &m), XAPC_OK, "constant weight alone");
    tap_ok(xapc_mset_valid(m) && fabs(xapc_mset_weight(m) - 5.0) < 1e-12,
           "a boolean term weighs exactly the constant");
    xapc_mset_destroy(m);
    xapc_query_destroy(only);

    xapc_query_t *docs = combine(XAPC_OP_OR, term("Qq1"), term("Qq2"));
    struct weights parts;
    memset(&parts, 0, sizeof(parts));
    tap_is_int(xapc_reader_explain(r, q, NULL, docs, 4, take_part, &parts), XAPC_OK,
               "explain runs");
    for (int id = 1; id <= 2; id++) {
        tap_ok(fabs(parts.w[id][2] - 5.0) < 1e-12, "doc %d: entity part is 5", id);
        tap_ok(parts.w[id][1] > 0, "doc %d: body part is BM25 of a", id);
        tap_ok(fabs(parts.w[id][1] + parts.w[id][2] - ws.w[id][0]) < 1e-9,
               "doc %d: the parts add up to the score (%g)", id, ws.w[id][0]);
    }
    /* Scaling scales the parts; AND_NOT keeps only its first operand's. */
    xapc_query_t *scaled = NULL;
    xapc_query_scale(q, 2.0, &scaled, NULL);
    xapc_query_t *neg = combine(XAPC_OP_AND_NOT, scaled, tagged(term("b"), "excluded"));
    memset(&parts, 0, sizeof(parts));
    xapc_reader_explain(r, neg, NULL, docs, 4, take_part, &parts);
    tap_ok(fabs(parts.w[1][2] - 10.0) < 1e-12, "a scaled query has scaled parts");
    tap_is_int(parts.other_tags, 0, "AND_NOT: the excluded side has no part");
    /* SYNONYM merges its operands' weights: their tags go. */
    xapc_query_t *syn = combine(XAPC_OP_SYNONYM, tagged(term("a"), "x1"), tagged(term("b"), "x2"));
    memset(&parts, 0, sizeof(parts));
    xapc_reader_explain(r, syn, NULL, docs, 4, take_part, &parts);
    tap_is_int(parts.other_tags, 0, "SYNONYM: no part from its operands");
    xapc_query_destroy(syn);
    xapc_query_destroy(neg);
    xapc_query_destroy(docs);
    xapc_query_destroy(q);

    char *err = NULL;
    xapc_query_t *bad = NULL, *a = term("a");
    tap_is_int(xapc_query_const_weight(a, -1, &bad, &err), XAPC_E_INVALID_ARGUMENT,
               "a negative constant weight is refused");
    tap_ok(bad == NULL && err && strstr(err, "weight"), "... with a message: %s", err);
    free(err);
    tap_is_int(xapc_query_tag(a, "", &bad, NULL), XAPC_E_INVALID_ARGUMENT,
               "an empty tag is refused");
    xapc_query_destroy(a);
}

static int
count_term(void *ctx, const char *t, size_t len, uint32_t n)
{
    cn_buf_t *b = ctx;
    cn_buf_addf(b, "%.*s=%u ", (int)len, t, n);
    return 0;
}

static void
test_spies(xapc_reader_t *r)
{
    const char *prefixes[] = { "P", "O", "XP", "DM" };
    xapc_spy_t *terms = NULL, *values = NULL;
    char *err = NULL;
    tap_is_int(xapc_spy_terms_create(TERMS_SLOT, prefixes, 4, &terms, NULL), XAPC_OK, "term spy");
    tap_is_int(xapc_spy_values_create(0, &values, NULL), XAPC_OK, "value spy");
    xapc_spy_t *spies[2] = { terms, values };
    xapc_search_opts_t o;
    xapc_search_opts_init(&o);
    o.max_items = 1; /* the spies must still see every match */
    o.spies = spies;
    o.nspies = 2;
    xapc_query_t *all = NULL;
    xapc_query_match_all(&all, NULL);
    xapc_mset_t *m = NULL;
    for (int run = 0; run < 2; run++) {
        tap_is_int(xapc_reader_search(r, all, &o, &m), XAPC_OK, "search %d with spies", run);
        xapc_mset_destroy(m);
        cn_buf_t b = CN_BUF_INIT;
        xapc_spy_foreach(terms, count_term, &b);
        tap_is_str(b.data, "DM2022-11-19=1 DM2023=1 DM2023-11=1 DM2023-11-19=1 Oy=2 Px=2 XPfoo=1 ",
                   "run %d: exact term counts over all 3 matches (reset between runs)", run);
        cn_buf_clear(&b);
        xapc_spy_foreach(values, count_term, &b);
        tap_is_str(b.data, "2023-11-20=1 2023-11-22=1 ", "run %d: value counts", run);
        cn_buf_release(&b);
        tap_is_int(xapc_spy_documents(terms), 3, "run %d: term spy saw 3", run);
        tap_is_int(xapc_spy_documents(values), 3, "run %d: value spy saw 3", run);
    }

    srch_facets_t *f = NULL;
    tap_is_int(srch_facets_from_spy(terms, NULL, NULL, 1, &f), CN_OK, "facets from the spy");
    tap_is_int(f->passages, 3, "facets: 3 passages");
    tap_ok(f->f[SRCH_FACET_PEOPLE].n == 1 && strcmp(f->f[SRCH_FACET_PEOPLE].v[0].key, "x") == 0 &&
               f->f[SRCH_FACET_PEOPLE].v[0].count == 2 && !f->f[SRCH_FACET_PEOPLE].discovered,
           "facets: person x twice, from the dictionary terms");
    tap_ok(f->f[SRCH_FACET_DAYS].n == 1 &&
               strcmp(f->f[SRCH_FACET_DAYS].v[0].key, "2022-11-19") == 0,
           "facets: the limit keeps 1 day, ties by key");
    tap_ok(f->f[SRCH_FACET_MONTHS].n == 1 &&
               strcmp(f->f[SRCH_FACET_MONTHS].v[0].key, "2023-11") == 0,
           "facets: months are the DMYYYY-MM terms");
    srch_facets_destroy(f);

    srch_timeline_t *t = NULL;
    tap_is_int(srch_timeline_from_spy(values, SRCH_TIMELINE_MONTH, false, &t), CN_OK,
               "timeline per month");
    tap_ok(t->n == 1 && strcmp(t->v[0].date, "2023-11") == 0 && t->v[0].count == 2 &&
               t->undated == 1 && t->total == 3,
           "timeline: 2023-11 holds 2, one passage undated");
    srch_timeline_destroy(t);
    tap_is_int(srch_timeline_from_spy(values, SRCH_TIMELINE_DAY, false, &t), CN_OK,
               "timeline per day");
    tap_ok(t->n == 3 && strcmp(t->v[1].date, "2023-11-21") == 0 && t->v[1].count == 0 &&
               t->max == 1,
           "timeline: the empty day between is filled in");
    for (unsigned cols = 40; cols <= 120; cols += 40) {
        cn_buf_t b = CN_BUF_INIT;
        srch_print_timeline_text(&b, t, false, cols);
        size_t widest = 0;
        for (char *line = b.data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
            nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line) : strlen(line), w = 0, i = 0;
            if (strncmp(line, "2023-", 5) != 0)
                continue;
            while (i < len) {
                uint32_t cp;
                i += cn_utf8_decode(line + i, len - i, &cp);
                w += (size_t)cn_utf8_cp_width(cp);
            }
            widest = w > widest ? w : widest;
        }
        tap_ok(widest < cols && widest + 8 >= cols, "chart at %u columns: widest bar line %zu",
               cols, widest);
        cn_buf_release(&b);
    }
    srch_timeline_destroy(t);

    tap_is_int(xapc_spy_terms_create(TERMS_SLOT, prefixes, 0, &terms, &err), XAPC_E_INVALID_ARGUMENT,
               "a term spy wants a prefix");
    free(err);
    const char *empty[] = { "" };
    xapc_spy_t *none = NULL;
    tap_is_int(xapc_spy_terms_create(TERMS_SLOT, empty, 1, &none, NULL), XAPC_E_INVALID_ARGUMENT,
               "an empty prefix is refused");
    xapc_query_destroy(all);
    xapc_spy_destroy(spies[0]);
    xapc_spy_destroy(values);
}

static void
test_date_words(void)
{
    static const struct {
        const char *word, *key;
    } cases[] = {
        { "2023年11月19日", "2023-11-19" },
        { "令和5年11月19日", "2023-11-19" },
        { "2023년 11월 19일", "2023-11-19" },
        { "November 19, 2023", "2023-11-19" },
        { "2023-11", "2023-11" },
        { "2023年11月", "2023-11" },
        { "2023", "2023" },
        { "11月19日", "--11-19" },
        { "19日", "" },
        { "11月", "" },
        { "昨天", "" },
        { "2016年至2020年", "" },
        { "2023..2024", "" },
        { "微软", "" },
        { "1990年代", "" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char key[SRCH_DATE_KEY_MAX];
        bool is = srch_date_word_key(cases[i].word, strlen(cases[i].word), key);
        tap_ok(is == (cases[i].key[0] != '\0'), "date word? %s", cases[i].word);
        tap_is_str(key, cases[i].key, "date word key of %s", cases[i].word);
    }
    tap_ok(srch_date_word_is_year("2023") && !srch_date_word_is_year("2023-11"),
           "a year is only a boost");
    int years[] = { 2022, 2023 };
    xapc_query_t *q = NULL;
    char *desc = NULL;
    tap_is_int(srch_date_word_query("--11-19", 6, years, 2, &q, NULL), XAPC_OK,
               "yearless query");
    xapc_query_describe(q, &desc, NULL);
    tap_ok(desc && strstr(desc, "DM2022-11-19 OR DM2023-11-19") &&
               strstr(desc, "FixedWeightPostingSource(wt=6)"),
           "a yearless day is that day in each year, weighing 6: %s", desc);
    free(desc);
    xapc_query_destroy(q);
    tap_is_int(srch_date_word_query("--11-19", 6, NULL, 0, &q, NULL), XAPC_OK,
               "yearless, no year");
    tap_ok(q == NULL, "... no year in the index: no query");
}

int
main(void)
{
    if (!mkdtemp(tmpdir)) {
        tap_diag("mkdtemp failed");
        return 1;
    }
    const char *path = make_db();
    xapc_reader_t *r = NULL;
    xapc_reader_create(&r);
    if (xapc_reader_add_path(r, path) != XAPC_OK) {
        tap_diag("cannot open %s", path);
        return 1;
    }
    test_weights_and_explain(r);
    test_spies(r);
    test_date_words();
    xapc_reader_destroy(r);
    tap_remove_tree(tmpdir);
    return tap_done();
}
