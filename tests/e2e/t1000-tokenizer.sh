#!/bin/sh
# 1000: the tokenizer end to end on mixed text (issue 3, requirement 2):
# each string of docs/tokenizer.md's "Mixed text" table, indexed by the
# real cjkindex and copied as a cjksearch query, finds its passage and
# only it (near misses such as GPT-3模型 or 11月20日 are not found).
# The fixture tests/corpora/tokenizer/mixed.jsonl is our own text.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora/tokenizer"

ids() { "$CJKSEARCH" -d db --json -n 50 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

test_expect_success 'the mixed-text fixture indexes' '
    "$CJKINDEX" -q -d db "$C/mixed.jsonl"
'
while IFS='	' read -r query want; do
    case $query in ''|'#'*) continue ;; esac
    test_expect_success "query $query finds ${want:-nothing} and nothing else" "
        test_expect_equal \"\$(ids '$query')\" '$want'
    "
done <<'CASES'
# query	expected article ids (space separated, sorted)
GPT-4模型	m01
iPad团队	m02
2.81万亿美元	m03
378.87美元	m04
1,500亿	m05
11月19日	m06
A股	m07
x86	m08
COVID-19	m09
C++	m10
Twitch的联合创始人	m11
X(原Twitter)	m12
マイクロソフト社	m13
마이크로소프트가	m14
OpenAI공동창업자	m15
ＧＰＴ－４模型	m01
ipad團隊	m02
covid-19	m09
# a word of none of them finds nothing
马斯克	
CASES
test_expect_success 'near misses are indexed and found by their own strings' '
    test_expect_equal "$(ids GPT-3模型)" "n01" &&
    test_expect_equal "$(ids 11月20日)" "n04" &&
    test_expect_equal "$(ids B股)" "n03"
'
test_expect_success 'a shorter query finds the longer strings: 联合创始人, マイクロソフト, OpenAI' '
    test_expect_equal "$(ids 联合创始人)" "m11 n07" &&
    test_expect_equal "$(ids マイクロソフト)" "m13 n08" &&
    test_expect_equal "$(ids OpenAI)" "m15"
'
test_expect_success 'a one-character query finds every passage holding it (微 inside a run)' '
    printf "{\"id\": \"w1\", \"title\": \"x\", \"body\": \"轻微的变化\"}\n{\"id\": \"w2\", \"title\": \"y\", \"body\": \"微软\"}\n{\"id\": \"w3\", \"title\": \"z\", \"body\": \"稍微\"}\n" >w.jsonl &&
    "$CJKINDEX" -q -d w.db w.jsonl &&
    test_expect_equal "$("$CJKSEARCH" -d w.db --json -n 10 微 | wc -l)" 3
'
test_expect_success 'a one-character query finds every passage, however many terms start with it' '
    python3 -c "
import json
for i in range(210):
    print(json.dumps({\"id\": \"r%03d\" % i, \"title\": \"t\", \"body\": \"一的\" + chr(0xAC00 + i)}))
" >many.jsonl &&
    "$CJKINDEX" -q -d many.db many.jsonl &&
    test_expect_equal "$("$CJKSEARCH" -d many.db --json -n 500 的 | wc -l)" 210 &&
    test_expect_equal "$("$CJKSEARCH" -d many.db --json -n 500 一的 | wc -l)" 210
'
test_done
