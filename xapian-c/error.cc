/* SPDX-License-Identifier: MIT */
/*
 * error.cc - status names and xapc__fail(), the only place where an
 * exception is turned into an xapc_status_t.
 */
#include "xapc-private.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

static const char *const status_names[XAPC_STATUS_LAST] = {
    "ok",                         /* XAPC_OK */
    "out of memory",              /* XAPC_E_NOMEM */
    "invalid argument",           /* XAPC_E_INVALID_ARGUMENT */
    "not found",                  /* XAPC_E_NOT_FOUND */
    "database locked",            /* XAPC_E_LOCKED */
    "database modified",          /* XAPC_E_MODIFIED */
    "database corrupt",           /* XAPC_E_CORRUPT */
    "database version not supported", /* XAPC_E_VERSION */
    "query syntax error",         /* XAPC_E_QUERY_SYNTAX */
    "i/o error",                  /* XAPC_E_IO */
    "internal error",             /* XAPC_E_INTERNAL */
    "cancelled",                  /* XAPC_E_CANCELLED */
};

extern "C" const char *
xapc_status_to_string(xapc_status_t st) XAPC_NOEXCEPT
{
    long long v = xapc__enum_value(st);
    if (v < XAPC_OK || v >= XAPC_STATUS_LAST)
        return "unknown status";
    return status_names[v];
}

extern "C" const char *
xapc_version_string(void) XAPC_NOEXCEPT
{
    /* Returns a pointer to a static string and cannot throw. */
    return Xapian::version_string();
}

char *
xapc__strdup(const char *data, size_t len)
{
    char *copy = static_cast<char *>(std::malloc(len + 1));
    if (!copy)
        throw std::bad_alloc();
    if (len)
        std::memcpy(copy, data, len);
    copy[len] = '\0';
    return copy;
}

void
xapc__invalid(const char *context, const char *what)
{
    std::string msg(context);
    msg += ": ";
    msg += what;
    throw Xapian::InvalidArgumentError(msg);
}

/*
 * Writes "context: type: msg (detail)" into 'out'. Building the string can
 * itself run out of memory; then the message is dropped rather than the
 * status.
 */
static void
record(std::string &out, const char *context, const char *type,
       const char *msg) noexcept
{
    try {
        out.assign(context ? context : "xapc");
        out += ": ";
        out += type;
        if (msg && *msg) {
            out += ": ";
            out += msg;
        }
    } catch (...) {
        out.clear();
    }
}

static xapc_status_t
record_xapian(std::string &out, const char *context, const Xapian::Error &e,
              xapc_status_t st) noexcept
{
    record(out, context, e.get_type(), e.get_msg().c_str());
    try {
        /* Where a remote error happened, and the errno text if any. */
        if (!e.get_context().empty())
            out += " [" + e.get_context() + "]";
        const char *errstr = e.get_error_string();
        if (errstr) {
            out += " (";
            out += errstr;
            out += ")";
        }
    } catch (...) {
        /* The main message is already in place; the extras are optional. */
    }
    return st;
}

xapc_status_t
xapc__fail(std::string &last_error, const char *context) noexcept
{
    if (!std::current_exception()) {
        record(last_error, context, "xapc__fail", "called without an exception");
        return XAPC_E_INTERNAL;
    }
    /*
     * Most specific first: DatabaseVersionError and DatabaseNotFoundError
     * derive from DatabaseOpeningError, which derives from DatabaseError,
     * like the lock, modified and corrupt errors.
     */
    try {
        throw;
    } catch (const xapc__cancelled &) {
        record(last_error, context, "cancelled", "the cancel flag was set");
        return XAPC_E_CANCELLED;
    } catch (const Xapian::DatabaseLockError &e) {
        return record_xapian(last_error, context, e, XAPC_E_LOCKED);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return record_xapian(last_error, context, e, XAPC_E_MODIFIED);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return record_xapian(last_error, context, e, XAPC_E_CORRUPT);
    } catch (const Xapian::DatabaseVersionError &e) {
        return record_xapian(last_error, context, e, XAPC_E_VERSION);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return record_xapian(last_error, context, e, XAPC_E_NOT_FOUND);
    } catch (const Xapian::DocNotFoundError &e) {
        return record_xapian(last_error, context, e, XAPC_E_NOT_FOUND);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return record_xapian(last_error, context, e, XAPC_E_IO);
    } catch (const Xapian::QueryParserError &e) {
        return record_xapian(last_error, context, e, XAPC_E_QUERY_SYNTAX);
    } catch (const Xapian::WildcardError &e) {
        return record_xapian(last_error, context, e, XAPC_E_QUERY_SYNTAX);
    } catch (const Xapian::InvalidArgumentError &e) {
        return record_xapian(last_error, context, e, XAPC_E_INVALID_ARGUMENT);
    } catch (const Xapian::NetworkError &e) {
        return record_xapian(last_error, context, e, XAPC_E_IO);
    } catch (const Xapian::DatabaseError &e) {
        return record_xapian(last_error, context, e, XAPC_E_IO);
    } catch (const Xapian::Error &e) {
        return record_xapian(last_error, context, e, XAPC_E_INTERNAL);
    } catch (const std::bad_alloc &e) {
        record(last_error, context, "std::bad_alloc", e.what());
        return XAPC_E_NOMEM;
    } catch (const std::exception &e) {
        record(last_error, context, "std::exception", e.what());
        return XAPC_E_INTERNAL;
    } catch (...) {
        record(last_error, context, "unknown exception", nullptr);
        return XAPC_E_INTERNAL;
    }
}

xapc_status_t
xapc__fail(char **errmsg, const char *context) noexcept
{
    std::string msg;
    xapc_status_t st = xapc__fail(msg, context);
    if (errmsg) {
        /* NULL here means the message was lost to memory exhaustion. */
        *errmsg = static_cast<char *>(std::malloc(msg.size() + 1));
        if (*errmsg)
            std::memcpy(*errmsg, msg.c_str(), msg.size() + 1);
    }
    return st;
}
