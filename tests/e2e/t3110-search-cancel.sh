#!/bin/sh
# 3110: Ctrl-C cancels the running query, not the program: at the prompt
# (driven through a pseudo-terminal) and in scripted mode (SIGINT).
#
# A search over a small test index takes milliseconds, too short to
# interrupt. CJKNEWS_TEST_SLOW_MATCH_MS (TEST ONLY, xapian-c/cancel.cc)
# makes a cancellable match sleep that long on every candidate passage,
# so that the one-character query 的 (in every generated article) takes
# seconds.
. "$(dirname "$0")/test-lib.sh"
C="$TEST_TOP/tests/corpora"
python3 - <<'PY' >gen.jsonl
for i in range(60):
    print('{"id": "g%d", "title": "第%d条", "body": "这是第%d条测试新闻的正文，东京的天气晴朗。"}' % (i, i, i))
PY
"$CJKINDEX" -q -d db "$C/clean/news.jsonl" gen.jsonl
DELAY=250
export CJKNEWS_TEST_SLOW_MATCH_MS=$DELAY

cat >drive.py <<'PY'
# drive.py CJKSEARCH: the prompt through a pty, with timings.
import os, pty, re, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "-d", "db", "--no-color"])
out = b""
def wait_for(pat, timeout):
    """Reads until 'pat' appears after what was seen so far; seconds it took."""
    global out
    start, t0 = len(out), time.time()
    while time.time() - t0 < timeout:
        if re.search(pat, out[start:]):
            return time.time() - t0
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
    if re.search(pat, out[start:]):
        return time.time() - t0
    sys.stdout.write(out.decode("utf-8", "replace"))
    sys.exit("timeout waiting for %r" % pat)
wait_for(rb"cjk> ", 10)
os.write(fd, "的\n".encode())
time.sleep(1.0)                      # the match is running (sleeping per passage)
os.write(fd, b"\x03")                # Ctrl-C
cancel = wait_for(rb"cancelled", 20)
os.write(fd, "纳德拉\n".encode())     # the prompt survived: the next query works
wait_for(rb"\[\xe7\xba\xb3\xe5\xbe\xb7\xe6\x8b\x89\]", 30)  # [纳德拉]
os.write(fd, b":quit\n")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
print("\nCANCEL_SECONDS %.2f" % cancel)
sys.exit(os.waitstatus_to_exitcode(status))
PY

# How long the slow query takes when nobody interrupts it.
t0=$(date +%s%N)
printf '的\n' | "$CJKSEARCH" -d db --json >full.jsonl
full_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# uninterrupted 的 with ${DELAY} ms per passage: ${full_ms} ms"

test_expect_success 'the slow query is slow enough to interrupt (several passages)' '
    test "$full_ms" -ge $((DELAY * 12)) &&
    grep -q "\"results\":\[{" full.jsonl
'
test_expect_success 'Ctrl-C at the prompt stops the running match, the next query works' '
    python3 drive.py "$CJKSEARCH" >out &&
    grep -q "^cancelled" out &&
    grep -q "\[纳德拉\]" out &&
    secs=$(sed -n "s/^CANCEL_SECONDS //p" out) &&
    echo "# cancelled ${secs}s after Ctrl-C (uninterrupted: ${full_ms} ms)" &&
    python3 -c "import sys; s=float(sys.argv[1]); f=int(sys.argv[2])/1000.0; sys.exit(0 if s < 1.0 and s < f / 4 else 1)" \
        "$secs" "$full_ms"
'
test_expect_success 'the cancelled query printed no results' '
    ! sed -n "/的/,/cancelled/p" out | grep -q "^1\. "
'
test_expect_success 'SIGINT stops a batch cleanly: whole answers, exit 130' '
    printf "纳德拉\n的\n微软\n纳德拉\n" >q.txt &&
    : >bout &&
    t0=$(date +%s%N) &&
    { "$CJKSEARCH" -d db --json --batch q.txt >bout 2>berr & } &&
    pid=$! &&
    n=0 &&
    while [ "$(wc -l <bout)" -lt 1 ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done &&
    sleep 0.5 &&
    kill -INT $pid &&
    rc=0 && wait $pid || rc=$? &&
    ms=$(( ($(date +%s%N) - t0) / 1000000 )) &&
    echo "# batch stopped after ${ms} ms" &&
    test_expect_equal "$rc" 130 &&
    test_expect_equal "$(wc -l <bout)" 1 &&
    python3 -c "import json; [json.loads(l) for l in open(\"bout\")]" &&
    grep -q "纳德拉" bout &&
    grep -q "interrupted: 1 queries answered, stopped at line 2" berr &&
    test "$ms" -lt "$full_ms"
'
test_expect_success 'without Ctrl-C the same batch answers every line' '
    unset CJKNEWS_TEST_SLOW_MATCH_MS &&
    "$CJKSEARCH" -d db --json --batch q.txt >all &&
    test_expect_equal "$(wc -l <all)" 4
'
test_done
