#!/usr/bin/env python3
# klue-dates.py - measures entities/dates.c against the gold DT (date)
# spans of the KLUE NER dev set (news sentences only), through
# `cjkindex --analyze --date`. Usage (from the repository root):
#   python3 tests/measure/klue-dates.py [../shared/corpus/klue-dev-ko/klue-ner-v1.1_dev.tsv.zst]
# Prints span precision and recall, exact and overlapping, and samples of
# misses. Needs the zstd command. The data is not in the repository.
import re, subprocess, sys

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/klue-dev-ko/klue-ner-v1.1_dev.tsv.zst"
raw = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout.decode()
sents = []
for line in raw.split("\n"):
    if not line.startswith("## klue-ner") or "-wikitree" not in line.split("\t")[0]:
        continue
    markup = line.split("\t", 1)[1]
    text, gold, pos = "", [], 0
    for m in re.finditer(r"<([^<>:]+):([A-Z]{2})>", markup):
        text += markup[pos:m.start()]
        s = len(text.encode())
        text += m.group(1)
        if m.group(2) == "DT":
            gold.append((s, len(text.encode()), m.group(1)))
        pos = m.end()
    text += markup[pos:]
    sents.append((text, gold))

found = {}
B = 400
for k in range(0, len(sents), B):
    batch = [t for t, _ in sents[k:k + B]]
    out = subprocess.run(["./cjkindex", "--analyze", "--date", "2019-06-15"] + batch,
                         check=True, capture_output=True).stdout.decode()
    idx = k - 1
    for line in out.split("\n"):
        if line.startswith("# ") and not line.startswith("# pos"):
            idx += 1
            found[idx] = []
        elif line.startswith("date  "):
            m = re.match(r"date  (.*)  (\d+)-(\d+)  ", line)
            found[idx].append((int(m.group(2)), int(m.group(3)), m.group(1)))

ng = nf = exact = ov_g = ov_f = 0
miss, wrong = [], []
for i, (text, gold) in enumerate(sents):
    f = found.get(i, [])
    ng += len(gold); nf += len(f)
    exact += len(set((a, b) for a, b, _ in gold) & set((a, b) for a, b, _ in f))
    for g in gold:
        if any(a < g[1] and g[0] < b for a, b, _ in f):
            ov_g += 1
        else:
            miss.append(g[2])
    for x in f:
        if any(a < x[1] and x[0] < b for a, b, _ in gold):
            ov_f += 1
        else:
            wrong.append(x[2])
print(f"sentences {len(sents)}  gold DT spans {ng}  found {nf}")
print(f"exact span match: precision {exact / max(nf, 1):.3f} recall {exact / max(ng, 1):.3f}")
print(f"overlap match:    precision {ov_f / max(nf, 1):.3f} recall {ov_g / max(ng, 1):.3f}")
print("missed (sample):", " | ".join(miss[:40]))
print("found, not gold DT (sample):", " | ".join(wrong[:30]))
