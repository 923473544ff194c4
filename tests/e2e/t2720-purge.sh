#!/bin/sh
# 2720: cjkindex --purge rewrites an index without the passages that
# deletes and replacements tombstoned (indexer/purge.h). The purged index
# must be the index a fresh run over the live articles would build: the
# same results with the same scores (the BM25 statistics stop counting
# the dead passages), the same facets, stats, entities and copies, the
# same bytes on disk; later runs must treat it as that index (re-indexing
# an unchanged article changes nothing). The target is left as it was
# when the purge cannot run.
. "$(dirname "$0")/test-lib.sh"

PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
DICT="$TEST_TOP/config/entities"
cat "$TEST_TOP/tests/corpora/clean/news.jsonl" "$SAMPLES/dump.jsonl" >all.jsonl
# dump-003 with a new body (a replacement), dump-002 deleted: the index
# then holds dump-003 last, so the fresh index gets it last too.
"$PY" -c 'import json, sys
new = None
out = open("live.jsonl", "w")
for line in open(sys.argv[1]):
    o = json.loads(line)
    if o["id"] == "dump-003":
        o["body"] = "章鱼保罗预测了微软股价。这是一段全新的正文，与原文不同。"
        new = json.dumps(o, ensure_ascii=False)
        continue
    if o["id"] != "dump-002":
        print(json.dumps(o, ensure_ascii=False), file=out)
print(new, file=out)
open("new3.jsonl", "w").write(new + "\n")' all.jsonl

# view DB OUT: results with scores, facets, timelines, --stats, --entities.
view() {
    db=$1 out=$2
    : >"$out"
    for q in 微软 OpenAI 纳德拉 股价 章鱼保罗 "微软 OR 章鱼" date:2023-11 person:纳德拉 "\"Sam Altman\""; do
        echo "== $q" >>"$out"
        "$CJKSEARCH" -d "$db" --dict "$DICT" --json -n 1000 -- "$q" >>"$out" 2>/dev/null
        "$CJKSEARCH" -d "$db" --dict "$DICT" -n 1 --facets --timeline day -- "$q" 2>/dev/null |
            sed -n '/^Facets of/,$p' >>"$out"
    done
    "$CJKINDEX" -d "$db" --stats >>"$out"
    "$CJKINDEX" -d "$db" --entities --dict "$DICT" >>"$out"
}
ndocs() {
    xapian-delve "$1" | sed -n 's/^number of documents = //p'
}

test_expect_success 'a fresh index of the live articles, for comparison' '
    "$CJKINDEX" -q -j 1 -d fresh.db --dict "$DICT" live.jsonl &&
    view fresh.db want
'
for j in 1 2; do
    test_expect_success "-j $j: deletes and a replacement leave tombstones" "
        \"\$CJKINDEX\" -q -j $j -d j$j.db --dict \"\$DICT\" all.jsonl &&
        \"\$CJKINDEX\" -q -d j$j.db --delete dump-002 &&
        \"\$CJKINDEX\" -q -j 1 -d j$j.db --dict \"\$DICT\" new3.jsonl &&
        test \"\$(ndocs j$j.db)\" -gt \"\$(ndocs fresh.db)\"
    "
    test_expect_success "-j $j: --purge -j $j gives the fresh index: results, scores, facets" "
        \"\$CJKINDEX\" -j $j -d j$j.db --dict \"\$DICT\" --purge 2>err &&
        grep -q 'purged j$j.db: 18 articles' err &&
        test_expect_equal \"\$(ndocs j$j.db)\" \"\$(ndocs fresh.db)\" &&
        view j$j.db got && test_expect_equal_file got want &&
        ! ls -d j$j.db.tmp-* 2>/dev/null
    "
done
# terms DB: every term with its document and collection frequencies (not
# the wdf upper bound, which Xapian only keeps as a bound).
terms() {
    xapian-delve -a -vv -1 "$1" | awk '{ $NF = ""; print }'
}
# contents DB: its terms, then each document's data and values by id.
contents() {
    terms "$1" &&
    last=$(xapian-delve "$1" | sed -n 's/^highest document id ever used = //p') &&
    # (delve also tries each record's term list, which these indexes lack)
    { xapian-delve -d $(seq -f '-r %.0f' 1 "$last") "$1" 2>/dev/null || :; } &&
    for v in 0 1 2 3 4; do xapian-delve -V$v "$1" | sed 1d; done
}
# One writer adds articles in input order, as the fresh run did: the same
# documents under the same ids. (With two writers the merge orders them
# by writer, so only the terms and what searches see are the same there.)
test_expect_success '-j 1: the same terms, frequencies, data and values' '
    contents j1.db >c.got && contents fresh.db >c.want &&
    test $(wc -l <c.want) -gt 500 && test_expect_equal_file c.got c.want
'
test_expect_success '-j 2: the same terms and frequencies' '
    terms j2.db >t.got && terms fresh.db >t.want &&
    test_expect_equal_file t.got t.want
'
test_expect_success 'the purged index is compacted: smaller than a fresh -j 1 one' '
    test $(cat j1.db/*.glass | wc -c) -lt $(cat fresh.db/*.glass | wc -c)
'

test_expect_success 're-indexing the live articles into a purged index changes nothing' '
    "$CJKINDEX" -d j1.db --dict "$DICT" live.jsonl 2>err &&
    grep -q "indexed 18 articles (18 replaced)" err &&
    test_expect_equal "$(ndocs j1.db)" "$(ndocs fresh.db)" &&
    view j1.db got && test_expect_equal_file got want
'
test_expect_success 'purging an index without tombstones changes nothing' '
    "$CJKINDEX" -q -d j1.db --dict "$DICT" --purge &&
    view j1.db got && test_expect_equal_file got want
'

# Duplicates: the copies recorded for an article survive the purge.
mkdir -p hand
printf "%s\n" "微软追加投资人工智能公司" \
    "微软宣布向人工智能公司追加投资一百亿美元，市场反应积极，股价上涨。" \
    "分析人士认为，这笔交易将加速云计算业务的发展，也加剧了行业竞争。" \
    "据悉，双方将在数据中心、芯片采购和模型训练方面展开更深入的合作，预计明年完成交割。" \
    "多家机构随后上调了目标价，认为新业务有望在未来三年内贡献可观的收入增长。" >hand/a.txt
cp hand/a.txt hand/b.txt
printf "%s\n" "另一篇文章" "腾讯发布了新的游戏，玩家反应热烈，服务器一度拥堵。" >hand/c.txt
test_expect_success 'copies survive; a deleted article stays deleted' '
    "$CJKINDEX" -q -d dup.db hand &&
    "$CJKINDEX" -q -d dup.db --delete hand/c.txt &&
    "$CJKINDEX" -q -d dup.db --purge &&
    "$CJKSEARCH" -d dup.db --json 微软 | head -n 1 >r &&
    grep -q "\"copies\":\[{\"id\":\"hand/b.txt\"" r &&
    test_expect_code 1 "$CJKSEARCH" -d dup.db --json 腾讯 &&
    "$CJKINDEX" -d dup.db hand/b.txt 2>err &&
    grep -q "1 duplicate recorded as copies" err
'
test_expect_success 'an index built with --termlist keeps its termlist' '
    "$CJKINDEX" -q -j 1 --termlist -d tl.db --dict "$DICT" all.jsonl &&
    "$CJKINDEX" -q -d tl.db --delete dump-002 &&
    "$CJKINDEX" -q -d tl.db --dict "$DICT" --purge &&
    test -f tl.db/termlist.glass &&
    ! "$CJKSEARCH" -d tl.db --json -n 1000 OpenAI | grep -q "\"dump-002\""
'

test_expect_success 'errors: no database, a path given, the other fold setting' '
    test_expect_code 3 "$CJKINDEX" -d missing.db --purge 2>err &&
    grep -q "cannot purge .missing.db." err && ! test -e missing.db &&
    test_expect_code 2 "$CJKINDEX" -d j1.db --purge all.jsonl 2>err &&
    grep -q "takes no PATH" err &&
    printf "index:\n  fold_traditional: false\n" >nofold.yaml &&
    test_expect_code 2 "$CJKINDEX" -c nofold.yaml -d j1.db --purge 2>err &&
    grep -q "fold_traditional" err &&
    view j1.db got && test_expect_equal_file got want
'
test_expect_success 'a purge while another writer holds the index: exit 75, nothing lost' '
    mkfifo fifo
    ( "$CJKINDEX" -d j2.db - <fifo 2>err1; echo $? >rc1 ) &
    exec 9>fifo
    sleep 1 &&
    test_expect_code 75 "$CJKINDEX" -d j2.db --purge 2>err2 &&
    grep -qi "lock" err2 &&
    exec 9>&- && wait &&
    view j2.db got && test_expect_equal_file got want
'
test_done
