#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh - `make bench`: cjknews against Xapian's own CJK n-gram
# indexing (the baseline) on the same passages and the same queries, in the
# same run. See docs/bench.md.
#
# Environment:
#   CJKNEWS_BENCH_CACHE  cache and work directory (default ~/.cache/cjknews-bench);
#                        corpus, databases and last-bench.txt live there, never
#                        in the repository
#   CJKNEWS_CORPUS_DIR   the shared corpora (default /work/shared/corpus)
#   BENCH_CORPUS         livedoor (default, 25 MB ja) or mixed (+ hkcnews zh-Hant)
#   BENCH_HKC_N          hkcnews articles added by BENCH_CORPUS=mixed (default 5000)
#   BENCH_KEEP=1         keep the databases after the run
#   BENCH_ONESHOT_N      one-shot cjksearch processes timed (default 100)
#   CJKINDEX, CJKSEARCH  the programs under test (default ./cjkindex ./cjksearch)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

CORPUS_DIR=${CJKNEWS_CORPUS_DIR:-$top/../shared/corpus}
CACHE=${CJKNEWS_BENCH_CACHE:-${HOME:-/tmp}/.cache/cjknews-bench}
BENCH_CORPUS=${BENCH_CORPUS:-livedoor}
BENCH_HKC_N=${BENCH_HKC_N:-5000}
CJKINDEX=${CJKINDEX:-./cjkindex}
CJKSEARCH=${CJKSEARCH:-./cjksearch}
GNUTIME=${GNUTIME:-/usr/bin/time}

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

if [ ! -f "$CORPUS_DIR/livedoor-news-ja/ldcc-text.tar.zst" ]; then
    echo "bench: SKIPPED: the benchmark corpus is not here" \
         "($CORPUS_DIR/livedoor-news-ja/ldcc-text.tar.zst; set CJKNEWS_CORPUS_DIR)."
    exit 0
fi

case $BENCH_CORPUS in
    livedoor) name=livedoor; hk=0 ;;
    mixed)    name=mixed-$BENCH_HKC_N; hk=$BENCH_HKC_N ;;
    *) die "BENCH_CORPUS must be livedoor or mixed, not '$BENCH_CORPUS'" ;;
esac

for t in python3 zstd g++ pkg-config du xapian-compact; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run 'make deps')"
done
"$GNUTIME" -v true >/dev/null 2>&1 || die "GNU time not found at $GNUTIME (apt-get install time)"
[ -x "$CJKINDEX" ] || die "$CJKINDEX not built (run 'make')"
[ -x "$CJKSEARCH" ] || die "$CJKSEARCH not built (run 'make')"

# ---- corpus and queries (cached) -----------------------------------------
C=$CACHE/corpus-$name
mkdir -p "$CACHE"
python3 bench/make-corpus.py --corpus-dir "$CORPUS_DIR" --out "$C" --hkcnews "$hk" \
    || die "make-corpus.py failed"

# ---- the baseline program --------------------------------------------------
BASE=build/bench/baseline
if [ ! -x "$BASE" ] || [ -n "$(find bench/baseline.cc -newer "$BASE")" ]; then
    say "compiling $BASE"
    mkdir -p build/bench
    # shellcheck disable=SC2046
    g++ -std=c++17 -O2 -o "$BASE" bench/baseline.cc \
        $(pkg-config --cflags --libs xapian-core) || die "cannot compile bench/baseline.cc"
fi

W=$CACHE/run
rm -rf "$W"
mkdir -p "$W"

# ---- passages: what cjkindex would index ------------------------------------
say "dumping passages"
"$CJKINDEX" --dump-passages "$C/corpus.jsonl" >"$W/passages.jsonl" 2>"$W/dump.log" \
    || { cat "$W/dump.log" >&2; die "cjkindex --dump-passages failed"; }
npass=$(wc -l <"$W/passages.jsonl" | tr -d ' ')
[ "$npass" -gt 0 ] || die "cjkindex --dump-passages printed no passages"

# ---- indexing ----------------------------------------------------------------
sync
say "indexing with cjknews ($CJKINDEX)"
rc=0
"$GNUTIME" -v -o "$W/time-cjk.txt" "$CJKINDEX" -d "$W/cjk.db" "$C/corpus.jsonl" \
    >"$W/index-cjk.log" 2>&1 || rc=$?
# 1 = some records rejected (reported in the log): still a complete run
if [ "$rc" -gt 1 ]; then
    tail -n 20 "$W/index-cjk.log" >&2; die "cjkindex failed (status $rc)"
fi
[ "$rc" -eq 1 ] && say "warning: cjkindex rejected some records (see $W/index-cjk.log)"
sync
say "indexing with the baseline ($BASE)"
"$GNUTIME" -v -o "$W/time-base.txt" "$BASE" index "$W/base.db" "$W/passages.jsonl" \
    >"$W/index-base.log" 2>&1 \
    || { tail -n 20 "$W/index-base.log" >&2; die "baseline index failed"; }
sync
size_cjk=$(du -sb "$W/cjk.db" | cut -f1)
size_base=$(du -sb "$W/base.db" | cut -f1)

# ---- queries: one untimed pass each (OS cache), then the measured pass -------
say "querying (${name}: $(wc -l <"$C/queries.txt" | tr -d ' ') queries, twice each)"
for pass in warm timed; do
    rc=0
    "$CJKSEARCH" -d "$W/cjk.db" --batch "$C/queries.txt" --json -n 100 \
        --latency-log "$W/lat-cjk.txt" >"$W/run-cjk.jsonl" 2>"$W/search-cjk.log" || rc=$?
    # 1 = some query found nothing: normal
    if [ "$rc" -gt 1 ]; then
        tail -n 20 "$W/search-cjk.log" >&2; die "cjksearch failed ($pass pass, status $rc)"
    fi
    "$BASE" search "$W/base.db" "$C/queries.tsv" "$W/lat-base.txt" "$W/run-base.txt" \
        2>"$W/search-base.log" \
        || { tail -n 20 "$W/search-base.log" >&2; die "baseline search failed ($pass pass)"; }
done

# ---- latency: the 1,000-query set and the single characters, as batches ----
# Each program runs each batch twice (the first pass warms the OS cache);
# the wall time of the whole timed batch process (database opened once)
# gives queries/s.
nlat=$(wc -l <"$C/latency.txt" | tr -d ' ')
say "latency: $nlat queries and $(wc -l <"$C/single.txt" | tr -d ' ') single-character queries, twice each"
for set in latency single; do
    for pass in warm timed; do
        rc=0
        "$GNUTIME" -v -o "$W/time-$set-cjk.txt" \
            "$CJKSEARCH" -d "$W/cjk.db" --batch "$C/$set.txt" --json -n 100 \
            --latency-log "$W/lat-$set-cjk.txt" >"$W/run-$set-cjk.jsonl" 2>"$W/search-$set-cjk.log" \
            || rc=$?
        if [ "$rc" -gt 1 ]; then
            tail -n 20 "$W/search-$set-cjk.log" >&2; die "cjksearch failed ($set, $pass pass, status $rc)"
        fi
        "$GNUTIME" -v -o "$W/time-$set-base.txt" \
            "$BASE" search "$W/base.db" "$C/$set.tsv" "$W/lat-$set-base.txt" "$W/run-$set-base.txt" \
            2>"$W/search-$set-base.log" \
            || { tail -n 20 "$W/search-$set-base.log" >&2; die "baseline search failed ($set, $pass pass)"; }
    done
done

# ---- one-shot: a process per query, start-up included ------------------------
say "one-shot: ${BENCH_ONESHOT_N:-100} cjksearch processes, one query each"
python3 bench/oneshot.py "$CJKSEARCH" "$W/cjk.db" "$C/latency.txt" "${BENCH_ONESHOT_N:-100}" \
    "$W/lat-oneshot-cjk.txt" </dev/null || die "one-shot run failed"

# ---- compacted sizes (not part of the timings) -------------------------------
compact_size() {
    rm -rf "$W/compact.db"
    if xapian-compact "$1" "$W/compact.db" >/dev/null 2>&1; then
        du -sb "$W/compact.db" | cut -f1
    else
        echo -1
    fi
    rm -rf "$W/compact.db"
}
say "compacting copies of both databases (for the size only)"
csize_cjk=$(compact_size "$W/cjk.db")
csize_base=$(compact_size "$W/base.db")

# ---- report ------------------------------------------------------------------
xv=$(pkg-config --modversion xapian-core 2>/dev/null || echo '?')
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
dirty=$(git status --porcelain 2>/dev/null | head -n 1)
[ -n "$dirty" ] && rev="$rev+changes"
info="machine: $(nproc) cores, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC'); source: $rev"
echo
python3 bench/report.py \
    --meta "$C/meta.json" --queries "$C/queries.tsv" --qrels "$C/qrels.txt" \
    --name "$name" --xapian "$xv" --passages "$npass" --info "$info" \
    --time-cjk "$W/time-cjk.txt" --size-cjk "$size_cjk" --compact-cjk "$csize_cjk" \
    --lat-cjk "$W/lat-cjk.txt" --run-cjk "$W/run-cjk.jsonl" \
    --time-base "$W/time-base.txt" --size-base "$size_base" --compact-base "$csize_base" \
    --lat-base "$W/lat-base.txt" --run-base "$W/run-base.txt" \
    --latency-queries "$nlat" \
    --lat1k-cjk "$W/lat-latency-cjk.txt" --time1k-cjk "$W/time-latency-cjk.txt" \
    --lat1k-base "$W/lat-latency-base.txt" --time1k-base "$W/time-latency-base.txt" \
    --single-cjk "$W/lat-single-cjk.txt" --single-base "$W/lat-single-base.txt" \
    --oneshot-cjk "$W/lat-oneshot-cjk.txt" \
    --out "$CACHE/last-bench.txt" || die "report.py failed"
echo
echo "cjkindex said:"
tail -n 5 "$W/index-cjk.log" | sed 's/^/    /'
echo "baseline said:"
tail -n 2 "$W/index-base.log" | sed 's/^/    /'
echo "(table saved in $CACHE/last-bench.txt; logs, runs and latencies in $W)"

if [ "${BENCH_KEEP:-0}" != 1 ]; then
    rm -rf "$W/cjk.db" "$W/base.db"
fi
