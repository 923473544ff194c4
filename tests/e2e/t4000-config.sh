#!/bin/sh
# 4xxx: YAML config: -c, CJKNEWS_CONFIG, ./cjknews.yaml, errors with line:col.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"

test_expect_success 'an unknown key names the file, line and column; exit 2' '
    printf "index:\n  comit_every: 10\n" >bad.yaml &&
    test_expect_code 2 "$CJKINDEX" -c bad.yaml -d db "$C/clean/apple.txt" 2>err &&
    grep -q "bad.yaml:2:3: .*comit_every" err &&
    test ! -d db
'
test_expect_success 'a wrong type names the line and column' '
    printf "search:\n  limit: many\n" >bad2.yaml &&
    test_expect_code 2 "$CJKSEARCH" -c bad2.yaml -d db x 2>err &&
    grep -q "bad2.yaml:2:10: " err
'
test_expect_success 'invalid YAML names the line' '
    printf "index: [unclosed\n" >bad3.yaml &&
    test_expect_code 2 "$CJKINDEX" -c bad3.yaml --analyze x 2>err &&
    grep -q "bad3.yaml:[0-9]*:[0-9]*: " err
'
test_expect_success 'the shipped config/cjknews.yaml loads' '
    "$CJKINDEX" -c "$TEST_TOP/config/cjknews.yaml" --analyze 微软 >/dev/null
'
test_expect_success 'CJKNEWS_CONFIG and ./cjknews.yaml are found; database path from config' '
    printf "database: fromcfg.db\n" >cjknews.yaml &&
    "$CJKINDEX" -q "$C/clean/apple.txt" && test -d fromcfg.db &&
    printf "database: fromenv.db\n" >env.yaml &&
    CJKNEWS_CONFIG=env.yaml "$CJKINDEX" -q "$C/clean/apple.txt" && test -d fromenv.db &&
    rm cjknews.yaml
'
test_expect_success 'input.fields maps other field names' '
    printf "{\"guid\": \"x1\", \"headline\": \"标题\", \"content\": {\"text\": \"嵌套字段的正文\"}}\n" >other.jsonl &&
    printf "input:\n  fields:\n    id: guid\n    title: headline\n    body: content.text\n" >map.yaml &&
    "$CJKINDEX" -q -c map.yaml -d db7 other.jsonl &&
    "$CJKSEARCH" -d db7 --json 嵌套 | grep -q "\"article_id\":\"x1\""
'
test_expect_success 'an index keeps its folding setting; a different config is refused' '
    "$CJKINDEX" -q -d db8 "$C/clean/apple.txt" &&
    printf "index:\n  fold_traditional: false\n" >nofold.yaml &&
    test_expect_code 2 "$CJKINDEX" -c nofold.yaml -d db8 "$C/clean/apple.txt" 2>err &&
    grep -q "fold_traditional" err
'
# A commit bumps the database's revision; xapian-delve shows it.
revision() { xapian-delve "$1" | sed -n "s/^revision = //p"; }
if command -v xapian-delve >/dev/null 2>&1; then
test_expect_success 'index.commit_bytes commits after that much text, whichever comes first' '
    printf "index:\n  commit_every: 100000\n  commit_bytes: 0\n" >once.yaml &&
    printf "index:\n  commit_every: 100000\n  commit_bytes: 1\n" >bytes.yaml &&
    printf "index:\n  commit_every: 1\n  commit_bytes: 100000000\n" >articles.yaml &&
    "$CJKINDEX" -q -j1 -c once.yaml -d once.db "$TEST_TOP/samples/dump.jsonl" &&
    "$CJKINDEX" -q -j1 -c bytes.yaml -d bytes.db "$TEST_TOP/samples/dump.jsonl" &&
    "$CJKINDEX" -q -j1 -c articles.yaml -d articles.db "$TEST_TOP/samples/dump.jsonl" &&
    once=$(revision once.db) && bytes=$(revision bytes.db) && articles=$(revision articles.db) &&
    echo "revisions: once $once, bytes $bytes, articles $articles" &&
    test "$bytes" -ge $((once + 8)) && test "$articles" -eq "$bytes" &&
    "$CJKINDEX" -d once.db --stats >once.stats && "$CJKINDEX" -d bytes.db --stats >bytes.stats &&
    test_expect_equal_file once.stats bytes.stats
'
else
    test_skip 'index.commit_bytes' 'xapian-delve not installed'
fi
test_done
