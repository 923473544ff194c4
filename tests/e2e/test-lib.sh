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

test_done() {
    echo "1..$test_count"
    cd /
    rm -rf "$TRASH"
    [ "$test_failed" -eq 0 ]
    exit $?
}
