#!/bin/sh
# SPDX-License-Identifier: MIT
# eval/tune.sh - `make eval-tune`: chooses the BM25 parameters of
# cjksearch (search.bm25.k1, b, min_normlen) on the tuning half of the
# evaluation questions, then reports the chosen values beside the current
# defaults and the Xapian baseline on the held-out half. See docs/eval.md,
# "Tuning BM25".
#
# The parameters are query-time: each set is indexed once, and every grid
# point is one `cjksearch -c POINT.yaml --batch --match auto` run.
#
# Environment (as eval/run.sh, plus):
#   CJKNEWS_EVAL_CACHE   cache and work directory (default ~/.cache/cjknews-eval);
#                        this script works in its tune/ subdirectory
#   CJKNEWS_CORPUS_DIR   the shared corpora (default ../shared/corpus)
#   EVAL_SAMPLE          questions per dataset before the split (default 1000)
#   EVAL_SETS            the datasets (default: all four)
#   TUNE_K1, TUNE_B      the grid (defaults below); every pair is run
#   TUNE_MIN_NORMLEN     min_normlen values tried at the best (k1, b)
#   CJKINDEX, CJKSEARCH  the programs under test
set -eu

EVAL_NAME=eval-tune
. "$(dirname "$0")/setup.sh"
TUNE_K1=${TUNE_K1:-0.2 0.4 0.6 0.9 1.2 1.6}
TUNE_B=${TUNE_B:-0.3 0.5 0.75 0.9}
TUNE_MIN_NORMLEN=${TUNE_MIN_NORMLEN:-0.25 0.5 0.75 1.0}

W=$CACHE/tune
rm -rf "$W"
mkdir -p "$W"

# The compiled-in defaults, read back from the shipped config so that the
# "defaults" row is what users get.
cfg_get() { sed -n "s/^ *$1: *\([0-9.]*\).*/\1/p" config/cjknews.yaml | head -n 1; }
DEF_K1=$(cfg_get k1)
DEF_B=$(cfg_get b)
DEF_MN=$(cfg_get min_normlen)
[ -n "$DEF_K1" ] && [ -n "$DEF_B" ] && [ -n "$DEF_MN" ] || die "cannot read search.bm25 from config/cjknews.yaml"

point_cfg() { # LABEL K1 B MIN_NORMLEN
    printf 'search:\n  bm25: {k1: %s, b: %s, min_normlen: %s}\n' "$2" "$3" "$4" >"$W/$1.yaml"
}

# ---- per set: split, index once (cjknews and the baseline) ------------------
tune_sets="" held_sets=""
for s in $SETS; do
    C=$S/$s
    D=$W/$s
    [ -f "$C/meta.json" ] || die "no set '$s' in $S"
    mkdir -p "$D"
    split=$(python3 eval/tune-split.py "$C" "$D") || die "$s: tune-split.py failed"
    say "$s: $(echo "$split" | cut -d' ' -f1) tuning and $(echo "$split" | cut -d' ' -f2) held-out questions; indexing"
    rc=0
    "$CJKINDEX" -d "$D/cjk.db" "$C/corpus.jsonl" >"$D/index-cjk.log" 2>&1 || rc=$?
    [ "$rc" -gt 1 ] && { tail -n 20 "$D/index-cjk.log" >&2; die "$s: cjkindex failed ($rc)"; }
    "$CJKINDEX" --dump-passages "$C/corpus.jsonl" >"$D/passages.jsonl" 2>"$D/dump.log" \
        || die "$s: cjkindex --dump-passages failed"
    "$BASE" index "$D/base.db" "$D/passages.jsonl" >"$D/index-base.log" 2>&1 \
        || die "$s: baseline index failed"
    tune_sets="$tune_sets --set $s $D/tune/queries.tsv $C/qrels.txt"
    held_sets="$held_sets --set $s $D/held/queries.tsv $C/qrels.txt"
done

# run_point LABEL HALF LIMIT: every set's HALF questions with LABEL.yaml.
run_point() {
    mkdir -p "$W/runs/$1-$2"
    for s in $SETS; do
        rc=0
        "$CJKSEARCH" -c "$W/$1.yaml" -d "$W/$s/cjk.db" --batch "$W/$s/$2/queries.txt" \
            --json -n "$3" --match auto >"$W/runs/$1-$2/$s.jsonl" 2>"$W/runs/$1-$2/$s.log" || rc=$?
        [ "$rc" -gt 1 ] && { tail -n 5 "$W/runs/$1-$2/$s.log" >&2; die "$s: cjksearch ($1) failed ($rc)"; }
    done
    return 0
}

# ---- stage 1: k1 x b, min_normlen at its default; stage 2: min_normlen ------
# Only the first 10 results count for MRR@10 and nDCG@10: -n 10.
points=""
point_cfg defaults "$DEF_K1" "$DEF_B" "$DEF_MN"
run_point defaults tune 10
points="--point defaults $DEF_K1 $DEF_B $DEF_MN $W/runs/defaults-tune"
t0=$(date +%s)
for k1 in $TUNE_K1; do
    for b in $TUNE_B; do
        l="k$k1-b$b"
        [ "$k1 $b" = "$DEF_K1 $DEF_B" ] && continue # the defaults row
        say "tuning half: k1 $k1, b $b"
        point_cfg "$l" "$k1" "$b" "$DEF_MN"
        run_point "$l" tune 10
        points="$points --point $l $k1 $b $DEF_MN $W/runs/$l-tune"
    done
done
# shellcheck disable=SC2086
best=$(python3 eval/tune-pick.py $tune_sets $points | tail -n 1)
set -- $best
bk1=$3 bb=$4
for mn in $TUNE_MIN_NORMLEN; do
    [ "$mn" = "$DEF_MN" ] && continue
    l="k$bk1-b$bb-m$mn"
    say "tuning half: k1 $bk1, b $bb, min_normlen $mn"
    point_cfg "$l" "$bk1" "$bb" "$mn"
    run_point "$l" tune 10
    points="$points --point $l $bk1 $bb $mn $W/runs/$l-tune"
done
echo
# shellcheck disable=SC2086
python3 eval/tune-pick.py --out "$W/grid.txt" $tune_sets $points >"$W/grid.out" \
    || die "tune-pick.py failed"
sed '$d' "$W/grid.out"
set -- $(tail -n 1 "$W/grid.out")
chosen_label=$2 ck1=$3 cb=$4 cmn=$5
say "grid done in $(( $(date +%s) - t0 ))s; best on the tuning half: $chosen_label (k1 $ck1, b $cb, min_normlen $cmn)"

# ---- the held-out half: chosen, defaults, baseline ----------------------------
point_cfg chosen "$ck1" "$cb" "$cmn"
run_point chosen held 100
run_point defaults held 100
args=""
for s in $SETS; do
    "$BASE" search "$W/$s/base.db" "$W/$s/held/queries.tsv" "$W/runs/base-$s.txt" \
        2>"$W/runs/base-$s.log" || die "$s: baseline search failed"
    args="$args --run cjknews-auto-chosen $s cjk $W/runs/chosen-held/$s.jsonl"
    args="$args --run cjknews-auto-defaults $s cjk $W/runs/defaults-held/$s.jsonl"
    args="$args --run baseline-xapian-ngram $s trec $W/runs/base-$s.txt"
done
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
[ -n "$(git status --porcelain 2>/dev/null | head -n 1)" ] && rev="$rev+changes"
xv=$(pkg-config --modversion xapian-core 2>/dev/null || echo '?')
info="cjknews eval-tune, HELD-OUT half: source $rev, Xapian $xv, $(date -u '+%Y-%m-%d %H:%M UTC'), sample $EVAL_SAMPLE/set before the split; chosen = k1 $ck1 b $cb min_normlen $cmn, defaults = k1 $DEF_K1 b $DEF_B min_normlen $DEF_MN"
echo
# shellcheck disable=SC2086
python3 eval/score.py --info "$info" --out "$W/held-out.txt" --json "$W/held-out.json" \
    $held_sets $args || die "score.py failed"
echo "(grid in $W/grid.txt, held-out table in $W/held-out.txt)"
