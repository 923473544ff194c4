#!/bin/sh
# Runs the unit test binaries and the end-to-end scripts, counts TAP
# results, and ends with the line "N passed, N failed" (", N skipped").
# A binary or script that exits non-zero without a failing TAP line (a
# crash, a sanitizer report) counts as one more failure.
BUILD=${BUILD:-build/release}
ONLY=${ONLY:-all}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
log=$(mktemp -d "${TMPDIR:-/tmp}/cjknews-tests.XXXXXX")
pass=0 fail=0 skip=0

run_one() {
    name=$1; shift
    out="$log/$(basename "$name").out"
    "$@" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out" | tr -d ' ')
    s=$(grep -c '^ok .*# SKIP' "$out" | tr -d ' ')
    f=$(grep -c '^not ok ' "$out" | tr -d ' ')
    p=$((p - s))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name exited with status $rc" >>"$out"
    fi
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $name ($p passed, $f failed)"
        grep -v '^ok ' "$out" | head -n 40 | sed 's/^/    /'
    else
        echo "ok   $name ($p passed${s:+, $s skipped})"
    fi
}

if [ "$ONLY" = all ] || [ "$ONLY" = unit ]; then
    for t in "$BUILD"/tests/t-*; do
        case $t in *.o|*.d) continue;; esac
        [ -x "$t" ] || continue
        run_one "$t" "$t"
    done
fi
if [ "$ONLY" = all ] || [ "$ONLY" = unit ]; then
    . tests/fuzz/seeds.sh
    for t in "$BUILD"/fuzz-replay/fuzz-*; do
        case $t in *.o|*.d) continue;; esac
        [ -x "$t" ] || continue
        # shellcheck disable=SC2046
        run_one "$t" "$t" $(fuzz_seeds "${t##*/fuzz-}")
    done
fi
if [ "$ONLY" = all ] || [ "$ONLY" = e2e ]; then
    for t in tests/e2e/t[0-9]*.sh; do
        [ -f "$t" ] || continue
        run_one "$t" env BUILD="$BUILD" sh "$t"
    done
fi
rm -rf "$log"
if [ "$skip" -gt 0 ]; then
    echo "$pass passed, $fail failed, $skip skipped"
else
    echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
