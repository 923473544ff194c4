#!/bin/sh
# 1200: traditional -> simplified folding follows the database (issue 3,
# requirement 5): on by default; index.fold_traditional: false in the
# config switches it off at index time, the database records it, and the
# searcher uses the database's setting whatever its own config says.
. "$(dirname "$0")/test-lib.sh"

ids() { db=$1; shift; "$CJKSEARCH" -d "$db" --json -n 50 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sort -u | tr '\n' ' ' | sed 's/ $//'; }

cat >fold.jsonl <<'JSONL'
{"id": "s1", "title": "简体", "body": "微软公司发布新产品。"}
{"id": "t1", "title": "繁體", "body": "微軟公司發布新產品。"}
JSONL
printf "index:\n  fold_traditional: false\n" >nofold.yaml
printf "index:\n  fold_traditional: true\n" >fold.yaml

test_expect_success 'default: folding on, 微軟 and 微软 find both' '
    "$CJKINDEX" -q -d on.db fold.jsonl &&
    test_expect_equal "$(ids on.db 微軟)" "s1 t1" &&
    test_expect_equal "$(ids on.db 微软)" "s1 t1"
'
test_expect_success 'folding off: 微軟 does not find 微软, and the reverse' '
    "$CJKINDEX" -q -c nofold.yaml -d off.db fold.jsonl &&
    test_expect_equal "$(ids off.db 微軟)" "t1" &&
    test_expect_equal "$(ids off.db 微软)" "s1" &&
    test_expect_equal "$(ids off.db 發布)" "t1"
'
test_expect_success 'the searcher follows the database, not its config (config says on)' '
    test_expect_equal "$(ids off.db -c fold.yaml 微軟)" "t1" &&
    test_expect_equal "$(CJKNEWS_CONFIG=fold.yaml ids off.db 微軟)" "t1"
'
test_expect_success 'the searcher follows the database, not its config (config says off)' '
    test_expect_equal "$(CJKNEWS_CONFIG=nofold.yaml ids on.db 微軟)" "s1 t1"
'
test_expect_success 'highlights with folding off point at the traditional text only' '
    "$CJKSEARCH" -d off.db --json 微軟 >r.jsonl &&
    python3 -c "
import json
n = 0
for line in open(\"r.jsonl\"):
    r = json.loads(line)
    b = r[\"passage\"].encode()
    for s, e in r[\"highlights\"]:
        assert b[s:e].decode() == \"微軟\", b[s:e]
        n += 1
assert n == 1, n
"
'
test_done
