"""The installed command in a real terminal (tmux): keys in, screen out, killed and resumed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = Path(sys.executable).with_name("smtrainer")


class Terminal:
    """A tmux server of its own, kept while it has no session (the app killed, then started
    again): on a shared server, a session started just as the server exits with its last
    session fails ("server exited unexpectedly")."""

    def __init__(self, home: Path, content: Path) -> None:
        self.socket = f"smtrainer-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        self.home = home
        self.content = content

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )

    def start(self) -> None:
        command = (
            f"exec env SMTRAINER_HOME={self.home} LANG=en_GB.UTF-8 TERM=xterm-256color "
            f"{COMMAND} --content {self.content} --content-only"
        )
        self.tmux(
            *("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", command),
            *(";", "set-option", "-g", "exit-empty", "off"),
            check=True,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key, check=True)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text, check=True)
        time.sleep(0.2)

    def pid(self) -> int:
        result = self.tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}", check=True)
        return int(result.stdout.split()[0])

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name).returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(isolated: Path, tiny: Path) -> Iterator[Terminal]:
    term = Terminal(isolated, tiny)
    yield term
    term.close()


def into_first_module(terminal: Terminal) -> None:
    """Start the app, give a name and role, and open the first module."""
    terminal.start()
    terminal.wait_for("Start the training")
    terminal.keys("1")
    terminal.wait_for("Full name")
    terminal.type("Zoé Lefèvre")
    terminal.keys("Tab", "Tab", "Enter", "C-s")
    terminal.wait_for("Module map")
    terminal.keys("Enter")
    terminal.wait_for("How sure are you")


def test_keys_in_a_real_terminal_then_quit(terminal: Terminal) -> None:
    into_first_module(terminal)
    terminal.keys("F2")
    terminal.wait_for("Êtes-vous sûr")
    # The footer is redrawn in French a moment after the content: wait for it too.
    screen = terminal.wait_for("Quitter")
    assert "Quitter" in screen and "Quit " not in screen
    terminal.keys("C-q")
    terminal.wait_for("progression")
    terminal.keys("BTab", "Enter")
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not terminal.alive(), "the app did not quit"


def test_killed_mid_module_resumes_at_the_same_step(terminal: Terminal) -> None:
    into_first_module(terminal)
    terminal.keys("3")
    terminal.wait_for("(•) Fairly sure")
    terminal.keys("Enter")
    terminal.wait_for("Key point 1 of 1")
    terminal.keys("Enter")
    terminal.wait_for("Scenario 1 of 1")
    subprocess.run(["kill", "-9", str(terminal.pid())], check=True)
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    terminal.start()
    terminal.wait_for("Resume where you stopped")
    terminal.keys("1")
    screen = terminal.wait_for("Scenario 1 of 1")
    assert "Something happens online" in screen
