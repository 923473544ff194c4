#!/bin/sh
# 3530: term proximity (search.proximity, docs/searching.md "Ranking"):
# two generated passages with the same words and the same length, the
# words side by side in one and far apart in the other, rank close first;
# with the weight 0 they tie on BM25 and keep article key order (far first),
# so the test can fail; --explain shows the bonus as "proximity".
. "$(dirname "$0")/test-lib.sh"
S="$CJKSEARCH --no-pager"

# The same characters, reordered: the same bigram count and length. The
# "far" article's key (the FNV-1a of its id, docs/index-schema.md) sorts
# first, so ties put it first.
cat >prox.jsonl <<'JSON'
{"id":"x-far","title":"简讯","body":"纳德拉今天天气很好我们去公园散步吧，会谈OpenAI。","date":"2023-11-20","source":"测试日报","lang":"zh-Hans"}
{"id":"x-close","title":"简讯","body":"纳德拉会谈OpenAI，今天天气很好我们去公园散步吧。","date":"2023-11-20","source":"测试日报","lang":"zh-Hans"}
JSON
"$CJKINDEX" -q -d db prox.jsonl
printf 'search:\n  proximity: {weight: 0}\n' >noprox.yaml
printf 'search:\n  proximity: {candidates: 0}\n' >nocand.yaml

ids() { $S -d db --format tsv -n 10 "$@" | cut -f5 | tr '\n' ' '; }

test_expect_success 'without proximity the two passages tie on BM25' '
    $S -d db -c noprox.yaml --json --explain -n 10 纳德拉 OpenAI >tie.jsonl &&
    python3 -c "
import json
s = [json.loads(l)[\"score\"] for l in open(\"tie.jsonl\") if \"rank\" in json.loads(l)]
assert len(s) == 2 and abs(s[0] - s[1]) < 1e-9, s
"
'
test_expect_success 'the passage where the words stand close ranks first' '
    test_expect_equal "$(ids 纳德拉 OpenAI)" "x-close x-far "
'
test_expect_success '... with the weight 0 the order is BM25 (ties: article key order)' '
    test_expect_equal "$(ids -c noprox.yaml 纳德拉 OpenAI)" "x-far x-close " &&
    test_expect_equal "$(ids -c nocand.yaml 纳德拉 OpenAI)" "x-far x-close "
'
test_expect_success 'one word: no proximity, BM25 order' '
    test_expect_equal "$(ids 纳德拉)" "x-far x-close "
'
test_expect_success 'sorted by date: no proximity' '
    $S -d db --json --explain --sort date -n 10 纳德拉 OpenAI >date.jsonl &&
    ! grep -q "\"proximity\":[1-9]" date.jsonl
'
test_expect_success '--explain: proximity is a component and they add up' '
    $S -d db --json --explain -n 10 纳德拉 OpenAI >r.jsonl &&
    python3 -c "
import json
hits = [json.loads(l) for l in open(\"r.jsonl\")]
hits = [h for h in hits if \"rank\" in h]
assert len(hits) == 2, hits
for h in hits:
    e = h[\"explain\"]
    assert abs(sum(e.values()) - h[\"score\"]) < 1e-6 * max(1, h[\"score\"]), h
    assert e[\"other\"] == 0 and e[\"phrase\"] == 0, e
close, far = hits
assert close[\"article_id\"] == \"x-close\", close
assert close[\"explain\"][\"proximity\"] > far[\"explain\"][\"proximity\"] > 0, (close, far)
assert close[\"explain\"][\"body\"] == far[\"explain\"][\"body\"], (close, far)
"
'
test_expect_success '--explain in text output names proximity' '
    $S -d db --explain -n 1 纳德拉 OpenAI >out &&
    grep -q "^   score [0-9.]* = body .* + proximity [0-9.]*" out
'
test_expect_success 'relaxed matching: phrase and proximity add up too' '
    $S -d db --json --explain --match any -n 10 纳德拉 OpenAI 散步 >any.jsonl &&
    python3 -c "
import json
n = 0
for l in open(\"any.jsonl\"):
    h = json.loads(l)
    if \"rank\" not in h:
        continue
    e = h[\"explain\"]
    assert abs(sum(e.values()) - h[\"score\"]) < 1e-6 * max(1, h[\"score\"]), h
    n += 1
assert n == 2
"
'
test_done
