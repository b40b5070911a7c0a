#!/usr/bin/env python3
"""Quality gate: score the development data and compare with the floors.

usage: .ci/quality.py [--binary target/release/zhnews] [--floors .ci/floors.toml]

Runs `zhnews extract --jsonl` over each gold set in ../shared/eval (press-dev,
seed), scores the output with ../shared/eval/score.py, prints the tables, and
exits 1 if any metric named in the floors file falls below its floor.
"""
import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD_SETS = {"press-dev": EVAL / "press-dev" / "gold.jsonl", "seed": EVAL / "seed" / "gold.jsonl"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "zhnews"))
    parser.add_argument("--floors", default=str(ROOT / ".ci" / "floors.toml"))
    args = parser.parse_args()
    floors = tomllib.loads(Path(args.floors).read_text(encoding="utf-8"))
    failures = []
    for name, gold in GOLD_SETS.items():
        if name not in floors:
            continue
        with tempfile.NamedTemporaryFile("w+", suffix=".jsonl") as pred:
            subprocess.run([args.binary, "extract", "--jsonl", str(gold)], stdout=pred, check=True)
            table = subprocess.run(
                [sys.executable, str(EVAL / "score.py"), str(gold), pred.name],
                capture_output=True, text=True, check=True).stdout
            scores = json.loads(subprocess.run(
                [sys.executable, str(EVAL / "score.py"), str(gold), pred.name, "--json"],
                capture_output=True, text=True, check=True).stdout)
        print(f"== {name} ({gold.relative_to(EVAL.parent)})\n{table}")
        for field, metrics in floors[name].items():
            for metric, floor in metrics.items():
                value = scores.get(field, {}).get(metric)
                if value is None or value + 1e-9 < floor:
                    failures.append(f"{name} {field} {metric} = {value}, below its floor {floor}")
                elif value > floor + 0.0005:
                    print(f"note: {name} {field} {metric} = {value:.4f} is above its floor {floor}: raise the floor")
    if failures:
        print("\n".join(["QUALITY GATE FAILED:"] + failures))
        return 1
    print("quality gate: every figure at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
