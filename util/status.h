/* SPDX-License-Identifier: MIT */
/* status.h - the project's small, decision-oriented status codes. */
#ifndef CN_STATUS_H
#define CN_STATUS_H

typedef enum cn_status {
    CN_OK = 0,
    CN_E_NOMEM,            /* allocation failed */
    CN_E_INVALID_ARGUMENT, /* caller passed a bad value */
    CN_E_IO,               /* read/write/open failed; errno-style message */
    CN_E_BAD_ENCODING,     /* input could not be decoded at all */
    CN_E_BAD_INPUT,        /* malformed record (JSON, front matter, ...) */
    CN_E_BAD_CONFIG,       /* config file invalid: message names file:line:col */
    CN_E_DB_LOCKED,        /* another writer holds the database */
    CN_E_DB_CORRUPT,       /* database unreadable or corrupt */
    CN_E_DB,               /* any other database error */
    CN_E_NOT_FOUND,        /* file, key or document absent */
    CN_E_QUERY_SYNTAX,     /* user query could not be parsed */
    CN_E_LIMIT,            /* an input exceeded a documented limit */
    CN_E_INTERNAL,         /* a bug: should not happen */
    CN_E_CANCELLED,        /* the user interrupted the work (Ctrl-C) */
    CN_STATUS_LAST
} cn_status_t;

/* Returns a static, never-NULL name for 'st'. */
const char *cn_status_to_string(cn_status_t st);

#endif
