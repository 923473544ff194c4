#!/bin/sh
# 3500: people, companies and dates in the ranking (search.weights),
# --explain (components that add up to the score), --facets and
# --timeline (exact counts over every match), on samples/, generated
# articles and, when present, ../shared/seeds.
. "$(dirname "$0")/test-lib.sh"
DICT="$TEST_TOP/config/entities"
S="$CJKSEARCH --no-pager"

# Two generated passages: one names 纳德拉 and, through 昨天 in an article
# of 2023-11-20, mentions 2023-11-19; the other only shares bigrams of
# 纳德拉 and the terms of 11月19日, many times, in a short passage.
cat >rank.jsonl <<'JSON'
{"id":"evidence","title":"发布会速记","body":"微软首席执行官纳德拉在发布会上讲话，他说公司昨天与合作伙伴签署了协议，今后会继续投入人工智能研究，并在全球扩大数据中心的建设规模。","date":"2023-11-20","source":"测试日报","lang":"zh-Hans"}
{"id":"bigrams","title":"德拉纳德","body":"阿纳德与德拉米尼在11月见面。纳德说，德拉在19日前后去了11个地方，德拉纳德，11月19人。","date":"2023-12-05","source":"测试日报","lang":"zh-Hans"}
JSON
"$CJKINDEX" -q -d db --dict "$DICT" rank.jsonl "$TEST_TOP/samples"
printf 'search:\n  weights: {entity: 0, date: 0}\n' >noweights.yaml
# Every passage of an article shown, to count matches one by one.
printf 'search: {per_article: 1000}\n' >all.yaml

# Rank of article 'id' in the TSV of the query "$@".
rank_of() { id=$1; shift; $S -d db --dict "$DICT" --format tsv -n 100 "$@" | awk -F'\t' -v id="$id" '$5 == id { print $1; exit }'; }

test_expect_success 'naming the person and the date outranks sharing bigrams' '
    e=$(rank_of evidence --match any 纳德拉 11月19日) &&
    b=$(rank_of bigrams --match any 纳德拉 11月19日) &&
    test -n "$e" && test -n "$b" && test "$e" -lt "$b"
'
test_expect_success '... and without the evidence weights it would not (the test can fail)' '
    e=$(rank_of evidence -c noweights.yaml --match any 纳德拉 11月19日) &&
    b=$(rank_of bigrams -c noweights.yaml --match any 纳德拉 11月19日) &&
    test "$e" -gt "$b"
'
test_expect_success 'a date typed as a word finds the passages that mention it in other forms' '
    $S -d db --format tsv -n 100 11月19日 | cut -f5 | sort -u >any-year &&
    grep -q "^evidence$" any-year &&
    $S -d db --format tsv -n 100 "2023年11月19日" | cut -f5 | sort -u >full &&
    grep -q "^evidence$" full &&
    $S -d db --format tsv -n 100 "\"11月19日\"" | cut -f5 | sort -u >typed &&
    ! grep -q "^evidence$" typed
'
test_expect_success 'person: and date: filters now add their weight (--explain shows it)' '
    $S -d db --json --explain -n 3 "person:satya-nadella date:2023-11-19" >r.jsonl &&
    python3 -c "
import json, sys
for line in open(\"r.jsonl\"):
    e = json.loads(line)[\"explain\"]
    assert e[\"entity\"] == 8 and e[\"date\"] in (0, 6), e
"
'

# Every result of every query: the components add up to the score and
# nothing is left unexplained ("other" is 0).
check_sums() {
    python3 -c "
import json, sys
n = 0
for line in sys.stdin:
    o = json.loads(line)
    if \"rank\" not in o:
        continue
    e = o[\"explain\"]
    assert abs(sum(e.values()) - o[\"score\"]) < 1e-4 * max(1, o[\"score\"]), o
    assert e[\"other\"] == 0, e
    n += 1
assert n > 0
print(n)
"
}
test_expect_success '--explain: the components add up to the score' '
    for q in 纳德拉 "纳德拉 11月19日" "微软 OR 奥特曼" "title:微软 纳德拉" \
             "\"Sam Altman\"~2" "微软 -投资" "person:sam-altman 微软"; do
        $S -d db --dict "$DICT" --json --explain -n 20 "$q" | check_sums >/dev/null || return 1
        $S -d db --dict "$DICT" --json --explain --match any -n 20 "$q" | check_sums >/dev/null || return 1
    done
'
# Explain restricts itself to the passages shown by their A term and
# passage number (value slot 2): one passage of six here, not passage 0.
multi_passage_article >multi.jsonl
printf 'search: {per_article: 1}\n' >one.yaml
test_expect_success '--explain: one passage shown of an article of several' '
    "$CJKINDEX" -q -d multi.db multi.jsonl &&
    $S -d multi.db -c one.yaml --json --explain -n 5 "海洋研究所 蓝鲸计划" >m.jsonl &&
    check_sums <m.jsonl >n && test_expect_equal "$(cat n)" 1 &&
    python3 -c "
import json
o = json.loads(open(\"m.jsonl\").readline())
assert o[\"passage_no\"] == 3 and o[\"more_in_article\"] == 0, o
assert o[\"explain\"][\"body\"] > 0, o
" &&
    $S -d multi.db -c one.yaml --json --explain --match any -n 5 "海洋研究所 蓝鲸计划" >m.jsonl &&
    check_sums <m.jsonl >/dev/null &&
    python3 -c "
import json
o = json.loads(open(\"m.jsonl\").readline())
assert o[\"passage_no\"] == 3 and o[\"more_in_article\"] == 5, o
assert o[\"explain\"][\"body\"] > 0, o
"
'
if command -v xapian-delve >/dev/null 2>&1; then
    # (the H key is binary since schema 5: its term frequency is read from
    # the all-terms list, one passage holds it)
    test_expect_success 'no per-passage Q term; the duplicate key (H) on passage 0 only' '
        xapian-delve -a multi.db | tr " " "\n" >terms &&
        grep -q "^Amulti$" terms &&
        ! grep -q "^Q" terms &&
        xapian-delve -1 -v -A H multi.db 2>/dev/null | LC_ALL=C grep -a "^H" >hkeys &&
        test -s hkeys &&
        test "$(LC_ALL=C awk "{ print \$NF }" hkeys | sort -u)" = 1
    '
else
    test_skip 'no per-passage Q term' 'xapian-delve not installed'
fi
test_expect_success '--explain in text output: one line of components per result' '
    $S -d db --dict "$DICT" --explain -n 2 纳德拉 11月19日 >out &&
    test_expect_equal "$(grep -c "^   score [0-9.]* = body" out)" 2 &&
    grep -q "entity 8.000" out &&
    grep -q "date 6.000" out
'
test_expect_success '--facets counts every matching passage exactly' '
    $S -d db --dict "$DICT" --json --facets -n 1 微软 >f.jsonl &&
    tail -n 1 f.jsonl >facets.json &&
    python3 -c "
import json
f = json.load(open(\"facets.json\"))[\"facets\"]
people = {e[\"key\"]: e[\"count\"] for e in f[\"people\"]}
orgs = {e[\"key\"]: e[\"count\"] for e in f[\"orgs\"]}
print(people[\"satya-nadella\"], orgs[\"microsoft\"], f[\"passages\"], f[\"days\"][0][\"key\"])
" >got &&
    n_all=$($S -c all.yaml -d db --dict "$DICT" --format tsv -n 1000 微软 | wc -l) &&
    n_ms=$($S -c all.yaml -d db --dict "$DICT" --format tsv -n 1000 "微软 org:microsoft" | wc -l) &&
    n_nadella=$($S -c all.yaml -d db --dict "$DICT" --format tsv -n 1000 "微软 person:satya-nadella" | wc -l) &&
    test_expect_equal "$(cut -d" " -f1-3 got)" "$n_nadella $n_ms $n_all"
'
test_expect_success '--facets text: people, organisations, days and months' '
    $S -d db --dict "$DICT" --facets -n 1 纳德拉 >out &&
    grep -q "^Facets of [0-9]* matching passages:" out &&
    grep -q "^  people: .*Satya Nadella [0-9]" out &&
    grep -q "^  organisations: .*Microsoft [0-9]" out &&
    grep -q "^  days mentioned: .*2023-11-19 [0-9]" out &&
    grep -q "^  months mentioned: .*2023-11 [0-9]" out
'
test_expect_success '--facets without dictionary hits shows the discovered names' '
    "$CJKINDEX" -q -d nodict.db rank.jsonl "$TEST_TOP/samples" &&
    $S -d nodict.db --json --facets -n 1 OpenAI | tail -n 1 >d.json &&
    python3 -c "
import json
f = json.load(open(\"d.json\"))[\"facets\"]
assert f[\"orgs_discovered\"] and f[\"orgs\"], f
assert \"OpenAI\" in [e[\"key\"] for e in f[\"orgs\"]], f
"
'
test_expect_success '--timeline: exact counts per month, day and year, as JSON data' '
    total=$($S -c all.yaml -d db --format tsv -n 1000 微软 | wc -l) &&
    for unit in day month year; do
        $S -d db --json --timeline=$unit -n 1 微软 | tail -n 1 >t.json &&
        python3 -c "
import json, sys
t = json.load(open(\"t.json\"))[\"timeline\"]
assert t[\"unit\"] == \"$unit\" and t[\"date\"] == \"article\", t
assert sum(b[\"count\"] for b in t[\"buckets\"]) + t[\"undated\"] == t[\"passages\"] == $total, t
n = {\"day\": 10, \"month\": 7, \"year\": 4}[\"$unit\"]
assert all(len(b[\"date\"]) == n for b in t[\"buckets\"]), t
assert [b[\"date\"] for b in t[\"buckets\"]] == sorted(b[\"date\"] for b in t[\"buckets\"])
" || return 1
    done
'
test_expect_success '--timeline and --facets count passages holding the phrase, not its candidates' '
    total=$($S -c all.yaml -d db --format tsv -n 1000 纳德拉 | wc -l) &&
    $S -c all.yaml -d db --format tsv -n 1000 --match any 纳德拉 | grep -q "	bigrams	" &&
    $S -d db --json --timeline month --facets -n 1 纳德拉 | tail -n 1 >p.json &&
    python3 -c "
import json
d = json.load(open(\"p.json\"))
t = d[\"timeline\"]
assert $total > 0 and t[\"passages\"] == $total, (t, $total)
assert \"2023-12\" not in [b[\"date\"] for b in t[\"buckets\"]], t
"
'
test_expect_success '--timeline day fills the gaps; --timeline-date mentioned counts slot 3' '
    $S -d db --json --timeline day -n 1 微软 | tail -n 1 >t.json &&
    python3 -c "
import json, datetime
t = json.load(open(\"t.json\"))[\"timeline\"]
d = [datetime.date.fromisoformat(b[\"date\"]) for b in t[\"buckets\"]]
assert all((b - a).days == 1 for a, b in zip(d, d[1:])), d
" &&
    $S -d db --json --timeline --timeline-date mentioned -n 1 纳德拉 | tail -n 1 >m.json &&
    grep -q "\"date\":\"mentioned\"" m.json &&
    grep -q "\"unit\":\"month\"" m.json
'
test_expect_success '--timeline text: a bar chart within COLUMNS, no colour when piped' '
    COLUMNS=50 $S -d db --timeline -n 1 微软 >out &&
    grep -q "^Matching passages per month (article date): [0-9]" out &&
    grep "^20[0-9][0-9]-[0-9][0-9]  " out | grep -q "█" &&
    python3 -c "
import unicodedata
for line in open(\"out\", encoding=\"utf-8\"):
    w = sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in line.rstrip(\"\\n\"))
    assert w <= 50 or not line.startswith(\"20\"), (w, line)
" &&
    ! grep -q "$(printf "\\033")" out
'
test_expect_success 'bad --timeline and --timeline-date values are usage errors' '
    test_expect_code 2 $S -d db --timeline=week 微软 2>err &&
    grep -q "day, month or year" err &&
    test_expect_code 2 $S -d db --timeline-date published 微软 2>err &&
    grep -q "article or mentioned" err
'
test_expect_success 'scripted JSON carries facets and timeline in each query object' '
    printf "微软\n纳德拉\n" | $S -d db --json --facets --timeline -n 1 >s.jsonl &&
    python3 -c "
import json
objs = [json.loads(l) for l in open(\"s.jsonl\")]
assert len(objs) == 2 and all(\"facets\" in o and \"timeline\" in o for o in objs), objs
"
'
test_expect_success 'a scripted JSON line asks for explain, facets and timeline itself' '
    printf "%s\n" "{\"q\":\"微软\",\"limit\":1,\"explain\":true,\"facets\":true,\"timeline\":\"day\"}" \
        "{\"q\":\"微软\",\"limit\":1}" "{\"q\":\"微软\",\"timeline\":\"week\"}" \
        "{\"q\":\"微软\",\"facets\":1}" | $S -d db --json >j.jsonl &&
    python3 -c "
import json
a, b, c, d = [json.loads(l) for l in open(\"j.jsonl\")]
assert \"explain\" in a[\"results\"][0] and a[\"facets\"][\"passages\"] > 0, a
assert a[\"timeline\"][\"unit\"] == \"day\", a
assert \"facets\" not in b and \"explain\" not in b[\"results\"][0], b
assert \"timeline\" in c[\"error\"] and \"facets\" in d[\"error\"], (c, d)
"
'

SEEDS="$SHARED/seeds"
if [ -d "$SEEDS" ]; then
    test_expect_success 'seeds: facets name 纳德拉 and the companies, explained scores add up' '
        "$CJKINDEX" -q -d seeds.db --dict "$DICT" "$SEEDS" &&
        $S -d seeds.db --dict "$DICT" --json --facets --explain -n 5 纳德拉 >sd.jsonl &&
        check_sums <sd.jsonl >/dev/null &&
        tail -n 1 sd.jsonl | grep -q "\"key\":\"satya-nadella\"" &&
        tail -n 1 sd.jsonl | grep -q "\"key\":\"microsoft\""
    '
else
    test_skip "seeds: facets and explain on raw articles" "no $SEEDS (the shared data is not beside the repository)"
fi
test_done
