"""A scenario choice takes effect on Enter, like every other choice in the app."""

from __future__ import annotations

from pathlib import Path

from smtrainer.domain.progress import Stage
from smtrainer.ui.launch import make_app
from tests.ui.driver import step


async def test_a_digit_marks_a_choice_and_enter_confirms_it(tiny: Path) -> None:
    app = make_app(tiny)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:
        while app.progress is None or app.progress.position.stage is not Stage.SCENARIO:
            await step(pilot)
        position = app.progress.position
        walked = app.progress.module(position.module or "").choices
        await pilot.press("2")
        await pilot.pause()
        assert walked == {}, "a digit alone decides nothing"
        assert not app.screen.query(".feedback")
        await pilot.press("1")  # a change of mind before Enter
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert walked == {"sc-one": {"start": "a"}}
        assert app.progress.position == position, "Enter first shows the feedback"
        assert app.screen.query(".feedback")
        await pilot.press("2")  # the first confirmed choice is the one kept
        await pilot.press("enter")
        await pilot.pause()
        assert walked == {"sc-one": {"start": "a"}}
        assert app.progress.position != position
