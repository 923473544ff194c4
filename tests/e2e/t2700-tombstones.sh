#!/bin/sh
# 2700: an index without Xapian's termlist table, where deleting and
# re-indexing leave tombstones (docs/index-schema.md, "Tombstones"). A
# deleted or replaced article must vanish at once from results, counts,
# facets, timelines and --stats, as if the index had been built without
# it; re-indexing an unchanged article must change nothing; the same
# holds with -j 2 (the merge renumbers documents and their tombstones)
# and over xapian-tcpsrv (tombstones dropped after the match).
. "$(dirname "$0")/test-lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
DICT="$TEST_TOP/config/entities"
cat "$TEST_TOP/tests/corpora/clean/news.jsonl" "$SAMPLES/dump.jsonl" >all.jsonl
grep -v '"id": "dump-002"' all.jsonl >without.jsonl
# dump-003 with a new body: an unchanged id, changed content.
"$PY" -c 'import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["id"] == "dump-003":
        o["body"] = "章鱼保罗预测了微软股价。这是一段全新的正文，与原文不同。"
    print(json.dumps(o, ensure_ascii=False))' all.jsonl >changed.jsonl

# view DB OUT: what searches of DB show, without scores (BM25 statistics
# still count tombstoned passages until a rebuild: docs/index-schema.md):
# the sorted ids of the results of a few queries, their counts, facets,
# timelines, --stats and --entities.
view() {
    db=$1 out=$2
    : >"$out"
    for q in 微软 OpenAI 纳德拉 股价 "微软 OR 章鱼" date:2023-11 person:纳德拉 "\"Sam Altman\""; do
        echo "== $q" >>"$out"
        "$CJKSEARCH" -d "$db" --dict "$DICT" --json -n 1000 -- "$q" 2>/dev/null |
            "$PY" -c 'import json, sys
for line in sys.stdin:
    o = json.loads(line)
    print(o["article_id"], o["passage_no"])' | sort >>"$out"
        "$CJKSEARCH" -d "$db" --dict "$DICT" -n 1 --facets --timeline day -- "$q" 2>/dev/null |
            sed -n '/^Facets of/,$p' >>"$out"
    done
    "$CJKINDEX" -d "$db" --stats >>"$out"
    "$CJKINDEX" -d "$db" --entities --dict "$DICT" >>"$out"
}

test_expect_success '-j 1 and -j 2: no termlist table' '
    "$CJKINDEX" -q -j 1 -d j1.db --dict "$DICT" all.jsonl &&
    "$CJKINDEX" -q -j 2 -d j2.db --dict "$DICT" all.jsonl &&
    test -f j1.db/postlist.glass && ! test -e j1.db/termlist.glass &&
    test -f j2.db/postlist.glass && ! test -e j2.db/termlist.glass
'
test_expect_success 'a fresh index without the article, for comparison' '
    "$CJKINDEX" -q -j 1 -d without.db --dict "$DICT" without.jsonl &&
    view without.db want-without &&
    view j1.db before && grep -q "^dump-002 " before && ! grep -q "^dump-002 " want-without
'
for j in 1 2; do
    test_expect_success "-j $j: --delete hides the article from results, counts, facets, timeline" "
        \"\$CJKINDEX\" -d j$j.db --delete dump-002 &&
        view j$j.db got && test_expect_equal_file got want-without
    "
    test_expect_success "-j $j: deleting it again: not found, exit 1" "
        test_expect_code 1 \"\$CJKINDEX\" -d j$j.db --delete dump-002
    "
done

test_expect_success 'a fresh index of the changed input, for comparison' '
    "$CJKINDEX" -q -j 1 -d changed.db --dict "$DICT" changed.jsonl &&
    view changed.db want-changed && grep -q "^dump-003 " want-changed
'
for j in 1 2; do
    test_expect_success "-j $j: re-indexing a changed article shows only the new text" "
        \"\$CJKINDEX\" -q -j $j -d j$j.db --dict \"\$DICT\" changed.jsonl &&
        view j$j.db got && test_expect_equal_file got want-changed &&
        \"\$CJKSEARCH\" -d j$j.db --json -n 100 章鱼保罗 | grep -q '\"dump-003\"' &&
        ! \"\$CJKSEARCH\" -d j$j.db --json -n 100 提振 | grep -q '\"dump-003\"'
    "
done

test_expect_success 're-indexing unchanged articles is a no-op: same results, scores, stats' '
    "$CJKINDEX" -q -j 1 -d u.db --dict "$DICT" all.jsonl &&
    "$CJKSEARCH" -d u.db --json -n 1000 微软 OR OpenAI >r1 &&
    "$CJKINDEX" -d u.db --stats >s1 &&
    "$CJKINDEX" -q -j 1 -d u.db --dict "$DICT" all.jsonl &&
    "$CJKINDEX" -q -j 2 -d u.db --dict "$DICT" all.jsonl &&
    "$CJKSEARCH" -d u.db --json -n 1000 微软 OR OpenAI >r2 &&
    "$CJKINDEX" -d u.db --stats >s2 &&
    test_expect_equal_file r2 r1 && test_expect_equal_file s2 s1
'

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    test_skip 'tombstones over xapian-tcpsrv' 'xapian-tcpsrv not installed'
    test_done
fi
# A database served by xapian-tcpsrv needs a termlist (cjkindex --termlist).
"$CJKINDEX" -q -j 1 --termlist -d r.db --dict "$DICT" all.jsonl
"$CJKINDEX" -q -d r.db --delete dump-002
"$CJKINDEX" -q -j 1 --termlist -d r0.db --dict "$DICT" all.jsonl
PORT=
start_shard r.db && PORT=$SHARD_PORT
test_expect_success 'xapian-tcpsrv shards: tombstoned passages are left out' '
    test -n "$PORT" && test -e r.db/termlist.glass &&
    "$CJKSEARCH" -d "tcp:127.0.0.1:$PORT" --json -n 1000 微软 >remote &&
    "$CJKSEARCH" -d r.db --json -n 1000 微软 >local &&
    ! grep -q "\"dump-002\"" remote &&
    test_expect_equal "$(wc -l <remote)" "$(wc -l <local)" &&
    "$CJKSEARCH" -d r0.db --json -n 1000 微软 | grep -q "\"dump-002\""
'
test_expect_success 'xapian-tcpsrv beside a local shard: mapped to the right shard' '
    "$CJKSEARCH" -d "tcp:127.0.0.1:$PORT" -d without.db --json -n 1000 OpenAI >mixed &&
    test "$(grep -c "\"dump-002\"" mixed)" -eq 0 &&
    "$CJKSEARCH" -d r.db -d without.db --json -n 1000 OpenAI >mixed-local &&
    test_expect_equal "$(wc -l <mixed)" "$(wc -l <mixed-local)"
'
test_done
