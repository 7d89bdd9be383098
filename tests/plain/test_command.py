"""The installed command: plain mode by itself without a terminal, with --plain anywhere, and a
journey that survives being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from smtrainer.cli import main as cli
from smtrainer.workflows.journey_controller import SEED_VARIABLE
from tests.plain.transcripts import CONTENT, SEED, answers

COMMAND = Path(sys.executable).with_name("smtrainer")


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    return {**env, "SMTRAINER_HOME": str(home), SEED_VARIABLE: SEED, "TERM": "xterm"}


def smtrainer(home: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *args],
        input=stdin,
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_whole_journey_from_a_file_of_answers(tmp_path: Path) -> None:
    """`smtrainer < answers.txt`: no terminal, so the plain mode starts by itself."""
    done = smtrainer(
        tmp_path, "--content-only", "--content", str(CONTENT), stdin=answers("induction-en")
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith("smtrainer, plain text mode.")
    assert done.stdout.rstrip().endswith("Finished.")
    assert len(list((tmp_path / "data" / "records").glob("*.toml"))) == 1


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--plain", "--lang", "fr"], ["--lang", "fr", "--plain"]])
def test_plain_anywhere_on_the_command_line(tmp_path: Path, args: list[str]) -> None:
    done = smtrainer(
        tmp_path, *args, "--content-only", "--content", str(CONTENT), stdin="aide\nquitter\n"
    )
    assert done.returncode == 0, done.stderr
    assert "répéter\u00a0: redire cette étape" in done.stdout
    assert "Votre progression est enregistrée" not in done.stdout  # nothing started yet
    assert done.stdout.rstrip().endswith("Arrêt.")


def test_plain_is_chosen_without_a_terminal_or_with_a_dumb_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Stream:
        def __init__(self, terminal: bool) -> None:
            self.terminal = terminal

        def isatty(self) -> bool:
            return self.terminal

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdin", Stream(True))
    monkeypatch.setattr(sys, "stdout", Stream(True))
    assert not cli.plain_wanted()
    monkeypatch.setenv("TERM", "dumb")
    assert cli.plain_wanted()
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", Stream(False))
    assert cli.plain_wanted()


@pytest.mark.slow
def test_killed_mid_scenario_then_resumed(tmp_path: Path) -> None:
    lines = answers("induction-en").splitlines(keepends=True)[:12]
    process = subprocess.Popen(
        [str(COMMAND), "--content-only", "--content", str(CONTENT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment(tmp_path),
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("".join(lines))
    process.stdin.flush()  # the input stays open: the process waits for the next answer
    seen = ""
    deadline = time.monotonic() + 60
    while seen.count("You chose 1: Best choice.") < 2:  # the choice at step 2 is saved
        assert time.monotonic() < deadline, seen
        seen += process.stdout.readline()
    time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    resumed = smtrainer(tmp_path, "--content-only", "--content", str(CONTENT), stdin="1\n")
    assert "1. Resume where you stopped (The basics)" in resumed.stdout
    after = resumed.stdout.split("> 1\n", 1)[1]
    assert "Module 1 of 1, scenario 1 of 1, step 2" in after
    assert "You chose 1: Best choice." in after
