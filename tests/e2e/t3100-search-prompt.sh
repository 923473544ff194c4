#!/bin/sh
# 3100: the interactive prompt, driven through a pseudo-terminal.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
"$CJKINDEX" -q -d db "$C/clean/news.jsonl"

# prompt KEY...: the prompt on the test database, through a pty (test_pty)
prompt() {
    test_pty "$CJKSEARCH" -d db --no-color -- "$@"
}

test_expect_success 'the prompt answers a CJK query, :help, :limit, :quit' '
    prompt "微軟\\n" ":help\\n" ":limit 1\\n" "纳德拉\\n" ":quit\\n" >out &&
    grep -q "cjk> " out &&
    grep -q "\[微软\]" out &&
    grep -q ":limit N" out &&
    grep -q "(1-1 of about" out
'
test_expect_success 'history is saved in the XDG state directory' '
    test -s "$XDG_STATE_HOME/cjknews/history" &&
    grep -q "纳德拉" "$XDG_STATE_HOME/cjknews/history"
'
test_expect_success 'Ctrl-C cancels the line being typed, not the program' '
    prompt "东京天气" "^C" "纳德拉\\n" ":quit\\n" >out &&
    grep -q "\^C" out &&
    grep -q "\[纳德拉\]" out &&
    ! grep -q "东京天气.*no match" out
'
test_expect_success ':sort date, :more pages on, :explain and :db' '
    prompt ":limit 2\\n" ":sort date\\n" "微软\\n" ":more\\n" \
        ":explain\\n" ":explain title:东京\\n" ":db\\n" ":sort sideways\\n" ":quit\\n" >out &&
    grep -q "(1-2 of about" out &&
    grep -q "(3-4 of about" out &&
    grep -q "Query(" out &&
    grep -q "S东京" out &&
    grep -q "database 1: db" out &&
    grep -q "usage: :sort date|relevance" out
'
test_expect_success 'a syntax error at the prompt shows a caret' '
    prompt "(微软\\n" ":quit\\n" >out &&
    grep -q "never closed" out &&
    grep -q "^  \^" out
'
test_expect_success 'Ctrl-D quits with status 0' '
    prompt "^D" >out
'
test_done
