#!/bin/sh
# Runs every libFuzzer target built under $1 (build/fuzz) for
# $FUZZ_SECONDS each, seeded with fuzz_seeds. A crash leaves its input in
# build/fuzz/work/TARGET/ (move it to tests/corpora/fuzz-regressions/TARGET/
# once fixed) and fails the run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
. tests/fuzz/seeds.sh
out=$1
secs=${FUZZ_SECONDS:-60}
rc=0
for bin in "$out"/fuzz-bin/fuzz-*; do
    case $bin in *.o|*.d) continue;; esac
    t=${bin##*/fuzz-}
    work="$out/work/$t"
    seeds="$out/seeds/$t"
    rm -rf "$seeds"; mkdir -p "$work" "$seeds"
    i=0
    fuzz_seeds "$t" | while IFS= read -r f; do i=$((i + 1)); cp "$f" "$seeds/$i"; done
    echo "fuzz: $t for ${secs}s"
    if ! "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
         -artifact_prefix="$work/" "$work" "$seeds" >"$out/$t.log" 2>&1; then
        echo "fuzz: $t FAILED; see $out/$t.log"
        tail -n 30 "$out/$t.log"
        rc=1
    else
        grep -E '^#[0-9]+.*DONE|Done [0-9]+ runs' "$out/$t.log" | tail -n 1
    fi
done
exit $rc
