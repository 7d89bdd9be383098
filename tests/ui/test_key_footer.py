"""The footer changes only the keys that change: keys that stay are the same widgets, with their
new label, key name and state; a key that comes is added in its place."""

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


async def test_focus_moves_without_rebuilding_and_new_keys_appear_in_place() -> None:
    app = Demo()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(app) == ["Always"]
        builds = CountingFooter.builds
        (always,) = app.screen.query(FooterKey)

        app.screen.set_focus(app.query_one("#two", Button))
        await pilot.pause()
        app.screen.set_focus(app.query_one("#one", Button))
        await pilot.pause()
        assert CountingFooter.builds == builds, "same keys, yet the footer was rebuilt"

        app.screen.set_focus(app.query_one("#three", Button))
        await pilot.pause()
        assert shown(app) == ["Extra key", "Always"]
        assert list(app.screen.query(FooterKey))[1] is always, "a key that stayed was rebuilt"
        assert app.screen.query_one(CountingFooter).styles.grid_size_columns == 2

        app.screen.set_focus(app.query_one("#one", Button))
        await pilot.pause()
        assert shown(app) == ["Always"]
        assert app.screen.query_one(FooterKey) is always
        assert CountingFooter.builds == builds


class Toggling(App[None]):
    """A key whose action is enabled or not, by a flag; the footer shows it either way."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f6", "act", "Act")]
    allowed = False

    def compose(self) -> ComposeResult:
        yield CountingFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act":
            return True if self.allowed else None  # None: shown, disabled.
        return True

    def action_act(self) -> None:
        self.bell()


async def test_a_key_enabled_or_disabled_is_marked_in_place_not_rebuilt() -> None:
    app = Toggling()
    async with app.run_test() as pilot:
        await pilot.pause()
        (key,) = app.screen.query(FooterKey)
        assert key.has_class("-disabled")
        builds = CountingFooter.builds

        app.allowed = True
        app.screen.refresh_bindings()
        await pilot.pause()
        assert CountingFooter.builds == builds, "only the key's state changed, yet rebuilt"
        assert app.screen.query_one(FooterKey) is key and not key.has_class("-disabled")

        app.allowed = False
        app.screen.refresh_bindings()
        await pilot.pause()
        assert key.has_class("-disabled")
        assert CountingFooter.builds == builds


class Renamed(App[None]):
    """Key names that follow a setting, as they follow the language in the training app."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "bell", "Continue")]
    french = False

    def compose(self) -> ComposeResult:
        yield CountingFooter()

    def get_key_display(self, binding: Binding) -> str:
        return "Entrée" if self.french else "Enter"


async def test_a_key_whose_name_changes_is_drawn_with_the_new_name() -> None:
    app = Renamed()
    async with app.run_test() as pilot:
        await pilot.pause()
        key = app.screen.query_one(FooterKey)
        assert key.key_display == "Enter"
        app.french = True
        app.screen.refresh_bindings()
        await pilot.pause()
        assert app.screen.query_one(FooterKey) is key and key.key_display == "Entrée"
