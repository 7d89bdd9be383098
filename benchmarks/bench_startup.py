"""Start-up to the first screen: smtrainer against a bare Textual app with a header and footer.

    python benchmarks/bench_startup.py [--runs N]

Each run is a fresh process that imports everything, builds the app, runs it headless until
its first screen is up, and exits. The target is smtrainer within 1.3× of the bare app.
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

CHILD = r"""
import sys

async def first_screen_then_exit(pilot):
    await pilot.pause()
    pilot.app.exit()

if sys.argv[1] == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()

    app = Bare()
else:
    from smtrainer.ui.launch import make_app

    app = make_app(None)
app.run(headless=True, size=(80, 24), auto_pilot=first_screen_then_exit)
"""


def run(kind: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD, kind], check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--cold", action="store_true", help="empty the checked-content cache before every run"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SMTRAINER_HOME": home}
        run("bare", env)
        run("smtrainer", env)  # warm the file cache and bytecode for both
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            bare.append(run("bare", env))
            if args.cold:
                shutil.rmtree(Path(home) / "cache", ignore_errors=True)
            ours.append(run("smtrainer", env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"median of {args.runs} runs each")
    print(f"bare Textual app (header + footer)  {b * 1000:7.1f} ms")
    label = "cold cache" if args.cold else "warm cache"
    print(f"smtrainer, welcome screen ({label}) {o * 1000:7.1f} ms   {o / b:.2f}× bare")
    verdict = "within" if o / b <= 1.3 else "OVER"
    print(f"target: within 1.3× of the bare app: {verdict}")
    return 0 if o / b <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
