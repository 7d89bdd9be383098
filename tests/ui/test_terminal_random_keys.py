"""Random keys, 5 ms apart, into the installed command in a real terminal (tmux).

Pilot waits for each key to be handled; a real terminal does not, so key presses arrive while a
screen is still being replaced or redrawn. These runs found the races that the lifecycle guard in
`smtrainer/ui/screens/base.py` and `smtrainer/ui/app.py` now prevents. Each run either still
shows the app after its keys, or ended with exit status 0 (a quit chosen from the palette); any
other ending, or a traceback on the screen, is a crash.

`SMTRAINER_RANDOM_RUNS` sets the number of runs per starting point (default 10, so 20 in all);
`SMTRAINER_COMMAND` runs another command than the installed one (to measure an older tree).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.domain import journey
from smtrainer.domain.progress import Identity
from smtrainer.storage.progress import save_progress

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = os.environ.get("SMTRAINER_COMMAND") or str(Path(sys.executable).with_name("smtrainer"))
RUNS = int(os.environ.get("SMTRAINER_RANDOM_RUNS", "10"))
KEYS_PER_RUN = 400
GAP = 0.005
KEYS = (
    *("1", "2", "3", "4", "Enter", "Tab", "BTab", "Space"),
    *("Up", "Down", "Left", "Right", "Escape", "l", "n", "y", "o"),
    *("F2", "?", "C-p"),
)
ERROR = re.compile(r"^\w+(Error|Exception|Matches)\b")
SIZES = ((80, 24), (60, 18), (100, 30), (50, 14))


@dataclass
class Ending:
    crashed: bool
    detail: str


class ControlledTerminal:
    """A tmux server of its own, driven through control mode so keys go out 5 ms apart."""

    def __init__(self, home: Path, content: Path, log: Path) -> None:
        self.socket = f"smtrainer-random-{uuid.uuid4().hex[:8]}"
        self.home = home
        self.content = content
        self.status = log / "status"
        self.control: subprocess.Popen[bytes] | None = None

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def start(self) -> None:
        command = (
            f"env SMTRAINER_HOME={self.home} LANG=en_GB.UTF-8 TERM=xterm-256color "
            f"{COMMAND} --content {self.content} --content-only; echo $? > {self.status}; sleep 600"
        )
        self.tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", command)
        self.tmux("set-option", "-g", "window-size", "manual")
        self.control = subprocess.Popen(
            ["tmux", "-L", self.socket, "-C", "attach", "-t", "app"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        output = self.control.stdout
        assert output is not None
        threading.Thread(
            target=lambda: [None for _ in iter(output.readline, b"")], daemon=True
        ).start()

    def send(self, line: str) -> None:
        assert self.control is not None and self.control.stdin is not None
        self.control.stdin.write(line.encode() + b"\n")
        self.control.stdin.flush()

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app").stdout

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def ended(self) -> str | None:
        return self.status.read_text().strip() if self.status.exists() else None

    def close(self) -> None:
        if self.control is not None:
            self.control.kill()
            self.control.wait()
        self.tmux("kill-server")


def random_run(terminal: ControlledTerminal, rng: random.Random) -> Ending:
    for _ in range(KEYS_PER_RUN):
        if rng.random() < 0.02:
            width, height = rng.choice(SIZES)
            terminal.send(f"resize-window -t app -x {width} -y {height}")
        else:
            terminal.send(f"send-keys -t app {rng.choice(KEYS)}")
        time.sleep(GAP)
        if terminal.ended() is not None:
            break
    terminal.send("resize-window -t app -x 80 -y 24")
    time.sleep(1.5)  # Let the last keys be handled.
    status = terminal.ended()
    screen = terminal.screen()
    if status not in (None, "0") or "Traceback" in screen:
        return Ending(True, f"exit status {status}\n{screen}")
    return Ending(False, "")


def mid_module_progress(content: Path) -> None:
    """Saved progress in the first module's scenario, so the app resumes mid-module."""
    policy = load_policy_set(content).policies["en"]
    progress = journey.start_induction(
        policy, Identity("Zoé Lefèvre", "teacher", ""), dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    )
    journey.open_module(policy, progress, policy.modules[0].id)
    journey.answer_confidence(progress, 3)
    journey.advance(policy, progress)
    journey.advance(policy, progress)
    save_progress(progress)


def run_many(tmp_path: Path, tiny: Path, start: str, seed: int) -> list[Ending]:
    endings = []
    for run in range(RUNS):
        home = tmp_path / f"home-{start}-{run}"
        home.mkdir()
        os.environ["SMTRAINER_HOME"] = str(home)
        if start == "module":
            mid_module_progress(tiny)
        log = tmp_path / f"log-{start}-{run}"
        log.mkdir()
        terminal = ControlledTerminal(home, tiny, log)
        try:
            terminal.start()
            terminal.wait_for("Resume where you stopped" if start == "module" else "Start the")
            if start == "module":
                terminal.send("send-keys -t app 1")
                terminal.wait_for("Scenario 1 of 1")
            endings.append(random_run(terminal, random.Random(seed * 1000 + run)))
        finally:
            terminal.close()
    return endings


@pytest.mark.parametrize(("start", "seed"), [("welcome", 11), ("module", 23)])
def test_random_keys_in_a_real_terminal_never_crash(
    tmp_path: Path,
    tiny: Path,
    isolated: Path,
    start: str,
    seed: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SMTRAINER_HOME", str(isolated))
    endings = run_many(tmp_path, tiny, start, seed)
    crashes = [ending.detail for ending in endings if ending.crashed]
    print(f"\n{start}: {len(crashes)} of {len(endings)} runs crashed")
    for detail in crashes:
        print("  " + next((line for line in detail.splitlines() if ERROR.match(line)), "?"))
    assert not crashes, f"{len(crashes)} of {len(endings)} runs crashed; first:\n{crashes[0]}"
