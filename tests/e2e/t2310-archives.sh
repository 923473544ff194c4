#!/bin/sh
# 2310: archives and compressed files (tar.gz, zip, xz, zst) read in
# process through libarchive, made here from the repository's samples.
. "$(dirname "$0")/test-lib.sh"
SAMPLES="$TEST_TOP/samples"

test_expect_success 'set-up: a tree of text, HTML and JSON Lines' '
    mkdir -p in/sub &&
    printf "微軟投資OpenAI\n2023年11月20日 微軟宣布向OpenAI追加投資。\n" >in/a.txt &&
    printf "<html><head><title>T</title><meta property=\"og:title\" content=\"香港電車新車\">" >in/sub/b.html &&
    printf "<meta property=\"article:published_time\" content=\"2022-05-01T08:00:00+08:00\"></head>" >>in/sub/b.html &&
    printf "<body><nav>首頁 新聞 體育</nav><p>香港電車今日推出新車&amp;路線。</p><script>var x=1;</script></body></html>" >>in/sub/b.html &&
    printf "{\"id\":\"j1\",\"title\":\"東京の桜\",\"body\":\"東京で桜が満開。\",\"date\":\"2024-03-30\"}\n" >in/c.jsonl
'
test_expect_success 'the tree itself: 3 articles' '
    "$CJKINDEX" -d dir.db in 2>err && grep -q "indexed 3 articles" err
'
test_expect_success 'tar.gz: same 3 articles, members named ARCHIVE!member' '
    tar -czf in.tar.gz in && "$CJKINDEX" -d tgz.db in.tar.gz 2>err &&
    grep -q "indexed 3 articles" err && grep -q "rejected 0" err &&
    "$CJKINDEX" --dump-passages in.tar.gz >p.jsonl &&
    grep -q "\"article_id\":\"in.tar.gz!in/a.txt\"" p.jsonl
'
test_expect_success 'zip: same 3 articles' '
    if command -v zip >/dev/null; then zip -qr in.zip in;
    else python3 -c "import shutil; shutil.make_archive(\"in\", \"zip\", \".\", \"in\")"; fi &&
    "$CJKINDEX" -d zip.db in.zip 2>err && grep -q "indexed 3 articles" err
'
test_expect_success 'tar.xz and tar.zst: same 3 articles' '
    tar -cf in.tar in && xz -k in.tar && zstd -q in.tar &&
    "$CJKINDEX" -d xz.db in.tar.xz 2>err && grep -q "indexed 3 articles" err &&
    "$CJKINDEX" -d zst.db in.tar.zst 2>err && grep -q "indexed 3 articles" err
'
test_expect_success 'single compressed files: .jsonl.gz and .txt.xz read as what is inside' '
    gzip -c in/c.jsonl >c.jsonl.gz && xz -c in/a.txt >a.txt.xz &&
    "$CJKINDEX" -d one.db c.jsonl.gz a.txt.xz 2>err && grep -q "indexed 2 articles" err &&
    "$CJKINDEX" --dump-passages c.jsonl.gz | grep -q "\"article_id\":\"j1\""
'
test_expect_success 'a gzip file without suffix is found by its magic bytes' '
    gzip -c in/a.txt >noext && "$CJKINDEX" --dump-passages noext | grep -q OpenAI
'
test_expect_success 'HTML: og:title, meta date, nav and script dropped, entities decoded' '
    "$CJKINDEX" --dump-passages in/sub/b.html >h.jsonl &&
    grep -q "\"title\":\"香港電車新車\"" h.jsonl && grep -q "\"date\":\"2022-05-01\"" h.jsonl &&
    grep -q "新車&路線" h.jsonl && ! grep -q "首頁\|var x" h.jsonl
'
test_expect_success 'text: the dateline of the first line is the date' '
    "$CJKINDEX" --dump-passages in/a.txt | grep -q "\"date\":\"2023-11-20\""
'
test_expect_success 'the samples directory packed as tar.zst indexes like the directory' '
    "$CJKINDEX" -d s1.db "$SAMPLES" 2>e1; tar -C "$SAMPLES/.." -cf - samples | zstd -q >s.tar.zst &&
    "$CJKINDEX" -d s2.db s.tar.zst 2>e2;
    a=$(grep -o "indexed [0-9]* articles" e1) && b=$(grep -o "indexed [0-9]* articles" e2) &&
    test_expect_equal "$a" "$b"
'
test_expect_success 'a truncated archive is a reject, not a crash' '
    head -c 300 in.tar.gz >bad.tar.gz && test_expect_code 1 "$CJKINDEX" -d bad.db bad.tar.gz 2>err;
    grep -q "bad.tar.gz" err
'
test_done
