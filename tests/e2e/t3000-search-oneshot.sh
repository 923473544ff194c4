#!/bin/sh
# 3000: one-shot cjksearch: cross-script matching, phrases, highlights,
# JSON output, exit codes.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
"$CJKINDEX" -q -d db "$C/clean/news.jsonl" "$C/clean/apple.txt"

ids() { "$CJKSEARCH" -d db --json -n 20 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sort -u | tr '\n' ' '; }

test_expect_success 'a traditional query finds simplified text (微軟 -> 微软)' '
    "$CJKSEARCH" -d db --json 微軟 >r.jsonl &&
    grep -q "\"article_id\":\"t1\"" r.jsonl &&
    grep -q "\"article_id\":\"t2\"" r.jsonl
'
test_expect_success 'a simplified query finds traditional text (股价 -> 股價)' '
    test_expect_equal "$(ids 股价)" "t2 "
'
test_expect_success 'full-width ＯｐｅｎＡＩ finds OpenAI' '
    test_expect_equal "$(ids ＯｐｅｎＡＩ)" "t1 t4 "
'
test_expect_success 'a two-character query finds the exact passage' '
    "$CJKSEARCH" -d db --json 晚间 >r.jsonl &&
    test_expect_equal "$(wc -l <r.jsonl)" 1 &&
    grep -q "\"passage_no\":1" r.jsonl
'
test_expect_success 'a CJK word is a phrase: 微软投资 does not match 微软 ... 投资 apart' '
    test_expect_equal "$(ids 微软投资)" "t4 "
'
test_expect_success 'several words are ANDed' '
    test_expect_equal "$(ids 微软 投资)" "t3 t4 "
'
test_expect_success '-word excludes' '
    test_expect_equal "$(ids 微软 -投资)" "t1 t2 "
'
test_expect_success 'a one-character query finds every passage holding it' '
    test_expect_equal "$(ids 晴)" "t5 " &&
    test_expect_equal "$(ids 軟)" "t1 t2 t3 t4 "
'
test_expect_success 'mixed Latin, digits and CJK: GPT-4模型, iPad团队, 11月19日, 378.87美元' '
    test_expect_equal "$(ids GPT-4模型)" "$C/clean/apple.txt " &&
    test_expect_equal "$(ids iPad团队)" "$C/clean/apple.txt " &&
    test_expect_equal "$(ids \"11月19日\")" "t1 " &&
    test_expect_equal "$(ids 378.87美元)" "t2 "
'
test_expect_success 'Japanese and Korean runs match inside longer runs' '
    test_expect_equal "$(ids マイクロソフト)" "t5 " &&
    test_expect_equal "$(ids 마이크로소프트)" "t6 "
'
test_expect_success 'no match prints nothing and exits 1' '
    test_expect_code 1 "$CJKSEARCH" -d db 不存在的词语 >out &&
    test_expect_equal "$(wc -c <out)" 0
'
test_expect_success 'a strict miss says why on stderr and names --match any' '
    test_expect_code 1 "$CJKSEARCH" -d db 微软今天宣布加入新的研究团队 >out 2>err &&
    test_expect_equal "$(wc -c <out)" 0 &&
    grep -q -- "--match any" err
'
test_expect_success '--match auto ranks a sentence-like question by its terms, and says so' '
    "$CJKSEARCH" -d db --match auto -n 1 微软今天宣布加入新的研究团队 >out &&
    grep -q "^(no passage holds every word as typed" out &&
    grep -q "^1\. 微软宣布新团队" out &&
    "$CJKSEARCH" -d db --match auto --json -n 1 微软今天宣布加入新的研究团队 | grep -q "\"match\":\"some\""
'
test_expect_success '--match auto keeps exact results when they exist' '
    "$CJKSEARCH" -d db --match auto --json 微软投资 >r.jsonl &&
    ! grep -q "\"match\":\"some\"" r.jsonl &&
    test_expect_equal "$(ids 微软投资)" "t4 "
'
test_expect_success '--match any still honours exclusions and filters' '
    "$CJKSEARCH" -d db --match any --json -n 20 微软宣布 -投资 "date:2023-11" >r.jsonl &&
    ! grep -q "\"article_id\":\"t4\"" r.jsonl &&
    ! grep -q "\"article_id\":\"t3\"" r.jsonl &&
    grep -q "\"article_id\":\"t1\"" r.jsonl
'
test_expect_success '--match rejects an unknown mode' '
    test_expect_code 2 "$CJKSEARCH" -d db --match some 微软 2>err &&
    grep -q "match wants all, any or auto" err
'
test_expect_success 'an unterminated quote is a query error (exit 2) naming the column' '
    test_expect_code 2 "$CJKSEARCH" -d db "微软 \"投资" 2>err &&
    grep -q "column 4: unterminated quote" err
'
test_expect_success 'JSON results carry the documented fields' '
    "$CJKSEARCH" -d db --json -n 1 纳德拉 >r.jsonl &&
    for f in rank score article_id title date source passage highlights; do
        grep -q "\"$f\":" r.jsonl || { echo "missing $f"; exit 1; }
    done
'
test_expect_success 'highlight offsets point at the original text, through folding' '
    "$CJKSEARCH" -d db --json 微软 >r.jsonl &&
    python3 -c "
import json,sys
seen = 0
for line in open(\"r.jsonl\"):
    r = json.loads(line)
    b = r[\"passage\"].encode()
    for s, e in r[\"highlights\"]:
        assert b[s:e].decode() in (\"微软\", \"微軟\"), b[s:e].decode()
        seen += 1
assert seen >= 4, seen
"
'
test_expect_success 'text output marks matches with [brackets] when not a terminal' '
    "$CJKSEARCH" -d db -n 1 纳德拉 >out &&
    grep -q "\[纳德拉\]" out &&
    grep -q "^1\. " out
'
test_expect_success 'at most search.per_article passages per article' '
    printf "search:\n  per_article: 1\n" >one.yaml &&
    "$CJKSEARCH" -c one.yaml -d db --json -n 20 微软 >r.jsonl &&
    test_expect_equal "$(grep -c "\"article_id\":\"t1\"" r.jsonl)" 1
'
test_done
