#!/usr/bin/env bash
# Benchmarks what every consumer pays: compiling the generated crate. Generates a crate from a
# synthetic spec set of OPS operations (scripts/synth_specs.py, 50 operations per service, one
# cargo feature per service) in a scratch workspace, prebuilds the dependencies, then measures
# (wall time and peak memory of `cargo build`, median of RUNS runs):
#   - a cold build of the crate with all features, and with one service feature;
#   - an incremental build after one spec change (one description edited, regenerated);
# and prints lines of generated Rust per operation.
#
# Usage: scripts/bench_compile.sh [OPS] [RUNS]    (default: 1000 operations, 3 runs)
#        SPECS=specs scripts/bench_compile.sh - [RUNS]   (the repository's own specs instead of
#        synthetic ones; the first feature is then the first service's)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
ops=${1:-1000}
runs=${2:-3}

cargo build --release -q -p cloudspec
bin=$repo/target/release/cloudspec
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${SPECS:-}" ]; then
    cp -r "$repo/$SPECS" "$work/specs"
    ops=$("$bin" lint "$work/specs" 2>/dev/null | grep -o -E '[0-9]+ operations' | head -1 | cut -d' ' -f1)
else
    python3 scripts/synth_specs.py "$ops" "$work/specs" >/dev/null
fi
mkdir -p "$work/clients"
cat >"$work/Cargo.toml" <<EOF
[workspace]
resolver = "3"
members = ["clients"]

[workspace.package]
edition = "2024"
license = "MIT OR Apache-2.0"
publish = false
rust-version = "1.95"

[workspace.dependencies]
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net", "time", "io-util", "sync"] }
cloudspec-runtime = { path = "$repo/runtime" }
EOF
cp Cargo.lock "$work/Cargo.lock"
"$bin" generate --specs "$work/specs" --out "$work/clients" >/dev/null
export CARGO_TARGET_DIR=$work/target

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# measure LABEL PREP CMD...: runs PREP (untimed) then CMD, RUNS times.
measure() {
    local label=$1 prep=$2
    shift 2
    local times=() mems=()
    for _ in $(seq "$runs"); do
        (cd "$work" && eval "$prep")
        (cd "$work" && /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1)
        read -r t m <"$work/time"
        times+=("$t")
        mems+=("$m")
    done
    printf '%-44s %8.1f s %8.0f MiB\n' "$label" \
        "$(printf '%s\n' "${times[@]}" | median)" \
        "$(printf '%s\n' "${mems[@]}" | median | awk '{print $1 / 1024}')"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(rustc --version)"
echo "generated crate: $ops operations in $(find "$work/specs" -name '*.yaml' | wc -l) services"
total=$(find "$work/clients/src" -name '*.rs' -exec cat {} + | wc -l)
code=$(find "$work/clients/src" -name '*.rs' -exec cat {} + | grep -v -E '^\s*(//|$)' | wc -l)
echo "lines of Rust per operation: $((total / ops)) ($((code / ops)) without comments and blank lines)"

# Dependencies first, so the figures are the crate's own.
(cd "$work" && cargo build -q -p cloudspec-runtime && cargo build -q -p cloudspec-runtime --release)
first_feature=$(grep -m1 -E '^[a-z0-9-]+ = \[\]' "$work/clients/Cargo.toml" | cut -d' ' -f1)

measure "cold build, all features (debug)" "cargo clean -q -p cloudspec-clients" cargo build -p cloudspec-clients
measure "cold build, one feature (debug)" "cargo clean -q -p cloudspec-clients" cargo build -p cloudspec-clients --no-default-features --features "$first_feature"
measure "cold build, all features (release)" "cargo clean -q --release -p cloudspec-clients" cargo build --release -p cloudspec-clients

# Incremental: edit one operation's summary, regenerate, rebuild.
spec=$(find "$work/specs" -name '*.yaml' | sort | head -1)
(cd "$work" && cargo build -q -p cloudspec-clients)
n=0
edit="n=\$((n+1)); sed -i \"0,/summary: .*/s//summary: Edited summary \$RANDOM./\" '$spec' && '$bin' generate --specs '$work/specs' --out '$work/clients' >/dev/null"
measure "incremental build after one spec change" "$edit" cargo build -p cloudspec-clients
