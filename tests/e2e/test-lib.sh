# test-lib.sh - a small sharness for the end-to-end tests (git/notmuch
# model). Source it, call test_expect_success / test_expect_equal, end with
# test_done. Output is TAP: "ok N - title" / "not ok N - title".
#
# Helpers:
#   test_expect_success TITLE 'COMMANDS'   run COMMANDS in a subshell (set -e)
#   test_expect_equal GOT WANT             inside COMMANDS: compare strings
#   test_expect_equal_file GOT WANT        compare files (diff shown on failure)
#   test_must_fail CMD...                  CMD must exit non-zero and not crash
#   test_expect_code N CMD...              CMD must exit with status N
#   test_skip TITLE REASON                 a skip that says why
#   test_pty PROGRAM [ARG...] -- KEY...    PROGRAM on a pseudo-terminal, KEYs
#                                          typed a second apart (pty-drive.py)
#   test_have_tcpsrv                       xapian-tcpsrv and python3 installed?
#   start_shard DB                         xapian-tcpsrv on DB, on a free
#                                          loopback port: sets SHARD_PORT, SHARD_PID
#   free_port, wait_port PORT              the loopback port helpers it uses
#   test_kill_at_exit PID                  kill PID at the end (test_kill_all)
#   multi_passage_article                  prints one JSONL article "multi" of
#                                          6 passages; only passage 3 names 蓝鲸计划
# KEEP_TRASH=1 in the environment keeps the test's directory (under $TMPDIR).
set -u
TEST_TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build/release}
case $BUILD in /*) ;; *) BUILD="$TEST_TOP/$BUILD";; esac
CJKINDEX="$BUILD/cjkindex"
CJKSEARCH="$BUILD/cjksearch"
SAMPLES="$TEST_TOP/samples"
SHARED=${CJKNEWS_SHARED:-$TEST_TOP/../shared}
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/cjknews-e2e.XXXXXX")
# Tests never read the user's config or write the user's history.
export XDG_CONFIG_HOME="$TRASH/xdg-config" XDG_STATE_HOME="$TRASH/xdg-state"
unset CJKNEWS_CONFIG NO_COLOR
export LC_ALL=C.UTF-8
# The plain system interpreter: a version-manager shim (pyenv) can take a
# second per start on a loaded machine, and some tests start it often.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
test_count=0
test_failed=0
cd "$TRASH" || exit 1

test_expect_equal() {
    if [ "$1" != "$2" ]; then
        printf '#   got: %s\n#  want: %s\n' "$1" "$2"
        return 1
    fi
}

test_expect_equal_file() {
    if ! cmp -s "$1" "$2"; then
        diff -u "$2" "$1" | head -n 40 | sed 's/^/# /'
        return 1
    fi
}

test_must_fail() {
    "$@"
    rc=$?
    if [ "$rc" -eq 0 ]; then
        echo "# expected failure, got success: $*"
        return 1
    fi
    if [ "$rc" -gt 128 ]; then
        echo "# died by signal $((rc - 128)): $*"
        return 1
    fi
    return 0
}

test_expect_code() {
    want=$1; shift
    "$@"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        echo "# expected exit $want, got $rc: $*"
        return 1
    fi
}

test_expect_success() {
    test_count=$((test_count + 1))
    out="$TRASH/.out.$test_count"
    if (set -e; eval "$2") >"$out" 2>&1; then
        echo "ok $test_count - $1"
    else
        test_failed=$((test_failed + 1))
        echo "not ok $test_count - $1"
        sed 's/^/#   /' "$out" | head -n 30
    fi
}

test_skip() {
    test_count=$((test_count + 1))
    echo "ok $test_count # SKIP $1: $2"
}

test_pty() {
    python3 "$TEST_TOP/tests/e2e/pty-drive.py" "$@"
}

test_have_tcpsrv() {
    command -v xapian-tcpsrv >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1
}

# free_port: prints a loopback TCP port that was free a moment ago
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

multi_passage_article() {
    p='研究人员表示观测数据将向公众开放，并计划在明年扩大观测范围，增加更多的传感器和浮标。'
    body=
    for i in 0 1 2 3 4 5; do
        extra=
        [ "$i" = 3 ] && extra='蓝鲸计划由海洋研究所主导，蓝鲸计划的经费来自基金会。'
        body="$body${body:+\\n\\n}第${i}段：海洋研究所的科学家在报告中介绍了深海观测站的建设进度，$extra$p$p$p"
    done
    printf '{"id":"multi","title":"深海观测站报告","body":"%s","date":"2024-03-01","source":"测试日报","lang":"zh-Hans"}\n' "$body"
}

# start_shard DB: starts xapian-tcpsrv on DB on a free loopback port and
# sets SHARD_PORT and SHARD_PID (empty, and status 1, when it could not).
# Retries when another process takes the port between the probe and the
# server's bind. The server is killed when the script ends
# (test_kill_at_exit). It runs in its own session (setsid): xapian-tcpsrv
# signals its process group when it is killed, which would take the test
# script with it.
start_shard() {
    SHARD_PORT= SHARD_PID=
    for try in 1 2 3 4 5; do
        port=$(free_port) || return 1
        setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" \
            >"$TRASH/tcpsrv-$port.log" 2>&1 &
        pid=$!
        if wait_port "$port" && kill -0 "$pid" 2>/dev/null; then
            test_kill_at_exit "$pid"
            SHARD_PORT=$port SHARD_PID=$pid
            return 0
        fi
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    done
    return 1
}

# test_kill_at_exit PID: kill PID when the script ends, or at test_kill_all
test_bg_pids=
test_kill_at_exit() {
    test_bg_pids="$test_bg_pids $1"
    trap test_kill_all EXIT
    trap 'test_kill_all; exit 130' INT TERM
}

test_kill_all() {
    for p in $test_bg_pids; do kill "$p" 2>/dev/null; done
    for p in $test_bg_pids; do wait "$p" 2>/dev/null; done
    test_bg_pids=
}

test_done() {
    echo "1..$test_count"
    cd /
    [ -n "${KEEP_TRASH:-}" ] || rm -rf "$TRASH"
    [ "$test_failed" -eq 0 ]
    exit $?
}
