#!/usr/bin/env bash
# Benchmarks `cloudspec generate` and `cloudspec check` as whole processes: on the repository's specs and
# on synthetic spec sets of 100, 1,000 and 5,000 operations (scripts/synth_specs.py). Prints the
# median wall time and peak memory of RUNS runs, lines of generated Rust per operation, and the
# time per phase (parse, check, emit, format, write) from `generate --timings`.
#
# Usage: scripts/bench_generate.sh [RUNS] [SIZES...]     (default: 5 runs; 100 1000 5000)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 5000)

cargo build --release -q -p cloudspec
bin=$PWD/target/release/cloudspec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure LABEL CMD...: RUNS runs; prints median seconds and median peak MiB
# measure LABEL PREP CMD...: runs PREP (untimed: e.g. removing the previous output, which on
# some file systems costs more than writing it), then CMD, RUNS times.
measure() {
    local label=$1 prep=$2
    shift 2
    local times=() mems=()
    for _ in $(seq "$runs"); do
        eval "$prep"
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
        read -r t m <"$work/time"
        times+=("$t")
        mems+=("$m")
    done
    local t m
    t=$(printf '%s\n' "${times[@]}" | median)
    m=$(printf '%s\n' "${mems[@]}" | median)
    printf '%-28s %8.3f s %8.1f MiB\n' "$label" "$t" "$(awk -v m="$m" 'BEGIN {print m / 1024}')"
}

lines_per_op() {
    local out=$1 ops=$2
    local total code
    total=$(find "$out/src" -name '*.rs' -exec cat {} + | wc -l)
    code=$(find "$out/src" -name '*.rs' -exec cat {} + | grep -v -E '^\s*(//|$)' | wc -l)
    printf '%-28s %8d lines/op (%d without comments and blank lines)\n' "  generated Rust" "$((total / ops))" "$((code / ops))"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "runs per figure: $runs (median)"
echo

# Seed specs.
# A fresh, empty output directory; the previous one is moved aside and deleted after the
# measurements (deleting thousands of files right before a run slows the run's own writes on
# file systems that discard freed blocks, which is not generation's cost).
fresh_out() {
    [ -d "$work/out" ] && mv "$work/out" "$work/trash/$RANDOM$RANDOM"
    mkdir -p "$work/out"
}
mkdir -p "$work/trash"

# generate_set LABEL OPS SPECS: generation into an empty directory, then `check` against it,
# then the phases of one more fresh generation.
generate_set() {
    local label=$1 ops=$2 specs=$3
    local out=$work/out
    measure "$label generate ($ops ops)" "fresh_out" "$bin" generate --specs "$specs" --out "$out"
    measure "$label check ($ops ops)" ":" "$bin" check --specs "$specs" --out "$out"
    fresh_out
    echo "  phases of a fresh generation:"
    "$bin" generate --specs "$specs" --out "$out" --timings 2>&1 >/dev/null | sed 's/^/    /'
    lines_per_op "$out" "$ops"
}

# The repository's specs: as many operations as `lint` counts.
repo_ops=$("$bin" lint specs 2>/dev/null | grep -o -E '[0-9]+ operations' | head -1 | cut -d' ' -f1)
generate_set specs "$repo_ops" specs
for n in "${sizes[@]}"; do
    dir=$work/synth$n
    python3 scripts/synth_specs.py "$n" "$dir/specs" >/dev/null
    generate_set synthetic "$n" "$dir/specs"
done
