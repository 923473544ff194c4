#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""score.py - relevance metrics for `make eval` (standard library only).

  score.py --out TABLE.txt [--info TEXT] [--json OUT.json]
           --set NAME QUERIES.tsv QRELS.txt \
           --run SYSTEM NAME FORMAT FILE  [--run ...]

For each run: MRR@10, nDCG@10 (binary relevance: gain 1 for each qrels
entry with grade > 0, log2 discount, ideal DCG from the number of relevant
documents), Recall@100 (share of the relevant documents in the first 100
documents), averaged over ALL questions of the set (a question with no
result, or whose query failed, scores 0). Per dataset, then the macro average
over the datasets (each dataset weighs the same).

A run is first reduced to the first occurrence of each document id, in rank
order (cjksearch shows up to two passages per article; the baseline ranks
passages), and cut at 100.

Run FORMATs:
  cjk    cjksearch --batch --json output: one object per query line, in the
         order of QUERIES.tsv; "results"[].article_id in rank order; an
         object with "error" counts as no result
  trec   TREC run: qid Q0 docid rank score tag
"""
import argparse
import json
import math
import sys

K_MRR, K_NDCG, K_REC = 10, 10, 100


def read_queries(path):
    qids = []
    with open(path, encoding="utf-8") as f:
        for ln in f:
            ln = ln.rstrip("\n")
            if not ln or ln.startswith("#") or "\t" not in ln:
                continue
            qids.append(ln.split("\t", 1)[0])
    return qids


def read_qrels(path):
    rel = {}
    with open(path, encoding="utf-8") as f:
        for ln in f:
            p = ln.split()
            if len(p) >= 4 and int(p[3]) > 0:
                rel.setdefault(p[0], set()).add(p[2])
    return rel


def read_run_cjk(path, qids):
    runs, errors, n = {}, 0, 0
    with open(path, encoding="utf-8") as f:
        for ln in f:
            if not ln.strip():
                continue
            if n >= len(qids):
                raise SystemExit("score: %s has more answers than queries" % path)
            o = json.loads(ln)
            if "error" in o:
                errors += 1
            runs[qids[n]] = [r.get("article_id", "") for r in o.get("results", [])]
            n += 1
    if n != len(qids):
        raise SystemExit("score: %s has %d answers for %d queries" % (path, n, len(qids)))
    return runs, errors


def read_run_trec(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for ln in f:
            p = ln.split()
            if len(p) >= 5:
                rows.setdefault(p[0], []).append((int(p[3]), p[2]))
    return {q: [d for _, d in sorted(v, key=lambda x: x[0])] for q, v in rows.items()}, 0


def dedup(docs):
    seen, out = set(), []
    for d in docs:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out[:K_REC]


def metrics(qids, rel, run):
    mrr = ndcg = rec = 0.0
    zero = 0
    for q in qids:
        docs = dedup(run.get(q, []))
        if not docs:
            zero += 1
        r = rel.get(q, set())
        if not r:
            continue
        for i, d in enumerate(docs[:K_MRR]):
            if d in r:
                mrr += 1.0 / (i + 1)
                break
        dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(docs[:K_NDCG]) if d in r)
        idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(r), K_NDCG)))
        ndcg += dcg / idcg
        rec += len(r.intersection(docs)) / len(r)
    n = len(qids) or 1
    return {"mrr10": mrr / n, "ndcg10": ndcg / n, "recall100": rec / n,
            "no_result": zero, "queries": len(qids)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", nargs=3, action="append", default=[],
                    metavar=("NAME", "QUERIES", "QRELS"))
    ap.add_argument("--run", nargs=4, action="append", default=[],
                    metavar=("SYSTEM", "NAME", "FORMAT", "FILE"))
    ap.add_argument("--out")
    ap.add_argument("--json")
    ap.add_argument("--info", default="")
    a = ap.parse_args()

    sets = {name: (read_queries(qf), read_qrels(rf)) for name, qf, rf in a.set}
    order_sets = [s[0] for s in a.set]
    systems, res = [], {}
    for system, name, fmt, path in a.run:
        if name not in sets:
            raise SystemExit("score: run for unknown set %s" % name)
        qids, rel = sets[name]
        if fmt == "cjk":
            run, errs = read_run_cjk(path, qids)
        elif fmt == "trec":
            run, errs = read_run_trec(path)
        else:
            raise SystemExit("score: unknown run format %s" % fmt)
        m = metrics(qids, rel, run)
        m["errors"] = errs
        res[(system, name)] = m
        if system not in systems:
            systems.append(system)

    lines = []
    if a.info:
        lines.append(a.info)
    hdr = "%-10s %-22s %7s %8s %10s %9s %6s" % (
        "dataset", "system", "MRR@10", "nDCG@10", "Recall@100", "no-result", "errors")
    lines += [hdr, "-" * len(hdr)]
    macro = {}
    for name in order_sets + ["macro-avg"]:
        for system in systems:
            if name == "macro-avg":
                ms = [res[(system, s)] for s in order_sets if (system, s) in res]
                if not ms:
                    continue
                m = {k: sum(x[k] for x in ms) / len(ms) for k in ("mrr10", "ndcg10", "recall100")}
                m["no_result"] = sum(x["no_result"] for x in ms)
                m["errors"] = sum(x["errors"] for x in ms)
                m["queries"] = sum(x["queries"] for x in ms)
                macro[system] = m
            else:
                m = res.get((system, name))
                if m is None:
                    continue
            lines.append("%-10s %-22s %7.3f %8.3f %10.3f %9s %6d" % (
                name, system, m["mrr10"], m["ndcg10"], m["recall100"],
                "%d/%d" % (m["no_result"], m["queries"]), m["errors"]))
        lines.append("")
    lines.append("MRR@10, nDCG@10 (binary), Recall@100 over all questions of each set, "
                 "documents = unique context passages; macro-avg = mean over the datasets; "
                 "no-result = questions with an empty answer; errors = queries the engine rejected.")
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"per_set": {"%s|%s" % k: v for k, v in res.items()}, "macro": macro},
                      f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
