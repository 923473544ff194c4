#!/bin/sh
# 2430: discovery completed: a name after a title (CEO纳德拉, Microsoft CEO
# Satya Nadella, 豊田章男社長は, 이재용 회장은), a lone surname linked to the
# full name named elsewhere in the article (candidates and dictionary
# people, across traditional and simplified spellings), the dictionary
# named by the config (entities.dict), and the --entities --yaml round
# trip. The articles below are written for this test.
. "$(dirname "$0")/test-lib.sh"

mkdir -p in conf/ents
# One paragraph, one passage (passage.min_chars 0).
printf '山姆·阿尔特曼回到OpenAI\n\nOpenAI宣布，山姆·阿尔特曼将重新出任首席执行官。\n\n阿尔特曼在社交媒体上说，他期待回到公司。\n' >in/a1.txt
printf 'Nadella on OpenAI\n\nMicrosoft CEO Satya Nadella said the team would join Microsoft.\n\nNadella added that the partnership goes on.\n' >in/a2.txt
printf '奥特曼主题展开幕\n\n奥特曼主题展今天在上海开幕，吸引了许多小朋友。\n' >in/a3.txt
printf '山姆·奥特曼的新公司\n\n山姆·奥特曼投资了一家能源公司。\n\n奥特曼说，这是他最大的一笔个人投资。\n' >in/a4.txt
printf '微軟宣布延攬\n\n微軟執行長納德拉宣布延攬新團隊。\n\n納德拉表示，合作關係不變。\n' >in/a5.txt
printf '纳德拉访华\n\n纳德拉今天抵达北京。\n' >in/a6.txt
printf 'トヨタ決算\n\nトヨタ自動車の豊田章男社長は記者会見で語った。\n' >in/a7.txt
printf '삼성 발표\n\n삼성전자 이재용 회장은 신제품을 발표했다.\n' >in/a8.txt
cat >conf/ents/people.yaml <<'YAML'
entities:
  - id: sam-altman
    type: person
    name: Sam Altman
    aliases: [山姆·阿尔特曼, 山姆·奥特曼]
  - id: satya-nadella
    type: person
    name: Satya Nadella
    aliases: [萨提亚·纳德拉]
YAML
cat >conf/cjknews.yaml <<'YAML'
passage: {min_chars: 0}
dedup: {enabled: false}
entities:
  dict: [ents/people.yaml]
  titles: [掌门人]
YAML
printf 'passage: {min_chars: 0}\ndedup: {enabled: false}\n' >plain.yaml

# "passages" of candidate NAME in database DB (0 when not listed).
cand() { "$CJKINDEX" -c plain.yaml -d "$1" --entities | awk -F'\t' -v n="$2" '$1 == "candidate" && $3 == n { print $4; f = 1 } END { if (!f) print 0 }'; }
hits() { db=$1; shift; "$CJKSEARCH" -d "$db" --no-pager --format tsv -n 500 "$@" | cut -f5,6 | sed 's|.*/||' | tr '\t' '#' | sort -u | tr '\n' ' '; }

test_expect_success 'a name after a title is a candidate, in five languages' '
    "$CJKINDEX" -q -c plain.yaml -d db in &&
    "$CJKINDEX" -c plain.yaml -d db --entities >ents &&
    grep -q "^candidate	person	Satya Nadella	" ents &&
    grep -q "^candidate	person	納德拉	" ents &&
    grep -q "^candidate	person	豊田章男	1	" ents &&
    grep -q "^candidate	person	이재용	1	" ents &&
    test_expect_equal "$(cand db 奥特曼主题展)" 0
'
test_expect_success 'a lone surname later in the article gets the full name (XP)' '
    test_expect_equal "$(cand db 山姆·阿尔特曼)" 2 &&
    test_expect_equal "$(cand db "Satya Nadella")" 2 &&
    test_expect_equal "$(cand db 納德拉)" 2 &&
    test_expect_equal "$(cand db 山姆·奥特曼)" 2
'
test_expect_success 'without the full form in the article, no link' '
    test_expect_equal "$(cand db 纳德拉)" 0
'
test_expect_success '--analyze shows title candidates' '
    "$CJKINDEX" --analyze "微软CEO纳德拉宣布" >out &&
    grep -q "^candidate  纳德拉  9-18  person title$" out
'
test_expect_success 'entities.titles adds titles' '
    "$CJKINDEX" -c conf/cjknews.yaml --analyze "YC掌门人奥特曼宣布" >out &&
    grep -q "^candidate  奥特曼  .* person title" out &&
    "$CJKINDEX" -c plain.yaml --analyze "YC掌门人奥特曼宣布" >out &&
    ! grep -q "person title" out
'
test_expect_success 'entities.dict: the config names the dictionary for both programs' '
    "$CJKINDEX" -q -c conf/cjknews.yaml -d dbd in &&
    "$CJKINDEX" -c conf/cjknews.yaml -d dbd --entities >ents &&
    grep -q "^person	sam-altman	" ents &&
    test_expect_equal "$(hits dbd -c conf/cjknews.yaml person:山姆·奥特曼 | wc -w)" 4 &&
    test_expect_equal "$(hits dbd -c conf/cjknews.yaml person:sam-altman)" \
        "a1.txt#0 a1.txt#1 a4.txt#0 a4.txt#1 "
'
test_expect_success 'a dictionary surname counts only where the article names the full form' '
    hits dbd -c conf/cjknews.yaml person:sam-altman >h &&
    ! grep -q a3.txt h
'
test_expect_success 'traditional spellings link to a simplified dictionary form' '
    printf "薩提亞·納德拉訪台\n\n薩提亞·納德拉今天抵達台北。\n\n納德拉表示，很高興來訪。\n" >in2.txt &&
    "$CJKINDEX" -q -c conf/cjknews.yaml -d dbt in2.txt &&
    test_expect_equal "$(hits dbt -c conf/cjknews.yaml person:satya-nadella)" \
        "in2.txt#0 in2.txt#1 "
'
test_expect_success '--dict replaces entities.dict' '
    "$CJKINDEX" -q -c conf/cjknews.yaml --dict "$TEST_TOP/config/entities" -d dbs in &&
    "$CJKINDEX" -c plain.yaml -d dbs --entities >ents &&
    grep -q "^person	satya-nadella	" ents
'
test_expect_success 'the default dictionary: entities/ next to the config file' '
    mkdir -p conf2/entities && cp conf/ents/people.yaml conf2/entities/ &&
    cp plain.yaml conf2/cjknews.yaml &&
    "$CJKINDEX" -c conf2/cjknews.yaml --analyze "山姆·奥特曼" >out &&
    grep -q "^entity  山姆·奥特曼  .* person sam-altman" out &&
    printf "entities: {dict: []}\n" >>conf2/cjknews.yaml &&
    "$CJKINDEX" -c conf2/cjknews.yaml --analyze "山姆·奥特曼" >out &&
    ! grep -q "^entity" out
'
test_expect_success 'entities.dict errors name file:line:col' '
    printf "entities:\n  dict: [nope.yaml]\n" >bad1.yaml &&
    test_expect_code 2 "$CJKINDEX" -c bad1.yaml --analyze x 2>err &&
    grep -q "bad1.yaml:2:10: .entities.dict.: cannot use .nope.yaml.: No such file" err &&
    test_expect_code 2 "$CJKSEARCH" -c bad1.yaml -d db x 2>err &&
    grep -q "bad1.yaml:2:10:" err &&
    printf "entities:\n  - id: x\n    type: robot\n" >conf/ents/bad.yaml &&
    printf "entities: {dict: ents/bad.yaml}\n" >conf/bad2.yaml &&
    test_expect_code 2 "$CJKINDEX" -c conf/bad2.yaml --analyze x 2>err &&
    grep -q "conf/ents/bad.yaml:3:11: type .robot." err &&
    test_expect_code 2 "$CJKSEARCH" -c conf/bad2.yaml -d db x 2>err &&
    grep -q "conf/ents/bad.yaml:3:11: type .robot." err
'
test_expect_success '--entities --yaml round trip: curated YAML -> --dict -> person: finds the passages' '
    "$CJKINDEX" -q -c plain.yaml -d dbr "$SAMPLES" &&
    "$CJKINDEX" -c plain.yaml -d dbr --entities --yaml >cand.yaml &&
    id=$(grep -B3 "name: \"納德拉\"" cand.yaml | sed -n "s/^  - id: //p") &&
    test -n "$id" &&
    "$CJKINDEX" -q -c plain.yaml -d dbr2 --dict cand.yaml "$SAMPLES" &&
    "$CJKSEARCH" -c plain.yaml -d dbr2 --dict cand.yaml --no-pager --format tsv -n 100 \
        "person:$id" >found &&
    test "$(wc -l <found)" -ge 2 &&
    test_expect_equal "$(grep -v 納德拉 found | grep -vc 纳德拉)" 0 &&
    "$CJKSEARCH" -c plain.yaml -d dbr2 --dict cand.yaml --no-pager --format tsv -n 100 \
        person:納德拉 >found2 &&
    test_expect_equal_file found2 found
'

test_expect_success 'a name in both Chinese scripts is one candidate, one facet entry' '
    mkdir in2 &&
    cp in/a5.txt in2/ &&
    printf "微软新品\n\n微软首席执行官纳德拉出席发布会。\n" >in2/a9.txt &&
    "$CJKINDEX" -q -c plain.yaml -d db2 in2 &&
    "$CJKINDEX" -c plain.yaml -d db2 --entities >ents2 &&
    test_expect_equal "$(cat ents2)" "candidate	person	納德拉	3	纳德拉" &&
    "$CJKSEARCH" -c plain.yaml -d db2 --facets --json -- 德拉 | tail -n 1 >facets2 &&
    grep -q "\"people\":\[{\"key\":\"納德拉\",\"name\":\"納德拉\",\"count\":3}\]" facets2
'
SEEDS="$SHARED/seeds"
if ! [ -d "$SEEDS" ]; then
    test_skip "discovery on the raw seeds" "no $SEEDS (the shared data is not beside the repository)"
    test_done
fi
DICT="$TEST_TOP/config/entities"
test_expect_success 'seeds: 纳德拉 and 11月19日 meet' '
    "$CJKINDEX" -q -c plain.yaml -d dbseeds --dict "$DICT" "$SEEDS" &&
    "$CJKSEARCH" -d dbseeds --dict "$DICT" --no-pager --format tsv -n 100 \
        "person:satya-nadella \"11月19日\"" >meet &&
    test "$(wc -l <meet)" -ge 1 &&
    test_expect_equal "$(cut -f8 meet | grep 纳德拉 | grep -c 11月19日)" "$(wc -l <meet)"
'
test_expect_success 'seeds: the same person through traditional and simplified spellings' '
    "$CJKSEARCH" -d dbseeds --dict "$DICT" --no-pager --format tsv -n 500 \
        person:sam-altman >altman &&
    grep -q 奧特曼 altman && grep -q 阿尔特曼 altman &&
    "$CJKINDEX" -c plain.yaml -d dbseeds --entities >ents &&
    grep "^candidate	person	纳德拉	" ents >nadella &&
    test_expect_equal "$(wc -l <nadella)" 1 &&
    cut -f5 nadella | grep -q "^納德拉" &&
    ! grep -q "^candidate	person	納德拉	" ents &&
    sum=$(xapian-delve -v -1 -A XP dbseeds | awk "\$1 == \"XP纳德拉\" || \$1 == \"XP納德拉\" { s += \$2 } END { print s }") &&
    test "$sum" -gt 0 && test_expect_equal "$(cut -f4 nadella)" "$sum"
'
test_expect_success 'seeds: lone surnames are linked (more passages than the full name alone)' '
    full=$(grep -c "山姆·阿尔特曼" "$SEEDS"/*.txt | awk -F: "{ s += \$2 } END { print s }") &&
    n=$(cand dbseeds 山姆·阿尔特曼) &&
    test "$n" -gt "$full"
'
test_done
