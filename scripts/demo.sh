#!/bin/sh
# make demo: index samples/ into ./demo.db and run the example queries,
# showing cross-script matching (traditional finds simplified and back).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
db=${DEMO_DB:-demo.db}
rm -rf "$db"
echo "== cjkindex -d $db samples/articles samples/dump.jsonl"
./cjkindex -d "$db" samples/articles samples/dump.jsonl
run() {
    echo
    echo "== cjksearch -d $db -n 3 '$1'"
    ./cjksearch -d "$db" -n 3 --no-color "$1" || echo "(no match)"
}
while IFS= read -r q; do
    case $q in ''|'#'*) continue;; esac
    run "$q"
done < samples/queries.txt
echo
echo "== scripted mode with --json (first result of two queries)"
printf '微軟\n纳德拉\n' | ./cjksearch -d "$db" --json -n 1
