"""The installed `smtrainer dashboard` in a real terminal (tmux), on a cold store of more than
1,000 records: the first open of a real store, which the process pool used to crash (Textual had
replaced standard error, whose file descriptor the pool then passed on as -1)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from smtrainer.content.policies import load_policy_set
from smtrainer.workflows.demo import build_demo

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = Path(sys.executable).with_name("smtrainer")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("big") / "store"
    build_demo(
        out,
        load_policy_set(None, "kingsworth").policies,
        staff=340,
        years=3,
        seed=5,
        today=dt.date(2026, 11, 21),
    )
    assert len(list((out / "records").rglob("*.toml"))) >= 1000
    return out


def run_dashboard(
    store: Path,
    home: Path,
    language: str,
    expect: str,
    then: str | None = None,
    *,
    cold: bool = True,
    program: str = str(COMMAND),
    person: str | None = None,
) -> str:
    """Open the dashboard (cold, unless told otherwise), wait until the staff table shows
    `expect` and the first person with every record verified (then, given `then`, switch
    language with F2 and wait until it shows `then`; given `person`, open the first person's
    records and wait until they show `person`), quit; the last screen (the exit status must be
    0)."""
    if cold:
        shutil.rmtree(store / ".cache", ignore_errors=True)
    name = f"dash-{uuid.uuid4().hex[:8]}"
    status = home / f"status-{name}"
    command = (
        f"env SMTRAINER_HOME={home} TERM=xterm-256color {program} dashboard --lang {language} "
        f"--store {store}; echo $? > {status}; sleep 30"
    )
    # A tmux server of its own: on a shared one, a session started just as the server exits
    # with another test's last session fails.
    tmux = ["tmux", "-L", name]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "120", "-y", "30", command], check=True
    )
    try:
        deadline = time.monotonic() + 180
        screen = ""
        while time.monotonic() < deadline:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            done = expect in screen and "S-0001" in screen and "⋯" not in screen
            if done or status.exists():
                break
            time.sleep(0.5)
        assert expect in screen and "S-0001" in screen, f"no staff table; screen was:\n{screen}"
        if then is not None:
            subprocess.run([*tmux, "send-keys", "-t", name, "F2"], check=True)
            screen = wait_for(tmux, name, then, status)
            assert then in screen and not status.exists(), f"not switched; screen:\n{screen}"
        if person is not None:
            # The tabs, the search, the status and role filters, then the staff table.
            for key in ["Tab"] * 5 + ["Enter"]:
                subprocess.run([*tmux, "send-keys", "-t", name, key], check=True)
                time.sleep(0.2)
            screen = wait_for(tmux, name, person, status)
            assert person in screen and not status.exists(), f"no records; screen:\n{screen}"
            subprocess.run([*tmux, "send-keys", "-t", name, "Escape"], check=True)
        subprocess.run([*tmux, "send-keys", "-t", name, "C-q"], check=True)
        deadline = time.monotonic() + 30
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status.read_text().strip() == "0", screen
        return screen
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def wait_for(tmux: list[str], name: str, text: str, status: Path) -> str:
    deadline = time.monotonic() + 60
    screen = ""
    while time.monotonic() < deadline and not status.exists():
        time.sleep(0.5)
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout
        if text in screen and "⋯" not in screen:
            break
    return screen


def test_a_language_switch_with_a_damaged_record_in_a_real_terminal(
    big_store: Path, tmp_path: Path
) -> None:
    """Switching language says again why a file cannot be trusted: the summary is made again
    while the app runs, in a real terminal."""
    store = tmp_path / "store"
    shutil.copytree(big_store, store)
    victim = sorted((store / "records").rglob("*.toml"))[0]
    victim.write_bytes(victim.read_bytes().replace(b"score_pct = ", b"score_pct = 1", 1))
    screen = run_dashboard(store, tmp_path, "en", "Staff id", then="Identifiant")
    assert "Traceback" not in screen


@pytest.mark.parametrize(
    ("language", "header", "totals"),
    [("en", "Staff id", "records"), ("fr", "Identifiant", "attestations")],
)
def test_dashboard_opens_a_cold_store_of_1000_records_in_a_real_terminal(
    big_store: Path, tmp_path: Path, language: str, header: str, totals: str
) -> None:
    screen = run_dashboard(big_store, tmp_path, language, header)
    first_line = next(line for line in screen.splitlines() if totals in line)
    count = int("".join(ch for ch in first_line.split(totals)[0] if ch.isdigit()))
    assert count >= 1000, first_line
    assert "Traceback" not in screen and "fds_to_keep" not in screen


BIG_STORE_LAUNCHER = """
import sys
from smtrainer.workflows import summary_prefetch
summary_prefetch.LARGEST_CACHE = 1000  # Every store counts as too big to hand its summary over.
from smtrainer.cli.main import main
sys.exit(main())
"""


def test_a_big_store_s_kept_summary_is_shown_in_a_real_terminal(
    big_store: Path, tmp_path: Path
) -> None:
    """A store too big for its summary to be handed over has its kept summary read in the
    second process, shown, then made whole in the app: in a real terminal, in French."""
    store = tmp_path / "store"
    shutil.copytree(big_store, store)
    home = tmp_path / "home"
    env = {**os.environ, "SMTRAINER_HOME": str(home)}
    summary = [str(COMMAND), "summary", "--lang", "fr", "--store", str(store)]
    subprocess.run(summary, env=env, check=True, capture_output=True)
    kept = store / ".cache" / "summary-v1.bin"
    assert kept.is_file()
    launcher = tmp_path / "launch.py"
    launcher.write_text(BIG_STORE_LAUNCHER, encoding="utf-8")
    before = kept.stat().st_mtime_ns
    screen = run_dashboard(
        store,
        home,
        "fr",
        "Identifiant",
        cold=False,
        program=f"{sys.executable} {launcher}",
        person="Terminée le",
    )
    assert "retour." in screen and "Traceback" not in screen
    assert kept.stat().st_mtime_ns == before  # Shown and used as it was: not made again.
