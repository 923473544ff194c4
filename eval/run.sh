#!/bin/sh
# SPDX-License-Identifier: MIT
# eval/run.sh - `make eval`: relevance of cjknews on the public
# question->passage sets of ../shared/corpus (cmrc2018, drcd, jsquad,
# korquad1), beside the baseline (Xapian QueryParser + FLAG_CJK_NGRAM on a
# document index of the same passages), in the same run. See docs/eval.md.
#
# Environment:
#   CJKNEWS_EVAL_CACHE   cache and work directory (default ~/.cache/cjknews-eval);
#                        the sets, databases, runs and last-eval.txt live there,
#                        never in the repository (the texts are licensed)
#   CJKNEWS_CORPUS_DIR   the shared corpora (default ../shared/corpus)
#   EVAL_SAMPLE          questions per dataset, fixed seed (default 1000; 0 = all)
#   EVAL_SETS            the datasets to run (default: all four)
#   EVAL_KEEP=1          keep the databases after the run
#   CJKINDEX, CJKSEARCH  the programs under test (default ./cjkindex ./cjksearch)
set -eu

EVAL_NAME=eval
. "$(dirname "$0")/setup.sh"

W=$CACHE/run
rm -rf "$W"
mkdir -p "$W"

# ---- does cjksearch have OR? Probe it on a two-passage database ----------------
printf '%s\n' '{"id":"p1","title":"","body":"微软发布新产品"}' \
              '{"id":"p2","title":"","body":"谷歌投资公司"}' >"$W/probe.jsonl"
has_or=0
if "$CJKINDEX" -d "$W/probe.db" "$W/probe.jsonl" >"$W/probe.log" 2>&1; then
    n=$("$CJKSEARCH" -d "$W/probe.db" --json -n 10 -- 微软 OR 谷歌 2>/dev/null | grep -c '"article_id"' || true)
    [ "$n" = 2 ] && has_or=1
fi
rm -rf "$W/probe.db"
if [ "$has_or" = 1 ]; then
    say "cjksearch supports OR: running the OR-semantics row too"
else
    say "cjksearch has no OR operator (probe '微软 OR 谷歌' did not match both passages):" \
        "the cjknews OR row is not run"
fi

# ---- per dataset: index both, query both ----------------------------------------
args=""
for s in $SETS; do
    C=$S/$s
    D=$W/$s
    [ -f "$C/meta.json" ] || die "no set '$s' in $S"
    mkdir -p "$D"
    nq=$(wc -l <"$C/queries.txt" | tr -d ' ')
    say "$s: indexing $(wc -l <"$C/corpus.jsonl" | tr -d ' ') passages, $nq questions"
    "$CJKINDEX" --dump-passages "$C/corpus.jsonl" >"$D/passages.jsonl" 2>"$D/dump.log" \
        || { cat "$D/dump.log" >&2; die "$s: cjkindex --dump-passages failed"; }
    rc=0
    "$CJKINDEX" -d "$D/cjk.db" "$C/corpus.jsonl" >"$D/index-cjk.log" 2>&1 || rc=$?
    [ "$rc" -gt 1 ] && { tail -n 20 "$D/index-cjk.log" >&2; die "$s: cjkindex failed ($rc)"; }
    [ "$rc" -eq 1 ] && say "warning: $s: cjkindex rejected some records (see $D/index-cjk.log)"
    "$BASE" index "$D/base.db" "$D/passages.jsonl" >"$D/index-base.log" 2>&1 \
        || { tail -n 20 "$D/index-base.log" >&2; die "$s: baseline index failed"; }

    say "$s: querying"
    rc=0
    "$CJKSEARCH" -d "$D/cjk.db" --batch "$C/queries.txt" --json -n 100 \
        >"$D/run-cjk-and.jsonl" 2>"$D/search-cjk-and.log" || rc=$?
    [ "$rc" -gt 1 ] && { tail -n 20 "$D/search-cjk-and.log" >&2; die "$s: cjksearch failed ($rc)"; }
    args="$args --run cjknews-AND $s cjk $D/run-cjk-and.jsonl"
    # The product's own mode for questions typed as sentences: every word
    # as typed, else passages with some of the words, exact phrases first.
    rc=0
    "$CJKSEARCH" -d "$D/cjk.db" --batch "$C/queries.txt" --json -n 100 --match auto \
        >"$D/run-cjk-auto.jsonl" 2>"$D/search-cjk-auto.log" || rc=$?
    [ "$rc" -gt 1 ] && { tail -n 20 "$D/search-cjk-auto.log" >&2; die "$s: cjksearch --match auto failed ($rc)"; }
    args="$args --run cjknews-auto $s cjk $D/run-cjk-auto.jsonl"
    if [ "$has_or" = 1 ]; then
        rc=0
        "$CJKSEARCH" -d "$D/cjk.db" --batch "$C/queries-or.txt" --json -n 100 \
            >"$D/run-cjk-or.jsonl" 2>"$D/search-cjk-or.log" || rc=$?
        [ "$rc" -gt 1 ] && { tail -n 20 "$D/search-cjk-or.log" >&2; die "$s: cjksearch (OR) failed ($rc)"; }
        args="$args --run cjknews-OR $s cjk $D/run-cjk-or.jsonl"
    fi
    "$BASE" search "$D/base.db" "$C/queries.tsv" "$D/run-base.txt" \
        2>"$D/search-base.log" \
        || { tail -n 20 "$D/search-base.log" >&2; die "$s: baseline search failed"; }
    args="$args --run baseline-xapian-ngram $s trec $D/run-base.txt"
    args="$args --set $s $C/queries.tsv $C/qrels.txt"
    if [ "${EVAL_KEEP:-0}" != 1 ]; then
        rm -rf "$D/cjk.db" "$D/base.db"
    fi
done

# ---- report --------------------------------------------------------------------
rev=$(git rev-parse --short HEAD 2>/dev/null || echo "no commit")
dirty=$(git status --porcelain 2>/dev/null | head -n 1)
[ -n "$dirty" ] && rev="$rev+changes"
xv=$(pkg-config --modversion xapian-core 2>/dev/null || echo '?')
info="cjknews eval: source $rev, Xapian $xv, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), sample $EVAL_SAMPLE questions/set (0 = all)"
echo
# shellcheck disable=SC2086
python3 eval/score.py --info "$info" --out "$CACHE/last-eval.txt" --json "$CACHE/last-eval.json" \
    $args || die "score.py failed"
[ "$has_or" = 1 ] || echo "cjknews-OR: not run, cjksearch has no OR operator yet (see docs/eval.md)."
echo "(table saved in $CACHE/last-eval.txt; runs and logs in $W)"
