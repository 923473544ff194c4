#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tune-pick.py - scores every grid point of `eval/tune.sh` on the tuning
half and names the best one (standard library only; metrics from score.py).

  tune-pick.py --out TABLE.txt --set NAME QUERIES.tsv QRELS.txt [--set ...]
               --point LABEL K1 B MIN_NORMLEN RUNDIR [--point ...]

RUNDIR/<set>.jsonl is the cjksearch --batch --json output of that point on
the tuning questions of <set>. The score of a point is the macro average of
MRR@10 over the sets; nDCG@10 breaks ties, then grid order (the current
defaults come first, so a tie keeps them). Prints the table, then a last
line `best LABEL K1 B MIN_NORMLEN` for the shell.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score  # noqa: E402  (eval/score.py: the same metrics as make eval)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", nargs=3, action="append", default=[],
                    metavar=("NAME", "QUERIES", "QRELS"))
    ap.add_argument("--point", nargs=5, action="append", default=[],
                    metavar=("LABEL", "K1", "B", "MIN_NORMLEN", "RUNDIR"))
    ap.add_argument("--out")
    a = ap.parse_args()
    sets = [(n, score.read_queries(q), score.read_qrels(r)) for n, q, r in a.set]
    rows = []
    for i, (label, k1, b, mn, rundir) in enumerate(a.point):
        mrr = ndcg = 0.0
        for name, qids, rel in sets:
            run, _ = score.read_run_cjk(os.path.join(rundir, name + ".jsonl"), qids)
            m = score.metrics(qids, rel, run)
            mrr += m["mrr10"]
            ndcg += m["ndcg10"]
        n = len(sets) or 1
        rows.append((mrr / n, ndcg / n, -i, label, k1, b, mn))
    lines = ["%-16s %5s %5s %11s %7s %8s" % ("point", "k1", "b", "min_normlen",
                                              "MRR@10", "nDCG@10")]
    for mrr, ndcg, _, label, k1, b, mn in rows:
        lines.append("%-16s %5s %5s %11s %7.4f %8.4f" % (label, k1, b, mn, mrr, ndcg))
    best = max(rows)
    lines.append("(macro average over %d sets, tuning half only)" % len(sets))
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print("best %s %s %s %s" % best[3:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
