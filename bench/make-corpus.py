#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make-corpus.py - builds the benchmark corpus and query set, once.

Output (in OUTDIR, normally ${CJKNEWS_BENCH_CACHE:-~/.cache/cjknews-bench}/
corpus-<name>/, i.e. outside the repository: the texts may not be
redistributed):

  corpus.jsonl   one article per line: id, title, body, date, source, url, lang
  queries.tsv    qid<TAB>query   (known-item queries, fixed seed)
  queries.txt    the same queries, one per line (for cjksearch --batch)
  qrels.txt      qid 0 article_id 1   (TREC qrels: the article the span came from)
  latency.tsv    qid<TAB>query   (the latency set: 1,000 queries drawn the same
                 way, the first 400 of which are the known-item set above)
  latency.txt    the same, one per line
  single.tsv     qid<TAB>query   (single-character queries, each repeated 5 times)
  single.txt     the same, one per line
  meta.json      counts, raw bytes, generator version, options

The outputs are written to temporary names and renamed at the end; when
meta.json is present and was made by this same version with the same options,
nothing is rebuilt (pass --force to rebuild).

Only the Python standard library is used; the .tar.zst archives are read
through a `zstd -dc` subprocess pipe.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tarfile

VERSION = 4  # bump when the output would change
SEED = 20240611
N_QUERIES = 400
N_LATENCY = 1000
SINGLE_CHARS = "微股株的国中"
SINGLE_REPEAT = 5
SPAN_MIN, SPAN_MAX = 4, 10

LIVEDOOR = "livedoor-news-ja/ldcc-text.tar.zst"
HKCNEWS = "hkcnews-zh-hant/hkcnews-articles.tar.zst"


def zstd_tar_members(path):
    """Yields (name, bytes) for each regular file of a .tar.zst, in archive
    order, streaming (no temporary files)."""
    proc = subprocess.Popen(["zstd", "-dc", "--", path], stdout=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tf:
            for m in tf:
                if not m.isfile():
                    continue
                f = tf.extractfile(m)
                yield m.name, f.read()
    finally:
        proc.stdout.close()
        rc = proc.wait()
    if rc != 0:
        raise SystemExit("make-corpus: zstd -dc %s failed (status %d)" % (path, rc))


def clean_lines(text):
    """Paragraph lines: stripped (incl. U+3000 indentation), empty ones dropped."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


# ---- livedoor ------------------------------------------------------------
def livedoor_articles(archive):
    skip = {"LICENSE.txt", "README.txt", "CHANGES.txt"}
    out = []
    for name, data in zstd_tar_members(archive):
        parts = name.split("/")
        if not name.endswith(".txt") or parts[-1] in skip or len(parts) < 3:
            continue
        category = parts[-2]
        text = data.decode("utf-8", errors="replace")
        lines = text.splitlines()
        if len(lines) < 3:
            continue
        url, date_iso, title = lines[0].strip(), lines[1].strip(), lines[2].strip()
        body = "\n".join(clean_lines("\n".join(lines[3:])))
        rec = {
            "id": category + "/" + parts[-1][:-len(".txt")],
            "title": title,
            "body": body,
            "source": "livedoor/" + category,
            "url": url,
            "lang": "ja",
        }
        m = re.match(r"(\d{4}-\d{2}-\d{2})", date_iso)
        if m:
            rec["date"] = m.group(1)
        out.append(rec)
    out.sort(key=lambda r: r["id"])
    return out


# ---- hkcnews ---------------------------------------------------------------
FM_KEY = re.compile(r'^([A-Za-z_]+):\s*(.*)$')


def yaml_scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        try:
            return json.loads(v)  # double-quoted YAML scalars here are JSON-compatible
        except ValueError:
            return v[1:-1]
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def hkcnews_article(name, data):
    text = data.decode("utf-8", errors="replace")
    lines = text.splitlines()
    meta = {}
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() != "---":
            m = FM_KEY.match(lines[i])
            if m and m.group(2).strip():
                meta[m.group(1)] = yaml_scalar(m.group(2))
            i += 1
        i += 1
    body_lines = []
    in_figure = False
    for ln in lines[i:]:
        s = ln.strip()
        if in_figure:
            if "</figure>" in s:
                in_figure = False
            continue
        if s.startswith("<figure"):
            if "</figure>" not in s:
                in_figure = True
            continue
        if s.startswith("{{<") or s.startswith("{{%"):
            continue  # Hugo shortcodes (embedded videos)
        if s.startswith("# "):
            continue  # the title again
        s = re.sub(r"^#{2,6}\s*", "", s)
        if s:
            body_lines.append(s)
    m = re.search(r"article_(\d+)\.md$", name)
    num = int(m.group(1)) if m else 0
    title = meta.get("title", "")
    rec = {
        "id": "hkcnews/article_%d" % num,
        "title": title,
        "body": "\n".join(body_lines),
        "source": "hkcnews/" + (meta.get("category") or "unknown"),
        "url": meta.get("original_url") or meta.get("url") or "",
        "lang": "zh-Hant",
    }
    d = meta.get("date", "")
    if re.match(r"^\d{4}-\d{2}-\d{2}$", d):
        rec["date"] = d
    return num, rec


def hkcnews_articles(archive, n):
    arts = []
    for name, data in zstd_tar_members(archive):
        if not re.search(r"/article_\d+\.md$", name):
            continue
        arts.append(hkcnews_article(name, data))
    arts.sort(key=lambda t: t[0])
    return [rec for _, rec in arts[:n]]


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


CJK_RUN = None


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


def make_queries(articles, n, seed):
    rng = random.Random(seed)
    seen = set()
    queries = []
    tries = 0
    while len(queries) < n and tries < n * 100:
        tries += 1
        art = articles[rng.randrange(len(articles))]
        pars = [p for p in art["body"].split("\n") if cjk_runs(p, SPAN_MIN)]
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


# ---- main ------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus-dir", default=os.environ.get(
        "CJKNEWS_CORPUS_DIR", os.path.join(here, "..", "..", "shared", "corpus")))
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--hkcnews", type=int, default=0, metavar="N",
                    help="also add the first N hkcnews articles (by article number)")
    ap.add_argument("--queries", type=int, default=N_QUERIES)
    ap.add_argument("--latency-queries", type=int, default=N_LATENCY)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()

    opts = {"version": VERSION, "hkcnews": a.hkcnews, "queries": a.queries, "seed": a.seed,
            "latency_queries": a.latency_queries, "single": SINGLE_CHARS}
    meta_path = os.path.join(a.out, "meta.json")
    if not a.force and os.path.exists(meta_path):
        try:
            with open(meta_path) as f:
                old = json.load(f)
            if old.get("options") == opts:
                print("make-corpus: cached %s (%d articles, %.1f MB)" % (
                    a.out, old["articles"], old["raw_bytes"] / 1e6), file=sys.stderr)
                return 0
        except (ValueError, KeyError, OSError):
            pass

    src = os.path.join(a.corpus_dir, LIVEDOOR)
    if not os.path.exists(src):
        print("make-corpus: %s not found" % src, file=sys.stderr)
        return 3
    print("make-corpus: reading %s" % src, file=sys.stderr)
    articles = livedoor_articles(src)
    n_ld = len(articles)
    n_hk = 0
    if a.hkcnews > 0:
        hsrc = os.path.join(a.corpus_dir, HKCNEWS)
        if not os.path.exists(hsrc):
            print("make-corpus: %s not found" % hsrc, file=sys.stderr)
            return 3
        print("make-corpus: reading %s (first %d articles)" % (hsrc, a.hkcnews),
              file=sys.stderr)
        hk = hkcnews_articles(hsrc, a.hkcnews)
        n_hk = len(hk)
        # interleave so that neither language sits in one block of the index
        mixed, i, j = [], 0, 0
        while i < len(articles) or j < len(hk):
            if i < len(articles):
                mixed.append(articles[i]); i += 1
            if j < len(hk):
                mixed.append(hk[j]); j += 1
        articles = mixed

    os.makedirs(a.out, exist_ok=True)
    raw = 0
    tmp = lambda p: os.path.join(a.out, p + ".tmp")
    with open(tmp("corpus.jsonl"), "w", encoding="utf-8") as f:
        for r in articles:
            raw += len(r["title"].encode("utf-8")) + len(r["body"].encode("utf-8"))
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

    # One draw: make_queries is sequential on one seeded generator, so the
    # first a.queries of the longer draw are exactly the known-item set.
    drawn = make_queries(articles, max(a.queries, a.latency_queries), a.seed)
    queries = drawn[:a.queries]
    latency = drawn[:a.latency_queries]
    with open(tmp("queries.tsv"), "w", encoding="utf-8") as ft, \
            open(tmp("queries.txt"), "w", encoding="utf-8") as fq, \
            open(tmp("qrels.txt"), "w", encoding="utf-8") as fr:
        for k, (aid, q) in enumerate(queries, 1):
            qid = "q%03d" % k
            ft.write("%s\t%s\n" % (qid, q))
            fq.write(q + "\n")
            fr.write("%s 0 %s 1\n" % (qid, aid))
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
    meta = {"options": opts, "articles": len(articles), "livedoor": n_ld,
            "hkcnews": n_hk, "raw_bytes": raw, "queries": len(queries),
            "latency_queries": len(latency)}
    with open(tmp("meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    for p in ("corpus.jsonl", "queries.tsv", "queries.txt", "qrels.txt",
              "latency.tsv", "latency.txt", "single.tsv", "single.txt", "meta.json"):
        os.replace(tmp(p), os.path.join(a.out, p))  # meta.json last: marks completion
    print("make-corpus: wrote %s: %d articles (%d livedoor, %d hkcnews), %.1f MB raw, "
          "%d queries, %d latency queries" % (a.out, len(articles), n_ld, n_hk, raw / 1e6,
                                               len(queries), len(latency)),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
