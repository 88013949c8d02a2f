#!/usr/bin/env bash
# Asks cargo-semver-checks for its verdict on every before/after case of the diff tests
# (generator/tests/fixtures/diff/) and records the verdicts in
# generator/tests/fixtures/diff/semver-checks.tsv, which the test
# `diff_agrees_with_cargo_semver_checks` compares with what `cloudspec diff` says.
#
# Run it after adding or editing a case, or after a generator change that changes the crates
# generated for the cases (that test says so). It installs cargo-semver-checks if missing.
#
#   scripts/semver_checks.sh            # record
#   KEEP=1 scripts/semver_checks.sh     # also keep the workspaces and reports (printed path)
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.51.0
if ! cargo semver-checks --version 2>/dev/null | grep -q " $version\$"; then
    cargo install cargo-semver-checks --locked --version "$version"
fi

work=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

echo "== generating the crates of both sides of every case into $work"
CLOUDSPEC_SEMVER_DIR="$work" cargo test -q -p cloudspec --test diff_fixtures -- \
    --ignored --exact write_semver_crates >/dev/null

for side in old new; do
    echo "== rustdoc JSON of the $side sides"
    # rustdoc's JSON output is unstable; cargo-semver-checks builds it the same way on stable.
    RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="-Z unstable-options --output-format json" \
        cargo doc -q --manifest-path "$work/$side/Cargo.toml" --no-deps --all-features \
        --target-dir target/semver-checks
    cp target/semver-checks/doc/cases.json "$work/$side.json"
done

echo "== cargo-semver-checks"
report="$work/report.txt"
status=0
cargo semver-checks --color never \
    --baseline-rustdoc "$work/old.json" --current-rustdoc "$work/new.json" >"$report" 2>&1 || status=$?
if [ "$status" -ne 0 ] && ! grep -q "semver requires new major version" "$report"; then
    cat "$report" >&2
    echo "cargo-semver-checks failed (exit $status)" >&2
    exit 1
fi

# Each failure ("--- failure LINT: what it means") lists the items it found, each named with
# its path or file, so the case is the `case_…` module in the line.
record=generator/tests/fixtures/diff/semver-checks.tsv
python3 - "$work/cases.tsv" "$report" "$version" >"$record.tmp" <<'PY'
import re, sys
cases_tsv, report, version = sys.argv[1:]
cases = [line.rstrip("\n").split("\t") for line in open(cases_tsv)]
by_module = {module: case for case, module, _ in cases}
found = {case: {} for case, _, _ in cases}
lint = None
for line in open(report):
    m = re.match(r"--- failure ([a-z0-9_]+): ", line)
    if m:
        lint = m.group(1)
        continue
    if line.startswith("---"):
        lint = None
    if lint:
        for module in re.findall(r"\b(case_[a-z0-9_]+)(?:::|/|\.rs)", line):
            if module in by_module:
                found[by_module[module]][lint] = True
print(f"# cargo-semver-checks {version} on the crates of each case's sides, recorded by scripts/semver_checks.sh.")
print("# case\tfingerprint of both crates\trequired bump (major or none)\tlints that fired")
for case, module, fingerprint in cases:
    lints = sorted(found[case])
    # cargo-semver-checks 0.51 fails only on lints that require a major version by default.
    print(f"{case}\t{fingerprint}\t{'major' if lints else 'none'}\t{','.join(lints) or '-'}")
PY
mv "$record.tmp" "$record"
echo "recorded $(grep -vc '^#' "$record") cases in $record"
[ -z "${KEEP:-}" ] || echo "workspaces and reports kept in $work"
