#!/bin/sh
# 3400: several databases. The corpus is split into two halves, each indexed
# into its own shard; the shards are searched together locally (-d A -d B)
# and through two xapian-tcpsrv servers (-d tcp:HOST:PORT), and the merged
# results must equal those of one combined database: same passages, same
# order, same scores (Xapian computes BM25 over a multi-database with the
# global statistics). A dead or silent shard is a clear error, exit 3,
# never a hang. See docs/deployment.md.
. "$(dirname "$0")/test-lib.sh"

if ! test_have_tcpsrv; then
    test_skip 'sharded search' 'xapian-tcpsrv or python3 not installed'
    test_done
fi

C="$TEST_TOP/tests/corpora/clean"
cat "$C/news.jsonl" "$SAMPLES/dump.jsonl" >all.jsonl
awk 'NR % 2 == 1' all.jsonl >half1.jsonl
awk 'NR % 2 == 0' all.jsonl >half2.jsonl
"$CJKINDEX" -q -d all.db all.jsonl
# Served by xapian-tcpsrv, which needs a termlist to send documents.
"$CJKINDEX" -q --termlist -d half1.db half1.jsonl
"$CJKINDEX" -q --termlist -d half2.db half2.jsonl

# (start_shard, test-lib.sh: the servers are killed on every way out)
start_shard half1.db; P1=$SHARD_PORT
start_shard half2.db; P2=$SHARD_PORT P2PID=$SHARD_PID

# results OUT DBARGS... -- QUERY...: the JSON results, reduced to lines
# "article_id passage_no score" (exit status 1 = no result is fine)
results() {
    out=$1; shift
    rc=0
    timeout 60 "$CJKSEARCH" "$@" >"$out.json" 2>"$out.err" || rc=$?
    [ "$rc" -le 1 ] || { cat "$out.err"; return 1; }
    "$PY" -c 'import json, sys
for line in sys.stdin:
    o = json.loads(line)
    print(o["article_id"], o["passage_no"], repr(o["score"]))' <"$out.json" >"$out"
}

# same A B: same passages in the same order, scores within 1e-6. Passages
# with equal scores (a filter-only query scores 0) come in docid order, and
# a multi-database interleaves docids (shard docid d of shard i of n becomes
# (d-1)*n+i), so within a run of equal scores only the set is compared.
same() {
    "$PY" - "$1" "$2" <<'EOF'
import sys
def groups(path):
    out, last = [], None
    for l in open(path):
        aid, pno, score = l.split()
        score = float(score)
        if last is None or abs(score - last) > 1e-6:
            out.append([score, set()])
            last = score
        out[-1][1].add((aid, pno))
    return out
a, b = groups(sys.argv[1]), groups(sys.argv[2])
if [g[1] for g in a] != [g[1] for g in b]:
    print("passages or order differ:")
    print(open(sys.argv[1]).read())
    print(open(sys.argv[2]).read())
    sys.exit(1)
for x, y in zip(a, b):
    if abs(x[0] - y[0]) > 1e-6:
        print("score differs:", x, y)
        sys.exit(1)
EOF
}

# same_set A B: the same passages, in any order, whatever the scores
same_set() {
    cut -d' ' -f1,2 "$1" | sort >"$1.set"
    cut -d' ' -f1,2 "$2" | sort >"$2.set"
    test_expect_equal_file "$1.set" "$2.set"
}

check_query() {
    results want --json -n 100 -d all.db -- "$@" &&
    results local --json -n 100 -d half1.db -d half2.db -- "$@" &&
    results remote --json -n 100 -d "tcp:127.0.0.1:$P1" -d "tcp:127.0.0.1:$P2" -- "$@" &&
    same local want && same remote want &&
    echo "$(wc -l <want) results: $*"
}

test_expect_success 'two xapian-tcpsrv shards are up' '
    test -n "$P1" && test -n "$P2" && test "$P1" != "$P2"
'
test_expect_success 'the halves hold all the passages of the combined database' '
    results a --json -n 1000 -d all.db -- OpenAI OR 微软 OR 纳德拉 OR 股价 OR 苹果 &&
    results b --json -n 1000 -d half1.db -d half2.db -- OpenAI OR 微软 OR 纳德拉 OR 股价 OR 苹果 &&
    test "$(wc -l <a)" -gt 10 && same b a
'
test_expect_success 'CJK words: merged shards = combined database' '
    check_query 微软 && check_query 纳德拉 && check_query 微軟 奧特曼 &&
    test "$(wc -l <want)" -gt 0
'
test_expect_success 'phrases and proximity: merged shards = combined database' '
    check_query "\"Sam Altman\"" && check_query 微软投资 &&
    check_query "\"微软 纳德拉\"~3"
'
test_expect_success 'boolean operators and -word: merged shards = combined database' '
    check_query 微软 -投资 && check_query OpenAI OR 苹果 &&
    check_query "(微软 OR 苹果) 投资" && check_query NOT 微软 OpenAI
'
test_expect_success 'filters: merged shards = combined database' '
    check_query date:2023-11 微软 && check_query date:2023-11 &&
    check_query title:微软 && check_query lang:zh-Hant OpenAI &&
    check_query date:2023-01..2023-11-20 OpenAI
'
# A one-character query is a Xapian wildcard (every term starting with the
# character, as an OP_SYNONYM). Xapian 1.4 expands a wildcard inside each
# shard and weights the expansion with statistics that are not the global
# ones, so over shards the same passages match but the scores (and so the
# order) differ from one combined database, and differ again between local
# and remote shards. Measured, not hidden: see docs/deployment.md.
test_expect_success 'single characters: merged shards match the same passages' '
    for q in 微 軟 股; do
        results want --json -n 1000 -d all.db -- "$q" &&
        results local --json -n 1000 -d half1.db -d half2.db -- "$q" &&
        results remote --json -n 1000 -d "tcp:127.0.0.1:$P1" -d "tcp:127.0.0.1:$P2" -- "$q" &&
        test -s want && same_set local want && same_set remote want || exit 1
    done
'
# Say so in the output when the scores differ (a note, not a failure: a
# Xapian that fixes it must not fail the test).
if results want --json -n 1000 -d all.db -- 微 &&
   results local --json -n 1000 -d half1.db -d half2.db -- 微 &&
   ! same local want >/dev/null 2>&1; then
    echo "# note: single-character (wildcard) scores over shards differ from one database"
fi
test_expect_success '--sort date over shards = combined database' '
    results want --json -n 100 --sort date -d all.db -- OpenAI &&
    results remote --json -n 100 --sort date -d "tcp:127.0.0.1:$P1" -d "tcp:127.0.0.1:$P2" -- OpenAI &&
    same remote want
'
test_expect_success 'scripted mode over tcp shards = combined database' '
    printf "微软\n纳德拉\n\"Sam Altman\"\n" >q.txt &&
    timeout 60 "$CJKSEARCH" -d all.db --json -n 50 --batch q.txt >b-want.jsonl &&
    timeout 60 "$CJKSEARCH" -d "tcp:127.0.0.1:$P1" -d "tcp:127.0.0.1:$P2" --json -n 50 \
        --batch q.txt >b-remote.jsonl &&
    "$PY" -c "import json, sys
def red(p):
    return [[(r[\"article_id\"], r[\"passage_no\"], round(r[\"score\"], 6)) for r in json.loads(l)[\"results\"]]
            for l in open(p)]
a, b = red(\"b-want.jsonl\"), red(\"b-remote.jsonl\")
sys.exit(0 if a == b and len(a) == 3 else 1)"
'
test_expect_success 'a local shard mixed with a remote one = combined database' '
    results want --json -n 100 -d all.db -- OpenAI &&
    results mixed --json -n 100 -d half1.db -d "tcp:127.0.0.1:$P2" -- OpenAI &&
    same mixed want
'

# A port nothing listens on (probed free, never bound).
DEAD=$(free_port)
test_expect_success 'a shard that is down: clear error, exit 3, at once' '
    start=$(date +%s) &&
    test_expect_code 3 timeout 30 "$CJKSEARCH" -d "tcp:127.0.0.1:$P1" \
        -d "tcp:127.0.0.1:$DEAD" 微软 >out 2>err &&
    test "$(($(date +%s) - start))" -lt 10 &&
    grep -q "cannot open database .tcp:127.0.0.1:$DEAD." err &&
    grep -q "Couldn.t connect" err && test ! -s out
'
test_expect_success 'a shard that is killed: the next query fails with exit 3' '
    kill "$P2PID" && wait "$P2PID" 2>/dev/null || true
    test_expect_code 3 timeout 30 "$CJKSEARCH" -d "tcp:127.0.0.1:$P1" \
        -d "tcp:127.0.0.1:$P2" 微软 >out 2>err &&
    grep -q "tcp:127.0.0.1:$P2" err
'
# A shard that accepts the connection but never answers: Xapian's remote
# timeout (10 s, set by cjksearch) ends the wait; `timeout 40` guards the
# test. The silent listener binds port 0 itself and says which port it got.
"$PY" -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True); time.sleep(60)' >silent.port &
SPID=$!
test_kill_at_exit "$SPID"
test_expect_success 'a shard that never answers: exit 3 after the 10 s timeout, no hang' '
    for i in $(seq 50); do test -s silent.port && break; sleep 0.1; done &&
    SILENT=$(cat silent.port) && test -n "$SILENT" &&
    rc=0 && timeout 40 "$CJKSEARCH" -d "tcp:127.0.0.1:$P1" -d "tcp:127.0.0.1:$SILENT" \
        微软 >out 2>err || rc=$?
    cat err
    test_expect_equal "$rc" 3 && grep -q "cannot open database .tcp:127.0.0.1:$SILENT." err &&
    grep -q "Timeout" err
'

test_kill_all
test_done
