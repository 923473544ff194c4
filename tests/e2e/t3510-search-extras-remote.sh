#!/bin/sh
# 3510: the extras on a xapian-tcpsrv shard: the evidence weights and
# --explain (built on Xapian's own FixedWeightPostingSource) and
# --timeline (ValueCountMatchSpy) work there and give what a local
# database gives; --facets (our own term-list MatchSpy, which the server
# does not know) is a clear database error, exit 3.
. "$(dirname "$0")/test-lib.sh"

if ! test_have_tcpsrv; then
    test_skip 'extras on a remote shard' 'xapian-tcpsrv or python3 not installed'
    test_done
fi
DICT="$TEST_TOP/config/entities"
# --termlist: xapian-tcpsrv serves db below and needs one to send documents.
# multi: an article of six passages (test-lib.sh).
multi_passage_article >multi.jsonl
"$CJKINDEX" -q --termlist -d db --dict "$DICT" "$SAMPLES" multi.jsonl

start_shard db; P=$SHARD_PORT
if [ -z "$P" ]; then
    test_skip 'extras on a remote shard' 'could not start xapian-tcpsrv'
    test_done
fi
S="$CJKSEARCH --no-pager --dict $DICT"

test_expect_success 'remote: weighted filters and --explain equal the local ones' '
    $S -d db --json --explain -n 5 "纳德拉 date:2023-11-19" >local.jsonl &&
    $S -d tcp:127.0.0.1:$P --json --explain -n 5 "纳德拉 date:2023-11-19" >remote.jsonl &&
    grep -q "\"entity\":8" remote.jsonl &&
    test_expect_equal_file local.jsonl remote.jsonl
'
test_expect_success 'remote: --explain of one passage shown of several equals the local one' '
    printf "search: {per_article: 1}\n" >one.yaml &&
    for m in all any; do
        $S -d db -c one.yaml --json --explain --match $m -n 5 "海洋研究所 蓝鲸计划" >local.jsonl &&
        $S -d tcp:127.0.0.1:$P -c one.yaml --json --explain --match $m -n 5 "海洋研究所 蓝鲸计划" >remote.jsonl &&
        grep -q "\"passage_no\":3,.*\"explain\":{\"body\":[1-9]" remote.jsonl &&
        test_expect_equal_file local.jsonl remote.jsonl || return 1
    done
'
test_expect_success 'remote: --timeline equals the local one' '
    # "total" is an estimate: the remote path checks phrases after the
    # match (postfilter.c) and extrapolates; the counts must be equal.
    $S -d db --json --timeline day -n 1 微软 | tail -n 1 |
        "$PY" -c "import json, sys; print(json.dumps(json.load(sys.stdin)[\"timeline\"]))" >local.json &&
    $S -d tcp:127.0.0.1:$P --json --timeline day -n 1 微软 | tail -n 1 |
        "$PY" -c "import json, sys; print(json.dumps(json.load(sys.stdin)[\"timeline\"]))" >remote.json &&
    grep -q "buckets" remote.json &&
    test_expect_equal_file local.json remote.json
'
test_expect_success 'remote: --facets is a clear error, exit 3' '
    test_expect_code 3 $S -d tcp:127.0.0.1:$P --facets 微软 >out 2>err &&
    grep -q "a remote shard cannot count terms" err
'
test_done
