#!/bin/sh
# 3100: the interactive prompt, driven through a pseudo-terminal.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
"$CJKINDEX" -q -d db "$C/clean/news.jsonl"

cat >drive.py <<'PY'
import os, pty, sys, time, select
def run(argv, keys):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    out = b""
    def read_for(sec):
        nonlocal out
        end = time.time() + sec
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.1)
            if r:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                out += data
        return True
    read_for(1.0)
    for k in keys:
        os.write(fd, k)
        read_for(1.0)
    read_for(1.0)
    _, status = os.waitpid(pid, 0)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)
keys = [k.encode() for k in sys.argv[2:]]
text, code = run([sys.argv[1], "-d", "db", "--no-color"], [k.replace(b"\\n", b"\n").replace(b"^D", b"\x04").replace(b"^C", b"\x03") for k in keys])
sys.stdout.write(text)
sys.exit(code)
PY

test_expect_success 'the prompt answers a CJK query, :help, :limit, :quit' '
    python3 drive.py "$CJKSEARCH" "微軟\\n" ":help\\n" ":limit 1\\n" "纳德拉\\n" ":quit\\n" >out &&
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
    python3 drive.py "$CJKSEARCH" "东京天气" "^C" "纳德拉\\n" ":quit\\n" >out &&
    grep -q "\^C" out &&
    grep -q "\[纳德拉\]" out &&
    ! grep -q "东京天气.*no match" out
'
test_expect_success ':sort date, :more pages on, :explain and :db' '
    python3 drive.py "$CJKSEARCH" ":limit 2\\n" ":sort date\\n" "微软\\n" ":more\\n" \
        ":explain\\n" ":explain title:东京\\n" ":db\\n" ":sort sideways\\n" ":quit\\n" >out &&
    grep -q "(1-2 of about" out &&
    grep -q "(3-4 of about" out &&
    grep -q "Query(" out &&
    grep -q "S东京" out &&
    grep -q "database 1: db" out &&
    grep -q "usage: :sort date|relevance" out
'
test_expect_success 'a syntax error at the prompt shows a caret' '
    python3 drive.py "$CJKSEARCH" "(微软\\n" ":quit\\n" >out &&
    grep -q "never closed" out &&
    grep -q "^  \^" out
'
test_expect_success 'Ctrl-D quits with status 0' '
    python3 drive.py "$CJKSEARCH" "^D" >out
'
test_done
