#!/usr/bin/env bash
# stratlens search vs fzf --filter on the same claims, at 100k and 1M claims.
#
#   bench/compare.sh [QUERY...]        (default queries below)
#   SIZES="100000" bench/compare.sh    (only 100k)
#   RUNS=5 DATA_DIR=/tmp/sl bench/compare.sh
#
# Generates each dataset once (examples/gen_dataset.rs) with its claims'
# searchable text (statement | quote | linked names) one per line, installs
# fzf with apt-get when it is missing, and times one-shot
# `stratlens search Q --data X` (load, validate, index, rank, print) against
# `fzf --filter Q < lines` (read, match, sort, print). Uses hyperfine when
# installed, else the best of RUNS runs timed with date +%s%N. Prints both
# times and the ratio stratlens/fzf (below 1.0: stratlens is faster).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
DATA_DIR=${DATA_DIR:-target/bench-data}
if [ $# -gt 0 ]; then QUERIES=("$@"); else QUERIES=("security" "serbia neutrality" "kosovo"); fi

if ! command -v fzf >/dev/null; then
    echo "installing fzf (apt-get)" >&2
    apt-get install -y fzf >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y fzf >/dev/null; }
fi
cargo build --release --quiet --bin stratlens --example gen_dataset
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/stratlens"
GEN="$TARGET/release/examples/gen_dataset"
mkdir -p "$DATA_DIR"

# best-of-RUNS wall time of a command, in milliseconds
best_ms() {
    local best=""
    for _ in $(seq "$RUNS"); do
        local t0 t1 ms
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}

hyper_ms() { # mean of hyperfine runs, in milliseconds
    local json
    json=$(mktemp)
    hyperfine --style none --warmup 1 --runs "$RUNS" -i --export-json "$json" "$1" >/dev/null 2>&1
    sed -n 's/.*"mean": *\([0-9.e+-]*\).*/\1/p' "$json" | head -1 | awk '{printf "%d", $1 * 1000}'
    rm -f "$json"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fzf $(fzf --version | cut -d' ' -f1); timing: $(command -v hyperfine >/dev/null && echo "hyperfine mean of $RUNS" || echo "best of $RUNS")"
printf '%-8s %-20s %12s %12s %7s\n' claims query stratlens_ms fzf_ms ratio
for n in $SIZES; do
    json="$DATA_DIR/gen-$n.json"
    lines="$DATA_DIR/gen-$n.txt"
    if [ ! -s "$json" ] || [ ! -s "$lines" ]; then
        "$GEN" "$n" "$json" --lines "$lines"
    fi
    for q in "${QUERIES[@]}"; do
        if command -v hyperfine >/dev/null; then
            s=$(hyper_ms "$BIN search '$q' --data '$json'")
            f=$(hyper_ms "fzf --filter '$q' < '$lines'")
        else
            s=$(best_ms "$BIN" search "$q" --data "$json")
            f=$(best_ms sh -c "fzf --filter '$q' < '$lines'")
        fi
        ratio=$(awk -v s="$s" -v f="$f" 'BEGIN { if (f > 0) printf "%.2f", s / f; else print "n/a" }')
        printf '%-8s %-20s %12s %12s %7s\n' "$n" "$q" "$s" "$f" "$ratio"
    done
done
