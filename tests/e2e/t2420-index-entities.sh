#!/bin/sh
# 2400: the entity dictionary (config/entities/): --analyze --dict shows
# the entities of a text, indexing adds P/O terms, --entities lists them.
. "$(dirname "$0")/test-lib.sh"
DICT="$TEST_TOP/config/entities"

test_expect_success '--analyze --dict finds people across scripts' '
    "$CJKINDEX" --analyze --dict "$DICT" "奧特曼與納德拉，Sam Altman，올트먼" >out &&
    test_expect_equal "$(grep -c "^entity .* person sam-altman" out)" 4 &&
    grep -q "^entity  納德拉  12-21  person satya-nadella" out
'
test_expect_success 'indexing with --dict; --entities lists counts and names' '
    "$CJKINDEX" -q -d db --dict "$DICT" "$TEST_TOP/samples/dump.jsonl" &&
    "$CJKINDEX" -d db --entities --dict "$DICT" >ents &&
    grep -q "^person	sam-altman	[1-9][0-9]*	Sam Altman$" ents &&
    grep -q "^org	microsoft	[1-9][0-9]*	Microsoft$" ents
'
test_expect_success 'without --dict only discovered candidates are listed' '
    "$CJKINDEX" -q -d db2 "$TEST_TOP/samples/dump.jsonl" &&
    "$CJKINDEX" -d db2 --entities >ents2 &&
    test_expect_equal "$(grep -vc "^candidate	" ents2)" 0 &&
    # two passages: the second says only 希尔, linked to the full name
    grep -q "^candidate	person	埃米特·希尔	2	Emmett Shear$" ents2 &&
    grep -q "^candidate	org	OpenAI	[1-9][0-9]*	$" ents2
'
test_expect_success '--entities --yaml writes candidates as a loadable dictionary' '
    "$CJKINDEX" -d db2 --entities --yaml >cand.yaml &&
    grep -q "^  - id: candidate-1$" cand.yaml &&
    "$CJKINDEX" --dict cand.yaml --analyze "Emmett Shear表示" >out &&
    grep -q "^entity  Emmett Shear  0-12  person candidate-" out
'
test_expect_success '--analyze shows discovered candidates' '
    "$CJKINDEX" --analyze "米拉·穆拉蒂(Mira Murati)与CoreWeave" >out &&
    grep -q "^candidate  米拉·穆拉蒂  0-17  person bracket  alias Mira Murati" out &&
    grep -q "^candidate  CoreWeave  .* org camel" out
'
test_expect_success 'a bad dictionary is a usage error naming file:line:col' '
    printf "entities:\n  - id: x\n    type: robot\n" >bad.yaml &&
    test_expect_code 2 "$CJKINDEX" --dict bad.yaml --analyze x 2>err &&
    grep -q "bad.yaml:3:11: type .robot." err
'
test_expect_success '--entities on a missing database exits 3' '
    test_expect_code 3 "$CJKINDEX" -d nodb --entities 2>err &&
    grep -q "cannot read .nodb." err
'
test_done
