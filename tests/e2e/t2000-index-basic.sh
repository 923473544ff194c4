#!/bin/sh
# 2xxx: cjkindex on JSON Lines and plain text, re-runs, deletes, summaries.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"

test_expect_success 'indexes a JSON Lines dump and a text file, with a summary' '
    "$CJKINDEX" -d db "$C/clean/news.jsonl" "$C/clean/apple.txt" 2>err &&
    grep -q "indexed 8 articles (0 replaced)" err &&
    grep -q "from 2 files; rejected 0" err
'
test_expect_success 'articles are split into passages (paragraphs)' '
    "$CJKINDEX" --dump-passages "$C/clean/news.jsonl" >p.jsonl 2>/dev/null &&
    test_expect_equal "$(grep -c "\"article_id\":\"t1\"" p.jsonl)" 2 &&
    grep -q "\"passage_no\":1" p.jsonl
'
test_expect_success 're-indexing the same input replaces, never duplicates' '
    "$CJKINDEX" -d db "$C/clean/news.jsonl" 2>err &&
    grep -q "indexed 7 articles (7 replaced)" err &&
    "$CJKSEARCH" -d db --json -n 50 微软 >r.jsonl &&
    test_expect_equal "$(cut -d, -f3,4 r.jsonl | sort | uniq -d | wc -l)" 0
'
test_expect_success 'a text file: first line is the title, the path is the id' '
    "$CJKSEARCH" -d db --json iPad团队 >r.jsonl &&
    grep -q "\"title\":\"苹果发布新款iPad\"" r.jsonl &&
    grep -q "apple.txt" r.jsonl
'
test_expect_success '--delete removes an article; a missing id exits 1' '
    "$CJKINDEX" -d db --delete t4 &&
    test_expect_code 1 "$CJKSEARCH" -d db 微软投资 >out &&
    test_expect_code 1 "$CJKINDEX" -d db --delete t4 2>err &&
    grep -q "no article with id .t4." err
'
test_expect_success 'malformed records are reported with file:line:col, the rest indexed' '
    test_expect_code 1 "$CJKINDEX" -d db2 "$C/broken/mixed.jsonl" 2>err &&
    grep -q "mixed.jsonl:2:[0-9]*: malformed JSON" err &&
    grep -q "mixed.jsonl:3:1: record is not a JSON object" err &&
    grep -q "mixed.jsonl:4:1: field .body. is not a string" err &&
    grep -q "mixed.jsonl:5:1: no text" err &&
    grep -q "indexed 2 articles" err &&
    grep -q "rejected 4" err &&
    "$CJKSEARCH" -d db2 -n 5 --json 记录 >r.jsonl &&
    test_expect_equal "$(wc -l <r.jsonl)" 2
'
test_expect_success 'bad bytes become U+FFFD, are counted, and the record is kept' '
    "$CJKINDEX" -d db3 "$C/broken/badbytes.jsonl" 2>err &&
    grep -q "badbytes.jsonl:1: warning: 3 invalid byte" err &&
    "$CJKSEARCH" -d db3 --json 中文 | grep -q "中文\\\\ufffd\\|中文�"
'
test_expect_success 'a missing input file is reported and the others are indexed' '
    test_expect_code 1 "$CJKINDEX" -d db4 no-such-file.jsonl "$C/clean/apple.txt" 2>err &&
    grep -q "no-such-file.jsonl: cannot open: No such file or directory" err &&
    grep -q "indexed 1 article" err
'
test_expect_success 'JSON Lines from standard input with -' '
    head -n 2 "$C/clean/news.jsonl" | "$CJKINDEX" -d db5 - 2>err &&
    grep -q "indexed 2 articles" err
'
test_expect_success '--analyze prints terms with positions and byte offsets' '
    "$CJKINDEX" --analyze "微軟投資" >out &&
    grep -q "^   0  微软 .*0-6 .*微軟" out &&
    grep -q "^   3  资 .*9-12 .*資" out &&
    "$CJKINDEX" --analyze --json "ＯｐｅｎＡＩ" >out.json &&
    grep -q "\"term\":\"openai\",\"start\":0,\"end\":18" out.json
'
test_expect_success 'a second writer gets "locked" and exit 75; the first loses nothing' '
    mkfifo fifo
    ( "$CJKINDEX" -d db6 - <fifo 2>err1; echo $? >rc1 ) &
    exec 9>fifo
    sleep 1 &&
    test_expect_code 75 "$CJKINDEX" -d db6 "$C/clean/apple.txt" 2>err2 &&
    grep -qi "lock" err2 &&
    head -n 1 "$C/clean/news.jsonl" >&9 && exec 9>&- && wait &&
    test_expect_equal "$(cat rc1)" 0 &&
    grep -q "indexed 1 article" err1
'
test_done
