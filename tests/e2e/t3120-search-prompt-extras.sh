#!/bin/sh
# 3120: :explain, :facets and :timeline at the prompt, driven through a
# pseudo-terminal (as t3100).
. "$(dirname "$0")/test-lib.sh"
DICT="$TEST_TOP/config/entities"
"$CJKINDEX" -q -d db --dict "$DICT" "$TEST_TOP/samples"

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
keys = [k.encode().replace(b"\\n", b"\n") for k in sys.argv[2:]]
text, code = run([sys.argv[1], "-d", "db", "--dict", os.environ["DICT"], "--no-color"], keys)
sys.stdout.write(text)
sys.exit(code)
PY
export DICT

test_expect_success ':explain toggles the score components under each result' '
    python3 drive.py "$CJKSEARCH" ":limit 2\\n" ":explain\\n" "纳德拉 11月19日\\n" \
        ":explain off\\n" "纳德拉\\n" ":quit\\n" >out &&
    grep -q "^explain: on" out &&
    test_expect_equal "$(grep -c "^   score [0-9.]* = .*entity 8.000" out)" 2 &&
    grep -q "^explain: off" out &&
    test_expect_equal "$(grep -c "^   score [0-9.]* =" out)" 2
'
test_expect_success ':explain with a last query still prints its Xapian query' '
    python3 drive.py "$CJKSEARCH" "纳德拉\\n" ":explain\\n" ":quit\\n" >out &&
    grep -q "^explain: on" out &&
    grep -q "Query(.*Psatya-nadella" out
'
test_expect_success ':facets toggles the facets after the results' '
    python3 drive.py "$CJKSEARCH" ":limit 1\\n" ":facets\\n" "纳德拉\\n" ":facets\\n" \
        "微软\\n" ":facets sideways\\n" ":quit\\n" >out &&
    grep -q "^facets: on" out &&
    test_expect_equal "$(grep -c "^Facets of [0-9]* matching passages" out)" 1 &&
    grep -q "^  people: .*Satya Nadella" out &&
    grep -q "^facets: off" out &&
    grep -q "usage: :facets \[on|off\]" out
'
test_expect_success ':timeline draws the chart for later queries' '
    python3 drive.py "$CJKSEARCH" ":limit 1\\n" ":timeline day\\n" "微软\\n" \
        ":timeline off\\n" ":timeline weekly\\n" ":quit\\n" >out &&
    grep -q "^timeline: per day" out &&
    grep -q "^Matching passages per day (article date)" out &&
    grep -q "^2023-11-[0-9][0-9]  .*█" out &&
    grep -q "^timeline: off" out &&
    grep -q "usage: :timeline \[day|month|year|off\]" out
'
test_done
