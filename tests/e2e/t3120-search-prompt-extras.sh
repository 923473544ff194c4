#!/bin/sh
# 3120: :explain, :facets and :timeline at the prompt, driven through a
# pseudo-terminal (as t3100).
. "$(dirname "$0")/test-lib.sh"
DICT="$TEST_TOP/config/entities"
"$CJKINDEX" -q -d db --dict "$DICT" "$TEST_TOP/samples"

# prompt KEY...: the prompt on the test database, through a pty (test_pty)
prompt() {
    test_pty "$CJKSEARCH" -d db --dict "$DICT" --no-color -- "$@"
}

test_expect_success ':explain toggles the score components under each result' '
    prompt ":limit 2\\n" ":explain\\n" "纳德拉 11月19日\\n" \
        ":explain off\\n" "纳德拉\\n" ":quit\\n" >out &&
    grep -q "^explain: on" out &&
    test_expect_equal "$(grep -c "^   score [0-9.]* = .*entity 8.000" out)" 2 &&
    grep -q "^explain: off" out &&
    test_expect_equal "$(grep -c "^   score [0-9.]* =" out)" 2
'
test_expect_success ':explain with a last query still prints its Xapian query' '
    prompt "纳德拉\\n" ":explain\\n" ":quit\\n" >out &&
    grep -q "^explain: on" out &&
    grep -q "Query(.*Psatya-nadella" out
'
test_expect_success ':facets toggles the facets after the results' '
    prompt ":limit 1\\n" ":facets\\n" "纳德拉\\n" ":facets\\n" \
        "微软\\n" ":facets sideways\\n" ":quit\\n" >out &&
    grep -q "^facets: on" out &&
    test_expect_equal "$(grep -c "^Facets of [0-9]* matching passages" out)" 1 &&
    grep -q "^  people: .*Satya Nadella" out &&
    grep -q "^facets: off" out &&
    grep -q "usage: :facets \[on|off\]" out
'
test_expect_success ':timeline draws the chart for later queries' '
    prompt ":limit 1\\n" ":timeline day\\n" "微软\\n" \
        ":timeline off\\n" ":timeline weekly\\n" ":quit\\n" >out &&
    grep -q "^timeline: per day" out &&
    grep -q "^Matching passages per day (article date)" out &&
    grep -q "^2023-11-[0-9][0-9]  .*█" out &&
    grep -q "^timeline: off" out &&
    grep -q "usage: :timeline \[day|month|year|off\]" out
'
test_done
