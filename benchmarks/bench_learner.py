"""How long the learner's screen takes to answer each key, over a whole induction.

    python benchmarks/bench_learner.py [--content DIR] [--hang SECONDS]

Drives the training app (headless, through Textual's Pilot) through a whole induction with right
answers, like the Pilot tests do, with a passphrase-protected signing key and a shared folder
that hangs: every look at that folder, and every write into it, blocks for `--hang` seconds (the
way an unreachable network folder does; a missing folder would fail at once and prove nothing).
Each key is pressed on its own and timed until the app has handled it. The baseline, measured in
the same run, is the same key handling time for a key that does nothing slow (the median).
The target: no key waits more than 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSPHRASE = "correct horse battery staple"
LIMIT_MS = 100.0


class TimedPilot:
    """A Pilot whose every key press is timed one key at a time."""

    def __init__(self, pilot: Any) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.presses: list[tuple[float, str, str]] = []

    async def press(self, *keys: str) -> None:
        for key in keys:
            screen = type(self.app.screen).__name__
            start = time.perf_counter()
            await self.pilot.press(key)
            self.presses.append(((time.perf_counter() - start) * 1000, key, screen))

    async def click(self, *args: Any, **kwargs: Any) -> Any:
        return await self.pilot.click(*args, **kwargs)

    async def pause(self, delay: float | None = None) -> None:
        await self.pilot.pause(delay)


def inject_hang(shared: Path, seconds: float) -> threading.Event:
    """Every stat of, and file creation in, `shared` blocks for `seconds` (until released)."""
    import pathlib
    import tempfile as tempfile_module

    release = threading.Event()
    real_is_dir = pathlib.Path.is_dir
    real_mkstemp = tempfile_module.mkstemp

    def is_dir(path: pathlib.Path) -> bool:
        if path == shared:
            release.wait(seconds)
        return real_is_dir(path)

    def mkstemp(*args: Any, **kwargs: Any) -> Any:
        if Path(str(kwargs.get("dir", ""))) == shared:
            release.wait(seconds)
        return real_mkstemp(*args, **kwargs)

    pathlib.Path.is_dir = is_dir  # type: ignore[method-assign,assignment]
    tempfile_module.mkstemp = mkstemp
    return release


async def drive(app: Any) -> tuple[list[tuple[float, str, str]], float]:
    from smtrainer.ui.dialogs import PassphraseDialog
    from smtrainer.ui.screens.closing import DoneScreen
    from tests.ui.driver import step

    async with app.run_test(size=(80, 24)) as pilot:
        timed = TimedPilot(pilot)
        started = time.perf_counter()
        for _ in range(2000):
            screen = app.screen
            if isinstance(screen, DoneScreen):
                break
            if isinstance(screen, PassphraseDialog):
                await timed.press(*PASSPHRASE, "enter")
            else:
                before = len(timed.presses)
                await step(timed)  # type: ignore[arg-type]
                if len(timed.presses) == before:
                    await pilot.pause(0.05)  # Waiting for a worker: nothing to press.
            await pilot.pause()
        else:
            raise RuntimeError(f"the induction did not finish; stuck at {app.screen!r}")
        return timed.presses, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--hang", type=float, default=30.0, help="seconds the share blocks")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    os.environ["SMTRAINER_HOME"] = str(work / "home")

    from smtrainer.i18n import set_language
    from smtrainer.storage.keys import load_or_create_key
    from smtrainer.storage.settings import Settings, save_settings
    from smtrainer.ui.launch import make_app

    set_language("en")
    load_or_create_key(passphrase=PASSPHRASE)
    shared = work / "share"
    shared.mkdir()
    save_settings(Settings(shared_folder=str(shared)))
    release = inject_hang(shared, args.hang)
    app = make_app(args.content)
    if app is None:
        print("the content could not be loaded", file=sys.stderr)
        return 2
    presses, elapsed = asyncio.run(drive(app))
    release.set()
    times = sorted(p[0] for p in presses)
    slow = [p for p in presses if p[0] > LIMIT_MS]
    print(f"induction through {len(presses)} key presses in {elapsed:.1f} s")
    print(f"key handled, median (the baseline)   {statistics.median(times):7.1f} ms")
    print(f"key handled, 99th percentile         {times[int(len(times) * 0.99)]:7.1f} ms")
    print(f"key handled, slowest                 {times[-1]:7.1f} ms   (limit {LIMIT_MS:.0f} ms)")
    print(f"keys over {LIMIT_MS:.0f} ms: {len(slow)}")
    slow_work = ("IdentityScreen", "AcknowledgeScreen", "PassphraseDialog")
    for screen in slow_work:
        on_screen = [ms for ms, _key, name in presses if name == screen]
        if on_screen:
            print(
                f"  on {screen} (where the slow work starts): slowest {max(on_screen):.1f} ms, "
                f"median {statistics.median(on_screen):.1f} ms over {len(on_screen)} keys"
            )
    for ms, key, screen in sorted(slow, reverse=True)[:10]:
        print(f"  {ms:8.1f} ms  {key!r} on {screen}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
