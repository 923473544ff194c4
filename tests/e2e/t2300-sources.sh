#!/bin/sh
# 2300: every real dump of ../shared/corpus indexes with its documented
# mapping (samples/sources/*.yaml, docs/sources.md): a slice of each is
# indexed, nothing rejected, every article dated, a title query finds its
# article. Skipped, saying why, when ../shared is absent.
. "$(dirname "$0")/test-lib.sh"
CORPUS="$SHARED/corpus"
MAP="$TEST_TOP/samples/sources"

if [ ! -d "$CORPUS" ] || ! command -v zstd >/dev/null; then
    test_skip "real sources" "no $CORPUS (the shared data is not beside the repository) or no zstd"
    test_done
fi

# all_accounted N ERRFILE: the summary accounts for N articles, indexed or
# recorded as copies of an indexed one (real dumps hold reposts), none
# rejected.
all_accounted() {
    i=$(sed -n "s/.*indexed \([0-9]*\) articles*.*/\1/p" "$2")
    c=$(sed -n "s/.* \([0-9]*\) duplicates* recorded as copies.*/\1/p" "$2")
    test "$((${i:-0} + ${c:-0}))" -eq "$1" && grep -q "rejected 0" "$2"
}

# check NAME N INPUT [CONFIG]: N articles indexed or recorded as copies, 0
# rejected, all dated, and the first article's title (its first 12
# letters) finds it (or the article it is a copy of).
check() {
    name=$1 n=$2 input=$3 cfg=${4:+-c $4}
    # shellcheck disable=SC2086
    "$CJKINDEX" $cfg -d "$name.db" "$input" 2>"$name.err" || { cat "$name.err"; return 1; }
    all_accounted "$n" "$name.err" || { cat "$name.err"; return 1; }
    # shellcheck disable=SC2086
    "$CJKINDEX" $cfg --dump-passages "$input" 2>/dev/null >"$name.jsonl" &&
    python3 - "$name.jsonl" >"$name.q" <<'PY' || return 1
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
import os
# Unknown stays unknown: only a file whose front matter has date: "" may be undated.
undated = [r["article_id"] for r in rows if not r.get("date")
           and not (os.path.isfile(r["article_id"])
                    and 'date: ""' in open(r["article_id"], encoding="utf-8").read())]
assert not undated, "undated: %s" % undated[:3]
r = rows[0]
print(r["article_id"])
q = " ".join("".join(c if c.isalnum() else " " for c in r["title"]).split())
print(q[:16].strip())
PY
    id=$(sed -n 1p "$name.q") q=$(sed -n 2p "$name.q")
    "$CJKSEARCH" -d "$name.db" --json -n 50 "$q" | grep -qF "\"$id\"" || {
        echo "title query '$q' does not find $id"; return 1; }
}
untar() { zstd -dc "$CORPUS/$1" | tar -x --wildcards "$2"; }

test_expect_success 'hkcnews: Markdown with YAML front matter' '
    untar hkcnews-zh-hant/hkcnews-articles.tar.zst "articles/1-1000/article_2[0-5]?.md" &&
    n=$(find articles -name "*.md" | wc -l) && test "$n" -ge 50 &&
    check hk "$n" articles
'
test_expect_success 'livedoor: URL, date, title lines' '
    untar livedoor-news-ja/ldcc-text.tar.zst "text/it-life-hack/it-life-hack-6*.txt" &&
    n=$(find text -name "*.txt" | wc -l) && test "$n" -ge 50 &&
    check livedoor "$n" text "$MAP/livedoor.yaml"
'
test_expect_success 'readhub: daily JSON arrays' '
    untar readhub-zh-hans/readhub-daily-json.tar.zst "data/2023-01-1[78].json" &&
    n=$(python3 -c "import json,glob; print(sum(len(json.load(open(f))) for f in glob.glob(\"data/*.json\")))") &&
    check readhub "$n" data "$MAP/readhub.yaml" && rm -r data
'
test_expect_success 'zaobao: daily JSON arrays, date from the story link' '
    untar zaobao-realtime-zh-hans/zaobao-daily-json.tar.zst "data/2023-01-30.json" &&
    n=$(python3 -c "import json,glob; print(sum(len(json.load(open(f))) for f in glob.glob(\"data/*.json\")))") &&
    check zaobao "$n" data "$MAP/zaobao.yaml" && rm -r data
'
test_expect_success 'xwlb-cctv: Markdown transcripts with inline HTML' '
    untar xwlb-cctv-zh-hans/xwlb-news-md.tar.zst "news/202209*.md" &&
    n=$(find news -name "*.md" | wc -l) && test "$n" -ge 5 &&
    check xwlb "$n" news &&
    ! grep -q "<p>" xwlb.jsonl
'
test_expect_success 'chosun: JSON Lines RSS items, HTML body, RFC 2822 dates' '
    zstd -dc "$CORPUS/chosun-rss-ko/chosun-national-rss-items.jsonl.zst" | head -n 50 >chosun.jsonl.in &&
    mv chosun.jsonl.in chosun-in.jsonl && check chosun 50 chosun-in.jsonl "$MAP/chosun.yaml" &&
    ! grep -q "<br" chosun.jsonl
'
test_expect_success 'lawtimes: JSON Lines RSS items, doubly escaped HTML' '
    zstd -dc "$CORPUS/lawtimes-rss-ko/lawtimes-news-rss-items.jsonl.zst" | head -n 50 >lawtimes-in.jsonl &&
    check lawtimes 50 lawtimes-in.jsonl "$MAP/lawtimes.yaml" &&
    ! grep -q "&lt;\|<p" lawtimes.jsonl
'
test_expect_success 'wikinews-ko: CSV read from the .csv.zst directly' '
    check wikinews 644 "$CORPUS/wikinews-ko/wikinews.csv.zst" "$MAP/wikinews.yaml"
'
test_expect_success 'sogouca: pseudo-XML, 200 docs, dates from URLs when they hold one' '
    "$CJKINDEX" -d sogou.db "$CORPUS/sogouca-sample-zh-hans/news_sohusite_xml.smarty.dat" 2>err &&
    all_accounted 200 err
'
test_done
