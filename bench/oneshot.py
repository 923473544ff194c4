#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""oneshot.py - one-shot latency: runs `cjksearch -d DB -n 10 --json QUERY`
once per query (process start, database open and search included) and
writes the wall time of each call in ms, one per line.

usage: oneshot.py CJKSEARCH DB QUERIES.txt N OUT
"""
import subprocess
import sys
import time


def main():
    prog, db, qfile, n, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    with open(qfile, encoding="utf-8") as f:
        queries = [l.rstrip("\n") for l in f if l.strip()][:n]
    # one untimed call: the program and the database in the OS page cache
    subprocess.run([prog, "-d", db, "-n", "10", "--json", "--", queries[0]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, "w") as fo:
        for q in queries:
            t0 = time.perf_counter()
            r = subprocess.run([prog, "-d", db, "-n", "10", "--json", "--", q],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            ms = (time.perf_counter() - t0) * 1000.0
            if r.returncode > 1:
                sys.stderr.write("oneshot: %r: status %d: %s" % (
                    q, r.returncode, r.stderr.decode("utf-8", "replace")))
                return 1
            fo.write("%.4f\n" % ms)
    return 0


if __name__ == "__main__":
    sys.exit(main())
