/* SPDX-License-Identifier: MIT */
/*
 * match-hooks.cc - one match, several hooks: Xapian's Enquire takes a
 * single MatchDecider, so the deciders features add are composed into
 * one; spies are simply all added; the cancel flag wraps the query.
 */
#include "xapc-private.h"

namespace {

/* Keeps a document when every decider keeps it; stops at the first no,
 * so a cheap decider added first spares the expensive ones. */
class AllOfDecider : public Xapian::MatchDecider {
  public:
    explicit AllOfDecider(const std::vector<const Xapian::MatchDecider *> &parts)
        : parts_(parts)
    {
    }
    bool operator()(const Xapian::Document &doc) const override
    {
        for (const Xapian::MatchDecider *d : parts_)
            if (!(*d)(doc))
                return false;
        return true;
    }

  private:
    std::vector<const Xapian::MatchDecider *> parts_;
};

} // namespace

Xapian::Query
xapc__hooks_apply(xapc__match_hooks &h, Xapian::Enquire &enquire, const Xapian::Query &q)
{
    enquire.clear_matchspies();
    for (Xapian::MatchSpy *spy : h.spies)
        enquire.add_matchspy(spy);
    h.all_of.reset();
    if (h.deciders.size() > 1)
        h.all_of.reset(new AllOfDecider(h.deciders));
    /*
     * The cancel flag is polled from a PostingSource rather than from a
     * MatchDecider or MatchSpy: the matcher skips the decider and the
     * spies for every candidate whose weight cannot enter the top N,
     * which is most of them in a long match, whereas the postings of a
     * FILTER are advanced for every candidate (docs/xapian-wrapper.md).
     * The same source leaves out the tombstoned documents (cancel.cc).
     * A remote shard cannot run it (our source has no name to serialise):
     * the caller drops dead results after the match (xapc_mset_dead()).
     */
    if ((h.cancel || h.dead) && !h.has_remote)
        return xapc__live_filter(q, h.cancel, h.dead);
    return q;
}

const Xapian::MatchDecider *
xapc__hooks_decider(const xapc__match_hooks &h)
{
    if (h.all_of)
        return h.all_of.get();
    return h.deciders.empty() ? nullptr : h.deciders.front();
}
