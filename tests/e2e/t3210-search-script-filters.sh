#!/bin/sh
# 3210: scripted mode's JSON "filters": every filter of the query language
# (date, since, until, source, lang, title, person, org), and an error
# object naming the line and the reason for an unknown key or a bad value,
# the batch going on.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
DICT="$TEST_TOP/config/entities"
"$CJKINDEX" -q -d db --dict "$DICT" "$C/clean/news.jsonl"

# One line per answer: the sorted article ids, or "error L: reason".
answers() {
    "$CJKSEARCH" -d db --dict "$DICT" --json -n 50 --batch "$1" | python3 -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if "error" in o:
        print("error %s: %s" % (o.get("line"), o["error"]))
    else:
        print(" ".join(sorted(set(r["article_id"] for r in o["results"]))) or "-")'
}

# Each filter against the same query without it: the filter must remove
# something, and keep what it should.
test_expect_success 'person: an alias through the dictionary, as person: in queries' '
    printf "%s\n" "{\"q\": \"宣布\"}" "{\"q\": \"宣布\", \"filters\": {\"person\": \"纳德拉\"}}" \
        "{\"q\": \"宣布\", \"filters\": {\"person\": \"satya-nadella\"}}" >q &&
    answers q >out &&
    test_expect_equal "$(cat out)" "t1 t3
t1
t1" &&
    test_expect_equal "$("$CJKSEARCH" -d db --dict "$DICT" --format tsv 宣布 person:纳德拉 | cut -f5 | sort -u)" t1
'
test_expect_success 'org: an alias or an id' '
    printf "%s\n" "{\"q\": \"微软\"}" "{\"q\": \"微软\", \"filters\": {\"org\": \"OpenAI\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"org\": \"microsoft\"}}" >q &&
    answers q >out &&
    test_expect_equal "$(cat out)" "t1 t2 t3 t4 t5 t6
t1 t4
t1 t2 t3 t4 t5 t6"
'
test_expect_success 'title: words in the article title' '
    printf "%s\n" "{\"q\": \"微软\", \"filters\": {\"title\": \"投资\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"title\": \"投資者\"}}" >q &&
    answers q >out &&
    test_expect_equal "$(cat out)" "t3 t4
t3"
'
test_expect_success 'since, until (any date form), date: the article date' '
    printf "%s\n" "{\"q\": \"微软\", \"filters\": {\"since\": \"2023-11-21\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"until\": \"2023年11月20日\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"since\": \"2023-11-19\", \"until\": \"2023-11-21\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"date\": \"2023-11\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"date\": \"2023-01..2023-11-19\"}}" >q &&
    answers q >out &&
    test_expect_equal "$(cat out)" "t2 t3
t1 t4 t5 t6
t1 t2 t6
t1 t2 t3 t5 t6
t4 t5 t6"
'
test_expect_success 'source and lang' '
    printf "%s\n" "{\"q\": \"微软\", \"filters\": {\"source\": \"测试日报\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"lang\": \"zh-hant\"}}" \
        "{\"q\": \"微软\", \"filters\": {\"lang\": \"ja\", \"source\": \"テスト新聞\"}}" >q &&
    answers q >out &&
    test_expect_equal "$(cat out)" "t1 t3 t4
t2
t5"
'
test_expect_success 'a filter overrides the command line for its line only' '
    printf "%s\n" "{\"q\": \"微软\", \"filters\": {\"since\": \"2023-01-01\"}}" "微软" >q &&
    "$CJKSEARCH" -d db --dict "$DICT" --json -n 50 --since 2023-11-21 --batch q >out &&
    python3 -c "
import json
r = [sorted(set(x[\"article_id\"] for x in json.loads(l)[\"results\"])) for l in open(\"out\")]
assert r == [[\"t1\", \"t2\", \"t3\", \"t4\", \"t5\", \"t6\"], [\"t2\", \"t3\"]], r
"
'
test_expect_success 'unknown keys and bad values: an error naming the line, the batch goes on' '
    cat >q <<-\JSON &&
	{"q": "微软", "filters": {"colour": "red"}}
	{"q": "微软", "filters": {"person": "谁谁谁"}}
	{"q": "微软", "filters": {"org": "纳德拉"}}

	{"q": "微软", "filters": {"since": "2023..2024"}}
	{"q": "微软", "filters": {"until": "昨天"}}
	{"q": "微软", "filters": {"date": "last week"}}
	{"q": "微软", "filters": {"lang": 5}}
	{"q": "微软", "filters": {"title": ""}}
	{"q": "微软", "filters": ["date", "2023"]}
	{"q": "微软", "filters": {"lang": "zh-Hant"}}
	JSON
    answers q >out &&
    sed "s/^/# /" out &&
    test_expect_equal "$(wc -l <out)" 10 &&
    sed -n 1p out | grep -q "^error 1: unknown filter \"colour\" (known: date, since, until, source, lang, title, person, org)$" &&
    sed -n 2p out | grep -q "^error 2: person:谁谁谁: no such person in the entity dictionary$" &&
    sed -n 3p out | grep -q "^error 3: org:纳德拉: .satya-nadella. is a person, not an org$" &&
    sed -n 4p out | grep -q "^error 5: filter \"since\" wants one date" &&
    sed -n 5p out | grep -q "^error 6: filter \"until\" wants one date" &&
    sed -n 6p out | grep -q "^error 7: date filter .last week.: " &&
    sed -n 7p out | grep -q "^error 8: filter \"lang\" wants a non-empty string$" &&
    sed -n 8p out | grep -q "^error 9: filter \"title\" wants a non-empty string$" &&
    sed -n 9p out | grep -q "^error 10: \"filters\" must be an object$" &&
    test_expect_equal "$(sed -n 10p out)" t2
'
test_expect_success 'without --dict, person: takes an id only, and says so' '
    printf "%s\n" "{\"q\": \"宣布\", \"filters\": {\"person\": \"satya-nadella\"}}" \
        "{\"q\": \"宣布\", \"filters\": {\"person\": \"纳德拉\"}}" >q &&
    "$CJKSEARCH" -d db --json --batch q >out &&
    sed -n 1p out | grep -q "\"article_id\":\"t1\"" &&
    sed -n 2p out | grep -q "\"error\":\"person:纳德拉: a name needs the entity dictionary.*\"line\":2}"
'
test_done
