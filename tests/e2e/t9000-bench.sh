#!/bin/sh
# 9000: the `make bench` harness (bench/). make-corpus.py on archives in
# the four shared formats (generated here: the real ones may not be copied),
# then the whole of bench/run.sh on a tiny slice with the real binaries:
# every row of the table is filled, the -j curve, determinism, incremental
# and delete lines are there and say what happened; the determinism check
# and the peers merge fail when they should. Last, make-corpus.py on the
# real shared corpus when it is beside the repository.
. "$(dirname "$0")/test-lib.sh"
B="$TEST_TOP/bench"

if ! command -v zstd >/dev/null || ! /usr/bin/time -v true >/dev/null 2>&1 \
        || ! command -v xapian-compact >/dev/null || ! command -v g++ >/dev/null; then
    test_skip "bench harness" "needs zstd, GNU time, xapian-compact and g++ (make deps)"
    test_done
fi

# ---- four fake archives in the formats of ../shared/corpus ------------------
mkdir -p fake && python3 - fake <<'PY'
import io, json, os, random, subprocess, sys, tarfile
out = sys.argv[1]
rnd = random.Random(9000)
POOL = {
    "ja": "株式会社発表映画ゲーム新製品市場東京日本政府経済技術開発"
          "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
          "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモ",
    "zh-Hans": "微软投资人工智能公司市场技术发展中国美国新闻政府经济数据服务模型云计算芯片手机汽车能源银行股票",
    "zh-Hant": "微軟投資人工智能公司市場技術發展香港新聞政府經濟數據服務模型雲計算晶片手機汽車能源銀行股票",
    "ko": "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후",
}
def text(lang, n):
    return "".join(rnd.choice(POOL[lang]) for _ in range(n))
def par(lang):
    if lang == "ko":  # Korean: words between spaces
        return " ".join(text(lang, rnd.randint(2, 6)) for _ in range(rnd.randint(8, 20))) + "."
    return text(lang, rnd.randint(40, 120)) + "。"
def tar_zst(path, files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in files:
            ti = tarfile.TarInfo(name); ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run(["zstd", "-q", "-f", "-o", path], input=buf.getvalue(), check=True)

files = [("text/LICENSE.txt", b"licence")]
for i in range(60):
    cat = ("movie-enter", "it-life-hack")[i % 2]
    body = "\n".join("\u3000" + par("ja") for _ in range(rnd.randint(2, 5)))
    files.append(("text/%s/%s-%d.txt" % (cat, cat, 1000 + i),
                  ("http://news.livedoor.com/%d/\n2012-02-%02dT10:00:00+0900\n%s\n%s\n" % (
                      i, i % 28 + 1, text("ja", 12), body)).encode()))
tar_zst(out + "/livedoor-news-ja/ldcc-text.tar.zst", files)

files = []
for d in range(1, 6):
    topics = [{"id": "rh%d_%d" % (d, k), "title": text("zh-Hans", 15), "summary": par("zh-Hans") + " ...",
               "date": "2024-03-%02d 10:00:00" % d, "newsArray": [{"siteName": "界面"}]}
              for k in range(40)]
    files.append(("data/2024-03-%02d.json" % d, json.dumps(topics, ensure_ascii=False).encode()))
tar_zst(out + "/readhub-zh-hans/readhub-daily-json.tar.zst", files)

lines = []
for i in range(80):
    html = "<br><br>".join(par("ko") for _ in range(rnd.randint(2, 5)))
    html = '<figure><img src="x.jpg"/><figcaption>사진 설명</figcaption></figure>' + html + " &amp; 끝<br><br>"
    lines.append(json.dumps({"title": text("ko", 10) + "  ", "link": "https://www.chosun.com/national/x/2025/07/%02d/ID%d/" % (i % 28 + 1, i),
                             "guid": "g%d" % i, "pubDate": "Mon, 14 Jul 2025 20:54:42 +0000",
                             "content:encoded": html}, ensure_ascii=False))
lines.append(json.dumps({"title": "", "link": "https://www.chosun.com/empty/", "content:encoded": ""}))
os.makedirs(out + "/chosun-rss-ko", exist_ok=True)
subprocess.run(["zstd", "-q", "-f", "-o", out + "/chosun-rss-ko/chosun-national-rss-items.jsonl.zst"],
               input=("\n".join(lines) + "\n").encode(), check=True)

files = [("README.md", b"readme")]
for i in range(1, 70):
    body = "\n\n".join("#### " + par("zh-Hant") for _ in range(rnd.randint(2, 5)))
    md = ('---\ntitle: "%s"\ndate: 2019-06-%02d\ncategory: 眾聞\noriginal_url: https://www.hkcnews.com/article/%d\n---\n'
          '# same title\n<figure><img src="a.jpg"/>\n<figcaption>圖說</figcaption></figure>\n%s\n' % (
              text("zh-Hant", 12), i % 28 + 1, i, body))
    files.append(("articles/1-1000/article_%d.md" % i, md.encode()))
tar_zst(out + "/hkcnews-zh-hant/hkcnews-articles.tar.zst", files)
PY

test_expect_success 'make-corpus: the four sources in equal shares, interleaved, queries in every language' '
    python3 "$B/make-corpus.py" --corpus-dir fake --out c1 --mb 0.1 --queries 40 --latency-queries 100 2>mc.err &&
    python3 - c1 <<-PY
	import json, sys, re
	d = sys.argv[1]
	meta = json.load(open(d + "/meta.json"))
	langs = meta["languages"]
	assert sorted(langs) == ["ja", "ko", "zh-Hans", "zh-Hant"], langs
	assert meta["raw_bytes"] >= 100000, meta["raw_bytes"]
	for k, v in langs.items():
	    assert 20000 <= v["raw_bytes"] <= 35000, (k, v)
	recs = [json.loads(l) for l in open(d + "/corpus.jsonl", encoding="utf-8")]
	assert len({r["id"] for r in recs}) == len(recs)
	assert all(not re.search(r"\s", r["id"]) for r in recs)
	first = [r["lang"] for r in recs[:len(recs) // 3]]
	assert len(set(first)) == 4, "not interleaved: %s" % sorted(set(first))
	ko = [r for r in recs if r["lang"] == "ko"]
	assert all("<" not in r["body"] and "사진 설명" not in r["body"] for r in ko), ko[0]
	assert ko[0]["body"].endswith("& 끝") and ko[0]["date"] == "2025-07-15", ko[0]
	assert ko[0]["title"] == ko[0]["title"].strip() and ko[0]["id"] == "chosun/national/x/2025/07/01/ID0", ko[0]
	hk = [r for r in recs if r["lang"] == "zh-Hant"]
	assert all("#" not in r["body"] and "圖說" not in r["body"] and "same title" not in r["body"] for r in hk)
	assert hk[0]["source"] == "hkcnews/眾聞" and hk[0]["date"].startswith("2019-06-")
	ja = [r for r in recs if r["lang"] == "ja"]
	assert ja[0]["id"] == "it-life-hack/it-life-hack-1001" and ja[0]["date"] == "2012-02-02", ja[0]
	assert all(not p.startswith("\u3000") for r in ja for p in r["body"].split("\n"))
	q = [l.split("\t")[1].strip() for l in open(d + "/queries.tsv", encoding="utf-8")]
	lat = [l.split("\t")[1].strip() for l in open(d + "/latency.tsv", encoding="utf-8")]
	assert len(q) == 40 and len(lat) == 100 and lat[:40] == q
	lang_of = {r["id"]: r["lang"] for r in recs}
	rel = [l.split()[2] for l in open(d + "/qrels.txt")]
	assert [lang_of[a] for a in rel[:4]] == ["ja", "zh-Hans", "ko", "zh-Hant"], rel[:4]
	body = {r["id"]: r["body"] for r in recs}
	assert all(qq in body[a] for qq, a in zip(q, rel))
	PY
'

test_expect_success 'make-corpus --scale 4: four times the bytes, more real articles, no query files' '
    python3 "$B/make-corpus.py" --corpus-dir fake --out c4 --mb 0.1 --scale 4 2>mc4.err &&
    python3 - <<-PY
	import json
	m1, m4 = json.load(open("c1/meta.json")), json.load(open("c4/meta.json"))
	assert m4["raw_bytes"] >= 4 * 100000, m4["raw_bytes"]
	ids1 = {json.loads(l)["id"] for l in open("c1/corpus.jsonl")}
	ids4 = [json.loads(l)["id"] for l in open("c4/corpus.jsonl")]
	assert len(ids4) == len(set(ids4)) and ids1 <= set(ids4)
	assert m4["queries"] == 0
	PY
    test ! -e c4/queries.tsv &&
    python3 "$B/make-corpus.py" --corpus-dir fake --out c1 --mb 0.1 --queries 40 --latency-queries 100 2>mc2.err &&
    grep -q "cached" mc2.err
'

test_expect_success 'make-corpus: a new query generator redraws the queries, not the corpus' '
    cp -r c1 c1q && touch -d "2020-01-01" c1q/corpus.jsonl &&
    python3 -c "import json; p = \"c1q/meta.json\"; m = json.load(open(p)); del m[\"options\"][\"query_version\"]; del m[\"options\"][\"boilerplate_min\"]; json.dump(m, open(p, \"w\"))" &&
    python3 "$B/make-corpus.py" --corpus-dir nowhere --out c1q --mb 0.1 --queries 40 --latency-queries 100 2>mcq.err &&
    grep -q "query generator changed (version 1 -> [0-9]*): drawing the queries again" mcq.err &&
    test_expect_equal "$(stat -c %Y c1q/corpus.jsonl)" "$(date -d 2020-01-01 +%s)" &&
    for f in queries.tsv qrels.txt latency.tsv single.tsv; do
        cmp c1/$f c1q/$f || exit 1
    done &&
    python3 "$B/make-corpus.py" --corpus-dir nowhere --out c1q --mb 0.1 --queries 40 --latency-queries 100 2>mcq2.err &&
    grep -q "cached" mcq2.err
'

test_expect_success 'make-corpus: no query from a line found in 4 articles of the source' '
    python3 - <<-PY
	import json, importlib.util
	spec = importlib.util.spec_from_file_location("mc", "$B/make-corpus.py")
	mc = importlib.util.module_from_spec(spec); spec.loader.exec_module(mc)
	own = lambda i: "".join(chr(0x4E00 + 40 * i + k) for k in range(12))
	arts = [{"id": "a%d" % i, "body": "關連記事的連結文字\n" + own(i)} for i in range(4)]
	qs = mc.make_queries([arts], 30, 1)
	assert qs and all("關連" not in q and "連結" not in q for _, q in qs), qs
	assert mc.line_key("月費訂戶 [網址](https://x/1)") == mc.line_key("月費訂戶 [網址](https://y/2)")
	PY
'

test_expect_success 'scoring: a copy of the known item counts when it holds the query text' '
    printf "cjknews.copies.c1\tt1\037s\037u\037d\036x1\037s\037u\037d\036\n" >copies.txt &&
    python3 - <<-PY
	import sys
	sys.path.insert(0, "$B")
	from results import expand_qrels, mrr, read_copies
	g = read_copies("copies.txt")
	assert g["t1"] == {"c1", "t1", "x1"}, g
	texts = {"c1": "span here", "t1": "span here", "x1": "something else"}
	q, n = expand_qrels({"q1": {"t1"}, "q2": {"zz"}}, g, [("q1", "span"), ("q2", "span")], texts)
	assert q == {"q1": {"t1", "c1"}, "q2": {"zz"}} and n == 1, q
	assert mrr({"q1": ["x1", "c1"]}, q, ["q1"]) == (0.5, 1.0, 1.0)
	PY
'

test_expect_success 'make-corpus: a source that is missing is named' '
    mkdir -p part && cp -r fake/livedoor-news-ja part/ &&
    test_expect_code 3 python3 "$B/make-corpus.py" --corpus-dir part --out cx --mb 0.1 2>miss.err &&
    grep -q "readhub-zh-hans/readhub-daily-json.tar.zst not found" miss.err
'

# ---- the whole run on a tiny slice, with a fake peer kit ------------------
mkdir -p kit && cat >kit/run_all.sh <<'EOF'
#!/bin/sh
# fake ../shared/peers/run_all.sh: one engine that returns the known item
# of every other query at rank 1, one that failed
mkdir -p "$4/fake/runs"
awk 'NR % 2 == 1 {print $1, "Q0", $3, 1, 1.0, "fake"}' "$3" >"$4/fake/runs/run.fake.x.trec"
cat >"$4/measurements.jsonl" <<EOJ
{"peer": "fake", "variant": "x", "engine": "fake", "status": "ok", "index_mb_per_s": 7.5, "index_size_ratio": 0.9, "index_peak_rss_kb": 204800, "lat_p50_ms": 0.7, "lat_p95_ms": 2.5, "run_file": "fake/runs/run.fake.x.trec"}
{"peer": "broken", "variant": "-", "status": "failed at index: rc=1"}
EOJ
echo "peer table of the fake kit" >"$4/table.txt"
EOF
chmod +x kit/run_all.sh

test_expect_success 'bench/run.sh on a tiny slice: every row measured' '
    CJKNEWS_CORPUS_DIR="$TRASH/fake" CJKNEWS_BENCH_CACHE="$TRASH/cache" CJKNEWS_PEERS_DIR="$TRASH/kit" \
    CJKINDEX="$CJKINDEX" CJKSEARCH="$CJKSEARCH" BENCH_MB=0.1 BENCH_ONESHOT_N=5 \
    BENCH_PEERS=1 BENCH_PEERS_INSTALL=0 \
        sh "$B/run.sh" >run.out 2>run.err &&
    head -n 1 cache/last-bench.txt >first && test_expect_equal "$(cat first)" "cjknews benchmark" &&
    grep -q "^delete one article" cache/last-bench.txt &&
    grep -q "^corpus: mixed-0.1: .*ja .*zh-Hans .*ko .*zh-Hant" run.out &&
    for row in "indexing MB/s" "postings+positions+termlist / raw" "position.glass / raw" \
               "stored passage text, docdata / raw" "indexing peak RSS, 1x" \
               "query latency p50" "query latency p99" "MRR@10"; do
        grep "| *$row" run.out | grep -q "| *[0-9][0-9.]* | *[0-9][0-9.]* |" ||
            { echo "row not measured for both: $row"; exit 1; }
    done &&
    grep "| *one-shot process p50" run.out | grep -q "| *[0-9][0-9.]* | *n/a |" &&
    grep "| *indexing peak RSS, 4x" run.out | grep -q "| *[0-9][0-9.]* | *n/a |" &&
    grep "| *indexing MB/s, 4x" run.out | grep -q "| *[0-9][0-9.]* | *n/a |" &&
    for j in 1 2 4; do
        grep -q "^| -j $j.* | [0-9][0-9.]* | [0-9][0-9.]* | [0-9][0-9.]* | [0-9][0-9.]* | [0-9][0-9.]* | [0-9][0-9.]* |$" run.out ||
            { echo "no -j $j row"; exit 1; }
    done &&
    grep -q "^deterministic: \(yes\|no\) ([0-9]* differences in 50 queries x 3 indexes" run.out &&
    grep -q "^add 1% ([0-9]* articles, -j [0-9]*): [0-9.]* s = [0-9.]*% of a full build" run.out &&
    grep -q "^add 1% ([0-9]* articles, -j 1): [0-9.]* s = " run.out &&
    grep -q "^delete one article: [0-9]* ms .*gone from search: yes ([1-9][0-9]* passages.* 0 after; \([0-9]*\) -> " run.out &&
    ! grep -q WARNING run.out &&
    test ! -e cache/run/cjk.db && test ! -e cache/run/cjk-j1.db && test ! -e cache/run/x4.db
'

test_expect_success 'bench-peers: the kit rows beside ours, MRR from their run file, failures noted' '
    grep -q "^cjknews (-j [0-9]*) .*[0-9]" run.out &&
    grep -q "^baseline (Xapian CJK n-grams) .*[0-9]" run.out &&
    grep "^fake\[x\]" run.out >fake.row &&
    set -- $(cat fake.row) &&
    test_expect_equal "$2 $3 $4 $5 $6" "7.50 0.90 200 0.700 2.500" &&
    test_expect_equal "$7" "0.500" &&
    grep -q "^broken  *- " run.out &&
    grep -q "^note: broken: failed at index" run.out &&
    grep -q "^    peer table of the fake kit" run.out
'

test_expect_success 'bench-peers without the kit: the table says the peers were skipped, and why' '
    (W="$TRASH/cache/run" PEERS_DIR="$TRASH/nokit" && . "$B/steps.sh" && run_peers) 2>skip.err &&
    grep -q "peers: SKIPPED: no $TRASH/nokit/run_all.sh" skip.err &&
    rm -rf cache/run/peers &&
    python3 "$B/report.py" --work cache/run --corpus cache/corpus-mixed-0.1 --main-j "$(nproc)" \
        --jobs "1 2 4 $(nproc)" >report2.out &&
    grep -q "^peers: SKIPPED: no $TRASH/nokit/run_all.sh (set CJKNEWS_PEERS_DIR)" report2.out &&
    ! grep -q "^fake" report2.out
'

test_expect_success 'determinism.py: equal, tie order only, and a real difference' '
    printf "%s\n" "{\"results\":[{\"rank\":1,\"article_id\":\"a\",\"passage_no\":0,\"score\":2},{\"rank\":2,\"article_id\":\"b\",\"passage_no\":1,\"score\":1}]}" >r1 &&
    printf "%s\n" "{\"results\":[{\"rank\":1,\"article_id\":\"b\",\"passage_no\":1,\"score\":2},{\"rank\":2,\"article_id\":\"a\",\"passage_no\":0,\"score\":1}]}" >r2 &&
    printf "%s\n" "{\"results\":[{\"rank\":1,\"article_id\":\"a\",\"passage_no\":0,\"score\":1},{\"rank\":2,\"article_id\":\"b\",\"passage_no\":1,\"score\":1}]}" >t1 &&
    printf "%s\n" "{\"results\":[{\"rank\":1,\"article_id\":\"b\",\"passage_no\":1,\"score\":1},{\"rank\":2,\"article_id\":\"a\",\"passage_no\":0,\"score\":1}]}" >t2 &&
    python3 "$B/determinism.py" A=r1 B=r1 >same.out &&
    grep -q "^deterministic: yes (0 differences in 1 queries x 2 indexes: A, B)" same.out &&
    test_expect_code 1 python3 "$B/determinism.py" A=r1 B=r1 C=r2 >diff.out &&
    grep -q "^deterministic: no (1 differences in 1 queries x 3 indexes: A, B, C; 0 of them only" diff.out &&
    test_expect_code 1 python3 "$B/determinism.py" A=t1 B=t2 >tie.out &&
    grep -q "^deterministic: no (1 differences .*; 1 of them only in the order of equal scores)" tie.out &&
    printf "" >empty && test_expect_code 1 python3 "$B/determinism.py" A=empty B=empty >empty.out &&
    grep -q "^deterministic: no (0 differences in 0 queries" empty.out
'

# ---- the real shared corpus, when it is here --------------------------------
CORPUS=${CJKNEWS_CORPUS_DIR:-$SHARED/corpus}
if [ -f "$CORPUS/chosun-rss-ko/chosun-national-rss-items.jsonl.zst" ] &&
   [ -f "$CORPUS/hkcnews-zh-hant/hkcnews-articles.tar.zst" ]; then
    test_expect_success 'make-corpus on the real corpus: four languages, a query from each in turn' '
        python3 "$B/make-corpus.py" --corpus-dir "$CORPUS" --out real --mb 0.4 --queries 8 \
            --latency-queries 8 2>real.err &&
        python3 - <<-PY
		import json
		meta = json.load(open("real/meta.json"))
		assert sorted(meta["languages"]) == ["ja", "ko", "zh-Hans", "zh-Hant"], meta
		assert all(v["raw_bytes"] >= 90000 for v in meta["languages"].values()), meta
		lang = {json.loads(l)["id"]: json.loads(l)["lang"] for l in open("real/corpus.jsonl")}
		rel = [l.split()[2] for l in open("real/qrels.txt")]
		assert [lang[a] for a in rel] == ["ja", "zh-Hans", "ko", "zh-Hant"] * 2, rel
		PY
    '
else
    test_skip "make-corpus on the real corpus" "no $CORPUS (the shared data is not beside the repository)"
fi

test_done
