#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""determinism.py - do indexes built with different numbers of writers give
the same results? Compares `cjksearch --batch --json` outputs of the same
queries query by query: the (rank, article_id, passage_no) list of the
first is the reference; every query of another output whose list differs
counts as one difference. A difference where the same passages come with
the same scores and only passages of equal score change places is counted
as a tie-order difference too (Xapian orders equal scores by document id,
and the ids depend on how the shards were merged). Prints one line for the
report, then up to five examples:

  deterministic: yes (0 differences in 50 queries x 3 indexes: -j1, -j2, -j4)
  deterministic: no (9 differences in 50 queries x 3 indexes: -j1, -j2, -j4; 9 of them only in the order of equal scores)

usage: determinism.py LABEL=RUN.jsonl LABEL=RUN.jsonl...
Exit status 0 when all agree, 1 when some differ, 2 on unreadable input.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results import read_json_stream  # noqa: E402


def results(path):
    """Per query: [(rank, article_id, passage_no, score)]."""
    return [[(r.get("rank"), r.get("article_id"), r.get("passage_no"), r.get("score"))
             for r in (obj.get("results") or [])] for obj in read_json_stream(path)]


def same(a, b):
    return [x[:3] for x in a] == [x[:3] for x in b]


def tie_order_only(a, b):
    """The same (article, passage, score) at the same score positions, only
    equal-score runs permuted."""
    if a is None or b is None or len(a) != len(b):
        return False
    if [x[3] for x in a] != [x[3] for x in b]:
        return False
    return sorted((x[3], x[1], x[2]) for x in a) == sorted((x[3], x[1], x[2]) for x in b)


def main():
    runs = []
    for arg in sys.argv[1:]:
        label, _, path = arg.partition("=")
        try:
            runs.append((label, results(path)))
        except (OSError, ValueError) as e:
            print("determinism: %s: %s" % (path, e), file=sys.stderr)
            return 2
    if len(runs) < 2:
        print("usage: determinism.py LABEL=RUN.jsonl LABEL=RUN.jsonl...", file=sys.stderr)
        return 2
    ref_label, ref = runs[0]
    diffs, ties, notes = 0, 0, []
    for label, res in runs[1:]:
        if len(res) != len(ref):
            notes.append("%s: %d queries answered, %s: %d" % (ref_label, len(ref), label, len(res)))
        for k in range(max(len(res), len(ref))):
            a = ref[k] if k < len(ref) else None
            b = res[k] if k < len(res) else None
            if a is None or b is None or not same(a, b):
                diffs += 1
                tie = tie_order_only(a, b)
                ties += tie
                if len(notes) < 5:
                    notes.append("query %d: %s and %s differ%s" % (
                        k + 1, ref_label, label, " (order of equal scores only)" if tie else ""))
    nq = len(ref)
    print("deterministic: %s (%d differences in %d queries x %d indexes: %s%s)" % (
        "yes" if diffs == 0 and nq > 0 else "no", diffs, nq, len(runs),
        ", ".join(label for label, _ in runs),
        "; %d of them only in the order of equal scores" % ties if diffs else ""))
    for n in notes:
        print("  " + n)
    return 0 if diffs == 0 and nq > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
