#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tune-split.py - the tuning / held-out split of `eval/tune.sh`.

  tune-split.py SETDIR OUTDIR

Reads SETDIR/queries.tsv (`<set>:<question id><TAB>question`, as written by
make-eval.py) and writes OUTDIR/tune/ and OUTDIR/held/, each with
queries.tsv and queries.txt (the questions alone, one per line, same order).

The rule, documented in docs/eval.md: a question belongs to the tuning half
when the first byte of SHA-1(question id, UTF-8) is even, else to the
held-out half. It depends on the id only, so a question never changes side
when the sample size, the seed or the order of the sets change.
"""
import hashlib
import os
import sys


def side(qid):
    return "tune" if hashlib.sha1(qid.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1])
    setdir, out = sys.argv[1], sys.argv[2]
    rows = {"tune": [], "held": []}
    with open(os.path.join(setdir, "queries.tsv"), encoding="utf-8") as f:
        for ln in f:
            ln = ln.rstrip("\n")
            if "\t" not in ln:
                continue
            qid, q = ln.split("\t", 1)
            rows[side(qid)].append((qid, q))
    for name, rs in rows.items():
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "queries.tsv"), "w", encoding="utf-8") as t, \
             open(os.path.join(d, "queries.txt"), "w", encoding="utf-8") as x:
            for qid, q in rs:
                t.write("%s\t%s\n" % (qid, q))
                x.write(q + "\n")
    print("%d %d" % (len(rows["tune"]), len(rows["held"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
