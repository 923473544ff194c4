#!/bin/sh
# 5000: the pieces of `make eval-tune` that decide things, on made-up
# data (the real sets are licensed and take minutes): the tuning/held-out
# split and the choice of the best grid point.
. "$(dirname "$0")/test-lib.sh"
E="$TEST_TOP/eval"

python3 - <<'PY' >queries.tsv
for i in range(200):
    print("set:q%d\tquestion %d" % (i, i))
PY
mkdir -p s1 s2
cp queries.tsv s1/
head -n 50 queries.tsv >s2/queries.tsv

test_expect_success 'the split: disjoint halves, every question once, input order kept' '
    counts=$(python3 "$E/tune-split.py" s1 o1) &&
    cat o1/tune/queries.tsv o1/held/queries.tsv | sort >both &&
    sort queries.tsv >all &&
    test_expect_equal_file both all &&
    test_expect_equal "$counts" "$(wc -l <o1/tune/queries.tsv | tr -d " ") $(wc -l <o1/held/queries.tsv | tr -d " ")" &&
    test "$(wc -l <o1/tune/queries.tsv)" -gt 60 && test "$(wc -l <o1/held/queries.tsv)" -gt 60 &&
    cut -f1 o1/tune/queries.tsv >ids && sort -t q -k2,2n ids | cmp -s - ids &&
    cut -f2 o1/tune/queries.tsv | cmp -s - o1/tune/queries.txt
'
test_expect_success 'the split is the documented rule: SHA-1 of the id, first byte even = tuning' '
    python3 -c "
import hashlib
for ln in open(\"o1/tune/queries.tsv\"):
    assert hashlib.sha1(ln.split(\"\t\")[0].encode()).digest()[0] % 2 == 0, ln
for ln in open(\"o1/held/queries.tsv\"):
    assert hashlib.sha1(ln.split(\"\t\")[0].encode()).digest()[0] % 2 == 1, ln
"
'
test_expect_success 'a question keeps its side when the sample shrinks' '
    python3 "$E/tune-split.py" s2 o2 >/dev/null &&
    grep -F -x -f o2/tune/queries.tsv o1/tune/queries.tsv >kept &&
    test_expect_equal_file kept o2/tune/queries.tsv &&
    grep -F -x -f o2/held/queries.tsv o1/held/queries.tsv >kept &&
    test_expect_equal_file kept o2/held/queries.tsv
'

# Three fake grid points over a set of 4 questions with one relevant
# passage each: "good" ranks it first everywhere, "bad" never finds it.
mkdir -p good bad same
printf "s:a\tx\ns:b\tx\ns:c\tx\ns:d\tx\n" >set.tsv
printf "s:a 0 p1 1\ns:b 0 p2 1\ns:c 0 p3 1\ns:d 0 p4 1\n" >qrels
for n in 1 2 3 4; do
    echo "{\"results\":[{\"article_id\":\"p$n\"}]}" >>good/s.jsonl
    echo "{\"results\":[{\"article_id\":\"x\"},{\"article_id\":\"p$n\"}]}" >>same/s.jsonl
    echo "{\"results\":[]}" >>bad/s.jsonl
done

test_expect_success 'the pick: the best MRR@10 wins' '
    python3 "$E/tune-pick.py" --set s set.tsv qrels \
        --point defaults 1.2 0.75 0.5 same --point bad 9 0 0 bad --point good 0.2 0.75 0.25 good >out &&
    test_expect_equal "$(tail -n 1 out)" "best good 0.2 0.75 0.25" &&
    grep -q "^defaults .* 0.5000 " out &&
    grep -q "^bad .* 0.0000 " out
'
test_expect_success 'the pick: a tie keeps the first point (the defaults)' '
    python3 "$E/tune-pick.py" --set s set.tsv qrels \
        --point defaults 1.2 0.75 0.5 same --point other 0.2 0.5 0.5 same >out &&
    test_expect_equal "$(tail -n 1 out)" "best defaults 1.2 0.75 0.5"
'
test_done
