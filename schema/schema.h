/* SPDX-License-Identifier: MIT */
/* schema.h - how a passage is stored in the index: the one place both
 * programs agree on term prefixes, value slots, metadata keys and the
 * layout of the document data. Documented in docs/index-schema.md. */
#ifndef CN_SCHEMA_H
#define CN_SCHEMA_H
#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "status.h"

/* Bump when the layout changes; the searcher refuses other versions.
 * 6: the hot characters (CN_META_HOT_CHARS, tokenizer/hot.h) are also
 * indexed as unigrams at every occurrence, and no other character gets a
 * first-character term at the start of its runs: a query reaches those
 * through the wildcard over terms starting with it
 * (docs/index-schema.md, "Hot characters");
 * 5: the records of an article's later passages leave its id, title and
 * URL to its passage 0, and its duplicate key (CN_PREFIX_DUPKEY) holds no
 * id (indexer/dedup.c) (record version
 * CN_RECORD_VERSION_SHARED, docs/index-schema.md "Document data");
 * 4: the stored records may be zstd frames (xapc_writer_set_dictionary);
 * 3: the same layout, records stored as they are. 5, 4 and 3 are still
 * read, and still written when the indexer adds to such an index (so that
 * older searchers keep reading it). */
#define CN_SCHEMA_VERSION "6"
#define CN_SCHEMA_VERSION_STARTS "5"
#define CN_SCHEMA_VERSION_FULL "4"
#define CN_SCHEMA_VERSION_PLAIN "3"
/* The first field of every stored record: the record layout. 3: every
 * record holds all fields; 4 (schema 5): a record of passage n > 0 leaves
 * the article's id, title and URL empty, and they are those of passage 0,
 * stored just before it (n ids earlier in its shard: an article's passages
 * are added together, in order). Date, source and language stay in every
 * record: the text check reads them (searcher/verify.c). */
#define CN_RECORD_VERSION "3"
#define CN_RECORD_VERSION_SHARED "4"

/* Term prefixes. Unprefixed terms are the tokenizer's body terms; every
 * prefix is upper-case ASCII, which the tokenizer never emits (it case
 * folds), so the two spaces cannot collide. */
/* Q<article id>#<passage no>, unique per passage: written by earlier
 * builds of schema 3 only, read by nothing now (explain.c names a passage
 * by its A term and CN_SLOT_PASSAGE_NO); kept so that the letter is not
 * reused. */
#define CN_PREFIX_PASSAGE_ID "Q"
#define CN_PREFIX_ARTICLE    "A" /* A<article id>: all passages of an article */
#define CN_PREFIX_TITLE      "S" /* S<token>: the article title's terms (no positions) */
#define CN_PREFIX_DATE       "D" /* D2023-11-19, D2023-11, D2023 */
/* DM2023-11-19, DM2023-11, DM2023: dates the passage text mentions
 * (entities/dates.h), at the precision the text gave and coarser. */
#define CN_PREFIX_MENTIONED_DATE "DM"
/* P<entity id> / O<entity id>: a person or organisation of the entity
 * dictionary (entities/aliases.h) named in the passage. */
#define CN_PREFIX_PERSON     "P"
#define CN_PREFIX_ORG        "O"
/* Candidates discovered in the text (entities/names.h), for curation:
 * XP<name> a person, XO<name> an organisation, XA<name>\t<alias> a
 * second form seen with it (the Latin name in brackets, the last part). */
#define CN_PREFIX_CAND_PERSON "XP"
#define CN_PREFIX_CAND_ORG    "XO"
#define CN_PREFIX_CAND_ALIAS  "XA"
#define CN_PREFIX_SOURCE     "XS" /* XS<source, case-folded> */
#define CN_PREFIX_LANG       "L" /* L<lang> */
/* H<simhash><exact hash><s|x> (schema 5: binary, 18 bytes; older: hex, then
 * ":<article id>"), indexer/dedup.c */
#define CN_PREFIX_DUPKEY     "H"

/* Value slots. */
enum {
    CN_SLOT_DATE = 0,       /* "YYYY-MM-DD" (string order is date order) */
    CN_SLOT_ARTICLE = 1,    /* cn_article_key() of the article id: the collapse
                             * key (per-article cap) and the tie order; indexes
                             * written before 2026-11-27 hold the id itself */
    CN_SLOT_PASSAGE_NO = 2, /* passage number in its article, decimal */
    CN_SLOT_MENTIONED_DATE = 3, /* "YYYY-MM-DD": first day of the first most
                                 * precise date the passage mentions */
    /* The passage's CN_VALUE_TERM_PREFIXES terms (xapc_document_set_value_terms):
     * what facets count and the text check tests, since the index keeps
     * no termlist (docs/index-schema.md, "No termlist"). */
    CN_SLOT_TERMS = 4
};

/* The prefixes of the terms copied into CN_SLOT_TERMS: dates mentioned,
 * entities and candidates. D, XS and L terms are left out: the article
 * date is in CN_SLOT_DATE, source and language in the document data (on
 * the bench corpus they were 70% of the slot's bytes). */
#define CN_VALUE_TERM_PREFIXES                                                          \
    { CN_PREFIX_MENTIONED_DATE, CN_PREFIX_PERSON, CN_PREFIX_ORG, CN_PREFIX_CAND_PERSON, \
      CN_PREFIX_CAND_ORG }

/* Metadata keys. */
#define CN_META_SCHEMA "cjknews.schema"
#define CN_META_FOLD_TRADITIONAL "cjknews.fold_traditional" /* "1" or "0" */
#define CN_META_COPIES "cjknews.copies." /* + article id: its duplicates (dedup.c) */
#define CN_META_COPYOF "cjknews.copyof." /* + article id: its canonical (dedup.c) */
#define CN_META_FOLD_TABLE "cjknews.fold_table"             /* tok_fold_table_id() */
/* Schema 6: the characters indexed as unigrams everywhere, UTF-8 in code
 * point order (tokenizer/hot.h). */
#define CN_META_HOT_CHARS "cjknews.hot_chars"

/* The stored record of a passage. Each field is a borrowed pointer + length;
 * after cn_record_decode() they point into the data given to it. */
typedef struct cn_record {
    const char *article_id; size_t article_id_len;
    const char *title;      size_t title_len;
    const char *date;       size_t date_len;
    const char *source;     size_t source_len;
    const char *url;        size_t url_len;
    const char *lang;       size_t lang_len;
    const char *text;       size_t text_len;  /* the passage, original text */
    unsigned passage_no;
    /* Decoded from a record that leaves the article's id, title and URL to
     * passage 0 (CN_RECORD_VERSION_SHARED, passage_no > 0): they are empty
     * until cn_record_inherit(). */
    bool shared;
} cn_record_t;

/* Appends the encoded record to 'out'. Fields must not contain NUL (the
 * indexer's reader turns NUL into spaces). 'shared': record version
 * CN_RECORD_VERSION_SHARED, where a passage n > 0 leaves out the id, title
 * and URL; else CN_RECORD_VERSION, every field in every record. */
void cn_record_encode(const cn_record_t *r, bool shared, cn_buf_t *out);

/* Decodes 'data'; the record's pointers borrow from it. Returns CN_OK or
 * CN_E_DB_CORRUPT when the data is not a record of this schema. */
cn_status_t cn_record_decode(const char *data, size_t len, cn_record_t *r);

/* Fills the id, title and URL of 'r' (r->shared) from 'first', the record of
 * its article's passage 0; the pointers then borrow from first's data.
 * CN_E_DB_CORRUPT when 'first' is not a passage 0. A no-op when
 * !r->shared. */
cn_status_t cn_record_inherit(cn_record_t *r, const cn_record_t *first);

/* The value of CN_SLOT_ARTICLE for article 'id': the 64-bit FNV-1a of
 * its bytes, big-endian. Eight bytes instead of the id (33 on average on
 * the bench corpus) make the value stream that Xapian reads for every
 * candidate (the collapse and the tie order) four times denser.
 * Collisions only merge two articles' per-article caps. */
#define CN_ARTICLE_KEY_LEN 8
void cn_article_key(const char *id, size_t id_len, unsigned char out[CN_ARTICLE_KEY_LEN]);

/* Whether 'val', a passage's CN_SLOT_ARTICLE, is that of article 'id': its
 * cn_article_key(), or the id itself (indexes before the key). */
bool cn_article_key_is(const char *val, size_t len, const char *id, size_t id_len);

/* Builds the term 'prefix' + 'id' into 'out', hashing ids too long for a
 * Xapian term (the 245-byte limit) so that any id gives a valid term. */
void cn_id_term(cn_buf_t *out, const char *prefix, const char *id,
                size_t id_len, const char *suffix);

#endif
