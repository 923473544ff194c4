#!/bin/sh
# 2610: results in one total order whatever built the index. Passages of
# equal score come in the order of their article key (value slot 1: the
# 64-bit FNV-1a of the id, big-endian), then passage number (not in docid
# order, which follows the writers' shards; within an article the order
# is Xapian's docid order, which is passage order): the full output (ranks,
# scores, ids) of -j 1, -j 2, -j 4 and of an index built in two runs is
# byte for byte the same, by relevance and by date, on a page cut inside a
# run of equal scores too.
. "$(dirname "$0")/test-lib.sh"

python3 - <<'PY'
import json, random
rnd = random.Random(2610)
chars = "微软投资人工智能公司市场技术发展中国美国新闻政府经济数据服务模型云计算芯片手机汽车能源银行股票"
other = "春夏秋冬东南西北山川河海风雨雷电"
def text(n, pool=chars):
    return "".join(rnd.choice(pool) for _ in range(n))
# Five passages, each shared by many articles: identical passages of
# articles with titles of the same length get exactly the same score.
shared = [text(70) + "。" for _ in range(5)]
rows = []
ids = list(range(300))
rnd.shuffle(ids)             # article ids in no relation to input order
for i in range(300):
    body = [text(70) + "。", shared[i % 5]]
    if i % 3 == 0:
        body.reverse()          # the shared passage is passage 0 or 1
    if i % 7 == 0:
        body.append(shared[i % 5])  # and again: equal passages of one article
    rows.append({"id": "t%03d" % ids[i],
                 "title": text(4, other), "body": "\n".join(body),
                 "date": "2024-03-0%d" % (i % 3 + 1)})
with open("ties.jsonl", "w", encoding="utf-8") as f:
    for r in rows[:270]:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("ties-more.jsonl", "w", encoding="utf-8") as f:
    for r in rows[270:]:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("ties-q.txt", "w", encoding="utf-8") as f:
    for s in shared:
        f.write(s[:4] + "\n" + s[10:13] + "\n")
PY
cat ties.jsonl ties-more.jsonl >ties-all.jsonl
# No cleaning or dedup: the shared passages are what makes the ties.
printf 'index:\n  commit_every: 7\nclean:\n  enabled: false\ndedup:\n  enabled: false\n' >cfg.yaml

# Every query's raw output, by relevance and by date, all results and a
# page of 3 (which ends inside a run of equal scores).
outputs() {
    while read -r q; do
        for sort in relevance date; do
            for n in 100000 3; do
                echo "# $q --sort $sort -n $n"
                "$CJKSEARCH" -c cfg.yaml -d "$1" --json --sort $sort -n $n "$q" || echo "status $?"
            done
        done
    done <ties-q.txt
}

test_expect_success 'the queries have runs of equal scores across articles' '
    "$CJKINDEX" -c cfg.yaml -j 1 -d j1.db ties-all.jsonl 2>/dev/null &&
    outputs j1.db >j1.out &&
    python3 - j1.out <<-PY
	import json, sys
	rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
	runs = {}
	for r in rows:
	    runs[r["score"]] = runs.get(r["score"], 0) + 1
	assert len(rows) > 1000, len(rows)
	assert max(runs.values()) >= 20, runs
	same = {}
	for r in rows:
	    k = (r["score"], r["article_id"])
	    same[k] = same.get(k, 0) + 1
	assert max(same.values()) >= 2, "no article with two passages of equal score"
	PY
'

test_expect_success '-j 1, -j 2 and -j 4 give the same output, byte for byte' '
    for j in 2 4; do
        "$CJKINDEX" -c cfg.yaml -j $j -d j$j.db ties-all.jsonl 2>/dev/null &&
        outputs j$j.db >j$j.out || exit 1
    done &&
    test_expect_equal_file j2.out j1.out &&
    test_expect_equal_file j4.out j1.out
'

test_expect_success 'equal scores: by article key, then passage number; by date: date first' '
    python3 - j1.out <<-PY
	import json, sys
	def article_key(s):
	    h = 0xcbf29ce484222325
	    for c in s.encode("utf-8"):
	        h = ((h ^ c) * 0x100000001b3) % (1 << 64)
	    return h
	block, blocks = None, {}
	for l in open(sys.argv[1]):
	    if l.startswith("#"):
	        block = l
	        blocks[block] = []
	    elif l.startswith("{"):
	        blocks[block].append(json.loads(l))
	for name, rows in blocks.items():
	    by_date = "--sort date" in name
	    def key(r):
	        k = (-r["score"], article_key(r["article_id"]), r["passage_no"])
	        return (tuple(-ord(c) for c in r["date"]),) + k if by_date else k
	    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1)), name
	    assert rows == sorted(rows, key=key), name
	PY
'

test_expect_success 'an index built in two runs (the second one in place) gives the same output' '
    "$CJKINDEX" -c cfg.yaml -j 2 -d two.db ties.jsonl 2>/dev/null &&
    "$CJKINDEX" -c cfg.yaml -j 2 -d two.db ties-more.jsonl 2>/dev/null &&
    outputs two.db >two.out &&
    test_expect_equal_file two.out j1.out
'

test_done
