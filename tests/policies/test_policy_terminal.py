"""The installed command in a real terminal (tmux): `smtrainer --policy ID` opens that school."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = Path(sys.executable).with_name("smtrainer")
PACKS = ["ict-aup", "kenn-kenton", "kingsworth", "magna-carta", "protocol-2010"]


@pytest.fixture
def socket() -> Iterator[str]:
    """A tmux server of this test's own, killed at the end."""
    name = f"smtrainer-policy-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)


def first_screen(socket: str, home: Path, *arguments: str) -> str:
    """What the terminal shows once the first screen has settled."""
    session = uuid.uuid4().hex[:8]
    command = (
        f"exec env SMTRAINER_HOME={home} LANG=en_GB.UTF-8 TERM=xterm-256color "
        f"{COMMAND} {' '.join(arguments)}"
    )
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
    )
    deadline = time.monotonic() + 30
    screen = ""
    while time.monotonic() < deadline:
        result = subprocess.run(
            ["tmux", "-L", socket, "capture-pane", "-p", "-t", session],
            capture_output=True,
            text=True,
        )
        screen = result.stdout
        if "Ctrl+Q" in screen:  # the footer: the screen is drawn
            break
        time.sleep(0.2)
    subprocess.run(["tmux", "-L", socket, "kill-session", "-t", session], capture_output=True)
    return screen


@pytest.mark.parametrize("policy_id", PACKS)
def test_policy_option_shows_that_school_first(policy_id: str, socket: str, tmp_path: Path) -> None:
    school = load_policy_set(None, policy_id).policies["en"].school
    screen = first_screen(socket, tmp_path / "home", "--policy", policy_id)
    assert school in screen.splitlines()[2], screen  # the line under the title bar
    assert "Which school's policy" not in screen


def test_without_a_choice_the_picker_lists_every_school(socket: str, tmp_path: Path) -> None:
    screen = first_screen(socket, tmp_path / "home")
    assert "Which school's policy is yours?" in screen, screen
    for policy_id in PACKS:
        school = load_policy_set(None, policy_id).policies["en"].school
        assert school in screen, (school, screen)
