"""Dialogs over the journey: confirm, help, passphrase, and the too-small warning."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from smtrainer.i18n import N_, _
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import Plain


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; Escape means no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", N_("Cancel"), id="cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Yes"), id="yes", variant="primary")
                yield Button(_("No"), id="no")

    def on_mount(self) -> None:
        retranslate(self)
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


HELP_KEYS = (
    ("1 … 9", N_("pick a choice (in questions with several answers: tick or untick)")),
    ("Enter", N_("confirm, or continue")),
    ("Escape", N_("go back one step")),
    ("?", N_("this help")),
    ("F2", N_("switch between English and French, without losing your place")),
    ("F3", N_("high-contrast colours on or off")),
    ("Ctrl+P", N_("command palette")),
    ("Ctrl+Q", N_("quit (your progress is kept)")),
)


class HelpScreen(ModalScreen[None]):
    """The keys and what they do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "close", N_("Close"), id="close"),
    ]

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _text in HELP_KEYS)
        lines = [f"{key:<{width}}   {_(text)}" for key, text in HELP_KEYS]
        with Vertical(classes="dialog"):
            yield Plain(_("Keys"), classes="dialog-title")
            yield Plain("\n".join(lines), classes="dialog-text")
            yield Plain(
                _("Right and wrong are always shown with words and the symbols ✓ ~ ✗."),
                classes="dialog-text",
            )
            yield Plain(_("Press Escape to close."), classes="dialog-hint")

    def on_mount(self) -> None:
        retranslate(self)

    async def refresh_language(self) -> None:
        retranslate(self)
        await self.recompose()

    def action_close(self) -> None:
        self.dismiss(None)


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
