#!/bin/sh
# 1210: hot characters (docs/index-schema.md, "Hot characters"): a new
# index stores the built-in set, a one-character query finds every passage
# holding the character whether it is hot or not, and a word whose last
# run is one character (11月) still finds the run going on (11月份).
# tools/hot-chars lists what an index would make hot.
. "$(dirname "$0")/test-lib.sh"

ids() { db=$1; shift; "$CJKSEARCH" -d "$db" --json -n 50 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

cat >hot.jsonl <<'JSONL'
{"id": "h1", "title": "新闻", "body": "我的书在这里，好的人来了。"}
{"id": "h2", "title": "报道", "body": "会议定于11月举行，鑫源公司出席。"}
{"id": "h3", "title": "消息", "body": "11月份的消息很多，目的地是北京。"}
{"id": "h4", "title": "日本語", "body": "東京の天気は晴れです。"}
JSONL

for j in 1 2; do
    test_expect_success "-j $j: a hot character (的) finds it mid-run and at a run's start" '
        "$CJKINDEX" -q -j '$j' -d j'$j'.db hot.jsonl &&
        test_expect_equal "$(ids j'$j'.db 的)" "h1 h3"
    '
    test_expect_success "-j $j: a cold one (鑫, 鑫源) by the wildcard over its bigrams" '
        test_expect_equal "$(ids j'$j'.db 鑫)" "h2"
    '
    test_expect_success "-j $j: 11月 finds 11月举行 and 11月份 (月 is not hot)" '
        test_expect_equal "$(ids j'$j'.db 11月)" "h2 h3"
    '
    test_expect_success "-j $j: の (hot, mid-run), 晴 (cold, mid-run)" '
        test_expect_equal "$(ids j'$j'.db の)" "h4" &&
        test_expect_equal "$(ids j'$j'.db 晴)" "h4"
    '
done

test_expect_success 'a single hot character is highlighted at each occurrence' '
    "$CJKSEARCH" -d j1.db --json 的 >r.jsonl &&
    python3 -c "
import json
spans = {}
for line in open(\"r.jsonl\"):
    d = json.loads(line)
    if \"article_id\" in d:
        t = d[\"passage\"].encode()
        spans[d[\"article_id\"]] = [t[a:b].decode() for a, b in d[\"highlights\"]]
assert spans == {\"h1\": [\"的\", \"的\"], \"h3\": [\"的\", \"的\"]}, spans
"
'

test_expect_success 'hot-chars: the characters beginning at least N bigrams' '
    "$BUILD/hot-chars" -v j1.db 2 >counts.txt &&
    grep -q "^的	4$" counts.txt &&
    ! grep -q "^鑫	" counts.txt &&
    "$BUILD/hot-chars" j1.db 2 >line.txt &&
    test_expect_equal "$(cat line.txt)" "$(cut -f1 counts.txt | tr -d "\n")" &&
    "$BUILD/hot-chars" j1.db >none.txt &&
    test_expect_equal "$(cat none.txt)" ""
'
test_expect_success 'hot-chars: bad arguments and a missing index' '
    test_expect_code 2 "$BUILD/hot-chars" &&
    test_expect_code 2 "$BUILD/hot-chars" j1.db 0 &&
    test_expect_code 3 "$BUILD/hot-chars" missing.db
'
test_done
