#!/bin/sh
# 2710: the stored passages compressed with a zstd dictionary trained on
# the first passages of a new index (docs/index-schema.md, "Document
# data"). Searches show the same results, passages, snippets and
# highlights as without it, with -j 1 and -j 2, after a second run that
# adds to the index, and over xapian-tcpsrv; the same input gives the
# same dictionary whatever -j says; on real news the data table shrinks.
. "$(dirname "$0")/test-lib.sh"

cat "$TEST_TOP/tests/corpora/clean/news.jsonl" "$SAMPLES/dump.jsonl" >jsonl.jsonl
IN="$SAMPLES/articles jsonl.jsonl"
printf 'index:\n  dictionary_sample_bytes: 20000\n' >dict.yaml
printf 'index:\n  dictionary_sample_bytes: 0\n' >plain.yaml

# view DB: the full JSON results (passage, snippet, highlights) of the
# sample queries, without scores (BM25 statistics differ once an index is
# built in two runs) and more_in_article (Xapian's collapse count is a
# lower bound that depends on the docid order, so -j and remote shards
# change it, with or without a dictionary).
view() {
    while read -r q; do
        echo "== $q"
        "$CJKSEARCH" -d "$1" --json -n 20 -- "$q" 2>/dev/null |
            python3 -c 'import json, sys
for line in sys.stdin:
    o = json.loads(line)
    o.pop("score", None)
    o.pop("more_in_article", None)
    print(json.dumps(o, ensure_ascii=False, sort_keys=True))'
    done <"$SAMPLES/queries.txt"
}

# frames DB: the dictionary ids named by the zstd frames that DB's
# documents hold as their data, one per line ("none" for a frame without
# one); empty if no frame. The data is read through Xapian (xapian-delve
# -d), not by scanning docdata.glass for the frame magic: glass keeps old
# copies of rewritten blocks, and compressed bytes may contain the magic
# (with the CI's paths in the ids, a false "dictionary 195680", twice).
frames() {
    last=$(xapian-delve "$1" 2>/dev/null | sed -n 's/^highest document id ever used = //p')
    test -n "$last" || return 1
    test "$last" -gt 0 || return 0
    xapian-delve -d $(seq -f '-r %.0f' 1 "$last") "$1" 2>/dev/null | python3 -c '
import sys
ids = set()
for part in sys.stdin.buffer.read().split(b"Data for record #")[1:]:
    d = part[part.index(b"\n") + 1:]
    if d[:4] != b"\x28\xb5\x2f\xfd":
        continue
    fhd = d[4]
    pos = 5 + (0 if fhd & 0x20 else 1)
    size = (0, 1, 2, 4)[fhd & 3]
    ids.add(int.from_bytes(d[pos:pos + size], "little") if size else "none")
for i in sorted(ids, key=str):
    print(i)'
}

test_expect_success 'without a dictionary: no compressed passage' '
    "$CJKINDEX" -q -c plain.yaml -j 1 -d plain.db $IN &&
    view plain.db >want && grep -q "\"passage\"" want &&
    frames plain.db >f.plain && ! test -s f.plain
'
for j in 1 2; do
    test_expect_success "-j $j with a dictionary: the same results, passages and highlights" "
        \"\$CJKINDEX\" -q -c dict.yaml -j $j -d d$j.db \$IN &&
        frames d$j.db >f$j && test \$(wc -l <f$j) -eq 1 && ! grep -q none f$j &&
        view d$j.db >got$j && test_expect_equal_file got$j want
    "
done
test_expect_success '-j 1 and -j 2 train the same dictionary' '
    test_expect_equal_file f2 f1
'
test_expect_success 'a second run adds with the dictionary of the first' '
    "$CJKINDEX" -q -c dict.yaml -j 1 -d inc.db "$SAMPLES/articles" &&
    frames inc.db >f.inc1 && test_expect_equal_file f.inc1 f1 &&
    "$CJKINDEX" -q -c dict.yaml -j 2 -d inc.db jsonl.jsonl &&
    frames inc.db >f.inc2 && test_expect_equal_file f.inc2 f1 &&
    view inc.db >got.inc && test_expect_equal_file got.inc want
'
test_expect_success '--purge reads the compressed passages and trains the same dictionary' '
    cp -r d1.db pd.db &&
    "$CJKINDEX" -q -c dict.yaml -d pd.db --purge &&
    frames pd.db >f.purged && test_expect_equal_file f.purged f1 &&
    view pd.db >got.purged && test_expect_equal_file got.purged want
'
# 132000: just under the bytes of the records $IN gives (132,3xx in schema
# 5, where later passages leave id, title and URL to passage 0), so the
# sample fills with the run's last article, too late to compress any.
test_expect_success 'a run too short to fill the sample stores plainly, trains for the next' '
    printf "index:\n  dictionary_sample_bytes: 132000\n" >big.yaml &&
    "$CJKINDEX" -q -c big.yaml -d short.db $IN &&
    frames short.db >f.short && ! test -s f.short &&
    view short.db >got.short && test_expect_equal_file got.short want &&
    python3 -c "import json, sys
for i, line in enumerate(open(sys.argv[1])):
    o = json.loads(line)
    o[\"id\"] = \"again-%d\" % i
    o[\"body\"] = \"第%d次更新：\" % i + o[\"body\"][::-1]
    print(json.dumps(o, ensure_ascii=False))" jsonl.jsonl >again.jsonl &&
    "$CJKINDEX" -q -c big.yaml -d short.db again.jsonl &&
    frames short.db >f.short2 && test $(wc -l <f.short2) -eq 1
'

if command -v xapian-tcpsrv >/dev/null 2>&1; then
    "$CJKINDEX" -q -c dict.yaml --termlist -d served.db $IN
    PORT=
    start_shard served.db && PORT=$SHARD_PORT
    test_expect_success 'over xapian-tcpsrv: the same results, passages and highlights' '
        test -n "$PORT" && frames served.db >f.served && test -s f.served &&
        view "tcp:127.0.0.1:$PORT" >got.remote && test_expect_equal_file got.remote want
    '
else
    test_skip 'dictionary over xapian-tcpsrv' 'xapian-tcpsrv not installed'
fi

LIVEDOOR="$SHARED/corpus/livedoor-news-ja/ldcc-text.tar.zst"
if [ -f "$LIVEDOOR" ] && command -v zstd >/dev/null; then
    test_expect_success 'real news (livedoor, 3 categories): the data table shrinks, results stay' '
        mkdir ld && zstd -dc "$LIVEDOOR" |
            tar -x -C ld --wildcards "text/it-life-hack/*.txt" "text/sports-watch/*.txt" "text/peachy/*.txt" &&
        printf "index:\n  dictionary_sample_bytes: 1000000\n" >ld.yaml &&
        "$CJKINDEX" -q -c ld.yaml -d ld.db ld && "$CJKINDEX" -q -c plain.yaml -d ldp.db ld &&
        a=$(stat -c %s ld.db/docdata.glass) && b=$(stat -c %s ldp.db/docdata.glass) &&
        echo "docdata: $a bytes with the dictionary, $b without" &&
        test $((a * 100)) -lt $((b * 85)) &&
        for q in 携帯 "iPhone 5" 日本代表 女子 "\"スマートフォン\""; do
            "$CJKSEARCH" -d ld.db --json -n 20 -- "$q" >r1 && "$CJKSEARCH" -d ldp.db --json -n 20 -- "$q" >r2 &&
            test -s r1 && test_expect_equal_file r1 r2 || exit 1
        done
    '
else
    test_skip "livedoor data table size" "no $LIVEDOOR or no zstd"
fi
test_done
