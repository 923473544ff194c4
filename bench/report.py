#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.py - statistics and the result table of `make bench`.

Reads what bench/run.sh measured (GNU time -v outputs, du sizes, latency
logs, the two runs, the qrels) and prints a table cjknews | baseline |
cjknews/baseline. Standard library only.
"""
import argparse
import json
import math
import re
import sys


def parse_time_v(path):
    """Wall seconds, user+sys CPU seconds, peak RSS (KiB) and exit status
    from a GNU `time -v -o FILE` output."""
    out = {"wall": None, "cpu": None, "rss_kb": None, "status": None}
    user = sys_ = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            k, _, v = line.rpartition(": ")
            if k.startswith("Elapsed (wall clock) time"):
                secs = 0.0
                for part in v.split(":"):
                    secs = secs * 60 + float(part)
                out["wall"] = secs
            elif k == "User time (seconds)":
                user = float(v)
            elif k == "System time (seconds)":
                sys_ = float(v)
            elif k == "Maximum resident set size (kbytes)":
                out["rss_kb"] = int(v)
            elif k == "Exit status":
                out["status"] = int(v)
    if user is not None and sys_ is not None:
        out["cpu"] = user + sys_
    return out


def read_latencies(path):
    """One latency in ms per line (first number on the line)."""
    vals = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.search(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", line)
            if m:
                vals.append(float(m.group(0)))
    return vals


def percentile(vals, p):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not vals:
        return None
    s = sorted(vals)
    x = (len(s) - 1) * p / 100.0
    lo, hi = math.floor(x), math.ceil(x)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


def read_queries(path):
    qs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                qid, q = line.split("\t", 1)
                qs.append((qid, q))
    return qs


def read_qrels(path):
    rel = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 4 and p[3] != "0":
                rel.setdefault(p[0], set()).add(p[2])
    return rel


def read_trec_run(path):
    run = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 5:
                run.setdefault(p[0], []).append((int(p[3]), p[2]))
    return {q: dedup(a for _, a in sorted(v)) for q, v in run.items()}


def dedup(ids):
    seen, out = set(), []
    for a in ids:
        if a not in seen:
            seen.add(a)
            out.append(a)
    return out


def read_cjk_run(path, queries):
    """cjksearch --json --batch: one JSON object per query, in query order
    (parsed as a stream of JSON values, so pretty-printed output works too)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    dec = json.JSONDecoder()
    objs, i = [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            break
        obj, i = dec.raw_decode(text, i)
        objs.append(obj)
    run, warn = {}, None
    if len(objs) != len(queries):
        warn = "cjksearch printed %d objects for %d queries" % (len(objs), len(queries))
    for (qid, q), obj in zip(queries, objs):
        if obj.get("query") not in (None, q) and warn is None:
            warn = "cjksearch output out of step with the queries at %s" % qid
        res = obj.get("results") or []
        res = sorted(res, key=lambda r: r.get("rank", 0))
        run[qid] = dedup(r.get("article_id") for r in res if r.get("article_id"))
    return run, warn


def mrr(run, qrels, qids, k=10):
    tot, found10, found = 0.0, 0, 0
    for q in qids:
        arts = run.get(q, [])
        rel = qrels.get(q, set())
        for r, a in enumerate(arts, 1):
            if a in rel:
                found += 1
                if r <= k:
                    tot += 1.0 / r
                    found10 += 1
                break
    n = len(qids) or 1
    return tot / n, found10 / n, found / n


def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def main():
    ap = argparse.ArgumentParser()
    for side in ("cjk", "base"):
        ap.add_argument("--time-" + side, required=True)
        ap.add_argument("--size-" + side, type=int, required=True)
        ap.add_argument("--compact-" + side, type=int, default=-1)
        ap.add_argument("--lat-" + side, required=True)
    for side in ("cjk", "base"):
        ap.add_argument("--lat1k-" + side, help="latency log of the 1,000-query batch")
        ap.add_argument("--time1k-" + side, help="GNU time -v of that batch process")
        ap.add_argument("--single-" + side, help="latency log of the single-character batch")
    ap.add_argument("--oneshot-cjk", help="wall ms per one-shot cjksearch process")
    ap.add_argument("--latency-queries", type=int, default=None)
    ap.add_argument("--run-cjk", required=True)
    ap.add_argument("--run-base", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--qrels", required=True)
    ap.add_argument("--meta", required=True)
    ap.add_argument("--passages", type=int, default=None)
    ap.add_argument("--name", default="?", help="corpus name")
    ap.add_argument("--xapian", default="", help="libxapian version")
    ap.add_argument("--info", action="append", default=[], help="header line")
    ap.add_argument("--out", help="also write the report here")
    a = ap.parse_args()

    with open(a.meta) as f:
        meta = json.load(f)
    raw = meta["raw_bytes"]
    mb = raw / 1e6
    queries = read_queries(a.queries)
    qids = [q for q, _ in queries]
    qrels = read_qrels(a.qrels)
    warnings = []

    cols = {}
    for side, run in (("cjk", None), ("base", None)):
        t = parse_time_v(getattr(a, "time_" + side))
        lat = read_latencies(getattr(a, "lat_" + side))
        if len(lat) != len(queries):
            warnings.append("%s: %d latencies for %d queries" % (
                "cjknews" if side == "cjk" else "baseline", len(lat), len(queries)))
        if side == "cjk":
            run, w = read_cjk_run(a.run_cjk, queries)
            if w:
                warnings.append(w)
        else:
            run = read_trec_run(a.run_base)
        m10, hit10, hit100 = mrr(run, qrels, qids)
        # latency set: 1,000 queries in one batch process
        lat1k, qps = [], None
        lpath = getattr(a, "lat1k_" + side)
        if lpath:
            lat1k = read_latencies(lpath)
            if a.latency_queries is not None and len(lat1k) != a.latency_queries:
                warnings.append("%s: %d latencies for %d latency queries" % (
                    side, len(lat1k), a.latency_queries))
            tpath = getattr(a, "time1k_" + side)
            if tpath:
                t1k = parse_time_v(tpath)
                if t1k["wall"]:
                    qps = (a.latency_queries or len(lat1k)) / t1k["wall"]
        else:
            lat1k = lat  # older runs: the known-item set
        single = read_latencies(getattr(a, "single_" + side)) if getattr(a, "single_" + side) else []
        oneshot = []
        if side == "cjk" and a.oneshot_cjk:
            oneshot = read_latencies(a.oneshot_cjk)
        size = getattr(a, "size_" + side)
        comp = getattr(a, "compact_" + side)
        cols[side] = {
            "mb": mb,
            "wall": t["wall"],
            "cpu": t["cpu"],
            "mbps": mb / t["wall"] if t["wall"] else None,
            "size": size / 1e6,
            "size_ratio": size / raw,
            "csize": comp / 1e6 if comp >= 0 else None,
            "csize_ratio": comp / raw if comp >= 0 else None,
            "rss": t["rss_kb"] / 1024.0 if t["rss_kb"] is not None else None,
            "p50": percentile(lat1k, 50),
            "p95": percentile(lat1k, 95),
            "p99": percentile(lat1k, 99),
            "mean": sum(lat1k) / len(lat1k) if lat1k else None,
            "qps": qps,
            "_oneshot": oneshot,
            "oneshot50": percentile(oneshot, 50),
            "oneshot95": percentile(oneshot, 95),
            "single50": percentile(single, 50),
            "single95": percentile(single, 95),
            "mrr": m10,
            "hit10": hit10 * 100,
            "hit100": hit100 * 100,
        }

    rows = [
        ("input MB (title+body UTF-8, 10^6 B)", "mb", ".1f"),
        ("indexing wall time (s)", "wall", ".2f"),
        ("indexing CPU user+sys (s)", "cpu", ".2f"),
        ("indexing MB/s", "mbps", ".2f"),
        ("index size on disk, du (MB)", "size", ".1f"),
        ("index size / raw", "size_ratio", ".2f"),
        ("after xapian-compact (MB)", "csize", ".1f"),
        ("compacted size / raw", "csize_ratio", ".2f"),
        ("indexing peak RSS (MiB)", "rss", ".1f"),
        ("query latency p50 (ms)", "p50", ".3f"),
        ("query latency p95 (ms)", "p95", ".3f"),
        ("query latency p99 (ms)", "p99", ".3f"),
        ("query latency mean (ms)", "mean", ".3f"),
        ("queries/s (batch wall, DB opened once)", "qps", ".0f"),
        ("one-shot process p50 (ms, start incl.)", "oneshot50", ".1f"),
        ("one-shot process p95 (ms, start incl.)", "oneshot95", ".1f"),
        ("single-char query p50 (ms)", "single50", ".3f"),
        ("single-char query p95 (ms)", "single95", ".3f"),
        ("MRR@10 (known item)", "mrr", ".3f"),
        ("known item in top 10 articles (%)", "hit10", ".1f"),
        ("known item in top 100 passages (%)", "hit100", ".1f"),
    ]
    c, b = cols["cjk"], cols["base"]
    w0 = max(len(r[0]) for r in rows)
    lines = []
    lines.append("cjknews benchmark")
    lines.append("corpus: %s: %d articles (%d livedoor ja, %d hkcnews zh-Hant), %.1f MB raw; "
                 "%d passages; %d known-item queries (4-10 CJK chars from a body paragraph)" % (
                     a.name, meta["articles"], meta.get("livedoor", 0),
                     meta.get("hkcnews", 0), mb,
                     a.passages if a.passages is not None else -1, len(queries)))
    if a.latency_queries:
        lines.append("latency rows: %d queries (the known-item ones and more drawn the same way) "
                     "in one batch process per engine; single-char rows: 微 股 株 的 国 中, "
                     "5 times each, one batch; one-shot: one cjksearch process per query "
                     "(%d queries), wall time incl. process start" % (
                         a.latency_queries, len(cols["cjk"].get("_oneshot", [])) or 0))
    lines.extend(a.info)
    lines.append("")
    hdr = "| %-*s | %12s | %12s | %16s |" % (w0, "metric", "cjknews", "baseline", "cjknews/baseline")
    lines.append(hdr)
    lines.append("|-%s-|%s:|%s:|%s:|" % ("-" * w0, "-" * 13, "-" * 13, "-" * 17))
    for label, key, spec in rows:
        r = ratio(c[key], b[key]) if key != "mb" else None
        rs = fmt(r, ".2f") + "x" if r is not None else ("1.00x" if key == "mb" else "n/a")
        lines.append("| %-*s | %12s | %12s | %16s |" % (
            w0, label, fmt(c[key], spec), fmt(b[key], spec), rs))
    lines.append("")
    lines.append("baseline = Xapian %s TermGenerator FLAG_CJK_NGRAM on the same passages, commit "
                 "every 1000 docs; QueryParser FLAG_DEFAULT|FLAG_CJK_NGRAM, default OR, "
                 "BM25 defaults, top 100." % a.xapian)
    lines.append("ratios < 1 are better for cjknews except MB/s, queries/s, MRR and top-N (higher is "
                 "better). One run on a noisy machine: read the ratios, not the seconds.")
    for w in warnings:
        lines.append("WARNING: " + w)
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
