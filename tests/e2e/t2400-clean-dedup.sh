#!/bin/sh
# 2300: boilerplate cleaning and duplicate grouping. Handmade articles
# always; the raw seeds of ../shared/seeds when present (their text is read
# at run time, never copied here).
. "$(dirname "$0")/test-lib.sh"
SEEDS="$SHARED/seeds"

mkdir -p hand
cat >hand/a.txt <<'TXT'
首页-新闻-体育-财经-娱乐-科技
微软追加投资人工智能公司
微软宣布向人工智能公司追加投资一百亿美元，市场反应积极，股价上涨。
分析人士认为，这笔交易将加速云计算业务的发展，也加剧了行业竞争。
据悉，双方将在数据中心、芯片采购和模型训练方面展开更深入的合作，预计明年完成交割。
多家机构随后上调了目标价，认为新业务有望在未来三年内贡献可观的收入增长。
也有观点提醒，监管审查和算力成本仍是不可忽视的风险，投资者应保持谨慎。
责任编辑：张三
TXT
sed 's/据悉，//' hand/a.txt >hand/b.txt  # near copy: SimHash distance 1
cp hand/a.txt hand/c.txt

test_expect_success '--explain-clean shows each line with its decision' '
    "$CJKINDEX" --explain-clean hand/a.txt >out &&
    grep -q "^DROP	title	short-segment list	首页-新闻" out &&
    grep -q "^DROP	body	promoted to title	微软追加投资" out &&
    grep -q "^KEEP	body	-	微软宣布" out &&
    grep -q "^DROP	body	boilerplate phrase	责任编辑" out
'
test_expect_success 'exact and near duplicates are recorded as copies of one article' '
    "$CJKINDEX" -d db hand 2>err &&
    grep -q "indexed 1 article " err &&
    grep -q "2 duplicates recorded as copies" err &&
    grep -q "6 boilerplate lines dropped" err &&
    "$CJKSEARCH" -d db --json 微软 >r &&
    test_expect_equal "$(sed "s/.*\"article_id\":\"\([^\"]*\)\".*/\1/" r | sort -u)" hand/a.txt &&
    grep -q "\"title\":\"微软追加投资人工智能公司\"" r &&
    ! grep -q 责任编辑 r
'
test_expect_success 'the searcher lists the copies of a result' '
    "$CJKSEARCH" -d db --json 微软 | head -n 1 >r &&
    python3 -c "
import json
r = json.loads(open(\"r\").read())
assert sorted(c[\"id\"] for c in r[\"copies\"]) == [\"hand/b.txt\", \"hand/c.txt\"], r
" &&
    "$CJKSEARCH" -d db 微软 | grep -q "2 copies"
'
test_expect_success 'a later run finds duplicates of what the index holds' '
    mkdir later && cp hand/a.txt later/d.txt &&
    "$CJKINDEX" -d db later 2>err &&
    grep -q "1 duplicate recorded as copies" err &&
    "$CJKINDEX" -d db --stats >st &&
    grep -q "^articles 1$" st
'
test_expect_success 're-indexing keeps the same grouping' '
    "$CJKINDEX" -d db hand 2>err &&
    grep -q "indexed 1 article (1 replaced)" err &&
    grep -q "2 duplicates recorded as copies" err
'
test_expect_success '--delete removes a copy record' '
    "$CJKINDEX" -d db --delete hand/c.txt &&
    test_expect_code 1 "$CJKINDEX" -d db --delete hand/c.txt
'
# The duplicate keys of a schema 5 index leave out the id: a later run
# reads a canonical's id from its passage 0 when an article matches it.
test_expect_success 'the keys of a new index hold no id; a deleted canonical no longer groups' '
    "$CJKINDEX" -q -d db3 hand/a.txt &&
    xapian-delve -1 -a db3 2>/dev/null | grep -a "a\.txt" >named &&
    test_expect_equal "$(cat named)" "Ahand/a.txt" &&
    mkdir again && cp hand/b.txt again/e.txt &&
    "$CJKINDEX" -d db3 again 2>err && grep -q "1 duplicate recorded as copies" err &&
    "$CJKINDEX" -q -d db3 --delete hand/a.txt &&
    mkdir third && cp hand/b.txt third/f.txt &&
    "$CJKINDEX" -d db3 third 2>err && grep -q "indexed 1 article " err &&
    grep -q "0 duplicates recorded" err
'
test_expect_success 'dedup.enabled: false indexes every copy' '
    printf "dedup:\n  enabled: false\n" >nodedup.yaml &&
    "$CJKINDEX" -c nodedup.yaml -d db2 hand 2>err &&
    grep -q "indexed 3 articles" err
'
test_expect_success 'bad dedup and clean values are config errors' '
    printf "dedup:\n  simhash_max_distance: many\n" >bad1.yaml &&
    test_expect_code 2 "$CJKINDEX" -c bad1.yaml -d db3 hand &&
    printf "clean:\n  enabled: maybe\n" >bad2.yaml &&
    test_expect_code 2 "$CJKINDEX" -c bad2.yaml -d db3 hand
'

if [ ! -d "$SEEDS" ]; then
    test_skip "raw seeds" "no $SEEDS (the shared data is not beside the repository)"
    test_done
fi
seed3=$(ls "$SEEDS"/003_*.txt)
spam=$(grep -m1 . "$seed3" | sed "s/[[:space:]]*\$//")
title=$(grep . "$seed3" | sed -n 2p | sed "s/[[:space:]]*\$//")

test_expect_success 'seed 003: the spam first line is dropped, the real title kept' '
    "$CJKINDEX" --explain-clean "$seed3" >out &&
    grep -F "DROP	title	" out | grep -qF "$spam" &&
    grep -F "promoted to title" out | grep -qF "$title" &&
    test "$(grep -c "^KEEP	body" out)" -ge 20
'
test_expect_success 'seeds index without the spam, with the real title' '
    "$CJKINDEX" -d seeds.db "$SEEDS" 2>err &&
    "$CJKSEARCH" -d seeds.db --json -n 200 OpenAI >r &&
    grep -qF "\"title\":\"$title\"" r &&
    ! grep -qF "$spam" r &&
    w=$(printf %s "$spam" | cut -d- -f1) &&
    test_expect_code 1 "$CJKSEARCH" -d seeds.db "$w"
'
test_expect_success 'an article pasted twice in one file is indexed once' '
    "$CJKINDEX" --explain-clean "$SEEDS"/002_*.txt >out &&
    test "$(grep -c "repeated in article" out)" -ge 10 &&
    "$CJKINDEX" --dump-passages "$SEEDS"/002_*.txt "$SEEDS"/000_*.txt >p 2>/dev/null &&
    python3 -c "
import json, collections
seen = collections.Counter()
for line in open(\"p\"):
    x = json.loads(line)
    for para in x[\"text\"].split(\"\\n\"):
        if len(para) >= 8:
            seen[(x[\"article_id\"], para)] += 1
assert max(seen.values()) == 1, seen.most_common(1)
"
'
test_done
