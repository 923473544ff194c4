#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make-corpus.py - builds the benchmark corpus and query set, once.

  make-corpus.py --set mixed [--mb 110] [--scale 4] --out DIR
  make-corpus.py --set livedoor [--mb N] --out DIR

mixed: news in four languages from ../shared/corpus (livedoor ja, readhub
zh-Hans, chosun ko, hkcnews zh-Hant), an equal share of --mb each (a source
that has less leaves its shortfall to the others), interleaved so that every
source is spread evenly over the file. livedoor: the livedoor articles in id
order (all of them, or the first --mb). --scale K builds a K times larger
corpus of the same sources (more real articles, no repetition, so duplicate
detection does not shrink it) and no query files: it is only indexed.

Output (in DIR, normally ${CJKNEWS_BENCH_CACHE:-~/.cache/cjknews-bench}/
corpus-<name>/, outside the repository: the texts may not be redistributed):

  corpus.jsonl   one article per line: id, title, body, date, source, url, lang
                 (also the input format of ../shared/peers)
  queries.tsv    qid<TAB>query   (known-item queries, fixed seed, the languages
                 in turn)
  queries.txt    the same queries, one per line (for cjksearch --batch)
  qrels.txt      qid 0 article_id 1   (TREC qrels: the article the span came from)
  latency.tsv    qid<TAB>query   (the latency set: 1,000 queries drawn the same
                 way, the first 400 of which are the known-item set above)
  latency.txt    the same, one per line
  single.tsv     qid<TAB>query   (single-character queries, each repeated 5 times)
  single.txt     the same, one per line
  meta.json      counts (per language), raw bytes, generator version, options

The outputs are written to temporary names and renamed at the end, meta.json
last; when meta.json was made by this same version with the same options,
nothing is rebuilt (--force rebuilds). When only the query generator changed
(QUERY_VERSION), the query files are drawn again from the corpus.jsonl that
is there, and the corpus is not rebuilt.
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sources  # noqa: E402

VERSION = 6  # bump when the corpus would change
QUERY_VERSION = 2  # bump when the query files would change (1: before the boilerplate rule)
SEED = 20240611
N_QUERIES = 400
N_LATENCY = 1000
# zh-Hans 微 股 的, zh-Hant 國, both 中, ja 株 の, ko 한 의
SINGLE_CHARS = "微股國株の한의的中"
SINGLE_REPEAT = 5
SPAN_MIN, SPAN_MAX = 4, 10
# A body line found in this many articles of the same source (compared on
# its CJK characters only, line_key) is the site's boilerplate (関連記事,
# subscription appeals, bylines, lists of related articles), not the
# article's own text: no query is drawn from it.
BOILERPLATE_MIN = 4


def say(msg):
    print("make-corpus: " + msg, file=sys.stderr)


# ---- reading the shares --------------------------------------------------------
def take(it, quota):
    """Articles from `it` until their raw bytes reach `quota` (None: all)."""
    out, got = [], 0
    for rec in it:
        if quota is not None and got >= quota:
            break
        if not rec["title"] and not rec["body"]:
            continue  # nothing to index: cjkindex would reject it
        out.append(rec)
        got += sources.raw_bytes(rec)
    if hasattr(it, "close"):
        it.close()  # stops the zstd pipe of a generator that has more
    return out, got


def read_mixed(corpus_dir, target):
    """[(lang, [articles])] in sources.MIXED order. Smallest source first:
    each takes remaining / sources left, so a short one's shortfall is
    spread over the ones after it."""
    parts, left = [], target
    for k, (rel, reader, lang) in enumerate(sources.MIXED):
        quota = left / (len(sources.MIXED) - k)
        say("reading %s (%.1f MB wanted)" % (rel, quota / 1e6))
        arts, got = take(reader(os.path.join(corpus_dir, rel)), quota)
        if got < quota:
            say("%s has only %.1f MB" % (rel, got / 1e6))
        parts.append((lang, arts))
        left -= got
    return parts


def interleave(parts):
    """One list where each part is spread evenly: the next article always
    comes from the part that has emitted the smallest share of its bytes."""
    totals = [sum(sources.raw_bytes(r) for r in arts) or 1 for _, arts in parts]
    done = [0] * len(parts)
    pos = [0] * len(parts)
    out = []
    while True:
        live = [i for i, (_, arts) in enumerate(parts) if pos[i] < len(arts)]
        if not live:
            return out
        i = min(live, key=lambda j: (done[j] / totals[j], j))
        rec = parts[i][1][pos[i]]
        pos[i] += 1
        done[i] += sources.raw_bytes(rec)
        out.append(rec)


# ---- queries ---------------------------------------------------------------
def is_cjk(ch):
    c = ord(ch)
    return (0x4E00 <= c <= 0x9FFF or 0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF
            or 0x20000 <= c <= 0x2FFFF
            or 0x3041 <= c <= 0x309F              # hiragana (incl. ゝゞ)
            or (0x30A0 <= c <= 0x30FF and c != 0x30FB)  # katakana, not ・
            or 0x31F0 <= c <= 0x31FF
            or 0x3005 <= c <= 0x3007              # 々 〆 〇
            or 0xAC00 <= c <= 0xD7AF or 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F)


def cjk_runs(par, minlen):
    runs, start = [], None
    for i, ch in enumerate(par + "\0"):
        if i < len(par) and is_cjk(ch):
            if start is None:
                start = i
        elif start is not None:
            if i - start >= minlen:
                runs.append(par[start:i])
            start = None
    return runs


def line_key(line):
    """A line's CJK characters: what queries are drawn from. Lines that
    differ only in a URL, a date or punctuation have the same key."""
    return "".join(ch for ch in line if is_cjk(ch))


def common_lines(articles):
    """The keys (line_key) of the body lines found in BOILERPLATE_MIN or
    more of the articles."""
    seen = {}
    for art in articles:
        for key in {line_key(p) for p in art["body"].split("\n")}:
            if key:
                seen[key] = seen.get(key, 0) + 1
    return {key for key, k in seen.items() if k >= BOILERPLATE_MIN}


def make_queries(groups, n, seed):
    """Query k comes from groups[k % len(groups)] (the languages in turn,
    one group per source), so every language has its share of the
    known-item and latency sets. The lines of a group's boilerplate
    (common_lines) are never drawn from."""
    rng = random.Random(seed)
    common = [common_lines(g) for g in groups]
    seen, queries, tries = set(), [], 0
    while len(queries) < n and tries < n * 100:
        tries += 1
        g = len(queries) % len(groups)
        articles = groups[g]
        art = articles[rng.randrange(len(articles))]
        pars = [p for p in art["body"].split("\n")
                if line_key(p) not in common[g] and cjk_runs(p, SPAN_MIN)]
        if not pars:
            continue
        par = pars[rng.randrange(len(pars))]
        runs = cjk_runs(par, SPAN_MIN)
        run = runs[rng.randrange(len(runs))]
        length = rng.randint(SPAN_MIN, min(SPAN_MAX, len(run)))
        start = rng.randrange(len(run) - length + 1)
        q = run[start:start + length]
        if q in seen:
            continue
        seen.add(q)
        queries.append((art["id"], q))
    return queries


def write_queries(tmp, groups, a):
    # One draw: make_queries is sequential on one seeded generator, so the
    # first a.queries of the longer draw are exactly the known-item set.
    drawn = make_queries(groups, max(a.queries, a.latency_queries), a.seed)
    queries, latency = drawn[:a.queries], drawn[:a.latency_queries]
    with open(tmp("queries.tsv"), "w", encoding="utf-8") as ft, \
            open(tmp("queries.txt"), "w", encoding="utf-8") as fq, \
            open(tmp("qrels.txt"), "w", encoding="utf-8") as fr:
        for k, (aid, q) in enumerate(queries, 1):
            ft.write("q%03d\t%s\n" % (k, q))
            fq.write(q + "\n")
            fr.write("q%03d 0 %s 1\n" % (k, aid))
    with open(tmp("latency.tsv"), "w", encoding="utf-8") as ft, \
            open(tmp("latency.txt"), "w", encoding="utf-8") as fq:
        for k, (_, q) in enumerate(latency, 1):
            ft.write("l%04d\t%s\n" % (k, q))
            fq.write(q + "\n")
    with open(tmp("single.tsv"), "w", encoding="utf-8") as ft, \
            open(tmp("single.txt"), "w", encoding="utf-8") as fq:
        k = 0
        for _ in range(SINGLE_REPEAT):
            for ch in SINGLE_CHARS:
                k += 1
                ft.write("s%03d\t%s\n" % (k, ch))
                fq.write(ch + "\n")
    return len(queries), len(latency)


# ---- main ------------------------------------------------------------------
def cached(meta_path, opts):
    """"all" when meta.json was made with these options, "queries" when
    only the query generator's version differs (the corpus is good), else
    None."""
    try:
        with open(meta_path) as f:
            old = json.load(f)
        got = dict(old.get("options") or {})
        if "query_version" in opts:
            got.setdefault("query_version", 1)  # made before it was recorded
        if got == opts:
            say("cached %s (%d articles, %.1f MB)" % (
                os.path.dirname(meta_path), old["articles"], old["raw_bytes"] / 1e6))
            return "all", old
        corpus_only = lambda o: {k: v for k, v in o.items() if k not in QUERY_OPTIONS}  # noqa: E731
        if ("query_version" in opts and corpus_only(got) == corpus_only(opts)
                and os.path.exists(os.path.join(os.path.dirname(meta_path), "corpus.jsonl"))):
            return "queries", old
    except (ValueError, KeyError, OSError, TypeError):
        pass
    return None, None


def read_groups(path, set_name):
    """The query draw's groups from a corpus.jsonl: one list per language in
    the order of the build (sources.MIXED), each in file order, which is
    its source's order (interleave keeps it)."""
    by_lang = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            by_lang.setdefault(r["lang"], []).append(r)
    order = ["ja"] if set_name == "livedoor" else [lang for _, _, lang in sources.MIXED]
    return [by_lang[lang] for lang in order if by_lang.get(lang)]


QUERY_OPTIONS = ("query_version", "boilerplate_min")  # they change the query files only
QUERY_FILES = ["queries.tsv", "queries.txt", "qrels.txt", "latency.tsv", "latency.txt",
               "single.tsv", "single.txt"]


def redraw_queries(out, old, opts, a):
    """Only the query files change: draw them again from the corpus there."""
    say("query generator changed (version %s -> %d): drawing the queries again from %s" % (
        old["options"].get("query_version", 1), QUERY_VERSION, os.path.join(out, "corpus.jsonl")))
    tmp = lambda p: os.path.join(out, p + ".tmp")  # noqa: E731
    groups = read_groups(os.path.join(out, "corpus.jsonl"), a.set)
    nq, nl = write_queries(tmp, groups, a)
    meta = dict(old, options=opts, queries=nq, latency_queries=nl)
    with open(tmp("meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    for p in QUERY_FILES + ["meta.json"]:
        os.replace(tmp(p), os.path.join(out, p))
    say("wrote %s: %d queries, %d latency queries" % (out, nq, nl))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus-dir", default=os.environ.get(
        "CJKNEWS_CORPUS_DIR", os.path.join(here, "..", "..", "shared", "corpus")))
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--set", choices=("mixed", "livedoor"), default="mixed")
    ap.add_argument("--mb", type=float, default=0,
                    help="raw MB wanted (mixed: default 110; livedoor: default all)")
    ap.add_argument("--scale", type=int, default=1,
                    help="K: a corpus K times --mb, without query files")
    ap.add_argument("--queries", type=int, default=N_QUERIES)
    ap.add_argument("--latency-queries", type=int, default=N_LATENCY)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    if a.set == "mixed" and a.mb <= 0:
        a.mb = 110
    target = a.mb * 1e6 * a.scale if a.mb > 0 else None

    opts = {"version": VERSION, "set": a.set, "mb": a.mb, "scale": a.scale,
            "queries": a.queries, "seed": a.seed, "latency_queries": a.latency_queries,
            "single": SINGLE_CHARS}
    if a.scale == 1:  # (the 4x corpus has no query files)
        opts.update(query_version=QUERY_VERSION, boilerplate_min=BOILERPLATE_MIN)
    meta_path = os.path.join(a.out, "meta.json")
    if not a.force:
        what, old = cached(meta_path, opts)
        if what == "all":
            return 0
        if what == "queries" and a.scale == 1:
            return redraw_queries(a.out, old, opts, a)

    wanted = [sources.LIVEDOOR] + ([] if a.set == "livedoor" else [s[0] for s in sources.MIXED])
    for rel in wanted:
        if not os.path.exists(os.path.join(a.corpus_dir, rel)):
            say("%s not found" % os.path.join(a.corpus_dir, rel))
            return 3
    if a.set == "livedoor":
        say("reading %s" % sources.LIVEDOOR)
        arts, _ = take(sources.livedoor(os.path.join(a.corpus_dir, sources.LIVEDOOR)), target)
        parts = [("ja", arts)]
    else:
        parts = read_mixed(a.corpus_dir, target)
    articles = interleave(parts)

    os.makedirs(a.out, exist_ok=True)
    tmp = lambda p: os.path.join(a.out, p + ".tmp")  # noqa: E731
    raw, by_lang, ids = 0, {}, set()
    with open(tmp("corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in articles:
            if r["id"] in ids:
                raise SystemExit("make-corpus: id %s twice" % r["id"])
            ids.add(r["id"])
            n = sources.raw_bytes(r)
            raw += n
            st = by_lang.setdefault(r["lang"], {"articles": 0, "raw_bytes": 0})
            st["articles"] += 1
            st["raw_bytes"] += n
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    files = ["corpus.jsonl"]
    nq = nl = 0
    if a.scale == 1:
        nq, nl = write_queries(tmp, [arts for _, arts in parts if arts], a)
        files += QUERY_FILES
    meta = {"options": opts, "set": a.set, "articles": len(articles), "raw_bytes": raw,
            "languages": by_lang, "queries": nq, "latency_queries": nl}
    with open(tmp("meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    for p in files + ["meta.json"]:
        os.replace(tmp(p), os.path.join(a.out, p))  # meta.json last: marks completion
    say("wrote %s: %d articles (%s), %.1f MB raw, %d queries, %d latency queries" % (
        a.out, len(articles), ", ".join("%s %d" % (k, v["articles"]) for k, v in by_lang.items()),
        raw / 1e6, nq, nl))
    return 0


if __name__ == "__main__":
    sys.exit(main())
