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
test_expect_success 'text format in scripts prints a header per query' '
    printf "微软\n" | "$CJKSEARCH" -d db >out &&
    grep -q "^## 微软" out
'
test_done
