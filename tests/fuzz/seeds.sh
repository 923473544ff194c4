# seeds.sh - sourced: fuzz_seeds TARGET prints the seed files of a fuzz
# target, one per line: its own seeds, real inputs from the repository, and
# every past crash input in tests/corpora/fuzz-regressions/TARGET/.
fuzz_seeds() {
    t=$1
    case $t in
    tokenizer) dirs="samples/articles tests/cases" ;;
    encoding) dirs="samples/articles tests/corpora/broken" ;;
    config) dirs="config tests/fuzz/seeds/config" ;;
    query) dirs="samples/queries.txt tests/fuzz/seeds/query" ;;
    entities) dirs="config/entities tests/fuzz/seeds/entities" ;;
    dates) dirs="tests/cases/dates.cases tests/fuzz/seeds/dates samples/queries.txt" ;;
    jsonl) dirs="samples/dump.jsonl tests/corpora/clean tests/corpora/broken tests/fuzz/seeds/jsonl" ;;
    record) dirs="tests/fuzz/seeds/record" ;;
    literal) dirs="tests/fuzz/seeds/literal" ;;
    hot) dirs="tests/fuzz/seeds/hot" ;;
    *) dirs="" ;;
    esac
    # shellcheck disable=SC2086
    find $dirs "tests/corpora/fuzz-regressions/$t" -type f -size -1024k 2>/dev/null | sort
}
