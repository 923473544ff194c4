#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""report.py - statistics and the result tables of `make bench`.

Reads what bench/run.sh measured into its work directory (fixed file
names: time-*.txt from GNU time -v, sizes-*.txt, latency logs, runs,
determinism.txt, inc.txt, compacted.txt, peers/) and prints the main table
cjknews | baseline | cjknews/baseline, the -j curve, the determinism and
incremental lines and, when the peers ran, one table with every engine.
Standard library only.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results import (expand_qrels, group_texts, mrr, parse_time_v, percentile, read_cjk_run,  # noqa: E402
                     read_copies, read_latencies, read_qrels, read_queries, read_trec_run)
import peers  # noqa: E402


def read_sizes(path):
    """sizes-*.txt of run.sh -> {"total": du bytes, "postlist.glass": bytes, ...}."""
    out = {}
    try:
        with open(path) as f:
            for line in f:
                k, _, v = line.strip().rpartition(" ")
                if k and v.lstrip("-").isdigit():
                    out[k] = int(v)
    except OSError:
        pass
    return out


def breakdown(sizes, raw):
    """Index bytes / raw, split into the search structures and the stored
    passage text. Glass keeps the postings (with values and metadata) in
    postlist, positions in position, per-document term lists in termlist
    and the document data (cjknews: the passage text) in docdata."""
    if not sizes:
        return {}
    g = lambda t: sizes.get(t + ".glass", 0)  # noqa: E731
    return {
        "size": sizes.get("total", 0) / 1e6,
        "size_ratio": sizes.get("total", 0) / raw,
        "search_ratio": (g("postlist") + g("position") + g("termlist")) / raw,
        "postlist_ratio": g("postlist") / raw,
        "position_ratio": g("position") / raw,
        "termlist_ratio": g("termlist") / raw,
        "docdata_ratio": g("docdata") / raw,
    }


def read_kv(path):
    out = {}
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition(" ")
                if k:
                    out[k] = v
    except OSError:
        pass
    return out


def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def lat_stats(path):
    if not os.path.exists(path):
        return []
    return read_latencies(path)


def engine_column(a, W, side, raw, queries, qrels, warnings):
    """One column of the main table; side is "cjk" or "base"."""
    mb = raw / 1e6
    name = "cjknews" if side == "cjk" else "baseline"
    t = parse_time_v(os.path.join(W, "time-j%d.txt" % a.main_j if side == "cjk" else "time-base.txt"))
    lat = lat_stats(os.path.join(W, "lat-%s.txt" % side))
    if len(lat) != len(queries):
        warnings.append("%s: %d latencies for %d known-item queries" % (name, len(lat), len(queries)))
    if side == "cjk":
        run, w = read_cjk_run(os.path.join(W, "run-cjk.jsonl"), queries)
        if w:
            warnings.append(w)
    else:
        run = read_trec_run(os.path.join(W, "run-base.txt"))
    m10, hit10, hit100 = mrr(run, qrels, [q for q, _ in queries])
    lat1k = lat_stats(os.path.join(W, "lat-latency-%s.txt" % side))
    if a.latency_queries and len(lat1k) != a.latency_queries:
        warnings.append("%s: %d latencies for %d latency queries" % (name, len(lat1k), a.latency_queries))
    t1k = parse_time_v(os.path.join(W, "time-latency-%s.txt" % side))
    single = lat_stats(os.path.join(W, "lat-single-%s.txt" % side))
    oneshot = lat_stats(os.path.join(W, "lat-oneshot-%s.txt" % side))
    comp = read_kv(os.path.join(W, "compacted.txt")).get(side)
    comp = int(comp) if comp and comp.lstrip("-").isdigit() and int(comp) >= 0 else None
    col = {
        "mb": mb, "wall": t["wall"], "cpu": t["cpu"],
        "mbps": mb / t["wall"] if t["wall"] else None,
        "csize": comp / 1e6 if comp is not None else None,
        "csize_ratio": comp / raw if comp is not None else None,
        "rss": t["rss_kb"] / 1024.0 if t["rss_kb"] is not None else None,
        "p50": percentile(lat1k, 50), "p95": percentile(lat1k, 95),
        "p99": percentile(lat1k, 99), "mean": sum(lat1k) / len(lat1k) if lat1k else None,
        "qps": (len(lat1k) / t1k["wall"]) if lat1k and t1k["wall"] else None,
        "oneshot50": percentile(oneshot, 50), "oneshot95": percentile(oneshot, 95),
        "single50": percentile(single, 50), "single95": percentile(single, 95),
        "ki50": percentile(lat, 50), "ki95": percentile(lat, 95),
        "mrr": m10, "hit10": hit10 * 100, "hit100": hit100 * 100,
        "_noneshot": len(oneshot),
    }
    sizes = read_sizes(os.path.join(W, "sizes-j%d.txt" % a.main_j if side == "cjk" else "sizes-base.txt"))
    col.update(breakdown(sizes, raw))
    return col


def x4_column(a, W, col):
    """Peak RSS and MB/s of cjkindex on the 4x corpus, into col."""
    if not a.corpus4x:
        return None
    with open(os.path.join(a.corpus4x, "meta.json")) as f:
        raw4 = json.load(f)["raw_bytes"]
    t = parse_time_v(os.path.join(W, "time-x4.txt"))
    col["rss4"] = t["rss_kb"] / 1024.0 if t["rss_kb"] is not None else None
    col["mbps4"] = raw4 / 1e6 / t["wall"] if t["wall"] else None
    sizes = read_sizes(os.path.join(W, "sizes-x4.txt"))
    col["size4_ratio"] = sizes["total"] / raw4 if sizes.get("total") else None
    return raw4


MAIN_ROWS = [
    ("input MB (title+body UTF-8, 10^6 B)", "mb", ".1f"),
    ("indexing wall time (s)", "wall", ".2f"),
    ("indexing CPU user+sys (s)", "cpu", ".2f"),
    ("indexing MB/s", "mbps", ".2f"),
    ("index size on disk, du (MB)", "size", ".1f"),
    ("index size / raw", "size_ratio", ".2f"),
    ("  postings+positions+termlist / raw", "search_ratio", ".2f"),
    ("    postlist.glass / raw", "postlist_ratio", ".2f"),
    ("    position.glass / raw", "position_ratio", ".2f"),
    ("    termlist.glass / raw", "termlist_ratio", ".2f"),
    ("  stored passage text, docdata / raw", "docdata_ratio", ".2f"),
    ("after xapian-compact (MB)", "csize", ".1f"),
    ("compacted size / raw", "csize_ratio", ".2f"),
    ("indexing peak RSS, 1x (MiB)", "rss", ".1f"),
    ("indexing peak RSS, 4x (MiB)", "rss4", ".1f"),
    ("indexing MB/s, 4x", "mbps4", ".2f"),
    ("index size / raw, 4x", "size4_ratio", ".2f"),
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


def main_table(c, b):
    w0 = max(len(r[0]) for r in MAIN_ROWS)
    lines = ["| %-*s | %12s | %12s | %16s |" % (w0, "metric", "cjknews", "baseline", "cjknews/baseline"),
             "|-%s-|%s:|%s:|%s:|" % ("-" * w0, "-" * 13, "-" * 13, "-" * 17)]
    for label, key, spec in MAIN_ROWS:
        r = ratio(c.get(key), b.get(key)) if key != "mb" else 1.0
        lines.append("| %-*s | %12s | %12s | %16s |" % (
            w0, label, fmt(c.get(key), spec), fmt(b.get(key), spec),
            fmt(r, ".2f") + "x" if r is not None else "n/a"))
    return lines


def jcurve(a, W, raw):
    lines = ["| workers | wall (s) | MB/s | CPU user+sys (s) | peak RSS (MiB) | size (MB) | size / raw |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for j in a.jobs:
        t = parse_time_v(os.path.join(W, "time-j%d.txt" % j))
        s = read_sizes(os.path.join(W, "sizes-j%d.txt" % j)).get("total")
        lines.append("| -j %d%s | %s | %s | %s | %s | %s | %s |" % (
            j, " (default)" if j == a.main_j else "", fmt(t["wall"], ".2f"),
            fmt(raw / 1e6 / t["wall"] if t["wall"] else None, ".2f"), fmt(t["cpu"], ".2f"),
            fmt(t["rss_kb"] / 1024.0 if t["rss_kb"] else None, ".1f"),
            fmt(s / 1e6 if s else None, ".1f"), fmt(s / raw if s else None, ".2f")))
    return lines


def incremental_lines(a, W, full_wall):
    inc = read_kv(os.path.join(W, "inc.txt"))
    if not inc:
        return ["incremental: not measured"]
    t99 = parse_time_v(os.path.join(W, "time-inc99.txt"))["wall"]
    out = []
    for tag, label in (("inc1", "-j %d" % a.main_j), ("inc1-j1", "-j 1")):
        t = parse_time_v(os.path.join(W, "time-%s.txt" % tag))["wall"]
        pct = ratio(t, full_wall)
        out.append("add 1%% (%s articles, %s): %s s = %s of a full build (-j %d, %s s; the 99%% took %s s)" % (
            inc.get("added_articles", "?"), label, fmt(t, ".2f"),
            fmt(pct * 100 if pct is not None else None, ".1f") + "%", a.main_j,
            fmt(full_wall, ".2f"), fmt(t99, ".2f")))
    gone = inc.get("hits_after") == "0" and inc.get("hits_before", "0") != "0"
    arts = "%s -> %s articles" % (inc.get("articles_before", "?"), inc.get("articles_after", "?"))
    out.append("delete one article: %s ms (cjkindex --delete, process start included); "
               "gone from search: %s (%s passages among the top 100 of its query before, %s after; %s)" % (
                   inc.get("delete_ms", "?"), "yes" if gone else "NO",
                   inc.get("hits_before", "?"), inc.get("hits_after", "?"), arts))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True, help="run.sh's work directory")
    ap.add_argument("--corpus", required=True, help="the corpus directory (meta.json, queries)")
    ap.add_argument("--corpus4x", help="the 4x corpus directory, when it was indexed")
    ap.add_argument("--jobs", default="1 2 4", help="the -j curve, as run")
    ap.add_argument("--main-j", type=int, required=True, help="the default -j (the cjknews column)")
    ap.add_argument("--passages", type=int, default=None)
    ap.add_argument("--name", default="?", help="corpus name")
    ap.add_argument("--xapian", default="", help="libxapian version")
    ap.add_argument("--info", action="append", default=[], help="header line")
    ap.add_argument("--out", help="also write the report here")
    a = ap.parse_args()
    a.jobs = sorted({int(j) for j in a.jobs.split()})
    W = a.work

    with open(os.path.join(a.corpus, "meta.json")) as f:
        meta = json.load(f)
    raw = meta["raw_bytes"]
    queries = read_queries(os.path.join(a.corpus, "queries.tsv"))
    qrels = read_qrels(os.path.join(a.corpus, "qrels.txt"))
    # A known item that cjkindex recorded as a copy (or that has copies) is
    # found at the first of its group, for every engine.
    groups = read_copies(os.path.join(W, "copies.txt"))
    qrels, ncopy = expand_qrels(qrels, groups, queries,
                                group_texts(os.path.join(a.corpus, "corpus.jsonl"), groups))
    bmin = meta["options"].get("boilerplate_min")
    a.latency_queries = len(read_queries(os.path.join(a.corpus, "latency.tsv")))
    warnings = []
    c = engine_column(a, W, "cjk", raw, queries, qrels, warnings)
    b = engine_column(a, W, "base", raw, queries, qrels, warnings)
    raw4 = x4_column(a, W, c)

    langs = ", ".join("%s %d (%.1f MB)" % (k, v["articles"], v["raw_bytes"] / 1e6)
                      for k, v in meta.get("languages", {}).items())
    lines = ["cjknews benchmark",
             "corpus: %s: %d articles: %s; %.1f MB raw; %s passages; %d known-item queries "
             "(4-10 CJK chars from a body paragraph, %s, the languages in turn; for %d of "
             "them, a copy cjkindex recorded of the article, or its canonical, that holds the "
             "query text counts too, for every engine)" % (
                 a.name, meta["articles"], langs, raw / 1e6,
                 a.passages if a.passages is not None else "?", len(queries),
                 "not from a line found in %d+ articles of its source" % bmin if bmin
                 else "any line", ncopy),
             "latency rows: %d queries (the known-item ones and more drawn the same way) in one "
             "batch process per engine; single-char rows: %s, 5 times each, one batch; one-shot: "
             "one cjksearch process per query (%d queries), wall time incl. process start" % (
                 a.latency_queries, " ".join(meta["options"].get("single", "")), c["_noneshot"]),
             "cjknews column: cjkindex -j %d (the default here: one writer per CPU)%s" % (
                 a.main_j, "; 4x rows: %.1f MB (%.1fx), cjkindex only" % (raw4 / 1e6, raw4 / raw)
                 if raw4 else "; 4x rows: not run (BENCH_4X=0 or no 4x corpus)")]
    lines.extend(a.info)
    lines.append("")
    lines.extend(main_table(c, b))
    lines.append("")
    lines.append("baseline = Xapian %s TermGenerator FLAG_CJK_NGRAM on the same passages, commit "
                 "every 1000 docs; QueryParser FLAG_DEFAULT|FLAG_CJK_NGRAM, default OR, "
                 "BM25 defaults, top 100." % a.xapian)
    lines.append("ratios < 1 are better for cjknews except MB/s, queries/s, MRR and top-N (higher is "
                 "better). One run on a noisy machine: read the ratios, not the seconds.")
    lines.append("")
    lines.append("cjkindex -j N (writer threads), the same corpus; size = du of the index as left "
                 "(a parallel run ends compacted, -j 1 does not):")
    lines.append("")
    lines.extend(jcurve(a, W, raw))
    lines.append("")
    try:
        with open(os.path.join(W, "determinism.txt"), encoding="utf-8") as f:
            det = [ln.rstrip("\n") for ln in f if ln.strip()]
    except OSError:
        det = ["deterministic: not measured"]
    lines.append(det[0] + " (first %d latency queries, rank + article id + passage number of "
                 "the top 100)" % sum(1 for _ in open(os.path.join(W, "det-queries.txt"), encoding="utf-8")))
    lines.extend(det[1:])
    lines.extend(incremental_lines(a, W, c["wall"]))
    pt = peers.table(os.path.join(W, "peers"), c, b, qrels, [q for q, _ in queries], a.main_j)
    if pt:
        lines.append("")
        lines.extend(pt)
    skipped = os.path.join(W, "peers-skipped.txt")
    if os.path.exists(skipped):
        with open(skipped, encoding="utf-8") as f:
            lines.extend(["", "peers: SKIPPED: " + f.read().strip()])
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
