#!/bin/sh
# 3300: the query side of people, companies and dates: person:, org:
# (an id or any alias, through cjksearch --dict), a word that is an alias
# finding its whole entity, date: typed in Chinese, Japanese, Korean and
# English forms matching article and mentioned dates.
. "$(dirname "$0")/test-lib.sh"
DICT="$TEST_TOP/config/entities"
"$CJKINDEX" -q -d db --dict "$DICT" "$TEST_TOP/samples"

# "article_id#passage" of every hit, sorted; "$@" is the query.
hits() { "$CJKSEARCH" -d db --no-pager --format tsv -n 500 "$@" | cut -f5,6 | tr '\t' '#' | sort -u | tr '\n' ' '; }
count() { "$CJKSEARCH" -d db --no-pager --format tsv -n 500 "$@" | wc -l; }

test_expect_success 'person: and org: take an id or any alias' '
    all=$(hits person:sam-altman) &&
    test -n "$all" &&
    test_expect_equal "$(hits --dict "$DICT" person:sam-altman)" "$all" &&
    test_expect_equal "$(hits --dict "$DICT" person:奥特曼)" "$all" &&
    test_expect_equal "$(hits --dict "$DICT" person:奧特曼)" "$all" &&
    test_expect_equal "$(hits --dict "$DICT" person:アルトマン)" "$all" &&
    test_expect_equal "$(hits --dict "$DICT" org:微軟)" "$(hits org:microsoft)" &&
    test "$(count org:microsoft)" -gt 0
'
test_expect_success 'an unknown or misplaced name is a query error naming the column' '
    test_expect_code 2 "$CJKSEARCH" -d db --dict "$DICT" "微软 person:谁谁谁" 2>err &&
    grep -q "column 4: person:谁谁谁: no such person in the entity dictionary" err &&
    test_expect_code 2 "$CJKSEARCH" -d db --dict "$DICT" org:sam-altman 2>err &&
    grep -q "is a person, not an org" err &&
    test_expect_code 2 "$CJKSEARCH" -d db person:奥特曼 2>err &&
    grep -q "needs the entity dictionary" err &&
    test_expect_code 2 "$CJKSEARCH" -d db --dict nowhere.yaml 微软 2>err &&
    grep -q "nowhere.yaml" err
'
test_expect_success '奥特曼 also finds the 阿尔特曼, Sam Altman and アルトマン passages' '
    "$CJKSEARCH" -d db --no-pager --format tsv -n 500 奥特曼 >plain &&
    "$CJKSEARCH" -d db --dict "$DICT" --no-pager --format tsv -n 500 奥特曼 >expanded &&
    test_expect_equal "$(grep -v 奥特曼 plain | grep -vc 奧特曼)" 0 &&
    grep 阿尔特曼 expanded | grep -q "zh-hans/2023-11-18-openai-board-fires-altman.txt" &&
    grep -q "Sam Altman" expanded &&
    grep アルトマン expanded | grep -v 奥特曼 | grep -q . &&
    grep 올트먼 expanded | grep -v 奥特曼 | grep -q . &&
    test "$(wc -l <expanded)" -gt "$(wc -l <plain)" &&
    # every article found without the dictionary is found with it (its
    # passages may be collapsed differently: compare articles)
    cut -f5 plain | sort -u >a-plain && cut -f5 expanded | sort -u >a-exp &&
    test_expect_equal "$(comm -23 a-plain a-exp)" ""
'
test_expect_success 'the other aliases are highlighted' '
    "$CJKSEARCH" -d db --dict "$DICT" --no-pager --no-color -n 500 奥特曼 >text &&
    grep -q "\[アルトマン\]" text && grep -q "\[Sam Altman\]" text
'
test_expect_success 'a quoted alias is not expanded' '
    test_expect_equal "$(hits --dict "$DICT" "\"奥特曼\"")" "$(hits "\"奥特曼\"")"
'
test_expect_success 'date: in Chinese, Japanese, Korean and English forms' '
    day=$(hits date:2023-11-19) &&
    test -n "$day" &&
    test_expect_equal "$(hits date:2023年11月19日)" "$day" &&
    test_expect_equal "$(hits date:令和5年11月19日)" "$day" &&
    test_expect_equal "$(hits "date:\"2023년 11월 19일\"")" "$day" &&
    test_expect_equal "$(hits "date:\"November 19, 2023\"")" "$day" &&
    test_expect_equal "$(hits date:2023年11月17日..2023年11月20日)" "$(hits date:2023-11-17..2023-11-20)" &&
    test_expect_code 2 "$CJKSEARCH" -d db date:11月19日 2>err &&
    grep -q "wants a date" err
'
test_expect_success 'date: also matches a date the passage mentions' '
    # an article dated 2023-11-21 saying 11月19日 is found by date:2023-11-19
    "$CJKSEARCH" -d db --no-pager --format tsv -n 500 date:2023-11-19 | cut -f3 | sort -u >dates &&
    grep -qv "^2023-11-19$" dates &&
    test "$(count date:2023-11-19)" -gt "$(count --since 2023-11-19 --until 2023-11-19 x OR -x)"
'
test_expect_success 'person: and a word together; --match any ranks the entity first' '
    test "$(count --dict "$DICT" person:奥特曼 微软)" -gt 0 &&
    "$CJKSEARCH" -d db --dict "$DICT" --match any --no-pager --format tsv -n 1 奥特曼 >top &&
    grep -Eq "奥特曼|奧特曼|阿尔特曼|阿爾特曼|Altman|アルトマン|올트먼" top
'
test_done
