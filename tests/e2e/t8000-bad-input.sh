#!/bin/sh
# 8xxx: robustness: garbage, truncation, empty files, huge lines, bad paths.
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'garbage bytes as a text file do not crash and are indexed' '
    head -c 20000 /dev/urandom >garbage.txt &&
    "$CJKINDEX" -q -d db garbage.txt 2>err || test $? -eq 1
'
test_expect_success 'a truncated JSON Lines file: the complete lines are indexed' '
    printf "{\"id\":\"a\",\"title\":\"完整\",\"body\":\"完整的一行\"}\n{\"id\":\"b\",\"title\":\"截断" >trunc.jsonl &&
    test_expect_code 1 "$CJKINDEX" -d db2 trunc.jsonl 2>err &&
    grep -q "trunc.jsonl:2:" err &&
    grep -q "indexed 1 article" err
'
test_expect_success 'an empty file is reported, not silently skipped' '
    : >empty.txt &&
    test_expect_code 1 "$CJKINDEX" -d db3 empty.txt 2>err &&
    grep -q "empty.txt: empty article" err
'
test_expect_success 'a huge single line (4 MB) is indexed in bounded passages' '
    python3 -c "print(\"长\" + \"文本测试。\" * 800000)" >huge.txt &&
    "$CJKINDEX" -d db4 huge.txt 2>err &&
    grep -q "indexed 1 article" err &&
    "$CJKSEARCH" -d db4 -n 1 --json 文本测试 | grep -q "\"passage\""
'
test_expect_success 'an unwritable database path is a clear error' '
    test_expect_code 3 "$CJKINDEX" -d /proc/no/such/db "$TEST_TOP/tests/corpora/clean/apple.txt" 2>err &&
    grep -q "cannot open database ./proc/no/such/db." err
'
test_expect_success 'a directory that is not a database is refused by the searcher' '
    mkdir notadb &&
    test_must_fail "$CJKSEARCH" -d notadb 微软 2>err &&
    grep -q "notadb" err
'
test_expect_success 'a truncated index file gives an error, not a crash' '
    "$CJKINDEX" -q -d db5 "$TEST_TOP/tests/corpora/clean/news.jsonl" &&
    for f in db5/postlist.glass; do : >"$f"; done &&
    test_must_fail "$CJKSEARCH" -d db5 微软 2>err &&
    test -s err
'
test_done
