"""The footer is rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from smtrainer.ui.widgets import KeyFooter


class CountingFooter(KeyFooter):
    builds = 0

    def compose(self) -> ComposeResult:
        CountingFooter.builds += 1
        yield from super().compose()


class WithKey(Button):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "press", "Extra key")]


class Demo(App[None]):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f2", "bell", "Always")]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield WithKey("three", id="three")
        yield CountingFooter()


def shown(app: Demo) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_focus_moves_without_rebuilding_and_new_keys_appear() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(app) == ["Always"]
        builds = CountingFooter.builds

        app.screen.set_focus(app.query_one("#two", Button))
        await pilot.pause()
        app.screen.set_focus(app.query_one("#one", Button))
        await pilot.pause()
        assert CountingFooter.builds == builds, "same keys, yet the footer was rebuilt"

        app.screen.set_focus(app.query_one("#three", Button))
        await pilot.pause()
        assert CountingFooter.builds > builds
        assert shown(app) == ["Extra key", "Always"]

        app.screen.set_focus(app.query_one("#one", Button))
        await pilot.pause()
        assert shown(app) == ["Always"]
