/* SPDX-License-Identifier: MIT */
/* main.c - cjkindex: the command line of the indexer. The only indexer
 * file that prints to the terminal or chooses an exit code. */
#include "aliases.h"
#include "buf.h"
#include "clean.h"
#include "cli.h"
#include "config.h"
#include "dedup.h"
#include "dates.h"
#include "entlist.h"
#include "indexdb.h"
#include "names.h"
#include "plan.h"
#include "purge.h"
#include "reader.h"
#include "schema.h"
#include "shards.h"
#include "tokenizer.h"
#include "xapc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CJKNEWS_VERSION "0.1.0"

static void
usage(FILE *fp)
{
    fputs("usage: cjkindex [-c CONFIG] [-d DB] [-j N] [--encoding CHARSET] PATH...\n"
          "       cjkindex -d DB --delete ID...\n"
          "       cjkindex -d DB --purge\n"
          "       cjkindex --analyze [--json] [--date YYYY-MM-DD] TEXT...\n"
          "       cjkindex --dump-passages PATH...\n"
          "       cjkindex --explain-clean PATH...\n"
          "       cjkindex -d DB --stats\n"
          "       cjkindex -d DB --entities [--yaml] [--dict PATH]...\n"
          "\n"
          "Indexes plain-text files (first line = title), JSON Lines dumps\n"
          "(.jsonl/.ndjson/.jl, or '-' for stdin) and JSON files into passages\n"
          "of a Xapian database. Directories are read recursively.\n"
          "\n"
          "  -d, --database DB     database directory (default: config 'database')\n"
          "  -c, --config FILE     YAML config (default: $CJKNEWS_CONFIG,\n"
          "                        ./cjknews.yaml, $XDG_CONFIG_HOME/cjknews/cjknews.yaml)\n"
          "      --encoding CS     force the input charset (default: detect)\n"
          "  -j, --jobs N          writer threads (default: online CPUs); with N > 1\n"
          "                        each writes its own database, merged at the end\n"
          "      --delete          remove the articles whose ids follow\n"
          "      --purge           rewrite DB without the passages of deleted and\n"
          "                        replaced articles (they stay, hidden, until then)\n"
          "      --analyze         print the tokens of TEXT with positions and offsets\n"
          "      --json            with --analyze: JSON Lines\n"
          "      --date DATE       with --analyze: the article date that partial and\n"
          "                        relative dates (11月19日, 昨天) are resolved against\n"
          "      --dump-passages   print the passages PATHs would give, as JSON Lines\n"
          "      --explain-clean   print each line with KEEP or DROP and the reason\n"
          "      --stats           print the article, passage and copy counts of DB\n"
          "      --termlist        create DB with Xapian's termlist table, which\n"
          "                        xapian-tcpsrv needs to serve it (larger, slower)\n"
          "      --dict PATH       entity dictionary: a YAML file or a directory of them\n"
          "                        (config/entities/); repeatable; replaces the config's\n"
          "                        entities.dict. Indexing adds the\n"
          "                        people and organisations it names; --analyze shows them\n"
          "      --entities        list the entities indexed in DB with passage counts,\n"
          "                        then the candidates discovered in the text\n"
          "      --yaml            with --entities: only the candidates, as YAML to curate\n"
          "  -q, --quiet           no progress or summary, only errors\n"
          "  -h, --help            this text\n"
          "      --version         print the version\n"
          "\n"
          "Exit status: 0 all indexed, 1 some records rejected (all reported),\n"
          "2 usage or config error, 3 database error, 75 database locked.\n",
          fp);
}

/* ---- --analyze ---------------------------------------------------- */

struct analyze_ctx {
    const char *text;
    int json;
    cn_buf_t line;
    const ent_dict_t *dict; /* NULL: no entity lines */
};

static int
print_token(void *vctx, const tok_token_t *t)
{
    struct analyze_ctx *c = vctx;
    cn_buf_clear(&c->line);
    const char *kind = (t->flags & TOK_CJK)
                           ? ((t->flags & TOK_UNIGRAM) ? "unigram" : "bigram")
                           : ((t->flags & TOK_NUMBER) ? "number" : "word");
    if (c->json) {
        cn_buf_addf(&c->line, "{\"pos\":%u,\"term\":\"", t->pos);
        cn_buf_add_json_str(&c->line, t->term, t->term_len);
        cn_buf_addf(&c->line, "\",\"start\":%zu,\"end\":%zu,\"source\":\"", t->start_off,
                    t->end_off);
        cn_buf_add_json_str(&c->line, c->text + t->start_off, t->end_off - t->start_off);
        cn_buf_addf(&c->line, "\",\"type\":\"%s\"%s}\n", kind,
                    (t->flags & TOK_RUN_END) ? ",\"run_end\":true" : "");
    } else {
        cn_buf_addf(&c->line, "%4u  %-12.*s %5zu-%-5zu %.*s  %s%s\n", t->pos,
                    (int)t->term_len, t->term, t->start_off, t->end_off,
                    (int)(t->end_off - t->start_off), c->text + t->start_off, kind,
                    (t->flags & TOK_RUN_END) ? " run-end" : "");
    }
    fwrite(c->line.data, 1, c->line.len, stdout);
    return 0;
}

/* The dates found in the text, after its tokens (entities/dates.h). */
static int
print_date(void *vctx, const ent_date_t *d)
{
    struct analyze_ctx *c = vctx;
    char from[11], to[11];
    ent_ymd_format(&d->start, ENT_PREC_DAY, from);
    ent_ymd_format(&d->end, ENT_PREC_DAY, to);
    const char *how = (d->flags & ENT_DATE_RELATIVE)   ? "relative"
                      : (d->flags & ENT_DATE_INFERRED) ? "inferred"
                                                       : "explicit";
    cn_buf_clear(&c->line);
    if (c->json) {
        cn_buf_addstr(&c->line, "{\"date\":\"");
        cn_buf_add_json_str(&c->line, c->text + d->start_off, d->end_off - d->start_off);
        cn_buf_addf(&c->line, "\",\"start\":%zu,\"end\":%zu,\"from\":\"%s\",\"to\":\"%s\","
                    "\"precision\":\"%s\",\"how\":\"%s\"%s}\n", d->start_off, d->end_off,
                    from, to, ent_date_prec_name(d->prec), how,
                    (d->flags & ENT_DATE_RANGE) ? ",\"range\":true" : "");
    } else {
        cn_buf_addf(&c->line, "date  %.*s  %zu-%zu  %s..%s  %s  %s%s\n",
                    (int)(d->end_off - d->start_off), c->text + d->start_off, d->start_off,
                    d->end_off, from, to, ent_date_prec_name(d->prec), how,
                    (d->flags & ENT_DATE_RANGE) ? " range" : "");
    }
    fwrite(c->line.data, 1, c->line.len, stdout);
    return 0;
}

/* The dictionary entities found in the text (entities/aliases.h). */
static int
print_entity(void *vctx, const ent_entity_t *e, size_t alias, size_t start_off,
             size_t end_off)
{
    struct analyze_ctx *c = vctx;
    cn_buf_clear(&c->line);
    if (c->json) {
        cn_buf_addstr(&c->line, "{\"entity\":\"");
        cn_buf_add_json_str(&c->line, e->id, strlen(e->id));
        cn_buf_addf(&c->line, "\",\"type\":\"%s\",\"start\":%zu,\"end\":%zu,\"source\":\"",
                    ent_type_name(e->type), start_off, end_off);
        cn_buf_add_json_str(&c->line, c->text + start_off, end_off - start_off);
        cn_buf_addstr(&c->line, "\",\"alias\":\"");
        cn_buf_add_json_str(&c->line, e->aliases[alias], strlen(e->aliases[alias]));
        cn_buf_addstr(&c->line, "\"}\n");
    } else {
        cn_buf_addf(&c->line, "entity  %.*s  %zu-%zu  %s %s (alias %s)\n",
                    (int)(end_off - start_off), c->text + start_off, start_off, end_off,
                    ent_type_name(e->type), e->id, e->aliases[alias]);
    }
    fwrite(c->line.data, 1, c->line.len, stdout);
    return 0;
}

/* Candidate names discovered in the text (entities/names.h). */
static int
print_candidate_found(void *vctx, const ent_candidate_t *cand)
{
    struct analyze_ctx *c = vctx;
    cn_buf_clear(&c->line);
    if (c->json) {
        cn_buf_addstr(&c->line, "{\"candidate\":\"");
        cn_buf_add_json_str(&c->line, cand->name, cand->name_len);
        cn_buf_addf(&c->line, "\",\"type\":\"%s\",\"how\":\"%s\",\"start\":%zu,\"end\":%zu",
                    ent_type_name(cand->type), ent_found_name(cand->how), cand->start_off,
                    cand->end_off);
        if (cand->alias_len) {
            cn_buf_addstr(&c->line, ",\"alias\":\"");
            cn_buf_add_json_str(&c->line, cand->alias, cand->alias_len);
            cn_buf_addch(&c->line, '"');
        }
        cn_buf_addstr(&c->line, "}\n");
    } else {
        cn_buf_addf(&c->line, "candidate  %.*s  %zu-%zu  %s %s%s%.*s\n", (int)cand->name_len,
                    cand->name, cand->start_off, cand->end_off, ent_type_name(cand->type),
                    ent_found_name(cand->how), cand->alias_len ? "  alias " : "",
                    (int)cand->alias_len, cand->alias_len ? cand->alias : "");
    }
    fwrite(c->line.data, 1, c->line.len, stdout);
    return 0;
}

static int
run_analyze(const cfg_config_t *cfg, char **texts, int n, int json, const ent_ymd_t *date,
            const ent_dict_t *dict)
{
    tok_options_t o;
    tok_options_init(&o);
    o.fold_traditional = cfg->fold_traditional;
    struct analyze_ctx c = { NULL, json, CN_BUF_INIT, dict };
    ent_names_opts_t names;
    cn_cli_names_opts(cfg, &names);
    for (int i = 0; i < n; i++) {
        c.text = texts[i];
        if (!json)
            printf("# %s\n# pos  term         bytes       source  type\n", texts[i]);
        if (tok_tokenize(&o, TOK_DOCUMENT, texts[i], strlen(texts[i]), print_token, &c)) {
            cn_cli_error("out of memory");
            return CN_EXIT_INTERNAL;
        }
        ent_dates_find(texts[i], strlen(texts[i]), date, print_date, &c);
        ent_names_discover_opts(&names, texts[i], strlen(texts[i]), print_candidate_found, &c);
        if (dict && ent_dict_match(dict, texts[i], strlen(texts[i]), print_entity, &c)) {
            cn_cli_error("out of memory");
            return CN_EXIT_INTERNAL;
        }
    }
    cn_buf_release(&c.line);
    return CN_EXIT_OK;
}

/* ---- indexing ----------------------------------------------------- */

struct reason_count {
    char *reason;
    size_t count;
};

struct run {
    const cfg_config_t *cfg;
    idx_db_t *db;
    int dump;          /* --dump-passages: print instead of indexing */
    int quiet;
    cn_status_t fatal; /* a database error stops the run */
    idx_passages_t passages;
    cn_buf_t out;
    struct reason_count reasons[16];
    size_t nreasons, dumped_articles, dumped_passages;
    idx_cleaner_t *cleaner; /* NULL when clean.enabled is false */
    int explain;            /* --explain-clean */
    size_t dropped_lines;
    idx_dedup_t *dedup;     /* NULL when dedup.enabled is false or dumping */
};

/* Groups reasons by their text before the first ':' for the summary. */
static void
count_reason(struct run *r, const char *reason)
{
    size_t n = strcspn(reason, ":");
    for (size_t i = 0; i < r->nreasons; i++) {
        if (strlen(r->reasons[i].reason) == n && strncmp(r->reasons[i].reason, reason, n) == 0) {
            r->reasons[i].count++;
            return;
        }
    }
    size_t slot = r->nreasons < 16 ? r->nreasons++ : 15;
    if (slot == 15 && r->reasons[15].reason) {
        r->reasons[15].count++;
        return;
    }
    r->reasons[slot].reason = strndup(reason, n);
    r->reasons[slot].count = 1;
}

static void
on_reject(void *vctx, const char *file, size_t line, size_t col, const char *reason)
{
    struct run *r = vctx;
    count_reason(r, reason);
    if (line && col)
        cn_cli_error("%s:%zu:%zu: %s", file, line, col, reason);
    else if (line)
        cn_cli_error("%s:%zu: %s", file, line, reason);
    else
        cn_cli_error("%s: %s", file, reason);
}

static void
dump_article(struct run *r, idx_article_t *a)
{
    int use_title;
    idx_article_passages(a, r->cfg, &r->passages, &use_title);
    const char *base = use_title ? a->title.data : a->body.data;
    for (size_t i = 0; i < r->passages.count; i++) {
        const idx_span_t *sp = &r->passages.spans[i];
        cn_buf_clear(&r->out);
        cn_buf_addstr(&r->out, "{\"id\":\"");
        cn_buf_add_json_str(&r->out, a->id.data, a->id.len);
        cn_buf_addf(&r->out, "#%zu\",\"article_id\":\"", i);
        cn_buf_add_json_str(&r->out, a->id.data, a->id.len);
        cn_buf_addf(&r->out, "\",\"passage_no\":%zu,\"title\":\"", i);
        cn_buf_add_json_str(&r->out, a->title.data, a->title.len);
        cn_buf_addstr(&r->out, "\",\"date\":\"");
        cn_buf_add_json_str(&r->out, a->date.data, a->date.len);
        cn_buf_addstr(&r->out, "\",\"text\":\"");
        cn_buf_add_json_str(&r->out, base + sp->off, sp->len);
        cn_buf_addstr(&r->out, "\"}\n");
        fwrite(r->out.data, 1, r->out.len, stdout);
        r->dumped_passages++;
    }
    r->dumped_articles++;
}

static void
explain_line(void *ctx, const char *field, const char *line, size_t len, const char *reason)
{
    (void)ctx;
    printf("%s\t%s\t%s\t%.*s\n", reason ? "DROP" : "KEEP", field, reason ? reason : "-",
           (int)len, line);
}

static int
on_article(void *vctx, idx_article_t *a)
{
    struct run *r = vctx;
    idx_article_ensure_id(a);
    if (a->replaced_bytes && !r->quiet) {
        if (a->origin_line)
            cn_cli_error("%s:%zu: warning: %zu invalid byte(s) replaced by U+FFFD",
                         a->origin_file, a->origin_line, a->replaced_bytes);
        else
            cn_cli_error("%s: warning: %zu invalid byte(s) replaced by U+FFFD",
                         a->origin_file, a->replaced_bytes);
    }
    if (r->cleaner &&
        idx_cleaner_article(r->cleaner, a, r->explain ? explain_line : NULL, NULL,
                            &r->dropped_lines) != CN_OK) {
        cn_cli_error("out of memory");
        r->fatal = CN_E_NOMEM;
        return 1;
    }
    if (r->explain)
        return 0;
    if (r->dump) {
        dump_article(r, a);
        return 0;
    }
    char *err = NULL;
    cn_status_t st = r->dedup ? idx_dedup_add(r->dedup, r->db, a, &err)
                              : idx_db_add(r->db, a, &err);
    if (st != CN_OK) {
        cn_cli_error("%s%s%zu: cannot index article '%s': %s", a->origin_file,
                     a->origin_line ? ":" : "", a->origin_line, a->id.data,
                     err ? err : cn_status_to_string(st));
        free(err);
        r->fatal = st;
        return 1;
    }
    return 0;
}

static void
print_summary(struct run *r, const idx_reader_t *rd, const char *db_path)
{
    cn_buf_t m = CN_BUF_INIT;
    if (r->dump) {
        cn_buf_addf(&m, "%zu articles, %zu passages", r->dumped_articles,
                    r->dumped_passages);
    } else {
        const idx_stats_t *s = idx_db_stats(r->db);
        cn_buf_addf(&m, "indexed %zu article%s (%zu replaced) as %zu passage%s into '%s'",
                    s->articles, s->articles == 1 ? "" : "s", s->replaced, s->passages,
                    s->passages == 1 ? "" : "s", db_path);
    }
    cn_buf_addf(&m, " from %zu file%s; rejected %zu", rd->files_read,
                rd->files_read == 1 ? "" : "s", rd->records_rejected);
    for (size_t i = 0; i < r->nreasons; i++)
        cn_buf_addf(&m, "%s%s: %zu", i ? ", " : " (", r->reasons[i].reason,
                    r->reasons[i].count);
    if (r->nreasons)
        cn_buf_addch(&m, ')');
    if (r->cleaner)
        cn_buf_addf(&m, "; %zu boilerplate line%s dropped", r->dropped_lines,
                    r->dropped_lines == 1 ? "" : "s");
    if (r->dedup)
        cn_buf_addf(&m, "; %zu duplicate%s recorded as copies", idx_dedup_copies(r->dedup),
                    idx_dedup_copies(r->dedup) == 1 ? "" : "s");
    if (rd->replaced_bytes)
        cn_buf_addf(&m, "; %zu invalid byte(s) replaced by U+FFFD", rd->replaced_bytes);
    cn_cli_error("%s", m.data);
    cn_buf_release(&m);
}

/* Counts the terms that some live (not tombstoned) passage holds. */
struct live_ctx {
    xapc_reader_t *r;
    bool dead; /* the index holds tombstones */
    size_t n;
    xapc_status_t xs;
};

static int
count_term(void *vctx, const char *term, size_t len, uint32_t freq)
{
    struct live_ctx *c = vctx;
    if (c->dead && (c->xs = xapc_reader_live_termfreq(c->r, term, len, &freq)) != XAPC_OK)
        return 1;
    c->n += freq > 0;
    return 0;
}

/* --stats: counts of the last commit, for scripts and tests. */
static int
run_stats(const char *db_path)
{
    xapc_reader_t *rd = NULL;
    uint32_t passages = 0;
    struct live_ctx articles = { NULL, false, 0, XAPC_OK };
    xapc_status_t xs = xapc_reader_create(&rd);
    articles.r = rd;
    if (!xs)
        xs = xapc_reader_add_path(rd, db_path);
    if (!xs)
        xs = xapc_reader_live_doccount(rd, &passages);
    if (!xs)
        xs = xapc_reader_has_tombstones(rd, &articles.dead);
    if (!xs)
        xs = xapc_reader_allterms(rd, "A", 1, count_term, &articles);
    if (!xs)
        xs = articles.xs;
    if (xs) {
        cn_cli_error("cannot read '%s': %s", db_path,
                     rd ? xapc_reader_last_error(rd) : "out of memory");
        xapc_reader_destroy(rd);
        return CN_EXIT_DB;
    }
    printf("articles %zu\npassages %u\n", articles.n, passages);
    xapc_reader_destroy(rd);
    return CN_EXIT_OK;
}

/* --purge (indexer/purge.h). */
static int
run_purge(const char *db_path, const cfg_config_t *cfg, const ent_dict_t *dict, size_t jobs,
          int quiet)
{
    idx_purge_stats_t ps;
    char *err = NULL;
    cn_status_t st = idx_purge(db_path, cfg, dict, jobs, &ps, &err);
    if (st != CN_OK) {
        cn_cli_error("cannot purge '%s': %s", db_path, err ? err : cn_status_to_string(st));
        free(err);
        return cn_cli_exit_code(st);
    }
    if (!quiet)
        fprintf(stderr,
                "cjkindex: purged %s: %zu articles (%zu passages) rewritten, %zu deleted or "
                "replaced passages dropped, %zu duplicate records kept\n",
                db_path, ps.articles, ps.passages, ps.dropped, ps.metadata);
    return CN_EXIT_OK;
}

static int
run_delete(idx_db_t *db, char **ids, int n)
{
    int missing = 0;
    for (int i = 0; i < n; i++) {
        int found = 0;
        char *err = NULL;
        int copy = 0;
        cn_status_t st = idx_db_delete(db, ids[i], strlen(ids[i]), &found, &err);
        if (st == CN_OK)
            st = idx_dedup_delete_copy(db, ids[i], strlen(ids[i]), &copy, &err);
        found |= copy;
        if (st != CN_OK) {
            cn_cli_error("cannot delete '%s': %s", ids[i], err ? err : "");
            free(err);
            return cn_cli_exit_code(st);
        }
        if (!found) {
            cn_cli_error("no article with id '%s'", ids[i]);
            missing = 1;
        }
    }
    return missing ? CN_EXIT_NONE : CN_EXIT_OK;
}

/* Loads every --dict PATH (none given: the config's entities.dict) into a
 * dictionary that folds as 'cfg' says. */
static int
load_dicts(const cfg_config_t *cfg, char **given, int ngiven, ent_dict_t **out)
{
    *out = NULL;
    cfg_strings_t list;
    if (cn_cli_dict_paths(cfg, (const char *const *)given, (size_t)ngiven, &list))
        return CN_EXIT_INTERNAL;
    char **paths = list.v;
    int n = (int)list.n;
    if (n == 0)
        return CN_EXIT_OK;
    tok_options_t o;
    tok_options_init(&o);
    o.fold_traditional = cfg->fold_traditional;
    if (ent_dict_create(&o, out) != CN_OK) {
        cn_cli_error("out of memory");
        cfg_strings_release(&list);
        return CN_EXIT_INTERNAL;
    }
    for (int i = 0; i < n; i++) {
        char *err = NULL;
        cn_status_t st = ent_dict_load_path(*out, paths[i], &err);
        if (st != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            ent_dict_destroy(*out);
            *out = NULL;
            cfg_strings_release(&list);
            return st == CN_E_NOMEM ? CN_EXIT_INTERNAL : CN_EXIT_USAGE;
        }
    }
    cfg_strings_release(&list);
    return CN_EXIT_OK;
}

int
main(int argc, char **argv)
{
    enum { OPT_ANALYZE = 256, OPT_JSON, OPT_DUMP, OPT_DELETE, OPT_ENCODING, OPT_VERSION,
           OPT_EXPLAIN_CLEAN, OPT_STATS, OPT_DATE, OPT_DICT, OPT_ENTITIES, OPT_YAML,
           OPT_TERMLIST, OPT_PURGE };
    enum { MAX_DICTS = 32 };
    char *dict_paths[MAX_DICTS];
    int ndicts = 0, entities = 0, yaml = 0;
    static const struct option opts[] = {
        { "database", required_argument, NULL, 'd' },
        { "config", required_argument, NULL, 'c' },
        { "encoding", required_argument, NULL, OPT_ENCODING },
        { "analyze", no_argument, NULL, OPT_ANALYZE },
        { "json", no_argument, NULL, OPT_JSON },
        { "date", required_argument, NULL, OPT_DATE },
        { "dict", required_argument, NULL, OPT_DICT },
        { "entities", no_argument, NULL, OPT_ENTITIES },
        { "yaml", no_argument, NULL, OPT_YAML },
        { "dump-passages", no_argument, NULL, OPT_DUMP },
        { "delete", no_argument, NULL, OPT_DELETE },
        { "purge", no_argument, NULL, OPT_PURGE },
        { "explain-clean", no_argument, NULL, OPT_EXPLAIN_CLEAN },
        { "stats", no_argument, NULL, OPT_STATS },
        { "termlist", no_argument, NULL, OPT_TERMLIST },
        { "jobs", required_argument, NULL, 'j' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    const char *db_path = NULL, *config_path = NULL, *encoding = NULL;
    int analyze = 0, json = 0, dump = 0, del = 0, quiet = 0, explain = 0, stats = 0, c;
    int termlist = 0, purge = 0;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    ent_ymd_t article_date, *date = NULL;
    cn_cli_set_prog("cjkindex");
    while ((c = getopt_long(argc, argv, "d:c:qhj:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'c': config_path = optarg; break;
        case 'q': quiet = 1; break;
        case 'j': {
            char *end;
            jobs = strtol(optarg, &end, 10);
            if (*end || end == optarg || jobs < 1 || jobs > 256) {
                cn_cli_error("-j wants a number of writers from 1 to 256, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            break;
        }
        case 'h': usage(stdout); return CN_EXIT_OK;
        case OPT_ENCODING: encoding = optarg; break;
        case OPT_ANALYZE: analyze = 1; break;
        case OPT_JSON: json = 1; break;
        case OPT_ENTITIES: entities = 1; break;
        case OPT_YAML: yaml = 1; break;
        case OPT_DICT:
            if (ndicts == MAX_DICTS) {
                cn_cli_error("at most %d --dict options", MAX_DICTS);
                return CN_EXIT_USAGE;
            }
            dict_paths[ndicts++] = optarg;
            break;
        case OPT_DATE:
            if (!ent_ymd_parse_iso(optarg, strlen(optarg), &article_date)) {
                cn_cli_error("--date wants YYYY-MM-DD, not '%s'", optarg);
                return CN_EXIT_USAGE;
            }
            date = &article_date;
            break;
        case OPT_DUMP: dump = 1; break;
        case OPT_DELETE: del = 1; break;
        case OPT_PURGE: purge = 1; break;
        case OPT_EXPLAIN_CLEAN: explain = dump = 1; break;
        case OPT_STATS: stats = 1; break;
        case OPT_TERMLIST: termlist = 1; break;
        case OPT_VERSION:
            printf("cjkindex %s (xapian %s)\n", CJKNEWS_VERSION, xapc_version_string());
            return CN_EXIT_OK;
        default: usage(stderr); return CN_EXIT_USAGE;
        }
    }
    if (purge && (optind < argc || del || analyze || dump || stats || entities)) {
        cn_cli_error("--purge takes no PATH and no other action");
        usage(stderr);
        return CN_EXIT_USAGE;
    }
    if (optind >= argc && !stats && !entities && !purge) {
        cn_cli_error("nothing to do: give %s", analyze ? "TEXT" : del ? "IDs" : "PATHs");
        usage(stderr);
        return CN_EXIT_USAGE;
    }
    cfg_config_t cfg;
    if (cn_cli_load_config(&cfg, config_path)) {
        cfg_config_release(&cfg);
        return CN_EXIT_USAGE;
    }
    ent_dict_t *dict = NULL;
    int rc = load_dicts(&cfg, dict_paths, ndicts, &dict);
    if (rc != CN_EXIT_OK || analyze || entities) {
        if (rc == CN_EXIT_OK && analyze)
            rc = run_analyze(&cfg, argv + optind, argc - optind, json, date, dict);
        else if (rc == CN_EXIT_OK)
            rc = idx_list_entities(db_path ? db_path : cfg.database, dict, yaml);
        ent_dict_destroy(dict);
        cfg_config_release(&cfg);
        return rc;
    }
    if (!db_path)
        db_path = cfg.database;
    /* A database built with a termlist (for xapian-tcpsrv) keeps one in
     * every database this run creates, the -j shards included. */
    idx_db_keep_termlist(termlist || (db_path && xapc_database_has_termlist(db_path)));
    if (purge) {
        rc = run_purge(db_path, &cfg, dict, (size_t)jobs, quiet);
        ent_dict_destroy(dict);
        cfg_config_release(&cfg);
        return rc;
    }
    struct run r;
    memset(&r, 0, sizeof(r));
    r.cfg = &cfg;
    r.dump = dump;
    r.quiet = quiet || explain;
    r.explain = explain;
    cn_buf_init(&r.out);
    char *err = NULL;
    if ((cfg.clean || explain) && idx_cleaner_create(&r.cleaner) != CN_OK) {
        cn_cli_error("out of memory");
        ent_dict_destroy(dict);
        cfg_config_release(&cfg);
        return CN_EXIT_INTERNAL;
    }
    /* -j N > 1: N writer threads with their own databases, merged into
     * db_path at the end (indexer/shards.h); the target stays as it was
     * until then. Deletes, stats and dumps use one writer, and so does a
     * small addition to a large index (indexer/plan.h). */
    int parallel = !dump && !del && !stats && jobs > 1;
    if (parallel) {
        /* Adding a little to a large index: one writer in place, since a
         * merge would rewrite the whole index (indexer/plan.h). */
        idx_plan_t plan;
        cn_status_t st = idx_plan_writers(db_path, (const char *const *)argv + optind,
                                          (size_t)(argc - optind), (size_t)jobs, &plan, &err);
        if (st != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            idx_cleaner_destroy(r.cleaner);
            ent_dict_destroy(dict);
            cfg_config_release(&cfg);
            return cn_cli_exit_code(st);
        }
        parallel = plan.writers > 1;
    }
    idx_shards_t shards;
    memset(&shards, 0, sizeof(shards));
    if (!dump) {
        const char *open_path = db_path;
        cn_status_t st = CN_OK;
        if (parallel) {
            st = idx_shards_prepare(&shards, db_path, (size_t)jobs, &err);
            open_path = shards.base;
        }
        if (st == CN_OK)
            st = idx_db_open(open_path, &cfg, &r.db, &err);
        if (st == CN_OK && cfg.dedup && !del && !stats)
            st = idx_dedup_open(&r.dedup, open_path, &cfg, &err);
        if (st == CN_OK)
            idx_db_set_entities(r.db, dict);
        if (st == CN_OK && parallel)
            st = idx_db_start_workers(r.db, (const char *const *)shards.shards,
                                      shards.nshards, &err);
        if (st != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            idx_db_close(r.db, NULL);
            idx_shards_release(&shards);
            idx_dedup_destroy(r.dedup);
            idx_cleaner_destroy(r.cleaner);
            ent_dict_destroy(dict);
            cfg_config_release(&cfg);
            return cn_cli_exit_code(st);
        }
    }
    int merge = parallel;
    if (stats) {
        rc = run_stats(db_path);
    } else if (del) {
        rc = run_delete(r.db, argv + optind, argc - optind);
    } else {
        idx_reader_t rd;
        memset(&rd, 0, sizeof(rd));
        rd.fields = &cfg.fields;
        rd.encoding = encoding ? encoding : cfg.encoding;
        rd.format = cfg.format;
        rd.body_markup = cfg.body_markup;
        rd.on_article = on_article;
        rd.on_reject = on_reject;
        rd.ctx = &r;
        cn_status_t st = CN_OK;
        for (int i = optind; i < argc && st == CN_OK && !rd.stopped; i++)
            st = idx_reader_read_path(&rd, argv[i]);
        if (st != CN_OK)
            r.fatal = st;
        if (parallel && (st = idx_db_finish_workers(r.db, &err)) != CN_OK) {
            /* A shard failed: keep the target as it was. */
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            err = NULL;
            merge = 0;
            if (!r.fatal)
                r.fatal = st;
        }
        if (!r.quiet || r.fatal)
            print_summary(&r, &rd, db_path);
        rc = r.fatal ? cn_cli_exit_code(r.fatal)
             : rd.records_rejected ? CN_EXIT_NONE : CN_EXIT_OK;
    }
    if (r.db) {
        /* Whatever happened, what was indexed so far is committed. */
        cn_status_t st = idx_db_close(r.db, &err);
        if (st != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            err = NULL;
            rc = cn_cli_exit_code(st);
            merge = 0;
        }
        if (merge && (st = idx_shards_merge(&shards, &err)) != CN_OK) {
            cn_cli_error("%s", err ? err : cn_status_to_string(st));
            free(err);
            rc = cn_cli_exit_code(st);
        }
    }
    idx_shards_release(&shards);
    for (size_t i = 0; i < r.nreasons; i++)
        free(r.reasons[i].reason);
    idx_dedup_destroy(r.dedup);
    idx_cleaner_destroy(r.cleaner);
    idx_passages_release(&r.passages);
    cn_buf_release(&r.out);
    ent_dict_destroy(dict);
    cfg_config_release(&cfg);
    return rc;
}
