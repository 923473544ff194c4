/* SPDX-License-Identifier: MIT */
/* status.c - names for cn_status_t. */
#include "status.h"

const char *
cn_status_to_string(cn_status_t st)
{
    switch (st) {
    case CN_OK: return "ok";
    case CN_E_NOMEM: return "out of memory";
    case CN_E_INVALID_ARGUMENT: return "invalid argument";
    case CN_E_IO: return "input/output error";
    case CN_E_BAD_ENCODING: return "bad encoding";
    case CN_E_BAD_INPUT: return "malformed input";
    case CN_E_BAD_CONFIG: return "bad configuration";
    case CN_E_DB_LOCKED: return "database locked";
    case CN_E_DB_CORRUPT: return "database corrupt";
    case CN_E_DB: return "database error";
    case CN_E_NOT_FOUND: return "not found";
    case CN_E_QUERY_SYNTAX: return "query syntax error";
    case CN_E_LIMIT: return "limit exceeded";
    case CN_E_INTERNAL: return "internal error";
    case CN_E_CANCELLED: return "cancelled";
    case CN_STATUS_LAST: break;
    }
    return "unknown status";
}
