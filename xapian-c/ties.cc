/* SPDX-License-Identifier: MIT */
/*
 * ties.cc - a total order for results: results that Xapian ranks equal
 * (same sort value, same weight) ordered by value slots rather than by
 * document id, which depends on how the index was built (shards, number
 * of writers, later additions).
 */
#include "xapc-private.h"

#include <algorithm>
#include <unordered_map>

/*
 * One slot's value as a key part that sorts as bytes: a decimal number
 * (the passage number) by its numeric value, any other value by its bytes.
 * Each part is self-delimiting, so a short value never sorts by the bytes
 * of the part after it.
 */
static void
append_key_part(std::string &key, const std::string &v)
{
    /* 20 digits: the longest decimal uint64; longer runs compare as text. */
    bool number = !v.empty() && v.size() <= 20 &&
                  std::all_of(v.begin(), v.end(),
                              [](char c) { return c >= '0' && c <= '9'; });
    if (number) {
        key += '\x01';
        key += static_cast<char>(v.size());
        key += v;
        return;
    }
    /* As Xapian's MultiValueKeyMaker: NUL escaped as NUL 0xff, NUL NUL ends. */
    key += '\x02';
    for (char c : v) {
        key += c;
        if (c == '\0')
            key += '\xff';
    }
    key.append("\0\0", 2);
}

std::string
xapc__tie_key(const Xapian::Document &doc, const xapc_search_opts_t *o)
{
    std::string key;
    for (int slot : o->tiebreak_slots)
        if (slot >= 0)
            append_key_part(key, doc.get_value(static_cast<Xapian::valueno>(slot)));
    return key;
}

bool
xapc__wants_ties_ordered(const xapc_search_opts_t *o)
{
    for (int slot : o->tiebreak_slots)
        if (slot >= 0)
            return true;
    return false;
}

/* Whether Xapian ranked items i and j of 'mset' equal. */
static bool
tied(const Xapian::MSet &mset, Xapian::doccount i, Xapian::doccount j,
     const xapc_search_opts_t *o)
{
    if (mset[i].get_weight() != mset[j].get_weight())
        return false;
    if (o->sort_slot < 0)
        return true;
    Xapian::valueno slot = static_cast<Xapian::valueno>(o->sort_slot);
    return mset[i].get_document().get_value(slot) ==
           mset[j].get_document().get_value(slot);
}

namespace {

/*
 * The caller's decider, asked once per document over all the passes of
 * one search: a pass that fetches more results meets again the
 * candidates of the passes before it, and the phrase check reads and
 * checks each one's stored text (verify.h), the largest cost of a query
 * with many equal results. Its answer cannot change within a search.
 */
class MemoDecider : public Xapian::MatchDecider {
  public:
    explicit MemoDecider(const Xapian::MatchDecider *inner) : inner_(inner) {}

    bool operator()(const Xapian::Document &doc) const override
    {
        auto it = seen_.find(doc.get_docid());
        if (it != seen_.end())
            return it->second;
        bool keep = (*inner_)(doc);
        seen_.emplace(doc.get_docid(), keep);
        return keep;
    }

  private:
    const Xapian::MatchDecider *inner_;
    mutable std::unordered_map<Xapian::docid, bool> seen_;
};

/* The tie key as Xapian's sort key after the weight. */
class TieKeyMaker : public Xapian::KeyMaker {
  public:
    explicit TieKeyMaker(const xapc_search_opts_t *o) : o_(*o) {}

    std::string operator()(const Xapian::Document &doc) const override
    {
        return xapc__tie_key(doc, &o_);
    }

  private:
    xapc_search_opts_t o_;
};

} // namespace

/*
 * Xapian orders equal results by document id and cuts the list there: the
 * page [first, first + max) is only right once every run of equal results
 * that crosses its end is whole. So fetch from rank 0 (Xapian ranks them
 * all anyway), one more than needed, and more while the last one fetched
 * ties with the last one on the page; then order each run of equal results
 * by the tie key and keep the page.
 */
void
xapc__search_ordered(xapc_mset_t *m, const xapc_search_opts_t *o, Xapian::doccount check,
                     const Xapian::MatchDecider *decider)
{
    /*
     * Ranked by relevance: Xapian itself orders equal weights by the tie
     * key, in one match. Fetching more while a run of equal results
     * crossed the page's end (below) re-ran the whole match, two to four
     * times for a common word, whose BM25 weights tie in long runs. A
     * remote shard takes no KeyMaker: it keeps the passes below.
     */
    if (o->sort_slot < 0 && !m->hooks.has_remote) {
        m->enquire.set_sort_by_relevance_then_key((new TieKeyMaker(o))->release(), false);
        m->mset = m->enquire.get_mset(o->first, o->max_items, check, nullptr, decider);
        return;
    }
    Xapian::doccount page_end = o->first + o->max_items;
    Xapian::doccount want = page_end + 1;
    /* The decider sees a docid within its shard: over several shards two
     * documents share one, so the answers are kept for one shard only. */
    MemoDecider memo(decider);
    if (decider && m->db.size() == 1)
        decider = &memo;
    for (bool again = false;; again = true) {
        /* A spy counts every run: start them afresh for a second one. */
        if (again && o->nspies) {
            m->enquire.clear_matchspies();
            xapc__spies_attach(m->enquire, m->db, o);
        }
        m->mset = m->enquire.get_mset(0, want, check, nullptr, decider);
        Xapian::doccount n = m->mset.size();
        if (n < want || page_end == 0 || !tied(m->mset, page_end - 1, n - 1, o))
            break;
        want = want * 2;
    }
    Xapian::doccount n = m->mset.size();
    std::vector<Xapian::doccount> order(n);
    for (Xapian::doccount i = 0; i < n; i++)
        order[i] = i;
    for (Xapian::doccount start = 0; start < n && start < page_end;) {
        Xapian::doccount end = start + 1;
        while (end < n && tied(m->mset, start, end, o))
            end++;
        if (end - start > 1) {
            std::vector<std::pair<std::string, Xapian::doccount>> run;
            for (Xapian::doccount i = start; i < end; i++)
                run.emplace_back(xapc__tie_key(m->mset[i].get_document(), o), i);
            std::stable_sort(run.begin(), run.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
            for (Xapian::doccount i = start; i < end; i++)
                order[i] = run[i - start].second;
        }
        start = end;
    }
    Xapian::doccount lo = std::min<Xapian::doccount>(o->first, n);
    Xapian::doccount hi = std::min<Xapian::doccount>(page_end, n);
    m->order.assign(order.begin() + lo, order.begin() + hi);
    m->rank_base = lo;
    m->ordered = true;
}
