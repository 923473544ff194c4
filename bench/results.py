# SPDX-License-Identifier: MIT
"""results.py - readers shared by the bench scripts: GNU time -v outputs,
latency logs, query and qrels files, runs (cjksearch --json, TREC), and
the statistics computed from them. Standard library only.
"""
import json
import math
import re


def parse_time_v(path):
    """Wall seconds, user+sys CPU seconds, peak RSS (KiB) and exit status
    from a GNU `time -v -o FILE` output; None for what is missing."""
    out = {"wall": None, "cpu": None, "rss_kb": None, "status": None}
    user = sys_ = None
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError:
        return out
    with f:
        for line in f:
            k, _, v = line.strip().rpartition(": ")
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


def read_copies(path):
    """cjkindex's duplicate records, as printed by `baseline metadata DB
    cjknews.copies.` (key: cjknews.copies.<canonical id>; value: one
    record a copy, fields separated by U+001F, the first the copy's id,
    each ended by U+001E) -> {article_id: set of the ids of its group}, for
    the articles that are in a group (a canonical and its copies).
    Missing file: {}."""
    groups = {}
    try:
        f = open(path, encoding="utf-8", errors="replace")
    except OSError:
        return groups
    prefix = "cjknews.copies."
    with f:
        for line in f:
            key, _, val = line.rstrip("\n").partition("\t")
            if not key.startswith(prefix):
                continue
            ids = {key[len(prefix):]}
            ids.update(r.split("\x1f")[0] for r in val.split("\x1e") if r)
            merged = set(ids)
            for a in ids:
                merged |= groups.get(a, set())
            for a in merged:
                groups[a] = merged
    return groups


def group_texts(corpus_path, groups):
    """{article_id: title + "\\n" + body} of the articles in the groups."""
    texts = {}
    with open(corpus_path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in groups:
                texts[r["id"]] = (r.get("title") or "") + "\n" + (r.get("body") or "")
    return texts


def expand_qrels(qrels, groups, queries, texts):
    """The relevant articles of each query with the other members of their
    duplicate groups (read_copies) that hold the query's text (texts:
    group_texts): finding the canonical of a copy, or a copy of the target,
    is finding the target, the same for every engine. The text check keeps
    a wrong grouping (two different articles recorded as copies) from
    counting. -> ({qid: set of ids}, number of queries that gained some)."""
    qtext = dict(queries)
    out, n = {}, 0
    for q, rel in qrels.items():
        s = set(rel)
        for a in rel:
            s.update(x for x in groups.get(a, ()) if qtext.get(q, "\0") in texts.get(x, ""))
        out[q] = s
        n += len(s) > len(rel)
    return out, n


def dedup(ids):
    seen, out = set(), []
    for a in ids:
        if a not in seen:
            seen.add(a)
            out.append(a)
    return out


def read_trec_run(path):
    """TREC run -> {qid: [docid...]} in rank order, first occurrence only."""
    run = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 5:
                run.setdefault(p[0], []).append((int(p[3]), p[2]))
    return {q: dedup(a for _, a in sorted(v)) for q, v in run.items()}


def read_json_stream(path):
    """All JSON values of a file, one after the other (JSON Lines or
    pretty-printed)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    dec = json.JSONDecoder()
    objs, i = [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            return objs
        obj, i = dec.raw_decode(text, i)
        objs.append(obj)


def read_cjk_run(path, queries):
    """cjksearch --json --batch: one JSON object per query, in query order
    -> ({qid: [article_id...]}, warning or None)."""
    objs = read_json_stream(path)
    run, warn = {}, None
    if len(objs) != len(queries):
        warn = "cjksearch printed %d objects for %d queries" % (len(objs), len(queries))
    for (qid, q), obj in zip(queries, objs):
        if obj.get("query") not in (None, q) and warn is None:
            warn = "cjksearch output out of step with the queries at %s" % qid
        res = sorted(obj.get("results") or [], key=lambda r: r.get("rank", 0))
        run[qid] = dedup(r.get("article_id") for r in res if r.get("article_id"))
    return run, warn


def mrr(run, qrels, qids, k=10):
    """(MRR@k, share found in the top k, share found at all)."""
    tot, found10, found = 0.0, 0, 0
    for q in qids:
        rel = qrels.get(q, set())
        for r, a in enumerate(run.get(q, []), 1):
            if a in rel:
                found += 1
                if r <= k:
                    tot += 1.0 / r
                    found10 += 1
                break
    n = len(qids) or 1
    return tot / n, found10 / n, found / n
