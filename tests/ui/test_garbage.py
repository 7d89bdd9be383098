"""Full garbage collections wait for a second without keys, or after many keys a short pause;
the app leaves Python's own settings as they were when it ends."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from smtrainer.ui import garbage
from smtrainer.ui.launch import make_app
from tests.ui.driver import settled


@pytest.fixture
def full_collections() -> Any:
    seen: list[float] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            seen.append(1.0)

    gc.callbacks.append(record)
    yield seen
    gc.callbacks.remove(record)


async def test_the_started_app_is_set_aside_and_full_collections_made_rare(tiny: Path) -> None:
    before = gc.get_threshold()
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (before[0], before[1], garbage.RARE_FULL)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_a_full_collection_comes_after_a_second_without_keys(
    tiny: Path, monkeypatch: pytest.MonkeyPatch, full_collections: list[float]
) -> None:
    monkeypatch.setattr(garbage, "IDLE_SECONDS", 1.0)  # Far above a key press on a busy machine.
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for _ in range(6):  # Keys closer together than the idle time: no full collection.
            gc.collect(1)  # Something for the oldest generation to look at.
            full_collections.clear()
            await pilot.press("f1")
            await pilot.pause(0.1)
            assert not full_collections
        gc.collect(1)
        await pilot.pause(2.0)
        assert full_collections  # Made once the keys stopped.
        assert gc.get_count()[2] == 0


async def test_after_many_keys_without_a_pause_the_next_short_pause_collects(
    tiny: Path, monkeypatch: pytest.MonkeyPatch, full_collections: list[float]
) -> None:
    """Garbage is not left to pile up for one long collection at the end of a steady run."""
    monkeypatch.setattr(garbage, "IDLE_SECONDS", 30.0)  # Never reached here.
    monkeypatch.setattr(garbage, "KEYS_BETWEEN", 4)
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        for _round in range(2):
            for n in range(1, 5):
                gc.collect(1)  # Something for the oldest generation to look at.
                full_collections.clear()
                await pilot.press("f1")
                await pilot.pause(0.3)  # Far above SOON_SECONDS.
                assert bool(full_collections) == (n == 4), n


def test_nothing_to_collect_is_not_collected(full_collections: list[float]) -> None:
    collector = garbage.IdleCollector(app=None)
    gc.collect()
    full_collections.clear()
    collector._collect()
    assert not full_collections
    gc.collect(1)
    collector._collect()
    assert full_collections


async def test_what_the_app_builds_by_itself_after_start_is_set_aside_too(tiny: Path) -> None:
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert app._identity_ahead is not None
        screen, _language = app._identity_ahead
        # Set aside (frozen) objects are no longer among those the collector looks at.
        assert not any(o is screen for o in gc.get_objects())


async def test_what_survives_an_idle_collection_is_set_aside(tiny: Path) -> None:
    """The next collection walks only what is made after it."""
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        survivor: list[object] = [{}]
        app.survivor = survivor  # type: ignore[attr-defined]
        gc.collect(1)  # Something for the oldest generation to look at.
        assert any(o is survivor for o in gc.get_objects())
        app.collector._collect()
        assert not any(o is survivor for o in gc.get_objects())
    assert gc.get_freeze_count() == 0  # All put back when the app ends.
