"""Moving on redraws what changed on screens already built, instead of building new ones."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from smtrainer.documents.wording import option_label
from smtrainer.domain.progress import Stage
from smtrainer.ui.app import TrainerApp
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.module_map import MapScreen
from smtrainer.ui.screens.question import QuestionScreen
from smtrainer.ui.widgets import NumberedChoices, Plain
from tests.ui.driver import option_keys, step


async def walk_until(pilot: Pilot[int], arrived: object) -> None:
    for _ in range(100):
        if callable(arrived) and arrived():
            return
        await step(pilot)
    raise AssertionError(f"never arrived; stuck at {pilot.app.screen!r}")


def started(tiny: Path) -> TrainerApp:
    app = make_app(tiny)
    assert app is not None
    return app


async def test_the_next_question_is_drawn_on_the_same_screen_and_widgets(tiny: Path) -> None:
    app = started(tiny)
    async with app.run_test(size=(80, 24)) as pilot:

        def first_question() -> bool:
            screen = app.screen
            return (
                isinstance(screen, QuestionScreen)
                and screen.in_assessment
                and not screen.introducing
            )

        await walk_until(pilot, first_question)
        screen = app.screen
        choices = screen.query_one("#choices", NumberedChoices)
        assert "Question 1 of 3" in str(screen.query_one(".counter", Plain).content)
        await pilot.press(*option_keys(app), "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#choices", NumberedChoices) is choices
        assert "Question 2 of 3" in str(screen.query_one(".counter", Plain).content)
        question = app.journey.question()
        shown = [option_label(question, option) for option in app.journey.options(question)]
        assert choices.options == shown


async def test_the_module_map_is_built_once_and_shows_each_module_done(tiny: Path) -> None:
    app = started(tiny)
    async with app.run_test(size=(80, 24)) as pilot:

        def on_map() -> bool:
            return isinstance(app.screen, MapScreen)

        await walk_until(pilot, on_map)
        first = app.screen
        table = first.query_one("#map", DataTable)
        assert "Not started" in str(table.get_cell("basics", "status"))
        await pilot.press("enter")
        await pilot.pause()

        def back_on_map() -> bool:
            progress = app.progress
            return on_map() and progress is not None and progress.module("basics").done

        await walk_until(pilot, back_on_map)
        assert app.screen is first
        assert app.progress is not None and app.progress.position.stage is Stage.MAP
        # Every module done: the body is drawn again (it says so), the table kept and refilled.
        assert first.query_one("#map", DataTable) is table
        assert first.query("#map-ready")
        assert (table.row_count, len(table.columns)) == (1, 4)
        assert "Done" in str(table.get_cell("basics", "status"))
