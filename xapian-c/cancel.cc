/* SPDX-License-Identifier: MIT */
/*
 * cancel.cc - stopping a running match: a PostingSource that matches
 * every document and throws xapc__cancelled once the caller's flag is
 * set, ANDed (OP_FILTER, no weight) onto the query.
 */
#include "xapc-private.h"

#include <cerrno>
#include <cstdlib>
#include <ctime>

namespace {

/*
 * TEST ONLY: CJKNEWS_TEST_SLOW_MATCH_MS=N sleeps N ms on every candidate
 * a cancellable match visits, so that the end-to-end tests can interrupt
 * a search on a tiny index (tests/e2e/t3110-search-cancel.sh). Read once
 * per search; unset or 0 (the normal case) costs nothing.
 */
long
test_delay_ms()
{
    const char *v = std::getenv("CJKNEWS_TEST_SLOW_MATCH_MS");
    if (!v || !*v)
        return 0;
    char *end;
    long ms = std::strtol(v, &end, 10);
    return *end || ms < 0 || ms > 60000 ? 0 : ms;
}

class CancelSource : public Xapian::PostingSource {
  public:
    CancelSource(const volatile sig_atomic_t *flag, long delay_ms)
        : flag_(flag), delay_ms_(delay_ms)
    {
    }

    void init(const Xapian::Database &db) override
    {
        did_ = 0;
        last_ = db.get_lastdocid();
        count_ = db.get_doccount();
    }

    /* Every document matches: the filter changes neither the matches
     * nor the estimates, only where the matcher can be stopped. */
    Xapian::doccount get_termfreq_min() const override { return count_; }
    Xapian::doccount get_termfreq_est() const override { return count_; }
    Xapian::doccount get_termfreq_max() const override { return count_; }

    void next(double) override
    {
        poll();
        ++did_;
    }

    void skip_to(Xapian::docid did, double) override
    {
        poll();
        if (did > did_)
            did_ = did;
    }

    bool at_end() const override { return did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }

    /* One per shard of a multi-database match. */
    PostingSource *clone() const override { return new CancelSource(flag_, delay_ms_); }

    std::string get_description() const override { return "CancelSource()"; }

  private:
    void poll() const
    {
        if (delay_ms_) {
            struct timespec ts = { delay_ms_ / 1000, (delay_ms_ % 1000) * 1000000L };
            /* A signal cuts the sleep short (EINTR): then the flag is set. */
            nanosleep(&ts, nullptr);
        }
        if (*flag_)
            throw xapc__cancelled();
    }

    const volatile sig_atomic_t *flag_;
    long delay_ms_;
    Xapian::docid did_ = 0, last_ = 0;
    Xapian::doccount count_ = 0;
};

} // namespace

Xapian::Query
xapc__cancellable(const Xapian::Query &q, const volatile sig_atomic_t *flag)
{
    /* A query that matches nothing stays so (Xapian reads an empty Query
     * as MatchNothing, and FILTER of it would too, but say it plainly). */
    if (q.empty())
        return q;
    Xapian::Query source((new CancelSource(flag, test_delay_ms()))->release());
    return Xapian::Query(Xapian::Query::OP_FILTER, q, source);
}

extern "C" xapc_status_t
xapc_reader_set_cancel_flag(xapc_reader_t *r, const volatile sig_atomic_t *flag) XAPC_NOEXCEPT
{
    if (!r)
        return XAPC_E_INVALID_ARGUMENT;
    r->cancel = flag;
    return XAPC_OK;
}
