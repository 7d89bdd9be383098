"""How long the learner's screen takes to answer each key, over a whole induction.

    python benchmarks/bench_learner.py [--content DIR] [--policy ID] [--hang SECONDS]
                                       [--profile FILE]

Drives the training app (headless, through Textual's Pilot) through a whole induction with right
answers, like the Pilot tests do, with a passphrase-protected signing key and a shared folder
that hangs: every look at that folder, and every write into it, blocks for `--hang` seconds (the
way an unreachable network folder does; a missing folder would fail at once and prove nothing).

The learner reads the welcome screen before the first key: that key is sent once the app's
background warm-up is over (it imports the journey's modules once the first screen is drawn;
how long that took is printed). The signing key and settings are made in another process, and
the test driver is imported only then, so that nothing the app imports by itself is imported for
it beforehand. Screens the app builds ahead (the identity screen while the welcome screen is
read, the journey's screens while the module map is) count as the app's work: the next key
waits until the app is quiet, as for any other.

How a key is sent. Each key is handed to the app's driver as a terminal's input thread hands
it (Textual's own key-sending step, the one `pilot.press` uses), and nothing else. `pilot.press`
then waits for the screen by posting a callback to every widget of it and waiting for them all,
some sixty messages for the app to handle while it answers the key: work a terminal never adds,
so it is left out. Nor is `pilot.press`'s duration a measure (it samples the process's CPU time
in 20 ms slices until one is nearly idle, twice: at least 40 ms whatever the app does).

How a key is timed: timestamps are taken inside the app:

- the key is posted (when it is handed to the app's driver);
- it is handled (the key queue has seen every handler run, up to the screen and the app);
- each frame is drawn: the headless driver skips writing the screen to a terminal, so here each
  screen update is rendered to terminal bytes, as a real terminal would be sent, and stamped
  when that is done;
- the app is quiet again: no key waiting or in flight, every message queue of the app, its
  screens and their widgets empty with nothing being handled, and the screen on top settled with
  nothing left to lay out, repaint, recompose or call after its refresh; quiet for 30 ms running
  (sampled every 2 ms).

A key's answer time runs from its posting to the later of "handled" and the last frame drawn
before the app went quiet: the screen showing the result, including a whole new screen built
and drawn. Work in a worker thread is not waited for, but the screen's answer to it (a status
line) is, and so is every bit of UI-thread work the key causes. Separately, the longest time the
UI thread's event loop was blocked during the whole run is reported: a key pressed at that moment
(for example while a worker's result is shown) would have waited at least that long. The CPU
time the UI thread spent from a key's posting to its answer is printed too: on a machine busy
with other work the times above grow, and that one much less.

The baseline, measured in the same run with the same method, is a bare Textual app whose key
changes one line of text (header and footer shown), pressed 60 times; the app's median key is
printed next to it. The target: no key waits more than 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSPHRASE = "correct horse battery staple"
LIMIT_MS = 100.0
QUIET_S = 0.030
POLL_S = 0.002
BEAT_S = 0.005
GIVE_UP_S = 20.0


@dataclass
class Press:
    key: str
    screen: str
    posted: float
    handled: float | None = None
    answered: float = 0.0
    cpu_ms: float = 0.0

    @property
    def ms(self) -> float:
        return (self.answered - self.posted) * 1000

    @property
    def handled_ms(self) -> float:
        return ((self.handled or self.posted) - self.posted) * 1000


@dataclass
class Probe:
    """Timestamps taken inside a running app: keys posted and handled, frames drawn."""

    app: Any
    frames: list[tuple[float, float]] = field(default_factory=list)
    handled: dict[int, tuple[float, float]] = field(default_factory=dict)
    posted: list[tuple[Any, float, float]] = field(default_factory=list)
    longest_stall: float = 0.0
    running: bool = True
    busy: int = 0
    watchers: dict[int, asyncio.Task[float]] = field(default_factory=dict)

    def install(self) -> None:
        app = self.app
        self._count_busy()
        driver = app._driver
        send = driver.send_message
        display = app._display

        def send_message(message: Any) -> None:
            posted = time.perf_counter()
            self.posted.append((message, posted, time.thread_time()))
            self.watchers[id(message)] = asyncio.get_running_loop().create_task(
                self.until_quiet(message, posted)
            )
            send(message)

        def drawn(screen: Any, update: Any) -> None:
            display(screen, update)
            if update is None:
                return
            from textual._compositor import CompositorUpdate

            if isinstance(update, CompositorUpdate):
                update.render_segments(app.console)  # What a terminal would be sent.
            self.frames.append(stamp())

        driver.send_message = send_message
        app._display = drawn
        keys = getattr(app, "keys", None)
        if keys is not None:
            landed = keys._landed

            async def stamped(key: Any) -> None:
                self.handled[id(key)] = stamp()
                await landed(key)

            keys._landed = stamped

    def _count_busy(self) -> None:
        """Count the messages and next-callbacks being handled, in every message pump."""
        from textual.message_pump import MessagePump

        probe = self

        def counted(method: Any) -> Any:
            async def run(pump: Any, *args: Any) -> Any:
                probe.busy += 1
                try:
                    return await method(pump, *args)
                finally:
                    probe.busy -= 1

            return run

        for name in ("_dispatch_message", "_flush_next_callbacks"):
            method = getattr(MessagePump, name)
            setattr(MessagePump, name, counted(getattr(method, "unprobed", method)))
            getattr(MessagePump, name).unprobed = getattr(method, "unprobed", method)

    def mark_handled(self, event: Any) -> None:
        """For an app without a key queue: its handler calls this."""
        self.handled[id(event)] = stamp()

    def busy_with(self) -> str | None:
        """What keeps the app from being quiet (see the module docstring), or None."""
        app = self.app
        if self.busy:
            return "handling a message"
        keys = getattr(app, "keys", None)
        if keys is not None and (keys.in_flight is not None or keys.waiting):
            return "a key in flight or waiting"
        if any(w.group.startswith("build-ahead") and w.is_running for w in app.workers):
            return "building screens ahead"
        screen = app.screen
        if not screen.is_mounted or not getattr(screen, "is_settled", True):
            return f"{screen!r} not settled"
        if (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._recompose_required
            or screen._dirty_widgets
            or screen._callbacks
        ):
            return f"{screen!r} to be drawn"
        pumps = [app, *app._background_screens, *screen.walk_children(with_self=True)]
        for pump in pumps:
            if not pump._message_queue.empty() or pump._next_callbacks:
                return f"messages for {pump!r}"
        return None

    async def quiet(self) -> None:
        """Until the app is quiet (see the module docstring), whatever it is doing."""
        quiet_from: float | None = None
        while quiet_from is None or time.perf_counter() - quiet_from < QUIET_S:
            idle = self.busy_with() is None
            quiet_from = (quiet_from or time.perf_counter()) if idle else None
            await asyncio.sleep(POLL_S)

    async def until_quiet(self, key: Any, since: float) -> float:
        """When the app became quiet after handling `key` (see the module docstring)."""
        quiet_from: float | None = None
        while True:
            now = time.perf_counter()
            reason = "the key is not handled yet" if id(key) not in self.handled else None
            reason = reason or self.busy_with()
            if now - since > GIVE_UP_S:
                raise RuntimeError(f"the app never went quiet: {reason}")
            if reason is None:
                quiet_from = quiet_from or now
                if now - quiet_from >= QUIET_S:
                    return quiet_from
            else:
                quiet_from = None
            await asyncio.sleep(POLL_S)

    async def heartbeat(self) -> None:
        """The longest stretch the event loop could not run a 5 ms timer (beyond its 5 ms)."""
        while self.running:
            before = time.perf_counter()
            await asyncio.sleep(BEAT_S)
            self.longest_stall = max(self.longest_stall, time.perf_counter() - before - BEAT_S)


class TimedPilot:
    """A Pilot whose every key press is timed one key at a time (see the module docstring)."""

    def __init__(self, pilot: Any, probe: Probe) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.probe = probe
        self.presses: list[Press] = []
        self.started = time.perf_counter()
        self.warm_up_s = 0.0

    async def press(self, *keys: str) -> None:
        for key in keys:
            await self.press_one(key)

    async def press_one(self, key: str) -> Press:
        probe = self.probe
        screen = type(self.app.screen).__name__
        before = len(probe.posted)
        await self.app._press_keys([key])  # As a terminal sends it (see the module docstring).
        event, posted, cpu_posted = probe.posted[before]
        quiet_from = await probe.watchers.pop(id(event))
        handled = probe.handled.get(id(event))
        drawn = [f for f in probe.frames if posted <= f[0] <= quiet_from]
        answered, cpu = max([(posted, cpu_posted), *([handled] if handled else []), *drawn])
        press = Press(key, screen, posted, handled and handled[0], answered)
        press.cpu_ms = (cpu - cpu_posted) * 1000
        self.presses.append(press)
        return press

    async def click(self, *args: Any, **kwargs: Any) -> Any:
        return await self.pilot.click(*args, **kwargs)

    async def pause(self, delay: float | None = None) -> None:
        await self.pilot.pause(delay)


def stamp() -> tuple[float, float]:
    """Now, by the wall clock and by the CPU time of the calling (UI) thread."""
    return time.perf_counter(), time.thread_time()


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


async def timed_run(
    app: Any, body: Callable[[TimedPilot], Any]
) -> tuple[list[Press], float, float]:
    """Run `app` headless at 80×24 through `body`; its presses, its longest stall (s) and how
    long after its first screen its warm-up ended (s)."""
    async with app.run_test(size=(80, 24)) as pilot:
        probe = Probe(app)
        probe.install()
        beat = asyncio.get_running_loop().create_task(probe.heartbeat())
        app.probe = probe
        timed = TimedPilot(pilot, probe)
        try:
            await body(timed)
        finally:
            probe.running = False
            await beat
        return timed.presses, probe.longest_stall, timed.warm_up_s


async def induction(timed: TimedPilot) -> None:
    app, pilot = timed.app, timed.pilot
    # The learner reads the welcome screen first: its first key comes after the app's background
    # warm-up (see `smtrainer.ui.warm_up`), whose duration is reported.
    while not app.warm_up.done.is_set():
        await asyncio.sleep(POLL_S)
    timed.warm_up_s = time.perf_counter() - timed.started
    await timed.probe.quiet()
    # Imported only now, so that nothing the app imports by itself is imported for it here.
    from smtrainer.ui.dialogs import PassphraseDialog
    from smtrainer.ui.screens.closing import DoneScreen
    from tests.ui.driver import step

    for _ in range(2000):
        screen = app.screen
        if isinstance(screen, DoneScreen):
            return
        if isinstance(screen, PassphraseDialog):
            await timed.press(*PASSPHRASE, "enter")
        else:
            before = len(timed.presses)
            await step(timed)  # type: ignore[arg-type]
            if len(timed.presses) == before:
                await pilot.pause(0.05)  # Waiting for a worker: nothing to press.
        await pilot.pause()
    raise RuntimeError(f"the induction did not finish; stuck at {app.screen!r}")


def bare_app() -> Any:
    """The baseline: a bare Textual app whose key changes one line of text."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        count = 0
        probe: Any = None

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("0", id="line")
            yield Footer()

        def on_key(self, event: events.Key) -> None:
            self.count += 1
            self.query_one("#line", Static).update(f"key {self.count}: {event.key}")
            self.probe.mark_handled(event)

    return Bare()


def bare_keys(count: int) -> Callable[[TimedPilot], Any]:
    async def body(timed: TimedPilot) -> None:
        for n in range(count):
            await timed.press("xyz"[n % 3])
            await timed.pilot.pause()

    return body


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def report(presses: list[Press], baseline: list[Press], stall: float, elapsed: float) -> None:
    times = [p.ms for p in presses]
    base = [p.ms for p in baseline]
    slow = [p for p in presses if p.ms > LIMIT_MS]
    print(f"induction through {len(presses)} key presses in {elapsed:.1f} s")
    print(f"key answered, baseline (bare app, median) {statistics.median(base):7.1f} ms")
    print(f"key answered, median                      {statistics.median(times):7.1f} ms")
    print(f"key answered, 99th percentile             {percentile(times, 0.99):7.1f} ms")
    print(f"key answered, slowest                     {max(times):7.1f} ms   (limit 100 ms)")
    print(f"keys over {LIMIT_MS:.0f} ms: {len(slow)}")
    print(f"key handled (all handlers run), slowest   {max(p.handled_ms for p in presses):7.1f} ms")
    print(f"longest UI-thread stall, whole run        {stall * 1000:7.1f} ms")
    cpu = [p.cpu_ms for p in presses]
    print(
        f"UI-thread CPU time per key (up to its answer): median {statistics.median(cpu):.1f} ms, "
        f"slowest {max(cpu):.1f} ms (bare app: median "
        f"{statistics.median(p.cpu_ms for p in baseline):.1f} ms)"
    )
    by_screen: dict[str, list[float]] = {}
    for press in presses:
        by_screen.setdefault(press.screen, []).append(press.ms)
    for screen, values in sorted(by_screen.items()):
        print(
            f"  on {screen:18} {len(values):4} keys, median {statistics.median(values):6.1f} ms, "
            f"slowest {max(values):6.1f} ms"
        )
    for press in sorted(presses, key=lambda p: p.ms, reverse=True)[:10]:
        print(
            f"  {press.ms:8.1f} ms  {press.key!r} on {press.screen} "
            f"(handled after {press.handled_ms:.1f} ms, UI-thread CPU {press.cpu_ms:.1f} ms)"
        )


SETUP = """
import sys
from smtrainer.storage.keys import load_or_create_key
from smtrainer.storage.settings import Settings, save_settings

load_or_create_key(passphrase=sys.argv[1])
save_settings(Settings(shared_folder=sys.argv[2]))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument(
        "--policy", default="kingsworth", help="the school's pack (several are installed)"
    )
    parser.add_argument("--hang", type=float, default=30.0, help="seconds the share blocks")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the induction here")
    args = parser.parse_args()
    # Measured as installed: with bytecode (pip writes it), even where it is not written, so that
    # a screen's first use does not compile its modules.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "smtrainer")], check=True)
    work = Path(tempfile.mkdtemp())
    os.environ["SMTRAINER_HOME"] = str(work / "home")

    shared = work / "share"
    shared.mkdir()
    # The key and settings are made in another process: importing the code that makes them here
    # would spare the app importing it when it signs.
    subprocess.run([sys.executable, "-c", SETUP, PASSPHRASE, str(shared)], check=True, cwd=ROOT)

    from smtrainer.i18n import set_language
    from smtrainer.ui.launch import make_app

    set_language("en")
    release = inject_hang(shared, args.hang)
    app = make_app(args.content, policy=args.policy)
    if app is None:
        print("the content could not be loaded", file=sys.stderr)
        return 2
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    presses, stall, warm_up = asyncio.run(timed_run(app, induction))
    elapsed = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    release.set()
    baseline, _stall, _warm_up = asyncio.run(timed_run(bare_app(), bare_keys(60)))
    report(presses, baseline, stall, elapsed)
    print(f"background warm-up done {warm_up * 1000:.0f} ms after the first screen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
