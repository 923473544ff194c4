# SPDX-License-Identifier: MIT
"""peers.py - the engines of ../shared/peers beside cjknews and the baseline
in one table, for `make bench-peers`.

run_all.sh leaves OUTDIR/measurements.jsonl (one line per engine and
variant) and OUTDIR/table.txt. Their query step times the known-item
queries in-process, so the latency columns here are cjknews's and the
baseline's known-item pass too (not the 1,000-query set of the main
table); MRR@10 is computed the same way for every engine, from each run
file (first occurrence of each article, known item within the first 10).
"""
import json
import os

from results import mrr, read_trec_run


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def table(outdir, c, b, qrels, qids, main_j):
    """Lines of the combined table, or [] when the peers did not run."""
    path = os.path.join(outdir, "measurements.jsonl")
    if not os.path.exists(path):
        return []
    recs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                recs[(r["peer"], r["variant"])] = r  # the latest run of a peer wins
    rows = []
    for label, col in (("cjknews (-j %d)" % main_j, c), ("baseline (Xapian CJK n-grams)", b)):
        rows.append([label, fmt(col.get("mbps"), ".2f"), fmt(col.get("size_ratio"), ".2f"),
                     fmt(col.get("rss"), ".0f"), fmt(col.get("ki50"), ".3f"),
                     fmt(col.get("ki95"), ".3f"), fmt(col.get("mrr"), ".3f")])
    notes = []
    for (peer, variant), r in recs.items():
        label = peer if variant in ("-", None) else "%s[%s]" % (r.get("engine", peer), variant)
        if r.get("status") != "ok":
            rows.append([label] + ["-"] * 6)
            notes.append("%s: %s" % (label, str(r.get("status", "?")).splitlines()[0][:200]))
            continue
        m = None
        run_file = os.path.join(outdir, r.get("run_file") or "")
        if r.get("run_file") and os.path.exists(run_file):
            m = mrr(read_trec_run(run_file), qrels, qids)[0]
        rss = r.get("index_peak_rss_kb")
        rows.append([label, fmt(r.get("index_mb_per_s"), ".2f"), fmt(r.get("index_size_ratio"), ".2f"),
                     fmt(rss / 1024.0 if rss else None, ".0f"), fmt(r.get("lat_p50_ms"), ".3f"),
                     fmt(r.get("lat_p95_ms"), ".3f"), fmt(m, ".3f")])
    head = ["engine", "MB/s", "index/raw", "peak RSS MiB", "p50 ms", "p95 ms", "MRR@10"]
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    out = ["cjknews and the peers (../shared/peers, run_all.sh) on the same corpus, "
           "known-item queries and qrels:", ""]
    for k, row in enumerate([head] + rows):
        out.append("  ".join(x.ljust(w) if i == 0 else x.rjust(w)
                             for i, (x, w) in enumerate(zip(row, widths))))
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    out.append("")
    out.append("latency: in-process, the known-item queries (peers: their query step, see "
               "../shared/peers/README.md); index/raw: du of the index / raw title+body bytes.")
    out.extend("note: " + n for n in notes)
    tt = os.path.join(outdir, "table.txt")
    if os.path.exists(tt):
        out.append("")
        out.append("the peers' own table (%s):" % tt)
        with open(tt, encoding="utf-8") as f:
            out.extend("    " + ln.rstrip("\n") for ln in f)
    return out
