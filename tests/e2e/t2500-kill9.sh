#!/bin/sh
# 2500: crash safety and idempotence. A dump of a few thousand small
# articles (with exact and near duplicates) is indexed cleanly; another
# database is indexed by runs killed with SIGKILL at different moments,
# then a run to completion. Both must hold the same articles, passages,
# copies and search results; indexing the dump again changes nothing.
. "$(dirname "$0")/test-lib.sh"

# Enough articles that a run lasts long enough to be killed at several
# moments, also when indexing is fast.
N=3600
export N
python3 - <<'PY'
import json, os, random
N = int(os.environ["N"])
rnd = random.Random(2500)
chars = "微软投资人工智能公司市场技术发展中国美国新闻政府经济数据服务模型云计算芯片手机汽车能源银行股票"
arts = []
with open("dump.jsonl", "w", encoding="utf-8") as f:
    for i in range(N):
        if i % 10 == 9:           # exact copy of an earlier article, other id
            src = arts[rnd.randrange(len(arts))]
            body = src
        elif i % 10 == 8:         # near copy: one character changed
            src = arts[rnd.randrange(len(arts))]
            k = rnd.randrange(len(src))
            body = src[:k] + "闻" + src[k + 1:]
        else:
            body = "\n".join("".join(rnd.choice(chars) for _ in range(rnd.randint(30, 90))) + "。"
                             for _ in range(rnd.randint(1, 4)))
        arts.append(body)
        f.write(json.dumps({"id": "a%d" % i, "title": "标题%d" % i, "body": body,
                            "source": "src%d" % (i % 7), "date": "2024-01-%02d" % (i % 28 + 1)},
                           ensure_ascii=False) + "\n")
PY
printf 'index:\n  commit_every: 30\n' >cfg.yaml

results() {
    for q in 微软 投资 人工智能 市场技术 芯片 "模型 云计算" 银行股票 汽车能源; do
        "$CJKSEARCH" -c cfg.yaml -d "$1" --json -n 100000 "$q" |
            python3 -c "
import json, sys
rows = sorted((r['article_id'], r['passage_no'], r['passage']) for r in map(json.loads, sys.stdin))
print(len(rows), rows[:2], rows[-2:])"
    done
}

test_expect_success 'clean run' '
    start=$(date +%s%N) &&
    "$CJKINDEX" -c cfg.yaml -d clean.db dump.jsonl 2>clean.err &&
    echo $(( ($(date +%s%N) - start) / 1000000 )) >clean.ms &&
    dups=$(sed -n "s/.* \([0-9]*\) duplicates recorded as copies.*/\1/p" clean.err) &&
    echo "$dups" >clean.dups &&
    test "$dups" -ge $((N / 10)) &&
    grep -q "indexed $((N - dups)) articles" clean.err &&
    "$CJKINDEX" -d clean.db --stats >clean.stats &&
    results clean.db >clean.res && cat clean.stats clean.err
'

test_expect_success 'runs killed with SIGKILL, then one to completion, equal the clean run' '
    ms=$(cat clean.ms) && kills=0 &&
    for frac in 8 20 35 50 65; do
        "$CJKINDEX" -c cfg.yaml -d killed.db -q dump.jsonl 2>/dev/null &
        pid=$! &&
        sleep $(awk "BEGIN { print $ms * $frac / 100000 }") &&
        if kill -9 $pid 2>/dev/null; then kills=$((kills + 1)); fi &&
        wait $pid 2>/dev/null || true
        "$CJKINDEX" -d killed.db --stats || true
    done &&
    echo "killed $kills runs" &&
    test "$kills" -ge 2 &&
    "$CJKINDEX" -c cfg.yaml -d killed.db dump.jsonl 2>killed.err &&
    grep -q " $(cat clean.dups) duplicates recorded as copies" killed.err &&
    "$CJKINDEX" -d killed.db --stats >killed.stats &&
    test_expect_equal_file killed.stats clean.stats &&
    results killed.db >killed.res &&
    test_expect_equal_file killed.res clean.res
'

test_expect_success 'indexing the same dump again changes nothing' '
    "$CJKINDEX" -c cfg.yaml -d clean.db dump.jsonl 2>again.err &&
    n=$((N - $(cat clean.dups))) &&
    grep -q "indexed $n articles ($n replaced)" again.err &&
    grep -q " $(cat clean.dups) duplicates recorded as copies" again.err &&
    "$CJKINDEX" -d clean.db --stats >again.stats &&
    test_expect_equal_file again.stats clean.stats &&
    results clean.db >again.res &&
    test_expect_equal_file again.res clean.res
'

test_done
