# SPDX-License-Identifier: MIT
# eval/setup.sh - what eval/run.sh (`make eval`) and eval/tune.sh (`make
# eval-tune`) both do first; sourced, with EVAL_NAME set to the name that
# prefixes the messages. Moves to the top of the repository, reads the
# common environment (see eval/run.sh), exits 0 with "SKIPPED" when the
# evaluation data is not here, checks the tools and programs, builds the
# sets into $S (cached) and lists them in $SETS, and compiles the baseline
# $BASE when it is missing or older than its source. Defines say and die.

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

CORPUS_DIR=${CJKNEWS_CORPUS_DIR:-$top/../shared/corpus}
CACHE=${CJKNEWS_EVAL_CACHE:-${HOME:-/tmp}/.cache/cjknews-eval}
EVAL_SAMPLE=${EVAL_SAMPLE:-1000}
CJKINDEX=${CJKINDEX:-./cjkindex}
CJKSEARCH=${CJKSEARCH:-./cjksearch}

say() { echo "$EVAL_NAME: $*" >&2; }
die() { echo "$EVAL_NAME: error: $*" >&2; exit 1; }

for f in cmrc2018-zh-hans/squad-style-data/cmrc2018_dev.json.zst drcd-zh-hant/DRCD_dev.json.zst \
         jsquad-ja/jsquad-valid-v1.3.json.zst korquad1-ko/KorQuAD_v1.0_dev.json.zst; do
    if [ ! -f "$CORPUS_DIR/$f" ]; then
        echo "$EVAL_NAME: SKIPPED: the evaluation data is not here" \
             "($CORPUS_DIR/$f; set CJKNEWS_CORPUS_DIR)."
        exit 0
    fi
done

for t in python3 zstd g++ pkg-config; do
    command -v "$t" >/dev/null 2>&1 || die "'$t' not found (run 'make deps')"
done
[ -x "$CJKINDEX" ] || die "$CJKINDEX not built (run 'make')"
[ -x "$CJKSEARCH" ] || die "$CJKSEARCH not built (run 'make')"

# ---- the sets (cached) ------------------------------------------------------
S=$CACHE/sets
mkdir -p "$S"
python3 eval/make-eval.py --corpus-dir "$CORPUS_DIR" --out "$S" --sample "$EVAL_SAMPLE" \
    || die "make-eval.py failed"
SETS=${EVAL_SETS:-$(python3 eval/make-eval.py --list --corpus-dir . --out .)}

# ---- the baseline program (eval/baseline-eval.cc includes bench/baseline.cc) --
BASE=build/eval/baseline-eval
if [ ! -x "$BASE" ] || [ -n "$(find bench/baseline.cc eval/baseline-eval.cc -newer "$BASE")" ]; then
    say "compiling $BASE"
    mkdir -p build/eval
    # shellcheck disable=SC2046
    g++ -std=c++17 -O2 -o "$BASE" eval/baseline-eval.cc \
        $(pkg-config --cflags --libs xapian-core) || die "cannot compile eval/baseline-eval.cc"
fi
