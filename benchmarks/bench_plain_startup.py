"""Start-up of the plain mode: `smtrainer --plain` up to its first prompt, against bare Python.

    python benchmarks/bench_plain_startup.py [--runs N] [--cold]

Each run is a fresh process started as a learner (or a script) starts it, with its standard
input and output as pipes; the time is taken when the first prompt mark ("> ") arrives on
standard output. Standard input is then closed, which ends the session cleanly. The baseline
is `python -c pass` on the same interpreter, run in turn with it so both see the same load.
Both start from compiled bytecode, written by the warm-up run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = Path(sys.executable).with_name("smtrainer")
MARK = b"> "


def bare(env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - start


def plain(env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(COMMAND), "--plain", "--lang", "en"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    seen = b""
    while not seen.endswith(MARK):
        byte = process.stdout.read(1)
        if not byte:
            sys.exit(f"smtrainer --plain ended before its first prompt:\n{seen.decode()}")
        seen += byte
    elapsed = time.perf_counter() - start
    process.stdin.close()
    process.stdout.read()
    if process.wait() != 0:
        sys.exit(f"smtrainer --plain failed with exit code {process.returncode}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--cold", action="store_true", help="empty the checked-content cache before every run"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {**os.environ, "SMTRAINER_HOME": str(home)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare(env)
        plain(env)  # warm the file cache, the bytecode and the content cache
        python_times, plain_times = [], []
        for _ in range(args.runs):
            python_times.append(bare(env))
            if args.cold:
                shutil.rmtree(home / "cache", ignore_errors=True)
            plain_times.append(plain(env))
    python_ms = statistics.median(python_times) * 1000
    plain_ms = statistics.median(plain_times) * 1000
    cache = "cold cache" if args.cold else "warm cache"
    print(f"median of {args.runs} runs each; smtrainer with a {cache}")
    print(f"{'python -c pass':>24}{python_ms:9.1f} ms")
    print(f"{'smtrainer --plain':>24}{plain_ms:9.1f} ms  (to its first prompt)")
    print(f"{'difference':>24}{plain_ms - python_ms:9.1f} ms  ({plain_ms / python_ms:.1f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
