#!/usr/bin/env python3
"""Prints the criterion medians of the hot-path benchmarks as a markdown table.

    cargo bench -p cloudspec-tests --bench hot_path -- --save-baseline run1   # (repeat: run2, …)
    python3 scripts/bench_medians.py run1 run2 run3

With several baselines, one column per baseline plus their median. Without arguments, the
latest run (criterion's `new`). Reads target/criterion/<group>/<bench>/<baseline>/estimates.json.
"""

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "target" / "criterion"


def fmt(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def main() -> None:
    baselines = sys.argv[1:] or ["new"]
    rows = {}
    for estimates in sorted(ROOT.glob("**/estimates.json")):
        baseline = estimates.parent.name
        if baseline not in baselines:
            continue
        bench = estimates.parent.parent.relative_to(ROOT).as_posix()
        median = json.loads(estimates.read_text())["median"]["point_estimate"]
        rows.setdefault(bench, {})[baseline] = median
    if not rows:
        sys.exit(f"no estimates for {baselines} under {ROOT}")
    header = ["benchmark", *baselines] + (["median"] if len(baselines) > 1 else [])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for bench in sorted(rows):
        values = [rows[bench].get(b) for b in baselines]
        cells = [fmt(v) if v is not None else "" for v in values]
        present = [v for v in values if v is not None]
        if len(baselines) > 1 and present:
            cells.append(fmt(statistics.median(present)))
        print(f"| {bench} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
