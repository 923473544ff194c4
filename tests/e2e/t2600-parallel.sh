#!/bin/sh
# 2600: cjkindex -j N. One writer and several give the same articles,
# passages, copies and search results, on the samples and on a few hundred
# generated articles with duplicates and re-indexed ids; the target is
# untouched until the final swap, so a killed parallel run leaves it as it
# was, and the next run removes what the killed one left.
. "$(dirname "$0")/test-lib.sh"
S="$SAMPLES"

python3 - <<'PY'
import json, random
rnd = random.Random(2600)
chars = "微软投资人工智能公司市场技术发展中国美国新闻政府经济数据服务模型云计算芯片手机汽车能源银行股票"
arts = []
def body():
    return "\n".join("".join(rnd.choice(chars) for _ in range(rnd.randint(30, 90))) + "。"
                     for _ in range(rnd.randint(1, 4)))
with open("gen.jsonl", "w", encoding="utf-8") as f:
    for i in range(400):
        if i % 10 == 9:           # exact copy of an earlier article, other id
            b = arts[rnd.randrange(len(arts))]
        elif i % 10 == 8:         # near copy
            src = arts[rnd.randrange(len(arts))]
            k = rnd.randrange(len(src))
            b = src[:k] + "闻" + src[k + 1:]
        else:
            b = body()
        arts.append(b)
        f.write(json.dumps({"id": "g%d" % i, "title": "标题%d" % i, "body": b,
                            "source": "src%d" % (i % 7), "date": "2024-02-%02d" % (i % 28 + 1)},
                           ensure_ascii=False) + "\n")
    # ids seen again later in the same run: a new text, and a copy of
    # another article (the first version must go in both cases)
    for i in (3, 17, 40):
        f.write(json.dumps({"id": "g%d" % i, "title": "新标题%d" % i, "body": body()},
                           ensure_ascii=False) + "\n")
    f.write(json.dumps({"id": "g5", "title": "标题9", "body": arts[9]}, ensure_ascii=False) + "\n")
# a second batch: some new, some replacing ids of the first
with open("gen2.jsonl", "w", encoding="utf-8") as f:
    for i in list(range(390, 450)) + [1, 2, 11, 12]:
        f.write(json.dumps({"id": "g%d" % i, "title": "二版%d" % i, "body": body()},
                           ensure_ascii=False) + "\n")
PY
printf 'index:\n  commit_every: 25\n' >cfg.yaml
printf 'index:\n  commit_every: 1\n' >slow.yaml   # a run long enough to kill

# Every result of each query with score, article, passage and text; equal
# scores in article and passage order (the docids of a merged index differ
# from those of one writer, and Xapian breaks ties by docid).
results() {
    db=$1; shift
    for q in "$@"; do
        "$CJKSEARCH" -c cfg.yaml -d "$db" --json -n 100000 "$q" 2>/dev/null |
            python3 -c "
import json, sys
rows = [(-r['score'], r['article_id'], r['passage_no'], r['passage']) for r in map(json.loads, sys.stdin)]
print(sys.argv[1], len(rows))
for r in sorted(rows): print(*r, sep='\t')" "$q"
    done
}
articles() {
    "$CJKSEARCH" -c cfg.yaml -d "$1" --json -n 100000 "$2" 2>/dev/null |
        python3 -c "
import json, sys
print(sorted({r['article_id'] for r in map(json.loads, sys.stdin)}))"
}
GQ="微软 投资 人工智能 市场技术 芯片 模型 银行股票 汽车能源 标题9 新标题"

test_expect_success 'samples: -j 1, -j 2 and -j 3 give the same index' '
    for j in 1 2 3; do
        "$CJKINDEX" -c cfg.yaml -j $j -d s$j.db "$S/articles" "$S/dump.jsonl" 2>s$j.err &&
        "$CJKINDEX" -d s$j.db --stats >s$j.stats &&
        while read -r q; do results s$j.db "$q"; done <"$S/queries.txt" >s$j.res || exit 1
    done &&
    test -s s1.res && grep -q "^articles [1-9]" s1.stats &&
    test_expect_equal_file s2.stats s1.stats &&
    test_expect_equal_file s3.stats s1.stats &&
    test_expect_equal_file s2.res s1.res &&
    test_expect_equal_file s3.res s1.res &&
    sed "s/ into .*from/ from/" s1.err >s1.sum && sed "s/ into .*from/ from/" s2.err >s2.sum &&
    test_expect_equal_file s2.sum s1.sum
'

test_expect_success 'generated articles, duplicates, ids seen twice: -j 1 equals -j 2 and -j 4' '
    for j in 1 2 4; do
        "$CJKINDEX" -c cfg.yaml -j $j -d g$j.db gen.jsonl 2>g$j.err &&
        "$CJKINDEX" -d g$j.db --stats >g$j.stats &&
        results g$j.db $GQ >g$j.res || exit 1
    done &&
    grep -q "duplicates recorded as copies" g1.err &&
    test_expect_equal_file g2.stats g1.stats &&
    test_expect_equal_file g4.stats g1.stats &&
    test_expect_equal_file g2.res g1.res &&
    test_expect_equal_file g4.res g1.res &&
    test_expect_equal "$(articles g2.db 新标题)" "$(articles g1.db 新标题)" &&
    test_expect_equal "$(sed -n "s/.* \([0-9]*\) duplicates.*/\1/p" g2.err)" \
                      "$(sed -n "s/.* \([0-9]*\) duplicates.*/\1/p" g1.err)"
'

test_expect_success 'a second batch into an existing index: replaced as with one writer' '
    for j in 1 2; do
        "$CJKINDEX" -c cfg.yaml -j $j -d g$j.db gen2.jsonl 2>g2$j.err &&
        "$CJKINDEX" -d g$j.db --stats >g2$j.stats &&
        results g$j.db $GQ 二版 >g2$j.res || exit 1
    done &&
    # (13: which generated near copies are folded depends on the SimHash;
    # since it counts each distinct term once, one more of these ids was
    # indexed as a canonical in the first batch)
    grep -q "(13 replaced)" g21.err &&
    sed "s/ into .*from/ from/" g21.err >g21.sum && sed "s/ into .*from/ from/" g22.err >g22.sum &&
    test_expect_equal_file g22.sum g21.sum &&
    test_expect_equal_file g22.stats g21.stats &&
    test_expect_equal_file g22.res g21.res &&
    test_expect_equal "$(ls -d g2.db.tmp-* 2>/dev/null)" ""
'

test_expect_success 'a killed parallel run leaves the target as it was; the next run finishes' '
    "$CJKINDEX" -c cfg.yaml -j 2 -d k.db "$S/dump.jsonl" 2>/dev/null &&
    "$CJKINDEX" -d k.db --stats >k.before &&
    results k.db $GQ >k.before.res || exit 1
    "$CJKINDEX" -c slow.yaml -j 2 -d k.db -q gen.jsonl &
    pid=$!
    sleep 0.3
    kill -9 $pid || { echo "the run ended before the kill"; exit 1; }
    wait $pid
    "$CJKINDEX" -d k.db --stats >k.after &&
    test_expect_equal_file k.after k.before &&
    results k.db $GQ >k.after.res &&
    test_expect_equal_file k.after.res k.before.res &&
    mkdir -p k.db.tmp-w7 && echo junk >k.db.tmp-w7/x &&
    "$CJKINDEX" -c cfg.yaml -j 2 -d k.db gen.jsonl 2>/dev/null &&
    test_expect_equal "$(ls -d k.db.tmp-* 2>/dev/null)" "" &&
    "$CJKINDEX" -c cfg.yaml -j 1 -d k1.db "$S/dump.jsonl" gen.jsonl 2>/dev/null &&
    "$CJKINDEX" -d k.db --stats >k.stats && "$CJKINDEX" -d k1.db --stats >k1.stats &&
    test_expect_equal_file k.stats k1.stats
'

test_expect_success 'a small addition to a large index is written in place, no merge' '
    "$CJKINDEX" -c cfg.yaml -j 2 -d inc.db gen.jsonl 2>/dev/null &&
    head -n 2 gen2.jsonl >small.jsonl &&
    before=$(stat -c %i inc.db) &&
    "$CJKINDEX" -c cfg.yaml -j 2 -d inc.db small.jsonl 2>inc.err &&
    test_expect_equal "$(stat -c %i inc.db)" "$before" &&
    grep -q "indexed 2 articles" inc.err &&
    sed -n 3p gen2.jsonl | "$CJKINDEX" -c cfg.yaml -j 2 -d inc.db - 2>/dev/null &&
    test_expect_equal "$(stat -c %i inc.db)" "$before" &&
    head -n 3 gen2.jsonl >three.jsonl &&
    "$CJKINDEX" -c cfg.yaml -j 1 -d inc1.db gen.jsonl three.jsonl 2>/dev/null &&
    "$CJKINDEX" -d inc.db --stats >inc.stats && "$CJKINDEX" -d inc1.db --stats >inc1.stats &&
    test_expect_equal_file inc.stats inc1.stats &&
    results inc.db $GQ 二版 >inc.res && results inc1.db $GQ 二版 >inc1.res &&
    test_expect_equal_file inc.res inc1.res
'

test_expect_success 'a large addition to a small index is merged by N writers' '
    "$CJKINDEX" -c cfg.yaml -j 2 -d grow.db small.jsonl 2>/dev/null &&
    before=$(stat -c %i grow.db) &&
    "$CJKINDEX" -c cfg.yaml -j 2 -d grow.db gen.jsonl 2>/dev/null &&
    test "$(stat -c %i grow.db)" != "$before" &&
    "$CJKINDEX" -c cfg.yaml -j 1 -d grow1.db small.jsonl gen.jsonl 2>/dev/null &&
    "$CJKINDEX" -d grow.db --stats >grow.stats && "$CJKINDEX" -d grow1.db --stats >grow1.stats &&
    test_expect_equal_file grow.stats grow1.stats
'

# A writer's queue holds at most 4 MB of text (indexdb.c): an article
# larger than that waits for an empty queue and then goes alone, instead
# of blocking the run for ever.
test_expect_success 'an article larger than a writer queue passes' '
    python3 - <<-PY &&
	import json, random
	rnd = random.Random(2601)
	pool = "微软投资人工智能公司市场技术发展中国美国新闻"
	def line(i, body):
	    return json.dumps({"id": i, "title": "标题" + i, "body": body}, ensure_ascii=False) + "\\n"
	with open("big.jsonl", "w", encoding="utf-8") as f:
	    for i in range(4):
	        f.write(line("s%d" % i, "".join(rnd.choice(pool) for _ in range(80))))
	    paras = ["".join(rnd.choice(pool) for _ in range(300)) + "。" for _ in range(4800)]
	    f.write(line("big", "\\n\\n".join(paras)))
	    for i in range(4, 8):
	        f.write(line("s%d" % i, "".join(rnd.choice(pool) for _ in range(80))))
	PY
    test $(wc -c <big.jsonl) -gt 4200000 &&
    timeout 300 "$CJKINDEX" -c cfg.yaml -j 2 -d big2.db big.jsonl 2>/dev/null &&
    "$CJKINDEX" -c cfg.yaml -j 1 -d big1.db big.jsonl 2>/dev/null &&
    "$CJKINDEX" -d big2.db --stats >big2.stats && "$CJKINDEX" -d big1.db --stats >big1.stats &&
    test_expect_equal_file big2.stats big1.stats &&
    grep -q "^articles *9\$" big2.stats
'

test_expect_success '-j wants a positive number' '
    test_expect_code 2 "$CJKINDEX" -j 0 -d x.db gen.jsonl &&
    test_expect_code 2 "$CJKINDEX" -j two -d x.db gen.jsonl
'

test_done
