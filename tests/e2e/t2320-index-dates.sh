#!/bin/sh
# 2300: dates in passages: cjkindex --analyze shows what entities/dates.c
# finds; the DM terms themselves are checked by tests/unit/t-index-dates.c.
. "$(dirname "$0")/test-lib.sh"

test_expect_success '--analyze lists full dates in every script' '
    "$CJKINDEX" --analyze "2023年11月19日 令和5年11月19日 2023년 11월 19일 November 19, 2023" >out &&
    test_expect_equal "$(grep -c "^date .*2023-11-19\.\.2023-11-19  day  explicit" out)" 4
'
test_expect_success '--analyze --date resolves partial and relative dates' '
    "$CJKINDEX" --analyze --date 2023-11-21 "11月19日，当天；上周三" >out &&
    grep -q "^date  11月19日  0-10  2023-11-19\.\.2023-11-19  day  inferred" out &&
    grep -q "^date  当天 .* 2023-11-19\.\.2023-11-19  day  relative" out &&
    grep -q "^date  上周三 .* 2023-11-15\.\.2023-11-15  day  relative" out
'
test_expect_success 'without --date, partial dates are not guessed' '
    "$CJKINDEX" --analyze "11月19日" >out &&
    test_expect_equal "$(grep -c "^date" out)" 0
'
test_expect_success '--analyze --json gives ranges with their precision' '
    "$CJKINDEX" --analyze --json "2016年至2020年" >out.json &&
    grep -q "\"date\":\"2016年至2020年\",\"start\":0,\"end\":17,\"from\":\"2016-01-01\",\"to\":\"2020-12-31\",\"precision\":\"year\",\"how\":\"explicit\",\"range\":true" out.json
'
test_expect_success 'a bad --date is a usage error' '
    test_expect_code 2 "$CJKINDEX" --analyze --date 2023-02-30 x 2>err &&
    grep -q "wants YYYY-MM-DD" err
'
test_done
