#!/bin/sh
# 3200: scripted mode: queries on stdin or --batch, one answer per query.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
"$CJKINDEX" -q -d db "$C/clean/news.jsonl"

test_expect_success 'stdin not a terminal: each line is a query, answers in order' '
    printf "微軟\n不存在的词语\n纳德拉\n" | "$CJKSEARCH" -d db --json >out &&
    test_expect_equal "$(wc -l <out)" 3 &&
    sed -n 1p out | grep -q "^{\"query\":\"微軟\"," &&
    sed -n 2p out | grep -q "\"total\":0,\"results\":\[\]" &&
    sed -n 3p out | grep -q "\"article_id\":\"t1\""
'
test_expect_success '--batch FILE and a latency log' '
    printf "微软\n\n東京\n" >q.txt &&
    "$CJKSEARCH" -d db --json --batch q.txt --latency-log lat.txt >out &&
    test_expect_equal "$(wc -l <out)" 2 &&
    test_expect_equal "$(wc -l <lat.txt)" 2
'
test_expect_success 'a bad query in a script is reported in place and the script goes on' '
    printf "\"unterminated\n微软\n" | "$CJKSEARCH" -d db --json >out &&
    sed -n 1p out | grep -q "\"error\":\"column 1: unterminated quote\"" &&
    sed -n 2p out | grep -q "\"results\":\[{"
'
test_expect_success 'JSON query lines with limit, sort and filters, mixed with plain lines' '
    cat >q.jsonl <<-\JSON &&
	{"q": "微软", "limit": 1}
	微软
	{"q": "微软", "filters": {"date": "2023-11", "source": "测试日报"}, "sort": "date"}
	{"q": "微软", "filters": {"lang": "zh-Hant"}}
	JSON
    "$CJKSEARCH" -d db --json --batch q.jsonl >out &&
    test_expect_equal "$(wc -l <out)" 4 &&
    python3 -c "
import json
r = [json.loads(l) for l in open(\"out\")]
assert len(r[0][\"results\"]) == 1, r[0]
assert len(r[1][\"results\"]) > 1
ids = [x[\"article_id\"] for x in r[2][\"results\"]]
assert ids == [\"t3\", \"t1\", \"t1\"], ids
assert [x[\"article_id\"] for x in r[3][\"results\"]] == [\"t2\"]
assert all(x[\"query\"] == \"微软\" for x in r)
"
'
test_expect_success 'per-query errors in JSON lines: bad JSON, bad fields, syntax with column' '
    cat >q.jsonl <<-\JSON &&
	{"q": 
	{"limit": 3}
	{"q": "x", "limit": "ten"}
	{"q": "x", "filters": {"date": "last week"}}
	{"q": "x", "filters": {"colour": "red"}}
	{"q": "微软 (投资"}
	纳德拉
	JSON
    "$CJKSEARCH" -d db --json --batch q.jsonl >out &&
    test_expect_equal "$(wc -l <out)" 7 &&
    python3 -c "
import json
r = [json.loads(l) for l in open(\"out\")]
for i in range(6):
    assert \"error\" in r[i], (i, r[i])
assert r[5][\"column\"] == 4, r[5]
assert r[5][\"query\"] == \"微软 (投资\"
assert \"column\" not in r[0]
assert r[6][\"results\"][0][\"article_id\"] == \"t1\"
"
'
test_expect_success 'TSV in scripts: the query first on every row' '
    printf "纳德拉\n" | "$CJKSEARCH" -d db --format tsv >out &&
    test_expect_equal "$(cut -f1,6 out)" "纳德拉	t1"
'
test_expect_success 'text format in scripts: a syntax error shows a caret' '
    printf "微软 x\"y\n" | "$CJKSEARCH" -d db >out &&
    grep -q "^error: column 5: unterminated quote" out &&
    test_expect_equal "$(sed -n 4p out)" "        ^"
'
test_expect_success 'text format in scripts prints a header per query' '
    printf "微软\n" | "$CJKSEARCH" -d db >out &&
    grep -q "^## 微软" out
'
test_done
