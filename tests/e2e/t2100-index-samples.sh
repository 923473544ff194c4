#!/bin/sh
# 2100: the bundled samples: every file in every encoding is indexed, and
# searches cross scripts (traditional <-> simplified) and encodings.
. "$(dirname "$0")/test-lib.sh"
S="$SAMPLES"

ids() { "$CJKSEARCH" -d db --json -n 50 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sed 's|.*/||' | sort -u | tr '\n' ' '; }

test_expect_success 'all sample articles index with nothing rejected' '
    "$CJKINDEX" -d db "$S/articles" "$S/dump.jsonl" 2>err &&
    n_files=$(find "$S/articles" -name "*.txt" | wc -l) &&
    n_dump=$(grep -c . "$S/dump.jsonl") &&
    grep -q "indexed $((n_files + n_dump)) articles" err &&
    grep -q "rejected 0" err &&
    ! grep -q "U+FFFD" err
'
test_expect_success 'GBK, Big5, Shift_JIS and EUC-KR files are decoded and searchable' '
    test_expect_equal "$(ids 寒潮)" "2023-11-18-beijing-cold-wave.gbk.txt " &&
    ids 台北 | grep -q "taipei-cold-weather.big5.txt" &&
    ids 東京 | grep -q "tokyo-cold-morning.sjis.txt" &&
    ids 첫눈 | grep -q "seoul-first-snow.euckr.txt"
'
test_expect_success '微軟 (traditional) finds passages written 微软, and 纳德拉 finds 納德拉' '
    ids 微軟 | grep -q "zh-hans\|nadella-altman-joins-microsoft.gbk.txt" &&
    "$CJKSEARCH" -d db --json -n 50 微軟 | grep -q "微软" &&
    "$CJKSEARCH" -d db --json -n 50 纳德拉 | grep -q "納德拉"
'
test_expect_success 'ＯｐｅｎＡＩ (full-width) finds OpenAI' '
    "$CJKSEARCH" -d db -n 1 ＯｐｅｎＡＩ | grep -q "\[OpenAI\]"
'
test_expect_success 'the phrase 微软投资 finds only text holding it' '
    "$CJKSEARCH" -d db --json -n 50 微软投资 >r.jsonl &&
    python3 -c "
import json
for l in open(\"r.jsonl\"):
    r = json.loads(l)
    assert \"微软投资\" in r[\"passage\"] or \"微软投资\" in r[\"title\"] or \"微軟投資\" in r[\"passage\"], r
"
'
test_expect_success 'a text file named YYYY-MM-DD-... gets that date' '
    "$CJKSEARCH" -d db --json -n 1 寒潮 | grep -q "\"date\":\"2023-11-18\""
'
test_expect_success 'the demo queries all run' '
    while IFS= read -r q; do
        "$CJKSEARCH" -d db -n 1 "$q" >/dev/null || { echo "no result: $q"; exit 1; }
    done <"$S/queries.txt"
'
test_done
