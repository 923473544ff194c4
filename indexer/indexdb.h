/* SPDX-License-Identifier: MIT */
/* indexdb.h - the indexing core: articles -> passages -> Xapian documents.
 * Layout of what is written: schema/schema.h and docs/index-schema.md. */
#ifndef IDX_INDEXDB_H
#define IDX_INDEXDB_H
#include <stdbool.h>
#include <stddef.h>
#include "aliases.h"
#include "article.h"
#include "config.h"
#include "passage.h"
#include "status.h"
#include "tokenizer.h"
#include "xapc.h"

typedef struct idx_db idx_db_t;

/** The indexer's status for a wrapper status (XAPC_E_LOCKED is
 * CN_E_DB_LOCKED, XAPC_E_CORRUPT CN_E_DB_CORRUPT, ...). */
cn_status_t idx_db_status(xapc_status_t st);

typedef struct idx_stats {
    size_t articles;  /* articles indexed (added or replaced) */
    size_t replaced;  /* of which already in the index before */
    size_t passages;  /* passages written */
    size_t terms;     /* postings written */
    size_t deleted;   /* articles deleted by id */
    size_t commits;
} idx_stats_t;

/** Whether the databases created from now on (the index, the parallel
 * writers' shards) get Xapian's termlist table, which xapian-tcpsrv needs
 * to serve them (xapc.h, XAPC_WRITER_TERMLIST); off by default. Call
 * before opening any database. */
void idx_db_keep_termlist(int on);

/** The xapc_writer_open() mode every writer of the indexer uses. */
int idx_db_writer_mode(void);

/** Opens (creating if needed) the index at 'path' with the settings of
 * 'cfg' (borrowed; must outlive the handle). An existing index keeps the
 * tokenizer settings it was built with: a config asking for others is an
 * error, since index and query must fold alike. On failure *errmsg is a
 * malloc'd message. Returns CN_OK, CN_E_DB_LOCKED, CN_E_DB_CORRUPT, CN_E_DB,
 * CN_E_BAD_CONFIG, CN_E_NOMEM. */
cn_status_t idx_db_open(const char *path, const cfg_config_t *cfg,
                        idx_db_t **out, char **errmsg);

/* Whether the index is of schema 5: records of later passages leave the
 * article's fields to passage 0, and duplicate keys leave out the id. */
bool idx_db_shared_records(const idx_db_t *db);

/** Indexes 'a' (its id must be set), replacing any earlier version of the
 * same id. Commits every cfg->commit_every articles or cfg->commit_bytes
 * bytes of title and body, whichever comes first. */
cn_status_t idx_db_add(idx_db_t *db, const idx_article_t *a, char **errmsg);

/** Adds article 'a' cut into the passages 'p' as given (spans of its
 * title if 'use_title', else of its body) instead of cutting it by the
 * config, with a->dedup_term as its duplicate key: for a new database
 * filled from an existing one's passages (cjkindex --purge). Nothing is
 * looked up or replaced: 'a' must not be in the database. With workers
 * started, such articles go to the workers in turn (not by id: nothing
 * of the same id follows). */
cn_status_t idx_db_add_passages(idx_db_t *db, const idx_article_t *a, int use_title,
                                const idx_passages_t *p, char **errmsg);

/** Removes every passage of article 'id'. *found tells whether it was there. */
cn_status_t idx_db_delete(idx_db_t *db, const char *id, size_t id_len,
                          int *found, char **errmsg);

cn_status_t idx_db_commit(idx_db_t *db, char **errmsg);

/** Counts an article handled without idx_db_add() (a duplicate recorded
 * as a copy) toward index.commit_every, committing when it is reached. */
cn_status_t idx_db_count_article(idx_db_t *db, char **errmsg);

/** The underlying writer (owned by 'db'), for dedup.c's metadata. */
struct xapc_writer *idx_db_writer(idx_db_t *db);

/** Commits and closes; 'db' is freed whatever the result. */
cn_status_t idx_db_close(idx_db_t *db, char **errmsg);

const idx_stats_t *idx_db_stats(const idx_db_t *db);

/** Uses 'dict' (borrowed: must outlive the handle; NULL = none) to add
 * P<id> and O<id> terms for the entities each passage names. Create the
 * dictionary with idx_db_tok_options(db) so it folds as the index does. */
void idx_db_set_entities(idx_db_t *db, const ent_dict_t *dict);

/** The tokenizer options the index uses (valid while 'db' is open). */
const tok_options_t *idx_db_tok_options(const idx_db_t *db);

/** Splits an article body into passages with the config's sizes; an
 * article with an empty body has its title as its single passage (the
 * span then covers the title, and *use_title is set). */
void idx_article_passages(const idx_article_t *a, const cfg_config_t *cfg,
                          idx_passages_t *p, int *use_title);

/** Parallel writing (cjkindex -j N): starts one thread per path in
 * 'paths[0..n)', each writing its own database there (created if missing,
 * with the settings of 'db'; call idx_db_set_entities() first). From then
 * on idx_db_add() deletes the id in 'db' (counting it as replaced when it
 * was there) and hands a copy of the article to the thread its id hashes
 * to, which splits and writes its passages; idx_db_delete() also removes
 * the id from that thread's database. Dedup metadata stays in 'db'. The
 * result is 'db' plus the shards, merged by the caller (shards.h). */
cn_status_t idx_db_start_workers(idx_db_t *db, const char *const *paths, size_t n,
                                 char **errmsg);

/** Waits for the threads to write what they were given, commits and
 * closes their databases and adds their passage and term counts to the
 * stats of 'db'. Returns the first failure of any of them. */
cn_status_t idx_db_finish_workers(idx_db_t *db, char **errmsg);

#endif
