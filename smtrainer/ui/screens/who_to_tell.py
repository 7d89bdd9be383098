"""Whom to tell: the contacts the school's policy names, over any screen (F4)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen

from smtrainer.documents.school_notes import who_to_tell_text
from smtrainer.domain.model import Policy
from smtrainer.i18n import N_, _, current_language
from smtrainer.ui.key_names import key_name
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import Plain


class WhoToTellScreen(ModalScreen[None]):
    """Every contact of the pack in the active language, and where the full policy is kept."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4,enter", "close", N_("Close"), id="close"),
        Binding("f2", "app.switch_language", show=False),
    ]

    def __init__(self, policies: dict[str, Policy]) -> None:
        super().__init__()
        self.policies = policies

    def compose(self) -> ComposeResult:
        policy = self.policies.get(current_language()) or next(iter(self.policies.values()))
        with Vertical(classes="dialog"):
            yield Plain(
                _("Who to tell at {school}").format(school=policy.school), classes="dialog-title"
            )
            with VerticalScroll(id="who-to-tell-list"):
                yield Plain(who_to_tell_text(policy), id="who-to-tell", classes="dialog-text")
            yield Plain(
                _("Press {key} to close.").format(key=key_name("escape")), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        retranslate(self)
        self.query_one("#who-to-tell-list").focus()

    async def refresh_language(self) -> None:
        retranslate(self)
        await self.recompose()

    def action_close(self) -> None:
        self.dismiss(None)
