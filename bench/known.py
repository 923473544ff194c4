#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""known.py - prints "QUERY<TAB>ARTICLE_ID" for the first known-item query
whose article cjksearch found at rank 1, so that the delete step of the
bench deletes an article it can show is gone from search afterwards.
Exit status 1 when no query found its article.

usage: known.py RUN.jsonl QUERIES.tsv QRELS
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results import read_cjk_run, read_qrels, read_queries  # noqa: E402


def main():
    run_path, qpath, qrels_path = sys.argv[1:4]
    queries = read_queries(qpath)
    run, _ = read_cjk_run(run_path, queries)
    qrels = read_qrels(qrels_path)
    for qid, q in queries:
        arts = run.get(qid, [])
        if arts and arts[0] in qrels.get(qid, ()):
            print("%s\t%s" % (q, arts[0]))
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
