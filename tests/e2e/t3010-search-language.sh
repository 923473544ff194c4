#!/bin/sh
# 3010: the query language (OR, NOT, parentheses, field filters, date
# ranges, proximity), --sort, --since/--until, --format tsv, snippets and
# syntax errors with a caret.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
"$CJKINDEX" -q -d db "$C/clean/news.jsonl"

ids() { "$CJKSEARCH" -d db --json -n 20 "$@" | sed 's/.*"article_id":"\([^"]*\)".*/\1/' | sort -u | tr '\n' ' '; }

test_expect_success 'OR, parentheses and -word' '
    test_expect_equal "$(ids 微软 OR 東京)" "t1 t2 t3 t4 t5 " &&
    test_expect_equal "$(ids "(微软 OR 東京) -投资")" "t1 t2 t5 " &&
    test_expect_equal "$(ids 微软 NOT 投资)" "t1 t2 "
'
test_expect_success 'title:, source: (ASCII case-folded) and lang:' '
    test_expect_equal "$(ids title:微软)" "t1 t2 t4 " &&
    test_expect_equal "$(ids source:测试日报)" "t1 t3 t4 " &&
    test_expect_equal "$(ids source:TEST-DAILY)" "t7 " &&
    test_expect_equal "$(ids lang:zh-hant)" "t2 "
'
test_expect_success 'date: at day, month and year, and ranges' '
    test_expect_equal "$(ids date:2023-11-20)" "t1 " &&
    test_expect_equal "$(ids 微软 date:2023-01)" "t4 " &&
    # t1 (dated 2023-11-20) mentions 11月19日: date: also matches the
    # dates a passage mentions (docs/searching.md)
    test_expect_equal "$(ids date:..2023-11-19)" "t1 t4 t5 t6 t7 " &&
    test_expect_equal "$(ids date:2023-11-21..)" "t2 t3 " &&
    test_expect_equal "$(ids date:2023-11-18..2023-11-19)" "t1 t5 t6 " &&
    test_expect_equal "$(ids date:..2022)" ""
'
test_expect_success '"phrase"~N finds words within N positions' '
    test_expect_equal "$(ids "\"微软 纳德拉\"")" "" &&
    test_expect_equal "$(ids "\"微软 纳德拉\"~3")" "t1 "
'
test_expect_success '--since and --until' '
    test_expect_equal "$(ids --since 2023-11-21 微软)" "t2 t3 " &&
    test_expect_equal "$(ids --until 2023-11 --since 2023-02 微软)" "t1 t2 t3 " &&
    test_expect_code 2 "$CJKSEARCH" -d db --since yesterday 微软 2>err &&
    grep -q "since wants YYYY" err
'
test_expect_success '--sort date puts the newest first; --format tsv' '
    "$CJKSEARCH" -d db --sort date --format tsv 微软 >out &&
    test_expect_equal "$(cut -f3 out | tr "\n" " ")" "2023-11-22 2023-11-21 2023-11-20 2023-11-20 2023-01-23 " &&
    test_expect_equal "$(head -n1 out | awk -F"\t" "{print NF}")" 8 &&
    test_expect_code 2 "$CJKSEARCH" -d db --sort size 微软 &&
    test_expect_code 2 "$CJKSEARCH" -d db --format xml 微软
'
test_expect_success '--json is --format json' '
    "$CJKSEARCH" -d db --json 微软 >a &&
    "$CJKSEARCH" -d db --format json 微软 >b &&
    test_expect_equal_file a b
'
test_expect_success 'a syntax error: exit 2, the column, the query and a caret under it' '
    test_expect_code 2 "$CJKSEARCH" -d db "微软 (投资" 2>err &&
    grep -q "column 4: .(. is never closed" err &&
    test_expect_equal "$(sed -n 3p err)" "       ^" &&
    test_expect_code 2 "$CJKSEARCH" -d db "date:2023-13" 2>err &&
    grep -q "column 6: date:2023-13" err
'
test_expect_success 'deep nesting is an error, not a crash' '
    q=$(printf "%0300d" 0 | tr 0 "(") &&
    test_expect_code 2 "$CJKSEARCH" -d db "${q}a" 2>err &&
    grep -q "nested too deep" err
'
test_expect_success 'text output shows a snippet of a long passage, cut at characters' '
    python3 -c "
import json
body = \"天气晴朗，\" * 30 + \"关键词出现在这里，\" + \"天气晴朗，\" * 30
print(json.dumps({\"id\": \"long\", \"title\": \"长文\", \"body\": body, \"date\": \"2023-12-01\"}, ensure_ascii=False))
" >long.jsonl &&
    "$CJKINDEX" -q -d db2 long.jsonl &&
    "$CJKSEARCH" -d db2 -n 1 关键词 >out &&
    sed -n 2p out >snip &&
    grep -q "^   ….*\[关键词\].*…$" snip &&
    python3 -c "
import unicodedata,sys
s = open(\"snip\", encoding=\"utf-8\").read().rstrip(\"\n\")[3:]
s = s.replace(\"[\", \"\").replace(\"]\", \"\").strip(\"…\")
w = sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in s)
assert 150 <= w <= 160, w
" &&
    "$CJKSEARCH" -d db2 --json -n 1 关键词 >out.json &&
    python3 -c "
import json
r = json.loads(open(\"out.json\").readline())
assert len(r[\"passage\"]) > 150, len(r[\"passage\"])
"
'
cat >pty-run.py <<'PY'
import os, pty, sys, select
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    r, _, _ = select.select([fd], [], [], 5)
    if not r:
        break
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
mkdir -p fakebin
printf '#!/bin/sh\necho "PAGER $*"\ncat\n' >fakebin/less
chmod +x fakebin/less
test_expect_success 'on a terminal, text output is paged through less -R' '
    PATH="$PWD/fakebin:$PATH" python3 pty-run.py "$CJKSEARCH" -d db 微软 >out &&
    grep -q "PAGER -R" out &&
    grep -q "微软" out
'
test_expect_success 'no pager for --json, --no-pager, or when not a terminal' '
    PATH="$PWD/fakebin:$PATH" python3 pty-run.py "$CJKSEARCH" -d db --json 微软 >out &&
    ! grep -q "PAGER" out &&
    PATH="$PWD/fakebin:$PATH" python3 pty-run.py "$CJKSEARCH" -d db --no-pager 微软 >out &&
    ! grep -q "PAGER" out &&
    PATH="$PWD/fakebin:$PATH" "$CJKSEARCH" -d db 微软 >out &&
    ! grep -q "PAGER" out
'
test_expect_success 'colour on a terminal, never with NO_COLOR' '
    python3 pty-run.py "$CJKSEARCH" -d db --no-pager 纳德拉 >out &&
    grep -q "$(printf "\033")\[1;31m" out &&
    NO_COLOR=1 python3 pty-run.py "$CJKSEARCH" -d db --no-pager 纳德拉 >out &&
    ! grep -q "$(printf "\033")\[1;31m" out &&
    grep -q "\[纳德拉\]" out
'
test_done
