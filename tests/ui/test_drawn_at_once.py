"""A key's change is laid out once and drawn in one frame: text that changes size does not ask
for a second layout, and a journey screen shown again is laid out before it is shown."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import LayoutUpdate
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input

from smtrainer.ui.dialogs import HelpScreen
from smtrainer.ui.launch import make_app
from smtrainer.ui.screens.module_steps import ConfidenceScreen, KeyPointScreen
from smtrainer.ui.widgets import LaidOutKey, Plain
from tests.ui.driver import on_identity_screen, settled, step

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = "kingsworth"


@contextmanager
def layouts_of(screen_type: type[Screen[Any]], shown_only: bool = True) -> Iterator[list[Any]]:
    """Each layout of a screen of this type (while it is the one shown, by default)."""
    made: list[Any] = []
    real = Screen._refresh_layout

    def counted(screen: Screen[Any], *args: Any, **kwargs: Any) -> None:
        if isinstance(screen, screen_type) and (screen.app.screen is screen or not shown_only):
            made.append(screen)
        real(screen, *args, **kwargs)

    Screen._refresh_layout = counted  # type: ignore[method-assign,assignment]
    try:
        yield made
    finally:
        Screen._refresh_layout = real  # type: ignore[method-assign]


class Lines(App[None]):
    def compose(self) -> ComposeResult:
        yield Plain("one", id="text")
        yield Plain("below", id="below")


async def test_text_that_grows_is_laid_out_once() -> None:
    app = Lines()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        with layouts_of(Screen) as layouts:
            app.query_one("#text", Plain).update("one\ntwo\nthree")
            for _ in range(5):
                await pilot.pause(0.02)
        assert app.query_one("#below", Plain).region.y == 3
        assert len(layouts) == 1


@pytest.fixture
def one_school(tmp_path: Path) -> Path:
    """A bundled school's pack alone, in both languages: modules of several key points."""
    content = tmp_path / "content"
    for language in ("en", "fr"):
        shutil.copytree(ROOT / "content" / language / SCHOOL, content / language / SCHOOL)
    return content


async def test_a_journey_screen_shown_again_is_laid_out_before_it_is_shown(
    one_school: Path,
) -> None:
    """The key-point screen kept from the first module is shown again after the second
    module's confidence question: laid out for its new text before it is shown, not drawn
    first as it was, then laid out."""
    app = make_app(one_school)
    assert app is not None
    async with app.run_test(size=(80, 24)) as pilot:

        def kept() -> list[KeyPointScreen]:
            screens = app._installed_screens.values()
            return [s for s in screens if isinstance(s, KeyPointScreen) and not s.standby]

        for _ in range(300):
            if isinstance(app.screen, ConfidenceScreen) and kept():
                break
            await step(pilot)
        await settled(pilot)
        (screen,) = kept()
        before = [str(line.content) for line in screen.query(Plain)]
        with layouts_of(KeyPointScreen) as layouts:
            await pilot.press("3", "enter")
            for _ in range(5):
                await pilot.pause(0.02)
        assert app.screen is screen
        assert [str(line.content) for line in screen.query(Plain)] != before
        assert layouts == []


async def test_f1_opens_the_help_from_a_text_field_and_the_footer_says_so(tiny: Path) -> None:
    """ "?" is typed into a text field: there the footer shows F1 for help, elsewhere "?",
    with the same key widget."""
    async with on_identity_screen(tiny) as (app, pilot, screen):

        def help_key() -> LaidOutKey:
            (key,) = [k for k in screen.query(LaidOutKey) if k.action == "help"]
            return key

        in_field = help_key()
        assert (in_field.key, in_field.key_display) == ("f1", "F1")
        await pilot.press("tab", "tab")  # Staff id, then the roles.
        await pilot.pause()
        assert help_key() is in_field
        assert (in_field.key, in_field.key_display) == ("question_mark", "?")
        await pilot.press("shift+tab")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen_stack[-1] is screen
        assert screen.query_one("#staff-id").has_focus


async def test_moving_the_focus_draws_the_two_fields_not_the_whole_screen(tiny: Path) -> None:
    """Tab from the name to the staff id: one frame, of the two fields alone."""
    async with on_identity_screen(tiny) as (app, pilot, screen):
        for field in screen.query(Input):
            field.cursor_blink = False  # Its blinking would draw frames of its own.
        await pilot.pause(0.1)
        drawn: list[Any] = []
        display = app._display

        def counted(screen: Screen[Any], update: Any) -> None:
            if update is not None:
                drawn.append(update)
            display(screen, update)

        app._display = counted  # type: ignore[method-assign,assignment]
        await pilot.press("tab")
        for _ in range(5):
            await pilot.pause(0.02)
        assert screen.query_one("#staff-id", Input).has_focus
        assert len(drawn) == 1
        assert not isinstance(drawn[0], LayoutUpdate)  # Not the whole screen.
