/* SPDX-License-Identifier: MIT */
/*
 * cancel.cc - what every local match is filtered by (OP_FILTER, no
 * weight): a PostingSource that matches every live document of its
 * shard, skipping the tombstoned ones, and throws xapc__cancelled once
 * the caller's cancel flag is set. It sees every candidate, which is why
 * both jobs live here: a MatchDecider or MatchSpy is skipped for
 * candidates that cannot enter the top N.
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

class LiveSource : public Xapian::PostingSource {
  public:
    LiveSource(const volatile sig_atomic_t *flag, long delay_ms, bool dead)
        : flag_(flag), delay_ms_(delay_ms), use_dead_(dead)
    {
    }

    /* Called once per shard with that shard (and its own docids): its
     * tombstones are read here, a few bytes per deleted passage. */
    void init(const Xapian::Database &db) override
    {
        did_ = 0;
        next_dead_ = 0;
        last_ = db.get_lastdocid();
        dead_.reset(new xapc__docset);
        if (use_dead_)
            xapc__tombstones_load(db, *dead_);
        Xapian::doccount n = db.get_doccount();
        count_ = n > dead_->s.n ? n - (Xapian::doccount)dead_->s.n : 0;
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
        skip_dead();
    }

    void skip_to(Xapian::docid did, double) override
    {
        poll();
        if (did > did_) {
            did_ = did;
            skip_dead();
        }
    }

    bool at_end() const override { return did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }

    /* One per shard of a multi-database match. */
    PostingSource *clone() const override
    {
        return new LiveSource(flag_, delay_ms_, use_dead_);
    }

    std::string get_description() const override { return "LiveSource()"; }

  private:
    /* Moves did_ past tombstoned ids; did_ only grows, so does the
     * cursor into the sorted tombstones. */
    void skip_dead()
    {
        const cn_docset_t &d = dead_->s;
        while (next_dead_ < d.n && d.ids[next_dead_] < did_)
            next_dead_++;
        while (next_dead_ < d.n && d.ids[next_dead_] == did_) {
            ++did_;
            next_dead_++;
        }
    }

    void poll() const
    {
        if (!flag_)
            return;
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
    bool use_dead_;
    Xapian::docid did_ = 0, last_ = 0;
    Xapian::doccount count_ = 0;
    std::unique_ptr<xapc__docset> dead_;
    size_t next_dead_ = 0;
};

} // namespace

Xapian::Query
xapc__live_filter(const Xapian::Query &q, const volatile sig_atomic_t *flag, bool dead)
{
    /* A query that matches nothing stays so (Xapian reads an empty Query
     * as MatchNothing, and FILTER of it would too, but say it plainly). */
    if (q.empty())
        return q;
    Xapian::Query source((new LiveSource(flag, flag ? test_delay_ms() : 0, dead))->release());
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
