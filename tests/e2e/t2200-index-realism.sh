#!/bin/sh
# 2200: realism: raw scraped articles from ../shared/seeds (dirty on
# purpose: spam titles, pinyin annotations, lost bytes) and a slice of the
# real livedoor corpus. Skipped, saying why, when ../shared is absent.
. "$(dirname "$0")/test-lib.sh"
SEEDS="$SHARED/seeds"
LIVEDOOR="$SHARED/corpus/livedoor-news-ja/ldcc-text.tar.zst"

if [ ! -d "$SEEDS" ]; then
    test_skip "raw seeds" "no $SEEDS (the shared data is not beside the repository)"
    test_done
fi

ids() { "$CJKSEARCH" -d db --json -n 50 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sed 's|.*/||' | sort -u | tr '\n' ' '; }

test_expect_success 'every seed article is indexed, nothing rejected' '
    "$CJKINDEX" -d db "$SEEDS" 2>err &&
    n=$(ls "$SEEDS" | wc -l) &&
    grep -q "indexed $n articles" err &&
    grep -q "rejected 0" err
'
test_expect_success 'cross-script: 纳德拉 (simplified) and 納德拉 find the same articles' '
    a=$(ids 纳德拉) && b=$(ids 納德拉) &&
    test -n "$a" && test_expect_equal "$a" "$b"
'
test_expect_success '奥特曼 finds the traditional 奧特曼 articles' '
    ids 奥特曼 | grep -q "002_\|004_"
'
test_expect_success 'Sam Altman as a phrase across scripts of Latin text' '
    ids "\"Sam Altman\"" | grep -q "001_"
'
test_expect_success 'highlights in real text point at the matched words' '
    "$CJKSEARCH" -d db --json -n 20 微软 >r.jsonl &&
    python3 -c "
import json
n = 0
for line in open(\"r.jsonl\"):
    r = json.loads(line)
    b = r[\"passage\"].encode()
    for s, e in r[\"highlights\"]:
        assert b[s:e].decode() in (\"微软\", \"微軟\"), b[s:e]
        n += 1
assert n > 10, n
"
'
if [ -f "$LIVEDOOR" ] && command -v zstd >/dev/null; then
    test_expect_success 'a slice of real livedoor news indexes and answers a title query' '
        mkdir ld && zstd -dc "$LIVEDOOR" | tar -x -C ld --wildcards "text/it-life-hack/it-life-hack-6*.txt" &&
        n=$(find ld -name "*.txt" | wc -l) && test "$n" -gt 50 &&
        "$CJKINDEX" -d ld.db ld 2>err &&
        i=$(sed -n "s/.*indexed \([0-9]*\) articles.*/\1/p" err) &&
        c=$(sed -n "s/.* \([0-9]*\) duplicates* recorded as copies.*/\1/p" err) &&
        test "$((i + c))" -eq "$n" && test "$c" -le 2 &&
        f=$(find ld -name "*.txt" | sort | head -n 1) &&
        title=$(python3 -c "import sys; t = open(sys.argv[1], encoding=\"utf-8\").read().split(\"\\n\")[2]; print(\"\".join(c for c in t if c.isalnum())[:10])" "$f") &&
        test -n "$title" &&
        "$CJKSEARCH" -d ld.db --json -n 10 "$title" | grep -q "$(basename "$f")"
    '
else
    test_skip "livedoor slice" "no $LIVEDOOR or no zstd"
fi
test_done
