"""How long `smtrainer check` takes on the shipped content, against bare Python in the same run.

    python benchmarks/bench_check.py [--runs N]

Prints the median wall time of each command over N fresh processes, and their ratio. The target
is a check under 0.5 s of wall time; the baseline shows how much of that is Python starting up.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python startup (baseline)": [sys.executable, "-c", "pass"],
    "smtrainer check": [sys.executable, "-m", "smtrainer", "check", "--strict"],
    "smtrainer check --json": [sys.executable, "-m", "smtrainer", "check", "--json"],
}


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    results = {name: median_seconds(cmd, args.runs) for name, cmd in COMMANDS.items()}
    baseline = results["python startup (baseline)"]
    print(f"median of {args.runs} runs each")
    for name, seconds in results.items():
        print(f"{name:<28} {seconds * 1000:8.1f} ms   {seconds / baseline:5.1f}× baseline")
    check = results["smtrainer check"]
    verdict = "within" if check < 0.5 else "OVER"
    print(f"target: check under 500 ms wall time: {verdict} ({check * 1000:.0f} ms)")
    return 0 if check < 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())
