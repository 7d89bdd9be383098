"""Start-up to the first screen: smtrainer against a bare Textual app with a header and footer.

    python benchmarks/bench_startup.py [--runs N] [--cold]

Each run is a fresh process that runs the `smtrainer` command with no arguments (its command
line, settings and language, then the app) headless at 80×24, and exits. Two moments are
timed, each in its own runs:

- first screen: Textual's `Ready` event, sent once the DOM is ready and the first frame has
  been drawn. For smtrainer the child also checks that this frame is the welcome screen.
- settled: the app has gone idle after its first screen (Pilot's `pause()`, which waits for
  the CPU to fall quiet in 20 ms slices, so this figure moves in steps of about 20 ms).

The target is smtrainer's first screen within 1.3× of the bare app's. The runs of the two apps
are interleaved, so both see the same machine load. Both start from compiled bytecode, as an
installed program does: Textual's was compiled when it was installed, and smtrainer's is written
by the warm-up run even where PYTHONDONTWRITEBYTECODE is set for everything else.
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

TARGET = 1.3

CHILD = r"""
import inspect
import sys

kind, moment = sys.argv[1], sys.argv[2]
WRONG_SCREEN = 3


async def settle_then_exit(pilot):
    await pilot.pause()
    pilot.app.exit()


if kind == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()

        def on_ready(self):
            if moment == "first":
                self.exit()

    app = Bare()
else:
    import os
    import pty

    # A terminal for standard input and output, as a user has: without one, smtrainer starts
    # its plain text mode instead of the app.
    _parent, _child = pty.openpty()
    os.dup2(_child, 0)
    os.dup2(_child, 1)
    from smtrainer.cli.main import main
    from smtrainer.ui import launch
    from smtrainer.ui.app import TrainerApp
    from smtrainer.ui.screens.welcome import WelcomeScreen

    class Timed(TrainerApp):
        _BASE_PATH = inspect.getfile(TrainerApp)  # its stylesheet is found next to the app

        def run(self, **_options):
            auto_pilot = settle_then_exit if moment == "settled" else None
            return super().run(headless=True, size=(80, 24), auto_pilot=auto_pilot)

        def on_ready(self):
            if moment == "first":
                self.exit(0 if isinstance(self.screen, WelcomeScreen) else WRONG_SCREEN)

    launch.TrainerApp = Timed
    sys.exit(main([]))  # the `smtrainer` command, as a user starts it
auto_pilot = settle_then_exit if moment == "settled" else None
app.run(headless=True, size=(80, 24), auto_pilot=auto_pilot)
"""


def run(kind: str, moment: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, moment], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{kind} ({moment}) failed with exit code {done.returncode}:\n{done.stderr}")
    return elapsed


SAVED_POLICY = "kingsworth"
"""Several packs are bundled: a returning learner's saved choice opens the welcome screen."""


def child_env(home: Path) -> dict[str, str]:
    settings = home / "config" / "settings.toml"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(f'policy = "{SAVED_POLICY}"\n', encoding="utf-8")
    env = {**os.environ, "SMTRAINER_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(moment: str, runs: int, home: Path, cold: bool) -> tuple[float, float]:
    env = child_env(home)
    bare, ours = [], []
    for _ in range(runs):
        bare.append(run("bare", moment, env))
        if cold:
            shutil.rmtree(home / "cache", ignore_errors=True)
        ours.append(run("smtrainer", moment, env))
    return statistics.median(bare), statistics.median(ours)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--cold", action="store_true", help="empty the checked-content cache before every run"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = child_env(home)
        run("bare", "first", env)
        run("smtrainer", "first", env)  # warm the file cache, bytecode and content cache
        first = measure("first", args.runs, home, args.cold)
        settled = measure("settled", args.runs, home, args.cold)
    cache = "cold cache" if args.cold else "warm cache"
    print(f"median of {args.runs} runs each, 80×24, headless; smtrainer with a {cache}")
    print(f"{'':14}{'bare Textual app':>18}{'smtrainer':>12}{'ratio':>8}")
    for label, (bare, ours) in (("first screen", first), ("settled", settled)):
        print(f"{label:14}{bare * 1000:15.1f} ms{ours * 1000:9.1f} ms{ours / bare:7.2f}×")
    ratio = first[1] / first[0]
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"target: first screen within {TARGET}× of the bare app: {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
