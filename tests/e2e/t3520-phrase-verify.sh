#!/bin/sh
# 3520: phrases without positions. The index stores no positions: a word
# of several bigrams is searched as the AND of its terms, and each
# candidate passage is checked on its stored text (searcher/verify.c).
# The corpus is built so that the AND alone is wrong: some articles hold
# every bigram of 微软投资 (微软, 软投, 投资) but never in a row. They must
# never match 微软投资, in the body, in title:, under -/NOT, through
# shards and through a xapian-tcpsrv shard; counts and paging see only
# the passages that pass. docs/index-schema.md, "No positions".
. "$(dirname "$0")/test-lib.sh"

# a1: the phrase in the body.   a2: every bigram, apart (the trap).
# a3: the phrase in the title.  a4: every bigram in the title, apart.
# a5/a6: Latin words at distance 3 and 1.  n*: many traps, for paging.
"$PY" - <<'PY'
import json
arts = [
    ("a1", "科技新闻", "微软投资人工智能公司。"),
    ("a2", "科技新闻", "微软今天宣布投资，外界称之为软投策略。"),
    ("a3", "微软投资新闻", "今天的市场没有变化。"),
    ("a4", "微软宣布投资软投", "其他内容。"),
    ("a5", "英文", "sam said that altman left"),
    ("a6", "英文", "sam altman left"),
]
for i in range(30):
    arts.append(("n%02d" % i, "其他", "投资微软，软投%d。" % i))
arts.append(("z1", "其他", "微软投资的第二家公司。"))
# The fast accept (searcher/literal.c): j2 and k1 hold the query word
# byte for byte, but the next character joins its last one (か+U+3099
# is が, 어+ᆫ is 언), and its bigrams elsewhere: a candidate, no match.
# t1 and h1 match only through folding (traditional, half-width kana).
arts += [
    ("j1", "日本", "ひとかけらの希望。"),
    ("j2", "日本", "ひとか\u3099みの話、とかく。"),
    ("k1", "한국", "한국어\u11ab 그리고 국어"),
    ("k2", "한국", "한국어 교육"),
    ("t1", "台灣", "台積電今天宣布。"),
    ("t2", "台湾", "台积电的股价"),
    ("h1", "日本", "ｿﾆｰ製品の発表"),
]
with open("all.jsonl", "w", encoding="utf-8") as f, \
     open("half1.jsonl", "w", encoding="utf-8") as h1, \
     open("half2.jsonl", "w", encoding="utf-8") as h2:
    for k, (i, t, b) in enumerate(arts):
        line = json.dumps({"id": i, "title": t, "body": b, "date": "2023-11-%02d" % (k % 28 + 1),
                           "source": "src", "lang": "zh-Hans"}, ensure_ascii=False) + "\n"
        f.write(line)
        (h1 if k % 2 else h2).write(line)
PY
"$CJKINDEX" -q -d all.db all.jsonl
# Served by xapian-tcpsrv, which needs a termlist to send documents.
"$CJKINDEX" -q --termlist -d half1.db half1.jsonl
"$CJKINDEX" -q --termlist -d half2.db half2.jsonl

# ids DBARGS... -- QUERY: the sorted article ids of all results
ids() {
    rc=0
    "$CJKSEARCH" --json -n 1000 "$@" >res.json 2>res.err || rc=$?
    [ "$rc" -le 1 ] || { cat res.err >&2; return 1; }
    "$PY" -c 'import json, sys
print(" ".join(sorted(json.loads(l)["article_id"] for l in sys.stdin)))' <res.json
}

test_expect_success 'the trap is real: a2 and a4 hold every bigram of 微软投资' '
    test_expect_equal "$(ids -d all.db -- 微软 软投 投资 | tr " " "\n" | grep -c "^a[24]$")" 2
'
test_expect_success '微软投资 matches the phrase only, in body or title' '
    test_expect_equal "$(ids -d all.db -- 微软投资)" "a1 a3 z1"
'
test_expect_success 'traditional script: 微軟投資 finds the same' '
    test_expect_equal "$(ids -d all.db -- 微軟投資)" "a1 a3 z1"
'
test_expect_success 'a literal occurrence whose last character is joined is no match' '
    test_expect_equal "$(ids -d all.db -- ひとか)" "j1" &&
    test_expect_equal "$(ids -d all.db -- 한국어)" "k2"
'
test_expect_success 'folded forms still match where the literal is absent' '
    test_expect_equal "$(ids -d all.db -- 台积电)" "t1 t2" &&
    test_expect_equal "$(ids -d all.db -- 台積電)" "t1 t2" &&
    test_expect_equal "$(ids -d all.db -- ソニー製品)" "h1"
'
test_expect_success 'title:微软投资 matches the title phrase only' '
    test_expect_equal "$(ids -d all.db -- title:微软投资)" "a3"
'
test_expect_success '-微软投资 excludes the phrase only, not the bigrams apart' '
    test_expect_equal "$(ids -d all.db -- 微软 -微软投资 -title:软投 | tr " " "\n" | grep -v "^n" | tr "\n" " ")" "a2 " &&
    test_expect_equal "$(ids -d all.db -- 微软 NOT 微软投资 | tr " " "\n" | grep -c "^n")" 30
'
test_expect_success '-title:微软投资 excludes the title phrase only' '
    ids -d all.db -- 微软 -title:微软投资 >got &&
    grep -q a4 got && ! grep -q a3 got
'
test_expect_success '"..."~N checks the window on the text' '
    test_expect_equal "$(ids -d all.db -- "\"sam altman\"")" "a6" &&
    test_expect_equal "$(ids -d all.db -- "\"sam altman\"~1")" "a6" &&
    test_expect_equal "$(ids -d all.db -- "\"sam altman\"~2")" "a5 a6" &&
    test_expect_equal "$(ids -d all.db -- sam -"\"sam altman\"~1")" "a5"
'
test_expect_success 'OR of a phrase and a word' '
    test_expect_equal "$(ids -d all.db -- 微软投资 OR altman)" "a1 a3 a5 a6 z1"
'
test_expect_success 'counts see only the checked passages' '
    printf "微软投资\n" | "$CJKSEARCH" -d all.db --json -n 2 --batch - >b.json &&
    "$PY" -c "import json; o = json.load(open(\"b.json\")); assert o[\"total\"] == 3, o; assert len(o[\"results\"]) == 2, o"
'
test_expect_success 'highlights point at the phrase in the passage' '
    "$CJKSEARCH" -d all.db --json -n 10 微软投资 >h.json &&
    grep "\"article_id\":\"a1\"" h.json | grep -q "\"highlights\":\[\[0,12\]\]"
'
test_expect_success 'two local shards: the same passages' '
    test_expect_equal "$(ids -d half1.db -d half2.db -- 微软投资)" "a1 a3 z1" &&
    test_expect_equal "$(ids -d half1.db -d half2.db -- 微软 -微软投资 | tr " " "\n" | grep -c "^n")" 30
'
# n* are shorter than a1, so BM25 alone puts them above it: only the
# check on the text (the exact-phrase bonus) puts a1 and z1 first.
test_expect_success '--match any ranks the exact phrase first' '
    "$CJKSEARCH" -d all.db --json -n 100 --match any 微软投资 >any.json &&
    "$PY" -c "import json, sys
ids = [json.loads(l)[\"article_id\"] for l in open(\"any.json\")]
assert len(ids) == 35, ids
first_n = min(i for i, a in enumerate(ids) if a.startswith(\"n\"))
assert ids.index(\"a1\") < first_n and ids.index(\"z1\") < first_n, ids"
'

if ! command -v xapian-tcpsrv >/dev/null 2>&1; then
    test_skip 'phrases through a xapian-tcpsrv shard' 'xapian-tcpsrv not installed'
    test_done
fi
start_shard half1.db; PORT=$SHARD_PORT
R="tcp:127.0.0.1:$PORT"
test_expect_success 'a xapian-tcpsrv shard: checked after the match, same passages' '
    test_expect_equal "$(ids -d "$R" -d half2.db -- 微软投资)" "a1 a3 z1" &&
    test_expect_equal "$(ids -d "$R" -d half2.db -- title:微软投资)" "a3" &&
    test_expect_equal "$(ids -d "$R" -d half2.db -- 微软 -微软投资 | tr " " "\n" | grep -c "^n")" 30 &&
    test_expect_equal "$(ids -d "$R" -d half2.db -- "\"sam altman\"~1")" "a6"
'
test_expect_success 'a xapian-tcpsrv shard: pages and counts as one database' '
    for n in 1 2 3 4; do
        ids -d all.db -n $n -- 微软投资 >w || exit 1
        ids -d "$R" -d half2.db -n $n -- 微软投资 >r || exit 1
        test_expect_equal "$(cat r)" "$(cat w)" || exit 1
    done &&
    printf "微软投资\n" | "$CJKSEARCH" -d "$R" -d half2.db --json -n 1 --batch - >b.json &&
    "$PY" -c "import json; o = json.load(open(\"b.json\")); assert o[\"total\"] == 3, o"
'
test_done
