#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make-eval.py - builds the relevance-evaluation sets for `make eval`, once.

Reads the four SQuAD-style question->passage sets of ../shared/corpus
(cmrc2018-zh-hans, drcd-zh-hant, jsquad-ja, korquad1-ko; see their
SOURCE.md) and writes, per dataset, into OUTDIR/<dataset>/ (outside the
repository: the texts are licensed, CC BY-SA / CC BY-ND, not ours to copy):

  corpus.jsonl     one unique context passage per line:
                   {"id": "<dataset>:<n>", "title": article title or "",
                    "body": context text, "lang": ...}
                   n = index of the context among the dataset's unique
                   contexts (exact text), in file order
  queries.tsv      qid<TAB>question      (qid = "<dataset>:<question id>")
  queries.txt      the same questions, one per line (cjksearch --batch)
  queries-or.txt   the same questions reduced to OR-semantics: the bigrams
                   of each CJK run and each other word, joined by " OR "
  qrels.txt        qid 0 <dataset>:<n> 1   (the context the question was
                   written from; duplicated contexts map to the one id)
  meta.json        version, options, counts

Questions: all of them, or a sample of --sample per dataset drawn with a
fixed seed (random.Random(SEED).sample, then put back in file order).
Question text: tabs and newlines become spaces, stripped; empty ones are
dropped. Nothing is rebuilt when meta.json shows the same version and options.

Standard library only; the .json.zst files are read through `zstd -dc`.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

VERSION = 1  # bump when the output would change
SEED = 20240612

# name, lang, files (relative to the corpus dir)
DATASETS = [
    ("cmrc2018", "zh-Hans", ["cmrc2018-zh-hans/squad-style-data/cmrc2018_dev.json.zst",
                             "cmrc2018-zh-hans/squad-style-data/cmrc2018_trial.json.zst"]),
    ("drcd", "zh-Hant", ["drcd-zh-hant/DRCD_dev.json.zst",
                         "drcd-zh-hant/DRCD_test.json.zst"]),
    ("jsquad", "ja", ["jsquad-ja/jsquad-valid-v1.3.json.zst",
                      "jsquad-ja/jsquad-test-v1.3.json.zst"]),
    ("korquad1", "ko", ["korquad1-ko/KorQuAD_v1.0_dev.json.zst"]),
]

SEP = " [SEP] "  # JSQuAD contexts start with "<title> [SEP] "

# Han (URO, Ext A, compatibility), kana (incl. ー 々 〆), Hangul syllables and jamo
CJK_RUN = re.compile(
    "[\u3005\u3006\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\uff66-\uff9f]+")
WORD = re.compile(r"[^\W_]+")


def read_zstd_json(path):
    out = subprocess.run(["zstd", "-dc", "--", path], stdout=subprocess.PIPE, check=False)
    if out.returncode != 0:
        raise SystemExit("make-eval: zstd -dc %s failed (status %d)" % (path, out.returncode))
    return json.loads(out.stdout.decode("utf-8"))


def clean(s):
    return " ".join(s.replace("\t", " ").replace("\r", " ").replace("\n", " ").split())


def or_form(q):
    """The question reduced to OR-semantics: every bigram of each CJK run (a
    one-character run stays one character), every other letter/digit word,
    de-duplicated in order, joined by ' OR '."""
    toks = []
    pos = 0
    for m in CJK_RUN.finditer(q):
        toks.extend(w.lower() for w in WORD.findall(q[pos:m.start()]))
        run = m.group(0)
        if len(run) == 1:
            toks.append(run)
        else:
            toks.extend(run[i:i + 2] for i in range(len(run) - 1))
        pos = m.end()
    toks.extend(w.lower() for w in WORD.findall(q[pos:]))
    seen, uniq = set(), []
    for t in toks:
        if t not in seen:
            seen.add(t)
            uniq.append(t)
    return " OR ".join(uniq)


def build(name, lang, paths, sample):
    contexts = {}  # text -> (id, title)
    corpus = []
    questions = []  # (qid, question, context id)
    for path in paths:
        data = read_zstd_json(path)
        for art in data.get("data", []):
            atitle = clean(art.get("title", "") or "")
            for para in art.get("paragraphs", []):
                text = para.get("context", "") or ""
                title = atitle
                if name == "jsquad" and SEP in text:
                    head, text = text.split(SEP, 1)
                    title = title or clean(head)
                text = text.strip()
                if not text:
                    continue
                if text not in contexts:
                    cid = "%s:%d" % (name, len(corpus))
                    contexts[text] = cid
                    corpus.append({"id": cid, "title": title, "body": text, "lang": lang})
                cid = contexts[text]
                for qa in para.get("qas", []):
                    if qa.get("is_impossible"):
                        continue
                    q = clean(qa.get("question", "") or "")
                    if not q:
                        continue
                    qid = "%s:%s" % (name, "".join(str(qa.get("id", len(questions))).split()))
                    questions.append((qid, q, cid))
    total_q = len(questions)
    if sample and sample < total_q:
        idx = sorted(random.Random(SEED).sample(range(total_q), sample))
        questions = [questions[i] for i in idx]
    return corpus, questions, total_q


def write_atomic(path, lines):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for ln in lines:
            f.write(ln)
            f.write("\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sample", type=int, default=1000,
                    help="questions per dataset, fixed seed (0 = all)")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--list", action="store_true", help="print the dataset names and exit")
    a = ap.parse_args()
    if a.list:
        print(" ".join(d[0] for d in DATASETS))
        return 0
    opts = {"version": VERSION, "seed": SEED, "sample": a.sample}
    for name, lang, files in DATASETS:
        outdir = os.path.join(a.out, name)
        meta_path = os.path.join(outdir, "meta.json")
        if not a.force and os.path.exists(meta_path):
            try:
                with open(meta_path, encoding="utf-8") as f:
                    if json.load(f).get("options") == opts:
                        continue
            except (OSError, ValueError):
                pass
        paths = [os.path.join(a.corpus_dir, p) for p in files]
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            raise SystemExit("make-eval: missing %s" % ", ".join(missing))
        print("eval: building the %s set" % name, file=sys.stderr)
        corpus, questions, total_q = build(name, lang, paths, a.sample)
        os.makedirs(outdir, exist_ok=True)
        if os.path.exists(meta_path):
            os.remove(meta_path)
        write_atomic(os.path.join(outdir, "corpus.jsonl"),
                     (json.dumps(r, ensure_ascii=False) for r in corpus))
        write_atomic(os.path.join(outdir, "queries.tsv"),
                     ("%s\t%s" % (qid, q) for qid, q, _ in questions))
        write_atomic(os.path.join(outdir, "queries.txt"), (q for _, q, _ in questions))
        write_atomic(os.path.join(outdir, "queries-or.txt"),
                     (or_form(q) for _, q, _ in questions))
        write_atomic(os.path.join(outdir, "qrels.txt"),
                     ("%s 0 %s 1" % (qid, cid) for qid, _, cid in questions))
        meta = {"options": opts, "dataset": name, "lang": lang, "files": files,
                "passages": len(corpus), "questions_total": total_q,
                "questions": len(questions),
                "text_bytes": sum(len((r["title"] + r["body"]).encode()) for r in corpus)}
        write_atomic(meta_path, [json.dumps(meta, ensure_ascii=False)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
