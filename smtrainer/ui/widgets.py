"""Small widgets the journey screens are built from."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.widgets._footer import FooterKey

from smtrainer.i18n import N_, _


class SizedByLayout:
    """For a widget whose size only a layout of the screen sets: text, a key, a scrolling part
    of the screen (not a view that sizes its own content, such as a table).

    When a layout changes the size of a widget, Textual asks for another layout of the whole
    screen, which places everything where the first one did: a key that changed a screen's text
    laid it out, and drew it, twice. These widgets do not ask for it. A scrolling part whose
    scroll bar comes or goes still does (that changes what is placed).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class ScrollingBody(SizedByLayout, VerticalScroll):
    """The part of a screen that scrolls, between its title and its footer."""


def focus_after_text(field: Widget) -> None:
    """Focus `field`, a text field drawn again (in another language) where the learner was
    typing: its cursor after the text, nothing selected (as a field reached with Tab is), so
    that the next letters go on from there instead of replacing it."""
    if isinstance(field, Input):
        field.select_on_focus = False
        field.cursor_position = len(field.value)
    field.focus()


class NumberedChoices(SizedByLayout, Static):
    """Options numbered 1, 2, 3…, each marked as picked or not, with an optional outcome mark."""

    def __init__(
        self,
        options: Sequence[str],
        picked: set[int],
        *,
        multiple: bool = False,
        marks: dict[int, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.picked = set(picked)
        self.multiple = multiple
        self.marks = marks or {}

    def take(self, other: NumberedChoices) -> None:
        """Show what `other` (a new list for the same place) would."""
        self.options, self.picked = other.options, other.picked
        self.multiple, self.marks = other.multiple, other.marks
        self.refresh(layout=True)

    def show_picked(self, picked: set[int]) -> None:
        """Mark `picked` instead (drawn again alone: nothing else on the screen changes)."""
        self.picked = set(picked)
        self.refresh()

    def render(self) -> HangingRows:
        rows = []
        for number, option in enumerate(self.options, start=1):
            if self.multiple:
                box = "[x]" if number in self.picked else "[ ]"
            else:
                box = "(•)" if number in self.picked else "( )"
            style = "bold" if number in self.picked else ""
            label = Text(option, style=style)
            if number in self.marks:
                label.append(f"  {self.marks[number]}", style="bold")
            rows.append((Text(f" {number} {box}", style=style), label))
        return HangingRows(rows)


class HangingRows:
    """Rows of a short lead and a text wrapped beside it, under itself (a hanging indent), one
    cell apart: what a two-column grid with a cell of padding shows, drawn at a fraction of its
    cost (a table measures every cell twice over, and the screen redraws this at every key)."""

    GAP = 1

    def __init__(self, rows: Sequence[tuple[Text, Text]]) -> None:
        self.rows = list(rows)
        self.lead = max((lead.cell_len for lead, _text in self.rows), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = max(1, options.max_width - self.lead - self.GAP)
        indent = Segment(" " * (self.lead + self.GAP))
        for lead, text in self.rows:
            for number, line in enumerate(text.wrap(console, width)):
                if number == 0:
                    yield from lead.render(console, end="")
                    yield Segment(" " * (self.lead - lead.cell_len + self.GAP))
                else:
                    yield indent
                line.rstrip_end(width)
                yield from line.render(console, end="")
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        texts = [Measurement.get(console, options, text) for _lead, text in self.rows]
        extra = self.lead + self.GAP
        return Measurement(
            max((m.minimum for m in texts), default=0) + extra,
            max((m.maximum for m in texts), default=0) + extra,
        )


class TitleBar(SizedByLayout, Static):
    """The screen's title and sub-title on the top line.

    Drawn from the screen when rendered, and refreshed by plain (synchronous) watchers: unlike
    Textual's `Header`, nothing is left to run after the screen has gone away.
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Text:
        screen = self.screen
        title = Text(screen.title or self.app.title or "", style="bold")
        if screen.sub_title:
            title.append(" — ")
            title.append(screen.sub_title, style="dim")
        return title


class MoreBelow(SizedByLayout, Static):
    """A "↓ More below" line under a scrolling part of the screen while some of it is out of sight.

    Shown only then (it takes a line of its own); kept up to date by plain watchers of the
    scrolling widget's position and sizes, so it never runs after the screen is gone.
    """

    def __init__(self, scroller: Widget) -> None:
        super().__init__("", id="more-below")
        self.scroller = scroller
        self.display = False

    def on_mount(self) -> None:
        for attribute in ("scroll_y", "virtual_size", "size"):
            self.watch(self.scroller, attribute, self._update, init=False)
        self.call_after_refresh(self._update)

    def _update(self, _value: object = None) -> None:
        scroller = self.scroller
        # Only the bottom padding out of sight is not "more".
        hidden = scroller.max_scroll_y - scroller.scroll_y > scroller.styles.padding.bottom
        text = _("↓ More below: ↓ or Page Down to scroll")
        if hidden and self.content != text:  # Unchanged, it is not laid out again.
            self.update(text)
        self.display = hidden


class KeyFooter(Footer):
    """Textual's footer, rebuilt only when the keys it shows change, and only on show.

    Textual rebuilds the footer every time a screen refreshes its bindings, and moving the focus
    does that twice; the keys shown rarely change, so most of those rebuilds are wasted work.
    """

    _shown: tuple[tuple[Any, ...], ...] | None = None

    def __init__(self, *, show_command_palette: bool = False) -> None:
        # At 80 columns the palette key leaves no room for the keys of the screen; the help
        # screen lists it, and Ctrl+P works everywhere.
        super().__init__(show_command_palette=show_command_palette)

    KEY_ONLY_WHEN_NARROW = frozenset({"request_quit", "help", "back"})
    """Below 80 columns these keys show without their label (the help lists them), so that
    every key fits down to 60 columns, in French too."""

    _narrow: bool | None = None

    def on_mount(self) -> None:
        self.compact = True  # Keys and labels sit close together.
        self._narrow = self.app.size.width < 80

    def on_resize(self) -> None:
        narrow = self.app.size.width < 80
        if narrow != self._narrow:
            self._narrow = narrow
            self._shown = None
            self.refresh(recompose=True)

    def compose(self) -> ComposeResult:
        yield from self._keys()

    def _keys(self) -> Iterator[FooterKey]:
        """The keys to draw, as Textual's footer draws them (one per action, the first key bound
        to it, then the command palette's when shown), with the labels of `_label`."""
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(first)
        for binding, enabled, tooltip in first.values():
            label = self._label(binding.action, binding.description)
            yield self._key(binding, label, enabled, tooltip)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette:
            _node, binding, enabled, _tooltip = palette
            tooltip = binding.tooltip or binding.description
            yield self._key(binding, binding.description, enabled, tooltip, "-command-palette")

    def _key(
        self, binding: Binding, label: str, enabled: bool, tooltip: str, classes: str = ""
    ) -> FooterKey:
        # Made compact like the footer (fixed once it is mounted), with the class that gives
        # it, so that it is styled once; not bound to the footer, so that a key can be made
        # outside the footer's own handlers (Textual's data binding works only inside them).
        compact = " -compact" if self.compact else ""
        key = LaidOutKey(
            binding.key,
            self.app.get_key_display(binding),
            label,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            classes=classes + compact,
        )
        key.set_reactive(FooterKey.compact, self.compact)
        return key

    TEXTUAL_LABELS = frozenset({N_("Dismiss menu")})
    """Labels of keys that Textual's own widgets show (a drop-down list's Escape), in English:
    translated here."""

    def _label(self, action: str, description: str) -> str:
        """A key's label as drawn: none for some keys below 80 columns (`KEY_ONLY_WHEN_NARROW`)."""
        narrow = self.app.size.width < 80
        if narrow and action in self.KEY_ONLY_WHEN_NARROW:
            return ""
        return _(description) if description in self.TEXTUAL_LABELS else description

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not self.is_attached or screen not in self.app.screen_stack or not screen.is_mounted:
            # A screen kept aside for later, or still being built: its keys read as disabled
            # then, and it asks again once it is shown (`GuardedScreen`), so the footer is
            # built once, with the keys that work.
            return
        if self.app.app_focus and screen is self.screen:
            shown = _shown_keys(screen)
            if shown == self._shown:
                return
            if self._shown is not None and self._update_in_place():
                self._shown = shown
                return
            self._shown = shown
        super().bindings_changed(screen)

    async def build_now(self, done: asyncio.Event) -> None:
        """Build the footer with the screen's keys as they are, though it is not shown, then
        set `done`: for a screen built ahead (its keys then read as disabled; they are enabled
        in place when it is shown). Runs as the footer's own callback (`call_later`)."""
        try:
            self._shown = _shown_keys(self.screen)
            self._bindings_ready = True
            await self.recompose()
        finally:
            done.set()

    def _update_in_place(self) -> bool:
        """Change the keys drawn into those to show now, keeping the widget of each action that
        stays: it takes its new key, label and state (in a text field, help is F1, not "?");
        keys that came are mounted in their place and keys that went are removed. Much quicker
        than building every key again. False, for a rebuild, when the actions that stay
        changed order."""
        drawn = [widget for widget in self.children if not widget._pruning]
        new = list(self._keys())
        old = {key.action: key for key in drawn if isinstance(key, FooterKey)}
        actions = [key.action for key in new]
        if len(old) != len(drawn):
            return False
        if [action for action in old if action in actions] != [
            action for action in actions if action in old
        ]:
            return False
        gone = [key for action, key in old.items() if action not in actions]
        if gone:
            self.remove_children(gone)
        for index, key in enumerate(new):
            kept = old.get(actions[index])
            if kept is not None:
                _take_key(kept, key)
                continue
            after = (old[action] for action in actions[index + 1 :] if action in old)
            self.mount(key, before=next(after, None))
        return True


class LaidOutKey(SizedByLayout, FooterKey):
    """A key of the footer (see `SizedByLayout`)."""


def _take_key(key: FooterKey, other: FooterKey) -> None:
    """Make `key` show what `other`, built for the same action, would."""
    if (key.description, key.key_display) != (other.description, other.key_display):
        key.description, key.key_display = other.description, other.key_display
        key.refresh(layout=True)
    key.key = other.key  # What a click on it presses.
    key.tooltip = other.tooltip
    key._disabled = other._disabled  # What a click on it does (see Textual's FooterKey).
    key.set_class(other._disabled, "-disabled")


def _shown_keys(screen: Screen[object]) -> tuple[tuple[Any, ...], ...]:
    """What the footer draws: each key shown (and the command palette's), enabled or not."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (
            key,
            screen.app.get_key_display(binding),
            binding.description,
            binding.action,
            enabled,
            tip,
        )
        for key, (_node, binding, enabled, tip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class Plain(SizedByLayout, Static):
    """Text shown exactly as written: policy content and staff names may hold [brackets], which
    Textual would otherwise read as markup (dropping them, or failing on a stray `[/b]`)."""

    def __init__(
        self,
        content: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(content, markup=False, id=id, classes=classes)

    def take(self, other: Plain) -> None:
        """Show what `other` (a new line for the same place) would."""
        if other.content != self.content:  # An update lays the screen out again.
            self.update(other.content)


def cells(*values: str) -> list[Text]:
    """Table cells shown exactly as written, like `Plain`: a `DataTable` reads strings as markup."""
    return [Text(value) for value in values]


class Hint(Plain):
    """A line saying which keys do what on this screen."""


class FactTable(SizedByLayout, Static):
    """Label and value pairs, such as the lines of a certificate."""

    def __init__(self, rows: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)

    def render(self) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")  # A long fingerprint wraps, never cut.
        for label, value in self.rows:
            grid.add_row(Text(label), Text(value))
        return grid


class ActionMenu(SizedByLayout, Static, can_focus=True):
    """A short numbered menu: arrows move, Enter (or the option's digit) chooses.

    Lighter than an OptionList, which matters on the first screen shown.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    class Chosen(Message):
        def __init__(self, menu: ActionMenu, option_id: str) -> None:
            super().__init__()
            self.menu = menu
            self.option_id = option_id

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        *,
        highlighted: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.highlighted = self._index_of(highlighted)

    def _index_of(self, option_id: str | None) -> int:
        ids = [option for option, _label in self.options]
        return ids.index(option_id) if option_id in ids else 0

    @property
    def highlighted_id(self) -> str | None:
        """The highlighted option, by id (positions change with the language and the options)."""
        return self.options[self.highlighted][0] if self.options else None

    def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        keep = self.highlighted_id
        self.options = list(options)
        self.highlighted = self._index_of(keep)
        self.refresh(layout=True)

    def render(self) -> Text:
        return Text("\n").join(
            Text(*self._line(index, option_id, label))
            for index, (option_id, label) in enumerate(self.options)
        )

    def _line(self, index: int, option_id: str, label: str) -> tuple[str, str]:
        """An option's line and its style."""
        here = index == self.highlighted
        style = "reverse bold" if here and self.has_focus else ("bold" if here else "")
        return ("▶ " if here else "  ") + label, style

    def action_move(self, step: int) -> None:
        if self.options:
            self.action_move_to(self.highlighted + step)

    def action_move_to(self, index: int) -> None:
        """Highlight option `index` (counted from the end when negative)."""
        if self.options:
            self.highlighted = index % len(self.options)
            self.refresh()

    def action_choose(self) -> None:
        if self.options:
            self.post_message(self.Chosen(self, self.options[self.highlighted][0]))

    def choose_number(self, number: int) -> None:
        if 1 <= number <= len(self.options):
            self.highlighted = number - 1
            self.action_choose()

    def on_click(self, event: Click) -> None:
        row = self._row_at(event)
        if row is not None:
            self.highlighted = row
            self.action_choose()

    def _row_at(self, event: Click) -> int | None:
        """The option clicked, if the click was on one."""
        row = event.y - 1  # The first line is the border.
        return row if 0 <= row < len(self.options) else None

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()


class RoleChoices(ActionMenu):
    """The roles, one of which is chosen: arrows move, Space chooses, Enter chooses and asks to
    go on, a click chooses.

    One widget drawing its lines, not a set of radio buttons: moving the focus onto a dozen
    widgets restyled and redrew each of them, which made the Tab onto the roles the slowest key
    of a whole induction. The choice shows as a dot, not by colour alone.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "choose_only", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]

    class Chosen(ActionMenu.Chosen):
        """Enter was pressed on a role: it is chosen, and the form asks to go on."""

    def __init__(
        self,
        roles: Sequence[tuple[str, str]],
        *,
        chosen: str | None = None,
        id: str | None = None,
    ) -> None:
        ids = [role for role, _label in roles]
        self.chosen = chosen if chosen in ids else None
        """The chosen role's id; none until one is chosen."""
        super().__init__(roles, highlighted=self.chosen, id=id)

    def _line(self, index: int, option_id: str, label: str) -> tuple[str, str]:
        here = index == self.highlighted and self.has_focus  # The place shows only then.
        dot = "(●) " if option_id == self.chosen else "( ) "
        return ("▶ " if here else "  ") + dot + label, "reverse bold" if here else ""

    def action_choose_only(self) -> None:
        self.chosen = self.highlighted_id
        self.refresh()

    def action_choose(self) -> None:
        self.action_choose_only()
        super().action_choose()

    def on_click(self, event: Click) -> None:
        event.prevent_default()  # The menu's own click would go on as well.
        row = self._row_at(event)
        if row is not None:
            self.highlighted = row
            self.action_choose_only()
