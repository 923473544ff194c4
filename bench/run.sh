#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh - `make bench`: cjknews against Xapian's own CJK n-gram
# indexing (the baseline) on the same passages and the same queries, in the
# same run, with the -j curve, peak RSS at 4x, the incremental costs and,
# for `make bench-peers`, the engines of ../shared/peers. See docs/bench.md.
#
# Environment:
#   CJKNEWS_BENCH_CACHE  cache and work directory (default ~/.cache/cjknews-bench);
#                        corpus, databases and last-bench.txt live there, never
#                        in the repository
#   CJKNEWS_CORPUS_DIR   the shared corpora (default ../shared/corpus)
#   BENCH_CORPUS         mixed (default: ja, zh-Hans, ko, zh-Hant) or livedoor (ja)
#   BENCH_MB             raw MB of the corpus (mixed: default 110; livedoor:
#                        default all 25 MB); BENCH_MB=5 for a quick run
#   BENCH_4X=0           skip the 4x corpus (peak RSS and MB/s at 4x the size)
#   BENCH_JOBS           the -j curve (default "1 2 4")
#   BENCH_PEERS=1        also run ../shared/peers (what `make bench-peers` sets);
#                        installs its packages when missing unless
#                        BENCH_PEERS_INSTALL=0; PEERS limits the set
#   CJKNEWS_PEERS_DIR    the peer kit (default ../shared/peers)
#   BENCH_KEEP=1         keep the main databases after the run
#   BENCH_ONESHOT_N      one-shot cjksearch processes timed (default 100)
#   CJKINDEX, CJKSEARCH  the programs under test (default ./cjkindex ./cjksearch)
set -eu
export PYTHONDONTWRITEBYTECODE=1   # no __pycache__ in bench/

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. bench/steps.sh

CORPUS_DIR=${CJKNEWS_CORPUS_DIR:-$top/../shared/corpus}
PEERS_DIR=${CJKNEWS_PEERS_DIR:-$top/../shared/peers}
CACHE=${CJKNEWS_BENCH_CACHE:-${HOME:-/tmp}/.cache/cjknews-bench}
BENCH_CORPUS=${BENCH_CORPUS:-mixed}
BENCH_MB=${BENCH_MB:-}
BENCH_4X=${BENCH_4X:-1}
BENCH_JOBS=${BENCH_JOBS:-1 2 4}
BENCH_PEERS=${BENCH_PEERS:-0}
CJKINDEX=${CJKINDEX:-./cjkindex}
CJKSEARCH=${CJKSEARCH:-./cjksearch}
GNUTIME=${GNUTIME:-/usr/bin/time}

case $BENCH_CORPUS in
    mixed)    need="livedoor-news-ja readhub-zh-hans chosun-rss-ko hkcnews-zh-hant"
              name=mixed-${BENCH_MB:-110} ;;
    livedoor) need="livedoor-news-ja"; name=livedoor${BENCH_MB:+-$BENCH_MB} ;;
    *) die "BENCH_CORPUS must be mixed or livedoor, not '$BENCH_CORPUS'" ;;
esac
for d in $need; do
    if [ ! -d "$CORPUS_DIR/$d" ]; then
        echo "bench: SKIPPED: the benchmark corpus is not here" \
             "($CORPUS_DIR/$d; set CJKNEWS_CORPUS_DIR)."
        exit 0
    fi
done

for t in python3 zstd g++ pkg-config du stat awk xapian-compact; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run 'make deps')"
done
"$GNUTIME" -v true >/dev/null 2>&1 || die "GNU time not found at $GNUTIME (apt-get install time)"
[ -x "$CJKINDEX" ] || die "$CJKINDEX not built (run 'make')"
[ -x "$CJKSEARCH" ] || die "$CJKSEARCH not built (run 'make')"
MAINJ=$(nproc)   # cjkindex's default: one writer per online CPU
JOBS=$BENCH_JOBS
case " $JOBS " in *" $MAINJ "*) ;; *) JOBS="$JOBS $MAINJ" ;; esac

# ---- corpus and queries (cached) -----------------------------------------
C=$CACHE/corpus-$name
mkdir -p "$CACHE"
python3 bench/make-corpus.py --corpus-dir "$CORPUS_DIR" --out "$C" --set "$BENCH_CORPUS" \
    --mb "${BENCH_MB:-0}" || die "make-corpus.py failed"
C4=
if [ "$BENCH_4X" != 1 ]; then
    say "4x: skipped (BENCH_4X=$BENCH_4X)"
elif [ "$BENCH_CORPUS" = livedoor ] && [ -z "$BENCH_MB" ]; then
    say "4x: skipped (livedoor has no 4x of real articles; use the mixed corpus or BENCH_MB)"
else
    C4=$CACHE/corpus-$name-x4
    python3 bench/make-corpus.py --corpus-dir "$CORPUS_DIR" --out "$C4" --set "$BENCH_CORPUS" \
        --mb "${BENCH_MB:-0}" --scale 4 || die "make-corpus.py --scale 4 failed"
fi

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

# ---- indexing: the -j curve; the default (-j MAINJ) index is kept ----------
# The first 50 latency queries are run on each index for the determinism
# check before the non-default ones are deleted.
head -n 50 "$C/latency.txt" >"$W/det-queries.txt"
det_args=
for j in $JOBS; do
    db=$W/cjk-j$j.db
    [ "$j" = "$MAINJ" ] && db=$W/cjk.db
    say "indexing with cjknews, -j $j"
    index_cjk "j$j" "$db" "$C/corpus.jsonl" -j "$j"
    db_sizes "$db" "$W/sizes-j$j.txt"
    search_batch "$db" "$W/det-queries.txt" "$W/det-j$j.jsonl"
    det_args="$det_args -j$j=$W/det-j$j.jsonl"
    # the duplicates cjkindex recorded, for the scoring (bench/results.py)
    [ "$db" = "$W/cjk.db" ] && { "$BASE" metadata "$db" cjknews.copies. >"$W/copies.txt" \
        || die "cannot read the copy records of $db"; }
    [ "$db" = "$W/cjk.db" ] || rm -rf "$db"
done
# shellcheck disable=SC2086
python3 bench/determinism.py $det_args \
    >"$W/determinism.txt" 2>&1 || true
say "$(head -n 1 "$W/determinism.txt")"

say "indexing with the baseline ($BASE)"
sync
"$GNUTIME" -v -o "$W/time-base.txt" "$BASE" index "$W/base.db" "$W/passages.jsonl" \
    >"$W/index-base.log" 2>&1 \
    || { tail -n 20 "$W/index-base.log" >&2; die "baseline index failed"; }
sync
db_sizes "$W/base.db" "$W/sizes-base.txt"

# ---- queries: one untimed pass each (OS cache), then the measured pass -------
say "querying ($(wc -l <"$C/queries.txt" | tr -d ' ') known-item queries, twice each)"
for pass in warm timed; do
    search_batch "$W/cjk.db" "$C/queries.txt" "$W/run-cjk.jsonl" --latency-log "$W/lat-cjk.txt"
    "$BASE" search "$W/base.db" "$C/queries.tsv" "$W/lat-base.txt" "$W/run-base.txt" \
        2>"$W/search-base.log" \
        || { tail -n 20 "$W/search-base.log" >&2; die "baseline search failed ($pass pass)"; }
done

# ---- latency: the 1,000-query set and the single characters, as batches ----
# Each program runs each batch twice (the first pass warms the OS cache);
# the wall time of the whole timed batch process (database opened once)
# gives queries/s.
say "latency: $(wc -l <"$C/latency.txt" | tr -d ' ') queries and" \
    "$(wc -l <"$C/single.txt" | tr -d ' ') single-character queries, twice each"
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
echo "cjk $(compact_size "$W/cjk.db")" >"$W/compacted.txt"
echo "base $(compact_size "$W/base.db")" >>"$W/compacted.txt"
[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W/base.db"

# ---- incremental: add 1% to the 99%, delete one article ---------------------
incremental

# ---- 4x: peak RSS and MB/s on four times the input ---------------------------
if [ -n "$C4" ]; then
    say "4x: indexing $(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["raw_bytes"] / 1e6))' "$C4/meta.json") MB with -j $MAINJ"
    index_cjk x4 "$W/x4.db" "$C4/corpus.jsonl" -j "$MAINJ"
    db_sizes "$W/x4.db" "$W/sizes-x4.txt"
    rm -rf "$W/x4.db"
fi

# ---- peers (make bench-peers) -----------------------------------------------
[ "$BENCH_PEERS" = 1 ] && run_peers

# ---- report ------------------------------------------------------------------
xv=$(pkg-config --modversion xapian-core 2>/dev/null || echo '?')
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
dirty=$(git status --porcelain 2>/dev/null | head -n 1)
[ -n "$dirty" ] && rev="$rev+changes"
info="machine: $(nproc) cores, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC'); source: $rev"
echo
python3 bench/report.py --work "$W" --corpus "$C" ${C4:+--corpus4x "$C4"} \
    --jobs "$JOBS" --main-j "$MAINJ" --name "$name" --xapian "$xv" --passages "$npass" \
    --info "$info" --out "$CACHE/last-bench.txt" || die "report.py failed"
echo
echo "cjkindex (-j $MAINJ) said:"
tail -n 5 "$W/index-j$MAINJ.log" | sed 's/^/    /'
echo "baseline said:"
tail -n 2 "$W/index-base.log" | sed 's/^/    /'
echo "(table saved in $CACHE/last-bench.txt; logs, runs and latencies in $W)"

[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$W/cjk.db"
