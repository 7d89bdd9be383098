"""Dialogs over the journey: confirm, help, passphrase, and the too-small warning."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from smtrainer.i18n import N_, _
from smtrainer.ui.key_names import key_name
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import Plain

YES_KEY = N_("y")
"""The key that answers yes (TRANSLATORS: one lower-case letter, "o" for "oui" in French)."""
NO_KEY = N_("n")
"""The key that answers no (TRANSLATORS: one lower-case letter, "n" for "non" in French)."""


class ConfirmDialog(ModalScreen[bool | None]):
    """A yes/no question.

    The focused button is the default and looks it: Enter answers with it, ←/→ and Tab move
    between the buttons, the yes and no letters of the active language answer directly, and
    Escape cancels (the result is None: neither yes nor no).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
        Binding("f2", "app.switch_language", show=False),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
        *(Binding(letter, f"letter('{letter}')", show=False) for letter in "yno"),
    ]

    def __init__(self, question: str, *, default: bool = False) -> None:
        super().__init__()
        self.question = question
        self.focused_id = "yes" if default else "no"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Yes"), id="yes")
                yield Button(_("No"), id="no")
            yield Plain(
                _(
                    "{yes}: yes · {no}: no · {enter}: the highlighted answer · {escape}: cancel"
                ).format(
                    yes=_(YES_KEY), no=_(NO_KEY), enter=key_name("enter"), escape=key_name("escape")
                ),
                classes="dialog-hint",
            )

    TIGHT_HEIGHT = 18
    """Below this many rows the dialog drops its padding, so that the question, the buttons
    and the keys still fit (it can be opened in a window too small for the rest: Ctrl+Q)."""

    def on_mount(self) -> None:
        retranslate(self)
        self._fit()
        self.query_one(f"#{self.focused_id}", Button).focus()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        for dialog in self.query(".dialog"):
            dialog.set_class(self.app.size.height < self.TIGHT_HEIGHT, "-tight")

    async def refresh_language(self) -> None:
        focused = self.focused
        if isinstance(focused, Button) and focused.id:
            self.focused_id = focused.id
        retranslate(self)
        await self.recompose()
        self._fit()
        self.query_one(f"#{self.focused_id}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_letter(self, letter: str) -> None:
        if letter == _(YES_KEY):
            self.dismiss(True)
        elif letter == _(NO_KEY):
            self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP_KEYS = (
    ("1 … 9", N_("pick a choice (in questions with several answers: tick or untick)")),
    ("enter", N_("confirm, or continue (on a role: choose it and continue)")),
    ("escape", N_("go back one step")),
    ("tab", N_("next field or button")),
    ("question_mark,f1", N_("this help")),
    ("f2", N_("switch between English and French, without losing your place")),
    ("f3", N_("high-contrast colours on or off")),
    ("f4", N_("who to tell: the people your school's policy says to go to")),
    ("ctrl+s", N_("continue from the form about you")),
    ("ctrl+p", N_("command palette")),
    ("ctrl+q", N_("quit (your progress is kept)")),
)
"""Every key, by its Textual name (shown in the active language by `key_name`); keys that do the
same are separated by commas."""


DASHBOARD_KEYS = (
    ("up,down", N_("move in the table")),
    ("enter", N_("open the person's history")),
    ("escape", N_("close the history or this help")),
    ("tab", N_("next field: search, filters, tabs, table")),
    ("slash", N_("search by name or staff id")),
    ("o", N_("change the order of the staff table")),
    ("e", N_("export the staff table as a CSV file")),
    ("question_mark,f1", N_("this help")),
    ("f2", N_("switch between English and French")),
    ("ctrl+p", N_("command palette")),
    ("ctrl+q", N_("quit")),
)
"""The head teacher's dashboard's keys (see HELP_KEYS)."""


SYMBOLS_NOTE = N_("Right and wrong are always shown with words and the symbols ✓ ~ ✗.")
"""The training app's help ends with it."""


class HelpScreen(ModalScreen[None]):
    """The keys and what they do (the training app's, or those given)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,enter", "close", N_("Close"), id="close"),
        Binding("f2", "app.switch_language", show=False),
        # Taller than a small window: the arrows and page keys scroll it.
        Binding("up", "scroll(-1)", show=False),
        Binding("down", "scroll(1)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
        Binding("pagedown", "scroll(10)", show=False),
    ]

    def __init__(
        self, keys: tuple[tuple[str, str], ...] = HELP_KEYS, note: str | None = SYMBOLS_NOTE
    ) -> None:
        """`note`: a line under the keys (translated when shown), or None."""
        super().__init__()
        self.keys = keys
        self.note = note

    def compose(self) -> ComposeResult:
        names = [" / ".join(map(key_name, keys.split(","))) for keys, _text in self.keys]
        width = max(len(name) for name in names)
        lines = [
            f"{name:<{width}}   {_(text)}"
            for name, (_key, text) in zip(names, self.keys, strict=True)
        ]
        with Vertical(classes="dialog"):
            yield Plain(_("Keys"), classes="dialog-title")
            yield Plain("\n".join(lines), classes="dialog-text")
            if self.note is not None:
                yield Plain(_(self.note), classes="dialog-text")
            yield Plain(
                _("Press {key} to close.").format(key=key_name("escape")), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        retranslate(self)

    async def refresh_language(self) -> None:
        retranslate(self)
        await self.recompose()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one(".dialog").scroll_relative(y=lines, animate=False)


class PassphraseDialog(ModalScreen[str | None]):
    """Asks for the passphrase of a protected signing key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), id="cancel"),
    ]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.problem, classes="dialog-text")
            yield Input(password=True, placeholder=_("Passphrase"), id="passphrase")

    def on_mount(self) -> None:
        retranslate(self)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TooSmallScreen(ModalScreen[None]):
    """Shown while the terminal is too small to read the training."""

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        width, height = self.minimum
        yield Plain(
            _(
                "This window is too small for the training.\n"
                "Please make it at least {width} columns by {height} lines."
            ).format(width=width, height=height),
            id="too-small",
        )

    async def refresh_language(self) -> None:
        await self.recompose()
