"""The journey's screens are built ahead while the learner reads the module map, and a screen
built ahead shows exactly what one built when needed would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from smtrainer.ui import app as app_module
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.base import JourneyScreen
from smtrainer.ui.screens.module_map import MapScreen
from smtrainer.ui.screens.module_steps import ConfidenceScreen
from smtrainer.ui.widgets import Plain, TitleBar
from tests.ui.driver import settled, step


def started(content: Path) -> TrainerApp:
    app = make_app(content)
    assert app is not None
    return app


async def to_map(pilot: Pilot[int]) -> None:
    for _ in range(20):
        if isinstance(pilot.app.screen, MapScreen):
            return
        await step(pilot)
    raise AssertionError(f"never reached the map; stuck at {pilot.app.screen!r}")


async def built_ahead(pilot: Pilot[int]) -> dict[str, JourneyScreen]:
    """Once building is over: the journey's screens built but never shown, by class name."""
    await settled(pilot)
    app = pilot.app
    return {
        type(screen).__name__: screen
        for screen in app._installed_screens.values()
        if isinstance(screen, JourneyScreen) and screen.standby
    }


@asynccontextmanager
async def on_the_map(content: Path) -> AsyncIterator[tuple[TrainerApp, Pilot[int]]]:
    """The app on the module map, once the screens after it are built."""
    app = started(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        yield app, pilot


async def test_every_other_kind_of_journey_screen_is_built_laid_out_with_its_footer(
    tiny: Path,
) -> None:
    async with on_the_map(tiny) as (app, pilot):
        ahead = await built_ahead(pilot)
        assert {"ConfidenceScreen", "KeyPointScreen", "ScenarioScreen", "QuestionScreen"} <= set(
            ahead
        )
        assert "MapScreen" not in ahead  # Shown, not built ahead.
        for screen in ahead.values():
            assert screen.is_mounted and screen not in app.screen_stack
            assert screen.query_one(TitleBar).size.width == app.size.width, "not laid out"
            assert screen.query(FooterKey), f"{screen!r} has no footer keys"
            assert not screen.query("#body > *"), "a body drawn before its position"


async def test_a_screen_built_ahead_is_shown_drawn_for_its_position_with_its_keys(
    tiny: Path,
) -> None:
    async with on_the_map(tiny) as (app, pilot):
        ahead = await built_ahead(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfidenceScreen) and screen is ahead["ConfidenceScreen"]
        assert not screen.standby
        heading = screen.query_one(".heading", Plain)
        assert str(heading.content) == screen.module.title
        assert screen.sub_title == screen.module.title
        keys = {key.action: key for key in screen.query(FooterKey)}
        assert not keys["continue"].has_class("-disabled")
        await pilot.press("2", "enter")  # It works as a new screen would.
        await pilot.pause()
        assert type(app.screen).__name__ == "KeyPointScreen"


async def test_a_key_while_screens_are_being_built_is_answered_as_usual(tiny: Path) -> None:
    app = started(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        await pilot.press("enter")  # At once: the screens are still being built.
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfidenceScreen)
        assert str(screen.query_one(".heading", Plain).content) == screen.module.title
        await built_ahead(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "KeyPointScreen"
        assert app.screen.query(".reading")


async def test_theme_and_language_changed_after_building_are_those_shown(tiny: Path) -> None:
    async with on_the_map(tiny) as (app, pilot):
        await built_ahead(pilot)
        await pilot.press("f3", "f2")  # High contrast, then French.
        await pilot.pause()
        map_bar = app.screen.query_one(TitleBar).styles.background
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfidenceScreen)
        assert screen.query_one(TitleBar).styles.background == map_bar
        labels = [str(key.description) for key in screen.query(FooterKey)]
        assert "Continuer" in labels and "Continue" not in labels


async def test_a_screen_needed_while_it_is_being_built_is_built_anew_and_takes_keys(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = app_module.build_unseen

    async def slow(app: TrainerApp, screen: JourneyScreen) -> bool:
        await asyncio.sleep(0.5)  # Still being built when the key comes.
        return await real(app, screen)

    monkeypatch.setattr(app_module, "build_unseen", slow)
    app = started(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_map(pilot)
        for _ in range(200):
            if app._building:
                break
            await pilot.pause(0.01)
        (half_built,) = app._building
        await pilot.press("enter", "3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfidenceScreen) and screen is not half_built
        assert str(screen.query_one(".heading", Plain).content) == screen.module.title
        assert app.journey.confidence() == 3


async def test_the_screen_shown_is_drawn_after_work_on_a_screen_built_ahead(tiny: Path) -> None:
    """Textual holds a screen's redraw while the app batches updates, and resumes it at that
    screen's next idle moment; building a screen ahead batches updates (its footer is built
    under a batch), and the screen shown, with no message of its own to come, was left
    undrawn until the next key (in a real terminal, French asked for by F2 never showed)."""
    async with on_the_map(tiny) as (app, pilot):
        await built_ahead(pilot)
        screen = app.screen
        with app.batch_update():
            screen.query_one(".heading", Plain).update("Redrawn")
            await asyncio.sleep(0.2)  # The screen's update timer fires, and is held.
        await asyncio.sleep(0.2)  # Not `pilot.pause`: it would make the screen draw itself.
        assert not screen._dirty_widgets and not screen._repaint_required, "never drawn"


async def test_the_map_built_ahead_is_first_shown_in_the_widgets_built_for_it(tiny: Path) -> None:
    app = started(tiny)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("1")  # The identity screen; the map is built ahead with it.
        await settled(pilot)
        (ahead,) = [s for s in app._installed_screens.values() if isinstance(s, MapScreen)]
        table = ahead.query_one("#map", DataTable)
        assert ahead.standby
        assert app.policy is not None
        modules = [module.id for module in app.policy.modules]
        assert [row.value for row in table.rows] == modules
        assert {str(table.get_cell(module, "status")) for module in modules} == {"○ Not started"}
        await to_map(pilot)
        assert app.screen is ahead and ahead.query_one("#map", DataTable) is table
        assert table.row_count == len(app.journey.modules()) and len(table.columns) == 4
        done = str(ahead.query_one("#map-done", Plain).content)
        assert done == f"0 of {table.row_count} modules done."
