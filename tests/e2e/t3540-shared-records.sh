#!/bin/sh
# 3540: the records of an article's later passages leave its id, title and
# URL to its passage 0 (schema 5, docs/index-schema.md "Document data").
# The searcher reads them from there: for the results it prints, and for
# the title check of a candidate whose body lacks the word. Checked on one
# index, on one built by two writers, on two shards searched together (their
# document ids collide: the decider is not told a candidate's shard) and on
# xapian-tcpsrv shards: every result carries its own article's id, title and
# URL, title words find later passages, a title that holds every bigram of
# a word but not the word finds nothing.
. "$(dirname "$0")/test-lib.sh"

# Articles of several passages (passage.max_chars 40; search.per_article
# 100 shows them all). t*: the title word
# 量子计算 is not in any body. x*: every bigram of 微软投资 in the title,
# never in a row, nor in the body. b*: body only, same shape.
"$PY" - <<'PY'
import json, random
# Distinct bodies (equal ones would be folded as copies), from characters
# that none of the query words use.
pool = "天地人山水风云花草木日月星江河湖海春夏秋冬东南西北上下左右大小多少高低长短"
arts = []
for i in range(12):
    rnd = random.Random(i)
    body = "".join("第%d段。今天天气%s。\n\n" % (p, "".join(rnd.choice(pool) for _ in range(30)))
                   for p in range(4))
    if i % 3 == 0:
        arts.append(("t%02d" % i, "量子计算新闻第%d号" % i, body))
    elif i % 3 == 1:
        arts.append(("x%02d" % i, "微软宣布，软投与投资%d" % i, body))
    else:
        # (a line repeated in many articles would be dropped as boilerplate)
        arts.append(("b%02d" % i, "普通新闻%d" % i,
                     body + "量子力学%s。" % "".join(rnd.choice(pool) for _ in range(12))))
with open("all.jsonl", "w", encoding="utf-8") as f, \
     open("half1.jsonl", "w", encoding="utf-8") as h1, \
     open("half2.jsonl", "w", encoding="utf-8") as h2, \
     open("truth.json", "w", encoding="utf-8") as t:
    truth = {}
    for k, (i, title, body) in enumerate(arts):
        url = "http://example.com/news/%s.html" % i
        truth[i] = [title, url]
        line = json.dumps({"id": i, "title": title, "body": body, "url": url,
                           "date": "2023-11-%02d" % (k + 1), "source": "src",
                           "lang": "zh-Hans"}, ensure_ascii=False) + "\n"
        f.write(line)
        (h1 if k % 2 else h2).write(line)
    json.dump(truth, t, ensure_ascii=False)
PY
printf 'passage:\n  min_chars: 10\n  max_chars: 40\nsearch:\n  per_article: 100\n' >small.yaml
"$CJKINDEX" -q -c small.yaml -j 1 -d all.db all.jsonl
"$CJKINDEX" -q -c small.yaml -j 2 -d j2.db all.jsonl
"$CJKINDEX" -q -c small.yaml --termlist -d half1.db half1.jsonl
"$CJKINDEX" -q -c small.yaml --termlist -d half2.db half2.jsonl

# hits OUT DBARGS... -- QUERY: "article_id passage_no title url" of every
# result, sorted; and every hit's title and URL must be its article's.
hits() {
    out=$1; shift
    rc=0
    "$CJKSEARCH" -c small.yaml --json -n 1000 "$@" >"$out.json" 2>"$out.err" || rc=$?
    [ "$rc" -le 1 ] || { cat "$out.err" >&2; return 1; }
    "$PY" - "$out.json" >"$out" <<'PY'
import json, sys
truth = json.load(open("truth.json", encoding="utf-8"))
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    want = truth[o["article_id"]]
    if [o["title"], o["url"]] != want:
        sys.exit("%s#%d: title/url %r, want %r" % (o["article_id"], o["passage_no"],
                                                  [o["title"], o["url"]], want))
    rows.append("%s %d %s %s" % (o["article_id"], o["passage_no"], o["title"], o["url"]))
for r in sorted(rows):
    print(r)
PY
}

test_expect_success 'the index has the shared layout (schema 5 and later) and articles have several passages' '
    "$CJKSEARCH" -c small.yaml -d all.db --json -n 1000 -- 今天天气 >p.json &&
    "$PY" -c "import json, sys
n = [json.loads(l)[\"passage_no\"] for l in open(\"p.json\")]
sys.exit(0 if len(n) == 48 and max(n) == 3 else \"passages: %r\" % n)"
'

test_expect_success 'title words find every passage, each with its own title and URL' '
    hits t.all -d all.db -- 量子计算 &&
    test $(wc -l <t.all) -eq 16 &&
    test $(grep -c "^t" t.all) -eq 16 &&
    grep -q "^t03 3 量子计算新闻第3号 http://example.com/news/t03.html$" t.all
'

test_expect_success 'a title with the bigrams apart finds nothing, nor does title:' '
    hits x.all -d all.db -- 微软投资 && ! test -s x.all &&
    hits xt.all -d all.db -- title:微软投资 && ! test -s xt.all &&
    hits xb.all -d all.db -- 软投 && test $(wc -l <xb.all) -eq 16
'

test_expect_success 'body matches of later passages carry their article fields' '
    hits b.all -d all.db -- 量子力学 && test $(wc -l <b.all) -eq 4 &&
    ! grep -v "^b.. 4 " b.all
'

for q in 量子计算 微软投资 软投 量子力学 title:量子 今天天气; do
    hits "r1.$q" -d all.db -- "$q"
    test_expect_success "two writers: the same results for $q" "
        hits r2.$q -d j2.db -- $q && test_expect_equal_file r2.$q r1.$q
    "
    test_expect_success "two shards searched together: the same results for $q" "
        hits r3.$q -d half1.db -d half2.db -- $q && test_expect_equal_file r3.$q r1.$q
    "
done

if test_have_tcpsrv; then
    start_shard half1.db; P1=$SHARD_PORT
    start_shard half2.db; P2=$SHARD_PORT
    for q in 量子计算 微软投资 软投 今天天气; do
        test_expect_success "over xapian-tcpsrv: the same results for $q" "
            hits r4.$q -d tcp:127.0.0.1:$P1 -d tcp:127.0.0.1:$P2 -- $q &&
            test_expect_equal_file r4.$q r1.$q
        "
    done
else
    test_skip 'over xapian-tcpsrv' 'xapian-tcpsrv or python3 not installed'
fi

test_done
