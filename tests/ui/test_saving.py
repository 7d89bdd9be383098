"""The app saves each answer away from the screen's thread, and quitting loses none of them."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from smtrainer.domain.progress import Stage
from smtrainer.storage import progress as progress_storage
from smtrainer.storage.atomic import atomic_write
from smtrainer.storage.progress import load_progress
from smtrainer.ui.launch import make_app
from tests.ui.driver import step

SLOW_DISK = 1.0
"""Seconds each write of the progress takes in this test."""


async def test_an_answer_is_saved_off_the_screen_thread_and_kept_when_quitting_at_once(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved_by: list[threading.Thread] = []

    def slow_disk(path: Path, data: bytes, **kwargs: object) -> None:
        saved_by.append(threading.current_thread())
        time.sleep(SLOW_DISK)
        atomic_write(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_storage, "atomic_write", slow_disk)
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            if app.progress is not None and app.progress.position.stage is Stage.CONFIDENCE:
                break
            await step(pilot)
        else:
            pytest.fail(f"no confidence check; stuck at {app.screen!r}")
        started = time.perf_counter()
        await pilot.press("4")
        assert time.perf_counter() - started < SLOW_DISK  # The screen did not wait for the disk.
        await pilot.press("ctrl+q")
        await pilot.press("y")
        await pilot.pause()
    assert saved_by
    assert threading.main_thread() not in saved_by
    saved = load_progress("tiny").progress
    assert saved is not None
    assert saved.module("basics").confidence == 4
