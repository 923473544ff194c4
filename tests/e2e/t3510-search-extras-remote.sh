#!/bin/sh
# 3510: the extras on a xapian-tcpsrv shard: the evidence weights and
# --explain (built on Xapian's own FixedWeightPostingSource) and
# --timeline (ValueCountMatchSpy) work there and give what a local
# database gives; --facets (our own term-list MatchSpy, which the server
# does not know) is a clear database error, exit 3.
. "$(dirname "$0")/test-lib.sh"

if ! command -v xapian-tcpsrv >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    test_skip 'extras on a remote shard' 'xapian-tcpsrv or python3 not installed'
    test_done
fi
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
DICT="$TEST_TOP/config/entities"
# --termlist: xapian-tcpsrv serves db below and needs one to send documents.
"$CJKINDEX" -q --termlist -d db --dict "$DICT" "$SAMPLES"

PIDS=
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    PIDS=
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

free_port() {
    "$PY" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# wait_port PORT: succeeds when something accepts on 127.0.0.1:PORT (5 s at most)
wait_port() {
    "$PY" - "$1" <<'EOF'
import socket, sys, time
end = time.monotonic() + 5
while time.monotonic() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.5).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
}
# start_shard DB: starts xapian-tcpsrv on a free loopback port, prints the
# port, and leaves its pid in $TRASH/pid. Retries when another process
# takes the port between the probe and the server's bind.
start_shard() {
    for try in 1 2 3 4 5; do
        port=$(free_port) || return 1
        setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" \
            >"$TRASH/tcpsrv-$port.log" 2>&1 &
        pid=$!
        if wait_port "$port" && kill -0 "$pid" 2>/dev/null; then
            echo "$pid" >"$TRASH/pid"
            echo "$port"
            return 0
        fi
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    done
    return 1
}

P=$(start_shard db) && PIDS="$PIDS $(cat pid)"
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
