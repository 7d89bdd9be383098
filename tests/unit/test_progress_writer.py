"""Progress saved by a thread of its own: off the caller's thread, in order, never lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest

from smtrainer.domain.progress import Position, Progress, Stage
from smtrainer.storage import progress as progress_storage
from smtrainer.storage.atomic import StorageError, atomic_write
from smtrainer.storage.progress import ProgressWriter, load_progress, progress_path
from tests.unit.test_progress_storage import sample

ROOT = Path(__file__).resolve().parents[2]


def at(index: int) -> Progress:
    """The sample progress, at key point `index`."""
    progress = sample()
    progress.position = Position(Stage.KEY_POINT, "basics", index)
    return progress


def test_saves_are_written_off_the_callers_thread_in_order(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[tuple[str, int]] = []

    def slow_write(path: Path, data: bytes, **kwargs: object) -> None:
        time.sleep(0.02)  # Saves keep arriving while one is written.
        index = tomllib.loads(data.decode())["position"]["index"]
        written.append((threading.current_thread().name, index))
        atomic_write(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_storage, "atomic_write", slow_write)
    errors: list[StorageError] = []
    writer = ProgressWriter(on_error=errors.append)
    for index in range(6):
        writer.save(at(index))
    writer.flush()
    assert not errors
    assert written, "nothing was written"
    assert all(name != threading.current_thread().name for name, _index in written)
    indexes = [index for _name, index in written]
    assert indexes == sorted(indexes)  # Never an older save after a newer one.
    assert indexes[-1] == 5
    assert load_progress("tiny").progress == at(5)


def test_a_save_queued_after_a_flush_starts_the_writer_again(isolated: Path) -> None:
    errors: list[StorageError] = []
    writer = ProgressWriter(on_error=errors.append)
    writer.save(at(1))
    writer.flush()
    writer.save(at(2))
    writer.flush()
    assert not errors
    assert load_progress("tiny").progress == at(2)


def test_a_failed_write_is_reported(isolated: Path) -> None:
    blocked = progress_path("tiny").parent
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    errors: list[StorageError] = []
    writer = ProgressWriter(on_error=errors.append)
    writer.save(at(1))
    writer.flush()
    assert len(errors) == 1
    assert errors[0].path == progress_path("tiny")


def test_saves_still_waiting_reach_the_disk_when_the_program_ends(isolated: Path) -> None:
    program = """
import time
from smtrainer.storage import progress as storage
from tests.unit.test_progress_writer import at

real = storage.atomic_write
def slow(*args, **kwargs):
    time.sleep(0.2)
    real(*args, **kwargs)
storage.atomic_write = slow
writer = storage.ProgressWriter(on_error=print)
for index in range(3):
    writer.save(at(index))
"""  # Ends without a flush, while the first save is still being written.
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=ROOT,
        env={**os.environ, "SMTRAINER_HOME": str(isolated)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert load_progress("tiny").progress == at(2)
