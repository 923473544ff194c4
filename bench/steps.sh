# SPDX-License-Identifier: MIT
# bench/steps.sh - the measuring steps of bench/run.sh (sourced by it; uses
# its variables W, C, CJKINDEX, CJKSEARCH, GNUTIME, MAINJ). Every step
# writes its measurements into $W under fixed names that bench/report.py
# reads.

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# db_sizes DB OUT: "total BYTES" (du -sb, as the index row) and
# "FILE BYTES" per file, so the report can split postings, positions and
# term lists from the stored passage text (docdata.glass).
db_sizes() {
    {
        echo "total $(du -sb "$1" | cut -f1)"
        for f in "$1"/*; do
            [ -f "$f" ] && echo "$(basename "$f") $(stat -c %s "$f")"
        done
    } >"$2"
}

# index_cjk TAG DB CORPUS [OPTION...]: one timed cjkindex run into DB,
# GNU time output in time-TAG.txt, its messages in index-TAG.log.
index_cjk() {
    tag=$1 db=$2 corpus=$3
    shift 3
    sync
    rc=0
    "$GNUTIME" -v -o "$W/time-$tag.txt" "$CJKINDEX" "$@" -d "$db" "$corpus" \
        >"$W/index-$tag.log" 2>&1 || rc=$?
    # 1 = some records rejected (reported in the log): still a complete run
    if [ "$rc" -gt 1 ]; then
        tail -n 20 "$W/index-$tag.log" >&2; die "cjkindex ($tag) failed (status $rc)"
    fi
    [ "$rc" -eq 1 ] && say "warning: cjkindex ($tag) rejected some records (see $W/index-$tag.log)"
    sync
}

# search_batch DB QUERIES OUT [OPTION...]: cjksearch --batch --json -n 100.
search_batch() {
    db=$1 q=$2 out=$3
    shift 3
    rc=0
    "$CJKSEARCH" -d "$db" --batch "$q" --json -n 100 "$@" >"$out" 2>"$out.log" || rc=$?
    # 1 = some query found nothing: normal
    if [ "$rc" -gt 1 ]; then
        tail -n 20 "$out.log" >&2; die "cjksearch on $db failed (status $rc)"
    fi
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# count_hits DB QUERY ARTICLE_ID: passages of ARTICLE_ID among the first 100
# results of QUERY.
count_hits() {
    "$CJKSEARCH" -d "$1" --json -n 100 -- "$2" 2>/dev/null \
        | grep -F -c "\"article_id\":\"$3\"" || true
}

# incremental: the corpus without every 100th article (the 99%) is built
# with the default number of writers, then the 1% is added, timed, once
# with -j MAINJ and once with -j 1 (on a copy); then one article is deleted
# and searched for. Results in time-inc*.txt and inc.txt.
incremental() {
    awk 'NR % 100 == 0' "$C/corpus.jsonl" >"$W/inc-1.jsonl"
    awk 'NR % 100 != 0' "$C/corpus.jsonl" >"$W/inc-99.jsonl"
    say "incremental: building the 99% ($(wc -l <"$W/inc-99.jsonl" | tr -d ' ') articles, -j $MAINJ)"
    index_cjk inc99 "$W/inc.db" "$W/inc-99.jsonl" -j "$MAINJ"
    cp -a "$W/inc.db" "$W/inc-j1.db"
    say "incremental: adding the 1% ($(wc -l <"$W/inc-1.jsonl" | tr -d ' ') articles) with -j $MAINJ, then with -j 1"
    index_cjk inc1 "$W/inc.db" "$W/inc-1.jsonl" -j "$MAINJ"
    index_cjk inc1-j1 "$W/inc-j1.db" "$W/inc-1.jsonl" -j 1
    rm -rf "$W/inc-j1.db"

    # the article to delete: the known item of the first known-item query
    # that found it at rank 1, so "gone from search" is a real check
    pick=$(python3 bench/known.py "$W/run-cjk.jsonl" "$C/queries.tsv" "$C/qrels.txt") \
        || die "no known-item query found its article: nothing to delete"
    q=$(printf '%s\n' "$pick" | cut -f1)
    aid=$(printf '%s\n' "$pick" | cut -f2)
    before=$(count_hits "$W/inc.db" "$q" "$aid")
    arts_before=$("$CJKINDEX" -d "$W/inc.db" --stats | awk '$1 == "articles" {print $2}')
    say "incremental: deleting article $aid"
    t0=$(now_ms)
    "$CJKINDEX" -q -d "$W/inc.db" --delete "$aid" >"$W/delete.log" 2>&1 \
        || { cat "$W/delete.log" >&2; die "cjkindex --delete $aid failed"; }
    t1=$(now_ms)
    after=$(count_hits "$W/inc.db" "$q" "$aid")
    arts_after=$("$CJKINDEX" -d "$W/inc.db" --stats | awk '$1 == "articles" {print $2}')
    {
        echo "delete_id $aid"
        echo "delete_query $q"
        echo "delete_ms $((t1 - t0))"
        echo "hits_before $before"
        echo "hits_after $after"
        echo "articles_before $arts_before"
        echo "articles_after $arts_after"
        echo "added_articles $(wc -l <"$W/inc-1.jsonl" | tr -d ' ')"
    } >"$W/inc.txt"
    rm -rf "$W/inc.db" "$W/inc-1.jsonl" "$W/inc-99.jsonl"
}

# peers: ../shared/peers on the same corpus, known-item queries and qrels
# (our corpus.jsonl, queries.tsv and qrels.txt are already in its formats).
# Installs the peers' Debian packages when some are missing, unless
# BENCH_PEERS_INSTALL=0.
peers_missing() {
    for t in indexer searchd groonga java javac; do
        command -v "$t" >/dev/null 2>&1 || { echo "$t"; return 0; }
    done
    /usr/bin/python3 -c 'import xapian, pymysql' 2>/dev/null || { echo "python3-xapian/pymysql"; return 0; }
    return 1
}

# peers_skip REASON: said now and printed under the tables.
peers_skip() {
    say "peers: SKIPPED: $*"
    echo "$*" >"$W/peers-skipped.txt"
}

run_peers() {
    [ -x "$PEERS_DIR/run_all.sh" ] || { peers_skip "no $PEERS_DIR/run_all.sh (set CJKNEWS_PEERS_DIR)"; return 0; }
    if [ "${BENCH_PEERS_INSTALL:-1}" != 0 ] && m=$(peers_missing); then
        say "peers: '$m' is missing: installing the peers' Debian packages with" \
            "$PEERS_DIR/install.sh (apt-get, as root; BENCH_PEERS_INSTALL=0 to skip)"
        "$PEERS_DIR/install.sh" >"$W/peers-install.log" 2>&1 \
            || { tail -n 5 "$W/peers-install.log" >&2; peers_skip "$PEERS_DIR/install.sh failed (see $W/peers-install.log)"; return 0; }
    fi
    say "peers: $PEERS_DIR/run_all.sh on $C/corpus.jsonl (${PEERS:-all peers})"
    rm -rf "$W/peers"
    # The PostgreSQL peer runs its server and its feeder as the postgres
    # user, which cannot enter root's home (mode 700, where the cache
    # usually is): the peers get a directory of their own that everyone
    # can read, with a copy of their inputs, and their results are moved
    # back into the run directory.
    pd=$(mktemp -d "${TMPDIR:-/tmp}/cjknews-peers.XXXXXX") || die "cannot make a directory for the peers"
    chmod 755 "$pd"
    cp "$C/corpus.jsonl" "$C/queries.tsv" "$C/qrels.txt" "$pd/" || die "cannot copy the peers' inputs"
    chmod 644 "$pd/corpus.jsonl" "$pd/queries.tsv" "$pd/qrels.txt"
    KEEP_INDEX=0 "$PEERS_DIR/run_all.sh" "$pd/corpus.jsonl" "$pd/queries.tsv" "$pd/qrels.txt" \
        "$pd/out" >"$W/peers.log" 2>&1 \
        || say "peers: some peer failed (see the notes under its table, $W/peers.log)"
    mv "$pd/out" "$W/peers" || die "cannot move the peers' results from $pd/out"
    rm -rf "$pd"
}
